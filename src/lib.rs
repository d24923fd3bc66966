//! Tidings: a desktop email client.
//!
//! `engine` holds everything that touches mail, the network and the disk and never imports
//! iced; `ui` is the iced front end over it; `cli` is the same engine driven headless.

#![forbid(unsafe_code)]

pub mod cli;
pub mod engine;
pub mod i18n;
pub mod logging;
pub mod ui;

/// Installs the process-wide rustls crypto provider.
///
/// Every TLS user in the process (our IMAP/POP3 connections, lettre, reqwest) picks up this
/// one ring provider; it must run before the first TLS connection. Calling it twice is harmless.
pub fn install_crypto_provider() {
    // An error only means a provider is already installed, which is what we want.
    let _ = rustls::crypto::ring::default_provider().install_default();
}
