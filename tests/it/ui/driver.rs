// Each test module uses the helpers it needs; not every one uses all of them.
#![allow(dead_code)]

//! Drives the real window state headless: iced_test's simulator for clicks, typing and
//! snapshots, and a small runtime of our own for what iced would run in the background —
//! the Tasks `update` returns and the Subscriptions (engine events, keyboard, autosave).
//!
//! The simulator borrows the view, so every interaction builds the view, acts on it, drops
//! it and then feeds the produced messages to `App::update`, as the real runtime does.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use iced::futures::StreamExt;
use iced::futures::channel::mpsc;
use iced::futures::stream::{BoxStream, SelectAll};
use iced::{Size, Theme};
use iced_test::futures::subscription::{self, Tracker};
use iced_test::runtime::Action;
use iced_test::runtime::task;
use iced_test::selector::Candidate;
use iced_test::{Selector, Simulator};

use tidings::engine::Profile;
use tidings::ui::app::{App, Launch, Message};

/// The window size the tests use.
pub const SIZE: Size = Size::new(1200.0, 760.0);

/// How long a test waits for a condition before it fails: real servers answer well within.
pub const PATIENCE: Duration = Duration::from_secs(90);

pub struct Ui {
    pub app: App,
    runtime: tokio::runtime::Runtime,
    tasks: SelectAll<BoxStream<'static, Action<Message>>>,
    tracker: Tracker,
    from_subscriptions: mpsc::Receiver<Message>,
    to_app: mpsc::Sender<Message>,
    /// Key presses the window has handled, so a test waits for each before the next.
    keys_handled: usize,
}

impl Ui {
    /// The window over a profile, booted: the profile is open once this returns.
    pub fn open(profile: &Path) -> Self {
        Self::launch(profile, Launch::Mailbox)
    }

    /// The window started for a link or a file, as `tidings TARGET` starts it.
    pub fn launch(profile: &Path, launch: Launch) -> Self {
        pin_time_zone();
        // The Secret Service `tests/run` starts, as the binary's main uses it.
        tidings::engine::credentials::use_platform_store();
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("tokio runtime");
        let (app, boot) = {
            let _guard = runtime.enter();
            App::launch(Profile::under(profile), launch)
        };
        let (to_app, from_subscriptions) = mpsc::channel(1000);
        let mut ui = Self {
            app,
            runtime,
            tasks: SelectAll::new(),
            tracker: Tracker::new(),
            from_subscriptions,
            to_app,
            keys_handled: 0,
        };
        ui.run_task(boot);
        ui.resubscribe();
        ui.wait_until("the profile opens", |app| app.engine().is_some());
        ui
    }

    fn run_task(&mut self, task: iced::Task<Message>) {
        if let Some(stream) = task::into_stream(task) {
            self.tasks.push(stream);
        }
    }

    /// Feeds one message to the window, as the runtime would.
    pub fn update(&mut self, message: Message) {
        if matches!(message, Message::Key(..)) {
            self.keys_handled += 1;
        }
        let task = {
            let _guard = self.runtime.enter();
            self.app.update(message)
        };
        self.run_task(task);
        self.resubscribe();
    }

    fn resubscribe(&mut self) {
        // Streams are built here (a timer needs the runtime), as iced's runtime does.
        let _guard = self.runtime.enter();
        let recipes = subscription::into_recipes(self.app.subscription());
        let spawn = self
            .tracker
            .update(recipes.into_iter(), self.to_app.clone());
        for future in spawn {
            self.runtime.spawn(future);
        }
    }

    /// Runs background work for a moment: finished tasks and subscription messages are fed
    /// to the window. Returns whether anything happened.
    fn pump(&mut self, quiet: Duration) -> bool {
        let next = self.runtime.block_on(async {
            let task = async {
                if self.tasks.is_empty() {
                    std::future::pending::<()>().await;
                }
                self.tasks.next().await
            };
            tokio::select! {
                action = task => action.map(Step::Action),
                message = self.from_subscriptions.next() => message.map(Step::Message),
                _ = tokio::time::sleep(quiet) => None,
            }
        });
        match next {
            Some(Step::Action(Action::Output(message))) | Some(Step::Message(message)) => {
                self.update(message);
                true
            }
            // Widget operations (focus, scroll) act on widget state the simulator rebuilds
            // for every interaction; window and system actions have no window here.
            Some(Step::Action(_)) => true,
            None => false,
        }
    }

    /// Runs background work until nothing has happened for a short while.
    pub fn settle(&mut self) {
        self.settle_for(Duration::from_millis(150));
    }

    /// Runs background work until nothing has happened for `quiet`.
    pub fn settle_for(&mut self, quiet: Duration) {
        let deadline = Instant::now() + PATIENCE;
        while self.pump(quiet) {
            assert!(Instant::now() < deadline, "the window never became idle");
        }
    }

    /// Waits until no account is at work and nothing has happened for a while: what a
    /// snapshot needs to show the same thing every time.
    pub fn quiesce(&mut self) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            self.wait_until("the accounts are idle", |app| {
                app.status().activity().is_none()
            });
            self.settle_for(Duration::from_millis(600));
            if self.app.status().activity().is_none() {
                return;
            }
            assert!(Instant::now() < deadline, "the accounts never became idle");
        }
    }

    /// Runs background work until `done` holds.
    pub fn wait_until(&mut self, what: &str, done: impl Fn(&App) -> bool) {
        let deadline = Instant::now() + PATIENCE;
        while !done(&self.app) {
            assert!(
                Instant::now() < deadline,
                "timed out waiting until {what}; the window shows:\n{}",
                self.texts().join(" | ")
            );
            self.pump(Duration::from_millis(100));
        }
    }

    /// Runs background work until something outside the window holds (a server's state).
    pub fn wait_for_world(&mut self, what: &str, done: impl Fn() -> bool) {
        let deadline = Instant::now() + PATIENCE;
        while !done() {
            assert!(
                Instant::now() < deadline,
                "timed out waiting until {what}; the window shows:\n{}",
                self.texts().join(" | ")
            );
            self.pump(Duration::from_millis(200));
        }
    }

    /// Runs background work until the window shows `text`.
    pub fn wait_for_text(&mut self, text: &str) {
        let deadline = Instant::now() + PATIENCE;
        while !self.has(text) {
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {text:?}; the window shows:\n{}",
                self.texts().join(" | ")
            );
            self.pump(Duration::from_millis(100));
        }
    }

    fn simulator(&self) -> Simulator<'_, Message, Theme, iced::Renderer> {
        Simulator::with_size(tidings::ui::settings(), SIZE, self.app.view())
    }

    /// Whether some text or input on screen reads exactly `text`.
    pub fn has(&self, text: &str) -> bool {
        self.simulator().find(text).is_ok()
    }

    /// Every text on screen, in order, for assertions and failure messages.
    pub fn texts(&self) -> Vec<String> {
        let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let _ = self.simulator().find(Texts(seen.clone()));
        seen.lock().map(|t| t.clone()).unwrap_or_default()
    }

    /// Whether some text on screen contains `part`.
    pub fn shows(&self, part: &str) -> bool {
        self.texts().iter().any(|t| t.contains(part))
    }

    /// Runs background work until some text on screen contains `part`.
    pub fn wait_for(&mut self, part: &str) {
        let deadline = Instant::now() + PATIENCE;
        while !self.shows(part) {
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {part:?}; the window shows:\n{}",
                self.texts().join(" | ")
            );
            self.pump(Duration::from_millis(100));
        }
    }

    /// Clicks the widget showing `text`, then lets the window react.
    pub fn click(&mut self, text: &str) {
        let messages = self.messages_of_click(text);
        self.apply(messages);
    }

    /// What clicking the widget showing `text` makes the window do, not yet fed to it.
    fn messages_of_click(&self, text: &str) -> Vec<Message> {
        let mut sim = self.simulator();
        if let Err(e) = sim.click(text) {
            panic!(
                "cannot click {text:?}: {e}; the window shows:\n{}",
                self.texts().join(" | ")
            );
        }
        sim.into_messages().collect()
    }

    /// Clicks the widget showing `text` and feeds the window what the click produced, but
    /// runs no background work: the next `wait_for` sees each state the window passes
    /// through, even one that lasts only as long as a fast server takes to answer.
    pub fn click_only(&mut self, text: &str) {
        for message in self.messages_of_click(text) {
            self.update(message);
        }
    }

    /// Clicks the last widget showing exactly `text`: the one on top when a dialog covers
    /// the window.
    pub fn click_last(&mut self, text: &str) {
        let found = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let messages = {
            let mut sim = self.simulator();
            let _ = sim.find(Bounds(text.to_owned(), found.clone()));
            let Some(center) = found.lock().ok().and_then(|f| f.last().copied()) else {
                panic!("nothing shows {text:?}: {}", self.texts().join(" | "));
            };
            sim.point_at(center);
            let _ = sim.simulate(iced_test::simulator::click());
            sim.into_messages().collect::<Vec<_>>()
        };
        self.apply(messages);
    }

    /// The centre of the first visible text reading exactly `text`.
    fn centre_of(&self, text: &str) -> iced::Point {
        let found = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let _ = self
            .simulator()
            .find(Bounds(text.to_owned(), found.clone()));
        let centre = found.lock().ok().and_then(|f| f.first().copied());
        centre.unwrap_or_else(|| panic!("nothing shows {text:?}: {}", self.texts().join(" | ")))
    }

    /// Presses the mouse on the text `from`, moves it onto the text `to` and lets go there,
    /// as a person drags a message onto a folder.
    pub fn drag(&mut self, from: &str, to: &str) {
        use iced::mouse::{Button, Event as Mouse};
        let (a, b) = (self.centre_of(from), self.centre_of(to));
        let pressed = {
            let mut sim = self.simulator();
            sim.point_at(a);
            let _ = sim.simulate([
                iced::Event::Mouse(Mouse::CursorMoved { position: a }),
                iced::Event::Mouse(Mouse::ButtonPressed(Button::Left)),
            ]);
            sim.into_messages().collect::<Vec<_>>()
        };
        self.apply(pressed);
        // The window is drawn anew while dragging (the folders light up): move over it.
        let released = {
            let mut sim = self.simulator();
            sim.point_at(a);
            let _ = sim.simulate([iced::Event::Mouse(Mouse::CursorMoved { position: a })]);
            sim.point_at(b);
            let _ = sim.simulate([
                iced::Event::Mouse(Mouse::CursorMoved { position: b }),
                iced::Event::Mouse(Mouse::ButtonReleased(Button::Left)),
            ]);
            sim.into_messages().collect::<Vec<_>>()
        };
        self.apply(released);
        // The release reaches the window everywhere, as its subscription hears it.
        self.update(Message::MouseReleased);
        self.settle();
    }

    /// How many texts on screen read exactly `text`.
    pub fn count(&self, text: &str) -> usize {
        self.texts().iter().filter(|t| *t == text).count()
    }

    /// Clicks the widget with this id (an input), then types `text` into it.
    pub fn type_into(&mut self, id: &'static str, text: &str) {
        let messages = {
            let mut sim = self.simulator();
            if let Err(e) = sim.click(iced::widget::Id::new(id)) {
                panic!("cannot click the field {id}: {e}");
            }
            let _ = sim.typewrite(text);
            sim.into_messages().collect::<Vec<_>>()
        };
        self.apply(messages);
    }

    /// Clicks the input with this id, selects all it holds and types `text` over it.
    pub fn replace_in(&mut self, id: &'static str, text: &str) {
        use iced::keyboard::{Event as Key, Key as K, Location, Modifiers, key::Physical};
        let select_all = iced::Event::Keyboard(Key::KeyPressed {
            key: K::Character("a".into()),
            modified_key: K::Character("a".into()),
            physical_key: Physical::Unidentified(iced::keyboard::key::NativeCode::Unidentified),
            location: Location::Standard,
            modifiers: Modifiers::CTRL,
            text: None,
            repeat: false,
        });
        let messages = {
            let mut sim = self.simulator();
            if let Err(e) = sim.click(iced::widget::Id::new(id)) {
                panic!("cannot click the field {id}: {e}");
            }
            // Text inputs read modifiers from the ModifiersChanged events, as from a keyboard.
            let _ = sim.simulate([
                iced::Event::Keyboard(Key::ModifiersChanged(Modifiers::CTRL)),
                select_all,
                iced::Event::Keyboard(Key::ModifiersChanged(Modifiers::empty())),
            ]);
            let _ = sim.typewrite(text);
            sim.into_messages().collect::<Vec<_>>()
        };
        self.apply(messages);
    }

    /// Clicks the input with this id and presses Enter in it.
    pub fn submit(&mut self, id: &'static str) {
        use iced::keyboard::{Key, key::Named};
        let messages = {
            let mut sim = self.simulator();
            if let Err(e) = sim.click(iced::widget::Id::new(id)) {
                panic!("cannot click the field {id}: {e}");
            }
            let _ = sim.tap_key(Key::Named(Named::Enter));
            sim.into_messages().collect::<Vec<_>>()
        };
        self.apply(messages);
    }

    /// Presses and releases a key where no widget takes it: a keyboard shortcut.
    pub fn key(&mut self, key: iced::keyboard::Key) {
        let event = iced_test::simulator::press_key(key, None);
        self.tracker.broadcast(subscription::Event::Interaction {
            window: iced::window::Id::unique(),
            event,
            status: iced::event::Status::Ignored,
        });
        // The press reaches the window through its subscription: wait until it has.
        let before = self.keys_handled;
        let deadline = Instant::now() + PATIENCE;
        while self.keys_handled == before {
            assert!(Instant::now() < deadline, "the key press never arrived");
            self.pump(Duration::from_millis(50));
        }
        self.settle();
    }

    /// Drops a file on the window.
    pub fn drop_file(&mut self, path: &Path) {
        self.tracker.broadcast(subscription::Event::Interaction {
            window: iced::window::Id::unique(),
            event: iced::Event::Window(iced::window::Event::FileDropped(path.to_path_buf())),
            status: iced::event::Status::Ignored,
        });
        self.settle();
    }

    fn apply(&mut self, messages: Vec<Message>) {
        for message in messages {
            self.update(message);
        }
        self.settle();
    }

    /// Renders the window with tiny-skia and compares it with `tests/snapshots/NAME-*.png`.
    /// A missing image is written (look at it, then commit it); `TIDINGS_UPDATE_SNAPSHOTS=1`
    /// rewrites them after a deliberate change of the look.
    pub fn snapshot(&self, name: &str, theme: &Theme) {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
        let path = dir.join(format!("{name}.png"));
        wait_for_utc();
        let mut sim = self.simulator();
        let snapshot = sim.snapshot(theme).expect("render a snapshot");
        if std::env::var_os("TIDINGS_UPDATE_SNAPSHOTS").is_some() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let file = entry.file_name().to_string_lossy().into_owned();
                if file.starts_with(&format!("{name}-")) {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
        let same = snapshot.matches_image(&path).expect("compare the snapshot");
        // A copy of what was rendered, to look at when it differs (iced_test appends the
        // renderer's name to the file name).
        let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
        let seen = tmp.join(format!("{name}-{}.png", renderer_name(&snapshot)));
        let _ = std::fs::remove_file(&seen);
        let _ = snapshot.matches_image(tmp.join(format!("{name}.png")));
        assert!(
            same,
            "the window no longer looks like tests/snapshots/{name}-*.png; see {} (rerun \
             with TIDINGS_UPDATE_SNAPSHOTS=1 if the change is meant)",
            seen.display()
        );
    }
}

/// Snapshots show local times (the reader's date, the list's): the window tests run in UTC
/// so an image does not depend on the machine's zone, with or without `tests/run` (which
/// exports `TZ=UTC` as well).
fn pin_time_zone() {
    static PINNED: std::sync::Once = std::sync::Once::new();
    PINNED.call_once(|| {
        if std::env::var("TZ").as_deref() != Ok("UTC") {
            // SAFETY: set once, before this test starts its window and runtime. Under
            // nextest every test is its own process; under `cargo test` another test's
            // thread could read the environment through libc meanwhile, and every test of
            // the window wants this same value.
            unsafe { std::env::set_var("TZ", "UTC") };
        }
    });
}

/// chrono keeps a thread's zone for up to a second before it reads `TZ` again: a time
/// formatted just before `pin_time_zone` would still be in the old zone. Waits until this
/// thread sees UTC in winter and in summer.
fn wait_for_utc() {
    use chrono::{Local, Offset, TimeZone, Utc};
    let utc = |month| {
        let date = Utc
            .with_ymd_and_hms(2024, month, 1, 12, 0, 0)
            .unwrap()
            .naive_utc();
        Local
            .offset_from_utc_datetime(&date)
            .fix()
            .local_minus_utc()
            == 0
    };
    let deadline = Instant::now() + Duration::from_secs(5);
    while !(utc(1) && utc(7)) {
        assert!(
            Instant::now() < deadline,
            "snapshots need the time zone UTC (TZ={:?})",
            std::env::var("TZ")
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

enum Step {
    Action(Action<Message>),
    Message(Message),
}

/// Collects every text and input value on screen, in order; selects nothing.
struct Texts(std::sync::Arc<std::sync::Mutex<Vec<String>>>);

impl Selector for Texts {
    type Output = ();

    fn select(&mut self, candidate: Candidate<'_>) -> Option<()> {
        let text = match candidate {
            Candidate::Text { content, .. } => content.to_owned(),
            Candidate::TextInput { state, .. } => state.text().to_owned(),
            _ => return None,
        };
        if let Ok(mut all) = self.0.lock() {
            all.push(text);
        }
        None
    }

    fn description(&self) -> String {
        "every text".into()
    }
}

/// Collects the centres of every visible text reading exactly `.0`; selects nothing.
struct Bounds(String, std::sync::Arc<std::sync::Mutex<Vec<iced::Point>>>);

impl Selector for Bounds {
    type Output = ();

    fn select(&mut self, candidate: Candidate<'_>) -> Option<()> {
        if let Candidate::Text {
            content,
            visible_bounds: Some(bounds),
            ..
        } = candidate
            && content == self.0
            && let Ok(mut all) = self.1.lock()
        {
            all.push(bounds.center());
        }
        None
    }

    fn description(&self) -> String {
        format!("every text == {:?}", self.0)
    }
}

/// Selects the first text that contains a part.
pub struct Containing(pub String);

impl Selector for Containing {
    type Output = iced_test::selector::Text;

    fn select(&mut self, candidate: Candidate<'_>) -> Option<Self::Output> {
        match candidate {
            Candidate::Text {
                id,
                bounds,
                visible_bounds,
                content,
            } if content.contains(&self.0) => Some(iced_test::selector::Text::Raw {
                id: id.cloned(),
                bounds,
                visible_bounds,
            }),
            _ => None,
        }
    }

    fn description(&self) -> String {
        format!("text containing {:?}", self.0)
    }
}

/// The renderer a snapshot was drawn with, as iced_test names its files.
fn renderer_name(snapshot: &iced_test::simulator::Snapshot) -> String {
    // The name is private to iced_test; it shows in the Debug output.
    let debug = format!("{snapshot:?}");
    debug
        .rsplit("renderer: \"")
        .next()
        .and_then(|rest| rest.split('"').next())
        .unwrap_or("tiny-skia")
        .to_owned()
}

/// Waits until a future is ready on a runtime, with the usual patience.
pub fn block_on<T>(ui: &Ui, future: impl std::future::Future<Output = T>) -> T {
    // The timer is made inside the runtime: it needs its reactor.
    ui.runtime
        .block_on(async { tokio::time::timeout(PATIENCE, future).await })
        .expect("in time")
}
