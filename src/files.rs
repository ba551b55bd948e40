//! The files sahifa keeps: where they live (XDG base directories), how one is replaced
//! (whole or not at all), and the lock that keeps two processes from writing one at once.
//! Shared by the config, the reading state and the actor cache. Imports only std.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

/// sahifa's directory of one XDG kind: `$<xdg_var>/sahifa`, else `$HOME/<home_default>/sahifa`
/// (`home_default` such as `.config` or `.cache`); `None` without either. `var` looks an
/// environment variable up. Empty and relative XDG paths are ignored, as the XDG spec says.
pub fn sahifa_dir(
    var: impl Fn(&str) -> Option<String>,
    xdg_var: &str,
    home_default: &str,
) -> Option<PathBuf> {
    let base = var(xdg_var)
        .map(PathBuf::from)
        .filter(|path| path.is_absolute())
        .or_else(|| {
            var("HOME")
                .filter(|home| !home.is_empty())
                .map(|home| Path::new(&home).join(home_default))
        })?;
    Some(base.join("sahifa"))
}

/// Replaces `path` with what `write` writes: into `temporary` (in the same directory), fsync,
/// rename over `path`, fsync the directory. A process killed on the way leaves the old file
/// (and perhaps `temporary`); on an error `temporary` is removed.
pub fn replace(
    path: &Path,
    temporary: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> io::Result<()>,
) -> io::Result<()> {
    let written = (|| {
        let mut out = BufWriter::with_capacity(1 << 16, File::create(temporary)?);
        write(&mut out)?;
        let file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.sync_all()?;
        drop(file);
        fs::rename(temporary, path)?;
        sync_dir(path.parent().unwrap_or(Path::new(".")))
    })();
    if written.is_err() {
        let _ = fs::remove_file(temporary);
    }
    written
}

/// Makes a rename in `dir` durable.
#[cfg(unix)]
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
pub fn sync_dir(_dir: &Path) -> io::Result<()> {
    // Directories cannot be opened as files here; rename is as durable as the platform makes it.
    Ok(())
}

/// An exclusive lock on a file, released when dropped (closing the file releases it too).
pub struct FileLock(File);

impl Drop for FileLock {
    fn drop(&mut self) {
        let _ = self.0.unlock();
    }
}

/// Takes the exclusive lock on `path` (created if missing), waiting up to `patience` for
/// another process to release it. Another sahifa holds a lock only for one save; one
/// stopped mid-save (Ctrl-Z) would hold it until resumed, so this gives up rather than hang.
pub fn lock(path: &Path, patience: Duration) -> io::Result<FileLock> {
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)?;
    let deadline = Instant::now() + patience;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(FileLock(file)),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                thread::sleep(Duration::from_millis(10));
            }
            Err(TryLockError::WouldBlock) => {
                return Err(io::Error::new(
                    io::ErrorKind::WouldBlock,
                    format!(
                        "another sahifa has held {} for over {} s",
                        path.display(),
                        patience.as_secs()
                    ),
                ));
            }
            Err(TryLockError::Error(error)) => return Err(error),
        }
    }
}

/// Removes the files of `dir` whose names start with `prefix`: the temporary files of
/// writers killed before their rename. Call with the lock held, when nobody is writing.
pub fn remove_temporaries(dir: &Path, prefix: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(prefix) {
            let _ = fs::remove_file(entry.path());
        }
    }
}
