//! `StatusBar`: the last row. The focused pane's key hints (from the keymap), or the passing
//! message; load and actor progress on the right.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::app::App;
use crate::keymap::{Context, Keymap};

use super::line::{draw_text, draw_text_right};
use super::theme::Theme;

/// The status bar, drawn from the app's state and the keymap.
pub struct StatusBar<'a> {
    /// The state.
    pub app: &'a App,
    /// Where the hints come from.
    pub keymap: &'a Keymap,
    /// The styles.
    pub theme: &'a Theme,
}

impl Widget for &StatusBar<'_> {
    fn render(self, _area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let area = app.screen().status;
        if area.height == 0 {
            return;
        }
        let theme = self.theme;
        let shaping = app.shaping();
        buf.set_style(area, theme.status);
        let inner = Rect {
            x: area.x + 1,
            width: area.width.saturating_sub(2),
            ..area
        };
        let progress = progress(app);
        let used = if progress.is_empty() {
            0
        } else {
            draw_text_right(buf, inner, &progress, theme.status, shaping).width + 2
        };
        let mut left = Rect {
            width: inner.width.saturating_sub(used),
            ..inner
        };
        if let Some(prompt) = app.search_prompt() {
            // The query in an isolate, the caret at its logical end: typed Arabic grows to
            // the left of it, as in any right-to-left field.
            let text = format!("/\u{2068}{prompt}\u{258F}\u{2069}");
            let drawn = draw_text(buf, left, &text, theme.status.patch(theme.key), shaping);
            left = Rect {
                x: drawn.right() + 2,
                width: left.width.saturating_sub(drawn.width + 2),
                ..left
            };
        } else if let Some(message) = app.message() {
            let style = if message.is_warning {
                theme.status.patch(theme.warning)
            } else {
                theme.status
            };
            draw_text(buf, left, &message.text, style, shaping);
            return;
        }
        for hint in self.keymap.hints(Context::of(app)) {
            let width = (hint.keys.chars().count() + 1 + hint.label.len()) as u16;
            if width > left.width {
                break;
            }
            let keys = draw_text(
                buf,
                left,
                &hint.keys,
                theme.status.patch(theme.key),
                shaping,
            );
            let label_area = Rect {
                x: keys.right() + 1,
                width: left.width.saturating_sub(keys.width + 1),
                ..left
            };
            let label = draw_text(buf, label_area, hint.label, theme.status, shaping);
            let advance = (label.right() + 2).saturating_sub(left.x);
            left = Rect {
                x: left.x + advance.min(left.width),
                width: left.width.saturating_sub(advance),
                ..left
            };
        }
    }
}

/// "loading 3/10 · actors 2/5" while either is under way.
fn progress(app: &App) -> String {
    let mut parts = Vec::new();
    let load = app.load_status();
    if !load.finished {
        parts.push(format!("loading {}/{}", load.done, load.total));
    }
    let actors = app.actor_status();
    if actors.unavailable.is_none() && actors.found < actors.requested {
        parts.push(format!("actors {}/{}", actors.found, actors.requested));
    }
    if let Some(search) = app.active_search()
        && !search.is_done(app.store())
    {
        let total = app.store().len().max(1);
        parts.push(format!(
            "searching {}% · {} found",
            search.scanned * 100 / total,
            search.matches.len()
        ));
    }
    if load.warnings > 0 {
        parts.push(match load.warnings {
            1 => "1 warning".to_string(),
            n => format!("{n} warnings"),
        });
    }
    parts.join(" · ")
}
