//! `mailto:` links (a message's links, the desktop's handler) and address lists typed into
//! the composer.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tidings::engine::{compose, mailto};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(draft) = mailto::parse(text) {
        // Nothing from a link may smuggle a header line into the draft.
        assert!(!draft.subject.contains(['\r', '\n']), "{:?}", draft.subject);
        for a in draft.to.iter().chain(&draft.cc).chain(&draft.bcc) {
            assert!(!a.contains(['\r', '\n']), "{a:?}");
        }
    }
    if let Ok(people) = compose::parse_list("to", text) {
        for p in people {
            let _ = p.display();
        }
    }
});
