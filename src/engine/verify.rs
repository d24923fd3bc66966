//! Checking an account: log in to its incoming and outgoing servers with the password and
//! say precisely what failed for each, in a form the wizard can act on (DNS, connection,
//! TLS with the certificate's details so the user can accept it, STARTTLS missing, the
//! login refused with the server's own words).
//!
//! The logins themselves are the protocol modules' `verify` functions; this module runs both
//! at once and sorts their errors into [`Failure`]s.

use serde::Serialize;

use crate::engine::account::{Account, Protocol, Security, Server};
use crate::engine::error::{Error, Localized};
use crate::engine::imap::ImapError;
use crate::engine::net::NetError;
use crate::engine::pop3::Pop3Error;
use crate::engine::secret::Secret;
use crate::engine::smtp::SmtpError;
use crate::engine::tls::{CertificateProblem, TlsError};

/// What went wrong with one server, sorted for the user's way out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "failure", rename_all = "kebab-case")]
pub enum Failure {
    /// The server's name could not be resolved.
    Dns,
    /// The server could not be reached (refused, unreachable, broken, closed).
    Connect,
    /// The server did not answer in time.
    Timeout,
    /// The certificate did not verify: the details to show, and the fingerprint to accept.
    Certificate { problem: Box<CertificateProblem> },
    /// The TLS handshake failed for another reason.
    Tls,
    /// STARTTLS was required and is not offered or was refused: nothing was sent.
    StarttlsMissing,
    /// The server refused the login; `server_text` is what it said.
    Auth { server_text: String },
    /// Anything else (protocol errors, no usable login method...).
    Other,
}

/// How one server fared.
#[derive(Debug, Serialize)]
pub struct ServerCheck {
    pub ok: bool,
    pub host: String,
    pub port: u16,
    pub security: Security,
    /// None: the login worked.
    #[serde(flatten)]
    pub failure: Option<Failure>,
    /// The sentence for the user when it failed.
    pub message: Option<String>,
    #[serde(skip)]
    pub error: Option<Error>,
}

impl ServerCheck {
    fn new(server: &Server, result: Result<(), Error>) -> Self {
        let (failure, message, error) = match result {
            Ok(()) => (None, None, None),
            Err(e) => (Some(classify(&e)), Some(e.localized()), Some(e)),
        };
        Self {
            ok: failure.is_none(),
            host: server.host.clone(),
            port: server.port,
            security: server.security,
            failure,
            message,
            error,
        }
    }
}

/// Both servers of an account.
#[derive(Debug, Serialize)]
pub struct Report {
    pub account: String,
    pub incoming: ServerCheck,
    pub outgoing: ServerCheck,
}

impl Report {
    pub fn ok(&self) -> bool {
        self.incoming.ok && self.outgoing.ok
    }
}

/// Logs in to the incoming and the outgoing server of `account` at once.
pub async fn verify(account: &Account, password: &Secret) -> Report {
    let incoming = async {
        match account.protocol {
            Protocol::Imap => crate::engine::imap::verify(account, password)
                .await
                .map_err(Error::from),
            Protocol::Pop3 => crate::engine::pop3::verify(account, password)
                .await
                .map_err(Error::from),
        }
    };
    let outgoing = async {
        crate::engine::smtp::verify(account, password)
            .await
            .map_err(Error::from)
    };
    let (incoming, outgoing) = futures::join!(incoming, outgoing);
    Report {
        account: account.name.clone(),
        incoming: ServerCheck::new(&account.incoming, incoming),
        outgoing: ServerCheck::new(&account.outgoing, outgoing),
    }
}

fn net(e: &NetError) -> Failure {
    match e {
        NetError::Resolve { .. } => Failure::Dns,
        NetError::Timeout { .. } => Failure::Timeout,
        NetError::Refused { .. } | NetError::Unreachable { .. } | NetError::Broken { .. } => {
            Failure::Connect
        }
    }
}

fn tls(e: &TlsError) -> Failure {
    match e {
        TlsError::Certificate(problem) => Failure::Certificate {
            problem: problem.clone(),
        },
        _ => Failure::Tls,
    }
}

/// Sorts an error of any protocol into what the user can do about it.
pub fn classify(error: &Error) -> Failure {
    match error {
        Error::Net(e) => net(e),
        Error::Tls(e) => tls(e),
        Error::Imap(e) => match e {
            ImapError::Net(e) => net(e),
            ImapError::Tls(e) => tls(e),
            ImapError::StarttlsMissing { .. } | ImapError::StarttlsRefused { .. } => {
                Failure::StarttlsMissing
            }
            ImapError::Auth { text, .. } => Failure::Auth {
                server_text: text.clone(),
            },
            ImapError::Timeout { .. } => Failure::Timeout,
            ImapError::Closed { .. } => Failure::Connect,
            _ => Failure::Other,
        },
        Error::Pop3(e) => match e {
            Pop3Error::Net(e) => net(e),
            Pop3Error::Tls(e) => tls(e),
            Pop3Error::StlsNotOffered { .. } | Pop3Error::StlsRefused { .. } => {
                Failure::StarttlsMissing
            }
            Pop3Error::AuthFailed { reply, .. } => Failure::Auth {
                server_text: reply.clone(),
            },
            Pop3Error::Timeout { .. } => Failure::Timeout,
            Pop3Error::Closed { .. } => Failure::Connect,
            _ => Failure::Other,
        },
        Error::Smtp(e) => match e {
            SmtpError::Net(e) => net(e),
            SmtpError::Tls(e) => tls(e),
            SmtpError::StartTlsMissing { .. } | SmtpError::StartTlsRefused { .. } => {
                Failure::StarttlsMissing
            }
            SmtpError::AuthRejected { reply, .. } => Failure::Auth {
                server_text: reply.clone(),
            },
            SmtpError::Timeout { .. } => Failure::Timeout,
            SmtpError::Broken { .. } => Failure::Connect,
            _ => Failure::Other,
        },
        _ => Failure::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_sorted_for_the_user() {
        let host = || "mail.example.test".to_owned();
        let dns = Error::Imap(ImapError::Net(NetError::Resolve { host: host() }));
        assert_eq!(classify(&dns), Failure::Dns);
        let refused = Error::Smtp(SmtpError::Net(NetError::Refused {
            host: host(),
            port: 587,
        }));
        assert_eq!(classify(&refused), Failure::Connect);
        let starttls = Error::Pop3(Pop3Error::StlsNotOffered { host: host() });
        assert_eq!(classify(&starttls), Failure::StarttlsMissing);
        let auth = Error::Smtp(SmtpError::AuthRejected {
            host: host(),
            reply: "535 5.7.8 bad".into(),
        });
        assert_eq!(
            classify(&auth),
            Failure::Auth {
                server_text: "535 5.7.8 bad".into()
            }
        );
    }
}
