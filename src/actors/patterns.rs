//! The normalised forms the matcher looks for, indexed by their first word, and the search
//! for them at the only places a mention can start. Imports std and the other `actors`
//! modules.
//!
//! A mention starts at a word's first letter, after a proclitic sequence of one or two
//! letters (وبوتين، للولايات), or, for the rare form that starts with a digit or a sign, at
//! that character. So instead of running an automaton over every byte, each such start looks
//! up the rest of its word in a hash map of the forms' first words, and compares the few
//! forms found with the text that follows.

use rustc_hash::FxHashMap as HashMap;

use super::clitics::{is_lam_fusion_prefix, is_proclitic_sequence};
use super::word_map::WordMap;
use super::words::{Word, is_letter};

/// Index of a pattern in [`Patterns`].
pub(crate) type PatternId = usize;

/// The longest proclitic sequence in bytes: a conjunction and a preposition, two Arabic
/// letters of two bytes each.
pub(crate) const MAX_PROCLITIC_BYTES: usize = 4;

/// Normalised forms, each found by its first run of letters (or its first character), each
/// with a payload `P` of the caller's that the search hands back with every occurrence.
#[derive(Clone, Debug)]
pub(crate) struct Patterns<P> {
    texts: Vec<Box<str>>,
    /// Patterns that start with a letter, by their first run of letters.
    by_first_word: WordMap<Vec<Follower<P>>>,
    /// Patterns that start with anything else (a digit, a sign), by their first character.
    by_first_character: HashMap<char, Vec<(PatternId, P)>>,
}

/// A pattern found by its first word, and what must follow that word in the text.
#[derive(Clone, Copy, Debug)]
struct Follower<P> {
    id: PatternId,
    /// The rest's first 8 bytes (zero-padded), compared before the whole rest: most patterns
    /// that share a first word (محمد، وزارة، مجلس) differ there.
    rest_head: u64,
    rest_mask: u64,
    /// Kept beside the look-up's result rather than in a table by id: fetching it from
    /// there was a cache miss for most occurrences at 10,000 articles.
    payload: P,
}

/// Up to eight bytes of `bytes` from `at` as a little-endian number (zero-padded), and the
/// mask of the bytes that were there.
fn head_at(bytes: &[u8], at: usize) -> (u64, u64) {
    let available = bytes.len().saturating_sub(at).min(8);
    let mut padded = [0u8; 8];
    padded[..available].copy_from_slice(&bytes[at..at + available]);
    let mask = if available == 8 {
        u64::MAX
    } else {
        (1u64 << (available * 8)) - 1
    };
    (u64::from_le_bytes(padded), mask)
}

impl<P: Copy> Patterns<P> {
    /// Indexes `patterns` (normalised, non-empty texts, each with its payload); a pattern's id
    /// is its index in `patterns`.
    pub fn new(patterns: Vec<(String, P)>) -> Self {
        let mut by_first_word: WordMap<Vec<Follower<P>>> = WordMap::default();
        let mut by_first_character: HashMap<char, Vec<(PatternId, P)>> = HashMap::default();
        for (id, (text, payload)) in patterns.iter().enumerate() {
            let payload = *payload;
            let Some(first) = text.chars().next() else {
                continue;
            };
            if is_letter(first) {
                let first_word = text
                    .char_indices()
                    .find(|&(_, character)| !is_letter(character))
                    .map_or(text.len(), |(offset, _)| offset);
                let (rest_head, rest_mask) = head_at(text.as_bytes(), first_word);
                by_first_word.entry(&text[..first_word]).push(Follower {
                    id,
                    rest_head,
                    rest_mask,
                    payload,
                });
            } else {
                by_first_character
                    .entry(first)
                    .or_default()
                    .push((id, payload));
            }
        }
        Patterns {
            texts: patterns
                .into_iter()
                .map(|(text, _)| text.into_boxed_str())
                .collect(),
            by_first_word,
            by_first_character,
        }
    }

    /// The text of a pattern (the search hands over payloads, not texts).
    #[cfg(test)]
    pub fn text(&self, pattern: PatternId) -> &str {
        &self.texts[pattern]
    }

    /// Calls `found(start, pattern)` for every occurrence of a pattern in `text` (whose words
    /// are `words`) that starts at a word's first letter, after a one- or two-letter prefix
    /// that is a proclitic sequence or the lam that fuses with an article, or at a non-letter
    /// that starts a pattern. Whether the occurrence ends at a word boundary is the caller's
    /// to check. Occurrences come in order of start. `found` also learns where the word of a
    /// letter-initial occurrence starts (its prefix before it), `None` for the others, and the
    /// pattern's payload.
    pub fn for_each_occurrence(
        &self,
        text: &str,
        words: &[Word],
        mut found: impl FnMut(usize, Option<usize>, PatternId, P),
    ) {
        let mut next_word = 0;
        if !self.by_first_character.is_empty() {
            for (offset, character) in text.char_indices() {
                if is_letter(character) {
                    continue;
                }
                let Some(ids) = self.by_first_character.get(&character) else {
                    continue;
                };
                while let Some(&word) = words.get(next_word).filter(|word| word.start <= offset) {
                    self.look_up_word(text, word, &mut found);
                    next_word += 1;
                }
                for &(id, payload) in ids {
                    if text.as_bytes()[offset..].starts_with(self.texts[id].as_bytes()) {
                        found(offset, None, id, payload);
                    }
                }
            }
        }
        for &word in &words[next_word..] {
            self.look_up_word(text, word, &mut found);
        }
    }

    /// Reports the letter-initial patterns that occur at `word`'s first letter, or after a
    /// prefix that a mention allows. Proclitic sequences are one or two Arabic letters, so
    /// those prefixes are 2 or 4 bytes long (at most [`MAX_PROCLITIC_BYTES`]).
    fn look_up_word(
        &self,
        text: &str,
        word: Word,
        found: &mut impl FnMut(usize, Option<usize>, PatternId, P),
    ) {
        let letters = &text[word.start..word.end];
        let mut found = |start, id, payload| found(start, Some(word.start), id, payload);
        let found = &mut found;
        self.look_up_at(text, word.start, letters, found);
        for split in [2, MAX_PROCLITIC_BYTES] {
            if split < letters.len() && letters.is_char_boundary(split) {
                let prefix = &letters[..split];
                if is_proclitic_sequence(prefix) || is_lam_fusion_prefix(prefix) {
                    self.look_up_at(text, word.start + split, &letters[split..], found);
                }
            }
        }
    }

    /// Reports the patterns whose first word is `first_word`, found at `start` in `text`,
    /// that the text goes on to match.
    fn look_up_at(
        &self,
        text: &str,
        start: usize,
        first_word: &str,
        found: &mut impl FnMut(usize, PatternId, P),
    ) {
        let Some(followers) = self.by_first_word.get(first_word) else {
            return;
        };
        let bytes = text.as_bytes();
        let rest_at = start + first_word.len();
        let (text_head, _) = head_at(bytes, rest_at);
        for follower in followers {
            if follower.rest_mask == 0 {
                // A one-word pattern: the word itself was the key.
                found(start, follower.id, follower.payload);
            } else if text_head & follower.rest_mask == follower.rest_head
                && bytes[start..].starts_with(self.texts[follower.id].as_bytes())
            {
                found(start, follower.id, follower.payload);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::words::words;

    fn occurrences(patterns: &[&str], text: &str) -> Vec<(usize, String)> {
        let patterns = Patterns::new(patterns.iter().map(|text| (text.to_string(), ())).collect());
        let mut found = Vec::new();
        patterns.for_each_occurrence(text, &words(text), |start, _, id, ()| {
            found.push((start, patterns.text(id).to_owned()));
        });
        found
    }

    #[test]
    fn patterns_are_found_at_word_starts_and_after_proclitics_only() {
        let text = "وبوتين قال لبوتين ثم زبوتين والولايات المتحدة";
        let found = occurrences(&["بوتين", "الولايات المتحدة", "ولايات"], text);
        let expected = [
            (text.find("بوتين").unwrap(), "بوتين"),
            (text.find("لبوتين").unwrap() + 2, "بوتين"),
            (text.find("الولايات").unwrap(), "الولايات المتحدة"),
        ];
        let expected: Vec<(usize, String)> = expected
            .iter()
            .map(|(start, text)| (*start, text.to_string()))
            .collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn a_lam_fused_form_is_found_after_its_lam() {
        let text = "للولايات";
        assert_eq!(occurrences(&["لولايات"], text), [(2, "لولايات".to_string())]);
    }

    #[test]
    fn patterns_starting_with_a_digit_or_sign_are_found_in_text_order() {
        let text = "قبل 11 سبتمبر و«الناتو» بعد 11 سبتمبر";
        let found = occurrences(&["11 سبتمبر", "«الناتو»", "قبل"], text);
        let starts: Vec<usize> = found.iter().map(|(start, _)| *start).collect();
        let mut sorted = starts.clone();
        sorted.sort();
        assert_eq!(starts, sorted);
        assert_eq!(found.len(), 4, "{found:?}");
    }

    #[test]
    fn a_word_longer_than_the_patterns_first_word_does_not_match() {
        assert!(occurrences(&["بوتين"], "بوتينه").is_empty());
        assert!(
            occurrences(&["g7"], "g70").len() == 1,
            "the boundary is the caller's"
        );
    }
}
