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
pub mod probe;
pub mod providers;
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

/// What one source produced.
struct Found {
    rank: u8,
    provider: Option<String>,
    servers: Vec<ServerConfig>,
    attempts: Vec<Attempt>,
}

const RANK_BUNDLED: u8 = 0;
const RANK_AUTOCONFIG: u8 = 1;
const RANK_WELL_KNOWN: u8 = 2;
const RANK_ISPDB: u8 = 3;
const RANK_MX: u8 = 4;
const RANK_HTTP_AUTOCONFIG: u8 = 5;
const RANK_HTTP_WELL_KNOWN: u8 = 6;
const RANK_SRV: u8 = 7;
const RANK_GUESS: u8 = 8;

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

fn nothing_found(discovery: Discovery) -> Result<Discovery, DiscoverError> {
    if discovery.imap.is_none() && discovery.pop3.is_none() {
        return Err(DiscoverError::NothingFound {
            address: discovery.address,
            attempts: discovery.attempts,
        });
    }
    Ok(discovery)
}

/// Every kind settled: its best answer is in and every better-ranked source has finished.
/// A kind nobody has answered for yet settles only when every source has finished.
fn settled(results: &[Found], pending: &BTreeMap<u8, (Source, String)>) -> bool {
    if pending.is_empty() {
        return true;
    }
    let first_pending = pending.keys().next().copied().unwrap_or(u8::MAX);
    ServerKind::ALL.iter().all(|kind| {
        results
            .iter()
            .filter(|f| f.servers.iter().any(|s| s.kind == *kind))
            .map(|f| f.rank)
            .min()
            .is_some_and(|best| best < first_pending)
    })
}

/// What a query value must escape: all but RFC 3986's unreserved characters.
const QUERY_VALUE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

type Job = (u8, Source, String, BoxFuture<'static, Found>);

fn sources(ctx: &Arc<Context>) -> Vec<Job> {
    let domain = &ctx.domain;
    let address = &ctx.address;
    let query: String = percent_encoding::utf8_percent_encode(address, QUERY_VALUE).to_string();
    let mut jobs: Vec<Job> = Vec::new();
    let mut add = |rank: u8, source: Source, target: String, job: BoxFuture<'static, Found>| {
        jobs.push((rank, source, target, job));
    };

    let c = ctx.clone();
    add(
        RANK_BUNDLED,
        Source::Bundled,
        format!("bundled {domain}"),
        Box::pin(async move { bundled(&c, RANK_BUNDLED) }),
    );

    let autoconfig =
        format!("https://autoconfig.{domain}/mail/config-v1.1.xml?emailaddress={query}");
    let well_known = format!("https://{domain}/.well-known/autoconfig/mail/config-v1.1.xml");
    for (rank, url) in [
        (RANK_AUTOCONFIG, autoconfig.clone()),
        (RANK_WELL_KNOWN, well_known.clone()),
    ] {
        let c = ctx.clone();
        let u = url.clone();
        add(
            rank,
            Source::Autoconfig,
            url,
            Box::pin(async move { from_url(&c, rank, Source::Autoconfig, &u).await }),
        );
    }

    let ispdb = ispdb_url(&ctx.settings.ispdb_url, domain);
    let c = ctx.clone();
    let u = ispdb.clone();
    add(
        RANK_ISPDB,
        Source::Ispdb,
        ispdb,
        Box::pin(async move { from_url(&c, RANK_ISPDB, Source::Ispdb, &u).await }),
    );

    let c = ctx.clone();
    add(
        RANK_MX,
        Source::Mx,
        format!("MX {domain}"),
        Box::pin(async move { mx(&c).await }),
    );

    if ctx.settings.allow_http {
        for (rank, url) in [
            (
                RANK_HTTP_AUTOCONFIG,
                autoconfig.replacen("https://", "http://", 1),
            ),
            (
                RANK_HTTP_WELL_KNOWN,
                well_known.replacen("https://", "http://", 1),
            ),
        ] {
            let c = ctx.clone();
            let u = url.clone();
            add(
                rank,
                Source::Autoconfig,
                url,
                Box::pin(async move { from_url(&c, rank, Source::Autoconfig, &u).await }),
            );
        }
    }

    let c = ctx.clone();
    add(
        RANK_SRV,
        Source::Srv,
        format!("SRV {domain}"),
        Box::pin(async move { srv(&c).await }),
    );

    if ctx.settings.guess {
        let c = ctx.clone();
        add(
            RANK_GUESS,
            Source::Guess,
            format!("guess {domain}"),
            Box::pin(async move {
                let (servers, attempts) = guess::guess(&c).await;
                Found {
                    rank: RANK_GUESS,
                    provider: None,
                    servers,
                    attempts,
                }
            }),
        );
    }
    jobs
}

fn ispdb_url(base: &str, domain: &str) -> String {
    if base.contains("{domain}") {
        base.replace("{domain}", domain)
    } else if base.ends_with('/') {
        format!("{base}{domain}")
    } else {
        format!("{base}/{domain}")
    }
}

/// Servers from a provider file, with the address filled in.
fn instantiate(
    ctx: &Context,
    file: &xml::ProviderFile,
    source: Source,
    origin: &str,
    insecure: bool,
) -> Vec<ServerConfig> {
    file.servers
        .iter()
        .map(|entry| ServerConfig {
            kind: entry.kind,
            host: xml::fill(&entry.hostname, &ctx.address).to_ascii_lowercase(),
            port: entry.port,
            security: entry.security,
            username: xml::fill(&entry.username, &ctx.address),
            auth: entry.auth,
            source,
            origin: origin.to_owned(),
            insecure_source: insecure,
            other_domain: false,
        })
        .collect()
}

fn bundled(ctx: &Context, rank: u8) -> Found {
    let target = format!("bundled {}", ctx.domain);
    let (servers, provider, outcome) = match providers::lookup(&ctx.domain) {
        Some((file_name, file)) => {
            let servers = instantiate(
                ctx,
                file,
                Source::Bundled,
                &format!("bundled:{file_name}"),
                false,
            );
            let n = servers.len();
            (
                servers,
                Some(file.display_name.clone()),
                Outcome::Found { servers: n },
            )
        }
        None => (
            Vec::new(),
            None,
            Outcome::NotFound {
                reason: "not in the bundled database".into(),
            },
        ),
    };
    let attempt = Attempt::new(Source::Bundled, target, outcome);
    ctx.progress.finished(&attempt);
    Found {
        rank,
        provider,
        servers,
        attempts: vec![attempt],
    }
}

/// Fetches and reads one autoconfig file.
async fn fetch_file(
    ctx: &Context,
    source: Source,
    url: &str,
) -> (Option<xml::ProviderFile>, Attempt) {
    ctx.progress.trying(source, url);
    let direct = ctx.settings.dns_server.is_some();
    let (file, outcome) = match http::fetch(url, &ctx.tls, &ctx.dns, direct).await {
        Ok(text) => match xml::parse(&text) {
            Ok(file) if file.servers.is_empty() => (
                None,
                Outcome::Invalid {
                    reason: "it lists no IMAP, POP3 or SMTP server".into(),
                },
            ),
            Ok(file) => {
                let n = file.servers.len();
                (Some(file), Outcome::Found { servers: n })
            }
            Err(e) => {
                tracing::info!(url, error = %e, "an autoconfig file was ignored");
                (
                    None,
                    Outcome::Invalid {
                        reason: e.to_string(),
                    },
                )
            }
        },
        Err(http::FetchError::Certificate(problem)) => (None, Outcome::Certificate { problem }),
        Err(e) => (
            None,
            Outcome::NotFound {
                reason: e.to_string(),
            },
        ),
    };
    let attempt = Attempt::new(source, url, outcome);
    ctx.progress.finished(&attempt);
    (file, attempt)
}

async fn from_url(ctx: &Context, rank: u8, source: Source, url: &str) -> Found {
    let (file, attempt) = fetch_file(ctx, source, url).await;
    let insecure = url.starts_with("http://");
    let servers = file
        .as_ref()
        .map(|f| instantiate(ctx, f, source, url, insecure))
        .unwrap_or_default();
    Found {
        rank,
        provider: file.map(|f| f.display_name).filter(|n| !n.is_empty()),
        servers,
        attempts: vec![attempt],
    }
}

/// MX → the provider behind it: its sub-domain, then its base domain, each looked up in the
/// bundled database, over HTTPS autoconfig and in the ISPDB.
async fn mx(ctx: &Context) -> Found {
    let target = format!("MX {}", ctx.domain);
    ctx.progress.trying(Source::Mx, &target);
    let mut found = Found {
        rank: RANK_MX,
        provider: None,
        servers: Vec::new(),
        attempts: Vec::new(),
    };
    let host = match ctx.dns.mx(&ctx.domain).await {
        Ok(Some(host)) => host,
        Ok(None) => {
            found.attempts.push(Attempt::new(
                Source::Mx,
                target,
                Outcome::NotFound {
                    reason: "no MX record".into(),
                },
            ));
            return found;
        }
        Err(reason) => {
            found.attempts.push(Attempt::new(
                Source::Mx,
                target,
                Outcome::NotFound { reason },
            ));
            return found;
        }
    };
    let own_base = domain::base_domain(&ctx.domain);
    let mut candidates: Vec<String> = Vec::new();
    if let Some(parent) = domain::parent(&host).filter(|p| p.contains('.')) {
        candidates.push(parent);
    }
    candidates.push(domain::base_domain(&host));
    candidates.dedup();
    candidates.retain(|c| *c != ctx.domain && domain::base_domain(c) != own_base);
    // The MX host itself is no server configuration, only the lead to one.
    found.attempts.push(Attempt::new(
        Source::Mx,
        format!("{target} → {host}"),
        Outcome::Found { servers: 0 },
    ));
    for candidate in candidates {
        let origin = format!("MX {host} → {candidate}");
        if let Some((file_name, file)) = providers::lookup(&candidate) {
            found.servers = instantiate(
                ctx,
                file,
                Source::Mx,
                &format!("{origin} (bundled:{file_name})"),
                false,
            );
            found.provider = Some(file.display_name.clone());
            found.attempts.push(Attempt::new(
                Source::Mx,
                format!("bundled {candidate}"),
                Outcome::Found {
                    servers: found.servers.len(),
                },
            ));
            return found;
        }
        // The address is not sent to a domain the user did not name.
        let autoconfig = format!("https://autoconfig.{candidate}/mail/config-v1.1.xml");
        let ispdb = ispdb_url(&ctx.settings.ispdb_url, &candidate);
        let ((a, a_try), (i, i_try)) = futures::join!(
            fetch_file(ctx, Source::Mx, &autoconfig),
            fetch_file(ctx, Source::Mx, &ispdb)
        );
        found.attempts.push(a_try);
        found.attempts.push(i_try);
        if let Some((file, url)) = a.map(|f| (f, autoconfig)).or(i.map(|f| (f, ispdb))) {
            found.servers =
                instantiate(ctx, &file, Source::Mx, &format!("{origin} ({url})"), false);
            found.provider = Some(file.display_name).filter(|n| !n.is_empty());
            return found;
        }
    }
    found
}

/// RFC 6186 service records; the implicit-TLS services (RFC 8314) rank first.
async fn srv(ctx: &Context) -> Found {
    const SERVICES: [(&str, ServerKind, Security); 6] = [
        ("_imaps._tcp", ServerKind::Imap, Security::Tls),
        ("_imap._tcp", ServerKind::Imap, Security::Starttls),
        ("_pop3s._tcp", ServerKind::Pop3, Security::Tls),
        ("_pop3._tcp", ServerKind::Pop3, Security::Starttls),
        ("_submissions._tcp", ServerKind::Smtp, Security::Tls),
        ("_submission._tcp", ServerKind::Smtp, Security::Starttls),
    ];
    let lookups = SERVICES.iter().map(|(service, kind, security)| {
        let name = format!("{service}.{}", ctx.domain);
        async move {
            ctx.progress.trying(Source::Srv, &name);
            let result = ctx.dns.srv(&name).await;
            (name, *kind, *security, result)
        }
    });
    let mut found = Found {
        rank: RANK_SRV,
        provider: None,
        servers: Vec::new(),
        attempts: Vec::new(),
    };
    for (name, kind, security, result) in futures::future::join_all(lookups).await {
        let outcome = match result {
            Ok(records) => match records.first() {
                Some(best) => {
                    found.servers.push(ServerConfig {
                        kind,
                        host: best.target.clone(),
                        port: best.port,
                        security,
                        username: ctx.address.clone(),
                        auth: Auth::Password,
                        source: Source::Srv,
                        origin: name.clone(),
                        insecure_source: false,
                        other_domain: false,
                    });
                    Outcome::Found { servers: 1 }
                }
                None => Outcome::NotFound {
                    reason: "the service is not offered".into(),
                },
            },
            Err(reason) => Outcome::NotFound { reason },
        };
        let attempt = Attempt::new(Source::Srv, name, outcome);
        ctx.progress.finished(&attempt);
        found.attempts.push(attempt);
    }
    found
}

/// The best server of each kind from the best-ranked source, the rest as alternatives.
fn merge(ctx: &Context, mut results: Vec<Found>, timed_out: Vec<Attempt>) -> Discovery {
    results.sort_by_key(|f| f.rank);
    let provider = results.iter().find_map(|f| f.provider.clone());
    let mut all: Vec<ServerConfig> = Vec::new();
    let mut attempts = Vec::new();
    for found in results {
        attempts.extend(found.attempts);
        for mut server in found.servers {
            server.other_domain = domain::is_other_domain(&server.host, &ctx.domain);
            let duplicate = all.iter().any(|s| {
                s.kind == server.kind
                    && s.host == server.host
                    && s.port == server.port
                    && s.security == server.security
            });
            if !duplicate {
                all.push(server);
            }
        }
    }
    attempts.extend(timed_out);
    let mut best = |kind: ServerKind| {
        let index = all.iter().position(|s| s.kind == kind)?;
        Some(all.remove(index))
    };
    let (imap, pop3, smtp) = (
        best(ServerKind::Imap),
        best(ServerKind::Pop3),
        best(ServerKind::Smtp),
    );
    let mut warnings = Vec::new();
    for server in [&imap, &pop3, &smtp].into_iter().flatten() {
        if server.insecure_source {
            warnings.push(Warning::InsecureHttp {
                kind: server.kind,
                url: server.origin.clone(),
            });
        }
        if server.security == Security::Plain {
            warnings.push(Warning::Plaintext {
                kind: server.kind,
                host: server.host.clone(),
                port: server.port,
            });
        }
        if server.other_domain {
            warnings.push(Warning::OtherDomain {
                kind: server.kind,
                host: server.host.clone(),
            });
        }
    }
    Discovery {
        address: ctx.address.clone(),
        domain: ctx.domain.clone(),
        provider,
        imap,
        pop3,
        smtp,
        alternatives: all,
        warnings,
        attempts,
    }
}

#[cfg(test)]
mod tests;
