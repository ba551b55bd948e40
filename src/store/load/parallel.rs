//! Loading on several threads, delivered in order.
//!
//! Owns: the worker pool (std scoped threads pulling the next input from a shared counter),
//! the reordering of their results into input order, and the batching of events for the UI.
//! Imports std and the rest of the store.

use std::collections::BTreeMap;
use std::io;
use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use super::super::Store;
use super::super::article::Article;
use super::load_event::{LoadEvent, LoadSummary};
use super::load_item;
use super::load_warning::LoadWarning;
use super::loaded::Loaded;
use super::source::Source;
use super::walk::{Walk, WorkItem};

/// A batch is sent when it has this many articles…
const BATCH_ARTICLES: usize = 512;
/// …or when this long has passed since the last one (and at once for the first article, so
/// the reader has something to show as early as possible).
const BATCH_INTERVAL: Duration = Duration::from_millis(40);

/// Loads `sources` on `workers` threads (0: one per core), sending [`LoadEvent`]s to
/// `events` as it goes, and returns the totals (also sent as the last event,
/// [`LoadEvent::Done`]). Blocks until done: run it on a thread of its own (see
/// [`spawn_load`]) to keep a UI responsive.
///
/// No sources means the built-in seeds. Articles arrive in source order, and within a folder
/// in path order, whichever worker finishes first. If the receiver is dropped, loading stops
/// after the files in progress.
pub fn load_sources_parallel(
    sources: &[Source],
    workers: usize,
    events: Sender<LoadEvent>,
) -> LoadSummary {
    let started = Instant::now();
    let seeds = [Source::Seeds];
    let sources = if sources.is_empty() {
        &seeds[..]
    } else {
        sources
    };
    let walk = Walk::sources(sources);
    let mut out = Emitter::new(events, walk.items.len());
    for warning in walk.warnings {
        out.warning(warning);
    }
    out.flush();

    let workers = match workers {
        0 => thread::available_parallelism().map_or(1, NonZeroUsize::get),
        n => n,
    }
    .min(walk.items.len());
    let items = &walk.items;
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    thread::scope(|scope| {
        let (results, arrivals) = mpsc::channel::<(usize, Loaded)>();
        let mut spawned = 0;
        for n in 0..workers {
            let results = results.clone();
            let (next, stop) = (&next, &stop);
            let worker = thread::Builder::new()
                .name(format!("sahifa-load-{n}"))
                .spawn_scoped(scope, move || work(items, next, stop, &results));
            spawned += usize::from(worker.is_ok());
        }
        drop(results);
        if spawned == 0 {
            // No thread could be started: do the work here, in order.
            let mut buf = Vec::new();
            for item in items {
                out.item(load_item(item, &mut buf));
                if out.closed {
                    break;
                }
            }
            return;
        }
        // Results arrive in any order; pass them on in input order.
        let mut waiting: BTreeMap<usize, Loaded> = BTreeMap::new();
        let mut next_out = 0;
        for (index, loaded) in arrivals {
            waiting.insert(index, loaded);
            while let Some(loaded) = waiting.remove(&next_out) {
                out.item(loaded);
                next_out += 1;
            }
            if out.closed {
                stop.store(true, Ordering::Relaxed);
                break;
            }
        }
    });
    out.finish(started)
}

/// One worker: takes the next input until none is left (or told to stop).
fn work(
    items: &[WorkItem],
    next: &AtomicUsize,
    stop: &AtomicBool,
    results: &Sender<(usize, Loaded)>,
) {
    let mut buf = Vec::new();
    while !stop.load(Ordering::Relaxed) {
        let index = next.fetch_add(1, Ordering::Relaxed);
        let Some(item) = items.get(index) else { return };
        if results.send((index, load_item(item, &mut buf))).is_err() {
            return;
        }
    }
}

/// Starts [`load_sources_parallel`] on a thread of its own and returns the events' receiver
/// and the thread's handle. Fails only if the thread cannot be started.
pub fn spawn_load(
    sources: Vec<Source>,
    workers: usize,
) -> io::Result<(Receiver<LoadEvent>, JoinHandle<LoadSummary>)> {
    let (events, receiver) = mpsc::channel();
    let handle = thread::Builder::new()
        .name("sahifa-load".to_string())
        .spawn(move || load_sources_parallel(&sources, workers, events))?;
    Ok((receiver, handle))
}

/// Loads everything and waits: the articles in order without duplicates (the first copy of
/// an article wins), and every warning. For the non-interactive commands.
pub fn load_all(sources: &[Source]) -> (Vec<Article>, Vec<LoadWarning>) {
    let (events, receiver) = mpsc::channel();
    load_sources_parallel(sources, 0, events);
    let mut store = Store::new();
    let mut warnings = Vec::new();
    for event in receiver {
        match event {
            LoadEvent::Batch(articles) => {
                store.extend(articles);
            }
            LoadEvent::Warning(warning) => warnings.push(warning),
            LoadEvent::Progress { .. } | LoadEvent::Done(_) => {}
        }
    }
    (store.into_articles(), warnings)
}

/// Sends events, batching articles.
struct Emitter {
    events: Sender<LoadEvent>,
    batch: Vec<Article>,
    last_flush: Instant,
    total: usize,
    summary: LoadSummary,
    /// The receiver is gone.
    closed: bool,
}

impl Emitter {
    fn new(events: Sender<LoadEvent>, total: usize) -> Self {
        Emitter {
            events,
            batch: Vec::new(),
            last_flush: Instant::now(),
            total,
            summary: LoadSummary::default(),
            closed: false,
        }
    }

    fn send(&mut self, event: LoadEvent) {
        if !self.closed && self.events.send(event).is_err() {
            self.closed = true;
        }
    }

    fn warning(&mut self, warning: LoadWarning) {
        self.summary.warnings += 1;
        self.send(LoadEvent::Warning(warning));
    }

    /// The next input's results, in order.
    fn item(&mut self, loaded: Loaded) {
        self.summary.files += 1;
        self.summary.bytes += loaded.bytes;
        for warning in loaded.warnings {
            self.warning(warning);
        }
        let first = self.summary.articles == 0 && !loaded.articles.is_empty();
        self.summary.articles += loaded.articles.len();
        self.batch.extend(loaded.articles);
        if first
            || self.batch.len() >= BATCH_ARTICLES
            || self.last_flush.elapsed() >= BATCH_INTERVAL
        {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if !self.batch.is_empty() {
            let batch = std::mem::take(&mut self.batch);
            self.send(LoadEvent::Batch(batch));
        }
        let progress = LoadEvent::Progress {
            done: self.summary.files,
            total: self.total,
        };
        self.send(progress);
        self.last_flush = Instant::now();
    }

    fn finish(mut self, started: Instant) -> LoadSummary {
        self.flush();
        self.summary.cancelled = self.closed || self.summary.files < self.total;
        self.summary.elapsed = started.elapsed();
        let summary = self.summary;
        self.send(LoadEvent::Done(summary));
        summary
    }
}
