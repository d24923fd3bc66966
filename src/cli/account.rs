//! `tidings account add|discover|list|verify|remove`.

use super::output;
use std::io::Read;
use std::net::SocketAddr;

use crate::cli::CliError;
use crate::cli::args::{
    AccountAddArgs, AccountCommand, AccountDiscoverArgs, AccountRemoveArgs, AccountVerifyArgs,
    JsonArgs, ProtocolArg, SecurityArg,
};
use crate::engine::Profile;
use crate::engine::account::{
    AcceptedCert, Account, Accounts, Auth, MailChoice, Pop3Options, Protocol, Security, Server,
    SyncOptions,
};
use crate::engine::credentials::Keyring;
use crate::engine::discover::{self, DiscoverSettings, Discovery, Progress, ServerConfig};
use crate::engine::error::{Error, Localized};
use crate::engine::secret::Secret;
use crate::engine::tls::parse_pin;
use crate::tr;

pub fn run(profile: &Profile, command: AccountCommand) -> Result<(), CliError> {
    match command {
        AccountCommand::Add(args) => add(profile, args),
        AccountCommand::Discover(args) => discover_command(args),
        AccountCommand::List(args) => list(profile, args),
        AccountCommand::Verify(args) => verify(profile, args),
        AccountCommand::Remove(args) => remove(profile, args),
    }
}

fn runtime() -> Result<tokio::runtime::Runtime, CliError> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| CliError::Usage(tr!("cli-runtime", reason = e.to_string())))
}

/// The discovery settings from the command line, else the environment (for tests and
/// networks with their own ISPDB mirror), else the defaults.
fn discover_settings(
    dns_server: Option<&str>,
    ca_file: Option<&std::path::Path>,
    ispdb_url: Option<&str>,
) -> Result<DiscoverSettings, CliError> {
    let mut settings = DiscoverSettings::default();
    if let Some(server) = dns_server {
        settings.dns_server = Some(parse_dns_server(server)?);
    }
    settings.ca_file = ca_file.map(|p| p.to_path_buf());
    if let Some(url) = ispdb_url {
        settings.ispdb_url = url.to_owned();
    }
    Ok(settings)
}

/// `IP:PORT`, `[IPv6]:PORT`, or an IP alone (port 53).
fn parse_dns_server(text: &str) -> Result<SocketAddr, CliError> {
    if let Ok(addr) = text.parse::<SocketAddr>() {
        return Ok(addr);
    }
    if let Ok(ip) = text.parse::<std::net::IpAddr>() {
        return Ok(SocketAddr::new(ip, 53));
    }
    Err(CliError::Usage(tr!("cli-bad-dns-server", value = text)))
}

fn discover_command(args: AccountDiscoverArgs) -> Result<(), CliError> {
    let settings = discover_settings(
        args.dns_server.as_deref(),
        args.ca_file.as_deref(),
        args.ispdb_url.as_deref(),
    )?;
    let discovery = run_discovery(&args.address, &settings, !args.json)?;
    if args.json {
        print_json(&discovery)?;
    } else {
        print_discovery(&discovery)?;
    }
    Ok(())
}

/// Runs discovery; with `show_progress`, says on stderr what it tries as it goes.
fn run_discovery(
    address: &str,
    settings: &DiscoverSettings,
    show_progress: bool,
) -> Result<Discovery, CliError> {
    let rt = runtime()?;
    rt.block_on(async {
        let (progress, mut steps) = Progress::channel();
        let printer = tokio::spawn(async move {
            while let Some(step) = steps.recv().await {
                if let (true, discover::Step::Trying { target, .. }) = (show_progress, &step) {
                    eprintln!("{}", tr!("discover-trying", target = target.as_str()));
                }
            }
        });
        let result = discover::discover(address, settings, progress).await;
        let _ = printer.await;
        result.map_err(|e| CliError::Engine(Error::from(e)))
    })
}

fn print_json<T: serde::Serialize>(value: &T) -> Result<(), CliError> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| CliError::Usage(tr!("cli-json-failed", reason = e.to_string())))?;
    output::line(text)?;
    Ok(())
}

fn security_name(security: Security) -> &'static str {
    match security {
        Security::Tls => "tls",
        Security::Starttls => "starttls",
        Security::Plain => "plain",
    }
}

fn print_discovery(d: &Discovery) -> Result<(), CliError> {
    if let Some(provider) = &d.provider {
        output::line(tr!("discover-provider", name = provider.as_str()))?;
    }
    let line = |c: &ServerConfig| {
        tr!(
            "discover-server",
            kind = c.kind.name(),
            host = c.host.as_str(),
            port = c.port,
            security = security_name(c.security),
            username = c.username.as_str(),
            source = format!("{:?}", c.source).to_lowercase(),
            origin = c.origin.as_str()
        )
    };
    for config in [&d.imap, &d.pop3, &d.smtp].into_iter().flatten() {
        output::line(line(config))?;
    }
    for config in &d.alternatives {
        output::line(tr!("discover-alternative", server = line(config)))?;
    }
    for warning in &d.warnings {
        eprintln!("{}", tr!("cli-warning", text = warning.localized()));
    }
    Ok(())
}

fn read_password_stdin() -> Result<Secret, CliError> {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|e| CliError::Usage(tr!("cli-password-stdin-failed", reason = e.to_string())))?;
    // One trailing newline is the terminal's, not the password's.
    let trimmed = text
        .strip_suffix("\r\n")
        .or_else(|| text.strip_suffix('\n'))
        .unwrap_or(&text)
        .to_owned();
    let secret = Secret::new(trimmed);
    use zeroize::Zeroize;
    text.zeroize();
    if secret.is_empty() {
        return Err(CliError::Usage(tr!("cli-password-empty")));
    }
    Ok(secret)
}

fn protocol(arg: ProtocolArg) -> Protocol {
    match arg {
        ProtocolArg::Imap => Protocol::Imap,
        ProtocolArg::Pop3 => Protocol::Pop3,
    }
}

fn security(arg: SecurityArg) -> Security {
    match arg {
        SecurityArg::Tls => Security::Tls,
        SecurityArg::Starttls => Security::Starttls,
        SecurityArg::Plain => Security::Plain,
    }
}

/// `host:port` or `[v6]:port`.
fn host_port(text: &str, what: &str) -> Result<(String, u16), CliError> {
    let bad = || CliError::Usage(tr!("cli-bad-host-port", what = what, value = text));
    let (host, port) = text.rsplit_once(':').ok_or_else(bad)?;
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let port: u16 = port.parse().ok().filter(|p| *p != 0).ok_or_else(bad)?;
    if host.is_empty() {
        return Err(bad());
    }
    Ok((host.to_ascii_lowercase(), port))
}

fn explicit_account(args: &AccountAddArgs) -> Result<Account, CliError> {
    let missing = |flag: &str| CliError::Usage(tr!("cli-add-needs", flag = flag));
    let incoming = args
        .incoming
        .as_deref()
        .ok_or_else(|| missing("--incoming"))?;
    let smtp = args.smtp.as_deref().ok_or_else(|| missing("--smtp"))?;
    let (in_host, in_port) = host_port(incoming, "--incoming")?;
    let (out_host, out_port) = host_port(smtp, "--smtp")?;
    let username = args.username.clone().unwrap_or_else(|| args.email.clone());
    let server = |host, port, sec: Option<SecurityArg>, flag: &str| -> Result<Server, CliError> {
        Ok(Server {
            host,
            port,
            security: security(sec.ok_or_else(|| missing(flag))?),
            username: username.clone(),
            auth: Auth::Password,
        })
    };
    Ok(Account {
        name: args.name.clone(),
        email: args.email.clone(),
        display_name: args.display_name.clone().unwrap_or_default(),
        protocol: protocol(args.protocol),
        incoming: server(
            in_host,
            in_port,
            args.incoming_security,
            "--incoming-security",
        )?,
        outgoing: server(out_host, out_port, args.smtp_security, "--smtp-security")?,
        pop3: Pop3Options::default(),
        sync: SyncOptions::default(),
        signature: String::new(),
        save_sent_copy: true,
        ca_file: None,
        accepted_certs: Vec::new(),
    })
}

fn discovered_account(args: &AccountAddArgs) -> Result<Account, CliError> {
    let settings = discover_settings(
        args.dns_server.as_deref(),
        args.ca_file.as_deref(),
        args.ispdb_url.as_deref(),
    )?;
    let discovery = run_discovery(&args.email, &settings, true)?;
    for warning in &discovery.warnings {
        eprintln!("{}", tr!("cli-warning", text = warning.localized()));
    }
    let mut account = discovery
        .account(
            &args.name,
            args.display_name.as_deref().unwrap_or_default(),
            protocol(args.protocol),
        )
        .map_err(|e| CliError::Engine(e.into()))?;
    if let Some(user) = &args.username {
        account.incoming.username = user.clone();
        account.outgoing.username = user.clone();
    }
    Ok(account)
}

fn add(profile: &Profile, args: AccountAddArgs) -> Result<(), CliError> {
    let mut accounts = Accounts::load(&profile.accounts_file()).map_err(Error::from)?;
    if accounts.get(&args.name).is_ok() {
        return Err(CliError::Engine(
            crate::engine::account::AccountError::Exists(args.name).into(),
        ));
    }
    // Read the password first: nothing is saved when it cannot be had.
    let password = if args.password_stdin {
        Some(read_password_stdin()?)
    } else {
        None
    };
    let mut account = if args.auto {
        discovered_account(&args)?
    } else {
        explicit_account(&args)?
    };
    account.ca_file = args
        .ca_file
        .as_ref()
        .map(|p| std::path::absolute(p).unwrap_or_else(|_| p.clone()));
    for pin in &args.accept_cert {
        parse_pin(pin).map_err(Error::from)?;
        // A fingerprint given on the command line is for the servers of this account.
        for host in [&account.incoming.host, &account.outgoing.host] {
            let accepted = AcceptedCert {
                host: host.clone(),
                sha256: pin.clone(),
            };
            if !account.accepted_certs.contains(&accepted) {
                account.accepted_certs.push(accepted);
            }
        }
    }
    if let Some(ca) = &account.ca_file {
        crate::engine::tls::read_ca_file(ca).map_err(Error::from)?;
    }
    let keyring = Keyring::new(&profile.config);
    if let Some(password) = &password {
        keyring
            .store(&account.name, password)
            .map_err(Error::from)?;
    }
    if let Err(e) = accounts.add(account.clone()) {
        if password.is_some() {
            let _ = keyring.delete(&account.name);
        }
        return Err(CliError::Engine(e.into()));
    }
    output::line(tr!(
        "account-added",
        name = account.name.as_str(),
        incoming = format!(
            "{}:{} ({})",
            account.incoming.host,
            account.incoming.port,
            security_name(account.incoming.security)
        ),
        outgoing = format!(
            "{}:{} ({})",
            account.outgoing.host,
            account.outgoing.port,
            security_name(account.outgoing.security)
        )
    ))?;
    if password.is_none() {
        eprintln!(
            "{}",
            tr!("account-added-no-password", name = account.name.as_str())
        );
    }
    Ok(())
}

fn list(profile: &Profile, args: JsonArgs) -> Result<(), CliError> {
    let accounts = Accounts::load(&profile.accounts_file()).map_err(Error::from)?;
    if args.json {
        return print_json(&accounts.all());
    }
    if accounts.all().is_empty() {
        output::line(tr!("account-list-empty"))?;
    }
    for a in accounts.all() {
        output::line(tr!(
            "account-list-line",
            name = a.name.as_str(),
            email = a.email.as_str(),
            protocol = match a.protocol {
                Protocol::Imap => "IMAP",
                Protocol::Pop3 => "POP3",
            },
            incoming = format!("{}:{}", a.incoming.host, a.incoming.port),
            outgoing = format!("{}:{}", a.outgoing.host, a.outgoing.port)
        ))?;
    }
    Ok(())
}

fn verify(profile: &Profile, args: AccountVerifyArgs) -> Result<(), CliError> {
    let accounts = Accounts::load(&profile.accounts_file()).map_err(Error::from)?;
    let account = accounts.get(&args.name).map_err(Error::from)?.clone();
    let keyring = Keyring::new(&profile.config);
    if args.password_stdin {
        keyring.set_for_this_run(&account.name, read_password_stdin()?);
    }
    let password = keyring.password(&account.name).map_err(Error::from)?;
    let mut report = runtime()?.block_on(crate::engine::verify::verify(&account, &password));
    if args.json {
        print_json(&report)?;
    } else {
        for (label, check) in [
            (tr!("verify-incoming"), &report.incoming),
            (tr!("verify-outgoing"), &report.outgoing),
        ] {
            let server = format!(
                "{}:{} ({})",
                check.host,
                check.port,
                security_name(check.security)
            );
            let line = match &check.message {
                None => tr!("verify-ok", what = label, server = server),
                Some(message) => tr!(
                    "verify-failed",
                    what = label,
                    server = server,
                    reason = message.as_str()
                ),
            };
            output::line(line)?;
        }
    }
    // The first failure is the command's error: one sentence on stderr, the exit code by kind.
    match report
        .incoming
        .error
        .take()
        .or_else(|| report.outgoing.error.take())
    {
        Some(error) => Err(CliError::Engine(error)),
        None => Ok(()),
    }
}

fn remove(profile: &Profile, args: AccountRemoveArgs) -> Result<(), CliError> {
    let choice = match (args.keep_mail, args.delete_mail) {
        (true, _) => MailChoice::Keep,
        (_, true) => MailChoice::Delete,
        _ => MailChoice::Ask,
    };
    let (removed, trouble) = crate::engine::account::remove(profile, &args.name, choice)?;
    if let Some(e) = trouble {
        // The account is gone; what was left behind is worth a warning, not a failure.
        eprintln!("{}", tr!("cli-warning", text = e.localized()));
    }
    let name = removed.account.name.as_str();
    let line = match (removed.messages, removed.mail_deleted) {
        (0, _) => tr!("account-removed", name = name),
        (n, true) => tr!("account-removed-mail-deleted", name = name, messages = n),
        (n, false) => tr!("account-removed-mail-kept", name = name, messages = n),
    };
    output::line(line)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_and_port_are_parsed() {
        assert_eq!(
            host_port("Mail.Example.test:993", "--incoming").unwrap(),
            ("mail.example.test".into(), 993)
        );
        assert_eq!(host_port("[::1]:143", "x").unwrap(), ("::1".into(), 143));
        for bad in ["mail.example.test", "host:0", "host:port", ":993"] {
            assert!(host_port(bad, "x").is_err(), "{bad}");
        }
    }

    #[test]
    fn dns_servers_are_parsed() {
        assert_eq!(
            parse_dns_server("127.0.0.1:5353").unwrap(),
            "127.0.0.1:5353".parse().unwrap()
        );
        assert_eq!(
            parse_dns_server("127.0.0.1").unwrap(),
            "127.0.0.1:53".parse().unwrap()
        );
        assert!(parse_dns_server("dns.example").is_err());
    }
}
