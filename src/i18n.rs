//! Every user-visible string comes from here.
//!
//! Messages live in Fluent files, `i18n/<locale>/tidings.ftl`, embedded in the binary. The
//! language is the system's when Tidings ships it (else the closest one with the same
//! language subtag), falling back to en-US, and can be switched at run time. A key missing in
//! the chosen language falls back to en-US, so a half-finished translation never shows a key.
//!
//! Use the [`tr!`](crate::tr) macro: `tr!("welcome-title")`, `tr!("unread-count", count = 3)`.

use std::sync::{Arc, LazyLock, RwLock};

use fluent::FluentResource;
use fluent::concurrent::FluentBundle;
pub use fluent::{FluentArgs, FluentValue};
use rust_embed::RustEmbed;
pub use unic_langid::LanguageIdentifier;

/// The language every other one falls back to; it holds every key.
pub const FALLBACK: &str = "en-US";
const FILE: &str = "tidings.ftl";

#[derive(RustEmbed)]
#[folder = "i18n/"]
struct Files;

/// Looks up a message: `tr!("key")` or `tr!("key", name = value, ...)`.
#[macro_export]
macro_rules! tr {
    ($key:literal) => {
        $crate::i18n::message($key, None)
    };
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = $crate::i18n::FluentArgs::new();
        $( args.set(stringify!($name), $crate::i18n::FluentValue::from($value)); )+
        $crate::i18n::message($key, Some(&args))
    }};
}

struct Localizer {
    language: LanguageIdentifier,
    /// The chosen language first, then en-US.
    bundles: Vec<FluentBundle<FluentResource>>,
}

static CURRENT: LazyLock<RwLock<Arc<Localizer>>> =
    LazyLock::new(|| RwLock::new(Arc::new(Localizer::new(&negotiate(&system_languages())))));

fn fallback() -> LanguageIdentifier {
    FALLBACK.parse().unwrap_or_default()
}

impl Localizer {
    fn new(language: &LanguageIdentifier) -> Self {
        let mut bundles: Vec<_> = load_bundle(language).into_iter().collect();
        let english = fallback();
        if *language != english {
            bundles.extend(load_bundle(&english));
        }
        Self {
            language: language.clone(),
            bundles,
        }
    }

    fn format(&self, key: &str, args: Option<&FluentArgs>) -> String {
        for bundle in &self.bundles {
            let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
                continue;
            };
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, args, &mut errors);
            if !errors.is_empty() {
                tracing::warn!(key, ?errors, "a translation could not be formatted fully");
            }
            return text.into_owned();
        }
        tracing::error!(key, "a message key is missing from every language");
        key.to_owned()
    }
}

fn load_bundle(lang: &LanguageIdentifier) -> Option<FluentBundle<FluentResource>> {
    let file = Files::get(&format!("{lang}/{FILE}"))?;
    let source = String::from_utf8(file.data.into_owned()).ok()?;
    let resource = match FluentResource::try_new(source) {
        Ok(r) => r,
        Err((r, errors)) => {
            tracing::error!(%lang, ?errors, "a translation file has syntax errors");
            r
        }
    };
    let mut bundle = FluentBundle::new_concurrent(vec![lang.clone()]);
    // Isolation marks (U+2068/U+2069) render as boxes in some fonts and break comparisons.
    bundle.set_use_isolating(false);
    if let Err(errors) = bundle.add_resource(resource) {
        tracing::error!(%lang, ?errors, "a translation file defines a key twice");
    }
    Some(bundle)
}

/// Formats the message `key` in the current language.
pub fn message(key: &str, args: Option<&FluentArgs>) -> String {
    current().format(key, args)
}

fn current() -> Arc<Localizer> {
    match CURRENT.read() {
        Ok(guard) => guard.clone(),
        Err(poisoned) => poisoned.into_inner().clone(),
    }
}

/// The language messages are shown in now.
pub fn language() -> LanguageIdentifier {
    current().language.clone()
}

/// Switches the language of every message formatted from now on.
pub fn set_language(requested: &LanguageIdentifier) {
    let localizer = Arc::new(Localizer::new(&negotiate(std::slice::from_ref(requested))));
    match CURRENT.write() {
        Ok(mut guard) => *guard = localizer,
        Err(poisoned) => *poisoned.into_inner() = localizer,
    }
}

/// The languages Tidings ships, en-US first.
pub fn available() -> Vec<LanguageIdentifier> {
    let mut langs: Vec<LanguageIdentifier> = Files::iter()
        .filter_map(|path| {
            let (dir, file) = path.split_once('/')?;
            (file == FILE).then(|| dir.parse().ok()).flatten()
        })
        .collect();
    langs.sort_by_key(|l| {
        let name = l.to_string();
        (name != FALLBACK, name)
    });
    langs
}

/// Picks the best shipped language for a list of requested ones: an exact match, else the
/// first shipped language with the same primary language (de-AT → de), else en-US.
pub fn negotiate(requested: &[LanguageIdentifier]) -> LanguageIdentifier {
    let shipped = available();
    for want in requested {
        if let Some(exact) = shipped.iter().find(|l| *l == want) {
            return exact.clone();
        }
        if let Some(close) = shipped.iter().find(|l| l.language == want.language) {
            return close.clone();
        }
    }
    fallback()
}

/// The languages the user asked for, in order: `LC_ALL`, `LC_MESSAGES`, `LANG`, then what
/// the platform reports. `C` and `POSIX` ask for nothing.
pub fn system_languages() -> Vec<LanguageIdentifier> {
    let from_env = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(|var| std::env::var(var).ok())
        .filter(|v| !v.is_empty());
    from_env
        .chain(sys_locale::get_locales())
        .filter_map(|raw| parse_posix_locale(&raw))
        .collect()
}

/// `de_DE.UTF-8@euro` → `de-DE`; `C`, `POSIX` and garbage → `None`.
fn parse_posix_locale(raw: &str) -> Option<LanguageIdentifier> {
    let base = raw.split(['.', '@']).next()?.replace('_', "-");
    if base.is_empty() || base == "C" || base == "POSIX" {
        return None;
    }
    base.parse().ok()
}

/// The chrono locale for the current language, for month and day names.
fn chrono_locale() -> chrono::Locale {
    let lang = language();
    let tag = match lang.region {
        Some(region) => format!("{}_{}", lang.language, region.as_str()),
        None => match lang.language.as_str() {
            "de" => "de_DE".to_owned(),
            "fr" => "fr_FR".to_owned(),
            "es" => "es_ES".to_owned(),
            "pt" => "pt_BR".to_owned(),
            "ja" => "ja_JP".to_owned(),
            _ => "en_US".to_owned(),
        },
    };
    chrono::Locale::try_from(tag.as_str()).unwrap_or(chrono::Locale::en_US)
}

/// Formats a date with a strftime pattern taken from the Fluent files (so each language
/// picks its own order), with month and day names in the current language.
fn format_with(key_pattern: &str, date: &chrono::DateTime<chrono::Local>) -> String {
    date.format_localized(key_pattern, chrono_locale())
        .to_string()
}

/// A date as a message list shows it: the time today, day and month this year, the full
/// date before.
pub fn format_list_date(
    date: &chrono::DateTime<chrono::Local>,
    now: &chrono::DateTime<chrono::Local>,
) -> String {
    use chrono::Datelike;
    let pattern = if date.date_naive() == now.date_naive() {
        crate::tr!("date-format-time")
    } else if date.year() == now.year() {
        crate::tr!("date-format-day-month")
    } else {
        crate::tr!("date-format-date")
    };
    format_with(&pattern, date)
}

/// A date and time in full, as the reader's header shows it.
pub fn format_full_date(date: &chrono::DateTime<chrono::Local>) -> String {
    format_with(&crate::tr!("date-format-full"), date)
}

/// A size in bytes as people read it: 512 bytes, 1.4 KB, 23 MB, with the language's decimal
/// separator.
pub fn format_size(bytes: u64) -> String {
    const UNITS: [(u64, &str); 3] = [
        (1024 * 1024 * 1024, "size-gb"),
        (1024 * 1024, "size-mb"),
        (1024, "size-kb"),
    ];
    for (unit, key) in UNITS {
        if bytes >= unit {
            let value = bytes as f64 / unit as f64;
            let text = if value < 10.0 {
                format!("{value:.1}").replace('.', &crate::tr!("number-decimal-separator"))
            } else {
                format!("{value:.0}")
            };
            return message(key, Some(&args_with("size", text)));
        }
    }
    message("size-bytes", Some(&args_with("count", bytes)))
}

fn args_with<'a>(name: &'a str, value: impl Into<FluentValue<'a>>) -> FluentArgs<'a> {
    let mut args = FluentArgs::new();
    args.set(name, value);
    args
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(s: &str) -> LanguageIdentifier {
        s.parse().unwrap()
    }

    #[test]
    fn posix_locales_are_parsed() {
        assert_eq!(parse_posix_locale("de_DE.UTF-8"), Some(lang("de-DE")));
        assert_eq!(parse_posix_locale("pt_BR.utf8@x"), Some(lang("pt-BR")));
        assert_eq!(parse_posix_locale("C.UTF-8"), None);
        assert_eq!(parse_posix_locale("POSIX"), None);
        assert_eq!(parse_posix_locale(""), None);
    }

    #[test]
    fn unknown_language_falls_back_to_english() {
        assert_eq!(negotiate(&[lang("xx-YY")]), lang(FALLBACK));
        assert_eq!(negotiate(&[]), lang(FALLBACK));
    }

    #[test]
    fn english_is_shipped_and_first() {
        assert_eq!(available().first(), Some(&lang(FALLBACK)));
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(format_size(512), "512 bytes");
        assert_eq!(format_size(1), "1 byte");
        assert_eq!(format_size(1536), "1.5 KB");
        assert_eq!(format_size(23 * 1024 * 1024 + 5), "23 MB");
    }

    #[test]
    fn list_dates_depend_on_how_old_they_are() {
        use chrono::TimeZone;
        let now = chrono::Local
            .with_ymd_and_hms(2026, 11, 26, 15, 0, 0)
            .unwrap();
        let today = chrono::Local
            .with_ymd_and_hms(2026, 11, 26, 9, 5, 0)
            .unwrap();
        let this_year = chrono::Local.with_ymd_and_hms(2026, 3, 2, 9, 5, 0).unwrap();
        let old = chrono::Local.with_ymd_and_hms(2024, 3, 2, 9, 5, 0).unwrap();
        assert_eq!(format_list_date(&today, &now), "9:05 AM");
        assert_eq!(format_list_date(&this_year, &now), "Mar 2");
        assert_eq!(format_list_date(&old, &now), "3/2/2024");
        assert!(format_full_date(&old).contains("2024"));
    }

    #[test]
    fn english_messages_format_with_arguments() {
        let l = Localizer::new(&lang(FALLBACK));
        assert_eq!(l.format("app-name", None), "Tidings");
        let mut args = FluentArgs::new();
        args.set("command", "sync");
        assert!(l.format("cli-not-available", Some(&args)).contains("sync"));
    }

    fn keys_of(lang: &LanguageIdentifier) -> std::collections::BTreeSet<String> {
        let file = Files::get(&format!("{lang}/{FILE}")).unwrap();
        let source = String::from_utf8(file.data.into_owned()).unwrap();
        let resource = FluentResource::try_new(source)
            .unwrap_or_else(|(_, e)| panic!("{lang}/{FILE} has syntax errors: {e:?}"));
        resource
            .entries()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                _ => None,
            })
            .collect()
    }

    /// Every `tr!("key"` in the sources, found by reading them.
    fn keys_used_in_code() -> std::collections::BTreeSet<String> {
        fn walk(dir: &std::path::Path, out: &mut std::collections::BTreeSet<String>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    // Comments show examples, not keys.
                    let code = text.lines().filter(|l| !l.trim_start().starts_with("//"));
                    for line in code {
                        for (i, _) in line.match_indices("tr!(\"") {
                            let rest = &line[i + 5..];
                            let key = &rest[..rest.find('"').unwrap()];
                            out.insert(key.to_owned());
                        }
                    }
                }
            }
        }
        let mut keys = std::collections::BTreeSet::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut keys,
        );
        keys
    }

    #[test]
    fn every_key_used_in_the_code_is_in_every_language() {
        let used = keys_used_in_code();
        assert!(!used.is_empty());
        for lang in available() {
            let have = keys_of(&lang);
            let missing: Vec<_> = used.difference(&have).collect();
            assert!(
                missing.is_empty(),
                "{lang} lacks keys used in the code: {missing:?}"
            );
        }
    }

    #[test]
    fn no_language_holds_a_key_english_lacks() {
        let english = keys_of(&lang(FALLBACK));
        for lang in available() {
            let extra: Vec<_> = keys_of(&lang).difference(&english).cloned().collect();
            assert!(extra.is_empty(), "{lang} has keys en-US lacks: {extra:?}");
        }
    }
}
