//! Discovery against a local DNS server (dnsmasq) and local web servers on loopback
//! addresses of their own: every source, merging, warnings, certificate trouble, guessing
//! against the real harness servers, and the deadline when every lookup hangs.
//!
//! Nothing here leaves 127.0.0.0/8: the DNS server is authoritative for `.test` and has no
//! upstream, and the ISPDB is always pointed at a local server.

use std::process::{Command, Output, Stdio};
use std::time::Instant;

use serde_json::Value;
use tidings::engine::discover::{
    self, DiscoverError, DiscoverSettings, Outcome, Progress, Source, Step,
};

use crate::support::MailServers;
use crate::support::certs::TestCa;
use crate::support::dns::{LocalDns, Records, SilentDns};
use crate::support::https::{Page, WebServer, autoconfig_xml};
use crate::support::loopback::Forward;

const CONFIG: &str = "/mail/config-v1.1.xml";
const WELL_KNOWN: &str = "/.well-known/autoconfig/mail/config-v1.1.xml";
const ISPDB_HOST: &str = "ispdb.test";

/// A test CA written to a file, and a scratch directory.
struct Trust {
    ca: TestCa,
    dir: tempfile::TempDir,
}

impl Trust {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("dir");
        let ca = TestCa::new("Discovery Test CA");
        ca.write(&dir.path().join("ca.pem"));
        Self { ca, dir }
    }

    fn ca_file(&self) -> std::path::PathBuf {
        self.dir.path().join("ca.pem")
    }

    fn web(&self, names: &[&str], pages: Vec<Page>) -> WebServer {
        WebServer::start(&self.ca, self.dir.path(), names, pages)
    }
}

fn ispdb_url() -> String {
    format!("https://{ISPDB_HOST}/v1.1/")
}

/// Runs `tidings account discover ADDRESS --json` against the local DNS server.
fn discover_cli(address: &str, dns: std::net::SocketAddr, trust: &Trust) -> (Output, Value) {
    let profile = tempfile::tempdir().expect("profile");
    let out = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .env("TIDINGS_HOME", profile.path())
        .args(["account", "discover", address, "--json", "--dns-server"])
        .arg(dns.to_string())
        .arg("--ca-file")
        .arg(trust.ca_file())
        .args(["--ispdb-url", &ispdb_url()])
        .stdin(Stdio::null())
        .output()
        .expect("run tidings");
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out, json)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn server<'a>(json: &'a Value, kind: &str) -> &'a Value {
    &json[kind]
}

fn assert_server(json: &Value, kind: &str, host: &str, port: u16, security: &str, source: &str) {
    let s = server(json, kind);
    assert_eq!(s["host"], host, "{kind}: {json:#}");
    assert_eq!(s["port"], port, "{kind}: {json:#}");
    assert_eq!(s["security"], security, "{kind}: {json:#}");
    assert_eq!(s["source"], source, "{kind}: {json:#}");
}

fn three_servers(domain: &str) -> Vec<(&'static str, String, u16, &'static str)> {
    vec![
        ("imap", format!("imap.{domain}"), 993, "SSL"),
        ("pop3", format!("pop.{domain}"), 995, "SSL"),
        ("smtp", format!("smtp.{domain}"), 465, "SSL"),
    ]
}

fn xml(domain: &str, servers: &[(&str, String, u16, &str)]) -> String {
    let list: Vec<(&str, &str, u16, &str)> = servers
        .iter()
        .map(|(k, h, p, s)| (*k, h.as_str(), *p, *s))
        .collect();
    autoconfig_xml(domain, domain, &list)
}

#[test]
fn autoconfig_over_https_gives_imap_and_pop3_and_receives_the_address() {
    let trust = Trust::new();
    let web = trust.web(
        &["autoconfig.d1.test", ISPDB_HOST],
        vec![Page::https(
            "autoconfig.d1.test",
            CONFIG,
            &xml("d1.test", &three_servers("d1.test")),
        )],
    );
    let dns = LocalDns::start(
        &Records::new()
            .host("autoconfig.d1.test", web.ip)
            .host(ISPDB_HOST, web.ip),
    );
    let (out, json) = discover_cli("alice@d1.test", dns.addr, &trust);
    assert!(out.status.success(), "{}\n{}", stderr(&out), dns.log());
    assert_server(&json, "imap", "imap.d1.test", 993, "tls", "autoconfig");
    assert_server(&json, "pop3", "pop.d1.test", 995, "tls", "autoconfig");
    assert_server(&json, "smtp", "smtp.d1.test", 465, "tls", "autoconfig");
    assert_eq!(json["imap"]["username"], "alice@d1.test");
    assert_eq!(json["imap"]["other_domain"], false);
    assert!(
        web.requests().contains(
            &"https://autoconfig.d1.test/mail/config-v1.1.xml?emailaddress=alice%40d1.test"
                .to_owned()
        ),
        "{:?}",
        web.requests()
    );
}

#[test]
fn the_well_known_url_serves_and_an_untrusted_certificate_is_reported_with_its_details() {
    let trust = Trust::new();
    // autoconfig.d2.test presents a certificate from a CA nobody trusts.
    let stranger = TestCa::new("Stranger CA");
    let untrusted = WebServer::start(
        &stranger,
        trust.dir.path(),
        &["autoconfig.d2.test"],
        vec![Page::https(
            "autoconfig.d2.test",
            CONFIG,
            &xml("d2.test", &three_servers("evil.test")),
        )],
    );
    let web = trust.web(
        &["d2.test", ISPDB_HOST],
        vec![Page::https(
            "d2.test",
            WELL_KNOWN,
            &xml("d2.test", &three_servers("d2.test")),
        )],
    );
    let dns = LocalDns::start(
        &Records::new()
            .host("autoconfig.d2.test", untrusted.ip)
            .host("d2.test", web.ip)
            .host(ISPDB_HOST, web.ip),
    );
    let (out, json) = discover_cli("bob@d2.test", dns.addr, &trust);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_server(&json, "imap", "imap.d2.test", 993, "tls", "autoconfig");
    assert!(
        json["imap"]["origin"]
            .as_str()
            .unwrap()
            .starts_with("https://d2.test/.well-known/"),
        "{json:#}"
    );
    let attempts = json["attempts"].as_array().expect("attempts");
    let refused = attempts
        .iter()
        .find(|a| a["result"] == "certificate")
        .unwrap_or_else(|| panic!("no certificate attempt: {json:#}"));
    assert!(
        refused["target"]
            .as_str()
            .unwrap()
            .contains("autoconfig.d2.test")
    );
    let problem = &refused["problem"];
    assert_eq!(problem["host"], "autoconfig.d2.test");
    assert_eq!(problem["reason"], "unknown-issuer");
    assert_eq!(problem["sha256"].as_str().unwrap().len(), 64);
    assert!(problem["issuer"].as_str().unwrap().contains("Stranger CA"));
    assert!(!problem["not_after"].as_str().unwrap().is_empty());
}

#[test]
fn the_ispdb_answers_and_an_invalid_file_is_ignored_with_its_reason() {
    let trust = Trust::new();
    let web = trust.web(
        &["autoconfig.d3.test", ISPDB_HOST],
        vec![
            Page::https("autoconfig.d3.test", CONFIG, "<clientConfig><emailProvider"),
            Page::https(
                ISPDB_HOST,
                "/v1.1/d3.test",
                &xml("d3.test", &three_servers("d3.test")),
            ),
        ],
    );
    let dns = LocalDns::start(
        &Records::new()
            .host("autoconfig.d3.test", web.ip)
            .host(ISPDB_HOST, web.ip),
    );
    let (out, json) = discover_cli("carol@d3.test", dns.addr, &trust);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_server(&json, "imap", "imap.d3.test", 993, "tls", "ispdb");
    assert_server(&json, "pop3", "pop.d3.test", 995, "tls", "ispdb");
    let invalid = json["attempts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["result"] == "invalid")
        .unwrap_or_else(|| panic!("the broken file is not reported: {json:#}"));
    assert!(
        invalid["target"]
            .as_str()
            .unwrap()
            .contains("autoconfig.d3.test")
    );
    assert!(!invalid["reason"].as_str().unwrap().is_empty());
}

#[test]
fn the_mx_host_leads_to_the_provider_in_the_ispdb_and_its_servers_are_flagged_as_elsewhere() {
    let trust = Trust::new();
    let web = trust.web(
        &[ISPDB_HOST],
        vec![Page::https(
            ISPDB_HOST,
            "/v1.1/hoster.test",
            &xml("hoster.test", &three_servers("hoster.test")),
        )],
    );
    let dns = LocalDns::start(
        &Records::new()
            .host(ISPDB_HOST, web.ip)
            .mx("d4.test", "mx1.mail.hoster.test", 10)
            .mx("d4.test", "backup.other.test", 20),
    );
    let (out, json) = discover_cli("dave@d4.test", dns.addr, &trust);
    assert!(out.status.success(), "{}\n{}", stderr(&out), dns.log());
    assert_server(&json, "imap", "imap.hoster.test", 993, "tls", "mx");
    assert_eq!(json["imap"]["other_domain"], true);
    let warnings = json["warnings"].as_array().unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w["warning"] == "other-domain" && w["host"] == "imap.hoster.test"),
        "{json:#}"
    );
    // The sub-domain of the MX host was asked first; the address went to neither.
    let requests = web.requests();
    assert!(
        requests.contains(&"https://ispdb.test/v1.1/mail.hoster.test".to_owned()),
        "{requests:?}"
    );
    assert!(requests.iter().all(|r| !r.contains("dave")), "{requests:?}");
}

#[test]
fn an_mx_at_a_big_provider_finds_it_in_the_bundled_database() {
    let trust = Trust::new();
    let dns = LocalDns::start(&Records::new().mx("d5.test", "aspmx.l.google.com", 1));
    let (out, json) = discover_cli("erin@d5.test", dns.addr, &trust);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_server(&json, "imap", "imap.gmail.com", 993, "tls", "mx");
    assert_eq!(json["imap"]["username"], "erin@d5.test");
    assert!(
        json["imap"]["origin"].as_str().unwrap().contains("bundled"),
        "{json:#}"
    );
}

#[test]
fn a_big_provider_is_answered_from_the_bundled_database() {
    let trust = Trust::new();
    let dns = LocalDns::start(&Records::new());
    let (out, json) = discover_cli("someone@gmail.com", dns.addr, &trust);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_server(&json, "imap", "imap.gmail.com", 993, "tls", "bundled");
    assert_server(&json, "pop3", "pop.gmail.com", 995, "tls", "bundled");
    assert_server(&json, "smtp", "smtp.gmail.com", 465, "tls", "bundled");
    assert_eq!(json["provider"], "Google Mail");
    assert_eq!(json["imap"]["other_domain"], false);
}

#[test]
fn plain_http_autoconfig_is_used_only_with_a_visible_warning() {
    let trust = Trust::new();
    let web = trust.web(
        &[ISPDB_HOST],
        vec![Page::http(
            "autoconfig.d6.test",
            CONFIG,
            &xml("d6.test", &three_servers("d6.test")),
        )],
    );
    let dns = LocalDns::start(
        &Records::new()
            .host("autoconfig.d6.test", web.ip)
            .host(ISPDB_HOST, web.ip),
    );
    let (out, json) = discover_cli("frank@d6.test", dns.addr, &trust);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_server(&json, "imap", "imap.d6.test", 993, "tls", "autoconfig");
    assert_eq!(json["imap"]["insecure_source"], true);
    assert!(
        json["imap"]["origin"]
            .as_str()
            .unwrap()
            .starts_with("http://")
    );
    assert!(
        json["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["warning"] == "insecure-http"),
        "{json:#}"
    );

    // Without --json the warning is printed for the person reading.
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .env("TIDINGS_HOME", profile.path())
        .args([
            "account",
            "discover",
            "frank@d6.test",
            "--dns-server",
            &dns.addr.to_string(),
        ])
        .args(["--ispdb-url", &ispdb_url()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("unencrypted"), "{}", stderr(&out));
}

#[test]
fn srv_records_are_used_with_implicit_tls_first() {
    let trust = Trust::new();
    let dns = LocalDns::start(
        &Records::new()
            .srv("_imap._tcp.d7.test", "mail.d7.test", 143, 0, 1)
            .srv("_imaps._tcp.d7.test", "mail.d7.test", 993, 0, 1)
            .srv("_submission._tcp.d7.test", "smtp-b.d7.test", 587, 10, 1)
            .srv("_submission._tcp.d7.test", "smtp-a.d7.test", 587, 5, 1)
            .srv("_pop3s._tcp.d7.test", "pop.d7.test", 995, 0, 1),
    );
    let (out, json) = discover_cli("gina@d7.test", dns.addr, &trust);
    assert!(out.status.success(), "{}\n{}", stderr(&out), dns.log());
    assert_server(&json, "imap", "mail.d7.test", 993, "tls", "srv");
    assert_server(&json, "pop3", "pop.d7.test", 995, "tls", "srv");
    assert_server(&json, "smtp", "smtp-a.d7.test", 587, "starttls", "srv");
    assert!(
        json["alternatives"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["port"] == 143 && a["security"] == "starttls"),
        "{json:#}"
    );
}

#[test]
fn guessing_probes_the_real_servers_and_needs_a_good_certificate() {
    let servers = MailServers::start();
    let postfix = servers.postfix();
    // mail.example.test is a name on the harness certificate; imap.example.test is not.
    let good = Forward::start(&[
        (993, servers.dovecot.imaps_port),
        (143, servers.dovecot.imap_port),
        (995, servers.dovecot.pop3s_port),
        (110, servers.dovecot.pop3_port),
        (465, postfix.submissions_port),
        (587, postfix.submission_port),
    ]);
    let wrong_name = Forward::start(&[(993, servers.dovecot.imaps_port)]);
    let dns = LocalDns::start(
        &Records::new()
            .host("mail.example.test", good.ip)
            .host("imap.example.test", wrong_name.ip),
    );
    let trust = Trust {
        ca: TestCa::new("unused"),
        dir: tempfile::tempdir().unwrap(),
    };
    std::fs::copy(&servers.ca_file, trust.ca_file()).unwrap();
    let (out, json) = discover_cli("alice@example.test", dns.addr, &trust);
    assert!(out.status.success(), "{}\n{}", stderr(&out), dns.log());
    assert_server(&json, "imap", "mail.example.test", 993, "tls", "guess");
    assert_server(&json, "pop3", "mail.example.test", 995, "tls", "guess");
    assert_server(&json, "smtp", "mail.example.test", 465, "tls", "guess");
    let alternatives = json["alternatives"].as_array().unwrap();
    for (kind, port) in [("imap", 143), ("pop3", 110), ("smtp", 587)] {
        assert!(
            alternatives
                .iter()
                .any(|a| a["kind"] == kind && a["port"] == port && a["security"] == "starttls"),
            "{kind} STARTTLS on {port} not found: {json:#}"
        );
    }
    let refused = json["attempts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["target"] == "IMAP imap.example.test:993")
        .unwrap_or_else(|| panic!("{json:#}"));
    assert_eq!(refused["result"], "certificate", "{json:#}");
    assert!(
        refused["problem"]["reason"]["wrong-host"].is_object(),
        "{refused:#}"
    );
}

#[test]
fn discovery_ends_in_time_when_every_lookup_hangs() {
    let trust = Trust::new();
    let silent = SilentDns::start();
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .env("TIDINGS_HOME", trust.dir.path().join("profile"))
        .args([
            "account",
            "discover",
            "hang@slow.test",
            "--json",
            "--dns-server",
        ])
        .arg(silent.addr.to_string())
        .args(["--ispdb-url", &ispdb_url()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The engine promises 15 s; the margin is for a loaded machine, not for discovery.
    let finished =
        crate::support::system::wait_until(40.0, || matches!(child.try_wait(), Ok(Some(_))));
    if !finished {
        let _ = child.kill();
    }
    assert!(
        finished,
        "discovery still running after {:?}",
        started.elapsed()
    );
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("No mail servers were found"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_deadline_cancels_what_is_still_running_and_says_so() {
    tidings::install_crypto_provider();
    let silent = SilentDns::start();
    let settings = DiscoverSettings {
        dns_server: Some(silent.addr),
        ispdb_url: ispdb_url(),
        timeout_secs: 2,
        ..DiscoverSettings::default()
    };
    let rt = tokio::runtime::Runtime::new().unwrap();
    let (progress, mut steps) = Progress::channel();
    let err = rt
        .block_on(discover::discover("hang@slow.test", &settings, progress))
        .unwrap_err();
    let DiscoverError::NothingFound { attempts, .. } = err else {
        panic!("expected NothingFound, got {err:?}");
    };
    let timed_out: Vec<_> = attempts
        .iter()
        .filter(|a| a.outcome == Outcome::TimedOut)
        .map(|a| a.source)
        .collect();
    for source in [
        Source::Autoconfig,
        Source::Ispdb,
        Source::Mx,
        Source::Srv,
        Source::Guess,
    ] {
        assert!(
            timed_out.contains(&source),
            "{source:?} not timed out: {attempts:#?}"
        );
    }
    // Progress told what was being tried as it went.
    let mut tried = Vec::new();
    while let Ok(step) = steps.try_recv() {
        if let Step::Trying { target, .. } = step {
            tried.push(target);
        }
    }
    assert!(
        tried
            .iter()
            .any(|t| t.starts_with("https://autoconfig.slow.test/")),
        "{tried:?}"
    );
}
