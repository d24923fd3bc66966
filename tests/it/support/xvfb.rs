//! An X server without a screen, for tests that open the real window.

use std::io::Read;
use std::process::{Child, Command, Stdio};

use super::system::{self, need};

pub const PACKAGES: &[system::Needed] = &[
    need("Xvfb", "xvfb"),
    need("xdotool", "xdotool"),
    need("import", "imagemagick"),
    need("identify", "imagemagick"),
];

pub struct Xvfb {
    /// The DISPLAY value, e.g. `:99`.
    pub display: String,
    child: Option<Child>,
}

impl Xvfb {
    /// The X server named by `DISPLAY` when there is one (CI starts one), else our own.
    pub fn start() -> Self {
        system::require(PACKAGES);
        if let Ok(display) = std::env::var("DISPLAY")
            && !display.is_empty()
        {
            return Self {
                display,
                child: None,
            };
        }
        Self::own()
    }

    /// An X server of our own, whatever `DISPLAY` says: for a test that clicks and takes
    /// screenshots, which another test's window on the same screen would spoil.
    pub fn own() -> Self {
        system::require(PACKAGES);
        // -displayfd makes Xvfb pick a free display number and tell us which.
        let mut child = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn Xvfb");
        let mut number = String::new();
        let mut out = child.stdout.take().expect("Xvfb stdout");
        let mut byte = [0u8; 1];
        while out.read(&mut byte).map(|n| n == 1).unwrap_or(false) && byte[0] != b'\n' {
            number.push(byte[0] as char);
        }
        assert!(!number.trim().is_empty(), "Xvfb did not report a display");
        Self {
            display: format!(":{}", number.trim()),
            child: Some(child),
        }
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
