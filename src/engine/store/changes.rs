//! What the user does, applied here at once and queued for the server (RFC 4549).
//!
//! Each call changes the store **and** writes its queue entry in one transaction, so after a
//! crash either both happened or neither. Entries are replayed in id order per account by
//! the IMAP client (or the POP3 client for [`Change::Pop3Delete`]); each ends with
//! [`Store::complete_change`], or [`Store::fail_change`] with the server's reason. A failed
//! entry stays, visible, until the user retries or dismisses it; nothing is dropped
//! silently. Entries survive restarts.
//!
//! POP3 accounts have local folders only: their flag, move and folder changes are local and
//! queue nothing; a permanent delete queues [`Change::Pop3Delete`], which the POP3 client
//! carries out only if the account deletes on the server when mail is deleted here (and
//! completes it as a no-op otherwise).
//!
//! Replaying: a target's `uid` is what the message had when the change was made. It is
//! `None` when that message had no UID yet (it was itself moved, copied or appended offline);
//! ask [`Store::uid_of`] at replay time — the earlier change's replay assigned it with
//! [`Store::assign_uid`]. After a move, copy or append, record the new UID the server
//! reports (COPYUID/APPENDUID) with [`Store::assign_uid`] on the change's `message`.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::flags::{Flag, Flags};
use super::folders::{
    Folder, FolderSpec, Role, account_protocol, load_folder, rename_in, upsert_folder_in,
};
use super::ingest::{NewMessage, RawMessage, Remote, Stored};
use super::{AccountId, ChangeId, FolderId, MessageId, Result, Store, StoreError, now};
use crate::engine::account::Protocol;

/// A message a change acts on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    pub message: MessageId,
    /// Its UID in the change's folder when the change was made (see the module docs).
    pub uid: Option<u32>,
}

/// A message moved or copied: its UID in the source folder, and the row that now stands for
/// it in the destination (the same row for a move, a new one for a copy).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MovedMessage {
    pub source_uid: Option<u32>,
    pub message: MessageId,
}

/// One queued change, as replay needs it. Folder names are full names as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "kebab-case")]
pub enum Change {
    /// `UID STORE +FLAGS (add)` and `-FLAGS (remove)`: deltas, never a replacement, so
    /// changes made elsewhere meanwhile survive.
    Flags {
        folder: String,
        targets: Vec<Target>,
        add: Vec<Flag>,
        remove: Vec<Flag>,
    },
    /// `UID MOVE` (RFC 6851), or COPY + `\Deleted` + `UID EXPUNGE` without MOVE.
    Move {
        from: String,
        to: String,
        messages: Vec<MovedMessage>,
    },
    /// `UID COPY`.
    Copy {
        from: String,
        to: String,
        messages: Vec<MovedMessage>,
    },
    /// Permanent deletion: `UID STORE +FLAGS (\Deleted)` then `UID EXPUNGE` of these UIDs.
    Expunge {
        folder: String,
        uids: Vec<u32>,
    },
    CreateFolder {
        name: String,
    },
    RenameFolder {
        from: String,
        to: String,
    },
    DeleteFolder {
        name: String,
    },
    /// `APPEND` the stored message (read it with [`Store::raw`]) to a folder. If the message
    /// is gone by replay time, complete the change without doing anything.
    Append {
        folder: String,
        message: MessageId,
        flags: Flags,
    },
    /// POP3: `DELE` these UIDLs if the account deletes on the server what is deleted here.
    Pop3Delete {
        uidls: Vec<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeState {
    /// Waiting for replay (maybe after failed attempts: see `attempts` and `error`).
    Pending,
    /// The server refused it for good; kept for the user with the reason.
    Failed,
}

/// A queue entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueuedChange {
    pub id: ChangeId,
    pub account: AccountId,
    pub change: Change,
    pub state: ChangeState,
    pub attempts: u32,
    /// The last failure, in the server's words.
    pub error: Option<String>,
    pub created: i64,
}

pub(crate) fn enqueue(conn: &Connection, account: AccountId, change: &Change) -> Result<ChangeId> {
    let op = serde_json::to_string(change).map_err(|e| StoreError::Change(e.to_string()))?;
    conn.prepare_cached("INSERT INTO changes (account_id, op, created) VALUES (?1, ?2, ?3)")?
        .execute(params![account, op, now()])?;
    Ok(ChangeId(conn.last_insert_rowid()))
}

/// What a change needs to know of each message.
struct Row {
    id: MessageId,
    folder: FolderId,
    uid: Option<u32>,
    uidl: Option<String>,
    flags: Flags,
    file: Option<String>,
}

fn rows(conn: &Connection, ids: &[MessageId]) -> Result<Vec<Row>> {
    let mut s = conn.prepare_cached(
        "SELECT id, folder_id, uid, uidl, flags, file FROM messages WHERE id = ?1",
    )?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let row = s
            .query_row([id], |r| {
                Ok(Row {
                    id: r.get(0)?,
                    folder: r.get(1)?,
                    uid: r.get(2)?,
                    uidl: r.get(3)?,
                    flags: Flags::from_bits(r.get(4)?),
                    file: r.get(5)?,
                })
            })
            .optional()?
            .ok_or(StoreError::NoMessage(id.0))?;
        out.push(row);
    }
    Ok(out)
}

fn by_folder(rows: Vec<Row>) -> BTreeMap<FolderId, Vec<Row>> {
    let mut map: BTreeMap<FolderId, Vec<Row>> = BTreeMap::new();
    for r in rows {
        map.entry(r.folder).or_default().push(r);
    }
    map
}

impl Store {
    /// Adds and removes flags on messages (mark read/unread, flag, answered…).
    pub fn set_flags(&self, ids: &[MessageId], add: Flags, remove: Flags) -> Result<()> {
        self.write(|tx| {
            for (folder_id, rows) in by_folder(rows(tx, ids)?) {
                let folder = load_folder(tx, folder_id)?;
                let mut s = tx.prepare_cached("UPDATE messages SET flags = ?2 WHERE id = ?1")?;
                for r in &rows {
                    s.execute(params![r.id, r.flags.with(add).without(remove).bits()])?;
                }
                if account_protocol(tx, folder.account_id)? == Protocol::Imap {
                    enqueue(
                        tx,
                        folder.account_id,
                        &Change::Flags {
                            folder: folder.name.clone(),
                            targets: rows
                                .iter()
                                .map(|r| Target {
                                    message: r.id,
                                    uid: r.uid,
                                })
                                .collect(),
                            add: Flag::list(add),
                            remove: Flag::list(remove),
                        },
                    )?;
                }
            }
            Ok(())
        })
    }

    /// Moves messages to another folder of the same account (the rows keep their ids);
    /// to a folder of another account they are copied there and deleted here. Returns the
    /// ids the messages have in the destination, in order.
    pub fn move_messages(&self, ids: &[MessageId], to: FolderId) -> Result<Vec<MessageId>> {
        let dest = self.folder(to)?;
        let (same, other): (Vec<Row>, Vec<Row>) =
            self.read(|c| rows(c, ids))?.into_iter().partition(|r| {
                self.folder(r.folder)
                    .is_ok_and(|f| f.account_id == dest.account_id)
            });
        let mut out: BTreeMap<MessageId, MessageId> = BTreeMap::new();
        if !same.is_empty() {
            let same_ids: Vec<MessageId> = same.iter().map(|r| r.id).collect();
            self.write(|tx| move_in(tx, &same_ids, &dest))?;
            for id in same_ids {
                out.insert(id, id);
            }
        }
        if !other.is_empty() {
            let other_ids: Vec<MessageId> = other.iter().map(|r| r.id).collect();
            let copies = self.copy_messages(&other_ids, to)?;
            self.delete_permanently(&other_ids)?;
            for (a, b) in other_ids.into_iter().zip(copies) {
                out.insert(a, b);
            }
        }
        Ok(ids.iter().filter_map(|id| out.get(id).copied()).collect())
    }

    /// Copies messages into a folder (new rows with their own files). Returns the new ids.
    pub fn copy_messages(&self, ids: &[MessageId], to: FolderId) -> Result<Vec<MessageId>> {
        let dest = self.folder(to)?;
        let dest_protocol = self.read(|c| account_protocol(c, dest.account_id))?;
        let source = self.read(|c| rows(c, ids))?;
        let mut out = Vec::with_capacity(source.len());
        for r in source {
            let from = self.folder(r.folder)?;
            let same_account = from.account_id == dest.account_id;
            let new_id = match &r.file {
                Some(rel) => {
                    let staged = self.files().stage_copy(&self.files().abs(rel))?;
                    let mut m = NewMessage::new(Remote::Local, RawMessage::Staged(staged));
                    m.flags = r.flags;
                    let source_uid = r.uid;
                    let flags = r.flags;
                    let stored = self.store_with(to, vec![m], |tx, stored| {
                        let Some(new_id) = stored.first().and_then(|s| s.id()) else {
                            return Ok(());
                        };
                        queue_copy(
                            tx,
                            &from,
                            &dest,
                            dest_protocol,
                            same_account,
                            source_uid,
                            new_id,
                            flags,
                        )
                    })?;
                    match stored.first() {
                        Some(Stored::New(id)) | Some(Stored::Existing(id)) => *id,
                        _ => continue,
                    }
                }
                None => self.write(|tx| {
                    let new_id = copy_header_row(tx, r.id, &dest)?;
                    queue_copy(
                        tx,
                        &from,
                        &dest,
                        dest_protocol,
                        same_account,
                        r.uid,
                        new_id,
                        r.flags,
                    )?;
                    Ok(new_id)
                })?,
            };
            out.push(new_id);
        }
        Ok(out)
    }

    /// Deletes messages the way the user means it: to the account's Trash, or for good
    /// when they are in the Trash already or the account has none.
    pub fn delete_messages(&self, ids: &[MessageId]) -> Result<()> {
        let rows = self.read(|c| rows(c, ids))?;
        let mut to_trash: BTreeMap<FolderId, Vec<MessageId>> = BTreeMap::new();
        let mut for_good = Vec::new();
        for (folder_id, rows) in by_folder(rows) {
            let folder = self.folder(folder_id)?;
            match self.folder_by_role(folder.account_id, Role::Trash)? {
                Some(trash) if trash.id != folder_id => to_trash
                    .entry(trash.id)
                    .or_default()
                    .extend(rows.iter().map(|r| r.id)),
                _ => for_good.extend(rows.iter().map(|r| r.id)),
            }
        }
        for (trash, ids) in to_trash {
            self.move_messages(&ids, trash)?;
        }
        self.delete_permanently(&for_good)
    }

    /// Deletes messages for good here (their files too) and queues the deletion on the
    /// server: EXPUNGE for IMAP, a [`Change::Pop3Delete`] for POP3.
    pub fn delete_permanently(&self, ids: &[MessageId]) -> Result<()> {
        if ids.is_empty() {
            return Ok(());
        }
        self.write(|tx| {
            for (folder_id, rows) in by_folder(rows(tx, ids)?) {
                let folder = load_folder(tx, folder_id)?;
                let mut del = tx.prepare_cached("DELETE FROM messages WHERE id = ?1")?;
                for r in &rows {
                    del.execute([r.id])?;
                }
                match account_protocol(tx, folder.account_id)? {
                    Protocol::Imap => {
                        let uids: Vec<u32> = rows.iter().filter_map(|r| r.uid).collect();
                        if !uids.is_empty() {
                            enqueue(
                                tx,
                                folder.account_id,
                                &Change::Expunge {
                                    folder: folder.name.clone(),
                                    uids,
                                },
                            )?;
                        }
                    }
                    Protocol::Pop3 => {
                        let uidls: Vec<String> =
                            rows.iter().filter_map(|r| r.uidl.clone()).collect();
                        if !uidls.is_empty() {
                            enqueue(tx, folder.account_id, &Change::Pop3Delete { uidls })?;
                        }
                    }
                }
            }
            Ok(())
        })
    }

    /// Creates a folder (queued as CREATE for IMAP).
    pub fn create_folder(
        &self,
        account: AccountId,
        name: &str,
        delimiter: Option<&str>,
    ) -> Result<FolderId> {
        self.write(|tx| {
            let exists: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM folders WHERE account_id = ?1 AND name = ?2)",
                params![account, name],
                |r| r.get(0),
            )?;
            if exists {
                return Err(StoreError::FolderExists {
                    account: account.to_string(),
                    name: name.to_owned(),
                });
            }
            let mut spec = FolderSpec::new(name);
            spec.delimiter = delimiter.map(str::to_owned);
            let id = upsert_folder_in(tx, account, &spec)?;
            if account_protocol(tx, account)? == Protocol::Imap {
                enqueue(
                    tx,
                    account,
                    &Change::CreateFolder {
                        name: name.to_owned(),
                    },
                )?;
            }
            Ok(id)
        })
    }

    /// Renames a folder and its subfolders (queued as RENAME for IMAP).
    pub fn rename_folder(&self, folder: FolderId, new_name: &str) -> Result<()> {
        self.write(|tx| {
            let f = load_folder(tx, folder)?;
            rename_in(tx, &f, new_name)?;
            if account_protocol(tx, f.account_id)? == Protocol::Imap {
                enqueue(
                    tx,
                    f.account_id,
                    &Change::RenameFolder {
                        from: f.name.clone(),
                        to: new_name.to_owned(),
                    },
                )?;
            }
            Ok(())
        })
    }

    /// Deletes a folder. IMAP: its messages go with it and DELETE is queued. POP3, whose
    /// folders hold the only copy: its messages are moved to the Trash first (deleted for
    /// good if it is the Trash).
    pub fn delete_folder(&self, folder: FolderId) -> Result<()> {
        let f = self.folder(folder)?;
        let protocol = self.read(|c| account_protocol(c, f.account_id))?;
        if protocol == Protocol::Pop3 {
            let ids: Vec<MessageId> = self.read(|c| {
                let mut s = c.prepare("SELECT id FROM messages WHERE folder_id = ?1")?;
                let rows = s.query_map([folder], |r| r.get(0))?;
                Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
            })?;
            self.delete_messages(&ids)?;
        }
        self.write(|tx| {
            tx.execute("DELETE FROM messages WHERE folder_id = ?1", [folder])?;
            tx.execute("DELETE FROM folders WHERE id = ?1", [folder])?;
            if protocol == Protocol::Imap {
                enqueue(
                    tx,
                    f.account_id,
                    &Change::DeleteFolder {
                        name: f.name.clone(),
                    },
                )?;
            }
            Ok(())
        })
    }

    /// Stores a message of our own in a folder (a Sent copy, a draft) and, for IMAP, queues
    /// its APPEND — in one transaction after its file is durable.
    pub fn append_message(
        &self,
        folder: FolderId,
        raw: RawMessage,
        flags: Flags,
    ) -> Result<MessageId> {
        let f = self.folder(folder)?;
        let protocol = self.read(|c| account_protocol(c, f.account_id))?;
        let mut m = NewMessage::new(Remote::Local, raw);
        m.flags = flags;
        let stored = self.store_with(folder, vec![m], |tx, stored| {
            if protocol == Protocol::Imap
                && let Some(id) = stored.first().and_then(|s| s.id())
            {
                enqueue(
                    tx,
                    f.account_id,
                    &Change::Append {
                        folder: f.name.clone(),
                        message: id,
                        flags,
                    },
                )?;
            }
            Ok(())
        })?;
        stored
            .first()
            .and_then(|s| s.id())
            .ok_or_else(|| StoreError::Change("the message was not stored".into()))
    }

    /// The UID a message has now (assigned by an earlier replay, see the module docs).
    pub fn uid_of(&self, message: MessageId) -> Result<Option<u32>> {
        self.read(|c| {
            c.query_row("SELECT uid FROM messages WHERE id = ?1", [message], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or(StoreError::NoMessage(message.0))
        })
    }

    /// The pending changes of an account, in the order to replay them.
    pub fn pending_changes(&self, account: AccountId) -> Result<Vec<QueuedChange>> {
        self.changes_where("account_id = ?1 AND state = 'pending'", account.0)
    }

    /// Changes the server refused for good, of one account or all (`None`), for the user.
    pub fn failed_changes(&self, account: Option<AccountId>) -> Result<Vec<QueuedChange>> {
        match account {
            Some(a) => self.changes_where("account_id = ?1 AND state = 'failed'", a.0),
            None => self.changes_where("?1 = ?1 AND state = 'failed'", 0),
        }
    }

    fn changes_where(&self, filter: &str, arg: i64) -> Result<Vec<QueuedChange>> {
        self.read(|c| {
            let mut s = c.prepare(&format!(
                "SELECT id, account_id, op, state, attempts, error, created FROM changes
                 WHERE {filter} ORDER BY id"
            ))?;
            let rows = s.query_map([arg], |r| {
                Ok((
                    r.get::<_, ChangeId>(0)?,
                    r.get::<_, AccountId>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, u32>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, i64>(6)?,
                ))
            })?;
            let mut out = Vec::new();
            for row in rows {
                let (id, account, op, state, attempts, error, created) = row?;
                let change: Change = serde_json::from_str(&op)
                    .map_err(|e| StoreError::Change(format!("change {id}: {e}")))?;
                out.push(QueuedChange {
                    id,
                    account,
                    change,
                    state: if state == "failed" {
                        ChangeState::Failed
                    } else {
                        ChangeState::Pending
                    },
                    attempts,
                    error,
                    created,
                });
            }
            Ok(out)
        })
    }

    /// The change reached the server: it leaves the queue.
    pub fn complete_change(&self, id: ChangeId) -> Result<()> {
        self.write(|tx| {
            if tx.execute("DELETE FROM changes WHERE id = ?1", [id])? == 0 {
                return Err(StoreError::NoChange(id.0));
            }
            Ok(())
        })
    }

    /// The change did not reach the server. `permanent`: the server refused it and retrying
    /// cannot help — it is kept as failed, with `reason`, for the user. Otherwise it stays
    /// pending and is retried at the next replay.
    pub fn fail_change(&self, id: ChangeId, reason: &str, permanent: bool) -> Result<()> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE changes SET attempts = attempts + 1, error = ?2,
                     state = CASE WHEN ?3 THEN 'failed' ELSE state END
                 WHERE id = ?1",
                params![id, reason, permanent],
            )?;
            if n == 0 {
                return Err(StoreError::NoChange(id.0));
            }
            Ok(())
        })
    }

    /// The user asks to try a failed change again.
    pub fn retry_change(&self, id: ChangeId) -> Result<()> {
        self.write(|tx| {
            if tx.execute("UPDATE changes SET state = 'pending' WHERE id = ?1", [id])? == 0 {
                return Err(StoreError::NoChange(id.0));
            }
            Ok(())
        })
    }

    /// The user gives up on a failed change: it leaves the queue without reaching the server.
    pub fn dismiss_change(&self, id: ChangeId) -> Result<()> {
        self.complete_change(id)
    }
}

fn move_in(tx: &Connection, ids: &[MessageId], dest: &Folder) -> Result<()> {
    let imap = account_protocol(tx, dest.account_id)? == Protocol::Imap;
    for (folder_id, rows) in by_folder(rows(tx, ids)?) {
        if folder_id == dest.id {
            continue;
        }
        let from = load_folder(tx, folder_id)?;
        let mut s =
            tx.prepare_cached("UPDATE messages SET folder_id = ?2, uid = NULL WHERE id = ?1")?;
        for r in &rows {
            s.execute(params![r.id, dest.id])?;
        }
        if imap {
            enqueue(
                tx,
                dest.account_id,
                &Change::Move {
                    from: from.name.clone(),
                    to: dest.name.clone(),
                    messages: rows
                        .iter()
                        .map(|r| MovedMessage {
                            source_uid: r.uid,
                            message: r.id,
                        })
                        .collect(),
                },
            )?;
        }
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn queue_copy(
    tx: &Connection,
    from: &Folder,
    dest: &Folder,
    dest_protocol: Protocol,
    same_account: bool,
    source_uid: Option<u32>,
    new_id: MessageId,
    flags: Flags,
) -> Result<()> {
    if dest_protocol != Protocol::Imap {
        return Ok(());
    }
    let change = if same_account {
        Change::Copy {
            from: from.name.clone(),
            to: dest.name.clone(),
            messages: vec![MovedMessage {
                source_uid,
                message: new_id,
            }],
        }
    } else {
        Change::Append {
            folder: dest.name.clone(),
            message: new_id,
            flags,
        }
    };
    enqueue(tx, dest.account_id, &change)?;
    Ok(())
}

/// Copies a header-only row (no file) into another folder.
fn copy_header_row(tx: &Connection, id: MessageId, dest: &Folder) -> Result<MessageId> {
    tx.execute(
        "INSERT INTO messages (account_id, folder_id, uid, uidl, flags, keywords, message_id,
             in_reply_to, refs, date, received, from_name, from_addr, to_list, cc_list, subject,
             base_subject, is_reply, size, has_attachments, preview, thread_id, body,
             unreadable, file)
         SELECT ?2, ?3, NULL, NULL, flags, keywords, message_id, in_reply_to, refs, date,
             received, from_name, from_addr, to_list, cc_list, subject, base_subject, is_reply,
             size, has_attachments, preview, thread_id, 0, unreadable, NULL
         FROM messages WHERE id = ?1",
        params![id, dest.account_id, dest.id],
    )?;
    let new_id = MessageId(tx.last_insert_rowid());
    let date: i64 = tx.query_row("SELECT date FROM messages WHERE id = ?1", [new_id], |r| {
        r.get(0)
    })?;
    tx.execute(
        "INSERT INTO search (rowid, subject, sender)
         SELECT ?2, subject, from_name || ' ' || from_addr FROM messages WHERE id = ?1",
        params![id, super::search::search_key(date, new_id.0)],
    )?;
    Ok(new_id)
}
