//! Faster look-ups of Unicode properties for the characters news text is made of.
//!
//! unicode-bidi and unicode-joining-type binary-search their tables for every character; for
//! the first 0x900 code points (Latin, Hebrew, Arabic and its supplements) and General
//! Punctuation we copy their answers into flat tables once. The answers are theirs, so the
//! results cannot differ; only the speed does.

use std::sync::OnceLock;

use unicode_bidi::data_source::BidiMatchedOpeningBracket;
use unicode_bidi::{BidiClass, BidiDataSource, HardcodedBidiData};
use unicode_joining_type::{JoiningType, get_joining_type};

/// Code points below this are in the flat tables.
const LOW_END: u32 = 0x0900;
/// General Punctuation: spaces, quotes, dashes and the bidi controls.
const PUNCTUATION: std::ops::Range<u32> = 0x2000..0x2070;

fn bidi_table() -> &'static [BidiClass] {
    static TABLE: OnceLock<Vec<BidiClass>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (0..LOW_END)
            .chain(PUNCTUATION)
            .map(|cp| char::from_u32(cp).map_or(BidiClass::L, unicode_bidi::bidi_class))
            .collect()
    })
}

/// The bidi class of `c`, as unicode-bidi's own table says.
#[inline]
pub fn bidi_class(c: char) -> BidiClass {
    let cp = c as u32;
    if cp < LOW_END {
        bidi_table()[cp as usize]
    } else if PUNCTUATION.contains(&cp) {
        bidi_table()[(LOW_END + cp - PUNCTUATION.start) as usize]
    } else {
        unicode_bidi::bidi_class(c)
    }
}

/// A data source for unicode-bidi that answers from the flat tables.
pub struct FastBidiData;

impl BidiDataSource for FastBidiData {
    #[inline]
    fn bidi_class(&self, c: char) -> BidiClass {
        bidi_class(c)
    }

    fn bidi_matched_opening_bracket(&self, c: char) -> Option<BidiMatchedOpeningBracket> {
        HardcodedBidiData.bidi_matched_opening_bracket(c)
    }
}

/// Latin to Arabic Extended-A: the joining types of everything below U+0900.
const ARABIC: std::ops::Range<u32> = 0..LOW_END;

fn joining_table() -> &'static [JoiningType] {
    static TABLE: OnceLock<Vec<JoiningType>> = OnceLock::new();
    TABLE.get_or_init(|| {
        ARABIC
            .map(|cp| char::from_u32(cp).map_or(JoiningType::NonJoining, get_joining_type))
            .collect()
    })
}

/// The joining type of `c`, as unicode-joining-type says.
#[inline]
pub fn joining_type(c: char) -> JoiningType {
    let cp = c as u32;
    if ARABIC.contains(&cp) {
        joining_table()[(cp - ARABIC.start) as usize]
    } else {
        get_joining_type(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_agree_with_the_crates_everywhere() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(bidi_class(c), unicode_bidi::bidi_class(c), "{c:?}");
            assert_eq!(joining_type(c), get_joining_type(c), "{c:?}");
        }
    }
}
