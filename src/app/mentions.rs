//! `ArticleMentions`: the actors of one article as the app keeps them: store keys, counts and
//! where each mention is, without the matcher's copies of the text.

use std::ops::Range;

use crate::actors::{ActorRef, ArticleActors};
use crate::store::{ActorKey, Store, StoreError};

/// Where one mention is: block 0 is the title, block `i + 1` body paragraph `i`; the range is
/// in bytes of that block's logical text. 32-bit fields: the reader keeps millions of these
/// (paragraphs are far below 4 GiB; a larger offset saturates and highlights nothing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentionPlace {
    block: u32,
    start: u32,
    end: u32,
}

impl MentionPlace {
    /// Mention `range` (bytes) of `block` (0 = title, `i + 1` = body paragraph `i`).
    pub fn new(block: usize, range: Range<usize>) -> Self {
        MentionPlace {
            block: to_u32(block),
            start: to_u32(range.start),
            end: to_u32(range.end),
        }
    }

    /// 0 = title, `i + 1` = body paragraph `i`.
    pub fn block(&self) -> usize {
        self.block as usize
    }

    /// Bytes of the block's text.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// One actor named in an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentionedActor {
    /// The actor, as the store's indexes know it.
    pub key: ActorKey,
    /// False for names proposed from cues, not found in the lexicon.
    pub confirmed: bool,
    /// How many times the article names it.
    count: u32,
    /// Its mentions: this range of [`ArticleMentions::places`] (empty when the article's
    /// mentions are not placed).
    places: Range<u32>,
}

impl MentionedActor {
    /// How many times the article names it.
    pub fn count(&self) -> usize {
        self.count as usize
    }
}

/// The actors of one article: confirmed ones first, each group most-mentioned first.
///
/// Every actor's places are in one vector for the whole article. The reader keeps this for
/// every article, about 100 mentions of 70 actors each in generated news: a vector per actor
/// (its spare capacity included) cost 2.6 GB at 100,000 articles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleMentions {
    /// Every actor, confirmed first.
    pub actors: Vec<MentionedActor>,
    /// The places of every actor, actor after actor, each actor's in reading order.
    places: Vec<MentionPlace>,
    /// False when only the counts are known (answered from the actor cache, which keeps no
    /// places): highlighting needs the article searched again.
    placed: bool,
}

impl ArticleMentions {
    /// From each actor's key, whether it is confirmed, and its places in reading order.
    pub fn new(actors: impl IntoIterator<Item = (ActorKey, bool, Vec<MentionPlace>)>) -> Self {
        let mut mentions = ArticleMentions {
            placed: true,
            ..ArticleMentions::default()
        };
        for (key, confirmed, places) in actors {
            let count = places.len();
            mentions.push(key, confirmed, count, places.into_iter());
        }
        mentions.shrink_to_fit();
        mentions
    }

    fn push(
        &mut self,
        key: ActorKey,
        confirmed: bool,
        count: usize,
        places: impl Iterator<Item = MentionPlace>,
    ) {
        let start = to_u32(self.places.len());
        self.places.extend(places);
        self.actors.push(MentionedActor {
            key,
            confirmed,
            count: to_u32(count),
            places: start..to_u32(self.places.len()),
        });
    }

    /// False when only the actors and counts are known, not where the mentions are.
    pub fn is_placed(&self) -> bool {
        self.placed
    }

    fn shrink_to_fit(&mut self) {
        self.actors.shrink_to_fit();
        self.places.shrink_to_fit();
    }

    /// Converts the matcher's answer, interning proposed names in `store`. An answer whose
    /// groups have counts but no mentions ([`Matcher::find_counts`](crate::actors::Matcher),
    /// the actor cache) is not placed.
    pub fn from_matcher(actors: ArticleActors, store: &mut Store) -> Result<Self, StoreError> {
        let mut out = ArticleMentions {
            actors: Vec::with_capacity(actors.confirmed.len() + actors.proposed.len()),
            places: Vec::with_capacity(actors.groups().map(|group| group.mentions.len()).sum()),
            placed: actors
                .groups()
                .all(|group| group.mentions.len() == group.count),
        };
        for group in actors.confirmed.into_iter().chain(actors.proposed) {
            let Some(key) = key_of(&group.actor, group.written.as_deref(), store)? else {
                continue;
            };
            let places = group
                .mentions
                .into_iter()
                .map(|mention| MentionPlace::new(mention.paragraph, mention.range));
            out.push(key, group.confirmed, group.count, places);
        }
        out.shrink_to_fit();
        Ok(out)
    }

    /// The places of `actor` (one of [`actors`](Self::actors)), in reading order.
    pub fn places(&self, actor: &MentionedActor) -> &[MentionPlace] {
        let range = actor.places.start as usize..actor.places.end as usize;
        self.places.get(range).unwrap_or(&[])
    }

    /// The actor with key `key`, if the article names it.
    pub fn get(&self, key: ActorKey) -> Option<&MentionedActor> {
        self.actors.iter().find(|actor| actor.key == key)
    }

    /// (key, count) pairs, as [`Store::set_actors`] takes them.
    pub fn counts(&self) -> Vec<(ActorKey, u32)> {
        self.actors
            .iter()
            .map(|actor| {
                let count = u32::try_from(actor.count()).unwrap_or(u32::MAX);
                (actor.key, count)
            })
            .collect()
    }

    /// How many confirmed actors come first in [`actors`](Self::actors).
    pub fn confirmed_len(&self) -> usize {
        self.actors
            .iter()
            .take_while(|actor| actor.confirmed)
            .count()
    }
}

/// The store's key for a matcher's actor (`None` for a lexicon index beyond 32 bits, which
/// lexicons of four billion actors would need).
fn key_of(
    actor: &ActorRef,
    written: Option<&str>,
    store: &mut Store,
) -> Result<Option<ActorKey>, StoreError> {
    Ok(match actor {
        ActorRef::Known(index) => u32::try_from(index.get()).ok().map(ActorKey::Lexicon),
        ActorRef::Proposed(name) => Some(store.intern_proposed_as(name, written)?),
    })
}

/// Offsets fit in 32 bits: an article has far fewer than four billion mentions, and its
/// paragraphs far fewer bytes.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
