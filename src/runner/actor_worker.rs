//! The actor worker: a thread that loads the lexicon, builds the matcher, and then finds the
//! actors of the articles it is sent on every core, answering as [`Action`]s (in the order
//! they are found, which may differ from the order sent). With an actor cache file, jobs
//! that need no mention places are answered from it when it has the article, what is found
//! is recorded in it, and it is saved once the worker has been idle for a moment, and when
//! the reader quits.

use std::io;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use crate::actor_cache::ActorCache;
use crate::actors::{Lexicon, Matcher};
use crate::app::{Action, ActorJob};

/// How long the worker waits without a job before saving what it added to the cache.
const SAVE_WHEN_IDLE_FOR: Duration = Duration::from_secs(2);

/// The running worker: send it jobs, receive its answers.
pub struct ActorWorker {
    jobs: Sender<ActorJob>,
    answers: Receiver<Action>,
    /// Set by [`ActorWorker::finish`]: the finders take no more jobs.
    stop: Arc<AtomicBool>,
    /// Ends with how the last save went, if it failed.
    thread: JoinHandle<Option<String>>,
}

impl ActorWorker {
    /// Starts the worker (one finder per core once the matcher is built). The lexicon is
    /// the built-in one with the user's own file merged over it; if the user's file is
    /// broken, the built-in one alone (with a warning). `cache` is the actor cache file, if
    /// one is kept.
    pub fn spawn(cache: Option<PathBuf>) -> io::Result<ActorWorker> {
        let (jobs, job_inbox) = mpsc::channel::<ActorJob>();
        let (answer, answers) = mpsc::channel::<Action>();
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let thread = thread::Builder::new()
            .name("sahifa-actors".to_string())
            .spawn(move || work(job_inbox, &answer, cache, &stopped))?;
        Ok(ActorWorker {
            jobs,
            answers,
            stop,
            thread,
        })
    }

    /// Stops the worker once each finder is done with its current article, and saves what
    /// this run added to the cache (a pass over many articles is never idle long enough to
    /// be saved before it ends). Returns how saving went, if it failed.
    pub fn finish(self) -> Option<String> {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes finders waiting for a job.
        drop(self.jobs);
        self.thread.join().unwrap_or_else(|_| {
            Some("the actor worker panicked; the actor cache was not saved".to_string())
        })
    }

    /// Queues articles. If the worker has stopped, they are dropped (it said why).
    pub fn send(&self, jobs: Vec<ActorJob>) {
        for job in jobs {
            // A send fails only when the worker has exited, after reporting its reason.
            if self.jobs.send(job).is_err() {
                return;
            }
        }
    }

    /// An answer, if one is ready. `Disconnected` once the worker is gone (it stops only
    /// after saying why, or by panicking).
    pub fn try_recv(&self) -> Result<Action, TryRecvError> {
        self.answers.try_recv()
    }
}

/// The actor cache as the finders share it.
struct SharedCache {
    path: PathBuf,
    cache: ActorCache,
    /// [`ActorCache::added`] when it was last saved.
    saved: usize,
}

/// Loads the lexicon and the cache, answers jobs until stopped, and saves the cache; returns
/// that last save's failure.
fn work(
    jobs: Receiver<ActorJob>,
    answers: &Sender<Action>,
    cache_path: Option<PathBuf>,
    stop: &AtomicBool,
) -> Option<String> {
    let lexicon = match Lexicon::load_default() {
        Ok(lexicon) => lexicon,
        Err(error) => {
            let _ = answers.send(Action::Notice(format!(
                "{error}; using the built-in actors only"
            )));
            match Lexicon::built_in() {
                Ok(lexicon) => lexicon,
                Err(error) => {
                    let _ = answers.send(Action::ActorsUnavailable(format!(
                        "actors are not available: {error}"
                    )));
                    return None;
                }
            }
        }
    };
    let matcher = Matcher::new(&lexicon);
    let cache = cache_path.map(|path| {
        let (cache, warning) = ActorCache::load(&path, &matcher, &lexicon);
        if let Some(warning) = warning {
            let _ = answers.send(Action::Notice(warning));
        }
        Mutex::new(SharedCache {
            path,
            cache,
            saved: 0,
        })
    });
    let lexicon = Arc::new(lexicon);
    if answers
        .send(Action::LexiconReady(Arc::clone(&lexicon)))
        .is_err()
    {
        return None;
    }
    let finder = Finder {
        matcher: &matcher,
        lexicon: &lexicon,
        cache: cache.as_ref(),
        stop,
    };
    // One finder per core, taking jobs one at a time from the shared inbox.
    let finders = thread::available_parallelism().map_or(1, |n| n.get());
    let inbox = Mutex::new(jobs);
    thread::scope(|scope| {
        for _ in 1..finders {
            let answers = answers.clone();
            let (inbox, finder) = (&inbox, &finder);
            let _ = thread::Builder::new()
                .name("sahifa-actors".to_string())
                .spawn_scoped(scope, move || finder.run(inbox, &answers));
        }
        finder.run(&inbox, answers);
    });
    finder.save_cache()
}

/// What each finder thread works with.
struct Finder<'a> {
    matcher: &'a Matcher,
    lexicon: &'a Lexicon,
    cache: Option<&'a Mutex<SharedCache>>,
    stop: &'a AtomicBool,
}

impl Finder<'_> {
    /// Finds the actors of jobs from `inbox` until it closes, nobody listens or the worker
    /// is stopped; saves the cache when no job came for [`SAVE_WHEN_IDLE_FOR`].
    fn run(&self, inbox: &Mutex<Receiver<ActorJob>>, answers: &Sender<Action>) {
        while !self.stop.load(Ordering::SeqCst) {
            let job = match inbox.lock() {
                Ok(inbox) => match inbox.recv_timeout(SAVE_WHEN_IDLE_FOR) {
                    Ok(job) => job,
                    Err(RecvTimeoutError::Timeout) => {
                        drop(inbox);
                        if let Some(failure) = self.save_cache() {
                            let _ = answers.send(Action::Notice(failure));
                        }
                        continue;
                    }
                    Err(RecvTimeoutError::Disconnected) => return,
                },
                Err(_) => return, // another finder panicked
            };
            if answers.send(self.answer(&job)).is_err() {
                return;
            }
        }
    }

    /// The answer to `job`: from the cache when it has the article and no places are
    /// needed, else from the matcher (and then recorded in the cache).
    fn answer(&self, job: &ActorJob) -> Action {
        let Some(cache) = self.cache else {
            return job.run(self.matcher);
        };
        let texts: Vec<&str> = job.paragraphs.iter().map(String::as_str).collect();
        let key = ActorCache::key(&texts);
        if !job.places {
            let mut shared = lock(cache);
            if let Some(actors) = shared.cache.get(key) {
                shared.cache.record(key, &actors);
                return Action::ActorsFound {
                    article: job.article,
                    actors,
                };
            }
        }
        let actors = self.matcher.find(&texts);
        lock(cache).cache.record(key, &actors);
        Action::ActorsFound {
            article: job.article,
            actors,
        }
    }

    /// Saves the cache if this run added to it since it was last saved; returns what went
    /// wrong, if it failed.
    fn save_cache(&self) -> Option<String> {
        let mut shared = lock(self.cache?);
        if shared.cache.added() == shared.saved {
            return None;
        }
        shared.saved = shared.cache.added();
        let error = shared.cache.save(&shared.path, self.lexicon).err()?;
        Some(format!(
            "cannot save the actor cache {}: {error}",
            shared.path.display()
        ))
    }
}

/// The cache, even if a finder panicked while holding it (it holds no half-made entry: an
/// entry is inserted whole).
fn lock(cache: &Mutex<SharedCache>) -> MutexGuard<'_, SharedCache> {
    cache
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::{ActorRef, ArticleActors};

    fn job(places: bool) -> ActorJob {
        ActorJob {
            article: 7,
            paragraphs: vec![
                "بوتين في إسطنبول".to_string(),
                "قال الرئيس الروسي فلاديمير بوتين إن روسيا مستعدة.".to_string(),
            ],
            places,
        }
    }

    fn found(action: Action) -> ArticleActors {
        match action {
            Action::ActorsFound { article: 7, actors } => actors,
            other => panic!("not an answer for article 7: {other:?}"),
        }
    }

    #[test]
    fn the_cache_answers_jobs_that_need_no_places_and_learns_from_the_others() {
        let lexicon = Lexicon::built_in().expect("built-in lexicon");
        let matcher = Matcher::new(&lexicon);
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("actors.bin");
        let cache = Mutex::new(SharedCache {
            path: path.clone(),
            cache: ActorCache::new(matcher.fingerprint()),
            saved: 0,
        });
        let finder = Finder {
            matcher: &matcher,
            lexicon: &lexicon,
            cache: Some(&cache),
            stop: &AtomicBool::new(false),
        };
        let full = found(finder.answer(&job(false)));
        assert!(full.confirmed_mentions().count() > 0, "{full:?}");
        assert_eq!(lock(&cache).cache.added(), 1);
        // Now cached: counts without places, unless places are asked for.
        let counted = found(finder.answer(&job(false)));
        assert_eq!(counted, full.clone().without_mentions());
        assert_eq!(found(finder.answer(&job(true))), full);

        assert_eq!(finder.save_cache(), None);
        let (saved, warning) = ActorCache::load(&path, &matcher, &lexicon);
        assert_eq!((saved.len(), warning), (1, None));
        let putin = ActorRef::Known(lexicon.index_of("vladimir-putin").expect("putin"));
        let key = ActorCache::key(&[&job(false).paragraphs[0], &job(false).paragraphs[1]]);
        let cached = saved.get(key).expect("the article is cached");
        assert!(cached.confirmed.iter().any(|group| group.actor == putin));
    }

    /// Quitting saves what the run found at once, without the idle wait.
    #[test]
    fn finishing_saves_the_cache() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("actors.bin");
        let worker = ActorWorker::spawn(Some(path.clone())).expect("worker");
        worker.send(vec![job(false)]);
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        loop {
            match worker.try_recv() {
                Ok(Action::ActorsFound { .. }) => break,
                Ok(_) | Err(TryRecvError::Empty) => {
                    assert!(std::time::Instant::now() < deadline, "no answer");
                    thread::sleep(Duration::from_millis(5));
                }
                Err(TryRecvError::Disconnected) => panic!("the worker stopped"),
            }
        }
        assert!(
            !path.exists(),
            "not saved yet: the worker was not idle for 2 s"
        );
        assert_eq!(worker.finish(), None);
        let lexicon = Lexicon::load_default().expect("lexicon");
        let (saved, warning) = ActorCache::load(&path, &Matcher::new(&lexicon), &lexicon);
        assert_eq!((saved.len(), warning), (1, None));
    }
}
