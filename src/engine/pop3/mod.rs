//! POP3: download mail into the local store, then delete it on the server — without ever
//! losing or doubling a message.
//!
//! Our own small client (RFC 1939, RFC 2449 CAPA, RFC 2595 STLS, RFC 5034 SASL PLAIN), not
//! async-pop: measured against the harness Dovecot, async-pop 1.1.3 could not fetch a
//! message above 20 MiB, took 3 s for 10 MiB, left dot-stuffing in the message and has no
//! STLS (README, "Notes on dependencies").
//!
//! - [`verify`]: log in and out, to check an account's settings and password.
//! - [`download`]: the download-and-delete session `tidings sync` runs, into the account's
//!   local Inbox ([`ensure_local_folders`] makes Inbox, Sent, Drafts and Trash); see the
//!   `download` module for why a dropped connection never loses or doubles a message.
//! - `plan`: which message to download, delete or leave, per the account's options.
//! - `session`: one connection; TLS, STLS (required when chosen), plaintext only when the
//!   account says so; SASL PLAIN or USER/PASS; every wait bounded by a timeout.
//! - `wire`: the pure parts of the protocol (status lines, CAPA, listings, dot-stuffing).

mod download;
mod error;
pub mod plan;
pub mod session;
pub mod wire;

use std::time::Duration;

pub use download::{Report, download, ensure_local_folders};
pub use error::Pop3Error;
pub use session::{DEFAULT_TIMEOUT, Session, check_credentials, connect};

use crate::engine::account::Account;
use crate::engine::secret::Secret;
use crate::engine::tls::Tls;

/// Knobs that are not account settings.
#[derive(Debug, Clone, Copy)]
pub struct Tuning {
    /// The longest wait for the next piece of an answer.
    pub timeout: Duration,
    /// At most this many messages share one group commit (and are pipelined together).
    pub batch_messages: usize,
    /// A batch closes once its messages reach this many octets.
    pub batch_bytes: u64,
}

impl Default for Tuning {
    fn default() -> Self {
        Self {
            timeout: DEFAULT_TIMEOUT,
            batch_messages: 64,
            batch_bytes: 16 << 20,
        }
    }
}

/// Logs in to the account's POP3 server and out again: the check `tidings account verify`
/// and the setup wizard run. Fails with the server's own words on a wrong password, with the
/// certificate's details when TLS does not verify, and refuses leave-on-server when the
/// server cannot identify messages (no UIDL).
pub async fn verify(account: &Account, password: &Secret) -> Result<(), Pop3Error> {
    verify_with(account, password, Tuning::default()).await
}

/// [`verify`] with explicit [`Tuning`].
pub async fn verify_with(
    account: &Account,
    password: &Secret,
    tuning: Tuning,
) -> Result<(), Pop3Error> {
    let server = &account.incoming;
    check_credentials(&server.username, password)?;
    let tls = Tls::new(&account.trust_for(&server.host))?;
    let mut session = connect(server, &tls, tuning.timeout).await?;
    session.login(&server.username, password).await?;
    if account.pop3.leave_on_server && session.uidl().await?.is_none() {
        return Err(Pop3Error::NoUidlForLeaveOnServer {
            host: server.host.clone(),
        });
    }
    session.quit().await
}

/// How often the account asks to be checked automatically (`check_every_minutes`).
pub fn check_interval(account: &Account) -> Option<Duration> {
    account
        .pop3
        .check_every_minutes
        .filter(|m| *m > 0)
        .map(|m| Duration::from_secs(u64::from(m) * 60))
}

/// The automatic check: downloads now, then again every `every`, until `stop` completes.
/// A failed check is reported through `events` (offline, or an error as a sentence) and the
/// next one comes anyway: a dropped connection loses nothing (see [`download`]).
pub async fn check_periodically(
    store: &crate::engine::store::Store,
    account: &Account,
    password: &Secret,
    events: &crate::engine::events::Events,
    every: Duration,
    stop: impl std::future::Future<Output = ()>,
) {
    use crate::engine::error::Localized;
    use crate::engine::events::Event;
    tokio::pin!(stop);
    loop {
        let check = download(store, account, password, events, Tuning::default());
        let outcome = tokio::select! {
            outcome = check => outcome,
            () = &mut stop => return,
        };
        if let Err(e) = outcome {
            let (account, sentence) = (account.name.clone(), e.localized());
            events.emit(if e.is_connection_lost() {
                Event::Offline {
                    account,
                    reason: sentence,
                }
            } else {
                Event::Error {
                    account,
                    message: sentence,
                }
            });
        }
        tokio::select! {
            () = tokio::time::sleep(every) => {}
            () = &mut stop => return,
        }
    }
}
