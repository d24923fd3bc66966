//! Push: the watch task brings new mail, and another client's flag changes and expunges,
//! into the store without anyone asking — by IDLE, or by polling where the server has no
//! IDLE — and reconnects after the server went away.

use std::time::Duration;

use tidings::engine::events::{Event, Events, Phase};
use tidings::engine::imap::{self, WatchOptions};
use tidings::engine::store::{Flags, Store};
use tokio::sync::mpsc::UnboundedReceiver;

use crate::imap_common::{account, password, runtime};
use crate::imap_sync::{generated, store_in};
use crate::support::{DovecotOptions, MailServers, Options};

/// Waits for an event that `wanted` accepts; fails the test after a generous minute.
async fn wait_for(
    rx: &mut UnboundedReceiver<Event>,
    what: &str,
    wanted: impl Fn(&Event) -> bool,
) -> Event {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    loop {
        match tokio::time::timeout_at(deadline, rx.recv()).await {
            Ok(Some(e)) if wanted(&e) => return e,
            Ok(Some(_)) => {}
            Ok(None) => panic!("the event stream ended before {what}"),
            Err(_) => panic!("no {what} within a minute"),
        }
    }
}

fn is_new_mail(e: &Event) -> bool {
    matches!(e, Event::NewMail { folder, .. } if folder == "INBOX")
}

fn inbox_count(store: &Store) -> u64 {
    let id = store.account_id("Test").expect("account");
    let inbox = store
        .folder_by_name(id, "INBOX")
        .expect("f")
        .expect("inbox");
    store.counts(inbox.id).expect("counts").total
}

/// The Inbox's UIDs with their flags, as stored.
fn uid_flags(store: &Store) -> std::collections::HashMap<u32, Flags> {
    let id = store.account_id("Test").expect("account");
    let inbox = store
        .folder_by_name(id, "INBOX")
        .expect("f")
        .expect("inbox");
    store
        .uid_index(inbox.id)
        .expect("index")
        .into_iter()
        .map(|s| (s.uid, s.flags))
        .collect()
}

/// Waits until `done` holds, checking every 100 ms; fails the test after a generous minute.
fn eventually(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while !done() {
        assert!(
            std::time::Instant::now() < deadline,
            "no {what} within a minute"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn deliver(servers: &MailServers, user: &str, i: usize) {
    servers.dovecot.deliver(user, "INBOX", &generated(i, 0));
}

fn push_brings_new_mail(servers: MailServers, options: WatchOptions) {
    let mut servers = servers;
    let user = servers.user(0).address.clone();
    servers
        .dovecot
        .fill(&user, "INBOX", (0..5).map(|i| (generated(i, 1), "", None)));
    let dir = tempfile::tempdir().expect("tmp");
    let store = store_in(dir.path());
    let rt = runtime();
    let (events, mut rx) = Events::channel();
    let (stop, cancel) = tokio::sync::watch::channel(false);
    let task = rt.spawn(imap::watch(
        account(&servers, 0),
        password(&servers, 0),
        store.clone(),
        events,
        cancel,
        options,
    ));
    rt.block_on(async {
        // The watch catches up on the Inbox first.
        wait_for(
            &mut rx,
            "the first catch-up",
            |e| matches!(e, Event::Changed { folder: Some(f), .. } if f == "INBOX"),
        )
        .await;
    });
    assert_eq!(inbox_count(&store), 5);

    deliver(&servers, &user, 100);
    rt.block_on(wait_for(&mut rx, "new mail", is_new_mail));
    assert_eq!(inbox_count(&store), 6);
    // The list has it at once; its body follows.
    rt.block_on(wait_for(
        &mut rx,
        "its body",
        |e| matches!(e, Event::Progress { phase: Phase::Bodies, done, total, .. } if done == total),
    ));
    let id = store.account_id("Test").expect("account");
    let inbox = store
        .folder_by_name(id, "INBOX")
        .expect("f")
        .expect("inbox");
    let newest = store
        .list_folder(inbox.id, &tidings::engine::store::Page::first(1))
        .expect("list");
    assert_eq!(newest[0].subject, "Generated message 100");
    assert!(store.raw(newest[0].id).is_ok(), "its body came too");

    // Another client flags one message and deletes another: the watch hears it too.
    servers.dovecot.doveadm(&[
        "flags",
        "add",
        "-u",
        &user,
        "\\Flagged",
        "mailbox",
        "INBOX",
        "uid",
        "1",
    ]);
    servers
        .dovecot
        .doveadm(&["expunge", "-u", &user, "mailbox", "INBOX", "uid", "2"]);
    eventually("the flag and the expunge", || {
        let index = uid_flags(&store);
        index.get(&1).is_some_and(|f| f.contains(Flags::FLAGGED)) && !index.contains_key(&2)
    });
    assert_eq!(inbox_count(&store), 5);

    // The server goes away and comes back: the watch says it is offline, reconnects and
    // keeps bringing mail.
    servers.dovecot.restart();
    rt.block_on(wait_for(&mut rx, "an offline notice", |e| {
        matches!(e, Event::Offline { .. })
    }));
    deliver(&servers, &user, 101);
    rt.block_on(wait_for(
        &mut rx,
        "new mail after reconnecting",
        is_new_mail,
    ));
    assert_eq!(inbox_count(&store), 6);

    stop.send(true).expect("cancel");
    let ended = rt.block_on(task).expect("task");
    assert!(ended.is_ok(), "{ended:?}");
}

#[test]
fn idle_brings_new_mail_and_survives_a_server_restart() {
    push_brings_new_mail(
        MailServers::dovecot_only(),
        WatchOptions {
            backoff_min: Duration::from_millis(200),
            ..WatchOptions::default()
        },
    );
}

#[test]
fn polling_brings_new_mail_where_the_server_has_no_idle() {
    let servers = MailServers::with(Options {
        dovecot: DovecotOptions {
            extra_config: "imap_capability = IMAP4rev1 LITERAL+ SASL-IR ID ENABLE UIDPLUS MOVE CONDSTORE QRESYNC SPECIAL-USE LIST-EXTENDED UNSELECT\n".into(),
            ..DovecotOptions::default()
        },
        ..Options::default()
    });
    push_brings_new_mail(
        servers,
        WatchOptions {
            backoff_min: Duration::from_millis(200),
            poll_every: Some(Duration::from_millis(500)),
            ..WatchOptions::default()
        },
    );
}

#[test]
fn a_refused_password_stops_the_watch_with_the_reason() {
    let servers = MailServers::dovecot_only();
    let dir = tempfile::tempdir().expect("tmp");
    let store = store_in(dir.path());
    let rt = runtime();
    let (_stop, cancel) = tokio::sync::watch::channel(false);
    let ended = rt.block_on(imap::watch(
        account(&servers, 0),
        tidings::engine::secret::Secret::new("wrong"),
        store,
        Events::none(),
        cancel,
        WatchOptions::default(),
    ));
    assert!(
        matches!(ended, Err(imap::ImapError::Auth { .. })),
        "{ended:?}"
    );
}
