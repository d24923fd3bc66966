//! The POP3 wire format, as pure functions: status lines, capabilities, listings, and the
//! multi-line decoder that removes dot-stuffing from a message as it streams past.
//!
//! RFC 1939 §3: a response is a status line (`+OK` or `-ERR`, at most 512 octets with CRLF),
//! and for some commands a multi-line block whose lines starting with `.` are dot-stuffed and
//! which ends with a line holding only `.`.

use std::io::{self, Write};

/// The longest single line we accept in a status reply or a listing. RFC 2449 §4 caps
/// responses at 512 octets; real servers stay far below this bound, which only stops a
/// broken or hostile server from growing a line without end.
pub const MAX_LINE: usize = 8 * 1024;

/// The most memory a multi-line listing (CAPA, LIST, UIDL) may take, each line counted
/// with its bookkeeping: room for the UIDL of some 800,000 messages, while a server that
/// lists without end cannot exhaust memory.
pub const MAX_LISTING: usize = 64 * 1024 * 1024;

/// RFC 1939 §7: a unique-id is 1 to 70 characters in the range 0x21..=0x7E.
const MAX_UIDL: usize = 70;

/// A status line: `+OK text` or `-ERR text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub ok: bool,
    /// The text after the status indicator, without the leading space.
    pub text: String,
}

impl Status {
    /// The RFC 2449 §8 response code at the start of the text, such as `AUTH` or
    /// `SYS/TEMP` from `[SYS/TEMP] try later`.
    pub fn code(&self) -> Option<&str> {
        let rest = self.text.strip_prefix('[')?;
        let end = rest.find(']')?;
        Some(&rest[..end])
    }
}

/// Parses a status line (without its line ending). `None` when it is neither `+OK` nor `-ERR`.
pub fn parse_status(line: &[u8]) -> Option<Status> {
    // The server's words reach the user in error messages: made safe to show first.
    let text = |rest: &[u8]| {
        let rest = rest.strip_prefix(b" ").unwrap_or(rest);
        crate::engine::safety::server_text(&String::from_utf8_lossy(rest))
    };
    if let Some(rest) = line.strip_prefix(b"+OK") {
        Some(Status {
            ok: true,
            text: text(rest),
        })
    } else {
        line.strip_prefix(b"-ERR").map(|rest| Status {
            ok: false,
            text: text(rest),
        })
    }
}

/// What a server said it can do in its CAPA answer (RFC 2449 §6).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Capabilities {
    /// False when the server did not answer CAPA at all (an RFC 1939-only server): then
    /// nothing can be concluded from the other fields.
    pub known: bool,
    pub stls: bool,
    pub user: bool,
    pub uidl: bool,
    pub top: bool,
    pub pipelining: bool,
    pub resp_codes: bool,
    /// SASL mechanisms, upper-cased. Unknown names are kept and simply not used.
    pub sasl: Vec<String>,
}

impl Capabilities {
    /// Reads the lines of a CAPA answer. Names are case-insensitive; unknown ones are
    /// ignored, so a new capability or SASL mechanism never breaks the session.
    pub fn parse<'a>(lines: impl IntoIterator<Item = &'a [u8]>) -> Self {
        let mut caps = Capabilities {
            known: true,
            ..Capabilities::default()
        };
        for line in lines {
            let line = String::from_utf8_lossy(line);
            let mut words = line.split_ascii_whitespace();
            let Some(name) = words.next() else { continue };
            match name.to_ascii_uppercase().as_str() {
                "STLS" => caps.stls = true,
                "USER" => caps.user = true,
                "UIDL" => caps.uidl = true,
                "TOP" => caps.top = true,
                "PIPELINING" => caps.pipelining = true,
                "RESP-CODES" => caps.resp_codes = true,
                "SASL" => caps.sasl.extend(words.map(|m| m.to_ascii_uppercase())),
                _ => {}
            }
        }
        caps
    }

    pub fn has_sasl(&self, mechanism: &str) -> bool {
        self.sasl.iter().any(|m| m == mechanism)
    }
}

/// One line of a LIST answer: message number and size in octets.
pub fn parse_list_line(line: &[u8]) -> Option<(u32, u64)> {
    let line = std::str::from_utf8(line).ok()?;
    let mut words = line.split_ascii_whitespace();
    let number = words.next()?.parse().ok()?;
    let size = words.next()?.parse().ok()?;
    Some((number, size))
}

/// One line of a UIDL answer: message number and unique-id.
pub fn parse_uidl_line(line: &[u8]) -> Option<(u32, String)> {
    let line = std::str::from_utf8(line).ok()?;
    let mut words = line.split_ascii_whitespace();
    let number = words.next()?.parse().ok()?;
    let uid = words.next()?;
    // Nothing may follow the unique-id (RFC 1939 §7): with more words, which one names the
    // message would be a guess.
    let valid = words.next().is_none()
        && !uid.is_empty()
        && uid.len() <= MAX_UIDL
        && uid.bytes().all(|b| (0x21..=0x7e).contains(&b));
    valid.then(|| (number, uid.to_owned()))
}

/// Whether a value may be sent inside a command: CR, LF or NUL would end the command early
/// and let the rest be read as another command.
pub fn is_safe_argument(value: &str) -> bool {
    !value.bytes().any(|b| matches!(b, b'\r' | b'\n' | 0))
}

/// Removes dot-stuffing from a multi-line block as it arrives, in pieces of any size, and
/// finds its end. Lines of any length pass through without being held in memory.
///
/// Lenient where servers differ: a bare LF also ends a line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Unstuffer {
    state: State,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum State {
    /// At the start of a line.
    #[default]
    LineStart,
    /// Inside a line.
    Mid,
    /// After a `.` at the start of a line.
    Dot,
    /// After `.` CR at the start of a line.
    DotCr,
}

impl Unstuffer {
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends the unstuffed content of `input` to `out`. Returns `Some(n)` once the
    /// terminating line was seen, `n` being how many bytes of `input` belong to this block
    /// (terminator included); `None` means all of `input` was consumed and more is needed.
    pub fn feed(&mut self, input: &[u8], out: &mut Vec<u8>) -> Option<usize> {
        let mut i = 0;
        while i < input.len() {
            match self.state {
                State::Mid => match memchr::memchr(b'\n', &input[i..]) {
                    Some(at) => {
                        out.extend_from_slice(&input[i..=i + at]);
                        i += at + 1;
                        self.state = State::LineStart;
                    }
                    None => {
                        out.extend_from_slice(&input[i..]);
                        i = input.len();
                    }
                },
                State::LineStart => {
                    if input[i] == b'.' {
                        self.state = State::Dot;
                        i += 1;
                    } else {
                        self.state = State::Mid;
                    }
                }
                State::Dot => match input[i] {
                    b'\r' => {
                        self.state = State::DotCr;
                        i += 1;
                    }
                    b'\n' => {
                        self.state = State::LineStart;
                        return Some(i + 1);
                    }
                    // A stuffed dot: drop it, keep the rest of the line.
                    _ => self.state = State::Mid,
                },
                State::DotCr => {
                    if input[i] == b'\n' {
                        self.state = State::LineStart;
                        return Some(i + 1);
                    }
                    // `.` CR then something else: the dot was stuffing, the CR is content.
                    out.push(b'\r');
                    self.state = State::Mid;
                }
            }
        }
        None
    }
}

/// Passes a stream of bytes on to a writer, always holding back the last two, so the end
/// can decide whether a final CRLF belongs to the message.
#[derive(Debug, Default)]
pub struct HoldBack {
    held: [u8; 2],
    len: usize,
}

impl HoldBack {
    pub fn pass(&mut self, data: &[u8], sink: &mut dyn Write) -> io::Result<()> {
        match data.len() {
            0 => {}
            1 if self.len < 2 => {
                self.held[self.len] = data[0];
                self.len += 1;
            }
            1 => {
                sink.write_all(&self.held[..1])?;
                self.held = [self.held[1], data[0]];
            }
            n => {
                sink.write_all(&self.held[..self.len])?;
                sink.write_all(&data[..n - 2])?;
                self.held = [data[n - 2], data[n - 1]];
                self.len = 2;
            }
        }
        Ok(())
    }

    /// Writes what is held, or drops it when `drop_line_end` and it is a CRLF. Returns how
    /// many bytes were dropped.
    pub fn finish(self, drop_line_end: bool, sink: &mut dyn Write) -> io::Result<u64> {
        if drop_line_end && self.len == 2 && self.held == *b"\r\n" {
            return Ok(2);
        }
        sink.write_all(&self.held[..self.len])?;
        Ok(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unstuff_in_pieces(wire: &[u8], piece: usize) -> (Vec<u8>, usize) {
        let mut u = Unstuffer::new();
        let mut out = Vec::new();
        let mut offset = 0;
        for chunk in wire.chunks(piece) {
            if let Some(n) = u.feed(chunk, &mut out) {
                return (out, offset + n);
            }
            offset += chunk.len();
        }
        panic!("no terminator in {wire:?}");
    }

    #[test]
    fn dot_stuffing_is_removed_whatever_the_piece_size() {
        let wire = b"Subject: x\r\n\r\n..leading\r\n...two\r\n..\r\n.\r\r\nend\r\n.\r\nNEXT";
        let want = b"Subject: x\r\n\r\n.leading\r\n..two\r\n.\r\n\r\r\nend\r\n";
        for piece in 1..wire.len() {
            let (out, used) = unstuff_in_pieces(wire, piece);
            assert_eq!(out, want, "piece size {piece}");
            assert_eq!(&wire[used..], b"NEXT", "piece size {piece}");
        }
    }

    #[test]
    fn an_empty_block_and_bare_lf_lines_end_properly() {
        assert_eq!(unstuff_in_pieces(b".\r\n", 3), (Vec::new(), 3));
        assert_eq!(
            unstuff_in_pieces(b"a\n..b\n.\nrest", 4),
            (b"a\n.b\n".to_vec(), 8)
        );
    }

    #[test]
    fn a_dot_inside_a_line_is_content() {
        let (out, _) = unstuff_in_pieces(b"a.b\r\n x.\r\n.\r\n", 2);
        assert_eq!(out, b"a.b\r\n x.\r\n");
    }

    #[test]
    fn the_hold_back_keeps_the_last_two_bytes_until_the_end() {
        for piece in 1..6 {
            for (drop, want) in [(true, &b"abc\r\nd"[..]), (false, &b"abc\r\nd\r\n"[..])] {
                let mut sink = Vec::new();
                let mut hold = HoldBack::default();
                for chunk in b"abc\r\nd\r\n".chunks(piece) {
                    hold.pass(chunk, &mut sink).unwrap();
                    assert!(sink.len() <= 6);
                }
                let dropped = hold.finish(drop, &mut sink).unwrap();
                assert_eq!(sink, want, "piece {piece}");
                assert_eq!(dropped, if drop { 2 } else { 0 });
            }
        }
        let mut sink = Vec::new();
        let mut hold = HoldBack::default();
        hold.pass(b"x", &mut sink).unwrap();
        assert_eq!(hold.finish(true, &mut sink).unwrap(), 0);
        assert_eq!(sink, b"x");
    }

    #[test]
    fn status_lines_and_response_codes() {
        let s = parse_status(b"-ERR [AUTH] Authentication failed.").unwrap();
        assert!(!s.ok);
        assert_eq!(s.code(), Some("AUTH"));
        assert_eq!(s.text, "[AUTH] Authentication failed.");
        let s = parse_status(b"+OK").unwrap();
        assert!(s.ok && s.text.is_empty() && s.code().is_none());
        assert!(parse_status(b"* OK imap").is_none());
    }

    #[test]
    fn unknown_capabilities_and_sasl_names_do_not_break_parsing() {
        let lines: Vec<&[u8]> = vec![
            b"TOP",
            b"uidl",
            b"SASL PLAIN SCRAM-SHA-256-PLUS x-weird_mech",
            b"IMPLEMENTATION Shlemazle",
            b"stls",
            b"PIPELINING",
        ];
        let caps = Capabilities::parse(lines);
        assert!(caps.known && caps.top && caps.uidl && caps.stls && caps.pipelining);
        assert!(!caps.user);
        assert!(caps.has_sasl("PLAIN"));
        assert!(caps.has_sasl("X-WEIRD_MECH"));
    }

    #[test]
    fn listings_are_parsed_and_bad_uidls_refused() {
        assert_eq!(parse_list_line(b"3 1204"), Some((3, 1204)));
        assert_eq!(parse_list_line(b"x 1"), None);
        assert_eq!(
            parse_uidl_line(b"1 000000016b080daa"),
            Some((1, "000000016b080daa".into()))
        );
        assert_eq!(parse_uidl_line(b"1"), None);
        assert_eq!(parse_uidl_line(b"1 two words"), None);
        assert_eq!(parse_uidl_line(b"1 abc  "), Some((1, "abc".into())));
        assert_eq!(parse_uidl_line(&[b'1', b' ', 0xc3, 0xa9]), None);
        let long = format!("1 {}", "a".repeat(71));
        assert_eq!(parse_uidl_line(long.as_bytes()), None);
    }

    #[test]
    fn line_breaks_and_nul_are_unsafe_in_arguments() {
        assert!(is_safe_argument("alice@example.test"));
        assert!(is_safe_argument("pä ss wörd"));
        for bad in ["a\rb", "a\nb", "a\0b"] {
            assert!(!is_safe_argument(bad), "{bad:?}");
        }
    }
}
