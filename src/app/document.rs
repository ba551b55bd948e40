//! `Document`: an article laid out for the reading view at one width, and `LayoutCache`, which
//! keeps the expensive part (levels, shaping, break opportunities) per article and options and
//! re-wraps cheaply when only the width or the highlight changes.

use std::ops::Range;
use std::sync::Arc;

use crate::store::{ActorKey, Article, ArticleId};
use crate::text::{
    Alignment, BaseDirection, LayoutOptions, PreparedParagraph, StyleId, StyleSpan, VisualLine,
};

use super::mentions::MentionPlace;

/// The style id of a mention of the highlighted actor (the layer carries it to each cell).
pub const STYLE_MENTION: StyleId = 1;
/// The style id of a hit of the active search.
pub const STYLE_SEARCH: StyleId = 2;

/// Documents kept, most recently used first.
const DOCUMENTS_KEPT: usize = 8;
/// Prepared articles kept, most recently used first.
const PREPARED_KEPT: usize = 4;

/// What a line of the reading view is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Part of the title.
    Title,
    /// The source line under the title.
    Meta,
    /// Part of a body paragraph.
    Body,
    /// Space between blocks.
    Blank,
}

/// One line of the reading view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentLine {
    /// What it is.
    pub kind: LineKind,
    /// For title and body lines, the block it belongs to (0 = title, `i + 1` = paragraph `i`).
    pub block: usize,
    /// The cells, in visual order.
    pub visual: VisualLine,
}

/// A mention of the highlighted actor (or a hit of the search) and the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentionLine {
    /// Index in [`Document::lines`].
    pub line: usize,
    /// Where the mention is in the article.
    pub place: MentionPlace,
}

/// An article laid out at one width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Every line, top to bottom.
    pub lines: Vec<DocumentLine>,
    /// What `n`/`N` go through, in reading order: the search's hits while there is a
    /// search, else the highlighted actor's mentions.
    pub mentions: Vec<MentionLine>,
}

/// What a document depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DocumentKey {
    /// The article.
    pub article: ArticleId,
    /// Wrap width in cells.
    pub width: u16,
    /// Direction and shaping.
    pub options: LayoutOptions,
    /// The actor whose mentions are highlighted.
    pub highlight: Option<ActorKey>,
    /// The search whose hits are highlighted (its generation number).
    pub search: Option<u64>,
}

/// Prepared paragraphs and documents, a few of each.
#[derive(Debug, Clone, Default)]
pub struct LayoutCache {
    prepared: Vec<(ArticleId, LayoutOptions, Arc<[PreparedParagraph]>)>,
    documents: Vec<(DocumentKey, Arc<Document>)>,
}

impl LayoutCache {
    /// The document for `key`, laid out now if it is not kept. `meta` is the source line;
    /// `places` the highlighted actor's mentions in `article`; `hits` finds the search's hits
    /// (asked only when the document is laid out, and only when `key` has a search).
    pub fn document(
        &mut self,
        key: DocumentKey,
        article: &Article,
        meta: &str,
        places: &[MentionPlace],
        hits: impl FnOnce() -> Vec<MentionPlace>,
    ) -> Arc<Document> {
        if let Some(at) = self.documents.iter().position(|(k, _)| *k == key) {
            let entry = self.documents.remove(at);
            let document = Arc::clone(&entry.1);
            self.documents.insert(0, entry);
            return document;
        }
        let prepared = self.prepared(article, key.options);
        let hits = key.search.map(|_| hits());
        let document = Arc::new(lay_out(
            &prepared,
            meta,
            article.links(),
            usize::from(key.width),
            key.options.shaping,
            places,
            hits.as_deref(),
        ));
        self.documents.insert(0, (key, Arc::clone(&document)));
        self.documents.truncate(DOCUMENTS_KEPT);
        document
    }

    /// Forgets the documents of `article` (its mentions changed); prepared text stays.
    pub fn forget_documents(&mut self, article: ArticleId) {
        self.documents.retain(|(key, _)| key.article != article);
    }

    fn prepared(&mut self, article: &Article, options: LayoutOptions) -> Arc<[PreparedParagraph]> {
        let id = article.id();
        if let Some(at) = self
            .prepared
            .iter()
            .position(|(a, o, _)| *a == id && *o == options)
        {
            let entry = self.prepared.remove(at);
            let prepared = Arc::clone(&entry.2);
            self.prepared.insert(0, entry);
            return prepared;
        }
        let prepared: Arc<[PreparedParagraph]> = std::iter::once(article.title())
            .chain(article.paragraphs().map(|p| p.text()))
            .map(|text| PreparedParagraph::new(text, &options))
            .collect();
        self.prepared
            .insert(0, (id, options, Arc::clone(&prepared)));
        self.prepared.truncate(PREPARED_KEPT);
        prepared
    }
}

/// Title, source line, then the paragraphs with a blank line between blocks, then the
/// article's links as a numbered list (the text refers to them as `[n]`). Search hits are
/// drawn over actor mentions where they overlap.
fn lay_out(
    prepared: &[PreparedParagraph],
    meta: &str,
    links: &[String],
    width: usize,
    shaping: bool,
    places: &[MentionPlace],
    hits: Option<&[MentionPlace]>,
) -> Document {
    let mut lines = Vec::new();
    let spans = |block: usize| -> Vec<StyleSpan> {
        let styled = |style| {
            move |place: &MentionPlace| StyleSpan {
                range: place.range(),
                style,
            }
        };
        let in_block = |place: &&MentionPlace| place.block() == block;
        places
            .iter()
            .filter(in_block)
            .map(styled(STYLE_MENTION))
            .chain(
                hits.unwrap_or(&[])
                    .iter()
                    .filter(in_block)
                    .map(styled(STYLE_SEARCH)),
            )
            .collect()
    };
    let meta_options = LayoutOptions {
        direction: BaseDirection::Ltr,
        shaping,
        ..LayoutOptions::default()
    };
    for (block, paragraph) in prepared.iter().enumerate() {
        let kind = if block == 0 {
            LineKind::Title
        } else {
            LineKind::Body
        };
        for visual in paragraph.lines(width, &spans(block)) {
            lines.push(DocumentLine {
                kind,
                block,
                visual,
            });
        }
        if block == 0 {
            for visual in crate::text::layout(meta, &[], width, &meta_options) {
                lines.push(DocumentLine {
                    kind: LineKind::Meta,
                    block,
                    visual,
                });
            }
        }
        if block + 1 < prepared.len() {
            lines.push(blank(block));
        }
    }
    let last = prepared.len().saturating_sub(1);
    if !links.is_empty() {
        lines.push(blank(last));
    }
    for (number, link) in links.iter().enumerate() {
        // A URL is left-to-right whatever the article's direction.
        let text = format!("[{}] {link}", number + 1);
        for visual in crate::text::layout(&text, &[], width, &meta_options) {
            lines.push(DocumentLine {
                kind: LineKind::Meta,
                block: last,
                visual,
            });
        }
    }
    let mentions = hits
        .unwrap_or(places)
        .iter()
        .filter_map(|place| {
            let line = line_of(&lines, place.block(), &place.range())?;
            Some(MentionLine {
                line,
                place: place.clone(),
            })
        })
        .collect();
    Document { lines, mentions }
}

/// The line of `block` on which `range` starts.
fn line_of(lines: &[DocumentLine], block: usize, range: &Range<usize>) -> Option<usize> {
    lines.iter().position(|line| {
        line.block == block
            && matches!(line.kind, LineKind::Title | LineKind::Body)
            && line.visual.logical.start <= range.start
            && range.start < line.visual.logical.end
    })
}

fn blank(block: usize) -> DocumentLine {
    DocumentLine {
        kind: LineKind::Blank,
        block,
        visual: VisualLine {
            text: String::new(),
            cells: Vec::new(),
            width: 0,
            alignment: Alignment::Left,
            logical: 0..0,
        },
    }
}
