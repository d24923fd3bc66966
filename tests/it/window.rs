//! The binary opens a real window under Xvfb: empty, and with a synced account whose mail is
//! clicked and read as a person would.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use tidings::engine::account::Protocol;

use crate::support::MailServers;
use crate::support::system::wait_until;
use crate::support::xvfb::Xvfb;

/// The binary running in its own window.
struct Window {
    app: Child,
    id: String,
    display: String,
    stderr: PathBuf,
}

impl Window {
    /// Starts `tidings` with extra arguments on the profile at `home` and waits for its window.
    fn open(x: &Xvfb, home: &Path, args: &[&str]) -> Self {
        let stderr = home.join("stderr.txt");
        let app = Command::new(env!("CARGO_BIN_EXE_tidings"))
            .args(args)
            .env("DISPLAY", &x.display)
            .env("TIDINGS_HOME", home)
            .env("ICED_BACKEND", "tiny-skia")
            .env_remove("WAYLAND_DISPLAY")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&stderr).expect("stderr file"))
            .spawn()
            .expect("start tidings");
        let mut window = Self {
            id: String::new(),
            display: x.display.clone(),
            stderr,
            app,
        };
        let pid = window.app.id().to_string();
        // A deadline for a hung start, not a speed check: a debug build on a loaded 2-core
        // CI machine can take a minute to map its first window. Searching by process keeps
        // windows of tests running at the same time apart.
        let mut found = String::new();
        let display = window.display.clone();
        let appeared = wait_until(180.0, || {
            let out = Command::new("xdotool")
                .args([
                    "search",
                    "--onlyvisible",
                    "--pid",
                    &pid,
                    "--name",
                    "^Tidings$",
                ])
                .env("DISPLAY", &display)
                .output();
            found = out
                .map(|o| {
                    String::from_utf8_lossy(&o.stdout)
                        .lines()
                        .next()
                        .unwrap_or("")
                        .to_owned()
                })
                .unwrap_or_default();
            !found.is_empty()
        });
        if !appeared {
            let stderr = window.stop();
            panic!("no window titled Tidings appeared: {stderr}");
        }
        window.id = found;
        // Give the first frame time to be drawn.
        std::thread::sleep(std::time::Duration::from_secs(2));
        window
    }

    /// A screenshot of the window, in the test's scratch directory.
    fn screenshot(&self, name: &str) -> PathBuf {
        let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}.png"));
        // `import` can wait forever on a window that goes away: bounded by `timeout`.
        let status = Command::new("timeout")
            .args(["60", "import", "-window", &self.id])
            .arg(&shot)
            .env("DISPLAY", &self.display)
            .status()
            .expect("import");
        assert!(status.success(), "the screenshot failed");
        shot
    }

    /// Clicks at a point of the window, as a person with a mouse.
    fn click(&self, x: u32, y: u32) {
        let status = Command::new("xdotool")
            .args([
                "mousemove",
                "--window",
                &self.id,
                &x.to_string(),
                &y.to_string(),
            ])
            .args(["click", "1"])
            .env("DISPLAY", &self.display)
            .status()
            .expect("xdotool");
        assert!(status.success(), "the click failed");
    }

    /// Types on the keyboard into the window, as a person would: `keys` are xdotool key
    /// names (`slash`, `Return`), `text` is typed as it is.
    fn keyboard(&self, keys: &[&str], text: &str) {
        let run = |args: &[&str]| {
            let status = Command::new("xdotool")
                .args(args)
                .env("DISPLAY", &self.display)
                .status()
                .expect("xdotool");
            assert!(status.success(), "xdotool {args:?} failed");
        };
        run(&["windowfocus", "--sync", &self.id]);
        for key in keys {
            run(&["key", "--clearmodifiers", key]);
        }
        if !text.is_empty() {
            run(&["type", "--delay", "30", text]);
        }
    }

    /// Stops the binary; what it wrote to stderr.
    fn stop(&mut self) -> String {
        let _ = self.app.kill();
        let _ = self.app.wait();
        std::fs::read_to_string(&self.stderr).unwrap_or_default()
    }
}

impl Drop for Window {
    fn drop(&mut self) {
        self.stop();
    }
}

/// How many colours a region of an image holds (1 for a blank one).
fn colours(image: &Path, region: &str) -> u32 {
    let out = Command::new("convert")
        .arg(image)
        .args(["-crop", region, "+repage", "-format", "%k", "info:"])
        .output()
        .expect("convert");
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .unwrap_or(0)
}

#[test]
fn the_binary_opens_a_window_titled_tidings() {
    let x = Xvfb::own();
    let profile = tempfile::tempdir().expect("profile");
    let mut window = Window::open(&x, profile.path(), &[]);
    let shot = window.screenshot("window-smoke");
    window.stop();
    let all = colours(&shot, "100%x100%+0+0");
    assert!(
        all > 8,
        "the window looks blank ({all} colours), see {}",
        shot.display()
    );
}

/// The lead clicked a message and the reader showed only its subject: here the real binary,
/// on an account synced from the harness's Dovecot, gets a click on the newest message, and
/// the reader must show more than a heading — the sender's line, recipients and the body
/// fill the area under it.
#[test]
fn a_synced_account_is_read_in_the_real_window() {
    let servers = MailServers::start();
    crate::ui::reading::fill_inbox(&servers);
    // Its own screen: another test's window over this one would spoil clicks and pictures.
    let x = Xvfb::own();
    let profile = tempfile::tempdir().expect("profile");
    let account = crate::ui::mail::add_account(&servers, 0, Protocol::Imap, profile.path());
    // Synced first, as `tidings sync` does, so the window opens on cached mail.
    let synced = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .arg("sync")
        .env("TIDINGS_HOME", profile.path())
        .output()
        .expect("tidings sync");
    assert!(
        synced.status.success(),
        "sync failed: {}",
        String::from_utf8_lossy(&synced.stderr)
    );

    let mut window = Window::open(&x, profile.path(), &[]);
    // The list drawn: its first row (right of the folder pane) shows text. A deadline for a
    // loaded machine, not a speed check.
    let first_row = "380x40+240+50";
    let mut before = PathBuf::new();
    let drawn = wait_until(120.0, || {
        std::thread::sleep(std::time::Duration::from_millis(500));
        before = window.screenshot("window-synced");
        colours(&before, first_row) > 8
    });
    assert!(drawn, "the list never showed, see {}", before.display());
    // The reader's area under its heading: empty before a message is chosen.
    let reader_body = "500x300+660+170";
    assert!(
        colours(&before, reader_body) <= 2,
        "the reader is not empty before a click, see {}",
        before.display()
    );
    window.click(430, 70);
    let mut after = PathBuf::new();
    let mut shown = 0;
    wait_until(60.0, || {
        std::thread::sleep(std::time::Duration::from_millis(500));
        after = window.screenshot("window-reading");
        shown = colours(&after, reader_body);
        shown > 8
    });
    assert!(
        shown > 8,
        "the reader shows nothing under the subject ({shown} colours), see {}; stderr: {}",
        after.display(),
        window.stop()
    );

    // "/" puts the cursor in the search box: a word no message holds, then Enter, empties
    // the list. Without the focus the letters would be shortcuts (s flags, n nothing…) and
    // the list would stay full.
    let more_rows = "380x300+240+130";
    assert!(
        colours(&after, more_rows) > 8,
        "the list is short, see {}",
        after.display()
    );
    window.keyboard(&["slash"], "zqxjwv");
    window.keyboard(&["Return"], "");
    let mut searched = PathBuf::new();
    let emptied = wait_until(60.0, || {
        std::thread::sleep(std::time::Duration::from_millis(500));
        searched = window.screenshot("window-searched");
        colours(&searched, more_rows) <= 2
    });
    let stderr = window.stop();
    assert!(
        emptied,
        "the slash key did not search, see {}; stderr: {stderr}",
        searched.display()
    );
    crate::ui::mail::forget(profile.path(), &account);
}
