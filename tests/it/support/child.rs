//! Running the `tidings` binary as a child process and measuring it: its exit, its output,
//! and its peak resident memory as the kernel counted it (`wait4`'s `ru_maxrss`) — a bound
//! on memory that does not depend on timing or on what else the machine runs.
//!
//! The kernel's figure for a child also counts the memory of the process it was started
//! from: `exec` records the high-water mark of the address space it replaces. Started with
//! `posix_spawn` (what `Command` does by default) that space is the test's own, so the
//! test's peak (a corpus of hundreds of MB) would be charged to every child. Started with
//! a plain `fork`, it is the copy's, which holds what the test holds at that moment; so the
//! tests fork, and give memory they no longer need back first (see [`trim`]).

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How a measured child ended.
#[derive(Debug)]
pub struct Measured {
    /// The exit code, `None` when a signal ended it.
    pub code: Option<i32>,
    /// The signal that ended it, if one did.
    pub signal: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    /// Peak resident memory in bytes.
    pub peak_rss: u64,
}

impl Measured {
    pub fn success(&self) -> bool {
        self.code == Some(0)
    }

    /// Everything about the run, for assertion messages (output cut to a readable size).
    pub fn describe(&self) -> String {
        let cut = |b: &[u8]| String::from_utf8_lossy(&b[..b.len().min(4000)]).into_owned();
        format!(
            "exit {:?}, signal {:?}, peak {} MiB\nstdout: {}\nstderr: {}",
            self.code,
            self.signal,
            self.peak_rss >> 20,
            cut(&self.stdout),
            cut(&self.stderr)
        )
    }
}

/// The `tidings` binary with a profile.
pub fn tidings(profile: &std::path::Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_tidings"));
    c.env("TIDINGS_HOME", profile);
    c
}

/// Runs `command` to its end with `stdin` as input and measures it. A child still running
/// after `watchdog` is killed and reported as a hang (the test fails on it, it does not
/// time anything).
pub fn run(command: &mut Command, stdin: Option<&[u8]>, watchdog: Duration) -> Measured {
    run_observed(command, stdin, watchdog, |_| {})
}

/// [`run`], calling `observe` with the child's pid again and again while it runs (to look
/// at `/proc/<pid>/...`).
// The child is reaped by `wait4` (which also gives its peak memory), not by `Child::wait`.
#[allow(clippy::zombie_processes)]
pub fn run_observed(
    command: &mut Command,
    stdin: Option<&[u8]>,
    watchdog: Duration,
    mut observe: impl FnMut(u32),
) -> Measured {
    let scratch = tempfile::tempdir().expect("scratch");
    let out_path = scratch.path().join("stdout");
    let err_path = scratch.path().join("stderr");
    let out = std::fs::File::create(&out_path).expect("stdout file");
    let err = std::fs::File::create(&err_path).expect("stderr file");
    trim();
    // SAFETY: the hook does nothing; it is there so that `Command` forks instead of using
    // posix_spawn (see the module's documentation).
    unsafe {
        command.pre_exec(|| Ok(()));
    }
    let mut child = command
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(out)
        .stderr(err)
        .spawn()
        .expect("start the child");
    if let Some(input) = stdin {
        use std::io::Write;
        let mut pipe = child.stdin.take().expect("stdin");
        pipe.write_all(input).expect("write stdin");
    }
    let pid = child.id() as libc::pid_t;
    observe(child.id());
    let started = Instant::now();
    let (status, usage) = loop {
        let mut status = 0;
        // SAFETY: an all-zero rusage is a valid value for wait4 to fill in.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: wait4 on our own child's pid with valid pointers.
        let done = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if done == pid {
            break (status, usage);
        }
        assert!(
            done == 0,
            "wait4 failed: {}",
            std::io::Error::last_os_error()
        );
        if started.elapsed() > watchdog {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the child did not finish within {watchdog:?} (a hang): {command:?}");
        }
        observe(child.id());
        std::thread::sleep(Duration::from_millis(20));
    };
    let read = |p: &std::path::Path| {
        let mut v = Vec::new();
        let _ = std::fs::File::open(p).and_then(|mut f| f.read_to_end(&mut v));
        v
    };
    Measured {
        code: libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status)),
        signal: libc::WIFSIGNALED(status).then(|| libc::WTERMSIG(status)),
        stdout: read(&out_path),
        stderr: read(&err_path),
        // Linux counts ru_maxrss in KiB, macOS in bytes.
        peak_rss: usage.ru_maxrss as u64 * if cfg!(target_os = "macos") { 1 } else { 1024 },
    }
}

/// Gives freed heap memory back to the system, so a child forked next does not count it.
pub fn trim() {
    // SAFETY: malloc_trim only releases free memory of the allocator.
    #[cfg(target_env = "gnu")]
    unsafe {
        libc::malloc_trim(0);
    }
}
