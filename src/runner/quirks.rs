//! Terminals that reorder right-to-left text themselves and cannot be told not to with
//! `CSI 8 l`, recognised from the environment (RTL.md §3), and what to tell their users.

/// A terminal that needs more than the standard escape sequences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KnownTerminal {
    /// Konsole: only its profile setting turns its bidi off.
    Konsole,
    /// kitty: only the `force_ltr` option stops it reversing Arabic words.
    Kitty,
    /// mlterm: switched off with its own OSC 5379 sequence.
    Mlterm,
    /// macOS Terminal: does its own bidi, with no switch.
    AppleTerminal,
}

impl KnownTerminal {
    /// Recognises the terminal from environment variables (`var` looks one up).
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Option<KnownTerminal> {
        let set = |name: &str| var(name).is_some_and(|v| !v.is_empty());
        if set("KONSOLE_VERSION") {
            Some(KnownTerminal::Konsole)
        } else if set("KITTY_WINDOW_ID") {
            Some(KnownTerminal::Kitty)
        } else if var("TERM").is_some_and(|t| t == "mlterm" || t.starts_with("mlterm-")) {
            Some(KnownTerminal::Mlterm)
        } else if var("TERM_PROGRAM").is_some_and(|p| p == "Apple_Terminal") {
            Some(KnownTerminal::AppleTerminal)
        } else {
            None
        }
    }

    /// What the person should change, shown once in the status bar; `None` when sahifa can
    /// switch the terminal itself.
    pub fn advice(self) -> Option<&'static str> {
        match self {
            KnownTerminal::Konsole => Some(
                "Konsole reorders Arabic a second time: in the profile, turn off \
                 Advanced › Bi-Directional text rendering",
            ),
            KnownTerminal::Kitty => Some(
                "kitty reverses Arabic words: add `force_ltr yes` to kitty.conf \
                 (sahifa lays the text out itself)",
            ),
            KnownTerminal::Mlterm => None,
            KnownTerminal::AppleTerminal => Some(
                "Terminal.app reorders right-to-left text itself and cannot be told not to: \
                 Arabic may show reversed here",
            ),
        }
    }

    /// Sequences that turn the terminal's own bidi off on entry and back on at exit.
    pub fn switch_sequences(self) -> Option<(&'static str, &'static str)> {
        match self {
            KnownTerminal::Mlterm => {
                Some(("\x1b]5379;use_ctl=false\x07", "\x1b]5379;use_ctl=true\x07"))
            }
            KnownTerminal::Konsole | KnownTerminal::Kitty | KnownTerminal::AppleTerminal => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Environment variables as (name, value) pairs.
    type Env<'a> = &'a [(&'a str, &'a str)];

    fn detect(pairs: &[(&str, &str)]) -> Option<KnownTerminal> {
        KnownTerminal::from_env(|name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn terminals_are_recognised_from_the_environment() {
        let cases: &[(Env, Option<KnownTerminal>)] = &[
            (
                &[("KONSOLE_VERSION", "221203")],
                Some(KnownTerminal::Konsole),
            ),
            (&[("KITTY_WINDOW_ID", "1")], Some(KnownTerminal::Kitty)),
            (&[("TERM", "mlterm")], Some(KnownTerminal::Mlterm)),
            (&[("TERM", "mlterm-256color")], Some(KnownTerminal::Mlterm)),
            (
                &[("TERM_PROGRAM", "Apple_Terminal")],
                Some(KnownTerminal::AppleTerminal),
            ),
            (&[("TERM", "xterm-256color"), ("VTE_VERSION", "7003")], None),
            (&[("KONSOLE_VERSION", "")], None),
            (&[], None),
        ];
        for (vars, expected) in cases {
            assert_eq!(detect(vars), *expected, "{vars:?}");
        }
    }

    #[test]
    fn advice_names_the_setting_to_change() {
        assert!(
            KnownTerminal::Konsole
                .advice()
                .is_some_and(|a| a.contains("Bi-Directional text rendering"))
        );
        assert!(
            KnownTerminal::Kitty
                .advice()
                .is_some_and(|a| a.contains("force_ltr yes"))
        );
        assert_eq!(KnownTerminal::Mlterm.advice(), None);
        let (on_entry, _) = KnownTerminal::Mlterm.switch_sequences().unwrap();
        assert_eq!(on_entry, "\x1b]5379;use_ctl=false\x07");
    }
}
