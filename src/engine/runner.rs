//! The background loop of each account while the window is open.
//!
//! Per account: sync once at start (send what waits in the outbox, replay offline changes,
//! fetch new mail), then keep push running (IMAP IDLE, or polling where the server lacks
//! it) and sync again when the account's interval passes or the user nudges it — a change
//! made, a message queued, "Get mail". A nudge after a change asks only for a short round
//! (replay the changes, send the outbox); the interval and "Get mail" ask for a full one.
//! When the server cannot be reached the account is retried with a growing delay; a nudge
//! retries at once, so what waited offline goes out as soon as the network is back. A
//! refused password or certificate is not retried on its own: waiting cannot fix it.
//!
//! The loop is generic over [`Work`], the part that talks to servers and reports through
//! [`Events`], so its scheduling is tested without a network;
//! [`crate::engine::handle::Engine::events`] runs it with the real protocols.

use std::collections::HashMap;
use std::future::Future;
use std::time::Duration;

use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::engine::error::ErrorKind;
use crate::engine::events::Events;

/// How much a round does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Round {
    /// Replay offline changes and send the outbox.
    Changes,
    /// Everything: outbox, offline changes, then every folder (or the POP3 download).
    Full,
}

/// What the runner asks of the engine for one account. Implementations report progress,
/// new mail, offline and errors through `events` themselves.
pub trait Work: Clone + Send + Sync + 'static {
    /// One round. The error's kind decides what comes next: network trouble retries with
    /// backoff; a refused login or certificate waits for the user.
    fn sync(
        &self,
        account: &str,
        round: Round,
        events: &Events,
    ) -> impl Future<Output = Result<(), ErrorKind>> + Send;

    /// Push, running beside the loop after a successful round: returns only when it gives
    /// up. Accounts without push never return.
    fn push(&self, account: &str, events: &Events) -> impl Future<Output = ()> + Send + 'static;

    /// How long to wait between full rounds, if at all.
    fn interval(&self, account: &str) -> Option<Duration>;
}

/// Orders for the runner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Start (or restart) the loop of an account: it was added or its settings changed.
    Start(String),
    /// Stop the loop of an account: it was removed.
    Stop(String),
    /// A full round now: one account, or all.
    SyncNow(Option<String>),
    /// The user changed something or queued a message: a short round now.
    Changed(String),
}

/// Delays between attempts when a server cannot be reached: doubling from `first` up to
/// `max`, back to `first` after a success.
#[derive(Debug, Clone)]
pub struct Backoff {
    first: Duration,
    max: Duration,
    next: Duration,
}

impl Backoff {
    pub fn new(first: Duration, max: Duration) -> Self {
        Self {
            first,
            max,
            next: first,
        }
    }

    /// The delay before the next attempt.
    pub fn next_delay(&mut self) -> Duration {
        let delay = self.next;
        self.next = (self.next * 2).min(self.max);
        delay
    }

    pub fn reset(&mut self) {
        self.next = self.first;
    }
}

impl Default for Backoff {
    fn default() -> Self {
        Self::new(Duration::from_secs(5), Duration::from_secs(300))
    }
}

/// A task that is aborted when its handle is dropped.
struct Owned(JoinHandle<()>);

impl Drop for Owned {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Runs the accounts' loops until the command channel closes.
pub async fn run<W: Work>(
    work: W,
    accounts: Vec<String>,
    mut commands: mpsc::UnboundedReceiver<Command>,
    events: Events,
    backoff: Backoff,
) {
    let mut loops: HashMap<String, (Owned, mpsc::UnboundedSender<Round>)> = HashMap::new();
    let start = |name: String, loops: &mut HashMap<_, _>| {
        let (nudge, nudges) = mpsc::unbounded_channel();
        let task = tokio::spawn(account_loop(
            work.clone(),
            name.clone(),
            events.clone(),
            nudges,
            backoff.clone(),
        ));
        // Replacing the entry drops (and so aborts) an older loop of the same account.
        loops.insert(name, (Owned(task), nudge));
    };
    for name in accounts {
        start(name, &mut loops);
    }
    while let Some(command) = commands.recv().await {
        match command {
            Command::Start(name) => start(name, &mut loops),
            Command::Stop(name) => {
                loops.remove(&name);
            }
            Command::SyncNow(None) => {
                for (_, nudge) in loops.values() {
                    let _ = nudge.send(Round::Full);
                }
            }
            Command::SyncNow(Some(name)) => {
                if let Some((_, nudge)) = loops.get(&name) {
                    let _ = nudge.send(Round::Full);
                }
            }
            Command::Changed(name) => {
                if let Some((_, nudge)) = loops.get(&name) {
                    let _ = nudge.send(Round::Changes);
                }
            }
        }
    }
}

async fn account_loop<W: Work>(
    work: W,
    account: String,
    events: Events,
    mut nudges: mpsc::UnboundedReceiver<Round>,
    mut backoff: Backoff,
) {
    let mut push: Option<Owned> = None;
    let mut round = Round::Full;
    loop {
        let wait = match work.sync(&account, round, &events).await {
            Ok(()) => {
                backoff.reset();
                if push.as_ref().is_none_or(|p| p.0.is_finished()) {
                    push = Some(Owned(tokio::spawn(work.push(&account, &events))));
                }
                work.interval(&account)
            }
            Err(ErrorKind::Auth | ErrorKind::Tls | ErrorKind::Usage) => None,
            Err(_) => Some(backoff.next_delay()),
        };
        // Asked for during that round: another round at once, or a change made after the
        // replay would wait for the next interval.
        let mut pending: Option<Round> = None;
        while let Ok(r) = nudges.try_recv() {
            pending = pending.max(Some(r));
        }
        round = match pending {
            Some(r) => r,
            None => {
                let sleep = async {
                    match wait {
                        Some(delay) => tokio::time::sleep(delay).await,
                        None => std::future::pending().await,
                    }
                };
                tokio::select! {
                    () = sleep => Round::Full,
                    nudge = nudges.recv() => match nudge {
                        Some(r) => r,
                        None => return,
                    },
                }
            }
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::events::Event;
    use std::sync::{Arc, Mutex};

    #[test]
    fn backoff_doubles_up_to_the_cap_and_resets() {
        let mut b = Backoff::new(Duration::from_secs(5), Duration::from_secs(30));
        let delays: Vec<u64> = (0..5).map(|_| b.next_delay().as_secs()).collect();
        assert_eq!(delays, vec![5, 10, 20, 30, 30]);
        b.reset();
        assert_eq!(b.next_delay().as_secs(), 5);
    }

    /// A server that is unreachable for the first `down` rounds, then fine; push starts
    /// counted and never gives up.
    #[derive(Clone)]
    struct Script {
        down: Arc<Mutex<u32>>,
        rounds: Arc<Mutex<Vec<Round>>>,
        pushes: Arc<Mutex<u32>>,
        refuse_login: bool,
        interval: Option<Duration>,
    }

    impl Script {
        fn new(down: u32) -> Self {
            Self {
                down: Arc::new(Mutex::new(down)),
                rounds: Arc::new(Mutex::new(Vec::new())),
                pushes: Arc::new(Mutex::new(0)),
                refuse_login: false,
                interval: None,
            }
        }

        fn rounds(&self) -> Vec<Round> {
            self.rounds.lock().unwrap().clone()
        }
    }

    impl Work for Script {
        async fn sync(
            &self,
            account: &str,
            round: Round,
            events: &Events,
        ) -> Result<(), ErrorKind> {
            self.rounds.lock().unwrap().push(round);
            events.emit(Event::SyncStarted {
                account: account.into(),
            });
            if self.refuse_login {
                events.emit(Event::Error {
                    account: account.into(),
                    message: "password refused".into(),
                });
                return Err(ErrorKind::Auth);
            }
            let down = {
                let mut down = self.down.lock().unwrap();
                let was = *down;
                *down = down.saturating_sub(1);
                was > 0
            };
            if down {
                events.emit(Event::Offline {
                    account: account.into(),
                    reason: "no route to host".into(),
                });
                return Err(ErrorKind::Network);
            }
            events.emit(Event::SyncFinished {
                account: account.into(),
            });
            Ok(())
        }

        fn push(&self, _: &str, _: &Events) -> impl Future<Output = ()> + Send + 'static {
            *self.pushes.lock().unwrap() += 1;
            std::future::pending()
        }

        fn interval(&self, _: &str) -> Option<Duration> {
            self.interval
        }
    }

    async fn next(rx: &mut mpsc::UnboundedReceiver<Event>) -> Event {
        tokio::time::timeout(Duration::from_secs(100_000), rx.recv())
            .await
            .expect("an event")
            .expect("the channel is open")
    }

    fn spawn(
        script: &Script,
        backoff: Backoff,
    ) -> (
        mpsc::UnboundedSender<Command>,
        mpsc::UnboundedReceiver<Event>,
        JoinHandle<()>,
    ) {
        let (events, rx) = Events::channel();
        let (commands, command_rx) = mpsc::unbounded_channel();
        let runner = tokio::spawn(run(
            script.clone(),
            vec!["Work".into()],
            command_rx,
            events,
            backoff,
        ));
        (commands, rx, runner)
    }

    #[tokio::test(start_paused = true)]
    async fn offline_rounds_retry_with_backoff_then_push_starts_and_nudges_sync() {
        let mut script = Script::new(2);
        script.interval = Some(Duration::from_secs(600));
        let (commands, mut rx, runner) = spawn(
            &script,
            Backoff::new(Duration::from_secs(5), Duration::from_secs(60)),
        );
        for _ in 0..2 {
            assert!(matches!(next(&mut rx).await, Event::SyncStarted { .. }));
            assert!(matches!(next(&mut rx).await, Event::Offline { .. }));
        }
        assert_eq!(
            *script.pushes.lock().unwrap(),
            0,
            "push before a good round"
        );
        assert!(matches!(next(&mut rx).await, Event::SyncStarted { .. }));
        assert!(matches!(next(&mut rx).await, Event::SyncFinished { .. }));
        // The interval brings a full round.
        assert!(matches!(next(&mut rx).await, Event::SyncStarted { .. }));
        assert!(matches!(next(&mut rx).await, Event::SyncFinished { .. }));
        assert_eq!(*script.pushes.lock().unwrap(), 1, "push started once");
        // A change: a short round.
        commands.send(Command::Changed("Work".into())).unwrap();
        assert!(matches!(next(&mut rx).await, Event::SyncStarted { .. }));
        assert!(matches!(next(&mut rx).await, Event::SyncFinished { .. }));
        assert_eq!(
            script.rounds(),
            vec![
                Round::Full,
                Round::Full,
                Round::Full,
                Round::Full,
                Round::Changes
            ]
        );
        // Stopped: no more rounds.
        commands.send(Command::Stop("Work".into())).unwrap();
        commands.send(Command::SyncNow(None)).unwrap();
        drop(commands);
        runner.await.unwrap();
        assert_eq!(script.rounds().len(), 5);
    }

    #[tokio::test(start_paused = true)]
    async fn a_nudge_while_offline_retries_at_once() {
        let script = Script::new(1);
        // A retry delay far longer than the test waits.
        let (commands, mut rx, _runner) = spawn(
            &script,
            Backoff::new(Duration::from_secs(100_000), Duration::from_secs(100_000)),
        );
        assert!(matches!(next(&mut rx).await, Event::SyncStarted { .. }));
        assert!(matches!(next(&mut rx).await, Event::Offline { .. }));
        commands.send(Command::Changed("Work".into())).unwrap();
        let started = tokio::time::Instant::now();
        assert!(matches!(next(&mut rx).await, Event::SyncStarted { .. }));
        assert!(matches!(next(&mut rx).await, Event::SyncFinished { .. }));
        assert!(started.elapsed() < Duration::from_secs(100_000));
        assert_eq!(script.rounds(), vec![Round::Full, Round::Changes]);
    }

    #[tokio::test(start_paused = true)]
    async fn a_refused_login_waits_for_the_user() {
        let mut script = Script::new(0);
        script.refuse_login = true;
        let (commands, mut rx, _runner) = spawn(
            &script,
            Backoff::new(Duration::from_secs(1), Duration::from_secs(1)),
        );
        assert!(matches!(next(&mut rx).await, Event::SyncStarted { .. }));
        assert!(matches!(next(&mut rx).await, Event::Error { .. }));
        // A whole day passes: no retry on its own.
        tokio::time::sleep(Duration::from_secs(86_400)).await;
        assert!(rx.try_recv().is_err());
        assert_eq!(script.rounds().len(), 1);
        // The user asks: it tries again.
        commands
            .send(Command::SyncNow(Some("Work".into())))
            .unwrap();
        assert!(matches!(next(&mut rx).await, Event::SyncStarted { .. }));
        assert_eq!(script.rounds().len(), 2);
    }
}
