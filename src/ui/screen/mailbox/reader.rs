//! The reader: the selected message's sender (name and address), date, recipients, its
//! body as styled text with links showing their real targets, remote images blocked until
//! the user asks, attachments to save or open, and its raw source — which is all a
//! message that cannot be parsed shows.
//!
//! A message synced headers-only (older than the account keeps bodies for) shows what its
//! headers say at once, and its body is downloaded as soon as it is opened; offline, the
//! download waits until the account is reachable again.

use std::path::PathBuf;
use std::sync::Arc;

use iced::widget::{button, column, container, image, row, scrollable, space, text};
use iced::{Alignment, Element, Length, Task};

use crate::engine::error::ErrorKind;
use crate::engine::handle::reading::open_link;
use crate::engine::handle::{Engine, Failure, Origin, Reading, Row};
use crate::engine::message::{Address, Attachment, Block, ImageSource, Inline, ReadMessage};
use crate::tr;
use crate::ui::theme;
use crate::ui::widget::findable::findable;
use crate::ui::widget::icon::{self, Icon};
use crate::ui::widget::styled_text::{self, Images};

use super::Act;

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(i64, Result<Box<Reading>, Failure>),
    /// The body of a headers-only message, downloaded from its server.
    Downloaded(i64, Result<Box<Reading>, Failure>),
    /// Download the body again after it failed.
    Retry,
    Embedded(i64, usize, Result<Vec<u8>, Failure>),
    LoadRemote,
    Remote(i64, Vec<(String, Result<Vec<u8>, String>)>),
    ShowSource,
    Source(i64, Result<String, Failure>),
    HideSource,
    Save(usize),
    SaveTo(usize, Option<PathBuf>),
    Open(usize),
    Done(Result<Option<String>, Failure>),
    Link(String),
}

pub enum Event {
    #[allow(dead_code)]
    Act(Act),
    Failed(Failure),
    /// A body was downloaded and stored: what the list shows of the message (its
    /// attachment mark) may have changed.
    Downloaded,
}

#[derive(Default)]
pub struct Reader {
    row: Option<Row>,
    /// The parsed message; none while it loads.
    message: Option<Result<ReadMessage, Failure>>,
    /// The body is still on the server: `message` holds the headers, and this says where
    /// its download stands. The message is also read again whenever the store changes
    /// until the body is there (a sync may bring it first).
    pending: Option<Pending>,
    /// The account of the message opened was offline when it was opened.
    offline: bool,
    images: Images,
    remote: Remote,
    /// The bytes of a message file shown (not one of the store).
    file: Option<Arc<Vec<u8>>>,
    /// The raw source, when shown.
    source: Option<String>,
    /// What the last save or open did, in words.
    notice: Option<String>,
}

/// Where the download of a headers-only message's body stands.
#[derive(Debug, Clone, PartialEq)]
enum Pending {
    Downloading,
    /// The server could not be reached: downloaded when the account is online again.
    Offline,
    /// The download failed, in words; the user may try again.
    Failed(String),
}

/// Where the message's remote content stands.
#[derive(Debug, Default, PartialEq, Eq)]
enum Remote {
    #[default]
    Blocked,
    Loading,
    Loaded {
        failed: usize,
    },
}

/// Every remote image URL in a body, once each.
fn remote_urls(blocks: &[Block], out: &mut Vec<String>) {
    let inline = |content: &[Inline], out: &mut Vec<String>| {
        for i in content {
            if let Inline::Image(img) = i
                && let ImageSource::Remote { url } = &img.source
                && !out.contains(url)
            {
                out.push(url.clone());
            }
        }
    };
    for b in blocks {
        match b {
            Block::Paragraph { content } | Block::Heading { content, .. } => inline(content, out),
            Block::List { items, .. } => items.iter().for_each(|i| remote_urls(i, out)),
            Block::Quote { blocks } => remote_urls(blocks, out),
            Block::Preformatted { .. } | Block::Rule => {}
        }
    }
}

/// The id a message file shown in the reader goes by: no stored message has it.
const FILE_ID: i64 = -1;

fn person(a: &Address) -> String {
    a.to_string()
}

impl Reader {
    /// Shows a stored message. `offline` says its account cannot reach its server now, so
    /// a body still there is not asked for until [`Reader::online`].
    pub fn open(&mut self, engine: &Engine, row: Row, offline: bool) -> Task<Message> {
        let id = row.id;
        let same = self.row.as_ref().is_some_and(|r| r.id == id);
        self.row = Some(row);
        if same && self.message.is_some() {
            return Task::none();
        }
        self.message = None;
        self.pending = None;
        self.offline = offline;
        self.images = Images::default();
        self.remote = Remote::Blocked;
        self.source = None;
        self.notice = None;
        Self::read(engine, id)
    }

    fn read(engine: &Engine, id: i64) -> Task<Message> {
        Task::perform(engine.clone().read(id), move |r| {
            Message::Loaded(id, r.map(Box::new))
        })
    }

    /// The store changed for an account (and perhaps one folder of it): a message whose
    /// body was awaited is read again, so it shows as soon as the sync brings it.
    pub fn store_changed(
        &self,
        engine: &Engine,
        account: &str,
        folder: Option<&str>,
    ) -> Task<Message> {
        match &self.row {
            Some(row)
                if self.pending.is_some()
                    && row.account == account
                    && folder.is_none_or(|f| f == row.folder) =>
            {
                Self::read(engine, row.id)
            }
            _ => Task::none(),
        }
    }

    /// `account` reached its server: a body that waited for the connection is downloaded.
    pub fn online(&mut self, engine: &Engine, account: &str) -> Task<Message> {
        let waits = self.pending == Some(Pending::Offline)
            && self.row.as_ref().is_some_and(|r| r.account == account);
        if !waits {
            return Task::none();
        }
        self.offline = false;
        self.download(engine)
    }

    /// Starts downloading the shown message's body, unless its account is offline.
    fn download(&mut self, engine: &Engine) -> Task<Message> {
        let Some(id) = self.id().filter(|_| self.file.is_none()) else {
            return Task::none();
        };
        if self.offline {
            self.pending = Some(Pending::Offline);
            return Task::none();
        }
        self.pending = Some(Pending::Downloading);
        Task::perform(engine.clone().download_body(id), move |r| {
            Message::Downloaded(id, r.map(Box::new))
        })
    }

    pub fn clear(&mut self) {
        *self = Self::default();
    }

    pub fn row(&self) -> Option<&Row> {
        self.row.as_ref()
    }

    pub fn patch(&mut self, f: impl Fn(&mut Row)) {
        if let Some(row) = &mut self.row {
            f(row);
        }
    }

    fn id(&self) -> Option<i64> {
        self.row.as_ref().map(|r| r.id)
    }

    /// Where the shown message's bytes are.
    fn origin(&self) -> Option<Origin> {
        match (&self.file, &self.row) {
            (Some(raw), _) => Some(Origin::File(raw.clone())),
            (None, Some(row)) => Some(Origin::Stored(row.id)),
            (None, None) => None,
        }
    }

    /// Shows a message file opened from the disk, already read and parsed.
    pub fn show_file(
        &mut self,
        engine: &Engine,
        reading: Reading,
        raw: Arc<Vec<u8>>,
    ) -> Task<Message> {
        let m = &reading.message;
        let row = Row {
            id: FILE_ID,
            account: String::new(),
            folder: String::new(),
            from: m.from.first().map(|a| a.to_string()).unwrap_or_default(),
            subject: m.subject.clone(),
            date: m.date.and_then(|d| chrono::DateTime::from_timestamp(d, 0)),
            seen: true,
            flagged: false,
            answered: false,
            has_attachments: !m.attachments.is_empty(),
            unreadable: m.unreadable,
            thread: None,
            thread_size: 1,
            others_unread: 0,
        };
        *self = Self {
            row: Some(row),
            file: Some(raw),
            ..Self::default()
        };
        // As a stored message arrives: embedded images are fetched the same way.
        self.update_loaded(engine, Ok(Box::new(reading)))
    }

    fn attachment(&self, index: usize) -> Option<&Attachment> {
        match &self.message {
            Some(Ok(m)) => m.attachments.iter().find(|a| a.index == index),
            _ => None,
        }
    }

    /// A message read: shown, and its embedded images (part of the message) asked for.
    fn update_loaded(
        &mut self,
        engine: &Engine,
        result: Result<Box<Reading>, Failure>,
    ) -> Task<Message> {
        let (Some(id), Some(origin)) = (self.id(), self.origin()) else {
            return Task::none();
        };
        let mut downloaded = true;
        let result = result.map(|r| {
            downloaded = r.downloaded;
            r.message
        });
        // Headers only: the body is asked for once (a re-read while it downloads, failed
        // or waits for the network changes nothing).
        let download = match (downloaded, &self.pending) {
            (true, _) => {
                self.pending = None;
                Task::none()
            }
            (false, None) => self.download(engine),
            (false, Some(_)) => Task::none(),
        };
        let task = match &result {
            Ok(m) => Task::batch(m.attachments.iter().filter(|a| a.inline).map(|a| {
                let index = a.index;
                Task::perform(engine.clone().attachment(origin.clone(), index), move |r| {
                    Message::Embedded(id, index, r)
                })
            })),
            _ => Task::none(),
        };
        self.message = Some(result);
        Task::batch([task, download])
    }

    pub fn update(&mut self, engine: &Engine, message: Message) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Loaded(id, result) if Some(id) == self.id() => {
                return (self.update_loaded(engine, result), None);
            }
            // Only while still awaited: the sync may have brought the body meanwhile.
            Message::Downloaded(id, result) if Some(id) == self.id() && self.pending.is_some() => {
                match result {
                    Ok(reading) => {
                        let task = self.update_loaded(engine, Ok(reading));
                        return (task, Some(Event::Downloaded));
                    }
                    Err(failure) if failure.kind == ErrorKind::Network => {
                        self.pending = Some(Pending::Offline);
                    }
                    Err(failure) => self.pending = Some(Pending::Failed(failure.message)),
                }
            }
            Message::Retry => {
                self.offline = false;
                return (self.download(engine), None);
            }
            Message::Embedded(id, index, Ok(bytes)) if Some(id) == self.id() => {
                self.images
                    .embedded
                    .insert(index, image::Handle::from_bytes(bytes));
            }
            Message::LoadRemote => {
                let (Some(id), Some(Ok(m))) = (self.id(), &self.message) else {
                    return (Task::none(), None);
                };
                let mut urls = Vec::new();
                remote_urls(&m.body, &mut urls);
                self.remote = Remote::Loading;
                return (
                    Task::perform(engine.clone().fetch_images(urls), move |r| {
                        Message::Remote(id, r)
                    }),
                    None,
                );
            }
            Message::Remote(id, fetched) if Some(id) == self.id() => {
                let mut failed = 0;
                for (url, bytes) in fetched {
                    match bytes {
                        Ok(bytes) => {
                            self.images
                                .remote
                                .insert(url, image::Handle::from_bytes(bytes));
                        }
                        Err(reason) => {
                            tracing::info!(%url, %reason, "remote image not loaded");
                            failed += 1;
                        }
                    }
                }
                self.remote = Remote::Loaded { failed };
            }
            Message::ShowSource => {
                if let (Some(id), Some(origin)) = (self.id(), self.origin()) {
                    return (
                        Task::perform(engine.clone().source(origin), move |r| {
                            Message::Source(id, r)
                        }),
                        None,
                    );
                }
            }
            Message::Source(id, Ok(source)) if Some(id) == self.id() => self.source = Some(source),
            Message::Source(_, Err(failure)) => {
                return (Task::none(), Some(Event::Failed(failure)));
            }
            Message::HideSource => self.source = None,
            Message::Save(index) => {
                let Some(a) = self.attachment(index) else {
                    return (Task::none(), None);
                };
                let name = a.file_name.clone();
                let title = tr!("reading-save-title");
                return (
                    Task::perform(
                        async move {
                            rfd::AsyncFileDialog::new()
                                .set_title(title)
                                .set_file_name(name)
                                .save_file()
                                .await
                                .map(|f| f.path().to_path_buf())
                        },
                        move |path| Message::SaveTo(index, path),
                    ),
                    None,
                );
            }
            Message::SaveTo(index, Some(path)) => {
                let Some(origin) = self.origin() else {
                    return (Task::none(), None);
                };
                let shown = path.display().to_string();
                return (
                    Task::perform(
                        engine.clone().save_attachment(origin, index, path),
                        move |r| {
                            Message::Done(
                                r.map(|()| Some(tr!("reading-saved", path = shown.as_str()))),
                            )
                        },
                    ),
                    None,
                );
            }
            Message::SaveTo(_, None) => {}
            Message::Open(index) => {
                let (Some(origin), Some(a)) = (self.origin(), self.attachment(index)) else {
                    return (Task::none(), None);
                };
                return (
                    Task::perform(
                        engine
                            .clone()
                            .open_attachment(origin, index, a.name.clone()),
                        |r| Message::Done(r.map(|()| None)),
                    ),
                    None,
                );
            }
            Message::Done(Ok(notice)) => self.notice = notice,
            Message::Done(Err(failure)) => return (Task::none(), Some(Event::Failed(failure))),
            Message::Link(url) => {
                if let Err(failure) = open_link(&url) {
                    return (Task::none(), Some(Event::Failed(failure)));
                }
            }
            Message::Loaded(..)
            | Message::Downloaded(..)
            | Message::Embedded(..)
            | Message::Remote(..)
            | Message::Source(..) => {}
        }
        (Task::none(), None)
    }

    /// The reader, with the buttons `actions` above the message; `wrap` makes its own
    /// messages the caller's.
    pub fn view<'a, M: 'a>(
        &'a self,
        actions: Option<Element<'a, M>>,
        error: Option<&'a str>,
        wrap: impl Fn(Message) -> M + 'a,
    ) -> Element<'a, M> {
        let mut content = column![].spacing(theme::SPACING * 1.5);
        if let Some(error) = error {
            content = content.push(
                container(text(error.to_owned()))
                    .padding(theme::SPACING)
                    .width(Length::Fill)
                    .style(theme::error_box),
            );
        }
        let Some(row) = &self.row else {
            return container(content.push(text(tr!("reading-nothing")).style(theme::muted)))
                .padding(theme::SPACING * 3.0)
                .into();
        };
        if let Some(actions) = actions {
            content = content.push(actions);
        }
        let body: Element<'a, Message> = match &self.message {
            None => column![
                text(row.subject.clone())
                    .size(theme::HEADING_SIZE)
                    .font(theme::BOLD),
                row![
                    text(row.from.clone()).font(theme::BOLD),
                    space::horizontal(),
                    text(
                        row.date
                            .map(|d| crate::i18n::format_full_date(
                                &d.with_timezone(&chrono::Local)
                            ))
                            .unwrap_or_default()
                    )
                    .size(theme::SMALL_SIZE)
                    .style(theme::muted),
                ]
                .spacing(theme::SPACING),
                text(tr!("reading-loading")).style(theme::muted),
            ]
            .spacing(theme::SPACING * 1.5)
            .into(),
            Some(Err(failure)) => column![
                text(row.subject.clone()).size(theme::HEADING_SIZE),
                container(text(failure.message.clone()))
                    .padding(theme::SPACING)
                    .width(Length::Fill)
                    .style(theme::error_box),
            ]
            .spacing(theme::SPACING)
            .into(),
            Some(Ok(m)) => self.message_view(m),
        };
        content = content.push(body.map(wrap));
        container(scrollable(content.padding(iced::Padding::ZERO.right(12.0))))
            .padding(theme::SPACING * 2.0)
            .width(Length::Fill)
            .height(Length::Fill)
            .into()
    }

    fn message_view<'a>(&'a self, m: &'a ReadMessage) -> Element<'a, Message> {
        let subject = if m.subject.trim().is_empty() {
            self.row
                .as_ref()
                .map(|r| r.subject.clone())
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| tr!("list-no-subject"))
        } else {
            m.subject.clone()
        };
        let mut view = column![text(subject).size(theme::HEADING_SIZE).font(theme::BOLD)]
            .spacing(theme::SPACING * 1.5);
        view = view.push(self.header(m));
        if let Some(notice) = &self.notice {
            view = view.push(text(notice.clone()).style(theme::success_text));
        }
        if let Some(pending) = &self.pending {
            view = view.push(pending_view(pending));
            // No body, no source yet: nothing more to show.
            return view.into();
        }
        if m.unreadable {
            view = view.push(
                container(text(tr!("reading-unreadable")))
                    .padding(theme::SPACING)
                    .width(Length::Fill)
                    .style(theme::notice),
            );
        }
        if m.remote_images > 0 && self.remote != (Remote::Loaded { failed: 0 }) {
            view = view.push(self.remote_bar(m.remote_images));
        }
        let files: Vec<&Attachment> = m.attachments.iter().filter(|a| !a.inline).collect();
        if !files.is_empty() {
            view = view.push(attachments(files));
        }
        let source_button = if self.source.is_some() {
            button(text(tr!("reading-hide-source")).size(theme::SMALL_SIZE))
                .on_press(Message::HideSource)
        } else {
            button(text(tr!("reading-show-source")).size(theme::SMALL_SIZE))
                .on_press(Message::ShowSource)
        }
        .style(button::text)
        .padding(0);
        view = view.push(row![space::horizontal(), source_button]);
        view = view.push(iced::widget::rule::horizontal(1));
        match &self.source {
            Some(source) => {
                view = view.push(
                    container(findable(
                        text(source.as_str())
                            .font(theme::MONO)
                            .size(theme::SMALL_SIZE),
                        source.clone(),
                    ))
                    .padding(theme::SPACING)
                    .width(Length::Fill)
                    .style(|t: &iced::Theme| container::Style {
                        background: Some(t.extended_palette().background.weak.color.into()),
                        ..container::Style::default()
                    }),
                );
            }
            None => {
                view = view.push(styled_text::view(&m.body, &self.images, Message::Link));
            }
        }
        view.into()
    }

    /// Sender with address, date, recipients.
    fn header<'a>(&'a self, m: &'a ReadMessage) -> Element<'a, Message> {
        let sender: Element<'a, Message> = match m.from.first() {
            Some(a) if !a.name.trim().is_empty() => row![
                text(a.name.clone()).font(theme::BOLD),
                text(format!("<{}>", a.address)).style(theme::muted),
            ]
            .spacing(theme::SPACING / 2.0)
            .wrap()
            .into(),
            Some(a) => text(a.address.clone()).font(theme::BOLD).into(),
            None => text(tr!("list-no-sender")).style(theme::muted).into(),
        };
        let date = m
            .date
            .and_then(|d| chrono::DateTime::from_timestamp(d, 0))
            .map(|d| crate::i18n::format_full_date(&d.with_timezone(&chrono::Local)))
            .unwrap_or_default();
        let line = |label: String, people: &[Address]| -> Option<Element<'a, Message>> {
            if people.is_empty() {
                return None;
            }
            let list = people.iter().map(person).collect::<Vec<_>>().join(", ");
            Some(
                row![
                    container(text(label).size(theme::SMALL_SIZE).style(theme::muted))
                        .width(Length::Fixed(36.0)),
                    text(list).size(theme::SMALL_SIZE),
                ]
                .spacing(theme::SPACING)
                .into(),
            )
        };
        let mut header = column![
            row![
                sender,
                space::horizontal(),
                text(date).size(theme::SMALL_SIZE).style(theme::muted)
            ]
            .spacing(theme::SPACING)
            .align_y(Alignment::Center),
        ]
        .spacing(4);
        for l in [
            line(tr!("reading-to"), &m.to),
            line(tr!("reading-cc"), &m.cc),
            line(tr!("reading-reply-to"), &m.reply_to),
        ]
        .into_iter()
        .flatten()
        {
            header = header.push(l);
        }
        header.into()
    }

    fn remote_bar<'a>(&self, count: usize) -> Element<'a, Message> {
        let (words, action): (String, Option<Element<'a, Message>>) = match self.remote {
            Remote::Blocked => (
                tr!("reading-remote-blocked", count = count as u64),
                Some(
                    button(text(tr!("reading-remote-load")))
                        .style(button::secondary)
                        .on_press(Message::LoadRemote)
                        .into(),
                ),
            ),
            Remote::Loading => (tr!("reading-remote-loading"), None),
            Remote::Loaded { failed } => {
                (tr!("reading-remote-failed", count = failed as u64), None)
            }
        };
        let mut bar = row![icon::icon(Icon::Image), text(words).width(Length::Fill)]
            .spacing(theme::SPACING)
            .align_y(Alignment::Center);
        if let Some(action) = action {
            bar = bar.push(action);
        }
        container(bar)
            .padding(theme::SPACING)
            .width(Length::Fill)
            .style(theme::notice)
            .into()
    }
}

/// Where the download of the body stands, with "Try again" after a failure.
fn pending_view<'a>(pending: &Pending) -> Element<'a, Message> {
    let notice = |words: String| {
        container(text(words))
            .padding(theme::SPACING)
            .width(Length::Fill)
            .style(theme::notice)
            .into()
    };
    match pending {
        Pending::Downloading => notice(tr!("reading-downloading")),
        Pending::Offline => notice(tr!("reading-download-offline")),
        Pending::Failed(reason) => container(
            row![
                text(tr!("reading-download-failed", reason = reason.as_str())).width(Length::Fill),
                button(text(tr!("reading-download-retry")))
                    .style(button::secondary)
                    .on_press(Message::Retry),
            ]
            .spacing(theme::SPACING)
            .align_y(Alignment::Center),
        )
        .padding(theme::SPACING)
        .width(Length::Fill)
        .style(theme::error_box)
        .into(),
    }
}

fn attachments<'a>(files: Vec<&'a Attachment>) -> Element<'a, Message> {
    let lines = files.into_iter().map(|a| {
        row![
            icon::icon(Icon::Attachment),
            text(a.name.clone()).width(Length::Fill),
            text(crate::i18n::format_size(a.size))
                .size(theme::SMALL_SIZE)
                .style(theme::muted),
            button(
                row![
                    icon::sized(Icon::Save, 14.0),
                    text(tr!("reading-save")).size(theme::SMALL_SIZE)
                ]
                .spacing(4)
                .align_y(Alignment::Center)
            )
            .style(button::secondary)
            .padding([2, 8])
            .on_press(Message::Save(a.index)),
            button(
                row![
                    icon::sized(Icon::Open, 14.0),
                    text(tr!("reading-open")).size(theme::SMALL_SIZE)
                ]
                .spacing(4)
                .align_y(Alignment::Center)
            )
            .style(button::secondary)
            .padding([2, 8])
            .on_press(Message::Open(a.index)),
        ]
        .spacing(theme::SPACING)
        .align_y(Alignment::Center)
        .into()
    });
    container(column(lines).spacing(4))
        .padding(theme::SPACING)
        .width(Length::Fill)
        .style(container::bordered_box)
        .into()
}
