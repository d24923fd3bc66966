//! Reading and acting on mail of an account synced from the harness's Dovecot: the folder
//! pane, the list, the reader, keyboard shortcuts, search, and changes reaching the server.

use iced::Theme;
use iced::keyboard::{Key, key::Named};
use tidings::engine::account::Protocol;

use super::driver::Ui;
use super::mail::{self, Mail, simple};
use crate::support::MailServers;

const BOB: (&str, &str) = ("Bob Builder", "bob@example.test");
const CAROL: (&str, &str) = ("Carol Singer", "carol@example.test");

/// Alice's Inbox: 20 plain messages, a conversation of two, one with an attachment.
pub fn fill_inbox(servers: &MailServers) {
    let alice = &servers.user(0).address;
    let subjects: Vec<String> = (1..=20).map(|i| format!("Weekly report {i}")).collect();
    let ids: Vec<String> = (1..=20).map(|i| format!("report{i}")).collect();
    let mut mails: Vec<(Vec<u8>, &'static str)> = (0..20)
        .map(|i| {
            let from = if i % 2 == 0 { BOB } else { CAROL };
            let flags = match i {
                4 => "SF",
                0..10 => "S",
                _ => "",
            };
            (
                simple(from, &subjects[i], i as u32 + 1, &ids[i]).raw(),
                flags,
            )
        })
        .collect();
    mails.push((simple(BOB, "Plans for the summer", 21, "plans").raw(), "S"));
    mails.push((
        Mail {
            in_reply_to: Some("plans"),
            ..simple(CAROL, "Re: Plans for the summer", 22, "replyplans")
        }
        .raw(),
        "",
    ));
    mails.push((
        Mail {
            attachment: Some(("budget.csv", b"item,cost\nboat,100\n")),
            ..simple(BOB, "Budget attached", 23, "budget")
        }
        .raw(),
        "",
    ));
    servers.dovecot.fill(
        alice,
        "INBOX",
        mails
            .iter()
            .map(|(raw, flags)| (raw.as_slice(), *flags, None)),
    );
}

/// Flags the server holds for the message with this subject in a folder, if it is there.
pub fn server_flags(servers: &MailServers, folder: &str, subject: &str) -> Option<Vec<String>> {
    let needle = format!("Subject: {subject}\r\n");
    servers
        .dovecot
        .messages(&servers.user(0).address, folder)
        .into_iter()
        .find(|m| m.raw.windows(needle.len()).any(|w| w == needle.as_bytes()))
        .map(|m| m.flags)
}

#[test]
fn a_synced_account_shows_folders_and_mail_and_changes_reach_the_server() {
    let servers = MailServers::start();
    fill_inbox(&servers);
    let profile = tempfile::tempdir().expect("profile");
    let account = mail::add_account(&servers, 0, Protocol::Imap, profile.path());
    let mut ui = Ui::open(profile.path());

    // The first sync brings the folders and the list, newest first.
    ui.wait_for_text("Budget attached");
    ui.wait_for_text("Up to date");
    for folder in ["All inboxes", "Inbox", "Sent", "Drafts", "Trash", "Junk"] {
        assert!(ui.has(folder), "{folder} missing: {:?}", ui.texts());
    }
    // Unread counts: 12 of 23 are unread.
    ui.wait_for_text("12");
    assert!(ui.has("Weekly report 20") && ui.has("Re: Plans for the summer"));
    ui.quiesce();
    ui.snapshot("mailbox-light", &Theme::Light);
    ui.snapshot("mailbox-dark", &Theme::Dark);

    // Opening a message marks it read, here at once and on the server soon after.
    ui.click("Weekly report 20");
    ui.wait_for_world("the server marks it read", || {
        server_flags(&servers, "INBOX", "Weekly report 20")
            .is_some_and(|f| f.iter().any(|f| f == "\\Seen"))
    });
    ui.wait_for_text("11");

    // s flags it, u marks it unread again: both reach the server as flag changes.
    ui.key(Key::Character("s".into()));
    ui.wait_for_world("the server flags it", || {
        server_flags(&servers, "INBOX", "Weekly report 20")
            .is_some_and(|f| f.iter().any(|f| f == "\\Flagged"))
    });
    ui.key(Key::Character("u".into()));
    ui.wait_for_world("the server marks it unread", || {
        server_flags(&servers, "INBOX", "Weekly report 20")
            .is_some_and(|f| !f.iter().any(|f| f == "\\Seen"))
    });

    // j moves down to the next (older) message; Delete moves it to the Trash.
    ui.key(Key::Character("j".into()));
    ui.key(Key::Named(Named::Delete));
    ui.wait_for_world("the message moves to the server's Trash", || {
        server_flags(&servers, "Trash", "Weekly report 19").is_some()
            && server_flags(&servers, "INBOX", "Weekly report 19").is_none()
    });
    assert!(!ui.has("Weekly report 19"), "{:?}", ui.texts());

    // Search with the store's query language.
    ui.type_into("search", "from:bob");
    ui.submit("search");
    ui.wait_for_text("Budget attached");
    assert!(!ui.shows("Carol Singer"), "{:?}", ui.texts());
    assert!(ui.has("Weekly report 17"));
    ui.click("Weekly report 17");

    mail::forget(profile.path(), &account);
}
