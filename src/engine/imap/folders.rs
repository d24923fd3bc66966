//! Folders on the server: LIST with roles and subscriptions, and the folder commands.
//!
//! Roles come from SPECIAL-USE attributes (RFC 6154) when the server has them, else from the
//! names people and servers commonly use ("Sent Items", "Deleted Messages", "Papierkorb"…).
//! Names are UTF-8 here; on the wire they are modified UTF-7 (RFC 3501 §5.1.3) unless
//! UTF8=ACCEPT is enabled (RFC 6855).

use async_imap::imap_proto::{MailboxDatum, NameAttribute, Response};

use super::error::ImapError;
use super::input;
use super::session::{Handled, Session};
use super::utf7;

/// What a folder is for: the store's roles.
pub use crate::engine::store::Role;

/// A folder as the server lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteFolder {
    /// The full name in UTF-8, levels joined by `delimiter`: `Archive/2024`.
    pub name: String,
    /// The name as the server writes it.
    pub wire: String,
    /// The hierarchy delimiter, if the server has a hierarchy.
    pub delimiter: Option<char>,
    pub role: Option<Role>,
    pub subscribed: bool,
    /// False for `\Noselect` / `\NonExistent` names, which only hold other folders.
    pub selectable: bool,
    /// The folder's STATUS, when the server answered LIST with it (LIST-STATUS, RFC 5819).
    pub status: Option<super::plan::Status>,
}

impl RemoteFolder {
    /// The last level of the name: what a folder list shows.
    pub fn leaf(&self) -> &str {
        match self.delimiter {
            Some(d) => self.name.rsplit(d).next().unwrap_or(&self.name),
            None => &self.name,
        }
    }
}

impl Session {
    /// A folder name ready for a command: encoded for the wire and quoted, after the input
    /// check (CR, LF and NUL are refused).
    pub fn folder_arg(&self, name: &str) -> Result<String, ImapError> {
        input::check("folder name", name)?;
        if name.eq_ignore_ascii_case("INBOX") {
            return Ok("INBOX".to_owned());
        }
        if self.enabled.utf8 {
            input::quoted("folder name", name)
        } else {
            input::quoted("folder name", &utf7::encode(name))
        }
    }

    /// Every folder, with roles and subscriptions — and each one's STATUS where the server
    /// can give it in the same answer (LIST-STATUS), so a resync can skip the folders that
    /// did not change without selecting them.
    pub async fn list_folders(&mut self) -> Result<Vec<RemoteFolder>, ImapError> {
        let extended = self.caps.list_extended();
        let mut returns = Vec::new();
        if extended {
            returns.push("SUBSCRIBED");
            if self.caps.special_use() {
                returns.push("SPECIAL-USE");
            }
            if self.caps.has("LIST-STATUS") {
                returns.push(if self.caps.condstore() {
                    "STATUS (MESSAGES UIDNEXT UIDVALIDITY HIGHESTMODSEQ)"
                } else {
                    "STATUS (MESSAGES UIDNEXT UIDVALIDITY)"
                });
            }
        }
        let command = if returns.is_empty() {
            r#"LIST "" "*""#.to_owned()
        } else {
            format!(r#"LIST "" "*" RETURN ({})"#, returns.join(" "))
        };
        let utf8 = self.enabled.utf8;
        let host = self.host.clone();
        let mut folders = Vec::new();
        let mut statuses: std::collections::HashMap<String, super::plan::Status> =
            std::collections::HashMap::new();
        self.run(&command, |r| match r {
            Response::MailboxData(MailboxDatum::List(list)) => {
                match folder_from_list(&list.name, list.delimiter.as_deref(), &list.name_attributes, utf8) {
                    Some(f) => folders.push(f),
                    None => tracing::warn!(%host, name = %list.name, "skipping a folder with an invalid name"),
                }
                Handled::Yes
            }
            Response::MailboxData(MailboxDatum::Status { mailbox, status }) => {
                statuses.insert(mailbox.to_string(), status_from(status));
                Handled::Yes
            }
            _ => Handled::No,
        })
        .await?;
        for f in &mut folders {
            f.status = statuses.get(&f.wire).copied().or_else(|| {
                f.wire
                    .eq_ignore_ascii_case("INBOX")
                    .then(|| statuses.get("INBOX").copied())
                    .flatten()
            });
        }
        if !extended {
            let subscribed = self.subscribed_wire_names().await?;
            for f in &mut folders {
                f.subscribed = subscribed.contains(&f.wire);
            }
        }
        // The same name twice (a server bug) would confuse everything after.
        folders.sort_by(|a, b| a.name.cmp(&b.name));
        folders.dedup_by(|a, b| a.name == b.name);
        assign_fallback_roles(&mut folders);
        Ok(folders)
    }

    /// LSUB, for servers without LIST-EXTENDED.
    async fn subscribed_wire_names(&mut self) -> Result<Vec<String>, ImapError> {
        let mut names = Vec::new();
        self.run(r#"LSUB "" "*""#, |r| match r {
            Response::MailboxData(MailboxDatum::List(list)) => {
                names.push(list.name.to_string());
                Handled::Yes
            }
            _ => Handled::No,
        })
        .await?;
        Ok(names)
    }

    /// CREATE (RFC 3501 §6.3.3), subscribing the new folder. A folder that exists already is
    /// not an error: replaying a queued create after a lost answer must not fail.
    pub async fn create_folder(&mut self, name: &str) -> Result<(), ImapError> {
        let arg = self.folder_arg(name)?;
        let tag = self.send(&format!("CREATE {arg}")).await?;
        let done = self.finish(&tag, |_| Handled::No).await?;
        if done.outcome != super::session::Outcome::Ok && !self.folder_exists(name).await? {
            self.check("CREATE", done)?;
        }
        self.subscribe(name, true).await
    }

    /// RENAME (RFC 3501 §6.3.5).
    pub async fn rename_folder(&mut self, from: &str, to: &str) -> Result<(), ImapError> {
        let (a, b) = (self.folder_arg(from)?, self.folder_arg(to)?);
        let tag = self.send(&format!("RENAME {a} {b}")).await?;
        let done = self.finish(&tag, |_| Handled::No).await?;
        if done.outcome != super::session::Outcome::Ok {
            // Already renamed (a replay after a lost answer) counts as done.
            let already = self.folder_exists(to).await? && !self.folder_exists(from).await?;
            if !already {
                self.check("RENAME", done)?;
            }
        }
        let _ = self.subscribe(from, false).await;
        self.subscribe(to, true).await
    }

    /// DELETE (RFC 3501 §6.3.4). A folder already gone is not an error.
    pub async fn delete_folder(&mut self, name: &str) -> Result<(), ImapError> {
        let arg = self.folder_arg(name)?;
        if self.selected.as_deref() == Some(arg.as_str()) {
            self.unselect().await?;
        }
        let _ = self.subscribe(name, false).await;
        let tag = self.send(&format!("DELETE {arg}")).await?;
        let done = self.finish(&tag, |_| Handled::No).await?;
        if done.outcome != super::session::Outcome::Ok && self.folder_exists(name).await? {
            self.check("DELETE", done)?;
        }
        Ok(())
    }

    /// SUBSCRIBE / UNSUBSCRIBE (RFC 3501 §6.3.6).
    pub async fn subscribe(&mut self, name: &str, on: bool) -> Result<(), ImapError> {
        let arg = self.folder_arg(name)?;
        let verb = if on { "SUBSCRIBE" } else { "UNSUBSCRIBE" };
        self.simple(&format!("{verb} {arg}")).await.map(|_| ())
    }

    /// Whether a folder of this name exists now.
    pub async fn folder_exists(&mut self, name: &str) -> Result<bool, ImapError> {
        let arg = self.folder_arg(name)?;
        let mut found = false;
        self.run(&format!(r#"LIST "" {arg}"#), |r| match r {
            Response::MailboxData(MailboxDatum::List(l)) => {
                found |= !l
                    .name_attributes
                    .iter()
                    .any(|a| matches!(a, NameAttribute::Extension(e) if e.eq_ignore_ascii_case("\\NonExistent")));
                Handled::Yes
            }
            _ => Handled::No,
        })
        .await?;
        Ok(found)
    }
}

/// A STATUS answer as data.
fn status_from(attributes: &[async_imap::imap_proto::StatusAttribute]) -> super::plan::Status {
    use async_imap::imap_proto::StatusAttribute as A;
    let mut s = super::plan::Status::default();
    for a in attributes {
        match a {
            A::UidValidity(v) => s.uidvalidity = Some(*v),
            A::UidNext(v) => s.uidnext = Some(*v),
            A::Messages(v) => s.messages = Some(*v),
            A::HighestModSeq(v) => s.highestmodseq = Some(*v),
            _ => {}
        }
    }
    s
}

/// One LIST line as a folder; `None` when its name is not valid.
fn folder_from_list(
    wire: &str,
    delimiter: Option<&str>,
    attributes: &[NameAttribute<'_>],
    utf8: bool,
) -> Option<RemoteFolder> {
    let name = if wire.eq_ignore_ascii_case("INBOX") {
        "INBOX".to_owned()
    } else if utf8 {
        wire.to_owned()
    } else {
        utf7::decode(wire).ok()?
    };
    if input::check("folder name", &name).is_err() || name.is_empty() {
        return None;
    }
    let mut role = name.eq_ignore_ascii_case("INBOX").then_some(Role::Inbox);
    let mut subscribed = false;
    let mut selectable = true;
    for a in attributes {
        match a {
            NameAttribute::NoSelect => selectable = false,
            NameAttribute::Sent => role = role.or(Some(Role::Sent)),
            NameAttribute::Drafts => role = role.or(Some(Role::Drafts)),
            NameAttribute::Trash => role = role.or(Some(Role::Trash)),
            NameAttribute::Junk => role = role.or(Some(Role::Junk)),
            NameAttribute::Archive => role = role.or(Some(Role::Archive)),
            NameAttribute::Extension(e) if e.eq_ignore_ascii_case("\\Subscribed") => {
                subscribed = true;
            }
            NameAttribute::Extension(e) if e.eq_ignore_ascii_case("\\NonExistent") => {
                selectable = false;
            }
            _ => {}
        }
    }
    Some(RemoteFolder {
        name,
        wire: wire.to_owned(),
        delimiter: delimiter.and_then(|d| d.chars().next()),
        role,
        subscribed,
        selectable,
        status: None,
    })
}

/// Names that mean a role on servers without SPECIAL-USE, lower-case, most common first.
const FALLBACK_NAMES: &[(Role, &[&str])] = &[
    (
        Role::Sent,
        &[
            "sent",
            "sent items",
            "sent messages",
            "sent mail",
            "gesendet",
            "gesendete elemente",
            "gesendete objekte",
            "envoyés",
            "éléments envoyés",
            "enviados",
            "inviata",
            "posta inviata",
            "verzonden",
        ],
    ),
    (
        Role::Drafts,
        &[
            "drafts",
            "draft",
            "entwürfe",
            "brouillons",
            "borradores",
            "bozze",
            "concepten",
        ],
    ),
    (
        Role::Trash,
        &[
            "trash",
            "deleted items",
            "deleted messages",
            "bin",
            "papierkorb",
            "gelöschte elemente",
            "corbeille",
            "éléments supprimés",
            "papelera",
            "cestino",
            "prullenbak",
        ],
    ),
    (
        Role::Junk,
        &[
            "junk",
            "spam",
            "junk e-mail",
            "junk email",
            "bulk mail",
            "spamverdacht",
            "indésirables",
        ],
    ),
    (
        Role::Archive,
        &["archive", "archives", "archiv", "archivio", "archivo"],
    ),
];

/// Gives roles no folder has yet by name: a top-level folder, or one under INBOX (some
/// servers keep everything there), whose name is a known one.
pub fn assign_fallback_roles(folders: &mut [RemoteFolder]) {
    for (role, names) in FALLBACK_NAMES {
        if folders.iter().any(|f| f.role == Some(*role)) {
            continue;
        }
        let candidate = names.iter().find_map(|wanted| {
            folders.iter().position(|f| {
                f.role.is_none()
                    && f.selectable
                    && is_top_or_under_inbox(f)
                    && f.leaf().to_lowercase() == *wanted
            })
        });
        if let Some(i) = candidate {
            folders[i].role = Some(*role);
        }
    }
}

fn is_top_or_under_inbox(f: &RemoteFolder) -> bool {
    match f.delimiter {
        None => true,
        Some(d) => {
            let levels: Vec<&str> = f.name.split(d).collect();
            levels.len() == 1 || (levels.len() == 2 && levels[0].eq_ignore_ascii_case("INBOX"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn folder(name: &str, role: Option<Role>) -> RemoteFolder {
        RemoteFolder {
            name: name.into(),
            wire: utf7::encode(name),
            delimiter: Some('/'),
            role,
            subscribed: true,
            selectable: true,
            status: None,
        }
    }

    #[test]
    fn list_attributes_give_roles_and_subscriptions() {
        let attrs = vec![
            NameAttribute::Extension(Cow::Borrowed("\\HasNoChildren")),
            NameAttribute::Extension(Cow::Borrowed("\\Subscribed")),
            NameAttribute::Sent,
        ];
        let f = folder_from_list("Gesendete &AMQ-", Some("/"), &attrs, false).unwrap();
        assert_eq!(f.name, "Gesendete Ä");
        assert_eq!(f.role, Some(Role::Sent));
        assert!(f.subscribed && f.selectable);
        let inbox = folder_from_list("inbox", Some("/"), &[], false).unwrap();
        assert_eq!(
            (inbox.name.as_str(), inbox.role),
            ("INBOX", Some(Role::Inbox))
        );
        let parent =
            folder_from_list("Lists", Some("/"), &[NameAttribute::NoSelect], false).unwrap();
        assert!(!parent.selectable);
        assert!(folder_from_list("bad&name", Some("/"), &[], false).is_none());
    }

    #[test]
    fn roles_fall_back_to_common_names() {
        let mut folders = vec![
            folder("INBOX", Some(Role::Inbox)),
            folder("Sent Items", None),
            folder("Deleted Messages", None),
            folder("INBOX/Drafts", None),
            folder("Projects/Spam", None),
            folder("Archive", Some(Role::Archive)),
            folder("Archives", None),
        ];
        assign_fallback_roles(&mut folders);
        let role = |n: &str| folders.iter().find(|f| f.name == n).unwrap().role;
        assert_eq!(role("Sent Items"), Some(Role::Sent));
        assert_eq!(role("Deleted Messages"), Some(Role::Trash));
        assert_eq!(role("INBOX/Drafts"), Some(Role::Drafts));
        // Nested deeper than one level under something else: not the account's Junk.
        assert_eq!(role("Projects/Spam"), None);
        // A SPECIAL-USE Archive exists, so the look-alike keeps no role.
        assert_eq!(role("Archives"), None);
    }

    #[test]
    fn the_leaf_is_the_last_level() {
        assert_eq!(folder("Archive/2024/Q1", None).leaf(), "Q1");
        assert_eq!(folder("INBOX", None).leaf(), "INBOX");
    }
}
