//! Everything the commands print on stdout goes through here. `println!` panics when the
//! reader has gone away (`tidings list | head`); a closed pipe must instead end the output
//! quietly, as it does for any other command-line tool.

use std::fmt::Display;
use std::io::Write;

use super::CliError;
use crate::tr;

/// Writes what `f` produces to stdout, buffered; a closed pipe is not an error.
pub fn write_out(f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<(), CliError> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    finish(f(&mut out).and_then(|_| out.flush()))
}

/// One line of output.
pub fn line(text: impl Display) -> Result<(), CliError> {
    write_out(|out| writeln!(out, "{text}"))
}

/// Copies a byte stream (a raw message) to stdout.
pub fn copy(mut from: impl std::io::Read) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    finish(std::io::copy(&mut from, &mut out).and_then(|_| out.flush()))
}

fn finish(result: std::io::Result<()>) -> Result<(), CliError> {
    match result {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(CliError::Usage(tr!(
            "cli-write-failed",
            reason = e.to_string()
        ))),
    }
}
