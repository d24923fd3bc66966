//! Domain names: the registrable ("base") domain of a host, and whether a server lives on
//! the address's own domain.
//!
//! Thunderbird asks the full public-suffix list for the base domain. Tidings keeps a short
//! rule instead of shipping that list: the last two labels, or three when the last two are
//! a second-level suffix of a country (`co.uk`, `com.au`, `ne.jp`...). It is used for two
//! things only, finding the provider behind an MX host and deciding which servers to show
//! the user for approval, and in both an occasional miss costs a question, not safety.

use std::net::IpAddr;

/// Second-level labels that, under a two-letter country code, form a public suffix.
const COUNTRY_SECOND_LEVELS: &[&str] = &[
    "ac", "co", "com", "edu", "gen", "go", "gob", "gov", "gv", "ltd", "me", "mil", "ne", "net",
    "nhs", "nic", "nom", "or", "org", "plc", "sch",
];

/// The registrable domain of `host`: `mx1.mail.example.co.uk` → `example.co.uk`. An IP
/// address is its own base. Lower-case, without a trailing dot.
pub fn base_domain(host: &str) -> String {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    if host.parse::<IpAddr>().is_ok() {
        return host;
    }
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    let keep = match labels.as_slice() {
        [.., second, tld] if tld.len() == 2 && COUNTRY_SECOND_LEVELS.contains(second) => 3,
        _ => 2,
    };
    labels[labels.len().saturating_sub(keep)..].join(".")
}

/// The host without its first label: `mx1.mail.hoster.com` → `mail.hoster.com`.
pub fn parent(host: &str) -> Option<String> {
    let host = host.trim_end_matches('.');
    host.split_once('.')
        .map(|(_, rest)| rest.to_ascii_lowercase())
}

/// Whether `host` is on another registrable domain than the address's `domain`: such
/// servers are shown to the user for approval before a password goes to them.
pub fn is_other_domain(host: &str, domain: &str) -> bool {
    base_domain(host) != base_domain(domain)
}

/// The domain part of an address, lower-case; `None` when it is not `local@domain`.
pub fn of_address(address: &str) -> Option<String> {
    let (local, domain) = address.trim().rsplit_once('@')?;
    let domain = domain.trim_end_matches('.').to_ascii_lowercase();
    let valid_label = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    let ok = !local.is_empty()
        && !local.contains(char::is_whitespace)
        && domain.contains('.')
        && domain.len() <= 253
        && domain.split('.').all(valid_label);
    ok.then_some(domain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_domains() {
        assert_eq!(base_domain("aspmx.l.google.com."), "google.com");
        assert_eq!(base_domain("mx1.mail.example.co.uk"), "example.co.uk");
        assert_eq!(base_domain("imap.gmx.net"), "gmx.net");
        assert_eq!(base_domain("Mail.Example.TEST"), "example.test");
        assert_eq!(base_domain("example.test"), "example.test");
        assert_eq!(base_domain("127.0.0.1"), "127.0.0.1");
        assert_eq!(base_domain("localhost"), "localhost");
    }

    #[test]
    fn other_domains_are_detected() {
        assert!(!is_other_domain("imap.example.test", "example.test"));
        assert!(is_other_domain("imap.gmail.com", "googlemail.com"));
        assert!(is_other_domain("127.0.0.1", "example.test"));
    }

    #[test]
    fn parents() {
        assert_eq!(
            parent("mx1.mail.hoster.com").as_deref(),
            Some("mail.hoster.com")
        );
        assert_eq!(parent("localhost"), None);
    }

    #[test]
    fn addresses() {
        assert_eq!(
            of_address("Anna@Example.TEST").as_deref(),
            Some("example.test")
        );
        for bad in [
            "anna",
            "@example.test",
            "anna@",
            "anna@localhost",
            "a b@x.test",
            "a@-x.test",
        ] {
            assert_eq!(of_address(bad), None, "{bad}");
        }
    }
}
