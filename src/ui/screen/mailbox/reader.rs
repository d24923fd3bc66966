//! The reader: the selected message's header, body and attachments.

use iced::widget::{column, container, scrollable, text};
use iced::{Element, Length, Task};

use crate::engine::handle::{Engine, Failure, Row};
use crate::tr;
use crate::ui::theme;

use super::Act;

#[derive(Debug, Clone)]
pub enum Message {}

pub enum Event {
    Act(Act),
    Failed(Failure),
}

#[derive(Default)]
pub struct Reader {
    row: Option<Row>,
}

impl Reader {
    pub fn open(&mut self, _engine: &Engine, row: Row) -> Task<Message> {
        self.row = Some(row);
        Task::none()
    }

    pub fn clear(&mut self) {
        self.row = None;
    }

    pub fn row(&self) -> Option<&Row> {
        self.row.as_ref()
    }

    pub fn patch(&mut self, f: impl Fn(&mut Row)) {
        if let Some(row) = &mut self.row {
            f(row);
        }
    }

    pub fn update(&mut self, _engine: &Engine, message: Message) -> (Task<Message>, Option<Event>) {
        match message {}
    }

    pub fn view<'a>(
        &'a self,
        actions: Option<Element<'a, super::Message>>,
        error: Option<&'a str>,
    ) -> Element<'a, super::Message> {
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
            return container(content.push(text(tr!("reader-nothing")).style(theme::muted)))
                .padding(theme::SPACING * 3.0)
                .into();
        };
        if let Some(actions) = actions {
            content = content.push(actions);
        }
        content = content.push(text(row.subject.clone()).size(theme::HEADING_SIZE));
        container(scrollable(content))
            .padding(theme::SPACING * 2.0)
            .width(Length::Fill)
            .height(Length::Fill)
            .into()
    }
}
