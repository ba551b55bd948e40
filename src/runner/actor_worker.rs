//! The actor worker: a thread that loads the lexicon, builds the matcher, and finds the
//! actors of each article it is sent, answering as [`Action`]s.

use std::io;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread;

use crate::actors::{Lexicon, Matcher};
use crate::app::{Action, ActorJob};

/// The running worker: send it jobs, receive its answers.
pub struct ActorWorker {
    jobs: Sender<Vec<ActorJob>>,
    answers: Receiver<Action>,
}

impl ActorWorker {
    /// Starts the thread. The lexicon is the built-in one with the user's own file merged
    /// over it; if the user's file is broken, the built-in one alone (with a warning).
    pub fn spawn() -> io::Result<ActorWorker> {
        let (jobs, job_inbox) = mpsc::channel::<Vec<ActorJob>>();
        let (answer, answers) = mpsc::channel::<Action>();
        thread::Builder::new()
            .name("sahifa-actors".to_string())
            .spawn(move || work(&job_inbox, &answer))?;
        Ok(ActorWorker { jobs, answers })
    }

    /// Queues articles. If the worker has stopped, they are dropped (it said why).
    pub fn send(&self, jobs: Vec<ActorJob>) {
        // A send fails only when the worker has exited, after reporting its reason.
        let _ = self.jobs.send(jobs);
    }

    /// An answer, if one is ready. `Disconnected` once the worker is gone (it stops only
    /// after saying why, or by panicking).
    pub fn try_recv(&self) -> Result<Action, TryRecvError> {
        self.answers.try_recv()
    }
}

fn work(jobs: &Receiver<Vec<ActorJob>>, answers: &Sender<Action>) {
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
    let matcher = match Matcher::new(&lexicon) {
        Ok(matcher) => matcher,
        Err(error) => {
            let _ = answers.send(Action::ActorsUnavailable(format!(
                "actors are not available: {error}"
            )));
            return;
        }
    };
    if answers
        .send(Action::LexiconReady(Arc::new(lexicon)))
        .is_err()
    {
        return;
    }
    for batch in jobs {
        for job in batch {
            let paragraphs: Vec<&str> = job.paragraphs.iter().map(String::as_str).collect();
            let actors = matcher.find(&paragraphs);
            let found = Action::ActorsFound {
                article: job.article,
                actors,
            };
            if answers.send(found).is_err() {
                return;
            }
        }
    }
}
