//! What the window tests start from: a profile with an account on the harness's servers,
//! and mail in its folders.

use std::path::Path;

use tidings::engine::Profile;
use tidings::engine::account::{
    Account, Accounts, Auth, Pop3Options, Protocol, Security, Server, SyncOptions,
};
use tidings::engine::credentials::Keyring;
use tidings::engine::secret::Secret;

use crate::support::MailServers;

/// Writes an account for harness user `user` into the profile at `dir`, its password in
/// the keyring, over implicit TLS trusting the harness CA.
pub fn add_account(servers: &MailServers, user: usize, protocol: Protocol, dir: &Path) -> Account {
    let profile = Profile::under(dir);
    profile.ensure().expect("profile");
    let u = servers.user(user);
    let server = |port| Server {
        host: "localhost".into(),
        port,
        security: Security::Tls,
        username: u.address.clone(),
        auth: Auth::Password,
    };
    let incoming = match protocol {
        Protocol::Imap => servers.dovecot.imaps_port,
        Protocol::Pop3 => servers.dovecot.pop3s_port,
    };
    let account = Account {
        name: u.address.split('@').next().unwrap_or("me").to_owned(),
        email: u.address.clone(),
        display_name: capitalise(u.address.split('@').next().unwrap_or("")),
        protocol,
        incoming: server(incoming),
        outgoing: server(servers.postfix().submissions_port),
        pop3: Pop3Options::default(),
        sync: SyncOptions::default(),
        signature: String::new(),
        save_sent_copy: true,
        ca_file: Some(servers.ca_file.clone()),
        accepted_certs: Vec::new(),
    };
    let mut accounts = Accounts::load(&profile.accounts_file()).expect("accounts");
    accounts.add(account.clone()).expect("add account");
    tidings::engine::credentials::use_platform_store();
    Keyring::new(&profile.config)
        .store(&account.name, &Secret::new(u.password.clone()))
        .expect("password into the keyring");
    account
}

/// Forgets the test's password again.
pub fn forget(dir: &Path, account: &Account) {
    let _ = Keyring::new(&Profile::under(dir).config).delete(&account.name);
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A message with fixed dates (in 2024, so lists show the full date and snapshots do not
/// change with the day they are taken).
pub struct Mail<'a> {
    pub from: (&'a str, &'a str),
    pub to: &'a str,
    pub subject: &'a str,
    pub day: u32,
    pub body: &'a str,
    pub id: &'a str,
    pub in_reply_to: Option<&'a str>,
    pub attachment: Option<(&'a str, &'a [u8])>,
    pub html: Option<&'a str>,
}

impl Mail<'_> {
    pub fn raw(&self) -> Vec<u8> {
        let mut head = format!(
            "From: {} <{}>\r\nTo: {}\r\nSubject: {}\r\nMessage-ID: <{}@example.test>\r\nDate: {}, {} Mar 2024 09:{:02}:00 +0000\r\nMIME-Version: 1.0\r\n",
            self.from.0,
            self.from.1,
            self.to,
            self.subject,
            self.id,
            ["Fri", "Sat", "Sun", "Mon", "Tue", "Wed", "Thu"][(self.day % 7) as usize],
            self.day,
            self.day % 60,
        );
        if let Some(parent) = self.in_reply_to {
            head.push_str(&format!(
                "In-Reply-To: <{parent}@example.test>\r\nReferences: <{parent}@example.test>\r\n"
            ));
        }
        let text = self.body.replace('\n', "\r\n");
        let body = match (self.html, self.attachment) {
            (None, None) => format!("Content-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n"),
            (Some(html), _) => format!(
                "Content-Type: multipart/alternative; boundary=alt\r\n\r\n--alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}\r\n--alt--\r\n"
            ),
            (None, Some((name, bytes))) => {
                use base64::Engine as _;
                let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
                format!(
                    "Content-Type: multipart/mixed; boundary=mix\r\n\r\n--mix\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n--mix\r\nContent-Type: application/octet-stream; name=\"{name}\"\r\nContent-Disposition: attachment; filename=\"{name}\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{encoded}\r\n--mix--\r\n"
                )
            }
        };
        format!("{head}{body}").into_bytes()
    }
}

/// A plain message from `from` with a subject, on a day of March 2024.
pub fn simple<'a>(from: (&'a str, &'a str), subject: &'a str, day: u32, id: &'a str) -> Mail<'a> {
    Mail {
        from,
        to: "alice@example.test",
        subject,
        day,
        body: "Hello Alice,\n\nthis is a message for the window tests.\n\nBest",
        id,
        in_reply_to: None,
        attachment: None,
        html: None,
    }
}
