//! Where a profile keeps its settings, its mail and its logs.
//!
//! A profile is one user's whole Tidings state. `--profile DIR` or `TIDINGS_HOME=DIR` puts all
//! of it under DIR (as Thunderbird's `-profile` does), so tests and people with several
//! identities keep them apart; otherwise the platform's own directories are used.

use std::path::{Path, PathBuf};

/// The environment variable that moves the whole profile.
pub const HOME_ENV: &str = "TIDINGS_HOME";

#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    #[error("no home directory was found to keep the profile in; set {HOME_ENV} or use --profile")]
    NoHome,
    #[error("the profile directory {path} could not be created: {source}")]
    Create {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// The directories of one profile. All of them exist once [`Profile::ensure`] returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// Settings: `accounts.toml`, `settings.toml`.
    pub config: PathBuf,
    /// Mail: the store's index and raw messages. For a POP3 account this is the only copy of
    /// its mail, so it lives in the data directory, never in a cache directory.
    pub data: PathBuf,
    /// Log files.
    pub logs: PathBuf,
}

impl Profile {
    /// Resolves the profile from an explicit directory, else `TIDINGS_HOME`, else the
    /// platform directories.
    pub fn resolve(explicit: Option<&Path>) -> Result<Self, ProfileError> {
        if let Some(dir) = explicit {
            return Ok(Self::under(dir));
        }
        if let Some(dir) = std::env::var_os(HOME_ENV).filter(|v| !v.is_empty()) {
            return Ok(Self::under(Path::new(&dir)));
        }
        Self::platform()
    }

    /// A profile with everything under one directory.
    pub fn under(dir: &Path) -> Self {
        let root = absolute(dir);
        Self {
            config: root.clone(),
            data: root.join("mail"),
            logs: root.join("logs"),
        }
    }

    /// The platform's own directories: `~/.config/tidings`, `~/.local/share/tidings` and
    /// `~/.local/state/tidings` on Linux, `~/Library/Application Support/org.Tidings.Tidings`
    /// on macOS, `%APPDATA%\Tidings\Tidings` on Windows.
    fn platform() -> Result<Self, ProfileError> {
        let dirs = directories::ProjectDirs::from("org", "Tidings", "Tidings")
            .ok_or(ProfileError::NoHome)?;
        let logs = dirs
            .state_dir()
            .map(|d| d.to_path_buf())
            .unwrap_or_else(|| dirs.data_local_dir().join("logs"));
        Ok(Self {
            config: dirs.config_dir().to_path_buf(),
            data: dirs.data_dir().to_path_buf(),
            logs,
        })
    }

    /// Creates the profile's directories if they do not exist yet.
    pub fn ensure(&self) -> Result<(), ProfileError> {
        for dir in [&self.config, &self.data, &self.logs] {
            std::fs::create_dir_all(dir).map_err(|source| ProfileError::Create {
                path: dir.clone(),
                source,
            })?;
        }
        Ok(())
    }

    /// The accounts settings file.
    pub fn accounts_file(&self) -> PathBuf {
        self.config.join("accounts.toml")
    }

    /// The application settings file (language, appearance, notifications).
    pub fn settings_file(&self) -> PathBuf {
        self.config.join("settings.toml")
    }

    /// The log file.
    pub fn log_file(&self) -> PathBuf {
        self.logs.join("tidings.log")
    }
}

/// Makes a relative directory absolute against the current one, so that a profile given as
/// `--profile ./p` still means the same place after the process changes directory.
fn absolute(dir: &Path) -> PathBuf {
    std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_directory_holds_everything() {
        let p = Profile::resolve(Some(Path::new("/tmp/tidings-profile"))).unwrap();
        assert_eq!(p.config, PathBuf::from("/tmp/tidings-profile"));
        assert!(p.data.starts_with("/tmp/tidings-profile"));
        assert!(p.logs.starts_with("/tmp/tidings-profile"));
        assert_eq!(
            p.log_file(),
            PathBuf::from("/tmp/tidings-profile/logs/tidings.log")
        );
    }

    #[test]
    fn relative_directory_becomes_absolute() {
        let p = Profile::under(Path::new("relative-profile"));
        assert!(p.config.is_absolute());
    }

    #[test]
    fn ensure_creates_directories() {
        let dir = tempfile::tempdir().unwrap();
        let p = Profile::under(&dir.path().join("x"));
        p.ensure().unwrap();
        assert!(p.data.is_dir() && p.logs.is_dir() && p.config.is_dir());
    }
}
