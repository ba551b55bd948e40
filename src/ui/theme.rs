//! `Theme`: every style the views use, by meaning. Three palettes: extended (256-colour
//! backgrounds), the 16 basic ANSI colours every terminal has, and none at all (NO_COLOR:
//! bold, underline and reverse only).

use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};

/// What the terminal can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorSupport {
    /// No colours: `NO_COLOR` is set, or the terminal is dumb.
    None,
    /// The 16 basic colours.
    Basic,
    /// 256 colours or more.
    Extended,
}

impl ColorSupport {
    /// From the environment (`var` looks a variable up): `NO_COLOR` (any non-empty value,
    /// see no-color.org) wins; then `COLORTERM` and `TERM`.
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> ColorSupport {
        if var("NO_COLOR").is_some_and(|v| !v.is_empty()) {
            return ColorSupport::None;
        }
        let term = var("TERM").unwrap_or_default();
        if term == "dumb" {
            return ColorSupport::None;
        }
        let colorterm = var("COLORTERM").unwrap_or_default();
        if colorterm == "truecolor" || colorterm == "24bit" || term.contains("256color") {
            ColorSupport::Extended
        } else {
            ColorSupport::Basic
        }
    }
}

/// Styles by meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Body text.
    pub text: Style,
    /// Less important text (headers, counts, notes).
    pub dim: Style,
    /// Article titles in the reader.
    pub title: Style,
    /// The source line under a title.
    pub meta: Style,
    /// Section headings (unconfirmed actors, co-occurrence, help sections).
    pub heading: Style,
    /// Pane borders.
    pub border: Style,
    /// The focused pane's border.
    pub border_focused: Style,
    /// The selected row of the focused pane.
    pub selected: Style,
    /// The selected row of a pane without focus.
    pub selected_unfocused: Style,
    /// The mark of an unread article.
    pub unread: Style,
    /// The star of a starred article.
    pub starred: Style,
    /// A mention of the highlighted actor.
    pub mention: Style,
    /// The mention `n`/`N` went to.
    pub current_mention: Style,
    /// A hit of the search.
    pub search_hit: Style,
    /// The highlighted actor's marker in the sidebar.
    pub active_actor: Style,
    /// The status bar.
    pub status: Style,
    /// Keys in the status bar and the help.
    pub key: Style,
    /// A warning in the status bar.
    pub warning: Style,
}

/// The names of the styles, as the config file's `[colors]` table writes them.
pub const STYLE_NAMES: [&str; 17] = [
    "text",
    "dim",
    "title",
    "meta",
    "heading",
    "border",
    "border-focused",
    "selected",
    "selected-unfocused",
    "unread",
    "mention",
    "current-mention",
    "search-hit",
    "active-actor",
    "status",
    "key",
    "warning",
];

/// Reads a style as the config file writes it: words in any order, a colour for the text,
/// `on` and a colour for the background, and any of `bold`, `dim`, `italic`, `underlined`,
/// `reversed`. A colour is a name (`red`, `light-blue`, `dark-gray`, `reset`), a 256-colour
/// index (`208`) or `#rrggbb`. `"black on yellow bold"`, `"reversed"`, `"on 236"`.
pub fn parse_style(text: &str) -> Result<Style, String> {
    let colour = |word: &str| {
        Color::from_str(word).map_err(|_| {
            format!("{word:?} is not a colour: write a name (red, light-blue…), 0-255 or #rrggbb")
        })
    };
    let mut style = Style::new();
    let mut words = text.split_whitespace();
    let mut any = false;
    while let Some(word) = words.next() {
        any = true;
        let lower = word.to_ascii_lowercase();
        let modifier = match lower.as_str() {
            "bold" => Modifier::BOLD,
            "dim" => Modifier::DIM,
            "italic" => Modifier::ITALIC,
            "underline" | "underlined" => Modifier::UNDERLINED,
            "reverse" | "reversed" => Modifier::REVERSED,
            "on" => {
                let background = words
                    .next()
                    .ok_or_else(|| "\"on\" needs a background colour after it".to_string())?;
                style = style.bg(colour(background)?);
                continue;
            }
            _ => {
                if style.fg.is_some() {
                    return Err(format!(
                        "{word:?}: a second text colour (write \"on\" before a background)"
                    ));
                }
                style = style.fg(colour(word)?);
                continue;
            }
        };
        style = style.add_modifier(modifier);
    }
    if any {
        Ok(style)
    } else {
        Err("an empty style: write a colour, \"on\" and a colour, or bold…".to_string())
    }
}

impl Theme {
    /// The style called `name` (one of [`STYLE_NAMES`]).
    pub fn style_mut(&mut self, name: &str) -> Option<&mut Style> {
        Some(match name {
            "text" => &mut self.text,
            "dim" => &mut self.dim,
            "title" => &mut self.title,
            "meta" => &mut self.meta,
            "heading" => &mut self.heading,
            "border" => &mut self.border,
            "border-focused" => &mut self.border_focused,
            "selected" => &mut self.selected,
            "selected-unfocused" => &mut self.selected_unfocused,
            "unread" => &mut self.unread,
            "mention" => &mut self.mention,
            "current-mention" => &mut self.current_mention,
            "search-hit" => &mut self.search_hit,
            "active-actor" => &mut self.active_actor,
            "status" => &mut self.status,
            "key" => &mut self.key,
            "warning" => &mut self.warning,
            _ => return None,
        })
    }

    /// The theme for what the terminal can show.
    pub fn new(colors: ColorSupport) -> Theme {
        match colors {
            ColorSupport::None => Theme::monochrome(),
            ColorSupport::Basic => Theme::basic(),
            ColorSupport::Extended => Theme::extended(),
        }
    }

    /// The 16 basic colours only.
    pub fn basic() -> Theme {
        let plain = Style::new();
        Theme {
            text: plain,
            dim: plain.fg(Color::DarkGray),
            title: plain.add_modifier(Modifier::BOLD),
            meta: plain.fg(Color::DarkGray),
            heading: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            border: plain.fg(Color::DarkGray),
            border_focused: plain.fg(Color::Cyan),
            selected: plain.fg(Color::White).bg(Color::Blue),
            selected_unfocused: plain.fg(Color::Black).bg(Color::Gray),
            unread: plain.fg(Color::Green),
            starred: plain.fg(Color::Yellow),
            mention: plain.fg(Color::Black).bg(Color::Yellow),
            current_mention: plain
                .fg(Color::White)
                .bg(Color::Magenta)
                .add_modifier(Modifier::BOLD),
            search_hit: plain.fg(Color::Black).bg(Color::Cyan),
            active_actor: plain.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            status: plain.fg(Color::White).bg(Color::Blue),
            key: plain.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            warning: plain.fg(Color::LightRed).add_modifier(Modifier::BOLD),
        }
    }

    /// 256 colours: quieter backgrounds than the basic ones.
    pub fn extended() -> Theme {
        Theme {
            dim: Style::new().fg(Color::Indexed(245)),
            meta: Style::new().fg(Color::Indexed(245)),
            border: Style::new().fg(Color::Indexed(240)),
            border_focused: Style::new().fg(Color::Indexed(75)),
            heading: Style::new()
                .fg(Color::Indexed(75))
                .add_modifier(Modifier::BOLD),
            selected: Style::new().fg(Color::Indexed(231)).bg(Color::Indexed(25)),
            selected_unfocused: Style::new().bg(Color::Indexed(238)),
            mention: Style::new().fg(Color::Indexed(16)).bg(Color::Indexed(221)),
            current_mention: Style::new()
                .fg(Color::Indexed(16))
                .bg(Color::Indexed(208))
                .add_modifier(Modifier::BOLD),
            search_hit: Style::new().fg(Color::Indexed(16)).bg(Color::Indexed(117)),
            status: Style::new().fg(Color::Indexed(252)).bg(Color::Indexed(236)),
            key: Style::new()
                .fg(Color::Indexed(221))
                .add_modifier(Modifier::BOLD),
            ..Theme::basic()
        }
    }

    /// No colours (NO_COLOR): meaning carried by bold, underline and reverse video.
    pub fn monochrome() -> Theme {
        let plain = Style::new();
        let bold = plain.add_modifier(Modifier::BOLD);
        Theme {
            text: plain,
            dim: plain,
            title: bold,
            meta: plain,
            heading: bold,
            border: plain,
            border_focused: bold,
            selected: plain.add_modifier(Modifier::REVERSED),
            selected_unfocused: plain.add_modifier(Modifier::UNDERLINED),
            unread: bold,
            starred: bold,
            mention: plain.add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            current_mention: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            search_hit: plain.add_modifier(Modifier::UNDERLINED | Modifier::ITALIC),
            active_actor: bold,
            status: plain.add_modifier(Modifier::REVERSED),
            key: bold,
            warning: bold,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Environment variables as (name, value) pairs.
    type Env<'a> = &'a [(&'a str, &'a str)];

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn no_color_wins() {
        let cases: &[(Env, ColorSupport)] = &[
            (
                &[("NO_COLOR", "1"), ("COLORTERM", "truecolor")],
                ColorSupport::None,
            ),
            (&[("NO_COLOR", ""), ("TERM", "xterm")], ColorSupport::Basic),
            (&[("TERM", "dumb")], ColorSupport::None),
            (&[("TERM", "xterm-256color")], ColorSupport::Extended),
            (
                &[("TERM", "xterm"), ("COLORTERM", "24bit")],
                ColorSupport::Extended,
            ),
            (&[("TERM", "linux")], ColorSupport::Basic),
            (&[], ColorSupport::Basic),
        ];
        for (vars, expected) in cases {
            assert_eq!(ColorSupport::from_env(env(vars)), *expected, "{vars:?}");
        }
    }

    #[test]
    fn every_style_has_a_name() {
        let mut theme = Theme::monochrome();
        for (i, name) in STYLE_NAMES.iter().enumerate() {
            let index = u8::try_from(i).unwrap();
            *theme.style_mut(name).expect(name) = Style::new().fg(Color::Indexed(index));
        }
        // Each name reaches its own field: all sixteen differ now.
        let mut seen: Vec<Style> = Vec::new();
        for name in STYLE_NAMES {
            let style = *theme.style_mut(name).unwrap();
            assert!(!seen.contains(&style), "{name}");
            seen.push(style);
        }
        assert!(theme.style_mut("mentions").is_none());
    }

    #[test]
    fn styles_are_read_from_words() {
        let cases: &[(&str, Result<Style, &str>)] = &[
            (
                "black on yellow bold",
                Ok(Style::new()
                    .fg(Color::Black)
                    .bg(Color::Yellow)
                    .add_modifier(Modifier::BOLD)),
            ),
            (
                "reversed",
                Ok(Style::new().add_modifier(Modifier::REVERSED)),
            ),
            ("on 236", Ok(Style::new().bg(Color::Indexed(236)))),
            (
                "#ff8800 underlined italic",
                Ok(Style::new()
                    .fg(Color::Rgb(0xff, 0x88, 0x00))
                    .add_modifier(Modifier::UNDERLINED | Modifier::ITALIC)),
            ),
            ("light-blue", Ok(Style::new().fg(Color::LightBlue))),
            (
                "Bold dim",
                Ok(Style::new().add_modifier(Modifier::BOLD | Modifier::DIM)),
            ),
            ("pink", Err("\"pink\" is not a colour")),
            ("red blue", Err("a second text colour")),
            ("red on", Err("needs a background colour")),
            ("  ", Err("an empty style")),
        ];
        for (text, expected) in cases {
            match (parse_style(text), expected) {
                (Ok(style), Ok(expected)) => assert_eq!(style, *expected, "{text}"),
                (Err(message), Err(fragment)) => {
                    assert!(message.contains(fragment), "{text}: {message}");
                }
                (got, _) => panic!("{text}: {got:?}"),
            }
        }
    }

    #[test]
    fn monochrome_uses_no_colour_and_basic_only_the_sixteen() {
        let colours = |theme: Theme| -> Vec<Color> {
            [
                theme.text,
                theme.dim,
                theme.title,
                theme.meta,
                theme.heading,
                theme.border,
                theme.border_focused,
                theme.selected,
                theme.selected_unfocused,
                theme.unread,
                theme.starred,
                theme.mention,
                theme.current_mention,
                theme.search_hit,
                theme.active_actor,
                theme.status,
                theme.key,
                theme.warning,
            ]
            .iter()
            .flat_map(|s| [s.fg, s.bg])
            .flatten()
            .collect()
        };
        assert!(colours(Theme::monochrome()).is_empty());
        assert!(
            colours(Theme::basic())
                .iter()
                .all(|c| !matches!(c, Color::Indexed(_) | Color::Rgb(..)))
        );
        assert_ne!(Theme::basic().mention, Theme::basic().current_mention);
        assert_ne!(Theme::monochrome().mention, Theme::monochrome().text);
        for theme in [Theme::monochrome(), Theme::basic(), Theme::extended()] {
            assert_ne!(theme.search_hit, theme.mention, "hits look unlike mentions");
        }
    }
}
