//! `SourceKind`: which loader reads a file.
//!
//! Owns: the mapping from file names to loaders: the one place to touch when a loader is
//! added (with its arm in `load::load_item`). Content sniffing for names that do not decide
//! (`.xml`, no extension) is in `feed::sniff`, applied by the walk. Imports std.

use std::fmt;
use std::path::Path;

/// The format of a file, as told by its extension (or, for `.xml` and extension-less files,
/// by its first bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceKind {
    /// `.txt`, `.text`, `.md` or no extension: one paragraph per line, first line the title.
    /// Markdown is read as plain text; its markup is not interpreted.
    PlainText,
    /// A feed: `.rss`, `.atom`, `.rdf`, `.xml`, `.feed`, `.jsonfeed`, `.json-feed` (RSS
    /// 0.9x/1.0/2.0, Atom 1.0 or JSON Feed, told apart by content).
    Feed,
    /// `.json`: one article object or an array of them (or a JSON Feed, told by content).
    Json,
    /// `.jsonl` / `.ndjson`: one article object per line.
    JsonLines,
    /// `.opml` subscription lists: each feed listed is read as a source.
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
            "rss" | "atom" | "rdf" | "xml" | "feed" | "jsonfeed" | "json-feed" => {
                Some(SourceKind::Feed)
            }
            "json" => Some(SourceKind::Json),
            "jsonl" | "ndjson" => Some(SourceKind::JsonLines),
            "opml" => Some(SourceKind::Opml),
            _ => None,
        }
    }

    /// True when the name does not settle the kind and the content is looked at: `.xml`
    /// (a feed or an OPML list) and names without an extension (plain text, a feed or an
    /// OPML list).
    pub fn sniffed(path: &Path) -> bool {
        match path.extension() {
            None => true,
            Some(ext) => ext.eq_ignore_ascii_case("xml"),
        }
    }
}

impl fmt::Display for SourceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SourceKind::PlainText => "plain text",
            SourceKind::Feed => "feed",
            SourceKind::Json => "JSON",
            SourceKind::JsonLines => "JSON Lines",
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
        assert_eq!(kind("a/feed.rss"), Some(SourceKind::Feed));
        assert_eq!(kind("a/feed.ATOM"), Some(SourceKind::Feed));
        assert_eq!(kind("a/feed.xml"), Some(SourceKind::Feed));
        assert_eq!(kind("a/feed.json-feed"), Some(SourceKind::Feed));
        assert_eq!(kind("a/x.json"), Some(SourceKind::Json));
        assert_eq!(kind("a/x.jsonl"), Some(SourceKind::JsonLines));
        assert_eq!(kind("a/subs.opml"), Some(SourceKind::Opml));
        assert_eq!(kind("a/photo.jpg"), None);
        assert!(SourceKind::sniffed(Path::new("a/README")));
        assert!(SourceKind::sniffed(Path::new("a/x.XML")));
        assert!(!SourceKind::sniffed(Path::new("a/x.rss")));
    }
}
