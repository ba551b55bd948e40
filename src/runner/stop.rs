//! Signals that ask the reader to stop: SIGTERM (`kill`, a shutdown), SIGHUP (the terminal
//! window closed) and SIGINT (`kill -INT`; in raw mode Ctrl-C is a key). Without this their
//! default action ends the process on the spot: the terminal stays in raw mode, on the
//! alternate screen and reporting the mouse, and the reading state not yet saved is lost.
//!
//! Instead the reader quits as if `q` were pressed: the terminal is restored and the pending
//! state saved. Then the process ends by the same signal, as whoever sent it expects.

use std::sync::Arc;
use std::sync::atomic::{AtomicI32, Ordering};

/// The stop signals, caught while this lives.
pub struct StopSignals {
    received: Arc<AtomicI32>,
    #[cfg(unix)]
    ids: Vec<signal_hook::SigId>,
}

#[cfg(unix)]
impl StopSignals {
    const SIGNALS: [i32; 3] = [libc::SIGTERM, libc::SIGHUP, libc::SIGINT];

    /// Catches the stop signals from now on.
    pub fn catch() -> std::io::Result<StopSignals> {
        let received = Arc::new(AtomicI32::new(0));
        let mut ids = Vec::new();
        for signal in Self::SIGNALS {
            let flag = Arc::clone(&received);
            let action = move || {
                flag.store(signal, Ordering::SeqCst);
                // Wakes the event loop out of its wait for input, which also listens for
                // SIGWINCH (crossterm's resize events); the loop then sees the flag.
                let _ = signal_hook::low_level::raise(libc::SIGWINCH);
            };
            // SAFETY: the action is async-signal-safe: an atomic store and raise(3), with no
            // allocation and no lock.
            ids.push(unsafe { signal_hook::low_level::register(signal, action) }?);
        }
        Ok(StopSignals { received, ids })
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
    pub fn finish(self) {
        let received = self.received();
        for id in self.ids {
            signal_hook::low_level::unregister(id);
        }
        if let Some(signal) = received {
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
        })
    }

    pub fn received(&self) -> Option<i32> {
        None
    }

    pub fn finish(self) {}
}
