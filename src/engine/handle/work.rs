//! The accounts' background loops on the real protocols, and the stream of their events.

use std::time::Duration;

use futures::StreamExt;

use super::{Engine, lock};
use crate::engine::account::{Account, Protocol};
use crate::engine::credentials::Keyring;
use crate::engine::error::{Error, ErrorKind, Localized};
use crate::engine::events::{Event, Events};
use crate::engine::imap;
use crate::engine::runner::{self, Backoff, Round, Work};
use crate::engine::secret::Secret;
use crate::engine::sync;

/// [`Work`] done by the engine's protocol modules.
#[derive(Clone)]
struct EngineWork {
    engine: Engine,
}

impl EngineWork {
    /// The account and its password, or the reason there is none (reported as an event).
    async fn credentials(&self, name: &str, events: &Events) -> Option<(Account, Secret)> {
        let account = self.engine.account(name)?;
        let config = self.engine.inner.profile.config.clone();
        let key = name.to_owned();
        let found = tokio::task::spawn_blocking(move || Keyring::new(&config).password(&key)).await;
        match found {
            Ok(Ok(password)) => Some((account, password)),
            Ok(Err(e)) => {
                let message = e.localized();
                events.emit(Event::Error {
                    account: name.to_owned(),
                    message: message.clone(),
                });
                // A password the keyring cannot give can still be typed in.
                events.emit(Event::PasswordNeeded {
                    account: name.to_owned(),
                    reason: message,
                });
                None
            }
            Err(_) => {
                events.emit(Event::Error {
                    account: name.to_owned(),
                    message: crate::tr!("error-internal"),
                });
                None
            }
        }
    }

    /// A short round: the outbox, then (IMAP) the offline changes.
    async fn changes(
        &self,
        account: &Account,
        password: &Secret,
        events: &Events,
    ) -> Result<(), Error> {
        self.engine
            .inner
            .outbox
            .flush(account, password, events)
            .await?;
        if account.protocol == Protocol::Imap {
            imap::replay_account(account, password, &self.engine.inner.store, events).await?;
        }
        Ok(())
    }
}

impl Work for EngineWork {
    async fn sync(&self, name: &str, round: Round, events: &Events) -> Result<(), ErrorKind> {
        let Some((account, password)) = self.credentials(name, events).await else {
            return Err(ErrorKind::Auth);
        };
        let store = &self.engine.inner.store;
        match round {
            // The sync reports its own start, progress, trouble and end.
            Round::Full => sync::sync_account(store, &account, &password, events)
                .await
                .map(|_| ())
                .map_err(|e| e.kind()),
            Round::Changes => {
                events.emit(Event::SyncStarted {
                    account: name.to_owned(),
                });
                let result = self.changes(&account, &password, events).await;
                if let Err(e) = &result {
                    events.emit(match e.kind() {
                        ErrorKind::Network => Event::Offline {
                            account: name.to_owned(),
                            reason: e.localized(),
                        },
                        _ => Event::Error {
                            account: name.to_owned(),
                            message: e.localized(),
                        },
                    });
                } else {
                    events.emit(Event::SyncFinished {
                        account: name.to_owned(),
                    });
                }
                result.map_err(|e| e.kind())
            }
        }
    }

    fn push(&self, name: &str, events: &Events) -> impl Future<Output = ()> + Send + 'static {
        let work = self.clone();
        let name = name.to_owned();
        let events = events.clone();
        async move {
            let Some((account, password)) = work.credentials(&name, &events).await else {
                return;
            };
            if account.protocol != Protocol::Imap {
                // POP3 has no push: the interval checks.
                return std::future::pending().await;
            }
            // Dropping this future drops the sender, which ends the watch.
            let (_cancel, cancelled) = tokio::sync::watch::channel(false);
            let store = work.engine.inner.store.clone();
            // The watch reports its own trouble; it returns only when retrying cannot help.
            let _ = imap::watch(
                account,
                password,
                store,
                events,
                cancelled,
                imap::WatchOptions::default(),
            )
            .await;
        }
    }

    fn interval(&self, name: &str) -> Option<Duration> {
        let account = self.engine.account(name)?;
        let minutes = match account.protocol {
            Protocol::Imap => Some(account.sync.poll_every_minutes),
            Protocol::Pop3 => account.pop3.check_every_minutes,
        }?;
        Some(Duration::from_secs(u64::from(minutes.max(1)) * 60))
    }
}

/// Aborts the runner when the window stops listening.
struct Stop(tokio::task::JoinHandle<()>);

impl Drop for Stop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

impl Engine {
    /// The engine's events. Listening starts the accounts' background loops; dropping the
    /// stream stops them.
    pub fn events(&self) -> impl futures::Stream<Item = Event> + Send + use<> {
        let engine = self.clone();
        // Started on first poll, so it runs on the executor that polls it.
        futures::stream::once(async move {
            let (events, receiver) = Events::channel();
            let (commands, command_rx) = tokio::sync::mpsc::unbounded_channel();
            *lock(&engine.inner.runner) = Some(commands);
            let names = engine.accounts().into_iter().map(|a| a.name).collect();
            let task = tokio::spawn(runner::run(
                EngineWork {
                    engine: engine.clone(),
                },
                names,
                command_rx,
                events,
                Backoff::default(),
            ));
            let stop = Stop(task);
            super::accounts::stream_of(receiver).map(move |event| {
                let _ = &stop;
                event
            })
        })
        .flatten()
    }

    /// Tells the runner the user changed something in `account` or queued a message: the
    /// change and the outbox go out now if the server is reachable.
    pub fn changed(&self, account: &str) {
        self.command(runner::Command::Changed(account.to_owned()));
    }
}
