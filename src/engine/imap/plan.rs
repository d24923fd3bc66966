//! Deciding what a folder's sync must do — pure functions, no I/O, tested by truth table.
//!
//! The executor in [`super::sync`] asks these questions and does what they answer:
//! 1. [`select_mode`]: how to SELECT (plain, CONDSTORE, or QRESYNC with what we know).
//! 2. [`plan`]: after SELECT, which way to resync — nothing, a full listing, QRESYNC data,
//!    CHANGEDSINCE, or a flag comparison — or rebuild because UIDVALIDITY changed
//!    (RFC 3501 §2.3.1.1: old and new UIDs must never mix).
//! 3. [`diff`]: given the server's (UID, flags) list and ours, what is new, gone, changed.
//! 4. [`expunge_scan_needed`]: with CONDSTORE but no QRESYNC, whether messages may have been
//!    expunged (the count does not add up), which costs a UID SEARCH.
//! 5. [`body_cutoff`]: which bodies to keep for `bodies_for_days`.

use std::collections::HashMap;

/// What the store knows about a folder from the last sync.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Local {
    pub uidvalidity: Option<u32>,
    /// Set only when a sync of the folder completed; `None` with a UIDVALIDITY means a first
    /// sync was interrupted.
    pub uidnext: Option<u32>,
    pub highestmodseq: Option<u64>,
    /// How many of the folder's messages the store holds.
    pub count: u64,
}

/// What SELECT said.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Server {
    pub uidvalidity: u32,
    pub uidnext: Option<u32>,
    pub exists: u32,
    /// `None` for NOMODSEQ or no CONDSTORE.
    pub highestmodseq: Option<u64>,
}

/// What `LIST ... RETURN (STATUS (...))` (RFC 5819) or STATUS said about a folder, without
/// selecting it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Status {
    pub uidvalidity: Option<u32>,
    pub uidnext: Option<u32>,
    pub messages: Option<u32>,
    pub highestmodseq: Option<u64>,
}

/// Whether a folder is known unchanged from its STATUS alone, so it needs no SELECT at all:
/// same UIDVALIDITY, UIDNEXT and message count, and a HIGHESTMODSEQ on both sides that has
/// not moved (without MODSEQ a flag change leaves no trace in STATUS).
pub fn unchanged_by_status(local: &Local, status: &Status) -> bool {
    local.uidvalidity.is_some()
        && local.uidvalidity == status.uidvalidity
        && local.uidnext.is_some()
        && local.uidnext == status.uidnext
        && local.highestmodseq.is_some()
        && local.highestmodseq == status.highestmodseq
        && status.messages.map(u64::from) == Some(local.count)
}

/// How to open a folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SelectMode {
    Plain,
    /// `SELECT name (CONDSTORE)` (RFC 7162 §3.1.8).
    Condstore,
    /// `SELECT name (QRESYNC (uidvalidity modseq))` (RFC 7162 §3.2.5): the server answers
    /// with what vanished and what changed since.
    Qresync {
        uidvalidity: u32,
        modseq: u64,
    },
}

/// What the server lets us use on this connection.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tier {
    /// QRESYNC is enabled on the session.
    pub qresync: bool,
    /// CONDSTORE is offered (or implied by QRESYNC).
    pub condstore: bool,
}

/// Chooses how to SELECT a folder.
pub fn select_mode(local: &Local, tier: Tier) -> SelectMode {
    match (
        tier.qresync,
        local.uidvalidity,
        local.uidnext,
        local.highestmodseq,
    ) {
        (true, Some(uidvalidity), Some(_), Some(modseq)) if modseq > 0 => SelectMode::Qresync {
            uidvalidity,
            modseq,
        },
        _ if tier.condstore || tier.qresync => SelectMode::Condstore,
        _ => SelectMode::Plain,
    }
}

/// The way a folder is brought up to date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plan {
    /// Nothing changed since the last sync.
    UpToDate,
    /// UIDVALIDITY changed: drop the folder's cache (its queued changes fail), then do a
    /// full sync.
    Rebuild,
    /// List every UID with its flags and fetch what we lack: a first sync, or one resumed.
    Full,
    /// SELECT (QRESYNC) reported vanished and changed messages already; fetch the headers of
    /// new messages (UID ≥ `new_from`).
    Qresync { new_from: u32 },
    /// `UID FETCH 1:* (FLAGS) (CHANGEDSINCE modseq)` for flag changes, headers of UID ≥
    /// `new_from`, and an expunge scan only if the count does not add up.
    Condstore { changed_since: u64, new_from: u32 },
    /// No modification sequences: list every UID with flags and compare.
    Compare,
}

impl Plan {
    /// A short name for reports and logs.
    pub fn name(&self) -> &'static str {
        match self {
            Plan::UpToDate => "up-to-date",
            Plan::Rebuild => "rebuild",
            Plan::Full => "full",
            Plan::Qresync { .. } => "qresync",
            Plan::Condstore { .. } => "condstore",
            Plan::Compare => "compare",
        }
    }
}

/// Decides how to resync a folder after SELECT answered with `server`.
pub fn plan(local: &Local, server: &Server, mode: SelectMode) -> Plan {
    let Some(known_validity) = local.uidvalidity else {
        return Plan::Full;
    };
    if known_validity != server.uidvalidity {
        return Plan::Rebuild;
    }
    let Some(local_next) = local.uidnext else {
        // A first sync that did not finish: resume it.
        return Plan::Full;
    };
    // Unchanged only if nothing arrived and nothing left: HIGHESTMODSEQ alone does not
    // move for an expunge on every server.
    let nothing_new =
        server.uidnext.is_some_and(|n| n <= local_next) && u64::from(server.exists) == local.count;
    match (local.highestmodseq, server.highestmodseq) {
        (Some(ours), Some(theirs)) if theirs == ours && nothing_new => Plan::UpToDate,
        (Some(_), Some(_)) if matches!(mode, SelectMode::Qresync { .. }) => Plan::Qresync {
            new_from: local_next,
        },
        (Some(ours), Some(_)) => Plan::Condstore {
            changed_since: ours,
            new_from: local_next,
        },
        // No MODSEQ on one side (first CONDSTORE use, or the server lost it): compare.
        _ => Plan::Compare,
    }
}

/// With CONDSTORE alone, EXPUNGEs leave no trace in CHANGEDSINCE; the message count tells
/// whether any happened. `local_count` is what the store holds once new messages are in.
pub fn expunge_scan_needed(server_exists: u32, local_count: u64) -> bool {
    u64::from(server_exists) != local_count
}

/// The outcome of comparing the server's list with ours.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diff {
    /// On the server, not here: fetch their headers. Newest (highest UID) first.
    pub new: Vec<u32>,
    /// Here, not on the server any more: remove.
    pub gone: Vec<u32>,
    /// On both with other flags: take the server's.
    pub changed: Vec<(u32, Vec<String>)>,
}

/// Compares `server` (every UID with its flags) with `local` (UID → flags, normalised as
/// [`normalise_flags`] does).
pub fn diff(server: &[(u32, Vec<String>)], local: &HashMap<u32, Vec<String>>) -> Diff {
    let mut out = Diff::default();
    let mut seen = std::collections::HashSet::with_capacity(server.len());
    for (uid, flags) in server {
        seen.insert(*uid);
        match local.get(uid) {
            None => out.new.push(*uid),
            Some(ours) => {
                let theirs = normalise_flags(flags);
                if &theirs != ours {
                    out.changed.push((*uid, theirs));
                }
            }
        }
    }
    out.gone = local
        .keys()
        .filter(|u| !seen.contains(u))
        .copied()
        .collect();
    out.new.sort_unstable_by(|a, b| b.cmp(a));
    out.new.dedup();
    out.gone.sort_unstable();
    out.changed.sort_by_key(|(u, _)| *u);
    out
}

/// Flags as compared and stored: without the session-only `\Recent`, system flags with
/// their canonical case, sorted, no duplicates.
pub fn normalise_flags(flags: &[String]) -> Vec<String> {
    const SYSTEM: [&str; 5] = ["\\Seen", "\\Answered", "\\Flagged", "\\Deleted", "\\Draft"];
    let mut out: Vec<String> = flags
        .iter()
        .filter(|f| !f.eq_ignore_ascii_case("\\Recent") && !f.is_empty())
        .map(|f| {
            SYSTEM
                .iter()
                .find(|s| s.eq_ignore_ascii_case(f))
                .map_or_else(|| f.clone(), |s| (*s).to_owned())
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Splits UIDs (already in the order to fetch) into batches of at most `max` each.
pub fn batches(uids: &[u32], max: usize) -> Vec<Vec<u32>> {
    uids.chunks(max.max(1)).map(<[u32]>::to_vec).collect()
}

/// The oldest receive date (Unix seconds) whose body is kept, for `bodies_for_days`;
/// `None` keeps every body.
pub fn body_cutoff(bodies_for_days: Option<u32>, now: i64) -> Option<i64> {
    bodies_for_days.map(|days| now - i64::from(days) * 86_400)
}

#[cfg(test)]
mod tests {
    use super::*;

    const QR: Tier = Tier {
        qresync: true,
        condstore: true,
    };
    const CS: Tier = Tier {
        qresync: false,
        condstore: true,
    };
    const PLAIN: Tier = Tier {
        qresync: false,
        condstore: false,
    };

    fn local(v: Option<u32>, next: Option<u32>, modseq: Option<u64>) -> Local {
        Local {
            uidvalidity: v,
            uidnext: next,
            highestmodseq: modseq,
            count: 40,
        }
    }

    fn server(v: u32, next: u32, exists: u32, modseq: Option<u64>) -> Server {
        Server {
            uidvalidity: v,
            uidnext: Some(next),
            exists,
            highestmodseq: modseq,
        }
    }

    #[test]
    fn select_mode_truth_table() {
        let complete = local(Some(7), Some(50), Some(900));
        let never = Local::default();
        let interrupted = local(Some(7), None, None);
        let no_modseq = local(Some(7), Some(50), None);
        let cases = [
            (
                complete,
                QR,
                SelectMode::Qresync {
                    uidvalidity: 7,
                    modseq: 900,
                },
            ),
            (complete, CS, SelectMode::Condstore),
            (complete, PLAIN, SelectMode::Plain),
            (never, QR, SelectMode::Condstore),
            (never, PLAIN, SelectMode::Plain),
            (interrupted, QR, SelectMode::Condstore),
            (no_modseq, QR, SelectMode::Condstore),
            (local(Some(7), Some(50), Some(0)), QR, SelectMode::Condstore),
        ];
        for (l, tier, want) in cases {
            assert_eq!(select_mode(&l, tier), want, "{l:?} {tier:?}");
        }
    }

    #[test]
    fn plan_truth_table() {
        let qr = SelectMode::Qresync {
            uidvalidity: 7,
            modseq: 900,
        };
        let cs = SelectMode::Condstore;
        let pl = SelectMode::Plain;
        let synced = local(Some(7), Some(50), Some(900));
        let cases = [
            // never synced / interrupted first sync → full (resumable)
            (
                Local::default(),
                server(7, 50, 40, Some(900)),
                cs,
                Plan::Full,
            ),
            (
                local(Some(7), None, None),
                server(7, 50, 40, Some(900)),
                cs,
                Plan::Full,
            ),
            // UIDVALIDITY changed → rebuild, whatever else
            (synced, server(8, 50, 40, Some(900)), qr, Plan::Rebuild),
            (
                local(Some(7), None, None),
                server(8, 1, 0, None),
                pl,
                Plan::Rebuild,
            ),
            // nothing changed → no work
            (synced, server(7, 50, 40, Some(900)), qr, Plan::UpToDate),
            (synced, server(7, 50, 40, Some(900)), cs, Plan::UpToDate),
            // changes with QRESYNC / CONDSTORE
            (
                synced,
                server(7, 53, 43, Some(950)),
                qr,
                Plan::Qresync { new_from: 50 },
            ),
            (
                synced,
                server(7, 50, 38, Some(950)),
                qr,
                Plan::Qresync { new_from: 50 },
            ),
            (
                synced,
                server(7, 53, 43, Some(950)),
                cs,
                Plan::Condstore {
                    changed_since: 900,
                    new_from: 50,
                },
            ),
            // a message gone with no modseq change still needs a look
            (
                synced,
                server(7, 50, 39, Some(900)),
                cs,
                Plan::Condstore {
                    changed_since: 900,
                    new_from: 50,
                },
            ),
            // new mail but the same HIGHESTMODSEQ cannot be trusted as "no change"
            (
                synced,
                server(7, 51, 41, Some(900)),
                cs,
                Plan::Condstore {
                    changed_since: 900,
                    new_from: 50,
                },
            ),
            // no MODSEQ on either side → compare flags
            (synced, server(7, 50, 40, None), pl, Plan::Compare),
            (
                local(Some(7), Some(50), None),
                server(7, 50, 40, Some(900)),
                cs,
                Plan::Compare,
            ),
        ];
        for (l, s, mode, want) in cases {
            assert_eq!(plan(&l, &s, mode), want, "{l:?} {s:?} {mode:?}");
        }
    }

    #[test]
    fn status_truth_table() {
        let synced = local(Some(7), Some(50), Some(900));
        let same = Status {
            uidvalidity: Some(7),
            uidnext: Some(50),
            messages: Some(40),
            highestmodseq: Some(900),
        };
        assert!(unchanged_by_status(&synced, &same));
        let changed = [
            Status {
                uidvalidity: Some(8),
                ..same
            },
            Status {
                uidnext: Some(51),
                ..same
            },
            Status {
                messages: Some(39),
                ..same
            },
            Status {
                highestmodseq: Some(901),
                ..same
            },
            Status {
                highestmodseq: None,
                ..same
            },
            Status {
                messages: None,
                ..same
            },
        ];
        for status in changed {
            assert!(!unchanged_by_status(&synced, &status), "{status:?}");
        }
        // Never synced, interrupted, or synced without MODSEQ: a STATUS cannot vouch for it.
        for l in [
            Local::default(),
            local(Some(7), None, None),
            local(Some(7), Some(50), None),
        ] {
            assert!(!unchanged_by_status(&l, &same), "{l:?}");
        }
    }

    #[test]
    fn expunge_scan_only_when_counts_differ() {
        assert!(!expunge_scan_needed(40, 40));
        assert!(expunge_scan_needed(39, 40));
        assert!(expunge_scan_needed(41, 40));
    }

    #[test]
    fn diff_finds_new_gone_and_changed() {
        let server = vec![
            (1, vec!["\\Seen".to_owned()]),
            (2, vec!["\\seen".to_owned(), "\\Recent".to_owned()]),
            (4, vec![]),
            (5, vec!["$Work".to_owned()]),
            (6, vec![]),
        ];
        let local: HashMap<u32, Vec<String>> = [
            (1, vec!["\\Seen".to_owned()]),
            (2, vec!["\\Seen".to_owned()]),
            (3, vec![]),
            (4, vec!["\\Flagged".to_owned()]),
        ]
        .into_iter()
        .collect();
        let d = diff(&server, &local);
        assert_eq!(d.new, vec![6, 5]);
        assert_eq!(d.gone, vec![3]);
        assert_eq!(d.changed, vec![(4, vec![])]);
    }

    #[test]
    fn flags_normalise() {
        let f = normalise_flags(&[
            "\\SEEN".into(),
            "\\Recent".into(),
            "$Forwarded".into(),
            "\\Seen".into(),
        ]);
        assert_eq!(f, vec!["$Forwarded".to_owned(), "\\Seen".to_owned()]);
    }

    #[test]
    fn batches_and_cutoff() {
        assert_eq!(
            batches(&[9, 8, 7, 6, 5], 2),
            vec![vec![9, 8], vec![7, 6], vec![5]]
        );
        assert!(batches(&[], 10).is_empty());
        assert_eq!(body_cutoff(None, 1_000_000), None);
        assert_eq!(body_cutoff(Some(2), 1_000_000), Some(1_000_000 - 172_800));
    }
}
