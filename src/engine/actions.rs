//! What the user does to mail — mark read or unread, flag, move, copy, delete, and folder
//! create/rename/delete — applied to the store at once and queued for the server.
//!
//! The store makes each change and its queue entry in one transaction (RFC 4549: the local
//! state is what the user sees at once, offline or not); IMAP replays the queue in order at
//! the next sync ([`crate::engine::imap::replay_account`], or `tidings sync`). POP3 accounts
//! keep their folders only here: their changes stay local, except a permanent delete, which
//! queues a POP3 delete that the POP3 client carries out when the account deletes on the
//! server what is deleted here.
//!
//! Every name is checked here, when the user types it, so that a name that could never be
//! sent to a server (CR, LF or NUL in it, empty, a level that is empty) is refused at once
//! with a clear error instead of failing later during replay.
//!
//! These calls are synchronous (the store is); async callers run them with
//! `tokio::task::spawn_blocking`.

use crate::engine::error::Localized;
use crate::engine::store::{AccountId, Flags, FolderId, MessageId, Store, StoreError};
use crate::tr;

#[derive(Debug, thiserror::Error)]
pub enum ActionError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A folder name that cannot exist on a server.
    #[error("the folder name {name:?} is not valid: {reason}")]
    BadFolderName { name: String, reason: String },
    /// The folder is not in this account.
    #[error("there is no folder {name:?} in the account")]
    NoFolder { name: String },
    /// Nothing to act on.
    #[error("no message was given")]
    NoMessages,
}

impl ActionError {
    /// Whether the user asked for something wrong (exit code 2), not a failure of the disk.
    pub fn is_usage(&self) -> bool {
        match self {
            ActionError::Store(e) => e.is_usage(),
            _ => true,
        }
    }
}

impl Localized for ActionError {
    fn localized(&self) -> String {
        match self {
            ActionError::Store(e) => e.localized(),
            ActionError::BadFolderName { name, reason } => tr!(
                "error-action-folder-name",
                name = name.as_str(),
                reason = reason.as_str()
            ),
            ActionError::NoFolder { name } => tr!("error-action-no-folder", name = name.as_str()),
            ActionError::NoMessages => tr!("error-action-no-messages"),
        }
    }
}

/// A flag change the user asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Read,
    Unread,
    Flagged,
    Unflagged,
    Answered,
}

impl Mark {
    /// The flags to add and to remove.
    pub fn delta(self) -> (Flags, Flags) {
        match self {
            Mark::Read => (Flags::SEEN, Flags::empty()),
            Mark::Unread => (Flags::empty(), Flags::SEEN),
            Mark::Flagged => (Flags::FLAGGED, Flags::empty()),
            Mark::Unflagged => (Flags::empty(), Flags::FLAGGED),
            Mark::Answered => (Flags::ANSWERED, Flags::empty()),
        }
    }
}

fn non_empty(ids: &[MessageId]) -> Result<(), ActionError> {
    if ids.is_empty() {
        Err(ActionError::NoMessages)
    } else {
        Ok(())
    }
}

/// Marks messages read, unread, flagged... (queued as `+FLAGS`/`-FLAGS`).
pub fn mark(store: &Store, ids: &[MessageId], mark: Mark) -> Result<(), ActionError> {
    non_empty(ids)?;
    let (add, remove) = mark.delta();
    Ok(store.set_flags(ids, add, remove)?)
}

/// Moves messages to a folder. Returns their ids there, in order.
pub fn move_to(
    store: &Store,
    ids: &[MessageId],
    folder: FolderId,
) -> Result<Vec<MessageId>, ActionError> {
    non_empty(ids)?;
    Ok(store.move_messages(ids, folder)?)
}

/// Copies messages to a folder. Returns the copies' ids, in order.
pub fn copy_to(
    store: &Store,
    ids: &[MessageId],
    folder: FolderId,
) -> Result<Vec<MessageId>, ActionError> {
    non_empty(ids)?;
    Ok(store.copy_messages(ids, folder)?)
}

/// Deletes messages: to the account's Trash, or for good when they are in the Trash already
/// or there is none.
pub fn delete(store: &Store, ids: &[MessageId]) -> Result<(), ActionError> {
    non_empty(ids)?;
    Ok(store.delete_messages(ids)?)
}

/// The folder of `account` named `name` (a full name, `Archive/2024`).
pub fn folder_named(
    store: &Store,
    account: AccountId,
    name: &str,
) -> Result<FolderId, ActionError> {
    store
        .folder_by_name(account, name)?
        .map(|f| f.id)
        .ok_or_else(|| ActionError::NoFolder {
            name: name.to_owned(),
        })
}

/// Creates a folder; `name` is the full name, levels joined by the account's delimiter.
pub fn create_folder(
    store: &Store,
    account: AccountId,
    name: &str,
    delimiter: Option<char>,
) -> Result<FolderId, ActionError> {
    check_folder_name(name, delimiter)?;
    let delimiter = delimiter.map(|d| d.to_string());
    Ok(store.create_folder(account, name, delimiter.as_deref())?)
}

/// Renames a folder (its subfolders follow).
pub fn rename_folder(store: &Store, folder: FolderId, new_name: &str) -> Result<(), ActionError> {
    let delimiter = store
        .folder(folder)?
        .delimiter
        .and_then(|d| d.chars().next());
    check_folder_name(new_name, delimiter)?;
    Ok(store.rename_folder(folder, new_name)?)
}

/// Deletes a folder and its messages (on the server at the next sync).
pub fn delete_folder(store: &Store, folder: FolderId) -> Result<(), ActionError> {
    Ok(store.delete_folder(folder)?)
}

/// Refuses names no server could hold: empty, with CR/LF/NUL or other control characters,
/// with an empty level (`a//b`), or INBOX as a new name.
pub fn check_folder_name(name: &str, delimiter: Option<char>) -> Result<(), ActionError> {
    let bad = |reason: String| {
        Err(ActionError::BadFolderName {
            name: name.escape_debug().to_string(),
            reason,
        })
    };
    if name.trim().is_empty() {
        return bad(tr!("folder-name-empty"));
    }
    if let Some(c) = name.chars().find(|c| c.is_control()) {
        return bad(tr!(
            "folder-name-control",
            character = c.escape_debug().to_string()
        ));
    }
    if let Some(d) = delimiter
        && name.split(d).any(|level| level.trim().is_empty())
    {
        return bad(tr!("folder-name-empty-level", delimiter = d.to_string()));
    }
    if name.eq_ignore_ascii_case("INBOX") {
        return bad(tr!("folder-name-inbox"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_names_are_checked_when_typed() {
        for bad in [
            "",
            "  ",
            "a\r\nb",
            "nul\0",
            "a//b",
            "/lead",
            "inbox",
            "tab\there",
        ] {
            assert!(check_folder_name(bad, Some('/')).is_err(), "{bad:?}");
        }
        for good in ["Projects", "Projects/2024", "Entwürfe 📬", "a.b"] {
            assert!(check_folder_name(good, Some('/')).is_ok(), "{good:?}");
        }
        // Without a hierarchy a slash is just a character.
        assert!(check_folder_name("a//b", None).is_ok());
    }

    #[test]
    fn marks_are_deltas() {
        assert_eq!(Mark::Read.delta(), (Flags::SEEN, Flags::empty()));
        assert_eq!(Mark::Unflagged.delta(), (Flags::empty(), Flags::FLAGGED));
    }
}
