//! An SMTP server's replies, any bytes at all, played to the real submission client over
//! loopback: greeting, EHLO, STARTTLS (when the account requires it), AUTH, MAIL, RCPT,
//! DATA, the message, QUIT. Nothing may panic or hang, and without a TLS handshake (the
//! script never completes one) no session may open unless the account allows plaintext.

#![no_main]

use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use tidings::engine::account::{Protocol, Security};
use tidings::engine::compose::Envelope;
use tidings::engine::secret::Secret;
use tidings::engine::smtp::{Session, Timeouts};

fuzz_target!(|data: &[u8]| {
    let Some((security, script)) = tidings_fuzz::split_mode(data) else {
        return;
    };
    tidings_fuzz::play(script, |port| async move {
        let account = tidings_fuzz::account(Protocol::Imap, security, port);
        let timeouts = Timeouts {
            connect: Duration::from_secs(2),
            command: Duration::from_secs(2),
            data: Duration::from_secs(2),
        };
        let Ok(mut session) =
            Session::open(&account, &Secret::new("fuzz-password"), timeouts).await
        else {
            return;
        };
        assert_eq!(security, Security::Plain, "a session without TLS");
        let envelope = Envelope {
            from: "alice@example.test".into(),
            to: vec!["bob@example.test".into()],
        };
        let raw = b"From: alice@example.test\r\nTo: bob@example.test\r\nSubject: x\r\n\r\n.hi\r\n";
        let _ = session.submit(&envelope, raw).await;
        session.quit().await;
    });
});
