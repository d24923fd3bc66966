//! `tidings sync`, `tidings folders`, `tidings flag`, `tidings move` and `tidings delete`
//! for an IMAP account, as a script would run them, against Dovecot. The password is in the
//! real Secret Service that `tests/run` starts.

use std::path::Path;

use serde_json::Value;
use tidings::engine::Profile;
use tidings::engine::store::{MessageId, Store};

use crate::imap_sync::{generated, server_state};
use crate::support::MailServers;
use crate::support::cli::{Account, ok, text, tidings};

/// The store's id of the message with `uid` in `folder`.
fn id_of(profile: &Path, folder: &str, uid: u32) -> MessageId {
    let store = Store::open(&Profile::under(profile)).expect("store");
    let account = store.account_id("Work").expect("account");
    let f = store
        .folder_by_name(account, folder)
        .expect("f")
        .expect("folder");
    store
        .message_by_uid(f.id, uid)
        .expect("lookup")
        .expect("message")
}

#[test]
fn sync_folders_flag_move_and_delete_from_the_command_line() {
    let servers = MailServers::dovecot_only();
    let user = servers.user(0);
    servers.dovecot.fill(
        &user.address,
        "INBOX",
        (0..6).map(|i| (generated(i, 1), "", None)),
    );
    let profile = tempfile::tempdir().expect("profile");
    let p = profile.path();
    Account::imap(&servers, "Work").add(p);

    let out = ok(tidings(p, &["sync", "--json"], None));
    let reports: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(reports[0]["account"], "Work", "{reports}");
    assert_eq!(reports[0]["imap"]["new"], 6, "{reports}");
    assert_eq!(reports[0]["imap"]["bodies"], 6, "{reports}");

    let out = ok(tidings(
        p,
        &["folders", "--account", "Work", "--json"],
        None,
    ));
    let folders: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let inbox = folders
        .as_array()
        .expect("array")
        .iter()
        .find(|f| f["name"] == "INBOX")
        .expect("INBOX listed");
    assert_eq!(inbox["role"], "inbox");
    assert_eq!(inbox["total"], 6);
    assert_eq!(inbox["unread"], 6);
    assert!(
        folders
            .as_array()
            .expect("array")
            .iter()
            .any(|f| f["role"] == "trash")
    );

    // Each change is made here at once and reaches the server right away.
    let first = id_of(p, "INBOX", 1).0.to_string();
    ok(tidings(p, &["flag", &first, "--seen"], None));
    assert_eq!(
        server_state(&servers, &user.address, "INBOX")[&1],
        vec!["\\Seen".to_owned()]
    );
    let second = id_of(p, "INBOX", 2).0.to_string();
    ok(tidings(p, &["move", &second, "Archive"], None));
    assert_eq!(servers.dovecot.count(&user.address, "Archive"), 1);
    let third = id_of(p, "INBOX", 3).0.to_string();
    ok(tidings(p, &["delete", &third], None));
    assert_eq!(servers.dovecot.count(&user.address, "Trash"), 1);
    assert_eq!(servers.dovecot.count(&user.address, "INBOX"), 4);

    // Bad input is a clear usage error.
    let out = tidings(p, &["move", &first, "No such folder"], None);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("No such folder"),
        "{}",
        text(&out)
    );

    let out = ok(tidings(p, &["sync"], None));
    let line = String::from_utf8_lossy(&out.stdout);
    assert!(line.contains("Work:"), "{line}");
}
