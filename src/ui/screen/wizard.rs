//! Setting up an account: name, address and password; the servers found; IMAP or POP3 in
//! plain words; the servers for approval; signing in, with precise errors and a way to accept
//! a certificate; manual settings editable at every step.

use iced::widget::{button, column, container, row, rule, scrollable, space, text, text_input};
use iced::{Alignment, Element, Length, Task};

use crate::engine::account::{AcceptedCert, Account, Pop3Options, Protocol, Security, SyncOptions};
use crate::engine::discover::DiscoverSettings;
use crate::engine::error::ErrorKind;
use crate::engine::handle::{Discovery, Engine, Failure, Found};
use crate::engine::secret::Secret;
use crate::engine::tls::CertificateProblem;
use crate::tr;
use crate::ui::theme;
use crate::ui::widget::choice;
use crate::ui::widget::icon::{self, Icon};
use crate::ui::widget::server_form::{self, Field, SecurityChoice, ServerForm, Which};

/// Where the wizard is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Name, address, password.
    Identity,
    /// Discovery runs; what it tries is listed.
    Searching,
    /// The servers found (or typed in), for approval, with the IMAP/POP3 choice.
    Review,
    /// Signing in to both servers.
    Verifying,
    /// Saving the account.
    Saving,
}

#[derive(Debug, Clone)]
pub enum Message {
    NameChanged(String),
    EmailChanged(String),
    PasswordChanged(String),
    /// Find the servers for the address.
    Continue,
    /// Skip discovery and type the servers in.
    Manual,
    Trying(String),
    Discovered(Box<Result<Discovery, Failure>>),
    ChooseProtocol(Protocol),
    ToggleManual,
    ServerField(Which, Field, String),
    ServerSecurity(Which, SecurityChoice),
    /// Sign in with these settings.
    Verify,
    Verified(Result<(), Failure>),
    /// Trust the certificate that did not verify, for this account only.
    AcceptCertificate,
    Saved(Result<Box<Account>, Failure>),
    Back,
    Cancel,
}

/// What the wizard tells the window.
pub enum Event {
    /// The account is saved; its first sync may start.
    Added(Box<Account>),
    /// The user left the wizard without adding an account.
    Cancelled,
}

pub struct Wizard {
    step: Step,
    name: String,
    email: String,
    password: String,
    /// What discovery tried so far, in words.
    trying: Vec<String>,
    /// What discovery found: one configuration per protocol.
    found: Vec<Found>,
    protocol: Protocol,
    incoming: ServerForm,
    outgoing: ServerForm,
    /// Whether the server fields are shown for editing.
    editing: bool,
    accepted: Vec<AcceptedCert>,
    error: Option<Failure>,
    /// A form problem (empty address, bad port), shown beside the button.
    invalid: Option<String>,
    /// Whether the wizard can be left (it cannot on first run: there is nothing behind it).
    cancellable: bool,
    /// Names of the accounts that exist, so the new one gets a unique name.
    taken: Vec<String>,
    /// Where discovery looks (a network's own DNS server and CA, the ISPDB).
    discover: DiscoverSettings,
}

impl Wizard {
    pub fn new(cancellable: bool, taken: Vec<String>, discover: DiscoverSettings) -> Self {
        Self {
            step: Step::Identity,
            name: String::new(),
            email: String::new(),
            password: String::new(),
            trying: Vec::new(),
            found: Vec::new(),
            protocol: Protocol::Imap,
            incoming: ServerForm::default(),
            outgoing: ServerForm::default(),
            editing: false,
            accepted: Vec::new(),
            error: None,
            invalid: None,
            cancellable,
            taken,
            discover,
        }
    }

    pub fn step(&self) -> Step {
        self.step
    }

    pub fn update(&mut self, engine: &Engine, message: Message) -> (Task<Message>, Option<Event>) {
        match message {
            Message::NameChanged(v) => self.name = v,
            Message::EmailChanged(v) => self.email = v,
            Message::PasswordChanged(v) => self.password = v,
            Message::Continue => return (self.start_discovery(engine), None),
            Message::Manual => self.start_manual(),
            Message::Trying(what) => {
                if self.step == Step::Searching {
                    self.trying.push(what);
                }
            }
            Message::Discovered(result) => self.discovered(*result),
            Message::ChooseProtocol(protocol) => self.choose(protocol),
            Message::ToggleManual => self.editing = !self.editing,
            Message::ServerField(which, field, value) => {
                let form = self.form_mut(which);
                match field {
                    Field::Host => form.host = value,
                    Field::Port => form.port = value,
                    Field::Username => form.username = value,
                }
            }
            Message::ServerSecurity(which, choice) => {
                self.form_mut(which).security = Some(choice.0);
            }
            Message::Verify => return (self.verify(engine), None),
            Message::Verified(Ok(())) => return (self.save(engine), None),
            Message::Verified(Err(failure)) => {
                self.step = Step::Review;
                // Whatever failed, the fields are what the user changes next.
                self.editing = failure.certificate.is_none();
                self.error = Some(failure);
            }
            Message::AcceptCertificate => {
                if let Some(cert) = self.error.as_ref().and_then(|e| e.certificate.as_ref()) {
                    // Exactly this certificate, for this host only; it replaces an older one.
                    self.accepted
                        .retain(|c| !c.host.eq_ignore_ascii_case(&cert.host));
                    self.accepted.push(AcceptedCert {
                        host: cert.host.clone(),
                        sha256: cert.sha256.clone(),
                    });
                    return (self.verify(engine), None);
                }
            }
            Message::Saved(Ok(account)) => {
                self.password.clear();
                return (Task::none(), Some(Event::Added(account)));
            }
            Message::Saved(Err(failure)) => {
                self.step = Step::Review;
                self.error = Some(failure);
            }
            Message::Back => self.back(),
            Message::Cancel => {
                if self.cancellable {
                    return (Task::none(), Some(Event::Cancelled));
                }
            }
        }
        (Task::none(), None)
    }

    fn form_mut(&mut self, which: Which) -> &mut ServerForm {
        match which {
            Which::Incoming => &mut self.incoming,
            Which::Outgoing => &mut self.outgoing,
        }
    }

    fn identity_problem(&self) -> Option<String> {
        let email = self.email.trim();
        let valid = email
            .split_once('@')
            .is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.'));
        if !valid {
            return Some(tr!("wizard-error-email"));
        }
        if self.password.is_empty() {
            return Some(tr!("wizard-error-password"));
        }
        None
    }

    fn start_discovery(&mut self, engine: &Engine) -> Task<Message> {
        if let Some(problem) = self.identity_problem() {
            self.invalid = Some(problem);
            return Task::none();
        }
        self.invalid = None;
        self.error = None;
        self.trying.clear();
        self.step = Step::Searching;
        let email = self.email.trim().to_owned();
        let (trying, done) = engine.discover(email, self.discover.clone());
        Task::run(trying, Message::Trying)
            .chain(Task::perform(done, |r| Message::Discovered(Box::new(r))))
    }

    fn start_manual(&mut self) {
        if let Some(problem) = self.identity_problem() {
            self.invalid = Some(problem);
            return;
        }
        self.invalid = None;
        self.error = None;
        self.found.clear();
        let email = self.email.trim();
        let domain = email.rsplit('@').next().unwrap_or_default();
        if self.incoming.host.is_empty() {
            self.incoming = ServerForm {
                host: format!("imap.{domain}"),
                port: "993".into(),
                security: Some(Security::Tls),
                username: email.to_owned(),
            };
            self.outgoing = ServerForm {
                host: format!("smtp.{domain}"),
                port: "465".into(),
                security: Some(Security::Tls),
                username: email.to_owned(),
            };
        }
        self.editing = true;
        self.step = Step::Review;
    }

    fn discovered(&mut self, result: Result<Discovery, Failure>) {
        if self.step != Step::Searching {
            return;
        }
        self.step = Step::Review;
        match result {
            Ok(discovery) if !discovery.found.is_empty() => {
                self.found = discovery.found;
                let protocol = if self.found.iter().any(|f| f.protocol == Protocol::Imap) {
                    Protocol::Imap
                } else {
                    Protocol::Pop3
                };
                self.editing = false;
                self.choose(protocol);
            }
            Ok(_) => {
                self.error = Some(Failure {
                    kind: ErrorKind::Network,
                    message: tr!("wizard-nothing-found"),
                    certificate: None,
                });
                self.start_manual();
            }
            Err(failure) => {
                self.error = Some(failure);
                self.start_manual();
            }
        }
    }

    /// Picks IMAP or POP3 and fills the server fields from what was found for it.
    fn choose(&mut self, protocol: Protocol) {
        self.protocol = protocol;
        if let Some(found) = self.found.iter().find(|f| f.protocol == protocol) {
            self.incoming = ServerForm::from_server(&found.incoming);
            self.outgoing = ServerForm::from_server(&found.outgoing);
        } else if protocol == Protocol::Pop3 && self.incoming.port == "993" {
            self.incoming.port = "995".into();
        } else if protocol == Protocol::Imap && self.incoming.port == "995" {
            self.incoming.port = "993".into();
        }
    }

    /// The account the form describes, or what is wrong with it.
    pub fn account(&self) -> Result<Account, String> {
        let email = self.email.trim().to_owned();
        let incoming = self.incoming.to_server(&tr!("wizard-incoming"))?;
        let outgoing = self.outgoing.to_server(&tr!("wizard-outgoing"))?;
        let mut name = email.clone();
        let mut n = 2;
        while self.taken.contains(&name) {
            name = format!("{email} ({n})");
            n += 1;
        }
        Ok(Account {
            name,
            email,
            display_name: self.name.trim().to_owned(),
            protocol: self.protocol,
            incoming,
            outgoing,
            pop3: Pop3Options::default(),
            sync: SyncOptions::default(),
            signature: String::new(),
            save_sent_copy: true,
            // A network's own certificate authority, trusted for discovery, is trusted for
            // the account's servers too.
            ca_file: self.discover.ca_file.clone(),
            accepted_certs: self.accepted.clone(),
        })
    }

    fn verify(&mut self, engine: &Engine) -> Task<Message> {
        let account = match self.account() {
            Ok(account) => account,
            Err(problem) => {
                self.invalid = Some(problem);
                self.editing = true;
                return Task::none();
            }
        };
        self.invalid = None;
        self.error = None;
        self.step = Step::Verifying;
        let password = Secret::new(self.password.clone());
        Task::perform(engine.clone().verify(account, password), Message::Verified)
    }

    fn save(&mut self, engine: &Engine) -> Task<Message> {
        let account = match self.account() {
            Ok(account) => account,
            Err(problem) => {
                self.invalid = Some(problem);
                self.step = Step::Review;
                return Task::none();
            }
        };
        self.step = Step::Saving;
        let password = Secret::new(self.password.clone());
        let engine = engine.clone();
        Task::perform(
            async move {
                engine.add_account(account.clone(), password).await?;
                Ok(Box::new(account))
            },
            Message::Saved,
        )
    }

    fn back(&mut self) {
        self.error = None;
        self.invalid = None;
        self.step = match self.step {
            Step::Review | Step::Searching => Step::Identity,
            other => other,
        };
    }

    pub fn view(&self) -> Element<'_, Message> {
        let body: Element<'_, Message> = match self.step {
            Step::Identity => self.identity_view(),
            Step::Searching => self.searching_view(),
            Step::Review => self.review_view(),
            Step::Verifying => busy(tr!("wizard-verifying")),
            Step::Saving => busy(tr!("wizard-saving")),
        };
        let card = container(scrollable(body).spacing(theme::SPACING))
            .padding(theme::SPACING * 4.0)
            .max_width(620)
            .style(theme::card);
        container(card)
            .padding(theme::SPACING * 3.0)
            .width(Length::Fill)
            .height(Length::Fill)
            .center(Length::Fill)
            .style(theme::side_panel)
            .into()
    }

    fn identity_view(&self) -> Element<'_, Message> {
        let title = if self.cancellable {
            tr!("wizard-add-title")
        } else {
            tr!("welcome-title")
        };
        let mut form = column![
            row![icon::logo(40.0), text(title).size(theme::TITLE_SIZE)]
                .spacing(theme::SPACING * 1.5)
                .align_y(Alignment::Center),
            text(tr!("welcome-body")),
            labeled(
                tr!("wizard-name"),
                text_input(&tr!("wizard-name-hint"), &self.name)
                    .id("wizard-name")
                    .on_input(Message::NameChanged)
                    .padding(theme::SPACING)
            ),
            labeled(
                tr!("wizard-email"),
                text_input(&tr!("wizard-email-hint"), &self.email)
                    .id("wizard-email")
                    .on_input(Message::EmailChanged)
                    .on_submit(Message::Continue)
                    .padding(theme::SPACING)
            ),
            labeled(
                tr!("wizard-password"),
                text_input(&tr!("wizard-password-hint"), &self.password)
                    .id("wizard-password")
                    .secure(true)
                    .on_input(Message::PasswordChanged)
                    .on_submit(Message::Continue)
                    .padding(theme::SPACING)
            ),
        ]
        .spacing(theme::SPACING * 2.0);
        if let Some(problem) = &self.invalid {
            form = form.push(text(problem.clone()).style(theme::danger_text));
        }
        let mut buttons = row![].spacing(theme::SPACING).align_y(Alignment::Center);
        if self.cancellable {
            buttons = buttons.push(
                button(text(tr!("wizard-cancel")))
                    .style(button::secondary)
                    .on_press(Message::Cancel),
            );
        }
        buttons = buttons
            .push(space::horizontal())
            .push(
                button(text(tr!("wizard-manual")))
                    .style(button::text)
                    .on_press(Message::Manual),
            )
            .push(
                button(text(tr!("wizard-continue")))
                    .padding([8, 20])
                    .on_press(Message::Continue),
            );
        form.push(buttons).into()
    }

    fn searching_view(&self) -> Element<'_, Message> {
        let tried = column(self.trying.iter().map(|t| {
            row![
                text("•").style(theme::muted),
                text(t.clone()).size(theme::SMALL_SIZE)
            ]
            .spacing(theme::SPACING)
            .into()
        }))
        .spacing(theme::SPACING / 2.0);
        column![
            text(tr!("wizard-searching")).size(theme::HEADING_SIZE),
            text(tr!("wizard-searching-for", email = self.email.trim())).style(theme::muted),
            tried,
            row![
                button(text(tr!("wizard-back")))
                    .style(button::secondary)
                    .on_press(Message::Back),
                space::horizontal(),
                button(text(tr!("wizard-manual")))
                    .style(button::text)
                    .on_press(Message::Manual),
            ]
            .spacing(theme::SPACING),
        ]
        .spacing(theme::SPACING * 2.0)
        .into()
    }

    fn review_view(&self) -> Element<'_, Message> {
        let mut content = column![text(tr!("wizard-review-title")).size(theme::HEADING_SIZE)]
            .spacing(theme::SPACING * 2.0);
        if let Some(error) = &self.error {
            content = content.push(error_view(error));
        }
        content = content.push(self.protocol_choice());
        let chosen = self.found.iter().find(|f| f.protocol == self.protocol);
        if let Some(found) = chosen {
            content = content.push(
                text(tr!("wizard-found-source", source = found.source.as_str()))
                    .size(theme::SMALL_SIZE)
                    .style(theme::muted),
            );
            if found.other_domain {
                content = content.push(
                    container(
                        row![
                            icon::icon(Icon::Warning),
                            text(tr!(
                                "wizard-other-domain",
                                domain = domain_of(&self.email),
                                host = found.incoming.host.as_str()
                            ))
                        ]
                        .spacing(theme::SPACING)
                        .align_y(Alignment::Center),
                    )
                    .padding(theme::SPACING)
                    .style(theme::notice),
                );
            }
            for warning in &found.warnings {
                content = content.push(text(warning.clone()).style(theme::danger_text));
            }
        }
        if self.editing {
            content = content
                .push(server_form::editor(
                    Which::Incoming,
                    &self.incoming,
                    self.protocol,
                    Message::ServerField,
                    Message::ServerSecurity,
                ))
                .push(server_form::editor(
                    Which::Outgoing,
                    &self.outgoing,
                    self.protocol,
                    Message::ServerField,
                    Message::ServerSecurity,
                ));
        } else {
            content = content
                .push(server_summary(
                    Which::Incoming,
                    &self.incoming,
                    self.protocol,
                ))
                .push(server_summary(
                    Which::Outgoing,
                    &self.outgoing,
                    self.protocol,
                ));
        }
        if self.incoming.security == Some(Security::Plain)
            || self.outgoing.security == Some(Security::Plain)
        {
            content = content.push(text(tr!("wizard-plain-warning")).style(theme::danger_text));
        }
        if let Some(problem) = &self.invalid {
            content = content.push(text(problem.clone()).style(theme::danger_text));
        }
        let edit_label = if self.editing {
            tr!("wizard-hide-settings")
        } else {
            tr!("wizard-edit-settings")
        };
        content
            .push(
                row![
                    button(text(tr!("wizard-back")))
                        .style(button::secondary)
                        .on_press(Message::Back),
                    space::horizontal(),
                    button(text(edit_label))
                        .style(button::text)
                        .on_press(Message::ToggleManual),
                    button(text(tr!("wizard-sign-in")))
                        .padding([8, 20])
                        .on_press(Message::Verify),
                ]
                .spacing(theme::SPACING)
                .align_y(Alignment::Center),
            )
            .into()
    }

    fn protocol_choice(&self) -> Element<'_, Message> {
        let offered =
            |p: Protocol| self.found.is_empty() || self.found.iter().any(|f| f.protocol == p);
        let mut choices = column![text(tr!("wizard-protocol-question"))].spacing(theme::SPACING);
        for (protocol, label, explain) in [
            (
                Protocol::Imap,
                tr!("wizard-imap"),
                tr!("wizard-imap-explain"),
            ),
            (
                Protocol::Pop3,
                tr!("wizard-pop3"),
                tr!("wizard-pop3-explain"),
            ),
        ] {
            if !offered(protocol) {
                continue;
            }
            choices = choices.push(choice::option(
                label,
                Some(explain),
                self.protocol == protocol,
                Message::ChooseProtocol(protocol),
            ));
        }
        choices.into()
    }

    /// The certificate that did not verify, if the last attempt stopped on one.
    pub fn certificate(&self) -> Option<&CertificateProblem> {
        self.error.as_ref()?.certificate.as_deref()
    }
}

fn busy<'a>(what: String) -> Element<'a, Message> {
    column![
        text(what).size(theme::HEADING_SIZE),
        text(tr!("wizard-please-wait")).style(theme::muted),
    ]
    .spacing(theme::SPACING * 2.0)
    .into()
}

fn domain_of(email: &str) -> String {
    email
        .trim()
        .rsplit('@')
        .next()
        .unwrap_or_default()
        .to_owned()
}

fn labeled<'a>(label: String, input: impl Into<Element<'a, Message>>) -> Element<'a, Message> {
    column![text(label).size(theme::SMALL_SIZE), input.into()]
        .spacing(theme::SPACING / 2.0)
        .into()
}

fn server_summary<'a>(which: Which, form: &ServerForm, protocol: Protocol) -> Element<'a, Message> {
    let security = form
        .security
        .map(server_form::security_name)
        .unwrap_or_default();
    column![
        text(server_form::protocol_name(which, protocol)).font(theme::BOLD),
        text(tr!(
            "wizard-server-line",
            host = form.host.as_str(),
            port = form.port.as_str(),
            security = security
        )),
        text(tr!("wizard-server-user", username = form.username.as_str()))
            .size(theme::SMALL_SIZE)
            .style(theme::muted),
    ]
    .spacing(2)
    .into()
}

fn error_view(error: &Failure) -> Element<'_, Message> {
    let mut content = column![
        row![
            icon::colored(Icon::Warning, |t| t.extended_palette().danger.base.color),
            text(error.message.clone())
        ]
        .spacing(theme::SPACING)
        .align_y(Alignment::Center)
    ]
    .spacing(theme::SPACING);
    if let Some(cert) = &error.certificate {
        content = content
            .push(rule::horizontal(1))
            .push(certificate_view(cert));
        content = content.push(
            row![
                space::horizontal(),
                button(text(tr!("wizard-accept-certificate")))
                    .style(button::danger)
                    .on_press(Message::AcceptCertificate)
            ]
            .align_y(Alignment::Center),
        );
    }
    container(content)
        .padding(theme::SPACING * 1.5)
        .width(Length::Fill)
        .style(theme::error_box)
        .into()
}

/// A certificate's details, as the user needs them to decide whether to trust it.
pub fn certificate_view<'a, M: 'a>(cert: &CertificateProblem) -> Element<'a, M> {
    let line = |label: String, value: String| {
        row![
            container(text(label).size(theme::SMALL_SIZE)).width(Length::Fixed(130.0)),
            text(value).size(theme::SMALL_SIZE),
        ]
        .spacing(theme::SPACING)
    };
    column![
        text(tr!("certificate-title", host = cert.host.as_str())).font(theme::BOLD),
        line(tr!("certificate-subject"), cert.subject.clone()),
        line(tr!("certificate-issuer"), cert.issuer.clone()),
        line(
            tr!("certificate-valid"),
            tr!(
                "certificate-valid-range",
                from = crate::i18n::format_timestamp(&cert.not_before),
                until = crate::i18n::format_timestamp(&cert.not_after)
            )
        ),
        row![
            container(text(tr!("certificate-fingerprint")).size(theme::SMALL_SIZE))
                .width(Length::Fixed(130.0)),
            text(cert.sha256.clone())
                .size(theme::SMALL_SIZE)
                .font(theme::MONO),
        ]
        .spacing(theme::SPACING),
        text(tr!("certificate-advice")).size(theme::SMALL_SIZE),
    ]
    .spacing(4)
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_form_becomes_a_server_or_says_what_is_wrong() {
        let mut form = ServerForm {
            host: " imap.example.test ".into(),
            port: "993".into(),
            security: Some(Security::Tls),
            username: "anna@example.test".into(),
        };
        let server = form.to_server("incoming").unwrap();
        assert_eq!(server.host, "imap.example.test");
        assert_eq!(server.port, 993);
        form.port = "99999".into();
        assert!(form.to_server("incoming").unwrap_err().contains("incoming"));
        form.port = "0".into();
        assert!(form.to_server("incoming").is_err());
        form.port = "143".into();
        form.host = "bad host".into();
        assert!(form.to_server("incoming").is_err());
    }

    #[test]
    fn the_account_name_is_the_address_made_unique() {
        let mut w = Wizard::new(
            true,
            vec!["anna@example.test".into()],
            DiscoverSettings::default(),
        );
        w.email = "anna@example.test".into();
        w.password = "pw".into();
        w.start_manual();
        let account = w.account().unwrap();
        assert_eq!(account.name, "anna@example.test (2)");
        assert_eq!(account.incoming.host, "imap.example.test");
        assert_eq!(account.protocol, Protocol::Imap);
    }

    #[test]
    fn identity_needs_an_address_and_a_password() {
        let mut w = Wizard::new(false, vec![], DiscoverSettings::default());
        w.email = "no-at".into();
        w.start_manual();
        assert_eq!(w.step(), Step::Identity);
        assert!(w.invalid.is_some());
        w.email = "a@b.test".into();
        w.start_manual();
        assert_eq!(w.step(), Step::Identity, "no password");
        w.password = "x".into();
        w.start_manual();
        assert_eq!(w.step(), Step::Review);
    }
}
