//! `ArticleBuilder`: assembles an [`Article`] from untrusted source lines.
//!
//! Owns: the rule that everything entering an article goes through the sanitiser (lines and
//! metadata fields alike), and how the id is chosen. Imports std and the store's own types.

use super::article::{Article, Metadata, Span};
use super::article_id::ArticleId;
use super::residue::ResidueRules;
use super::sanitize::{ColumnShift, sanitize_line, sanitize_line_into};
use super::source_ref::SourceRef;

/// Builds an article line by line: the first non-blank line becomes the title, each later
/// non-blank line a paragraph. Every line is sanitised on the way in.
#[derive(Debug, Clone)]
pub struct ArticleBuilder {
    source: SourceRef,
    text: String,
    spans: Vec<Span>,
    shifts: Vec<ColumnShift>,
    meta: Metadata,
    key: Option<String>,
}

impl ArticleBuilder {
    /// A builder for an article from `source`.
    pub fn new(source: SourceRef) -> Self {
        Self::with_capacity(source, 0, 0)
    }

    /// A builder that expects about `bytes` of text in about `lines` lines, to allocate
    /// once.
    pub fn with_capacity(source: SourceRef, bytes: usize, lines: usize) -> Self {
        ArticleBuilder {
            source,
            text: String::with_capacity(bytes),
            spans: Vec::with_capacity(lines),
            shifts: Vec::new(),
            meta: Metadata::default(),
            key: None,
        }
    }

    /// Sanitises `raw` (one source line, without its terminator) and adds it as the title if
    /// there is none yet, else as a paragraph. `line` is its 1-based line number in the
    /// source. Returns false, adding nothing, when the line is blank once sanitised.
    pub fn push_line(&mut self, line: usize, raw: &str) -> bool {
        let start = self.text.len();
        sanitize_line_into(raw, &mut self.text, &mut self.shifts);
        if self.text.len() == start {
            return false;
        }
        self.spans.push(Span {
            end: to_u32(self.text.len()),
            line: to_u32(line),
            shifts_end: to_u32(self.shifts.len()),
        });
        true
    }

    /// The source the article is being read from.
    pub fn source(&self) -> &SourceRef {
        &self.source
    }

    /// Number of lines kept so far, the title included.
    pub fn line_count(&self) -> usize {
        self.spans.len()
    }

    /// Drops trailing body paragraphs that `rules` call scraping residue (never the title).
    /// Returns how many were dropped.
    pub fn strip_residue(&mut self, rules: &ResidueRules) -> usize {
        if self.spans.len() <= 1 {
            return 0;
        }
        let (text, spans) = (&self.text, &self.spans);
        let body_len = spans.len() - 1;
        let keep = rules.body_len_without_residue_by(body_len, |i| {
            match (spans.get(i), spans.get(i + 1)) {
                (Some(prev), Some(span)) => text.get(prev.end as usize..span.end as usize),
                _ => None,
            }
            .unwrap_or("")
        });
        self.truncate_spans(keep + 1);
        body_len - keep
    }

    /// Sets the URL.
    pub fn url(&mut self, url: impl Into<String>) -> &mut Self {
        self.meta.url = Some(one_line(&url.into()));
        self
    }

    /// Sets the publication date, as the source writes it.
    pub fn published(&mut self, date: impl Into<String>) -> &mut Self {
        self.meta.published = Some(one_line(&date.into()));
        self
    }

    /// Sets the author.
    pub fn author(&mut self, author: impl Into<String>) -> &mut Self {
        self.meta.author = Some(one_line(&author.into()));
        self
    }

    /// Sets the feed's name.
    pub fn feed(&mut self, feed: impl Into<String>) -> &mut Self {
        self.meta.feed = Some(one_line(&feed.into()));
        self
    }

    /// Sets the language hint (a code such as "ar").
    pub fn language(&mut self, code: impl Into<String>) -> &mut Self {
        self.meta.language = Some(one_line(&code.into()));
        self
    }

    /// Adds a link collected from the content (numbered in the order added).
    pub fn link(&mut self, url: impl Into<String>) -> &mut Self {
        self.meta.links.push(one_line(&url.into()));
        self
    }

    /// Uses an external key (a feed guid or link) for the id instead of the content hash.
    pub fn key(&mut self, key: impl Into<String>) -> &mut Self {
        self.key = Some(key.into());
        self
    }

    /// The article, or, when no non-blank line was pushed (there is no title), the source
    /// back for the caller's warning.
    pub fn build(self) -> Result<Article, SourceRef> {
        if self.spans.is_empty() {
            return Err(self.source);
        }
        let mut text = self.text;
        if text.capacity() - text.len() > text.len() / 8 {
            text.shrink_to_fit();
        }
        let mut spans = self.spans;
        if spans.capacity() - spans.len() > spans.len() / 4 {
            spans.shrink_to_fit();
        }
        let mut shifts = self.shifts;
        shifts.shrink_to_fit();

        let id = match &self.key {
            Some(key) => ArticleId::from_key(key),
            None => {
                let mut start = 0;
                let mut parts = spans.iter().map(|span| {
                    let part = text.get(start..span.end as usize).unwrap_or("");
                    start = span.end as usize;
                    part
                });
                let title = parts.next().unwrap_or("");
                ArticleId::from_content(title, parts)
            }
        };
        Ok(Article {
            id,
            source: self.source,
            text,
            spans,
            shifts,
            meta: self.meta,
        })
    }

    fn truncate_spans(&mut self, n: usize) {
        if n >= self.spans.len() {
            return;
        }
        self.spans.truncate(n);
        let (end, shifts_end) = self
            .spans
            .last()
            .map_or((0, 0), |s| (s.end as usize, s.shifts_end as usize));
        self.text.truncate(end);
        self.shifts.truncate(shifts_end);
    }
}

/// A metadata field as it may be shown: sanitised like a line of text (feeds put anything in
/// them, escape sequences included).
fn one_line(raw: &str) -> String {
    sanitize_line(raw).text
}

/// Loaders refuse sources over 1 GiB, so offsets fit; saturate rather than wrap if not.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(lines: &[&str]) -> Article {
        let mut b = ArticleBuilder::new(SourceRef::Stdin);
        for (i, l) in lines.iter().enumerate() {
            b.push_line(i + 1, l);
        }
        b.build().unwrap()
    }

    #[test]
    fn first_non_blank_line_is_the_title_and_not_a_paragraph() {
        let a = build(&["", "  Title  ", "", "one", "\u{1b}[1m two"]);
        assert_eq!(a.title(), "Title");
        assert_eq!(a.title_paragraph().line(), 2);
        let paras: Vec<_> = a.paragraphs().map(|p| (p.text(), p.line())).collect();
        assert_eq!(paras, vec![("one", 4), ("two", 5)]);
        assert_eq!(a.paragraph_count(), 2);
        assert_eq!(a.paragraph(1).unwrap().source_column(0), 5);
        assert!(a.paragraph(2).is_none());
    }

    #[test]
    fn nothing_but_blank_lines_builds_nothing() {
        let mut b = ArticleBuilder::new(SourceRef::Stdin);
        b.push_line(1, "  ");
        b.push_line(2, "\u{1b}[0m");
        assert_eq!(b.build().unwrap_err(), SourceRef::Stdin);
    }

    #[test]
    fn same_content_same_id_whatever_the_source_noise() {
        let a = build(&["Title", "one  two", "three"]);
        let c = build(&["Title\r", "", "one two\t", "\u{1b}[0mthree"]);
        assert_eq!(a.id(), c.id());
        assert_ne!(a.id(), build(&["Title", "one two three"]).id());
        let mut keyed = ArticleBuilder::new(SourceRef::Stdin);
        keyed.push_line(1, "Title");
        keyed.key("guid:1");
        assert_eq!(keyed.build().unwrap().id(), ArticleId::from_key("guid:1"));
    }

    #[test]
    fn metadata_is_kept() {
        let mut b = ArticleBuilder::new(SourceRef::Seed("s"));
        b.push_line(1, "T");
        b.url("https://example.org/a")
            .published("2025-07-03")
            .author("A")
            .feed("F")
            .language("ar");
        let a = b.build().unwrap();
        assert_eq!(a.url(), Some("https://example.org/a"));
        assert_eq!(a.published(), Some("2025-07-03"));
        assert_eq!(a.author(), Some("A"));
        assert_eq!(a.feed(), Some("F"));
        assert_eq!(a.language(), Some("ar"));
        assert_eq!(a.source(), &SourceRef::Seed("s"));
    }

    #[test]
    fn metadata_is_sanitised() {
        let mut b = ArticleBuilder::new(SourceRef::Stdin);
        b.push_line(1, "T");
        b.url("https://a.example/\u{1b}]52;c;eA==\u{7}x")
            .author(" A\u{1b}[31m B\n")
            .feed("F\u{9b}2J")
            .language("ar\r")
            .published("2025\u{0}-01-01")
            .link("https://b.example/\u{1b}[0m");
        let a = b.build().unwrap();
        assert_eq!(a.url(), Some("https://a.example/x"));
        assert_eq!(a.author(), Some("A B"));
        assert_eq!(a.feed(), Some("F"));
        assert_eq!(a.language(), Some("ar"));
        assert_eq!(a.published(), Some("2025-01-01"));
        assert_eq!(a.links(), ["https://b.example/"]);
    }
}
