//! `SourceKind`: which loader reads a file.
//!
//! Owns: the mapping from file names to loaders: the one place to touch when a loader is
//! added (with its arm in `load::load_item`). Imports std.

use std::fmt;
use std::path::Path;

/// The format of a file, as told by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceKind {
    /// `.txt`, `.text`, `.md` or no extension: one paragraph per line, first line the title.
    /// Markdown is read as plain text; its markup is not interpreted.
    PlainText,
    /// `.json` (not read yet).
    Json,
    /// `.xml` (not read yet).
    Xml,
    /// `.rss` (not read yet).
    Rss,
    /// `.atom` (not read yet).
    Atom,
    /// `.opml` subscription lists (not read yet).
    Opml,
}

impl SourceKind {
    /// The kind a file name says, or `None` when it is none of ours (an image, say): such
    /// files are skipped silently in folders.
    pub fn from_path(path: &Path) -> Option<SourceKind> {
        let Some(ext) = path.extension() else {
            return Some(SourceKind::PlainText);
        };
        let ext = ext.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" | "md" => Some(SourceKind::PlainText),
            "json" => Some(SourceKind::Json),
            "xml" => Some(SourceKind::Xml),
            "rss" => Some(SourceKind::Rss),
            "atom" => Some(SourceKind::Atom),
            "opml" => Some(SourceKind::Opml),
            _ => None,
        }
    }

    /// True when this build has a loader for the kind.
    pub fn is_supported(self) -> bool {
        matches!(self, SourceKind::PlainText)
    }
}

impl fmt::Display for SourceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SourceKind::PlainText => "plain text",
            SourceKind::Json => "JSON",
            SourceKind::Xml => "XML",
            SourceKind::Rss => "RSS",
            SourceKind::Atom => "Atom",
            SourceKind::Opml => "OPML",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_extension() {
        let kind = |p: &str| SourceKind::from_path(Path::new(p));
        assert_eq!(kind("a/b.txt"), Some(SourceKind::PlainText));
        assert_eq!(kind("a/b.TXT"), Some(SourceKind::PlainText));
        assert_eq!(kind("a/b.md"), Some(SourceKind::PlainText));
        assert_eq!(kind("a/b.text"), Some(SourceKind::PlainText));
        assert_eq!(kind("a/README"), Some(SourceKind::PlainText));
        assert_eq!(kind("a/feed.rss"), Some(SourceKind::Rss));
        assert_eq!(kind("a/x.json"), Some(SourceKind::Json));
        assert_eq!(kind("a/photo.jpg"), None);
        assert!(!SourceKind::Rss.is_supported());
    }
}
