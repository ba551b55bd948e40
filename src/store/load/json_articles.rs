//! The JSON article loader: `.json` files holding one article object or an array of them, and
//! `.jsonl` files with one article object per line.
//!
//! Owns: the article record schema. A record is an object with `title` (string), `body`
//! (string; each non-blank line a paragraph) or `paragraphs` (array of strings), and the
//! optional strings `url`, `published`, `author`, `source` (the feed or site name), `lang`
//! (or `language`) and `id` (a stable key, e.g. a guid; else `url` is the key, else the
//! content). Other fields are ignored. A record needs a title or some text. A bad record is
//! one warning naming the file and its line (`.jsonl`) or its number in the array (`.json`);
//! the other records load. Lines: as for feeds, the title is line 1 and paragraph `n` line
//! `n + 1`. A `.json` file that is a JSON Feed is read by the feed loader instead. Imports
//! std and serde_json, and the store's own types.

use serde_json::{Map, Value};

use super::super::article::Article;
use super::super::article_builder::ArticleBuilder;
use super::super::source_ref::SourceRef;
use super::feed::{Sniffed, parse_feed, sniff};
use super::load_warning::{LoadWarning, WarningKind};
use super::loaded::Loaded;
use super::plain_text::sniff_binary;

/// Reads a `.json` file: a JSON Feed, one article object, or an array of them.
pub fn parse_json(source: SourceRef, bytes: &[u8]) -> Loaded {
    if sniff(bytes) == Sniffed::JsonFeed {
        return parse_feed(source, bytes, None);
    }
    let mut loaded = start(&source, bytes);
    if !loaded.warnings.is_empty() {
        return loaded;
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let value: Value = match serde_json::from_slice(bytes) {
        Ok(value) => value,
        Err(error) => {
            loaded.warnings.push(LoadWarning::at_line(
                source,
                error.line(),
                WarningKind::NotJson {
                    reason: error.to_string(),
                },
            ));
            return loaded;
        }
    };
    match value {
        Value::Array(records) => {
            for (i, record) in records.iter().enumerate() {
                match record_article(&source, record) {
                    Ok(article) => loaded.articles.push(article),
                    Err(reason) => loaded.warnings.push(LoadWarning::new(
                        source.clone(),
                        WarningKind::BadRecord {
                            index: i + 1,
                            reason,
                        },
                    )),
                }
            }
        }
        record => match record_article(&source, &record) {
            Ok(article) => loaded.articles.push(article),
            Err(reason) => loaded.warnings.push(LoadWarning::new(
                source,
                WarningKind::BadRecord { index: 1, reason },
            )),
        },
    }
    loaded
}

/// Reads a `.jsonl` file: one article object per line (blank lines are skipped).
pub fn parse_json_lines(source: SourceRef, bytes: &[u8]) -> Loaded {
    let mut loaded = start(&source, bytes);
    if !loaded.warnings.is_empty() {
        return loaded;
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let mut index = 0;
    for (i, line) in bytes.split(|b| *b == b'\n').enumerate() {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        index += 1;
        let record = serde_json::from_slice::<Value>(line)
            .map_err(|e| format!("not JSON: {e}"))
            .and_then(|record| record_article(&source, &record));
        match record {
            Ok(article) => loaded.articles.push(article),
            Err(reason) => loaded.warnings.push(LoadWarning::at_line(
                source.clone(),
                i + 1,
                WarningKind::BadRecord { index, reason },
            )),
        }
    }
    loaded
}

/// The `Loaded` for a JSON file, with a warning already when it is empty, blank or binary.
fn start(source: &SourceRef, bytes: &[u8]) -> Loaded {
    let mut loaded = Loaded {
        bytes: bytes.len() as u64,
        ..Loaded::default()
    };
    let kind = if bytes.is_empty() {
        Some(WarningKind::Empty)
    } else if bytes.iter().all(u8::is_ascii_whitespace) {
        Some(WarningKind::Blank)
    } else {
        let valid = simdutf8::basic::from_utf8(bytes).is_ok();
        sniff_binary(bytes, valid).map(WarningKind::Binary)
    };
    if let Some(kind) = kind {
        loaded.warnings.push(LoadWarning::new(source.clone(), kind));
    }
    loaded
}

/// One record as an article, or why not.
fn record_article(source: &SourceRef, record: &Value) -> Result<Article, String> {
    let Value::Object(record) = record else {
        return Err(format!("expected an object, found {}", type_name(record)));
    };
    let title = string_field(record, "title")?;
    let mut paragraphs: Vec<String> = Vec::new();
    if let Some(body) = string_field(record, "body")? {
        paragraphs.extend(body.lines().map(str::to_string));
    }
    match record.get("paragraphs") {
        None | Some(Value::Null) => {}
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                match item {
                    Value::String(s) => paragraphs.push(s.clone()),
                    other => {
                        return Err(format!(
                            "\"paragraphs\" item {} is {}, not a string",
                            i + 1,
                            type_name(other)
                        ));
                    }
                }
            }
        }
        Some(other) => {
            return Err(format!(
                "\"paragraphs\" is {}, not an array of strings",
                type_name(other)
            ));
        }
    }

    let mut builder = ArticleBuilder::new(source.clone());
    let mut line = 1;
    if let Some(title) = title
        && builder.push_line(line, title)
    {
        line += 1;
    }
    for paragraph in &paragraphs {
        if builder.push_line(line, paragraph) {
            line += 1;
        }
    }
    let url = string_field(record, "url")?;
    if let Some(url) = url {
        builder.url(url);
    }
    if let Some(date) = string_field(record, "published")? {
        builder.published(date);
    }
    if let Some(author) = string_field(record, "author")? {
        builder.author(author);
    }
    if let Some(feed) = string_field(record, "source")? {
        builder.feed(feed);
    }
    let language = match string_field(record, "lang")? {
        Some(lang) => Some(lang),
        None => string_field(record, "language")?,
    };
    if let Some(language) = language {
        builder.language(language.trim());
    }
    match (string_field(record, "id")?, url) {
        (Some(id), _) if !id.trim().is_empty() => {
            builder.key(id.trim());
        }
        (_, Some(url)) if !url.trim().is_empty() => {
            builder.key(url.trim());
        }
        _ => {}
    }
    builder
        .build()
        .map_err(|_| "no title and no text".to_string())
}

/// Field `name` as a string: `None` when absent or null, an error when of another type.
fn string_field<'a>(record: &'a Map<String, Value>, name: &str) -> Result<Option<&'a str>, String> {
    match record.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(format!("\"{name}\" is {}, not a string", type_name(other))),
    }
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
