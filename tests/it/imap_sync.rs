//! IMAP sync into the store against Dovecot: first sync of thousands of messages (count,
//! subjects, flags, bodies byte-identical), headers before bodies, the bodies-for-N-days
//! option, and resyncs picking up another client's changes in each tier (QRESYNC,
//! CONDSTORE only, plain UIDs).

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use tidings::engine::account::Account;
use tidings::engine::events::{Event, Events, Phase};
use tidings::engine::imap;
use tidings::engine::secret::Secret;
use tidings::engine::store::{Flags, Store};

use crate::imap_common::{account, password, runtime};
use crate::support::{DovecotOptions, MailServers, Options, to_crlf};

/// A generated message: distinct subject, a body of a few lines, dated `days_ago` (at noon,
/// so the same call gives the same bytes all day).
pub fn generated(i: usize, days_ago: u64) -> Vec<u8> {
    let today = chrono::Utc::now()
        .date_naive()
        .and_hms_opt(12, 0, 0)
        .unwrap_or_default();
    let date = today.and_utc() - chrono::Duration::days(days_ago as i64);
    let mut body = String::new();
    for line in 0..(5 + i % 20) {
        body.push_str(&format!(
            "Line {line} of message {i}: the quick brown fox jumps.\n"
        ));
    }
    format!(
        "From: Sender {i} <sender{i}@example.test>\nTo: alice@example.test\nSubject: Generated message {i}\nMessage-ID: <gen{i}@example.test>\nDate: {}\nContent-Type: text/plain; charset=utf-8\n\n{body}",
        date.to_rfc2822()
    )
    .into_bytes()
}

pub fn flags_for(i: usize) -> &'static str {
    match i % 7 {
        0 => "S",
        1 => "SF",
        2 => "",
        3 => "SR",
        4 => "F",
        5 => "S",
        _ => "",
    }
}

pub fn store_in(dir: &std::path::Path) -> Store {
    Store::open_in(dir).expect("store")
}

pub fn sync(
    rt: &tokio::runtime::Runtime,
    acct: &Account,
    pw: &Secret,
    store: &Store,
) -> Result<imap::SyncReport, imap::ImapError> {
    rt.block_on(imap::sync_account(acct, pw, store, &Events::none()))
}

/// The store's view of a folder: UID → (flags as IMAP atoms, subject).
pub fn local_state(store: &Store, account: &str, folder: &str) -> BTreeMap<u32, Vec<String>> {
    let id = store.account_id(account).expect("account");
    let f = store
        .folder_by_name(id, folder)
        .expect("folder")
        .expect("folder exists");
    store
        .uid_index(f.id)
        .expect("index")
        .into_iter()
        .map(|s| {
            let mut atoms: Vec<String> = s
                .flags
                .imap_atoms()
                .iter()
                .map(|a| (*a).to_owned())
                .collect();
            atoms.extend(s.keywords);
            atoms.sort();
            (s.uid, atoms)
        })
        .collect()
}

/// The server's view of a folder in the same shape.
pub fn server_state(servers: &MailServers, user: &str, folder: &str) -> BTreeMap<u32, Vec<String>> {
    servers
        .dovecot
        .messages(user, folder)
        .into_iter()
        .map(|m| {
            let mut flags: Vec<String> = m.flags.into_iter().filter(|f| f != "\\Recent").collect();
            flags.sort();
            (m.uid, flags)
        })
        .collect()
}

/// Asserts the store holds exactly what the server holds in `folder`, bodies byte for byte.
pub fn assert_same(
    servers: &MailServers,
    store: &Store,
    user: &str,
    account: &str,
    folder: &str,
    bodies: bool,
) {
    let local = local_state(store, account, folder);
    let remote = server_state(servers, user, folder);
    assert_eq!(local.len(), remote.len(), "message count in {folder}");
    assert_eq!(local, remote, "UIDs and flags in {folder}");
    if bodies {
        let id = store.account_id(account).expect("account");
        let f = store
            .folder_by_name(id, folder)
            .expect("folder")
            .expect("folder");
        for m in servers.dovecot.messages(user, folder) {
            let mid = store
                .message_by_uid(f.id, m.uid)
                .expect("lookup")
                .expect("row");
            let raw = store.raw(mid).expect("body stored");
            assert_eq!(raw, to_crlf(&m.raw), "body of UID {} in {folder}", m.uid);
        }
    }
}

#[test]
fn first_sync_stores_thousands_of_messages_headers_first_then_bodies() {
    let servers = MailServers::dovecot_only();
    let user = servers.user(0).address.clone();
    const N: usize = 3000;
    servers.dovecot.fill(
        &user,
        "INBOX",
        (0..N).map(|i| (generated(i, (N - i) as u64 / 100), flags_for(i), None)),
    );
    servers.dovecot.fill(
        &user,
        "Archive",
        (N..N + 150).map(|i| (generated(i, 400), "S", None)),
    );
    let dir = tempfile::tempdir().expect("tmp");
    let store = store_in(dir.path());
    let acct = account(&servers, 0);
    let rt = runtime();
    let (events, mut rx) = Events::channel();
    let report = rt
        .block_on(imap::sync_account(
            &acct,
            &password(&servers, 0),
            &store,
            &events,
        ))
        .expect("first sync");
    assert_same(&servers, &store, &user, "Test", "INBOX", true);
    assert_same(&servers, &store, &user, "Test", "Archive", true);
    assert_eq!(report.new, (N + 150) as u64, "{report:?}");
    assert_eq!(report.bodies, (N + 150) as u64, "{report:?}");

    // Subjects made it into the list, newest first.
    let id = store.account_id("Test").expect("account");
    let inbox = store
        .folder_by_name(id, "INBOX")
        .expect("f")
        .expect("inbox");
    let page = store
        .list_folder(inbox.id, &tidings::engine::store::Page::first(10))
        .expect("list");
    assert_eq!(page.len(), 10);
    assert!(
        page[0].subject.starts_with("Generated message 29"),
        "{}",
        page[0].subject
    );
    let unread = store.counts(inbox.id).expect("counts").unread;
    let expected_unread = (0..N).filter(|i| !flags_for(*i).contains('S')).count() as u64;
    assert_eq!(unread, expected_unread);

    // Headers of a folder come in before any of its bodies, newest first.
    let mut seen_bodies = false;
    let mut header_events = 0;
    while let Ok(e) = rx.try_recv() {
        if let Event::Progress { folder, phase, .. } = e {
            if folder != "INBOX" {
                continue;
            }
            match phase {
                Phase::Headers => {
                    assert!(!seen_bodies, "headers after bodies");
                    header_events += 1;
                }
                Phase::Bodies => seen_bodies = true,
                _ => {}
            }
        }
    }
    assert!(
        header_events >= N / 500,
        "{header_events} header progress events"
    );
    assert!(seen_bodies);

    // A second sync changes nothing and downloads nothing.
    let again = sync(&rt, &acct, &password(&servers, 0), &store).expect("resync");
    assert_eq!(
        (again.new, again.removed, again.flags_changed, again.bodies),
        (0, 0, 0, 0),
        "{again:?}"
    );
    let _ = (
        Flags::SEEN,
        Duration::ZERO,
        SystemTime::now(),
        DovecotOptions::default(),
        Options::default(),
    );
}

/// The capabilities Dovecot 2.3 offers after login, minus what a tier must not see.
pub fn capability_line(without: &[&str]) -> String {
    let all = [
        "IMAP4rev1",
        "SASL-IR",
        "LOGIN-REFERRALS",
        "ID",
        "ENABLE",
        "IDLE",
        "SORT",
        "SORT=DISPLAY",
        "THREAD=REFERENCES",
        "THREAD=REFS",
        "THREAD=ORDEREDSUBJECT",
        "MULTIAPPEND",
        "URL-PARTIAL",
        "CATENATE",
        "UNSELECT",
        "CHILDREN",
        "NAMESPACE",
        "UIDPLUS",
        "LIST-EXTENDED",
        "I18NLEVEL=1",
        "CONDSTORE",
        "QRESYNC",
        "ESEARCH",
        "ESORT",
        "SEARCHRES",
        "WITHIN",
        "CONTEXT=SEARCH",
        "LIST-STATUS",
        "BINARY",
        "MOVE",
        "SNIPPET=FUZZY",
        "PREVIEW=FUZZY",
        "PREVIEW",
        "STATUS=SIZE",
        "SAVEDATE",
        "LITERAL+",
        "NOTIFY",
        "SPECIAL-USE",
    ];
    let kept: Vec<&str> = all.into_iter().filter(|c| !without.contains(c)).collect();
    format!("imap_capability = {}\n", kept.join(" "))
}

/// Another client's changes — flags both ways, new mail, expunges, a folder renamed, one
/// created, one deleted — all show up after a resync, in every tier.
fn resync_picks_up_changes(without: &[&str], quiet_method: &str, busy_method: &str) {
    let servers = MailServers::with(Options {
        dovecot: DovecotOptions {
            extra_config: capability_line(without),
            ..DovecotOptions::default()
        },
        ..Options::default()
    });
    let user = servers.user(1).address.clone();
    servers.dovecot.fill(
        &user,
        "INBOX",
        (0..400).map(|i| (generated(i, 1), flags_for(i), None)),
    );
    servers.dovecot.fill(
        &user,
        "Projects/Old",
        (400..420).map(|i| (generated(i, 3), "S", None)),
    );
    servers.dovecot.fill(
        &user,
        "Scratch",
        (420..425).map(|i| (generated(i, 3), "", None)),
    );
    servers.dovecot.doveadm(&[
        "mailbox",
        "subscribe",
        "-u",
        &user,
        "Projects/Old",
        "Scratch",
    ]);
    let dir = tempfile::tempdir().expect("tmp");
    let store = store_in(dir.path());
    let acct = account(&servers, 1);
    let pw = password(&servers, 1);
    let rt = runtime();
    sync(&rt, &acct, &pw, &store).expect("first sync");
    assert_same(&servers, &store, &user, "Test", "INBOX", false);

    // Unchanged: nothing to do.
    let quiet = sync(&rt, &acct, &pw, &store).expect("quiet resync");
    assert_eq!(
        (quiet.new, quiet.removed, quiet.flags_changed, quiet.bodies),
        (0, 0, 0, 0),
        "{quiet:?}"
    );
    assert!(
        quiet.methods.values().all(|m| m == quiet_method),
        "{quiet:?}"
    );

    let dove = &servers.dovecot;
    dove.doveadm(&[
        "flags",
        "add",
        "-u",
        &user,
        "\\Flagged $Work",
        "mailbox",
        "INBOX",
        "uid",
        "1:30",
    ]);
    dove.doveadm(&[
        "flags", "remove", "-u", &user, "\\Seen", "mailbox", "INBOX", "uid", "1:50",
    ]);
    dove.doveadm(&["expunge", "-u", &user, "mailbox", "INBOX", "uid", "100:119"]);
    dove.fill(
        &user,
        "INBOX",
        (500..512).map(|i| (generated(i, 0), "", None)),
    );
    dove.doveadm(&[
        "mailbox",
        "rename",
        "-u",
        &user,
        "Projects/Old",
        "Projects/New",
    ]);
    dove.doveadm(&["mailbox", "create", "-u", &user, "Fresh"]);
    dove.doveadm(&["mailbox", "delete", "-u", &user, "-r", "Scratch"]);

    let report = sync(&rt, &acct, &pw, &store).expect("resync");
    assert_eq!(report.methods["INBOX"], busy_method, "{report:?}");
    assert_eq!(report.new, 12, "{report:?}");
    assert_eq!(report.removed, 20, "{report:?}");
    assert_same(&servers, &store, &user, "Test", "INBOX", true);
    assert_same(&servers, &store, &user, "Test", "Projects/New", true);
    let id = store.account_id("Test").expect("account");
    let names: Vec<String> = store
        .folder_list(id)
        .expect("folders")
        .into_iter()
        .map(|f| f.name)
        .collect();
    assert!(names.contains(&"Projects/New".to_owned()), "{names:?}");
    assert!(names.contains(&"Fresh".to_owned()), "{names:?}");
    assert!(!names.contains(&"Projects/Old".to_owned()), "{names:?}");
    assert!(!names.contains(&"Scratch".to_owned()), "{names:?}");
    // The renamed folder kept its cached mail instead of downloading it again.
    assert_eq!(report.bodies, 12, "{report:?}");
}

#[test]
fn resync_with_qresync_picks_up_another_clients_changes() {
    resync_picks_up_changes(&[], "up-to-date", "qresync");
}

#[test]
fn resync_with_condstore_only_picks_up_another_clients_changes() {
    resync_picks_up_changes(&["QRESYNC"], "up-to-date", "condstore");
}

#[test]
fn resync_with_plain_uids_picks_up_another_clients_changes() {
    resync_picks_up_changes(&["QRESYNC", "CONDSTORE"], "compare", "compare");
}

#[test]
fn bodies_for_days_keeps_headers_of_all_and_bodies_of_recent_mail() {
    let servers = MailServers::dovecot_only();
    let user = servers.user(2).address.clone();
    servers.dovecot.fill(
        &user,
        "INBOX",
        (0..20).map(|i| (generated(i, 100 + i as u64), "S", None)),
    );
    servers.dovecot.fill(
        &user,
        "INBOX",
        (20..30).map(|i| (generated(i, 2), "", None)),
    );
    let dir = tempfile::tempdir().expect("tmp");
    let store = store_in(dir.path());
    let mut acct = account(&servers, 2);
    acct.sync.bodies_for_days = Some(30);
    let rt = runtime();
    let report = sync(&rt, &acct, &password(&servers, 2), &store).expect("sync");
    assert_eq!((report.new, report.bodies), (30, 10), "{report:?}");
    assert_same(&servers, &store, &user, "Test", "INBOX", false);
    let id = store.account_id("Test").expect("account");
    let inbox = store
        .folder_by_name(id, "INBOX")
        .expect("f")
        .expect("inbox");
    let lacking = store
        .lacking_bodies(Some(inbox.id), None, 100)
        .expect("lacking");
    assert_eq!(lacking.len(), 20);
    let cutoff = chrono::Utc::now().timestamp() - 30 * 86_400;
    assert!(
        lacking.iter().all(|l| l.date < cutoff),
        "only old mail lacks its body"
    );
    // Everything is listed and searchable by its headers.
    assert_eq!(store.counts(inbox.id).expect("counts").total, 30);
}
