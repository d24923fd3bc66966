//! Settings: accounts (edit, remove with the POP3 warning, POP3 options, offline window, Sent
//! copy, signature), appearance, notifications and language.

use iced::widget::{
    button, column, container, row, scrollable, space, text, text_editor, text_input,
};
use iced::{Alignment, Element, Length, Task};

use crate::engine::account::{Account, MailChoice, Protocol};
use crate::engine::handle::{Engine, Failure};
use crate::engine::secret::Secret;
use crate::tr;
use crate::ui::preferences::{Appearance, Preferences};
use crate::ui::theme;
use crate::ui::widget::choice;
use crate::ui::widget::icon::{self, Icon};
use crate::ui::widget::server_form::{self, Field, SecurityChoice, ServerForm, Which};

/// A language choice; none follows the system.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageChoice(pub Option<String>);

impl std::fmt::Display for LanguageChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            None => f.write_str(&tr!("settings-language-system")),
            Some(tag) => f.write_str(&autonym(tag)),
        }
    }
}

/// A shipped language by its own name, as people look for it in a list whatever language
/// the window is in; the name comes from that language's own Fluent file (`language-name`),
/// so a new language needs no code here. An unknown tag shows as itself.
pub fn autonym(tag: &str) -> String {
    match tag.parse() {
        Ok(lang) => crate::i18n::native_name(&lang),
        Err(_) => tag.to_owned(),
    }
}

/// A numeric setting typed as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Number {
    BodiesForDays,
    PollMinutes,
    Pop3CheckMinutes,
    Pop3DeleteAfterDays,
}

#[derive(Debug, Clone)]
pub enum Message {
    Close,
    Show(Page),
    SelectAccount(String),
    DisplayName(String),
    Signature(text_editor::Action),
    SentCopy(bool),
    LeaveOnServer(bool),
    DeleteWhenDeletedLocally(bool),
    Number(Number, String),
    ServerField(Which, Field, String),
    ServerSecurity(Which, SecurityChoice),
    Password(String),
    SaveAccount,
    AccountSaved(Result<(), Failure>),
    AddAccount,
    /// Ask before removing the selected account.
    Remove,
    CancelRemove,
    /// Remove it; for POP3, whether to keep its local mail.
    ConfirmRemove {
        keep_mail: bool,
    },
    Removed(String, Result<(), Failure>),
    Appearance(Appearance),
    Notifications(bool),
    Language(LanguageChoice),
}

/// What settings ask of the window.
pub enum Event {
    Close,
    Preferences(Preferences),
    AddAccount,
    AccountsChanged { removed: Option<String> },
}

/// The account being edited, with numbers as typed.
struct Editing {
    account: Account,
    signature: text_editor::Content,
    bodies_for_days: String,
    poll_minutes: String,
    pop3_check_minutes: String,
    pop3_delete_after_days: String,
    incoming: ServerForm,
    outgoing: ServerForm,
    /// A new password; empty keeps the one in the keyring.
    password: String,
    changed: bool,
}

impl Editing {
    fn new(account: Account) -> Self {
        let opt = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
        Self {
            signature: text_editor::Content::with_text(&account.signature),
            bodies_for_days: opt(account.sync.bodies_for_days),
            poll_minutes: account.sync.poll_every_minutes.to_string(),
            pop3_check_minutes: opt(account.pop3.check_every_minutes),
            pop3_delete_after_days: opt(account.pop3.delete_after_days),
            incoming: ServerForm::from_server(&account.incoming),
            outgoing: ServerForm::from_server(&account.outgoing),
            password: String::new(),
            account,
            changed: false,
        }
    }

    /// The account with what was typed, or the field that is wrong.
    fn result(&self) -> Result<Account, String> {
        let optional = |v: &str, name: String| -> Result<Option<u32>, String> {
            let v = v.trim();
            if v.is_empty() {
                return Ok(None);
            }
            v.parse::<u32>()
                .ok()
                .filter(|n| *n > 0)
                .map(Some)
                .ok_or_else(|| tr!("settings-error-number", field = name))
        };
        let mut account = self.account.clone();
        account.signature = self.signature.text().trim_end().to_owned();
        account.sync.bodies_for_days =
            optional(&self.bodies_for_days, tr!("settings-offline-days"))?;
        account.sync.poll_every_minutes =
            optional(&self.poll_minutes, tr!("settings-poll-minutes"))?.unwrap_or(5);
        account.pop3.check_every_minutes =
            optional(&self.pop3_check_minutes, tr!("settings-pop3-check"))?;
        account.pop3.delete_after_days =
            optional(&self.pop3_delete_after_days, tr!("settings-pop3-days"))?;
        account.incoming = self.incoming.to_server(&tr!("wizard-incoming"))?;
        account.outgoing = self.outgoing.to_server(&tr!("wizard-outgoing"))?;
        Ok(account)
    }
}

/// Which part of settings is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// The selected account: name, signature, options.
    General,
    /// The selected account: its servers and password.
    Servers,
    Appearance,
}

pub struct Settings {
    page: Page,
    prefs: Preferences,
    accounts: Vec<Account>,
    editing: Option<Editing>,
    confirm_remove: bool,
    message: Option<Result<String, String>>,
    busy: bool,
}

impl Settings {
    pub fn new(engine: &Engine, prefs: Preferences) -> Self {
        let accounts = engine.accounts();
        let editing = accounts.first().cloned().map(Editing::new);
        Self {
            page: if editing.is_some() {
                Page::General
            } else {
                Page::Appearance
            },
            prefs,
            accounts,
            editing,
            confirm_remove: false,
            message: None,
            busy: false,
        }
    }

    fn edit(&mut self) -> Option<&mut Editing> {
        self.message = None;
        let editing = self.editing.as_mut()?;
        editing.changed = true;
        Some(editing)
    }

    pub fn update(&mut self, engine: &Engine, message: Message) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Close => return (Task::none(), Some(Event::Close)),
            Message::Show(page) => self.page = page,
            Message::SelectAccount(name) => {
                if let Some(account) = self.accounts.iter().find(|a| a.name == name) {
                    self.editing = Some(Editing::new(account.clone()));
                    if self.page == Page::Appearance {
                        self.page = Page::General;
                    }
                    self.confirm_remove = false;
                    self.message = None;
                }
            }
            Message::DisplayName(v) => {
                if let Some(e) = self.edit() {
                    e.account.display_name = v;
                }
            }
            Message::Signature(action) => {
                let is_edit = action.is_edit();
                if let Some(e) = self.editing.as_mut() {
                    e.signature.perform(action);
                    e.changed |= is_edit;
                }
            }
            Message::SentCopy(v) => {
                if let Some(e) = self.edit() {
                    e.account.save_sent_copy = v;
                }
            }
            Message::LeaveOnServer(v) => {
                if let Some(e) = self.edit() {
                    e.account.pop3.leave_on_server = v;
                }
            }
            Message::DeleteWhenDeletedLocally(v) => {
                if let Some(e) = self.edit() {
                    e.account.pop3.delete_when_deleted_locally = v;
                }
            }
            Message::Number(which, v) => {
                if let Some(e) = self.edit() {
                    let slot = match which {
                        Number::BodiesForDays => &mut e.bodies_for_days,
                        Number::PollMinutes => &mut e.poll_minutes,
                        Number::Pop3CheckMinutes => &mut e.pop3_check_minutes,
                        Number::Pop3DeleteAfterDays => &mut e.pop3_delete_after_days,
                    };
                    *slot = v;
                }
            }
            Message::ServerField(which, field, value) => {
                if let Some(e) = self.edit() {
                    let form = match which {
                        Which::Incoming => &mut e.incoming,
                        Which::Outgoing => &mut e.outgoing,
                    };
                    match field {
                        Field::Host => form.host = value,
                        Field::Port => form.port = value,
                        Field::Username => form.username = value,
                    }
                }
            }
            Message::ServerSecurity(which, choice) => {
                if let Some(e) = self.edit() {
                    match which {
                        Which::Incoming => e.incoming.security = Some(choice.0),
                        Which::Outgoing => e.outgoing.security = Some(choice.0),
                    }
                }
            }
            Message::Password(value) => {
                if let Some(e) = self.edit() {
                    e.password = value;
                }
            }
            Message::SaveAccount => {
                let Some(editing) = &self.editing else {
                    return (Task::none(), None);
                };
                match editing.result() {
                    Ok(account) => {
                        self.busy = true;
                        let password = (!editing.password.is_empty())
                            .then(|| Secret::new(editing.password.clone()));
                        return (
                            Task::perform(
                                engine.clone().update_account(account, password),
                                Message::AccountSaved,
                            ),
                            None,
                        );
                    }
                    Err(problem) => self.message = Some(Err(problem)),
                }
            }
            Message::AccountSaved(result) => {
                self.busy = false;
                match result {
                    Ok(()) => {
                        self.accounts = engine.accounts();
                        if let Some(e) = self.editing.as_mut() {
                            e.changed = false;
                            e.password.clear();
                            engine.start_account(&e.account.name);
                        }
                        self.message = Some(Ok(tr!("settings-saved")));
                        return (Task::none(), Some(Event::AccountsChanged { removed: None }));
                    }
                    Err(failure) => self.message = Some(Err(failure.message)),
                }
            }
            Message::AddAccount => return (Task::none(), Some(Event::AddAccount)),
            Message::Remove => self.confirm_remove = true,
            Message::CancelRemove => self.confirm_remove = false,
            Message::ConfirmRemove { keep_mail } => {
                let Some(editing) = &self.editing else {
                    return (Task::none(), None);
                };
                let name = editing.account.name.clone();
                // An IMAP account's cache goes (the server keeps the mail); a POP3 account's
                // mail goes only when the user said so.
                let choice = match (editing.account.protocol, keep_mail) {
                    (Protocol::Imap, _) => MailChoice::Ask,
                    (Protocol::Pop3, true) => MailChoice::Keep,
                    (Protocol::Pop3, false) => MailChoice::Delete,
                };
                self.busy = true;
                return (
                    Task::perform(
                        engine.clone().remove_account(name.clone(), choice),
                        move |r| Message::Removed(name.clone(), r),
                    ),
                    None,
                );
            }
            Message::Removed(name, result) => {
                self.busy = false;
                self.confirm_remove = false;
                match result {
                    Ok(()) => {
                        self.accounts = engine.accounts();
                        self.editing = self.accounts.first().cloned().map(Editing::new);
                        self.message = Some(Ok(tr!("settings-removed", account = name.as_str())));
                        return (
                            Task::none(),
                            Some(Event::AccountsChanged {
                                removed: Some(name),
                            }),
                        );
                    }
                    Err(failure) => self.message = Some(Err(failure.message)),
                }
            }
            Message::Appearance(a) => {
                self.prefs.appearance = a;
                return (Task::none(), Some(Event::Preferences(self.prefs.clone())));
            }
            Message::Notifications(on) => {
                self.prefs.notify_new_mail = on;
                return (Task::none(), Some(Event::Preferences(self.prefs.clone())));
            }
            Message::Language(choice) => {
                self.prefs.language = choice.0;
                return (Task::none(), Some(Event::Preferences(self.prefs.clone())));
            }
        }
        (Task::none(), None)
    }

    pub fn view(&self) -> Element<'_, Message> {
        let header = row![
            icon::sized(Icon::Settings, 22.0),
            text(tr!("settings-title")).size(theme::TITLE_SIZE),
            space::horizontal(),
            button(icon::icon(Icon::Close))
                .style(theme::tool)
                .on_press(Message::Close),
        ]
        .spacing(theme::SPACING)
        .align_y(Alignment::Center);
        let mut body = column![].spacing(theme::SPACING * 2.0);
        if let Some(message) = &self.message {
            body = body.push(match message {
                Ok(done) => text(done.clone()).style(theme::success_text),
                Err(problem) => text(problem.clone()).style(theme::danger_text),
            });
        }
        body = body.push(match (self.page, &self.editing) {
            (Page::General, Some(e)) => self.general_form(e),
            (Page::Servers, Some(e)) => self.servers_form(e),
            _ => self.appearance_view(),
        });
        // Saving stays in view however far the form is scrolled.
        let changed = self.editing.as_ref().is_some_and(|e| e.changed);
        let footer = row![
            space::horizontal(),
            button(text(tr!("settings-save")))
                .on_press_maybe((changed && !self.busy).then_some(Message::SaveAccount)),
        ];
        let content = column![
            header,
            self.tabs(),
            scrollable(body.padding(iced::Padding::ZERO.right(12.0))).height(Length::Fill),
            footer,
        ]
        .spacing(theme::SPACING * 2.0);
        container(content)
            .padding(theme::SPACING * 3.0)
            .max_width(760)
            .max_height(680)
            .style(theme::card)
            .into()
    }

    /// The accounts, the appearance, and the selected account's two pages.
    fn tabs(&self) -> Element<'_, Message> {
        let tab = |label: String, selected: bool, message: Message| {
            button(text(label).size(theme::SMALL_SIZE))
                .style(if selected {
                    button::primary
                } else {
                    button::secondary
                })
                .on_press(message)
        };
        let on_account = |name: &str| {
            self.page != Page::Appearance
                && self
                    .editing
                    .as_ref()
                    .is_some_and(|e| e.account.name == name)
        };
        let top = row(self.accounts.iter().map(|a| {
            tab(
                a.name.clone(),
                on_account(&a.name),
                Message::SelectAccount(a.name.clone()),
            )
            .into()
        }))
        .push(tab(
            tr!("settings-appearance"),
            self.page == Page::Appearance,
            Message::Show(Page::Appearance),
        ))
        .push(space::horizontal())
        .push(
            button(text(tr!("settings-add-account")).size(theme::SMALL_SIZE))
                .style(button::secondary)
                .on_press(Message::AddAccount),
        )
        .spacing(theme::SPACING)
        .align_y(Alignment::Center);
        let mut tabs = column![scrollable(top).horizontal()].spacing(theme::SPACING);
        if self.page != Page::Appearance && self.editing.is_some() {
            tabs = tabs.push(
                row![
                    tab(
                        tr!("settings-general"),
                        self.page == Page::General,
                        Message::Show(Page::General)
                    ),
                    tab(
                        tr!("settings-servers"),
                        self.page == Page::Servers,
                        Message::Show(Page::Servers)
                    ),
                ]
                .spacing(theme::SPACING),
            );
        }
        tabs.into()
    }

    fn general_form<'a>(&'a self, e: &'a Editing) -> Element<'a, Message> {
        let a = &e.account;
        let number = |which: Number, value: &'a str, label: String| {
            row![
                text(label).width(Length::Fill),
                text_input("", value)
                    .on_input(move |v| Message::Number(which, v))
                    .width(Length::Fixed(80.0))
                    .padding(4),
            ]
            .spacing(theme::SPACING)
            .align_y(Alignment::Center)
        };
        let protocol = match a.protocol {
            Protocol::Imap => tr!("wizard-imap"),
            Protocol::Pop3 => tr!("wizard-pop3"),
        };
        let mut form = column![
            text(tr!(
                "settings-account-summary",
                email = a.email.as_str(),
                protocol = protocol,
                host = a.incoming.host.as_str()
            ))
            .size(theme::SMALL_SIZE)
            .style(theme::muted),
            row![
                text(tr!("settings-display-name")).width(Length::Fixed(160.0)),
                text_input("", &a.display_name)
                    .id("settings-display-name")
                    .on_input(Message::DisplayName)
                    .padding(4),
            ]
            .spacing(theme::SPACING)
            .align_y(Alignment::Center),
            text(tr!("settings-signature")),
            text_editor(&e.signature)
                .id("settings-signature")
                .on_action(Message::Signature)
                .height(Length::Fixed(80.0))
                .padding(6),
        ]
        .spacing(theme::SPACING);
        match a.protocol {
            Protocol::Imap => {
                form = form
                    .push(choice::toggle(
                        tr!("settings-sent-copy"),
                        a.save_sent_copy,
                        Message::SentCopy,
                    ))
                    .push(number(
                        Number::BodiesForDays,
                        &e.bodies_for_days,
                        tr!("settings-offline-days"),
                    ))
                    .push(number(
                        Number::PollMinutes,
                        &e.poll_minutes,
                        tr!("settings-poll-minutes"),
                    ));
            }
            Protocol::Pop3 => {
                form = form
                    .push(
                        text(tr!("settings-pop3-only-copy"))
                            .size(theme::SMALL_SIZE)
                            .style(theme::muted),
                    )
                    .push(choice::toggle(
                        tr!("settings-pop3-leave"),
                        a.pop3.leave_on_server,
                        Message::LeaveOnServer,
                    ));
                if a.pop3.leave_on_server {
                    form = form
                        .push(number(
                            Number::Pop3DeleteAfterDays,
                            &e.pop3_delete_after_days,
                            tr!("settings-pop3-days"),
                        ))
                        .push(choice::toggle(
                            tr!("settings-pop3-delete-local"),
                            a.pop3.delete_when_deleted_locally,
                            Message::DeleteWhenDeletedLocally,
                        ));
                }
                form = form.push(number(
                    Number::Pop3CheckMinutes,
                    &e.pop3_check_minutes,
                    tr!("settings-pop3-check"),
                ));
            }
        }
        form = form.push(
            row![
                space::horizontal(),
                button(text(tr!("settings-remove")))
                    .style(button::danger)
                    .on_press_maybe((!self.busy).then_some(Message::Remove)),
            ]
            .spacing(theme::SPACING),
        );
        if self.confirm_remove {
            form = form.push(self.remove_confirmation(a));
        }
        container(form)
            .padding(theme::SPACING * 1.5)
            .style(container::bordered_box)
            .into()
    }

    fn servers_form<'a>(&'a self, e: &'a Editing) -> Element<'a, Message> {
        let a = &e.account;
        let form = column![]
            .spacing(theme::SPACING * 1.5)
            .push(server_form::editor(
                Which::Incoming,
                &e.incoming,
                a.protocol,
                Message::ServerField,
                Message::ServerSecurity,
            ))
            .push(server_form::editor(
                Which::Outgoing,
                &e.outgoing,
                a.protocol,
                Message::ServerField,
                Message::ServerSecurity,
            ))
            .push(
                row![
                    text(tr!("settings-password")).width(Length::Fixed(160.0)),
                    text_input(&tr!("settings-password-hint"), &e.password)
                        .id("settings-password")
                        .secure(true)
                        .on_input(Message::Password)
                        .padding(4),
                ]
                .spacing(theme::SPACING)
                .align_y(Alignment::Center),
            );
        container(form)
            .padding(theme::SPACING * 1.5)
            .style(container::bordered_box)
            .into()
    }

    fn remove_confirmation<'a>(&self, a: &'a Account) -> Element<'a, Message> {
        let content = match a.protocol {
            Protocol::Pop3 => column![
                row![
                    icon::icon(Icon::Warning),
                    text(tr!(
                        "settings-remove-pop3-warning",
                        account = a.name.as_str()
                    ))
                ]
                .spacing(theme::SPACING),
                row![
                    button(text(tr!("settings-cancel")))
                        .style(button::secondary)
                        .on_press(Message::CancelRemove),
                    space::horizontal(),
                    button(text(tr!("settings-remove-keep-mail")))
                        .on_press(Message::ConfirmRemove { keep_mail: true }),
                    button(text(tr!("settings-remove-delete-mail")))
                        .style(button::danger)
                        .on_press(Message::ConfirmRemove { keep_mail: false }),
                ]
                .spacing(theme::SPACING),
            ],
            Protocol::Imap => column![
                text(tr!("settings-remove-imap", account = a.name.as_str())),
                row![
                    button(text(tr!("settings-cancel")))
                        .style(button::secondary)
                        .on_press(Message::CancelRemove),
                    space::horizontal(),
                    button(text(tr!("settings-remove-confirm")))
                        .style(button::danger)
                        .on_press(Message::ConfirmRemove { keep_mail: false }),
                ]
                .spacing(theme::SPACING),
            ],
        };
        container(content.spacing(theme::SPACING))
            .padding(theme::SPACING)
            .style(theme::notice)
            .into()
    }

    fn appearance_view(&self) -> Element<'_, Message> {
        let appearance = row(Appearance::ALL.iter().map(|&a| {
            let label = match a {
                Appearance::System => tr!("settings-appearance-system"),
                Appearance::Light => tr!("settings-appearance-light"),
                Appearance::Dark => tr!("settings-appearance-dark"),
            };
            choice::option(
                label,
                None,
                self.prefs.appearance == a,
                Message::Appearance(a),
            )
        }))
        .spacing(theme::SPACING);
        let mut languages = vec![LanguageChoice(None)];
        languages.extend(
            crate::i18n::available()
                .into_iter()
                .map(|l| LanguageChoice(Some(l.to_string()))),
        );
        column![
            text(tr!("settings-appearance")).size(theme::HEADING_SIZE),
            appearance,
            choice::toggle(
                tr!("settings-notifications"),
                self.prefs.notify_new_mail,
                Message::Notifications
            ),
            text(tr!("settings-language")).size(theme::HEADING_SIZE),
            // Every language in its own name, so anyone finds theirs; two columns keep the
            // list short.
            row(languages.chunks(languages.len().div_ceil(2)).map(|half| {
                column(half.iter().map(|l| {
                    choice::option(
                        l.to_string(),
                        None,
                        self.prefs.language == l.0,
                        Message::Language(l.clone()),
                    )
                }))
                .width(Length::Fill)
                .into()
            }))
            .spacing(theme::SPACING),
        ]
        .spacing(theme::SPACING * 1.5)
        .into()
    }
}
