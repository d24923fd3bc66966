//! What can go wrong talking to a POP3 server, in words a user can act on.

use std::time::Duration;

use crate::engine::error::{ErrorKind, Localized};
use crate::engine::net::NetError;
use crate::engine::store::StoreError;
use crate::engine::tls::TlsError;
use crate::tr;

/// A POP3 failure. `Display` is English for the log; [`Localized`] is the user's sentence.
/// Neither ever contains a password.
#[derive(Debug, thiserror::Error)]
pub enum Pop3Error {
    #[error(transparent)]
    Net(#[from] NetError),
    #[error(transparent)]
    Tls(#[from] TlsError),
    /// The login name or password holds CR, LF or NUL, which would let it smuggle a second
    /// command to the server; refused before anything is sent.
    #[error("the {field} contains a line break or NUL character")]
    UnsafeCredential { field: &'static str },
    /// STLS was required and the server does not offer it (RFC 2595 §4).
    #[error("{host} does not offer STLS, so the connection cannot be encrypted")]
    StlsNotOffered { host: String },
    /// STLS was required and the server answered -ERR.
    #[error("{host} refused STLS: {reply}")]
    StlsRefused { host: String, reply: String },
    /// The server refused the login name or password; `reply` is the server's own words.
    #[error("{host} refused the login: {reply}")]
    AuthFailed { host: String, reply: String },
    /// The server refused the login for another reason than the credentials (RFC 3206
    /// `[IN-USE]`, `[LOGIN-DELAY]`, `[SYS/TEMP]`...).
    #[error("{host} refused the login for now: {reply}")]
    LoginRefused { host: String, reply: String },
    /// Neither USER/PASS nor SASL PLAIN is offered (often: plaintext login is disabled on an
    /// unencrypted connection).
    #[error("{host} offers no login method Tidings supports")]
    NoLoginMethod { host: String },
    /// The server did not answer in time.
    #[error("{host} did not answer within {} s", .after.as_secs())]
    Timeout { host: String, after: Duration },
    /// The server closed the connection or it broke while we waited for an answer.
    #[error("the connection to {host} closed unexpectedly")]
    Closed { host: String },
    /// The server answered something POP3 does not allow.
    #[error("{host} broke the POP3 protocol: {detail}")]
    Protocol { host: String, detail: String },
    /// A command was refused.
    #[error("{host} refused {command}: {reply}")]
    Refused {
        host: String,
        command: &'static str,
        reply: String,
    },
    /// Leave-on-server needs UIDL to know which messages were downloaded already.
    #[error("{host} does not support UIDL, so mail cannot be left on the server")]
    NoUidlForLeaveOnServer { host: String },
    /// The local store failed; nothing was deleted on the server.
    #[error("the local mail store failed: {0}")]
    Store(#[from] StoreError),
}

impl Pop3Error {
    /// What kind of failure this is, for the engine's [`ErrorKind`].
    pub fn kind(&self) -> ErrorKind {
        match self {
            Pop3Error::Net(_) | Pop3Error::Timeout { .. } | Pop3Error::Closed { .. } => {
                ErrorKind::Network
            }
            Pop3Error::Tls(_)
            | Pop3Error::StlsNotOffered { .. }
            | Pop3Error::StlsRefused { .. } => ErrorKind::Tls,
            Pop3Error::AuthFailed { .. } | Pop3Error::NoLoginMethod { .. } => ErrorKind::Auth,
            Pop3Error::UnsafeCredential { .. } | Pop3Error::NoUidlForLeaveOnServer { .. } => {
                ErrorKind::Usage
            }
            Pop3Error::LoginRefused { .. }
            | Pop3Error::Protocol { .. }
            | Pop3Error::Refused { .. } => ErrorKind::Protocol,
            Pop3Error::Store(_) => ErrorKind::Storage,
        }
    }

    /// Whether the connection may have been cut by the network, so retrying later can help.
    pub fn is_connection_lost(&self) -> bool {
        matches!(
            self,
            Pop3Error::Net(_) | Pop3Error::Timeout { .. } | Pop3Error::Closed { .. }
        )
    }
}

impl Localized for Pop3Error {
    fn localized(&self) -> String {
        match self {
            Pop3Error::Net(e) => e.localized(),
            Pop3Error::Tls(e) => e.localized(),
            Pop3Error::UnsafeCredential { field } => {
                tr!("error-pop3-unsafe-credential", field = *field)
            }
            Pop3Error::StlsNotOffered { host } => {
                tr!("error-pop3-stls-not-offered", host = host.as_str())
            }
            Pop3Error::StlsRefused { host, reply } => tr!(
                "error-pop3-stls-refused",
                host = host.as_str(),
                reply = reply.as_str()
            ),
            Pop3Error::AuthFailed { host, reply } => tr!(
                "error-pop3-auth-failed",
                host = host.as_str(),
                reply = reply.as_str()
            ),
            Pop3Error::LoginRefused { host, reply } => tr!(
                "error-pop3-login-refused",
                host = host.as_str(),
                reply = reply.as_str()
            ),
            Pop3Error::NoLoginMethod { host } => {
                tr!("error-pop3-no-login-method", host = host.as_str())
            }
            Pop3Error::Timeout { host, after } => tr!(
                "error-pop3-timeout",
                host = host.as_str(),
                seconds = after.as_secs()
            ),
            Pop3Error::Closed { host } => tr!("error-pop3-closed", host = host.as_str()),
            Pop3Error::Protocol { host, detail } => tr!(
                "error-pop3-protocol",
                host = host.as_str(),
                detail = detail.as_str()
            ),
            Pop3Error::Refused {
                host,
                command,
                reply,
            } => tr!(
                "error-pop3-refused",
                host = host.as_str(),
                command = *command,
                reply = reply.as_str()
            ),
            Pop3Error::NoUidlForLeaveOnServer { host } => {
                tr!("error-pop3-no-uidl-leave", host = host.as_str())
            }
            Pop3Error::Store(e) => tr!("error-pop3-store", reason = e.localized()),
        }
    }
}
