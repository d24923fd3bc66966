//! Hostile SMTP submission servers, scripted: STARTTLS stripped or refused, replies
//! injected right after the STARTTLS `220`, capabilities that change across TLS, control
//! characters in replies, endless lines. The password never goes out unencrypted when the
//! account asks for encryption, nothing read before TLS is trusted after it, what the
//! client holds stays bounded, and errors are clear.

use std::sync::{Arc, Mutex};

use tidings::engine::account::{Protocol, Security};
use tidings::engine::error::{ErrorKind, Localized};
use tidings::engine::secret::Secret;
use tidings::engine::smtp::{self, SmtpError};

use crate::imap_common::runtime;
use crate::support::scripted::{Peer, Scripted, is_clean};

const PASSWORD: &str = "hunter2-smtp-secret";

/// The commands that carry credentials.
const LOGIN: &[&str] = &["AUTH"];

#[derive(Clone)]
struct Behaviour {
    greeting: String,
    /// EHLO extension lines before TLS (each without the `250-` prefix).
    plain_ehlo: Vec<&'static str>,
    /// The whole answer to STARTTLS, in one write; the handshake follows a `220`.
    starttls_reply: String,
    tls_ehlo: Vec<&'static str>,
    auth_reply: String,
}

impl Default for Behaviour {
    fn default() -> Self {
        Self {
            greeting: "220 mail.example.test ESMTP ready\r\n".into(),
            plain_ehlo: vec!["PIPELINING", "STARTTLS", "8BITMIME"],
            starttls_reply: "220 2.0.0 Ready to start TLS\r\n".into(),
            tls_ehlo: vec!["PIPELINING", "AUTH PLAIN LOGIN", "8BITMIME"],
            auth_reply: "235 2.7.0 Authentication successful\r\n".into(),
        }
    }
}

fn ehlo_reply(extensions: &[&str]) -> String {
    let mut out = String::from("250-mail.example.test\r\n");
    for (i, e) in extensions.iter().enumerate() {
        let sep = if i + 1 == extensions.len() { ' ' } else { '-' };
        out.push_str(&format!("250{sep}{e}\r\n"));
    }
    if extensions.is_empty() {
        out = "250 mail.example.test\r\n".into();
    }
    out
}

async fn serve(mut peer: Peer, b: Behaviour) {
    if !peer.send(&b.greeting).await {
        return;
    }
    while let Some(line) = peer.line().await {
        let upper = line.to_ascii_uppercase();
        let reply = if upper.starts_with("EHLO") {
            ehlo_reply(if peer.is_tls() {
                &b.tls_ehlo
            } else {
                &b.plain_ehlo
            })
        } else if upper == "STARTTLS" {
            if !peer.send(&b.starttls_reply).await || !b.starttls_reply.starts_with("220") {
                return;
            }
            if !peer.starttls().await {
                return;
            }
            continue;
        } else if upper.starts_with("AUTH PLAIN") {
            b.auth_reply.clone()
        } else if upper.starts_with("AUTH LOGIN") {
            // Username and password, each answered with a challenge first.
            if !peer.send("334 VXNlcm5hbWU6\r\n").await || peer.line().await.is_none() {
                return;
            }
            if !peer.send("334 UGFzc3dvcmQ6\r\n").await || peer.line().await.is_none() {
                return;
            }
            b.auth_reply.clone()
        } else if upper == "QUIT" {
            peer.send("221 2.0.0 Bye\r\n").await;
            peer.close().await;
            return;
        } else {
            "250 2.0.0 Ok\r\n".into()
        };
        if !peer.send(reply).await {
            return;
        }
    }
}

fn server(b: Behaviour) -> Scripted {
    Scripted::serving(false, b, serve)
}

fn verify(s: &Scripted, security: Security) -> Result<(), SmtpError> {
    let account = s.account(Protocol::Imap, security);
    runtime().block_on(smtp::verify(&account, &Secret::new(PASSWORD)))
}

#[test]
fn stripped_starttls_stops_before_any_credential() {
    let s = server(Behaviour {
        plain_ehlo: vec!["PIPELINING", "AUTH PLAIN LOGIN"],
        ..Behaviour::default()
    });
    let err = verify(&s, Security::Starttls).unwrap_err();
    assert!(matches!(err, SmtpError::StartTlsMissing { .. }), "{err:?}");
    assert_eq!(err.kind(), ErrorKind::Tls);
    s.assert_no_command(LOGIN);
    s.assert_never_in_plaintext(PASSWORD);
}

#[test]
fn refused_starttls_is_an_error_with_the_servers_words_made_safe() {
    let s = server(Behaviour {
        starttls_reply: "454 4.7.0 \x1b[31mTLS not available\x1b[0m \u{202e}try plain\x07\r\n"
            .into(),
        ..Behaviour::default()
    });
    let err = verify(&s, Security::Starttls).unwrap_err();
    let SmtpError::StartTlsRefused { reply, .. } = &err else {
        panic!("{err:?}");
    };
    assert!(reply.contains("TLS not available"), "{reply}");
    assert!(is_clean(reply) && is_clean(&err.localized()) && is_clean(&err.to_string()));
    s.assert_no_command(LOGIN);
    s.assert_never_in_plaintext(PASSWORD);
}

#[test]
fn replies_injected_after_the_starttls_220_are_never_read_as_replies() {
    // The injected lines would tell the client "AUTH accepted" before any TLS. They stay
    // in the socket, unread: the handshake then reads them, fails, and the session ends.
    let s = server(Behaviour {
        starttls_reply: "220 2.0.0 Ready\r\n250-mail.example.test\r\n250 AUTH PLAIN\r\n\
                         235 2.7.0 Authentication successful\r\n"
            .into(),
        ..Behaviour::default()
    });
    let err = verify(&s, Security::Starttls).unwrap_err();
    assert!(
        matches!(err, SmtpError::Tls(_) | SmtpError::Broken { .. }),
        "{err:?}"
    );
    s.assert_no_command(LOGIN);
    let plaintext = s.plaintext();
    assert_eq!(plaintext.len(), 2, "{plaintext:?}");
    assert!(plaintext[0].starts_with("EHLO") && plaintext[1] == "STARTTLS");
    s.assert_never_in_plaintext(PASSWORD);
}

#[test]
fn capabilities_are_taken_from_after_tls_only() {
    // Before TLS the server offers PLAIN and LOGIN; after TLS only a mechanism we do not
    // use for passwords.
    let s = server(Behaviour {
        plain_ehlo: vec!["STARTTLS", "AUTH PLAIN LOGIN"],
        tls_ehlo: vec!["AUTH XOAUTH2"],
        ..Behaviour::default()
    });
    let err = verify(&s, Security::Starttls).unwrap_err();
    assert!(matches!(err, SmtpError::AuthUnavailable { .. }), "{err:?}");
    s.assert_no_command(LOGIN);

    // And the other way round: nothing before TLS, PLAIN after.
    let s = server(Behaviour {
        plain_ehlo: vec!["STARTTLS"],
        tls_ehlo: vec!["AUTH PLAIN"],
        ..Behaviour::default()
    });
    verify(&s, Security::Starttls).expect("login over TLS");
    assert!(
        s.seen()
            .iter()
            .any(|l| l.tls && l.line.starts_with("AUTH PLAIN"))
    );
    s.assert_never_in_plaintext(PASSWORD);
}

#[test]
fn control_characters_and_fake_alerts_never_reach_the_user_raw() {
    let b = Behaviour {
        greeting: "220 mail.example.test ready\r\n".into(),
        tls_ehlo: vec!["AUTH PLAIN LOGIN"],
        auth_reply: "535 5.7.8 \x1b[2J\x1b[HYour account was DELETED.\x07 \
                     Call \u{202e}5551-555\u{202c}\x1b]0;Tidings: enter password\x07\r\n"
            .into(),
        ..Behaviour::default()
    };
    let s = Scripted::start_with(true, move |peer| {
        let b = Behaviour {
            plain_ehlo: b.tls_ehlo.clone(),
            ..b.clone()
        };
        serve(peer, b)
    });
    let err = verify(&s, Security::Tls).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Auth, "{err:?}");
    for shown in [err.localized(), err.to_string()] {
        assert!(is_clean(&shown), "{shown:?}");
        assert!(shown.contains("Your account was DELETED."), "{shown}");
        assert!(!shown.contains("enter password"), "{shown}");
    }
}

fn endless(implicit_tls: bool, security: Security, prefix: &'static str) -> (SmtpError, u64) {
    let flooded = Arc::new(Mutex::new(0u64));
    let count = flooded.clone();
    let s = Scripted::start_with(implicit_tls, move |mut peer| {
        let count = count.clone();
        async move {
            peer.send(prefix).await;
            let n = peer.flood(&[b'a'; 64 * 1024]).await;
            *count.lock().expect("count") += n;
        }
    });
    let err = verify(&s, security).unwrap_err();
    drop(s);
    let sent = *flooded.lock().expect("count");
    (err, sent)
}

#[test]
fn an_endless_line_ends_in_a_clear_error() {
    // Before TLS (our own reader) and after it (lettre's, behind our bound).
    for (tls, security) in [(false, Security::Starttls), (true, Security::Tls)] {
        let (err, sent) = endless(tls, security, "220-");
        let shown = err.to_string();
        assert!(
            shown.contains("too long") || shown.contains("longer than"),
            "{err:?}"
        );
        assert!(is_clean(&err.localized()), "{:?}", err.localized());
        assert!(sent < 64 * 1024 * 1024, "{sent} bytes went out");
    }
}
