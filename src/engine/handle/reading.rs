//! Reading for the window: a message parsed for display, its source, its attachments saved
//! or opened, its remote images fetched when the user asks, and links opened.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use super::{Engine, Failure, blocking};
use crate::engine::account::{AccountError, Protocol};
use crate::engine::credentials::Keyring;
use crate::engine::error::Error;
use crate::engine::imap;
use crate::engine::message::{ReadMessage, safe_file_name};
use crate::engine::store::{MessageId, MessageSummary, StoreError};
use crate::engine::tls::{Tls, TrustSettings};
use crate::tr;

/// A remote image is not fetched when it is larger than this.
const IMAGE_LIMIT: usize = 10 * 1024 * 1024;
/// At most this many remote images are fetched for one message.
const IMAGE_COUNT: usize = 50;
const FETCH_TIMEOUT: Duration = Duration::from_secs(20);

/// Where a message the reader shows comes from.
#[derive(Debug, Clone)]
pub enum Origin {
    /// A message of the store, by id.
    Stored(i64),
    /// A message file opened from the disk (`tidings message.eml`), its bytes read once.
    File(Arc<Vec<u8>>),
}

/// A message for the reader.
#[derive(Debug, Clone)]
pub struct Reading {
    pub message: ReadMessage,
    /// False while the body is still on the server: `message` then holds only what the
    /// stored headers say; [`Engine::download_body`] brings the rest.
    pub downloaded: bool,
}

/// Reads a message file from the disk and parses it for reading.
pub async fn read_file(path: PathBuf) -> Result<(Reading, Arc<Vec<u8>>), Failure> {
    let read = tokio::task::spawn_blocking(move || {
        std::fs::read(&path).map_err(|e| io_failure(&path, &e))
    })
    .await
    .map_err(|_| Failure::other(tr!("error-internal")))??;
    let raw = Arc::new(read);
    let reading = Reading {
        message: ReadMessage::parse(&raw),
        downloaded: true,
    };
    Ok((reading, raw))
}

/// A stable short name for some bytes (FNV-1a), to name a folder after them.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// What the stored headers of a message say, without a body.
fn headers_only(summary: &MessageSummary) -> ReadMessage {
    ReadMessage::from_headers(
        &summary.subject,
        vec![summary.from.clone()]
            .into_iter()
            .filter(|a| !a.address.is_empty() || !a.name.is_empty())
            .collect(),
        summary.to.clone(),
        summary.cc.clone(),
        Some(summary.date),
        summary.message_id.clone(),
    )
}

/// Why something could not be opened or saved, for the user.
fn io_failure(path: &std::path::Path, e: &std::io::Error) -> Failure {
    Failure::other(tr!(
        "reading-error-file",
        path = path.display().to_string(),
        reason = e.to_string()
    ))
}

impl Engine {
    /// A stored message parsed for reading. A message that cannot be parsed comes back
    /// marked unreadable with its source as the body. One whose body is still on the server
    /// comes back with what its stored headers say (sender, recipients, date) and no body,
    /// so the reader never shows less than the list did.
    pub async fn read(self, id: i64) -> Result<Reading, Failure> {
        blocking(move || {
            let store = &self.inner.store;
            match store.read_message(MessageId(id)) {
                Ok(message) => Ok(Reading {
                    message,
                    downloaded: true,
                }),
                Err(StoreError::NoBody(_)) => Ok(Reading {
                    message: headers_only(&store.summary(MessageId(id))?),
                    downloaded: false,
                }),
                Err(e) => Err(e.into()),
            }
        })
        .await
    }

    /// Downloads the whole message `id` from its server now and reads it: for a message the
    /// sync keeps headers-only (older than the account's `bodies_for_days`), opened by the
    /// user. The body is stored for good, so it is read offline from then on and the sync
    /// never fetches it again. Runs on its own connection beside the account's sync (see
    /// [`imap::on_demand`]). A message no longer on the server, a refused password, an
    /// unreachable server or a certificate that does not verify come back as the engine's
    /// errors, in words.
    pub async fn download_body(self, id: i64) -> Result<Reading, Failure> {
        let engine = self.clone();
        let (account, password) = blocking(move || {
            let name = engine.inner.store.summary(MessageId(id))?.account;
            let account = engine
                .account(&name)
                .ok_or_else(|| AccountError::NotFound(name.clone()))?;
            let password = Keyring::new(&engine.inner.profile.config).password(&name)?;
            Ok((account, password))
        })
        .await?;
        if account.protocol != Protocol::Imap {
            // POP3 stores whole messages; a body missing there cannot be asked for again.
            return Err(Failure::other(tr!("reading-download-pop3")));
        }
        imap::fetch_body(&account, &password, &self.inner.store, MessageId(id))
            .await
            .map_err(|e| Failure::from(Error::from(e)))?;
        self.read(id).await
    }

    /// The message exactly as stored, as text for the "source" view.
    pub async fn source(self, origin: Origin) -> Result<String, Failure> {
        blocking(move || {
            let raw = match origin {
                Origin::Stored(id) => self.inner.store.raw(MessageId(id))?,
                Origin::File(raw) => raw.to_vec(),
            };
            Ok(String::from_utf8_lossy(&raw).into_owned())
        })
        .await
    }

    /// The decoded bytes of one attachment.
    pub async fn attachment(self, origin: Origin, index: usize) -> Result<Vec<u8>, Failure> {
        blocking(move || {
            let bytes = match origin {
                Origin::Stored(id) => self.inner.store.attachment(MessageId(id), index)?,
                Origin::File(raw) => ReadMessage::attachment_bytes(&raw, index),
            };
            Ok(bytes.unwrap_or_default())
        })
        .await
    }

    /// Writes one attachment to `path` (which the user chose in a save dialog).
    pub async fn save_attachment(
        self,
        origin: Origin,
        index: usize,
        path: PathBuf,
    ) -> Result<(), Failure> {
        let bytes = self.attachment(origin, index).await?;
        tokio::task::spawn_blocking(move || {
            crate::engine::account::write_atomically(&path, &bytes)
                .map_err(|e| io_failure(&path, &e))
        })
        .await
        .map_err(|_| Failure::other(tr!("error-internal")))?
    }

    /// Writes one attachment to a private folder of the profile under its sanitised name
    /// and opens it with the system's application for its type.
    pub async fn open_attachment(
        self,
        origin: Origin,
        index: usize,
        name: String,
    ) -> Result<(), Failure> {
        // A folder per message, so two attachments of the same name never meet.
        let folder = match &origin {
            Origin::Stored(id) => id.to_string(),
            Origin::File(raw) => format!("file-{:016x}", fnv1a(raw)),
        };
        let dir = self.inner.profile.data.join("opened").join(folder);
        let bytes = self.attachment(origin, index).await?;
        let path = dir.join(safe_file_name(&name));
        let written = path.clone();
        tokio::task::spawn_blocking(move || {
            std::fs::create_dir_all(&dir).map_err(|e| io_failure(&dir, &e))?;
            crate::engine::account::write_atomically(&written, &bytes)
                .map_err(|e| io_failure(&written, &e))
        })
        .await
        .map_err(|_| Failure::other(tr!("error-internal")))??;
        open_with_system(path.as_os_str())
    }

    /// Fetches the remote images a message refers to, after the user asked for them.
    /// Each comes back with its bytes or the reason it could not be had.
    pub async fn fetch_images(self, urls: Vec<String>) -> Vec<(String, Result<Vec<u8>, String>)> {
        let tls = match Tls::new(&TrustSettings::default()) {
            Ok(tls) => tls,
            Err(e) => {
                let reason = e.to_string();
                return urls.into_iter().map(|u| (u, Err(reason.clone()))).collect();
            }
        };
        let mut out = Vec::new();
        for url in urls.into_iter().take(IMAGE_COUNT) {
            let fetched = fetch_image(&tls, &url).await;
            out.push((url, fetched));
        }
        out
    }
}

/// One remote image over HTTP(S), at most [`IMAGE_LIMIT`] bytes.
async fn fetch_image(tls: &Tls, url: &str) -> Result<Vec<u8>, String> {
    let parsed = reqwest::Url::parse(url).map_err(|e| e.to_string())?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(tr!("reading-error-scheme", scheme = parsed.scheme()));
    }
    let host = parsed.host_str().unwrap_or_default().to_owned();
    let (config, _) = tls.client_config(&host);
    let client = reqwest::Client::builder()
        .tls_backend_preconfigured(config)
        .timeout(FETCH_TIMEOUT)
        .user_agent(concat!("Tidings/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| e.to_string())?;
    let mut response = client.get(parsed).send().await.map_err(|e| e.to_string())?;
    if !response.status().is_success() {
        return Err(response.status().to_string());
    }
    let mut bytes = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| e.to_string())? {
        bytes.extend_from_slice(&chunk);
        if bytes.len() > IMAGE_LIMIT {
            return Err(tr!("reading-error-too-big"));
        }
    }
    Ok(bytes)
}

/// Hands a file or a link to the system's application for it, without waiting for it.
pub fn open_with_system(target: &std::ffi::OsStr) -> Result<(), Failure> {
    #[cfg(target_os = "macos")]
    let mut command = std::process::Command::new("open");
    #[cfg(target_os = "windows")]
    let mut command = {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    };
    #[cfg(not(any(target_os = "macos", target_os = "windows")))]
    let mut command = std::process::Command::new("xdg-open");
    command
        .arg(target)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|_| ())
        .map_err(|e| {
            Failure::other(tr!(
                "reading-error-open",
                target = target.to_string_lossy().into_owned(),
                reason = e.to_string()
            ))
        })
}

/// Opens a link the user clicked in a message: web and mail links only.
pub fn open_link(url: &str) -> Result<(), Failure> {
    let lower = url.trim().to_ascii_lowercase();
    if !(lower.starts_with("https://")
        || lower.starts_with("http://")
        || lower.starts_with("mailto:"))
    {
        return Err(Failure::other(tr!("reading-error-link", url = url)));
    }
    open_with_system(std::ffi::OsStr::new(url.trim()))
}
