//! Non-interactive subcommands: thin, print and exit. Each reports errors as one line for the
//! person at the terminal and returns the process exit code.

pub mod actors;
pub mod list;
pub mod render;
pub mod show;
pub mod sources;
pub mod state_stress;

use std::cell::Cell;
use std::io;

/// Writing to a closed pipe (`sahifa render | head`) is a normal way to stop, not an error.
pub fn is_broken_pipe(error: &io::Error) -> bool {
    error.kind() == io::ErrorKind::BrokenPipe
}

/// The reading state for the commands that show marks: empty (with a warning on stderr)
/// when it cannot be read; an unusable file is moved aside, as the reader does.
pub fn reading_state() -> crate::state::ReadingState {
    let loaded = crate::state::StateFile::from_process_env().and_then(|file| {
        file.load()
            .map_err(|error| format!("reading state {}: {error}", file.path().display()))
    });
    match loaded {
        Ok(loaded) => {
            if let Some(notice) = loaded.notice {
                eprintln!("sahifa: warning: {notice}");
            }
            loaded.state
        }
        Err(message) => {
            eprintln!("sahifa: warning: {message}; no read or starred marks");
            crate::state::ReadingState::new()
        }
    }
}

/// Write `value` as pretty JSON followed by a newline (what every `--json` prints).
pub fn write_json(value: &impl serde::Serialize, out: &mut impl io::Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

/// A JSON array written from an iterator as it goes, so that printing 100,000 articles never
/// holds them all: `write_json(&JsonArray::new(iter), out)` prints what collecting into a
/// `Vec` would. Serialising it a second time gives an empty array.
pub struct JsonArray<I>(Cell<Option<I>>);

impl<I> JsonArray<I> {
    pub fn new(items: I) -> Self {
        JsonArray(Cell::new(Some(items)))
    }
}

impl<I> serde::Serialize for JsonArray<I>
where
    I: Iterator,
    I::Item: serde::Serialize,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.take().into_iter().flatten())
    }
}
