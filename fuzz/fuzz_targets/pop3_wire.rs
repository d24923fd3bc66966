//! The POP3 wire format: status lines, CAPA, LIST and UIDL lines, and the streaming
//! dot-unstuffer, which must give the same message whatever pieces the bytes arrive in.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tidings::engine::pop3::wire::{self, Capabilities, HoldBack, Unstuffer};

/// Unstuffs `wire` fed in pieces of `piece` bytes: the message and where it ended.
fn unstuff(wire: &[u8], piece: usize) -> (Vec<u8>, Option<usize>) {
    let mut u = Unstuffer::new();
    let mut out = Vec::new();
    let mut offset = 0;
    for chunk in wire.chunks(piece.max(1)) {
        if let Some(n) = u.feed(chunk, &mut out) {
            assert!(n <= chunk.len());
            return (out, Some(offset + n));
        }
        offset += chunk.len();
    }
    (out, None)
}

fuzz_target!(|data: &[u8]| {
    let Some((&piece, rest)) = data.split_first() else {
        return;
    };
    for line in rest.split(|b| *b == b'\n') {
        if let Some(status) = wire::parse_status(line) {
            let _ = status.code();
        }
        let _ = wire::parse_list_line(line);
        if let Some((_, uid)) = wire::parse_uidl_line(line) {
            assert!(!uid.is_empty() && uid.len() <= 70);
            assert!(uid.bytes().all(|b| (0x21..=0x7e).contains(&b)));
        }
    }
    let caps = Capabilities::parse(rest.split(|b| *b == b'\n'));
    assert!(caps.known);

    let whole = unstuff(rest, rest.len().max(1));
    let pieces = unstuff(rest, usize::from(piece % 17) + 1);
    assert_eq!(whole, pieces, "the piece size changed the message");
    // What comes out is never longer than what went in.
    assert!(whole.0.len() <= rest.len());

    let mut sink = Vec::new();
    let mut hold = HoldBack::default();
    for chunk in whole.0.chunks(usize::from(piece % 5) + 1) {
        hold.pass(chunk, &mut sink).expect("a Vec takes everything");
    }
    let dropped = hold.finish(piece & 1 == 1, &mut sink).expect("finish");
    assert_eq!(sink.len() as u64 + dropped, whole.0.len() as u64);
    assert_eq!(&sink[..], &whole.0[..sink.len()]);
});
