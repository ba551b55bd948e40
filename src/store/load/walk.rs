//! `Walk`: turning sources into an ordered stream of inputs to read.
//!
//! Owns: folder traversal: recursive, sorted by name at every level (so the order is
//! deterministic and equals path order), hidden files and folders (names starting with `.`)
//! skipped, symbolic links followed except into a folder that contains them, a folder reached
//! twice read once. Inputs are handed out as they are found, so reading can start before a
//! large tree is fully walked. `.xml` and extension-less files are classified by their first
//! bytes (a feed, an OPML list, else what the name says). OPML lists are expanded here, in
//! place: each feed they name is walked as a source (a URL, or a path relative to the list);
//! a list that includes itself, directly or through others, is reported and not read again,
//! and a list or URL reached twice is read once. Imports std, url and the store's own types.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use super::super::source_ref::SourceRef;
use super::feed::{SNIFF_BYTES, Sniffed, sniff};
use super::load_warning::{LoadWarning, WarningKind};
use super::opml::opml_feeds;
use super::seeds::SEEDS;
use super::source::{Source, is_web_url};
use super::source_kind::SourceKind;

/// OPML lists over this size are refused (real ones are a few hundred KiB at most).
const MAX_OPML_BYTES: u64 = 16 * 1024 * 1024;

/// One input to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum WorkItem {
    /// Seed number `n`.
    Seed(usize),
    /// Standard input.
    Stdin,
    /// A file, read by the loader for `kind`. `size` is its length when walked, if known.
    File {
        path: PathBuf,
        kind: SourceKind,
        size: Option<u64>,
    },
    /// A feed URL, fetched.
    Url(String),
}

/// What a walk finds, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Found {
    /// The next input.
    Item(WorkItem),
    /// A problem met at this point of the walk.
    Warning(LoadWarning),
}

/// Walks sources, handing each finding to `sink` in order. `sink` returns false to stop.
pub(crate) struct Walk<F: FnMut(Found) -> bool> {
    sink: F,
    /// Canonical paths of folders already walked.
    visited: HashSet<PathBuf>,
    /// Canonical paths of OPML lists already expanded.
    lists: HashSet<PathBuf>,
    /// Canonical paths of the OPML lists being expanded, outermost first.
    list_stack: Vec<PathBuf>,
    /// URLs already handed out.
    urls: HashSet<String>,
    stopped: bool,
}

impl<F: FnMut(Found) -> bool> Walk<F> {
    /// Walks `sources` in order, giving what is found to `sink`.
    pub(crate) fn run(sources: &[Source], sink: F) {
        let mut walk = Walk {
            sink,
            visited: HashSet::new(),
            lists: HashSet::new(),
            list_stack: Vec::new(),
            urls: HashSet::new(),
            stopped: false,
        };
        for source in sources {
            match source {
                Source::Seeds => {
                    for n in 0..SEEDS.len() {
                        walk.item(WorkItem::Seed(n));
                    }
                }
                Source::Stdin => walk.item(WorkItem::Stdin),
                Source::Path(path) => walk.path(path),
                Source::Url(url) => walk.url(url),
            }
        }
    }

    /// A path named by the user: a folder is walked; anything else is read as a file (by its
    /// extension's loader, plain text when the extension is none of ours), hidden or not.
    fn path(&mut self, path: &Path) {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => match fs::canonicalize(path) {
                Ok(canonical) => self.dir(path, canonical, &mut Vec::new()),
                Err(e) => self.warn(path, unreadable(&e)),
            },
            Ok(meta) => self.file(
                path.to_path_buf(),
                SourceKind::from_path(path).unwrap_or(SourceKind::PlainText),
                // Pipes and devices have no meaningful length.
                meta.is_file().then_some(meta.len()),
            ),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let kind = match fs::symlink_metadata(path) {
                    Ok(_) => WarningKind::BrokenSymlink,
                    Err(_) => WarningKind::NotFound,
                };
                self.warn(path, kind);
            }
            Err(e) => self.warn(path, unreadable(&e)),
        }
    }

    /// Walks folder `dir` whose canonical path is `canonical`; `ancestors` are the canonical
    /// paths of the folders above it in this walk.
    fn dir(&mut self, dir: &Path, canonical: PathBuf, ancestors: &mut Vec<PathBuf>) {
        if self.stopped || !self.visited.insert(canonical.clone()) {
            return; // stopped, or reached before through another link: read once
        }
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => return self.warn(dir, unreadable(&e)),
        };
        let mut children = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => {
                    if !entry.file_name().as_encoded_bytes().starts_with(b".") {
                        children.push(entry);
                    }
                }
                Err(e) => self.warn(dir, unreadable(&e)),
            }
        }
        children.sort_by_key(|entry| entry.file_name());

        ancestors.push(canonical.clone());
        for entry in children {
            if self.stopped {
                break;
            }
            let path = entry.path();
            let file_type = match entry.file_type() {
                Ok(t) => t,
                Err(e) => {
                    self.warn(&path, unreadable(&e));
                    continue;
                }
            };
            if file_type.is_symlink() {
                self.symlink(&path, ancestors);
            } else if file_type.is_dir() {
                let child = canonical.join(entry.file_name());
                self.dir(&path, child, ancestors);
            } else if file_type.is_file() {
                if let Some(kind) = SourceKind::from_path(&path) {
                    let size = entry.metadata().ok().map(|m| m.len());
                    self.file(path, kind, size);
                }
            } else if SourceKind::from_path(&path).is_some() {
                self.warn(&path, WarningKind::NotRegularFile);
            }
        }
        ancestors.pop();
    }

    /// A symbolic link met inside a folder.
    fn symlink(&mut self, path: &Path, ancestors: &mut Vec<PathBuf>) {
        let named_kind = SourceKind::from_path(path);
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => match fs::canonicalize(path) {
                Ok(target) if ancestors.contains(&target) => {
                    self.warn(path, WarningKind::SymlinkLoop);
                }
                Ok(target) => self.dir(path, target, ancestors),
                Err(e) => self.warn(path, unreadable(&e)),
            },
            Ok(meta) if meta.is_file() => {
                if let Some(kind) = named_kind {
                    self.file(path.to_path_buf(), kind, Some(meta.len()));
                }
            }
            Ok(_) => {
                if named_kind.is_some() {
                    self.warn(path, WarningKind::NotRegularFile);
                }
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if named_kind.is_some() {
                    self.warn(path, WarningKind::BrokenSymlink);
                }
            }
            Err(e) => self.warn(path, unreadable(&e)),
        }
    }

    /// A regular file (or a pipe named by the user) whose name says `kind`: classified by
    /// content when the name does not settle it, then read, or expanded if an OPML list.
    fn file(&mut self, path: PathBuf, kind: SourceKind, size: Option<u64>) {
        let kind = if SourceKind::sniffed(&path) && size.is_some() {
            match peek(&path).map(|head| sniff(&head)) {
                Some(Sniffed::XmlFeed | Sniffed::JsonFeed) => SourceKind::Feed,
                Some(Sniffed::Opml) => SourceKind::Opml,
                Some(Sniffed::Other) | None => kind,
            }
        } else {
            kind
        };
        if kind == SourceKind::Opml {
            self.opml(&path, size);
        } else {
            self.item(WorkItem::File { path, kind, size });
        }
    }

    /// A URL, handed out the first time only.
    fn url(&mut self, url: &str) {
        if self.urls.insert(url.to_string()) {
            self.item(WorkItem::Url(url.to_string()));
        }
    }

    /// Expands the OPML list at `path`: every feed it names is walked, in order.
    fn opml(&mut self, path: &Path, size: Option<u64>) {
        let canonical = match fs::canonicalize(path) {
            Ok(canonical) => canonical,
            Err(e) => return self.warn(path, unreadable(&e)),
        };
        if self.list_stack.contains(&canonical) {
            return self.warn(path, WarningKind::OpmlLoop);
        }
        if !self.lists.insert(canonical.clone()) {
            return; // expanded before: its feeds are already in
        }
        if size.is_some_and(|size| size > MAX_OPML_BYTES) {
            let limit = MAX_OPML_BYTES;
            return self.warn(path, WarningKind::TooLarge { limit });
        }
        let mut bytes = Vec::new();
        let read =
            File::open(path).and_then(|file| file.take(MAX_OPML_BYTES + 1).read_to_end(&mut bytes));
        if let Err(e) = read {
            return self.warn(path, unreadable(&e));
        }
        if bytes.len() as u64 > MAX_OPML_BYTES {
            let limit = MAX_OPML_BYTES;
            return self.warn(path, WarningKind::TooLarge { limit });
        }
        let feeds = match opml_feeds(&bytes) {
            Ok(feeds) if feeds.is_empty() => {
                let reason = "it names no feeds (no outline has an xmlUrl)".to_string();
                return self.warn(path, WarningKind::NotOpml { reason });
            }
            Ok(feeds) => feeds,
            Err(reason) => return self.warn(path, WarningKind::NotOpml { reason }),
        };
        let folder = path.parent().unwrap_or(Path::new(""));
        self.list_stack.push(canonical);
        for feed in feeds {
            if self.stopped {
                break;
            }
            if is_web_url(&feed) {
                self.url(&feed);
            } else if let Some(local) = file_url_path(&feed) {
                self.path(&local);
            } else {
                self.path(&folder.join(&feed));
            }
        }
        self.list_stack.pop();
    }

    fn item(&mut self, item: WorkItem) {
        if !self.stopped {
            self.stopped = !(self.sink)(Found::Item(item));
        }
    }

    fn warn(&mut self, path: &Path, kind: WarningKind) {
        if !self.stopped {
            let warning = LoadWarning::new(SourceRef::File(path.to_path_buf()), kind);
            self.stopped = !(self.sink)(Found::Warning(warning));
        }
    }
}

/// The first bytes of the file at `path`, or `None` if it cannot be read (reading it later
/// reports why).
fn peek(path: &Path) -> Option<Vec<u8>> {
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    File::open(path)
        .and_then(|file| file.take(SNIFF_BYTES as u64).read_to_end(&mut head))
        .ok()?;
    Some(head)
}

/// The local path of a `file:` URL.
fn file_url_path(text: &str) -> Option<PathBuf> {
    if !text.get(..5)?.eq_ignore_ascii_case("file:") {
        return None;
    }
    url::Url::parse(text).ok()?.to_file_path().ok()
}

pub(crate) fn unreadable(e: &io::Error) -> WarningKind {
    WarningKind::Unreadable {
        reason: e.to_string(),
    }
}
