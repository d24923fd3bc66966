//! Hostile IMAP servers, scripted: STARTTLS stripped or refused, responses injected right
//! after the STARTTLS OK, PREAUTH instead of STARTTLS, capabilities that change across TLS,
//! control characters and fake alerts in server text, an oversized literal, an endless
//! line, hostile folder names. Whatever the server does, the password never goes out
//! unencrypted when the account asks for encryption, nothing read before TLS is trusted
//! after it, what the client holds stays bounded, and the error says what happened.

use std::sync::{Arc, Mutex};

use tidings::engine::account::{Protocol, Security};
use tidings::engine::error::{ErrorKind, Localized};
use tidings::engine::events::Events;
use tidings::engine::imap::transport::MAX_LINE;
use tidings::engine::imap::{self, ConnectOptions, ImapError};
use tidings::engine::secret::Secret;
use tidings::engine::store::Store;

use crate::imap_common::runtime;
use crate::support::scripted::{Peer, Scripted, is_clean, peak_rss};

const PASSWORD: &str = "hunter2-imap-secret";

/// The commands that carry credentials.
const LOGIN: &[&str] = &["LOGIN", "AUTHENTICATE"];

fn password() -> Secret {
    Secret::new(PASSWORD)
}

/// How the scripted server behaves; every field has a well-behaved default.
#[derive(Clone)]
struct Behaviour {
    greeting: String,
    /// The capabilities answered before TLS.
    plain_caps: String,
    /// The whole answer to STARTTLS (tag `{tag}`), sent in one write; the handshake
    /// follows when it starts with `{tag} OK`.
    starttls_reply: String,
    /// The capabilities answered over TLS.
    tls_caps: String,
    /// The answer to the login's final step.
    login_reply: String,
    /// Untagged LIST lines.
    list: Vec<String>,
    /// Instead of answering LIST: send this, then (if given) the chunk again and again
    /// until the client stops reading, then close.
    hostile_list: Option<(String, Option<&'static [u8]>)>,
    /// How many bytes the flood got out.
    flooded: Arc<Mutex<u64>>,
}

impl Default for Behaviour {
    fn default() -> Self {
        Self {
            greeting: "* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready\r\n".into(),
            plain_caps: "IMAP4rev1 STARTTLS LOGINDISABLED".into(),
            starttls_reply: "{tag} OK Begin TLS negotiation now\r\n".into(),
            tls_caps: "IMAP4rev1 AUTH=PLAIN".into(),
            login_reply: "{tag} OK Logged in\r\n".into(),
            list: vec!["* LIST (\\HasNoChildren) \"/\" INBOX".into()],
            hostile_list: None,
            flooded: Arc::default(),
        }
    }
}

/// A minimal IMAP server: enough of RFC 3501 for connect, login and an empty sync.
async fn serve(mut peer: Peer, b: Behaviour) {
    if !peer.send(&b.greeting).await {
        return;
    }
    while let Some(line) = peer.line().await {
        let mut words = line.splitn(3, ' ');
        let tag = words.next().unwrap_or_default().to_owned();
        let command = words.next().unwrap_or_default().to_ascii_uppercase();
        if let ("LIST", Some((answer, flood))) = (command.as_str(), &b.hostile_list) {
            if peer.send(answer).await
                && let Some(chunk) = flood
            {
                let n = peer.flood(chunk).await;
                *b.flooded.lock().expect("count") += n;
            }
            peer.close().await;
            return;
        }
        let caps = if peer.is_tls() {
            &b.tls_caps
        } else {
            &b.plain_caps
        };
        let reply = match command.as_str() {
            "CAPABILITY" => format!("* CAPABILITY {caps}\r\n{tag} OK done\r\n"),
            "STARTTLS" => {
                let reply = b.starttls_reply.replace("{tag}", &tag);
                if !peer.send(&reply).await || !reply.starts_with(&format!("{tag} OK")) {
                    return;
                }
                if !peer.starttls().await {
                    return;
                }
                continue;
            }
            "AUTHENTICATE" => {
                if !peer.send("+ \r\n").await || peer.line().await.is_none() {
                    return;
                }
                b.login_reply.replace("{tag}", &tag)
            }
            "LOGIN" => b.login_reply.replace("{tag}", &tag),
            "LIST" => {
                let mut out = String::new();
                for l in &b.list {
                    out.push_str(l);
                    out.push_str("\r\n");
                }
                out + &format!("{tag} OK List done\r\n")
            }
            "SELECT" | "EXAMINE" => format!(
                "* 0 EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n* OK [UIDNEXT 1] ok\r\n\
                 {tag} OK [READ-WRITE] selected\r\n"
            ),
            "LOGOUT" => {
                peer.send(format!("* BYE bye\r\n{tag} OK done\r\n")).await;
                peer.close().await;
                return;
            }
            _ => format!("{tag} OK done\r\n"),
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

fn starttls_account(s: &Scripted) -> tidings::engine::account::Account {
    s.account(Protocol::Imap, Security::Starttls)
}

fn connect(s: &Scripted, security: Security) -> Result<imap::Session, ImapError> {
    let account = s.account(Protocol::Imap, security);
    let options = ConnectOptions {
        timeout: std::time::Duration::from_secs(20),
    };
    runtime().block_on(imap::connect_with(&account, &password(), &options))
}

#[test]
fn stripped_starttls_stops_before_any_credential() {
    let s = server(Behaviour {
        greeting: "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n".into(),
        plain_caps: "IMAP4rev1 AUTH=PLAIN".into(),
        ..Behaviour::default()
    });
    let err = connect(&s, Security::Starttls).unwrap_err();
    assert!(matches!(err, ImapError::StarttlsMissing { .. }), "{err:?}");
    assert_eq!(err.kind(), ErrorKind::Tls);
    assert!(err.localized().contains("STARTTLS"), "{}", err.localized());
    s.assert_no_command(LOGIN);
    s.assert_never_in_plaintext(PASSWORD);
}

#[test]
fn refused_starttls_is_an_error_with_the_servers_words_made_safe() {
    let s = server(Behaviour {
        starttls_reply:
            "{tag} NO [ALERT] \x1b[5;31mTLS is broken\x1b[0m, use \u{202e}plaintext\x07\r\n".into(),
        ..Behaviour::default()
    });
    let err = connect(&s, Security::Starttls).unwrap_err();
    let ImapError::StarttlsRefused { text, .. } = &err else {
        panic!("{err:?}");
    };
    assert!(text.contains("TLS is broken"), "{text}");
    assert!(is_clean(text) && is_clean(&err.localized()), "{text:?}");
    assert!(is_clean(&err.to_string()));
    s.assert_no_command(LOGIN);
    s.assert_never_in_plaintext(PASSWORD);
}

#[test]
fn responses_injected_after_the_starttls_ok_are_not_trusted() {
    // Everything after the tagged OK arrives in the same packet, before the handshake:
    // capabilities that would allow a plaintext login, and fake answers to the commands
    // the client sends next.
    let s = server(Behaviour {
        starttls_reply: "{tag} OK Begin TLS\r\n\
                         * CAPABILITY IMAP4rev1 AUTH=LOGIN X-INJECTED\r\n\
                         P1 OK [CAPABILITY IMAP4rev1 X-INJECTED] injected\r\n\
                         A0001 OK [CAPABILITY IMAP4rev1 X-INJECTED] Logged in\r\n"
            .into(),
        tls_caps: "IMAP4rev1 AUTH=PLAIN X-AFTER-TLS".into(),
        ..Behaviour::default()
    });
    let session = connect(&s, Security::Starttls).expect("the session goes on over TLS");
    let caps = session.capabilities();
    assert!(caps.has("X-AFTER-TLS"), "{:?}", caps.names());
    assert!(!caps.has("X-INJECTED"), "{:?}", caps.names());
    runtime().block_on(session.logout());
    let plaintext = s.plaintext();
    assert_eq!(plaintext.len(), 1, "{plaintext:?}");
    assert!(plaintext[0].ends_with("STARTTLS"), "{plaintext:?}");
    // The login happened, over TLS only.
    assert!(
        s.seen()
            .iter()
            .any(|l| l.tls && l.line.contains("AUTHENTICATE PLAIN"))
    );
    s.assert_never_in_plaintext(PASSWORD);
}

#[test]
fn preauth_in_place_of_starttls_is_refused() {
    let s = server(Behaviour {
        greeting: "* PREAUTH [CAPABILITY IMAP4rev1] welcome, no login needed\r\n".into(),
        ..Behaviour::default()
    });
    let err = connect(&s, Security::Starttls).unwrap_err();
    assert!(matches!(err, ImapError::Preauth { .. }), "{err:?}");
    assert_eq!(err.kind(), ErrorKind::Tls);
    assert!(err.localized().contains("PREAUTH"), "{}", err.localized());
    // Not one command went out over the unprotected connection.
    assert!(s.plaintext().is_empty(), "{:?}", s.plaintext());
}

#[test]
fn capabilities_are_taken_from_after_tls_only() {
    // Before TLS the server offers AUTH=PLAIN; after TLS it offers no way to log in.
    let s = server(Behaviour {
        greeting: "* OK ready\r\n".into(),
        plain_caps: "IMAP4rev1 STARTTLS AUTH=PLAIN".into(),
        tls_caps: "IMAP4rev1 LOGINDISABLED".into(),
        ..Behaviour::default()
    });
    let err = connect(&s, Security::Starttls).unwrap_err();
    assert!(matches!(err, ImapError::NoAuthMethod { .. }), "{err:?}");
    s.assert_no_command(LOGIN);

    // And the other way round: LOGINDISABLED before TLS, AUTH=PLAIN after it.
    let s = server(Behaviour {
        greeting: "* OK ready\r\n".into(),
        plain_caps: "IMAP4rev1 STARTTLS LOGINDISABLED".into(),
        tls_caps: "IMAP4rev1 AUTH=PLAIN".into(),
        ..Behaviour::default()
    });
    let session = connect(&s, Security::Starttls).expect("login over TLS");
    runtime().block_on(session.logout());
    s.assert_never_in_plaintext(PASSWORD);
}

#[test]
fn control_characters_and_fake_alerts_never_reach_the_user_raw() {
    let s = tls_server(Behaviour {
        greeting: "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n".into(),
        login_reply: "{tag} NO [ALERT] \x1b[2J\x1b[HYour mailbox was DELETED.\x07 \
                      Call \u{202e}5551-555\u{202c} now\x1b]0;Tidings: enter password\x07\r\n"
            .into(),
        ..Behaviour::default()
    });
    let err = connect(&s, Security::Tls).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Auth, "{err:?}");
    for shown in [err.localized(), err.to_string()] {
        assert!(is_clean(&shown), "{shown:?}");
        assert!(shown.contains("Your mailbox was DELETED."), "{shown}");
        assert!(!shown.contains("enter password"), "{shown}");
    }

    let s = Scripted::start_with(true, |mut peer| async move {
        peer.send("* BYE \x1b[31m\u{2066}Server\u{2069} \r\x0b going down\x07\r\n")
            .await;
    });
    let err = connect(&s, Security::Tls).unwrap_err();
    for shown in [err.localized(), err.to_string()] {
        assert!(is_clean(&shown), "{shown:?}");
    }
}

/// Runs a sync against a server that answers LIST with `answer`, then floods with
/// `flood` (if any). The sync's error, and how many bytes the flood got out.
fn sync_against(answer: &str, flood: Option<&'static [u8]>) -> (ImapError, u64) {
    let b = Behaviour {
        hostile_list: Some((answer.to_owned(), flood)),
        ..Behaviour::default()
    };
    let flooded = b.flooded.clone();
    let s = server(b);
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open_in(dir.path()).expect("store");
    let account = starttls_account(&s);
    let err = runtime()
        .block_on(imap::sync_account(
            &account,
            &password(),
            &store,
            &Events::none(),
        ))
        .unwrap_err();
    drop(s);
    let n = *flooded.lock().expect("count");
    (err, n)
}

#[test]
fn an_oversized_literal_is_refused_when_announced() {
    // 400 MB: under async-imap's own 512 MiB ceiling, so only our bound stops it.
    let (err, sent) = sync_against("* LIST () \"/\" {400000000}\r\n", Some(&[b'x'; 64 * 1024]));
    let ImapError::Protocol { detail, .. } = &err else {
        panic!("{err:?}");
    };
    assert!(detail.contains("literal of 400000000 bytes"), "{detail}");
    assert!(err.localized().contains("400000000"), "{}", err.localized());
    // The client gave up at the announcement: what the server pushed after it is at most
    // what the socket buffers take, nowhere near the literal.
    assert!(sent < 64 * 1024 * 1024, "{sent} bytes went out");
}

#[test]
fn an_endless_line_ends_in_a_clear_error_with_bounded_memory() {
    let (err, sent) = sync_against("* OK [ALERT] ", Some(&[b'a'; 64 * 1024]));
    let ImapError::Protocol { detail, .. } = &err else {
        panic!("{err:?}");
    };
    assert!(detail.contains("longer than"), "{detail}");
    // The client read at most MAX_LINE plus what was in flight, and stopped.
    assert!(
        sent < (MAX_LINE as u64) + 64 * 1024 * 1024,
        "{sent} bytes went out"
    );
}

#[test]
fn a_huge_vanished_range_does_not_exhaust_memory() {
    // QRESYNC is not offered, so VANISHED arrives unasked, as an unsolicited response after
    // LIST: four billion UIDs in twenty bytes.
    let (err, _) = sync_against("* VANISHED 1:4294967295\r\n* LIST () \"/\" INBOX\r\n", None);
    // The server closed after LIST; the sync ends with a closed connection, not an abort.
    assert!(err.is_connection_lost(), "{err:?}");
    // Expanded, the range would be 16 GiB of UIDs; the client holds at most 16 MiB of them.
    // (Each test is its own process under nextest; 2 GiB leaves room for anything else.)
    let peak = peak_rss();
    assert!(peak < 2 << 30, "peak memory {peak} bytes");
}

#[test]
fn hostile_folder_names_neither_break_the_sync_nor_escape_the_profile() {
    let long = "L".repeat(5000);
    let list: Vec<String> = [
        "* LIST (\\HasNoChildren) \"/\" INBOX".to_owned(),
        "* LIST (\\HasNoChildren) \"/\" \"INBOX\"".to_owned(),
        "* LIST () \"/\" \"../../../../etc/passwd\"".to_owned(),
        "* LIST () \"/\" \"..\"".to_owned(),
        "* LIST () \"/\" \"/absolute\"".to_owned(),
        "* LIST () \"\\\\\" \"C:\\\\Windows\\\\System32\"".to_owned(),
        "* LIST () \"/\" \"ctl\x01\x1b[31m\"".to_owned(),
        "* LIST () \"/\" \"bad&-utf7&AAA\"".to_owned(),
        "* LIST () \"/\" \"&ImI-\"".to_owned(),
        "* LIST () NIL \"no delimiter\"".to_owned(),
        format!("* LIST () \"/\" \"{long}\""),
        "* LIST () \"/\" {12}\r\nliteral name".to_owned(),
        "* LIST (\\Noselect) \"/\" \"a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p\"".to_owned(),
    ]
    .into();
    let s = server(Behaviour {
        list,
        ..Behaviour::default()
    });
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open_in(dir.path()).expect("store");
    let account = starttls_account(&s);
    runtime()
        .block_on(imap::sync_account(
            &account,
            &password(),
            &store,
            &Events::none(),
        ))
        .expect("the sync goes through the folders it can use");
    let id = store.account_id("hostile").expect("account");
    let names: Vec<String> = store
        .folder_list(id)
        .expect("folders")
        .into_iter()
        .map(|f| f.name)
        .collect();
    assert_eq!(
        names.iter().filter(|n| *n == "INBOX").count(),
        1,
        "{names:?}"
    );
    assert!(
        names.contains(&"../../../../etc/passwd".to_owned()),
        "{names:?}"
    );
    assert!(names.contains(&long), "a long name is kept");
    assert!(!names.iter().any(|n| n.contains('\x01')), "{names:?}");
    // Nothing was written outside the store's own directory, whatever the names say.
    for entry in walk(dir.path()) {
        assert!(entry.starts_with(dir.path()), "{}", entry.display());
        let name = entry.file_name().unwrap_or_default().to_string_lossy();
        assert!(
            !name.contains("passwd") && !name.contains("System32"),
            "{name}"
        );
    }
    s.assert_never_in_plaintext(PASSWORD);
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        }
        out.push(path);
    }
    out
}
