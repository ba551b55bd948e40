//! `sahifa show ID`: one article as plain text in logical order — title, source, link, date,
//! author, feed, the paragraphs, then its numbered links — or, with `--json`, one object.
//! The id may be a unique prefix of the one `sahifa list` prints.
//!
//! The text is real Unicode in logical order (no presentation forms, no bidi reordering,
//! never a control character), for pipes into other tools.

use std::io::{self, Write};

use serde::Serialize;

use super::list::direction_name;
use crate::catalog::article_direction;
use crate::state::ReadingState;
use crate::store::{Article, SourceRef, Store};
use crate::text::sanitize::sanitize;

#[derive(Serialize)]
struct Shown<'a> {
    id: String,
    title: &'a str,
    source: String,
    url: Option<&'a str>,
    published: Option<&'a str>,
    author: Option<&'a str>,
    feed: Option<&'a str>,
    direction: &'static str,
    read: bool,
    starred: bool,
    paragraphs: Vec<&'a str>,
    links: &'a [String],
}

/// The article whose id starts with `prefix` (any case), or a one-line reason there is not
/// exactly one.
pub fn find<'a>(store: &'a Store, prefix: &str) -> Result<&'a Article, String> {
    let wanted = prefix.trim().to_ascii_lowercase();
    if wanted.is_empty() || wanted.len() > 16 || !wanted.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(format!(
            "{:?} is not an article id: give the 16 hex digits `sahifa list` prints, or the \
             first few of them",
            prefix.chars().take(40).collect::<String>()
        ));
    }
    let mut matches = store
        .iter()
        .filter(|article| article.id().to_string().starts_with(&wanted));
    let Some(first) = matches.next() else {
        return Err(match store.len() {
            0 => "no articles were loaded".to_string(),
            n => format!("no article id starts with {wanted} (of {n}; see `sahifa list`)"),
        });
    };
    let others: Vec<&Article> = matches.collect();
    if others.is_empty() {
        return Ok(first);
    }
    const NAMED: usize = 5;
    let mut ids: Vec<String> = std::iter::once(first)
        .chain(others.iter().copied())
        .take(NAMED)
        .map(|a| a.id().to_string())
        .collect();
    if others.len() + 1 > NAMED {
        ids.push("…".to_string());
    }
    Err(format!(
        "{wanted} is the start of {} article ids ({}): give more digits",
        others.len() + 1,
        ids.join(", ")
    ))
}

fn source_name(article: &Article) -> String {
    match article.source() {
        SourceRef::Stdin => "standard input".to_string(),
        other => other.to_string(),
    }
}

/// Print `article`, with its read and starred marks from `state`.
pub fn print(
    article: &Article,
    state: &ReadingState,
    json: bool,
    out: &mut impl Write,
) -> io::Result<()> {
    let entry = state.get(article.id());
    if json {
        return super::write_json(
            &Shown {
                id: article.id().to_string(),
                title: article.title(),
                source: article.source().to_string(),
                url: article.url(),
                published: article.published(),
                author: article.author(),
                feed: article.feed(),
                direction: direction_name(article_direction(article)),
                read: entry.read,
                starred: entry.starred,
                paragraphs: article.paragraphs().map(|p| p.text()).collect(),
                links: article.links(),
            },
            out,
        );
    }
    let clean = |text: &str| sanitize(text).text.into_owned();
    writeln!(out, "{}", clean(article.title()))?;
    let mut marks = Vec::new();
    if entry.read {
        marks.push("read");
    }
    if entry.starred {
        marks.push("starred");
    }
    let fields = [
        ("id", Some(article.id().to_string())),
        ("source", Some(source_name(article))),
        ("link", article.url().map(clean)),
        ("date", article.published().map(clean)),
        ("author", article.author().map(clean)),
        ("feed", article.feed().map(clean)),
        ("marks", (!marks.is_empty()).then(|| marks.join(", "))),
    ];
    for (name, value) in fields {
        if let Some(value) = value {
            writeln!(out, "{name}: {}", clean(&value))?;
        }
    }
    for paragraph in article.paragraphs() {
        writeln!(out)?;
        writeln!(out, "{}", clean(paragraph.text()))?;
    }
    if !article.links().is_empty() {
        writeln!(out)?;
        writeln!(out, "Links:")?;
        for (n, link) in article.links().iter().enumerate() {
            writeln!(out, "[{}] {}", n + 1, clean(link))?;
        }
    }
    Ok(())
}
