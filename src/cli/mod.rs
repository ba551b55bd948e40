//! Non-interactive subcommands: thin, print and exit. Each reports errors as one line for the
//! person at the terminal and returns the process exit code.

pub mod actors;
pub mod list;
pub mod render;
pub mod sources;

use std::io;

/// Writing to a closed pipe (`sahifa render | head`) is a normal way to stop, not an error.
pub fn is_broken_pipe(error: &io::Error) -> bool {
    error.kind() == io::ErrorKind::BrokenPipe
}

/// Write `value` as pretty JSON followed by a newline (what every `--json` prints).
pub fn write_json(value: &impl serde::Serialize, out: &mut impl io::Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}
