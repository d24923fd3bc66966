//! What the fuzz targets share: a loopback "server" that plays the fuzz input back to the
//! real protocol clients, accounts pointing at it, and throwaway stores on a RAM disk.
//!
//! The session targets go through the same public entry points the application uses
//! (`pop3::connect`, `imap::sync_account`, `smtp::Session::open`), over real TCP on
//! 127.0.0.1, so the STARTTLS/STLS handling and every parser behind it see the fuzzed bytes
//! exactly as they would come from a server.

use std::future::Future;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use tidings::engine::account::{
    Account, Auth, Pop3Options, Protocol, Security, Server, SyncOptions,
};
use tidings::engine::store::Store;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::runtime::Runtime;

/// The longest a single run may take before it counts as a hang. Every client wait is
/// bounded by its own timeout and the script always ends with EOF, so this never fires
/// unless something loops.
const RUN_LIMIT: Duration = Duration::from_secs(20);

/// The most a scripted server reads from a client before it stops listening.
const READ_LIMIT: usize = 1 << 20;

pub fn runtime() -> &'static Runtime {
    static RT: OnceLock<Runtime> = OnceLock::new();
    RT.get_or_init(|| {
        tidings::install_crypto_provider();
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("fuzz runtime")
    })
}

/// The first byte of an input picks the connection security, the rest is the script.
pub fn split_mode(data: &[u8]) -> Option<(Security, &[u8])> {
    let (first, rest) = data.split_first()?;
    let security = match first % 3 {
        0 => Security::Plain,
        1 => Security::Starttls,
        _ => Security::Tls,
    };
    Some((security, rest))
}

/// Runs `client` against a server on 127.0.0.1 that answers every connection with `script`
/// (all of it at once, then end of stream) and reads and drops what the client sends.
pub fn play<F, T>(script: &[u8], client: impl FnOnce(u16) -> F) -> T
where
    F: Future<Output = T>,
{
    let rt = runtime();
    rt.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a loopback port");
        let port = listener.local_addr().expect("local address").port();
        let script = script.to_vec();
        let server = tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                // A reset instead of a FIN at the end: no TIME_WAIT, so millions of runs do
                // not use up the loopback ports.
                #[allow(deprecated)]
                let _ = stream.set_linger(Some(Duration::ZERO));
                let script = script.clone();
                tokio::spawn(async move {
                    let _ = stream.write_all(&script).await;
                    let _ = stream.shutdown().await;
                    let mut sink = vec![0u8; 16 * 1024];
                    let mut read = 0;
                    while read < READ_LIMIT {
                        match stream.read(&mut sink).await {
                            Ok(0) | Err(_) => break,
                            Ok(n) => read += n,
                        }
                    }
                });
            }
        });
        let out = tokio::time::timeout(RUN_LIMIT, client(port))
            .await
            .expect("a client run against a scripted server did not end");
        server.abort();
        out
    })
}

/// An account whose servers are 127.0.0.1:`port`.
pub fn account(protocol: Protocol, security: Security, port: u16) -> Account {
    let server = Server {
        host: "127.0.0.1".into(),
        port,
        security,
        username: "alice@example.test".into(),
        auth: Auth::Password,
    };
    Account {
        name: "fuzz".into(),
        email: "alice@example.test".into(),
        display_name: "Alice".into(),
        protocol,
        incoming: server.clone(),
        outgoing: server,
        pop3: Pop3Options::default(),
        sync: SyncOptions::default(),
        signature: String::new(),
        save_sent_copy: false,
        ca_file: None,
        accepted_certs: Vec::new(),
    }
}

/// Where throwaway stores go: a RAM disk when there is one (fsync is free there).
fn scratch_root() -> PathBuf {
    let shm = PathBuf::from("/dev/shm");
    if shm.is_dir() {
        shm
    } else {
        std::env::temp_dir()
    }
}

/// A store in a fresh directory, removed when the guard drops.
pub fn fresh_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::Builder::new()
        .prefix("tidings-fuzz-")
        .tempdir_in(scratch_root())
        .expect("scratch directory");
    let store = Store::open_in(dir.path()).expect("open a fresh store");
    (dir, store)
}
