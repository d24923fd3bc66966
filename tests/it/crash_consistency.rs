//! Crash consistency of the whole program: the `tidings` binary is SIGKILLed at random
//! moments, many times over, while it syncs a large IMAP account, downloads a POP3 mailbox
//! and flushes the outbox, against the harness servers. After every kill the store is
//! opened again (its repair runs) and checked: every row has its file with the server's
//! bytes, no message is there twice, no temporary or stray file is left, and nothing is
//! lost — compared with what the server holds and what was queued. A last run finishes
//! the job and everything is there exactly once.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use rand::RngExt;
use tidings::engine::Profile;
use tidings::engine::store::{NewOutgoing, OutboxState, Page, Store};

use crate::imap_sync::generated;
use crate::support::child::{self, Measured};
use crate::support::{MailServers, cli, to_crlf};

/// How many times each job is started and killed, at most: a job that has finished is not
/// started again.
const ROUNDS: usize = 25;
/// How many of those runs must have been killed with work left: the IMAP sync stores bodies
/// in batches of 250, so its 3,600 messages give about 15 kills.
const MIN_KILLS: usize = 8;

/// How a run under [`kill_at`] ended.
#[derive(Debug)]
enum Run {
    Killed,
    /// It ran to its end by itself: whether it succeeded, and what it said.
    Ended(bool, String),
}

/// Starts `tidings args`; SIGKILLs it after `after` unless it ended before. Returns whether
/// it ran to its end by itself.
fn kill_after(profile: &Path, args: &[&str], after: Duration) -> bool {
    let mut c = spawn(profile, args);
    let step = Duration::from_millis(10);
    let mut waited = Duration::ZERO;
    while waited < after {
        if let Ok(Some(_)) = c.try_wait() {
            return true;
        }
        std::thread::sleep(step);
        waited += step;
    }
    kill(c)
}

/// Starts `tidings args` and SIGKILLs it at a point of its work: once `messages` holds
/// `files` message files, and `jitter` later (so the kill lands anywhere between two
/// messages: mid-download, between a file and its row, before a POP3 DELE). Progress, not
/// a clock, picks the moment, so however fast the machine, every run is killed with work
/// left.
fn kill_at(profile: &Path, args: &[&str], messages: &Path, files: usize, jitter: Duration) -> Run {
    let errors = tempfile::NamedTempFile::new().expect("stderr file");
    let mut c = child::tidings(profile)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(errors.reopen().expect("stderr file"))
        .spawn()
        .expect("start tidings");
    let ended = |status: std::process::ExitStatus| {
        let text = std::fs::read_to_string(errors.path()).unwrap_or_default();
        let tail: String = text.lines().rev().take(5).collect::<Vec<_>>().join(" / ");
        let how = format!("{status} after {} files: {tail}", files_in(messages));
        Run::Ended(status.success(), how)
    };
    // A run that stalls is killed all the same (the checks after it still hold).
    let stalled = Instant::now() + Duration::from_secs(300);
    while files_in(messages) < files && Instant::now() < stalled {
        if let Ok(Some(status)) = c.try_wait() {
            return ended(status);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    std::thread::sleep(jitter);
    if let Ok(Some(status)) = c.try_wait() {
        return ended(status);
    }
    kill(c);
    Run::Killed
}

fn spawn(profile: &Path, args: &[&str]) -> Child {
    child::tidings(profile)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start tidings")
}

/// SIGKILL: no destructor runs, nothing is flushed, no clean-shutdown marker.
fn kill(mut c: Child) -> bool {
    let _ = c.kill();
    let _ = c.wait();
    false
}

fn finish(profile: &Path, args: &[&str]) -> Measured {
    let run = child::run(
        child::tidings(profile).args(args),
        None,
        Duration::from_secs(30 * 60),
    );
    assert!(run.success(), "{}", run.describe());
    run
}

/// Opens the store as the next run would (repair runs) and checks what holds for any
/// store: nothing was lost by repair, no temporary file is left, every message file on
/// disk belongs to a row. Returns the store.
/// Removes a profile's mail store (the index and the message files), keeping its settings.
fn forget_store(profile: &Path) {
    let data = Profile::under(profile).data;
    for entry in std::fs::read_dir(&data)
        .expect("the data directory")
        .flatten()
    {
        let path = entry.path();
        if path.file_name().is_some_and(|n| n == "logs") {
            continue;
        }
        if path.is_dir() {
            std::fs::remove_dir_all(&path).expect("remove the store's files");
        } else {
            std::fs::remove_file(&path).expect("remove the store's index");
        }
    }
}

fn reopen(profile: &Path) -> Store {
    let store = Store::open(&Profile::under(profile)).expect("the store opens after a kill");
    let report = store.repair_report().clone();
    assert!(report.lost.is_empty(), "repair lost messages: {report:?}");
    assert!(
        report.recovered.is_empty(),
        "repair found files it could not place: {report:?}"
    );
    let messages = store.messages_dir().to_path_buf();
    let tmp = std::fs::read_dir(messages.join("tmp"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(tmp, 0, "temporary files are left");
    store
}

/// Every row with a body, per account folder: (folder name, uid or none, raw bytes).
fn bodies(store: &Store, account: &str) -> Vec<(String, Option<u32>, Vec<u8>)> {
    let Ok(id) = store.account_id(account) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (folder, _) in store.folders(id).expect("folders") {
        let mut page = Page::first(500);
        loop {
            let rows = store.list_folder(folder.id, &page).expect("list");
            let Some(last) = rows.last() else { break };
            page = Page::after(last.cursor(), 500);
            for m in rows {
                assert!(!m.lost, "message {} is marked lost", m.id);
                if m.downloaded {
                    let raw = store.raw(m.id).expect("every row has its file");
                    assert_eq!(raw.len() as u64, m.size, "message {}", m.id);
                    out.push((folder.name.clone(), m.uid, raw));
                } else {
                    out.push((folder.name.clone(), m.uid, Vec::new()));
                }
            }
        }
    }
    out
}

/// How many message files the store keeps on disk.
fn files_on_disk(store: &Store) -> usize {
    files_in(store.messages_dir())
}

/// How many message files are under `messages` (a store's message directory).
fn files_in(messages: &Path) -> usize {
    let Ok(dir) = std::fs::read_dir(messages) else {
        return 0;
    };
    dir.flatten()
        .filter(|d| d.file_name().to_string_lossy().starts_with('a'))
        .map(|d| std::fs::read_dir(d.path()).map(|r| r.count()).unwrap_or(0))
        .sum()
}

fn big(i: usize) -> Vec<u8> {
    let mut m = generated(i, 3);
    for line in 0..4000 {
        m.extend_from_slice(format!("padding line {line} of big message {i}\n").as_bytes());
    }
    m
}

#[test]
fn a_large_imap_sync_killed_at_random_points_loses_and_doubles_nothing() {
    let servers = MailServers::dovecot_only();
    let user = servers.user(0).address.clone();
    servers.dovecot.fill(
        &user,
        "INBOX",
        (0..3000).map(|i| {
            let raw = if i % 40 == 0 { big(i) } else { generated(i, 1) };
            (raw, if i % 3 == 0 { "S" } else { "" }, None)
        }),
    );
    servers.dovecot.fill(
        &user,
        "Archive",
        (3000..3600).map(|i| (generated(i, 300), "S", None)),
    );
    // The server's messages, by folder and UID.
    let server: HashMap<(String, u32), Vec<u8>> = ["INBOX", "Archive"]
        .iter()
        .flat_map(|f| {
            servers
                .dovecot
                .messages(&user, f)
                .into_iter()
                .map(|m| ((f.to_string(), m.uid), to_crlf(&m.raw)))
        })
        .collect();
    let profile = tempfile::tempdir().expect("profile");
    let p = profile.path();
    cli::Account::imap(&servers, "Work").add(p);

    let messages = reopen(p).messages_dir().to_path_buf();
    let step = server.len() / (ROUNDS + 5);
    let mut rng = rand::rng();
    let mut kills = 0;
    let mut ended = Vec::new();
    // Twice the rounds: a run that finishes before enough kills starts over (below).
    for _ in 0..ROUNDS * 2 {
        let files = files_in(&messages) + rng.random_range(0..=step);
        let jitter = Duration::from_millis(rng.random_range(0..100));
        let run = kill_at(p, &["sync", "--account", "Work"], &messages, files, jitter);
        let done = matches!(run, Run::Ended(true, _));
        match run {
            Run::Killed => kills += 1,
            Run::Ended(_, how) => ended.push(how),
        }
        let store = reopen(p);
        let rows = bodies(&store, "Work");
        let mut seen = BTreeMap::new();
        for (folder, uid, raw) in &rows {
            let uid = uid.expect("a synced message has its UID");
            let key = (folder.clone(), uid);
            let on_server = server
                .get(&key)
                .unwrap_or_else(|| panic!("{key:?} is not on the server"));
            if !raw.is_empty() {
                assert_eq!(raw, on_server, "the body of {key:?}");
            }
            assert!(
                seen.insert(key.clone(), ()).is_none(),
                "{key:?} is stored twice"
            );
        }
        let with_body = rows.iter().filter(|r| !r.2.is_empty()).count();
        assert_eq!(files_on_disk(&store), with_body, "files without rows");
        if done && kills >= MIN_KILLS {
            break;
        }
        if done {
            // On a quiet machine the sync stores a batch or two more between reaching the
            // kill point and the kill, so it can finish before enough kills: start over
            // from an empty store and kill that sync too.
            drop(store);
            forget_store(p);
        }
    }
    assert!(
        kills >= MIN_KILLS,
        "{MIN_KILLS} runs must be killed with work left, only {kills} were; the others ended: {ended:#?}"
    );

    finish(p, &["sync", "--account", "Work"]);
    let store = reopen(p);
    let rows = bodies(&store, "Work");
    assert_eq!(rows.len(), server.len(), "every server message once");
    for (folder, uid, raw) in rows {
        let key = (folder, uid.expect("uid"));
        assert_eq!(&raw, &server[&key], "the body of {key:?}");
    }
}

#[test]
fn a_pop3_download_killed_at_random_points_loses_and_doubles_nothing() {
    let servers = MailServers::dovecot_only();
    let user = servers.user(1).address.clone();
    let originals: Vec<Vec<u8>> = (0..1500)
        .map(|i| if i % 25 == 0 { big(i) } else { generated(i, 2) })
        .collect();
    servers.dovecot.fill(
        &user,
        "INBOX",
        originals.iter().map(|r| (r.as_slice(), "", None)),
    );
    // Each message is known by its Message-ID, <gen{i}@example.test>.
    let number = |raw: &[u8]| -> usize {
        let text = String::from_utf8_lossy(raw);
        let start = text.find("<gen").expect("a generated Message-ID") + 4;
        let end = start + text[start..].find('@').expect("@");
        text[start..end].parse().expect("number")
    };
    let profile = tempfile::tempdir().expect("profile");
    let p = profile.path();
    cli::Account::pop3(&servers, "Home")
        .user(&servers, 1)
        .add(p);

    let messages = reopen(p).messages_dir().to_path_buf();
    let step = originals.len() / (ROUNDS + 5);
    let mut rng = rand::rng();
    let mut kills = 0;
    let mut ended = Vec::new();
    for _ in 0..ROUNDS {
        let files = files_in(&messages) + rng.random_range(0..=step);
        let jitter = Duration::from_millis(rng.random_range(0..100));
        let run = kill_at(p, &["sync", "--account", "Home"], &messages, files, jitter);
        let done = matches!(run, Run::Ended(true, _));
        match run {
            Run::Killed => kills += 1,
            Run::Ended(_, how) => ended.push(how),
        }
        let store = reopen(p);
        let mut local = HashMap::new();
        for (_, _, raw) in bodies(&store, "Home") {
            let n = number(&raw);
            assert_eq!(raw, to_crlf(&originals[n]), "message {n} differs");
            assert!(local.insert(n, ()).is_none(), "message {n} is stored twice");
        }
        assert_eq!(files_on_disk(&store), local.len(), "files without rows");
        drop(store);
        // Nothing lost: whatever is not here is still on the server.
        let remote: Vec<usize> = servers
            .dovecot
            .messages(&user, "INBOX")
            .iter()
            .map(|m| number(&m.raw))
            .collect();
        for n in 0..originals.len() {
            assert!(
                local.contains_key(&n) || remote.contains(&n),
                "message {n} is neither here nor on the server"
            );
        }
        if done {
            break;
        }
    }
    assert!(
        kills >= MIN_KILLS,
        "{MIN_KILLS} runs must be killed with work left, only {kills} were; the others ended: {ended:#?}"
    );

    finish(p, &["sync", "--account", "Home"]);
    let store = reopen(p);
    let mut all: Vec<usize> = bodies(&store, "Home")
        .iter()
        .map(|r| number(&r.2))
        .collect();
    all.sort_unstable();
    assert_eq!(all, (0..originals.len()).collect::<Vec<_>>());
    assert_eq!(servers.dovecot.count(&user, "INBOX"), 0);
}

#[test]
fn an_outbox_flush_killed_at_random_points_never_loses_or_resends_a_message() {
    const QUEUED: usize = 40;
    let servers = MailServers::start();
    let (alice, bob) = (servers.user(0), servers.user(1));
    let profile = tempfile::tempdir().expect("profile");
    let p = profile.path();
    cli::Account::imap(&servers, "alice")
        .smtp_starttls(servers.postfix().submission_port)
        .add(p);
    // What `tidings send` does first, before any network step: the message goes into the
    // outbox, durably.
    {
        let store = Store::open(&Profile::under(p)).expect("store");
        for i in 0..QUEUED {
            let raw = format!(
                "From: Alice <{a}>\r\nTo: {b}\r\nSubject: queued {i}\r\n\
                 Message-ID: <queued-{i}@example.test>\r\nDate: Wed, 1 Jan 2025 00:00:00 +0000\r\n\r\n\
                 message {i}\r\n{}",
                "some text to make it take a while\r\n".repeat(2000),
                a = alice.address,
                b = bob.address,
            );
            store
                .outbox_add(&NewOutgoing {
                    account: "alice".into(),
                    from: alice.address.clone(),
                    recipients: vec![bob.address.clone()],
                    raw: raw.into_bytes(),
                })
                .expect("queue");
        }
    }
    let queued_number = |subject: &str| -> usize {
        subject
            .trim_start_matches("queued ")
            .parse()
            .expect("a queued subject")
    };

    let mut rng = rand::rng();
    for _ in 0..ROUNDS {
        let after = Duration::from_millis(rng.random_range(50..3000));
        kill_after(p, &["sync", "--account", "alice"], after);
        let store = reopen(p);
        for entry in store.outbox_list().expect("outbox") {
            let n = queued_number(&entry.subject);
            assert!(n < QUEUED, "{entry:?}");
            // Repair turned an interrupted send into "may have been sent", never back to
            // "queued": it is not sent again without the user.
            assert!(
                !matches!(entry.state, OutboxState::Sending),
                "an entry is still marked sending: {entry:?}"
            );
        }
    }
    finish(p, &["sync", "--account", "alice"]);

    let store = reopen(p);
    let left: HashMap<usize, OutboxState> = store
        .outbox_list()
        .expect("outbox")
        .into_iter()
        .map(|e| (queued_number(&e.subject), e.state))
        .collect();
    drop(store);
    for state in left.values() {
        assert!(
            matches!(state, OutboxState::MaybeSent { .. }),
            "after a full flush only 'may have been sent' entries wait: {state:?}"
        );
    }
    let sent = QUEUED - left.len();
    servers.postfix().flush();
    assert!(
        servers
            .dovecot
            .wait_for_count(&bob.address, "INBOX", sent, 120.0),
        "{}",
        servers.postfix().log()
    );
    assert!(
        servers.postfix().wait_for_empty_queue(120.0),
        "{}",
        servers.postfix().log()
    );
    let mut delivered: HashMap<usize, usize> = HashMap::new();
    for m in servers.dovecot.messages(&bob.address, "INBOX") {
        let text = String::from_utf8_lossy(&m.raw);
        let subject = text
            .lines()
            .find_map(|l| l.strip_prefix("Subject: "))
            .expect("subject");
        *delivered.entry(queued_number(subject.trim())).or_default() += 1;
    }
    for n in 0..QUEUED {
        let times = delivered.get(&n).copied().unwrap_or(0);
        assert!(times <= 1, "message {n} was delivered {times} times");
        if !left.contains_key(&n) {
            assert_eq!(times, 1, "message {n} left the outbox but never arrived");
        }
    }
}
