//! The word lists kept as data beside the lexicon: stop words (never a mention), common words
//! (never a proposed name) and the cues that announce a name. Owns their plain-text format:
//! one entry per line, `#` comments, `[section]` headers in the cue file. Imports only std.

use rustc_hash::FxHashSet as HashSet;

use super::clitics::is_proclitic_sequence;
use super::normalize::normalize;

const STOP_WORDS: &str = include_str!("../../assets/actors/stopwords.txt");
const COMMON_WORDS: &str = include_str!("../../assets/actors/common_words.txt");
const CUES: &str = include_str!("../../assets/actors/cues.txt");

/// What a cue announces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CueKind {
    /// A title or role word (الرئيس، وزير الخارجية): modifiers may stand before the name.
    Title,
    /// A reporting verb (قال، أكد): the name follows at once.
    ReportingVerb,
}

/// A cue as a sequence of normalised words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Cue {
    pub words: Vec<String>,
    pub kind: CueKind,
}

/// The built-in word lists, normalised.
#[derive(Clone, Debug)]
pub(crate) struct WordLists {
    pub stop_words: HashSet<String>,
    pub common_words: HashSet<String>,
    pub cues: Vec<Cue>,
}

impl WordLists {
    /// The texts the lists are built from, for fingerprints.
    pub const SOURCES: [&str; 3] = [STOP_WORDS, COMMON_WORDS, CUES];

    pub fn built_in() -> Self {
        WordLists {
            stop_words: entries(STOP_WORDS).map(|(_, entry)| entry).collect(),
            common_words: entries(COMMON_WORDS).map(|(_, entry)| entry).collect(),
            cues: parse_cues(CUES),
        }
    }

    /// True for a stop word, with or without a proclitic before it.
    pub fn is_stop_word(&self, word: &str) -> bool {
        contains_with_optional_proclitic(&self.stop_words, word)
    }

    /// True for a common word, with or without a proclitic before it and a possessive pronoun
    /// after it (بيانه، ورسالتها: taa marbuta is written ت before a suffix).
    pub fn is_common_word(&self, word: &str) -> bool {
        if contains_with_optional_proclitic(&self.common_words, word) {
            return true;
        }
        PRONOUN_SUFFIXES.iter().any(|suffix| {
            word.strip_suffix(suffix).is_some_and(|stem| {
                stem.chars().count() >= 2
                    && (contains_with_optional_proclitic(&self.common_words, stem)
                        || stem.strip_suffix('ت').is_some_and(|bare| {
                            contains_with_optional_proclitic(
                                &self.common_words,
                                &format!("{bare}ه"),
                            )
                        }))
            })
        })
    }
}

/// Possessive pronoun suffixes, normalised (ـه، ـها، ـهم، ـهما، ـنا، ـكم).
const PRONOUN_SUFFIXES: [&str; 6] = ["هما", "هم", "ها", "ه", "نا", "كم"];

/// True when `word`, or `word` with a leading proclitic sequence removed, is in `set`.
fn contains_with_optional_proclitic(set: &HashSet<String>, word: &str) -> bool {
    if set.contains(word) {
        return true;
    }
    word.char_indices()
        .skip(1)
        .take(2)
        .any(|(split, _)| is_proclitic_sequence(&word[..split]) && set.contains(&word[split..]))
}

/// Non-comment, non-empty lines, normalised, with the section they are in.
fn entries(text: &str) -> impl Iterator<Item = (Option<&str>, String)> {
    let mut section = None;
    text.lines().filter_map(move |line| {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return None;
        }
        if let Some(name) = line
            .strip_prefix('[')
            .and_then(|rest| rest.strip_suffix(']'))
        {
            section = Some(name);
            return None;
        }
        Some((section, normalize(line)))
    })
}

fn parse_cues(text: &str) -> Vec<Cue> {
    entries(text)
        .filter_map(|(section, entry)| {
            let kind = match section {
                Some("title") => CueKind::Title,
                Some("verb") => CueKind::ReportingVerb,
                _ => return None,
            };
            let words = entry.split(' ').map(str::to_owned).collect();
            Some(Cue { words, kind })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cue_line_is_in_a_known_section() {
        let lines = entries(CUES).count();
        assert_eq!(WordLists::built_in().cues.len(), lines);
    }

    #[test]
    fn lists_are_normalised_when_loaded() {
        let lists = WordLists::built_in();
        assert!(lists.common_words.contains("الي"));
        assert!(
            lists
                .cues
                .iter()
                .any(|cue| cue.words == ["وزير", "الخارجيه"])
        );
        assert!(
            lists
                .cues
                .iter()
                .any(|cue| cue.words == ["اكد"] && cue.kind == CueKind::ReportingVerb)
        );
    }

    #[test]
    fn a_proclitic_before_a_listed_word_is_recognised() {
        let lists = WordLists::built_in();
        assert!(lists.is_stop_word("كيف"));
        assert!(lists.is_stop_word("وكيف"));
        assert!(!lists.is_stop_word("كييف"));
        assert!(lists.is_common_word("وفي"));
        assert!(lists.is_common_word("بيانه"));
        assert!(lists.is_common_word("ورسالتها"));
        assert!(!lists.is_common_word("ويتكوف"));
    }

    #[test]
    fn comments_and_blank_lines_are_skipped() {
        let parsed: Vec<_> = entries("# note\n\n[title]\nالرئيس\n").collect();
        assert_eq!(parsed, [(Some("title"), String::from("الرئيس"))]);
    }
}
