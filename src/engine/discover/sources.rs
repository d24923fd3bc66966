//! The sources discovery asks, each as one job with its rank: the bundled database,
//! autoconfig files over HTTPS (and plain HTTP), the ISPDB, the provider behind the MX host,
//! and RFC 6186 SRV records. Guessing is in `guess`.

use std::sync::Arc;

use futures::future::BoxFuture;

use crate::engine::account::{Auth, Security};
use crate::engine::discover::{Attempt, Context, Outcome, ServerConfig, ServerKind, Source};
use crate::engine::discover::{domain, guess, http, providers, xml};

/// What one source produced.
pub(super) struct Found {
    pub rank: u8,
    pub provider: Option<String>,
    pub servers: Vec<ServerConfig>,
    pub attempts: Vec<Attempt>,
}

pub(super) const RANK_BUNDLED: u8 = 0;
pub(super) const RANK_AUTOCONFIG: u8 = 1;
pub(super) const RANK_WELL_KNOWN: u8 = 2;
pub(super) const RANK_ISPDB: u8 = 3;
pub(super) const RANK_MX: u8 = 4;
pub(super) const RANK_HTTP_AUTOCONFIG: u8 = 5;
pub(super) const RANK_HTTP_WELL_KNOWN: u8 = 6;
pub(super) const RANK_SRV: u8 = 7;
pub(super) const RANK_GUESS: u8 = 8;

/// What a query value must escape: all but RFC 3986's unreserved characters.
pub(super) const QUERY_VALUE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

pub(super) type Job = (u8, Source, String, BoxFuture<'static, Found>);

pub(super) fn sources(ctx: &Arc<Context>) -> Vec<Job> {
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

pub(super) fn ispdb_url(base: &str, domain: &str) -> String {
    if base.contains("{domain}") {
        base.replace("{domain}", domain)
    } else if base.ends_with('/') {
        format!("{base}{domain}")
    } else {
        format!("{base}/{domain}")
    }
}

/// Servers from a provider file, with the address filled in.
pub(super) fn instantiate(
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

pub(super) fn bundled(ctx: &Context, rank: u8) -> Found {
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
pub(super) async fn fetch_file(
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

pub(super) async fn from_url(ctx: &Context, rank: u8, source: Source, url: &str) -> Found {
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
pub(super) async fn mx(ctx: &Context) -> Found {
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
pub(super) async fn srv(ctx: &Context) -> Found {
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
