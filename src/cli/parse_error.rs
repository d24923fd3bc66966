//! clap's parse errors in the user's language.
//!
//! clap writes its errors in English ("error: unexpected argument '--bogus' found"). Each kind
//! a user can meet is told here from the Fluent files instead, naming what was wrong, with
//! clap's suggestion, the usage line and where to read more; the exit code stays 2. Help and
//! version output are not errors and are left to clap.

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::tr;

/// The text to print for a parse error, or `None` when clap should print it itself (help,
/// version, or a failure to write them).
pub fn render(error: &clap::Error, command: &clap::Command, args: &[String]) -> Option<String> {
    let sentence = sentence(error)?;
    let mut text = format!("tidings: {sentence}\n");
    let tips = tips(error);
    if !tips.is_empty() {
        text.push('\n');
        for tip in tips {
            text += &format!("  {tip}\n");
        }
    }
    if let Some(usage) = context_text(error, ContextKind::Usage) {
        // clap's usage starts with its English heading.
        let usage = usage.trim();
        let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim_start();
        text += &format!("\n{} {usage}\n", tr!("cli-help-usage"));
    }
    text += &format!(
        "\n{}\n",
        tr!("cli-parse-more", command = command_path(command, args))
    );
    Some(text)
}

/// What went wrong, in one sentence.
fn sentence(error: &clap::Error) -> Option<String> {
    let arg = || context_text(error, ContextKind::InvalidArg).unwrap_or_default();
    let value = || context_text(error, ContextKind::InvalidValue).unwrap_or_default();
    let text = match error.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        | ErrorKind::Io
        | ErrorKind::Format => return None,
        ErrorKind::UnknownArgument => tr!("cli-parse-unknown-argument", arg = arg()),
        ErrorKind::InvalidSubcommand => tr!(
            "cli-parse-unknown-subcommand",
            command = context_text(error, ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation if value().is_empty() => {
            tr!("cli-parse-missing-value", arg = arg())
        }
        // A value clap's own parser refused ("invalid digit found in string") is English:
        // the sentence names the value and the argument instead.
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            tr!("cli-parse-invalid-value", value = value(), arg = arg())
        }
        ErrorKind::MissingRequiredArgument => {
            let missing = context_list(error, ContextKind::InvalidArg);
            tr!(
                "cli-parse-missing-required",
                count = missing.len(),
                args = missing.join(", ")
            )
        }
        ErrorKind::MissingSubcommand => tr!(
            "cli-parse-missing-subcommand",
            command = context_text(error, ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::TooManyValues => {
            tr!("cli-parse-too-many-values", value = value(), arg = arg())
        }
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            let expected = context_number(error, ContextKind::ExpectedNumValues)
                .or_else(|| context_number(error, ContextKind::MinValues))
                .unwrap_or_default();
            tr!(
                "cli-parse-wrong-number",
                arg = arg(),
                expected = expected,
                actual = context_number(error, ContextKind::ActualNumValues).unwrap_or_default()
            )
        }
        ErrorKind::ArgumentConflict => {
            let arg = context_text(error, ContextKind::InvalidArg)
                .or_else(|| context_text(error, ContextKind::InvalidSubcommand))
                .unwrap_or_default();
            let others = context_list(error, ContextKind::PriorArg);
            if others.is_empty() || others == [arg.clone()] {
                tr!("cli-parse-repeated", arg = arg)
            } else {
                tr!("cli-parse-conflict", arg = arg, other = others.join(", "))
            }
        }
        ErrorKind::NoEquals => tr!("cli-parse-no-equals", arg = arg()),
        ErrorKind::InvalidUtf8 => tr!("cli-parse-invalid-utf8"),
        _ => tr!("cli-parse-other"),
    };
    Some(text)
}

/// clap's suggestions, said in the user's language: the values an argument takes, what was
/// probably meant, and how to pass a dash-led word as a value.
fn tips(error: &clap::Error) -> Vec<String> {
    let mut tips = Vec::new();
    let valid = context_list(error, ContextKind::ValidValue);
    if !valid.is_empty() {
        tips.push(tr!("cli-parse-possible-values", values = valid.join(", ")));
    }
    for kind in [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ] {
        if let Some(suggestion) = context_list(error, kind).into_iter().next() {
            tips.push(tr!("cli-parse-did-you-mean", suggestion = suggestion));
        }
    }
    if error.kind() == ErrorKind::UnknownArgument {
        let arg = context_text(error, ContextKind::InvalidArg).unwrap_or_default();
        let suggested_dashes = context_list(error, ContextKind::Suggested)
            .iter()
            .any(|tip| tip.contains(&format!("-- {arg}")));
        if suggested_dashes {
            tips.push(tr!("cli-parse-as-value", arg = arg));
        }
    }
    tips
}

/// `tidings account add`: the command the arguments reached, for its `--help`.
fn command_path(command: &clap::Command, args: &[String]) -> String {
    let mut path = vec![command.get_name().to_owned()];
    let mut current = command;
    for arg in args.iter().skip(1) {
        if let Some(sub) = current.find_subcommand(arg) {
            path.push(sub.get_name().to_owned());
            current = sub;
        }
    }
    path.join(" ")
}

fn context_text(error: &clap::Error, kind: ContextKind) -> Option<String> {
    match error.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(list) => Some(list.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(list) => Some(
            list.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        ContextValue::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn context_list(error: &clap::Error, kind: ContextKind) -> Vec<String> {
    match error.get(kind) {
        Some(ContextValue::Strings(list)) => list.clone(),
        Some(ContextValue::StyledStrs(list)) => list.iter().map(ToString::to_string).collect(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

fn context_number(error: &clap::Error, kind: ContextKind) -> Option<i64> {
    match error.get(kind)? {
        ContextValue::Number(n) => Some(*n as i64),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_for(args: &[&str]) -> (clap::Error, clap::Command, Vec<String>) {
        let command = super::super::args::localized();
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let error = command
            .clone()
            .try_get_matches_from(&args)
            .expect_err("a parse error");
        (error, command, args)
    }

    fn english(args: &[&str]) -> Option<String> {
        crate::i18n::with_language(&"en-US".parse().unwrap(), || {
            let (error, command, args) = error_for(args);
            render(&error, &command, &args)
        })
    }

    #[test]
    fn an_unknown_argument_is_named_with_usage_and_where_to_read_more() {
        let text = english(&["tidings", "--bogus"]).unwrap();
        assert!(
            text.starts_with("tidings: Unexpected argument “--bogus”.\n"),
            "{text}"
        );
        assert!(text.contains("write “-- --bogus”"), "{text}");
        assert!(text.contains("\nUsage: tidings "), "{text}");
        assert!(
            text.ends_with("\nFor more, run “tidings --help”.\n"),
            "{text}"
        );
    }

    #[test]
    fn each_kind_a_user_can_hit_names_what_was_wrong() {
        let cases: &[(&[&str], &str)] = &[
            (
                &["tidings", "account", "bogus"],
                "“bogus” is not a command.",
            ),
            (
                &["tidings", "list", "--account", "Work", "--limit", "many"],
                "“many” is not a valid value for --limit <N>.",
            ),
            (
                &[
                    "tidings",
                    "account",
                    "add",
                    "W",
                    "--email",
                    "a@b.test",
                    "--protocol",
                    "imap4",
                ],
                "“imap4” is not a valid value for --protocol <PROTOCOL>.",
            ),
            (
                &["tidings", "sync", "--profile"],
                "--profile <DIR> needs a value.",
            ),
            (
                &["tidings", "account", "add", "W"],
                "Required arguments are missing: --email <ADDR>, --protocol <PROTOCOL>",
            ),
            (
                &[
                    "tidings",
                    "list",
                    "--account",
                    "Work",
                    "--limit",
                    "1",
                    "--limit",
                    "2",
                ],
                "--limit <N> can be given only once.",
            ),
        ];
        for (args, sentence) in cases {
            let text = english(args).unwrap();
            assert!(
                text.starts_with(&format!("tidings: {sentence}")),
                "{args:?}:\n{text}"
            );
            assert!(!text.contains("error:"), "{args:?}:\n{text}");
        }
        let text = english(&[
            "tidings",
            "account",
            "add",
            "W",
            "--email",
            "a@b.test",
            "--protocol",
            "imap4",
        ])
        .unwrap();
        assert!(text.contains("Possible values: imap, pop3"), "{text}");
        assert!(text.contains("Did you mean “imap”?"), "{text}");
        assert!(
            text.contains("For more, run “tidings account add --help”."),
            "{text}"
        );
    }

    #[test]
    fn help_and_version_stay_with_clap() {
        for args in [
            &["tidings", "--help"][..],
            &["tidings", "--version"],
            &["tidings", "account"],
        ] {
            assert_eq!(english(args), None, "{args:?}");
        }
    }
}
