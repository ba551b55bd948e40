//! A terminal cell holds one grapheme cluster: this module owns what a cluster shows and how
//! wide it is. Everything in sahifa measures width through [`width`], so the layout and
//! ratatui's buffer (which measures each grapheme with the same unicode-width call) agree.

use unicode_bidi::{BidiClass, bidi_class};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Shown as the base of a combining mark that has no letter to sit on, so no line ever starts
/// with a bare mark (a terminal would put it on the cell to its left; ratatui would drop it).
pub const DOTTED_CIRCLE: char = '\u{25cc}';

/// Cell width of a cluster as it will be drawn (the final, shaped, visual text).
pub fn width(cluster: &str) -> usize {
    cluster.width()
}

/// Characters that do their work in the bidi algorithm and are then removed from the output
/// (UAX #9 X9 and BN, plus the marks LRM, RLM and ALM), as FriBidi's `remove_bidi_marks` does.
pub fn is_removed_after_reorder(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}')
        || matches!(
            bidi_class(c),
            BidiClass::BN
                | BidiClass::LRE
                | BidiClass::RLE
                | BidiClass::LRO
                | BidiClass::RLO
                | BidiClass::PDF
                | BidiClass::LRI
                | BidiClass::RLI
                | BidiClass::FSI
                | BidiClass::PDI
        )
}

/// Append what `cluster` shows to `out`: removed characters dropped, a dotted circle under a
/// mark that lost its base. Returns false (and appends nothing) when nothing is left to show.
pub fn push_display(cluster: &str, out: &mut String) -> bool {
    let start = out.len();
    for c in cluster.chars() {
        if is_removed_after_reorder(c) || super::sanitize::is_terminal_control(c) {
            continue;
        }
        if out.len() == start && c.width() == Some(0) && !c.is_whitespace() {
            out.push(DOTTED_CIRCLE);
        }
        out.push(c);
    }
    out.len() > start
}

#[cfg(test)]
mod tests {
    use super::*;

    fn display(s: &str) -> Option<String> {
        let mut out = String::new();
        push_display(s, &mut out).then_some(out)
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
