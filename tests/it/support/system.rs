//! What the harness needs from the machine: Debian packages, root, free ports.

use std::fs::{File, OpenOptions};
use std::net::TcpListener;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::{Command, Stdio};

/// True when the tests run as root (CI does; it may then install packages).
pub fn is_root() -> bool {
    std::fs::metadata("/proc/self")
        .map(|m| m.uid() == 0)
        .unwrap_or(false)
}

/// A program the tests need and the Debian package that ships it.
pub struct Needed {
    pub program: &'static str,
    pub package: &'static str,
}

pub const fn need(program: &'static str, package: &'static str) -> Needed {
    Needed { program, package }
}

/// Makes sure every program is there. Missing ones are installed with apt-get when running
/// as root, without letting the packages start their own service instances; otherwise the
/// test fails naming the packages to install.
pub fn require(needed: &[Needed]) {
    let missing: Vec<&Needed> = needed.iter().filter(|n| !exists(n.program)).collect();
    if missing.is_empty() {
        return;
    }
    let packages: Vec<&str> = missing.iter().map(|n| n.package).collect();
    assert!(
        is_root(),
        "the test harness needs these Debian packages: {} (run `tests/run` as root, or apt-get install them)",
        packages.join(" ")
    );
    install(&packages);
    let still: Vec<&str> = missing
        .iter()
        .filter(|n| !exists(n.program))
        .map(|n| n.package)
        .collect();
    assert!(
        still.is_empty(),
        "installing {} did not provide the programs the tests need",
        still.join(" ")
    );
}

fn exists(program: &str) -> bool {
    if program.contains('/') {
        return Path::new(program).exists();
    }
    std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
        .unwrap_or(false)
        || ["/usr/sbin", "/sbin"]
            .iter()
            .any(|d| Path::new(d).join(program).is_file())
}

/// apt-get install, one test process at a time, with services kept from starting.
fn install(packages: &[&str]) {
    let lock = lock_file("tidings-harness-apt.lock");
    let policy = Path::new("/usr/sbin/policy-rc.d");
    let own_policy = !policy.exists();
    if own_policy {
        std::fs::write(
            policy,
            "#!/bin/sh\n# written by the Tidings test harness\nexit 101\n",
        )
        .expect("write policy-rc.d");
        set_mode(policy, 0o755);
    }
    let update = Command::new("apt-get")
        .args(["update", "-q"])
        .env("DEBIAN_FRONTEND", "noninteractive")
        .stdout(Stdio::null())
        .status();
    let status = Command::new("apt-get")
        .args(["install", "-y", "-q", "--no-install-recommends"])
        .args(packages)
        .env("DEBIAN_FRONTEND", "noninteractive")
        .stdout(Stdio::null())
        .status();
    if own_policy {
        let _ = std::fs::remove_file(policy);
    }
    drop(lock);
    assert!(update.is_ok(), "apt-get update could not run");
    let status = status.expect("apt-get could not run");
    assert!(
        status.success(),
        "apt-get install {} failed",
        packages.join(" ")
    );
}

/// An exclusive lock on a file in the temporary directory, held until dropped.
pub fn lock_file(name: &str) -> File {
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(std::env::temp_dir().join(name))
        .expect("open lock file");
    file.lock().expect("lock");
    file
}

pub fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

/// A port on 127.0.0.1 that was free a moment ago.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("no free port on 127.0.0.1")
}

/// Runs a command to completion and returns its stdout; fails the test with its stderr.
pub fn run(cmd: &mut Command) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("could not run {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Whether a process id is alive.
pub fn alive(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
        && std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .map(|s| !s.contains(") Z "))
            .unwrap_or(false)
}

/// Sends a signal with kill(1), so the tests need no unsafe code.
pub fn signal(pid: u32, sig: &str) {
    let _ = Command::new("kill")
        .args([format!("-{sig}"), pid.to_string()])
        .stderr(Stdio::null())
        .status();
}

/// Waits until `cond` holds or `secs` pass; returns whether it held.
pub fn wait_until(secs: f64, mut cond: impl FnMut() -> bool) -> bool {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs_f64(secs);
    loop {
        if cond() {
            return true;
        }
        if std::time::Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
}

/// The uid and gid of a system user, from /etc/passwd.
pub fn user_ids(name: &str) -> Option<(u32, u32)> {
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|line| {
        let f: Vec<&str> = line.split(':').collect();
        (f.len() > 3 && f[0] == name).then(|| Some((f[2].parse().ok()?, f[3].parse().ok()?)))?
    })
}
