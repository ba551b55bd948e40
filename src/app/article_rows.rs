//! `ArticleRows`: the articles the list shows, in order: all of them, or those naming the
//! filter actor (straight from the store's actor → articles index, no copy).

use crate::store::Posting;

/// The list's rows, as store indices.
#[derive(Debug, Clone, Copy)]
pub enum ArticleRows<'a> {
    /// Every article, `0..len`.
    All(usize),
    /// The articles of one actor's posting list.
    Filtered(&'a [Posting]),
}

impl ArticleRows<'_> {
    /// How many rows.
    pub fn len(&self) -> usize {
        match self {
            ArticleRows::All(len) => *len,
            ArticleRows::Filtered(postings) => postings.len(),
        }
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The store index shown on row `row`.
    pub fn get(&self, row: usize) -> Option<usize> {
        match self {
            ArticleRows::All(len) => (row < *len).then_some(row),
            ArticleRows::Filtered(postings) => postings.get(row).map(|p| p.article_index()),
        }
    }

    /// The row showing store index `article`.
    pub fn position(&self, article: usize) -> Option<usize> {
        match self {
            ArticleRows::All(len) => (article < *len).then_some(article),
            ArticleRows::Filtered(postings) => postings
                .binary_search_by_key(&article, |p| p.article_index())
                .ok(),
        }
    }
}
