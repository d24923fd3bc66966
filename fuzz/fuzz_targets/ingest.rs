//! The ingest path: raw bytes → parse → store row → list → what the reader shows, and the
//! reply and forward built from it. Whatever the bytes, nothing panics, the stored file is
//! the bytes unchanged, the row is listed, and the reader shows the same thing whether it
//! parses the bytes or the stored copy.

#![no_main]

use std::cell::RefCell;

use libfuzzer_sys::fuzz_target;
use tidings::engine::account::Protocol;
use tidings::engine::compose::{self, Identity};
use tidings::engine::message::{ReadMessage, safe_file_name};
use tidings::engine::store::{
    FolderId, FolderSpec, NewMessage, Page, RawMessage, Remote, Role, Store,
};

/// A store is replaced after this many messages, so it stays small.
const ROTATE: u32 = 2000;

struct Shared {
    _dir: tempfile::TempDir,
    store: Store,
    inbox: FolderId,
    stored: u32,
}

thread_local! {
    static SHARED: RefCell<Option<Shared>> = const { RefCell::new(None) };
}

fn with_store<T>(f: impl FnOnce(&Store, FolderId, u32) -> T) -> T {
    SHARED.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.as_ref().is_none_or(|s| s.stored >= ROTATE) {
            *slot = None;
            let (dir, store) = tidings_fuzz::fresh_store();
            let account = store
                .ensure_account("fuzz", Protocol::Pop3)
                .expect("account");
            let inbox = store
                .upsert_folder(account, &FolderSpec::new("INBOX").role(Role::Inbox))
                .expect("inbox");
            *slot = Some(Shared {
                _dir: dir,
                store,
                inbox,
                stored: 0,
            });
        }
        let shared = slot.as_mut().expect("a store");
        shared.stored += 1;
        f(&shared.store, shared.inbox, shared.stored)
    })
}

fuzz_target!(|data: &[u8]| {
    let read = ReadMessage::parse(data);
    for a in &read.attachments {
        assert_eq!(
            a.file_name,
            safe_file_name(&a.file_name),
            "safe names are stable"
        );
        assert!(!a.file_name.contains(['/', '\\']), "{:?}", a.file_name);
        assert!(a.file_name != "." && a.file_name != "..");
        let _ = ReadMessage::attachment_bytes(data, a.index);
    }
    let me = Identity {
        name: "Alice".into(),
        addresses: vec!["alice@example.test".into()],
        signature: String::new(),
    };
    let _ = compose::reply(data, &me);
    let _ = compose::reply_all(data, &me);
    let _ = compose::forward_inline(data, &me);

    with_store(|store, inbox, n| {
        let stored = store
            .store_messages(
                inbox,
                vec![NewMessage::new(
                    Remote::Pop3 {
                        uidl: format!("fuzz-{n}"),
                    },
                    RawMessage::Bytes(data.to_vec()),
                )],
            )
            .expect("any bytes can be stored");
        let id = stored[0].id().expect("a new message has an id");
        let summary = store.summary(id).expect("the row is there");
        assert_eq!(summary.size, data.len() as u64);
        let page = store
            .list_folder(inbox, &Page::first(5))
            .expect("the folder lists");
        assert!(!page.is_empty());
        assert_eq!(store.raw(id).expect("the file is there"), data);
        let shown = store.read_message(id).expect("the reader opens it");
        assert_eq!(shown, read, "the stored copy reads as the bytes do");
        if let Some(word) = summary.subject.split_whitespace().next() {
            let _ = store.search(word, None, &Page::first(5));
        }
    });
});
