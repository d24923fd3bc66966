//! One module per screen, each with its own `Message`, `update` and `view`, reporting what
//! the window must do through its own `Event`.

pub mod composer;
pub mod help;
pub mod mailbox;
pub mod message_file;
pub mod password;
pub mod settings;
pub mod wizard;
