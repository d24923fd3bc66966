//! Sending mail over SMTP submission (RFC 6409) with lettre's async SMTP connection on
//! tokio, protected by our own TLS policy.
//!
//! - [`verify`]: log in to the outgoing server and leave, for the account wizard and
//!   `tidings account verify`.
//! - [`Session`]: a connection that sends messages step by step and tells, for each, an
//!   [`Outcome`]: accepted, not sent (temporary or permanent), or unknown because the
//!   connection failed after the final dot.
//!
//! Why not lettre's `AsyncSmtpTransport`: it takes no rustls `ClientConfig`, so it could not
//! apply our certificate policy (account CA file, accepted SHA-256 pins, certificate details
//! on failure), and its one-shot `send` does not say whether a failure came before or after
//! the final dot. We open the connection ourselves and hand the protected stream to lettre's
//! lower-level `AsyncSmtpConnection` (see `session.rs` and `stream.rs`).

pub mod outbox;
mod session;
mod stream;

use serde::Serialize;

use crate::engine::account::Account;
use crate::engine::error::Localized;
use crate::engine::net::NetError;
use crate::engine::secret::Secret;
use crate::engine::tls::TlsError;
use crate::tr;

pub use outbox::{FlushReport, Outbox, Retry};
pub use session::{Outcome, Session, Timeouts};

/// Where in the dialogue something went wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    /// Connecting, TLS, greeting and EHLO.
    Connect,
    /// Logging in.
    Auth,
    /// MAIL FROM: the sender.
    Mail,
    /// RCPT TO: the recipients.
    Recipient,
    /// The DATA command.
    Data,
    /// The message itself and the reply to its final dot.
    Content,
}

impl Stage {
    fn localized(self) -> String {
        match self {
            Stage::Connect => tr!("smtp-stage-connect"),
            Stage::Auth => tr!("smtp-stage-auth"),
            Stage::Mail => tr!("smtp-stage-mail"),
            Stage::Recipient => tr!("smtp-stage-recipient"),
            Stage::Data => tr!("smtp-stage-data"),
            Stage::Content => tr!("smtp-stage-content"),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SmtpError {
    #[error(transparent)]
    Net(#[from] NetError),
    #[error(transparent)]
    Tls(#[from] TlsError),
    #[error("the user name or password contains a line break or NUL")]
    BadCredentials,
    #[error("{host} did not accept the connection: {reply}")]
    Greeting { host: String, reply: String },
    #[error("{host} does not offer STARTTLS; nothing was sent unencrypted")]
    StartTlsMissing { host: String },
    #[error("{host} refused STARTTLS: {reply}")]
    StartTlsRefused { host: String, reply: String },
    #[error("{host} offers no login method Tidings can use ({offered})")]
    AuthUnavailable { host: String, offered: String },
    #[error("{host} refused the login: {reply}")]
    AuthRejected { host: String, reply: String },
    #[error("{host} does not accept 8-bit messages (no 8BITMIME)")]
    EightBitRefused { host: String },
    #[error("{host} does not accept non-ASCII addresses (no SMTPUTF8)")]
    Utf8AddressRefused { host: String },
    #[error("{address:?} is not an address SMTP can send to")]
    BadAddress { address: String },
    #[error("{host} refused the recipients {recipients:?}: {reply}")]
    RecipientsRefused {
        host: String,
        recipients: Vec<String>,
        reply: String,
    },
    #[error("{host} refused the message at {stage:?}: {reply}")]
    Refused {
        host: String,
        stage: Stage,
        reply: String,
    },
    #[error("{host} broke the SMTP protocol: {reason}")]
    Protocol { host: String, reason: String },
    #[error("{host} did not answer in time at {stage:?}")]
    Timeout { host: String, stage: Stage },
    #[error("the connection to {host} broke at {stage:?}: {reason}")]
    Broken {
        host: String,
        stage: Stage,
        reason: String,
    },
}

impl SmtpError {
    /// Whether trying again later may succeed without the user changing anything: the
    /// network, a timeout, or a 4xx reply (RFC 5321 §4.2.1).
    pub fn is_temporary(&self) -> bool {
        let transient = |reply: &str| reply.trim_start().starts_with('4');
        match self {
            SmtpError::Net(_) | SmtpError::Timeout { .. } | SmtpError::Broken { .. } => true,
            SmtpError::Tls(TlsError::Handshake { .. }) => true,
            SmtpError::Greeting { reply, .. }
            | SmtpError::StartTlsRefused { reply, .. }
            | SmtpError::AuthRejected { reply, .. }
            | SmtpError::RecipientsRefused { reply, .. }
            | SmtpError::Refused { reply, .. } => transient(reply),
            _ => false,
        }
    }

    pub(crate) fn from_lettre(
        host: &str,
        stage: Stage,
        e: &lettre::transport::smtp::Error,
    ) -> Self {
        let host = host.to_owned();
        if e.status().is_some() {
            return SmtpError::Refused {
                host,
                stage,
                reply: session::reply_text(e),
            };
        }
        if e.is_timeout() {
            return SmtpError::Timeout { host, stage };
        }
        // lettre's parse errors quote what the server sent: made safe to show.
        let reason = crate::engine::safety::server_text(
            &std::error::Error::source(e)
                .map(|s| s.to_string())
                .unwrap_or_else(|| e.to_string()),
        );
        if e.is_response() || e.is_client() {
            SmtpError::Protocol { host, reason }
        } else {
            SmtpError::Broken {
                host,
                stage,
                reason,
            }
        }
    }

    /// The error kind for `engine::Error::kind`.
    pub fn kind(&self) -> crate::engine::error::ErrorKind {
        use crate::engine::error::ErrorKind;
        match self {
            SmtpError::Net(_) | SmtpError::Timeout { .. } | SmtpError::Broken { .. } => {
                ErrorKind::Network
            }
            SmtpError::Tls(_)
            | SmtpError::StartTlsMissing { .. }
            | SmtpError::StartTlsRefused { .. } => ErrorKind::Tls,
            SmtpError::AuthUnavailable { .. } | SmtpError::AuthRejected { .. } => ErrorKind::Auth,
            SmtpError::BadCredentials | SmtpError::BadAddress { .. } => ErrorKind::Usage,
            SmtpError::Greeting { .. }
            | SmtpError::EightBitRefused { .. }
            | SmtpError::Utf8AddressRefused { .. }
            | SmtpError::RecipientsRefused { .. }
            | SmtpError::Refused { .. }
            | SmtpError::Protocol { .. } => ErrorKind::Protocol,
        }
    }
}

impl Localized for SmtpError {
    fn localized(&self) -> String {
        match self {
            SmtpError::Net(e) => e.localized(),
            SmtpError::Tls(e) => e.localized(),
            SmtpError::BadCredentials => tr!("error-smtp-bad-credentials"),
            SmtpError::Greeting { host, reply } => tr!(
                "error-smtp-greeting",
                host = host.as_str(),
                reply = reply.as_str()
            ),
            SmtpError::StartTlsMissing { host } => {
                tr!("error-smtp-starttls-missing", host = host.as_str())
            }
            SmtpError::StartTlsRefused { host, reply } => tr!(
                "error-smtp-starttls-refused",
                host = host.as_str(),
                reply = reply.as_str()
            ),
            SmtpError::AuthUnavailable { host, offered } => tr!(
                "error-smtp-auth-unavailable",
                host = host.as_str(),
                offered = offered.as_str()
            ),
            SmtpError::AuthRejected { host, reply } => tr!(
                "error-smtp-auth-rejected",
                host = host.as_str(),
                reply = reply.as_str()
            ),
            SmtpError::EightBitRefused { host } => {
                tr!("error-smtp-eight-bit", host = host.as_str())
            }
            SmtpError::Utf8AddressRefused { host } => {
                tr!("error-smtp-utf8-address", host = host.as_str())
            }
            SmtpError::BadAddress { address } => {
                tr!("error-smtp-bad-address", address = address.as_str())
            }
            SmtpError::RecipientsRefused {
                host,
                recipients,
                reply,
            } => tr!(
                "error-smtp-recipients-refused",
                host = host.as_str(),
                recipients = recipients.join(", "),
                reply = reply.as_str()
            ),
            SmtpError::Refused { host, stage, reply } => tr!(
                "error-smtp-refused",
                host = host.as_str(),
                stage = stage.localized(),
                reply = reply.as_str()
            ),
            SmtpError::Protocol { host, reason } => tr!(
                "error-smtp-protocol",
                host = host.as_str(),
                reason = reason.as_str()
            ),
            SmtpError::Timeout { host, stage } => tr!(
                "error-smtp-timeout",
                host = host.as_str(),
                stage = stage.localized()
            ),
            SmtpError::Broken {
                host,
                stage,
                reason,
            } => tr!(
                "error-smtp-broken",
                host = host.as_str(),
                stage = stage.localized(),
                reason = reason.as_str()
            ),
        }
    }
}

/// Logs in to the account's outgoing server with `password` and leaves (QUIT): checks the
/// host, port, security, certificate and credentials, and says precisely which failed.
pub async fn verify(account: &Account, password: &Secret) -> Result<(), SmtpError> {
    let session = Session::open(account, password, Timeouts::interactive()).await?;
    session.quit().await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_and_permanent_failures_are_told_apart() {
        let host = || "smtp.example.test".to_owned();
        assert!(
            SmtpError::Net(NetError::Refused {
                host: host(),
                port: 587
            })
            .is_temporary()
        );
        assert!(
            SmtpError::Refused {
                host: host(),
                stage: Stage::Mail,
                reply: "451 4.3.0 try later".into()
            }
            .is_temporary()
        );
        assert!(
            !SmtpError::RecipientsRefused {
                host: host(),
                recipients: vec!["x@nowhere.test".into()],
                reply: "554 5.7.1 relay denied".into()
            }
            .is_temporary()
        );
        assert!(
            !SmtpError::AuthRejected {
                host: host(),
                reply: "535 5.7.8 bad".into()
            }
            .is_temporary()
        );
        assert!(!SmtpError::StartTlsMissing { host: host() }.is_temporary());
    }

    #[test]
    fn every_error_has_a_sentence() {
        let e = SmtpError::RecipientsRefused {
            host: "smtp.example.test".into(),
            recipients: vec!["x@nowhere.test".into()],
            reply: "554 5.7.1 relay denied".into(),
        };
        let text = e.localized();
        assert!(
            text.contains("x@nowhere.test") && text.contains("554"),
            "{text}"
        );
        let t = SmtpError::Timeout {
            host: "h".into(),
            stage: Stage::Content,
        }
        .localized();
        assert!(!t.is_empty());
    }
}
