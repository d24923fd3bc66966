//! The window's own settings: appearance, language, notifications. Kept in the profile's
//! `settings.toml`, written atomically like the account settings.

use std::path::Path;

use serde::{Deserialize, Serialize};

/// Light, dark, or whatever the system says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Appearance {
    #[default]
    System,
    Light,
    Dark,
}

impl Appearance {
    pub const ALL: [Appearance; 3] = [Appearance::System, Appearance::Light, Appearance::Dark];

    /// The theme to force, or none to follow the system.
    pub fn theme(self) -> Option<iced::Theme> {
        match self {
            Appearance::System => None,
            Appearance::Light => Some(iced::Theme::Light),
            Appearance::Dark => Some(iced::Theme::Dark),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    pub appearance: Appearance,
    /// A language tag such as `en-US`; none follows the system.
    pub language: Option<String>,
    /// Show a desktop notification when new mail arrives.
    pub notify_new_mail: bool,
    /// How the setup wizard finds servers: a network's own DNS server or CA, the ISPDB.
    pub discover: crate::engine::discover::DiscoverSettings,
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            appearance: Appearance::System,
            language: None,
            notify_new_mail: true,
            discover: Default::default(),
        }
    }
}

impl Preferences {
    /// Reads the settings file. A missing file means the defaults; a broken one too, with the
    /// reason in the log, because a window that does not open over a bad colour choice helps
    /// nobody. The file is rewritten on the next save.
    pub fn load(path: &Path) -> Self {
        match std::fs::read_to_string(path) {
            Ok(text) => toml::from_str(&text).unwrap_or_else(|e| {
                tracing::warn!(path = %path.display(), error = %e, "settings file ignored");
                Self::default()
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Self::default(),
            Err(e) => {
                tracing::warn!(path = %path.display(), error = %e, "settings file unreadable");
                Self::default()
            }
        }
    }

    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let text = toml::to_string_pretty(self).map_err(std::io::Error::other)?;
        crate::engine::account::write_atomically(path, text.as_bytes())
    }

    /// Applies the language choice to every message formatted from now on.
    pub fn apply_language(&self) {
        let requested = match &self.language {
            Some(tag) => tag.parse().ok(),
            None => None,
        };
        let language = match requested {
            Some(lang) => crate::i18n::negotiate(&[lang]),
            None => crate::i18n::negotiate(&crate::i18n::system_languages()),
        };
        crate::i18n::set_language(&language);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preferences_round_trip_and_survive_a_broken_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.toml");
        assert_eq!(Preferences::load(&path), Preferences::default());
        let p = Preferences {
            appearance: Appearance::Dark,
            language: Some("en-US".into()),
            notify_new_mail: false,
            discover: Default::default(),
        };
        p.save(&path).unwrap();
        assert_eq!(Preferences::load(&path), p);
        std::fs::write(&path, "appearance = 7").unwrap();
        assert_eq!(Preferences::load(&path), Preferences::default());
    }

    #[test]
    fn system_appearance_forces_no_theme() {
        assert!(Appearance::System.theme().is_none());
        assert_eq!(Appearance::Dark.theme(), Some(iced::Theme::Dark));
    }
}
