//! Everything that goes from us into an IMAP command line: checked, then quoted.
//!
//! A command is one line (RFC 3501 §2.2.1); a CR or LF inside an argument would end it early
//! and let the rest be read as a second command, and NUL is allowed nowhere (RFC 3501 §4.3).
//! Every string that comes from the user or the store (folder names, search terms, flags) goes
//! through [`check`] before it is quoted, so such input becomes a clear error, never a
//! command.

use std::fmt::Write as _;

use super::error::ImapError;

/// Refuses CR, LF and NUL in `value`; `what` names the input in the error ("folder name").
pub fn check(what: &str, value: &str) -> Result<(), ImapError> {
    match value.chars().find(|c| matches!(c, '\r' | '\n' | '\0')) {
        Some(c) => Err(ImapError::UnsafeInput {
            what: what.to_owned(),
            value: value.escape_debug().to_string(),
            character: c,
        }),
        None => Ok(()),
    }
}

/// A quoted string (RFC 3501 §4.3) for `value`, after [`check`]. Non-ASCII text is allowed
/// only once `UTF8=ACCEPT` is enabled (RFC 6855); callers encode names first otherwise.
pub fn quoted(what: &str, value: &str) -> Result<String, ImapError> {
    check(what, value)?;
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    Ok(out)
}

/// A keyword or system flag for STORE/APPEND: `\Seen`, `$Forwarded`, `Work`. Flags are atoms
/// (RFC 3501 §9 `flag`), so anything with spaces, brackets, quotes or controls is refused.
pub fn flag(value: &str) -> Result<String, ImapError> {
    check("flag", value)?;
    let body = value.strip_prefix('\\').unwrap_or(value);
    let atom_ok = !body.is_empty()
        && body.bytes().all(|b| {
            b.is_ascii_graphic()
                && !matches!(b, b'(' | b')' | b'{' | b'%' | b'*' | b'"' | b'\\' | b']')
        });
    if atom_ok {
        Ok(value.to_owned())
    } else {
        Err(ImapError::UnsafeInput {
            what: "flag".to_owned(),
            value: value.escape_debug().to_string(),
            character: value.chars().find(|c| !c.is_ascii_graphic()).unwrap_or(' '),
        })
    }
}

/// A parenthesised flag list: `(\Seen $Forwarded)`.
pub fn flag_list<S: AsRef<str>>(flags: &[S]) -> Result<String, ImapError> {
    let mut out = String::from("(");
    for (i, f) in flags.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&flag(f.as_ref())?);
    }
    out.push(')');
    Ok(out)
}

/// A UID set in compact form (`1:5,7,9:12`) from UIDs in any order; empty for none.
pub fn uid_set(uids: &[u32]) -> String {
    let mut sorted: Vec<u32> = uids.iter().copied().filter(|u| *u > 0).collect();
    sorted.sort_unstable();
    sorted.dedup();
    let mut out = String::new();
    let mut i = 0;
    while i < sorted.len() {
        let start = sorted[i];
        let mut end = start;
        while i + 1 < sorted.len() && sorted[i + 1] == end + 1 {
            i += 1;
            end = sorted[i];
        }
        if !out.is_empty() {
            out.push(',');
        }
        if start == end {
            let _ = write!(out, "{start}");
        } else {
            let _ = write!(out, "{start}:{end}");
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_refused_with_a_clear_error() {
        for bad in ["a\r\nb", "x\ny", "nul\0", "cr\r"] {
            let err = quoted("folder name", bad).unwrap_err();
            assert!(
                matches!(&err, ImapError::UnsafeInput { what, .. } if what == "folder name"),
                "{err:?}"
            );
        }
        assert!(check("search term", "plain words").is_ok());
    }

    #[test]
    fn quoting_escapes_quotes_and_backslashes() {
        assert_eq!(quoted("f", "a\"b\\c").unwrap(), "\"a\\\"b\\\\c\"");
        assert_eq!(quoted("f", "").unwrap(), "\"\"");
    }

    #[test]
    fn flags_must_be_atoms() {
        assert_eq!(flag("\\Seen").unwrap(), "\\Seen");
        assert_eq!(flag("$Forwarded").unwrap(), "$Forwarded");
        for bad in ["", "two words", "a)b", "\\", "x\r\n", "\"q\""] {
            assert!(flag(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            flag_list(&["\\Seen", "\\Flagged"]).unwrap(),
            "(\\Seen \\Flagged)"
        );
    }

    #[test]
    fn uid_sets_are_compact() {
        assert_eq!(uid_set(&[5, 1, 2, 3, 9, 7, 8, 3]), "1:3,5,7:9");
        assert_eq!(uid_set(&[]), "");
        assert_eq!(uid_set(&[42]), "42");
        assert_eq!(uid_set(&[0, 4_294_967_295]), "4294967295");
    }
}
