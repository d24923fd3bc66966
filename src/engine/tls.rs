//! One TLS policy for IMAP, POP3, SMTP and discovery.
//!
//! A server certificate is good when it verifies against the platform's roots (plus the CA
//! file an account or a network names), or when it is exactly a certificate the user accepted
//! for this account, pinned by its SHA-256 fingerprint as Thunderbird's certificate exceptions
//! are. Anything else stops the connection with a [`CertificateProblem`] that carries what
//! the user needs to decide: host, reason, fingerprint, validity and subject. When an accepted
//! certificate is later replaced, the new one is refused again.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, ClientConfig, DigitallySignedStruct, SignatureScheme};
use serde::Serialize;
use sha2::{Digest, Sha256};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;

use crate::engine::error::Localized;
use crate::tr;

/// Why a certificate was not trusted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CertReason {
    /// Signed by no authority we trust (self-signed, private CA, incomplete chain).
    UnknownIssuer,
    Expired,
    NotYetValid,
    /// Valid, but for other names than the server we asked for.
    WrongHost {
        names: Vec<String>,
    },
    Revoked,
    /// Anything else the verifier said, in its words.
    Invalid {
        detail: String,
    },
}

/// A certificate that did not verify, described for the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CertificateProblem {
    pub host: String,
    pub reason: CertReason,
    /// SHA-256 of the DER certificate, lower-case hex: what the user accepts.
    pub sha256: String,
    pub subject: String,
    pub issuer: String,
    /// RFC 3339.
    pub not_before: String,
    /// RFC 3339.
    pub not_after: String,
}

#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    #[error("the certificate of {} is not trusted: {:?}", .0.host, .0.reason)]
    Certificate(Box<CertificateProblem>),
    #[error("the TLS handshake with {host} failed: {reason}")]
    Handshake { host: String, reason: String },
    #[error("{host} is not a valid server name for TLS")]
    BadName { host: String },
    #[error("the CA file {path} could not be read: {reason}")]
    CaFile { path: String, reason: String },
    #[error("the accepted certificate fingerprint {0:?} is not a SHA-256 fingerprint")]
    BadPin(String),
    #[error("the system's certificate store could not be used: {0}")]
    Platform(String),
}

impl Localized for TlsError {
    fn localized(&self) -> String {
        match self {
            TlsError::Certificate(p) => p.localized(),
            TlsError::Handshake { host, reason } => {
                tr!(
                    "error-tls-handshake",
                    host = host.as_str(),
                    reason = reason.as_str()
                )
            }
            TlsError::BadName { host } => tr!("error-tls-bad-name", host = host.as_str()),
            TlsError::CaFile { path, reason } => {
                tr!(
                    "error-tls-ca-file",
                    path = path.as_str(),
                    reason = reason.as_str()
                )
            }
            TlsError::BadPin(pin) => tr!("error-tls-bad-pin", pin = pin.as_str()),
            TlsError::Platform(reason) => tr!("error-tls-platform", reason = reason.as_str()),
        }
    }
}

impl Localized for CertificateProblem {
    fn localized(&self) -> String {
        let reason = match &self.reason {
            CertReason::UnknownIssuer => tr!("cert-reason-unknown-issuer"),
            CertReason::Expired => tr!(
                "cert-reason-expired",
                date = crate::i18n::format_timestamp(&self.not_after)
            ),
            CertReason::NotYetValid => tr!(
                "cert-reason-not-yet-valid",
                date = crate::i18n::format_timestamp(&self.not_before)
            ),
            CertReason::WrongHost { names } => {
                tr!("cert-reason-wrong-host", names = names.join(", "))
            }
            CertReason::Revoked => tr!("cert-reason-revoked"),
            CertReason::Invalid { detail } => {
                tr!("cert-reason-invalid", detail = detail.as_str())
            }
        };
        tr!(
            "error-tls-certificate",
            host = self.host.as_str(),
            reason = reason,
            fingerprint = self.sha256.as_str()
        )
    }
}

/// What to trust beyond the platform's roots.
#[derive(Debug, Clone, Default)]
pub struct TrustSettings {
    /// Extra certificate authorities, PEM (an account's or a network's own CA).
    pub ca_file: Option<std::path::PathBuf>,
    /// SHA-256 fingerprints (hex, colons allowed) of certificates the user accepted.
    pub accepted: Vec<String>,
}

/// A ready TLS client for one account or one discovery run. Cheap to clone.
#[derive(Clone)]
pub struct Tls {
    inner: Arc<dyn ServerCertVerifier>,
    pins: Arc<Vec<[u8; 32]>>,
}

impl std::fmt::Debug for Tls {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tls")
            .field("pins", &self.pins.len())
            .finish()
    }
}

/// One platform verifier per set of extra roots, for the whole process. A verifier loads and
/// parses the system's root certificates on first use; building one per connection did that
/// again for every session (seconds per SMTP session in an unoptimised build, and needless
/// work for every sync in a release one).
fn shared_verifier(
    extra: Vec<CertificateDer<'static>>,
) -> Result<Arc<rustls_platform_verifier::Verifier>, TlsError> {
    type Cache = Mutex<HashMap<Vec<Vec<u8>>, Arc<rustls_platform_verifier::Verifier>>>;
    static VERIFIERS: std::sync::OnceLock<Cache> = std::sync::OnceLock::new();
    let key: Vec<Vec<u8>> = extra.iter().map(|c| c.as_ref().to_vec()).collect();
    let cache = VERIFIERS.get_or_init(Cache::default);
    if let Some(found) = lock(cache).get(&key) {
        return Ok(found.clone());
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = rustls_platform_verifier::Verifier::new_with_extra_roots(extra, provider)
        .map(Arc::new)
        .map_err(|e| TlsError::Platform(e.to_string()))?;
    lock(cache).insert(key, verifier.clone());
    Ok(verifier)
}

/// A poisoned cache only means another thread panicked while inserting; its map is whole.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Tls {
    pub fn new(settings: &TrustSettings) -> Result<Self, TlsError> {
        let extra = match &settings.ca_file {
            Some(path) => read_ca_file(path)?,
            None => Vec::new(),
        };
        let inner = shared_verifier(extra)?;
        let pins = settings
            .accepted
            .iter()
            .map(|p| parse_pin(p))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            inner,
            pins: Arc::new(pins),
        })
    }

    /// A rustls configuration that applies this policy. Any certificate failure seen through
    /// it is recorded in `failure`.
    fn config(&self, failure: Arc<Mutex<Option<CertificateProblem>>>, host: &str) -> ClientConfig {
        let verifier = PinningVerifier {
            inner: self.inner.clone(),
            pins: self.pins.clone(),
            failure,
            host: host.to_owned(),
        };
        ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .map(|b| {
                b.dangerous()
                    .with_custom_certificate_verifier(Arc::new(verifier))
                    .with_no_client_auth()
            })
            // The ring provider supports the default versions; this cannot fail in practice,
            // and if it did the empty config would fail every handshake visibly.
            .unwrap_or_else(|_| {
                ClientConfig::builder()
                    .with_root_certificates(rustls::RootCertStore::empty())
                    .with_no_client_auth()
            })
    }

    /// Runs the TLS handshake over `stream` with `host`, as implicit TLS or after STARTTLS.
    pub async fn connect<S>(&self, host: &str, stream: S) -> Result<TlsStream<S>, TlsError>
    where
        S: AsyncRead + AsyncWrite + Unpin,
    {
        self.connect_with_alpn(host, stream, Vec::new()).await
    }

    /// As [`Tls::connect`], offering ALPN protocols (HTTPS for discovery).
    pub async fn connect_with_alpn<S>(
        &self,
        host: &str,
        stream: S,
        alpn: Vec<Vec<u8>>,
    ) -> Result<TlsStream<S>, TlsError>
    where
        S: AsyncRead + AsyncWrite + Unpin,
    {
        let name = ServerName::try_from(host.to_owned()).map_err(|_| TlsError::BadName {
            host: host.to_owned(),
        })?;
        let failure = Arc::new(Mutex::new(None));
        let mut config = self.config(failure.clone(), host);
        config.alpn_protocols = alpn;
        let result = TlsConnector::from(Arc::new(config))
            .connect(name, stream)
            .await;
        result.map_err(|e| {
            let recorded = failure.lock().ok().and_then(|mut f| f.take());
            match recorded {
                Some(problem) => TlsError::Certificate(Box::new(problem)),
                None => TlsError::Handshake {
                    host: host.to_owned(),
                    reason: e.to_string(),
                },
            }
        })
    }

    /// A rustls configuration for crates that take one (reqwest), with failures recorded in
    /// the returned slot.
    pub fn client_config(
        &self,
        host: &str,
    ) -> (ClientConfig, Arc<Mutex<Option<CertificateProblem>>>) {
        let failure = Arc::new(Mutex::new(None));
        (self.config(failure.clone(), host), failure)
    }
}

/// Reads every certificate of a PEM file.
pub fn read_ca_file(path: &Path) -> Result<Vec<CertificateDer<'static>>, TlsError> {
    let err = |reason: String| TlsError::CaFile {
        path: path.display().to_string(),
        reason,
    };
    let certs = CertificateDer::pem_file_iter(path)
        .map_err(|e| err(e.to_string()))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| err(e.to_string()))?;
    if certs.is_empty() {
        return Err(err(tr!("error-tls-ca-file-empty")));
    }
    Ok(certs)
}

/// `AB:CD:...` or `abcd...` → 32 bytes.
pub fn parse_pin(pin: &str) -> Result<[u8; 32], TlsError> {
    let cleaned: String = pin.chars().filter(|c| *c != ':').collect();
    let bytes = hex::decode(cleaned.trim()).map_err(|_| TlsError::BadPin(pin.to_owned()))?;
    bytes
        .try_into()
        .map_err(|_| TlsError::BadPin(pin.to_owned()))
}

/// The SHA-256 fingerprint of a DER certificate, lower-case hex.
pub fn fingerprint(cert: &[u8]) -> String {
    hex::encode(Sha256::digest(cert))
}

struct PinningVerifier {
    inner: Arc<dyn ServerCertVerifier>,
    pins: Arc<Vec<[u8; 32]>>,
    failure: Arc<Mutex<Option<CertificateProblem>>>,
    host: String,
}

impl std::fmt::Debug for PinningVerifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PinningVerifier")
            .field("host", &self.host)
            .finish()
    }
}

impl ServerCertVerifier for PinningVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let digest: [u8; 32] = Sha256::digest(end_entity.as_ref()).into();
        // The user accepted exactly this certificate for this account: trust it as it is,
        // whatever its issuer, names or dates, as Thunderbird's exceptions do.
        if self.pins.contains(&digest) {
            return Ok(ServerCertVerified::assertion());
        }
        match self.inner.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        ) {
            Ok(ok) => Ok(ok),
            Err(error) => {
                let problem = describe(&self.host, end_entity.as_ref(), &error);
                if let Ok(mut slot) = self.failure.lock() {
                    *slot = Some(problem);
                }
                Err(error)
            }
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}

/// Describes a certificate that failed verification.
pub fn describe(host: &str, der: &[u8], error: &rustls::Error) -> CertificateProblem {
    let (subject, issuer, not_before, not_after) = match x509_parser::parse_x509_certificate(der) {
        Ok((_, cert)) => (
            cert.subject().to_string(),
            cert.issuer().to_string(),
            rfc3339(cert.validity().not_before.timestamp()),
            rfc3339(cert.validity().not_after.timestamp()),
        ),
        Err(_) => Default::default(),
    };
    CertificateProblem {
        host: host.to_owned(),
        reason: reason(error),
        sha256: fingerprint(der),
        subject,
        issuer,
        not_before,
        not_after,
    }
}

fn rfc3339(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .map(|d| d.to_rfc3339())
        .unwrap_or_default()
}

fn reason(error: &rustls::Error) -> CertReason {
    let rustls::Error::InvalidCertificate(cert) = error else {
        return CertReason::Invalid {
            detail: error.to_string(),
        };
    };
    match cert {
        CertificateError::UnknownIssuer => CertReason::UnknownIssuer,
        CertificateError::Expired | CertificateError::ExpiredContext { .. } => CertReason::Expired,
        CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
            CertReason::NotYetValid
        }
        CertificateError::NotValidForName => CertReason::WrongHost { names: Vec::new() },
        CertificateError::NotValidForNameContext { presented, .. } => CertReason::WrongHost {
            names: presented.clone(),
        },
        CertificateError::Revoked => CertReason::Revoked,
        other => CertReason::Invalid {
            detail: format!("{other:?}"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_accept_hex_with_or_without_colons() {
        let hex64 = "ab".repeat(32);
        let colons = vec!["AB"; 32].join(":");
        assert_eq!(parse_pin(&hex64).unwrap(), [0xab; 32]);
        assert_eq!(parse_pin(&colons).unwrap(), [0xab; 32]);
        assert!(parse_pin("abcd").is_err());
        assert!(parse_pin("zz").is_err());
    }

    #[test]
    fn reasons_are_classified() {
        let e = rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer);
        assert_eq!(reason(&e), CertReason::UnknownIssuer);
        let e = rustls::Error::InvalidCertificate(CertificateError::Expired);
        assert_eq!(reason(&e), CertReason::Expired);
    }

    #[test]
    fn a_missing_ca_file_is_a_clear_error() {
        let err = read_ca_file(Path::new("/nonexistent/ca.pem")).unwrap_err();
        assert!(matches!(err, TlsError::CaFile { .. }));
    }
}
