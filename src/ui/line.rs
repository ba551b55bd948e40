//! Drawing the text layer's visual lines into a ratatui buffer, and laying out the short texts
//! of the interface (names, headers, messages) through the same layer, shortened at their
//! logical end so that an ellipsis lands where the text ends: on the left of Arabic.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_bidi::BidiClass;
use unicode_segmentation::UnicodeSegmentation;

use crate::text::bidi_data::bidi_class;
use crate::text::{
    Alignment, BaseDirection, Cell, Direction, LayoutOptions, VisualLine, cluster, layout,
};

/// The ellipsis put at the logical end of shortened text.
pub const ELLIPSIS: &str = "…";

/// Options for the interface's own lines: left-to-right paragraphs (names in any script are
/// reordered inside them), shaped when the reader shapes.
pub fn interface_options(shaping: bool) -> LayoutOptions {
    LayoutOptions {
        direction: BaseDirection::Ltr,
        neutral: Direction::Ltr,
        shaping,
    }
}

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
    let whole = one_line(text, options);
    if whole.width <= max_width {
        return whole;
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

/// Draws `line` on the row of `area`, at the left or right edge by its alignment, each cell
/// styled by `style_of`. Cells that do not fit are left out (the end that is cut is the one
/// away from the alignment edge). Returns the columns used, left edge first.
pub fn draw_line(
    buf: &mut Buffer,
    area: Rect,
    line: &VisualLine,
    style_of: impl Fn(&Cell) -> Style,
) -> Rect {
    let available = usize::from(area.width);
    let (start, skip) = match line.alignment {
        Alignment::Left => (area.x, 0),
        Alignment::Right if line.width <= available => (area.right() - line.width as u16, 0),
        // Too wide and right-aligned: keep the right end, drop cells on the left.
        Alignment::Right => (area.x, line.width - available),
    };
    let mut x = start;
    let mut skipped = 0;
    for (index, cell) in line.cells.iter().enumerate() {
        if skipped < skip {
            skipped += cell.width;
            continue;
        }
        let right = usize::from(x) + cell.width;
        if right > usize::from(area.right()) {
            break;
        }
        let style = style_of(cell);
        if let Some(target) = buf.cell_mut((x, area.y)) {
            target.set_symbol(line.cell_text(index)).set_style(style);
        }
        // A wide character covers the cells after it: clear them as ratatui itself does.
        for covered in 1..cell.width {
            if let Some(target) = buf.cell_mut((x + covered as u16, area.y)) {
                target.reset();
                target.set_style(style);
            }
        }
        x += cell.width as u16;
    }
    Rect {
        x: start,
        width: x - start,
        ..area
    }
}

/// Lays `text` out as an interface line fitted to `area`'s width and draws it at its left
/// edge in one style. Returns the columns used.
pub fn draw_text(buf: &mut Buffer, area: Rect, text: &str, style: Style, shaping: bool) -> Rect {
    let line = fit_line(text, usize::from(area.width), &interface_options(shaping));
    draw_line(buf, area, &line, |_| style)
}

/// Like [`draw_text`], but ending at the right edge of `area`.
pub fn draw_text_right(
    buf: &mut Buffer,
    area: Rect,
    text: &str,
    style: Style,
    shaping: bool,
) -> Rect {
    let line = fit_line(text, usize::from(area.width), &interface_options(shaping));
    let used = line.width as u16;
    let right = Rect {
        x: area.right() - used,
        width: used,
        ..area
    };
    draw_line(buf, right, &line, |_| style)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_drawn_line_is_the_layers_cells_right_aligned() {
        let options = LayoutOptions::default();
        let line = one_line("سلام عليكم", &options);
        let area = Rect::new(0, 0, 20, 1);
        let mut buf = Buffer::empty(area);
        let used = draw_line(&mut buf, area, &line, |_| Style::new());
        assert_eq!(used.right(), 20);
        let drawn: Vec<&str> = (used.x..20).map(|x| buf[(x, 0)].symbol()).collect();
        assert_eq!(drawn, cells(&line));
        assert_eq!(buf[(0, 0)].symbol(), " ");
    }

    #[test]
    fn wide_characters_cover_the_next_cell_and_lines_never_overflow() {
        let options = LayoutOptions::default();
        let line = one_line("日本語", &options);
        let area = Rect::new(0, 0, 5, 1);
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 1));
        let used = draw_line(&mut buf, area, &line, |_| Style::new());
        assert_eq!(used.width, 4, "the third wide character does not fit in 5");
        assert_eq!(buf[(0, 0)].symbol(), "日");
        assert_eq!(buf[(2, 0)].symbol(), "本");
        assert_eq!(buf[(4, 0)].symbol(), " ");
    }
}
