//! The last resort: guess the usual host names on the standard ports and probe them, all in
//! parallel with short timeouts. A guess counts only with a certificate that verifies;
//! implicit TLS ranks before STARTTLS, and both before plaintext, then the host order.

use futures::future::join_all;

use crate::engine::account::{Auth, Security};
use crate::engine::discover::probe::{self, Mode};
use crate::engine::discover::{Attempt, Context, Outcome, ServerConfig, ServerKind, Source};

/// The host name prefixes tried for each kind of server, best first ("" is the bare domain).
fn prefixes(kind: ServerKind) -> &'static [&'static str] {
    match kind {
        ServerKind::Imap => &["imap.", "mail.", ""],
        ServerKind::Pop3 => &["pop3.", "pop.", "mail.", ""],
        ServerKind::Smtp => &["smtp.", "mail.", ""],
    }
}

/// The standard ports: implicit TLS (RFC 8314) and the STARTTLS/plaintext port.
fn ports(kind: ServerKind) -> [(u16, Mode); 2] {
    match kind {
        ServerKind::Imap => [(993, Mode::Tls), (143, Mode::Upgrade)],
        ServerKind::Pop3 => [(995, Mode::Tls), (110, Mode::Upgrade)],
        ServerKind::Smtp => [(465, Mode::Tls), (587, Mode::Upgrade)],
    }
}

fn security_rank(security: Security) -> u8 {
    match security {
        Security::Tls => 0,
        Security::Starttls => 1,
        Security::Plain => 2,
    }
}

/// Guesses and probes; returns the servers that answered, best first for each kind.
pub async fn guess(ctx: &Context) -> (Vec<ServerConfig>, Vec<Attempt>) {
    let mut hosts: Vec<String> = Vec::new();
    for kind in ServerKind::ALL {
        for prefix in prefixes(kind) {
            let host = format!("{prefix}{}", ctx.domain);
            if !hosts.contains(&host) {
                hosts.push(host);
            }
        }
    }
    let resolved = join_all(hosts.iter().map(|h| ctx.dns.addresses(h))).await;
    let mut attempts = Vec::new();
    let mut jobs = Vec::new();
    for (host, addrs) in hosts.iter().zip(resolved) {
        let addrs = match addrs {
            Ok(addrs) => addrs,
            Err(reason) => {
                attempts.push(Attempt::new(
                    Source::Guess,
                    host.clone(),
                    Outcome::NotFound { reason },
                ));
                continue;
            }
        };
        for kind in ServerKind::ALL {
            let Some(host_rank) = prefixes(kind)
                .iter()
                .position(|p| format!("{p}{}", ctx.domain) == *host)
            else {
                continue;
            };
            for (port, mode) in ports(kind) {
                let addrs = addrs.clone();
                let host = host.clone();
                jobs.push(async move {
                    let target = format!("{} {host}:{port}", kind.name());
                    ctx.progress.trying(Source::Guess, &target);
                    let result = probe::probe(kind, &host, &addrs, port, mode, &ctx.tls).await;
                    (kind, host, port, host_rank, target, result)
                });
            }
        }
    }
    let mut found = Vec::new();
    for (kind, host, port, host_rank, target, result) in join_all(jobs).await {
        let outcome = match result {
            Ok(security) => {
                found.push((
                    (security_rank(security), host_rank, port),
                    ServerConfig {
                        kind,
                        other_domain: false,
                        host: host.clone(),
                        port,
                        security,
                        username: ctx.address.clone(),
                        auth: Auth::Password,
                        source: Source::Guess,
                        origin: target.clone(),
                        insecure_source: false,
                    },
                ));
                Outcome::Found { servers: 1 }
            }
            Err(probe::ProbeError::Certificate(problem)) => Outcome::Certificate { problem },
            Err(probe::ProbeError::Timeout) => Outcome::TimedOut,
            Err(e) => Outcome::NotFound {
                reason: e.to_string(),
            },
        };
        let attempt = Attempt::new(Source::Guess, target, outcome);
        ctx.progress.finished(&attempt);
        attempts.push(attempt);
    }
    found.sort_by_key(|(rank, config)| (config.kind, *rank));
    (found.into_iter().map(|(_, c)| c).collect(), attempts)
}
