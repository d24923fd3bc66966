//! A message the server cannot send — its file damaged on the server's disk, so Dovecot's
//! recorded size no longer matches (it answers with BYE "Internal error", or closes the
//! connection halfway through the message) — never stops the account's sync: the sync
//! reconnects, skips that message, names it in the report and in an error event, keeps its
//! header row if it has one, and fetches it at the next sync once it can be read. Nothing
//! else is lost or doubled.

use std::path::PathBuf;

use tidings::engine::account::{Account, Security};
use tidings::engine::events::{Event, Events};
use tidings::engine::imap::{self, unfetched::Part};
use tidings::engine::secret::Secret;
use tidings::engine::store::{FolderId, Store};

use crate::imap_common::{account, account_on, password, runtime};
use crate::imap_sync::{generated, store_in};
use crate::support::{DovecotOptions, Fault, FaultProxy, MailServers, Options, to_crlf};

/// A message's maildir file, and its bytes as they were.
struct Damaged {
    path: PathBuf,
    original: Vec<u8>,
}

impl Damaged {
    /// Cuts message `i`'s file short, leaving the size recorded in its name (`S=`) wrong.
    fn cut(servers: &MailServers, user: &str, i: usize) -> Self {
        let cur = servers.dovecot.maildir(user, "INBOX").join("cur");
        let id = format!("Message-ID: <gen{i}@example.test>");
        for entry in std::fs::read_dir(&cur).expect("maildir") {
            let path = entry.expect("entry").path();
            let original = std::fs::read(&path).expect("message file");
            if original.windows(id.len()).any(|w| w == id.as_bytes()) {
                let file = std::fs::OpenOptions::new()
                    .write(true)
                    .open(&path)
                    .expect("open");
                file.set_len(200).expect("truncate");
                return Self { path, original };
            }
        }
        panic!("no file for message {i}");
    }

    /// Puts the bytes back: the message can be read again.
    fn repair(&self) {
        std::fs::write(&self.path, &self.original).expect("repair");
    }
}

/// Runs a sync and collects its events.
fn sync_with_events(
    rt: &tokio::runtime::Runtime,
    acct: &Account,
    pw: &Secret,
    store: &Store,
) -> (imap::SyncReport, Vec<Event>) {
    let (events, mut rx) = Events::channel();
    let report = rt
        .block_on(imap::sync_account(acct, pw, store, &events))
        .expect("the sync goes on past the damaged message");
    drop(events);
    let mut seen = Vec::new();
    while let Ok(e) = rx.try_recv() {
        seen.push(e);
    }
    (report, seen)
}

fn inbox(store: &Store) -> FolderId {
    let account = store.account_id("Test").expect("account");
    store
        .folder_by_name(account, "INBOX")
        .expect("folder")
        .expect("inbox")
        .id
}

/// Every message but `except` has its body, byte for byte; `except` has none.
fn bodies_match(store: &Store, n: usize, days_ago: u64, except: Option<usize>) {
    let fid = inbox(store);
    assert_eq!(
        store.counts(fid).expect("counts").total,
        n as u64,
        "no message lost or doubled"
    );
    let index = store.uid_index(fid).expect("index");
    let mut seen = 0;
    for row in index {
        let id = store
            .message_by_uid(fid, row.uid)
            .expect("lookup")
            .expect("row");
        let subject = store.summary(id).expect("summary").subject;
        let i: usize = subject
            .strip_prefix("Generated message ")
            .and_then(|s| s.parse().ok())
            .expect("a generated subject");
        if Some(i) == except {
            assert!(store.raw(id).is_err(), "the damaged message has no body");
        } else {
            let raw = store.raw(id).expect("body stored");
            assert_eq!(raw, to_crlf(&generated(i, days_ago)), "body of message {i}");
            seen += 1;
        }
    }
    assert_eq!(seen, n - usize::from(except.is_some()));
}

fn error_naming(events: &[Event], words: &str) -> bool {
    events
        .iter()
        .any(|e| matches!(e, Event::Error { message, .. } if message.contains(words)))
}

#[test]
fn a_body_the_server_cannot_send_is_skipped_reported_and_fetched_once_readable() {
    let servers = MailServers::dovecot_only();
    let user = servers.user(0).address.clone();
    const N: usize = 600;
    const DAYS: u64 = 30;
    servers.dovecot.fill(
        &user,
        "INBOX",
        (0..N).map(|i| (generated(i, DAYS), "", None)),
    );
    let mut acct = account(&servers, 0);
    let pw = password(&servers, 0);
    let dir = tempfile::tempdir().expect("tmp");
    let store = store_in(dir.path());
    let rt = runtime();

    // Headers of everything, bodies of nothing (all are older than a week).
    acct.sync.bodies_for_days = Some(7);
    let (first, _) = sync_with_events(&rt, &acct, &pw, &store);
    assert_eq!((first.new, first.bodies), (N as u64, 0), "{first:?}");

    const BAD: usize = 300;
    let damaged = Damaged::cut(&servers, &user, BAD);
    acct.sync.bodies_for_days = None;
    let (report, events) = sync_with_events(&rt, &acct, &pw, &store);
    assert_eq!(report.bodies, N as u64 - 1, "{report:?}");
    assert!(
        report.reconnects >= 1,
        "Dovecot dropped the connection: {report:?}"
    );
    assert_eq!(report.unfetched.len(), 1, "{report:?}");
    let skipped = &report.unfetched[0];
    assert_eq!(skipped.part, Part::Body);
    assert_eq!(skipped.folder, "INBOX");
    assert_eq!(
        skipped.subject.as_deref(),
        Some(format!("Generated message {BAD}").as_str())
    );
    assert!(skipped.message.is_some(), "its header row is kept");
    assert!(
        error_naming(&events, &format!("Generated message {BAD}")),
        "the user is told which message: {events:?}"
    );
    bodies_match(&store, N, DAYS, Some(BAD));

    // Still damaged: tried again, skipped again, nothing else touched.
    let (again, _) = sync_with_events(&rt, &acct, &pw, &store);
    assert_eq!((again.new, again.bodies), (0, 0), "{again:?}");
    assert_eq!(again.unfetched.len(), 1, "{again:?}");
    bodies_match(&store, N, DAYS, Some(BAD));

    // Readable again: the next sync fetches it.
    damaged.repair();
    let (fixed, events) = sync_with_events(&rt, &acct, &pw, &store);
    assert_eq!((fixed.new, fixed.bodies), (0, 1), "{fixed:?}");
    assert!(fixed.unfetched.is_empty(), "{fixed:?}");
    assert!(!events.iter().any(|e| matches!(e, Event::Error { .. })));
    bodies_match(&store, N, DAYS, None);
}

#[test]
fn a_message_the_server_cannot_list_on_the_first_sync_is_skipped_and_listed_later() {
    let servers = MailServers::dovecot_only();
    let user = servers.user(1).address.clone();
    const N: usize = 700;
    servers
        .dovecot
        .fill(&user, "INBOX", (0..N).map(|i| (generated(i, 1), "", None)));
    const BAD: usize = 123;
    let damaged = Damaged::cut(&servers, &user, BAD);
    let acct = account(&servers, 1);
    let pw = password(&servers, 1);
    let dir = tempfile::tempdir().expect("tmp");
    let store = store_in(dir.path());
    let rt = runtime();

    // Dovecot cannot even say the damaged message's size: the header batch fails.
    let (report, events) = sync_with_events(&rt, &acct, &pw, &store);
    assert_eq!(report.new, N as u64 - 1, "{report:?}");
    assert_eq!(report.bodies, N as u64 - 1, "{report:?}");
    assert_eq!(report.unfetched.len(), 1, "{report:?}");
    let skipped = report.unfetched[0].clone();
    assert_eq!(skipped.part, Part::Headers);
    assert!(skipped.message.is_none());
    assert!(
        error_naming(&events, &format!("number {}", skipped.uid)),
        "the user is told which message: {events:?}"
    );
    bodies_match(&store, N - 1, 1, None);
    let folder = store.folder(inbox(&store)).expect("folder");
    assert!(
        folder.sync.uidnext.is_none(),
        "the folder's sync is not complete while a message is missing"
    );

    damaged.repair();
    let (fixed, _) = sync_with_events(&rt, &acct, &pw, &store);
    assert_eq!((fixed.new, fixed.bodies), (1, 1), "{fixed:?}");
    assert!(fixed.unfetched.is_empty(), "{fixed:?}");
    bodies_match(&store, N, 1, None);
    let fid = inbox(&store);
    let id = store
        .message_by_uid(fid, skipped.uid)
        .expect("lookup")
        .expect("now listed");
    assert_eq!(
        store.summary(id).expect("summary").subject,
        format!("Generated message {BAD}")
    );
    assert!(store.folder(fid).expect("folder").sync.uidnext.is_some());
}

/// A connection that always breaks in the middle of one message, without a word (as
/// Dovecot does when a file is shorter than it thought): the message is blamed only after
/// it broke a connection twice when fetched alone, the second time right after a FLAGS
/// fetch of it went through; every other message arrives.
#[test]
fn a_message_that_always_breaks_the_connection_is_skipped_and_nothing_else() {
    let servers = MailServers::with(Options {
        dovecot: DovecotOptions {
            allow_plaintext_auth: true,
            ..DovecotOptions::default()
        },
        ..Options::default()
    });
    let user = servers.user(2);
    const N: usize = 400;
    servers.dovecot.fill(
        &user.address,
        "INBOX",
        (0..N).map(|i| (generated(i, 2), "", None)),
    );
    // Plaintext, so the proxy can see the message go by: only its body has this line.
    const BAD: usize = 42;
    let proxy = FaultProxy::start(servers.dovecot.imap_port);
    proxy.set(Fault::CutOnServer {
        pattern: format!("Line 3 of message {BAD}:").into_bytes(),
        deliver: false,
    });
    let acct = account_on("Test", user, proxy.port, Security::Plain, None);
    let pw = password(&servers, 2);
    let dir = tempfile::tempdir().expect("tmp");
    let store = store_in(dir.path());
    let rt = runtime();

    let (report, events) = sync_with_events(&rt, &acct, &pw, &store);
    assert_eq!(report.new, N as u64, "{report:?}");
    assert_eq!(report.bodies, N as u64 - 1, "{report:?}");
    assert!(report.reconnects >= 2, "{report:?}");
    assert_eq!(report.unfetched.len(), 1, "{report:?}");
    assert_eq!(report.unfetched[0].part, Part::Body);
    assert!(error_naming(&events, &format!("Generated message {BAD}")));
    bodies_match(&store, N, 2, Some(BAD));

    proxy.set(Fault::None);
    let (fixed, _) = sync_with_events(&rt, &acct, &pw, &store);
    assert_eq!((fixed.new, fixed.bodies), (0, 1), "{fixed:?}");
    bodies_match(&store, N, 2, None);
}
