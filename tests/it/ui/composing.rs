//! Writing and sending from the window through the harness's Postfix into Dovecot: a new
//! message with completion and an attachment dropped on the window, a reply, and a draft
//! kept while typing.

use iced::Theme;
use iced::keyboard::Key;
use tidings::engine::Profile;
use tidings::engine::account::Protocol;

use super::driver::Ui;
use super::mail::{self, simple};
use super::reading::server_flags;
use crate::support::MailServers;

/// Whether `user`'s folder on the server holds a message containing every `part`.
pub(crate) fn server_has(
    servers: &MailServers,
    user: usize,
    folder: &str,
    parts: &[&[u8]],
) -> bool {
    servers
        .dovecot
        .messages(&servers.user(user).address, folder)
        .iter()
        .any(|m| {
            parts
                .iter()
                .all(|p| m.raw.windows(p.len()).any(|w| w == *p))
        })
}

#[test]
fn a_new_message_with_an_attachment_and_a_reply_reach_bob() {
    let servers = MailServers::start();
    let bob = servers.user(1).address.clone();
    let from_bob = simple(("Bob Builder", &bob), "Lunch on Friday?", 4, "lunch").raw();
    servers.dovecot.fill(
        &servers.user(0).address,
        "INBOX",
        [(from_bob.as_slice(), "", None)],
    );
    let profile = tempfile::tempdir().expect("profile");
    let account = mail::add_account(&servers, 0, Protocol::Imap, profile.path());
    let mut ui = Ui::open(profile.path());
    ui.wait_for_text("Lunch on Friday?");
    ui.quiesce();

    // c writes a new message; the address completes from mail already here.
    ui.key(Key::Character("c".into()));
    ui.wait_for_text("New message");
    ui.type_into("composer-to", "bob");
    ui.wait_for_text("Bob Builder <bob@example.test>");
    ui.click("Bob Builder <bob@example.test>");
    assert!(
        ui.has("Bob Builder <bob@example.test>, "),
        "{:?}",
        ui.texts()
    );
    ui.type_into("composer-subject", "Boat budget");
    ui.type_into("composer-body", "Here is the budget.");
    let file = profile.path().join("boat.csv");
    std::fs::write(&file, b"item,cost\nsail,40\n").expect("file");
    ui.drop_file(&file);
    ui.wait_for_text("boat.csv");
    // Autosaved a few seconds after typing; the snapshot waits for it to be the same always.
    ui.wait_for_text("Draft saved");
    ui.quiesce();
    ui.snapshot("composer", &Theme::Light);
    ui.click("Send");
    ui.wait_for_text("All inboxes");
    assert!(!ui.has("New message"), "the composer stayed open");
    ui.wait_for_world("Bob receives it with the attachment", || {
        server_has(
            &servers,
            1,
            "INBOX",
            &[b"Subject: Boat budget", b"Here is the budget.", b"boat.csv"],
        )
    });
    ui.wait_for_world("the Sent copy reaches the server", || {
        server_has(&servers, 0, "Sent", &[b"Subject: Boat budget"])
    });

    // r answers the message shown: addressed to Bob, quoted, and marked answered.
    ui.click("Lunch on Friday?");
    ui.key(Key::Character("r".into()));
    ui.wait_for_text("Re: Lunch on Friday?");
    assert!(ui.shows("bob@example.test"), "{:?}", ui.texts());
    ui.click("Send");
    ui.wait_for_world("Bob receives the reply", || {
        server_has(
            &servers,
            1,
            "INBOX",
            &[
                b"Subject: Re: Lunch on Friday?",
                b"In-Reply-To: <lunch@example.test>",
            ],
        )
    });
    ui.wait_for_world("the original is marked answered on the server", || {
        server_flags(&servers, "INBOX", "Lunch on Friday?")
            .is_some_and(|f| f.iter().any(|f| f == "\\Answered"))
    });

    mail::forget(profile.path(), &account);
}

#[test]
fn a_draft_is_saved_while_typing_and_kept_in_drafts_when_closed() {
    let servers = MailServers::start();
    let profile = tempfile::tempdir().expect("profile");
    let account = mail::add_account(&servers, 0, Protocol::Imap, profile.path());
    let mut ui = Ui::open(profile.path());
    ui.wait_for_text("Up to date");
    ui.click("Write");
    ui.wait_for_text("New message");
    ui.type_into("composer-subject", "Half-written thoughts");
    ui.type_into("composer-body", "Dear Bob, I was thinking");
    // Saved on its own after a few seconds of typing: a crash now loses nothing.
    let drafts = Profile::under(profile.path()).data.join("drafts");
    ui.wait_for_world("the draft is saved to disk", || {
        std::fs::read_dir(&drafts)
            .into_iter()
            .flatten()
            .flatten()
            .any(|d| {
                std::fs::read_to_string(d.path().join("draft.json")).is_ok_and(|t| {
                    t.contains("Half-written thoughts") && t.contains("I was thinking")
                })
            })
    });
    ui.wait_for_text("Draft saved");
    // Closing keeps it, in the Drafts folder on the server too.
    ui.click("Close");
    ui.wait_for_world("the draft reaches the server's Drafts folder", || {
        server_has(&servers, 0, "Drafts", &[b"Subject: Half-written thoughts"])
    });
    mail::forget(profile.path(), &account);
}
