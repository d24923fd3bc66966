//! Putting the sources' answers together: when discovery may stop, and which server of
//! each kind wins.

use std::collections::BTreeMap;

use crate::engine::account::Security;
use crate::engine::discover::sources::Found;
use crate::engine::discover::{
    Attempt, Context, DiscoverError, Discovery, ServerConfig, ServerKind, Source, Warning, domain,
};

pub(super) fn nothing_found(discovery: Discovery) -> Result<Discovery, DiscoverError> {
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
pub(super) fn settled(results: &[Found], pending: &BTreeMap<u8, (Source, String)>) -> bool {
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

/// The best server of each kind from the best-ranked source, the rest as alternatives.
pub(super) fn merge(ctx: &Context, mut results: Vec<Found>, timed_out: Vec<Attempt>) -> Discovery {
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
