//! An IMAP server's answers, any bytes at all, played to a whole `sync` over loopback:
//! greeting, CAPABILITY, STARTTLS (when the account requires it), login, LIST, SELECT with
//! CONDSTORE/QRESYNC, FETCH of headers and bodies, into a real store. Nothing may panic or
//! hang, and without a TLS handshake (the script never completes one) no session may start
//! unless the account allows plaintext.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tidings::engine::account::{Protocol, Security};
use tidings::engine::events::Events;
use tidings::engine::imap;
use tidings::engine::secret::Secret;

fuzz_target!(|data: &[u8]| {
    let Some((security, script)) = tidings_fuzz::split_mode(data) else {
        return;
    };
    let (_dir, store) = tidings_fuzz::fresh_store();
    tidings_fuzz::play(script, |port| async move {
        let account = tidings_fuzz::account(Protocol::Imap, security, port);
        let password = Secret::new("fuzz-password");
        let synced = imap::sync_account(&account, &password, &store, &Events::none()).await;
        if synced.is_ok() {
            assert_eq!(security, Security::Plain, "a sync without TLS");
        }
    });
});
