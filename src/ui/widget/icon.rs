//! The icons of `assets/icons/ui`, drawn as SVG in the theme's text colour.
//!
//! The files are embedded in the binary; each is parsed once and its handle reused.

use std::sync::LazyLock;

use iced::widget::{Svg, svg};
use iced::{Color, Theme};

use crate::ui::theme;

/// Every icon the window uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Icon {
    Account,
    Archive,
    Attachment,
    ChevronDown,
    ChevronRight,
    Close,
    Compose,
    Drafts,
    Flag,
    FlagFilled,
    Folder,
    Forward,
    Help,
    Image,
    Inbox,
    Junk,
    Move,
    Offline,
    Open,
    Outbox,
    Reply,
    ReplyAll,
    Save,
    Search,
    Sent,
    Settings,
    Sync,
    Trash,
    Unified,
    Unread,
    Warning,
}

macro_rules! icon_files {
    ($($variant:ident => $file:literal),+ $(,)?) => {
        const ALL: &[Icon] = &[$(Icon::$variant),+];

        fn bytes(icon: Icon) -> &'static [u8] {
            match icon {
                $(Icon::$variant => include_bytes!(concat!(
                    env!("CARGO_MANIFEST_DIR"), "/assets/icons/ui/", $file, ".svg"
                )),)+
            }
        }
    };
}

icon_files! {
    Account => "account",
    Archive => "archive",
    Attachment => "attachment",
    ChevronDown => "chevron-down",
    ChevronRight => "chevron-right",
    Close => "close",
    Compose => "compose",
    Drafts => "drafts",
    Flag => "flag",
    FlagFilled => "flag-filled",
    Folder => "folder",
    Forward => "forward",
    Help => "help",
    Image => "image",
    Inbox => "inbox",
    Junk => "junk",
    Move => "move",
    Offline => "offline",
    Open => "open",
    Outbox => "outbox",
    Reply => "reply",
    ReplyAll => "reply-all",
    Save => "save",
    Search => "search",
    Sent => "sent",
    Settings => "settings",
    Sync => "sync",
    Trash => "trash",
    Unified => "unified",
    Unread => "unread",
    Warning => "warning",
}

static HANDLES: LazyLock<Vec<(Icon, svg::Handle)>> = LazyLock::new(|| {
    ALL.iter()
        .map(|&icon| (icon, svg::Handle::from_memory(bytes(icon))))
        .collect()
});

impl Icon {
    fn handle(self) -> svg::Handle {
        HANDLES
            .iter()
            .find(|(i, _)| *i == self)
            .map(|(_, h)| h.clone())
            .unwrap_or_else(|| svg::Handle::from_memory(bytes(self)))
    }
}

static LOGO: LazyLock<svg::Handle> = LazyLock::new(|| {
    svg::Handle::from_memory(
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/icons/hicolor/scalable/apps/org.tidings.Tidings.svg"
        ))
        .as_slice(),
    )
});

/// The Tidings logo, in its own colours.
pub fn logo<'a>(size: f32) -> Svg<'a, Theme> {
    svg(LOGO.clone()).width(size).height(size)
}

/// An icon at the standard size, in the colour of the surrounding text.
pub fn icon<'a>(icon: Icon) -> Svg<'a, Theme> {
    sized(icon, theme::ICON_SIZE)
}

/// An icon at a given size.
pub fn sized<'a>(icon: Icon, size: f32) -> Svg<'a, Theme> {
    svg(icon.handle())
        .width(size)
        .height(size)
        .style(|theme: &Theme, _| svg::Style {
            color: Some(theme.extended_palette().background.base.text),
        })
}

/// An icon in a chosen colour (a set flag, a warning).
pub fn colored<'a>(icon: Icon, color: impl Fn(&Theme) -> Color + 'a) -> Svg<'a, Theme> {
    svg(icon.handle())
        .width(theme::ICON_SIZE)
        .height(theme::ICON_SIZE)
        .style(move |theme: &Theme, _| svg::Style {
            color: Some(color(theme)),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_icon_is_an_svg_document() {
        for &icon in ALL {
            let text = std::str::from_utf8(bytes(icon)).unwrap();
            assert!(
                text.starts_with("<svg") && text.trim_end().ends_with("</svg>"),
                "{icon:?}"
            );
        }
    }
}
