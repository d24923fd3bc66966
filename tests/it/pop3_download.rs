//! POP3 download-and-delete against the harness Dovecot: every message arrives byte for
//! byte (dot lines, no final newline, 50 MB), the server ends empty, a second run fetches
//! nothing; leave-on-server, at most N days, delete-when-deleted-here; a server without UIDL.

use std::collections::BTreeMap;
use std::io::Read;

use sha2::{Digest, Sha256};
use tidings::engine::account::{Account, Security};
use tidings::engine::events::{Event, Events, Phase};
use tidings::engine::pop3::{self, Pop3Error, Report, Tuning};
use tidings::engine::store::{MessageId, Page, Role, Store};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::pop3::{account, password, runtime};
use crate::support::{DovecotOptions, MailServers, Options, TestUser, to_crlf};

/// A message with a unique Message-ID and some lines that begin with a dot.
pub fn message(tag: &str, i: usize) -> Vec<u8> {
    format!(
        "From: Sender {i} <sender{i}@example.test>\r\nTo: alice@example.test\r\n\
         Subject: {tag} message {i}\r\nMessage-ID: <{tag}-{i}@example.test>\r\n\
         Date: Mon, 1 Jun 2026 10:{:02}:00 +0000\r\n\r\n\
         Line one of {i}.\r\n.A line that starts with a dot.\r\n..Two dots.\r\n.\r\n{}\r\nBye.\r\n",
        i % 60,
        "x".repeat(i * 37 % 2000)
    )
    .into_bytes()
}

/// The messages stored in the account's local Inbox, by content, with how often each is there.
pub fn local_set(store: &Store, account: &Account) -> BTreeMap<Vec<u8>, usize> {
    let id = store.account_id(&account.name).expect("account in store");
    let inbox = store
        .folder_by_role(id, Role::Inbox)
        .expect("folders")
        .expect("an Inbox");
    let mut set = BTreeMap::new();
    let mut page = Page::first(500);
    loop {
        let rows = store.list_folder(inbox.id, &page).expect("list");
        let Some(last) = rows.last() else { break };
        page = Page::after(last.cursor(), 500);
        for row in &rows {
            *set.entry(store.raw(row.id).expect("raw")).or_insert(0) += 1;
        }
    }
    set
}

pub fn expected_set(raws: &[Vec<u8>]) -> BTreeMap<Vec<u8>, usize> {
    raws.iter().map(|r| (to_crlf(r), 1)).collect()
}

pub fn open_store(servers: &MailServers) -> Store {
    Store::open_in(&servers.path().join("tidings-data")).expect("store")
}

pub fn run(
    store: &Store,
    acc: &Account,
    user: &TestUser,
    tuning: Tuning,
) -> Result<Report, Pop3Error> {
    runtime().block_on(pop3::download(
        store,
        acc,
        &password(user),
        &Events::none(),
        tuning,
    ))
}

pub fn fill(servers: &MailServers, user: &TestUser, raws: &[Vec<u8>]) {
    servers.dovecot.fill(
        &user.address,
        "INBOX",
        raws.iter().map(|r| (r.clone(), "", None)),
    );
}

#[test]
fn messages_are_downloaded_byte_for_byte_and_deleted_on_the_server() {
    let servers = MailServers::dovecot_only();
    let alice = servers.user(0);
    let mut raws: Vec<Vec<u8>> = (0..40).map(|i| message("dl", i)).collect();
    raws.push(b"Subject: no final newline\r\n\r\nThe last line has no end".to_vec());
    raws.push(b"Subject: bare LF\n\n.dot line\nlast\n".to_vec());
    raws.push(b"Subject: ends in CR\r\n\r\ntext\r".to_vec());
    fill(&servers, alice, &raws);
    let store = open_store(&servers);
    let acc = account(
        &servers,
        alice,
        servers.dovecot.pop3_port,
        Security::Starttls,
    );
    let (events, mut rx) = Events::channel();
    let tuning = Tuning {
        batch_messages: 7,
        ..Tuning::default()
    };
    let report = runtime()
        .block_on(pop3::download(
            &store,
            &acc,
            &password(alice),
            &events,
            tuning,
        ))
        .expect("download");
    assert_eq!(report.on_server, raws.len() as u64);
    assert_eq!(report.downloaded, raws.len() as u64);
    assert_eq!(report.deleted_on_server, raws.len() as u64);
    assert_eq!(report.left_on_server, 0);
    assert!(!report.no_uidl);
    assert_eq!(servers.dovecot.count(&alice.address, "INBOX"), 0);
    assert_eq!(local_set(&store, &acc), expected_set(&raws));

    let mut progress = Vec::new();
    let mut new_mail = 0;
    while let Ok(event) = rx.try_recv() {
        match event {
            Event::Progress {
                phase: Phase::Download,
                done,
                total,
                ..
            } => progress.push((done, total)),
            Event::NewMail { count, .. } => new_mail += count,
            _ => {}
        }
    }
    assert_eq!(
        progress.last(),
        Some(&(raws.len() as u64, raws.len() as u64))
    );
    assert!(progress.len() >= raws.len() / 7, "{progress:?}");
    assert_eq!(new_mail, raws.len() as u64);

    // POP3 accounts get local folders.
    let id = store.account_id(&acc.name).expect("account");
    for role in [Role::Inbox, Role::Sent, Role::Drafts, Role::Trash] {
        assert!(
            store.folder_by_role(id, role).expect("folders").is_some(),
            "{role:?}"
        );
    }

    // Nothing new: a second session downloads nothing.
    let again = run(&store, &acc, alice, Tuning::default()).expect("second run");
    assert_eq!((again.on_server, again.downloaded), (0, 0));
    assert_eq!(local_set(&store, &acc), expected_set(&raws));
}

#[test]
fn a_50_mb_message_streams_into_the_store() {
    let servers = MailServers::dovecot_only();
    let alice = servers.user(0);
    let mut big = b"Subject: big\r\nMessage-ID: <big@example.test>\r\n\r\n".to_vec();
    let line =
        b"0123456789abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ..\r\n.\r\n";
    while big.len() < 50_000_000 {
        big.extend_from_slice(line);
    }
    fill(&servers, alice, &[big.clone(), message("small", 1)]);
    let store = open_store(&servers);
    let acc = account(&servers, alice, servers.dovecot.pop3s_port, Security::Tls);
    let report = run(&store, &acc, alice, Tuning::default()).expect("download");
    assert_eq!(report.downloaded, 2);
    assert!(report.bytes > 50_000_000);
    assert_eq!(servers.dovecot.count(&alice.address, "INBOX"), 0);
    let id = store.account_id(&acc.name).expect("account");
    let inbox = store
        .folder_by_role(id, Role::Inbox)
        .expect("f")
        .expect("inbox");
    let rows = store.list_folder(inbox.id, &Page::first(10)).expect("list");
    let big_row = rows
        .iter()
        .find(|r| r.size > 1_000_000)
        .expect("the big one");
    let mut file = store.open_raw(big_row.id).expect("open raw");
    let mut hasher = Sha256::new();
    let mut buf = vec![0; 1 << 20];
    loop {
        let n = file.read(&mut buf).expect("read");
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    assert_eq!(
        hasher.finalize().as_slice(),
        Sha256::digest(&big).as_slice()
    );
}

#[test]
fn leave_on_server_downloads_only_what_is_new_and_deletes_nothing() {
    let servers = MailServers::dovecot_only();
    let alice = servers.user(0);
    let first: Vec<Vec<u8>> = (0..5).map(|i| message("leave", i)).collect();
    fill(&servers, alice, &first);
    let store = open_store(&servers);
    let mut acc = account(&servers, alice, servers.dovecot.pop3s_port, Security::Tls);
    acc.pop3.leave_on_server = true;
    let report = run(&store, &acc, alice, Tuning::default()).expect("first");
    assert_eq!(
        (
            report.downloaded,
            report.deleted_on_server,
            report.left_on_server
        ),
        (5, 0, 5)
    );
    assert_eq!(servers.dovecot.count(&alice.address, "INBOX"), 5);

    let second: Vec<Vec<u8>> = (5..8).map(|i| message("leave", i)).collect();
    fill(&servers, alice, &second);
    let report = run(&store, &acc, alice, Tuning::default()).expect("second");
    assert_eq!((report.on_server, report.downloaded), (8, 3));
    assert_eq!(servers.dovecot.count(&alice.address, "INBOX"), 8);
    let all: Vec<Vec<u8>> = first.into_iter().chain(second).collect();
    assert_eq!(local_set(&store, &acc), expected_set(&all));

    // Switching leave-on-server off deletes what is stored, without downloading it again.
    acc.pop3.leave_on_server = false;
    let report = run(&store, &acc, alice, Tuning::default()).expect("third");
    assert_eq!((report.downloaded, report.deleted_on_server), (0, 8));
    assert_eq!(servers.dovecot.count(&alice.address, "INBOX"), 0);
    assert_eq!(local_set(&store, &acc), expected_set(&all));
}

/// Makes the store believe some UIDLs were downloaded `days` ago, as if time had passed.
fn age_downloads(servers: &MailServers, store: &Store, acc: &Account, uidls: &[String], days: i64) {
    let id = store.account_id(&acc.name).expect("account");
    let db = rusqlite::Connection::open(servers.path().join("tidings-data/index.sqlite"))
        .expect("open index");
    db.busy_timeout(std::time::Duration::from_secs(10))
        .expect("busy timeout");
    for uidl in uidls {
        let changed = db
            .execute(
                "UPDATE pop3_uidls SET downloaded = downloaded - ?1 WHERE account_id = ?2 AND uidl = ?3",
                rusqlite::params![days * 86_400, id.0, uidl],
            )
            .expect("age");
        assert_eq!(changed, 1, "{uidl}");
    }
}

#[test]
fn at_most_n_days_deletes_on_the_server_what_was_downloaded_that_long_ago() {
    let servers = MailServers::dovecot_only();
    let alice = servers.user(0);
    let raws: Vec<Vec<u8>> = (0..4).map(|i| message("days", i)).collect();
    fill(&servers, alice, &raws);
    let store = open_store(&servers);
    let mut acc = account(&servers, alice, servers.dovecot.pop3s_port, Security::Tls);
    acc.pop3.leave_on_server = true;
    acc.pop3.delete_after_days = Some(7);
    let report = run(&store, &acc, alice, Tuning::default()).expect("first");
    assert_eq!((report.downloaded, report.deleted_on_server), (4, 0));

    let id = store.account_id(&acc.name).expect("account");
    let mut uidls: Vec<String> = store.known_uidls(id).expect("uidls").into_keys().collect();
    uidls.sort();
    assert_eq!(uidls.len(), 4);
    age_downloads(&servers, &store, &acc, &uidls[..2], 8);
    age_downloads(&servers, &store, &acc, &uidls[2..3], 6);

    let report = run(&store, &acc, alice, Tuning::default()).expect("second");
    assert_eq!((report.downloaded, report.deleted_on_server), (0, 2));
    assert_eq!(servers.dovecot.count(&alice.address, "INBOX"), 2);
    assert_eq!(local_set(&store, &acc), expected_set(&raws));
}

#[test]
fn uidls_gone_from_the_server_for_long_are_forgotten_and_listed_ones_kept() {
    let servers = MailServers::dovecot_only();
    let alice = servers.user(0);
    let raws: Vec<Vec<u8>> = (0..3).map(|i| message("forget", i)).collect();
    fill(&servers, alice, &raws[..2]);
    let store = open_store(&servers);
    let mut acc = account(&servers, alice, servers.dovecot.pop3s_port, Security::Tls);
    run(&store, &acc, alice, Tuning::default()).expect("first");
    let id = store.account_id(&acc.name).expect("account");
    let mut deleted: Vec<String> = store.known_uidls(id).expect("uidls").into_keys().collect();
    deleted.sort();
    assert_eq!(deleted.len(), 2);

    // A third message stays on the server; then the first is aged past the window.
    acc.pop3.leave_on_server = true;
    fill(&servers, alice, &raws[2..]);
    run(&store, &acc, alice, Tuning::default()).expect("second");
    let kept: Vec<String> = store
        .known_uidls(id)
        .expect("uidls")
        .into_keys()
        .filter(|u| !deleted.contains(u))
        .collect();
    assert_eq!(kept.len(), 1);
    let days = tidings::engine::pop3::plan::FORGET_AFTER_DAYS + 1;
    age_downloads(
        &servers,
        &store,
        &acc,
        &[deleted[0].clone(), kept[0].clone()],
        days,
    );

    let report = run(&store, &acc, alice, Tuning::default()).expect("third");
    assert_eq!(report.downloaded, 0);
    let mut left: Vec<String> = store.known_uidls(id).expect("uidls").into_keys().collect();
    left.sort();
    let mut expected = vec![deleted[1].clone(), kept[0].clone()];
    expected.sort();
    assert_eq!(
        left, expected,
        "only the old UIDL the server no longer lists goes"
    );
    assert_eq!(local_set(&store, &acc), expected_set(&raws));
}

#[test]
fn deleting_here_deletes_on_the_server_only_when_the_account_says_so() {
    let servers = MailServers::dovecot_only();
    let (alice, bob) = (servers.user(0), servers.user(1));
    let store = open_store(&servers);
    for (user, delete_here, left) in [(alice, true, 2), (bob, false, 3)] {
        let raws: Vec<Vec<u8>> = (0..3).map(|i| message(&user.address, i)).collect();
        fill(&servers, user, &raws);
        let mut acc = account(&servers, user, servers.dovecot.pop3s_port, Security::Tls);
        acc.pop3.leave_on_server = true;
        acc.pop3.delete_when_deleted_locally = delete_here;
        run(&store, &acc, user, Tuning::default()).expect("first");
        let id = store.account_id(&acc.name).expect("account");
        let inbox = store
            .folder_by_role(id, Role::Inbox)
            .expect("f")
            .expect("inbox");
        let victim: MessageId = store.list_folder(inbox.id, &Page::first(1)).expect("list")[0].id;
        store.delete_permanently(&[victim]).expect("delete here");
        assert_eq!(store.pending_changes(id).expect("queue").len(), 1);

        let report = run(&store, &acc, user, Tuning::default()).expect("second");
        assert_eq!(
            report.downloaded, 0,
            "a message deleted here is not fetched again"
        );
        assert_eq!(
            servers.dovecot.count(&user.address, "INBOX"),
            left,
            "{}",
            user.address
        );
        assert!(store.pending_changes(id).expect("queue").is_empty());
        assert_eq!(local_set(&store, &acc).len(), 2);
    }
}

/// A plaintext relay to Dovecot's POP3 port that hides UIDL from CAPA, so Tidings meets a
/// server without UIDL (Dovecot itself cannot switch it off).
pub struct NoUidlRelay {
    pub port: u16,
    _thread: std::thread::JoinHandle<()>,
}

impl NoUidlRelay {
    pub fn start(upstream: u16) -> Self {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.set_nonblocking(true).expect("nonblocking");
        let port = listener.local_addr().expect("addr").port();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("relay runtime");
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
                while let Ok((client, _)) = listener.accept().await {
                    tokio::spawn(relay(client, upstream));
                }
            });
        });
        Self {
            port,
            _thread: thread,
        }
    }
}

async fn relay(client: tokio::net::TcpStream, upstream: u16) {
    let Ok(server) = tokio::net::TcpStream::connect(("127.0.0.1", upstream)).await else {
        return;
    };
    let (mut cr, mut cw) = client.into_split();
    let (mut sr, mut sw) = server.into_split();
    let up = async move {
        let _ = tokio::io::copy(&mut cr, &mut sw).await;
        let _ = sw.shutdown().await;
    };
    let down = async move {
        let mut buf = vec![0u8; 64 * 1024];
        // CAPA answers come early and whole; later data (messages) passes untouched.
        let mut rewrites = 0;
        loop {
            let n = match sr.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            let mut chunk = buf[..n].to_vec();
            let capa_uidl = chunk.windows(6).position(|w| w == b"\nUIDL\r");
            if let (true, Some(at)) = (rewrites < 4, capa_uidl) {
                chunk.drain(at + 1..at + 7);
                rewrites += 1;
            }
            if cw.write_all(&chunk).await.is_err() {
                break;
            }
        }
        let _ = cw.shutdown().await;
    };
    tokio::join!(up, down);
}

pub fn plaintext_servers() -> MailServers {
    MailServers::with(Options {
        dovecot: DovecotOptions {
            allow_plaintext_auth: true,
            ..DovecotOptions::default()
        },
        ..Options::default()
    })
}

#[test]
fn without_uidl_download_and_delete_works_and_leave_on_server_is_refused() {
    let servers = plaintext_servers();
    let alice = servers.user(0);
    let raws: Vec<Vec<u8>> = (0..6).map(|i| message("nouidl", i)).collect();
    fill(&servers, alice, &raws);
    let relay = NoUidlRelay::start(servers.dovecot.pop3_port);
    let store = open_store(&servers);
    let mut acc = account(&servers, alice, relay.port, Security::Plain);

    acc.pop3.leave_on_server = true;
    let err = run(&store, &acc, alice, Tuning::default()).unwrap_err();
    assert!(
        matches!(err, Pop3Error::NoUidlForLeaveOnServer { .. }),
        "{err:?}"
    );
    assert!(tidings::engine::error::Localized::localized(&err).contains("UIDL"));
    assert_eq!(servers.dovecot.count(&alice.address, "INBOX"), 6);
    assert!(local_set(&store, &acc).is_empty());

    acc.pop3.leave_on_server = false;
    let report = run(&store, &acc, alice, Tuning::default()).expect("download");
    assert!(report.no_uidl, "the warning for the account");
    assert_eq!((report.downloaded, report.deleted_on_server), (6, 6));
    assert_eq!(servers.dovecot.count(&alice.address, "INBOX"), 0);
    assert_eq!(local_set(&store, &acc), expected_set(&raws));
}

#[test]
fn the_automatic_check_downloads_mail_as_it_arrives_until_stopped() {
    let servers = MailServers::dovecot_only();
    let alice = servers.user(0);
    let store = open_store(&servers);
    let mut acc = account(&servers, alice, servers.dovecot.pop3s_port, Security::Tls);
    acc.pop3.check_every_minutes = Some(15);
    assert_eq!(
        pop3::check_interval(&acc),
        Some(std::time::Duration::from_secs(900))
    );
    pop3::ensure_local_folders(&store, &acc).expect("local folders");
    let rt = runtime();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let checker = {
        let (store, acc, pw) = (store.clone(), acc.clone(), password(alice));
        rt.spawn(async move {
            let stop = async {
                let _ = stop_rx.await;
            };
            let every = std::time::Duration::from_millis(200);
            pop3::check_periodically(&store, &acc, &pw, &Events::none(), every, stop).await;
        })
    };
    let wait_for = |n: usize| {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while local_set(&store, &acc).len() < n {
            assert!(
                std::time::Instant::now() < deadline,
                "still not {n} messages"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    };
    let first = message("auto", 1);
    fill(&servers, alice, std::slice::from_ref(&first));
    wait_for(1);
    let second = message("auto", 2);
    fill(&servers, alice, std::slice::from_ref(&second));
    wait_for(2);
    // The message is stored before the session's QUIT commits its DELE: stopping right
    // now could end the session first (the next check would delete it). Wait for the QUIT.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while servers.dovecot.count(&alice.address, "INBOX") > 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "the check never deleted the downloaded mail on the server"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let _ = stop_tx.send(());
    rt.block_on(checker).expect("the checker stops");
    assert_eq!(local_set(&store, &acc), expected_set(&[first, second]));
    assert_eq!(servers.dovecot.count(&alice.address, "INBOX"), 0);
}
