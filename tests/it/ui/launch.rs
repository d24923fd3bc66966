//! What `tidings TARGET` opens: a `mailto:` link fills in the composer (attachments and other
//! headers refused with a notice) and what it sends reaches the server as the link asked; a
//! message file shows in a reader, remote content blocked, nothing stored.

use iced::Theme;
use tidings::engine::account::Protocol;
use tidings::engine::mailto;
use tidings::ui::app::Launch;

use super::composing::server_has;
use super::driver::Ui;
use super::mail::{self, Mail, simple};
use super::reader::image_server;
use crate::support::MailServers;

#[test]
fn a_mailto_link_opens_the_composer_filled_in_and_refuses_files_and_other_headers() {
    let servers = MailServers::start();
    let profile = tempfile::tempdir().expect("profile");
    let account = mail::add_account(&servers, 0, Protocol::Imap, profile.path());
    let secret = profile.path().join("secret.txt");
    std::fs::write(&secret, "do not send me").expect("file");
    let link = format!(
        "mailto:bob@example.test?subject=Lunch%20plans&body=See%20you%20at%20noon.&cc=carol@example.test\
         &attach={}&from=boss@example.test&X-Priority=1",
        secret.display()
    );
    let parsed = mailto::parse(&link).expect("a mailto link");
    let mut ui = Ui::launch(profile.path(), Launch::Mailto(Box::new(parsed)));

    ui.wait_for_text("New message");
    assert!(ui.has("bob@example.test"), "{:?}", ui.texts());
    assert!(ui.has("carol@example.test"), "{:?}", ui.texts());
    assert!(ui.has("Lunch plans"), "{:?}", ui.texts());
    assert!(
        ui.shows("The link asked to attach “attach”"),
        "the file notice: {:?}",
        ui.texts()
    );
    assert!(
        ui.shows("The link tried to set “from”, “x-priority”"),
        "the header notice: {:?}",
        ui.texts()
    );

    // The link's message is kept as a draft like any other; the snapshot waits for that.
    ui.wait_for_text("Draft saved");
    ui.quiesce();
    ui.snapshot("composer-mailto", &Theme::Light);

    ui.click("Send");
    ui.wait_for_world("Bob receives it from Alice, without the file", || {
        server_has(
            &servers,
            1,
            "INBOX",
            &[
                b"Subject: Lunch plans",
                b"See you at noon.",
                b"alice@example.test",
            ],
        )
    });
    let got = servers.dovecot.messages(&servers.user(1).address, "INBOX");
    let raw = String::from_utf8_lossy(&got[0].raw).into_owned();
    assert!(!raw.contains("boss@example.test"), "{raw}");
    assert!(!raw.contains("do not send me"), "{raw}");
    assert!(!raw.to_ascii_lowercase().contains("x-priority"), "{raw}");
    ui.wait_for_world("Carol gets her copy", || {
        server_has(&servers, 2, "INBOX", &[b"Subject: Lunch plans"])
    });
    mail::forget(profile.path(), &account);
}

#[test]
fn a_message_file_opens_in_a_reader_with_remote_content_blocked() {
    let (port, requests) = image_server();
    let html = format!(
        "<p>Our <b>spring</b> catalogue.</p><p><img src=\"http://127.0.0.1:{port}/spy.png\" \
         alt=\"tracker\"></p>"
    );
    let raw = Mail {
        html: Some(&html),
        body: "Our spring catalogue.",
        ..simple(
            ("Shop Newsletter", "news@shop.test"),
            "Spring catalogue",
            6,
            "file",
        )
    }
    .raw();
    let profile = tempfile::tempdir().expect("profile");
    let file = profile.path().join("catalogue.eml");
    std::fs::write(&file, &raw).expect("message file");

    // No account at all: the file is shown, not the setup wizard.
    let mut ui = Ui::launch(profile.path(), Launch::File(file.clone()));
    ui.wait_for_text("Spring catalogue");
    assert_eq!(ui.app.title(), "catalogue.eml — Tidings");
    assert!(ui.has("Shop Newsletter"), "{:?}", ui.texts());
    assert!(ui.has("<news@shop.test>"), "{:?}", ui.texts());
    assert!(ui.shows("spring"), "{:?}", ui.texts());
    assert!(
        ui.shows("One image in this message is on the internet and was not loaded"),
        "{:?}",
        ui.texts()
    );
    assert!(!ui.has("Your name"), "the wizard shows: {:?}", ui.texts());
    ui.settle();
    assert!(
        requests.lock().unwrap().is_empty(),
        "a remote image was fetched"
    );
    ui.snapshot("message-file", &Theme::Light);

    // Its source, from the file.
    ui.click("Show the source");
    ui.wait_for("Message-ID: <file@example.test>");

    // Asked for, the remote content loads.
    ui.click("Show the message");
    ui.click("Load remote content");
    ui.wait_for_world("the image is fetched", || {
        !requests.lock().unwrap().is_empty()
    });
}
