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
    /// An `http://` or `https://` feed URL, fetched on a loader thread.
    Url(String),
}

impl Source {
    /// The source a command-line argument names: `-` is standard input, an argument starting
    /// with `http://` or `https://` (any case) a URL, anything else a path.
    pub fn from_arg(arg: impl AsRef<OsStr>) -> Source {
        let arg = arg.as_ref();
        if arg == "-" {
            return Source::Stdin;
        }
        if let Some(text) = arg.to_str()
            && is_web_url(text)
        {
            return Source::Url(text.to_string());
        }
        Source::Path(PathBuf::from(arg))
    }
}

/// True when `text` starts with `http://` or `https://`, in any case.
pub(crate) fn is_web_url(text: &str) -> bool {
    let lower = |n: usize| text.get(..n).map(str::to_ascii_lowercase);
    lower(7).as_deref() == Some("http://") || lower(8).as_deref() == Some("https://")
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

    #[test]
    fn web_urls_are_urls() {
        let url = |s: &str| Source::Url(s.to_string());
        assert_eq!(
            Source::from_arg("https://a.example/f"),
            url("https://a.example/f")
        );
        assert_eq!(
            Source::from_arg("HTTP://a.example/"),
            url("HTTP://a.example/")
        );
        assert_eq!(
            Source::from_arg("http.txt"),
            Source::Path(PathBuf::from("http.txt"))
        );
        assert_eq!(
            Source::from_arg("ftp://a.example/"),
            Source::Path(PathBuf::from("ftp://a.example/"))
        );
    }
}
