//! Opening an IMAP session: TCP, TLS (implicit or STARTTLS), capabilities, login.
//!
//! - Implicit TLS (RFC 8314) is the TLS handshake first, then the greeting.
//! - STARTTLS (RFC 3501 §6.2.1) is *required* when chosen: if the server does not list it, or
//!   refuses it, we stop before anything else is sent — credentials never travel in
//!   plaintext. Everything the server said before the handshake is thrown away, including
//!   bytes it may have sent after its STARTTLS reply (the "STARTTLS injection" attack), and
//!   the capabilities are asked again over TLS.
//! - Plaintext only when the account says `Security::Plain`.
//!
//! Login uses AUTHENTICATE PLAIN (RFC 4616) when offered, else LOGIN unless LOGINDISABLED;
//! OAuth accounts use XOAUTH2. A refusal carries the server's own words.

use std::time::Duration;

use async_imap::Client;
use async_imap::imap_proto::{Response, Status};
use tokio::io::{AsyncWriteExt, BufWriter};
use zeroize::Zeroizing;

use super::caps::Capabilities;
use super::error::ImapError;
use super::session::{DEFAULT_TIMEOUT, Done, Outcome, Session, crate_error, io_error};
use super::transport::{Stream, Transport};
use crate::engine::account::{Account, Auth, Security, Server};
use crate::engine::net;
use crate::engine::safety;
use crate::engine::secret::Secret;
use crate::engine::tls::Tls;

/// Reads one response before login, within `timeout`. A macro because async-imap's response
/// type cannot be named outside the crate.
macro_rules! read {
    ($client:expr, $host:expr, $timeout:expr) => {
        match tokio::time::timeout($timeout, $client.read_response()).await {
            Err(_) => Err(ImapError::Timeout {
                host: $host.to_owned(),
            }),
            Ok(Ok(Some(r))) => Ok(r),
            Ok(Ok(None)) => Err(ImapError::Closed {
                host: $host.to_owned(),
                text: None,
            }),
            Ok(Err(e)) => Err(io_error($host, &e)),
        }
    };
}

/// Knobs for a connection; the defaults suit real servers.
#[derive(Debug, Clone)]
pub struct ConnectOptions {
    /// How long to wait for any single answer.
    pub timeout: Duration,
}

impl Default for ConnectOptions {
    fn default() -> Self {
        Self {
            timeout: DEFAULT_TIMEOUT,
        }
    }
}

/// Connects to the account's incoming server and logs in.
pub async fn connect(account: &Account, password: &Secret) -> Result<Session, ImapError> {
    connect_with(account, password, &ConnectOptions::default()).await
}

/// [`connect`] with explicit options.
pub async fn connect_with(
    account: &Account,
    password: &Secret,
    options: &ConnectOptions,
) -> Result<Session, ImapError> {
    let server = &account.incoming;
    check_credentials(server, password)?;
    let (client, caps) = open(account, options.timeout).await?;
    login(client, caps, server, password, options.timeout).await
}

/// Refuses credentials that cannot be sent safely, before anything is sent at all.
fn check_credentials(server: &Server, password: &Secret) -> Result<(), ImapError> {
    super::input::check("user name", &server.username)?;
    if let Some(c) = password
        .expose()
        .chars()
        .find(|c| matches!(c, '\r' | '\n' | '\0'))
    {
        return Err(ImapError::UnsafeInput {
            what: "password".to_owned(),
            // The password itself never goes into an error.
            value: String::new(),
            character: c,
        });
    }
    Ok(())
}

/// A connected, not yet authenticated client, with the capabilities it offers over the
/// connection as it now is (TLS unless the account chose plaintext).
async fn open(
    account: &Account,
    timeout: Duration,
) -> Result<(Client<Stream>, Capabilities), ImapError> {
    let server = &account.incoming;
    let host = server.host.as_str();
    let tcp = net::connect(host, server.port, net::CONNECT_TIMEOUT).await?;
    match server.security {
        Security::Tls => {
            let tls = Tls::new(&account.trust_for(host))?;
            let stream = tls.connect(host, tcp).await?;
            let mut client = Client::new(BufWriter::new(Transport::tls(stream)));
            let greeting_caps = greeting(&mut client, host, timeout).await?;
            let caps = match greeting_caps {
                Some(caps) => caps,
                None => capability(&mut client, host, timeout).await?,
            };
            Ok((client, caps))
        }
        Security::Starttls => {
            let mut client = Client::new(BufWriter::new(Transport::plain(tcp)));
            // Capabilities seen in plaintext only decide whether to try STARTTLS.
            let plain_caps = match greeting(&mut client, host, timeout).await? {
                Some(caps) => caps,
                None => capability(&mut client, host, timeout).await?,
            };
            if !plain_caps.starttls() {
                return Err(ImapError::StarttlsMissing {
                    host: host.to_owned(),
                });
            }
            let done = command(&mut client, host, timeout, "P2", "STARTTLS", |_| {}).await?;
            if done.outcome != Outcome::Ok {
                return Err(ImapError::StarttlsRefused {
                    host: host.to_owned(),
                    text: done.text,
                });
            }
            // Dropping the client drops its read buffer: nothing the server sent before the
            // handshake survives into the TLS session.
            let tcp = client
                .into_inner()
                .into_inner()
                .into_plain()
                .ok_or_else(|| protocol(host, "STARTTLS on a TLS connection"))?;
            let tls = Tls::new(&account.trust_for(host))?;
            let stream = tls.connect(host, tcp).await?;
            let mut client = Client::new(BufWriter::new(Transport::tls(stream)));
            let caps = capability(&mut client, host, timeout).await?;
            Ok((client, caps))
        }
        Security::Plain => {
            let mut client = Client::new(BufWriter::new(Transport::plain(tcp)));
            let caps = match greeting(&mut client, host, timeout).await? {
                Some(caps) => caps,
                None => capability(&mut client, host, timeout).await?,
            };
            Ok((client, caps))
        }
    }
}

/// Reads the greeting (RFC 3501 §7.1); returns the capabilities if it carried them.
async fn greeting(
    client: &mut Client<Stream>,
    host: &str,
    timeout: Duration,
) -> Result<Option<Capabilities>, ImapError> {
    let response = read!(client, host, timeout)?;
    match response.parsed() {
        Response::Data {
            status: Status::Ok,
            outcome,
        } => Ok(match &outcome.code {
            Some(async_imap::imap_proto::ResponseCode::Capabilities(c)) => {
                Some(Capabilities::from_proto(c))
            }
            _ => None,
        }),
        // An already logged-in session is never taken: on a STARTTLS account it would run
        // unprotected, and in any case without the login the user set up.
        Response::Data {
            status: Status::PreAuth,
            ..
        } => Err(ImapError::Preauth {
            host: host.to_owned(),
        }),
        Response::Data { status, outcome } => Err(ImapError::Greeting {
            host: host.to_owned(),
            text: safety::server_text(&format!(
                "{status:?} {}",
                outcome.information.as_deref().unwrap_or_default()
            )),
        }),
        other => Err(ImapError::Greeting {
            host: host.to_owned(),
            text: safety::server_text(&format!("{other:?}")),
        }),
    }
}

/// CAPABILITY before login.
async fn capability(
    client: &mut Client<Stream>,
    host: &str,
    timeout: Duration,
) -> Result<Capabilities, ImapError> {
    let mut caps = None;
    let done = command(client, host, timeout, "P1", "CAPABILITY", |r| {
        if let Response::Capabilities(c) = r {
            caps = Some(Capabilities::from_proto(c));
        }
    })
    .await?;
    if done.outcome != Outcome::Ok {
        return Err(ImapError::Refused {
            host: host.to_owned(),
            command: "CAPABILITY".to_owned(),
            text: done.text,
        });
    }
    caps.ok_or_else(|| protocol(host, "no CAPABILITY in the answer to CAPABILITY"))
}

/// Runs one command before login. The client type offers no way to send a tagged command
/// and see its untagged answers, so it is written by hand with tags of our own (`P…`, never
/// used by async-imap's `A0000` counter).
async fn command(
    client: &mut Client<Stream>,
    host: &str,
    timeout: Duration,
    tag: &str,
    text: &str,
    mut untagged: impl FnMut(&Response<'_>),
) -> Result<Done, ImapError> {
    let line = format!("{tag} {text}\r\n");
    let stream = client.get_mut();
    let write = async {
        stream.write_all(line.as_bytes()).await?;
        stream.flush().await
    };
    match tokio::time::timeout(timeout, write).await {
        Err(_) => {
            return Err(ImapError::Timeout {
                host: host.to_owned(),
            });
        }
        Ok(Err(e)) => return Err(io_error(host, &e)),
        Ok(Ok(())) => {}
    }
    loop {
        let response = read!(client, host, timeout)?;
        if let Response::Done {
            tag: t,
            status,
            outcome,
        } = response.parsed()
            && t.0 == tag
        {
            let done = Done::from_parts(
                status,
                outcome.code.as_ref(),
                outcome.information.as_deref(),
            );
            return Ok(done);
        }
        untagged(response.parsed());
    }
}

/// SASL PLAIN (RFC 4616): authorization identity empty, then user and password.
struct Plain<'a> {
    user: &'a str,
    password: &'a Secret,
}

impl async_imap::Authenticator for Plain<'_> {
    type Response = Zeroizing<Vec<u8>>;

    fn process(&mut self, _challenge: &[u8]) -> Self::Response {
        let mut out = Zeroizing::new(Vec::new());
        out.push(0);
        out.extend_from_slice(self.user.as_bytes());
        out.push(0);
        out.extend_from_slice(self.password.expose().as_bytes());
        out
    }
}

/// SASL LOGIN (draft-murchison-sasl-login): the user name at the first challenge
/// ("Username:"), the password at the next. For servers that offer no PLAIN, and whose
/// LOGIN command is disabled for that reason (Dovecot with `auth_mechanisms = login`).
struct SaslLogin<'a> {
    user: &'a str,
    password: &'a Secret,
    step: u8,
}

impl async_imap::Authenticator for SaslLogin<'_> {
    type Response = Zeroizing<Vec<u8>>;

    fn process(&mut self, _challenge: &[u8]) -> Self::Response {
        self.step = self.step.saturating_add(1);
        Zeroizing::new(match self.step {
            1 => self.user.as_bytes().to_vec(),
            2 => self.password.expose().as_bytes().to_vec(),
            // A third challenge means a failure is coming: answer with nothing.
            _ => Vec::new(),
        })
    }
}

/// XOAUTH2 (Google/Microsoft): the bearer token in place of a password. After a failure the
/// server sends an error challenge, answered with an empty line.
struct XOAuth2<'a> {
    user: &'a str,
    token: &'a Secret,
    sent: bool,
}

impl async_imap::Authenticator for XOAuth2<'_> {
    type Response = Zeroizing<Vec<u8>>;

    fn process(&mut self, _challenge: &[u8]) -> Self::Response {
        if std::mem::replace(&mut self.sent, true) {
            return Zeroizing::new(Vec::new());
        }
        Zeroizing::new(
            format!(
                "user={}\x01auth=Bearer {}\x01\x01",
                self.user,
                self.token.expose()
            )
            .into_bytes(),
        )
    }
}

/// Logs in with what the account and the server allow.
async fn login(
    mut client: Client<Stream>,
    caps: Capabilities,
    server: &Server,
    password: &Secret,
    timeout: Duration,
) -> Result<Session, ImapError> {
    let host = server.host.clone();
    let user = server.username.as_str();
    client.get_mut().get_mut().set_tap(true);
    let attempt = match server.auth {
        Auth::Oauth2 if caps.auth("XOAUTH2") => {
            let auth = XOAuth2 {
                user,
                token: password,
                sent: false,
            };
            tokio::time::timeout(timeout, client.authenticate("XOAUTH2", auth)).await
        }
        Auth::Password if caps.auth("PLAIN") => {
            let auth = Plain { user, password };
            tokio::time::timeout(timeout, client.authenticate("PLAIN", auth)).await
        }
        Auth::Password if caps.login_disabled() && caps.auth("LOGIN") => {
            let auth = SaslLogin {
                user,
                password,
                step: 0,
            };
            tokio::time::timeout(timeout, client.authenticate("LOGIN", auth)).await
        }
        Auth::Password if !caps.login_disabled() => {
            if !password.expose().is_ascii() || !user.is_ascii() {
                // LOGIN takes quoted strings, which are ASCII only (RFC 3501 §4.3).
                return Err(ImapError::NoAuthMethod {
                    host,
                    offered: caps.names().join(" "),
                });
            }
            tokio::time::timeout(timeout, client.login(user, password.expose())).await
        }
        _ => {
            return Err(ImapError::NoAuthMethod {
                host,
                offered: caps.names().join(" "),
            });
        }
    };
    let mut imap = match attempt {
        Err(_) => return Err(ImapError::Timeout { host }),
        Ok(Ok(session)) => session,
        Ok(Err((error, client))) => {
            let last = client.get_ref().get_ref().last_line();
            return Err(refusal(&host, error, last));
        }
    };
    // Servers often put the new capabilities in the login's OK (RFC 3501 §7.2.1); the
    // list from before login may lack what only authenticated users get.
    let after = imap
        .get_ref()
        .get_ref()
        .last_line()
        .and_then(|line| capabilities_in(&line));
    imap.get_mut().get_mut().set_tap(false);
    let mut session = Session::new(imap, host, caps, timeout);
    match after {
        Some(caps) => session.caps = caps,
        None => session.refresh_capabilities().await?,
    }
    Ok(session)
}

/// The capabilities in a tagged `OK [CAPABILITY ...]` line, if any.
fn capabilities_in(line: &str) -> Option<Capabilities> {
    let mut owned = line.as_bytes().to_vec();
    owned.extend_from_slice(b"\r\n");
    match Response::parse(&owned) {
        Ok((
            _,
            Response::Done {
                status: Status::Ok,
                outcome,
                ..
            },
        )) => match outcome.code {
            Some(async_imap::imap_proto::ResponseCode::Capabilities(c)) => {
                Some(Capabilities::from_proto(&c))
            }
            _ => None,
        },
        _ => None,
    }
}

/// Why a login failed, with the server's words taken from its last line.
fn refusal(host: &str, error: async_imap::error::Error, last_line: Option<String>) -> ImapError {
    use async_imap::error::Error;
    match error {
        Error::No(_) | Error::Bad(_) => ImapError::Auth {
            host: host.to_owned(),
            text: last_line.map(|l| server_text(&l)).unwrap_or_default(),
        },
        other => crate_error(host, other),
    }
}

/// `A0001 NO [AUTHENTICATIONFAILED] Authentication failed.` → the text after the status,
/// response code included (it tells the user what kind of refusal it was), made safe to
/// show.
fn server_text(line: &str) -> String {
    safety::server_text(&refusal_text(line))
}

fn refusal_text(line: &str) -> String {
    let mut parts = line.splitn(3, ' ');
    let _tag = parts.next();
    match (parts.next(), parts.next()) {
        (Some(status), Some(text))
            if ["NO", "BAD", "BYE"].contains(&status.to_ascii_uppercase().as_str()) =>
        {
            text.trim().to_owned()
        }
        _ => line.trim().to_owned(),
    }
}

fn protocol(host: &str, detail: &str) -> ImapError {
    ImapError::Protocol {
        host: host.to_owned(),
        detail: detail.to_owned(),
    }
}

/// Logs in to the account's IMAP server and out again: the check `tidings account verify`
/// and the setup wizard run. Errors say exactly what failed: DNS, connection, TLS (with the
/// certificate's details), STARTTLS missing, or the login refused (with the server's words).
pub async fn verify(account: &Account, password: &Secret) -> Result<(), ImapError> {
    if account.protocol != crate::engine::account::Protocol::Imap {
        return Err(ImapError::NotImap(account.name.clone()));
    }
    let session = connect(account, password).await?;
    session.logout().await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_server_text_keeps_its_code() {
        assert_eq!(
            server_text("A0001 NO [AUTHENTICATIONFAILED] Authentication failed."),
            "[AUTHENTICATIONFAILED] Authentication failed."
        );
        assert_eq!(server_text("garbage"), "garbage");
    }

    #[test]
    fn capabilities_come_from_the_login_ok() {
        let caps =
            capabilities_in("A0001 OK [CAPABILITY IMAP4rev1 IDLE QRESYNC] Logged in").unwrap();
        assert!(caps.idle() && caps.qresync());
        assert!(capabilities_in("A0001 OK Logged in").is_none());
    }

    #[test]
    fn control_characters_in_credentials_are_refused_without_echoing_the_password() {
        let server = Server {
            host: "h".into(),
            port: 1,
            security: Security::Tls,
            username: "anna".into(),
            auth: Auth::Password,
        };
        let err = check_credentials(&server, &Secret::new("pw\r\nA1 LOGOUT")).unwrap_err();
        let shown = format!("{err} {err:?}");
        assert!(!shown.contains("LOGOUT"), "{shown}");
        let mut bad_user = server.clone();
        bad_user.username = "anna\r\nA1 DELETE INBOX".into();
        assert!(check_credentials(&bad_user, &Secret::new("pw")).is_err());
    }

    #[test]
    fn xoauth2_answers_an_error_challenge_with_nothing() {
        use async_imap::Authenticator as _;
        let token = Secret::new("tok");
        let mut auth = XOAuth2 {
            user: "u@example.test",
            token: &token,
            sent: false,
        };
        assert_eq!(
            auth.process(b"").as_slice(),
            b"user=u@example.test\x01auth=Bearer tok\x01\x01"
        );
        assert!(auth.process(b"{\"status\":\"401\"}").is_empty());
    }
    #[test]
    fn sasl_login_gives_user_then_password_then_nothing() {
        use async_imap::Authenticator as _;
        let password = Secret::new("pw");
        let mut auth = SaslLogin {
            user: "u@example.test",
            password: &password,
            step: 0,
        };
        assert_eq!(auth.process(b"Username:").as_slice(), b"u@example.test");
        assert_eq!(auth.process(b"Password:").as_slice(), b"pw");
        assert!(auth.process(b"?").is_empty());
    }
}
