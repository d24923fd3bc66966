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

/// Every conversation of a folder, read in pages of `limit`.
fn all_conversations(f: &Fixture, folder: FolderId, limit: usize) -> Vec<Conversation> {
    let mut out: Vec<Conversation> = Vec::new();
    let mut page = Page::first(limit);
    loop {
        let got = f.store.list_conversations(folder, &page).unwrap();
        let Some(last) = got.last() else { break };
        page = Page::after(last.cursor(), limit);
        let n = got.len();
        out.extend(got);
        if n < limit {
            break;
        }
    }
    out
}

#[test]
fn a_folder_lists_each_conversation_once_by_its_newest_message_there() {
    let f = Fixture::new();
    // Out of order and across folders: the reply in Sent first, then the newest reply,
    // then the original.
    let reply = f.put(f.sent, "r@x", &["o@x"], "Re: Budget", 20);
    let newest = f.put(f.inbox, "r2@x", &["o@x", "r@x"], "Re: Budget", 30);
    let alone = f.put(f.inbox, "z@x", &[], "Unrelated", 25);
    let original = f.put(f.inbox, "o@x", &[], "Budget", 10);
    f.store
        .set_flags(&[newest], Flags::SEEN, Flags::empty())
        .unwrap();

    let inbox = all_conversations(&f, f.inbox, 10);
    let lines: Vec<(MessageId, u64, u64)> = inbox
        .iter()
        .map(|c| (c.latest.id, c.messages, c.unread))
        .collect();
    // Budget (newest 30) before Unrelated (25); the conversation counts its Sent reply too,
    // and it is unread because the original is.
    assert_eq!(lines, vec![(newest, 3, 2), (alone, 1, 1)]);
    assert_eq!(f.store.count_conversations(f.inbox).unwrap(), 2);
    assert!(inbox.iter().all(|c| c.latest.id != original));

    // In Sent the same conversation is represented by the message that is there.
    let sent = all_conversations(&f, f.sent, 10);
    assert_eq!(sent.len(), 1);
    assert_eq!((sent[0].latest.id, sent[0].messages), (reply, 3));
    assert_eq!(f.store.count_conversations(f.sent).unwrap(), 1);

    // An older message arriving later does not change which one represents it.
    let late = f.put(f.inbox, "r0@x", &["o@x"], "Re: Budget", 15);
    let inbox = all_conversations(&f, f.inbox, 10);
    assert_eq!(inbox[0].latest.id, newest);
    assert_eq!(inbox[0].messages, 4);
    assert_eq!(inbox.len(), 2);
    assert_ne!(late, newest);
}

#[test]
fn conversation_pages_have_no_gaps_or_repeats() {
    let f = Fixture::new();
    // 40 conversations of one to three messages, their messages interleaved in time, many
    // sharing a second, stored in a scrambled order.
    let mut puts: Vec<(usize, usize, i64)> = Vec::new();
    for t in 0..40usize {
        for k in 0..=(t % 3) {
            puts.push((t, k, ((t * 7 + k * 13) % 50) as i64));
        }
    }
    puts.sort_by_key(|&(t, k, _)| (t * 31 + k * 17) % 97);
    for &(t, k, date) in &puts {
        let refs: Vec<String> = (0..k).map(|j| format!("t{t}m{j}@x")).collect();
        let refs: Vec<&str> = refs.iter().map(String::as_str).collect();
        let subject = if k == 0 {
            format!("Topic {t}")
        } else {
            format!("Re: Topic {t}")
        };
        f.put(f.inbox, &format!("t{t}m{k}@x"), &refs, &subject, date);
    }
    // What the list must be: the newest message of each thread, newest first.
    let every = f.store.list_folder(f.inbox, &Page::first(1000)).unwrap();
    let mut expected: Vec<MessageId> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for m in &every {
        if seen.insert(m.thread) {
            expected.push(m.id);
        }
    }
    assert_eq!(expected.len(), 40);
    assert_eq!(f.store.count_conversations(f.inbox).unwrap(), 40);
    for limit in [1, 3, 7, 40, 100] {
        let got: Vec<MessageId> = all_conversations(&f, f.inbox, limit)
            .iter()
            .map(|c| c.latest.id)
            .collect();
        assert_eq!(got, expected, "pages of {limit}");
    }
}

#[test]
fn a_conversation_in_two_inboxes_is_one_line_of_the_unified_inbox() {
    let f = Fixture::new();
    let other = f.store.ensure_account("other", Protocol::Pop3).unwrap();
    let other_inbox = f
        .store
        .folder_by_role(other, Role::Inbox)
        .unwrap()
        .unwrap()
        .id;
    let a = f.put(f.inbox, "a@x", &[], "Meeting", 10);
    let b = f.put(other_inbox, "b@x", &["a@x"], "Re: Meeting", 20);
    let c = f.put(f.inbox, "c@x", &[], "Solo", 15);
    let d = f.put(other_inbox, "d@x", &[], "Other solo", 5);
    assert_eq!(f.thread(a), f.thread(b));
    let mut lines = Vec::new();
    let mut page = Page::first(1);
    loop {
        let got = f.store.list_unified_conversations(&page).unwrap();
        let Some(last) = got.last() else { break };
        page = Page::after(last.cursor(), 1);
        lines.extend(got.iter().map(|c| (c.latest.id, c.messages)));
    }
    assert_eq!(lines, vec![(b, 2), (c, 1), (d, 1)]);
    assert_eq!(f.store.count_unified_conversations().unwrap(), 3);
}
