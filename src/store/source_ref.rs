//! `SourceRef`: where a piece of text came from.
//!
//! Owns: naming a source for people (in warnings, in the reader's "source" line). Imports std.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where an article or a warning came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SourceRef {
    /// A file or folder on disk, as it was named when found.
    File(PathBuf),
    /// One of the seed articles built into the binary, by name (`seed:NAME`).
    Seed(&'static str),
    /// Standard input (`-`).
    Stdin,
    /// A feed fetched from this URL (as the user or an OPML list gave it).
    Url(String),
}

impl SourceRef {
    /// The path, for a file source.
    pub fn path(&self) -> Option<&Path> {
        match self {
            SourceRef::File(path) => Some(path),
            SourceRef::Seed(_) | SourceRef::Stdin | SourceRef::Url(_) => None,
        }
    }
}

/// Writes the path, `seed:NAME`, `-` or the URL. File names and URLs are untrusted text too:
/// control characters in them are written escaped (`\u{1b}`), so a name cannot drive the
/// terminal.
impl fmt::Display for SourceRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceRef::File(path) => write_escaped(f, &path.to_string_lossy()),
            SourceRef::Seed(name) => write!(f, "seed:{name}"),
            SourceRef::Stdin => f.write_str("-"),
            SourceRef::Url(url) => write_escaped(f, url),
        }
    }
}

pub(crate) fn write_escaped(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    for c in text.chars() {
        if c.is_control() {
            write!(f, "{}", c.escape_unicode())?;
        } else {
            fmt::Write::write_char(f, c)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_forms() {
        assert_eq!(SourceRef::Stdin.to_string(), "-");
        assert_eq!(SourceRef::Seed("000_x").to_string(), "seed:000_x");
        assert_eq!(
            SourceRef::File(PathBuf::from("news/a.txt")).to_string(),
            "news/a.txt"
        );
    }

    #[test]
    fn control_characters_in_names_are_escaped() {
        let shown = SourceRef::File(PathBuf::from("a\u{1b}]52;c;x\u{7}.txt")).to_string();
        assert!(!shown.chars().any(char::is_control), "{shown:?}");
        assert!(shown.contains("\\u{1b}"));
        let shown = SourceRef::Url("https://a.example/\u{1b}[2J\u{9b}x".to_string()).to_string();
        assert!(!shown.chars().any(char::is_control), "{shown:?}");
        assert_eq!(shown, "https://a.example/\\u{1b}[2J\\u{9b}x");
    }
}
