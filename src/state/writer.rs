//! `StateWriter`: saves reading-state changes on a background thread, so that no key waits
//! for the disk. Changes are gathered and saved together once none has come for a short
//! while (`quiet`), and at the latest `max_wait` after the first unsaved one (so a long scroll
//! still gets saved); whatever is pending is saved when the writer is finished (on exit).
//!
//! Each batch of changes comes with a sequence number; a report after a save carries the
//! whole state now on disk (other processes' changes included) and the last sequence number
//! it contains, so that the reader can adopt it and re-apply only its newer changes.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use super::{Change, ReadingState, StateFile};

/// What one save did, for the runner to pass on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveReport {
    /// Changes saved.
    pub changes: usize,
    /// Articles with state in the file now.
    pub articles: usize,
    /// Something to tell the person (a file moved aside, a failed save).
    pub notice: Option<String>,
    /// The save failed; the changes are kept and tried again.
    pub failed: bool,
    /// After a save: the state now on disk, and the last batch it includes.
    pub saved: Option<(ReadingState, u64)>,
}

/// The background writer.
#[derive(Debug)]
pub struct StateWriter {
    sender: Option<Sender<(u64, Vec<Change>)>>,
    thread: Option<JoinHandle<Option<String>>>,
}

impl StateWriter {
    /// Starts the writer for `file`; each save's report comes back on the receiver.
    pub fn spawn(
        file: StateFile,
        quiet: Duration,
        max_wait: Duration,
    ) -> std::io::Result<(StateWriter, Receiver<SaveReport>)> {
        let (sender, changes) = mpsc::channel::<(u64, Vec<Change>)>();
        let (reports, receiver) = mpsc::channel();
        let thread = thread::Builder::new()
            .name("sahifa-state".to_string())
            .spawn(move || run(&file, &changes, &reports, quiet, max_wait))?;
        Ok((
            StateWriter {
                sender: Some(sender),
                thread: Some(thread),
            },
            receiver,
        ))
    }

    /// Queues batch `seq` of changes for saving (sequence numbers increase).
    pub fn send(&self, seq: u64, changes: Vec<Change>) {
        if let Some(sender) = &self.sender {
            // A writer that died has reported why; the reader goes on without saving.
            let _ = sender.send((seq, changes));
        }
    }

    /// Saves what is pending and stops the thread. `Some(message)` when the last save failed.
    pub fn finish(mut self) -> Option<String> {
        self.stop()
    }

    fn stop(&mut self) -> Option<String> {
        self.sender.take();
        let thread = self.thread.take()?;
        thread
            .join()
            .unwrap_or_else(|_| Some("the reading-state writer stopped unexpectedly".to_string()))
    }
}

impl Drop for StateWriter {
    fn drop(&mut self) {
        self.stop();
    }
}

fn run(
    file: &StateFile,
    changes: &Receiver<(u64, Vec<Change>)>,
    reports: &Sender<SaveReport>,
    quiet: Duration,
    max_wait: Duration,
) -> Option<String> {
    let mut pending: Vec<Change> = Vec::new();
    let mut through = 0;
    let mut since: Option<Instant> = None;
    let mut failing = false;
    loop {
        let received = match since {
            None => changes.recv().map_err(|_| RecvTimeoutError::Disconnected),
            // After a failed save, try again only every `max_wait`.
            Some(first) if failing => {
                changes.recv_timeout(max_wait.saturating_sub(first.elapsed()))
            }
            Some(first) => {
                let left = max_wait.saturating_sub(first.elapsed());
                changes.recv_timeout(quiet.min(left))
            }
        };
        match received {
            Ok((seq, more)) => {
                through = through.max(seq);
                if !more.is_empty() {
                    since.get_or_insert_with(Instant::now);
                    pending.extend(more);
                }
                continue;
            }
            Err(RecvTimeoutError::Timeout) => {
                failing = save(file, &mut pending, through, reports).is_some();
                since = (!pending.is_empty()).then(Instant::now);
            }
            Err(RecvTimeoutError::Disconnected) => {
                if pending.is_empty() {
                    return None;
                }
                return save(file, &mut pending, through, reports);
            }
        }
    }
}

/// Saves `pending` (emptying it on success) and reports; the failure message on failure.
fn save(
    file: &StateFile,
    pending: &mut Vec<Change>,
    through: u64,
    reports: &Sender<SaveReport>,
) -> Option<String> {
    let (report, failure) = match file.commit(pending) {
        Ok(loaded) => (
            SaveReport {
                changes: pending.len(),
                articles: loaded.state.len(),
                notice: loaded.notice,
                failed: false,
                saved: Some((loaded.state, through)),
            },
            None,
        ),
        Err(error) => {
            let message = format!(
                "could not save the reading state in {}: {error}",
                file.path().display()
            );
            (
                SaveReport {
                    changes: 0,
                    articles: 0,
                    notice: Some(message.clone()),
                    failed: true,
                    saved: None,
                },
                Some(message),
            )
        }
    };
    if failure.is_none() {
        pending.clear();
    }
    let _ = reports.send(report);
    failure
}
