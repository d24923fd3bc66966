//! Accounts and folders as the store knows them.
//!
//! The calls here record what the server says (or, for POP3, the local folders); they queue
//! nothing. The user's own folder operations, which must reach an IMAP server, are in
//! [`changes`](super::changes).

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use super::{AccountId, FolderId, Result, Store, StoreError};
use crate::engine::account::Protocol;

/// What a folder is for (RFC 6154 special-use, or the local folders of a POP3 account).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Inbox,
    Sent,
    Drafts,
    Trash,
    Junk,
    Archive,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Inbox => "inbox",
            Role::Sent => "sent",
            Role::Drafts => "drafts",
            Role::Trash => "trash",
            Role::Junk => "junk",
            Role::Archive => "archive",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Some(match s {
            "inbox" => Role::Inbox,
            "sent" => Role::Sent,
            "drafts" => Role::Drafts,
            "trash" => Role::Trash,
            "junk" => Role::Junk,
            "archive" => Role::Archive,
            _ => return None,
        })
    }
}

/// IMAP synchronisation state of a folder (RFC 9051 UIDVALIDITY/UIDNEXT, RFC 7162
/// HIGHESTMODSEQ). All `None` for a folder never synced and for local folders.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncState {
    pub uidvalidity: Option<u32>,
    pub uidnext: Option<u32>,
    pub highestmodseq: Option<u64>,
}

/// A folder as a server lists it (or a local folder): what [`Store::upsert_folder`] takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderSpec {
    /// The full name, decoded to UTF-8 (IMAP: from modified UTF-7), with the server's
    /// hierarchy delimiter.
    pub name: String,
    pub delimiter: Option<String>,
    pub role: Option<Role>,
    pub subscribed: bool,
}

impl FolderSpec {
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            delimiter: None,
            role: None,
            subscribed: true,
        }
    }

    #[must_use]
    pub fn role(mut self, role: Role) -> Self {
        self.role = Some(role);
        self
    }

    #[must_use]
    pub fn delimiter(mut self, delimiter: impl Into<String>) -> Self {
        self.delimiter = Some(delimiter.into());
        self
    }

    #[must_use]
    pub fn subscribed(mut self, subscribed: bool) -> Self {
        self.subscribed = subscribed;
        self
    }
}

/// A stored folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Folder {
    pub id: FolderId,
    pub account_id: AccountId,
    pub account: String,
    pub name: String,
    pub delimiter: Option<String>,
    pub role: Option<Role>,
    pub subscribed: bool,
    pub sync: SyncState,
}

const FOLDER_COLUMNS: &str = "f.id, f.account_id, a.name, f.name, f.delimiter, f.role, \
     f.subscribed, f.uidvalidity, f.uidnext, f.highestmodseq";

fn folder_from_row(r: &Row<'_>) -> rusqlite::Result<Folder> {
    let role: Option<String> = r.get(5)?;
    Ok(Folder {
        id: r.get(0)?,
        account_id: r.get(1)?,
        account: r.get(2)?,
        name: r.get(3)?,
        delimiter: r.get(4)?,
        role: role.as_deref().and_then(Role::parse),
        subscribed: r.get(6)?,
        sync: SyncState {
            uidvalidity: r.get(7)?,
            uidnext: r.get(8)?,
            highestmodseq: r.get::<_, Option<i64>>(9)?.map(|v| v as u64),
        },
    })
}

pub(crate) fn protocol_str(p: Protocol) -> &'static str {
    match p {
        Protocol::Imap => "imap",
        Protocol::Pop3 => "pop3",
    }
}

pub(crate) fn parse_protocol(s: &str) -> Option<Protocol> {
    match s {
        "imap" => Some(Protocol::Imap),
        "pop3" => Some(Protocol::Pop3),
        _ => None,
    }
}

/// The local folders every POP3 account gets.
const POP3_FOLDERS: &[(&str, Role)] = &[
    ("INBOX", Role::Inbox),
    ("Sent", Role::Sent),
    ("Drafts", Role::Drafts),
    ("Trash", Role::Trash),
];

pub(crate) fn load_folder(conn: &Connection, id: FolderId) -> Result<Folder> {
    conn.query_row(
        &format!(
            "SELECT {FOLDER_COLUMNS} FROM folders f JOIN accounts a ON a.id = f.account_id \
             WHERE f.id = ?1"
        ),
        [id],
        folder_from_row,
    )
    .optional()?
    .ok_or_else(|| StoreError::NoFolder(format!("#{id}")))
}

pub(crate) fn account_protocol(conn: &Connection, account: AccountId) -> Result<Protocol> {
    let p: String = conn
        .query_row(
            "SELECT protocol FROM accounts WHERE id = ?1",
            [account],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| StoreError::NoAccount(format!("#{account}")))?;
    parse_protocol(&p).ok_or_else(|| StoreError::NoAccount(format!("#{account}")))
}

pub(crate) fn folder_by_role_in(
    conn: &Connection,
    account: AccountId,
    role: Role,
) -> Result<Option<Folder>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {FOLDER_COLUMNS} FROM folders f JOIN accounts a ON a.id = f.account_id \
                 WHERE f.account_id = ?1 AND f.role = ?2"
            ),
            params![account, role.as_str()],
            folder_from_row,
        )
        .optional()?)
}

pub(crate) fn upsert_folder_in(
    conn: &Connection,
    account: AccountId,
    spec: &FolderSpec,
) -> Result<FolderId> {
    if let Some(role) = spec.role {
        // A role belongs to one folder of an account; the newest claim wins.
        conn.execute(
            "UPDATE folders SET role = NULL WHERE account_id = ?1 AND role = ?2 AND name <> ?3",
            params![account, role.as_str(), spec.name],
        )?;
    }
    conn.execute(
        "INSERT INTO folders (account_id, name, delimiter, role, subscribed)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (account_id, name) DO UPDATE SET
             delimiter = excluded.delimiter,
             role = coalesce(excluded.role, role),
             subscribed = excluded.subscribed",
        params![
            account,
            spec.name,
            spec.delimiter,
            spec.role.map(Role::as_str),
            spec.subscribed
        ],
    )?;
    Ok(conn.query_row(
        "SELECT id FROM folders WHERE account_id = ?1 AND name = ?2",
        params![account, spec.name],
        |r| r.get(0),
    )?)
}

impl Store {
    /// The account named `name`, created if new. A POP3 account gets its local folders
    /// (INBOX, Sent, Drafts, Trash) here.
    pub fn ensure_account(&self, name: &str, protocol: Protocol) -> Result<AccountId> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO accounts (name, protocol) VALUES (?1, ?2)
                 ON CONFLICT (name) DO UPDATE SET protocol = excluded.protocol",
                params![name, protocol_str(protocol)],
            )?;
            let id: AccountId =
                tx.query_row("SELECT id FROM accounts WHERE name = ?1", [name], |r| {
                    r.get(0)
                })?;
            if protocol == Protocol::Pop3 {
                for (folder, role) in POP3_FOLDERS {
                    if folder_by_role_in(tx, id, *role)?.is_none() {
                        upsert_folder_in(tx, id, &FolderSpec::new(*folder).role(*role))?;
                    }
                }
            }
            Ok(id)
        })
    }

    /// The id of an existing account.
    pub fn account_id(&self, name: &str) -> Result<AccountId> {
        self.read(|c| {
            c.query_row("SELECT id FROM accounts WHERE name = ?1", [name], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| StoreError::NoAccount(name.to_owned()))
        })
    }

    /// Every account in the store: id, name, protocol.
    pub fn accounts(&self) -> Result<Vec<(AccountId, String, Protocol)>> {
        self.read(|c| {
            let mut s = c.prepare("SELECT id, name, protocol FROM accounts ORDER BY name")?;
            let rows = s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, String>(2)?)))?;
            let mut out = Vec::new();
            for row in rows {
                let (id, name, p) = row?;
                if let Some(p) = parse_protocol(&p) {
                    out.push((id, name, p));
                }
            }
            Ok(out)
        })
    }

    /// Removes an account and everything stored for it: its messages (and their files),
    /// folders, queued changes and known UIDLs. Outbox entries are kept. For a POP3 account
    /// this deletes the only copy of its mail; the caller asks the user first.
    pub fn remove_account(&self, account: AccountId) -> Result<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM messages WHERE account_id = ?1", [account])?;
            tx.execute("DELETE FROM folders WHERE account_id = ?1", [account])?;
            tx.execute("DELETE FROM accounts WHERE id = ?1", [account])?;
            Ok(())
        })
    }

    /// Records a folder as the server lists it (or a local folder): created if new, else its
    /// delimiter, role and subscription are updated. Queues nothing.
    pub fn upsert_folder(&self, account: AccountId, spec: &FolderSpec) -> Result<FolderId> {
        self.write(|tx| upsert_folder_in(tx, account, spec))
    }

    pub fn folder(&self, id: FolderId) -> Result<Folder> {
        self.read(|c| load_folder(c, id))
    }

    pub fn folder_by_name(&self, account: AccountId, name: &str) -> Result<Option<Folder>> {
        self.read(|c| {
            Ok(c.query_row(
                &format!(
                    "SELECT {FOLDER_COLUMNS} FROM folders f JOIN accounts a ON a.id = f.account_id \
                     WHERE f.account_id = ?1 AND f.name = ?2"
                ),
                params![account, name],
                folder_from_row,
            )
            .optional()?)
        })
    }

    /// Like [`folder_by_name`](Self::folder_by_name) but an absent folder is an error that
    /// names it.
    pub fn require_folder(&self, account: AccountId, name: &str) -> Result<Folder> {
        self.folder_by_name(account, name)?
            .ok_or_else(|| StoreError::NoFolder(name.to_owned()))
    }

    pub fn folder_by_role(&self, account: AccountId, role: Role) -> Result<Option<Folder>> {
        self.read(|c| folder_by_role_in(c, account, role))
    }

    /// An account's folders, INBOX first, then by name.
    pub fn folder_list(&self, account: AccountId) -> Result<Vec<Folder>> {
        self.read(|c| {
            let mut s = c.prepare(&format!(
                "SELECT {FOLDER_COLUMNS} FROM folders f JOIN accounts a ON a.id = f.account_id \
                 WHERE f.account_id = ?1 ORDER BY f.role IS NOT 'inbox', f.name"
            ))?;
            let rows = s.query_map([account], folder_from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// Saves a folder's IMAP sync state after a sync.
    pub fn set_sync_state(&self, folder: FolderId, state: SyncState) -> Result<()> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE folders SET uidvalidity = ?2, uidnext = ?3, highestmodseq = ?4 WHERE id = ?1",
                params![
                    folder,
                    state.uidvalidity,
                    state.uidnext,
                    state.highestmodseq.map(|v| v as i64)
                ],
            )?;
            if n == 0 {
                return Err(StoreError::NoFolder(format!("#{folder}")));
            }
            Ok(())
        })
    }

    /// Renames a folder because the server did (no queue). Its messages stay.
    pub fn rename_folder_synced(&self, folder: FolderId, new_name: &str) -> Result<()> {
        self.write(|tx| {
            let f = load_folder(tx, folder)?;
            rename_in(tx, &f, new_name)
        })
    }

    /// Forgets a folder the server no longer has, with its messages (no queue).
    pub fn remove_folder(&self, folder: FolderId) -> Result<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM messages WHERE folder_id = ?1", [folder])?;
            tx.execute("DELETE FROM folders WHERE id = ?1", [folder])?;
            Ok(())
        })
    }
}

/// Renames a folder and, with a known delimiter, its subfolders (`A` → `B` makes `A/x`
/// into `B/x`).
pub(crate) fn rename_in(conn: &Connection, f: &Folder, new_name: &str) -> Result<()> {
    let taken: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM folders WHERE account_id = ?1 AND name = ?2)",
        params![f.account_id, new_name],
        |r| r.get(0),
    )?;
    if taken {
        return Err(StoreError::FolderExists {
            account: f.account.clone(),
            name: new_name.to_owned(),
        });
    }
    conn.execute(
        "UPDATE folders SET name = ?2 WHERE id = ?1",
        params![f.id, new_name],
    )?;
    if let Some(d) = f.delimiter.as_deref().filter(|d| !d.is_empty()) {
        let old_prefix = format!("{}{d}", f.name);
        let new_prefix = format!("{new_name}{d}");
        conn.execute(
            "UPDATE folders SET name = ?3 || substr(name, length(?2) + 1)
             WHERE account_id = ?1 AND substr(name, 1, length(?2)) = ?2",
            params![f.account_id, old_prefix, new_prefix],
        )?;
    }
    Ok(())
}
