//! `tidings flag ID (--seen|--unseen|--flagged|--unflagged)`, `tidings move ID FOLDER`,
//! `tidings delete ID`.
//!
//! The change is made in the store at once and queued; for an IMAP account it is then
//! replayed on the server right away when it can be. Offline, it stays queued for the next
//! `tidings sync` — the command still succeeds, and says so.

use super::output;
use crate::cli::CliError;
use crate::cli::args::{DeleteArgs, FlagArgs, MoveArgs};
use crate::engine::Profile;
use crate::engine::account::{Accounts, Protocol};
use crate::engine::actions::{self, Mark};
use crate::engine::credentials::Keyring;
use crate::engine::error::{Error, Localized};
use crate::engine::events::Events;
use crate::engine::imap;
use crate::engine::store::{MessageId, Store};
use crate::tr;

pub fn flag(profile: &Profile, args: FlagArgs) -> Result<(), CliError> {
    let store = Store::open(profile).map_err(Error::from)?;
    let id = MessageId(args.id);
    let account = account_of(&store, id)?;
    let c = &args.change;
    let mark = if c.seen {
        Mark::Read
    } else if c.unseen {
        Mark::Unread
    } else if c.flagged {
        Mark::Flagged
    } else {
        Mark::Unflagged
    };
    actions::mark(&store, &[id], mark).map_err(Error::from)?;
    output::line(tr!("cli-change-done", id = args.id))?;
    push(profile, &store, &account);
    Ok(())
}

pub fn move_message(profile: &Profile, args: MoveArgs) -> Result<(), CliError> {
    let store = Store::open(profile).map_err(Error::from)?;
    let id = MessageId(args.id);
    let account = account_of(&store, id)?;
    let account_id = store.account_id(&account).map_err(Error::from)?;
    let folder = actions::folder_named(&store, account_id, &args.folder).map_err(Error::from)?;
    actions::move_to(&store, &[id], folder).map_err(Error::from)?;
    output::line(tr!(
        "cli-change-moved",
        id = args.id,
        folder = args.folder.as_str()
    ))?;
    push(profile, &store, &account);
    Ok(())
}

pub fn delete(profile: &Profile, args: DeleteArgs) -> Result<(), CliError> {
    let store = Store::open(profile).map_err(Error::from)?;
    let id = MessageId(args.id);
    let account = account_of(&store, id)?;
    actions::delete(&store, &[id]).map_err(Error::from)?;
    output::line(tr!("cli-change-deleted", id = args.id))?;
    push(profile, &store, &account);
    Ok(())
}

/// The name of the account a message belongs to.
fn account_of(store: &Store, id: MessageId) -> Result<String, CliError> {
    Ok(store.summary(id).map_err(Error::from)?.account)
}

/// Replays the account's queue now if it is an IMAP account and the server answers; else
/// the change waits for the next sync.
fn push(profile: &Profile, store: &Store, account: &str) {
    let Ok(accounts) = Accounts::load(&profile.accounts_file()) else {
        return;
    };
    let Ok(account) = accounts.get(account) else {
        return;
    };
    if account.protocol != Protocol::Imap {
        return;
    }
    let outcome = Keyring::new(&profile.config)
        .password(&account.name)
        .map_err(Error::from)
        .and_then(|password| {
            let rt = crate::cli::sync::runtime().map_err(|e| {
                Error::from(crate::engine::imap::ImapError::Protocol {
                    host: String::new(),
                    detail: e.to_string(),
                })
            })?;
            rt.block_on(imap::replay_account(
                account,
                &password,
                store,
                &Events::none(),
            ))
            .map_err(Error::from)
        });
    match outcome {
        Ok(report) if report.failed > 0 => {
            eprintln!("{}", tr!("cli-change-replay-failed", count = report.failed));
        }
        Ok(_) => {}
        Err(e) => eprintln!("{}", tr!("cli-change-queued", reason = e.localized())),
    }
}
