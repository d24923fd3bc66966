//! The provider database bundled in the binary: one autoconfig file per big provider under
//! `assets/providers/`, the same format the providers and the ISPDB serve. It answers at
//! once and offline, for the addresses most people have.

use std::collections::HashMap;
use std::sync::LazyLock;

use rust_embed::RustEmbed;

use crate::engine::discover::xml::{self, ProviderFile};

#[derive(RustEmbed)]
#[folder = "assets/providers/"]
struct Files;

/// Every bundled provider by each of its domains.
static BY_DOMAIN: LazyLock<HashMap<String, (String, ProviderFile)>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for name in Files::iter().filter(|n| n.ends_with(".xml")) {
        let Some(file) = Files::get(&name) else {
            continue;
        };
        let text = String::from_utf8_lossy(&file.data);
        match xml::parse(&text) {
            Ok(provider) => {
                for domain in &provider.domains {
                    map.insert(domain.clone(), (name.to_string(), provider.clone()));
                }
            }
            // A unit test keeps this from happening; if it did, one provider is missing.
            Err(e) => {
                tracing::error!(file = %name, error = %e, "a bundled provider file is invalid")
            }
        }
    }
    map
});

/// The bundled provider serving `domain`, with the name of its file.
pub fn lookup(domain: &str) -> Option<(&'static str, &'static ProviderFile)> {
    BY_DOMAIN
        .get(&domain.to_ascii_lowercase())
        .map(|(name, file)| (name.as_str(), file))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::discover::ServerKind;

    #[test]
    fn every_bundled_file_is_valid_and_complete() {
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut count = 0;
        for name in Files::iter().filter(|n| n.ends_with(".xml")) {
            let file = Files::get(&name).unwrap();
            let provider = xml::parse(std::str::from_utf8(&file.data).unwrap())
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            count += 1;
            assert!(!provider.domains.is_empty(), "{name} lists no domain");
            assert!(!provider.display_name.is_empty(), "{name} has no name");
            let has = |k| provider.servers.iter().any(|s| s.kind == k);
            assert!(
                has(ServerKind::Imap) || has(ServerKind::Pop3),
                "{name} has no incoming server"
            );
            assert!(has(ServerKind::Smtp), "{name} has no SMTP server");
            for domain in provider.domains {
                if let Some(other) = seen.insert(domain.clone(), name.to_string()) {
                    panic!("{domain} is in both {other} and {name}");
                }
            }
        }
        assert!(count >= 12, "only {count} providers bundled");
    }

    #[test]
    fn the_big_providers_are_there() {
        for domain in [
            "gmail.com",
            "googlemail.com",
            "outlook.com",
            "hotmail.com",
            "yahoo.com",
            "icloud.com",
            "gmx.net",
            "web.de",
            "fastmail.com",
            "zoho.com",
            "mailbox.org",
            "posteo.de",
            "aol.com",
        ] {
            assert!(lookup(domain).is_some(), "{domain} is not bundled");
        }
        assert!(lookup("GMAIL.COM").is_some());
        assert!(lookup("example.test").is_none());
    }
}
