//! `Paragraph`: a borrowed view of one stored paragraph (or the title) of an article.
//!
//! Owns: access to a paragraph's text, its source line and the column mapping back to that
//! line. Imports std and the store's own sanitising types.

use super::sanitize::{ColumnShift, map_column};
use super::source_ref::SourceRef;

/// One paragraph of an article, in logical order, as stored (sanitised and trimmed).
#[derive(Debug, Clone, Copy)]
pub struct Paragraph<'a> {
    pub(crate) text: &'a str,
    pub(crate) source: &'a SourceRef,
    pub(crate) line: u32,
    pub(crate) shifts: &'a [ColumnShift],
}

impl<'a> Paragraph<'a> {
    /// The sanitised text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The source the paragraph was read from (every paragraph of an article shares its
    /// article's source).
    pub fn source(&self) -> &'a SourceRef {
        self.source
    }

    /// The 1-based line number in the source.
    pub fn line(&self) -> usize {
        self.line as usize
    }

    /// The 0-based code-point column in the source line of code point `char_index` of this
    /// paragraph's text, accounting for trimmed whitespace and removed controls and escape
    /// sequences. An index at or past the end maps just past the last kept code point, so
    /// half-open ranges map to half-open ranges.
    pub fn source_column(&self, char_index: usize) -> usize {
        map_column(self.shifts, char_index)
    }

    /// True when the stored text differs from the source line only by nothing at all (no
    /// trimming, no removals): columns are the identity.
    pub fn columns_are_identity(&self) -> bool {
        self.shifts.is_empty()
    }
}
