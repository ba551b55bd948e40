//! `Reader`: the reading view. Draws the open article's document (laid out by the app at the
//! pane's width) from its scroll position: title, source line, paragraphs, right-to-left ones
//! right-aligned, the highlighted actor's mentions in the mention style and the mention that
//! `n`/`N` went to in its own. The position ("12/80") sits on the bottom border.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Widget};

use crate::app::{App, Document, LineKind, MentionLine, Pane, STYLE_MENTION, STYLE_SEARCH};
use crate::text::Cell;

use super::line::{draw_line, draw_text};
use super::theme::Theme;

/// The reading view, drawn from the app's state.
pub struct Reader<'a> {
    /// The state.
    pub app: &'a App,
    /// The styles.
    pub theme: &'a Theme,
}

impl Widget for &Reader<'_> {
    fn render(self, _area: Rect, buf: &mut Buffer) {
        let Some(area) = self.app.screen().reader else {
            return;
        };
        let app = self.app;
        let theme = self.theme;
        let reader = app.reader();
        let document = reader
            .document
            .as_deref()
            .filter(|_| reader.article.is_some());
        let mut block = Block::new()
            .borders(Borders::ALL)
            .border_style(if app.focus() == Pane::Reader {
                theme.border_focused
            } else {
                theme.border
            })
            .title(" Reader ");
        if let Some(document) = document {
            block = block.title_bottom(
                Line::from(position(document, reader.scroll, area.body.height)).right_aligned(),
            );
        }
        block.render(area.outer, buf);

        let Some(document) = document else {
            let note = if app.load_status().finished {
                "No article open: choose one in the list (Enter)"
            } else {
                "loading…"
            };
            draw_text(
                buf,
                Rect {
                    height: 1,
                    ..area.body
                },
                note,
                theme.dim,
                app.shaping(),
            );
            return;
        };
        let current = reader.mention.and_then(|i| document.mentions.get(i));
        for (y, line) in
            (area.body.y..area.body.bottom()).zip(document.lines.iter().skip(reader.scroll))
        {
            let base = match line.kind {
                LineKind::Title => theme.title,
                LineKind::Meta => theme.meta,
                LineKind::Body | LineKind::Blank => theme.text,
            };
            let row = Rect {
                y,
                height: 1,
                ..area.body
            };
            draw_line(buf, row, &line.visual, |cell| {
                cell_style(cell, line.block, base, current, theme)
            });
        }
    }
}

/// The style of one cell: mentions of the highlighted actor and hits of the search stand out,
/// the one `n`/`N` went to most.
fn cell_style(
    cell: &Cell,
    block: usize,
    base: Style,
    current: Option<&MentionLine>,
    theme: &Theme,
) -> Style {
    let style = match cell.style {
        STYLE_MENTION => theme.mention,
        STYLE_SEARCH => theme.search_hit,
        _ => return base,
    };
    let is_current = current.is_some_and(|m| {
        let range = m.place.range();
        m.place.block() == block && range.start < cell.logical.end && cell.logical.start < range.end
    });
    base.patch(if is_current {
        theme.current_mention
    } else {
        style
    })
}

/// " 12/80 ": the last line shown, of all lines.
fn position(document: &Document, scroll: usize, height: u16) -> String {
    let total = document.lines.len();
    let last = (scroll + usize::from(height)).min(total);
    format!(" {last}/{total} ")
}
