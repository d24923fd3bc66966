//! IMAP: keeps a full offline copy of every folder in the local store, brings new mail as it
//! arrives, and replays the changes the user made offline.
//!
//! Built on async-imap's parser and wire (over our own TLS policy), with our own command
//! layer where the crate's typed commands lose information (see [`session`]).
//!
//! - [`connect`]: TCP, TLS or STARTTLS (required when chosen), login; [`verify`].
//! - [`session`]: running commands, keeping every unsolicited response.
//! - [`caps`], [`utf7`], [`input`]: capabilities, mailbox-name encoding, input safety.
//! - [`fetch`]: FETCH responses as data; [`folders`], [`mailbox`]: the folder commands.
//! - [`plan`]: what a folder's sync must do, as pure functions; [`sync`] carries it out:
//!   [`sync_account`] is `tidings sync` for an IMAP account.
//! - [`replay`]: the offline queue, replayed in order ([`replay_account`]).
//! - [`on_demand`]: one message's body when the user opens it ([`fetch_body`]).
//! - [`idle`], [`watch`]: push — [`watch`] is the background task a front end runs per
//!   account (events out, a cancel signal in).

pub mod caps;
pub mod connect;
pub mod error;
pub mod fetch;
pub mod folders;
pub mod idle;
pub mod input;
pub mod mailbox;
pub mod on_demand;
pub mod plan;
pub mod replay;
pub mod session;
pub mod sync;
pub mod transport;
pub mod unfetched;
pub mod utf7;
pub mod watch;

pub use caps::Capabilities;
pub use connect::{ConnectOptions, connect, connect_with, verify};
pub use error::ImapError;
pub use on_demand::fetch_body;
pub use replay::ReplayReport;
pub use session::Session;
pub use sync::{SyncReport, replay_account, sync_account};
pub use unfetched::Unfetched;
pub use watch::{WatchOptions, watch};
