//! `ArticleMentions`: the actors of one article as the app keeps them: store keys, counts and
//! where each mention is, without the matcher's copies of the text.

use std::ops::Range;

use crate::actors::{ActorMentions, ActorRef, ArticleActors};
use crate::store::{ActorKey, Store, StoreError};

/// Where one mention is: block 0 is the title, block `i + 1` body paragraph `i`; `range` is
/// in bytes of that block's logical text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentionPlace {
    /// 0 = title, `i + 1` = body paragraph `i`.
    pub block: usize,
    /// Bytes of the block's text.
    pub range: Range<usize>,
}

/// One actor named in an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentionedActor {
    /// The actor, as the store's indexes know it.
    pub key: ActorKey,
    /// False for names proposed from cues, not found in the lexicon.
    pub confirmed: bool,
    /// Its mentions in reading order.
    pub places: Vec<MentionPlace>,
}

impl MentionedActor {
    /// How many times the article names it.
    pub fn count(&self) -> usize {
        self.places.len()
    }
}

/// The actors of one article: confirmed ones first, each group most-mentioned first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleMentions {
    /// Every actor, confirmed first.
    pub actors: Vec<MentionedActor>,
}

impl ArticleMentions {
    /// Converts the matcher's answer, interning proposed names in `store`.
    pub fn from_matcher(actors: ArticleActors, store: &mut Store) -> Result<Self, StoreError> {
        let mut out = Vec::with_capacity(actors.confirmed.len() + actors.proposed.len());
        for group in actors.confirmed.into_iter().chain(actors.proposed) {
            if let Some(actor) = convert(group, store)? {
                out.push(actor);
            }
        }
        Ok(ArticleMentions { actors: out })
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

fn convert(group: ActorMentions, store: &mut Store) -> Result<Option<MentionedActor>, StoreError> {
    let key = match &group.actor {
        ActorRef::Known(index) => match u32::try_from(index.get()) {
            Ok(n) => ActorKey::Lexicon(n),
            // Lexicons of four billion actors do not happen; such an actor is left out.
            Err(_) => return Ok(None),
        },
        ActorRef::Proposed(name) => store.intern_proposed(name)?,
    };
    let places = group
        .mentions
        .into_iter()
        .map(|mention| MentionPlace {
            block: mention.paragraph,
            range: mention.range,
        })
        .collect();
    Ok(Some(MentionedActor {
        key,
        confirmed: group.confirmed,
        places,
    }))
}
