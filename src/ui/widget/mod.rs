//! Widgets shared by the screens.

pub mod choice;
pub mod icon;
pub mod status_bar;
pub mod virtual_list;
