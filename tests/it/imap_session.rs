//! The IMAP command layer against Dovecot, including the async-imap gaps it closes:
//! APPENDUID and COPYUID kept, VANISHED answers to UID EXPUNGE with QRESYNC on, and more than
//! 100 unsolicited responses in a row with none lost. Folders: roles, hierarchy,
//! subscriptions, UTF-8 names; IDLE waking on new mail.

use std::time::Duration;

use tidings::engine::imap::folders::Role;
use tidings::engine::imap::idle::Wake;
use tidings::engine::imap::plan::SelectMode;
use tidings::engine::imap::{self, ImapError};

use crate::imap_common::{account, password, runtime};
use crate::support::{MailServers, to_crlf};

fn message(i: usize) -> Vec<u8> {
    format!(
        "From: Sender {i} <sender{i}@example.test>\r\nTo: alice@example.test\r\nSubject: Message {i}\r\nMessage-ID: <m{i}@example.test>\r\nDate: Mon, 1 Jan 2024 10:00:00 +0000\r\n\r\nBody of message {i}.\r\n"
    )
    .into_bytes()
}

#[test]
fn folders_have_roles_hierarchy_subscriptions_and_utf8_names() {
    let servers = MailServers::dovecot_only();
    let rt = runtime();
    rt.block_on(async {
        let mut s = imap::connect(&account(&servers, 0), &password(&servers, 0))
            .await
            .expect("connect");
        s.enable_extensions().await.expect("enable");
        s.create_folder("Projekte/Entwürfe 📬")
            .await
            .expect("create");
        // Creating it again (a replay after a lost answer) is not an error.
        s.create_folder("Projekte/Entwürfe 📬")
            .await
            .expect("create twice");
        let folders = s.list_folders().await.expect("list");
        let find = |n: &str| folders.iter().find(|f| f.name == n).cloned();
        for (name, role) in [
            ("INBOX", Role::Inbox),
            ("Sent", Role::Sent),
            ("Drafts", Role::Drafts),
            ("Trash", Role::Trash),
            ("Junk", Role::Junk),
            ("Archive", Role::Archive),
        ] {
            let f = find(name).unwrap_or_else(|| panic!("{name} missing: {folders:?}"));
            assert_eq!(f.role, Some(role), "{f:?}");
        }
        let nested = find("Projekte/Entwürfe 📬").expect("nested folder");
        assert_eq!(nested.delimiter, Some('/'));
        assert_eq!(nested.leaf(), "Entwürfe 📬");
        assert!(nested.subscribed && nested.selectable);
        assert!(nested.wire.is_ascii(), "{}", nested.wire);
        assert!(find("Projekte").is_some(), "the parent is listed");
        // The server holds exactly that name.
        let on_server = servers.dovecot.folders(&servers.user(0).address);
        assert!(
            on_server.iter().any(|f| f == "Projekte/Entwürfe 📬"),
            "{on_server:?}"
        );

        s.rename_folder("Projekte/Entwürfe 📬", "Projekte/Fertig")
            .await
            .expect("rename");
        s.rename_folder("Projekte/Entwürfe 📬", "Projekte/Fertig")
            .await
            .expect("rename replayed");
        let folders = s.list_folders().await.expect("list");
        assert!(
            folders
                .iter()
                .any(|f| f.name == "Projekte/Fertig" && f.subscribed)
        );
        assert!(!folders.iter().any(|f| f.name == "Projekte/Entwürfe 📬"));
        s.delete_folder("Projekte/Fertig").await.expect("delete");
        s.delete_folder("Projekte/Fertig")
            .await
            .expect("delete replayed");
        assert!(!s.folder_exists("Projekte/Fertig").await.expect("list"));

        let err = s
            .create_folder("evil\r\nA1 DELETE INBOX")
            .await
            .unwrap_err();
        assert!(matches!(err, ImapError::UnsafeInput { .. }), "{err:?}");
        s.logout().await;
    });
}

#[test]
fn append_copy_move_and_expunge_report_uids() {
    let servers = MailServers::dovecot_only();
    let user = servers.user(0).address.clone();
    let rt = runtime();
    rt.block_on(async {
        let mut s = imap::connect(&account(&servers, 0), &password(&servers, 0))
            .await
            .expect("connect");
        let enabled = s.enable_extensions().await.expect("enable");
        assert!(enabled.qresync, "Dovecot offers QRESYNC");

        // APPENDUID: the UID the server gave, which async-imap's append() drops.
        let (validity, uid) = s
            .append("Archive", &["\\Seen".into()], None, &message(1))
            .await
            .expect("append")
            .expect("APPENDUID");
        let held = servers.dovecot.messages(&user, "Archive");
        assert_eq!(held.len(), 1);
        assert_eq!(held[0].uid, uid);
        assert!(
            held[0].flags.iter().any(|f| f == "\\Seen"),
            "{:?}",
            held[0].flags
        );
        // Dovecot keeps LF line ends in its maildir; over IMAP they are CRLF again.
        assert_eq!(to_crlf(&held[0].raw), message(1));

        for i in 2..=4 {
            s.append("INBOX", &[], None, &message(i))
                .await
                .expect("append");
        }
        let inbox = s
            .select("INBOX", SelectMode::Condstore)
            .await
            .expect("select");
        assert_eq!(inbox.exists, 3);
        let uids: Vec<u32> = servers
            .dovecot
            .messages(&user, "INBOX")
            .iter()
            .map(|m| m.uid)
            .collect();

        // COPYUID on UID COPY (tagged) and on UID MOVE (untagged, before the expunges).
        let copied = s
            .uid_copy(&uids[..1], "Archive")
            .await
            .expect("copy")
            .expect("COPYUID");
        assert_eq!(copied.pairs.len(), 1);
        assert_eq!(copied.pairs[0].0, uids[0]);
        let moved = s
            .uid_move(&uids[1..2], "Archive")
            .await
            .expect("move")
            .expect("COPYUID");
        assert_eq!(moved.pairs[0].0, uids[1]);
        assert_ne!(moved.uidvalidity, 0);
        let archive: Vec<u32> = servers
            .dovecot
            .messages(&user, "Archive")
            .iter()
            .map(|m| m.uid)
            .collect();
        assert!(archive.contains(&copied.pairs[0].1) && archive.contains(&moved.pairs[0].1));
        assert_eq!(validity, moved.uidvalidity);

        // UID EXPUNGE with QRESYNC on: the server answers VANISHED, which async-imap's
        // uid_expunge() turns into an empty stream; here the UIDs come back.
        s.uid_store_flags(&uids[2..3], true, &["\\Deleted".into()])
            .await
            .expect("store");
        let gone = s.uid_expunge(&uids[2..3]).await.expect("expunge");
        assert_eq!(gone, vec![uids[2]]);
        assert_eq!(
            servers.dovecot.count(&user, "INBOX"),
            1,
            "only the copied one is left"
        );
        s.logout().await;
    });
}

#[test]
fn hundreds_of_unsolicited_responses_are_all_kept() {
    let servers = MailServers::dovecot_only();
    let user = servers.user(1).address.clone();
    servers
        .dovecot
        .fill(&user, "INBOX", (0..300).map(|i| (message(i), "", None)));
    let rt = runtime();
    rt.block_on(async {
        let mut s = imap::connect(&account(&servers, 1), &password(&servers, 1))
            .await
            .expect("connect");
        s.enable_extensions().await.expect("enable");
        s.select("INBOX", SelectMode::Condstore)
            .await
            .expect("select");
        // Another client marks all 300 read and expunges 150 while we are selected.
        servers.dovecot.doveadm(&[
            "flags", "add", "-u", &user, "\\Seen", "mailbox", "INBOX", "all",
        ]);
        servers
            .dovecot
            .doveadm(&["expunge", "-u", &user, "mailbox", "INBOX", "uid", "1:150"]);
        s.noop().await.expect("noop");
        let news = s.take_unsolicited();
        // async-imap's channel would have kept 100 and dropped the rest silently.
        let flagged: std::collections::BTreeSet<u32> = news.flags.iter().map(|f| f.uid).collect();
        assert!(flagged.len() >= 150, "{} flag updates", flagged.len());
        assert!(
            flagged
                .iter()
                .all(|u| *u > 150 || !news.vanished.contains(u))
        );
        assert_eq!(news.vanished.len(), 150, "{:?}", news.vanished.len());
        assert_eq!(news.vanished.first(), Some(&1));
        assert_eq!(news.vanished.last(), Some(&150));
        s.logout().await;
    });
}

#[test]
fn idle_wakes_when_mail_arrives_and_stops_when_cancelled() {
    let servers = MailServers::dovecot_only();
    let user = servers.user(2).address.clone();
    let rt = runtime();
    rt.block_on(async {
        let mut s = imap::connect(&account(&servers, 2), &password(&servers, 2))
            .await
            .expect("connect");
        s.select("INBOX", SelectMode::Plain).await.expect("select");
        let (stop, mut cancel) = tokio::sync::watch::channel(false);
        let deliver = {
            let maildir = servers.dovecot.maildir(&user, "INBOX");
            tokio::task::spawn_blocking(move || {
                std::thread::sleep(Duration::from_millis(500));
                let name = format!("{}.idle.harness:2,", std::process::id());
                std::fs::write(maildir.join("new").join(name), message(99)).expect("deliver");
            })
        };
        let woke = s
            .idle(Duration::from_secs(60), &mut cancel)
            .await
            .expect("idle");
        deliver.await.expect("delivery");
        assert_eq!(woke, Wake::Changed);
        assert_eq!(s.take_unsolicited().exists, Some(1));

        stop.send(true).expect("cancel");
        let woke = s
            .idle(Duration::from_secs(60), &mut cancel)
            .await
            .expect("idle");
        assert_eq!(woke, Wake::Cancelled);
        // The session is still usable after DONE.
        s.noop().await.expect("noop after idle");
        s.logout().await;
    });
}
