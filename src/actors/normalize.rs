//! Arabic-aware text normalisation for matching, with a byte map back to the original text.
//!
//! Owns the folding rules (see `assets/actors/SCHEMA.md`): harakat, tatweel and invisible
//! format marks are dropped; alef forms, alef maqsura, taa marbuta and the Persian yeh and
//! keheh are folded; Latin is lowercased; every run of whitespace becomes one space. Digits,
//! Arabic-Indic digits included, are kept as written. The same pass finds the words of the
//! normalised text. Imports std and `words`.

use std::ops::Range;
use std::sync::LazyLock;

use super::words::{Word, is_letter};

/// A normalised copy of a text, remembering where each normalised byte came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NormalizedText {
    text: String,
    /// The byte map, as the points where it changes: from `normalized` on (until the next
    /// shift), a normalised character boundary `n` came from original offset `n + delta`. One
    /// shift more maps the end of the text to the end of the original. Most characters
    /// normalise to themselves, so this holds a few entries per paragraph where a map of every
    /// byte held four bytes per byte (a quarter of the time `sahifa list` spent normalising).
    shifts: Vec<Shift>,
    /// The words (runs of letters) of `text`, in order.
    words: Vec<Word>,
}

/// Where the byte map's offset changes: from `normalized` on, original = normalised + `delta`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Shift {
    normalized: u32,
    delta: i64,
}

/// Builds the shifts of a [`NormalizedText`] as characters are emitted.
struct ShiftRecorder {
    shifts: Vec<Shift>,
}

impl ShiftRecorder {
    /// Records that normalised offset `normalized` (a character boundary) came from original
    /// offset `original`; every following byte continues from there until the next record.
    fn record(&mut self, normalized: usize, original: usize) {
        let delta = original as i64 - normalized as i64;
        if self.shifts.last().is_some_and(|last| last.delta == delta) {
            return;
        }
        let normalized = to_u32(normalized);
        match self.shifts.last_mut() {
            // Nothing was emitted since the last shift (a dropped character): replace it.
            Some(last) if last.normalized == normalized => last.delta = delta,
            _ => self.shifts.push(Shift { normalized, delta }),
        }
    }
}

/// Finds the runs of letters of the normalised text as its characters are emitted.
#[derive(Default)]
struct WordTracker {
    words: Vec<Word>,
    start: Option<usize>,
}

impl WordTracker {
    /// A character at normalised offset `at`, a letter or not.
    fn character(&mut self, at: usize, letter: bool) {
        match (letter, self.start) {
            (true, None) => self.start = Some(at),
            (false, Some(start)) => {
                self.words.push(Word { start, end: at });
                self.start = None;
            }
            _ => {}
        }
    }
}

/// The normalised text being written, with its byte map and its words.
struct Emitter {
    text: String,
    shifts: ShiftRecorder,
    words: WordTracker,
}

impl Emitter {
    /// Appends a character produced by the original character at `original`.
    fn push(&mut self, character: char, original: usize) {
        self.shifts.record(self.text.len(), original);
        self.words.character(self.text.len(), is_letter(character));
        self.text.push(character);
    }

    /// Appends a run of original text that starts at `original` and normalises to itself
    /// (its words were tracked while it was scanned).
    fn copy(&mut self, run: &str, original: usize) {
        if !run.is_empty() {
            self.shifts.record(self.text.len(), original);
            self.text.push_str(run);
        }
    }
}

/// Class bits of a character: it normalises to itself, it is a letter.
const KEPT: u8 = 1;
const LETTER: u8 = 2;

/// The classes of the characters below U+0800 (Latin, Hebrew, Arabic), looked up once per
/// character instead of matching ranges twice.
static CLASSES: LazyLock<[u8; 0x800]> = LazyLock::new(|| {
    let mut classes = [0; 0x800];
    for (code, class) in classes.iter_mut().enumerate() {
        if let Some(character) = char::from_u32(code as u32) {
            *class = class_by_rules(character);
        }
    }
    classes
});

fn class_by_rules(character: char) -> u8 {
    let mut class = 0;
    if is_kept_as_is(character) {
        class |= KEPT;
    }
    if is_letter(character) {
        class |= LETTER;
    }
    class
}

impl NormalizedText {
    /// Normalises `original` and records the byte map and the words.
    pub fn new(original: &str) -> Self {
        let classes: &[u8; 0x800] = &CLASSES;
        let mut out = Emitter {
            text: String::with_capacity(original.len()),
            // A few shifts per paragraph (the first, one per dropped or folded run).
            shifts: ShiftRecorder {
                shifts: Vec::with_capacity(8),
            },
            // About one word per six bytes of Arabic: rarely grown.
            words: WordTracker {
                words: Vec::with_capacity(original.len() / 6),
                start: None,
            },
        };
        // Characters that normalise to themselves are copied in runs, not one by one: in
        // Arabic news almost every character is one.
        let mut run_start = 0;
        let mut previous_was_space = false;
        let bytes = original.as_bytes();
        let mut offset = 0;
        while offset < bytes.len() {
            // One- and two-byte characters (Latin, Arabic, Hebrew) are decoded here.
            let lead = bytes[offset];
            let (character, width) = if lead < 0x80 {
                (char::from(lead), 1)
            } else if lead < 0xE0 {
                let code = (u32::from(lead) & 0x1F) << 6 | (u32::from(bytes[offset + 1]) & 0x3F);
                (
                    char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER),
                    2,
                )
            } else {
                let character = original[offset..].chars().next().unwrap_or_default();
                (character, character.len_utf8())
            };
            let class = match classes.get(character as usize) {
                Some(&class) => class,
                None => class_by_rules(character),
            };
            // A space after anything but whitespace is kept as it is too: it is the commonest
            // character that is not a letter, and breaking the run at each one cost more than
            // the rest of normalising.
            let single_space = lead == b' ' && !previous_was_space;
            if class & KEPT != 0 || single_space {
                let at = out.text.len() + (offset - run_start);
                let letter = class & LETTER != 0;
                out.words.character(at, letter);
                previous_was_space = single_space;
                offset += width;
                if letter {
                    // The rest of the word: nothing changes while letters are kept as they
                    // are, so they are skipped without tracking each one; a single space and
                    // the next word's first letter are taken here too.
                    loop {
                        offset = skip_kept_letters(bytes, offset, classes);
                        if bytes.get(offset) != Some(&b' ') {
                            break;
                        }
                        let Some(width) = kept_letter_width(bytes, offset + 1, classes) else {
                            break;
                        };
                        let at = out.text.len() + (offset - run_start);
                        out.words.character(at, false);
                        out.words.character(at + 1, true);
                        offset += 1 + width;
                    }
                    previous_was_space = false;
                }
                continue;
            }
            out.copy(&original[run_start..offset], run_start);
            run_start = offset + width;
            if character.is_whitespace() {
                if !previous_was_space {
                    out.push(' ', offset);
                }
                previous_was_space = true;
            } else {
                previous_was_space = false;
                push_folded(character, offset, &mut out);
            }
            offset += width;
        }
        out.copy(&original[run_start..], run_start);
        let end = out.text.len();
        out.shifts.record(end, original.len());
        out.words.character(end, false);
        NormalizedText {
            text: out.text,
            shifts: out.shifts.shifts,
            words: out.words.words,
        }
    }

    /// The normalised text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The words of the normalised text: maximal runs of letters, in order.
    pub(crate) fn words(&self) -> &[Word] {
        &self.words
    }

    /// Maps a byte range of the normalised text back to the original text.
    ///
    /// The end maps to the start of the next kept character, so marks that follow the last
    /// letter of a match (a harakah, a tatweel) stay inside the original span.
    pub fn original_range(&self, normalized: Range<usize>) -> Range<usize> {
        let start = self.original_offset(normalized.start);
        let end = self.original_offset(normalized.end);
        start..end.max(start)
    }

    /// The original offset of a normalised character boundary (the text's length maps to the
    /// original's length; offsets beyond it are clamped to it).
    fn original_offset(&self, normalized: usize) -> usize {
        let normalized = normalized.min(self.text.len());
        let index = self
            .shifts
            .partition_point(|shift| shift.normalized as usize <= normalized);
        // The first shift is at 0 and the last at the text's length: `index` is at least 1.
        let delta = self.shifts[index.saturating_sub(1)].delta;
        (normalized as i64 + delta) as usize
    }
}

/// Normalises a text without keeping the byte map (lexicon forms, word lists), and trims it.
pub fn normalize(original: &str) -> String {
    let mut text = NormalizedText::new(original.trim()).text;
    text.truncate(text.trim_end().len());
    text
}

/// True for characters that normalise to themselves (the fast path of
/// [`NormalizedText::new`]); must agree with [`push_folded`] and the whitespace rule.
fn is_kept_as_is(character: char) -> bool {
    match character {
        _ if character.is_ascii() => {
            !character.is_ascii_uppercase()
                && !character.is_ascii_whitespace()
                && character != '\u{0B}'
        }
        '\u{0590}'..='\u{08FF}' => {
            !is_ignored(character)
                && !matches!(character, 'أ' | 'إ' | 'آ' | 'ٱ' | 'ى' | 'ة' | 'ی' | 'ک')
        }
        _ => false,
    }
}

/// The offset of the first character at or after `offset` that is not a letter kept as it
/// is (the end of a word's unchanged letters). Only one- and two-byte characters are looked
/// at; anything longer ends the run and takes the general path.
#[inline(always)]
fn skip_kept_letters(bytes: &[u8], mut offset: usize, classes: &[u8; 0x800]) -> usize {
    const KEPT_LETTER: u8 = KEPT | LETTER;
    while let Some(&lead) = bytes.get(offset) {
        if lead < 0x80 {
            if classes[usize::from(lead)] != KEPT_LETTER {
                break;
            }
            offset += 1;
        } else if lead < 0xE0 {
            // A two-byte lead in a `str` is always followed by its continuation byte.
            let Some(&next) = bytes.get(offset + 1) else {
                break;
            };
            let code = (usize::from(lead) & 0x1F) << 6 | (usize::from(next) & 0x3F);
            if classes[code] != KEPT_LETTER {
                break;
            }
            offset += 2;
        } else {
            break;
        }
    }
    offset
}

/// The length of the character at `offset` if it is a letter kept as it is (of one or two
/// bytes), else `None`.
#[inline(always)]
fn kept_letter_width(bytes: &[u8], offset: usize, classes: &[u8; 0x800]) -> Option<usize> {
    const KEPT_LETTER: u8 = KEPT | LETTER;
    let lead = *bytes.get(offset)?;
    if lead < 0x80 {
        (classes[usize::from(lead)] == KEPT_LETTER).then_some(1)
    } else if lead < 0xE0 {
        let next = *bytes.get(offset + 1)?;
        let code = (usize::from(lead) & 0x1F) << 6 | (usize::from(next) & 0x3F);
        (classes[code] == KEPT_LETTER).then_some(2)
    } else {
        None
    }
}

/// Offsets fit in 32 bits: the store refuses files over 1 GiB.
fn to_u32(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// Appends the normalised form of one character found at original `offset` (possibly nothing,
/// possibly several characters, each mapped back to `offset`).
fn push_folded(character: char, offset: usize, out: &mut Emitter) {
    if is_ignored(character) {
        return;
    }
    let mut push = |folded: char| out.push(folded, offset);
    match character {
        'أ' | 'إ' | 'آ' | 'ٱ' => push('ا'),
        'ى' => push('ي'),
        'ة' => push('ه'),
        'ی' => push('ي'),
        'ک' => push('ك'),
        _ if character.is_ascii() => push(character.to_ascii_lowercase()),
        // Hebrew to Arabic Extended-A have no letter case; skip the table lookup for them.
        '\u{0590}'..='\u{08FF}' => push(character),
        _ if character.is_uppercase() => character.to_lowercase().for_each(push),
        _ => push(character),
    }
}

/// Characters that do not change which word is written: harakat and Quranic marks, tatweel,
/// and invisible format marks (joiners and direction marks) that editors scatter inside words.
fn is_ignored(character: char) -> bool {
    matches!(character,
        '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{0640}'
        | '\u{200B}'..='\u{200F}'
        | '\u{061C}'
        | '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::words::words;

    fn emitter() -> Emitter {
        Emitter {
            text: String::new(),
            shifts: ShiftRecorder { shifts: Vec::new() },
            words: WordTracker::default(),
        }
    }

    #[test]
    fn the_fast_path_keeps_only_characters_that_fold_to_themselves() {
        for character in (0..0x3000).filter_map(char::from_u32) {
            if is_kept_as_is(character) {
                let mut out = emitter();
                push_folded(character, 0, &mut out);
                let folded = out.text;
                assert_eq!(folded, character.to_string(), "U+{:04X}", character as u32);
                assert!(!character.is_whitespace(), "U+{:04X}", character as u32);
            }
        }
    }

    /// The shifts against a map of every character built one character at a time, on
    /// generated articles and on folds that change a character's length.
    #[test]
    fn shifts_agree_with_a_map_of_every_character() {
        let corpus = crate::corpus::Corpus::new(11);
        let mut texts: Vec<String> = (0..20).map(|index| corpus.article(index)).collect();
        texts.push("  İstanbul\tوَ  أحمد\u{200F} ـــ ÉMILE ".to_string());
        texts.push("\u{064E}\u{064E}".to_string());
        for original in texts.iter().flat_map(|text| text.lines()) {
            let normalized = NormalizedText::new(original);
            // (normalised offset, original offset) of every emitted character.
            let mut expected = Vec::new();
            let mut text = String::new();
            let mut previous_was_space = false;
            for (offset, character) in original.char_indices() {
                let before = text.len();
                if character.is_whitespace() {
                    if !previous_was_space {
                        text.push(' ');
                    }
                    previous_was_space = true;
                } else {
                    previous_was_space = false;
                    let mut out = emitter();
                    push_folded(character, offset, &mut out);
                    text.push_str(&out.text);
                }
                for (index, _) in text[before..].char_indices() {
                    expected.push((before + index, offset));
                }
            }
            expected.push((text.len(), original.len()));
            assert_eq!(normalized.as_str(), text);
            assert_eq!(normalized.words(), words(&text), "{original:?}");
            for (at, origin) in expected {
                assert_eq!(
                    normalized.original_offset(at),
                    origin,
                    "{original:?} at {at}"
                );
            }
        }
    }

    #[test]
    fn offsets_map_back_through_runs_and_folds() {
        let original = "قالَ  Putin:\tأحمد";
        let normalized = NormalizedText::new(original);
        assert_eq!(normalized.as_str(), "قال putin: احمد");
        let at = |needle: &str| {
            let start = normalized.as_str().find(needle).unwrap();
            &original[normalized.original_range(start..start + needle.len())]
        };
        assert_eq!(at("قال"), "قالَ");
        assert_eq!(at("putin"), "Putin");
        assert_eq!(at("احمد"), "أحمد");
        assert_eq!(at(": "), ":\t");
    }

    #[test]
    fn harakat_are_ignored() {
        assert_eq!(normalize("بُوتِينُ"), "بوتين");
        assert_eq!(normalize("مُحَمَّدٌ"), "محمد");
        assert_eq!(normalize("وقفًا"), "وقفا");
    }

    #[test]
    fn superscript_alef_and_quranic_marks_are_ignored() {
        assert_eq!(normalize("هٰذا"), "هذا");
        assert_eq!(normalize("الله\u{06D6}"), "الله");
        assert_eq!(normalize("قال\u{06ED}"), "قال");
    }

    #[test]
    fn tatweel_is_ignored() {
        assert_eq!(normalize("بـوتـيـن"), "بوتين");
        assert_eq!(normalize("لـ"), "ل");
    }

    #[test]
    fn invisible_format_marks_are_ignored() {
        assert_eq!(normalize("بو\u{200C}تين"), "بوتين");
        assert_eq!(normalize("\u{200F}روسيا\u{061C}"), "روسيا");
    }

    #[test]
    fn alef_forms_fold_to_bare_alef() {
        assert_eq!(normalize("أوكرانيا"), "اوكرانيا");
        assert_eq!(normalize("إيران"), "ايران");
        assert_eq!(normalize("آسيا"), "اسيا");
        assert_eq!(normalize("ٱلله"), "الله");
    }

    #[test]
    fn alef_maqsura_folds_to_yeh() {
        assert_eq!(normalize("موسى"), "موسي");
    }

    #[test]
    fn taa_marbuta_folds_to_heh() {
        assert_eq!(normalize("السعودية"), "السعوديه");
    }

    #[test]
    fn persian_yeh_and_keheh_fold_to_arabic() {
        assert_eq!(normalize("ایران"), "ايران");
        assert_eq!(normalize("کیف"), "كيف");
    }

    #[test]
    fn arabic_indic_digits_are_kept() {
        assert_eq!(normalize("٢٠٢٤ ۱۲"), "٢٠٢٤ ۱۲");
        assert_eq!(normalize("2024"), "2024");
    }

    #[test]
    fn latin_is_lowercased() {
        assert_eq!(normalize("Zelensky"), "zelensky");
        assert_eq!(normalize("ÉMILE"), "émile");
    }

    #[test]
    fn whitespace_runs_become_one_space_and_ends_are_trimmed() {
        assert_eq!(
            normalize("  الولايات \u{00A0}\t المتحدة "),
            "الولايات المتحده"
        );
    }

    #[test]
    fn byte_map_points_back_to_the_original_span() {
        let original = "قال بُوتِينُ  وَترامب";
        let normalized = NormalizedText::new(original);
        let text = normalized.as_str();
        let start = text.find("بوتين").expect("normalised name");
        let range = normalized.original_range(start..start + "بوتين".len());
        assert_eq!(&original[range], "بُوتِينُ");
        let start = text.find("وترامب").expect("normalised name");
        let range = normalized.original_range(start..start + "وترامب".len());
        assert_eq!(&original[range], "وَترامب");
    }

    #[test]
    fn byte_map_handles_folded_and_lowercased_letters() {
        let original = "«أوكرانيا» و Zelensky";
        let normalized = NormalizedText::new(original);
        let text = normalized.as_str();
        let start = text.find("اوكرانيا").expect("folded name");
        let range = normalized.original_range(start..start + "اوكرانيا".len());
        assert_eq!(&original[range], "أوكرانيا");
        let start = text.find("zelensky").expect("lowercased name");
        let range = normalized.original_range(start..start + "zelensky".len());
        assert_eq!(&original[range], "Zelensky");
    }
}
