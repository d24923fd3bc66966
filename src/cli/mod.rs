//! The `tidings` binary: the window when started bare, the engine headless with a subcommand.
//!
//! Errors go to stderr as one sentence in the user's language; the exit code is 2 for bad
//! usage and 1 for everything else. `--json` output is one JSON document on stdout.

pub mod account;
pub mod args;
pub mod change;
pub mod folders;
mod output;
mod parse_error;
pub mod read;
pub mod send;
pub mod sync;

use std::process::ExitCode;

use clap::FromArgMatches;

use crate::engine::Profile;
use crate::engine::error::{Error, ErrorKind, Localized};
use crate::tr;
use args::{Cli, Command};

/// Why a command did not succeed.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}")]
    Usage(String),
    #[error("the command {0} is not available yet")]
    NotAvailable(&'static str),
    #[error("the window could not be opened: {0}")]
    Window(String),
    /// The command ran but did not achieve what was asked; the sentence says what happened.
    #[error("{0}")]
    Failed(String),
    #[error(transparent)]
    Engine(#[from] Error),
}

impl CliError {
    fn exit_code(&self) -> u8 {
        match self {
            CliError::Usage(_) | CliError::NotAvailable(_) => 2,
            CliError::Engine(e) if e.kind() == ErrorKind::Usage => 2,
            CliError::Engine(_) | CliError::Window(_) | CliError::Failed(_) => 1,
        }
    }
}

impl Localized for CliError {
    fn localized(&self) -> String {
        match self {
            CliError::Usage(text) => text.clone(),
            CliError::NotAvailable(command) => tr!("cli-not-available", command = *command),
            CliError::Window(reason) => tr!("error-window", reason = reason.as_str()),
            CliError::Engine(e) => e.localized(),
            CliError::Failed(text) => text.clone(),
        }
    }
}

/// What the process runs: parses the arguments, sets up the profile and logging, then opens
/// the window or runs the subcommand.
pub fn main() -> ExitCode {
    let command = args::localized();
    let parsed = command
        .clone()
        .try_get_matches()
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            let argv: Vec<String> = std::env::args_os()
                .map(|a| a.to_string_lossy().into_owned())
                .collect();
            match parse_error::render(&e, &command, &argv) {
                Some(text) => {
                    eprint!("{text}");
                    return ExitCode::from(2);
                }
                // --help and --version come this way too; clap prints them and picks the
                // exit code.
                None => e.exit(),
            }
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "command failed");
            eprintln!("tidings: {}", e.localized());
            ExitCode::from(e.exit_code())
        }
    }
}

fn run(cli: Cli) -> Result<(), CliError> {
    let profile = Profile::resolve(cli.profile.as_deref()).map_err(Error::from)?;
    profile.ensure().map_err(Error::from)?;
    crate::logging::init(&profile.log_file());
    crate::engine::credentials::use_platform_store();
    tracing::info!(
        version = env!("CARGO_PKG_VERSION"),
        ?profile,
        "tidings starting"
    );

    match cli.command {
        None => run_window(profile, cli.target),
        Some(command) => run_command(profile, command),
    }
}

fn run_window(profile: Profile, target: Option<String>) -> Result<(), CliError> {
    let launch = match target {
        None => crate::ui::app::Launch::Mailbox,
        Some(target) => launch_for(&target)?,
    };
    crate::ui::run(profile, launch).map_err(|e| CliError::Window(e.to_string()))
}

/// What the window opens for a command-line target: a `mailto:` link (RFC 6068) fills in
/// the composer; anything else is a message file to read.
fn launch_for(target: &str) -> Result<crate::ui::app::Launch, CliError> {
    use crate::engine::mailto::{self, MailtoError};
    use crate::ui::app::Launch;
    match mailto::parse(target) {
        Ok(link) => Ok(Launch::Mailto(Box::new(link))),
        Err(MailtoError::NotMailto) => {
            let path = std::path::PathBuf::from(target);
            if !path.is_file() {
                return Err(CliError::Usage(tr!("cli-error-no-file", path = target)));
            }
            Ok(Launch::File(path))
        }
        Err(MailtoError::Encoding) => Err(CliError::Usage(tr!("cli-error-mailto", link = target))),
    }
}

fn run_command(profile: Profile, command: Command) -> Result<(), CliError> {
    match command {
        Command::Account(command) => account::run(&profile, command),
        Command::Send(args) => send::send(&profile, args),
        Command::Outbox(args) => send::outbox(&profile, args),
        Command::Sync(args) => sync::run(&profile, args),
        Command::Folders(args) => folders::run(&profile, args),
        Command::Flag(args) => change::flag(&profile, args),
        Command::Move(args) => change::move_message(&profile, args),
        Command::Delete(args) => change::delete(&profile, args),
        Command::List(args) => read::list(&profile, args),
        Command::Show(args) => read::show(&profile, args),
        Command::Search(args) => read::search(&profile, args),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::app::Launch;

    #[test]
    fn a_target_is_a_mailto_link_or_an_existing_message_file() {
        match launch_for("MAILTO:anna@example.org?subject=Hi&attach=/etc/passwd") {
            Ok(Launch::Mailto(link)) => {
                assert_eq!(link.to, ["anna@example.org"]);
                assert_eq!(link.subject, "Hi");
                assert_eq!(link.ignored.len(), 1);
            }
            other => panic!("not a link: {other:?}"),
        }
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("m.eml");
        std::fs::write(&file, b"Subject: x\r\n\r\nbody\r\n").unwrap();
        let target = file.to_string_lossy().into_owned();
        assert!(matches!(launch_for(&target), Ok(Launch::File(p)) if p == file));
        let missing = dir.path().join("gone.eml").to_string_lossy().into_owned();
        let e = launch_for(&missing).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.localized().contains("gone.eml"), "{}", e.localized());
        assert!(matches!(launch_for("mailto:%FF"), Err(CliError::Usage(_))));
    }
}
