//! The merging rules, without a network.

use super::sources::*;
use super::*;

fn ctx() -> Context {
    crate::install_crypto_provider();
    Context {
        address: "anna@example.test".into(),
        domain: "example.test".into(),
        dns: Dns::new(Some("127.0.0.1:9".parse().unwrap())).unwrap(),
        tls: Tls::new(&TrustSettings::default()).unwrap(),
        settings: DiscoverSettings::default(),
        progress: Progress::none(),
    }
}

fn server(
    kind: ServerKind,
    host: &str,
    port: u16,
    security: Security,
    source: Source,
) -> ServerConfig {
    ServerConfig {
        kind,
        host: host.into(),
        port,
        security,
        username: "anna@example.test".into(),
        auth: Auth::Password,
        source,
        origin: format!("{source:?}"),
        insecure_source: false,
        other_domain: false,
    }
}

fn found(rank: u8, servers: Vec<ServerConfig>) -> Found {
    Found {
        rank,
        provider: None,
        servers,
        attempts: Vec::new(),
    }
}

#[tokio::test]
async fn the_best_ranked_source_wins_each_kind_and_the_rest_are_alternatives() {
    let ctx = ctx();
    let results = vec![
        found(
            RANK_GUESS,
            vec![
                server(
                    ServerKind::Imap,
                    "mail.example.test",
                    993,
                    Security::Tls,
                    Source::Guess,
                ),
                server(
                    ServerKind::Pop3,
                    "pop.example.test",
                    995,
                    Security::Tls,
                    Source::Guess,
                ),
            ],
        ),
        found(
            RANK_AUTOCONFIG,
            vec![
                server(
                    ServerKind::Imap,
                    "imap.example.test",
                    993,
                    Security::Tls,
                    Source::Autoconfig,
                ),
                server(
                    ServerKind::Smtp,
                    "smtp.example.test",
                    465,
                    Security::Tls,
                    Source::Autoconfig,
                ),
                server(
                    ServerKind::Smtp,
                    "smtp.example.test",
                    587,
                    Security::Starttls,
                    Source::Autoconfig,
                ),
            ],
        ),
    ];
    let d = merge(&ctx, results, Vec::new());
    assert_eq!(d.imap.as_ref().unwrap().source, Source::Autoconfig);
    assert_eq!(d.smtp.as_ref().unwrap().port, 465);
    assert_eq!(
        d.pop3.as_ref().unwrap().source,
        Source::Guess,
        "only the guess offers POP3"
    );
    let alternatives: Vec<_> = d.alternatives.iter().map(|s| (s.kind, s.port)).collect();
    assert_eq!(
        alternatives,
        [(ServerKind::Smtp, 587), (ServerKind::Imap, 993)]
    );
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
}

#[tokio::test]
async fn servers_elsewhere_plaintext_and_http_are_flagged() {
    let ctx = ctx();
    let mut http = server(
        ServerKind::Imap,
        "imap.example.test",
        143,
        Security::Plain,
        Source::Autoconfig,
    );
    http.insecure_source = true;
    http.origin = "http://autoconfig.example.test/mail/config-v1.1.xml".into();
    let results = vec![found(
        RANK_HTTP_AUTOCONFIG,
        vec![
            http,
            server(
                ServerKind::Smtp,
                "smtp.provider.test",
                465,
                Security::Tls,
                Source::Autoconfig,
            ),
        ],
    )];
    let d = merge(&ctx, results, Vec::new());
    assert!(d.smtp.as_ref().unwrap().other_domain);
    assert!(!d.imap.as_ref().unwrap().other_domain);
    let kinds: Vec<_> = d
        .warnings
        .iter()
        .map(|w| match w {
            Warning::InsecureHttp { .. } => "http",
            Warning::Plaintext { .. } => "plain",
            Warning::OtherDomain { .. } => "other",
        })
        .collect();
    assert_eq!(kinds, ["http", "plain", "other"]);
    for w in &d.warnings {
        assert!(!w.localized().is_empty());
    }
}

#[test]
fn a_kind_settles_only_when_every_better_source_finished() {
    let pending = |ranks: &[u8]| -> BTreeMap<u8, (Source, String)> {
        ranks
            .iter()
            .map(|r| (*r, (Source::Guess, String::new())))
            .collect()
    };
    let all_kinds = |rank| {
        found(
            rank,
            ServerKind::ALL
                .iter()
                .map(|k| server(*k, "h", 1, Security::Tls, Source::Ispdb))
                .collect(),
        )
    };
    // The ISPDB answered everything, but the autoconfig file (better) is still on its way.
    assert!(!settled(
        &[all_kinds(RANK_ISPDB)],
        &pending(&[RANK_AUTOCONFIG, RANK_GUESS])
    ));
    // Once it finished (with nothing), the ISPDB's answer stands.
    assert!(settled(
        &[all_kinds(RANK_ISPDB)],
        &pending(&[RANK_SRV, RANK_GUESS])
    ));
    // No POP3 anywhere yet: wait for every source.
    let no_pop = found(
        RANK_BUNDLED,
        vec![
            server(ServerKind::Imap, "h", 1, Security::Tls, Source::Bundled),
            server(ServerKind::Smtp, "h", 1, Security::Tls, Source::Bundled),
        ],
    );
    assert!(!settled(
        std::slice::from_ref(&no_pop),
        &pending(&[RANK_GUESS])
    ));
    assert!(settled(&[no_pop], &pending(&[])));
}

#[test]
fn the_ispdb_url_takes_the_domain() {
    assert_eq!(
        ispdb_url("https://db.test/v1.1/", "a.test"),
        "https://db.test/v1.1/a.test"
    );
    assert_eq!(
        ispdb_url("https://db.test/v1.1", "a.test"),
        "https://db.test/v1.1/a.test"
    );
    assert_eq!(
        ispdb_url("https://db.test/{domain}.xml", "a.test"),
        "https://db.test/a.test.xml"
    );
}

#[test]
fn a_discovery_becomes_an_account() {
    let d = Discovery {
        address: "anna@example.test".into(),
        domain: "example.test".into(),
        provider: None,
        imap: Some(server(
            ServerKind::Imap,
            "imap.example.test",
            993,
            Security::Tls,
            Source::Srv,
        )),
        pop3: None,
        smtp: Some(server(
            ServerKind::Smtp,
            "smtp.example.test",
            465,
            Security::Tls,
            Source::Srv,
        )),
        alternatives: Vec::new(),
        warnings: Vec::new(),
        attempts: Vec::new(),
    };
    let account = d.account("Work", "Anna", Protocol::Imap).unwrap();
    assert_eq!(account.incoming.host, "imap.example.test");
    assert_eq!(account.outgoing.port, 465);
    assert!(matches!(
        d.account("Home", "Anna", Protocol::Pop3),
        Err(DiscoverError::Missing {
            kind: ServerKind::Pop3,
            ..
        })
    ));
}

/// The GUI runs discovery and verification as background tasks: their futures must be Send.
#[test]
fn the_futures_can_run_on_any_thread() {
    fn send<T: Send>(_: T) {}
    let settings = DiscoverSettings::default();
    send(discover("anna@example.test", &settings, Progress::none()));
    let account = crate::engine::account::tests::sample("Work", Protocol::Imap);
    let password = crate::engine::secret::Secret::new("x");
    send(crate::engine::verify::verify(&account, &password));
}
