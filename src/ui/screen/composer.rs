//! Writing a message: From, To/Cc/Bcc with completion from known addresses, subject, body,
//! attachments (file dialog or drag-and-drop), Send into the outbox, and a draft saved every
//! few seconds while typing.

use std::path::PathBuf;
use std::time::Duration;

use iced::widget::{
    button, column, container, pick_list, row, scrollable, space, text, text_editor, text_input,
};
use iced::{Alignment, Element, Length, Subscription, Task};

use crate::engine::compose::{Attachment, Outgoing, Person};
use crate::engine::drafts::DraftId;
use crate::engine::handle::{Draft, Engine, Failure};
use crate::engine::mailto::{IgnoredReason, MailtoDraft};
use crate::tr;
use crate::ui::theme;
use crate::ui::widget::icon::{self, Icon};

/// How often a changed draft is saved: a crash loses at most this much typing.
pub const AUTOSAVE: Duration = Duration::from_secs(3);

/// Suggestions shown under an address field.
const SUGGESTIONS: usize = 6;

/// What the composer starts from.
#[derive(Debug, Clone, PartialEq)]
pub enum Start {
    /// A new message, from this account if given.
    New {
        account: Option<String>,
    },
    /// A reply to a stored message; `all` answers every recipient but us.
    Reply {
        id: i64,
        all: bool,
    },
    Forward {
        id: i64,
    },
    /// A saved draft or a prepared message.
    Draft(Box<Draft>),
    /// A `mailto:` link, from the first account: what it may fill in is filled in, and
    /// what it was not allowed to do is said.
    Mailto(Box<MailtoDraft>),
}

/// An address field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressField {
    To,
    Cc,
    Bcc,
}

/// An account to send from, as the From menu shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FromChoice {
    pub account: String,
    pub label: String,
}

impl std::fmt::Display for FromChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Prepared(Result<Box<Draft>, Failure>),
    From(FromChoice),
    Address(AddressField, String),
    Suggested(AddressField, String, Vec<String>),
    Complete(AddressField, String),
    ShowCopies,
    Subject(String),
    Body(text_editor::Action),
    Attach,
    Picked(Vec<PathBuf>),
    Attached(Result<Box<Attachment>, Failure>),
    Remove(usize),
    Autosave,
    Saved(Result<DraftId, Failure>),
    Send,
    Sent(Result<(), Failure>),
    /// Close, keeping a draft if anything was written.
    Close,
    Discard,
    Closed(Result<(), Failure>),
}

/// What the composer tells the window.
pub enum Event {
    /// The message is in the outbox.
    Queued,
    /// The composer closed (the draft kept, or discarded).
    Closed,
}

pub struct Composer {
    accounts: Vec<FromChoice>,
    from: Option<FromChoice>,
    to: String,
    cc: String,
    bcc: String,
    copies: bool,
    subject: String,
    body: text_editor::Content,
    attachments: Vec<Attachment>,
    /// What the engine prepared (a reply's threading headers); the fields override it.
    base: Outgoing,
    /// The message being answered or forwarded.
    answers: Option<i64>,
    forwards: Option<i64>,
    /// The saved draft this is, once saved.
    draft: Option<DraftId>,
    /// Changed since the last save.
    dirty: bool,
    saving: bool,
    sending: bool,
    /// Suggestions for the field being typed in.
    suggestions: Option<(AddressField, Vec<String>)>,
    error: Option<String>,
    /// Something the user should know about how this message was started.
    notice: Option<String>,
    /// Still waiting for the engine to prepare a reply or forward.
    preparing: bool,
}

impl Composer {
    pub fn new(engine: &Engine, start: Start) -> (Self, Task<Message>) {
        let accounts: Vec<FromChoice> = engine
            .accounts()
            .into_iter()
            .map(|a| FromChoice {
                label: if a.display_name.is_empty() {
                    a.email.clone()
                } else {
                    format!("{} <{}>", a.display_name, a.email)
                },
                account: a.name,
            })
            .collect();
        let mut composer = Self {
            from: accounts.first().cloned(),
            accounts,
            to: String::new(),
            cc: String::new(),
            bcc: String::new(),
            copies: false,
            subject: String::new(),
            body: text_editor::Content::new(),
            attachments: Vec::new(),
            base: Outgoing::default(),
            answers: None,
            forwards: None,
            draft: None,
            dirty: false,
            saving: false,
            sending: false,
            suggestions: None,
            error: None,
            notice: None,
            preparing: false,
        };
        let task = match start {
            Start::New { account } => {
                let account = account.or_else(|| composer.from.as_ref().map(|f| f.account.clone()));
                if let Some(draft) = account.and_then(|a| engine.new_draft(&a)) {
                    composer.fill(draft);
                }
                Task::none()
            }
            Start::Reply { id, all } => {
                composer.preparing = true;
                Task::perform(engine.clone().reply(id, all), |r| {
                    Message::Prepared(r.map(Box::new))
                })
            }
            Start::Forward { id } => {
                composer.preparing = true;
                Task::perform(engine.clone().forward(id), |r| {
                    Message::Prepared(r.map(Box::new))
                })
            }
            Start::Draft(draft) => {
                composer.fill(*draft);
                Task::none()
            }
            Start::Mailto(link) => {
                let account = composer.from.as_ref().map(|f| f.account.clone());
                if let Some(mut draft) = account.and_then(|a| engine.new_draft(&a)) {
                    let m = &mut draft.message;
                    m.to = link.to.clone();
                    m.cc = link.cc.clone();
                    m.bcc = link.bcc.clone();
                    m.subject = link.subject.clone();
                    // The link's text above the signature the new message starts with.
                    m.text = match (link.body.is_empty(), m.text.is_empty()) {
                        (true, _) => m.text.clone(),
                        (false, true) => link.body.clone(),
                        (false, false) => format!("{}\n{}", link.body, m.text),
                    };
                    m.in_reply_to = link.in_reply_to.clone();
                    m.references = link.in_reply_to.iter().cloned().collect();
                    composer.fill(draft);
                    composer.dirty = true;
                }
                composer.notice = mailto_notice(&link);
                Task::none()
            }
        };
        (composer, task)
    }

    fn fill(&mut self, draft: Draft) {
        if let Some(choice) = self.accounts.iter().find(|c| c.account == draft.account) {
            self.from = Some(choice.clone());
        }
        let m = &draft.message;
        self.to = m.to.join(", ");
        self.cc = m.cc.join(", ");
        self.bcc = m.bcc.join(", ");
        self.copies = !self.cc.is_empty() || !self.bcc.is_empty();
        self.subject = m.subject.clone();
        self.body = text_editor::Content::with_text(&m.text);
        self.attachments = m.attachments.clone();
        self.answers = draft.answers;
        self.forwards = draft.forwards;
        self.draft = draft.id;
        self.base = draft.message;
    }

    /// The message as written.
    pub fn draft(&self, engine: &Engine) -> Draft {
        let account = self
            .from
            .as_ref()
            .map(|f| f.account.clone())
            .unwrap_or_default();
        let from = engine
            .account(&account)
            .map(|a| Person::new(a.display_name, a.email));
        let field = |v: &str| {
            let v = v.trim().trim_end_matches([',', ';']).trim();
            if v.is_empty() {
                Vec::new()
            } else {
                vec![v.to_owned()]
            }
        };
        Draft {
            id: self.draft.clone(),
            account,
            message: Outgoing {
                from,
                to: field(&self.to),
                cc: field(&self.cc),
                bcc: field(&self.bcc),
                subject: self.subject.clone(),
                text: self.body.text(),
                attachments: self.attachments.clone(),
                ..self.base.clone()
            },
            answers: self.answers,
            forwards: self.forwards,
        }
    }

    fn is_blank(&self) -> bool {
        self.to.trim().is_empty()
            && self.cc.trim().is_empty()
            && self.bcc.trim().is_empty()
            && self.subject.trim().is_empty()
            && self.body.text().trim().is_empty()
            && self.attachments.is_empty()
    }

    /// Adds a file dropped on the window (or picked in the file dialog).
    pub fn attach(&mut self, engine: &Engine, path: PathBuf) -> Task<Message> {
        Task::perform(engine.clone().read_attachment(path), |r| {
            Message::Attached(r.map(Box::new))
        })
    }

    /// Saves the draft every few seconds while it has unsaved changes.
    pub fn subscription(&self) -> Subscription<Message> {
        if self.dirty && !self.sending {
            iced::time::every(AUTOSAVE).map(|_| Message::Autosave)
        } else {
            Subscription::none()
        }
    }

    pub fn update(&mut self, engine: &Engine, message: Message) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Prepared(Ok(draft)) => {
                self.preparing = false;
                self.fill(*draft);
            }
            Message::Prepared(Err(failure)) => {
                self.preparing = false;
                self.error = Some(failure.message);
            }
            Message::From(choice) => {
                self.from = Some(choice);
                self.dirty = true;
            }
            Message::Address(field, value) => {
                *self.field_mut(field) = value.clone();
                self.dirty = true;
                let prefix = last_token(&value).to_owned();
                if prefix.chars().count() < 2 {
                    self.suggestions = None;
                    return (Task::none(), None);
                }
                return (
                    Task::perform(
                        engine.clone().known_addresses(prefix.clone(), SUGGESTIONS),
                        move |found| {
                            Message::Suggested(field, prefix.clone(), found.unwrap_or_default())
                        },
                    ),
                    None,
                );
            }
            Message::Suggested(field, prefix, found) => {
                // Only the answer for what is typed now counts.
                let current = last_token(self.field_mut(field)).to_owned();
                if current == prefix {
                    self.suggestions = (!found.is_empty()).then_some((field, found));
                }
            }
            Message::Complete(field, address) => {
                let value = self.field_mut(field);
                *value = complete(value, &address);
                self.suggestions = None;
                self.dirty = true;
            }
            Message::ShowCopies => self.copies = true,
            Message::Subject(value) => {
                self.subject = value;
                self.dirty = true;
            }
            Message::Body(action) => {
                if action.is_edit() {
                    self.dirty = true;
                }
                self.body.perform(action);
            }
            Message::Attach => {
                let title = tr!("composer-attach-title");
                return (
                    Task::perform(
                        async move {
                            rfd::AsyncFileDialog::new()
                                .set_title(title)
                                .pick_files()
                                .await
                                .unwrap_or_default()
                                .into_iter()
                                .map(|f| f.path().to_path_buf())
                                .collect()
                        },
                        Message::Picked,
                    ),
                    None,
                );
            }
            Message::Picked(paths) => {
                let tasks: Vec<_> = paths.into_iter().map(|p| self.attach(engine, p)).collect();
                return (Task::batch(tasks), None);
            }
            Message::Attached(Ok(attachment)) => {
                self.attachments.push(*attachment);
                self.dirty = true;
            }
            Message::Attached(Err(failure)) => self.error = Some(failure.message),
            Message::Remove(index) => {
                if index < self.attachments.len() {
                    self.attachments.remove(index);
                    self.dirty = true;
                }
            }
            Message::Autosave => return (self.save(engine), None),
            Message::Saved(result) => {
                self.saving = false;
                match result {
                    Ok(id) => self.draft = Some(id),
                    Err(failure) => {
                        self.dirty = true;
                        self.error = Some(failure.message);
                    }
                }
            }
            Message::Send => return (self.send(engine), None),
            Message::Sent(Ok(())) => return (Task::none(), Some(Event::Queued)),
            Message::Sent(Err(failure)) => {
                self.sending = false;
                self.error = Some(failure.message);
            }
            Message::Close => {
                if self.is_blank() {
                    return self.discard(engine);
                }
                // Kept even when just autosaved: the copy in the Drafts folder is made here.
                let draft = self.draft(engine);
                return (
                    Task::perform(engine.clone().keep_draft(draft), |r| {
                        Message::Closed(r.map(|_| ()))
                    }),
                    None,
                );
            }
            Message::Discard => return self.discard(engine),
            Message::Closed(Ok(())) => return (Task::none(), Some(Event::Closed)),
            Message::Closed(Err(failure)) => self.error = Some(failure.message),
        }
        (Task::none(), None)
    }

    fn discard(&mut self, engine: &Engine) -> (Task<Message>, Option<Event>) {
        match self.draft.clone() {
            Some(id) => (
                Task::perform(engine.clone().discard_draft(id), Message::Closed),
                None,
            ),
            None => (Task::none(), Some(Event::Closed)),
        }
    }

    fn field_mut(&mut self, field: AddressField) -> &mut String {
        match field {
            AddressField::To => &mut self.to,
            AddressField::Cc => &mut self.cc,
            AddressField::Bcc => &mut self.bcc,
        }
    }

    fn save(&mut self, engine: &Engine) -> Task<Message> {
        if !self.dirty || self.saving || self.sending || self.is_blank() {
            return Task::none();
        }
        self.dirty = false;
        self.saving = true;
        Task::perform(
            engine.clone().save_draft(self.draft(engine)),
            Message::Saved,
        )
    }

    fn send(&mut self, engine: &Engine) -> Task<Message> {
        let draft = self.draft(engine);
        if draft.account.is_empty() {
            self.error = Some(tr!("composer-error-from"));
            return Task::none();
        }
        let m = &draft.message;
        if m.to.is_empty() && m.cc.is_empty() && m.bcc.is_empty() {
            self.error = Some(tr!("composer-error-recipients"));
            return Task::none();
        }
        self.error = None;
        self.sending = true;
        Task::perform(engine.clone().send(draft), Message::Sent)
    }

    pub fn view(&self) -> Element<'_, Message> {
        let label = |s: String| {
            container(text(s).size(theme::SMALL_SIZE))
                .width(Length::Fixed(70.0))
                .align_y(Alignment::Center)
        };
        let mut form = column![
            row![
                text(self.title()).size(theme::HEADING_SIZE),
                space::horizontal(),
                button(text(tr!("composer-discard")))
                    .style(button::secondary)
                    .on_press(Message::Discard),
                button(text(tr!("composer-close")))
                    .style(button::secondary)
                    .on_press(Message::Close),
                button(
                    row![icon::icon(Icon::Sent), text(tr!("composer-send"))]
                        .spacing(6)
                        .align_y(Alignment::Center)
                )
                .padding([6, 16])
                .on_press_maybe((!self.sending && !self.preparing).then_some(Message::Send)),
            ]
            .spacing(theme::SPACING)
            .align_y(Alignment::Center),
        ]
        .spacing(theme::SPACING);
        if let Some(notice) = &self.notice {
            form = form.push(
                container(text(notice.clone()))
                    .padding(theme::SPACING)
                    .width(Length::Fill)
                    .style(theme::notice),
            );
        }
        if let Some(error) = &self.error {
            form = form.push(
                container(text(error.clone()))
                    .padding(theme::SPACING)
                    .width(Length::Fill)
                    .style(theme::error_box),
            );
        }
        form = form.push(
            row![
                label(tr!("composer-from")),
                pick_list(self.accounts.clone(), self.from.clone(), Message::From)
                    .width(Length::Fill)
            ]
            .spacing(theme::SPACING)
            .align_y(Alignment::Center),
        );
        form = form.push(self.address_row(AddressField::To, &self.to, tr!("composer-to")));
        if self.copies {
            form = form
                .push(self.address_row(AddressField::Cc, &self.cc, tr!("composer-cc")))
                .push(self.address_row(AddressField::Bcc, &self.bcc, tr!("composer-bcc")));
        } else {
            form = form.push(
                row![
                    space().width(Length::Fixed(70.0)),
                    button(text(tr!("composer-show-copies")).size(theme::SMALL_SIZE))
                        .style(button::text)
                        .padding(0)
                        .on_press(Message::ShowCopies)
                ]
                .spacing(theme::SPACING),
            );
        }
        form = form.push(
            row![
                label(tr!("composer-subject")),
                text_input("", &self.subject)
                    .id("composer-subject")
                    .on_input(Message::Subject)
                    .padding(6)
            ]
            .spacing(theme::SPACING)
            .align_y(Alignment::Center),
        );
        form = form.push(self.attachments_view());
        form = form.push(
            text_editor(&self.body)
                .id("composer-body")
                .placeholder(tr!("composer-body-hint"))
                .on_action(Message::Body)
                .padding(theme::SPACING)
                .height(Length::Fill),
        );
        let status = if self.preparing {
            tr!("composer-preparing")
        } else if self.sending {
            tr!("composer-sending")
        } else if self.saving {
            tr!("composer-saving")
        } else if self.draft.is_some() && !self.dirty {
            tr!("composer-saved")
        } else {
            String::new()
        };
        form = form.push(text(status).size(theme::SMALL_SIZE).style(theme::muted));
        container(form)
            .padding(theme::SPACING * 2.0)
            .width(Length::Fill)
            .height(Length::Fill)
            .style(theme::pane)
            .into()
    }

    fn title(&self) -> String {
        if self.answers.is_some() {
            tr!("composer-title-reply")
        } else if self.forwards.is_some() {
            tr!("composer-title-forward")
        } else {
            tr!("composer-title-new")
        }
    }

    fn address_row<'a>(
        &'a self,
        field: AddressField,
        value: &'a str,
        name: String,
    ) -> Element<'a, Message> {
        let id = match field {
            AddressField::To => "composer-to",
            AddressField::Cc => "composer-cc",
            AddressField::Bcc => "composer-bcc",
        };
        let input = text_input(&tr!("composer-address-hint"), value)
            .id(id)
            .on_input(move |v| Message::Address(field, v))
            .padding(6);
        let mut col = column![
            row![
                container(text(name).size(theme::SMALL_SIZE)).width(Length::Fixed(70.0)),
                input
            ]
            .spacing(theme::SPACING)
            .align_y(Alignment::Center)
        ]
        .spacing(2);
        if let Some((f, found)) = &self.suggestions
            && *f == field
        {
            let choices = row(found.iter().map(|address| {
                button(text(address.clone()).size(theme::SMALL_SIZE))
                    .style(button::secondary)
                    .padding([2, 8])
                    .on_press(Message::Complete(field, address.clone()))
                    .into()
            }))
            .spacing(4);
            col = col.push(row![
                space().width(Length::Fixed(78.0)),
                scrollable(choices).horizontal()
            ]);
        }
        col.into()
    }

    fn attachments_view(&self) -> Element<'_, Message> {
        let mut list = row![
            button(
                row![icon::icon(Icon::Attachment), text(tr!("composer-attach"))]
                    .spacing(6)
                    .align_y(Alignment::Center)
            )
            .style(button::secondary)
            .padding([4, 10])
            .on_press(Message::Attach)
        ]
        .spacing(theme::SPACING)
        .align_y(Alignment::Center);
        if self.attachments.is_empty() {
            list = list.push(
                text(tr!("composer-drop-hint"))
                    .size(theme::SMALL_SIZE)
                    .style(theme::muted),
            );
        }
        for (i, attachment) in self.attachments.iter().enumerate() {
            let name = attachment.name.clone();
            let size = attachment.data.len() as u64;
            list = list.push(
                container(
                    row![
                        text(name).size(theme::SMALL_SIZE),
                        text(crate::i18n::format_size(size))
                            .size(theme::SMALL_SIZE)
                            .style(theme::muted),
                        button(icon::sized(Icon::Close, 12.0))
                            .style(theme::tool)
                            .padding(2)
                            .on_press(Message::Remove(i)),
                    ]
                    .spacing(6)
                    .align_y(Alignment::Center),
                )
                .padding([2, 8])
                .style(container::rounded_box),
            );
        }
        scrollable(list).horizontal().into()
    }
}

/// Addresses typed into one field, separated by commas or semicolons.
pub fn split_addresses(value: &str) -> Vec<String> {
    value
        .split([',', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The address being typed: what follows the last separator.
fn last_token(value: &str) -> &str {
    value.rsplit([',', ';']).next().unwrap_or("").trim()
}

/// Replaces the address being typed with a chosen one and starts the next.
fn complete(value: &str, address: &str) -> String {
    let kept = match value.rfind([',', ';']) {
        Some(i) => format!("{} ", value[..=i].trim_end()),
        None => String::new(),
    };
    format!("{kept}{address}, ")
}

/// What a `mailto:` link asked for that was not done, in words; none when it was all used.
fn mailto_notice(link: &MailtoDraft) -> Option<String> {
    let names = |reason: IgnoredReason| {
        link.ignored
            .iter()
            .filter(|i| i.reason == reason)
            .map(|i| format!("“{}”", i.name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let files = names(IgnoredReason::ReadsFiles);
    let dropped = names(IgnoredReason::NotAllowed);
    let mut lines = Vec::new();
    if !files.is_empty() {
        lines.push(tr!("composer-mailto-files", names = files));
    }
    if !dropped.is_empty() {
        lines.push(tr!("composer-mailto-dropped", names = dropped));
    }
    (!lines.is_empty()).then(|| lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_split_on_commas_and_semicolons() {
        assert_eq!(
            split_addresses(" a@x.test, Bob <b@x.test> ; ,c@x.test "),
            vec!["a@x.test", "Bob <b@x.test>", "c@x.test"]
        );
        assert!(split_addresses(" , ").is_empty());
    }

    #[test]
    fn completion_replaces_only_the_address_being_typed() {
        assert_eq!(last_token("a@x.test, bo"), "bo");
        assert_eq!(
            complete("a@x.test, bo", "bob@x.test"),
            "a@x.test, bob@x.test, "
        );
        assert_eq!(complete("bo", "bob@x.test"), "bob@x.test, ");
    }
}
