//! Fitting text into a given number of cells on one line: cut at its logical end between
//! grapheme clusters with an ellipsis there (which shows on the left of Arabic), and a cache
//! of such lines for what an interface redraws every frame (list titles, actor names).
//!
//! Part of the text layer: knows nothing of terminals or widgets. Imports std,
//! unicode-segmentation, unicode-bidi's classes, rustc-hash and the rest of `text`.

use std::cell::RefCell;
use std::sync::Arc;

use std::hash::BuildHasher;

use rustc_hash::{FxBuildHasher, FxHashMap};
use unicode_bidi::BidiClass;
use unicode_segmentation::UnicodeSegmentation;

use super::bidi_data::bidi_class;
use super::{Alignment, Direction, LayoutOptions, VisualLine, cluster, layout};

/// The ellipsis put at the logical end of shortened text.
pub const ELLIPSIS: &str = "…";

/// A line with nothing on it.
pub fn empty_line() -> VisualLine {
    VisualLine {
        text: String::new(),
        cells: Vec::new(),
        width: 0,
        alignment: Alignment::Left,
        logical: 0..0,
    }
}

/// `text` as one unwrapped visual line at most `max_width` cells wide: when it is wider, the
/// logical text is cut between grapheme clusters, "…" is added at its logical end, and it is
/// laid out again.
pub fn fit_line(text: &str, max_width: usize, options: &LayoutOptions) -> VisualLine {
    if max_width == 0 {
        return empty_line();
    }
    if may_fit(text, max_width) {
        let whole = one_line(text, options);
        if whole.width <= max_width {
            return whole;
        }
    }
    // Logical widths add up to at least the visual width (shaping only ever joins), so a cut
    // where the logical width fits leaves room for the ellipsis.
    let mut cut = 0;
    let mut width = 0;
    for (at, grapheme) in text.grapheme_indices(true) {
        width += cluster::width(grapheme);
        if width > max_width - 1 {
            break;
        }
        cut = at + grapheme.len();
    }
    loop {
        let kept = text[..cut].trim_end();
        let mut shortened = kept.to_string();
        // The ellipsis is neutral: marks of the direction of the last strong letter on both
        // sides give it that direction (UAX #9 N1), so it stays at the end of the run it
        // shortens (an Arabic name in an English line ends on the left). The layer removes
        // the marks after reordering.
        let mark = match last_strong_direction(kept) {
            Some(Direction::Rtl) => "\u{200f}",
            Some(Direction::Ltr) => "\u{200e}",
            None => "",
        };
        shortened.push_str(mark);
        shortened.push_str(ELLIPSIS);
        shortened.push_str(mark);
        let line = one_line(&shortened, options);
        if line.width <= max_width || cut == 0 {
            return line;
        }
        cut = text[..cut]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(at, _)| at);
    }
}

/// False when `text` certainly does not fit in `max_width` cells, so that laying it out whole
/// would be wasted: its logical width is more than `max_width` even after every lam-alef
/// ligature (the only thing that makes visual text narrower than logical text, once the text
/// is free of control characters and escape sequences, which the layer would remove).
fn may_fit(text: &str, max_width: usize) -> bool {
    if text.chars().any(|c| c.is_control()) {
        return true;
    }
    let mut width = 0;
    let mut lams = 0;
    for grapheme in text.graphemes(true) {
        width += cluster::width(grapheme);
        lams += usize::from(grapheme.starts_with('\u{0644}'));
        if width > max_width + lams + 1 {
            return false;
        }
    }
    width <= max_width + lams
}

/// The direction of the last strong letter of `text`.
fn last_strong_direction(text: &str) -> Option<Direction> {
    text.chars().rev().find_map(|c| match bidi_class(c) {
        BidiClass::L => Some(Direction::Ltr),
        BidiClass::R | BidiClass::AL => Some(Direction::Rtl),
        _ => None,
    })
}

/// `text` laid out as one unwrapped line.
pub fn one_line(text: &str, options: &LayoutOptions) -> VisualLine {
    layout(text, &[], 0, options)
        .into_iter()
        .next()
        .unwrap_or_else(empty_line)
}

/// Lines fitted by [`fit_line`], remembered by text, width and options, so that a screen
/// redrawn on every key (list titles, actor names) lays each one out once. Holds at most
/// [`FitCache::CAPACITY`] lines, then starts afresh. Interior mutability, so that drawing
/// code, which only borrows state, can fill it.
#[derive(Debug, Default)]
pub struct FitCache {
    /// By a hash of the text; the text is kept to tell a hash collision from a hit.
    lines: RefCell<FxHashMap<FitKey, Fitted>>,
}

/// A hash of the text, the width and the options.
type FitKey = (u64, usize, LayoutOptions);
/// The text and its fitted line.
type Fitted = (Box<str>, Arc<VisualLine>);

impl FitCache {
    /// Lines kept before the cache is emptied: many screenfuls.
    pub const CAPACITY: usize = 8_192;

    /// `text` fitted to `max_width` with `options`: laid out now, or remembered.
    pub fn fit(&self, text: &str, max_width: usize, options: &LayoutOptions) -> Arc<VisualLine> {
        let key = (FxBuildHasher.hash_one(text), max_width, *options);
        if let Some((kept, line)) = self.lines.borrow().get(&key)
            && **kept == *text
        {
            return Arc::clone(line);
        }
        let line = Arc::new(fit_line(text, max_width, options));
        let mut lines = self.lines.borrow_mut();
        if lines.len() >= Self::CAPACITY {
            lines.clear();
        }
        lines.insert(key, (text.into(), Arc::clone(&line)));
        line
    }

    /// Lines held now.
    pub fn len(&self) -> usize {
        self.lines.borrow().len()
    }

    /// True when nothing is held.
    pub fn is_empty(&self) -> bool {
        self.lines.borrow().is_empty()
    }
}

/// A clone starts empty: cached lines are cheap to make again and a clone may be drawn at
/// another size.
impl Clone for FitCache {
    fn clone(&self) -> Self {
        FitCache::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::BaseDirection;

    fn interface_options(shaping: bool) -> LayoutOptions {
        LayoutOptions {
            direction: BaseDirection::Ltr,
            neutral: Direction::Ltr,
            shaping,
        }
    }

    fn cells(line: &VisualLine) -> Vec<&str> {
        (0..line.cells.len()).map(|i| line.cell_text(i)).collect()
    }

    #[test]
    fn fitting_cuts_at_the_logical_end() {
        let ltr = interface_options(false);
        assert_eq!(fit_line("Vladimir Putin", 20, &ltr).text, "Vladimir Putin");
        assert_eq!(fit_line("Vladimir Putin", 10, &ltr).text, "Vladimir…");
        assert_eq!(fit_line("Vladimir Putin", 1, &ltr).text, "…");
        assert_eq!(fit_line("Vladimir Putin", 0, &ltr).width, 0);
        let rtl = LayoutOptions {
            shaping: false,
            ..LayoutOptions::default()
        };
        // Arabic: the ellipsis is at the logical end, which shows on the left.
        let line = fit_line("فلاديمير بوتين", 9, &rtl);
        assert_eq!(line.alignment, Alignment::Right);
        assert!(line.width <= 9);
        assert_eq!(cells(&line)[0], "…");
        assert_eq!(line.text, "…ريميدالف");
    }

    #[test]
    fn the_ellipsis_stays_with_the_run_it_shortens() {
        let ltr = interface_options(false);
        // An Arabic name at the end of an English line: the ellipsis is on its left.
        let line = fit_line("Often with الولايات المتحدة", 21, &ltr);
        assert_eq!(line.text, "Often with …تايالولا");
        // A Latin name at the end of an Arabic line: the ellipsis is on its right.
        let rtl = LayoutOptions {
            shaping: false,
            ..LayoutOptions::default()
        };
        let line = fit_line("قال Donald Trump", 14, &rtl);
        assert_eq!(line.text, "Donald Tr… لاق", "{:?}", line.text);
    }

    #[test]
    fn the_shortcut_never_changes_the_result() {
        let options = [
            interface_options(false),
            LayoutOptions::default(),
            LayoutOptions {
                shaping: false,
                ..LayoutOptions::default()
            },
        ];
        let texts = [
            "فلاديمير بوتين",
            "لا لا لا لا لا لا",
            "الإسلام والسلام لألأ",
            "Often with الولايات المتحدة",
            "a\tb\u{1b}[31mred",
            "日本語のテキスト",
            "",
        ];
        for text in texts {
            for option in &options {
                let whole = one_line(text, option);
                for width in 1..=whole.width + 2 {
                    let fitted = fit_line(text, width, option);
                    assert!(fitted.width <= width, "{text:?} at {width}");
                    if whole.width <= width {
                        assert_eq!(fitted.text, whole.text, "{text:?} at {width} fits whole");
                    }
                }
            }
        }
    }

    #[test]
    fn the_cache_returns_the_same_line_by_text_width_and_options() {
        let cache = FitCache::default();
        let options = LayoutOptions::default();
        let first = cache.fit("فلاديمير بوتين", 9, &options);
        let again = cache.fit("فلاديمير بوتين", 9, &options);
        assert!(Arc::ptr_eq(&first, &again));
        assert_eq!(*first, fit_line("فلاديمير بوتين", 9, &options));
        let other = cache.fit("دونالد ترامب", 9, &options);
        assert_eq!(*other, fit_line("دونالد ترامب", 9, &options));
        let wider = cache.fit("فلاديمير بوتين", 20, &options);
        assert_eq!(wider.text, fit_line("فلاديمير بوتين", 20, &options).text);
        let unshaped = LayoutOptions {
            shaping: false,
            ..options
        };
        cache.fit("فلاديمير بوتين", 9, &unshaped);
        assert_eq!(cache.len(), 4);
        for n in 0..FitCache::CAPACITY {
            cache.fit(&n.to_string(), 9, &options);
        }
        assert!(cache.len() <= FitCache::CAPACITY);
        assert!(cache.clone().is_empty());
    }
}
