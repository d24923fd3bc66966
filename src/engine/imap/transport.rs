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

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, BufWriter, ReadBuf};
use tokio::net::TcpStream;
use tokio_rustls::client::TlsStream;

/// How long a remembered server line may be; the rest is cut.
const TAP_LIMIT: usize = 2048;

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
        }
    }

    pub fn tls(stream: TlsStream<TcpStream>) -> Self {
        Self {
            inner: Inner::Tls(Box::new(stream)),
            tap: None,
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
        if let (Poll::Ready(Ok(())), Some(tap)) = (&result, this.tap.as_mut()) {
            tap.feed(&buf.filled()[start..]);
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
    fn the_tap_is_bounded() {
        let mut tap = Tap::default();
        tap.feed(&vec![b'x'; TAP_LIMIT * 3]);
        tap.feed(b"\n");
        assert_eq!(tap.last.len(), TAP_LIMIT);
    }
}
