//! What the matcher reports for one article: mentions, grouped per actor and ranked.
//! Imports only std, serde and the lexicon's types.

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

use serde::Serialize;

use super::lexicon::{ActorIndex, Lexicon};

/// Who a mention is of: a lexicon actor, or an unconfirmed actor proposed from cues.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum ActorRef {
    /// An actor of the lexicon the matcher was built from.
    Known(ActorIndex),
    /// An actor the lexicon does not know, by its normalised name.
    Proposed(String),
}

impl ActorRef {
    /// True for lexicon actors, false for proposed ones.
    pub fn is_confirmed(&self) -> bool {
        matches!(self, ActorRef::Known(_))
    }

    /// The actor's id: the lexicon id, or `?` followed by the normalised proposed name.
    pub fn id(&self, lexicon: &Lexicon) -> String {
        match self {
            ActorRef::Known(index) => lexicon
                .get(*index)
                .map(|actor| actor.id.clone())
                .unwrap_or_else(|| format!("#{}", index.get())),
            ActorRef::Proposed(name) => format!("?{name}"),
        }
    }
}

/// One place where an actor is named.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Mention {
    pub actor: ActorRef,
    /// Index of the paragraph in the slice given to the matcher.
    pub paragraph: usize,
    /// Byte range in the original paragraph, attached proclitics included.
    pub range: Range<usize>,
    /// The original text of `range`.
    pub text: String,
}

/// Every mention of one actor in one article, in reading order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ActorMentions {
    pub actor: ActorRef,
    /// False for actors proposed from cues rather than found in the lexicon.
    pub confirmed: bool,
    pub count: usize,
    pub mentions: Vec<Mention>,
    /// For a proposed actor: how the article writes it where it first names it (its
    /// normalised name has lost hamza seats, taa marbuta, harakat and Latin capitals, and is
    /// no way to show it). `None` for lexicon actors, where it is written as its normalised
    /// name, and where it is not known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub written: Option<String>,
}

impl ActorMentions {
    /// A group of no mentions yet, counted rather than listed.
    fn counted(actor: ActorRef) -> Self {
        ActorMentions {
            confirmed: actor.is_confirmed(),
            actor,
            count: 0,
            mentions: Vec::new(),
            written: None,
        }
    }

    /// How to show the actor when the lexicon does not name it: as written in the article,
    /// else its normalised name (`None` for a lexicon actor).
    pub fn proposed_display(&self) -> Option<&str> {
        match &self.actor {
            ActorRef::Known(_) => None,
            ActorRef::Proposed(name) => Some(self.written.as_deref().unwrap_or(name)),
        }
    }
}

/// The actors of one article: lexicon actors and proposed ones kept apart, each list sorted by
/// count (most first), then by first occurrence.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ArticleActors {
    pub confirmed: Vec<ActorMentions>,
    pub proposed: Vec<ActorMentions>,
}

impl ArticleActors {
    /// Groups mentions per actor and ranks the groups.
    pub(crate) fn from_mentions(mentions: Vec<Mention>) -> Self {
        let mut groups: Vec<ActorMentions> = Vec::new();
        let mut group_of_actor: HashMap<ActorRef, usize> = HashMap::default();
        for mention in mentions {
            let group = *group_of_actor
                .entry(mention.actor.clone())
                .or_insert_with(|| {
                    groups.push(ActorMentions::counted(mention.actor.clone()));
                    groups.len() - 1
                });
            groups[group].mentions.push(mention);
        }
        for group in &mut groups {
            group
                .mentions
                .sort_by_key(|mention| (mention.paragraph, mention.range.start));
            group.count = group.mentions.len();
        }
        groups.sort_by_key(|group| {
            let first = group
                .mentions
                .first()
                .map(|mention| (mention.paragraph, mention.range.start));
            (std::cmp::Reverse(group.count), first)
        });
        let (confirmed, proposed) = groups.into_iter().partition(|group| group.confirmed);
        ArticleActors {
            confirmed,
            proposed,
        }
    }

    /// Groups without mentions, from each mention's actor and where it starts (paragraph,
    /// offset; any coordinates that keep reading order), ranked as
    /// [`from_mentions`](Self::from_mentions) ranks them.
    pub(crate) fn from_counts(mentions: impl Iterator<Item = (ActorRef, (usize, usize))>) -> Self {
        // Lexicon actors are grouped by sorting their mentions (no hashing, no clones);
        // proposed names, a few per article, through a map.
        let mut known: Vec<(ActorIndex, (usize, usize))> =
            Vec::with_capacity(mentions.size_hint().0);
        let mut names: Vec<(String, usize, (usize, usize))> = Vec::new();
        let mut group_of_name: HashMap<String, usize> = HashMap::default();
        for (actor, at) in mentions {
            match actor {
                ActorRef::Known(index) => known.push((index, at)),
                ActorRef::Proposed(name) => match group_of_name.get(&name) {
                    Some(&group) => {
                        let (_, count, first) = &mut names[group];
                        *count += 1;
                        *first = (*first).min(at);
                    }
                    None => {
                        group_of_name.insert(name.clone(), names.len());
                        names.push((name, 1, at));
                    }
                },
            }
        }
        known.sort_unstable_by_key(|&(actor, _)| actor);
        let mut groups: Vec<(usize, (usize, usize), ActorRef)> = known
            .chunk_by(|a, b| a.0 == b.0)
            .map(|run| {
                let first = run.iter().map(|&(_, at)| at).min().unwrap_or_default();
                (run.len(), first, ActorRef::Known(run[0].0))
            })
            .collect();
        groups.extend(
            names
                .into_iter()
                .map(|(name, count, first)| (count, first, ActorRef::Proposed(name))),
        );
        // Most mentions first, then the earliest first mention: two groups never share one,
        // so the order is complete.
        groups.sort_unstable_by_key(|&(count, first, _)| (std::cmp::Reverse(count), first));
        let (confirmed, proposed) = groups
            .into_iter()
            .map(|(count, _, actor)| ActorMentions {
                count,
                ..ActorMentions::counted(actor)
            })
            .partition(|group| group.confirmed);
        ArticleActors {
            confirmed,
            proposed,
        }
    }

    /// Groups without mentions from actors and counts already ranked (as
    /// [`groups`](Self::groups) yields them: confirmed actors first).
    pub fn from_ranked(ranked: impl IntoIterator<Item = (ActorRef, usize)>) -> Self {
        let (confirmed, proposed) = ranked
            .into_iter()
            .map(|(actor, count)| ActorMentions {
                count,
                ..ActorMentions::counted(actor)
            })
            .partition(|group| group.confirmed);
        ArticleActors {
            confirmed,
            proposed,
        }
    }

    /// The mentions of a lexicon actor, if the article names it.
    pub fn of(&self, actor: ActorIndex) -> Option<&ActorMentions> {
        self.confirmed
            .iter()
            .find(|group| group.actor == ActorRef::Known(actor))
    }

    /// Every confirmed mention, grouped per actor in rank order.
    pub fn confirmed_mentions(&self) -> impl Iterator<Item = &Mention> {
        self.confirmed
            .iter()
            .flat_map(|group| group.mentions.iter())
    }

    /// Every proposed mention, grouped per actor in rank order.
    pub fn proposed_mentions(&self) -> impl Iterator<Item = &Mention> {
        self.proposed.iter().flat_map(|group| group.mentions.iter())
    }

    /// Every actor group: confirmed ones first, then proposed ones.
    pub fn groups(&self) -> impl Iterator<Item = &ActorMentions> {
        self.confirmed.iter().chain(&self.proposed)
    }

    pub fn is_empty(&self) -> bool {
        self.confirmed.is_empty() && self.proposed.is_empty()
    }

    /// Drops the mentions and keeps the ranked groups with their counts: what lists need,
    /// at a fraction of the memory (a mention holds its text).
    pub fn without_mentions(mut self) -> Self {
        for group in self.confirmed.iter_mut().chain(&mut self.proposed) {
            group.mentions = Vec::new();
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(actor: ActorRef, paragraph: usize, start: usize) -> Mention {
        Mention {
            actor,
            paragraph,
            range: start..start + 1,
            text: String::from("x"),
        }
    }

    #[test]
    fn groups_are_sorted_by_count_then_first_occurrence() {
        let lexicon = Lexicon::from_json(
            "inline",
            r#"{ "actors": [
                { "id": "a", "kind": "person", "name": {"en": "A"} },
                { "id": "b", "kind": "person", "name": {"en": "B"} },
                { "id": "c", "kind": "person", "name": {"en": "C"} } ] }"#,
        )
        .expect("valid lexicon");
        let [a, b, c] =
            ["a", "b", "c"].map(|id| ActorRef::Known(lexicon.index_of(id).expect("known id")));
        let actors = ArticleActors::from_mentions(vec![
            mention(c.clone(), 0, 5),
            mention(a.clone(), 1, 0),
            mention(b.clone(), 0, 9),
            mention(a.clone(), 0, 7),
            mention(ActorRef::Proposed("س".into()), 0, 1),
        ]);
        let order: Vec<String> = actors
            .confirmed
            .iter()
            .map(|group| group.actor.id(&lexicon))
            .collect();
        assert_eq!(order, ["a", "c", "b"]);
        assert_eq!(actors.confirmed[0].count, 2);
        assert_eq!(actors.confirmed[0].mentions[0].paragraph, 0);
        assert_eq!(actors.proposed.len(), 1);
        assert!(!actors.proposed[0].confirmed);
        assert_eq!(actors.proposed[0].actor.id(&lexicon), "?س");
        assert_eq!(actors.proposed[0].proposed_display(), Some("س"));
        assert_eq!(actors.confirmed[0].proposed_display(), None);
    }
}
