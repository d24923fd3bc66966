//! Conversations in the store: JWZ over Message-ID/References/In-Reply-To with a subject
//! fallback, whatever order messages arrive in, across folders.

use tidings::engine::account::Protocol;
use tidings::engine::store::*;

use crate::store::{mail_with, open};

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    inbox: FolderId,
    sent: FolderId,
    next_uidl: std::cell::Cell<u32>,
}

impl Fixture {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let store = open(dir.path());
        let acc = store.ensure_account("pop", Protocol::Pop3).unwrap();
        let inbox = store.folder_by_role(acc, Role::Inbox).unwrap().unwrap().id;
        let sent = store.folder_by_role(acc, Role::Sent).unwrap().unwrap().id;
        Self {
            _dir: dir,
            store,
            inbox,
            sent,
            next_uidl: std::cell::Cell::new(0),
        }
    }

    fn put(&self, folder: FolderId, mid: &str, refs: &[&str], subject: &str, t: i64) -> MessageId {
        let n = self.next_uidl.get() + 1;
        self.next_uidl.set(n);
        let raw = mail_with(n, subject, mid, refs, t);
        let remote = if folder == self.inbox {
            Remote::Pop3 {
                uidl: format!("u{n}"),
            }
        } else {
            Remote::Local
        };
        self.store
            .store_messages(
                folder,
                vec![NewMessage::new(remote, RawMessage::Bytes(raw))],
            )
            .unwrap()[0]
            .id()
            .unwrap()
    }

    fn thread(&self, id: MessageId) -> i64 {
        self.store.summary(id).unwrap().thread
    }

    fn shape(&self, id: MessageId) -> String {
        fn one(n: &ThreadNode) -> String {
            let me = n.message.map_or("_".to_owned(), |m| m.0.to_string());
            if n.children.is_empty() {
                me
            } else {
                let kids: Vec<String> = n.children.iter().map(one).collect();
                format!("{me}({})", kids.join(" "))
            }
        }
        let trees = self.store.thread_tree(self.thread(id)).unwrap();
        trees.iter().map(one).collect::<Vec<_>>().join(" | ")
    }
}

#[test]
fn a_reply_in_sent_stored_before_its_original_joins_it() {
    let f = Fixture::new();
    let reply = f.put(f.sent, "r@x", &["o@x"], "Re: Budget", 20);
    let other = f.put(f.inbox, "z@x", &[], "Unrelated", 15);
    let original = f.put(f.inbox, "o@x", &[], "Budget", 10);
    let reply2 = f.put(f.inbox, "r2@x", &["o@x", "r@x"], "Re: Budget", 30);
    assert_eq!(f.thread(reply), f.thread(original));
    assert_eq!(f.thread(reply2), f.thread(original));
    assert_ne!(f.thread(other), f.thread(original));
    assert_eq!(
        f.shape(original),
        format!("{}({}({}))", original.0, reply.0, reply2.0)
    );
    let listed: Vec<MessageId> = f
        .store
        .list_thread(f.thread(original), &Page::first(10))
        .unwrap()
        .into_iter()
        .map(|m| m.id)
        .collect();
    assert_eq!(listed, vec![reply2, reply, original]);
    let folders: Vec<String> = f
        .store
        .list_thread(f.thread(original), &Page::first(10))
        .unwrap()
        .into_iter()
        .map(|m| m.folder)
        .collect();
    assert!(folders.contains(&"Sent".to_owned()) && folders.contains(&"INBOX".to_owned()));
}

#[test]
fn replies_to_a_message_never_received_share_a_placeholder() {
    let f = Fixture::new();
    let a = f.put(f.inbox, "a@x", &["lost@x"], "Re: Gone", 10);
    let b = f.put(f.inbox, "b@x", &["lost@x"], "Re: Gone", 20);
    assert_eq!(f.thread(a), f.thread(b));
    assert_eq!(f.shape(a), format!("_({} {})", a.0, b.0));
}

#[test]
fn a_message_that_links_two_conversations_merges_them() {
    let f = Fixture::new();
    let b = f.put(f.inbox, "b@x", &["a@x"], "Re: Topic", 20);
    let d = f.put(f.inbox, "d@x", &["c@x"], "Re: Side", 40);
    assert_ne!(f.thread(b), f.thread(d));
    // c answers a; d answered c: now it is all one conversation.
    let c = f.put(f.inbox, "c@x", &["a@x"], "Re: Topic", 30);
    assert_eq!(f.thread(b), f.thread(d));
    assert_eq!(f.thread(c), f.thread(d));
    assert_eq!(f.shape(c), format!("_({} {}({}))", b.0, c.0, d.0));
}

#[test]
fn subject_only_replies_join_but_equal_subjects_alone_do_not() {
    let f = Fixture::new();
    // Replies from a client that sends no References, before and after the original.
    let early = f.put(f.inbox, "e@x", &[], "Re: Lunch on Friday?", 20);
    let original = f.put(f.inbox, "o@x", &[], "Lunch on Friday?", 10);
    let late = f.put(f.inbox, "l@x", &[], "AW: Lunch on Friday?", 30);
    assert_eq!(f.thread(early), f.thread(original));
    assert_eq!(f.thread(late), f.thread(original));
    assert_eq!(
        f.shape(original),
        format!("{}({} {})", original.0, early.0, late.0)
    );

    let hello1 = f.put(f.inbox, "h1@x", &[], "Hello", 40);
    let hello2 = f.put(f.inbox, "h2@x", &[], "Hello", 50);
    assert_ne!(f.thread(hello1), f.thread(hello2));
}
