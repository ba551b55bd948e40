//! Steps 2 and 3: a paragraph's base direction (UAX #9 P2/P3, or an override) and the
//! resolved embedding level of every character (X1–I2, by unicode-bidi).

use unicode_bidi::{BidiClass, Level, ParagraphBidiInfo};

use super::bidi_data::{FastBidiData, bidi_class};

/// A resolved direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Direction {
    #[default]
    Ltr,
    Rtl,
}

impl Direction {
    pub fn is_rtl(self) -> bool {
        self == Direction::Rtl
    }

    fn level(self) -> Level {
        match self {
            Direction::Ltr => Level::ltr(),
            Direction::Rtl => Level::rtl(),
        }
    }
}

/// How a paragraph's base direction is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum BaseDirection {
    /// P2/P3: the first strong character decides; `neutral` when there is none.
    #[default]
    Auto,
    Ltr,
    Rtl,
}

/// UAX #9 P2: the direction of the first strong character (L, R or AL), skipping characters
/// between an isolate initiator and its matching PDI. `None` when there is no strong character
/// (P3 then says LTR, but a feed's language hint may say otherwise).
pub fn first_strong_direction(text: &str) -> Option<Direction> {
    let mut isolates = 0usize;
    for c in text.chars() {
        match bidi_class(c) {
            BidiClass::LRI | BidiClass::RLI | BidiClass::FSI => isolates += 1,
            BidiClass::PDI => isolates = isolates.saturating_sub(1),
            BidiClass::L if isolates == 0 => return Some(Direction::Ltr),
            BidiClass::R | BidiClass::AL if isolates == 0 => return Some(Direction::Rtl),
            _ => {}
        }
    }
    None
}

/// P2/P3 or the override: the base direction of `text`.
pub fn base_direction(text: &str, mode: BaseDirection, neutral: Direction) -> Direction {
    match mode {
        BaseDirection::Ltr => Direction::Ltr,
        BaseDirection::Rtl => Direction::Rtl,
        BaseDirection::Auto => first_strong_direction(text).unwrap_or(neutral),
    }
}

/// Resolved levels (before L1) and original bidi classes, one per byte of `text`.
pub struct Levels {
    pub levels: Vec<Level>,
    pub classes: Vec<BidiClass>,
    /// Known to be the paragraph level everywhere (found by [`uniform_levels`]). False says
    /// nothing: unicode-bidi may still have resolved every character to it.
    pub uniform: bool,
}

/// X1–I2 for one paragraph at the given base direction, by unicode-bidi (or, when no rule
/// can move any character off the paragraph level, by [`uniform_levels`]).
pub fn resolve_levels(text: &str, base: Direction) -> Levels {
    if let Some(levels) = uniform_levels(text, base) {
        return levels;
    }
    resolve_levels_by_unicode_bidi(text, base)
}

/// The full algorithm, always by unicode-bidi.
pub fn resolve_levels_by_unicode_bidi(text: &str, base: Direction) -> Levels {
    let info = ParagraphBidiInfo::new_with_data_source(&FastBidiData, text, Some(base.level()));
    Levels {
        levels: info.levels,
        classes: info.original_classes,
        uniform: false,
    }
}

/// Levels of a paragraph whose every character ends at the paragraph level, found without
/// running the algorithm; `None` when some character might not.
///
/// Right-to-left paragraphs of R, AL, NSM and the neutrals WS, ON, CS, ES, ET: with no
/// explicit formatting there is one isolating run sequence at level 1 with sos = eos = R;
/// W1 gives each NSM its neighbour's type, W3 turns AL into R, W2, W4, W5 and W7 need numbers
/// that are not there and W6 makes ES, ET, CS neutral; N0–N2 can only resolve a neutral to R
/// (the one strong type present, and the embedding direction); I1–I2 leave R at level 1.
/// Left-to-right paragraphs of L, EN, NSM and the same neutrals: W2 and W7 see only L (or sos
/// = L) before each EN, so numbers become L, and so do the neutrals; everything stays at 0.
/// A test checks this against unicode-bidi on generated text.
pub fn uniform_levels(text: &str, base: Direction) -> Option<Levels> {
    let mut classes = Vec::with_capacity(text.len());
    for c in text.chars() {
        let class = bidi_class(c);
        let stays = matches!(
            (base, class),
            (
                _,
                BidiClass::NSM
                    | BidiClass::WS
                    | BidiClass::ON
                    | BidiClass::CS
                    | BidiClass::ES
                    | BidiClass::ET
            ) | (Direction::Rtl, BidiClass::R | BidiClass::AL)
                | (Direction::Ltr, BidiClass::L | BidiClass::EN)
        );
        if !stays {
            return None;
        }
        // One class per byte (a pushed array rather than `repeat_n`: this runs for every
        // character of most paragraphs).
        match c.len_utf8() {
            1 => classes.push(class),
            2 => classes.extend_from_slice(&[class; 2]),
            3 => classes.extend_from_slice(&[class; 3]),
            _ => classes.extend_from_slice(&[class; 4]),
        }
    }
    Some(Levels {
        levels: vec![base.level(); text.len()],
        classes,
        uniform: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_strong_character_decides() {
        assert_eq!(
            first_strong_direction("123 مرحبا abc"),
            Some(Direction::Rtl)
        );
        assert_eq!(first_strong_direction("«abc» مرحبا"), Some(Direction::Ltr));
        assert_eq!(first_strong_direction("שלום"), Some(Direction::Rtl));
        assert_eq!(first_strong_direction("123 ..."), None);
    }

    #[test]
    fn isolated_text_is_skipped_by_p2() {
        assert_eq!(
            first_strong_direction("\u{2068}abc\u{2069} مرحبا"),
            Some(Direction::Rtl)
        );
        // An isolate that never closes hides everything after it.
        assert_eq!(first_strong_direction("\u{2067}abc"), None);
    }

    #[test]
    fn override_and_neutral_fallback() {
        assert_eq!(
            base_direction("abc", BaseDirection::Rtl, Direction::Ltr),
            Direction::Rtl
        );
        assert_eq!(
            base_direction("١٢٣", BaseDirection::Auto, Direction::Rtl),
            Direction::Rtl
        );
        assert_eq!(
            base_direction("123", BaseDirection::Auto, Direction::Ltr),
            Direction::Ltr
        );
    }

    #[test]
    fn plain_arabic_and_english_need_no_resolution() {
        let arabic = "قال «الرئيس»، في كلمته: إنَّ الأمر - كما يبدو - انتهى!";
        let english = "In 2024, the (old) price was $1,000.50 - or 12% more.";
        for (text, base) in [(arabic, Direction::Rtl), (english, Direction::Ltr)] {
            let uniform = uniform_levels(text, base).expect("uniform");
            let full = resolve_levels_by_unicode_bidi(text, base);
            assert_eq!(uniform.levels, full.levels);
            assert_eq!(uniform.classes, full.classes);
        }
        // Numbers in right-to-left text, or any right-to-left letter in left-to-right text,
        // need the algorithm.
        assert!(uniform_levels("في 2024", Direction::Rtl).is_none());
        assert!(uniform_levels("abc ب", Direction::Ltr).is_none());
    }

    #[test]
    fn levels_are_per_byte() {
        let lv = resolve_levels("ab جد", Direction::Ltr);
        assert_eq!(lv.levels.len(), "ab جد".len());
        assert_eq!(lv.levels[0].number(), 0);
        assert_eq!(lv.levels[3].number(), 1);
    }
}
