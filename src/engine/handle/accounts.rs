//! Accounts for the window: discovery with what it tries, verification, add, edit, remove.

use futures::StreamExt;

use super::{Engine, Failure, blocking};
use crate::engine::account::{Account, MailChoice, Protocol, Server};
use crate::engine::credentials::{CredentialError, Keyring};
use crate::engine::discover::{self, DiscoverSettings};
use crate::engine::error::{Error, ErrorKind, Localized};
use crate::engine::runner::Command;
use crate::engine::secret::Secret;
use crate::engine::store::StoreError;
use crate::engine::verify;
use crate::tr;

/// What discovery found for an address.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Discovery {
    /// At most one configuration per protocol, IMAP first.
    pub found: Vec<Found>,
}

/// Servers found for one protocol.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub protocol: Protocol,
    pub incoming: Server,
    pub outgoing: Server,
    /// Where it came from, in words (the bundled list, the provider's file, DNS...).
    pub source: String,
    /// The servers are on another domain than the address: the user must approve them.
    pub other_domain: bool,
    /// Anything the user should know first (fetched over plain HTTP, no encryption...).
    pub warnings: Vec<String>,
}

impl Engine {
    /// Finds the servers for an address. The stream says what is being tried as it goes and
    /// ends when discovery does; the future then gives the result.
    pub fn discover(
        &self,
        email: String,
        settings: DiscoverSettings,
    ) -> (
        impl futures::Stream<Item = String> + Send + use<>,
        impl std::future::Future<Output = Result<Discovery, Failure>> + Send + use<>,
    ) {
        let (progress, steps) = discover::Progress::channel();
        let (done, result) = tokio::sync::oneshot::channel();
        // Discovery runs on its own task: the progress stream ends when it drops its sender.
        tokio::spawn(async move {
            let found = discover::discover(&email, &settings, progress).await;
            let _ = done.send(found);
        });
        let lines = stream_of(steps).filter_map(|step| async move { describe_step(&step) });
        let result = async move {
            match result.await {
                Ok(Ok(found)) => Ok(discovery(&found)),
                Ok(Err(e)) => Err(Failure::from(Error::from(e))),
                Err(_) => Err(Failure::other(tr!("error-internal"))),
            }
        };
        (lines, result)
    }

    /// Signs in to the incoming and the outgoing server of an account not yet saved, and
    /// says precisely which failed and why.
    pub async fn verify(self, account: Account, password: Secret) -> Result<(), Failure> {
        let report = verify::verify(&account, &password).await;
        // The incoming server first: it is the one the user set up the account for.
        for check in [report.incoming, report.outgoing] {
            if let Some(error) = check.error {
                return Err(error.into());
            }
        }
        Ok(())
    }

    /// A password typed in when the keyring could not give it. The incoming server must
    /// accept it first (a server that cannot be reached now is no reason to refuse it);
    /// then it is kept in the keyring when `remember` (and one can be reached), else for
    /// this run only, and the account syncs. Answers whether it went into the keyring.
    pub async fn give_password(
        self,
        name: String,
        password: Secret,
        remember: bool,
    ) -> Result<bool, Failure> {
        let account = self
            .account(&name)
            .ok_or_else(|| Failure::other(tr!("error-account-not-found", name = name.as_str())))?;
        if let Some(error) = verify::verify(&account, &password).await.incoming.error {
            let failure = Failure::from(error);
            if failure.kind == ErrorKind::Auth {
                return Err(failure);
            }
        }
        let engine = self.clone();
        let kept = blocking(move || {
            let keyring = Keyring::new(&engine.inner.profile.config);
            let kept = remember && keyring_keeps(&keyring, &name, &password)?;
            keyring.set_for_this_run(&name, password);
            Ok((kept, name))
        })
        .await?;
        self.sync_now(Some(kept.1));
        Ok(kept.0)
    }

    /// Saves a new account, its password in the keyring and its place in the store.
    /// Without a usable keyring the password is kept for this run only, and the window
    /// asks for it at the next start.
    pub async fn add_account(&self, account: Account, password: Secret) -> Result<(), Failure> {
        let engine = self.clone();
        blocking(move || {
            let keyring = Keyring::new(&engine.inner.profile.config);
            if !keyring_keeps(&keyring, &account.name, &password)? {
                keyring.set_for_this_run(&account.name, password.clone());
            }
            if let Err(e) = engine.lock_accounts().add(account.clone()) {
                let _ = keyring.delete(&account.name);
                return Err(e.into());
            }
            engine
                .inner
                .store
                .ensure_account(&account.name, account.protocol)?;
            Ok(())
        })
        .await
    }

    /// Saves changed settings of an existing account, and a new password when given.
    pub async fn update_account(
        self,
        account: Account,
        password: Option<Secret>,
    ) -> Result<(), Failure> {
        blocking(move || {
            if let Some(password) = password {
                let keyring = Keyring::new(&self.inner.profile.config);
                if !keyring_keeps(&keyring, &account.name, &password)? {
                    keyring.set_for_this_run(&account.name, password);
                }
            }
            Ok(self.lock_accounts().update(account)?)
        })
        .await
    }

    /// Messages the store holds for an account: what removing it would delete.
    pub async fn local_messages(self, name: String) -> Result<u64, Failure> {
        blocking(move || {
            let store = &self.inner.store;
            let id = match store.account_id(&name) {
                Ok(id) => id,
                Err(StoreError::NoAccount(_)) => return Ok(0),
                Err(e) => return Err(e.into()),
            };
            Ok(store.folders(id)?.iter().map(|(_, c)| c.total).sum())
        })
        .await
    }

    /// Removes an account: its background sync, its settings, its local mail as `choice`
    /// says, its password. A POP3 account's mail may be the only copy: with
    /// [`MailChoice::Ask`] it is refused while the account holds mail, as
    /// [`crate::engine::account::remove`] does; this runs on the window's open store.
    pub async fn remove_account(self, name: String, choice: MailChoice) -> Result<(), Failure> {
        self.command(Command::Stop(name.clone()));
        let engine = self.clone();
        blocking(move || {
            let store = &engine.inner.store;
            let account = engine.lock_accounts().get(&name)?.clone();
            let id = match store.account_id(&name) {
                Ok(id) => Some(id),
                Err(StoreError::NoAccount(_)) => None,
                Err(e) => return Err(e.into()),
            };
            let messages: u64 = match id {
                Some(id) => store.folders(id)?.iter().map(|(_, c)| c.total).sum(),
                None => 0,
            };
            if account.protocol == Protocol::Pop3 && messages > 0 && choice == MailChoice::Ask {
                return Err(crate::engine::account::AccountError::MailWouldBeLost {
                    name: account.name.clone(),
                    messages,
                }
                .into());
            }
            // Settings first: if anything after fails, mail is left behind, never lost.
            engine.lock_accounts().remove(&name)?;
            if let (Some(id), true) = (id, choice != MailChoice::Keep) {
                store.remove_account(id)?;
            }
            if let Err(e) = Keyring::new(&engine.inner.profile.config).delete(&name) {
                tracing::warn!(account = %name, error = %e, "password not removed");
            }
            Ok(())
        })
        .await?;
        self.clear_caches();
        Ok(())
    }
}

/// An unbounded receiver as a stream.
pub(super) fn stream_of<T: Send + 'static>(
    mut receiver: tokio::sync::mpsc::UnboundedReceiver<T>,
) -> impl futures::Stream<Item = T> + Send {
    futures::stream::poll_fn(move |cx| receiver.poll_recv(cx))
}

/// Where discovery looked, in words.
fn source_name(source: discover::Source) -> String {
    use discover::Source as S;
    match source {
        S::Bundled => tr!("wizard-discover-source-bundled"),
        S::Autoconfig => tr!("wizard-discover-source-autoconfig"),
        S::Ispdb => tr!("wizard-discover-source-ispdb"),
        S::Mx => tr!("wizard-discover-source-mx"),
        S::Srv => tr!("wizard-discover-source-srv"),
        S::Guess => tr!("wizard-discover-source-guess"),
    }
}

/// One line for the wizard's "what is being tried" list.
fn describe_step(step: &discover::Step) -> Option<String> {
    match step {
        discover::Step::Trying { source, target } => Some(tr!(
            "wizard-discover-trying",
            source = source_name(*source),
            target = target.as_str()
        )),
        discover::Step::Finished(attempt) => match &attempt.outcome {
            discover::Outcome::Found { .. } => Some(tr!(
                "wizard-discover-found-at",
                target = attempt.target.as_str()
            )),
            discover::Outcome::Certificate { problem } => Some(tr!(
                "wizard-discover-bad-certificate",
                target = attempt.target.as_str(),
                host = problem.host.as_str()
            )),
            _ => None,
        },
    }
}

/// The discovery result as the wizard offers it: one choice per protocol with its SMTP.
fn discovery(found: &discover::Discovery) -> Discovery {
    let mut choices = Vec::new();
    for protocol in [Protocol::Imap, Protocol::Pop3] {
        let (Some(incoming), Some(outgoing)) = (found.incoming(protocol), found.smtp.as_ref())
        else {
            continue;
        };
        let kinds = [incoming.kind, outgoing.kind];
        let warnings = found
            .warnings
            .iter()
            .filter(|w| {
                let kind = match w {
                    discover::Warning::InsecureHttp { kind, .. }
                    | discover::Warning::Plaintext { kind, .. }
                    | discover::Warning::OtherDomain { kind, .. } => kind,
                };
                // The other-domain notice has its own place in the wizard.
                kinds.contains(kind) && !matches!(w, discover::Warning::OtherDomain { .. })
            })
            .map(|w| w.localized())
            .collect();
        choices.push(Found {
            protocol,
            incoming: incoming.server(),
            outgoing: outgoing.server(),
            source: source_name(incoming.source),
            other_domain: incoming.other_domain || outgoing.other_domain,
            warnings,
        });
    }
    Discovery { found: choices }
}

/// Stores a password in the keyring. A keyring that cannot be reached or is locked is not an
/// error here (false): the password can still be used for this run.
fn keyring_keeps(keyring: &Keyring, account: &str, password: &Secret) -> Result<bool, Error> {
    match keyring.store(account, password) {
        Ok(()) => Ok(true),
        Err(e @ (CredentialError::Unavailable { .. } | CredentialError::Locked { .. })) => {
            tracing::warn!(error = %e, "the password is kept for this run only");
            Ok(false)
        }
        Err(e) => Err(e.into()),
    }
}
