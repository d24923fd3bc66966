//! One sync of one account — what `tidings sync` and the window's "Get mail" run — dispatched
//! by protocol. Each protocol module adds its arm and its field of [`SyncReport`].
//!
//! First the outbox: what waits to be sent goes out (SMTP), so mail written offline leaves
//! as soon as the network is back — every queued or postponed message, regardless of its
//! retry time, since a sync is a moment chosen to talk to the servers (background timers
//! use `Outbox::flush`, which keeps the retry schedule). SMTP trouble stays on the outbox
//! entries and in the report; it does not stop the fetching.

use serde::Serialize;

use crate::engine::Error;
use crate::engine::account::{Account, Protocol};
use crate::engine::error::Localized;
use crate::engine::events::{Event, Events};
use crate::engine::imap;
use crate::engine::pop3;
use crate::engine::secret::Secret;
use crate::engine::smtp::{FlushReport, Outbox};
use crate::engine::store::Store;

/// What a sync did, per part.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SyncReport {
    pub account: String,
    /// SMTP: what the outbox sent, postponed or had refused.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub smtp: Option<FlushReport>,
    /// IMAP: offline changes replayed, then every folder synced.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub imap: Option<imap::SyncReport>,
    /// POP3: the download session.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pop3: Option<pop3::Report>,
}

/// Syncs one account. IMAP: replays the offline queue, mirrors the folders, syncs headers
/// and flags of every folder, then downloads bodies. POP3: downloads new mail into the local
/// Inbox and deletes it on the server as the account's options say. Reports through
/// `events` (started, progress, new mail, an error as a sentence, finished).
pub async fn sync_account(
    store: &Store,
    account: &Account,
    password: &Secret,
    events: &Events,
) -> Result<SyncReport, Error> {
    events.emit(Event::SyncStarted {
        account: account.name.clone(),
    });
    let mut report = SyncReport {
        account: account.name.clone(),
        ..SyncReport::default()
    };
    // SMTP: the outbox first. Only a store failure is an error here.
    match Outbox::new(store.clone())
        .flush_waiting(account, password, events)
        .await
    {
        Ok(flushed) => report.smtp = Some(flushed),
        Err(e) => {
            events.emit(Event::SyncFinished {
                account: account.name.clone(),
            });
            return Err(lost_or_failed(account, events, false, e));
        }
    }
    let result = match account.protocol {
        Protocol::Imap => match imap::sync_account(account, password, store, events).await {
            Ok(r) => {
                report.imap = Some(r);
                Ok(())
            }
            Err(e) => Err(lost_or_failed(
                account,
                events,
                e.is_connection_lost(),
                e.into(),
            )),
        },
        Protocol::Pop3 => {
            match pop3::download(store, account, password, events, pop3::Tuning::default()).await {
                Ok(r) => {
                    report.pop3 = Some(r);
                    Ok(())
                }
                Err(e) => Err(lost_or_failed(
                    account,
                    events,
                    e.is_connection_lost(),
                    e.into(),
                )),
            }
        }
    };
    events.emit(Event::SyncFinished {
        account: account.name.clone(),
    });
    result.map(|()| report)
}

/// Tells the front ends why a sync ended early: offline (try again later) or an error.
fn lost_or_failed(account: &Account, events: &Events, offline: bool, error: Error) -> Error {
    let sentence = error.localized();
    events.emit(if offline {
        Event::Offline {
            account: account.name.clone(),
            reason: sentence,
        }
    } else {
        Event::Error {
            account: account.name.clone(),
            message: sentence,
        }
    });
    error
}
