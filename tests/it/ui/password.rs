//! A password the keyring cannot give is asked for, as Thunderbird asks: declined, it is not
//! asked again in that run; a wrong one is refused; the right one syncs the account and the
//! keyring keeps it.

use tidings::engine::Profile;
use tidings::engine::account::Protocol;
use tidings::engine::credentials::Keyring;

use super::driver::Ui;
use super::mail::{self, simple};
use crate::support::MailServers;

#[test]
fn a_password_missing_from_the_keyring_is_asked_for_and_kept() {
    let servers = MailServers::start();
    let alice = servers.user(0).address.clone();
    let raw = simple(
        ("Bob Builder", "bob@example.test"),
        "Ask me first",
        3,
        "ask",
    )
    .raw();
    servers.dovecot.fill(&alice, "INBOX", [(raw, "", None)]);
    let profile = tempfile::tempdir().expect("profile");
    let account = mail::add_account(&servers, 0, Protocol::Imap, profile.path());
    // The keyring loses it (another machine, a new keyring, a user who deleted it).
    mail::forget(profile.path(), &account);
    let title = "Password for “alice”";

    // Declined: the window says why in the status bar and does not ask again this run.
    {
        let mut ui = Ui::open(profile.path());
        ui.wait_for_text(title);
        assert!(
            ui.shows("keyring holds no password"),
            "the reason is not given: {:?}",
            ui.texts()
        );
        ui.click("Not now");
        assert!(!ui.has(title), "{:?}", ui.texts());
        ui.click("Get mail");
        ui.settle_for(std::time::Duration::from_secs(3));
        assert!(!ui.has(title), "asked again: {:?}", ui.texts());
        assert!(!ui.has("Ask me first"));
    }

    // Given at the next start: the account syncs and the keyring keeps the password.
    let mut ui = Ui::open(profile.path());
    ui.wait_for_text(title);
    // A wrong one is refused in words and the question stays.
    ui.type_into("password-prompt", "not-the-password");
    ui.click("Sign in");
    ui.wait_for("did not accept your user name or password");
    assert!(ui.has(title));
    ui.type_into("password-prompt", &servers.user(0).password);
    ui.click("Sign in");
    ui.wait_for_text("Ask me first");
    assert!(!ui.has(title));
    let kept = Keyring::new(&Profile::under(profile.path()).config)
        .password(&account.name)
        .expect("the keyring keeps the password");
    assert_eq!(kept.expose(), servers.user(0).password.as_str());
    mail::forget(profile.path(), &account);
}
