//! Messages coming in: whole messages in batches, header-only rows, bodies attached later.
//!
//! Every call here is one group commit: the files of the whole batch are made durable first
//! (see `files`), then one transaction adds all rows. When the call returns `Ok`, each
//! message is stored; when it returns `Err`, none of the batch is.

use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use rusqlite::{Connection, OptionalExtension, params};

use super::envelope::Envelope;
use super::files::{FileIdentity, FileJob, FileName, FileSource, Staged, parallel};
use super::flags::{Flags, join_keywords};
use super::folders::{Folder, load_folder};
use super::search::search_key;
use super::{AccountId, FolderId, MessageId, Result, Store, now, threads};

/// How much of a streamed message is read to index it. A bigger message (POP3 may bring
/// 50 MB) is indexed from its beginning: headers, text and the attachments within the first
/// megabytes; its file is kept whole and complete.
const INDEX_PREFIX: u64 = 8 * 1024 * 1024;

/// How the server knows a message.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Remote {
    /// IMAP: its UID in the folder (valid under the folder's current UIDVALIDITY).
    Imap { uid: u32 },
    /// POP3: its UIDL.
    Pop3 { uidl: String },
    /// Only here (a draft, a Sent copy waiting to be appended, a POP3 local folder).
    Local,
}

/// The raw RFC 5322 bytes of a message.
#[derive(Debug)]
pub enum RawMessage {
    Bytes(Vec<u8>),
    /// Streamed to disk with [`Store::stage`].
    Staged(Staged),
}

impl RawMessage {
    fn size(&self) -> u64 {
        match self {
            RawMessage::Bytes(b) => b.len() as u64,
            RawMessage::Staged(s) => s.size(),
        }
    }
}

/// A whole message to store.
#[derive(Debug)]
pub struct NewMessage {
    pub remote: Remote,
    pub flags: Flags,
    pub keywords: Vec<String>,
    pub raw: RawMessage,
    /// IMAP INTERNALDATE, or when POP3 downloaded it (seconds since the epoch). The list is
    /// sorted by the Date header; this is used when the header is missing or unreadable.
    pub received: Option<i64>,
}

impl NewMessage {
    pub fn new(remote: Remote, raw: RawMessage) -> Self {
        Self {
            remote,
            flags: Flags::empty(),
            keywords: Vec::new(),
            raw,
            received: None,
        }
    }

    #[must_use]
    pub fn flags(mut self, flags: Flags) -> Self {
        self.flags = flags;
        self
    }
}

/// Only the header section of an IMAP message (`BODY.PEEK[HEADER]`), with what FETCH told.
#[derive(Debug, Clone)]
pub struct NewHeaders {
    pub uid: u32,
    pub flags: Flags,
    pub keywords: Vec<String>,
    /// RFC822.SIZE of the whole message.
    pub size: u64,
    /// INTERNALDATE, seconds since the epoch.
    pub received: Option<i64>,
    pub headers: Vec<u8>,
}

/// What happened to one message of a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    /// Stored now.
    New(MessageId),
    /// It was stored before (same UID in the folder, or same UIDL in the account); nothing
    /// was added. A header-only row got this body.
    Existing(MessageId),
    /// POP3: this UIDL was downloaded before and the user has deleted the message since.
    Skipped,
}

impl Stored {
    pub fn id(self) -> Option<MessageId> {
        match self {
            Stored::New(id) | Stored::Existing(id) => Some(id),
            Stored::Skipped => None,
        }
    }
}

/// Where a message already is, if anywhere.
enum Known {
    No,
    Row {
        id: MessageId,
        has_body: bool,
    },
    /// A POP3 UIDL downloaded before whose message is gone.
    Forgotten,
}

fn known(conn: &Connection, folder: &Folder, remote: &Remote) -> Result<Known> {
    let row: Option<(MessageId, i64)> = match remote {
        Remote::Imap { uid } => conn
            .prepare_cached("SELECT id, body FROM messages WHERE folder_id = ?1 AND uid = ?2")?
            .query_row(params![folder.id, uid], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?,
        Remote::Pop3 { uidl } => {
            let row = conn
                .prepare_cached(
                    "SELECT id, body FROM messages WHERE account_id = ?1 AND uidl = ?2 LIMIT 1",
                )?
                .query_row(params![folder.account_id, uidl], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?;
            if row.is_none() {
                let seen: bool = conn
                    .prepare_cached(
                        "SELECT EXISTS (SELECT 1 FROM pop3_uidls WHERE account_id = ?1 AND uidl = ?2)",
                    )?
                    .query_row(params![folder.account_id, uidl], |r| r.get(0))?;
                if seen {
                    return Ok(Known::Forgotten);
                }
            }
            row
        }
        Remote::Local => None,
    };
    Ok(match row {
        Some((id, body)) => Known::Row {
            id,
            has_body: body == 1,
        },
        None => Known::No,
    })
}

/// The indexed fields of a row about to be written.
pub(crate) struct RowData<'a> {
    pub account_id: AccountId,
    pub folder_id: FolderId,
    pub remote: &'a Remote,
    pub flags: Flags,
    pub keywords: &'a [String],
    pub env: &'a Envelope,
    pub file: Option<&'a str>,
    pub size: u64,
    pub received: i64,
}

/// Adds one message row with its search entry and thread; returns its id.
pub(crate) fn insert_row(conn: &Connection, d: &RowData<'_>) -> Result<MessageId> {
    let (uid, uidl) = match d.remote {
        Remote::Imap { uid } => (Some(*uid), None),
        Remote::Pop3 { uidl } => (None, Some(uidl.as_str())),
        Remote::Local => (None, None),
    };
    let env = d.env;
    let body = if d.file.is_some() { 1 } else { 0 };
    conn.prepare_cached(
        "INSERT INTO messages (account_id, folder_id, uid, uidl, flags, keywords, message_id,
             in_reply_to, refs, date, received, from_name, from_addr, to_list, cc_list, subject,
             base_subject, is_reply, size, has_attachments, preview, body, unreadable, file)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
             ?18, ?19, ?20, ?21, ?22, ?23, ?24)",
    )?
    .execute(params![
        d.account_id,
        d.folder_id,
        uid,
        uidl,
        d.flags.bits(),
        join_keywords(d.keywords),
        env.message_id,
        env.in_reply_to,
        env.references.join(" "),
        env.date.unwrap_or(d.received),
        d.received,
        env.from.name,
        env.from.address,
        addresses_json(&env.to),
        addresses_json(&env.cc),
        env.subject,
        env.base_subject,
        env.is_reply,
        d.size as i64,
        env.has_attachments,
        env.preview,
        body,
        env.unreadable,
        d.file,
    ])?;
    let id = MessageId(conn.last_insert_rowid());
    index_text(conn, id, env.date.unwrap_or(d.received), env)?;
    threads::assign(conn, id, d.account_id, env)?;
    if let Some(uidl) = uidl {
        conn.prepare_cached(
            "INSERT OR IGNORE INTO pop3_uidls (account_id, uidl, downloaded) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![d.account_id, uidl, d.received])?;
    }
    Ok(id)
}

fn addresses_json(list: &[crate::engine::message::Address]) -> String {
    serde_json::to_string(list).unwrap_or_else(|_| "[]".to_owned())
}

fn address_text(list: &[crate::engine::message::Address]) -> String {
    let mut out = String::new();
    for a in list {
        out.push_str(&a.name);
        out.push(' ');
        out.push_str(&a.address);
        out.push(' ');
    }
    out
}

/// (Re)writes a message's search entry; `date` is the row's date (part of the key).
pub(crate) fn index_text(
    conn: &Connection,
    id: MessageId,
    date: i64,
    env: &Envelope,
) -> Result<()> {
    let key = search_key(date, id.0);
    conn.prepare_cached("DELETE FROM search WHERE rowid = ?1")?
        .execute([key])?;
    conn.prepare_cached(
        "INSERT INTO search (rowid, subject, sender, recipient, cc, body, attachments)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        key,
        env.subject,
        address_text(std::slice::from_ref(&env.from)),
        address_text(&env.to),
        address_text(&env.cc),
        env.text,
        env.attachment_names.join(" "),
    ])?;
    Ok(())
}

/// Reads what is needed to index a message from its bytes or its staged file.
fn parse_source(source: &FileSource) -> Envelope {
    match source {
        FileSource::Bytes(b) => Envelope::parse(b, false),
        FileSource::Staged(path) => parse_file(path, false),
    }
}

pub(crate) fn parse_file(path: &Path, headers_only: bool) -> Envelope {
    match read_prefix(path, INDEX_PREFIX) {
        Ok(bytes) => Envelope::parse(&bytes, headers_only),
        Err(e) => {
            tracing::warn!(path = %path.display(), error = %e, "could not read a message to index it");
            Envelope {
                unreadable: true,
                ..Envelope::default()
            }
        }
    }
}

fn read_prefix(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(limit)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn cpu_threads() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

fn file_identity(folder: &Folder, remote: &Remote) -> FileIdentity {
    match remote {
        Remote::Imap { uid } => FileIdentity::Imap {
            uidvalidity: folder.sync.uidvalidity.unwrap_or(0),
            uid: *uid,
        },
        Remote::Pop3 { uidl } => FileIdentity::Pop3 { uidl: uidl.clone() },
        Remote::Local => FileIdentity::Local,
    }
}

/// A message of a batch on its way in.
struct Pending {
    index: usize,
    remote: Remote,
    flags: Flags,
    keywords: Vec<String>,
    received: i64,
    size: u64,
    rel: String,
    env: Envelope,
}

impl Store {
    /// Stores whole messages in `folder` with one group commit. Returns, per message and in
    /// order, whether it is new, was stored already, or was skipped (see [`Stored`]).
    pub fn store_messages(
        &self,
        folder: FolderId,
        messages: Vec<NewMessage>,
    ) -> Result<Vec<Stored>> {
        self.store_with(folder, messages, |_, _| Ok(()))
    }

    /// [`store_messages`](Self::store_messages), running `also` in the same transaction
    /// with the results (to queue a change that refers to the new rows).
    pub(crate) fn store_with(
        &self,
        folder: FolderId,
        messages: Vec<NewMessage>,
        also: impl FnOnce(&Connection, &[Stored]) -> Result<()>,
    ) -> Result<Vec<Stored>> {
        if messages.is_empty() {
            return Ok(Vec::new());
        }
        let folder = self.read(|c| load_folder(c, folder))?;
        let mut results = vec![Stored::Skipped; messages.len()];
        let mut todo = Vec::new();
        self.read(|c| {
            for (i, m) in messages.into_iter().enumerate() {
                match known(c, &folder, &m.remote)? {
                    Known::Row { id, has_body: true } => results[i] = Stored::Existing(id),
                    Known::Forgotten => results[i] = Stored::Skipped,
                    Known::Row {
                        has_body: false, ..
                    }
                    | Known::No => todo.push((i, m)),
                }
            }
            Ok(())
        })?;
        if todo.is_empty() {
            self.write(|tx| also(tx, &results))?;
            return Ok(results);
        }
        let stamp = now();
        let mut jobs = Vec::with_capacity(todo.len());
        let mut pending = Vec::with_capacity(todo.len());
        for (index, m) in todo {
            let rel = self.files().new_rel(&FileName {
                account_id: folder.account_id.0,
                folder_id: folder.id.0,
                identity: file_identity(&folder, &m.remote),
            });
            let size = m.raw.size();
            let source = match m.raw {
                RawMessage::Bytes(b) => FileSource::Bytes(Arc::new(b)),
                RawMessage::Staged(s) => FileSource::Staged(s.take_path()),
            };
            jobs.push(FileJob {
                source,
                rel: rel.clone(),
            });
            pending.push(Pending {
                index,
                remote: m.remote,
                flags: m.flags,
                keywords: m.keywords,
                received: m.received.unwrap_or(stamp),
                size,
                rel,
                env: Envelope::default(),
            });
        }
        let envs = self.files().commit_with(jobs, parse_source)?;
        for (p, env) in pending.iter_mut().zip(envs) {
            p.env = env;
        }
        let committed = self.write(|tx| {
            let mut all = results.clone();
            for p in &pending {
                all[p.index] = self.commit_pending(tx, &folder, p)?;
            }
            also(tx, &all)?;
            Ok(all)
        });
        match committed {
            Ok(all) => Ok(all),
            Err(e) => {
                // The rows are not there, so the files are not needed; the caller retries.
                for p in &pending {
                    let _ = std::fs::remove_file(self.files().abs(&p.rel));
                }
                Err(e)
            }
        }
    }

    fn commit_pending(&self, tx: &Connection, folder: &Folder, p: &Pending) -> Result<Stored> {
        // Another writer may have stored it since we looked.
        let state = known(tx, folder, &p.remote)?;
        let attach_to = match state {
            Known::Row { id, has_body: true } => {
                doom(tx, &p.rel)?;
                return Ok(Stored::Existing(id));
            }
            Known::Forgotten => {
                doom(tx, &p.rel)?;
                return Ok(Stored::Skipped);
            }
            Known::Row {
                id,
                has_body: false,
            } => Some(id),
            Known::No => None,
        };
        if let Some(id) = attach_to {
            set_body(tx, id, &p.env, &p.rel, p.size)?;
            return Ok(Stored::Existing(id));
        }
        let id = insert_row(
            tx,
            &RowData {
                account_id: folder.account_id,
                folder_id: folder.id,
                remote: &p.remote,
                flags: p.flags,
                keywords: &p.keywords,
                env: &p.env,
                file: Some(&p.rel),
                size: p.size,
                received: p.received,
            },
        )?;
        Ok(Stored::New(id))
    }

    /// Stores header-only rows (IMAP first sync). They are listed at once; their bodies come
    /// later through [`attach_bodies`](Self::attach_bodies). A UID already stored is left
    /// as it is.
    pub fn store_headers(&self, folder: FolderId, items: Vec<NewHeaders>) -> Result<Vec<Stored>> {
        if items.is_empty() {
            return Ok(Vec::new());
        }
        let stamp = now();
        let parsed = parallel(items, cpu_threads(), |h| {
            let env = Envelope::parse(&h.headers, true);
            (h, env)
        });
        self.write(|tx| {
            let folder = load_folder(tx, folder)?;
            let mut out = Vec::with_capacity(parsed.len());
            for (h, env) in &parsed {
                let remote = Remote::Imap { uid: h.uid };
                match known(tx, &folder, &remote)? {
                    Known::Row { id, .. } => out.push(Stored::Existing(id)),
                    Known::Forgotten => out.push(Stored::Skipped),
                    Known::No => {
                        let id = insert_row(
                            tx,
                            &RowData {
                                account_id: folder.account_id,
                                folder_id: folder.id,
                                remote: &remote,
                                flags: h.flags,
                                keywords: &h.keywords,
                                env,
                                file: None,
                                size: h.size,
                                received: h.received.unwrap_or(stamp),
                            },
                        )?;
                        out.push(Stored::New(id));
                    }
                }
            }
            Ok(out)
        })
    }

    /// Gives header-only rows their bodies, with one group commit. Ids that are gone
    /// (expunged meanwhile) or already have a body are skipped.
    pub fn attach_bodies(&self, bodies: Vec<(MessageId, RawMessage)>) -> Result<()> {
        if bodies.is_empty() {
            return Ok(());
        }
        let mut todo = Vec::new();
        self.read(|c| {
            for (id, raw) in bodies {
                let row: Option<(FolderId, Option<u32>, Option<String>, i64)> = c
                    .prepare_cached(
                        "SELECT folder_id, uid, uidl, body FROM messages WHERE id = ?1",
                    )?
                    .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                    .optional()?;
                let Some((folder_id, uid, uidl, body)) = row else {
                    continue;
                };
                if body == 1 {
                    continue;
                }
                let folder = load_folder(c, folder_id)?;
                let remote = match (uid, uidl) {
                    (Some(uid), _) => Remote::Imap { uid },
                    (None, Some(uidl)) => Remote::Pop3 { uidl },
                    (None, None) => Remote::Local,
                };
                todo.push((id, folder, remote, raw));
            }
            Ok(())
        })?;
        let mut jobs = Vec::new();
        let mut rows = Vec::new();
        for (id, folder, remote, raw) in todo {
            let rel = self.files().new_rel(&FileName {
                account_id: folder.account_id.0,
                folder_id: folder.id.0,
                identity: file_identity(&folder, &remote),
            });
            let size = raw.size();
            let source = match raw {
                RawMessage::Bytes(b) => FileSource::Bytes(Arc::new(b)),
                RawMessage::Staged(s) => FileSource::Staged(s.take_path()),
            };
            jobs.push(FileJob {
                source,
                rel: rel.clone(),
            });
            rows.push((id, rel, size));
        }
        if rows.is_empty() {
            return Ok(());
        }
        let envs = self.files().commit_with(jobs, parse_source)?;
        let rows: Vec<(MessageId, Envelope, String, u64)> = rows
            .into_iter()
            .zip(envs)
            .map(|((id, rel, size), env)| (id, env, rel, size))
            .collect();
        let done = self.write(|tx| {
            for (id, env, rel, size) in &rows {
                let body: Option<i64> = tx
                    .prepare_cached("SELECT body FROM messages WHERE id = ?1")?
                    .query_row([*id], |r| r.get(0))
                    .optional()?;
                match body {
                    Some(0) | Some(2) => set_body(tx, *id, env, rel, *size)?,
                    _ => doom(tx, rel)?,
                }
            }
            Ok(())
        });
        if done.is_err() {
            for (_, _, rel, _) in &rows {
                let _ = std::fs::remove_file(self.files().abs(rel));
            }
        }
        done
    }
}

/// Marks a file written for nothing (its message was stored meanwhile) for removal.
fn doom(conn: &Connection, rel: &str) -> Result<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO doomed_files (path) VALUES (?1)")?
        .execute([rel])?;
    Ok(())
}

/// Gives a row its body: the file, and what only the whole message tells.
pub(crate) fn set_body(
    conn: &Connection,
    id: MessageId,
    env: &Envelope,
    rel: &str,
    size: u64,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE messages SET body = 1, file = ?2, size = ?3, has_attachments = ?4, preview = ?5,
             unreadable = ?6 WHERE id = ?1",
    )?
    .execute(params![
        id,
        rel,
        size as i64,
        env.has_attachments,
        env.preview,
        env.unreadable
    ])?;
    let date: i64 = conn
        .prepare_cached("SELECT date FROM messages WHERE id = ?1")?
        .query_row([id], |r| r.get(0))?;
    index_text(conn, id, date, env)?;
    Ok(())
}
