//! A full disk loses nothing. The profile lives on a small tmpfs of its own; against the
//! harness's real servers a POP3 download-and-delete and an IMAP sync run out of room
//! part way, and a draft is sent (queued) with no room left. Each stops with an error that
//! says the disk is full; nothing that is not durably stored here is deleted on the
//! server; the store opens cleanly afterwards; once there is room again the next run
//! finishes the job with every message exactly once, and the draft is still there to send.
//!
//! Mounting needs root (as CI runs `tests/run`); otherwise each test says why and returns.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use tidings::engine::Profile;
use tidings::engine::compose::{Attachment, Outgoing, Person};
use tidings::engine::drafts::{DraftId, Drafts};
use tidings::engine::smtp::Outbox;
use tidings::engine::store::{Page, Store};

use crate::imap_sync::generated;
use crate::pop3_download::message;
use crate::smtp::runtime;
use crate::support::{MailServers, cli, to_crlf};

const KIB: usize = 1024;
const MIB: usize = 1024 * KIB;

/// A tmpfs of a chosen size mounted on a temporary directory; unmounted when dropped, on
/// a panic too.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    /// `None` (after saying why) when this process may not mount.
    fn mount(size: usize) -> Option<Self> {
        // SAFETY: geteuid only reads this process's credentials.
        if unsafe { libc::geteuid() } != 0 {
            eprintln!("skipped: mounting a small tmpfs needs root (CI runs tests/run as root)");
            return None;
        }
        let dir = tempfile::Builder::new()
            .prefix("tidings-small-disk-")
            .tempdir()
            .expect("mount point");
        mount(&[
            "-t",
            "tmpfs",
            "-o",
            &format!("size={size},mode=0700"),
            "tidings-test",
            &dir.path().display().to_string(),
        ]);
        Some(Self { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Makes room: the same files on a bigger disk.
    fn grow(&self, size: usize) {
        mount(&[
            "-o",
            &format!("remount,size={size}"),
            &self.path().display().to_string(),
        ]);
    }

    /// Fills what is left with one file and returns it (remove it to make room again).
    fn fill_up(&self) -> PathBuf {
        use std::io::Write;
        let path = self.path().join("filler");
        let mut file = std::fs::File::create(&path).expect("filler");
        let chunk = vec![0u8; 64 * KIB];
        let mut len = chunk.len();
        while len > 0 {
            match file.write(&chunk[..len]) {
                Ok(_) => {}
                Err(e) if e.raw_os_error() == Some(libc::ENOSPC) => len /= 2,
                Err(e) => panic!("filling the disk: {e}"),
            }
        }
        path
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let path = self.path().display().to_string();
        let umount = |args: &[&str]| {
            Command::new("umount")
                .args(args)
                .arg(&path)
                .status()
                .is_ok_and(|s| s.success())
        };
        // A file still open in this process keeps it busy; detach it then.
        if !umount(&[]) && !umount(&["--lazy"]) {
            eprintln!("could not unmount the small disk at {path}");
        }
    }
}

fn mount(args: &[&str]) {
    let out = Command::new("mount")
        .args(args)
        .output()
        .expect("run mount");
    assert!(
        out.status.success(),
        "mount {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Whether an engine error (English, for the log) says that the disk is full.
fn says_disk_full(said: &str) -> bool {
    said.contains("No space left on device") || said.contains("disk is full")
}

/// `i`, made about `size` bytes long with body lines, so a few fill the disk.
fn padded(mut raw: Vec<u8>, size: usize) -> Vec<u8> {
    let mut line = 0;
    while raw.len() < size {
        raw.extend_from_slice(format!("padding line {line} of a large message\r\n").as_bytes());
        line += 1;
    }
    raw
}

/// Opens the store as the next run would (its repair runs) and checks that repair found
/// nothing lost and no file it could not place, and that every row with a body has its
/// whole file. Returns the bodies per folder, with how often each is there.
fn reopen(profile: &Path, account: &str) -> BTreeMap<Vec<u8>, usize> {
    let store = Store::open(&Profile::under(profile)).expect("the store opens after a full disk");
    let report = store.repair_report().clone();
    assert!(report.lost.is_empty(), "repair lost messages: {report:?}");
    assert!(report.recovered.is_empty(), "stray files: {report:?}");
    let tmp = store.messages_dir().join("tmp");
    let left = std::fs::read_dir(tmp).map(|d| d.count()).unwrap_or(0);
    assert_eq!(left, 0, "temporary files are left");
    let id = store.account_id(account).expect("account");
    let mut bodies = BTreeMap::new();
    for (folder, _) in store.folders(id).expect("folders") {
        let mut page = Page::first(500);
        loop {
            let rows = store.list_folder(folder.id, &page).expect("list");
            let Some(last) = rows.last() else { break };
            page = Page::after(last.cursor(), 500);
            for m in rows.iter().filter(|m| m.downloaded) {
                assert!(!m.lost, "message {} is marked lost", m.id);
                let raw = store.raw(m.id).expect("every row has its file");
                assert_eq!(raw.len() as u64, m.size, "message {} is whole", m.id);
                *bodies.entry(raw).or_insert(0) += 1;
            }
        }
    }
    bodies
}

/// Fills alice's INBOX with 30 messages of about 100 KB (three times what the 1 MB disk
/// has room for), made from `make(i)`; returns them as the server keeps them.
fn fill_inbox(servers: &MailServers, make: impl Fn(usize) -> Vec<u8>) -> Vec<Vec<u8>> {
    let raws: Vec<Vec<u8>> = (0..30)
        .map(|i| to_crlf(&padded(make(i), 100 * KIB)))
        .collect();
    let alice = &servers.user(0).address;
    let messages = raws.iter().map(|r| (r.clone(), "", None));
    servers.dovecot.fill(alice, "INBOX", messages);
    raws
}

/// `tidings sync` of `account` runs out of room: it fails saying the disk is full, what it
/// stored is whole and there once, and the server still holds every message (for POP3:
/// no QUIT committed a DELE, as its error says).
fn sync_into_full_disk(servers: &MailServers, profile: &Path, account: &str, raws: &[Vec<u8>]) {
    let english = [("LC_ALL", "en_US.UTF-8")];
    let args = ["sync", "--account", account];
    let out = cli::tidings_env(profile, &args, None, &english);
    assert_eq!(out.status.code(), Some(1), "{}", cli::text(&out));
    // In the user's words, not the system's or SQLite's.
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains(": the disk is full"), "{}", cli::text(&out));

    let here = reopen(profile, account);
    assert!(here.values().all(|n| *n == 1), "a message is stored twice");
    let differs = |raw: &Vec<u8>| !raws.contains(raw);
    assert!(!here.keys().any(differs), "a stored message differs");
    assert!(here.len() < raws.len(), "all fitted: make the disk smaller");
    let there: Vec<Vec<u8>> = (servers.dovecot)
        .messages(&servers.user(0).address, "INBOX")
        .into_iter()
        .map(|m| to_crlf(&m.raw))
        .collect();
    for raw in raws {
        assert!(there.contains(raw), "a message was deleted on the server");
    }
}

/// With room again, the next sync brings the rest: every message exactly once.
fn sync_with_room(disk: &SmallDisk, account: &str, raws: &[Vec<u8>]) {
    disk.grow(16 * MIB);
    cli::ok(cli::tidings(
        disk.path(),
        &["sync", "--account", account],
        None,
    ));
    let here = reopen(disk.path(), account);
    let all: BTreeMap<Vec<u8>, usize> = raws.iter().map(|r| (r.clone(), 1)).collect();
    assert_eq!(here.len(), all.len(), "every message is here");
    assert_eq!(here, all, "every message exactly once, byte for byte");
}

#[test]
fn a_pop3_download_into_a_full_disk_deletes_only_what_is_stored_and_finishes_later() {
    let Some(disk) = SmallDisk::mount(MIB) else {
        return;
    };
    let servers = MailServers::dovecot_only();
    let raws = fill_inbox(&servers, |i| message("full", i));
    cli::Account::pop3(&servers, "Home").add(disk.path());
    sync_into_full_disk(&servers, disk.path(), "Home", &raws);
    sync_with_room(&disk, "Home", &raws);
    assert_eq!(servers.dovecot.count(&servers.user(0).address, "INBOX"), 0);
}

#[test]
fn an_imap_sync_into_a_full_disk_stops_consistent_and_completes_later() {
    let Some(disk) = SmallDisk::mount(MIB) else {
        return;
    };
    let servers = MailServers::dovecot_only();
    let raws = fill_inbox(&servers, |i| generated(i, 2));
    cli::Account::imap(&servers, "Work").add(disk.path());
    sync_into_full_disk(&servers, disk.path(), "Work", &raws);
    sync_with_room(&disk, "Work", &raws);
}

#[test]
fn a_draft_sent_with_the_disk_full_stays_a_draft_until_there_is_room() {
    let Some(disk) = SmallDisk::mount(4 * MIB) else {
        return;
    };
    let servers = MailServers::dovecot_only();
    let account = crate::smtp::account(
        &servers,
        servers.user(0),
        tidings::engine::account::Security::Tls,
        1,
    );
    let profile = Profile::under(disk.path());
    profile.ensure().expect("profile dirs");
    let drafts = Drafts::new(&profile);
    let id = DraftId::new();
    let letter = Outgoing {
        from: Some(Person::new("Alice", &account.email)),
        to: vec!["bob@example.test".into()],
        subject: "The report".into(),
        text: "Here it is.\n".into(),
        attachments: vec![Attachment {
            name: "report.bin".into(),
            content_type: None,
            data: (0..600 * KIB).map(|i| (i * 7 % 251) as u8).collect(),
        }],
        ..Outgoing::default()
    };
    drafts.save(&id, &account.name, &letter).expect("saved");
    let store = Store::open(&profile).expect("store");
    let outbox = Outbox::new(store);
    let rt = runtime();
    let filler = disk.fill_up();

    // Saving a change with no room fails, and the last save is still there.
    let mut edited = letter.clone();
    edited.text = "Here it is, with a longer note this time.\n".repeat(2000);
    let refused = drafts
        .save(&id, &account.name, &edited)
        .expect_err("no room to save");
    assert!(says_disk_full(&refused.to_string()), "{refused}");
    let dir = profile.data.join("drafts").join(id.as_str());
    let files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the draft")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(
        files.len(),
        2,
        "the draft and its attachment, no partial file: {files:?}"
    );
    // Sending needs room for the message in the outbox: it fails, the draft stays.
    let refused = rt
        .block_on(drafts.send(&outbox, &account, &id))
        .expect_err("no room to queue");
    assert!(says_disk_full(&refused.to_string()), "{refused}");
    assert_eq!(drafts.load(&id).expect("the draft").message, letter);
    assert!(rt.block_on(outbox.list()).expect("outbox").is_empty());

    std::fs::remove_file(filler).expect("make room");
    let queued = rt
        .block_on(drafts.send(&outbox, &account, &id))
        .expect("queued once there is room");
    let raw = outbox
        .store()
        .outbox_raw(queued)
        .expect("the queued message");
    assert!(
        raw.windows(10).any(|w| w == b"The report"),
        "the queued message"
    );
    assert_eq!(rt.block_on(outbox.list()).expect("outbox").len(), 1);
    assert!(drafts.load(&id).is_err(), "a queued draft is removed");
    drop((outbox, rt));
    drop(disk);
}
