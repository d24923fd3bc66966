//! The window: an iced application over the engine.
//!
//! `app` holds the top-level state and routes messages; each screen under `screen/` has its
//! own `Message`, `update` and `view`. The UI never speaks a protocol or touches the store
//! directly: it asks the engine through Tasks and hears back through Subscriptions.

pub mod app;
pub mod notify;
pub mod preferences;
pub mod screen;
pub mod shortcuts;
pub mod theme;
pub mod widget;

use std::borrow::Cow;

use crate::engine::Profile;

/// The fonts the window ships, so text looks the same on every system and no shipped
/// language shows boxes: Noto Sans for Latin, Greek and Cyrillic, and a Japanese subset of
/// Noto Sans CJK JP (`assets/fonts/README.md`), which the text shaper falls back to for
/// kana and kanji whatever the default font.
pub fn fonts() -> Vec<Cow<'static, [u8]>> {
    vec![
        Cow::Borrowed(include_bytes!("../../assets/fonts/NotoSans-Regular.ttf").as_slice()),
        Cow::Borrowed(include_bytes!("../../assets/fonts/NotoSans-Bold.ttf").as_slice()),
        Cow::Borrowed(include_bytes!("../../assets/fonts/NotoSans-Italic.ttf").as_slice()),
        Cow::Borrowed(include_bytes!("../../assets/fonts/NotoSansJP-Regular.otf").as_slice()),
        Cow::Borrowed(include_bytes!("../../assets/fonts/NotoSansJP-Bold.otf").as_slice()),
    ]
}

/// The window's default font.
pub const DEFAULT_FONT: iced::Font = theme::REGULAR;

/// The settings the window and its tests share.
pub fn settings() -> iced::Settings {
    iced::Settings {
        fonts: fonts(),
        default_font: DEFAULT_FONT,
        default_text_size: iced::Pixels(theme::BODY_SIZE),
        ..iced::Settings::default()
    }
}

/// Opens the window for `launch` (the mailbox, a `mailto:` link, a message file) and runs
/// until it is closed.
pub fn run(profile: Profile, launch: app::Launch) -> iced::Result {
    iced::application(
        move || app::App::launch(profile.clone(), launch.clone()),
        app::App::update,
        app::App::view,
    )
    .title(app::App::title)
    .theme(app::App::theme)
    .subscription(app::App::subscription)
    .settings(settings())
    .window_size(iced::Size::new(1200.0, 760.0))
    .centered()
    .run()
}

#[cfg(test)]
mod tests {
    /// Keys of `tr!` calls, including those rustfmt split over several lines (the i18n
    /// module's own check reads one line at a time).
    fn keys_in(source: &str) -> Vec<String> {
        // Spelled in two parts so this file's own source holds no call to find.
        let call = ["tr", "!("].concat();
        let mut keys = Vec::new();
        let mut rest = source;
        while let Some(i) = rest.find(&call) {
            rest = &rest[i + call.len()..];
            let trimmed = rest.trim_start();
            if let Some(quoted) = trimmed.strip_prefix('"')
                && let Some(end) = quoted.find('"')
                && quoted[..end]
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                keys.push(quoted[..end].to_owned());
            }
        }
        keys
    }

    fn sources(dir: &std::path::Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(std::fs::read_to_string(&path).unwrap());
            }
        }
    }

    #[test]
    fn no_key_is_defined_twice() {
        // Fluent keeps the first of two definitions and only logs the second: two modules
        // picking the same key would silently show one of them the other's words.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for entry in std::fs::read_dir(root.join("i18n")).unwrap() {
            let file = entry.unwrap().path().join("tidings.ftl");
            let Ok(ftl) = std::fs::read_to_string(&file) else {
                continue;
            };
            let mut seen = std::collections::BTreeSet::new();
            let twice: Vec<&str> = ftl
                .lines()
                .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
                .filter_map(|l| l.split_once(" =").map(|(k, _)| k.trim()))
                .filter(|k| !seen.insert(*k))
                .collect();
            assert!(
                twice.is_empty(),
                "{} defines twice: {twice:?}",
                file.display()
            );
        }
    }

    #[test]
    fn every_key_the_window_uses_is_in_english() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let ftl = std::fs::read_to_string(root.join("i18n/en-US/tidings.ftl")).unwrap();
        let defined: std::collections::BTreeSet<&str> = ftl
            .lines()
            .filter_map(|l| l.split_once(" =").map(|(k, _)| k.trim()))
            .collect();
        let mut files = Vec::new();
        sources(&root.join("src/ui"), &mut files);
        sources(&root.join("src/engine/handle"), &mut files);
        files.push(std::fs::read_to_string(root.join("src/engine/runner.rs")).unwrap());
        let missing: Vec<String> = files
            .iter()
            .flat_map(|f| keys_in(f))
            .filter(|k| !defined.contains(k.as_str()))
            .collect();
        assert!(missing.is_empty(), "keys missing from en-US: {missing:?}");
        assert_eq!(
            keys_in(&["tr", "!(\n  \"a-b\",\n x = 1)"].concat()),
            vec!["a-b".to_owned()],
            "multi-line calls are read"
        );
    }
}
