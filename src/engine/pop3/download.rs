//! Download and delete: RETR every message the store does not hold yet, stream it into the
//! store, make it durable, and only then DELE it; QUIT commits the deletions.
//!
//! Why nothing is lost or doubled, whatever point a connection drops at:
//! - A message is deleted on the server only by a QUIT that follows its DELE, and DELE is
//!   sent only after the store call holding it returned (file fsynced, row committed). A
//!   drop before QUIT's `+OK` undoes every DELE of the session (RFC 1939 §6): the messages
//!   are then both stored and still on the server, never neither.
//! - The stored UIDLs decide what is new, so the next session downloads none of them again
//!   and just deletes them. Messages fully received before a drop are stored before the
//!   error is returned, so even a connection that always drops at the same point makes
//!   progress.
//! - A server without UIDL cannot say what was downloaded before; each message is then
//!   known by the SHA-256 of its bytes, so one stored in a session that dropped before QUIT
//!   is recognised and deleted, not stored twice.
//!
//! Many messages share one group commit (batches of [`Tuning::batch_messages`] or
//! [`Tuning::batch_bytes`]) and commands are pipelined when the server allows it, so the
//! durable rule costs little.

use std::collections::HashSet;
use std::io::Write;

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::Tuning;
use super::error::Pop3Error;
use super::plan::{self, Action, Listed};
use super::session::{self, Session, check_credentials};
use crate::engine::account::{Account, Protocol};
use crate::engine::events::{Event, Events, Phase};
use crate::engine::secret::Secret;
use crate::engine::store::{
    AccountId, Change, ChangeId, FolderId, FolderSpec, NewMessage, RawMessage, Remote, Role, Store,
    StoreError, Stored,
};
use crate::engine::tls::Tls;

/// The local folders every POP3 account has (the server has only the one mailbox).
const LOCAL_FOLDERS: &[(&str, Role)] = &[
    ("INBOX", Role::Inbox),
    ("Sent", Role::Sent),
    ("Drafts", Role::Drafts),
    ("Trash", Role::Trash),
];

/// What one download session did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Messages the server listed when the session began.
    pub on_server: u64,
    /// Messages stored now for the first time.
    pub downloaded: u64,
    /// Their size in octets.
    pub bytes: u64,
    /// Messages deleted on the server (committed by QUIT).
    pub deleted_on_server: u64,
    /// Messages stored here and left on the server, as the account asks.
    pub left_on_server: u64,
    /// The server has no UIDL: download-and-delete works, leave-on-server cannot. A warning
    /// to show on the account.
    pub no_uidl: bool,
}

/// Makes sure the store has the account and its local folders (Inbox, Sent, Drafts,
/// Trash); returns the Inbox, where downloaded mail goes.
pub fn ensure_local_folders(store: &Store, account: &Account) -> Result<FolderId, StoreError> {
    let id = store.ensure_account(&account.name, Protocol::Pop3)?;
    let mut inbox = None;
    for (name, role) in LOCAL_FOLDERS {
        let folder = match store.folder_by_role(id, *role)? {
            Some(folder) => folder.id,
            None => store.upsert_folder(id, &FolderSpec::new(*name).role(*role))?,
        };
        if *role == Role::Inbox {
            inbox = Some(folder);
        }
    }
    inbox.ok_or_else(|| StoreError::NoFolder("INBOX".into()))
}

/// Downloads new mail of a POP3 account into its local Inbox and deletes on the server what
/// the account's options say (see the module docs for why nothing is lost or doubled).
pub async fn download(
    store: &Store,
    account: &Account,
    password: &Secret,
    events: &Events,
    tuning: Tuning,
) -> Result<Report, Pop3Error> {
    let server = &account.incoming;
    check_credentials(&server.username, password)?;
    let (account_id, inbox) = {
        let (store, acc) = (store.clone(), account.clone());
        blocking(move || {
            let inbox = ensure_local_folders(&store, &acc)?;
            Ok((store.account_id(&acc.name)?, inbox))
        })
        .await?
    };
    let tls = Tls::new(&account.trust_for(&server.host))?;
    let mut session = session::connect(server, &tls, tuning.timeout).await?;
    session.login(&server.username, password).await?;

    let list = session.list().await?;
    let uidl = session.uidl().await?;
    let mut report = Report {
        on_server: list.len() as u64,
        no_uidl: uidl.is_none(),
        ..Report::default()
    };
    if report.no_uidl {
        if account.pop3.leave_on_server {
            let _ = session.quit().await;
            return Err(Pop3Error::NoUidlForLeaveOnServer {
                host: server.host.clone(),
            });
        }
        tracing::warn!(account = %account.name, "the POP3 server has no UIDL");
    }
    let listed = plan::merge(list, uidl).map_err(|detail| Pop3Error::Protocol {
        host: server.host.clone(),
        detail,
    })?;

    let (known, deletions) = {
        let store = store.clone();
        blocking(move || {
            Ok((
                store.known_uidls(account_id)?,
                pop3_deletions(&store, account_id)?,
            ))
        })
        .await?
    };
    let deleted_here: HashSet<String> = deletions.iter().flat_map(|(_, u)| u.clone()).collect();
    let now = chrono::Utc::now().timestamp();
    let actions = plan::plan(&listed, &known, &deleted_here, &account.pop3, now);
    let forgotten = plan::forgotten(&listed, &known, now);

    let mut run = Run {
        session: &mut session,
        store,
        events,
        account,
        inbox,
        tuning,
        report: &mut report,
        deleted: 0,
    };
    let stale: Vec<u32> = listed
        .iter()
        .zip(&actions)
        .filter(|(_, a)| **a == Action::Delete)
        .map(|(m, _)| m.number)
        .collect();
    run.delete(&stale).await?;
    let new: Vec<&Listed> = listed
        .iter()
        .zip(&actions)
        .filter(|(_, a)| **a == Action::Download)
        .map(|(m, _)| m)
        .collect();
    run.download_all(&new, now).await?;
    let deleted = run.deleted;
    report.left_on_server = report.on_server - deleted;

    session.quit().await?;
    report.deleted_on_server = deleted;
    finish_deletions(store, deletions).await?;
    forget(store, account_id, forgotten).await?;
    if report.downloaded > 0 {
        events.emit(Event::NewMail {
            account: account.name.clone(),
            folder: "INBOX".into(),
            count: report.downloaded,
        });
        events.emit(Event::Changed {
            account: account.name.clone(),
            folder: Some("INBOX".into()),
        });
    }
    Ok(report)
}

/// The account's queued POP3 deletions: their ids and UIDLs.
fn pop3_deletions(
    store: &Store,
    account: AccountId,
) -> Result<Vec<(ChangeId, Vec<String>)>, StoreError> {
    Ok(store
        .pending_changes(account)?
        .into_iter()
        .filter_map(|c| match c.change {
            Change::Pop3Delete { uidls } => Some((c.id, uidls)),
            _ => None,
        })
        .collect())
}

/// After a QUIT that committed the session, the queued POP3 deletions are done: carried out
/// when the account deletes on the server what is deleted here (and the message was still
/// there), or nothing to do otherwise.
async fn finish_deletions(
    store: &Store,
    deletions: Vec<(ChangeId, Vec<String>)>,
) -> Result<(), Pop3Error> {
    if deletions.is_empty() {
        return Ok(());
    }
    let store = store.clone();
    blocking(move || {
        for (id, _) in deletions {
            store.complete_change(id)?;
        }
        Ok(())
    })
    .await
}

/// Drops the UIDLs [`plan::forgotten`] chose, so the set does not grow for ever. Only after
/// a QUIT that committed the session: a session that failed decides nothing.
async fn forget(store: &Store, account: AccountId, uidls: Vec<String>) -> Result<(), Pop3Error> {
    if uidls.is_empty() {
        return Ok(());
    }
    tracing::debug!(
        count = uidls.len(),
        "forgetting UIDLs the server no longer lists"
    );
    let store = store.clone();
    blocking(move || store.forget_uidls(account, &uidls)).await
}

/// The state of one session's work.
struct Run<'a> {
    session: &'a mut Session,
    store: &'a Store,
    events: &'a Events,
    account: &'a Account,
    inbox: FolderId,
    tuning: Tuning,
    report: &'a mut Report,
    /// DELE commands the server accepted in this session.
    deleted: u64,
}

/// A message received in full and staged on disk, not yet stored.
struct Received {
    number: u32,
    message: NewMessage,
}

impl Run<'_> {
    /// Downloads `new` in batches; each batch is stored with one group commit, then its
    /// messages are deleted on the server if the account wants that.
    async fn download_all(&mut self, new: &[&Listed], now: i64) -> Result<(), Pop3Error> {
        let total = new.len() as u64;
        let mut done = 0u64;
        let delete_after = plan::after_storing(&self.account.pop3, now);
        for batch in batches(new, self.tuning.batch_messages, self.tuning.batch_bytes) {
            let (received, failure) = self.receive(batch, now).await;
            let numbers: Vec<u32> = received.iter().map(|r| r.number).collect();
            // What arrived whole is stored even when the connection then failed, so the next
            // session does not fetch it again.
            self.store(received).await?;
            done += numbers.len() as u64;
            self.progress(done, total);
            if let Some(error) = failure {
                return Err(error);
            }
            // Stored now, stored before, or downloaded before and deleted here since: in
            // every case the server's copy is no longer needed.
            if delete_after {
                self.delete(&numbers).await?;
            }
        }
        Ok(())
    }

    /// RETRs a batch (pipelined when the server allows), streaming each message to a staged
    /// file. Returns what arrived whole, and the error that ended the batch early, if any.
    async fn receive(&mut self, batch: &[&Listed], now: i64) -> (Vec<Received>, Option<Pop3Error>) {
        let mut received = Vec::with_capacity(batch.len());
        let mut sent = 0;
        for (i, m) in batch.iter().enumerate() {
            if sent == i {
                let commands: Vec<String> = batch[i..]
                    .iter()
                    .map(|m| format!("RETR {}", m.number))
                    .collect();
                match self.session.send_pipelined(&commands).await {
                    Ok(n) => sent += n,
                    Err(e) => return (received, Some(e)),
                }
            }
            match self.receive_one(m, now).await {
                Ok(r) => received.push(r),
                Err(e) => return (received, Some(e)),
            }
        }
        (received, None)
    }

    async fn receive_one(&mut self, m: &Listed, now: i64) -> Result<Received, Pop3Error> {
        let mut writer = self.store.stage()?;
        let mut hasher = m.uidl.is_none().then(Sha256::new);
        let size = {
            let mut sink = Tee {
                writer: &mut writer,
                hasher: hasher.as_mut(),
            };
            self.session.read_message(m.size, &mut sink).await?
        };
        let staged = writer.finish()?;
        let uidl = match (&m.uidl, hasher) {
            (Some(uidl), _) => uidl.clone(),
            (None, Some(h)) => format!("sha256:{}", hex::encode(h.finalize())),
            (None, None) => unreachable!("a hasher is made for every message without UIDL"),
        };
        self.report.bytes += size;
        let mut message = NewMessage::new(Remote::Pop3 { uidl }, RawMessage::Staged(staged));
        message.received = Some(now);
        Ok(Received {
            number: m.number,
            message,
        })
    }

    /// Stores received messages with one group commit.
    async fn store(&mut self, received: Vec<Received>) -> Result<(), Pop3Error> {
        if received.is_empty() {
            return Ok(());
        }
        let store = self.store.clone();
        let inbox = self.inbox;
        let messages: Vec<NewMessage> = received.into_iter().map(|r| r.message).collect();
        let stored = blocking(move || store.store_messages(inbox, messages)).await?;
        self.report.downloaded += stored
            .iter()
            .filter(|s| matches!(s, Stored::New(_)))
            .count() as u64;
        Ok(())
    }

    /// DELEs messages (pipelined when the server allows). They go only at QUIT.
    async fn delete(&mut self, numbers: &[u32]) -> Result<(), Pop3Error> {
        for chunk in numbers.chunks(256) {
            let commands: Vec<String> = chunk.iter().map(|n| format!("DELE {n}")).collect();
            let mut at = 0;
            while at < commands.len() {
                let sent = self.session.send_pipelined(&commands[at..]).await?;
                for _ in 0..sent {
                    let status = self.session.read_status().await?;
                    if !status.ok {
                        return Err(Pop3Error::Refused {
                            host: self.session.host().to_owned(),
                            command: "DELE",
                            reply: status.text,
                        });
                    }
                    self.deleted += 1;
                }
                at += sent;
            }
        }
        Ok(())
    }

    fn progress(&self, done: u64, total: u64) {
        self.events.emit(Event::Progress {
            account: self.account.name.clone(),
            folder: "INBOX".into(),
            phase: Phase::Download,
            done,
            total,
            bytes: self.report.bytes,
        });
    }
}

/// Splits messages into batches of at most `max_messages` and about `max_bytes` (a single
/// bigger message is a batch of its own).
fn batches<'a, 'b>(
    messages: &'b [&'a Listed],
    max_messages: usize,
    max_bytes: u64,
) -> Vec<&'b [&'a Listed]> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut bytes = 0u64;
    for (i, m) in messages.iter().enumerate() {
        let count = i - start;
        if count > 0 && (count >= max_messages.max(1) || bytes + m.size > max_bytes) {
            out.push(&messages[start..i]);
            start = i;
            bytes = 0;
        }
        bytes += m.size;
    }
    if start < messages.len() {
        out.push(&messages[start..]);
    }
    out
}

/// Writes to the staged file and, for servers without UIDL, hashes on the way.
struct Tee<'a> {
    writer: &'a mut (dyn Write + Send),
    hasher: Option<&'a mut Sha256>,
}

impl Write for Tee<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.writer.write(buf)?;
        if let Some(h) = self.hasher.as_mut() {
            h.update(&buf[..n]);
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.writer.flush()
    }
}

/// Runs store work (fsyncs, SQLite) off the async threads.
async fn blocking<T, F>(f: F) -> Result<T, Pop3Error>
where
    F: FnOnce() -> Result<T, StoreError> + Send + 'static,
    T: Send + 'static,
{
    match tokio::task::spawn_blocking(f).await {
        Ok(result) => result.map_err(Pop3Error::from),
        Err(e) => Err(Pop3Error::Store(StoreError::Change(format!(
            "the store task stopped: {e}"
        )))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sized(sizes: &[u64]) -> Vec<Listed> {
        sizes
            .iter()
            .enumerate()
            .map(|(i, s)| Listed {
                number: i as u32 + 1,
                size: *s,
                uidl: None,
            })
            .collect()
    }

    /// The GUI runs downloads on a multi-threaded runtime: the future must be Send.
    #[allow(dead_code)]
    fn download_is_send(store: Store, account: Account, password: Secret) {
        fn send<T: Send>(_: T) {}
        send(async move {
            let _ = download(
                &store,
                &account,
                &password,
                &Events::none(),
                Tuning::default(),
            )
            .await;
        });
    }

    #[test]
    fn batches_respect_count_and_bytes_and_keep_big_messages_alone() {
        let l = sized(&[10, 10, 10, 10, 10]);
        let refs: Vec<&Listed> = l.iter().collect();
        let b = batches(&refs, 2, 1000);
        assert_eq!(b.iter().map(|b| b.len()).collect::<Vec<_>>(), [2, 2, 1]);
        let l = sized(&[10, 500, 10, 10]);
        let refs: Vec<&Listed> = l.iter().collect();
        let b = batches(&refs, 10, 100);
        assert_eq!(b.iter().map(|b| b.len()).collect::<Vec<_>>(), [1, 1, 2]);
        assert!(batches(&[], 10, 100).is_empty());
    }
}
