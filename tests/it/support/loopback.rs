//! Addresses of our own in 127.0.0.0/8, so a test can serve a domain on the standard ports
//! (443, 993, 587...) without clashing with other tests running at the same time, and
//! forwarders from those ports to the harness servers.

use std::net::{Ipv4Addr, SocketAddr, TcpListener};

use tokio::io::copy_bidirectional;
use tokio::sync::watch;

/// A loopback address other than 127.0.0.1 with `ports` bound on it, for this test only.
/// Tests run as root (the harness requires it), so the low ports may be bound.
pub fn claim(ports: &[u16]) -> (Ipv4Addr, Vec<TcpListener>) {
    for _ in 0..200 {
        let bytes: [u8; 3] = rand::random();
        // 127.0.0.x and 127.255.255.255 are left alone.
        if bytes[0] == 0 || bytes == [255, 255, 255] {
            continue;
        }
        let ip = Ipv4Addr::new(127, bytes[0], bytes[1], bytes[2]);
        let listeners: Result<Vec<_>, _> = ports
            .iter()
            .map(|p| TcpListener::bind(SocketAddr::from((ip, *p))))
            .collect();
        if let Ok(listeners) = listeners {
            return (ip, listeners);
        }
    }
    panic!("no free loopback address for ports {ports:?} (the tests must run as root)");
}

/// Relays `ip:port` → `127.0.0.1:target` for each pair, until dropped.
pub struct Forward {
    pub ip: Ipv4Addr,
    shutdown: watch::Sender<bool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Forward {
    /// Claims an address and forwards each `(port, target)`.
    pub fn start(pairs: &[(u16, u16)]) -> Self {
        let ports: Vec<u16> = pairs.iter().map(|(p, _)| *p).collect();
        let (ip, listeners) = claim(&ports);
        let targets: Vec<u16> = pairs.iter().map(|(_, t)| *t).collect();
        let (shutdown, stop) = watch::channel(false);
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("forward runtime");
            rt.block_on(async move {
                let mut tasks = Vec::new();
                for (listener, target) in listeners.into_iter().zip(targets) {
                    listener.set_nonblocking(true).expect("nonblocking");
                    let listener =
                        tokio::net::TcpListener::from_std(listener).expect("listener");
                    let mut stop = stop.clone();
                    tasks.push(tokio::spawn(async move {
                        loop {
                            tokio::select! {
                                _ = stop.changed() => return,
                                accepted = listener.accept() => {
                                    let Ok((mut client, _)) = accepted else { continue };
                                    tokio::spawn(async move {
                                        if let Ok(mut server) =
                                            tokio::net::TcpStream::connect(("127.0.0.1", target)).await
                                        {
                                            let _ = copy_bidirectional(&mut client, &mut server).await;
                                        }
                                    });
                                }
                            }
                        }
                    }));
                }
                for t in tasks {
                    let _ = t.await;
                }
            });
        });
        Self {
            ip,
            shutdown,
            thread: Some(thread),
        }
    }
}

impl Drop for Forward {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
