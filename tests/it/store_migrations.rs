//! Schema versions: a database written by every earlier version opens with this one, is
//! migrated, and keeps all its mail, queue and outbox.
//!
//! `tests/fixtures/store/v<N>/` holds a store written by schema version N (its
//! `index.sqlite`, its `messages/` files, copies of the raw messages under `raw/`, and
//! `expect.json` saying what must be found). A fixture is written once, by the code of its
//! version, and never regenerated:
//! `TIDINGS_WRITE_STORE_FIXTURE=tests/fixtures/store/v<N> cargo test --test it
//! store_migrations::write_fixture -- --ignored --exact`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tidings::engine::account::Protocol;
use tidings::engine::store::*;

use crate::store::mail_with;

#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
struct ExpectedMessage {
    account: String,
    folder: String,
    subject: String,
    uid: Option<u32>,
    flags: Flags,
    downloaded: bool,
    /// A copy of the stored bytes, relative to the fixture.
    raw: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Expect {
    version: i64,
    messages: Vec<ExpectedMessage>,
    known_uidls: BTreeMap<String, Vec<String>>,
    pending_changes: BTreeMap<String, Vec<Change>>,
    failed_changes: usize,
    outbox: Vec<(String, OutboxState)>,
    /// Query → subjects found, newest first.
    search: BTreeMap<String, Vec<String>>,
    /// Subjects that share one thread.
    thread: Vec<String>,
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store")
}

fn all_messages(store: &Store) -> Vec<MessageSummary> {
    let mut out = Vec::new();
    for (account, _, _) in store.accounts().unwrap() {
        for (folder, _) in store.folders(account).unwrap() {
            out.extend(store.list_folder(folder.id, &Page::first(10_000)).unwrap());
        }
    }
    out.sort_by(|a, b| {
        (&a.account, &a.folder, &a.subject).cmp(&(&b.account, &b.folder, &b.subject))
    });
    out
}

fn observe(store: &Store, raw_dir: Option<&Path>) -> Expect {
    let messages = all_messages(store);
    let mut expected = Vec::new();
    for (i, m) in messages.iter().enumerate() {
        let raw = m.downloaded.then(|| {
            let rel = format!("raw/{i}.eml");
            if let Some(dir) = raw_dir {
                std::fs::write(dir.join(&rel), store.raw(m.id).unwrap()).unwrap();
            }
            rel
        });
        expected.push(ExpectedMessage {
            account: m.account.clone(),
            folder: m.folder.clone(),
            subject: m.subject.clone(),
            uid: m.uid,
            flags: m.flags,
            downloaded: m.downloaded,
            raw,
        });
    }
    let mut known_uidls = BTreeMap::new();
    let mut pending_changes = BTreeMap::new();
    for (id, name, protocol) in store.accounts().unwrap() {
        if protocol == Protocol::Pop3 {
            let mut u: Vec<String> = store.known_uidls(id).unwrap().into_keys().collect();
            u.sort();
            known_uidls.insert(name.clone(), u);
        }
        let changes = store
            .pending_changes(id)
            .unwrap()
            .into_iter()
            .map(|c| c.change)
            .collect();
        pending_changes.insert(name, changes);
    }
    let mut search = BTreeMap::new();
    for q in [
        "budget",
        "from:anna",
        "has:attachment",
        "is:unread in:inbox",
    ] {
        let found = store.search(q, None, &Page::first(50)).unwrap();
        search.insert(q.to_owned(), found.into_iter().map(|m| m.subject).collect());
    }
    let budget = messages
        .iter()
        .find(|m| m.subject == "Budget")
        .map(|m| m.thread);
    let mut thread: Vec<String> = messages
        .iter()
        .filter(|m| Some(m.thread) == budget)
        .map(|m| m.subject.clone())
        .collect();
    thread.sort();
    Expect {
        version: schema::VERSION,
        messages: expected,
        known_uidls,
        pending_changes,
        failed_changes: store.failed_changes(None).unwrap().len(),
        outbox: store
            .outbox_list()
            .unwrap()
            .into_iter()
            .map(|e| (e.subject, e.state))
            .collect(),
        search,
        thread,
    }
}

#[test]
#[ignore = "writes a fixture for the current schema version; run by hand, see the module docs"]
fn write_fixture() {
    let Ok(dir) = std::env::var("TIDINGS_WRITE_STORE_FIXTURE") else {
        return;
    };
    let dir = PathBuf::from(dir);
    assert!(
        !dir.exists(),
        "fixtures are written once and never replaced"
    );
    std::fs::create_dir_all(dir.join("raw")).unwrap();
    {
        let store = Store::open_in(&dir).unwrap();
        let work = store.ensure_account("work", Protocol::Imap).unwrap();
        let inbox = store
            .upsert_folder(
                work,
                &FolderSpec::new("INBOX").role(Role::Inbox).delimiter("/"),
            )
            .unwrap();
        let sent = store
            .upsert_folder(
                work,
                &FolderSpec::new("Sent").role(Role::Sent).delimiter("/"),
            )
            .unwrap();
        store
            .upsert_folder(
                work,
                &FolderSpec::new("Trash").role(Role::Trash).delimiter("/"),
            )
            .unwrap();
        store
            .set_sync_state(
                inbox,
                SyncState {
                    uidvalidity: Some(9),
                    uidnext: Some(4),
                    highestmodseq: Some(77),
                },
            )
            .unwrap();
        let budget = b"From: Anna <anna@firma.test>\r\nTo: bob@example.test\r\nSubject: Budget\r\n\
Date: Mon, 6 Jan 2025 09:00:00 +0000\r\nMessage-ID: <budget@firma.test>\r\nMIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nThe budget for 2025.\r\n\
--B\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=budget.pdf\r\n\
Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--B--\r\n".to_vec();
        store
            .store_messages(
                inbox,
                vec![
                    NewMessage::new(Remote::Imap { uid: 1 }, RawMessage::Bytes(budget)),
                    NewMessage::new(
                        Remote::Imap { uid: 3 },
                        RawMessage::Bytes(mail_with(
                            3,
                            "Re: Budget",
                            "r3@x",
                            &["budget@firma.test"],
                            86_400 * 6,
                        )),
                    )
                    .flags(Flags::SEEN),
                ],
            )
            .unwrap();
        store.store_headers(inbox, vec![NewHeaders {
            uid: 2, flags: Flags::FLAGGED, keywords: vec!["$Work".into()], size: 4321, received: None,
            headers: b"From: Carl <carl@x.test>\r\nSubject: Only headers so far\r\nDate: Tue, 7 Jan 2025 09:00:00 +0000\r\n\r\n".to_vec(),
        }]).unwrap();
        store
            .append_message(
                sent,
                RawMessage::Bytes(mail_with(
                    4,
                    "Re: Budget (my answer)",
                    "mine@x",
                    &["budget@firma.test"],
                    86_400 * 7,
                )),
                Flags::SEEN,
            )
            .unwrap();
        let ids: Vec<MessageId> = store
            .list_folder(inbox, &Page::first(10))
            .unwrap()
            .into_iter()
            .map(|m| m.id)
            .collect();
        store
            .set_flags(&ids[..1], Flags::ANSWERED, Flags::empty())
            .unwrap();
        let failed = store.pending_changes(work).unwrap()[0].id;
        store
            .fail_change(failed, "NO [CANNOT] refused", true)
            .unwrap();

        let home = store.ensure_account("home", Protocol::Pop3).unwrap();
        let hinbox = store.folder_by_role(home, Role::Inbox).unwrap().unwrap().id;
        let stored = store
            .store_messages(
                hinbox,
                vec![
                    NewMessage::new(
                        Remote::Pop3 {
                            uidl: "UID-a".into(),
                        },
                        RawMessage::Bytes(mail_with(10, "Holiday plans", "h@x", &[], 86_400 * 2)),
                    ),
                    NewMessage::new(
                        Remote::Pop3 {
                            uidl: "UID-b".into(),
                        },
                        RawMessage::Bytes(mail_with(11, "Deleted later", "d@x", &[], 86_400 * 3)),
                    ),
                    NewMessage::new(
                        Remote::Pop3 {
                            uidl: "UID-c".into(),
                        },
                        RawMessage::Bytes(b"\x00garbage that is no message\xff".to_vec()),
                    ),
                ],
            )
            .unwrap();
        store
            .delete_permanently(&[stored[1].id().unwrap()])
            .unwrap();

        store
            .outbox_add(&NewOutgoing {
                account: "work".into(),
                from: "bob@example.test".into(),
                recipients: vec!["anna@firma.test".into()],
                raw: mail_with(20, "Waiting to go", "w@x", &[], 0),
            })
            .unwrap();
        let f = store
            .outbox_add(&NewOutgoing {
                account: "work".into(),
                from: "bob@example.test".into(),
                recipients: vec!["nobody@firma.test".into()],
                raw: mail_with(21, "Refused", "f@x", &[], 0),
            })
            .unwrap();
        store.outbox_failed(f, "550 5.1.1 no such user").unwrap();

        let expect = observe(&store, Some(&dir));
        std::fs::write(
            dir.join("expect.json"),
            serde_json::to_string_pretty(&expect).unwrap(),
        )
        .unwrap();
    }
    // Closed cleanly: the WAL is checkpointed into index.sqlite.
    for extra in [
        "index.sqlite-wal",
        "index.sqlite-shm",
        "messages/.clean",
        "messages/.lock",
    ] {
        let _ = std::fs::remove_file(dir.join(extra));
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn every_earlier_schema_version_opens_and_keeps_its_mail() {
    let mut versions: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('v'))
        })
        .collect();
    versions.sort();
    let numbers: Vec<i64> = versions
        .iter()
        .map(|p| {
            p.file_name().unwrap().to_string_lossy()[1..]
                .parse()
                .unwrap()
        })
        .collect();
    // One fixture per version this build knows (the current one included).
    assert_eq!(
        numbers,
        (1..=schema::VERSION).collect::<Vec<_>>(),
        "a schema version has no fixture"
    );

    for fixture in versions {
        let expect: Expect =
            serde_json::from_str(&std::fs::read_to_string(fixture.join("expect.json")).unwrap())
                .unwrap();
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&fixture.join("messages"), &dir.path().join("messages"));
        std::fs::copy(
            fixture.join("index.sqlite"),
            dir.path().join("index.sqlite"),
        )
        .unwrap();
        let before: i64 = rusqlite::Connection::open(dir.path().join("index.sqlite"))
            .unwrap()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(before, expect.version, "{}", fixture.display());

        let store = Store::open_in(dir.path()).unwrap();
        // Nothing needed repair: every row had its file, every file its row.
        let report = store.repair_report();
        assert!(report.full_scan);
        assert!(report.is_empty(), "{}: {report:?}", fixture.display());
        let after: i64 = rusqlite::Connection::open(dir.path().join("index.sqlite"))
            .unwrap()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(after, schema::VERSION);

        let now = observe(&store, None);
        assert_eq!(
            now.messages.len(),
            expect.messages.len(),
            "{}: mail was lost",
            fixture.display()
        );
        for (got, want) in now.messages.iter().zip(&expect.messages) {
            assert_eq!(
                (
                    &got.account,
                    &got.folder,
                    &got.subject,
                    got.uid,
                    got.flags,
                    got.downloaded
                ),
                (
                    &want.account,
                    &want.folder,
                    &want.subject,
                    want.uid,
                    want.flags,
                    want.downloaded
                )
            );
        }
        // The raw bytes are exactly what version N stored.
        for (m, want) in all_messages(&store).iter().zip(&expect.messages) {
            if let Some(raw) = &want.raw {
                assert_eq!(
                    store.raw(m.id).unwrap(),
                    std::fs::read(fixture.join(raw)).unwrap(),
                    "{}",
                    m.subject
                );
            }
        }
        assert_eq!(now.known_uidls, expect.known_uidls);
        assert_eq!(now.pending_changes, expect.pending_changes);
        assert_eq!(now.failed_changes, expect.failed_changes);
        assert_eq!(now.outbox, expect.outbox);
        assert_eq!(now.search, expect.search);
        assert_eq!(now.thread, expect.thread);
        assert!(
            expect.thread.len() >= 3,
            "the fixture's thread spans folders"
        );
    }
}

#[test]
fn the_base_schema_is_frozen() {
    // Version 1 is what the v1 fixture was written with. Changing BASE would make new
    // databases differ from migrated ones: add a migration instead.
    let digest = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(
        schema::BASE.as_bytes(),
    ));
    let frozen = std::fs::read_to_string(fixtures().join("v1/base.sha256")).unwrap();
    assert_eq!(
        digest,
        frozen.trim(),
        "schema::BASE was edited; add a migration instead"
    );
}
