//! The byte stream under an IMAP session: plain TCP or TLS, with buffered writes.
//!
//! async-imap writes a command in four small pieces (tag, space, text, CRLF) and then flushes;
//! over TLS each piece would become its own record and, with `TCP_NODELAY`, its own packet.
//! A write buffer turns each command into one.
//!
//! The transport also remembers the last complete line the server sent while `tap` is on.
//! async-imap reports a refused LOGIN/AUTHENTICATE only as a debug string; the server's own
//! words, which the user must see ("[AUTHENTICATIONFAILED] Authentication failed."), are
//! taken from that line instead.
//!
//! And it bounds what a server can make us hold: async-imap keeps a whole response in one
//! buffer (up to 512 MiB) and parses it again after every read, so an endless line costs
//! memory and quadratic time, and a literal announced as `{4000000000}` is waited for. The
//! [`Guard`] counts every line's length (literals aside) and every literal's announced size
//! as the bytes pass, and ends the connection with [`TooLarge`] past [`MAX_LINE`] or
//! [`MAX_LITERAL`].
//!
//! It also mends the one byte async-imap's parser (imap-proto 0.17) cannot take: after a
//! status response's code (`* OK [ALERT]…`) it drops the first byte of the text as the
//! space the grammar puts there, slicing a `str`; a multi-byte character in that place
//! panicked. A server could crash a sync with it (found by the `imap_parts` fuzz target),
//! so a non-ASCII byte right after such a `]` is replaced by a space before the parser
//! sees it. Only that byte of human-readable text changes.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, BufWriter, ReadBuf};
use tokio::net::TcpStream;
use tokio_rustls::client::TlsStream;

/// How long a remembered server line may be; the rest is cut.
const TAP_LIMIT: usize = 2048;

/// The longest line a server may send, literals not counted. Real lines are short; the
/// longest are VANISHED lists of large mailboxes, far below this. async-imap parses a
/// line again after every 4 KiB read, so the bound also bounds that work.
pub const MAX_LINE: usize = 4 * 1024 * 1024;

/// The largest literal a server may announce; whole messages arrive as literals, and the
/// biggest mail servers accept is a few tens of megabytes.
pub const MAX_LITERAL: u64 = 256 * 1024 * 1024;

/// The server sent a line or announced a literal larger than we accept.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TooLarge {
    #[error("the server sent a line longer than {} bytes", MAX_LINE)]
    Line,
    #[error("the server announced a literal of {0} bytes (at most {max} are accepted)", max = MAX_LITERAL)]
    Literal(u64),
}

/// Follows the server's bytes line by line, skipping literals, to bound both.
#[derive(Debug, Default)]
struct Guard {
    /// Bytes of the current line so far, literals not counted.
    line: usize,
    /// Bytes of the literal being received that are still to come.
    literal: u64,
    /// The end of the current line, enough to see a literal announced there.
    tail: Vec<u8>,
    /// The start of the current line, up to a response code's `[`.
    head: Vec<u8>,
    /// Where the current line is with respect to a status response's code.
    code: Code,
}

/// The parts of a status response line (`tag OK [CODE] text`) the guard walks through.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Code {
    /// Before any `[`: the line's start is collected.
    #[default]
    Head,
    /// Inside a status response's `[...]`.
    Inside,
    /// Right after its `]`.
    After,
    /// Nothing more to look at on this line.
    Done,
}

/// The longest line start looked at for a response code (a tag, a status, spaces).
const HEAD: usize = 80;

/// Whether a line starting with `head` and then `[` is a status response with a code:
/// `tag SP (OK / NO / BAD / BYE / PREAUTH) SP [` (RFC 3501 §7.1), or a continuation `+ [`.
fn status_head(head: &[u8]) -> bool {
    if head == b"+" || head == b"+ " {
        return true;
    }
    let Some(rest) = head.strip_suffix(b" ") else {
        return false;
    };
    let Some(space) = rest.iter().position(|b| *b == b' ') else {
        return false;
    };
    let word = &rest[space + 1..];
    space > 0
        && [&b"OK"[..], b"NO", b"BAD", b"BYE", b"PREAUTH"]
            .iter()
            .any(|w| word.eq_ignore_ascii_case(w))
}

/// Room for a literal's announcement, with more digits than any real one has.
const TAIL: usize = 64;

impl Guard {
    fn feed(&mut self, bytes: &mut [u8]) -> Result<(), TooLarge> {
        let mut at = 0;
        while at < bytes.len() {
            if self.literal > 0 {
                let skip =
                    (bytes.len() - at).min(usize::try_from(self.literal).unwrap_or(usize::MAX));
                self.literal -= skip as u64;
                at += skip;
                continue;
            }
            let rest = &mut bytes[at..];
            let (len, line_end) = match memchr::memchr(b'\n', rest) {
                Some(end) => (end, true),
                None => (rest.len(), false),
            };
            let piece = &mut rest[..len];
            self.mend(piece);
            self.line += len;
            if self.line > MAX_LINE {
                return Err(TooLarge::Line);
            }
            self.tail
                .extend_from_slice(&piece[piece.len().saturating_sub(TAIL)..]);
            let excess = self.tail.len().saturating_sub(TAIL);
            self.tail.drain(..excess);
            if !line_end {
                return Ok(());
            }
            // RFC 3501 §4.3: a literal is announced as `{n}` CRLF at the end of a line.
            // The line goes on after it, so no new line starts there.
            self.code = Code::Head;
            if let Some(n) = announced_literal(&self.tail) {
                if n > MAX_LITERAL {
                    return Err(TooLarge::Literal(n));
                }
                self.literal = n;
                self.code = Code::Done;
            }
            self.line = 0;
            self.tail.clear();
            self.head.clear();
            at += len + 1;
        }
        Ok(())
    }

    /// Replaces a non-ASCII byte right after a status response's code (see the module's
    /// documentation).
    fn mend(&mut self, piece: &mut [u8]) {
        for b in piece.iter_mut() {
            match self.code {
                Code::Head if *b == b'[' => {
                    self.code = if status_head(&self.head) {
                        Code::Inside
                    } else {
                        Code::Done
                    };
                }
                Code::Head if self.head.len() >= HEAD => self.code = Code::Done,
                Code::Head => self.head.push(*b),
                Code::Inside => {
                    if *b == b']' {
                        self.code = Code::After;
                    }
                }
                Code::After => {
                    if !b.is_ascii() {
                        *b = b' ';
                    }
                    self.code = Code::Done;
                }
                Code::Done => return,
            }
        }
    }
}

/// What async-imap's parser gets when a server sends `bytes` from the start of a
/// connection: the same mending as in the transport (the fuzz targets parse without one).
pub fn as_parsed(bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    // Past a bound the transport ends the connection; here the rest is left as it is.
    let _ = Guard::default().feed(&mut out);
    out
}

/// The size in a `{n}` (or `{n+}`) at the end of a line, CR allowed after it.
fn announced_literal(end: &[u8]) -> Option<u64> {
    let end = end.strip_suffix(b"\r").unwrap_or(end);
    let end = end.strip_suffix(b"}")?;
    let end = end.strip_suffix(b"+").unwrap_or(end);
    let open = end.iter().rposition(|b| *b == b'{')?;
    let digits = &end[open + 1..];
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    // More digits than fit are simply too many bytes.
    Some(
        std::str::from_utf8(digits)
            .ok()
            .and_then(|d| d.parse().ok())
            .unwrap_or(u64::MAX),
    )
}

/// The stream an IMAP session runs over.
pub type Stream = BufWriter<Transport>;

#[derive(Debug)]
enum Inner {
    Plain(TcpStream),
    Tls(Box<TlsStream<TcpStream>>),
}

/// Plain TCP (before STARTTLS, or for an account that chose no encryption) or TLS.
#[derive(Debug)]
pub struct Transport {
    inner: Inner,
    tap: Option<Tap>,
    guard: Guard,
}

#[derive(Debug, Default)]
struct Tap {
    partial: Vec<u8>,
    last: Vec<u8>,
}

impl Tap {
    fn feed(&mut self, bytes: &[u8]) {
        let mut rest = bytes;
        while let Some(nl) = rest.iter().position(|b| *b == b'\n') {
            self.push(&rest[..nl]);
            self.last = std::mem::take(&mut self.partial);
            rest = &rest[nl + 1..];
        }
        self.push(rest);
    }

    fn push(&mut self, bytes: &[u8]) {
        let room = TAP_LIMIT.saturating_sub(self.partial.len());
        self.partial
            .extend_from_slice(&bytes[..bytes.len().min(room)]);
    }
}

impl Transport {
    pub fn plain(stream: TcpStream) -> Self {
        Self {
            inner: Inner::Plain(stream),
            tap: None,
            guard: Guard::default(),
        }
    }

    pub fn tls(stream: TlsStream<TcpStream>) -> Self {
        Self {
            inner: Inner::Tls(Box::new(stream)),
            tap: None,
            guard: Guard::default(),
        }
    }

    pub fn is_tls(&self) -> bool {
        matches!(self.inner, Inner::Tls(_))
    }

    /// The plain TCP stream, for the TLS handshake after STARTTLS; `None` once TLS is up.
    pub fn into_plain(self) -> Option<TcpStream> {
        match self.inner {
            Inner::Plain(s) => Some(s),
            Inner::Tls(_) => None,
        }
    }

    /// Starts or stops remembering the server's last line.
    pub fn set_tap(&mut self, on: bool) {
        self.tap = on.then(Tap::default);
    }

    /// The last complete line the server sent while the tap was on, without CRLF.
    pub fn last_line(&self) -> Option<String> {
        let tap = self.tap.as_ref()?;
        let line = tap.last.strip_suffix(b"\r").unwrap_or(&tap.last);
        Some(String::from_utf8_lossy(line).into_owned())
    }
}

impl AsyncRead for Transport {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let start = buf.filled().len();
        let result = match &mut this.inner {
            Inner::Plain(s) => Pin::new(s).poll_read(cx, buf),
            Inner::Tls(s) => Pin::new(s.as_mut()).poll_read(cx, buf),
        };
        if let Poll::Ready(Ok(())) = &result {
            let new = &mut buf.filled_mut()[start..];
            if let Err(e) = this.guard.feed(new) {
                return Poll::Ready(Err(io::Error::new(io::ErrorKind::InvalidData, e)));
            }
            if let Some(tap) = this.tap.as_mut() {
                tap.feed(new);
            }
        }
        result
    }
}

impl AsyncWrite for Transport {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match &mut self.get_mut().inner {
            Inner::Plain(s) => Pin::new(s).poll_write(cx, buf),
            Inner::Tls(s) => Pin::new(s.as_mut()).poll_write(cx, buf),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match &mut self.get_mut().inner {
            Inner::Plain(s) => Pin::new(s).poll_flush(cx),
            Inner::Tls(s) => Pin::new(s.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match &mut self.get_mut().inner {
            Inner::Plain(s) => Pin::new(s).poll_shutdown(cx),
            Inner::Tls(s) => Pin::new(s.as_mut()).poll_shutdown(cx),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Guard {
        /// Feeds a copy of `bytes`.
        fn see(&mut self, bytes: &[u8]) -> Result<(), TooLarge> {
            self.feed(&mut bytes.to_vec())
        }
    }

    #[test]
    fn a_non_ascii_byte_after_a_response_code_becomes_a_space() {
        use async_imap::imap_proto::Response;
        let lines: [&[u8]; 5] = [
            b"* OK [ALERT]\xc3\xa9t\xc3\xa9\r\n",
            b"A1 NO [TRYCREATE]\xff\r\n",
            b"+ [ALERT]\xe2\x80\xae\r\n",
            b"* ok [UIDNEXT 5]\xc3\xa9\r\n",
            b"* BYE [ALERT]\xf0\x9f\x92\xa3\r\n",
        ];
        for line in lines {
            // What the parser does with the line as sent.
            let as_sent = line.to_vec();
            assert!(
                std::panic::catch_unwind(|| Response::parse(&as_sent).is_ok()).is_err(),
                "{}",
                line.escape_ascii()
            );
            let mut g = Guard::default();
            let mut mended = line.to_vec();
            // Split anywhere, the result is the same.
            let (a, b) = mended.split_at_mut(line.iter().position(|c| *c == b']').unwrap_or(0) + 1);
            g.feed(a).unwrap();
            g.feed(b).unwrap();
            let at = line.iter().position(|c| *c == b']').unwrap_or(0) + 1;
            assert_eq!(mended[at], b' ', "{}", line.escape_ascii());
            assert_eq!(mended[..at], line[..at]);
            assert_eq!(mended[at + 1..], line[at + 1..]);
            assert!(
                Response::parse(&mended).is_ok(),
                "{}",
                mended.escape_ascii()
            );
        }
        // Elsewhere nothing changes: text without a code, other responses, literals.
        let untouched: &[u8] = b"* OK \xc3\xa9 [X]\xc3\xa9\r\n* 1 FETCH (BODY[]\xc3\xa9 x)\r\n\
* LIST () \"/\" \"a]\xc3\xa9\"\r\n* 2 FETCH (BODY[] {6}\r\n[X]\xc3\xa9\r\n)\r\nA2 OK [\r\n\
A3 OK [A]]\xc3\xa9\r\n";
        let mut copy = untouched.to_vec();
        Guard::default().feed(&mut copy).unwrap();
        assert_eq!(
            copy.escape_ascii().to_string(),
            untouched.escape_ascii().to_string()
        );
    }

    #[test]
    fn the_tap_keeps_the_last_complete_line() {
        let mut tap = Tap::default();
        tap.feed(b"* OK ready\r\nA0001 NO [AUTHENTICATIONFAILED] Auth");
        assert_eq!(tap.last, b"* OK ready\r");
        tap.feed(b"entication failed.\r\n* BYE");
        assert_eq!(
            tap.last,
            b"A0001 NO [AUTHENTICATIONFAILED] Authentication failed.\r"
        );
    }

    #[test]
    fn literals_are_skipped_and_lines_and_literals_bounded() {
        let mut g = Guard::default();
        // A literal's bytes are not a line, however long, nor do their LFs end one.
        g.see(b"* 1 FETCH (BODY[] {12}\r\nab\ncd\r\n\n\n\nxy)\r\n")
            .unwrap();
        assert_eq!((g.line, g.literal), (0, 0));
        g.see(b"* 2 FETCH (BODY[] {3000}\r").unwrap();
        g.see(b"\n").unwrap();
        assert_eq!(g.literal, 3000);
        g.see(&vec![b'x'; 2999]).unwrap();
        g.see(b"x)\r\n").unwrap();
        assert_eq!((g.line, g.literal), (0, 0));
        assert_eq!(
            Guard::default().see(b"* 3 FETCH (BODY[] {4000000000}\r\n"),
            Err(TooLarge::Literal(4_000_000_000))
        );
        assert_eq!(
            Guard::default().see(b"A1 OK {99999999999999999999999999}\r\n"),
            Err(TooLarge::Literal(u64::MAX))
        );
        let mut g = Guard::default();
        let chunk = vec![b'a'; 1024 * 1024];
        let mut result = Ok(());
        for _ in 0..5 {
            result = result.and_then(|()| g.see(&chunk));
        }
        assert_eq!(result, Err(TooLarge::Line));
        assert_eq!(announced_literal(b"text {x}"), None);
        assert_eq!(announced_literal(b"{5+}\r"), Some(5));
    }

    #[test]
    fn the_tap_is_bounded() {
        let mut tap = Tap::default();
        tap.feed(&vec![b'x'; TAP_LIMIT * 3]);
        tap.feed(b"\n");
        assert_eq!(tap.last.len(), TAP_LIMIT);
    }
}
