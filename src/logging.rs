//! Logging to a file in the profile.
//!
//! The filter is `RUST_LOG`-style (`RUST_LOG=tidings=debug`), `info` by default. Passwords
//! never reach a log: the engine holds them as [`Secret`](crate::engine::secret::Secret),
//! which cannot be printed, and the protocol crates that echo the commands they send (and so
//! the passwords in them) are capped below their wire-level debug output whatever the filter
//! says.

use std::fs::{File, OpenOptions};
use std::path::Path;
use std::sync::Mutex;

use tracing_subscriber::EnvFilter;

/// Log files grow to this size, then the old one is kept as `tidings.log.1`.
const MAX_LOG_BYTES: u64 = 10 * 1024 * 1024;

/// Crates that log the raw protocol exchange, credentials included, at debug or trace level.
const WIRE_LOGGERS: &[&str] = &[
    "async_imap",
    "imap_proto",
    "async_pop",
    "lettre",
    "rustls",
    "tokio_rustls",
    "hyper",
    "hyper_util",
    "reqwest",
    "h2",
];

/// Starts logging to `file`. Returns `false` (and logs nowhere) when the file cannot be
/// opened: a missing log must never stop someone reading their mail.
pub fn init(file: &Path) -> bool {
    let Some(writer) = open(file) else {
        return false;
    };
    tracing_subscriber::fmt()
        .with_env_filter(filter(std::env::var("RUST_LOG").ok().as_deref()))
        .with_writer(Mutex::new(writer))
        .with_ansi(false)
        .try_init()
        .is_ok()
}

/// The filter for a `RUST_LOG` value, with the wire loggers capped at `info`.
pub fn filter(spec: Option<&str>) -> EnvFilter {
    let mut filter =
        EnvFilter::try_new(spec.unwrap_or("info")).unwrap_or_else(|_| EnvFilter::new("info"));
    for target in WIRE_LOGGERS {
        if let Ok(directive) = format!("{target}=info").parse() {
            filter = filter.add_directive(directive);
        }
    }
    filter
}

fn open(file: &Path) -> Option<File> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir).ok()?;
    }
    if std::fs::metadata(file).is_ok_and(|m| m.len() > MAX_LOG_BYTES) {
        let _ = std::fs::rename(file, file.with_extension("log.1"));
    }
    OpenOptions::new().create(true).append(true).open(file).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_loggers_are_capped_even_at_trace() {
        let f = filter(Some("trace")).to_string();
        assert!(f.contains("async_imap=info"), "{f}");
        assert!(f.contains("lettre=info"), "{f}");
    }

    #[test]
    fn a_bad_filter_falls_back_to_info() {
        let f = filter(Some("==nonsense[")).to_string();
        assert!(f.contains("info"), "{f}");
    }
}
