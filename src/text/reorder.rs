//! Step 6: per-line reordering (UAX #9 §3.4). Works on "units" — characters for the
//! conformance tests, grapheme clusters for the terminal, which is how L3 holds: a mark is
//! inside its letter's cluster, so it stays after the letter on screen.

use unicode_bidi::{BidiClass, Level};

/// Classes that L1 resets when they trail a line or precede a separator: whitespace, isolate
/// formatting characters, and the characters X9 removed (they take their neighbours' fate).
fn is_l1_whitespace(class: BidiClass) -> bool {
    matches!(
        class,
        BidiClass::WS
            | BidiClass::FSI
            | BidiClass::LRI
            | BidiClass::RLI
            | BidiClass::PDI
            | BidiClass::BN
            | BidiClass::LRE
            | BidiClass::RLE
            | BidiClass::LRO
            | BidiClass::RLO
            | BidiClass::PDF
    )
}

/// UAX #9 L1: on one line, reset to the paragraph level (1) segment and paragraph separators,
/// (2) any run of whitespace and isolate formatting characters before them, and (3) such a run
/// at the end of the line. `classes` are the units' original classes.
pub fn reset_trailing_whitespace(classes: &[BidiClass], levels: &mut [Level], paragraph: Level) {
    debug_assert_eq!(classes.len(), levels.len());
    let mut reset_from_here = true; // the end of the line acts like a separator
    for i in (0..classes.len()).rev() {
        match classes[i] {
            BidiClass::S | BidiClass::B => {
                levels[i] = paragraph;
                reset_from_here = true;
            }
            class if is_l1_whitespace(class) => {
                if reset_from_here {
                    levels[i] = paragraph;
                }
            }
            _ => reset_from_here = false,
        }
    }
}

/// UAX #9 L2: from the highest level down to the lowest odd level, reverse every run of units
/// at that level or higher. Returns the logical index of each unit in visual order.
///
/// Levels up to 126 (reachable with hostile nesting) are fine: no recursion, no level + 1.
pub fn visual_order(levels: &[Level]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..levels.len()).collect();
    let Some(highest) = levels.iter().map(|l| l.number()).max() else {
        return order;
    };
    let lowest = levels.iter().map(|l| l.number()).min().unwrap_or(0);
    let lowest_odd = lowest | 1;
    // `visual_levels` travels with `order` so runs can be found in the current visual order.
    let mut visual_levels: Vec<u8> = levels.iter().map(|l| l.number()).collect();
    let mut level = highest;
    while level >= lowest_odd {
        let mut i = 0;
        while i < visual_levels.len() {
            if visual_levels[i] >= level {
                let start = i;
                while i < visual_levels.len() && visual_levels[i] >= level {
                    i += 1;
                }
                order[start..i].reverse();
                visual_levels[start..i].reverse();
            } else {
                i += 1;
            }
        }
        if level == 0 {
            break;
        }
        level -= 1;
    }
    order
}

/// A cheap pre-check before the table: false where no character is Bidi_Mirrored (letters,
/// Arabic presentation forms, most of the BMP below U+2000).
fn may_mirror(c: char) -> bool {
    match c {
        '\0'..='\u{7f}' => c.is_ascii_punctuation(),
        '\u{ab}' | '\u{bb}' | '\u{0f3a}'..='\u{0f3d}' | '\u{169b}' | '\u{169c}' => true,
        '\u{80}'..='\u{1fff}' | '\u{fb50}'..='\u{fdff}' | '\u{fe70}'..='\u{feff}' => false,
        _ => true,
    }
}

/// UAX #9 L4: append `c`, replaced by its mirror image when it is at an odd (RTL) level.
/// “ and ” are not Bidi_Mirrored: they move with the text but keep their shape.
pub fn push_mirrored(c: char, rtl: bool, out: &mut String) {
    let shown = if rtl && may_mirror(c) {
        unicode_bidi_mirroring::get_mirrored(c).unwrap_or(c)
    } else {
        c
    };
    out.push(shown);
}

/// [`push_mirrored`] for a whole cluster, copied at once when nothing in it can mirror.
pub fn push_mirrored_str(cluster: &str, rtl: bool, out: &mut String) {
    if rtl && cluster.chars().any(may_mirror) {
        for c in cluster.chars() {
            push_mirrored(c, rtl, out);
        }
    } else {
        out.push_str(cluster);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use BidiClass::*;

    fn levels(numbers: &[u8]) -> Vec<Level> {
        numbers.iter().map(|&n| Level::new(n).unwrap()).collect()
    }

    #[test]
    fn l1_resets_trailing_whitespace_and_isolates() {
        let classes = [R, WS, R, WS, PDI, WS];
        let mut lv = levels(&[1, 1, 1, 1, 1, 1]);
        reset_trailing_whitespace(&classes, &mut lv, Level::ltr());
        assert_eq!(
            lv.iter().map(|l| l.number()).collect::<Vec<_>>(),
            [1, 1, 1, 0, 0, 0]
        );
    }

    #[test]
    fn l1_resets_separators_and_whitespace_before_them() {
        let classes = [L, WS, S, L, B];
        let mut lv = levels(&[2, 2, 2, 2, 2]);
        reset_trailing_whitespace(&classes, &mut lv, Level::rtl());
        assert_eq!(
            lv.iter().map(|l| l.number()).collect::<Vec<_>>(),
            [2, 1, 1, 2, 1]
        );
    }

    #[test]
    fn l2_reverses_from_the_highest_level_down() {
        // "car means CAR." at RTL-in-LTR: levels 0 0 1 1 1 0 → a b e d c f
        assert_eq!(
            visual_order(&levels(&[0, 0, 1, 1, 1, 0])),
            [0, 1, 4, 3, 2, 5]
        );
        // Numbers inside RTL text: 1 1 2 2 1 → the number keeps its order.
        assert_eq!(visual_order(&levels(&[1, 1, 2, 2, 1])), [4, 2, 3, 1, 0]);
        assert!(visual_order(&[]).is_empty());
    }

    #[test]
    fn l2_survives_the_deepest_levels() {
        let deep = levels(&[125, 126, 126, 0]);
        // 126 reverses "bc", then each of the 125 levels from 125 to 1 reverses the run again.
        assert_eq!(visual_order(&deep), [1, 2, 0, 3]);
    }

    #[test]
    fn the_pre_check_never_hides_a_mirrored_character() {
        for c in (0..=0x10ffff)
            .filter_map(char::from_u32)
            .filter(|&c| !may_mirror(c))
        {
            assert_eq!(unicode_bidi_mirroring::get_mirrored(c), None, "{c:?}");
        }
    }

    #[test]
    fn l4_mirrors_brackets_only_at_odd_levels() {
        let mut out = String::new();
        for c in "(«[x]»)“".chars() {
            push_mirrored(c, true, &mut out);
        }
        assert_eq!(out, ")»]x[«(“");
        let mut out = String::new();
        push_mirrored('(', false, &mut out);
        assert_eq!(out, "(");
    }
}
