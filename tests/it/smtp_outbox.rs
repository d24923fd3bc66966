//! The outbox against the harness Postfix: queued before any network step, retried with
//! backoff while Postfix is down and delivered exactly once after, refused recipients kept
//! with the reason, a cut after the final dot kept as "may have been sent" and never resent,
//! Sent copies and drafts filed in the store.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use tidings::engine::Profile;
use tidings::engine::account::{Account, Protocol, Security};
use tidings::engine::compose::{self, Built, Outgoing, Person};
use tidings::engine::drafts::{DraftId, Drafts};
use tidings::engine::events::{Event, Events};
use tidings::engine::smtp::{Outbox, Retry};
use tidings::engine::store::{Change, MessageSummary, OutboxState, Page, Role, Store};

use crate::smtp::{account, password, runtime};
use crate::support::{Fault, FaultProxy, MailServers, TestUser};

struct Fixture {
    servers: MailServers,
    _profile: tempfile::TempDir,
    profile: Profile,
    clock: Arc<AtomicI64>,
    rt: tokio::runtime::Runtime,
}

impl Fixture {
    fn new() -> Self {
        let servers = MailServers::start();
        let dir = tempfile::tempdir().expect("profile");
        let profile = Profile::under(dir.path());
        profile.ensure().expect("profile dirs");
        Self {
            servers,
            _profile: dir,
            profile,
            clock: Arc::new(AtomicI64::new(1_800_000_000)),
            rt: runtime(),
        }
    }

    /// The outbox of a freshly opened store, as after a restart.
    fn outbox(&self) -> Outbox {
        let store = Store::open(&self.profile).expect("store");
        let clock = self.clock.clone();
        Outbox::new(store).with_clock(move || clock.load(Ordering::SeqCst))
    }

    fn later(&self, secs: i64) {
        self.clock.fetch_add(secs, Ordering::SeqCst);
    }

    fn alice(&self, security: Security, port: u16) -> Account {
        account(&self.servers, self.servers.user(0), security, port)
    }

    fn submission(&self) -> Account {
        self.alice(Security::Starttls, self.servers.postfix().submission_port)
    }

    fn message(&self, to: &str, subject: &str) -> Built {
        let alice = self.servers.user(0);
        compose::build(&Outgoing {
            from: Some(Person::new("Alice", &alice.address)),
            to: vec![to.to_owned()],
            subject: subject.into(),
            text: format!("{subject}\n"),
            ..Outgoing::default()
        })
        .expect("build")
    }

    fn flush(&self, outbox: &Outbox, account: &Account) -> tidings::engine::smtp::FlushReport {
        self.rt
            .block_on(outbox.flush(account, &password(self.servers.user(0)), &Events::none()))
            .expect("flush")
    }

    fn arrived(&self, user: &TestUser, n: usize) -> bool {
        self.servers
            .dovecot
            .wait_for_count(&user.address, "INBOX", n, 30.0)
    }
}

fn folder_messages(store: &Store, account: &Account, role: Role) -> Vec<MessageSummary> {
    let id = store
        .ensure_account(&account.name, account.protocol)
        .expect("account");
    match store.folder_by_role(id, role).expect("folder") {
        Some(f) => store.list_folder(f.id, &Page::first(100)).expect("list"),
        None => Vec::new(),
    }
}

fn appends_to(store: &Store, account: &Account, folder: &str) -> usize {
    let id = store
        .ensure_account(&account.name, account.protocol)
        .expect("account");
    store
        .pending_changes(id)
        .expect("changes")
        .iter()
        .filter(|c| matches!(&c.change, Change::Append { folder: f, .. } if f == folder))
        .count()
}

#[test]
fn with_postfix_down_the_message_waits_and_is_delivered_exactly_once_after() {
    let mut f = Fixture::new();
    let bob = f.servers.user(1).clone();
    let account = f.submission();
    let built = f.message(&bob.address, "while the server was down");
    f.servers.postfix_mut().stop();

    let outbox = f.outbox();
    let id =
        f.rt.block_on(outbox.queue(&account, &built))
            .expect("queue");
    let report = f.flush(&outbox, &account);
    assert_eq!(report.retrying.len(), 1, "{report:?}");
    assert!(report.sent.is_empty());
    let entry = f.rt.block_on(outbox.list()).expect("list").remove(0);
    let OutboxState::Retry { at, error } = &entry.state else {
        panic!("expected a retry, got {:?}", entry.state);
    };
    assert!(error.contains("refused"), "{error}");
    assert_eq!(*at, f.clock.load(Ordering::SeqCst) + 60);
    drop(outbox);

    // Tidings restarts; the entry is still there, with its bytes.
    let outbox = f.outbox();
    assert_eq!(outbox.store().outbox_raw(id).expect("raw"), built.raw);

    // Still down a minute later: the wait doubles.
    f.later(60);
    let report = f.flush(&outbox, &account);
    assert_eq!(report.retrying.len(), 1, "{report:?}");
    let entry = f.rt.block_on(outbox.list()).expect("list").remove(0);
    assert!(
        matches!(entry.state, OutboxState::Retry { at, .. } if at == f.clock.load(Ordering::SeqCst) + 120),
        "{entry:?}"
    );

    f.servers.postfix_mut().restart();
    // Not due yet: nothing is sent before its time.
    assert!(f.flush(&outbox, &account).sent.is_empty());
    f.later(120);
    let report = f.flush(&outbox, &account);
    assert_eq!(report.sent, vec![id], "{report:?}");
    assert!(f.rt.block_on(outbox.list()).expect("list").is_empty());
    assert!(f.arrived(&bob, 1), "{}", f.servers.postfix().log());

    // Nothing is left to send, and nothing arrives twice.
    f.later(3600);
    assert!(f.flush(&outbox, &account).sent.is_empty());
    f.servers.postfix().flush();
    assert_eq!(f.servers.dovecot.count(&bob.address, "INBOX"), 1);

    // The Sent copy is in the store, queued for the IMAP Sent folder.
    let sent = folder_messages(outbox.store(), &account, Role::Sent);
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].message_id.as_deref(),
        Some(built.message_id.trim_matches(['<', '>']))
    );
    assert_eq!(appends_to(outbox.store(), &account, "Sent"), 1);
    assert_eq!(outbox.store().raw(sent[0].id).expect("raw"), built.raw);
}

#[test]
fn a_refused_recipient_stays_failed_with_the_reason_and_nothing_is_lost() {
    let f = Fixture::new();
    let account = f.submission();
    let built = f.message("someone@elsewhere.invalid", "to nowhere");
    let outbox = f.outbox();
    let (events, mut rx) = Events::channel();
    let id =
        f.rt.block_on(outbox.queue(&account, &built))
            .expect("queue");
    let report =
        f.rt.block_on(outbox.flush(&account, &password(f.servers.user(0)), &events))
            .expect("flush");
    assert_eq!(report.failed.len(), 1, "{report:?}");
    let reason = &report.failed[0].1;
    assert!(reason.contains("someone@elsewhere.invalid"), "{reason}");
    assert!(reason.contains("554") || reason.contains("550"), "{reason}");

    let (mut saw_error, mut waiting, mut progress) = (false, None, false);
    while let Ok(event) = rx.try_recv() {
        match event {
            Event::Error { message, .. } => {
                saw_error |= message.contains("someone@elsewhere.invalid")
            }
            Event::Outbox { waiting: n } => waiting = Some(n),
            Event::Progress { phase, .. } => {
                progress |= phase == tidings::engine::events::Phase::Send
            }
            _ => {}
        }
    }
    assert!(saw_error, "the failure was not reported as an event");
    assert_eq!(waiting, Some(1), "the outbox count was not reported");
    assert!(progress, "no sending progress was reported");

    // Kept, whole, with the reason; not retried on its own.
    let outbox = f.outbox();
    let entry = f.rt.block_on(outbox.list()).expect("list").remove(0);
    assert!(
        matches!(&entry.state, OutboxState::Failed { reason } if reason.contains("elsewhere")),
        "{entry:?}"
    );
    assert_eq!(outbox.store().outbox_raw(id).expect("raw"), built.raw);
    f.later(86_400);
    assert!(
        f.flush(&outbox, &account).failed.is_empty(),
        "retried by itself"
    );

    // The user asks again: it is tried, and refused again.
    assert_eq!(f.rt.block_on(outbox.retry(Retry::All)).expect("retry"), 1);
    assert_eq!(f.flush(&outbox, &account).failed.len(), 1);
    assert!(folder_messages(outbox.store(), &account, Role::Sent).is_empty());
}

#[test]
fn a_cut_after_the_final_dot_is_kept_as_may_have_been_sent_and_never_resent() {
    let f = Fixture::new();
    let bob = f.servers.user(1).clone();
    let proxy = FaultProxy::start(f.servers.postfix().no_tls_port);
    proxy.set(Fault::CutOnClient {
        pattern: b"\r\n.\r\n".to_vec(),
        deliver: true,
    });
    let account = f.alice(Security::Plain, proxy.port);
    let outbox = f.outbox();
    f.rt.block_on(outbox.queue(&account, &f.message(&bob.address, "cut after the dot")))
        .expect("queue");
    let report = f.flush(&outbox, &account);
    assert_eq!(report.maybe_sent.len(), 1, "{report:?}");
    assert!(f.arrived(&bob, 1), "Postfix had the whole message");

    // The connection is fine again; the message is still not sent a second time.
    proxy.set(Fault::None);
    for _ in 0..3 {
        f.later(86_400);
        let report = f.flush(&outbox, &account);
        assert!(report.sent.is_empty(), "{report:?}");
    }
    let entry = f.rt.block_on(outbox.list()).expect("list").remove(0);
    assert!(
        matches!(entry.state, OutboxState::MaybeSent { .. }),
        "{entry:?}"
    );
    f.servers.postfix().flush();
    assert_eq!(f.servers.dovecot.count(&bob.address, "INBOX"), 1);
}

#[test]
fn an_entry_left_sending_by_a_crash_is_never_resent() {
    let f = Fixture::new();
    let bob = f.servers.user(1).clone();
    let account = f.submission();
    let outbox = f.outbox();
    let id =
        f.rt.block_on(outbox.queue(&account, &f.message(&bob.address, "crashed")))
            .expect("queue");
    // A process marked it as being sent and died.
    outbox.store().outbox_sending(id).expect("sending");
    let report = f.flush(&outbox, &account);
    assert!(report.sent.is_empty(), "{report:?}");
    let entry = f.rt.block_on(outbox.list()).expect("list").remove(0);
    assert!(
        matches!(entry.state, OutboxState::MaybeSent { .. }),
        "{entry:?}"
    );
    assert_eq!(f.servers.dovecot.count(&bob.address, "INBOX"), 0);
}

#[test]
fn a_wrong_password_fails_the_message_at_once_instead_of_retrying() {
    let f = Fixture::new();
    let account = f.submission();
    let outbox = f.outbox();
    f.rt.block_on(outbox.queue(&account, &f.message(&f.servers.user(1).address, "x")))
        .expect("queue");
    let report =
        f.rt.block_on(outbox.flush(
            &account,
            &tidings::engine::secret::Secret::new("wrong"),
            &Events::none(),
        ))
        .expect("flush");
    assert_eq!(report.failed.len(), 1, "{report:?}");
    assert!(report.failed[0].1.contains("535"), "{report:?}");
}

#[test]
fn pop3_accounts_keep_sent_mail_locally_and_imap_may_leave_it_to_the_server() {
    let f = Fixture::new();
    let bob = f.servers.user(1).clone();
    let mut pop3 = f.submission();
    pop3.protocol = Protocol::Pop3;
    let outbox = f.outbox();
    f.rt.block_on(outbox.queue(&pop3, &f.message(&bob.address, "from pop3")))
        .expect("queue");
    assert_eq!(f.flush(&outbox, &pop3).sent.len(), 1);
    assert_eq!(folder_messages(outbox.store(), &pop3, Role::Sent).len(), 1);
    let pop3_id = outbox
        .store()
        .ensure_account(&pop3.name, Protocol::Pop3)
        .expect("account");
    assert!(
        outbox
            .store()
            .pending_changes(pop3_id)
            .expect("changes")
            .is_empty()
    );

    let mut imap = f.submission();
    imap.name = "imap-no-copy".into();
    imap.save_sent_copy = false;
    f.rt.block_on(outbox.queue(&imap, &f.message(&bob.address, "server files it")))
        .expect("queue");
    assert_eq!(f.flush(&outbox, &imap).sent.len(), 1);
    assert!(folder_messages(outbox.store(), &imap, Role::Sent).is_empty());
    assert!(f.arrived(&bob, 2));
}

#[test]
fn drafts_go_to_the_drafts_folder_replacing_the_last_copy_and_leave_once_sent() {
    let f = Fixture::new();
    let bob = f.servers.user(1).clone();
    let account = f.submission();
    let outbox = f.outbox();
    let store = outbox.store().clone();
    let drafts = Drafts::new(&f.profile);
    let id = DraftId::new();
    let mut message = Outgoing::new(&account);
    message.subject = "A draft".into();
    message.to = vec!["bo".into()];
    drafts.save(&id, &account.name, &message).expect("save");
    drafts
        .save_to_folder(&store, &account, &id)
        .expect("first copy");
    message.to = vec![bob.address.clone()];
    message.text = "Finished now.".into();
    drafts.save(&id, &account.name, &message).expect("save");
    let copy = drafts
        .save_to_folder(&store, &account, &id)
        .expect("second copy");

    let in_drafts = folder_messages(&store, &account, Role::Drafts);
    assert_eq!(in_drafts.len(), 1, "the old copy was replaced");
    assert_eq!(in_drafts[0].id, copy);
    assert!(
        String::from_utf8_lossy(&store.raw(copy).expect("raw")).contains("Finished now."),
        "the copy holds the latest text"
    );

    let queued =
        f.rt.block_on(drafts.send(&outbox, &account, &id))
            .expect("send");
    assert!(folder_messages(&store, &account, Role::Drafts).is_empty());
    assert!(drafts.list().expect("list").is_empty());
    assert_eq!(f.flush(&outbox, &account).sent, vec![queued]);
    assert!(f.arrived(&bob, 1));
}

#[test]
fn drafts_reach_the_imap_drafts_folder_are_replaced_there_and_leave_when_sent() {
    let f = Fixture::new();
    let (alice, bob) = (f.servers.user(0).clone(), f.servers.user(1).clone());
    let account = f.submission();
    let outbox = f.outbox();
    let store = outbox.store().clone();
    let sync = || {
        f.rt.block_on(tidings::engine::sync::sync_account(
            &store,
            &account,
            &password(&alice),
            &Events::none(),
        ))
        .expect("sync")
    };
    let on_server = || f.servers.dovecot.messages(&alice.address, "Drafts");
    let drafts = Drafts::new(&f.profile);
    let id = DraftId::new();
    let mut message = Outgoing::new(&account);
    message.subject = "Plans".into();
    message.text = "First thoughts.".into();
    drafts.save(&id, &account.name, &message).expect("save");
    drafts.save_to_folder(&store, &account, &id).expect("copy");
    sync();
    let held = on_server();
    assert_eq!(held.len(), 1);
    assert!(
        held[0].flags.iter().any(|f| f == "\\Draft"),
        "{:?}",
        held[0].flags
    );
    assert!(String::from_utf8_lossy(&held[0].raw).contains("First thoughts."));

    message.text = "Second thoughts.".into();
    message.to = vec![bob.address.clone()];
    drafts.save(&id, &account.name, &message).expect("save");
    drafts.save_to_folder(&store, &account, &id).expect("copy");
    sync();
    let held = on_server();
    assert_eq!(
        held.len(),
        1,
        "the old draft was not replaced on the server"
    );
    assert!(String::from_utf8_lossy(&held[0].raw).contains("Second thoughts."));

    f.rt.block_on(drafts.send(&outbox, &account, &id))
        .expect("send");
    sync();
    assert!(on_server().is_empty(), "the sent draft is still in Drafts");
    assert!(f.arrived(&bob, 1));
    assert_eq!(f.servers.dovecot.count(&alice.address, "Sent"), 1);
}

#[test]
fn a_sent_copy_that_cannot_be_appended_now_is_appended_at_a_later_sync() {
    let mut f = Fixture::new();
    let (alice, bob) = (f.servers.user(0).clone(), f.servers.user(1).clone());
    let account = f.submission();
    let outbox = f.outbox();
    let store = outbox.store().clone();
    f.rt.block_on(outbox.queue(&account, &f.message(&bob.address, "copy me later")))
        .expect("queue");
    assert_eq!(f.flush(&outbox, &account).sent.len(), 1);
    assert!(f.arrived(&bob, 1));

    // The IMAP server is away at the next sync: the copy waits, still in the store.
    f.servers.dovecot.stop();
    let result = f.rt.block_on(tidings::engine::sync::sync_account(
        &store,
        &account,
        &password(&alice),
        &Events::none(),
    ));
    assert!(result.is_err(), "{result:?}");
    assert_eq!(appends_to(&store, &account, "Sent"), 1);

    f.servers.dovecot.restart();
    f.rt.block_on(tidings::engine::sync::sync_account(
        &store,
        &account,
        &password(&alice),
        &Events::none(),
    ))
    .expect("sync");
    assert_eq!(appends_to(&store, &account, "Sent"), 0);
    let sent = f.servers.dovecot.messages(&alice.address, "Sent");
    assert_eq!(sent.len(), 1);
    assert!(String::from_utf8_lossy(&sent[0].raw).contains("copy me later"));
}
