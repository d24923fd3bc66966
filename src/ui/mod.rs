//! The window: an iced application over the engine.
//!
//! `app` holds the top-level state and routes messages; each screen under `screen/` has its
//! own `Message`, `update` and `view`. The UI never speaks a protocol or touches the store
//! directly: it asks the engine through Tasks and hears back through Subscriptions.

pub mod app;
pub mod screen;
pub mod theme;

use crate::engine::Profile;

/// Opens the main window and runs until it is closed.
pub fn run(profile: Profile) -> iced::Result {
    iced::application(
        move || app::App::new(profile.clone()),
        app::App::update,
        app::App::view,
    )
    .title(app::App::title)
    .window_size(iced::Size::new(1100.0, 720.0))
    .centered()
    .run()
}
