//! Sizes and styles shared by every screen. Colours follow the system's light or dark setting
//! through iced's default theme.

/// The base unit of space between elements.
pub const SPACING: f32 = 8.0;
/// Type size of a screen's title.
pub const TITLE_SIZE: f32 = 28.0;
