//! What can go wrong talking IMAP, in words a user can act on.

use crate::engine::error::{ErrorKind, Localized};
use crate::engine::net::NetError;
use crate::engine::store::StoreError;
use crate::engine::tls::TlsError;
use crate::tr;

#[derive(Debug, thiserror::Error)]
pub enum ImapError {
    #[error(transparent)]
    Net(#[from] NetError),
    #[error(transparent)]
    Tls(#[from] TlsError),
    /// The account requires STARTTLS and the server does not offer it: nothing was sent.
    #[error("{host} does not offer STARTTLS; the connection was closed before logging in")]
    StarttlsMissing { host: String },
    /// The server offered STARTTLS but refused it.
    #[error("{host} refused STARTTLS: {text}")]
    StarttlsRefused { host: String, text: String },
    /// The server refused the user name or password; `text` is what it said.
    #[error("{host} refused the login: {text}")]
    Auth { host: String, text: String },
    /// No login method we may use is offered (e.g. LOGINDISABLED without AUTH=PLAIN).
    #[error("{host} offers no login method Tidings can use ({offered})")]
    NoAuthMethod { host: String, offered: String },
    /// The server greeted with PREAUTH: it claims the session is logged in already,
    /// skipping STARTTLS and the login. Never accepted (RFC 3501 §6.2.1 and the STARTTLS
    /// stripping attacks that use it).
    #[error(
        "{host} greeted with PREAUTH, starting a session that was never protected or logged in"
    )]
    Preauth { host: String },
    /// The server greeted with BYE or something that is not IMAP.
    #[error("{host} did not greet as an IMAP server: {text}")]
    Greeting { host: String, text: String },
    /// A command was refused (NO).
    #[error("{host} refused {command}: {text}")]
    Refused {
        host: String,
        command: String,
        text: String,
    },
    /// A command was rejected as malformed or not allowed now (BAD).
    #[error("{host} rejected {command} as invalid: {text}")]
    Rejected {
        host: String,
        command: String,
        text: String,
    },
    /// The server sent something that is not IMAP as we know it.
    #[error("{host} broke the IMAP protocol: {detail}")]
    Protocol { host: String, detail: String },
    /// The server closed the connection (with BYE, if it said why).
    #[error("{host} closed the connection{}", .text.as_deref().map(|t| format!(": {t}")).unwrap_or_default())]
    Closed { host: String, text: Option<String> },
    /// No answer for too long.
    #[error("{host} stopped answering")]
    Timeout { host: String },
    /// A string meant for a command holds CR, LF or NUL.
    #[error("the {what} {value:?} contains a forbidden character {character:?}")]
    UnsafeInput {
        what: String,
        value: String,
        character: char,
    },
    /// A folder name the server sent is not valid modified UTF-7.
    #[error("{host} sent a folder name that is not valid: {name:?}")]
    BadFolderName { host: String, name: String },
    /// The server lacks something this operation needs.
    #[error("{host} does not support {capability}")]
    Unsupported { host: String, capability: String },
    /// This account is not an IMAP account.
    #[error("the account {0:?} does not use IMAP")]
    NotImap(String),
    /// A message asked for by UID is not on the server any more: expunged, or its folder's
    /// UIDVALIDITY changed, so the UID names nothing (or another message).
    #[error("the message is no longer in {folder} on the server")]
    NotOnServer { folder: String },
    /// The local store failed while syncing.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ImapError {
    /// Which kind of trouble this is, for the GUI's way out.
    pub fn kind(&self) -> ErrorKind {
        match self {
            ImapError::Net(_) | ImapError::Timeout { .. } | ImapError::Closed { .. } => {
                ErrorKind::Network
            }
            ImapError::Tls(_)
            | ImapError::StarttlsMissing { .. }
            | ImapError::StarttlsRefused { .. }
            | ImapError::Preauth { .. } => ErrorKind::Tls,
            ImapError::Auth { .. } | ImapError::NoAuthMethod { .. } => ErrorKind::Auth,
            ImapError::UnsafeInput { .. } | ImapError::NotImap(_) => ErrorKind::Usage,
            ImapError::NotOnServer { .. } => ErrorKind::Other,
            ImapError::Store(e) if e.is_usage() => ErrorKind::Usage,
            ImapError::Store(_) => ErrorKind::Storage,
            ImapError::Greeting { .. }
            | ImapError::Refused { .. }
            | ImapError::Rejected { .. }
            | ImapError::Protocol { .. }
            | ImapError::BadFolderName { .. }
            | ImapError::Unsupported { .. } => ErrorKind::Protocol,
        }
    }

    /// Whether the connection is gone (so the work may resume on a new one), as opposed to
    /// the server refusing what we asked.
    pub fn is_connection_lost(&self) -> bool {
        matches!(
            self,
            ImapError::Net(_) | ImapError::Timeout { .. } | ImapError::Closed { .. }
        )
    }
}

impl Localized for ImapError {
    fn localized(&self) -> String {
        match self {
            ImapError::Net(e) => e.localized(),
            ImapError::Tls(e) => e.localized(),
            ImapError::StarttlsMissing { host } => {
                tr!("error-imap-starttls-missing", host = host.as_str())
            }
            ImapError::StarttlsRefused { host, text } => tr!(
                "error-imap-starttls-refused",
                host = host.as_str(),
                text = text.as_str()
            ),
            ImapError::Auth { host, text } => {
                tr!(
                    "error-imap-auth",
                    host = host.as_str(),
                    text = text.as_str()
                )
            }
            ImapError::NoAuthMethod { host, offered } => tr!(
                "error-imap-no-auth-method",
                host = host.as_str(),
                offered = offered.as_str()
            ),
            ImapError::Preauth { host } => tr!("error-imap-preauth", host = host.as_str()),
            ImapError::Greeting { host, text } => {
                tr!(
                    "error-imap-greeting",
                    host = host.as_str(),
                    text = text.as_str()
                )
            }
            ImapError::Refused {
                host,
                command,
                text,
            } => tr!(
                "error-imap-refused",
                host = host.as_str(),
                command = command.as_str(),
                text = text.as_str()
            ),
            ImapError::Rejected {
                host,
                command,
                text,
            } => tr!(
                "error-imap-rejected",
                host = host.as_str(),
                command = command.as_str(),
                text = text.as_str()
            ),
            ImapError::Protocol { host, detail } => tr!(
                "error-imap-protocol",
                host = host.as_str(),
                detail = detail.as_str()
            ),
            ImapError::Closed { host, text } => match text {
                Some(text) => {
                    tr!(
                        "error-imap-closed-text",
                        host = host.as_str(),
                        text = text.as_str()
                    )
                }
                None => tr!("error-imap-closed", host = host.as_str()),
            },
            ImapError::Timeout { host } => tr!("error-imap-timeout", host = host.as_str()),
            ImapError::UnsafeInput {
                what,
                value,
                character,
            } => tr!(
                "error-imap-unsafe-input",
                what = what.as_str(),
                value = value.as_str(),
                character = character.escape_debug().to_string()
            ),
            ImapError::BadFolderName { host, name } => tr!(
                "error-imap-bad-folder-name",
                host = host.as_str(),
                name = name.as_str()
            ),
            ImapError::Unsupported { host, capability } => tr!(
                "error-imap-unsupported",
                host = host.as_str(),
                capability = capability.as_str()
            ),
            ImapError::NotImap(account) => tr!("error-imap-not-imap", account = account.as_str()),
            ImapError::NotOnServer { folder } => {
                tr!("error-imap-not-on-server", folder = folder.as_str())
            }
            ImapError::Store(e) => e.localized(),
        }
    }
}
