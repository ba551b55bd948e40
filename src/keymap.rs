//! The keymap: (context, key) → [`Action`], each binding with its description. The only place
//! that matches on key codes; the help overlay and the status bar's hints are generated from
//! the same table, so they cannot drift from what the keys do. Keys also work in the same
//! physical place on the Arabic (101) keyboard layout.
//!
//! May import `app` (for `Action` and the focus) and crossterm's key types; does no I/O.

use std::fmt;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::{Action, App, Pane};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// Everywhere (looked up after the focused context).
    Global,
    /// The article list is focused.
    List,
    /// The reading view is focused.
    Reader,
    /// The actor sidebar is focused.
    Actors,
    /// The help overlay is open.
    Help,
    /// The search prompt is open: characters are typed into it.
    Search,
}

impl Context {
    /// Sections of the help overlay, in order.
    pub const ORDER: [Context; 6] = [
        Context::Global,
        Context::List,
        Context::Reader,
        Context::Actors,
        Context::Search,
        Context::Help,
    ];

    /// The context the app is in: the search prompt or help when open, else the focused
    /// pane.
    pub fn of(app: &App) -> Context {
        if app.search_prompt().is_some() {
            return Context::Search;
        }
        if app.help().is_some() {
            return Context::Help;
        }
        match app.focus() {
            Pane::List => Context::List,
            Pane::Reader => Context::Reader,
            Pane::Actors => Context::Actors,
        }
    }

    /// The heading of its help section.
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::List => "Article list",
            Context::Reader => "Reading",
            Context::Actors => "Actors",
            Context::Help => "This help",
            Context::Search => "Search prompt (after /; other keys type)",
        }
    }
}

/// A key with its modifiers, normalised (Shift is folded into the character).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Ctrl, Alt… (never Shift on a character).
    pub modifiers: KeyModifiers,
}

impl Key {
    /// A key with no modifier.
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }

    /// A character key with no modifier.
    pub const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    /// Ctrl and a character.
    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::CONTROL,
        }
    }

    /// The key of a terminal key event; `None` for key releases.
    pub fn from_event(event: &KeyEvent) -> Option<Key> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        Some(Key::normalized(event.code, event.modifiers))
    }

    fn normalized(code: KeyCode, modifiers: KeyModifiers) -> Key {
        let modifiers = match code {
            // 'G' already says Shift; Shift-Tab arrives as BackTab with or without it.
            KeyCode::Char(_) | KeyCode::BackTab => modifiers - KeyModifiers::SHIFT,
            _ => modifiers,
        };
        Key { code, modifiers }
    }

    /// Reads a key as written in help or a config file: `j`, `G`, `?`, `Ctrl-d`, `Shift-Tab`,
    /// `Space`, `Enter`, `Esc`, `Tab`, `Down`/`↓`, `Up`/`↑`, `PgDn`, `PgUp`, `Home`, `End`.
    pub fn parse(text: &str) -> Result<Key, KeyParseError> {
        let error = || KeyParseError(text.to_string());
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            let prefix = ["ctrl-", "ctrl+", "c-"]
                .iter()
                .find(|p| lower.starts_with(**p) && rest.len() > p.len());
            if let Some(prefix) = prefix {
                modifiers |= KeyModifiers::CONTROL;
                rest = &rest[prefix.len()..];
                continue;
            }
            let prefix = ["alt-", "alt+", "m-"]
                .iter()
                .find(|p| lower.starts_with(**p) && rest.len() > p.len());
            if let Some(prefix) = prefix {
                modifiers |= KeyModifiers::ALT;
                rest = &rest[prefix.len()..];
                continue;
            }
            break;
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => match c {
                '↓' => KeyCode::Down,
                '↑' => KeyCode::Up,
                c => KeyCode::Char(c),
            },
            _ => match rest.to_ascii_lowercase().as_str() {
                "space" => KeyCode::Char(' '),
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "shift-tab" | "backtab" => KeyCode::BackTab,
                "down" => KeyCode::Down,
                "up" => KeyCode::Up,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pgdn" | "pagedown" => KeyCode::PageDown,
                "pgup" | "pageup" => KeyCode::PageUp,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "backspace" => KeyCode::Backspace,
                _ => return Err(error()),
            },
        };
        Ok(Key::normalized(code, modifiers))
    }
}

/// A key name [`Key::parse`] does not know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyParseError(pub String);

impl fmt::Display for KeyParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown key {:?}: write a character (j, G, ?), Ctrl-x, Alt-x, or one of Space, \
             Enter, Esc, Tab, Shift-Tab, Up, Down, PgUp, PgDn, Home, End, Backspace",
            self.0
        )
    }
}

impl std::error::Error for KeyParseError {}

/// Keys as the help shows them; [`Key::parse`] reads them back.
impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Left => f.write_str("Left"),
            KeyCode::Right => f.write_str("Right"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::Backspace => f.write_str("Backspace"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// One binding: in `context`, `key` does `action`.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    /// Where it applies.
    pub context: Context,
    /// The key.
    pub key: Key,
    /// What it does.
    pub action: Action,
    /// What it does, for the help overlay.
    pub description: &'static str,
    /// A one-word label for the status bar, for the bindings worth a hint.
    pub hint: Option<&'static str>,
}

/// A status-bar hint: keys and a label ("j/k move").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    /// The first key of each action with this label, joined by "/".
    pub keys: String,
    /// What they do.
    pub label: &'static str,
}

/// One line of a help section: every key bound to one action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpEntry {
    /// The keys, space-separated.
    pub keys: String,
    /// What they do.
    pub description: &'static str,
}

/// Every action a key can be bound to, by its stable name (for `[keys]` in the config file),
/// with what it does when a context has no description of its own.
pub const ACTIONS: [(&str, Action, &str); 35] = [
    ("down", Action::Down, "down a line or an item"),
    ("up", Action::Up, "up a line or an item"),
    ("half-page-down", Action::HalfPageDown, "half a page down"),
    ("half-page-up", Action::HalfPageUp, "half a page up"),
    ("page-down", Action::PageDown, "a page down"),
    ("page-up", Action::PageUp, "a page up"),
    ("top", Action::Top, "to the top"),
    ("bottom", Action::Bottom, "to the bottom"),
    ("next-pane", Action::FocusNext, "next pane"),
    ("previous-pane", Action::FocusPrevious, "previous pane"),
    (
        "toggle-list",
        Action::ToggleList,
        "show or hide the article list",
    ),
    (
        "toggle-sidebar",
        Action::ToggleSidebar,
        "show or hide the actors pane",
    ),
    (
        "toggle-mirrored",
        Action::ToggleMirrored,
        "mirror the layout (list on the right)",
    ),
    ("help", Action::ToggleHelp, "this help"),
    ("close-help", Action::CloseHelp, "close the help"),
    (
        "activate",
        Action::Activate,
        "open the article, or filter by the actor",
    ),
    (
        "clear-filter",
        Action::ClearFilter,
        "clear the search, then the actor filter and highlight",
    ),
    (
        "toggle-all-actors",
        Action::ToggleAllActors,
        "this article's actors, or all actors with their articles",
    ),
    (
        "next-mention",
        Action::NextMention,
        "next search hit, or mention of the highlighted actor",
    ),
    (
        "previous-mention",
        Action::PreviousMention,
        "previous search hit, or mention of the highlighted actor",
    ),
    (
        "cycle-direction",
        Action::CycleDirection,
        "direction of the open article: auto, rtl, ltr",
    ),
    (
        "toggle-shaping",
        Action::ToggleShaping,
        "Arabic letter joining (shaping) on or off",
    ),
    (
        "open-link",
        Action::OpenLink,
        "open the article's link in the browser",
    ),
    (
        "toggle-read",
        Action::ToggleRead,
        "mark read or unread (in the list: the selected article)",
    ),
    (
        "toggle-starred",
        Action::ToggleStarred,
        "star or unstar (in the list: the selected article)",
    ),
    (
        "cycle-view",
        Action::CycleView,
        "list all articles, only unread, only starred",
    ),
    (
        "search",
        Action::StartSearch,
        "search titles and text (harakat ignored)",
    ),
    (
        "submit-search",
        Action::SubmitSearch,
        "search for what is typed",
    ),
    (
        "cancel-search",
        Action::CancelSearch,
        "close the prompt, keeping the search as it was",
    ),
    (
        "search-backspace",
        Action::SearchBackspace,
        "delete the last letter (with its harakat)",
    ),
    ("search-clear", Action::SearchClearInput, "empty the prompt"),
    (
        "search-older",
        Action::SearchOlder,
        "the query searched before (history)",
    ),
    (
        "search-newer",
        Action::SearchNewer,
        "the query searched after, or back to what was typed",
    ),
    ("quit", Action::Quit, "quit"),
    (
        "suspend",
        Action::Suspend,
        "suspend to the shell (fg brings sahifa back)",
    ),
];

/// The action named `name` in [`ACTIONS`].
pub fn action_by_name(name: &str) -> Option<Action> {
    ACTIONS
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, action, _)| action.clone())
}

/// The stable name of a bindable action.
pub fn action_name(action: &Action) -> Option<&'static str> {
    ACTIONS
        .iter()
        .find(|(_, a, _)| a == action)
        .map(|&(name, _, _)| name)
}

/// Physical-key equivalents on the Arabic (101) layout: (Arabic character, Latin key).
const ARABIC_101: [(char, char); 35] = [
    ('ض', 'q'),
    ('ص', 'w'),
    ('ث', 'e'),
    ('ق', 'r'),
    ('ف', 't'),
    ('غ', 'y'),
    ('ع', 'u'),
    ('ه', 'i'),
    ('خ', 'o'),
    ('ح', 'p'),
    ('ج', '['),
    ('د', ']'),
    ('ش', 'a'),
    ('س', 's'),
    ('ي', 'd'),
    ('ب', 'f'),
    ('ل', 'g'),
    ('ا', 'h'),
    ('ت', 'j'),
    ('ن', 'k'),
    ('م', 'l'),
    ('ك', ';'),
    ('ط', '\''),
    ('ئ', 'z'),
    ('ء', 'x'),
    ('ؤ', 'c'),
    ('ر', 'v'),
    ('ى', 'n'),
    ('ة', 'm'),
    ('و', ','),
    ('ز', '.'),
    ('ظ', '/'),
    ('ذ', '`'),
    ('؟', '?'),
    ('آ', 'N'),
];

/// Keys of the Arabic (101) layout that type two characters, lam then an alef: the terminal
/// sends both, and they mean the Latin key in that place.
const ARABIC_101_PAIRS: [(char, char, char); 4] = [
    ('ل', 'ا', 'b'),
    ('ل', 'أ', 'G'),
    ('ل', 'إ', 'T'),
    ('ل', 'آ', 'B'),
];

/// The Latin key in the same place as `c` on the Arabic (101) layout.
pub fn arabic_layout_key(c: char) -> Option<char> {
    ARABIC_101
        .iter()
        .find(|(arabic, _)| *arabic == c)
        .map(|&(_, latin)| latin)
}

/// Joins the two-character keys of the Arabic layout (لا, لأ, لإ, لآ) that arrive as two key
/// events back to back into the one Latin key in their place (b, G, T, B), so that Shift-g
/// typed on an Arabic keyboard goes to the bottom instead of the top.
pub fn join_arabic_pairs(events: Vec<Event>) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    for event in events {
        if let Some(Event::Key(previous)) = out.last()
            && let Some(joined) = arabic_pair(previous, &event)
        {
            out.pop();
            out.push(Event::Key(joined));
            continue;
        }
        out.push(event);
    }
    out
}

/// The Latin key that `previous` then `current` stand for when they are one two-character
/// key of the Arabic layout (see [`join_arabic_pairs`]). Not for the search prompt, where
/// لا is two letters.
pub fn arabic_pair(previous: &KeyEvent, current: &Event) -> Option<KeyEvent> {
    let Event::Key(current) = current else {
        return None;
    };
    let (KeyCode::Char(first), KeyCode::Char(second)) = (previous.code, current.code) else {
        return None;
    };
    if previous.kind == KeyEventKind::Release || current.kind == KeyEventKind::Release {
        return None;
    }
    let &(_, _, latin) = ARABIC_101_PAIRS
        .iter()
        .find(|(a, b, _)| *a == first && *b == second)?;
    Some(KeyEvent::new(KeyCode::Char(latin), previous.modifiers))
}

/// The bindings.
#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        use Action as A;
        use Context as C;
        use KeyCode as K;
        let mut bindings = Vec::new();
        let mut bind = |context, key, action, description, hint| {
            bindings.push(Binding {
                context,
                key,
                action,
                description,
                hint,
            });
        };
        // Everywhere.
        bind(C::Global, Key::char('q'), A::Quit, "quit", Some("quit"));
        bind(C::Global, Key::ctrl('c'), A::Quit, "quit", None);
        bind(
            C::Global,
            Key::ctrl('z'),
            A::Suspend,
            "suspend to the shell (fg brings sahifa back)",
            None,
        );
        bind(
            C::Global,
            Key::char('?'),
            A::ToggleHelp,
            "this help",
            Some("help"),
        );
        bind(
            C::Global,
            Key::plain(K::Tab),
            A::FocusNext,
            "next pane",
            Some("pane"),
        );
        bind(
            C::Global,
            Key::plain(K::BackTab),
            A::FocusPrevious,
            "previous pane",
            None,
        );
        bind(
            C::Global,
            Key::char('['),
            A::ToggleList,
            "show or hide the article list",
            None,
        );
        bind(
            C::Global,
            Key::char(']'),
            A::ToggleSidebar,
            "show or hide the actors pane",
            None,
        );
        bind(
            C::Global,
            Key::char('m'),
            A::ToggleMirrored,
            "mirror the layout (list on the right)",
            None,
        );
        bind(
            C::Global,
            Key::char('n'),
            A::NextMention,
            "next search hit, or mention of the highlighted actor",
            Some("mention"),
        );
        bind(
            C::Global,
            Key::char('N'),
            A::PreviousMention,
            "previous search hit, or mention of the highlighted actor",
            Some("mention"),
        );
        bind(
            C::Global,
            Key::char('c'),
            A::ClearFilter,
            "clear the search, then the actor filter and highlight",
            None,
        );
        bind(
            C::Global,
            Key::plain(K::Esc),
            A::ClearFilter,
            "clear the search, then the actor filter and highlight",
            None,
        );
        bind(
            C::Global,
            Key::char('/'),
            A::StartSearch,
            "search titles and text (harakat ignored)",
            Some("search"),
        );
        bind(
            C::Global,
            Key::char('d'),
            A::CycleDirection,
            "direction of the open article: auto, rtl, ltr",
            None,
        );
        bind(
            C::Global,
            Key::char('s'),
            A::ToggleShaping,
            "Arabic letter joining (shaping) on or off",
            None,
        );
        // Reading state: `m` and `s` are taken (mirror, shaping); these keep their places on
        // the Arabic layout (ق, ب, ع) and `*` is `*` there too.
        bind(
            C::Global,
            Key::char('o'),
            A::OpenLink,
            "open the article's link in the browser",
            None,
        );
        bind(
            C::Global,
            Key::char('r'),
            A::ToggleRead,
            "mark read or unread (in the list: the selected article)",
            None,
        );
        for key in [Key::char('f'), Key::char('*')] {
            bind(
                C::Global,
                key,
                A::ToggleStarred,
                "star or unstar (in the list: the selected article)",
                None,
            );
        }
        bind(
            C::Global,
            Key::char('u'),
            A::CycleView,
            "list all articles, only unread, only starred",
            None,
        );

        // Moving: the same keys in each pane, described for each.
        let moves: [(Context, [&'static str; 6]); 4] = [
            (
                C::List,
                [
                    "next article",
                    "previous article",
                    "first article",
                    "last article",
                    "half a page down, up",
                    "a page down, up",
                ],
            ),
            (
                C::Reader,
                [
                    "scroll down a line",
                    "scroll up a line",
                    "to the top",
                    "to the bottom",
                    "half a page down, up",
                    "a page down, up",
                ],
            ),
            (
                C::Actors,
                [
                    "next actor",
                    "previous actor",
                    "first actor",
                    "last actor",
                    "half a page down, up",
                    "a page down, up",
                ],
            ),
            (
                C::Help,
                [
                    "scroll down",
                    "scroll up",
                    "to the top",
                    "to the bottom",
                    "half a page down, up",
                    "a page down, up",
                ],
            ),
        ];
        for (context, [down, up, top, bottom, half, page]) in moves {
            let hint = match context {
                C::Reader | C::Help => "scroll",
                _ => "move",
            };
            bind(context, Key::char('j'), A::Down, down, Some(hint));
            bind(context, Key::plain(K::Down), A::Down, down, None);
            bind(context, Key::char('k'), A::Up, up, Some(hint));
            bind(context, Key::plain(K::Up), A::Up, up, None);
            bind(context, Key::char('g'), A::Top, top, None);
            bind(context, Key::plain(K::Home), A::Top, top, None);
            bind(context, Key::char('G'), A::Bottom, bottom, None);
            bind(context, Key::plain(K::End), A::Bottom, bottom, None);
            bind(context, Key::ctrl('d'), A::HalfPageDown, half, None);
            bind(context, Key::ctrl('u'), A::HalfPageUp, half, None);
            let page_hint = (context == C::Reader).then_some("page");
            bind(context, Key::char(' '), A::PageDown, page, page_hint);
            bind(context, Key::plain(K::PageDown), A::PageDown, page, None);
            bind(context, Key::plain(K::PageUp), A::PageUp, page, None);
        }

        bind(
            C::List,
            Key::plain(K::Enter),
            A::Activate,
            "open the article",
            Some("open"),
        );
        bind(
            C::Actors,
            Key::plain(K::Enter),
            A::Activate,
            "filter the list by this actor and highlight it (again: clear)",
            Some("filter"),
        );
        bind(
            C::Actors,
            Key::char('a'),
            A::ToggleAllActors,
            "this article's actors, or all actors with their articles",
            Some("all"),
        );
        for key in [Key::plain(K::Esc), Key::char('q'), Key::char('?')] {
            bind(C::Help, key, A::CloseHelp, "close the help", Some("close"));
        }
        bind(
            C::Search,
            Key::plain(K::Enter),
            A::SubmitSearch,
            "search for what is typed (nothing: drop the search)",
            Some("search"),
        );
        bind(
            C::Search,
            Key::plain(K::Esc),
            A::CancelSearch,
            "close the prompt, keeping the search as it was",
            Some("cancel"),
        );
        bind(
            C::Search,
            Key::plain(K::Backspace),
            A::SearchBackspace,
            "delete the last letter (with its harakat)",
            Some("delete"),
        );
        bind(
            C::Search,
            Key::ctrl('u'),
            A::SearchClearInput,
            "empty the prompt",
            None,
        );
        for key in [Key::plain(K::Up), Key::ctrl('p')] {
            bind(
                C::Search,
                key,
                A::SearchOlder,
                "the query searched before (history)",
                Some("history"),
            );
        }
        for key in [Key::plain(K::Down), Key::ctrl('n')] {
            bind(
                C::Search,
                key,
                A::SearchNewer,
                "the query searched after, or back to what was typed",
                None,
            );
        }
        Keymap { bindings }
    }
}

impl Keymap {
    /// Every binding, in order.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// Binds `key` in `context` to `action`, replacing what it did there (for a config file).
    pub fn bind(&mut self, binding: Binding) {
        self.bindings
            .retain(|b| !(b.context == binding.context && b.key == binding.key));
        self.bindings.push(binding);
    }

    /// Removes `key` from `context` (`None`: from every context). A status-bar hint the key
    /// carried passes to another key of the same action there, so the hints keep naming a key
    /// that works.
    pub fn unbind(&mut self, context: Option<Context>, key: Key) {
        while let Some(at) = self
            .bindings
            .iter()
            .position(|b| b.key == key && context.is_none_or(|c| b.context == c))
        {
            let removed = self.bindings.remove(at);
            if removed.hint.is_some()
                && let Some(heir) = self.bindings.iter_mut().find(|b| {
                    b.context == removed.context && b.action == removed.action && b.hint.is_none()
                })
            {
                heir.hint = removed.hint;
            }
        }
    }

    /// Binds `key` to `action` in `context`, or, with `None`, in every context where the
    /// default keymap binds `action` (where it means something; Global for actions it does not
    /// bind). What `key` did there before is dropped. The binding takes the description of
    /// the action's other keys in that context, so the help lists them together, and their
    /// status-bar hint when no key of the action carries it any more.
    pub fn bind_action(&mut self, context: Option<Context>, key: Key, action: &Action) {
        let contexts: Vec<Context> = match context {
            Some(context) => vec![context],
            None => {
                let defaults = Keymap::default();
                let mut contexts: Vec<Context> = Vec::new();
                for binding in defaults.bindings.iter().filter(|b| b.action == *action) {
                    if !contexts.contains(&binding.context) {
                        contexts.push(binding.context);
                    }
                }
                if contexts.is_empty() {
                    contexts.push(Context::Global);
                }
                contexts
            }
        };
        let defaults = Keymap::default();
        for context in contexts {
            self.unbind(Some(context), key);
            let same = |b: &&Binding| b.context == context && b.action == *action;
            let template = self
                .bindings
                .iter()
                .find(same)
                .or_else(|| defaults.bindings.iter().find(same));
            let description = template.map_or_else(
                || {
                    ACTIONS
                        .iter()
                        .find(|(_, a, _)| a == action)
                        .map_or("", |&(_, _, description)| description)
                },
                |b| b.description,
            );
            let hinted = self.bindings.iter().any(|b| same(&b) && b.hint.is_some());
            let hint = if hinted {
                None
            } else {
                defaults.bindings.iter().filter(same).find_map(|b| b.hint)
            };
            let binding = Binding {
                context,
                key,
                action: action.clone(),
                description,
                hint,
            };
            // Next to the action's other keys, so that hints keep their order.
            match self.bindings.iter().rposition(|b| same(&b)) {
                Some(at) => self.bindings.insert(at + 1, binding),
                None => self.bindings.push(binding),
            }
        }
    }

    /// The action for `key` in `context`: the context's own binding, else a global one; a
    /// character of the Arabic (101) layout stands for the Latin key in its place.
    ///
    /// In the search prompt a character is typed, as it is on every layout; of the global
    /// keys only those with Ctrl (quit, suspend) still work.
    pub fn resolve(&self, context: Context, key: Key) -> Option<Action> {
        if context == Context::Search {
            let own = self
                .bindings
                .iter()
                .find(|b| b.context == Context::Search && b.key == key)
                .map(|b| b.action.clone());
            return own.or_else(|| match key.code {
                KeyCode::Char(c)
                    if !key
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
                {
                    Some(Action::SearchInput(c))
                }
                _ if key.modifiers.contains(KeyModifiers::CONTROL) => self
                    .bindings
                    .iter()
                    .find(|b| b.context == Context::Global && b.key == key)
                    .map(|b| b.action.clone()),
                _ => None,
            });
        }
        self.lookup(context, key).or_else(|| {
            let KeyCode::Char(c) = key.code else {
                return None;
            };
            let latin = arabic_layout_key(c)?;
            self.lookup(
                context,
                Key::normalized(KeyCode::Char(latin), key.modifiers),
            )
        })
    }

    /// The action for a terminal key event in `context`.
    pub fn resolve_event(&self, context: Context, event: &KeyEvent) -> Option<Action> {
        self.resolve(context, Key::from_event(event)?)
    }

    fn lookup(&self, context: Context, key: Key) -> Option<Action> {
        let find = |context: Context| {
            self.bindings
                .iter()
                .find(|b| b.context == context && b.key == key)
        };
        find(context)
            .or_else(|| find(Context::Global))
            .map(|b| b.action.clone())
    }

    /// The hints of `context` as the status bar writes them ("j/k move"), for tests.
    #[cfg(test)]
    pub(crate) fn hint_texts(&self, context: Context) -> Vec<String> {
        self.hints(context)
            .iter()
            .map(|hint| format!("{} {}", hint.keys, hint.label))
            .collect()
    }

    /// Hints for the status bar in `context`: its own, then the global ones (none in the
    /// search prompt).
    pub fn hints(&self, context: Context) -> Vec<Hint> {
        let mut hints: Vec<(Hint, Vec<&Action>)> = Vec::new();
        // The prompt's own keys only: the global ones type letters there.
        let contexts: &[Context] = if context == Context::Search {
            &[Context::Search]
        } else {
            &[context, Context::Global]
        };
        for binding in contexts
            .iter()
            .flat_map(|&c| self.bindings.iter().filter(move |b| b.context == c))
        {
            let Some(label) = binding.hint else {
                continue;
            };
            match hints.iter_mut().find(|(hint, _)| hint.label == label) {
                Some((_, actions)) if actions.contains(&&binding.action) => {}
                Some((hint, actions)) => {
                    hint.keys.push('/');
                    hint.keys.push_str(&binding.key.to_string());
                    actions.push(&binding.action);
                }
                None => hints.push((
                    Hint {
                        keys: binding.key.to_string(),
                        label,
                    },
                    vec![&binding.action],
                )),
            }
        }
        hints.into_iter().map(|(hint, _)| hint).collect()
    }

    /// The help of `context`: one entry per description, with all its keys.
    pub fn help_entries(&self, context: Context) -> Vec<HelpEntry> {
        let mut entries: Vec<HelpEntry> = Vec::new();
        for binding in self.bindings.iter().filter(|b| b.context == context) {
            let key = binding.key.to_string();
            match entries
                .iter_mut()
                .find(|e| e.description == binding.description)
            {
                Some(entry) => {
                    entry.keys.push(' ');
                    entry.keys.push_str(&key);
                }
                None => entries.push(HelpEntry {
                    keys: key,
                    description: binding.description,
                }),
            }
        }
        entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> Key {
        Key::parse(text).unwrap()
    }

    #[test]
    fn keys_resolve_per_context() {
        let keymap = Keymap::default();
        let cases: &[(Context, &str, Option<Action>)] = &[
            (Context::List, "j", Some(Action::Down)),
            (Context::List, "↓", Some(Action::Down)),
            (Context::Reader, "k", Some(Action::Up)),
            (Context::Reader, "g", Some(Action::Top)),
            (Context::Reader, "G", Some(Action::Bottom)),
            (Context::Reader, "End", Some(Action::Bottom)),
            (Context::Reader, "Ctrl-d", Some(Action::HalfPageDown)),
            (Context::Reader, "Ctrl-u", Some(Action::HalfPageUp)),
            (Context::Reader, "PgDn", Some(Action::PageDown)),
            (Context::Reader, "Space", Some(Action::PageDown)),
            (Context::Reader, "PgUp", Some(Action::PageUp)),
            (Context::List, "Enter", Some(Action::Activate)),
            (Context::Actors, "Enter", Some(Action::Activate)),
            (Context::Reader, "Enter", None),
            (Context::Actors, "a", Some(Action::ToggleAllActors)),
            (Context::List, "a", None),
            (Context::List, "Tab", Some(Action::FocusNext)),
            (Context::Reader, "Shift-Tab", Some(Action::FocusPrevious)),
            (Context::Reader, "n", Some(Action::NextMention)),
            (Context::Actors, "N", Some(Action::PreviousMention)),
            (Context::List, "c", Some(Action::ClearFilter)),
            (Context::List, "Esc", Some(Action::ClearFilter)),
            (Context::List, "d", Some(Action::CycleDirection)),
            (Context::List, "s", Some(Action::ToggleShaping)),
            (Context::List, "?", Some(Action::ToggleHelp)),
            (Context::List, "q", Some(Action::Quit)),
            (Context::List, "Ctrl-c", Some(Action::Quit)),
            (Context::List, "Ctrl-z", Some(Action::Suspend)),
            (Context::List, "[", Some(Action::ToggleList)),
            (Context::List, "]", Some(Action::ToggleSidebar)),
            (Context::List, "m", Some(Action::ToggleMirrored)),
            (Context::List, "r", Some(Action::ToggleRead)),
            (Context::Reader, "r", Some(Action::ToggleRead)),
            (Context::List, "f", Some(Action::ToggleStarred)),
            (Context::Reader, "*", Some(Action::ToggleStarred)),
            (Context::Actors, "f", Some(Action::ToggleStarred)),
            (Context::List, "u", Some(Action::CycleView)),
            (Context::Help, "Esc", Some(Action::CloseHelp)),
            (Context::Help, "q", Some(Action::CloseHelp)),
            (Context::Help, "?", Some(Action::CloseHelp)),
            (Context::Help, "j", Some(Action::Down)),
            (Context::Help, "Ctrl-c", Some(Action::Quit)),
            (Context::List, "/", Some(Action::StartSearch)),
            (Context::Reader, "/", Some(Action::StartSearch)),
            (Context::Search, "Enter", Some(Action::SubmitSearch)),
            (Context::Search, "Esc", Some(Action::CancelSearch)),
            (Context::Search, "Backspace", Some(Action::SearchBackspace)),
            (Context::Search, "Ctrl-u", Some(Action::SearchClearInput)),
            // In the prompt, keys type: `q` is a letter, not quit; Ctrl-c still quits.
            (Context::Search, "q", Some(Action::SearchInput('q'))),
            (Context::Search, "G", Some(Action::SearchInput('G'))),
            (Context::Search, "Space", Some(Action::SearchInput(' '))),
            (Context::Search, "/", Some(Action::SearchInput('/'))),
            (Context::Search, "Ctrl-c", Some(Action::Quit)),
            (Context::Search, "Alt-x", None),
            (Context::Search, "Tab", None),
            (Context::Reader, "x", None),
        ];
        for (context, text, expected) in cases {
            assert_eq!(
                keymap.resolve(*context, key(text)),
                *expected,
                "{context:?} {text}"
            );
        }
    }

    #[test]
    fn arabic_layout_keys_work_in_the_same_place() {
        let keymap = Keymap::default();
        let cases: &[(Context, char, Option<Action>)] = &[
            (Context::List, 'ت', Some(Action::Down)),              // j
            (Context::List, 'ن', Some(Action::Up)),                // k
            (Context::Reader, 'ل', Some(Action::Top)),             // g
            (Context::List, 'ؤ', Some(Action::ClearFilter)),       // c
            (Context::List, 'ض', Some(Action::Quit)),              // q
            (Context::List, '؟', Some(Action::ToggleHelp)),        // ?
            (Context::Reader, 'ى', Some(Action::NextMention)),     // n
            (Context::Reader, 'آ', Some(Action::PreviousMention)), // Shift-n
            (Context::Actors, 'ش', Some(Action::ToggleAllActors)), // a
            (Context::Reader, 'ي', Some(Action::CycleDirection)),  // d
            (Context::Reader, 'س', Some(Action::ToggleShaping)),   // s
            (Context::Reader, 'ج', Some(Action::ToggleList)),      // [
            (Context::Reader, 'د', Some(Action::ToggleSidebar)),   // ]
            (Context::Reader, 'ة', Some(Action::ToggleMirrored)),  // m
            (Context::Reader, 'ق', Some(Action::ToggleRead)),      // r
            (Context::List, 'ب', Some(Action::ToggleStarred)),     // f
            (Context::List, 'ع', Some(Action::CycleView)),         // u
            (Context::Reader, 'خ', Some(Action::OpenLink)),        // o
            (Context::Reader, 'ا', None),                          // h: unbound
            (Context::Reader, 'ح', None),                          // p: unbound
        ];
        for (context, c, expected) in cases {
            assert_eq!(
                keymap.resolve(*context, Key::char(*c)),
                *expected,
                "{context:?} {c}"
            );
        }
    }

    #[test]
    fn the_search_prompt_types_arabic_letters_instead_of_their_latin_keys() {
        let keymap = Keymap::default();
        for c in ['ت', 'ن', 'ض', 'ى', '؟', 'ل'] {
            assert_eq!(
                keymap.resolve(Context::Search, Key::char(c)),
                Some(Action::SearchInput(c)),
                "{c}"
            );
        }
        let lam = KeyEvent::new(KeyCode::Char('ل'), KeyModifiers::NONE);
        let alef = Event::Key(KeyEvent::new(KeyCode::Char('ا'), KeyModifiers::NONE));
        assert_eq!(
            arabic_pair(&lam, &alef),
            Some(KeyEvent::new(KeyCode::Char('b'), KeyModifiers::NONE)),
            "outside the prompt the pair is one key; the runner skips joining in the prompt"
        );
    }

    #[test]
    fn two_character_arabic_keys_are_joined() {
        let press = |c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        let joined = join_arabic_pairs(vec![press('ل'), press('أ'), press('ت'), press('ل')]);
        assert_eq!(joined, vec![press('G'), press('ت'), press('ل')]);
        let keymap = Keymap::default();
        let Event::Key(first) = &joined[0] else {
            panic!("a key event")
        };
        assert_eq!(
            keymap.resolve_event(Context::Reader, first),
            Some(Action::Bottom)
        );
        assert_eq!(
            join_arabic_pairs(vec![press('ل'), press('ا')]),
            vec![press('b')]
        );
    }

    #[test]
    fn shift_is_folded_into_characters() {
        let keymap = Keymap::default();
        let shifted_g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(
            keymap.resolve_event(Context::List, &shifted_g),
            Some(Action::Bottom)
        );
        let back_tab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(
            keymap.resolve_event(Context::List, &back_tab),
            Some(Action::FocusPrevious)
        );
        let mut release = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(keymap.resolve_event(Context::List, &release), None);
    }

    #[test]
    fn key_names_read_back() {
        for text in [
            "j",
            "G",
            "?",
            "Ctrl-d",
            "Space",
            "Enter",
            "Esc",
            "Tab",
            "Shift-Tab",
            "↓",
            "↑",
            "PgDn",
            "PgUp",
            "Home",
            "End",
            "Alt-x",
        ] {
            assert_eq!(key(text).to_string(), text);
        }
        assert_eq!(key("ctrl+D"), Key::ctrl('D'));
        assert_eq!(key("pagedown"), Key::plain(KeyCode::PageDown));
        assert!(Key::parse("Hyper-q").is_err());
        assert!(Key::parse("").is_err());
    }

    #[test]
    fn a_config_binding_replaces_the_default() {
        let mut keymap = Keymap::default();
        keymap.bind(Binding {
            context: Context::Reader,
            key: Key::char('j'),
            action: Action::PageDown,
            description: "a page down",
            hint: None,
        });
        assert_eq!(
            keymap.resolve(Context::Reader, Key::char('j')),
            Some(Action::PageDown)
        );
        assert_eq!(
            keymap.resolve(Context::List, Key::char('j')),
            Some(Action::Down)
        );
    }

    #[test]
    fn hints_and_help_come_from_the_bindings() {
        let keymap = Keymap::default();
        let hints = keymap.hint_texts(Context::List);
        assert_eq!(
            hints,
            [
                "j/k move",
                "Enter open",
                "q quit",
                "? help",
                "Tab pane",
                "n/N mention",
                "/ search"
            ]
        );
        assert_eq!(
            keymap.hint_texts(Context::Search),
            [
                "Enter search",
                "Esc cancel",
                "Backspace delete",
                "↑ history"
            ],
            "the prompt's keys only: q and the rest type there"
        );
        let reader: Vec<HelpEntry> = keymap.help_entries(Context::Reader);
        assert!(reader.contains(&HelpEntry {
            keys: "j ↓".to_string(),
            description: "scroll down a line",
        }));
        assert!(reader.contains(&HelpEntry {
            keys: "Ctrl-d Ctrl-u".to_string(),
            description: "half a page down, up",
        }));
        // Every binding shows up in the help of its context.
        for binding in keymap.bindings() {
            let key = binding.key.to_string();
            assert!(
                keymap
                    .help_entries(binding.context)
                    .iter()
                    .any(|e| e.keys.split(' ').any(|k| k == key)),
                "{binding:?}"
            );
        }
    }
}
