//! Account passwords in the OS keyring: the Secret Service on Linux, the Keychain on macOS,
//! the Credential Manager on Windows (through `keyring-core` and one store crate per platform).
//!
//! A password is never written to the settings file, a log line, an error message or the
//! process arguments. When no keyring can be reached, every call says so clearly
//! ([`CredentialError::Unavailable`]) and the password can be given for this run only
//! ([`Keyring::set_for_this_run`]): the command line reads it from standard input, the GUI
//! asks for it.
//!
//! Entries are keyed by the profile and the account name, so two profiles (or two test
//! runs) with an account of the same name never share a password.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use keyring_core::{CredentialStore, Entry};

use crate::engine::error::Localized;
use crate::engine::secret::Secret;
use crate::tr;

/// The service name every Tidings entry is filed under.
pub const SERVICE: &str = "tidings";

#[derive(Debug, thiserror::Error)]
pub enum CredentialError {
    /// No keyring could be reached (no Secret Service on the session bus, no session bus...).
    #[error("no keyring is available: {reason}")]
    Unavailable { reason: String },
    /// The keyring is there but refused access (locked, or access denied).
    #[error("the keyring refused access: {reason}")]
    Locked { reason: String },
    /// The keyring holds no password for this account.
    #[error("the keyring holds no password for the account {account:?}")]
    Missing { account: String },
    /// Anything else the keyring reported.
    #[error("the keyring failed: {reason}")]
    Failed { reason: String },
}

impl Localized for CredentialError {
    fn localized(&self) -> String {
        match self {
            CredentialError::Unavailable { reason } => {
                tr!("error-keyring-unavailable", reason = reason.as_str())
            }
            CredentialError::Locked { reason } => {
                tr!("error-keyring-locked", reason = reason.as_str())
            }
            CredentialError::Missing { account } => {
                tr!("error-keyring-missing", account = account.as_str())
            }
            CredentialError::Failed { reason } => {
                tr!("error-keyring-failed", reason = reason.as_str())
            }
        }
    }
}

/// Why the platform store could not be set up, remembered so every later call can say so.
static STORE_PROBLEM: OnceLock<Mutex<Option<String>>> = OnceLock::new();

fn store_problem() -> &'static Mutex<Option<String>> {
    STORE_PROBLEM.get_or_init(|| Mutex::new(None))
}

/// Makes the platform's keyring the default store. Call once at start-up. A failure is
/// remembered, not fatal: mail that needs no password still works, and every call that needs
/// the keyring reports the reason.
pub fn use_platform_store() {
    match platform_store() {
        Ok(store) => use_store(store),
        Err(reason) => {
            tracing::warn!(%reason, "no keyring is available");
            if let Ok(mut slot) = store_problem().lock() {
                *slot = Some(reason);
            }
        }
    }
}

/// Makes `store` the default store (the in-memory mock store in tests).
pub fn use_store(store: Arc<CredentialStore>) {
    keyring_core::set_default_store(store);
    if let Ok(mut slot) = store_problem().lock() {
        *slot = None;
    }
}

#[cfg(target_os = "linux")]
fn platform_store() -> Result<Arc<CredentialStore>, String> {
    zbus_secret_service_keyring_store::Store::new()
        .map(|s| s as Arc<CredentialStore>)
        .map_err(|e| e.to_string())
}

#[cfg(target_os = "macos")]
fn platform_store() -> Result<Arc<CredentialStore>, String> {
    apple_native_keyring_store::keychain::Store::new()
        .map(|s| s as Arc<CredentialStore>)
        .map_err(|e| e.to_string())
}

#[cfg(target_os = "windows")]
fn platform_store() -> Result<Arc<CredentialStore>, String> {
    windows_native_keyring_store::Store::new()
        .map(|s| s as Arc<CredentialStore>)
        .map_err(|e| e.to_string())
}

#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
fn platform_store() -> Result<Arc<CredentialStore>, String> {
    Err("this platform has no supported keyring".into())
}

/// Passwords given for this run only, by profile key and account.
static THIS_RUN: OnceLock<Mutex<HashMap<(String, String), Secret>>> = OnceLock::new();

fn this_run() -> &'static Mutex<HashMap<(String, String), Secret>> {
    THIS_RUN.get_or_init(|| Mutex::new(HashMap::new()))
}

/// The passwords of one profile's accounts.
#[derive(Debug, Clone)]
pub struct Keyring {
    /// Identifies the profile inside the entry name: its settings directory.
    profile: String,
}

impl Keyring {
    /// The keyring entries of the profile whose settings live in `config_dir`.
    pub fn new(config_dir: &Path) -> Self {
        Self {
            profile: config_dir.display().to_string(),
        }
    }

    /// The entry's user name: readable in the keyring's own manager ("Work (/home/anna/
    /// .config/tidings)"), unique per profile.
    fn user(&self, account: &str) -> String {
        format!("{account} ({})", self.profile)
    }

    fn entry(&self, account: &str) -> Result<Entry, CredentialError> {
        Entry::new(SERVICE, &self.user(account)).map_err(|e| classify(e, account))
    }

    /// Saves the password of `account` in the keyring.
    pub fn store(&self, account: &str, password: &Secret) -> Result<(), CredentialError> {
        self.entry(account)?
            .set_password(password.expose())
            .map_err(|e| classify(e, account))
    }

    /// The password of `account`: the one given for this run if any, else the keyring's.
    pub fn password(&self, account: &str) -> Result<Secret, CredentialError> {
        if let Some(secret) = self.run_password(account) {
            return Ok(secret);
        }
        self.entry(account)?
            .get_password()
            .map(Secret::new)
            .map_err(|e| classify(e, account))
    }

    /// Forgets the password of `account` (this run's and the keyring's). Forgetting a
    /// password that was never stored is not an error.
    pub fn delete(&self, account: &str) -> Result<(), CredentialError> {
        if let Ok(mut map) = this_run().lock() {
            map.remove(&(self.profile.clone(), account.to_owned()));
        }
        match self.entry(account)?.delete_credential() {
            Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
            Err(e) => Err(classify(e, account)),
        }
    }

    /// Moves the password of an account that was renamed. Nothing stored is not an error.
    pub fn rename(&self, from: &str, to: &str) -> Result<(), CredentialError> {
        if let Some(secret) = self.run_password(from) {
            self.set_for_this_run(to, secret);
        }
        let stored = match self.entry(from)?.get_password() {
            Ok(password) => Secret::new(password),
            Err(keyring_core::Error::NoEntry) => return Ok(()),
            Err(e) => return Err(classify(e, from)),
        };
        self.store(to, &stored)?;
        self.delete(from)
    }

    /// Uses `password` for `account` until the process ends, without touching the keyring:
    /// the way in when no keyring is available or the user does not want one.
    pub fn set_for_this_run(&self, account: &str, password: Secret) {
        if let Ok(mut map) = this_run().lock() {
            map.insert((self.profile.clone(), account.to_owned()), password);
        }
    }

    fn run_password(&self, account: &str) -> Option<Secret> {
        let map = this_run().lock().ok()?;
        map.get(&(self.profile.clone(), account.to_owned()))
            .cloned()
    }
}

/// Turns a keyring error into ours. Never includes the secret: `BadEncoding` and
/// `BadDataFormat` carry the stored bytes, which are dropped here.
fn classify(error: keyring_core::Error, account: &str) -> CredentialError {
    use keyring_core::Error as E;
    let remembered = store_problem().lock().ok().and_then(|p| p.clone());
    match error {
        E::NoDefaultStore => CredentialError::Unavailable {
            reason: remembered.unwrap_or_else(|| tr!("keyring-no-store")),
        },
        E::NoEntry => CredentialError::Missing {
            account: account.to_owned(),
        },
        E::NoStorageAccess(e) => CredentialError::Locked {
            reason: e.to_string(),
        },
        E::PlatformFailure(e) => CredentialError::Unavailable {
            reason: e.to_string(),
        },
        E::BadEncoding(_) | E::BadDataFormat(..) => CredentialError::Failed {
            reason: tr!("keyring-bad-data"),
        },
        E::Ambiguous(entries) => CredentialError::Failed {
            reason: tr!("keyring-ambiguous", count = entries.len()),
        },
        other => CredentialError::Failed {
            reason: other.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The default store is process-wide; unit tests share one mock store.
    fn mock() {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            use_store(keyring_core::mock::Store::new().expect("mock store"));
        });
    }

    #[test]
    fn a_password_round_trips_and_is_deleted() {
        mock();
        let keyring = Keyring::new(Path::new("/profiles/one"));
        keyring
            .store("Work", &Secret::new("s3cret"))
            .expect("store");
        assert_eq!(keyring.password("Work").unwrap().expose(), "s3cret");
        keyring.delete("Work").unwrap();
        assert!(matches!(
            keyring.password("Work"),
            Err(CredentialError::Missing { .. })
        ));
        // Deleting again is fine.
        keyring.delete("Work").unwrap();
    }

    #[test]
    fn profiles_do_not_share_passwords() {
        mock();
        let one = Keyring::new(Path::new("/profiles/a"));
        let two = Keyring::new(Path::new("/profiles/b"));
        one.store("Home", &Secret::new("first")).unwrap();
        two.store("Home", &Secret::new("second")).unwrap();
        assert_eq!(one.password("Home").unwrap().expose(), "first");
        assert_eq!(two.password("Home").unwrap().expose(), "second");
    }

    #[test]
    fn a_password_for_this_run_wins_and_touches_no_keyring() {
        mock();
        let keyring = Keyring::new(Path::new("/profiles/run"));
        keyring.set_for_this_run("Mail", Secret::new("just-now"));
        assert_eq!(keyring.password("Mail").unwrap().expose(), "just-now");
        keyring.delete("Mail").unwrap();
        assert!(keyring.password("Mail").is_err());
    }

    #[test]
    fn a_renamed_account_keeps_its_password() {
        mock();
        let keyring = Keyring::new(Path::new("/profiles/rename"));
        keyring.store("Old", &Secret::new("kept")).unwrap();
        keyring.rename("Old", "New").unwrap();
        assert_eq!(keyring.password("New").unwrap().expose(), "kept");
        assert!(keyring.password("Old").is_err());
        keyring.rename("Nothing", "Else").unwrap();
    }

    #[test]
    fn errors_never_carry_the_stored_bytes() {
        let e = classify(keyring_core::Error::BadEncoding(b"hunter2".to_vec()), "A");
        assert!(!format!("{e} {e:?}").contains("hunter2"));
        assert!(!e.localized().contains("hunter2"));
        let e = classify(keyring_core::Error::NoDefaultStore, "A");
        assert!(matches!(e, CredentialError::Unavailable { .. }));
    }
}
