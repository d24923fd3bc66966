//! Messages waiting to be sent.
//!
//! An entry is written (and committed, durably) before any network step; it leaves only
//! when the server accepted the message ([`Store::outbox_sent`]). A crash while an entry is
//! being sent leaves it as [`OutboxState::MaybeSent`] at the next open: the server may have
//! accepted it, so it is not resent without the user saying so.

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use super::{OutboxId, Result, Store, StoreError, now};

/// A message to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOutgoing {
    /// The account name it is sent from.
    pub account: String,
    /// The envelope sender (MAIL FROM).
    pub from: String,
    /// The envelope recipients (RCPT TO), Bcc included.
    pub recipients: Vec<String>,
    /// The RFC 5322 message, Bcc header already removed.
    pub raw: Vec<u8>,
}

/// Where an entry stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum OutboxState {
    /// Waiting for the next send.
    Queued,
    /// Being handed to the server now.
    Sending,
    /// A temporary failure; try again at `at` (seconds since the epoch).
    Retry { at: i64, error: String },
    /// The server refused it for good (its words in `reason`); the user decides.
    Failed { reason: String },
    /// Sending was interrupted after the server may have accepted it; never resent
    /// automatically.
    MaybeSent { reason: String },
}

/// An outbox entry, without its bytes (see [`Store::outbox_raw`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutboxEntry {
    pub id: OutboxId,
    pub account: String,
    pub from: String,
    pub recipients: Vec<String>,
    pub subject: String,
    pub size: u64,
    #[serde(flatten)]
    pub state: OutboxState,
    pub attempts: u32,
    pub created: i64,
    pub updated: i64,
}

const COLUMNS: &str = "id, account, mail_from, recipients, subject, length(raw), state, \
     attempts, retry_at, last_error, created, updated";

fn entry(r: &Row<'_>) -> rusqlite::Result<OutboxEntry> {
    let recipients: String = r.get(3)?;
    let state: String = r.get(6)?;
    let retry_at: Option<i64> = r.get(8)?;
    let error: String = r.get::<_, Option<String>>(9)?.unwrap_or_default();
    let state = match state.as_str() {
        "sending" => OutboxState::Sending,
        "retry" => OutboxState::Retry {
            at: retry_at.unwrap_or(0),
            error,
        },
        "failed" => OutboxState::Failed { reason: error },
        "maybe-sent" => OutboxState::MaybeSent { reason: error },
        _ => OutboxState::Queued,
    };
    Ok(OutboxEntry {
        id: r.get(0)?,
        account: r.get(1)?,
        from: r.get(2)?,
        recipients: serde_json::from_str(&recipients).unwrap_or_default(),
        subject: r.get(4)?,
        size: r.get::<_, i64>(5)? as u64,
        state,
        attempts: r.get(7)?,
        created: r.get(10)?,
        updated: r.get(11)?,
    })
}

/// The Subject of a raw message, for the outbox list.
fn subject_of(raw: &[u8]) -> String {
    mail_parser::MessageParser::default()
        .parse_headers(raw)
        .and_then(|m| m.subject().map(str::to_owned))
        .unwrap_or_default()
}

/// Entries left `sending` by a crash may have reached the server.
pub(crate) fn mark_interrupted(conn: &Connection) -> Result<usize> {
    Ok(conn.execute(
        "UPDATE outbox SET state = 'maybe-sent',
             last_error = 'Tidings stopped while this message was being sent', updated = ?1
         WHERE state = 'sending'",
        [now()],
    )?)
}

impl Store {
    /// Adds a message to the outbox, durably; returns its id. Call before connecting.
    pub fn outbox_add(&self, m: &NewOutgoing) -> Result<OutboxId> {
        let recipients =
            serde_json::to_string(&m.recipients).map_err(|e| StoreError::Change(e.to_string()))?;
        let subject = subject_of(&m.raw);
        self.write(|tx| {
            let t = now();
            tx.execute(
                "INSERT INTO outbox (account, mail_from, recipients, subject, raw, created, updated)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                params![m.account, m.from, recipients, subject, m.raw, t],
            )?;
            Ok(OutboxId(tx.last_insert_rowid()))
        })
    }

    /// Every entry, oldest first.
    pub fn outbox_list(&self) -> Result<Vec<OutboxEntry>> {
        self.read(|c| {
            let mut s = c.prepare(&format!("SELECT {COLUMNS} FROM outbox ORDER BY id"))?;
            let rows = s.query_map([], entry)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    pub fn outbox_entry(&self, id: OutboxId) -> Result<OutboxEntry> {
        self.read(|c| {
            c.query_row(
                &format!("SELECT {COLUMNS} FROM outbox WHERE id = ?1"),
                [id],
                entry,
            )
            .optional()?
            .ok_or(StoreError::NoOutboxEntry(id.0))
        })
    }

    /// Entries to send now: queued ones and retries that are due at `now`, oldest first.
    pub fn outbox_due(&self, now: i64) -> Result<Vec<OutboxEntry>> {
        self.read(|c| {
            let mut s = c.prepare(&format!(
                "SELECT {COLUMNS} FROM outbox
                 WHERE state = 'queued' OR (state = 'retry' AND retry_at <= ?1) ORDER BY id"
            ))?;
            let rows = s.query_map([now], entry)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// The message bytes of an entry.
    pub fn outbox_raw(&self, id: OutboxId) -> Result<Vec<u8>> {
        self.read(|c| {
            c.query_row("SELECT raw FROM outbox WHERE id = ?1", [id], |r| r.get(0))
                .optional()?
                .ok_or(StoreError::NoOutboxEntry(id.0))
        })
    }

    fn outbox_set(
        &self,
        id: OutboxId,
        state: &str,
        retry_at: Option<i64>,
        error: Option<&str>,
        attempt: bool,
    ) -> Result<()> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE outbox SET state = ?2, retry_at = ?3, last_error = coalesce(?4, last_error),
                     attempts = attempts + ?5, updated = ?6 WHERE id = ?1",
                params![id, state, retry_at, error, i64::from(attempt), now()],
            )?;
            if n == 0 {
                return Err(StoreError::NoOutboxEntry(id.0));
            }
            Ok(())
        })
    }

    /// The entry is about to be handed to the server (counts an attempt).
    pub fn outbox_sending(&self, id: OutboxId) -> Result<()> {
        self.outbox_set(id, "sending", None, None, true)
    }

    /// A temporary failure (4xx, network): try again at `at`.
    pub fn outbox_retry_at(&self, id: OutboxId, at: i64, error: &str) -> Result<()> {
        self.outbox_set(id, "retry", Some(at), Some(error), false)
    }

    /// A permanent refusal (5xx): kept with the server's reason until the user acts.
    pub fn outbox_failed(&self, id: OutboxId, reason: &str) -> Result<()> {
        self.outbox_set(id, "failed", None, Some(reason), false)
    }

    /// The connection broke after DATA was sent: the server may have the message.
    pub fn outbox_maybe_sent(&self, id: OutboxId, reason: &str) -> Result<()> {
        self.outbox_set(id, "maybe-sent", None, Some(reason), false)
    }

    /// The user asks to send it again (from failed, maybe-sent or retry).
    pub fn outbox_requeue(&self, id: OutboxId) -> Result<()> {
        self.outbox_set(id, "queued", None, None, false)
    }

    /// The server accepted the message: the entry leaves the outbox.
    pub fn outbox_sent(&self, id: OutboxId) -> Result<()> {
        self.write(|tx| {
            if tx.execute("DELETE FROM outbox WHERE id = ?1", [id])? == 0 {
                return Err(StoreError::NoOutboxEntry(id.0));
            }
            Ok(())
        })
    }
}
