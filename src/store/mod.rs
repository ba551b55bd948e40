//! The in-memory article store and its loaders. Knows nothing of the UI.
//!
//! Owns: articles (sanitised text, paragraphs, source mapping, metadata), their stable ids
//! and deduplication, the order of the list, and the actor indexes that the actors module
//! fills through [`Store::set_actors`]. The loaders (`load`) turn seeds, files, folders and
//! stdin into articles on worker threads.
//!
//! May import: std, serde, xxhash-rust (stable ids) and unicode-segmentation (shortening
//! titles between grapheme clusters). Never ratatui, crossterm, or other sahifa modules:
//! text layout and actor extraction are done elsewhere and talk to the store in plain data.

mod actor_index;
mod actor_key;
mod article;
mod article_builder;
mod article_id;
mod language;
pub mod load;
mod paragraph;
mod residue;
mod sanitize;
mod source_ref;

use rustc_hash::FxHashMap as HashMap;
use std::fmt;
use std::ops::Range;

pub use actor_index::{CoOccurrence, Posting};
pub use actor_key::{ActorKey, ProposedId};
pub use article::Article;
pub use article_builder::ArticleBuilder;
pub use article_id::{ArticleId, ParseArticleIdError};
pub use language::is_rtl_language;
pub use load::{LoadEvent, LoadSummary, LoadWarning, Source, SourceKind, WarningKind};
pub use load::{load_all, load_all_with, load_sources_parallel, spawn_load};
pub use paragraph::Paragraph;
pub use residue::{ResidueParseError, ResidueParseErrorKind, ResidueRules};
pub use sanitize::{ColumnShift, Sanitized, sanitize_line};
pub use source_ref::SourceRef;

use actor_index::ActorIndex;

/// The articles of a session, in a stable order, without duplicates, with actor indexes.
///
/// Articles are addressed by index (their place in the list, which never changes once
/// inserted) or by [`ArticleId`].
#[derive(Debug, Clone, Default)]
pub struct Store {
    articles: Vec<Article>,
    by_id: HashMap<ArticleId, usize>,
    actors: ActorIndex,
    duplicates: usize,
    /// Raised by every [`Store::set_actors`]: views derived from the actor indexes compare
    /// it to know whether they are still current.
    actors_generation: u64,
}

/// What [`Store::insert`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InsertOutcome {
    /// Added at this index.
    Added(usize),
    /// Already there (same id) at this index; the new copy was dropped.
    Duplicate {
        /// Index of the copy kept.
        existing: usize,
    },
}

/// What [`Store::extend`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InsertSummary {
    /// Indices of the articles added (a contiguous run at the end).
    pub added: Range<usize>,
    /// How many were dropped as duplicates.
    pub duplicates: usize,
}

/// A request the store could not carry out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// No article at this index.
    NoSuchArticle {
        /// The index asked for.
        index: usize,
        /// How many articles there are.
        len: usize,
    },
    /// A proposed-name key that this store did not make.
    UnknownProposedActor(ProposedId),
    /// Actor indexes address articles with 32 bits; this store has more.
    TooManyArticles,
    /// The table of proposed names is full (2³² names).
    TooManyProposedNames,
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::NoSuchArticle { index, len } => write!(
                f,
                "no article number {index}: the store has {len} (numbered from 0)"
            ),
            StoreError::UnknownProposedActor(id) => write!(
                f,
                "proposed actor #{} was not interned by this store",
                id.index()
            ),
            StoreError::TooManyArticles => {
                f.write_str("more than 2^32 articles: the actor index cannot address them")
            }
            StoreError::TooManyProposedNames => f.write_str("more than 2^32 proposed actor names"),
        }
    }
}

impl std::error::Error for StoreError {}

impl Store {
    /// An empty store.
    pub fn new() -> Self {
        Store::default()
    }

    /// Adds `article` at the end, unless an article with the same id is already there.
    pub fn insert(&mut self, article: Article) -> InsertOutcome {
        let index = self.articles.len();
        match self.by_id.entry(article.id()) {
            std::collections::hash_map::Entry::Occupied(existing) => {
                self.duplicates += 1;
                InsertOutcome::Duplicate {
                    existing: *existing.get(),
                }
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(index);
                self.articles.push(article);
                InsertOutcome::Added(index)
            }
        }
    }

    /// Adds `articles` in order (as from a [`LoadEvent::Batch`]), dropping duplicates.
    pub fn extend(&mut self, articles: impl IntoIterator<Item = Article>) -> InsertSummary {
        let start = self.articles.len();
        let mut duplicates = 0;
        for article in articles {
            if let InsertOutcome::Duplicate { .. } = self.insert(article) {
                duplicates += 1;
            }
        }
        InsertSummary {
            added: start..self.articles.len(),
            duplicates,
        }
    }

    /// The number of articles.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    /// True when there are no articles.
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// How many inserted articles were dropped as duplicates so far.
    pub fn duplicates_dropped(&self) -> usize {
        self.duplicates
    }

    /// The article at `index`.
    pub fn get(&self, index: usize) -> Option<&Article> {
        self.articles.get(index)
    }

    /// The article with id `id`.
    pub fn get_by_id(&self, id: ArticleId) -> Option<&Article> {
        self.index_of(id).and_then(|i| self.articles.get(i))
    }

    /// The index of the article with id `id`.
    pub fn index_of(&self, id: ArticleId) -> Option<usize> {
        self.by_id.get(&id).copied()
    }

    /// The articles, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, Article> {
        self.articles.iter()
    }

    /// The articles, in order, as a slice.
    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    /// The articles, in order, by value.
    pub fn into_articles(self) -> Vec<Article> {
        self.articles
    }

    /// The key for a proposed (unconfirmed) actor name, interning the name if new. The same
    /// name always gets the same key in one store.
    pub fn intern_proposed(&mut self, name: &str) -> Result<ActorKey, StoreError> {
        self.intern_proposed_as(name, None)
    }

    /// [`intern_proposed`](Self::intern_proposed), noting how an article writes the name
    /// (`written`, its first mention as it stands in the text), for
    /// [`proposed_display`](Self::proposed_display). The first written form given is kept.
    pub fn intern_proposed_as(
        &mut self,
        name: &str,
        written: Option<&str>,
    ) -> Result<ActorKey, StoreError> {
        self.actors
            .intern(name, written)
            .ok_or(StoreError::TooManyProposedNames)
    }

    /// The name behind a proposed key (normalised: the actor's identity), or `None` for a
    /// lexicon key.
    pub fn proposed_name(&self, key: ActorKey) -> Option<&str> {
        match key {
            ActorKey::Proposed(id) => self.actors.proposed_name(id),
            ActorKey::Lexicon(_) => None,
        }
    }

    /// What to show for a proposed key: the name as an article wrote it, when one was given
    /// to [`intern_proposed_as`](Self::intern_proposed_as), else the normalised name. `None`
    /// for a lexicon key.
    pub fn proposed_display(&self, key: ActorKey) -> Option<&str> {
        match key {
            ActorKey::Proposed(id) => self.actors.proposed_display(id),
            ActorKey::Lexicon(_) => None,
        }
    }

    /// Sets the actors mentioned in article `index`, with their mention counts, replacing
    /// what was set before. Duplicate keys are summed; zero counts are dropped. Any order.
    pub fn set_actors(
        &mut self,
        index: usize,
        actors: Vec<(ActorKey, u32)>,
    ) -> Result<(), StoreError> {
        if index >= self.articles.len() {
            return Err(StoreError::NoSuchArticle {
                index,
                len: self.articles.len(),
            });
        }
        let article = u32::try_from(index).map_err(|_| StoreError::TooManyArticles)?;
        for &(key, _) in &actors {
            if let ActorKey::Proposed(id) = key
                && id.index() >= self.actors.proposed_len()
            {
                return Err(StoreError::UnknownProposedActor(id));
            }
        }
        self.actors.set(article, actors);
        self.actors_generation += 1;
        Ok(())
    }

    /// Changes each time any article's actors are set (see [`Store::set_actors`]).
    pub fn actors_generation(&self) -> u64 {
        self.actors_generation
    }

    /// The actors of article `index` with their counts, in key order (empty if none were
    /// set).
    pub fn actors_of(&self, index: usize) -> &[(ActorKey, u32)] {
        self.actors.actors_of(index)
    }

    /// The articles mentioning `actor`, in store order, with mention counts: the index for
    /// filtering the list by an actor.
    pub fn articles_with_actor(&self, actor: ActorKey) -> &[Posting] {
        self.actors.postings(actor)
    }

    /// Every actor mentioned in at least one article, with its number of articles, in key
    /// order.
    pub fn actors(&self) -> Vec<(ActorKey, usize)> {
        self.actors.actors()
    }

    /// The actors that appear in the same articles as `actor`, with in how many, most first
    /// (ties in key order). Computed on demand from `actor`'s posting list.
    pub fn co_occurrences(&self, actor: ActorKey) -> Vec<CoOccurrence> {
        self.actors.co_occurrences(actor)
    }

    /// Heap bytes held by the articles and indexes, approximately (allocated capacities,
    /// without the allocator's own overhead). For checking memory budgets.
    pub fn heap_bytes(&self) -> usize {
        self.articles.iter().map(Article::heap_bytes).sum::<usize>()
            + self.articles.capacity() * size_of::<Article>()
            + self.by_id.capacity() * (size_of::<(ArticleId, usize)>() + 1)
            + self.actors.heap_bytes()
    }
}

impl<'a> IntoIterator for &'a Store {
    type Item = &'a Article;
    type IntoIter = std::slice::Iter<'a, Article>;

    fn into_iter(self) -> Self::IntoIter {
        self.articles.iter()
    }
}

#[cfg(test)]
mod tests;
