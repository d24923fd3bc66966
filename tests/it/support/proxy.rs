//! A TCP proxy between a client and a harness server that cuts or stalls connections at
//! chosen points, for the tests that prove nothing is lost or doubled when the network fails.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

/// What the proxy does to each new connection.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Fault {
    /// Pass everything through.
    #[default]
    None,
    /// Refuse connections (accept, then close at once).
    Refuse,
    /// Close the connection once this many bytes went from server to client.
    CutAfterServerBytes(usize),
    /// Close the connection once this many bytes went from client to server.
    CutAfterClientBytes(usize),
    /// Close the connection when the client sends `pattern`; with `deliver` the pattern still
    /// reaches the server first (the command was sent, its answer is lost), without it the
    /// server never sees it.
    CutOnClient { pattern: Vec<u8>, deliver: bool },
    /// Close the connection when the server sends `pattern`; with `deliver` the client gets
    /// the pattern first.
    CutOnServer { pattern: Vec<u8>, deliver: bool },
    /// Stop forwarding (both ways) after this many bytes from the server, keeping the
    /// connection open: a server that hangs.
    StallAfterServerBytes(usize),
}

pub struct FaultProxy {
    pub port: u16,
    fault: Arc<Mutex<Fault>>,
    accepted: Arc<AtomicUsize>,
    cuts: Arc<AtomicUsize>,
    shutdown: watch::Sender<bool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl FaultProxy {
    /// Starts a proxy on a free 127.0.0.1 port in front of `127.0.0.1:upstream`.
    pub fn start(upstream: u16) -> Self {
        let fault = Arc::new(Mutex::new(Fault::None));
        let accepted = Arc::new(AtomicUsize::new(0));
        let cuts = Arc::new(AtomicUsize::new(0));
        let (shutdown, shutdown_rx) = watch::channel(false);
        let std_listener = std::net::TcpListener::bind("127.0.0.1:0").expect("proxy bind");
        std_listener.set_nonblocking(true).expect("nonblocking");
        let port = std_listener.local_addr().expect("addr").port();
        let state = (fault.clone(), accepted.clone(), cuts.clone());
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("proxy runtime");
            rt.block_on(async move {
                let listener = TcpListener::from_std(std_listener).expect("listener");
                accept_loop(listener, upstream, state, shutdown_rx).await;
            });
        });
        Self {
            port,
            fault,
            accepted,
            cuts,
            shutdown,
            thread: Some(thread),
        }
    }

    /// Sets what happens to connections made from now on.
    pub fn set(&self, fault: Fault) {
        *self.fault.lock().expect("fault lock") = fault;
    }

    /// How many connections were accepted so far.
    pub fn connections(&self) -> usize {
        self.accepted.load(Ordering::SeqCst)
    }

    /// How many connections the proxy cut so far.
    pub fn cuts(&self) -> usize {
        self.cuts.load(Ordering::SeqCst)
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

type Shared = (Arc<Mutex<Fault>>, Arc<AtomicUsize>, Arc<AtomicUsize>);

async fn accept_loop(
    listener: TcpListener,
    upstream: u16,
    state: Shared,
    mut shutdown: watch::Receiver<bool>,
) {
    loop {
        tokio::select! {
            _ = shutdown.changed() => return,
            accepted = listener.accept() => {
                let Ok((client, _)) = accepted else { continue };
                state.1.fetch_add(1, Ordering::SeqCst);
                let fault = state.0.lock().expect("fault lock").clone();
                let cuts = state.2.clone();
                let stop = shutdown.clone();
                tokio::spawn(async move {
                    if fault == Fault::Refuse {
                        cuts.fetch_add(1, Ordering::SeqCst);
                        return;
                    }
                    let Ok(server) = TcpStream::connect(("127.0.0.1", upstream)).await else { return };
                    if relay(client, server, fault, stop).await {
                        cuts.fetch_add(1, Ordering::SeqCst);
                    }
                });
            }
        }
    }
}

/// What one direction of the relay must watch for.
#[derive(Clone)]
enum Trigger {
    None,
    AfterBytes(usize),
    Pattern { pattern: Vec<u8>, deliver: bool },
    StallAfter(usize),
}

/// Relays both ways; returns true when the fault cut the connection.
async fn relay(
    client: TcpStream,
    server: TcpStream,
    fault: Fault,
    mut stop: watch::Receiver<bool>,
) -> bool {
    let (to_server, to_client) = match fault {
        Fault::CutAfterServerBytes(n) => (Trigger::None, Trigger::AfterBytes(n)),
        Fault::CutAfterClientBytes(n) => (Trigger::AfterBytes(n), Trigger::None),
        Fault::CutOnClient { pattern, deliver } => {
            (Trigger::Pattern { pattern, deliver }, Trigger::None)
        }
        Fault::CutOnServer { pattern, deliver } => {
            (Trigger::None, Trigger::Pattern { pattern, deliver })
        }
        Fault::StallAfterServerBytes(n) => (Trigger::None, Trigger::StallAfter(n)),
        Fault::None | Fault::Refuse => (Trigger::None, Trigger::None),
    };
    let (cr, cw) = client.into_split();
    let (sr, sw) = server.into_split();
    let up = pump(cr, sw, to_server);
    let down = pump(sr, cw, to_client);
    tokio::pin!(up, down);
    // Whichever direction ends first ends the connection, as a cut cable would.
    tokio::select! {
        cut = &mut up => cut,
        cut = &mut down => cut,
        _ = stop.changed() => false,
    }
}

/// Copies one direction; returns true when it cut the connection on purpose.
async fn pump(
    mut from: tokio::net::tcp::OwnedReadHalf,
    mut to: tokio::net::tcp::OwnedWriteHalf,
    trigger: Trigger,
) -> bool {
    let mut buf = vec![0u8; 16 * 1024];
    let mut passed = 0usize;
    let mut window: Vec<u8> = Vec::new();
    loop {
        let n = match from.read(&mut buf).await {
            Ok(0) | Err(_) => {
                let _ = to.shutdown().await;
                return false;
            }
            Ok(n) => n,
        };
        let chunk = &buf[..n];
        match &trigger {
            Trigger::None => {}
            Trigger::AfterBytes(limit) | Trigger::StallAfter(limit) => {
                if passed + n >= *limit {
                    let keep = limit.saturating_sub(passed);
                    let _ = to.write_all(&chunk[..keep]).await;
                    let _ = to.flush().await;
                    if matches!(trigger, Trigger::StallAfter(_)) {
                        // Hold both sockets open and forward nothing more.
                        std::future::pending::<()>().await;
                    }
                    return true;
                }
            }
            Trigger::Pattern { pattern, deliver } => {
                let start = window.len();
                window.extend_from_slice(chunk);
                if let Some(at) = find(&window, pattern) {
                    let end = if *deliver { at + pattern.len() } else { at };
                    let from_chunk = end.saturating_sub(start);
                    let _ = to.write_all(&chunk[..from_chunk.min(n)]).await;
                    let _ = to.flush().await;
                    return true;
                }
                let keep_from = window.len().saturating_sub(pattern.len());
                window.drain(..keep_from);
            }
        }
        passed += n;
        if to.write_all(chunk).await.is_err() {
            return false;
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}
