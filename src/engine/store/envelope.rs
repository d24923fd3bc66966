//! What the index keeps of a message, taken from its raw bytes with mail-parser.

use mail_parser::{HeaderName, HeaderValue, MessageParser, MimeHeaders};

use crate::engine::message::Address;

/// How much of a message's body text goes into the search index.
const MAX_INDEXED_TEXT: usize = 256 * 1024;
/// Length of the preview snippet, in characters.
const PREVIEW_CHARS: usize = 160;

/// The indexed fields of one message.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Envelope {
    pub message_id: Option<String>,
    pub in_reply_to: Option<String>,
    pub references: Vec<String>,
    /// The Date header, seconds since the epoch.
    pub date: Option<i64>,
    pub from: Address,
    pub to: Vec<Address>,
    pub cc: Vec<Address>,
    pub subject: String,
    pub base_subject: String,
    pub is_reply: bool,
    pub has_attachments: bool,
    pub preview: String,
    /// Text of the body (HTML reduced to text) for search.
    pub text: String,
    pub attachment_names: Vec<String>,
    /// mail-parser could not make sense of it: listed as "(unreadable message)".
    pub unreadable: bool,
}

impl Envelope {
    /// Parses a whole message, or only its header section when `headers_only`.
    pub fn parse(raw: &[u8], headers_only: bool) -> Envelope {
        let Some(msg) = MessageParser::default().parse(raw) else {
            return Envelope {
                unreadable: true,
                ..Envelope::default()
            };
        };
        // mail-parser accepts anything; without a single standard header field the bytes
        // are not a message anyone could read.
        let known = |h: &mail_parser::Header<'_>| !matches!(h.name, HeaderName::Other(_));
        if !msg.headers().iter().any(known) {
            return Envelope {
                unreadable: true,
                ..Envelope::default()
            };
        }
        let subject = msg.subject().unwrap_or_default().trim().to_owned();
        let (base_subject, is_reply) = base_subject(&subject);
        let message_id = msg.message_id().and_then(clean_id);
        let in_reply_to = ids(msg.in_reply_to()).into_iter().next_back();
        let references = ids(msg.references());
        let mut env = Envelope {
            message_id,
            in_reply_to,
            references,
            date: msg.date().map(|d| d.to_timestamp()),
            from: msg
                .from()
                .and_then(|a| a.first())
                .map(Address::from_parsed)
                .unwrap_or_default(),
            to: Address::list(msg.to()),
            cc: Address::list(msg.cc()),
            subject,
            base_subject,
            is_reply,
            ..Envelope::default()
        };
        if headers_only {
            env.has_attachments = msg.content_type().is_some_and(|ct| {
                ct.ctype().eq_ignore_ascii_case("multipart")
                    && ct
                        .subtype()
                        .is_some_and(|s| s.eq_ignore_ascii_case("mixed"))
            });
            return env;
        }
        env.preview = msg
            .body_preview(PREVIEW_CHARS * 2)
            .map(|p| squeeze(&p, PREVIEW_CHARS))
            .unwrap_or_default();
        let mut text = String::new();
        for i in 0..msg.text_body_count() {
            if let Some(t) = msg.body_text(i) {
                text.push_str(&t);
                text.push('\n');
            }
            if text.len() > MAX_INDEXED_TEXT {
                let mut cut = MAX_INDEXED_TEXT;
                while !text.is_char_boundary(cut) {
                    cut -= 1;
                }
                text.truncate(cut);
                break;
            }
        }
        env.text = text;
        for part in msg.attachments() {
            let embedded = part.content_id().is_some()
                && !part
                    .content_disposition()
                    .is_some_and(|d| d.ctype().eq_ignore_ascii_case("attachment"));
            if !embedded {
                env.has_attachments = true;
            }
            if let Some(name) = part.attachment_name() {
                env.attachment_names.push(name.to_owned());
            }
        }
        env
    }
}

/// A Message-ID without its angle brackets and surrounding space; `None` when empty.
fn clean_id(id: &str) -> Option<String> {
    let id = id
        .trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim();
    (!id.is_empty()).then(|| id.to_owned())
}

fn ids(value: &HeaderValue<'_>) -> Vec<String> {
    match value {
        HeaderValue::Text(t) => clean_id(t).into_iter().collect(),
        HeaderValue::TextList(list) => list.iter().filter_map(|t| clean_id(t)).collect(),
        _ => Vec::new(),
    }
}

/// Reply and forward prefixes in the languages mail clients commonly write them.
const REPLY_PREFIXES: &[&str] = &[
    "re", "aw", "sv", "vs", "antw", "ref", "réf", "rif", "r", "odp", "res", "ynt", "atb",
];
const FORWARD_PREFIXES: &[&str] = &["fwd", "fw", "wg", "tr", "rv", "enc", "doorst", "vl"];

/// The subject without `Re:`/`Fwd:` prefixes (also `Re[2]:`, `AW:`, `SV:` …) and mailing
/// list tags, lowercased, for threading by subject; and whether a reply prefix was there.
pub(crate) fn base_subject(subject: &str) -> (String, bool) {
    let mut s = subject.trim();
    let mut is_reply = false;
    loop {
        let before = s;
        if let Some(rest) = s.strip_prefix('[')
            && let Some(end) = rest.find(']')
            && rest[end + 1..].trim_start().len() < s.len()
            && !rest[end + 1..].trim().is_empty()
        {
            s = rest[end + 1..].trim_start();
        }
        if let Some(colon) = s.find(':').filter(|&c| c <= 12) {
            let head = s[..colon].trim();
            // `Re[2]` and `Re(2)` count replies.
            let word = head
                .split(['[', '('])
                .next()
                .unwrap_or_default()
                .to_lowercase();
            if REPLY_PREFIXES.contains(&word.as_str()) {
                is_reply = true;
                s = s[colon + 1..].trim_start();
            } else if FORWARD_PREFIXES.contains(&word.as_str()) {
                s = s[colon + 1..].trim_start();
            }
        }
        if s == before {
            break;
        }
    }
    (s.to_lowercase(), is_reply)
}

/// Collapses whitespace and cuts to `max` characters.
pub(crate) fn squeeze(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(max);
    for (n, word) in text.split_whitespace().enumerate() {
        if n > 0 {
            out.push(' ');
        }
        out.push_str(word);
        if out.chars().count() >= max {
            break;
        }
    }
    if out.chars().count() > max {
        out = out.chars().take(max).collect();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_lose_their_prefixes() {
        assert_eq!(base_subject("Re: Hello"), ("hello".into(), true));
        assert_eq!(base_subject("RE: AW: Fwd: Hello"), ("hello".into(), true));
        assert_eq!(base_subject("Fwd: Hello"), ("hello".into(), false));
        assert_eq!(base_subject("Re[2]: Hello"), ("hello".into(), true));
        assert_eq!(base_subject("[list] Re: Hello"), ("hello".into(), true));
        assert_eq!(base_subject("Hello"), ("hello".into(), false));
        assert_eq!(
            base_subject("Meeting: 10:00"),
            ("meeting: 10:00".into(), false)
        );
        assert_eq!(base_subject("[only a tag]"), ("[only a tag]".into(), false));
        assert_eq!(base_subject(""), ("".into(), false));
    }

    #[test]
    fn a_multipart_message_is_indexed() {
        let raw = b"From: =?ISO-8859-1?Q?Andr=E9?= <andre@example.test>\r\n\
To: Bob <bob@example.test>, carol@example.test\r\n\
Subject: =?UTF-8?B?R3LDvMOfZQ==?=\r\n\
Date: Tue, 1 Jul 2025 10:52:37 +0200\r\n\
Message-ID: <abc@example.test>\r\n\
In-Reply-To: <parent@example.test>\r\n\
References: <root@example.test> <parent@example.test>\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=XX\r\n\
\r\n\
--XX\r\n\
Content-Type: text/html; charset=utf-8\r\n\
\r\n\
<p>Hello <b>caf\xc3\xa9</b></p>\r\n\
--XX\r\n\
Content-Type: application/pdf\r\n\
Content-Disposition: attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf\r\n\
Content-Transfer-Encoding: base64\r\n\
\r\n\
JVBERi0xLjQK\r\n\
--XX--\r\n";
        let env = Envelope::parse(raw, false);
        assert!(!env.unreadable);
        assert_eq!(env.subject, "Grüße");
        assert_eq!(env.from, Address::new("André", "andre@example.test"));
        assert_eq!(env.to.len(), 2);
        assert_eq!(env.message_id.as_deref(), Some("abc@example.test"));
        assert_eq!(env.in_reply_to.as_deref(), Some("parent@example.test"));
        assert_eq!(
            env.references,
            vec!["root@example.test", "parent@example.test"]
        );
        assert_eq!(env.date, Some(1_751_359_957));
        assert!(env.has_attachments);
        assert_eq!(env.attachment_names, vec!["résumé.pdf"]);
        assert!(env.text.contains("café"), "{:?}", env.text);
        assert!(env.preview.contains("Hello"), "{:?}", env.preview);

        let headers = Envelope::parse(raw, true);
        assert!(headers.has_attachments);
        assert!(headers.text.is_empty());
    }

    #[test]
    fn garbage_is_unreadable_but_not_an_error() {
        assert!(Envelope::parse(b"", false).unreadable);
        let env = Envelope::parse(&[0xff, 0xfe, 0x00, 0x01, b'\n', 0x80], false);
        assert!(env.unreadable, "{env:?}");
    }
}
