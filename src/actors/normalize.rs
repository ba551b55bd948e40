//! Arabic-aware text normalisation for matching, with a byte map back to the original text.
//!
//! Owns the folding rules (see `assets/actors/SCHEMA.md`): harakat, tatweel and invisible
//! format marks are dropped; alef forms, alef maqsura, taa marbuta and the Persian yeh and
//! keheh are folded; Latin is lowercased; every run of whitespace becomes one space. Digits,
//! Arabic-Indic digits included, are kept as written. Imports only std.

use std::ops::Range;

/// A normalised copy of a text, remembering where each normalised byte came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NormalizedText {
    text: String,
    /// For every normalised byte that starts a character, the original byte offset of the
    /// character that produced it; one extra entry holds the original length, so any end
    /// offset maps too. (Bytes inside a character map to nearby offsets: only character
    /// boundaries are ever looked up.) 32 bits: articles are under 4 GiB.
    origins: Vec<u32>,
}

impl NormalizedText {
    /// Normalises `original` and records the byte map.
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut origins = Vec::with_capacity(original.len() + 1);
        // Characters that normalise to themselves are copied in runs, not one by one: in
        // Arabic news almost every character is one.
        let mut run_start = 0;
        let mut previous_was_space = false;
        for (offset, character) in original.char_indices() {
            if is_kept_as_is(character) {
                previous_was_space = false;
                continue;
            }
            text.push_str(&original[run_start..offset]);
            origins.extend(to_u32(run_start)..to_u32(offset));
            run_start = offset + character.len_utf8();
            if character.is_whitespace() {
                if !previous_was_space {
                    text.push(' ');
                    origins.push(to_u32(offset));
                }
                previous_was_space = true;
                continue;
            }
            previous_was_space = false;
            let before = text.len();
            push_folded(character, &mut text);
            origins.resize(origins.len() + (text.len() - before), to_u32(offset));
        }
        text.push_str(&original[run_start..]);
        origins.extend(to_u32(run_start)..to_u32(original.len()));
        origins.push(to_u32(original.len()));
        NormalizedText { text, origins }
    }

    /// The normalised text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Maps a byte range of the normalised text back to the original text.
    ///
    /// The end maps to the start of the next kept character, so marks that follow the last
    /// letter of a match (a harakah, a tatweel) stay inside the original span.
    pub fn original_range(&self, normalized: Range<usize>) -> Range<usize> {
        let last = self.origins.len() - 1;
        let start = self.origins[normalized.start.min(last)] as usize;
        let end = self.origins[normalized.end.min(last)] as usize;
        start..end.max(start)
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

/// Offsets fit in 32 bits: the store refuses files over 1 GiB.
fn to_u32(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// Appends the normalised form of one character (possibly nothing, possibly several bytes).
fn push_folded(character: char, out: &mut String) {
    if is_ignored(character) {
        return;
    }
    match character {
        'أ' | 'إ' | 'آ' | 'ٱ' => out.push('ا'),
        'ى' => out.push('ي'),
        'ة' => out.push('ه'),
        'ی' => out.push('ي'),
        'ک' => out.push('ك'),
        _ if character.is_ascii() => out.push(character.to_ascii_lowercase()),
        // Hebrew to Arabic Extended-A have no letter case; skip the table lookup for them.
        '\u{0590}'..='\u{08FF}' => out.push(character),
        _ if character.is_uppercase() => out.extend(character.to_lowercase()),
        _ => out.push(character),
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

    #[test]
    fn the_fast_path_keeps_only_characters_that_fold_to_themselves() {
        for character in (0..0x3000).filter_map(char::from_u32) {
            if is_kept_as_is(character) {
                let mut folded = String::new();
                push_folded(character, &mut folded);
                assert_eq!(folded, character.to_string(), "U+{:04X}", character as u32);
                assert!(!character.is_whitespace(), "U+{:04X}", character as u32);
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
