//! FETCH responses (RFC 3501 §7.4.2) turned into plain data.

use async_imap::imap_proto::{AttributeValue, MessageSection, SectionPath};

/// What one FETCH response said about one message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FetchItem {
    /// The message sequence number.
    pub seq: u32,
    pub uid: Option<u32>,
    pub flags: Option<Vec<String>>,
    pub modseq: Option<u64>,
    /// RFC822.SIZE.
    pub size: Option<u32>,
    /// INTERNALDATE as the server wrote it (`17-Jul-1996 02:44:25 -0700`).
    pub internal_date: Option<String>,
    /// BODY[HEADER].
    pub header: Option<Vec<u8>>,
    /// BODY[] — the whole message, byte for byte.
    pub body: Option<Vec<u8>>,
}

impl FetchItem {
    pub fn from_attrs(seq: u32, attrs: &[AttributeValue<'_>]) -> Self {
        let mut item = FetchItem {
            seq,
            ..Self::default()
        };
        for attr in attrs {
            match attr {
                AttributeValue::Uid(u) => item.uid = Some(*u),
                AttributeValue::Flags(f) => {
                    item.flags = Some(f.iter().map(|s| s.to_string()).collect());
                }
                AttributeValue::ModSeq(m) => item.modseq = Some(*m),
                AttributeValue::Rfc822Size(s) => item.size = Some(*s),
                AttributeValue::InternalDate(d) => item.internal_date = Some(d.to_string()),
                AttributeValue::Rfc822Header(h) => {
                    item.header = Some(h.as_deref().unwrap_or_default().to_vec());
                }
                AttributeValue::Rfc822(b) => {
                    item.body = Some(b.as_deref().unwrap_or_default().to_vec());
                }
                AttributeValue::BodySection { section, data, .. } => {
                    let bytes = data.as_deref().unwrap_or_default().to_vec();
                    match section {
                        None => item.body = Some(bytes),
                        Some(SectionPath::Full(MessageSection::Header)) => {
                            item.header = Some(bytes);
                        }
                        Some(_) => {}
                    }
                }
                _ => {}
            }
        }
        item
    }
}

/// INTERNALDATE (`date-time`, RFC 3501 §9) as Unix seconds.
pub fn parse_internal_date(text: &str) -> Option<i64> {
    chrono::DateTime::parse_from_str(text.trim(), "%d-%b-%Y %H:%M:%S %z")
        .ok()
        .map(|d| d.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    #[test]
    fn a_fetch_response_becomes_an_item() {
        let attrs = vec![
            AttributeValue::Uid(7),
            AttributeValue::Flags(vec![Cow::Borrowed("\\Seen"), Cow::Borrowed("$Work")]),
            AttributeValue::ModSeq(99),
            AttributeValue::Rfc822Size(1234),
            AttributeValue::BodySection {
                section: Some(SectionPath::Full(MessageSection::Header)),
                index: None,
                data: Some(Cow::Borrowed(b"Subject: x\r\n\r\n")),
            },
            AttributeValue::BodySection {
                section: None,
                index: None,
                data: Some(Cow::Borrowed(b"Subject: x\r\n\r\nbody")),
            },
        ];
        let item = FetchItem::from_attrs(3, &attrs);
        assert_eq!(item.seq, 3);
        assert_eq!(item.uid, Some(7));
        assert_eq!(
            item.flags.as_deref(),
            Some(&["\\Seen".to_owned(), "$Work".to_owned()][..])
        );
        assert_eq!(item.modseq, Some(99));
        assert_eq!(item.size, Some(1234));
        assert_eq!(item.header.as_deref(), Some(&b"Subject: x\r\n\r\n"[..]));
        assert_eq!(item.body.as_deref(), Some(&b"Subject: x\r\n\r\nbody"[..]));
    }

    #[test]
    fn internal_dates_parse() {
        assert_eq!(
            parse_internal_date("17-Jul-1996 02:44:25 -0700"),
            Some(837_596_665)
        );
        assert_eq!(
            parse_internal_date(" 1-Jan-2024 00:00:00 +0000"),
            Some(1_704_067_200)
        );
        assert_eq!(parse_internal_date("garbage"), None);
    }
}
