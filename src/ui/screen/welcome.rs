//! The first thing a new user sees: what Tidings is, and the way to add an account.

use iced::widget::{button, column, container, text};
use iced::{Alignment, Element, Length, Task};

use crate::tr;
use crate::ui::theme;

#[derive(Debug, Default)]
pub struct Welcome;

#[derive(Debug, Clone)]
pub enum Message {
    AddAccount,
}

impl Welcome {
    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            // The setup wizard is its own screen, built with the accounts engine.
            Message::AddAccount => Task::none(),
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let content = column![
            text(tr!("welcome-title")).size(theme::TITLE_SIZE),
            text(tr!("welcome-body")).width(Length::Fill).center(),
            button(text(tr!("welcome-add-account")))
                .padding([10, 24])
                .on_press(Message::AddAccount),
        ]
        .spacing(theme::SPACING * 2.0)
        .align_x(Alignment::Center)
        .max_width(520);
        container(content)
            .width(Length::Fill)
            .height(Length::Fill)
            .center(Length::Fill)
            .into()
    }
}
