//! Small scripted servers for the hostile-server tests: each connection runs a script (an
//! async function) that reads the client's lines, answers whatever it likes, and can switch
//! to TLS with a certificate from its own test CA. Every line the client sends is recorded
//! with whether TLS was up, so a test can prove a secret never went out in plaintext.
//!
//! ```ignore
//! let server = Scripted::start(|mut peer| async move {
//!     peer.send("+OK hi\r\n").await;
//!     while let Some(line) = peer.line().await { ... }
//! });
//! let account = server.account(Protocol::Pop3, Security::Starttls);
//! server.assert_never_in_plaintext("secret");
//! ```

use std::future::Future;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use base64::Engine as _;
use tidings::engine::account::{
    Account, Auth, Pop3Options, Protocol, Security, Server, SyncOptions,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::watch;
use tokio_rustls::server::TlsStream;

use super::certs::{SERVER_NAMES, TestCa};

/// What the client sent: one line (without CR LF), and whether TLS was up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub tls: bool,
    pub line: String,
}

/// A running scripted server on 127.0.0.1. Dropping it stops it.
pub struct Scripted {
    pub port: u16,
    /// The test CA's certificate: trust it (`Account::ca_file`) to accept the TLS upgrade.
    pub ca_file: PathBuf,
    seen: Arc<Mutex<Vec<Seen>>>,
    connections: Arc<Mutex<usize>>,
    shutdown: watch::Sender<bool>,
    thread: Option<std::thread::JoinHandle<()>>,
    _dir: tempfile::TempDir,
}

enum Io {
    Plain(TcpStream),
    Tls(Box<TlsStream<TcpStream>>),
    Gone,
}

/// One client connection, as the script sees it.
pub struct Peer {
    io: Io,
    acceptor: tokio_rustls::TlsAcceptor,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Peer {
    pub fn is_tls(&self) -> bool {
        matches!(self.io, Io::Tls(_))
    }

    /// Sends bytes; a client that went away is not an error here.
    pub async fn send(&mut self, bytes: impl AsRef<[u8]>) -> bool {
        let bytes = bytes.as_ref();
        let result = match &mut self.io {
            Io::Plain(s) => s.write_all(bytes).await,
            Io::Tls(s) => s.write_all(bytes).await,
            Io::Gone => return false,
        };
        result.is_ok()
    }

    /// The client's next line without CR LF, or `None` once it closed the connection. Read
    /// a byte at a time, so nothing beyond the line is taken from the socket (a STARTTLS
    /// line is followed directly by the handshake).
    pub async fn line(&mut self) -> Option<String> {
        let mut line = Vec::new();
        loop {
            let byte = match &mut self.io {
                Io::Plain(s) => s.read_u8().await,
                Io::Tls(s) => s.read_u8().await,
                Io::Gone => return None,
            };
            match byte {
                Ok(b'\n') => break,
                Ok(b) => line.push(b),
                Err(_) if line.is_empty() => return None,
                Err(_) => break,
            }
        }
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        let text = String::from_utf8_lossy(&line).into_owned();
        self.seen.lock().expect("seen").push(Seen {
            tls: self.is_tls(),
            line: text.clone(),
        });
        Some(text)
    }

    /// Upgrades the connection: the TLS handshake as the server. False if it failed.
    pub async fn starttls(&mut self) -> bool {
        let Io::Plain(tcp) = std::mem::replace(&mut self.io, Io::Gone) else {
            return false;
        };
        match self.acceptor.accept(tcp).await {
            Ok(tls) => {
                self.io = Io::Tls(Box::new(tls));
                true
            }
            Err(_) => false,
        }
    }

    /// Sends `chunk` again and again until the client stops reading (an endless line or
    /// literal). Returns how many bytes went out.
    pub async fn flood(&mut self, chunk: &[u8]) -> u64 {
        let mut sent = 0u64;
        while self.send(chunk).await {
            sent += chunk.len() as u64;
        }
        sent
    }

    /// Closes the connection.
    pub async fn close(&mut self) {
        match std::mem::replace(&mut self.io, Io::Gone) {
            Io::Plain(mut s) => {
                let _ = s.shutdown().await;
            }
            Io::Tls(mut s) => {
                let _ = s.shutdown().await;
            }
            Io::Gone => {}
        }
    }
}

impl Scripted {
    /// Starts a server that runs `script` for every connection, with TLS (implicit) from
    /// the first byte when `implicit_tls`.
    pub fn start<F, Fut>(script: F) -> Self
    where
        F: Fn(Peer) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        Self::start_with(false, script)
    }

    /// A server that runs `serve` with its own copy of `behaviour` for every connection;
    /// with `implicit_tls` the connection is TLS from its first byte (ports 993, 995, 465).
    pub fn serving<B, S, Fut>(implicit_tls: bool, behaviour: B, serve: S) -> Self
    where
        B: Clone + Send + Sync + 'static,
        S: Fn(Peer, B) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        Self::start_with(implicit_tls, move |peer| serve(peer, behaviour.clone()))
    }

    pub fn start_with<F, Fut>(implicit_tls: bool, script: F) -> Self
    where
        F: Fn(Peer) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        tidings::install_crypto_provider();
        let dir = tempfile::Builder::new()
            .prefix("tidings-scripted-")
            .tempdir()
            .expect("temp dir");
        let ca = TestCa::new("Tidings scripted server CA");
        let ca_file = ca.write(&dir.path().join("ca.pem"));
        let cert = ca.server_cert(dir.path(), "scripted", SERVER_NAMES);
        let acceptor = cert.acceptor();

        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.set_nonblocking(true).expect("nonblocking");
        let port = listener.local_addr().expect("addr").port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let connections = Arc::new(Mutex::new(0));
        let (shutdown, mut stop) = watch::channel(false);
        let script = Arc::new(script);
        let (seen2, count) = (seen.clone(), connections.clone());
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("scripted server runtime");
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
                loop {
                    let accepted = tokio::select! {
                        _ = stop.changed() => return,
                        a = listener.accept() => a,
                    };
                    let Ok((tcp, _)) = accepted else { continue };
                    *count.lock().expect("count") += 1;
                    let (acceptor, seen, script) =
                        (acceptor.clone(), seen2.clone(), script.clone());
                    tokio::spawn(async move {
                        let mut peer = Peer {
                            io: Io::Plain(tcp),
                            acceptor,
                            seen,
                        };
                        if implicit_tls && !peer.starttls().await {
                            return;
                        }
                        script(peer).await;
                    });
                }
            });
        });
        Self {
            port,
            ca_file,
            seen,
            connections,
            shutdown,
            thread: Some(thread),
            _dir: dir,
        }
    }

    /// Every line any client sent, in order.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().expect("seen").clone()
    }

    /// The lines sent before TLS was up.
    pub fn plaintext(&self) -> Vec<String> {
        self.seen()
            .into_iter()
            .filter(|s| !s.tls)
            .map(|s| s.line)
            .collect()
    }

    pub fn connections(&self) -> usize {
        *self.connections.lock().expect("count")
    }

    /// Fails the test if the client sent any of `commands` (the first word of a line, or
    /// the second after an IMAP tag): the commands that would carry credentials.
    pub fn assert_no_command(&self, commands: &[&str]) {
        for seen in self.seen() {
            let upper = seen.line.to_ascii_uppercase();
            let sent = upper
                .split_whitespace()
                .take(2)
                .any(|w| commands.contains(&w));
            assert!(!sent, "a login was attempted: {seen:?}");
        }
    }

    /// Fails the test if `secret` went out before TLS: in a line as it is, or inside a
    /// base64 word (SASL PLAIN, LOGIN, XOAUTH2).
    pub fn assert_never_in_plaintext(&self, secret: &str) {
        for line in self.plaintext() {
            assert!(!line.contains(secret), "sent in plaintext: {line:?}");
            for word in line.split_whitespace() {
                if let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(word) {
                    let decoded = String::from_utf8_lossy(&bytes);
                    assert!(
                        !decoded.contains(secret),
                        "sent in plaintext, base64: {line:?}"
                    );
                }
            }
        }
    }

    /// An account of `protocol` whose incoming and outgoing server is this one.
    pub fn account(&self, protocol: Protocol, security: Security) -> Account {
        let server = Server {
            host: "127.0.0.1".into(),
            port: self.port,
            security,
            username: "alice@example.test".into(),
            auth: Auth::Password,
        };
        Account {
            name: "hostile".into(),
            email: "alice@example.test".into(),
            display_name: "Alice".into(),
            protocol,
            incoming: server.clone(),
            outgoing: server,
            pop3: Pop3Options::default(),
            sync: SyncOptions::default(),
            signature: String::new(),
            save_sent_copy: false,
            ca_file: Some(self.ca_file.clone()),
            accepted_certs: Vec::new(),
        }
    }
}

impl Drop for Scripted {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The peak resident memory of this process so far, in bytes (Linux `VmHWM`).
pub fn peak_rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// Whether text is safe to show: no control characters (other than none at all), no
/// terminal escapes, no invisible or direction-changing characters.
pub fn is_clean(text: &str) -> bool {
    !text
        .chars()
        .any(|c| c.is_control() || tidings::engine::safety::is_invisible(c))
}
