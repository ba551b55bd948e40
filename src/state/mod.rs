//! Reading state: which articles are read and starred, and where each was left off, keyed by
//! the stable [`ArticleId`] and kept in `$XDG_STATE_HOME/sahifa/state.json` (default
//! `~/.local/state/sahifa/state.json`).
//!
//! Owns: the in-memory [`ReadingState`] and the [`Change`]s made to it, the versioned on-disk
//! format and how it is written ([`StateFile`]), and the background [`StateWriter`] the reader
//! saves through. No UI here; the app holds a `ReadingState` and hands changes to the runner.
//!
//! Safety of the file:
//! - writes are atomic: a temporary file in the same directory, fsync, rename over
//!   `state.json`, fsync the directory. A process killed at any moment leaves the previous
//!   complete file (a stray temporary file is removed by the next writer);
//! - every write happens under an exclusive lock on `state.lock`, and re-reads the file first,
//!   then applies only this process's own changes since its last save. Two readers running at
//!   once therefore lose nothing. **Conflicts**: per article and per field (read, starred,
//!   position), the change saved last wins; a field nobody changed keeps the file's value;
//! - a file that cannot be parsed, or one written by a newer format, is moved aside
//!   (`state.json.corrupt-<unix time>` / `state.json.newer-<unix time>`) with a one-line
//!   message, never overwritten; reading starts afresh.

mod file;
mod search_history;
mod writer;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::store::ArticleId;

pub use file::{FORMAT_VERSION, Loaded, StateFile};
pub use search_history::{
    HISTORY_LEN, QUERY_MAX_CHARS, SearchHistory, merge as merge_search_history,
};
pub use writer::{SaveReport, StateWriter, WriterTiming};

/// Where reading stopped in an article, independent of the terminal's width: the block at the
/// top of the view (0 = the title, `i + 1` = body paragraph `i`) and the wrapped line within
/// it (a hint: at another width it is clamped to the block's lines).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// The block at the top of the view: 0 = title, `i + 1` = paragraph `i`.
    pub paragraph: u32,
    /// Lines into that block.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub line: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// What is known about one article. The default (unread, not starred, at the top) is not
/// stored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Opened, or marked read.
    #[serde(default, skip_serializing_if = "is_false")]
    pub read: bool,
    /// Starred.
    #[serde(default, skip_serializing_if = "is_false")]
    pub starred: bool,
    /// Where reading stopped; `None` at the top.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
}

impl Entry {
    fn is_default(&self) -> bool {
        *self == Entry::default()
    }
}

/// One field of one article set to a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    /// The article.
    pub article: ArticleId,
    /// What changed.
    pub field: Field,
}

/// A field and its new value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Read or unread.
    Read(bool),
    /// Starred or not.
    Starred(bool),
    /// The reading position (`None`: the top).
    Position(Option<Position>),
}

/// Read, starred and position of every article with any of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadingState {
    articles: BTreeMap<ArticleId, Entry>,
}

impl ReadingState {
    /// Nothing read, nothing starred.
    pub fn new() -> ReadingState {
        ReadingState::default()
    }

    /// What is known about `article` (the default when nothing is).
    pub fn get(&self, article: ArticleId) -> Entry {
        self.articles.get(&article).copied().unwrap_or_default()
    }

    /// True when `article` has been read.
    pub fn is_read(&self, article: ArticleId) -> bool {
        self.get(article).read
    }

    /// True when `article` is starred.
    pub fn is_starred(&self, article: ArticleId) -> bool {
        self.get(article).starred
    }

    /// Where reading of `article` stopped.
    pub fn position(&self, article: ArticleId) -> Option<Position> {
        self.get(article).position
    }

    /// Applies `change`; true when it changed anything.
    pub fn apply(&mut self, change: Change) -> bool {
        let entry = self.articles.entry(change.article).or_default();
        let before = *entry;
        match change.field {
            Field::Read(read) => entry.read = read,
            Field::Starred(starred) => entry.starred = starred,
            Field::Position(position) => entry.position = position,
        }
        let changed = *entry != before;
        if entry.is_default() {
            self.articles.remove(&change.article);
        }
        changed
    }

    /// Articles with any state.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    /// True when no article has any state.
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// Every article with state, by id.
    pub fn iter(&self) -> impl Iterator<Item = (ArticleId, Entry)> + '_ {
        self.articles.iter().map(|(id, entry)| (*id, *entry))
    }
}

#[cfg(test)]
mod tests;
