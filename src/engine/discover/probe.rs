//! Small probes that tell whether a guessed server speaks IMAP, POP3 or SMTP, and how
//! securely: the greeting, the capabilities, STARTTLS offered and accepted, and a
//! certificate that verifies. They never log in.
//!
//! IMAP: greeting `* OK`, `CAPABILITY`, `STARTTLS` (RFC 9051 §6.1.1, §6.2.1; RFC 3501).
//! POP3: greeting `+OK`, `CAPA` (RFC 2449), `STLS` (RFC 2595 §4).
//! SMTP: greeting `220`, `EHLO`, `STARTTLS` (RFC 5321 §4.1.1.1, RFC 3207).
//! After STARTTLS everything read before the handshake is discarded, and bytes the server
//! sent beyond its answer to STARTTLS fail the probe (they could be an injection).

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

use crate::engine::account::Security;
use crate::engine::discover::ServerKind;
use crate::engine::tls::{CertificateProblem, Tls, TlsError};

/// How long one probe may take in all.
pub const PROBE_TIMEOUT: Duration = Duration::from_secs(6);
/// How long connecting may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(4);
/// No greeting or capability line is longer than this.
const MAX_LINE: usize = 8 * 1024;
/// No capability answer has more lines than this.
const MAX_LINES: usize = 200;

/// How a port is tried: TLS from the first byte, or plaintext that must be upgraded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Implicit TLS (993, 995, 465).
    Tls,
    /// Plaintext first: STARTTLS when offered, else a plaintext server.
    Upgrade,
}

/// Why a probe failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProbeError {
    Connect(String),
    Certificate(Box<CertificateProblem>),
    Tls(String),
    /// The server did not speak the protocol (or said no).
    Protocol(String),
    Timeout,
}

impl std::fmt::Display for ProbeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProbeError::Connect(r) => write!(f, "connect: {r}"),
            ProbeError::Certificate(p) => write!(f, "certificate not trusted: {:?}", p.reason),
            ProbeError::Tls(r) => write!(f, "TLS: {r}"),
            ProbeError::Protocol(r) => write!(f, "protocol: {r}"),
            ProbeError::Timeout => f.write_str("no answer in time"),
        }
    }
}

/// Probes `host` (at `addrs`) on `port`; returns the security the server offers there.
pub async fn probe(
    kind: ServerKind,
    host: &str,
    addrs: &[IpAddr],
    port: u16,
    mode: Mode,
    tls: &Tls,
) -> Result<Security, ProbeError> {
    let work = async {
        let tcp = connect(addrs, port).await?;
        match mode {
            Mode::Tls => {
                let stream = tls.connect(host, tcp).await.map_err(tls_error)?;
                let mut conn = BufReader::new(stream);
                greet(kind, &mut conn).await?;
                capabilities(kind, &mut conn).await?;
                Ok(Security::Tls)
            }
            Mode::Upgrade => {
                let mut conn = BufReader::new(tcp);
                greet(kind, &mut conn).await?;
                let caps = capabilities(kind, &mut conn).await?;
                if !offers_starttls(kind, &caps) {
                    return Ok(Security::Plain);
                }
                starttls(kind, &mut conn).await?;
                if !conn.buffer().is_empty() {
                    return Err(ProbeError::Protocol(
                        "data arrived before the TLS handshake".into(),
                    ));
                }
                let stream = tls
                    .connect(host, conn.into_inner())
                    .await
                    .map_err(tls_error)?;
                let mut conn = BufReader::new(stream);
                // Ask again over TLS: the answer before it is not to be trusted.
                capabilities(kind, &mut conn).await?;
                Ok(Security::Starttls)
            }
        }
    };
    tokio::time::timeout(PROBE_TIMEOUT, work)
        .await
        .unwrap_or(Err(ProbeError::Timeout))
}

async fn connect(addrs: &[IpAddr], port: u16) -> Result<TcpStream, ProbeError> {
    let mut last = String::from("no address");
    for ip in addrs {
        let attempt = tokio::time::timeout(
            CONNECT_TIMEOUT,
            TcpStream::connect(SocketAddr::new(*ip, port)),
        )
        .await;
        match attempt {
            Ok(Ok(stream)) => {
                let _ = stream.set_nodelay(true);
                return Ok(stream);
            }
            Ok(Err(e)) => last = e.to_string(),
            Err(_) => last = "timed out".into(),
        }
    }
    Err(ProbeError::Connect(last))
}

fn tls_error(error: TlsError) -> ProbeError {
    match error {
        TlsError::Certificate(problem) => ProbeError::Certificate(problem),
        other => ProbeError::Tls(other.to_string()),
    }
}

async fn read_line<S: AsyncRead + Unpin>(conn: &mut BufReader<S>) -> Result<String, ProbeError> {
    let mut line = Vec::new();
    let mut limited = AsyncReadExt::take(&mut *conn, MAX_LINE as u64);
    let n = limited
        .read_until(b'\n', &mut line)
        .await
        .map_err(|e| ProbeError::Protocol(e.to_string()))?;
    if n == 0 {
        return Err(ProbeError::Protocol(
            "the server closed the connection".into(),
        ));
    }
    if !line.ends_with(b"\n") {
        return Err(ProbeError::Protocol(
            "a line longer than any greeting".into(),
        ));
    }
    Ok(String::from_utf8_lossy(&line).trim_end().to_owned())
}

async fn send<S: AsyncWrite + Unpin>(conn: &mut S, line: &str) -> Result<(), ProbeError> {
    conn.write_all(format!("{line}\r\n").as_bytes())
        .await
        .map_err(|e| ProbeError::Protocol(e.to_string()))?;
    conn.flush()
        .await
        .map_err(|e| ProbeError::Protocol(e.to_string()))
}

async fn greet<S: AsyncRead + Unpin>(
    kind: ServerKind,
    conn: &mut BufReader<S>,
) -> Result<(), ProbeError> {
    let first = read_line(conn).await?;
    let ok = match kind {
        ServerKind::Imap => first.starts_with("* OK") || first.starts_with("* PREAUTH"),
        ServerKind::Pop3 => first.starts_with("+OK"),
        ServerKind::Smtp => {
            // A multi-line greeting: 220-... then 220 ...
            let mut line = first.clone();
            let mut count = 0;
            while line.starts_with("220-") && count < MAX_LINES {
                line = read_line(conn).await?;
                count += 1;
            }
            line.starts_with("220")
        }
    };
    if ok {
        Ok(())
    } else {
        Err(ProbeError::Protocol(format!(
            "unexpected greeting {first:?}"
        )))
    }
}

/// Asks for the capabilities; returns them upper-cased, one word or line each.
async fn capabilities<S: AsyncRead + AsyncWrite + Unpin>(
    kind: ServerKind,
    conn: &mut BufReader<S>,
) -> Result<Vec<String>, ProbeError> {
    let mut caps = Vec::new();
    match kind {
        ServerKind::Imap => {
            send(conn.get_mut(), "P1 CAPABILITY").await?;
            for _ in 0..MAX_LINES {
                let line = read_line(conn).await?;
                if let Some(rest) = line.strip_prefix("* CAPABILITY ") {
                    caps.extend(rest.split_whitespace().map(str::to_ascii_uppercase));
                } else if line.starts_with("P1 OK") {
                    return Ok(caps);
                } else if line.starts_with("P1 ") {
                    return Err(ProbeError::Protocol(format!("CAPABILITY refused: {line}")));
                }
            }
        }
        ServerKind::Pop3 => {
            send(conn.get_mut(), "CAPA").await?;
            let first = read_line(conn).await?;
            // Servers without RFC 2449 answer -ERR: no capabilities, so no STLS.
            if !first.starts_with("+OK") {
                return Ok(caps);
            }
            for _ in 0..MAX_LINES {
                let line = read_line(conn).await?;
                if line == "." {
                    return Ok(caps);
                }
                caps.push(line.to_ascii_uppercase());
            }
        }
        ServerKind::Smtp => {
            send(conn.get_mut(), "EHLO tidings.invalid").await?;
            for _ in 0..MAX_LINES {
                let line = read_line(conn).await?;
                if !line.starts_with("250") {
                    return Err(ProbeError::Protocol(format!("EHLO refused: {line}")));
                }
                caps.push(line.get(4..).unwrap_or_default().to_ascii_uppercase());
                if !line.starts_with("250-") {
                    return Ok(caps);
                }
            }
        }
    }
    Err(ProbeError::Protocol("an endless capability list".into()))
}

fn offers_starttls(kind: ServerKind, caps: &[String]) -> bool {
    let word = match kind {
        ServerKind::Pop3 => "STLS",
        ServerKind::Imap | ServerKind::Smtp => "STARTTLS",
    };
    caps.iter()
        .any(|c| c.split_whitespace().next() == Some(word))
}

async fn starttls<S: AsyncRead + AsyncWrite + Unpin>(
    kind: ServerKind,
    conn: &mut BufReader<S>,
) -> Result<(), ProbeError> {
    let (command, ok_prefix) = match kind {
        ServerKind::Imap => ("P2 STARTTLS", "P2 OK"),
        ServerKind::Pop3 => ("STLS", "+OK"),
        ServerKind::Smtp => ("STARTTLS", "220"),
    };
    send(conn.get_mut(), command).await?;
    for _ in 0..MAX_LINES {
        let line = read_line(conn).await?;
        // IMAP servers may send untagged lines first.
        if kind == ServerKind::Imap && line.starts_with("* ") {
            continue;
        }
        return if line.starts_with(ok_prefix) {
            Ok(())
        } else {
            Err(ProbeError::Protocol(format!("STARTTLS refused: {line}")))
        };
    }
    Err(ProbeError::Protocol("no answer to STARTTLS".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starttls_is_found_in_each_protocol_s_words() {
        let caps = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(offers_starttls(
            ServerKind::Imap,
            &caps(&["IMAP4REV1", "STARTTLS", "LOGINDISABLED"])
        ));
        assert!(offers_starttls(ServerKind::Pop3, &caps(&["USER", "STLS"])));
        assert!(!offers_starttls(
            ServerKind::Pop3,
            &caps(&["USER", "STARTTLS"])
        ));
        assert!(offers_starttls(
            ServerKind::Smtp,
            &caps(&["PIPELINING", "STARTTLS"])
        ));
        assert!(!offers_starttls(ServerKind::Smtp, &caps(&["AUTH PLAIN"])));
    }

    /// A scripted server on 127.0.0.1: sends `lines` after reading each client line.
    async fn scripted(script: Vec<&'static str>) -> u16 {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        tokio::spawn(async move {
            let (stream, _) = listener.accept().await.unwrap();
            let mut conn = BufReader::new(stream);
            let mut script = script.into_iter();
            if let Some(greeting) = script.next() {
                conn.get_mut().write_all(greeting.as_bytes()).await.unwrap();
            }
            for answer in script {
                let mut line = String::new();
                if conn.read_line(&mut line).await.unwrap_or(0) == 0 {
                    return;
                }
                conn.get_mut().write_all(answer.as_bytes()).await.unwrap();
            }
        });
        port
    }

    fn tls() -> Tls {
        crate::install_crypto_provider();
        Tls::new(&Default::default()).unwrap()
    }

    const LOCAL: [IpAddr; 1] = [IpAddr::V4(std::net::Ipv4Addr::LOCALHOST)];

    #[tokio::test]
    async fn a_plaintext_imap_server_is_reported_as_plain() {
        let port = scripted(vec![
            "* OK ready\r\n",
            "* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\nP1 OK done\r\n",
        ])
        .await;
        let got = probe(
            ServerKind::Imap,
            "localhost",
            &LOCAL,
            port,
            Mode::Upgrade,
            &tls(),
        )
        .await;
        assert_eq!(got, Ok(Security::Plain));
    }

    #[tokio::test]
    async fn a_refused_starttls_fails_the_probe() {
        let port = scripted(vec![
            "220 mail ESMTP\r\n",
            "250-mail\r\n250 STARTTLS\r\n",
            "454 TLS not available\r\n",
        ])
        .await;
        let got = probe(
            ServerKind::Smtp,
            "localhost",
            &LOCAL,
            port,
            Mode::Upgrade,
            &tls(),
        )
        .await;
        assert!(matches!(got, Err(ProbeError::Protocol(_))), "{got:?}");
    }

    #[tokio::test]
    async fn bytes_sent_before_the_handshake_fail_the_probe() {
        let port = scripted(vec![
            "+OK POP3\r\n",
            "+OK\r\nSTLS\r\n.\r\n",
            "+OK go ahead\r\n+OK injected\r\n",
        ])
        .await;
        let got = probe(
            ServerKind::Pop3,
            "localhost",
            &LOCAL,
            port,
            Mode::Upgrade,
            &tls(),
        )
        .await;
        assert!(matches!(got, Err(ProbeError::Protocol(_))), "{got:?}");
    }

    #[tokio::test]
    async fn something_else_on_the_port_is_not_a_mail_server() {
        let port = scripted(vec!["SSH-2.0-OpenSSH_9.2\r\n"]).await;
        let got = probe(
            ServerKind::Imap,
            "localhost",
            &LOCAL,
            port,
            Mode::Upgrade,
            &tls(),
        )
        .await;
        assert!(matches!(got, Err(ProbeError::Protocol(_))), "{got:?}");
    }
}
