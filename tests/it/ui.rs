//! The window, driven headless with iced_test: the setup wizard against the harness's
//! servers, reading, acting, composing and sending, offline queueing, and snapshots of the
//! main screens (tiny-skia, as `tests/run` sets `ICED_TEST_BACKEND`).

mod acting;
pub(crate) mod composing;
mod driver;
mod first_run;
mod fonts;
mod launch;
pub(crate) mod mail;
mod offline;
mod on_demand;
mod password;
pub(crate) mod reader;
pub(crate) mod reading;
mod settings;
mod wizard;
