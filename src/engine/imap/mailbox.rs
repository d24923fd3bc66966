//! Commands on one folder: SELECT with CONDSTORE/QRESYNC, UID FETCH/SEARCH/STORE/COPY/MOVE/
//! EXPUNGE, APPEND — each keeping what async-imap's typed versions drop (COPYUID, APPENDUID,
//! VANISHED).

use async_imap::imap_proto::{MailboxDatum, Response, ResponseCode, Status};

use super::error::ImapError;
use super::fetch::FetchItem;
use super::input;
use super::plan::SelectMode;
use super::session::{Code, Handled, Session, expand, extend_uids};

/// What SELECT reported (RFC 3501 §6.3.1, RFC 7162 §3.1.2, §3.2.5).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selected {
    pub uidvalidity: u32,
    pub uidnext: Option<u32>,
    pub exists: u32,
    /// `None` when the server has no MODSEQ for this folder (NOMODSEQ).
    pub highestmodseq: Option<u64>,
    pub read_only: bool,
    /// QRESYNC: UIDs expunged since the MODSEQ we gave.
    pub vanished: Vec<u32>,
    /// QRESYNC: messages whose flags changed (or that arrived) since then.
    pub changed: Vec<FetchItem>,
}

/// UIDs the server gave the copies of messages (UIDPLUS, RFC 4315 §3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyUids {
    pub uidvalidity: u32,
    /// (source UID, new UID) pairs.
    pub pairs: Vec<(u32, u32)>,
}

impl CopyUids {
    fn from_code(code: &Code) -> Option<Self> {
        match code {
            Code::CopyUid(v, from, to) if from.len() == to.len() => Some(Self {
                uidvalidity: *v,
                pairs: from.iter().copied().zip(to.iter().copied()).collect(),
            }),
            _ => None,
        }
    }
}

impl Session {
    /// Opens a folder for reading and writing.
    pub async fn select(&mut self, name: &str, mode: SelectMode) -> Result<Selected, ImapError> {
        let arg = self.folder_arg(name)?;
        let command = match mode {
            SelectMode::Plain => format!("SELECT {arg}"),
            SelectMode::Condstore => format!("SELECT {arg} (CONDSTORE)"),
            SelectMode::Qresync {
                uidvalidity,
                modseq,
            } => {
                format!("SELECT {arg} (QRESYNC ({uidvalidity} {modseq}))")
            }
        };
        // Whatever the server announced about the previous folder is about that folder.
        self.unsolicited = Default::default();
        self.selected = None;
        let mut sel = Selected::default();
        let mut validity = None;
        let qresync = matches!(mode, SelectMode::Qresync { .. });
        let tag = self.send(&command).await?;
        let done = self
            .finish(&tag, |r| {
                match r {
                    Response::MailboxData(MailboxDatum::Exists(n)) => sel.exists = *n,
                    Response::Data {
                        status: Status::Ok,
                        outcome,
                    } => match &outcome.code {
                        Some(ResponseCode::UidValidity(v)) => validity = Some(*v),
                        Some(ResponseCode::UidNext(n)) => sel.uidnext = Some(*n),
                        Some(ResponseCode::HighestModSeq(m)) => sel.highestmodseq = Some(*m),
                        _ => {}
                    },
                    Response::Vanished { uids, .. } if qresync => {
                        for r in uids {
                            extend_uids(&mut sel.vanished, r);
                        }
                    }
                    Response::Fetch(seq, attrs) if qresync => {
                        sel.changed.push(FetchItem::from_attrs(*seq, attrs));
                    }
                    _ => return Handled::No,
                }
                Handled::Yes
            })
            .await?;
        let done = self.check(&command, done)?;
        sel.read_only = done.code == Some(Code::ReadOnly);
        sel.uidvalidity = validity.ok_or_else(|| self.protocol("SELECT without UIDVALIDITY"))?;
        self.selected = Some(arg);
        // Anything unsolicited seen during SELECT describes the state SELECT reports.
        self.unsolicited = Default::default();
        Ok(sel)
    }

    /// The UIDVALIDITY of a folder without selecting it (STATUS, RFC 3501 §6.3.10).
    pub async fn status_uidvalidity(&mut self, name: &str) -> Result<Option<u32>, ImapError> {
        let arg = self.folder_arg(name)?;
        let mut validity = None;
        self.run(&format!("STATUS {arg} (UIDVALIDITY)"), |r| match r {
            Response::MailboxData(MailboxDatum::Status { status, .. }) => {
                for a in status {
                    if let async_imap::imap_proto::StatusAttribute::UidValidity(v) = a {
                        validity = Some(*v);
                    }
                }
                Handled::Yes
            }
            _ => Handled::No,
        })
        .await?;
        Ok(validity)
    }

    /// Leaves the selected folder without expunging anything (RFC 3691); without UNSELECT
    /// the folder simply stays selected until the next SELECT.
    pub async fn unselect(&mut self) -> Result<(), ImapError> {
        if self.selected.is_some() && self.caps.has("UNSELECT") {
            self.simple("UNSELECT").await?;
            self.selected = None;
        }
        Ok(())
    }

    /// `UID FETCH set items`, each response given to `on` as it arrives. Responses for
    /// messages outside the request (flag changes by others) go to `on` too: it decides.
    pub async fn uid_fetch(
        &mut self,
        set: &str,
        items: &str,
        mut on: impl FnMut(FetchItem) -> Handled,
    ) -> Result<(), ImapError> {
        if set.is_empty() {
            return Ok(());
        }
        let command = format!("UID FETCH {set} {items}");
        self.run(&command, |r| match r {
            Response::Fetch(seq, attrs) => on(FetchItem::from_attrs(*seq, attrs)),
            _ => Handled::No,
        })
        .await
        .map(|_| ())
    }

    /// `UID SEARCH criteria` → UIDs. Criteria are built by callers from numbers and fixed
    /// keywords; strings must come through [`input::quoted`].
    pub async fn uid_search(&mut self, criteria: &str) -> Result<Vec<u32>, ImapError> {
        let mut uids = Vec::new();
        self.run(&format!("UID SEARCH {criteria}"), |r| match r {
            Response::MailboxData(MailboxDatum::Search(found)) => {
                uids.extend_from_slice(found);
                Handled::Yes
            }
            _ => Handled::No,
        })
        .await?;
        uids.sort_unstable();
        Ok(uids)
    }

    /// `UID STORE set +FLAGS.SILENT (..)` or `-FLAGS.SILENT`: a change relative to what the
    /// server has, so another client's flags are never overwritten (RFC 4549 §4.2.3).
    pub async fn uid_store_flags(
        &mut self,
        uids: &[u32],
        add: bool,
        flags: &[String],
    ) -> Result<(), ImapError> {
        let set = input::uid_set(uids);
        if set.is_empty() || flags.is_empty() {
            return Ok(());
        }
        let list = input::flag_list(flags)?;
        let sign = if add { '+' } else { '-' };
        self.simple(&format!("UID STORE {set} {sign}FLAGS.SILENT {list}"))
            .await
            .map(|_| ())
    }

    /// `UID COPY` (RFC 3501 §6.4.7); the new UIDs when the server has UIDPLUS.
    pub async fn uid_copy(
        &mut self,
        uids: &[u32],
        target: &str,
    ) -> Result<Option<CopyUids>, ImapError> {
        let set = input::uid_set(uids);
        let arg = self.folder_arg(target)?;
        let done = self.simple(&format!("UID COPY {set} {arg}")).await?;
        Ok(done.code.as_ref().and_then(CopyUids::from_code))
    }

    /// `UID MOVE` (RFC 6851). COPYUID comes in an untagged OK before the expunges
    /// (RFC 6851 §4.3), which async-imap would bury in its unsolicited channel.
    pub async fn uid_move(
        &mut self,
        uids: &[u32],
        target: &str,
    ) -> Result<Option<CopyUids>, ImapError> {
        let set = input::uid_set(uids);
        let arg = self.folder_arg(target)?;
        let mut copied = None;
        let command = format!("UID MOVE {set} {arg}");
        let done = self
            .run(&command, |r| match r {
                Response::Data {
                    status: Status::Ok,
                    outcome,
                } => match &outcome.code {
                    Some(ResponseCode::CopyUid(v, from, to)) => {
                        copied = CopyUids::from_code(&Code::CopyUid(*v, expand(from), expand(to)));
                        Handled::Yes
                    }
                    _ => Handled::No,
                },
                _ => Handled::No,
            })
            .await?;
        Ok(copied.or_else(|| done.code.as_ref().and_then(CopyUids::from_code)))
    }

    /// `UID EXPUNGE set` (UIDPLUS): removes only these messages, never what another client
    /// marked \Deleted. With QRESYNC on, the server answers with VANISHED instead of
    /// EXPUNGE (RFC 7162 §3.2.10) — async-imap's `uid_expunge` returns nothing then; the
    /// UIDs are collected here. Returns the UIDs the server reported gone (with QRESYNC),
    /// or the requested ones after a plain EXPUNGE answer.
    pub async fn uid_expunge(&mut self, uids: &[u32]) -> Result<Vec<u32>, ImapError> {
        let set = input::uid_set(uids);
        if set.is_empty() {
            return Ok(Vec::new());
        }
        if !self.caps.uidplus() {
            return Err(ImapError::Unsupported {
                host: self.host.clone(),
                capability: "UIDPLUS".into(),
            });
        }
        let mut vanished = Vec::new();
        let mut expunged = 0u32;
        self.run(&format!("UID EXPUNGE {set}"), |r| {
            match r {
                Response::Vanished { uids, .. } => {
                    for r in uids {
                        extend_uids(&mut vanished, r);
                    }
                }
                Response::Expunge(_) => expunged += 1,
                _ => {}
            }
            // The session's record keeps the message count right as well.
            Handled::No
        })
        .await?;
        if vanished.is_empty() && expunged > 0 {
            vanished = uids.to_vec();
        }
        vanished.sort_unstable();
        Ok(vanished)
    }

    /// `APPEND` (RFC 3501 §6.3.11) with a literal; LITERAL+ (RFC 7888) saves the round trip.
    /// Returns the new message's UID from APPENDUID (RFC 4315 §3), which async-imap drops.
    pub async fn append(
        &mut self,
        folder: &str,
        flags: &[String],
        internal_date: Option<&str>,
        message: &[u8],
    ) -> Result<Option<(u32, u32)>, ImapError> {
        let arg = self.folder_arg(folder)?;
        let flags = input::flag_list(flags)?;
        let date = match internal_date {
            Some(d) => format!(" {}", input::quoted("date", d)?),
            None => String::new(),
        };
        let plus = if self.caps.literal_plus() { "+" } else { "" };
        let command = format!("APPEND {arg} {flags}{date} {{{}{plus}}}", message.len());
        let tag = self.send(&command).await?;
        if plus.is_empty() {
            // Wait for the server's go-ahead (a NO here ends the command).
            loop {
                let response = super::session::next_response!(self, self.timeout)?;
                match response.parsed() {
                    Response::Continue(_) => break,
                    Response::Done {
                        tag: t,
                        status,
                        outcome,
                    } if *t == tag => {
                        let done = super::session::Done::from_parts(
                            status,
                            outcome.code.as_ref(),
                            outcome.information.as_deref(),
                        );
                        self.check(&command, done)?;
                        return Err(self.protocol("APPEND ended before its message was sent"));
                    }
                    other => self.note(other),
                }
            }
        }
        let mut literal = Vec::with_capacity(message.len() + 2);
        literal.extend_from_slice(message);
        literal.extend_from_slice(b"\r\n");
        self.write_raw(&literal).await?;
        let done = self.finish(&tag, |_| Handled::No).await?;
        let done = self.check(&command, done)?;
        Ok(match done.code {
            Some(Code::AppendUid(validity, uids)) if uids.len() == 1 => Some((validity, uids[0])),
            _ => None,
        })
    }
}
