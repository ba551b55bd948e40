//! The actor cache: the actors and counts the matcher found in articles already seen, kept on
//! disk between runs, so that listing the same 100,000 articles again does not search them
//! again.
//!
//! An entry is keyed by a hash of the exact texts the matcher saw (title and paragraphs), and
//! the whole cache holds only for the [`Matcher::fingerprint`] it was written with (matcher
//! revision, lexicon, word lists): another lexicon starts an empty cache. Entries hold ranked
//! actors and counts, not where the mentions are. The file is written whole to a temporary
//! file that is then renamed over the old one, so a killed process leaves the old cache or the
//! new one, never a mix; a damaged file (checked by a trailing hash) is reported and replaced.
//! Imports std, rustc-hash, xxhash-rust and `actors`.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap as HashMap;
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use crate::actors::{ActorRef, ArticleActors, Lexicon, Matcher};
use crate::files;

/// The first bytes of a cache file, then the format's version.
const MAGIC: &[u8; 20] = b"sahifa actor cache\n\0";
/// 2: each proposed actor's name is followed by how an article writes it.
const FORMAT: u32 = 2;

/// Most (actor, count) pairs kept in the file: 8 bytes each, so at most 128 MiB. Entries used
/// by the latest run are kept first.
const MAX_PAIRS: usize = 1 << 24;

/// The name of the cache file in its directory.
const FILE_NAME: &str = "actors.bin";
/// How long a save waits for another process's save of the same cache.
const LOCK_PATIENCE: std::time::Duration = std::time::Duration::from_secs(10);

/// What the matcher found in each article seen, under one matcher fingerprint.
#[derive(Debug, Clone)]
pub struct ActorCache {
    fingerprint: u64,
    /// The actors entries refer to, by number.
    actors: Vec<ActorRef>,
    actor_numbers: HashMap<ActorRef, u32>,
    /// By actor number: how an article writes a proposed actor (see
    /// [`ActorMentions::written`](crate::actors::ActorMentions)).
    written: Vec<Option<String>>,
    entries: HashMap<u64, Entry>,
    /// (actor number, count) of every entry, an entry's pairs in a row.
    pairs: Vec<(u32, u32)>,
    /// Keys of the entries this run used or added, in the order it did.
    used: Vec<u64>,
    /// How many entries this run added.
    added: usize,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    start: usize,
    len: usize,
    used: bool,
}

impl ActorCache {
    /// An empty cache for results of matchers with this fingerprint.
    pub fn new(fingerprint: u64) -> Self {
        ActorCache {
            fingerprint,
            actors: Vec::new(),
            actor_numbers: HashMap::default(),
            written: Vec::new(),
            entries: HashMap::default(),
            pairs: Vec::new(),
            used: Vec::new(),
            added: 0,
        }
    }

    /// The XDG location: `$XDG_CACHE_HOME/sahifa/actors.bin`, else
    /// `$HOME/.cache/sahifa/actors.bin`; none without either (relative XDG paths are ignored,
    /// as the spec says). `var` reads an environment variable.
    pub fn default_path(var: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
        files::sahifa_dir(var, "XDG_CACHE_HOME", ".cache").map(|dir| dir.join(FILE_NAME))
    }

    /// The cache at `path` for `matcher`: empty when there is no file or it was written for
    /// another matcher; empty with the reason when the file cannot be read or is damaged.
    pub fn load(path: &Path, matcher: &Matcher, lexicon: &Lexicon) -> (Self, Option<String>) {
        let empty = ActorCache::new(matcher.fingerprint());
        match fs::read(path) {
            Ok(bytes) => match ActorCache::from_bytes(&bytes, matcher.fingerprint(), lexicon) {
                Ok(Some(cache)) => (cache, None),
                Ok(None) => (empty, None),
                Err(reason) => (
                    empty,
                    Some(format!(
                        "the actor cache {} is damaged ({reason}); it will be rebuilt",
                        path.display()
                    )),
                ),
            },
            Err(error) if error.kind() == io::ErrorKind::NotFound => (empty, None),
            Err(error) => (
                empty,
                Some(format!(
                    "cannot read the actor cache {}: {error}",
                    path.display()
                )),
            ),
        }
    }

    /// Writes the cache to `path` (a temporary file beside it, renamed over it once complete;
    /// see [`files::replace`]), creating its directory. Holds the lock `.<name>.lock` beside
    /// it meanwhile, so that two processes saving take turns (the last one's cache stays),
    /// and removes what writers killed mid-save left (tens of MB each at 100,000 articles).
    pub fn save(&self, path: &Path, lexicon: &Lexicon) -> io::Result<()> {
        let dir = path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir)?;
        let name = path
            .file_name()
            .map_or_else(|| FILE_NAME.into(), |name| name.to_string_lossy());
        let _lock = files::lock(&dir.join(format!(".{name}.lock")), LOCK_PATIENCE)?;
        let prefix = format!(".{name}.tmp-");
        files::remove_temporaries(dir, &prefix);
        let temporary = dir.join(format!("{prefix}{}", std::process::id()));
        files::replace(path, &temporary, |out| self.write_to(out, lexicon))
    }

    /// The key of an article: a hash of the texts given to the matcher, in order.
    pub fn key(texts: &[&str]) -> u64 {
        let mut hasher = Xxh3::new();
        for text in texts {
            hasher.update(&(text.len() as u64).to_le_bytes());
            hasher.update(text.as_bytes());
        }
        hasher.digest()
    }

    /// What the matcher found for the article with this key, ranked, without mentions (as
    /// [`Matcher::find_counts`] returns it).
    pub fn get(&self, key: u64) -> Option<ArticleActors> {
        let entry = self.entries.get(&key)?;
        let pairs = &self.pairs[entry.start..entry.start + entry.len];
        let mut found = ArticleActors::from_ranked(
            pairs
                .iter()
                .map(|&(actor, count)| (self.actors[actor as usize].clone(), count as usize)),
        );
        // `from_ranked` keeps the order of the proposed actors among themselves.
        let proposed = pairs
            .iter()
            .map(|&(actor, _)| actor as usize)
            .filter(|&actor| !self.actors[actor].is_confirmed());
        for (group, actor) in found.proposed.iter_mut().zip(proposed) {
            group.written.clone_from(&self.written[actor]);
        }
        Some(found)
    }

    /// Notes that this run has the article with this key, and what the matcher found in it
    /// (added if new; an entry already there is kept as it is).
    pub fn record(&mut self, key: u64, found: &ArticleActors) {
        if let Some(entry) = self.entries.get_mut(&key) {
            if !entry.used {
                entry.used = true;
                self.used.push(key);
            }
            return;
        }
        let start = self.pairs.len();
        for group in found.groups() {
            let number = match self.actor_numbers.get(&group.actor) {
                Some(&number) => {
                    let written = &mut self.written[number as usize];
                    if written.is_none() {
                        written.clone_from(&group.written);
                    }
                    number
                }
                None => {
                    let number = u32::try_from(self.actors.len()).unwrap_or(u32::MAX);
                    self.actors.push(group.actor.clone());
                    self.written.push(group.written.clone());
                    self.actor_numbers.insert(group.actor.clone(), number);
                    number
                }
            };
            let count = u32::try_from(group.count).unwrap_or(u32::MAX);
            self.pairs.push((number, count));
        }
        let len = self.pairs.len() - start;
        self.entries.insert(
            key,
            Entry {
                start,
                len,
                used: true,
            },
        );
        self.used.push(key);
        self.added += 1;
    }

    /// How many entries this run added: worth saving when not zero.
    pub fn added(&self) -> usize {
        self.added
    }

    /// How many entries the cache holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Writes the file's bytes: the entries this run used first, then older ones, up to
    /// [`MAX_PAIRS`] pairs, and only the actors they name. Streamed: a copy of 100,000
    /// articles' entries in memory would be 60 MB more at the run's peak.
    fn write_to(&self, out: &mut impl Write, lexicon: &Lexicon) -> io::Result<()> {
        let older = self
            .entries
            .iter()
            .filter(|(_, entry)| !entry.used)
            .map(|(key, _)| *key);
        let mut kept = Vec::new();
        let mut pair_count = 0;
        for key in self.used.iter().copied().chain(older) {
            let entry = self.entries[&key];
            if pair_count + entry.len > MAX_PAIRS {
                break;
            }
            pair_count += entry.len;
            kept.push((key, entry));
        }
        // Number the actors the kept entries name, in order of first use.
        let mut numbers: Vec<Option<u32>> = vec![None; self.actors.len()];
        // Each with how it is written (empty for lexicon actors, and where not known).
        let mut names: Vec<(String, &str)> = Vec::new();
        for (_, entry) in &kept {
            for &(actor, _) in &self.pairs[entry.start..entry.start + entry.len] {
                numbers[actor as usize].get_or_insert_with(|| {
                    let written = self.written[actor as usize].as_deref().unwrap_or_default();
                    names.push((self.actors[actor as usize].id(lexicon), written));
                    u32::try_from(names.len() - 1).unwrap_or(u32::MAX)
                });
            }
        }
        let mut out = CheckedWriter {
            out,
            hasher: Xxh3::new(),
        };
        out.put(MAGIC)?;
        out.put(&FORMAT.to_le_bytes())?;
        out.put(&self.fingerprint.to_le_bytes())?;
        out.put_len(names.len())?;
        for (name, written) in &names {
            out.put_len(name.len())?;
            out.put(name.as_bytes())?;
            out.put_len(written.len())?;
            out.put(written.as_bytes())?;
        }
        out.put_len(kept.len())?;
        // An entry at a time: hashing four bytes at a time cost more than the rest.
        let mut scratch = Vec::new();
        for (key, entry) in &kept {
            scratch.clear();
            scratch.extend_from_slice(&key.to_le_bytes());
            scratch.extend_from_slice(&(entry.len as u32).to_le_bytes());
            for &(actor, count) in &self.pairs[entry.start..entry.start + entry.len] {
                let number = numbers[actor as usize].unwrap_or(u32::MAX);
                scratch.extend_from_slice(&number.to_le_bytes());
                scratch.extend_from_slice(&count.to_le_bytes());
            }
            out.put(&scratch)?;
        }
        let check = out.hasher.digest();
        out.out.write_all(&check.to_le_bytes())
    }

    /// Reads what [`to_bytes`](Self::to_bytes) wrote. For tests of other modules.
    #[cfg(test)]
    pub(crate) fn from_bytes_for_test(bytes: &[u8], fingerprint: u64, lexicon: &Lexicon) -> Self {
        Self::from_bytes(bytes, fingerprint, lexicon)
            .expect("sound bytes")
            .expect("same matcher")
    }

    /// The bytes [`save`](Self::save) writes. For tests.
    #[cfg(test)]
    pub(crate) fn to_bytes(&self, lexicon: &Lexicon) -> Vec<u8> {
        let mut bytes = Vec::new();
        self.write_to(&mut bytes, lexicon)
            .expect("writing to memory cannot fail");
        bytes
    }

    /// The cache in `bytes`; `None` when it was written by another format or for another
    /// matcher (nothing to reuse, nothing wrong), the reason when it is damaged.
    fn from_bytes(
        bytes: &[u8],
        fingerprint: u64,
        lexicon: &Lexicon,
    ) -> Result<Option<Self>, String> {
        let Some((content, check)) = bytes.split_last_chunk::<8>() else {
            return Err("too short".to_string());
        };
        if !content.starts_with(MAGIC) {
            return Err("not an actor cache".to_string());
        }
        if xxh3_64(content) != u64::from_le_bytes(*check) {
            return Err("its check sum does not match; it was cut short or changed".to_string());
        }
        let mut reader = Reader {
            bytes: &content[MAGIC.len()..],
        };
        if reader.u32()? != FORMAT || reader.u64()? != fingerprint {
            return Ok(None);
        }
        let mut cache = ActorCache::new(fingerprint);
        let name_count = reader.u32()? as usize;
        for _ in 0..name_count {
            let len = reader.u32()? as usize;
            let name = std::str::from_utf8(reader.take(len)?)
                .map_err(|_| "an actor id is not UTF-8".to_string())?;
            let len = reader.u32()? as usize;
            let written = std::str::from_utf8(reader.take(len)?)
                .map_err(|_| "how an actor is written is not UTF-8".to_string())?;
            let actor = match name.strip_prefix('?') {
                Some(proposed) => ActorRef::Proposed(proposed.to_string()),
                None => ActorRef::Known(
                    lexicon
                        .index_of(name)
                        .ok_or_else(|| format!("unknown actor id {name:?}"))?,
                ),
            };
            cache
                .actor_numbers
                .insert(actor.clone(), cache.actors.len() as u32);
            cache.actors.push(actor);
            cache
                .written
                .push((!written.is_empty()).then(|| written.to_string()));
        }
        let entry_count = reader.u32()? as usize;
        cache.entries.reserve(entry_count);
        for _ in 0..entry_count {
            let key = reader.u64()?;
            let len = reader.u32()? as usize;
            let start = cache.pairs.len();
            for _ in 0..len {
                let (actor, count) = (reader.u32()?, reader.u32()?);
                if actor as usize >= cache.actors.len() {
                    return Err(format!("actor number {actor} out of range"));
                }
                cache.pairs.push((actor, count));
            }
            let entry = Entry {
                start,
                len,
                used: false,
            };
            if cache.entries.insert(key, entry).is_some() {
                return Err("an article is in it twice".to_string());
            }
        }
        if !reader.bytes.is_empty() {
            return Err("bytes after the last entry".to_string());
        }
        Ok(Some(cache))
    }
}

/// Writes bytes on, hashing them for the check sum that ends the file.
struct CheckedWriter<'a, W> {
    out: &'a mut W,
    hasher: Xxh3,
}

impl<W: Write> CheckedWriter<'_, W> {
    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.hasher.update(bytes);
        self.out.write_all(bytes)
    }

    fn put_len(&mut self, len: usize) -> io::Result<()> {
        let len = u32::try_from(len)
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "over 4 G items"))?;
        self.put(&len.to_le_bytes())
    }
}

/// Reads little-endian numbers off the front of a byte slice.
struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, len: usize) -> Result<&'a [u8], String> {
        if len > self.bytes.len() {
            return Err("it ends in the middle of an entry".to_string());
        }
        let (taken, rest) = self.bytes.split_at(len);
        self.bytes = rest;
        Ok(taken)
    }

    fn u32(&mut self) -> Result<u32, String> {
        let bytes = self.take(4)?;
        Ok(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
    }

    fn u64(&mut self) -> Result<u64, String> {
        let (low, high) = (self.u32()?, self.u32()?);
        Ok(u64::from(low) | u64::from(high) << 32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;

    fn matcher() -> (Matcher, Lexicon) {
        let lexicon = Lexicon::built_in().expect("built-in lexicon");
        (Matcher::new(&lexicon), lexicon)
    }

    /// Keys and what the matcher found for some generated articles.
    fn found(matcher: &Matcher, count: usize) -> Vec<(u64, ArticleActors)> {
        let corpus = Corpus::new(5);
        (0..count)
            .map(|index| {
                let text = corpus.article(index);
                let paragraphs: Vec<&str> = text.lines().collect();
                (
                    ActorCache::key(&paragraphs),
                    matcher.find_counts(&paragraphs),
                )
            })
            .collect()
    }

    /// A cache for `matcher` holding `found`.
    fn recording(matcher: &Matcher, found: &[(u64, ArticleActors)]) -> ActorCache {
        let mut cache = ActorCache::new(matcher.fingerprint());
        for (key, actors) in found {
            cache.record(*key, actors);
        }
        cache
    }

    #[test]
    fn a_saved_cache_gives_back_what_was_recorded() {
        let (matcher, lexicon) = matcher();
        let found = found(&matcher, 40);
        let cache = recording(&matcher, &found);
        assert!(found.iter().any(|(_, actors)| !actors.proposed.is_empty()));
        // How proposed names are written comes back too (where it is not the name).
        assert!(
            found
                .iter()
                .any(|(_, actors)| actors.proposed.iter().any(|group| group.written.is_some()))
        );
        let bytes = cache.to_bytes(&lexicon);
        let read = ActorCache::from_bytes(&bytes, matcher.fingerprint(), &lexicon)
            .expect("sound file")
            .expect("same matcher");
        assert_eq!(read.len(), 40);
        assert_eq!(read.added(), 0);
        for (key, actors) in &found {
            assert_eq!(read.get(*key).as_ref(), Some(actors));
        }
        assert_eq!(read.get(12345), None);
    }

    #[test]
    fn a_cache_of_another_matcher_is_not_used() {
        let (matcher, lexicon) = matcher();
        let cache = recording(&matcher, &found(&matcher, 3));
        let bytes = cache.to_bytes(&lexicon);
        let other = ActorCache::from_bytes(&bytes, matcher.fingerprint() ^ 1, &lexicon);
        assert!(matches!(other, Ok(None)));
        let mut smaller = Lexicon::built_in().expect("built-in lexicon");
        smaller
            .merge_json(
                "extra",
                r#"{"actors": [{"id": "x-extra", "kind": "person", "name": {"en": "Xq Extra"}}]}"#,
            )
            .expect("valid extra actor");
        assert_ne!(Matcher::new(&smaller).fingerprint(), matcher.fingerprint());
    }

    #[test]
    fn a_damaged_cache_is_refused_with_a_reason() {
        let (matcher, lexicon) = matcher();
        let cache = recording(&matcher, &found(&matcher, 5));
        let bytes = cache.to_bytes(&lexicon);
        // Cut short anywhere, or one byte changed anywhere.
        for len in (0..bytes.len()).step_by(7) {
            let result = ActorCache::from_bytes(&bytes[..len], matcher.fingerprint(), &lexicon);
            assert!(result.is_err(), "cut at {len}");
        }
        for at in (0..bytes.len()).step_by(5) {
            let mut changed = bytes.clone();
            changed[at] ^= 0x10;
            let result = ActorCache::from_bytes(&changed, matcher.fingerprint(), &lexicon);
            assert!(result.is_err(), "changed at {at}");
        }
    }

    #[test]
    fn the_entries_of_the_latest_run_are_kept_first() {
        let (matcher, lexicon) = matcher();
        let found = found(&matcher, 6);
        let cache = recording(&matcher, &found[..4]);
        let bytes = cache.to_bytes(&lexicon);
        let mut next = ActorCache::from_bytes(&bytes, matcher.fingerprint(), &lexicon)
            .unwrap()
            .unwrap();
        // The next run sees articles 2 to 5: two old, two new.
        for (key, actors) in &found[2..] {
            next.record(*key, actors);
        }
        assert_eq!(next.added(), 2);
        let order: Vec<u64> = next.used.clone();
        let expected: Vec<u64> = found[2..].iter().map(|(key, _)| *key).collect();
        assert_eq!(order, expected);
        let bytes = next.to_bytes(&lexicon);
        let read = ActorCache::from_bytes(&bytes, matcher.fingerprint(), &lexicon)
            .unwrap()
            .unwrap();
        assert_eq!(read.len(), 6);
    }

    /// A writer killed mid-save leaves its temporary file; the next save removes it, and
    /// a save waits while another process holds the lock.
    #[test]
    fn a_save_removes_what_killed_writers_left_and_waits_for_the_lock() {
        let (matcher, lexicon) = matcher();
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(FILE_NAME);
        let stray = dir.path().join(".actors.bin.tmp-4242");
        fs::write(&stray, vec![0u8; 1000]).unwrap();
        let other = dir.path().join("notes.txt");
        fs::write(&other, "kept").unwrap();
        let cache = ActorCache::new(matcher.fingerprint());
        cache.save(&path, &lexicon).expect("saved");
        assert!(!stray.exists(), "the stray temporary file is removed");
        assert!(other.exists(), "other files are left alone");

        let held = files::lock(&dir.path().join(".actors.bin.lock"), LOCK_PATIENCE).unwrap();
        let saver = std::thread::spawn(move || {
            cache
                .save(&path, &lexicon)
                .expect("saved after the lock is released");
            std::time::Instant::now()
        });
        std::thread::sleep(std::time::Duration::from_millis(200));
        let released = std::time::Instant::now();
        drop(held);
        let saved = saver.join().unwrap();
        assert!(saved >= released, "the save waited for the lock");
    }

    #[test]
    fn saving_replaces_the_file_whole() {
        let (matcher, lexicon) = matcher();
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("deep/sahifa/actors.bin");
        let found = found(&matcher, 3);
        let cache = recording(&matcher, &found);
        cache.save(&path, &lexicon).expect("saved");
        let (loaded, warning) = ActorCache::load(&path, &matcher, &lexicon);
        assert_eq!(warning, None);
        assert_eq!(loaded.len(), 3);
        // Nothing else is left in the directory but the lock.
        let mut names: Vec<_> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        names.sort();
        assert_eq!(names, [".actors.bin.lock", FILE_NAME]);
        fs::write(&path, b"garbage").unwrap();
        let (loaded, warning) = ActorCache::load(&path, &matcher, &lexicon);
        assert!(loaded.is_empty());
        assert!(warning.expect("a warning").contains("damaged"));
    }

    #[test]
    fn the_default_path_follows_xdg() {
        let path = |pairs: &'static [(&'static str, &'static str)]| {
            ActorCache::default_path(crate::test_support::fake_env(pairs))
        };
        assert_eq!(
            path(&[("XDG_CACHE_HOME", "/c"), ("HOME", "/h")]),
            Some(PathBuf::from("/c/sahifa/actors.bin"))
        );
        assert_eq!(
            path(&[("XDG_CACHE_HOME", "rel"), ("HOME", "/h")]),
            Some(PathBuf::from("/h/.cache/sahifa/actors.bin"))
        );
        assert_eq!(path(&[]), None);
    }
}
