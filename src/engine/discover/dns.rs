//! DNS for discovery: MX and SRV records, and host addresses for probes and HTTPS, through
//! one resolver that honours a chosen DNS server (`--dns-server`) or else the system's.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use hickory_resolver::TokioResolver;
use hickory_resolver::config::{
    ConnectionConfig, NameServerConfig, ResolveHosts, ResolverConfig, ResolverOpts,
};
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::proto::rr::RData;

/// How long one DNS question may take before it counts as unanswered.
const QUERY_TIMEOUT: Duration = Duration::from_secs(3);

/// A service record (RFC 2782) that points somewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceRecord {
    pub priority: u16,
    pub weight: u16,
    pub port: u16,
    pub target: String,
}

/// The resolver of one discovery run. Cheap to clone.
#[derive(Clone)]
pub struct Dns {
    resolver: Arc<TokioResolver>,
}

impl std::fmt::Debug for Dns {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Dns")
    }
}

impl Dns {
    /// A resolver asking `server` only, or the system's resolvers when `None`.
    pub fn new(server: Option<SocketAddr>) -> Result<Self, String> {
        let mut options = ResolverOpts::default();
        options.timeout = QUERY_TIMEOUT;
        options.attempts = 1;
        let builder = match server {
            Some(addr) => {
                let mut udp = ConnectionConfig::udp();
                udp.port = addr.port();
                let mut tcp = ConnectionConfig::tcp();
                tcp.port = addr.port();
                let config = ResolverConfig::from_name_servers(vec![NameServerConfig::new(
                    addr.ip(),
                    true,
                    vec![udp, tcp],
                )]);
                // A chosen server is the only truth: /etc/hosts does not override it.
                options.use_hosts_file = ResolveHosts::Never;
                TokioResolver::builder_with_config(config, TokioRuntimeProvider::default())
            }
            None => TokioResolver::builder_tokio().map_err(|e| e.to_string())?,
        };
        let resolver = builder
            .with_options(options)
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Self {
            resolver: Arc::new(resolver),
        })
    }

    /// The most preferred mail exchanger of `domain`, without the trailing dot.
    pub async fn mx(&self, domain: &str) -> Result<Option<String>, String> {
        let lookup = self
            .resolver
            .mx_lookup(fqdn(domain))
            .await
            .map_err(|e| e.to_string())?;
        let best = lookup
            .answers()
            .iter()
            .filter_map(|r| match &r.data {
                RData::MX(mx) => Some((mx.preference, name(&mx.exchange.to_string()))),
                _ => None,
            })
            .filter(|(_, host)| !host.is_empty())
            .min();
        Ok(best.map(|(_, host)| host))
    }

    /// The service records of `name` (e.g. `_imaps._tcp.example.com`), best first: lowest
    /// priority, then highest weight. A single record with target "." means the service is
    /// decidedly not offered (RFC 2782), which comes back as an empty list.
    pub async fn srv(&self, query: &str) -> Result<Vec<ServiceRecord>, String> {
        let lookup = self
            .resolver
            .srv_lookup(fqdn(query))
            .await
            .map_err(|e| e.to_string())?;
        let mut records: Vec<ServiceRecord> = lookup
            .answers()
            .iter()
            .filter_map(|r| match &r.data {
                RData::SRV(srv) => Some(ServiceRecord {
                    priority: srv.priority,
                    weight: srv.weight,
                    port: srv.port,
                    target: name(&srv.target.to_string()),
                }),
                _ => None,
            })
            .filter(|r| !r.target.is_empty() && r.port != 0)
            .collect();
        records.sort_by_key(|r| (r.priority, std::cmp::Reverse(r.weight)));
        Ok(records)
    }

    /// The addresses of `host` (an IP address is returned as it is).
    pub async fn addresses(&self, host: &str) -> Result<Vec<IpAddr>, String> {
        if let Ok(ip) = host.parse::<IpAddr>() {
            return Ok(vec![ip]);
        }
        let lookup = self
            .resolver
            .lookup_ip(fqdn(host))
            .await
            .map_err(|e| e.to_string())?;
        let ips: Vec<IpAddr> = lookup.iter().collect();
        if ips.is_empty() {
            return Err(format!("{host} has no address"));
        }
        Ok(ips)
    }
}

/// Asks for the name as it is, never with a search domain appended.
fn fqdn(name: &str) -> String {
    if name.ends_with('.') {
        name.to_owned()
    } else {
        format!("{name}.")
    }
}

/// A DNS name as we keep it: lower-case, no trailing dot ("." becomes "").
fn name(raw: &str) -> String {
    raw.trim_end_matches('.').to_ascii_lowercase()
}

/// Lets reqwest resolve through the same resolver.
impl reqwest::dns::Resolve for Dns {
    fn resolve(&self, host: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let dns = self.clone();
        let host = host.as_str().to_owned();
        Box::pin(async move {
            let ips = dns
                .addresses(&host)
                .await
                .map_err(|e| -> Box<dyn std::error::Error + Send + Sync> { e.into() })?;
            let addrs: reqwest::dns::Addrs =
                Box::new(ips.into_iter().map(|ip| SocketAddr::new(ip, 0)));
            Ok(addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_normalised() {
        assert_eq!(fqdn("example.test"), "example.test.");
        assert_eq!(fqdn("example.test."), "example.test.");
        assert_eq!(name("MX1.Example.TEST."), "mx1.example.test");
        assert_eq!(name("."), "");
    }

    #[tokio::test]
    async fn ip_addresses_need_no_lookup() {
        // A server that does not exist: an IP literal must not ask it anything.
        let dns = Dns::new(Some("127.0.0.1:9".parse().unwrap())).unwrap();
        assert_eq!(
            dns.addresses("127.0.0.5").await.unwrap(),
            vec!["127.0.0.5".parse::<IpAddr>().unwrap()]
        );
    }
}
