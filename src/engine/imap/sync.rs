//! Syncing an IMAP account into the store: replay what the user did offline, mirror the
//! folder list, bring every folder's headers and flags up to date (newest first, in batches,
//! so the list is usable at once), then fetch bodies newest first.
//!
//! What to do per folder is decided by [`super::plan`]; this module only carries it out.
//! Progress goes out as [`Event`]s. Every batch is stored as it arrives, and a folder's sync
//! state (UIDNEXT, HIGHESTMODSEQ) is recorded only once its headers are complete, so a
//! connection lost at any point resumes where it stopped: nothing lost, nothing twice.

use std::collections::{HashMap, HashSet, VecDeque};

use super::error::ImapError;
use super::fetch::{FetchItem, parse_internal_date};
use super::folders::RemoteFolder;
use super::plan::{self, Plan, SelectMode};
use super::session::{Handled, Session};
use super::unfetched::{self, Part, Trouble, Unfetched, Verdict};
use crate::engine::account::{Account, Protocol};
use crate::engine::error::Localized;
use crate::engine::events::{Event, Events, Phase};
use crate::engine::secret::Secret;
use crate::engine::store::{
    AccountId, Change, ChangeState, Flags, Folder, FolderId, FolderSpec, MessageId, NewHeaders,
    RawMessage, ServerFlags, Store, StoreError, SyncState,
};

/// Headers per FETCH: big enough to keep the line busy, small enough to show progress and
/// to lose little when the connection drops.
const HEADER_BATCH: usize = 500;
/// Bodies per FETCH, and at most this many bytes (by RFC822.SIZE) per batch.
const BODY_BATCH: usize = 250;
const BODY_BATCH_BYTES: u64 = 16 * 1024 * 1024;
/// FETCH commands in flight at once: while one batch is stored, the next one streams in.
const PIPELINE: usize = 2;
/// How often one sync reconnects after the connection was lost while fetching messages
/// (each time, it must have learnt something about a message the server cannot send).
const MAX_RECONNECTS: u32 = 8;

/// What a sync did, for the command line and the tests.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct SyncReport {
    pub folders: usize,
    /// Header rows added.
    pub new: u64,
    /// Messages removed because the server expunged them.
    pub removed: u64,
    /// Messages whose flags changed on the server.
    pub flags_changed: u64,
    /// Bodies downloaded.
    pub bodies: u64,
    pub bytes: u64,
    /// Offline changes replayed, and those that failed (kept with their reason).
    pub replayed: u64,
    pub replay_failed: u64,
    /// Folders whose UIDVALIDITY changed and whose cache was rebuilt.
    pub rebuilt: Vec<String>,
    /// How each folder was brought up to date: `up-to-date`, `qresync`, `condstore`,
    /// `compare`, `full` or `rebuild`.
    pub methods: std::collections::BTreeMap<String, String>,
    /// Messages the server failed to send (a damaged file on its side): skipped this time,
    /// tried again at the next sync. Each was also reported as an [`Event::Error`].
    pub unfetched: Vec<Unfetched>,
    /// Connections reopened during this sync after the server closed one on such a message.
    pub reconnects: u32,
}

impl SyncReport {
    fn add(&mut self, other: &SyncReport) {
        self.new += other.new;
        self.removed += other.removed;
        self.flags_changed += other.flags_changed;
        self.bodies += other.bodies;
        self.bytes += other.bytes;
        self.rebuilt.extend(other.rebuilt.iter().cloned());
        self.methods
            .extend(other.methods.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
}

/// The account a sync works for.
pub(crate) struct Ctx<'a> {
    pub account: &'a Account,
    pub id: AccountId,
    pub store: Store,
    pub events: Events,
    /// Messages the server failed on, kept across reconnections.
    pub trouble: std::sync::Mutex<Trouble>,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(account: &'a Account, id: AccountId, store: &Store, events: &Events) -> Self {
        Self {
            account,
            id,
            store: store.clone(),
            events: events.clone(),
            trouble: std::sync::Mutex::new(Trouble::default()),
        }
    }

    pub(crate) fn trouble(&self) -> std::sync::MutexGuard<'_, Trouble> {
        // Nothing panics while holding it; a poisoned record is still the best one there is.
        self.trouble.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn progress(&self, folder: &str, phase: Phase, done: u64, total: u64, bytes: u64) {
        self.events.emit(Event::Progress {
            account: self.account.name.clone(),
            folder: folder.to_owned(),
            phase,
            done,
            total,
            bytes,
        });
    }

    fn changed(&self, folder: &str) {
        self.events.emit(Event::Changed {
            account: self.account.name.clone(),
            folder: Some(folder.to_owned()),
        });
    }
}

/// Runs a store call off the async threads.
pub(crate) async fn blocking<T, F>(store: &Store, f: F) -> Result<T, ImapError>
where
    T: Send + 'static,
    F: FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
{
    let store = store.clone();
    match tokio::task::spawn_blocking(move || f(&store)).await {
        Ok(result) => result.map_err(ImapError::from),
        Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        Err(e) => Err(ImapError::Store(StoreError::Change(e.to_string()))),
    }
}

/// Syncs every folder of an IMAP account: connects, replays the offline queue, mirrors the
/// folder list, brings headers and flags of every folder up to date, then downloads bodies
/// (all of them, or those of the last `bodies_for_days`).
pub async fn sync_account(
    account: &Account,
    password: &Secret,
    store: &Store,
    events: &Events,
) -> Result<SyncReport, ImapError> {
    if account.protocol != Protocol::Imap {
        return Err(ImapError::NotImap(account.name.clone()));
    }
    let name = account.name.clone();
    let id = blocking(store, move |s| s.ensure_account(&name, Protocol::Imap)).await?;
    let ctx = Ctx::new(account, id, store, events);
    let mut session = super::connect(account, password).await?;
    session.enable_extensions().await?;
    let mut report = SyncReport::default();
    loop {
        let learnt = ctx.trouble().generation();
        let result = sync_session(&mut session, &ctx, &mut report).await;
        report.unfetched = ctx.trouble().list.clone();
        match result {
            Ok(()) => break,
            // The connection broke while fetching messages, and the sync learnt which ones
            // were in flight (or which one the server cannot send): a new connection goes on
            // with the rest. Everything stored so far stays; nothing is fetched twice.
            Err(e)
                if e.is_connection_lost()
                    && ctx.trouble().generation() != learnt
                    && report.reconnects < MAX_RECONNECTS =>
            {
                tracing::warn!(account = %account.name, error = %e, "connection lost mid-fetch; reconnecting");
                report.reconnects += 1;
                session = super::connect(account, password).await?;
                session.enable_extensions().await?;
            }
            Err(e) => return Err(e),
        }
    }
    session.logout().await;
    Ok(report)
}

/// Replays the account's offline changes now, without a sync: what a front end calls right
/// after the user acted, when online. Offline, the error says so and the changes wait.
pub async fn replay_account(
    account: &Account,
    password: &Secret,
    store: &Store,
    events: &Events,
) -> Result<super::replay::ReplayReport, ImapError> {
    if account.protocol != Protocol::Imap {
        return Err(ImapError::NotImap(account.name.clone()));
    }
    let name = account.name.clone();
    let id = blocking(store, move |s| s.ensure_account(&name, Protocol::Imap)).await?;
    let ctx = Ctx::new(account, id, store, events);
    let mut session = super::connect(account, password).await?;
    session.enable_extensions().await?;
    let report = super::replay::replay(&mut session, &ctx).await;
    session.logout().await;
    report
}

/// The whole sync over an open session, adding what it did to `report` (also when it fails
/// halfway, so a sync continued over a new connection reports the whole).
pub(crate) async fn sync_session(
    session: &mut Session,
    ctx: &Ctx<'_>,
    report: &mut SyncReport,
) -> Result<(), ImapError> {
    let replay = super::replay::replay(session, ctx).await?;
    report.replayed += replay.done;
    report.replay_failed += replay.failed;

    let listed = sync_folder_list(session, ctx).await?;
    report.folders = listed.len();
    for (folder, status) in &listed {
        if let Some(status) = status {
            let fid = folder.id;
            let count = blocking(&ctx.store, move |s| s.counts(fid)).await?.total;
            if plan::unchanged_by_status(&local_state(folder, count), status) {
                report
                    .methods
                    .insert(folder.name.clone(), Plan::UpToDate.name().to_owned());
                continue;
            }
        }
        sync_headers(session, ctx, folder, report).await?;
    }
    let folders: Vec<Folder> = listed.into_iter().map(|(f, _)| f).collect();
    for folder in &folders {
        sync_bodies(session, ctx, folder.id, &folder.name, report).await?;
    }
    Ok(())
}

/// What the store knows about a folder, for the planner.
fn local_state(folder: &Folder, count: u64) -> plan::Local {
    plan::Local {
        uidvalidity: folder.sync.uidvalidity,
        uidnext: folder.sync.uidnext,
        highestmodseq: folder.sync.highestmodseq,
        count,
    }
}

/// Mirrors the server's folder list in the store and returns the folders to sync (with the
/// STATUS the server listed them with, if any), Inbox first, then by role, then by name. Folders created, renamed or deleted elsewhere show up
/// here; a rename keeps the cached mail (recognised by UIDVALIDITY, which RENAME keeps).
pub(crate) async fn sync_folder_list(
    session: &mut Session,
    ctx: &Ctx<'_>,
) -> Result<Vec<(Folder, Option<plan::Status>)>, ImapError> {
    let remote: Vec<RemoteFolder> = session
        .list_folders()
        .await?
        .into_iter()
        .filter(|f| f.selectable)
        .collect();
    let account = ctx.id;
    let local = blocking(&ctx.store, move |s| s.folder_list(account)).await?;
    let pending = blocking(&ctx.store, move |s| s.pending_changes(account)).await?;
    let busy: HashSet<String> = pending
        .iter()
        .flat_map(|q| folders_named(&q.change))
        .collect();

    let remote_names: HashSet<&str> = remote.iter().map(|f| f.name.as_str()).collect();
    let local_names: HashSet<&str> = local.iter().map(|f| f.name.as_str()).collect();
    let vanished: Vec<&Folder> = local
        .iter()
        .filter(|f| !remote_names.contains(f.name.as_str()) && !busy.contains(&f.name))
        .collect();
    let appeared: Vec<&RemoteFolder> = remote
        .iter()
        .filter(|f| !local_names.contains(f.name.as_str()))
        .collect();

    // A folder renamed elsewhere: gone under its old name, there under a new one with the
    // same UIDVALIDITY. Its cached mail moves with it instead of downloading again.
    let mut renamed: HashSet<FolderId> = HashSet::new();
    if !vanished.is_empty() && !appeared.is_empty() {
        for new in &appeared {
            let Some(validity) = session.status_uidvalidity(&new.name).await? else {
                continue;
            };
            let old = vanished
                .iter()
                .find(|f| f.sync.uidvalidity == Some(validity) && !renamed.contains(&f.id));
            if let Some(old) = old {
                let (id, to) = (old.id, new.name.clone());
                blocking(&ctx.store, move |s| s.rename_folder_synced(id, &to)).await?;
                renamed.insert(old.id);
            }
        }
    }
    for old in vanished.iter().filter(|f| !renamed.contains(&f.id)) {
        let id = old.id;
        let local_only = blocking(&ctx.store, move |s| has_local_only(s, id)).await?;
        if local_only {
            // Messages only we have (a draft waiting to be appended): never dropped.
            tracing::warn!(folder = %old.name, "folder gone on the server keeps local-only mail");
            continue;
        }
        blocking(&ctx.store, move |s| s.remove_folder(id)).await?;
    }
    for f in &remote {
        let mut spec = FolderSpec::new(f.name.clone()).subscribed(f.subscribed);
        if let Some(d) = f.delimiter {
            spec = spec.delimiter(d.to_string());
        }
        if let Some(role) = f.role {
            spec = spec.role(role);
        }
        blocking(&ctx.store, move |s| s.upsert_folder(account, &spec)).await?;
    }
    let mut folders = blocking(&ctx.store, move |s| s.folder_list(account)).await?;
    folders.retain(|f| remote_names.contains(f.name.as_str()));
    folders.sort_by_key(|f| (sync_rank(f), f.name.clone()));
    ctx.events.emit(Event::Changed {
        account: ctx.account.name.clone(),
        folder: None,
    });
    let status: HashMap<&str, plan::Status> = remote
        .iter()
        .filter_map(|f| Some((f.name.as_str(), f.status?)))
        .collect();
    Ok(folders
        .into_iter()
        .map(|f| {
            let s = status.get(f.name.as_str()).copied();
            (f, s)
        })
        .collect())
}

/// Whether a folder holds messages the server never had (no UID yet).
fn has_local_only(store: &Store, folder: FolderId) -> Result<bool, StoreError> {
    let mut page = crate::engine::store::Page::first(500);
    loop {
        let list = store.list_folder(folder, &page)?;
        if list.iter().any(|m| m.uid.is_none()) {
            return Ok(true);
        }
        match list.last() {
            Some(last) if list.len() == page.limit => {
                page = crate::engine::store::Page::after(last.cursor(), 500);
            }
            _ => return Ok(false),
        }
    }
}

/// Inbox first, then the folders people look at most.
fn sync_rank(f: &Folder) -> u8 {
    use crate::engine::store::Role;
    match f.role {
        Some(Role::Inbox) => 0,
        Some(Role::Sent) => 1,
        Some(Role::Drafts) => 2,
        Some(Role::Archive) => 3,
        None => 4,
        Some(Role::Junk) => 5,
        Some(Role::Trash) => 6,
    }
}

/// Folder names a queued change needs to stay as they are until it is replayed.
fn folders_named(change: &Change) -> Vec<String> {
    match change {
        Change::Flags { folder, .. } | Change::Expunge { folder, .. } => vec![folder.clone()],
        Change::Move { from, to, .. } | Change::Copy { from, to, .. } => {
            vec![from.clone(), to.clone()]
        }
        Change::CreateFolder { name } | Change::DeleteFolder { name } => vec![name.clone()],
        Change::RenameFolder { from, to } => vec![from.clone(), to.clone()],
        Change::Append { folder, .. } => vec![folder.clone()],
        Change::Pop3Delete { .. } => Vec::new(),
    }
}

/// UIDs of `folder` that queued changes still act on: their local state is newer than the
/// server's until replayed, so sync leaves them alone.
fn protected_uids(pending: &[crate::engine::store::QueuedChange], folder: &str) -> HashSet<u32> {
    let mut out = HashSet::new();
    for q in pending.iter().filter(|q| q.state == ChangeState::Pending) {
        match &q.change {
            Change::Flags {
                folder: f, targets, ..
            } if f == folder => out.extend(targets.iter().filter_map(|t| t.uid)),
            Change::Move { from, messages, .. } | Change::Copy { from, messages, .. }
                if from == folder =>
            {
                out.extend(messages.iter().filter_map(|m| m.source_uid));
            }
            Change::Expunge { folder: f, uids } if f == folder => out.extend(uids),
            _ => {}
        }
    }
    out
}

/// Flags as the server writes them, in the store's terms.
pub(crate) fn server_flags(uid: u32, atoms: &[String]) -> ServerFlags {
    let (flags, keywords) = Flags::parse_imap(atoms.iter().map(String::as_str));
    ServerFlags {
        uid,
        flags,
        keywords,
    }
}

/// The store's flags as IMAP atoms, normalised for comparing.
fn local_atoms(f: &ServerFlags) -> Vec<String> {
    let mut atoms: Vec<String> = f
        .flags
        .imap_atoms()
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    atoms.extend(f.keywords.iter().cloned());
    plan::normalise_flags(&atoms)
}

/// Brings one folder's headers and flags up to date.
/// What it did is added to `out`, also when it fails halfway.
pub(crate) async fn sync_headers(
    session: &mut Session,
    ctx: &Ctx<'_>,
    folder: &Folder,
    out: &mut SyncReport,
) -> Result<(), ImapError> {
    let mut report = SyncReport::default();
    let result = folder_headers(session, ctx, folder, &mut report).await;
    out.add(&report);
    result
}

async fn folder_headers(
    session: &mut Session,
    ctx: &Ctx<'_>,
    folder: &Folder,
    report: &mut SyncReport,
) -> Result<(), ImapError> {
    let fid = folder.id;
    let count = blocking(&ctx.store, move |s| s.counts(fid)).await?.total;
    let local = local_state(folder, count);
    let tier = plan::Tier {
        qresync: session.enabled().qresync,
        condstore: session.capabilities().condstore(),
    };
    let mode = plan::select_mode(&local, tier);
    let selected = session.select(&folder.name, mode).await?;
    let server = plan::Server {
        uidvalidity: selected.uidvalidity,
        uidnext: selected.uidnext,
        exists: selected.exists,
        highestmodseq: selected.highestmodseq,
    };
    let decided = plan::plan(&local, &server, mode);
    tracing::debug!(folder = %folder.name, ?decided, "folder sync plan");
    report
        .methods
        .insert(folder.name.clone(), decided.name().to_owned());
    let account = ctx.id;
    let pending = blocking(&ctx.store, move |s| s.pending_changes(account)).await?;
    let protected = protected_uids(&pending, &folder.name);
    let incremental = local.uidnext.is_some();

    match decided {
        Plan::UpToDate => {}
        Plan::Rebuild => {
            fail_changes_for_rebuilt(ctx, &pending, &folder.name).await?;
            let validity = selected.uidvalidity;
            blocking(&ctx.store, move |s| s.clear_folder(fid, validity)).await?;
            report.rebuilt.push(folder.name.clone());
            full_listing(session, ctx, folder, &protected, report).await?;
        }
        Plan::Full | Plan::Compare => {
            if local.uidvalidity.is_none() {
                // Bind the UIDs about to be stored to this UIDVALIDITY before the first one.
                let state = SyncState {
                    uidvalidity: Some(selected.uidvalidity),
                    uidnext: None,
                    highestmodseq: None,
                };
                blocking(&ctx.store, move |s| s.set_sync_state(fid, state)).await?;
            }
            full_listing(session, ctx, folder, &protected, report).await?;
        }
        Plan::Qresync { .. } => {
            let known = known_uids(ctx, fid).await?;
            remove_gone(ctx, fid, &selected.vanished, report).await?;
            let mut sorted = Sorted::default();
            for item in &selected.changed {
                if let (Some(uid), Some(flags)) = (item.uid, item.flags.as_ref()) {
                    sorted.take(uid, flags, &known, &protected);
                }
            }
            apply_flags(ctx, fid, sorted.updates, report).await?;
            sorted.new.sort_unstable_by(|a, b| b.cmp(a));
            fetch_headers(session, ctx, folder, &sorted.new, report).await?;
        }
        Plan::Condstore { changed_since, .. } => {
            superseded_news(session, ctx, fid, report).await?;
            let known = known_uids(ctx, fid).await?;
            let mut sorted = Sorted::default();
            session
                .uid_fetch(
                    "1:*",
                    &format!("(UID FLAGS) (CHANGEDSINCE {changed_since})"),
                    |item| match (item.uid, item.flags) {
                        (Some(uid), Some(flags)) => {
                            sorted.take(uid, &flags, &known, &protected);
                            Handled::Yes
                        }
                        _ => Handled::No,
                    },
                )
                .await?;
            apply_flags(ctx, fid, sorted.updates, report).await?;
            sorted.new.sort_unstable_by(|a, b| b.cmp(a));
            fetch_headers(session, ctx, folder, &sorted.new, report).await?;
            let count = blocking(&ctx.store, move |s| s.counts(fid)).await?.total;
            if plan::expunge_scan_needed(selected.exists, count) {
                let on_server: HashSet<u32> =
                    session.uid_search("ALL").await?.into_iter().collect();
                let gone: Vec<u32> = known_uids(ctx, fid)
                    .await?
                    .into_keys()
                    .filter(|u| !on_server.contains(u))
                    .collect();
                remove_gone(ctx, fid, &gone, report).await?;
            }
        }
    }

    apply_unsolicited(session, ctx, fid, &protected, report).await?;
    // A message whose headers the server could not send is not listed yet: the folder's
    // sync is left incomplete (no UIDNEXT), so the next one lists it again and retries it.
    let complete = !ctx.trouble().headers_skipped(fid);
    let state = SyncState {
        uidvalidity: Some(selected.uidvalidity),
        uidnext: selected.uidnext.filter(|_| complete),
        highestmodseq: selected.highestmodseq.filter(|_| complete),
    };
    blocking(&ctx.store, move |s| s.set_sync_state(fid, state)).await?;
    if report.new > 0 && incremental {
        ctx.events.emit(Event::NewMail {
            account: ctx.account.name.clone(),
            folder: folder.name.clone(),
            count: report.new,
        });
    }
    if report.new + report.removed + report.flags_changed > 0 {
        ctx.changed(&folder.name);
    }
    Ok(())
}

/// What the server reported changed, sorted: flag updates of messages we have, and UIDs we
/// lack (new). Messages queued changes act on, and new ones already marked `\Deleted`
/// (on their way out), are left alone.
#[derive(Default)]
struct Sorted {
    updates: Vec<ServerFlags>,
    new: Vec<u32>,
}

impl Sorted {
    fn take(
        &mut self,
        uid: u32,
        flags: &[String],
        known: &HashMap<u32, Vec<String>>,
        protected: &HashSet<u32>,
    ) {
        if protected.contains(&uid) {
            return;
        }
        match known.get(&uid) {
            Some(ours) if *ours != plan::normalise_flags(flags) => {
                self.updates.push(server_flags(uid, flags));
            }
            Some(_) => {}
            None if !flags.iter().any(|f| f.eq_ignore_ascii_case("\\Deleted")) => {
                self.new.push(uid);
            }
            None => {}
        }
    }
}

/// The stored UIDs of a folder with their flags as IMAP atoms.
async fn known_uids(ctx: &Ctx<'_>, fid: FolderId) -> Result<HashMap<u32, Vec<String>>, ImapError> {
    let index = blocking(&ctx.store, move |s| s.uid_index(fid)).await?;
    Ok(index.iter().map(|f| (f.uid, local_atoms(f))).collect())
}

/// Lists every UID with its flags and compares with the store: a first sync, a resumed one,
/// or a server without MODSEQ.
async fn full_listing(
    session: &mut Session,
    ctx: &Ctx<'_>,
    folder: &Folder,
    protected: &HashSet<u32>,
    report: &mut SyncReport,
) -> Result<(), ImapError> {
    let fid = folder.id;
    superseded_news(session, ctx, fid, report).await?;
    let mut listing: Vec<(u32, Vec<String>)> = Vec::new();
    session
        .uid_fetch("1:*", "(UID FLAGS)", |item| match (item.uid, item.flags) {
            (Some(uid), Some(flags)) => {
                listing.push((uid, flags));
                Handled::Yes
            }
            _ => Handled::No,
        })
        .await?;
    let known = known_uids(ctx, fid).await?;
    let diff = plan::diff(&listing, &known);
    let deleted: HashSet<u32> = listing
        .iter()
        .filter(|(_, f)| f.iter().any(|x| x.eq_ignore_ascii_case("\\Deleted")))
        .map(|(u, _)| *u)
        .collect();
    let new: Vec<u32> = diff
        .new
        .into_iter()
        .filter(|u| !protected.contains(u) && !deleted.contains(u))
        .collect();
    let gone: Vec<u32> = diff
        .gone
        .into_iter()
        .filter(|u| !protected.contains(u))
        .collect();
    remove_gone(ctx, fid, &gone, report).await?;
    let updates: Vec<ServerFlags> = diff
        .changed
        .iter()
        .filter(|(u, _)| !protected.contains(u))
        .map(|(u, f)| server_flags(*u, f))
        .collect();
    apply_flags(ctx, fid, updates, report).await?;
    fetch_headers(session, ctx, folder, &new, report).await
}

async fn remove_gone(
    ctx: &Ctx<'_>,
    fid: FolderId,
    uids: &[u32],
    report: &mut SyncReport,
) -> Result<(), ImapError> {
    if uids.is_empty() {
        return Ok(());
    }
    let uids = uids.to_vec();
    let n = blocking(&ctx.store, move |s| s.remove_uids(fid, &uids)).await?;
    report.removed += n as u64;
    Ok(())
}

async fn apply_flags(
    ctx: &Ctx<'_>,
    fid: FolderId,
    updates: Vec<ServerFlags>,
    report: &mut SyncReport,
) -> Result<(), ImapError> {
    if updates.is_empty() {
        return Ok(());
    }
    report.flags_changed += updates.len() as u64;
    blocking(&ctx.store, move |s| s.set_server_flags(fid, &updates)).await
}

/// Before a listing or CHANGEDSINCE fetch: flag changes announced so far are older than
/// what that fetch returns and are dropped (applied after it, they would undo newer
/// state); expunges are applied, as the fetch will not mention them.
async fn superseded_news(
    session: &mut Session,
    ctx: &Ctx<'_>,
    fid: FolderId,
    report: &mut SyncReport,
) -> Result<(), ImapError> {
    let early = session.take_unsolicited();
    remove_gone(ctx, fid, &early.vanished, report).await
}

/// Applies what the server announced on its own during the sync (another client's
/// expunges and flag changes).
async fn apply_unsolicited(
    session: &mut Session,
    ctx: &Ctx<'_>,
    fid: FolderId,
    protected: &HashSet<u32>,
    report: &mut SyncReport,
) -> Result<(), ImapError> {
    let news = session.take_unsolicited();
    remove_gone(ctx, fid, &news.vanished, report).await?;
    let mut latest: HashMap<u32, Vec<String>> = HashMap::new();
    for f in news.flags {
        latest.insert(f.uid, f.flags);
    }
    let updates: Vec<ServerFlags> = latest
        .iter()
        .filter(|(u, _)| !protected.contains(u))
        .map(|(u, f)| server_flags(*u, f))
        .collect();
    // Unknown UIDs are ignored by the store: they are new and come with their headers.
    if !updates.is_empty() {
        blocking(&ctx.store, move |s| s.set_server_flags(fid, &updates)).await?;
    }
    Ok(())
}

/// Queued changes that name UIDs of a folder whose UIDVALIDITY changed can never be
/// replayed (those UIDs mean other messages now): they fail, visibly, with the reason.
pub(crate) async fn fail_changes_for_rebuilt(
    ctx: &Ctx<'_>,
    pending: &[crate::engine::store::QueuedChange],
    folder: &str,
) -> Result<(), ImapError> {
    let reason = crate::tr!("imap-change-failed-uidvalidity", folder = folder);
    for q in pending.iter().filter(|q| q.state == ChangeState::Pending) {
        let uses_uids = match &q.change {
            Change::Flags { folder: f, .. } | Change::Expunge { folder: f, .. } => f == folder,
            Change::Move { from, .. } | Change::Copy { from, .. } => from == folder,
            _ => false,
        };
        if uses_uids {
            let (id, why) = (q.id, reason.clone());
            blocking(&ctx.store, move |s| s.fail_change(id, &why, true)).await?;
            ctx.events.emit(Event::Error {
                account: ctx.account.name.clone(),
                message: reason.clone(),
            });
        }
    }
    Ok(())
}

/// Fetches the header sections (with flags, size and date) of `uids`, in the order given
/// (newest first), in pipelined batches; each batch is stored while the next streams in.
/// A batch the server fails on is kept as far as it came, and the rest of it is asked for
/// one message at a time ([`unfetched`]).
pub(crate) async fn fetch_headers(
    session: &mut Session,
    ctx: &Ctx<'_>,
    folder: &Folder,
    uids: &[u32],
    report: &mut SyncReport,
) -> Result<(), ImapError> {
    let fid = folder.id;
    // Suspects from a connection the server closed go alone, before the rest.
    let (suspects, uids): (Vec<u32>, Vec<u32>) = {
        let trouble = ctx.trouble();
        uids.iter()
            .copied()
            .filter(|u| !trouble.is_skipped(fid, Part::Headers, *u))
            .partition(|u| trouble.is_suspect(fid, Part::Headers, *u))
    };
    if suspects.is_empty() && uids.is_empty() {
        return Ok(());
    }
    ctx.trouble().take_suspects(fid, Part::Headers);
    isolate_headers(session, ctx, folder, &suspects, report).await?;
    let total = uids.len() as u64;
    let batches = plan::batches(&uids, HEADER_BATCH);
    // A server may run pipelined FETCHes concurrently and interleave their answers
    // (RFC 3501 §5.5), so responses are matched by UID against every batch in flight.
    let mut in_flight: VecDeque<(async_imap::imap_proto::RequestId, usize)> = VecDeque::new();
    let mut wanted: HashSet<u32> = HashSet::new();
    let mut next = 0;
    // The batch being stored while the next one streams in, with its size; progress counts
    // what is stored, so "done" never runs ahead of the disk.
    let mut storing: Option<(Storing, u64, u64)> = None;
    let (mut done, mut bytes) = (0u64, 0u64);
    let result: Result<(), ImapError> = async {
        loop {
            while in_flight.len() < PIPELINE && next < batches.len() {
                let set = super::input::uid_set(&batches[next]);
                let tag = session
                    .send(&format!("UID FETCH {set} {HEADER_ITEMS}"))
                    .await?;
                in_flight.push_back((tag, next));
                wanted.extend(batches[next].iter().copied());
                next += 1;
            }
            let Some((tag, batch)) = in_flight.pop_front() else {
                break;
            };
            let mut rows = Vec::with_capacity(HEADER_BATCH);
            let mut batch_bytes = 0u64;
            let finished = session
                .finish(&tag, |r| {
                    let Some(item) = fetch_item(r) else {
                        return Handled::No;
                    };
                    match header_row(item, &mut wanted) {
                        Some(row) => {
                            batch_bytes += row.headers.len() as u64;
                            rows.push(row);
                            Handled::Yes
                        }
                        None => Handled::No,
                    }
                })
                .await
                .and_then(|d| session.check("UID FETCH", d));
            if let Some((previous, n, b)) = storing.take() {
                report.new += join_store(previous).await? as u64;
                (done, bytes) = (done + n, bytes + b);
                ctx.progress(&folder.name, Phase::Headers, done, total, bytes);
                ctx.changed(&folder.name);
            }
            // What arrived is stored whatever happened next.
            let store = ctx.store.clone();
            let n = rows.len() as u64;
            let handle = tokio::task::spawn_blocking(move || {
                store.store_headers(fid, rows).map(|stored| {
                    stored
                        .iter()
                        .filter(|s| matches!(s, crate::engine::store::Stored::New(_)))
                        .count()
                })
            });
            storing = Some((handle, n, batch_bytes));
            if let Err(e) = finished {
                let pending = in_flight.iter().map(|(_, b)| batches[*b].as_slice());
                failed_batch(
                    ctx,
                    fid,
                    Part::Headers,
                    &batches[batch],
                    pending,
                    &mut wanted,
                    e,
                )?;
            }
        }
        Ok(())
    }
    .await;
    // A batch already read is stored even when the connection broke after it.
    if let Some((last, n, b)) = storing.take() {
        report.new += join_store(last).await? as u64;
        ctx.progress(&folder.name, Phase::Headers, done + n, total, bytes + b);
        ctx.changed(&folder.name);
    }
    result?;
    let suspects = ctx.trouble().take_suspects(fid, Part::Headers);
    isolate_headers(session, ctx, folder, &suspects, report).await
}

/// The FETCH items of a header row.
const HEADER_ITEMS: &str = "(UID FLAGS RFC822.SIZE INTERNALDATE BODY.PEEK[HEADER])";

/// The UIDs of `batch` that did not arrive, taken off `wanted`.
fn not_received(batch: &[u32], wanted: &mut HashSet<u32>) -> Vec<u32> {
    batch.iter().copied().filter(|u| wanted.remove(u)).collect()
}

/// A batch FETCH failed: what did not arrive is suspect. If it was the server's doing (NO,
/// BAD, BYE), those messages are asked for one at a time; after a silent cut they simply
/// come again with the next sync. A lost connection also leaves the batches still in flight
/// suspect, and ends the pass with the error.
fn failed_batch<'b>(
    ctx: &Ctx<'_>,
    fid: FolderId,
    part: Part,
    batch: &[u32],
    in_flight: impl Iterator<Item = &'b [u32]>,
    wanted: &mut HashSet<u32>,
    e: ImapError,
) -> Result<(), ImapError> {
    let missing = not_received(batch, wanted);
    tracing::warn!(folder = ?fid, ?part, missing = missing.len(), error = %e, "a FETCH batch failed");
    ctx.trouble().suspect(fid, part, missing);
    if !e.is_connection_lost() {
        return Ok(());
    }
    let rest: Vec<u32> = in_flight.flatten().copied().collect();
    ctx.trouble()
        .suspect(fid, part, not_received(&rest, wanted));
    Err(e)
}

/// Fetches `uids` one at a time with `items`, handing each answer to `got`. A message the
/// server fails on alone is skipped and reported; a connection lost without the server's
/// word leaves the rest suspect and ends with the error.
async fn isolate(
    session: &mut Session,
    ctx: &Ctx<'_>,
    folder: (FolderId, &str),
    part: Part,
    uids: &[u32],
    items: &str,
    mut got: impl FnMut(FetchItem),
) -> Result<(), ImapError> {
    let (fid, name) = folder;
    for (i, &uid) in uids.iter().enumerate() {
        let struck = ctx.trouble().strikes(fid, part, uid) > 0;
        if struck {
            // This message broke a connection before: first make sure this connection can
            // fetch it at all, so a second silent close can only be its contents' doing.
            if let Err(e) = session
                .uid_fetch(&uid.to_string(), "(UID FLAGS)", |it| {
                    if it.uid == Some(uid) {
                        Handled::Yes
                    } else {
                        Handled::No
                    }
                })
                .await
            {
                ctx.trouble().suspect(fid, part, uids[i..].iter().copied());
                return Err(e);
            }
        }
        let mut item = None;
        let fetched = async {
            let tag = session.send(&format!("UID FETCH {uid} {items}")).await?;
            let done = session
                .finish(&tag, |r| match fetch_item(r) {
                    Some(it) if it.uid == Some(uid) => {
                        item = Some(it);
                        Handled::Yes
                    }
                    _ => Handled::No,
                })
                .await?;
            session.check("UID FETCH", done)
        }
        .await;
        let e = match fetched {
            // An empty answer: expunged meanwhile, nothing to fetch.
            Ok(_) => {
                got(item.take().unwrap_or_default());
                continue;
            }
            Err(e) => e,
        };
        let rest = match unfetched::verdict(session.bye.as_deref(), &e) {
            Verdict::Server => {
                skip(ctx, fid, name, part, uid, &e).await;
                i + 1
            }
            Verdict::Silent if struck => {
                skip(ctx, fid, name, part, uid, &e).await;
                i + 1
            }
            Verdict::Silent => {
                ctx.trouble().strike(fid, part, uid);
                i
            }
            Verdict::Other => i,
        };
        if e.is_connection_lost() || matches!(e, ImapError::Protocol { .. }) {
            ctx.trouble()
                .suspect(fid, part, uids[rest..].iter().copied());
            return Err(e);
        }
        if rest == i {
            // Not the message's fault and the connection still stands: a real error.
            return Err(e);
        }
    }
    Ok(())
}

/// Records a message the server failed on and tells the user which one.
async fn skip(ctx: &Ctx<'_>, fid: FolderId, folder: &str, part: Part, uid: u32, e: &ImapError) {
    let reason = match e {
        ImapError::Refused { text, .. } | ImapError::Rejected { text, .. } => text.clone(),
        ImapError::Closed {
            text: Some(text), ..
        } => text.clone(),
        other => other.localized(),
    };
    // The subject is only for the user's eyes: a store hiccup here leaves it out.
    let known = blocking(&ctx.store, move |s| {
        let Some(id) = s.message_by_uid(fid, uid)? else {
            return Ok(None);
        };
        Ok(Some((id, s.summary(id)?.subject)))
    })
    .await
    .ok()
    .flatten();
    let unfetched = Unfetched {
        folder: folder.to_owned(),
        uid,
        part,
        message: known.as_ref().map(|(id, _)| *id),
        subject: known.map(|(_, s)| s),
        reason,
    };
    tracing::warn!(?unfetched, "the server could not send a message; skipped");
    ctx.events.emit(Event::Error {
        account: ctx.account.name.clone(),
        message: unfetched.localized(),
    });
    ctx.trouble().skip(fid, unfetched);
}

/// Header rows fetched one at a time (see [`isolate`]), stored as they come.
async fn isolate_headers(
    session: &mut Session,
    ctx: &Ctx<'_>,
    folder: &Folder,
    uids: &[u32],
    report: &mut SyncReport,
) -> Result<(), ImapError> {
    if uids.is_empty() {
        return Ok(());
    }
    let mut wanted: HashSet<u32> = uids.iter().copied().collect();
    let mut rows = Vec::new();
    let result = isolate(
        session,
        ctx,
        (folder.id, &folder.name),
        Part::Headers,
        uids,
        HEADER_ITEMS,
        |item| rows.extend(header_row(item, &mut wanted)),
    )
    .await;
    if !rows.is_empty() {
        let fid = folder.id;
        let stored = blocking(&ctx.store, move |s| s.store_headers(fid, rows)).await?;
        report.new += stored
            .iter()
            .filter(|s| matches!(s, crate::engine::store::Stored::New(_)))
            .count() as u64;
        ctx.changed(&folder.name);
    }
    result
}

/// A batch being written to the store; it yields how many messages it added.
type Storing = tokio::task::JoinHandle<Result<usize, StoreError>>;

async fn join_store(handle: Storing) -> Result<usize, ImapError> {
    match handle.await {
        Ok(r) => r.map_err(ImapError::from),
        Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        Err(e) => Err(ImapError::Store(StoreError::Change(e.to_string()))),
    }
}

/// A FETCH response as an item, if it is one.
fn fetch_item(r: &async_imap::imap_proto::Response<'_>) -> Option<FetchItem> {
    match r {
        async_imap::imap_proto::Response::Fetch(seq, attrs) => {
            Some(FetchItem::from_attrs(*seq, attrs))
        }
        _ => None,
    }
}

/// A header row from a FETCH response that answers our request (taken off `wanted`).
fn header_row(item: FetchItem, wanted: &mut HashSet<u32>) -> Option<NewHeaders> {
    let uid = item.uid.filter(|u| wanted.contains(u))?;
    let headers = item.header?;
    wanted.remove(&uid);
    let (flags, keywords) = Flags::parse_imap(item.flags.iter().flatten().map(String::as_str));
    Some(NewHeaders {
        uid,
        flags,
        keywords,
        size: u64::from(item.size.unwrap_or(headers.len() as u32)),
        received: item.internal_date.as_deref().and_then(parse_internal_date),
        headers,
    })
}

/// Downloads the bodies a folder lacks, newest first, in pipelined batches — all of them,
/// or those of the last `bodies_for_days`. What was stored is added to `report`, also when
/// it fails halfway. A batch the server fails on is kept as far as it came, and the rest of
/// it is asked for one message at a time ([`unfetched`]).
pub(crate) async fn sync_bodies(
    session: &mut Session,
    ctx: &Ctx<'_>,
    fid: FolderId,
    name: &str,
    report: &mut SyncReport,
) -> Result<(), ImapError> {
    let mut stored = (0u64, 0u64);
    let result = folder_bodies(session, ctx, (fid, name), &mut stored).await;
    report.bodies += stored.0;
    report.bytes += stored.1;
    result
}

/// [`sync_bodies`], counting bodies and bytes stored into `out` as it goes.
async fn folder_bodies(
    session: &mut Session,
    ctx: &Ctx<'_>,
    folder: (FolderId, &str),
    out: &mut (u64, u64),
) -> Result<(), ImapError> {
    let (fid, name) = folder;
    let cutoff = plan::body_cutoff(
        ctx.account.sync.bodies_for_days,
        chrono::Utc::now().timestamp(),
    );
    let lacking = blocking(&ctx.store, move |s| {
        s.lacking_bodies(Some(fid), cutoff, usize::MAX >> 1)
    })
    .await?;
    // Suspects from a connection the server closed go alone, before the rest.
    let (suspects, lacking): (Vec<_>, Vec<_>) = {
        let trouble = ctx.trouble();
        lacking
            .into_iter()
            .filter_map(|l| Some((l.uid?, l)))
            .filter(|(uid, _)| !trouble.is_skipped(fid, Part::Body, *uid))
            .partition(|(uid, _)| trouble.is_suspect(fid, Part::Body, *uid))
    };
    if lacking.is_empty() && suspects.is_empty() {
        return Ok(());
    }
    if session.selected.as_deref() != Some(session.folder_arg(name)?.as_str()) {
        // EXAMINE would do as well, but SELECT keeps the session's state simple.
        session.select(name, SelectMode::Plain).await?;
    }
    let ids: HashMap<u32, MessageId> = suspects
        .iter()
        .chain(&lacking)
        .map(|(uid, l)| (*uid, l.id))
        .collect();
    let suspects: Vec<u32> = suspects.iter().map(|(uid, _)| *uid).collect();
    ctx.trouble().take_suspects(fid, Part::Body);
    isolate_bodies(session, ctx, folder, &suspects, &ids, out).await?;
    let total = lacking.len() as u64;
    // Batches by count and by size, in the newest-first order of `lacking`.
    let mut batches: Vec<Vec<u32>> = Vec::new();
    let mut current = Vec::new();
    let mut current_bytes = 0u64;
    for (uid, l) in &lacking {
        if !current.is_empty()
            && (current.len() >= BODY_BATCH || current_bytes + l.size > BODY_BATCH_BYTES)
        {
            batches.push(std::mem::take(&mut current));
            current_bytes = 0;
        }
        current.push(*uid);
        current_bytes += l.size;
    }
    if !current.is_empty() {
        batches.push(current);
    }

    // Matched by UID across every batch in flight, as for headers.
    let mut in_flight: VecDeque<(async_imap::imap_proto::RequestId, usize)> = VecDeque::new();
    let mut wanted: HashSet<u32> = HashSet::new();
    let mut next = 0;
    let mut storing: Option<(Storing, u64)> = None;
    let (mut done, mut bytes) = (0u64, 0u64);
    let result: Result<(), ImapError> = async {
        loop {
            while in_flight.len() < PIPELINE && next < batches.len() {
                let set = super::input::uid_set(&batches[next]);
                let tag = session
                    .send(&format!("UID FETCH {set} {BODY_ITEMS}"))
                    .await?;
                in_flight.push_back((tag, next));
                wanted.extend(batches[next].iter().copied());
                next += 1;
            }
            let Some((tag, batch)) = in_flight.pop_front() else {
                break;
            };
            let mut bodies: Vec<(MessageId, RawMessage)> = Vec::with_capacity(BODY_BATCH);
            let mut batch_bytes = 0u64;
            let finished = session
                .finish(&tag, |r| {
                    let Some(item) = fetch_item(r) else {
                        return Handled::No;
                    };
                    match body_of(item, &mut wanted, &ids) {
                        Some((id, body)) => {
                            batch_bytes += body.len() as u64;
                            bodies.push((id, RawMessage::Bytes(body)));
                            Handled::Yes
                        }
                        None => Handled::No,
                    }
                })
                .await
                .and_then(|d| session.check("UID FETCH", d));
            if let Some((previous, b)) = storing.take() {
                let n = join_store(previous).await? as u64;
                (done, bytes) = (done + n, bytes + b);
                (out.0, out.1) = (out.0 + n, out.1 + b);
                ctx.progress(name, Phase::Bodies, done, total, bytes);
                ctx.changed(name);
            }
            // What arrived is stored whatever happened next.
            let store = ctx.store.clone();
            let handle = tokio::task::spawn_blocking(move || {
                let n = bodies.len();
                store.attach_bodies(bodies).map(|()| n)
            });
            storing = Some((handle, batch_bytes));
            if let Err(e) = finished {
                let pending = in_flight.iter().map(|(_, b)| batches[*b].as_slice());
                failed_batch(
                    ctx,
                    fid,
                    Part::Body,
                    &batches[batch],
                    pending,
                    &mut wanted,
                    e,
                )?;
            }
        }
        Ok(())
    }
    .await;
    if let Some((last, b)) = storing.take() {
        let n = join_store(last).await? as u64;
        bytes += b;
        (out.0, out.1) = (out.0 + n, out.1 + b);
        // Messages that vanished meanwhile count as done: nothing is left to fetch.
        let finished = if result.is_ok() { total } else { done + n };
        ctx.progress(name, Phase::Bodies, finished, total, bytes);
        ctx.changed(name);
    }
    result?;
    let suspects = ctx.trouble().take_suspects(fid, Part::Body);
    isolate_bodies(session, ctx, folder, &suspects, &ids, out).await
}

/// The FETCH items of a whole message.
const BODY_ITEMS: &str = "(UID BODY.PEEK[])";

/// The body in a FETCH response that answers our request (taken off `wanted`).
fn body_of(
    item: FetchItem,
    wanted: &mut HashSet<u32>,
    ids: &HashMap<u32, MessageId>,
) -> Option<(MessageId, Vec<u8>)> {
    let uid = item.uid.filter(|u| wanted.contains(u))?;
    let id = *ids.get(&uid)?;
    let body = item.body?;
    wanted.remove(&uid);
    Some((id, body))
}

/// Bodies fetched one at a time (see [`isolate`]), stored together at the end.
async fn isolate_bodies(
    session: &mut Session,
    ctx: &Ctx<'_>,
    folder: (FolderId, &str),
    uids: &[u32],
    ids: &HashMap<u32, MessageId>,
    out: &mut (u64, u64),
) -> Result<(), ImapError> {
    if uids.is_empty() {
        return Ok(());
    }
    let mut wanted: HashSet<u32> = uids.iter().copied().collect();
    let mut bodies: Vec<(MessageId, RawMessage)> = Vec::new();
    let mut bytes = 0u64;
    let result = isolate(session, ctx, folder, Part::Body, uids, BODY_ITEMS, |item| {
        if let Some((id, body)) = body_of(item, &mut wanted, ids) {
            bytes += body.len() as u64;
            bodies.push((id, RawMessage::Bytes(body)));
        }
    })
    .await;
    let n = bodies.len() as u64;
    if n > 0 {
        blocking(&ctx.store, move |s| s.attach_bodies(bodies)).await?;
        (out.0, out.1) = (out.0 + n, out.1 + bytes);
        ctx.changed(folder.1);
    }
    result
}
