//! A throwaway Postfix: submission with STARTTLS required (and implicit TLS), AUTH through
//! Dovecot's SASL, delivering into Dovecot over LMTP. Every other destination is refused,
//! so no mail can leave the machine.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::certs::ServerCert;
use super::dovecot::{Dovecot, TestUser};
use super::system::{self, free_port, need, wait_until};

pub const PACKAGES: &[system::Needed] = &[
    need("postfix", "postfix"),
    need("postconf", "postfix"),
    need("/usr/lib/postfix/sbin/master", "postfix"),
];

/// The domains the harness delivers to; everything else is rejected.
pub const DOMAINS: &[&str] = &["example.test", "example.org.test"];

pub struct Postfix {
    etc: PathBuf,
    queue: PathBuf,
    log_file: PathBuf,
    /// Submission with STARTTLS required before AUTH (the port-587 setup).
    pub submission_port: u16,
    /// Submission with implicit TLS (the port-465 setup).
    pub submissions_port: u16,
    /// Submission that offers no STARTTLS at all but does offer AUTH: a server a client must
    /// refuse to send a password to.
    pub no_tls_port: u16,
    running: bool,
}

impl Postfix {
    pub fn start(dir: &Path, cert: &ServerCert, dovecot: &Dovecot, users: &[TestUser]) -> Self {
        system::require(PACKAGES);
        assert!(
            system::is_root(),
            "Postfix can only be started by root: run the tests as root (tests/run does)"
        );
        let etc = dir.join("etc");
        let queue = dir.join("queue");
        let data = dir.join("data");
        for d in [&etc, &queue, &data] {
            std::fs::create_dir_all(d).expect("postfix dirs");
        }
        let (uid, gid) = system::user_ids("postfix").expect("the postfix user is missing");
        std::os::unix::fs::chown(&data, Some(uid), Some(gid)).expect("chown data");

        let recipients: String = users
            .iter()
            .map(|u| format!("{} OK\n", u.address))
            .collect();
        std::fs::write(etc.join("recipients"), recipients).expect("recipients");

        let mut last_log = String::new();
        for _attempt in 0..3 {
            let mut postfix = Self {
                log_file: dir.join("maillog"),
                etc: etc.clone(),
                queue: queue.clone(),
                submission_port: free_port(),
                submissions_port: free_port(),
                no_tls_port: free_port(),
                running: false,
            };
            postfix.write_config(dir, cert, dovecot);
            if postfix.launch() {
                return postfix;
            }
            last_log = postfix.log();
            postfix.stop();
        }
        panic!("Postfix did not start:\n{last_log}");
    }

    fn write_config(&self, dir: &Path, cert: &ServerCert, dovecot: &Dovecot) {
        let refuse = "error:5.7.1 the Tidings test harness delivers nowhere but its own Dovecot";
        let main_cf = format!(
            r#"# Written by the Tidings test harness.
compatibility_level = 3.6
queue_directory = {queue}
data_directory = {data}
command_directory = /usr/sbin
daemon_directory = /usr/lib/postfix/sbin
meta_directory = /etc/postfix
shlib_directory = /usr/lib/postfix
mail_owner = postfix
setgid_group = postdrop
myhostname = mail.example.test
mydomain = example.test
myorigin = example.test
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
alias_maps =
alias_database =
local_recipient_maps =
relay_domains =
relayhost =
virtual_mailbox_domains = {domains}
virtual_mailbox_maps = texthash:{etc}/recipients
virtual_transport = lmtp:inet:127.0.0.1:{lmtp}
default_transport = {refuse}
relay_transport = {refuse}
local_transport = {refuse}
smtpd_relay_restrictions = reject_unauth_destination
smtpd_tls_cert_file = {cert}
smtpd_tls_key_file = {key}
smtpd_sasl_type = dovecot
smtpd_sasl_path = inet:127.0.0.1:{auth}
smtpd_tls_auth_only = yes
maillog_file_prefixes = {dir}
maillog_file = {log}
biff = no
append_dot_mydomain = no
message_size_limit = 209715200
mailbox_size_limit = 0
smtputf8_enable = yes
disable_dns_lookups = yes
smtp_host_lookup = native
lmtp_host_lookup = native
queue_run_delay = 1s
minimal_backoff_time = 1s
maximum_backoff_time = 2s
"#,
            queue = self.queue.display(),
            data = dir.join("data").display(),
            etc = self.etc.display(),
            domains = DOMAINS.join(", "),
            lmtp = dovecot.lmtp_port,
            auth = dovecot.auth_port,
            cert = cert.cert_file.display(),
            key = cert.key_file.display(),
            dir = dir.display(),
            log = self.log_file.display(),
        );
        std::fs::write(self.etc.join("main.cf"), main_cf).expect("main.cf");
        let master_cf = format!(
            r#"# Written by the Tidings test harness. No service runs chrooted.
127.0.0.1:{sub} inet n - n - - smtpd
  -o syslog_name=postfix/submission
  -o smtpd_tls_security_level=encrypt
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_client_restrictions=permit_sasl_authenticated,reject
127.0.0.1:{subs} inet n - n - - smtpd
  -o syslog_name=postfix/submissions
  -o smtpd_tls_wrappermode=yes
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_client_restrictions=permit_sasl_authenticated,reject
127.0.0.1:{notls} inet n - n - - smtpd
  -o syslog_name=postfix/notls
  -o smtpd_tls_security_level=none
  -o smtpd_tls_auth_only=no
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_client_restrictions=permit_sasl_authenticated,reject
pickup     unix  n - n 60   1 pickup
cleanup    unix  n - n -    0 cleanup
qmgr       unix  n - n 300  1 qmgr
tlsmgr     unix  - - n 1000 1 tlsmgr
rewrite    unix  - - n -    - trivial-rewrite
bounce     unix  - - n -    0 bounce
defer      unix  - - n -    0 bounce
trace      unix  - - n -    0 bounce
verify     unix  - - n -    1 verify
flush      unix  n - n 1000 0 flush
proxymap   unix  - - n -    - proxymap
proxywrite unix  - - n -    1 proxymap
smtp       unix  - - n -    - smtp
relay      unix  - - n -    - smtp
showq      unix  n - n -    - showq
error      unix  - - n -    - error
retry      unix  - - n -    - error
discard    unix  - - n -    - discard
lmtp       unix  - - n -    - lmtp
anvil      unix  - - n -    1 anvil
scache     unix  - - n -    1 scache
postlog    unix-dgram n - n - 1 postlogd
"#,
            sub = self.submission_port,
            subs = self.submissions_port,
            notls = self.no_tls_port,
        );
        std::fs::write(self.etc.join("master.cf"), master_cf).expect("master.cf");
    }

    fn launch(&mut self) -> bool {
        let status = Command::new("postfix")
            .arg("-c")
            .arg(&self.etc)
            .arg("start")
            .output()
            .expect("run postfix");
        self.running = status.status.success();
        let ports = [
            self.submission_port,
            self.submissions_port,
            self.no_tls_port,
        ];
        self.running
            && wait_until(15.0, || {
                ports
                    .iter()
                    .all(|p| std::net::TcpStream::connect(("127.0.0.1", *p)).is_ok())
            })
    }

    fn master_pid(&self) -> Option<u32> {
        std::fs::read_to_string(self.queue.join("pid/master.pid"))
            .ok()?
            .trim()
            .parse()
            .ok()
    }

    /// Stops Postfix; its queue stays, so mail accepted before is delivered after a restart.
    pub fn stop(&mut self) {
        let pid = self.master_pid();
        if self.running || pid.is_some_and(system::alive) {
            let _ = Command::new("postfix")
                .arg("-c")
                .arg(&self.etc)
                .arg("stop")
                .output();
        }
        if let Some(pid) = pid
            && !wait_until(10.0, || !system::alive(pid))
        {
            system::signal(pid, "KILL");
        }
        self.running = false;
    }

    /// Starts Postfix again on the same ports with the same queue.
    pub fn restart(&mut self) {
        self.stop();
        assert!(self.launch(), "Postfix did not restart:\n{}", self.log());
    }

    /// Asks Postfix to deliver whatever waits in its queue now.
    pub fn flush(&self) {
        let _ = Command::new("postqueue")
            .arg("-c")
            .arg(&self.etc)
            .arg("-f")
            .output();
    }

    /// Waits until Postfix's queue is empty (everything delivered or bounced).
    pub fn wait_for_empty_queue(&self, secs: f64) -> bool {
        wait_until(secs, || {
            Command::new("postqueue")
                .arg("-c")
                .arg(&self.etc)
                .arg("-p")
                .output()
                .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("Mail queue is empty"))
        })
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log_file).unwrap_or_default()
    }
}

impl Drop for Postfix {
    fn drop(&mut self) {
        self.stop();
    }
}
