//! Message flags: the IMAP system flags as a small bit set, keywords as strings.

use serde::{Deserialize, Serialize};

/// The system flags of RFC 9051 §2.3.2 that Tidings tracks (`\Recent` is session-only and
/// not stored). The bit values are part of the schema: `SEEN` must stay bit 0, the unread
/// index depends on it.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Flags(u8);

impl Flags {
    pub const SEEN: Flags = Flags(1);
    pub const ANSWERED: Flags = Flags(2);
    pub const FLAGGED: Flags = Flags(4);
    pub const DELETED: Flags = Flags(8);
    pub const DRAFT: Flags = Flags(16);

    const ALL: [(Flags, &'static str, &'static str); 5] = [
        (Flags::SEEN, "seen", "\\Seen"),
        (Flags::FLAGGED, "flagged", "\\Flagged"),
        (Flags::ANSWERED, "answered", "\\Answered"),
        (Flags::DRAFT, "draft", "\\Draft"),
        (Flags::DELETED, "deleted", "\\Deleted"),
    ];

    pub const fn empty() -> Self {
        Flags(0)
    }

    pub const fn bits(self) -> u8 {
        self.0
    }

    /// From stored bits; unknown bits are dropped.
    pub const fn from_bits(bits: u8) -> Self {
        Flags(bits & 31)
    }

    pub const fn contains(self, other: Flags) -> bool {
        self.0 & other.0 == other.0
    }

    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn insert(&mut self, other: Flags) {
        self.0 |= other.0;
    }

    pub fn remove(&mut self, other: Flags) {
        self.0 &= !other.0;
    }

    #[must_use]
    pub const fn with(self, other: Flags) -> Flags {
        Flags(self.0 | other.0)
    }

    #[must_use]
    pub const fn without(self, other: Flags) -> Flags {
        Flags(self.0 & !other.0)
    }

    /// The JSON names (`seen`, `flagged`, `answered`, `draft`, `deleted`) of the set flags.
    pub fn names(self) -> Vec<&'static str> {
        Self::ALL
            .iter()
            .filter(|(f, _, _)| self.contains(*f))
            .map(|(_, name, _)| *name)
            .collect()
    }

    /// The IMAP atoms (`\Seen` ...) of the set flags.
    pub fn imap_atoms(self) -> Vec<&'static str> {
        Self::ALL
            .iter()
            .filter(|(f, _, _)| self.contains(*f))
            .map(|(_, _, atom)| *atom)
            .collect()
    }

    /// One IMAP system flag (`\Seen`, case-insensitive), or `None` for keywords and `\Recent`.
    pub fn from_imap(atom: &str) -> Option<Flags> {
        Self::ALL
            .iter()
            .find(|(_, _, a)| a.eq_ignore_ascii_case(atom))
            .map(|(f, _, _)| *f)
    }

    /// Splits IMAP flag atoms into system flags and keywords (`\Recent` is dropped).
    pub fn parse_imap<'a>(atoms: impl IntoIterator<Item = &'a str>) -> (Flags, Vec<String>) {
        let mut flags = Flags::empty();
        let mut keywords = Vec::new();
        for atom in atoms {
            if let Some(f) = Flags::from_imap(atom) {
                flags.insert(f);
            } else if !atom.starts_with('\\') {
                keywords.push(atom.to_owned());
            }
        }
        (flags, keywords)
    }
}

impl std::ops::BitOr for Flags {
    type Output = Flags;
    fn bitor(self, rhs: Flags) -> Flags {
        Flags(self.0 | rhs.0)
    }
}

impl std::fmt::Debug for Flags {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.names()).finish()
    }
}

impl Serialize for Flags {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.names().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Flags {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let names = Vec::<String>::deserialize(d)?;
        let mut flags = Flags::empty();
        for name in names {
            let f = Self::ALL
                .iter()
                .find(|(_, n, _)| *n == name)
                .ok_or_else(|| serde::de::Error::custom(format!("unknown flag {name:?}")))?;
            flags.insert(f.0);
        }
        Ok(flags)
    }
}

/// One flag to add or remove, as a queued change carries it (replayed as `+FLAGS`/`-FLAGS`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Flag {
    Seen,
    Answered,
    Flagged,
    Deleted,
    Draft,
    Keyword(String),
}

impl Flag {
    /// The IMAP atom to send: `\Seen` or the keyword itself.
    pub fn imap_atom(&self) -> &str {
        match self {
            Flag::Seen => "\\Seen",
            Flag::Answered => "\\Answered",
            Flag::Flagged => "\\Flagged",
            Flag::Deleted => "\\Deleted",
            Flag::Draft => "\\Draft",
            Flag::Keyword(k) => k,
        }
    }

    /// The system flags of a set, one `Flag` each.
    pub fn list(flags: Flags) -> Vec<Flag> {
        [
            (Flags::SEEN, Flag::Seen),
            (Flags::ANSWERED, Flag::Answered),
            (Flags::FLAGGED, Flag::Flagged),
            (Flags::DELETED, Flag::Deleted),
            (Flags::DRAFT, Flag::Draft),
        ]
        .into_iter()
        .filter(|(f, _)| flags.contains(*f))
        .map(|(_, flag)| flag)
        .collect()
    }
}

/// Keywords are kept space-separated (IMAP atoms never contain spaces).
pub(crate) fn join_keywords(keywords: &[String]) -> String {
    let mut k: Vec<&str> = keywords
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    k.sort_unstable();
    k.dedup();
    k.join(" ")
}

pub(crate) fn split_keywords(stored: &str) -> Vec<String> {
    stored.split_whitespace().map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imap_atoms_round_trip() {
        let (flags, keywords) = Flags::parse_imap(["\\Seen", "\\FLAGGED", "\\Recent", "$Label1"]);
        assert_eq!(flags, Flags::SEEN | Flags::FLAGGED);
        assert_eq!(keywords, vec!["$Label1".to_owned()]);
        assert_eq!(flags.imap_atoms(), vec!["\\Seen", "\\Flagged"]);
        assert_eq!(flags.names(), vec!["seen", "flagged"]);
    }

    #[test]
    fn json_is_an_array_of_names() {
        let json = serde_json::to_string(&(Flags::SEEN | Flags::DRAFT)).unwrap();
        assert_eq!(json, r#"["seen","draft"]"#);
        let back: Flags = serde_json::from_str(&json).unwrap();
        assert_eq!(back, Flags::SEEN | Flags::DRAFT);
        assert!(serde_json::from_str::<Flags>(r#"["bogus"]"#).is_err());
    }

    #[test]
    fn seen_is_bit_zero_because_the_unread_index_says_so() {
        assert_eq!(Flags::SEEN.bits(), 1);
    }

    #[test]
    fn keywords_are_normalised() {
        let k = join_keywords(&["b".into(), "a".into(), "b".into(), " ".into()]);
        assert_eq!(k, "a b");
        assert_eq!(split_keywords(&k), vec!["a", "b"]);
    }
}
