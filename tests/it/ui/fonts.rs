//! The fonts the window ships: loaded into its text system, and covering every character of
//! every shipped language — Japanese included — so no text shows as boxes whatever fonts the
//! system has.

use std::path::Path;

use iced::advanced::graphics::text::{cosmic_text, font_system};
use iced::widget::{column, text};
use iced::{Element, Theme};
use iced_test::Simulator;

use super::driver::SIZE;

/// A sentence in each shipped language, with the letters each needs beyond ASCII.
const SAMPLES: &[&str] = &[
    "Inbox — 3 unread messages “quoted”…",
    "Posteingang – Größe: drei ungelesene Nachrichten „zitiert“",
    "Boîte de réception — « trois » messages non lus, œuvre",
    "Bandeja de entrada — ¿tres mensajes sin leer? ¡Sí!",
    "Caixa de entrada — três mensagens não lidas, ação",
    "受信トレイ — 未読のメッセージが3件あります。「返信」を押してください。",
];

/// Every character of the shipped translations and of the samples.
fn characters() -> Vec<char> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("i18n");
    let mut all: String = SAMPLES.concat();
    for entry in std::fs::read_dir(root).expect("i18n").flatten() {
        if let Ok(ftl) = std::fs::read_to_string(entry.path().join("tidings.ftl")) {
            // Comments are for translators, not shown.
            for line in ftl.lines().filter(|l| !l.trim_start().starts_with('#')) {
                all.push_str(line);
            }
        }
    }
    let mut chars: Vec<char> = all.chars().filter(|c| !c.is_whitespace()).collect();
    chars.sort_unstable();
    chars.dedup();
    chars
}

#[test]
fn the_shipped_fonts_are_loaded_and_cover_every_language() {
    let view: Element<'_, (), Theme, iced::Renderer> =
        column(SAMPLES.iter().map(|s| text(*s).size(22).into()))
            .spacing(12)
            .padding(20)
            .into();
    // Building the window's simulator loads its settings' fonts, as the application does.
    let mut sim = Simulator::with_size(tidings::ui::settings(), SIZE, view);

    let mut system = font_system().write().expect("font system");
    let raw = system.raw();
    // Ours are the faces loaded from bytes; the system's come from files.
    let ours: Vec<(cosmic_text::fontdb::ID, cosmic_text::fontdb::Weight, String)> = raw
        .db()
        .faces()
        .filter(|f| matches!(f.source, cosmic_text::fontdb::Source::Binary(_)))
        .map(|f| {
            let family = f
                .families
                .first()
                .map(|(n, _)| n.clone())
                .unwrap_or_default();
            (f.id, f.weight, family)
        })
        .collect();
    for family in ["Noto Sans", "Noto Sans CJK JP"] {
        let faces = ours.iter().filter(|(_, _, f)| f == family).count();
        assert!(
            faces >= 2,
            "{family}: {faces} faces loaded, want regular and bold"
        );
    }
    let fonts: Vec<_> = ours
        .iter()
        .filter(|(_, _, f)| f.starts_with("Noto Sans"))
        .filter_map(|(id, weight, _)| raw.get_font(*id, *weight))
        .collect();
    let missing: Vec<char> = characters()
        .into_iter()
        .filter(|c| !fonts.iter().any(|f| f.as_swash().charmap().map(*c) != 0))
        .collect();
    assert!(
        missing.is_empty(),
        "no shipped font has a glyph for {missing:?}"
    );
    drop(system);

    // How the samples look (look at it: no boxes).
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let snapshot = sim.snapshot(&Theme::Light).expect("render");
    assert!(
        snapshot
            .matches_image(dir.join("fonts.png"))
            .expect("compare the snapshot"),
        "the languages no longer render as tests/snapshots/fonts-*.png"
    );
}
