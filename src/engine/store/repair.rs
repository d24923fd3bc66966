//! Crash repair, run when a store is opened by the only process using it.
//!
//! What an interruption can leave, and what happens to it:
//! - files in `messages/tmp/`: never complete messages (a file leaves tmp only once synced),
//!   removed;
//! - files of deleted rows not yet unlinked: removed;
//! - outbox entries caught `sending`: marked maybe-sent (never resent on their own);
//! - after an unclean shutdown (no `.clean` marker), a full scan:
//!   - a row whose file is missing: an IMAP message goes back to header-only and its body
//!     is fetched again; a POP3 or local one (the server may not have it any more) is kept,
//!     marked lost and reported — never dropped silently;
//!   - a file without a row (written, but its transaction never committed): put back as
//!     the message its name describes; if that message is stored already with the same
//!     bytes the extra copy is removed; anything that cannot be placed is moved to
//!     `messages/recovered/` and reported. A raw file that may be the only copy is never
//!     deleted.

use std::collections::HashSet;
use std::path::PathBuf;

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::files::{FileIdentity, Files, sync_dir};
use super::flags::Flags;
use super::folders::{account_protocol, load_folder};
use super::ingest::{Remote, RowData, insert_row, parse_file, set_body};
use super::{AccountId, FolderId, MessageId, Result, StoreError, now, outbox, reap_doomed};
use crate::engine::account::Protocol;

/// What repair did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Repair {
    /// A full scan ran (the last session did not end cleanly).
    pub full_scan: bool,
    pub temp_files_removed: usize,
    pub deleted_files_removed: usize,
    /// IMAP messages whose file was missing; their bodies will be fetched again.
    pub refetch: usize,
    /// POP3 or local messages whose file is missing: kept in the list, marked lost.
    pub lost: Vec<MessageId>,
    /// Files without a row that got their row back.
    pub reindexed: Vec<MessageId>,
    /// Extra copies of messages stored already, removed.
    pub duplicates_removed: usize,
    /// Files that could not be placed, now in `messages/recovered/`.
    pub recovered: Vec<PathBuf>,
    /// Outbox entries interrupted while being sent.
    pub outbox_maybe_sent: usize,
}

impl Repair {
    /// Nothing needed repair.
    pub fn is_empty(&self) -> bool {
        Repair {
            full_scan: self.full_scan,
            ..Repair::default()
        } == *self
    }
}

pub(crate) fn run(conn: &mut Connection, files: &Files, full: bool) -> Result<Repair> {
    let mut report = Repair {
        full_scan: full,
        ..Repair::default()
    };
    report.temp_files_removed = clear_tmp(files)?;
    report.deleted_files_removed = conn.query_row("SELECT count(*) FROM doomed_files", [], |r| {
        r.get::<_, i64>(0)
    })? as usize;
    reap_doomed(conn, files);
    report.outbox_maybe_sent = outbox::mark_interrupted(conn)?;
    if full {
        let tx = conn.transaction()?;
        scan(&tx, files, &mut report)?;
        tx.commit()?;
        reap_doomed(conn, files);
    }
    Ok(report)
}

fn clear_tmp(files: &Files) -> Result<usize> {
    let dir = files.tmp_dir();
    let mut n = 0;
    let entries = std::fs::read_dir(&dir).map_err(|e| StoreError::file(&dir, "listed", e))?;
    for entry in entries.flatten() {
        if std::fs::remove_file(entry.path()).is_ok() {
            n += 1;
        }
    }
    if n > 0 {
        sync_dir(&dir)?;
    }
    Ok(n)
}

/// Every `a<id>/….eml` file on disk, as relative paths.
fn files_on_disk(files: &Files) -> Result<HashSet<String>> {
    let mut out = HashSet::new();
    let root = files.root();
    let entries = std::fs::read_dir(root).map_err(|e| StoreError::file(root, "listed", e))?;
    for dir in entries.flatten() {
        let name = dir.file_name().to_string_lossy().into_owned();
        if !name.starts_with('a') || !dir.path().is_dir() {
            continue;
        }
        let inner =
            std::fs::read_dir(dir.path()).map_err(|e| StoreError::file(dir.path(), "listed", e))?;
        for f in inner.flatten() {
            let file = f.file_name().to_string_lossy().into_owned();
            if file.ends_with(".eml") {
                out.insert(format!("{name}/{file}"));
            }
        }
    }
    Ok(out)
}

fn scan(tx: &Connection, files: &Files, report: &mut Repair) -> Result<()> {
    let on_disk = files_on_disk(files)?;
    let rows: Vec<(MessageId, String, i64)> = {
        let mut s = tx.prepare("SELECT id, file, body FROM messages WHERE file IS NOT NULL")?;
        let rows = s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut referenced = HashSet::with_capacity(rows.len());
    for (id, file, body) in rows {
        if on_disk.contains(&file) {
            if body == 2 {
                // The file is back (restored by the user): the message is whole again.
                tx.execute("UPDATE messages SET body = 1 WHERE id = ?1", [id])?;
            }
        } else if body == 1 {
            if mark_missing(tx, id)? {
                report.refetch += 1;
            } else {
                report.lost.push(id);
            }
        }
        referenced.insert(file);
    }
    let mut orphans: Vec<&String> = on_disk.difference(&referenced).collect();
    orphans.sort();
    for rel in orphans {
        adopt(tx, files, rel, report)?;
    }
    Ok(())
}

/// A row's file is gone. IMAP messages on the server go back to header-only (fetched again;
/// returns true); anything else is marked lost and kept.
pub(crate) fn mark_missing(conn: &Connection, id: MessageId) -> Result<bool> {
    let (account, uid): (AccountId, Option<u32>) = conn.query_row(
        "SELECT account_id, uid FROM messages WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let refetch = uid.is_some() && account_protocol(conn, account)? == Protocol::Imap;
    if refetch {
        conn.execute(
            "UPDATE messages SET body = 0, file = NULL WHERE id = ?1",
            [id],
        )?;
    } else {
        tracing::error!(%id, "the stored copy of a message is missing; it is kept in the list as lost");
        conn.execute("UPDATE messages SET body = 2 WHERE id = ?1", [id])?;
    }
    Ok(refetch)
}

/// Puts a file without a row back where its name says it belongs.
fn adopt(tx: &Connection, files: &Files, rel: &str, report: &mut Repair) -> Result<()> {
    let Some(name) = Files::parse_rel(rel) else {
        return recover(files, rel, report);
    };
    let folder = match load_folder(tx, FolderId(name.folder_id)) {
        Ok(f) if f.account_id.0 == name.account_id => f,
        _ => return recover(files, rel, report),
    };
    let (remote, existing): (Remote, Option<(MessageId, i64, Option<String>)>) =
        match &name.identity {
            FileIdentity::Imap { uidvalidity, uid } => {
                if folder.sync.uidvalidity.unwrap_or(0) != *uidvalidity {
                    return recover(files, rel, report);
                }
                let row = tx
                    .query_row(
                        "SELECT id, body, file FROM messages WHERE folder_id = ?1 AND uid = ?2",
                        params![folder.id, uid],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                    )
                    .optional()?;
                (Remote::Imap { uid: *uid }, row)
            }
            FileIdentity::Pop3 { uidl } => {
                let row = tx
                    .query_row(
                        "SELECT id, body, file FROM messages WHERE account_id = ?1 AND uidl = ?2
                     ORDER BY body DESC LIMIT 1",
                        params![folder.account_id, uidl],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                    )
                    .optional()?;
                if row.is_none() {
                    let deleted: bool = tx.query_row(
                    "SELECT EXISTS (SELECT 1 FROM pop3_uidls WHERE account_id = ?1 AND uidl = ?2)",
                    params![folder.account_id, uidl],
                    |r| r.get(0),
                )?;
                    if deleted {
                        return recover(files, rel, report);
                    }
                }
                (Remote::Pop3 { uidl: uidl.clone() }, row)
            }
            FileIdentity::Local => (Remote::Local, None),
        };
    let path = files.abs(rel);
    match existing {
        Some((_, 1, Some(their))) => {
            let same = std::fs::read(&path).ok() == std::fs::read(files.abs(&their)).ok();
            // The server's UID names exactly one message: the copy is a duplicate.
            if same || matches!(remote, Remote::Imap { .. }) {
                std::fs::remove_file(&path).map_err(|e| StoreError::file(&path, "removed", e))?;
                report.duplicates_removed += 1;
                Ok(())
            } else {
                recover(files, rel, report)
            }
        }
        Some((id, _, _)) => {
            let env = parse_file(&path, false);
            let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            set_body(tx, id, &env, rel, size)?;
            report.reindexed.push(id);
            Ok(())
        }
        None => {
            let env = parse_file(&path, false);
            let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            let id = insert_row(
                tx,
                &RowData {
                    account_id: folder.account_id,
                    folder_id: folder.id,
                    remote: &remote,
                    flags: Flags::empty(),
                    keywords: &[],
                    env: &env,
                    file: Some(rel),
                    size,
                    received: now(),
                },
            )?;
            report.reindexed.push(id);
            Ok(())
        }
    }
}

/// Moves a file repair cannot place to `recovered/`, where the user can find it.
fn recover(files: &Files, rel: &str, report: &mut Repair) -> Result<()> {
    let dir = files.recovered_dir();
    std::fs::create_dir_all(&dir).map_err(|e| StoreError::file(&dir, "created", e))?;
    let from = files.abs(rel);
    let to = dir.join(rel.replace('/', "-"));
    std::fs::rename(&from, &to).map_err(|e| StoreError::file(&from, "moved", e))?;
    sync_dir(&dir)?;
    tracing::warn!(file = %to.display(), "a message file could not be placed; kept in recovered/");
    report.recovered.push(to);
    Ok(())
}
