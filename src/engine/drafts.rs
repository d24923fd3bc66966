//! Drafts: what the user is writing, kept safe while they write it.
//!
//! The composer calls [`Drafts::save`] every few seconds and on every pause; each save is
//! durable (temporary file, fsync, rename, directory fsync), so a crash loses at most the
//! last few seconds of typing. [`Drafts::list`] finds them again after a restart.
//!
//! Layout: `<profile data>/drafts/<id>/draft.json` holds the fields; each attachment is a
//! file of its own in the same directory, named by the SHA-256 of its bytes, written once
//! when it is added, so a save every few seconds never rewrites a large attachment.
//!
//! Besides the local files, a draft has a copy in the account's Drafts folder:
//! [`Drafts::save_to_folder`] (call it when the user pauses, closes the composer or saves
//! explicitly — not every few seconds) stores the current state there and removes the
//! previous copy. For IMAP the store queues both as an APPEND and an EXPUNGE that the IMAP
//! replay performs when online; for POP3 the Drafts folder is local. [`Drafts::send`] puts
//! the message in the outbox (durably, first) and then removes the draft, its Drafts copy
//! included: once the outbox holds the message, the draft has done its job.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::engine::Profile;
use crate::engine::account::Account;
use crate::engine::compose::{self, Outgoing};
use crate::engine::error::{Error, Localized};
use crate::engine::smtp::Outbox;
use crate::engine::smtp::outbox::role_folder;
use crate::engine::store::{Flags, MessageId, OutboxId, RawMessage, Role, Store};
use crate::tr;

const FILE: &str = "draft.json";

#[derive(Debug, thiserror::Error)]
pub enum DraftError {
    #[error("the draft {path} could not be saved or read: {reason}")]
    Io { path: PathBuf, reason: String },
    #[error("the draft {path} is damaged: {reason}")]
    Damaged { path: PathBuf, reason: String },
    #[error("there is no draft {0}")]
    NotFound(String),
    #[error("{0:?} is not a draft id")]
    BadId(String),
}

impl Localized for DraftError {
    fn localized(&self) -> String {
        match self {
            DraftError::Io { path, reason } => tr!(
                "error-draft-io",
                path = path.display().to_string(),
                reason = reason.as_str()
            ),
            DraftError::Damaged { path, reason } => tr!(
                "error-draft-damaged",
                path = path.display().to_string(),
                reason = reason.as_str()
            ),
            DraftError::NotFound(id) => tr!("error-draft-not-found", id = id.as_str()),
            DraftError::BadId(id) => tr!("error-draft-bad-id", id = id.as_str()),
        }
    }
}

/// A draft's name: 32 hex digits, so it is always a safe directory name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DraftId(String);

impl DraftId {
    pub fn new() -> Self {
        let random: u128 = rand::random();
        Self(format!("{random:032x}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for DraftId {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Display for DraftId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for DraftId {
    type Error = DraftError;
    fn try_from(value: String) -> Result<Self, DraftError> {
        let ok = value.len() == 32 && value.bytes().all(|b| b.is_ascii_hexdigit());
        if ok {
            Ok(Self(value.to_ascii_lowercase()))
        } else {
            Err(DraftError::BadId(value))
        }
    }
}

impl std::str::FromStr for DraftId {
    type Err = DraftError;
    fn from_str(s: &str) -> Result<Self, DraftError> {
        Self::try_from(s.to_owned())
    }
}

impl From<DraftId> for String {
    fn from(id: DraftId) -> String {
        id.0
    }
}

/// A saved draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub id: DraftId,
    /// The account it is written from.
    pub account: String,
    /// The fields; attachments come back with their bytes from [`Drafts::load`].
    pub message: Outgoing,
    /// When it was last saved, seconds since the Unix epoch.
    pub saved: i64,
    /// The store's id of the copy in the account's Drafts folder, once one was made.
    #[serde(default)]
    pub folder_copy: Option<i64>,
    /// The SHA-256 of each attachment's bytes, in order: the names of their files.
    #[serde(default)]
    attachment_files: Vec<String>,
}

/// What a list of drafts shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DraftSummary {
    pub id: DraftId,
    pub account: String,
    pub subject: String,
    pub saved: i64,
}

/// The drafts of a profile.
#[derive(Debug, Clone)]
pub struct Drafts {
    dir: PathBuf,
}

impl Drafts {
    pub fn new(profile: &Profile) -> Self {
        Self::at(profile.data.join("drafts"))
    }

    /// Drafts kept under `dir` (tests).
    pub fn at(dir: PathBuf) -> Self {
        Self { dir }
    }

    fn draft_dir(&self, id: &DraftId) -> PathBuf {
        self.dir.join(id.as_str())
    }

    /// Saves the draft durably, replacing its previous save. Attachments already on disk
    /// are not written again; those no longer attached are removed.
    pub fn save(
        &self,
        id: &DraftId,
        account: &str,
        message: &Outgoing,
    ) -> Result<Draft, DraftError> {
        let dir = self.draft_dir(id);
        let io = |path: &Path, e: std::io::Error| DraftError::Io {
            path: path.to_path_buf(),
            reason: e.to_string(),
        };
        std::fs::create_dir_all(&dir).map_err(|e| io(&dir, e))?;
        let previous = self.read_meta(id).ok();
        let mut files = Vec::with_capacity(message.attachments.len());
        for attachment in &message.attachments {
            let name = hex::encode(Sha256::digest(&attachment.data));
            let path = dir.join(&name);
            if !path.exists() {
                write_durably(&path, &attachment.data).map_err(|e| io(&path, e))?;
            }
            files.push(name);
        }
        let draft = Draft {
            id: id.clone(),
            account: account.to_owned(),
            message: message.clone(),
            saved: chrono::Utc::now().timestamp(),
            folder_copy: previous.and_then(|p| p.folder_copy),
            attachment_files: files,
        };
        self.write_meta(&draft)?;
        self.remove_unreferenced(&dir, &draft.attachment_files);
        Ok(draft)
    }

    /// Records where the draft's Drafts-folder copy is now.
    pub fn set_folder_copy(&self, id: &DraftId, copy: Option<i64>) -> Result<(), DraftError> {
        let mut draft = self.read_meta(id)?;
        draft.folder_copy = copy;
        self.write_meta(&draft)
    }

    /// A draft with its attachments' bytes.
    pub fn load(&self, id: &DraftId) -> Result<Draft, DraftError> {
        let mut draft = self.read_meta(id)?;
        let dir = self.draft_dir(id);
        if draft.attachment_files.len() != draft.message.attachments.len() {
            return Err(DraftError::Damaged {
                path: dir.join(FILE),
                reason: "attachment list does not match".into(),
            });
        }
        for (attachment, file) in draft
            .message
            .attachments
            .iter_mut()
            .zip(&draft.attachment_files)
        {
            let path = dir.join(file);
            attachment.data = std::fs::read(&path).map_err(|e| DraftError::Io {
                path: path.clone(),
                reason: e.to_string(),
            })?;
        }
        Ok(draft)
    }

    /// Every saved draft, newest first. A damaged draft is listed with what could be read
    /// of it rather than hidden: it may hold text the user still wants.
    pub fn list(&self) -> Result<Vec<DraftSummary>, DraftError> {
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => {
                return Err(DraftError::Io {
                    path: self.dir.clone(),
                    reason: e.to_string(),
                });
            }
        };
        let mut list = Vec::new();
        for entry in entries.flatten() {
            let Some(id) = entry
                .file_name()
                .to_str()
                .and_then(|n| n.parse::<DraftId>().ok())
            else {
                continue;
            };
            match self.read_meta(&id) {
                Ok(d) => list.push(DraftSummary {
                    id,
                    account: d.account,
                    subject: d.message.subject,
                    saved: d.saved,
                }),
                Err(DraftError::NotFound(_)) => {}
                Err(e) => {
                    tracing::warn!(error = %e, "a draft could not be read");
                    list.push(DraftSummary {
                        id,
                        account: String::new(),
                        subject: String::new(),
                        saved: 0,
                    });
                }
            }
        }
        list.sort_by_key(|d| std::cmp::Reverse(d.saved));
        Ok(list)
    }

    /// Deletes a draft and its attachments (after it was sent or discarded).
    pub fn remove(&self, id: &DraftId) -> Result<(), DraftError> {
        let dir = self.draft_dir(id);
        match std::fs::remove_dir_all(&dir) {
            Ok(()) => {
                sync_dir(&self.dir);
                Ok(())
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(DraftError::Io {
                path: dir,
                reason: e.to_string(),
            }),
        }
    }

    /// Stores the saved draft in the account's Drafts folder and removes its previous copy
    /// there (new copy first, so a crash in between leaves two copies, never none).
    /// Synchronous: the store works on the disk; call it off the UI thread.
    pub fn save_to_folder(
        &self,
        store: &Store,
        account: &Account,
        id: &DraftId,
    ) -> Result<MessageId, Error> {
        let draft = self.load(id)?;
        let raw = compose::build_draft(&draft.message)?;
        let folder = role_folder(store, account, Role::Drafts, "Drafts")?;
        let copy = store.append_message(
            folder,
            RawMessage::Bytes(raw),
            Flags::SEEN.with(Flags::DRAFT),
        )?;
        self.set_folder_copy(id, Some(copy.0))?;
        if let Some(old) = draft.folder_copy.filter(|old| *old != copy.0) {
            remove_copy(store, old);
        }
        Ok(copy)
    }

    /// Sends a saved draft: builds the message, queues it in the outbox (durably), then
    /// removes the draft and its Drafts-folder copy. An error means nothing was queued and
    /// the draft is untouched.
    pub async fn send(
        &self,
        outbox: &Outbox,
        account: &Account,
        id: &DraftId,
    ) -> Result<OutboxId, Error> {
        let draft = self.load(id)?;
        let built = compose::build(&draft.message)?;
        let queued = outbox.queue(account, &built).await?;
        // From here on the message is safe in the outbox: cleaning up may fail without
        // the send failing, or the user would send it twice.
        if let Some(copy) = draft.folder_copy {
            let store = outbox.store().clone();
            let _ = tokio::task::spawn_blocking(move || remove_copy(&store, copy)).await;
        }
        if let Err(e) = self.remove(id) {
            tracing::warn!(error = %e, draft = %id, "a sent draft could not be removed");
        }
        Ok(queued)
    }

    fn read_meta(&self, id: &DraftId) -> Result<Draft, DraftError> {
        let path = self.draft_dir(id).join(FILE);
        let text = match std::fs::read(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(DraftError::NotFound(id.to_string()));
            }
            Err(e) => {
                return Err(DraftError::Io {
                    path,
                    reason: e.to_string(),
                });
            }
        };
        serde_json::from_slice(&text).map_err(|e| DraftError::Damaged {
            path,
            reason: e.to_string(),
        })
    }

    fn write_meta(&self, draft: &Draft) -> Result<(), DraftError> {
        let path = self.draft_dir(&draft.id).join(FILE);
        let bytes = serde_json::to_vec_pretty(draft).map_err(|e| DraftError::Io {
            path: path.clone(),
            reason: e.to_string(),
        })?;
        write_durably(&path, &bytes).map_err(|e| DraftError::Io {
            path,
            reason: e.to_string(),
        })
    }

    fn remove_unreferenced(&self, dir: &Path, keep: &[String]) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_attachment = name.len() == 64 && name.bytes().all(|b| b.is_ascii_hexdigit());
            if is_attachment && !keep.contains(&name) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// Deletes an outdated Drafts-folder copy (for IMAP, a queued EXPUNGE). One that is gone
/// already is fine; any other failure leaves an extra copy, which is only logged.
fn remove_copy(store: &Store, copy: i64) {
    if let Err(e) = store.delete_permanently(&[MessageId(copy)]) {
        tracing::warn!(error = %e, message = copy, "an old draft copy could not be removed");
    }
}

/// Temporary file, fsync, rename over the old one, fsync the directory: after a crash the
/// file is either the old or the new content, never a mix.
/// A failed write removes its temporary file: on a full disk a partial copy would hold on
/// to the last free space for nothing.
fn write_durably(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp");
    let written = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written?;
    if let Some(dir) = path.parent() {
        sync_dir(dir);
    }
    Ok(())
}

fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::compose::{Attachment, Person};

    fn message(subject: &str) -> Outgoing {
        Outgoing {
            from: Some(Person::new("Anna", "anna@example.test")),
            to: vec!["half typed".into()],
            subject: subject.into(),
            text: "Dear Bob,\n\nI was about to".into(),
            attachments: vec![Attachment {
                name: "big.bin".into(),
                content_type: None,
                data: vec![7u8; 100_000],
            }],
            ..Outgoing::default()
        }
    }

    #[test]
    fn a_draft_comes_back_as_it_was_saved() {
        let dir = tempfile::tempdir().unwrap();
        let drafts = Drafts::at(dir.path().join("drafts"));
        let id = DraftId::new();
        drafts.save(&id, "work", &message("first")).unwrap();
        let later = drafts.save(&id, "work", &message("second")).unwrap();
        let loaded = drafts.load(&id).unwrap();
        assert_eq!(loaded.message, message("second"));
        assert_eq!(loaded.saved, later.saved);
        let list = drafts.list().unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].subject, "second");
        assert_eq!(list[0].account, "work");
    }

    #[test]
    fn attachments_are_written_once_and_removed_when_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let drafts = Drafts::at(dir.path().to_path_buf());
        let id = DraftId::new();
        let mut m = message("x");
        drafts.save(&id, "work", &m).unwrap();
        let files = |d: &Path| std::fs::read_dir(d).unwrap().count();
        assert_eq!(files(&dir.path().join(id.as_str())), 2);
        m.attachments.clear();
        drafts.save(&id, "work", &m).unwrap();
        assert_eq!(files(&dir.path().join(id.as_str())), 1);
        assert_eq!(drafts.load(&id).unwrap().message.attachments.len(), 0);
    }

    #[test]
    fn removal_and_bad_ids() {
        let dir = tempfile::tempdir().unwrap();
        let drafts = Drafts::at(dir.path().to_path_buf());
        let id = DraftId::new();
        drafts.save(&id, "work", &message("x")).unwrap();
        drafts.remove(&id).unwrap();
        assert!(matches!(drafts.load(&id), Err(DraftError::NotFound(_))));
        assert!(drafts.list().unwrap().is_empty());
        assert!("../../etc".parse::<DraftId>().is_err());
        drafts.remove(&id).unwrap();
    }

    #[test]
    fn a_damaged_draft_is_listed_not_hidden() {
        let dir = tempfile::tempdir().unwrap();
        let drafts = Drafts::at(dir.path().to_path_buf());
        let id = DraftId::new();
        std::fs::create_dir_all(dir.path().join(id.as_str())).unwrap();
        std::fs::write(dir.path().join(id.as_str()).join(FILE), b"{ not json").unwrap();
        assert_eq!(drafts.list().unwrap().len(), 1);
        assert!(matches!(drafts.load(&id), Err(DraftError::Damaged { .. })));
    }
}
