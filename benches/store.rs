//! The store benchmark (issue 3): a generated 100,000-message store.
//!
//! `cargo bench --bench store` (release build). Measures, with durable writes as in real
//! use: bulk ingest rate; open + first page of the 100k Inbox; keyset page fetches deep in
//! the list; the unified Inbox; search p50/p95 over a mix of queries; unread counts; open
//! after an unclean shutdown (full repair scan). Results and the machine go in
//! BENCHMARKS.md. Not a test: nothing here asserts a time.
//!
//! Environment: `TIDINGS_BENCH_MESSAGES` (default 100000), `TIDINGS_BENCH_DIR` (default a
//! temporary directory under the target directory, removed afterwards).

use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use tidings::engine::account::Protocol;
use tidings::engine::store::*;

const BATCH: usize = 500;
const PAGE: usize = 50;

/// A deterministic pseudo-vocabulary: frequent words first (Zipf-like choice below).
fn vocabulary(rng: &mut StdRng) -> Vec<String> {
    let syllables = [
        "ka", "lo", "mi", "ren", "tal", "vo", "sen", "dor", "pe", "qui", "zu", "mar", "bel", "tor",
        "nis", "ga", "fe", "lun", "cor", "dia",
    ];
    let common = [
        "the", "and", "meeting", "report", "budget", "project", "please", "thanks", "team",
        "review", "draft", "invoice", "schedule", "update", "question", "client", "release",
        "design", "contract", "travel",
    ];
    let mut words: Vec<String> = common.iter().map(|s| s.to_string()).collect();
    while words.len() < 5000 {
        let n = rng.random_range(2..5);
        let w: String = (0..n)
            .map(|_| syllables[rng.random_range(0..syllables.len())])
            .collect();
        words.push(w);
    }
    words
}

/// Index of a word, skewed towards the start (a few words are very common, most are rare).
fn zipf(rng: &mut StdRng, n: usize) -> usize {
    let x: f64 = rng.random_range(0.0..1.0);
    ((n as f64).powf(x) - 1.0) as usize
}

fn sentence(rng: &mut StdRng, words: &[String], len: usize) -> String {
    (0..len)
        .map(|_| words[zipf(rng, words.len())].as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

struct Generator {
    rng: StdRng,
    words: Vec<String>,
    senders: Vec<(String, String)>,
    subjects: Vec<String>,
    ids: Vec<(String, String)>,
}

impl Generator {
    fn new() -> Self {
        let mut rng = StdRng::seed_from_u64(0x7164_6773);
        let words = vocabulary(&mut rng);
        let senders = (0..500)
            .map(|i| {
                let name = format!("{} {}", words[100 + i % 400], words[600 + i]);
                (name, format!("person{i}@example{}.test", i % 37))
            })
            .collect();
        let subjects = (0..8000).map(|_| sentence(&mut rng, &words, 4)).collect();
        Self {
            rng,
            words,
            senders,
            subjects,
            ids: Vec::new(),
        }
    }

    /// Message `n`, dated across five years in order of arrival.
    fn message(&mut self, n: usize, total: usize) -> Vec<u8> {
        let rng = &mut self.rng;
        let (name, addr) = &self.senders[zipf(rng, self.senders.len())];
        let date = 1_577_836_800 + (n as i64 * 5 * 365 * 86_400 / total as i64);
        let date = chrono::DateTime::from_timestamp(date, 0)
            .unwrap()
            .to_rfc2822();
        let mid = format!("m{n}@bench.test");
        let mut head = format!(
            "From: {name} <{addr}>\r\nTo: Alice <alice@example.test>\r\nDate: {date}\r\nMessage-ID: <{mid}>\r\nMIME-Version: 1.0\r\n"
        );
        // A third are replies in an existing conversation.
        let subject = if !self.ids.is_empty() && rng.random_range(0..3) == 0 {
            let (parent, subject) =
                self.ids[self.ids.len() - 1 - zipf(rng, self.ids.len().min(2000))].clone();
            head.push_str(&format!(
                "In-Reply-To: <{parent}>\r\nReferences: <{parent}>\r\n"
            ));
            format!("Re: {subject}")
        } else {
            self.subjects[rng.random_range(0..self.subjects.len())].clone()
        };
        head.push_str(&format!("Subject: {subject}\r\n"));
        self.ids
            .push((mid, subject.trim_start_matches("Re: ").to_owned()));
        let paragraphs: Vec<String> = (0..rng.random_range(1..8))
            .map(|_| {
                let len = rng.random_range(20..120);
                sentence(rng, &self.words, len)
            })
            .collect();
        let text = paragraphs.join("\r\n\r\n");
        let kind = rng.random_range(0..10);
        let body = if kind == 0 {
            // With an attachment.
            let blob: String = (0..rng.random_range(20..200))
                .map(|_| "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3\r\n")
                .collect();
            format!(
                "Content-Type: multipart/mixed; boundary=XYZ\r\n\r\n--XYZ\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n--XYZ\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"{}.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{blob}--XYZ--\r\n",
                self.words[rng.random_range(0..self.words.len())]
            )
        } else if kind < 3 {
            // HTML with a text alternative.
            let html: String = paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect();
            format!(
                "Content-Type: multipart/alternative; boundary=ALT\r\n\r\n--ALT\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n--ALT\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body>{html}</body></html>\r\n--ALT--\r\n"
            )
        } else {
            format!("Content-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n")
        };
        let mut raw = head.into_bytes();
        raw.extend_from_slice(body.as_bytes());
        raw
    }
}

/// The disk alone: files of a typical size written, fdatasynced and renamed on 64 threads
/// (what the store does per message, without parsing or SQLite), files per second. The
/// machine is shared, so this brackets the ingest run to show what the disk gave.
fn disk_baseline(dir: &std::path::Path) -> f64 {
    use std::io::Write;
    let base = dir.join("baseline");
    std::fs::create_dir_all(&base).unwrap();
    let data = vec![b'x'; 3400];
    let n = 5000;
    let next = std::sync::atomic::AtomicUsize::new(0);
    let start = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..64 {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    if i >= n {
                        break;
                    }
                    let tmp = base.join(format!("{i}.tmp"));
                    let mut f = std::fs::File::create(&tmp).unwrap();
                    f.write_all(&data).unwrap();
                    f.sync_data().unwrap();
                    std::fs::rename(&tmp, base.join(format!("{i}.eml"))).unwrap();
                }
            });
        }
    });
    std::fs::File::open(&base).unwrap().sync_all().unwrap();
    let rate = n as f64 / start.elapsed().as_secs_f64();
    std::fs::remove_dir_all(&base).unwrap();
    rate
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[i]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// Times every page of a list from the top to the bottom; `fetch` reads one page and
/// gives the cursor after it (none at the end).
fn page_through(what: &str, mut fetch: impl FnMut(&Page) -> Option<Cursor>) {
    let mut samples = Vec::new();
    let mut page = Page::first(PAGE);
    loop {
        let start = Instant::now();
        let next = fetch(&page);
        samples.push(start.elapsed());
        let Some(cursor) = next else { break };
        page = Page::after(cursor, PAGE);
    }
    println!(
        "{what} ({} pages of {PAGE}, top to bottom): p50 {}, p95 {}, max {}",
        samples.len(),
        ms(percentile(&mut samples, 0.5)),
        ms(percentile(&mut samples, 0.95)),
        ms(percentile(&mut samples, 1.0))
    );
}

fn main() {
    let total: usize = std::env::var("TIDINGS_BENCH_MESSAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    // TIDINGS_BENCH_DIR keeps the store between runs (ingest is skipped when it is complete).
    let kept = std::env::var_os("TIDINGS_BENCH_DIR").map(std::path::PathBuf::from);
    let tmp = match &kept {
        Some(_) => None,
        None => {
            let base = std::env::var_os("CARGO_TARGET_DIR")
                .map(std::path::PathBuf::from)
                .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
            std::fs::create_dir_all(&base).unwrap();
            Some(
                tempfile::Builder::new()
                    .prefix("tidings-store-bench-")
                    .tempdir_in(&base)
                    .unwrap(),
            )
        }
    };
    let dir = kept
        .as_deref()
        .unwrap_or_else(|| tmp.as_ref().unwrap().path());
    println!("store benchmark: {total} messages in {}", dir.display());

    // 1. Bulk ingest, durable, in batches of 500 (one group commit each).
    let mut generator = Generator::new();
    let mut bytes = 0usize;
    let inbox = {
        let start = Instant::now();
        let store = Store::open_in(dir).unwrap();
        println!(
            "first open (creates, or migrates a kept store): {}",
            ms(start.elapsed())
        );
        let acc = store.ensure_account("bench", Protocol::Pop3).unwrap();
        let inbox = store.folder_by_role(acc, Role::Inbox).unwrap().unwrap().id;
        if store.counts(inbox).unwrap().total as usize == total {
            println!("ingest: skipped, the kept store is complete");
            // The generator still has to produce the vocabulary and senders for the queries.
            for i in 0..total {
                generator.message(i, total);
            }
        } else {
            println!(
                "disk alone before ingest: {:.0} files/s (load average {})",
                disk_baseline(dir),
                load_average()
            );
            let mut generating = Duration::ZERO;
            let start = Instant::now();
            let mut n = 0;
            while n < total {
                let g = Instant::now();
                let batch: Vec<NewMessage> = (n..(n + BATCH).min(total))
                    .map(|i| {
                        let raw = generator.message(i, total);
                        bytes += raw.len();
                        let flags = if i % 5 == 0 {
                            Flags::empty()
                        } else {
                            Flags::SEEN
                        };
                        NewMessage::new(
                            Remote::Pop3 {
                                uidl: format!("u{i}"),
                            },
                            RawMessage::Bytes(raw),
                        )
                        .flags(flags)
                    })
                    .collect();
                generating += g.elapsed();
                n += batch.len();
                store.store_messages(inbox, batch).unwrap();
            }
            let ingest = start.elapsed() - generating;
            println!(
                "ingest: {total} messages, {:.0} MB, {:.1} s storing = {:.0} messages/s (durable: files fsynced, then one commit per {BATCH})",
                bytes as f64 / 1e6,
                ingest.as_secs_f64(),
                total as f64 / ingest.as_secs_f64()
            );
            println!(
                "disk alone after ingest: {:.0} files/s (load average {})",
                disk_baseline(dir),
                load_average()
            );
        }
        inbox
    };

    // 2. Open (after a clean close) and the first page of the Inbox.
    let start = Instant::now();
    let store = Store::open_in(dir).unwrap();
    let opened = start.elapsed();
    let start = Instant::now();
    let first = store.list_folder(inbox, &Page::first(PAGE)).unwrap();
    let first_page = start.elapsed();
    assert_eq!(first.len(), PAGE);
    println!(
        "open: {}; first page of {PAGE}: {}; open + first page: {}",
        ms(opened),
        ms(first_page),
        ms(opened + first_page)
    );

    // 3. Paging down the whole Inbox by keyset.
    page_through("page fetch", |page| {
        let rows = store.list_folder(inbox, page).unwrap();
        rows.last().map(|m| m.cursor())
    });
    let start = Instant::now();
    store.list_unified_inbox(&Page::first(PAGE)).unwrap();
    println!("unified inbox first page: {}", ms(start.elapsed()));

    // 3b. The window's default list: one row per conversation (schema v3).
    let start = Instant::now();
    let conversations = store.count_conversations(inbox).unwrap();
    let counted = start.elapsed();
    let start = Instant::now();
    store.list_conversations(inbox, &Page::first(PAGE)).unwrap();
    println!(
        "conversations: {conversations} counted in {}; first page of {PAGE}: {}",
        ms(counted),
        ms(start.elapsed())
    );
    page_through("conversation page fetch", |page| {
        let rows = store.list_conversations(inbox, page).unwrap();
        rows.last().map(|c| c.cursor())
    });
    let start = Instant::now();
    store.count_unified_conversations().unwrap();
    store
        .list_unified_conversations(&Page::first(PAGE))
        .unwrap();
    println!(
        "unified inbox conversations, count + first page: {}",
        ms(start.elapsed())
    );

    // 4. Unread counts.
    let mut samples = Vec::new();
    for _ in 0..20 {
        let start = Instant::now();
        let c = store.counts(inbox).unwrap();
        samples.push(start.elapsed());
        assert_eq!(c.total as usize, total);
    }
    println!(
        "total + unread count of the Inbox: p50 {}",
        ms(percentile(&mut samples, 0.5))
    );
    let acc = store.account_id("bench").unwrap();
    let start = Instant::now();
    store.folders(acc).unwrap();
    println!("folder list with counts: {}", ms(start.elapsed()));

    // 5. Search: first page of results for a mix of queries, each run five times.
    let w = &generator.words;
    let queries = vec![
        w[0].clone(), // very common
        w[3].clone(),
        w[30].clone(), // middling
        w[300].clone(),
        w[3000].clone(), // rare
        w[4500].clone(),
        format!("\"{} {}\"", w[1], w[2]), // phrase
        format!("{} {}", w[5], w[200]),   // two words
        format!("from:{}", generator.senders[3].1),
        format!("from:\"{}\"", generator.senders[40].0),
        format!("subject:{}", w[10]),
        "has:attachment".to_owned(),
        format!("is:unread {}", w[7]),
        format!("after:2024-01-01 {}", w[50]),
        format!("before:2021-01-01 in:inbox {}", w[60]),
        format!("to:alice {}", w[1000]),
        "nosuchwordanywhere".to_owned(),
    ];
    let mut samples = Vec::new();
    let mut worst = (Duration::ZERO, String::new());
    for q in &queries {
        for _ in 0..5 {
            let start = Instant::now();
            store.search(q, None, &Page::first(PAGE)).unwrap();
            let t = start.elapsed();
            if t > worst.0 {
                worst = (t, q.clone());
            }
            samples.push(t);
        }
    }
    println!(
        "search ({} queries × 5, first page of {PAGE}): p50 {}, p95 {}, slowest {} ({})",
        queries.len(),
        ms(percentile(&mut samples, 0.5)),
        ms(percentile(&mut samples, 0.95)),
        ms(worst.0),
        worst.1
    );

    // 6. Threads: the conversation of a message deep in the list.
    let m = &first[7];
    let start = Instant::now();
    store.thread_tree(m.thread).unwrap();
    println!("thread tree of one conversation: {}", ms(start.elapsed()));

    // 7. Open after an unclean shutdown: the full repair scan over every file and row.
    drop(store);
    let _ = std::fs::remove_file(dir.join("messages/.clean"));
    let start = Instant::now();
    let store = Store::open_in(dir).unwrap();
    println!(
        "open after a crash (full scan of {total} files and rows): {}",
        ms(start.elapsed())
    );
    assert!(store.repair_report().full_scan && store.repair_report().lost.is_empty());
}
