//! Finding the servers for an email address, as the setup wizard needs them.
//!
//! For ADDRESS at DOMAIN every source runs concurrently; each has a rank and the best-ranked
//! answer wins for each kind of server (IMAP, POP3, SMTP), the others are kept as
//! alternatives. The ranks, best first:
//!
//! 0. the provider database bundled in the binary ([`providers`]);
//! 1. `https://autoconfig.DOMAIN/mail/config-v1.1.xml?emailaddress=ADDRESS`;
//! 2. `https://DOMAIN/.well-known/autoconfig/mail/config-v1.1.xml`;
//! 3. the central ISPDB (Thunderbird's, a setting);
//! 4. the MX host of DOMAIN → its sub-domain and base domain → bundled, HTTPS autoconfig and
//!    ISPDB for those (never sending the address to them);
//! 5. the plain-HTTP variants of 1 and 2, each result flagged with a warning: anyone on the
//!    path can rewrite such a file, so every HTTPS source outranks them;
//! 6. RFC 6186 SRV records;
//! 7. guessing host names and probing them ([`guess`]).
//!
//! A kind is settled once its best answer is in and every better-ranked source has finished;
//! discovery returns as soon as all three are settled, and in any case within the
//! settings' timeout (15 s), even when every lookup hangs.
//!
//! Every result says where it came from, and whether its server is on another domain than
//! the address (the wizard asks the user to approve those before a password goes there).

pub mod dns;
pub mod domain;
mod guess;
mod http;
mod merge;
pub mod probe;
pub mod providers;
mod sources;
pub mod xml;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use futures::StreamExt;
use futures::future::BoxFuture;
use futures::stream::FuturesUnordered;
use serde::{Deserialize, Serialize};

use crate::engine::account::{Account, Auth, Pop3Options, Protocol, Security, Server, SyncOptions};
use crate::engine::error::Localized;
use crate::engine::tls::{CertificateProblem, Tls, TrustSettings};
use crate::tr;
use dns::Dns;
use merge::{merge, nothing_found, settled};
use sources::{Found, sources};

/// Thunderbird's central database of provider settings.
pub const DEFAULT_ISPDB: &str = "https://autoconfig.thunderbird.net/v1.1/";

/// How discovery runs. Serializable so a settings file can hold it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DiscoverSettings {
    /// Ask this DNS server (`IP:PORT`) instead of the system's.
    pub dns_server: Option<SocketAddr>,
    /// Also trust the certificate authorities in this PEM file (HTTPS and probes).
    pub ca_file: Option<PathBuf>,
    /// The ISPDB's base URL; the domain is appended.
    pub ispdb_url: String,
    /// Also try the plain-HTTP autoconfig URLs (results carry a warning).
    pub allow_http: bool,
    /// Probe guessed host names when nothing better answers.
    pub guess: bool,
    /// Discovery as a whole ends after this many seconds.
    pub timeout_secs: u64,
}

impl Default for DiscoverSettings {
    fn default() -> Self {
        Self {
            dns_server: None,
            ca_file: None,
            ispdb_url: DEFAULT_ISPDB.into(),
            allow_http: true,
            guess: true,
            timeout_secs: 15,
        }
    }
}

/// Which server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ServerKind {
    Imap,
    Pop3,
    Smtp,
}

impl ServerKind {
    pub const ALL: [ServerKind; 3] = [ServerKind::Imap, ServerKind::Pop3, ServerKind::Smtp];

    pub fn name(self) -> &'static str {
        match self {
            ServerKind::Imap => "IMAP",
            ServerKind::Pop3 => "POP3",
            ServerKind::Smtp => "SMTP",
        }
    }
}

/// Where a result came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Bundled,
    Autoconfig,
    Ispdb,
    Mx,
    Srv,
    Guess,
}

/// One server found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerConfig {
    pub kind: ServerKind,
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub username: String,
    pub auth: Auth,
    pub source: Source,
    /// Exactly where: the URL, the bundled file, the DNS name, the probed host and port.
    pub origin: String,
    /// It came over plain HTTP, which anyone on the path could have rewritten.
    pub insecure_source: bool,
    /// The server is on another domain than the address: ask the user before using it.
    pub other_domain: bool,
}

impl ServerConfig {
    /// The account setting for this server.
    pub fn server(&self) -> Server {
        Server {
            host: self.host.clone(),
            port: self.port,
            security: self.security,
            username: self.username.clone(),
            auth: self.auth,
        }
    }
}

/// Something the user should see before accepting a result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "warning", rename_all = "kebab-case")]
pub enum Warning {
    /// The settings came over plain HTTP.
    InsecureHttp { kind: ServerKind, url: String },
    /// The server offers no encryption at all.
    Plaintext {
        kind: ServerKind,
        host: String,
        port: u16,
    },
    /// The server is on another domain than the address.
    OtherDomain { kind: ServerKind, host: String },
}

impl Localized for Warning {
    fn localized(&self) -> String {
        match self {
            Warning::InsecureHttp { kind, url } => tr!(
                "discover-warning-http",
                kind = kind.name(),
                url = url.as_str()
            ),
            Warning::Plaintext { kind, host, port } => tr!(
                "discover-warning-plaintext",
                kind = kind.name(),
                host = host.as_str(),
                port = *port
            ),
            Warning::OtherDomain { kind, host } => tr!(
                "discover-warning-other-domain",
                kind = kind.name(),
                host = host.as_str()
            ),
        }
    }
}

/// How one try went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "result", rename_all = "kebab-case")]
pub enum Outcome {
    Found {
        servers: usize,
    },
    NotFound {
        reason: String,
    },
    /// The file could not be used (invalid XML...).
    Invalid {
        reason: String,
    },
    /// The certificate did not verify; the details let the user decide.
    Certificate {
        problem: Box<CertificateProblem>,
    },
    TimedOut,
}

/// One thing discovery tried.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attempt {
    pub source: Source,
    /// A URL, a DNS name or `KIND host:port`.
    pub target: String,
    #[serde(flatten)]
    pub outcome: Outcome,
}

impl Attempt {
    pub fn new(source: Source, target: impl Into<String>, outcome: Outcome) -> Self {
        Self {
            source,
            target: target.into(),
            outcome,
        }
    }
}

/// What discovery reports while it works.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "step", rename_all = "kebab-case")]
pub enum Step {
    Trying { source: Source, target: String },
    Finished(Attempt),
}

/// Where progress goes. `Progress::none()` drops it.
#[derive(Debug, Clone, Default)]
pub struct Progress {
    sender: Option<tokio::sync::mpsc::UnboundedSender<Step>>,
}

impl Progress {
    pub fn none() -> Self {
        Self::default()
    }

    /// A sink and the receiving end of its stream.
    pub fn channel() -> (Self, tokio::sync::mpsc::UnboundedReceiver<Step>) {
        let (sender, receiver) = tokio::sync::mpsc::unbounded_channel();
        (
            Self {
                sender: Some(sender),
            },
            receiver,
        )
    }

    fn emit(&self, step: Step) {
        if let Some(sender) = &self.sender {
            let _ = sender.send(step);
        }
    }

    pub(crate) fn trying(&self, source: Source, target: &str) {
        tracing::debug!(?source, target, "discovery trying");
        self.emit(Step::Trying {
            source,
            target: target.to_owned(),
        });
    }

    pub(crate) fn finished(&self, attempt: &Attempt) {
        tracing::debug!(?attempt, "discovery step finished");
        self.emit(Step::Finished(attempt.clone()));
    }
}

/// The result: the best server of each kind, the alternatives, and how it was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Discovery {
    pub address: String,
    pub domain: String,
    /// The provider's name, when a provider file named it.
    pub provider: Option<String>,
    pub imap: Option<ServerConfig>,
    pub pop3: Option<ServerConfig>,
    pub smtp: Option<ServerConfig>,
    /// Other servers found, best first.
    pub alternatives: Vec<ServerConfig>,
    pub warnings: Vec<Warning>,
    pub attempts: Vec<Attempt>,
}

impl Discovery {
    /// The best incoming server for `protocol`.
    pub fn incoming(&self, protocol: Protocol) -> Option<&ServerConfig> {
        match protocol {
            Protocol::Imap => self.imap.as_ref(),
            Protocol::Pop3 => self.pop3.as_ref(),
        }
    }

    /// An account from the best servers, or what is missing.
    pub fn account(
        &self,
        name: &str,
        display_name: &str,
        protocol: Protocol,
    ) -> Result<Account, DiscoverError> {
        let missing = |kind: ServerKind| DiscoverError::Missing {
            address: self.address.clone(),
            kind,
        };
        let incoming = self.incoming(protocol).ok_or(missing(match protocol {
            Protocol::Imap => ServerKind::Imap,
            Protocol::Pop3 => ServerKind::Pop3,
        }))?;
        let outgoing = self.smtp.as_ref().ok_or(missing(ServerKind::Smtp))?;
        Ok(Account {
            name: name.to_owned(),
            email: self.address.clone(),
            display_name: display_name.to_owned(),
            protocol,
            incoming: incoming.server(),
            outgoing: outgoing.server(),
            pop3: Pop3Options::default(),
            sync: SyncOptions::default(),
            signature: String::new(),
            save_sent_copy: true,
            ca_file: None,
            accepted_certs: Vec::new(),
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DiscoverError {
    #[error("{0:?} is not an email address")]
    InvalidAddress(String),
    #[error("the DNS resolver could not be set up: {0}")]
    Resolver(String),
    #[error(transparent)]
    Tls(#[from] crate::engine::tls::TlsError),
    #[error("no mail servers were found for {address}")]
    NothingFound {
        address: String,
        attempts: Vec<Attempt>,
    },
    #[error("no {} server was found for {address}", kind.name())]
    Missing { address: String, kind: ServerKind },
}

impl Localized for DiscoverError {
    fn localized(&self) -> String {
        match self {
            DiscoverError::InvalidAddress(a) => {
                tr!("error-discover-address", address = a.as_str())
            }
            DiscoverError::Resolver(reason) => {
                tr!("error-discover-resolver", reason = reason.as_str())
            }
            DiscoverError::Tls(e) => e.localized(),
            DiscoverError::NothingFound { address, attempts } => tr!(
                "error-discover-nothing",
                address = address.as_str(),
                tried = attempts.len()
            ),
            DiscoverError::Missing { address, kind } => tr!(
                "error-discover-missing",
                address = address.as_str(),
                kind = kind.name()
            ),
        }
    }
}

/// What every source needs.
pub(crate) struct Context {
    pub address: String,
    pub domain: String,
    pub dns: Dns,
    pub tls: Tls,
    pub settings: DiscoverSettings,
    pub progress: Progress,
}

/// Finds the servers for `address`.
pub async fn discover(
    address: &str,
    settings: &DiscoverSettings,
    progress: Progress,
) -> Result<Discovery, DiscoverError> {
    let address = address.trim().to_owned();
    let domain = domain::of_address(&address)
        .ok_or_else(|| DiscoverError::InvalidAddress(address.clone()))?;
    let tls = Tls::new(&TrustSettings {
        ca_file: settings.ca_file.clone(),
        accepted: Vec::new(),
    })?;
    let dns = Dns::new(settings.dns_server).map_err(DiscoverError::Resolver)?;
    let ctx = Arc::new(Context {
        address,
        domain,
        dns,
        tls,
        settings: settings.clone(),
        progress,
    });
    let deadline = tokio::time::Instant::now() + Duration::from_secs(settings.timeout_secs.max(1));

    let mut pending: BTreeMap<u8, (Source, String)> = BTreeMap::new();
    let mut jobs: FuturesUnordered<BoxFuture<'static, Found>> = FuturesUnordered::new();
    for (rank, source, target, job) in sources(&ctx) {
        pending.insert(rank, (source, target));
        jobs.push(job);
    }

    let mut results: Vec<Found> = Vec::new();
    loop {
        if settled(&results, &pending) {
            break;
        }
        match tokio::time::timeout_at(deadline, jobs.next()).await {
            Ok(Some(found)) => {
                pending.remove(&found.rank);
                results.push(found);
            }
            Ok(None) => break,
            Err(_) => {
                tracing::info!(unfinished = pending.len(), "discovery reached its deadline");
                break;
            }
        }
    }
    // Whatever is still running is dropped (cancelled) here; say so in the attempts.
    drop(jobs);
    let timed_out: Vec<Attempt> = pending
        .values()
        .map(|(source, target)| Attempt::new(*source, target.clone(), Outcome::TimedOut))
        .collect();
    nothing_found(merge(&ctx, results, timed_out))
}

#[cfg(test)]
mod tests;
