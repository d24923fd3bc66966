//! Asking for an account's password when the keyring cannot give it (none stored, no
//! keyring on this desktop, or a locked one), as Thunderbird asks when it has none saved.

use iced::widget::{button, checkbox, column, container, row, space, text, text_input};
use iced::{Alignment, Element, Length, Task};

use crate::engine::handle::{Engine, Failure};
use crate::engine::secret::Secret;
use crate::tr;
use crate::ui::theme;

#[derive(Debug, Clone)]
pub enum Message {
    Typed(String),
    Remember(bool),
    Submit,
    Cancel,
    Given(Result<bool, Failure>),
}

/// What the prompt asks of the window.
pub enum Event {
    /// The password was taken (and the account syncs), or the user declined to give it.
    Close,
}

pub struct Prompt {
    account: String,
    /// Why the keyring could not give it, in words.
    reason: String,
    password: String,
    remember: bool,
    busy: bool,
    error: Option<String>,
}

impl Prompt {
    pub fn new(account: String, reason: String) -> Self {
        Self {
            account,
            reason,
            password: String::new(),
            remember: true,
            busy: false,
            error: None,
        }
    }

    pub fn account(&self) -> &str {
        &self.account
    }

    pub fn update(&mut self, engine: &Engine, message: Message) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Typed(password) => self.password = password,
            Message::Remember(remember) => self.remember = remember,
            Message::Submit if !self.password.is_empty() && !self.busy => {
                self.busy = true;
                self.error = None;
                let given = engine.clone().give_password(
                    self.account.clone(),
                    Secret::new(std::mem::take(&mut self.password)),
                    self.remember,
                );
                return (Task::perform(given, Message::Given), None);
            }
            Message::Submit => {}
            Message::Cancel => return (Task::none(), Some(Event::Close)),
            Message::Given(Ok(_)) => return (Task::none(), Some(Event::Close)),
            Message::Given(Err(failure)) => {
                self.busy = false;
                self.error = Some(failure.message);
            }
        }
        (Task::none(), None)
    }

    pub fn view(&self) -> Element<'_, Message> {
        let mut input = text_input(&tr!("password-prompt-hint"), &self.password)
            .id("password-prompt")
            .secure(true)
            .padding(theme::SPACING);
        if !self.busy {
            input = input.on_input(Message::Typed).on_submit(Message::Submit);
        }
        let ok = button(text(tr!("password-prompt-ok")))
            .on_press_maybe((!self.password.is_empty() && !self.busy).then_some(Message::Submit));
        let cancel = button(text(tr!("password-prompt-cancel")))
            .style(button::secondary)
            .on_press(Message::Cancel);
        let mut body = column![
            text(tr!(
                "password-prompt-title",
                account = self.account.as_str()
            ))
            .size(theme::HEADING_SIZE),
            text(self.reason.clone()).style(theme::muted),
            input,
            checkbox(self.remember)
                .label(tr!("password-prompt-remember"))
                .on_toggle(Message::Remember),
        ]
        .spacing(theme::SPACING * 2.0);
        if let Some(error) = &self.error {
            body = body.push(text(error.clone()).style(theme::danger_text));
        }
        body = body.push(
            row![space::horizontal(), cancel, ok]
                .spacing(theme::SPACING)
                .align_y(Alignment::Center),
        );
        container(body)
            .padding(theme::SPACING * 3.0)
            .max_width(480)
            .width(Length::Fill)
            .style(theme::card)
            .into()
    }
}
