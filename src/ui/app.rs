//! The top of the window: which screen is shown, what lies over it, and routing between them.
//!
//! `update` only dispatches: each screen handles its own messages and reports what the
//! window must do through its `Event`s. Engine events arrive through [`App::subscription`];
//! every engine call runs as a Task, so the window never waits on the network or the disk.

use std::path::PathBuf;

use iced::keyboard::{self, Key, Modifiers};
use iced::widget::{center, column, container, mouse_area, opaque, row, stack, text};
use iced::{Element, Length, Subscription, Task, Theme, event, window};

use crate::engine::Profile;
use crate::engine::events::Event as EngineEvent;
use crate::engine::handle::{Engine, Failure};
use crate::engine::mailto::MailtoDraft;
use crate::tr;
use crate::ui::preferences::Preferences;
use crate::ui::screen::{composer, help, mailbox, message_file, password, settings, wizard};
use crate::ui::shortcuts::{self, Shortcut};
use crate::ui::theme;
use crate::ui::widget::status_bar::Status;

/// What the window was started for.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Launch {
    /// The mailbox (or the setup wizard on the first run).
    #[default]
    Mailbox,
    /// A `mailto:` link: the composer, filled in from it, over the mailbox.
    Mailto(Box<MailtoDraft>),
    /// A message file: shown alone in a reader, nothing stored.
    File(PathBuf),
}

pub struct App {
    profile: Profile,
    /// What the window was started for, until it is done.
    launch: Launch,
    prefs: Preferences,
    engine: Option<Engine>,
    screen: Screen,
    /// The composer, over the list and the reader while it is open.
    composer: Option<composer::Composer>,
    /// Settings, over everything while open.
    settings: Option<settings::Settings>,
    help: bool,
    /// The password asked for, over everything while open.
    password: Option<password::Prompt>,
    /// Accounts waiting for their password to be asked for, with the reason, in order.
    password_queue: Vec<(String, String)>,
    /// Accounts whose password the user declined to give in this run: not asked again.
    password_declined: std::collections::HashSet<String>,
    status: Status,
}

enum Screen {
    /// The profile is being opened.
    Opening,
    /// The profile could not be opened; the reason in words.
    Broken(String),
    Wizard(Box<wizard::Wizard>),
    Mailbox(Box<mailbox::Mailbox>),
    /// A message file opened from the disk.
    File(Box<message_file::MessageFile>),
}

#[derive(Debug, Clone)]
pub enum Message {
    Opened(Box<Result<Engine, Failure>>),
    Wizard(wizard::Message),
    Mailbox(mailbox::Message),
    File(message_file::Message),
    Composer(composer::Message),
    Settings(settings::Message),
    Help(help::Message),
    Password(password::Message),
    /// Something the engine reported.
    Engine(EngineEvent),
    Key(Key, Modifiers),
    FileDropped(PathBuf),
    /// The mouse button went up anywhere: a drag that did not end on a folder ends here.
    MouseReleased,
    /// The desktop notification for new mail was shown (or could not be).
    Notified,
}

impl App {
    /// The window for a profile, and the task that opens it.
    pub fn new(profile: Profile) -> (Self, Task<Message>) {
        Self::launch(profile, Launch::Mailbox)
    }

    /// The window for a profile started for `launch` (a link, a file), and the task that
    /// opens the profile.
    pub fn launch(profile: Profile, launch: Launch) -> (Self, Task<Message>) {
        let prefs = Preferences::load(&profile.settings_file());
        prefs.apply_language();
        let open = Task::perform(Engine::open(profile.clone()), |r| {
            Message::Opened(Box::new(r))
        });
        (
            Self {
                profile,
                launch,
                prefs,
                engine: None,
                screen: Screen::Opening,
                composer: None,
                settings: None,
                help: false,
                password: None,
                password_queue: Vec::new(),
                password_declined: std::collections::HashSet::new(),
                status: Status::default(),
            },
            open,
        )
    }

    pub fn title(&self) -> String {
        match &self.screen {
            Screen::File(file) => tr!(
                "app-title-file",
                file = file
                    .path()
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            ),
            _ => tr!("app-name"),
        }
    }

    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// The theme to force; none follows the system's light or dark setting.
    pub fn theme(&self) -> Option<Theme> {
        self.prefs.appearance.theme()
    }

    pub fn status(&self) -> &Status {
        &self.status
    }

    pub fn engine(&self) -> Option<&Engine> {
        self.engine.as_ref()
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Opened(result) => self.opened(*result),
            Message::Wizard(m) => self.wizard(m),
            Message::Mailbox(m) => self.mailbox(m),
            Message::File(m) => match (&mut self.screen, &self.engine) {
                (Screen::File(file), Some(engine)) => file.update(engine, m).map(Message::File),
                _ => Task::none(),
            },
            Message::Composer(m) => self.composer(m),
            Message::Settings(m) => self.settings(m),
            Message::Help(m) => match help::update(m) {
                help::Event::Close => {
                    self.help = false;
                    Task::none()
                }
            },
            Message::Password(m) => self.password(m),
            Message::Engine(event) => self.engine_event(event),
            Message::Key(key, modifiers) => match shortcuts::shortcut(&key, modifiers) {
                Some(shortcut) => self.shortcut(shortcut),
                None => Task::none(),
            },
            Message::FileDropped(path) => match (&mut self.composer, &self.engine) {
                (Some(composer), Some(engine)) => {
                    composer.attach(engine, path).map(Message::Composer)
                }
                _ => Task::none(),
            },
            Message::MouseReleased => {
                self.forward_mailbox(|m, e| m.update(e, mailbox::Message::DragEnded))
            }
            Message::Notified => Task::none(),
        }
    }

    fn opened(&mut self, result: Result<Engine, Failure>) -> Task<Message> {
        match result {
            Ok(engine) => {
                if let Launch::File(path) = &self.launch {
                    let (file, task) = message_file::MessageFile::new(path.clone());
                    self.launch = Launch::Mailbox;
                    self.screen = Screen::File(Box::new(file));
                    self.engine = Some(engine);
                    return task.map(Message::File);
                }
                let accounts = engine.accounts();
                let task = if accounts.is_empty() {
                    self.screen = Screen::Wizard(Box::new(wizard::Wizard::new(
                        false,
                        Vec::new(),
                        self.prefs.discover.clone(),
                    )));
                    Task::none()
                } else {
                    let (mailbox, task) = mailbox::Mailbox::new(&engine);
                    self.screen = Screen::Mailbox(Box::new(mailbox));
                    task.map(Message::Mailbox)
                };
                // The status bar starts with what waits from an earlier run.
                let outbox = Task::perform(engine.clone().outbox_waiting(), |r| {
                    Message::Engine(EngineEvent::Outbox {
                        waiting: r.unwrap_or(0),
                    })
                });
                let queued = Task::perform(engine.clone().queued_changes(), |r| {
                    Message::Mailbox(mailbox::Message::Queued(r.unwrap_or(0)))
                });
                self.engine = Some(engine);
                let link = self.pending_link();
                Task::batch([task, outbox, queued, link])
            }
            Err(failure) => {
                self.screen = Screen::Broken(failure.message);
                Task::none()
            }
        }
    }

    fn wizard(&mut self, message: wizard::Message) -> Task<Message> {
        let (Screen::Wizard(wizard), Some(engine)) = (&mut self.screen, &self.engine) else {
            return Task::none();
        };
        let (task, event) = wizard.update(engine, message);
        let task = task.map(Message::Wizard);
        match event {
            None => task,
            Some(wizard::Event::Added(account)) => {
                let engine = engine.clone();
                engine.start_account(&account.name);
                let (mailbox, open) = mailbox::Mailbox::new(&engine);
                self.screen = Screen::Mailbox(Box::new(mailbox));
                let link = self.pending_link();
                Task::batch([task, open.map(Message::Mailbox), link])
            }
            Some(wizard::Event::Cancelled) => {
                let Some(engine) = &self.engine else {
                    return task;
                };
                let (mailbox, open) = mailbox::Mailbox::new(engine);
                self.screen = Screen::Mailbox(Box::new(mailbox));
                Task::batch([task, open.map(Message::Mailbox)])
            }
        }
    }

    /// The composer for the `mailto:` link the window was started with, once the mailbox
    /// shows (after the setup wizard on a first run).
    fn pending_link(&mut self) -> Task<Message> {
        if !matches!(self.screen, Screen::Mailbox(_)) {
            return Task::none();
        }
        match std::mem::take(&mut self.launch) {
            Launch::Mailto(link) => self.open_composer(composer::Start::Mailto(link)),
            other => {
                self.launch = other;
                Task::none()
            }
        }
    }

    fn mailbox(&mut self, message: mailbox::Message) -> Task<Message> {
        self.forward_mailbox(|mailbox, engine| mailbox.update(engine, message))
    }

    /// Runs a mailbox update and acts on what it asks of the window.
    fn forward_mailbox(
        &mut self,
        f: impl FnOnce(
            &mut mailbox::Mailbox,
            &Engine,
        ) -> (Task<mailbox::Message>, Option<mailbox::Event>),
    ) -> Task<Message> {
        let (Screen::Mailbox(mailbox), Some(engine)) = (&mut self.screen, &self.engine) else {
            return Task::none();
        };
        let (task, event) = f(mailbox, engine);
        let task = task.map(Message::Mailbox);
        let follow = match event {
            None => Task::none(),
            Some(mailbox::Event::Compose(start)) => self.open_composer(start),
            Some(mailbox::Event::OpenSettings) => self.open_settings(),
            Some(mailbox::Event::OpenHelp) => {
                self.help = true;
                Task::none()
            }
            Some(mailbox::Event::QueuedChanges(n)) => {
                self.status.set_queued_changes(n);
                Task::none()
            }
        };
        Task::batch([task, follow])
    }

    fn open_composer(&mut self, start: composer::Start) -> Task<Message> {
        let Some(engine) = &self.engine else {
            return Task::none();
        };
        if self.composer.is_some() {
            // One message at a time: the open one keeps its text.
            return Task::none();
        }
        let (composer, task) = composer::Composer::new(engine, start);
        self.composer = Some(composer);
        task.map(Message::Composer)
    }

    fn composer(&mut self, message: composer::Message) -> Task<Message> {
        let (Some(composer), Some(engine)) = (&mut self.composer, &self.engine) else {
            return Task::none();
        };
        let (task, event) = composer.update(engine, message);
        let task = task.map(Message::Composer);
        match event {
            None => task,
            Some(composer::Event::Closed) => {
                self.composer = None;
                task
            }
            Some(composer::Event::Queued) => {
                self.composer = None;
                Task::batch([task, self.refresh_mailbox()])
            }
        }
    }

    fn open_settings(&mut self) -> Task<Message> {
        let Some(engine) = &self.engine else {
            return Task::none();
        };
        self.settings = Some(settings::Settings::new(engine, self.prefs.clone()));
        Task::none()
    }

    fn settings(&mut self, message: settings::Message) -> Task<Message> {
        let (Some(settings), Some(engine)) = (&mut self.settings, &self.engine) else {
            return Task::none();
        };
        let (task, event) = settings.update(engine, message);
        let task = task.map(Message::Settings);
        match event {
            None => task,
            Some(settings::Event::Close) => {
                self.settings = None;
                task
            }
            Some(settings::Event::Preferences(prefs)) => {
                let language_changed = prefs.language != self.prefs.language;
                self.prefs = prefs;
                if language_changed {
                    self.prefs.apply_language();
                }
                let path = self.profile.settings_file();
                let prefs = self.prefs.clone();
                Task::batch([
                    task,
                    Task::future(async move {
                        if let Err(e) = tokio::task::spawn_blocking(move || prefs.save(&path)).await
                        {
                            tracing::warn!(error = %e, "settings not saved");
                        }
                        Message::Notified
                    }),
                ])
            }
            Some(settings::Event::AddAccount) => {
                self.settings = None;
                let taken = engine.accounts().into_iter().map(|a| a.name).collect();
                self.screen = Screen::Wizard(Box::new(wizard::Wizard::new(
                    true,
                    taken,
                    self.prefs.discover.clone(),
                )));
                task
            }
            Some(settings::Event::AccountsChanged { removed }) => {
                if let Some(name) = &removed {
                    self.status.forget(name);
                }
                if engine.accounts().is_empty() {
                    self.settings = None;
                    self.screen = Screen::Wizard(Box::new(wizard::Wizard::new(
                        false,
                        Vec::new(),
                        self.prefs.discover.clone(),
                    )));
                    return task;
                }
                Task::batch([task, self.refresh_mailbox()])
            }
        }
    }

    fn refresh_mailbox(&mut self) -> Task<Message> {
        self.forward_mailbox(|mailbox, engine| mailbox.update(engine, mailbox::Message::Refresh))
    }

    fn password(&mut self, message: password::Message) -> Task<Message> {
        let (Some(prompt), Some(engine)) = (&mut self.password, &self.engine) else {
            return Task::none();
        };
        let cancelled = matches!(message, password::Message::Cancel);
        let (task, event) = prompt.update(engine, message);
        if let Some(password::Event::Close) = event {
            if cancelled {
                self.password_declined.insert(prompt.account().to_owned());
            }
            self.password = None;
            self.next_password_prompt();
        }
        task.map(Message::Password)
    }

    /// Asks for an account's password, unless it is being asked for already, waits its
    /// turn, or the user declined to give it in this run.
    fn ask_password(&mut self, account: String, reason: String) {
        let asked = self
            .password
            .as_ref()
            .is_some_and(|p| p.account() == account)
            || self.password_queue.iter().any(|(a, _)| *a == account)
            || self.password_declined.contains(&account);
        if !asked {
            self.password_queue.push((account, reason));
            if self.password.is_none() {
                self.next_password_prompt();
            }
        }
    }

    fn next_password_prompt(&mut self) {
        if !self.password_queue.is_empty() {
            let (account, reason) = self.password_queue.remove(0);
            self.password = Some(password::Prompt::new(account, reason));
        }
    }

    fn engine_event(&mut self, event: EngineEvent) -> Task<Message> {
        self.status.apply(&event);
        if let EngineEvent::PasswordNeeded { account, reason } = &event {
            self.ask_password(account.clone(), reason.clone());
            return Task::none();
        }
        let notify = match &event {
            EngineEvent::NewMail {
                account,
                folder,
                count,
            } if self.prefs.notify_new_mail => {
                crate::ui::notify::new_mail(account, folder, *count).map(|()| Message::Notified)
            }
            _ => Task::none(),
        };
        let forward = self.forward_mailbox(|mailbox, engine| {
            mailbox.update(engine, mailbox::Message::Engine(event))
        });
        Task::batch([notify, forward])
    }

    fn shortcut(&mut self, shortcut: Shortcut) -> Task<Message> {
        if shortcut == Shortcut::Escape {
            if self.password.is_some() {
                return self.password(password::Message::Cancel);
            } else if self.help {
                self.help = false;
            } else if self.settings.is_some() {
                self.settings = None;
            } else if self.composer.is_some() {
                return self.composer(composer::Message::Close);
            }
            return Task::none();
        }
        if shortcut == Shortcut::Help {
            self.help = !self.help;
            return Task::none();
        }
        if self.help
            || self.settings.is_some()
            || self.composer.is_some()
            || self.password.is_some()
        {
            return Task::none();
        }
        self.forward_mailbox(|mailbox, engine| {
            mailbox.update(engine, mailbox::Message::Shortcut(shortcut))
        })
    }

    pub fn subscription(&self) -> Subscription<Message> {
        let window_events = event::listen_with(|event, status, _window| match event {
            iced::Event::Keyboard(keyboard::Event::KeyPressed { key, modifiers, .. })
                if status == event::Status::Ignored =>
            {
                Some(Message::Key(key, modifiers))
            }
            iced::Event::Window(window::Event::FileDropped(path)) => {
                Some(Message::FileDropped(path))
            }
            iced::Event::Mouse(iced::mouse::Event::ButtonReleased(iced::mouse::Button::Left)) => {
                Some(Message::MouseReleased)
            }
            _ => None,
        });
        let engine_events = match &self.engine {
            Some(engine) => {
                Subscription::run_with(engine.clone(), Engine::events).map(Message::Engine)
            }
            None => Subscription::none(),
        };
        let autosave = match &self.composer {
            Some(composer) => composer.subscription().map(Message::Composer),
            None => Subscription::none(),
        };
        Subscription::batch([window_events, engine_events, autosave])
    }

    pub fn view(&self) -> Element<'_, Message> {
        let screen: Element<'_, Message> = match &self.screen {
            Screen::Opening => center(text(tr!("app-opening")).style(theme::muted)).into(),
            Screen::Broken(reason) => center(
                column![
                    text(tr!("app-broken-title")).size(theme::HEADING_SIZE),
                    text(reason.clone()),
                ]
                .spacing(theme::SPACING * 2.0)
                .max_width(560),
            )
            .into(),
            Screen::Wizard(wizard) => wizard.view().map(Message::Wizard),
            Screen::File(file) => file.view().map(Message::File),
            Screen::Mailbox(mailbox) => {
                // The composer takes the place of the list and the reader; the folders stay.
                let main = match &self.composer {
                    Some(composer) => composer.view().map(Message::Composer),
                    None => mailbox.view_main().map(Message::Mailbox),
                };
                column![
                    mailbox.view_toolbar().map(Message::Mailbox),
                    row![mailbox.view_folders().map(Message::Mailbox), main].height(Length::Fill),
                ]
                .into()
            }
        };
        let with_status: Element<'_, Message> = match &self.screen {
            Screen::Mailbox(_) => {
                column![container(screen).height(Length::Fill), self.status.view()].into()
            }
            _ => screen,
        };
        let mut layers = stack![with_status];
        if let Some(settings) = &self.settings {
            layers = layers.push(modal(settings.view().map(Message::Settings), None));
        }
        if self.help {
            layers = layers.push(modal(
                help::view().map(Message::Help),
                Some(Message::Help(help::Message::Close)),
            ));
        }
        if let Some(prompt) = &self.password {
            layers = layers.push(modal(prompt.view().map(Message::Password), None));
        }
        layers.into()
    }
}

/// A dialog over a dimmed window; clicking the backdrop sends `on_blur` if given.
fn modal<'a>(content: Element<'a, Message>, on_blur: Option<Message>) -> Element<'a, Message> {
    let backdrop = container(center(opaque(content)))
        .width(Length::Fill)
        .height(Length::Fill)
        .style(theme::backdrop);
    let area = mouse_area(backdrop);
    let area = match on_blur {
        Some(message) => area.on_press(message),
        None => area,
    };
    opaque(area)
}
