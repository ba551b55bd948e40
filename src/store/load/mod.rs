//! Loaders: from sources (seeds, files, folders, stdin) to articles, in the background.
//!
//! Owns: finding inputs (`walk`), reading each with the loader its [`SourceKind`] names (the
//! dispatch is [`load_item`]), and delivering articles in a deterministic order from several
//! worker threads (`parallel`). Bad input never stops the rest: it becomes a [`LoadWarning`].
//! Nothing here prints. Imports std and the rest of the store.

mod feed;
mod feed_cache;
mod html;
mod http;
mod json_articles;
mod load_event;
mod load_warning;
mod loaded;
mod opml;
mod parallel;
mod plain_text;
mod seeds;
mod source;
mod source_kind;
mod walk;

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

pub use feed::{Sniffed, parse_feed, sniff};
pub use feed_cache::{FeedCache, FeedCopy};
pub use html::{HtmlText, decode_entities, html_to_line, html_to_paragraphs};
pub use http::{
    FetchOptions, Fetched, Fresh, MAX_FEED_BYTES, USER_AGENT, Validators, fetch,
    fetch_unless_unchanged,
};
pub use json_articles::{parse_json, parse_json_lines};
pub use load_event::{LoadEvent, LoadSummary};
pub use load_warning::{BinaryEvidence, LoadWarning, WarningKind};
pub use loaded::Loaded;
pub use parallel::{load_all, load_all_with, load_sources_parallel, spawn_load};
pub use plain_text::{HUGE_LINE_BYTES, parse_plain_text};
pub use seeds::{SEEDS, load_seed};
pub use source::Source;
pub use source_kind::SourceKind;

use super::source_ref::SourceRef;
use walk::{WorkItem, unreadable};

#[cfg(test)]
mod tests;

/// Files over this size are skipped with a warning (offsets inside an article are 32-bit, and
/// no article is this long).
pub const MAX_FILE_BYTES: u64 = 1024 * 1024 * 1024;

/// Reads one input with the loader for its kind: the dispatch point. A new [`SourceKind`]
/// gets its arm here (the match is exhaustive, so the compiler points at it).
/// `buf` is scratch space reused between calls; `fetch` says how URLs are fetched.
fn load_item(item: WorkItem, buf: &mut Vec<u8>, fetch: &FetchOptions) -> Loaded {
    let loaded = match item {
        WorkItem::Seed(index) => load_seed(index),
        WorkItem::Stdin => {
            let source = SourceRef::Stdin;
            match read_into(&mut io::stdin().lock(), None, buf, MAX_FILE_BYTES) {
                Ok(n) => parse_plain_text(source, &buf[..n]),
                Err(kind) => Loaded::warning(LoadWarning::new(source, kind)),
            }
        }
        WorkItem::File { path, kind, size } => {
            let read = read_file(&path, size, buf);
            let source = SourceRef::File(path);
            match read {
                Ok(n) => parse_as(kind, source, &buf[..n]),
                Err(kind) => Loaded::warning(LoadWarning::new(source, kind)),
            }
        }
        WorkItem::Url(url) => load_url(url, fetch),
    };
    if buf.len() > KEEP_BUFFER_BYTES {
        *buf = Vec::new(); // do not hold on to a huge file's buffer
    }
    loaded
}

/// Reads `bytes` (a whole file) with the loader for `kind`.
fn parse_as(kind: SourceKind, source: SourceRef, bytes: &[u8]) -> Loaded {
    match kind {
        SourceKind::PlainText => parse_plain_text(source, bytes),
        SourceKind::Feed => parse_feed(source, bytes, None),
        SourceKind::Json => parse_json(source, bytes),
        SourceKind::JsonLines => parse_json_lines(source, bytes),
        // The walk expands OPML lists; one never reaches a loader.
        SourceKind::Opml => {
            Loaded::warning(LoadWarning::new(source, WarningKind::Unsupported(kind)))
        }
    }
}

/// Fetches the feed at `url` and reads it. Relative links resolve against the URL the feed
/// finally came from (after redirects). An OPML list found there has its feeds fetched in
/// turn (URLs only, relative ones against the list's URL; a list is read once per fetch, so
/// lists naming each other end).
pub fn load_url(url: String, options: &FetchOptions) -> Loaded {
    let mut lists = Vec::new();
    load_url_within(url, options, &mut lists)
}

/// Fetches `url`, through the cache of `options` if it has one: the copy held is sent as
/// validators, an answer `304` or a failed fetch give the copy back (the failure with a
/// warning saying how old the copy is), and a new body replaces the copy.
fn fetch_through_cache(
    url: &str,
    options: &FetchOptions,
) -> (Result<Fetched, WarningKind>, Option<WarningKind>) {
    let Some(cache) = &options.cache else {
        return (fetch(url, options), None);
    };
    let held = cache.get(url);
    let validators = held
        .as_ref()
        .map_or_else(Validators::default, |copy| Validators {
            etag: copy.etag.clone(),
            last_modified: copy.last_modified.clone(),
        });
    let now = feed_cache::now_seconds();
    let as_fetched = |copy: FeedCopy| Fetched {
        body: copy.body,
        final_url: copy.final_url,
    };
    match (fetch_unless_unchanged(url, options, &validators), held) {
        (Ok(Fresh::Body(fetched, validators)), _) => {
            let copy = FeedCopy {
                url: url.to_owned(),
                final_url: fetched.final_url.clone(),
                etag: validators.etag,
                last_modified: validators.last_modified,
                fetched: now,
                body: fetched.body.clone(),
            };
            let saved = cache
                .save(&copy)
                .err()
                .map(|error| WarningKind::CacheNotSaved {
                    reason: error.to_string(),
                });
            (Ok(fetched), saved)
        }
        (Ok(Fresh::NotModified), Some(copy)) => {
            let saved = cache.touch(copy.clone(), now);
            let warning = saved
                .as_ref()
                .err()
                .map(|error| WarningKind::CacheNotSaved {
                    reason: error.to_string(),
                });
            (Ok(as_fetched(saved.unwrap_or(copy))), warning)
        }
        // A 304 without a copy sent no validators of ours: the server is wrong.
        (Ok(Fresh::NotModified), None) => (Err(WarningKind::HttpStatus { status: 304 }), None),
        (Err(reason), Some(copy)) => {
            let age_seconds = now.saturating_sub(copy.fetched);
            let warning = WarningKind::OfflineCopy {
                reason: Box::new(reason),
                age_seconds,
            };
            (Ok(as_fetched(copy)), Some(warning))
        }
        (Err(reason), None) => (Err(reason), None),
    }
}

/// [`load_url`], with the OPML lists already read on this path.
fn load_url_within(url: String, options: &FetchOptions, lists: &mut Vec<String>) -> Loaded {
    let (fetched, caveat) = fetch_through_cache(&url, options);
    let fetched = match fetched {
        Ok(fetched) => fetched,
        Err(kind) => return Loaded::warning(LoadWarning::new(SourceRef::Url(url), kind)),
    };
    let source = SourceRef::Url(url);
    let caveat = caveat.map(|kind| LoadWarning::new(source.clone(), kind));
    if sniff(&fetched.body) != Sniffed::Opml {
        let mut loaded = parse_feed(source, &fetched.body, Some(&fetched.final_url));
        loaded.warnings.splice(0..0, caveat);
        return loaded;
    }
    let mut loaded = Loaded {
        bytes: fetched.body.len() as u64,
        ..Loaded::default()
    };
    loaded.warnings.extend(caveat);
    if lists.contains(&fetched.final_url) || lists.len() >= MAX_REMOTE_LISTS {
        loaded
            .warnings
            .push(LoadWarning::new(source, WarningKind::OpmlLoop));
        return loaded;
    }
    lists.push(fetched.final_url.clone());
    let feeds = match opml::opml_feeds(&fetched.body) {
        Ok(feeds) => feeds,
        Err(reason) => {
            loaded
                .warnings
                .push(LoadWarning::new(source, WarningKind::NotOpml { reason }));
            return loaded;
        }
    };
    let base = url::Url::parse(&fetched.final_url).ok();
    for (index, feed) in feeds.into_iter().enumerate() {
        let resolved = base.as_ref().and_then(|b| b.join(&feed).ok());
        match resolved.filter(|u| matches!(u.scheme(), "http" | "https")) {
            Some(feed_url) => {
                let more = load_url_within(feed_url.to_string(), options, lists);
                loaded.articles.extend(more.articles);
                loaded.warnings.extend(more.warnings);
                loaded.bytes += more.bytes;
            }
            None => loaded.warnings.push(LoadWarning::new(
                source.clone(),
                WarningKind::BadRecord {
                    index: index + 1,
                    reason: format!("a list on the web can only name web feeds, not {feed}"),
                },
            )),
        }
    }
    loaded
}

/// At most this many OPML lists are followed from one URL.
const MAX_REMOTE_LISTS: usize = 16;

/// A worker keeps its read buffer between files up to this size.
const KEEP_BUFFER_BYTES: usize = 16 * 1024 * 1024;

/// Reads the file at `path`, whose size was `size` when it was found (if known), into the
/// start of `buf`, and returns how many bytes it has.
fn read_file(path: &Path, size: Option<u64>, buf: &mut Vec<u8>) -> Result<usize, WarningKind> {
    let mut file = File::open(path).map_err(|e| unreadable(&e))?;
    let size = match size {
        Some(size) => Some(size),
        None => file
            .metadata()
            .ok()
            .filter(|m| m.is_file())
            .map(|m| m.len()),
    };
    read_into(&mut file, size, buf, MAX_FILE_BYTES)
}

/// Reads all of `reader` into the start of `buf` and returns how many bytes it gave, refusing
/// more than `limit` bytes. `buf` only grows (zero-filled when it does), so a worker reading
/// many files fills memory it already has.
///
/// When `expected` is the reader's size (from a stat) and that many bytes arrive, reading
/// stops there without the usual extra read to see the end of the file: one `read` call per
/// file. A file that has grown since is still read whole (the first read returns more than
/// expected).
fn read_into(
    reader: &mut impl Read,
    expected: Option<u64>,
    buf: &mut Vec<u8>,
    limit: u64,
) -> Result<usize, WarningKind> {
    let too_large = WarningKind::TooLarge { limit };
    if expected.is_some_and(|size| size > limit) {
        return Err(too_large);
    }
    let cap = usize::try_from(limit.saturating_add(1)).unwrap_or(usize::MAX);
    let first = expected.map_or(64 * 1024, |size| size.saturating_add(1));
    let mut want = usize::try_from(first).unwrap_or(cap).min(cap);
    let mut n = 0;
    loop {
        if buf.len() < want {
            buf.resize(want, 0);
        }
        match reader.read(&mut buf[n..want]) {
            Ok(0) => return Ok(n),
            Ok(got) => {
                n += got;
                if expected == Some(n as u64) {
                    return Ok(n);
                }
                if n as u64 > limit {
                    return Err(too_large);
                }
                if n == want {
                    want = want.saturating_mul(2).min(cap);
                }
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(unreadable(&e)),
        }
    }
}
