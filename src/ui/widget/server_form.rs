//! The fields of one server (host, port, security, user name): typed as text, checked
//! when used. The setup wizard and the account settings share them.

use iced::widget::{column, container, pick_list, row, text, text_input};
use iced::{Element, Length};

use crate::engine::account::{Auth, Protocol, Security, Server};
use crate::tr;
use crate::ui::theme;

/// One server's fields as typed, before they are checked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ServerForm {
    pub host: String,
    pub port: String,
    pub security: Option<Security>,
    pub username: String,
}

impl ServerForm {
    pub fn from_server(server: &Server) -> Self {
        Self {
            host: server.host.clone(),
            port: server.port.to_string(),
            security: Some(server.security),
            username: server.username.clone(),
        }
    }

    /// The server the fields describe, or what is wrong with them.
    pub fn to_server(&self, which: &str) -> Result<Server, String> {
        let host = self.host.trim();
        if host.is_empty() || host.contains(char::is_whitespace) {
            return Err(tr!("wizard-error-host", server = which));
        }
        let port: u16 = self
            .port
            .trim()
            .parse()
            .ok()
            .filter(|p| *p > 0)
            .ok_or_else(|| tr!("wizard-error-port", server = which))?;
        let security = self
            .security
            .ok_or_else(|| tr!("wizard-error-security", server = which))?;
        Ok(Server {
            host: host.to_owned(),
            port,
            security,
            username: self.username.trim().to_owned(),
            auth: Auth::Password,
        })
    }
}

/// Which server a manual field belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Incoming,
    Outgoing,
}

/// A field of a server form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Host,
    Port,
    Username,
}

/// A security choice as the pick list shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SecurityChoice(pub Security);

impl SecurityChoice {
    pub const ALL: [SecurityChoice; 3] = [
        SecurityChoice(Security::Tls),
        SecurityChoice(Security::Starttls),
        SecurityChoice(Security::Plain),
    ];
}

impl std::fmt::Display for SecurityChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&security_name(self.0))
    }
}

/// A security choice in words.
pub fn security_name(security: Security) -> String {
    match security {
        Security::Tls => tr!("security-tls"),
        Security::Starttls => tr!("security-starttls"),
        Security::Plain => tr!("security-plain"),
    }
}

/// What a server is for, in words.
pub fn protocol_name(which: Which, protocol: Protocol) -> String {
    match (which, protocol) {
        (Which::Incoming, Protocol::Imap) => tr!("wizard-incoming-imap"),
        (Which::Incoming, Protocol::Pop3) => tr!("wizard-incoming-pop3"),
        (Which::Outgoing, _) => tr!("wizard-outgoing-smtp"),
    }
}

fn labeled<'a, M: 'a>(label: String, input: impl Into<Element<'a, M>>) -> Element<'a, M> {
    column![text(label).size(theme::SMALL_SIZE), input.into()]
        .spacing(theme::SPACING / 2.0)
        .into()
}

/// The editable fields of a server; ids `incoming-host`, `outgoing-port`... for tests.
pub fn editor<'a, M: Clone + 'a>(
    which: Which,
    form: &ServerForm,
    protocol: Protocol,
    on_field: fn(Which, Field, String) -> M,
    on_security: fn(Which, SecurityChoice) -> M,
) -> Element<'a, M> {
    let field = move |f: Field| move |v: String| on_field(which, f, v);
    let prefix = match which {
        Which::Incoming => "incoming",
        Which::Outgoing => "outgoing",
    };
    let id = move |f: &str| iced::widget::Id::from(format!("{prefix}-{f}"));
    column![
        text(protocol_name(which, protocol)).font(theme::BOLD),
        row![
            labeled(
                tr!("wizard-host"),
                text_input("mail.example.com", &form.host)
                    .id(id("host"))
                    .on_input(field(Field::Host))
                    .padding(6)
            ),
            container(labeled(
                tr!("wizard-port"),
                text_input("993", &form.port)
                    .id(id("port"))
                    .on_input(field(Field::Port))
                    .padding(6)
            ))
            .width(Length::Fixed(80.0)),
            container(labeled(
                tr!("wizard-security"),
                pick_list(
                    SecurityChoice::ALL,
                    form.security.map(SecurityChoice),
                    move |c| on_security(which, c)
                )
                .padding(6)
            ))
            .width(Length::Fixed(190.0)),
        ]
        .spacing(theme::SPACING),
        labeled(
            tr!("wizard-username"),
            text_input("", &form.username)
                .id(id("username"))
                .on_input(field(Field::Username))
                .padding(6)
        ),
    ]
    .spacing(theme::SPACING)
    .into()
}
