//! A POP3 server's answers, any bytes at all, played to the real client over loopback:
//! greeting, CAPA, STLS (when the account requires it), login, UIDL, LIST and RETR of every
//! listed message, QUIT. Nothing may panic or hang, and the client never sends the password
//! unless the account allows plaintext (the script never completes a TLS handshake).

#![no_main]

use std::sync::OnceLock;
use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use tidings::engine::account::{Protocol, Security};
use tidings::engine::pop3;
use tidings::engine::secret::Secret;
use tidings::engine::tls::{Tls, TrustSettings};

/// Stop after this many messages of one listing.
const MAX_RETR: usize = 8;

/// Loading the platform's roots once, not on every run.
fn tls() -> &'static Tls {
    static TLS: OnceLock<Tls> = OnceLock::new();
    TLS.get_or_init(|| Tls::new(&TrustSettings::default()).expect("TLS settings"))
}

fuzz_target!(|data: &[u8]| {
    let Some((security, script)) = tidings_fuzz::split_mode(data) else {
        return;
    };
    tidings_fuzz::play(script, |port| async move {
        let account = tidings_fuzz::account(Protocol::Pop3, security, port);
        let timeout = Duration::from_secs(2);
        let Ok(mut session) = pop3::connect(&account.incoming, tls(), timeout).await else {
            return;
        };
        // Over a script no TLS handshake completes, so only a plaintext account gets here.
        assert_eq!(security, Security::Plain, "a session without TLS");
        let _ = session.capabilities().has_sasl("PLAIN");
        if session
            .login("alice@example.test", &Secret::new("fuzz-password"))
            .await
            .is_err()
        {
            return;
        }
        let _ = session.uidl().await;
        let Ok(list) = session.list().await else {
            return;
        };
        for (number, size) in list.into_iter().take(MAX_RETR) {
            let mut sink = Vec::new();
            match session.retr(number, size, &mut sink).await {
                Ok(n) => assert_eq!(n, sink.len() as u64),
                Err(_) => return,
            }
        }
        let _ = session.quit().await;
    });
});
