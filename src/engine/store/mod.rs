//! The local store: every message Tidings holds, its index, the offline queue and the outbox.
//!
//! For an IMAP account the store is the offline cache the user reads; for a POP3 account it is
//! the only copy of their mail. Two parts (DESIGN.md §3):
//! - an SQLite index (`<profile data>/index.sqlite`, WAL, STRICT tables, FTS5 search), see
//!   [`schema`];
//! - the raw RFC 5322 bytes of each message in its own file under `<profile data>/messages/`,
//!   see [`files`](self#raw-files).
//!
//! A message is *stored* only once its file is durable (temporary name, fsync, rename,
//! directory fsync) **and** its row is committed. Batches keep that rule and stay fast: all
//! files of a batch are written and synced (in parallel), then one transaction commits all
//! rows. Only after a store call returned `Ok` may a POP3 client send DELE.
//!
//! # Using it
//!
//! Everything is synchronous. [`Store`] is `Clone + Send + Sync` (one writer connection and a
//! pool of readers in WAL mode, so reads never wait for a sync); async code calls it through
//! `tokio::task::spawn_blocking`.
//!
//! ```no_run
//! # fn demo(profile: &tidings::engine::Profile) -> Result<(), tidings::engine::store::StoreError> {
//! use tidings::engine::account::Protocol;
//! use tidings::engine::store::*;
//! let store = Store::open(profile)?;                  // creates, migrates, repairs
//! let account = store.ensure_account("work", Protocol::Imap)?;
//! let inbox = store.upsert_folder(account, &FolderSpec::new("INBOX").role(Role::Inbox))?;
//! // IMAP first sync: headers and flags of everything, bodies later.
//! store.store_headers(inbox, vec![NewHeaders { uid: 1, flags: Flags::SEEN, keywords: vec![],
//!     size: 1200, received: None, headers: b"Subject: hi\r\n\r\n".to_vec() }])?;
//! for lacking in store.lacking_bodies(Some(inbox), None, 100)? {
//!     let raw = b"Subject: hi\r\n\r\nbody".to_vec(); // fetched BODY.PEEK[]
//!     store.attach_bodies(vec![(lacking.id, RawMessage::Bytes(raw))])?;
//! }
//! // POP3: stream a big message to disk, then store it (one group commit per batch).
//! let mut w = store.stage()?;
//! std::io::Write::write_all(&mut w, b"From: a@b\r\n\r\nhello")?;
//! let staged = w.finish()?;
//! store.store_messages(inbox, vec![NewMessage::new(Remote::Pop3 { uidl: "abc".into() },
//!     RawMessage::Staged(staged))])?;
//! let page = store.list_folder(inbox, &Page::first(50))?;
//! # let _ = page; Ok(()) }
//! ```
//!
//! # What each helper uses
//! - **Accounts and folders** ([`folders`]): [`Store::ensure_account`], [`Store::upsert_folder`]
//!   (a folder as the server lists it; no queue), [`Store::folder_by_name`],
//!   [`Store::folder_by_role`], [`Store::folders`] (with counts), [`Store::set_sync_state`]
//!   (UIDVALIDITY/UIDNEXT/HIGHESTMODSEQ), [`Store::remove_folder`].
//! - **Messages in** ([`ingest`]): [`Store::store_messages`] (full messages, in memory or
//!   [`Store::stage`]d), [`Store::store_headers`] + [`Store::attach_bodies`]. Storing a
//!   message whose UID (IMAP) or UIDL (POP3) is already stored is a no-op that returns the
//!   existing id, so a retried batch never duplicates.
//! - **Server state** ([`server`]): [`Store::set_server_flags`], [`Store::remove_uids`],
//!   [`Store::clear_folder`] (UIDVALIDITY changed), [`Store::uid_index`],
//!   [`Store::known_uidls`] / [`Store::forget_uidls`], [`Store::lacking_bodies`],
//!   [`Store::assign_uid`].
//! - **Local changes and the offline queue** ([`changes`], RFC 4549): [`Store::set_flags`],
//!   [`Store::move_messages`], [`Store::copy_messages`], [`Store::delete_messages`],
//!   [`Store::create_folder`], [`Store::rename_folder`], [`Store::delete_folder`],
//!   [`Store::append_message`] apply the change and queue a [`Change`] in one transaction;
//!   replay reads [`Store::pending_changes`] and ends each with [`Store::complete_change`] or
//!   [`Store::fail_change`].
//! - **Outbox** ([`outbox`]): [`Store::outbox_add`] before any network step, then
//!   [`Store::outbox_due`], `outbox_sending` / `outbox_retry_at` / `outbox_failed` /
//!   `outbox_maybe_sent`, and [`Store::outbox_sent`] once the server accepted it.
//! - **Reading** ([`query`]): [`Store::list_folder`], [`Store::list_unified_inbox`],
//!   [`Store::list_thread`] (newest first, keyset paging with [`Page`] and
//!   [`MessageSummary::cursor`]), [`Store::counts`], [`Store::folders`] (with counts),
//!   [`Store::summary`], [`Store::raw`] / [`Store::open_raw`] (the stored bytes, unchanged),
//!   [`Store::read_message`] (a [`ReadMessage`](crate::engine::message::ReadMessage): decoded
//!   headers, the body as styled blocks, attachments) and [`Store::attachment`] (its bytes);
//!   [`Store::search`] with the query language of [`search`]; [`Store::thread_tree`] for a
//!   conversation's shape ([`MessageSummary::thread`] is its id); [`Store::lost_messages`]
//!   for what repair reported.
//!
//! Errors are [`StoreError`]; [`StoreError::is_usage`] tells a bad id, name or query (the
//! user's mistake) from a failing disk. A message that is only a header row answers
//! [`StoreError::NoBody`] to `raw`; fetch it with [`Store::lacking_bodies`] first.

pub mod changes;
pub mod conversations;
pub mod envelope;
pub mod error;
mod files;
pub mod flags;
pub mod folders;
pub mod ingest;
pub mod outbox;
pub mod query;
pub mod repair;
pub mod schema;
pub mod search;
pub mod server;
pub mod threads;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{Connection, Transaction, TransactionBehavior};
use serde::{Deserialize, Serialize};

use crate::engine::Profile;

pub use changes::{Change, ChangeState, MovedMessage, QueuedChange};
pub use conversations::Conversation;
pub use error::{QueryProblem, StoreError};
pub use files::{Staged, StagedWriter};
pub use flags::{Flag, Flags};
pub use folders::{Folder, FolderSpec, Role, SyncState};
pub use ingest::{NewHeaders, NewMessage, RawMessage, Remote, Stored};
pub use outbox::{NewOutgoing, OutboxEntry, OutboxState};
pub use query::{Counts, Cursor, MessageSummary, Page};
pub use repair::Repair;
pub use server::{Lacking, ServerFlags};
pub use threads::ThreadNode;

use files::Files;

type Result<T, E = StoreError> = std::result::Result<T, E>;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl rusqlite::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                self.0.to_sql()
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                i64::column_result(v).map($name)
            }
        }
    };
}

id_type!(
    /// An account's row in the store.
    AccountId
);
id_type!(
    /// A folder's row; stable across renames.
    FolderId
);
id_type!(
    /// A message's stable local id (`tidings show ID`). Never reused after deletion.
    MessageId
);
id_type!(
    /// An entry of the offline-change queue.
    ChangeId
);
id_type!(
    /// An outbox entry.
    OutboxId
);

/// The local store. Cheap to clone; all clones share the connections.
#[derive(Clone)]
pub struct Store {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("db", &self.inner.db_path)
            .finish_non_exhaustive()
    }
}

struct Inner {
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
    db_path: PathBuf,
    files: Files,
    /// Held shared while open; taken exclusively by the one process that repairs.
    lock: File,
    repair: Repair,
}

/// How many idle reader connections are kept.
const READER_POOL: usize = 4;

impl Store {
    /// Opens (creating, migrating and repairing as needed) the store of a profile.
    pub fn open(profile: &Profile) -> Result<Store> {
        Self::open_in(&profile.data)
    }

    /// Opens the store kept in `data` (the profile's data directory).
    pub fn open_in(data: &Path) -> Result<Store> {
        std::fs::create_dir_all(data).map_err(|e| StoreError::Open {
            path: data.to_path_buf(),
            reason: e.to_string(),
        })?;
        let files = Files::open(data)?;
        let lock_path = files.root().join(".lock");
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| StoreError::Open {
                path: lock_path.clone(),
                reason: e.to_string(),
            })?;
        // Only a process that is alone with the store may clean up temporary files and
        // orphans: another one could be writing them right now.
        let alone = lock.try_lock().is_ok();
        let db_path = data.join("index.sqlite");
        let mut writer = connect(&db_path)?;
        schema::migrate(&mut writer)?;
        let reindexed = search::reindex_pending(&mut writer, &files)?;
        if reindexed > 0 {
            tracing::info!(reindexed, "the search index was rebuilt");
        }
        let clean = files.root().join(".clean");
        let report = if alone {
            let report = repair::run(&mut writer, &files, !clean.exists())?;
            let _ = lock.unlock();
            report
        } else {
            Repair::default()
        };
        lock.lock_shared().map_err(|e| StoreError::Open {
            path: lock_path,
            reason: e.to_string(),
        })?;
        // From now on a crash of this process must lead to a full scan at the next open.
        match std::fs::remove_file(&clean) {
            Ok(()) => files::sync_dir(files.root())?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(StoreError::file(&clean, "removed", e)),
        }
        if !report.is_empty() {
            tracing::warn!(?report, "the mail store repaired what an interruption left");
        }
        Ok(Store {
            inner: Arc::new(Inner {
                writer: Mutex::new(writer),
                readers: Mutex::new(Vec::new()),
                db_path,
                files,
                lock,
                repair: report,
            }),
        })
    }

    /// What the open's crash repair did (empty when the last session ended cleanly).
    pub fn repair_report(&self) -> &Repair {
        &self.inner.repair
    }

    /// The directory raw message files live in.
    pub fn messages_dir(&self) -> &Path {
        self.inner.files.root()
    }

    /// Starts writing a message to disk as it arrives; see [`StagedWriter`].
    pub fn stage(&self) -> Result<StagedWriter> {
        self.inner.files.stage()
    }

    pub(crate) fn files(&self) -> &Files {
        &self.inner.files
    }

    /// Runs `f` in one IMMEDIATE transaction on the writer connection and commits it; then
    /// removes the raw files of rows the transaction deleted.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut conn = lock(&self.inner.writer);
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        reap_doomed(&conn, &self.inner.files);
        Ok(out)
    }

    /// Runs `f` on a reader connection (a consistent snapshot; never waits for the writer).
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let pooled = lock(&self.inner.readers).pop();
        let conn = match pooled {
            Some(c) => c,
            None => connect(&self.inner.db_path)?,
        };
        let out = f(&conn);
        let mut pool = lock(&self.inner.readers);
        if pool.len() < READER_POOL && conn.is_autocommit() {
            pool.push(conn);
        }
        out
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        // The last process to close marks a clean shutdown, so the next open skips the full
        // scan. Losing the marker is safe: it only means one full scan more.
        let _ = self.lock.unlock();
        if self.lock.try_lock().is_ok() {
            let writer = lock(&self.writer);
            let _ = writer.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)");
            drop(writer);
            let clean = self.files.root().join(".clean");
            if std::fs::write(&clean, b"").is_ok() {
                let _ = files::sync_dir(self.files.root());
            }
            let _ = self.lock.unlock();
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding a connection leaves it usable: rusqlite rolled back the open
    // transaction when it unwound.
    m.lock().unwrap_or_else(|p| p.into_inner())
}

fn connect(path: &Path) -> Result<Connection> {
    let conn = Connection::open(path).map_err(|e| StoreError::Open {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    conn.busy_timeout(Duration::from_secs(30))?;
    // FULL: a commit is on disk when it returns; POP3 deletes on the server after that.
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY;
         PRAGMA cache_size = -32000;",
    )?;
    Ok(conn)
}

/// Deletes the files of deleted rows. Unlinking before forgetting the path means a crash in
/// between only repeats the unlink.
fn reap_doomed(conn: &Connection, files: &Files) {
    let paths: Vec<String> = match conn
        .prepare_cached("SELECT path FROM doomed_files")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
    {
        Ok(p) => p,
        Err(e) => {
            tracing::warn!(error = %e, "could not read the files to delete");
            return;
        }
    };
    for rel in paths {
        let path = files.abs(&rel);
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                tracing::warn!(path = %path.display(), error = %e, "could not delete a message file");
                continue;
            }
        }
        let _ = conn.execute("DELETE FROM doomed_files WHERE path = ?1", [&rel]);
    }
}

/// Seconds since the epoch, now.
pub(crate) fn now() -> i64 {
    chrono::Utc::now().timestamp()
}
