//! Hostile messages (the corpus of `hostile_corpus`: a few hundred, with a 50 MB attachment,
//! deep nesting, broken encodings, NUL bytes, megabyte headers, wrong charsets, missing
//! boundaries, HTML bombs...) go through the real ingest paths, IMAP sync and POP3
//! download from the harness Dovecot, into the store; each is then listed and shown by the
//! `tidings` binary. Every run is a child process whose peak memory the kernel reports: no
//! crash, no hang (a watchdog kills a child that never ends), and memory within bounds.

use std::collections::HashSet;
use std::path::Path;
use std::time::Duration;

use serde_json::Value;
use tidings::engine::Profile;
use tidings::engine::store::{MessageId, Page, Store};

use crate::hostile_corpus::corpus;
use crate::support::child::{self, Measured};
use crate::support::{MailServers, cli};

const MIB: u64 = 1024 * 1024;

/// Memory a run may take for a message of `size` bytes: a fixed allowance for the program
/// and its store, plus a generous multiple of the message (it is parsed whole, its parts
/// decoded). Far above what a run needs, far below what an unbounded one takes.
fn memory_bound(size: usize) -> u64 {
    256 * MIB + 12 * size as u64
}

fn sync(profile: &Path, biggest: usize) -> Measured {
    let run = child::run(
        child::tidings(profile).args(["sync", "--account", "Hostile"]),
        None,
        Duration::from_secs(40 * 60),
    );
    assert!(run.success(), "{}", run.describe());
    assert!(
        run.peak_rss < memory_bound(biggest),
        "sync took {} MiB",
        run.peak_rss / MIB
    );
    run
}

/// Every stored message of the account, by local id, with the size the store recorded.
fn stored(profile: &Path) -> Vec<(MessageId, u64, bool)> {
    let store = Store::open(&Profile::under(profile)).expect("store");
    let account = store.account_id("Hostile").expect("account");
    let mut out = Vec::new();
    for (folder, _) in store.folders(account).expect("folders") {
        let mut page = Page::first(500);
        loop {
            let batch = store.list_folder(folder.id, &page).expect("list");
            let Some(last) = batch.last() else { break };
            page = Page::after(last.cursor(), 500);
            for m in &batch {
                // Every row has its file, whole.
                let raw = store.raw(m.id).expect("the stored file");
                assert_eq!(raw.len() as u64, m.size, "message {}", m.id);
                out.push((m.id, m.size, m.downloaded));
            }
        }
    }
    out
}

fn list(profile: &Path, expected: usize) {
    let run = child::run(
        child::tidings(profile).args([
            "list",
            "--account",
            "Hostile",
            "--limit",
            "100000",
            "--json",
        ]),
        None,
        Duration::from_secs(10 * 60),
    );
    assert!(run.success(), "{}", run.describe());
    assert!(
        run.peak_rss < memory_bound(0),
        "list took {} MiB",
        run.peak_rss / MIB
    );
    let json: Value = serde_json::from_slice(&run.stdout).expect("list JSON");
    let listed = json.as_array().expect("an array");
    assert_eq!(listed.len(), expected);
    let ids: HashSet<i64> = listed.iter().filter_map(|m| m["id"].as_i64()).collect();
    assert_eq!(ids.len(), expected, "no message listed twice");
}

/// Puts the corpus into the first user's INBOX; the number of messages and the size of the
/// biggest. The corpus is dropped before any child runs (see `support::child`).
fn fill(servers: &MailServers) -> (usize, usize) {
    let corpus = corpus(true);
    let biggest = corpus.iter().map(|h| h.raw.len()).max().unwrap_or(0);
    let user = servers.user(0);
    servers.dovecot.fill(
        &user.address,
        "INBOX",
        corpus.iter().map(|h| (h.raw.as_slice(), "", None)),
    );
    assert_eq!(servers.dovecot.count(&user.address, "INBOX"), corpus.len());
    (corpus.len(), biggest)
}

#[test]
fn hostile_messages_are_synced_listed_and_shown_within_bounds() {
    let servers = MailServers::dovecot_only();
    let (count, biggest) = fill(&servers);
    let profile = tempfile::tempdir().expect("profile");
    let p = profile.path();
    cli::Account::imap(&servers, "Hostile").add(p);
    sync(p, biggest);

    let messages = stored(p);
    assert_eq!(messages.len(), count, "every message is stored");
    assert!(messages.iter().all(|(_, _, downloaded)| *downloaded));
    list(p, count);

    for (id, size, _) in messages {
        for json in [false, true] {
            let id_text = id.0.to_string();
            let mut args = vec!["show", id_text.as_str()];
            if json {
                args.push("--json");
            }
            let run = child::run(
                child::tidings(p).args(&args),
                None,
                Duration::from_secs(10 * 60),
            );
            assert!(
                run.success(),
                "show {id} ({size} bytes): {}",
                run.describe()
            );
            assert!(
                run.peak_rss < memory_bound(size as usize),
                "show {id} ({size} bytes) took {} MiB",
                run.peak_rss / MIB
            );
            if json {
                let shown: Value = serde_json::from_slice(&run.stdout).expect("show JSON");
                assert_eq!(shown["id"].as_i64(), Some(id.0));
            }
        }
    }
}

#[test]
fn hostile_messages_are_downloaded_over_pop3_within_bounds() {
    let servers = MailServers::dovecot_only();
    let (count, biggest) = fill(&servers);
    let profile = tempfile::tempdir().expect("profile");
    let p = profile.path();
    cli::Account::pop3(&servers, "Hostile").add(p);
    sync(p, biggest);
    let messages = stored(p);
    assert_eq!(messages.len(), count, "every message is stored");
    // Stored first, then deleted on the server: nothing is left there.
    assert_eq!(servers.dovecot.count(&servers.user(0).address, "INBOX"), 0);
    list(p, count);
}
