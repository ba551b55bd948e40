//! The reader end to end: the real binary in a pseudo-terminal, its output fed to a terminal
//! emulator (`vt100`) as the screen, and the raw bytes kept too.
//!
//! Checks what only a real terminal shows: the bidi escape sequences on entry and their
//! restore on exit and on a panic, that the reading view's cells are the text layer's visual
//! lines, that an actor filter shrinks the list, that hostile articles put none of their
//! escape sequences on the wire, that a resize re-lays the article out, and that a config
//! file's keys reach the running reader.
//!
//! Every wait has a deadline of [`DEADLINE`] and is a condition on the screen or the bytes,
//! never a fixed sleep. The child gets its own HOME and XDG_* directories in a temp dir, and is
//! killed when a test ends, however it ends.

// Pseudo-terminals and termios: Unix only.
#![cfg(unix)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::os::fd::{AsRawFd, FromRawFd};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use ratatui::layout::Rect;
use sahifa::app::{Pane, PaneSettings, ScreenLayout};
use sahifa::runner::{BIDI_EXPLICIT, BIDI_IMPLICIT};
use sahifa::text::{Alignment, LayoutOptions, layout};
use tempfile::TempDir;

/// How long any one condition may take to come true.
const DEADLINE: Duration = Duration::from_secs(20);

const ENTER_ALTERNATE: &str = "\x1b[?1049h";
const LEAVE_ALTERNATE: &str = "\x1b[?1049l";

/// The reader running in a pseudo-terminal.
struct Session {
    child: Box<dyn Child + Send + Sync>,
    /// The terminal's side; `None` once [`Session::hang_up`] closed it.
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    output: Receiver<Vec<u8>>,
    /// Tells the thread reading the terminal to stop (and close its copy of it).
    stop_reading: Arc<AtomicBool>,
    reading: Option<std::thread::JoinHandle<()>>,
    /// Everything the reader wrote, as written.
    raw: Vec<u8>,
    /// The screen those bytes draw.
    parser: vt100::Parser,
    /// True once the reader's side of the terminal is closed.
    closed: bool,
    /// The temporary home, unless the test gave one.
    _home: Option<TempDir>,
}

/// How to start the reader.
struct Start<'a> {
    args: &'a [&'a Path],
    extra_args: &'a [&'a str],
    env: &'a [(&'a str, &'a str)],
    cols: u16,
    rows: u16,
    /// HOME (and the XDG directories in it); a fresh temporary one if `None`.
    home: Option<&'a Path>,
}

impl Default for Start<'_> {
    fn default() -> Self {
        Start {
            args: &[],
            extra_args: &[],
            env: &[],
            cols: 120,
            rows: 40,
            home: None,
        }
    }
}

impl Session {
    fn start(start: Start) -> Session {
        let temporary_home = start.home.is_none().then(|| TempDir::new().unwrap());
        let home = start
            .home
            .or(temporary_home.as_ref().map(TempDir::path))
            .expect("a home")
            .to_path_buf();
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: start.rows,
                cols: start.cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_sahifa"));
        command.args(start.extra_args);
        command.args(start.args);
        command.env_clear();
        command.env("PATH", std::env::var_os("PATH").unwrap_or_default());
        command.env("TERM", "xterm-256color");
        command.env("LANG", "C.UTF-8");
        command.env("HOME", &home);
        for (name, dir) in [
            ("XDG_CONFIG_HOME", "config"),
            ("XDG_DATA_HOME", "data"),
            ("XDG_CACHE_HOME", "cache"),
            ("XDG_STATE_HOME", "state"),
            ("XDG_RUNTIME_DIR", "runtime"),
        ] {
            let path = home.join(dir);
            std::fs::create_dir_all(&path).unwrap();
            command.env(name, path);
        }
        command.cwd(&home);
        for (name, value) in start.env {
            command.env(name, value);
        }
        let child = pair.slave.spawn_command(command).expect("sahifa starts");
        // Our copy of the child's side: once the child exits, reads end.
        drop(pair.slave);
        // The reading thread's own descriptor of the terminal, waited on with a timeout so
        // that the thread can stop (and close it) without the reader writing anything.
        let master_fd = pair.master.as_raw_fd().expect("a pty file descriptor");
        // SAFETY: dup(2) of a descriptor `pair.master` owns; the copy is owned by `reader`.
        let mut reader = unsafe { std::fs::File::from_raw_fd(libc::dup(master_fd)) };
        let (sender, output) = channel();
        let stop_reading = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&stop_reading);
        let reading = std::thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            while !stop.load(Ordering::SeqCst) {
                let mut ready = libc::pollfd {
                    fd: reader.as_raw_fd(),
                    events: libc::POLLIN,
                    revents: 0,
                };
                // SAFETY: poll(2) on one pollfd that lives for the call.
                if unsafe { libc::poll(&mut ready, 1, 20) } == 0 {
                    continue;
                }
                match reader.read(&mut buffer) {
                    Ok(0) => break,
                    Err(error)
                        if matches!(
                            error.kind(),
                            std::io::ErrorKind::Interrupted | std::io::ErrorKind::WouldBlock
                        ) => {}
                    Err(_) => break,
                    Ok(n) => {
                        if sender.send(buffer[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Session {
            child,
            master: Some(pair.master),
            writer: Some(writer),
            stop_reading,
            reading: Some(reading),
            output,
            raw: Vec::new(),
            parser: vt100::Parser::new(nonzero(start.rows), nonzero(start.cols), 0),
            closed: false,
            _home: temporary_home,
        }
    }

    fn screen(&self) -> &vt100::Screen {
        self.parser.screen()
    }

    /// Takes what the reader wrote until `done` holds, or fails after [`DEADLINE`] showing
    /// the screen.
    fn wait_until(&mut self, what: &str, done: impl Fn(&Session) -> bool) {
        let deadline = Instant::now() + DEADLINE;
        while !done(self) {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.output.recv_timeout(left) {
                Ok(bytes) => self.take(&bytes),
                Err(RecvTimeoutError::Timeout) => panic!(
                    "timed out waiting for {what}; the screen:\n{}",
                    self.screen().contents()
                ),
                Err(RecvTimeoutError::Disconnected) => {
                    self.closed = true;
                    assert!(
                        done(self),
                        "sahifa closed the terminal before {what}; the screen:\n{}\nraw tail: {:?}",
                        self.screen().contents(),
                        String::from_utf8_lossy(&self.raw[self.raw.len().saturating_sub(800)..])
                    );
                    return;
                }
            }
        }
    }

    /// Puts `bytes` on the screen and answers the queries a terminal answers: ratatui asks
    /// where the cursor is (DSR 6) when it starts.
    fn take(&mut self, bytes: &[u8]) {
        const CURSOR_QUERY: &str = "\x1b[6n";
        // A query may be split between two reads.
        let from = self.raw.len().saturating_sub(CURSOR_QUERY.len() - 1);
        self.raw.extend_from_slice(bytes);
        let mut rest = &self.raw[from..];
        let mut queries = 0;
        while let Some(at) = position(rest, CURSOR_QUERY) {
            queries += 1;
            rest = &rest[at + CURSOR_QUERY.len()..];
        }
        self.parser.process(bytes);
        for _ in 0..queries {
            let (row, col) = self.screen().cursor_position();
            let reply = format!("\x1b[{};{}R", row + 1, col + 1);
            self.send(&reply);
        }
    }

    /// Waits until `text` is on screen.
    fn wait_for_text(&mut self, text: &str) {
        self.wait_until(&format!("{text:?} on screen"), |s| {
            s.screen().contents().contains(text)
        });
    }

    /// Types `keys` (bytes as a terminal sends them).
    fn send(&mut self, keys: &str) {
        let writer = self.writer.as_mut().expect("the terminal is open");
        writer.write_all(keys.as_bytes()).unwrap();
        writer.flush().unwrap();
    }

    /// Resizes the terminal, as a window manager would (the child gets SIGWINCH).
    fn resize(&mut self, cols: u16, rows: u16) {
        self.master
            .as_ref()
            .expect("the terminal is open")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        self.parser
            .screen_mut()
            .set_size(nonzero(rows), nonzero(cols));
    }

    /// Closes the terminal as closing its window does: once every descriptor of the
    /// terminal's side is closed, the reader gets SIGHUP and its reads fail.
    fn hang_up(&mut self) {
        self.stop_reading.store(true, Ordering::SeqCst);
        if let Some(reading) = self.reading.take() {
            reading.join().unwrap();
        }
        self.writer = None;
        self.master = None;
    }

    /// Waits for the reader to close the terminal and exit; returns its exit code.
    fn wait_for_exit(&mut self) -> u32 {
        self.wait_for_exit_status().exit_code()
    }

    /// Waits for the reader to close the terminal and exit; returns how it ended.
    fn wait_for_exit_status(&mut self) -> portable_pty::ExitStatus {
        self.wait_until("sahifa to exit", |s| s.closed);
        let deadline = Instant::now() + DEADLINE;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "sahifa closed its terminal but did not exit"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// True while the terminal is in raw mode: no line editing, no echo (what crossterm's
    /// `enable_raw_mode` sets, read back from the terminal's own settings).
    fn is_raw(&self) -> bool {
        let master = self.master.as_ref().expect("the terminal is open");
        let fd = master.as_raw_fd().expect("a pty file descriptor");
        // SAFETY: tcgetattr only writes the termios struct it is given; fd is the open
        // master side of the pty, owned by `self.master` for this whole call.
        let mut termios: libc::termios = unsafe { std::mem::zeroed() };
        let result = unsafe { libc::tcgetattr(fd, &mut termios) };
        assert_eq!(result, 0, "tcgetattr: {}", std::io::Error::last_os_error());
        termios.c_lflag & (libc::ICANON | libc::ECHO) == 0
    }

    /// The raw output as text (lossy), for searching.
    fn raw_text(&self) -> String {
        String::from_utf8_lossy(&self.raw).into_owned()
    }

    /// Row `y` of the screen between columns `x` and `x + width`, one string per cell (a
    /// cell's base character with its combining marks), wide continuations skipped.
    fn cells(&self, y: u16, x: u16, width: u16) -> String {
        let mut row = String::new();
        for col in x..x + width {
            let cell = self.screen().cell(y, col).expect("a cell on screen");
            if cell.is_wide_continuation() {
                continue;
            }
            let contents = cell.contents();
            row.push_str(if contents.is_empty() { " " } else { contents });
        }
        row
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn nonzero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a terminal at least one cell in size")
}

/// Where `needle` starts in `haystack`.
fn position(haystack: &[u8], needle: &str) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w == needle.as_bytes())
}

/// Where the last `needle` starts in `haystack`.
fn last_position(haystack: &[u8], needle: &str) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|w| w == needle.as_bytes())
}

/// Writes `text` to `name` in a new temp dir.
fn article(dir: &TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Paragraphs that exercise the bidi layer: Arabic with harakat, a lam-alef, numbers, Latin
/// words, brackets that mirror, quotation marks that move, and one left-to-right paragraph.
const BIDI_PARAGRAPHS: [&str; 3] = [
    "قالَ المتحدّثُ باسمِ الوزارةِ (في بيانٍ رسميٍّ) إنّ 22 شخصاً لا يزالون في «المدينة القديمة» \
     منذ يومِ السبتِ، وإنّ فرقَ الإنقاذِ تعملُ بلا توقّفٍ.",
    "The ministry spokesman said that 22 people (according to Reuters) remain in \
     «المدينة القديمة» since Saturday.",
    "وأضافَ أنّ الاجتماعَ المقبلَ سيُعقَدُ في 2025-06-22 بحضورِ ممثّلين عن الأمم المتحدة و UNICEF.",
];

/// The reader's visual lines for `paragraphs` in a reading view `width` cells wide, each
/// padded to the width as it is drawn (right-to-left lines right-aligned), a blank row
/// between paragraphs.
fn expected_rows(paragraphs: &[&str], width: u16) -> Vec<String> {
    let width = usize::from(width);
    let mut rows = Vec::new();
    for (i, paragraph) in paragraphs.iter().enumerate() {
        if i > 0 {
            rows.push(" ".repeat(width));
        }
        for line in layout(paragraph, &[], width, &LayoutOptions::default()) {
            let pad = " ".repeat(width - line.width);
            let mut row = String::new();
            // One string per cell, as the screen gives them.
            let cells: String = (0..line.cells.len()).map(|c| line.cell_text(c)).collect();
            match line.alignment {
                Alignment::Right => {
                    row.push_str(&pad);
                    row.push_str(&cells);
                }
                Alignment::Left => {
                    row.push_str(&cells);
                    row.push_str(&pad);
                }
            }
            rows.push(row);
        }
    }
    rows
}

/// `text` as the reader shows it: shaped, in visual order.
fn visual(text: &str) -> String {
    layout(text, &[], 0, &LayoutOptions::default())
        .into_iter()
        .map(|line| line.text)
        .collect()
}

/// The reading view's body for a `cols` × `rows` terminal with the reader focused.
fn reader_body(cols: u16, rows: u16) -> Rect {
    ScreenLayout::new(
        Rect::new(0, 0, cols, rows),
        &PaneSettings::default(),
        Pane::Reader,
    )
    .reader
    .expect("the reader is shown")
    .body
}

/// The rows of `body` on screen, one string per row.
fn body_rows(session: &Session, body: Rect) -> Vec<String> {
    (body.y..body.bottom())
        .map(|y| session.cells(y, body.x, body.width))
        .collect()
}

/// Waits until `expected` stands, row after row, somewhere in `body` of the screen.
fn wait_for_rows(session: &mut Session, body: Rect, expected: &[String]) {
    let what = format!(
        "the layer's lines in the reading view:\n{}|",
        expected.join("|\n")
    );
    session.wait_until(&what, |s| {
        body_rows(s, body)
            .windows(expected.len())
            .any(|window| window == expected)
    });
}

fn bidi_article(dir: &TempDir) -> PathBuf {
    article(
        dir,
        "bidi.txt",
        &format!("عنوانُ الخبرِ الأوّل\n{}\n", BIDI_PARAGRAPHS.join("\n")),
    )
}

/// The reader at 120×40 on [`bidi_article`], once its list shows it. Keep the dir alive.
fn reading_bidi_article() -> (Session, TempDir) {
    let dir = TempDir::new().unwrap();
    let path = bidi_article(&dir);
    let mut session = Session::start(Start {
        args: &[&path],
        ..Start::default()
    });
    session.wait_for_text("1 article");
    (session, dir)
}

#[test]
fn bidi_modes_are_set_on_entry_and_restored_on_quit() {
    let (mut session, _dir) = reading_bidi_article();
    let raw = session.raw.clone();
    let alternate = position(&raw, ENTER_ALTERNATE).expect("the alternate screen");
    let explicit = position(&raw, BIDI_EXPLICIT).expect("CSI 8 l and CSI 1 SP k on entry");
    assert!(
        alternate < explicit,
        "bidi modes are set inside the alternate screen"
    );
    assert!(position(&raw, "\x1b[8l").is_some() && position(&raw, "\x1b[1 k").is_some());
    assert!(session.screen().alternate_screen());
    assert!(
        position(&raw, BIDI_IMPLICIT).is_none(),
        "nothing restored yet"
    );
    assert!(session.is_raw(), "raw mode while the reader runs");

    session.send("q");
    assert_eq!(session.wait_for_exit(), 0);
    let raw = &session.raw;
    let implicit = last_position(raw, BIDI_IMPLICIT).expect("CSI 8 h and CSI 0 SP k on exit");
    let left = last_position(raw, LEAVE_ALTERNATE).expect("the alternate screen left");
    assert!(
        explicit < implicit && implicit < left,
        "bidi modes restored before leaving the alternate screen"
    );
    assert!(!session.screen().alternate_screen());
    assert!(!session.screen().hide_cursor(), "the cursor is shown again");
    assert!(!session.is_raw(), "raw mode off after q");
}

#[test]
fn the_reading_view_shows_the_text_layers_visual_lines() {
    let dir = TempDir::new().unwrap();
    let path = bidi_article(&dir);
    let (cols, rows) = (120, 40);
    let mut session = Session::start(Start {
        args: &[&path],
        cols,
        rows,
        ..Start::default()
    });
    session.wait_for_text("1 article");
    session.send("\r");
    let body = reader_body(cols, rows);
    let expected = expected_rows(&BIDI_PARAGRAPHS, body.width);
    assert!(
        expected.len() > BIDI_PARAGRAPHS.len(),
        "the paragraphs wrap"
    );
    wait_for_rows(&mut session, body, &expected);

    // A smaller terminal: one pane, the article re-wrapped to the new width, and longer
    // than the view.
    let (cols, rows) = (60, 12);
    session.resize(cols, rows);
    let body = reader_body(cols, rows);
    let expected = expected_rows(&BIDI_PARAGRAPHS[..1], body.width);
    wait_for_rows(&mut session, body, &expected);

    // Scrolling repaints the whole screen: xterm and mlterm leave parts of Arabic glyphs
    // behind in cells that are not rewritten.
    let top = body_rows(&session, body)[0].clone();
    let before = session.raw.len();
    session.send("j");
    session.wait_until("the view scrolled by a line", |s| {
        body_rows(s, body)[0] != top
    });
    assert!(
        position(&session.raw[before..], "\x1b[2J").is_some(),
        "a repaint after scrolling"
    );
    assert!(
        position(&session.raw[before..], "\x1b[6n").is_none(),
        "no cursor query (a round trip) for a repaint"
    );
    // Every cell is written again: the paragraph is whole, a row higher.
    wait_for_rows(&mut session, body, &expected);

    session.send("q");
    assert_eq!(session.wait_for_exit(), 0);
}

#[test]
fn filtering_by_an_actor_shrinks_the_list() {
    let dir = TempDir::new().unwrap();
    let named = article(
        &dir,
        "a.txt",
        "التقى الرئيس الأمريكي دونالد ترامب بالرئيس الروسي فلاديمير بوتين\n\
         قال دونالد ترامب إن المحادثات كانت جيدة.\n",
    );
    let plain = article(&dir, "b.txt", "Weather\nThe rain will stop by noon.\n");
    let other = article(&dir, "c.txt", "Gardens\nTomatoes need sun and water.\n");
    let mut session = Session::start(Start {
        args: &[&named, &plain, &other],
        ..Start::default()
    });
    session.wait_until("three articles loaded", |s| {
        let text = s.screen().contents();
        text.contains("3 articles") && !text.contains("loading")
    });
    // Open the first article, go to the actors pane, pick its first actor, filter.
    session.send("\r");
    session.send("\t");
    // The sidebar fills once the matcher has answered: wait for the name there.
    let sidebar = ScreenLayout::new(
        Rect::new(0, 0, 120, 40),
        &PaneSettings::default(),
        Pane::Actors,
    )
    .sidebar
    .expect("the sidebar is shown")
    .body;
    let name = visual("دونالد ترامب");
    session.wait_until("the actor in the sidebar", |s| {
        body_rows(s, sidebar).iter().any(|row| row.contains(&name))
    });
    session.send("j\r");
    // The header says how many of all articles name the actor; the others leave the list.
    session.wait_until("the list filtered", |s| {
        let list = s.screen().contents();
        list.contains("1 of 3 · ") && !list.contains("Weather") && !list.contains("Gardens")
    });
    session.send("c");
    session.wait_until("the filter cleared", |s| {
        let text = s.screen().contents();
        text.contains("3 articles") && text.contains("Weather") && text.contains("Gardens")
    });
    session.send("q");
    assert_eq!(session.wait_for_exit(), 0);
}

#[test]
fn hostile_articles_put_no_escape_sequence_on_the_wire() {
    let dir = TempDir::new().unwrap();
    let clipboard = "SGVsbG8gZnJvbSBzYWhpZmE=";
    let path = article(
        &dir,
        "hostile.txt",
        &format!(
            "Hostile\x1b[2J title\x1b]0;pwned\x07\n\
             before \x1b]52;c;{clipboard}\x07 after\n\
             \x1b[31mred\x1b[0m \x1b]8;;http://evil.example/\x1b\\link\x1b]8;;\x1b\\ bell\x07 \
             c1\u{9b}2J \x1bPdcs-payload\x1b\\ done\n"
        ),
    );
    let mut session = Session::start(Start {
        args: &[&path],
        ..Start::default()
    });
    session.wait_for_text("Hostile title");
    session.send("\r");
    // The C1 CSI takes "2J" with it; the spaces around it stay.
    session.wait_for_text("red link bell c1  done");
    session.send("q");
    assert_eq!(session.wait_for_exit(), 0);

    let raw = session.raw_text();
    for payload in [
        clipboard,
        "\x1b]52",
        "\x1b]8",
        "\x1b]0",
        "evil.example",
        "pwned",
        "dcs-payload",
        "\x1bP",
        "\x07",
        "\u{9b}",
        "Hostile\x1b[2J",
        "\x1b[31mred",
    ] {
        assert!(
            !raw.contains(payload),
            "{payload:?} from the article reached the terminal"
        );
    }
}

#[test]
fn a_panic_restores_the_terminal() {
    let dir = TempDir::new().unwrap();
    let path = bidi_article(&dir);
    let mut session = Session::start(Start {
        args: &[&path],
        env: &[("SAHIFA_TEST_PANIC", "after-draw")],
        ..Start::default()
    });
    let code = session.wait_for_exit();
    assert_ne!(code, 0, "a panic is a failure");
    let raw = &session.raw;
    let explicit = position(raw, BIDI_EXPLICIT).expect("the reader started");
    let implicit = last_position(raw, BIDI_IMPLICIT).expect("bidi modes restored");
    let left = last_position(raw, LEAVE_ALTERNATE).expect("the alternate screen left");
    let message = position(raw, "panicked").expect("the panic message");
    assert!(explicit < implicit && implicit < left && left < message);
    // The message is written after raw mode is off: the terminal turns its newlines into
    // CR LF again (in raw mode a bare LF would arrive).
    let after = String::from_utf8_lossy(&raw[message..]);
    let first_newline = after.find('\n').expect("a line ends");
    assert_eq!(
        &after[first_newline - 1..=first_newline],
        "\r\n",
        "output after the panic goes through a cooked terminal: {after:?}"
    );
    assert!(!session.screen().alternate_screen());
    assert!(!session.is_raw(), "raw mode off after the panic");
}

/// True when the sidebar (the last pane on each line) shows `text`: the names in it are in
/// the article too.
fn in_sidebar(session: &Session, text: &str) -> bool {
    session.screen().contents().lines().any(|line| {
        line.rsplit("││")
            .next()
            .is_some_and(|pane| pane.contains(text))
    })
}

/// The reader in `home` on [`bidi_article`], once Enter has opened it and marked it read
/// (the reader's hints then change).
fn marking_an_article_read(dir: &TempDir, home: &TempDir) -> Session {
    let path = bidi_article(dir);
    let mut session = Session::start(Start {
        args: &[&path],
        home: Some(home.path()),
        ..Start::default()
    });
    session.wait_for_text("1 article");
    session.send("\r");
    session.wait_for_text("Space page");
    session
}

/// The reading state in `home` has the mark [`marking_an_article_read`] made.
fn assert_read_mark_saved(home: &TempDir) {
    let state = std::fs::read_to_string(home.path().join("state/sahifa/state.json"))
        .expect("the reading state saved");
    assert!(state.contains("\"read\":true"), "{state}");
}

/// SIGTERM, SIGHUP and SIGINT quit as `q` does: the terminal is restored, the read mark made
/// a moment before (sooner than the writer's 400 ms wait) is saved, and the process then
/// ends by the signal, as the sender expects.
#[test]
fn a_stop_signal_restores_the_terminal_and_saves_the_state() {
    for (signal, name) in [
        (libc::SIGTERM, "Terminated"),
        (libc::SIGHUP, "Hangup"),
        (libc::SIGINT, "Interrupt"),
    ] {
        let (dir, home) = (TempDir::new().unwrap(), TempDir::new().unwrap());
        let mut session = marking_an_article_read(&dir, &home);
        let pid = session.child.process_id().expect("a process id");
        // SAFETY: kill(2) only sends a signal to the child this test started.
        assert_eq!(unsafe { libc::kill(pid as libc::pid_t, signal) }, 0);
        let status = session.wait_for_exit_status();
        assert_eq!(status.signal(), Some(name), "{status:?}");
        let raw = &session.raw;
        let implicit = last_position(raw, BIDI_IMPLICIT).expect("bidi modes restored");
        let left = last_position(raw, LEAVE_ALTERNATE).expect("the alternate screen left");
        assert!(implicit < left);
        assert!(!session.screen().alternate_screen());
        assert!(!session.is_raw(), "raw mode off after {name}");
        assert_read_mark_saved(&home);
    }
}

/// Closing the terminal window (a hangup) ends the reader, and the read mark made a
/// moment before is saved. (When the terminal library's wait for input spins on the gone
/// terminal instead of returning, the reader ends by SIGHUP after a grace period of 3 s.)
#[test]
fn a_closed_terminal_ends_the_reader_and_keeps_the_state() {
    let (dir, home) = (TempDir::new().unwrap(), TempDir::new().unwrap());
    let mut session = marking_an_article_read(&dir, &home);
    // Hang up while the reader waits for input, not while it draws (a failed write ends it
    // another way): once it has written nothing for a while.
    while let Ok(bytes) = session.output.recv_timeout(Duration::from_millis(300)) {
        session.take(&bytes);
    }
    session.hang_up();
    let status = session.wait_for_exit_status();
    // By SIGHUP, or with an error if the reader's next write failed before the signal came;
    // not a panic (101), and not hanging on.
    assert!(
        status.signal() == Some("Hangup") || (status.signal().is_none() && status.exit_code() == 1),
        "{status:?}"
    );
    assert_read_mark_saved(&home);
}

/// The reader saves what it found in the actor cache when it quits, without waiting to
/// be idle, and with `--no-cache` it neither reads nor writes the cache.
#[test]
fn quitting_saves_the_actor_cache_unless_told_not_to_keep_one() {
    let dir = TempDir::new().unwrap();
    let named = article(&dir, "a.txt", "قال دونالد ترامب إن المحادثات كانت جيدة.\n");
    for (extra_args, kept) in [(&[][..], true), (&["--no-cache"][..], false)] {
        let home = TempDir::new().unwrap();
        let mut session = Session::start(Start {
            args: &[&named],
            extra_args,
            home: Some(home.path()),
            ..Start::default()
        });
        let name = visual("دونالد ترامب");
        session.wait_until("the actor in the sidebar", |s| in_sidebar(s, &name));
        session.send("q");
        assert_eq!(session.wait_for_exit(), 0);
        let cache = home.path().join("cache/sahifa/actors.bin");
        assert_eq!(cache.exists(), kept, "{extra_args:?}");
    }
}

/// The second time the same article is read, its actors come from the actor cache (counts,
/// no places); filtering still highlights its mentions.
#[test]
fn a_filter_highlights_mentions_when_the_actors_came_from_the_cache() {
    let dir = TempDir::new().unwrap();
    let home = TempDir::new().unwrap();
    let named = article(
        &dir,
        "a.txt",
        "التقى الرئيس الأمريكي دونالد ترامب بالرئيس الروسي فلاديمير بوتين\n\
         قال دونالد ترامب إن المحادثات كانت جيدة.\n",
    );
    let cache = home.path().join("cache/sahifa/actors.bin");
    let mut first = Session::start(Start {
        args: &[&named],
        home: Some(home.path()),
        ..Start::default()
    });
    // The worker saves what it found once idle for a moment.
    first.wait_for_text("1 article");
    let deadline = Instant::now() + DEADLINE;
    while !cache.exists() {
        assert!(Instant::now() < deadline, "no actor cache written");
        std::thread::sleep(Duration::from_millis(50));
    }
    first.send("q");
    assert_eq!(first.wait_for_exit(), 0);

    let mut session = Session::start(Start {
        args: &[&named],
        home: Some(home.path()),
        ..Start::default()
    });
    session.wait_for_text("1 article");
    session.send("\r");
    session.send("\t");
    let name = visual("دونالد ترامب");
    session.wait_until("the actor in the sidebar", |s| in_sidebar(s, &name));
    session.wait_until("the sidebar focused", |s| {
        s.screen().contents().contains("Enter filter")
    });
    session.send("g\r");
    session.wait_for_text("1 of 1 · ");
    session.wait_until("mentions highlighted", |s| {
        let (rows, cols) = s.screen().size();
        (0..rows.get()).any(|row| {
            (0..cols.get()).any(|col| {
                s.screen()
                    .cell(row, col)
                    .is_some_and(|cell| cell.bgcolor() == vt100::Color::Idx(221))
            })
        })
    });
    session.send("q");
    assert_eq!(session.wait_for_exit(), 0);
}

#[test]
fn the_config_files_sources_settings_and_keys_reach_the_reader() {
    let dir = TempDir::new().unwrap();
    let path = bidi_article(&dir);
    let config = article(
        &dir,
        "config.toml",
        &format!(
            "sources = [{:?}]\n\
             [settings]\nmirrored = true\nshaping = false\n\
             [keys]\nq = \"none\"\nx = \"quit\"\n",
            path.to_string_lossy()
        ),
    );
    let config = config.to_string_lossy().into_owned();
    let mut session = Session::start(Start {
        extra_args: &["--config", &config],
        ..Start::default()
    });
    // The config's source, not the seeds.
    session.wait_for_text("1 article");
    // Mirrored: the list is the rightmost pane.
    let first_row = session.cells(0, 0, 120);
    let articles = first_row.find("Articles").expect("the list's title");
    let actors = first_row.find("Actors").expect("the sidebar's title");
    assert!(actors < articles, "mirrored: {first_row}");
    // Shaping off: the title's letters as written, in visual order.
    let unshaped = layout(
        "عنوانُ الخبرِ الأوّل",
        &[],
        0,
        &LayoutOptions {
            shaping: false,
            ..LayoutOptions::default()
        },
    )
    .remove(0)
    .text;
    session.wait_for_text(&unshaped);
    // The status bar names the new key; q no longer quits (the help opens after it, so q was
    // read and did nothing), and the help lists x.
    session.wait_for_text("Ctrl-c quit");
    session.send("q?");
    // Waited for, not read at once: the frame may arrive in more than one read.
    session.wait_until("the help lists x as quit", |s| {
        s.screen()
            .contents()
            .lines()
            .any(|line| line.contains("Ctrl-c x") && line.contains("quit"))
    });
    session.send("\x1b");
    session.wait_until("the help closed", |s| {
        !s.screen().contents().contains("Keys · ? or Esc closes")
    });
    session.send("x");
    assert_eq!(session.wait_for_exit(), 0);
}

#[test]
fn a_bad_config_stops_the_reader_before_it_touches_the_terminal() {
    let dir = TempDir::new().unwrap();
    let config = article(&dir, "config.toml", "[keys]\nj = \"dwon\"\n");
    let config = config.to_string_lossy().into_owned();
    let mut session = Session::start(Start {
        extra_args: &["--config", &config],
        ..Start::default()
    });
    assert_ne!(session.wait_for_exit(), 0);
    let raw = session.raw_text();
    assert!(!raw.contains(ENTER_ALTERNATE), "{raw:?}");
    assert!(
        raw.contains("config.toml:2:5: unknown action \"dwon\" for key \"j\""),
        "{raw:?}"
    );
}

#[test]
fn suspending_restores_the_terminal_and_resuming_sets_it_up_again() {
    let (mut session, _dir) = reading_bidi_article();
    let before = session.raw.len();
    // Ctrl-Z. The reader is the leader of its own session here, an orphaned process group,
    // so the kernel does not stop it on SIGTSTP: it restores the terminal, raises the signal,
    // and sets the terminal up again at once, as it would after `fg`.
    session.send("\x1a");
    session.wait_until("the terminal restored and set up again", |s| {
        let after = &s.raw[before..];
        let restored = position(after, BIDI_IMPLICIT);
        let left = position(after, LEAVE_ALTERNATE);
        let entered = last_position(after, ENTER_ALTERNATE);
        let explicit = last_position(after, BIDI_EXPLICIT);
        matches!(
            (restored, left, entered, explicit),
            (Some(r), Some(l), Some(e), Some(x)) if r < l && l < e && e < x
        )
    });
    // And it draws again.
    session.wait_until("the list redrawn", |s| {
        s.screen().alternate_screen() && s.screen().contents().contains("1 article")
    });
    session.send("q");
    assert_eq!(session.wait_for_exit(), 0);
}

#[test]
fn o_hands_the_articles_link_to_the_browser_and_keeps_the_screen() {
    let dir = TempDir::new().unwrap();
    let json = article(
        &dir,
        "a.json",
        r#"{"title": "خبر", "body": "نص الخبر", "url": "https://example.com/news/1?a=1&b=2"}"#,
    );
    // A browser that writes down what it was given (whole, then renamed into place).
    let got = dir.path().join("browser-got");
    let browser = article(
        &dir,
        "browser.sh",
        &format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{0}.tmp' && mv '{0}.tmp' '{0}'\n",
            got.display()
        ),
    );
    std::fs::set_permissions(
        &browser,
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    let browser_var = format!("{} --new-tab %s", browser.display());
    let mut session = Session::start(Start {
        args: &[&json],
        env: &[("BROWSER", &browser_var)],
        ..Start::default()
    });
    session.wait_until("the article loaded", |s| {
        s.screen().contents().contains("1 article")
    });
    session.send("o");
    session.wait_until("the link opened", |s| {
        s.screen()
            .contents()
            .contains("opening https://example.com/news/1")
    });
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !got.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let given = std::fs::read_to_string(&got).unwrap();
    assert_eq!(given, "--new-tab\nhttps://example.com/news/1?a=1&b=2\n");
    // The reader is still there, and still answers.
    session.send("q");
    assert_eq!(session.wait_for_exit(), 0);
}

#[test]
fn the_queries_searched_are_there_again_in_the_next_session() {
    let dir = TempDir::new().unwrap();
    let home = TempDir::new().unwrap();
    let plain = article(&dir, "b.txt", "Weather\nThe rain will stop by noon.\n");
    let args = [plain.as_path()];
    // A reader in `home`, its article loaded.
    let start = || {
        let mut session = Session::start(Start {
            args: &args,
            home: Some(home.path()),
            ..Start::default()
        });
        session.wait_until("the article loaded", |s| {
            s.screen().contents().contains("1 article")
        });
        session
    };
    for query in ["sun", "rain"] {
        let mut session = start();
        session.send(&format!("/{query}\r"));
        session.wait_until("the search done", |s| {
            let text = s.screen().contents();
            text.contains(" has ") || text.contains(" have ")
        });
        session.send("q");
        assert_eq!(session.wait_for_exit(), 0);
    }
    let saved = std::fs::read_to_string(home.path().join("state/sahifa/search_history")).unwrap();
    assert_eq!(saved, "sun\nrain\n");
    let mut session = start();
    // Up twice: the query of the last session, then of the one before.
    session.send("/\x1b[A\x1b[A");
    let typed = visual("/\u{2068}sun\u{258F}\u{2069}");
    session.wait_until("the first session's query in the prompt", |s| {
        s.screen().contents().contains(&typed)
    });
    session.send("\x1b");
    session.wait_until("the prompt closed", |s| {
        !s.screen().contents().contains(&typed)
    });
    session.send("q");
    assert_eq!(session.wait_for_exit(), 0);
}

#[test]
fn a_paste_goes_into_the_search_prompt_and_its_line_breaks_are_no_commands() {
    let dir = TempDir::new().unwrap();
    let peace = article(&dir, "a.txt", "السلام\nقال الوزير إن السلام قريب.\n");
    let plain = article(&dir, "b.txt", "Weather\nThe rain will stop by noon.\n");
    let mut session = Session::start(Start {
        args: &[&plain, &peace],
        ..Start::default()
    });
    session.wait_until("two articles loaded", |s| {
        let text = s.screen().contents();
        text.contains("2 articles") && !text.contains("loading")
    });
    // Outside the prompt a paste is no keys: its q does not quit.
    session.send("\x1b[200~q\x1b[201~");
    session.wait_until("the paste refused", |s| {
        s.screen()
            .contents()
            .contains("a paste goes into the search prompt")
    });
    // In the prompt, a pasted line break is a space, not Enter, and the q after it a letter.
    session.send("/\x1b[200~rain\nq\x1b[201~");
    let typed = visual("/\u{2068}rain q\u{258F}\u{2069}");
    session.wait_until("the paste in the prompt", |s| {
        s.screen().contents().contains(&typed)
    });
    session.send("\x15\x1b[200~rain\x1b[201~\r");
    session.wait_until("the search for the paste", |s| {
        let text = s.screen().contents();
        text.contains("1 of 2 · /") && !text.contains(&visual("السلام"))
    });
    session.send("q");
    assert_eq!(session.wait_for_exit(), 0);
}

#[test]
fn searching_types_arabic_letters_lists_the_matches_and_walks_the_hits() {
    let dir = TempDir::new().unwrap();
    let peace = article(
        &dir,
        "a.txt",
        "السَّلام في المنطقة\nقال الوزير إن السلام قريب.\n",
    );
    let plain = article(&dir, "b.txt", "Weather\nThe rain will stop by noon.\n");
    let other = article(&dir, "c.txt", "Gardens\nTomatoes need sun and water.\n");
    let mut session = Session::start(Start {
        args: &[&plain, &peace, &other],
        ..Start::default()
    });
    session.wait_until("three articles loaded", |s| {
        let text = s.screen().contents();
        text.contains("3 articles") && !text.contains("loading")
    });
    // One write: the terminal delivers the letters in one batch, and لا inside سلام must
    // stay two letters (outside the prompt it is the `b` key of the Arabic layout).
    session.send("/سلام");
    let typed = visual("/\u{2068}سلام\u{258F}\u{2069}");
    session.wait_until("the query in the prompt", |s| {
        s.screen().contents().contains(&typed)
    });
    session.send("\r");
    // The reader still shows the article opened first (Weather); Gardens has left the list.
    let title = visual("السَّلام في المنطقة");
    session.wait_until("the list shows the match only", |s| {
        let list = s.screen().contents();
        list.contains("1 of 3 · /") && list.contains(&title) && !list.contains("Gardens")
    });
    session.send("\rn");
    // Opened from the search, the article starts at its first hit: n goes to the second.
    session.wait_until("the second of two hits", |s| {
        s.screen().contents().contains("hit 2/2")
    });
    session.send("\x1b");
    session.wait_until("the search cleared", |s| {
        let text = s.screen().contents();
        text.contains("3 articles") && text.contains("Weather") && text.contains("Gardens")
    });
    session.send("q");
    assert_eq!(session.wait_for_exit(), 0);
}
