//! The status bar: what the engine is doing, whether we are offline, what waits in the
//! outbox, and the last error in words.

use std::collections::BTreeMap;

use iced::widget::{container, row, space, text, tooltip};
use iced::{Alignment, Element, Length};

use crate::engine::events::{Event, Phase};
use crate::tr;
use crate::ui::theme;
use crate::ui::widget::icon::{self, Icon};

/// Progress of one account's current work.
#[derive(Debug, Clone, PartialEq)]
struct Progress {
    folder: String,
    phase: Phase,
    done: u64,
    total: u64,
}

/// Everything the status bar shows, built from the engine's events.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Status {
    /// Accounts at work, with their progress once they reported some.
    working: BTreeMap<String, Option<Progress>>,
    /// Accounts that cannot reach their server, with the reason.
    offline: BTreeMap<String, String>,
    /// Messages waiting in the outbox.
    outbox: u64,
    /// The last error, with the account it concerns.
    last_error: Option<(String, String)>,
    /// Changes made offline that wait to be replayed.
    queued_changes: u64,
    /// Accounts whose current round went offline or failed: its end clears nothing.
    troubled: std::collections::BTreeSet<String>,
}

impl Status {
    /// Takes in one engine event.
    pub fn apply(&mut self, event: &Event) {
        match event {
            Event::SyncStarted { account } => {
                self.working.insert(account.clone(), None);
                self.troubled.remove(account);
            }
            Event::Progress {
                account,
                folder,
                phase,
                done,
                total,
                ..
            } => {
                // Progress means the server answered: the account is online again.
                self.offline.remove(account);
                self.working.insert(
                    account.clone(),
                    Some(Progress {
                        folder: folder.clone(),
                        phase: *phase,
                        done: *done,
                        total: *total,
                    }),
                );
            }
            // Every round ends with this, also one that went offline or failed.
            Event::SyncFinished { account } => {
                self.working.remove(account);
                if self.troubled.remove(account) {
                    return;
                }
                self.offline.remove(account);
                if self.last_error.as_ref().is_some_and(|(a, _)| a == account) {
                    // A sync that ended well clears that account's old error.
                    self.last_error = None;
                }
            }
            Event::Offline { account, reason } => {
                self.working.remove(account);
                self.offline.insert(account.clone(), reason.clone());
                self.troubled.insert(account.clone());
            }
            Event::Error { account, message } => {
                self.last_error = Some((account.clone(), message.clone()));
                self.troubled.insert(account.clone());
            }
            Event::Outbox { waiting } => self.outbox = *waiting,
            Event::NewMail { .. } | Event::Changed { .. } | Event::PasswordNeeded { .. } => {}
        }
    }

    /// Sets how many local changes wait for the server.
    pub fn set_queued_changes(&mut self, n: u64) {
        self.queued_changes = n;
    }

    /// Forgets an account that was removed.
    pub fn forget(&mut self, account: &str) {
        self.working.remove(account);
        self.offline.remove(account);
        if self.last_error.as_ref().is_some_and(|(a, _)| a == account) {
            self.last_error = None;
        }
    }

    pub fn is_offline(&self, account: &str) -> bool {
        self.offline.contains_key(account)
    }

    pub fn any_offline(&self) -> bool {
        !self.offline.is_empty()
    }

    pub fn outbox(&self) -> u64 {
        self.outbox
    }

    pub fn last_error(&self) -> Option<&str> {
        self.last_error.as_ref().map(|(_, m)| m.as_str())
    }

    /// The sentence about current work, if any.
    pub fn activity(&self) -> Option<String> {
        let (account, progress) = self.working.iter().next()?;
        Some(match progress {
            None => tr!("status-sync-starting", account = account.as_str()),
            Some(p) => {
                let key_args = (account.as_str(), p.folder.as_str(), p.done, p.total);
                match p.phase {
                    Phase::Headers => tr!(
                        "status-sync-headers",
                        account = key_args.0,
                        folder = key_args.1,
                        done = key_args.2,
                        total = key_args.3
                    ),
                    Phase::Bodies => tr!(
                        "status-sync-bodies",
                        account = key_args.0,
                        folder = key_args.1,
                        done = key_args.2,
                        total = key_args.3
                    ),
                    Phase::Download => tr!(
                        "status-sync-download",
                        account = key_args.0,
                        done = key_args.2,
                        total = key_args.3
                    ),
                    Phase::Send => tr!(
                        "status-sync-send",
                        account = key_args.0,
                        done = key_args.2,
                        total = key_args.3
                    ),
                    Phase::Replay => tr!(
                        "status-sync-replay",
                        account = key_args.0,
                        done = key_args.2,
                        total = key_args.3
                    ),
                }
            }
        })
    }

    /// The sentence about being offline, if any account is.
    pub fn offline_text(&self) -> Option<String> {
        let (account, reason) = self.offline.iter().next()?;
        let waiting = self.outbox + self.queued_changes;
        Some(if waiting > 0 {
            tr!(
                "status-offline-waiting",
                account = account.as_str(),
                reason = reason.as_str(),
                count = waiting
            )
        } else {
            tr!(
                "status-offline",
                account = account.as_str(),
                reason = reason.as_str()
            )
        })
    }

    pub fn view<'a, Message: 'a>(&'a self) -> Element<'a, Message> {
        let mut parts = row![]
            .spacing(theme::SPACING * 2.0)
            .align_y(Alignment::Center);
        if let Some(offline) = self.offline_text() {
            parts = parts.push(
                row![
                    icon::icon(Icon::Offline),
                    text(offline).size(theme::SMALL_SIZE)
                ]
                .spacing(theme::SPACING / 2.0)
                .align_y(Alignment::Center),
            );
        } else if let Some(activity) = self.activity() {
            parts = parts.push(
                row![
                    icon::icon(Icon::Sync),
                    text(activity).size(theme::SMALL_SIZE)
                ]
                .spacing(theme::SPACING / 2.0)
                .align_y(Alignment::Center),
            );
        } else {
            parts = parts.push(text(tr!("status-idle")).size(theme::SMALL_SIZE));
        }
        match self.last_error() {
            Some(error) => parts = parts.push(error_line(error)),
            None => parts = parts.push(space::horizontal()),
        }
        if self.outbox > 0 {
            parts = parts.push(
                row![
                    icon::icon(Icon::Outbox),
                    text(tr!("status-outbox", count = self.outbox)).size(theme::SMALL_SIZE)
                ]
                .spacing(theme::SPACING / 2.0)
                .align_y(Alignment::Center),
            );
        }
        container(parts)
            .padding([4.0, theme::SPACING * 1.5])
            .height(Length::Fixed(theme::STATUS_BAR_HEIGHT))
            .width(Length::Fill)
            .align_y(Alignment::Center)
            .style(theme::status_bar)
            .into()
    }
}

/// The last error on one line, cut at the bar's end so the bar never grows; the whole
/// sentence shows when the pointer rests on it.
fn error_line<'a, Message: 'a>(error: &str) -> Element<'a, Message> {
    let line = row![
        icon::colored(Icon::Warning, |t| t.extended_palette().danger.base.color),
        text(error.to_owned())
            .size(theme::SMALL_SIZE)
            .style(theme::danger_text)
            .wrapping(text::Wrapping::None)
    ]
    .spacing(theme::SPACING / 2.0)
    .align_y(Alignment::Center);
    let whole = container(text(error.to_owned()).size(theme::SMALL_SIZE))
        .max_width(560.0)
        .padding(theme::SPACING)
        .style(container::bordered_box);
    tooltip(
        container(line).width(Length::Fill).clip(true),
        whole,
        tooltip::Position::Top,
    )
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_offline_and_errors_are_reported_in_words() {
        let mut s = Status::default();
        assert!(s.activity().is_none());
        s.apply(&Event::SyncStarted {
            account: "Work".into(),
        });
        assert!(s.activity().unwrap().contains("Work"));
        s.apply(&Event::Progress {
            account: "Work".into(),
            folder: "INBOX".into(),
            phase: Phase::Headers,
            done: 120,
            total: 3000,
            bytes: 0,
        });
        let a = s.activity().unwrap();
        assert!(
            a.contains("INBOX") && a.contains("120") && a.contains("3"),
            "{a}"
        );
        s.apply(&Event::Offline {
            account: "Work".into(),
            reason: "no network".into(),
        });
        assert!(s.is_offline("Work"));
        assert!(s.activity().is_none());
        s.apply(&Event::Outbox { waiting: 2 });
        let o = s.offline_text().unwrap();
        assert!(o.contains("no network") && o.contains('2'), "{o}");
        s.apply(&Event::Error {
            account: "Work".into(),
            message: "The password was refused.".into(),
        });
        assert_eq!(s.last_error(), Some("The password was refused."));
        // The round that went offline and failed ends: both stay said.
        s.apply(&Event::SyncFinished {
            account: "Work".into(),
        });
        assert!(s.is_offline("Work"));
        assert_eq!(s.last_error(), Some("The password was refused."));
        // A later round that ends well clears them.
        s.apply(&Event::SyncStarted {
            account: "Work".into(),
        });
        s.apply(&Event::SyncFinished {
            account: "Work".into(),
        });
        assert!(!s.any_offline());
        assert_eq!(s.last_error(), None);
        assert_eq!(s.outbox(), 2);
    }
}
