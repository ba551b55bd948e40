//! `LoadWarning`: a problem with one input that did not stop the others.
//!
//! Owns: the kinds of input problems and how they read for a person (one line each). Imports
//! std and the store's `SourceRef`.

use std::fmt;

use super::super::source_ref::SourceRef;
use super::source_kind::SourceKind;

/// A problem with one input. Loading goes on; the store never prints these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadWarning {
    /// The file, folder, seed or stdin concerned.
    pub source: SourceRef,
    /// The 1-based line, when the problem is on one line.
    pub line: Option<usize>,
    /// What is wrong.
    pub kind: WarningKind,
}

/// What is wrong with an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WarningKind {
    /// The path does not exist. Skipped.
    NotFound,
    /// The file or folder could not be read (the reason is the system's). Skipped.
    Unreadable {
        /// The system's reason, such as "Permission denied (os error 13)".
        reason: String,
    },
    /// The file has no bytes. Skipped.
    Empty,
    /// The file has only whitespace and control characters. Skipped.
    Blank,
    /// The file looks binary. Skipped.
    Binary(BinaryEvidence),
    /// Some lines were not valid UTF-8; they were decoded with U+FFFD in place of the bad
    /// bytes. `line` is the first such line.
    InvalidUtf8 {
        /// How many lines had invalid UTF-8.
        lines: usize,
    },
    /// One line is over 1 MiB. Kept; `line` says which.
    HugeLine {
        /// Its length in bytes.
        bytes: usize,
    },
    /// The file is over the size limit for one file. Skipped.
    TooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// A symbolic link to a folder that contains it. Not followed.
    SymlinkLoop,
    /// A symbolic link to nothing. Skipped.
    BrokenSymlink,
    /// A device, socket or pipe inside a folder. Skipped (reading it could block forever).
    NotRegularFile,
    /// A format this build has no loader for here (an OPML list fetched from a URL). Skipped.
    Unsupported(SourceKind),
    /// Not a feed this build can read (the parser's reason). Skipped.
    NotAFeed {
        /// Why, in the parser's words.
        reason: String,
    },
    /// A feed with no entries. Nothing to read.
    NoEntries,
    /// Not valid JSON (the parser's reason; `line` says where). Skipped.
    NotJson {
        /// Why, in the parser's words.
        reason: String,
    },
    /// One record (a feed entry, an article object) could not be read; the others were.
    BadRecord {
        /// Its 1-based number in the file (for `.jsonl` files, `line` says where too).
        index: usize,
        /// What is wrong with it.
        reason: String,
    },
    /// Not a valid OPML list (the parser's reason). Skipped.
    NotOpml {
        /// Why, in the parser's words.
        reason: String,
    },
    /// An OPML list that lists itself, directly or through other lists. Not read again.
    OpmlLoop,
    /// The server answered with an HTTP error status. Skipped.
    HttpStatus {
        /// The status code, such as 404.
        status: u16,
    },
    /// The server did not answer in time. Skipped.
    Timeout,
    /// The server redirected more than this many times (or in a loop). Skipped.
    TooManyRedirects {
        /// The most redirects followed.
        limit: u32,
    },
    /// The response is over the size limit for one feed. Skipped.
    ResponseTooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// The feed could not be fetched (no such host, connection refused, TLS failure …).
    /// Skipped.
    Network {
        /// The reason, in the HTTP client's words.
        reason: String,
    },
    /// The feed could not be fetched (`reason`), and the copy kept from an earlier fetch,
    /// this many seconds old, was read instead.
    OfflineCopy {
        reason: Box<WarningKind>,
        age_seconds: u64,
    },
    /// The feed was read, but its copy for next time could not be written (the system's
    /// reason).
    CacheNotSaved { reason: String },
}

/// Why a file was taken for binary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryEvidence {
    /// A NUL byte at this offset, within the first 8 KiB.
    NulByte {
        /// Byte offset of the first NUL.
        offset: usize,
    },
    /// This percentage of the first 8 KiB's characters are control characters or invalid
    /// UTF-8.
    MostlyNonText {
        /// Percentage of non-text characters.
        percent: u8,
    },
}

impl LoadWarning {
    /// A warning about the whole of `source`.
    pub fn new(source: SourceRef, kind: WarningKind) -> Self {
        LoadWarning {
            source,
            line: None,
            kind,
        }
    }

    /// A warning about one line of `source`.
    pub fn at_line(source: SourceRef, line: usize, kind: WarningKind) -> Self {
        LoadWarning {
            source,
            line: Some(line),
            kind,
        }
    }

    /// True when the input was skipped (as opposed to read with a caveat).
    pub fn skipped(&self) -> bool {
        !matches!(
            self.kind,
            WarningKind::InvalidUtf8 { .. }
                | WarningKind::HugeLine { .. }
                | WarningKind::BadRecord { .. }
                | WarningKind::NoEntries
                | WarningKind::OfflineCopy { .. }
                | WarningKind::CacheNotSaved { .. }
        )
    }
}

/// One line: `SOURCE[:LINE]: what happened`.
impl fmt::Display for LoadWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.source)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {}", self.kind)
    }
}

/// What happened, on one line (after the source, in a [`LoadWarning`]).
impl fmt::Display for WarningKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WarningKind::NotFound => f.write_str("skipped: no such file or folder"),
            WarningKind::Unreadable { reason } => write!(f, "skipped: cannot read it: {reason}"),
            WarningKind::Empty => f.write_str("skipped: the file is empty"),
            WarningKind::Blank => {
                f.write_str("skipped: nothing in it but whitespace and control characters")
            }
            WarningKind::Binary(BinaryEvidence::NulByte { offset }) => {
                write!(f, "skipped: looks binary (a NUL byte at offset {offset})")
            }
            WarningKind::Binary(BinaryEvidence::MostlyNonText { percent }) => write!(
                f,
                "skipped: looks binary ({percent}% of the first 8 KiB is not text)"
            ),
            WarningKind::InvalidUtf8 { lines: 1 } => {
                f.write_str("invalid UTF-8 on this line; the bad bytes are shown as \u{fffd}")
            }
            WarningKind::InvalidUtf8 { lines } => write!(
                f,
                "invalid UTF-8 on {lines} lines, the first one here; the bad bytes are shown as \u{fffd}"
            ),
            WarningKind::HugeLine { bytes } => write!(
                f,
                "kept a very long line ({:.1} MiB); it may be slow to show",
                *bytes as f64 / (1024.0 * 1024.0)
            ),
            WarningKind::TooLarge { limit } => write!(
                f,
                "skipped: larger than the {} MiB limit for one file",
                limit / (1024 * 1024)
            ),
            WarningKind::SymlinkLoop => {
                f.write_str("not followed: the link leads back into a folder that contains it")
            }
            WarningKind::BrokenSymlink => f.write_str("skipped: the link points to nothing"),
            WarningKind::NotRegularFile => {
                f.write_str("skipped: not a regular file (a device, socket or pipe)")
            }
            WarningKind::Unsupported(kind) => {
                write!(f, "skipped: {kind} cannot be read from here")
            }
            WarningKind::NotAFeed { reason } => {
                f.write_str("skipped: not a feed: ")?;
                write_escaped(f, reason)
            }
            WarningKind::NoEntries => f.write_str("the feed has no entries"),
            WarningKind::NotJson { reason } => {
                f.write_str("skipped: not valid JSON: ")?;
                write_escaped(f, reason)
            }
            WarningKind::BadRecord { index, reason } => {
                write!(f, "record {index} skipped: ")?;
                write_escaped(f, reason)
            }
            WarningKind::NotOpml { reason } => {
                f.write_str("skipped: not a valid OPML list: ")?;
                write_escaped(f, reason)
            }
            WarningKind::OpmlLoop => {
                f.write_str("not read again: the OPML list includes itself (a loop)")
            }
            WarningKind::HttpStatus { status } => {
                write!(f, "skipped: the server answered HTTP {status}")?;
                if let Some(reason) = status_reason(*status) {
                    write!(f, " ({reason})")?;
                }
                Ok(())
            }
            WarningKind::Timeout => f.write_str("skipped: the server did not answer in time"),
            WarningKind::TooManyRedirects { limit } => {
                write!(f, "skipped: more than {limit} redirects (a redirect loop?)")
            }
            WarningKind::ResponseTooLarge { limit } => write!(
                f,
                "skipped: the response is larger than the {} MiB limit for one feed",
                limit / (1024 * 1024)
            ),
            WarningKind::Network { reason } => {
                f.write_str("skipped: cannot fetch it: ")?;
                write_escaped(f, reason)
            }
            WarningKind::OfflineCopy {
                reason,
                age_seconds,
            } => {
                let reason = reason.to_string();
                let reason = reason.strip_prefix("skipped: ").unwrap_or(&reason);
                write!(
                    f,
                    "showing the copy fetched {} ago: {reason}",
                    age(*age_seconds)
                )
            }
            WarningKind::CacheNotSaved { reason } => {
                f.write_str("read, but its copy for offline reading was not saved: ")?;
                write_escaped(f, reason)
            }
        }
    }
}

/// An age in the largest whole unit: "40 seconds", "1 minute", "3 hours", "12 days".
fn age(seconds: u64) -> String {
    let (count, unit) = match seconds {
        0..60 => (seconds, "second"),
        60..3_600 => (seconds / 60, "minute"),
        3_600..86_400 => (seconds / 3_600, "hour"),
        _ => (seconds / 86_400, "day"),
    };
    let plural = if count == 1 { "" } else { "s" };
    format!("{count} {unit}{plural}")
}

/// The usual reason phrase of common HTTP error statuses.
fn status_reason(status: u16) -> Option<&'static str> {
    Some(match status {
        400 => "bad request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not found",
        410 => "gone",
        429 => "too many requests",
        500 => "internal server error",
        502 => "bad gateway",
        503 => "service unavailable",
        504 => "gateway timeout",
        _ => return None,
    })
}

/// Writes `text` on one line: control characters (line breaks included) escaped, so a
/// parser's or a server's words cannot break the line or drive the terminal.
fn write_escaped(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    super::super::source_ref::write_escaped(f, text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn ages_read_in_their_largest_whole_unit() {
        let ages: Vec<String> = [0, 1, 59, 60, 119, 3_599, 3_600, 86_399, 86_400, 200_000]
            .into_iter()
            .map(age)
            .collect();
        assert_eq!(
            ages,
            [
                "0 seconds",
                "1 second",
                "59 seconds",
                "1 minute",
                "1 minute",
                "59 minutes",
                "1 hour",
                "23 hours",
                "1 day",
                "2 days"
            ]
        );
    }

    #[test]
    fn warnings_read_as_one_line() {
        let w = LoadWarning::at_line(
            SourceRef::File(PathBuf::from("news/a.txt")),
            3,
            WarningKind::InvalidUtf8 { lines: 2 },
        );
        let s = w.to_string();
        assert!(
            s.starts_with("news/a.txt:3: invalid UTF-8 on 2 lines"),
            "{s}"
        );
        assert!(!s.contains('\n'));
        assert!(!w.skipped());
        let w = LoadWarning::new(SourceRef::Stdin, WarningKind::Empty);
        assert_eq!(w.to_string(), "-: skipped: the file is empty");
        assert!(w.skipped());
    }

    #[test]
    fn network_and_record_warnings_read_as_one_line() {
        let url = SourceRef::Url("http://127.0.0.1:1/feed".to_string());
        let w = LoadWarning::new(url.clone(), WarningKind::HttpStatus { status: 404 });
        assert_eq!(
            w.to_string(),
            "http://127.0.0.1:1/feed: skipped: the server answered HTTP 404 (not found)"
        );
        let w = LoadWarning::new(
            url,
            WarningKind::NotAFeed {
                reason: "bad\nthing \u{1b}[31m".to_string(),
            },
        );
        let s = w.to_string();
        assert!(!s.chars().any(char::is_control), "{s:?}");
        let w = LoadWarning::at_line(
            SourceRef::File(PathBuf::from("a.jsonl")),
            4,
            WarningKind::BadRecord {
                index: 3,
                reason: "\"title\" is a number, not a string".to_string(),
            },
        );
        assert_eq!(
            w.to_string(),
            "a.jsonl:4: record 3 skipped: \"title\" is a number, not a string"
        );
        assert!(!w.skipped());
    }
}
