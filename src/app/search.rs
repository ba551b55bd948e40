//! `SearchState`: the search prompt being typed, and the search the list shows, scanned a
//! slice of the store per update so that keys keep their frame at 100,000 articles.

use crate::search::Query;
use crate::store::Store;

/// Bytes of article text one update scans, shared between the cores ([`Query::matching`]):
/// about 3 ms of normalising on one core of this project's machine, so a key waits at most
/// that long behind a search in progress (half as long on two cores).
pub const SEARCH_SLICE_BYTES: usize = 1 << 20;

/// The prompt and the active search.
#[derive(Debug, Clone, Default)]
pub struct SearchState {
    /// The text typed after `/`, while the prompt is open.
    pub(super) prompt: Option<String>,
    /// The search the list shows.
    pub(super) active: Option<ActiveSearch>,
    /// Numbers the searches, so that a document laid out for one is not shown for the next.
    pub(super) generation: u64,
}

/// A search and how far it has got.
#[derive(Debug, Clone)]
pub struct ActiveSearch {
    /// What is searched for.
    pub query: Query,
    /// Store indices of the matching articles found so far, in store order.
    pub matches: Vec<usize>,
    /// Articles scanned: `0..scanned` of the store.
    pub scanned: usize,
    /// Its number (see [`SearchState`]).
    pub generation: u64,
    /// The number of matches was said once the whole store was scanned.
    pub(super) announced: bool,
}

impl ActiveSearch {
    /// True when every article in `store` has been scanned.
    pub fn is_done(&self, store: &Store) -> bool {
        self.scanned >= store.len()
    }

    /// Scans the next articles of `store`, about `budget` bytes of text; returns the new
    /// matches (store indices, ascending).
    pub(super) fn scan(&mut self, store: &Store, budget: usize) -> std::ops::Range<usize> {
        let first_new = self.matches.len();
        let (start, mut bytes) = (self.scanned, 0);
        while bytes < budget
            && let Some(article) = store.get(self.scanned)
        {
            bytes += article.text_len().max(1);
            self.scanned += 1;
        }
        let found = self.query.matching(store, start..self.scanned);
        self.matches.extend(found);
        first_new..self.matches.len()
    }
}
