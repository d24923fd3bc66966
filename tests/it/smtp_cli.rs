//! `tidings send`, `tidings send --raw`, `tidings outbox --json` and `tidings outbox retry`
//! as a user runs them: the account added with `tidings account add` (password in the
//! Secret Service `tests/run` starts), mail through the harness Postfix into Dovecot.

use std::path::Path;

use mail_parser::{MessageParser, MimeHeaders};
use serde_json::Value;

use crate::support::MailServers;
use crate::support::cli::{Account, text, tidings};

/// Adds alice's account to a new profile, sending through the STARTTLS submission port.
fn profile_with_alice(servers: &MailServers) -> tempfile::TempDir {
    let profile = tempfile::tempdir().expect("profile");
    Account::imap(servers, "alice")
        .display_name("Alice Example")
        .smtp_starttls(servers.postfix().submission_port)
        .add(profile.path());
    profile
}

fn outbox_json(profile: &Path) -> Vec<Value> {
    let out = tidings(profile, &["outbox", "--json"], None);
    assert!(out.status.success(), "{}", text(&out));
    serde_json::from_slice::<Value>(&out.stdout)
        .expect("JSON")
        .as_array()
        .expect("array")
        .clone()
}

#[test]
fn send_delivers_text_and_attachments_and_leaves_the_outbox_empty() {
    let servers = MailServers::start();
    let (bob, carol) = (servers.user(1), servers.user(2));
    let profile = profile_with_alice(&servers);
    let body = profile.path().join("body.txt");
    std::fs::write(&body, "Hello Bob,\n\nthe figures are attached.\n").expect("body");
    let attachment = profile.path().join("Zahlen für Q3.bin");
    let bytes: Vec<u8> = (0..50_000u32).map(|i| (i % 251) as u8).collect();
    std::fs::write(&attachment, &bytes).expect("attachment");

    let out = tidings(
        profile.path(),
        &[
            "send",
            "--account",
            "alice",
            "--to",
            &bob.address,
            "--bcc",
            &carol.address,
            "--subject",
            "Zahlen für Q3 ✓",
            "--body-file",
            &body.display().to_string(),
            "--attach",
            &attachment.display().to_string(),
            "--json",
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out));
    let result: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(result["state"], "sent", "{result}");
    assert!(outbox_json(profile.path()).is_empty());

    for user in [bob, carol] {
        assert!(
            servers
                .dovecot
                .wait_for_count(&user.address, "INBOX", 1, 30.0),
            "{}",
            servers.postfix().log()
        );
    }
    let raw = servers
        .dovecot
        .messages(&bob.address, "INBOX")
        .remove(0)
        .raw;
    let msg = MessageParser::default().parse(&raw).expect("parse");
    assert_eq!(msg.subject(), Some("Zahlen für Q3 ✓"));
    assert_eq!(
        msg.message_id(),
        result["message_id"]
            .as_str()
            .map(|s| s.trim_matches(['<', '>']))
    );
    assert!(
        msg.body_text(0)
            .unwrap_or_default()
            .contains("the figures are attached.")
    );
    let att = msg.attachments().next().expect("attachment");
    assert_eq!(att.attachment_name(), Some("Zahlen für Q3.bin"));
    assert_eq!(att.contents(), &bytes[..]);
    assert!(!String::from_utf8_lossy(&raw).contains(&carol.address));
}

#[test]
fn send_raw_takes_recipients_from_the_headers_and_strips_bcc() {
    let servers = MailServers::start();
    let (alice, bob, carol) = (servers.user(0), servers.user(1), servers.user(2));
    let profile = profile_with_alice(&servers);
    let raw = format!(
        "From: Alice <{}>\nTo: {}\nBcc: {}\nSubject: raw message\nMessage-ID: <raw-1@example.test>\n\nsent as it is\n",
        alice.address, bob.address, carol.address
    );
    let out = tidings(
        profile.path(),
        &["send", "--account", "alice", "--raw"],
        Some(raw.as_bytes()),
    );
    assert!(out.status.success(), "{}", text(&out));
    for user in [bob, carol] {
        assert!(
            servers
                .dovecot
                .wait_for_count(&user.address, "INBOX", 1, 30.0)
        );
    }
    let held = servers
        .dovecot
        .messages(&carol.address, "INBOX")
        .remove(0)
        .raw;
    let held = String::from_utf8_lossy(&held);
    assert!(held.contains("Message-ID: <raw-1@example.test>"), "{held}");
    assert!(
        !held
            .lines()
            .any(|l| l.to_ascii_lowercase().starts_with("bcc")),
        "{held}"
    );
    assert!(held.contains("sent as it is"));
}

#[test]
fn a_refused_recipient_fails_visibly_and_stays_in_the_outbox_until_retried() {
    let servers = MailServers::start();
    let profile = profile_with_alice(&servers);
    let out = tidings(
        profile.path(),
        &[
            "send",
            "--account",
            "alice",
            "--to",
            "nobody@elsewhere.invalid",
            "--subject",
            "lost?",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("nobody@elsewhere.invalid"), "{stderr}");

    let list = outbox_json(profile.path());
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["state"], "failed");
    assert_eq!(list[0]["subject"], "lost?");
    assert!(
        list[0]["reason"]
            .as_str()
            .is_some_and(|r| r.contains("elsewhere.invalid")),
        "{}",
        list[0]
    );

    let id = list[0]["id"].to_string();
    let out = tidings(profile.path(), &["outbox", "retry", &id], None);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert_eq!(outbox_json(profile.path())[0]["state"], "failed");
    let out = tidings(profile.path(), &["outbox", "retry", "nonsense"], None);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
}

#[test]
fn with_postfix_down_send_keeps_the_message_and_retry_delivers_it_once() {
    let mut servers = MailServers::start();
    let bob = servers.user(1).clone();
    let profile = profile_with_alice(&servers);
    servers.postfix_mut().stop();
    let out = tidings(
        profile.path(),
        &[
            "send",
            "--account",
            "alice",
            "--to",
            &bob.address,
            "--subject",
            "later",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let list = outbox_json(profile.path());
    assert_eq!(list[0]["state"], "retry", "{}", list[0]);

    servers.postfix_mut().restart();
    let out = tidings(profile.path(), &["outbox", "retry", "all"], None);
    assert!(out.status.success(), "{}", text(&out));
    assert!(outbox_json(profile.path()).is_empty());
    assert!(
        servers
            .dovecot
            .wait_for_count(&bob.address, "INBOX", 1, 30.0)
    );
    let out = tidings(profile.path(), &["outbox", "retry", "all"], None);
    assert!(out.status.success(), "{}", text(&out));
    servers.postfix().flush();
    assert_eq!(servers.dovecot.count(&bob.address, "INBOX"), 1);
}

#[test]
fn sync_sends_what_waits_in_the_outbox_first() {
    let mut servers = MailServers::start();
    let bob = servers.user(1).clone();
    let profile = profile_with_alice(&servers);
    servers.postfix_mut().stop();
    let out = tidings(
        profile.path(),
        &[
            "send",
            "--account",
            "alice",
            "--to",
            &bob.address,
            "--subject",
            "written offline",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert_eq!(outbox_json(profile.path())[0]["state"], "retry");

    servers.postfix_mut().restart();
    // The retry is not due for a minute; a sync the user asks for sends it now.
    let out = tidings(
        profile.path(),
        &["sync", "--account", "alice", "--json"],
        None,
    );
    assert!(out.status.success(), "{}", text(&out));
    let reports: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        reports[0]["smtp"]["sent"].as_array().map(Vec::len),
        Some(1),
        "{reports:#}"
    );
    assert!(outbox_json(profile.path()).is_empty());
    assert!(
        servers
            .dovecot
            .wait_for_count(&bob.address, "INBOX", 1, 30.0)
    );
    let out = tidings(profile.path(), &["sync"], None);
    assert!(out.status.success(), "{}", text(&out));
    servers.postfix().flush();
    assert_eq!(servers.dovecot.count(&bob.address, "INBOX"), 1);
}

#[test]
fn the_sent_copy_reaches_the_imap_sent_folder_at_the_next_sync() {
    let servers = MailServers::start();
    let (alice, bob) = (servers.user(0), servers.user(1));
    let profile = profile_with_alice(&servers);
    let out = tidings(
        profile.path(),
        &[
            "send",
            "--account",
            "alice",
            "--to",
            &bob.address,
            "--subject",
            "keep a copy",
            "--json",
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out));
    let result: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let message_id = result["message_id"]
        .as_str()
        .expect("message id")
        .to_owned();

    let out = tidings(profile.path(), &["sync", "--account", "alice"], None);
    assert!(out.status.success(), "{}", text(&out));
    let sent = servers.dovecot.messages(&alice.address, "Sent");
    assert_eq!(sent.len(), 1, "{}", text(&out));
    assert!(
        sent[0].flags.iter().any(|f| f == "\\Seen"),
        "{:?}",
        sent[0].flags
    );
    let copy = MessageParser::default().parse(&sent[0].raw).expect("parse");
    assert_eq!(copy.message_id(), Some(message_id.trim_matches(['<', '>'])));
    assert_eq!(copy.subject(), Some("keep a copy"));

    // Another sync appends nothing more, and nothing was left failing on the way.
    let out = tidings(profile.path(), &["sync", "--account", "alice"], None);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(servers.dovecot.count(&alice.address, "Sent"), 1);
    let store =
        tidings::engine::store::Store::open(&tidings::engine::Profile::under(profile.path()))
            .expect("store");
    assert!(
        store.failed_changes(None).expect("changes").is_empty(),
        "{:?}",
        store.failed_changes(None)
    );
}
