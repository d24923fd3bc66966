//! Every user-visible string comes from here.
//!
//! Messages live in Fluent files, `i18n/<locale>/tidings.ftl`, embedded in the binary. The
//! language is the system's when Tidings ships it (else the closest one with the same
//! language subtag), falling back to en-US, and can be switched at run time. A key missing in
//! the chosen language falls back to en-US, so a half-finished translation never shows a key.
//!
//! Use the [`tr!`](crate::tr) macro: `tr!("welcome-title")`, `tr!("unread-count", count = 3)`.

use std::cell::RefCell;
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

thread_local! {
    /// A language that wins over [`CURRENT`] on this thread only, set by [`with_language`].
    static OVERRIDE: RefCell<Option<Arc<Localizer>>> = const { RefCell::new(None) };
}

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
    if let Some(localizer) = OVERRIDE.with(|o| o.borrow().clone()) {
        return localizer;
    }
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

/// Runs `f` with every message formatted on this thread in `requested` (negotiated as
/// [`set_language`] does), then goes back to the language before. Other threads keep theirs:
/// text for one language can be made while the window shows another, and tests can check
/// each language side by side without switching it under tests running in parallel.
pub fn with_language<R>(requested: &LanguageIdentifier, f: impl FnOnce() -> R) -> R {
    /// Puts the previous language back even when `f` panics.
    struct Restore(Option<Arc<Localizer>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            OVERRIDE.with(|o| *o.borrow_mut() = previous);
        }
    }
    let localizer = Arc::new(Localizer::new(&negotiate(std::slice::from_ref(requested))));
    let _restore = Restore(OVERRIDE.with(|o| o.borrow_mut().replace(localizer)));
    f()
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

/// A language's own name for itself ("Deutsch", "日本語"), as a language picker lists it; the
/// tag for a language Tidings does not ship.
pub fn native_name(lang: &LanguageIdentifier) -> String {
    if !available().contains(lang) {
        return lang.to_string();
    }
    Localizer::new(lang).format("language-name", None)
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

/// The chrono locale for a language, for month and day names.
fn chrono_locale(lang: &LanguageIdentifier) -> chrono::Locale {
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

impl Localizer {
    /// Formats a date with the strftime pattern under `key` in the Fluent files (so each
    /// language picks its own order), with month and day names in this language. A pattern
    /// chrono cannot follow gives RFC 3339 rather than a panic. The pattern gets the day of
    /// the month as `$day`, for languages that write one day differently ("1er", "1º").
    fn format_date<Tz: chrono::TimeZone>(&self, key: &str, date: &chrono::DateTime<Tz>) -> String
    where
        Tz::Offset: std::fmt::Display,
    {
        use chrono::Datelike;
        use std::fmt::Write;
        let pattern = self.format(key, Some(&args_with("day", date.day())));
        let mut text = String::new();
        let formatted = date.format_localized(&pattern, chrono_locale(&self.language));
        if write!(text, "{formatted}").is_err() {
            tracing::warn!(key, pattern, "a date pattern is not valid strftime");
            return date.to_rfc3339();
        }
        text
    }

    fn format_list_date(
        &self,
        date: &chrono::DateTime<chrono::Local>,
        now: &chrono::DateTime<chrono::Local>,
    ) -> String {
        use chrono::Datelike;
        let key = if date.date_naive() == now.date_naive() {
            "date-format-time"
        } else if date.year() == now.year() {
            "date-format-day-month"
        } else {
            "date-format-date"
        };
        self.format_date(key, date)
    }

    fn format_size(&self, bytes: u64) -> String {
        const UNITS: [(u64, &str); 3] = [
            (1024 * 1024 * 1024, "size-gb"),
            (1024 * 1024, "size-mb"),
            (1024, "size-kb"),
        ];
        for (unit, key) in UNITS {
            if bytes >= unit {
                let value = bytes as f64 / unit as f64;
                let text = if value < 10.0 {
                    format!("{value:.1}")
                        .replace('.', &self.format("number-decimal-separator", None))
                } else {
                    format!("{value:.0}")
                };
                return self.format(key, Some(&args_with("size", text)));
            }
        }
        self.format("size-bytes", Some(&args_with("count", bytes)))
    }
}

/// A date as a message list shows it: the time today, day and month this year, the full
/// date before.
pub fn format_list_date(
    date: &chrono::DateTime<chrono::Local>,
    now: &chrono::DateTime<chrono::Local>,
) -> String {
    current().format_list_date(date, now)
}

/// A time of day ("9:05 AM", "09:05"), in the date's own time zone.
pub fn format_time<Tz: chrono::TimeZone>(date: &chrono::DateTime<Tz>) -> String
where
    Tz::Offset: std::fmt::Display,
{
    current().format_date("date-format-time", date)
}

/// A date and time in full, as the reader's header shows it, in the date's own time zone.
pub fn format_full_date<Tz: chrono::TimeZone>(date: &chrono::DateTime<Tz>) -> String
where
    Tz::Offset: std::fmt::Display,
{
    current().format_date("date-format-full", date)
}

/// A date and time as a reply's attribution line says it ("On Tue, Jul 1, 2025 at
/// 10:52 AM, Bob wrote:", "Am 1. Juli 2025 um 10:52 schrieb Bob:"), in the date's own zone.
pub fn format_attribution_date<Tz: chrono::TimeZone>(date: &chrono::DateTime<Tz>) -> String
where
    Tz::Offset: std::fmt::Display,
{
    current().format_date("date-format-attribution", date)
}

/// An RFC 3339 timestamp (as certificates' validity is kept) as a date and time without the
/// weekday, in local time; the text itself when it is not RFC 3339 (a certificate whose
/// dates could not be read).
pub fn format_timestamp(rfc3339: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(rfc3339) {
        Ok(date) => current().format_date("date-format-long", &date.with_timezone(&chrono::Local)),
        Err(_) => rfc3339.to_owned(),
    }
}

/// A size in bytes as people read it: 512 bytes, 1.4 KB, 23 MB, with the language's decimal
/// separator and units.
pub fn format_size(bytes: u64) -> String {
    current().format_size(bytes)
}

fn args_with<'a>(name: &'a str, value: impl Into<FluentValue<'a>>) -> FluentArgs<'a> {
    let mut args = FluentArgs::new();
    args.set(name, value);
    args
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use chrono::TimeZone;
    use fluent_syntax::ast;

    use super::*;

    fn lang(s: &str) -> LanguageIdentifier {
        s.parse().unwrap()
    }

    fn english() -> Localizer {
        Localizer::new(&lang(FALLBACK))
    }

    fn local(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> chrono::DateTime<chrono::Local> {
        chrono::Local.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
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
    fn the_six_languages_are_shipped() {
        let shipped: Vec<String> = available().iter().map(|l| l.to_string()).collect();
        assert_eq!(shipped, ["en-US", "de", "es", "fr", "ja", "pt-BR"]);
    }

    #[test]
    fn languages_are_named_in_themselves() {
        let names: Vec<String> = available().iter().map(native_name).collect();
        assert_eq!(
            names,
            [
                "English (US)",
                "Deutsch",
                "Español",
                "Français",
                "日本語",
                "Português (Brasil)"
            ]
        );
        assert_eq!(native_name(&lang("nl-NL")), "nl-NL");
    }

    #[test]
    fn system_locales_choose_the_shipped_language() {
        let chosen = |posix: &str| {
            let requested: Vec<_> = parse_posix_locale(posix).into_iter().collect();
            negotiate(&requested).to_string()
        };
        assert_eq!(chosen("de_DE.UTF-8"), "de");
        assert_eq!(chosen("de_AT.UTF-8"), "de");
        assert_eq!(chosen("fr_CA.UTF-8"), "fr");
        assert_eq!(chosen("es_MX.UTF-8"), "es");
        assert_eq!(chosen("pt_BR.UTF-8"), "pt-BR");
        assert_eq!(chosen("pt_PT.UTF-8"), "pt-BR");
        assert_eq!(chosen("ja_JP.UTF-8"), "ja");
        assert_eq!(chosen("en_GB.UTF-8"), "en-US");
        assert_eq!(chosen("nl_NL.UTF-8"), "en-US");
        assert_eq!(chosen("C.UTF-8"), "en-US");
        // The first shipped one of several wins.
        assert_eq!(
            negotiate(&[lang("nl"), lang("fr-BE"), lang("de")]),
            lang("fr")
        );
    }

    #[test]
    fn sizes_read_naturally() {
        let l = english();
        assert_eq!(l.format_size(512), "512 bytes");
        assert_eq!(l.format_size(1), "1 byte");
        assert_eq!(l.format_size(1536), "1.5 KB");
        assert_eq!(l.format_size(23 * 1024 * 1024 + 5), "23 MB");
    }

    #[test]
    fn list_dates_depend_on_how_old_they_are() {
        let l = english();
        let now = local(2026, 11, 26, 15, 0);
        assert_eq!(
            l.format_list_date(&local(2026, 11, 26, 9, 5), &now),
            "9:05 AM"
        );
        assert_eq!(l.format_list_date(&local(2026, 3, 2, 9, 5), &now), "Mar 2");
        assert_eq!(
            l.format_list_date(&local(2024, 3, 2, 9, 5), &now),
            "3/2/2024"
        );
        assert_eq!(
            l.format_date("date-format-full", &local(2024, 3, 2, 9, 5)),
            "Saturday, March 2, 2024 at 9:05 AM"
        );
    }

    #[test]
    fn dates_and_sizes_follow_the_language() {
        let now = local(2026, 11, 26, 15, 0);
        let today = local(2026, 11, 26, 9, 5);
        let this_year = local(2026, 3, 2, 9, 5);
        let old = local(2024, 3, 2, 9, 5);
        // (language, today, this year, years ago, in full, 1.5 KiB, 23 MiB, 512 bytes)
        let cases = [
            (
                "de",
                "09:05",
                "02.03.",
                "02.03.2024",
                "Samstag, 2. März 2024 um 09:05",
                "1,5 KB",
                "23 MB",
                "512 Bytes",
            ),
            (
                "fr",
                "09:05",
                "2 mars",
                "02/03/2024",
                "samedi 2 mars 2024 à 09:05",
                "1,5 Ko",
                "23 Mo",
                "512 octets",
            ),
            (
                "es",
                "09:05",
                "2 mar",
                "02/03/2024",
                "sábado, 2 de marzo de 2024, 09:05",
                "1,5 KB",
                "23 MB",
                "512 bytes",
            ),
            (
                "pt-BR",
                "09:05",
                "2 de mar",
                "02/03/2024",
                "sábado, 2 de março de 2024, às 09:05",
                "1,5 KB",
                "23 MB",
                "512 bytes",
            ),
            (
                "ja",
                "9:05",
                "3月2日",
                "2024/03/02",
                "2024年3月2日(土) 9:05",
                "1.5 KB",
                "23 MB",
                "512 バイト",
            ),
        ];
        for (tag, time, day_month, date, full, kb, mb, bytes) in cases {
            let l = Localizer::new(&lang(tag));
            assert_eq!(l.format_list_date(&today, &now), time, "{tag}");
            assert_eq!(l.format_list_date(&this_year, &now), day_month, "{tag}");
            assert_eq!(l.format_list_date(&old, &now), date, "{tag}");
            assert_eq!(l.format_date("date-format-full", &old), full, "{tag}");
            assert_eq!(l.format_size(1536), kb, "{tag}");
            assert_eq!(l.format_size(23 * 1024 * 1024 + 5), mb, "{tag}");
            assert_eq!(l.format_size(512), bytes, "{tag}");
        }
    }

    #[test]
    fn a_time_of_day_is_written_as_the_language_does() {
        let at = local(2026, 11, 26, 21, 5);
        let time = |tag: &str| with_language(&lang(tag), || format_time(&at));
        assert_eq!(time("en-US"), "9:05 PM");
        assert_eq!(time("de"), "21:05");
        assert_eq!(time("ja"), "21:05");
    }

    #[test]
    fn french_and_portuguese_write_the_first_of_the_month_as_an_ordinal() {
        let l = Localizer::new(&lang("fr"));
        let first = local(2025, 7, 1, 10, 52);
        let second = local(2025, 7, 2, 10, 52);
        assert_eq!(
            l.format_date("date-format-full", &first),
            "mardi 1er juillet 2025 à 10:52"
        );
        assert_eq!(
            l.format_date("date-format-full", &second),
            "mercredi 2 juillet 2025 à 10:52"
        );
        assert_eq!(
            l.format_date("date-format-long", &first),
            "1er juillet 2025 à 10:52"
        );
        assert_eq!(
            l.format_list_date(&first, &local(2025, 11, 26, 15, 0)),
            "1er juil."
        );
        // Brazilian Portuguese writes the ordinal for the first too.
        assert_eq!(
            Localizer::new(&lang("pt-BR")).format_date("date-format-long", &first),
            "1º de julho de 2025 às 10:52"
        );
    }

    #[test]
    fn plurals_pick_each_languages_form() {
        let count = |tag: &str, key: &str, n: u64| {
            Localizer::new(&lang(tag)).format(key, Some(&args_with("count", n)))
        };
        assert_eq!(count("en-US", "size-bytes", 0), "0 bytes");
        assert_eq!(count("de", "size-bytes", 1), "1 Byte");
        assert_eq!(count("de", "size-bytes", 2), "2 Bytes");
        assert_eq!(count("de", "size-bytes", 0), "0 Bytes");
        // French and Brazilian Portuguese say 0 in the singular, Spanish does not.
        assert_eq!(count("fr", "size-bytes", 0), "0 octet");
        assert_eq!(count("fr", "size-bytes", 1), "1 octet");
        assert_eq!(count("fr", "size-bytes", 2), "2 octets");
        assert_eq!(count("es", "size-bytes", 0), "0 bytes");
        assert_eq!(count("es", "size-bytes", 1), "1 byte");
        assert_eq!(
            count("pt-BR", "cli-outbox-left", 0),
            "0 mensagem ainda está na caixa de saída."
        );
        assert_eq!(
            count("pt-BR", "cli-outbox-left", 3),
            "3 mensagens ainda estão na caixa de saída."
        );
        assert_eq!(
            count("de", "cli-outbox-left", 1),
            "Eine Nachricht ist noch im Postausgang."
        );
        assert_eq!(
            count("de", "cli-outbox-left", 2),
            "2 Nachrichten sind noch im Postausgang."
        );
        // Japanese has one form for every number.
        assert_eq!(count("ja", "size-bytes", 1), "1 バイト");
        assert_eq!(count("ja", "size-bytes", 2), "2 バイト");
        assert_eq!(
            count("ja", "cli-outbox-left", 1),
            "送信トレイにまだ 1 件のメッセージがあります。"
        );
    }

    #[test]
    fn counts_read_right_with_one_and_with_two() {
        let say = |tag: &str, key: &str, args: &[(&str, i64)]| {
            let mut fluent = FluentArgs::new();
            for (name, value) in args {
                fluent.set(*name, *value);
            }
            fluent.set("name", "Inbox");
            fluent.set("account", "Work");
            fluent.set("folder", "Inbox");
            fluent.set("host", "pop.example.test");
            Localizer::new(&lang(tag)).format(key, Some(&fluent))
        };
        let folder = |n| [("total", n), ("unread", n)];
        assert_eq!(
            say("en-US", "cli-folder-line", &folder(1)),
            "Inbox  (1 message, 1 unread)"
        );
        assert_eq!(
            say("en-US", "cli-folder-line", &folder(2)),
            "Inbox  (2 messages, 2 unread)"
        );
        assert_eq!(
            say("fr", "cli-folder-line", &folder(1)),
            "Inbox  (1 message, 1 non lu)"
        );
        assert_eq!(
            say("es", "cli-folder-line", &folder(2)),
            "Inbox  (2 mensajes, 2 no leídos)"
        );
        assert_eq!(
            say("en-US", "account-removed-mail-kept", &[("messages", 1)]),
            "Removed the account “Inbox”; its downloaded message was kept."
        );
        assert_eq!(
            say("en-US", "account-removed-mail-deleted", &[("messages", 2)]),
            "Removed the account “Inbox” and its 2 messages on this computer."
        );
        let summary = |n| {
            [
                ("folders", n),
                ("new", n),
                ("removed", n),
                ("flags", n),
                ("bodies", n),
                ("replayed", n),
                ("failed", 0),
            ]
        };
        assert_eq!(
            say("en-US", "cli-sync-imap-summary", &summary(1)),
            "Work: 1 folder, 1 new, 1 removed, 1 changed on the server, 1 downloaded; \
             1 offline change sent."
        );
        assert_eq!(
            say("fr", "cli-sync-imap-summary", &summary(1)),
            "Work\u{a0}: 1 dossier, 1 nouveau, 1 supprimé, 1 modifié sur le serveur, \
             1 téléchargé\u{a0}; 1 modification hors connexion envoyée."
        );
        assert_eq!(
            say("pt-BR", "cli-sync-imap-summary", &summary(2)),
            "Work: 2 pastas, 2 novas, 2 removidas, 2 alteradas no servidor, 2 baixadas; \
             2 alterações off-line enviadas."
        );
        assert_eq!(
            say("de", "error-pop3-timeout", &[("seconds", 1)]),
            "pop.example.test hat 1 Sekunde lang nicht mehr geantwortet. Es ist nichts \
             verloren gegangen; Tidings versucht es erneut."
        );
        assert_eq!(
            say("de", "status-sync-headers", &[("done", 1), ("total", 1)]),
            "Work: Inbox, 1 von 1 Nachricht"
        );
        assert_eq!(
            say("es", "imap-change-conflict", &[("count", 1), ("total", 3)]),
            "1 de 3 mensajes de «Inbox» ya no está en el servidor (se eliminó o se movió a \
             otro sitio); el cambio se aplicó a los demás. Tu copia local se conserva."
        );
        assert_eq!(
            say(
                "en-US",
                "imap-change-conflict",
                &[("count", 1), ("total", 1)]
            ),
            "The message in “Inbox” is no longer on the server (deleted or moved elsewhere). \
             Your copy here is kept."
        );
        assert_eq!(
            say("pt-BR", "keyring-ambiguous", &[("count", 2)]),
            "o chaveiro tem 2 senhas para esta conta"
        );
    }

    #[test]
    fn english_messages_format_with_arguments() {
        let l = english();
        assert_eq!(l.format("app-name", None), "Tidings");
        let mut args = FluentArgs::new();
        args.set("command", "sync");
        assert!(l.format("cli-not-available", Some(&args)).contains("sync"));
    }

    fn source_of(lang: &LanguageIdentifier) -> String {
        let file = Files::get(&format!("{lang}/{FILE}")).unwrap();
        String::from_utf8(file.data.into_owned()).unwrap()
    }

    fn resource_of(lang: &LanguageIdentifier) -> FluentResource {
        FluentResource::try_new(source_of(lang))
            .unwrap_or_else(|(_, e)| panic!("{lang}/{FILE} has syntax errors: {e:?}"))
    }

    /// The messages of a language, by key.
    fn messages_of(
        resource: &FluentResource,
    ) -> std::collections::BTreeMap<String, &ast::Message<&str>> {
        resource
            .entries()
            .filter_map(|e| match e {
                ast::Entry::Message(m) => Some((m.id.name.to_owned(), m)),
                _ => None,
            })
            .collect()
    }

    fn keys_of(lang: &LanguageIdentifier) -> BTreeSet<String> {
        messages_of(&resource_of(lang)).into_keys().collect()
    }

    /// The variables a pattern refers to, in any variant.
    fn variables(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
        fn inline(e: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
            match e {
                ast::InlineExpression::VariableReference { id } => {
                    out.insert(id.name.to_owned());
                }
                ast::InlineExpression::FunctionReference { arguments, .. } => {
                    for a in &arguments.positional {
                        inline(a, out);
                    }
                    for a in &arguments.named {
                        inline(&a.value, out);
                    }
                }
                ast::InlineExpression::Placeable { expression } => expr(expression, out),
                _ => {}
            }
        }
        fn expr(e: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
            match e {
                ast::Expression::Select { selector, variants } => {
                    inline(selector, out);
                    for v in variants {
                        variables(&v.value, out);
                    }
                }
                ast::Expression::Inline(e) => inline(e, out),
            }
        }
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                expr(expression, out);
            }
        }
    }

    /// The variant keys of every select expression in a pattern that are not numbers.
    fn category_keys(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable {
                expression: ast::Expression::Select { variants, .. },
            } = element
            {
                for v in variants {
                    if let ast::VariantKey::Identifier { name } = &v.key {
                        out.insert((*name).to_owned());
                    }
                    category_keys(&v.value, out);
                }
            }
        }
    }

    /// The keys given to `tr!` in Rust source text; the key may be on the line after `tr!(`.
    fn tr_keys(text: &str) -> Vec<String> {
        // Comments show examples, not keys.
        let code: Vec<&str> = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect();
        let code = code.join("\n");
        code.match_indices("tr!(")
            .filter_map(|(i, _)| {
                let rest = code[i + 4..].trim_start().strip_prefix('"')?;
                let key = &rest[..rest.find('"')?];
                // A Fluent identifier, not the `tr!("` this scanner itself searches for.
                let valid = key.starts_with(|c: char| c.is_ascii_alphabetic())
                    && key
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
                valid.then(|| key.to_owned())
            })
            .collect()
    }

    /// Every key given to `tr!` in the sources, found by reading them.
    fn keys_used_in_code() -> BTreeSet<String> {
        fn walk(dir: &std::path::Path, out: &mut BTreeSet<String>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.extend(tr_keys(&std::fs::read_to_string(&path).unwrap()));
                }
            }
        }
        let mut keys = BTreeSet::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut keys,
        );
        keys
    }

    #[test]
    fn keys_are_found_on_the_next_line_too() {
        let code = "let a = tr!(\"one-line\", x = 1);\n\
                    let b = tr!(\n        \"next-line\",\n        y = 2\n    );\n\
                    // tr!(\"in-a-comment\")\n\
                    let c = tr!(key);";
        assert_eq!(tr_keys(code), ["one-line", "next-line"]);
    }

    #[test]
    fn every_language_parses_without_errors() {
        for lang in available() {
            let resource = FluentResource::try_new(source_of(&lang))
                .unwrap_or_else(|(_, e)| panic!("{lang}/{FILE} has syntax errors: {e:?}"));
            let mut bundle = FluentBundle::new_concurrent(vec![lang.clone()]);
            if let Err(errors) = bundle.add_resource(resource) {
                panic!("{lang}/{FILE} defines keys twice: {errors:?}");
            }
        }
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
    fn every_language_translates_every_english_key() {
        let english = keys_of(&lang(FALLBACK));
        for lang in available() {
            let missing: Vec<_> = english.difference(&keys_of(&lang)).cloned().collect();
            assert!(
                missing.is_empty(),
                "{lang} lacks keys en-US has: {missing:?}"
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

    #[test]
    fn every_message_uses_the_variables_english_gives_it() {
        let english = resource_of(&lang(FALLBACK));
        let english = messages_of(&english);
        for lang in available() {
            let resource = resource_of(&lang);
            for (key, message) in messages_of(&resource) {
                let (Some(theirs), Some(ours)) = (
                    message.value.as_ref(),
                    english.get(&key).and_then(|m| m.value.as_ref()),
                ) else {
                    continue;
                };
                let (mut want, mut have) = (BTreeSet::new(), BTreeSet::new());
                variables(ours, &mut want);
                variables(theirs, &mut have);
                // Every date pattern may choose by the day ("1er" in French).
                if key.starts_with("date-format-") {
                    have.remove("day");
                }
                assert_eq!(have, want, "{lang}: {key} uses other variables than en-US");
            }
        }
    }

    #[test]
    fn every_message_formats_without_errors() {
        let english = resource_of(&lang(FALLBACK));
        let english = messages_of(&english);
        for lang in available() {
            let l = Localizer::new(&lang);
            let bundle = &l.bundles[0];
            for (key, message) in &english {
                let Some(value) = message.value.as_ref() else {
                    continue;
                };
                let mut names = BTreeSet::new();
                variables(value, &mut names);
                if key.starts_with("date-format-") {
                    names.insert("day".to_owned());
                }
                // Numbers that reach every plural form and exact-number variant, then text.
                let values: [FluentValue; 6] = [
                    0.into(),
                    1.into(),
                    2.into(),
                    5.into(),
                    1000.into(),
                    "text".into(),
                ];
                for v in values {
                    let mut args = FluentArgs::new();
                    for name in &names {
                        args.set(name.as_str(), v.clone());
                    }
                    let pattern = bundle
                        .get_message(key)
                        .and_then(|m| m.value())
                        .unwrap_or_else(|| panic!("{lang} lacks {key}"));
                    let mut errors = Vec::new();
                    let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
                    assert!(errors.is_empty(), "{lang}: {key}: {errors:?}");
                    assert!(!text.trim().is_empty(), "{lang}: {key} is empty");
                }
            }
        }
    }

    /// The literal text of a pattern, in every variant, without its placeables.
    fn texts<'a>(pattern: &ast::Pattern<&'a str>, out: &mut Vec<&'a str>) {
        for element in &pattern.elements {
            match element {
                ast::PatternElement::TextElement { value } => out.push(value),
                ast::PatternElement::Placeable {
                    expression: ast::Expression::Select { variants, .. },
                } => {
                    for v in variants {
                        texts(&v.value, out);
                    }
                }
                ast::PatternElement::Placeable { .. } => {}
            }
        }
    }

    #[test]
    fn french_puts_a_no_break_space_before_high_punctuation() {
        // French typography: a space before : ; ! ? and inside « », one that never breaks
        // the line there. Placeables are not looked at; "mailto:" or "https://" have none.
        let resource = resource_of(&lang("fr"));
        let mut wrong = Vec::new();
        for (key, message) in messages_of(&resource) {
            let mut parts = Vec::new();
            if let Some(value) = &message.value {
                texts(value, &mut parts);
            }
            for text in parts {
                let chars: Vec<char> = text.chars().collect();
                for pair in chars.windows(2) {
                    let bad = (pair[0] == ' ' && matches!(pair[1], ':' | ';' | '!' | '?' | '»'))
                        || (pair[0] == '«' && pair[1] == ' ');
                    if bad {
                        wrong.push(format!("{key}: “{text}”"));
                    }
                }
            }
        }
        assert!(
            wrong.is_empty(),
            "a normal space where a no-break one belongs:\n{}",
            wrong.join("\n")
        );
    }

    #[test]
    fn a_language_can_be_chosen_for_one_thread() {
        let english = message("welcome-add-account", None);
        let german = with_language(&lang("de"), || {
            // Nested calls put back the language around them.
            let japanese = with_language(&lang("ja"), || language().to_string());
            assert_eq!(japanese, "ja");
            message("welcome-add-account", None)
        });
        assert_eq!(
            german,
            Localizer::new(&lang("de")).format("welcome-add-account", None)
        );
        assert_ne!(german, english);
        assert_eq!(message("welcome-add-account", None), english);
        // Another thread keeps the process's language.
        let other = with_language(&lang("fr"), || {
            std::thread::spawn(|| message("welcome-add-account", None))
                .join()
                .unwrap()
        });
        assert_eq!(other, english);
    }

    /// The variables the code passes a count of something in.
    const COUNTS: &[&str] = &[
        "count",
        "total",
        "done",
        "messages",
        "unread",
        "failed",
        "downloaded",
        "tried",
        "seconds",
        "replayed",
        "removed",
        "new",
        "left",
        "folders",
        "flags",
        "deleted",
        "bodies",
        "expected",
        "actual",
    ];

    /// Counts that no word agrees with, in the languages named: (languages, key, variable).
    /// "3 of 40 messages" agrees with 40 only; English and German participles ("5 removed",
    /// "5 entfernt") do not change with the number, French, Spanish and Portuguese ones do.
    const NUMBER_NEUTRAL: &[(&[&str], &str, &str)] = &[
        (&["*"], "status-sync-headers", "done"),
        (&["*"], "status-sync-bodies", "done"),
        (&["*"], "status-sync-download", "done"),
        (&["*"], "status-sync-replay", "done"),
        (&["*"], "status-sync-send", "done"),
        (&["*"], "status-sync-send", "total"),
        // "takes 2 values, not 3".
        (&["*"], "cli-parse-wrong-number", "actual"),
        (&["en-US", "de"], "cli-sync-imap-summary", "new"),
        (&["en-US", "de"], "cli-sync-imap-summary", "removed"),
        (&["en-US", "de"], "cli-sync-imap-summary", "flags"),
        (&["en-US", "de"], "cli-sync-imap-summary", "bodies"),
        (&["en-US", "de"], "cli-sync-imap-summary", "failed"),
        (&["en-US", "de"], "cli-folder-line", "unread"),
        (&["en-US", "de"], "cli-folder-line-role", "unread"),
        (&["en-US", "de"], "sync-pop3-done", "deleted"),
        (&["en-US", "de"], "sync-pop3-done", "left"),
        // "1 Ordner", "2 Ordner"; "1 en échec", "1 com falha": the same in both numbers.
        (&["de"], "cli-sync-imap-summary", "folders"),
        (&["fr", "pt-BR"], "cli-sync-imap-summary", "failed"),
    ];

    /// The count variables a pattern shows outside a select on that same variable.
    fn unselected_counts(
        pattern: &ast::Pattern<&str>,
        selected: &BTreeSet<String>,
        out: &mut BTreeSet<String>,
    ) {
        fn selector_name(e: &ast::InlineExpression<&str>) -> Option<String> {
            match e {
                ast::InlineExpression::VariableReference { id } => Some(id.name.to_owned()),
                // NUMBER($n, ...) -> [one] ...
                ast::InlineExpression::FunctionReference { arguments, .. } => {
                    arguments.positional.first().and_then(selector_name)
                }
                _ => None,
            }
        }
        fn inline(
            e: &ast::InlineExpression<&str>,
            selected: &BTreeSet<String>,
            out: &mut BTreeSet<String>,
        ) {
            match e {
                ast::InlineExpression::VariableReference { id }
                    if COUNTS.contains(&id.name) && !selected.contains(id.name) =>
                {
                    out.insert(id.name.to_owned());
                }
                ast::InlineExpression::FunctionReference { arguments, .. } => {
                    for a in &arguments.positional {
                        inline(a, selected, out);
                    }
                }
                ast::InlineExpression::Placeable { expression } => expr(expression, selected, out),
                _ => {}
            }
        }
        fn expr(
            e: &ast::Expression<&str>,
            selected: &BTreeSet<String>,
            out: &mut BTreeSet<String>,
        ) {
            match e {
                ast::Expression::Select { selector, variants } => {
                    // Only a select with a singular variant chooses a plural form; "[0] ...
                    // *[other] ..." still says "1 messages".
                    let singular = variants.iter().any(|v| match &v.key {
                        ast::VariantKey::Identifier { name } => *name == "one",
                        ast::VariantKey::NumberLiteral { value } => *value == "1",
                    });
                    let mut inner = selected.clone();
                    if singular {
                        inner.extend(selector_name(selector));
                    }
                    for v in variants {
                        unselected_counts(&v.value, &inner, out);
                    }
                }
                ast::Expression::Inline(e) => inline(e, selected, out),
            }
        }
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                expr(expression, selected, out);
            }
        }
    }

    #[test]
    fn counts_choose_a_plural_form_wherever_the_language_has_several() {
        let mut wrong = Vec::new();
        for lang in available() {
            // Japanese counts with one form for every number.
            if lang.language.as_str() == "ja" {
                continue;
            }
            let tag = lang.to_string();
            let resource = resource_of(&lang);
            for (key, message) in messages_of(&resource) {
                let Some(value) = &message.value else {
                    continue;
                };
                let mut counts = BTreeSet::new();
                unselected_counts(value, &BTreeSet::new(), &mut counts);
                for var in counts {
                    let neutral = NUMBER_NEUTRAL.iter().any(|(langs, k, v)| {
                        *k == key
                            && *v == var
                            && (langs.contains(&"*") || langs.contains(&tag.as_str()))
                    });
                    if !neutral {
                        wrong.push(format!(
                            "{tag}: {key} shows ${var} without a plural selector"
                        ));
                    }
                }
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn plural_variants_are_the_languages_own_categories() {
        // CLDR cardinal categories for integers (what the bundled plural rules know).
        let categories = |lang: &LanguageIdentifier| -> &'static [&'static str] {
            match lang.language.as_str() {
                "ja" => &["other"],
                _ => &["one", "other"],
            }
        };
        for lang in available() {
            let resource = resource_of(&lang);
            for (key, message) in messages_of(&resource) {
                let mut keys = BTreeSet::new();
                if let Some(value) = &message.value {
                    category_keys(value, &mut keys);
                }
                for k in keys {
                    assert!(
                        categories(&lang).contains(&k.as_str()),
                        "{lang}: {key} has a variant [{k}] the language does not use"
                    );
                }
            }
        }
    }
}
