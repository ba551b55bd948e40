//! The actor worker: a thread that loads the lexicon, builds the matcher, and then finds the
//! actors of the articles it is sent on every core, answering as [`Action`]s (in the order
//! they are found, which may differ from the order sent).

use std::io;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::sync::{Arc, Mutex};
use std::thread;

use crate::actors::{Lexicon, Matcher};
use crate::app::{Action, ActorJob};

/// The running worker: send it jobs, receive its answers.
pub struct ActorWorker {
    jobs: Sender<ActorJob>,
    answers: Receiver<Action>,
}

impl ActorWorker {
    /// Starts the worker (one finder per core once the matcher is built). The lexicon is
    /// the built-in one with the user's own file merged over it; if the user's file is
    /// broken, the built-in one alone (with a warning).
    pub fn spawn() -> io::Result<ActorWorker> {
        let (jobs, job_inbox) = mpsc::channel::<ActorJob>();
        let (answer, answers) = mpsc::channel::<Action>();
        thread::Builder::new()
            .name("sahifa-actors".to_string())
            .spawn(move || work(job_inbox, &answer))?;
        Ok(ActorWorker { jobs, answers })
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

fn work(jobs: Receiver<ActorJob>, answers: &Sender<Action>) {
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
                    return;
                }
            }
        }
    };
    let matcher = Matcher::new(&lexicon);
    if answers
        .send(Action::LexiconReady(Arc::new(lexicon)))
        .is_err()
    {
        return;
    }
    // One finder per core, taking jobs one at a time from the shared inbox.
    let finders = thread::available_parallelism().map_or(1, |n| n.get());
    let inbox = Mutex::new(jobs);
    thread::scope(|scope| {
        for _ in 1..finders {
            let answers = answers.clone();
            let (inbox, matcher) = (&inbox, &matcher);
            let _ = thread::Builder::new()
                .name("sahifa-actors".to_string())
                .spawn_scoped(scope, move || find(inbox, matcher, &answers));
        }
        find(&inbox, &matcher, answers);
    });
}

/// Finds the actors of jobs from `inbox` until it closes or nobody listens.
fn find(inbox: &Mutex<Receiver<ActorJob>>, matcher: &Matcher, answers: &Sender<Action>) {
    loop {
        let job = match inbox.lock() {
            Ok(inbox) => match inbox.recv() {
                Ok(job) => job,
                Err(_) => return,
            },
            Err(_) => return, // another finder panicked
        };
        if answers.send(job.run(matcher)).is_err() {
            return;
        }
    }
}
