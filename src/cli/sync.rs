//! `tidings sync [--account NAME] [--json]`: syncs every account (or one) in turn.

use super::output;
use crate::cli::CliError;
use crate::cli::args::SyncArgs;
use crate::engine::Profile;
use crate::engine::account::{Account, Accounts};
use crate::engine::credentials::Keyring;
use crate::engine::error::{Error, Localized};
use crate::engine::events::Events;
use crate::engine::store::Store;
use crate::engine::sync::{SyncReport, sync_account};
use crate::tr;

/// A runtime for one command.
pub(crate) fn runtime() -> Result<tokio::runtime::Runtime, CliError> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| CliError::Usage(tr!("cli-runtime", reason = e.to_string())))
}

pub fn run(profile: &Profile, args: SyncArgs) -> Result<(), CliError> {
    let accounts = Accounts::load(&profile.accounts_file()).map_err(Error::from)?;
    let chosen: Vec<Account> = match &args.account {
        Some(name) => vec![accounts.get(name).map_err(Error::from)?.clone()],
        None => accounts.all().to_vec(),
    };
    let store = Store::open(profile).map_err(Error::from)?;
    let keyring = Keyring::new(&profile.config);
    let rt = runtime()?;
    let mut reports = Vec::new();
    let mut first_error = None;
    for account in &chosen {
        let outcome = keyring
            .password(&account.name)
            .map_err(Error::from)
            .and_then(|password| {
                rt.block_on(sync_account(&store, account, &password, &Events::none()))
            });
        match outcome {
            Ok(report) => {
                if !args.json {
                    print_outbox(&report)?;
                    output::line(summary(&report))?;
                }
                reports.push(report);
            }
            Err(e) => {
                // One account failing does not stop the others.
                eprintln!(
                    "tidings: {}",
                    tr!(
                        "cli-sync-account-failed",
                        account = account.name.as_str(),
                        reason = e.localized()
                    )
                );
                first_error.get_or_insert(e);
            }
        }
    }
    if args.json {
        let json =
            serde_json::to_string_pretty(&reports).map_err(|e| CliError::Usage(e.to_string()))?;
        output::line(json)?;
    }
    match first_error {
        Some(e) => Err(CliError::Engine(e)),
        None => Ok(()),
    }
}

/// One line per account for people (and the POP3 no-UIDL warning on stderr).
fn summary(report: &SyncReport) -> String {
    if let Some(pop3) = &report.pop3 {
        if pop3.no_uidl {
            let warning = tr!("sync-pop3-no-uidl", account = report.account.as_str());
            eprintln!("{}", tr!("cli-warning", text = warning));
        }
        return tr!(
            "sync-pop3-done",
            account = report.account.as_str(),
            downloaded = pop3.downloaded,
            deleted = pop3.deleted_on_server,
            left = pop3.left_on_server
        );
    }
    if let Some(r) = &report.imap {
        // Messages the server could not send: named, so the user knows which ones wait.
        for u in &r.unfetched {
            eprintln!("{}", tr!("cli-warning", text = u.localized()));
        }
    }
    match &report.imap {
        Some(r) => tr!(
            "cli-sync-imap-summary",
            account = report.account.as_str(),
            folders = r.folders as u64,
            new = r.new,
            removed = r.removed,
            flags = r.flags_changed,
            bodies = r.bodies,
            replayed = r.replayed,
            failed = r.replay_failed
        ),
        None => tr!("cli-sync-done", account = report.account.as_str()),
    }
}

/// What the outbox did, when it did anything: sent messages on stdout, the ones that did
/// not go on stderr with the reason.
fn print_outbox(report: &SyncReport) -> Result<(), CliError> {
    let Some(smtp) = &report.smtp else {
        return Ok(());
    };
    let account = report.account.as_str();
    if !smtp.sent.is_empty() {
        output::line(tr!(
            "sync-smtp-sent",
            account = account,
            count = smtp.sent.len()
        ))?;
    }
    for (id, reason) in smtp
        .retrying
        .iter()
        .chain(&smtp.failed)
        .chain(&smtp.maybe_sent)
    {
        eprintln!(
            "{}",
            tr!(
                "sync-smtp-problem",
                account = account,
                id = id.0,
                reason = reason.as_str()
            )
        );
    }
    Ok(())
}
