//! A local DNS server for discovery tests: dnsmasq (Debian's `dnsmasq-base`) on a free
//! 127.0.0.1 port with A, MX and SRV records for test domains. It is authoritative for
//! `.test` (unknown names there are NXDOMAIN) and has no upstream, so no question ever
//! leaves the machine. Also a server that never answers, for the timeout tests.

use std::net::{Ipv4Addr, SocketAddr, UdpSocket};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use super::system::{self, free_port, need, wait_until};

pub const PACKAGES: &[system::Needed] = &[need("dnsmasq", "dnsmasq-base")];

/// The records a test serves.
#[derive(Debug, Clone, Default)]
pub struct Records {
    hosts: Vec<(String, Ipv4Addr)>,
    mx: Vec<(String, String, u16)>,
    srv: Vec<(String, String, u16, u16, u16)>,
}

impl Records {
    pub fn new() -> Self {
        Self::default()
    }

    /// `name` → `ip` (A record).
    pub fn host(mut self, name: &str, ip: Ipv4Addr) -> Self {
        self.hosts.push((name.into(), ip));
        self
    }

    /// An MX record: mail for `domain` goes to `target`.
    pub fn mx(mut self, domain: &str, target: &str, preference: u16) -> Self {
        self.mx.push((domain.into(), target.into(), preference));
        self
    }

    /// A SRV record, e.g. `_imaps._tcp.example.test` → `target:port`.
    pub fn srv(mut self, name: &str, target: &str, port: u16, priority: u16, weight: u16) -> Self {
        self.srv
            .push((name.into(), target.into(), port, priority, weight));
        self
    }
}

/// A running dnsmasq. Dropping it stops it.
pub struct LocalDns {
    pub addr: SocketAddr,
    child: Child,
    log: PathBuf,
    _dir: tempfile::TempDir,
}

impl LocalDns {
    pub fn start(records: &Records) -> Self {
        system::require(PACKAGES);
        let dir = tempfile::Builder::new()
            .prefix("tidings-dns-")
            .tempdir()
            .expect("dns dir");
        let log = dir.path().join("dnsmasq.log");
        for _ in 0..3 {
            let port = free_port();
            let mut cmd = Command::new("dnsmasq");
            cmd.args([
                "--keep-in-foreground",
                "--conf-file=/dev/null",
                "--no-resolv",
                "--no-hosts",
                "--no-poll",
                "--bind-interfaces",
                "--listen-address=127.0.0.1",
                "--user=root",
                "--pid-file=",
                "--log-queries",
                "--local=/test/",
            ])
            .arg(format!("--port={port}"))
            .arg(format!("--log-facility={}", log.display()));
            for (name, ip) in &records.hosts {
                cmd.arg(format!("--host-record={name},{ip}"));
            }
            for (domain, target, pref) in &records.mx {
                cmd.arg(format!("--mx-host={domain},{target},{pref}"));
            }
            for (name, target, port, prio, weight) in &records.srv {
                cmd.arg(format!("--srv-host={name},{target},{port},{prio},{weight}"));
            }
            let mut child = cmd
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("start dnsmasq");
            let ready = wait_until(10.0, || {
                std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
            });
            if ready {
                return Self {
                    addr: SocketAddr::from(([127, 0, 0, 1], port)),
                    child,
                    log,
                    _dir: dir,
                };
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        panic!(
            "dnsmasq did not start:\n{}",
            std::fs::read_to_string(&log).unwrap_or_default()
        );
    }

    /// What dnsmasq logged (every query), for failure messages.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for LocalDns {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A DNS server that reads every question and never answers, over UDP and TCP.
pub struct SilentDns {
    pub addr: SocketAddr,
    _udp: UdpSocket,
    _tcp: std::net::TcpListener,
}

impl SilentDns {
    pub fn start() -> Self {
        for _ in 0..20 {
            let port = free_port();
            let Ok(tcp) = std::net::TcpListener::bind(("127.0.0.1", port)) else {
                continue;
            };
            let Ok(udp) = UdpSocket::bind(("127.0.0.1", port)) else {
                continue;
            };
            // Nobody reads: UDP questions pile up unanswered, TCP connections wait in the
            // backlog (the kernel accepts them) and never get a byte back.
            return Self {
                addr: SocketAddr::from(([127, 0, 0, 1], port)),
                _udp: udp,
                _tcp: tcp,
            };
        }
        panic!("no free port for the silent DNS server");
    }
}
