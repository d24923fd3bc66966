//! The IMAP pieces Tidings interprets itself, on whatever imap-proto makes of the bytes:
//! capabilities, FETCH items, folder names in modified UTF-7, INTERNALDATE; and imap-proto
//! itself, on the bytes as our transport passes them on.

#![no_main]

use async_imap::imap_proto::{Response, ResponseCode};
use libfuzzer_sys::fuzz_target;
use tidings::engine::imap::caps::Capabilities;
use tidings::engine::imap::fetch::{FetchItem, parse_internal_date};
use tidings::engine::imap::{input, session, utf7};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // Folder names: whatever decodes, encodes back to the same wire form's meaning.
    if let Ok(name) = utf7::decode(&text) {
        let wire = utf7::encode(&name);
        assert_eq!(utf7::decode(&wire).as_deref(), Ok(name.as_str()));
    }
    let encoded = utf7::encode(&text);
    assert_eq!(utf7::decode(&encoded).as_deref(), Ok(&*text), "round trip");
    let _ = parse_internal_date(&text);
    if let Ok(q) = input::quoted("fuzz", &text) {
        assert!(!q.contains(['\r', '\n', '\0']));
    }

    // The parser sees the bytes as the transport hands them on (see `transport::as_parsed`).
    let parsed = tidings::engine::imap::transport::as_parsed(data);
    let mut rest = &parsed[..];
    for _ in 0..64 {
        let Ok((remaining, response)) = Response::parse(rest) else {
            break;
        };
        match &response {
            Response::Capabilities(c) => {
                let caps = Capabilities::from_proto(c);
                let _ = (caps.starttls(), caps.names());
            }
            Response::Fetch(seq, attrs) => {
                let item = FetchItem::from_attrs(*seq, attrs);
                if let Some(date) = &item.internal_date {
                    let _ = parse_internal_date(date);
                }
            }
            Response::MailboxData(async_imap::imap_proto::MailboxDatum::List(list)) => {
                let _ = utf7::decode(&list.name);
            }
            Response::Data { outcome, .. } | Response::Done { outcome, .. } => {
                match &outcome.code {
                    Some(ResponseCode::Capabilities(c)) => {
                        let _ = Capabilities::from_proto(c);
                    }
                    Some(ResponseCode::AppendUid(_, set)) => {
                        let _ = session::expand(set);
                    }
                    Some(ResponseCode::CopyUid(_, from, to)) => {
                        let _ = (session::expand(from), session::expand(to));
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        if remaining.len() == rest.len() {
            break;
        }
        rest = remaining;
    }
});
