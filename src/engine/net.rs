//! Opening TCP connections to mail servers, with errors that say what went wrong.

use std::io;
use std::time::Duration;

use tokio::net::TcpStream;

use crate::engine::error::Localized;
use crate::tr;

/// How long to wait for a server to accept a connection.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);

#[derive(Debug, thiserror::Error)]
pub enum NetError {
    #[error("the server name {host} could not be found")]
    Resolve { host: String },
    #[error("{host}:{port} refused the connection")]
    Refused { host: String, port: u16 },
    #[error("{host}:{port} could not be reached: {reason}")]
    Unreachable {
        host: String,
        port: u16,
        reason: String,
    },
    #[error("{host}:{port} did not answer in time")]
    Timeout { host: String, port: u16 },
    #[error("the connection to {host} broke: {reason}")]
    Broken { host: String, reason: String },
}

impl Localized for NetError {
    fn localized(&self) -> String {
        match self {
            NetError::Resolve { host } => tr!("error-net-resolve", host = host.as_str()),
            NetError::Refused { host, port } => {
                tr!("error-net-refused", host = host.as_str(), port = *port)
            }
            NetError::Unreachable { host, port, reason } => tr!(
                "error-net-unreachable",
                host = host.as_str(),
                port = *port,
                reason = reason.as_str()
            ),
            NetError::Timeout { host, port } => {
                tr!("error-net-timeout", host = host.as_str(), port = *port)
            }
            NetError::Broken { host, reason } => {
                tr!(
                    "error-net-broken",
                    host = host.as_str(),
                    reason = reason.as_str()
                )
            }
        }
    }
}

impl NetError {
    /// Wraps an I/O error on an open connection.
    pub fn broken(host: &str, error: &io::Error) -> Self {
        NetError::Broken {
            host: host.to_owned(),
            reason: error.to_string(),
        }
    }
}

/// Connects to `host:port`, trying every address the name resolves to, within `timeout`.
pub async fn connect(host: &str, port: u16, timeout: Duration) -> Result<TcpStream, NetError> {
    let attempt = async {
        let addrs: Vec<_> = tokio::net::lookup_host((host, port))
            .await
            .map_err(|_| NetError::Resolve {
                host: host.to_owned(),
            })?
            .collect();
        if addrs.is_empty() {
            return Err(NetError::Resolve {
                host: host.to_owned(),
            });
        }
        let mut last = None;
        for addr in addrs {
            match TcpStream::connect(addr).await {
                Ok(stream) => {
                    let _ = stream.set_nodelay(true);
                    return Ok(stream);
                }
                Err(e) => last = Some(e),
            }
        }
        Err(classify(host, port, last))
    };
    match tokio::time::timeout(timeout, attempt).await {
        Ok(result) => result,
        Err(_) => Err(NetError::Timeout {
            host: host.to_owned(),
            port,
        }),
    }
}

fn classify(host: &str, port: u16, error: Option<io::Error>) -> NetError {
    match error {
        Some(e) if e.kind() == io::ErrorKind::ConnectionRefused => NetError::Refused {
            host: host.to_owned(),
            port,
        },
        Some(e) => NetError::Unreachable {
            host: host.to_owned(),
            port,
            reason: e.to_string(),
        },
        None => NetError::Resolve {
            host: host.to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_closed_port_is_refused() {
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        };
        let err = connect("127.0.0.1", port, CONNECT_TIMEOUT)
            .await
            .unwrap_err();
        assert!(matches!(err, NetError::Refused { .. }), "{err:?}");
    }

    #[tokio::test]
    async fn an_open_port_connects() {
        let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = l.local_addr().unwrap().port();
        assert!(connect("127.0.0.1", port, CONNECT_TIMEOUT).await.is_ok());
    }
}
