//! What keeps a hostile message or a hostile server from fooling the user (DESIGN.md §4,
//! "Reading"), as pure functions the reader model, the protocol modules and the GUI share.
//!
//! - [`server_text`]: a server's words (a greeting, a refusal, a BYE) are shown only after
//!   control characters, terminal escapes and invisible or direction-changing characters
//!   are taken out, and cut to a sentence's length: a server cannot paint a fake alert or
//!   a fake prompt into an error message.
//! - [`file_name`], [`extension`], [`is_risky_extension`]: an attachment's name is made
//!   safe before anything touches the file system, and its real extension is known even
//!   when the name hides it (`invoice\u{202e}fdp.exe`).
//! - [`shown_address`]: a display name that holds an address other than the sender's real
//!   one (`"support@bank.test" <x@evil.test>`).
//! - [`confusable_domain`], [`display_domain`]: internationalised domain names whose labels
//!   mix scripts (`pаypal.test` with a Cyrillic `а`), or spell Latin-looking words in
//!   another script, are shown in punycode and flagged (UTS #39 §5.2, "highly restrictive").
//! - [`safe_link`], [`link_text_differs`]: only web and mail links are clickable, never
//!   `javascript:`, `data:` or `file:`; a link whose text shows another place than it goes
//!   to is flagged.

use serde::Serialize;
use unicode_script::{Script, UnicodeScript};

/// The most characters of server text shown to the user.
pub const MAX_SERVER_TEXT: usize = 300;

/// The longest file name kept, in bytes (most file systems allow 255).
const MAX_FILE_NAME: usize = 200;

/// Something in a message that may be trying to deceive the reader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Warning {
    /// The display name shows an address (`shown`) that is not the real one.
    NameHidesAddress {
        name: String,
        shown: String,
        address: String,
    },
    /// A domain mixes scripts or imitates Latin letters; `ascii` is its punycode form,
    /// which is what is shown.
    ConfusableDomain { domain: String, ascii: String },
    /// A link's text names another place than the link leads to.
    LinkTextDiffers { text: String, target: String },
    /// A link with a scheme that could run something (`javascript:`, `data:`, `file:`...):
    /// shown as text, not clickable.
    UnsafeLink { target: String },
}

/// Characters that change how text is laid out or are invisible: bidirectional controls
/// (the "RLO" trick), zero-width characters, and other format characters.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// A server's words made safe to show and to log: terminal escape sequences dropped,
/// control characters and line breaks turned into single spaces, invisible and
/// direction-changing characters removed, at most [`MAX_SERVER_TEXT`] characters.
pub fn server_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MAX_SERVER_TEXT * 4));
    let mut count = 0;
    let mut space = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' || c == '\u{9b}' {
            skip_escape(c, &mut chars);
            continue;
        }
        if is_invisible(c) {
            continue;
        }
        if c.is_control() || c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if count >= MAX_SERVER_TEXT {
            out.push('…');
            return out;
        }
        if space {
            out.push(' ');
            count += 1;
            space = false;
        }
        out.push(c);
        count += 1;
    }
    out
}

/// Skips an ANSI/ECMA-48 escape sequence after its introducer: CSI (`ESC [` or U+009B)
/// up to its final byte, OSC (`ESC ]`) up to BEL or ST, else the one character after ESC.
fn skip_escape(first: char, chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    let kind = if first == '\u{9b}' {
        '['
    } else {
        match chars.next() {
            Some(k) => k,
            None => return,
        }
    };
    match kind {
        '[' => {
            for c in chars.by_ref() {
                if ('\u{40}'..='\u{7e}').contains(&c) {
                    break;
                }
            }
        }
        ']' | 'P' | '_' | '^' | 'X' => {
            while let Some(c) = chars.next() {
                if c == '\u{7}' || c == '\u{9c}' {
                    break;
                }
                if c == '\u{1b}' && chars.peek() == Some(&'\\') {
                    chars.next();
                    break;
                }
            }
        }
        _ => {}
    }
}

/// Windows device names: a file called `CON.txt` or `com1` is not a file there.
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$", "COM0", "COM1", "COM2", "COM3",
    "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³", "LPT0", "LPT1", "LPT2",
    "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
];

/// Makes an attachment name safe as a file name on every platform: only its last path
/// component; no control, invisible or direction-changing characters; none of `<>:"|?*`;
/// no leading or trailing dots and spaces (so never `.`, `..` or hidden); runs of spaces
/// collapsed (so an extension cannot hide behind them); not a Windows device name; at most
/// 200 bytes, keeping the extension. An empty result becomes "attachment".
pub fn file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let mut clean = String::with_capacity(last.len());
    let mut space = false;
    for c in last.chars() {
        if is_invisible(c) {
            continue;
        }
        let c = if c.is_control() || matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*') {
            '_'
        } else {
            c
        };
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !clean.is_empty() {
            clean.push(' ');
        }
        space = false;
        clean.push(c);
    }
    let trimmed = clean.trim_matches(|c: char| c == '.' || c.is_whitespace());
    let mut clean = trimmed.to_owned();
    let stem = clean
        .split('.')
        .next()
        .unwrap_or_default()
        .trim()
        .to_uppercase();
    if RESERVED.contains(&stem.as_str()) {
        clean.insert(0, '_');
    }
    if clean.len() > MAX_FILE_NAME {
        let ext = clean
            .rfind('.')
            .map(|i| clean[i..].to_owned())
            .filter(|e| e.len() <= 20)
            .unwrap_or_default();
        let mut cut = MAX_FILE_NAME - ext.len();
        while !clean.is_char_boundary(cut) {
            cut -= 1;
        }
        clean = format!("{}{ext}", clean[..cut].trim_end_matches(['.', ' ']));
    }
    if clean.is_empty() {
        "attachment".to_owned()
    } else {
        clean
    }
}

/// The real extension of a file name made safe by [`file_name`], lower-case, without the
/// dot; `None` when it has none.
pub fn extension(safe_name: &str) -> Option<String> {
    let (stem, ext) = safe_name.rsplit_once('.')?;
    (!stem.is_empty() && !ext.is_empty() && !ext.contains(' ')).then(|| ext.to_lowercase())
}

/// Extensions of files that run, install or open something when opened: programs,
/// scripts, shortcuts, disk images. The GUI warns before opening such an attachment.
const RISKY: &[&str] = &[
    "app",
    "appimage",
    "application",
    "apk",
    "bat",
    "cab",
    "chm",
    "cmd",
    "com",
    "command",
    "cpl",
    "desktop",
    "dll",
    "dmg",
    "exe",
    "gadget",
    "hta",
    "img",
    "inf",
    "ins",
    "iso",
    "jar",
    "js",
    "jse",
    "ksh",
    "lnk",
    "msc",
    "msi",
    "msix",
    "msp",
    "mst",
    "pif",
    "pkg",
    "ps1",
    "ps1xml",
    "ps2",
    "psc1",
    "psm1",
    "reg",
    "scf",
    "scr",
    "sct",
    "sh",
    "shb",
    "sys",
    "url",
    "vb",
    "vbe",
    "vbs",
    "vhd",
    "vhdx",
    "website",
    "ws",
    "wsc",
    "wsf",
    "wsh",
    "xll",
];

/// Whether opening a file with this extension can run something.
pub fn is_risky_extension(extension: &str) -> bool {
    RISKY.contains(&extension.to_ascii_lowercase().as_str())
}

/// The address a display name shows when it is not `address`: `"support@bank.test"
/// <x@evil.test>` shows `support@bank.test`. `None` when the name shows no address, or
/// only the real one.
pub fn shown_address(name: &str, address: &str) -> Option<String> {
    let real = address.trim().to_lowercase();
    name.split(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '<' | '>' | '"' | '\'' | '(' | ')' | ',' | ';' | '[' | ']'
            )
    })
    .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
    .find(|w| looks_like_address(w) && w.to_lowercase() != real)
    .map(str::to_owned)
}

/// `local@domain.tld`, loosely: something, one `@`, a domain with a dot.
fn looks_like_address(word: &str) -> bool {
    let Some((local, domain)) = word.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain
            .rsplit_once('.')
            .is_some_and(|(host, tld)| !host.is_empty() && tld.chars().count() >= 2)
}

/// Whether a domain could pass for another: one of its labels mixes scripts beyond the
/// combinations UTS #39 calls highly restrictive (Latin with Han/Kana, Han with Hangul or
/// Bopomofo), or is written entirely in Cyrillic or Greek letters that look like Latin ones
/// (`аррӏе`). Pure ASCII and punycode (`xn--`) domains are not confusable as shown.
pub fn confusable_domain(domain: &str) -> bool {
    !domain.is_ascii()
        && domain
            .split(['.', '\u{3002}', '\u{FF0E}', '\u{FF61}'])
            .any(|label| mixes_scripts(label) || imitates_latin(label))
}

fn mixes_scripts(label: &str) -> bool {
    let mut scripts: Vec<Script> = Vec::new();
    for c in label.chars() {
        let s = c.script();
        if matches!(s, Script::Common | Script::Inherited | Script::Unknown) {
            continue;
        }
        if !scripts.contains(&s) {
            scripts.push(s);
        }
    }
    if scripts.len() <= 1 {
        return false;
    }
    let allowed: [&[Script]; 3] = [
        &[
            Script::Latin,
            Script::Han,
            Script::Hiragana,
            Script::Katakana,
        ],
        &[Script::Latin, Script::Han, Script::Bopomofo],
        &[Script::Latin, Script::Han, Script::Hangul],
    ];
    !allowed
        .iter()
        .any(|set| scripts.iter().all(|s| set.contains(s)))
}

/// Cyrillic and Greek letters drawn like Latin ones.
const LATIN_LOOKALIKES: &str = "аеорсухіјѕԁһӏԛԝвкмнтьаАВЕКМНОРСТУХІЈЅԌԚԜοαρτνικυχεΑΒΕΖΗΙΚΜΝΟΡΤΥΧ";

fn imitates_latin(label: &str) -> bool {
    let mut letters = label.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some()
        && letters.all(|c| {
            matches!(c.script(), Script::Cyrillic | Script::Greek) && LATIN_LOOKALIKES.contains(c)
        })
}

/// A domain's punycode (ASCII) form.
pub fn ascii_domain(domain: &str) -> String {
    match idna::domain_to_ascii(domain) {
        Ok(ascii) if !ascii.is_empty() => ascii,
        _ => domain
            .split('.')
            .map(|label| {
                if label.is_ascii() {
                    label.to_owned()
                } else {
                    format!(
                        "xn--{}",
                        idna::punycode::encode_str(label).unwrap_or_default()
                    )
                }
            })
            .collect::<Vec<_>>()
            .join("."),
    }
}

/// How to show a domain: as written, or in punycode when it is [confusable](confusable_domain).
/// The flag says whether it was confusable.
pub fn display_domain(domain: &str) -> (String, bool) {
    if confusable_domain(domain) {
        (ascii_domain(domain), true)
    } else {
        (domain.to_owned(), false)
    }
}

/// An address shown safely: its domain in punycode when confusable. Returns the warning
/// to give, if any.
pub fn display_address(address: &str) -> (String, Option<Warning>) {
    let Some((local, domain)) = address.rsplit_once('@') else {
        return (address.to_owned(), None);
    };
    let (shown, confusable) = display_domain(domain);
    if !confusable {
        return (address.to_owned(), None);
    }
    (
        format!("{local}@{shown}"),
        Some(Warning::ConfusableDomain {
            domain: domain.to_owned(),
            ascii: shown,
        }),
    )
}

/// Link schemes that open a web page or a new message; everything else (`javascript:`,
/// `data:`, `file:`, `vbscript:`, app-specific schemes) is never clickable.
const SAFE_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// A link target made safe to offer: `None` unless its scheme is http, https or mailto;
/// invisible characters removed; a confusable host given in punycode. The flag says whether
/// the host was confusable.
pub fn safe_link(target: &str) -> Option<(String, bool)> {
    let target: String = target
        .trim()
        .chars()
        .filter(|c| !is_invisible(*c) && !c.is_control())
        .collect();
    let (scheme, _) = target.split_once(':')?;
    if !SAFE_SCHEMES.iter().any(|s| scheme.eq_ignore_ascii_case(s)) {
        return None;
    }
    let Some((host_start, host_end)) = host_span(&target) else {
        return Some((target, false));
    };
    let host = &target[host_start..host_end];
    let (shown, confusable) = display_domain(host);
    if !confusable {
        return Some((target, false));
    }
    Some((
        format!("{}{}{}", &target[..host_start], shown, &target[host_end..]),
        true,
    ))
}

/// [`safe_link`] for a link found in a message: the target to offer, with what was wrong
/// with it added to `warnings` (a scheme that is never clickable, a confusable host).
pub fn checked_link(target: &str, warnings: &mut Vec<Warning>) -> Option<String> {
    match safe_link(target) {
        Some((link, false)) => Some(link),
        Some((link, true)) => {
            if let Some((start, end)) = host_span(target.trim()) {
                let domain = target.trim()[start..end].to_owned();
                add(
                    warnings,
                    Warning::ConfusableDomain {
                        ascii: ascii_domain(&domain),
                        domain,
                    },
                );
            }
            Some(link)
        }
        None => {
            add(
                warnings,
                Warning::UnsafeLink {
                    target: server_text(target),
                },
            );
            None
        }
    }
}

/// Adds a warning unless it is there already.
pub fn add(warnings: &mut Vec<Warning>, warning: Warning) {
    if !warnings.contains(&warning) {
        warnings.push(warning);
    }
}

/// Where the host of `scheme://[user@]host[:port]/...` is, or of `mailto:local@host?...`.
fn host_span(url: &str) -> Option<(usize, usize)> {
    let colon = url.find(':')?;
    let after = &url[colon + 1..];
    let (start, rest) = match after.strip_prefix("//") {
        Some(rest) => (colon + 3, rest),
        None => {
            // mailto: the domain after the first address's @.
            let end = after.find(['?', ',', '#']).unwrap_or(after.len());
            let at = after[..end].rfind('@')?;
            return Some((colon + 1 + at + 1, colon + 1 + end));
        }
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let host_from = authority.rfind('@').map_or(0, |i| i + 1);
    let host = &authority[host_from..];
    let host_len = if host.starts_with('[') {
        host.find(']').map_or(host.len(), |i| i + 1)
    } else {
        host.find(':').unwrap_or(host.len())
    };
    Some((start + host_from, start + host_from + host_len))
}

/// The host a link's visible text names, if the text looks like a web address
/// (`https://bank.test/login`, `www.bank.test`, `bank.test/login`).
fn host_in_text(text: &str) -> Option<String> {
    let text = text.trim();
    if text.contains(char::is_whitespace) {
        return None;
    }
    let lower = text.to_lowercase();
    let rest = lower
        .split_once("://")
        .map_or(lower.as_str(), |(_, rest)| rest);
    let end = rest.find(['/', '?', '#', ':']).unwrap_or(rest.len());
    let host = rest[..end].trim_end_matches('.');
    let host = host.rsplit('@').next().unwrap_or(host);
    let dotted = host.rsplit_once('.').is_some_and(|(name, tld)| {
        !name.is_empty() && tld.chars().all(char::is_alphabetic) && tld.chars().count() >= 2
    });
    dotted.then(|| host.to_owned())
}

/// Whether a link's text shows a web address on another host than its target's: text
/// `https://bank.test` leading to `https://evil.test/bank`.
pub fn link_text_differs(text: &str, target: &str) -> bool {
    let Some(shown) = host_in_text(text) else {
        return false;
    };
    let Some((start, end)) = host_span(target) else {
        return false;
    };
    let real = target[start..end].to_lowercase();
    let norm = |h: &str| ascii_domain(h.trim_start_matches("www."));
    let (shown, real) = (norm(&shown), norm(&real));
    !(real == shown || real.ends_with(&format!(".{shown}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_text_loses_escapes_controls_and_invisible_characters() {
        assert_eq!(
            server_text("\u{1b}[31mERROR\u{1b}[0m login\r\n\r\n*** ALERT ***\x07"),
            "ERROR login *** ALERT ***"
        );
        assert_eq!(server_text("a\u{202e}gnp.exe b"), "agnp.exe b");
        assert_eq!(server_text("\u{1b}]0;fake title\x07ok"), "ok");
        assert_eq!(server_text("  lead\ttab  "), "lead tab");
        let long = server_text(&"x".repeat(10_000));
        assert_eq!(long.chars().count(), MAX_SERVER_TEXT + 1);
        assert!(long.ends_with('…'));
        assert_eq!(server_text("caf\u{e9} \u{1F600}"), "caf\u{e9} \u{1F600}");
    }

    #[test]
    fn file_names_lose_paths_reserved_names_and_bidi_tricks() {
        assert_eq!(file_name("../../etc/passwd"), "passwd");
        assert_eq!(file_name("..\\..\\boot.ini"), "boot.ini");
        assert_eq!(file_name(".."), "attachment");
        assert_eq!(file_name("invoice\u{202e}fdp.exe"), "invoicefdp.exe");
        assert_eq!(file_name("report.pdf          .exe"), "report.pdf .exe");
        assert_eq!(file_name("evil.exe. . ."), "evil.exe");
        assert_eq!(file_name("nul"), "_nul");
        assert_eq!(file_name("Com1.txt"), "_Com1.txt");
        assert_eq!(file_name("CON .txt"), "_CON .txt");
        assert_eq!(file_name("conout$"), "_conout$");
        assert_eq!(file_name("a\u{200b}b\u{feff}.txt"), "ab.txt");
        assert_eq!(file_name("tab\there.txt"), "tab_here.txt");
        assert_eq!(file_name("nl\n.txt"), "nl_.txt");
        let long = format!("{}.pdf", "é".repeat(300));
        let safe = file_name(&long);
        assert!(
            safe.len() <= MAX_FILE_NAME && safe.ends_with(".pdf"),
            "{safe}"
        );
    }

    #[test]
    fn the_real_extension_is_the_last_one() {
        assert_eq!(
            extension(&file_name("invoice\u{202e}fdp.exe")).as_deref(),
            Some("exe")
        );
        assert_eq!(extension("report.PDF").as_deref(), Some("pdf"));
        assert_eq!(extension("README"), None);
        assert!(is_risky_extension("EXE") && is_risky_extension("lnk"));
        assert!(!is_risky_extension("pdf"));
    }

    #[test]
    fn a_display_name_with_another_address_is_caught() {
        assert_eq!(
            shown_address("support@bank.test", "x@evil.test").as_deref(),
            Some("support@bank.test")
        );
        assert_eq!(
            shown_address("Bank <support@bank.test> (via)", "x@evil.test").as_deref(),
            Some("support@bank.test")
        );
        assert_eq!(
            shown_address("Anna@Example.test", "anna@example.test"),
            None
        );
        assert_eq!(shown_address("Anna Smith", "anna@example.test"), None);
        assert_eq!(shown_address("me @ home", "anna@example.test"), None);
    }

    #[test]
    fn mixed_script_domains_are_confusable() {
        // A Cyrillic а inside a Latin word.
        assert!(confusable_domain("p\u{430}ypal.test"));
        // All-Cyrillic letters that read as "apple".
        assert!(confusable_domain(
            "\u{430}\u{440}\u{440}\u{4cf}\u{435}.test"
        ));
        assert!(!confusable_domain("paypal.test"));
        assert!(!confusable_domain("b\u{fc}cher.test"));
        assert!(!confusable_domain(
            "\u{43f}\u{440}\u{438}\u{43c}\u{435}\u{440}.\u{440}\u{444}"
        ));
        assert!(!confusable_domain("\u{65e5}\u{672c}\u{8a9e}abc.test"));
        assert!(!confusable_domain("xn--80ak6aa92e.test"));
        let (shown, flagged) = display_domain("p\u{430}ypal.test");
        assert!(flagged);
        assert!(shown.starts_with("xn--") && shown.is_ascii(), "{shown}");
        let (addr, warning) = display_address("billing@p\u{430}ypal.test");
        assert!(addr.starts_with("billing@xn--"), "{addr}");
        assert!(matches!(warning, Some(Warning::ConfusableDomain { .. })));
    }

    #[test]
    fn only_web_and_mail_links_are_offered() {
        assert_eq!(
            safe_link("https://a.test/x").map(|l| l.0).as_deref(),
            Some("https://a.test/x")
        );
        assert!(safe_link("mailto:a@b.test").is_some());
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\u{200b}script:alert(1)",
            "data:text/html,<script>x</script>",
            "file:///etc/passwd",
            "vbscript:x",
            "relative/path",
        ] {
            assert!(safe_link(bad).is_none(), "{bad}");
        }
        let (link, flagged) = safe_link("https://user@p\u{430}ypal.test:8443/login").unwrap();
        assert!(flagged);
        assert!(
            link.starts_with("https://user@xn--") && link.ends_with(":8443/login"),
            "{link}"
        );
        let (link, flagged) = safe_link("mailto:x@p\u{430}ypal.test?subject=hi").unwrap();
        assert!(
            flagged && link.ends_with("?subject=hi") && link.is_ascii(),
            "{link}"
        );
    }

    #[test]
    fn a_link_text_naming_another_host_is_caught() {
        assert!(link_text_differs(
            "https://bank.test",
            "https://evil.test/bank"
        ));
        assert!(link_text_differs("www.bank.test/login", "http://evil.test"));
        assert!(!link_text_differs(
            "https://bank.test",
            "https://www.bank.test/x"
        ));
        assert!(!link_text_differs("bank.test", "https://login.bank.test/"));
        assert!(!link_text_differs("Click here", "https://evil.test"));
        assert!(!link_text_differs("https://a.test/x", "https://a.test/y"));
    }
}
