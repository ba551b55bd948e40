//! Loading on several threads, delivered in order.
//!
//! Owns: the pipeline. A walker thread finds inputs and hands them out in small numbered
//! chunks; worker threads (std scoped threads sharing one job queue) read and parse them; the
//! calling thread puts results back in input order, interleaves the walk's warnings at the
//! point where they were met, and batches events for the UI. Imports std and the rest of the
//! store.

use std::collections::{BTreeMap, VecDeque};
use std::io;
use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Mutex, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use super::super::Store;
use super::super::article::Article;
use super::http::FetchOptions;
use super::load_event::{LoadEvent, LoadSummary};
use super::load_item;
use super::load_warning::LoadWarning;
use super::loaded::Loaded;
use super::seeds::SEEDS;
use super::source::Source;
use super::source_kind::SourceKind;
use super::walk::{Found, Walk, WorkItem};

/// A batch is sent when it has this many articles…
const BATCH_ARTICLES: usize = 512;
/// …or when this long has passed since the last one (and at once for the first article, so
/// the reader has something to show as early as possible).
const BATCH_INTERVAL: Duration = Duration::from_millis(40);
/// A job holds at most this many inputs (fewer at the start, so the first article comes
/// quickly)…
const JOB_ITEMS: usize = 16;
/// …and at most about this many bytes, so a few big files still spread over the workers.
const JOB_BYTES: u64 = 512 * 1024;

/// With URLs to fetch (given, or maybe in an OPML list), at least this many workers.
const NETWORK_WORKERS: usize = 8;

/// True when loading `source` will likely fetch URLs: a URL, or an OPML list named by the
/// user (lists found inside folders load on the usual workers).
fn may_fetch(source: &Source) -> bool {
    match source {
        Source::Url(_) => true,
        Source::Path(path) => SourceKind::from_path(path) == Some(SourceKind::Opml),
        Source::Seeds | Source::Stdin => false,
    }
}

/// Numbered inputs for one worker to read, in order.
type Job = Vec<(usize, WorkItem)>;

/// What the walker and the workers tell the ordering thread.
enum Message {
    /// Inputs read, with their numbers.
    Loaded(Vec<(usize, Loaded)>),
    /// A problem the walk met just before input number `before` was found.
    WalkWarning { before: usize, warning: LoadWarning },
}

/// Loads `sources` on `workers` threads (0: one per core) plus a walker thread, fetching
/// URLs as `fetch` says, sending
/// [`LoadEvent`]s to `events` as it goes, and returns the totals (also sent as the last
/// event, [`LoadEvent::Done`]). Blocks until done: run it on a thread of its own (see
/// [`spawn_load`]) to keep a UI responsive.
///
/// No sources means the built-in seeds. Articles and warnings arrive in source order, and
/// within a folder in path order, whichever worker finishes first. Folders are read while
/// they are still being walked, so `Progress::total` counts the files found so far. If the
/// receiver is dropped, loading stops after the files in progress.
pub fn load_sources_parallel(
    sources: &[Source],
    workers: usize,
    fetch: &FetchOptions,
    events: Sender<LoadEvent>,
) -> LoadSummary {
    let started = Instant::now();
    let seeds = [Source::Seeds];
    let sources = if sources.is_empty() {
        &seeds[..]
    } else {
        sources
    };
    let workers = match workers {
        0 => {
            let cores = thread::available_parallelism().map_or(1, NonZeroUsize::get);
            // Fetching feeds waits on the network, not the CPU.
            if sources.iter().any(may_fetch) {
                cores.max(NETWORK_WORKERS)
            } else {
                cores
            }
        }
        n => n,
    };
    let found = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let mut out = Emitter::new(events, &found);
    let (messages, inbox) = mpsc::channel::<Message>();
    let (jobs, queue) = mpsc::channel::<Job>();
    let queue = Mutex::new(queue);

    thread::scope(|scope| {
        let (queue, stop_ref, found_ref) = (&queue, &stop, &found);

        let mut spawned = 0;
        for n in 0..workers {
            let messages = messages.clone();
            let worker = thread::Builder::new()
                .name(format!("sahifa-load-{n}"))
                .spawn_scoped(scope, move || work(queue, stop_ref, fetch, &messages));
            spawned += usize::from(worker.is_ok());
        }
        let walker = {
            let (jobs, messages) = (jobs.clone(), messages.clone());
            thread::Builder::new()
                .name("sahifa-walk".to_string())
                .spawn_scoped(scope, move || {
                    walk(sources, &jobs, &messages, stop_ref, found_ref);
                })
        };
        // Without threads, do each part here, one after the other (the channels buffer).
        if walker.is_err() {
            walk(sources, &jobs, &messages, stop_ref, found_ref);
        }
        drop(jobs);
        if spawned == 0 {
            work(queue, stop_ref, fetch, &messages);
        }
        drop(messages);
        deliver_in_order(inbox, &mut out, stop_ref);
    });
    out.finish(started)
}

/// The walker: numbers the inputs in walk order and hands them out in jobs.
fn walk(
    sources: &[Source],
    jobs: &Sender<Job>,
    messages: &Sender<Message>,
    stop: &AtomicBool,
    found: &AtomicUsize,
) {
    let mut next = 0usize;
    let mut job: Job = Vec::new();
    let mut job_bytes = 0u64;
    let mut jobs_sent = 0usize;
    Walk::run(sources, |finding| {
        if stop.load(Ordering::Relaxed) {
            return false;
        }
        match finding {
            Found::Item(item) => {
                job_bytes += expected_bytes(&item);
                job.push((next, item));
                next += 1;
                found.store(next, Ordering::Relaxed);
                // Jobs grow from one input to JOB_ITEMS: the first article comes at once.
                if job.len() > jobs_sent.min(JOB_ITEMS - 1) || job_bytes >= JOB_BYTES {
                    jobs_sent += 1;
                    job_bytes = 0;
                    return jobs.send(std::mem::take(&mut job)).is_ok();
                }
                true
            }
            Found::Warning(warning) => messages
                .send(Message::WalkWarning {
                    before: next,
                    warning,
                })
                .is_ok(),
        }
    });
    if !job.is_empty() {
        // A send error means loading was stopped: nothing is waiting for this job.
        let _ = jobs.send(job);
    }
}

/// About how many bytes reading `item` takes, for sizing jobs.
fn expected_bytes(item: &WorkItem) -> u64 {
    match item {
        WorkItem::Seed(n) => SEEDS.get(*n).map_or(0, |(_, bytes)| bytes.len() as u64),
        WorkItem::Stdin => JOB_BYTES,
        WorkItem::File { size, .. } => size.unwrap_or(JOB_BYTES),
        // A job of its own each, so fetches spread over the workers.
        WorkItem::Url(_) => JOB_BYTES,
    }
}

/// One worker: reads jobs until there are none left (or told to stop).
fn work(
    queue: &Mutex<Receiver<Job>>,
    stop: &AtomicBool,
    fetch: &FetchOptions,
    messages: &Sender<Message>,
) {
    let mut buf = Vec::new();
    while !stop.load(Ordering::Relaxed) {
        let job = queue.lock().unwrap_or_else(PoisonError::into_inner).recv();
        let Ok(job) = job else { return };
        let done = job
            .into_iter()
            .map(|(n, item)| (n, load_item(item, &mut buf, fetch)))
            .collect();
        if messages.send(Message::Loaded(done)).is_err() {
            return;
        }
    }
}

/// Passes results on in input order, with each walk warning just before the input found
/// after it.
fn deliver_in_order(inbox: Receiver<Message>, out: &mut Emitter<'_>, stop: &AtomicBool) {
    let mut waiting: BTreeMap<usize, Loaded> = BTreeMap::new();
    let mut warnings: VecDeque<(usize, LoadWarning)> = VecDeque::new();
    let mut next_out = 0;
    for message in inbox {
        match message {
            Message::Loaded(done) => waiting.extend(done),
            Message::WalkWarning { before, warning } => warnings.push_back((before, warning)),
        }
        loop {
            while warnings
                .front()
                .is_some_and(|(before, _)| *before <= next_out)
            {
                if let Some((_, warning)) = warnings.pop_front() {
                    out.warning(warning);
                }
            }
            let Some(loaded) = waiting.remove(&next_out) else {
                break;
            };
            out.item(loaded);
            next_out += 1;
            // Nobody listens: stop now, not after whatever else has already arrived (how
            // much that is depends on how fast the workers were).
            if out.closed {
                break;
            }
        }
        if out.closed {
            stop.store(true, Ordering::Relaxed);
            return;
        }
    }
    // Warnings met after the last input.
    for (_, warning) in warnings {
        out.warning(warning);
    }
}

/// Starts [`load_sources_parallel`] on a thread of its own and returns the events' receiver
/// and the thread's handle. Fails only if the thread cannot be started.
pub fn spawn_load(
    sources: Vec<Source>,
    workers: usize,
    fetch: FetchOptions,
) -> io::Result<(Receiver<LoadEvent>, JoinHandle<LoadSummary>)> {
    let (events, receiver) = mpsc::channel();
    let handle = thread::Builder::new()
        .name("sahifa-load".to_string())
        .spawn(move || load_sources_parallel(&sources, workers, &fetch, events))?;
    Ok((receiver, handle))
}

/// Loads everything and waits: the articles in order without duplicates (the first copy of
/// an article wins), and every warning. URLs are fetched without a cache of feeds.
pub fn load_all(sources: &[Source]) -> (Vec<Article>, Vec<LoadWarning>) {
    load_all_with(sources, &FetchOptions::default())
}

/// [`load_all`], fetching URLs as `fetch` says. For the non-interactive commands.
pub fn load_all_with(sources: &[Source], fetch: &FetchOptions) -> (Vec<Article>, Vec<LoadWarning>) {
    let (events, receiver) = mpsc::channel();
    load_sources_parallel(sources, 0, fetch, events);
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
struct Emitter<'a> {
    events: Sender<LoadEvent>,
    batch: Vec<Article>,
    last_flush: Instant,
    /// Inputs found by the walk so far.
    found: &'a AtomicUsize,
    summary: LoadSummary,
    /// The receiver is gone.
    closed: bool,
}

impl<'a> Emitter<'a> {
    fn new(events: Sender<LoadEvent>, found: &'a AtomicUsize) -> Self {
        Emitter {
            events,
            batch: Vec::new(),
            last_flush: Instant::now(),
            found,
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
            total: self.found.load(Ordering::Relaxed).max(self.summary.files),
        };
        self.send(progress);
        self.last_flush = Instant::now();
    }

    fn finish(mut self, started: Instant) -> LoadSummary {
        self.flush();
        self.summary.cancelled =
            self.closed || self.summary.files < self.found.load(Ordering::Relaxed);
        self.summary.elapsed = started.elapsed();
        let summary = self.summary;
        self.send(LoadEvent::Done(summary));
        summary
    }
}
