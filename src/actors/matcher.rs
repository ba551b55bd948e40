//! Finding lexicon actors in an article: the normalised forms of every name and alias looked
//! up at word starts (`patterns`), then word-boundary and proclitic checks, stop words, context
//! aliases and longest-match-wins. Unconfirmed actors come from `proposals`.
//! Imports std and the other `actors` modules.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;

use super::clitics::{
    is_lam_fusion_prefix, is_proclitic_sequence, is_quotation_mark, lam_fused_form,
};
use super::lexicon::{ActorIndex, ActorKind, Lexicon};
use super::mention::{ActorRef, ArticleActors, Mention};
use super::normalize::{NormalizedText, normalize};
use super::patterns::{MAX_PROCLITIC_BYTES, Patterns};
use super::proposals::{KnownSpan, ProposedSpan, Proposer};
use super::word_lists::WordLists;
use super::words::{Word, ends_at_boundary, is_letter, letters_start_before, starts_at_boundary};

/// Finds actor mentions in articles. Built once per lexicon; shareable across threads.
#[derive(Clone, Debug)]
pub struct Matcher {
    /// Every pattern, with what the matcher knows of it.
    patterns: Patterns<PatternFacts>,
    /// Who each pattern may name: the targets of one pattern are a range of this (see
    /// [`PatternFacts::targets`]).
    targets: Vec<FormTarget>,
    /// The facts of each pattern by id, for the brute-force test; the search hands them over.
    #[cfg(test)]
    pattern_facts: Vec<PatternFacts>,
    actor_kinds: Vec<ActorKind>,
    word_lists: WordLists,
    proposer: Proposer,
    /// See [`Matcher::fingerprint`].
    fingerprint: u64,
}

/// Raise by one whenever a change to the code makes [`Matcher::find`] find anything
/// different for the same lexicon: it is part of [`Matcher::fingerprint`], so caches of
/// older results are dropped. The test `cached_results_go_with_the_matcher_revision` fails
/// until it is raised.
const MATCHER_REVISION: u32 = 1;

/// Whether a form always counts or only beside a strong form of the same actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    Strong,
    Context,
}

/// One actor a pattern may name, and how the pattern was derived from its form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct FormTarget {
    actor: ActorIndex,
    strength: Strength,
    /// The pattern is the form as fused after the preposition ل (الولايات → لولايات); it must
    /// be preceded by ل, ول or فل.
    lam_fused: bool,
}

/// A validated pattern occurrence, before overlaps are resolved.
#[derive(Clone, Debug)]
struct Candidate<'m> {
    paragraph: usize,
    /// Start in the normalised paragraph, proclitics (and a quote after them) included.
    start: usize,
    end: usize,
    /// Length in characters of the matched form, proclitics excluded: longest wins.
    form_length: usize,
    /// Every target of the pattern; those the prefix rules out are skipped by `targets`.
    pattern_targets: &'m [FormTarget],
    /// Whether the prefix allows the pattern's plain targets, and its lam-fused ones.
    plain_ok: bool,
    fused_ok: bool,
}

impl Candidate<'_> {
    /// Who this occurrence may name, given the prefix before it.
    fn targets(&self) -> impl Iterator<Item = &FormTarget> {
        self.pattern_targets.iter().filter(|target| {
            if target.lam_fused {
                self.fused_ok
            } else {
                self.plain_ok
            }
        })
    }
}

/// What the matcher knows of a pattern before searching. Kept in the pattern index beside
/// each pattern's first word, so that checking an occurrence touches no other table (when
/// the targets were a `Vec` per pattern, loading them was two cache misses per occurrence).
#[derive(Clone, Copy, Debug)]
struct PatternFacts {
    /// Length in bytes, of the normalised text.
    bytes: u32,
    /// Length in characters.
    length: u32,
    /// Where its targets are in [`Matcher::targets`].
    targets_start: u32,
    targets_len: u32,
    /// The form is a stop word (with or without its prefix, it names nobody).
    is_stop_word: bool,
    /// Some target may follow no prefix or a proclitic sequence; some target is lam-fused.
    has_plain_target: bool,
    has_fused_target: bool,
}

impl PatternFacts {
    fn targets(self) -> std::ops::Range<usize> {
        let start = self.targets_start as usize;
        start..start + self.targets_len as usize
    }
}

/// A lexicon mention after resolution, in normalised coordinates.
#[derive(Clone, Copy, Debug)]
struct Found {
    paragraph: usize,
    start: usize,
    end: usize,
    actor: ActorIndex,
    strength: Strength,
}

impl Matcher {
    /// Indexes every form of every actor of `lexicon`.
    ///
    /// Forms are found by looking up each word start in a hash map of the forms' first words
    /// (see `patterns`). An overlapping Aho-Corasick automaton over every byte did the same
    /// job before; it took 31% of `sahifa list`'s time on 100,000 articles.
    pub fn new(lexicon: &Lexicon) -> Self {
        let word_lists = WordLists::built_in();
        let mut targets_by_pattern: HashMap<String, Vec<FormTarget>> = HashMap::default();
        for (actor, entry) in lexicon.iter() {
            let strong = entry.strong_forms().map(|form| (form, Strength::Strong));
            let context = entry
                .context_aliases
                .iter()
                .map(|form| (form.as_str(), Strength::Context));
            for (form, strength) in strong.chain(context) {
                let normalized = normalize(form);
                if normalized.is_empty() {
                    continue;
                }
                let mut add = |pattern: String, lam_fused: bool| {
                    let target = FormTarget {
                        actor,
                        strength,
                        lam_fused,
                    };
                    let targets = targets_by_pattern.entry(pattern).or_default();
                    if !targets.contains(&target) {
                        targets.push(target);
                    }
                };
                if let Some(fused) = lam_fused_form(&normalized) {
                    add(fused.to_owned(), true);
                }
                add(normalized, false);
            }
        }
        let mut patterns: Vec<String> = targets_by_pattern.keys().cloned().collect();
        patterns.sort();
        let mut targets = Vec::new();
        let patterns: Vec<(String, PatternFacts)> = patterns
            .into_iter()
            .map(|pattern| {
                let pattern_targets = targets_by_pattern.remove(&pattern).unwrap_or_default();
                let facts = PatternFacts {
                    bytes: to_u32(pattern.len()),
                    length: to_u32(pattern.chars().count()),
                    targets_start: to_u32(targets.len()),
                    targets_len: to_u32(pattern_targets.len()),
                    is_stop_word: word_lists.stop_words.contains(&pattern),
                    has_plain_target: pattern_targets.iter().any(|target| !target.lam_fused),
                    has_fused_target: pattern_targets.iter().any(|target| target.lam_fused),
                };
                targets.extend(pattern_targets);
                (pattern, facts)
            })
            .collect();
        Matcher {
            fingerprint: fingerprint(lexicon),
            #[cfg(test)]
            pattern_facts: patterns.iter().map(|&(_, facts)| facts).collect(),
            patterns: Patterns::new(patterns),
            targets,
            actor_kinds: lexicon.actors().iter().map(|actor| actor.kind).collect(),
            proposer: Proposer::new(lexicon, &word_lists),
            word_lists,
        }
    }

    /// Identifies what this matcher finds: a hash of the matcher's revision, the lexicon and
    /// the word lists. Two matchers with the same fingerprint find the same actors in the same
    /// text, so results may be cached under it.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// Finds the actors of one article, given its paragraphs in logical order.
    pub fn find(&self, paragraphs: &[&str]) -> ArticleActors {
        self.find_with(paragraphs, true)
    }

    /// Like [`find`](Self::find) without the mentions: the same actors, counts and order (as
    /// [`ArticleActors::without_mentions`] would leave them), without mapping every mention
    /// back to the original text and copying it. For lists of many articles.
    pub fn find_counts(&self, paragraphs: &[&str]) -> ArticleActors {
        self.find_with(paragraphs, false)
    }

    fn find_with(&self, paragraphs: &[&str], with_mentions: bool) -> ArticleActors {
        let normalized: Vec<NormalizedText> = paragraphs
            .iter()
            .map(|paragraph| NormalizedText::new(paragraph))
            .collect();
        // Generated news names someone every ten words or so.
        let words: usize = normalized.iter().map(|text| text.words().len()).sum();
        let mut candidates = Vec::with_capacity(words / 8);
        for (paragraph, text) in normalized.iter().enumerate() {
            self.collect_candidates(paragraph, text.as_str(), text.words(), &mut candidates);
        }
        let found = resolve(candidates);

        let known_spans: Vec<KnownSpan> = found
            .iter()
            .map(|found| KnownSpan {
                paragraph: found.paragraph,
                range: found.start..found.end,
                is_person: self.actor_kinds.get(found.actor.get()) == Some(&ActorKind::Person),
            })
            .collect();
        let proposed = self.proposer.propose(paragraphs, &normalized, &known_spans);
        if !with_mentions {
            // Within a paragraph the byte map keeps order, so first mentions rank the same
            // in normalised coordinates.
            let known = found
                .iter()
                .map(|found| (ActorRef::Known(found.actor), (found.paragraph, found.start)));
            let spans = proposed.iter().map(|span| {
                let first = (span.paragraph, span.range.start);
                (ActorRef::Proposed(span.name.clone()), first)
            });
            let mut actors = ArticleActors::from_counts(known.chain(spans));
            note_written_forms(&mut actors, &proposed, paragraphs, &normalized);
            return actors;
        }

        let to_mention = |actor: ActorRef, paragraph: usize, start: usize, end: usize| {
            let range = normalized[paragraph].original_range(start..end);
            Mention {
                actor,
                paragraph,
                text: paragraphs[paragraph][range.clone()].to_owned(),
                range,
            }
        };
        let confirmed = found.iter().map(|found| {
            to_mention(
                ActorRef::Known(found.actor),
                found.paragraph,
                found.start,
                found.end,
            )
        });
        let spans = proposed;
        let proposed = spans.iter().map(|span| {
            to_mention(
                ActorRef::Proposed(span.name.clone()),
                span.paragraph,
                span.range.start,
                span.range.end,
            )
        });
        let mut actors = ArticleActors::from_mentions(confirmed.chain(proposed).collect());
        note_written_forms(&mut actors, &spans, paragraphs, &normalized);
        actors
    }

    /// Adds every pattern occurrence in `text` that stands as a whole word (after proclitics).
    fn collect_candidates<'m>(
        &'m self,
        paragraph: usize,
        text: &str,
        words: &[Word],
        candidates: &mut Vec<Candidate<'m>>,
    ) {
        // In order of where the form starts. `resolve` sorts by length and start, stably:
        // between candidates of one length and one start this order is also the order of
        // their ends, as an overlapping automaton reported them before.
        self.patterns
            .for_each_occurrence(text, words, |form_start, word_start, _, facts| {
                self.consider(paragraph, text, form_start, word_start, facts, candidates);
            });
    }

    /// Validates one occurrence at `form_start` of the pattern with these facts: a whole word
    /// after a proclitic sequence the pattern allows, not a stop word. `known_word_start`:
    /// where the word the occurrence stands in starts, when the search knows it.
    fn consider<'m>(
        &'m self,
        paragraph: usize,
        text: &str,
        form_start: usize,
        known_word_start: Option<usize>,
        facts: PatternFacts,
        candidates: &mut Vec<Candidate<'m>>,
    ) {
        let end = form_start + facts.bytes as usize;
        if !ends_at_boundary(text, end) {
            return;
        }
        let starts_with_letter =
            known_word_start.is_some() || text[form_start..].chars().next().is_some_and(is_letter);
        let word_start = if let Some(word_start) = known_word_start {
            word_start
        } else if starts_with_letter {
            letters_start_before(text, form_start)
        } else if starts_at_boundary(text, form_start) {
            form_start
        } else {
            return;
        };
        let prefix = &text[word_start..form_start];
        if prefix.len() > MAX_PROCLITIC_BYTES {
            return;
        }
        let plain_ok = prefix.is_empty() || is_proclitic_sequence(prefix);
        let fused_ok = is_lam_fusion_prefix(prefix);
        if !(plain_ok && facts.has_plain_target || fused_ok && facts.has_fused_target) {
            return;
        }
        if facts.is_stop_word
            || (!prefix.is_empty() && self.word_lists.stop_words.contains(&text[word_start..end]))
        {
            return;
        }
        let start = if prefix.is_empty() {
            start_of_clitic_before_quote(text, form_start)
        } else {
            word_start
        };
        candidates.push(Candidate {
            paragraph,
            start,
            end,
            form_length: facts.length as usize,
            pattern_targets: &self.targets[facts.targets()],
            plain_ok,
            fused_ok,
        });
    }
}

/// Sets how the article writes each proposed actor of `actors` ([`ActorMentions::written`]):
/// the original text of its first occurrence that is the whole name, else of its first; none
/// when that is the normalised name itself (most Arabic names), which saves a string each.
/// A later occurrence may be part of the name with a proclitic (ولهيغسيث for بيت هيغسيث),
/// which is no way to show it.
///
/// [`ActorMentions::written`]: super::mention::ActorMentions::written
fn note_written_forms(
    actors: &mut ArticleActors,
    spans: &[ProposedSpan],
    paragraphs: &[&str],
    normalized: &[NormalizedText],
) {
    let place = |span: &ProposedSpan| (span.paragraph, span.range.start);
    let whole = |span: &ProposedSpan| {
        normalized[span.paragraph].as_str().get(span.range.clone()) == Some(span.name.as_str())
    };
    for group in &mut actors.proposed {
        let ActorRef::Proposed(name) = &group.actor else {
            continue;
        };
        let of_name = || spans.iter().filter(|span| span.name == *name);
        let chosen = of_name()
            .filter(|span| whole(span))
            .min_by_key(|span| place(span))
            .or_else(|| of_name().min_by_key(|span| place(span)));
        group.written = chosen.and_then(|span| {
            let range = normalized[span.paragraph].original_range(span.range.clone());
            let written = &paragraphs[span.paragraph][range];
            (written != name).then(|| written.to_owned())
        });
    }
}

/// Pattern lengths and target counts of a lexicon fit in 32 bits.
fn to_u32(value: usize) -> u32 {
    u32::try_from(value).expect("lexicon sizes fit in 32 bits")
}

/// See [`Matcher::fingerprint`]. XXH3 is a fixed, published algorithm: the value is the same
/// on every machine and with every Rust version.
fn fingerprint(lexicon: &Lexicon) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(b"sahifa/matcher\0");
    hasher.update(&MATCHER_REVISION.to_le_bytes());
    // Serialising plain structs cannot fail; were it to, the cache would only miss more.
    hasher.update(&serde_json::to_vec(lexicon.actors()).unwrap_or_default());
    for list in WordLists::SOURCES {
        hasher.update(&(list.len() as u64).to_le_bytes());
        hasher.update(list.as_bytes());
    }
    hasher.digest()
}

/// Where a mention starts when a detached proclitic and a quotation mark stand right before
/// the name (لـ«الناتو» normalises to ل«الناتو»): at the clitic; otherwise at `form_start`.
fn start_of_clitic_before_quote(text: &str, form_start: usize) -> usize {
    let Some(quote) = text[..form_start].chars().next_back() else {
        return form_start;
    };
    if !is_quotation_mark(quote) {
        return form_start;
    }
    let quote_start = form_start - quote.len_utf8();
    let clitic_start = letters_start_before(text, quote_start);
    if clitic_start < quote_start && is_proclitic_sequence(&text[clitic_start..quote_start]) {
        clitic_start
    } else {
        form_start
    }
}

/// A small set of actors: sorted, without repeats. An article names a few dozen actors, so a
/// sorted vector and binary search cost less than hashing every insert (the hash sets this
/// replaced were 3% of `sahifa list`).
struct ActorSet(Vec<ActorIndex>);

impl ActorSet {
    fn new(mut actors: Vec<ActorIndex>) -> Self {
        actors.sort_unstable();
        actors.dedup();
        ActorSet(actors)
    }

    fn contains(&self, actor: &ActorIndex) -> bool {
        self.0.binary_search(actor).is_ok()
    }
}

/// The indexes of the candidates that `keep` keeps, in the order longest-match-wins takes
/// them: by paragraph, longest form first, then start, ties in order of arrival.
///
/// Candidates arrive by paragraph and, but for rare quote-led forms, by start: then a sort of
/// each paragraph by length alone, ties by arrival, gives that order, on one `u64` per
/// candidate. Otherwise every key is packed in a `u128`. Offsets, lengths and counts fit in
/// 32 bits (the store refuses files over 1 GiB).
fn resolution_order(candidates: &[Candidate], keep: impl Fn(&Candidate) -> bool) -> Vec<usize> {
    let low = |value: usize| u32::try_from(value).unwrap_or(u32::MAX);
    let kept: Vec<usize> = (0..candidates.len())
        .filter(|&index| keep(&candidates[index]))
        .collect();
    let position = |index: usize| (candidates[index].paragraph, candidates[index].start);
    let in_arrival_order = kept
        .windows(2)
        .all(|pair| position(pair[0]) <= position(pair[1]));
    if !in_arrival_order {
        let mut keys: Vec<u128> = kept
            .iter()
            .map(|&index| {
                let candidate = &candidates[index];
                u128::from(low(candidate.paragraph)) << 96
                    | u128::from(u32::MAX - low(candidate.form_length)) << 64
                    | u128::from(low(candidate.start)) << 32
                    | u128::from(low(index))
            })
            .collect();
        keys.sort_unstable();
        return keys
            .into_iter()
            .map(|key| (key & u128::from(u32::MAX)) as usize)
            .collect();
    }
    let mut keys: Vec<u64> = kept
        .iter()
        .map(|&index| {
            u64::from(u32::MAX - low(candidates[index].form_length)) << 32 | u64::from(low(index))
        })
        .collect();
    let mut start = 0;
    while start < kept.len() {
        let paragraph = candidates[kept[start]].paragraph;
        let end = kept[start..]
            .iter()
            .position(|&index| candidates[index].paragraph != paragraph)
            .map_or(kept.len(), |length| start + length);
        keys[start..end].sort_unstable();
        start = end;
    }
    keys.into_iter()
        .map(|key| (key & u64::from(u32::MAX)) as usize)
        .collect()
}

/// Applies the context-alias rule and longest-match-wins, and picks one actor per mention.
fn resolve(candidates: Vec<Candidate>) -> Vec<Found> {
    let has_strong_candidate = ActorSet::new(
        candidates
            .iter()
            .flat_map(Candidate::targets)
            .filter(|target| target.strength == Strength::Strong)
            .map(|target| target.actor)
            .collect(),
    );
    // A context alias counts only for an actor some candidate names strongly.
    let live = |target: &&FormTarget| {
        target.strength == Strength::Strong || has_strong_candidate.contains(&target.actor)
    };
    let order = resolution_order(&candidates, |candidate| {
        candidate.targets().any(|target| live(&target))
    });

    let mut found = Vec::new();
    // Accepted spans of the current paragraph, start → end; they never overlap.
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let mut current_paragraph = None;
    for index in order {
        let candidate = &candidates[index];
        if current_paragraph != Some(candidate.paragraph) {
            taken.clear();
            current_paragraph = Some(candidate.paragraph);
        }
        let overlaps = taken
            .range(..candidate.end)
            .next_back()
            .is_some_and(|(_, &end)| end > candidate.start);
        if overlaps {
            continue;
        }
        taken.insert(candidate.start, candidate.end);
        // Prefer a strong form, then an actor named strongly elsewhere, then lexicon order.
        let best = candidate.targets().filter(live).min_by_key(|target| {
            (
                target.strength,
                !has_strong_candidate.contains(&target.actor),
                target.actor,
            )
        });
        if let Some(target) = best {
            found.push(Found {
                paragraph: candidate.paragraph,
                start: candidate.start,
                end: candidate.end,
                actor: target.actor,
                strength: target.strength,
            });
        }
    }

    // A context alias needs a strong mention that survived the overlap resolution.
    let has_strong_mention = ActorSet::new(
        found
            .iter()
            .filter(|found| found.strength == Strength::Strong)
            .map(|found| found.actor)
            .collect(),
    );
    found.retain(|found| {
        found.strength == Strength::Strong || has_strong_mention.contains(&found.actor)
    });
    // Accepted spans of a paragraph never overlap, so (paragraph, start) is unique.
    found.sort_unstable_by_key(|found| (found.paragraph, found.start));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const LEXICON: &str = r#"{ "actors": [
        { "id": "vladimir-putin", "kind": "person",
          "name": {"ar": "فلاديمير بوتين", "en": "Vladimir Putin"}, "aliases": ["بوتين", "Putin"] },
        { "id": "donald-trump", "kind": "person",
          "name": {"ar": "دونالد ترامب", "en": "Donald Trump"}, "aliases": ["ترامب", "Trump"] },
        { "id": "united-states", "kind": "country",
          "name": {"ar": "الولايات المتحدة", "en": "United States"}, "aliases": ["أمريكا"] },
        { "id": "russia", "kind": "country", "name": {"ar": "روسيا", "en": "Russia"} },
        { "id": "ukraine", "kind": "country", "name": {"ar": "أوكرانيا", "en": "Ukraine"} },
        { "id": "kremlin", "kind": "organization", "name": {"ar": "الكرملين", "en": "Kremlin"} },
        { "id": "nato", "kind": "organization", "name": {"ar": "حلف شمال الأطلسي", "en": "NATO"},
          "aliases": ["الناتو", "حلف الناتو"] },
        { "id": "saudi-arabia", "kind": "country",
          "name": {"ar": "المملكة العربية السعودية", "en": "Saudi Arabia"},
          "context_aliases": ["السعودية"] },
        { "id": "keir-starmer", "kind": "person", "name": {"ar": "كير ستارمر"},
          "aliases": ["ستارمر"], "context_aliases": ["كير"] },
        { "id": "latakia", "kind": "organization", "name": {"ar": "اللاذقية"} },
        { "id": "spa", "kind": "organization", "name": {"ar": "واس", "en": "SPA"} },
        { "id": "kyiv-misspelt", "kind": "organization", "name": {"ar": "كييف"}, "aliases": ["كيف"] },
        { "id": "g7", "kind": "organization", "name": {"ar": "مجموعة السبع", "en": "G7"} },
        { "id": "lammy", "kind": "person", "name": {"ar": "ديفيد لامي"}, "aliases": ["لامي"] }
    ] }"#;

    /// The resolution order against a stable sort of the candidates themselves, with starts
    /// in arrival order and out of it (quote-led forms), over several paragraphs.
    #[test]
    fn resolution_order_is_a_stable_sort_by_paragraph_length_and_start() {
        let mut state: u64 = 7;
        let mut next = |limit: usize| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize % limit
        };
        for round in 0..2_000 {
            let count = next(40);
            let mut candidates: Vec<Candidate> = Vec::new();
            let (mut paragraph, mut start) = (0, 0);
            for _ in 0..count {
                if next(8) == 0 {
                    paragraph += 1;
                    start = 0;
                }
                // Every other round, starts may step back.
                if round % 2 == 0 || next(4) != 0 {
                    start += next(3);
                } else {
                    start = start.saturating_sub(next(4));
                }
                candidates.push(Candidate {
                    paragraph,
                    start,
                    end: start + 1,
                    form_length: 1 + next(4),
                    pattern_targets: &[],
                    plain_ok: next(5) != 0,
                    fused_ok: false,
                });
            }
            let keep = |candidate: &Candidate| candidate.plain_ok;
            let mut expected: Vec<usize> = (0..candidates.len())
                .filter(|&index| keep(&candidates[index]))
                .collect();
            expected.sort_by_key(|&index| {
                let candidate = &candidates[index];
                (
                    candidate.paragraph,
                    std::cmp::Reverse(candidate.form_length),
                    candidate.start,
                )
            });
            assert_eq!(
                resolution_order(&candidates, keep),
                expected,
                "round {round}"
            );
        }
    }

    fn matcher_and_lexicon() -> (Matcher, Lexicon) {
        let lexicon = Lexicon::from_json("inline", LEXICON).expect("valid lexicon");
        (Matcher::new(&lexicon), lexicon)
    }

    /// (text, actor id) of every confirmed mention of a one-paragraph article, in text order.
    fn mentions(text: &str) -> Vec<(String, String)> {
        let (matcher, lexicon) = matcher_and_lexicon();
        let actors = matcher.find(&[text]);
        let mut all: Vec<&Mention> = actors.confirmed_mentions().collect();
        all.sort_by_key(|mention| mention.range.start);
        all.iter()
            .map(|mention| {
                assert_eq!(&text[mention.range.clone()], mention.text);
                (mention.text.clone(), mention.actor.id(&lexicon))
            })
            .collect()
    }

    fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
        expected
            .iter()
            .map(|(text, id)| (text.to_string(), id.to_string()))
            .collect()
    }

    /// The built-in lexicon's matcher, and generated articles from `seed`.
    fn built_in_matcher_and_corpus(seed: u64) -> (Matcher, crate::corpus::Corpus) {
        let lexicon = Lexicon::built_in().expect("built-in lexicon");
        (Matcher::new(&lexicon), crate::corpus::Corpus::new(seed))
    }

    /// Every candidate the word-start lookup accepts, against a brute-force search for every
    /// pattern at every byte of the text, on generated articles and the built-in lexicon.
    #[test]
    fn word_start_lookup_finds_what_searching_every_byte_finds() {
        let (matcher, corpus) = built_in_matcher_and_corpus(7);
        let mut compared = 0;
        for index in 0..40 {
            let article = corpus.article(index);
            for paragraph in article.lines().filter(|line| !line.trim().is_empty()) {
                let normalized = NormalizedText::new(paragraph);
                let text = normalized.as_str();
                let mut fast = Vec::new();
                matcher.collect_candidates(0, text, normalized.words(), &mut fast);
                fast.sort_by_key(|candidate| (candidate.end, candidate.start));
                let mut slow = Vec::new();
                for (pattern, &facts) in matcher.pattern_facts.iter().enumerate() {
                    let form = matcher.patterns.text(pattern);
                    for (start, _) in text.match_indices(form) {
                        matcher.consider(0, text, start, None, facts, &mut slow);
                    }
                }
                slow.sort_by_key(|candidate| (candidate.end, candidate.start));
                let key = |candidates: &[Candidate]| -> Vec<(usize, usize, usize)> {
                    candidates
                        .iter()
                        .map(|candidate| {
                            (candidate.start, candidate.end, candidate.targets().count())
                        })
                        .collect()
                };
                assert_eq!(key(&fast), key(&slow), "{paragraph}");
                compared += slow.len();
            }
        }
        assert!(compared > 500, "only {compared} candidates compared");
    }

    #[test]
    fn counts_alone_are_the_counts_of_the_mentions() {
        let (matcher, corpus) = built_in_matcher_and_corpus(5);
        let mut groups = 0;
        for index in 0..60 {
            let article = corpus.article(index);
            let paragraphs: Vec<&str> = article.lines().collect();
            let counts = matcher.find_counts(&paragraphs);
            assert_eq!(
                counts,
                matcher.find(&paragraphs).without_mentions(),
                "article {index}"
            );
            groups += counts.groups().count();
        }
        assert!(groups > 1000, "only {groups} groups compared");
    }

    /// Results are cached under the matcher's fingerprint, which a code change does not
    /// alter by itself: this digest of what the built-in matcher finds in generated articles
    /// goes with `MATCHER_REVISION`. When it fails, matching changed: raise the revision (old
    /// caches would give old answers) and put the new digest here. A change to the lexicon or
    /// word lists changes the digest too, but not what the revision must cover; only the
    /// digest needs updating then.
    #[test]
    fn cached_results_go_with_the_matcher_revision() {
        const DIGEST_AT_REVISION: (u32, u64) = (1, 0xc1c1_664d_2c3d_6eb3);
        let lexicon = Lexicon::built_in().expect("built-in lexicon");
        let (matcher, corpus) = (Matcher::new(&lexicon), crate::corpus::Corpus::new(17));
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        for index in 0..300 {
            let text = corpus.article(index);
            let paragraphs: Vec<&str> = text.lines().collect();
            for group in matcher.find_counts(&paragraphs).groups() {
                hasher.update(group.actor.id(&lexicon).as_bytes());
                hasher.update(&(group.count as u64).to_le_bytes());
            }
            hasher.update(b"\n");
        }
        let found = (MATCHER_REVISION, hasher.digest());
        assert_eq!(
            found, DIGEST_AT_REVISION,
            "what the matcher finds changed: raise MATCHER_REVISION if code did it, then set \
             DIGEST_AT_REVISION to ({}, {:#x})",
            MATCHER_REVISION, found.1
        );
    }

    #[test]
    fn matcher_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Matcher>();
    }

    #[test]
    fn single_proclitics_are_part_of_the_mention() {
        let cases = [
            ("قال وبوتين", "وبوتين"),
            ("ثم فبوتين", "فبوتين"),
            ("مرورا ببوتين", "ببوتين"),
            ("رسالة لبوتين", "لبوتين"),
            ("رجل كبوتين", "كبوتين"),
        ];
        for (text, mention) in cases {
            assert_eq!(
                mentions(text),
                pairs(&[(mention, "vladimir-putin")]),
                "{text}"
            );
        }
    }

    #[test]
    fn combined_proclitics_are_part_of_the_mention() {
        let cases = [
            ("وبروسيا", "russia"),
            ("ولروسيا", "russia"),
            ("فلروسيا", "russia"),
            ("وكروسيا", "russia"),
            ("وبالكرملين", "kremlin"),
        ];
        for (text, id) in cases {
            assert_eq!(mentions(text), pairs(&[(text, id)]), "{text}");
        }
    }

    #[test]
    fn lam_plus_article_is_written_double_lam() {
        let cases = [
            ("للولايات المتحدة", "united-states"),
            ("وللولايات المتحدة", "united-states"),
            ("للكرملين", "kremlin"),
            ("فللكرملين", "kremlin"),
            ("للاذقية", "latakia"),
        ];
        for (text, id) in cases {
            assert_eq!(mentions(text), pairs(&[(text, id)]), "{text}");
        }
    }

    #[test]
    fn article_names_take_other_proclitics_before_the_article() {
        assert_eq!(
            mentions("بالولايات المتحدة وكالكرملين"),
            pairs(&[
                ("بالولايات المتحدة", "united-states"),
                ("وكالكرملين", "kremlin")
            ])
        );
    }

    #[test]
    fn no_article_is_invented_before_a_name_listed_without_it() {
        assert_eq!(mentions("الروسيا والترامب"), pairs(&[]));
        assert_eq!(mentions("كرملين"), pairs(&[]));
    }

    #[test]
    fn prefixes_that_are_not_proclitic_sequences_make_no_mention() {
        for text in ["سبوتين", "لكبوتين", "وفبوتين", "اللبوتين", "للروسيا"]
        {
            assert_eq!(mentions(text), pairs(&[]), "{text}");
        }
    }

    #[test]
    fn a_clitic_before_a_quote_or_tatweel_is_part_of_the_mention() {
        assert_eq!(
            mentions("دعم لـ«الناتو» اليوم"),
            pairs(&[("لـ«الناتو", "nato")])
        );
        assert_eq!(mentions("دعم ل\"الناتو\""), pairs(&[("ل\"الناتو", "nato")]));
        assert_eq!(
            mentions("دعم لـبوتين"),
            pairs(&[("لـبوتين", "vladimir-putin")])
        );
        assert_eq!(
            mentions("قال «بوتين»"),
            pairs(&[("بوتين", "vladimir-putin")])
        );
    }

    #[test]
    fn a_detached_conjunction_is_not_part_of_the_mention() {
        assert_eq!(mentions("و بوتين"), pairs(&[("بوتين", "vladimir-putin")]));
        assert_eq!(
            mentions("قال «بوتين"),
            pairs(&[("بوتين", "vladimir-putin")])
        );
    }

    #[test]
    fn multi_word_names_are_one_mention_and_the_longest_wins() {
        assert_eq!(
            mentions("فلاديمير بوتين ودونالد ترامب"),
            pairs(&[
                ("فلاديمير بوتين", "vladimir-putin"),
                ("ودونالد ترامب", "donald-trump")
            ])
        );
        assert_eq!(
            mentions("التحالف العسكري لحلف الناتو"),
            pairs(&[("لحلف الناتو", "nato")])
        );
    }

    #[test]
    fn overlapping_shorter_matches_are_dropped() {
        assert_eq!(
            mentions("المملكة العربية السعودية"),
            pairs(&[("المملكة العربية السعودية", "saudi-arabia")])
        );
    }

    #[test]
    fn a_name_inside_a_longer_word_is_no_mention() {
        assert_eq!(mentions("واستيفاء الشروط"), pairs(&[]));
        assert_eq!(mentions("قال واس"), pairs(&[("واس", "spa")]));
        assert_eq!(mentions("الإسلامي"), pairs(&[]));
        assert_eq!(mentions("بوتينية"), pairs(&[]));
        assert_eq!(mentions("Putinism"), pairs(&[]));
    }

    #[test]
    fn non_letters_are_word_boundaries() {
        assert_eq!(
            mentions("روسيا-الحجج 2022ترامب (بوتين)، «أوكرانيا»"),
            pairs(&[
                ("روسيا", "russia"),
                ("ترامب", "donald-trump"),
                ("بوتين", "vladimir-putin"),
                ("أوكرانيا", "ukraine")
            ])
        );
    }

    #[test]
    fn latin_names_match_case_insensitively_on_word_boundaries() {
        assert_eq!(
            mentions("قال PUTIN و trump وTrumpet"),
            pairs(&[("PUTIN", "vladimir-putin"), ("trump", "donald-trump")])
        );
        assert_eq!(mentions("G7 وG70"), pairs(&[("G7", "g7")]));
    }

    #[test]
    fn harakat_and_tatweel_inside_a_name_are_kept_in_the_span() {
        assert_eq!(
            mentions("قالَ بُوتِينُ وبـوتـين"),
            pairs(&[("بُوتِينُ", "vladimir-putin"), ("وبـوتـين", "vladimir-putin")])
        );
    }

    #[test]
    fn how_is_not_kyiv_even_when_an_alias_says_so() {
        assert_eq!(mentions("لا أعرف كيف يمكن ذلك"), pairs(&[]));
        assert_eq!(mentions("وكيف"), pairs(&[]));
        assert_eq!(mentions("في كييف"), pairs(&[("كييف", "kyiv-misspelt")]));
    }

    #[test]
    fn context_aliases_count_only_beside_a_strong_form() {
        assert_eq!(mentions("قال السير كير"), pairs(&[]));
        assert_eq!(mentions("وصلت السعودية"), pairs(&[]));
        let (matcher, lexicon) = matcher_and_lexicon();
        let actors = matcher.find(&["قال السير كير ستارمر", "ثم قال السير كير"]);
        let starmer = lexicon.index_of("keir-starmer").expect("known id");
        let group = actors.of(starmer).expect("starmer mentioned");
        let texts: Vec<&str> = group.mentions.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(texts, ["كير ستارمر", "كير"]);
        assert_eq!(group.mentions[1].paragraph, 1);
    }

    #[test]
    fn a_strong_form_anywhere_in_the_article_licenses_the_context_alias() {
        let (matcher, lexicon) = matcher_and_lexicon();
        let actors = matcher.find(&["المملكة العربية السعودية", "السعودية"]);
        let saudi = lexicon.index_of("saudi-arabia").expect("known id");
        assert_eq!(actors.of(saudi).map(|group| group.count), Some(2));
    }

    #[test]
    fn mentions_keep_paragraph_and_byte_range_and_groups_are_ranked() {
        let (matcher, lexicon) = matcher_and_lexicon();
        let paragraphs = ["قال ترامب إن بوتين", "وبوتين وروسيا"];
        let actors = matcher.find(&paragraphs);
        let ranked: Vec<(String, usize)> = actors
            .confirmed
            .iter()
            .map(|group| (group.actor.id(&lexicon), group.count))
            .collect();
        assert_eq!(
            ranked,
            [
                ("vladimir-putin".to_string(), 2),
                ("donald-trump".to_string(), 1),
                ("russia".to_string(), 1)
            ]
        );
        let putin = &actors.confirmed[0].mentions;
        assert_eq!(putin[1].paragraph, 1);
        assert_eq!(putin[1].range, 0.."وبوتين".len());
        assert_eq!(&paragraphs[0][putin[0].range.clone()], "بوتين");
    }
}
