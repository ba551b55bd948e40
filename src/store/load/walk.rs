//! `Walk`: turning sources into an ordered stream of inputs to read.
//!
//! Owns: folder traversal: recursive, sorted by name at every level (so the order is
//! deterministic and equals path order), hidden files and folders (names starting with `.`)
//! skipped, symbolic links followed except into a folder that contains them, a folder reached
//! twice read once. Inputs are handed out as they are found, so reading can start before a
//! large tree is fully walked. Imports std and the store's own types.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::super::source_ref::SourceRef;
use super::load_warning::{LoadWarning, WarningKind};
use super::seeds::SEEDS;
use super::source::Source;
use super::source_kind::SourceKind;

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
    stopped: bool,
}

impl<F: FnMut(Found) -> bool> Walk<F> {
    /// Walks `sources` in order, giving what is found to `sink`.
    pub(crate) fn run(sources: &[Source], sink: F) {
        let mut walk = Walk {
            sink,
            visited: HashSet::new(),
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
            Ok(meta) => self.item(WorkItem::File {
                path: path.to_path_buf(),
                kind: SourceKind::from_path(path).unwrap_or(SourceKind::PlainText),
                // Pipes and devices have no meaningful length.
                size: meta.is_file().then_some(meta.len()),
            }),
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
                    self.item(WorkItem::File { path, kind, size });
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
                    self.item(WorkItem::File {
                        path: path.to_path_buf(),
                        kind,
                        size: Some(meta.len()),
                    });
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

pub(crate) fn unreadable(e: &io::Error) -> WarningKind {
    WarningKind::Unreadable {
        reason: e.to_string(),
    }
}
