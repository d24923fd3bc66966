//! The command line speaks the system's language: `LANG` picks one of the shipped
//! translations, the closest one for a region Tidings has no file for, and English otherwise.

use std::process::{Command, Output};

use crate::account::text;

/// What `tidings ARGS` prints with only `LANG` set to `lang` (no `LC_ALL` or `LC_MESSAGES`
/// to win).
fn run(lang: &str, args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out: Output = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .env("TIDINGS_HOME", dir.path())
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang)
        .args(args)
        .output()
        .expect("run tidings");
    assert!(out.status.success(), "{}", text(&out));
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn help(lang: &str) -> String {
    run(lang, &["--help"])
}

#[test]
fn help_is_german_under_a_german_locale() {
    let help = help("de_DE.UTF-8");
    assert!(
        help.contains("Tidings, ein E-Mail-Programm für den Desktop."),
        "{help}"
    );
    assert!(
        help.contains("Senden, was im Postausgang wartet, dann neue E-Mails abrufen"),
        "{help}"
    );
    assert!(!help.contains("a desktop email client"), "{help}");
    // clap's own words too: the headings and the help and version flags.
    for german in [
        "Aufruf: tidings",
        "Befehle:",
        "Argumente:",
        "Optionen:",
        "Diese Hilfe anzeigen",
        "Die Version anzeigen",
    ] {
        assert!(help.contains(german), "{german} missing:\n{help}");
    }
    for english in ["Usage:", "Commands:", "Options:", "Print help"] {
        assert!(!help.contains(english), "{english} left in:\n{help}");
    }
}

#[test]
fn a_subcommands_help_is_german_too() {
    let help = run("de_DE.UTF-8", &["account", "add", "--help"]);
    for german in [
        "Ein Konto hinzufügen",
        "Argumente:",
        "Optionen:",
        "Diese Hilfe anzeigen",
    ] {
        assert!(help.contains(german), "{german} missing:\n{help}");
    }
    assert!(!help.contains("Options:"), "{help}");
}

#[test]
fn version_still_prints_under_any_language() {
    for lang in ["de_DE.UTF-8", "C.UTF-8"] {
        let version = run(lang, &["--version"]);
        assert_eq!(
            version.trim(),
            format!("tidings {}", env!("CARGO_PKG_VERSION")),
            "{lang}"
        );
    }
}

#[test]
fn help_follows_the_other_shipped_languages() {
    for (lang, about) in [
        (
            "ja_JP.UTF-8",
            "Tidings はデスクトップ用のメールクライアントです。",
        ),
        (
            "fr_FR.UTF-8",
            "Tidings, un client de messagerie pour le bureau.",
        ),
        (
            "es_ES.UTF-8",
            "Tidings, un cliente de correo de escritorio.",
        ),
        ("pt_BR.UTF-8", "Tidings, um cliente de e-mail para desktop."),
        // No file for Austria or Portugal: the same language is close enough.
        (
            "de_AT.UTF-8",
            "Tidings, ein E-Mail-Programm für den Desktop.",
        ),
        ("pt_PT.UTF-8", "Tidings, um cliente de e-mail para desktop."),
    ] {
        let help = help(lang);
        assert!(help.contains(about), "{lang}: {help}");
    }
}

#[test]
fn help_is_english_for_a_language_tidings_lacks() {
    for lang in ["nl_NL.UTF-8", "C.UTF-8", "en_GB.UTF-8"] {
        let help = help(lang);
        assert!(help.contains("a desktop email client"), "{lang}: {help}");
        assert!(help.contains("Usage: tidings"), "{lang}: {help}");
        assert!(help.contains("Print this help"), "{lang}: {help}");
    }
}
