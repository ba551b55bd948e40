//! `StateFile`: the on-disk reading state. Format (JSON, one object):
//!
//! ```json
//! {"version":1,"articles":{"3ed9818d08fa67ef":{"read":true,"starred":true,
//!   "position":{"paragraph":3,"line":1}}}}
//! ```
//!
//! `version` is [`FORMAT_VERSION`]; a reader meeting a larger one moves the file aside rather
//! than lose what a newer sahifa wrote. Fields left out are false / at the top. Writes are
//! atomic and locked; see the module docs of [`crate::state`].

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::{Change, Entry, ReadingState};
use crate::files;
use crate::store::ArticleId;

/// The format this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

const FILE_NAME: &str = "state.json";
const LOCK_NAME: &str = "state.lock";
const TEMP_PREFIX: &str = "state.json.tmp-";
/// How long to wait for another process's save.
const LOCK_PATIENCE: Duration = Duration::from_secs(5);

/// Just the version, of a file that is not this format.
#[derive(Deserialize)]
struct Probe {
    version: u32,
}

/// The whole file.
#[derive(Deserialize)]
struct OnDisk {
    version: u32,
    #[serde(default)]
    articles: BTreeMap<ArticleId, Entry>,
}

#[derive(Serialize)]
struct OnDiskRef<'a> {
    version: u32,
    articles: &'a BTreeMap<ArticleId, Entry>,
}

/// Modification time, length and (on Unix) inode of `state.json`: every save renames a new
/// file into place, so a save by anyone changes the inode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
    #[cfg(unix)]
    inode: u64,
}

/// A state as read, and what the person should be told about it (a file moved aside).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loaded {
    /// The state.
    pub state: ReadingState,
    /// One line for the person, when something was wrong with the file.
    pub notice: Option<String>,
}

/// Why the file's content was not usable.
enum Unusable {
    Corrupt(String),
    Newer(u32),
}

/// The reading-state file in one directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateFile {
    dir: PathBuf,
}

impl StateFile {
    /// The state file in `dir` (created when first written).
    pub fn in_dir(dir: impl Into<PathBuf>) -> StateFile {
        StateFile { dir: dir.into() }
    }

    /// The XDG location: `$XDG_STATE_HOME/sahifa`, else `$HOME/.local/state/sahifa`. `var`
    /// reads an environment variable (relative XDG paths are ignored, as the spec says).
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Result<StateFile, String> {
        files::sahifa_dir(var, "XDG_STATE_HOME", ".local/state")
            .map(StateFile::in_dir)
            .ok_or_else(|| {
                "reading state is not kept: neither XDG_STATE_HOME nor HOME is set".to_string()
            })
    }

    /// The same, from the process environment.
    pub fn from_process_env() -> Result<StateFile, String> {
        StateFile::from_env(|name| std::env::var(name).ok())
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// `state.json`.
    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE_NAME)
    }

    /// What identifies the file's current version without reading it (`None`: no file).
    pub(crate) fn stamp(&self) -> Option<Stamp> {
        let meta = fs::metadata(self.path()).ok()?;
        Some(Stamp {
            modified: meta.modified().ok(),
            len: meta.len(),
            #[cfg(unix)]
            inode: std::os::unix::fs::MetadataExt::ino(&meta),
        })
    }

    /// Reads the state: empty when there is no file yet. A file that cannot be used is moved
    /// aside (under the lock, after checking again) and reported in [`Loaded::notice`].
    pub fn load(&self) -> io::Result<Loaded> {
        match self.read_file()? {
            Ok(state) => Ok(Loaded {
                state,
                notice: None,
            }),
            Err(_) => {
                let _lock = self.lock()?;
                self.read_or_move_aside()
            }
        }
    }

    /// Saves `changes`: takes the lock, re-reads the file (moving an unusable one aside),
    /// applies the changes over it and writes it atomically. Returns the state now on disk.
    pub fn commit(&self, changes: &[Change]) -> io::Result<Loaded> {
        fs::create_dir_all(&self.dir)?;
        let _lock = self.lock()?;
        self.remove_stray_temporaries();
        let mut loaded = self.read_or_move_aside()?;
        for change in changes {
            loaded.state.apply(*change);
        }
        self.write(&loaded.state)?;
        Ok(loaded)
    }

    /// Writes `state` as the whole file, atomically, under the lock (for tools and tests;
    /// the reader uses [`StateFile::commit`]).
    pub fn replace(&self, state: &ReadingState) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        let _lock = self.lock()?;
        self.remove_stray_temporaries();
        self.write(state)
    }

    fn lock(&self) -> io::Result<files::FileLock> {
        files::lock(&self.dir.join(LOCK_NAME), LOCK_PATIENCE)
    }

    /// The file's state, `Err` for unusable content; `Ok(Ok(empty))` when there is no file.
    fn read_file(&self) -> io::Result<Result<ReadingState, Unusable>> {
        let bytes = match fs::read(self.path()) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                return Ok(Ok(ReadingState::new()));
            }
            Err(error) => return Err(error),
        };
        Ok(parse(&bytes))
    }

    fn read_or_move_aside(&self) -> io::Result<Loaded> {
        let unusable = match self.read_file()? {
            Ok(state) => {
                return Ok(Loaded {
                    state,
                    notice: None,
                });
            }
            Err(unusable) => unusable,
        };
        let (kind, what, why) = match unusable {
            Unusable::Corrupt(reason) => ("corrupt", "the unreadable reading state", reason),
            Unusable::Newer(version) => (
                "newer",
                "the reading state of a newer sahifa",
                format!("format {version}; this one reads {FORMAT_VERSION}"),
            ),
        };
        let aside = self.aside_path(kind);
        fs::rename(self.path(), &aside)?;
        files::sync_dir(&self.dir)?;
        // The person needs where it went first: a status bar may cut the end off.
        Ok(Loaded {
            state: ReadingState::new(),
            notice: Some(format!(
                "moved {what} to {}; starting afresh ({why})",
                aside.display()
            )),
        })
    }

    /// `state.json.<kind>-<unix seconds>`, with a counter if that exists already.
    fn aside_path(&self, kind: &str) -> PathBuf {
        let seconds = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let base = format!("{FILE_NAME}.{kind}-{seconds}");
        let mut path = self.dir.join(&base);
        let mut n = 1;
        while path.exists() {
            n += 1;
            path = self.dir.join(format!("{base}-{n}"));
        }
        path
    }

    /// Temporary files of writers that were killed (we hold the lock: nobody is writing).
    fn remove_stray_temporaries(&self) {
        files::remove_temporaries(&self.dir, TEMP_PREFIX);
    }

    /// Temporary file, fsync, rename, fsync the directory. Call with the lock held.
    fn write(&self, state: &ReadingState) -> io::Result<()> {
        let temp = self
            .dir
            .join(format!("{TEMP_PREFIX}{}", std::process::id()));
        files::replace(&self.path(), &temp, |out| {
            serde_json::to_writer(
                &mut *out,
                &OnDiskRef {
                    version: FORMAT_VERSION,
                    articles: &state.articles,
                },
            )?;
            out.write_all(b"\n")
        })
    }
}

/// The parsed state of a file's bytes. One pass when the file is well-formed; the version
/// alone is read again only to tell a newer format from a corrupt file.
fn parse(bytes: &[u8]) -> Result<ReadingState, Unusable> {
    let newer = |version: u32| (version > FORMAT_VERSION).then_some(Unusable::Newer(version));
    match serde_json::from_slice::<OnDisk>(bytes) {
        Ok(on_disk) => match on_disk.version {
            0 => Err(Unusable::Corrupt("format version 0".to_string())),
            version => match newer(version) {
                Some(unusable) => Err(unusable),
                None => Ok(ReadingState {
                    articles: on_disk.articles,
                }),
            },
        },
        Err(error) => Err(serde_json::from_slice::<Probe>(bytes)
            .ok()
            .and_then(|probe| newer(probe.version))
            .unwrap_or_else(|| Unusable::Corrupt(error.to_string()))),
    }
}
