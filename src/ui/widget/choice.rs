//! Options the whole line of which is clickable: one of several (a radio), or on/off (a
//! checkbox), with an optional explanation under the label.

use iced::widget::{button, checkbox, column, radio, row, text};
use iced::{Alignment, Element, Length};

use crate::ui::theme;

/// One of several options.
pub fn option<'a, Message: Clone + 'a>(
    label: String,
    explanation: Option<String>,
    selected: bool,
    on_select: Message,
) -> Element<'a, Message> {
    let mark = radio("", (), selected.then_some(()), {
        let m = on_select.clone();
        move |()| m.clone()
    })
    .spacing(0);
    line(mark.into(), label, explanation, on_select)
}

/// An option that is on or off.
pub fn toggle<'a, Message: Clone + 'a>(
    label: String,
    on: bool,
    on_toggle: impl Fn(bool) -> Message + 'a,
) -> Element<'a, Message> {
    let message = on_toggle(!on);
    let mark = checkbox(on).on_toggle(on_toggle);
    line(mark.into(), label, None, message)
}

fn line<'a, Message: Clone + 'a>(
    mark: Element<'a, Message>,
    label: String,
    explanation: Option<String>,
    on_press: Message,
) -> Element<'a, Message> {
    let mut words = column![text(label)].spacing(2).width(Length::Fill);
    if let Some(explanation) = explanation {
        words = words.push(
            text(explanation)
                .size(theme::SMALL_SIZE)
                .style(theme::muted),
        );
    }
    button(
        row![mark, words]
            .spacing(theme::SPACING)
            .align_y(Alignment::Start),
    )
    .padding([4, 6])
    .width(Length::Fill)
    .style(theme::tool)
    .on_press(on_press)
    .into()
}
