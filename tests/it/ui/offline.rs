//! Offline: with the servers gone, cached mail is read, searched and changed, a message is
//! written and sent; the status bar says what waits; when the servers are back, it all
//! goes out.

use iced::keyboard::Key;
use tidings::engine::account::Protocol;

use super::driver::Ui;
use super::mail::{self, simple};
use super::reading::server_flags;
use crate::support::MailServers;

#[test]
fn changes_and_mail_made_offline_wait_and_go_out_when_the_servers_are_back() {
    let mut servers = MailServers::start();
    let alice = servers.user(0).address.clone();
    let bob = servers.user(1).address.clone();
    let mails = [
        simple(
            ("Bob Builder", "bob@example.test"),
            "Harbour schedule",
            5,
            "harbour",
        )
        .raw(),
        simple(
            ("Carol Singer", "carol@example.test"),
            "Choir practice",
            6,
            "choir",
        )
        .raw(),
    ];
    servers.dovecot.fill(
        &alice,
        "INBOX",
        mails.iter().map(|m| (m.as_slice(), "", None)),
    );
    let profile = tempfile::tempdir().expect("profile");
    let account = mail::add_account(&servers, 0, Protocol::Imap, profile.path());
    let mut ui = Ui::open(profile.path());
    ui.wait_for_text("Choir practice");
    ui.quiesce();

    // The servers go away.
    servers.dovecot.stop();
    servers.postfix_mut().stop();
    ui.click("Get mail");
    ui.wait_for("Offline");

    // Cached mail still reads, searches and changes.
    ui.click("Harbour schedule");
    ui.wait_for("this is a message for the window tests");
    ui.key(Key::Character("s".into()));
    ui.type_into("search", "choir");
    ui.submit("search");
    ui.wait_for_text("Choir practice");
    assert!(!ui.has("Harbour schedule"), "{:?}", ui.texts());
    ui.click("Write");
    ui.type_into("composer-to", &bob);
    ui.type_into("composer-subject", "Written offline");
    ui.type_into("composer-body", "This waited for the network.");
    ui.click("Send");
    ui.wait_for("1 message in the outbox");
    // The status bar says the account is offline and what waits.
    ui.wait_for("wait and will go out when the connection is back");

    // Back: "Get mail" sends and replays at once.
    servers.dovecot.restart();
    servers.postfix_mut().restart();
    ui.click("Get mail");
    ui.wait_for_world("the flag made offline reaches the server", || {
        server_flags(&servers, "INBOX", "Harbour schedule")
            .is_some_and(|f| f.iter().any(|f| f == "\\Flagged"))
    });
    ui.wait_for_world("the message written offline reaches Bob", || {
        servers
            .dovecot
            .messages(&bob, "INBOX")
            .iter()
            .any(|m| String::from_utf8_lossy(&m.raw).contains("Subject: Written offline"))
    });
    ui.wait_until("the outbox is empty", |app| app.status().outbox() == 0);
    ui.wait_until("the account is online", |app| !app.status().any_offline());

    mail::forget(profile.path(), &account);
}
