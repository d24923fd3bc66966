//! `mailto:` links (RFC 6068), as a web page or another program hands them to us.
//!
//! A link only ever fills in a message for the user to review; it can never send anything,
//! attach a file or set a header that changes where a message goes. Parameters that could
//! read a local file (`attach`, `attachment`, and anything naming a path) are ignored with a
//! notice, and header fields other than the ones a user expects a link to fill in are dropped.

use percent_encoding::percent_decode_str;

/// What a `mailto:` link asks to compose.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MailtoDraft {
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub bcc: Vec<String>,
    pub subject: String,
    /// Line ends normalised to `\n`.
    pub body: String,
    pub in_reply_to: Option<String>,
    /// Parameters that were not used, with why, to tell the user.
    pub ignored: Vec<Ignored>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ignored {
    pub name: String,
    pub reason: IgnoredReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IgnoredReason {
    /// It would read a local file.
    ReadsFiles,
    /// A header a link may not set.
    NotAllowed,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MailtoError {
    #[error("this is not a mailto: link")]
    NotMailto,
    #[error("the mailto: link is not valid UTF-8 after decoding")]
    Encoding,
}

/// Parameters that could make a mail client read a local file.
const FILE_PARAMETERS: &[&str] = &["attach", "attachment", "attachments", "file", "path"];

/// Parses a `mailto:` link.
pub fn parse(link: &str) -> Result<MailtoDraft, MailtoError> {
    let rest = strip_scheme(link.trim()).ok_or(MailtoError::NotMailto)?;
    let (path, query) = match rest.split_once('?') {
        Some((p, q)) => (p, q),
        None => (rest, ""),
    };
    let mut draft = MailtoDraft::default();
    draft.to.extend(addresses(&decode(path)?));
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let name = decode(name)?.to_ascii_lowercase();
        let value = decode(value)?;
        apply(&mut draft, &name, value);
    }
    Ok(draft)
}

fn strip_scheme(link: &str) -> Option<&str> {
    let (scheme, rest) = link.split_once(':')?;
    scheme.eq_ignore_ascii_case("mailto").then_some(rest)
}

fn decode(text: &str) -> Result<String, MailtoError> {
    percent_decode_str(text)
        .decode_utf8()
        .map(|s| s.into_owned())
        .map_err(|_| MailtoError::Encoding)
}

fn apply(draft: &mut MailtoDraft, name: &str, value: String) {
    match name {
        // RFC 6068 §2: `to` in the query is the same as addresses in the path.
        "to" => draft.to.extend(addresses(&value)),
        "cc" => draft.cc.extend(addresses(&value)),
        "bcc" => draft.bcc.extend(addresses(&value)),
        "subject" => draft.subject = one_line(&value),
        "body" => draft.body = value.replace("\r\n", "\n").replace('\r', "\n"),
        "in-reply-to" => draft.in_reply_to = Some(one_line(&value)).filter(|v| !v.is_empty()),
        _ if FILE_PARAMETERS.contains(&name) => draft.ignored.push(Ignored {
            name: name.to_owned(),
            reason: IgnoredReason::ReadsFiles,
        }),
        _ => draft.ignored.push(Ignored {
            name: name.to_owned(),
            reason: IgnoredReason::NotAllowed,
        }),
    }
}

/// A header value on one line: a line break in it could start another header.
fn one_line(value: &str) -> String {
    value
        .split(['\r', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Comma-separated addresses, without empty entries or line breaks.
fn addresses(list: &str) -> Vec<String> {
    list.split(',')
        .map(one_line)
        .filter(|a| !a.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_link_fills_the_draft() {
        let d = parse("mailto:anna@example.org,ben@example.org?subject=Hello%20there&body=Line%201%0D%0ALine%202&cc=c@example.org&bcc=d@example.org&in-reply-to=%3Cid@x%3E").unwrap();
        assert_eq!(d.to, ["anna@example.org", "ben@example.org"]);
        assert_eq!(d.cc, ["c@example.org"]);
        assert_eq!(d.bcc, ["d@example.org"]);
        assert_eq!(d.subject, "Hello there");
        assert_eq!(d.body, "Line 1\nLine 2");
        assert_eq!(d.in_reply_to.as_deref(), Some("<id@x>"));
        assert!(d.ignored.is_empty());
    }

    #[test]
    fn utf8_is_decoded() {
        let d = parse("mailto:?subject=Gr%C3%BC%C3%9Fe&to=j%C3%B6rg@example.org").unwrap();
        assert_eq!(d.subject, "Grüße");
        assert_eq!(d.to, ["jörg@example.org"]);
    }

    #[test]
    fn attachments_are_ignored_with_a_notice() {
        let d = parse("MAILTO:a@example.org?attach=/etc/passwd&Attachment=~/.ssh/id_rsa").unwrap();
        assert_eq!(d.to, ["a@example.org"]);
        assert_eq!(d.ignored.len(), 2);
        assert!(
            d.ignored
                .iter()
                .all(|i| i.reason == IgnoredReason::ReadsFiles)
        );
    }

    #[test]
    fn other_headers_are_dropped() {
        let d =
            parse("mailto:a@example.org?from=boss@example.org&reply-to=x@evil.example&X-Mailer=y")
                .unwrap();
        let names: Vec<_> = d.ignored.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, ["from", "reply-to", "x-mailer"]);
        assert!(
            d.ignored
                .iter()
                .all(|i| i.reason == IgnoredReason::NotAllowed)
        );
    }

    #[test]
    fn line_breaks_cannot_inject_headers() {
        let d = parse("mailto:a@example.org?subject=Hi%0D%0ABcc:%20victim@example.org").unwrap();
        assert_eq!(d.subject, "Hi Bcc: victim@example.org");
        assert!(d.bcc.is_empty());
        let d = parse("mailto:a@example.org%0D%0ABcc:x@example.org").unwrap();
        assert_eq!(d.to, ["a@example.org Bcc:x@example.org"]);
    }

    #[test]
    fn not_a_mailto_link() {
        assert_eq!(parse("https://example.org"), Err(MailtoError::NotMailto));
        assert_eq!(parse("mailto:%FF%FE"), Err(MailtoError::Encoding));
    }
}
