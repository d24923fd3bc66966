//! One POP3 connection: connecting with TLS or STLS, logging in, and the commands the
//! download needs (RFC 1939, RFC 2449 CAPA, RFC 2595 STLS, RFC 5034 SASL PLAIN).
//!
//! Every wait for the server is bounded by the session's timeout, so a server that stalls or
//! a connection that drops ends in an error instead of a hang. Lines are read with a length
//! bound; message contents stream through [`Unstuffer`] into the caller's writer and are
//! never held whole in memory.

use std::io::Write;
use std::time::Duration;

use base64::Engine as _;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};

use super::error::Pop3Error;
use super::wire::{self, Capabilities, MAX_LINE, MAX_LISTING, Status, Unstuffer};
use crate::engine::account::{Security, Server};
use crate::engine::net::{self, NetError};
use crate::engine::safety;
use crate::engine::secret::Secret;
use crate::engine::store::StoreError;
use crate::engine::tls::Tls;

/// Anything a POP3 session can run over: TCP, or TLS over TCP.
pub trait Io: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Io for T {}

/// How long to wait for the server between two pieces of an answer.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// Size of the read buffer; also the largest piece handed to a message writer at once.
const READ_BUFFER: usize = 64 * 1024;

/// A connection in the POP3 AUTHORIZATION or TRANSACTION state.
pub struct Conn<S> {
    io: BufReader<S>,
    host: String,
    timeout: Duration,
    caps: Capabilities,
}

/// A connection over whatever transport the account asked for.
pub type Session = Conn<Box<dyn Io>>;

/// Connects to `server` and reads the greeting and capabilities, over implicit TLS, over
/// STLS (required: a server that does not offer it or refuses it is an error, never a
/// plaintext session), or in plaintext only when the account says so.
pub async fn connect(server: &Server, tls: &Tls, timeout: Duration) -> Result<Session, Pop3Error> {
    let host = server.host.as_str();
    let tcp = net::connect(host, server.port, net::CONNECT_TIMEOUT).await?;
    // After STLS the session goes on without a second greeting (RFC 2595 §4).
    let (io, greeted): (Box<dyn Io>, bool) = match server.security {
        Security::Tls => (Box::new(tls.connect(host, tcp).await?), false),
        Security::Starttls => {
            let tcp = stls(Conn::new(tcp, host, timeout)).await?;
            (Box::new(tls.connect(host, tcp).await?), true)
        }
        Security::Plain => (Box::new(tcp), false),
    };
    let mut session = Conn::new(io, host, timeout);
    if !greeted {
        session.greeting().await?;
    }
    // Capabilities are asked for again over TLS: what was said before it is not trusted.
    session.capa().await?;
    Ok(session)
}

/// Asks a plaintext connection to switch to TLS (RFC 2595 §4) and hands back the bare TCP
/// stream for the handshake. Whatever the server sent beyond the `+OK` is thrown away with
/// the buffer: nothing read before TLS is trusted after it.
async fn stls<S: Io>(mut conn: Conn<S>) -> Result<S, Pop3Error> {
    conn.greeting().await?;
    conn.capa().await?;
    // A server that answers CAPA lists STLS when it has it; one that does not answer CAPA
    // gets the command anyway and must say +OK.
    if conn.caps.known && !conn.caps.stls {
        return Err(Pop3Error::StlsNotOffered { host: conn.host });
    }
    let status = conn.command("STLS").await?;
    if !status.ok {
        return Err(Pop3Error::StlsRefused {
            host: conn.host,
            reply: status.text,
        });
    }
    let unread = conn.io.buffer().len();
    if unread > 0 {
        tracing::warn!(
            host = %conn.host,
            bytes = unread,
            "the server sent data after agreeing to STLS; it is discarded"
        );
    }
    Ok(conn.io.into_inner())
}

impl<S: AsyncRead + AsyncWrite + Unpin> Conn<S> {
    fn new(stream: S, host: &str, timeout: Duration) -> Self {
        Self {
            io: BufReader::with_capacity(READ_BUFFER, stream),
            host: host.to_owned(),
            timeout,
            caps: Capabilities::default(),
        }
    }

    /// What the server offers (after TLS, when TLS is used).
    pub fn capabilities(&self) -> &Capabilities {
        &self.caps
    }

    pub fn host(&self) -> &str {
        &self.host
    }

    async fn greeting(&mut self) -> Result<(), Pop3Error> {
        let status = self.read_status().await?;
        if status.ok {
            Ok(())
        } else {
            Err(self.refused("greeting", status))
        }
    }

    /// Asks for the capabilities (RFC 2449 §5). A server without CAPA leaves them unknown.
    async fn capa(&mut self) -> Result<(), Pop3Error> {
        let status = self.command("CAPA").await?;
        self.caps = if status.ok {
            let lines = self.read_lines().await?;
            Capabilities::parse(lines.iter().map(Vec::as_slice))
        } else {
            Capabilities::default()
        };
        Ok(())
    }

    /// Logs in with SASL PLAIN when offered, else USER/PASS. A login name or password with
    /// CR, LF or NUL is refused before anything is sent.
    pub async fn login(&mut self, username: &str, password: &Secret) -> Result<(), Pop3Error> {
        check_credentials(username, password)?;
        if self.caps.has_sasl("PLAIN") {
            self.auth_plain(username, password).await
        } else if self.caps.user || !self.caps.known {
            self.user_pass(username, password).await
        } else {
            Err(Pop3Error::NoLoginMethod {
                host: self.host.clone(),
            })
        }
    }

    /// RFC 5034 AUTH PLAIN, the response sent after the server's empty challenge (servers
    /// older than RFC 5034 do not take an initial response).
    async fn auth_plain(&mut self, username: &str, password: &Secret) -> Result<(), Pop3Error> {
        self.send("AUTH PLAIN").await?;
        let line = self.read_line().await?;
        if !line.starts_with(b"+") || line.starts_with(b"+OK") {
            let status = self.status_of(&line)?;
            return Err(self.login_failure(status));
        }
        let mut blob = Vec::with_capacity(username.len() + password.expose().len() + 2);
        blob.push(0);
        blob.extend_from_slice(username.as_bytes());
        blob.push(0);
        blob.extend_from_slice(password.expose().as_bytes());
        let encoded = Secret::new(base64::engine::general_purpose::STANDARD.encode(&blob));
        zeroize::Zeroize::zeroize(&mut blob);
        self.send_secret(&encoded).await?;
        let status = self.read_status().await?;
        if status.ok {
            Ok(())
        } else {
            Err(self.login_failure(status))
        }
    }

    async fn user_pass(&mut self, username: &str, password: &Secret) -> Result<(), Pop3Error> {
        let status = self.command(&format!("USER {username}")).await?;
        if !status.ok {
            return Err(self.login_failure(status));
        }
        self.send_secret(&Secret::new(format!("PASS {}", password.expose())))
            .await?;
        let status = self.read_status().await?;
        if status.ok {
            Ok(())
        } else {
            Err(self.login_failure(status))
        }
    }

    /// RFC 3206 codes that mean "not now" rather than "wrong password".
    fn login_failure(&self, status: Status) -> Pop3Error {
        let host = self.host.clone();
        match status.code() {
            Some(code) if code == "IN-USE" || code == "LOGIN-DELAY" || code.starts_with("SYS/") => {
                Pop3Error::LoginRefused {
                    host,
                    reply: status.text,
                }
            }
            _ => Pop3Error::AuthFailed {
                host,
                reply: status.text,
            },
        }
    }

    /// LIST: every message's number and size.
    pub async fn list(&mut self) -> Result<Vec<(u32, u64)>, Pop3Error> {
        self.expect_ok("LIST", "LIST").await?;
        let lines = self.read_lines().await?;
        lines
            .iter()
            .map(|l| wire::parse_list_line(l).ok_or_else(|| self.bad_line("LIST", l)))
            .collect()
    }

    /// UIDL: every message's number and unique-id; `None` when the server has no UIDL.
    pub async fn uidl(&mut self) -> Result<Option<Vec<(u32, String)>>, Pop3Error> {
        if self.caps.known && !self.caps.uidl {
            return Ok(None);
        }
        let status = self.command("UIDL").await?;
        if !status.ok {
            return Ok(None);
        }
        let lines = self.read_lines().await?;
        lines
            .iter()
            .map(|l| wire::parse_uidl_line(l).ok_or_else(|| self.bad_line("UIDL", l)))
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }

    /// Sends several commands at once when the server allows pipelining (RFC 2449 §6.6);
    /// their answers must then be read in order. Without pipelining, sends only the first.
    pub async fn send_pipelined(&mut self, commands: &[String]) -> Result<usize, Pop3Error> {
        let take = if self.caps.pipelining {
            commands.len()
        } else {
            commands.len().min(1)
        };
        let mut batch = String::new();
        for c in &commands[..take] {
            debug_assert!(wire::is_safe_argument(c));
            batch.push_str(c);
            batch.push_str("\r\n");
        }
        self.write_raw(batch.as_bytes()).await?;
        Ok(take)
    }

    /// RETR `number` into `sink`, streamed and dot-unstuffed.
    pub async fn retr(
        &mut self,
        number: u32,
        listed_size: u64,
        sink: &mut (dyn Write + Send),
    ) -> Result<u64, Pop3Error> {
        self.send(&format!("RETR {number}")).await?;
        self.read_message(listed_size, sink).await
    }

    /// Reads the answer to a RETR that was already sent, writing the message to `sink`.
    ///
    /// A message without a final line break travels with one added (the protocol has only
    /// whole lines). When the server's LIST size says exactly that, the added CRLF is left
    /// out again, so the stored bytes are the server's message, byte for byte.
    pub async fn read_message(
        &mut self,
        listed_size: u64,
        sink: &mut (dyn Write + Send),
    ) -> Result<u64, Pop3Error> {
        let status = self.read_status().await?;
        if !status.ok {
            return Err(self.refused("RETR", status));
        }
        // A server can send more than it listed (LF counted as one octet, say), but not
        // without end: past this it is broken or hostile.
        let limit = listed_size.saturating_mul(2).saturating_add(1 << 20);
        let mut unstuffer = Unstuffer::new();
        let mut out = Vec::with_capacity(READ_BUFFER + 2);
        let mut tail = wire::HoldBack::default();
        let mut total: u64 = 0;
        loop {
            self.fill().await?;
            let buf = self.io.buffer();
            let done = unstuffer.feed(buf, &mut out);
            let used = done.unwrap_or(buf.len());
            self.io.consume(used);
            total += out.len() as u64;
            if total > limit {
                return Err(Pop3Error::Protocol {
                    host: self.host.clone(),
                    detail: format!(
                        "a message listed as {listed_size} octets went on past {total}"
                    ),
                });
            }
            tail.pass(&out, sink).map_err(|e| self.sink_failed(&e))?;
            out.clear();
            if done.is_some() {
                break;
            }
        }
        let added_line_end = total == listed_size + 2;
        let dropped = tail
            .finish(added_line_end, sink)
            .map_err(|e| self.sink_failed(&e))?;
        Ok(total - dropped)
    }

    /// Reads the status line answering a command sent earlier.
    pub async fn read_status(&mut self) -> Result<Status, Pop3Error> {
        let line = self.read_line().await?;
        self.status_of(&line)
    }

    /// DELE `number`; the server removes the message only at a successful QUIT.
    pub async fn dele(&mut self, number: u32) -> Result<(), Pop3Error> {
        self.expect_ok(&format!("DELE {number}"), "DELE").await
    }

    /// NOOP, to check the session is alive.
    pub async fn noop(&mut self) -> Result<(), Pop3Error> {
        self.expect_ok("NOOP", "NOOP").await
    }

    /// QUIT: ends the session; in the TRANSACTION state this is when the server commits the
    /// deletions (RFC 1939 §6). Only a `+OK` means they were committed.
    pub async fn quit(mut self) -> Result<(), Pop3Error> {
        self.expect_ok("QUIT", "QUIT").await?;
        let _ = self.io.get_mut().shutdown().await;
        Ok(())
    }

    /// Sends a command and reads its status line, `+OK` or `-ERR`.
    async fn command(&mut self, command: &str) -> Result<Status, Pop3Error> {
        self.send(command).await?;
        self.read_status().await
    }

    async fn expect_ok(&mut self, command: &str, name: &'static str) -> Result<(), Pop3Error> {
        let status = self.command(command).await?;
        if status.ok {
            Ok(())
        } else {
            Err(self.refused(name, status))
        }
    }

    async fn send(&mut self, command: &str) -> Result<(), Pop3Error> {
        tracing::trace!(host = %self.host, command, "POP3 send");
        let mut line = Vec::with_capacity(command.len() + 2);
        line.extend_from_slice(command.as_bytes());
        line.extend_from_slice(b"\r\n");
        self.write_raw(&line).await
    }

    /// Sends a line holding a credential; it is never logged.
    async fn send_secret(&mut self, line: &Secret) -> Result<(), Pop3Error> {
        tracing::trace!(host = %self.host, "POP3 send <credentials>");
        let mut bytes = Vec::with_capacity(line.expose().len() + 2);
        bytes.extend_from_slice(line.expose().as_bytes());
        bytes.extend_from_slice(b"\r\n");
        let result = self.write_raw(&bytes).await;
        zeroize::Zeroize::zeroize(&mut bytes);
        result
    }

    async fn write_raw(&mut self, bytes: &[u8]) -> Result<(), Pop3Error> {
        let write = async {
            let stream = self.io.get_mut();
            stream.write_all(bytes).await?;
            stream.flush().await
        };
        match tokio::time::timeout(self.timeout, write).await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(io_error(&self.host, &e)),
            Err(_) => Err(self.timed_out()),
        }
    }

    /// Makes sure the read buffer holds bytes, waiting for the server at most the timeout;
    /// an error when the connection ended. The bytes are then in `self.io.buffer()`.
    async fn fill(&mut self) -> Result<(), Pop3Error> {
        let outcome = match tokio::time::timeout(self.timeout, self.io.fill_buf()).await {
            Ok(Ok(buf)) => Ok(buf.is_empty()),
            Ok(Err(e)) => Err(Some(e)),
            Err(_) => Err(None),
        };
        match outcome {
            Ok(false) => Ok(()),
            Ok(true) => Err(Pop3Error::Closed {
                host: self.host.clone(),
            }),
            Err(Some(e)) => Err(io_error(&self.host, &e)),
            Err(None) => Err(self.timed_out()),
        }
    }

    /// One line without its line ending, at most [`MAX_LINE`] long.
    async fn read_line(&mut self) -> Result<Vec<u8>, Pop3Error> {
        let mut line = Vec::new();
        loop {
            self.fill().await?;
            let buf = self.io.buffer();
            let (take, end) = match memchr::memchr(b'\n', buf) {
                Some(at) => (at + 1, true),
                None => (buf.len(), false),
            };
            line.extend_from_slice(&buf[..take]);
            self.io.consume(take);
            if end {
                while matches!(line.last(), Some(b'\n' | b'\r')) {
                    line.pop();
                }
                return Ok(line);
            }
            if line.len() > MAX_LINE {
                return Err(Pop3Error::Protocol {
                    host: self.host.clone(),
                    detail: format!("a line longer than {MAX_LINE} octets"),
                });
            }
        }
    }

    /// The lines of a multi-line answer, unstuffed, up to the terminating `.`.
    async fn read_lines(&mut self) -> Result<Vec<Vec<u8>>, Pop3Error> {
        let mut lines = Vec::new();
        let mut held = 0;
        loop {
            let line = self.read_line().await?;
            held += line.len() + std::mem::size_of::<Vec<u8>>();
            if held > MAX_LISTING {
                return Err(Pop3Error::Protocol {
                    host: self.host.clone(),
                    detail: format!("a listing longer than {MAX_LISTING} octets"),
                });
            }
            match line.strip_prefix(b".") {
                Some([]) => return Ok(lines),
                Some(rest) => lines.push(rest.to_vec()),
                None => lines.push(line),
            }
        }
    }

    fn status_of(&self, line: &[u8]) -> Result<Status, Pop3Error> {
        wire::parse_status(line).ok_or_else(|| Pop3Error::Protocol {
            host: self.host.clone(),
            detail: format!(
                "expected +OK or -ERR, got \"{}\"",
                safety::server_text(&String::from_utf8_lossy(&line[..line.len().min(80)]))
            ),
        })
    }

    fn refused(&self, command: &'static str, status: Status) -> Pop3Error {
        Pop3Error::Refused {
            host: self.host.clone(),
            command,
            reply: status.text,
        }
    }

    fn bad_line(&self, command: &str, line: &[u8]) -> Pop3Error {
        Pop3Error::Protocol {
            host: self.host.clone(),
            detail: format!(
                "a {command} line that does not parse: \"{}\"",
                safety::server_text(&String::from_utf8_lossy(&line[..line.len().min(80)]))
            ),
        }
    }

    fn timed_out(&self) -> Pop3Error {
        Pop3Error::Timeout {
            host: self.host.clone(),
            after: self.timeout,
        }
    }

    fn sink_failed(&self, error: &std::io::Error) -> Pop3Error {
        Pop3Error::Store(StoreError::File {
            path: std::path::PathBuf::from("(staged message)"),
            action: "written",
            source: std::io::Error::new(error.kind(), error.to_string()),
        })
    }
}

fn io_error(host: &str, error: &std::io::Error) -> Pop3Error {
    match error.kind() {
        std::io::ErrorKind::UnexpectedEof
        | std::io::ErrorKind::ConnectionReset
        | std::io::ErrorKind::ConnectionAborted
        | std::io::ErrorKind::BrokenPipe => Pop3Error::Closed {
            host: host.to_owned(),
        },
        _ => Pop3Error::Net(NetError::broken(host, error)),
    }
}

/// Refuses a login name or password that could end a command early.
pub fn check_credentials(username: &str, password: &Secret) -> Result<(), Pop3Error> {
    if !wire::is_safe_argument(username) {
        return Err(Pop3Error::UnsafeCredential { field: "username" });
    }
    if !wire::is_safe_argument(password.expose()) {
        return Err(Pop3Error::UnsafeCredential { field: "password" });
    }
    Ok(())
}
