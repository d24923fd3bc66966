//! Deciding, from what the server lists and what the store knows, what each message needs:
//! download it, delete it on the server, or leave it. Pure, so every rule is tested here.

use std::collections::{HashMap, HashSet};

use crate::engine::account::Pop3Options;

/// One message the server listed at the start of the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// Its message number in this session.
    pub number: u32,
    /// Its size as LIST gave it.
    pub size: u64,
    /// Its UIDL, when the server has UIDL.
    pub uidl: Option<String>,
}

/// What to do with a listed message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Not stored yet: RETR it; what happens after it is stored is [`after_storing`]'s call.
    Download,
    /// Stored already and no longer wanted on the server: DELE it.
    Delete,
    /// Stored already and to be left on the server.
    Keep,
}

const DAY: i64 = 24 * 60 * 60;

/// Pairs LIST and UIDL answers by message number. `None` when the server has no UIDL; an
/// error names a listed message UIDL left out (then nothing can be trusted to be new).
pub fn merge(
    list: Vec<(u32, u64)>,
    uidl: Option<Vec<(u32, String)>>,
) -> Result<Vec<Listed>, String> {
    let Some(uidl) = uidl else {
        return Ok(list
            .into_iter()
            .map(|(number, size)| Listed {
                number,
                size,
                uidl: None,
            })
            .collect());
    };
    let mut ids: HashMap<u32, String> = uidl.into_iter().collect();
    list.into_iter()
        .map(|(number, size)| match ids.remove(&number) {
            Some(uidl) => Ok(Listed {
                number,
                size,
                uidl: Some(uidl),
            }),
            None => Err(format!("message {number} is in LIST but not in UIDL")),
        })
        .collect()
}

/// What to do with each listed message, given the UIDLs stored before (with when each was
/// downloaded, seconds since the epoch), the UIDLs the user deleted here and wants gone from
/// the server, and the time now.
pub fn plan(
    listed: &[Listed],
    known: &HashMap<String, i64>,
    deleted_here: &HashSet<String>,
    options: &Pop3Options,
    now: i64,
) -> Vec<Action> {
    listed
        .iter()
        .map(|m| match &m.uidl {
            // Without UIDL nothing tells a stored message from a new one: download all; the
            // store recognises a repeat by its content (see `download`).
            None => Action::Download,
            Some(uidl) => match known.get(uidl) {
                None => Action::Download,
                Some(&downloaded) => {
                    if wanted_gone(options, downloaded, now)
                        || (options.delete_when_deleted_locally && deleted_here.contains(uidl))
                    {
                        Action::Delete
                    } else {
                        Action::Keep
                    }
                }
            },
        })
        .collect()
}

/// Whether a message stored just now is to be deleted on the server in this session.
pub fn after_storing(options: &Pop3Options, now: i64) -> bool {
    wanted_gone(options, now, now)
}

/// Download-and-delete wants every stored message gone; leave-on-server keeps it, for at
/// most `delete_after_days` when that is set.
fn wanted_gone(options: &Pop3Options, downloaded: i64, now: i64) -> bool {
    if !options.leave_on_server {
        return true;
    }
    match options.delete_after_days {
        Some(days) => now.saturating_sub(downloaded) >= i64::from(days) * DAY,
        None => false,
    }
}

/// How long a UIDL the server no longer lists is remembered. Some servers hide a message from
/// one session and list it again later (Gmail's "recent" mode, a mailbox restored from a
/// backup); within this window it is still recognised and not downloaded twice.
pub const FORGET_AFTER_DAYS: i64 = 90;

/// The stored UIDLs that may be forgotten after a session that ended well: the server no longer
/// lists them and they were downloaded more than [`FORGET_AFTER_DAYS`] ago. Without UIDL on the
/// server nothing is forgotten (the listing says nothing about them).
pub fn forgotten(listed: &[Listed], known: &HashMap<String, i64>, now: i64) -> Vec<String> {
    if listed.iter().any(|m| m.uidl.is_none()) {
        return Vec::new();
    }
    let on_server: HashSet<&str> = listed.iter().filter_map(|m| m.uidl.as_deref()).collect();
    let mut gone: Vec<String> = known
        .iter()
        .filter(|(uidl, downloaded)| {
            !on_server.contains(uidl.as_str())
                && now.saturating_sub(**downloaded) > FORGET_AFTER_DAYS * DAY
        })
        .map(|(uidl, _)| uidl.clone())
        .collect();
    gone.sort();
    gone
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000;

    fn listed(uidls: &[Option<&str>]) -> Vec<Listed> {
        uidls
            .iter()
            .enumerate()
            .map(|(i, u)| Listed {
                number: i as u32 + 1,
                size: 100,
                uidl: u.map(str::to_owned),
            })
            .collect()
    }

    fn known(pairs: &[(&str, i64)]) -> HashMap<String, i64> {
        pairs.iter().map(|(u, t)| ((*u).to_owned(), *t)).collect()
    }

    fn options(leave: bool, days: Option<u32>, delete_here: bool) -> Pop3Options {
        Pop3Options {
            leave_on_server: leave,
            delete_after_days: days,
            delete_when_deleted_locally: delete_here,
            check_every_minutes: None,
        }
    }

    #[test]
    fn download_and_delete_fetches_the_new_and_deletes_the_already_stored() {
        let l = listed(&[Some("a"), Some("b"), Some("c")]);
        let k = known(&[("b", NOW - 10)]);
        let o = options(false, None, false);
        assert_eq!(
            plan(&l, &k, &HashSet::new(), &o, NOW),
            [Action::Download, Action::Delete, Action::Download]
        );
        assert!(after_storing(&o, NOW));
    }

    #[test]
    fn leave_on_server_keeps_what_is_stored_and_downloads_only_the_new() {
        let l = listed(&[Some("a"), Some("b")]);
        let k = known(&[("a", NOW - 400 * DAY)]);
        let o = options(true, None, false);
        assert_eq!(
            plan(&l, &k, &HashSet::new(), &o, NOW),
            [Action::Keep, Action::Download]
        );
        assert!(!after_storing(&o, NOW));
    }

    #[test]
    fn at_most_n_days_deletes_what_was_downloaded_that_long_ago() {
        let l = listed(&[Some("old"), Some("edge"), Some("young"), Some("new")]);
        let k = known(&[
            ("old", NOW - 8 * DAY),
            ("edge", NOW - 7 * DAY),
            ("young", NOW - 7 * DAY + 1),
        ]);
        let o = options(true, Some(7), false);
        assert_eq!(
            plan(&l, &k, &HashSet::new(), &o, NOW),
            [
                Action::Delete,
                Action::Delete,
                Action::Keep,
                Action::Download
            ]
        );
        assert!(!after_storing(&o, NOW));
        assert!(after_storing(&options(true, Some(0), false), NOW));
    }

    #[test]
    fn deleted_here_goes_from_the_server_only_when_the_account_says_so() {
        let l = listed(&[Some("a"), Some("b")]);
        let k = known(&[("a", NOW), ("b", NOW)]);
        let gone: HashSet<String> = ["a".to_owned()].into();
        assert_eq!(
            plan(&l, &k, &gone, &options(true, None, true), NOW),
            [Action::Delete, Action::Keep]
        );
        assert_eq!(
            plan(&l, &k, &gone, &options(true, None, false), NOW),
            [Action::Keep, Action::Keep]
        );
    }

    #[test]
    fn without_uidl_everything_is_downloaded() {
        let l = listed(&[None, None]);
        let o = options(false, None, false);
        assert_eq!(
            plan(&l, &HashMap::new(), &HashSet::new(), &o, NOW),
            [Action::Download, Action::Download]
        );
    }

    #[test]
    fn uidls_gone_from_the_server_long_ago_are_forgotten() {
        let now = 1_000 * DAY;
        let old = now - (FORGET_AFTER_DAYS + 1) * DAY;
        let recent = now - (FORGET_AFTER_DAYS - 1) * DAY;
        let known = known(&[
            ("listed-old", old),
            ("gone-old", old),
            ("gone-recent", recent),
        ]);
        let server = listed(&[Some("listed-old"), Some("new")]);
        assert_eq!(
            forgotten(&server, &known, now),
            vec!["gone-old".to_string()]
        );
        // Nothing is listed by UIDL: nothing can be known to be gone.
        assert!(forgotten(&listed(&[None]), &known, now).is_empty());
        // An empty mailbox lists nothing, so every old UIDL is gone from it.
        assert_eq!(forgotten(&[], &known, now), vec!["gone-old", "listed-old"]);
    }

    #[test]
    fn list_and_uidl_are_paired_by_number() {
        let merged = merge(
            vec![(1, 10), (2, 20)],
            Some(vec![(2, "b".into()), (1, "a".into())]),
        )
        .unwrap();
        assert_eq!(merged[0].uidl.as_deref(), Some("a"));
        assert_eq!(merged[1].uidl.as_deref(), Some("b"));
        assert_eq!(merged[1].size, 20);
        assert!(merge(vec![(1, 10), (2, 20)], Some(vec![(1, "a".into())])).is_err());
        assert!(merge(vec![(1, 10)], None).unwrap()[0].uidl.is_none());
    }
}
