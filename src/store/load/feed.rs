//! The feed loader: RSS 0.9x/1.0/2.0, Atom 1.0 and JSON Feed, through feed-rs.
//!
//! Owns: telling feeds from other content by their first bytes ([`sniff`]), and turning each
//! feed entry into an article: title (HTML decoded to one line; an entry without one is
//! titled by its first paragraph), body from the content, else the summary, else the media
//! description (HTML to paragraphs by `html`, plain text split at line breaks), links
//! collected as a numbered list, and metadata: URL (the entry's alternate link), date
//! (published, else updated, as RFC 3339), authors, feed title, language (the entry's
//! `xml:lang`, else the feed's `xml:lang` / `<language>` / JSON `language`). The id comes
//! from the entry's guid/id, else its link, so the same entry from two sources is one article.
//!
//! Lines: an entry's title is line 1 and its paragraph `n` (1-based) is line `n + 1`: the
//! line numbers of the article's own text, since a feed's XML lines mean nothing to a reader.
//!
//! Untrusted input: feed-rs reads XML with quick-xml, which resolves only the five predefined
//! entities and character references and never expands a DTD's entities (so a "billion
//! laughs" feed stays small); everything else is the store's sanitiser's job, which every
//! line and metadata field goes through. Imports std, feed-rs and url, and the store's own
//! types.

use feed_rs::model::{Content, Entry, Feed, Text};
use url::Url;

use super::super::article_builder::ArticleBuilder;
use super::super::source_ref::SourceRef;
use super::html::{
    decode_entities, has_markup, html_to_line, html_to_paragraphs, text_to_paragraphs,
};
use super::load_warning::{LoadWarning, WarningKind};
use super::loaded::Loaded;
use super::plain_text::sniff_binary;

/// What the first bytes of a file say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// An RSS, RDF or Atom document.
    XmlFeed,
    /// A JSON Feed.
    JsonFeed,
    /// An OPML subscription list.
    Opml,
    /// None of these.
    Other,
}

/// How many leading bytes [`sniff`] needs at most.
pub const SNIFF_BYTES: usize = 4096;

/// What `head` (the first bytes of a file) is: a byte order mark, whitespace, an XML
/// declaration, comments, processing instructions and a doctype may come before the root
/// element `<rss`, `<feed`, `<rdf:RDF` (any prefix) or `<opml`; a JSON Feed is an object
/// whose `"version"` is `https://jsonfeed.org/…` within the first bytes.
pub fn sniff(head: &[u8]) -> Sniffed {
    let head = &head[..head.len().min(SNIFF_BYTES)];
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace());
    let Some(start) = start else {
        return Sniffed::Other;
    };
    let mut rest = &head[start..];
    if rest.first() == Some(&b'{') {
        let text = String::from_utf8_lossy(rest);
        let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        return if compact.contains("\"version\":\"https://jsonfeed.org/")
            || compact.contains("\"version\":\"http://jsonfeed.org/")
        {
            Sniffed::JsonFeed
        } else {
            Sniffed::Other
        };
    }
    loop {
        let Some(after) = rest.strip_prefix(b"<") else {
            return Sniffed::Other;
        };
        // Skip prologue: declarations, comments, doctypes.
        let skip = if after.starts_with(b"!--") {
            find(after, b"-->").map(|end| end + 3)
        } else if after.starts_with(b"?") || after.starts_with(b"!") {
            find(after, b">").map(|end| end + 1)
        } else {
            let name_len = after
                .iter()
                .position(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
                .unwrap_or(after.len());
            let name = &after[..name_len];
            let local = match name.iter().rposition(|b| *b == b':') {
                Some(colon) => &name[colon + 1..],
                None => name,
            };
            return match local {
                b"rss" | b"feed" | b"RDF" => Sniffed::XmlFeed,
                b"opml" => Sniffed::Opml,
                _ => Sniffed::Other,
            };
        };
        let Some(skip) = skip else {
            return Sniffed::Other;
        };
        let next = &after[skip..];
        let ws = next
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(next.len());
        rest = &next[ws..];
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Reads `bytes` as a feed from `source`. `base` is the URL the feed was fetched from (for
/// relative links), if any.
pub fn parse_feed(source: SourceRef, bytes: &[u8], base: Option<&str>) -> Loaded {
    let mut loaded = Loaded {
        bytes: bytes.len() as u64,
        ..Loaded::default()
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        let kind = if bytes.is_empty() {
            WarningKind::Empty
        } else {
            WarningKind::Blank
        };
        loaded.warnings.push(LoadWarning::new(source, kind));
        return loaded;
    }
    let parser = feed_rs::parser::Builder::new()
        .base_uri(base)
        // No made-up ids: an entry without one is keyed by its link, else by its content.
        .id_generator(|_, _, _| String::new())
        .build();
    let lossy: String;
    let (feed, bytes) = match parser.parse(bytes) {
        Ok(feed) => (feed, bytes),
        Err(error) => {
            // Only now: feeds in legacy encodings (windows-1256, ISO-8859-x) are not UTF-8
            // and would look binary to a check made first.
            let valid = simdutf8::basic::from_utf8(bytes).is_ok();
            if let Some(evidence) = sniff_binary(bytes, valid) {
                loaded
                    .warnings
                    .push(LoadWarning::new(source, WarningKind::Binary(evidence)));
                return loaded;
            }
            // A UTF-8 feed with a few bad bytes: read it with U+FFFD in their place.
            lossy = if valid {
                String::new()
            } else {
                String::from_utf8_lossy(bytes).into_owned()
            };
            match (!valid).then(|| parser.parse(lossy.as_bytes())) {
                Some(Ok(feed)) => {
                    let (first, lines) = invalid_utf8_lines(bytes);
                    loaded.warnings.push(LoadWarning::at_line(
                        source.clone(),
                        first,
                        WarningKind::InvalidUtf8 { lines },
                    ));
                    (feed, lossy.as_bytes())
                }
                _ => {
                    let reason = match error {
                        feed_rs::parser::ParseFeedError::ParseError(
                            feed_rs::parser::ParseErrorKind::NoFeedRoot,
                        ) => "no RSS, Atom or JSON Feed root element".to_string(),
                        other => other.to_string(),
                    };
                    loaded
                        .warnings
                        .push(LoadWarning::new(source, WarningKind::NotAFeed { reason }));
                    return loaded;
                }
            }
        }
    };
    if feed.entries.is_empty() {
        loaded
            .warnings
            .push(LoadWarning::new(source, WarningKind::NoEntries));
        return loaded;
    }
    let context = FeedContext::new(&feed, base);
    // feed-rs reads `xml:lang` and `xml:base` on the feed and on `<content>` only; an entry's
    // own (or an ancestor's) are found here, when the scan sees as many entries as feed-rs.
    let scopes = entry_scopes(bytes, base).filter(|s| s.len() == feed.entries.len());
    for (index, entry) in feed.entries.iter().enumerate() {
        let scope = scopes.as_ref().and_then(|s| s.get(index));
        match entry_article(&source, &context, entry, scope) {
            Some(article) => loaded.articles.push(article),
            None => loaded.warnings.push(LoadWarning::new(
                source.clone(),
                WarningKind::BadRecord {
                    index: index + 1,
                    reason: "the entry has no title and no text".to_string(),
                },
            )),
        }
    }
    loaded
}

/// The `xml:lang` and `xml:base` in effect at an `<entry>` / `<item>` element.
#[derive(Debug, Clone, Default)]
struct Scope {
    lang: Option<String>,
    base: Option<Url>,
}

/// The scope of each `<entry>` / `<item>` element of an XML feed, in document order, or
/// `None` if the document is not XML that reads to the end. `document` is the URL the feed
/// came from, the base of a relative `xml:base`.
fn entry_scopes(bytes: &[u8], document: Option<&str>) -> Option<Vec<Scope>> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let root = Scope {
        lang: None,
        base: document.and_then(|d| Url::parse(d).ok()),
    };
    // The scope inside each open element.
    let mut stack: Vec<Scope> = Vec::new();
    let mut found = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buf).ok()?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let mut scope = stack.last().unwrap_or(&root).clone();
                for attr in e.attributes().flatten() {
                    match attr.key.as_ref() {
                        "xml:lang" => scope.lang = Some(attr.value.trim().to_string()),
                        "xml:base" => {
                            let value = decode_entities(attr.value.trim());
                            scope.base = match &scope.base {
                                Some(outer) => outer.join(&value).ok(),
                                None => Url::parse(&value).ok(),
                            };
                        }
                        _ => {}
                    }
                }
                if matches!(e.local_name().as_ref(), "entry" | "item") {
                    let mut entry = scope.clone();
                    entry.lang = entry.lang.filter(|l| !l.is_empty());
                    found.push(entry);
                }
                if matches!(event, Event::Start(_)) {
                    stack.push(scope);
                }
            }
            Event::End(_) => {
                stack.pop();
            }
            Event::Eof => return Some(found),
            _ => {}
        }
        buf.clear();
    }
}

/// The first line (1-based) with invalid UTF-8 in `bytes`, and how many lines have some.
fn invalid_utf8_lines(bytes: &[u8]) -> (usize, usize) {
    let mut first = 0;
    let mut count = 0;
    for (i, line) in bytes.split(|b| *b == b'\n').enumerate() {
        if std::str::from_utf8(line).is_err() {
            if count == 0 {
                first = i + 1;
            }
            count += 1;
        }
    }
    (first, count)
}

/// What entries inherit from their feed.
struct FeedContext {
    name: Option<String>,
    language: Option<String>,
    base: Option<Url>,
}

impl FeedContext {
    fn new(feed: &Feed, base: Option<&str>) -> Self {
        let name = feed
            .title
            .as_ref()
            .map(text_line)
            .filter(|name| !name.is_empty());
        let base = base
            .and_then(|b| Url::parse(b).ok())
            .or_else(|| feed.links.iter().find_map(|l| Url::parse(&l.href).ok()));
        FeedContext {
            name,
            language: feed.language.clone().filter(|l| !l.trim().is_empty()),
            base,
        }
    }
}

/// One entry as an article, or `None` when it has no text at all.
fn entry_article(
    source: &SourceRef,
    context: &FeedContext,
    entry: &Entry,
    scope: Option<&Scope>,
) -> Option<super::super::article::Article> {
    let url = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|rel| rel == "alternate"))
        .or_else(|| entry.links.first())
        .map(|l| l.href.clone());
    // Relative links in the content: against its `xml:base` in effect (or the URL the feed
    // came from), else, for a feed read from a file, against the entry's own link.
    let base = entry
        .base
        .as_deref()
        .and_then(|b| Url::parse(b).ok())
        .or_else(|| scope.and_then(|s| s.base.clone()))
        .or_else(|| url.as_deref().and_then(|u| Url::parse(u).ok()))
        .or_else(|| context.base.clone());

    let (paragraphs, links) = entry_body(entry, base.as_ref());
    let title = entry
        .title
        .as_ref()
        .map(text_line)
        .filter(|t| !t.is_empty());

    let mut builder = ArticleBuilder::new(source.clone());
    let mut line = 1;
    if let Some(title) = &title {
        builder.push_line(line, title);
        line += 1;
    }
    for paragraph in &paragraphs {
        builder.push_line(line, paragraph);
        line += 1;
    }
    for link in links {
        builder.link(link);
    }
    if let Some(url) = &url {
        builder.url(url.as_str());
    }
    if let Some(date) = entry.published.or(entry.updated) {
        builder.published(date.to_rfc3339());
    }
    let authors: Vec<&str> = entry
        .authors
        .iter()
        .filter_map(|p| p.name.as_deref())
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect();
    if !authors.is_empty() {
        builder.author(authors.join(", "));
    }
    if let Some(name) = &context.name {
        builder.feed(name.as_str());
    }
    let language = entry
        .language
        .as_deref()
        .or(scope.and_then(|s| s.lang.as_deref()))
        .filter(|l| !l.trim().is_empty())
        .or(context.language.as_deref());
    if let Some(language) = language {
        builder.language(language.trim());
    }
    let id = entry.id.trim();
    if !id.is_empty() {
        builder.key(id);
    } else if let Some(url) = &url {
        builder.key(url.as_str());
    }
    builder.build().ok()
}

/// The entry's paragraphs and links: from its content, else its summary, else its media
/// description.
fn entry_body(entry: &Entry, base: Option<&Url>) -> (Vec<String>, Vec<String>) {
    if let Some(content) = &entry.content
        && let Some(body) = content_body(content, base)
    {
        return body;
    }
    if let Some(summary) = &entry.summary
        && let Some(body) = text_body(summary, base)
    {
        return body;
    }
    for media in &entry.media {
        if let Some(body) = media.description.as_ref().and_then(|d| text_body(d, base)) {
            return body;
        }
    }
    (Vec::new(), Vec::new())
}

fn content_body(content: &Content, base: Option<&Url>) -> Option<(Vec<String>, Vec<String>)> {
    let body = content.body.as_deref()?;
    let html = content.content_type.subty().as_str() != "plain";
    non_empty(convert(body, html, base))
}

fn text_body(text: &Text, base: Option<&Url>) -> Option<(Vec<String>, Vec<String>)> {
    let html = text.content_type.subty().as_str() != "plain";
    non_empty(convert(&text.content, html, base))
}

/// Paragraphs and links of a body. Bodies said to be plain text but holding tags are read as
/// HTML (RSS 1.0 descriptions are typed plain and routinely hold escaped HTML).
fn convert(body: &str, html: bool, base: Option<&Url>) -> (Vec<String>, Vec<String>) {
    if html || has_markup(body) {
        let text = html_to_paragraphs(body, base);
        (text.paragraphs, text.links)
    } else {
        (text_to_paragraphs(body), Vec::new())
    }
}

fn non_empty(body: (Vec<String>, Vec<String>)) -> Option<(Vec<String>, Vec<String>)> {
    (!body.0.is_empty()).then_some(body)
}

/// A text construct (title, feed name) on one line. Read as HTML whatever its declared type:
/// RSS titles are "plain" yet routinely hold escaped entities (`&amp;quot;`), and plain text
/// has already lost its XML escaping, so a lone `<` or `&` stays as it is.
fn text_line(text: &Text) -> String {
    html_to_line(&text.content)
}
