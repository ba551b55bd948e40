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
    if base == Direction::Rtl
        && let Some(levels) = rtl_levels_with_numbers(text)
    {
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

/// Push `value` once for every byte of `c` (a pushed array rather than `repeat_n`: this runs
/// for every character of most paragraphs).
#[inline]
fn push_per_byte<T: Copy>(out: &mut Vec<T>, value: T, c: char) {
    match c.len_utf8() {
        1 => out.push(value),
        2 => out.extend_from_slice(&[value; 2]),
        3 => out.extend_from_slice(&[value; 3]),
        _ => out.extend_from_slice(&[value; 4]),
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
        push_per_byte(&mut classes, class, c);
    }
    Some(Levels {
        levels: vec![base.level(); text.len()],
        classes,
        uniform: true,
    })
}

/// Levels of a right-to-left paragraph of R, AL, NSM, the neutrals of [`uniform_levels`] and
/// numbers (EN, AN), without running the whole algorithm; `None` for any other class.
///
/// No L, no explicit formatting: one isolating run sequence at level 1, sos = eos = R. The weak
/// rules are the only ones that matter, and they are applied here as UAX #9 states them: W1
/// (NSM takes the previous type, R at the start), W2 (EN after AL is AN), W3 (AL is R), W4
/// (one ES between ENs, one CS between numbers of one type, joins them), W5 (ETs next to an EN
/// are EN); W6 only turns separators into neutrals and W7 needs an L. Every neutral then
/// resolves to R by N0–N2, since R is the only strong type and numbers count as R, so I1–I2
/// give numbers level 2 and everything else level 1. Tested against unicode-bidi with the
/// conformance files and generated text.
pub fn rtl_levels_with_numbers(text: &str) -> Option<Levels> {
    use BidiClass::{AL, AN, CS, EN, ES, ET, NSM, ON, R, WS};
    let mut classes = Vec::with_capacity(text.len());
    // Per character: the type after W1–W3, then W4 and W5.
    let mut types: Vec<BidiClass> = Vec::with_capacity(text.len() / 2 + 1);
    let mut previous = R; // sos, for W1
    let mut after_al = false; // the last strong type was AL, for W2
    for c in text.chars() {
        let class = bidi_class(c);
        if !matches!(class, R | AL | NSM | WS | ON | CS | ES | ET | EN | AN) {
            return None;
        }
        push_per_byte(&mut classes, class, c);
        let w1 = if class == NSM { previous } else { class };
        previous = w1;
        let w3 = match w1 {
            R => {
                after_al = false;
                R
            }
            AL => {
                after_al = true;
                R
            }
            EN if after_al => AN,
            other => other,
        };
        types.push(w3);
    }
    // W4: a single separator between two numbers of the right type. A separator it changes
    // has a number after it, so no change can feed the next one.
    for i in 1..types.len().saturating_sub(1) {
        let (before, after) = (types[i - 1], types[i + 1]);
        if before == after
            && ((types[i] == ES && before == EN) || (types[i] == CS && matches!(before, EN | AN)))
        {
            types[i] = before;
        }
    }
    // W5: a sequence of ETs next to an EN.
    let mut i = 0;
    while i < types.len() {
        if types[i] != ET {
            i += 1;
            continue;
        }
        let start = i;
        while i < types.len() && types[i] == ET {
            i += 1;
        }
        let touches_en = (start > 0 && types[start - 1] == EN) || types.get(i) == Some(&EN);
        if touches_en {
            types[start..i].fill(EN);
        }
    }
    let mut levels = Vec::with_capacity(text.len());
    let number = Level::new(2).expect("level 2");
    for (c, t) in text.chars().zip(&types) {
        let level = if matches!(t, EN | AN) {
            number
        } else {
            Level::rtl()
        };
        push_per_byte(&mut levels, level, c);
    }
    Some(Levels {
        levels,
        classes,
        uniform: false,
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
    fn numbers_in_right_to_left_text_are_resolved_as_unicode_bidi_does() {
        for text in [
            "في 2024، قال",
            "بلغ 3.5% من $100 و-20 أو +7",
            "١٢٫٥ و١٬٠٠٠ ٪٣",
            "עברית 123-456 $5 1+2 3,4",
            "ب 1,,2 1.2.3 ١.٢ 5٪ #1 1#",
            "\u{064e}1\u{064e}٢ (12) «٣»",
        ] {
            let numbers = rtl_levels_with_numbers(text).expect("only R, AL, numbers, neutrals");
            let full = resolve_levels_by_unicode_bidi(text, Direction::Rtl);
            assert_eq!(numbers.levels, full.levels, "{text}");
            assert_eq!(numbers.classes, full.classes, "{text}");
        }
        assert!(rtl_levels_with_numbers("في 2024 قال Trump").is_none());
    }

    #[test]
    fn levels_are_per_byte() {
        let lv = resolve_levels("ab جد", Direction::Ltr);
        assert_eq!(lv.levels.len(), "ab جد".len());
        assert_eq!(lv.levels[0].number(), 0);
        assert_eq!(lv.levels[3].number(), 1);
    }
}
