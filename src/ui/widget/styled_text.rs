//! A message body as the store's styled-text model describes it: paragraphs, headings,
//! lists, quotes, preformatted text, rules; bold, italic, code, links and images.
//!
//! Links show their real target beside their text when the two differ, so a link reading
//! "your bank" that goes elsewhere says so. Images are placeholders until their bytes are
//! given: embedded ones as soon as they are read from the message, remote ones only after
//! the user asked to load remote content.

use std::collections::HashMap;

use iced::widget::{Column, column, container, image, rich_text, row, rule, span, text};
use iced::{Alignment, Element, Font, Length, Theme, font};

use crate::engine::message::{Block, Image, ImageSource, Inline, Span};
use crate::tr;
use crate::ui::theme;
use crate::ui::widget::findable::findable;
use crate::ui::widget::icon::{self, Icon};

/// Image bytes ready to draw: remote ones by URL, embedded ones by attachment index.
#[derive(Debug, Clone, Default)]
pub struct Images {
    pub remote: HashMap<String, image::Handle>,
    pub embedded: HashMap<usize, image::Handle>,
}

/// Longest link target shown in full beside a link's text.
const TARGET_LENGTH: usize = 64;

/// The body, top to bottom.
pub fn view<'a, M: Clone + 'a>(
    blocks: &'a [Block],
    images: &'a Images,
    on_link: fn(String) -> M,
) -> Element<'a, M> {
    Column::with_children(blocks.iter().map(|b| block(b, images, on_link)))
        .spacing(theme::SPACING * 1.5)
        .width(Length::Fill)
        .into()
}

fn block<'a, M: Clone + 'a>(
    this: &'a Block,
    images: &'a Images,
    on_link: fn(String) -> M,
) -> Element<'a, M> {
    match this {
        Block::Paragraph { content } => inlines(content, theme::BODY_SIZE, false, images, on_link),
        Block::Heading { level, content } => {
            let size = match level {
                1 => 24.0,
                2 => 20.0,
                3 => 18.0,
                _ => 16.0,
            };
            inlines(content, size, true, images, on_link)
        }
        Block::List { ordered, items } => {
            Column::with_children(items.iter().enumerate().map(|(i, item)| {
                let marker = if *ordered {
                    format!("{}.", i + 1)
                } else {
                    "•".to_owned()
                };
                row![
                    container(text(marker)).width(Length::Fixed(24.0)),
                    Column::with_children(item.iter().map(|b| block(b, images, on_link)))
                        .spacing(theme::SPACING / 2.0)
                        .width(Length::Fill),
                ]
                .into()
            }))
            .spacing(theme::SPACING / 2.0)
            .into()
        }
        Block::Quote { blocks } => row![
            rule::vertical(3).style(|t: &Theme| rule::Style {
                color: t.extended_palette().primary.weak.color,
                ..rule::default(t)
            }),
            container(
                Column::with_children(blocks.iter().map(|b| block(b, images, on_link)))
                    .spacing(theme::SPACING)
            )
            .padding(iced::Padding::ZERO.left(theme::SPACING))
            .style(|t: &Theme| container::Style {
                text_color: Some(t.extended_palette().background.strong.text),
                ..container::Style::default()
            }),
        ]
        .height(Length::Shrink)
        .into(),
        Block::Preformatted { text: source } => container(
            text(source.as_str())
                .font(theme::MONO)
                .size(theme::SMALL_SIZE),
        )
        .padding(theme::SPACING)
        .width(Length::Fill)
        .style(|t: &Theme| container::Style {
            background: Some(t.extended_palette().background.weak.color.into()),
            ..container::Style::default()
        })
        .into(),
        Block::Rule => rule::horizontal(1).into(),
    }
}

/// A paragraph or heading: runs of styled text, with images between them.
fn inlines<'a, M: Clone + 'a>(
    content: &'a [Inline],
    size: f32,
    bold: bool,
    images: &'a Images,
    on_link: fn(String) -> M,
) -> Element<'a, M> {
    let mut parts: Vec<Element<'a, M>> = Vec::new();
    let mut run: Vec<&'a Inline> = Vec::new();
    for inline in content {
        match inline {
            Inline::Image(img) => {
                if !run.is_empty() {
                    parts.push(spans(&run, size, bold, on_link));
                    run.clear();
                }
                parts.push(picture(img, images));
            }
            other => run.push(other),
        }
    }
    if !run.is_empty() {
        parts.push(spans(&run, size, bold, on_link));
    }
    match parts.len() {
        1 => parts.pop().unwrap_or_else(|| column![].into()),
        _ => Column::with_children(parts)
            .spacing(theme::SPACING / 2.0)
            .into(),
    }
}

/// What a link target looks like beside the link's text: the address for mailto:, the
/// rest shortened to a readable length.
pub fn shown_target(url: &str) -> String {
    let url = url.trim();
    let shown = url.strip_prefix("mailto:").unwrap_or(url);
    if shown.chars().count() > TARGET_LENGTH {
        let cut: String = shown.chars().take(TARGET_LENGTH - 1).collect();
        format!("{cut}…")
    } else {
        shown.to_owned()
    }
}

/// Whether a link's text already says where it goes.
fn says_its_target(text: &str, url: &str) -> bool {
    let strip = |s: &str| {
        s.trim()
            .trim_start_matches("mailto:")
            .trim_start_matches("https://")
            .trim_start_matches("http://")
            .trim_start_matches("www.")
            .trim_end_matches('/')
            .to_lowercase()
    };
    strip(text) == strip(url)
}

fn font_of(s: &Span, bold: bool) -> Font {
    let mut font = if s.code { theme::MONO } else { theme::REGULAR };
    if s.bold || bold {
        font.weight = font::Weight::Bold;
    }
    if s.italic {
        font.style = font::Style::Italic;
    }
    font
}

fn spans<'a, M: Clone + 'a>(
    run: &[&'a Inline],
    size: f32,
    bold: bool,
    on_link: fn(String) -> M,
) -> Element<'a, M> {
    let mut out = Vec::new();
    let mut plain = String::new();
    for inline in run {
        match inline {
            Inline::Break => {
                out.push(span("\n"));
                plain.push('\n');
            }
            Inline::Text(s) => {
                let mut piece = span(s.text.as_str())
                    .font(font_of(s, bold))
                    .underline(s.underline)
                    .strikethrough(s.strike);
                plain.push_str(&s.text);
                if let Some(url) = &s.link {
                    piece = piece
                        .link(url.clone())
                        .underline(true)
                        .color_maybe(None::<iced::Color>);
                    out.push(piece);
                    if !says_its_target(&s.text, url) {
                        let target = format!(" ⟨{}⟩", shown_target(url));
                        plain.push_str(&target);
                        out.push(span(target).size(theme::SMALL_SIZE).link(url.clone()));
                    }
                    continue;
                }
                out.push(piece);
            }
            Inline::Image(_) => {}
        }
    }
    let rich = rich_text(out)
        .size(size)
        .on_link_click(on_link)
        .style(|t: &Theme| text::Style {
            color: Some(t.extended_palette().background.base.text),
        })
        .width(Length::Fill);
    findable(rich, plain).into()
}

/// An image: drawn when its bytes are here, else a placeholder saying what it is.
fn picture<'a, M: 'a>(img: &'a Image, images: &'a Images) -> Element<'a, M> {
    let handle = match &img.source {
        ImageSource::Remote { url } => images.remote.get(url),
        ImageSource::Embedded {
            attachment: Some(i),
            ..
        } => images.embedded.get(i),
        _ => None,
    };
    if let Some(handle) = handle {
        return image(handle.clone())
            .content_fit(iced::ContentFit::ScaleDown)
            .into();
    }
    let label = match (&img.source, img.alt.trim().is_empty()) {
        (ImageSource::Remote { .. }, true) => tr!("reading-image-remote"),
        (ImageSource::Remote { .. }, false) => {
            tr!("reading-image-remote-named", alt = img.alt.trim())
        }
        (_, true) => tr!("reading-image"),
        (_, false) => img.alt.trim().to_owned(),
    };
    container(
        row![
            icon::icon(Icon::Image),
            text(label).size(theme::SMALL_SIZE).style(theme::muted)
        ]
        .spacing(theme::SPACING / 2.0)
        .align_y(Alignment::Center),
    )
    .padding([4, 8])
    .style(container::bordered_box)
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_that_says_where_it_goes_needs_no_target_beside_it() {
        assert!(says_its_target(
            "https://example.test/",
            "https://example.test"
        ));
        assert!(says_its_target("www.example.test", "http://example.test"));
        assert!(says_its_target(
            "anna@example.test",
            "mailto:anna@example.test"
        ));
        assert!(!says_its_target("Your bank", "https://evil.test/login"));
        assert!(!says_its_target("bank.test", "https://evil.test/"));
    }

    #[test]
    fn long_targets_are_shortened_and_mailto_shows_the_address() {
        assert_eq!(
            shown_target("mailto:anna@example.test"),
            "anna@example.test"
        );
        let long = format!("https://example.test/{}", "a".repeat(200));
        let shown = shown_target(&long);
        assert_eq!(shown.chars().count(), TARGET_LENGTH);
        assert!(shown.ends_with('…') && shown.starts_with("https://example.test/"));
    }
}
