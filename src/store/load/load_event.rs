//! `LoadEvent`: what a background load reports, in order.
//!
//! Owns: the messages from the loader to whoever shows progress. Imports std and the store's
//! own types.

use std::time::Duration;

use super::super::article::Article;
use super::load_warning::LoadWarning;

/// One message from [`load_sources_parallel`](super::load_sources_parallel).
///
/// Batches arrive in the final order (source order, then path order within a folder):
/// appending every batch gives the same list whichever worker finished first.
#[derive(Debug)]
pub enum LoadEvent {
    /// The next articles, in order. May contain articles already seen (the store dedupes).
    Batch(Vec<Article>),
    /// A problem with one input.
    Warning(LoadWarning),
    /// Files finished so far, and files to read in all.
    Progress {
        /// Files read (or skipped) so far.
        done: usize,
        /// Files found in all.
        total: usize,
    },
    /// Loading is over (the last event).
    Done(LoadSummary),
}

/// Totals for one load.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LoadSummary {
    /// Files (and seeds, and stdin) looked at.
    pub files: usize,
    /// Articles delivered (before deduplication).
    pub articles: usize,
    /// Warnings delivered.
    pub warnings: usize,
    /// Bytes read.
    pub bytes: u64,
    /// Wall time from the call to the last event.
    pub elapsed: Duration,
    /// True when loading stopped early because nobody was listening any more.
    pub cancelled: bool,
}
