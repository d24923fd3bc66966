//! Old messages read on demand: an account that keeps bodies for 30 days lists a message
//! from 2024 headers-only; opening it shows its headers and "Downloading this message…",
//! then its text, without another click. A message gone from the server says so, with a
//! "Try again" button; offline, the reader says the text comes when the connection is
//! back, and it does once the account reaches its server again.

use std::time::{Duration, SystemTime};

use tidings::engine::Profile;
use tidings::engine::account::{Account, Accounts, Protocol};

use super::driver::Ui;
use super::mail::{self, Mail, simple};
use crate::support::MailServers;

/// Two messages received a year ago, and an account keeping bodies for 30 days only.
fn old_mail(servers: &MailServers, profile: &std::path::Path) -> Account {
    let minutes = Mail {
        body: "The minutes of Tuesday are below.",
        ..simple(
            ("Bob Builder", "bob@example.test"),
            "Minutes of the meeting",
            5,
            "minutes",
        )
    };
    let budget = Mail {
        body: "Last year's budget, for the record.",
        ..simple(
            ("Carol Singer", "carol@example.test"),
            "Budget of last year",
            6,
            "budget",
        )
    };
    let received = Some(SystemTime::now() - Duration::from_secs(365 * 86_400));
    servers.dovecot.fill(
        &servers.user(0).address,
        "INBOX",
        [(minutes.raw(), "", received), (budget.raw(), "", received)],
    );
    let mut account = mail::add_account(servers, 0, Protocol::Imap, profile);
    account.sync.bodies_for_days = Some(30);
    let p = Profile::under(profile);
    let mut accounts = Accounts::load(&p.accounts_file()).expect("accounts");
    accounts.update(account.clone()).expect("offline window");
    account
}

#[test]
fn an_old_message_downloads_when_opened_and_a_gone_one_says_so() {
    let servers = MailServers::start();
    let profile = tempfile::tempdir().expect("profile");
    let account = old_mail(&servers, profile.path());
    let mut ui = Ui::open(profile.path());
    ui.wait_for_text("Minutes of the meeting");
    ui.quiesce();

    ui.click_only("Minutes of the meeting");
    // The headers at once, with the download under way.
    ui.wait_for("Downloading this message");
    assert!(ui.has("Bob Builder"), "{:?}", ui.texts());
    assert!(ui.has("<bob@example.test>"), "{:?}", ui.texts());
    assert!(ui.shows("2024"), "the date: {:?}", ui.texts());
    assert!(!ui.shows("The minutes of Tuesday"), "{:?}", ui.texts());
    // Then the text, without another click.
    ui.wait_for("The minutes of Tuesday are below.");
    assert!(!ui.shows("Downloading this message"), "{:?}", ui.texts());
    assert!(ui.has("Show the source"), "{:?}", ui.texts());

    // Deleted on the server by another client since the sync: said in words.
    let user = servers.user(0).address.clone();
    let gone = servers
        .dovecot
        .messages(&user, "INBOX")
        .into_iter()
        .find(|m| String::from_utf8_lossy(&m.raw).contains("Budget of last year"))
        .expect("the budget on the server");
    servers.dovecot.doveadm(&[
        "expunge",
        "-u",
        &user,
        "mailbox",
        "INBOX",
        "uid",
        &gone.uid.to_string(),
    ]);
    ui.click("Budget of last year");
    ui.wait_for("no longer on the server");
    assert!(ui.has("Try again"), "{:?}", ui.texts());
    assert!(!ui.shows("Last year's budget"), "{:?}", ui.texts());
    ui.click_only("Try again");
    ui.wait_for("Downloading this message");
    ui.wait_for("no longer on the server");
    // The first message's text is not shown in the second's place, nor the other way.
    ui.click("Minutes of the meeting");
    ui.wait_for("The minutes of Tuesday are below.");
    // (The status bar may still say that marking the gone message read failed.)
    assert!(!ui.has("Try again"), "{:?}", ui.texts());
    mail::forget(profile.path(), &account);
}

#[test]
fn offline_the_text_comes_when_the_connection_is_back() {
    let mut servers = MailServers::start();
    let profile = tempfile::tempdir().expect("profile");
    let account = old_mail(&servers, profile.path());
    let mut ui = Ui::open(profile.path());
    ui.wait_for_text("Budget of last year");
    ui.quiesce();

    servers.dovecot.stop();
    ui.click("Budget of last year");
    ui.wait_for("It will be downloaded as soon as the connection to the server is back");
    assert!(ui.has("Carol Singer"), "{:?}", ui.texts());
    assert!(!ui.shows("Last year's budget"), "{:?}", ui.texts());

    // The server is back; the next round of the account reaches it (here at once, as
    // "Get mail" asks) and the text comes while the message is still open.
    servers.dovecot.restart();
    ui.click("Get mail");
    ui.wait_for("Last year's budget, for the record.");
    assert!(!ui.shows("as soon as the connection"), "{:?}", ui.texts());
    mail::forget(profile.path(), &account);
}
