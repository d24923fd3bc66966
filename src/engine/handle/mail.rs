//! Mail for the window: folders with counts, paged lists, conversations, and the user's
//! changes (through [`crate::engine::actions`], which applies them at once and queues them).
//!
//! The store pages lists by keyset (the date and id of the last row shown), which costs the
//! same anywhere in a 100,000-message folder; the list widget asks by position. A
//! [`Ladders`] remembers where pages start as they are read, so scrolling on from a page
//! continues from its cursor, and a jump far ahead walks there once in large steps.

use std::collections::{BTreeMap, HashMap};

use super::{Engine, Failure, blocking, lock};
use crate::engine::account::Protocol;
use crate::engine::actions::{self, Mark};
use crate::engine::error::Error;
use crate::engine::store::{
    Conversation, Cursor, FolderId, MessageId, MessageSummary, Page, Role, Store, StoreError,
};

/// What the message list shows.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Source {
    /// The Inboxes of every account together.
    Unified,
    /// One folder of one account.
    Folder { account: String, folder: String },
    /// The results of a search, in the store's query language.
    Search { query: String },
}

/// A folder as the folder pane shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct FolderInfo {
    pub account: String,
    /// The full name, as the store and the server know it.
    pub name: String,
    /// The last part of the name, shown indented by `depth`.
    pub label: String,
    pub depth: usize,
    pub role: Option<Role>,
    pub total: u64,
    pub unread: u64,
}

/// One message as the list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The store's stable local id.
    pub id: i64,
    pub account: String,
    pub folder: String,
    /// The sender's display name, else the address.
    pub from: String,
    pub subject: String,
    pub date: Option<chrono::DateTime<chrono::Utc>>,
    pub seen: bool,
    pub flagged: bool,
    pub answered: bool,
    pub has_attachments: bool,
    /// The message could not be parsed: it is listed, and read as its source.
    pub unreadable: bool,
    /// The conversation this message belongs to.
    pub thread: Option<i64>,
    /// Messages in that conversation (1 when alone); per-message lists count up to
    /// [`THREAD_COUNT_CAP`].
    pub thread_size: u32,
    /// Unread messages of the conversation other than this one: a conversation line is
    /// shown unread while any of its messages is. Always 0 on per-message lines.
    pub others_unread: u32,
}

/// Conversations are counted up to this many messages.
pub const THREAD_COUNT_CAP: usize = 100;

/// Rows read at once while walking to a far page.
const WALK: usize = 2000;

impl Row {
    fn from_summary(m: &MessageSummary, thread_size: u32) -> Self {
        Self::in_conversation(m, thread_size, 0)
    }

    fn in_conversation(m: &MessageSummary, thread_size: u32, others_unread: u32) -> Self {
        use crate::engine::store::Flags;
        Self {
            id: m.id.0,
            account: m.account.clone(),
            folder: m.folder.clone(),
            from: m.from.display().to_owned(),
            subject: m.subject.clone(),
            date: chrono::DateTime::from_timestamp(m.date, 0),
            seen: m.flags.contains(Flags::SEEN),
            flagged: m.flags.contains(Flags::FLAGGED),
            answered: m.flags.contains(Flags::ANSWERED),
            has_attachments: m.has_attachments,
            unreadable: m.unreadable,
            thread: Some(m.thread),
            thread_size,
            others_unread,
        }
    }
}

/// Where each list's pages start: position → the cursor to continue after.
#[derive(Debug, Default)]
pub struct Ladders {
    by_source: HashMap<Source, BTreeMap<usize, Cursor>>,
}

impl Ladders {
    /// The known start closest before `offset`: (position, cursor to read after).
    fn nearest(&self, source: &Source, offset: usize) -> (usize, Option<Cursor>) {
        self.by_source
            .get(source)
            .and_then(|l| l.range(..=offset).next_back())
            .map_or((0, None), |(p, c)| (*p, Some(*c)))
    }

    fn learn(&mut self, source: &Source, position: usize, cursor: Cursor) {
        self.by_source
            .entry(source.clone())
            .or_default()
            .insert(position, cursor);
    }

    fn forget(&mut self, source: &Source) {
        self.by_source.remove(source);
    }
}

/// The order of the folder pane: Inbox, the other special folders, then the rest by name
/// (so sub-folders follow their parent).
fn pane_order(role: Option<Role>) -> u8 {
    match role {
        Some(Role::Inbox) => 0,
        Some(Role::Drafts) => 1,
        Some(Role::Sent) => 2,
        Some(Role::Archive) => 3,
        Some(Role::Junk) => 4,
        Some(Role::Trash) => 5,
        None => 6,
    }
}

/// One line of a list as read from the store: a conversation (with its message count and
/// unread messages), or a single message (search results).
struct Listed {
    summary: MessageSummary,
    conversation: Option<(u64, u64)>,
}

impl Listed {
    fn cursor(&self) -> Cursor {
        self.summary.cursor()
    }
}

impl From<Conversation> for Listed {
    fn from(c: Conversation) -> Self {
        Self {
            summary: c.latest,
            conversation: Some((c.messages, c.unread)),
        }
    }
}

/// Reads one page of a list after `after`. Folders and the unified Inbox list
/// conversations; search results stay one line per message.
fn fetch(
    store: &Store,
    source: &Source,
    after: Option<Cursor>,
    limit: usize,
) -> Result<Vec<Listed>, Error> {
    let page = Page { limit, after };
    let conversations = match source {
        Source::Unified => store.list_unified_conversations(&page)?,
        Source::Folder { account, folder } => {
            let folder = folder_id(store, account, folder)?;
            store.list_conversations(folder, &page)?
        }
        Source::Search { query } => {
            let found = store.search(query, None, &page)?;
            return Ok(found
                .into_iter()
                .map(|summary| Listed {
                    summary,
                    conversation: None,
                })
                .collect());
        }
    };
    Ok(conversations.into_iter().map(Listed::from).collect())
}

fn folder_id(store: &Store, account: &str, folder: &str) -> Result<FolderId, Error> {
    let account = store.account_id(account)?;
    Ok(actions::folder_named(store, account, folder)?)
}

impl Engine {
    /// Every account's folders with their counts, in the order the folder pane shows them.
    pub async fn folders(self) -> Result<Vec<FolderInfo>, Failure> {
        blocking(move || {
            let store = &self.inner.store;
            let mut all = Vec::new();
            for account in self.accounts() {
                let id = match store.account_id(&account.name) {
                    Ok(id) => id,
                    Err(StoreError::NoAccount(_)) => continue,
                    Err(e) => return Err(e.into()),
                };
                let mut folders: Vec<FolderInfo> = store
                    .folders(id)?
                    .into_iter()
                    .map(|(f, counts)| {
                        let parts: Vec<&str> = match f.delimiter.as_deref() {
                            Some(d) if !d.is_empty() => f.name.split(d).collect(),
                            _ => vec![f.name.as_str()],
                        };
                        FolderInfo {
                            account: account.name.clone(),
                            label: parts.last().copied().unwrap_or_default().to_owned(),
                            depth: parts.len().saturating_sub(1),
                            name: f.name.clone(),
                            role: f.role,
                            total: counts.total,
                            unread: counts.unread,
                        }
                    })
                    .collect();
                folders.sort_by(|a, b| {
                    (pane_order(a.role), &a.name).cmp(&(pane_order(b.role), &b.name))
                });
                all.extend(folders);
            }
            Ok(all)
        })
        .await
    }

    /// How many rows a list has (conversations, or messages found by a search). Counting starts the list afresh: what was learnt about
    /// where its pages start is forgotten, since the store may have changed.
    pub async fn count(self, source: Source) -> Result<usize, Failure> {
        lock(&self.inner.ladders).forget(&source);
        blocking(move || {
            let store = &self.inner.store;
            match &source {
                Source::Folder { account, folder } => {
                    let id = folder_id(store, account, folder)?;
                    Ok(store.count_conversations(id)? as usize)
                }
                Source::Unified => Ok(store.count_unified_conversations()? as usize),
                // The store does not count search results: read them through once, and
                // keep where each step ended for the pages.
                Source::Search { .. } => {
                    let mut total = 0;
                    let mut after = None;
                    loop {
                        let rows = fetch(store, &source, after, WALK)?;
                        let Some(last) = rows.last() else { break };
                        total += rows.len();
                        after = Some(last.cursor());
                        lock(&self.inner.ladders).learn(&source, total, last.cursor());
                        if rows.len() < WALK {
                            break;
                        }
                    }
                    Ok(total)
                }
            }
        })
        .await
    }

    /// Rows `offset..offset + limit` of a list, newest first.
    pub async fn page(
        self,
        source: Source,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<Row>, Failure> {
        blocking(move || {
            let store = &self.inner.store;
            let (mut position, mut after) = lock(&self.inner.ladders).nearest(&source, offset);
            while position < offset {
                let rows = fetch(store, &source, after, (offset - position).min(WALK))?;
                let Some(last) = rows.last() else {
                    return Ok(Vec::new());
                };
                position += rows.len();
                after = Some(last.cursor());
                lock(&self.inner.ladders).learn(&source, position, last.cursor());
            }
            let rows = fetch(store, &source, after, limit)?;
            if let Some(last) = rows.last() {
                lock(&self.inner.ladders).learn(&source, offset + rows.len(), last.cursor());
            }
            let mut sizes: HashMap<i64, u32> = HashMap::new();
            let mut out = Vec::with_capacity(rows.len());
            for listed in &rows {
                let m = &listed.summary;
                if let Some((messages, unread)) = listed.conversation {
                    let own = u64::from(m.is_unread());
                    let others = unread.saturating_sub(own);
                    out.push(Row::in_conversation(m, messages as u32, others as u32));
                    continue;
                }
                let size = match sizes.get(&m.thread) {
                    Some(n) => *n,
                    None => {
                        let n = store
                            .list_thread(m.thread, &Page::first(THREAD_COUNT_CAP))?
                            .len()
                            .max(1) as u32;
                        sizes.insert(m.thread, n);
                        n
                    }
                };
                out.push(Row::from_summary(m, size));
            }
            Ok(out)
        })
        .await
    }

    /// The messages of a conversation, newest first, across folders.
    pub async fn thread(self, thread: i64) -> Result<Vec<Row>, Failure> {
        blocking(move || {
            let rows = self
                .inner
                .store
                .list_thread(thread, &Page::first(THREAD_COUNT_CAP))?;
            let size = rows.len() as u32;
            Ok(rows.iter().map(|m| Row::from_summary(m, size)).collect())
        })
        .await
    }

    /// Applies a change to one message now (offline too) and queues it for the server.
    async fn act(
        &self,
        id: i64,
        change: impl FnOnce(&Store, MessageId) -> Result<(), Error> + Send + 'static,
    ) -> Result<(), Failure> {
        let engine = self.clone();
        let account = blocking(move || {
            let store = &engine.inner.store;
            let account = store.summary(MessageId(id))?.account;
            change(store, MessageId(id))?;
            Ok(account)
        })
        .await?;
        self.changed(&account);
        Ok(())
    }

    pub async fn set_seen(self, id: i64, seen: bool) -> Result<(), Failure> {
        let mark = if seen { Mark::Read } else { Mark::Unread };
        self.act(id, move |s, m| Ok(actions::mark(s, &[m], mark)?))
            .await
    }

    pub async fn set_flagged(self, id: i64, flagged: bool) -> Result<(), Failure> {
        let mark = if flagged {
            Mark::Flagged
        } else {
            Mark::Unflagged
        };
        self.act(id, move |s, m| Ok(actions::mark(s, &[m], mark)?))
            .await
    }

    /// Moves a message to its account's Trash (or deletes it for good there).
    pub async fn delete(self, id: i64) -> Result<(), Failure> {
        self.act(id, |s, m| Ok(actions::delete(s, &[m])?)).await
    }

    /// Moves a message to its account's Archive folder, made when there is none yet.
    pub async fn archive(self, id: i64) -> Result<(), Failure> {
        let engine = self.clone();
        self.act(id, move |s, m| {
            let name = s.summary(m)?.account;
            let account = engine
                .account(&name)
                .ok_or(crate::engine::account::AccountError::NotFound(name))?;
            let folder =
                crate::engine::smtp::outbox::role_folder(s, &account, Role::Archive, "Archive")?;
            actions::move_to(s, &[m], folder)?;
            Ok(())
        })
        .await
    }

    /// Moves a message to another folder of its account.
    pub async fn move_to(self, id: i64, folder: String) -> Result<(), Failure> {
        self.act(id, move |s, m| {
            let account = s.account_id(&s.summary(m)?.account)?;
            let target = actions::folder_named(s, account, &folder)?;
            actions::move_to(s, &[m], target)?;
            Ok(())
        })
        .await
    }

    /// Local changes that wait for the server, over all accounts.
    pub async fn queued_changes(self) -> Result<u64, Failure> {
        blocking(move || {
            let store = &self.inner.store;
            let mut n = 0;
            for (id, _, protocol) in store.accounts()? {
                if protocol == Protocol::Imap {
                    n += store.pending_changes(id)?.len() as u64;
                }
            }
            Ok(n)
        })
        .await
    }

    /// Messages waiting in the outbox.
    pub async fn outbox_waiting(self) -> Result<u64, Failure> {
        blocking(move || Ok(self.inner.store.outbox_list()?.len() as u64)).await
    }

    /// Forgets what was learnt about the lists (an account went away).
    pub(super) fn clear_caches(&self) {
        *lock(&self.inner.ladders) = Ladders::default();
        *lock(&self.inner.addresses) = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ladder_finds_the_nearest_known_start() {
        let mut l = Ladders::default();
        let s = Source::Unified;
        assert_eq!(l.nearest(&s, 500), (0, None));
        let c = |id| Cursor {
            date: 10,
            id: MessageId(id),
        };
        l.learn(&s, 100, c(1));
        l.learn(&s, 300, c(3));
        assert_eq!(l.nearest(&s, 250), (100, Some(c(1))));
        assert_eq!(l.nearest(&s, 300), (300, Some(c(3))));
        assert_eq!(l.nearest(&s, 5000), (300, Some(c(3))));
        l.forget(&s);
        assert_eq!(l.nearest(&s, 5000), (0, None));
    }
}
