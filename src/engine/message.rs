//! A message as people read it: decoded headers and addresses, the body as styled text,
//! attachments.
//!
//! [`ReadMessage::parse`] uses mail-parser (`full_encoding`: RFC 2047 encoded words and
//! RFC 2231 parameters in every charset). The body becomes a small block model
//! ([`Block`], [`Inline`]) a GUI can lay out without an HTML engine: paragraphs, headings,
//! bold/italic/underline/code spans, lists, quotes, preformatted text, links that keep their
//! real target, and images as placeholders that say whether they are remote (never fetched
//! here) or embedded in the message. Scripts, styles and forms are dropped. A message
//! mail-parser cannot make sense of still yields a `ReadMessage`: `unreadable` is set and
//! the raw source is shown as preformatted text.
//!
//! What could deceive the reader is dealt with here, by the rules of [`safety`]: only web
//! and mail links are clickable, a confusable domain is shown in punycode, and
//! [`ReadMessage::warnings`] says when a display name shows another address than the real
//! one, a domain mixes scripts, or a link's text names another place than it leads to.
//! Attachment names are made safe to save and their real extension is known.

mod html;
mod text;

use mail_parser::{HeaderName, MessageParser, MimeHeaders, PartType};
use serde::{Deserialize, Serialize};

use crate::engine::safety::{self, Warning};

/// A mailbox: a display name (decoded, may be empty) and an address (may be empty for an
/// unparsable or group-only header).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    pub name: String,
    pub address: String,
}

impl Address {
    pub fn new(name: impl Into<String>, address: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            address: address.into(),
        }
    }

    /// What a list shows: the name if there is one, else the address.
    pub fn display(&self) -> &str {
        if self.name.trim().is_empty() {
            &self.address
        } else {
            &self.name
        }
    }

    pub(crate) fn from_parsed(a: &mail_parser::Addr<'_>) -> Self {
        Self {
            name: a.name().unwrap_or_default().trim().to_owned(),
            address: a.address().unwrap_or_default().trim().to_owned(),
        }
    }

    pub(crate) fn list(a: Option<&mail_parser::Address<'_>>) -> Vec<Self> {
        a.map(|a| a.iter().map(Self::from_parsed).collect())
            .unwrap_or_default()
    }
}

impl std::fmt::Display for Address {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.name.is_empty(), self.address.is_empty()) {
            (true, _) => f.write_str(&self.address),
            (false, true) => f.write_str(&self.name),
            (false, false) => write!(f, "{} <{}>", self.name, self.address),
        }
    }
}

/// A run of text with one style.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Span {
    pub text: String,
    #[serde(skip_serializing_if = "is_false")]
    pub bold: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub italic: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub underline: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub strike: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub code: bool,
    /// The link's real target, as the message gives it (the GUI shows it before opening
    /// anything); only http, https and mailto links are kept, a confusable host is given
    /// in punycode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Where an image would come from. Nothing is ever fetched while parsing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ImageSource {
    /// On the internet: blocked by default (it could tell the sender you read the mail).
    Remote { url: String },
    /// A part of this message (`cid:`), the attachment index if it was found.
    Embedded {
        content_id: String,
        attachment: Option<usize>,
    },
    /// A `data:` URI inside the HTML itself.
    Data,
    /// Anything else (a relative path, an unknown scheme): nothing to show.
    Unknown { src: String },
}

/// An image placeholder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Image {
    pub alt: String,
    pub source: ImageSource,
    /// The link around the image, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

/// Inline content of a paragraph or heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Inline {
    Text(Span),
    Image(Image),
    /// A hard line break.
    Break,
}

/// A block of the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Block {
    Paragraph {
        content: Vec<Inline>,
    },
    Heading {
        level: u8,
        content: Vec<Inline>,
    },
    List {
        ordered: bool,
        items: Vec<Vec<Block>>,
    },
    Quote {
        blocks: Vec<Block>,
    },
    Preformatted {
        text: String,
    },
    Rule,
}

/// An attachment, without its bytes (see [`ReadMessage::attachment_bytes`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attachment {
    /// Position among the message's attachments, to fetch the bytes.
    pub index: usize,
    /// The name as the sender gave it (decoded), for display, without control, invisible
    /// or direction-changing characters.
    pub name: String,
    /// The name made safe to use as a file name (no directories, no reserved names).
    pub file_name: String,
    /// The real extension of `file_name`, lower-case, to show beside the name.
    pub extension: Option<String>,
    /// Opening it could run something (a program, a script, a shortcut, a disk image).
    pub risky: bool,
    /// `type/subtype`, lowercase.
    pub content_type: String,
    /// Decoded size in bytes.
    pub size: u64,
    /// Shown inside the body (an image referenced by `cid:`), not offered as a file.
    pub inline: bool,
    pub content_id: Option<String>,
}

/// A message ready to be shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReadMessage {
    pub subject: String,
    pub from: Vec<Address>,
    pub reply_to: Vec<Address>,
    pub to: Vec<Address>,
    pub cc: Vec<Address>,
    pub bcc: Vec<Address>,
    /// The Date header, seconds since the epoch.
    pub date: Option<i64>,
    pub message_id: Option<String>,
    /// The body as plain text (HTML reduced to text).
    pub text: String,
    /// The body as styled blocks.
    pub body: Vec<Block>,
    /// The body came from HTML.
    pub from_html: bool,
    /// How many remote images the body refers to (none is fetched).
    pub remote_images: usize,
    pub attachments: Vec<Attachment>,
    /// mail-parser could not make sense of the message: `body` shows its raw source.
    pub unreadable: bool,
    /// What in the message may be trying to deceive the reader, to show above it.
    pub warnings: Vec<Warning>,
}

impl ReadMessage {
    /// Parses raw RFC 5322 bytes. Never fails: a message that cannot be parsed comes back
    /// `unreadable` with its source as the body.
    pub fn parse(raw: &[u8]) -> ReadMessage {
        let parsed = MessageParser::default().parse(raw).filter(|m| {
            m.headers()
                .iter()
                .any(|h| !matches!(h.name, HeaderName::Other(_)))
        });
        let Some(msg) = parsed else {
            return Self::unreadable(raw);
        };
        let mut attachments = Vec::new();
        for (index, part) in msg.attachments().enumerate() {
            let name = part
                .attachment_name()
                .map(str::to_owned)
                .or_else(|| {
                    part.message()
                        .and_then(|m| m.subject())
                        .map(|s| format!("{s}.eml"))
                })
                .unwrap_or_default();
            let content_type = part
                .content_type()
                .map(|ct| match ct.subtype() {
                    Some(sub) => format!("{}/{}", ct.ctype(), sub),
                    None => ct.ctype().to_owned(),
                })
                .unwrap_or_else(|| "application/octet-stream".to_owned())
                .to_ascii_lowercase();
            let content_id = part
                .content_id()
                .map(|c| c.trim_matches(['<', '>']).to_owned());
            let inline = content_id.is_some()
                && !part
                    .content_disposition()
                    .is_some_and(|d| d.ctype().eq_ignore_ascii_case("attachment"));
            let file_name = safe_file_name(&name);
            let extension = safety::extension(&file_name);
            attachments.push(Attachment {
                index,
                risky: extension.as_deref().is_some_and(safety::is_risky_extension),
                extension,
                file_name,
                name: display_text(&name),
                content_type,
                size: part.len() as u64,
                inline,
                content_id,
            });
        }
        let cid_index = |cid: &str| {
            attachments
                .iter()
                .find(|a| a.content_id.as_deref() == Some(cid))
                .map(|a| a.index)
        };
        let mut warnings = Vec::new();
        let (body, from_html) = body_blocks(&msg, &cid_index, &mut warnings);
        link_warnings(&body, &mut warnings);
        let mut text = String::new();
        for i in 0..msg.text_body_count() {
            if let Some(t) = msg.body_text(i) {
                if !text.is_empty() {
                    text.push('\n');
                }
                text.push_str(&t);
            }
        }
        let remote_images = count_remote(&body);
        let mut header_warnings = Vec::new();
        let mut people = |list: Option<&mail_parser::Address<'_>>, sender: bool| {
            checked_people(Address::list(list), sender, &mut header_warnings)
        };
        let from = people(msg.from(), true);
        let reply_to = people(msg.reply_to(), true);
        // Sender is not shown, but a deceptive one is worth a warning.
        let _ = people(msg.sender(), true);
        let (to, cc, bcc) = (
            people(msg.to(), false),
            people(msg.cc(), false),
            people(msg.bcc(), false),
        );
        for w in warnings {
            safety::add(&mut header_warnings, w);
        }
        ReadMessage {
            subject: msg.subject().unwrap_or_default().to_owned(),
            from,
            reply_to,
            to,
            cc,
            bcc,
            date: msg.date().map(|d| d.to_timestamp()),
            message_id: msg.message_id().map(str::to_owned),
            text,
            body,
            from_html,
            remote_images,
            attachments,
            unreadable: false,
            warnings: header_warnings,
        }
    }

    fn unreadable(raw: &[u8]) -> ReadMessage {
        let source = String::from_utf8_lossy(raw).into_owned();
        ReadMessage {
            subject: String::new(),
            from: Vec::new(),
            reply_to: Vec::new(),
            to: Vec::new(),
            cc: Vec::new(),
            bcc: Vec::new(),
            date: None,
            message_id: None,
            body: vec![Block::Preformatted {
                text: source.clone(),
            }],
            text: source,
            from_html: false,
            remote_images: 0,
            attachments: Vec::new(),
            unreadable: true,
            warnings: Vec::new(),
        }
    }

    /// A message whose body is not downloaded yet, from its stored headers: shown with the
    /// same care as a parsed one (names cleaned, confusable domains in punycode, a sender's
    /// display name showing another address flagged).
    pub fn from_headers(
        subject: &str,
        from: Vec<Address>,
        to: Vec<Address>,
        cc: Vec<Address>,
        date: Option<i64>,
        message_id: Option<String>,
    ) -> ReadMessage {
        let mut warnings = Vec::new();
        let from = checked_people(from, true, &mut warnings);
        let to = checked_people(to, false, &mut warnings);
        let cc = checked_people(cc, false, &mut warnings);
        ReadMessage {
            subject: subject.to_owned(),
            from,
            reply_to: Vec::new(),
            to,
            cc,
            bcc: Vec::new(),
            date,
            message_id,
            text: String::new(),
            body: Vec::new(),
            from_html: false,
            remote_images: 0,
            attachments: Vec::new(),
            unreadable: false,
            warnings,
        }
    }

    /// The decoded bytes of attachment `index` of a raw message.
    pub fn attachment_bytes(raw: &[u8], index: usize) -> Option<Vec<u8>> {
        let msg = MessageParser::default().parse(raw)?;
        let part = msg.attachments().nth(index)?;
        Some(part.contents().to_vec())
    }
}

/// Addresses as shown: a confusable domain in punycode. Senders (From, Reply-To, Sender)
/// are also checked for a display name that shows another address.
fn checked_people(
    mut list: Vec<Address>,
    sender: bool,
    warnings: &mut Vec<Warning>,
) -> Vec<Address> {
    for a in &mut list {
        a.name = display_text(&a.name);
        if sender && let Some(shown) = safety::shown_address(&a.name, &a.address) {
            safety::add(
                warnings,
                Warning::NameHidesAddress {
                    name: a.name.clone(),
                    shown,
                    address: a.address.clone(),
                },
            );
        }
        let (address, warning) = safety::display_address(&a.address);
        if let Some(w) = warning {
            a.address = address;
            safety::add(warnings, w);
        }
    }
    list
}

/// Text from a header made safe to show on one line: no control, invisible or
/// direction-changing characters.
fn display_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if safety::is_invisible(c) {
            continue;
        }
        out.push(if c.is_control() { ' ' } else { c });
    }
    out.trim().to_owned()
}

/// Flags links whose text shows another host than their target.
fn link_warnings(blocks: &[Block], warnings: &mut Vec<Warning>) {
    for b in blocks {
        match b {
            Block::Paragraph { content } | Block::Heading { content, .. } => {
                let mut text = String::new();
                let mut current: Option<&str> = None;
                let check = |text: &str, link: Option<&str>, w: &mut Vec<Warning>| {
                    if let Some(target) = link
                        && safety::link_text_differs(text, target)
                    {
                        safety::add(
                            w,
                            Warning::LinkTextDiffers {
                                text: text.trim().to_owned(),
                                target: target.to_owned(),
                            },
                        );
                    }
                };
                for inline in content {
                    let (piece, link) = match inline {
                        Inline::Text(s) => (s.text.as_str(), s.link.as_deref()),
                        _ => ("", None),
                    };
                    if link != current {
                        check(&text, current, warnings);
                        text.clear();
                        current = link;
                    }
                    text.push_str(piece);
                }
                check(&text, current, warnings);
            }
            Block::List { items, .. } => {
                for item in items {
                    link_warnings(item, warnings);
                }
            }
            Block::Quote { blocks } => link_warnings(blocks, warnings),
            Block::Preformatted { .. } | Block::Rule => {}
        }
    }
}

/// The body as blocks: the HTML alternative when there is one, else the text parts.
fn body_blocks(
    msg: &mail_parser::Message<'_>,
    cid_index: &dyn Fn(&str) -> Option<usize>,
    warnings: &mut Vec<Warning>,
) -> (Vec<Block>, bool) {
    let mut blocks = Vec::new();
    let mut from_html = false;
    let html_parts = msg.html_body_count();
    if html_parts > 0
        && (0..html_parts as u32).any(|i| msg.html_part(i).is_some_and(|p| p.is_text_html()))
    {
        for i in 0..html_parts as u32 {
            match msg.html_part(i).map(|p| &p.body) {
                Some(PartType::Html(h)) => {
                    from_html = true;
                    blocks.extend(html::to_blocks(h, cid_index, warnings));
                }
                Some(PartType::Text(t)) => blocks.extend(text::to_blocks(t, warnings)),
                _ => {}
            }
        }
    } else {
        for i in 0..msg.text_body_count() as u32 {
            if let Some(PartType::Text(t)) = msg.text_part(i).map(|p| &p.body) {
                blocks.extend(text::to_blocks(t, warnings));
            }
        }
    }
    (blocks, from_html)
}

fn count_remote(blocks: &[Block]) -> usize {
    let inline = |content: &[Inline]| {
        content
            .iter()
            .filter(|i| {
                matches!(
                    i,
                    Inline::Image(Image {
                        source: ImageSource::Remote { .. },
                        ..
                    })
                )
            })
            .count()
    };
    blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph { content } | Block::Heading { content, .. } => inline(content),
            Block::List { items, .. } => items.iter().map(|i| count_remote(i)).sum(),
            Block::Quote { blocks } => count_remote(blocks),
            Block::Preformatted { .. } | Block::Rule => 0,
        })
        .sum()
}

/// Makes an attachment name safe as a file name on every platform; see
/// [`safety::file_name`].
pub fn safe_file_name(name: &str) -> String {
    safety::file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIXED: &[u8] = b"From: =?ISO-8859-1?Q?Andr=E9_Pirard?= <PIRARD@vm1.ulg.ac.be>\r\n\
To: =?UTF-8?B?5bGx55Sw?= <yamada@example.jp>, bob@example.test\r\n\
Cc: Undisclosed recipients:;\r\n\
Subject: =?UTF-8?B?R3LDvMOfZQ==?= aus =?ISO-8859-1?Q?caf=E9?=\r\n\
Date: Tue, 1 Jul 2025 10:52:37 +0200\r\n\
Message-ID: <abc@example.org>\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=\"OUT\"\r\n\
\r\n\
--OUT\r\n\
Content-Type: multipart/related; boundary=\"REL\"\r\n\
\r\n\
--REL\r\n\
Content-Type: multipart/alternative; boundary=\"ALT\"\r\n\
\r\n\
--ALT\r\n\
Content-Type: text/plain; charset=iso-8859-1\r\n\
Content-Transfer-Encoding: quoted-printable\r\n\
\r\n\
Bonjour caf=E9\r\n\
--ALT\r\n\
Content-Type: text/html; charset=utf-8\r\n\
\r\n\
<html><head><style>p{color:red}</style><script>alert(1)</script></head><body>\
<h1>Report</h1><p>Bonjour <b>caf\xc3\xa9</b> and <i>more</i>, see \
<a href=\"https://real.example/target\">https://fake.example</a>.</p>\
<ul><li>one</li><li>two <code>x</code></li></ul>\
<blockquote><p>quoted</p></blockquote>\
<img src=\"https://tracker.example/p.gif\" alt=\"tracker\"><img src=\"cid:logo@x\" alt=\"logo\">\
</body></html>\r\n\
--ALT--\r\n\
--REL\r\n\
Content-Type: image/png\r\n\
Content-ID: <logo@x>\r\n\
Content-Transfer-Encoding: base64\r\n\
\r\n\
iVBORw0KGgo=\r\n\
--REL--\r\n\
--OUT\r\n\
Content-Type: application/pdf\r\n\
Content-Disposition: attachment; filename*=UTF-8''..%2F..%2Fr%C3%A9sum%C3%A9.pdf\r\n\
Content-Transfer-Encoding: base64\r\n\
\r\n\
JVBERi0xLjQK\r\n\
--OUT--\r\n";

    #[test]
    fn headers_and_addresses_are_decoded() {
        let m = ReadMessage::parse(MIXED);
        assert!(!m.unreadable);
        assert_eq!(m.subject, "Grüße aus café");
        assert_eq!(
            m.from,
            vec![Address::new("André Pirard", "PIRARD@vm1.ulg.ac.be")]
        );
        assert_eq!(m.to[0], Address::new("山田", "yamada@example.jp"));
        assert_eq!(m.to[1].address, "bob@example.test");
        assert_eq!(m.date, Some(1_751_359_957));
        assert_eq!(m.message_id.as_deref(), Some("abc@example.org"));
        assert!(m.text.contains("Bonjour café"), "{}", m.text);
    }

    #[test]
    fn html_becomes_blocks_without_scripts_and_with_real_link_targets() {
        let m = ReadMessage::parse(MIXED);
        assert!(m.from_html);
        assert_eq!(m.body.len(), 5, "{:#?}", m.body);
        assert!(matches!(&m.body[0], Block::Heading { level: 1, .. }));
        let Block::Paragraph { content } = &m.body[1] else {
            panic!("{:?}", m.body[1])
        };
        let spans: Vec<&Span> = content
            .iter()
            .filter_map(|i| match i {
                Inline::Text(s) => Some(s),
                _ => None,
            })
            .collect();
        assert!(
            spans.iter().any(|s| s.bold && s.text == "café"),
            "{spans:?}"
        );
        assert!(spans.iter().any(|s| s.italic && s.text == "more"));
        let link = spans.iter().find(|s| s.link.is_some()).unwrap();
        assert_eq!(link.text, "https://fake.example");
        assert_eq!(link.link.as_deref(), Some("https://real.example/target"));
        let all = format!("{:?}", m.body);
        assert!(
            !all.contains("alert") && !all.contains("color:red"),
            "{all}"
        );
        assert!(matches!(&m.body[2], Block::List { ordered: false, items } if items.len() == 2));
        assert!(matches!(&m.body[3], Block::Quote { .. }));
        assert_eq!(m.remote_images, 1);
        let Block::Paragraph { content } = &m.body[4] else {
            panic!("{:?}", m.body[4])
        };
        assert!(
            matches!(&content[0], Inline::Image(Image { source: ImageSource::Remote { url }, .. }) if url == "https://tracker.example/p.gif")
        );
        assert!(
            matches!(&content[1], Inline::Image(Image { source: ImageSource::Embedded { content_id, attachment: Some(0) }, .. }) if content_id == "logo@x")
        );
    }

    #[test]
    fn attachments_are_listed_with_safe_names_and_bytes_on_demand() {
        let m = ReadMessage::parse(MIXED);
        assert_eq!(m.attachments.len(), 2);
        let logo = &m.attachments[0];
        assert!(logo.inline);
        assert_eq!(logo.content_type, "image/png");
        let pdf = &m.attachments[1];
        assert_eq!(pdf.name, "../../résumé.pdf");
        assert_eq!(pdf.file_name, "résumé.pdf");
        assert_eq!(pdf.content_type, "application/pdf");
        assert!(!pdf.inline);
        assert_eq!(pdf.size, 9);
        assert_eq!(
            ReadMessage::attachment_bytes(MIXED, pdf.index).unwrap(),
            b"%PDF-1.4\n"
        );
    }

    #[test]
    fn plain_text_keeps_quotes_and_links() {
        let raw = b"From: a@b.test\r\nSubject: t\r\n\r\nHello,\r\nsee https://x.test/a?b=1.\r\n\r\n> earlier\r\n>> older\r\n\r\nBye\r\n";
        let m = ReadMessage::parse(raw);
        assert!(!m.from_html);
        assert_eq!(m.body.len(), 3, "{:#?}", m.body);
        let Block::Paragraph { content } = &m.body[0] else {
            panic!()
        };
        assert!(content.iter().any(
            |i| matches!(i, Inline::Text(Span { link: Some(l), .. }) if l == "https://x.test/a?b=1")
        ));
        let Block::Quote { blocks } = &m.body[1] else {
            panic!("{:?}", m.body[1])
        };
        assert!(matches!(&blocks[1], Block::Quote { .. }), "{blocks:?}");
    }

    #[test]
    fn garbage_still_shows_its_source() {
        let raw = b"\x00\x01 not a message at all \xff";
        let m = ReadMessage::parse(raw);
        assert!(m.unreadable);
        assert!(
            matches!(&m.body[0], Block::Preformatted { text } if text.contains("not a message"))
        );
    }

    #[test]
    fn deceptive_senders_links_and_names_are_flagged() {
        let raw = "From: \"support@bank.test\" <x@evil.test>\r\n\
Reply-To: Billing <billing@p\u{430}ypal.test>\r\n\
To: anna@example.test\r\n\
Subject: act now\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=B\r\n\
\r\n\
--B\r\n\
Content-Type: text/html; charset=utf-8\r\n\
\r\n\
<p><a href=\"javascript:steal()\">Log in</a> or \
<a href=\" JAVA&#x09;SCRIPT:x()\">here</a>, see \
<a href=\"https://evil.test/bank\">https://bank.test/login</a> and \
<a href=\"https://p\u{430}ypal.test/\">PayPal</a></p>\r\n\
--B\r\n\
Content-Type: application/octet-stream\r\n\
Content-Disposition: attachment; filename=\"invoice\u{202e}fdp.exe\"\r\n\
\r\n\
MZ\r\n\
--B--\r\n";
        let m = ReadMessage::parse(raw.as_bytes());
        assert!(
            m.warnings.contains(&Warning::NameHidesAddress {
                name: "support@bank.test".into(),
                shown: "support@bank.test".into(),
                address: "x@evil.test".into(),
            }),
            "{:#?}",
            m.warnings
        );
        assert!(
            m.reply_to[0].address.starts_with("billing@xn--"),
            "{:?}",
            m.reply_to
        );
        assert!(
            m.warnings
                .iter()
                .any(|w| matches!(w, Warning::ConfusableDomain { .. }))
        );
        assert!(m.warnings.iter().any(|w| matches!(w,
            Warning::LinkTextDiffers { target, .. } if target == "https://evil.test/bank")));
        assert!(
            m.warnings
                .iter()
                .any(|w| matches!(w, Warning::UnsafeLink { .. }))
        );
        let links: Vec<String> = format!("{:?}", m.body)
            .split("link: Some(\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap_or_default().to_owned())
            .collect();
        assert!(links.iter().all(|l| l.starts_with("https://")), "{links:?}");
        assert!(
            links.iter().any(|l| l.starts_with("https://xn--")),
            "{links:?}"
        );
        let exe = &m.attachments[0];
        assert_eq!(exe.file_name, "invoicefdp.exe");
        assert_eq!(exe.name, "invoicefdp.exe");
        assert_eq!(exe.extension.as_deref(), Some("exe"));
        assert!(exe.risky);
    }

    #[test]
    fn a_message_shown_from_its_headers_is_checked_like_a_parsed_one() {
        let m = ReadMessage::from_headers(
            "act now",
            vec![Address::new("support@bank.test", "x@evil.test")],
            vec![Address::new("", "anna@p\u{430}ypal.test")],
            Vec::new(),
            Some(0),
            None,
        );
        assert!(m.warnings.contains(&Warning::NameHidesAddress {
            name: "support@bank.test".into(),
            shown: "support@bank.test".into(),
            address: "x@evil.test".into(),
        }));
        assert!(m.to[0].address.starts_with("anna@xn--"), "{:?}", m.to);
        assert!(
            m.warnings
                .iter()
                .any(|w| matches!(w, Warning::ConfusableDomain { .. }))
        );
    }

    #[test]
    fn file_names_are_made_safe() {
        assert_eq!(safe_file_name("../../etc/passwd"), "passwd");
        assert_eq!(safe_file_name("C:\\Windows\\evil.exe"), "evil.exe");
        assert_eq!(safe_file_name("a<b>:c?.txt"), "a_b__c_.txt");
        assert_eq!(safe_file_name("CON.txt"), "_CON.txt");
        assert_eq!(safe_file_name(".hidden"), "hidden");
        assert_eq!(safe_file_name(""), "attachment");
        assert_eq!(safe_file_name("..."), "attachment");
        assert_eq!(safe_file_name("a\u{0}b\nc"), "a_b_c");
        let long = format!("{}.pdf", "é".repeat(300));
        let safe = safe_file_name(&long);
        assert!(safe.len() <= 200 && safe.ends_with(".pdf"), "{safe}");
    }
}
