//! Push: new mail in the Inbox appears without the user doing anything.
//!
//! [`watch`] keeps one connection with the Inbox selected and waits in IDLE (RFC 2177),
//! renewed before servers time it out, or polls with NOOP where IDLE is missing. When the
//! server announces a change, the Inbox is resynced (headers, flags, expunges, then bodies)
//! and the front ends hear about it through [`Event`]s. A dropped connection is reopened
//! with exponential backoff; a refused password or certificate stops the watch (retrying
//! cannot help; the user must act). Raising the cancel signal ends it cleanly.

use std::time::Duration;

use tokio::sync::watch as signal;

use super::error::ImapError;
use super::idle::{IDLE_RENEW, Wake, cancelled};
use super::session::Session;
use super::sync::{Ctx, blocking, sync_bodies, sync_folder_list, sync_headers};
use crate::engine::account::{Account, Protocol};
use crate::engine::error::{ErrorKind, Localized};
use crate::engine::events::{Event, Events};
use crate::engine::secret::Secret;
use crate::engine::store::{Role, Store};

/// Timing of the watch loop. The defaults suit real servers.
#[derive(Debug, Clone)]
pub struct WatchOptions {
    /// First wait after a dropped connection; doubled each failure up to `backoff_max`.
    pub backoff_min: Duration,
    pub backoff_max: Duration,
    /// How long one IDLE lasts before it is renewed.
    pub idle_renew: Duration,
    /// Where IDLE is missing, how often to poll; `None` takes the account's
    /// `poll_every_minutes`.
    pub poll_every: Option<Duration>,
}

impl Default for WatchOptions {
    fn default() -> Self {
        Self {
            backoff_min: Duration::from_secs(2),
            backoff_max: Duration::from_secs(5 * 60),
            idle_renew: IDLE_RENEW,
            poll_every: None,
        }
    }
}

/// Watches the account's Inbox until `cancel` is raised (or its sender dropped). Returns
/// `Ok` when cancelled, or the error that retrying cannot fix (a refused login, an
/// untrusted certificate, a setting that is wrong).
pub async fn watch(
    account: Account,
    password: Secret,
    store: Store,
    events: Events,
    mut cancel: signal::Receiver<bool>,
    options: WatchOptions,
) -> Result<(), ImapError> {
    if account.protocol != Protocol::Imap {
        return Err(ImapError::NotImap(account.name.clone()));
    }
    let name = account.name.clone();
    let id = blocking(&store, move |s| s.ensure_account(&name, Protocol::Imap)).await?;
    let ctx = Ctx::new(&account, id, &store, &events);
    let mut backoff = options.backoff_min;
    loop {
        if cancelled(&cancel) {
            return Ok(());
        }
        match watch_once(&ctx, &password, &mut cancel, &options, &mut backoff).await {
            Ok(()) => return Ok(()),
            Err(e) if gives_up(&e) => {
                events.emit(Event::Error {
                    account: account.name.clone(),
                    message: e.localized(),
                });
                return Err(e);
            }
            Err(e) => {
                tracing::info!(account = %account.name, error = %e, ?backoff, "watch reconnects");
                events.emit(Event::Offline {
                    account: account.name.clone(),
                    reason: e.localized(),
                });
                tokio::select! {
                    _ = tokio::time::sleep(backoff) => {}
                    _ = cancel.changed() => {}
                }
                backoff = (backoff * 2).min(options.backoff_max);
            }
        }
    }
}

/// Errors that waiting cannot fix.
fn gives_up(e: &ImapError) -> bool {
    matches!(
        e.kind(),
        ErrorKind::Auth | ErrorKind::Tls | ErrorKind::Usage
    ) || matches!(e, ImapError::Store(_))
}

/// One connection's life: catch up on the Inbox, then wait for news and sync them.
async fn watch_once(
    ctx: &Ctx<'_>,
    password: &Secret,
    cancel: &mut signal::Receiver<bool>,
    options: &WatchOptions,
    backoff: &mut Duration,
) -> Result<(), ImapError> {
    let mut session = super::connect(ctx.account, password).await?;
    session.enable_extensions().await?;
    let result = watch_session(&mut session, ctx, cancel, options, backoff).await;
    if result.is_ok() {
        session.logout().await;
    }
    result
}

async fn watch_session(
    session: &mut Session,
    ctx: &Ctx<'_>,
    cancel: &mut signal::Receiver<bool>,
    options: &WatchOptions,
    backoff: &mut Duration,
) -> Result<(), ImapError> {
    let account = ctx.id;
    let mut inbox = blocking(&ctx.store, move |s| s.folder_by_role(account, Role::Inbox)).await?;
    if inbox.is_none() {
        sync_folder_list(session, ctx).await?;
        inbox = blocking(&ctx.store, move |s| s.folder_by_role(account, Role::Inbox)).await?;
    }
    let Some(mut inbox) = inbox else {
        return Err(session.protocol("the server lists no INBOX"));
    };
    catch_up(session, ctx, &mut inbox).await?;
    // Connected and in step: the next drop starts the backoff afresh.
    ctx.events.emit(Event::Changed {
        account: ctx.account.name.clone(),
        folder: Some(inbox.name.clone()),
    });
    *backoff = options.backoff_min;
    loop {
        let wake = if session.capabilities().idle() {
            session.idle(options.idle_renew, cancel).await?
        } else {
            let every = options.poll_every.unwrap_or_else(|| {
                Duration::from_secs(u64::from(ctx.account.sync.poll_every_minutes.max(1)) * 60)
            });
            session.poll(every, options.idle_renew, cancel).await?
        };
        match wake {
            Wake::Cancelled => return Ok(()),
            Wake::Quiet => {}
            Wake::Changed => catch_up(session, ctx, &mut inbox).await?,
        }
    }
}

/// Resyncs the Inbox (headers and flags, then bodies) and leaves it selected for IDLE.
async fn catch_up(
    session: &mut Session,
    ctx: &Ctx<'_>,
    inbox: &mut crate::engine::store::Folder,
) -> Result<(), ImapError> {
    let id = inbox.id;
    *inbox = blocking(&ctx.store, move |s| s.folder(id)).await?;
    sync_headers(session, ctx, inbox, &mut Default::default()).await?;
    sync_bodies(session, ctx, inbox.id, &inbox.name, &mut Default::default()).await?;
    Ok(())
}
