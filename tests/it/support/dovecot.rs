//! A throwaway Dovecot: IMAP (STARTTLS and implicit TLS), POP3 (STLS and implicit TLS),
//! LMTP for Postfix and an auth listener for Postfix's SASL, all on 127.0.0.1.

use std::fs::File;
use std::io::Write;
use std::os::unix::fs::chown;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::SystemTime;

use super::certs::ServerCert;
use super::system::{self, free_port, need, wait_until};

pub const PACKAGES: &[system::Needed] = &[
    need("dovecot", "dovecot-core"),
    need("doveadm", "dovecot-core"),
    need("/usr/lib/dovecot/imap", "dovecot-imapd"),
    need("/usr/lib/dovecot/pop3", "dovecot-pop3d"),
    need("/usr/lib/dovecot/lmtp", "dovecot-lmtpd"),
];

/// A mail user of the harness. Logs in with the full address.
#[derive(Debug, Clone)]
pub struct TestUser {
    pub address: String,
    pub password: String,
}

/// Settings a test may change before Dovecot starts.
#[derive(Debug, Clone, Default)]
pub struct DovecotOptions {
    /// Allow LOGIN/USER before TLS (for accounts that explicitly chose plaintext).
    pub allow_plaintext_auth: bool,
    /// Lines appended to the configuration, e.g. `imap_capability = IMAP4rev1 IDLE`.
    pub extra_config: String,
}

/// One message as the server holds it.
#[derive(Debug, Clone)]
pub struct ServerMessage {
    pub uid: u32,
    pub flags: Vec<String>,
    /// The bytes of the maildir file (Dovecot keeps whatever line endings it was given).
    pub raw: Vec<u8>,
}

pub struct Dovecot {
    dir: PathBuf,
    conf: PathBuf,
    mail_root: PathBuf,
    /// IMAP on the plain port, where STARTTLS is offered.
    pub imap_port: u16,
    /// IMAP with implicit TLS.
    pub imaps_port: u16,
    /// POP3 on the plain port, where STLS is offered.
    pub pop3_port: u16,
    /// POP3 with implicit TLS.
    pub pop3s_port: u16,
    pub lmtp_port: u16,
    /// Dovecot's SASL auth service, for Postfix.
    pub auth_port: u16,
    owner: (u32, u32),
    child: Option<Child>,
}

static UNIQUE: AtomicU64 = AtomicU64::new(0);

impl Dovecot {
    pub fn start(
        dir: &Path,
        cert: &ServerCert,
        users: &[TestUser],
        options: &DovecotOptions,
    ) -> Self {
        system::require(PACKAGES);
        std::fs::create_dir_all(dir).expect("dovecot dir");
        let owner = mail_owner();
        let mail_root = dir.join("mail");
        for sub in ["run", "state"] {
            std::fs::create_dir_all(dir.join(sub)).expect("dovecot dirs");
        }
        std::fs::create_dir_all(&mail_root).expect("mail root");
        chown(&mail_root, Some(owner.0), Some(owner.1)).expect("chown mail root");

        let mut users_file = String::new();
        for u in users {
            let home = mail_root.join(&u.address);
            users_file.push_str(&format!(
                "{}:{{PLAIN}}{}:{}:{}::{}::\n",
                u.address,
                u.password,
                owner.0,
                owner.1,
                home.display()
            ));
        }
        std::fs::write(dir.join("users"), users_file).expect("users file");

        let mut last_log = String::new();
        for _attempt in 0..3 {
            let mut dovecot = Self {
                dir: dir.to_path_buf(),
                conf: dir.join("dovecot.conf"),
                mail_root: mail_root.clone(),
                imap_port: free_port(),
                imaps_port: free_port(),
                pop3_port: free_port(),
                pop3s_port: free_port(),
                lmtp_port: free_port(),
                auth_port: free_port(),
                owner,
                child: None,
            };
            dovecot.write_config(cert, options);
            if dovecot.launch() {
                return dovecot;
            }
            last_log = dovecot.log();
            dovecot.stop();
        }
        panic!("Dovecot did not start:\n{last_log}");
    }

    fn write_config(&self, cert: &ServerCert, options: &DovecotOptions) {
        let d = self.dir.display();
        let (uid, _) = self.owner;
        // Running unprivileged, every Dovecot process runs as the current user.
        let unprivileged = if system::is_root() {
            String::new()
        } else {
            let me = std::env::var("USER").unwrap_or_else(|_| "nobody".into());
            format!(
                "default_internal_user = {me}\ndefault_login_user = {me}\ndefault_internal_group = {me}\n\
                 service imap-login {{\n  chroot =\n}}\nservice pop3-login {{\n  chroot =\n}}\n"
            )
        };
        let conf = format!(
            r#"# Written by the Tidings test harness.
base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
protocols = imap pop3 lmtp
listen = 127.0.0.1
ssl = yes
ssl_cert = <{cert}
ssl_key = <{key}
disable_plaintext_auth = {no_plain}
auth_mechanisms = plain login
first_valid_uid = {uid}
last_valid_uid = {uid}
mail_location = maildir:~/Maildir
pop3_uidl_format = %08Xu%08Xv
mail_max_userip_connections = 100
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {d}/users
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {d}/users
}}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Sent {{
    special_use = \Sent
    auto = subscribe
  }}
  mailbox Drafts {{
    special_use = \Drafts
    auto = subscribe
  }}
  mailbox Trash {{
    special_use = \Trash
    auto = subscribe
  }}
  mailbox Junk {{
    special_use = \Junk
    auto = subscribe
  }}
  mailbox Archive {{
    special_use = \Archive
    auto = subscribe
  }}
}}
service imap-login {{
  inet_listener imap {{
    port = {imap}
  }}
  inet_listener imaps {{
    port = {imaps}
    ssl = yes
  }}
}}
service pop3-login {{
  inet_listener pop3 {{
    port = {pop3}
  }}
  inet_listener pop3s {{
    port = {pop3s}
    ssl = yes
  }}
}}
service lmtp {{
  inet_listener lmtp {{
    address = 127.0.0.1
    port = {lmtp}
  }}
}}
service auth {{
  inet_listener auth-postfix {{
    address = 127.0.0.1
    port = {auth}
  }}
}}
{unprivileged}
{extra}
"#,
            cert = cert.cert_file.display(),
            key = cert.key_file.display(),
            no_plain = if options.allow_plaintext_auth {
                "no"
            } else {
                "yes"
            },
            imap = self.imap_port,
            imaps = self.imaps_port,
            pop3 = self.pop3_port,
            pop3s = self.pop3s_port,
            lmtp = self.lmtp_port,
            auth = self.auth_port,
            extra = options.extra_config,
        );
        std::fs::write(&self.conf, conf).expect("dovecot.conf");
    }

    /// Starts Dovecot in the foreground as our child; true once every listener answers.
    fn launch(&mut self) -> bool {
        let out = File::create(self.dir.join("dovecot.out")).expect("dovecot.out");
        let child = Command::new("dovecot")
            .arg("-F")
            .arg("-c")
            .arg(&self.conf)
            .stdin(Stdio::null())
            .stdout(out.try_clone().expect("dup"))
            .stderr(out)
            .spawn()
            .expect("spawn dovecot");
        self.child = Some(child);
        let ports = [
            self.imap_port,
            self.imaps_port,
            self.pop3_port,
            self.pop3s_port,
            self.lmtp_port,
            self.auth_port,
        ];
        wait_until(10.0, || {
            self.running()
                && ports
                    .iter()
                    .all(|p| std::net::TcpStream::connect(("127.0.0.1", *p)).is_ok())
        })
    }

    /// Whether our Dovecot master process is alive.
    pub fn running(&mut self) -> bool {
        match self.child.as_mut() {
            Some(child) => matches!(child.try_wait(), Ok(None)),
            None => false,
        }
    }

    /// Stops Dovecot; its mail and state stay for [`Dovecot::restart`].
    pub fn stop(&mut self) {
        let Some(mut child) = self.child.take() else {
            return;
        };
        system::signal(child.id(), "TERM");
        if !wait_until(10.0, || matches!(child.try_wait(), Ok(Some(_)))) {
            let _ = child.kill();
        }
        let _ = child.wait();
    }

    /// Starts Dovecot again on the same ports with the same mail.
    pub fn restart(&mut self) {
        self.stop();
        assert!(self.launch(), "Dovecot did not restart:\n{}", self.log());
    }

    pub fn log(&self) -> String {
        let mut log = std::fs::read_to_string(self.dir.join("dovecot.log")).unwrap_or_default();
        log.push_str(&std::fs::read_to_string(self.dir.join("dovecot.out")).unwrap_or_default());
        log
    }

    /// The maildir of a folder (`INBOX`, `Sent`, `a/b`), created if missing.
    pub fn maildir(&self, user: &str, folder: &str) -> PathBuf {
        let root = self.mail_root.join(user).join("Maildir");
        let dir = if folder.eq_ignore_ascii_case("INBOX") {
            root.clone()
        } else {
            root.join(format!(".{}", folder.replace('/', ".")))
        };
        for sub in ["cur", "new", "tmp"] {
            let path = dir.join(sub);
            if !path.exists() {
                std::fs::create_dir_all(&path).expect("maildir");
            }
        }
        if dir != root {
            let marker = dir.join("maildirfolder");
            if !marker.exists() {
                File::create(&marker).expect("maildirfolder");
            }
        }
        self.chown_tree(&self.mail_root.join(user));
        dir
    }

    fn chown_tree(&self, path: &Path) {
        let _ = chown(path, Some(self.owner.0), Some(self.owner.1));
        let Ok(entries) = std::fs::read_dir(path) else {
            return;
        };
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_dir() {
                self.chown_tree(&p);
            } else {
                let _ = chown(&p, Some(self.owner.0), Some(self.owner.1));
            }
        }
    }

    /// Puts messages straight into a folder's maildir, fast: thousands per second. `flags`
    /// are maildir flag letters (`S` seen, `F` flagged, `R` answered, `T` deleted, `D` draft).
    /// Each message's received date is `received`, or now.
    pub fn fill<I, M>(&self, user: &str, folder: &str, messages: I)
    where
        I: IntoIterator<Item = (M, &'static str, Option<SystemTime>)>,
        M: AsRef<[u8]>,
    {
        let dir = self.maildir(user, folder);
        for (raw, flags, received) in messages {
            let raw = raw.as_ref();
            let n = UNIQUE.fetch_add(1, Ordering::Relaxed);
            let now = SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .unwrap_or_default();
            let base = format!(
                "{}.M{}P{}Q{}.harness,S={}",
                now.as_secs(),
                now.subsec_micros(),
                std::process::id(),
                n,
                raw.len()
            );
            let mut flag_letters: Vec<char> = flags.chars().collect();
            flag_letters.sort_unstable();
            let name = format!("{base}:2,{}", flag_letters.iter().collect::<String>());
            let tmp = dir.join("tmp").join(&base);
            {
                let mut f = File::create(&tmp).expect("maildir tmp file");
                f.write_all(raw).expect("write message");
                if let Some(t) = received {
                    f.set_modified(t).expect("set received date");
                }
            }
            let _ = chown(&tmp, Some(self.owner.0), Some(self.owner.1));
            std::fs::rename(&tmp, dir.join("cur").join(name)).expect("maildir rename");
        }
    }

    /// Puts one unread message into a folder.
    pub fn deliver(&self, user: &str, folder: &str, raw: &[u8]) {
        self.fill(user, folder, [(raw, "", None)]);
    }

    /// Runs doveadm against this Dovecot.
    pub fn doveadm(&self, args: &[&str]) -> String {
        system::run(Command::new("doveadm").arg("-c").arg(&self.conf).args(args))
    }

    /// What the server holds in a folder, in UID order.
    pub fn messages(&self, user: &str, folder: &str) -> Vec<ServerMessage> {
        let out = self.doveadm(&[
            "-f",
            "tab",
            "fetch",
            "-u",
            user,
            "uid guid flags",
            "mailbox",
            folder,
            "all",
        ]);
        let dir = self.maildir(user, folder);
        let mut list: Vec<ServerMessage> = out
            .lines()
            .skip(1)
            .filter(|l| !l.is_empty())
            .map(|line| {
                let mut cols = line.split('\t');
                let uid: u32 = cols.next().unwrap_or("0").parse().expect("uid");
                let guid = cols.next().unwrap_or_default().to_owned();
                let flags = cols
                    .next()
                    .unwrap_or_default()
                    .split_whitespace()
                    .map(str::to_owned)
                    .collect();
                // A message copied or moved by Dovecot keeps its GUID under a new file
                // name; dovecot-uidlist knows which.
                let raw = read_maildir_file(&dir, &guid)
                    .or_else(|| {
                        uidlist_name(&dir, uid).and_then(|name| read_maildir_file(&dir, &name))
                    })
                    .unwrap_or_else(|| {
                        panic!("no maildir file for uid {uid} ({guid}) in {folder}")
                    });
                ServerMessage { uid, flags, raw }
            })
            .collect();
        list.sort_by_key(|m| m.uid);
        list
    }

    /// Waits up to `secs` for a folder to hold at least `n` messages.
    pub fn wait_for_count(&self, user: &str, folder: &str, n: usize, secs: f64) -> bool {
        wait_until(secs, || self.count(user, folder) >= n)
    }

    /// How many messages a folder holds.
    pub fn count(&self, user: &str, folder: &str) -> usize {
        let out = self.doveadm(&[
            "-f", "tab", "mailbox", "status", "-u", user, "messages", folder,
        ]);
        // The tab format prints a header, then `<mailbox>\t<messages>`.
        out.lines()
            .nth(1)
            .and_then(|l| l.rsplit('\t').next())
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(0)
    }

    /// The folders of a user, as Dovecot lists them.
    pub fn folders(&self, user: &str) -> Vec<String> {
        self.doveadm(&["mailbox", "list", "-u", user])
            .lines()
            .map(str::to_owned)
            .collect()
    }
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The base file name dovecot-uidlist gives `uid` (`<uid> [extensions] :<name>` lines).
fn uidlist_name(dir: &Path, uid: u32) -> Option<String> {
    let list = std::fs::read_to_string(dir.join("dovecot-uidlist")).ok()?;
    list.lines().skip(1).find_map(|line| {
        let (head, name) = line.split_once(" :")?;
        let first: u32 = head.split_whitespace().next()?.parse().ok()?;
        (first == uid).then(|| name.trim().to_owned())
    })
}

fn read_maildir_file(dir: &Path, guid: &str) -> Option<Vec<u8>> {
    for sub in ["cur", "new"] {
        for entry in std::fs::read_dir(dir.join(sub)).ok()?.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name == guid || name.starts_with(&format!("{guid}:")) {
                return std::fs::read(entry.path()).ok();
            }
        }
    }
    None
}

/// Who owns the mail: the `mail` user when root (Dovecot refuses mail access as root),
/// else whoever runs the tests.
fn mail_owner() -> (u32, u32) {
    use std::os::unix::fs::MetadataExt;
    if system::is_root() {
        system::user_ids("mail").expect("the Debian user `mail` is missing")
    } else {
        let m = std::fs::metadata("/proc/self").expect("/proc/self");
        (m.uid(), m.gid())
    }
}

/// Converts bare LF line ends to CRLF, as they travel over IMAP and POP3.
pub fn to_crlf(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len() + raw.len() / 40);
    let mut prev = 0u8;
    for &b in raw {
        if b == b'\n' && prev != b'\r' {
            out.push(b'\r');
        }
        out.push(b);
        prev = b;
    }
    out
}
