//! Words of normalised text: maximal runs of letters, and the tests for word boundaries.
//! A word boundary is any non-letter: space, punctuation, digits, quotes, hyphens.
//! Imports only std.

use std::ops::Range;

/// One word: a byte range of letters in a normalised text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Word {
    pub start: usize,
    pub end: usize,
}

impl Word {
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    pub fn text(self, text: &str) -> &str {
        &text[self.start..self.end]
    }
}

/// The letters of a word: Unicode alphabetic characters.
pub(crate) fn is_letter(character: char) -> bool {
    // Fast paths for ASCII and the Arabic block: the general table lookup dominated profiles.
    match character {
        _ if character.is_ascii() => character.is_ascii_alphabetic(),
        '\u{0600}'..='\u{06FF}' => is_arabic_block_letter(character),
        _ => character.is_alphabetic(),
    }
}

/// `char::is_alphabetic` for the Arabic block U+0600–U+06FF, as a table of its ranges.
fn is_arabic_block_letter(character: char) -> bool {
    matches!(character,
        '\u{0610}'..='\u{061A}'
        | '\u{0620}'..='\u{0657}'
        | '\u{0659}'..='\u{065F}'
        | '\u{066E}'..='\u{06D3}'
        | '\u{06D5}'..='\u{06DC}'
        | '\u{06E1}'..='\u{06E8}'
        | '\u{06ED}'..='\u{06EF}'
        | '\u{06FA}'..='\u{06FC}'
        | '\u{06FF}')
}

/// Every word of `text`, in order: the reference for the words `NormalizedText` finds while
/// it normalises.
#[cfg(test)]
pub(crate) fn words(text: &str) -> Vec<Word> {
    let mut found = Vec::new();
    let mut start = None;
    for (offset, character) in text.char_indices() {
        match (is_letter(character), start) {
            (true, None) => start = Some(offset),
            (false, Some(word_start)) => {
                found.push(Word {
                    start: word_start,
                    end: offset,
                });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(word_start) = start {
        found.push(Word {
            start: word_start,
            end: text.len(),
        });
    }
    found
}

/// Start of the run of letters that ends at `offset` (`offset` itself when none does).
pub(crate) fn letters_start_before(text: &str, offset: usize) -> usize {
    text[..offset]
        .char_indices()
        .rev()
        .take_while(|&(_, character)| is_letter(character))
        .last()
        .map_or(offset, |(start, _)| start)
}

/// True when a match ending at `end` does not run on into a longer word or number.
pub(crate) fn ends_at_boundary(text: &str, end: usize) -> bool {
    // Most matches end before a space, which joins nothing: no character to decode.
    if matches!(text.as_bytes().get(end), None | Some(b' ')) {
        return true;
    }
    let Some(last) = text[..end].chars().next_back() else {
        return true;
    };
    match text[end..].chars().next() {
        None => true,
        Some(next) => !continues(last, next),
    }
}

/// True when the text before `start` does not run on into the match (letters before a
/// letter-initial match are handled by the caller as possible proclitics).
pub(crate) fn starts_at_boundary(text: &str, start: usize) -> bool {
    let Some(first) = text[start..].chars().next() else {
        return true;
    };
    match text[..start].chars().next_back() {
        None => true,
        Some(previous) => !continues(first, previous),
    }
}

/// True when `neighbour` next to a match edge character `edge` would join the same word:
/// letters join letters, and digits join letters or digits on a digit edge (G7 in G70).
fn continues(edge: char, neighbour: char) -> bool {
    if is_numeric(edge) {
        is_letter(neighbour) || is_numeric(neighbour)
    } else {
        is_letter(edge) && is_letter(neighbour)
    }
}

/// `char::is_numeric`, without its table search for ASCII and the Arabic block (the search
/// was most of the time of every boundary check).
fn is_numeric(character: char) -> bool {
    match character {
        _ if character.is_ascii() => character.is_ascii_digit(),
        '\u{0600}'..='\u{06FF}' => {
            matches!(character, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}')
        }
        _ => character.is_numeric(),
    }
}

/// True when only a single space separates two words (no punctuation, digits or quotes).
pub(crate) fn joined_by_space(text: &str, first: Word, second: Word) -> bool {
    &text[first.end..second.start] == " "
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        words(text)
            .into_iter()
            .map(|word| word.text(text))
            .collect()
    }

    #[test]
    fn words_split_on_spaces_punctuation_digits_quotes_and_hyphens() {
        assert_eq!(
            texts("روسيا-الحجج «الناتو»، 2022ترامب x.y"),
            ["روسيا", "الحجج", "الناتو", "ترامب", "x", "y"]
        );
    }

    #[test]
    fn arabic_fast_path_agrees_with_unicode_alphabetic() {
        for code in 0x0600..=0x06FF {
            let character = char::from_u32(code).expect("valid code point");
            assert_eq!(
                is_letter(character),
                character.is_alphabetic(),
                "U+{code:04X}"
            );
        }
    }

    #[test]
    fn numeric_fast_path_agrees_with_unicode_numeric() {
        for code in (0..0x0800).chain(0x2150..0x2190) {
            let Some(character) = char::from_u32(code) else {
                continue;
            };
            assert_eq!(
                is_numeric(character),
                character.is_numeric(),
                "U+{code:04X}"
            );
            assert_eq!(
                is_letter(character) || is_numeric(character),
                character.is_alphanumeric(),
                "U+{code:04X}"
            );
        }
    }

    #[test]
    fn letters_start_before_finds_the_attached_prefix() {
        let text = "قال وبوتين";
        let name = text.find("بوتين").expect("name");
        assert_eq!(&text[letters_start_before(text, name)..name], "و");
        let quoted = "ل«بوتين";
        let name = quoted.find("بوتين").expect("name");
        assert_eq!(letters_start_before(quoted, name), name);
    }

    #[test]
    fn boundaries_treat_digits_as_separators_for_letters() {
        let text = "بوتين2 g70 g7.";
        assert!(ends_at_boundary(text, "بوتين".len()));
        let g70 = text.find("g70").expect("g70");
        assert!(!ends_at_boundary(text, g70 + 2));
        let g7 = text.rfind("g7").expect("g7");
        assert!(ends_at_boundary(text, g7 + 2));
        assert!(!ends_at_boundary("بوتينه", "بوتين".len()));
        assert!(starts_at_boundary("7g", 1) && !starts_at_boundary("a7", 1));
    }
}
