//! The config file: `$XDG_CONFIG_HOME/sahifa/config.toml` (else `~/.config/sahifa/config.toml`),
//! or the file given with `--config`. Default sources, reader settings and key overrides; see
//! `assets/config.example.toml` for every entry.
//!
//! Owns: reading the file and checking all of it before anything uses it (so sahifa never runs
//! on half a config), and the messages for what is wrong, each naming the file, line and
//! column. An absent file at the default place is an empty config; an absent `--config` file is
//! an error. May import `keymap`, `app`, `text` and `ui` types; does no I/O beyond reading the
//! one file.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;

use ratatui::style::Style;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::app::Preferences;
use crate::keymap::{ACTIONS, Context, Key, Keymap, action_by_name};
use crate::store::load::FetchOptions;
use crate::text::BaseDirection;
use crate::ui::{ColorSupport, STYLE_NAMES, Theme, parse_style};

/// The word that unbinds a key in `[keys]`.
pub const UNBIND: &str = "none";

/// What the config file says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// Sources to read when none is named on the command line, as written (each goes through
    /// `Source::from_arg`; `~/` is the home directory).
    pub sources: Vec<String>,
    /// Reader settings.
    pub preferences: Preferences,
    /// Colours: `None` lets the environment decide (NO_COLOR, COLORTERM, TERM).
    pub colors: Option<ColorSupport>,
    /// Styles from `[colors]`, by name (see [`STYLE_NAMES`]), over the palette's.
    pub styles: Vec<(String, Style)>,
    /// Key overrides, in file order.
    pub keys: Vec<KeyOverride>,
    /// Limits for fetching feed URLs, from `[fetch]` (its `cache` is the caller's to set).
    pub fetch: FetchOptions,
}

/// One entry of `[keys]` or `[keys.CONTEXT]`.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyOverride {
    /// `None`: the top-level `[keys]` table (every context where the action applies).
    pub context: Option<Context>,
    /// The key.
    pub key: Key,
    /// What it does; `None` unbinds it.
    pub action: Option<crate::app::Action>,
}

/// Something wrong with the config file: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file.
    pub path: PathBuf,
    /// 1-based line and column, when the problem has a place.
    pub place: Option<(usize, usize)>,
    /// What is wrong, in one line.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "config {}", self.path.display())?;
        if let Some((line, column)) = self.place {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ConfigError {}

/// Contexts of `[keys.NAME]` tables.
const CONTEXTS: [(&str, Context); 6] = [
    ("global", Context::Global),
    ("list", Context::List),
    ("reader", Context::Reader),
    ("actors", Context::Actors),
    ("help", Context::Help),
    ("search", Context::Search),
];

/// Where the config file is by default: `$XDG_CONFIG_HOME/sahifa/config.toml`, else
/// `$HOME/.config/sahifa/config.toml` (`var` looks an environment variable up). A relative
/// XDG_CONFIG_HOME is ignored, as the XDG spec says.
pub fn default_path(var: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    crate::files::sahifa_dir(var, "XDG_CONFIG_HOME", ".config").map(|dir| dir.join("config.toml"))
}

impl Config {
    /// Reads the config: `explicit` (from `--config`), which must exist, else the default
    /// place, where an absent file means the defaults.
    pub fn load(
        explicit: Option<&Path>,
        var: impl Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        let (path, required) = match explicit {
            Some(path) => (path.to_path_buf(), true),
            None => match default_path(&var) {
                Some(path) => (path, false),
                None => return Ok(Config::default()),
            },
        };
        match std::fs::read(&path) {
            Ok(bytes) => {
                let text = String::from_utf8(bytes).map_err(|error| ConfigError {
                    path: path.clone(),
                    place: None,
                    message: format!(
                        "not UTF-8 (byte {} is invalid)",
                        error.utf8_error().valid_up_to()
                    ),
                })?;
                let mut config = Config::parse(&text, &path)?;
                config.expand_home(var("HOME").as_deref());
                Ok(config)
            }
            Err(error) if error.kind() == std::io::ErrorKind::NotFound && !required => {
                Ok(Config::default())
            }
            Err(error) => Err(ConfigError {
                path,
                place: None,
                message: error.to_string(),
            }),
        }
    }

    /// Reads a config file's text; `path` is for the messages. Every entry is checked: the
    /// first problem is the error.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let error = |span: Range<usize>, message: String| ConfigError {
            path: path.to_path_buf(),
            place: Some(line_column(text, span.start)),
            message,
        };
        let table = DeTable::parse(text).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            error(span, e.message().trim().replace('\n', "; "))
        })?;
        let mut config = Config::default();
        for (key, value) in table.get_ref() {
            match key.get_ref().as_ref() {
                "sources" => config.sources = string_list(value, "sources", &error)?,
                "settings" => {
                    let settings = as_table(value, "settings", &error)?;
                    config.read_settings(settings, &error)?;
                }
                "keys" => {
                    let keys = as_table(value, "keys", &error)?;
                    config.read_keys(keys, &error)?;
                }
                "colors" | "colours" => {
                    let colors = as_table(value, "colors", &error)?;
                    config.read_styles(colors, &error)?;
                }
                "fetch" => {
                    let fetch = as_table(value, "fetch", &error)?;
                    config.read_fetch(fetch, &error)?;
                }
                other => {
                    return Err(error(
                        key.span(),
                        format!(
                            "unknown entry {other:?}: expected sources, [settings], [colors], \
                             [keys] or [fetch]"
                        ),
                    ));
                }
            }
        }
        Ok(config)
    }

    fn read_settings(
        &mut self,
        settings: &DeTable<'_>,
        error: &impl Fn(Range<usize>, String) -> ConfigError,
    ) -> Result<(), ConfigError> {
        for (key, value) in settings {
            let name = key.get_ref().as_ref();
            match name {
                "direction" => {
                    self.preferences.direction = match word(value, name, error)? {
                        "auto" => BaseDirection::Auto,
                        "rtl" => BaseDirection::Rtl,
                        "ltr" => BaseDirection::Ltr,
                        other => {
                            return Err(error(
                                value.span(),
                                format!("direction {other:?}: expected auto, rtl or ltr"),
                            ));
                        }
                    };
                }
                "shaping" => self.preferences.shaping = switch(value, name, error)?,
                "mirrored" => self.preferences.mirrored = switch(value, name, error)?,
                "colors" | "colours" => {
                    self.colors = match word(value, name, error)? {
                        "auto" => None,
                        "none" => Some(ColorSupport::None),
                        "basic" | "16" => Some(ColorSupport::Basic),
                        "extended" | "256" => Some(ColorSupport::Extended),
                        other => {
                            return Err(error(
                                value.span(),
                                format!(
                                    "colors {other:?}: expected auto, none, basic (16) or \
                                     extended (256)"
                                ),
                            ));
                        }
                    };
                }
                other => {
                    return Err(error(
                        key.span(),
                        format!(
                            "unknown setting {other:?}: expected direction, shaping, mirrored \
                             or colors"
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    fn read_fetch(
        &mut self,
        fetch: &DeTable<'_>,
        error: &impl Fn(Range<usize>, String) -> ConfigError,
    ) -> Result<(), ConfigError> {
        for (key, value) in fetch {
            let name = key.get_ref().as_ref();
            let seconds = |limit| integer(value, name, 1..=limit, error).map(Duration::from_secs);
            match name {
                "timeout" => self.fetch.total_timeout = seconds(3_600)?,
                "connect-timeout" => self.fetch.connect_timeout = seconds(600)?,
                "read-timeout" => self.fetch.read_timeout = seconds(600)?,
                "max-redirects" => {
                    self.fetch.max_redirects = integer(value, name, 0..=20, error)? as u32;
                }
                "max-size" => {
                    self.fetch.max_bytes = integer(value, name, 1..=1_024, error)? * 1024 * 1024;
                }
                other => {
                    return Err(error(
                        key.span(),
                        format!(
                            "unknown fetch limit {other:?}: expected timeout, connect-timeout, \
                             read-timeout, max-redirects or max-size"
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    fn read_styles(
        &mut self,
        colors: &DeTable<'_>,
        error: &impl Fn(Range<usize>, String) -> ConfigError,
    ) -> Result<(), ConfigError> {
        for (key, value) in colors {
            let name = key.get_ref().as_ref();
            if !STYLE_NAMES.contains(&name) {
                return Err(error(
                    key.span(),
                    format!(
                        "unknown style {name:?}: expected one of {}",
                        STYLE_NAMES.join(", ")
                    ),
                ));
            }
            let style = parse_style(word(value, name, error)?)
                .map_err(|message| error(value.span(), format!("{name}: {message}")))?;
            self.styles.push((name.to_string(), style));
        }
        Ok(())
    }

    /// The theme: the palette `colors` names (else the one the environment allows), with the
    /// `[colors]` styles over it.
    pub fn theme(&self, var: impl Fn(&str) -> Option<String>) -> Theme {
        let mut theme = Theme::new(self.colors.unwrap_or_else(|| ColorSupport::from_env(var)));
        for (name, style) in &self.styles {
            if let Some(slot) = theme.style_mut(name) {
                *slot = *style;
            }
        }
        theme
    }

    fn read_keys(
        &mut self,
        keys: &DeTable<'_>,
        error: &impl Fn(Range<usize>, String) -> ConfigError,
    ) -> Result<(), ConfigError> {
        // Top-level entries first, then the context tables, whatever the file order: a
        // context's own choice wins over the everywhere one.
        let mut tables = Vec::new();
        for (key, value) in keys {
            let name = key.get_ref().as_ref();
            if let Some(table) = value.get_ref().as_table() {
                let Some(&(_, context)) = CONTEXTS.iter().find(|(n, _)| *n == name) else {
                    return Err(error(
                        key.span(),
                        format!(
                            "unknown key table [keys.{name}]: expected global, list, reader, \
                             actors or help"
                        ),
                    ));
                };
                tables.push((context, table));
            } else {
                self.keys.push(key_override(None, key, value, error)?);
            }
        }
        for (context, table) in tables {
            for (key, value) in table {
                if value.get_ref().as_table().is_some() {
                    return Err(error(
                        key.span(),
                        "a key table inside a key table: write `KEY = \"action\"`".to_string(),
                    ));
                }
                self.keys
                    .push(key_override(Some(context), key, value, error)?);
            }
        }
        Ok(())
    }

    /// `~/` at the start of a source is the home directory.
    fn expand_home(&mut self, home: Option<&str>) {
        let Some(home) = home.filter(|h| !h.is_empty()) else {
            return;
        };
        for source in &mut self.sources {
            if let Some(rest) = source.strip_prefix("~/") {
                *source = Path::new(home).join(rest).to_string_lossy().into_owned();
            }
        }
    }

    /// The default keymap with the overrides applied, in file order.
    pub fn keymap(&self) -> Keymap {
        let mut keymap = Keymap::default();
        for entry in &self.keys {
            match &entry.action {
                Some(action) => keymap.bind_action(entry.context, entry.key, action),
                None => keymap.unbind(entry.context, entry.key),
            }
        }
        keymap
    }
}

fn key_override(
    context: Option<Context>,
    key: &Spanned<std::borrow::Cow<'_, str>>,
    value: &Spanned<DeValue<'_>>,
    error: &impl Fn(Range<usize>, String) -> ConfigError,
) -> Result<KeyOverride, ConfigError> {
    let parsed = Key::parse(key.get_ref()).map_err(|e| error(key.span(), e.to_string()))?;
    let name = value.get_ref().as_str().ok_or_else(|| {
        error(
            value.span(),
            format!(
                "key {:?}: expected an action name in quotes, or \"{UNBIND}\"",
                key.get_ref()
            ),
        )
    })?;
    let action = if name == UNBIND {
        None
    } else {
        Some(action_by_name(name).ok_or_else(|| {
            let names: Vec<&str> = ACTIONS.iter().map(|(n, _, _)| *n).collect();
            error(
                value.span(),
                format!(
                    "unknown action {name:?} for key {:?}: expected one of {}, or \"{UNBIND}\"",
                    key.get_ref(),
                    names.join(", ")
                ),
            )
        })?)
    };
    Ok(KeyOverride {
        context,
        key: parsed,
        action,
    })
}

fn as_table<'a, 'i>(
    value: &'a Spanned<DeValue<'i>>,
    name: &str,
    error: &impl Fn(Range<usize>, String) -> ConfigError,
) -> Result<&'a DeTable<'i>, ConfigError> {
    value.get_ref().as_table().ok_or_else(|| {
        error(
            value.span(),
            format!(
                "{name} must be a table ([{name}]), not {}",
                type_name(value)
            ),
        )
    })
}

fn word<'a>(
    value: &'a Spanned<DeValue<'_>>,
    name: &str,
    error: &impl Fn(Range<usize>, String) -> ConfigError,
) -> Result<&'a str, ConfigError> {
    value.get_ref().as_str().ok_or_else(|| {
        error(
            value.span(),
            format!("{name} must be a string, not {}", type_name(value)),
        )
    })
}

/// `true`/`false`, or `"on"`/`"off"`.
fn switch(
    value: &Spanned<DeValue<'_>>,
    name: &str,
    error: &impl Fn(Range<usize>, String) -> ConfigError,
) -> Result<bool, ConfigError> {
    match value.get_ref() {
        DeValue::Boolean(b) => Ok(*b),
        DeValue::String(s) if s == "on" => Ok(true),
        DeValue::String(s) if s == "off" => Ok(false),
        _ => Err(error(
            value.span(),
            format!("{name} must be true or false (or \"on\" or \"off\")"),
        )),
    }
}

/// A whole number within `range`.
fn integer(
    value: &Spanned<DeValue<'_>>,
    name: &str,
    range: std::ops::RangeInclusive<u64>,
    error: &impl Fn(Range<usize>, String) -> ConfigError,
) -> Result<u64, ConfigError> {
    let out_of_range = || {
        error(
            value.span(),
            format!(
                "{name} must be a whole number from {} to {}",
                range.start(),
                range.end()
            ),
        )
    };
    let DeValue::Integer(number) = value.get_ref() else {
        return Err(out_of_range());
    };
    let number =
        u64::from_str_radix(number.as_str(), number.radix()).map_err(|_| out_of_range())?;
    if range.contains(&number) {
        Ok(number)
    } else {
        Err(out_of_range())
    }
}

fn string_list(
    value: &Spanned<DeValue<'_>>,
    name: &str,
    error: &impl Fn(Range<usize>, String) -> ConfigError,
) -> Result<Vec<String>, ConfigError> {
    let DeValue::Array(items) = value.get_ref() else {
        return Err(error(
            value.span(),
            format!(
                "{name} must be a list of strings, like [\"~/news\"], not {}",
                type_name(value)
            ),
        ));
    };
    items
        .iter()
        .map(|item| match item.get_ref() {
            DeValue::String(s) if !s.is_empty() => Ok(s.to_string()),
            DeValue::String(_) => Err(error(item.span(), format!("an empty entry in {name}"))),
            _ => Err(error(
                item.span(),
                format!(
                    "{name} must be a list of strings, and this is {}",
                    type_name(item)
                ),
            )),
        })
        .collect()
}

fn type_name(value: &Spanned<DeValue<'_>>) -> &'static str {
    match value.get_ref() {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "a number",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "true or false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

/// 1-based line and column (in characters) of byte `at` in `text`.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let before = &text[..text.floor_char_boundary(at)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests;
