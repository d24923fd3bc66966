//! The engine as the window sees it: one cheap, cloneable handle whose calls are async and
//! never block the caller.
//!
//! Everything here is a thin façade over the engine modules: it runs their blocking parts on
//! tokio's blocking pool and returns owned results and [`Failure`]s the GUI can show. No
//! protocol or SQL lives here; when a call needs more than plumbing, that belongs in the
//! module that owns it.
//!
//! - [`accounts`]: discovery, verification, adding, editing and removing accounts;
//! - [`mail`]: folders, paged lists, conversations, and the user's changes;
//! - [`reading`]: a message for display, its source, attachments, remote images, links;
//! - [`writing`]: drafts, replies and forwards, sending into the outbox, known addresses;
//! - [`work`]: the accounts' background loops ([`crate::engine::runner`]) on the real
//!   protocols, and their events.

pub mod accounts;
pub mod mail;
pub mod reading;
pub mod work;
pub mod writing;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::engine::Profile;
use crate::engine::account::{Account, Accounts};
use crate::engine::discover;
use crate::engine::drafts::Drafts;
use crate::engine::error::{Error, ErrorKind, Localized};
use crate::engine::imap::ImapError;
use crate::engine::pop3::Pop3Error;
use crate::engine::runner::Command;
use crate::engine::smtp::{Outbox, SmtpError};
use crate::engine::store::Store;
use crate::engine::tls::{CertificateProblem, TlsError};

pub use accounts::{Discovery, Found};
pub use mail::{FolderInfo, Row, Source};
pub use reading::{Origin, Reading};
pub use writing::Draft;

/// A failure as the user sees it: the sentence to show, what kind of failure it is (so the
/// window can offer the right way out), and the certificate when one did not verify.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub kind: ErrorKind,
    pub message: String,
    pub certificate: Option<Box<CertificateProblem>>,
}

impl Failure {
    /// A failure that is not an engine error (a task that panicked, a closed channel).
    pub fn other(message: impl Into<String>) -> Self {
        Self {
            kind: ErrorKind::Other,
            message: message.into(),
            certificate: None,
        }
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        tracing::warn!(%error, "engine call failed");
        let certificate = certificate_of(&error);
        Self {
            kind: error.kind(),
            message: error.localized(),
            certificate,
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// The certificate that did not verify, wherever in the engine the TLS error came from.
fn certificate_of(error: &Error) -> Option<Box<CertificateProblem>> {
    let tls = match error {
        Error::Tls(e) => e,
        Error::Imap(ImapError::Tls(e)) => e,
        Error::Pop3(Pop3Error::Tls(e)) => e,
        Error::Smtp(SmtpError::Tls(e)) => e,
        Error::Discover(discover::DiscoverError::Tls(e)) => e,
        _ => return None,
    };
    match tls {
        TlsError::Certificate(problem) => Some(problem.clone()),
        _ => None,
    }
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// The engine for one profile.
#[derive(Clone)]
pub struct Engine {
    inner: Arc<Inner>,
}

struct Inner {
    /// Tells engines apart (the window's subscriptions are keyed by it).
    id: u64,
    profile: Profile,
    accounts: Mutex<Accounts>,
    store: Store,
    drafts: Drafts,
    outbox: Outbox,
    /// Where each list's pages start, learnt while paging (see [`mail`]).
    ladders: Mutex<mail::Ladders>,
    /// Addresses seen in mail, for completion; built on first use.
    addresses: Mutex<Option<Arc<writing::AddressBook>>>,
    /// Orders for the background loops, once they run.
    runner: Mutex<Option<tokio::sync::mpsc::UnboundedSender<Command>>>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("id", &self.inner.id)
            .field("profile", &self.inner.profile)
            .finish()
    }
}

impl std::hash::Hash for Engine {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.inner.id.hash(state);
    }
}

impl PartialEq for Engine {
    fn eq(&self, other: &Self) -> bool {
        self.inner.id == other.inner.id
    }
}

impl Engine {
    /// Opens the profile's accounts and mail store (creating, migrating and repairing it).
    pub async fn open(profile: Profile) -> Result<Self, Failure> {
        blocking(move || {
            profile.ensure()?;
            let accounts = Accounts::load(&profile.accounts_file())?;
            let store = Store::open(&profile)?;
            for account in accounts.all() {
                store.ensure_account(&account.name, account.protocol)?;
            }
            Ok(Self {
                inner: Arc::new(Inner {
                    id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
                    drafts: Drafts::new(&profile),
                    outbox: Outbox::new(store.clone()),
                    profile,
                    accounts: Mutex::new(accounts),
                    store,
                    ladders: Mutex::new(mail::Ladders::default()),
                    addresses: Mutex::new(None),
                    runner: Mutex::new(None),
                }),
            })
        })
        .await
    }

    pub fn profile(&self) -> &Profile {
        &self.inner.profile
    }

    /// The mail store, for engine code that runs on the window's behalf.
    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    /// The accounts, in the order they were added.
    pub fn accounts(&self) -> Vec<Account> {
        self.lock_accounts().all().to_vec()
    }

    pub fn account(&self, name: &str) -> Option<Account> {
        self.lock_accounts().get(name).ok().cloned()
    }

    fn lock_accounts(&self) -> MutexGuard<'_, Accounts> {
        lock(&self.inner.accounts)
    }

    fn command(&self, command: Command) {
        if let Some(sender) = lock(&self.inner.runner).as_ref() {
            let _ = sender.send(command);
        }
    }

    /// Starts (or restarts, after a settings change) an account's background sync.
    pub fn start_account(&self, name: &str) {
        self.command(Command::Start(name.to_owned()));
    }

    /// Syncs now: one account, or all of them.
    pub fn sync_now(&self, account: Option<String>) {
        self.command(Command::SyncNow(account));
    }
}

/// A lock that survives a panic elsewhere: every value guarded here is valid between calls.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    match mutex.lock() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    }
}

/// Runs blocking engine work (files, SQLite, the keyring) off the async threads.
pub async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, Error> + Send + 'static,
) -> Result<T, Failure> {
    match tokio::task::spawn_blocking(work).await {
        Ok(result) => result.map_err(Failure::from),
        Err(join) => {
            tracing::error!(error = %join, "engine work panicked");
            Err(Failure::other(crate::tr!("error-internal")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_empty_profile_opens_with_no_accounts() {
        let dir = tempfile::tempdir().unwrap();
        let engine = Engine::open(Profile::under(dir.path())).await.unwrap();
        assert!(engine.accounts().is_empty());
        assert!(engine.account("Work").is_none());
    }

    #[tokio::test]
    async fn a_broken_accounts_file_is_a_failure_in_words() {
        let dir = tempfile::tempdir().unwrap();
        let profile = Profile::under(dir.path());
        profile.ensure().unwrap();
        std::fs::write(profile.accounts_file(), "[[account]]\nname = 1\n").unwrap();
        let failure = Engine::open(profile).await.unwrap_err();
        assert_eq!(failure.kind, ErrorKind::Storage);
        assert!(
            failure.message.contains("accounts.toml"),
            "{}",
            failure.message
        );
    }
}
