//! Waiting for the server to announce a change: IDLE (RFC 2177), or NOOP polling where the
//! server lacks it.

use std::time::Duration;

use async_imap::imap_proto::{MailboxDatum, Response};
use tokio::sync::watch;

use super::error::ImapError;
use super::session::{Handled, Session, next_response};

/// Servers drop an IDLE after 30 minutes; RFC 2177 §3 asks clients to re-issue it before.
pub const IDLE_RENEW: Duration = Duration::from_secs(25 * 60);

/// Why a wait ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wake {
    /// The server reported new, changed or expunged messages (kept in the session's
    /// unsolicited record for the sync step).
    Changed,
    /// The wait ran its time with no news.
    Quiet,
    /// The caller asked to stop.
    Cancelled,
}

/// Whether an untagged response means the selected folder changed.
fn is_news(response: &Response<'_>) -> bool {
    matches!(
        response,
        Response::MailboxData(MailboxDatum::Exists(_))
            | Response::Expunge(_)
            | Response::Vanished { .. }
            | Response::Fetch(..)
    )
}

/// Whether the cancel signal is up (or its sender gone, which means nobody wants us).
pub fn cancelled(cancel: &watch::Receiver<bool>) -> bool {
    *cancel.borrow() || cancel.has_changed().is_err()
}

impl Session {
    /// IDLE on the selected folder until news arrive, `max` passes, or `cancel` is raised.
    /// Ends the IDLE with DONE in every case, so the session can go on.
    pub async fn idle(
        &mut self,
        max: Duration,
        cancel: &mut watch::Receiver<bool>,
    ) -> Result<Wake, ImapError> {
        if cancelled(cancel) {
            return Ok(Wake::Cancelled);
        }
        let tag = self.send("IDLE").await?;
        // The go-ahead; a server that answers at once with news or a NO is handled too.
        let mut woke = None;
        loop {
            let response = next_response!(self, self.timeout)?;
            match response.parsed() {
                Response::Continue(_) => break,
                Response::Done { tag: t, .. } if *t == tag => {
                    return Err(self.protocol("IDLE was refused"));
                }
                other => {
                    if is_news(other) {
                        woke = Some(Wake::Changed);
                    }
                    self.note(other);
                }
            }
        }
        let deadline = tokio::time::Instant::now() + max;
        while woke.is_none() {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            if left.is_zero() {
                woke = Some(Wake::Quiet);
                break;
            }
            tokio::select! {
                read = async { next_response!(self, left) } => {
                    match read {
                        Ok(response) => {
                            let r = response.parsed();
                            if is_news(r) {
                                woke = Some(Wake::Changed);
                            }
                            self.note(r);
                        }
                        Err(ImapError::Timeout { .. }) => woke = Some(Wake::Quiet),
                        Err(e) => return Err(e),
                    }
                }
                _ = cancel.changed() => woke = Some(Wake::Cancelled),
            }
        }
        self.imap
            .run_command_untagged("DONE")
            .await
            .map_err(|e| super::session::crate_error(&self.host, e))?;
        let done = self.finish(&tag, |_| Handled::No).await?;
        self.check("IDLE", done)?;
        Ok(woke.unwrap_or(Wake::Quiet))
    }

    /// Waits `every`, then NOOPs, until news arrive or `cancel` is raised — for servers
    /// without IDLE.
    pub async fn poll(
        &mut self,
        every: Duration,
        max: Duration,
        cancel: &mut watch::Receiver<bool>,
    ) -> Result<Wake, ImapError> {
        let deadline = tokio::time::Instant::now() + max;
        loop {
            if cancelled(cancel) {
                return Ok(Wake::Cancelled);
            }
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            if left.is_zero() {
                return Ok(Wake::Quiet);
            }
            tokio::select! {
                _ = tokio::time::sleep(every.min(left)) => {}
                _ = cancel.changed() => return Ok(Wake::Cancelled),
            }
            self.noop().await?;
            if self.has_news() {
                return Ok(Wake::Changed);
            }
        }
    }

    /// Whether the server announced anything about the selected folder not yet taken.
    pub fn has_news(&self) -> bool {
        !self.unsolicited.is_empty()
    }
}
