//! The setup wizard against the harness's real servers: discovery through a local DNS
//! server, signing in, the certificate and password errors, and the saved account.

use iced::Theme;
use tidings::engine::Profile;
use tidings::engine::account::{Accounts, Protocol, Security};
use tidings::engine::credentials::Keyring;
use tidings::engine::discover::DiscoverSettings;
use tidings::ui::preferences::Preferences;

use super::driver::Ui;
use crate::support::MailServers;
use crate::support::dns::{LocalDns, Records};
use crate::support::loopback::Forward;

/// A profile whose discovery asks only the local DNS server and trusts the harness CA.
fn profile_with_discovery(
    dns: std::net::SocketAddr,
    ca_file: &std::path::Path,
) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("profile");
    let profile = Profile::under(dir.path());
    profile.ensure().expect("profile dirs");
    let prefs = Preferences {
        discover: DiscoverSettings {
            dns_server: Some(dns),
            ca_file: Some(ca_file.to_path_buf()),
            // No DNS record: the ISPDB fails at once, and nothing leaves this machine.
            ispdb_url: "https://ispdb.test/v1.1/".into(),
            ..DiscoverSettings::default()
        },
        ..Preferences::default()
    };
    prefs.save(&profile.settings_file()).expect("settings");
    dir
}

fn identity(ui: &mut Ui, name: &str, email: &str, password: &str) {
    ui.wait_for_text("Welcome to Tidings");
    ui.type_into("wizard-name", name);
    ui.type_into("wizard-email", email);
    ui.type_into("wizard-password", password);
}

#[test]
fn the_wizard_finds_the_servers_explains_the_choice_signs_in_and_adds_the_account() {
    let servers = MailServers::start();
    let postfix = servers.postfix();
    let forward = Forward::start(&[
        (993, servers.dovecot.imaps_port),
        (995, servers.dovecot.pop3s_port),
        (465, postfix.submissions_port),
    ]);
    let dns = LocalDns::start(&Records::new().host("mail.example.test", forward.ip));
    let profile = profile_with_discovery(dns.addr, &servers.ca_file);
    let alice = servers.user(0);

    let mut ui = Ui::open(profile.path());
    identity(&mut ui, "Alice Liddell", &alice.address, &alice.password);
    ui.click("Continue");
    ui.wait_for_text("Your account's servers");

    // Both ways of fetching mail, in plain words; IMAP chosen; where the servers came from.
    assert!(
        ui.has("IMAP (recommended)") && ui.has("POP3"),
        "{:?}",
        ui.texts()
    );
    assert!(ui.shows("stays the same on all your devices"));
    assert!(ui.shows("the only copy: back it up"));
    assert!(ui.shows("common server names"), "{:?}", ui.texts());
    assert!(
        ui.has("mail.example.test, port 993, SSL/TLS"),
        "{:?}",
        ui.texts()
    );
    assert!(
        ui.has("mail.example.test, port 465, SSL/TLS"),
        "{:?}",
        ui.texts()
    );
    ui.snapshot("wizard-review", &Theme::Light);

    // POP3 shows its own server; back to IMAP.
    ui.click("POP3");
    assert!(
        ui.has("mail.example.test, port 995, SSL/TLS"),
        "{:?}",
        ui.texts()
    );
    ui.click("IMAP (recommended)");

    // The found settings stay editable. Only the local DNS server knows mail.example.test,
    // while connections use the system's resolver: reach the same servers as localhost.
    ui.click("Change settings");
    ui.replace_in("incoming-host", "localhost");
    ui.replace_in("incoming-port", &servers.dovecot.imaps_port.to_string());
    ui.replace_in("outgoing-host", "localhost");
    ui.replace_in("outgoing-port", &postfix.submissions_port.to_string());
    ui.click("Sign in");
    ui.wait_until("the account is added and the mailbox shows", |app| {
        app.engine().is_some_and(|e| !e.accounts().is_empty())
    });
    ui.wait_for_text("All inboxes");

    // Saved: the settings without the password, the password in the keyring.
    let p = Profile::under(profile.path());
    let accounts = Accounts::load(&p.accounts_file()).expect("accounts");
    let account = accounts.get(&alice.address).expect("the new account");
    assert_eq!(account.protocol, Protocol::Imap);
    assert_eq!(account.display_name, "Alice Liddell");
    assert_eq!(account.incoming.host, "localhost");
    assert_eq!(account.incoming.port, servers.dovecot.imaps_port);
    assert_eq!(account.incoming.security, Security::Tls);
    assert_eq!(account.outgoing.port, postfix.submissions_port);
    // The network's own CA, trusted for discovery, is trusted for the account too.
    assert_eq!(account.ca_file.as_deref(), Some(servers.ca_file.as_path()));
    let file = std::fs::read_to_string(p.accounts_file()).expect("accounts file");
    assert!(
        !file.contains(&alice.password),
        "the password is in the settings file"
    );
    let stored = Keyring::new(&p.config)
        .password(&alice.address)
        .expect("the password is in the keyring");
    assert_eq!(stored.expose(), alice.password);
    let _ = Keyring::new(&p.config).delete(&alice.address);
}

#[test]
fn certificate_and_password_problems_are_explained_and_a_certificate_can_be_accepted() {
    let servers = MailServers::start();
    let bob = servers.user(1);
    // No CA configured: the harness certificate is not trusted here.
    let profile = tempfile::tempdir().expect("profile");
    let mut ui = Ui::open(profile.path());
    identity(&mut ui, "Bob", &bob.address, "not-the-password");
    ui.click("Set up manually");
    ui.wait_for_text("Your account's servers");
    ui.replace_in("incoming-host", "127.0.0.1");
    ui.replace_in("incoming-port", &servers.dovecot.imaps_port.to_string());
    ui.replace_in("outgoing-host", "127.0.0.1");
    ui.replace_in(
        "outgoing-port",
        &servers.postfix().submissions_port.to_string(),
    );
    ui.click("Sign in");

    // The certificate, with what a person needs to decide.
    ui.wait_for("is not trusted");
    assert!(ui.has(&servers.cert.sha256), "{:?}", ui.texts());
    assert!(ui.has("The certificate of 127.0.0.1"), "{:?}", ui.texts());
    assert!(ui.shows("not signed by an authority this computer trusts"));
    ui.click("Trust this certificate for this account");

    // Trusted now; the password is wrong, in the server's words.
    ui.wait_for("did not accept your user name or password");
    assert!(!ui.shows("is not trusted"), "{:?}", ui.texts());

    // Back to fix the password; the servers and the accepted certificate stay.
    ui.click("Back");
    ui.replace_in("wizard-password", &bob.password);
    ui.click("Set up manually");
    ui.click("Sign in");
    ui.wait_for_text("All inboxes");

    let p = Profile::under(profile.path());
    let accounts = Accounts::load(&p.accounts_file()).expect("accounts");
    let account = accounts.get(&bob.address).expect("the new account");
    assert_eq!(account.accepted_certs.len(), 1);
    assert_eq!(account.accepted_certs[0].host, "127.0.0.1");
    assert_eq!(
        account.accepted_certs[0]
            .sha256
            .replace(':', "")
            .to_lowercase(),
        servers.cert.sha256.replace(':', "").to_lowercase()
    );
    let _ = Keyring::new(&p.config).delete(&bob.address);
}

#[test]
fn an_unreachable_server_is_said_in_words_and_the_settings_stay_editable() {
    let profile = tempfile::tempdir().expect("profile");
    let mut ui = Ui::open(profile.path());
    identity(&mut ui, "Carol", "carol@example.test", "pw");
    ui.click("Set up manually");
    ui.wait_for_text("Your account's servers");
    // A port nothing listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    ui.replace_in("incoming-host", "127.0.0.1");
    ui.replace_in("incoming-port", &closed.to_string());
    ui.replace_in("outgoing-host", "127.0.0.1");
    ui.replace_in("outgoing-port", &closed.to_string());
    ui.click("Sign in");
    ui.wait_for("refused the connection");
    // Still on the servers, still editable.
    assert!(ui.has("Your account's servers"));
    assert!(ui.has("127.0.0.1"), "{:?}", ui.texts());
}
