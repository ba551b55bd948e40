//! The last copy of every feed fetched, for conditional requests and for reading offline.
//!
//! Owns: one file per feed URL in the cache folder (`$XDG_CACHE_HOME/sahifa/feeds`), holding
//! the URL, where the body finally came from, the server's validators (`ETag`,
//! `Last-Modified`), when it was fetched, and the body as it arrived (decompressed). The next
//! fetch sends the validators, so an unchanged feed costs a `304 Not Modified` and no body;
//! a fetch that fails falls back on the copy, with a warning that says how old it is.
//!
//! A file is replaced whole or not at all (see [`files::replace`]); one that cannot be read
//! or is damaged counts as no copy, and the next successful fetch replaces it. Imports std and
//! the crate's `files`.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::files;

/// The first line of every copy: the format and its version.
const MAGIC: &str = "sahifa-feed 1";

/// Temporary files of writers killed before their rename are removed once they are this old
/// (a live writer renames its own within seconds).
const STALE_TEMPORARY: Duration = Duration::from_secs(60 * 60);

/// Copies not fetched (or confirmed unchanged) for this long are removed: their URL is most
/// likely no longer followed, and each may be as large as a feed.
const STALE_COPY: Duration = Duration::from_secs(90 * 24 * 60 * 60);

/// The folder of feed copies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedCache {
    dir: PathBuf,
}

/// One feed as last fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedCopy {
    /// The URL asked for.
    pub url: String,
    /// The URL the body came from, after redirects.
    pub final_url: String,
    /// The server's validators, sent back on the next fetch.
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// When it was fetched (or last confirmed unchanged), in seconds since the Unix epoch.
    pub fetched: u64,
    /// The body, decompressed.
    pub body: Vec<u8>,
}

impl FeedCache {
    /// The copies kept in `dir` (created when the first one is saved).
    pub fn new(dir: PathBuf) -> Self {
        FeedCache { dir }
    }

    /// `$XDG_CACHE_HOME/sahifa/feeds`, else `~/.cache/sahifa/feeds`; `None` without either
    /// variable. `var` looks an environment variable up.
    pub fn default_dir(var: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
        files::sahifa_dir(var, "XDG_CACHE_HOME", ".cache").map(|dir| dir.join("feeds"))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file of the copy of `url`: a hash of the URL, so any URL makes a plain file name.
    fn path(&self, url: &str) -> PathBuf {
        let hash = xxhash_rust::xxh3::xxh3_64(url.as_bytes());
        self.dir.join(format!("{hash:016x}.feed"))
    }

    /// The copy of `url`, if there is a readable one (another URL with the same hash, or a
    /// damaged file, counts as none).
    pub fn get(&self, url: &str) -> Option<FeedCopy> {
        let bytes = fs::read(self.path(url)).ok()?;
        FeedCopy::decode(&bytes).filter(|copy| copy.url == url)
    }

    /// Saves `copy` as the copy of its URL. A URL with a line break in it (which no web
    /// address has) is not saved.
    pub fn save(&self, copy: &FeedCopy) -> io::Result<()> {
        let one_line = |text: &str| !text.contains(['\n', '\r']);
        if !one_line(&copy.url) || !one_line(&copy.final_url) {
            return Ok(());
        }
        fs::create_dir_all(&self.dir)?;
        self.remove_stale_files();
        let path = self.path(&copy.url);
        let name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temporary = self.dir.join(format!(".{name}.tmp-{}", std::process::id()));
        files::replace(&path, &temporary, |out| out.write_all(&copy.encode()))
    }

    /// Marks the copy of `url` as confirmed unchanged now (after a `304`), keeping its body.
    pub fn touch(&self, mut copy: FeedCopy, now: u64) -> io::Result<FeedCopy> {
        copy.fetched = now;
        self.save(&copy)?;
        Ok(copy)
    }

    /// Removes temporary files an hour old or more (writers killed before their rename left
    /// them; younger ones may belong to a live writer) and copies last written 90 days ago or
    /// more (every fetch of a followed feed rewrites its copy).
    fn remove_stale_files(&self) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let limit = if name.contains(".feed.tmp-") {
                STALE_TEMPORARY
            } else if name.ends_with(".feed") {
                STALE_COPY
            } else {
                continue;
            };
            let old = entry
                .metadata()
                .and_then(|meta| meta.modified())
                .ok()
                .and_then(|modified| modified.elapsed().ok())
                .is_some_and(|age| age >= limit);
            if old {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

impl FeedCopy {
    /// The file's bytes: the magic line, `name value` header lines, a blank line, the body.
    fn encode(&self) -> Vec<u8> {
        let mut out = format!("{MAGIC}\nurl {}\nfinal {}\n", self.url, self.final_url);
        if let Some(etag) = &self.etag {
            out.push_str(&format!("etag {etag}\n"));
        }
        if let Some(modified) = &self.last_modified {
            out.push_str(&format!("modified {modified}\n"));
        }
        out.push_str(&format!("fetched {}\n\n", self.fetched));
        let mut bytes = out.into_bytes();
        bytes.extend_from_slice(&self.body);
        bytes
    }

    /// Reads what [`encode`](Self::encode) wrote; `None` for anything else.
    fn decode(bytes: &[u8]) -> Option<FeedCopy> {
        let head_end = bytes.windows(2).position(|pair| pair == b"\n\n")?;
        let head = std::str::from_utf8(&bytes[..head_end]).ok()?;
        let mut lines = head.split('\n');
        if lines.next()? != MAGIC {
            return None;
        }
        let (mut url, mut final_url, mut fetched) = (None, None, None);
        let (mut etag, mut last_modified) = (None, None);
        for line in lines {
            let (name, value) = line.split_once(' ')?;
            let value = value.to_owned();
            match name {
                "url" => url = Some(value),
                "final" => final_url = Some(value),
                "etag" => etag = Some(value),
                "modified" => last_modified = Some(value),
                "fetched" => fetched = Some(value.parse().ok()?),
                _ => {}
            }
        }
        Some(FeedCopy {
            url: url?,
            final_url: final_url?,
            etag,
            last_modified,
            fetched: fetched?,
            body: bytes[head_end + 2..].to_vec(),
        })
    }
}

/// A header value that can be stored on one line and sent back: printable ASCII only (what
/// HTTP allows in a validator); anything else is not kept.
pub(crate) fn storable_header(value: &str) -> Option<String> {
    let ok = !value.is_empty() && value.bytes().all(|byte| (0x20..0x7F).contains(&byte));
    ok.then(|| value.to_owned())
}

/// Seconds since the Unix epoch, now.
pub(crate) fn now_seconds() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn copy(url: &str) -> FeedCopy {
        FeedCopy {
            url: url.to_owned(),
            final_url: format!("{url}?final"),
            etag: Some("\"abc\"".to_owned()),
            last_modified: None,
            fetched: 1_700_000_000,
            body: "<rss>\n\nخبر</rss>".as_bytes().to_vec(),
        }
    }

    #[test]
    fn a_saved_copy_reads_back_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let cache = FeedCache::new(dir.path().join("feeds"));
        let saved = copy("https://example.org/feed");
        cache.save(&saved).unwrap();
        assert_eq!(cache.get(&saved.url), Some(saved.clone()));
        assert_eq!(cache.get("https://example.org/other"), None);
        let leftovers: Vec<_> = fs::read_dir(cache.dir())
            .unwrap()
            .flatten()
            .map(|entry| entry.file_name())
            .collect();
        assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    }

    #[test]
    fn damaged_or_foreign_files_count_as_no_copy() {
        let dir = tempfile::tempdir().unwrap();
        let cache = FeedCache::new(dir.path().to_path_buf());
        let url = "https://example.org/feed";
        let saved = copy(url);
        cache.save(&saved).unwrap();
        let path = cache.path(url);
        let whole = fs::read(&path).unwrap();
        // Cut inside the head, a wrong magic line, binary junk, and another URL's copy.
        for damaged in [
            whole[..20].to_vec(),
            [b"sahifa-feed 9".as_slice(), &whole[13..]].concat(),
            vec![0xFF, 0x00, 0x12],
            copy("https://example.org/else").encode(),
        ] {
            fs::write(&path, &damaged).unwrap();
            assert_eq!(cache.get(url), None);
        }
    }

    fn age_file(path: &Path, age: Duration) {
        fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(SystemTime::now() - age)
            .unwrap();
    }

    #[test]
    fn only_old_temporaries_and_long_unfetched_copies_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let cache = FeedCache::new(dir.path().to_path_buf());
        let hours = |n: u64| Duration::from_secs(n * 60 * 60);
        let files = [
            (".0123456789abcdef.feed.tmp-4242", hours(2), false),
            (".fedcba9876543210.feed.tmp-4343", Duration::ZERO, true),
            ("00000000000000aa.feed", hours(91 * 24), false),
            ("00000000000000bb.feed", hours(89 * 24), true),
            ("notes.txt", hours(1000 * 24), true),
        ];
        for (name, age, _) in files {
            let path = dir.path().join(name);
            fs::write(&path, b"half").unwrap();
            age_file(&path, age);
        }
        cache.save(&copy("https://example.org/feed")).unwrap();
        for (name, _, kept) in files {
            assert_eq!(dir.path().join(name).exists(), kept, "{name}");
        }
        assert!(cache.get("https://example.org/feed").is_some());
    }

    #[test]
    fn only_printable_ascii_validators_are_stored() {
        assert_eq!(storable_header("W/\"x1\"").as_deref(), Some("W/\"x1\""));
        assert_eq!(storable_header("a\nb"), None);
        assert_eq!(storable_header(""), None);
        assert_eq!(storable_header("é"), None);
    }
}
