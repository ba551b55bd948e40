//! The bidi layer: one paragraph of logical text → visual lines of terminal cells.
//!
//! The pipeline follows UAX #9 and is named after it, one tested step per module:
//! [`sanitize`] → [`paragraph`] (P2/P3 base direction, levels by unicode-bidi) → [`shape`]
//! (Arabic presentation forms) → grapheme clusters ([`cluster`]) → [`wrap`] in logical order
//! → [`reorder`] each line (L1, L2 by cluster so L3 holds, L4 mirroring) → bidi controls
//! removed. Styles (byte ranges of the caller's text) survive all of it, and every cell knows
//! which logical bytes it shows.
//!
//! No ratatui here: the UI draws [`VisualLine`]s, already in visual order.

pub mod bidi_data;
pub mod cluster;
pub mod fit;
pub mod paragraph;
pub mod reorder;
pub mod sanitize;
pub mod shape;
mod shape_table;
pub mod wrap;

use std::ops::Range;

use unicode_bidi::{BidiClass, Level};

pub use paragraph::{BaseDirection, Direction};
use wrap::WrapUnit;

/// Identifies a style (a highlight, a search hit); the UI maps it to colours. 0 is plain text.
pub type StyleId = u16;

/// A style over a byte range of the paragraph's logical text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StyleSpan {
    pub range: Range<usize>,
    pub style: StyleId,
}

/// How to lay a paragraph out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LayoutOptions {
    pub direction: BaseDirection,
    /// The direction of a paragraph with no strong character under `Auto` (a feed's
    /// language hint; P3 says LTR).
    pub neutral: Direction,
    /// Arabic letters into presentation forms (needed by terminals that do not join).
    pub shaping: bool,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            direction: BaseDirection::Auto,
            neutral: Direction::Ltr,
            shaping: true,
        }
    }
}

/// Where a line sits in its area: RTL paragraphs are right-aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alignment {
    Left,
    Right,
}

/// One terminal cell's content: a grapheme cluster in visual form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// Byte range of what the cell shows in [`VisualLine::text`].
    pub text: Range<usize>,
    /// Byte range of the caller's logical text the cell stands for.
    pub logical: Range<usize>,
    pub style: StyleId,
    /// Cell width (1, or 2 for wide characters).
    pub width: usize,
    /// At an odd (right-to-left) level.
    pub rtl: bool,
}

/// One line, ready to draw left to right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisualLine {
    /// The cells' text, concatenated in visual order.
    pub text: String,
    /// Cells in visual order (left to right).
    pub cells: Vec<Cell>,
    /// Total width in cells.
    pub width: usize,
    pub alignment: Alignment,
    /// Byte range of the caller's logical text this line covers.
    pub logical: Range<usize>,
}

impl VisualLine {
    /// What cell `index` shows.
    pub fn cell_text(&self, index: usize) -> &str {
        &self.text[self.cells[index].text.clone()]
    }

    /// Logical → visual: the cell showing logical byte `byte`, if it is on this line.
    pub fn visual_index(&self, byte: usize) -> Option<usize> {
        self.cells.iter().position(|c| c.logical.contains(&byte))
    }

    /// Visual → logical: the logical byte range shown by cell `index`.
    pub fn logical_range(&self, index: usize) -> Range<usize> {
        self.cells[index].logical.clone()
    }
}

/// A grapheme cluster after shaping, with everything line layout needs.
#[derive(Debug, Clone)]
struct PreparedCluster {
    /// What it shows (removed characters dropped), in `PreparedParagraph::display`.
    display: Range<usize>,
    logical: Range<usize>,
    level: Level,
    /// The class L1 looks at.
    class: BidiClass,
}

/// Which parts of a [`PreparedParagraph`] its caller will use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Preparation {
    /// Everything, UAX #14 break opportunities included: the paragraph may be wrapped.
    Wrapped,
    /// No break opportunities: one unwrapped line.
    Unwrapped,
    /// Only what the unwrapped line's text needs: clusters' display text, levels and classes,
    /// no wrap units and no logical ranges (left empty), so never given to [`wrap`] or cells.
    TextOnly,
}

/// The width-independent part of a layout: levels, shaping, clusters and break opportunities.
/// Keep it to re-wrap at another width without redoing them.
#[derive(Debug, Clone)]
pub struct PreparedParagraph {
    direction: Direction,
    display: String,
    clusters: Vec<PreparedCluster>,
    units: Vec<WrapUnit>,
    /// Every cluster is at the paragraph level ([`paragraph::Levels::uniform`]).
    uniform: bool,
}

impl PreparedParagraph {
    /// Steps 1–4 and clustering for one paragraph of logical text.
    pub fn new(text: &str, options: &LayoutOptions) -> Self {
        Self::prepare(text, options, Preparation::Wrapped)
    }

    /// `what` says which parts the caller will use; the others are skipped.
    fn prepare(text: &str, options: &LayoutOptions, what: Preparation) -> Self {
        let sanitized = sanitize::sanitize(text);
        let clean: &str = &sanitized.text;
        let direction = paragraph::base_direction(clean, options.direction, options.neutral);
        let levels = paragraph::resolve_levels(clean, direction);
        // When every character is at the paragraph level, shaping need not compare levels.
        let shaped = if options.shaping && levels.uniform {
            let level = levels.levels.first().copied().unwrap_or_else(Level::ltr);
            shape::shape(clean, |_| level)
        } else if options.shaping {
            shape::shape(clean, |byte| levels.levels[byte])
        } else {
            shape::Shaped {
                text: String::new(),
                sources: Vec::new(),
            }
        };
        let shaped_text: &str = if options.shaping { &shaped.text } else { clean };

        // Break opportunities come in text order, as the clusters do: walk them in step.
        let mut breaks = (what == Preparation::Wrapped)
            .then(|| unicode_linebreak::linebreaks(shaped_text))
            .into_iter()
            .flatten()
            .map(|(at, _)| at)
            .peekable();
        let mut display = String::with_capacity(shaped_text.len());
        let estimated_clusters = shaped_text.len() / 2 + 1;
        let mut clusters = Vec::with_capacity(estimated_clusters);
        let mut units = Vec::with_capacity(if what == Preparation::TextOnly {
            0
        } else {
            estimated_clusters
        });
        let mut source_index = 0;
        for (at, grapheme) in cluster::graphemes(shaped_text) {
            let end = at + grapheme.len();
            // Sanitised-text bytes this cluster stands for.
            let (source_start, source_end) = if options.shaping {
                let first = source_index;
                let mut start = usize::MAX;
                let mut stop = 0;
                while source_index < shaped.sources.len() && shaped.sources[source_index].at < end {
                    let s = shaped.sources[source_index];
                    start = start.min(s.start);
                    stop = stop.max(s.end);
                    source_index += 1;
                }
                debug_assert!(source_index > first);
                (start, stop)
            } else {
                (at, end)
            };
            let display_start = display.len();
            let shown_width = cluster::push_display(grapheme, &mut display).unwrap_or(0);
            let class = levels.classes[source_start];
            if what == Preparation::TextOnly {
                clusters.push(PreparedCluster {
                    display: display_start..display.len(),
                    logical: 0..0,
                    level: levels.levels[source_start],
                    class,
                });
                continue;
            }
            let shown = &display[display_start..];
            // A space carrying a mark shows the mark: it is content, not breakable whitespace.
            let is_whitespace = class == BidiClass::WS
                && !shown.is_empty()
                && shown.chars().all(char::is_whitespace);
            units.push(WrapUnit {
                width: shown_width,
                is_whitespace,
                break_before: {
                    while breaks.next_if(|&b| b < at).is_some() {}
                    breaks.next_if_eq(&at).is_some() && at > 0
                },
            });
            clusters.push(PreparedCluster {
                display: display_start..display.len(),
                logical: sanitized.origin(source_start)..sanitized.origin(source_end),
                level: levels.levels[source_start],
                class,
            });
        }
        PreparedParagraph {
            direction,
            display,
            clusters,
            units,
            uniform: levels.uniform,
        }
    }

    /// The paragraph's resolved base direction.
    pub fn direction(&self) -> Direction {
        self.direction
    }

    /// Steps 5–7: wrap at `width` cells (0 = no wrapping), reorder each line, apply styles.
    pub fn lines(&self, width: usize, spans: &[StyleSpan]) -> Vec<VisualLine> {
        let alignment = if self.direction.is_rtl() {
            Alignment::Right
        } else {
            Alignment::Left
        };
        let paragraph_level = self.paragraph_level();
        debug_assert_eq!(
            self.units.len(),
            self.clusters.len(),
            "a TextOnly preparation"
        );
        wrap::wrap(&self.units, width)
            .into_iter()
            .map(|range| self.visual_line(range, paragraph_level, alignment, spans))
            .collect()
    }

    fn paragraph_level(&self) -> Level {
        if self.direction.is_rtl() {
            Level::rtl()
        } else {
            Level::ltr()
        }
    }

    /// Steps 6–7 for the clusters in `range`, one line: L1, L2, then each shown cluster's text
    /// (L4-mirrored) appended to `text` in visual order, and `visit` told the cluster's index,
    /// the range it was given in `text` and whether it is right-to-left.
    fn reorder_line(
        &self,
        range: Range<usize>,
        paragraph_level: Level,
        text: &mut String,
        mut visit: impl FnMut(usize, Range<usize>, bool),
    ) {
        let clusters = &self.clusters[range.clone()];
        let mut push = |index: usize, rtl: bool| {
            let cluster = &clusters[index];
            if cluster.display.is_empty() {
                return;
            }
            let start = text.len();
            reorder::push_mirrored_str(&self.display[cluster.display.clone()], rtl, text);
            visit(range.start + index, start..text.len(), rtl);
        };
        if self.uniform {
            // Every level is the paragraph level: L1 can only set levels to it, so it changes
            // nothing, and L2 reverses the whole line once when that level is odd.
            let rtl = paragraph_level.is_rtl();
            if rtl {
                (0..clusters.len()).rev().for_each(|index| push(index, rtl));
            } else {
                (0..clusters.len()).for_each(|index| push(index, rtl));
            }
            return;
        }
        let classes: Vec<BidiClass> = clusters.iter().map(|c| c.class).collect();
        let mut levels: Vec<Level> = clusters.iter().map(|c| c.level).collect();
        reorder::reset_trailing_whitespace(&classes, &mut levels, paragraph_level);
        for index in reorder::visual_order(&levels) {
            push(index, levels[index].is_rtl());
        }
    }

    fn visual_line(
        &self,
        range: Range<usize>,
        paragraph_level: Level,
        alignment: Alignment,
        spans: &[StyleSpan],
    ) -> VisualLine {
        let clusters = &self.clusters[range.clone()];
        let mut text = String::with_capacity(self.display.len().min(4 * clusters.len() + 16));
        let mut cells = Vec::with_capacity(clusters.len());
        let mut line_width = 0;
        self.reorder_line(
            range.clone(),
            paragraph_level,
            &mut text,
            |index, shown, rtl| {
                let cluster = &self.clusters[index];
                let width = self.units[index].width;
                line_width += width;
                cells.push(Cell {
                    text: shown,
                    logical: cluster.logical.clone(),
                    style: style_at(spans, &cluster.logical),
                    width,
                    rtl,
                });
            },
        );
        let logical = match (clusters.first(), clusters.last()) {
            (Some(first), Some(last)) => first.logical.start..last.logical.end,
            _ => self
                .clusters
                .get(range.start)
                .map_or(0..0, |c| c.logical.start..c.logical.start),
        };
        VisualLine {
            text,
            cells,
            width: line_width,
            alignment,
            logical,
        }
    }
}

/// The style of a cell: the last span that overlaps any of its bytes, so a highlight covers
/// whole clusters and shaped letters stay joined.
fn style_at(spans: &[StyleSpan], logical: &Range<usize>) -> StyleId {
    spans
        .iter()
        .rev()
        .find(|s| s.range.start < logical.end && logical.start < s.range.end)
        .map_or(0, |s| s.style)
}

/// Lay out one paragraph: the whole pipeline at once. `width == 0`: one unwrapped line.
pub fn layout(
    text: &str,
    spans: &[StyleSpan],
    width: usize,
    options: &LayoutOptions,
) -> Vec<VisualLine> {
    let what = if width > 0 {
        Preparation::Wrapped
    } else {
        Preparation::Unwrapped
    };
    PreparedParagraph::prepare(text, options, what).lines(width, spans)
}

/// The text of `layout(text, &[], 0, options)`'s one line, appended to `out`: the same
/// pipeline, without the cells, styles and logical ranges a caller that only prints needs not.
pub fn push_unwrapped(text: &str, options: &LayoutOptions, out: &mut String) {
    let prepared = PreparedParagraph::prepare(text, options, Preparation::TextOnly);
    prepared.reorder_line(
        0..prepared.clusters.len(),
        prepared.paragraph_level(),
        out,
        |_, _, _| {},
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, width: usize, shaping: bool) -> Vec<String> {
        let options = LayoutOptions {
            shaping,
            ..LayoutOptions::default()
        };
        layout(text, &[], width, &options)
            .into_iter()
            .map(|l| l.text)
            .collect()
    }

    #[test]
    fn rtl_paragraph_is_reversed_and_right_aligned() {
        let lines = layout("سلام عليكم", &[], 0, &LayoutOptions::default());
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].alignment, Alignment::Right);
        assert_eq!(texts("ابت ثج", 0, false), ["جث تبا"]);
    }

    #[test]
    fn numbers_and_latin_keep_their_order_inside_rtl() {
        assert_eq!(
            texts("في 2024 قال Donald Trump", 0, false),
            ["Donald Trump لاق 2024 يف"]
        );
    }

    #[test]
    fn marks_stay_after_their_letter() {
        // L3 by cluster: بَت reversed is ت بَ, the fatha still after ب.
        assert_eq!(texts("بَت", 0, false), ["تبَ"]);
    }

    #[test]
    fn brackets_are_mirrored_in_rtl_runs() {
        assert_eq!(texts("قال (نعم)", 0, false), ["(معن) لاق"]);
        assert_eq!(texts("«نعم»", 0, false), ["«معن»"]);
    }

    #[test]
    fn wrapping_is_logical_then_each_line_reordered() {
        // Logical lines "اب جد" / "هو"; each reversed on its own.
        assert_eq!(texts("اب جد هو", 5, false), ["دج با", "وه"]);
    }

    #[test]
    fn controls_never_come_out() {
        let out = texts(
            "a\u{1b}]52;c;eA==\u{7}b \u{202e}abc\u{202c} \u{9b}31m",
            0,
            true,
        );
        assert_eq!(out, ["ab cba "]);
    }

    #[test]
    fn cells_map_back_to_logical_bytes() {
        let text = "لا بد";
        let lines = layout(text, &[], 0, &LayoutOptions::default());
        let line = &lines[0];
        // Visual: د ب ␠ لا — the ligature cell covers both logical letters.
        let last = line.cells.len() - 1;
        assert_eq!(line.logical_range(last), 0.."لا".len());
        assert_eq!(line.visual_index(0), Some(last));
        assert_eq!(line.visual_index("لا ".len()), Some(1));
    }

    #[test]
    fn styles_cover_whole_clusters_after_reordering() {
        let text = "قال بوتين اليوم";
        let start = text.find("بوتين").unwrap();
        let spans = [StyleSpan {
            range: start..start + "بوتين".len(),
            style: 7,
        }];
        let line = &layout(text, &spans, 0, &LayoutOptions::default())[0];
        let styled: Vec<usize> = (0..line.cells.len())
            .filter(|&i| line.cells[i].style == 7)
            .collect();
        assert_eq!(styled.len(), 5);
        assert!(styled.windows(2).all(|w| w[1] == w[0] + 1), "contiguous");
        let shown: String = styled.iter().map(|&i| line.cell_text(i)).collect();
        assert_eq!(shown, "\u{fee6}\u{fef4}\u{fe97}\u{feee}\u{fe91}");
    }

    #[test]
    fn width_is_measured_on_the_visual_cells() {
        let lines = layout("سلامٌ عليكم", &[], 0, &LayoutOptions::default());
        assert_eq!(lines[0].width, 9);
        let unshaped = layout(
            "سلامٌ عليكم",
            &[],
            0,
            &LayoutOptions {
                shaping: false,
                ..LayoutOptions::default()
            },
        );
        assert_eq!(unshaped[0].width, 10);
    }

    #[test]
    fn empty_paragraph_is_one_empty_line() {
        let lines = layout("", &[], 10, &LayoutOptions::default());
        assert_eq!(lines.len(), 1);
        assert!(lines[0].cells.is_empty());
    }
}
