//! A complete message handed over as it is (`tidings send --raw`): recipients come from its
//! To, Cc and Bcc headers, Bcc is removed before it leaves, and the headers a message must
//! have (RFC 5322 §3.6: Date, From; Message-ID as RFC 6409 §8 lets a submission client add
//! it) are added when missing. Everything else is sent unchanged, line endings made CRLF
//! (RFC 5321 §2.3.8).

use super::{Built, ComposeError, Envelope, Person, new_message_id};

/// Prepares a whole message for sending from `account` (the envelope sender, and the From
/// when the message has none).
pub fn prepare_raw(raw: &[u8], account: &Person) -> Result<Built, ComposeError> {
    let normalized = crlf(raw);
    let (head, body) = split(&normalized);
    let parsed = mail_parser::MessageParser::default()
        .parse(&normalized)
        .ok_or_else(|| ComposeError::Unreadable {
            reason: "no header could be parsed".into(),
        })?;

    let mut recipients: Vec<String> = Vec::new();
    for list in parsed
        .header_values("To")
        .chain(parsed.header_values("Cc"))
        .chain(parsed.header_values("Bcc"))
    {
        if let Some(addresses) = list.as_address() {
            recipients.extend(
                addresses
                    .iter()
                    .filter_map(|a| a.address())
                    .map(|a| a.trim().to_owned())
                    .filter(|a| a.contains('@')),
            );
        }
    }
    let mut seen = std::collections::HashSet::new();
    recipients.retain(|r| seen.insert(r.to_ascii_lowercase()));
    if recipients.is_empty() {
        return Err(ComposeError::NoRecipients);
    }

    let mut added = Vec::new();
    if parsed.date().is_none() {
        added.push(format!("Date: {}", chrono::Local::now().to_rfc2822()));
    }
    if parsed.from().is_none() {
        let from = account.mailbox("from")?;
        added.push(format!("From: {from}"));
    }
    let message_id = match parsed.message_id().and_then(super::clean_message_id) {
        Some(id) => id,
        None => {
            let id = new_message_id(&account.address);
            added.push(format!("Message-ID: {id}"));
            id
        }
    };

    let mut out = Vec::with_capacity(normalized.len() + 200);
    for line in &added {
        out.extend_from_slice(line.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    for field in fields(head) {
        if !is_named(field, b"bcc") {
            out.extend_from_slice(field);
        }
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(body);
    Ok(Built {
        raw: out,
        envelope: Envelope {
            from: account.address.clone(),
            to: recipients,
        },
        message_id,
    })
}

/// Every line ending made CRLF: bare LF and bare CR alike.
pub(crate) fn crlf(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len() + raw.len() / 50);
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'\r' => {
                out.extend_from_slice(b"\r\n");
                if raw.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\n' => out.extend_from_slice(b"\r\n"),
            b => out.push(b),
        }
        i += 1;
    }
    out
}

/// The header block (each field ending in CRLF) and the body after the empty line.
fn split(message: &[u8]) -> (&[u8], &[u8]) {
    if message.starts_with(b"\r\n") {
        return (&[], &message[2..]);
    }
    match message.windows(4).position(|w| w == b"\r\n\r\n") {
        Some(at) => (&message[..at + 2], &message[at + 4..]),
        None => (message, &[]),
    }
}

/// The header fields of a header block, each with its continuation lines.
fn fields(head: &[u8]) -> Vec<&[u8]> {
    let mut fields = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < head.len() {
        let end = head[i..]
            .windows(2)
            .position(|w| w == b"\r\n")
            .map(|p| i + p + 2)
            .unwrap_or(head.len());
        let next_is_continuation = matches!(head.get(end), Some(b' ' | b'\t'));
        if !next_is_continuation {
            fields.push(&head[start..end]);
            start = end;
        }
        i = end;
    }
    fields
}

fn is_named(field: &[u8], name: &[u8]) -> bool {
    let Some(colon) = field.iter().position(|b| *b == b':') else {
        return false;
    };
    field[..colon].trim_ascii().eq_ignore_ascii_case(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn me() -> Person {
        Person::new("Anna", "anna@example.test")
    }

    #[test]
    fn bcc_is_removed_with_its_continuation_and_used_as_recipient() {
        let raw = b"From: Anna <anna@example.test>\nTo: bob@example.test\nBcc: carol@example.test,\n dave@example.test\nSubject: hi\nDate: Tue, 1 Jul 2025 10:52:37 +0200\nMessage-ID: <x@example.test>\n\nbody\n";
        let built = prepare_raw(raw, &me()).unwrap();
        let text = String::from_utf8(built.raw.clone()).unwrap();
        assert!(
            !text
                .lines()
                .any(|l| l.to_ascii_lowercase().starts_with("bcc:")),
            "{text}"
        );
        assert!(!text.contains("dave@"), "{text}");
        assert!(text.starts_with("From: Anna"), "{text}");
        assert!(text.ends_with("\r\n\r\nbody\r\n"), "{text}");
        assert_eq!(
            built.envelope.to,
            vec![
                "bob@example.test",
                "carol@example.test",
                "dave@example.test"
            ]
        );
        assert_eq!(built.message_id, "<x@example.test>");
        assert_eq!(built.envelope.from, "anna@example.test");
    }

    #[test]
    fn missing_date_from_and_message_id_are_added() {
        let built = prepare_raw(b"To: bob@example.test\r\nSubject: hi\r\n\r\nbody", &me()).unwrap();
        let msg = mail_parser::MessageParser::default()
            .parse(&built.raw)
            .unwrap();
        assert!(msg.date().is_some());
        assert_eq!(
            msg.from().unwrap().first().unwrap().address(),
            Some("anna@example.test")
        );
        assert_eq!(
            msg.message_id(),
            Some(built.message_id.trim_matches(['<', '>']))
        );
        assert_eq!(msg.subject(), Some("hi"));
    }

    #[test]
    fn a_message_without_recipients_is_refused() {
        assert!(matches!(
            prepare_raw(b"Subject: nobody\r\n\r\nbody\r\n", &me()),
            Err(ComposeError::NoRecipients)
        ));
    }

    #[test]
    fn line_endings_become_crlf() {
        assert_eq!(crlf(b"a\nb\rc\r\nd"), b"a\r\nb\r\nc\r\nd");
    }
}
