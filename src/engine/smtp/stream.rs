//! The byte stream lettre's SMTP connection runs over.
//!
//! lettre cannot take our rustls configuration, so we open the connection ourselves (TCP
//! through `net::connect`, TLS through `engine::tls::Tls`, the STARTTLS exchange in
//! `session.rs`) and hand lettre the finished stream through
//! `AsyncSmtpConnection::connect_with_transport`. This wrapper adds two things lettre needs
//! or we need:
//!
//! - After STARTTLS the server sends no new greeting (RFC 3207 §4.2), but lettre's
//!   connection always reads one first. The wrapper serves a synthetic `220` line before the
//!   real stream, so lettre goes straight on with EHLO — over TLS, as RFC 3207 requires.
//! - [`DataWatch`] records whether the end-of-data marker `CRLF.CRLF` (RFC 5321 §4.1.1.4)
//!   was handed on towards the server. lettre dot-stuffs the message, so that sequence
//!   occurs exactly once in the DATA phase: at its end. If the connection fails before the
//!   marker was passed on, the server cannot have accepted the message and sending again is
//!   safe; once it was, the outcome is unknown and the message must not be resent blindly.
//!   To keep that window small, each write during DATA first looks (without waiting)
//!   whether the server has already closed the connection; if so the write fails before
//!   the marker can go out, and anything the server did say is kept for lettre to read.
//! - A bound on the server's lines. lettre checks a reply line's length only once the line
//!   has ended, so a server sending one endless line would grow its buffer without limit
//!   until the command's timeout; past [`MAX_REPLY_LINE`] the read fails instead.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio_rustls::client::TlsStream;

const END_OF_DATA: &[u8] = b"\r\n.\r\n";

/// The longest line a server may send. RFC 5321 §4.5.3.1.5 says 512 octets; lettre refuses
/// replies with lines above 1,000 once it has read them.
pub(crate) const MAX_REPLY_LINE: usize = 4096;

/// Watches the bytes written during DATA for the end-of-data marker.
#[derive(Debug, Default)]
pub(crate) struct DataWatch {
    armed: AtomicBool,
    passed: AtomicBool,
    tail: Mutex<Vec<u8>>,
}

impl DataWatch {
    /// Starts watching: the next bytes written are the message content.
    pub(crate) fn arm(&self) {
        if let Ok(mut tail) = self.tail.lock() {
            tail.clear();
        }
        self.passed.store(false, Ordering::SeqCst);
        self.armed.store(true, Ordering::SeqCst);
    }

    pub(crate) fn disarm(&self) {
        self.armed.store(false, Ordering::SeqCst);
    }

    fn is_armed(&self) -> bool {
        self.armed.load(Ordering::SeqCst) && !self.passed.load(Ordering::SeqCst)
    }

    /// Whether the whole end-of-data marker was handed on towards the server.
    pub(crate) fn end_passed(&self) -> bool {
        self.passed.load(Ordering::SeqCst)
    }

    fn saw(&self, written: &[u8]) {
        if !self.armed.load(Ordering::SeqCst) || written.is_empty() {
            return;
        }
        let Ok(mut tail) = self.tail.lock() else {
            // A poisoned lock: assume the worst, the marker may have gone out.
            self.passed.store(true, Ordering::SeqCst);
            return;
        };
        tail.extend_from_slice(written);
        if tail.windows(END_OF_DATA.len()).any(|w| w == END_OF_DATA) {
            self.passed.store(true, Ordering::SeqCst);
        }
        let keep = tail.len().saturating_sub(END_OF_DATA.len() - 1);
        tail.drain(..keep);
    }
}

#[derive(Debug)]
enum Inner {
    Plain(TcpStream),
    Tls(Box<TlsStream<TcpStream>>),
}

/// A TCP or TLS stream with an optional synthetic greeting and a [`DataWatch`].
#[derive(Debug)]
pub(crate) struct SmtpStream {
    inner: Inner,
    /// Bytes lettre reads before the stream's own: the synthetic greeting, or what the
    /// server said while we were checking for a closed connection.
    greeting: Vec<u8>,
    served: usize,
    watch: Arc<DataWatch>,
    peer: io::Result<SocketAddr>,
    /// Bytes read since the server's last line feed.
    line: usize,
}

impl SmtpStream {
    pub(crate) fn plain(tcp: TcpStream, watch: Arc<DataWatch>) -> Self {
        let peer = tcp.peer_addr();
        Self {
            inner: Inner::Plain(tcp),
            greeting: Vec::new(),
            served: 0,
            watch,
            peer,
            line: 0,
        }
    }

    /// A TLS stream; `greeting` is served first when the server will not send one.
    pub(crate) fn tls(
        tls: TlsStream<TcpStream>,
        greeting: Option<&[u8]>,
        watch: Arc<DataWatch>,
    ) -> Self {
        let peer = tls.get_ref().0.peer_addr();
        Self {
            inner: Inner::Tls(Box::new(tls)),
            greeting: greeting.map(<[u8]>::to_vec).unwrap_or_default(),
            served: 0,
            watch,
            peer,
            line: 0,
        }
    }
}

impl SmtpStream {
    /// Looks, without waiting, whether the server closed the connection. What it sent
    /// meanwhile is kept for the next read.
    fn check_open(&mut self, cx: &mut Context<'_>) -> io::Result<()> {
        let mut scratch = [0u8; 1024];
        let mut peek = ReadBuf::new(&mut scratch);
        let polled = match &mut self.inner {
            Inner::Plain(s) => Pin::new(s).poll_read(cx, &mut peek),
            Inner::Tls(s) => Pin::new(s.as_mut()).poll_read(cx, &mut peek),
        };
        match polled {
            Poll::Ready(Ok(())) if peek.filled().is_empty() => Err(io::Error::new(
                io::ErrorKind::BrokenPipe,
                "the server closed the connection",
            )),
            Poll::Ready(Ok(())) => {
                self.greeting.drain(..self.served);
                self.served = 0;
                self.greeting.extend_from_slice(peek.filled());
                Ok(())
            }
            Poll::Ready(Err(e)) => Err(e),
            Poll::Pending => Ok(()),
        }
    }
}

impl lettre::transport::smtp::client::AsyncTokioStream for SmtpStream {
    fn peer_addr(&self) -> io::Result<SocketAddr> {
        match &self.peer {
            Ok(addr) => Ok(*addr),
            Err(e) => Err(io::Error::new(e.kind(), e.to_string())),
        }
    }
}

impl AsyncRead for SmtpStream {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = &mut *self;
        if this.served < this.greeting.len() {
            let rest = &this.greeting[this.served..];
            let n = rest.len().min(buf.remaining());
            buf.put_slice(&rest[..n]);
            this.served += n;
            return Poll::Ready(Ok(()));
        }
        let start = buf.filled().len();
        let result = match &mut this.inner {
            Inner::Plain(s) => Pin::new(s).poll_read(cx, buf),
            Inner::Tls(s) => Pin::new(s.as_mut()).poll_read(cx, buf),
        };
        if let Poll::Ready(Ok(())) = &result {
            let new = &buf.filled()[start..];
            this.line = match memchr::memrchr(b'\n', new) {
                Some(at) => new.len() - at - 1,
                None => this.line + new.len(),
            };
            if this.line > MAX_REPLY_LINE {
                return Poll::Ready(Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("the server sent a line longer than {MAX_REPLY_LINE} bytes"),
                )));
            }
        }
        result
    }
}

impl AsyncWrite for SmtpStream {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = &mut *self;
        if this.watch.is_armed()
            && let Err(e) = this.check_open(cx)
        {
            return Poll::Ready(Err(e));
        }
        let result = match &mut this.inner {
            Inner::Plain(s) => Pin::new(s).poll_write(cx, buf),
            Inner::Tls(s) => Pin::new(s.as_mut()).poll_write(cx, buf),
        };
        if let Poll::Ready(Ok(n)) = &result {
            this.watch.saw(&buf[..*n]);
        }
        result
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match &mut self.inner {
            Inner::Plain(s) => Pin::new(s).poll_flush(cx),
            Inner::Tls(s) => Pin::new(s.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match &mut self.inner {
            Inner::Plain(s) => Pin::new(s).poll_shutdown(cx),
            Inner::Tls(s) => Pin::new(s.as_mut()).poll_shutdown(cx),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_marker_is_seen_across_writes_and_only_when_armed() {
        let w = DataWatch::default();
        w.saw(b"DATA\r\n.\r\n");
        assert!(!w.end_passed(), "not armed yet");
        w.arm();
        w.saw(b"Subject: x\r\n\r\nbody\r\n..leading dot\r\n");
        assert!(!w.end_passed());
        w.saw(b"last line\r");
        w.saw(b"\n.");
        assert!(!w.end_passed());
        w.saw(b"\r\n");
        assert!(w.end_passed());
        w.arm();
        assert!(!w.end_passed(), "arming starts over");
    }
}
