//! The main window: folder pane, message list and reader, with the toolbar and search.

pub mod folders;
pub mod list;
pub mod reader;

use iced::widget::{button, container, pick_list, row, space, text, text_input, tooltip};
use iced::{Alignment, Element, Length, Task};

use crate::engine::events::Event as EngineEvent;
use crate::engine::handle::{Engine, Failure, FolderInfo, Row, Source};
use crate::engine::store::Role;
use crate::tr;
use crate::ui::screen::composer;
use crate::ui::shortcuts::Shortcut;
use crate::ui::theme;
use crate::ui::widget::icon::{self, Icon};

/// The id of the search box, so "/" can focus it.
fn search_id() -> iced::widget::Id {
    iced::widget::Id::new("search")
}

/// Something the user does to the selected message.
#[derive(Debug, Clone, PartialEq)]
pub enum Act {
    Reply,
    ReplyAll,
    Forward,
    Delete,
    ToggleSeen,
    ToggleFlag,
    Archive,
    MoveTo(MoveTarget),
}

/// A folder in the "move to" menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoveTarget {
    pub account: String,
    pub folder: String,
    pub label: String,
}

impl std::fmt::Display for MoveTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Engine(EngineEvent),
    /// The store changed in a way the list must show (a message sent, an account removed).
    Refresh,
    Folders(Result<Vec<FolderInfo>, Failure>),
    Folder(folders::Message),
    List(list::Message),
    Reader(reader::Message),
    SearchChanged(String),
    Search,
    ClearSearch,
    Act(Act),
    Acted(Result<(), Failure>),
    /// How many local changes wait for the server.
    Queued(u64),
    Compose,
    SyncNow,
    Settings,
    Help,
    Shortcut(Shortcut),
    DragEnded,
}

/// What the mailbox asks of the window.
pub enum Event {
    Compose(composer::Start),
    OpenSettings,
    OpenHelp,
    /// Local changes waiting for the server.
    QueuedChanges(u64),
}

pub struct Mailbox {
    /// Account name and address, in order.
    accounts: Vec<(String, String)>,
    folders: Vec<FolderInfo>,
    list: list::MessageList,
    reader: reader::Reader,
    search: String,
    /// The message being dragged, if any.
    dragging: Option<Row>,
    drop_target: Option<(String, String)>,
    /// The last failure of something the user did, shown above the reader.
    error: Option<String>,
    offline: Vec<String>,
}

impl Mailbox {
    pub fn new(engine: &Engine) -> (Self, Task<Message>) {
        let mut mailbox = Self {
            accounts: Vec::new(),
            folders: Vec::new(),
            list: list::MessageList::new(Source::Unified),
            reader: reader::Reader::default(),
            search: String::new(),
            dragging: None,
            drop_target: None,
            error: None,
            offline: Vec::new(),
        };
        let task = Task::batch([mailbox.load_folders(engine), mailbox.reload_list(engine)]);
        (mailbox, task)
    }

    fn load_folders(&mut self, engine: &Engine) -> Task<Message> {
        self.accounts = engine
            .accounts()
            .into_iter()
            .map(|a| (a.name, a.email))
            .collect();
        Task::perform(engine.clone().folders(), Message::Folders)
    }

    fn reload_list(&mut self, engine: &Engine) -> Task<Message> {
        self.list.reload(engine).map(Message::List)
    }

    pub fn source(&self) -> &Source {
        self.list.source()
    }

    pub fn update(&mut self, engine: &Engine, message: Message) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Engine(event) => return (self.engine_event(engine, event), None),
            Message::Refresh => {
                let task = Task::batch([self.load_folders(engine), self.reload_list(engine)]);
                return (task, None);
            }
            Message::Folders(Ok(folders)) => self.folders = folders,
            Message::Folders(Err(failure)) => self.error = Some(failure.message),
            Message::Folder(m) => return (self.folder(engine, m), None),
            Message::List(m) => return self.list_message(engine, m),
            Message::Reader(m) => {
                let (task, event) = self.reader.update(engine, m);
                let task = task.map(Message::Reader);
                return match event {
                    Some(reader::Event::Act(act)) => {
                        let (t, e) = self.act(engine, act);
                        (Task::batch([task, t]), e)
                    }
                    Some(reader::Event::Failed(failure)) => {
                        self.error = Some(failure.message);
                        (task, None)
                    }
                    Some(reader::Event::Downloaded) => {
                        (Task::batch([task, self.reload_list(engine)]), None)
                    }
                    None => (task, None),
                };
            }
            Message::SearchChanged(text) => self.search = text,
            Message::Search => {
                let query = self.search.trim().to_owned();
                if query.is_empty() {
                    return self.update(engine, Message::ClearSearch);
                }
                return (self.show(engine, Source::Search { query }), None);
            }
            Message::ClearSearch => {
                self.search.clear();
                if matches!(self.list.source(), Source::Search { .. }) {
                    return (self.show(engine, Source::Unified), None);
                }
            }
            Message::Act(act) => return self.act(engine, act),
            Message::Acted(Ok(())) => {
                let (task, queued) = self.after_change(engine);
                return (task, queued);
            }
            Message::Acted(Err(failure)) => {
                self.error = Some(failure.message);
                return (self.reload_list(engine), None);
            }
            Message::Queued(n) => return (Task::none(), Some(Event::QueuedChanges(n))),
            Message::Compose => {
                return (Task::none(), Some(Event::Compose(self.compose_new())));
            }
            Message::SyncNow => engine.sync_now(None),
            Message::Settings => return (Task::none(), Some(Event::OpenSettings)),
            Message::Help => return (Task::none(), Some(Event::OpenHelp)),
            Message::Shortcut(shortcut) => return self.shortcut(engine, shortcut),
            Message::DragEnded => {
                self.dragging = None;
                self.drop_target = None;
            }
        }
        (Task::none(), None)
    }

    fn compose_new(&self) -> composer::Start {
        let account = match self.list.source() {
            Source::Folder { account, .. } => Some(account.clone()),
            _ => self.list.selected().map(|r| r.account.clone()),
        };
        composer::Start::New { account }
    }

    fn engine_event(&mut self, engine: &Engine, event: EngineEvent) -> Task<Message> {
        match event {
            EngineEvent::Changed { account, folder } => {
                let shows_it = match self.list.source() {
                    Source::Unified | Source::Search { .. } => true,
                    Source::Folder {
                        account: a,
                        folder: f,
                    } => *a == account && folder.as_ref().is_none_or(|changed| changed == f),
                };
                let reader = self
                    .reader
                    .store_changed(engine, &account, folder.as_deref())
                    .map(Message::Reader);
                let folders = Task::batch([self.load_folders(engine), reader]);
                if shows_it {
                    Task::batch([folders, self.reload_list(engine)])
                } else {
                    folders
                }
            }
            EngineEvent::Offline { account, .. } => {
                if !self.offline.contains(&account) {
                    self.offline.push(account);
                }
                Task::none()
            }
            EngineEvent::SyncFinished { account } => {
                // A round that ended without going offline reached the server: a body the
                // reader waits for can come now.
                // Every round ends so, also one that went offline: the account stays
                // offline until a round starts again.
                let reached = !self.offline.contains(&account);
                if reached {
                    self.reader.online(engine, &account).map(Message::Reader)
                } else {
                    Task::none()
                }
            }
            EngineEvent::SyncStarted { account } => {
                self.offline.retain(|a| *a != account);
                Task::none()
            }
            // Progress means the server answered.
            EngineEvent::Progress { account, .. } => {
                self.reader.online(engine, &account).map(Message::Reader)
            }
            _ => Task::none(),
        }
    }

    fn folder(&mut self, engine: &Engine, message: folders::Message) -> Task<Message> {
        match message {
            folders::Message::Select(source) => {
                if self.dragging.is_some() {
                    // A press never lands here during a drag; the release does (below).
                    return Task::none();
                }
                self.search.clear();
                self.show(engine, source)
            }
            folders::Message::Enter(account, folder) => {
                self.drop_target = Some((account, folder));
                Task::none()
            }
            folders::Message::Exit(account, folder) => {
                if self.drop_target.as_ref() == Some(&(account, folder)) {
                    self.drop_target = None;
                }
                Task::none()
            }
            folders::Message::Drop(account, folder) => {
                let Some(row) = self.dragging.take() else {
                    return Task::none();
                };
                self.drop_target = None;
                if row.account != account || row.folder == folder {
                    // Moving between accounts is not a move the servers can do; dropping
                    // a message on its own folder does nothing.
                    return Task::none();
                }
                self.move_row(engine, &row, &folder)
            }
        }
    }

    fn show(&mut self, engine: &Engine, source: Source) -> Task<Message> {
        self.reader.clear();
        self.error = None;
        self.list.show(engine, source).map(Message::List)
    }

    fn list_message(
        &mut self,
        engine: &Engine,
        message: list::Message,
    ) -> (Task<Message>, Option<Event>) {
        let (task, event) = self.list.update(engine, message);
        let task = task.map(Message::List);
        match event {
            None => (task, None),
            Some(list::Event::Selected(row)) => {
                let open = self.open(engine, row);
                (Task::batch([task, open]), None)
            }
            Some(list::Event::DragStarted(row)) => {
                self.dragging = Some(row.clone());
                let open = self.open(engine, row);
                (Task::batch([task, open]), None)
            }
            Some(list::Event::Failed(failure)) => {
                self.error = Some(failure.message);
                (task, None)
            }
        }
    }

    /// Shows a message in the reader, marking it read.
    fn open(&mut self, engine: &Engine, row: Row) -> Task<Message> {
        self.error = None;
        let mark = if row.seen {
            Task::none()
        } else {
            self.list.set_seen(row.id, true);
            self.patch_unread(&row, -1);
            Task::perform(engine.clone().set_seen(row.id, true), Message::Acted)
        };
        let mut row = row;
        row.seen = true;
        let offline = self.offline.contains(&row.account);
        let open = self.reader.open(engine, row, offline).map(Message::Reader);
        Task::batch([open, mark])
    }

    fn patch_unread(&mut self, row: &Row, delta: i64) {
        if let Some(f) = self
            .folders
            .iter_mut()
            .find(|f| f.account == row.account && f.name == row.folder)
        {
            f.unread = f.unread.saturating_add_signed(delta);
        }
    }

    fn act(&mut self, engine: &Engine, act: Act) -> (Task<Message>, Option<Event>) {
        let Some(row) = self
            .list
            .selected()
            .cloned()
            .or_else(|| self.reader.row().cloned())
        else {
            return (Task::none(), None);
        };
        let engine = engine.clone();
        match act {
            Act::Reply => (
                Task::none(),
                Some(Event::Compose(composer::Start::Reply {
                    id: row.id,
                    all: false,
                })),
            ),
            Act::ReplyAll => (
                Task::none(),
                Some(Event::Compose(composer::Start::Reply {
                    id: row.id,
                    all: true,
                })),
            ),
            Act::Forward => (
                Task::none(),
                Some(Event::Compose(composer::Start::Forward { id: row.id })),
            ),
            Act::ToggleSeen => {
                let seen = !row.seen;
                self.list.set_seen(row.id, seen);
                self.patch_unread(&row, if seen { -1 } else { 1 });
                self.reader.patch(|r| r.seen = seen);
                (
                    Task::perform(engine.set_seen(row.id, seen), Message::Acted),
                    None,
                )
            }
            Act::ToggleFlag => {
                let flagged = !row.flagged;
                self.list.patch(row.id, |r| r.flagged = flagged);
                self.reader.patch(|r| r.flagged = flagged);
                (
                    Task::perform(engine.set_flagged(row.id, flagged), Message::Acted),
                    None,
                )
            }
            Act::Delete => {
                let next = self.leave(&row);
                (
                    Task::batch([Task::perform(engine.delete(row.id), Message::Acted), next]),
                    None,
                )
            }
            Act::Archive => {
                let next = self.leave(&row);
                (
                    Task::batch([Task::perform(engine.archive(row.id), Message::Acted), next]),
                    None,
                )
            }
            Act::MoveTo(target) => {
                if target.account != row.account {
                    return (Task::none(), None);
                }
                (self.move_row(&engine, &row, &target.folder), None)
            }
        }
    }

    fn move_row(&mut self, engine: &Engine, row: &Row, folder: &str) -> Task<Message> {
        let next = self.leave(row);
        Task::batch([
            Task::perform(
                engine.clone().move_to(row.id, folder.to_owned()),
                Message::Acted,
            ),
            next,
        ])
    }

    /// The message leaves this list (deleted, moved): the reader clears; the list reloads
    /// when the change is stored.
    fn leave(&mut self, row: &Row) -> Task<Message> {
        if self.reader.row().is_some_and(|r| r.id == row.id) {
            self.reader.clear();
        }
        if self.list.selected().is_some_and(|r| r.id == row.id) {
            self.list.select_id(None);
        }
        Task::none()
    }

    fn after_change(&mut self, engine: &Engine) -> (Task<Message>, Option<Event>) {
        let queued = Task::perform(engine.clone().queued_changes(), |r| {
            Message::Queued(r.unwrap_or(0))
        });
        let task = Task::batch([self.load_folders(engine), self.reload_list(engine), queued]);
        (task, None)
    }

    fn shortcut(&mut self, engine: &Engine, shortcut: Shortcut) -> (Task<Message>, Option<Event>) {
        match shortcut {
            Shortcut::Compose => (Task::none(), Some(Event::Compose(self.compose_new()))),
            Shortcut::Reply => self.act(engine, Act::Reply),
            Shortcut::ReplyAll => self.act(engine, Act::ReplyAll),
            Shortcut::Forward => self.act(engine, Act::Forward),
            Shortcut::Delete => self.act(engine, Act::Delete),
            Shortcut::ToggleUnread => self.act(engine, Act::ToggleSeen),
            Shortcut::ToggleFlag => self.act(engine, Act::ToggleFlag),
            Shortcut::Archive => self.act(engine, Act::Archive),
            Shortcut::Next | Shortcut::Previous => {
                let step = if shortcut == Shortcut::Next { 1 } else { -1 };
                let (task, event) = self.list.step(step);
                let task = task.map(Message::List);
                match event {
                    Some(list::Event::Selected(row)) => {
                        let open = self.open(engine, row);
                        (Task::batch([task, open]), None)
                    }
                    _ => (task, None),
                }
            }
            Shortcut::Search => (iced::widget::operation::focus(search_id()), None),
            Shortcut::Help => (Task::none(), Some(Event::OpenHelp)),
            Shortcut::Escape => (Task::none(), None),
        }
    }

    /// Folders of an account a message could be moved to.
    fn move_targets(&self, account: &str, current: &str) -> Vec<MoveTarget> {
        self.folders
            .iter()
            .filter(|f| f.account == account && f.name != current)
            .map(|f| MoveTarget {
                account: f.account.clone(),
                folder: f.name.clone(),
                label: folders::display_name(f),
            })
            .collect()
    }

    pub fn view_toolbar(&self) -> Element<'_, Message> {
        let tool = |icon_kind: Icon, label: String, message: Option<Message>| {
            tooltip(
                button(
                    row![icon::icon(icon_kind), text(label.clone())]
                        .spacing(6)
                        .align_y(Alignment::Center),
                )
                .padding([6, 10])
                .style(theme::tool)
                .on_press_maybe(message),
                container(text(label).size(theme::SMALL_SIZE))
                    .padding(6)
                    .style(container::rounded_box),
                tooltip::Position::Bottom,
            )
        };
        let search = text_input(&tr!("search-hint"), &self.search)
            .id(search_id())
            .on_input(Message::SearchChanged)
            .on_submit(Message::Search)
            .padding([6, 10])
            .width(Length::Fill);
        let search = row![icon::icon(Icon::Search), search]
            .spacing(6)
            .align_y(Alignment::Center);
        let mut bar = row![
            button(
                row![icon::icon(Icon::Compose), text(tr!("toolbar-compose"))]
                    .spacing(6)
                    .align_y(Alignment::Center)
            )
            .padding([6, 14])
            .on_press(Message::Compose),
            search,
        ]
        .spacing(theme::SPACING)
        .align_y(Alignment::Center);
        if !self.search.is_empty() {
            bar = bar.push(
                button(icon::icon(Icon::Close))
                    .style(theme::tool)
                    .on_press(Message::ClearSearch),
            );
        }
        bar = bar
            .push(tool(
                Icon::Sync,
                tr!("toolbar-sync"),
                Some(Message::SyncNow),
            ))
            .push(tool(
                Icon::Settings,
                tr!("toolbar-settings"),
                Some(Message::Settings),
            ))
            .push(tool(Icon::Help, tr!("toolbar-help"), Some(Message::Help)));
        container(bar)
            .padding([6.0, theme::SPACING])
            .width(Length::Fill)
            .style(theme::side_panel)
            .into()
    }

    pub fn view_folders(&self) -> Element<'_, Message> {
        folders::view(folders::Pane {
            accounts: &self.accounts,
            folders: &self.folders,
            selected: self.list.source(),
            drop_target: self.drop_target.as_ref(),
            dragging: self.dragging.is_some(),
            offline: &self.offline,
        })
        .map(Message::Folder)
    }

    /// The list and the reader side by side.
    pub fn view_main(&self) -> Element<'_, Message> {
        let now = chrono::Local::now();
        let list = container(self.list.view(&now).map(Message::List))
            .width(Length::Fixed(theme::LIST_PANE_WIDTH))
            .height(Length::Fill)
            .style(theme::pane);
        let actions = self.reader.row().map(|row| self.actions(row));
        let reader = self
            .reader
            .view(actions, self.error.as_deref(), Message::Reader);
        row![
            list,
            container(reader).width(Length::Fill).height(Length::Fill)
        ]
        .height(Length::Fill)
        .into()
    }

    /// The buttons above the reader for the message shown.
    fn actions<'a>(&'a self, row: &'a Row) -> Element<'a, Message> {
        let act = |icon_kind: Icon, label: String, act: Act| {
            tooltip(
                button(icon::icon(icon_kind))
                    .padding(6)
                    .style(theme::tool)
                    .on_press(Message::Act(act)),
                container(text(label).size(theme::SMALL_SIZE))
                    .padding(6)
                    .style(container::rounded_box),
                tooltip::Position::Bottom,
            )
        };
        let (seen_label, flag_label) = (
            if row.seen {
                tr!("action-mark-unread")
            } else {
                tr!("action-mark-read")
            },
            if row.flagged {
                tr!("action-unflag")
            } else {
                tr!("action-flag")
            },
        );
        let is_archive = self.folders.iter().any(|f| {
            f.account == row.account && f.name == row.folder && f.role == Some(Role::Archive)
        });
        let mut bar = row![
            act(Icon::Reply, tr!("action-reply"), Act::Reply),
            act(Icon::ReplyAll, tr!("action-reply-all"), Act::ReplyAll),
            act(Icon::Forward, tr!("action-forward"), Act::Forward),
            space().width(Length::Fixed(theme::SPACING)),
            act(Icon::Unread, seen_label, Act::ToggleSeen),
            act(
                if row.flagged {
                    Icon::FlagFilled
                } else {
                    Icon::Flag
                },
                flag_label,
                Act::ToggleFlag
            ),
        ]
        .spacing(2)
        .align_y(Alignment::Center);
        if !is_archive {
            bar = bar.push(act(Icon::Archive, tr!("action-archive"), Act::Archive));
        }
        bar = bar.push(act(Icon::Trash, tr!("action-delete"), Act::Delete));
        bar = bar.push(
            pick_list(
                self.move_targets(&row.account, &row.folder),
                None::<MoveTarget>,
                |t| Message::Act(Act::MoveTo(t)),
            )
            .placeholder(tr!("action-move"))
            .padding([4, 8])
            .text_size(theme::SMALL_SIZE),
        );
        bar.into()
    }
}
