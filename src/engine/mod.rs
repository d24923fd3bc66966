//! The account engine: accounts, credentials, discovery, the local store, and the three
//! protocols. Nothing in here knows about iced; the GUI and the command line both drive it.

pub mod account;
pub mod actions;
pub mod compose;
pub mod credentials;
pub mod discover;
pub mod drafts;
pub mod error;
pub mod events;
pub mod handle;
pub mod imap;
pub mod mailto;
pub mod message;
pub mod net;
pub mod pop3;
pub mod profile;
pub mod runner;
pub mod safety;
pub mod secret;
pub mod smtp;
pub mod store;
pub mod sync;
pub mod tls;
pub mod verify;

pub use error::Error;
pub use profile::Profile;
