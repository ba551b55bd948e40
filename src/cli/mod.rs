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
