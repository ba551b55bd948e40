//! `StateWriter`: saves reading-state changes on a background thread, so that no key waits
//! for the disk. With nothing to save it looks now and then whether another process saved
//! the file, and reports the new state. Changes are gathered and saved together once none has come for a short
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

/// When the writer saves and looks for other processes' saves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriterTiming {
    /// Save once no change has come for this long…
    pub quiet: Duration,
    /// …or this long after the first unsaved change.
    pub max_wait: Duration,
    /// With nothing to save, look this often whether another process saved the file (and
    /// report its state when it did).
    pub poll: Duration,
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
        timing: WriterTiming,
    ) -> std::io::Result<(StateWriter, Receiver<SaveReport>)> {
        let (sender, changes) = mpsc::channel::<(u64, Vec<Change>)>();
        let (reports, receiver) = mpsc::channel();
        let thread = thread::Builder::new()
            .name("sahifa-state".to_string())
            .spawn(move || {
                Writer {
                    seen: file.stamp(),
                    file,
                    reports,
                    pending: Vec::new(),
                    through: 0,
                    saved_through: 0,
                }
                .run(&changes, timing)
            })?;
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

/// The writer thread's state.
struct Writer {
    file: StateFile,
    reports: Sender<SaveReport>,
    pending: Vec<Change>,
    /// The last batch received.
    through: u64,
    /// The last batch saved.
    saved_through: u64,
    /// The file as this thread last wrote or read it.
    seen: Option<super::file::Stamp>,
}

impl Writer {
    fn run(
        mut self,
        changes: &Receiver<(u64, Vec<Change>)>,
        timing: WriterTiming,
    ) -> Option<String> {
        let mut since: Option<Instant> = None;
        let mut failing = false;
        loop {
            let wait = match since {
                None => timing.poll,
                // After a failed save, try again only every `max_wait`.
                Some(first) if failing => timing.max_wait.saturating_sub(first.elapsed()),
                Some(first) => timing
                    .quiet
                    .min(timing.max_wait.saturating_sub(first.elapsed())),
            };
            match changes.recv_timeout(wait) {
                Ok((seq, more)) => {
                    self.through = self.through.max(seq);
                    if !more.is_empty() {
                        since.get_or_insert_with(Instant::now);
                        self.pending.extend(more);
                    }
                }
                Err(RecvTimeoutError::Timeout) if since.is_none() => self.look_for_others(),
                Err(RecvTimeoutError::Timeout) => {
                    failing = self.save().is_some();
                    since = (!self.pending.is_empty()).then(Instant::now);
                }
                Err(RecvTimeoutError::Disconnected) => {
                    if self.pending.is_empty() {
                        return None;
                    }
                    return self.save();
                }
            }
        }
    }

    /// Reports the file's state when another process has saved it since this thread last
    /// saw it (nothing is pending here: it holds every batch saved so far).
    fn look_for_others(&mut self) {
        let stamp = self.file.stamp();
        if stamp == self.seen {
            return;
        }
        self.seen = stamp;
        let report = match self.file.load() {
            Ok(loaded) => SaveReport {
                changes: 0,
                articles: loaded.state.len(),
                notice: loaded.notice,
                failed: false,
                saved: Some((loaded.state, self.saved_through)),
            },
            Err(error) => SaveReport {
                changes: 0,
                articles: 0,
                notice: Some(format!(
                    "could not read the reading state {}: {error}",
                    self.file.path().display()
                )),
                failed: true,
                saved: None,
            },
        };
        let _ = self.reports.send(report);
    }

    /// Saves what is pending (emptying it on success) and reports; the failure message on
    /// failure.
    fn save(&mut self) -> Option<String> {
        let (report, failure) = match self.file.commit(&self.pending) {
            Ok(loaded) => {
                self.saved_through = self.through;
                self.seen = self.file.stamp();
                (
                    SaveReport {
                        changes: self.pending.len(),
                        articles: loaded.state.len(),
                        notice: loaded.notice,
                        failed: false,
                        saved: Some((loaded.state, self.through)),
                    },
                    None,
                )
            }
            Err(error) => {
                let message = format!(
                    "could not save the reading state in {}: {error}",
                    self.file.path().display()
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
            self.pending.clear();
        }
        let _ = self.reports.send(report);
        failure
    }
}
