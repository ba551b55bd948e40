//! The views: one per pane, built each frame from borrowed state, drawing the text layer's
//! visual lines cell by cell. Nothing here changes state or touches the terminal; every
//! string from an article goes through the text layer (which sanitises it) before it is drawn.
//!
//! May import `app`, `keymap`, `text`, `store` and `actors` types, and ratatui.

mod actor_sidebar;
mod article_list;
pub mod help;
pub mod line;
mod reader;
mod status_bar;
pub mod theme;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

pub use actor_sidebar::ActorSidebar;
pub use article_list::ArticleList;
pub use help::{Help, HelpLine, help_lines};
pub use reader::Reader;
pub use status_bar::StatusBar;
pub use theme::{ColorSupport, STYLE_NAMES, Theme, parse_style};

use crate::app::{App, MIN_HEIGHT, MIN_WIDTH};
use crate::keymap::Keymap;
use crate::text::{Alignment, layout};

use line::{draw_line, interface_options};

/// The whole screen.
pub struct Screen<'a> {
    /// The state.
    pub app: &'a App,
    /// The keys, for the help and the hints.
    pub keymap: &'a Keymap,
    /// The styles.
    pub theme: &'a Theme,
}

impl Widget for &Screen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let screen = self.app.screen();
        // The app lays out for the size it was told; if the frame is another size (a resize
        // not yet seen), draw nothing rather than into the wrong places.
        if screen.area != area {
            return;
        }
        if screen.too_small {
            too_small(area, buf, self.app.shaping());
            return;
        }
        let (app, theme) = (self.app, self.theme);
        ArticleList { app, theme }.render(area, buf);
        Reader { app, theme }.render(area, buf);
        ActorSidebar { app, theme }.render(area, buf);
        StatusBar {
            app,
            keymap: self.keymap,
            theme,
        }
        .render(area, buf);
        if let Some(scroll) = app.help() {
            let lines = help_lines(self.keymap).len();
            Help {
                area: screen.help_area(lines),
                keymap: self.keymap,
                scroll,
                theme,
                shaping: app.shaping(),
            }
            .render(area, buf);
        }
    }
}

/// The message for a terminal below the minimum size, wrapped and centred.
fn too_small(area: Rect, buf: &mut Buffer, shaping: bool) {
    let text = format!(
        "Make the terminal at least {MIN_WIDTH}×{MIN_HEIGHT} (it is {}×{})",
        area.width, area.height
    );
    let lines = layout(
        &text,
        &[],
        usize::from(area.width),
        &interface_options(shaping),
    );
    let top = area.y + area.height.saturating_sub(lines.len() as u16) / 2;
    for (y, mut line) in (top..area.bottom()).zip(lines) {
        line.alignment = Alignment::Left;
        let x = area.x + (area.width.saturating_sub(line.width as u16)) / 2;
        let row = Rect {
            x,
            y,
            width: area.right() - x,
            height: 1,
        };
        draw_line(buf, row, &line, |_| ratatui::style::Style::new());
    }
}
