//! The TLS policy against a real server: trusted CA, unknown issuer with details, a pinned
//! self-signed certificate, and a pin that no longer matches.

use tidings::engine::net;
use tidings::engine::tls::{CertReason, Tls, TlsError, TrustSettings};
use tokio::io::{AsyncBufReadExt, BufReader};

use crate::support::{MailServers, Options};

async fn greet(tls: &Tls, port: u16) -> Result<String, TlsError> {
    let tcp = net::connect("127.0.0.1", port, net::CONNECT_TIMEOUT)
        .await
        .expect("connect");
    let stream = tls.connect("127.0.0.1", tcp).await?;
    let mut line = String::new();
    BufReader::new(stream)
        .read_line(&mut line)
        .await
        .expect("greeting");
    Ok(line)
}

fn runtime() -> tokio::runtime::Runtime {
    tidings::install_crypto_provider();
    tokio::runtime::Runtime::new().expect("runtime")
}

#[test]
fn a_certificate_from_the_configured_ca_is_trusted() {
    let servers = MailServers::dovecot_only();
    let tls = Tls::new(&TrustSettings {
        ca_file: Some(servers.ca_file.clone()),
        accepted: vec![],
    })
    .expect("tls");
    let line = runtime()
        .block_on(greet(&tls, servers.dovecot.imaps_port))
        .expect("trusted");
    assert!(line.starts_with("* OK"), "{line}");
}

#[test]
fn an_unknown_issuer_is_refused_with_the_details_a_user_needs() {
    let servers = MailServers::dovecot_only();
    let tls = Tls::new(&TrustSettings::default()).expect("tls");
    let err = runtime()
        .block_on(greet(&tls, servers.dovecot.imaps_port))
        .unwrap_err();
    let TlsError::Certificate(problem) = err else {
        panic!("expected a certificate problem, got {err:?}");
    };
    assert_eq!(problem.reason, CertReason::UnknownIssuer);
    assert_eq!(problem.host, "127.0.0.1");
    assert_eq!(problem.sha256, servers.cert.sha256);
    assert!(problem.subject.contains("localhost"), "{}", problem.subject);
    assert!(
        problem.issuer.contains("Tidings Test CA"),
        "{}",
        problem.issuer
    );
    assert!(problem.not_before < problem.not_after);
}

#[test]
fn an_accepted_self_signed_certificate_is_trusted_and_a_changed_one_is_refused_again() {
    let servers = MailServers::with(Options {
        self_signed: true,
        ..Options::default()
    });
    let rt = runtime();
    let accepted = Tls::new(&TrustSettings {
        ca_file: None,
        accepted: vec![servers.cert.sha256.clone()],
    })
    .expect("tls");
    let line = rt
        .block_on(greet(&accepted, servers.dovecot.pop3s_port))
        .expect("pinned");
    assert!(line.starts_with("+OK"), "{line}");

    // The server now presents another certificate: the old acceptance does not cover it.
    let other = Tls::new(&TrustSettings {
        ca_file: None,
        accepted: vec!["00".repeat(32)],
    })
    .expect("tls");
    let err = rt
        .block_on(greet(&other, servers.dovecot.pop3s_port))
        .unwrap_err();
    assert!(matches!(err, TlsError::Certificate(_)), "{err:?}");
}
