//! The runner: the only place that touches the terminal. Sets it up (and restores it on exit,
//! panic and Ctrl-Z), starts the loader and the actor worker, and runs the loop: draw → wait
//! for input or background news → keymap → `App::update` → carry out the effects. Reading
//! state is read once before the loop and saved by a background [`StateWriter`], so that no
//! key waits for the disk; what is pending is saved on the way out.
//!
//! May import everything below it: `app`, `ui`, `keymap`, `store`, `actors`.

mod actor_worker;
mod browser;
mod quirks;
mod stop;
mod terminal;

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event, MouseButton, MouseEventKind};
use ratatui::crossterm::queue;
use ratatui::crossterm::terminal::{Clear, ClearType};

use crate::app::{Action, App, Effect, Preferences};
use crate::config::Config;
use crate::keymap::{Context, Keymap, arabic_pair};
use crate::state::{SaveReport, SearchHistory, StateFile, StateWriter, WriterTiming};
use crate::store::load::FetchOptions;
use crate::store::{LoadEvent, Source, spawn_load};
use crate::ui::{Screen, Theme, help_lines};

use stop::StopSignals;

pub use actor_worker::ActorWorker;
pub use quirks::KnownTerminal;
pub use terminal::{BIDI_EXPLICIT, BIDI_IMPLICIT, entry_sequence, exit_sequence};

/// How long to wait for input while the background is still sending news.
const BUSY_POLL: Duration = Duration::from_millis(30);
/// How long to wait for input when nothing else can happen (the loop then just redraws).
const IDLE_POLL: Duration = Duration::from_secs(5);
/// Background messages taken between two frames, so that keys stay responsive.
const BACKGROUND_PER_FRAME: usize = 512;
/// While a search or the sidebar's count goes on, slices are taken for this long after a
/// frame, as long as no key waits, before the next frame: the pass then goes at the speed of
/// the scan rather than of the redraws (one slice a frame spent half its time drawing), and a
/// key still waits at most one slice.
const SLICES_PER_FRAME_TIME: Duration = Duration::from_millis(12);
/// Rows the mouse wheel scrolls per notch.
const WHEEL_LINES: i16 = 3;
/// Reading state is saved once no change has come for this long, or 3 s after the first
/// unsaved change (a long scroll); with nothing to save, other processes' saves are looked
/// for every 2 s.
const SAVING: WriterTiming = WriterTiming {
    quiet: Duration::from_millis(400),
    max_wait: Duration::from_secs(3),
    poll: Duration::from_secs(2),
};
/// Test hook, not for users: `SAHIFA_TEST_PANIC=after-draw` makes the reader panic right after
/// its first frame, so the pseudo-terminal test (tests/pty.rs) can check that the panic hook
/// restores the terminal. Any other value, or none, does nothing.
pub const TEST_PANIC_VAR: &str = "SAHIFA_TEST_PANIC";

/// Opens the reader on `sources` (files, folders, `-` for standard input; none: the config
/// file's sources, else the seed articles), with the config's settings and keys, and returns
/// when the person quits. Errors are one line on stderr. `actor_cache` is the actor cache
/// file, if one is used.
pub fn run(
    sources: Vec<PathBuf>,
    config: &Config,
    actor_cache: Option<PathBuf>,
    fetch: FetchOptions,
) -> ExitCode {
    match run_reader(sources, config, actor_cache, fetch) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            say_on_stderr(&error.to_string());
            ExitCode::FAILURE
        }
    }
}

fn run_reader(
    paths: Vec<PathBuf>,
    config: &Config,
    actor_cache: Option<PathBuf>,
    fetch: FetchOptions,
) -> io::Result<()> {
    if !io::stdout().is_terminal() {
        return Err(io::Error::other(
            "the reader needs a terminal; for plain text use `sahifa render`",
        ));
    }
    let var = |name: &str| std::env::var(name).ok();
    let known_terminal = KnownTerminal::from_env(var);
    let theme = config.theme(var);
    let keymap = config.keymap();

    let sources: Vec<Source> = if paths.is_empty() {
        config.sources.iter().map(Source::from_arg).collect()
    } else {
        paths.iter().map(Source::from_arg).collect()
    };
    let (loads, _loader) = spawn_load(sources, 0, fetch)?;
    let actors = ActorWorker::spawn(actor_cache)?;
    let mut state = ReaderState::open()?;

    let stop = StopSignals::catch()?;
    terminal::install_panic_hook(known_terminal);
    terminal::enter(known_terminal)?;
    let result = event_loop(
        &keymap,
        &theme,
        config.preferences,
        &Background {
            loads: &loads,
            actors: &actors,
            stop: &stop,
        },
        &mut state,
        known_terminal,
    );
    // After SIGHUP the terminal may be gone: restoring it fails, and saving goes on.
    let restored = terminal::leave(known_terminal);
    if let Some(failure) = state.writer.and_then(StateWriter::finish) {
        say_on_stderr(&failure);
    }
    if let Some(history) = &state.history
        && let Err(error) = history.save(&state.searched)
    {
        say_on_stderr(&format!(
            "could not save the search history {}: {error}",
            history.path().display()
        ));
    }
    if let Some(failure) = actors.finish() {
        say_on_stderr(&failure);
    }
    stop.finish();
    result.and(restored)
}

/// Writes `sahifa: <message>` on stderr, if it can: after a hangup the terminal is gone, and
/// `eprintln!` would panic.
fn say_on_stderr(message: &str) {
    use std::io::Write;
    let _ = writeln!(io::stderr(), "sahifa: {message}");
}

/// The reading state as the runner handles it: what was loaded (and what to tell the person
/// about it), and the writer saving changes, when the state has a home.
struct ReaderState {
    loaded: Option<crate::state::ReadingState>,
    notices: Vec<String>,
    writer: Option<StateWriter>,
    reports: Option<Receiver<SaveReport>>,
    /// The search history file (beside the reading state), what it held at the start, and
    /// the queries searched since, saved into it at the end.
    history: Option<SearchHistory>,
    searched_before: Vec<String>,
    searched: Vec<String>,
}

impl ReaderState {
    fn open() -> io::Result<ReaderState> {
        let mut notices = Vec::new();
        let file = match StateFile::from_process_env() {
            Ok(file) => file,
            Err(message) => {
                return Ok(ReaderState {
                    loaded: None,
                    notices: vec![message],
                    writer: None,
                    reports: None,
                    history: None,
                    searched_before: Vec::new(),
                    searched: Vec::new(),
                });
            }
        };
        let loaded = match file.load() {
            Ok(loaded) => {
                notices.extend(loaded.notice);
                Some(loaded.state)
            }
            Err(error) => {
                notices.push(format!(
                    "could not read the reading state {}: {error}",
                    file.path().display()
                ));
                None
            }
        };
        let history = SearchHistory::in_dir(file.dir());
        let searched_before = history.load().unwrap_or_else(|error| {
            notices.push(format!(
                "could not read the search history {}: {error}",
                history.path().display()
            ));
            Vec::new()
        });
        let (writer, reports) = StateWriter::spawn(file, SAVING)?;
        Ok(ReaderState {
            loaded,
            notices,
            writer: Some(writer),
            reports: Some(reports),
            history: Some(history),
            searched_before,
            searched: Vec::new(),
        })
    }

    /// What the writer has to say since the last frame: notices, and the newest saved state
    /// (with other processes' marks) for the app to adopt.
    fn news(&self) -> Vec<Action> {
        let Some(reports) = &self.reports else {
            return Vec::new();
        };
        let mut actions = Vec::new();
        let mut synced = None;
        for report in reports.try_iter() {
            actions.extend(report.notice.map(Action::Notice));
            if let Some(saved) = report.saved {
                synced = Some(saved);
            }
        }
        // Only the newest saved state matters.
        if let Some((state, through)) = synced {
            actions.push(Action::StateSynced { state, through });
        }
        actions
    }
}

/// What the event loop hears from besides the terminal.
struct Background<'a> {
    loads: &'a Receiver<LoadEvent>,
    actors: &'a ActorWorker,
    stop: &'a StopSignals,
}

fn event_loop(
    keymap: &Keymap,
    theme: &Theme,
    preferences: Preferences,
    background: &Background,
    state: &mut ReaderState,
    known_terminal: Option<KnownTerminal>,
) -> io::Result<()> {
    let mut terminal = Screenful(Some(Terminal::new(CrosstermBackend::new(io::stdout()))?));
    terminal.clear()?;
    let size = terminal.size()?;
    let mut app = App::new(size.width, size.height, help_lines(keymap).len());
    app.set_preferences(preferences);
    if let Some(advice) = known_terminal.and_then(KnownTerminal::advice) {
        app.update(Action::Notice(advice.to_string()));
    }
    if let Some(loaded) = state.loaded.take() {
        app.update(Action::StateLoaded(loaded));
    }
    let searched_before = std::mem::take(&mut state.searched_before);
    if !searched_before.is_empty() {
        app.update(Action::SearchHistoryLoaded(searched_before));
    }
    for notice in std::mem::take(&mut state.notices) {
        app.update(Action::Notice(notice));
    }
    let panic_after_draw = std::env::var_os(TEST_PANIC_VAR).is_some_and(|v| v == "after-draw");
    let mut last_scene = None;
    let mut loading = true;
    let mut load_done = false;
    let mut finding = true;
    loop {
        // A resize can land between two events: tell the app before drawing.
        let size = terminal.size()?;
        if app.screen().area.width != size.width || app.screen().area.height != size.height {
            app.update(Action::Resize {
                width: size.width,
                height: size.height,
            });
        }
        // Text that moved leaves glyph parts behind in xterm and mlterm: Arabic glyphs (and
        // harakat) reach outside their cell, and a terminal repaints only the cells written.
        // When the text on screen shifts, repaint all of it.
        let scene = Scene::of(&app);
        if last_scene.is_some_and(|last| last != scene) {
            repaint_all(&mut terminal)?;
        }
        last_scene = Some(scene);
        terminal.draw(|frame| {
            let screen = Screen {
                app: &app,
                keymap,
                theme,
            };
            frame.render_widget(&screen, frame.area());
        })?;
        let drawn = Instant::now();
        if panic_after_draw {
            panic!("{TEST_PANIC_VAR}=after-draw: the panic asked for by the test hook");
        }

        // While the sidebar counts, a slice per round as fast as keys allow.
        let wait = if app.is_counting() {
            Duration::ZERO
        } else if loading || app.expects_actors() {
            BUSY_POLL
        } else {
            IDLE_POLL
        };
        let mut events = Vec::new();
        if event::poll(wait)? {
            events.push(event::read()?);
            while event::poll(Duration::ZERO)? {
                events.push(event::read()?);
            }
        }
        // As `q` would: every effect so far was carried out at the end of the last round.
        if background.stop.received().is_some() {
            return Ok(());
        }
        let mut news = Vec::new();
        for _ in 0..BACKGROUND_PER_FRAME {
            match background.loads.try_recv() {
                Ok(event) => {
                    load_done |= matches!(event, LoadEvent::Done(_));
                    news.push(load_action(event));
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    if loading && !load_done {
                        // The loader died without its last event (a panic, already printed).
                        news.push(Action::LoadFinished(Default::default()));
                        news.push(Action::Notice(
                            "loading stopped unexpectedly; the articles read so far are here"
                                .to_string(),
                        ));
                        terminal.clear()?;
                    }
                    loading = false;
                    break;
                }
            }
        }
        for _ in 0..BACKGROUND_PER_FRAME {
            match background.actors.try_recv() {
                Ok(action) => news.push(action),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    if finding && app.actor_status().unavailable.is_none() {
                        news.push(Action::ActorsUnavailable(
                            "actor finding stopped unexpectedly".to_string(),
                        ));
                        terminal.clear()?;
                    }
                    finding = false;
                    break;
                }
            }
        }

        news.extend(state.news());

        // Keys one at a time, each read in the context the previous one left; background news
        // in one batch.
        let mut effects = Vec::new();
        // Two-character keys of the Arabic layout are one key, except in the search prompt,
        // where they are two letters; whether the prompt is open can change key by key.
        let mut events = events.into_iter().peekable();
        while let Some(mut event) = events.next() {
            if Context::of(&app) != Context::Search
                && let Event::Key(first) = &event
                && let Some(joined) = events.peek().and_then(|next| arabic_pair(first, next))
            {
                events.next();
                event = Event::Key(joined);
            }
            if let Some(action) = terminal_action(keymap, &app, event) {
                effects.extend(app.update(action));
            }
        }
        // An update with no news still counts the sidebar's next slice.
        if !news.is_empty() || app.is_counting() {
            effects.extend(app.update_all(news));
        }
        while app.is_counting()
            && drawn.elapsed() < SLICES_PER_FRAME_TIME
            && !event::poll(Duration::ZERO)?
        {
            effects.extend(app.update_all([]));
        }
        // Every effect is carried out before quitting: the last changes to save come with it.
        let mut quit = false;
        let mut notices = Vec::new();
        for effect in effects {
            match effect {
                Effect::Quit => quit = true,
                Effect::SaveState { seq, changes } => {
                    if let Some(writer) = &state.writer {
                        writer.send(seq, changes);
                    }
                }
                Effect::Suspend => {
                    terminal::suspend(known_terminal)?;
                    terminal.clear()?;
                }
                Effect::FindActors(jobs) => background.actors.send(jobs),
                Effect::RememberSearches(queries) => state.searched = queries,
                Effect::OpenLink(url) => {
                    if let Err(error) = browser::open(&url) {
                        notices.push(Action::Notice(error));
                    }
                }
            }
        }
        // What went wrong carrying them out (a browser that would not start) is said.
        if !notices.is_empty() {
            app.update_all(notices);
        }
        if quit {
            return Ok(());
        }
    }
}

/// ratatui's terminal, dropped so that a terminal that hung up cannot panic the reader:
/// ratatui's own drop shows the hidden cursor and, when that fails, says so with
/// `eprintln!`, which panics when stderr is gone too. This shows the cursor first and, if
/// the terminal is gone, skips ratatui's drop (the process is ending).
struct Screenful(Option<Terminal<CrosstermBackend<io::Stdout>>>);

impl std::ops::Deref for Screenful {
    type Target = Terminal<CrosstermBackend<io::Stdout>>;

    fn deref(&self) -> &Self::Target {
        self.0.as_ref().expect("only taken when dropped")
    }
}

impl std::ops::DerefMut for Screenful {
    fn deref_mut(&mut self) -> &mut Self::Target {
        self.0.as_mut().expect("only taken when dropped")
    }
}

impl Drop for Screenful {
    fn drop(&mut self) {
        if let Some(mut terminal) = self.0.take()
            && terminal.show_cursor().is_err()
        {
            std::mem::forget(terminal);
        }
    }
}

/// Makes the next frame write every cell: the screen erased, both of ratatui's buffers blank.
/// Unlike `Terminal::clear` it does not ask the terminal where the cursor is (a round trip per
/// keypress, and an error where a terminal does not answer).
fn repaint_all(terminal: &mut Terminal<CrosstermBackend<io::Stdout>>) -> io::Result<()> {
    queue!(terminal.backend_mut(), Clear(ClearType::All))?;
    // Forgets what is on screen: the next draw compares against a blank buffer.
    terminal.swap_buffers();
    Ok(())
}

/// What decides where text stands on screen: when it changes, most cells change, and the
/// whole screen is repainted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Scene {
    article: Option<usize>,
    scroll: usize,
    list_offset: usize,
    sidebar_offset: usize,
    shaping: bool,
    mirrored: bool,
    help: Option<usize>,
}

impl Scene {
    fn of(app: &App) -> Scene {
        Scene {
            article: app.reader().article,
            scroll: app.reader().scroll,
            list_offset: app.list().offset,
            sidebar_offset: app.sidebar().offset,
            shaping: app.shaping(),
            mirrored: app.panes().mirrored,
            help: app.help(),
        }
    }
}

fn terminal_action(keymap: &Keymap, app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) => keymap.resolve_event(Context::of(app), &key),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                column: mouse.column,
                row: mouse.row,
            }),
            MouseEventKind::ScrollDown => Some(Action::Wheel {
                column: mouse.column,
                row: mouse.row,
                lines: WHEEL_LINES,
            }),
            MouseEventKind::ScrollUp => Some(Action::Wheel {
                column: mouse.column,
                row: mouse.row,
                lines: -WHEEL_LINES,
            }),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        // A paste goes into the search prompt, and only there: elsewhere its letters would be
        // commands.
        Event::Paste(text) if Context::of(app) == Context::Search => {
            Some(Action::SearchPaste(text))
        }
        Event::Paste(_) => Some(Action::Notice(
            "a paste goes into the search prompt: / opens it".to_string(),
        )),
        Event::FocusGained | Event::FocusLost => None,
    }
}

fn load_action(event: LoadEvent) -> Action {
    match event {
        LoadEvent::Batch(articles) => Action::ArticlesLoaded(articles),
        LoadEvent::Warning(warning) => Action::LoadWarning(warning),
        LoadEvent::Progress { done, total } => Action::LoadProgress { done, total },
        LoadEvent::Done(summary) => Action::LoadFinished(summary),
    }
}
