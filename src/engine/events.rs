//! What the engine tells its front ends while it works: progress, new mail, trouble.
//!
//! Long-running engine work takes an [`Events`] and reports through it; the GUI turns the
//! stream into a Subscription, the command line prints progress or ignores it.

use serde::Serialize;

/// One thing that happened.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "event", rename_all = "kebab-case")]
pub enum Event {
    /// Work on an account began.
    SyncStarted { account: String },
    /// Progress within one folder: `done` of `total` items, `bytes` transferred so far.
    Progress {
        account: String,
        folder: String,
        phase: Phase,
        done: u64,
        total: u64,
        bytes: u64,
    },
    /// New messages arrived in a folder.
    NewMail {
        account: String,
        folder: String,
        count: u64,
    },
    /// The local store changed for this account (and folder, if known): lists should refresh.
    Changed {
        account: String,
        folder: Option<String>,
    },
    /// What waits in the outbox changed.
    Outbox { waiting: u64 },
    /// The account cannot reach its server now; the reason is a sentence for the user.
    Offline { account: String, reason: String },
    /// Something failed; the message is a sentence for the user.
    Error { account: String, message: String },
    /// The keyring could not give the account's password (none stored, no keyring, locked);
    /// the reason is a sentence for the user. The window asks for the password.
    PasswordNeeded { account: String, reason: String },
    /// Work on an account ended.
    SyncFinished { account: String },
}

/// Which part of the work a progress event is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    /// IMAP: headers and flags.
    Headers,
    /// IMAP: message bodies.
    Bodies,
    /// POP3: downloading.
    Download,
    /// SMTP: sending.
    Send,
    /// Replaying changes made offline.
    Replay,
}

/// Where events go. Cloning is cheap; an `Events::none()` sink drops everything.
#[derive(Debug, Clone, Default)]
pub struct Events {
    sender: Option<tokio::sync::mpsc::UnboundedSender<Event>>,
}

impl Events {
    /// A sink that drops every event.
    pub fn none() -> Self {
        Self::default()
    }

    /// A sink and the receiving end of its stream.
    pub fn channel() -> (Self, tokio::sync::mpsc::UnboundedReceiver<Event>) {
        let (sender, receiver) = tokio::sync::mpsc::unbounded_channel();
        (
            Self {
                sender: Some(sender),
            },
            receiver,
        )
    }

    pub fn emit(&self, event: Event) {
        if let Some(sender) = &self.sender {
            // A closed receiver means nobody listens any more; the work goes on regardless.
            let _ = sender.send(event);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_reach_the_receiver_and_none_drops_them() {
        let (events, mut rx) = Events::channel();
        events.emit(Event::Outbox { waiting: 2 });
        assert_eq!(rx.try_recv().unwrap(), Event::Outbox { waiting: 2 });
        Events::none().emit(Event::Outbox { waiting: 1 });
    }
}
