use std::path::Path;

use super::*;
use crate::app::Action;
use crate::keymap::HelpEntry;

fn parse(text: &str) -> Result<Config, ConfigError> {
    Config::parse(text, Path::new("config.toml"))
}

fn key(text: &str) -> Key {
    Key::parse(text).unwrap()
}

#[test]
fn an_empty_file_is_the_defaults() {
    assert_eq!(parse("").unwrap(), Config::default());
    assert_eq!(parse("# nothing here\n\n").unwrap(), Config::default());
}

#[test]
fn the_shipped_example_parses() {
    let config = parse(include_str!("../../assets/config.example.toml")).unwrap();
    assert_eq!(
        config.sources,
        ["~/news/arabic", "~/news/saved-article.txt"]
    );
    assert_eq!(config.preferences, Preferences::default());
    assert_eq!(config.colors, None);
    assert_eq!(config.styles.len(), 2);
    assert_eq!(config.keys.len(), 5);
    // The example spells out the default limits.
    assert_eq!(config.fetch, FetchOptions::default());
    let keymap = config.keymap();
    assert_eq!(
        keymap.resolve(Context::Reader, key("J")),
        Some(Action::PageDown)
    );
    assert_eq!(keymap.resolve(Context::List, key("q")), None);
    assert_eq!(
        keymap.resolve(Context::List, key("Ctrl-q")),
        Some(Action::Quit)
    );
    assert_eq!(
        keymap.resolve(Context::Reader, key("Enter")),
        Some(Action::PageDown)
    );
    assert_eq!(
        keymap.resolve(Context::List, key("Enter")),
        Some(Action::Activate)
    );
}

#[test]
fn fetch_limits_are_read() {
    let config = parse(
        "[fetch]\ntimeout = 90\nconnect-timeout = 5\nread-timeout = 0x1e\nmax-redirects = 0\n\
         max-size = 64\n",
    )
    .unwrap();
    let fetch = &config.fetch;
    assert_eq!(fetch.total_timeout, std::time::Duration::from_secs(90));
    assert_eq!(fetch.connect_timeout, std::time::Duration::from_secs(5));
    assert_eq!(fetch.read_timeout, std::time::Duration::from_secs(30));
    assert_eq!(fetch.max_redirects, 0);
    assert_eq!(fetch.max_bytes, 64 * 1024 * 1024);
    assert_eq!(fetch.cache, None);
    assert_eq!(parse("").unwrap().fetch, FetchOptions::default());
}

#[test]
fn settings_are_read() {
    let cases: &[(&str, Preferences, Option<ColorSupport>)] = &[
        (
            "[settings]\ndirection = \"rtl\"\nshaping = false\nmirrored = true\ncolors = \"none\"",
            Preferences {
                direction: BaseDirection::Rtl,
                shaping: false,
                mirrored: true,
            },
            Some(ColorSupport::None),
        ),
        (
            "[settings]\ndirection = \"ltr\"\nshaping = \"off\"\ncolours = \"256\"",
            Preferences {
                direction: BaseDirection::Ltr,
                shaping: false,
                mirrored: false,
            },
            Some(ColorSupport::Extended),
        ),
        (
            "[settings]\nshaping = \"on\"\ncolors = \"basic\"\nmirrored = \"on\"",
            Preferences {
                mirrored: true,
                ..Preferences::default()
            },
            Some(ColorSupport::Basic),
        ),
        (
            "settings = { direction = \"auto\", colors = \"auto\" }",
            Preferences::default(),
            None,
        ),
    ];
    for (text, preferences, colors) in cases {
        let config = parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(config.preferences, *preferences, "{text}");
        assert_eq!(config.colors, *colors, "{text}");
    }
}

#[test]
fn colors_set_styles_over_the_palette() {
    use ratatui::style::{Color, Modifier};
    let config = parse(
        "[settings]\ncolors = \"basic\"\n[colors]\nmention = \"black on 208 bold\"\n\
         status = \"reversed\"\n",
    )
    .unwrap();
    // The environment does not matter once the config names a palette.
    let theme = config.theme(|name| (name == "NO_COLOR").then(|| "1".to_string()));
    assert_eq!(
        theme.mention,
        Style::new()
            .fg(Color::Black)
            .bg(Color::Indexed(208))
            .add_modifier(Modifier::BOLD)
    );
    assert_eq!(theme.status, Style::new().add_modifier(Modifier::REVERSED));
    assert_eq!(
        theme.warning,
        Theme::basic().warning,
        "the rest: the palette's"
    );
    // No palette named: the environment's (NO_COLOR), the [colors] styles still over it.
    let config = parse("[colors]\nkey = \"yellow\"\n").unwrap();
    let theme = config.theme(|name| (name == "NO_COLOR").then(|| "1".to_string()));
    assert_eq!(theme.key, Style::new().fg(Color::Yellow));
    assert_eq!(theme.mention, Theme::monochrome().mention);
}

#[test]
fn errors_name_the_line_and_say_what_is_wrong() {
    // (file, line, column, part of the message)
    let cases: &[(&str, usize, usize, &str)] = &[
        (
            "[fetch]\ntimeout = 0\n",
            2,
            11,
            "timeout must be a whole number from 1 to 3600",
        ),
        (
            "[fetch]\nmax-size = \"big\"\n",
            2,
            12,
            "max-size must be a whole number",
        ),
        ("[fetch]\nmax-redirects = 21\n", 2, 17, "from 0 to 20"),
        (
            "[fetch]\nretries = 2\n",
            2,
            1,
            "unknown fetch limit \"retries\"",
        ),
        ("sources = [\"a\"\n[settings]\n", 2, 1, "missing comma"),
        (
            "[settings]\ndirection = \"up\"\n",
            2,
            13,
            "expected auto, rtl or ltr",
        ),
        ("[settings]\nshaping = 1\n", 2, 11, "true or false"),
        (
            "[settings]\nmirored = true\n",
            2,
            1,
            "unknown setting \"mirored\"",
        ),
        ("[settings]\ncolors = \"pink\"\n", 2, 10, "colors \"pink\""),
        ("\n\n[setings]\n", 3, 2, "unknown entry \"setings\""),
        ("sources = \"~/news\"\n", 1, 11, "list of strings"),
        ("sources = [\"a\", 3]\n", 1, 17, "this is a number"),
        ("sources = [\"\"]\n", 1, 12, "empty entry"),
        ("settings = 3\n", 1, 12, "must be a table"),
        (
            "[keys]\nj = \"dwn\"\n",
            2,
            5,
            "unknown action \"dwn\" for key \"j\"",
        ),
        (
            "[keys]\nHyper-j = \"down\"\n",
            2,
            1,
            "unknown key \"Hyper-j\"",
        ),
        ("[keys]\nj = 3\n", 2, 5, "expected an action name"),
        (
            "[keys.sidebar]\nj = \"down\"\n",
            1,
            7,
            "unknown key table [keys.sidebar]",
        ),
        (
            "[keys.reader.more]\nj = \"down\"\n",
            1,
            14,
            "a key table inside a key table",
        ),
        ("[keys]\nj = \"down\"\nj = \"up\"\n", 3, 1, "duplicate key"),
        ("ﻻ = 1\n", 1, 1, "invalid"),
        (
            "[colors]\nmentions = \"red\"\n",
            2,
            1,
            "unknown style \"mentions\"",
        ),
        (
            "[colors]\nmention = \"pink on black\"\n",
            2,
            11,
            "mention: \"pink\" is not a colour",
        ),
        ("[colors]\nmention = 3\n", 2, 11, "must be a string"),
    ];
    for (text, line, column, fragment) in cases {
        let error = parse(text).expect_err(text);
        assert_eq!(error.place, Some((*line, *column)), "{text:?}: {error}");
        assert!(
            error.message.contains(fragment),
            "{text:?}: {:?} does not contain {fragment:?}",
            error.message
        );
        assert!(!error.to_string().contains('\n'), "one line: {error}");
        assert!(
            error
                .to_string()
                .starts_with(&format!("config config.toml:{line}:{column}: ")),
            "{error}"
        );
    }
}

#[test]
fn key_overrides_change_what_keys_do() {
    // (config, context, key, what it does then)
    let cases: &[(&str, Context, &str, Option<Action>)] = &[
        // Top-level entries apply wherever the action applies.
        ("J = \"down\"", Context::List, "J", Some(Action::Down)),
        ("J = \"down\"", Context::Reader, "J", Some(Action::Down)),
        ("J = \"down\"", Context::Help, "J", Some(Action::Down)),
        ("J = \"down\"", Context::List, "j", Some(Action::Down)),
        ("x = \"quit\"", Context::Actors, "x", Some(Action::Quit)),
        ("x = \"quit\"", Context::List, "q", Some(Action::Quit)),
        // A key taken from another action.
        (
            "j = \"page-down\"",
            Context::Reader,
            "j",
            Some(Action::PageDown),
        ),
        (
            "n = \"toggle-shaping\"",
            Context::Reader,
            "n",
            Some(Action::ToggleShaping),
        ),
        (
            "n = \"toggle-shaping\"",
            Context::Reader,
            "N",
            Some(Action::PreviousMention),
        ),
        // Unbinding, everywhere or in one context.
        ("q = \"none\"", Context::List, "q", None),
        ("q = \"none\"", Context::Help, "q", None),
        ("q = \"none\"", Context::List, "Ctrl-c", Some(Action::Quit)),
        // Unbound in help, q falls through to the global binding.
        (
            "[keys.help]\nq = \"none\"",
            Context::Help,
            "q",
            Some(Action::Quit),
        ),
        (
            "[keys.help]\nq = \"none\"",
            Context::List,
            "q",
            Some(Action::Quit),
        ),
        (
            "[keys.help]\nq = \"none\"",
            Context::Help,
            "Esc",
            Some(Action::CloseHelp),
        ),
        // Keys outside ASCII are quoted in TOML.
        (
            "\"ب\" = \"page-down\"",
            Context::Reader,
            "ب",
            Some(Action::PageDown),
        ),
        // Unbinding a key also stops its Arabic-layout twin.
        ("d = \"none\"", Context::Reader, "ي", None),
        // Context tables win over the top level, whatever the order in the file.
        (
            "[keys.reader]\nSpace = \"down\"\n[keys.global]\nx = \"none\"",
            Context::Reader,
            "Space",
            Some(Action::Down),
        ),
        (
            "Space = \"top\"\n[keys.list]\nSpace = \"bottom\"",
            Context::List,
            "Space",
            Some(Action::Bottom),
        ),
        (
            "Space = \"top\"\n[keys.list]\nSpace = \"bottom\"",
            Context::Reader,
            "Space",
            Some(Action::Top),
        ),
        // Modifiers and named keys.
        (
            "Ctrl-n = \"next-mention\"",
            Context::List,
            "Ctrl-n",
            Some(Action::NextMention),
        ),
        (
            "Alt-x = \"suspend\"",
            Context::Reader,
            "Alt-x",
            Some(Action::Suspend),
        ),
        (
            "Left = \"previous-pane\"",
            Context::Reader,
            "Left",
            Some(Action::FocusPrevious),
        ),
        (
            "[keys.reader]\nEnter = \"activate\"",
            Context::Reader,
            "Enter",
            Some(Action::Activate),
        ),
    ];
    for (toml, context, pressed, expected) in cases {
        let text = if toml.starts_with('[') {
            (*toml).to_string()
        } else {
            format!("[keys]\n{toml}")
        };
        let keymap = parse(&text)
            .unwrap_or_else(|e| panic!("{text}: {e}"))
            .keymap();
        assert_eq!(
            keymap.resolve(*context, key(pressed)),
            *expected,
            "{toml:?}: {context:?} {pressed}"
        );
    }
}

#[test]
fn every_bindable_action_has_a_name_that_binds_it() {
    for (name, action, _) in ACTIONS {
        let config = parse(&format!("[keys.global]\nCtrl-y = \"{name}\"")).unwrap();
        assert_eq!(
            config.keymap().resolve(Context::Global, key("Ctrl-y")),
            Some(action.clone()),
            "{name}"
        );
        assert_eq!(crate::keymap::action_name(&action), Some(name));
    }
}

#[test]
fn every_action_of_the_default_keymap_can_be_named_in_a_config() {
    for binding in crate::keymap::Keymap::default().bindings() {
        assert!(
            crate::keymap::action_name(&binding.action).is_some(),
            "{:?} has no name for [keys]",
            binding.action
        );
    }
}

#[test]
fn help_and_hints_show_the_overridden_keys() {
    let keymap = parse("[keys]\nJ = \"down\"\nj = \"none\"\nq = \"none\"\nx = \"quit\"\nm = \"next-mention\"\nn = \"none\"")
        .unwrap()
        .keymap();
    let hints = keymap.hint_texts(Context::List);
    assert_eq!(
        hints,
        [
            "↓/k move",
            "Enter open",
            "Ctrl-c quit",
            "? help",
            "Tab pane",
            "m/N mention",
            "/ search"
        ],
        "the hint passes to a key that still works, and to new keys"
    );
    let reader = keymap.help_entries(Context::Reader);
    assert!(
        reader.contains(&HelpEntry {
            keys: "↓ J".to_string(),
            description: "scroll down a line",
        }),
        "{reader:?}"
    );
    let global = keymap.help_entries(Context::Global);
    assert!(
        global.contains(&HelpEntry {
            keys: "Ctrl-c x".to_string(),
            description: "quit",
        }),
        "{global:?}"
    );
    let help = crate::ui::help_lines(&keymap);
    let shown: Vec<String> = help
        .iter()
        .filter_map(|line| match line {
            crate::ui::HelpLine::Entry { keys, .. } => Some(keys.clone()),
            _ => None,
        })
        .collect();
    assert!(
        shown
            .iter()
            .all(|keys| !keys.split(' ').any(|k| k == "j" || k == "q")),
        "{shown:?}"
    );
    assert!(
        shown.iter().any(|keys| keys.split(' ').any(|k| k == "x")),
        "{shown:?}"
    );
}

#[test]
fn the_config_is_found_where_xdg_says() {
    let env = crate::test_support::fake_env;
    type Env<'a> = &'a [(&'a str, &'a str)];
    let cases: &[(Env, Option<&str>)] = &[
        (
            &[("XDG_CONFIG_HOME", "/x"), ("HOME", "/h")],
            Some("/x/sahifa/config.toml"),
        ),
        (
            &[("XDG_CONFIG_HOME", "relative"), ("HOME", "/h")],
            Some("/h/.config/sahifa/config.toml"),
        ),
        (&[("HOME", "/h")], Some("/h/.config/sahifa/config.toml")),
        (&[("HOME", "")], None),
        (&[], None),
    ];
    for (pairs, expected) in cases {
        assert_eq!(
            default_path(env(pairs)),
            expected.map(PathBuf::from),
            "{pairs:?}"
        );
    }
}

#[test]
fn loading_reads_the_file_or_says_why_not() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().to_string_lossy().into_owned();
    let var = |name: &str| (name == "HOME").then(|| home.clone());
    // Absent at the default place: the defaults.
    assert_eq!(Config::load(None, var).unwrap(), Config::default());
    // Absent when named: an error.
    let missing = dir.path().join("missing.toml");
    let error = Config::load(Some(&missing), var).unwrap_err();
    assert!(error.to_string().contains("missing.toml"), "{error}");
    // At the default place, with ~ expanded.
    let config_dir = dir.path().join(".config").join("sahifa");
    std::fs::create_dir_all(&config_dir).unwrap();
    std::fs::write(
        config_dir.join("config.toml"),
        "sources = [\"~/news\", \"-\"]\n",
    )
    .unwrap();
    let config = Config::load(None, var).unwrap();
    assert_eq!(
        config.sources,
        [
            dir.path().join("news").to_string_lossy().into_owned(),
            "-".to_string()
        ]
    );
    // Not UTF-8.
    std::fs::write(config_dir.join("config.toml"), b"sources = [\"\xff\"]\n").unwrap();
    let error = Config::load(None, var).unwrap_err();
    assert!(error.message.contains("not UTF-8"), "{error}");
}
