//! `Source`: one thing the user asked to read.
//!
//! Owns: turning a command-line argument into a source. Imports std.

use std::ffi::OsStr;
use std::path::PathBuf;

/// Something to load articles from, as named by the user.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Source {
    /// The seed articles built into the binary (what the reader shows when given nothing).
    Seeds,
    /// Standard input, named `-`.
    Stdin,
    /// A file or a folder (read recursively).
    Path(PathBuf),
}

impl Source {
    /// The source a command-line argument names: `-` is standard input, anything else a path.
    pub fn from_arg(arg: impl AsRef<OsStr>) -> Source {
        let arg = arg.as_ref();
        if arg == "-" {
            Source::Stdin
        } else {
            Source::Path(PathBuf::from(arg))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dash_is_stdin() {
        assert_eq!(Source::from_arg("-"), Source::Stdin);
        assert_eq!(Source::from_arg("./-"), Source::Path(PathBuf::from("./-")));
        assert_eq!(Source::from_arg("a"), Source::Path(PathBuf::from("a")));
    }
}
