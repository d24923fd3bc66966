//! Acting on mail as a person does, each change reaching the harness's Dovecot: a
//! conversation expanded, a message dragged onto a folder, moved through the menu, archived
//! with e; forward (f) and reply-all (a) open the composer addressed as they should.

use iced::keyboard::Key;
use tidings::engine::account::Protocol;
use tidings::ui::app::Message;
use tidings::ui::screen::mailbox::{self, Act, MoveTarget};

use super::driver::Ui;
use super::mail;
use super::reading::{fill_inbox, server_flags};
use crate::support::MailServers;

#[test]
fn conversations_expand_and_messages_move_by_drag_menu_and_archive() {
    let servers = MailServers::start();
    fill_inbox(&servers);
    let profile = tempfile::tempdir().expect("profile");
    let account = mail::add_account(&servers, 0, Protocol::Imap, profile.path());
    let mut ui = Ui::open(profile.path());
    ui.wait_for_text("Budget attached");
    ui.quiesce();

    // A conversation is one row, shown by its newest message with the count of its
    // messages; its mark opens the other message beneath it, once, and closes it again.
    assert_eq!(ui.count("Re: Plans for the summer"), 1, "{:?}", ui.texts());
    assert_eq!(ui.count("Plans for the summer"), 0, "{:?}", ui.texts());
    ui.click("2");
    // The other message comes from the store in a task: on a busy machine it can take
    // longer than the pause after a click.
    ui.wait_for_text("Plans for the summer");
    assert_eq!(ui.count("Re: Plans for the summer"), 1, "{:?}", ui.texts());
    assert_eq!(ui.count("Plans for the summer"), 1, "{:?}", ui.texts());
    ui.click("2");
    assert_eq!(ui.count("Plans for the summer"), 0, "{:?}", ui.texts());
    assert_eq!(ui.count("Re: Plans for the summer"), 1, "{:?}", ui.texts());

    // Dragged onto Junk: moved there, here and on the server.
    ui.drag("Weekly report 18", "Junk");
    ui.wait_for_world("the server moves it to Junk", || {
        server_flags(&servers, "Junk", "Weekly report 18").is_some()
            && server_flags(&servers, "INBOX", "Weekly report 18").is_none()
    });
    assert!(!ui.has("Weekly report 18"), "{:?}", ui.texts());

    // The "Move to" menu of the reader: what its choice sends.
    ui.click("Weekly report 17");
    ui.wait_for_text("Show the source");
    ui.update(Message::Mailbox(mailbox::Message::Act(Act::MoveTo(
        MoveTarget {
            account: account.name.clone(),
            folder: "Trash".into(),
            label: "Trash".into(),
        },
    ))));
    ui.wait_for_world("the server moves it to the Trash", || {
        server_flags(&servers, "Trash", "Weekly report 17").is_some()
    });

    // e archives the message shown.
    ui.click("Weekly report 16");
    ui.wait_for_text("Show the source");
    ui.key(Key::Character("e".into()));
    ui.wait_for_world("the server archives it", || {
        server_flags(&servers, "Archive", "Weekly report 16").is_some()
            && server_flags(&servers, "INBOX", "Weekly report 16").is_none()
    });

    // f forwards the message shown, a answers everyone.
    ui.click("Budget attached");
    ui.wait_for_text("Show the source");
    ui.key(Key::Character("f".into()));
    ui.wait_for("Fwd: Budget attached");
    assert!(
        ui.has("budget.csv"),
        "the attachment goes along: {:?}",
        ui.texts()
    );
    ui.click("Discard");
    ui.wait_for_text("All inboxes");
    ui.key(Key::Character("a".into()));
    ui.wait_for("Re: Budget attached");
    assert!(ui.shows("bob@example.test"), "{:?}", ui.texts());
    mail::forget(profile.path(), &account);
}
