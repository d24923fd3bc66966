//! `tidings account add|list|remove` with the real Secret Service that `tests/run` starts
//! (gnome-keyring in a private D-Bus session), and without any keyring.

use std::path::Path;
use std::process::Output;

use serde_json::Value;
use tidings::engine::Profile;
use tidings::engine::account::Protocol;
use tidings::engine::credentials::{self, CredentialError, Keyring};
use tidings::engine::store::{NewMessage, RawMessage, Remote, Role, Store};

use crate::support::certs::TestCa;
use crate::support::cli;
use crate::support::dns::{LocalDns, Records};
use crate::support::https::{Page, WebServer, autoconfig_xml};

pub(crate) use crate::support::cli::text;

pub(crate) fn tidings(profile: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    tidings_env(profile, args, stdin, &[])
}

pub(crate) fn tidings_env(
    profile: &Path,
    args: &[&str],
    stdin: Option<&str>,
    env: &[(&str, &str)],
) -> Output {
    cli::tidings_env(profile, args, stdin.map(str::as_bytes), env)
}

fn list(profile: &Path) -> Vec<Value> {
    let out = tidings(profile, &["account", "list", "--json"], None);
    assert!(out.status.success(), "{}", text(&out));
    serde_json::from_slice::<Value>(&out.stdout)
        .expect("JSON")
        .as_array()
        .expect("array")
        .clone()
}

fn keyring(profile: &Path) -> Keyring {
    credentials::use_platform_store();
    Keyring::new(&Profile::under(profile).config)
}

const WORK: &[&str] = &[
    "account",
    "add",
    "Work",
    "--email",
    "anna@example.test",
    "--display-name",
    "Anna Example",
    "--protocol",
    "imap",
    "--incoming",
    "imap.example.test:993",
    "--incoming-security",
    "tls",
    "--smtp",
    "smtp.example.test:587",
    "--smtp-security",
    "starttls",
    "--password-stdin",
];

#[test]
fn an_added_account_keeps_its_password_in_the_keyring_and_nowhere_else() {
    let profile = tempfile::tempdir().unwrap();
    let password = format!("pw-{:08x}-secret", rand::random::<u32>());
    let out = tidings(profile.path(), WORK, Some(&format!("{password}\n")));
    assert!(out.status.success(), "{}", text(&out));

    let accounts = list(profile.path());
    assert_eq!(accounts.len(), 1);
    let a = &accounts[0];
    assert_eq!(a["name"], "Work");
    assert_eq!(a["email"], "anna@example.test");
    assert_eq!(a["display_name"], "Anna Example");
    assert_eq!(a["protocol"], "imap");
    assert_eq!(a["incoming"]["host"], "imap.example.test");
    assert_eq!(a["incoming"]["port"], 993);
    assert_eq!(a["incoming"]["security"], "tls");
    assert_eq!(a["incoming"]["username"], "anna@example.test");
    assert_eq!(a["outgoing"]["security"], "starttls");

    // The keyring has it, without the newline that ended the input.
    let stored = keyring(profile.path())
        .password("Work")
        .expect("in the keyring");
    assert_eq!(stored.expose(), password);

    // No file of the profile holds it: settings, logs, anything.
    for entry in walk(profile.path()) {
        let bytes = std::fs::read(&entry).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains(&password),
            "{} holds the password",
            entry.display()
        );
    }

    // Removing the account forgets the password.
    let out = tidings(profile.path(), &["account", "remove", "Work"], None);
    assert!(out.status.success(), "{}", text(&out));
    assert!(list(profile.path()).is_empty());
    assert!(matches!(
        keyring(profile.path()).password("Work"),
        Err(CredentialError::Missing { .. })
    ));
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn a_second_account_of_the_same_name_is_refused_and_the_first_password_kept() {
    let profile = tempfile::tempdir().unwrap();
    let out = tidings(profile.path(), WORK, Some("first-password"));
    assert!(out.status.success(), "{}", text(&out));
    let out = tidings(profile.path(), WORK, Some("second-password"));
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("exists already"), "{}", text(&out));
    assert_eq!(
        keyring(profile.path()).password("Work").unwrap().expose(),
        "first-password"
    );
}

#[test]
fn without_a_keyring_the_error_says_so_and_nothing_is_added() {
    let profile = tempfile::tempdir().unwrap();
    let out = tidings_env(
        profile.path(),
        WORK,
        Some("pw"),
        &[("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("No keyring is available"), "{stderr}");
    assert!(stderr.contains("--password-stdin"), "{stderr}");
    assert!(!stderr.contains("pw\n"), "{stderr}");
    assert!(list(profile.path()).is_empty());
}

#[test]
fn the_ca_file_and_accepted_certificates_are_kept_on_the_account() {
    let profile = tempfile::tempdir().unwrap();
    let ca = TestCa::new("Own CA");
    let ca_file = ca.write(&profile.path().join("own-ca.pem"));
    let pin = "ab".repeat(32);
    let mut args = WORK.to_vec();
    args.pop(); // no password this time
    args.extend([
        "--ca-file",
        ca_file.to_str().unwrap(),
        "--accept-cert",
        &pin,
    ]);
    let out = tidings(profile.path(), &args, None);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("No password was stored"),
        "{}",
        text(&out)
    );
    let a = &list(profile.path())[0];
    assert_eq!(a["ca_file"], ca_file.to_str().unwrap());
    let hosts: Vec<&str> = a["accepted_certs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            assert_eq!(c["sha256"], pin.as_str());
            c["host"].as_str().unwrap()
        })
        .collect();
    assert_eq!(hosts, ["imap.example.test", "smtp.example.test"]);

    // A fingerprint that is not one is refused, and nothing is added.
    let mut args = WORK.to_vec();
    args.pop();
    args[2] = "Other";
    args.extend(["--accept-cert", "not-a-fingerprint"]);
    let out = tidings(profile.path(), &args, None);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert_eq!(list(profile.path()).len(), 1);
}

fn add_pop3(profile: &Path, name: &str) {
    let args = [
        "account",
        "add",
        name,
        "--email",
        "anna@example.test",
        "--protocol",
        "pop3",
        "--incoming",
        "pop.example.test:995",
        "--incoming-security",
        "tls",
        "--smtp",
        "smtp.example.test:465",
        "--smtp-security",
        "tls",
        "--password-stdin",
    ];
    let out = tidings(profile, &args, Some("pop-password"));
    assert!(out.status.success(), "{}", text(&out));
}

/// Puts `n` downloaded messages into the store's INBOX of a POP3 account, as a sync would.
fn download(profile: &Path, name: &str, n: usize) {
    let store = Store::open(&Profile::under(profile)).expect("store");
    let id = store.ensure_account(name, Protocol::Pop3).expect("account");
    let inbox = store
        .folder_by_role(id, Role::Inbox)
        .expect("folders")
        .expect("inbox");
    let messages = (0..n)
        .map(|i| {
            let raw = format!(
                "From: a@example.test\r\nTo: anna@example.test\r\nSubject: m{i}\r\n\
                 Message-ID: <m{i}@example.test>\r\n\r\nbody {i}\r\n"
            );
            NewMessage::new(
                Remote::Pop3 {
                    uidl: format!("uidl-{i}"),
                },
                RawMessage::Bytes(raw.into_bytes()),
            )
        })
        .collect();
    store.store_messages(inbox.id, messages).expect("stored");
}

fn stored_messages(profile: &Path, name: &str) -> Option<u64> {
    let store = Store::open(&Profile::under(profile)).expect("store");
    let id = store.account_id(name).ok()?;
    Some(
        store
            .folders(id)
            .unwrap()
            .iter()
            .map(|(_, c)| c.total)
            .sum(),
    )
}

#[test]
fn removing_a_pop3_account_with_mail_asks_and_never_deletes_it_silently() {
    let profile = tempfile::tempdir().unwrap();
    add_pop3(profile.path(), "Home");
    download(profile.path(), "Home", 3);

    let out = tidings(profile.path(), &["account", "remove", "Home"], None);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains("3 downloaded messages"),
        "{}",
        text(&out)
    );
    assert!(text(&out).contains("--keep-mail"), "{}", text(&out));
    assert_eq!(
        list(profile.path()).len(),
        1,
        "the account must still be there"
    );
    assert_eq!(stored_messages(profile.path(), "Home"), Some(3));
    assert!(keyring(profile.path()).password("Home").is_ok());

    let out = tidings(
        profile.path(),
        &["account", "remove", "Home", "--keep-mail"],
        None,
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("3 downloaded messages were kept"),
        "{}",
        text(&out)
    );
    assert!(list(profile.path()).is_empty());
    assert_eq!(
        stored_messages(profile.path(), "Home"),
        Some(3),
        "kept means kept"
    );
    assert!(keyring(profile.path()).password("Home").is_err());
}

#[test]
fn delete_mail_deletes_it_and_an_empty_pop3_account_needs_no_choice() {
    let profile = tempfile::tempdir().unwrap();
    add_pop3(profile.path(), "Old");
    download(profile.path(), "Old", 2);
    let out = tidings(
        profile.path(),
        &["account", "remove", "Old", "--delete-mail"],
        None,
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("2 messages"), "{}", text(&out));
    assert_eq!(stored_messages(profile.path(), "Old"), None);

    add_pop3(profile.path(), "Fresh");
    let out = tidings(profile.path(), &["account", "remove", "Fresh"], None);
    assert!(out.status.success(), "{}", text(&out));
    assert!(list(profile.path()).is_empty());
}

#[test]
fn add_auto_takes_the_discovered_servers() {
    let profile = tempfile::tempdir().unwrap();
    let ca = TestCa::new("Auto CA");
    let ca_file = ca.write(&profile.path().join("ca.pem"));
    let config = autoconfig_xml(
        "d8.test",
        "d8.test",
        &[
            ("pop3", "pop.d8.test", 995, "SSL"),
            ("imap", "imap.d8.test", 143, "STARTTLS"),
            ("smtp", "smtp.d8.test", 587, "STARTTLS"),
        ],
    );
    let web = WebServer::start(
        &ca,
        profile.path(),
        &["autoconfig.d8.test"],
        vec![Page::https(
            "autoconfig.d8.test",
            "/mail/config-v1.1.xml",
            &config,
        )],
    );
    let dns = LocalDns::start(&Records::new().host("autoconfig.d8.test", web.ip));
    let dns_addr = dns.addr.to_string();
    let out = tidings(
        profile.path(),
        &[
            "account",
            "add",
            "Auto",
            "--email",
            "zoe@d8.test",
            "--protocol",
            "pop3",
            "--auto",
            "--dns-server",
            &dns_addr,
            "--ca-file",
            ca_file.to_str().unwrap(),
            "--ispdb-url",
            "https://ispdb.d8.test/",
            "--password-stdin",
        ],
        Some("auto-password"),
    );
    assert!(out.status.success(), "{}\n{}", text(&out), dns.log());
    let a = &list(profile.path())[0];
    assert_eq!(a["protocol"], "pop3");
    assert_eq!(a["incoming"]["host"], "pop.d8.test");
    assert_eq!(a["incoming"]["port"], 995);
    assert_eq!(a["outgoing"]["host"], "smtp.d8.test");
    assert_eq!(a["outgoing"]["security"], "starttls");
    assert_eq!(a["incoming"]["username"], "zoe@d8.test");
    assert_eq!(a["ca_file"], ca_file.to_str().unwrap());
    assert_eq!(
        keyring(profile.path()).password("Auto").unwrap().expose(),
        "auto-password"
    );
}
