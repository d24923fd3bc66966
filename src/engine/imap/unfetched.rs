//! Messages the server cannot deliver. A message file damaged on the server's disk makes
//! Dovecot answer a FETCH with `NO [SERVERBUG] Internal error` — or close the connection
//! halfway through the literal (RFC 3501 §7.1.5 BYE). One such message must not stop the
//! account's sync: the batch it was in is kept as far as it arrived, the rest of the batch
//! is asked for one message at a time, and a message the server fails on *alone* is skipped
//! for this sync and reported (its header row, if any, stays; the next sync tries again).
//!
//! Dovecot closes the connection *silently* when a file turns out shorter than it said in
//! the middle of sending it — exactly what a network cut looks like. So a silent close
//! blames a message only the second time it happens while that message is fetched alone,
//! and only right after a FLAGS fetch of the same message went through on the same
//! connection (the connection works; this message's contents break it). A cut by the
//! network never hits one message alone twice in a row like that.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::engine::store::{FolderId, MessageId};

/// Which part of a message the server failed to deliver.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Part {
    /// Its headers, flags and size: the message is not listed yet.
    Headers,
    /// Its full text: it is listed, but cannot be read offline yet.
    Body,
}

/// A message skipped in this sync because the server failed to send it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unfetched {
    pub folder: String,
    pub uid: u32,
    pub part: Part,
    /// The local message, when its header row exists.
    pub message: Option<MessageId>,
    pub subject: Option<String>,
    /// What the server said.
    pub reason: String,
}

impl Unfetched {
    /// What the user is told: which message, where, and the server's words.
    pub fn localized(&self) -> String {
        match (&self.part, &self.subject) {
            (Part::Body, Some(subject)) => crate::tr!(
                "imap-unfetched-body",
                folder = self.folder.as_str(),
                subject = subject.as_str(),
                reason = self.reason.as_str()
            ),
            _ => crate::tr!(
                "imap-unfetched-message",
                folder = self.folder.as_str(),
                uid = self.uid.to_string(),
                reason = self.reason.as_str()
            ),
        }
    }
}

/// One sync's record of messages suspected of, or proven to be, failing on the server. It
/// outlives a connection: after a BYE the sync reconnects and goes on with it.
#[derive(Debug, Default)]
pub(crate) struct Trouble {
    /// In a batch the server failed on, not yet received: to be fetched one by one.
    suspects: HashMap<(FolderId, Part), HashSet<u32>>,
    /// Fetched alone and failed: not asked for again in this sync.
    skipped: HashSet<(FolderId, Part, u32)>,
    /// How often the connection closed silently while a message was fetched alone.
    strikes: HashMap<(FolderId, Part, u32), u32>,
    /// What was skipped, in order, for the report.
    pub(crate) list: Vec<Unfetched>,
    /// Bumped whenever something was learnt: a sync whose connection dropped goes on over a
    /// new one only when it did.
    generation: u64,
}

impl Trouble {
    pub(crate) fn suspect(
        &mut self,
        folder: FolderId,
        part: Part,
        uids: impl IntoIterator<Item = u32>,
    ) {
        let set = self.suspects.entry((folder, part)).or_default();
        for uid in uids {
            if set.insert(uid) {
                self.generation += 1;
            }
        }
    }

    /// The suspects of a folder, taken off the list: newest first, those that already
    /// broke a connection last (so the others are not held up by them).
    pub(crate) fn take_suspects(&mut self, folder: FolderId, part: Part) -> Vec<u32> {
        let mut uids: Vec<u32> = self
            .suspects
            .remove(&(folder, part))
            .unwrap_or_default()
            .into_iter()
            .filter(|u| !self.skipped.contains(&(folder, part, *u)))
            .collect();
        uids.sort_unstable_by_key(|u| (self.strikes(folder, part, *u), std::cmp::Reverse(*u)));
        uids
    }

    /// Notes that the connection closed silently while `uid` was fetched alone.
    pub(crate) fn strike(&mut self, folder: FolderId, part: Part, uid: u32) {
        *self.strikes.entry((folder, part, uid)).or_default() += 1;
        self.generation += 1;
    }

    pub(crate) fn strikes(&self, folder: FolderId, part: Part, uid: u32) -> u32 {
        self.strikes.get(&(folder, part, uid)).copied().unwrap_or(0)
    }

    /// Changes whenever a suspect, strike or skip is recorded.
    pub(crate) fn generation(&self) -> u64 {
        self.generation
    }

    pub(crate) fn is_suspect(&self, folder: FolderId, part: Part, uid: u32) -> bool {
        self.suspects
            .get(&(folder, part))
            .is_some_and(|s| s.contains(&uid))
    }

    pub(crate) fn is_skipped(&self, folder: FolderId, part: Part, uid: u32) -> bool {
        self.skipped.contains(&(folder, part, uid))
    }

    /// Whether any header of this folder was skipped: its sync is then not complete.
    pub(crate) fn headers_skipped(&self, folder: FolderId) -> bool {
        self.skipped
            .iter()
            .any(|(f, p, _)| *f == folder && *p == Part::Headers)
    }

    pub(crate) fn skip(&mut self, folder: FolderId, unfetched: Unfetched) {
        if self.skipped.insert((folder, unfetched.part, unfetched.uid)) {
            self.generation += 1;
            self.list.push(unfetched);
        }
    }
}

/// How a failed FETCH of one message alone is judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// The server said so: NO, BAD, or BYE before closing.
    Server,
    /// The connection closed without a word (Dovecot, mid-literal; or the network).
    Silent,
    /// Anything else (a timeout, a parse error): not the message's fault.
    Other,
}

pub(crate) fn verdict(bye: Option<&str>, error: &super::ImapError) -> Verdict {
    use super::ImapError;
    match error {
        ImapError::Refused { .. } | ImapError::Rejected { .. } => Verdict::Server,
        ImapError::Closed { .. } | ImapError::Net(_) if bye.is_some() => Verdict::Server,
        ImapError::Closed { .. } | ImapError::Net(_) => Verdict::Silent,
        _ => Verdict::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unfetched(uid: u32, part: Part) -> Unfetched {
        Unfetched {
            folder: "INBOX".into(),
            uid,
            part,
            message: None,
            subject: None,
            reason: "Internal error".into(),
        }
    }

    #[test]
    fn suspects_come_newest_first_and_once() {
        let mut t = Trouble::default();
        let f = FolderId(1);
        t.suspect(f, Part::Body, [3, 9, 5]);
        t.suspect(f, Part::Body, [9]);
        assert!(t.is_suspect(f, Part::Body, 5));
        assert!(!t.is_suspect(f, Part::Headers, 5));
        assert_eq!(t.take_suspects(f, Part::Body), vec![9, 5, 3]);
        assert!(t.take_suspects(f, Part::Body).is_empty());
    }

    #[test]
    fn a_skipped_message_is_reported_once_and_not_suspected_again() {
        let mut t = Trouble::default();
        let f = FolderId(1);
        t.skip(f, unfetched(7, Part::Body));
        t.skip(f, unfetched(7, Part::Body));
        assert_eq!(t.list.len(), 1);
        assert!(t.is_skipped(f, Part::Body, 7));
        assert!(!t.headers_skipped(f));
        t.suspect(f, Part::Body, [7, 8]);
        assert_eq!(t.take_suspects(f, Part::Body), vec![8]);
        t.skip(f, unfetched(2, Part::Headers));
        assert!(t.headers_skipped(f));
        assert!(!t.headers_skipped(FolderId(2)));
    }

    #[test]
    fn messages_that_broke_a_connection_come_last() {
        let mut t = Trouble::default();
        let f = FolderId(1);
        t.suspect(f, Part::Body, [3, 9, 5]);
        let g = t.generation();
        t.strike(f, Part::Body, 9);
        assert!(t.generation() > g);
        assert_eq!(t.strikes(f, Part::Body, 9), 1);
        assert_eq!(t.take_suspects(f, Part::Body), vec![5, 3, 9]);
    }

    #[test]
    fn the_server_is_blamed_only_for_what_it_said() {
        use super::super::ImapError;
        let refused = ImapError::Refused {
            host: "h".into(),
            command: "UID FETCH".into(),
            text: "Internal error".into(),
        };
        let closed = ImapError::Closed {
            host: "h".into(),
            text: None,
        };
        assert_eq!(verdict(None, &refused), Verdict::Server);
        assert_eq!(verdict(Some("Internal error"), &closed), Verdict::Server);
        assert_eq!(verdict(None, &closed), Verdict::Silent);
        let timeout = ImapError::Timeout { host: "h".into() };
        assert_eq!(verdict(None, &timeout), Verdict::Other);
        assert_eq!(verdict(Some("bye"), &timeout), Verdict::Other);
    }
}
