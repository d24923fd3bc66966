//! Account settings, kept in `accounts.toml` in the profile.
//!
//! Passwords are never here: they live in the OS keyring (see `credentials`). The file is
//! rewritten atomically (temporary file, fsync, rename), so a crash mid-save leaves the old
//! settings, never half of them.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::engine::error::Localized;
use crate::engine::tls::{CertificateProblem, TrustSettings};
use crate::tr;

/// How incoming mail is fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Protocol {
    /// Mail stays on the server and is synced; Tidings keeps a copy for offline reading.
    Imap,
    /// Mail is downloaded and (by default) deleted from the server.
    Pop3,
}

/// How a connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Security {
    /// TLS from the first byte (IMAPS 993, POP3S 995, SMTPS 465). Preferred (RFC 8314).
    Tls,
    /// A plaintext connection upgraded with STARTTLS/STLS, which is required: a server that
    /// does not offer it is refused, never used in plaintext.
    Starttls,
    /// No encryption at all, only when the user chose it explicitly.
    Plain,
}

/// How to prove who we are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Auth {
    /// A password, sent with SASL PLAIN or LOGIN (POP3: USER/PASS), only over TLS unless the
    /// connection is explicitly plain.
    #[default]
    Password,
    /// OAuth 2 bearer token (XOAUTH2). Room for it; no provider flow yet.
    Oauth2,
}

/// One server an account talks to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Server {
    pub host: String,
    pub port: u16,
    pub security: Security,
    /// The login name; often the email address.
    pub username: String,
    #[serde(default)]
    pub auth: Auth,
}

/// POP3 choices, as Thunderbird and Evolution offer them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Pop3Options {
    /// Keep downloaded messages on the server (off: download and delete, the default).
    pub leave_on_server: bool,
    /// With `leave_on_server`: delete from the server once a message is this many days old.
    pub delete_after_days: Option<u32>,
    /// With `leave_on_server`: delete from the server when deleted here.
    pub delete_when_deleted_locally: bool,
    /// Check for new mail every this many minutes (none: only when asked).
    pub check_every_minutes: Option<u32>,
}

impl Default for Pop3Options {
    fn default() -> Self {
        Self {
            leave_on_server: false,
            delete_after_days: None,
            delete_when_deleted_locally: false,
            check_every_minutes: Some(10),
        }
    }
}

/// IMAP synchronisation choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SyncOptions {
    /// Keep message bodies only for the last this many days (headers of all are kept).
    /// None: a full offline copy, the default.
    pub bodies_for_days: Option<u32>,
    /// Where IDLE is missing, poll every this many minutes.
    pub poll_every_minutes: u32,
}

impl Default for SyncOptions {
    fn default() -> Self {
        Self {
            bodies_for_days: None,
            poll_every_minutes: 5,
        }
    }
}

/// A certificate the user accepted for one server of this account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcceptedCert {
    pub host: String,
    /// SHA-256 of the DER certificate, hex.
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// The name the user gave the account; unique in the profile.
    pub name: String,
    pub email: String,
    #[serde(default)]
    pub display_name: String,
    pub protocol: Protocol,
    pub incoming: Server,
    pub outgoing: Server,
    #[serde(default)]
    pub pop3: Pop3Options,
    #[serde(default)]
    pub sync: SyncOptions,
    #[serde(default)]
    pub signature: String,
    /// Append a copy of sent mail to the IMAP Sent folder. Off for servers that file it
    /// themselves (Gmail, Outlook), or the copy appears twice.
    #[serde(default = "yes")]
    pub save_sent_copy: bool,
    /// Extra certificate authorities to trust for this account, PEM.
    #[serde(default)]
    pub ca_file: Option<PathBuf>,
    #[serde(default)]
    pub accepted_certs: Vec<AcceptedCert>,
}

fn yes() -> bool {
    true
}

impl Account {
    /// Accepts exactly the certificate a connection refused (the user saw its details and
    /// said yes), for that host only. It replaces whatever was accepted for the host before:
    /// the old certificate is trusted no more.
    pub fn accept_certificate(&mut self, problem: &CertificateProblem) {
        self.accepted_certs
            .retain(|c| !c.host.eq_ignore_ascii_case(&problem.host));
        self.accepted_certs.push(AcceptedCert {
            host: problem.host.clone(),
            sha256: problem.sha256.clone(),
        });
    }

    /// What to trust when connecting to `host` for this account.
    pub fn trust_for(&self, host: &str) -> TrustSettings {
        TrustSettings {
            ca_file: self.ca_file.clone(),
            accepted: self
                .accepted_certs
                .iter()
                .filter(|c| c.host.eq_ignore_ascii_case(host))
                .map(|c| c.sha256.clone())
                .collect(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("the account settings {path} could not be read: {reason}")]
    Read { path: PathBuf, reason: String },
    #[error("the account settings {path} could not be saved: {reason}")]
    Write { path: PathBuf, reason: String },
    #[error("there is no account named {0:?}")]
    NotFound(String),
    #[error("an account named {0:?} exists already")]
    Exists(String),
    #[error("the account setting {field} is not valid: {reason}")]
    Invalid { field: &'static str, reason: String },
    /// Removing this POP3 account would delete the only copy of its mail; the user must
    /// choose to keep or delete it.
    #[error("the POP3 account {name:?} holds {messages} downloaded messages; keep or delete them?")]
    MailWouldBeLost { name: String, messages: u64 },
}

impl Localized for AccountError {
    fn localized(&self) -> String {
        match self {
            AccountError::Read { path, reason } => tr!(
                "error-account-read",
                path = path.display().to_string(),
                reason = reason.as_str()
            ),
            AccountError::Write { path, reason } => tr!(
                "error-account-write",
                path = path.display().to_string(),
                reason = reason.as_str()
            ),
            AccountError::NotFound(name) => tr!("error-account-not-found", name = name.as_str()),
            AccountError::Exists(name) => tr!("error-account-exists", name = name.as_str()),
            AccountError::Invalid { field, reason } => {
                tr!(
                    "error-account-invalid",
                    field = *field,
                    reason = reason.as_str()
                )
            }
            AccountError::MailWouldBeLost { name, messages } => tr!(
                "error-account-mail-would-be-lost",
                name = name.as_str(),
                messages = *messages
            ),
        }
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct File {
    #[serde(default, rename = "account")]
    accounts: Vec<Account>,
}

/// The accounts of a profile.
#[derive(Debug, Clone)]
pub struct Accounts {
    path: PathBuf,
    list: Vec<Account>,
}

impl Accounts {
    /// Loads the accounts file; a missing file means no accounts yet.
    pub fn load(path: &Path) -> Result<Self, AccountError> {
        let list = match std::fs::read_to_string(path) {
            Ok(text) => {
                toml::from_str::<File>(&text)
                    .map_err(|e| AccountError::Read {
                        path: path.to_path_buf(),
                        reason: e.to_string(),
                    })?
                    .accounts
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => {
                return Err(AccountError::Read {
                    path: path.to_path_buf(),
                    reason: e.to_string(),
                });
            }
        };
        Ok(Self {
            path: path.to_path_buf(),
            list,
        })
    }

    pub fn all(&self) -> &[Account] {
        &self.list
    }

    pub fn get(&self, name: &str) -> Result<&Account, AccountError> {
        self.list
            .iter()
            .find(|a| a.name == name)
            .ok_or_else(|| AccountError::NotFound(name.to_owned()))
    }

    /// Adds an account and saves.
    pub fn add(&mut self, account: Account) -> Result<(), AccountError> {
        validate(&account)?;
        if self.list.iter().any(|a| a.name == account.name) {
            return Err(AccountError::Exists(account.name));
        }
        self.list.push(account);
        self.save()
    }

    /// Replaces the account of the same name and saves.
    pub fn update(&mut self, account: Account) -> Result<(), AccountError> {
        validate(&account)?;
        let slot = self
            .list
            .iter_mut()
            .find(|a| a.name == account.name)
            .ok_or_else(|| AccountError::NotFound(account.name.clone()))?;
        *slot = account;
        self.save()
    }

    /// Removes an account's settings and saves. Its mail and password are the caller's to
    /// handle: a POP3 account's local mail may be the only copy.
    pub fn remove(&mut self, name: &str) -> Result<Account, AccountError> {
        let index = self
            .list
            .iter()
            .position(|a| a.name == name)
            .ok_or_else(|| AccountError::NotFound(name.to_owned()))?;
        let removed = self.list.remove(index);
        self.save()?;
        Ok(removed)
    }

    fn save(&self) -> Result<(), AccountError> {
        let err = |e: &dyn std::fmt::Display| AccountError::Write {
            path: self.path.clone(),
            reason: e.to_string(),
        };
        let text = toml::to_string_pretty(&File {
            accounts: self.list.clone(),
        })
        .map_err(|e| err(&e))?;
        write_atomically(&self.path, text.as_bytes()).map_err(|e| err(&e))
    }
}

/// What to do with an account's downloaded mail when it is removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailChoice {
    /// Delete an IMAP account's cache (the server keeps the mail); for a POP3 account that
    /// holds mail, refuse with [`AccountError::MailWouldBeLost`] so the user decides.
    Ask,
    /// Keep the mail in the store (an account added again under the same name gets it back).
    Keep,
    /// Delete it, even a POP3 account's only copy.
    Delete,
}

/// What [`remove`] did.
#[derive(Debug, Clone)]
pub struct Removed {
    pub account: Account,
    /// How many messages the store held for the account.
    pub messages: u64,
    /// Whether they were deleted.
    pub mail_deleted: bool,
}

/// Removes an account: its settings, its local mail as `choice` says, and its password.
///
/// A POP3 account's downloaded mail may be the only copy anywhere, so it is never deleted
/// without [`MailChoice::Delete`]. The settings go first: if anything after fails, the mail
/// is left behind (never lost) and the password stays in the keyring, with a warning.
pub fn remove(
    profile: &crate::engine::Profile,
    name: &str,
    choice: MailChoice,
) -> Result<(Removed, Option<crate::engine::Error>), crate::engine::Error> {
    use crate::engine::store::{Store, StoreError};
    let mut accounts = Accounts::load(&profile.accounts_file())?;
    let account = accounts.get(name)?.clone();
    let store = Store::open(profile)?;
    let id = match store.account_id(name) {
        Ok(id) => Some(id),
        Err(StoreError::NoAccount(_)) => None,
        Err(e) => return Err(e.into()),
    };
    let messages: u64 = match id {
        Some(id) => store.folders(id)?.iter().map(|(_, c)| c.total).sum(),
        None => 0,
    };
    if account.protocol == Protocol::Pop3 && messages > 0 && choice == MailChoice::Ask {
        return Err(AccountError::MailWouldBeLost {
            name: account.name.clone(),
            messages,
        }
        .into());
    }
    accounts.remove(name)?;
    let delete_mail = choice != MailChoice::Keep;
    let mut trouble = None;
    if let (Some(id), true) = (id, delete_mail)
        && let Err(e) = store.remove_account(id)
    {
        trouble = Some(e.into());
    }
    let keyring = crate::engine::credentials::Keyring::new(&profile.config);
    if let Err(e) = keyring.delete(name) {
        trouble.get_or_insert(e.into());
    }
    Ok((
        Removed {
            account,
            messages,
            mail_deleted: delete_mail && id.is_some(),
        },
        trouble,
    ))
}

fn validate(account: &Account) -> Result<(), AccountError> {
    let invalid = |field, reason: String| Err(AccountError::Invalid { field, reason });
    if account.name.trim().is_empty() {
        return invalid("name", tr!("account-invalid-empty"));
    }
    if !account.email.contains('@') {
        return invalid(
            "email",
            tr!("account-invalid-email", email = account.email.as_str()),
        );
    }
    for (field, server) in [
        ("incoming", &account.incoming),
        ("outgoing", &account.outgoing),
    ] {
        if server.host.trim().is_empty() || server.host.contains(char::is_whitespace) {
            return invalid(
                field,
                tr!("account-invalid-host", host = server.host.as_str()),
            );
        }
        if server.port == 0 {
            return invalid(field, tr!("account-invalid-port"));
        }
    }
    Ok(())
}

/// Writes a file so that it is either the old or the new content after a crash.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = path.with_extension("toml.tmp");
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path)?;
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn sample(name: &str, protocol: Protocol) -> Account {
        Account {
            name: name.into(),
            email: "anna@example.test".into(),
            display_name: "Anna Example".into(),
            protocol,
            incoming: Server {
                host: "imap.example.test".into(),
                port: 993,
                security: Security::Tls,
                username: "anna@example.test".into(),
                auth: Auth::Password,
            },
            outgoing: Server {
                host: "smtp.example.test".into(),
                port: 587,
                security: Security::Starttls,
                username: "anna@example.test".into(),
                auth: Auth::Password,
            },
            pop3: Pop3Options::default(),
            sync: SyncOptions::default(),
            signature: String::new(),
            save_sent_copy: true,
            ca_file: None,
            accepted_certs: vec![AcceptedCert {
                host: "imap.example.test".into(),
                sha256: "ab".repeat(32),
            }],
        }
    }

    #[test]
    fn accounts_round_trip_through_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("accounts.toml");
        let mut accounts = Accounts::load(&path).unwrap();
        assert!(accounts.all().is_empty());
        accounts.add(sample("Work", Protocol::Imap)).unwrap();
        accounts.add(sample("Home", Protocol::Pop3)).unwrap();
        let again = Accounts::load(&path).unwrap();
        assert_eq!(again.all().len(), 2);
        assert_eq!(again.get("Home").unwrap().protocol, Protocol::Pop3);
        assert_eq!(again.get("Work").unwrap(), &sample("Work", Protocol::Imap));
    }

    #[test]
    fn names_are_unique_and_removal_works() {
        let dir = tempfile::tempdir().unwrap();
        let mut accounts = Accounts::load(&dir.path().join("a.toml")).unwrap();
        accounts.add(sample("Work", Protocol::Imap)).unwrap();
        assert!(matches!(
            accounts.add(sample("Work", Protocol::Imap)),
            Err(AccountError::Exists(_))
        ));
        accounts.remove("Work").unwrap();
        assert!(matches!(
            accounts.get("Work"),
            Err(AccountError::NotFound(_))
        ));
    }

    #[test]
    fn a_corrupt_file_is_an_error_not_an_empty_list() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("accounts.toml");
        std::fs::write(&path, "[[account]]\nname = 3\n").unwrap();
        assert!(matches!(
            Accounts::load(&path),
            Err(AccountError::Read { .. })
        ));
    }

    #[test]
    fn trust_is_per_host() {
        let a = sample("Work", Protocol::Imap);
        assert_eq!(a.trust_for("IMAP.example.test").accepted.len(), 1);
        assert!(a.trust_for("smtp.example.test").accepted.is_empty());
    }

    #[test]
    fn accepting_a_certificate_replaces_the_old_one_for_that_host_only() {
        let mut a = sample("Work", Protocol::Imap);
        a.accepted_certs.push(AcceptedCert {
            host: "smtp.example.test".into(),
            sha256: "cd".repeat(32),
        });
        let problem = CertificateProblem {
            host: "imap.example.test".into(),
            reason: crate::engine::tls::CertReason::UnknownIssuer,
            sha256: "ef".repeat(32),
            subject: String::new(),
            issuer: String::new(),
            not_before: String::new(),
            not_after: String::new(),
        };
        a.accept_certificate(&problem);
        assert_eq!(a.trust_for("imap.example.test").accepted, ["ef".repeat(32)]);
        assert_eq!(a.trust_for("smtp.example.test").accepted, ["cd".repeat(32)]);
    }

    #[test]
    fn bad_settings_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut accounts = Accounts::load(&dir.path().join("a.toml")).unwrap();
        let mut a = sample("Work", Protocol::Imap);
        a.email = "no-at-sign".into();
        assert!(matches!(
            accounts.add(a),
            Err(AccountError::Invalid { field: "email", .. })
        ));
    }
}
