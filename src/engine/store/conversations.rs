//! Conversation lists: one line per thread of a folder (or of every Inbox), as Thunderbird's
//! threaded view shows them.
//!
//! A conversation is represented in a folder by its newest message there; the list is sorted
//! by that message's date and paged by its [`Cursor`], like the message lists of
//! [`query`](super::query), so nothing loads a whole folder. The `messages_folder_thread`
//! index (schema version 3) answers "is there a newer message of this thread here?" with one
//! seek, so a page costs the rows it walks, not the folder. Counts and unread are over the
//! whole conversation, in every folder: what expanding it shows.

use std::collections::BinaryHeap;
use std::fmt::Write as _;

use rusqlite::{Connection, params};

use super::folders::Role;
use super::query::{Cursor, MessageSummary, Page, SUMMARY_COLUMNS, SUMMARY_FROM, summary_from_row};
use super::{FolderId, Result, Store};

/// One line of a conversation list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversation {
    /// The newest message of the conversation in the listed folder(s).
    pub latest: MessageSummary,
    /// Messages in the conversation, in every folder.
    pub messages: u64,
    /// Unread messages in the conversation, in every folder.
    pub unread: u64,
}

impl Conversation {
    /// The cursor to continue a list after this conversation.
    pub fn cursor(&self) -> Cursor {
        self.latest.cursor()
    }
}

/// `folder_id IN (…)` over `column`; folder ids are integers we own, never user text.
fn in_folders(column: &str, scope: &[FolderId]) -> String {
    let mut s = format!("{column} IN (");
    for (i, f) in scope.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        let _ = write!(s, "{}", f.0);
    }
    s.push(')');
    s
}

/// A page of the conversations whose newest message within `scope` lies in `folder`.
fn page_in(
    c: &Connection,
    folder: FolderId,
    scope: &[FolderId],
    page: &Page,
) -> Result<Vec<Conversation>> {
    let (date, id) = page
        .after
        .map_or((i64::MAX, i64::MAX), |c| (c.date, c.id.0));
    let newer_in_scope = in_folders("n.folder_id", scope);
    // As in the message lists, `m.date <= ?2` seeks in (folder, date, id); the NOT EXISTS
    // keeps only each thread's newest message within the scope.
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS},
            (SELECT count(*) FROM messages t WHERE t.thread_id = m.thread_id),
            (SELECT count(*) FROM messages t WHERE t.thread_id = m.thread_id AND t.flags & 1 = 0)
         FROM {SUMMARY_FROM}
         WHERE m.folder_id = ?1 AND m.date <= ?2 AND (m.date < ?2 OR m.id < ?3)
           AND NOT EXISTS (SELECT 1 FROM messages n
                WHERE {newer_in_scope} AND n.thread_id = m.thread_id
                  AND (n.date > m.date OR (n.date = m.date AND n.id > m.id)))
         ORDER BY m.date DESC, m.id DESC LIMIT ?4"
    );
    let mut s = c.prepare_cached(&sql)?;
    let rows = s.query_map(params![folder, date, id, page.limit as i64], |r| {
        Ok(Conversation {
            latest: summary_from_row(r)?,
            messages: r.get::<_, i64>(20)? as u64,
            unread: r.get::<_, i64>(21)? as u64,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

fn count_in(c: &Connection, scope: &[FolderId]) -> Result<u64> {
    if scope.is_empty() {
        return Ok(0);
    }
    let sql = format!(
        "SELECT count(DISTINCT thread_id) FROM messages WHERE {}",
        in_folders("folder_id", scope)
    );
    let n: i64 = c.prepare_cached(&sql)?.query_row([], |r| r.get(0))?;
    Ok(n as u64)
}

/// Orders conversations by cursor only, for merging the Inboxes' pages.
struct ByCursor(Conversation);

impl PartialEq for ByCursor {
    fn eq(&self, other: &Self) -> bool {
        self.0.cursor() == other.0.cursor()
    }
}
impl Eq for ByCursor {}
impl PartialOrd for ByCursor {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for ByCursor {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.cursor().cmp(&other.0.cursor())
    }
}

impl Store {
    /// A page of a folder's conversations, the one with the newest message first.
    pub fn list_conversations(&self, folder: FolderId, page: &Page) -> Result<Vec<Conversation>> {
        self.read(|c| page_in(c, folder, &[folder], page))
    }

    /// How many conversations a folder has (the length of [`list_conversations`](Self::list_conversations)).
    pub fn count_conversations(&self, folder: FolderId) -> Result<u64> {
        self.read(|c| count_in(c, &[folder]))
    }

    /// A page of the conversations of every account's Inbox together. A conversation in two
    /// Inboxes is listed once, by its newest message. Each Inbox is read by its own index and
    /// the pages are merged, so a big archive elsewhere costs nothing.
    pub fn list_unified_conversations(&self, page: &Page) -> Result<Vec<Conversation>> {
        let inboxes = self.inboxes()?;
        let mut heap = BinaryHeap::new();
        self.read(|c| {
            for &f in &inboxes {
                for conv in page_in(c, f, &inboxes, page)? {
                    heap.push(ByCursor(conv));
                }
            }
            Ok(())
        })?;
        let mut out = Vec::with_capacity(page.limit);
        while out.len() < page.limit {
            match heap.pop() {
                Some(ByCursor(conv)) => out.push(conv),
                None => break,
            }
        }
        Ok(out)
    }

    /// How many conversations the Inboxes have together.
    pub fn count_unified_conversations(&self) -> Result<u64> {
        let inboxes = self.inboxes()?;
        self.read(|c| count_in(c, &inboxes))
    }

    fn inboxes(&self) -> Result<Vec<FolderId>> {
        self.read(|c| {
            let mut s = c.prepare_cached("SELECT id FROM folders WHERE role = ?1 ORDER BY id")?;
            let rows = s.query_map([Role::Inbox.as_str()], |r| r.get(0))?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }
}
