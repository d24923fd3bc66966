//! Hostile POP3 servers, scripted: STLS stripped or refused, answers injected right after
//! the STLS `+OK`, capabilities that change across TLS, control characters in server text,
//! endless lines, a message far longer than listed, hostile UIDL listings. The password
//! never goes out unencrypted when the account asks for encryption, nothing read before
//! TLS is trusted after it, what the client holds stays bounded, and errors are clear.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tidings::engine::account::{Protocol, Security};
use tidings::engine::error::{ErrorKind, Localized};
use tidings::engine::pop3::{self, Pop3Error, wire::MAX_LISTING};
use tidings::engine::secret::Secret;
use tidings::engine::tls::Tls;

use crate::imap_common::runtime;
use crate::support::scripted::{Peer, Scripted, is_clean};

const PASSWORD: &str = "hunter2-pop3-secret";

/// The commands that carry credentials.
const LOGIN: &[&str] = &["USER", "PASS", "AUTH"];

/// How the scripted server behaves; the defaults are a well-behaved server.
#[derive(Clone)]
struct Behaviour {
    greeting: String,
    /// CAPA lines before TLS (without the final dot).
    plain_capa: String,
    /// The whole answer to STLS, in one write; the handshake follows a `+OK`.
    stls_reply: String,
    tls_capa: String,
    /// The answer to the password (PASS or the SASL response).
    login_reply: String,
    list: String,
    uidl: String,
    /// RETR's answer: the status line, then `retr_flood` again and again (if any).
    retr: String,
    retr_flood: Option<&'static [u8]>,
    flooded: Arc<Mutex<u64>>,
}

impl Default for Behaviour {
    fn default() -> Self {
        Self {
            greeting: "+OK POP3 ready\r\n".into(),
            plain_capa: "STLS\r\nUSER\r\nSASL PLAIN\r\n".into(),
            stls_reply: "+OK Begin TLS\r\n".into(),
            tls_capa: "USER\r\nUIDL\r\nSASL PLAIN\r\n".into(),
            login_reply: "+OK logged in\r\n".into(),
            list: "1 20\r\n".into(),
            uidl: "1 abc\r\n".into(),
            retr: "+OK\r\nSubject: hi\r\n\r\nhello\r\n.\r\n".into(),
            retr_flood: None,
            flooded: Arc::default(),
        }
    }
}

async fn serve(mut peer: Peer, b: Behaviour) {
    if !peer.send(&b.greeting).await {
        return;
    }
    while let Some(line) = peer.line().await {
        let command = line
            .split(' ')
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        let reply = match command.as_str() {
            "CAPA" => {
                let capa = if peer.is_tls() {
                    &b.tls_capa
                } else {
                    &b.plain_capa
                };
                format!("+OK\r\n{capa}.\r\n")
            }
            "STLS" => {
                if !peer.send(&b.stls_reply).await || !b.stls_reply.starts_with("+OK") {
                    return;
                }
                if !peer.starttls().await {
                    return;
                }
                continue;
            }
            "AUTH" => {
                if !peer.send("+ \r\n").await || peer.line().await.is_none() {
                    return;
                }
                b.login_reply.clone()
            }
            "USER" => "+OK\r\n".into(),
            "PASS" => b.login_reply.clone(),
            "LIST" => format!("+OK\r\n{}.\r\n", b.list),
            "UIDL" => format!("+OK\r\n{}.\r\n", b.uidl),
            "RETR" => {
                if !peer.send(&b.retr).await {
                    return;
                }
                if let Some(chunk) = b.retr_flood {
                    let n = peer.flood(chunk).await;
                    *b.flooded.lock().expect("count") += n;
                    return;
                }
                continue;
            }
            "QUIT" => {
                peer.send("+OK bye\r\n").await;
                peer.close().await;
                return;
            }
            _ => "+OK\r\n".into(),
        };
        if !peer.send(reply).await {
            return;
        }
    }
}

fn server(b: Behaviour) -> Scripted {
    Scripted::serving(false, b, serve)
}

fn tls_server(b: Behaviour) -> Scripted {
    Scripted::serving(true, b, serve)
}

fn verify(s: &Scripted, security: Security) -> Result<(), Pop3Error> {
    let account = s.account(Protocol::Pop3, security);
    runtime().block_on(pop3::verify_with(
        &account,
        &Secret::new(PASSWORD),
        pop3::Tuning {
            timeout: Duration::from_secs(20),
            ..pop3::Tuning::default()
        },
    ))
}

/// Connects and logs in (implicit TLS), then runs `work` on the session.
fn session<T>(
    s: &Scripted,
    work: impl AsyncFnOnce(&mut pop3::Session) -> Result<T, Pop3Error>,
) -> Result<T, Pop3Error> {
    let account = s.account(Protocol::Pop3, Security::Tls);
    runtime().block_on(async {
        let tls = Tls::new(&account.trust_for("127.0.0.1"))?;
        let mut session = pop3::connect(&account.incoming, &tls, Duration::from_secs(20)).await?;
        session
            .login("alice@example.test", &Secret::new(PASSWORD))
            .await?;
        work(&mut session).await
    })
}

#[test]
fn stripped_stls_stops_before_any_credential() {
    let s = server(Behaviour {
        plain_capa: "USER\r\nSASL PLAIN\r\n".into(),
        ..Behaviour::default()
    });
    let err = verify(&s, Security::Starttls).unwrap_err();
    assert!(matches!(err, Pop3Error::StlsNotOffered { .. }), "{err:?}");
    assert_eq!(err.kind(), ErrorKind::Tls);
    s.assert_no_command(LOGIN);
    s.assert_never_in_plaintext(PASSWORD);
}

#[test]
fn refused_stls_is_an_error_with_the_servers_words_made_safe() {
    let s = server(Behaviour {
        stls_reply: "-ERR [SYS/PERM] \x1b[31mTLS broken\x1b[0m \u{202e}use plaintext\x07\r\n"
            .into(),
        ..Behaviour::default()
    });
    let err = verify(&s, Security::Starttls).unwrap_err();
    let Pop3Error::StlsRefused { reply, .. } = &err else {
        panic!("{err:?}");
    };
    assert!(reply.contains("TLS broken"), "{reply}");
    assert!(is_clean(reply) && is_clean(&err.localized()) && is_clean(&err.to_string()));
    s.assert_no_command(LOGIN);
    s.assert_never_in_plaintext(PASSWORD);
}

#[test]
fn answers_injected_after_the_stls_ok_are_not_trusted() {
    // A fake CAPA answer offering only USER rides along with the +OK; the real one over
    // TLS offers only SASL PLAIN. Trusting the injection would mean USER/PASS.
    let s = server(Behaviour {
        stls_reply: "+OK Begin TLS\r\n+OK\r\nUSER\r\nIMPLEMENTATION injected\r\n.\r\n".into(),
        tls_capa: "SASL PLAIN\r\nUIDL\r\n".into(),
        ..Behaviour::default()
    });
    verify(&s, Security::Starttls).expect("the session goes on over TLS");
    let seen = s.seen();
    let auth = seen
        .iter()
        .find(|l| l.line.to_ascii_uppercase().starts_with("AUTH"))
        .expect("a SASL login");
    assert!(
        auth.tls && auth.line.eq_ignore_ascii_case("AUTH PLAIN"),
        "{auth:?}"
    );
    assert!(!seen.iter().any(|l| l.line.starts_with("USER")), "{seen:?}");
    assert_eq!(s.plaintext(), ["CAPA", "STLS"]);
    s.assert_never_in_plaintext(PASSWORD);
}

#[test]
fn capabilities_are_taken_from_after_tls_only() {
    // Before TLS: USER and SASL PLAIN. After TLS: nothing to log in with.
    let s = server(Behaviour {
        tls_capa: "UIDL\r\nTOP\r\n".into(),
        ..Behaviour::default()
    });
    let err = verify(&s, Security::Starttls).unwrap_err();
    assert!(matches!(err, Pop3Error::NoLoginMethod { .. }), "{err:?}");
    s.assert_no_command(LOGIN);
}

#[test]
fn control_characters_and_fake_alerts_never_reach_the_user_raw() {
    let s = tls_server(Behaviour {
        login_reply: "-ERR [AUTH] \x1b[2J\x1b[HYour mailbox was DELETED.\x07 \
                      Call \u{202e}5551-555\u{202c}\x1b]0;Tidings: enter password\x07\r\n"
            .into(),
        ..Behaviour::default()
    });
    let err = verify(&s, Security::Tls).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Auth, "{err:?}");
    for shown in [err.localized(), err.to_string()] {
        assert!(is_clean(&shown), "{shown:?}");
        assert!(shown.contains("Your mailbox was DELETED."), "{shown}");
        assert!(!shown.contains("enter password"), "{shown}");
    }
}

#[test]
fn an_endless_line_ends_in_a_clear_error() {
    let flooded = Arc::new(Mutex::new(0u64));
    let count = flooded.clone();
    let s = Scripted::start_with(true, move |mut peer| {
        let count = count.clone();
        async move {
            peer.send("+OK ").await;
            let n = peer.flood(&[b'a'; 64 * 1024]).await;
            *count.lock().expect("count") += n;
        }
    });
    let err = verify(&s, Security::Tls).unwrap_err();
    let Pop3Error::Protocol { detail, .. } = &err else {
        panic!("{err:?}");
    };
    assert!(detail.contains("longer than"), "{detail}");
    drop(s);
    let sent = *flooded.lock().expect("count");
    assert!(sent < 64 * 1024 * 1024, "{sent} bytes went out");
}

#[test]
fn a_message_far_longer_than_listed_is_cut_off() {
    let b = Behaviour {
        list: "1 100\r\n".into(),
        retr: "+OK\r\n".into(),
        retr_flood: Some(b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n"),
        ..Behaviour::default()
    };
    let flooded = b.flooded.clone();
    let s = tls_server(b);
    let mut held = 0usize;
    let err = session(&s, async |session| {
        let mut sink = Vec::new();
        let result = session.retr(1, 100, &mut sink).await;
        held = sink.len();
        result
    })
    .unwrap_err();
    assert!(matches!(err, Pop3Error::Protocol { .. }), "{err:?}");
    assert!(err.localized().contains("100"), "{}", err.localized());
    // What reached the writer is bounded by the listed size, not by the server.
    assert!(held <= 2 * 100 + (1 << 20) + 64 * 1024, "{held}");
    drop(s);
    assert!(*flooded.lock().expect("count") < 64 * 1024 * 1024);
}

#[test]
fn hostile_uidl_listings_are_refused_clearly() {
    for bad in [
        "1 abc\r\n2 has space in it\r\n",
        "1 \x1b[31mred\r\n",
        "1 \u{202e}gnp.exe\r\n",
        &format!("1 {}\r\n", "u".repeat(71)),
        "one abc\r\n",
        "1\r\n",
    ] {
        let s = tls_server(Behaviour {
            uidl: bad.to_owned(),
            ..Behaviour::default()
        });
        let err = session(&s, async |session| session.uidl().await).unwrap_err();
        assert!(
            matches!(err, Pop3Error::Protocol { .. }),
            "{bad:?}: {err:?}"
        );
        for shown in [err.localized(), err.to_string()] {
            assert!(is_clean(&shown), "{shown:?}");
        }
    }
}

#[test]
fn an_endless_uidl_listing_is_bounded() {
    let flooded = Arc::new(Mutex::new(0u64));
    let count = flooded.clone();
    let s = Scripted::start_with(true, move |mut peer| {
        let count = count.clone();
        async move {
            peer.send("+OK ready\r\n").await;
            while let Some(line) = peer.line().await {
                let reply = match line.split(' ').next().unwrap_or_default() {
                    "CAPA" => "+OK\r\nUSER\r\nUIDL\r\n.\r\n",
                    "UIDL" => {
                        peer.send("+OK\r\n").await;
                        let n = peer.flood(b"1 same-uidl-again-and-again\r\n").await;
                        *count.lock().expect("count") += n;
                        return;
                    }
                    _ => "+OK\r\n",
                };
                peer.send(reply).await;
            }
        }
    });
    let err = session(&s, async |session| session.uidl().await).unwrap_err();
    let Pop3Error::Protocol { detail, .. } = &err else {
        panic!("{err:?}");
    };
    assert!(detail.contains("listing longer than"), "{detail}");
    drop(s);
    let sent = *flooded.lock().expect("count");
    assert!(sent < (MAX_LISTING as u64) + 64 * 1024 * 1024, "{sent}");
}
