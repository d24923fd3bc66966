//! Helpers the IMAP tests share: accounts pointing at the harness Dovecot, a runtime.

use std::path::Path;

use tidings::engine::account::{
    Account, Auth, Pop3Options, Protocol, Security, Server, SyncOptions,
};
use tidings::engine::secret::Secret;

use crate::support::{MailServers, TestUser};

pub fn runtime() -> tokio::runtime::Runtime {
    tidings::install_crypto_provider();
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
}

/// An IMAP account for `user` on `port` with `security`, trusting the harness CA.
pub fn account_on(
    name: &str,
    user: &TestUser,
    port: u16,
    security: Security,
    ca_file: Option<&Path>,
) -> Account {
    let server = |port| Server {
        host: "127.0.0.1".into(),
        port,
        security,
        username: user.address.clone(),
        auth: Auth::Password,
    };
    Account {
        name: name.into(),
        email: user.address.clone(),
        display_name: String::new(),
        protocol: Protocol::Imap,
        incoming: server(port),
        outgoing: server(1),
        pop3: Pop3Options::default(),
        sync: SyncOptions::default(),
        signature: String::new(),
        save_sent_copy: true,
        ca_file: ca_file.map(Path::to_path_buf),
        accepted_certs: Vec::new(),
    }
}

/// The usual account: implicit TLS to the harness Dovecot, as user `index`.
pub fn account(servers: &MailServers, index: usize) -> Account {
    account_on(
        "Test",
        servers.user(index),
        servers.dovecot.imaps_port,
        Security::Tls,
        Some(&servers.ca_file),
    )
}

pub fn password(servers: &MailServers, index: usize) -> Secret {
    Secret::new(servers.user(index).password.clone())
}
