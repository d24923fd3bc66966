//! Proof that the harness is real: a message submitted to its Postfix (STARTTLS required,
//! AUTH) arrives in its Dovecot and reads back byte for byte over IMAP and POP3.

use std::sync::Arc;

use futures::TryStreamExt;
use lettre::message::header::ContentType;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, CertificateStore, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;

use crate::support::{MailServers, TestUser, to_crlf};

const BODY: &str =
    "First line.\r\n.A line that starts with a dot.\r\n..Two dots.\r\n.\r\nLast line.\r\n";

fn runtime() -> tokio::runtime::Runtime {
    tidings::install_crypto_provider();
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
}

fn tls_config(servers: &MailServers) -> Arc<rustls::ClientConfig> {
    let mut roots = rustls::RootCertStore::empty();
    for cert in CertificateDer::pem_file_iter(&servers.ca_file).expect("read CA") {
        roots.add(cert.expect("CA cert")).expect("add CA");
    }
    Arc::new(
        rustls::ClientConfig::builder()
            .with_root_certificates(roots)
            .with_no_client_auth(),
    )
}

async fn tls_over<S: AsyncRead + AsyncWrite + Unpin>(
    servers: &MailServers,
    stream: S,
) -> tokio_rustls::client::TlsStream<S> {
    let name = ServerName::try_from("127.0.0.1").expect("server name");
    TlsConnector::from(tls_config(servers))
        .connect(name, stream)
        .await
        .expect("TLS handshake with the harness certificate")
}

async fn submit(servers: &MailServers, from: &TestUser, to: &TestUser, subject: &str) {
    let ca = std::fs::read(&servers.ca_file).expect("CA");
    let tls = TlsParameters::builder("127.0.0.1".into())
        .certificate_store(CertificateStore::None)
        .add_root_certificate(Certificate::from_pem(&ca).expect("CA pem"))
        .build_rustls()
        .expect("TLS parameters");
    let mailer = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous("127.0.0.1")
        .port(servers.postfix().submission_port)
        .tls(Tls::Required(tls))
        .credentials(Credentials::new(
            from.address.clone(),
            from.password.clone(),
        ))
        .build();
    let message = Message::builder()
        .from(from.address.parse().expect("from"))
        .to(to.address.parse().expect("to"))
        .subject(subject)
        .header(ContentType::TEXT_PLAIN)
        .body(BODY.to_owned())
        .expect("message");
    let response = mailer
        .send(message)
        .await
        .expect("Postfix accepted the message");
    assert!(response.is_positive());
}

/// IMAP on the plain port, upgraded with STARTTLS.
async fn fetch_over_imap_starttls(servers: &MailServers, user: &TestUser) -> Vec<u8> {
    let tcp = TcpStream::connect(("127.0.0.1", servers.dovecot.imap_port))
        .await
        .expect("connect");
    let mut client = async_imap::Client::new(tcp);
    client
        .read_response()
        .await
        .expect("greeting")
        .expect("greeting");
    client
        .run_command_and_check_ok("STARTTLS", None)
        .await
        .expect("STARTTLS");
    let tls = tls_over(servers, client.into_inner()).await;
    let client = async_imap::Client::new(tls);
    let mut session = client
        .login(&user.address, &user.password)
        .await
        .map_err(|(e, _)| e)
        .expect("IMAP login");
    session.select("INBOX").await.expect("select");
    let fetches: Vec<_> = session
        .uid_fetch("1:*", "BODY.PEEK[]")
        .await
        .expect("fetch")
        .try_collect()
        .await
        .expect("fetch stream");
    assert_eq!(fetches.len(), 1);
    let body = fetches[0].body().expect("body").to_vec();
    session.logout().await.expect("logout");
    body
}

/// POP3 with implicit TLS: RETR, with the dot-stuffing undone.
async fn fetch_over_pop3s(servers: &MailServers, user: &TestUser) -> Vec<u8> {
    let tcp = TcpStream::connect(("127.0.0.1", servers.dovecot.pop3s_port))
        .await
        .expect("connect");
    let tls = tls_over(servers, tcp).await;
    let mut conn = BufReader::new(tls);
    expect_ok(&mut conn).await;
    for cmd in [
        format!("USER {}", user.address),
        format!("PASS {}", user.password),
    ] {
        conn.write_all(format!("{cmd}\r\n").as_bytes())
            .await
            .expect("write");
        expect_ok(&mut conn).await;
    }
    conn.write_all(b"RETR 1\r\n").await.expect("write");
    expect_ok(&mut conn).await;
    let mut message = Vec::new();
    loop {
        let mut line = Vec::new();
        conn.read_until(b'\n', &mut line).await.expect("read");
        assert!(!line.is_empty(), "connection closed inside RETR");
        if line == b".\r\n" {
            break;
        }
        let line = if line.starts_with(b"..") {
            &line[1..]
        } else {
            &line[..]
        };
        message.extend_from_slice(line);
    }
    conn.write_all(b"QUIT\r\n").await.expect("write");
    expect_ok(&mut conn).await;
    message
}

async fn expect_ok<S: AsyncRead + Unpin>(conn: &mut BufReader<S>) {
    let mut line = String::new();
    conn.read_line(&mut line).await.expect("read");
    assert!(line.starts_with("+OK"), "POP3 said: {line}");
}

#[test]
fn submitted_mail_arrives_and_reads_back_identically_over_imap_and_pop3() {
    let servers = MailServers::start();
    let (alice, bob) = (servers.user(0).clone(), servers.user(1).clone());
    let rt = runtime();
    rt.block_on(submit(&servers, &alice, &bob, "Harness proof"));
    assert!(
        servers
            .dovecot
            .wait_for_count(&bob.address, "INBOX", 1, 30.0),
        "the message never reached Dovecot:\n{}",
        servers.postfix().log()
    );
    let held = servers.dovecot.messages(&bob.address, "INBOX");
    let on_disk = to_crlf(&held[0].raw);

    let over_imap = rt.block_on(fetch_over_imap_starttls(&servers, &bob));
    let over_pop3 = rt.block_on(fetch_over_pop3s(&servers, &bob));

    assert_eq!(
        over_imap, on_disk,
        "IMAP returned other bytes than the server holds"
    );
    assert_eq!(
        over_pop3, on_disk,
        "POP3 returned other bytes than the server holds"
    );
    assert!(
        over_imap.windows(BODY.len()).any(|w| w == BODY.as_bytes()),
        "the body changed on the way:\n{}",
        String::from_utf8_lossy(&over_imap)
    );
    let text = String::from_utf8_lossy(&over_imap);
    assert!(text.contains("Subject: Harness proof"));
    assert!(text.contains(&format!("To: {}", bob.address)));
}

#[test]
fn mail_to_any_other_domain_is_refused() {
    let servers = MailServers::start();
    let alice = servers.user(0).clone();
    let outsider = TestUser {
        address: "someone@example.com".into(),
        password: String::new(),
    };
    let rt = runtime();
    let result = rt.block_on(async {
        let ca = std::fs::read(&servers.ca_file).expect("CA");
        let tls = TlsParameters::builder("127.0.0.1".into())
            .certificate_store(CertificateStore::None)
            .add_root_certificate(Certificate::from_pem(&ca).expect("CA pem"))
            .build_rustls()
            .expect("TLS parameters");
        let mailer = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous("127.0.0.1")
            .port(servers.postfix().submission_port)
            .tls(Tls::Required(tls))
            .credentials(Credentials::new(
                alice.address.clone(),
                alice.password.clone(),
            ))
            .build();
        let message = Message::builder()
            .from(alice.address.parse().expect("from"))
            .to(outsider.address.parse().expect("to"))
            .subject("must not leave")
            .body(String::from("x"))
            .expect("message");
        mailer.send(message).await
    });
    let err = result.expect_err("the harness relayed mail to another domain");
    assert!(err.is_permanent(), "{err}");
}

#[test]
fn every_listener_speaks_tls_with_the_test_certificate() {
    let servers = MailServers::dovecot_only();
    let rt = runtime();
    rt.block_on(async {
        // Implicit TLS ports greet after the handshake.
        for (port, greeting) in [
            (servers.dovecot.imaps_port, "* OK"),
            (servers.dovecot.pop3s_port, "+OK"),
        ] {
            let tcp = TcpStream::connect(("127.0.0.1", port))
                .await
                .expect("connect");
            let mut conn = BufReader::new(tls_over(&servers, tcp).await);
            let mut line = String::new();
            conn.read_line(&mut line).await.expect("greeting");
            assert!(line.starts_with(greeting), "port {port}: {line}");
        }
        // The POP3 plain port upgrades with STLS.
        let tcp = TcpStream::connect(("127.0.0.1", servers.dovecot.pop3_port))
            .await
            .expect("connect");
        let mut conn = BufReader::new(tcp);
        expect_ok(&mut conn).await;
        conn.write_all(b"STLS\r\n").await.expect("write");
        expect_ok(&mut conn).await;
        let mut conn = BufReader::new(tls_over(&servers, conn.into_inner()).await);
        conn.write_all(b"CAPA\r\n").await.expect("write");
        expect_ok(&mut conn).await;
    });
}
