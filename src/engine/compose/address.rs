//! Addresses as people type them: `anna@example.org`, `Anna Example <anna@example.org>`,
//! `"Example, Anna" <anna@example.org>`, several separated by commas.
//!
//! lettre's own list parser ignores whatever follows the last address it recognised, so
//! `anna@example.org oops` would silently become `anna@example.org`. We split the list
//! ourselves, insist that every piece is exactly one mailbox, and let lettre validate the
//! address itself (RFC 5322 §3.4, with RFC 6532 UTF-8).

use std::str::FromStr;

use lettre::message::Mailbox;

use super::ComposeError;

/// A name and an address, as shown and as written into headers.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Person {
    /// The display name; empty when there is none.
    #[serde(default)]
    pub name: String,
    pub address: String,
}

impl Person {
    pub fn new(name: impl Into<String>, address: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            address: address.into(),
        }
    }

    /// `Name <address>`, or the bare address: how the composer shows it.
    pub fn display(&self) -> String {
        if self.name.is_empty() {
            self.address.clone()
        } else if self.name.contains([',', '"', '<', '>', '@', ';', ':']) {
            format!("\"{}\" <{}>", self.name.replace('"', "'"), self.address)
        } else {
            format!("{} <{}>", self.name, self.address)
        }
    }

    /// The same person as a lettre mailbox, with the address validated.
    pub(crate) fn mailbox(&self, field: &'static str) -> Result<Mailbox, ComposeError> {
        reject_line_breaks(field, &self.name)?;
        reject_line_breaks(field, &self.address)?;
        let address =
            lettre::Address::from_str(self.address.trim()).map_err(|_| ComposeError::Address {
                field,
                value: self.address.clone(),
            })?;
        let name = self.name.trim();
        Ok(Mailbox::new(
            (!name.is_empty()).then(|| name.to_owned()),
            address,
        ))
    }

    /// Whether this is `address`, comparing as mail systems do (the domain is
    /// case-insensitive; in practice the local part is too).
    pub fn is(&self, address: &str) -> bool {
        self.address.trim().eq_ignore_ascii_case(address.trim())
    }
}

/// CR or LF in a header value would start a new header: refuse it outright.
pub(crate) fn reject_line_breaks(field: &'static str, value: &str) -> Result<(), ComposeError> {
    if value.contains(['\r', '\n', '\0']) {
        return Err(ComposeError::LineBreak { field });
    }
    Ok(())
}

/// Parses what a user typed into an address field: one or more mailboxes separated by
/// commas (or semicolons, as Outlook users type them). Empty pieces are skipped.
pub fn parse_list(field: &'static str, input: &str) -> Result<Vec<Person>, ComposeError> {
    reject_line_breaks(field, input)?;
    split_list(input)
        .into_iter()
        .map(str::trim)
        .filter(|piece| !piece.is_empty())
        .map(|piece| parse_one(field, piece))
        .collect()
}

/// One mailbox: `addr`, `<addr>`, `Name <addr>` or `"Quoted, Name" <addr>`.
fn parse_one(field: &'static str, piece: &str) -> Result<Person, ComposeError> {
    let bad = || ComposeError::Address {
        field,
        value: piece.to_owned(),
    };
    let (name, address) = match piece.rfind('<') {
        Some(open) => {
            let rest = &piece[open + 1..];
            let close = rest.find('>').ok_or_else(bad)?;
            if !rest[close + 1..].trim().is_empty() {
                return Err(bad());
            }
            (unquote(piece[..open].trim()), rest[..close].trim())
        }
        None => (String::new(), piece),
    };
    if address.contains(['<', '>', '"', ' ', ',']) {
        return Err(bad());
    }
    lettre::Address::from_str(address).map_err(|_| bad())?;
    Ok(Person::new(name, address))
}

fn unquote(name: &str) -> String {
    let inner = name
        .strip_prefix('"')
        .and_then(|n| n.strip_suffix('"'))
        .unwrap_or(name);
    inner.replace("\\\"", "\"").replace("\\\\", "\\")
}

/// Splits at commas and semicolons that are not inside quotes or angle brackets.
fn split_list(input: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let (mut quoted, mut angle, mut escaped) = (false, false, false);
    let mut start = 0;
    for (i, c) in input.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            '<' if !quoted => angle = true,
            '>' if !quoted => angle = false,
            ',' | ';' if !quoted && !angle => {
                pieces.push(&input[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    pieces.push(&input[start..]);
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_named_and_quoted_addresses_parse() {
        let list = parse_list(
            "to",
            "anna@example.org, Bob B <bob@example.org>; \"Example, Carol\" <carol@example.org>",
        )
        .unwrap();
        assert_eq!(
            list,
            vec![
                Person::new("", "anna@example.org"),
                Person::new("Bob B", "bob@example.org"),
                Person::new("Example, Carol", "carol@example.org"),
            ]
        );
    }

    #[test]
    fn trailing_garbage_is_an_error_not_ignored() {
        for bad in [
            "anna@example.org oops",
            "Anna <anna@example.org> oops",
            "not an address",
            "<anna@example.org",
            "anna@",
        ] {
            assert!(
                matches!(parse_list("to", bad), Err(ComposeError::Address { .. })),
                "{bad} was accepted"
            );
        }
    }

    #[test]
    fn line_breaks_are_refused() {
        let err = parse_list("to", "anna@example.org\r\nBcc: eve@example.org").unwrap_err();
        assert!(matches!(err, ComposeError::LineBreak { field: "to" }));
        let p = Person::new("Anna\nBcc: eve@example.org", "anna@example.org");
        assert!(matches!(
            p.mailbox("from"),
            Err(ComposeError::LineBreak { .. })
        ));
    }

    #[test]
    fn utf8_names_and_empty_pieces() {
        let list = parse_list("cc", " , André Pirard <andre@example.org>,").unwrap();
        assert_eq!(list, vec![Person::new("André Pirard", "andre@example.org")]);
        assert_eq!(list[0].display(), "André Pirard <andre@example.org>");
        assert_eq!(
            Person::new("Example, Carol", "c@example.org").display(),
            "\"Example, Carol\" <c@example.org>"
        );
    }
}
