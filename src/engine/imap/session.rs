//! One authenticated IMAP connection and the way every command runs on it.
//!
//! async-imap gives us the parser and the wire, but its typed commands lose what offline sync
//! needs: APPENDUID and COPYUID in completion codes, VANISHED replies, and any untagged
//! response once 100 sit unread in its bounded "unsolicited" channel (further ones are dropped
//! silently). So every command here is sent with `run_command` and read with
//! `read_response`, and each untagged response goes either to the command that asked for it
//! or to [`Unsolicited`], which keeps everything the server announced on its own (RFC 3501
//! §7: EXISTS, EXPUNGE, VANISHED, flag changes) with no limit until the sync step takes it.
//! The crate's channel is drained after every command as well, so nothing can pile up there.

use std::collections::HashMap;
use std::time::Duration;

use async_imap::imap_proto::rfc4315::UidSetMember;
use async_imap::imap_proto::{MailboxDatum, RequestId, Response, ResponseCode, Status};
use async_imap::types::UnsolicitedResponse;
use tokio::io::AsyncWriteExt;

use super::caps::Capabilities;
use super::error::ImapError;
use super::fetch::FetchItem;
use super::transport::Stream;
use crate::engine::net::NetError;

/// How long to wait for any answer before giving the connection up.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// Reads the next response of a [`Session`] within `wait`, noting a BYE. A macro because
/// async-imap's response type cannot be named outside the crate.
macro_rules! next_response {
    ($session:expr, $wait:expr) => {{
        let wait: std::time::Duration = $wait;
        let session: &mut $crate::engine::imap::session::Session = $session;
        match tokio::time::timeout(wait, session.imap.read_response()).await {
            Err(_) => Err($crate::engine::imap::ImapError::Timeout {
                host: session.host.clone(),
            }),
            Ok(Ok(Some(response))) => {
                if let async_imap::imap_proto::Response::Data {
                    status: async_imap::imap_proto::Status::Bye,
                    outcome,
                } = response.parsed()
                {
                    session.bye = Some($crate::engine::safety::server_text(
                        outcome.information.as_deref().unwrap_or(""),
                    ));
                }
                Ok(response)
            }
            Ok(Ok(None)) => Err($crate::engine::imap::ImapError::Closed {
                host: session.host.clone(),
                text: session.bye.clone(),
            }),
            Ok(Err(e)) => Err($crate::engine::imap::session::io_error(&session.host, &e)),
        }
    }};
}
#[allow(unused_imports)]
pub(crate) use next_response;

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    No,
    Bad,
}

/// The response codes of a completion that sync uses (RFC 3501 §7.1, RFC 4315, RFC 7162).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Code {
    /// UIDPLUS: the UIDVALIDITY of the target and the UIDs an APPEND got.
    AppendUid(u32, Vec<u32>),
    /// UIDPLUS: the UIDVALIDITY of the target, source UIDs, and the UIDs their copies got.
    CopyUid(u32, Vec<u32>, Vec<u32>),
    Capabilities(Capabilities),
    TryCreate,
    ReadOnly,
    ReadWrite,
    UidValidity(u32),
    UidNext(u32),
    HighestModSeq(u64),
    Other,
}

impl Code {
    fn from_proto(code: &ResponseCode<'_>) -> Self {
        match code {
            ResponseCode::AppendUid(v, uids) => Code::AppendUid(*v, expand(uids)),
            ResponseCode::CopyUid(v, from, to) => Code::CopyUid(*v, expand(from), expand(to)),
            ResponseCode::Capabilities(c) => Code::Capabilities(Capabilities::from_proto(c)),
            ResponseCode::TryCreate => Code::TryCreate,
            ResponseCode::ReadOnly => Code::ReadOnly,
            ResponseCode::ReadWrite => Code::ReadWrite,
            ResponseCode::UidValidity(v) => Code::UidValidity(*v),
            ResponseCode::UidNext(v) => Code::UidNext(*v),
            ResponseCode::HighestModSeq(v) => Code::HighestModSeq(*v),
            _ => Code::Other,
        }
    }
}

/// The most UIDs one response's UID set or VANISHED list is expanded to (16 MiB of them).
/// A few bytes such as `VANISHED 1:4294967295` would otherwise take 16 GiB. A real server
/// never needs more in one response; what lies beyond is ignored (and logged), and the next
/// resync by UID puts the cache right.
pub const MAX_EXPANDED_UIDS: usize = 1 << 22;

/// Adds the UIDs of `range` to `into`, up to [`MAX_EXPANDED_UIDS`] in all.
pub fn extend_uids(into: &mut Vec<u32>, range: &std::ops::RangeInclusive<u32>) {
    let room = MAX_EXPANDED_UIDS.saturating_sub(into.len());
    let wanted = (*range.end() as u64 + 1).saturating_sub(*range.start() as u64);
    if wanted > room as u64 {
        tracing::warn!(
            first = range.start(),
            last = range.end(),
            "a UID range from the server is too large and was cut"
        );
    }
    into.extend(range.clone().take(room));
}

/// A UID set from a response code, in the server's order (COPYUID pairs by position).
pub fn expand(set: &[UidSetMember]) -> Vec<u32> {
    let mut out = Vec::new();
    for member in set {
        match member {
            UidSetMember::Uid(u) if out.len() < MAX_EXPANDED_UIDS => out.push(*u),
            UidSetMember::Uid(_) => {}
            // imap-proto orders each range low to high.
            UidSetMember::UidRange(r) => extend_uids(&mut out, r),
        }
    }
    out
}

/// The tagged completion of a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Done {
    pub outcome: Outcome,
    pub code: Option<Code>,
    /// The server's human-readable text.
    pub text: String,
}

impl Done {
    pub(crate) fn from_parts(
        status: &Status,
        code: Option<&ResponseCode<'_>>,
        text: Option<&str>,
    ) -> Self {
        let outcome = match status {
            Status::Ok => Outcome::Ok,
            Status::No => Outcome::No,
            _ => Outcome::Bad,
        };
        Self {
            outcome,
            code: code.map(Code::from_proto),
            text: crate::engine::safety::server_text(text.unwrap_or_default()),
        }
    }
}

/// One message's flags as the server announced them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagUpdate {
    pub uid: u32,
    pub flags: Vec<String>,
    pub modseq: Option<u64>,
}

/// What the server said on its own about the selected mailbox, kept until a sync step takes
/// it. Nothing here is ever dropped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unsolicited {
    /// The latest EXISTS count.
    pub exists: Option<u32>,
    /// How many EXPUNGE (by sequence number) responses came: the mailbox needs a UID resync.
    pub expunged: u32,
    /// UIDs the server reported gone with VANISHED (RFC 7162 §3.2.10).
    pub vanished: Vec<u32>,
    /// Flag changes that named their UID.
    pub flags: Vec<FlagUpdate>,
    /// A flag change came without a UID (no QRESYNC): only a flag resync can place it.
    pub flags_without_uid: bool,
    /// The latest HIGHESTMODSEQ the server announced.
    pub highest_modseq: Option<u64>,
}

impl Unsolicited {
    /// Whether anything at all was announced.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Takes in one untagged response. Returns false for responses that are not about the
    /// selected mailbox (the caller logs them).
    fn absorb(&mut self, response: &Response<'_>) -> bool {
        match response {
            Response::MailboxData(MailboxDatum::Exists(n)) => self.exists = Some(*n),
            Response::MailboxData(MailboxDatum::Recent(_)) => {}
            Response::Expunge(_) => {
                self.expunged += 1;
                self.exists = self.exists.map(|n| n.saturating_sub(1));
            }
            Response::Vanished { earlier, uids } => {
                for range in uids {
                    extend_uids(&mut self.vanished, range);
                }
                // Only a live VANISHED (not EARLIER) lowers the message count.
                if !earlier {
                    // Counted, not iterated: a range may span four billion UIDs.
                    let gone: u64 = uids
                        .iter()
                        .map(|r| (u64::from(*r.end()) + 1).saturating_sub(u64::from(*r.start())))
                        .fold(0, u64::saturating_add);
                    let gone = u32::try_from(gone).unwrap_or(u32::MAX);
                    self.exists = self.exists.map(|n| n.saturating_sub(gone));
                }
            }
            Response::Fetch(_, attrs) => {
                let item = FetchItem::from_attrs(0, attrs);
                match (item.uid, item.flags) {
                    (Some(uid), Some(flags)) => self.flags.push(FlagUpdate {
                        uid,
                        flags,
                        modseq: item.modseq,
                    }),
                    (None, Some(_)) => self.flags_without_uid = true,
                    _ => {}
                }
                if let Some(m) = item.modseq {
                    self.note_modseq(m);
                }
            }
            Response::Data {
                outcome:
                    async_imap::imap_proto::Outcome {
                        code: Some(ResponseCode::HighestModSeq(m)),
                        ..
                    },
                ..
            } => self.note_modseq(*m),
            _ => return false,
        }
        true
    }

    fn note_modseq(&mut self, m: u64) {
        self.highest_modseq = Some(self.highest_modseq.map_or(m, |h| h.max(m)));
    }
}

/// Whether a command's handler used an untagged response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handled {
    Yes,
    No,
}

/// Extensions turned on with ENABLE (RFC 5161).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Enabled {
    pub qresync: bool,
    pub utf8: bool,
}

/// An authenticated IMAP connection. Made by [`super::connect::connect`].
pub struct Session {
    pub(crate) imap: async_imap::Session<Stream>,
    pub(crate) host: String,
    pub(crate) caps: Capabilities,
    pub(crate) enabled: Enabled,
    pub(crate) timeout: Duration,
    pub(crate) unsolicited: Unsolicited,
    /// The mailbox selected now, as named on the wire.
    pub(crate) selected: Option<String>,
    /// Completions read while waiting for an earlier command (pipelining).
    early: HashMap<String, Done>,
    /// What the server said with BYE, if it did.
    pub(crate) bye: Option<String>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("host", &self.host)
            .field("selected", &self.selected)
            .finish()
    }
}

impl Session {
    pub(crate) fn new(
        imap: async_imap::Session<Stream>,
        host: String,
        caps: Capabilities,
        timeout: Duration,
    ) -> Self {
        Self {
            imap,
            host,
            caps,
            enabled: Enabled::default(),
            timeout,
            unsolicited: Unsolicited::default(),
            selected: None,
            early: HashMap::new(),
            bye: None,
        }
    }

    pub fn host(&self) -> &str {
        &self.host
    }

    /// What the server offers (as it said after TLS and login).
    pub fn capabilities(&self) -> &Capabilities {
        &self.caps
    }

    pub fn enabled(&self) -> Enabled {
        self.enabled
    }

    /// Sets how long to wait for an answer before the connection counts as lost.
    pub fn set_timeout(&mut self, timeout: Duration) {
        self.timeout = timeout;
    }

    /// Takes everything the server announced on its own since the last call.
    pub fn take_unsolicited(&mut self) -> Unsolicited {
        self.drain_channel();
        std::mem::take(&mut self.unsolicited)
    }

    /// Sends one tagged command without waiting for its completion.
    pub(crate) async fn send(&mut self, command: &str) -> Result<RequestId, ImapError> {
        tracing::trace!(host = %self.host, command = label(command), "IMAP command");
        let sent = tokio::time::timeout(self.timeout, self.imap.run_command(command)).await;
        match sent {
            Err(_) => Err(self.timeout_error()),
            Ok(Ok(tag)) => Ok(tag),
            Ok(Err(e)) => Err(self.crate_error(e)),
        }
    }

    /// Writes raw bytes (a literal) and flushes.
    pub(crate) async fn write_raw(&mut self, bytes: &[u8]) -> Result<(), ImapError> {
        let host = self.host.clone();
        let stream = self.imap.get_mut();
        let write = async {
            stream.write_all(bytes).await?;
            stream.flush().await
        };
        match tokio::time::timeout(self.timeout, write).await {
            Err(_) => Err(ImapError::Timeout { host }),
            Ok(Err(e)) => Err(ImapError::Net(NetError::broken(&host, &e))),
            Ok(Ok(())) => Ok(()),
        }
    }

    /// Reads until the completion of `tag`. Untagged responses go to `on`; those it does not
    /// use are kept in [`Unsolicited`]. NO and BAD come back as a [`Done`], not an error.
    pub(crate) async fn finish(
        &mut self,
        tag: &RequestId,
        mut on: impl FnMut(&Response<'_>) -> Handled,
    ) -> Result<Done, ImapError> {
        if let Some(done) = self.early.remove(&tag.0) {
            return Ok(done);
        }
        loop {
            let response = next_response!(self, self.timeout)?;
            match response.parsed() {
                Response::Done {
                    tag: t,
                    status,
                    outcome,
                } => {
                    let done = Done::from_parts(
                        status,
                        outcome.code.as_ref(),
                        outcome.information.as_deref(),
                    );
                    if t == tag {
                        self.drain_channel();
                        return Ok(done);
                    }
                    self.early.insert(t.0.clone(), done);
                }
                Response::Continue(_) => {
                    return Err(self.protocol("a continuation request nobody asked for"));
                }
                other => {
                    if on(other) == Handled::No {
                        self.note(other);
                    }
                }
            }
        }
    }

    /// Runs a command to its completion and turns NO/BAD into errors.
    pub(crate) async fn run(
        &mut self,
        command: &str,
        on: impl FnMut(&Response<'_>) -> Handled,
    ) -> Result<Done, ImapError> {
        let tag = self.send(command).await?;
        let done = self.finish(&tag, on).await?;
        self.check(command, done)
    }

    /// Runs a command that has no data of its own.
    pub(crate) async fn simple(&mut self, command: &str) -> Result<Done, ImapError> {
        self.run(command, |_| Handled::No).await
    }

    /// Turns NO and BAD into errors naming the command.
    pub(crate) fn check(&self, command: &str, done: Done) -> Result<Done, ImapError> {
        let text = if done.text.is_empty() {
            format!("{:?}", done.code)
        } else {
            done.text.clone()
        };
        match done.outcome {
            Outcome::Ok => Ok(done),
            Outcome::No => Err(ImapError::Refused {
                host: self.host.clone(),
                command: label(command).to_owned(),
                text,
            }),
            Outcome::Bad => Err(ImapError::Rejected {
                host: self.host.clone(),
                command: label(command).to_owned(),
                text,
            }),
        }
    }

    /// Keeps an untagged response nobody asked for.
    pub(crate) fn note(&mut self, response: &Response<'_>) {
        if !self.unsolicited.absorb(response) {
            tracing::debug!(host = %self.host, ?response, "untagged response not used");
        }
    }

    /// Moves whatever async-imap put on its bounded channel into our unbounded record, so
    /// that channel never fills (it drops responses silently when it does).
    fn drain_channel(&mut self) {
        while let Ok(item) = self.imap.unsolicited_responses.try_recv() {
            match item {
                UnsolicitedResponse::Exists(n) => {
                    self.unsolicited
                        .absorb(&Response::MailboxData(MailboxDatum::Exists(n)));
                }
                UnsolicitedResponse::Expunge(n) => {
                    self.unsolicited.absorb(&Response::Expunge(n));
                }
                UnsolicitedResponse::Other(data) => {
                    let response = data.parsed();
                    self.note(response);
                }
                UnsolicitedResponse::Recent(_) | UnsolicitedResponse::Status { .. } => {}
            }
        }
    }

    /// NOOP: lets the server announce changes (RFC 3501 §6.1.2).
    pub async fn noop(&mut self) -> Result<(), ImapError> {
        self.simple("NOOP").await.map(|_| ())
    }

    /// Asks for the capabilities again (they may change after login or ENABLE).
    pub async fn refresh_capabilities(&mut self) -> Result<(), ImapError> {
        let mut caps = None;
        self.run("CAPABILITY", |r| match r {
            Response::Capabilities(c) => {
                caps = Some(Capabilities::from_proto(c));
                Handled::Yes
            }
            _ => Handled::No,
        })
        .await?;
        if let Some(caps) = caps {
            self.caps = caps;
        }
        Ok(())
    }

    /// Turns on QRESYNC (which implies CONDSTORE) and UTF8=ACCEPT where offered (RFC 5161,
    /// RFC 7162 §3.2.3, RFC 6855 §3).
    pub async fn enable_extensions(&mut self) -> Result<Enabled, ImapError> {
        if !self.caps.enable() {
            return Ok(self.enabled);
        }
        let mut wanted = Vec::new();
        if self.caps.qresync() && !self.enabled.qresync {
            wanted.push("QRESYNC");
        }
        if self.caps.utf8_accept() && !self.enabled.utf8 {
            wanted.push("UTF8=ACCEPT");
        }
        if wanted.is_empty() {
            return Ok(self.enabled);
        }
        let mut on = Vec::new();
        let done = self
            .run(&format!("ENABLE {}", wanted.join(" ")), |r| match r {
                Response::Capabilities(list) => {
                    on.extend(Capabilities::from_proto(list).names());
                    Handled::Yes
                }
                _ => Handled::No,
            })
            .await;
        // A server may refuse ENABLE; sync then uses the older ways.
        if let Err(e) = done {
            tracing::warn!(host = %self.host, error = %e, "ENABLE refused");
            return Ok(self.enabled);
        }
        for name in on {
            match name.as_str() {
                "QRESYNC" => self.enabled.qresync = true,
                "UTF8=ACCEPT" => self.enabled.utf8 = true,
                _ => {}
            }
        }
        Ok(self.enabled)
    }

    /// Ends the session politely. Errors are ignored: the connection is going away anyway.
    pub async fn logout(mut self) {
        if let Ok(tag) = self.send("LOGOUT").await {
            let _ = self.finish(&tag, |_| Handled::Yes).await;
        }
    }

    pub(crate) fn protocol(&self, detail: &str) -> ImapError {
        ImapError::Protocol {
            host: self.host.clone(),
            detail: detail.to_owned(),
        }
    }

    fn timeout_error(&self) -> ImapError {
        ImapError::Timeout {
            host: self.host.clone(),
        }
    }

    fn crate_error(&self, e: async_imap::error::Error) -> ImapError {
        crate_error(&self.host, e)
    }
}

/// An I/O error while reading: a parse failure is the server's fault, anything else a broken
/// connection.
pub(crate) fn io_error(host: &str, e: &std::io::Error) -> ImapError {
    if let Some(too_large) = e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<super::transport::TooLarge>())
    {
        return ImapError::Protocol {
            host: host.to_owned(),
            detail: too_large.to_string(),
        };
    }
    let text = e.to_string();
    if e.kind() == std::io::ErrorKind::Other && text.contains("during parsing") {
        // The parser quotes the whole unparsable buffer; a line is enough for the log.
        let detail = crate::engine::safety::server_text(&text);
        ImapError::Protocol {
            host: host.to_owned(),
            detail,
        }
    } else {
        ImapError::Net(NetError::broken(host, e))
    }
}

pub(crate) fn crate_error(host: &str, e: async_imap::error::Error) -> ImapError {
    use async_imap::error::Error;
    match e {
        Error::Io(io) => io_error(host, &io),
        Error::ConnectionLost => ImapError::Closed {
            host: host.to_owned(),
            text: None,
        },
        other => ImapError::Protocol {
            host: host.to_owned(),
            detail: crate::engine::safety::server_text(&other.to_string()),
        },
    }
}

/// The command's name without its arguments, for errors and logs: `SELECT`, `UID FETCH`.
pub fn label(command: &str) -> &str {
    let mut words = command.splitn(3, ' ');
    let first = words.next().unwrap_or("");
    if first.eq_ignore_ascii_case("UID") {
        let len = first.len() + 1 + words.next().map_or(0, str::len);
        &command[..len.min(command.len())]
    } else {
        first
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use async_imap::imap_proto::AttributeValue;
    use std::borrow::Cow;

    #[test]
    fn labels_never_carry_arguments() {
        assert_eq!(label("SELECT \"INBOX\""), "SELECT");
        assert_eq!(label("UID FETCH 1:* (FLAGS)"), "UID FETCH");
        assert_eq!(label("NOOP"), "NOOP");
        assert_eq!(label("UID"), "UID");
    }

    #[test]
    fn uid_sets_from_codes_keep_the_server_order() {
        let set = vec![
            UidSetMember::UidRange(3..=5),
            UidSetMember::Uid(9),
            UidSetMember::Uid(1),
        ];
        assert_eq!(expand(&set), vec![3, 4, 5, 9, 1]);
    }

    #[test]
    fn unsolicited_responses_are_all_kept() {
        let mut u = Unsolicited::default();
        for uid in 1..=500u32 {
            let attrs = vec![
                AttributeValue::Uid(uid),
                AttributeValue::Flags(vec![Cow::Borrowed("\\Seen")]),
                AttributeValue::ModSeq(u64::from(uid) + 10),
            ];
            assert!(u.absorb(&Response::Fetch(uid, attrs)));
        }
        u.absorb(&Response::MailboxData(MailboxDatum::Exists(600)));
        u.absorb(&Response::Vanished {
            earlier: false,
            uids: vec![1..=3, 7..=7],
        });
        u.absorb(&Response::Expunge(4));
        assert_eq!(u.flags.len(), 500);
        assert_eq!(u.vanished, vec![1, 2, 3, 7]);
        assert_eq!(u.exists, Some(595));
        assert_eq!(u.expunged, 1);
        assert_eq!(u.highest_modseq, Some(510));
    }

    #[test]
    fn a_flag_change_without_uid_asks_for_a_resync() {
        let mut u = Unsolicited::default();
        u.absorb(&Response::Fetch(
            3,
            vec![AttributeValue::Flags(vec![Cow::Borrowed("\\Seen")])],
        ));
        assert!(u.flags_without_uid && u.flags.is_empty());
    }
}
