//! `ActorSidebar`: the actor pane. One row per actor (a marker on the highlighted one, its
//! kind, its count, the English name on the left and the Arabic name right-aligned, both laid
//! out by the text layer), unconfirmed names under their own heading, and below the list the
//! actors the selected one appears with most.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Widget};

use crate::actors::ActorKind;
use crate::app::{App, Pane, SidebarMode, SidebarNote, SidebarRow, split_body};
use crate::store::ActorKey;
use crate::text::LayoutOptions;
use crate::text::fit::FitCache;

use super::line::{draw_line, draw_text, draw_text_right, interface_options};
use super::theme::Theme;

/// Columns before the names: marker, kind, space, count (4), space.
const PREFIX_WIDTH: u16 = 8;

/// The actor sidebar, drawn from the app's state.
pub struct ActorSidebar<'a> {
    /// The state.
    pub app: &'a App,
    /// The styles.
    pub theme: &'a Theme,
}

impl Widget for &ActorSidebar<'_> {
    fn render(self, _area: Rect, buf: &mut Buffer) {
        let Some(area) = self.app.screen().sidebar else {
            return;
        };
        let app = self.app;
        let theme = self.theme;
        let state = app.sidebar();
        let focused = app.focus() == Pane::Actors;
        let title = match state.mode {
            SidebarMode::Article => " Actors ",
            SidebarMode::All => " All actors ",
        };
        Block::new()
            .borders(Borders::ALL)
            .border_style(if focused {
                theme.border_focused
            } else {
                theme.border
            })
            .title(title)
            .render(area.outer, buf);

        let (list, co) = split_body(area.body, state.co_rows());
        let selected_style = if focused {
            theme.selected
        } else {
            theme.selected_unfocused
        };
        for (y, index) in (list.y..list.bottom()).zip(state.offset..state.rows.len()) {
            let row_area = Rect {
                y,
                height: 1,
                ..list
            };
            match state.rows[index] {
                SidebarRow::UnconfirmedHeading => {
                    draw_text(buf, row_area, "Unconfirmed", theme.heading, app.shaping());
                }
                SidebarRow::Note(note) => {
                    draw_text(
                        buf,
                        row_area,
                        &note_text(app, note),
                        theme.dim,
                        app.shaping(),
                    );
                }
                SidebarRow::Actor { key, count } => {
                    let base = if state.selected == Some(index) {
                        buf.set_style(row_area, selected_style);
                        theme.text.patch(selected_style)
                    } else {
                        theme.text
                    };
                    self.actor_row(buf, row_area, key, count, base);
                }
            }
        }
        if co.height > 0 {
            self.co_occurring(buf, co);
        }
    }
}

impl ActorSidebar<'_> {
    fn actor_row(&self, buf: &mut Buffer, area: Rect, key: ActorKey, count: usize, base: Style) {
        let app = self.app;
        let names = app.actor_names(key);
        let shaping = app.shaping();
        if app.filter() == Some(key) {
            draw_text(buf, area, "▶", base.patch(self.theme.active_actor), shaping);
        }
        let kind = match names.kind {
            Some(ActorKind::Person) => "P",
            Some(ActorKind::Organization) => "O",
            Some(ActorKind::Country) => "C",
            None => "?",
        };
        let kind_area = Rect {
            x: area.x + 1,
            width: 1,
            ..area
        };
        draw_text(buf, kind_area, kind, base.patch(self.theme.dim), shaping);
        let count_area = Rect {
            x: area.x + 3,
            width: 4.min(area.width.saturating_sub(3)),
            ..area
        };
        draw_text_right(
            buf,
            count_area,
            &compact_count(count),
            base.patch(self.theme.dim),
            shaping,
        );
        let names_area = Rect {
            x: area.x + PREFIX_WIDTH,
            width: area.width.saturating_sub(PREFIX_WIDTH),
            ..area
        };
        draw_names(
            self.app.fit_cache(),
            buf,
            names_area,
            names.english,
            names.arabic,
            base,
            shaping,
        );
    }

    fn co_occurring(&self, buf: &mut Buffer, area: Rect) {
        let app = self.app;
        let theme = self.theme;
        let shaping = app.shaping();
        let rule = "─".repeat(usize::from(area.width));
        draw_text(
            buf,
            Rect { height: 1, ..area },
            &rule,
            theme.border,
            shaping,
        );
        let heading = match app.sidebar().selected_actor() {
            Some(key) => format!("Often with {}", app.actor_names(key).display(key)),
            None => "Often with".to_string(),
        };
        let heading_area = Rect {
            y: area.y + 1,
            height: 1,
            ..area
        };
        draw_text(buf, heading_area, &heading, theme.heading, shaping);
        if app.sidebar().is_counting() {
            let row = Rect {
                y: area.y + 2,
                height: 1,
                ..area
            };
            if row.y < area.bottom() {
                draw_text(buf, row, " counting…", theme.dim, shaping);
            }
        }
        for (y, co) in (area.y + 2..area.bottom()).zip(&app.sidebar().co_occurring) {
            let row = Rect {
                y,
                height: 1,
                ..area
            };
            let count = Rect {
                x: area.x + 1,
                width: 6.min(area.width.saturating_sub(1)),
                ..row
            };
            let articles = usize::try_from(co.articles).unwrap_or(usize::MAX);
            let text = format!("{}×", compact_count(articles));
            draw_text_right(buf, count, &text, theme.dim, shaping);
            let names = app.actor_names(co.actor);
            let names_area = Rect {
                x: area.x + PREFIX_WIDTH,
                width: area.width.saturating_sub(PREFIX_WIDTH),
                ..row
            };
            draw_names(
                app.fit_cache(),
                buf,
                names_area,
                names.english,
                names.arabic,
                theme.text,
                shaping,
            );
        }
    }
}

/// The English name at the left edge and the Arabic one at the right. When both do not fit,
/// the Arabic name comes first: the English one gets what is left, if that is enough to read,
/// and each is shortened at its logical end.
fn draw_names(
    cache: &FitCache,
    buf: &mut Buffer,
    area: Rect,
    english: Option<&str>,
    arabic: Option<&str>,
    style: Style,
    shaping: bool,
) {
    let width = usize::from(area.width);
    let arabic_options = LayoutOptions {
        shaping,
        ..LayoutOptions::default()
    };
    let ltr = interface_options(shaping);
    let arabic_line = arabic.map(|name| cache.fit(name, width, &arabic_options));
    let arabic_width = arabic_line.as_ref().map_or(0, |line| line.width);
    let english_room = if arabic_width == 0 {
        width
    } else {
        width.saturating_sub(arabic_width + 1)
    };
    if let Some(name) = english
        && (english_room >= MIN_ENGLISH_WIDTH || arabic_width == 0)
    {
        let line = cache.fit(name, english_room, &ltr);
        draw_line(buf, area, &line, |_| style);
    }
    if let Some(line) = arabic_line {
        let right = Rect {
            x: area.right() - line.width as u16,
            width: line.width as u16,
            ..area
        };
        draw_line(buf, right, &line, |_| style);
    }
}

/// An English name squeezed into fewer columns than this is not shown.
const MIN_ENGLISH_WIDTH: usize = 6;

/// A count in at most four columns: 999, 1.2k, 12k, 120k, 1.2M.
fn compact_count(n: usize) -> String {
    match n {
        0..1_000 => n.to_string(),
        1_000..10_000 => format!("{}.{}k", n / 1000, n % 1000 / 100),
        10_000..1_000_000 => format!("{}k", n / 1000),
        _ => format!("{}.{}M", n / 1_000_000, n % 1_000_000 / 100_000),
    }
}

fn note_text(app: &App, note: SidebarNote) -> String {
    match note {
        SidebarNote::NoArticle => "No article open".to_string(),
        SidebarNote::Finding => match &app.actor_status().unavailable {
            Some(reason) => reason.clone(),
            None => "finding actors…".to_string(),
        },
        SidebarNote::NoActors => "No known actors in this article".to_string(),
        SidebarNote::NoActorsAnywhere => {
            let status = app.actor_status();
            if status.found < status.requested {
                "finding actors…".to_string()
            } else {
                "No actors found yet".to_string()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::compact_count;

    #[test]
    fn counts_fit_four_columns() {
        for (n, shown) in [
            (7, "7"),
            (999, "999"),
            (1_234, "1.2k"),
            (9_999, "9.9k"),
            (12_345, "12k"),
            (999_999, "999k"),
            (1_250_000, "1.2M"),
        ] {
            assert_eq!(compact_count(n), shown);
        }
    }
}
