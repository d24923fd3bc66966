//! The message list: virtualized, paged from the store, with conversations that expand.
//!
//! Only the rows on screen are built, and only [`virtual_list::KEPT_PAGES`] pages of rows are
//! held, so a 100,000-message folder costs what a 100-message one does. Every row has the same
//! height, so nothing moves while pages arrive.

use std::collections::HashMap;

use iced::widget::{Id, column, container, mouse_area, row, scrollable, space, text};
use iced::{Alignment, Element, Length, Task};

use crate::engine::handle::{Engine, Failure, Row, Source};
use crate::tr;
use crate::ui::theme;
use crate::ui::widget::icon::{self, Icon};
use crate::ui::widget::virtual_list::{self, Expansion, PAGE, PageCache, Slot};

/// Messages of the list, wrapped by the mailbox's own.
#[derive(Debug, Clone)]
pub enum Message {
    Counted(u64, Result<usize, Failure>),
    Page(u64, usize, Result<Vec<Row>, Failure>),
    Scrolled(scrollable::Viewport),
    /// A row was pressed: select it (and perhaps start dragging it).
    Pressed(usize),
    ToggleThread(usize),
    Thread(u64, usize, Result<Vec<Row>, Failure>),
}

/// What the list tells the mailbox.
pub enum Event {
    /// This message was selected: open it in the reader.
    Selected(Row),
    /// A message row was pressed: a drag may follow.
    DragStarted(Row),
    Failed(Failure),
}

pub struct MessageList {
    source: Source,
    /// Bumped whenever the list's content is replaced, so late answers for an older list
    /// are recognised and dropped.
    generation: u64,
    /// Top-level rows; none until counted.
    total: Option<usize>,
    rows: PageCache<Row>,
    /// The rows shown before the last reload, shown until fresh ones arrive, so a refresh
    /// after new mail never blanks the list.
    previous: PageCache<Row>,
    expansion: Expansion,
    /// The other messages of each expanded conversation, by top-level index.
    children: HashMap<usize, Vec<Row>>,
    offset: f32,
    viewport: f32,
    selected: Option<i64>,
    scroll: Id,
}

impl MessageList {
    pub fn new(source: Source) -> Self {
        Self {
            source,
            generation: 0,
            total: None,
            rows: PageCache::default(),
            previous: PageCache::default(),
            expansion: Expansion::default(),
            children: HashMap::new(),
            offset: 0.0,
            // Until the first scroll event tells the real height: a tall window's worth.
            viewport: 1200.0,
            selected: None,
            scroll: Id::unique(),
        }
    }

    pub fn source(&self) -> &Source {
        &self.source
    }

    pub fn total(&self) -> Option<usize> {
        self.total
    }

    /// Rows shown, with expanded conversations.
    fn shown(&self) -> usize {
        self.expansion.len(self.total.unwrap_or(0))
    }

    /// Shows another source from the top.
    pub fn show(&mut self, engine: &Engine, source: Source) -> Task<Message> {
        self.source = source;
        self.selected = None;
        self.offset = 0.0;
        self.total = None;
        let task = self.reload(engine);
        // Another list: nothing of the old one may show.
        self.previous.clear();
        task.chain(iced::widget::operation::snap_to(
            self.scroll.clone(),
            scrollable::RelativeOffset::START,
        ))
    }

    /// Counts and loads the visible rows again, keeping the scroll position and selection:
    /// the store changed underneath.
    pub fn reload(&mut self, engine: &Engine) -> Task<Message> {
        self.generation += 1;
        // Reloads in a row: keep the rows last shown, not an empty list.
        if self.rows.pages() > 0 {
            self.previous = std::mem::take(&mut self.rows);
        } else {
            self.rows.clear();
        }
        self.children.clear();
        self.expansion.clear();
        let generation = self.generation;
        let source = self.source.clone();
        Task::perform(engine.clone().count(source), move |r| {
            Message::Counted(generation, r)
        })
    }

    pub fn update(&mut self, engine: &Engine, message: Message) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Counted(generation, result) if generation == self.generation => match result {
                Ok(total) => {
                    self.total = Some(total);
                    return (self.fetch_visible(engine), None);
                }
                Err(failure) => return (Task::none(), Some(Event::Failed(failure))),
            },
            Message::Page(generation, page, result) if generation == self.generation => {
                match result {
                    Ok(rows) => {
                        let near = self.first_visible_top();
                        self.rows.insert(page, rows, near);
                    }
                    Err(failure) => {
                        self.rows.failed(page);
                        return (Task::none(), Some(Event::Failed(failure)));
                    }
                }
            }
            Message::Thread(generation, top, result) if generation == self.generation => {
                match result {
                    Ok(members) => {
                        let own = self.rows.get(top).map(|r| r.id);
                        let others: Vec<Row> =
                            members.into_iter().filter(|m| Some(m.id) != own).collect();
                        if !others.is_empty() {
                            self.expansion.open(top, others.len());
                            self.children.insert(top, others);
                        }
                    }
                    Err(failure) => return (Task::none(), Some(Event::Failed(failure))),
                }
            }
            Message::Counted(..) | Message::Page(..) | Message::Thread(..) => {}
            Message::Scrolled(viewport) => {
                self.offset = viewport.absolute_offset().y;
                self.viewport = viewport.bounds().height;
                return (self.fetch_visible(engine), None);
            }
            Message::Pressed(visual) => {
                if let Some(row) = self.row_at(visual).cloned() {
                    self.selected = Some(row.id);
                    return (Task::none(), Some(Event::DragStarted(row)));
                }
            }
            Message::ToggleThread(top) => return (self.toggle_thread(engine, top), None),
        }
        (Task::none(), None)
    }

    fn first_visible_top(&self) -> usize {
        let visual = (self.offset / theme::ROW_HEIGHT) as usize;
        match self.expansion.locate(visual) {
            Slot::Top(i) => i,
            Slot::Child { parent, .. } => parent,
        }
    }

    /// Asks the store for the pages the visible rows need.
    fn fetch_visible(&mut self, engine: &Engine) -> Task<Message> {
        let Some(total) = self.total else {
            return Task::none();
        };
        let range = virtual_list::visible(
            self.shown(),
            theme::ROW_HEIGHT,
            self.offset,
            self.viewport,
            virtual_list::OVERSCAN,
        );
        if range.is_empty() {
            return Task::none();
        }
        let first = match self.expansion.locate(range.start) {
            Slot::Top(i) | Slot::Child { parent: i, .. } => i,
        };
        let last = match self.expansion.locate(range.end - 1) {
            Slot::Top(i) | Slot::Child { parent: i, .. } => i,
        };
        let tops = first..(last + 1).min(total);
        let generation = self.generation;
        Task::batch(self.rows.wanted(tops).into_iter().map(|page| {
            let source = self.source.clone();
            Task::perform(engine.clone().page(source, page * PAGE, PAGE), move |r| {
                Message::Page(generation, page, r)
            })
        }))
    }

    fn toggle_thread(&mut self, engine: &Engine, top: usize) -> Task<Message> {
        if self.expansion.is_open(top) {
            self.expansion.close(top);
            self.children.remove(&top);
            return Task::none();
        }
        let Some(thread) = self.rows.get(top).and_then(|r| r.thread) else {
            return Task::none();
        };
        let generation = self.generation;
        Task::perform(engine.clone().thread(thread), move |r| {
            Message::Thread(generation, top, r)
        })
    }

    /// The row shown at `visual`, if loaded.
    pub fn row_at(&self, visual: usize) -> Option<&Row> {
        match self.expansion.locate(visual) {
            Slot::Top(i) => self.rows.get(i).or_else(|| self.previous.get(i)),
            Slot::Child { parent, child } => self.children.get(&parent)?.get(child),
        }
    }

    fn visual_of(&self, id: i64) -> Option<usize> {
        // Fresh rows first; while a reload is under way the shown rows are the previous.
        let top = self
            .rows
            .iter()
            .find(|(_, r)| r.id == id)
            .or_else(|| self.previous.iter().find(|(_, r)| r.id == id));
        if let Some((top, _)) = top {
            return Some(self.expansion.position(top));
        }
        self.children.iter().find_map(|(&top, rows)| {
            let child = rows.iter().position(|r| r.id == id)?;
            Some(self.expansion.position(top) + 1 + child)
        })
    }

    pub fn selected(&self) -> Option<&Row> {
        let id = self.selected?;
        let visual = self.visual_of(id)?;
        self.row_at(visual)
    }

    pub fn select_id(&mut self, id: Option<i64>) {
        self.selected = id;
    }

    /// Changes a loaded row in place (a flag set here), so the list shows it at once.
    pub fn patch(&mut self, id: i64, f: impl Fn(&mut Row)) {
        for cache in [&mut self.rows, &mut self.previous] {
            let index = cache.iter().find(|(_, r)| r.id == id).map(|(i, _)| i);
            if let Some(row) = index.and_then(|i| cache.get_mut(i)) {
                f(row);
            }
        }
        for rows in self.children.values_mut() {
            rows.iter_mut().filter(|r| r.id == id).for_each(&f);
        }
    }

    /// Marks a loaded row read or unread. A message of an expanded conversation also
    /// changes its conversation line: that line is bold while any of its messages is unread.
    pub fn set_seen(&mut self, id: i64, seen: bool) {
        let parents: Vec<(usize, bool)> = self
            .children
            .iter()
            .filter_map(|(&top, rows)| Some((top, rows.iter().find(|r| r.id == id)?.seen)))
            .collect();
        for (top, was) in parents {
            if was == seen {
                continue;
            }
            for cache in [&mut self.rows, &mut self.previous] {
                if let Some(line) = cache.get_mut(top) {
                    line.others_unread = if seen {
                        line.others_unread.saturating_sub(1)
                    } else {
                        line.others_unread + 1
                    };
                }
            }
        }
        self.patch(id, |r| r.seen = seen);
    }

    /// Selects the row `step` rows below (or above) the selected one and scrolls it into view.
    pub fn step(&mut self, step: isize) -> (Task<Message>, Option<Event>) {
        let shown = self.shown();
        if shown == 0 {
            return (Task::none(), None);
        }
        let current = self.selected.and_then(|id| self.visual_of(id));
        let target = match current {
            Some(v) => v.saturating_add_signed(step).min(shown - 1),
            None => 0,
        };
        let Some(row) = self.row_at(target).cloned() else {
            return (Task::none(), None);
        };
        self.selected = Some(row.id);
        let scroll = match virtual_list::offset_to_show(
            target,
            theme::ROW_HEIGHT,
            self.offset,
            self.viewport,
        ) {
            Some(y) => iced::widget::operation::scroll_to(
                self.scroll.clone(),
                scrollable::AbsoluteOffset { x: 0.0, y },
            ),
            None => Task::none(),
        };
        (scroll, Some(Event::Selected(row)))
    }

    pub fn view(&self, now: &chrono::DateTime<chrono::Local>) -> Element<'_, Message> {
        let Some(total) = self.total else {
            return container(text(tr!("list-loading")).style(theme::muted))
                .padding(theme::SPACING * 2.0)
                .into();
        };
        if total == 0 {
            let empty = match self.source {
                Source::Search { .. } => tr!("list-no-results"),
                _ => tr!("list-empty"),
            };
            return container(text(empty).style(theme::muted))
                .padding(theme::SPACING * 2.0)
                .width(Length::Fill)
                .into();
        }
        let shown = self.shown();
        let range = virtual_list::visible(
            shown,
            theme::ROW_HEIGHT,
            self.offset,
            self.viewport,
            virtual_list::OVERSCAN,
        );
        let rows = range.clone().map(|visual| self.row_view(visual, now));
        virtual_list::view(
            self.scroll.clone(),
            shown,
            theme::ROW_HEIGHT,
            range,
            rows,
            Message::Scrolled,
        )
    }

    fn row_view(
        &self,
        visual: usize,
        now: &chrono::DateTime<chrono::Local>,
    ) -> Element<'_, Message> {
        let slot = self.expansion.locate(visual);
        let Some(row) = self.row_at(visual) else {
            // Not loaded yet: a quiet placeholder of the same height.
            return container(text("…").style(theme::muted))
                .height(Length::Fixed(theme::ROW_HEIGHT))
                .padding([4.0, theme::SPACING * 1.5])
                .into();
        };
        let selected = self.selected == Some(row.id);
        row_widget(
            row,
            slot,
            self.expansion.is_open(visual_top(slot)),
            selected,
            visual,
            now,
        )
    }
}

fn visual_top(slot: Slot) -> usize {
    match slot {
        Slot::Top(i) | Slot::Child { parent: i, .. } => i,
    }
}

/// One message row: sender and date on the first line, subject on the second; unread in
/// bold; marks for flag, attachment and conversation size.
fn row_widget<'a>(
    row: &'a Row,
    slot: Slot,
    open: bool,
    selected: bool,
    visual: usize,
    now: &chrono::DateTime<chrono::Local>,
) -> Element<'a, Message> {
    // A conversation line stays unread while any of its messages is.
    let seen = row.seen && row.others_unread == 0;
    let weight = if seen { theme::REGULAR } else { theme::BOLD };
    let date = row
        .date
        .map(|d| crate::i18n::format_list_date(&d.with_timezone(&chrono::Local), now))
        .unwrap_or_default();
    let from = if row.from.is_empty() {
        tr!("list-no-sender")
    } else {
        row.from.clone()
    };
    let subject = if row.unreadable {
        tr!("message-unreadable")
    } else if row.subject.is_empty() {
        tr!("list-no-subject")
    } else {
        row.subject.clone()
    };
    let thread_mark: Element<'a, Message> = match slot {
        Slot::Top(top) if row.thread_size > 1 => iced::widget::button(
            row![
                icon::sized(
                    if open {
                        Icon::ChevronDown
                    } else {
                        Icon::ChevronRight
                    },
                    12.0
                ),
                text(row.thread_size.to_string()).size(theme::SMALL_SIZE),
            ]
            .spacing(2)
            .align_y(Alignment::Center),
        )
        .padding([0, 2])
        .style(theme::tool)
        .on_press(Message::ToggleThread(top))
        .into(),
        Slot::Child { .. } => space().width(Length::Fixed(16.0)).into(),
        Slot::Top(_) => space().width(Length::Fixed(0.0)).into(),
    };
    let mut marks = row![].spacing(4).align_y(Alignment::Center);
    if row.has_attachments {
        marks = marks.push(icon::sized(Icon::Attachment, 13.0));
    }
    if row.flagged {
        marks = marks.push(icon::colored(Icon::FlagFilled, |t| {
            t.extended_palette().danger.base.color
        }));
    }
    let unread_dot: Element<'a, Message> = if seen {
        space().width(Length::Fixed(8.0)).into()
    } else {
        container(space().width(Length::Fixed(8.0)).height(Length::Fixed(8.0)))
            .style(|t: &iced::Theme| container::Style {
                background: Some(t.extended_palette().primary.base.color.into()),
                border: iced::Border {
                    radius: 4.0.into(),
                    ..iced::Border::default()
                },
                ..container::Style::default()
            })
            .into()
    };
    let content = row![
        unread_dot,
        thread_mark,
        column![
            row![
                // A long name is cut before the marks and the date, not drawn under them.
                container(
                    text(from)
                        .font(weight)
                        .size(theme::BODY_SIZE)
                        .wrapping(text::Wrapping::None)
                )
                .width(Length::Fill)
                .clip(true),
                marks,
                text(date).size(theme::SMALL_SIZE).style(theme::muted),
            ]
            .spacing(theme::SPACING)
            .align_y(Alignment::Center),
            text(subject)
                .font(weight)
                .size(theme::SMALL_SIZE)
                .wrapping(text::Wrapping::None),
        ]
        .spacing(2)
        .width(Length::Fill),
    ]
    .spacing(theme::SPACING)
    .align_y(Alignment::Center);
    let body = container(content)
        .padding([4.0, theme::SPACING * 1.5])
        .height(Length::Fixed(theme::ROW_HEIGHT))
        .width(Length::Fill)
        .clip(true)
        .align_y(Alignment::Center)
        .style(move |t: &iced::Theme| {
            let palette = t.extended_palette();
            container::Style {
                background: selected.then(|| palette.primary.weak.color.into()),
                text_color: selected.then_some(palette.primary.weak.text),
                border: iced::Border {
                    color: palette.background.weak.color,
                    width: 0.0,
                    radius: 0.0.into(),
                },
                ..container::Style::default()
            }
        });
    mouse_area(body)
        .on_press(Message::Pressed(visual))
        .interaction(iced::mouse::Interaction::Pointer)
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, seen: bool, others_unread: u32) -> Row {
        Row {
            id,
            account: "a".into(),
            folder: "INBOX".into(),
            from: String::new(),
            subject: String::new(),
            date: None,
            seen,
            flagged: false,
            answered: false,
            has_attachments: false,
            unreadable: false,
            thread: Some(1),
            thread_size: 3,
            others_unread,
        }
    }

    #[test]
    fn reading_a_message_of_an_expanded_conversation_updates_its_line() {
        let mut list = MessageList::new(Source::Unified);
        list.total = Some(1);
        // The newest message is read; two older ones are not.
        list.rows.insert(0, vec![row(10, true, 2)], 0);
        list.children
            .insert(0, vec![row(11, false, 0), row(12, false, 0)]);
        list.expansion.open(0, 2);

        list.set_seen(11, true);
        assert_eq!(list.rows.get(0).map(|r| r.others_unread), Some(1));
        // Marking it read twice changes nothing more.
        list.set_seen(11, true);
        assert_eq!(list.rows.get(0).map(|r| r.others_unread), Some(1));
        list.set_seen(12, true);
        assert_eq!(list.rows.get(0).map(|r| r.others_unread), Some(0));
        list.set_seen(12, false);
        assert_eq!(list.rows.get(0).map(|r| r.others_unread), Some(1));
        assert!(!list.children[&0][1].seen);
        // The line's own message does not count among the others.
        list.set_seen(10, false);
        assert_eq!(
            list.rows.get(0).map(|r| (r.seen, r.others_unread)),
            Some((false, 1))
        );
    }
}
