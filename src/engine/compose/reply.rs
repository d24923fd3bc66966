//! Replies and forwards of a message the user read, prefilled as Thunderbird and most
//! clients do: the recipients, `Re:`/`Fwd:` subjects, the threading headers of RFC 5322
//! §3.6.4 (In-Reply-To, References), and the original quoted below an attribution line.

use chrono::Offset;
use mail_parser::{Address, MessageParser, MimeHeaders};

use super::{Attachment, ComposeError, Outgoing, Person, clean_message_id, raw::crlf};
use crate::engine::account::Account;
use crate::tr;

/// How many Message-IDs a References header keeps: the thread's first and the latest
/// ones, so that long threads do not grow the header without bound (RFC 5322 §3.6.4
/// allows trimming; the first one keeps the thread's root).
const MAX_REFERENCES: usize = 20;

/// Who is replying: the name and addresses that are "me", never to be written to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub name: String,
    /// The account's address first, then any others that are also the user's.
    pub addresses: Vec<String>,
    /// Placed above the quoted text, after the `-- ` line.
    pub signature: String,
}

impl Identity {
    pub fn of(account: &Account) -> Self {
        Self {
            name: account.display_name.clone(),
            addresses: vec![account.email.clone()],
            signature: account.signature.clone(),
        }
    }

    fn person(&self) -> Person {
        Person::new(
            &self.name,
            self.addresses.first().cloned().unwrap_or_default(),
        )
    }

    fn is_me(&self, address: &str) -> bool {
        self.addresses
            .iter()
            .any(|a| a.trim().eq_ignore_ascii_case(address.trim()))
    }

    fn signature_block(&self) -> String {
        if self.signature.trim().is_empty() {
            String::new()
        } else {
            format!("-- \n{}\n\n", self.signature)
        }
    }
}

/// A reply to the sender (or to the Reply-To address) of `original`.
pub fn reply(original: &[u8], me: &Identity) -> Result<Outgoing, ComposeError> {
    let msg = parse(original)?;
    let sender = people(msg.reply_to().or(msg.from()));
    // Answering a message I sent myself goes to the people I sent it to.
    let to = if !sender.is_empty() && sender.iter().all(|p| me.is_me(&p.address)) {
        people(msg.to())
    } else {
        sender
    };
    Ok(Outgoing {
        from: Some(me.person()),
        to: to.iter().map(Person::display).collect(),
        subject: prefixed("Re:", msg.subject()),
        text: quoted_text(&msg, me),
        in_reply_to: msg.message_id().and_then(clean_message_id),
        references: references(&msg),
        ..Outgoing::default()
    })
}

/// A reply to the sender and every other recipient of `original`, except the user.
pub fn reply_all(original: &[u8], me: &Identity) -> Result<Outgoing, ComposeError> {
    let msg = parse(original)?;
    let mut to = people(msg.reply_to().or(msg.from()));
    to.extend(people(msg.to()));
    let mut cc = people(msg.cc());
    let mut seen = std::collections::HashSet::new();
    let mut keep = |p: &Person| !me.is_me(&p.address) && seen.insert(p.address.to_lowercase());
    to.retain(&mut keep);
    cc.retain(&mut keep);
    if to.is_empty() && cc.is_empty() {
        // Everyone was me: answer the sender, as a plain reply would.
        to = people(msg.from());
    }
    Ok(Outgoing {
        from: Some(me.person()),
        to: to.iter().map(Person::display).collect(),
        cc: cc.iter().map(Person::display).collect(),
        subject: prefixed("Re:", msg.subject()),
        text: quoted_text(&msg, me),
        in_reply_to: msg.message_id().and_then(clean_message_id),
        references: references(&msg),
        ..Outgoing::default()
    })
}

/// A forward with the original's text below a header block, and its attachments.
pub fn forward_inline(original: &[u8], me: &Identity) -> Result<Outgoing, ComposeError> {
    let msg = parse(original)?;
    let mut block = vec![tr!("compose-forwarded-separator")];
    let mut line = |label: String, value: String| {
        if !value.is_empty() {
            // "Date: …", and "Date : …" in French.
            block.push(tr!("compose-forwarded-field", label = label, value = value));
        }
    };
    line(
        tr!("compose-field-subject"),
        msg.subject().unwrap_or_default().to_owned(),
    );
    line(
        tr!("compose-field-date"),
        msg.date().map(full_date).unwrap_or_default(),
    );
    line(tr!("compose-field-from"), listed(msg.from()));
    line(tr!("compose-field-to"), listed(msg.to()));
    line(tr!("compose-field-cc"), listed(msg.cc()));
    let body = msg.body_text(0).unwrap_or_default().replace("\r\n", "\n");
    let attachments = msg
        .attachments()
        .enumerate()
        .map(|(i, part)| Attachment {
            name: part
                .attachment_name()
                .map(str::to_owned)
                .unwrap_or_else(|| format!("attachment-{}", i + 1)),
            // A type the original got wrong is guessed again from the name.
            content_type: part
                .content_type()
                .and_then(|ct| ct.subtype().map(|sub| format!("{}/{}", ct.ctype(), sub)))
                .filter(|t| super::is_mime_type(t)),
            data: part.contents().to_vec(),
        })
        .collect();
    Ok(Outgoing {
        from: Some(me.person()),
        subject: prefixed("Fwd:", msg.subject()),
        text: format!(
            "\n\n{}{}\n\n{}",
            me.signature_block(),
            block.join("\n"),
            body
        ),
        attachments,
        ..Outgoing::default()
    })
}

/// A forward with the whole original attached as a message/rfc822 part, unchanged.
pub fn forward_as_attachment(original: &[u8], me: &Identity) -> Result<Outgoing, ComposeError> {
    let msg = parse(original)?;
    let subject = msg.subject().unwrap_or_default();
    let stem: String = subject
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .take(80)
        .collect();
    let stem = stem.trim();
    let name = if stem.is_empty() {
        "message.eml".to_owned()
    } else {
        format!("{stem}.eml")
    };
    Ok(Outgoing {
        from: Some(me.person()),
        subject: prefixed("Fwd:", msg.subject()),
        text: format!("\n\n{}", me.signature_block()),
        attachments: vec![Attachment {
            name,
            content_type: Some("message/rfc822".into()),
            data: crlf(original),
        }],
        ..Outgoing::default()
    })
}

fn parse(original: &[u8]) -> Result<mail_parser::Message<'_>, ComposeError> {
    MessageParser::default()
        .parse(original)
        .ok_or_else(|| ComposeError::Unreadable {
            reason: "no header could be parsed".into(),
        })
}

fn people(list: Option<&Address<'_>>) -> Vec<Person> {
    list.map(|l| {
        l.iter()
            .filter_map(|a| {
                let address = a.address()?.trim();
                address.contains('@').then(|| {
                    // A name from a hostile message must not carry a line break along.
                    let name: String = a
                        .name()
                        .unwrap_or_default()
                        .chars()
                        .map(|c| if c.is_control() { ' ' } else { c })
                        .collect();
                    Person::new(name.trim(), address)
                })
            })
            .collect()
    })
    .unwrap_or_default()
}

fn listed(list: Option<&Address<'_>>) -> String {
    people(list)
        .iter()
        .map(Person::display)
        .collect::<Vec<_>>()
        .join(", ")
}

/// `Re: subject`, unless it already starts with that prefix (any case).
fn prefixed(prefix: &str, subject: Option<&str>) -> String {
    let subject = super::fold_subject(subject.unwrap_or_default());
    let has = subject
        .get(..prefix.len())
        .is_some_and(|s| s.eq_ignore_ascii_case(prefix));
    if has {
        subject
    } else {
        format!("{prefix} {subject}").trim_end().to_owned()
    }
}

/// The original's References plus its Message-ID (or its In-Reply-To when it has no
/// References), first and latest kept when there are too many.
fn references(msg: &mail_parser::Message<'_>) -> Vec<String> {
    let mut ids: Vec<String> = ids_of(msg.references());
    if ids.is_empty() {
        ids = ids_of(msg.in_reply_to());
    }
    if let Some(own) = msg.message_id().and_then(clean_message_id) {
        ids.push(own);
    }
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(id.clone()));
    if ids.len() > MAX_REFERENCES {
        let first = ids[0].clone();
        let tail = ids.split_off(ids.len() - (MAX_REFERENCES - 1));
        ids = std::iter::once(first).chain(tail).collect();
    }
    ids
}

fn ids_of(value: &mail_parser::HeaderValue<'_>) -> Vec<String> {
    match value {
        mail_parser::HeaderValue::Text(t) => clean_message_id(t).into_iter().collect(),
        mail_parser::HeaderValue::TextList(list) => {
            list.iter().filter_map(|t| clean_message_id(t)).collect()
        }
        _ => Vec::new(),
    }
}

/// The attribution line and the original's text, each line prefixed with `> `.
fn quoted_text(msg: &mail_parser::Message<'_>, me: &Identity) -> String {
    let who = people(msg.from())
        .first()
        .map(|p| {
            if p.name.is_empty() {
                p.address.clone()
            } else {
                p.name.clone()
            }
        })
        .unwrap_or_default();
    let attribution = match msg.date() {
        Some(date) => tr!(
            "compose-attribution",
            date = attribution_date(date),
            name = who
        ),
        None => tr!("compose-attribution-undated", name = who),
    };
    let body = msg.body_text(0).unwrap_or_default().replace("\r\n", "\n");
    format!(
        "\n\n{}{}\n{}\n",
        me.signature_block(),
        attribution,
        quote(&body)
    )
}

/// Quotes text as RFC 3676 §4.5 does: `> ` before a line, `>` before an already quoted
/// one, so nested quotes read `>> `.
pub fn quote(text: &str) -> String {
    let trimmed = text.trim_end_matches(['\n', '\r', ' ']);
    trimmed
        .split('\n')
        .map(|line| {
            let line = line.trim_end_matches('\r');
            if line.starts_with('>') {
                format!(">{line}")
            } else if line.is_empty() {
                ">".to_owned()
            } else {
                format!("> {line}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The original's date in the sender's time zone, as it was written.
fn senders_time(date: &mail_parser::DateTime) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    let offset = (i32::from(date.tz_hour) * 3600 + i32::from(date.tz_minute) * 60)
        * if date.tz_before_gmt { -1 } else { 1 };
    let zone = chrono::FixedOffset::east_opt(offset).unwrap_or_else(|| chrono::Utc.fix());
    chrono::DateTime::from_timestamp(date.to_timestamp(), 0).map(|utc| utc.with_timezone(&zone))
}

/// The date for the attribution line, in the writer's language (the header's own text when
/// it names no real time).
fn attribution_date(date: &mail_parser::DateTime) -> String {
    senders_time(date)
        .map(|d| crate::i18n::format_attribution_date(&d))
        .unwrap_or_else(|| date.to_rfc822())
}

/// The date for a forward's header block, in full in the writer's language.
fn full_date(date: &mail_parser::DateTime) -> String {
    senders_time(date)
        .map(|d| crate::i18n::format_full_date(&d))
        .unwrap_or_else(|| date.to_rfc822())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORIGINAL: &[u8] = b"From: =?utf-8?q?Bob_Br=C3=BCckner?= <bob@example.test>\r\n\
To: Anna <anna@example.test>, carol@example.test\r\n\
Cc: dave@example.test, ANNA@example.test\r\n\
Subject: Quarterly report\r\n\
Date: Tue, 1 Jul 2025 10:52:37 +0200\r\n\
Message-ID: <q3@example.test>\r\n\
References: <root@example.test> <mid@example.test>\r\n\
In-Reply-To: <mid@example.test>\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=\"b\"\r\n\
\r\n\
--b\r\n\
Content-Type: text/plain; charset=utf-8\r\n\
\r\n\
Here it is.\r\n\
> earlier words\r\n\
\r\n\
Bob\r\n\
--b\r\n\
Content-Type: application/pdf; name=\"q3.pdf\"\r\n\
Content-Disposition: attachment; filename=\"q3.pdf\"\r\n\
Content-Transfer-Encoding: base64\r\n\
\r\n\
JVBERi0xLjQK\r\n\
--b--\r\n";

    fn anna() -> Identity {
        Identity {
            name: "Anna Example".into(),
            addresses: vec!["anna@example.test".into()],
            signature: String::new(),
        }
    }

    fn in_language<R>(tag: &str, f: impl FnOnce() -> R) -> R {
        crate::i18n::with_language(&tag.parse().unwrap(), f)
    }

    #[test]
    fn reply_goes_to_the_sender_with_threading_and_quote() {
        let r = in_language("en-US", || reply(ORIGINAL, &anna())).unwrap();
        assert_eq!(r.to, vec!["Bob Brückner <bob@example.test>"]);
        assert!(r.cc.is_empty());
        assert_eq!(r.subject, "Re: Quarterly report");
        assert_eq!(r.in_reply_to.as_deref(), Some("<q3@example.test>"));
        assert_eq!(
            r.references,
            vec![
                "<root@example.test>",
                "<mid@example.test>",
                "<q3@example.test>"
            ]
        );
        assert!(
            r.text
                .contains("On Tue, Jul 1, 2025 at 10:52 AM, Bob Brückner wrote:\n> Here it is.\n>> earlier words\n>\n> Bob"),
            "{}",
            r.text
        );
        assert_eq!(r.from.unwrap().address, "anna@example.test");
    }

    #[test]
    fn the_attribution_is_written_in_the_writers_language() {
        // The date stays in the sender's zone (+0200), as the original says it.
        let cases = [
            (
                "en-US",
                "On Tue, Jul 1, 2025 at 10:52 AM, Bob Brückner wrote:",
            ),
            ("de", "Am 1. Juli 2025 um 10:52 schrieb Bob Brückner:"),
            ("fr", "Le 01/07/2025 à 10:52, Bob Brückner a écrit\u{a0}:"),
            (
                "es",
                "El 1 de julio de 2025 a las 10:52, Bob Brückner escribió:",
            ),
            (
                "pt-BR",
                "Em 1º de julho de 2025 às 10:52, Bob Brückner escreveu:",
            ),
            (
                "ja",
                "2025年7月1日(火) 10:52、Bob Brückner さんは書きました:",
            ),
        ];
        for (tag, attribution) in cases {
            let r = in_language(tag, || reply(ORIGINAL, &anna())).unwrap();
            assert!(
                r.text.contains(&format!("{attribution}\n> Here it is.")),
                "{tag}: {}",
                r.text
            );
        }
    }

    #[test]
    fn a_forward_dates_the_original_in_the_writers_language() {
        let cases = [
            ("en-US", "Date: Tuesday, July 1, 2025 at 10:52 AM"),
            ("de", "Datum: Dienstag, 1. Juli 2025 um 10:52"),
            ("fr", "Date\u{a0}: mardi 1er juillet 2025 à 10:52"),
            ("ja", "2025年7月1日(火) 10:52"),
        ];
        for (tag, line) in cases {
            let f = in_language(tag, || forward_inline(ORIGINAL, &anna())).unwrap();
            assert!(f.text.contains(line), "{tag}: {}", f.text);
        }
    }

    #[test]
    fn reply_all_leaves_out_my_own_addresses() {
        let r = reply_all(ORIGINAL, &anna()).unwrap();
        assert_eq!(
            r.to,
            vec!["Bob Brückner <bob@example.test>", "carol@example.test"]
        );
        assert_eq!(r.cc, vec!["dave@example.test"]);
        let built = super::super::build(&r).unwrap();
        assert!(
            !built
                .envelope
                .to
                .iter()
                .any(|a| a.eq_ignore_ascii_case("anna@example.test"))
        );
    }

    #[test]
    fn reply_to_wins_and_my_own_message_goes_to_its_recipients() {
        let with_reply_to = [b"Reply-To: list@example.test\r\n".as_slice(), ORIGINAL].concat();
        assert_eq!(
            reply(&with_reply_to, &anna()).unwrap().to,
            vec!["list@example.test"]
        );
        let mine = b"From: Anna <anna@example.test>\r\nTo: bob@example.test\r\nSubject: Re: x\r\n\r\nhi\r\n";
        let r = reply(mine, &anna()).unwrap();
        assert_eq!(r.to, vec!["bob@example.test"]);
        assert_eq!(r.subject, "Re: x");
    }

    #[test]
    fn forward_inline_carries_the_text_and_attachments() {
        let f = in_language("en-US", || forward_inline(ORIGINAL, &anna())).unwrap();
        assert_eq!(f.subject, "Fwd: Quarterly report");
        assert!(f.to.is_empty());
        assert!(
            f.text.contains("-------- Forwarded Message --------"),
            "{}",
            f.text
        );
        assert!(f.text.contains("Subject: Quarterly report"), "{}", f.text);
        assert!(
            f.text.contains("From: Bob Brückner <bob@example.test>"),
            "{}",
            f.text
        );
        assert!(f.text.contains("Here it is."), "{}", f.text);
        assert_eq!(f.attachments.len(), 1);
        assert_eq!(f.attachments[0].name, "q3.pdf");
        assert_eq!(f.attachments[0].data, b"%PDF-1.4\n");
        assert!(f.in_reply_to.is_none());
    }

    #[test]
    fn forward_as_attachment_keeps_the_original_whole() {
        let mut f = forward_as_attachment(ORIGINAL, &anna()).unwrap();
        assert_eq!(f.attachments[0].name, "Quarterly report.eml");
        assert_eq!(f.attachments[0].data, ORIGINAL);
        f.to = vec!["carol@example.test".into()];
        let built = super::super::build(&f).unwrap();
        let msg = MessageParser::default().parse(&built.raw).unwrap();
        let att = msg.attachments().next().unwrap();
        assert_eq!(att.content_type().unwrap().ctype(), "message");
        let inner = att.message().expect("an attached message");
        assert_eq!(inner.subject(), Some("Quarterly report"));
    }

    #[test]
    fn quoting_nests_and_prefixes_are_not_doubled() {
        assert_eq!(quote("a\n> b\n\nc\n\n"), "> a\n>> b\n>\n> c");
        assert_eq!(prefixed("Re:", Some("RE: hi")), "RE: hi");
        assert_eq!(prefixed("Fwd:", Some("hi")), "Fwd: hi");
        assert_eq!(prefixed("Re:", None), "Re:");
    }

    #[test]
    fn hostile_names_and_ids_do_not_reach_headers() {
        let evil = b"From: \"Eve\\r\\nBcc: x@example.test\" <eve@example.test>\r\nMessage-ID: <bad id>\r\nSubject: s\r\n\r\nhi\r\n";
        let r = reply(evil, &anna()).unwrap();
        assert!(r.in_reply_to.is_none());
        let built = super::super::build(&r).unwrap();
        let text = String::from_utf8_lossy(&built.raw);
        assert!(!text.lines().any(|l| l.starts_with("Bcc")), "{text}");
    }

    #[test]
    fn the_signature_sits_above_the_quote() {
        let mut me = anna();
        me.signature = "Anna".into();
        let r = reply(ORIGINAL, &me).unwrap();
        let sig = r.text.find("-- \nAnna").unwrap();
        let quote = r.text.find("> Here it is.").unwrap();
        assert!(sig < quote, "{}", r.text);
    }
}
