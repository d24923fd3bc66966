//! POP3: download mail into the local store, then delete it on the server — without ever
//! losing or doubling a message.
//!
//! Our own small client (RFC 1939, RFC 2449 CAPA, RFC 2595 STLS, RFC 5034 SASL PLAIN), not
//! async-pop: measured against the harness Dovecot, async-pop 1.1.3 could not fetch a
//! message above 20 MiB, took 3 s for 10 MiB, left dot-stuffing in the message and has no
//! STLS (README, "Notes on dependencies").
//!
//! - [`verify`]: log in and out, to check an account's settings and password.
//! - `session`: one connection; TLS, STLS (required when chosen), plaintext only when the
//!   account says so; SASL PLAIN or USER/PASS; every wait bounded by a timeout.
//! - `wire`: the pure parts of the protocol (status lines, CAPA, listings, dot-stuffing).

mod error;
pub mod session;
pub mod wire;

use std::time::Duration;

pub use error::Pop3Error;
pub use session::{DEFAULT_TIMEOUT, Session, check_credentials, connect};

use crate::engine::account::Account;
use crate::engine::secret::Secret;
use crate::engine::tls::Tls;

/// Knobs that are not account settings: how long to wait for the server.
#[derive(Debug, Clone, Copy)]
pub struct Tuning {
    /// The longest wait for the next piece of an answer.
    pub timeout: Duration,
}

impl Default for Tuning {
    fn default() -> Self {
        Self {
            timeout: DEFAULT_TIMEOUT,
        }
    }
}

/// Logs in to the account's POP3 server and out again: the check `tidings account verify`
/// and the setup wizard run. Fails with the server's own words on a wrong password, with the
/// certificate's details when TLS does not verify, and refuses leave-on-server when the
/// server cannot identify messages (no UIDL).
pub async fn verify(account: &Account, password: &Secret) -> Result<(), Pop3Error> {
    verify_with(account, password, Tuning::default()).await
}

/// [`verify`] with explicit [`Tuning`].
pub async fn verify_with(
    account: &Account,
    password: &Secret,
    tuning: Tuning,
) -> Result<(), Pop3Error> {
    let server = &account.incoming;
    check_credentials(&server.username, password)?;
    let tls = Tls::new(&account.trust_for(&server.host))?;
    let mut session = connect(server, &tls, tuning.timeout).await?;
    session.login(&server.username, password).await?;
    if account.pop3.leave_on_server && session.uidl().await?.is_none() {
        return Err(Pop3Error::NoUidlForLeaveOnServer {
            host: server.host.clone(),
        });
    }
    session.quit().await
}
