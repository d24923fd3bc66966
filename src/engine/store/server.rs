//! What the server says: flags, expunges, UIDVALIDITY changes, POP3 UIDLs, missing bodies.
//!
//! These calls record the server's state and queue nothing. Replay local changes first
//! (RFC 4549 §3), then sync, so the server's answer already contains them.

use std::collections::HashMap;

use rusqlite::params;

use super::flags::{Flags, join_keywords, split_keywords};
use super::{AccountId, FolderId, MessageId, Result, Store, StoreError};

/// A message's flags as the server reports them (FETCH FLAGS).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerFlags {
    pub uid: u32,
    pub flags: Flags,
    pub keywords: Vec<String>,
}

/// A message whose body is not stored yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lacking {
    pub id: MessageId,
    pub folder: FolderId,
    pub uid: Option<u32>,
    /// RFC822.SIZE as the server gave it.
    pub size: u64,
    pub date: i64,
}

impl Store {
    /// Sets the flags and keywords of messages by UID to what the server says. Unknown UIDs
    /// are ignored (they are new and arrive with their headers).
    pub fn set_server_flags(&self, folder: FolderId, flags: &[ServerFlags]) -> Result<()> {
        if flags.is_empty() {
            return Ok(());
        }
        self.write(|tx| {
            let mut s = tx.prepare_cached(
                "UPDATE messages SET flags = ?3, keywords = ?4 WHERE folder_id = ?1 AND uid = ?2",
            )?;
            for f in flags {
                s.execute(params![
                    folder,
                    f.uid,
                    f.flags.bits(),
                    join_keywords(&f.keywords)
                ])?;
            }
            Ok(())
        })
    }

    /// Removes messages the server expunged (by UID); their files go with them.
    pub fn remove_uids(&self, folder: FolderId, uids: &[u32]) -> Result<usize> {
        if uids.is_empty() {
            return Ok(0);
        }
        self.write(|tx| {
            let mut s =
                tx.prepare_cached("DELETE FROM messages WHERE folder_id = ?1 AND uid = ?2")?;
            let mut n = 0;
            for uid in uids {
                n += s.execute(params![folder, uid])?;
            }
            Ok(n)
        })
    }

    /// The folder's UIDVALIDITY changed: every message known by UID is dropped (the server's
    /// copies get fetched again under the new UIDs, old and new never mix) and the new
    /// UIDVALIDITY is recorded with UIDNEXT and HIGHESTMODSEQ reset. Local rows still
    /// waiting to be appended (no UID yet) stay.
    pub fn clear_folder(&self, folder: FolderId, new_uidvalidity: u32) -> Result<usize> {
        self.write(|tx| {
            let n = tx.execute(
                "DELETE FROM messages WHERE folder_id = ?1 AND uid IS NOT NULL",
                [folder],
            )?;
            let found = tx.execute(
                "UPDATE folders SET uidvalidity = ?2, uidnext = NULL, highestmodseq = NULL
                 WHERE id = ?1",
                params![folder, new_uidvalidity],
            )?;
            if found == 0 {
                return Err(StoreError::NoFolder(format!("#{folder}")));
            }
            Ok(n)
        })
    }

    /// Every stored UID of a folder with its flags and keywords, by UID, for comparing with
    /// the server (a few bytes per message even for 100,000).
    pub fn uid_index(&self, folder: FolderId) -> Result<Vec<ServerFlags>> {
        self.read(|c| {
            let mut s = c.prepare_cached(
                "SELECT uid, flags, keywords FROM messages
                 WHERE folder_id = ?1 AND uid IS NOT NULL ORDER BY uid",
            )?;
            let rows = s.query_map([folder], |r| {
                Ok(ServerFlags {
                    uid: r.get(0)?,
                    flags: Flags::from_bits(r.get(1)?),
                    keywords: split_keywords(&r.get::<_, String>(2)?),
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// The stored message of a folder with this UID.
    pub fn message_by_uid(&self, folder: FolderId, uid: u32) -> Result<Option<MessageId>> {
        self.read(|c| {
            use rusqlite::OptionalExtension;
            Ok(
                c.prepare_cached("SELECT id FROM messages WHERE folder_id = ?1 AND uid = ?2")?
                    .query_row(params![folder, uid], |r| r.get(0))
                    .optional()?,
            )
        })
    }

    /// The UIDLs a POP3 account has downloaded, with when (seconds since the epoch), for
    /// deciding what is new and what to delete after N days. Kept after the user deletes the
    /// message here, so nothing is downloaded twice.
    pub fn known_uidls(&self, account: AccountId) -> Result<HashMap<String, i64>> {
        self.read(|c| {
            let mut s =
                c.prepare_cached("SELECT uidl, downloaded FROM pop3_uidls WHERE account_id = ?1")?;
            let rows = s.query_map([account], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<rusqlite::Result<HashMap<_, _>>>()?)
        })
    }

    /// Forgets UIDLs the server no longer lists (deleted there), so the set stays small.
    pub fn forget_uidls(&self, account: AccountId, uidls: &[String]) -> Result<()> {
        if uidls.is_empty() {
            return Ok(());
        }
        self.write(|tx| {
            let mut s =
                tx.prepare_cached("DELETE FROM pop3_uidls WHERE account_id = ?1 AND uidl = ?2")?;
            for u in uidls {
                s.execute(params![account, u])?;
            }
            Ok(())
        })
    }

    /// Messages whose body is not stored yet, newest first: of one folder or of all, only
    /// those dated after `newer_than` if given (seconds since the epoch), at most `limit`.
    pub fn lacking_bodies(
        &self,
        folder: Option<FolderId>,
        newer_than: Option<i64>,
        limit: usize,
    ) -> Result<Vec<Lacking>> {
        self.read(|c| {
            let mut s = c.prepare_cached(
                "SELECT id, folder_id, uid, size, date FROM messages
                 WHERE body = 0 AND (?1 IS NULL OR folder_id = ?1) AND (?2 IS NULL OR date > ?2)
                 ORDER BY date DESC, id DESC LIMIT ?3",
            )?;
            let rows = s.query_map(params![folder, newer_than, limit as i64], |r| {
                Ok(Lacking {
                    id: r.get(0)?,
                    folder: r.get(1)?,
                    uid: r.get(2)?,
                    size: r.get::<_, i64>(3)? as u64,
                    date: r.get(4)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// Records the UID the server gave a message that was moved, copied or appended here
    /// (COPYUID/APPENDUID, RFC 4315, or found by Message-ID after replay).
    pub fn assign_uid(&self, message: MessageId, uid: u32) -> Result<()> {
        self.write(|tx| {
            // A sync that ran before this call may have stored the same message under that
            // UID already; the row we have is the one the user acted on, so it stays.
            tx.execute(
                "DELETE FROM messages WHERE uid = ?2 AND id <> ?1
                   AND folder_id = (SELECT folder_id FROM messages WHERE id = ?1)",
                params![message, uid],
            )?;
            let n = tx.execute(
                "UPDATE messages SET uid = ?2 WHERE id = ?1",
                params![message, uid],
            )?;
            if n == 0 {
                return Err(StoreError::NoMessage(message.0));
            }
            Ok(())
        })
    }
}
