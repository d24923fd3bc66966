//! One message's body downloaded when the user opens it, against Dovecot: an account that
//! keeps bodies for 30 days syncs older mail headers-only; opening one fetches it whole,
//! byte for byte, searchable, kept by later syncs and never fetched again, without setting
//! `\Seen` on the server. A message expunged there, or whose folder changed UIDVALIDITY
//! (the same UID now naming another message), stores nothing and says it is gone; a wrong
//! password is the login error. The window's call (`Engine::download_body`, password from
//! the keyring) gives the message read, and failures in words.

use std::time::{Duration, SystemTime};

use tidings::engine::Profile;
use tidings::engine::account::{Account, Accounts};
use tidings::engine::credentials::Keyring;
use tidings::engine::error::ErrorKind;
use tidings::engine::handle::Engine;
use tidings::engine::imap::{self, ImapError};
use tidings::engine::secret::Secret;
use tidings::engine::store::{MessageId, Page, Store, StoreError};

use crate::imap_common::{account, password, runtime};
use crate::imap_sync::{store_in, sync};
use crate::support::{MailServers, to_crlf};

const DAY: Duration = Duration::from_secs(86_400);

/// An old message (CRLF, as the server keeps it) with a word found only in its body.
fn old_message(i: usize, word: &str) -> Vec<u8> {
    format!(
        "From: Archivist {i} <archivist{i}@example.test>\r\nTo: alice@example.test\r\n\
         Subject: Old report {i}\r\nMessage-ID: <old{i}@example.test>\r\n\
         Date: Tue, 5 Mar 2024 10:00:0{} +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
         The yearly figures are in, see {word} for the details.\r\nRegards.\r\n",
        i % 10
    )
    .into_bytes()
}

/// Fills `folder` with `n` messages received a year ago, unread.
fn fill_old(servers: &MailServers, user: &str, folder: &str, from: usize, n: usize) {
    let received = SystemTime::now() - 365 * DAY;
    servers.dovecot.fill(
        user,
        folder,
        (from..from + n).map(|i| (old_message(i, &format!("word{i}x")), "", Some(received))),
    );
}

fn thirty_days(servers: &MailServers) -> Account {
    let mut acct = account(servers, 0);
    acct.sync.bodies_for_days = Some(30);
    acct
}

/// The stored message of `folder` with this UID.
fn by_uid(store: &Store, folder: &str, uid: u32) -> MessageId {
    let account = store.account_id("Test").expect("account");
    let f = store
        .folder_by_name(account, folder)
        .expect("folder")
        .expect("folder exists");
    store
        .message_by_uid(f.id, uid)
        .expect("lookup")
        .expect("a row for that UID")
}

fn found(store: &Store, query: &str) -> Vec<MessageId> {
    store
        .search(query, None, &Page::first(50))
        .expect("search")
        .into_iter()
        .map(|m| m.id)
        .collect()
}

fn download(
    rt: &tokio::runtime::Runtime,
    acct: &Account,
    pw: &Secret,
    store: &Store,
    id: MessageId,
) -> Result<u64, ImapError> {
    rt.block_on(imap::fetch_body(acct, pw, store, id))
}

#[test]
fn an_old_message_is_downloaded_whole_when_opened_and_stays() {
    let servers = MailServers::dovecot_only();
    let user = servers.user(0).address.clone();
    fill_old(&servers, &user, "INBOX", 0, 5);
    let dir = tempfile::tempdir().expect("tmp");
    let store = store_in(dir.path());
    let (acct, pw, rt) = (thirty_days(&servers), password(&servers, 0), runtime());

    let report = sync(&rt, &acct, &pw, &store).expect("first sync");
    assert_eq!((report.new, report.bodies), (5, 0), "{report:?}");
    let id = by_uid(&store, "INBOX", 3);
    assert!(!store.summary(id).expect("summary").downloaded);
    assert!(matches!(store.raw(id), Err(StoreError::NoBody(_))));
    assert!(
        found(&store, "word2x").is_empty(),
        "the body is not indexed yet"
    );

    let bytes = download(&rt, &acct, &pw, &store, id).expect("download");
    let server = servers.dovecot.messages(&user, "INBOX");
    let on_server = server
        .iter()
        .find(|m| m.uid == 3)
        .expect("UID 3 on the server");
    let raw = store.raw(id).expect("the body is stored");
    assert_eq!(raw, to_crlf(&on_server.raw), "byte for byte");
    assert_eq!(bytes, raw.len() as u64);
    assert!(store.summary(id).expect("summary").downloaded);
    assert_eq!(found(&store, "word2x"), vec![id], "search finds its body");
    // Only that one: the others stay headers-only.
    let others = by_uid(&store, "INBOX", 2);
    assert!(!store.summary(others).expect("summary").downloaded);
    // PEEK: the server did not mark it read (the reader does that through the queue).
    assert!(
        !on_server.flags.iter().any(|f| f == "\\Seen"),
        "{:?}",
        on_server.flags
    );

    // The next syncs keep it and do not fetch it again (nor any other old body).
    let report = sync(&rt, &acct, &pw, &store).expect("second sync");
    assert_eq!(report.bodies, 0, "{report:?}");
    servers.dovecot.fill(
        &user,
        "INBOX",
        [(
            old_message(9, "word9x"),
            "",
            Some(SystemTime::now() - 365 * DAY),
        )],
    );
    let report = sync(&rt, &acct, &pw, &store).expect("third sync");
    assert_eq!((report.new, report.bodies), (1, 0), "{report:?}");
    assert_eq!(store.raw(id).expect("still stored"), raw);
    assert_eq!(found(&store, "word2x"), vec![id]);
    // Asking again is harmless: nothing to do.
    assert_eq!(download(&rt, &acct, &pw, &store, id).expect("again"), 0);
}

#[test]
fn a_message_gone_from_the_server_stores_nothing_and_says_so() {
    let servers = MailServers::dovecot_only();
    let user = servers.user(0).address.clone();
    fill_old(&servers, &user, "INBOX", 0, 3);
    let dir = tempfile::tempdir().expect("tmp");
    let store = store_in(dir.path());
    let (acct, pw, rt) = (thirty_days(&servers), password(&servers, 0), runtime());
    sync(&rt, &acct, &pw, &store).expect("sync");

    // Expunged there by another client since the last sync.
    let id = by_uid(&store, "INBOX", 2);
    servers
        .dovecot
        .doveadm(&["expunge", "-u", &user, "mailbox", "INBOX", "uid", "2"]);
    let e = download(&rt, &acct, &pw, &store, id).expect_err("gone");
    assert!(matches!(e, ImapError::NotOnServer { .. }), "{e:?}");
    let words = tidings::engine::error::Localized::localized(&e);
    assert!(words.contains("no longer on the server"), "{words}");
    assert!(matches!(store.raw(id), Err(StoreError::NoBody(_))));
    assert!(!store.summary(id).expect("still listed").downloaded);
}

#[test]
fn a_folder_with_a_new_uidvalidity_never_gives_another_message_under_the_old_uid() {
    let servers = MailServers::dovecot_only();
    let user = servers.user(0).address.clone();
    let dove = &servers.dovecot;
    dove.doveadm(&["mailbox", "create", "-u", &user, "-s", "Reports"]);
    fill_old(&servers, &user, "Reports", 0, 3);
    let dir = tempfile::tempdir().expect("tmp");
    let store = store_in(dir.path());
    let (acct, pw, rt) = (thirty_days(&servers), password(&servers, 0), runtime());
    sync(&rt, &acct, &pw, &store).expect("sync");
    let id = by_uid(&store, "Reports", 2);
    let account = store.account_id("Test").expect("account");
    let old_validity = store
        .folder_by_name(account, "Reports")
        .expect("folder")
        .expect("exists")
        .sync
        .uidvalidity
        .expect("uidvalidity");

    // Recreated elsewhere with other messages: UID 2 now names another one.
    dove.doveadm(&["mailbox", "delete", "-u", &user, "Reports"]);
    dove.doveadm(&["mailbox", "create", "-u", &user, "-s", "Reports"]);
    dove.doveadm(&[
        "mailbox",
        "update",
        "-u",
        &user,
        "--uid-validity",
        &(old_validity + 1000).to_string(),
        "Reports",
    ]);
    fill_old(&servers, &user, "Reports", 100, 3);
    assert!(dove.messages(&user, "Reports").iter().any(|m| m.uid == 2));

    let e = download(&rt, &acct, &pw, &store, id).expect_err("another message");
    assert!(matches!(e, ImapError::NotOnServer { .. }), "{e:?}");
    assert!(matches!(store.raw(id), Err(StoreError::NoBody(_))));
    assert!(
        found(&store, "word101x").is_empty(),
        "{:?}",
        found(&store, "word101x")
    );
}

#[test]
fn a_wrong_password_is_the_login_error() {
    let servers = MailServers::dovecot_only();
    let user = servers.user(0).address.clone();
    fill_old(&servers, &user, "INBOX", 0, 1);
    let dir = tempfile::tempdir().expect("tmp");
    let store = store_in(dir.path());
    let (acct, pw, rt) = (thirty_days(&servers), password(&servers, 0), runtime());
    sync(&rt, &acct, &pw, &store).expect("sync");
    let id = by_uid(&store, "INBOX", 1);

    let wrong = Secret::new("not the password".to_owned());
    let e = download(&rt, &acct, &wrong, &store, id).expect_err("refused");
    assert!(matches!(e, ImapError::Auth { .. }), "{e:?}");
    assert_eq!(e.kind(), ErrorKind::Auth);
    assert!(matches!(store.raw(id), Err(StoreError::NoBody(_))));
}

#[test]
fn the_window_gets_the_message_read_or_the_refusal_in_words() {
    let servers = MailServers::dovecot_only();
    let user = servers.user(0).address.clone();
    fill_old(&servers, &user, "INBOX", 0, 2);
    let dir = tempfile::tempdir().expect("tmp");
    let profile = Profile::under(dir.path());
    profile.ensure().expect("profile");
    let (acct, pw, rt) = (thirty_days(&servers), password(&servers, 0), runtime());
    let mut accounts = Accounts::load(&profile.accounts_file()).expect("accounts");
    accounts.add(acct.clone()).expect("add");
    tidings::engine::credentials::use_platform_store();
    let keyring = Keyring::new(&profile.config);
    keyring.store(&acct.name, &pw).expect("keyring");
    let engine = rt.block_on(Engine::open(profile.clone())).expect("engine");
    sync(&rt, &acct, &pw, engine.store()).expect("sync");
    let (first, second) = (
        by_uid(engine.store(), "INBOX", 1),
        by_uid(engine.store(), "INBOX", 2),
    );

    let before = rt.block_on(engine.clone().read(first.0)).expect("read");
    assert!(!before.downloaded);
    let after = rt
        .block_on(engine.clone().download_body(first.0))
        .expect("download");
    assert!(after.downloaded);
    assert_eq!(after.message.subject, "Old report 0");
    let body = format!("{:?}", after.message.body);
    assert!(body.contains("word0x"), "{body}");

    keyring
        .store(&acct.name, &Secret::new("not the password".to_owned()))
        .expect("keyring");
    let failure = rt
        .block_on(engine.clone().download_body(second.0))
        .expect_err("refused");
    assert_eq!(failure.kind, ErrorKind::Auth, "{failure:?}");
    assert!(
        failure
            .message
            .contains("did not accept your user name or password"),
        "{}",
        failure.message
    );
    assert!(!rt.block_on(engine.read(second.0)).expect("read").downloaded);
    let _ = keyring.delete(&acct.name);
}
