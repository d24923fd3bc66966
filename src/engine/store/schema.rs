//! The index's schema: a frozen base (version 1) and numbered forward migrations.
//!
//! `PRAGMA user_version` holds the version a database is at. [`BASE`] is never edited once
//! released; every later change is a new entry at the end of [`MIGRATIONS`], run in order
//! inside one transaction with the version bump, so a database is always at exactly one
//! version. A migration may add, copy and rebuild, but never drops a message: the migration
//! test opens a database written by every earlier version (fixtures in `tests/fixtures/store`).

use rusqlite::Connection;

use super::error::StoreError;

/// Identifies our databases (`PRAGMA application_id`): "Tdgs".
pub const APPLICATION_ID: i64 = 0x5464_6773;

/// Version 1, frozen.
pub const BASE: &str = r#"
CREATE TABLE accounts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL UNIQUE,
    protocol    TEXT NOT NULL CHECK (protocol IN ('imap', 'pop3', 'local'))
) STRICT;

CREATE TABLE folders (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id    INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    delimiter     TEXT,
    role          TEXT CHECK (role IN ('inbox', 'sent', 'drafts', 'trash', 'junk', 'archive')),
    subscribed    INTEGER NOT NULL DEFAULT 1,
    uidvalidity   INTEGER,
    uidnext       INTEGER,
    highestmodseq INTEGER,
    UNIQUE (account_id, name)
) STRICT;
CREATE UNIQUE INDEX folders_role ON folders(account_id, role) WHERE role IS NOT NULL;

-- One row per message. body: 0 = only the headers are stored (IMAP, body not fetched yet),
-- 1 = the raw file is stored, 2 = the raw file was lost and cannot be fetched again.
CREATE TABLE messages (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id      INTEGER NOT NULL REFERENCES accounts(id),
    folder_id       INTEGER NOT NULL REFERENCES folders(id),
    uid             INTEGER,
    uidl            TEXT,
    flags           INTEGER NOT NULL DEFAULT 0,
    keywords        TEXT NOT NULL DEFAULT '',
    message_id      TEXT,
    in_reply_to     TEXT,
    refs            TEXT NOT NULL DEFAULT '',
    date            INTEGER NOT NULL,
    received        INTEGER NOT NULL,
    from_name       TEXT NOT NULL DEFAULT '',
    from_addr       TEXT NOT NULL DEFAULT '',
    to_list         TEXT NOT NULL DEFAULT '[]',
    cc_list         TEXT NOT NULL DEFAULT '[]',
    subject         TEXT NOT NULL DEFAULT '',
    base_subject    TEXT NOT NULL DEFAULT '',
    is_reply        INTEGER NOT NULL DEFAULT 0,
    size            INTEGER NOT NULL DEFAULT 0,
    has_attachments INTEGER NOT NULL DEFAULT 0,
    preview         TEXT NOT NULL DEFAULT '',
    thread_id       INTEGER NOT NULL DEFAULT 0,
    body            INTEGER NOT NULL DEFAULT 0 CHECK (body IN (0, 1, 2)),
    unreadable      INTEGER NOT NULL DEFAULT 0,
    file            TEXT
) STRICT;
CREATE UNIQUE INDEX messages_uid ON messages(folder_id, uid) WHERE uid IS NOT NULL;
CREATE INDEX messages_folder_date ON messages(folder_id, date DESC, id DESC);
CREATE INDEX messages_date ON messages(date DESC, id DESC);
CREATE INDEX messages_thread ON messages(thread_id, date);
CREATE INDEX messages_unread ON messages(folder_id) WHERE flags & 1 = 0;
CREATE INDEX messages_uidl ON messages(account_id, uidl) WHERE uidl IS NOT NULL;
CREATE INDEX messages_lacking ON messages(date DESC) WHERE body = 0;
CREATE INDEX messages_subject ON messages(account_id, base_subject);
CREATE INDEX messages_file ON messages(file) WHERE file IS NOT NULL;

-- Every Message-ID a thread's messages carry or refer to, so a message arriving in any
-- order finds its conversation.
CREATE TABLE thread_keys (
    key       TEXT PRIMARY KEY,
    thread_id INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX thread_keys_thread ON thread_keys(thread_id);

-- The UIDLs a POP3 account has downloaded, kept after the message is deleted here so it is
-- never downloaded twice.
CREATE TABLE pop3_uidls (
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    uidl       TEXT NOT NULL,
    downloaded INTEGER NOT NULL,
    PRIMARY KEY (account_id, uidl)
) STRICT, WITHOUT ROWID;

-- Raw files whose row is gone; removed from the disk after the deleting transaction commits.
CREATE TABLE doomed_files (
    path TEXT PRIMARY KEY
) STRICT, WITHOUT ROWID;

CREATE TRIGGER messages_doom AFTER DELETE ON messages WHEN old.file IS NOT NULL BEGIN
    INSERT OR IGNORE INTO doomed_files (path) VALUES (old.file);
END;

-- Local changes waiting to be replayed on the server, in id order (RFC 4549).
CREATE TABLE changes (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    op         TEXT NOT NULL,
    state      TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'failed')),
    attempts   INTEGER NOT NULL DEFAULT 0,
    error      TEXT,
    created    INTEGER NOT NULL
) STRICT;
CREATE INDEX changes_account ON changes(account_id, state, id);

-- Messages waiting to be sent. The raw bytes live here so the entry is one durable row.
CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    account    TEXT NOT NULL,
    mail_from  TEXT NOT NULL,
    recipients TEXT NOT NULL,
    subject    TEXT NOT NULL DEFAULT '',
    raw        BLOB NOT NULL,
    state      TEXT NOT NULL DEFAULT 'queued'
               CHECK (state IN ('queued', 'sending', 'retry', 'failed', 'maybe-sent')),
    attempts   INTEGER NOT NULL DEFAULT 0,
    retry_at   INTEGER,
    last_error TEXT,
    created    INTEGER NOT NULL,
    updated    INTEGER NOT NULL
) STRICT;

-- Full-text search. Contentless: the text lives in the raw files, the index only points at
-- rows (rowid = messages.id).
CREATE VIRTUAL TABLE search USING fts5(
    subject, sender, recipient, cc, body, attachments,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER messages_unsearch AFTER DELETE ON messages BEGIN
    DELETE FROM search WHERE rowid = old.id;
END;
"#;

/// Forward migrations: `MIGRATIONS[i]` takes a database from version `i + 1` to `i + 2`.
pub const MIGRATIONS: &[&str] = &[V2_SEARCH_BY_DATE, V3_CONVERSATIONS_BY_FOLDER];

/// Version 2: the search index is keyed by date, not by message id.
///
/// Version 1 keyed FTS rows by message id, so a search had to collect every match and sort
/// them by date: a common word in a 100,000-message store took 600 ms. Keyed by
/// `search::search_key` (date in the high bits, id in the low), FTS5
/// walks its matches newest first and stops after one page. The text of a contentless index
/// cannot be copied, so every message is queued in `search_pending` and indexed again from
/// its raw file when the store opens (resumable: each batch commits).
pub const V2_SEARCH_BY_DATE: &str = r#"
DROP TRIGGER messages_unsearch;
DROP TABLE search;
CREATE VIRTUAL TABLE search USING fts5(
    subject, sender, recipient, cc, body, attachments,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
-- The key of search::search_key; a row's date never changes once stored.
CREATE TRIGGER messages_unsearch AFTER DELETE ON messages BEGIN
    DELETE FROM search
    WHERE rowid = (max(min(old.date, 34359738367), 0) << 28) | (old.id & 268435455);
END;
CREATE TABLE search_pending (id INTEGER PRIMARY KEY) STRICT;
INSERT INTO search_pending (id) SELECT id FROM messages;
"#;

/// Version 3: an index for listing a folder's conversations.
///
/// The conversation list keeps a message only when its thread has no newer message in the
/// folder; with (folder, thread, date, id) that question is one seek per row shown.
pub const V3_CONVERSATIONS_BY_FOLDER: &str = r#"
CREATE INDEX messages_folder_thread ON messages(folder_id, thread_id, date, id);
"#;

/// The version this build writes.
pub const VERSION: i64 = 1 + MIGRATIONS.len() as i64;

/// Brings a database to [`VERSION`]: creates it from [`BASE`] when empty, else runs the
/// migrations it lacks. Refuses a database from a newer Tidings rather than guess.
pub fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    migrate_with(conn, BASE, MIGRATIONS)
}

/// [`migrate`] with a given base and migration list. All steps run in one transaction: a
/// failing step leaves the database exactly as it was.
fn migrate_with(conn: &mut Connection, base: &str, migrations: &[&str]) -> Result<(), StoreError> {
    let latest = 1 + migrations.len() as i64;
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let found: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > latest {
        return Err(StoreError::TooNew {
            found,
            known: latest,
        });
    }
    if found == 0 {
        tx.execute_batch(base)?;
        tx.execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID}"))?;
        tx.execute_batch("PRAGMA user_version = 1")?;
    }
    let from = found.max(1);
    for (i, step) in migrations.iter().enumerate().skip(from as usize - 1) {
        tracing::info!(to = i + 2, "migrating the mail store");
        tx.execute_batch(step)?;
        tx.execute_batch(&format!("PRAGMA user_version = {}", i + 2))?;
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_database_gets_the_current_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, VERSION);
        // Running it again changes nothing.
        migrate(&mut conn).unwrap();
    }

    #[test]
    fn migrations_run_in_order_from_any_earlier_version_and_keep_rows() {
        let base = "CREATE TABLE t (a INTEGER) STRICT;";
        let steps = [
            "ALTER TABLE t ADD COLUMN b INTEGER NOT NULL DEFAULT 2;",
            "CREATE TABLE u AS SELECT a + b AS c FROM t;",
        ];
        // A version-1 database with data, brought to version 3.
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_with(&mut conn, base, &[]).unwrap();
        conn.execute("INSERT INTO t (a) VALUES (40)", []).unwrap();
        migrate_with(&mut conn, base, &steps).unwrap();
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, 3);
        let c: i64 = conn.query_row("SELECT c FROM u", [], |r| r.get(0)).unwrap();
        assert_eq!(c, 42);
        // A version-2 database gets only the last step.
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_with(&mut conn, base, &steps[..1]).unwrap();
        migrate_with(&mut conn, base, &steps).unwrap();
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, 3);
    }

    #[test]
    fn a_failing_migration_changes_nothing() {
        let base = "CREATE TABLE t (a INTEGER) STRICT;";
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_with(&mut conn, base, &[]).unwrap();
        conn.execute("INSERT INTO t (a) VALUES (1)", []).unwrap();
        let steps = ["ALTER TABLE t ADD COLUMN b INTEGER;", "THIS IS NOT SQL;"];
        assert!(migrate_with(&mut conn, base, &steps).is_err());
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, 1);
        let cols: i64 = conn
            .query_row("SELECT count(*) FROM pragma_table_info('t')", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(cols, 1, "the first step was rolled back too");
    }

    #[test]
    fn a_newer_database_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("PRAGMA user_version = 999").unwrap();
        assert!(matches!(
            migrate(&mut conn),
            Err(StoreError::TooNew { found: 999, .. })
        ));
    }
}
