//! `SearchState`: the search prompt being typed, and the search the list shows, scanned a
//! slice of the store per update so that keys keep their frame at 100,000 articles.

use crate::search::Query;
use crate::state::merge_search_history;
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
    /// The queries searched before, oldest first, each once: the history file's, then this
    /// session's.
    pub(super) history: Vec<String>,
    /// The queries searched this session, in the same order (what the file gains).
    pub(super) session: Vec<String>,
    /// `session` changed since it last went out as an effect.
    pub(super) session_changed: bool,
    /// While the prompt shows an entry of `history`: its index, and what was typed before.
    pub(super) browsing: Option<(usize, String)>,
}

/// The longest prompt: a query is a few words; a page pasted by mistake stops here (and the
/// history file keeps no longer query).
pub const PROMPT_MAX_CHARS: usize = crate::state::QUERY_MAX_CHARS;

/// Appends pasted `text` to `prompt`: every run of whitespace (line breaks too) becomes one
/// space, controls go, and the prompt stops at [`PROMPT_MAX_CHARS`].
pub(super) fn paste_into(prompt: &mut String, text: &str) {
    let mut count = prompt.chars().count();
    let mut space = prompt.ends_with(' ');
    for character in text.chars() {
        if count >= PROMPT_MAX_CHARS {
            break;
        }
        if character.is_whitespace() {
            if !space && !prompt.is_empty() {
                prompt.push(' ');
                count += 1;
            }
            space = true;
        } else if !character.is_control() {
            prompt.push(character);
            count += 1;
            space = false;
        }
    }
}

impl SearchState {
    /// Opens the prompt, empty.
    pub(super) fn open_prompt(&mut self) {
        self.prompt = Some(String::new());
        self.browsing = None;
    }

    /// Closes the prompt and returns what it held.
    pub(super) fn take_prompt(&mut self) -> Option<String> {
        self.browsing = None;
        self.prompt.take()
    }

    /// Notes a query searched for: last in the history, and only there.
    pub(super) fn remember(&mut self, typed: &str) {
        let typed = [typed.trim().to_string()];
        self.history = merge_search_history(std::mem::take(&mut self.history), &typed);
        self.session = merge_search_history(std::mem::take(&mut self.session), &typed);
        self.session_changed = true;
    }

    /// Puts the queries of the history file before this session's.
    pub(super) fn adopt_history(&mut self, saved: Vec<String>) {
        self.history = merge_search_history(saved, &self.history);
        self.browsing = None;
    }

    /// Steps the prompt through the history: `older` towards the first query, else back
    /// towards what was typed. A prompt that is edited stops browsing (see `edit`).
    pub(super) fn step_history(&mut self, older: bool) {
        let Some(prompt) = &mut self.prompt else {
            return;
        };
        let next = match (&self.browsing, older) {
            (None, true) => self.history.len().checked_sub(1),
            (None, false) => None,
            (Some((index, _)), true) => Some(index.saturating_sub(1)),
            (Some((index, _)), false) => Some(index + 1),
        };
        match next {
            Some(index) if index < self.history.len() => {
                let typed = match self.browsing.take() {
                    Some((_, typed)) => typed,
                    None => std::mem::take(prompt),
                };
                prompt.clone_from(&self.history[index]);
                self.browsing = Some((index, typed));
            }
            // Past the newest entry: what was typed comes back.
            Some(_) => {
                if let Some((_, typed)) = self.browsing.take() {
                    *prompt = typed;
                }
            }
            None => {}
        }
    }

    /// Changes the prompt, if it is open; an entry of the history shown there becomes what
    /// is typed.
    pub(super) fn edit(&mut self, change: impl FnOnce(&mut String)) {
        if let Some(prompt) = &mut self.prompt {
            change(prompt);
            self.browsing = None;
        }
    }
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
