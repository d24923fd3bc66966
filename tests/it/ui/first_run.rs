//! A person who has never used Tidings opens it.

use iced::Theme;

use super::driver::Ui;

#[test]
fn the_first_window_asks_for_an_account_and_checks_the_form() {
    let profile = tempfile::tempdir().expect("profile");
    let mut ui = Ui::open(profile.path());
    ui.wait_for_text("Welcome to Tidings");
    ui.snapshot("wizard-welcome-light", &Theme::Light);
    ui.snapshot("wizard-welcome-dark", &Theme::Dark);

    // Nothing typed: the form says what is missing, and stays.
    ui.click("Continue");
    ui.wait_for("Enter your whole email address");
    ui.type_into("wizard-email", "anna@example.test");
    ui.click("Continue");
    ui.wait_for("Enter your password");

    // With a password, manual setup shows editable servers guessed from the domain.
    ui.type_into("wizard-name", "Anna Example");
    ui.type_into("wizard-password", "secret");
    ui.click("Set up manually");
    ui.wait_for("Your account's servers");
    assert!(ui.has("imap.example.test"), "{:?}", ui.texts());
    assert!(ui.has("smtp.example.test"), "{:?}", ui.texts());
    // IMAP and POP3 explained in plain words.
    assert!(ui.shows("stays the same on all your devices"));
    assert!(ui.shows("this computer then holds the only copy"));
}

#[test]
fn the_shortcut_list_opens_with_a_question_mark_and_closes_with_escape() {
    let profile = tempfile::tempdir().expect("profile");
    let mut ui = Ui::open(profile.path());
    ui.wait_for_text("Welcome to Tidings");
    ui.key(iced::keyboard::Key::Character("?".into()));
    ui.wait_for_text("Keyboard shortcuts");
    assert!(ui.has("Write a new message") && ui.has("Reply to all"));
    ui.key(iced::keyboard::Key::Named(
        iced::keyboard::key::Named::Escape,
    ));
    assert!(!ui.has("Keyboard shortcuts"));
}
