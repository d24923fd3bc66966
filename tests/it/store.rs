//! The local store's core: folders, durable batch and streamed storing, header-only rows,
//! server state, the offline queue, the outbox, paged lists, and repair after interruptions.

use std::io::Write;
use std::path::Path;

use tidings::engine::account::Protocol;
use tidings::engine::store::changes::Target;
use tidings::engine::store::*;

/// A small RFC 5322 message.
pub fn mail(n: u32, subject: &str) -> Vec<u8> {
    mail_with(n, subject, &format!("m{n}@example.test"), &[], n as i64)
}

/// A message with a given Message-ID, References and Date (seconds after 2025-01-01).
pub fn mail_with(n: u32, subject: &str, message_id: &str, refs: &[&str], offset: i64) -> Vec<u8> {
    let date = chrono::DateTime::from_timestamp(1_735_689_600 + offset, 0)
        .unwrap()
        .to_rfc2822();
    let mut m = format!(
        "From: Sender {n} <sender{n}@example.test>\r\nTo: Alice <alice@example.test>\r\n\
         Subject: {subject}\r\nDate: {date}\r\nMessage-ID: <{message_id}>\r\n"
    );
    if let Some(last) = refs.last() {
        let all: Vec<String> = refs.iter().map(|r| format!("<{r}>")).collect();
        m.push_str(&format!(
            "References: {}\r\nIn-Reply-To: <{last}>\r\n",
            all.join(" ")
        ));
    }
    m.push_str(&format!("\r\nBody of message {n}.\r\n"));
    m.into_bytes()
}

pub fn open(dir: &Path) -> Store {
    Store::open_in(dir).expect("open the store")
}

fn files_in(dir: &Path) -> usize {
    std::fs::read_dir(dir).map(|d| d.count()).unwrap_or(0)
}

fn eml_files(store: &Store) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for d in std::fs::read_dir(store.messages_dir()).unwrap().flatten() {
        if d.file_name().to_string_lossy().starts_with('a') {
            for f in std::fs::read_dir(d.path()).unwrap().flatten() {
                out.push(f.path());
            }
        }
    }
    out
}

#[test]
fn a_new_store_has_accounts_and_folders_by_name_and_role() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    assert!(store.repair_report().is_empty());
    let work = store.ensure_account("work", Protocol::Imap).unwrap();
    assert_eq!(store.ensure_account("work", Protocol::Imap).unwrap(), work);
    let inbox = store
        .upsert_folder(
            work,
            &FolderSpec::new("INBOX").role(Role::Inbox).delimiter("/"),
        )
        .unwrap();
    let sent = store
        .upsert_folder(
            work,
            &FolderSpec::new("Gesendete Objekte")
                .role(Role::Sent)
                .delimiter("/"),
        )
        .unwrap();
    store
        .upsert_folder(
            work,
            &FolderSpec::new("Gesendete Objekte/2024").delimiter("/"),
        )
        .unwrap();
    assert_eq!(
        store.folder_by_role(work, Role::Sent).unwrap().unwrap().id,
        sent
    );
    assert_eq!(store.require_folder(work, "INBOX").unwrap().id, inbox);
    assert!(matches!(
        store.require_folder(work, "Nope"),
        Err(StoreError::NoFolder(name)) if name == "Nope"
    ));

    store
        .set_sync_state(
            inbox,
            SyncState {
                uidvalidity: Some(7),
                uidnext: Some(100),
                highestmodseq: Some(1 << 40),
            },
        )
        .unwrap();
    assert_eq!(
        store.folder(inbox).unwrap().sync.highestmodseq,
        Some(1 << 40)
    );

    // A rename carries the subfolders along.
    store.rename_folder_synced(sent, "Sent").unwrap();
    let names: Vec<String> = store
        .folder_list(work)
        .unwrap()
        .into_iter()
        .map(|f| f.name)
        .collect();
    assert_eq!(names, vec!["INBOX", "Sent", "Sent/2024"]);

    // A POP3 account gets its local folders.
    let home = store.ensure_account("home", Protocol::Pop3).unwrap();
    let roles: Vec<Option<Role>> = store
        .folder_list(home)
        .unwrap()
        .into_iter()
        .map(|f| f.role)
        .collect();
    assert_eq!(roles.len(), 4);
    for r in [Role::Inbox, Role::Sent, Role::Drafts, Role::Trash] {
        assert!(roles.contains(&Some(r)), "{r:?} missing");
    }
}

#[test]
fn a_batch_is_stored_durably_once_and_read_back_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let acc = store.ensure_account("pop", Protocol::Pop3).unwrap();
    let inbox = store.folder_by_role(acc, Role::Inbox).unwrap().unwrap().id;

    // One message streamed to disk, two in memory, one of them twice in the batch.
    let big: Vec<u8> = {
        let mut m = mail(1, "Big one");
        m.extend(std::iter::repeat_n(b'x', 3 * 1024 * 1024));
        m.extend_from_slice(b"\r\n");
        m
    };
    let mut w = store.stage().unwrap();
    for chunk in big.chunks(64 * 1024) {
        w.write_all(chunk).unwrap();
    }
    let staged = w.finish().unwrap();
    let batch = vec![
        NewMessage::new(
            Remote::Pop3 { uidl: "u1".into() },
            RawMessage::Staged(staged),
        ),
        NewMessage::new(
            Remote::Pop3 { uidl: "u2".into() },
            RawMessage::Bytes(mail(2, "Second")),
        ),
        NewMessage::new(
            Remote::Pop3 { uidl: "u3".into() },
            RawMessage::Bytes(mail(3, "Third")),
        )
        .flags(Flags::SEEN),
    ];
    let stored = store.store_messages(inbox, batch).unwrap();
    let ids: Vec<MessageId> = stored
        .iter()
        .map(|s| match s {
            Stored::New(id) => *id,
            other => panic!("expected new, got {other:?}"),
        })
        .collect();
    assert_eq!(store.raw(ids[0]).unwrap(), big);
    assert_eq!(store.raw(ids[1]).unwrap(), mail(2, "Second"));
    assert_eq!(files_in(&store.messages_dir().join("tmp")), 0);

    // Retrying the same UIDLs (a connection dropped after the store) duplicates nothing.
    let again = store
        .store_messages(
            inbox,
            vec![NewMessage::new(
                Remote::Pop3 { uidl: "u2".into() },
                RawMessage::Bytes(mail(2, "Second")),
            )],
        )
        .unwrap();
    assert_eq!(again, vec![Stored::Existing(ids[1])]);
    assert_eq!(
        store.counts(inbox).unwrap(),
        Counts {
            total: 3,
            unread: 2
        }
    );
    assert_eq!(eml_files(&store).len(), 3, "the extra copy was removed");

    let known = store.known_uidls(acc).unwrap();
    assert_eq!(known.len(), 3);
    assert!(known.contains_key("u1"));

    // The user deletes a message for good: its UIDL stays known, so it is never
    // downloaded again, and the deletion is queued for the server.
    store.delete_permanently(&[ids[2]]).unwrap();
    assert!(store.known_uidls(acc).unwrap().contains_key("u3"));
    let again = store
        .store_messages(
            inbox,
            vec![NewMessage::new(
                Remote::Pop3 { uidl: "u3".into() },
                RawMessage::Bytes(mail(3, "Third")),
            )],
        )
        .unwrap();
    assert_eq!(again, vec![Stored::Skipped]);
    let queue = store.pending_changes(acc).unwrap();
    assert_eq!(queue.len(), 1);
    assert_eq!(
        queue[0].change,
        Change::Pop3Delete {
            uidls: vec!["u3".into()]
        }
    );
    assert_eq!(
        eml_files(&store).len(),
        2,
        "the deleted message's file is gone"
    );
    store.forget_uidls(acc, &["u3".into()]).unwrap();
    assert!(!store.known_uidls(acc).unwrap().contains_key("u3"));

    // The summary carries what the list and the JSON need.
    let s = store.summary(ids[1]).unwrap();
    assert_eq!(s.subject, "Second");
    assert_eq!(s.from.address, "sender2@example.test");
    assert_eq!(s.to[0].name, "Alice");
    assert_eq!(s.message_id.as_deref(), Some("m2@example.test"));
    assert!(s.downloaded && !s.unreadable);
    let json = serde_json::to_value(&s).unwrap();
    assert_eq!(json["date"], "2025-01-01T00:00:02Z");
    assert_eq!(json["flags"], serde_json::json!([]));
    assert_eq!(json["uid"], serde_json::Value::Null);
}

#[test]
fn header_only_rows_are_listed_and_get_their_bodies_later() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let acc = store.ensure_account("imap", Protocol::Imap).unwrap();
    let inbox = store
        .upsert_folder(acc, &FolderSpec::new("INBOX").role(Role::Inbox))
        .unwrap();
    store
        .set_sync_state(
            inbox,
            SyncState {
                uidvalidity: Some(42),
                ..SyncState::default()
            },
        )
        .unwrap();

    let headers: Vec<NewHeaders> = (1..=5)
        .map(|uid| {
            let full = mail(uid, &format!("Message {uid}"));
            let end = full.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
            NewHeaders {
                uid,
                flags: if uid % 2 == 0 {
                    Flags::SEEN
                } else {
                    Flags::empty()
                },
                keywords: vec!["$Label1".into()],
                size: full.len() as u64,
                received: None,
                headers: full[..end].to_vec(),
            }
        })
        .collect();
    let stored = store.store_headers(inbox, headers.clone()).unwrap();
    assert!(stored.iter().all(|s| matches!(s, Stored::New(_))));
    assert!(
        store
            .store_headers(inbox, headers)
            .unwrap()
            .iter()
            .all(|s| matches!(s, Stored::Existing(_)))
    );

    let page = store.list_folder(inbox, &Page::first(10)).unwrap();
    assert_eq!(page.len(), 5);
    assert_eq!(page[0].subject, "Message 5", "newest first");
    assert!(page.iter().all(|m| !m.downloaded));
    assert!(matches!(store.raw(page[0].id), Err(StoreError::NoBody(_))));

    // Newest first, optionally only newer than a date.
    let lacking = store.lacking_bodies(Some(inbox), None, 2).unwrap();
    assert_eq!(
        lacking.iter().map(|l| l.uid).collect::<Vec<_>>(),
        vec![Some(5), Some(4)]
    );
    let recent = store
        .lacking_bodies(None, Some(1_735_689_600 + 3), 100)
        .unwrap();
    assert_eq!(recent.len(), 2);

    let bodies: Vec<(MessageId, RawMessage)> = lacking
        .iter()
        .map(|l| {
            (
                l.id,
                RawMessage::Bytes(mail(l.uid.unwrap(), &format!("Message {}", l.uid.unwrap()))),
            )
        })
        .collect();
    store.attach_bodies(bodies).unwrap();
    assert_eq!(store.raw(lacking[0].id).unwrap(), mail(5, "Message 5"));
    assert_eq!(
        store.lacking_bodies(Some(inbox), None, 100).unwrap().len(),
        3
    );
    let s = store.summary(lacking[0].id).unwrap();
    assert!(s.downloaded);
    assert_eq!(s.preview, "Body of message 5.");

    // A full message for a UID that only had headers completes that row.
    let r = store
        .store_messages(
            inbox,
            vec![NewMessage::new(
                Remote::Imap { uid: 1 },
                RawMessage::Bytes(mail(1, "Message 1")),
            )],
        )
        .unwrap();
    let id1 = store.message_by_uid(inbox, 1).unwrap().unwrap();
    assert_eq!(r, vec![Stored::Existing(id1)]);
    assert!(store.summary(id1).unwrap().downloaded);

    // Server state: flags, expunge, the UID index.
    store
        .set_server_flags(
            inbox,
            &[ServerFlags {
                uid: 1,
                flags: Flags::SEEN | Flags::FLAGGED,
                keywords: vec![],
            }],
        )
        .unwrap();
    assert_eq!(store.remove_uids(inbox, &[2, 3, 99]).unwrap(), 2);
    let index = store.uid_index(inbox).unwrap();
    assert_eq!(
        index.iter().map(|f| f.uid).collect::<Vec<_>>(),
        vec![1, 4, 5]
    );
    assert_eq!(index[0].flags, Flags::SEEN | Flags::FLAGGED);
    assert_eq!(index[1].keywords, vec!["$Label1".to_owned()]);
    assert_eq!(
        store.counts(inbox).unwrap(),
        Counts {
            total: 3,
            unread: 1
        }
    );

    // UIDVALIDITY changed: everything known by UID goes, nothing mixes.
    store.clear_folder(inbox, 43).unwrap();
    assert!(store.uid_index(inbox).unwrap().is_empty());
    assert_eq!(store.folder(inbox).unwrap().sync.uidvalidity, Some(43));
    assert!(eml_files(&store).is_empty());
}

#[test]
fn local_changes_are_applied_and_queued_in_order_and_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let (acc, inbox, archive, trash, ids) = {
        let store = open(dir.path());
        let acc = store.ensure_account("imap", Protocol::Imap).unwrap();
        let inbox = store
            .upsert_folder(acc, &FolderSpec::new("INBOX").role(Role::Inbox))
            .unwrap();
        let archive = store
            .upsert_folder(acc, &FolderSpec::new("Archive").role(Role::Archive))
            .unwrap();
        let trash = store
            .upsert_folder(acc, &FolderSpec::new("Trash").role(Role::Trash))
            .unwrap();
        let batch = (1..=4)
            .map(|uid| NewMessage::new(Remote::Imap { uid }, RawMessage::Bytes(mail(uid, "x"))))
            .collect();
        let ids: Vec<MessageId> = store
            .store_messages(inbox, batch)
            .unwrap()
            .into_iter()
            .map(|s| s.id().unwrap())
            .collect();
        store
            .set_flags(&ids[..2], Flags::SEEN, Flags::empty())
            .unwrap();
        store.move_messages(&[ids[2]], archive).unwrap();
        store.delete_messages(&[ids[3]]).unwrap(); // to Trash
        store.delete_messages(&[ids[3]]).unwrap(); // from Trash: for good
        store.create_folder(acc, "Projects", Some("/")).unwrap();
        (acc, inbox, archive, trash, ids)
    };
    let store = open(dir.path());
    let queue = store.pending_changes(acc).unwrap();
    let ops: Vec<&Change> = queue.iter().map(|q| &q.change).collect();
    assert_eq!(
        ops,
        vec![
            &Change::Flags {
                folder: "INBOX".into(),
                targets: vec![
                    Target {
                        message: ids[0],
                        uid: Some(1)
                    },
                    Target {
                        message: ids[1],
                        uid: Some(2)
                    }
                ],
                add: vec![Flag::Seen],
                remove: vec![],
            },
            &Change::Move {
                from: "INBOX".into(),
                to: "Archive".into(),
                messages: vec![MovedMessage {
                    source_uid: Some(3),
                    message: ids[2]
                }],
            },
            &Change::Move {
                from: "INBOX".into(),
                to: "Trash".into(),
                messages: vec![MovedMessage {
                    source_uid: Some(4),
                    message: ids[3]
                }],
            },
            // Still no UID in Trash: the move has not been replayed; nothing to expunge
            // there yet, the message row is gone here.
            &Change::CreateFolder {
                name: "Projects".into()
            },
        ]
    );
    assert_eq!(
        store.counts(inbox).unwrap(),
        Counts {
            total: 2,
            unread: 0
        }
    );
    assert_eq!(store.counts(archive).unwrap().total, 1);
    assert_eq!(store.counts(trash).unwrap().total, 0);
    assert!(matches!(
        store.summary(ids[3]),
        Err(StoreError::NoMessage(_))
    ));

    // Replay: the move got UID 77 in Archive; a later change finds it.
    store.assign_uid(ids[2], 77).unwrap();
    assert_eq!(store.uid_of(ids[2]).unwrap(), Some(77));
    store.complete_change(queue[0].id).unwrap();
    store
        .fail_change(queue[1].id, "NO [TRYCREATE] no such mailbox", false)
        .unwrap();
    store
        .fail_change(queue[3].id, "NO [ALREADYEXISTS] exists", true)
        .unwrap();
    let pending = store.pending_changes(acc).unwrap();
    assert_eq!(
        pending.iter().map(|q| q.id).collect::<Vec<_>>(),
        vec![queue[1].id, queue[2].id]
    );
    assert_eq!(pending[0].attempts, 1);
    assert_eq!(
        pending[0].error.as_deref(),
        Some("NO [TRYCREATE] no such mailbox")
    );
    let failed = store.failed_changes(None).unwrap();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].state, ChangeState::Failed);
    assert_eq!(
        failed[0].error.as_deref(),
        Some("NO [ALREADYEXISTS] exists")
    );
    store.retry_change(failed[0].id).unwrap();
    assert_eq!(store.pending_changes(acc).unwrap().len(), 3);

    // An append of our own message is stored and queued together.
    let sent = store
        .upsert_folder(acc, &FolderSpec::new("Sent").role(Role::Sent))
        .unwrap();
    let id = store
        .append_message(sent, RawMessage::Bytes(mail(9, "Sent copy")), Flags::SEEN)
        .unwrap();
    let last = store.pending_changes(acc).unwrap().pop().unwrap();
    assert_eq!(
        last.change,
        Change::Append {
            folder: "Sent".into(),
            message: id,
            flags: Flags::SEEN
        }
    );
    assert_eq!(store.raw(id).unwrap(), mail(9, "Sent copy"));
}

#[test]
fn copies_get_their_own_files_and_folder_deletes_keep_pop3_mail() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let pop = store.ensure_account("pop", Protocol::Pop3).unwrap();
    let inbox = store.folder_by_role(pop, Role::Inbox).unwrap().unwrap().id;
    let trash = store.folder_by_role(pop, Role::Trash).unwrap().unwrap().id;
    let kept = store.create_folder(pop, "Kept", None).unwrap();
    let id = store
        .store_messages(
            inbox,
            vec![NewMessage::new(
                Remote::Pop3 { uidl: "a".into() },
                RawMessage::Bytes(mail(1, "Keep me")),
            )],
        )
        .unwrap()[0]
        .id()
        .unwrap();
    let copy = store.copy_messages(&[id], kept).unwrap()[0];
    assert_ne!(copy, id);
    assert_eq!(store.raw(copy).unwrap(), store.raw(id).unwrap());
    assert!(
        store.pending_changes(pop).unwrap().is_empty(),
        "POP3 folders are local"
    );

    // Deleting a POP3 folder moves its mail to the Trash: it may be the only copy.
    store.delete_folder(kept).unwrap();
    assert_eq!(store.summary(copy).unwrap().folder_id, trash);

    // Across accounts a move is a copy there and a delete here.
    let imap = store.ensure_account("imap", Protocol::Imap).unwrap();
    let archive = store
        .upsert_folder(imap, &FolderSpec::new("Archive"))
        .unwrap();
    let moved = store.move_messages(&[id], archive).unwrap();
    assert_eq!(store.raw(moved[0]).unwrap(), mail(1, "Keep me"));
    assert!(matches!(store.summary(id), Err(StoreError::NoMessage(_))));
    let queued = store.pending_changes(imap).unwrap();
    assert_eq!(queued.len(), 1);
    assert!(
        matches!(&queued[0].change, Change::Append { folder, message, .. } if folder == "Archive" && *message == moved[0])
    );
}

#[test]
fn the_outbox_keeps_every_entry_until_the_server_accepted_it() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = {
        let store = open(dir.path());
        let new = |n| NewOutgoing {
            account: "work".into(),
            from: "alice@example.test".into(),
            recipients: vec!["bob@example.test".into(), "carol@example.test".into()],
            raw: mail(n, &format!("Outgoing {n}")),
        };
        let a = store.outbox_add(&new(1)).unwrap();
        let b = store.outbox_add(&new(2)).unwrap();
        let c = store.outbox_add(&new(3)).unwrap();
        assert_eq!(store.outbox_due(0).unwrap().len(), 3);
        store.outbox_sending(a).unwrap();
        store.outbox_retry_at(b, 1000, "451 try later").unwrap();
        store.outbox_sending(c).unwrap();
        store.outbox_failed(c, "550 no such user").unwrap();
        // The process dies with `a` being sent.
        (a, b, c)
    };
    let store = open(dir.path());
    assert_eq!(store.repair_report().outbox_maybe_sent, 1);
    let list = store.outbox_list().unwrap();
    assert_eq!(list.len(), 3);
    assert!(
        matches!(&list[0].state, OutboxState::MaybeSent { .. }),
        "{:?}",
        list[0].state
    );
    assert_eq!(list[0].subject, "Outgoing 1");
    assert_eq!(list[0].recipients.len(), 2);
    assert_eq!(list[0].attempts, 1);
    assert_eq!(
        list[1].state,
        OutboxState::Retry {
            at: 1000,
            error: "451 try later".into()
        }
    );
    assert_eq!(
        list[2].state,
        OutboxState::Failed {
            reason: "550 no such user".into()
        }
    );
    // Nothing is due that may have been sent or failed for good; the retry is due at 1000.
    assert!(store.outbox_due(999).unwrap().is_empty());
    assert_eq!(
        store
            .outbox_due(1000)
            .unwrap()
            .iter()
            .map(|e| e.id)
            .collect::<Vec<_>>(),
        vec![b]
    );
    assert_eq!(store.outbox_raw(a).unwrap(), mail(1, "Outgoing 1"));
    store.outbox_requeue(a).unwrap();
    store.outbox_sent(b).unwrap();
    assert_eq!(
        store
            .outbox_list()
            .unwrap()
            .iter()
            .map(|e| e.id)
            .collect::<Vec<_>>(),
        vec![a, c]
    );
    let json = serde_json::to_value(store.outbox_entry(c).unwrap()).unwrap();
    assert_eq!(json["state"], "failed");
    assert_eq!(json["reason"], "550 no such user");
}

#[test]
fn lists_page_by_date_without_gaps_or_repeats_and_unify_inboxes() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let mut inboxes = Vec::new();
    for name in ["one", "two"] {
        let acc = store.ensure_account(name, Protocol::Pop3).unwrap();
        let inbox = store.folder_by_role(acc, Role::Inbox).unwrap().unwrap().id;
        // Several messages share a second, so the cursor must also use the id.
        let batch = (0..25u32)
            .map(|n| {
                let raw = mail_with(
                    n,
                    &format!("{name} {n}"),
                    &format!("{name}{n}@x"),
                    &[],
                    i64::from(n / 3),
                );
                NewMessage::new(
                    Remote::Pop3 {
                        uidl: format!("{name}{n}"),
                    },
                    RawMessage::Bytes(raw),
                )
            })
            .collect();
        store.store_messages(inbox, batch).unwrap();
        inboxes.push(inbox);
    }
    let mut seen = Vec::new();
    let mut page = Page::first(7);
    loop {
        let rows = store.list_folder(inboxes[0], &page).unwrap();
        if rows.is_empty() {
            break;
        }
        page = Page::after(rows.last().unwrap().cursor(), 7);
        seen.extend(rows);
    }
    assert_eq!(seen.len(), 25);
    assert!(
        seen.windows(2).all(|w| w[0].cursor() > w[1].cursor()),
        "strictly newest first"
    );

    let mut unified = Vec::new();
    let mut page = Page::first(10);
    loop {
        let rows = store.list_unified_inbox(&page).unwrap();
        if rows.is_empty() {
            break;
        }
        page = Page::after(rows.last().unwrap().cursor(), 10);
        unified.extend(rows);
    }
    assert_eq!(unified.len(), 50);
    assert!(unified.windows(2).all(|w| w[0].cursor() > w[1].cursor()));
    assert!(
        unified.iter().any(|m| m.account == "one") && unified.iter().any(|m| m.account == "two")
    );

    let folders = store.folders(store.account_id("one").unwrap()).unwrap();
    assert_eq!(folders[0].0.role, Some(Role::Inbox));
    assert_eq!(
        folders[0].1,
        Counts {
            total: 25,
            unread: 25
        }
    );
}

#[test]
fn repair_cleans_temp_files_and_accounts_for_every_file_and_row() {
    let dir = tempfile::tempdir().unwrap();
    let (imap_id, pop_id, orphan_src) = {
        let store = open(dir.path());
        let imap = store.ensure_account("imap", Protocol::Imap).unwrap();
        let inbox = store
            .upsert_folder(imap, &FolderSpec::new("INBOX").role(Role::Inbox))
            .unwrap();
        store
            .set_sync_state(
                inbox,
                SyncState {
                    uidvalidity: Some(5),
                    ..SyncState::default()
                },
            )
            .unwrap();
        let imap_id = store
            .store_messages(
                inbox,
                vec![NewMessage::new(
                    Remote::Imap { uid: 10 },
                    RawMessage::Bytes(mail(10, "imap")),
                )],
            )
            .unwrap()[0]
            .id()
            .unwrap();
        let pop = store.ensure_account("pop", Protocol::Pop3).unwrap();
        let pinbox = store.folder_by_role(pop, Role::Inbox).unwrap().unwrap().id;
        let ids: Vec<MessageId> = store
            .store_messages(
                pinbox,
                vec![
                    NewMessage::new(
                        Remote::Pop3 { uidl: "p1".into() },
                        RawMessage::Bytes(mail(1, "pop one")),
                    ),
                    NewMessage::new(
                        Remote::Pop3 { uidl: "p2".into() },
                        RawMessage::Bytes(mail(2, "pop two")),
                    ),
                ],
            )
            .unwrap()
            .into_iter()
            .map(|s| s.id().unwrap())
            .collect();
        // Make p2 look like its transaction never committed: keep its file, drop its row
        // behind the store's back.
        let files = eml_files(&store);
        let p2_file = files
            .iter()
            .find(|f| std::fs::read(f).unwrap() == mail(2, "pop two"))
            .unwrap()
            .clone();
        let saved = std::fs::read(&p2_file).unwrap();
        drop(store);
        let conn = rusqlite::Connection::open(dir.path().join("index.sqlite")).unwrap();
        conn.execute("DELETE FROM messages WHERE id = ?1", [ids[1].0])
            .unwrap();
        conn.execute("DELETE FROM doomed_files", []).unwrap();
        conn.execute("DELETE FROM pop3_uidls WHERE uidl = 'p2'", [])
            .unwrap();
        std::fs::write(&p2_file, saved).unwrap();
        (imap_id, ids[0], p2_file)
    };
    // Simulate the crash: no clean marker, a half-written temp file, two files lost.
    std::fs::remove_file(dir.path().join("messages/.clean")).unwrap();
    std::fs::write(dir.path().join("messages/tmp/123-abc.tmp"), b"half a mess").unwrap();
    let conn = rusqlite::Connection::open(dir.path().join("index.sqlite")).unwrap();
    for id in [imap_id, pop_id] {
        let rel: String = conn
            .query_row("SELECT file FROM messages WHERE id = ?1", [id.0], |r| {
                r.get(0)
            })
            .unwrap();
        std::fs::remove_file(dir.path().join("messages").join(rel)).unwrap();
    }
    drop(conn);
    // A stray file with a name that says nothing must not be deleted either.
    std::fs::write(dir.path().join("messages/a1/unknown.eml"), b"who am I").unwrap();

    let store = open(dir.path());
    let r = store.repair_report().clone();
    assert!(r.full_scan);
    assert_eq!(r.temp_files_removed, 1);
    assert_eq!(r.refetch, 1, "{r:?}");
    assert_eq!(r.lost, vec![pop_id]);
    assert_eq!(r.reindexed.len(), 1);
    assert_eq!(r.recovered.len(), 1);
    assert_eq!(std::fs::read(&r.recovered[0]).unwrap(), b"who am I");

    // IMAP: back to header-only, listed, fetched again. POP3: kept, marked lost, reported.
    assert!(!store.summary(imap_id).unwrap().downloaded);
    assert_eq!(store.lacking_bodies(None, None, 10).unwrap()[0].id, imap_id);
    assert!(store.summary(pop_id).unwrap().lost);
    assert!(matches!(store.raw(pop_id), Err(StoreError::Lost(_))));
    assert_eq!(store.lost_messages().unwrap().len(), 1);
    // The orphan is a message again, with its UIDL known so it is never fetched twice.
    let back = r.reindexed[0];
    assert_eq!(store.raw(back).unwrap(), mail(2, "pop two"));
    assert!(orphan_src.exists());
    let pop = store.account_id("pop").unwrap();
    assert!(store.known_uidls(pop).unwrap().contains_key("p2"));

    // A clean close means no full scan next time.
    drop(store);
    let store = open(dir.path());
    assert!(!store.repair_report().full_scan);
    assert!(store.repair_report().is_empty());
}

#[test]
fn the_store_is_shared_across_threads() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let acc = store.ensure_account("pop", Protocol::Pop3).unwrap();
    let inbox = store.folder_by_role(acc, Role::Inbox).unwrap().unwrap().id;
    std::thread::scope(|s| {
        for t in 0..4u32 {
            let store = store.clone();
            s.spawn(move || {
                for n in 0..10u32 {
                    let k = t * 100 + n;
                    store
                        .store_messages(
                            inbox,
                            vec![NewMessage::new(
                                Remote::Pop3 {
                                    uidl: format!("{k}"),
                                },
                                RawMessage::Bytes(mail(k, "t")),
                            )],
                        )
                        .unwrap();
                    store.list_folder(inbox, &Page::first(5)).unwrap();
                }
            });
        }
    });
    assert_eq!(store.counts(inbox).unwrap().total, 40);
}
