//! `Walk`: turning sources into an ordered list of inputs to read.
//!
//! Owns: folder traversal: recursive, sorted by name at every level (so the order is
//! deterministic and equals path order), hidden files and folders (names starting with `.`)
//! skipped, symbolic links followed except into a folder that contains them, a folder reached
//! twice read once. Imports std and the store's own types.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::super::source_ref::SourceRef;
use super::load_warning::{LoadWarning, WarningKind};
use super::seeds::SEEDS;
use super::source::Source;
use super::source_kind::SourceKind;

/// One input to read, in final order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum WorkItem {
    /// Seed number `n`.
    Seed(usize),
    /// Standard input.
    Stdin,
    /// A file, read by the loader for `kind`.
    File { path: PathBuf, kind: SourceKind },
}

/// The inputs found, in order, and the problems met finding them.
#[derive(Debug, Default)]
pub(crate) struct Walk {
    pub(crate) items: Vec<WorkItem>,
    pub(crate) warnings: Vec<LoadWarning>,
    /// Canonical paths of folders already walked.
    visited: HashSet<PathBuf>,
}

impl Walk {
    /// Walks `sources` in order.
    pub(crate) fn sources(sources: &[Source]) -> Walk {
        let mut walk = Walk::default();
        for source in sources {
            match source {
                Source::Seeds => walk.items.extend((0..SEEDS.len()).map(WorkItem::Seed)),
                Source::Stdin => walk.items.push(WorkItem::Stdin),
                Source::Path(path) => walk.path(path),
            }
        }
        walk
    }

    /// A path named by the user: a folder is walked; anything else is read as a file (by its
    /// extension's loader, plain text when the extension is none of ours), hidden or not.
    fn path(&mut self, path: &Path) {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => match fs::canonicalize(path) {
                Ok(canonical) => self.dir(path, canonical, &mut Vec::new()),
                Err(e) => self.warn(path, unreadable(&e)),
            },
            Ok(_) => self.items.push(WorkItem::File {
                path: path.to_path_buf(),
                kind: SourceKind::from_path(path).unwrap_or(SourceKind::PlainText),
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
        if !self.visited.insert(canonical.clone()) {
            return; // reached before through another link: read once
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
                self.file(path);
            } else if SourceKind::from_path(&path).is_some() {
                self.warn(&path, WarningKind::NotRegularFile);
            }
        }
        ancestors.pop();
    }

    /// A symbolic link met inside a folder.
    fn symlink(&mut self, path: &Path, ancestors: &mut Vec<PathBuf>) {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => match fs::canonicalize(path) {
                Ok(target) if ancestors.contains(&target) => {
                    self.warn(path, WarningKind::SymlinkLoop);
                }
                Ok(target) => self.dir(path, target, ancestors),
                Err(e) => self.warn(path, unreadable(&e)),
            },
            Ok(meta) if meta.is_file() => self.file(path.to_path_buf()),
            Ok(_) => {
                if SourceKind::from_path(path).is_some() {
                    self.warn(path, WarningKind::NotRegularFile);
                }
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if SourceKind::from_path(path).is_some() {
                    self.warn(path, WarningKind::BrokenSymlink);
                }
            }
            Err(e) => self.warn(path, unreadable(&e)),
        }
    }

    /// A regular file inside a folder: read if its name says a kind we know.
    fn file(&mut self, path: PathBuf) {
        if let Some(kind) = SourceKind::from_path(&path) {
            self.items.push(WorkItem::File { path, kind });
        }
    }

    fn warn(&mut self, path: &Path, kind: WarningKind) {
        self.warnings
            .push(LoadWarning::new(SourceRef::File(path.to_path_buf()), kind));
    }
}

pub(crate) fn unreadable(e: &io::Error) -> WarningKind {
    WarningKind::Unreadable {
        reason: e.to_string(),
    }
}
