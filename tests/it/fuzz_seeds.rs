//! Seeds for the fuzz targets in `fuzz/`, taken from the tests: real server transcripts
//! (what Dovecot and Postfix answered while the client code ran against them through a
//! recording proxy, so a replayed seed drives the client deep into a session), the hostile
//! corpus and the test messages, the bundled autoconfig files, queries and links.
//!
//! Run by hand when the protocols or the corpus change:
//! `tests/run fuzz_seeds --run-ignored only` (writes `fuzz/seeds/<target>/seed-*`, which is
//! committed; a fuzz run reads it next to its own growing, uncommitted `fuzz/corpus/<target>`).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tidings::engine::account::{Account, Protocol, Security};
use tidings::engine::compose::Envelope;
use tidings::engine::events::Events;
use tidings::engine::secret::Secret;
use tidings::engine::store::Store;
use tidings::engine::tls::Tls;
use tidings::engine::{imap, pop3, smtp};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::imap_common::{account_on, runtime};
use crate::imap_sync::generated;
use crate::support::{DovecotOptions, MailServers, Options};

fn corpus_dir(target: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/seeds")
        .join(target);
    std::fs::create_dir_all(&dir).expect("corpus dir");
    dir
}

fn write_seed(target: &str, name: &str, bytes: &[u8]) {
    std::fs::write(corpus_dir(target).join(format!("seed-{name}")), bytes).expect("seed");
}

/// A proxy that records what the server sends on each connection.
struct Recorder {
    port: u16,
    transcripts: Arc<Mutex<Vec<Vec<u8>>>>,
    _thread: std::thread::JoinHandle<()>,
}

impl Recorder {
    fn start(upstream: u16) -> Self {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.set_nonblocking(true).expect("nonblocking");
        let port = listener.local_addr().expect("addr").port();
        let transcripts = Arc::new(Mutex::new(Vec::new()));
        let kept = transcripts.clone();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
                while let Ok((client, _)) = listener.accept().await {
                    let kept = kept.clone();
                    tokio::spawn(async move {
                        let Ok(server) =
                            tokio::net::TcpStream::connect(("127.0.0.1", upstream)).await
                        else {
                            return;
                        };
                        let (mut cr, mut cw) = client.into_split();
                        let (mut sr, mut sw) = server.into_split();
                        let up = tokio::spawn(async move {
                            let _ = tokio::io::copy(&mut cr, &mut sw).await;
                            let _ = sw.shutdown().await;
                        });
                        let mut seen = Vec::new();
                        let mut buf = vec![0u8; 64 * 1024];
                        loop {
                            match sr.read(&mut buf).await {
                                Ok(0) | Err(_) => break,
                                Ok(n) => {
                                    seen.extend_from_slice(&buf[..n]);
                                    if cw.write_all(&buf[..n]).await.is_err() {
                                        break;
                                    }
                                }
                            }
                        }
                        let _ = cw.shutdown().await;
                        let _ = up.await;
                        kept.lock().expect("kept").push(seen);
                    });
                }
            });
        });
        Self {
            port,
            transcripts,
            _thread: thread,
        }
    }

    /// The transcripts of the connections that have ended.
    fn take(&self) -> Vec<Vec<u8>> {
        std::thread::sleep(Duration::from_millis(300));
        std::mem::take(&mut *self.transcripts.lock().expect("kept"))
    }
}

/// The bytes up to and including the first line that starts with `marker`.
fn up_to_line(transcript: &[u8], marker: &[u8]) -> Vec<u8> {
    let mut at = 0;
    for line in transcript.split_inclusive(|b| *b == b'\n') {
        at += line.len();
        if line.starts_with(marker) {
            break;
        }
    }
    transcript[..at].to_vec()
}

fn with_mode(mode: u8, bytes: &[u8]) -> Vec<u8> {
    let mut out = vec![mode];
    out.extend_from_slice(bytes);
    out
}

fn plain_servers() -> MailServers {
    MailServers::with(Options {
        postfix: true,
        dovecot: DovecotOptions {
            allow_plaintext_auth: true,
            ..DovecotOptions::default()
        },
        ..Options::default()
    })
}

fn plain_account(servers: &MailServers, port: u16, security: Security) -> Account {
    account_on(
        "Seed",
        servers.user(0),
        port,
        security,
        Some(&servers.ca_file),
    )
}

#[test]
#[ignore = "writes fuzz/seeds; run by hand"]
fn record_server_transcripts() {
    let servers = plain_servers();
    let user = servers.user(0);
    let password = Secret::new(user.password.clone());
    servers.dovecot.fill(
        &user.address,
        "INBOX",
        (0..6).map(|i| (generated(i, 2), if i % 2 == 0 { "S" } else { "" }, None)),
    );
    servers.dovecot.fill(
        &user.address,
        "Archive",
        (6..8).map(|i| (generated(i, 30), "S", None)),
    );
    let rt = runtime();

    // IMAP: a whole sync in plaintext, and the plaintext start of a STARTTLS one.
    let rec = Recorder::start(servers.dovecot.imap_port);
    let dir = tempfile::tempdir().expect("store dir");
    let store = Store::open_in(dir.path()).expect("store");
    let acc = plain_account(&servers, rec.port, Security::Plain);
    rt.block_on(imap::sync_account(&acc, &password, &store, &Events::none()))
        .expect("plain sync");
    for (i, t) in rec.take().iter().enumerate() {
        write_seed("imap_session", &format!("plain-sync-{i}"), &with_mode(0, t));
        write_seed("imap_parts", &format!("sync-{i}"), t);
    }
    let acc = plain_account(&servers, rec.port, Security::Starttls);
    rt.block_on(imap::verify(&acc, &password))
        .expect("starttls");
    for (i, t) in rec.take().iter().enumerate() {
        let plain = up_to_line(t, b"P2 OK");
        write_seed(
            "imap_session",
            &format!("starttls-{i}"),
            &with_mode(1, &plain),
        );
    }

    // POP3: what the fuzz target does, in plaintext; and the start of STLS.
    let rec = Recorder::start(servers.dovecot.pop3_port);
    let pop = Account {
        protocol: Protocol::Pop3,
        ..plain_account(&servers, rec.port, Security::Plain)
    };
    rt.block_on(async {
        let tls = Tls::new(&pop.trust_for("127.0.0.1")).expect("tls");
        let mut s = pop3::connect(&pop.incoming, &tls, Duration::from_secs(10))
            .await
            .expect("connect");
        s.login(&user.address, &password).await.expect("login");
        s.uidl().await.expect("uidl");
        let list = s.list().await.expect("list");
        for (n, size) in list {
            let mut sink = Vec::new();
            s.retr(n, size, &mut sink).await.expect("retr");
        }
        s.quit().await.expect("quit");
    });
    for (i, t) in rec.take().iter().enumerate() {
        write_seed("pop3_session", &format!("plain-{i}"), &with_mode(0, t));
        write_seed("pop3_wire", &format!("plain-{i}"), &with_mode(7, t));
    }
    let stls = Account {
        protocol: Protocol::Pop3,
        ..plain_account(&servers, rec.port, Security::Starttls)
    };
    rt.block_on(pop3::verify(&stls, &password)).expect("stls");
    for (i, t) in rec.take().iter().enumerate() {
        let plain = up_to_line(t, b"+OK Begin TLS");
        write_seed("pop3_session", &format!("stls-{i}"), &with_mode(1, &plain));
    }

    // SMTP: a submission without TLS (the port that offers AUTH in plaintext), and the
    // plaintext start of a STARTTLS one.
    let rec = Recorder::start(servers.postfix().no_tls_port);
    let mut acc = plain_account(&servers, 1, Security::Plain);
    acc.outgoing.port = rec.port;
    let bob = servers.user(1).address.clone();
    rt.block_on(async {
        let mut s = smtp::Session::open(&acc, &password, smtp::Timeouts::default())
            .await
            .expect("open");
        let envelope = Envelope {
            from: user.address.clone(),
            to: vec![bob.clone()],
        };
        let raw = format!(
            "From: {}\r\nTo: {bob}\r\nSubject: seed\r\n\r\n.hi\r\n",
            user.address
        );
        let outcome = s.submit(&envelope, raw.as_bytes()).await;
        assert!(
            matches!(outcome, smtp::Outcome::Accepted { .. }),
            "{outcome:?}"
        );
        s.quit().await;
    });
    for (i, t) in rec.take().iter().enumerate() {
        write_seed("smtp_session", &format!("plain-{i}"), &with_mode(0, t));
    }
    let rec = Recorder::start(servers.postfix().submission_port);
    let mut acc = plain_account(&servers, 1, Security::Starttls);
    acc.outgoing.port = rec.port;
    rt.block_on(smtp::verify(&acc, &password))
        .expect("starttls");
    for (i, t) in rec.take().iter().enumerate() {
        let plain = up_to_line(t, b"220 2.0.0");
        write_seed(
            "smtp_session",
            &format!("starttls-{i}"),
            &with_mode(1, &plain),
        );
    }
}

#[test]
#[ignore = "writes fuzz/seeds; run by hand"]
fn write_message_query_and_file_seeds() {
    for (i, h) in crate::hostile_corpus::corpus(false).iter().enumerate() {
        if h.raw.len() <= 8 * 1024 {
            write_seed("ingest", &format!("hostile-{i:03}"), &h.raw);
        }
    }
    for i in 0..5 {
        write_seed("ingest", &format!("generated-{i}"), &generated(i, 1));
    }
    let providers = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/providers");
    for entry in std::fs::read_dir(providers).expect("providers").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let bytes = std::fs::read(entry.path()).expect("provider file");
        write_seed("autoconfig", &name, &bytes);
    }
    for (i, q) in [
        "quarterly",
        r#"quarterly "annual report" from:anna to:"Bob B" subject:invoice"#,
        "-from:spam has:attachment is:unread",
        "before:2025-01-01 after:2024-06-30 in:INBOX account:Work",
        "is:flagged is:answered -is:read body:caf\u{e9}",
        "colour:red",
        "\"unterminated",
        "cc:x@y.test attachment:pdf",
    ]
    .iter()
    .enumerate()
    {
        write_seed("search_query", &format!("{i}"), q.as_bytes());
    }
    for (i, link) in [
        "mailto:anna@example.test",
        "mailto:anna@example.test,bob@example.test?cc=carol@example.test&subject=Hi%20there&body=Line%0D%0Atwo",
        "mailto:?to=a@b.test&bcc=c@d.test&in-reply-to=%3Cid@x%3E",
        "mailto:a@b.test?attach=/etc/passwd&X-Evil=1%0D%0ABcc:%20z@z.test",
        "Anna Example <anna@example.test>, \"Bob, B\" <bob@example.test>",
    ]
    .iter()
    .enumerate()
    {
        write_seed("mailto", &format!("{i}"), link.as_bytes());
    }
}
