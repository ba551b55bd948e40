//! The files sahifa keeps: where they live (XDG base directories) and how one is replaced
//! (whole or not at all). Shared by the config, the reading state and the actor cache.
//! Imports only std.

use std::fs::{self, File};
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};

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
