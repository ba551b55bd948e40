//! A terminal cell holds one grapheme cluster: this module owns what a cluster shows and how
//! wide it is. Everything in sahifa measures width through [`width`], so the layout and
//! ratatui's buffer (which measures each grapheme with the same unicode-width call) agree.

use std::sync::atomic::{AtomicU8, Ordering};

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Shown as the base of a combining mark that has no letter to sit on, so no line ever starts
/// with a bare mark (a terminal would put it on the cell to its left; ratatui would drop it).
pub const DOTTED_CIRCLE: char = '\u{25cc}';

/// Cell width of a cluster as it will be drawn (the final, shaped, visual text).
pub fn width(cluster: &str) -> usize {
    let mut chars = cluster.chars();
    match (chars.next(), chars.next()) {
        // One character: the same table, without the string machinery.
        (Some(c), None) => char_width(c),
        _ => cluster.width(),
    }
}

/// Width of one character, with the letters of news text answered without a table look-up
/// (a test checks these ranges against unicode-width).
#[inline]
fn char_width(c: char) -> usize {
    match c {
        ' '..='~'
        | '\u{0621}'..='\u{064a}'
        | '\u{0660}'..='\u{066f}'
        | '\u{0671}'..='\u{06d3}'
        | '\u{05d0}'..='\u{05ea}'
        | '\u{fb50}'..='\u{fbb1}'
        | '\u{fe70}'..='\u{fefc}' => 1,
        '\u{064b}'..='\u{065f}' => 0,
        _ => c.width().unwrap_or(0),
    }
}

/// Characters that do their work in the bidi algorithm and are then removed from the output
/// (UAX #9 X9 and BN, plus the marks LRM, RLM and ALM), as FriBidi's `remove_bidi_marks` does.
/// A match, not a table lookup: this runs for every character shown. A test checks it against
/// unicode-bidi's classes for every code point.
pub fn is_removed_after_reorder(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{8}'
            | '\u{e}'..='\u{1b}'
            | '\u{7f}'..='\u{84}'
            | '\u{86}'..='\u{9f}'
            | '\u{ad}'
            | '\u{061c}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206f}'
            | '\u{feff}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0001}'
            | '\u{e0020}'..='\u{e007f}'
    )
}

/// Append what `cluster` shows to `out`: removed characters dropped, a dotted circle under a
/// mark that lost its base. Returns the width of what was appended, or `None` (and appends
/// nothing) when nothing is left to show.
pub fn push_display(cluster: &str, out: &mut String) -> Option<usize> {
    let mut chars = cluster.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && matches!(c, ' '..='~' | '\u{0621}'..='\u{064a}' | '\u{fe70}'..='\u{fefc}')
    {
        // The commonest case of all: printable ASCII, an Arabic letter or its presentation
        // form; never removed, never a control, one cell ([`char_width`]'s first arm).
        out.push(c);
        return Some(1);
    }
    let mut chars = cluster.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && !is_removed_after_reorder(c)
        && !super::sanitize::is_terminal_control(c)
    {
        // The common case: one character, shown as it is.
        let width = char_width(c);
        if width > 0 || c.is_whitespace() {
            out.push(c);
            return Some(width);
        }
    }
    let start = out.len();
    let mut shown_chars = 0;
    let mut first_width = 0;
    for c in cluster.chars() {
        if is_removed_after_reorder(c) || super::sanitize::is_terminal_control(c) {
            continue;
        }
        if shown_chars == 0 {
            first_width = char_width(c);
            if first_width == 0 && !c.is_whitespace() {
                out.push(DOTTED_CIRCLE);
                shown_chars += 1;
            }
        }
        out.push(c);
        shown_chars += 1;
    }
    match shown_chars {
        0 => None,
        1 => Some(first_width),
        _ => Some(width(&out[start..])),
    }
}

/// How a character takes part in grapheme clusters, for the fast path of [`graphemes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum Joins {
    /// Starts a cluster of its own and takes the extenders after it.
    Base = 1,
    /// Joins the cluster before it (marks, ZWNJ, ZWJ).
    Extend = 2,
    /// Anything whose clustering depends on more than its neighbour: left to the crate.
    Complex = 3,
}

/// Code points the fast path knows: Latin to Arabic Extended-A, General Punctuation, and the
/// Arabic presentation forms shaping produces.
#[inline]
fn joins(c: char) -> Joins {
    let cp = c as u32;
    let index = if cp < LOW_END {
        cp
    } else if (0x2000..0x2070).contains(&cp) {
        LOW_END + cp - 0x2000
    } else if (0xfb50..0xff00).contains(&cp) {
        LOW_END + 0x70 + cp - 0xfb50
    } else {
        return Joins::Complex;
    };
    // Each entry is worked out the first time its character is met (asking the crate costs
    // thousands of instructions, and a text meets few of the 3,376 code points). 0: not yet.
    // Threads that race store the same answer.
    static TABLE: [AtomicU8; TABLE_LEN] = [const { AtomicU8::new(0) }; TABLE_LEN];
    let entry = &TABLE[index as usize];
    match entry.load(Ordering::Relaxed) {
        1 => Joins::Base,
        2 => Joins::Extend,
        3 => Joins::Complex,
        _ => classify_into(entry, c),
    }
}

/// The first meeting with `c`: ask the crate and remember the answer.
#[cold]
#[inline(never)]
fn classify_into(entry: &AtomicU8, c: char) -> Joins {
    let answer = classify(c);
    entry.store(answer as u8, Ordering::Relaxed);
    answer
}

const LOW_END: u32 = 0x0900;
const TABLE_LEN: usize = LOW_END as usize + 0x70 + (0xff00 - 0xfb50);

/// Ask unicode-segmentation itself how `c` clusters with ordinary neighbours: the table is the
/// crate's own answer, so the fast path cannot disagree with it.
fn classify(c: char) -> Joins {
    let count = |s: String| s.graphemes(true).count();
    let after_letter = count(format!("a{c}"));
    let before_letter = count(format!("{c}a"));
    let before_mark = count(format!("{c}\u{064e}"));
    // Emoji join through ZWJ (GB11): not something a pairwise rule can decide.
    let pictographic = count(format!("{c}\u{200d}{c}")) == 1;
    if after_letter == 1 && before_letter == 2 {
        Joins::Extend
    } else if pictographic {
        Joins::Complex
    } else if after_letter == 2 && before_letter == 2 && before_mark == 1 {
        Joins::Base
    } else {
        Joins::Complex
    }
}

/// Does `c` join the grapheme cluster before it and stay visible (a combining mark)? Only
/// such characters may follow a lam-alef ligature in its cell.
pub fn is_attaching_mark(c: char) -> bool {
    joins(c) == Joins::Extend && !is_removed_after_reorder(c)
}

/// The grapheme clusters of `text` with their byte offsets: exactly what
/// `unicode-segmentation` says, without its state machine for the common scripts.
pub fn graphemes(text: &str) -> Vec<(usize, &str)> {
    let mut clusters = Vec::with_capacity(text.len() / 2 + 1);
    let mut start = 0;
    for (at, c) in text.char_indices() {
        match joins(c) {
            Joins::Base if at > start => {
                clusters.push((start, &text[start..at]));
                start = at;
            }
            Joins::Base | Joins::Extend => {}
            Joins::Complex => {
                return text.grapheme_indices(true).collect();
            }
        }
    }
    if start < text.len() {
        clusters.push((start, &text[start..]));
    }
    clusters
}

#[cfg(test)]
mod tests {
    use super::*;

    fn display(s: &str) -> Option<String> {
        let mut out = String::new();
        push_display(s, &mut out).map(|w| {
            assert_eq!(w, width(&out), "{out:?}");
            out
        })
    }

    #[test]
    fn removed_characters_are_exactly_bn_x9_and_the_marks() {
        use unicode_bidi::{BidiClass::*, bidi_class};
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let by_class = matches!(
                bidi_class(c),
                BN | LRE | RLE | LRO | RLO | PDF | LRI | RLI | FSI | PDI
            ) || matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}');
            assert_eq!(is_removed_after_reorder(c), by_class, "{:04X}", c as u32);
        }
    }

    #[test]
    fn fast_graphemes_agree_with_unicode_segmentation() {
        let known: Vec<char> = (0..0x0900)
            .chain(0x2000..0x2070)
            .chain(0xfb50..0xff00)
            .filter_map(char::from_u32)
            .filter(|&c| joins(c) != Joins::Complex)
            .collect();
        let probes = [
            'a', ' ', 'ب', '\u{064e}', '\u{200d}', '\u{200c}', '\u{fefb}', '1', '«',
        ];
        for &c in &known {
            for &p in &probes {
                for text in [format!("{p}{c}"), format!("{c}{p}"), format!("{c}{c}{p}")] {
                    let ours: Vec<(usize, &str)> = graphemes(&text);
                    let theirs: Vec<(usize, &str)> = text.grapheme_indices(true).collect();
                    assert_eq!(ours, theirs, "{text:?}");
                }
            }
        }
        let emoji = "ب👩\u{200d}👩\u{200d}👧 🇸🇦";
        assert_eq!(
            graphemes(emoji),
            emoji.grapheme_indices(true).collect::<Vec<_>>()
        );
    }

    #[test]
    fn fast_widths_agree_with_unicode_width() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(char_width(c), c.width().unwrap_or(0), "{c:?}");
        }
    }

    #[test]
    fn single_character_width_agrees_with_string_width() {
        for c in (0x20..0x3000)
            .filter_map(char::from_u32)
            .filter(|c| !c.is_control())
        {
            assert_eq!(
                width(c.encode_utf8(&mut [0; 4])),
                c.to_string().as_str().width(),
                "{c:?}"
            );
        }
    }

    #[test]
    fn harakat_have_no_width_of_their_own() {
        assert_eq!(width("بَ"), 1);
        assert_eq!(width("\u{fefb}"), 1, "lam-alef ligature is one cell");
        assert_eq!(width("ـ"), 1, "tatweel takes a cell");
        assert_eq!(width("中"), 2);
    }

    #[test]
    fn bidi_controls_and_bn_disappear() {
        assert_eq!(display("\u{202b}"), None);
        assert_eq!(display("\u{2067}"), None);
        assert_eq!(display("\u{200d}"), None);
        assert_eq!(display("\u{200f}"), None);
        assert_eq!(display("\u{feff}"), None);
        assert_eq!(display("ب\u{200d}"), Some("ب".into()));
    }

    #[test]
    fn a_mark_without_base_gets_a_dotted_circle() {
        assert_eq!(display("\u{064e}"), Some("\u{25cc}\u{064e}".into()));
        assert_eq!(display("\u{200d}\u{064e}"), Some("\u{25cc}\u{064e}".into()));
        assert_eq!(display(" \u{064e}"), Some(" \u{064e}".into()));
    }
}
