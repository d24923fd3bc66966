//! The test harness: real mail servers on 127.0.0.1, started fresh for a test and stopped
//! when it ends, passes or fails.
//!
//! ```ignore
//! let servers = MailServers::start();            // Dovecot + Postfix, four users
//! let alice = servers.user(0);
//! servers.dovecot.fill(&alice.address, "INBOX", messages);
//! let held = servers.dovecot.messages(&alice.address, "INBOX");
//! ```

// Each test module uses the helpers it needs; not every one uses all of them.
#![allow(dead_code, unused_imports)]

pub mod certs;
pub mod child;
pub mod cli;
pub mod dns;
pub mod dovecot;
pub mod https;
pub mod loopback;
pub mod postfix;
pub mod proxy;
pub mod scripted;
pub mod system;
pub mod xvfb;

use std::path::{Path, PathBuf};

pub use certs::{ServerCert, TestCa};
pub use dovecot::{Dovecot, DovecotOptions, ServerMessage, TestUser, to_crlf};
pub use postfix::Postfix;
pub use proxy::{Fault, FaultProxy};

/// The user names every harness creates, all `@example.test`.
pub const USERS: &[&str] = &["alice", "bob", "carol", "dave"];

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Start Postfix too.
    pub postfix: bool,
    /// Serve a self-signed certificate no CA vouches for, instead of one from the test CA.
    pub self_signed: bool,
    pub dovecot: DovecotOptions,
}

/// A running set of harness servers. Dropping it stops exactly the processes it started and
/// removes their files.
pub struct MailServers {
    // Fields drop in order: Postfix before the Dovecot it delivers to, the directory last.
    postfix: Option<Postfix>,
    pub dovecot: Dovecot,
    pub users: Vec<TestUser>,
    pub ca: TestCa,
    /// The test CA's certificate, PEM, to trust in clients.
    pub ca_file: PathBuf,
    /// The certificate the servers present.
    pub cert: ServerCert,
    dir: tempfile::TempDir,
}

impl MailServers {
    /// Dovecot and Postfix.
    pub fn start() -> Self {
        Self::with(Options {
            postfix: true,
            ..Options::default()
        })
    }

    /// Dovecot alone (IMAP and POP3).
    pub fn dovecot_only() -> Self {
        Self::with(Options::default())
    }

    pub fn with(options: Options) -> Self {
        sweep_stale();
        let dir = tempfile::Builder::new()
            .prefix("tidings-harness-")
            .tempdir()
            .expect("harness temp dir");
        // The servers' own users (dovecot, mail, postfix) must reach their files inside.
        system::set_mode(dir.path(), 0o755);
        std::fs::write(dir.path().join("owner.pid"), std::process::id().to_string())
            .expect("owner.pid");
        let ca = TestCa::new("Tidings Test CA");
        let ca_file = ca.write(&dir.path().join("ca.pem"));
        let cert = if options.self_signed {
            certs::self_signed(dir.path(), "server", certs::SERVER_NAMES)
        } else {
            ca.server_cert(dir.path(), "server", certs::SERVER_NAMES)
        };
        let salt: u32 = rand::random();
        let users: Vec<TestUser> = USERS
            .iter()
            .map(|name| TestUser {
                address: format!("{name}@example.test"),
                password: format!("pw-{name}-{salt:08x}"),
            })
            .collect();
        let dovecot = Dovecot::start(&dir.path().join("dovecot"), &cert, &users, &options.dovecot);
        let postfix = options
            .postfix
            .then(|| Postfix::start(&dir.path().join("postfix"), &cert, &dovecot, &users));
        Self {
            postfix,
            dovecot,
            users,
            ca,
            ca_file,
            cert,
            dir,
        }
    }

    pub fn user(&self, index: usize) -> &TestUser {
        &self.users[index]
    }

    pub fn postfix(&self) -> &Postfix {
        self.postfix
            .as_ref()
            .expect("this harness was started without Postfix")
    }

    pub fn postfix_mut(&mut self) -> &mut Postfix {
        self.postfix
            .as_mut()
            .expect("this harness was started without Postfix")
    }

    /// A scratch directory inside the harness, removed with it.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }
}

/// Stops servers left behind by a test process that was killed before it could clean up.
fn sweep_stale() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let is_harness = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("tidings-harness-"));
        if !is_harness {
            continue;
        }
        let owner: Option<u32> = std::fs::read_to_string(path.join("owner.pid"))
            .ok()
            .and_then(|s| s.trim().parse().ok());
        if owner.is_none_or(system::alive) {
            continue;
        }
        let postfix_etc = path.join("postfix/etc");
        if postfix_etc.exists() {
            let _ = std::process::Command::new("postfix")
                .arg("-c")
                .arg(&postfix_etc)
                .arg("stop")
                .output();
        }
        if let Some(pid) = std::fs::read_to_string(path.join("dovecot/run/master.pid"))
            .ok()
            .and_then(|s| s.trim().parse().ok())
        {
            system::signal(pid, "TERM");
        }
        let _ = std::fs::remove_dir_all(&path);
    }
}
