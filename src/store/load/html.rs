//! HTML to paragraphs: what a feed entry's content becomes in the store.
//!
//! Owns: the conversion of untrusted HTML fragments (feed content and summaries) into plain
//! paragraphs and a numbered list of links. Block elements (`p`, `div`, `h1`–`h6`, `li`,
//! `blockquote`, `tr`, …) and `<br>` end a paragraph; table cells in a row are joined with
//! ` | `; runs of whitespace collapse to one space (inside `pre` each line is a paragraph);
//! character references are decoded (named, decimal, hex), and text that is still escaped
//! after that — the double escaping real feeds contain (`&amp;quot;` in CDATA,
//! `&lt;p&gt;` for `<p>`) — is decoded once more. `script`, `style`, `iframe`, `svg`,
//! `noscript`, `template`, `head`, `object` and `select` are dropped with what they contain;
//! images are dropped (an `alt` text is kept as `[alt]` when the image is not inside a link).
//! A link's text keeps a marker `[n]` after it, `n` the 1-based number of its target in
//! [`HtmlText::links`] (absolute after resolving against the base URL; the same target keeps
//! its number); `javascript:`, `data:` and fragment-only links are not collected.
//!
//! No recursion and no tree: one pass over the input, so deep nesting costs nothing and the
//! output is never much larger than the input. Control characters are left for the store's
//! sanitiser, which every line goes through. Imports std and url.

use std::borrow::Cow;
use std::collections::HashMap;

use url::Url;

/// The paragraphs and links of an HTML fragment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlText {
    /// Non-empty paragraphs, in order, whitespace collapsed and trimmed.
    pub paragraphs: Vec<String>,
    /// Link targets, numbered from 1 in the order of their first marker.
    pub links: Vec<String>,
}

/// Converts an HTML fragment into paragraphs and links. Relative links are resolved against
/// `base` when given (and dropped when not, unless they are absolute already).
pub fn html_to_paragraphs(html: &str, base: Option<&Url>) -> HtmlText {
    let mut out = Converter::new(base);
    out.run(unescape_markup(html).as_ref());
    out.finish()
}

/// `html`, or, when it holds escaped markup instead of markup, that markup decoded.
fn unescape_markup(html: &str) -> Cow<'_, str> {
    if is_escaped_markup(html) {
        Cow::Owned(decode_entities(html))
    } else {
        Cow::Borrowed(html)
    }
}

/// The text of an HTML fragment on one line (for titles, names): paragraphs joined by a
/// space, no link markers.
pub fn html_to_line(html: &str) -> String {
    let mut out = Converter::new(None);
    out.collect_links = false;
    out.run(unescape_markup(html).as_ref());
    out.finish().paragraphs.join(" ")
}

/// Plain text (not HTML) split into paragraphs at line breaks, whitespace collapsed.
pub fn text_to_paragraphs(text: &str) -> Vec<String> {
    text.lines()
        .map(collapse_whitespace)
        .filter(|line| !line.is_empty())
        .collect()
}

/// `s` with every run of whitespace made one space, trimmed.
fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(is_html_space) {
        if !word.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}

fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}' | '\u{a0}')
}

/// True when `text` has something that reads as a tag: `<` then a letter, `/` or `!`.
pub fn has_markup(text: &str) -> bool {
    text.as_bytes()
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || matches!(w[1], b'/' | b'!')))
}

/// True when `html` holds no markup but escaped markup: `&lt;p&gt;…` where `<p>…` was meant.
fn is_escaped_markup(html: &str) -> bool {
    if has_markup(html) {
        return false;
    }
    let lower = html.to_ascii_lowercase();
    let mut rest = lower.as_str();
    while let Some(at) = rest.find("&lt;") {
        rest = &rest[at + 4..];
        let name: String = rest
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        if is_block(&name)
            || matches!(
                name.as_str(),
                "a" | "br" | "img" | "b" | "i" | "em" | "strong" | "span"
            )
        {
            return true;
        }
    }
    false
}

/// Elements that end a paragraph where they start and where they end.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "caption"
            | "section"
            | "article"
            | "aside"
            | "header"
            | "footer"
            | "nav"
            | "main"
            | "figure"
            | "figcaption"
            | "address"
            | "details"
            | "summary"
            | "form"
            | "fieldset"
            | "legend"
            | "hr"
            | "center"
            | "body"
            | "html"
    )
}

/// Elements dropped with everything inside them.
fn is_dropped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "iframe"
            | "svg"
            | "math"
            | "noscript"
            | "template"
            | "head"
            | "object"
            | "select"
            | "textarea"
            | "audio"
            | "video"
            | "canvas"
            | "noembed"
            | "noframes"
    )
}

/// A link whose text is being read.
struct OpenLink {
    /// Its resolved target, if worth listing.
    target: Option<String>,
    /// Its number, given when its first text arrives (a link without text is not listed).
    number: Option<usize>,
    /// Text has arrived since the last marker.
    has_text: bool,
}

/// One pass of the conversion.
struct Converter<'a> {
    base: Option<&'a Url>,
    paragraphs: Vec<String>,
    links: Vec<String>,
    /// The number of each target in `links`.
    numbers: HashMap<String, usize>,
    current: String,
    /// A space is owed before the next text (whitespace was seen).
    space: bool,
    /// Inside `pre` (depth).
    pre: usize,
    /// Inside a table row, a cell has ended: a separator is owed before the next cell.
    cell_ended: bool,
    /// The link being read.
    link: Option<OpenLink>,
    /// Links are numbered and marked (off for one-line text such as titles).
    collect_links: bool,
}

impl<'a> Converter<'a> {
    fn new(base: Option<&'a Url>) -> Self {
        Converter {
            base,
            paragraphs: Vec::new(),
            links: Vec::new(),
            numbers: HashMap::new(),
            current: String::new(),
            space: false,
            pre: 0,
            cell_ended: false,
            link: None,
            collect_links: true,
        }
    }

    fn run(&mut self, html: &str) {
        let mut rest = html;
        while !rest.is_empty() {
            let Some(lt) = rest.find('<') else {
                self.text(rest);
                break;
            };
            self.text(&rest[..lt]);
            rest = &rest[lt..];
            rest = self.markup(rest);
        }
    }

    /// Handles the markup at the start of `rest` (which starts with `<`) and returns what
    /// follows it.
    fn markup<'s>(&mut self, rest: &'s str) -> &'s str {
        if let Some(after) = rest.strip_prefix("<!--") {
            return after.find("-->").map_or("", |end| &after[end + 3..]);
        }
        if let Some(after) = rest.strip_prefix("<![CDATA[") {
            let end = after.find("]]>").unwrap_or(after.len());
            self.raw_text(&after[..end]);
            return after.get(end + 3..).unwrap_or("");
        }
        let bytes = rest.as_bytes();
        let next = bytes.get(1).copied().unwrap_or(b' ');
        if next == b'!' || next == b'?' {
            return rest.find('>').map_or("", |end| &rest[end + 1..]);
        }
        let closing = next == b'/';
        let name_start = if closing { 2 } else { 1 };
        let name_len = rest[name_start..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b':')
            .count();
        if name_len == 0 || !rest.as_bytes()[name_start].is_ascii_alphabetic() {
            // Not a tag: a lone `<` is text.
            self.text("<");
            return &rest[1..];
        }
        let name = rest[name_start..name_start + name_len].to_ascii_lowercase();
        let (attrs, after) = split_tag(&rest[name_start + name_len..]);
        if closing {
            self.end_tag(&name);
            return after;
        }
        if is_dropped(&name) {
            if attrs.trim_end().ends_with('/') {
                return after;
            }
            return skip_element(after, &name);
        }
        self.start_tag(&name, attrs);
        after
    }

    fn start_tag(&mut self, name: &str, attrs: &str) {
        match name {
            "br" => self.break_paragraph(),
            "pre" => {
                self.break_paragraph();
                self.pre += 1;
            }
            "tr" => {
                self.break_paragraph();
                self.cell_ended = false;
            }
            "td" | "th" => {
                if self.cell_ended {
                    self.space = false;
                    self.push_str(" | ");
                    self.space = false;
                }
                self.cell_ended = false;
            }
            "a" => {
                self.end_link();
                let target = attribute(attrs, "href").and_then(|href| self.resolve(&href));
                self.link = Some(OpenLink {
                    target,
                    number: None,
                    has_text: false,
                });
            }
            "img" => {
                if self.link.is_none()
                    && let Some(alt) = attribute(attrs, "alt")
                {
                    let alt = collapse_whitespace(&alt);
                    if !alt.is_empty() {
                        self.raw_text(&format!("[{alt}]"));
                    }
                }
            }
            _ if is_block(name) => self.break_paragraph(),
            _ => {}
        }
    }

    fn end_tag(&mut self, name: &str) {
        match name {
            "a" => self.end_link(),
            "pre" => {
                self.break_paragraph();
                self.pre = self.pre.saturating_sub(1);
            }
            "td" | "th" => self.cell_ended = true,
            "tr" => {
                self.break_paragraph();
                self.cell_ended = false;
            }
            "p" | "br" => self.break_paragraph(),
            _ if is_block(name) => self.break_paragraph(),
            _ => {}
        }
    }

    /// `href` resolved, or `None` for targets not worth listing.
    fn resolve(&self, href: &str) -> Option<String> {
        let href = href.trim();
        if !self.collect_links || href.is_empty() || href.starts_with('#') {
            return None;
        }
        let resolved = match self.base {
            Some(base) => base.join(href).ok()?,
            None => Url::parse(href).ok()?,
        };
        if !matches!(
            resolved.scheme(),
            "http" | "https" | "mailto" | "ftp" | "gemini"
        ) {
            return None;
        }
        Some(resolved.to_string())
    }

    /// The number of `target` in the list, adding it.
    fn number(&mut self, target: &str) -> usize {
        if let Some(&number) = self.numbers.get(target) {
            return number;
        }
        self.links.push(target.to_string());
        let number = self.links.len();
        self.numbers.insert(target.to_string(), number);
        number
    }

    /// Ends the link being read: its marker follows its text (no text, no marker).
    fn end_link(&mut self) {
        self.mark_link();
        self.link = None;
    }

    /// Writes the open link's marker if text came since the last one.
    fn mark_link(&mut self) {
        if let Some(link) = &mut self.link
            && link.has_text
        {
            link.has_text = false;
            if let Some(number) = link.number {
                self.current.push_str(&format!("[{number}]"));
            }
        }
    }

    /// Text between tags: references decoded, whitespace collapsed (except in `pre`).
    fn text(&mut self, raw: &str) {
        if raw.is_empty() {
            return;
        }
        let decoded = decode_text(raw);
        self.raw_text(&decoded);
    }

    /// Decoded text.
    fn raw_text(&mut self, text: &str) {
        if self.pre > 0 {
            let mut lines = text.split('\n');
            if let Some(first) = lines.next() {
                self.push_str(first.trim_end_matches('\r'));
            }
            for line in lines {
                self.break_paragraph();
                self.push_str(line.trim_end_matches('\r'));
            }
            return;
        }
        for (i, word) in text.split(is_html_space).enumerate() {
            if i > 0 {
                self.space = true;
            }
            if !word.is_empty() {
                self.push_str(word);
            }
        }
    }

    fn push_str(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        if self.space && !self.current.is_empty() {
            self.current.push(' ');
        }
        self.space = false;
        self.current.push_str(s);
        let target = match &mut self.link {
            Some(link) => {
                link.has_text = true;
                match (&link.target, link.number) {
                    (Some(target), None) => Some(target.clone()),
                    _ => None,
                }
            }
            None => None,
        };
        if let Some(target) = target {
            let number = self.number(&target);
            if let Some(link) = &mut self.link {
                link.number = Some(number);
            }
        }
    }

    fn break_paragraph(&mut self) {
        // A break inside a link: the marker goes with the text before it, and the rest of
        // the link's text gets another.
        self.mark_link();
        let paragraph = std::mem::take(&mut self.current);
        let trimmed = paragraph.trim();
        if !trimmed.is_empty() {
            self.paragraphs.push(trimmed.to_string());
        }
        self.space = false;
    }

    fn finish(mut self) -> HtmlText {
        self.end_link();
        self.break_paragraph();
        HtmlText {
            paragraphs: self.paragraphs,
            links: self.links,
        }
    }
}

/// Splits what follows a tag name into its attribute text and what follows the tag's `>`
/// (quotes respected). An unclosed tag swallows the rest.
fn split_tag(rest: &str) -> (&str, &str) {
    let mut quote = None;
    for (i, c) in rest.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return (&rest[..i], &rest[i + 1..]),
            _ => {}
        }
    }
    (rest, "")
}

/// What follows the end tag of a dropped element `name` (or nothing if it never ends). Scans
/// from `rest` once, comparing names without copying, so many dropped elements cost no more
/// than one pass each over their own content.
fn skip_element<'s>(rest: &'s str, name: &str) -> &'s str {
    let bytes = rest.as_bytes();
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&bytes[from..], b"</") {
        let start = from + at + 2;
        let end = start + name.len();
        if bytes
            .get(start..end)
            .is_some_and(|candidate| candidate.eq_ignore_ascii_case(name.as_bytes()))
            && bytes
                .get(end)
                .is_none_or(|&b| b == b'>' || b.is_ascii_whitespace() || b == b'/')
        {
            return rest[end..].find('>').map_or("", |gt| &rest[end + gt + 1..]);
        }
        from = start;
    }
    ""
}

/// The decoded value of attribute `name` in a tag's attribute text.
fn attribute(attrs: &str, name: &str) -> Option<String> {
    let mut rest = attrs;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            return None;
        }
        let key_len = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/' || c == '>')
            .unwrap_or(rest.len());
        let key = &rest[..key_len];
        rest = rest[key_len..].trim_start();
        let value = if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (value, next) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = &after[1..];
                    let end = body.find(q).unwrap_or(body.len());
                    (&body[..end], body.get(end + 1..).unwrap_or(""))
                }
                _ => {
                    let end = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            rest = next;
            Some(value)
        } else {
            None
        };
        if key.eq_ignore_ascii_case(name) {
            return Some(decode_entities(value.unwrap_or("")));
        }
        if key_len == 0 && value.is_none() {
            // Something we cannot read: skip a character so the loop always advances.
            let mut chars = rest.chars();
            chars.next();
            rest = chars.as_str();
        }
    }
}

/// Text decoded, and decoded once more when the first pass leaves references behind (text
/// escaped twice: `&amp;quot;`).
fn decode_text(raw: &str) -> String {
    let once = decode_entities(raw);
    if once.contains('&') && has_reference(&once) {
        decode_entities(&once)
    } else {
        once
    }
}

/// True when `s` contains a character reference that decodes.
fn has_reference(s: &str) -> bool {
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        rest = &rest[at..];
        if reference_at(rest).is_some() {
            return true;
        }
        rest = &rest[1..];
    }
    false
}

/// Decodes character references (`&amp;`, `&#1575;`, `&#x627;`); anything that is not one is
/// left as it is.
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match reference_at(rest) {
            Some((decoded, len)) => {
                decoded.push_to(&mut out);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The reference at the start of `s` (which starts with `&`): what it decodes to and its
/// length in bytes, the `;` included. A numeric reference that names no character (0, a
/// surrogate, past U+10FFFF) decodes to U+FFFD.
fn reference_at(s: &str) -> Option<(Decoded, usize)> {
    let body = &s[1..];
    let semi = body.bytes().take(33).position(|b| b == b';')?;
    let name = &body[..semi];
    let decoded = if let Some(num) = name.strip_prefix('#') {
        let value = match num.strip_prefix(['x', 'X']) {
            Some(hex) if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
                u32::from_str_radix(hex, 16).ok().or(Some(u32::MAX))
            }
            None if !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()) => {
                num.parse::<u32>().ok().or(Some(u32::MAX))
            }
            _ => None,
        }?;
        let c = match value {
            0 => '\u{fffd}',
            v => char::from_u32(v).unwrap_or('\u{fffd}'),
        };
        Decoded::Char(c)
    } else {
        Decoded::Named(named_entity(name)?)
    };
    Some((decoded, semi + 2))
}

/// A decoded reference: a character or a named reference's text.
enum Decoded {
    Char(char),
    Named(&'static str),
}

impl Decoded {
    fn push_to(&self, out: &mut String) {
        match self {
            Decoded::Char(c) => out.push(*c),
            Decoded::Named(s) => out.push_str(s),
        }
    }
}

/// The named references real feeds use (HTML has over two thousand; these cover the ones
/// seen in news feeds).
fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" | "AMP" => "&",
        "lt" | "LT" => "<",
        "gt" | "GT" => ">",
        "quot" | "QUOT" => "\"",
        "apos" => "'",
        "nbsp" => "\u{a0}",
        "ensp" => "\u{2002}",
        "emsp" => "\u{2003}",
        "thinsp" => "\u{2009}",
        "shy" => "\u{ad}",
        "zwnj" => "\u{200c}",
        "zwj" => "\u{200d}",
        "lrm" => "\u{200e}",
        "rlm" => "\u{200f}",
        "ndash" => "–",
        "mdash" => "—",
        "hellip" => "…",
        "lsquo" => "‘",
        "rsquo" => "’",
        "sbquo" => "‚",
        "ldquo" => "“",
        "rdquo" => "”",
        "bdquo" => "„",
        "laquo" => "«",
        "raquo" => "»",
        "lsaquo" => "‹",
        "rsaquo" => "›",
        "bull" => "•",
        "middot" => "·",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "deg" => "°",
        "times" => "×",
        "divide" => "÷",
        "plusmn" => "±",
        "minus" => "−",
        "frac12" => "½",
        "frac14" => "¼",
        "frac34" => "¾",
        "sect" => "§",
        "para" => "¶",
        "euro" => "€",
        "pound" => "£",
        "yen" => "¥",
        "cent" => "¢",
        "dagger" => "†",
        "Dagger" => "‡",
        "prime" => "′",
        "Prime" => "″",
        "iexcl" => "¡",
        "iquest" => "¿",
        "eacute" => "é",
        "Eacute" => "É",
        "egrave" => "è",
        "agrave" => "à",
        "aacute" => "á",
        "acirc" => "â",
        "ccedil" => "ç",
        "ecirc" => "ê",
        "iacute" => "í",
        "icirc" => "î",
        "ntilde" => "ñ",
        "oacute" => "ó",
        "ocirc" => "ô",
        "ouml" => "ö",
        "uuml" => "ü",
        "auml" => "ä",
        "szlig" => "ß",
        "uacute" => "ú",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(html: &str) -> Vec<String> {
        html_to_paragraphs(html, None).paragraphs
    }

    #[test]
    fn blocks_and_breaks_split_paragraphs() {
        let cases: &[(&str, &[&str])] = &[
            ("<p>a</p><p>b</p>", &["a", "b"]),
            (
                "one<br>two<br/>three<BR />four",
                &["one", "two", "three", "four"],
            ),
            ("<div>a<div>b</div>c</div>", &["a", "b", "c"]),
            ("<h1>T</h1>text", &["T", "text"]),
            ("<ul><li>x</li><li>y</li></ul>", &["x", "y"]),
            ("<blockquote>q</blockquote>after", &["q", "after"]),
            (
                "<table><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></table>",
                &["a | b", "c"],
            ),
            ("<p>  lots   of\n\t space </p>", &["lots of space"]),
            ("<pre>line 1\n  line 2</pre>", &["line 1", "line 2"]),
            ("plain text, no tags", &["plain text, no tags"]),
            ("<p></p><p> </p><br><br>", &[]),
            (
                "in<b>line</b> <i>tags</i> <span>stay</span>",
                &["inline tags stay"],
            ),
            ("<P CLASS=\"x\">upper</P>", &["upper"]),
        ];
        for (html, expected) in cases {
            assert_eq!(paragraphs(html), *expected, "{html}");
        }
    }

    #[test]
    fn entities_are_decoded_once_and_double_escaping_twice() {
        let cases: &[(&str, &[&str])] = &[
            (
                "a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39;",
                &["a & b <c> \"d\" 'e'"],
            ),
            ("&#1575;&#x644;&#X639;", &["الع"]),
            ("&amp;quot;quoted&amp;quot;", &["\"quoted\""]),
            (
                "&lt;p&gt;one&lt;/p&gt;&lt;p&gt;two&lt;/p&gt;",
                &["one", "two"],
            ),
            ("&unknown; & alone &amp", &["&unknown; & alone &amp"]),
            ("&#0;x&#xD800;y&#99999999;", &["\u{fffd}x\u{fffd}y\u{fffd}"]),
            ("می&zwnj;خواهم", &["می\u{200c}خواهم"]),
            ("a&nbsp;&nbsp;b", &["a b"]),
            ("1 < 2 and 3 > 2", &["1 < 2 and 3 > 2"]),
        ];
        for (html, expected) in cases {
            assert_eq!(paragraphs(html), *expected, "{html}");
        }
    }

    #[test]
    fn scripts_styles_iframes_and_images_are_dropped() {
        let cases: &[(&str, &[&str])] = &[
            ("a<script>alert('<p>x</p>')</script>b", &["ab"]),
            ("a<style>p { color: red }</style>b", &["ab"]),
            ("<iframe src=x><p>inside</p></iframe>after", &["after"]),
            ("<SCRIPT type=x>bad</SCRIPT >ok", &["ok"]),
            ("x<img src=a.png>y", &["xy"]),
            ("x <img src=a.png alt=\"a cat\"> y", &["x [a cat] y"]),
            ("<!-- a comment <p>no</p> -->kept", &["kept"]),
            ("<svg><text>drawn</text></svg>text", &["text"]),
            ("<script>never closed", &[]),
            ("<![CDATA[raw <b>text</b>]]>", &["raw <b>text</b>"]),
        ];
        for (html, expected) in cases {
            assert_eq!(paragraphs(html), *expected, "{html}");
        }
    }

    #[test]
    fn links_are_numbered_and_resolved() {
        let base = Url::parse("https://news.example/a/b/page.html").unwrap();
        let text = html_to_paragraphs(
            "<p>See <a href=\"../x\">this</a> and <a href='https://o.example/'>that</a>.</p>\
             <p><a href=\"../x\">again</a> <a href=\"#top\">top</a> \
             <a href=\"javascript:alert(1)\">js</a> <a href=\"mailto:a@b.example\">mail</a>\
             <a href=\"/empty\"></a></p>",
            Some(&base),
        );
        assert_eq!(
            text.paragraphs,
            ["See this[1] and that[2].", "again[1] top js mail[3]"]
        );
        assert_eq!(
            text.links,
            [
                "https://news.example/a/x",
                "https://o.example/",
                "mailto:a@b.example"
            ]
        );
        let no_base = html_to_paragraphs(
            "<a href=\"rel\">r</a> <a href=\"http://abs.example/\">a</a>",
            None,
        );
        assert_eq!(no_base.paragraphs, ["r a[1]"]);
        assert_eq!(no_base.links, ["http://abs.example/"]);
    }

    #[test]
    fn a_link_across_a_break_marks_each_part() {
        let text = html_to_paragraphs("<a href=\"http://a.example/\">one<br>two</a>", None);
        assert_eq!(text.paragraphs, ["one[1]", "two[1]"]);
    }

    #[test]
    fn titles_are_one_line_without_markers() {
        assert_eq!(
            html_to_line("<b>Big</b> &amp; <a href=\"http://x.example\">bold</a>"),
            "Big & bold"
        );
        assert_eq!(html_to_line("two<br>lines"), "two lines");
        assert_eq!(html_to_line("&amp;quot;عاجل&amp;quot;"), "\"عاجل\"");
        assert_eq!(html_to_line("AT&T < 3"), "AT&T < 3");
    }

    #[test]
    fn plain_text_splits_at_line_breaks() {
        assert_eq!(
            text_to_paragraphs("one\n\n  two  words \r\nthree"),
            ["one", "two words", "three"]
        );
    }

    #[test]
    fn many_dropped_elements_take_one_pass() {
        // Quadratic skipping would make this take minutes.
        let html = "<script>x</script><p>t</p>".repeat(200_000);
        assert_eq!(paragraphs(&html).len(), 200_000);
        let unclosed = "<style>".repeat(100_000);
        assert!(paragraphs(&unclosed).is_empty());
        let links: String = (0..100_000)
            .map(|i| format!("<a href=\"http://a.example/{i}\">{i}</a> "))
            .collect();
        assert_eq!(html_to_paragraphs(&links, None).links.len(), 100_000);
    }

    #[test]
    fn deep_nesting_and_garbage_do_not_hurt() {
        let deep = "<div>".repeat(100_000) + "deep" + &"</div>".repeat(100_000);
        assert_eq!(paragraphs(&deep), ["deep"]);
        let garbage = "<<<>>><a href=\"unterminated<p>x</ p><";
        let _ = paragraphs(garbage);
        let _ = paragraphs("<a href='x' href=\"y\" =z / >t</a><a");
        assert_eq!(paragraphs("<1>x"), ["<1>x"]);
    }
}
