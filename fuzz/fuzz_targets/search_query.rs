//! The search language: the parser, and the SQL it becomes, run against a real store.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tidings::engine::account::Protocol;
use tidings::engine::store::{
    FolderSpec, NewMessage, Page, RawMessage, Remote, Role, Store, search,
};

fn store() -> &'static Store {
    static STORE: OnceLock<(tempfile::TempDir, Store)> = OnceLock::new();
    &STORE
        .get_or_init(|| {
            let (dir, store) = tidings_fuzz::fresh_store();
            let account = store
                .ensure_account("fuzz", Protocol::Pop3)
                .expect("account");
            let inbox = store
                .upsert_folder(account, &FolderSpec::new("INBOX").role(Role::Inbox))
                .expect("inbox");
            let raw = b"From: Anna <anna@example.test>\r\nTo: bob@example.test\r\n\
Subject: quarterly report\r\nDate: Tue, 1 Jul 2025 10:52:37 +0200\r\n\r\nnumbers inside\r\n";
            store
                .store_messages(
                    inbox,
                    vec![NewMessage::new(
                        Remote::Pop3 { uidl: "1".into() },
                        RawMessage::Bytes(raw.to_vec()),
                    )],
                )
                .expect("seed message");
            (dir, store)
        })
        .1
}

fuzz_target!(|data: &[u8]| {
    let Ok(query) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = search::parse(query);
    let searched = store().search(query, None, &Page::first(10));
    // The store parses with the same parser: a query it refuses is one the parser refuses,
    // and a parsed query never becomes SQL the database rejects.
    match (parsed, searched) {
        (Ok(_), Ok(_)) | (Err(_), Err(_)) => {}
        (Ok(q), Err(e)) => panic!("parsed {q:?} but the search failed: {e}"),
        (Err(p), Ok(_)) => panic!("refused ({p:?}) but the search ran"),
    }
});
