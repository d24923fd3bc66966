//! A throwaway certificate authority and server certificates, made fresh for every harness.

use std::path::{Path, PathBuf};

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};

/// Names every harness server certificate is valid for.
pub const SERVER_NAMES: &[&str] = &["localhost", "127.0.0.1", "mail.example.test"];

pub struct TestCa {
    issuer: Issuer<'static, KeyPair>,
    /// The CA certificate, PEM.
    pub pem: String,
}

/// A certificate and its key, both PEM, written to files for the servers.
pub struct ServerCert {
    pub cert_pem: String,
    pub cert_file: PathBuf,
    pub key_file: PathBuf,
    /// SHA-256 of the DER certificate, lower-case hex: what a user "accepts".
    pub sha256: String,
}

impl ServerCert {
    /// A TLS acceptor presenting this certificate, for the tests' own servers.
    pub fn acceptor(&self) -> tokio_rustls::TlsAcceptor {
        use rustls::pki_types::pem::PemObject;
        use rustls::pki_types::{CertificateDer, PrivateKeyDer};
        let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(&self.cert_file)
            .expect("cert")
            .collect::<Result<_, _>>()
            .expect("cert pem");
        let key = PrivateKeyDer::from_pem_file(&self.key_file).expect("key");
        let config = rustls::ServerConfig::builder_with_provider(std::sync::Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .expect("versions")
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .expect("server config");
        tokio_rustls::TlsAcceptor::from(std::sync::Arc::new(config))
    }
}

impl TestCa {
    pub fn new(name: &str) -> Self {
        let key = KeyPair::generate().expect("CA key");
        let mut params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.distinguished_name.push(DnType::CommonName, name);
        params
            .distinguished_name
            .push(DnType::OrganizationName, "Tidings test harness");
        let cert = params.self_signed(&key).expect("CA certificate");
        Self {
            pem: cert.pem(),
            issuer: Issuer::new(params, key),
        }
    }

    /// Writes the CA certificate to `path` and returns it.
    pub fn write(&self, path: &Path) -> PathBuf {
        std::fs::write(path, &self.pem).expect("write CA");
        path.to_path_buf()
    }

    /// A server certificate for `names`, signed by this CA, written under `dir` as
    /// `<stem>.pem` and `<stem>.key`.
    pub fn server_cert(&self, dir: &Path, stem: &str, names: &[&str]) -> ServerCert {
        let key = KeyPair::generate().expect("server key");
        let mut params =
            CertificateParams::new(names.iter().map(|n| n.to_string()).collect::<Vec<_>>())
                .expect("server params");
        params.distinguished_name.push(DnType::CommonName, names[0]);
        let cert = params
            .signed_by(&key, &self.issuer)
            .expect("server certificate");
        finish(dir, stem, cert, key)
    }
}

/// A certificate that no CA vouches for: what a user must accept explicitly.
pub fn self_signed(dir: &Path, stem: &str, names: &[&str]) -> ServerCert {
    let key = KeyPair::generate().expect("key");
    let mut params =
        CertificateParams::new(names.iter().map(|n| n.to_string()).collect::<Vec<_>>())
            .expect("params");
    params.distinguished_name.push(DnType::CommonName, names[0]);
    let cert = params.self_signed(&key).expect("self-signed certificate");
    finish(dir, stem, cert, key)
}

fn finish(dir: &Path, stem: &str, cert: rcgen::Certificate, key: KeyPair) -> ServerCert {
    use sha2::Digest;
    let cert_file = dir.join(format!("{stem}.pem"));
    let key_file = dir.join(format!("{stem}.key"));
    std::fs::write(&cert_file, cert.pem()).expect("write cert");
    std::fs::write(&key_file, key.serialize_pem()).expect("write key");
    super::system::set_mode(&key_file, 0o600);
    ServerCert {
        cert_pem: cert.pem(),
        sha256: hex::encode(sha2::Sha256::digest(cert.der())),
        cert_file,
        key_file,
    }
}
