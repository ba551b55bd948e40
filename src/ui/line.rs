//! Drawing the text layer's visual lines into a ratatui buffer, and laying out the short texts
//! of the interface (names, headers, messages) through the same layer, shortened at their
//! logical end so that an ellipsis lands where the text ends: on the left of Arabic.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use std::sync::Arc;

use crate::text::fit::FitCache;
pub use crate::text::fit::{ELLIPSIS, empty_line, fit_line, one_line};
use crate::text::{Alignment, BaseDirection, Cell, Direction, LayoutOptions, VisualLine};

/// Options for the interface's own lines: left-to-right paragraphs (names in any script are
/// reordered inside them), shaped when the reader shapes.
pub fn interface_options(shaping: bool) -> LayoutOptions {
    LayoutOptions {
        direction: BaseDirection::Ltr,
        neutral: Direction::Ltr,
        shaping,
    }
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
    let line = fit_interface_text(text, usize::from(area.width), shaping);
    draw_line(buf, area, &line, |_| style)
}

thread_local! {
    /// The interface's own short texts (headers, counts, hints, messages) fitted to their
    /// places: the same few dozen every frame, so laid out once each.
    static INTERFACE_TEXTS: FitCache = FitCache::default();
}

/// `text` as an interface line of at most `max_width` cells (see [`fit_line`]), cached.
fn fit_interface_text(text: &str, max_width: usize, shaping: bool) -> Arc<VisualLine> {
    INTERFACE_TEXTS.with(|cache| cache.fit(text, max_width, &interface_options(shaping)))
}

/// Like [`draw_text`], but ending at the right edge of `area`.
pub fn draw_text_right(
    buf: &mut Buffer,
    area: Rect,
    text: &str,
    style: Style,
    shaping: bool,
) -> Rect {
    let line = fit_interface_text(text, usize::from(area.width), shaping);
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
