//! The `tidings` binary: the window when started bare, the engine headless with a subcommand.
//!
//! Errors go to stderr as one sentence in the user's language; the exit code is 2 for bad
//! usage and 1 for everything else. `--json` output is one JSON document on stdout.

pub mod account;
pub mod args;
pub mod change;
pub mod folders;
mod output;
pub mod read;
pub mod send;
pub mod sync;

use std::process::ExitCode;

use clap::Parser;

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
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // --help and --version come this way too; clap prints them and picks the exit code.
        Err(e) => e.exit(),
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
    if target.is_some() {
        // Opening mailto: links and message files is built by its own issue.
        return Err(CliError::NotAvailable("tidings MAILTO|FILE"));
    }
    crate::ui::run(profile).map_err(|e| CliError::Window(e.to_string()))
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
