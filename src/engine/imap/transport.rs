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
}

/// Room for a literal's announcement, with more digits than any real one has.
const TAIL: usize = 64;

impl Guard {
    fn feed(&mut self, mut bytes: &[u8]) -> Result<(), TooLarge> {
        while !bytes.is_empty() {
            if self.literal > 0 {
                let skip = bytes
                    .len()
                    .min(usize::try_from(self.literal).unwrap_or(usize::MAX));
                self.literal -= skip as u64;
                bytes = &bytes[skip..];
                continue;
            }
            let (piece, line_end) = match memchr::memchr(b'\n', bytes) {
                Some(at) => (&bytes[..at], true),
                None => (bytes, false),
            };
            self.line += piece.len();
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
            if let Some(n) = announced_literal(&self.tail) {
                if n > MAX_LITERAL {
                    return Err(TooLarge::Literal(n));
                }
                self.literal = n;
            }
            self.line = 0;
            self.tail.clear();
            bytes = &bytes[piece.len() + 1..];
        }
        Ok(())
    }
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
            let new = &buf.filled()[start..];
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
        g.feed(b"* 1 FETCH (BODY[] {12}\r\nab\ncd\r\n\n\n\nxy)\r\n")
            .unwrap();
        assert_eq!((g.line, g.literal), (0, 0));
        g.feed(b"* 2 FETCH (BODY[] {3000}\r").unwrap();
        g.feed(b"\n").unwrap();
        assert_eq!(g.literal, 3000);
        g.feed(&vec![b'x'; 2999]).unwrap();
        g.feed(b"x)\r\n").unwrap();
        assert_eq!((g.line, g.literal), (0, 0));
        assert_eq!(
            Guard::default().feed(b"* 3 FETCH (BODY[] {4000000000}\r\n"),
            Err(TooLarge::Literal(4_000_000_000))
        );
        assert_eq!(
            Guard::default().feed(b"A1 OK {99999999999999999999999999}\r\n"),
            Err(TooLarge::Literal(u64::MAX))
        );
        let mut g = Guard::default();
        let chunk = vec![b'a'; 1024 * 1024];
        let mut result = Ok(());
        for _ in 0..5 {
            result = result.and_then(|()| g.feed(&chunk));
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
