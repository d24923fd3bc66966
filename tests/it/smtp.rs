//! SMTP against the harness Postfix (submission with STARTTLS required, implicit TLS, and a
//! port that offers AUTH without STARTTLS), delivering into the harness Dovecot.

use std::sync::{Arc, Mutex};

use mail_parser::{MessageParser, MimeHeaders};
use tidings::engine::account::{
    Account, Auth, Pop3Options, Protocol, Security, Server, SyncOptions,
};
use tidings::engine::compose::{self, Attachment, Outgoing, Person};
use tidings::engine::secret::Secret;
use tidings::engine::smtp::{self, Outcome, Session, SmtpError, Timeouts};
use tidings::engine::tls::{CertReason, TlsError};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::support::{MailServers, TestUser};

pub(crate) fn runtime() -> tokio::runtime::Runtime {
    tidings::install_crypto_provider();
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
}

/// An account of a harness user sending through `port` with `security`.
pub(crate) fn account(
    servers: &MailServers,
    user: &TestUser,
    security: Security,
    port: u16,
) -> Account {
    let name = user.address.split('@').next().unwrap_or("user").to_owned();
    Account {
        name: name.clone(),
        email: user.address.clone(),
        display_name: format!("{name} Example"),
        protocol: Protocol::Imap,
        incoming: Server {
            host: "127.0.0.1".into(),
            port: servers.dovecot.imaps_port,
            security: Security::Tls,
            username: user.address.clone(),
            auth: Auth::Password,
        },
        outgoing: Server {
            host: "127.0.0.1".into(),
            port,
            security,
            username: user.address.clone(),
            auth: Auth::Password,
        },
        pop3: Pop3Options::default(),
        sync: SyncOptions::default(),
        signature: String::new(),
        save_sent_copy: true,
        ca_file: Some(servers.ca_file.clone()),
        accepted_certs: Vec::new(),
    }
}

pub(crate) fn password(user: &TestUser) -> Secret {
    Secret::new(user.password.clone())
}

/// A TCP relay that records every byte the client sent, to prove what never left.
pub(crate) struct Recorder {
    pub port: u16,
    seen: Arc<Mutex<Vec<u8>>>,
}

impl Recorder {
    pub(crate) async fn start(upstream: u16) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let record = seen.clone();
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let Ok(server) = tokio::net::TcpStream::connect(("127.0.0.1", upstream)).await
                else {
                    continue;
                };
                let record = record.clone();
                tokio::spawn(async move {
                    let (mut cr, mut cw) = client.into_split();
                    let (mut sr, mut sw) = server.into_split();
                    let down = tokio::spawn(async move {
                        let _ = tokio::io::copy(&mut sr, &mut cw).await;
                    });
                    let mut buf = [0u8; 4096];
                    while let Ok(n) = cr.read(&mut buf).await {
                        if n == 0 {
                            break;
                        }
                        record.lock().expect("record").extend_from_slice(&buf[..n]);
                        if sw.write_all(&buf[..n]).await.is_err() {
                            break;
                        }
                    }
                    let _ = sw.shutdown().await;
                    let _ = down.await;
                });
            }
        });
        Self { port, seen }
    }

    pub(crate) fn client_bytes(&self) -> String {
        String::from_utf8_lossy(&self.seen.lock().expect("record")).into_owned()
    }
}

#[test]
fn verify_logs_in_with_starttls_and_with_implicit_tls() {
    let servers = MailServers::start();
    let alice = servers.user(0);
    let rt = runtime();
    let postfix = servers.postfix();
    for (security, port) in [
        (Security::Starttls, postfix.submission_port),
        (Security::Tls, postfix.submissions_port),
    ] {
        let a = account(&servers, alice, security, port);
        rt.block_on(smtp::verify(&a, &password(alice)))
            .unwrap_or_else(|e| panic!("{security:?}: {e:?}\n{}", postfix.log()));
    }
}

#[test]
fn a_wrong_password_is_refused_with_the_servers_words() {
    let servers = MailServers::start();
    let alice = servers.user(0);
    let a = account(
        &servers,
        alice,
        Security::Starttls,
        servers.postfix().submission_port,
    );
    let err = runtime()
        .block_on(smtp::verify(&a, &Secret::new("not-the-password")))
        .unwrap_err();
    match &err {
        SmtpError::AuthRejected { reply, .. } => {
            assert!(reply.starts_with("535"), "{reply}");
        }
        other => panic!("expected AuthRejected, got {other:?}"),
    }
    assert!(!format!("{err:?}").contains("not-the-password"));
    assert!(!err.is_temporary());
}

#[test]
fn starttls_not_offered_means_no_auth_is_ever_sent() {
    let servers = MailServers::start();
    let alice = servers.user(0);
    let rt = runtime();
    let recorder = rt.block_on(Recorder::start(servers.postfix().no_tls_port));
    let a = account(&servers, alice, Security::Starttls, recorder.port);
    let err = rt.block_on(smtp::verify(&a, &password(alice))).unwrap_err();
    assert!(matches!(err, SmtpError::StartTlsMissing { .. }), "{err:?}");
    let sent = recorder.client_bytes();
    assert!(sent.contains("EHLO"), "{sent}");
    assert!(!sent.to_ascii_uppercase().contains("AUTH"), "{sent}");
    assert!(!sent.contains(&alice.password), "{sent}");
}

#[test]
fn an_untrusted_certificate_stops_before_login_with_its_details() {
    let servers = MailServers::start();
    let alice = servers.user(0);
    let mut a = account(
        &servers,
        alice,
        Security::Tls,
        servers.postfix().submissions_port,
    );
    a.ca_file = None;
    let err = runtime()
        .block_on(smtp::verify(&a, &password(alice)))
        .unwrap_err();
    let SmtpError::Tls(TlsError::Certificate(problem)) = err else {
        panic!("expected a certificate problem, got {err:?}");
    };
    assert_eq!(problem.reason, CertReason::UnknownIssuer);
    assert_eq!(problem.sha256, servers.cert.sha256);

    // Accepting exactly that certificate lets the login through.
    a.accepted_certs = vec![tidings::engine::account::AcceptedCert {
        host: "127.0.0.1".into(),
        sha256: problem.sha256.clone(),
    }];
    runtime()
        .block_on(smtp::verify(&a, &password(alice)))
        .expect("pinned certificate");
}

#[test]
fn a_message_arrives_whole_with_utf8_subject_attachments_and_no_bcc() {
    let servers = MailServers::start();
    let (alice, bob, carol, dave) = (
        servers.user(0),
        servers.user(1),
        servers.user(2),
        servers.user(3),
    );
    let binary: Vec<u8> = (0..200_000u32).map(|i| (i * 7 % 256) as u8).collect();
    let outgoing = Outgoing {
        from: Some(Person::new("Alice Example", &alice.address)),
        to: vec![format!("Bob <{}>", bob.address)],
        cc: vec![carol.address.clone()],
        bcc: vec![dave.address.clone()],
        subject: "Grüße aus Tidings 📬 — café".into(),
        text: "Hello Bob,\n.\nA line that is only a dot is above.\n".into(),
        html: Some("<p>Hello <b>Bob</b></p>".into()),
        attachments: vec![
            Attachment {
                name: "résumé 2025.pdf".into(),
                content_type: None,
                data: binary.clone(),
            },
            Attachment {
                name: "notes.txt".into(),
                content_type: None,
                data: b"bare LF\nlines stay\n".to_vec(),
            },
        ],
        ..Outgoing::default()
    };
    let built = compose::build(&outgoing).expect("build");
    let a = account(
        &servers,
        alice,
        Security::Starttls,
        servers.postfix().submission_port,
    );
    let rt = runtime();
    let outcome = rt.block_on(async {
        let mut session = Session::open(&a, &password(alice), Timeouts::default())
            .await
            .expect("open");
        let outcome = session.submit(&built.envelope, &built.raw).await;
        session.quit().await;
        outcome
    });
    assert!(
        matches!(outcome, Outcome::Accepted { ref reply } if reply.starts_with("250")),
        "{outcome:?}"
    );

    for user in [bob, carol, dave] {
        assert!(
            servers
                .dovecot
                .wait_for_count(&user.address, "INBOX", 1, 30.0),
            "nothing arrived for {}:\n{}",
            user.address,
            servers.postfix().log()
        );
    }
    let held = servers.dovecot.messages(&bob.address, "INBOX");
    assert_eq!(held.len(), 1);
    let raw = &held[0].raw;
    let text = String::from_utf8_lossy(raw);
    let head = text.split("\r\n\r\n").next().unwrap_or_default();
    assert!(
        !head
            .lines()
            .any(|l| l.to_ascii_lowercase().starts_with("bcc")),
        "{head}"
    );
    assert!(!text.contains(&dave.address), "the Bcc recipient leaked");
    let msg = MessageParser::default().parse(raw).expect("parse");
    assert_eq!(msg.subject(), Some("Grüße aus Tidings 📬 — café"));
    assert_eq!(
        msg.message_id(),
        Some(built.message_id.trim_matches(['<', '>']))
    );
    let from = msg.from().and_then(|f| f.first()).expect("from");
    assert_eq!(from.name(), Some("Alice Example"));
    assert_eq!(from.address(), Some(alice.address.as_str()));
    assert!(
        msg.body_text(0)
            .unwrap_or_default()
            .contains(".\r\nA line that is only a dot")
            || msg
                .body_text(0)
                .unwrap_or_default()
                .contains(".\nA line that is only a dot"),
        "{:?}",
        msg.body_text(0)
    );
    assert_eq!(msg.body_html(0).as_deref(), Some("<p>Hello <b>Bob</b></p>"));
    let attachments: Vec<_> = msg.attachments().collect();
    assert_eq!(attachments.len(), 2);
    assert_eq!(attachments[0].attachment_name(), Some("résumé 2025.pdf"));
    assert_eq!(attachments[0].contents(), &binary[..], "attachment changed");
    assert_eq!(attachments[1].contents(), b"bare LF\nlines stay\n");
}

#[test]
fn a_recipient_the_server_refuses_is_a_permanent_failure_naming_it() {
    let servers = MailServers::start();
    let (alice, bob) = (servers.user(0), servers.user(1));
    let outgoing = Outgoing {
        from: Some(Person::new("", &alice.address)),
        to: vec![bob.address.clone(), "someone@elsewhere.invalid".into()],
        subject: "refused".into(),
        text: "x".into(),
        ..Outgoing::default()
    };
    let built = compose::build(&outgoing).expect("build");
    let a = account(
        &servers,
        alice,
        Security::Tls,
        servers.postfix().submissions_port,
    );
    let rt = runtime();
    let (first, second) = rt.block_on(async {
        let mut session = Session::open(&a, &password(alice), Timeouts::default())
            .await
            .expect("open");
        let first = session.submit(&built.envelope, &built.raw).await;
        // The session was reset and still sends the next message.
        let mut fixed = built.envelope.clone();
        fixed.to.retain(|t| t == &bob.address);
        let second = session.submit(&fixed, &built.raw).await;
        session.quit().await;
        (first, second)
    });
    match first {
        Outcome::Permanent(SmtpError::RecipientsRefused {
            recipients, reply, ..
        }) => {
            assert_eq!(recipients, vec!["someone@elsewhere.invalid"]);
            assert!(reply.starts_with('5'), "{reply}");
        }
        other => panic!("expected a refused recipient, got {other:?}"),
    }
    assert!(matches!(second, Outcome::Accepted { .. }), "{second:?}");
    assert!(
        servers
            .dovecot
            .wait_for_count(&bob.address, "INBOX", 1, 30.0)
    );
}

/// Sends one message over a plaintext session through `proxy` (so the proxy can see the
/// SMTP dialogue) and returns the outcome.
fn submit_through(
    servers: &MailServers,
    proxy_port: u16,
    to: &TestUser,
    subject: &str,
) -> (Outcome, compose::Built) {
    let alice = servers.user(0);
    let outgoing = Outgoing {
        from: Some(Person::new("", &alice.address)),
        to: vec![to.address.clone()],
        subject: subject.into(),
        // Megabytes after the cut point, so the client is still writing the content when
        // the cut reaches it, whatever the socket buffers hold.
        text: format!(
            "{subject}\nMIDDLE-OF-THE-BODY\n{}end\n",
            "A line of text to make the message long enough.\n".repeat(100_000)
        ),
        ..Outgoing::default()
    };
    let built = compose::build(&outgoing).expect("build");
    let a = account(servers, alice, Security::Plain, proxy_port);
    let outcome = runtime().block_on(async {
        let mut session = Session::open(&a, &password(alice), Timeouts::default())
            .await
            .expect("open");
        let outcome = session.submit(&built.envelope, &built.raw).await;
        session.quit().await;
        outcome
    });
    (outcome, built)
}

#[test]
fn a_cut_after_the_final_dot_is_may_have_been_sent() {
    let servers = MailServers::start();
    let bob = servers.user(1);
    let proxy = crate::support::FaultProxy::start(servers.postfix().no_tls_port);
    proxy.set(crate::support::Fault::CutOnClient {
        pattern: b"\r\n.\r\n".to_vec(),
        deliver: true,
    });
    let (outcome, _) = submit_through(&servers, proxy.port, bob, "cut after the dot");
    assert!(matches!(outcome, Outcome::Unknown(_)), "{outcome:?}");
    // The proxy counts its cut just after making it; the client may see it first.
    assert!(crate::support::system::wait_until(10.0, || proxy.cuts() == 1));
    // Postfix got the whole message: it was in fact delivered.
    assert!(
        servers
            .dovecot
            .wait_for_count(&bob.address, "INBOX", 1, 30.0)
    );
}

#[test]
fn a_cut_in_the_middle_of_the_content_is_temporary_and_nothing_arrives() {
    let servers = MailServers::start();
    let bob = servers.user(1);
    let proxy = crate::support::FaultProxy::start(servers.postfix().no_tls_port);
    proxy.set(crate::support::Fault::CutOnClient {
        pattern: b"MIDDLE-OF-THE-BODY".to_vec(),
        deliver: false,
    });
    let (outcome, _) = submit_through(&servers, proxy.port, bob, "cut in the middle");
    assert!(matches!(outcome, Outcome::Temporary(_)), "{outcome:?}");
    assert!(crate::support::system::wait_until(10.0, || proxy.cuts() == 1));

    // The same message over a good connection arrives once.
    proxy.set(crate::support::Fault::None);
    let (again, _) = submit_through(&servers, proxy.port, bob, "cut in the middle");
    assert!(matches!(again, Outcome::Accepted { .. }), "{again:?}");
    assert!(
        servers
            .dovecot
            .wait_for_count(&bob.address, "INBOX", 1, 30.0)
    );
    servers.postfix().flush();
    assert_eq!(servers.dovecot.count(&bob.address, "INBOX"), 1);
}
