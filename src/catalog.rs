//! The catalog: the article store together with the actors each article names.
//!
//! Joins `store` (articles and their actor indexes) and `actors` (lexicon and matcher): each
//! article's title and paragraphs go through the matcher once, on every core, and the counts
//! feed the store's indexes. The CLI and the reader both build on it. No UI here.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::thread;

use crate::actor_cache::ActorCache;
use crate::actors::{ActorRef, ArticleActors, Lexicon, Matcher, Mention};
use crate::store::{ActorKey, Article, InsertOutcome, Paragraph, Store, is_rtl_language};
use crate::text::{Direction, paragraph::first_strong_direction};

/// Articles, their mentions, and the lexicon the mentions refer to.
pub struct Catalog {
    store: Store,
    lexicon: Lexicon,
    matcher: Matcher,
    /// Per article (store order): its actors and every mention (counts only when
    /// `detail` is [`Detail::Counts`]).
    actors: Vec<ArticleActors>,
    /// Per article (store order): its actors and mention counts, ranked.
    ranked: Vec<Box<[(ActorKey, u32)]>>,
    detail: Detail,
    /// What earlier runs found (see [`Catalog::use_cache`]).
    cache: Option<ActorCache>,
}

/// Articles given to the matcher at once by [`Catalog::add`] (and gathered from the loader
/// before calling it, by the commands that print).
pub const FIND_SLICE: usize = 4_096;

/// How much of what the matcher finds a catalog keeps, and how it is tuned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Every mention with its text and place (for `sahifa actors`).
    Mentions,
    /// Actors and mention counts only (for `sahifa list`): a few bytes per actor instead of
    /// a string per mention.
    Counts,
}

/// Where a mention stands in its source: 1-based line, 0-based code-point column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourcePosition {
    pub line: usize,
    pub column: usize,
}

impl Catalog {
    /// An empty catalog over `lexicon` that keeps every mention.
    pub fn new(lexicon: Lexicon) -> Self {
        Self::with_detail(lexicon, Detail::Mentions)
    }

    /// An empty catalog over `lexicon` that keeps `detail`.
    pub fn with_detail(lexicon: Lexicon, detail: Detail) -> Self {
        let matcher = Matcher::new(&lexicon);
        Catalog {
            store: Store::new(),
            lexicon,
            matcher,
            actors: Vec::new(),
            ranked: Vec::new(),
            detail,
            cache: None,
        }
    }

    /// The matcher articles go through.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// Articles added from now on are looked up in `cache` and go through the matcher only
    /// when it does not have them (a [`Detail::Mentions`] catalog needs every mention, which
    /// the cache does not hold: it only records into it). Give it back with
    /// [`take_cache`](Self::take_cache) to save it.
    pub fn use_cache(&mut self, cache: ActorCache) {
        self.cache = Some(cache);
    }

    /// The cache given to [`use_cache`](Self::use_cache), with every article added since
    /// recorded in it.
    pub fn take_cache(&mut self) -> Option<ActorCache> {
        self.cache.take()
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The actors of article `index` with every mention (empty for an index out of range,
    /// and for every article of a [`Detail::Counts`] catalog).
    pub fn actors_of(&self, index: usize) -> &ArticleActors {
        static NONE: ArticleActors = ArticleActors {
            confirmed: Vec::new(),
            proposed: Vec::new(),
        };
        self.actors.get(index).unwrap_or(&NONE)
    }

    /// Add articles (duplicates of stored ones are dropped) and find their actors, in
    /// parallel. Returns how many were new.
    pub fn add(&mut self, articles: Vec<Article>) -> usize {
        // In slices, so that what the matcher returns for 100,000 articles is never all in
        // memory at once.
        let mut articles = articles.into_iter();
        let slices = std::iter::from_fn(|| {
            let slice: Vec<Article> = articles.by_ref().take(FIND_SLICE).collect();
            (!slice.is_empty()).then_some(slice)
        });
        self.add_batches(slices)
    }

    /// Adds batches of articles as they come, as [`add`](Self::add) would one after the
    /// other, but finds the actors of each batch while the one before it is filed: filing
    /// (the store and its actor index, proposed names) runs on this thread beside the
    /// finders instead of between their turns, where it left a core idle. Returns how many
    /// articles were new.
    pub fn add_batches(&mut self, batches: impl Iterator<Item = Vec<Article>>) -> usize {
        let Catalog {
            store,
            matcher,
            actors,
            ranked,
            detail,
            cache,
            ..
        } = self;
        let (matcher, detail) = (&*matcher, *detail);
        // Finders look entries up while this thread records what was found: one at a time.
        let shared_cache = Mutex::new(cache.take());
        let mut added = 0;
        thread::scope(|scope| {
            let shared = &shared_cache;
            let find = |batch: Vec<Article>| {
                scope.spawn(move || {
                    let found = find_in_parallel(matcher, &batch, detail, shared);
                    (batch, found)
                })
            };
            let mut batches = batches;
            let mut in_flight = batches.next().map(find);
            while let Some(finding) = in_flight {
                let (batch, found) = finding
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                // The next batch's actors are found while this one is filed.
                in_flight = batches.next().map(find);
                for (article, (key, article_actors)) in batch.into_iter().zip(found) {
                    let InsertOutcome::Added(index) = store.insert(article) else {
                        continue;
                    };
                    added += 1;
                    if let (Some(cache), Some(key)) = (lock(shared).as_mut(), key) {
                        cache.record(key, &article_actors);
                    }
                    let counts: Vec<(ActorKey, u32)> = article_actors
                        .groups()
                        .filter_map(|group| {
                            let key = key_of(store, &group.actor, group.written.as_deref())?;
                            Some((key, u32::try_from(group.count).unwrap_or(u32::MAX)))
                        })
                        .collect();
                    ranked.push(counts.clone().into_boxed_slice());
                    // The index is in range: the article was just added.
                    let _ = store.set_actors(index, counts);
                    if detail == Detail::Mentions {
                        actors.push(article_actors);
                    }
                }
            }
        });
        *cache = shared_cache
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        added
    }

    /// The actors of article `index` with their mention counts, most mentioned first (then
    /// by first mention), as [`ArticleActors::groups`] orders them; kept in both details.
    pub fn ranked_actors(&self, index: usize) -> &[(ActorKey, u32)] {
        self.ranked.get(index).map_or(&[], |ranked| ranked)
    }

    /// An actor's id: its lexicon id, or `?` and the proposed name (as [`ActorRef::id`]).
    pub fn actor_id(&self, key: ActorKey) -> String {
        match key {
            ActorKey::Lexicon(n) => self
                .lexicon
                .actors()
                .get(n as usize)
                .map_or_else(|| format!("#{n}"), |actor| actor.id.clone()),
            ActorKey::Proposed(_) => {
                format!("?{}", self.store.proposed_name(key).unwrap_or_default())
            }
        }
    }

    /// Where `mention` of article `index` stands in its source file.
    pub fn position(&self, index: usize, mention: &Mention) -> Option<SourcePosition> {
        let article = self.store.get(index)?;
        let paragraph = matched_paragraph(article, mention.paragraph)?;
        let chars_before = paragraph.text().get(..mention.range.start)?.chars().count();
        Some(SourcePosition {
            line: paragraph.line(),
            column: paragraph.source_column(chars_before),
        })
    }
}

/// The store's key for an actor (proposed names are interned on first sight).
/// `written`: how the article writes a proposed name (see [`Store::intern_proposed_as`]).
fn key_of(store: &mut Store, actor: &ActorRef, written: Option<&str>) -> Option<ActorKey> {
    match actor {
        ActorRef::Known(index) => u32::try_from(index.get()).ok().map(ActorKey::Lexicon),
        ActorRef::Proposed(name) => store.intern_proposed_as(name, written).ok(),
    }
}

/// The cache, whoever held its lock before (it holds no invariant a panic could break).
fn lock(cache: &Mutex<Option<ActorCache>>) -> MutexGuard<'_, Option<ActorCache>> {
    cache.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The texts the matcher sees for one article: the title, then the paragraphs.
fn matched_texts(article: &Article) -> Vec<&str> {
    std::iter::once(article.title())
        .chain(article.paragraphs().map(|p| p.text()))
        .collect()
}

/// The paragraph behind the matcher's paragraph number (0 is the title).
fn matched_paragraph(article: &Article, number: usize) -> Option<Paragraph<'_>> {
    match number {
        0 => Some(article.title_paragraph()),
        n => article.paragraph(n - 1),
    }
}

/// Find the actors of `articles` on every core, results in article order, each with its
/// cache key when there is a `cache` (which a counts-only catalog takes them from when it can).
fn find_in_parallel(
    matcher: &Matcher,
    articles: &[Article],
    detail: Detail,
    cache: &Mutex<Option<ActorCache>>,
) -> Vec<(Option<u64>, ArticleActors)> {
    let keyed = lock(cache).is_some();
    let find = |article: &Article| {
        let texts = matched_texts(article);
        let key = keyed.then(|| ActorCache::key(&texts));
        let cached = match (key, detail) {
            (Some(key), Detail::Counts) => lock(cache).as_ref().and_then(|cache| cache.get(key)),
            _ => None,
        };
        // A counts-only catalog never builds mentions, so a big batch never holds them.
        let found = cached.unwrap_or_else(|| match detail {
            Detail::Mentions => matcher.find(&texts),
            Detail::Counts => matcher.find_counts(&texts),
        });
        (key, found)
    };
    let workers = thread::available_parallelism().map_or(1, |n| n.get());
    if workers < 2 || articles.len() < 64 {
        return articles.iter().map(find).collect();
    }
    // Workers take runs of 64 articles from a shared counter rather than a fixed half each:
    // article lengths vary a hundredfold, and on a shared machine one core may be slower.
    const RUN: usize = 64;
    let next = AtomicUsize::new(0);
    let mut found: Vec<(usize, Vec<_>)> = thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut runs = Vec::new();
                    loop {
                        let start = next.fetch_add(RUN, Ordering::Relaxed);
                        if start >= articles.len() {
                            return runs;
                        }
                        let run = &articles[start..(start + RUN).min(articles.len())];
                        runs.push((start, run.iter().map(find).collect()));
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    found.sort_unstable_by_key(|(start, _)| *start);
    found.into_iter().flat_map(|(_, run)| run).collect()
}

/// An article's direction: its language hint if it names a right-to-left language, else the
/// first strong character of its title and paragraphs (UAX #9 P2/P3).
pub fn article_direction(article: &Article) -> Direction {
    if let Some(language) = article.language() {
        return language_direction(language);
    }
    std::iter::once(article.title())
        .chain(article.paragraphs().map(|p| p.text()))
        .find_map(first_strong_direction)
        .unwrap_or(Direction::Ltr)
}

/// Right-to-left for the codes of languages written so: Arabic, Persian, Urdu, Hebrew, Pashto,
/// Sindhi, Uyghur, Yiddish, Dhivehi, Sorani and Syriac (with or without a region: `ar-EG`); see
/// [`is_rtl_language`].
pub fn language_direction(code: &str) -> Direction {
    if is_rtl_language(code) {
        Direction::Rtl
    } else {
        Direction::Ltr
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::load::load_all;

    fn seeds() -> Catalog {
        let mut catalog = Catalog::new(Lexicon::built_in().expect("built-in lexicon"));
        let (articles, warnings) = load_all(&[]);
        assert!(warnings.is_empty(), "{warnings:?}");
        catalog.add(articles);
        catalog
    }

    #[test]
    fn seeds_have_their_actors_indexed() {
        let catalog = seeds();
        assert_eq!(catalog.store().len(), 5);
        let putin = catalog.lexicon().index_of("vladimir-putin").unwrap();
        let key = ActorKey::Lexicon(putin.get() as u32);
        let postings = catalog.store().articles_with_actor(key);
        assert!(postings.len() >= 4, "{postings:?}");
        assert!(catalog.actors_of(0).of(putin).is_some());
    }

    #[test]
    fn mention_positions_point_at_the_source_text() {
        let catalog = seeds();
        let seed = include_str!("../seeds/000_3ed9818d08fa67ef.txt");
        let lines: Vec<&str> = seed.lines().collect();
        for group in &catalog.actors_of(0).confirmed {
            for mention in &group.mentions {
                let at = catalog.position(0, mention).unwrap();
                let line: String = lines[at.line - 1].chars().skip(at.column).collect();
                assert!(line.starts_with(&mention.text), "{at:?} {}", mention.text);
            }
        }
    }

    /// Articles are handed out to the workers in runs: every article must get its own actors.
    #[test]
    fn actors_found_in_parallel_are_each_articles_own() {
        let corpus = crate::corpus::Corpus::new(3);
        let articles: Vec<Article> = (0..200)
            .flat_map(|index| {
                let text = corpus.article(index);
                let source = crate::store::SourceRef::File(format!("{index}.txt").into());
                crate::store::load::parse_plain_text(source, text.as_bytes()).articles
            })
            .collect();
        assert_eq!(articles.len(), 200);
        let lexicon = Lexicon::built_in().expect("built-in lexicon");
        let matcher = Matcher::new(&lexicon);
        let mut catalog = Catalog::new(lexicon);
        assert_eq!(catalog.add(articles), 200);
        for (index, article) in catalog.store().iter().enumerate() {
            assert_eq!(
                catalog.actors_of(index),
                &matcher.find(&matched_texts(article))
            );
        }
    }

    /// A counts-only catalog takes what the cache holds instead of searching, and records
    /// what it searched.
    #[test]
    fn a_cache_answers_for_the_articles_it_holds() {
        let corpus = crate::corpus::Corpus::new(8);
        let articles = |range: std::ops::Range<usize>| -> Vec<Article> {
            range
                .flat_map(|index| {
                    let text = corpus.article(index);
                    let source = crate::store::SourceRef::File(format!("{index}.txt").into());
                    crate::store::load::parse_plain_text(source, text.as_bytes()).articles
                })
                .collect()
        };
        let lexicon = Lexicon::built_in().expect("built-in lexicon");
        let fingerprint = Matcher::new(&lexicon).fingerprint();
        let mut first = Catalog::with_detail(lexicon.clone(), Detail::Counts);
        first.use_cache(ActorCache::new(fingerprint));
        assert_eq!(first.add(articles(0..100)), 100);
        let mut cache = first.take_cache().expect("the cache given");
        assert_eq!((cache.len(), cache.added()), (100, 100));

        // Article 0's entry says it names only Putin, twice: the cache is believed.
        let putin = lexicon.index_of("vladimir-putin").expect("putin");
        let article_0 = &first.store().articles()[0];
        let key = ActorCache::key(&matched_texts(article_0));
        let mut planted = ActorCache::new(fingerprint);
        planted.record(
            key,
            &ArticleActors::from_ranked([(ActorRef::Known(putin), 2)]),
        );
        let mut second = Catalog::with_detail(lexicon.clone(), Detail::Counts);
        second.use_cache(planted);
        second.add(articles(0..1));
        let putin_key = ActorKey::Lexicon(putin.get() as u32);
        assert_eq!(second.ranked_actors(0), &[(putin_key, 2)]);

        // The same articles and 50 more through the first run's cache: the same actors.
        let mut third = Catalog::with_detail(lexicon.clone(), Detail::Counts);
        cache = ActorCache::from_bytes_for_test(&cache.to_bytes(&lexicon), fingerprint, &lexicon);
        third.use_cache(cache);
        assert_eq!(third.add(articles(0..150)), 150);
        assert_eq!(third.take_cache().expect("given").added(), 50);
        let mut uncached = Catalog::with_detail(lexicon, Detail::Counts);
        uncached.add(articles(0..150));
        for index in 0..150 {
            let names = |catalog: &Catalog| -> Vec<(String, u32)> {
                let ranked = catalog.ranked_actors(index);
                ranked
                    .iter()
                    .map(|&(key, count)| (catalog.actor_id(key), count))
                    .collect()
            };
            assert_eq!(names(&third), names(&uncached), "article {index}");
        }
    }

    #[test]
    fn language_codes_decide_direction() {
        for code in [
            "ar", "ar-EG", "fa", "ur", "he", "ps", "sd", "ug", "yi", "dv", "ckb", "ps_AF",
        ] {
            assert_eq!(language_direction(code), Direction::Rtl, "{code}");
        }
        for code in ["en", "fr-CA", "", "tr"] {
            assert_eq!(language_direction(code), Direction::Ltr, "{code}");
        }
    }
}
