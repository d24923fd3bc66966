//! One SMTP submission session (RFC 6409): connect, protect, authenticate, then send
//! messages one step at a time so every failure is known to be before or after the final
//! dot.
//!
//! Protection follows the account's `Security` and nothing else:
//! - `Tls`: implicit TLS from the first byte (RFC 8314 §3.3, port 465).
//! - `Starttls`: the plaintext part — greeting, EHLO, STARTTLS — is spoken here, byte by
//!   byte so nothing the server sends after its `220` is read before the handshake
//!   (RFC 3207 §4; CVE-2011-0411 was a server acting on such bytes). A server that does not
//!   offer STARTTLS, or refuses it, ends the session before any credential is sent: this is
//!   lettre's `Tls::Required`, never its `Opportunistic` mode, which falls back to
//!   plaintext. Everything learnt before TLS is discarded; lettre then says EHLO again over
//!   TLS and we use only that answer's capabilities.
//! - `Plain`: no TLS, only because the user chose it.
//!
//! The TLS handshake is always `engine::tls::Tls` (platform roots, the account's CA file,
//! accepted pins), so a certificate problem comes back with its details like IMAP's and
//! POP3's do. The SMTP dialogue after that is lettre's `AsyncSmtpConnection`, driven
//! command by command (MAIL, RCPT, DATA, content) rather than through its one-shot `send`.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::AsyncSmtpConnection;
use lettre::transport::smtp::commands::{Data, Mail, Quit, Rcpt, Rset};
use lettre::transport::smtp::extension::{ClientId, Extension, MailBodyParameter, MailParameter};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use super::stream::{DataWatch, SmtpStream};
use super::{SmtpError, Stage};
use crate::engine::account::{Account, Auth, Security};
use crate::engine::compose::Envelope;
use crate::engine::net;
use crate::engine::safety;
use crate::engine::secret::Secret;
use crate::engine::tls::Tls;

/// How long to wait at each step.
#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    /// Opening the TCP connection.
    pub connect: Duration,
    /// The greeting, the TLS handshake and each command's reply.
    pub command: Duration,
    /// Sending the content and waiting for the reply to the final dot. RFC 5321
    /// §4.5.3.2.6 asks clients to wait 10 minutes: servers may scan the message first.
    pub data: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Self {
            connect: net::CONNECT_TIMEOUT,
            command: Duration::from_secs(120),
            data: Duration::from_secs(600),
        }
    }
}

impl Timeouts {
    /// For checking settings while the user waits (the account wizard).
    pub fn interactive() -> Self {
        Self {
            connect: net::CONNECT_TIMEOUT,
            command: Duration::from_secs(30),
            data: Duration::from_secs(60),
        }
    }
}

/// What became of one message.
#[derive(Debug)]
pub enum Outcome {
    /// The server took responsibility for it (250 after the final dot); its reply.
    Accepted { reply: String },
    /// Not sent, and sending it again later is safe: the server was unreachable, answered
    /// 4xx, or the connection broke before the final dot.
    Temporary(SmtpError),
    /// Refused for good (5xx, a bad recipient, settings that cannot work); the user must
    /// change something before it can go.
    Permanent(SmtpError),
    /// The connection failed after the final dot and before the server's answer: the
    /// message may have been delivered. It must not be sent again without the user's say.
    Unknown(SmtpError),
}

/// An open, authenticated connection to the account's SMTP server.
pub struct Session {
    conn: AsyncSmtpConnection,
    host: String,
    watch: Arc<DataWatch>,
    timeouts: Timeouts,
    usable: bool,
}

/// The synthetic greeting lettre reads after our STARTTLS (see `stream.rs`).
const POST_STARTTLS_GREETING: &[u8] = b"220 TLS established\r\n";
/// Longest reply line we accept before TLS (RFC 5321 §4.5.3.1.5 says 512).
const MAX_LINE: usize = 2048;
/// Most lines in one reply before TLS.
const MAX_LINES: usize = 100;

impl Session {
    /// Connects to the account's outgoing server, protects the connection as the account
    /// says, and logs in with `password` (an OAuth 2 token for `Auth::Oauth2`). An empty
    /// password skips authentication, for servers that need none.
    pub async fn open(
        account: &Account,
        password: &Secret,
        timeouts: Timeouts,
    ) -> Result<Self, SmtpError> {
        let server = &account.outgoing;
        let host = server.host.clone();
        if server.username.contains(['\r', '\n', '\0'])
            || password.expose().contains(['\r', '\n', '\0'])
        {
            return Err(SmtpError::BadCredentials);
        }
        let tls = Tls::new(&account.trust_for(&host))?;
        let tcp = net::connect(&host, server.port, timeouts.connect).await?;
        let client_id = match tcp.local_addr().map(|a| a.ip()) {
            // An address literal instead of our host name (RFC 5321 §4.1.4): it reveals
            // nothing the server does not already see.
            Ok(std::net::IpAddr::V4(ip)) => ClientId::Ipv4(ip),
            Ok(std::net::IpAddr::V6(ip)) => ClientId::Ipv6(ip),
            Err(_) => ClientId::Domain("localhost".into()),
        };
        let watch = Arc::new(DataWatch::default());
        let stream = match server.security {
            Security::Plain => SmtpStream::plain(tcp, watch.clone()),
            Security::Tls => {
                let tls_stream = within(timeouts.command, &host, Stage::Connect, async {
                    Ok(tls.connect(&host, tcp).await?)
                })
                .await?;
                SmtpStream::tls(tls_stream, None, watch.clone())
            }
            Security::Starttls => {
                let tcp = within(
                    timeouts.command,
                    &host,
                    Stage::Connect,
                    starttls(tcp, &host, &client_id),
                )
                .await?;
                let tls_stream = within(timeouts.command, &host, Stage::Connect, async {
                    Ok(tls.connect(&host, tcp).await?)
                })
                .await?;
                SmtpStream::tls(tls_stream, Some(POST_STARTTLS_GREETING), watch.clone())
            }
        };
        let conn = within(timeouts.command, &host, Stage::Connect, async {
            AsyncSmtpConnection::connect_with_transport(Box::new(stream), &client_id)
                .await
                .map_err(|e| SmtpError::from_lettre(&host, Stage::Connect, &e))
        })
        .await?;
        let mut session = Self {
            conn,
            host,
            watch,
            timeouts,
            usable: true,
        };
        if !password.is_empty() {
            session
                .authenticate(&server.username, password, server.auth)
                .await?;
        }
        Ok(session)
    }

    /// AUTH (RFC 4954) with PLAIN or LOGIN for a password, XOAUTH2 for a token.
    async fn authenticate(
        &mut self,
        username: &str,
        password: &Secret,
        auth: Auth,
    ) -> Result<(), SmtpError> {
        let mechanisms: &[Mechanism] = match auth {
            Auth::Password => &[Mechanism::Plain, Mechanism::Login],
            Auth::Oauth2 => &[Mechanism::Xoauth2],
        };
        let info = self.conn.server_info();
        if !mechanisms.iter().any(|m| info.supports_auth_mechanism(*m)) {
            return Err(SmtpError::AuthUnavailable {
                host: self.host.clone(),
                offered: safety::server_text(&info.to_string()),
            });
        }
        let credentials = Credentials::new(username.to_owned(), password.expose().to_owned());
        let host = self.host.clone();
        let result = tokio::time::timeout(
            self.timeouts.command,
            self.conn.auth(mechanisms, &credentials),
        )
        .await;
        match result {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) if e.status().is_some() => Err(SmtpError::AuthRejected {
                host,
                reply: reply_text(&e),
            }),
            Ok(Err(e)) => Err(SmtpError::from_lettre(&host, Stage::Auth, &e)),
            Err(_) => Err(SmtpError::Timeout {
                host,
                stage: Stage::Auth,
            }),
        }
    }

    /// Whether another message can go over this session.
    pub fn is_usable(&self) -> bool {
        self.usable && !self.conn.has_broken()
    }

    /// Sends one message: MAIL FROM, RCPT TO for each recipient, DATA, the content.
    pub async fn submit(&mut self, envelope: &Envelope, raw: &[u8]) -> Outcome {
        match self.before_data(envelope, raw).await {
            Ok(()) => {}
            Err(outcome) => return outcome,
        }
        self.content(raw).await
    }

    /// MAIL, RCPT and DATA: any failure here is before the content, so nothing was sent.
    async fn before_data(&mut self, envelope: &Envelope, raw: &[u8]) -> Result<(), Outcome> {
        let host = self.host.clone();
        let info = self.conn.server_info();
        let mut params = Vec::new();
        // RFC 6152: 8-bit content only where the server announced 8BITMIME.
        if !raw.is_ascii() {
            if !info.supports_feature(Extension::EightBitMime) {
                return Err(Outcome::Permanent(SmtpError::EightBitRefused { host }));
            }
            params.push(MailParameter::Body(MailBodyParameter::EightBitMime));
        }
        let addresses = std::iter::once(&envelope.from).chain(&envelope.to);
        if addresses.clone().any(|a| !a.is_ascii()) {
            // RFC 6531: UTF-8 addresses need SMTPUTF8.
            if !info.supports_feature(Extension::SmtpUtfEight) {
                return Err(Outcome::Permanent(SmtpError::Utf8AddressRefused { host }));
            }
            params.push(MailParameter::SmtpUtfEight);
        }
        let from = parse_address(&envelope.from).map_err(Outcome::Permanent)?;
        let mail = self
            .command(Mail::new(Some(from), params), Stage::Mail)
            .await;
        self.refused_before_data(mail, Stage::Mail).await?;

        let mut refused: Vec<(String, lettre::transport::smtp::Error)> = Vec::new();
        for to in &envelope.to {
            let address = match parse_address(to) {
                Ok(a) => a,
                Err(e) => {
                    self.reset().await;
                    return Err(Outcome::Permanent(e));
                }
            };
            match self
                .command(Rcpt::new(address, Vec::new()), Stage::Recipient)
                .await
            {
                Ok(()) => {}
                Err(Step::Refused(e)) => refused.push((to.clone(), e)),
                Err(other) => return Err(self.not_sent(other)),
            }
        }
        if let Some((_, first)) = refused.first() {
            let permanent = refused.iter().any(|(_, e)| e.is_permanent());
            let error = SmtpError::RecipientsRefused {
                host,
                recipients: refused.iter().map(|(a, _)| a.clone()).collect(),
                reply: reply_text(first),
            };
            self.reset().await;
            return Err(if permanent {
                Outcome::Permanent(error)
            } else {
                Outcome::Temporary(error)
            });
        }
        if envelope.to.is_empty() {
            self.reset().await;
            return Err(Outcome::Permanent(SmtpError::RecipientsRefused {
                host,
                recipients: Vec::new(),
                reply: String::new(),
            }));
        }
        let data = self.command(Data, Stage::Data).await;
        self.refused_before_data(data, Stage::Data).await
    }

    /// The content and the final dot. Only a failure here can leave the outcome unknown.
    async fn content(&mut self, raw: &[u8]) -> Outcome {
        // lettre ends the content with CRLF.CRLF itself; a message that already ends in
        // CRLF would otherwise gain an empty line.
        let body = raw.strip_suffix(b"\r\n").unwrap_or(raw);
        self.watch.arm();
        let result = tokio::time::timeout(self.timeouts.data, self.conn.message(body)).await;
        self.watch.disarm();
        let host = self.host.clone();
        let error = match result {
            Ok(Ok(response)) => {
                return Outcome::Accepted {
                    reply: response_text(&response),
                };
            }
            // The server answered the final dot with a refusal: it did not take the message.
            Ok(Err(e)) if e.is_permanent() => {
                return Outcome::Permanent(SmtpError::from_lettre(&host, Stage::Content, &e));
            }
            Ok(Err(e)) if e.is_transient() => {
                return Outcome::Temporary(SmtpError::from_lettre(&host, Stage::Content, &e));
            }
            Ok(Err(e)) => SmtpError::from_lettre(&host, Stage::Content, &e),
            Err(_) => SmtpError::Timeout {
                host,
                stage: Stage::Content,
            },
        };
        self.usable = false;
        if self.watch.end_passed() {
            Outcome::Unknown(error)
        } else {
            Outcome::Temporary(error)
        }
    }

    /// Runs one command; a negative reply is `Step::Refused`, anything else a failure of
    /// the connection.
    async fn command<C: std::fmt::Display>(
        &mut self,
        command: C,
        stage: Stage,
    ) -> Result<(), Step> {
        match tokio::time::timeout(self.timeouts.command, self.conn.command(command)).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) if e.status().is_some() => Err(Step::Refused(e)),
            Ok(Err(e)) => Err(Step::Failed(SmtpError::from_lettre(&self.host, stage, &e))),
            Err(_) => Err(Step::Failed(SmtpError::Timeout {
                host: self.host.clone(),
                stage,
            })),
        }
    }

    async fn refused_before_data(
        &mut self,
        step: Result<(), Step>,
        stage: Stage,
    ) -> Result<(), Outcome> {
        match step {
            Ok(()) => Ok(()),
            Err(Step::Refused(e)) => {
                let error = SmtpError::from_lettre(&self.host, stage, &e);
                self.reset().await;
                Err(if e.is_permanent() {
                    Outcome::Permanent(error)
                } else {
                    Outcome::Temporary(error)
                })
            }
            Err(other) => Err(self.not_sent(other)),
        }
    }

    fn not_sent(&mut self, step: Step) -> Outcome {
        self.usable = false;
        match step {
            Step::Refused(e) => {
                Outcome::Temporary(SmtpError::from_lettre(&self.host, Stage::Mail, &e))
            }
            Step::Failed(e) => Outcome::Temporary(e),
        }
    }

    /// RSET (RFC 5321 §4.1.1.5) so the next message starts clean; a session that cannot
    /// even do that is not used again.
    async fn reset(&mut self) {
        if self.command(Rset, Stage::Mail).await.is_err() {
            self.usable = false;
        }
    }

    /// Says goodbye; the answer does not matter any more.
    pub async fn quit(mut self) {
        if self.is_usable() {
            let _ = tokio::time::timeout(Duration::from_secs(5), self.conn.command(Quit)).await;
        }
        let _ = tokio::time::timeout(Duration::from_secs(5), self.conn.abort()).await;
    }
}

enum Step {
    Refused(lettre::transport::smtp::Error),
    Failed(SmtpError),
}

fn parse_address(address: &str) -> Result<lettre::Address, SmtpError> {
    lettre::Address::from_str(address).map_err(|_| SmtpError::BadAddress {
        address: address.to_owned(),
    })
}

/// The server's words from a lettre error: the text of its negative reply.
pub(crate) fn reply_text(e: &lettre::transport::smtp::Error) -> String {
    let text = std::error::Error::source(e)
        .map(|s| s.to_string())
        .unwrap_or_default();
    match e.status() {
        Some(code) => safety::server_text(&format!("{code} {text}")),
        None => safety::server_text(&text),
    }
}

fn response_text(r: &lettre::transport::smtp::response::Response) -> String {
    safety::server_text(&format!(
        "{} {}",
        r.code(),
        r.message().collect::<Vec<_>>().join(" ")
    ))
}

async fn within<T>(
    limit: Duration,
    host: &str,
    stage: Stage,
    work: impl std::future::Future<Output = Result<T, SmtpError>>,
) -> Result<T, SmtpError> {
    tokio::time::timeout(limit, work).await.unwrap_or_else(|_| {
        Err(SmtpError::Timeout {
            host: host.to_owned(),
            stage,
        })
    })
}

/// The plaintext start of a STARTTLS session (RFC 3207 §4): greeting, EHLO, STARTTLS.
/// Returns the TCP stream positioned right after the server's `220`, ready for TLS.
async fn starttls(
    mut tcp: TcpStream,
    host: &str,
    client_id: &ClientId,
) -> Result<TcpStream, SmtpError> {
    let greeting = read_reply(&mut tcp, host).await?;
    if greeting.code != 220 {
        return Err(SmtpError::Greeting {
            host: host.to_owned(),
            reply: greeting.text(),
        });
    }
    send(&mut tcp, host, &format!("EHLO {client_id}\r\n")).await?;
    let ehlo = read_reply(&mut tcp, host).await?;
    if ehlo.code != 250 {
        return Err(SmtpError::Greeting {
            host: host.to_owned(),
            reply: ehlo.text(),
        });
    }
    let offered = ehlo.lines.iter().skip(1).any(|line| {
        line.split_whitespace()
            .next()
            .is_some_and(|word| word.eq_ignore_ascii_case("STARTTLS"))
    });
    if !offered {
        let _ = send(&mut tcp, host, "QUIT\r\n").await;
        return Err(SmtpError::StartTlsMissing {
            host: host.to_owned(),
        });
    }
    send(&mut tcp, host, "STARTTLS\r\n").await?;
    let answer = read_reply(&mut tcp, host).await?;
    if answer.code != 220 {
        let _ = send(&mut tcp, host, "QUIT\r\n").await;
        return Err(SmtpError::StartTlsRefused {
            host: host.to_owned(),
            reply: answer.text(),
        });
    }
    Ok(tcp)
}

async fn send(tcp: &mut TcpStream, host: &str, line: &str) -> Result<(), SmtpError> {
    tcp.write_all(line.as_bytes())
        .await
        .map_err(|e| SmtpError::Net(net::NetError::broken(host, &e)))
}

/// A reply read before TLS: its code and the text of each line.
#[derive(Debug, PartialEq, Eq)]
struct Reply {
    code: u16,
    lines: Vec<String>,
}

impl Reply {
    fn text(&self) -> String {
        safety::server_text(&format!("{} {}", self.code, self.lines.join(" ")))
    }
}

/// Reads one reply (RFC 5321 §4.2.1: `ddd-text` lines, then `ddd text`) a byte at a time,
/// so not one byte beyond it leaves the socket.
async fn read_reply(tcp: &mut TcpStream, host: &str) -> Result<Reply, SmtpError> {
    let mut lines = Vec::new();
    loop {
        let line = read_line(tcp, host).await?;
        let bad = || SmtpError::Protocol {
            host: host.to_owned(),
            reason: format!("unexpected reply line {line:?}"),
        };
        let code: u16 = line
            .get(..3)
            .and_then(|c| c.parse().ok())
            .filter(|c| (200..600).contains(c))
            .ok_or_else(bad)?;
        let more = match line.as_bytes().get(3) {
            None | Some(b' ') => false,
            Some(b'-') => true,
            Some(_) => return Err(bad()),
        };
        lines.push((code, line.get(4..).unwrap_or_default().to_owned()));
        if !more {
            if lines.iter().any(|(c, _)| *c != code) {
                return Err(bad());
            }
            return Ok(Reply {
                code,
                lines: lines.into_iter().map(|(_, t)| t).collect(),
            });
        }
        if lines.len() > MAX_LINES {
            return Err(bad());
        }
    }
}

async fn read_line(tcp: &mut TcpStream, host: &str) -> Result<String, SmtpError> {
    let mut line = Vec::new();
    loop {
        let byte = tcp
            .read_u8()
            .await
            .map_err(|e| SmtpError::Net(net::NetError::broken(host, &e)))?;
        if byte == b'\n' {
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            return Ok(String::from_utf8_lossy(&line).into_owned());
        }
        line.push(byte);
        if line.len() > MAX_LINE {
            return Err(SmtpError::Protocol {
                host: host.to_owned(),
                reason: "reply line too long".into(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::net::TcpListener;

    /// A scripted server for the pre-TLS exchange: sends `script` lines in order after
    /// each client line, and returns what the client sent.
    async fn scripted(
        greeting: &'static str,
        answers: Vec<&'static str>,
    ) -> (u16, tokio::task::JoinHandle<String>) {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let handle = tokio::spawn(async move {
            let (mut s, _) = listener.accept().await.unwrap();
            s.write_all(greeting.as_bytes()).await.unwrap();
            let mut seen = String::new();
            for answer in answers {
                let mut line = Vec::new();
                loop {
                    let b = match s.read_u8().await {
                        Ok(b) => b,
                        Err(_) => return seen,
                    };
                    line.push(b);
                    if b == b'\n' {
                        break;
                    }
                }
                seen.push_str(&String::from_utf8_lossy(&line));
                s.write_all(answer.as_bytes()).await.unwrap();
            }
            let mut rest = Vec::new();
            let _ =
                tokio::time::timeout(Duration::from_millis(300), s.read_to_end(&mut rest)).await;
            seen.push_str(&String::from_utf8_lossy(&rest));
            seen
        });
        (port, handle)
    }

    #[tokio::test]
    async fn a_server_without_starttls_is_left_before_any_credential() {
        let (port, server) = scripted(
            "220 mx ESMTP\r\n",
            vec![
                "250-mx\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n",
                "221 bye\r\n",
            ],
        )
        .await;
        let tcp = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
        let err = starttls(tcp, "127.0.0.1", &ClientId::Domain("c".into()))
            .await
            .unwrap_err();
        assert!(matches!(err, SmtpError::StartTlsMissing { .. }), "{err:?}");
        let seen = server.await.unwrap();
        assert_eq!(seen, "EHLO c\r\nQUIT\r\n");
    }

    #[tokio::test]
    async fn a_refused_starttls_is_an_error_with_the_reply() {
        let (port, server) = scripted(
            "220 mx\r\n",
            vec![
                "250-mx\r\n250 STARTTLS\r\n",
                "454 4.7.0 TLS not available\r\n",
            ],
        )
        .await;
        let tcp = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
        let err = starttls(tcp, "127.0.0.1", &ClientId::Domain("c".into()))
            .await
            .unwrap_err();
        match err {
            SmtpError::StartTlsRefused { reply, .. } => assert!(reply.contains("454"), "{reply}"),
            other => panic!("{other:?}"),
        }
        assert!(!server.await.unwrap().contains("AUTH"));
    }

    #[tokio::test]
    async fn nothing_after_the_220_is_read_before_tls() {
        // The server injects a command response right after its 220 (CVE-2011-0411 style).
        let (port, _server) = scripted(
            "220 mx\r\n",
            vec![
                "250-mx\r\n250 STARTTLS\r\n",
                "220 go ahead\r\n250 injected\r\n",
            ],
        )
        .await;
        let tcp = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
        let mut tcp = starttls(tcp, "127.0.0.1", &ClientId::Domain("c".into()))
            .await
            .unwrap();
        // The injected bytes are still in the socket, where the TLS handshake will choke on
        // them: they were never taken as a reply.
        let mut rest = [0u8; 16];
        let n = tcp.read(&mut rest).await.unwrap();
        assert_eq!(&rest[..n], b"250 injected\r\n");
    }

    fn plain_account(port: u16, auth: Auth) -> Account {
        let mut a =
            crate::engine::account::tests::sample("t", crate::engine::account::Protocol::Imap);
        a.outgoing.host = "127.0.0.1".into();
        a.outgoing.port = port;
        a.outgoing.security = Security::Plain;
        a.outgoing.username = "anna@example.test".into();
        a.outgoing.auth = auth;
        a
    }

    async fn login_against(
        offered: &'static str,
        answers: Vec<&'static str>,
        auth: Auth,
        secret: &str,
    ) -> (Result<(), SmtpError>, String) {
        let (port, server) = scripted(offered, answers).await;
        let account = plain_account(port, auth);
        let result =
            match Session::open(&account, &Secret::new(secret), Timeouts::interactive()).await {
                Ok(s) => {
                    s.quit().await;
                    Ok(())
                }
                Err(e) => Err(e),
            };
        (result, server.await.unwrap())
    }

    #[tokio::test]
    async fn xoauth2_sends_the_bearer_token_when_the_account_uses_oauth() {
        let (result, seen) = login_against(
            "220 mx\r\n",
            vec![
                "250-mx\r\n250 AUTH PLAIN XOAUTH2\r\n",
                "235 ok\r\n",
                "221 bye\r\n",
            ],
            Auth::Oauth2,
            "ya29.token",
        )
        .await;
        result.unwrap();
        let auth_line = seen.lines().find(|l| l.starts_with("AUTH")).unwrap();
        let b64 = auth_line.strip_prefix("AUTH XOAUTH2 ").unwrap();
        use base64::Engine;
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .unwrap();
        assert_eq!(
            decoded,
            b"user=anna@example.test\x01auth=Bearer ya29.token\x01\x01"
        );
    }

    #[tokio::test]
    async fn login_is_used_where_plain_is_not_offered() {
        let (result, seen) = login_against(
            "220 mx\r\n",
            vec![
                "250-mx\r\n250 AUTH LOGIN\r\n",
                "334 VXNlcm5hbWU6\r\n",
                "334 UGFzc3dvcmQ6\r\n",
                "235 ok\r\n",
                "221 bye\r\n",
            ],
            Auth::Password,
            "hunter2",
        )
        .await;
        result.unwrap();
        assert!(seen.contains("AUTH LOGIN"), "{seen}");
    }

    #[tokio::test]
    async fn no_usable_mechanism_is_said_before_any_secret_is_sent() {
        let (result, seen) = login_against(
            "220 mx\r\n",
            vec!["250-mx\r\n250 AUTH CRAM-MD5\r\n", "221 bye\r\n"],
            Auth::Password,
            "hunter2",
        )
        .await;
        assert!(
            matches!(result, Err(SmtpError::AuthUnavailable { .. })),
            "{result:?}"
        );
        assert!(!seen.contains("AUTH"), "{seen}");
    }

    #[tokio::test]
    async fn a_line_break_in_the_password_is_refused_before_connecting() {
        let account = plain_account(1, Auth::Password);
        let err = Session::open(&account, &Secret::new("a\r\nRSET"), Timeouts::interactive())
            .await
            .err()
            .unwrap();
        assert!(matches!(err, SmtpError::BadCredentials), "{err:?}");
    }

    #[tokio::test]
    async fn malformed_replies_are_protocol_errors() {
        let (port, _server) = scripted("hello there\r\n", vec![]).await;
        let tcp = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
        let err = starttls(tcp, "127.0.0.1", &ClientId::Domain("c".into()))
            .await
            .unwrap_err();
        assert!(matches!(err, SmtpError::Protocol { .. }), "{err:?}");
    }
}
