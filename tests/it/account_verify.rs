//! `tidings account verify` against the real harness servers: a good login, a wrong
//! password with the server's words, an untrusted certificate with its details and then
//! accepted, STARTTLS missing, a closed port, POP3, and a password missing from the keyring.

use std::path::Path;

use serde_json::Value;

use crate::account::{text, tidings};
use crate::support::{MailServers, Options};

struct Setup<'a> {
    name: &'a str,
    protocol: &'a str,
    incoming: String,
    incoming_security: &'a str,
    smtp: String,
    smtp_security: &'a str,
    extra: Vec<String>,
}

fn add(profile: &Path, user: &str, setup: Setup<'_>, password: Option<&str>) {
    let mut args: Vec<String> = [
        "account",
        "add",
        setup.name,
        "--email",
        user,
        "--protocol",
        setup.protocol,
        "--incoming",
        &setup.incoming,
        "--incoming-security",
        setup.incoming_security,
        "--smtp",
        &setup.smtp,
        "--smtp-security",
        setup.smtp_security,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.extend(setup.extra);
    if password.is_some() {
        args.push("--password-stdin".into());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = tidings(profile, &args, password);
    assert!(out.status.success(), "{}", text(&out));
}

fn imap_setup<'a>(servers: &MailServers, name: &'a str, trust: bool) -> Setup<'a> {
    let mut extra = Vec::new();
    if trust {
        extra = vec!["--ca-file".into(), servers.ca_file.display().to_string()];
    }
    Setup {
        name,
        protocol: "imap",
        incoming: format!("127.0.0.1:{}", servers.dovecot.imaps_port),
        incoming_security: "tls",
        smtp: format!("127.0.0.1:{}", servers.postfix().submission_port),
        smtp_security: "starttls",
        extra,
    }
}

fn verify_json(
    profile: &Path,
    name: &str,
    password: Option<&str>,
) -> (std::process::Output, Value) {
    let mut args = vec!["account", "verify", name, "--json"];
    if password.is_some() {
        args.push("--password-stdin");
    }
    let out = tidings(profile, &args, password);
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out, json)
}

#[test]
fn a_good_account_logs_in_to_both_servers() {
    let servers = MailServers::start();
    let alice = servers.user(0).clone();
    let profile = tempfile::tempdir().unwrap();
    add(
        profile.path(),
        &alice.address,
        imap_setup(&servers, "Work", true),
        Some(&alice.password),
    );
    let out = tidings(profile.path(), &["account", "verify", "Work"], None);
    assert!(out.status.success(), "{}", text(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.matches("logged in").count(), 2, "{stdout}");

    let (out, json) = verify_json(profile.path(), "Work", None);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(json["incoming"]["ok"], true, "{json:#}");
    assert_eq!(json["outgoing"]["ok"], true, "{json:#}");
}

#[test]
fn a_wrong_password_is_refused_with_the_server_s_words_on_both_servers() {
    let servers = MailServers::start();
    let alice = servers.user(0).clone();
    let profile = tempfile::tempdir().unwrap();
    add(
        profile.path(),
        &alice.address,
        imap_setup(&servers, "Work", true),
        Some(&alice.password),
    );
    // For this run only: the keyring's (right) password is not used, nor changed.
    let (out, json) = verify_json(profile.path(), "Work", Some("not-the-password"));
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    for side in ["incoming", "outgoing"] {
        assert_eq!(json[side]["ok"], false, "{json:#}");
        assert_eq!(json[side]["failure"], "auth", "{json:#}");
        assert!(
            !json[side]["server_text"].as_str().unwrap().is_empty(),
            "{json:#}"
        );
    }
    assert!(!text(&out).contains("not-the-password"), "{}", text(&out));
    let out = tidings(profile.path(), &["account", "verify", "Work"], None);
    assert!(
        out.status.success(),
        "the stored password changed: {}",
        text(&out)
    );
}

#[test]
fn an_untrusted_certificate_is_described_and_accepting_exactly_it_works() {
    let servers = MailServers::with(Options {
        postfix: true,
        self_signed: true,
        ..Options::default()
    });
    let alice = servers.user(0).clone();
    let profile = tempfile::tempdir().unwrap();
    add(
        profile.path(),
        &alice.address,
        imap_setup(&servers, "Work", false),
        Some(&alice.password),
    );
    let (out, json) = verify_json(profile.path(), "Work", None);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let incoming = &json["incoming"];
    assert_eq!(incoming["failure"], "certificate", "{json:#}");
    assert_eq!(incoming["problem"]["sha256"], servers.cert.sha256.as_str());
    assert_eq!(incoming["problem"]["host"], "127.0.0.1");
    assert!(!incoming["problem"]["subject"].as_str().unwrap().is_empty());
    assert!(
        !incoming["problem"]["not_after"]
            .as_str()
            .unwrap()
            .is_empty()
    );
    assert!(
        text(&out).contains(&servers.cert.sha256),
        "the sentence names the fingerprint: {}",
        text(&out)
    );

    // The user accepts that exact certificate: both servers present it.
    let mut setup = imap_setup(&servers, "Accepted", false);
    setup.extra = vec!["--accept-cert".into(), servers.cert.sha256.clone()];
    add(profile.path(), &alice.address, setup, Some(&alice.password));
    let (out, json) = verify_json(profile.path(), "Accepted", None);
    assert!(out.status.success(), "{}\n{json:#}", text(&out));
}

#[test]
fn starttls_missing_and_a_closed_port_are_told_apart() {
    let servers = MailServers::start();
    let alice = servers.user(0).clone();
    let profile = tempfile::tempdir().unwrap();
    let closed = crate::support::system::free_port();
    let mut setup = imap_setup(&servers, "Broken", true);
    setup.incoming = format!("127.0.0.1:{closed}");
    setup.smtp = format!("127.0.0.1:{}", servers.postfix().no_tls_port);
    add(profile.path(), &alice.address, setup, Some(&alice.password));
    let (out, json) = verify_json(profile.path(), "Broken", None);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert_eq!(json["incoming"]["failure"], "connect", "{json:#}");
    assert_eq!(json["outgoing"]["failure"], "starttls-missing", "{json:#}");
}

#[test]
fn a_pop3_account_verifies_over_pop3() {
    let servers = MailServers::start();
    let bob = servers.user(1).clone();
    let profile = tempfile::tempdir().unwrap();
    let setup = Setup {
        name: "Pop",
        protocol: "pop3",
        incoming: format!("127.0.0.1:{}", servers.dovecot.pop3_port),
        incoming_security: "starttls",
        smtp: format!("127.0.0.1:{}", servers.postfix().submissions_port),
        smtp_security: "tls",
        extra: vec!["--ca-file".into(), servers.ca_file.display().to_string()],
    };
    add(profile.path(), &bob.address, setup, Some(&bob.password));
    let (out, json) = verify_json(profile.path(), "Pop", None);
    assert!(out.status.success(), "{}\n{json:#}", text(&out));
    assert_eq!(json["incoming"]["ok"], true);
    assert_eq!(json["incoming"]["security"], "starttls");
}

#[test]
fn without_a_stored_password_verify_says_how_to_give_one() {
    let servers = MailServers::start();
    let alice = servers.user(0).clone();
    let profile = tempfile::tempdir().unwrap();
    add(
        profile.path(),
        &alice.address,
        imap_setup(&servers, "Work", true),
        None,
    );
    let out = tidings(profile.path(), &["account", "verify", "Work"], None);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("--password-stdin"), "{}", text(&out));
    // And for this run only it works.
    let (out, json) = verify_json(profile.path(), "Work", Some(&alice.password));
    assert!(out.status.success(), "{}\n{json:#}", text(&out));
}
