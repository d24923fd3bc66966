//! The autoconfig XML parser (Thunderbird's format), fed what any web server might answer,
//! and the placeholder filling applied to its values.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tidings::engine::discover::xml;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(file) = xml::parse(&text) {
        for server in &file.servers {
            let _ = xml::fill(&format!("{server:?}"), "anna.b@example.test");
        }
    }
    let _ = xml::fill(&text, "%EMAILLOCALPART%@ex%EMAILDOMAIN%");
});
