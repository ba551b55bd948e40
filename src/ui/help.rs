//! `Help`: the overlay listing every key, generated from the keymap, section by section.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use crate::keymap::{Context, Keymap};

use super::line::draw_text;
use super::theme::Theme;

/// The widest the key column gets.
const MAX_KEYS_WIDTH: usize = 24;

/// One line of the help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    /// A section heading.
    Heading(&'static str),
    /// Keys and what they do.
    Entry {
        /// The keys, space-separated.
        keys: String,
        /// What they do.
        description: &'static str,
    },
    /// A note.
    Text(&'static str),
    /// Space between sections.
    Blank,
}

/// Every line of the help: one section per keymap context, then notes on the actor pane and
/// the Arabic keyboard.
pub fn help_lines(keymap: &Keymap) -> Vec<HelpLine> {
    let mut lines = Vec::new();
    for context in Context::ORDER {
        let entries = keymap.help_entries(context);
        if entries.is_empty() {
            continue;
        }
        lines.push(HelpLine::Heading(context.title()));
        lines.extend(entries.into_iter().map(|entry| HelpLine::Entry {
            keys: entry.keys,
            description: entry.description,
        }));
        lines.push(HelpLine::Blank);
    }
    lines.push(HelpLine::Heading("Notes"));
    for note in NOTES {
        lines.push(HelpLine::Text(note));
    }
    lines
}

/// What the keys do not say.
const NOTES: [&str; 9] = [
    "The number after a title: how many actors it names.",
    "Actors: P person, O organisation, C country, ? unconfirmed",
    "  (a name proposed from cues such as a title, not in the lexicon).",
    "▶ marks the highlighted actor; the list shows its articles.",
    "Mouse: click to select (an actor: filter), wheel to scroll.",
    "Narrow terminal: Tab, [ and ] bring hidden panes back.",
    "Arabic (101) keyboard: the key in the same place works,",
    "  ت for j, ن for k, ل for g, لأ for G, ؤ for c, ؟ for ?.",
    "Text is laid out by sahifa: keep the terminal's bidi off.",
];

/// The help overlay.
pub struct Help<'a> {
    /// Where it goes.
    pub area: Rect,
    /// The keymap it describes.
    pub keymap: &'a Keymap,
    /// The first line shown.
    pub scroll: usize,
    /// The styles.
    pub theme: &'a Theme,
    /// Shape Arabic letters.
    pub shaping: bool,
}

impl Widget for &Help<'_> {
    fn render(self, _area: Rect, buf: &mut Buffer) {
        let lines = help_lines(self.keymap);
        let overlay = self.area;
        Clear.render(overlay, buf);
        let shown = usize::from(overlay.height.saturating_sub(2));
        let last = (self.scroll + shown).min(lines.len());
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(self.theme.border_focused)
            .title(" Keys · ? or Esc closes ")
            .title_bottom(Line::from(format!(" {last}/{} ", lines.len())).right_aligned());
        let inner = block.inner(overlay);
        block.render(overlay, buf);
        let keys_width = lines
            .iter()
            .filter_map(|line| match line {
                HelpLine::Entry { keys, .. } => Some(keys.chars().count()),
                _ => None,
            })
            .max()
            .unwrap_or(0)
            .min(MAX_KEYS_WIDTH) as u16;
        for (y, line) in (inner.y..inner.bottom()).zip(lines.iter().skip(self.scroll)) {
            let row = Rect {
                x: inner.x + 1,
                y,
                width: inner.width.saturating_sub(2),
                height: 1,
            };
            match line {
                HelpLine::Heading(text) => {
                    draw_text(buf, row, text, self.theme.heading, self.shaping);
                }
                HelpLine::Entry { keys, description } => {
                    let keys_area = Rect {
                        width: keys_width.min(row.width),
                        ..row
                    };
                    draw_text(buf, keys_area, keys, self.theme.key, self.shaping);
                    let gap = keys_width + 2;
                    let description_area = Rect {
                        x: row.x + gap.min(row.width),
                        width: row.width.saturating_sub(gap),
                        ..row
                    };
                    draw_text(
                        buf,
                        description_area,
                        description,
                        self.theme.text,
                        self.shaping,
                    );
                }
                HelpLine::Text(text) => {
                    draw_text(buf, row, text, self.theme.text, self.shaping);
                }
                HelpLine::Blank => {}
            }
        }
    }
}
