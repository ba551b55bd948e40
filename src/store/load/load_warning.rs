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
    /// A format this build has no loader for yet. Skipped.
    Unsupported(SourceKind),
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
            WarningKind::InvalidUtf8 { .. } | WarningKind::HugeLine { .. }
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
        f.write_str(": ")?;
        match &self.kind {
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
                write!(f, "skipped: {kind} files cannot be read yet")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

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
}
