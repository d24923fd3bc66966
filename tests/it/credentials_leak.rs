//! Passwords never leak. Setup (`account add`), verify, IMAP sync, POP3 download and
//! sending run as a user runs them, with the most verbose logging there is
//! (`RUST_LOG=trace`); one verify gets a wrong password. Then the passwords — as they are,
//! base64-encoded alone, and inside the SASL PLAIN message that carries them — must appear
//! in no file of the profile, no log line, no output or error text, and no process argument
//! or environment variable of any `tidings` run (read from `/proc` while it runs).

use std::path::Path;
use std::time::Duration;

use base64::Engine as _;

use crate::support::MailServers;
use crate::support::child::{self, Measured};

/// Every form a password can take on the wire or in a careless log.
fn forms(user: &str, password: &str) -> Vec<Vec<u8>> {
    let b64 = |b: &[u8]| {
        base64::engine::general_purpose::STANDARD
            .encode(b)
            .into_bytes()
    };
    let plain = format!("\0{user}\0{password}");
    let mut out = vec![
        password.as_bytes().to_vec(),
        b64(password.as_bytes()),
        b64(plain.as_bytes()),
        // The same, as a Rust debug string or JSON would quote it.
        format!("{password:?}").into_bytes(),
    ];
    // A base64 encoding may start mid-way through a group: the password at any offset.
    for pad in 1..3 {
        let mut shifted = vec![b'x'; pad];
        shifted.extend_from_slice(password.as_bytes());
        let encoded = b64(&shifted);
        // Drop the groups that hold the padding bytes.
        out.push(encoded[4..encoded.len().saturating_sub(4)].to_vec());
    }
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

struct Secrets(Vec<(String, Vec<Vec<u8>>)>);

impl Secrets {
    fn check(&self, what: &str, bytes: &[u8]) {
        for (label, forms) in &self.0 {
            for form in forms {
                assert!(
                    !contains(bytes, form),
                    "{label} found in {what}: {:?}",
                    String::from_utf8_lossy(form)
                );
            }
        }
    }

    /// Runs `tidings args` with trace logging, checking its arguments and environment
    /// while it runs and its output afterwards.
    fn run(&self, profile: &Path, args: &[&str], stdin: Option<&str>) -> Measured {
        let mut looked = 0;
        let run = child::run_observed(
            child::tidings(profile).env("RUST_LOG", "trace").args(args),
            stdin.map(str::as_bytes),
            Duration::from_secs(600),
            |pid| {
                for file in ["cmdline", "environ"] {
                    if let Ok(bytes) = std::fs::read(format!("/proc/{pid}/{file}")) {
                        self.check(&format!("/proc/{pid}/{file} of tidings {args:?}"), &bytes);
                        looked += 1;
                    }
                }
            },
        );
        assert!(looked > 0, "the process was never seen running");
        self.check(&format!("the output of tidings {args:?}"), &run.stdout);
        self.check(&format!("the errors of tidings {args:?}"), &run.stderr);
        run
    }
}

fn files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn no_password_in_files_logs_errors_or_arguments_at_trace_level() {
    let servers = MailServers::start();
    let (alice, bob) = (servers.user(0), servers.user(1));
    servers.dovecot.fill(
        &alice.address,
        "INBOX",
        (0..5).map(|i| {
            (
                format!("From: x@example.test\r\nSubject: imap {i}\r\n\r\nhello {i}\r\n"),
                "",
                None,
            )
        }),
    );
    servers.dovecot.fill(
        &bob.address,
        "INBOX",
        (0..5).map(|i| {
            (
                format!("From: x@example.test\r\nSubject: pop {i}\r\n\r\nhello {i}\r\n"),
                "",
                None,
            )
        }),
    );
    let wrong = "Wr0ng-but-still-a-secret!";
    let secrets = Secrets(vec![
        (
            "alice's password".into(),
            forms(&alice.address, &alice.password),
        ),
        ("bob's password".into(), forms(&bob.address, &bob.password)),
        ("the mistyped password".into(), forms(&alice.address, wrong)),
    ]);
    let profile = tempfile::tempdir().expect("profile");
    let p = profile.path();
    let ca = servers.ca_file.display().to_string();
    let smtp = format!("127.0.0.1:{}", servers.postfix().submission_port);
    let imap = format!("127.0.0.1:{}", servers.dovecot.imap_port);
    let pop3 = format!("127.0.0.1:{}", servers.dovecot.pop3_port);

    // Setup: STARTTLS everywhere, so our own plaintext-then-TLS code runs too.
    for (name, user, protocol, incoming) in
        [("Work", alice, "imap", &imap), ("Home", bob, "pop3", &pop3)]
    {
        let add = secrets.run(
            p,
            &[
                "account",
                "add",
                name,
                "--email",
                &user.address,
                "--protocol",
                protocol,
                "--incoming",
                incoming,
                "--incoming-security",
                "starttls",
                "--smtp",
                &smtp,
                "--smtp-security",
                "starttls",
                "--ca-file",
                &ca,
                "--password-stdin",
            ],
            Some(&format!("{}\n", user.password)),
        );
        assert!(add.success(), "{}", add.describe());
    }
    for name in ["Work", "Home"] {
        let verified = secrets.run(p, &["account", "verify", name], None);
        assert!(verified.success(), "{}", verified.describe());
    }
    // A mistyped password: refused, and the error says so without repeating it.
    let refused = secrets.run(
        p,
        &["account", "verify", "Work", "--password-stdin"],
        Some(&format!("{wrong}\n")),
    );
    assert!(!refused.success(), "{}", refused.describe());
    assert!(!refused.stderr.is_empty() || !refused.stdout.is_empty());

    let synced = secrets.run(p, &["sync"], None);
    assert!(synced.success(), "{}", synced.describe());
    assert_eq!(
        servers.dovecot.count(&bob.address, "INBOX"),
        0,
        "POP3 took bob's mail"
    );
    let body = p.join("body.txt");
    std::fs::write(&body, "hello\n").expect("body");
    let sent = secrets.run(
        p,
        &[
            "send",
            "--account",
            "Work",
            "--to",
            &bob.address,
            "--subject",
            "trace",
            "--body-file",
            &body.display().to_string(),
        ],
        None,
    );
    assert!(sent.success(), "{}", sent.describe());
    assert!(
        servers.dovecot.count(&alice.address, "INBOX") >= 5,
        "IMAP left alice's mail"
    );

    // Everything the profile holds, the log included.
    let all = files(p);
    let log = all
        .iter()
        .find(|f| f.file_name().is_some_and(|n| n == "tidings.log"))
        .expect("a log file");
    let log_text = std::fs::read_to_string(log).expect("log");
    assert!(
        log_text.contains("TRACE") || log_text.contains("DEBUG"),
        "the log is verbose"
    );
    for file in &all {
        let bytes = std::fs::read(file).expect("profile file");
        secrets.check(&file.display().to_string(), &bytes);
    }
}
