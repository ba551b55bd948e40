//! The search history file: the queries searched in the reader, kept between runs beside the
//! reading state (`$XDG_STATE_HOME/sahifa/search_history`, else
//! `~/.local/state/sahifa/search_history`), as newsboat keeps `history.search`.
//!
//! Owns: the format (UTF-8, one query per line, oldest first, at most [`HISTORY_LEN`]), how a
//! session's queries join what the file holds, and how it is written: under the lock
//! `search_history.lock`, re-read and merged (two readers quitting at once both keep their
//! queries), then replaced whole (a killed process leaves the old file). No UI here.

use std::fs;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::files;

/// Queries kept in the file (and in the reader's history).
pub const HISTORY_LEN: usize = 100;
/// The longest query kept (the reader's prompt stops there too).
pub const QUERY_MAX_CHARS: usize = 500;
/// Only this much of the end of a file is read: 100 of the longest queries take 200 KB, so
/// a bigger file is damaged, and reading all of it would only cost memory.
const READ_MAX_BYTES: u64 = 1 << 20;

const FILE_NAME: &str = "search_history";
const LOCK_NAME: &str = "search_history.lock";
const TEMP_PREFIX: &str = "search_history.tmp-";
/// How long a save waits for another process's save.
const LOCK_PATIENCE: Duration = Duration::from_secs(5);

/// The history file in one directory.
#[derive(Debug, Clone)]
pub struct SearchHistory {
    dir: PathBuf,
}

impl SearchHistory {
    /// The history kept in `dir` (the reading state's directory).
    pub fn in_dir(dir: &Path) -> Self {
        SearchHistory {
            dir: dir.to_path_buf(),
        }
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE_NAME)
    }

    /// The queries, oldest first: none when there is no file. Lines that are blank, hold
    /// control characters or are longer than [`QUERY_MAX_CHARS`] (no query the reader takes
    /// is) are skipped; bytes that are not UTF-8 are read as U+FFFD. Of a file over 1 MiB
    /// only the lines of its last MiB are read.
    pub fn load(&self) -> io::Result<Vec<String>> {
        let mut file = match fs::File::open(self.path()) {
            Ok(file) => file,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(error) => return Err(error),
        };
        let len = file.metadata()?.len();
        let start = len.saturating_sub(READ_MAX_BYTES);
        file.seek(SeekFrom::Start(start))?;
        let mut bytes = Vec::new();
        file.take(READ_MAX_BYTES).read_to_end(&mut bytes)?;
        if start > 0 {
            // The first line was cut: it starts before what was read.
            let first_end = bytes
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |n| n + 1);
            bytes.drain(..first_end);
        }
        Ok(parse(&String::from_utf8_lossy(&bytes)))
    }

    /// Adds `session` (this run's queries, in the order last searched) to what the file holds
    /// now, and writes the result.
    pub fn save(&self, session: &[String]) -> io::Result<()> {
        if session.is_empty() {
            return Ok(());
        }
        fs::create_dir_all(&self.dir)?;
        let _lock = files::lock(&self.dir.join(LOCK_NAME), LOCK_PATIENCE)?;
        files::remove_temporaries(&self.dir, TEMP_PREFIX);
        let merged = merge(self.load()?, session);
        let temporary = self
            .dir
            .join(format!("{TEMP_PREFIX}{}", std::process::id()));
        files::replace(&self.path(), &temporary, |out| {
            for query in &merged {
                writeln!(out, "{query}")?;
            }
            Ok(())
        })
    }
}

/// The queries of a file's text.
fn parse(text: &str) -> Vec<String> {
    let queries: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|line| {
            !line.is_empty()
                && !line.chars().any(char::is_control)
                && line.chars().count() <= QUERY_MAX_CHARS
        })
        .map(str::to_string)
        .collect();
    merge(queries, &[])
}

/// `older` then `newer`, each query once at its latest place, the last [`HISTORY_LEN`].
pub fn merge(older: Vec<String>, newer: &[String]) -> Vec<String> {
    let mut merged: Vec<String> = Vec::with_capacity(older.len() + newer.len());
    for query in older.into_iter().chain(newer.iter().cloned()) {
        merged.retain(|seen| *seen != query);
        merged.push(query);
    }
    let excess = merged.len().saturating_sub(HISTORY_LEN);
    merged.drain(..excess);
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|item| item.to_string()).collect()
    }

    #[test]
    fn a_session_joins_the_file_each_query_once_at_its_latest_place() {
        assert_eq!(
            merge(strings(&["a", "b", "c"]), &strings(&["b", "d"])),
            strings(&["a", "c", "b", "d"])
        );
        let many: Vec<String> = (0..150).map(|n| n.to_string()).collect();
        let kept = merge(many, &strings(&["x"]));
        assert_eq!(kept.len(), HISTORY_LEN);
        assert_eq!(kept.first().map(String::as_str), Some("51"));
        assert_eq!(kept.last().map(String::as_str), Some("x"));
    }

    #[test]
    fn two_sessions_saving_keep_both_their_queries() {
        let dir = tempfile::tempdir().unwrap();
        let history = SearchHistory::in_dir(&dir.path().join("sahifa"));
        assert_eq!(history.load().unwrap(), Vec::<String>::new());
        history.save(&strings(&["بوتين", "ترامب"])).unwrap();
        history.save(&strings(&["كورسك", "بوتين"])).unwrap();
        history.save(&[]).unwrap();
        assert_eq!(
            history.load().unwrap(),
            strings(&["ترامب", "كورسك", "بوتين"])
        );
    }

    #[test]
    fn of_a_huge_file_only_the_whole_lines_of_its_end_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let history = SearchHistory::in_dir(dir.path());
        // The last MiB starts inside the line `abcdef`: `def` is no query.
        let mut tail = String::from("def\nold\n");
        tail.push_str(&"y".repeat(QUERY_MAX_CHARS + 1));
        tail.push('\n');
        let end = "نهاية\n";
        let padding = READ_MAX_BYTES as usize - tail.len() - end.len() - 1;
        tail.push_str(&" ".repeat(padding));
        tail.push('\n');
        tail.push_str(end);
        assert_eq!(tail.len() as u64, READ_MAX_BYTES);
        let text = format!("{}\nfirst\nabc{tail}", "x".repeat(2 << 20));
        fs::write(history.path(), text).unwrap();
        assert_eq!(history.load().unwrap(), strings(&["old", "نهاية"]));
    }

    #[test]
    fn blank_lines_controls_and_bad_bytes_do_not_become_queries() {
        let dir = tempfile::tempdir().unwrap();
        let history = SearchHistory::in_dir(dir.path());
        fs::write(
            history.path(),
            b"  \xd8\xa7\xd9\x84\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 \n\n\x1b[31m\nbad \xff\nok\r\nok\n",
        )
        .unwrap();
        assert_eq!(
            history.load().unwrap(),
            strings(&["السلام", "bad \u{FFFD}", "ok"])
        );
    }
}
