//! `ArticleRows`: the articles the list shows, in order: all of them, those naming the
//! filter actor (straight from the store's actor → articles index, no copy), or those of a
//! [`ListView`] (unread, starred), computed when the view or the filter changes.

use crate::store::Posting;

/// The list's rows, as store indices.
#[derive(Debug, Clone, Copy)]
pub enum ArticleRows<'a> {
    /// Every article, `0..len`.
    All(usize),
    /// The articles of one actor's posting list.
    Filtered(&'a [Posting]),
    /// Store indices picked by a view.
    Listed(&'a [usize]),
}

/// Which articles the list shows (with or without an actor filter).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ListView {
    /// Every article.
    #[default]
    All,
    /// Those not read yet.
    Unread,
    /// Those starred.
    Starred,
}

impl ListView {
    /// All → unread → starred → all.
    pub fn next(self) -> ListView {
        match self {
            ListView::All => ListView::Unread,
            ListView::Unread => ListView::Starred,
            ListView::Starred => ListView::All,
        }
    }

    /// The adjective for the list header ("unread"), `None` for all.
    pub fn name(self) -> Option<&'static str> {
        match self {
            ListView::All => None,
            ListView::Unread => Some("unread"),
            ListView::Starred => Some("starred"),
        }
    }
}

impl ArticleRows<'_> {
    /// How many rows.
    pub fn len(&self) -> usize {
        match self {
            ArticleRows::All(len) => *len,
            ArticleRows::Filtered(postings) => postings.len(),
            ArticleRows::Listed(indices) => indices.len(),
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
            ArticleRows::Listed(indices) => indices.get(row).copied(),
        }
    }

    /// Every store index, in row order.
    pub fn indices(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.len()).filter_map(|row| self.get(row))
    }

    /// The row showing store index `article`.
    pub fn position(&self, article: usize) -> Option<usize> {
        match self {
            ArticleRows::All(len) => (article < *len).then_some(article),
            ArticleRows::Filtered(postings) => postings
                .binary_search_by_key(&article, |p| p.article_index())
                .ok(),
            ArticleRows::Listed(indices) => indices.binary_search(&article).ok(),
        }
    }
}
