//! `Theme`: every style the views use, by meaning. Three palettes: extended (256-colour
//! backgrounds), the 16 basic ANSI colours every terminal has, and none at all (NO_COLOR:
//! bold, underline and reverse only).

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
    /// The highlighted actor's marker in the sidebar.
    pub active_actor: Style,
    /// The status bar.
    pub status: Style,
    /// Keys in the status bar and the help.
    pub key: Style,
    /// A warning in the status bar.
    pub warning: Style,
}

impl Theme {
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
    }
}
