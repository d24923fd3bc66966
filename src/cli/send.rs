//! `tidings send`, `tidings send --raw`, `tidings outbox [--json]` and
//! `tidings outbox retry ID|all`.
//!
//! `send` puts the message in the outbox first (durably), then sends what is due for the
//! account at once. When it cannot go now, it stays in the outbox and the command says why
//! and exits with 1; `tidings sync` or `tidings outbox retry` sends it later.

use super::output;
use std::io::Read;

use serde::Serialize;

use crate::cli::CliError;
use crate::cli::args::{OutboxAction, OutboxArgs, SendArgs};
use crate::engine::Profile;
use crate::engine::account::{Account, Accounts};
use crate::engine::compose::{self, Attachment, Built, Outgoing, Person};
use crate::engine::credentials::Keyring;
use crate::engine::error::{Error, Localized};
use crate::engine::events::Events;
use crate::engine::smtp::{FlushReport, Outbox, Retry};
use crate::engine::store::{OutboxEntry, OutboxId, OutboxState, Store};
use crate::tr;

/// What `send --json` prints.
#[derive(Debug, Serialize)]
struct SendResult {
    id: OutboxId,
    message_id: String,
    /// `sent`, `retry`, `failed` or `maybe-sent`.
    state: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

pub fn send(profile: &Profile, args: SendArgs) -> Result<(), CliError> {
    let accounts = Accounts::load(&profile.accounts_file()).map_err(Error::from)?;
    let account = accounts.get(&args.account).map_err(Error::from)?.clone();
    let built = if args.raw {
        let mut raw = Vec::new();
        std::io::stdin()
            .read_to_end(&mut raw)
            .map_err(|e| CliError::Usage(tr!("cli-send-stdin", reason = e.to_string())))?;
        compose::prepare_raw(&raw, &Person::new(&account.display_name, &account.email))
            .map_err(Error::from)?
    } else {
        compose::build(&outgoing(&account, &args)?).map_err(Error::from)?
    };
    let store = Store::open(profile).map_err(Error::from)?;
    let outbox = Outbox::new(store);
    let runtime = runtime()?;
    let id = runtime.block_on(outbox.queue(&account, &built))?;
    let report = flush(profile, &runtime, &outbox, &account)?;
    finish(&built, id, &report, args.json)
}

/// The message the command line describes, from the account, with its signature.
fn outgoing(account: &Account, args: &SendArgs) -> Result<Outgoing, CliError> {
    let mut message = Outgoing::new(account);
    message.to = args.to.clone();
    message.cc = args.cc.clone();
    message.bcc = args.bcc.clone();
    message.subject = args.subject.clone().unwrap_or_default();
    if let Some(path) = &args.body_file {
        let body = std::fs::read_to_string(path).map_err(|e| {
            CliError::Usage(tr!(
                "cli-send-body-file",
                path = path.display().to_string(),
                reason = e.to_string()
            ))
        })?;
        message.text = format!("{body}{}", message.text);
    }
    for path in &args.attach {
        message
            .attachments
            .push(Attachment::from_file(path).map_err(Error::from)?);
    }
    Ok(message)
}

/// Sends what is due for `account` now, with its password from the keyring.
fn flush(
    profile: &Profile,
    runtime: &tokio::runtime::Runtime,
    outbox: &Outbox,
    account: &Account,
) -> Result<FlushReport, CliError> {
    let password = Keyring::new(&profile.config)
        .password(&account.name)
        .map_err(Error::from)?;
    Ok(runtime.block_on(outbox.flush_waiting(account, &password, &Events::none()))?)
}

/// Says what became of the new message; an error when it did not go out now.
fn finish(built: &Built, id: OutboxId, report: &FlushReport, json: bool) -> Result<(), CliError> {
    let find = |list: &[(OutboxId, String)]| {
        list.iter()
            .find(|(i, _)| *i == id)
            .map(|(_, reason)| reason.clone())
    };
    let (state, error) = if report.sent.contains(&id) {
        ("sent", None)
    } else if let Some(reason) = find(&report.failed) {
        ("failed", Some(reason))
    } else if let Some(reason) = find(&report.maybe_sent) {
        ("maybe-sent", Some(reason))
    } else if let Some(reason) = find(&report.retrying) {
        ("retry", Some(reason))
    } else {
        // Another Tidings was sending: the message waits its turn.
        ("retry", Some(tr!("cli-send-busy")))
    };
    if json {
        print_json(&SendResult {
            id,
            message_id: built.message_id.clone(),
            state,
            error: error.clone(),
        })?;
    }
    match (state, error) {
        ("sent", _) => {
            if !json {
                output::line(tr!("cli-send-sent", id = id.0))?;
            }
            Ok(())
        }
        ("failed", Some(reason)) => Err(CliError::Failed(tr!(
            "cli-send-failed",
            id = id.0,
            reason = reason
        ))),
        ("maybe-sent", Some(reason)) => Err(CliError::Failed(tr!(
            "cli-send-maybe-sent",
            id = id.0,
            reason = reason
        ))),
        (_, reason) => Err(CliError::Failed(tr!(
            "cli-send-queued",
            id = id.0,
            reason = reason.unwrap_or_default()
        ))),
    }
}

pub fn outbox(profile: &Profile, args: OutboxArgs) -> Result<(), CliError> {
    let store = Store::open(profile).map_err(Error::from)?;
    let outbox = Outbox::new(store);
    let runtime = runtime()?;
    match args.action {
        None => {
            let list = runtime.block_on(outbox.list())?;
            if args.json {
                print_json(&list)
            } else {
                print_list(&list)
            }
        }
        Some(OutboxAction::Retry { id }) => retry(profile, &runtime, &outbox, &id, args.json),
    }
}

/// Puts entries back in line and sends them now.
fn retry(
    profile: &Profile,
    runtime: &tokio::runtime::Runtime,
    outbox: &Outbox,
    which: &str,
    json: bool,
) -> Result<(), CliError> {
    let which = if which.eq_ignore_ascii_case("all") {
        Retry::All
    } else {
        let id: i64 = which
            .parse()
            .map_err(|_| CliError::Usage(tr!("cli-outbox-bad-id", id = which)))?;
        Retry::One(OutboxId(id))
    };
    runtime.block_on(outbox.retry(which))?;
    let due: Vec<String> = {
        let list = runtime.block_on(outbox.list())?;
        let mut names: Vec<String> = list
            .into_iter()
            .filter(|e| e.state == OutboxState::Queued)
            .map(|e| e.account)
            .collect();
        names.sort();
        names.dedup();
        names
    };
    let accounts = Accounts::load(&profile.accounts_file()).map_err(Error::from)?;
    let mut first_error = None;
    for name in due {
        let result = accounts
            .get(&name)
            .map_err(Error::from)
            .map_err(CliError::from)
            .and_then(|account| flush(profile, runtime, outbox, account));
        if let Err(e) = result {
            eprintln!("tidings: {name}: {}", e.localized());
            first_error.get_or_insert(e);
        }
    }
    let list = runtime.block_on(outbox.list())?;
    if json {
        print_json(&list)?;
    } else {
        print_list(&list)?;
    }
    match first_error {
        Some(e) => Err(e),
        None if list.iter().any(|e| !matches!(e.state, OutboxState::Queued)) => {
            Err(CliError::Failed(tr!("cli-outbox-left", count = list.len())))
        }
        None => Ok(()),
    }
}

/// When a retry is due (minutes away), as the language writes a time of day.
fn retry_time(at: i64) -> String {
    chrono::DateTime::from_timestamp(at, 0)
        .map(|t| crate::i18n::format_time(&t.with_timezone(&chrono::Local)))
        .unwrap_or_default()
}

fn print_list(list: &[OutboxEntry]) -> Result<(), CliError> {
    if list.is_empty() {
        return output::line(tr!("cli-outbox-empty"));
    }
    for e in list {
        let state = match &e.state {
            OutboxState::Queued => tr!("outbox-state-queued"),
            OutboxState::Sending => tr!("outbox-state-sending"),
            OutboxState::Retry { at, error } => tr!(
                "outbox-state-retry",
                at = retry_time(*at),
                reason = error.as_str()
            ),
            OutboxState::Failed { reason } => {
                tr!("outbox-state-failed", reason = reason.as_str())
            }
            OutboxState::MaybeSent { reason } => {
                tr!("outbox-state-maybe-sent", reason = reason.as_str())
            }
        };
        output::line(format!(
            "{}\t{}\t{}\t{}\t{}",
            e.id,
            e.account,
            e.recipients.join(", "),
            e.subject,
            state
        ))?;
    }
    Ok(())
}

fn print_json<T: Serialize + ?Sized>(value: &T) -> Result<(), CliError> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| CliError::Usage(tr!("cli-json-failed", reason = e.to_string())))?;
    output::line(text)
}

fn runtime() -> Result<tokio::runtime::Runtime, CliError> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| CliError::Usage(tr!("cli-runtime", reason = e.to_string())))
}
