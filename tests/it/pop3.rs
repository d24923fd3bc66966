//! POP3 connecting and logging in, against the harness Dovecot (and, where Dovecot cannot
//! misbehave on purpose, a tiny scripted server): implicit TLS, STLS required, plaintext only
//! when chosen, wrong password, untrusted certificate, unreachable server, unsafe credentials.

use std::sync::{Arc, Mutex};

use tidings::engine::account::{
    Account, Auth, Pop3Options, Protocol, Security, Server, SyncOptions,
};
use tidings::engine::error::{ErrorKind, Localized};
use tidings::engine::net::NetError;
use tidings::engine::pop3::{self, Pop3Error};
use tidings::engine::secret::Secret;
use tidings::engine::tls::{CertReason, TlsError};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

use crate::support::{DovecotOptions, MailServers, Options, TestUser};

pub fn runtime() -> tokio::runtime::Runtime {
    tidings::install_crypto_provider();
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
}

/// A POP3 account of a harness user on `port` with `security`, trusting the harness CA.
pub fn account(servers: &MailServers, user: &TestUser, port: u16, security: Security) -> Account {
    let server = |port| Server {
        host: "127.0.0.1".into(),
        port,
        security,
        username: user.address.clone(),
        auth: Auth::Password,
    };
    Account {
        name: format!("pop3-{}", user.address),
        email: user.address.clone(),
        display_name: String::new(),
        protocol: Protocol::Pop3,
        incoming: server(port),
        outgoing: server(1),
        pop3: Pop3Options::default(),
        sync: SyncOptions::default(),
        signature: String::new(),
        save_sent_copy: false,
        ca_file: Some(servers.ca_file.clone()),
        accepted_certs: Vec::new(),
    }
}

pub fn password(user: &TestUser) -> Secret {
    Secret::new(user.password.clone())
}

#[test]
fn verify_logs_in_over_implicit_tls_and_over_required_stls() {
    let servers = MailServers::dovecot_only();
    let alice = servers.user(0);
    let rt = runtime();
    let tls = account(&servers, alice, servers.dovecot.pop3s_port, Security::Tls);
    rt.block_on(pop3::verify(&tls, &password(alice)))
        .expect("implicit TLS");
    let stls = account(
        &servers,
        alice,
        servers.dovecot.pop3_port,
        Security::Starttls,
    );
    rt.block_on(pop3::verify(&stls, &password(alice)))
        .expect("STLS");
    let log = servers.dovecot.log();
    let logins: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("pop3-login: Info: Login: user=<alice@example.test>"))
        .collect();
    assert_eq!(logins.len(), 2, "{log}");
    assert!(logins.iter().all(|l| l.contains("TLS")), "{logins:?}");
}

#[test]
fn a_wrong_password_is_refused_with_the_servers_words() {
    let servers = MailServers::dovecot_only();
    let alice = servers.user(0);
    let acc = account(&servers, alice, servers.dovecot.pop3s_port, Security::Tls);
    let err = runtime()
        .block_on(pop3::verify(&acc, &Secret::new("not-the-password")))
        .unwrap_err();
    let Pop3Error::AuthFailed { host, reply } = &err else {
        panic!("expected AuthFailed, got {err:?}");
    };
    assert_eq!(host, "127.0.0.1");
    assert!(reply.contains("Authentication failed"), "{reply}");
    assert_eq!(err.kind(), ErrorKind::Auth);
    let sentence = err.localized();
    assert!(sentence.contains("Authentication failed"), "{sentence}");
    assert!(!sentence.contains("not-the-password"), "{sentence}");
}

#[test]
fn plaintext_is_used_only_when_the_account_says_so() {
    let servers = MailServers::with(Options {
        dovecot: DovecotOptions {
            allow_plaintext_auth: true,
            ..DovecotOptions::default()
        },
        ..Options::default()
    });
    let alice = servers.user(0);
    let acc = account(&servers, alice, servers.dovecot.pop3_port, Security::Plain);
    runtime()
        .block_on(pop3::verify(&acc, &password(alice)))
        .expect("explicit plaintext");
    // Dovecot's log process writes the line a moment after the login: wait for it.
    let wanted = "pop3-login: Info: Login: user=<alice@example.test>";
    crate::support::system::wait_until(30.0, || servers.dovecot.log().contains(wanted));
    let log = servers.dovecot.log();
    let login = log
        .lines()
        .find(|l| l.contains(wanted))
        .unwrap_or_else(|| panic!("no login in {log}"));
    assert!(!login.contains("TLS"), "{login}");
}

#[test]
fn an_untrusted_certificate_stops_the_login_with_its_details() {
    let servers = MailServers::dovecot_only();
    let alice = servers.user(0);
    let mut acc = account(
        &servers,
        alice,
        servers.dovecot.pop3_port,
        Security::Starttls,
    );
    acc.ca_file = None;
    let err = runtime()
        .block_on(pop3::verify(&acc, &password(alice)))
        .unwrap_err();
    let Pop3Error::Tls(TlsError::Certificate(problem)) = &err else {
        panic!("expected a certificate problem, got {err:?}");
    };
    assert_eq!(problem.reason, CertReason::UnknownIssuer);
    assert_eq!(problem.sha256, servers.cert.sha256);
    assert_eq!(err.kind(), ErrorKind::Tls);
    assert!(err.localized().contains(&servers.cert.sha256));
    // The password never went out: Dovecot saw no login attempt.
    assert!(!servers.dovecot.log().contains("user=<alice"));
}

#[test]
fn an_unreachable_server_is_a_network_error() {
    let servers = MailServers::dovecot_only();
    let alice = servers.user(0);
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("port")
        .port();
    let acc = account(&servers, alice, closed, Security::Tls);
    let err = runtime()
        .block_on(pop3::verify(&acc, &password(alice)))
        .unwrap_err();
    assert!(
        matches!(err, Pop3Error::Net(NetError::Refused { port, .. }) if port == closed),
        "{err:?}"
    );
    assert_eq!(err.kind(), ErrorKind::Network);
}

/// A scripted POP3 server on a plaintext port: answers CAPA with `capabilities`, STLS with
/// `stls_reply`, anything else with -ERR, and records every line it receives.
struct Scripted {
    port: u16,
    received: Arc<Mutex<Vec<String>>>,
    connections: Arc<Mutex<usize>>,
}

impl Scripted {
    fn start(
        rt: &tokio::runtime::Runtime,
        capabilities: &'static str,
        stls_reply: &'static str,
    ) -> Self {
        let listener = rt
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let connections = Arc::new(Mutex::new(0));
        let (log, count) = (received.clone(), connections.clone());
        rt.spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                *count.lock().expect("count") += 1;
                let log = log.clone();
                tokio::spawn(async move {
                    let (r, mut w) = stream.into_split();
                    let mut lines = BufReader::new(r).lines();
                    let _ = w.write_all(b"+OK scripted ready\r\n").await;
                    while let Ok(Some(line)) = lines.next_line().await {
                        log.lock().expect("log").push(line.clone());
                        let reply = match line.to_ascii_uppercase().as_str() {
                            "CAPA" => format!("+OK\r\n{capabilities}.\r\n"),
                            "STLS" => stls_reply.to_owned(),
                            "QUIT" => "+OK bye\r\n".to_owned(),
                            _ => "-ERR no\r\n".to_owned(),
                        };
                        let _ = w.write_all(reply.as_bytes()).await;
                    }
                });
            }
        });
        Self {
            port,
            received,
            connections,
        }
    }

    fn received(&self) -> Vec<String> {
        self.received.lock().expect("log").clone()
    }
}

fn scripted_account(port: u16, security: Security, password: &str) -> (Account, Secret) {
    let user = TestUser {
        address: "alice@example.test".into(),
        password: password.into(),
    };
    let server = Server {
        host: "127.0.0.1".into(),
        port,
        security,
        username: user.address.clone(),
        auth: Auth::Password,
    };
    let acc = Account {
        name: "scripted".into(),
        email: user.address.clone(),
        display_name: String::new(),
        protocol: Protocol::Pop3,
        incoming: server.clone(),
        outgoing: server,
        pop3: Pop3Options::default(),
        sync: SyncOptions::default(),
        signature: String::new(),
        save_sent_copy: false,
        ca_file: None,
        accepted_certs: Vec::new(),
    };
    (acc, Secret::new(user.password))
}

fn assert_no_credentials_sent(received: &[String]) {
    for line in received {
        let upper = line.to_ascii_uppercase();
        assert!(
            !upper.starts_with("USER") && !upper.starts_with("PASS") && !upper.starts_with("AUTH"),
            "credentials went out in plaintext: {received:?}"
        );
        assert!(!line.contains("secret-pw"), "{received:?}");
    }
}

#[test]
fn stls_not_offered_stops_before_any_credentials_are_sent() {
    let rt = runtime();
    let server = Scripted::start(&rt, "USER\r\nSASL PLAIN\r\nUIDL\r\n", "+OK\r\n");
    let (acc, pw) = scripted_account(server.port, Security::Starttls, "secret-pw");
    let err = rt.block_on(pop3::verify(&acc, &pw)).unwrap_err();
    assert!(matches!(err, Pop3Error::StlsNotOffered { .. }), "{err:?}");
    assert_eq!(err.kind(), ErrorKind::Tls);
    let received = server.received();
    assert_eq!(received, vec!["CAPA"], "STLS must not even be tried");
    assert_no_credentials_sent(&received);
}

#[test]
fn stls_refused_stops_before_any_credentials_are_sent() {
    let rt = runtime();
    let server = Scripted::start(&rt, "STLS\r\nUSER\r\n", "-ERR not today\r\n");
    let (acc, pw) = scripted_account(server.port, Security::Starttls, "secret-pw");
    let err = rt.block_on(pop3::verify(&acc, &pw)).unwrap_err();
    let Pop3Error::StlsRefused { reply, .. } = &err else {
        panic!("expected StlsRefused, got {err:?}");
    };
    assert_eq!(reply, "not today");
    let received = server.received();
    assert_eq!(received, vec!["CAPA", "STLS"]);
    assert_no_credentials_sent(&received);
}

#[test]
fn line_breaks_or_nul_in_credentials_are_refused_before_connecting() {
    let rt = runtime();
    let server = Scripted::start(&rt, "USER\r\n", "+OK\r\n");
    for (user, pw, field) in [
        ("alice@example.test", "pw\r\nDELE 1", "password"),
        ("alice@example.test", "pw\0x", "password"),
        ("alice\nQUIT", "pw", "username"),
    ] {
        let (mut acc, _) = scripted_account(server.port, Security::Plain, pw);
        acc.incoming.username = user.into();
        let err = rt
            .block_on(pop3::verify(&acc, &Secret::new(pw)))
            .unwrap_err();
        assert!(
            matches!(err, Pop3Error::UnsafeCredential { field: f } if f == field),
            "{err:?}"
        );
    }
    assert_eq!(*server.connections.lock().expect("count"), 0);
}

/// A scripted server that offers STLS, slips a forged CAPA answer in right behind its `+OK`
/// to STLS (a man in the middle's injection), then speaks TLS with the harness certificate.
/// Records every line it receives, before and after TLS.
fn injecting_stls_server(
    rt: &tokio::runtime::Runtime,
    servers: &MailServers,
) -> (u16, Arc<Mutex<Vec<String>>>) {
    let acceptor = servers.cert.acceptor();
    let listener = rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let received = Arc::new(Mutex::new(Vec::new()));
    let log = received.clone();
    rt.spawn(async move {
        let Ok((mut tcp, _)) = listener.accept().await else {
            return;
        };
        let mut plain = BufReader::new(&mut tcp);
        let _ = plain.get_mut().write_all(b"+OK scripted ready\r\n").await;
        let mut line = String::new();
        while plain.read_line(&mut line).await.unwrap_or(0) > 0 {
            let command = line.trim_end().to_owned();
            line.clear();
            log.lock().expect("log").push(command.clone());
            if command == "CAPA" {
                let _ = plain
                    .get_mut()
                    .write_all(b"+OK\r\nSTLS\r\nUSER\r\n.\r\n")
                    .await;
            } else if command == "STLS" {
                // One write, so it reaches the client together with the +OK.
                let _ = plain
                    .get_mut()
                    .write_all(b"+OK begin TLS\r\n+OK\r\n.\r\n")
                    .await;
                break;
            }
        }
        drop(plain);
        let Ok(tls) = acceptor.accept(tcp).await else {
            return;
        };
        let (r, mut w) = tokio::io::split(tls);
        let mut lines = BufReader::new(r).lines();
        while let Ok(Some(command)) = lines.next_line().await {
            log.lock().expect("log").push(command.clone());
            let reply: &[u8] = match command.as_str() {
                "CAPA" => b"+OK\r\nUSER\r\nSASL PLAIN\r\nUIDL\r\n.\r\n",
                "AUTH PLAIN" => b"+ \r\n",
                "QUIT" => b"+OK bye\r\n",
                _ => b"+OK logged in\r\n",
            };
            let _ = w.write_all(reply).await;
            let _ = w.flush().await;
        }
    });
    (port, received)
}

#[test]
fn nothing_read_before_stls_is_trusted_after_it() {
    let servers = MailServers::dovecot_only();
    let rt = runtime();
    let (port, received) = injecting_stls_server(&rt, &servers);
    let (mut acc, pw) = scripted_account(port, Security::Starttls, "secret-pw");
    acc.ca_file = Some(servers.ca_file.clone());
    // Had the forged empty CAPA answer been believed, there would be no login method.
    rt.block_on(pop3::verify(&acc, &pw))
        .expect("the login works with the capabilities asked for over TLS");
    let received = received.lock().expect("log").clone();
    assert_eq!(received.len(), 6, "{received:?}");
    assert_eq!(&received[..4], ["CAPA", "STLS", "CAPA", "AUTH PLAIN"]);
    assert_eq!(received[5], "QUIT");
}
