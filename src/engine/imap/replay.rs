//! Replaying the offline queue on the server, in order (RFC 4549 §4).
//!
//! - Flags go as `+FLAGS`/`-FLAGS`, so what another client set meanwhile survives.
//! - Moves use MOVE (RFC 6851), else COPY + `\Deleted` + `UID EXPUNGE` of exactly those
//!   UIDs; without UIDPLUS nothing is expunged that another client marked `\Deleted`.
//! - New UIDs from COPYUID/APPENDUID (or a Message-ID search when the server gives none) are
//!   recorded, so the next sync does not fetch our own message as new.
//! - A folder whose UIDVALIDITY changed fails the changes that name its old UIDs.
//! - A conflict — the message is gone on the server — fails the change visibly, with the
//!   reason; the local copy stays. A lost connection stops the replay: the change stays
//!   pending and runs again next time (each step is safe to repeat).

use std::collections::HashMap;

use super::error::ImapError;
use super::plan::SelectMode;
use super::session::Session;
use super::sync::{Ctx, blocking};
use crate::engine::events::{Event, Phase};
use crate::engine::store::{
    Change, Flag, Flags, MessageId, MovedMessage, QueuedChange, StoreError,
};
use crate::tr;

/// What a replay did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReplayReport {
    pub done: u64,
    pub failed: u64,
}

/// Why one change did not go through.
#[derive(Debug)]
enum Failure {
    /// The server refused it for good, or it can no longer apply: kept as failed.
    Permanent(String),
    /// The connection went away: stays pending.
    Connection(ImapError),
}

impl From<ImapError> for Failure {
    fn from(e: ImapError) -> Self {
        match e {
            e if e.is_connection_lost() => Failure::Connection(e),
            ImapError::Store(e) => {
                Failure::Permanent(crate::engine::error::Localized::localized(&e))
            }
            e => Failure::Permanent(crate::engine::error::Localized::localized(&e)),
        }
    }
}

/// Replays every pending change of the account, oldest first.
pub(crate) async fn replay(
    session: &mut Session,
    ctx: &Ctx<'_>,
) -> Result<ReplayReport, ImapError> {
    let account = ctx.id;
    let pending = blocking(&ctx.store, move |s| s.pending_changes(account)).await?;
    let mut report = ReplayReport::default();
    let total = pending.len() as u64;
    for (i, queued) in pending.iter().enumerate() {
        let id = queued.id;
        match replay_one(session, ctx, queued).await {
            Ok(()) => {
                blocking(&ctx.store, move |s| s.complete_change(id)).await?;
                report.done += 1;
            }
            Err(Failure::Permanent(reason)) => {
                tracing::warn!(change = ?queued.change, %reason, "a queued change failed");
                let why = reason.clone();
                blocking(&ctx.store, move |s| s.fail_change(id, &why, true)).await?;
                ctx.events.emit(Event::Error {
                    account: ctx.account.name.clone(),
                    message: tr!("imap-change-failed", reason = reason),
                });
                report.failed += 1;
            }
            Err(Failure::Connection(e)) => {
                let why = crate::engine::error::Localized::localized(&e);
                blocking(&ctx.store, move |s| s.fail_change(id, &why, false)).await?;
                return Err(e);
            }
        }
        ctx.events.emit(Event::Progress {
            account: ctx.account.name.clone(),
            folder: String::new(),
            phase: Phase::Replay,
            done: i as u64 + 1,
            total,
            bytes: 0,
        });
    }
    if total > 0 {
        ctx.events.emit(Event::Changed {
            account: ctx.account.name.clone(),
            folder: None,
        });
    }
    Ok(report)
}

async fn replay_one(
    session: &mut Session,
    ctx: &Ctx<'_>,
    queued: &QueuedChange,
) -> Result<(), Failure> {
    match &queued.change {
        Change::Flags {
            folder,
            targets,
            add,
            remove,
        } => {
            open(session, ctx, folder).await?;
            let mut uids = Vec::new();
            for t in targets {
                if let Some(uid) = current_uid(ctx, t.uid, t.message).await? {
                    uids.push(uid);
                }
            }
            let missing = missing(session, &uids).await?;
            let present: Vec<u32> = uids
                .iter()
                .copied()
                .filter(|u| !missing.contains(u))
                .collect();
            session.uid_store_flags(&present, true, &atoms(add)).await?;
            session
                .uid_store_flags(&present, false, &atoms(remove))
                .await?;
            conflict(&missing, uids.len(), folder)
        }
        Change::Move { from, to, messages } => {
            transfer(session, ctx, from, to, messages, true).await
        }
        Change::Copy { from, to, messages } => {
            transfer(session, ctx, from, to, messages, false).await
        }
        Change::Expunge { folder, uids } => {
            open(session, ctx, folder).await?;
            session
                .uid_store_flags(uids, true, &["\\Deleted".to_owned()])
                .await?;
            expunge_ours(session, uids).await?;
            // Already gone is what was wanted: no conflict.
            Ok(())
        }
        Change::CreateFolder { name } => Ok(session.create_folder(name).await?),
        Change::RenameFolder { from, to } => Ok(session.rename_folder(from, to).await?),
        Change::DeleteFolder { name } => Ok(session.delete_folder(name).await?),
        Change::Append {
            folder,
            message,
            flags,
        } => append(session, ctx, folder, *message, *flags, queued.attempts > 0).await,
        // POP3 only; an IMAP account never queues it.
        Change::Pop3Delete { .. } => Ok(()),
    }
}

/// Selects `folder` unless it is selected, and checks its UIDVALIDITY against the store: a
/// change made under another UIDVALIDITY names UIDs that mean other messages now.
async fn open(session: &mut Session, ctx: &Ctx<'_>, folder: &str) -> Result<(), Failure> {
    if session.selected.as_deref() == Some(session.folder_arg(folder)?.as_str()) {
        return Ok(());
    }
    let selected = match session.select(folder, SelectMode::Plain).await {
        Ok(s) => s,
        Err(ImapError::Refused { text, .. }) => {
            return Err(Failure::Permanent(tr!(
                "imap-change-folder-missing",
                folder = folder,
                text = text
            )));
        }
        Err(e) => return Err(e.into()),
    };
    let (account, name) = (ctx.id, folder.to_owned());
    let local = blocking(&ctx.store, move |s| s.folder_by_name(account, &name)).await?;
    if let Some(known) = local.and_then(|f| f.sync.uidvalidity)
        && known != selected.uidvalidity
    {
        session.selected = None;
        return Err(Failure::Permanent(tr!(
            "imap-change-failed-uidvalidity",
            folder = folder
        )));
    }
    Ok(())
}

/// The UID a target has now: the one recorded with the change, else the one an earlier
/// replay assigned.
async fn current_uid(
    ctx: &Ctx<'_>,
    recorded: Option<u32>,
    message: MessageId,
) -> Result<Option<u32>, Failure> {
    if recorded.is_some() {
        return Ok(recorded);
    }
    match blocking(&ctx.store, move |s| s.uid_of(message)).await {
        Ok(uid) => Ok(uid),
        // The message was deleted here since; nothing left to act on.
        Err(ImapError::Store(StoreError::NoMessage(_))) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Which of `uids` the selected folder no longer holds.
async fn missing(session: &mut Session, uids: &[u32]) -> Result<Vec<u32>, Failure> {
    if uids.is_empty() {
        return Ok(Vec::new());
    }
    let set = super::input::uid_set(uids);
    let there = session.uid_search(&format!("UID {set}")).await?;
    Ok(uids
        .iter()
        .copied()
        .filter(|u| there.binary_search(u).is_err())
        .collect())
}

/// A change done on the messages still there; if some were gone it ends as a visible
/// conflict (the local copies stay).
fn conflict(missing: &[u32], of: usize, folder: &str) -> Result<(), Failure> {
    if missing.is_empty() {
        Ok(())
    } else {
        Err(Failure::Permanent(tr!(
            "imap-change-conflict",
            count = missing.len(),
            total = of,
            folder = folder
        )))
    }
}

fn atoms(flags: &[Flag]) -> Vec<String> {
    flags.iter().map(|f| f.imap_atom().to_owned()).collect()
}

/// Removes exactly `uids` (already `\Deleted`): UID EXPUNGE with UIDPLUS; without it, a
/// plain EXPUNGE only when no other message of the folder is marked `\Deleted`, since that
/// would remove another client's messages too (RFC 4549 §4.2.4).
async fn expunge_ours(session: &mut Session, uids: &[u32]) -> Result<(), Failure> {
    if uids.is_empty() {
        return Ok(());
    }
    if session.capabilities().uidplus() {
        session.uid_expunge(uids).await?;
        return Ok(());
    }
    let deleted = session.uid_search("DELETED").await?;
    if deleted.iter().all(|u| uids.contains(u)) {
        session.simple("EXPUNGE").await?;
    } else {
        tracing::info!("leaving messages marked deleted: another client has deleted ones too");
    }
    Ok(())
}

/// MOVE or COPY of messages to another folder of the account, recording the new UIDs.
async fn transfer(
    session: &mut Session,
    ctx: &Ctx<'_>,
    from: &str,
    to: &str,
    messages: &[MovedMessage],
    is_move: bool,
) -> Result<(), Failure> {
    open(session, ctx, from).await?;
    // For a move the row is the same message; for a copy the row is the new one and the
    // source is known only by the UID recorded with the change.
    let mut by_uid: HashMap<u32, MessageId> = HashMap::new();
    for m in messages {
        let uid = if is_move {
            current_uid(ctx, m.source_uid, m.message).await?
        } else {
            m.source_uid
        };
        if let Some(uid) = uid {
            by_uid.insert(uid, m.message);
        }
    }
    let uids: Vec<u32> = by_uid.keys().copied().collect();
    let missing = missing(session, &uids).await?;
    let present: Vec<u32> = uids
        .iter()
        .copied()
        .filter(|u| !missing.contains(u))
        .collect();
    if !present.is_empty() {
        let copied = if is_move && session.capabilities().move_() {
            session.uid_move(&present, to).await
        } else {
            let copied = session.uid_copy(&present, to).await;
            if is_move && copied.is_ok() {
                session
                    .uid_store_flags(&present, true, &["\\Deleted".to_owned()])
                    .await?;
                expunge_ours(session, &present).await?;
            }
            copied
        };
        let copied = match copied {
            Ok(c) => c,
            Err(ImapError::Refused { text, .. }) => {
                return Err(Failure::Permanent(tr!(
                    "imap-change-folder-missing",
                    folder = to,
                    text = text
                )));
            }
            Err(e) => return Err(e.into()),
        };
        match copied {
            Some(c) => {
                for (old, new) in c.pairs {
                    if let Some(message) = by_uid.get(&old).copied() {
                        assign(ctx, message, new).await?;
                    }
                }
            }
            None => {
                for uid in &present {
                    if let Some(message) = by_uid.get(uid).copied() {
                        find_by_message_id(session, ctx, to, message).await?;
                    }
                }
            }
        }
    }
    conflict(&missing, uids.len(), from)
}

async fn assign(ctx: &Ctx<'_>, message: MessageId, uid: u32) -> Result<(), Failure> {
    match blocking(&ctx.store, move |s| s.assign_uid(message, uid)).await {
        Ok(()) | Err(ImapError::Store(StoreError::NoMessage(_))) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// Without COPYUID/APPENDUID: looks the message up in `folder` by its Message-ID and
/// records the UID when exactly one message matches. Returns whether it was found.
async fn find_by_message_id(
    session: &mut Session,
    ctx: &Ctx<'_>,
    folder: &str,
    message: MessageId,
) -> Result<bool, Failure> {
    let summary = match blocking(&ctx.store, move |s| s.summary(message)).await {
        Ok(s) => s,
        Err(ImapError::Store(StoreError::NoMessage(_))) => return Ok(false),
        Err(e) => return Err(e.into()),
    };
    let Some(message_id) = summary.message_id.filter(|m| !m.is_empty()) else {
        return Ok(false);
    };
    session.select(folder, SelectMode::Plain).await?;
    let needle = super::input::quoted(
        "Message-ID",
        &format!("<{}>", message_id.trim_matches(['<', '>'])),
    )?;
    let found = session
        .uid_search(&format!("HEADER Message-ID {needle}"))
        .await?;
    if let [uid] = found[..] {
        assign(ctx, message, uid).await?;
        return Ok(true);
    }
    Ok(false)
}

/// APPEND of a stored message (a Sent copy, a draft), recording its UID. On a retry, a
/// message the server already holds (the answer to the first try was lost) is not
/// appended twice.
async fn append(
    session: &mut Session,
    ctx: &Ctx<'_>,
    folder: &str,
    message: MessageId,
    flags: Flags,
    retry: bool,
) -> Result<(), Failure> {
    let raw = match blocking(&ctx.store, move |s| s.raw(message)).await {
        Ok(raw) => raw,
        // Deleted here before it reached the server: nothing to do.
        Err(ImapError::Store(StoreError::NoMessage(_))) => return Ok(()),
        Err(ImapError::Store(e @ StoreError::NoBody(_))) => {
            return Err(Failure::Permanent(
                crate::engine::error::Localized::localized(&e),
            ));
        }
        Err(e) => return Err(e.into()),
    };
    if retry && find_by_message_id(session, ctx, folder, message).await? {
        return Ok(());
    }
    let atoms: Vec<String> = flags.imap_atoms().iter().map(|s| (*s).to_owned()).collect();
    let appended = match session.append(folder, &atoms, None, &raw).await {
        Ok(a) => a,
        Err(ImapError::Refused { text, .. }) => {
            return Err(Failure::Permanent(tr!(
                "imap-change-folder-missing",
                folder = folder,
                text = text
            )));
        }
        Err(e) => return Err(e.into()),
    };
    let (account, name) = (ctx.id, folder.to_owned());
    let known_validity = blocking(&ctx.store, move |s| s.folder_by_name(account, &name))
        .await?
        .and_then(|f| f.sync.uidvalidity);
    match appended {
        // A UID under another UIDVALIDITY than ours would mix generations: the next sync
        // rebuilds the folder instead.
        Some((validity, uid)) if known_validity.is_none_or(|v| v == validity) => {
            assign(ctx, message, uid).await?;
        }
        Some(_) => {}
        None => {
            find_by_message_id(session, ctx, folder, message).await?;
        }
    }
    Ok(())
}
