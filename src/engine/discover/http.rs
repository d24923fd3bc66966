//! Fetching autoconfig files over HTTPS (and, only where the caller allows it, plain HTTP),
//! with our TLS policy and our resolver.

use std::sync::Arc;
use std::time::Duration;

use crate::engine::discover::dns::Dns;
use crate::engine::tls::{CertificateProblem, Tls};

/// How long one fetch may take, as Thunderbird allows its ISPDB fetch.
const FETCH_TIMEOUT: Duration = Duration::from_secs(10);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Autoconfig files are a few kilobytes; anything much bigger is not one.
const MAX_BYTES: usize = 512 * 1024;

/// Why a fetch gave no file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// The server answered, but not with a file (404, 500...).
    Status(u16),
    /// The certificate did not verify.
    Certificate(Box<CertificateProblem>),
    /// No answer: DNS, connection, TLS handshake, timeout, a redirect to plain HTTP...
    Failed(String),
    /// The body was larger than any autoconfig file.
    TooLarge,
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FetchError::Status(code) => write!(f, "HTTP status {code}"),
            FetchError::Certificate(p) => write!(f, "certificate not trusted: {:?}", p.reason),
            FetchError::Failed(reason) => f.write_str(reason),
            FetchError::TooLarge => write!(f, "larger than {MAX_BYTES} bytes"),
        }
    }
}

/// Fetches `url` and returns its body as text.
pub async fn fetch(url: &str, tls: &Tls, dns: &Dns, direct: bool) -> Result<String, FetchError> {
    let parsed = reqwest::Url::parse(url).map_err(|e| FetchError::Failed(e.to_string()))?;
    let host = parsed.host_str().unwrap_or_default().to_owned();
    let secure = parsed.scheme() == "https";
    let (config, failure) = tls.client_config(&host);
    let mut builder = reqwest::Client::builder()
        .tls_backend_preconfigured(config)
        .dns_resolver(Arc::new(dns.clone()))
        .timeout(FETCH_TIMEOUT)
        .connect_timeout(CONNECT_TIMEOUT)
        .user_agent(concat!("Tidings/", env!("CARGO_PKG_VERSION")))
        .redirect(redirects(secure));
    if direct {
        // A chosen DNS server must answer for every name; a proxy would resolve names itself.
        builder = builder.no_proxy();
    }
    let client = builder
        .build()
        .map_err(|e| FetchError::Failed(e.to_string()))?;
    let response = client.get(parsed).send().await.map_err(|e| {
        match failure.lock().ok().and_then(|mut f| f.take()) {
            Some(problem) => FetchError::Certificate(Box::new(problem)),
            None => FetchError::Failed(describe(&e)),
        }
    })?;
    let status = response.status();
    if !status.is_success() {
        return Err(FetchError::Status(status.as_u16()));
    }
    read_limited(response).await
}

/// A file fetched over HTTPS must stay on HTTPS: a redirect to plain HTTP would let anyone
/// on the path rewrite it. At most five hops either way.
fn redirects(secure: bool) -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(move |attempt| {
        if attempt.previous().len() >= 5 {
            attempt.error("too many redirects")
        } else if secure && attempt.url().scheme() != "https" {
            attempt.error("a redirect from HTTPS to plain HTTP")
        } else {
            attempt.follow()
        }
    })
}

async fn read_limited(mut response: reqwest::Response) -> Result<String, FetchError> {
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| FetchError::Failed(describe(&e)))?
    {
        body.extend_from_slice(&chunk);
        if body.len() > MAX_BYTES {
            return Err(FetchError::TooLarge);
        }
    }
    String::from_utf8(body).map_err(|_| FetchError::Failed("the file is not UTF-8".into()))
}

/// reqwest's own message is often just "error sending request"; the cause says why.
fn describe(error: &reqwest::Error) -> String {
    use std::error::Error as _;
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}
