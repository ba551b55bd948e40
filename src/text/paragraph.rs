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
}

/// X1–I2 for one paragraph at the given base direction, by unicode-bidi.
pub fn resolve_levels(text: &str, base: Direction) -> Levels {
    let info = ParagraphBidiInfo::new_with_data_source(&FastBidiData, text, Some(base.level()));
    Levels {
        levels: info.levels,
        classes: info.original_classes,
    }
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
    fn levels_are_per_byte() {
        let lv = resolve_levels("ab جد", Direction::Ltr);
        assert_eq!(lv.levels.len(), "ab جد".len());
        assert_eq!(lv.levels[0].number(), 0);
        assert_eq!(lv.levels[3].number(), 1);
    }
}
