//! Benchmark (not a test): POP3 download-and-delete of generated messages by Tidings and by
//! fetchmail, side by side in the same run against the same harness Dovecot (implicit TLS,
//! trusting the harness CA), with every message durable before its DELE in both:
//! - Tidings: the real `engine::pop3::download` into a fresh store (files fsynced, rows
//!   committed, per batch, before DELE).
//! - fetchmail: `fetchall nokeep` with an MDA that writes each message to its own file and
//!   fsyncs it and its directory (`sync FILE DIR`) before fetchmail sends DELE.
//!
//! Run: `cargo bench --bench pop3_vs_fetchmail` (as root the harness installs Dovecot and
//! fetchmail if missing); `-- 1000` runs only that size. Results go in BENCHMARKS.md.

#[path = "../tests/it/support/mod.rs"]
mod support;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use support::{MailServers, TestUser};
use tidings::engine::account::{
    Account, Auth, Pop3Options, Protocol, Security, Server, SyncOptions,
};
use tidings::engine::events::Events;
use tidings::engine::pop3::{self, Tuning};
use tidings::engine::secret::Secret;
use tidings::engine::store::Store;

/// A plausible message of a few kilobytes, unique per (round, i).
fn message(round: &str, i: usize) -> Vec<u8> {
    let body: String = (0..(20 + i % 60))
        .map(|l| {
            format!("Line {l} of message {i}: the quick brown fox jumps over the lazy dog.\r\n")
        })
        .collect();
    format!(
        "Return-Path: <news@example.test>\r\nFrom: Newsletter <news@example.test>\r\n\
         To: alice@example.test\r\nSubject: {round} issue {i}\r\n\
         Message-ID: <{round}-{i}@example.test>\r\nDate: Tue, 2 Jun 2026 08:00:00 +0000\r\n\
         MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}"
    )
    .into_bytes()
}

fn account(servers: &MailServers, user: &TestUser) -> Account {
    let server = Server {
        host: "127.0.0.1".into(),
        port: servers.dovecot.pop3s_port,
        security: Security::Tls,
        username: user.address.clone(),
        auth: Auth::Password,
    };
    Account {
        name: "bench".into(),
        email: user.address.clone(),
        display_name: String::new(),
        protocol: Protocol::Pop3,
        incoming: server.clone(),
        outgoing: server,
        pop3: Pop3Options::default(),
        sync: SyncOptions::default(),
        signature: String::new(),
        save_sent_copy: false,
        ca_file: Some(servers.ca_file.clone()),
        accepted_certs: Vec::new(),
    }
}

fn fill(servers: &MailServers, user: &TestUser, round: &str, n: usize) -> u64 {
    let messages: Vec<Vec<u8>> = (0..n).map(|i| message(round, i)).collect();
    let bytes = messages.iter().map(|m| m.len() as u64).sum();
    servers.dovecot.fill(
        &user.address,
        "INBOX",
        messages.into_iter().map(|m| (m, "", None)),
    );
    assert_eq!(servers.dovecot.count(&user.address, "INBOX"), n);
    bytes
}

fn tidings_run(servers: &MailServers, user: &TestUser, dir: &Path, n: usize) -> Duration {
    let store = Store::open_in(dir).expect("store");
    let acc = account(servers, user);
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let started = Instant::now();
    let report = rt
        .block_on(pop3::download(
            &store,
            &acc,
            &Secret::new(user.password.clone()),
            &Events::none(),
            Tuning::default(),
        ))
        .expect("tidings download");
    let took = started.elapsed();
    assert_eq!(report.downloaded, n as u64);
    assert_eq!(report.deleted_on_server, n as u64);
    assert_eq!(servers.dovecot.count(&user.address, "INBOX"), 0);
    took
}

fn fetchmail_run(servers: &MailServers, user: &TestUser, dir: &Path, n: usize) -> Duration {
    let mail = dir.join("mail");
    std::fs::create_dir_all(&mail).expect("mail dir");
    let rc = dir.join("fetchmailrc");
    // The MDA makes each message durable (file and directory fsynced) before it exits, and
    // fetchmail sends DELE only after the MDA succeeded.
    // fetchmail runs the MDA through the shell; its rc syntax has no escaped quotes, and the
    // scratch path has no spaces.
    let mda = format!(
        "f=$(mktemp -p {m} msg.XXXXXX) && cat > $f && sync $f {m}",
        m = mail.display()
    );
    std::fs::write(
        &rc,
        format!(
            "set no bouncemail\n\
             poll localhost via 127.0.0.1 with proto POP3 service {port} timeout 60\n\
             \tuser \"{user}\" there with password \"{pw}\" is root here\n\
             \tssl sslcertck sslcertfile \"{ca}\" sslcommonname localhost\n\
             \tfetchall nokeep\n\
             \tmda \"{mda}\"\n",
            port = servers.dovecot.pop3s_port,
            user = user.address,
            pw = user.password,
            ca = servers.ca_file.display(),
        ),
    )
    .expect("fetchmailrc");
    // fetchmail refuses a run control file others can read.
    std::fs::set_permissions(&rc, std::os::unix::fs::PermissionsExt::from_mode(0o600))
        .expect("chmod fetchmailrc");
    let started = Instant::now();
    let out = Command::new("fetchmail")
        .arg("-f")
        .arg(&rc)
        .arg("--nosyslog")
        .arg("--nodetach")
        .arg("-s")
        .env("HOME", dir)
        .env("FETCHMAILHOME", dir)
        .output()
        .expect("run fetchmail");
    let took = started.elapsed();
    let delivered = std::fs::read_dir(&mail).expect("mail").count();
    assert!(
        delivered == n && servers.dovecot.count(&user.address, "INBOX") == 0,
        "fetchmail delivered {delivered} of {n}: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    took
}

/// The process's peak resident memory in MiB since the last [`reset_peak_memory`].
fn peak_memory_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn reset_peak_memory() {
    // Writing 5 to clear_refs resets VmHWM (Linux 4.0 and later).
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// One 50 MB message: how long Tidings takes, and whether it stayed out of memory.
fn big_message(servers: &MailServers, user: &TestUser) {
    let mut big = b"Subject: big\r\nMessage-ID: <big@example.test>\r\n\r\n".to_vec();
    let line = b"0123456789abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ..\r\n";
    while big.len() < 50_000_000 {
        big.extend_from_slice(line);
    }
    servers
        .dovecot
        .fill(&user.address, "INBOX", [(big, "", None)]);
    let scratch = tempfile::tempdir().expect("scratch");
    reset_peak_memory();
    let before = peak_memory_mib();
    let took = tidings_run(servers, user, scratch.path(), 1);
    println!(
        "\nOne 50 MB message (release build, implicit TLS): {:.2} s; peak resident memory {:.0} MiB \
         (was {:.0} MiB before the download)",
        took.as_secs_f64(),
        peak_memory_mib(),
        before
    );
}

fn main() {
    tidings::install_crypto_provider();
    support::system::require(&[support::system::need("fetchmail", "fetchmail")]);
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![1_000, 10_000]
    } else {
        sizes
    };
    let servers = MailServers::dovecot_only();
    let alice = servers.user(0);
    println!(
        "| messages | MB | Tidings (s) | msg/s | fetchmail (s) | msg/s | Tidings / fetchmail |"
    );
    println!("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for n in sizes {
        let scratch = tempfile::tempdir().expect("scratch");
        let bytes = fill(&servers, alice, &format!("t{n}"), n);
        let ours = tidings_run(&servers, alice, &scratch.path().join("tidings"), n);
        fill(&servers, alice, &format!("f{n}"), n);
        let theirs = fetchmail_run(&servers, alice, &scratch.path().join("fetchmail"), n);
        println!(
            "| {n} | {:.1} | {:.2} | {:.0} | {:.2} | {:.0} | {:.2} |",
            bytes as f64 / 1e6,
            ours.as_secs_f64(),
            n as f64 / ours.as_secs_f64(),
            theirs.as_secs_f64(),
            n as f64 / theirs.as_secs_f64(),
            ours.as_secs_f64() / theirs.as_secs_f64()
        );
    }
    big_message(&servers, alice);
}
