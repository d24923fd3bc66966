//! One module per screen, each with its own `Message`, `update` and `view`.

pub mod welcome;
