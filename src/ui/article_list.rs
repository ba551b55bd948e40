//! `ArticleList`: the list pane. A header with the count, the view (unread, starred), the
//! filter and load progress, then one row per article: a mark while unread, a star when
//! starred, the title laid out by the text layer (right-aligned when it is right-to-left,
//! shortened at its logical end), and its number of actors.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Widget};

use crate::app::{App, ListView, Pane};

use super::line::{draw_line, draw_text, draw_text_right};
use super::theme::Theme;

/// Columns for the unread mark, the star and the space after them.
const MARK_WIDTH: u16 = 3;
/// Columns for the actor count and the space before it.
const COUNT_WIDTH: u16 = 4;

/// The article list, drawn from the app's state.
pub struct ArticleList<'a> {
    /// The state.
    pub app: &'a App,
    /// The styles.
    pub theme: &'a Theme,
}

impl Widget for &ArticleList<'_> {
    fn render(self, _area: Rect, buf: &mut Buffer) {
        let Some(area) = self.app.screen().list else {
            return;
        };
        let app = self.app;
        let theme = self.theme;
        let focused = app.focus() == Pane::List;
        Block::new()
            .borders(Borders::ALL)
            .border_style(if focused {
                theme.border_focused
            } else {
                theme.border
            })
            .title(" Articles ")
            .render(area.outer, buf);

        let rows = app.list_rows();
        draw_text(buf, area.header, &header(app), theme.dim, app.shaping());

        let body = area.body;
        if rows.is_empty() {
            let note = match (app.view().name(), app.filter()) {
                _ if !app.load_status().finished => "loading…".to_string(),
                _ if app.active_search().is_some_and(|s| !s.is_done(app.store())) => {
                    "searching…".to_string()
                }
                _ if app.active_search().is_some() => "no article matches".to_string(),
                (None, Some(_)) => "no article names this actor".to_string(),
                (None, None) => "no articles".to_string(),
                // The header names the view and the actor.
                (Some(view), _) => format!("no {view} articles"),
            };
            draw_text(
                buf,
                Rect { height: 1, ..body },
                &note,
                theme.dim,
                app.shaping(),
            );
            return;
        }
        let selected_style = if focused {
            theme.selected
        } else {
            theme.selected_unfocused
        };
        let offset = app.list().offset;
        for (y, row) in (body.y..body.bottom()).zip(offset..rows.len()) {
            let Some(index) = rows.get(row) else { break };
            if index >= app.store().len() {
                break;
            }
            let line_area = Rect {
                y,
                height: 1,
                ..body
            };
            let base = if row == app.list().selected {
                buf.set_style(line_area, selected_style);
                theme.text.patch(selected_style)
            } else {
                theme.text
            };
            if !app.is_read(index) {
                draw_text(buf, line_area, "•", base.patch(theme.unread), app.shaping());
            }
            if app.is_starred(index) {
                let star_area = Rect {
                    x: body.x + 1,
                    width: 1,
                    ..line_area
                };
                draw_text(
                    buf,
                    star_area,
                    "★",
                    base.patch(theme.starred),
                    app.shaping(),
                );
            }
            let count = match app.mentions(index) {
                Some(mentions) if mentions.actors.len() > 999 => "999+".to_string(),
                Some(mentions) => mentions.actors.len().to_string(),
                None => "·".to_string(),
            };
            draw_text_right(buf, line_area, &count, base.patch(theme.dim), app.shaping());
            let title_area = Rect {
                x: body.x + MARK_WIDTH,
                width: body.width.saturating_sub(MARK_WIDTH + COUNT_WIDTH),
                ..line_area
            };
            let title = app.fitted_title(index, usize::from(title_area.width));
            draw_line(buf, title_area, &title, |_| base);
        }
    }
}

/// "5 articles", "2 of 5 · بوتين", "3 unread of 5", "1 starred of 5 · بوتين", "4 of 5 ·
/// /ترامب" with a search, and "· loading" while loading.
fn header(app: &App) -> String {
    let total = app.store().len();
    let shown = app.list_rows().len();
    let search = app.active_search();
    let mut text = match (app.view(), app.filter()) {
        (ListView::All, None) if search.is_none() && total == 1 => "1 article".to_string(),
        (ListView::All, None) if search.is_none() => format!("{total} articles"),
        (view, filter) => {
            let mut text = match view.name() {
                Some(name) => format!("{shown} {name} of {total}"),
                None => format!("{shown} of {total}"),
            };
            if let Some(key) = filter {
                text.push_str(" · ");
                text.push_str(&app.actor_names(key).display(key));
            }
            if let Some(search) = search {
                // An isolate: an Arabic query must not reorder the counts around it.
                text.push_str(" · /\u{2068}");
                text.push_str(search.query.text());
                text.push('\u{2069}');
            }
            text
        }
    };
    // The numbers are in the status bar.
    if !app.load_status().finished {
        text.push_str(" · loading");
    }
    text
}
