//! The command line, as DESIGN.md §6 gives it. Help texts come from the Fluent files.

use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::tr;

#[derive(Debug, Parser)]
#[command(
    name = "tidings",
    version,
    about = tr!("cli-about"),
    disable_help_subcommand = true
)]
pub struct Cli {
    /// Keeps settings, mail and logs under this directory (same as TIDINGS_HOME).
    #[arg(long, global = true, value_name = "DIR", help = tr!("cli-arg-profile"))]
    pub profile: Option<PathBuf>,

    /// A `mailto:` link to compose, or a message file to read.
    #[arg(value_name = "MAILTO|FILE", help = tr!("cli-arg-target"))]
    pub target: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    #[command(subcommand, about = tr!("cli-cmd-account"))]
    Account(AccountCommand),
    #[command(about = tr!("cli-cmd-sync"))]
    Sync(SyncArgs),
    #[command(about = tr!("cli-cmd-folders"))]
    Folders(FoldersArgs),
    #[command(about = tr!("cli-cmd-list"))]
    List(ListArgs),
    #[command(about = tr!("cli-cmd-show"))]
    Show(ShowArgs),
    #[command(about = tr!("cli-cmd-search"))]
    Search(SearchArgs),
    #[command(about = tr!("cli-cmd-send"))]
    Send(SendArgs),
    #[command(about = tr!("cli-cmd-outbox"))]
    Outbox(OutboxArgs),
    #[command(about = tr!("cli-cmd-flag"))]
    Flag(FlagArgs),
    #[command(about = tr!("cli-cmd-move"), name = "move")]
    Move(MoveArgs),
    #[command(about = tr!("cli-cmd-delete"))]
    Delete(DeleteArgs),
}

impl Command {
    /// The command's name as typed, for messages.
    pub fn name(&self) -> &'static str {
        match self {
            Command::Account(a) => a.name(),
            Command::Sync(_) => "sync",
            Command::Folders(_) => "folders",
            Command::List(_) => "list",
            Command::Show(_) => "show",
            Command::Search(_) => "search",
            Command::Send(_) => "send",
            Command::Outbox(_) => "outbox",
            Command::Flag(_) => "flag",
            Command::Move(_) => "move",
            Command::Delete(_) => "delete",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProtocolArg {
    Imap,
    Pop3,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SecurityArg {
    Tls,
    Starttls,
    Plain,
}

#[derive(Debug, Subcommand)]
pub enum AccountCommand {
    #[command(about = tr!("cli-cmd-account-add"))]
    Add(AccountAddArgs),
    #[command(about = tr!("cli-cmd-account-discover"))]
    Discover(AccountDiscoverArgs),
    #[command(about = tr!("cli-cmd-account-list"))]
    List(JsonArgs),
    #[command(about = tr!("cli-cmd-account-verify"))]
    Verify(AccountVerifyArgs),
    #[command(about = tr!("cli-cmd-account-remove"))]
    Remove(AccountRemoveArgs),
}

impl AccountCommand {
    pub fn name(&self) -> &'static str {
        match self {
            AccountCommand::Add(_) => "account add",
            AccountCommand::Discover(_) => "account discover",
            AccountCommand::List(_) => "account list",
            AccountCommand::Verify(_) => "account verify",
            AccountCommand::Remove(_) => "account remove",
        }
    }
}

#[derive(Debug, Args)]
pub struct JsonArgs {
    #[arg(long, help = tr!("cli-arg-json"))]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct AccountNameArgs {
    #[arg(value_name = "NAME", help = tr!("cli-arg-account-name"))]
    pub name: String,
}

#[derive(Debug, Args)]
pub struct AccountVerifyArgs {
    #[arg(value_name = "NAME", help = tr!("cli-arg-account-name"))]
    pub name: String,
    /// Use this password for this run instead of the keyring's.
    #[arg(long, help = tr!("cli-arg-password-stdin-run"))]
    pub password_stdin: bool,
    #[arg(long, help = tr!("cli-arg-json"))]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct AccountRemoveArgs {
    #[arg(value_name = "NAME", help = tr!("cli-arg-account-name"))]
    pub name: String,
    /// POP3 only: keep the downloaded mail in the profile after the account is gone.
    #[arg(long, conflicts_with = "delete_mail", help = tr!("cli-arg-keep-mail"))]
    pub keep_mail: bool,
    /// POP3 only: delete the downloaded mail, which may be the only copy.
    #[arg(long, help = tr!("cli-arg-delete-mail"))]
    pub delete_mail: bool,
}

#[derive(Debug, Args)]
pub struct AccountAddArgs {
    #[arg(value_name = "NAME", help = tr!("cli-arg-account-name"))]
    pub name: String,
    #[arg(long, value_name = "ADDR", help = tr!("cli-arg-email"))]
    pub email: String,
    #[arg(long, value_name = "TEXT", help = tr!("cli-arg-display-name"))]
    pub display_name: Option<String>,
    #[arg(long, value_enum, help = tr!("cli-arg-protocol"))]
    pub protocol: ProtocolArg,
    #[arg(long, conflicts_with_all = ["incoming", "smtp"], help = tr!("cli-arg-auto"))]
    pub auto: bool,
    #[arg(long, value_name = "HOST:PORT", requires_all = ["incoming_security", "smtp", "smtp_security"], help = tr!("cli-arg-incoming"))]
    pub incoming: Option<String>,
    #[arg(long, value_enum, help = tr!("cli-arg-incoming-security"))]
    pub incoming_security: Option<SecurityArg>,
    #[arg(long, value_name = "HOST:PORT", requires_all = ["incoming", "smtp_security"], help = tr!("cli-arg-smtp"))]
    pub smtp: Option<String>,
    #[arg(long, value_enum, help = tr!("cli-arg-smtp-security"))]
    pub smtp_security: Option<SecurityArg>,
    #[arg(long, value_name = "USER", help = tr!("cli-arg-username"))]
    pub username: Option<String>,
    #[arg(long, value_name = "PEM", help = tr!("cli-arg-ca-file"))]
    pub ca_file: Option<PathBuf>,
    #[arg(long, value_name = "SHA256", help = tr!("cli-arg-accept-cert"))]
    pub accept_cert: Vec<String>,
    #[arg(long, value_name = "IP:PORT", help = tr!("cli-arg-dns-server"))]
    pub dns_server: Option<String>,
    #[arg(long, value_name = "URL", env = "TIDINGS_ISPDB_URL", help = tr!("cli-arg-ispdb-url"))]
    pub ispdb_url: Option<String>,
    #[arg(long, help = tr!("cli-arg-password-stdin"))]
    pub password_stdin: bool,
}

#[derive(Debug, Args)]
pub struct AccountDiscoverArgs {
    #[arg(value_name = "ADDR", help = tr!("cli-arg-email"))]
    pub address: String,
    #[arg(long, value_name = "IP:PORT", help = tr!("cli-arg-dns-server"))]
    pub dns_server: Option<String>,
    #[arg(long, value_name = "PEM", help = tr!("cli-arg-ca-file"))]
    pub ca_file: Option<PathBuf>,
    #[arg(long, value_name = "URL", env = "TIDINGS_ISPDB_URL", help = tr!("cli-arg-ispdb-url"))]
    pub ispdb_url: Option<String>,
    #[arg(long, help = tr!("cli-arg-json"))]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SyncArgs {
    #[arg(long, value_name = "NAME", help = tr!("cli-arg-account"))]
    pub account: Option<String>,
    #[arg(long, help = tr!("cli-arg-json"))]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct FoldersArgs {
    #[arg(long, value_name = "NAME", help = tr!("cli-arg-account"))]
    pub account: String,
    #[arg(long, help = tr!("cli-arg-json"))]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[arg(long, value_name = "NAME", help = tr!("cli-arg-account"))]
    pub account: String,
    #[arg(long, value_name = "FOLDER", help = tr!("cli-arg-folder"))]
    pub folder: Option<String>,
    #[arg(long, value_name = "N", help = tr!("cli-arg-limit"))]
    pub limit: Option<u32>,
    #[arg(long, help = tr!("cli-arg-json"))]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    #[arg(value_name = "ID", help = tr!("cli-arg-id"))]
    pub id: i64,
    #[arg(long, help = tr!("cli-arg-raw-show"))]
    pub raw: bool,
    #[arg(long, help = tr!("cli-arg-json"))]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    #[arg(value_name = "QUERY", help = tr!("cli-arg-query"))]
    pub query: String,
    #[arg(long, value_name = "NAME", help = tr!("cli-arg-account"))]
    pub account: Option<String>,
    #[arg(long, value_name = "N", help = tr!("cli-arg-limit"))]
    pub limit: Option<u32>,
    #[arg(long, help = tr!("cli-arg-json"))]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SendArgs {
    #[arg(long, value_name = "NAME", help = tr!("cli-arg-account"))]
    pub account: String,
    #[arg(long, value_name = "ADDR", required_unless_present = "raw", help = tr!("cli-arg-to"))]
    pub to: Vec<String>,
    #[arg(long, value_name = "ADDR", help = tr!("cli-arg-cc"))]
    pub cc: Vec<String>,
    #[arg(long, value_name = "ADDR", help = tr!("cli-arg-bcc"))]
    pub bcc: Vec<String>,
    #[arg(long, value_name = "S", required_unless_present = "raw", help = tr!("cli-arg-subject"))]
    pub subject: Option<String>,
    #[arg(long, value_name = "F", help = tr!("cli-arg-body-file"))]
    pub body_file: Option<PathBuf>,
    #[arg(long, value_name = "F", help = tr!("cli-arg-attach"))]
    pub attach: Vec<PathBuf>,
    #[arg(long, conflicts_with_all = ["cc", "bcc", "subject", "body_file", "attach"], help = tr!("cli-arg-raw-send"))]
    pub raw: bool,
    #[arg(long, help = tr!("cli-arg-json"))]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct OutboxArgs {
    #[command(subcommand)]
    pub action: Option<OutboxAction>,
    #[arg(long, help = tr!("cli-arg-json"))]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum OutboxAction {
    #[command(about = tr!("cli-cmd-outbox-retry"))]
    Retry {
        #[arg(value_name = "ID|all", help = tr!("cli-arg-outbox-id"))]
        id: String,
    },
}

#[derive(Debug, Args)]
#[group(id = "change", required = true, multiple = false)]
pub struct FlagChange {
    #[arg(long, help = tr!("cli-arg-seen"))]
    pub seen: bool,
    #[arg(long, help = tr!("cli-arg-unseen"))]
    pub unseen: bool,
    #[arg(long, help = tr!("cli-arg-flagged"))]
    pub flagged: bool,
    #[arg(long, help = tr!("cli-arg-unflagged"))]
    pub unflagged: bool,
}

#[derive(Debug, Args)]
pub struct FlagArgs {
    #[arg(value_name = "ID", help = tr!("cli-arg-id"))]
    pub id: i64,
    #[command(flatten)]
    pub change: FlagChange,
}

#[derive(Debug, Args)]
pub struct MoveArgs {
    #[arg(value_name = "ID", help = tr!("cli-arg-id"))]
    pub id: i64,
    #[arg(value_name = "FOLDER", help = tr!("cli-arg-folder"))]
    pub folder: String,
}

#[derive(Debug, Args)]
pub struct DeleteArgs {
    #[arg(value_name = "ID", help = tr!("cli-arg-id"))]
    pub id: i64,
}

/// The command line with clap's own words in the user's language too: the section headings,
/// the placeholder for a subcommand and the help and version flags.
pub fn localized() -> clap::Command {
    let version = clap::Arg::new("version")
        .short('V')
        .long("version")
        .action(clap::ArgAction::Version)
        .help(tr!("cli-arg-version"));
    let mut command = localize(Cli::command())
        .disable_version_flag(true)
        .arg(version);
    // Built first, so each subcommand's usage has its full name and the global options.
    command.build();
    localize_usage(command)
}

fn localize(command: clap::Command) -> clap::Command {
    let help = clap::Arg::new("help")
        .short('h')
        .long("help")
        .action(clap::ArgAction::Help)
        .help(tr!("cli-arg-help"));
    let command = command
        .disable_help_flag(true)
        .arg(help)
        .mut_subcommands(localize);
    let template = help_template(&command);
    command.help_template(template)
}

/// Each usage line as clap writes it, with its English `[OPTIONS]` and `<COMMAND>` in the
/// user's language.
fn localize_usage(mut command: clap::Command) -> clap::Command {
    let rendered = command.render_usage().to_string();
    // clap puts its own English heading before the line; the help template has ours.
    let line = rendered.trim();
    let line = line.strip_prefix("Usage:").unwrap_or(line).trim_start();
    let (options, name) = (tr!("cli-usage-options"), tr!("cli-usage-command"));
    let usage = line
        .replace("[OPTIONS]", &format!("[{options}]"))
        .replace("<COMMAND>", &format!("<{name}>"))
        .replace("[COMMAND]", &format!("[{name}]"));
    command
        .mut_subcommands(localize_usage)
        .override_usage(usage)
}

/// clap's layout (about, usage, commands, arguments, options) with headings from the Fluent
/// files; a section shows only when the command has something to put in it.
fn help_template(command: &clap::Command) -> String {
    let mut template = format!(
        "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n",
        tr!("cli-help-usage")
    );
    if command.has_subcommands() {
        template += &format!("\n{}\n{{subcommands}}\n", tr!("cli-help-commands"));
    }
    if command.get_positionals().any(|a| !a.is_hide_set()) {
        template += &format!("\n{}\n{{positionals}}\n", tr!("cli-help-arguments"));
    }
    template += &format!("\n{}\n{{options}}{{after-help}}", tr!("cli-help-options"));
    template
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
        localized().debug_assert();
    }

    #[test]
    fn usage_lines_are_in_the_users_language() {
        let de: crate::i18n::LanguageIdentifier = "de".parse().expect("a language tag");
        let (top, account) = crate::i18n::with_language(&de, || {
            let mut command = localized();
            let top = command.render_help().to_string();
            let account = command
                .find_subcommand_mut("account")
                .map(|c| c.render_help().to_string())
                .unwrap_or_default();
            (top, account)
        });
        assert!(
            top.contains("Aufruf: tidings [OPTIONEN] [MAILTO|FILE] [BEFEHL]"),
            "{top}"
        );
        assert!(
            account.contains("Aufruf: tidings account [OPTIONEN] <BEFEHL>"),
            "{account}"
        );
    }

    #[test]
    fn help_lists_every_subcommand() {
        let help = Cli::command().render_long_help().to_string();
        for cmd in [
            "account", "sync", "folders", "list", "show", "search", "send", "outbox", "flag",
            "move", "delete",
        ] {
            assert!(help.contains(cmd), "{cmd} missing from --help:\n{help}");
        }
    }

    #[test]
    fn the_profile_goes_before_or_after_the_subcommand() {
        for args in [
            &["tidings", "--profile", "/tmp/p", "account", "list"][..],
            &["tidings", "account", "list", "--profile", "/tmp/p"][..],
        ] {
            let cli = Cli::try_parse_from(args).unwrap();
            assert!(matches!(
                cli.command,
                Some(Command::Account(AccountCommand::List(_)))
            ));
            assert_eq!(cli.profile.as_deref(), Some(std::path::Path::new("/tmp/p")));
            assert!(cli.target.is_none());
        }
    }

    #[test]
    fn a_link_or_file_is_not_a_subcommand() {
        let cli = Cli::try_parse_from(["tidings", "mailto:a@example.org"]).unwrap();
        assert!(cli.command.is_none());
        assert_eq!(cli.target.as_deref(), Some("mailto:a@example.org"));
        let cli = Cli::try_parse_from(["tidings", "--profile", "/tmp/p", "m.eml"]).unwrap();
        assert_eq!(cli.target.as_deref(), Some("m.eml"));
    }

    #[test]
    fn flag_needs_exactly_one_change() {
        assert!(Cli::try_parse_from(["tidings", "flag", "1"]).is_err());
        assert!(Cli::try_parse_from(["tidings", "flag", "1", "--seen", "--unseen"]).is_err());
        assert!(Cli::try_parse_from(["tidings", "flag", "1", "--seen"]).is_ok());
    }
}
