//! Reading: paged message lists, counts, one message's summary and raw bytes.
//!
//! Lists are newest first and paged by keyset ([`Cursor`] = date and id of the last row
//! shown), so a page costs the same at the top of a 100,000-message folder as deep inside
//! it and nothing loads a whole folder.

use std::collections::BinaryHeap;
use std::fs::File;

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Serialize, Serializer};

use super::flags::{Flags, split_keywords};
use super::folders::{Folder, Role};
use super::{AccountId, FolderId, MessageId, Result, Store, StoreError};
use crate::engine::message::{Address, ReadMessage};

/// Where a list continues: the date and id of the last message of the previous page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Cursor {
    pub date: i64,
    pub id: MessageId,
}

/// Which page of a list to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub limit: usize,
    /// Continue after this message (keyset paging), else start at the top.
    pub after: Option<Cursor>,
}

impl Page {
    pub fn first(limit: usize) -> Self {
        Self { limit, after: None }
    }

    pub fn after(cursor: Cursor, limit: usize) -> Self {
        Self {
            limit,
            after: Some(cursor),
        }
    }
}

/// Total and unread messages of a folder.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub total: u64,
    pub unread: u64,
}

/// One line of a message list, and the JSON object of `tidings list --json` (DESIGN.md §6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MessageSummary {
    pub id: MessageId,
    pub account: String,
    pub folder: String,
    #[serde(skip)]
    pub folder_id: FolderId,
    /// The IMAP UID; `None` for POP3 and local messages and for ones not yet on the server.
    pub uid: Option<u32>,
    pub message_id: Option<String>,
    /// The decoded subject; empty for an unreadable message (see `unreadable`).
    pub subject: String,
    pub from: Address,
    pub to: Vec<Address>,
    pub cc: Vec<Address>,
    /// The Date header (else when it arrived), seconds since the epoch; RFC 3339 in JSON.
    #[serde(serialize_with = "rfc3339")]
    pub date: i64,
    pub flags: Flags,
    pub keywords: Vec<String>,
    pub has_attachments: bool,
    pub size: u64,
    pub preview: String,
    pub thread: i64,
    /// The body is stored (false: only the headers so far).
    pub downloaded: bool,
    /// The stored copy was lost and cannot be fetched again (reported by repair).
    pub lost: bool,
    /// mail-parser could not make sense of it; show "(unreadable message)" and the raw text.
    pub unreadable: bool,
}

impl MessageSummary {
    /// The cursor to continue a list after this message.
    pub fn cursor(&self) -> Cursor {
        Cursor {
            date: self.date,
            id: self.id,
        }
    }

    pub fn is_unread(&self) -> bool {
        !self.flags.contains(Flags::SEEN)
    }
}

fn rfc3339<S: Serializer>(t: &i64, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&to_rfc3339(*t))
}

/// Seconds since the epoch as RFC 3339 in UTC.
pub fn to_rfc3339(t: i64) -> String {
    chrono::DateTime::from_timestamp(t, 0)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

pub(crate) const SUMMARY_COLUMNS: &str = "m.id, a.name, f.name, m.folder_id, m.uid, m.message_id, \
     m.subject, m.from_name, m.from_addr, m.to_list, m.cc_list, m.date, m.flags, m.keywords, \
     m.has_attachments, m.size, m.preview, m.thread_id, m.body, m.unreadable";

pub(crate) const SUMMARY_FROM: &str =
    "messages m JOIN folders f ON f.id = m.folder_id JOIN accounts a ON a.id = m.account_id";

pub(crate) fn summary_from_row(r: &Row<'_>) -> rusqlite::Result<MessageSummary> {
    let to: String = r.get(9)?;
    let cc: String = r.get(10)?;
    let body: i64 = r.get(18)?;
    Ok(MessageSummary {
        id: r.get(0)?,
        account: r.get(1)?,
        folder: r.get(2)?,
        folder_id: r.get(3)?,
        uid: r.get(4)?,
        message_id: r.get(5)?,
        subject: r.get(6)?,
        from: Address::new(r.get::<_, String>(7)?, r.get::<_, String>(8)?),
        to: serde_json::from_str(&to).unwrap_or_default(),
        cc: serde_json::from_str(&cc).unwrap_or_default(),
        date: r.get(11)?,
        flags: Flags::from_bits(r.get(12)?),
        keywords: split_keywords(&r.get::<_, String>(13)?),
        has_attachments: r.get(14)?,
        size: r.get::<_, i64>(15)? as u64,
        preview: r.get(16)?,
        thread: r.get(17)?,
        downloaded: body == 1,
        lost: body == 2,
        unreadable: r.get(19)?,
    })
}

/// A page of the messages matching `filter` (SQL over `m`, with `?1` bound to `arg`).
fn page_where(c: &Connection, filter: &str, arg: i64, page: &Page) -> Result<Vec<MessageSummary>> {
    // `m.date <= ?2` lets SQLite seek in the (folder, date, id) index instead of walking
    // from the top; the OR then drops the rows of the cursor's own second.
    let (date, id) = page
        .after
        .map_or((i64::MAX, i64::MAX), |c| (c.date, c.id.0));
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM {SUMMARY_FROM}
         WHERE {filter} AND m.date <= ?2 AND (m.date < ?2 OR m.id < ?3)
         ORDER BY m.date DESC, m.id DESC LIMIT ?4"
    );
    let mut s = c.prepare_cached(&sql)?;
    let rows = s.query_map(params![arg, date, id, page.limit as i64], summary_from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

pub(crate) fn counts_in(c: &Connection, folder: FolderId) -> Result<Counts> {
    let total: i64 = c
        .prepare_cached("SELECT count(*) FROM messages WHERE folder_id = ?1")?
        .query_row([folder], |r| r.get(0))?;
    let unread: i64 = c
        .prepare_cached("SELECT count(*) FROM messages WHERE folder_id = ?1 AND flags & 1 = 0")?
        .query_row([folder], |r| r.get(0))?;
    Ok(Counts {
        total: total as u64,
        unread: unread as u64,
    })
}

impl Store {
    /// A page of a folder, newest first.
    pub fn list_folder(&self, folder: FolderId, page: &Page) -> Result<Vec<MessageSummary>> {
        self.read(|c| page_where(c, "m.folder_id = ?1", folder.0, page))
    }

    /// A page of one conversation (see [`threads`](super::threads)), newest first.
    pub fn list_thread(&self, thread: i64, page: &Page) -> Result<Vec<MessageSummary>> {
        self.read(|c| page_where(c, "m.thread_id = ?1", thread, page))
    }

    /// A page of every account's Inbox together, newest first. Each Inbox is read by its own
    /// index and the pages are merged, so a big archive elsewhere costs nothing.
    pub fn list_unified_inbox(&self, page: &Page) -> Result<Vec<MessageSummary>> {
        let inboxes: Vec<FolderId> = self.read(|c| {
            let mut s = c.prepare_cached("SELECT id FROM folders WHERE role = ?1")?;
            let rows = s.query_map([Role::Inbox.as_str()], |r| r.get(0))?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })?;
        let mut heap = BinaryHeap::new();
        for f in inboxes {
            for m in self.list_folder(f, page)? {
                heap.push((m.cursor(), HeapItem(m)));
            }
        }
        let mut out = Vec::with_capacity(page.limit);
        while out.len() < page.limit {
            match heap.pop() {
                Some((_, HeapItem(m))) => out.push(m),
                None => break,
            }
        }
        Ok(out)
    }

    /// Total and unread messages of a folder.
    pub fn counts(&self, folder: FolderId) -> Result<Counts> {
        self.read(|c| counts_in(c, folder))
    }

    /// An account's folders with their counts (INBOX first).
    pub fn folders(&self, account: AccountId) -> Result<Vec<(Folder, Counts)>> {
        let list = self.folder_list(account)?;
        self.read(|c| {
            list.into_iter()
                .map(|f| {
                    let counts = counts_in(c, f.id)?;
                    Ok((f, counts))
                })
                .collect()
        })
    }

    /// One message's summary.
    pub fn summary(&self, id: MessageId) -> Result<MessageSummary> {
        self.read(|c| {
            c.query_row(
                &format!("SELECT {SUMMARY_COLUMNS} FROM {SUMMARY_FROM} WHERE m.id = ?1"),
                [id],
                summary_from_row,
            )
            .optional()?
            .ok_or(StoreError::NoMessage(id.0))
        })
    }

    /// The stored RFC 5322 bytes of a message, unchanged. For a very big message prefer
    /// [`open_raw`](Self::open_raw).
    pub fn raw(&self, id: MessageId) -> Result<Vec<u8>> {
        let path = self.raw_path(id)?;
        std::fs::read(&path).map_err(|e| self.file_problem(id, &path, e))
    }

    /// The stored message as an open file, to stream it.
    pub fn open_raw(&self, id: MessageId) -> Result<File> {
        let path = self.raw_path(id)?;
        File::open(&path).map_err(|e| self.file_problem(id, &path, e))
    }

    fn raw_path(&self, id: MessageId) -> Result<std::path::PathBuf> {
        let (body, file): (i64, Option<String>) = self.read(|c| {
            c.query_row("SELECT body, file FROM messages WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?
            .ok_or(StoreError::NoMessage(id.0))
        })?;
        match (body, file) {
            (1, Some(rel)) => Ok(self.files().abs(&rel)),
            (2, _) => Err(StoreError::Lost(id.0)),
            _ => Err(StoreError::NoBody(id.0)),
        }
    }

    /// A stored file that cannot be read: if it is gone, the row is marked (IMAP: fetch
    /// again; otherwise lost, and reported) so the list tells the truth.
    fn file_problem(&self, id: MessageId, path: &std::path::Path, e: std::io::Error) -> StoreError {
        if e.kind() == std::io::ErrorKind::NotFound {
            let marked = self.write(|tx| super::repair::mark_missing(tx, id));
            if let Ok(refetch) = marked {
                return if refetch {
                    StoreError::NoBody(id.0)
                } else {
                    StoreError::Lost(id.0)
                };
            }
        }
        StoreError::file(path, "read", e)
    }

    /// A stored message parsed for reading (see [`ReadMessage`]).
    pub fn read_message(&self, id: MessageId) -> Result<ReadMessage> {
        Ok(ReadMessage::parse(&self.raw(id)?))
    }

    /// The decoded bytes of one attachment of a stored message.
    pub fn attachment(&self, id: MessageId, index: usize) -> Result<Option<Vec<u8>>> {
        Ok(ReadMessage::attachment_bytes(&self.raw(id)?, index))
    }

    /// Messages whose stored copy was lost (file gone, cannot be fetched again), for the
    /// user to see.
    pub fn lost_messages(&self) -> Result<Vec<MessageSummary>> {
        self.read(|c| {
            let mut s = c.prepare(&format!(
                "SELECT {SUMMARY_COLUMNS} FROM {SUMMARY_FROM} WHERE m.body = 2 ORDER BY m.id"
            ))?;
            let rows = s.query_map([], summary_from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }
}

/// Orders heap entries by cursor only (the summary itself has no order).
struct HeapItem(MessageSummary);

impl PartialEq for HeapItem {
    fn eq(&self, other: &Self) -> bool {
        self.0.id == other.0.id
    }
}
impl Eq for HeapItem {}
impl PartialOrd for HeapItem {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for HeapItem {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.cursor().cmp(&other.0.cursor())
    }
}
