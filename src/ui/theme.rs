//! Sizes, type and styles shared by every screen.
//!
//! Colours come from iced's built-in light and dark palettes: with the appearance setting on
//! "system" the window passes no theme, and iced follows the system's light or dark setting.
//! Every style here derives its colours from the theme it is given, so both look right.

use iced::widget::{button, container, text, text_input};
use iced::{Background, Border, Color, Font, Theme, font};

/// The base unit of space between elements.
pub const SPACING: f32 = 8.0;
/// Type size of a screen's title.
pub const TITLE_SIZE: f32 = 26.0;
/// Type size of a section heading.
pub const HEADING_SIZE: f32 = 18.0;
/// Type size of body text.
pub const BODY_SIZE: f32 = 15.0;
/// Type size of secondary text (dates, previews, hints).
pub const SMALL_SIZE: f32 = 13.0;
/// Side of an icon next to text.
pub const ICON_SIZE: f32 = 16.0;
/// Height of one message row. Fixed, so the list never jumps while pages load.
pub const ROW_HEIGHT: f32 = 48.0;
/// Height of one folder row.
pub const FOLDER_ROW_HEIGHT: f32 = 30.0;
/// Width of the folder pane.
pub const FOLDER_PANE_WIDTH: f32 = 230.0;
/// Width of the message list pane.
pub const LIST_PANE_WIDTH: f32 = 400.0;
/// Height of the status bar.
pub const STATUS_BAR_HEIGHT: f32 = 28.0;

/// The window's font (shipped in `assets/fonts`, so text looks the same everywhere).
pub const REGULAR: Font = Font::with_name("Noto Sans");

/// The default font, in bold: unread messages and headings.
pub const BOLD: Font = Font {
    weight: font::Weight::Bold,
    ..REGULAR
};

/// The default font, in italics: emphasis in messages.
pub const ITALIC: Font = Font {
    style: font::Style::Italic,
    ..REGULAR
};

/// The monospace font: raw message source, certificate fingerprints.
pub const MONO: Font = Font::MONOSPACE;

/// Text of lesser importance: dates, previews, hints.
pub fn muted(theme: &Theme) -> text::Style {
    text::Style {
        color: Some(
            theme
                .extended_palette()
                .background
                .strong
                .text
                .scale_alpha(0.7),
        ),
    }
}

/// Text that reports a problem.
pub fn danger_text(theme: &Theme) -> text::Style {
    text::Style {
        color: Some(theme.extended_palette().danger.base.color),
    }
}

/// Text that reports success.
pub fn success_text(theme: &Theme) -> text::Style {
    text::Style {
        color: Some(theme.extended_palette().success.base.color),
    }
}

/// A link's target, shown beside its text.
pub fn link_color(theme: &Theme) -> Color {
    theme.extended_palette().primary.base.color
}

/// The folder pane and other side panels.
pub fn side_panel(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(Background::Color(palette.background.weak.color)),
        text_color: Some(palette.background.weak.text),
        ..container::Style::default()
    }
}

/// A pane of the main window: the list and the reader.
pub fn pane(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(Background::Color(palette.background.base.color)),
        border: Border {
            color: palette.background.strong.color,
            width: 1.0,
            radius: 0.0.into(),
        },
        ..container::Style::default()
    }
}

/// The status bar along the bottom of the window.
pub fn status_bar(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(Background::Color(palette.background.strong.color)),
        text_color: Some(palette.background.strong.text),
        ..container::Style::default()
    }
}

/// A bar across the reader that asks something (load remote content, a certificate).
pub fn notice(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(Background::Color(palette.warning.weak.color)),
        text_color: Some(palette.warning.weak.text),
        border: Border {
            color: palette.warning.base.color,
            width: 1.0,
            radius: 4.0.into(),
        },
        ..container::Style::default()
    }
}

/// A box that reports an error.
pub fn error_box(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(Background::Color(palette.danger.weak.color)),
        text_color: Some(palette.danger.weak.text),
        border: Border {
            color: palette.danger.base.color,
            width: 1.0,
            radius: 4.0.into(),
        },
        ..container::Style::default()
    }
}

/// A raised card: wizard steps, dialogs, the help overlay.
pub fn card(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(Background::Color(palette.background.base.color)),
        text_color: Some(palette.background.base.text),
        border: Border {
            color: palette.background.strong.color,
            width: 1.0,
            radius: 8.0.into(),
        },
        shadow: iced::Shadow {
            color: Color::BLACK.scale_alpha(0.25),
            offset: iced::Vector::new(0.0, 4.0),
            blur_radius: 16.0,
        },
        ..container::Style::default()
    }
}

/// The dimmed backdrop behind a modal dialog.
pub fn backdrop(_theme: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(Color::BLACK.scale_alpha(0.45))),
        ..container::Style::default()
    }
}

/// A row in a list (folders, messages): flat, highlighted when selected or hovered.
pub fn list_row(selected: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |theme, status| {
        let palette = theme.extended_palette();
        let background = match (selected, status) {
            (true, _) => Some(palette.primary.weak.color),
            (false, button::Status::Hovered | button::Status::Pressed) => {
                Some(palette.background.strong.color.scale_alpha(0.5))
            }
            _ => None,
        };
        let text_color = if selected {
            palette.primary.weak.text
        } else {
            palette.background.base.text
        };
        button::Style {
            background: background.map(Background::Color),
            text_color,
            border: Border::default(),
            ..button::Style::default()
        }
    }
}

/// A list row that is the target of a drag: a message dragged over a folder.
pub fn drop_target(theme: &Theme, _status: button::Status) -> button::Style {
    let palette = theme.extended_palette();
    button::Style {
        background: Some(Background::Color(palette.success.weak.color)),
        text_color: palette.success.weak.text,
        border: Border {
            color: palette.success.base.color,
            width: 1.0,
            radius: 4.0.into(),
        },
        ..button::Style::default()
    }
}

/// A toolbar button: only an icon or short text, flat until hovered.
pub fn tool(theme: &Theme, status: button::Status) -> button::Style {
    let palette = theme.extended_palette();
    let background = match status {
        button::Status::Hovered | button::Status::Pressed => {
            Some(Background::Color(palette.background.strong.color))
        }
        _ => None,
    };
    button::Style {
        background,
        text_color: match status {
            button::Status::Disabled => palette.background.base.text.scale_alpha(0.4),
            _ => palette.background.base.text,
        },
        border: Border {
            radius: 4.0.into(),
            ..Border::default()
        },
        ..button::Style::default()
    }
}

/// The search box and other inputs on coloured panels.
pub fn input(theme: &Theme, status: text_input::Status) -> text_input::Style {
    text_input::default(theme, status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_give_readable_text_in_light_and_dark() {
        for theme in [Theme::Light, Theme::Dark] {
            let bg = theme.extended_palette().background.base.color;
            let fg = theme.extended_palette().background.base.text;
            let contrast = (luminance(fg) + 0.05) / (luminance(bg) + 0.05);
            let contrast = contrast.max(1.0 / contrast);
            // WCAG AA for body text.
            assert!(contrast >= 4.5, "{theme:?} has contrast {contrast}");
        }
    }

    fn luminance(c: Color) -> f32 {
        let lin = |v: f32| {
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b)
    }
}
