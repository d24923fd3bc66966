//! The binary opens a real window under Xvfb.

use std::process::{Command, Stdio};

use crate::support::system::wait_until;
use crate::support::xvfb::Xvfb;

#[test]
fn the_binary_opens_a_window_titled_tidings() {
    let x = Xvfb::start();
    let profile = tempfile::tempdir().expect("profile");
    let runtime_dir = tempfile::tempdir().expect("runtime dir");
    let mut app = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .env("DISPLAY", &x.display)
        .env("TIDINGS_HOME", profile.path())
        .env("XDG_RUNTIME_DIR", runtime_dir.path())
        .env("ICED_BACKEND", "tiny-skia")
        .env_remove("WAYLAND_DISPLAY")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(profile.path().join("stderr.txt")).expect("stderr file"))
        .spawn()
        .expect("start tidings");

    let mut window = String::new();
    // A deadline for a hung start, not a speed check: a debug build on a loaded 2-core CI
    // machine can take a minute to map its first window.
    let found = wait_until(180.0, || {
        let out = Command::new("xdotool")
            .args(["search", "--name", "^Tidings$"])
            .env("DISPLAY", &x.display)
            .output();
        window = out
            .map(|o| {
                String::from_utf8_lossy(&o.stdout)
                    .lines()
                    .next()
                    .unwrap_or("")
                    .to_owned()
            })
            .unwrap_or_default();
        !window.is_empty()
    });
    if !found {
        let _ = app.kill();
        let _ = app.wait();
        let stderr = std::fs::read_to_string(profile.path().join("stderr.txt")).unwrap_or_default();
        panic!("no window titled Tidings appeared: {stderr}");
    }
    // Give the first frame time to be drawn before the screenshot.
    std::thread::sleep(std::time::Duration::from_secs(2));

    let shot = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("window-smoke.png");
    let status = Command::new("import")
        .args(["-window", &window])
        .arg(&shot)
        .env("DISPLAY", &x.display)
        .status()
        .expect("import");
    let _ = app.kill();
    let _ = app.wait();
    assert!(status.success(), "the screenshot failed");

    let colours = Command::new("identify")
        .args(["-format", "%k"])
        .arg(&shot)
        .output()
        .expect("identify");
    let colours: u32 = String::from_utf8_lossy(&colours.stdout)
        .trim()
        .parse()
        .unwrap_or(0);
    assert!(
        colours > 8,
        "the window looks blank ({colours} colours), see {}",
        shot.display()
    );
}
