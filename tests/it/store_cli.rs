//! `tidings list`, `show` and `search` over a store, as scripts use them.

use std::path::Path;

use tidings::engine::account::Protocol;
use tidings::engine::store::*;

use crate::account::{text, tidings};
use crate::store::mail;

const HTML: &[u8] = b"From: Anna <anna@firma.test>\r\nTo: bob@example.test\r\n\
Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\nDate: Tue, 14 Jan 2025 08:00:00 +0000\r\n\
Message-ID: <g@firma.test>\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
<p>Hello <b>there</b>, see <a href=\"https://real.test/\">this</a>.</p>\
<img src=\"https://tracker.test/x.gif\" alt=\"pixel\">\r\n";

/// A profile whose store holds a POP3 account with three messages (one unreadable, one with
/// only its headers in an IMAP account); returns their ids.
fn profile(dir: &Path) -> Vec<MessageId> {
    let store = Store::open_in(&dir.join("mail")).unwrap();
    let pop = store.ensure_account("home", Protocol::Pop3).unwrap();
    let inbox = store.folder_by_role(pop, Role::Inbox).unwrap().unwrap().id;
    let mut ids: Vec<MessageId> = store
        .store_messages(
            inbox,
            vec![
                NewMessage::new(
                    Remote::Pop3 { uidl: "1".into() },
                    RawMessage::Bytes(mail(1, "Plain one")),
                ),
                NewMessage::new(
                    Remote::Pop3 { uidl: "2".into() },
                    RawMessage::Bytes(HTML.to_vec()),
                )
                .flags(Flags::SEEN),
                NewMessage::new(
                    Remote::Pop3 { uidl: "3".into() },
                    RawMessage::Bytes(b"\x00\x01garbage\xff".to_vec()),
                ),
            ],
        )
        .unwrap()
        .into_iter()
        .map(|s| s.id().unwrap())
        .collect();
    let imap = store.ensure_account("work", Protocol::Imap).unwrap();
    let winbox = store
        .upsert_folder(imap, &FolderSpec::new("INBOX").role(Role::Inbox))
        .unwrap();
    let h = store
        .store_headers(
            winbox,
            vec![NewHeaders {
                uid: 7,
                flags: Flags::empty(),
                keywords: vec![],
                size: 999,
                received: None,
                headers: b"From: x@y.test\r\nSubject: Only headers\r\nDate: Mon, 6 Jan 2025 08:00:00 +0000\r\n\r\n".to_vec(),
            }],
        )
        .unwrap();
    ids.push(h[0].id().unwrap());
    ids
}

fn json(out: &std::process::Output) -> serde_json::Value {
    assert!(out.status.success(), "{}", text(out));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(out)))
}

#[test]
fn list_prints_the_design_json_and_a_readable_table() {
    let dir = tempfile::tempdir().unwrap();
    let ids = profile(dir.path());
    let list = json(&tidings(
        dir.path(),
        &["list", "--account", "home", "--json"],
        None,
    ));
    let items = list.as_array().unwrap();
    assert_eq!(items.len(), 3);
    let html = items.iter().find(|m| m["id"] == ids[1].0).unwrap();
    for key in [
        "id",
        "account",
        "folder",
        "uid",
        "message_id",
        "subject",
        "from",
        "to",
        "date",
        "flags",
        "has_attachments",
        "size",
        "preview",
        "thread",
    ] {
        assert!(html.get(key).is_some(), "{key} missing in {html}");
    }
    assert_eq!(html["account"], "home");
    assert_eq!(html["folder"], "INBOX");
    assert_eq!(html["subject"], "Grüße");
    assert_eq!(html["date"], "2025-01-14T08:00:00Z");
    assert_eq!(html["flags"], serde_json::json!(["seen"]));
    assert_eq!(html["from"]["address"], "anna@firma.test");
    let garbage = items.iter().find(|m| m["id"] == ids[2].0).unwrap();
    assert_eq!(garbage["subject"], "(unreadable message)");

    let limited = json(&tidings(
        dir.path(),
        &["list", "--account", "home", "--limit", "1", "--json"],
        None,
    ));
    assert_eq!(limited.as_array().unwrap().len(), 1);
    let sent = json(&tidings(
        dir.path(),
        &["list", "--account", "home", "--folder", "sent", "--json"],
        None,
    ));
    assert_eq!(sent, serde_json::json!([]));

    let table = tidings(dir.path(), &["list", "--account", "home"], None);
    assert!(table.status.success(), "{}", text(&table));
    let out = String::from_utf8_lossy(&table.stdout);
    assert_eq!(out.lines().count(), 3, "{out}");
    assert!(
        out.contains("Grüße") && out.contains("Anna") && out.contains("(unreadable message)"),
        "{out}"
    );

    // Header-only rows are listed too.
    let work = json(&tidings(
        dir.path(),
        &["list", "--account", "work", "--json"],
        None,
    ));
    assert_eq!(work[0]["subject"], "Only headers");
    assert_eq!(work[0]["uid"], 7);
}

#[test]
fn show_prints_the_raw_bytes_unchanged_or_the_message_for_people() {
    let dir = tempfile::tempdir().unwrap();
    let ids = profile(dir.path());
    for (id, raw) in [
        (ids[1], HTML.to_vec()),
        (ids[2], b"\x00\x01garbage\xff".to_vec()),
    ] {
        let out = tidings(dir.path(), &["show", &id.0.to_string(), "--raw"], None);
        assert!(out.status.success(), "{}", text(&out));
        assert_eq!(out.stdout, raw);
    }
    let out = tidings(dir.path(), &["show", &ids[1].0.to_string()], None);
    assert!(out.status.success(), "{}", text(&out));
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("Subject: Grüße"), "{shown}");
    assert!(
        shown.contains("Hello there, see this <https://real.test/>."),
        "{shown}"
    );
    assert!(shown.contains("[image not loaded: pixel]"), "{shown}");
    assert!(shown.contains("One remote image was not loaded"), "{shown}");

    let j = json(&tidings(
        dir.path(),
        &["show", &ids[1].0.to_string(), "--json"],
        None,
    ));
    assert_eq!(j["subject"], "Grüße");
    assert_eq!(j["remote_images"], 1);
    assert_eq!(j["body"][0]["type"], "paragraph");

    let unreadable = tidings(dir.path(), &["show", &ids[2].0.to_string()], None);
    assert!(
        String::from_utf8_lossy(&unreadable.stdout).contains("garbage"),
        "{}",
        text(&unreadable)
    );

    let headers_only = tidings(dir.path(), &["show", &ids[3].0.to_string()], None);
    assert!(headers_only.status.success(), "{}", text(&headers_only));
    assert!(String::from_utf8_lossy(&headers_only.stdout).contains("not been downloaded yet"));
    let raw = tidings(dir.path(), &["show", &ids[3].0.to_string(), "--raw"], None);
    assert_eq!(raw.status.code(), Some(1), "{}", text(&raw));
    assert!(String::from_utf8_lossy(&raw.stderr).contains("not been downloaded yet"));

    let missing = tidings(dir.path(), &["show", "999999"], None);
    assert_eq!(missing.status.code(), Some(2), "{}", text(&missing));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("999999"));
}

#[test]
fn search_finds_and_explains_bad_queries() {
    let dir = tempfile::tempdir().unwrap();
    let ids = profile(dir.path());
    let found = json(&tidings(
        dir.path(),
        &["search", "from:anna there", "--json"],
        None,
    ));
    assert_eq!(found.as_array().unwrap().len(), 1);
    assert_eq!(found[0]["id"], ids[1].0);
    let none = json(&tidings(
        dir.path(),
        &["search", "there", "--account", "work", "--json"],
        None,
    ));
    assert_eq!(none, serde_json::json!([]));
    let headers = json(&tidings(
        dir.path(),
        &["search", "subject:headers", "--json"],
        None,
    ));
    assert_eq!(headers[0]["id"], ids[3].0);

    let bad = tidings(dir.path(), &["search", "colour:red", "--json"], None);
    assert_eq!(bad.status.code(), Some(2), "{}", text(&bad));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains("colour:") && !err.contains("SQL") && !err.contains("fts5"),
        "{err}"
    );
    assert!(bad.stdout.is_empty());

    let unknown = tidings(dir.path(), &["list", "--account", "nobody"], None);
    assert_eq!(unknown.status.code(), Some(2), "{}", text(&unknown));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("nobody"));
}

#[test]
fn json_names_each_field_once() {
    // serde_json keeps the last of two equal keys, so parsing alone cannot see a duplicate.
    let dir = tempfile::tempdir().unwrap();
    let ids = profile(dir.path());
    let out = tidings(dir.path(), &["list", "--account", "home", "--json"], None);
    let items = json(&out);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout.matches("\"subject\":").count(),
        items.as_array().unwrap().len(),
        "{stdout}"
    );
    let id = ids[0].0.to_string();
    let shown = tidings(dir.path(), &["show", &id, "--json"], None);
    assert_eq!(
        String::from_utf8_lossy(&shown.stdout)
            .matches("\"subject\":")
            .count(),
        1,
        "{}",
        text(&shown)
    );
}

/// `tidings list | head` closes the pipe early: the command ends quietly, without a panic.
#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let ids = profile(dir.path());
    let id = ids[0].0.to_string();
    let commands: [&[&str]; 5] = [
        &["list", "--account", "home"],
        &["list", "--account", "home", "--json"],
        &["show", &id],
        &["show", &id, "--raw"],
        &["account", "list"],
    ];
    for args in commands {
        // The reading end is closed before the child starts, so every write meets EPIPE.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_tidings"))
            .env("TIDINGS_HOME", dir.path())
            .args(args)
            .stdout(writer)
            .stderr(std::process::Stdio::piped())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && !stderr.contains("panicked"),
            "{args:?}: {:?} {stderr}",
            out.status
        );
    }
}
