//! The autoconfig format (`config-v1.1.xml`), as Thunderbird's ISPDB and providers serve it
//! and as draft-ietf-mailmaint-autoconfig describes it.
//!
//! Only what a mail account needs is read: the provider's id, name and domains, and its
//! `incomingServer` (IMAP, POP3) and `outgoingServer` (SMTP) entries in the order given
//! (first = preferred). Unknown elements are ignored (the draft requires it); unknown server
//! types (exchange, jmap...) and socket types are skipped; invalid XML is an error with the
//! parser's reason, which the caller logs before ignoring the file.

use quick_xml::events::Event;

use crate::engine::account::{Auth, Security};
use crate::engine::discover::ServerKind;

/// One server entry as written in the file, before the address is filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerEntry {
    pub kind: ServerKind,
    /// May hold placeholders (`%EMAILDOMAIN%`).
    pub hostname: String,
    pub port: u16,
    pub security: Security,
    /// May hold placeholders (`%EMAILADDRESS%`, `%EMAILLOCALPART%`, `%EMAILDOMAIN%`).
    pub username: String,
    pub auth: Auth,
}

/// What one autoconfig file says about a provider.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProviderFile {
    pub id: String,
    pub display_name: String,
    /// The email domains this provider serves.
    pub domains: Vec<String>,
    pub servers: Vec<ServerEntry>,
}

/// Why a file was not used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum XmlError {
    #[error("not well-formed XML: {0}")]
    Malformed(String),
    #[error("the root element is <{0}>, not <clientConfig>")]
    NotAutoconfig(String),
    #[error("it has no <emailProvider>")]
    NoProvider,
}

/// A parsed element: just enough of a tree to walk the format.
#[derive(Debug, Default)]
struct Element {
    name: String,
    attributes: Vec<(String, String)>,
    children: Vec<Element>,
    text: String,
}

impl Element {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn children<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    fn child_text(&self, name: &str) -> Option<String> {
        self.children(name)
            .map(|c| c.text.trim().to_owned())
            .find(|t| !t.is_empty())
    }
}

/// Parses an autoconfig file.
pub fn parse(text: &str) -> Result<ProviderFile, XmlError> {
    let root = tree(text)?;
    if root.name != "clientConfig" {
        return Err(XmlError::NotAutoconfig(root.name));
    }
    let provider = root
        .children("emailProvider")
        .next()
        .ok_or(XmlError::NoProvider)?;
    let mut file = ProviderFile {
        id: provider.attribute("id").unwrap_or_default().to_owned(),
        display_name: provider.child_text("displayName").unwrap_or_default(),
        domains: provider
            .children("domain")
            .map(|d| d.text.trim().to_ascii_lowercase())
            .filter(|d| !d.is_empty())
            .collect(),
        servers: Vec::new(),
    };
    for element in &provider.children {
        let outgoing = match element.name.as_str() {
            "incomingServer" => false,
            "outgoingServer" => true,
            _ => continue,
        };
        match server(element, outgoing) {
            Ok(entry) => file.servers.push(entry),
            Err(reason) => tracing::debug!(reason, "an autoconfig server entry was skipped"),
        }
    }
    Ok(file)
}

fn server(element: &Element, outgoing: bool) -> Result<ServerEntry, String> {
    let kind_name = element.attribute("type").unwrap_or_default();
    let kind = match (outgoing, kind_name) {
        (false, "imap") => ServerKind::Imap,
        (false, "pop3") => ServerKind::Pop3,
        (true, "smtp") => ServerKind::Smtp,
        _ => return Err(format!("server type {kind_name:?} is not used")),
    };
    let hostname = element.child_text("hostname").ok_or("no hostname")?;
    let port = element
        .child_text("port")
        .ok_or("no port")?
        .parse::<u16>()
        .ok()
        .filter(|p| *p != 0)
        .ok_or("the port is not a number between 1 and 65535")?;
    // Several socket types may be listed; the first one we know wins.
    let security = element
        .children("socketType")
        .find_map(|s| socket_type(s.text.trim()))
        .ok_or("no known socketType")?;
    // A password is preferred over OAuth2 where both are listed: Tidings has no OAuth2
    // sign-in flow yet, and these providers take app passwords.
    let methods: Vec<Auth> = element
        .children("authentication")
        .filter_map(|a| authentication(a.text.trim()))
        .collect();
    let auth = if element.children("authentication").next().is_none()
        || methods.contains(&Auth::Password)
    {
        Auth::Password
    } else {
        *methods
            .first()
            .ok_or("no authentication method Tidings supports")?
    };
    Ok(ServerEntry {
        kind,
        hostname,
        port,
        security,
        username: element
            .child_text("username")
            .unwrap_or_else(|| "%EMAILADDRESS%".into()),
        auth,
    })
}

/// Thunderbird writes `SSL` for implicit TLS; the draft writes `TLS`.
fn socket_type(value: &str) -> Option<Security> {
    match value.to_ascii_uppercase().as_str() {
        "SSL" | "TLS" => Some(Security::Tls),
        "STARTTLS" => Some(Security::Starttls),
        "PLAIN" => Some(Security::Plain),
        _ => None,
    }
}

fn authentication(value: &str) -> Option<Auth> {
    match value.to_ascii_lowercase().as_str() {
        // A password sent over the (TLS-protected) connection. "password-encrypted" means
        // CRAM-MD5 and the like; over TLS a plain SASL login is as good.
        "password-cleartext" | "plain" | "password-encrypted" | "secure" => Some(Auth::Password),
        "oauth2" => Some(Auth::Oauth2),
        // The server needs no login (some ISPs' SMTP relays for their own network).
        "none" | "client-ip-address" | "smtp-after-pop" => Some(Auth::Password),
        _ => None,
    }
}

/// Replaces the draft's placeholders with the parts of `address`.
pub fn fill(template: &str, address: &str) -> String {
    let (local, domain) = address.rsplit_once('@').unwrap_or((address, ""));
    template
        .replace("%EMAILADDRESS%", address)
        .replace("%EMAILLOCALPART%", local)
        .replace("%EMAILDOMAIN%", domain)
}

fn tree(text: &str) -> Result<Element, XmlError> {
    let mut reader = quick_xml::Reader::from_str(text);
    let malformed = |e: &dyn std::fmt::Display| XmlError::Malformed(e.to_string());
    // The open elements, outermost first; index 0 is a synthetic document node.
    let mut stack = vec![Element::default()];
    loop {
        let event = reader.read_event().map_err(|e| malformed(&e))?;
        match event {
            Event::Start(start) => {
                stack.push(element(&start).map_err(|e| malformed(&e))?);
            }
            Event::Empty(start) => {
                let empty = element(&start).map_err(|e| malformed(&e))?;
                if let Some(parent) = stack.last_mut() {
                    parent.children.push(empty);
                }
            }
            Event::End(_) => {
                let done = stack.pop().filter(|_| !stack.is_empty());
                match (done, stack.last_mut()) {
                    (Some(done), Some(parent)) => parent.children.push(done),
                    _ => return Err(malformed(&"an end tag without a start tag")),
                }
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content()),
            Event::CData(t) => push_text(&mut stack, &t.xml10_content()),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref().map_err(|e| malformed(&e))? {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_predefined_entity(&r)
                        .ok_or_else(|| malformed(&format!("unknown entity &{};", &*r)))?
                        .to_owned(),
                };
                push_text(&mut stack, &resolved);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if stack.len() != 1 {
        return Err(malformed(&"the document ends inside an element"));
    }
    let document = stack.pop().unwrap_or_default();
    document
        .children
        .into_iter()
        .next()
        .ok_or_else(|| malformed(&"the document is empty"))
}

fn push_text(stack: &mut [Element], text: &str) {
    if let Some(open) = stack.last_mut() {
        open.text.push_str(text);
    }
}

fn element(start: &quick_xml::events::BytesStart<'_>) -> Result<Element, String> {
    let mut attributes = Vec::new();
    for attribute in start.attributes() {
        let attribute = attribute.map_err(|e| e.to_string())?;
        let value = attribute
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| e.to_string())?;
        attributes.push((
            attribute.key.local_name().into_inner().to_owned(),
            value.into_owned(),
        ));
    }
    Ok(Element {
        name: start.local_name().into_inner().to_owned(),
        attributes,
        ..Element::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="example.com">
    <domain>example.com</domain>
    <domain>Example.NET</domain>
    <displayName>Example Mail &amp; Co</displayName>
    <displayShortName>Example</displayShortName>
    <incomingServer type="imap">
      <hostname>imap.%EMAILDOMAIN%</hostname>
      <port>993</port>
      <socketType>SSL</socketType>
      <authentication>password-cleartext</authentication>
      <username>%EMAILADDRESS%</username>
    </incomingServer>
    <incomingServer type="pop3">
      <hostname>pop.example.com</hostname>
      <port>995</port>
      <socketType>SSL</socketType>
      <authentication>password-cleartext</authentication>
      <username>%EMAILLOCALPART%</username>
      <pop3>
        <leaveMessagesOnServer>true</leaveMessagesOnServer>
      </pop3>
    </incomingServer>
    <incomingServer type="exchange">
      <hostname>outlook.example.com</hostname>
      <port>443</port>
      <socketType>SSL</socketType>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.example.com</hostname>
      <port>587</port>
      <socketType>STARTTLS</socketType>
      <authentication>GSSAPI</authentication>
      <authentication>password-encrypted</authentication>
      <username>%EMAILLOCALPART%@%EMAILDOMAIN%</username>
    </outgoingServer>
    <documentation url="https://example.com/help">
      <descr lang="en">Help</descr>
    </documentation>
    <futureElement><nested>ignored</nested></futureElement>
  </emailProvider>
  <webMail><loginPage url="https://example.com/"/></webMail>
</clientConfig>"#;

    #[test]
    fn the_example_file_is_read_fully() {
        let file = parse(EXAMPLE).unwrap();
        assert_eq!(file.id, "example.com");
        assert_eq!(file.display_name, "Example Mail & Co");
        assert_eq!(file.domains, ["example.com", "example.net"]);
        assert_eq!(
            file.servers.len(),
            3,
            "exchange is skipped: {:?}",
            file.servers
        );
        let imap = &file.servers[0];
        assert_eq!(imap.kind, ServerKind::Imap);
        assert_eq!(imap.hostname, "imap.%EMAILDOMAIN%");
        assert_eq!((imap.port, imap.security), (993, Security::Tls));
        let pop = &file.servers[1];
        assert_eq!(pop.kind, ServerKind::Pop3);
        assert_eq!(pop.username, "%EMAILLOCALPART%");
        let smtp = &file.servers[2];
        assert_eq!(smtp.kind, ServerKind::Smtp);
        assert_eq!(smtp.security, Security::Starttls);
        assert_eq!(smtp.auth, Auth::Password, "GSSAPI skipped, password taken");
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(
            fill("%EMAILLOCALPART%@%EMAILDOMAIN%", "anna@example.com"),
            "anna@example.com"
        );
        assert_eq!(fill("%EMAILLOCALPART%", "anna@example.com"), "anna");
        assert_eq!(fill("imap.%EMAILDOMAIN%", "a@b.test"), "imap.b.test");
        assert_eq!(fill("%EMAILADDRESS%", "a@b.test"), "a@b.test");
    }

    #[test]
    fn several_socket_types_take_the_first_known_one() {
        let xml = r#"<clientConfig><emailProvider id="x">
            <incomingServer type="imap"><hostname>h</hostname><port>143</port>
              <socketType>QUANTUM</socketType><socketType>STARTTLS</socketType><socketType>plain</socketType>
            </incomingServer>
            <incomingServer type="imap"><hostname>h</hostname><port>993</port><socketType>TLS</socketType></incomingServer>
            <incomingServer type="imap"><hostname>h</hostname><port>143</port><socketType>plain</socketType></incomingServer>
        </emailProvider></clientConfig>"#;
        let file = parse(xml).unwrap();
        let security: Vec<_> = file.servers.iter().map(|s| s.security).collect();
        assert_eq!(
            security,
            [Security::Starttls, Security::Tls, Security::Plain]
        );
    }

    #[test]
    fn entries_without_what_we_need_are_skipped() {
        let xml = r#"<clientConfig><emailProvider id="x">
            <incomingServer type="imap"><port>993</port><socketType>SSL</socketType></incomingServer>
            <incomingServer type="imap"><hostname>h</hostname><port>99999</port><socketType>SSL</socketType></incomingServer>
            <incomingServer type="imap"><hostname>h</hostname><port>993</port><socketType>SSL</socketType>
              <authentication>NTLM</authentication></incomingServer>
            <outgoingServer type="smtp"><hostname>s</hostname><port>465</port><socketType>SSL</socketType>
              <authentication>OAuth2</authentication></outgoingServer>
        </emailProvider></clientConfig>"#;
        let file = parse(xml).unwrap();
        assert_eq!(file.servers.len(), 1);
        assert_eq!(file.servers[0].auth, Auth::Oauth2);
    }

    #[test]
    fn invalid_xml_is_an_error_with_a_reason() {
        for bad in [
            "",
            "<clientConfig><emailProvider>",
            "<clientConfig></emailProvider>",
            "<html><body>Not found</body></html>",
            "<clientConfig/>",
            "<clientConfig><emailProvider id='x'><displayName>&bogus;</displayName></emailProvider></clientConfig>",
        ] {
            let err = parse(bad).unwrap_err();
            assert!(!err.to_string().is_empty(), "{bad}");
        }
    }
}
