//! The typed error for loading actor lexicon files, written for the person who has to fix the
//! file. Imports only std and serde_json.

use std::fmt;
use std::io;
use std::path::PathBuf;

/// Why a lexicon file could not be used.
#[derive(Debug)]
pub enum LexiconError {
    /// The file could not be read.
    Read { path: PathBuf, source: io::Error },
    /// The file is not valid lexicon JSON; `line` and `column` are serde's (1-based).
    Parse {
        source_name: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// An entry is unusable after merging (no kind, no id, or no form to match).
    InvalidEntry {
        source_name: String,
        id: String,
        problem: String,
    },
}

impl LexiconError {
    pub(crate) fn parse(source_name: &str, error: &serde_json::Error) -> Self {
        let (line, column) = (error.line(), error.column());
        // serde_json ends its message with the position, which Display already gives first.
        let full = error.to_string();
        let position = format!(" at line {line} column {column}");
        let message = full.strip_suffix(&position).unwrap_or(&full).to_owned();
        LexiconError::Parse {
            source_name: source_name.to_owned(),
            line,
            column,
            message,
        }
    }
}

impl fmt::Display for LexiconError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LexiconError::Read { path, source } => write!(
                formatter,
                "cannot read actor file {}: {source}",
                path.display()
            ),
            LexiconError::Parse {
                source_name,
                line,
                column,
                message,
            } => write!(
                formatter,
                "actor file {source_name}, line {line}, column {column}: {message} \
                 (see assets/actors/SCHEMA.md for the format)"
            ),
            LexiconError::InvalidEntry {
                source_name,
                id,
                problem,
            } => write!(
                formatter,
                "actor file {source_name}, entry \"{id}\": {problem} \
                 (see assets/actors/SCHEMA.md for the format)"
            ),
        }
    }
}

impl std::error::Error for LexiconError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LexiconError::Read { source, .. } => Some(source),
            _ => None,
        }
    }
}
