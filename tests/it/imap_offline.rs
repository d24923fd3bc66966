//! Offline changes (RFC 4549) and failures: changes made while the server is down are
//! replayed after it is back, without clobbering another client's flags; a message gone on
//! the server ends as a visible conflict with nothing lost; a changed UIDVALIDITY rebuilds
//! the folder and fails its queued changes visibly; a connection cut mid-sync resumes with
//! nothing lost or doubled; without MOVE only our own messages are expunged; a folder
//! deleted offline goes on the server, and unsafe folder names never get that far.

use tidings::engine::actions::{self, Mark};
use tidings::engine::events::{Event, Events};
use tidings::engine::imap::{self, ImapError};
use tidings::engine::store::{MessageId, Store};

use crate::imap_common::{account, password, runtime};
use crate::imap_sync::{
    assert_same, capability_line, flags_for, generated, server_state, store_in, sync,
};
use crate::support::{DovecotOptions, Fault, FaultProxy, MailServers, Options};

fn message_with_uid(store: &Store, folder: &str, uid: u32) -> MessageId {
    let id = store.account_id("Test").expect("account");
    let f = store
        .folder_by_name(id, folder)
        .expect("f")
        .expect("folder");
    store
        .message_by_uid(f.id, uid)
        .expect("lookup")
        .expect("message")
}

fn subjects(servers: &MailServers, user: &str, folder: &str) -> Vec<String> {
    servers
        .dovecot
        .messages(user, folder)
        .iter()
        .map(|m| {
            String::from_utf8_lossy(&m.raw)
                .lines()
                .find_map(|l| l.strip_prefix("Subject: ").map(str::to_owned))
                .unwrap_or_default()
        })
        .collect()
}

#[test]
fn changes_made_while_the_server_is_down_are_replayed_when_it_is_back() {
    let mut servers = MailServers::dovecot_only();
    let user = servers.user(0).address.clone();
    servers
        .dovecot
        .fill(&user, "INBOX", (0..20).map(|i| (generated(i, 1), "", None)));
    servers
        .dovecot
        .doveadm(&["mailbox", "create", "-u", &user, "Projects"]);
    let dir = tempfile::tempdir().expect("tmp");
    let store = store_in(dir.path());
    let acct = account(&servers, 0);
    let pw = password(&servers, 0);
    let rt = runtime();
    sync(&rt, &acct, &pw, &store).expect("first sync");

    servers.dovecot.stop();
    let account_id = store.account_id("Test").expect("account");
    actions::mark(&store, &[message_with_uid(&store, "INBOX", 1)], Mark::Read).expect("read");
    actions::mark(
        &store,
        &[message_with_uid(&store, "INBOX", 2)],
        Mark::Flagged,
    )
    .expect("flag");
    let archive = actions::folder_named(&store, account_id, "Archive").expect("archive");
    actions::move_to(&store, &[message_with_uid(&store, "INBOX", 3)], archive).expect("move");
    actions::delete(&store, &[message_with_uid(&store, "INBOX", 4)]).expect("delete");
    let fresh =
        actions::create_folder(&store, account_id, "Offline/New", Some('/')).expect("create");
    actions::copy_to(&store, &[message_with_uid(&store, "INBOX", 5)], fresh).expect("copy");
    let projects = actions::folder_named(&store, account_id, "Projects").expect("projects");
    actions::rename_folder(&store, projects, "Projects 2025").expect("rename");
    let queued = store.pending_changes(account_id).expect("queue").len();
    assert_eq!(queued, 7);

    // Offline: the sync fails as a network problem and every change stays queued.
    let err = sync(&rt, &acct, &pw, &store).unwrap_err();
    assert!(err.is_connection_lost(), "{err:?}");
    assert_eq!(
        store.pending_changes(account_id).expect("queue").len(),
        queued
    );

    servers.dovecot.restart();
    // Meanwhile another client answered message 1: our \Seen must not wipe its \Answered.
    servers.dovecot.doveadm(&[
        "flags",
        "add",
        "-u",
        &user,
        "\\Answered",
        "mailbox",
        "INBOX",
        "uid",
        "1",
    ]);
    let report = sync(&rt, &acct, &pw, &store).expect("sync after the server is back");
    assert_eq!(
        (report.replayed, report.replay_failed),
        (7, 0),
        "{report:?}"
    );
    assert!(store.pending_changes(account_id).expect("queue").is_empty());

    let inbox = server_state(&servers, &user, "INBOX");
    assert_eq!(
        inbox[&1],
        vec!["\\Answered".to_owned(), "\\Seen".to_owned()]
    );
    assert_eq!(inbox[&2], vec!["\\Flagged".to_owned()]);
    assert!(
        !inbox.contains_key(&3) && !inbox.contains_key(&4),
        "{inbox:?}"
    );
    assert_eq!(
        subjects(&servers, &user, "Archive"),
        vec!["Generated message 2"]
    );
    assert_eq!(
        subjects(&servers, &user, "Trash"),
        vec!["Generated message 3"]
    );
    assert_eq!(
        subjects(&servers, &user, "Offline/New"),
        vec!["Generated message 4"]
    );
    let folders = servers.dovecot.folders(&user);
    assert!(folders.iter().any(|f| f == "Projects 2025"), "{folders:?}");
    assert!(!folders.iter().any(|f| f == "Projects"), "{folders:?}");

    // Here and there agree, and the moved and copied messages are not fetched a second time.
    for folder in ["INBOX", "Archive", "Trash", "Offline/New"] {
        assert_same(&servers, &store, &user, "Test", folder, true);
    }
    let again = sync(&rt, &acct, &pw, &store).expect("quiet sync");
    assert_eq!((again.new, again.removed), (0, 0), "{again:?}");
}

#[test]
fn a_message_gone_on_the_server_is_a_visible_conflict_and_nothing_is_lost() {
    let servers = MailServers::dovecot_only();
    let user = servers.user(1).address.clone();
    let originals: Vec<Vec<u8>> = (0..10).map(|i| generated(i, 1)).collect();
    servers.dovecot.fill(
        &user,
        "INBOX",
        originals.iter().map(|m| (m.clone(), "", None)),
    );
    let dir = tempfile::tempdir().expect("tmp");
    let store = store_in(dir.path());
    let acct = account(&servers, 1);
    let pw = password(&servers, 1);
    let rt = runtime();
    sync(&rt, &acct, &pw, &store).expect("first sync");
    let account_id = store.account_id("Test").expect("account");

    // We move message 7 to Archive while another client deletes it for good.
    let moved = message_with_uid(&store, "INBOX", 7);
    let archive = actions::folder_named(&store, account_id, "Archive").expect("archive");
    actions::move_to(&store, &[moved], archive).expect("move");
    servers
        .dovecot
        .doveadm(&["expunge", "-u", &user, "mailbox", "INBOX", "uid", "7"]);

    let (events, mut rx) = Events::channel();
    let report = rt
        .block_on(imap::sync_account(&acct, &pw, &store, &events))
        .expect("sync");
    assert_eq!(report.replay_failed, 1, "{report:?}");
    let failed = store.failed_changes(Some(account_id)).expect("failed");
    assert_eq!(failed.len(), 1);
    let reason = failed[0].error.clone().unwrap_or_default();
    assert!(reason.contains("no longer on the server"), "{reason}");
    let mut told = false;
    while let Ok(e) = rx.try_recv() {
        if let Event::Error { message, .. } = e {
            told |= message.contains("no longer on the server");
        }
    }
    assert!(told, "the user is told");
    // Our copy is kept, whole, where the user put it.
    let kept = store.summary(moved).expect("still here");
    assert_eq!(kept.folder, "Archive");
    assert_eq!(
        store.raw(moved).expect("raw"),
        crate::support::to_crlf(&originals[6])
    );
    assert!(servers.dovecot.messages(&user, "Archive").is_empty());
}

#[test]
fn a_changed_uidvalidity_rebuilds_the_folder_and_fails_its_queued_changes() {
    let servers = MailServers::dovecot_only();
    let user = servers.user(2).address.clone();
    servers.dovecot.fill(
        &user,
        "Lists",
        (0..10).map(|i| (generated(i, 1), flags_for(i), None)),
    );
    servers
        .dovecot
        .doveadm(&["mailbox", "subscribe", "-u", &user, "Lists"]);
    let dir = tempfile::tempdir().expect("tmp");
    let store = store_in(dir.path());
    let acct = account(&servers, 2);
    let pw = password(&servers, 2);
    let rt = runtime();
    sync(&rt, &acct, &pw, &store).expect("first sync");
    let account_id = store.account_id("Test").expect("account");
    let old_validity = store
        .folder_by_name(account_id, "Lists")
        .expect("f")
        .expect("lists")
        .sync
        .uidvalidity
        .expect("uidvalidity");

    // Queued here: a flag change on a message of Lists.
    actions::mark(
        &store,
        &[message_with_uid(&store, "Lists", 2)],
        Mark::Flagged,
    )
    .expect("flag");
    // There: the folder is recreated with other messages under a new UIDVALIDITY, so UID 2
    // now names another message.
    let dove = &servers.dovecot;
    dove.doveadm(&["mailbox", "delete", "-u", &user, "Lists"]);
    dove.doveadm(&["mailbox", "create", "-u", &user, "-s", "Lists"]);
    dove.doveadm(&[
        "mailbox",
        "update",
        "-u",
        &user,
        "--uid-validity",
        &(old_validity + 1000).to_string(),
        "Lists",
    ]);
    dove.fill(
        &user,
        "Lists",
        (100..106).map(|i| (generated(i, 1), "", None)),
    );

    let report = sync(&rt, &acct, &pw, &store).expect("sync");
    assert_eq!(report.rebuilt, vec!["Lists".to_owned()], "{report:?}");
    assert_eq!(report.replay_failed, 1, "{report:?}");
    let failed = store.failed_changes(Some(account_id)).expect("failed");
    assert!(
        failed[0]
            .error
            .as_deref()
            .unwrap_or_default()
            .contains("rebuilt"),
        "{failed:?}"
    );
    // Only the new generation is here, and the flag never reached the new UID 2.
    assert_same(&servers, &store, &user, "Test", "Lists", true);
    assert!(!server_state(&servers, &user, "Lists")[&2].contains(&"\\Flagged".to_owned()));
    let folder = store
        .folder_by_name(account_id, "Lists")
        .expect("f")
        .expect("lists");
    assert_eq!(folder.sync.uidvalidity, Some(old_validity + 1000));
}

#[test]
fn a_connection_cut_mid_sync_resumes_with_nothing_lost_or_doubled() {
    let servers = MailServers::dovecot_only();
    let user = servers.user(3).address.clone();
    const N: usize = 1500;
    servers.dovecot.fill(
        &user,
        "INBOX",
        (0..N).map(|i| (generated(i, (N - i) as u64), flags_for(i), None)),
    );
    let proxy = FaultProxy::start(servers.dovecot.imaps_port);
    let mut acct = account(&servers, 3);
    acct.incoming.port = proxy.port;
    let pw = password(&servers, 3);
    let dir = tempfile::tempdir().expect("tmp");
    let store = store_in(dir.path());
    let rt = runtime();
    // Every connection is cut after so many bytes: 100 kB (headers, then bodies), then
    // 1.2 MB (bodies). A sync reconnects a few times by itself (it learnt which messages were in
    // flight) and either gets through or stops with the connection lost; what it stored
    // stays either way, and a cut never gets a message skipped as unreadable.
    let mut stopped = 0;
    for cut in [100_000, 1_200_000] {
        proxy.set(Fault::CutAfterServerBytes(cut));
        match sync(&rt, &acct, &pw, &store) {
            Ok(report) => {
                assert!(report.unfetched.is_empty(), "cut at {cut}: {report:?}");
            }
            Err(err) => {
                assert!(
                    err.is_connection_lost() || matches!(err, ImapError::Tls(_)),
                    "cut at {cut}: {err:?}"
                );
                stopped += 1;
            }
        }
    }
    assert!(
        stopped > 0,
        "with a cut every 100 kB the sync cannot finish"
    );
    assert!(
        proxy.cuts() > 2,
        "a sync went on over new connections after a cut"
    );
    proxy.set(Fault::None);
    let report = sync(&rt, &acct, &pw, &store).expect("clean sync");
    assert!(report.new < N as u64, "the clean run resumed: {report:?}");
    assert_same(&servers, &store, &user, "Test", "INBOX", true);
    let account_id = store.account_id("Test").expect("account");
    let inbox = store
        .folder_by_name(account_id, "INBOX")
        .expect("f")
        .expect("inbox");
    assert_eq!(
        store.counts(inbox.id).expect("counts").total,
        N as u64,
        "no duplicates"
    );
}

/// Without MOVE, a move is COPY, `\Deleted` and UID EXPUNGE of exactly the moved UIDs
/// (UIDPLUS): a message another client marked `\Deleted` in the same folder stays there.
#[test]
fn without_move_a_move_expunges_only_its_own_messages() {
    let servers = MailServers::with(Options {
        dovecot: DovecotOptions {
            extra_config: capability_line(&["MOVE"]),
            ..DovecotOptions::default()
        },
        ..Options::default()
    });
    let user = servers.user(1).address.clone();
    servers
        .dovecot
        .fill(&user, "INBOX", (0..5).map(|i| (generated(i, 1), "", None)));
    let dir = tempfile::tempdir().expect("tmp");
    let store = store_in(dir.path());
    let acct = account(&servers, 1);
    let pw = password(&servers, 1);
    let rt = runtime();
    let session = rt.block_on(imap::connect(&acct, &pw)).expect("connect");
    let caps = session.capabilities().clone();
    assert!(!caps.move_() && caps.uidplus(), "{:?}", caps.names());
    rt.block_on(session.logout());
    sync(&rt, &acct, &pw, &store).expect("first sync");

    // Another client marks UID 5 for deletion and leaves it there.
    servers.dovecot.doveadm(&[
        "flags",
        "add",
        "-u",
        &user,
        "\\Deleted",
        "mailbox",
        "INBOX",
        "uid",
        "5",
    ]);
    let account_id = store.account_id("Test").expect("account");
    let archive = actions::folder_named(&store, account_id, "Archive").expect("archive");
    actions::move_to(&store, &[message_with_uid(&store, "INBOX", 1)], archive).expect("move");
    actions::delete(&store, &[message_with_uid(&store, "INBOX", 2)]).expect("delete");
    let report = sync(&rt, &acct, &pw, &store).expect("sync");
    assert_eq!(
        (report.replayed, report.replay_failed),
        (2, 0),
        "{report:?}"
    );
    let inbox = server_state(&servers, &user, "INBOX");
    assert!(
        !inbox.contains_key(&1) && !inbox.contains_key(&2),
        "{inbox:?}"
    );
    assert_eq!(
        inbox.get(&5),
        Some(&vec!["\\Deleted".to_owned()]),
        "another client's message marked \\Deleted is not expunged by us: {inbox:?}"
    );
    assert_eq!(
        subjects(&servers, &user, "Archive"),
        vec!["Generated message 0"]
    );
    assert_eq!(
        subjects(&servers, &user, "Trash"),
        vec!["Generated message 1"]
    );
    for folder in ["Archive", "Trash"] {
        assert_same(&servers, &store, &user, "Test", folder, true);
    }
}

/// A folder deleted while offline is deleted on the server at the next sync; a folder name
/// with CR, LF or NUL is refused at once, before anything is queued or sent.
#[test]
fn a_folder_deleted_offline_goes_and_unsafe_names_never_reach_the_server() {
    let mut servers = MailServers::dovecot_only();
    let user = servers.user(2).address.clone();
    servers
        .dovecot
        .doveadm(&["mailbox", "create", "-u", &user, "Old Stuff"]);
    servers.dovecot.fill(
        &user,
        "Old Stuff",
        (0..3).map(|i| (generated(i, 1), "", None)),
    );
    let dir = tempfile::tempdir().expect("tmp");
    let store = store_in(dir.path());
    let acct = account(&servers, 2);
    let pw = password(&servers, 2);
    let rt = runtime();
    sync(&rt, &acct, &pw, &store).expect("first sync");

    servers.dovecot.stop();
    let account_id = store.account_id("Test").expect("account");
    let old = actions::folder_named(&store, account_id, "Old Stuff").expect("folder");
    actions::delete_folder(&store, old).expect("delete folder");
    let archive = actions::folder_named(&store, account_id, "Archive").expect("archive");
    for bad in ["Evil\r\nA1 DELETE INBOX", "Nul\0Name", "Line\nFeed"] {
        let err = actions::create_folder(&store, account_id, bad, Some('/')).unwrap_err();
        assert!(
            matches!(err, actions::ActionError::BadFolderName { .. }),
            "{err:?}"
        );
        let err = actions::rename_folder(&store, archive, bad).unwrap_err();
        assert!(
            matches!(err, actions::ActionError::BadFolderName { .. }),
            "{err:?}"
        );
    }
    assert_eq!(store.pending_changes(account_id).expect("queue").len(), 1);

    servers.dovecot.restart();
    let report = sync(&rt, &acct, &pw, &store).expect("sync");
    assert_eq!(
        (report.replayed, report.replay_failed),
        (1, 0),
        "{report:?}"
    );
    let folders = servers.dovecot.folders(&user);
    assert!(!folders.iter().any(|f| f == "Old Stuff"), "{folders:?}");
    assert!(folders.iter().any(|f| f == "Archive"), "{folders:?}");
    assert!(
        !folders
            .iter()
            .any(|f| f.contains("Evil") || f.contains("Nul") || f.contains("Line")),
        "{folders:?}"
    );
    assert!(
        store
            .folder_by_name(account_id, "Old Stuff")
            .expect("lookup")
            .is_none()
    );
    assert_eq!(servers.dovecot.count(&user, "INBOX"), 0);
}
