//! The `tidings` binary as a user or a script runs it: a profile whose accounts are added
//! with `tidings account add` (the password read from stdin into the Secret Service that
//! `tests/run` starts), then commands run on that profile.
//!
//! ```ignore
//! let profile = tempfile::tempdir()?;
//! cli::Account::imap(&servers, "Work").add(profile.path());
//! let out = cli::ok(cli::tidings(profile.path(), &["sync", "--json"], None));
//! ```

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use super::MailServers;

/// Runs `tidings ARGS` on `profile` to its end, with `stdin` as its input.
pub fn tidings(profile: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    tidings_env(profile, args, stdin, &[])
}

/// [`tidings`] with more variables in its environment.
pub fn tidings_env(
    profile: &Path,
    args: &[&str],
    stdin: Option<&[u8]>,
    env: &[(&str, &str)],
) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .env("TIDINGS_HOME", profile)
        .envs(env.iter().copied())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run tidings");
    let mut input = child.stdin.take().expect("stdin");
    if let Some(bytes) = stdin {
        input.write_all(bytes).expect("write stdin");
    }
    drop(input);
    child.wait_with_output().expect("wait")
}

/// Everything a run said, for assertion messages.
pub fn text(out: &Output) -> String {
    format!(
        "status {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The run, which must have succeeded.
pub fn ok(out: Output) -> Output {
    assert!(out.status.success(), "{}", text(&out));
    out
}

/// An account as `tidings account add` takes it. By default: a harness user's address and
/// password, incoming over implicit TLS, the harness CA trusted, and an SMTP server that
/// is never reached (127.0.0.1:1) for tests that do not send.
pub struct Account {
    name: String,
    address: String,
    password: String,
    display_name: Option<String>,
    protocol: &'static str,
    incoming: String,
    smtp: String,
    smtp_security: &'static str,
    ca_file: String,
}

impl Account {
    /// `name`, the first harness user's IMAP account over implicit TLS.
    pub fn imap(servers: &MailServers, name: &str) -> Self {
        Self::new(servers, name, "imap", servers.dovecot.imaps_port)
    }

    /// `name`, the first harness user's POP3 account over implicit TLS.
    pub fn pop3(servers: &MailServers, name: &str) -> Self {
        Self::new(servers, name, "pop3", servers.dovecot.pop3s_port)
    }

    fn new(servers: &MailServers, name: &str, protocol: &'static str, port: u16) -> Self {
        let user = servers.user(0);
        Self {
            name: name.to_owned(),
            address: user.address.clone(),
            password: user.password.clone(),
            display_name: None,
            protocol,
            incoming: format!("127.0.0.1:{port}"),
            smtp: "127.0.0.1:1".to_owned(),
            smtp_security: "tls",
            ca_file: servers.ca_file.display().to_string(),
        }
    }

    /// The harness user `i` (see `MailServers::user`) instead of the first.
    pub fn user(mut self, servers: &MailServers, i: usize) -> Self {
        let user = servers.user(i);
        self.address = user.address.clone();
        self.password = user.password.clone();
        self
    }

    /// Another password than the user's (a wrong one, to see it refused).
    pub fn password(mut self, password: &str) -> Self {
        self.password = password.to_owned();
        self
    }

    pub fn display_name(mut self, name: &str) -> Self {
        self.display_name = Some(name.to_owned());
        self
    }

    /// The incoming server on another port of 127.0.0.1 (a fault proxy's), implicit TLS.
    pub fn incoming_port(mut self, port: u16) -> Self {
        self.incoming = format!("127.0.0.1:{port}");
        self
    }

    /// Sends through the submission port `port` of 127.0.0.1 with STARTTLS.
    pub fn smtp_starttls(mut self, port: u16) -> Self {
        self.smtp = format!("127.0.0.1:{port}");
        self.smtp_security = "starttls";
        self
    }

    /// The arguments of `tidings account add` for this account.
    pub fn args(&self) -> Vec<String> {
        let mut args = vec!["account", "add", &self.name, "--email", &self.address]
            .into_iter()
            .map(str::to_owned)
            .collect::<Vec<_>>();
        if let Some(display) = &self.display_name {
            args.extend(["--display-name".to_owned(), display.clone()]);
        }
        let rest = [
            "--protocol",
            self.protocol,
            "--incoming",
            &self.incoming,
            "--incoming-security",
            "tls",
            "--smtp",
            &self.smtp,
            "--smtp-security",
            self.smtp_security,
            "--ca-file",
            &self.ca_file,
            "--password-stdin",
        ];
        args.extend(rest.iter().map(|a| (*a).to_owned()));
        args
    }

    /// What `tidings account add` reads on stdin: the password and a newline.
    pub fn stdin(&self) -> Vec<u8> {
        format!("{}\n", self.password).into_bytes()
    }

    /// Adds the account to the profile at `profile` (created if need be) with the binary.
    pub fn add(&self, profile: &Path) {
        let args = self.args();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        ok(tidings(profile, &args, Some(&self.stdin())));
    }
}
