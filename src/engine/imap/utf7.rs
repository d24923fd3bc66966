//! Mailbox names in modified UTF-7 (RFC 3501 §5.1.3).
//!
//! IMAP4rev1 servers that do not offer `UTF8=ACCEPT` (RFC 6855) name mailboxes in a UTF-7
//! variant: printable ASCII stands for itself except `&`, which is written `&-`; everything
//! else is UTF-16 in a base64 alphabet with `,` for `/`, between `&` and `-`, unpadded.

use base64::Engine as _;
use base64::alphabet::Alphabet;
use base64::engine::{GeneralPurpose, GeneralPurposeConfig};

/// A name that is not valid modified UTF-7.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the mailbox name {0:?} is not valid modified UTF-7")]
pub struct BadUtf7(pub String);

fn engine() -> Option<GeneralPurpose> {
    let alphabet =
        Alphabet::new("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,").ok()?;
    Some(GeneralPurpose::new(
        &alphabet,
        GeneralPurposeConfig::new()
            .with_encode_padding(false)
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::RequireNone)
            .with_decode_allow_trailing_bits(false),
    ))
}

fn is_direct(c: char) -> bool {
    ('\u{20}'..='\u{7e}').contains(&c) && c != '&'
}

/// Encodes a UTF-8 mailbox name for the wire.
pub fn encode(name: &str) -> String {
    let Some(engine) = engine() else {
        return name.to_owned();
    };
    let mut out = String::with_capacity(name.len());
    let mut pending: Vec<u16> = Vec::new();
    let flush = |pending: &mut Vec<u16>, out: &mut String| {
        if pending.is_empty() {
            return;
        }
        let bytes: Vec<u8> = pending.iter().flat_map(|u| u.to_be_bytes()).collect();
        out.push('&');
        out.push_str(&engine.encode(bytes));
        out.push('-');
        pending.clear();
    };
    for c in name.chars() {
        if is_direct(c) {
            flush(&mut pending, &mut out);
            out.push(c);
        } else if c == '&' {
            flush(&mut pending, &mut out);
            out.push_str("&-");
        } else {
            let mut units = [0u16; 2];
            pending.extend_from_slice(c.encode_utf16(&mut units));
        }
    }
    flush(&mut pending, &mut out);
    out
}

/// Decodes a mailbox name from the wire into UTF-8.
pub fn decode(wire: &str) -> Result<String, BadUtf7> {
    let bad = || BadUtf7(wire.to_owned());
    let engine = engine().ok_or_else(bad)?;
    let mut out = String::with_capacity(wire.len());
    let mut rest = wire;
    while let Some(amp) = rest.find('&') {
        let (direct, tail) = rest.split_at(amp);
        if !direct.chars().all(is_direct) {
            return Err(bad());
        }
        out.push_str(direct);
        let tail = &tail[1..];
        let end = tail.find('-').ok_or_else(bad)?;
        let shifted = &tail[..end];
        rest = &tail[end + 1..];
        if shifted.is_empty() {
            out.push('&');
            continue;
        }
        let bytes = engine.decode(shifted).map_err(|_| bad())?;
        if bytes.len() % 2 != 0 {
            return Err(bad());
        }
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|p| u16::from_be_bytes([p[0], p[1]]))
            .collect();
        let text = String::from_utf16(&units).map_err(|_| bad())?;
        // A shifted run must not hide characters that have a direct form.
        if text.chars().any(|c| is_direct(c) || c == '&') {
            return Err(bad());
        }
        out.push_str(&text);
    }
    if !rest.chars().all(is_direct) {
        return Err(bad());
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_examples_round_trip() {
        // RFC 3501 §5.1.3: "~peter/mail/台北/日本語"
        let name = "~peter/mail/\u{53f0}\u{5317}/\u{65e5}\u{672c}\u{8a9e}";
        let wire = "~peter/mail/&U,BTFw-/&ZeVnLIqe-";
        assert_eq!(encode(name), wire);
        assert_eq!(decode(wire).unwrap(), name);
    }

    #[test]
    fn ampersand_and_plain_ascii() {
        assert_eq!(encode("Tom & Jerry"), "Tom &- Jerry");
        assert_eq!(decode("Tom &- Jerry").unwrap(), "Tom & Jerry");
        assert_eq!(encode("INBOX"), "INBOX");
        assert_eq!(decode("Sent Items").unwrap(), "Sent Items");
    }

    #[test]
    fn accents_emoji_and_adjacent_runs() {
        for name in [
            "Entwürfe",
            "Gelöschte Elemente",
            "📬 Post",
            "日本語",
            "a€b€",
        ] {
            let wire = encode(name);
            assert!(wire.is_ascii(), "{wire}");
            assert_eq!(decode(&wire).unwrap(), name, "{wire}");
        }
        assert_eq!(encode("Entwürfe"), "Entw&APw-rfe");
    }

    #[test]
    fn malformed_names_are_errors() {
        for wire in ["&", "&U,BTFw", "&AGE-", "&Zg-", "caf\u{e9}", "&U,BTF-"] {
            assert!(decode(wire).is_err(), "{wire:?} should be refused");
        }
    }
}
