//! The folder pane: the unified Inbox, then each account with its folders and unread counts.
//! Folders are drop targets for messages dragged from the list.

use iced::widget::{Column, column, container, mouse_area, row, scrollable, space, text};
use iced::{Alignment, Element, Length};

use crate::engine::handle::{FolderInfo, Source};
use crate::engine::store::Role;
use crate::tr;
use crate::ui::theme;
use crate::ui::widget::icon::{self, Icon};

/// What a press or drop on a folder row means.
#[derive(Debug, Clone)]
pub enum Message {
    Select(Source),
    Enter(String, String),
    Exit(String, String),
    Drop(String, String),
}

pub fn role_icon(role: Option<Role>) -> Icon {
    match role {
        Some(Role::Inbox) => Icon::Inbox,
        Some(Role::Sent) => Icon::Sent,
        Some(Role::Drafts) => Icon::Drafts,
        Some(Role::Trash) => Icon::Trash,
        Some(Role::Junk) => Icon::Junk,
        Some(Role::Archive) => Icon::Archive,
        None => Icon::Folder,
    }
}

/// The name shown for a folder: its role's name in the user's language, else its own.
pub fn display_name(folder: &FolderInfo) -> String {
    match folder.role {
        Some(Role::Inbox) => tr!("folder-inbox"),
        Some(Role::Sent) => tr!("folder-sent"),
        Some(Role::Drafts) => tr!("folder-drafts"),
        Some(Role::Trash) => tr!("folder-trash"),
        Some(Role::Junk) => tr!("folder-junk"),
        Some(Role::Archive) => tr!("folder-archive"),
        None => folder.label.clone(),
    }
}

pub struct Pane<'a> {
    pub accounts: &'a [(String, String)],
    pub folders: &'a [FolderInfo],
    pub selected: &'a Source,
    /// The folder a dragged message hovers, if a drag is on.
    pub drop_target: Option<&'a (String, String)>,
    pub dragging: bool,
    /// Accounts that cannot reach their server.
    pub offline: &'a [String],
}

pub fn view<'a>(pane: Pane<'a>) -> Element<'a, Message> {
    let unified_unread: u64 = pane
        .folders
        .iter()
        .filter(|f| f.role == Some(Role::Inbox))
        .map(|f| f.unread)
        .sum();
    let mut list = Column::new().spacing(2).padding(theme::SPACING);
    list = list.push(entry(
        Icon::Unified,
        tr!("folder-unified"),
        unified_unread,
        0,
        *pane.selected == Source::Unified,
        false,
        mouse_area_for(None, Source::Unified),
    ));
    for (account, email) in pane.accounts {
        let mut heading = row![
            icon::icon(Icon::Account),
            column![
                text(account.clone())
                    .font(theme::BOLD)
                    .size(theme::SMALL_SIZE),
                text(email.clone()).size(11).style(theme::muted),
            ]
        ]
        .spacing(theme::SPACING)
        .align_y(Alignment::Center);
        if pane.offline.contains(account) {
            heading = heading
                .push(space::horizontal())
                .push(icon::icon(Icon::Offline));
        }
        list = list
            .push(container(heading).padding(iced::Padding::from([theme::SPACING, 4.0]).top(14.0)));
        for folder in pane.folders.iter().filter(|f| &f.account == account) {
            let key = (folder.account.clone(), folder.name.clone());
            let source = Source::Folder {
                account: folder.account.clone(),
                folder: folder.name.clone(),
            };
            let hovered = pane.dragging && pane.drop_target == Some(&key);
            list = list.push(entry(
                role_icon(folder.role),
                display_name(folder),
                folder.unread,
                folder.depth,
                *pane.selected == source,
                hovered,
                mouse_area_for(Some(key), source),
            ));
        }
    }
    container(scrollable(list).height(Length::Fill))
        .width(Length::Fixed(theme::FOLDER_PANE_WIDTH))
        .height(Length::Fill)
        .style(theme::side_panel)
        .into()
}

type AreaFn<'a> = Box<dyn FnOnce(Element<'a, Message>) -> Element<'a, Message> + 'a>;

fn mouse_area_for<'a>(key: Option<(String, String)>, source: Source) -> AreaFn<'a> {
    Box::new(move |content| {
        let area = mouse_area(content)
            .on_press(Message::Select(source))
            .interaction(iced::mouse::Interaction::Pointer);
        match key {
            Some((account, folder)) => area
                .on_enter(Message::Enter(account.clone(), folder.clone()))
                .on_exit(Message::Exit(account.clone(), folder.clone()))
                .on_release(Message::Drop(account, folder))
                .into(),
            None => area.into(),
        }
    })
}

fn entry<'a>(
    icon_kind: Icon,
    label: String,
    unread: u64,
    depth: usize,
    selected: bool,
    drop_hover: bool,
    area: AreaFn<'a>,
) -> Element<'a, Message> {
    let count: Element<'a, Message> = if unread > 0 {
        text(unread.to_string())
            .font(theme::BOLD)
            .size(theme::SMALL_SIZE)
            .into()
    } else {
        space().into()
    };
    let font = if unread > 0 {
        theme::BOLD
    } else {
        theme::REGULAR
    };
    let content = row![
        space().width(Length::Fixed(depth as f32 * 14.0)),
        icon::icon(icon_kind),
        // A long name is cut at the count, not drawn under it.
        container(
            text(label)
                .font(font)
                .size(theme::BODY_SIZE)
                .wrapping(text::Wrapping::None)
        )
        .width(Length::Fill)
        .clip(true),
        count,
    ]
    .spacing(theme::SPACING)
    .align_y(Alignment::Center);
    let body = container(content)
        .padding([0.0, theme::SPACING])
        .height(Length::Fixed(theme::FOLDER_ROW_HEIGHT))
        .align_y(Alignment::Center)
        .width(Length::Fill)
        .clip(true)
        .style(move |t: &iced::Theme| {
            let palette = t.extended_palette();
            let background = if drop_hover {
                Some(palette.success.weak.color.into())
            } else if selected {
                Some(palette.primary.weak.color.into())
            } else {
                None
            };
            iced::widget::container::Style {
                background,
                text_color: (selected || drop_hover).then_some(if drop_hover {
                    palette.success.weak.text
                } else {
                    palette.primary.weak.text
                }),
                border: iced::Border {
                    radius: 4.0.into(),
                    ..iced::Border::default()
                },
                ..iced::widget::container::Style::default()
            }
        });
    area(body.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_have_their_own_names_and_icons() {
        let mut f = FolderInfo {
            account: "Work".into(),
            name: "INBOX".into(),
            label: "INBOX".into(),
            depth: 0,
            role: Some(Role::Inbox),
            total: 1,
            unread: 1,
        };
        assert_eq!(display_name(&f), "Inbox");
        assert_eq!(role_icon(f.role), Icon::Inbox);
        f.role = None;
        f.label = "Lists".into();
        assert_eq!(display_name(&f), "Lists");
        assert_eq!(role_icon(None), Icon::Folder);
    }
}
