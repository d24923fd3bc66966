//! Widgets shared by the screens.

pub mod choice;
pub mod findable;
pub mod icon;
pub mod server_form;
pub mod status_bar;
pub mod styled_text;
pub mod virtual_list;
