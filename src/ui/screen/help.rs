//! The help overlay: every keyboard shortcut and what it does.

use iced::widget::{button, column, container, row, scrollable, space, text};
use iced::{Alignment, Element, Length};

use crate::tr;
use crate::ui::shortcuts::{self, Shortcut};
use crate::ui::theme;
use crate::ui::widget::icon::{self, Icon};

#[derive(Debug, Clone)]
pub enum Message {
    Close,
}

/// What the overlay asks of the window.
pub enum Event {
    Close,
}

pub fn update(message: Message) -> Event {
    match message {
        Message::Close => Event::Close,
    }
}

/// What a shortcut does, in words.
pub fn describe(shortcut: Shortcut) -> String {
    match shortcut {
        Shortcut::Compose => tr!("shortcut-compose"),
        Shortcut::Reply => tr!("shortcut-reply"),
        Shortcut::ReplyAll => tr!("shortcut-reply-all"),
        Shortcut::Forward => tr!("shortcut-forward"),
        Shortcut::Next => tr!("shortcut-next"),
        Shortcut::Previous => tr!("shortcut-previous"),
        Shortcut::Delete => tr!("shortcut-delete"),
        Shortcut::ToggleUnread => tr!("shortcut-unread"),
        Shortcut::ToggleFlag => tr!("shortcut-flag"),
        Shortcut::Archive => tr!("shortcut-archive"),
        Shortcut::Search => tr!("shortcut-search"),
        Shortcut::Help => tr!("shortcut-help"),
        Shortcut::Escape => tr!("shortcut-escape"),
    }
}

pub fn view<'a>() -> Element<'a, Message> {
    let lines = shortcuts::ALL.iter().map(|entry| {
        row![
            container(text(entry.keys).font(theme::MONO))
                .width(Length::Fixed(90.0))
                .padding([2.0, 6.0]),
            text(describe(entry.shortcut)),
        ]
        .spacing(theme::SPACING * 2.0)
        .align_y(Alignment::Center)
        .into()
    });
    let header = row![
        text(tr!("help-title")).size(theme::HEADING_SIZE),
        space::horizontal(),
        button(icon::icon(Icon::Close))
            .style(theme::tool)
            .on_press(Message::Close),
    ]
    .align_y(Alignment::Center);
    let body = column![
        header,
        text(tr!("help-intro")).style(theme::muted),
        scrollable(column(lines).spacing(theme::SPACING)),
    ]
    .spacing(theme::SPACING * 2.0);
    container(body)
        .padding(theme::SPACING * 3.0)
        .max_width(480)
        .style(theme::card)
        .into()
}
