//! Conversations: which messages belong together, and in what shape.
//!
//! Two halves of the JWZ algorithm (<https://www.jwz.org/doc/threading.html>):
//! - **Membership**, kept in the index as messages arrive (`assign`): a message joins every
//!   thread that shares a Message-ID with it — its own, or one in its References or
//!   In-Reply-To — and threads it connects are merged. That is JWZ's reference graph,
//!   maintained incrementally, so arrival order does not matter (a reply stored before its
//!   parent, or two replies to a parent never seen, end up together). It spans folders and
//!   accounts: a reply in Sent sits with the message it answers.
//! - **Shape**, computed when a conversation is shown ([`jwz`]): the container tree with
//!   placeholders for missing parents, pruned and sorted by date.
//!
//! The subject fallback follows JWZ step 5 with Thunderbird's default restriction
//! (`mail.thread_without_re` = false): a message without a usable reference joins a thread
//! by subject only when one side is a reply ("Re: …"), so unrelated mails that merely share a
//! subject ("Hello", "Invoice") are not glued together. Subject matching stays within one
//! account.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::envelope::Envelope;
use super::{AccountId, MessageId, Result, Store};

/// Puts a freshly inserted message into its thread, merging threads it connects; returns
/// the thread id.
pub(crate) fn assign(
    conn: &Connection,
    id: MessageId,
    account: AccountId,
    env: &Envelope,
) -> Result<i64> {
    let mut keys: Vec<&str> = Vec::new();
    for k in env
        .message_id
        .iter()
        .chain(env.references.iter())
        .chain(env.in_reply_to.iter())
    {
        if !keys.contains(&k.as_str()) {
            keys.push(k);
        }
    }
    let mut found: Vec<i64> = Vec::new();
    {
        let mut lookup = conn.prepare_cached("SELECT thread_id FROM thread_keys WHERE key = ?1")?;
        for k in &keys {
            if let Some(t) = lookup.query_row([k], |r| r.get(0)).optional()?
                && !found.contains(&t)
            {
                found.push(t);
            }
        }
    }
    let has_references = !env.references.is_empty() || env.in_reply_to.is_some();
    if found.is_empty() && !env.base_subject.is_empty() {
        found.extend(by_subject(conn, id, account, env, has_references)?);
    }
    let thread = found.iter().copied().min().unwrap_or(id.0);
    for other in found.iter().copied().filter(|t| *t != thread) {
        conn.prepare_cached("UPDATE messages SET thread_id = ?1 WHERE thread_id = ?2")?
            .execute(params![thread, other])?;
        conn.prepare_cached("UPDATE thread_keys SET thread_id = ?1 WHERE thread_id = ?2")?
            .execute(params![thread, other])?;
    }
    {
        let mut put = conn.prepare_cached(
            "INSERT INTO thread_keys (key, thread_id) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET thread_id = excluded.thread_id",
        )?;
        for k in &keys {
            put.execute(params![k, thread])?;
        }
    }
    conn.prepare_cached("UPDATE messages SET thread_id = ?1 WHERE id = ?2")?
        .execute(params![thread, id])?;
    Ok(thread)
}

/// The thread a message without a known reference joins by subject, if any.
fn by_subject(
    conn: &Connection,
    id: MessageId,
    account: AccountId,
    env: &Envelope,
    has_references: bool,
) -> Result<Option<i64>> {
    // A reply whose references lead nowhere we know, or that has none: join the newest
    // conversation with this subject.
    let sql = if env.is_reply {
        "SELECT thread_id FROM messages WHERE account_id = ?1 AND base_subject = ?2 AND id <> ?3
         ORDER BY date DESC LIMIT 1"
    } else if !has_references {
        // An original arriving after replies that were threaded by subject alone.
        "SELECT thread_id FROM messages WHERE account_id = ?1 AND base_subject = ?2 AND id <> ?3
             AND is_reply = 1 AND refs = '' AND in_reply_to IS NULL
         ORDER BY date DESC LIMIT 1"
    } else {
        return Ok(None);
    };
    Ok(conn
        .prepare_cached(sql)?
        .query_row(params![account, env.base_subject, id], |r| r.get(0))
        .optional()?)
}

/// What [`jwz`] needs of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreadInput {
    pub id: MessageId,
    pub message_id: Option<String>,
    /// References, then In-Reply-To if it is not already last.
    pub references: Vec<String>,
    pub base_subject: String,
    pub is_reply: bool,
    pub date: i64,
}

/// One node of a conversation tree: a message, or a placeholder for a message that is
/// referred to but not stored (`message: None`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThreadNode {
    pub message: Option<MessageId>,
    pub children: Vec<ThreadNode>,
}

impl ThreadNode {
    /// Every message id in this subtree, depth first.
    pub fn messages(&self) -> Vec<MessageId> {
        let mut out = Vec::new();
        self.walk(&mut |n| out.extend(n.message));
        out
    }

    fn walk(&self, f: &mut impl FnMut(&ThreadNode)) {
        f(self);
        for c in &self.children {
            c.walk(f);
        }
    }
}

#[derive(Debug, Default, Clone)]
struct Container {
    message: Option<usize>,
    parent: Option<usize>,
    children: Vec<usize>,
}

/// The JWZ algorithm over a set of messages: returns the root set as trees, oldest first.
pub fn jwz(messages: &[ThreadInput]) -> Vec<ThreadNode> {
    let mut c: Vec<Container> = Vec::new();
    let mut by_id: HashMap<&str, usize> = HashMap::new();

    // Step 1: a container per Message-ID, linked along References.
    for (i, m) in messages.iter().enumerate() {
        let this = match m.message_id.as_deref() {
            Some(mid) => match by_id.get(mid) {
                Some(&k) if c[k].message.is_none() => {
                    c[k].message = Some(i);
                    k
                }
                // A duplicate Message-ID: keep the message, as its own container.
                Some(_) => new_container(&mut c, Some(i)),
                None => {
                    let k = new_container(&mut c, Some(i));
                    by_id.insert(mid, k);
                    k
                }
            },
            None => new_container(&mut c, Some(i)),
        };
        let mut prev: Option<usize> = None;
        for r in &m.references {
            let k = *by_id
                .entry(r.as_str())
                .or_insert_with(|| new_container(&mut c, None));
            if let Some(p) = prev
                && c[k].parent.is_none()
                && p != k
                && !is_ancestor(&c, k, p)
            {
                link(&mut c, p, k);
            }
            prev = Some(k);
        }
        // The last reference is this message's parent, whatever was guessed before.
        if let Some(p) = prev
            && p != this
            && !is_ancestor(&c, this, p)
        {
            unlink(&mut c, this);
            link(&mut c, p, this);
        }
    }

    // Step 2: the root set.
    let roots: Vec<usize> = (0..c.len()).filter(|&k| c[k].parent.is_none()).collect();

    // Step 4: prune empty containers.
    let mut pruned: Vec<usize> = Vec::new();
    let mut pruned_extra: Vec<usize> = Vec::new();
    for r in roots {
        pruned.extend(prune(&mut c, r, true));
    }

    // Step 5: gather roots by subject, oldest first so the result does not depend on the
    // order messages arrived in.
    pruned.sort_by_key(|&k| first_date(&c, messages, k));
    let mut holders: HashMap<String, usize> = HashMap::new();
    let mut absorbed: HashSet<usize> = HashSet::new();
    for &r in &pruned {
        let Some(s) = subject_key(&c, messages, r) else {
            continue;
        };
        let Some(&h) = holders.get(&s) else {
            holders.insert(s, r);
            continue;
        };
        let h_reply = c[h].message.is_some_and(|i| messages[i].is_reply);
        let r_reply = c[r].message.is_some_and(|i| messages[i].is_reply);
        match (c[h].message.is_some(), c[r].message.is_some()) {
            (false, false) => {
                for k in std::mem::take(&mut c[r].children) {
                    c[k].parent = None;
                    link(&mut c, h, k);
                }
                absorbed.insert(r);
            }
            (false, true) => {
                link(&mut c, h, r);
                absorbed.insert(r);
            }
            (true, false) => {
                link(&mut c, r, h);
                absorbed.insert(h);
                holders.insert(s, r);
            }
            (true, true) => match (h_reply, r_reply) {
                // Thunderbird's rule: never join two originals by subject alone.
                (false, false) => {}
                (false, true) => {
                    link(&mut c, h, r);
                    absorbed.insert(r);
                }
                (true, false) => {
                    link(&mut c, r, h);
                    absorbed.insert(h);
                    holders.insert(s, r);
                }
                (true, true) => {
                    let p = new_container(&mut c, None);
                    link(&mut c, p, h);
                    link(&mut c, p, r);
                    absorbed.insert(h);
                    absorbed.insert(r);
                    holders.insert(s, p);
                    pruned_extra.push(p);
                }
            },
        }
    }
    let mut roots: Vec<usize> = pruned
        .into_iter()
        .chain(pruned_extra)
        .filter(|r| !absorbed.contains(r) && c[*r].parent.is_none())
        .collect();

    // Step 7: sort siblings by date, placeholders by their first child.
    roots.sort_by_key(|&k| first_date(&c, messages, k));
    roots.iter().map(|&k| build(&c, messages, k)).collect()
}

/// The base subject a root is grouped by: its message's, or its first child's for a
/// placeholder.
fn subject_key(c: &[Container], m: &[ThreadInput], k: usize) -> Option<String> {
    let i = c[k]
        .message
        .or_else(|| c[k].children.iter().find_map(|&ch| c[ch].message))?;
    let s = &m[i].base_subject;
    (!s.is_empty()).then(|| s.clone())
}

fn new_container(c: &mut Vec<Container>, message: Option<usize>) -> usize {
    c.push(Container {
        message,
        ..Container::default()
    });
    c.len() - 1
}

fn link(c: &mut [Container], parent: usize, child: usize) {
    c[child].parent = Some(parent);
    c[parent].children.push(child);
}

fn unlink(c: &mut [Container], child: usize) {
    if let Some(p) = c[child].parent.take() {
        c[p].children.retain(|&k| k != child);
    }
}

/// Whether `a` is `b` or one of its ancestors.
fn is_ancestor(c: &[Container], a: usize, b: usize) -> bool {
    let mut cur = Some(b);
    let mut steps = 0;
    while let Some(k) = cur {
        if k == a {
            return true;
        }
        steps += 1;
        if steps > c.len() {
            return true;
        }
        cur = c[k].parent;
    }
    false
}

/// Removes empty containers under `k`; returns what stands in `k`'s place.
fn prune(c: &mut Vec<Container>, k: usize, is_root: bool) -> Vec<usize> {
    let kids = std::mem::take(&mut c[k].children);
    let mut new_kids = Vec::new();
    for ch in kids {
        c[ch].parent = None;
        for n in prune(c, ch, false) {
            new_kids.push(n);
        }
    }
    for &n in &new_kids {
        c[n].parent = Some(k);
    }
    c[k].children = new_kids;
    if c[k].message.is_some() {
        return vec![k];
    }
    match c[k].children.len() {
        0 => Vec::new(),
        // An empty root with one child, or an empty inner node: promote the children.
        1 => promote(c, k),
        _ if !is_root => promote(c, k),
        _ => vec![k],
    }
}

fn promote(c: &mut [Container], k: usize) -> Vec<usize> {
    let kids = std::mem::take(&mut c[k].children);
    for &ch in &kids {
        c[ch].parent = None;
    }
    kids
}

fn first_date(c: &[Container], m: &[ThreadInput], k: usize) -> (i64, i64) {
    match c[k].message {
        Some(i) => (m[i].date, m[i].id.0),
        None => c[k]
            .children
            .iter()
            .map(|&ch| first_date(c, m, ch))
            .min()
            .unwrap_or((i64::MAX, i64::MAX)),
    }
}

fn build(c: &[Container], m: &[ThreadInput], k: usize) -> ThreadNode {
    let mut kids = c[k].children.clone();
    kids.sort_by_key(|&ch| first_date(c, m, ch));
    ThreadNode {
        message: c[k].message.map(|i| m[i].id),
        children: kids.iter().map(|&ch| build(c, m, ch)).collect(),
    }
}

impl Store {
    /// The shape of a conversation: JWZ over its messages, oldest root first.
    pub fn thread_tree(&self, thread: i64) -> Result<Vec<ThreadNode>> {
        let inputs = self.read(|c| {
            let mut s = c.prepare(
                "SELECT id, message_id, refs, in_reply_to, base_subject, is_reply, date
                 FROM messages WHERE thread_id = ?1 ORDER BY date, id",
            )?;
            let rows = s.query_map([thread], |r| {
                let refs: String = r.get(2)?;
                let irt: Option<String> = r.get(3)?;
                let mut references: Vec<String> =
                    refs.split_whitespace().map(str::to_owned).collect();
                if let Some(irt) = irt
                    && references.last() != Some(&irt)
                {
                    references.push(irt);
                }
                Ok(ThreadInput {
                    id: r.get(0)?,
                    message_id: r.get(1)?,
                    references,
                    base_subject: r.get(4)?,
                    is_reply: r.get(5)?,
                    date: r.get(6)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })?;
        Ok(jwz(&inputs))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(id: i64, mid: &str, refs: &[&str], subject: &str, date: i64) -> ThreadInput {
        let (base, reply) = super::super::envelope::base_subject(subject);
        ThreadInput {
            id: MessageId(id),
            message_id: (!mid.is_empty()).then(|| mid.to_owned()),
            references: refs.iter().map(|s| s.to_string()).collect(),
            base_subject: base,
            is_reply: reply,
            date,
        }
    }

    fn shape(n: &ThreadNode) -> String {
        let me = n.message.map_or("_".to_owned(), |m| m.0.to_string());
        if n.children.is_empty() {
            me
        } else {
            let kids: Vec<String> = n.children.iter().map(shape).collect();
            format!("{me}({})", kids.join(" "))
        }
    }

    fn shapes(t: &[ThreadNode]) -> String {
        t.iter().map(shape).collect::<Vec<_>>().join(" | ")
    }

    #[test]
    fn replies_hang_under_their_parents_in_any_order() {
        let a = msg(1, "a", &[], "Plan", 10);
        let b = msg(2, "b", &["a"], "Re: Plan", 20);
        let c = msg(3, "c", &["a", "b"], "Re: Plan", 30);
        let d = msg(4, "d", &["a"], "Re: Plan", 25);
        let expected = "1(2(3) 4)";
        assert_eq!(
            shapes(&jwz(&[a.clone(), b.clone(), c.clone(), d.clone()])),
            expected
        );
        assert_eq!(
            shapes(&jwz(&[c.clone(), d.clone(), b.clone(), a.clone()])),
            expected
        );
        assert_eq!(shapes(&jwz(&[d, a, c, b])), expected);
    }

    #[test]
    fn a_missing_parent_becomes_a_placeholder() {
        // Both answer "x", which we never received.
        let b = msg(2, "b", &["x"], "Re: Lost", 20);
        let c = msg(3, "c", &["x"], "Re: Lost", 30);
        assert_eq!(shapes(&jwz(&[b, c])), "_(2 3)");
        // One child only: the placeholder is dropped and the child is the root.
        let d = msg(4, "d", &["y", "z"], "Re: Other", 20);
        assert_eq!(shapes(&jwz(&[d])), "4");
    }

    #[test]
    fn a_missing_middle_keeps_the_chain() {
        let a = msg(1, "a", &[], "Plan", 10);
        let c = msg(3, "c", &["a", "b"], "Re: Plan", 30);
        assert_eq!(shapes(&jwz(&[c, a])), "1(3)");
    }

    #[test]
    fn subject_only_replies_join_their_original() {
        let a = msg(1, "a", &[], "Lunch?", 10);
        let b = msg(2, "b", &[], "Re: Lunch?", 20);
        let c = msg(3, "c", &[], "RE: lunch?", 30);
        assert_eq!(shapes(&jwz(&[b.clone(), c.clone(), a.clone()])), "1(2 3)");
        assert_eq!(shapes(&jwz(&[a, b, c])), "1(2 3)");
    }

    #[test]
    fn unrelated_mails_with_the_same_subject_stay_apart() {
        let a = msg(1, "a", &[], "Hello", 10);
        let b = msg(2, "b", &[], "Hello", 20);
        assert_eq!(shapes(&jwz(&[a, b])), "1 | 2");
    }

    #[test]
    fn reference_loops_do_not_hang() {
        let a = msg(1, "a", &["b"], "x", 10);
        let b = msg(2, "b", &["a"], "x", 20);
        let t = jwz(&[a, b]);
        let all: Vec<MessageId> = t.iter().flat_map(|n| n.messages()).collect();
        assert_eq!(all.len(), 2);
    }

    #[test]
    fn duplicate_message_ids_keep_both_messages() {
        let a = msg(1, "a", &[], "x", 10);
        let a2 = msg(2, "a", &[], "x", 11);
        let t = jwz(&[a, a2]);
        let all: Vec<MessageId> = t.iter().flat_map(|n| n.messages()).collect();
        assert_eq!(all.len(), 2);
    }
}
