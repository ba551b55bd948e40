//! `Article`: one article as stored: id, title, paragraphs and metadata.
//!
//! Owns: the compact layout of an article's text (one `String` holding the title and all
//! paragraphs back to back, with 12 bytes of bookkeeping per paragraph instead of a heap
//! allocation each) and the read-only API over it. Imports std, unicode-segmentation (so
//! that `short_title` never cuts a letter from its marks) and the store's own types.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;

use super::article_id::ArticleId;
use super::paragraph::Paragraph;
use super::sanitize::ColumnShift;
use super::source_ref::SourceRef;

/// Where one paragraph (or the title) sits in an article's shared text buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    /// Byte offset just past the paragraph in `Article::text` (it starts where the previous
    /// span ends).
    pub(crate) end: u32,
    /// 1-based line in the source.
    pub(crate) line: u32,
    /// Index just past this paragraph's entries in `Article::shifts`.
    pub(crate) shifts_end: u32,
}

/// Optional descriptive fields. Plain-text files have none of them; feeds will.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Metadata {
    pub(crate) url: Option<String>,
    pub(crate) published: Option<String>,
    pub(crate) author: Option<String>,
    pub(crate) feed: Option<String>,
    pub(crate) language: Option<String>,
    /// Links found in the article's content, in order, for a numbered list after the text.
    pub(crate) links: Vec<String>,
}

/// One article. Built by [`ArticleBuilder`](super::ArticleBuilder) (the loaders use it).
///
/// The title is the first non-blank line of the source; it is not repeated as the first
/// paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub(crate) id: ArticleId,
    pub(crate) source: SourceRef,
    /// The title, then every paragraph, back to back with no separators.
    pub(crate) text: String,
    /// `spans[0]` is the title; `spans[1..]` are the paragraphs in logical order.
    pub(crate) spans: Vec<Span>,
    /// Column shifts of all spans, each span's run relative to its own start.
    pub(crate) shifts: Vec<ColumnShift>,
    pub(crate) meta: Metadata,
}

impl Article {
    /// The stable id.
    pub fn id(&self) -> ArticleId {
        self.id
    }

    /// Where the article was read from.
    pub fn source(&self) -> &SourceRef {
        &self.source
    }

    /// The title (sanitised, trimmed).
    pub fn title(&self) -> &str {
        self.span(0).map_or("", |p| p.text)
    }

    /// The title as a paragraph view, for its source line and column mapping.
    pub fn title_paragraph(&self) -> Paragraph<'_> {
        self.span_or_empty(0)
    }

    /// The title shortened to at most `max_chars` user-perceived characters (grapheme
    /// clusters), cut at its logical end with "…" when it is longer. Whitespace before the
    /// cut is dropped. Direction is the layout layer's business: in Arabic the "…" is at the
    /// logical end, which shows on the left.
    pub fn short_title(&self, max_chars: usize) -> Cow<'_, str> {
        shorten(self.title(), max_chars)
    }

    /// The number of body paragraphs (the title not counted).
    pub fn paragraph_count(&self) -> usize {
        self.spans.len().saturating_sub(1)
    }

    /// Body paragraph `index` (0-based), if there is one.
    pub fn paragraph(&self, index: usize) -> Option<Paragraph<'_>> {
        self.span(index.checked_add(1)?)
    }

    /// The body paragraphs in logical order.
    pub fn paragraphs(
        &self,
    ) -> impl ExactSizeIterator<Item = Paragraph<'_>> + DoubleEndedIterator + '_ {
        (1..self.spans.len()).map(move |i| self.span_or_empty(i))
    }

    /// The article's URL, if the source gave one.
    pub fn url(&self) -> Option<&str> {
        self.meta.url.as_deref()
    }

    /// The publication date as the source wrote it.
    pub fn published(&self) -> Option<&str> {
        self.meta.published.as_deref()
    }

    /// The author, if the source named one.
    pub fn author(&self) -> Option<&str> {
        self.meta.author.as_deref()
    }

    /// The feed's name, for articles from feeds.
    pub fn feed(&self) -> Option<&str> {
        self.meta.feed.as_deref()
    }

    /// A language code hint (such as "ar"), when known; the layout layer still decides the
    /// direction of each paragraph from its text.
    pub fn language(&self) -> Option<&str> {
        self.meta.language.as_deref()
    }

    /// Links collected from the article's content (a feed's HTML), in the order they appear;
    /// the text refers to them by number. Empty for plain text.
    pub fn links(&self) -> &[String] {
        &self.meta.links
    }

    /// Bytes of text stored (title and paragraphs).
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    /// Bytes this article holds on the heap, as allocated (capacities), not counting the
    /// allocator's own overhead. For memory budgets.
    pub fn heap_bytes(&self) -> usize {
        let path = match &self.source {
            SourceRef::File(p) => p.capacity(),
            SourceRef::Url(u) => u.capacity(),
            SourceRef::Seed(_) | SourceRef::Stdin => 0,
        };
        let meta = [
            &self.meta.url,
            &self.meta.published,
            &self.meta.author,
            &self.meta.feed,
            &self.meta.language,
        ]
        .iter()
        .map(|s| s.as_ref().map_or(0, String::capacity))
        .sum::<usize>()
            + self.meta.links.capacity() * size_of::<String>()
            + self.meta.links.iter().map(String::capacity).sum::<usize>();
        self.text.capacity()
            + self.spans.capacity() * size_of::<Span>()
            + self.shifts.capacity() * size_of::<ColumnShift>()
            + path
            + meta
    }

    /// Span `i`, or an empty paragraph if the bookkeeping were ever inconsistent (the
    /// builder keeps it consistent; this only avoids a panic path).
    fn span_or_empty(&self, i: usize) -> Paragraph<'_> {
        self.span(i).unwrap_or(Paragraph {
            text: "",
            source: &self.source,
            line: 0,
            shifts: &[],
        })
    }

    fn span(&self, i: usize) -> Option<Paragraph<'_>> {
        let span = self.spans.get(i)?;
        let (start, shifts_start) = match i.checked_sub(1).and_then(|p| self.spans.get(p)) {
            Some(prev) => (prev.end as usize, prev.shifts_end as usize),
            None => (0, 0),
        };
        Some(Paragraph {
            text: self.text.get(start..span.end as usize)?,
            source: &self.source,
            line: span.line,
            shifts: self.shifts.get(shifts_start..span.shifts_end as usize)?,
        })
    }
}

/// Shortens `text` to at most `max_chars` grapheme clusters, ending in "…" when cut.
pub(crate) fn shorten(text: &str, max_chars: usize) -> Cow<'_, str> {
    if max_chars == 0 {
        return Cow::Borrowed("");
    }
    // Byte offset where the (max_chars)th grapheme starts, if the text has more than that.
    let mut graphemes = text.grapheme_indices(true);
    let Some((cut, _)) = graphemes.nth(max_chars - 1) else {
        return Cow::Borrowed(text);
    };
    if graphemes.next().is_none() {
        return Cow::Borrowed(text); // exactly max_chars
    }
    let kept = text[..cut].trim_end();
    let mut out = String::with_capacity(kept.len() + '…'.len_utf8());
    out.push_str(kept);
    out.push('…');
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_titles_cut_at_the_logical_end() {
        assert_eq!(shorten("abcdef", 10), "abcdef");
        assert_eq!(shorten("abcdef", 6), "abcdef");
        assert_eq!(shorten("abcdef", 5), "abcd…");
        assert_eq!(shorten("abc def", 5), "abc…");
        assert_eq!(shorten("abc", 0), "");
        assert_eq!(shorten("abc", 1), "…");
        assert_eq!(shorten("بوتين وترامب", 6), "بوتين…");
    }

    #[test]
    fn short_titles_keep_marks_with_their_letters() {
        // ب with shadda and fatha is one grapheme of three code points.
        let t = "ب\u{651}\u{64e}ت\u{651}ث";
        assert_eq!(shorten(t, 2), "ب\u{651}\u{64e}…");
        assert_eq!(shorten(t, 3), t);
    }
}
