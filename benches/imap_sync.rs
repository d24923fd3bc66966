//! IMAP sync benchmark: Tidings against mbsync (Debian `isync`) and a raw
//! `UID FETCH 1:* BODY.PEEK[]` over the same TLS connection, in the same run, on the same
//! harness Dovecot with 10,000 generated messages (~50 MB).
//!
//! Run: `cargo bench --bench imap_sync` (as root on Debian the harness installs Dovecot and
//! isync when missing). Options through the environment: `IMAP_BENCH_MESSAGES` (default
//! 10000), `IMAP_BENCH_RUNS` (default 3). Prints a Markdown table for BENCHMARKS.md.
//!
//! - First sync: Tidings stores every message durably (file fsynced, row committed) and
//!   indexes it for search; mbsync writes a Maildir with its default `FSync yes`.
//! - No-change resync: the same, run again right after.
//! - Raw fetch: the bytes alone, read and thrown away — the floor for any client.

#![allow(dead_code, unused_imports)]

#[path = "../tests/it/support/mod.rs"]
mod support;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use tidings::engine::account::{
    Account, Auth, Pop3Options, Protocol, Security, Server, SyncOptions,
};
use tidings::engine::events::Events;
use tidings::engine::secret::Secret;
use tidings::engine::store::Store;
use tidings::engine::tls::{Tls, TrustSettings};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};

use support::MailServers;

/// A small deterministic generator, so every run fills the same mailbox.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() as usize) % (hi - lo)
    }
}

const WORDS: &[&str] = &[
    "meeting",
    "report",
    "quarterly",
    "budget",
    "please",
    "review",
    "attached",
    "thanks",
    "schedule",
    "project",
    "deadline",
    "update",
    "team",
    "customer",
    "invoice",
    "release",
    "draft",
    "notes",
    "agenda",
    "follow",
    "question",
    "answer",
    "tomorrow",
    "office",
];

/// One message of about the size the mix asks for: mostly short text, some longer, a few
/// with a base64 attachment. The mix averages about 5 KB.
fn message(i: usize, rng: &mut Rng) -> Vec<u8> {
    let roll = rng.range(0, 100);
    let size = match roll {
        0..80 => rng.range(1_500, 5_000),
        80..97 => rng.range(5_000, 12_000),
        _ => rng.range(20_000, 60_000),
    };
    let day = 1 + i % 28;
    let mut out = format!(
        "From: Sender {s} <sender{s}@example.test>\r\nTo: alice@example.test\r\n\
         Subject: {w1} {w2} number {i}\r\nMessage-ID: <bench{i}@example.test>\r\n\
         Date: Mon, {day} Jan 2024 10:{m:02}:00 +0000\r\nMIME-Version: 1.0\r\n",
        s = i % 97,
        w1 = WORDS[i % WORDS.len()],
        w2 = WORDS[(i * 7) % WORDS.len()],
        m = i % 60,
    );
    if roll >= 97 {
        out.push_str("Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nSee the attachment.\r\n--b\r\nContent-Type: application/octet-stream; name=\"data.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n");
        while out.len() < size {
            let line: String = (0..76)
                .map(|_| {
                    let c = rng.range(0, 64);
                    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[c] as char
                })
                .collect();
            out.push_str(&line);
            out.push_str("\r\n");
        }
        out.push_str("--b--\r\n");
    } else {
        out.push_str("Content-Type: text/plain; charset=utf-8\r\n\r\n");
        while out.len() < size {
            let n = rng.range(6, 14);
            let line: Vec<&str> = (0..n).map(|_| WORDS[rng.range(0, WORDS.len())]).collect();
            out.push_str(&line.join(" "));
            out.push_str(".\r\n");
        }
    }
    out.into_bytes()
}

fn account(servers: &MailServers) -> Account {
    let user = servers.user(0);
    let server = |port| Server {
        host: "127.0.0.1".into(),
        port,
        security: Security::Tls,
        username: user.address.clone(),
        auth: Auth::Password,
    };
    Account {
        name: "Bench".into(),
        email: user.address.clone(),
        display_name: String::new(),
        protocol: Protocol::Imap,
        incoming: server(servers.dovecot.imaps_port),
        outgoing: server(1),
        pop3: Pop3Options::default(),
        sync: SyncOptions::default(),
        signature: String::new(),
        save_sent_copy: true,
        ca_file: Some(servers.ca_file.clone()),
        accepted_certs: Vec::new(),
    }
}

/// The floor: log in, SELECT, `UID FETCH 1:* BODY.PEEK[]`, read every literal, discard.
async fn raw_fetch(servers: &MailServers) -> (usize, u64) {
    let user = servers.user(0);
    let tls = Tls::new(&TrustSettings {
        ca_file: Some(servers.ca_file.clone()),
        accepted: vec![],
    })
    .expect("tls");
    let tcp = tidings::engine::net::connect(
        "127.0.0.1",
        servers.dovecot.imaps_port,
        Duration::from_secs(10),
    )
    .await
    .expect("connect");
    let stream = tls.connect("127.0.0.1", tcp).await.expect("handshake");
    let mut s = BufReader::with_capacity(256 * 1024, stream);
    let mut line = Vec::new();
    s.read_until(b'\n', &mut line).await.expect("greeting");
    let login = format!(
        "a1 LOGIN \"{}\" \"{}\"\r\na2 SELECT INBOX\r\na3 UID FETCH 1:* BODY.PEEK[]\r\n",
        user.address, user.password
    );
    s.get_mut()
        .write_all(login.as_bytes())
        .await
        .expect("write");
    let (mut messages, mut bytes) = (0usize, 0u64);
    let mut buf = vec![0u8; 1 << 20];
    loop {
        line.clear();
        s.read_until(b'\n', &mut line).await.expect("read");
        if line.starts_with(b"a3 ") {
            break;
        }
        if line.ends_with(b"}\r\n")
            && let Some(open) = line.iter().rposition(|b| *b == b'{')
        {
            let n: usize = std::str::from_utf8(&line[open + 1..line.len() - 3])
                .expect("utf8")
                .parse()
                .expect("literal size");
            let mut left = n;
            while left > 0 {
                let take = left.min(buf.len());
                s.read_exact(&mut buf[..take]).await.expect("literal");
                left -= take;
            }
            messages += 1;
            bytes += n as u64;
        }
    }
    (messages, bytes)
}

/// mbsync from the harness Dovecot into a fresh (or the given) Maildir. It checks the
/// certificate by host name only (no IP addresses), so it connects to `localhost`. `fsync`
/// false is mbsync's `FSync no`: not durable, shown only to tell the disk from the rest.
fn mbsync(servers: &MailServers, dir: &Path, fsync: bool) -> Duration {
    let user = servers.user(0);
    let config = dir.join("mbsyncrc");
    let maildir = dir.join("Maildir");
    std::fs::create_dir_all(&maildir).expect("maildir");
    std::fs::write(
        &config,
        format!(
            "{fsync}\nIMAPAccount bench\nHost localhost\nPort {port}\nUser {user}\nPass {pass}\n\
             SSLType IMAPS\nCertificateFile {ca}\n\n\
             IMAPStore remote\nAccount bench\n\n\
             MaildirStore local\nPath {maildir}/\nInbox {maildir}/INBOX\n\n\
             Channel bench\nFar :remote:\nNear :local:\nPatterns INBOX\nCreate Near\nSync Pull\nSyncState *\n",
            port = servers.dovecot.imaps_port,
            user = user.address,
            pass = user.password,
            ca = servers.ca_file.display(),
            maildir = maildir.display(),
            fsync = if fsync { "FSync yes\n" } else { "FSync no\n" },
        ),
    )
    .expect("mbsyncrc");
    let start = Instant::now();
    let out = Command::new("mbsync")
        .arg("-c")
        .arg(&config)
        .arg("-q")
        .arg("bench")
        .output()
        .expect("run mbsync (Debian package isync)");
    let took = start.elapsed();
    assert!(
        out.status.success(),
        "mbsync failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    took
}

fn mbsync_count(dir: &Path) -> usize {
    let inbox = dir.join("Maildir/INBOX");
    ["cur", "new"]
        .iter()
        .filter_map(|d| std::fs::read_dir(inbox.join(d)).ok())
        .map(|r| r.count())
        .sum()
}

/// From the sync's events: when the first batch of headers was stored (the list is usable)
/// and when all of them were.
fn headers_timing(
    mut rx: tokio::sync::mpsc::UnboundedReceiver<tidings::engine::events::Event>,
    start: Instant,
) -> (Duration, Duration) {
    use tidings::engine::events::{Event, Phase};
    let (mut page, mut all) = (None, Duration::ZERO);
    while let Some(e) = rx.blocking_recv() {
        if let Event::Progress {
            phase: Phase::Headers,
            done,
            total,
            ..
        } = e
        {
            page.get_or_insert(start.elapsed());
            if done == total {
                all = start.elapsed();
            }
        }
    }
    (page.unwrap_or_default(), all)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    tidings::install_crypto_provider();
    support::system::require(&[support::system::need("mbsync", "isync")]);
    let n: usize = std::env::var("IMAP_BENCH_MESSAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let runs: usize = std::env::var("IMAP_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let servers = MailServers::dovecot_only();
    let user = servers.user(0).address.clone();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let messages: Vec<Vec<u8>> = (0..n).map(|i| message(i, &mut rng)).collect();
    let total: usize = messages.iter().map(Vec::len).sum();
    servers.dovecot.fill(
        &user,
        "INBOX",
        messages.iter().map(|m| (m.as_slice(), "S", None)),
    );
    drop(messages);
    eprintln!("{n} messages, {:.1} MB in INBOX", total as f64 / 1e6);

    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    // Dovecot indexes the Maildir on first access; warm it so every run sees the same server.
    let (count, bytes) = rt.block_on(raw_fetch(&servers));
    assert_eq!(count, n, "the raw fetch saw every message");
    eprintln!("warm-up fetched {count} messages, {bytes} bytes");

    let acct = account(&servers);
    let password = Secret::new(servers.user(0).password.clone());
    let (mut raw, mut mb_first, mut mb_resync, mut t_first, mut t_resync) =
        (vec![], vec![], vec![], vec![], vec![]);
    let mut mb_nosync = vec![];
    let (mut t_page, mut t_headers) = (vec![], vec![]);
    for run in 1..=runs {
        let start = Instant::now();
        rt.block_on(raw_fetch(&servers));
        raw.push(start.elapsed());

        let dir = tempfile::tempdir().expect("tmp");
        mb_first.push(mbsync(&servers, dir.path(), true));
        assert_eq!(mbsync_count(dir.path()), n, "mbsync fetched every message");
        mb_resync.push(mbsync(&servers, dir.path(), true));
        let dir = tempfile::tempdir().expect("tmp");
        mb_nosync.push(mbsync(&servers, dir.path(), false));

        let dir = tempfile::tempdir().expect("tmp");
        let store = Store::open_in(dir.path()).expect("store");
        let (events, rx) = Events::channel();
        let start = Instant::now();
        let watcher = std::thread::spawn(move || headers_timing(rx, start));
        let report = rt
            .block_on(tidings::engine::imap::sync_account(
                &acct, &password, &store, &events,
            ))
            .expect("tidings first sync");
        t_first.push(start.elapsed());
        drop(events);
        let (page, headers) = watcher.join().expect("event thread");
        t_page.push(page);
        t_headers.push(headers);
        assert_eq!(report.bodies as usize, n, "{report:?}");
        let start = Instant::now();
        let again = rt
            .block_on(tidings::engine::imap::sync_account(
                &acct,
                &password,
                &store,
                &Events::none(),
            ))
            .expect("tidings resync");
        t_resync.push(start.elapsed());
        assert_eq!(again.new + again.bodies, 0, "{again:?}");
        eprintln!(
            "run {run}: raw {} | mbsync {} / {} (FSync no {}) | tidings {} / {}",
            secs(*raw.last().unwrap_or(&Duration::ZERO)),
            secs(*mb_first.last().unwrap_or(&Duration::ZERO)),
            secs(*mb_resync.last().unwrap_or(&Duration::ZERO)),
            secs(*mb_nosync.last().unwrap_or(&Duration::ZERO)),
            secs(*t_first.last().unwrap_or(&Duration::ZERO)),
            secs(*t_resync.last().unwrap_or(&Duration::ZERO)),
        );
    }
    let mbn = median(mb_nosync);
    let (tp, th) = (median(t_page), median(t_headers));
    let (raw, mbf, mbr, tf, tr) = (
        median(raw),
        median(mb_first),
        median(mb_resync),
        median(t_first),
        median(t_resync),
    );
    println!(
        "| {n} messages, {:.1} MB, median of {runs} | first sync | no-change resync |",
        total as f64 / 1e6
    );
    println!("| --- | --- | --- |");
    println!("| raw `UID FETCH 1:* BODY.PEEK[]` | {} | — |", secs(raw));
    println!(
        "| mbsync (isync, FSync yes) | {} | {} |",
        secs(mbf),
        secs(mbr)
    );
    println!(
        "| mbsync, FSync no (not durable, for reference) | {} | — |",
        secs(mbn)
    );
    println!("| Tidings | {} | {} |", secs(tf), secs(tr));
    println!(
        "| Tidings: first 500 headers stored (the list is usable) | {} | — |",
        secs(tp)
    );
    println!("| Tidings: every header stored | {} | — |", secs(th));
    println!(
        "| Tidings ÷ mbsync | {:.2} | {:.2} |",
        tf.as_secs_f64() / mbf.as_secs_f64(),
        tr.as_secs_f64() / mbr.as_secs_f64()
    );
    println!(
        "| Tidings ÷ raw fetch | {:.2} | — |",
        tf.as_secs_f64() / raw.as_secs_f64()
    );
}
