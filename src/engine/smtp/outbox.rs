//! The outbox: every message to send waits here, durably, until a server took it.
//!
//! - [`Outbox::queue`] stores the message in the store's outbox table (committed and synced)
//!   before any network step; a crash or a failed connection afterwards loses nothing.
//! - [`Outbox::flush`] sends what is due for one account over one session, and records for
//!   each message what became of it ([`Outcome`]): accepted → a copy goes to Sent, then the
//!   entry leaves; temporary → retried later with exponential backoff (1 minute doubling
//!   to 1 hour), the reason visible meanwhile; permanent → kept as failed with the server's
//!   words; unknown (the connection broke after the final dot) → kept as "may have been
//!   sent" and never resent automatically. A login or certificate problem fails the due
//!   messages at once instead of retrying: retrying a wrong password can lock the account.
//! - [`Outbox::retry`] puts failed, "may have been sent" or waiting entries back in line
//!   when the user asks (`tidings outbox retry ID|all`).
//!
//! Only one process sends at a time: flushing holds an exclusive lock on
//! `<profile data>/outbox.lock`, so the window and `tidings sync` never send the same
//! message twice. With the lock held, an entry still marked as being sent was left so by a
//! process that died mid-send, and becomes "may have been sent".
//!
//! Sent copies: after acceptance the message is stored in the account's Sent folder —
//! for IMAP (when `save_sent_copy` is on) as a queued APPEND in the store's change queue,
//! which the IMAP replay performs and retries; for POP3 in the local Sent folder. The copy
//! is made before the entry leaves the outbox, so a crash in between leaves a "may have
//! been sent" entry, never a lost copy.

use std::path::PathBuf;
use std::sync::Arc;

use crate::engine::account::{Account, Protocol};
use crate::engine::compose::{Built, Envelope};
use crate::engine::error::{Error, Localized};
use crate::engine::events::{Event, Events, Phase};
use crate::engine::secret::Secret;
use crate::engine::store::{
    Flags, FolderId, FolderSpec, NewOutgoing, OutboxEntry, OutboxId, OutboxState, RawMessage, Role,
    Store, StoreError,
};
use crate::tr;

use super::{Outcome, Session, SmtpError, Timeouts};

/// The name the Outbox has in progress events.
pub const OUTBOX_FOLDER: &str = "Outbox";
/// The first retry waits this long; each further one twice as long as the one before.
const FIRST_RETRY_SECS: i64 = 60;
/// No retry waits longer than this.
const MAX_RETRY_SECS: i64 = 3600;

/// What one flush did, entry by entry.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FlushReport {
    pub sent: Vec<OutboxId>,
    /// Will be tried again: the id and the reason.
    pub retrying: Vec<(OutboxId, String)>,
    pub failed: Vec<(OutboxId, String)>,
    pub maybe_sent: Vec<(OutboxId, String)>,
    /// Another process was sending; nothing was done.
    pub busy: bool,
}

/// Which entries to put back in line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    One(OutboxId),
    All,
}

type Clock = Arc<dyn Fn() -> i64 + Send + Sync>;

/// The outbox of a profile.
#[derive(Clone)]
pub struct Outbox {
    store: Store,
    lock: PathBuf,
    timeouts: Timeouts,
    clock: Clock,
}

impl std::fmt::Debug for Outbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Outbox").field("lock", &self.lock).finish()
    }
}

impl Outbox {
    /// The outbox kept in `store`. Its sending lock lives in the profile's data directory,
    /// beside the store's own files (never among the message files, which the store's
    /// repair owns).
    pub fn new(store: Store) -> Self {
        let messages = store.messages_dir();
        let data = messages.parent().unwrap_or(messages).to_path_buf();
        Self {
            store,
            lock: data.join("outbox.lock"),
            timeouts: Timeouts::default(),
            clock: Arc::new(|| chrono::Utc::now().timestamp()),
        }
    }

    /// The time source for retry schedules (tests move it forward).
    pub fn with_clock(mut self, clock: impl Fn() -> i64 + Send + Sync + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    pub fn with_timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = timeouts;
        self
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Stores a message to send from `account`, durably. Nothing touches the network.
    pub async fn queue(&self, account: &Account, built: &Built) -> Result<OutboxId, Error> {
        let entry = NewOutgoing {
            account: account.name.clone(),
            from: built.envelope.from.clone(),
            recipients: built.envelope.to.clone(),
            raw: built.raw.clone(),
        };
        let id = self.blocking(move |s| s.outbox_add(&entry)).await?;
        tracing::info!(account = %account.name, outbox = %id, "message queued");
        Ok(id)
    }

    /// Every entry, oldest first.
    pub async fn list(&self) -> Result<Vec<OutboxEntry>, Error> {
        Ok(self.blocking(|s| s.outbox_list()).await?)
    }

    /// Puts entries back in line to be sent at the next flush; returns how many.
    pub async fn retry(&self, which: Retry) -> Result<usize, Error> {
        let n = self
            .blocking(move |s| {
                let ids: Vec<OutboxId> = match which {
                    Retry::One(id) => vec![s.outbox_entry(id)?.id],
                    Retry::All => s
                        .outbox_list()?
                        .into_iter()
                        .filter(|e| !matches!(e.state, OutboxState::Queued | OutboxState::Sending))
                        .map(|e| e.id)
                        .collect(),
                };
                for id in &ids {
                    s.outbox_requeue(*id)?;
                }
                Ok(ids.len())
            })
            .await?;
        Ok(n)
    }

    /// Sends the account's due messages: those queued, and those whose retry time has come.
    /// For timers that send in the background. SMTP trouble is recorded on the entries (and
    /// in the report), not returned as an error; an error means the store failed.
    pub async fn flush(
        &self,
        account: &Account,
        password: &Secret,
        events: &Events,
    ) -> Result<FlushReport, Error> {
        let now = (self.clock)();
        self.flush_due_at(account, password, events, now).await
    }

    /// Sends every message of the account that waits (queued, or waiting for a retry),
    /// without regard to the retry schedule: for when the user asks to send or sync now.
    /// Failed and "may have been sent" entries stay until [`Outbox::retry`].
    pub async fn flush_waiting(
        &self,
        account: &Account,
        password: &Secret,
        events: &Events,
    ) -> Result<FlushReport, Error> {
        self.flush_due_at(account, password, events, i64::MAX).await
    }

    async fn flush_due_at(
        &self,
        account: &Account,
        password: &Secret,
        events: &Events,
        now: i64,
    ) -> Result<FlushReport, Error> {
        let Some(_lock) = self.try_lock()? else {
            tracing::info!(account = %account.name, "another Tidings is sending; not flushing");
            return Ok(FlushReport {
                busy: true,
                ..FlushReport::default()
            });
        };
        let name = account.name.clone();
        let due: Vec<OutboxEntry> = self
            .blocking(move |s| {
                // Left "sending" by a process that died mid-send: it may have gone out.
                for e in s.outbox_list()? {
                    if e.account == name && e.state == OutboxState::Sending {
                        s.outbox_maybe_sent(e.id, &tr!("outbox-interrupted"))?;
                    }
                }
                Ok(s.outbox_due(now)?
                    .into_iter()
                    .filter(|e| e.account == name)
                    .collect())
            })
            .await?;
        let mut report = FlushReport::default();
        if due.is_empty() {
            return Ok(report);
        }
        let total = due.len() as u64;
        let mut session: Option<Session> = None;
        for (done, entry) in due.iter().enumerate() {
            events.emit(Event::Progress {
                account: account.name.clone(),
                folder: OUTBOX_FOLDER.into(),
                phase: Phase::Send,
                done: done as u64,
                total,
                bytes: entry.size,
            });
            if session.as_ref().is_none_or(|s| !s.is_usable()) {
                if let Some(old) = session.take() {
                    old.quit().await;
                }
                match Session::open(account, password, self.timeouts).await {
                    Ok(s) => session = Some(s),
                    Err(e) => {
                        // The server cannot be reached or will not have us: the same holds
                        // for every message still due, so none is tried again now.
                        self.connection_failed(account, &due[done..], &e, events, &mut report)
                            .await?;
                        break;
                    }
                }
            }
            let Some(open) = session.as_mut() else {
                break;
            };
            self.send_one(account, open, entry, events, &mut report)
                .await?;
        }
        if let Some(s) = session {
            s.quit().await;
        }
        events.emit(Event::Progress {
            account: account.name.clone(),
            folder: OUTBOX_FOLDER.into(),
            phase: Phase::Send,
            done: total,
            total,
            bytes: 0,
        });
        self.announce(events).await;
        Ok(report)
    }

    async fn send_one(
        &self,
        account: &Account,
        session: &mut Session,
        entry: &OutboxEntry,
        events: &Events,
        report: &mut FlushReport,
    ) -> Result<(), Error> {
        let id = entry.id;
        let raw = self
            .blocking(move |s| {
                let raw = s.outbox_raw(id)?;
                // Durably "sending" before the first byte goes out: after a crash this
                // entry is "may have been sent", never silently resent.
                s.outbox_sending(id)?;
                Ok(raw)
            })
            .await?;
        let envelope = Envelope {
            from: entry.from.clone(),
            to: entry.recipients.clone(),
        };
        match session.submit(&envelope, &raw).await {
            Outcome::Accepted { reply } => {
                tracing::info!(account = %account.name, outbox = %id, %reply, "message sent");
                self.accepted(account, id, raw, events, report).await?;
            }
            Outcome::Temporary(e) => self.retry_later(account, entry, &e, report).await?,
            Outcome::Permanent(e) => {
                let reason = e.localized();
                tracing::warn!(account = %account.name, outbox = %id, error = %e, "message refused");
                let r = reason.clone();
                self.blocking(move |s| s.outbox_failed(id, &r)).await?;
                events.emit(Event::Error {
                    account: account.name.clone(),
                    message: reason.clone(),
                });
                report.failed.push((id, reason));
            }
            Outcome::Unknown(e) => {
                let reason = tr!("outbox-maybe-sent", reason = e.localized());
                tracing::warn!(account = %account.name, outbox = %id, error = %e, "message may have been sent");
                let r = reason.clone();
                self.blocking(move |s| s.outbox_maybe_sent(id, &r)).await?;
                events.emit(Event::Error {
                    account: account.name.clone(),
                    message: reason.clone(),
                });
                report.maybe_sent.push((id, reason));
            }
        }
        Ok(())
    }

    /// The server took the message: file the Sent copy, then let the entry go.
    async fn accepted(
        &self,
        account: &Account,
        id: OutboxId,
        raw: Vec<u8>,
        events: &Events,
        report: &mut FlushReport,
    ) -> Result<(), Error> {
        let acct = account.clone();
        let copied = self
            .blocking(move |s| save_sent_copy(s, &acct, raw).map(|_| ()))
            .await;
        match copied {
            Ok(()) => {
                self.blocking(move |s| s.outbox_sent(id)).await?;
                report.sent.push(id);
                events.emit(Event::Changed {
                    account: account.name.clone(),
                    folder: None,
                });
            }
            Err(e) => {
                // Sent, but its copy could not be stored: keep the bytes where the user
                // sees them rather than lose them, and never send them again.
                let reason = tr!("outbox-sent-copy-failed", reason = e.localized());
                let r = reason.clone();
                self.blocking(move |s| s.outbox_maybe_sent(id, &r)).await?;
                events.emit(Event::Error {
                    account: account.name.clone(),
                    message: reason.clone(),
                });
                report.maybe_sent.push((id, reason));
            }
        }
        Ok(())
    }

    /// The session could not be opened; `entries` are the messages still due.
    async fn connection_failed(
        &self,
        account: &Account,
        entries: &[OutboxEntry],
        error: &SmtpError,
        events: &Events,
        report: &mut FlushReport,
    ) -> Result<(), Error> {
        let temporary = error.is_temporary();
        let reason = error.localized();
        if temporary {
            events.emit(Event::Offline {
                account: account.name.clone(),
                reason: reason.clone(),
            });
        } else {
            events.emit(Event::Error {
                account: account.name.clone(),
                message: reason.clone(),
            });
        }
        tracing::info!(account = %account.name, error = %error, temporary, "cannot send now");
        for entry in entries {
            if temporary {
                // Counted as a try, so the wait grows while the server stays away.
                let id = entry.id;
                self.blocking(move |s| s.outbox_sending(id)).await?;
                self.retry_later(account, entry, error, report).await?;
            } else {
                let (id, r) = (entry.id, reason.clone());
                self.blocking(move |s| s.outbox_failed(id, &r)).await?;
                report.failed.push((id, reason.clone()));
            }
        }
        Ok(())
    }

    /// A temporary failure of `entry`, whose try was already counted.
    async fn retry_later(
        &self,
        account: &Account,
        entry: &OutboxEntry,
        error: &SmtpError,
        report: &mut FlushReport,
    ) -> Result<(), Error> {
        let at = (self.clock)() + retry_delay(entry.attempts + 1);
        let reason = error.localized();
        tracing::info!(account = %account.name, outbox = %entry.id, error = %error, retry_at = at, "sending postponed");
        let (id, r) = (entry.id, reason.clone());
        self.blocking(move |s| s.outbox_retry_at(id, at, &r))
            .await?;
        report.retrying.push((entry.id, reason));
        Ok(())
    }

    async fn announce(&self, events: &Events) {
        if let Ok(list) = self.blocking(|s| s.outbox_list()).await {
            events.emit(Event::Outbox {
                waiting: list.len() as u64,
            });
        }
    }

    /// The exclusive sending lock, or `None` when another process holds it.
    fn try_lock(&self) -> Result<Option<std::fs::File>, Error> {
        let io = |e: std::io::Error| {
            Error::Store(StoreError::File {
                path: self.lock.clone(),
                action: "locked",
                source: e,
            })
        };
        if let Some(dir) = self.lock.parent() {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&self.lock)
            .map_err(io)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(file)),
            Err(std::fs::TryLockError::WouldBlock) => Ok(None),
            Err(std::fs::TryLockError::Error(e)) => Err(io(e)),
        }
    }

    async fn blocking<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let store = self.store.clone();
        tokio::task::spawn_blocking(move || work(&store))
            .await
            .unwrap_or_else(|e| Err(StoreError::Change(format!("the store task failed: {e}"))))
    }
}

/// How long to wait after the `tries`-th failed try: a minute after the first, then twice
/// as long each time, at most an hour.
fn retry_delay(tries: u32) -> i64 {
    let doublings = tries.saturating_sub(1).min(16);
    (FIRST_RETRY_SECS << doublings).min(MAX_RETRY_SECS)
}

/// Stores the Sent copy of a message the server accepted; returns its folder, if any.
pub fn save_sent_copy(
    store: &Store,
    account: &Account,
    raw: Vec<u8>,
) -> Result<Option<FolderId>, StoreError> {
    if account.protocol == Protocol::Imap && !account.save_sent_copy {
        return Ok(None);
    }
    let folder = role_folder(store, account, Role::Sent, "Sent")?;
    store.append_message(folder, RawMessage::Bytes(raw), Flags::SEEN)?;
    Ok(Some(folder))
}

/// The account's folder with `role`; made (as `name`) when the store knows none. For IMAP
/// that queues a CREATE, so the APPEND that follows has somewhere to go.
pub fn role_folder(
    store: &Store,
    account: &Account,
    role: Role,
    name: &str,
) -> Result<FolderId, StoreError> {
    let account_id = store.ensure_account(&account.name, account.protocol)?;
    if let Some(f) = store.folder_by_role(account_id, role)? {
        return Ok(f.id);
    }
    let folder = match store.folder_by_name(account_id, name)? {
        Some(f) => f,
        None => {
            let id = match account.protocol {
                Protocol::Imap => store.create_folder(account_id, name, None)?,
                Protocol::Pop3 => store.upsert_folder(account_id, &FolderSpec::new(name))?,
            };
            store.folder(id)?
        }
    };
    let spec = FolderSpec {
        name: folder.name,
        delimiter: folder.delimiter,
        role: Some(role),
        subscribed: folder.subscribed,
    };
    store.upsert_folder(account_id, &spec)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_from_a_minute_up_to_an_hour() {
        let waits: Vec<i64> = (1..=9).map(retry_delay).collect();
        assert_eq!(waits, vec![60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]);
        assert_eq!(retry_delay(0), 60);
        assert_eq!(retry_delay(u32::MAX), 3600);
    }
}
