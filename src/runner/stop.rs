//! Signals that ask the reader to stop: SIGTERM (`kill`, a shutdown), SIGHUP (the terminal
//! window closed) and SIGINT (`kill -INT`; in raw mode Ctrl-C is a key). Without this their
//! default action ends the process on the spot: the terminal stays in raw mode, on the
//! alternate screen and reporting the mouse, and the reading state not yet saved is lost.
//!
//! Instead the reader quits as if `q` were pressed: the terminal is restored and the pending
//! state saved. Then the process ends by the same signal, as whoever sent it expects.
//!
//! A thread of its own waits for the signals. After a hangup the UI thread may never come
//! back: crossterm's wait for input spins on a terminal that is gone (its read loop only
//! leaves on data or "would block"). So the thread gives the UI [`GRACE`] to finish, and
//! then ends the process itself; meanwhile the state writer saves what it holds (it waits at
//! most 400 ms of quiet).

use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// How long the UI thread has to quit after a stop signal before the process is ended.
#[cfg(unix)]
const GRACE: Duration = Duration::from_secs(3);

/// Set once the runner has finished (terminal restored, state saved).
#[derive(Default)]
struct Finished {
    done: Mutex<bool>,
    changed: Condvar,
}

/// The stop signals, caught while this lives.
pub struct StopSignals {
    received: Arc<AtomicI32>,
    finished: Arc<Finished>,
    #[cfg(unix)]
    handle: signal_hook::iterator::Handle,
    #[cfg(unix)]
    watcher: Option<std::thread::JoinHandle<()>>,
}

#[cfg(unix)]
impl StopSignals {
    const SIGNALS: [i32; 3] = [libc::SIGTERM, libc::SIGHUP, libc::SIGINT];

    /// Catches the stop signals from now on.
    pub fn catch() -> std::io::Result<StopSignals> {
        let received = Arc::new(AtomicI32::new(0));
        let finished = Arc::new(Finished::default());
        let mut signals = signal_hook::iterator::Signals::new(Self::SIGNALS)?;
        let handle = signals.handle();
        let watcher = {
            let (received, finished) = (Arc::clone(&received), Arc::clone(&finished));
            std::thread::Builder::new()
                .name("sahifa-signals".to_string())
                .spawn(move || {
                    // Ends without a signal when `finish` closes the handle.
                    let Some(signal) = signals.forever().next() else {
                        return;
                    };
                    received.store(signal, Ordering::SeqCst);
                    // Wakes the event loop out of its wait for input, which also listens
                    // for SIGWINCH (crossterm's resize events); the loop then sees the flag.
                    let _ = signal_hook::low_level::raise(libc::SIGWINCH);
                    let done = finished
                        .done
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner);
                    let (done, waited) = finished
                        .changed
                        .wait_timeout_while(done, GRACE, |done| !*done)
                        .unwrap_or_else(std::sync::PoisonError::into_inner);
                    drop(done);
                    if waited.timed_out() {
                        let _ = signal_hook::low_level::emulate_default_handler(signal);
                    }
                })?
        };
        Ok(StopSignals {
            received,
            finished,
            handle,
            watcher: Some(watcher),
        })
    }

    /// The stop signal received, if one was.
    pub fn received(&self) -> Option<i32> {
        match self.received.load(Ordering::SeqCst) {
            0 => None,
            signal => Some(signal),
        }
    }

    /// Stops catching; if a stop signal came, ends the process by it (its default action),
    /// so call this last, once the terminal is restored and the state saved.
    pub fn finish(mut self) {
        {
            let mut done = self
                .finished
                .done
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            *done = true;
            self.finished.changed.notify_all();
        }
        self.handle.close();
        if let Some(watcher) = self.watcher.take() {
            let _ = watcher.join();
        }
        if let Some(signal) = self.received() {
            // Only fails for a signal that may not be emulated, which none of ours is.
            let _ = signal_hook::low_level::emulate_default_handler(signal);
        }
    }
}

/// Elsewhere the process ends as the system decides.
#[cfg(not(unix))]
impl StopSignals {
    pub fn catch() -> std::io::Result<StopSignals> {
        Ok(StopSignals {
            received: Arc::new(AtomicI32::new(0)),
            finished: Arc::new(Finished::default()),
        })
    }

    pub fn received(&self) -> Option<i32> {
        None
    }

    pub fn finish(self) {}
}
