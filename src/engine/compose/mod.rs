//! Building outgoing mail: the MIME message the composer's fields describe, replies and
//! forwards of a message the user read, and whole messages handed over as they are.
//!
//! - [`Outgoing`] is what a composer holds: sender, recipients, subject, text, an optional
//!   HTML alternative, attachments, and the threading headers of a reply. [`build`] turns it
//!   into RFC 5322 bytes with lettre's builder: the subject and names as RFC 2047 encoded
//!   words, attachment names as RFC 2231 parameters, every attachment in base64 so it
//!   arrives byte for byte, Date and Message-ID set, and no Bcc header (Bcc recipients are
//!   only in the SMTP envelope).
//! - [`reply`], [`reply_all`], [`forward_inline`] and [`forward_as_attachment`] prefill an
//!   [`Outgoing`] from an original message (see `reply.rs`).
//! - [`prepare_raw`] takes a complete message (`tidings send --raw`), takes its recipients
//!   from To/Cc/Bcc, removes Bcc, and adds Date and Message-ID when they are missing.
//!
//! Header safety: a CR or LF in a value the user typed could start a new header (header
//! injection). Addresses and names containing them are refused with
//! [`ComposeError::LineBreak`]; in the subject, where pasting a line break is an honest
//! mistake, each run of line breaks is folded into one space. Message-IDs taken from an
//! original message are kept only when they look like `<id@domain>`.

mod address;
mod raw;
mod reply;

use std::time::SystemTime;

use lettre::message::header::{ContentTransferEncoding, ContentType, UserAgent};
use lettre::message::{Attachment as MimeAttachment, Body, MultiPart, SinglePart};
use serde::{Deserialize, Serialize};

use crate::engine::account::Account;
use crate::engine::error::Localized;
use crate::tr;

pub use address::{Person, parse_list};
pub use raw::prepare_raw;
pub use reply::{Identity, forward_as_attachment, forward_inline, reply, reply_all};

/// Why a message could not be built.
#[derive(Debug, thiserror::Error)]
pub enum ComposeError {
    #[error("the {field} field contains a line break")]
    LineBreak { field: &'static str },
    #[error("{value:?} in the {field} field is not an email address")]
    Address { field: &'static str, value: String },
    #[error("the message has no recipient")]
    NoRecipients,
    #[error("the attachment {name} could not be read: {reason}")]
    Attachment { name: String, reason: String },
    #[error("the message could not be read: {reason}")]
    Unreadable { reason: String },
    #[error("the message could not be built: {reason}")]
    Build { reason: String },
}

impl Localized for ComposeError {
    fn localized(&self) -> String {
        match self {
            ComposeError::LineBreak { field } => {
                tr!("error-compose-line-break", field = field_name(field))
            }
            ComposeError::Address { field, value } => tr!(
                "error-compose-address",
                field = field_name(field),
                value = value.as_str()
            ),
            ComposeError::NoRecipients => tr!("error-compose-no-recipients"),
            ComposeError::Attachment { name, reason } => tr!(
                "error-compose-attachment",
                name = name.as_str(),
                reason = reason.as_str()
            ),
            ComposeError::Unreadable { reason } => {
                tr!("error-compose-unreadable", reason = reason.as_str())
            }
            ComposeError::Build { reason } => tr!("error-compose-build", reason = reason.as_str()),
        }
    }
}

/// The name of a composer field, as the user sees it.
fn field_name(field: &str) -> String {
    match field {
        "from" => tr!("compose-field-from"),
        "to" => tr!("compose-field-to"),
        "cc" => tr!("compose-field-cc"),
        "bcc" => tr!("compose-field-bcc"),
        "subject" => tr!("compose-field-subject"),
        other => other.to_owned(),
    }
}

/// A file attached to a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// The file name the recipient sees (any UTF-8).
    pub name: String,
    /// The MIME type; guessed from the name when `None`.
    #[serde(default)]
    pub content_type: Option<String>,
    /// The bytes. Drafts keep them in files of their own, not in the draft's JSON.
    #[serde(skip)]
    pub data: Vec<u8>,
}

impl Attachment {
    /// Reads a file to attach; its name becomes the attachment's name.
    pub fn from_file(path: &std::path::Path) -> Result<Self, ComposeError> {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        let data = std::fs::read(path).map_err(|e| ComposeError::Attachment {
            name: path.display().to_string(),
            reason: e.to_string(),
        })?;
        Ok(Self {
            name,
            content_type: None,
            data,
        })
    }

    /// The declared type, or one guessed from the file name.
    pub fn mime_type(&self) -> String {
        self.content_type.clone().unwrap_or_else(|| {
            mime_guess::from_path(&self.name)
                .first_or_octet_stream()
                .essence_str()
                .to_owned()
        })
    }
}

/// A message being written: everything the composer's fields hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outgoing {
    pub from: Option<Person>,
    /// Each entry may hold several addresses separated by commas, as typed.
    #[serde(default)]
    pub to: Vec<String>,
    #[serde(default)]
    pub cc: Vec<String>,
    #[serde(default)]
    pub bcc: Vec<String>,
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub text: String,
    /// An HTML version of the text, sent as a multipart/alternative.
    #[serde(default)]
    pub html: Option<String>,
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    /// The Message-ID this answers (with angle brackets).
    #[serde(default)]
    pub in_reply_to: Option<String>,
    /// The thread's Message-IDs, oldest first (with angle brackets).
    #[serde(default)]
    pub references: Vec<String>,
}

impl Outgoing {
    /// A new, empty message from an account, its signature below the text as the
    /// `-- ` separator line of RFC 3676 §4.3 introduces it.
    pub fn new(account: &Account) -> Self {
        let text = if account.signature.trim().is_empty() {
            String::new()
        } else {
            format!("\n\n-- \n{}", account.signature)
        };
        Self {
            from: Some(Person::new(&account.display_name, &account.email)),
            text,
            ..Self::default()
        }
    }
}

/// Who the SMTP server is told the message is from and goes to (RFC 5321 §3.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    pub from: String,
    pub to: Vec<String>,
}

/// A message ready to go: its bytes and its envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Built {
    /// RFC 5322 bytes with CRLF line endings, without a Bcc header.
    pub raw: Vec<u8>,
    pub envelope: Envelope,
    /// With angle brackets.
    pub message_id: String,
}

/// Builds the message an [`Outgoing`] describes, dated now.
pub fn build(message: &Outgoing) -> Result<Built, ComposeError> {
    build_at(message, SystemTime::now())
}

/// Builds the message an [`Outgoing`] describes, with the given Date.
pub fn build_at(message: &Outgoing, date: SystemTime) -> Result<Built, ComposeError> {
    assemble(message, date, Purpose::Send)
}

/// The copy of an unfinished message kept in the Drafts folder: recipients that are not
/// (yet) valid addresses are left out instead of refused, none at all is fine, and Bcc is
/// kept so the draft reopens with it. Never send these bytes.
pub fn build_draft(message: &Outgoing) -> Result<Vec<u8>, ComposeError> {
    Ok(assemble(message, SystemTime::now(), Purpose::Draft)?.raw)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Purpose {
    Send,
    Draft,
}

fn assemble(message: &Outgoing, date: SystemTime, purpose: Purpose) -> Result<Built, ComposeError> {
    let from = message
        .from
        .as_ref()
        .ok_or(ComposeError::Address {
            field: "from",
            value: String::new(),
        })?
        .mailbox("from")?;
    let message_id = new_message_id(from.email.as_ref());
    let mut builder = lettre::Message::builder()
        .from(from.clone())
        .subject(fold_subject(&message.subject))
        .date(date)
        .message_id(Some(message_id.clone()))
        .header(UserAgent::from(format!(
            "Tidings/{}",
            env!("CARGO_PKG_VERSION")
        )));

    let mut recipients = Vec::new();
    for (field, entries) in [
        ("to", &message.to),
        ("cc", &message.cc),
        ("bcc", &message.bcc),
    ] {
        for entry in entries {
            let people = match (parse_list(field, entry), purpose) {
                (Ok(people), _) => people,
                (Err(e), Purpose::Send) => return Err(e),
                (Err(_), Purpose::Draft) => continue,
            };
            for person in people {
                let mailbox = match (person.mailbox(field), purpose) {
                    (Ok(m), _) => m,
                    (Err(e), Purpose::Send) => return Err(e),
                    (Err(_), Purpose::Draft) => continue,
                };
                recipients.push(mailbox.email.to_string());
                builder = match field {
                    "to" => builder.to(mailbox),
                    "cc" => builder.cc(mailbox),
                    _ => builder.bcc(mailbox),
                };
            }
        }
    }
    match purpose {
        Purpose::Send if recipients.is_empty() => return Err(ComposeError::NoRecipients),
        Purpose::Send => {}
        Purpose::Draft => {
            // lettre wants an envelope with a recipient; a draft's is never used.
            let envelope =
                lettre::address::Envelope::new(Some(from.email.clone()), vec![from.email.clone()])
                    .map_err(|e| ComposeError::Build {
                        reason: e.to_string(),
                    })?;
            builder = builder.envelope(envelope).keep_bcc();
        }
    }
    if let Some(id) = message.in_reply_to.as_deref().and_then(clean_message_id) {
        builder = builder.in_reply_to(id);
    }
    let references: Vec<String> = message
        .references
        .iter()
        .filter_map(|r| clean_message_id(r))
        .collect();
    if !references.is_empty() {
        builder = builder.references(references.join(" "));
    }

    let email = builder
        .multipart(body(message)?)
        .map_err(|e| ComposeError::Build {
            reason: e.to_string(),
        })?;
    let mut seen = std::collections::HashSet::new();
    recipients.retain(|r| seen.insert(r.to_ascii_lowercase()));
    Ok(Built {
        raw: email.formatted(),
        envelope: Envelope {
            from: from.email.to_string(),
            to: recipients,
        },
        message_id,
    })
}

/// The MIME tree: text (with its HTML alternative), then the attachments.
fn body(message: &Outgoing) -> Result<MultiPart, ComposeError> {
    let text = SinglePart::plain(message.text.clone());
    let mut mixed = match &message.html {
        Some(html) => MultiPart::mixed().multipart(
            MultiPart::alternative()
                .singlepart(text)
                .singlepart(SinglePart::html(html.clone())),
        ),
        None => MultiPart::mixed().singlepart(text),
    };
    for attachment in &message.attachments {
        mixed = mixed.singlepart(attachment_part(attachment)?);
    }
    Ok(mixed)
}

fn attachment_part(attachment: &Attachment) -> Result<SinglePart, ComposeError> {
    let mime = attachment.mime_type();
    // Only `type/subtype`: parameters or line breaks from a caller never reach the header.
    if !is_mime_type(&mime) {
        return Err(ComposeError::Attachment {
            name: attachment.name.clone(),
            reason: format!("{mime:?} is not a MIME type"),
        });
    }
    let content_type = ContentType::parse(&mime).map_err(|_| ComposeError::Attachment {
        name: attachment.name.clone(),
        reason: format!("{mime:?} is not a MIME type"),
    })?;
    // File names with line breaks cannot be written safely; a file system may allow them.
    let name: String = attachment
        .name
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let part = MimeAttachment::new(name);
    if mime.eq_ignore_ascii_case("message/rfc822") {
        // RFC 2046 §5.2.1: message/rfc822 may only be 7bit, 8bit or binary.
        let encoding = if attachment.data.is_ascii() {
            ContentTransferEncoding::SevenBit
        } else {
            ContentTransferEncoding::EightBit
        };
        if let Ok(body) = Body::new_with_encoding(attachment.data.clone(), encoding) {
            return Ok(part.body(body, content_type));
        }
        // Lines too long for 7bit/8bit: base64 is the only safe way, and readers cope.
    }
    let body = Body::new_with_encoding(attachment.data.clone(), ContentTransferEncoding::Base64)
        .map_err(|_| ComposeError::Build {
            reason: "base64".into(),
        })?;
    Ok(part.body(body, content_type))
}

/// Whether `text` is a bare `type/subtype` (RFC 6838 §4.2 names), nothing more.
pub fn is_mime_type(text: &str) -> bool {
    text.split_once('/').is_some_and(|(t, s)| {
        let token = |x: &str| {
            !x.is_empty()
                && x.len() <= 127
                && x.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"!#$&-^_.+".contains(&b))
        };
        token(t) && token(s)
    })
}

/// Folds every run of CR/LF (and other control characters) in a subject into one space.
pub fn fold_subject(subject: &str) -> String {
    let mut out = String::with_capacity(subject.len());
    let mut in_break = false;
    for c in subject.chars() {
        if c.is_control() {
            if !in_break {
                out.push(' ');
            }
            in_break = true;
        } else {
            out.push(c);
            in_break = false;
        }
    }
    out.trim().to_owned()
}

/// A Message-ID from another message, kept only when it is one `<left@right>` token of
/// printable ASCII (RFC 5322 §3.6.4); anything else is dropped, never copied into a header.
pub fn clean_message_id(id: &str) -> Option<String> {
    let id = id.trim();
    let inner = id
        .strip_prefix('<')
        .and_then(|i| i.strip_suffix('>'))
        .unwrap_or(id);
    let ok = !inner.is_empty()
        && inner.len() <= 250
        && inner.contains('@')
        && inner
            .bytes()
            .all(|b| b.is_ascii_graphic() && !matches!(b, b'<' | b'>' | b'"' | b'\\' | b','));
    ok.then(|| format!("<{inner}>"))
}

/// A new Message-ID: 128 random bits at the sender's domain (RFC 5322 §3.6.4). The domain
/// names no computer, so nothing about the sender's machine leaks.
pub fn new_message_id(from_address: &str) -> String {
    let domain = from_address
        .rsplit_once('@')
        .map(|(_, d)| d)
        .filter(|d| !d.is_empty() && d.is_ascii())
        .unwrap_or("tidings.invalid");
    let random: u128 = rand::random();
    format!("<{random:032x}@{domain}>")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &[u8]) -> mail_parser::Message<'_> {
        mail_parser::MessageParser::default().parse(raw).unwrap()
    }

    fn sample() -> Outgoing {
        Outgoing {
            from: Some(Person::new("Anna Example", "anna@example.test")),
            to: vec!["bob@example.test".into()],
            cc: vec!["Carol <carol@example.test>".into()],
            bcc: vec!["dave@example.test".into()],
            subject: "Grüße aus Tidings 📬 café".into(),
            text: "Hello Bob,\n.\nA line with a dot above.\n".into(),
            ..Outgoing::default()
        }
    }

    fn header_block(raw: &[u8]) -> String {
        let text = String::from_utf8_lossy(raw);
        text.split("\r\n\r\n").next().unwrap().to_owned()
    }

    #[test]
    fn headers_are_encoded_and_bcc_is_only_in_the_envelope() {
        let built = build(&sample()).unwrap();
        let headers = header_block(&built.raw);
        assert!(headers.is_ascii(), "{headers}");
        // Header names only: a random Message-ID or boundary may well contain "bcc".
        assert!(
            !headers
                .lines()
                .any(|l| l.to_ascii_lowercase().starts_with("bcc:")),
            "{headers}"
        );
        assert!(!String::from_utf8_lossy(&built.raw).contains("dave@"));
        assert!(headers.contains("Subject: =?utf-8?"), "{headers}");
        assert_eq!(
            built.envelope.to,
            vec![
                "bob@example.test",
                "carol@example.test",
                "dave@example.test"
            ]
        );
        assert_eq!(built.envelope.from, "anna@example.test");

        let msg = parse(&built.raw);
        assert_eq!(msg.subject(), Some("Grüße aus Tidings 📬 café"));
        let from = msg.from().unwrap().first().unwrap();
        assert_eq!(from.name(), Some("Anna Example"));
        assert_eq!(from.address(), Some("anna@example.test"));
        assert_eq!(
            msg.message_id(),
            Some(built.message_id.trim_matches(['<', '>']))
        );
        assert!(built.message_id.ends_with("@example.test>"));
        assert!(msg.date().is_some());
        assert_eq!(
            msg.body_text(0).unwrap().replace("\r\n", "\n"),
            "Hello Bob,\n.\nA line with a dot above.\n"
        );
        assert!(!built.raw.windows(2).any(|w| w[1] == b'\n' && w[0] != b'\r'));
    }

    #[test]
    fn html_alternative_and_attachments_round_trip() {
        let mut m = sample();
        m.html = Some("<p>Hello <b>Bob</b></p>".into());
        let binary: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
        m.attachments = vec![
            Attachment {
                name: "résumé €.pdf".into(),
                content_type: None,
                data: binary.clone(),
            },
            Attachment {
                name: "notes.txt".into(),
                content_type: None,
                data: b"line one\nline two without CR\n".to_vec(),
            },
        ];
        let built = build(&m).unwrap();
        let headers_text = String::from_utf8_lossy(&built.raw).into_owned();
        assert!(
            headers_text.contains("filename*0*=utf-8''r%C3%A9sum%C3%A9%20%E2%82%AC.pdf"),
            "RFC 2231 name missing"
        );
        let msg = parse(&built.raw);
        assert_eq!(msg.body_html(0).unwrap(), "<p>Hello <b>Bob</b></p>");
        let atts: Vec<_> = msg.attachments().collect();
        assert_eq!(atts.len(), 2);
        use mail_parser::MimeHeaders;
        assert_eq!(atts[0].attachment_name(), Some("résumé €.pdf"));
        assert_eq!(atts[0].content_type().unwrap().subtype(), Some("pdf"));
        assert_eq!(atts[0].contents(), &binary[..]);
        assert_eq!(atts[1].contents(), b"line one\nline two without CR\n");
        assert_eq!(atts[1].content_type().unwrap().ctype(), "text");
    }

    #[test]
    fn threading_headers_are_written_and_hostile_ids_dropped() {
        let mut m = sample();
        m.in_reply_to = Some("<orig@example.test>".into());
        m.references = vec![
            "<root@example.test>".into(),
            "<evil@x>\r\nBcc: eve@example.test".into(),
            "<orig@example.test>".into(),
        ];
        let built = build(&m).unwrap();
        let headers = header_block(&built.raw);
        assert!(
            headers.contains("In-Reply-To: <orig@example.test>"),
            "{headers}"
        );
        assert!(
            headers.contains("References: <root@example.test> <orig@example.test>"),
            "{headers}"
        );
        assert!(!headers.contains("eve@"), "{headers}");
    }

    #[test]
    fn no_header_injection_through_any_field() {
        let mut m = sample();
        m.subject = "Hi\r\nBcc: eve@example.test\r\n\r\nbody".into();
        let built = build(&m).unwrap();
        let headers = header_block(&built.raw);
        assert!(!headers.lines().any(|l| l.starts_with("Bcc")), "{headers}");
        assert_eq!(
            parse(&built.raw).subject(),
            Some("Hi Bcc: eve@example.test body")
        );

        let mut m = sample();
        m.to = vec!["bob@example.test\nBcc: eve@example.test".into()];
        assert!(matches!(
            build(&m),
            Err(ComposeError::LineBreak { field: "to" })
        ));
        let mut m = sample();
        m.from = Some(Person::new(
            "Anna\r\nBcc: eve@example.test",
            "anna@example.test",
        ));
        assert!(matches!(
            build(&m),
            Err(ComposeError::LineBreak { field: "from" })
        ));
        let mut m = sample();
        m.attachments = vec![Attachment {
            name: "a\r\nBcc: eve@example.test.txt".into(),
            content_type: None,
            data: b"x".to_vec(),
        }];
        let built = build(&m).unwrap();
        assert!(
            !String::from_utf8_lossy(&built.raw)
                .lines()
                .any(|l| l.starts_with("Bcc")),
        );
    }

    #[test]
    fn an_attachment_type_cannot_smuggle_headers() {
        let mut m = sample();
        for bad in [
            "text/plain\r\nBcc: eve@example.test",
            "text/plain; name=x",
            "nonsense",
        ] {
            m.attachments = vec![Attachment {
                name: "a.txt".into(),
                content_type: Some(bad.into()),
                data: b"x".to_vec(),
            }];
            assert!(
                matches!(build(&m), Err(ComposeError::Attachment { .. })),
                "{bad} was accepted"
            );
        }
        m.attachments[0].content_type = Some("application/vnd.ms-excel".into());
        assert!(build(&m).is_ok());
    }

    #[test]
    fn a_message_without_recipients_or_sender_is_refused() {
        let mut m = sample();
        m.to.clear();
        m.cc.clear();
        m.bcc.clear();
        assert!(matches!(build(&m), Err(ComposeError::NoRecipients)));
        let mut m = sample();
        m.from = None;
        assert!(matches!(
            build(&m),
            Err(ComposeError::Address { field: "from", .. })
        ));
    }

    #[test]
    fn duplicate_recipients_get_one_rcpt() {
        let mut m = sample();
        m.cc = vec!["BOB@example.test".into()];
        m.bcc.clear();
        assert_eq!(build(&m).unwrap().envelope.to, vec!["bob@example.test"]);
    }

    #[test]
    fn message_ids_are_cleaned() {
        assert_eq!(clean_message_id(" <a@b> ").as_deref(), Some("<a@b>"));
        assert_eq!(clean_message_id("a@b").as_deref(), Some("<a@b>"));
        assert_eq!(clean_message_id("<a b@c>"), None);
        assert_eq!(clean_message_id("<nope>"), None);
        assert_eq!(clean_message_id("<a@b>\r\nX: y"), None);
        assert!(new_message_id("anna@example.test").ends_with("@example.test>"));
        assert!(new_message_id("garbage").ends_with("@tidings.invalid>"));
    }

    #[test]
    fn a_draft_keeps_bcc_and_tolerates_unfinished_recipients() {
        let mut m = sample();
        m.to = vec!["bob@".into(), "half typed <".into()];
        m.cc.clear();
        let raw = build_draft(&m).unwrap();
        let msg = parse(&raw);
        assert_eq!(
            msg.bcc().unwrap().first().unwrap().address(),
            Some("dave@example.test")
        );
        assert!(msg.to().is_none());
        m.bcc.clear();
        assert!(
            build_draft(&m).is_ok(),
            "no recipient at all is fine for a draft"
        );
    }

    #[test]
    fn subjects_fold_line_breaks() {
        assert_eq!(fold_subject("a\r\n\r\nb\tc"), "a b c");
        assert_eq!(fold_subject("  plain  "), "plain");
    }
}
