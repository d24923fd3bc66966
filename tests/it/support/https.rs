//! A small web server for discovery tests: HTTPS on port 443 (a certificate from the test
//! CA for the names it serves) and plain HTTP on port 80, on a loopback address of its own.
//! It serves fixed files by host and path and records every request it got.

use std::net::Ipv4Addr;
use std::path::Path;
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::watch;

use super::certs::TestCa;
use super::loopback;

/// One file the server hands out.
#[derive(Debug, Clone)]
pub struct Page {
    /// The Host the request must name (without port).
    pub host: String,
    /// The path, without the query.
    pub path: String,
    pub status: u16,
    pub body: String,
    /// Serve it over HTTPS (else over plain HTTP only).
    pub https: bool,
}

impl Page {
    pub fn https(host: &str, path: &str, body: &str) -> Self {
        Self {
            host: host.into(),
            path: path.into(),
            status: 200,
            body: body.into(),
            https: true,
        }
    }

    pub fn http(host: &str, path: &str, body: &str) -> Self {
        Self {
            https: false,
            ..Self::https(host, path, body)
        }
    }
}

/// A running server. Dropping it stops it.
pub struct WebServer {
    pub ip: Ipv4Addr,
    requests: Arc<Mutex<Vec<String>>>,
    shutdown: watch::Sender<bool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl WebServer {
    /// Serves `pages`; the HTTPS certificate is signed by `ca` for `names`.
    pub fn start(ca: &TestCa, dir: &Path, names: &[&str], pages: Vec<Page>) -> Self {
        let stem = format!("web-{}", rand::random::<u32>());
        let cert = ca.server_cert(dir, &stem, names);
        let acceptor = cert.acceptor();

        let (ip, mut listeners) = loopback::claim(&[443, 80]);
        let plain = listeners.pop().expect("80");
        let secure = listeners.pop().expect("443");
        let requests = Arc::new(Mutex::new(Vec::new()));
        let pages = Arc::new(pages);
        let (shutdown, stop) = watch::channel(false);
        let recorded = requests.clone();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("web runtime");
            rt.block_on(async move {
                let secure_loop = serve(
                    secure,
                    Some(acceptor),
                    pages.clone(),
                    recorded.clone(),
                    stop.clone(),
                );
                let plain_loop = serve(plain, None, pages, recorded, stop);
                tokio::join!(secure_loop, plain_loop);
            });
        });
        Self {
            ip,
            requests,
            shutdown,
            thread: Some(thread),
        }
    }

    /// Every request so far, as `https://host/path?query` (or `http://...`).
    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().expect("requests").clone()
    }
}

impl Drop for WebServer {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

async fn serve(
    listener: std::net::TcpListener,
    tls: Option<tokio_rustls::TlsAcceptor>,
    pages: Arc<Vec<Page>>,
    requests: Arc<Mutex<Vec<String>>>,
    mut stop: watch::Receiver<bool>,
) {
    listener.set_nonblocking(true).expect("nonblocking");
    let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
    loop {
        tokio::select! {
            _ = stop.changed() => return,
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let (pages, requests, tls) = (pages.clone(), requests.clone(), tls.clone());
                tokio::spawn(async move {
                    match tls {
                        Some(acceptor) => {
                            if let Ok(stream) = acceptor.accept(stream).await {
                                answer(stream, true, &pages, &requests).await;
                            }
                        }
                        None => answer(stream, false, &pages, &requests).await,
                    }
                });
            }
        }
    }
}

/// Reads one HTTP/1.1 request and answers it.
async fn answer<S: AsyncRead + AsyncWrite + Unpin>(
    mut stream: S,
    https: bool,
    pages: &[Page],
    requests: &Mutex<Vec<String>>,
) {
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 64 * 1024 {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let text = String::from_utf8_lossy(&head);
    let mut lines = text.lines();
    let target = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap_or("/")
        .to_owned();
    let host = lines
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("host")
                .then(|| value.trim().to_owned())
        })
        .unwrap_or_default();
    let host = host.split(':').next().unwrap_or_default().to_owned();
    let scheme = if https { "https" } else { "http" };
    requests
        .lock()
        .expect("requests")
        .push(format!("{scheme}://{host}{target}"));
    let path = target.split('?').next().unwrap_or_default();
    let page = pages
        .iter()
        .find(|p| p.https == https && p.host == host && p.path == path);
    let (status, body) = match page {
        Some(p) => (p.status, p.body.as_str()),
        None => (404, "not found"),
    };
    let response = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(response.as_bytes()).await;
    let _ = stream.shutdown().await;
}

/// An autoconfig file for the given servers: `(type, host, port, socketType)`, incoming
/// types `imap`/`pop3`, outgoing `smtp`.
pub fn autoconfig_xml(id: &str, domain: &str, servers: &[(&str, &str, u16, &str)]) -> String {
    let mut xml = format!(
        "<?xml version=\"1.0\"?>\n<clientConfig version=\"1.1\">\n<emailProvider id=\"{id}\">\n\
         <domain>{domain}</domain>\n<displayName>{id} mail</displayName>\n"
    );
    for (kind, host, port, socket) in servers {
        let tag = if *kind == "smtp" {
            "outgoingServer"
        } else {
            "incomingServer"
        };
        xml.push_str(&format!(
            "<{tag} type=\"{kind}\"><hostname>{host}</hostname><port>{port}</port>\
             <socketType>{socket}</socketType><authentication>password-cleartext</authentication>\
             <username>%EMAILADDRESS%</username></{tag}>\n"
        ));
    }
    xml.push_str("</emailProvider>\n</clientConfig>\n");
    xml
}
