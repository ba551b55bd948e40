//! Unconfirmed actors: names the lexicon does not know, proposed from cues in the text.
//!
//! Three cues, tuned for precision (proposing fewer is better than proposing noise):
//! a title or role word followed by 1–3 name words (after modifiers such as الخارجية or
//! باسم الكرملين); a reporting verb followed at once by a name; a run of 1–3 capitalised
//! Latin words inside Arabic text. A name word is none of: a common word, a stop word, a
//! one-word lexicon form, a definite (ال) word, a nisba of a lexicon country. Once proposed, a name
//! also counts where it occurs alone later, in full or by its last word.
//! Imports std and the other `actors` modules.

use std::ops::Range;

use super::clitics::{is_proclitic_sequence, proclitic_sequences};
use super::lexicon::{ActorKind, Lexicon};
use super::normalize::{NormalizedText, normalize};
use super::word_lists::{Cue, CueKind, WordLists};
use super::word_map::{WordMap, filter_bit};
use super::words::{Word, joined_by_space};

/// Most name words a cue may announce.
const MAX_NAME_WORDS: usize = 3;
/// Most modifier words (الخارجية، الروسي، باسم الكرملين) between a title and its name.
const MAX_MODIFIERS: usize = 3;
/// Endings of nisba adjectives and their plurals (روسي، روسية، الروسيين، الروسيون).
const NISBA_ENDINGS: [&str; 4] = ["يين", "يون", "يه", "ي"];

/// A lexicon mention the proposer must leave alone, in normalised coordinates.
#[derive(Clone, Debug)]
pub(crate) struct KnownSpan {
    pub paragraph: usize,
    pub range: Range<usize>,
    pub is_person: bool,
}

/// One occurrence of a proposed name, in normalised coordinates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ProposedSpan {
    pub paragraph: usize,
    pub range: Range<usize>,
    /// The normalised name, its words joined by single spaces.
    pub name: String,
}

/// Proposes unconfirmed actors; built once with the matcher.
#[derive(Clone, Debug)]
pub(crate) struct Proposer {
    word_lists: WordLists,
    /// Cues by their first word, longest first.
    cues_by_first_word: WordMap<Vec<Cue>>,
    /// Those first words, also after each proclitic sequence: the words a cue may start.
    cue_first_words: WordMap<()>,
    /// Lexicon forms of one word (بوتين, a context alias such as عباس): never a name word.
    /// Words of longer forms are not here: a first name shared with a known person (ديفيد in
    /// ديفيد لامي) may still start an unknown name.
    lexicon_words: WordMap<()>,
    /// Every prefix of three characters or more of the words of country names, with and
    /// without the article: a nisba's stem is one (روسي from روسيا).
    country_stems: WordMap<()>,
}

/// One paragraph prepared for proposing: its words and which of them the lexicon took.
struct ParagraphWords<'a> {
    text: &'a str,
    words: &'a [Word],
    /// For each word, whether it lies in a lexicon mention, and whether that mention is a person.
    known: Vec<Option<bool>>,
}

impl ParagraphWords<'_> {
    fn word(&self, index: usize) -> &str {
        self.words[index].text(self.text)
    }

    /// True when words `index - 1` and `index` are separated by a single space only.
    fn joined_to_previous(&self, index: usize) -> bool {
        index > 0
            && index < self.words.len()
            && joined_by_space(self.text, self.words[index - 1], self.words[index])
    }
}

impl Proposer {
    pub fn new(lexicon: &Lexicon, word_lists: &WordLists) -> Self {
        let mut cues_by_first_word: WordMap<Vec<Cue>> = WordMap::default();
        for cue in &word_lists.cues {
            if let Some(first) = cue.words.first() {
                cues_by_first_word.entry(first).push(cue.clone());
            }
        }
        for cues in cues_by_first_word.values_mut() {
            cues.sort_by_key(|cue| std::cmp::Reverse(cue.words.len()));
        }
        let mut cue_first_words = WordMap::default();
        for cue in &word_lists.cues {
            if let Some(first) = cue.words.first() {
                cue_first_words.entry(first);
                for prefix in proclitic_sequences() {
                    cue_first_words.entry(&(prefix + first));
                }
            }
        }
        let mut lexicon_words = WordMap::default();
        let mut country_words = Vec::new();
        for actor in lexicon.actors() {
            let forms = actor
                .strong_forms()
                .chain(actor.context_aliases.iter().map(String::as_str));
            for form in forms {
                let normalized = normalize(form);
                if actor.kind == ActorKind::Country {
                    for word in normalized.split(' ') {
                        country_words.push(word.to_owned());
                        if let Some(bare) = word.strip_prefix("ال") {
                            country_words.push(bare.to_owned());
                        }
                    }
                }
                if !normalized.contains(' ') {
                    lexicon_words.entry(&normalized);
                }
            }
        }
        Proposer {
            word_lists: word_lists.clone(),
            cues_by_first_word,
            cue_first_words,
            lexicon_words,
            country_stems: country_words
                .iter()
                .flat_map(|word| {
                    word.char_indices()
                        .skip(2)
                        .map(move |(offset, character)| &word[..offset + character.len_utf8()])
                })
                .collect(),
        }
    }

    /// Proposes names in an article and returns every occurrence of them that the lexicon did
    /// not already take.
    pub fn propose(
        &self,
        originals: &[&str],
        paragraphs: &[NormalizedText],
        known: &[KnownSpan],
    ) -> Vec<ProposedSpan> {
        // The spans by paragraph and start (as the matcher gives them, so sorting finds one
        // run), each paragraph taking its own in turn instead of filtering all of them.
        let mut spans: Vec<&KnownSpan> = known.iter().collect();
        spans.sort_by_key(|span| (span.paragraph, span.range.start));
        let mut rest = spans.as_slice();
        let prepared: Vec<ParagraphWords> = paragraphs
            .iter()
            .enumerate()
            .map(|(index, paragraph)| {
                let before = rest.partition_point(|span| span.paragraph < index);
                let within = rest[before..].partition_point(|span| span.paragraph == index);
                let own = &rest[before..before + within];
                rest = &rest[before + within..];
                prepare(paragraph.as_str(), paragraph.words(), own)
            })
            .collect();
        let mut names: Vec<Vec<String>> = Vec::new();
        for (index, paragraph) in prepared.iter().enumerate() {
            self.names_after_cues(paragraph, &mut names);
            latin_names(paragraph, originals[index], &paragraphs[index], &mut names);
        }
        self.occurrences(&prepared, keep_longest_names(names))
    }

    /// Names announced by a title or a reporting verb.
    fn names_after_cues(&self, paragraph: &ParagraphWords, names: &mut Vec<Vec<String>>) {
        let mut index = 0;
        while index < paragraph.words.len() {
            let Some(cue) = self.cue_at(paragraph, index) else {
                index += 1;
                continue;
            };
            let after_cue = index + cue.words.len();
            let name = match cue.kind {
                CueKind::Title => self.name_after_title(paragraph, after_cue),
                CueKind::ReportingVerb if self.cue_at(paragraph, after_cue).is_some() => None,
                CueKind::ReportingVerb => self.name_words_from(paragraph, after_cue),
            };
            if let Some(range) = name {
                names.push(range.map(|word| paragraph.word(word).to_owned()).collect());
            }
            index = after_cue;
        }
    }

    /// The longest cue starting at word `index` (its first word may carry a proclitic).
    /// Inlined: it runs for every word, and most calls end at the first look-up.
    #[inline(always)]
    fn cue_at(&self, paragraph: &ParagraphWords, index: usize) -> Option<&Cue> {
        if index >= paragraph.words.len() || paragraph.known[index].is_some() {
            return None;
        }
        let first = paragraph.word(index);
        // One look-up turns away almost every word, instead of one for each bare form.
        if !self.cue_first_words.contains_key(first) {
            return None;
        }
        self.longest_cue_at(paragraph, index, first)
    }

    /// [`cue_at`](Self::cue_at) for a word that may start a cue.
    #[inline(never)]
    fn longest_cue_at<'c>(
        &'c self,
        paragraph: &ParagraphWords,
        index: usize,
        first: &str,
    ) -> Option<&'c Cue> {
        let mut longest: Option<&Cue> = None;
        let consider = |bare: &str| {
            let Some(cues) = self.cues_by_first_word.get(bare) else {
                return;
            };
            for cue in cues {
                let rest_matches =
                    cue.words
                        .iter()
                        .enumerate()
                        .skip(1)
                        .all(|(offset, cue_word)| {
                            let word = index + offset;
                            paragraph.joined_to_previous(word) && paragraph.word(word) == cue_word
                        });
                // The last of the longest, as `max_by_key` chose before.
                if rest_matches && longest.is_none_or(|best| cue.words.len() >= best.words.len()) {
                    longest = Some(cue);
                }
            }
        };
        // Runs for every word.
        for_each_bare_form(first, consider);
        longest
    }

    /// After a title: skip modifiers (definite words, nisbas, باسم, lexicon organisations and
    /// countries), then read the name. A lexicon person after the title means no proposal.
    fn name_after_title(
        &self,
        paragraph: &ParagraphWords,
        mut index: usize,
    ) -> Option<Range<usize>> {
        let mut modifiers = 0;
        while modifiers < MAX_MODIFIERS && paragraph.joined_to_previous(index) {
            match paragraph.known[index] {
                Some(true) => return None,
                Some(false) => {
                    while index < paragraph.words.len() && paragraph.known[index] == Some(false) {
                        index += 1;
                    }
                }
                None => {
                    let word = paragraph.word(index);
                    let is_modifier = word.starts_with("ال")
                        || word == "باسم"
                        || self.is_nisba(word)
                        || (word == "في" && paragraph.known.get(index + 1) == Some(&Some(false)));
                    if !is_modifier {
                        break;
                    }
                    index += 1;
                }
            }
            modifiers += 1;
        }
        self.name_words_from(paragraph, index)
    }

    /// The longest run of 1–3 name words starting at `start`, joined to the word before it,
    /// that ends where a name plausibly ends (punctuation, a common word, a lexicon mention…).
    fn name_words_from(&self, paragraph: &ParagraphWords, start: usize) -> Option<Range<usize>> {
        if !paragraph.joined_to_previous(start) {
            return None;
        }
        let mut end = start;
        while end < paragraph.words.len()
            && end - start < MAX_NAME_WORDS
            && (end == start || paragraph.joined_to_previous(end))
        {
            let after_particle = end > start && is_name_particle(paragraph.word(end - 1));
            // Most names are two words; a third (جي دي فانس، محمد بن سلمان) needs a particle
            // or an initial among the first two, else it is usually the next word of the text.
            let third_allowed = end - start < 2
                || (start..end).any(|word| {
                    is_name_particle(paragraph.word(word))
                        || paragraph.word(word).chars().count() <= 2
                });
            if !third_allowed || !self.is_name_word(paragraph, end, after_particle) {
                break;
            }
            end += 1;
        }
        (start + 1..=end)
            .rev()
            .find(|&candidate_end| {
                paragraph.word(candidate_end - 1).chars().count() >= 3
                    && self.ends_name(paragraph, candidate_end)
            })
            .map(|candidate_end| start..candidate_end)
    }

    /// True when word `index` can be part of an Arabic-script name; after a particle (عبد،
    /// أبو، بن) a definite word is a name too (عبد الله).
    fn is_name_word(&self, paragraph: &ParagraphWords, index: usize, after_particle: bool) -> bool {
        let word = paragraph.word(index);
        paragraph.known[index].is_none()
            && word.chars().count() >= 2
            && word.chars().all(is_arabic_letter)
            && !any_bare_form(word, |bare| {
                (bare.starts_with("ال") && !(after_particle && bare == word))
                    || self.lexicon_words.contains_key(bare)
                    || self.cues_by_first_word.contains_key(bare)
            })
            && !word.starts_with("لل")
            && !self.word_lists.is_common_word(word)
            && !self.word_lists.is_stop_word(word)
            && !self.is_nisba(word)
    }

    /// True when a name ending before word `index` is followed by a plausible name end.
    fn ends_name(&self, paragraph: &ParagraphWords, index: usize) -> bool {
        if index >= paragraph.words.len() || !paragraph.joined_to_previous(index) {
            return true;
        }
        let next = paragraph.word(index);
        if let Some(is_person) = paragraph.known[index] {
            // Words right before a known person are a title or a first name, not a new actor.
            return !is_person;
        }
        next.starts_with("ال")
            || self.word_lists.is_common_word(next)
            || self.word_lists.is_stop_word(next)
            || self.cue_at(paragraph, index).is_some()
    }

    /// True for a nisba adjective of a lexicon country (روسي، الأوكرانية، الأمريكيين).
    fn is_nisba(&self, word: &str) -> bool {
        let bare = word.strip_prefix("ال").unwrap_or(word);
        [word, bare].into_iter().any(|form| {
            NISBA_ENDINGS.iter().any(|ending| {
                form.strip_suffix(ending).is_some_and(|stem| {
                    stem.chars().count() >= 3 && self.country_stems.contains_key(stem)
                })
            })
        })
    }

    /// Every occurrence of the proposed names, in full or by last word, outside lexicon
    /// mentions; longer forms first so a full name is never split.
    fn occurrences(
        &self,
        paragraphs: &[ParagraphWords],
        names: Vec<Vec<String>>,
    ) -> Vec<ProposedSpan> {
        let mut forms: Vec<(Vec<String>, String)> = Vec::new();
        for name in names {
            let id = name.join(" ");
            if let [_, .., last] = name.as_slice()
                && last.chars().count() >= 3
                && !self.word_lists.is_common_word(last)
            {
                forms.push((vec![last.clone()], id.clone()));
            }
            forms.push((name, id));
        }
        forms.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));

        let mut spans = Vec::new();
        if forms.is_empty() {
            return spans;
        }
        // The forms' first words, each with a slot for where it stands in a paragraph. Every
        // word of the article is looked up (with its bare forms): an article proposes a few
        // names, so a 64-bit filter turns most words away and the rest are compared with
        // those few words (a `WordMap` per article allocated and cleared an 8 KiB filter).
        let mut first_words = FirstWords::default();
        let form_slots: Vec<usize> = forms
            .iter()
            .map(|(words, _)| first_words.slot(&words[0]))
            .collect();
        let slots = first_words.words.len();
        let mut starts_by_slot: Vec<Vec<usize>> = vec![Vec::new(); slots];
        for (paragraph_index, paragraph) in paragraphs.iter().enumerate() {
            let mut claimed: Vec<bool> = paragraph.known.iter().map(Option::is_some).collect();
            // Where the forms' first words stand, by a word's bare forms: looked up once per
            // word instead of comparing every form with every word (forms × words was most of
            // the time on articles with many proposals). Positions come out in text order.
            starts_by_slot.iter_mut().for_each(Vec::clear);
            for index in 0..paragraph.words.len() {
                for_each_bare_form(paragraph.word(index), |bare| {
                    if let Some(slot) = first_words.get(bare) {
                        starts_by_slot[slot].push(index);
                    }
                });
            }
            for ((form, name), &slot) in forms.iter().zip(&form_slots) {
                for &start in &starts_by_slot[slot] {
                    let end = start + form.len();
                    if end > paragraph.words.len() || claimed[start..end].iter().any(|&c| c) {
                        continue;
                    }
                    let rest_matches = (start + 1..end).all(|word| {
                        paragraph.joined_to_previous(word)
                            && paragraph.word(word) == form[word - start]
                    });
                    if rest_matches {
                        claimed[start..end].fill(true);
                        spans.push(ProposedSpan {
                            paragraph: paragraph_index,
                            range: paragraph.words[start].start..paragraph.words[end - 1].end,
                            name: name.clone(),
                        });
                    }
                }
            }
        }
        spans
    }
}

/// The distinct first words of an article's proposed forms, each a slot (its index), with a
/// 64-bit filter (the [`WordMap`] filter bit, modulo 64) in front of them.
#[derive(Default)]
struct FirstWords<'a> {
    filter: u64,
    words: Vec<&'a str>,
}

impl<'a> FirstWords<'a> {
    /// The slot of `word`, added if it has none.
    fn slot(&mut self, word: &'a str) -> usize {
        if let Some(slot) = self.get(word) {
            return slot;
        }
        self.filter |= 1 << (filter_bit(word) % 64);
        self.words.push(word);
        self.words.len() - 1
    }

    #[inline(always)]
    fn get(&self, word: &str) -> Option<usize> {
        if self.filter & (1 << (filter_bit(word) % 64)) == 0 {
            return None;
        }
        self.words.iter().position(|first| *first == word)
    }
}

/// `spans`: the paragraph's lexicon mentions, in order of start.
fn prepare<'a>(text: &'a str, words: &'a [Word], spans: &[&KnownSpan]) -> ParagraphWords<'a> {
    if spans.is_empty() {
        return ParagraphWords {
            text,
            words,
            known: vec![None; words.len()],
        };
    }
    // Words and spans both in text order: one pass instead of every span for every word.
    // Spans never overlap (the matcher resolved them), so the first span that has not ended
    // before a word is the only one that can overlap it.
    let mut next = 0;
    let known = words
        .iter()
        .map(|word| {
            while spans
                .get(next)
                .is_some_and(|span| span.range.end <= word.start)
            {
                next += 1;
            }
            spans
                .get(next)
                .filter(|span| span.range.start < word.end)
                .map(|span| span.is_person)
        })
        .collect();
    ParagraphWords { text, words, known }
}

/// Runs of 1–3 capitalised Latin words, joined by spaces, standing alone inside Arabic text.
fn latin_names(
    paragraph: &ParagraphWords,
    original: &str,
    normalized: &NormalizedText,
    names: &mut Vec<Vec<String>>,
) {
    let is_latin = |index: usize| paragraph.word(index).chars().all(is_latin_letter);
    if !(0..paragraph.words.len()).any(|index| !is_latin(index)) {
        return;
    }
    let is_capitalised = |index: usize| {
        let start = normalized
            .original_range(paragraph.words[index].range())
            .start;
        original[start..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    };
    let mut start = 0;
    while start < paragraph.words.len() {
        if !is_latin(start) {
            start += 1;
            continue;
        }
        let mut end = start + 1;
        while end < paragraph.words.len() && is_latin(end) {
            end += 1;
        }
        let all_joined = (start + 1..end).all(|index| paragraph.joined_to_previous(index));
        let long_enough = end - start > 1 || paragraph.word(start).chars().count() >= 2;
        if end - start <= MAX_NAME_WORDS
            && all_joined
            && long_enough
            && (start..end).all(|index| paragraph.known[index].is_none() && is_capitalised(index))
        {
            names.push(
                (start..end)
                    .map(|index| paragraph.word(index).to_owned())
                    .collect(),
            );
        }
        start = end;
    }
}

/// Drops duplicates and names that are a contiguous part of a longer proposed name (their
/// occurrences are still found through the longer name's last word).
fn keep_longest_names(mut names: Vec<Vec<String>>) -> Vec<Vec<String>> {
    names.sort_by_key(|name| std::cmp::Reverse(name.len()));
    let mut kept: Vec<Vec<String>> = Vec::new();
    for name in names {
        let is_part = kept.iter().any(|longer| {
            longer
                .windows(name.len())
                .any(|window| window == name.as_slice())
        });
        if !is_part {
            kept.push(name);
        }
    }
    kept
}

/// Words that join the parts of a name (normalised): عبد الله، أبو مازن، محمد بن سلمان.
fn is_name_particle(word: &str) -> bool {
    matches!(
        word,
        "عبد" | "ابو" | "ابي" | "بن" | "ابن" | "بنت" | "ام" | "ذو"
    )
}

/// Calls `found` with the word itself, then the word without each leading proclitic
/// sequence it has. Proclitic sequences are one or two two-byte letters: the splits at bytes
/// 2 and 4 that leave a non-empty rest are tried without decoding characters. Plain loops, no
/// iterator adaptors: this runs for every word of every article, and an iterator over an
/// array of options cost more than the filtered look-ups these forms feed.
#[inline(always)]
fn for_each_bare_form<'a>(word: &'a str, mut found: impl FnMut(&'a str)) {
    found(word);
    for split in [2, 4] {
        if split < word.len()
            && word.is_char_boundary(split)
            && is_proclitic_sequence(&word[..split])
        {
            found(&word[split..]);
        }
    }
}

/// True when `test` holds for one of the forms [`for_each_bare_form`] gives.
fn any_bare_form(word: &str, test: impl Fn(&str) -> bool) -> bool {
    let mut any = false;
    for_each_bare_form(word, |bare| any = any || test(bare));
    any
}

fn is_arabic_letter(character: char) -> bool {
    matches!(character, '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06FA}'..='\u{06FF}')
}

fn is_latin_letter(character: char) -> bool {
    character.is_ascii_alphabetic() || matches!(character, '\u{00C0}'..='\u{024F}')
}

#[cfg(test)]
mod tests {
    use crate::actors::{Lexicon, Matcher};

    const LEXICON: &str = r#"{ "actors": [
        { "id": "vladimir-putin", "kind": "person", "name": {"ar": "فلاديمير بوتين"},
          "aliases": ["بوتين"] },
        { "id": "keir-starmer", "kind": "person", "name": {"ar": "كير ستارمر"},
          "context_aliases": ["كير"] },
        { "id": "russia", "kind": "country", "name": {"ar": "روسيا"} },
        { "id": "canada", "kind": "country", "name": {"ar": "كندا"} },
        { "id": "united-kingdom", "kind": "country", "name": {"ar": "المملكة المتحدة"} },
        { "id": "kremlin", "kind": "organization", "name": {"ar": "الكرملين"} },
        { "id": "the-guardian", "kind": "organization", "name": {"en": "The Guardian"} }
    ] }"#;

    /// Proposed ids with their mention texts, for an article of the given paragraphs.
    fn proposed(paragraphs: &[&str]) -> Vec<(String, Vec<String>)> {
        let lexicon = Lexicon::from_json("inline", LEXICON).expect("valid lexicon");
        let matcher = Matcher::new(&lexicon);
        let actors = matcher.find(paragraphs);
        assert!(actors.proposed.iter().all(|group| !group.confirmed));
        assert!(actors.confirmed.iter().all(|group| group.confirmed));
        actors
            .proposed
            .iter()
            .map(|group| {
                let texts = group.mentions.iter().map(|m| m.text.clone()).collect();
                (group.actor.id(&lexicon), texts)
            })
            .collect()
    }

    fn expected(id: &str, texts: &[&str]) -> Vec<(String, Vec<String>)> {
        vec![(id.to_owned(), texts.iter().map(|t| t.to_string()).collect())]
    }

    #[test]
    fn a_title_then_unknown_name_words_is_a_proposal() {
        let cases = [
            (
                "وقال وزير الخارجية الكندي مايلاني جولي إن",
                "?مايلاني جولي",
                "مايلاني جولي",
            ),
            (
                "وقال المتحدث باسم الكرملين ديمتري بيسكوف إن",
                "?ديمتري بيسكوف",
                "ديمتري بيسكوف",
            ),
            (
                "قال وزير الخارجية في المملكة المتحدة ديفيد لامي إن",
                "?ديفيد لامي",
                "ديفيد لامي",
            ),
            (
                "والتقى نائب الرئيس جي دي فانس يوم الجمعة",
                "?جي دي فانس",
                "جي دي فانس",
            ),
            (
                "واستقبل الأمير محمد بن سلمان في الرياض",
                "?محمد بن سلمان",
                "محمد بن سلمان",
            ),
            ("قال الملك عبد الله في", "?عبد الله", "عبد الله"),
            ("أخبر الرئيس ماكرون نظيره الألماني", "?ماكرون", "ماكرون"),
        ];
        for (text, id, mention) in cases {
            assert_eq!(proposed(&[text]), expected(id, &[mention]), "{text}");
        }
    }

    #[test]
    fn a_reporting_verb_then_a_name_is_a_proposal() {
        assert_eq!(
            proposed(&["وقال أوشاكوف إنه", "وأكد لافروف: لا"]),
            [
                ("?اوشاكوف".to_owned(), vec!["أوشاكوف".to_owned()]),
                ("?لافروف".to_owned(), vec!["لافروف".to_owned()])
            ]
        );
    }

    #[test]
    fn cues_followed_by_known_or_common_words_propose_nothing() {
        let cases = [
            "قال الرئيس الروسي فلاديمير بوتين إن",
            "قال السير كير ستارمر إن",
            "قال إن المحادثات مستمرة",
            "قال المسؤولون إن",
            "وقال مسؤول في الكرملين",
            "وأضاف بيانه أن",
            "قال الرئيس إنه",
            "رئيس روسي سابق",
            "قال كيف يمكن",
        ];
        for text in cases {
            assert_eq!(proposed(&[text]), [], "{text}");
        }
    }

    #[test]
    fn a_first_name_shared_with_a_known_person_may_start_a_proposal() {
        assert_eq!(
            proposed(&["قال الوزير فلاديمير سميث إن"]),
            expected("?فلاديمير سميث", &["فلاديمير سميث"])
        );
    }

    #[test]
    fn a_context_alias_is_never_proposed() {
        assert_eq!(proposed(&["قال السير كير إن"]), []);
    }

    #[test]
    fn an_unclear_name_end_proposes_nothing() {
        // The word after the candidate name is neither punctuation nor a known or common word.
        assert_eq!(proposed(&["قال وظيفة بوتين الاجتماعية"]), []);
        assert_eq!(proposed(&["قال الرئيس ماكرون زار برلين"]), []);
    }

    #[test]
    fn capitalised_latin_words_inside_arabic_are_proposals() {
        assert_eq!(
            proposed(&["في مقابلة مع Financial Times التي نشرت"]),
            expected("?financial times", &["Financial Times"])
        );
        assert_eq!(proposed(&["في مقابلة مع The Guardian التي نشرت"]), []);
        assert_eq!(proposed(&["وقال على X."]), []);
        assert_eq!(proposed(&["Exit mobile version"]), []);
        assert_eq!(proposed(&["كتب the times أن"]), []);
        // A list broken by punctuation is not one name; a lone acronym is.
        assert_eq!(
            proposed(&["نقلت Reuters, AP و AFP"]),
            expected("?afp", &["AFP"])
        );
    }

    #[test]
    fn a_proposed_name_counts_its_later_occurrences_alone() {
        assert_eq!(
            proposed(&[
                "قال وزير الدفاع بيت هيغسيث إن",
                "وكان خطاب هيغسيث قاسيا، ولهيغسيث رأي. بيت هيغسيث",
            ]),
            expected(
                "?بيت هيغسيث",
                &["بيت هيغسيث", "هيغسيث", "ولهيغسيث", "بيت هيغسيث"]
            )
        );
    }

    #[test]
    fn a_proposed_name_is_shown_as_the_article_writes_it_in_full() {
        let lexicon = Lexicon::from_json("inline", LEXICON).expect("valid lexicon");
        let matcher = Matcher::new(&lexicon);
        let paragraphs = [
            // Part of the name with a proclitic, before the whole name: not how to show it.
            "ولهيغسيث رأي.",
            "قال وزير الدفاع بيت هيغسيث إن",
            "في مقابلة مع Financial Times التي نشرت",
            "وقال أوشاكوف إنه",
            "وقال المتحدث باسم الكرملين أسامة حمزة إن",
        ];
        for actors in [matcher.find(&paragraphs), matcher.find_counts(&paragraphs)] {
            let mut shown: Vec<(String, Option<&str>)> = actors
                .proposed
                .iter()
                .map(|group| (group.actor.id(&lexicon), group.proposed_display()))
                .collect();
            shown.sort();
            assert_eq!(
                shown,
                [
                    ("?financial times".to_owned(), Some("Financial Times")),
                    ("?اسامه حمزه".to_owned(), Some("أسامة حمزة")),
                    ("?اوشاكوف".to_owned(), Some("أوشاكوف")),
                    ("?بيت هيغسيث".to_owned(), Some("بيت هيغسيث")),
                ]
            );
        }
    }

    #[test]
    fn a_shorter_proposal_inside_a_longer_one_is_merged_into_it() {
        assert_eq!(
            proposed(&["قال هيغسيث إن", "قال الوزير بيت هيغسيث إن"]),
            expected("?بيت هيغسيث", &["هيغسيث", "بيت هيغسيث"])
        );
    }

    #[test]
    fn first_words_give_one_slot_per_distinct_word_and_turn_others_away() {
        let mut first_words = super::FirstWords::default();
        let words = ["فانس", "لامي", "Khan", "فانس", "ديفيد"];
        let slots: Vec<usize> = words.iter().map(|word| first_words.slot(word)).collect();
        assert_eq!(slots, [0, 1, 2, 0, 3]);
        for (word, slot) in words.iter().zip(&slots) {
            assert_eq!(first_words.get(word), Some(*slot), "{word}");
        }
        for other in ["فانسي", "لام", "khan", "", "وفانس"] {
            assert_eq!(first_words.get(other), None, "{other}");
        }
    }
}
