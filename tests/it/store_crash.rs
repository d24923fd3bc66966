//! Crash safety: a child process storing mail in batches is SIGKILLed at random moments,
//! many times. After each kill the store is reopened (repair runs) and checked: every row
//! has its file with the right bytes, everything the child was told is stored is there
//! exactly once, and nothing half-written is left. In the end every message is stored once.
//!
//! The child is this test binary itself, started on the ignored test `crash_child` with
//! `TIDINGS_CRASH_DIR` set; it behaves like a POP3 download: it stores what is not stored
//! yet, in batches of mixed in-memory and streamed messages, and reports each batch only
//! after the store call returned.

use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::process::{Command, Stdio};
use std::time::Duration;

use rand::RngExt;
use tidings::engine::account::Protocol;
use tidings::engine::store::*;

const TOTAL: u32 = 1200;
const BATCH: u32 = 40;
const ROUNDS: usize = 40;

/// The message with sequence number `n`: every fifth is big and streamed.
fn message(n: u32) -> Vec<u8> {
    let mut m = format!(
        "From: Crash {n} <crash{n}@example.test>\r\nTo: alice@example.test\r\n\
         Subject: crash test {n}\r\nMessage-ID: <crash{n}@example.test>\r\n\
         Date: Wed, 1 Jan 2025 00:00:00 +0000\r\n\r\n"
    )
    .into_bytes();
    let lines = if n.is_multiple_of(5) { 4000 } else { 20 };
    for i in 0..lines {
        m.extend_from_slice(
            format!("line {i} of message {n}, some text to fill it\r\n").as_bytes(),
        );
    }
    m
}

fn uidl(n: u32) -> String {
    format!("crash-{n}")
}

fn number(uidl: &str) -> u32 {
    uidl.trim_start_matches("crash-").parse().unwrap()
}

fn inbox(store: &Store) -> FolderId {
    let acc = store.ensure_account("crash", Protocol::Pop3).unwrap();
    store.folder_by_role(acc, Role::Inbox).unwrap().unwrap().id
}

#[test]
#[ignore = "the child process of every_kill_leaves_a_consistent_store; it runs only when started by it"]
fn crash_child() {
    let Ok(dir) = std::env::var("TIDINGS_CRASH_DIR") else {
        return;
    };
    let store = Store::open_in(std::path::Path::new(&dir)).unwrap();
    let folder = inbox(&store);
    let acc = store.account_id("crash").unwrap();
    let known = store.known_uidls(acc).unwrap();
    let todo: Vec<u32> = (0..TOTAL)
        .filter(|n| !known.contains_key(&uidl(*n)))
        .collect();
    let mut out = std::io::stdout().lock();
    writeln!(out, "ready").unwrap();
    out.flush().unwrap();
    for chunk in todo.chunks(BATCH as usize) {
        let batch = chunk
            .iter()
            .map(|&n| {
                let raw = if n.is_multiple_of(5) {
                    let mut w = store.stage().unwrap();
                    for piece in message(n).chunks(8192) {
                        w.write_all(piece).unwrap();
                    }
                    RawMessage::Staged(w.finish().unwrap())
                } else {
                    RawMessage::Bytes(message(n))
                };
                NewMessage::new(Remote::Pop3 { uidl: uidl(n) }, raw)
            })
            .collect();
        store.store_messages(folder, batch).unwrap();
        let list: Vec<String> = chunk.iter().map(|n| n.to_string()).collect();
        writeln!(out, "stored {}", list.join(" ")).unwrap();
        out.flush().unwrap();
    }
    writeln!(out, "done").unwrap();
}

/// Runs the child; kills it after `kill_after` (or lets it finish). Returns the message
/// numbers it reported stored and whether it finished.
fn run_child(dir: &std::path::Path, kill_after: Option<Duration>) -> (Vec<u32>, bool) {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "store_crash::crash_child",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads",
            "1",
        ])
        .env("TIDINGS_CRASH_DIR", dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the child");
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut stored = Vec::new();
        let mut done = false;
        for line in std::io::BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if let Some(list) = line.strip_prefix("stored ") {
                stored.extend(list.split(' ').map(|n| n.parse::<u32>().unwrap()));
            } else if line == "done" {
                done = true;
            }
        }
        (stored, done)
    });
    if let Some(after) = kill_after {
        std::thread::sleep(after);
        // SIGKILL: no destructor, no flush, no clean marker.
        let _ = child.kill();
    }
    let status = child.wait().unwrap();
    let (stored, done) = reader.join().unwrap();
    if kill_after.is_none() {
        assert!(status.success() && done, "the child failed: {status:?}");
    }
    (stored, done)
}

/// Everything a reopened store must satisfy; returns the stored message numbers.
fn check(dir: &std::path::Path, promised: &[u32]) -> (Vec<u32>, Repair) {
    let store = Store::open_in(dir).unwrap();
    let report = store.repair_report().clone();
    assert!(report.lost.is_empty(), "a row lost its file: {report:?}");
    assert!(
        report.recovered.is_empty(),
        "a file could not be placed: {report:?}"
    );
    assert_eq!(
        std::fs::read_dir(dir.join("messages/tmp")).unwrap().count(),
        0
    );
    let folder = inbox(&store);
    let mut seen: HashMap<u32, MessageId> = HashMap::new();
    let mut page = Page::first(500);
    loop {
        let rows = store.list_folder(folder, &page).unwrap();
        let Some(last) = rows.last() else { break };
        page = Page::after(last.cursor(), 500);
        for m in &rows {
            let n: u32 = m.subject.trim_start_matches("crash test ").parse().unwrap();
            assert!(m.downloaded, "message {n} has no body");
            // Every row has its file, with exactly the bytes that were stored.
            assert_eq!(store.raw(m.id).unwrap(), message(n), "message {n} differs");
            assert!(
                seen.insert(n, m.id).is_none(),
                "message {n} is stored twice"
            );
        }
    }
    let acc = store.account_id("crash").unwrap();
    let uidls = store.known_uidls(acc).unwrap();
    assert_eq!(uidls.len(), seen.len(), "UIDLs and rows disagree");
    assert!(uidls.keys().all(|u| seen.contains_key(&number(u))));
    for n in promised {
        assert!(
            seen.contains_key(n),
            "message {n} was reported stored and is gone"
        );
    }
    // Every file on disk belongs to a row.
    let files: usize = std::fs::read_dir(dir.join("messages"))
        .unwrap()
        .flatten()
        .filter(|d| d.file_name().to_string_lossy().starts_with('a'))
        .map(|d| std::fs::read_dir(d.path()).unwrap().count())
        .sum();
    assert_eq!(files, seen.len(), "files without rows are left");
    (seen.into_keys().collect(), report)
}

#[test]
fn every_kill_leaves_a_consistent_store() {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = rand::rng();
    let mut promised = Vec::new();
    // Rounds whose kill hit a batch half-way (repair found temp files or files without rows).
    let mut interrupted = 0;
    for _ in 0..ROUNDS {
        let after = Duration::from_millis(rng.random_range(20..400));
        let (stored, done) = run_child(dir.path(), Some(after));
        promised.extend(stored);
        let (_, report) = check(dir.path(), &promised);
        if report.temp_files_removed > 0 || !report.reindexed.is_empty() {
            interrupted += 1;
        }
        if done {
            break;
        }
    }
    let (_, done) = run_child(dir.path(), None);
    assert!(done);
    let (all, _) = check(dir.path(), &promised);
    assert_eq!(all.len(), TOTAL as usize);
    eprintln!("{interrupted} of {ROUNDS} kills interrupted a batch");
    assert!(interrupted > 0, "no kill ever hit a batch being stored");
}
