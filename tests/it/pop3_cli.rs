//! `tidings sync` for a POP3 account, end to end: the account added with the command line,
//! its password in the Secret Service `tests/run` starts, mail downloaded from the harness
//! Dovecot into the profile's store and deleted there.

use serde_json::Value;

use crate::pop3_download::{expected_set, fill, local_set, message};
use crate::support::MailServers;
use crate::support::cli::{Account, text, tidings};

#[test]
fn tidings_sync_downloads_a_pop3_account_and_deletes_on_the_server() {
    let servers = MailServers::dovecot_only();
    let alice = servers.user(0);
    let raws: Vec<Vec<u8>> = (0..12).map(|i| message("cli", i)).collect();
    fill(&servers, alice, &raws);
    let profile = servers.path().join("profile");
    Account::pop3(&servers, "Home").add(&profile);

    let out = tidings(&profile, &["sync", "--account", "Home", "--json"], None);
    assert!(out.status.success(), "{}", text(&out));
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let report = &json[0];
    assert_eq!(report["account"], "Home", "{json}");
    assert_eq!(report["pop3"]["downloaded"], 12, "{json}");
    assert_eq!(report["pop3"]["deleted_on_server"], 12, "{json}");
    assert_eq!(servers.dovecot.count(&alice.address, "INBOX"), 0);

    let dirs = tidings::engine::Profile::under(&profile);
    let store = tidings::engine::store::Store::open(&dirs).expect("store");
    let acc = tidings::engine::account::Accounts::load(&dirs.accounts_file())
        .expect("accounts")
        .get("Home")
        .expect("Home")
        .clone();
    assert_eq!(local_set(&store, &acc), expected_set(&raws));

    // A second sync in plain text: nothing new.
    let out = tidings(&profile, &["sync"], None);
    assert!(out.status.success(), "{}", text(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("Home: 0 new messages, 0 deleted on the server"),
        "{said}"
    );
}

#[test]
fn tidings_sync_with_a_wrong_password_fails_with_the_servers_words() {
    let servers = MailServers::dovecot_only();
    let profile = servers.path().join("profile");
    Account::pop3(&servers, "Home")
        .password("wrong-password")
        .add(&profile);
    let out = tidings(&profile, &["sync"], None);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("Authentication failed"), "{said}");
    assert!(!said.contains("wrong-password"), "{said}");
}
