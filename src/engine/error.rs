//! The engine's error, as the GUI and the command line receive it.
//!
//! Each engine module has its own `thiserror` enum; this one wraps them. `Display` is plain
//! English for the log; [`Localized::localized`] is the sentence shown to the user, from the
//! Fluent files. Neither ever contains a password.

use crate::engine::account::AccountError;
use crate::engine::actions::ActionError;
use crate::engine::compose::ComposeError;
use crate::engine::credentials::CredentialError;
use crate::engine::discover::DiscoverError;
use crate::engine::drafts::DraftError;
use crate::engine::imap::ImapError;
use crate::engine::net::NetError;
use crate::engine::pop3::Pop3Error;
use crate::engine::profile::ProfileError;
use crate::engine::smtp::SmtpError;
use crate::engine::store::StoreError;
use crate::engine::tls::TlsError;
use crate::tr;

/// The sentence shown to the user for an error, in their language.
pub trait Localized {
    fn localized(&self) -> String;
}

/// What kind of failure this is, so the GUI can offer the right way out (re-enter the
/// password, accept a certificate, wait for the network...).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The user's input or settings are wrong.
    Usage,
    /// The network or the server could not be reached.
    Network,
    /// TLS failed, or a certificate did not verify.
    Tls,
    /// The server refused the credentials.
    Auth,
    /// The server broke the protocol or refused a command.
    Protocol,
    /// The local disk or database failed.
    Storage,
    /// Something else.
    Other,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Profile(#[from] ProfileError),
    #[error(transparent)]
    Account(#[from] AccountError),
    #[error(transparent)]
    Net(#[from] NetError),
    #[error(transparent)]
    Tls(#[from] TlsError),
    #[error(transparent)]
    Compose(#[from] ComposeError),
    #[error(transparent)]
    Smtp(#[from] SmtpError),
    #[error(transparent)]
    Pop3(#[from] Pop3Error),
    #[error(transparent)]
    Imap(#[from] ImapError),
    #[error(transparent)]
    Action(#[from] ActionError),
    #[error(transparent)]
    Credential(#[from] CredentialError),
    #[error(transparent)]
    Discover(#[from] DiscoverError),
    #[error(transparent)]
    Draft(#[from] DraftError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Error {
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Profile(_) => ErrorKind::Storage,
            Error::Account(AccountError::Read { .. } | AccountError::Write { .. }) => {
                ErrorKind::Storage
            }
            Error::Account(_) => ErrorKind::Usage,
            Error::Net(_) => ErrorKind::Network,
            Error::Tls(_) => ErrorKind::Tls,
            Error::Compose(ComposeError::Attachment { .. }) => ErrorKind::Storage,
            Error::Compose(_) => ErrorKind::Usage,
            Error::Smtp(e) => e.kind(),
            Error::Pop3(e) => e.kind(),
            Error::Imap(e) => e.kind(),
            Error::Action(e) if e.is_usage() => ErrorKind::Usage,
            Error::Action(_) => ErrorKind::Storage,
            Error::Credential(CredentialError::Missing { .. }) => ErrorKind::Auth,
            Error::Credential(_) => ErrorKind::Other,
            Error::Discover(DiscoverError::InvalidAddress(_)) => ErrorKind::Usage,
            Error::Discover(DiscoverError::Tls(_)) => ErrorKind::Tls,
            Error::Discover(_) => ErrorKind::Network,
            Error::Draft(DraftError::BadId(_) | DraftError::NotFound(_)) => ErrorKind::Usage,
            Error::Draft(_) => ErrorKind::Storage,
            Error::Store(e) if e.is_usage() => ErrorKind::Usage,
            Error::Store(_) => ErrorKind::Storage,
        }
    }
}

impl Localized for Error {
    fn localized(&self) -> String {
        match self {
            Error::Profile(e) => e.localized(),
            Error::Account(e) => e.localized(),
            Error::Net(e) => e.localized(),
            Error::Tls(e) => e.localized(),
            Error::Compose(e) => e.localized(),
            Error::Smtp(e) => e.localized(),
            Error::Pop3(e) => e.localized(),
            Error::Imap(e) => e.localized(),
            Error::Action(e) => e.localized(),
            Error::Credential(e) => e.localized(),
            Error::Discover(e) => e.localized(),
            Error::Draft(e) => e.localized(),
            Error::Store(e) => e.localized(),
        }
    }
}

impl Localized for ProfileError {
    fn localized(&self) -> String {
        match self {
            ProfileError::NoHome => tr!("error-profile-no-home"),
            ProfileError::Create { path, source } => tr!(
                "error-profile-create",
                path = path.display().to_string(),
                reason = source.to_string()
            ),
        }
    }
}
