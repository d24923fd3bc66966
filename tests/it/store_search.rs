//! Search over a real store: the query language, what it finds, and clear errors for
//! malformed queries (never an SQL error, never injection).

use tidings::engine::account::Protocol;
use tidings::engine::store::*;

use crate::store::open;

const HTML_WITH_ATTACHMENT: &str = "From: Anna Schmidt <anna@firma.test>\r\n\
To: Bob <bob@example.test>\r\nCc: Carol <carol@example.test>\r\n\
Subject: Quarterly report\r\nDate: Tue, 14 Jan 2025 08:00:00 +0000\r\n\
Message-ID: <q1@firma.test>\r\nMIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\n\
Content-Type: text/html; charset=utf-8\r\n\r\n\
<html><body><p>The <b>annual figures</b> are in. Caf\u{e9} at noon?</p></body></html>\r\n\
--B\r\nContent-Type: application/pdf\r\n\
Content-Disposition: attachment; filename=\"figures-2024.pdf\"\r\n\
Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--B--\r\n";

fn plain(from: &str, to: &str, subject: &str, date: &str, body: &str, n: u32) -> Vec<u8> {
    format!(
        "From: {from}\r\nTo: {to}\r\nSubject: {subject}\r\nDate: {date}\r\n\
         Message-ID: <p{n}@x.test>\r\n\r\n{body}\r\n"
    )
    .into_bytes()
}

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    report: MessageId,
    lunch: MessageId,
    old: MessageId,
    other: MessageId,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let work = store.ensure_account("work", Protocol::Pop3).unwrap();
    let inbox = store.folder_by_role(work, Role::Inbox).unwrap().unwrap().id;
    let sent = store.folder_by_role(work, Role::Sent).unwrap().unwrap().id;
    let ids: Vec<MessageId> = store
        .store_messages(
            inbox,
            vec![
                NewMessage::new(
                    Remote::Pop3 { uidl: "1".into() },
                    RawMessage::Bytes(HTML_WITH_ATTACHMENT.as_bytes().to_vec()),
                ),
                NewMessage::new(
                    Remote::Pop3 { uidl: "2".into() },
                    RawMessage::Bytes(plain(
                        "dave@example.test",
                        "anna@firma.test",
                        "Lunch",
                        "Wed, 15 Jan 2025 12:00:00 +0000",
                        "Shall we get lunch, annual tradition",
                        2,
                    )),
                )
                .flags(Flags::SEEN | Flags::FLAGGED),
            ],
        )
        .unwrap()
        .into_iter()
        .map(|s| s.id().unwrap())
        .collect();
    let old = store
        .store_messages(
            sent,
            vec![
                NewMessage::new(
                    Remote::Local,
                    RawMessage::Bytes(plain(
                        "bob@example.test",
                        "anna@firma.test",
                        "Old news",
                        "Mon, 02 Dec 2024 09:00:00 +0000",
                        "quarterly numbers from last year",
                        3,
                    )),
                )
                .flags(Flags::SEEN),
            ],
        )
        .unwrap()[0]
        .id()
        .unwrap();
    let home = store.ensure_account("home", Protocol::Pop3).unwrap();
    let hinbox = store.folder_by_role(home, Role::Inbox).unwrap().unwrap().id;
    let other = store
        .store_messages(
            hinbox,
            vec![NewMessage::new(
                Remote::Pop3 { uidl: "x".into() },
                RawMessage::Bytes(plain(
                    "mum@family.test",
                    "bob@example.test",
                    "Quarterly visit",
                    "Thu, 16 Jan 2025 08:00:00 +0000",
                    "see you soon",
                    4,
                )),
            )],
        )
        .unwrap()[0]
        .id()
        .unwrap();
    Fixture {
        _dir: dir,
        report: ids[0],
        lunch: ids[1],
        old,
        other,
        store,
    }
}

fn ids(store: &Store, query: &str) -> Vec<MessageId> {
    store
        .search(query, None, &Page::first(50))
        .unwrap_or_else(|e| panic!("{query}: {e}"))
        .into_iter()
        .map(|m| m.id)
        .collect()
}

#[test]
fn words_phrases_and_fields_find_the_right_messages() {
    let f = fixture();
    let s = &f.store;
    assert_eq!(
        ids(s, "quarterly"),
        vec![f.other, f.report, f.old],
        "newest first"
    );
    assert_eq!(ids(s, "annual"), vec![f.lunch, f.report]);
    assert_eq!(
        ids(s, "\"annual figures\""),
        vec![f.report],
        "a phrase from the HTML body"
    );
    assert_eq!(ids(s, "cafe"), vec![f.report], "accents ignored");
    assert_eq!(
        ids(s, "figures-2024.pdf"),
        vec![f.report],
        "attachment names"
    );
    assert_eq!(ids(s, "from:anna"), vec![f.report]);
    assert_eq!(ids(s, "from:anna@firma.test"), vec![f.report]);
    assert_eq!(ids(s, "to:anna"), vec![f.lunch, f.old]);
    assert_eq!(ids(s, "to:carol"), vec![f.report], "to: covers Cc");
    assert_eq!(ids(s, "subject:quarterly"), vec![f.other, f.report]);
    assert_eq!(ids(s, "quarterly -subject:visit"), vec![f.report, f.old]);
}

#[test]
fn flags_dates_folders_and_accounts_narrow_the_results() {
    let f = fixture();
    let s = &f.store;
    assert_eq!(ids(s, "has:attachment"), vec![f.report]);
    assert_eq!(ids(s, "is:unread"), vec![f.other, f.report]);
    assert_eq!(ids(s, "is:flagged"), vec![f.lunch]);
    assert_eq!(ids(s, "is:read -is:flagged"), vec![f.old]);
    assert_eq!(ids(s, "before:2025-01-01"), vec![f.old]);
    assert_eq!(ids(s, "after:2025-01-15 quarterly"), vec![f.other]);
    assert_eq!(ids(s, "in:sent"), vec![f.old], "a role");
    assert_eq!(ids(s, "in:inbox account:work"), vec![f.lunch, f.report]);
    assert_eq!(ids(s, "account:home"), vec![f.other]);
    let work = s.account_id("work").unwrap();
    let only_work: Vec<MessageId> = s
        .search("quarterly", Some(work), &Page::first(10))
        .unwrap()
        .into_iter()
        .map(|m| m.id)
        .collect();
    assert_eq!(only_work, vec![f.report, f.old]);
    // Paging: one at a time, no gaps.
    let first = s.search("quarterly", None, &Page::first(1)).unwrap();
    let second = s
        .search("quarterly", None, &Page::after(first[0].cursor(), 1))
        .unwrap();
    assert_eq!((first[0].id, second[0].id), (f.other, f.report));
}

#[test]
fn malformed_queries_get_clear_errors_and_hostile_ones_find_nothing() {
    let f = fixture();
    let s = &f.store;
    for (query, problem) in [
        ("\"annual", QueryProblem::UnclosedQuote),
        ("from:", QueryProblem::EmptyValue("from".into())),
        ("label:work", QueryProblem::UnknownKey("label".into())),
        (
            "before:yesterday",
            QueryProblem::BadDate("yesterday".into()),
        ),
        ("", QueryProblem::Empty),
    ] {
        match s.search(query, None, &Page::first(5)) {
            Err(StoreError::Query { reason, .. }) => assert_eq!(reason, problem, "{query}"),
            other => panic!("{query}: {other:?}"),
        }
    }
    let e = s.search("colour:red", None, &Page::first(5)).unwrap_err();
    use tidings::engine::error::Localized;
    assert!(e.localized().contains("colour:"), "{}", e.localized());
    assert!(e.is_usage());
    // FTS5 and SQL syntax typed by the user is just text.
    for hostile in [
        "') OR 1=1 --",
        "\"a\" OR \"b\"",
        "NEAR(annual figures)",
        "annual* OR quarterly",
        "*",
        "subject:\"\" OR 1",
        "in:\"x' OR '1'='1\"",
        "\"\"\"\"",
    ] {
        let r = s.search(hostile, None, &Page::first(5));
        assert!(
            matches!(r, Ok(_) | Err(StoreError::Query { .. })),
            "{hostile}: {r:?}"
        );
        if let Ok(found) = r {
            assert!(found.len() <= 1, "{hostile} found {found:?}");
        }
    }
    // The store still works.
    assert_eq!(ids(s, "annual").len(), 2);
}
