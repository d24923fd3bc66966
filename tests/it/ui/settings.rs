//! Settings: an account's name, signature and options saved; a POP3 account removed only
//! after the warning about its only copy; appearance and notifications kept; adding an
//! account from settings opens the wizard.

use iced::Theme;
use tidings::engine::Profile;
use tidings::engine::account::{Accounts, Protocol};
use tidings::ui::preferences::{Appearance, Preferences};

use super::driver::Ui;
use super::mail;
use crate::support::MailServers;

#[test]
fn accounts_appearance_and_notifications_are_edited_and_kept() {
    let servers = MailServers::start();
    let profile = tempfile::tempdir().expect("profile");
    let p = Profile::under(profile.path());
    let alice = mail::add_account(&servers, 0, Protocol::Imap, profile.path());
    let bob = mail::add_account(&servers, 1, Protocol::Pop3, profile.path());
    let mut ui = Ui::open(profile.path());
    ui.wait_for_text("All inboxes");
    ui.quiesce();

    ui.click("Settings");
    ui.wait_for_text("Servers and password");
    // Alice's account first: IMAP options.
    assert!(
        ui.shows("Keep a copy of sent mail in the Sent folder"),
        "{:?}",
        ui.texts()
    );
    ui.replace_in("settings-display-name", "Alice Liddell");
    ui.type_into("settings-signature", "Alice, Wonderland");
    ui.click("Save changes");
    ui.wait_for_text("Saved.");
    let saved = Accounts::load(&p.accounts_file()).expect("accounts");
    let a = saved.get(&alice.name).expect("alice");
    assert_eq!(a.display_name, "Alice Liddell");
    assert_eq!(a.signature, "Alice, Wonderland");
    ui.quiesce();
    ui.snapshot("settings", &Theme::Light);

    // A new password goes into the keyring, never into the settings file.
    ui.click("Servers and password");
    ui.wait_for_text("Incoming mail (IMAP)");
    ui.type_into("settings-password", "a-new-secret");
    ui.click("Save changes");
    ui.wait_for_text("Saved.");
    let keyring = tidings::engine::credentials::Keyring::new(&p.config);
    assert_eq!(
        keyring.password(&alice.name).expect("password").expose(),
        "a-new-secret"
    );
    let file = std::fs::read_to_string(p.accounts_file()).expect("accounts file");
    assert!(!file.contains("a-new-secret"));

    // Appearance and notifications apply at once and are kept for the next start.
    ui.click("Appearance");
    ui.click("Dark");
    assert_eq!(ui.app.theme(), Some(Theme::Dark));
    ui.click("Tell me when new mail arrives");
    ui.settle();
    let prefs = Preferences::load(&p.settings_file());
    assert_eq!(prefs.appearance, Appearance::Dark);
    assert!(!prefs.notify_new_mail);

    // Bob's POP3 account: the only copy is spelled out before removal.
    ui.click_last(&bob.name);
    ui.wait_for_text("Leave a copy of messages on the server");
    ui.click("Remove account");
    ui.wait_for("may be the only copy");
    ui.click("Remove, keep its mail here");
    ui.wait_for(&format!("{} was removed.", bob.name));
    let left = Accounts::load(&p.accounts_file()).expect("accounts");
    assert!(left.get(&bob.name).is_err(), "bob is still there");
    assert!(left.get(&alice.name).is_ok());

    // Another account: the wizard, which can be left again.
    ui.click("Add an account");
    ui.wait_for_text("Your name");
    ui.click("Cancel");
    ui.wait_for_text("All inboxes");

    mail::forget(profile.path(), &alice);
    mail::forget(profile.path(), &bob);
}

/// The language list shows every shipped language by its own name; a choice applies at once
/// and is kept for the next start; "Like the system" goes back to the system's language.
#[test]
fn the_language_is_chosen_in_settings_and_kept_for_the_next_start() {
    let servers = MailServers::start();
    let profile = tempfile::tempdir().expect("profile");
    let p = Profile::under(profile.path());
    let alice = mail::add_account(&servers, 0, Protocol::Imap, profile.path());
    let mut ui = Ui::open(profile.path());
    ui.wait_for_text("All inboxes");
    ui.click("Settings");
    ui.click("Appearance");
    ui.wait_for_text("Like the system");
    let shipped = tidings::i18n::available();
    for language in &shipped {
        let name = tidings::ui::screen::settings::autonym(&language.to_string());
        assert!(ui.has(&name), "{name} is not listed: {:?}", ui.texts());
    }
    // Another language than English when one ships, so the switch shows; else English
    // chosen explicitly instead of through the system.
    let chosen = shipped
        .iter()
        .find(|l| l.to_string() != "en-US")
        .unwrap_or(&shipped[0])
        .clone();
    let before = ui.texts();
    ui.click(tidings::ui::screen::settings::autonym(&chosen.to_string()).as_str());
    ui.settle();
    assert_eq!(tidings::i18n::language(), chosen, "not applied at once");
    if chosen != "en-US" {
        assert_ne!(
            ui.texts(),
            before,
            "the window still shows the old language"
        );
    }
    assert_eq!(
        Preferences::load(&p.settings_file()).language,
        Some(chosen.to_string())
    );
    drop(ui);

    // The next start uses it before anything is drawn.
    tidings::i18n::set_language(&"en-US".parse().expect("tag"));
    let mut ui = Ui::open(profile.path());
    assert_eq!(
        tidings::i18n::language(),
        chosen,
        "not kept for the next start"
    );
    ui.wait_for_text(&tidings::tr!("folder-unified"));
    ui.click(&tidings::tr!("toolbar-settings"));
    ui.click(&tidings::tr!("settings-appearance"));
    // The last "Like the system": the first is the appearance's.
    ui.click_last(&tidings::tr!("settings-language-system"));
    ui.settle();
    assert_eq!(
        Preferences::load(&p.settings_file()).language,
        None,
        "{:?}",
        ui.texts()
    );
    assert_eq!(
        tidings::i18n::language(),
        tidings::i18n::negotiate(&tidings::i18n::system_languages())
    );
    mail::forget(profile.path(), &alice);
}
