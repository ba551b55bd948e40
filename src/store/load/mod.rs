//! Loaders: from sources (seeds, files, folders, stdin) to articles, in the background.
//!
//! Owns: finding inputs (`walk`), reading each with the loader its [`SourceKind`] names (the
//! dispatch is [`load_item`]), and delivering articles in a deterministic order from several
//! worker threads (`parallel`). Bad input never stops the rest: it becomes a [`LoadWarning`].
//! Nothing here prints. Imports std and the rest of the store.

mod load_event;
mod load_warning;
mod loaded;
mod parallel;
mod plain_text;
mod seeds;
mod source;
mod source_kind;
mod walk;

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

pub use load_event::{LoadEvent, LoadSummary};
pub use load_warning::{BinaryEvidence, LoadWarning, WarningKind};
pub use loaded::Loaded;
pub use parallel::{load_all, load_sources_parallel, spawn_load};
pub use plain_text::{HUGE_LINE_BYTES, parse_plain_text};
pub use seeds::{SEEDS, load_seed};
pub use source::Source;
pub use source_kind::SourceKind;

use super::source_ref::SourceRef;
use walk::{WorkItem, unreadable};

#[cfg(test)]
mod tests;

/// Files over this size are skipped with a warning (offsets inside an article are 32-bit, and
/// no article is this long).
pub const MAX_FILE_BYTES: u64 = 1024 * 1024 * 1024;

/// Reads one input with the loader for its kind. `buf` is scratch space reused between calls.
fn load_item(item: &WorkItem, buf: &mut Vec<u8>) -> Loaded {
    match item {
        WorkItem::Seed(index) => load_seed(*index),
        WorkItem::Stdin => {
            let source = SourceRef::Stdin;
            match read_limited(io::stdin().lock(), buf, MAX_FILE_BYTES) {
                Ok(()) => parse_plain_text(source, buf),
                Err(kind) => Loaded::warning(LoadWarning::new(source, kind)),
            }
        }
        WorkItem::File { path, kind } => {
            let source = SourceRef::File(path.clone());
            match kind {
                SourceKind::PlainText => match read_file(path, buf) {
                    Ok(()) => parse_plain_text(source, buf),
                    Err(kind) => Loaded::warning(LoadWarning::new(source, kind)),
                },
                SourceKind::Json
                | SourceKind::Xml
                | SourceKind::Rss
                | SourceKind::Atom
                | SourceKind::Opml => {
                    Loaded::warning(LoadWarning::new(source, WarningKind::Unsupported(*kind)))
                }
            }
        }
    }
}

/// Reads the file at `path` into `buf` (replacing its contents).
fn read_file(path: &Path, buf: &mut Vec<u8>) -> Result<(), WarningKind> {
    let file = File::open(path).map_err(|e| unreadable(&e))?;
    if let Ok(meta) = file.metadata() {
        if meta.len() > MAX_FILE_BYTES {
            return Err(WarningKind::TooLarge {
                limit: MAX_FILE_BYTES,
            });
        }
        buf.clear();
        buf.reserve(usize::try_from(meta.len()).unwrap_or(0));
    }
    read_limited(file, buf, MAX_FILE_BYTES)
}

/// Reads all of `reader` into `buf` (replacing its contents), refusing more than `limit`
/// bytes (pipes and stdin have no size to check first).
fn read_limited(reader: impl Read, buf: &mut Vec<u8>, limit: u64) -> Result<(), WarningKind> {
    buf.clear();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(buf)
        .map_err(|e| unreadable(&e))?;
    if buf.len() as u64 > limit {
        buf.clear();
        buf.shrink_to(1024 * 1024);
        return Err(WarningKind::TooLarge { limit });
    }
    Ok(())
}
