//! Connecting and logging in to IMAP: implicit TLS, STARTTLS required (never a plaintext
//! fallback), explicit plaintext, and the precise errors a user sees.

use std::sync::{Arc, Mutex};

use tidings::engine::account::Security;
use tidings::engine::error::{ErrorKind, Localized};
use tidings::engine::imap::{self, ImapError};
use tidings::engine::net::NetError;
use tidings::engine::secret::Secret;
use tidings::engine::tls::{CertReason, TlsError};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

use crate::imap_common::{account, account_on, password, runtime};
use crate::support::{DovecotOptions, MailServers, Options};

#[test]
fn implicit_tls_and_starttls_both_log_in() {
    let servers = MailServers::dovecot_only();
    let rt = runtime();
    let tls = account(&servers, 0);
    rt.block_on(imap::verify(&tls, &password(&servers, 0)))
        .expect("implicit TLS");

    let starttls = account_on(
        "Starttls",
        servers.user(0),
        servers.dovecot.imap_port,
        Security::Starttls,
        Some(&servers.ca_file),
    );
    let session = rt
        .block_on(imap::connect(&starttls, &password(&servers, 0)))
        .expect("STARTTLS");
    // The capabilities are the ones from after TLS and login, not the plaintext list.
    let caps = session.capabilities();
    assert!(!caps.starttls(), "{:?}", caps.names());
    assert!(!caps.login_disabled(), "{:?}", caps.names());
    assert!(caps.idle() && caps.uidplus(), "{:?}", caps.names());
    rt.block_on(session.logout());
}

#[test]
fn a_wrong_password_is_refused_with_the_servers_words() {
    let servers = MailServers::dovecot_only();
    let err = runtime()
        .block_on(imap::verify(&account(&servers, 1), &Secret::new("wrong")))
        .unwrap_err();
    let ImapError::Auth { host, text } = &err else {
        panic!("expected an authentication error, got {err:?}");
    };
    assert_eq!(host, "127.0.0.1");
    assert!(text.contains("Authentication failed"), "{text}");
    assert_eq!(err.kind(), ErrorKind::Auth);
    assert!(err.localized().contains("Authentication failed"));
    assert!(!err.localized().contains("wrong"));
}

#[test]
fn an_untrusted_certificate_stops_with_its_details() {
    let servers = MailServers::dovecot_only();
    let mut acct = account(&servers, 0);
    acct.ca_file = None;
    let err = runtime()
        .block_on(imap::verify(&acct, &password(&servers, 0)))
        .unwrap_err();
    let ImapError::Tls(TlsError::Certificate(problem)) = &err else {
        panic!("expected a certificate problem, got {err:?}");
    };
    assert_eq!(problem.reason, CertReason::UnknownIssuer);
    assert_eq!(problem.sha256, servers.cert.sha256);
    // Accepting exactly that certificate lets the account in.
    acct.accepted_certs
        .push(tidings::engine::account::AcceptedCert {
            host: "127.0.0.1".into(),
            sha256: problem.sha256.clone(),
        });
    runtime()
        .block_on(imap::verify(&acct, &password(&servers, 0)))
        .expect("the accepted certificate is trusted");
}

#[test]
fn an_unreachable_server_is_a_network_error() {
    let servers = MailServers::dovecot_only();
    let mut acct = account(&servers, 0);
    acct.incoming.port = crate::support::system::free_port();
    let err = runtime()
        .block_on(imap::verify(&acct, &password(&servers, 0)))
        .unwrap_err();
    assert!(
        matches!(err, ImapError::Net(NetError::Refused { .. })),
        "{err:?}"
    );
    assert_eq!(err.kind(), ErrorKind::Network);
}

#[test]
fn plaintext_only_when_the_account_says_so() {
    let servers = MailServers::with(Options {
        dovecot: DovecotOptions {
            allow_plaintext_auth: true,
            ..DovecotOptions::default()
        },
        ..Options::default()
    });
    let plain = account_on(
        "Plain",
        servers.user(2),
        servers.dovecot.imap_port,
        Security::Plain,
        None,
    );
    runtime()
        .block_on(imap::verify(&plain, &password(&servers, 2)))
        .expect("explicit plaintext");
}

/// A scripted server on the plain port: greets, answers CAPABILITY with `caps`, answers
/// STARTTLS with `starttls_reply`, and records every line the client sends until the client
/// hangs up; joining the thread gives the lines.
fn scripted(
    caps: &'static str,
    starttls_reply: &'static str,
) -> (u16, std::thread::JoinHandle<Vec<String>>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.set_nonblocking(true).expect("nonblocking");
    let port = listener.local_addr().expect("addr").port();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    let thread = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("rt");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            let (r, mut w) = stream.into_split();
            let mut lines = BufReader::new(r).lines();
            let _ = w.write_all(b"* OK scripted server ready\r\n").await;
            while let Ok(Some(line)) = lines.next_line().await {
                record.lock().expect("lock").push(line.clone());
                let mut words = line.splitn(2, ' ');
                let tag = words.next().unwrap_or("*").to_owned();
                let cmd = words.next().unwrap_or("").to_ascii_uppercase();
                let reply = if cmd == "CAPABILITY" {
                    format!("* CAPABILITY {caps}\r\n{tag} OK done\r\n")
                } else if cmd == "STARTTLS" {
                    format!("{tag} {starttls_reply}\r\n")
                } else {
                    format!("{tag} OK whatever you say\r\n")
                };
                if w.write_all(reply.as_bytes()).await.is_err() {
                    return;
                }
            }
        });
        seen.lock().expect("lock").clone()
    });
    (port, thread)
}

#[test]
fn starttls_not_offered_stops_before_any_login() {
    let (port, seen) = scripted("IMAP4rev1 AUTH=PLAIN LOGIN", "OK go ahead");
    let servers_user = crate::support::TestUser {
        address: "alice@example.test".into(),
        password: "secret-pw".into(),
    };
    let acct = account_on("S", &servers_user, port, Security::Starttls, None);
    let err = runtime()
        .block_on(imap::verify(&acct, &Secret::new("secret-pw")))
        .unwrap_err();
    assert!(matches!(err, ImapError::StarttlsMissing { .. }), "{err:?}");
    assert_eq!(err.kind(), ErrorKind::Tls);
    let seen = seen.join().expect("server thread");
    assert!(
        seen.iter()
            .all(|l| !l.to_ascii_uppercase().contains("LOGIN")
                && !l.to_ascii_uppercase().contains("AUTHENTICATE")
                && !l.contains("secret-pw")),
        "the client sent credentials in plaintext: {seen:?}"
    );
    assert!(seen.iter().any(|l| l.ends_with("CAPABILITY")), "{seen:?}");
}

#[test]
fn starttls_refused_stops_before_any_login() {
    let (port, seen) = scripted(
        "IMAP4rev1 STARTTLS AUTH=PLAIN",
        "NO [UNAVAILABLE] TLS is broken today",
    );
    let user = crate::support::TestUser {
        address: "alice@example.test".into(),
        password: "secret-pw".into(),
    };
    let acct = account_on("S", &user, port, Security::Starttls, None);
    let err = runtime()
        .block_on(imap::verify(&acct, &Secret::new("secret-pw")))
        .unwrap_err();
    let ImapError::StarttlsRefused { text, .. } = &err else {
        panic!("expected STARTTLS refused, got {err:?}");
    };
    assert!(text.contains("TLS is broken today"), "{text}");
    let seen = seen.join().expect("server thread");
    assert_eq!(
        seen.len(),
        2,
        "only CAPABILITY and STARTTLS may be sent: {seen:?}"
    );
    assert!(seen.iter().all(|l| !l.contains("secret-pw")), "{seen:?}");
}

/// A server that offers only SASL LOGIN (Dovecot then disables the LOGIN command too) is
/// logged in to with AUTHENTICATE LOGIN, over TLS.
#[test]
fn a_server_offering_only_auth_login_is_logged_in_to() {
    let servers = MailServers::with(Options {
        dovecot: DovecotOptions {
            extra_config: "auth_mechanisms = login\n".into(),
            ..DovecotOptions::default()
        },
        ..Options::default()
    });
    let rt = runtime();
    let acct = account(&servers, 2);
    let session = rt
        .block_on(imap::connect(&acct, &password(&servers, 2)))
        .expect("AUTHENTICATE LOGIN over TLS");
    rt.block_on(session.logout());
    let log = servers.dovecot.log();
    assert!(
        log.contains("Login: user=<carol@example.test>, method=LOGIN"),
        "{log}"
    );
}
