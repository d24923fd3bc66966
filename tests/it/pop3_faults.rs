//! A connection cut at every step of a POP3 session — CAPA, login, LIST, UIDL, before,
//! during and after RETR, after DELE before QUIT, during QUIT — and at random points inside
//! messages, over many runs: after each run every message is on the server or stored here
//! (or both), never neither, and nothing is stored twice; a clean run then leaves the local
//! set exactly the original set and the server empty.

use std::collections::BTreeMap;
use std::time::Duration;

use tidings::engine::account::{Account, Security};
use tidings::engine::pop3::Tuning;
use tidings::engine::store::Store;

use crate::pop3_download::{
    NoUidlRelay, fill, local_set, message, open_store, plaintext_servers, run,
};
use crate::support::{Fault, FaultProxy, MailServers, TestUser};

/// Two new messages for run `k`; every other run one of them is big enough for a cut to
/// land inside it.
fn fresh(k: usize) -> Vec<Vec<u8>> {
    (0..2)
        .map(|i| {
            let mut m = message(&format!("fault-{k}"), i);
            if i == 1 && k.is_multiple_of(2) {
                let filler = format!("{}\r\n.dotted filler\r\n", "f".repeat(70));
                m.extend_from_slice(filler.repeat(1_000 + 500 * (k % 7)).as_bytes());
            }
            m
        })
        .collect()
}

fn random_cuts(n: usize) -> Vec<Fault> {
    (0..n)
        .map(|_| Fault::CutAfterServerBytes(rand::random_range(20..200_000)))
        .collect()
}

fn cut_on_client(pattern: &str, deliver: bool) -> Fault {
    Fault::CutOnClient {
        pattern: pattern.as_bytes().to_vec(),
        deliver,
    }
}

/// Every protocol step Tidings takes, cut before and after the server saw it.
fn step_faults() -> Vec<Fault> {
    let mut faults = Vec::new();
    for command in ["CAPA", "AUTH", "LIST", "UIDL", "RETR", "DELE", "QUIT"] {
        faults.push(cut_on_client(command, false));
        faults.push(cut_on_client(command, true));
    }
    faults.extend([
        // QUIT reached the server, which committed; its answer is lost.
        Fault::CutOnServer {
            pattern: b"+OK Logging out".to_vec(),
            deliver: false,
        },
        // Right after the first message's header line, and after its end.
        Fault::CutOnServer {
            pattern: b" octets\r\n".to_vec(),
            deliver: true,
        },
        Fault::CutOnServer {
            pattern: b"Bye.\r\n".to_vec(),
            deliver: true,
        },
        Fault::StallAfterServerBytes(40_000),
    ]);
    faults
}

/// Checks what must hold after every run, cut or not.
fn assert_nothing_lost_or_doubled(
    servers: &MailServers,
    store: &Store,
    acc: &Account,
    user: &TestUser,
    originals: &[Vec<u8>],
    context: &str,
) {
    let local = local_set(store, acc);
    let on_server: BTreeMap<Vec<u8>, usize> = servers
        .dovecot
        .messages(&user.address, "INBOX")
        .into_iter()
        .map(|m| (m.raw, 1))
        .collect();
    for (raw, n) in &local {
        assert_eq!(*n, 1, "{context}: stored twice: {:?}", subject(raw));
        assert!(
            originals.contains(raw),
            "{context}: a stored message nobody sent"
        );
    }
    for raw in originals {
        assert!(
            local.contains_key(raw) || on_server.contains_key(raw),
            "{context}: LOST {:?}",
            subject(raw)
        );
    }
}

fn subject(raw: &[u8]) -> String {
    String::from_utf8_lossy(raw)
        .lines()
        .find(|l| l.starts_with("Subject:"))
        .unwrap_or_default()
        .to_owned()
}

/// Runs one download per fault, each after two new messages arrived, checking after every
/// run; then a clean run must leave exactly the original set here and nothing on the server.
fn faults_never_lose_or_double(
    servers: &MailServers,
    upstream: u16,
    security: Security,
    faults: Vec<Fault>,
) {
    let alice = servers.user(0);
    let proxy = FaultProxy::start(upstream);
    let store = open_store(servers);
    let acc = crate::pop3::account(servers, alice, proxy.port, security);
    let tuning = Tuning {
        timeout: Duration::from_secs(2),
        batch_messages: 3,
        ..Tuning::default()
    };
    let mut originals = Vec::new();
    let mut failed_runs = 0;
    let runs = faults.len();
    for (k, fault) in faults.into_iter().enumerate() {
        let new = fresh(k);
        fill(servers, alice, &new);
        originals.extend(new);
        let context = format!("run {k}, {fault:?}");
        proxy.set(fault);
        if run(&store, &acc, alice, tuning).is_err() {
            failed_runs += 1;
        }
        assert_nothing_lost_or_doubled(servers, &store, &acc, alice, &originals, &context);
    }
    // Most faults must really have struck, or this test proves nothing.
    assert!(
        proxy.cuts() * 10 >= runs * 7,
        "only {} cuts in {runs} runs",
        proxy.cuts()
    );
    assert!(
        failed_runs * 10 >= runs * 7,
        "only {failed_runs} of {runs} runs failed"
    );

    proxy.set(Fault::None);
    run(&store, &acc, alice, tuning).expect("a clean run");
    let local = local_set(&store, &acc);
    let want: BTreeMap<Vec<u8>, usize> = originals.iter().map(|r| (r.clone(), 1)).collect();
    assert_eq!(local.len(), want.len());
    assert!(local == want, "the local set differs from what was sent");
    assert_eq!(servers.dovecot.count(&alice.address, "INBOX"), 0);
}

#[test]
fn cuts_at_every_step_and_inside_messages_never_lose_or_double_mail() {
    let servers = plaintext_servers();
    let mut faults = step_faults();
    faults.extend(step_faults());
    faults.extend(random_cuts(20));
    faults_never_lose_or_double(&servers, servers.dovecot.pop3_port, Security::Plain, faults);
}

#[test]
fn cuts_over_tls_never_lose_or_double_mail() {
    // Over TLS the proxy cannot read commands; byte offsets still cut at every depth.
    let servers = MailServers::dovecot_only();
    let mut faults = random_cuts(25);
    faults.push(Fault::StallAfterServerBytes(30_000));
    faults_never_lose_or_double(&servers, servers.dovecot.pop3s_port, Security::Tls, faults);
}

#[test]
fn without_uidl_cuts_before_quit_do_not_double_mail() {
    let servers = plaintext_servers();
    let relay = NoUidlRelay::start(servers.dovecot.pop3_port);
    let mut faults = step_faults();
    faults.extend(random_cuts(10));
    faults_never_lose_or_double(&servers, relay.port, Security::Plain, faults);
}
