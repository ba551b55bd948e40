//! `Effect`: what [`App::update`](super::App::update) asks the runner to do. The app never
//! performs I/O itself; it returns these as data.

use crate::actors::Matcher;
use crate::state::Change;

use super::{Action, App};

/// A side effect for the runner to carry out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Restore the terminal and exit.
    Quit,
    /// Restore the terminal, stop the process (SIGTSTP), and set the terminal up again when the
    /// shell resumes it.
    Suspend,
    /// Find the actors of these articles (on a worker thread); each answer comes back as
    /// [`Action::ActorsFound`](super::Action::ActorsFound).
    FindActors(Vec<ActorJob>),
    /// Save these reading-state changes (read, starred, positions), in order. Comes before
    /// any `Quit` of the same update, so that nothing is lost on the way out. `seq` grows by
    /// one per batch; [`Action::StateSynced`](super::Action::StateSynced) says up to which
    /// batch a saved state includes.
    SaveState {
        /// The batch's number.
        seq: u64,
        /// The changes.
        changes: Vec<Change>,
    },
    /// Open this web address (http or https, checked) in the browser.
    OpenLink(String),
    /// The queries searched this session so far, in the order last searched, for the
    /// search history file (saved when the reader ends).
    RememberSearches(Vec<String>),
}

/// One article to run the actor matcher on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorJob {
    /// Store index of the article.
    pub article: usize,
    /// The title, then the body paragraphs, in logical order.
    pub paragraphs: Vec<String>,
    /// The answer must say where each mention is (the open article, to highlight one
    /// actor's); otherwise actors and counts are enough, and a cache may give them.
    pub places: bool,
}

impl ActorJob {
    /// Runs the matcher on the article: the answer the app expects back.
    pub fn run(&self, matcher: &Matcher) -> Action {
        let paragraphs: Vec<&str> = self.paragraphs.iter().map(String::as_str).collect();
        Action::ActorsFound {
            article: self.article,
            actors: matcher.find(&paragraphs),
        }
    }
}

/// Does synchronously what the runner's actor worker does: runs every job of `effects`, and
/// of the effects its answers bring (the app hands jobs out a window at a time), until none
/// is left. Returns the other effects. For tests and benchmarks.
pub fn run_actor_jobs(app: &mut App, effects: Vec<Effect>, matcher: &Matcher) -> Vec<Effect> {
    let mut others = Vec::new();
    let mut pending = effects;
    while !pending.is_empty() {
        let mut next = Vec::new();
        for effect in pending {
            match effect {
                Effect::FindActors(jobs) => {
                    let answers: Vec<Action> = jobs.iter().map(|job| job.run(matcher)).collect();
                    next.extend(app.update_all(answers));
                }
                other => others.push(other),
            }
        }
        pending = next;
    }
    others
}
