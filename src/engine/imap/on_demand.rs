//! One message's body, fetched when the user opens it: an account that keeps bodies only
//! for its last days (`bodies_for_days`) syncs older mail headers-only, and the reader asks
//! for the rest here.
//!
//! The message is fetched with `UID FETCH <uid> (UID BODY.PEEK[])` (RFC 3501 §6.4.8,
//! §6.4.5: PEEK, so opening it does not set `\Seen` behind the store's back — the reader
//! marks it read itself, through the offline queue) and stored through the store's ingest
//! path like any body the sync brings: raw file durable first, then the row and the search
//! index. A UID means something only under its folder's UIDVALIDITY (RFC 3501 §2.3.1.1):
//! when that changed, or the server has no message under that UID any more, nothing is
//! stored and the caller learns the message is no longer on the server.
//!
//! It runs on its own connection, beside a sync or IDLE of the same account, without a
//! lock: IMAP allows several sessions, nothing here changes the server, and the store gives
//! a row its body at most once (a sync storing the same body meanwhile makes one of the two
//! writes a no-op whose file is discarded). So the sync is never disturbed, and a body
//! stored here is never fetched again: the sync only asks for rows still without one.

use super::error::ImapError;
use super::plan::SelectMode;
use super::session::Handled;
use super::sync::blocking;
use crate::engine::account::{Account, Protocol};
use crate::engine::secret::Secret;
use crate::engine::store::{FolderId, MessageId, RawMessage, Store, StoreError};

/// Where a message is on its server, as the store knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Place {
    folder: FolderId,
    name: String,
    uid: Option<u32>,
    uidvalidity: Option<u32>,
    downloaded: bool,
}

fn place(store: &Store, id: MessageId) -> Result<Place, StoreError> {
    let summary = store.summary(id)?;
    let folder = store.folder(summary.folder_id)?;
    Ok(Place {
        folder: folder.id,
        name: folder.name,
        uid: summary.uid,
        uidvalidity: folder.sync.uidvalidity,
        downloaded: summary.downloaded,
    })
}

/// Fetches the whole message `id` of `account` from its folder on the server and stores it.
/// Returns the number of bytes stored (0 when the body was stored already).
///
/// Errors: [`ImapError::NotOnServer`] when the server no longer has this message (expunged,
/// or its folder's UIDVALIDITY changed) — nothing is stored then; the connection and login
/// errors of [`super::connect`] (wrong password, unreachable, certificate) as they are.
pub async fn fetch_body(
    account: &Account,
    password: &Secret,
    store: &Store,
    id: MessageId,
) -> Result<u64, ImapError> {
    if account.protocol != Protocol::Imap {
        return Err(ImapError::NotImap(account.name.clone()));
    }
    let before = blocking(store, move |s| place(s, id)).await?;
    if before.downloaded {
        return Ok(0);
    }
    let gone = || ImapError::NotOnServer {
        folder: before.name.clone(),
    };
    // A message with no UID is not on the server under any name we could ask for (one
    // moved here offline and not replayed yet).
    let (Some(uid), Some(validity)) = (before.uid, before.uidvalidity) else {
        return Err(gone());
    };
    let mut session = super::connect(account, password).await?;
    // As the sync does, so folder names are written the same way (UTF8=ACCEPT).
    session.enable_extensions().await?;
    let result = fetch(&mut session, &before.name, uid, validity).await;
    session.logout().await;
    let Some(body) = result? else {
        return Err(gone());
    };
    let size = body.len() as u64;
    let stored = blocking(store, move |s| {
        // The folder may have been rebuilt or the message moved while we fetched: the body
        // is given only to the row it was fetched for.
        let now = place(s, id)?;
        if (now.folder, now.uid, now.uidvalidity) != (before.folder, Some(uid), Some(validity)) {
            return Ok(false);
        }
        s.attach_bodies(vec![(id, RawMessage::Bytes(body))])?;
        Ok(true)
    })
    .await;
    match stored {
        Ok(true) => Ok(size),
        Ok(false) => Err(gone()),
        // Deleted here meanwhile (the user, or a sync that saw it expunged).
        Err(ImapError::Store(StoreError::NoMessage(_))) => Err(gone()),
        Err(e) => Err(e),
    }
}

/// Selects `folder`, checks its UIDVALIDITY, and fetches message `uid` whole: `None` when
/// the server has no such message under the UIDVALIDITY the store knows.
async fn fetch(
    session: &mut super::Session,
    folder: &str,
    uid: u32,
    validity: u32,
) -> Result<Option<Vec<u8>>, ImapError> {
    let selected = session.select(folder, SelectMode::Plain).await?;
    if selected.uidvalidity != validity {
        tracing::info!(
            %folder,
            stored = validity,
            server = selected.uidvalidity,
            "UIDVALIDITY changed; the message is not fetched"
        );
        return Ok(None);
    }
    let mut body = None;
    // A UID the server does not have gets an empty answer, not an error (RFC 3501 §6.4.8).
    session
        .uid_fetch(&uid.to_string(), "(UID BODY.PEEK[])", |item| {
            match (item.uid, item.body) {
                (Some(u), Some(b)) if u == uid => {
                    body = Some(b);
                    Handled::Yes
                }
                _ => Handled::No,
            }
        })
        .await?;
    Ok(body)
}
