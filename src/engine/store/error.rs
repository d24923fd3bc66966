//! What can go wrong in the store, in English for the log and in the user's language.

use std::path::PathBuf;

use crate::engine::error::Localized;
use crate::tr;

/// A failure of the local store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database file or the message directory could not be opened or created.
    #[error("the mail store in {path} could not be opened: {reason}")]
    Open { path: PathBuf, reason: String },
    /// The database was written by a newer Tidings; opening it could damage it.
    #[error(
        "the mail store was written by a newer Tidings (schema {found}, this one knows up to {known})"
    )]
    TooNew { found: i64, known: i64 },
    /// SQLite failed (disk full, corruption, I/O error).
    #[error("the mail store database failed: {0}")]
    Database(#[from] rusqlite::Error),
    /// A raw message file could not be written, read, synced or renamed.
    #[error("the message file {path} could not be {action}: {source}")]
    File {
        path: PathBuf,
        action: &'static str,
        #[source]
        source: std::io::Error,
    },
    #[error("there is no account {0:?} in the mail store")]
    NoAccount(String),
    #[error("there is no folder {0} in the mail store")]
    NoFolder(String),
    #[error("a folder named {name:?} exists already in account {account:?}")]
    FolderExists { account: String, name: String },
    #[error("there is no message with id {0}")]
    NoMessage(i64),
    /// Only the headers of this message are stored; its body is not downloaded yet.
    #[error("the message {0} has not been downloaded yet")]
    NoBody(i64),
    /// The row exists but its raw file is gone (reported by repair; kept, never dropped).
    #[error("the stored copy of message {0} is missing from the disk")]
    Lost(i64),
    #[error("there is no outbox entry {0}")]
    NoOutboxEntry(i64),
    #[error("there is no queued change {0}")]
    NoChange(i64),
    /// A search query that does not parse; the reason names what is wrong.
    #[error("the search {query:?} is not valid: {reason}")]
    Query { query: String, reason: QueryProblem },
    /// A queued change could not be encoded or decoded.
    #[error("a queued change could not be read: {0}")]
    Change(String),
}

/// Why a search query was refused, for a precise sentence.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryProblem {
    #[error("a quotation mark is not closed")]
    UnclosedQuote,
    #[error("{0}: needs a value")]
    EmptyValue(String),
    #[error("unknown keyword {0}:")]
    UnknownKey(String),
    #[error("{key}:{value} is not a known value")]
    UnknownValue { key: String, value: String },
    #[error("{0} is not a date of the form YYYY-MM-DD")]
    BadDate(String),
    #[error("the query asks for nothing")]
    Empty,
}

impl StoreError {
    /// True when the user asked for something that is not there or not valid (exit code 2
    /// on the command line), rather than the disk or database failing.
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            StoreError::NoAccount(_)
                | StoreError::NoFolder(_)
                | StoreError::FolderExists { .. }
                | StoreError::NoMessage(_)
                | StoreError::NoOutboxEntry(_)
                | StoreError::NoChange(_)
                | StoreError::Query { .. }
        )
    }

    /// True when the disk (or the user's quota) has no room left: SQLite's SQLITE_FULL or
    /// ENOSPC/EDQUOT from writing a message file.
    pub fn is_disk_full(&self) -> bool {
        match self {
            StoreError::Database(rusqlite::Error::SqliteFailure(e, _)) => {
                e.code == rusqlite::ErrorCode::DiskFull
            }
            StoreError::File { source, .. } => matches!(
                source.kind(),
                std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded
            ),
            _ => false,
        }
    }

    /// Why, for the user: a full disk in their language (SQLite and the system say it in
    /// English), anything else as the library said it.
    fn reason(&self, cause: &dyn std::fmt::Display) -> String {
        if self.is_disk_full() {
            tr!("error-reason-disk-full")
        } else {
            cause.to_string()
        }
    }

    pub(crate) fn file(
        path: impl Into<PathBuf>,
        action: &'static str,
        source: std::io::Error,
    ) -> Self {
        StoreError::File {
            path: path.into(),
            action,
            source,
        }
    }
}

impl Localized for QueryProblem {
    fn localized(&self) -> String {
        match self {
            QueryProblem::UnclosedQuote => tr!("search-problem-quote"),
            QueryProblem::EmptyValue(key) => tr!("search-problem-empty", key = key.as_str()),
            QueryProblem::UnknownKey(key) => tr!("search-problem-key", key = key.as_str()),
            QueryProblem::UnknownValue { key, value } => tr!(
                "search-problem-value",
                key = key.as_str(),
                value = value.as_str()
            ),
            QueryProblem::BadDate(value) => tr!("search-problem-date", value = value.as_str()),
            QueryProblem::Empty => tr!("search-problem-empty-query"),
        }
    }
}

impl Localized for StoreError {
    fn localized(&self) -> String {
        match self {
            StoreError::Open { path, reason } => tr!(
                "error-store-open",
                path = path.display().to_string(),
                reason = reason.as_str()
            ),
            StoreError::TooNew { .. } => tr!("error-store-too-new"),
            StoreError::Database(e) => tr!("error-store-database", reason = self.reason(e)),
            StoreError::File { path, source, .. } => tr!(
                "error-store-file",
                path = path.display().to_string(),
                reason = self.reason(source)
            ),
            StoreError::NoAccount(name) => tr!("error-store-no-account", name = name.as_str()),
            StoreError::NoFolder(name) => tr!("error-store-no-folder", name = name.as_str()),
            StoreError::FolderExists { name, .. } => {
                tr!("error-store-folder-exists", name = name.as_str())
            }
            StoreError::NoMessage(id) => tr!("error-store-no-message", id = *id),
            StoreError::NoBody(id) => tr!("error-store-no-body", id = *id),
            StoreError::Lost(id) => tr!("error-store-lost", id = *id),
            StoreError::NoOutboxEntry(id) => tr!("error-store-no-outbox", id = *id),
            StoreError::NoChange(id) => tr!("error-store-no-change", id = *id),
            StoreError::Query { query, reason } => tr!(
                "error-store-query",
                query = query.as_str(),
                reason = reason.localized()
            ),
            StoreError::Change(reason) => tr!("error-store-change", reason = reason.as_str()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_is_said_in_the_users_words() {
        let full = StoreError::file("/m/a1/x", "written", std::io::Error::from_raw_os_error(28));
        assert!(full.is_disk_full());
        assert!(full.localized().contains(&tr!("error-reason-disk-full")));
        assert!(!full.localized().contains("os error"));

        let sqlite = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_FULL),
            None,
        );
        let full = StoreError::Database(sqlite);
        assert!(full.is_disk_full());
        assert!(full.localized().contains(&tr!("error-reason-disk-full")));

        let denied = StoreError::file("/m/a1/x", "written", std::io::Error::from_raw_os_error(13));
        assert!(!denied.is_disk_full());
        assert!(!denied.localized().contains(&tr!("error-reason-disk-full")));
    }
}
