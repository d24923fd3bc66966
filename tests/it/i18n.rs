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

/// A TLS server on 127.0.0.1 presenting `cert` (signed by a CA the client trusts), for one
/// handshake.
fn serve_once(
    rt: &tokio::runtime::Runtime,
    chain: Vec<rustls::pki_types::CertificateDer<'static>>,
    key: rustls::pki_types::PrivateKeyDer<'static>,
) -> u16 {
    let config = rustls::ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .expect("server config");
    let acceptor = tokio_rustls::TlsAcceptor::from(std::sync::Arc::new(config));
    let listener = rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("bind");
    let port = listener.local_addr().expect("port").port();
    rt.spawn(async move {
        if let Ok((tcp, _)) = listener.accept().await {
            // The client refuses the certificate; the server's side of it does not matter.
            let _ = acceptor.accept(tcp).await;
        }
    });
    port
}

/// The problem a client reports for a server certificate valid from `from` until `until`
/// (midday UTC, so the local date is the same in every time zone but the farthest ones).
fn certificate_problem(
    from: (i32, u8, u8),
    until: (i32, u8, u8),
) -> tidings::engine::tls::CertificateProblem {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
    let noon = std::time::Duration::from_secs(12 * 3600);
    let ca_key = KeyPair::generate().expect("CA key");
    let mut ca = CertificateParams::new(Vec::<String>::new()).expect("CA params");
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca_cert = ca.self_signed(&ca_key).expect("CA");
    let issuer = Issuer::new(ca, ca_key);
    let key = KeyPair::generate().expect("key");
    let mut params = CertificateParams::new(vec!["127.0.0.1".to_owned()]).expect("params");
    params.not_before = rcgen::date_time_ymd(from.0, from.1, from.2) + noon;
    params.not_after = rcgen::date_time_ymd(until.0, until.1, until.2) + noon;
    let cert = params.signed_by(&key, &issuer).expect("certificate");

    let dir = tempfile::tempdir().expect("dir");
    let ca_file = dir.path().join("ca.pem");
    std::fs::write(&ca_file, ca_cert.pem()).expect("write CA");
    tidings::install_crypto_provider();
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let key = rustls::pki_types::PrivatePkcs8KeyDer::from(key.serialize_der()).into();
    let port = serve_once(&rt, vec![cert.der().clone()], key);
    let tls = tidings::engine::tls::Tls::new(&tidings::engine::tls::TrustSettings {
        ca_file: Some(ca_file),
        accepted: vec![],
    })
    .expect("tls");
    let err = rt
        .block_on(async {
            let tcp = tidings::engine::net::connect(
                "127.0.0.1",
                port,
                tidings::engine::net::CONNECT_TIMEOUT,
            )
            .await
            .expect("connect");
            tls.connect("127.0.0.1", tcp).await.map(|_| ())
        })
        .expect_err("the certificate is refused");
    match err {
        tidings::engine::tls::TlsError::Certificate(problem) => *problem,
        other => panic!("expected a certificate problem, got {other:?}"),
    }
}

fn in_language<R>(tag: &str, f: impl FnOnce() -> R) -> R {
    tidings::i18n::with_language(&tag.parse().expect("tag"), f)
}

#[test]
fn an_expired_certificate_says_when_in_the_users_language() {
    use tidings::engine::error::Localized;
    let problem = certificate_problem((2023, 3, 2), (2024, 3, 2));
    assert_eq!(problem.reason, tidings::engine::tls::CertReason::Expired);
    // The record keeps RFC 3339 (for --json); the sentence is for people.
    assert!(
        problem.not_after.starts_with("2024-03-02T12:00:00"),
        "{problem:?}"
    );
    for (tag, date) in [
        ("en-US", "it expired on March 2, 2024 at "),
        ("de", "Es ist am 2. März 2024 um "),
        ("fr", "il a expiré le 2 mars 2024 à "),
        ("es", "caducó el 2 de marzo de 2024 a las "),
        ("pt-BR", "ele expirou em 2 de março de 2024 às "),
        ("ja", "2024年3月2日 "),
    ] {
        let sentence = in_language(tag, || problem.localized());
        assert!(sentence.contains(date), "{tag}: {sentence}");
        assert!(!sentence.contains("2024-03-02T"), "{tag}: {sentence}");
    }
}

#[test]
fn a_certificate_not_yet_valid_says_from_when_in_the_users_language() {
    use tidings::engine::error::Localized;
    let problem = certificate_problem((2999, 12, 24), (3000, 1, 1));
    assert_eq!(
        problem.reason,
        tidings::engine::tls::CertReason::NotYetValid
    );
    for (tag, date) in [
        ("en-US", "it is only valid from December 24, 2999 at "),
        ("de", "Es ist erst ab 24. Dezember 2999 um "),
        ("fr", "il n'est valide qu'à partir du 24 décembre 2999 à "),
        ("ja", "2999年12月24日 "),
    ] {
        let sentence = in_language(tag, || problem.localized());
        assert!(sentence.contains(date), "{tag}: {sentence}");
    }
}

/// What `tidings ARGS` says on stderr when the command line is wrong, and its exit code.
fn refused(lang: &str, args: &[&str]) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    let out: Output = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .env("TIDINGS_HOME", dir.path())
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang)
        .args(args)
        .output()
        .expect("run tidings");
    assert!(out.stdout.is_empty(), "{}", text(&out));
    (
        out.status.code(),
        String::from_utf8(out.stderr).expect("UTF-8 errors"),
    )
}

#[test]
fn a_wrong_command_line_is_told_in_german_with_exit_code_2() {
    let (code, said) = refused("de_DE.UTF-8", &["--bogus"]);
    assert_eq!(code, Some(2), "{said}");
    for german in [
        "tidings: Unerwartetes Argument „--bogus“.",
        "schreiben Sie „-- --bogus“",
        "Aufruf: tidings [OPTIONEN] [MAILTO|FILE] [BEFEHL]",
        "Mehr dazu zeigt „tidings --help“.",
    ] {
        assert!(said.contains(german), "{german} missing:\n{said}");
    }
    for english in [
        "error:",
        "unexpected argument",
        "Usage:",
        "For more information",
    ] {
        assert!(!said.contains(english), "{english} left in:\n{said}");
    }
}

#[test]
fn every_kind_of_wrong_command_line_names_what_was_wrong_in_german() {
    let cases: &[(&[&str], &[&str])] = &[
        (
            &["account", "bogus"],
            &[
                "„bogus“ ist kein Befehl.",
                "Aufruf: tidings account",
                "„tidings account --help“",
            ],
        ),
        (
            &[
                "account",
                "add",
                "Work",
                "--email",
                "a@example.test",
                "--protocol",
                "imap4",
            ],
            &[
                "„imap4“ ist kein gültiger Wert für --protocol <PROTOCOL>.",
                "Mögliche Werte: imap, pop3",
                "Meinten Sie „imap“?",
            ],
        ),
        (
            &["list", "--account", "Work", "--limit", "viele"],
            &["„viele“ ist kein gültiger Wert für --limit <N>."],
        ),
        (
            &["sync", "--profile"],
            &["--profile <DIR> braucht einen Wert."],
        ),
        (
            &["account", "add", "Work"],
            &["Nötige Angaben fehlen: --email <ADDR>, --protocol <PROTOCOL>"],
        ),
        (
            &["account", "add", "Work", "--email", "a@example.test"],
            &["Eine nötige Angabe fehlt: --protocol <PROTOCOL>"],
        ),
        (
            &["account", "add", "Work", "--protocl", "imap"],
            &[
                "Unerwartetes Argument „--protocl“.",
                "Meinten Sie „--protocol“?",
            ],
        ),
        (
            &["list", "--account", "a", "--account", "b"],
            &["--account <NAME> darf nur einmal angegeben werden."],
        ),
        (
            &["folders", "--account", "Work", "surplus"],
            &["Unerwartetes Argument „surplus“."],
        ),
    ];
    for (args, german) in cases {
        let (code, said) = refused("de_DE.UTF-8", args);
        assert_eq!(code, Some(2), "{args:?}: {said}");
        assert!(said.starts_with("tidings: "), "{args:?}: {said}");
        for line in *german {
            assert!(said.contains(line), "{args:?}: {line} missing:\n{said}");
        }
        assert!(!said.contains("error:"), "{args:?}:\n{said}");
    }
}

#[test]
fn a_wrong_command_line_is_told_in_each_language() {
    for (lang, sentence) in [
        ("C.UTF-8", "tidings: Unexpected argument “--bogus”."),
        (
            "fr_FR.UTF-8",
            "tidings: Argument inattendu «\u{a0}--bogus\u{a0}».",
        ),
        ("es_ES.UTF-8", "tidings: Argumento inesperado «--bogus»."),
        ("pt_BR.UTF-8", "tidings: Argumento inesperado “--bogus”."),
        (
            "ja_JP.UTF-8",
            "tidings: 予期しない引数「--bogus」があります。",
        ),
    ] {
        let (code, said) = refused(lang, &["--bogus"]);
        assert_eq!(code, Some(2), "{lang}: {said}");
        assert!(said.starts_with(sentence), "{lang}: {said}");
    }
}

/// A profile whose store holds one downloaded message with a 1536-byte attachment; its id.
fn profile_with_an_attachment(dir: &std::path::Path) -> i64 {
    use base64::Engine;
    use tidings::engine::account::Protocol;
    use tidings::engine::store::{NewMessage, RawMessage, Remote, Role, Store};
    let attachment = base64::engine::general_purpose::STANDARD.encode(vec![b'x'; 1536]);
    let raw = format!(
        "From: Anna <anna@example.test>\r\nTo: bob@example.test\r\nSubject: Sizes\r\n\
         Date: Mon, 6 Jan 2025 08:00:00 +0000\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\r\nSee the file.\r\n--b\r\n\
         Content-Type: text/csv; name=\"numbers.csv\"\r\n\
         Content-Disposition: attachment; filename=\"numbers.csv\"\r\n\
         Content-Transfer-Encoding: base64\r\n\r\n{attachment}\r\n--b--\r\n"
    );
    let store = Store::open_in(&dir.join("mail")).expect("store");
    let account = store
        .ensure_account("home", Protocol::Pop3)
        .expect("account");
    let inbox = store
        .folder_by_role(account, Role::Inbox)
        .expect("folders")
        .expect("inbox")
        .id;
    let stored = store
        .store_messages(
            inbox,
            vec![NewMessage::new(
                Remote::Pop3 { uidl: "1".into() },
                RawMessage::Bytes(raw.into_bytes()),
            )],
        )
        .expect("stored");
    stored[0].id().expect("id").0
}

#[test]
fn the_command_line_writes_sizes_with_the_languages_decimal_separator_and_units() {
    let dir = tempfile::tempdir().unwrap();
    let id = profile_with_an_attachment(dir.path()).to_string();
    for (lang, size) in [
        ("C.UTF-8", "numbers.csv (1.5 KB)"),
        ("de_DE.UTF-8", "numbers.csv (1,5 KB)"),
        ("fr_FR.UTF-8", "numbers.csv (1,5 Ko)"),
        ("es_ES.UTF-8", "numbers.csv (1,5 KB)"),
        ("pt_BR.UTF-8", "numbers.csv (1,5 KB)"),
        ("ja_JP.UTF-8", "numbers.csv (1.5 KB)"),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_tidings"))
            .env("TIDINGS_HOME", dir.path())
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", lang)
            .args(["show", &id])
            .output()
            .expect("run tidings");
        assert!(out.status.success(), "{lang}: {}", text(&out));
        let shown = String::from_utf8_lossy(&out.stdout);
        assert!(shown.contains(size), "{lang}: {size} missing:\n{shown}");
    }
}
