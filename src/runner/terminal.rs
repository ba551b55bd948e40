//! The terminal's lifecycle: raw mode, the alternate screen, mouse reporting, bracketed paste
//! and the bidi
//! escape sequences (RTL.md §3), set on entry and undone on exit, on panic and on suspend.

use std::io::{self, Write};

use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, queue};

use super::quirks::KnownTerminal;

/// BDSM reset (explicit mode: the terminal does not reorder) and SCP 1 (left-to-right
/// paragraphs): our text is already in visual order.
pub const BIDI_EXPLICIT: &str = "\x1b[8l\x1b[1 k";
/// BDSM set (implicit mode) and SCP 0 (default paragraph direction): the shell's defaults.
pub const BIDI_IMPLICIT: &str = "\x1b[8h\x1b[0 k";

/// The bytes that set the screen up: alternate screen first, then the bidi modes.
pub fn entry_sequence(terminal: Option<KnownTerminal>) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    // Bracketed paste: a pasted text arrives as one event, not as keys (a pasted line break
    // would be Enter, and the letters after it commands: a `q` would quit).
    queue!(
        out,
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        cursor::Hide
    )?;
    out.extend_from_slice(BIDI_EXPLICIT.as_bytes());
    if let Some((switch_off, _)) = terminal.and_then(KnownTerminal::switch_sequences) {
        out.extend_from_slice(switch_off.as_bytes());
    }
    Ok(out)
}

/// The bytes that undo [`entry_sequence`]: the bidi modes first, then leave the alternate
/// screen.
pub fn exit_sequence(terminal: Option<KnownTerminal>) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    if let Some((_, switch_on)) = terminal.and_then(KnownTerminal::switch_sequences) {
        out.extend_from_slice(switch_on.as_bytes());
    }
    out.extend_from_slice(BIDI_IMPLICIT.as_bytes());
    queue!(
        out,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    )?;
    Ok(out)
}

/// Raw mode on, and the screen set up.
pub fn enter(terminal: Option<KnownTerminal>) -> io::Result<()> {
    enable_raw_mode()?;
    let mut stdout = io::stdout();
    stdout.write_all(&entry_sequence(terminal)?)?;
    stdout.flush()
}

/// The screen restored, and raw mode off. Tries every step even when one fails.
pub fn leave(terminal: Option<KnownTerminal>) -> io::Result<()> {
    let mut stdout = io::stdout();
    let written = exit_sequence(terminal)
        .and_then(|bytes| stdout.write_all(&bytes))
        .and_then(|()| stdout.flush());
    let raw = disable_raw_mode();
    written.and(raw)
}

/// Restores the terminal before the panic message is printed, so it is readable and the
/// shell is usable. Only for a panic on the calling (UI) thread: when a worker panics the UI
/// goes on, notices the worker is gone, and redraws over its message.
pub fn install_panic_hook(terminal: Option<KnownTerminal>) {
    let ui_thread = std::thread::current().id();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() == ui_thread {
            // Nothing more can be done about a failure here: the panic is reported below.
            let _ = leave(terminal);
        }
        previous(info);
    }));
}

/// Stops the process as the shell's Ctrl-Z would (raw mode swallowed it): restores the
/// terminal, raises SIGTSTP, and sets the terminal up again once `fg` resumes us.
#[cfg(unix)]
pub fn suspend(terminal: Option<KnownTerminal>) -> io::Result<()> {
    leave(terminal)?;
    // SAFETY: raise() only sends a signal to the calling thread; SIGTSTP's default action
    // stops the process until SIGCONT, and no Rust state is touched by it.
    let result = unsafe { libc::raise(libc::SIGTSTP) };
    let raised = if result == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    };
    enter(terminal)?;
    raised
}

/// Suspending needs job control; elsewhere Ctrl-Z does nothing.
#[cfg(not(unix))]
pub fn suspend(_terminal: Option<KnownTerminal>) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(haystack: &[u8], needle: &str) -> usize {
        haystack
            .windows(needle.len())
            .position(|w| w == needle.as_bytes())
            .unwrap_or_else(|| panic!("{needle:?} not in {:?}", String::from_utf8_lossy(haystack)))
    }

    #[test]
    fn bidi_modes_are_set_inside_the_alternate_screen() {
        let entry = entry_sequence(None).unwrap();
        assert!(find(&entry, "\x1b[?1049h") < find(&entry, "\x1b[8l"));
        assert!(find(&entry, "\x1b[8l") < find(&entry, "\x1b[1 k"));
        let exit = exit_sequence(None).unwrap();
        assert!(find(&exit, "\x1b[8h") < find(&exit, "\x1b[?1049l"));
        assert!(find(&exit, "\x1b[0 k") < find(&exit, "\x1b[?1049l"));
    }

    #[test]
    fn pastes_are_bracketed_while_the_reader_runs() {
        let entry = entry_sequence(None).unwrap();
        assert!(find(&entry, "\x1b[?1049h") < find(&entry, "\x1b[?2004h"));
        let exit = exit_sequence(None).unwrap();
        assert!(find(&exit, "\x1b[?2004l") < find(&exit, "\x1b[?1049l"));
    }

    #[test]
    fn mlterm_is_switched_off_and_back_on() {
        let entry = entry_sequence(Some(KnownTerminal::Mlterm)).unwrap();
        assert!(find(&entry, "\x1b[?1049h") < find(&entry, "\x1b]5379;use_ctl=false\x07"));
        let exit = exit_sequence(Some(KnownTerminal::Mlterm)).unwrap();
        assert!(find(&exit, "\x1b]5379;use_ctl=true\x07") < find(&exit, "\x1b[?1049l"));
        let kitty = entry_sequence(Some(KnownTerminal::Kitty)).unwrap();
        assert!(!String::from_utf8_lossy(&kitty).contains("5379"));
    }
}
