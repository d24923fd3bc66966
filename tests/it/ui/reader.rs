//! The reader: sender and address, recipients, HTML as styled text with links showing their
//! real target, remote images blocked until asked for (served here from 127.0.0.1),
//! attachments saved, and the raw source of a message that cannot be parsed.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use iced::Theme;
use tidings::engine::account::{Accounts, Protocol};
use tidings::ui::app::Message;
use tidings::ui::screen::mailbox;

use super::driver::Ui;
use super::mail::{self, Mail, simple};
use crate::support::MailServers;

/// A web server on 127.0.0.1 answering every request with one PNG, counting requests.
pub(crate) fn image_server() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let requests = Arc::new(Mutex::new(Vec::new()));
    let seen = requests.clone();
    // A 1×1 PNG.
    let png: &'static [u8] = &[
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f,
        0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8,
        0xcf, 0xc0, 0xf0, 0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00,
        0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
    ];
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut buf = [0u8; 4096];
            let n = stream.read(&mut buf).unwrap_or(0);
            let request = String::from_utf8_lossy(&buf[..n]);
            if let Some(line) = request.lines().next() {
                seen.lock().unwrap().push(line.to_owned());
            }
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                png.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(png);
        }
    });
    (port, requests)
}

#[test]
fn the_reader_shows_sender_links_images_attachments_and_source() {
    let servers = MailServers::start();
    let (port, requests) = image_server();
    let html = format!(
        "<h1>Spring offers</h1><p>Log in to <a href=\"https://evil.test/login\">your bank</a> \
         or see <a href=\"https://example.test/\">https://example.test/</a>.</p>\
         <blockquote><p>Quoted <b>bold</b> words</p></blockquote>\
         <ul><li>first point</li><li>second point</li></ul>\
         <p><img src=\"http://127.0.0.1:{port}/pixel.png\" alt=\"tracker\"></p>"
    );
    let alice = servers.user(0).address.clone();
    let newsletter = Mail {
        html: Some(&html),
        body: "Spring offers",
        ..simple(
            ("Shop Newsletter", "news@shop.test"),
            "Spring offers",
            2,
            "news",
        )
    }
    .raw();
    let budget = Mail {
        attachment: Some(("budget.csv", b"item,cost\nboat,100\n")),
        ..simple(
            ("Bob Builder", "bob@example.test"),
            "Budget attached",
            3,
            "budget",
        )
    }
    .raw();
    servers.dovecot.fill(
        &alice,
        "INBOX",
        [
            (newsletter.as_slice(), "", None),
            (budget.as_slice(), "", None),
        ],
    );
    let profile = tempfile::tempdir().expect("profile");
    let account = mail::add_account(&servers, 0, Protocol::Imap, profile.path());
    let mut ui = Ui::open(profile.path());
    ui.wait_for_text("Spring offers");
    ui.wait_for_text("Up to date");

    // HTML as styled text; the link's real target shown beside its text, but not twice for
    // a link that says where it goes.
    ui.click("Spring offers");
    ui.wait_for_text("Shop Newsletter");
    assert!(ui.has("<news@shop.test>"), "{:?}", ui.texts());
    assert!(
        ui.shows("your bank ⟨https://evil.test/login⟩"),
        "{:?}",
        ui.texts()
    );
    assert!(!ui.shows("https://example.test/ ⟨"), "{:?}", ui.texts());
    assert!(ui.shows("Quoted bold words") && ui.shows("second point"));
    // The remote image is blocked: nothing was fetched.
    assert!(
        ui.shows("One image in this message is on the internet and was not loaded"),
        "{:?}",
        ui.texts()
    );
    assert!(requests.lock().unwrap().is_empty());
    // Opening it marked it read; the snapshot waits until that reached the server.
    ui.wait_for_world("the server marks it read", || {
        super::reading::server_flags(&servers, "INBOX", "Spring offers")
            .is_some_and(|f| f.iter().any(|f| f == "\\Seen"))
    });
    ui.wait_for_text("Up to date");
    ui.quiesce();
    ui.snapshot("reader-html", &Theme::Light);
    ui.click("Load remote content");
    ui.wait_for_world("the image is fetched", || {
        requests
            .lock()
            .unwrap()
            .iter()
            .any(|r| r.starts_with("GET /pixel.png"))
    });
    ui.settle();
    assert!(!ui.shows("was not loaded"), "{:?}", ui.texts());

    // An attachment, saved where the user chose (what the save dialog returns).
    ui.click("Budget attached");
    ui.wait_for_text("budget.csv");
    assert!(ui.has("Save") && ui.has("Open"));
    let target = profile.path().join("saved-budget.csv");
    ui.update(Message::Mailbox(mailbox::Message::Reader(
        mailbox::reader::Message::SaveTo(0, Some(target.clone())),
    )));
    ui.wait_for("Saved as");
    assert_eq!(
        std::fs::read(&target).expect("saved file"),
        b"item,cost\nboat,100\n"
    );

    mail::forget(profile.path(), &account);
}

#[test]
fn a_message_that_cannot_be_parsed_is_listed_and_shows_its_source() {
    let servers = MailServers::start();
    // Not an email at all: no header mail-parser knows.
    let garbage = b"\x01\x02 this is not\r\nan email at all\r\n".to_vec();
    servers.dovecot.fill(
        &servers.user(0).address,
        "INBOX",
        [(garbage.as_slice(), "", None)],
    );
    let profile = tempfile::tempdir().expect("profile");
    let account = mail::add_account(&servers, 0, Protocol::Imap, profile.path());
    let mut ui = Ui::open(profile.path());
    ui.wait_for_text("(unreadable message)");
    ui.click("(unreadable message)");
    ui.wait_for("could not be read as an email");
    assert!(ui.shows("this is not"), "{:?}", ui.texts());
    // The source view shows the same bytes, and goes back.
    ui.click("Show the source");
    ui.wait_for_text("Show the message");
    assert!(ui.shows("an email at all"), "{:?}", ui.texts());
    ui.click("Show the message");
    ui.wait_for_text("Show the source");
    mail::forget(profile.path(), &account);
}

/// A message clicked before its body was downloaded showed only its subject, and stayed so.
/// Here the account keeps bodies of the last 30 days only, so this message from 2024 is
/// synced headers-only: the reader shows what the headers say (sender with address, date,
/// recipients) at once while it downloads the body, and the body as soon as it is here,
/// without another click (see `on_demand.rs` for the download itself).
#[test]
fn a_message_whose_body_is_not_here_yet_shows_its_headers_then_its_body() {
    let servers = MailServers::start();
    let minutes = Mail {
        body: "The minutes of Tuesday are below.",
        ..simple(
            ("Bob Builder", "bob@example.test"),
            "Minutes of the meeting",
            5,
            "minutes",
        )
    };
    servers.dovecot.fill(
        &servers.user(0).address,
        "INBOX",
        [(minutes.raw(), "", None)],
    );
    let profile = tempfile::tempdir().expect("profile");
    let mut account = mail::add_account(&servers, 0, Protocol::Imap, profile.path());
    account.sync.bodies_for_days = Some(30);
    let p = tidings::engine::Profile::under(profile.path());
    let mut accounts = Accounts::load(&p.accounts_file()).expect("accounts");
    accounts.update(account.clone()).expect("offline window");

    let mut ui = Ui::open(profile.path());
    ui.wait_for_text("Minutes of the meeting");
    ui.quiesce();
    ui.click_only("Minutes of the meeting");
    ui.wait_for("Downloading this message");
    assert!(ui.has("Bob Builder"), "{:?}", ui.texts());
    assert!(ui.has("<bob@example.test>"), "{:?}", ui.texts());
    assert!(
        ui.has("alice@example.test"),
        "the To line: {:?}",
        ui.texts()
    );
    assert!(ui.shows("2024"), "the date: {:?}", ui.texts());
    assert!(!ui.shows("The minutes of Tuesday"), "{:?}", ui.texts());

    // Every body kept from now on: the next sync brings this one, and the reader shows it.
    account.sync.bodies_for_days = None;
    let engine = ui.app.engine().cloned().expect("engine");
    super::driver::block_on(&ui, engine.clone().update_account(account.clone(), None))
        .expect("save the account");
    engine.start_account(&account.name);
    ui.wait_for("The minutes of Tuesday are below.");
    assert!(!ui.shows("Downloading this message"), "{:?}", ui.texts());
    mail::forget(profile.path(), &account);
}
