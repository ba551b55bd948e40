//! `ActorIndex`: which actors each article mentions, and the inverted index.
//!
//! Owns: per-article actor lists, posting lists (actor → articles in store order, with
//! counts), the table of interned proposed names, and co-occurrence. Fed by the actors module
//! through the plain data API of [`Store`](super::Store); knows nothing of how actors are
//! found. Imports std.

use rustc_hash::FxHashMap as HashMap;
use std::collections::hash_map::Entry;

use super::actor_key::{ActorKey, ProposedId};

/// One article in an actor's posting list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    /// The article's index in the store.
    pub article: u32,
    /// How many times the actor is mentioned in it.
    pub count: u32,
}

impl Posting {
    /// The article's index in the store, as a `usize`.
    pub fn article_index(self) -> usize {
        self.article as usize
    }
}

/// Another actor appearing in articles with a given one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CoOccurrence {
    /// The other actor.
    pub actor: ActorKey,
    /// In how many articles both appear.
    pub articles: u32,
}

/// The actor indexes. Lives inside a [`Store`](super::Store).
#[derive(Debug, Clone, Default)]
pub(crate) struct ActorIndex {
    /// Actors of each article, sorted by key, no duplicates, no zero counts. Articles past
    /// the end have none.
    per_article: Vec<Box<[(ActorKey, u32)]>>,
    /// Articles of each actor, sorted by article index.
    postings: HashMap<ActorKey, Vec<Posting>>,
    /// Proposed names by id, and ids by name.
    proposed: Vec<Box<str>>,
    proposed_ids: HashMap<Box<str>, u32>,
    /// By id: how the name was written where it was first seen written, if it was.
    written: Vec<Option<Box<str>>>,
}

impl ActorIndex {
    /// The key for proposed name `name`, interning it if new, with `written` (how an article
    /// writes it) kept if none was before. `None` past 2³² names.
    pub(crate) fn intern(&mut self, name: &str, written: Option<&str>) -> Option<ActorKey> {
        if let Some(&id) = self.proposed_ids.get(name) {
            let slot = &mut self.written[id as usize];
            if slot.is_none() {
                *slot = written.map(Box::from);
            }
            return Some(ActorKey::Proposed(ProposedId(id)));
        }
        let id = u32::try_from(self.proposed.len()).ok()?;
        self.proposed.push(name.into());
        self.written.push(written.map(Box::from));
        self.proposed_ids.insert(name.into(), id);
        Some(ActorKey::Proposed(ProposedId(id)))
    }

    /// The name behind a proposed key.
    pub(crate) fn proposed_name(&self, id: ProposedId) -> Option<&str> {
        self.proposed.get(id.index()).map(|name| &**name)
    }

    /// How a proposed name was first seen written, else the name.
    pub(crate) fn proposed_display(&self, id: ProposedId) -> Option<&str> {
        match self.written.get(id.index()) {
            Some(Some(written)) => Some(written),
            _ => self.proposed_name(id),
        }
    }

    pub(crate) fn proposed_len(&self) -> usize {
        self.proposed.len()
    }

    /// Replaces the actors of `article` (duplicate keys are summed, zero counts dropped).
    pub(crate) fn set(&mut self, article: u32, actors: Vec<(ActorKey, u32)>) {
        let mut actors = actors;
        actors.retain(|&(_, count)| count > 0);
        actors.sort_unstable_by_key(|&(key, _)| key);
        actors.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                kept.1 = kept.1.saturating_add(later.1);
            }
            same
        });

        let slot = article as usize;
        if slot >= self.per_article.len() {
            self.per_article.resize_with(slot + 1, Box::default);
        }
        let old = std::mem::take(&mut self.per_article[slot]);
        for &(key, _) in old.iter() {
            self.remove_posting(key, article);
        }
        for &(key, count) in &actors {
            let list = self.postings.entry(key).or_default();
            match list.last() {
                Some(last) if last.article >= article => {
                    match list.binary_search_by_key(&article, |p| p.article) {
                        Ok(i) => list[i].count = count,
                        Err(i) => list.insert(i, Posting { article, count }),
                    }
                }
                _ => list.push(Posting { article, count }),
            }
        }
        self.per_article[slot] = actors.into_boxed_slice();
    }

    fn remove_posting(&mut self, key: ActorKey, article: u32) {
        if let Entry::Occupied(mut entry) = self.postings.entry(key) {
            let list = entry.get_mut();
            if let Ok(i) = list.binary_search_by_key(&article, |p| p.article) {
                list.remove(i);
            }
            if list.is_empty() {
                entry.remove();
            }
        }
    }

    /// The actors of `article` with their counts, sorted by key.
    pub(crate) fn actors_of(&self, article: usize) -> &[(ActorKey, u32)] {
        self.per_article.get(article).map_or(&[], |a| a)
    }

    /// The articles mentioning `key`, in store order.
    pub(crate) fn postings(&self, key: ActorKey) -> &[Posting] {
        self.postings.get(&key).map_or(&[], Vec::as_slice)
    }

    /// Every actor with at least one article, and how many articles it has, in key order.
    pub(crate) fn actors(&self) -> Vec<(ActorKey, usize)> {
        let mut all: Vec<_> = self
            .postings
            .iter()
            .map(|(&key, list)| (key, list.len()))
            .collect();
        all.sort_unstable_by_key(|&(key, _)| key);
        all
    }

    /// The actors appearing in articles with `key`, most shared articles first (ties by key).
    /// Walks `key`'s posting list and those articles' actor lists only.
    pub(crate) fn co_occurrences(&self, key: ActorKey) -> Vec<CoOccurrence> {
        let mut counts: HashMap<ActorKey, u32> = HashMap::default();
        for posting in self.postings(key) {
            for &(other, _) in self.actors_of(posting.article_index()) {
                if other != key {
                    *counts.entry(other).or_insert(0) += 1;
                }
            }
        }
        let mut out: Vec<CoOccurrence> = counts
            .into_iter()
            .map(|(actor, articles)| CoOccurrence { actor, articles })
            .collect();
        out.sort_unstable_by(|a, b| b.articles.cmp(&a.articles).then(a.actor.cmp(&b.actor)));
        out
    }

    /// Heap bytes held, approximately (capacities; hash tables counted by entries).
    pub(crate) fn heap_bytes(&self) -> usize {
        let per_article: usize = self
            .per_article
            .iter()
            .map(|a| a.len() * size_of::<(ActorKey, u32)>())
            .sum::<usize>()
            + self.per_article.capacity() * size_of::<Box<[(ActorKey, u32)]>>();
        let postings: usize = self
            .postings
            .values()
            .map(|list| {
                list.capacity() * size_of::<Posting>() + size_of::<(ActorKey, Vec<Posting>)>()
            })
            .sum();
        let names: usize = self.proposed.iter().map(|n| 2 * n.len() + 24).sum();
        per_article + postings + names
    }
}
