//! The reader's state and `App::update`: every change to what is shown goes through one pure
//! function from an [`Action`] to new state and a list of [`Effect`]s for the runner.
//!
//! Owns: focus and pane choices, list and sidebar selection, the open article and its scroll,
//! the actor filter and highlight, the list view (all, unread, starred), the reading state
//! (read, starred, where each article was left; changes go out as [`Effect::SaveState`]),
//! load progress, status messages. Lays articles out with the
//! `text` layer (cached in [`LayoutCache`]) so that scroll limits are known here. May import
//! `store`, `actors`, `text` and ratatui's geometry types; never the terminal.

mod action;
mod article_rows;
mod document;
mod effect;
mod mentions;
mod pane;
mod screen_layout;
mod search;
mod sidebar;

use std::collections::{HashMap, VecDeque};
use std::ops::Range;
use std::sync::Arc;

use ratatui::layout::Rect;

pub use action::Action;
pub use article_rows::{ArticleRows, ListView};
pub use document::{
    Document, DocumentKey, DocumentLine, LayoutCache, LineKind, MentionLine, STYLE_MENTION,
    STYLE_SEARCH,
};
pub use effect::{ActorJob, Effect, run_actor_jobs};
pub use mentions::{ArticleMentions, MentionPlace, MentionedActor};
pub use pane::{Pane, PaneSettings};
pub use screen_layout::{MIN_HEIGHT, MIN_WIDTH, PaneArea, ScreenLayout};
pub use search::{ActiveSearch, SEARCH_SLICE_BYTES, SearchState};
pub use sidebar::{
    CO_OCCURRING_SHOWN, SidebarMode, SidebarNote, SidebarRow, SidebarState, split_body,
};

use crate::actors::{ActorKind, Lexicon};
use crate::search::Query;
use crate::state::{Change, Field, Position, ReadingState};
use crate::store::{ActorKey, Article, ArticleId, LoadSummary, SourceRef, Store, is_rtl_language};
use crate::text::fit::FitCache;
use crate::text::paragraph::first_strong_direction;
use crate::text::{BaseDirection, Direction, LayoutOptions, VisualLine};

/// How far a movement goes.
#[derive(Debug, Clone, Copy)]
enum Motion {
    Lines(isize),
    HalfPages(isize),
    Pages(isize),
    Top,
    Bottom,
}

impl Motion {
    fn of(action: &Action) -> Option<Motion> {
        Some(match action {
            Action::Down => Motion::Lines(1),
            Action::Up => Motion::Lines(-1),
            Action::HalfPageDown => Motion::HalfPages(1),
            Action::HalfPageUp => Motion::HalfPages(-1),
            Action::PageDown => Motion::Pages(1),
            Action::PageUp => Motion::Pages(-1),
            Action::Top => Motion::Top,
            Action::Bottom => Motion::Bottom,
            _ => return None,
        })
    }

    /// Rows to move for a view `height` rows high (`None` for the ends). A page keeps one row
    /// of the previous page in sight when `overlap` is set.
    fn steps(self, height: usize, overlap: bool) -> Option<isize> {
        let page = if overlap {
            height.saturating_sub(1)
        } else {
            height
        }
        .max(1);
        let half = (height / 2).max(1);
        Some(match self {
            Motion::Lines(n) => n,
            Motion::HalfPages(n) => n.saturating_mul(isize::try_from(half).unwrap_or(isize::MAX)),
            Motion::Pages(n) => n.saturating_mul(isize::try_from(page).unwrap_or(isize::MAX)),
            Motion::Top | Motion::Bottom => return None,
        })
    }

    /// The new position from `at`, in `0..=last`.
    fn apply(self, at: usize, last: usize, height: usize, overlap: bool) -> usize {
        match (self, self.steps(height, overlap)) {
            (Motion::Top, _) => 0,
            (Motion::Bottom, _) | (_, None) => last,
            (_, Some(steps)) => at.saturating_add_signed(steps).min(last),
        }
    }
}

/// The person's standing choices, from the config file: where the reader starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preferences {
    /// The base direction of every article until `d` changes one (auto: per paragraph).
    pub direction: BaseDirection,
    /// Arabic letters into presentation forms.
    pub shaping: bool,
    /// List on the right, sidebar on the left.
    pub mirrored: bool,
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            direction: BaseDirection::Auto,
            shaping: true,
            mirrored: false,
        }
    }
}

/// A passing message in the status bar, cleared by the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusMessage {
    /// What to say (may contain names in any script: the status bar lays it out).
    pub text: String,
    /// True for problems.
    pub is_warning: bool,
}

/// How loading is going.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadStatus {
    /// Files read so far.
    pub done: usize,
    /// Files found so far.
    pub total: usize,
    /// The loader has finished.
    pub finished: bool,
    /// Warnings so far.
    pub warnings: usize,
}

/// How actor finding is going.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActorStatus {
    /// Articles sent to the matcher.
    pub requested: usize,
    /// Articles it has answered for.
    pub found: usize,
    /// Why actors cannot be found, if they cannot.
    pub unavailable: Option<String>,
}

/// The reading view's state.
#[derive(Debug, Clone, Default)]
pub struct ReaderState {
    /// Store index of the open article.
    pub article: Option<usize>,
    /// The first line shown.
    pub scroll: usize,
    /// The current mention (index in the document's mentions), after `n`/`N`.
    pub mention: Option<usize>,
    /// The open article laid out at the reader's width.
    pub document: Option<Arc<Document>>,
    /// The article `document` is of.
    laid_out: Option<usize>,
    /// A position to scroll to once the open article is laid out (from the reading state, or
    /// kept across a resize).
    restore: Option<Position>,
    /// The open article's position as last restored or recorded here: a change of it is
    /// saved (not a difference from the state, which another process may have moved).
    tracked: Option<Position>,
    /// Opened from a search: once laid out, go to its first hit instead of where it was left.
    to_first_hit: bool,
    cache: LayoutCache,
}

/// The article list's state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListState {
    /// The selected row.
    pub selected: usize,
    /// The first row shown.
    pub offset: usize,
}

/// What the sidebar needs to show an actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActorNames<'a> {
    /// Person, organisation, country; `None` for proposed names.
    pub kind: Option<ActorKind>,
    /// The Arabic name (or a proposed name in Arabic script).
    pub arabic: Option<&'a str>,
    /// The English name (or a proposed name in Latin script).
    pub english: Option<&'a str>,
    /// False for names proposed from cues.
    pub confirmed: bool,
}

impl ActorNames<'_> {
    /// One name to show: Arabic, else English, else a number.
    pub fn display(&self, key: ActorKey) -> String {
        match (self.arabic, self.english) {
            (Some(name), _) | (None, Some(name)) => name.to_string(),
            (None, None) => match key {
                ActorKey::Lexicon(n) => format!("#{n}"),
                ActorKey::Proposed(id) => format!("?{}", id.index()),
            },
        }
    }
}

/// Articles handed to the actor finder and not yet answered, at most: enough to keep both
/// cores busy between two frames, little enough that their copied text stays small.
pub const ACTOR_WINDOW: usize = 2_048;

/// The whole state of the reader.
#[derive(Debug, Clone)]
pub struct App {
    store: Store,
    lexicon: Option<Arc<Lexicon>>,
    /// The matcher's answer for each article, by store index (`None`: not yet).
    mentions: Vec<Option<ArticleMentions>>,
    reading: ReadingState,
    /// Changes to `reading` not yet handed to the runner.
    changes: Vec<Change>,
    /// The sequence number of the next [`Effect::SaveState`].
    next_save: u64,
    /// The last change of each field of each article handed out for saving, with its batch
    /// number, until a saved state that includes it comes back: kept over a state adopted
    /// before then.
    unconfirmed: HashMap<(ArticleId, u8), (u64, Change)>,
    view: ListView,
    /// The rows of a view other than all (store indices), recomputed when the view, the
    /// filter or the articles change (not when an article is read, so that it stays put).
    view_rows: Vec<usize>,
    area: Rect,
    screen: ScreenLayout,
    focus: Pane,
    panes: PaneSettings,
    list: ListState,
    reader: ReaderState,
    sidebar: SidebarState,
    sidebar_stale: bool,
    /// Scroll of the help overlay, when it is open.
    help: Option<usize>,
    help_len: usize,
    filter: Option<ActorKey>,
    /// The search prompt and the search the list shows.
    search: SearchState,
    shaping: bool,
    /// The direction of articles `d` has not changed.
    default_direction: BaseDirection,
    directions: HashMap<ArticleId, BaseDirection>,
    load: LoadStatus,
    actor_status: ActorStatus,
    message: Option<StatusMessage>,
    /// Articles whose actors are still to be asked for (store index ranges, in order).
    actor_queue: VecDeque<Range<usize>>,
    /// The last article whose mention places were asked for (see `request_places`).
    placing: Option<usize>,
    /// Titles and names fitted to their panes: the list and the sidebar draw a screenful of
    /// them every frame.
    fitted: FitCache,
}

impl App {
    /// An empty reader for a `width` × `height` terminal. `help_len` is the number of lines of
    /// the help overlay (from the keymap), to bound its scrolling.
    pub fn new(width: u16, height: u16, help_len: usize) -> App {
        let mut app = App {
            store: Store::new(),
            lexicon: None,
            mentions: Vec::new(),
            reading: ReadingState::new(),
            changes: Vec::new(),
            next_save: 1,
            unconfirmed: HashMap::new(),
            view: ListView::All,
            view_rows: Vec::new(),
            area: Rect::new(0, 0, width, height),
            screen: ScreenLayout::new(
                Rect::new(0, 0, width, height),
                &PaneSettings::default(),
                Pane::List,
            ),
            focus: Pane::List,
            panes: PaneSettings::default(),
            list: ListState::default(),
            reader: ReaderState::default(),
            sidebar: SidebarState::default(),
            sidebar_stale: true,
            help: None,
            help_len,
            filter: None,
            search: SearchState::default(),
            shaping: true,
            default_direction: BaseDirection::Auto,
            directions: HashMap::new(),
            load: LoadStatus::default(),
            actor_status: ActorStatus::default(),
            message: None,
            fitted: FitCache::default(),
            actor_queue: VecDeque::new(),
            placing: None,
        };
        app.sync();
        app
    }

    /// Starts from the person's `preferences` instead of the built-in ones.
    pub fn set_preferences(&mut self, preferences: Preferences) {
        self.default_direction = preferences.direction;
        self.shaping = preferences.shaping;
        self.panes.mirrored = preferences.mirrored;
        self.sync();
    }

    // ----- reading the state (for the views and the runner) -----

    /// The articles.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Where everything goes on screen.
    pub fn screen(&self) -> &ScreenLayout {
        &self.screen
    }

    /// The focused pane.
    pub fn focus(&self) -> Pane {
        self.focus
    }

    /// The person's pane choices.
    pub fn panes(&self) -> &PaneSettings {
        &self.panes
    }

    /// The list's selection and scroll.
    pub fn list(&self) -> &ListState {
        &self.list
    }

    /// The rows of the list: those of the view, naming the filter actor if there is one.
    pub fn list_rows(&self) -> ArticleRows<'_> {
        if self.search.active.is_some() {
            return ArticleRows::Listed(&self.view_rows);
        }
        match (self.view, self.filter) {
            (ListView::All, Some(key)) => {
                ArticleRows::Filtered(self.store.articles_with_actor(key))
            }
            (ListView::All, None) => ArticleRows::All(self.store.len()),
            _ => ArticleRows::Listed(&self.view_rows),
        }
    }

    /// Which articles the list shows.
    pub fn view(&self) -> ListView {
        self.view
    }

    /// Read, starred and positions of every article.
    pub fn reading_state(&self) -> &ReadingState {
        &self.reading
    }

    /// The store index of the selected list row.
    pub fn selected_article(&self) -> Option<usize> {
        self.list_rows().get(self.list.selected)
    }

    /// The reading view's state.
    pub fn reader(&self) -> &ReaderState {
        &self.reader
    }

    /// The open article.
    pub fn open_article(&self) -> Option<&Article> {
        self.store.get(self.reader.article?)
    }

    /// The sidebar's state.
    pub fn sidebar(&self) -> &SidebarState {
        &self.sidebar
    }

    /// The help overlay's scroll, when it is open.
    pub fn help(&self) -> Option<usize> {
        self.help
    }

    /// The actor the list is filtered by and whose mentions are highlighted.
    pub fn filter(&self) -> Option<ActorKey> {
        self.filter
    }

    /// The text of the search prompt, while it is open.
    pub fn search_prompt(&self) -> Option<&str> {
        self.search.prompt.as_deref()
    }

    /// The search the list shows, with its progress.
    pub fn active_search(&self) -> Option<&ActiveSearch> {
        self.search.active.as_ref()
    }

    /// True when Arabic letters are shaped into presentation forms.
    pub fn shaping(&self) -> bool {
        self.shaping
    }

    /// True when article `index` has been opened or marked read.
    pub fn is_read(&self, index: usize) -> bool {
        self.store
            .get(index)
            .is_some_and(|a| self.reading.is_read(a.id()))
    }

    /// True when article `index` is starred.
    pub fn is_starred(&self, index: usize) -> bool {
        self.store
            .get(index)
            .is_some_and(|a| self.reading.is_starred(a.id()))
    }

    /// The actors found in article `index`, once the matcher has answered.
    pub fn mentions(&self, index: usize) -> Option<&ArticleMentions> {
        self.mentions.get(index)?.as_ref()
    }

    /// Loading progress.
    pub fn load_status(&self) -> &LoadStatus {
        &self.load
    }

    /// Actor-finding progress.
    pub fn actor_status(&self) -> &ActorStatus {
        &self.actor_status
    }

    /// True while answers from the actor finder are due: articles not yet answered, or the
    /// places of the open article (asked for to highlight a filter's mentions).
    pub fn expects_actors(&self) -> bool {
        let status = &self.actor_status;
        if status.unavailable.is_some() {
            return false;
        }
        let placing = self.placing.is_some_and(|index| {
            self.mentions
                .get(index)
                .and_then(Option::as_ref)
                .is_some_and(|mentions| !mentions.is_placed())
        });
        status.found < status.requested || placing
    }

    /// True while derived state needs more updates to be complete, with no news to come:
    /// the sidebar's co-occurring actors are counted a slice per update.
    pub fn is_counting(&self) -> bool {
        self.sidebar.is_counting()
            || self
                .search
                .active
                .as_ref()
                .is_some_and(|search| !search.is_done(&self.store))
    }

    /// The passing status message.
    pub fn message(&self) -> Option<&StatusMessage> {
        self.message.as_ref()
    }

    /// Layout options for article `index`: its direction override, the shaping switch, and
    /// right-to-left for paragraphs with no strong letter when its language is written so.
    pub fn layout_options(&self, index: usize) -> LayoutOptions {
        let article = self.store.get(index);
        let direction = article
            .and_then(|a| self.directions.get(&a.id()).copied())
            .unwrap_or(self.default_direction);
        let neutral = match article.and_then(Article::language) {
            Some(language) if is_rtl_language(language) => Direction::Rtl,
            _ => Direction::Ltr,
        };
        LayoutOptions {
            direction,
            neutral,
            shaping: self.shaping,
        }
    }

    /// Article `index`'s title as one line at most `max_width` cells wide, shortened at its
    /// logical end (cached per article, width and layout options).
    pub fn fitted_title(&self, index: usize, max_width: usize) -> Arc<VisualLine> {
        let title = self.store.get(index).map_or("", Article::title);
        self.fitted
            .fit(title, max_width, &self.layout_options(index))
    }

    /// The cache for short texts drawn every frame (names, titles): see [`FitCache`].
    pub fn fit_cache(&self) -> &FitCache {
        &self.fitted
    }

    /// Names and kind of an actor.
    pub fn actor_names(&self, key: ActorKey) -> ActorNames<'_> {
        match key {
            ActorKey::Lexicon(n) => {
                let actor = self
                    .lexicon
                    .as_ref()
                    .and_then(|lexicon| lexicon.actors().get(n as usize));
                ActorNames {
                    kind: actor.map(|a| a.kind),
                    arabic: actor.and_then(|a| a.name.ar.as_deref()),
                    english: actor.and_then(|a| a.name.en.as_deref()),
                    confirmed: true,
                }
            }
            ActorKey::Proposed(_) => {
                // As an article writes it: the normalised name has lost hamza seats, taa
                // marbuta and capitals.
                let name = self.store.proposed_display(key);
                let rtl = name.and_then(first_strong_direction) == Some(Direction::Rtl);
                ActorNames {
                    kind: None,
                    arabic: name.filter(|_| rtl),
                    english: name.filter(|_| !rtl),
                    confirmed: false,
                }
            }
        }
    }

    /// The source line under an article's title: source, feed, author, date, language,
    /// paragraphs and switches, each part a bidi isolate.
    pub fn meta_line(&self, index: usize) -> String {
        let Some(article) = self.store.get(index) else {
            return String::new();
        };
        let source = match article.source() {
            SourceRef::Stdin => "standard input".to_string(),
            other => other.to_string(),
        };
        let mut parts = vec![source];
        parts.extend(
            [article.feed(), article.author(), article.published()]
                .into_iter()
                .flatten()
                .map(str::to_string),
        );
        if let Some(language) = article.language() {
            parts.push(language.to_string());
        }
        parts.push(match article.paragraph_count() {
            1 => "1 paragraph".to_string(),
            n => format!("{n} paragraphs"),
        });
        let options = self.layout_options(index);
        match options.direction {
            BaseDirection::Auto => {}
            BaseDirection::Rtl => parts.push("direction rtl".to_string()),
            BaseDirection::Ltr => parts.push("direction ltr".to_string()),
        }
        if !options.shaping {
            parts.push("shaping off".to_string());
        }
        // Each part in an isolate (FSI … PDI): an Arabic feed name next to a date or a path
        // must not reorder them across the separators.
        parts
            .iter()
            .map(|part| format!("\u{2068}{part}\u{2069}"))
            .collect::<Vec<_>>()
            .join(" · ")
    }

    // ----- changing the state -----

    /// Applies one action. Pure: no I/O; what the runner must do comes back as effects.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        self.update_all([action])
    }

    /// Applies actions in order and brings derived state (layout, sidebar, co-occurrences)
    /// up to date once at the end: for a burst of background news between two frames.
    pub fn update_all(&mut self, actions: impl IntoIterator<Item = Action>) -> Vec<Effect> {
        let mut effects = Vec::new();
        for action in actions {
            if action.is_from_user() {
                self.message = None;
            }
            effects.extend(self.apply(action));
        }
        self.sync();
        effects.extend(self.request_places());
        self.track_position();
        if !self.changes.is_empty() {
            let seq = self.next_save;
            self.next_save += 1;
            let changes = std::mem::take(&mut self.changes);
            for change in &changes {
                let kind = match change.field {
                    Field::Read(_) => 0,
                    Field::Starred(_) => 1,
                    Field::Position(_) => 2,
                };
                self.unconfirmed
                    .insert((change.article, kind), (seq, *change));
            }
            effects.insert(0, Effect::SaveState { seq, changes });
        }
        if std::mem::take(&mut self.search.session_changed) {
            effects.insert(0, Effect::RememberSearches(self.search.session.clone()));
        }
        effects
    }

    fn apply(&mut self, action: Action) -> Vec<Effect> {
        if let Some(motion) = Motion::of(&action) {
            if self.help.is_some() {
                self.scroll_help(motion);
            } else {
                self.move_in(self.focus, motion);
            }
            return Vec::new();
        }
        match action {
            Action::Quit => return vec![Effect::Quit],
            Action::Suspend => return vec![Effect::Suspend],
            Action::ToggleHelp => {
                self.help = if self.help.is_some() { None } else { Some(0) };
            }
            Action::CloseHelp => self.help = None,
            Action::Resize { width, height } => {
                // Keep the paragraph in view, whatever the new width does to line numbers.
                if let Some(position) = self.reader_position() {
                    self.reader.restore = Some(position);
                }
                self.area = Rect::new(0, 0, width, height);
            }
            Action::StateLoaded(state) => self.state_loaded(state),
            // Marks from other sahifa processes show up; the list rows stay as they are until
            // the view changes, like after a change made here.
            Action::StateSynced { state, through } => self.adopt(state, through),
            Action::Click { column, row } => self.click(column, row),
            Action::Wheel { column, row, lines } => {
                if self.help.is_some() {
                    self.scroll_help(Motion::Lines(isize::from(lines)));
                } else if let Some(pane) = self.screen.pane_at(column, row) {
                    self.move_in(pane, Motion::Lines(isize::from(lines)));
                }
            }
            Action::Notice(text) => self.say(text, true),
            Action::ArticlesLoaded(articles) => return self.articles_loaded(articles),
            Action::LoadWarning(warning) => {
                self.load.warnings += 1;
                self.say(warning.to_string(), true);
            }
            Action::LoadProgress { done, total } => {
                self.load.done = done;
                self.load.total = total;
            }
            Action::LoadFinished(summary) => self.load_finished(&summary),
            Action::LexiconReady(lexicon) => {
                self.lexicon = Some(lexicon);
                self.sidebar_stale = true;
            }
            Action::ActorsUnavailable(reason) => {
                self.say(reason.clone(), true);
                self.actor_status.unavailable = Some(reason);
            }
            Action::ActorsFound { article, actors } => {
                self.actors_found(article, actors);
                return self.next_actor_jobs();
            }
            // Everything below is a person's request; the help overlay takes none of them.
            _ if self.help.is_some() => {}
            Action::StartSearch => self.search.open_prompt(),
            Action::SearchInput(character) => self.search.edit(|prompt| {
                if !character.is_control() && prompt.chars().count() < search::PROMPT_MAX_CHARS {
                    prompt.push(character);
                }
            }),
            Action::SearchPaste(text) => {
                self.search.edit(|prompt| search::paste_into(prompt, &text))
            }
            Action::SearchBackspace => self
                .search
                .edit(|prompt| prompt.truncate(last_cluster_start(prompt))),
            Action::SearchClearInput => self.search.edit(String::clear),
            Action::SearchOlder => self.search.step_history(true),
            Action::SearchNewer => self.search.step_history(false),
            Action::SearchHistoryLoaded(saved) => self.search.adopt_history(saved),
            Action::SubmitSearch => {
                if let Some(typed) = self.search.take_prompt() {
                    self.submit_search(&typed);
                }
            }
            Action::CancelSearch => {
                self.search.take_prompt();
            }
            Action::FocusNext => self.cycle_focus(1),
            Action::FocusPrevious => self.cycle_focus(-1),
            Action::ToggleList => self.toggle_pane(Pane::List),
            Action::ToggleSidebar => self.toggle_pane(Pane::Actors),
            Action::ToggleMirrored => self.panes.mirrored = !self.panes.mirrored,
            Action::Activate => self.activate(),
            // A search first, then the actor filter: Esc steps back one at a time.
            Action::ClearFilter if self.search.active.is_some() => self.set_search(None),
            Action::ClearFilter => self.set_filter(None),
            Action::ToggleAllActors => {
                self.sidebar.mode = match self.sidebar.mode {
                    SidebarMode::Article => SidebarMode::All,
                    SidebarMode::All => SidebarMode::Article,
                };
                self.sidebar.offset = 0;
                self.sidebar_stale = true;
            }
            Action::ToggleRead => self.toggle_flag(false),
            Action::OpenLink => return self.open_link(),
            Action::ToggleStarred => self.toggle_flag(true),
            Action::CycleView => {
                self.view = self.view.next();
                self.refresh_rows();
                let text = match self.view.name() {
                    None => "showing every article".to_string(),
                    Some(name) => format!("showing {name} articles only"),
                };
                self.say(text, false);
            }
            Action::NextMention => self.jump_to_mention(true),
            Action::PreviousMention => self.jump_to_mention(false),
            Action::CycleDirection => self.cycle_direction(),
            Action::ToggleShaping => {
                self.shaping = !self.shaping;
                let text = if self.shaping {
                    "Arabic letters joined by sahifa (for terminals that do not join them)"
                } else {
                    "Arabic letters left unjoined (for terminals that join them themselves)"
                };
                self.say(text.to_string(), false);
            }
            // Handled above: movements.
            Action::Down
            | Action::Up
            | Action::HalfPageDown
            | Action::HalfPageUp
            | Action::PageDown
            | Action::PageUp
            | Action::Top
            | Action::Bottom => {}
        }
        Vec::new()
    }

    fn say(&mut self, text: String, is_warning: bool) {
        self.message = Some(StatusMessage { text, is_warning });
    }

    fn scroll_help(&mut self, motion: Motion) {
        let height = self.screen.help_rows(self.help_len);
        let last = self.help_len.saturating_sub(height);
        if let Some(scroll) = self.help {
            self.help = Some(motion.apply(scroll, last, height, true));
        }
    }

    fn body_height(&self, pane: Pane) -> usize {
        let Some(area) = self.screen.pane(pane) else {
            return 0;
        };
        match pane {
            Pane::Actors => {
                let (list, _) = split_body(area.body, self.sidebar.co_rows());
                usize::from(list.height)
            }
            Pane::List | Pane::Reader => usize::from(area.body.height),
        }
    }

    fn move_in(&mut self, pane: Pane, motion: Motion) {
        let height = self.body_height(pane);
        match pane {
            Pane::List => {
                let last = self.list_rows().len().saturating_sub(1);
                self.list.selected = motion.apply(self.list.selected, last, height, false);
            }
            Pane::Reader => {
                let lines = self.reader.document.as_ref().map_or(0, |d| d.lines.len());
                let last = lines.saturating_sub(height);
                self.reader.scroll = motion.apply(self.reader.scroll, last, height, true);
            }
            Pane::Actors => match motion {
                Motion::Top => self.sidebar.select_end(false),
                Motion::Bottom => self.sidebar.select_end(true),
                _ => {
                    let steps = motion.steps(height, false).unwrap_or(0);
                    self.sidebar.move_selection(steps);
                }
            },
        }
    }

    fn click(&mut self, column: u16, row: u16) {
        if self.help.take().is_some() {
            return;
        }
        let Some(pane) = self.screen.pane_at(column, row) else {
            return;
        };
        self.focus = pane;
        let Some(area) = self.screen.pane(pane).copied() else {
            return;
        };
        match pane {
            Pane::List => {
                if row < area.body.y || row >= area.body.bottom() {
                    return;
                }
                let clicked = self.list.offset + usize::from(row - area.body.y);
                if let Some(article) = self.list_rows().get(clicked) {
                    self.list.selected = clicked;
                    self.open(article);
                    self.mark_read(article);
                }
            }
            Pane::Actors => {
                let (list, _) = split_body(area.body, self.sidebar.co_rows());
                if row < list.y || row >= list.bottom() {
                    return;
                }
                let clicked = self.sidebar.offset + usize::from(row - list.y);
                if let Some(key) = self.sidebar.actor_at(clicked) {
                    self.sidebar.selected = Some(clicked);
                    self.set_filter(Some(key));
                }
            }
            Pane::Reader => {}
        }
    }

    fn cycle_focus(&mut self, step: isize) {
        let wanted: Vec<Pane> = Pane::ORDER
            .into_iter()
            .filter(|&pane| self.panes.is_wanted(pane))
            .collect();
        let at = wanted.iter().position(|&p| p == self.focus).unwrap_or(0);
        let next = at.saturating_add_signed(step + wanted.len() as isize) % wanted.len().max(1);
        self.focus = wanted.get(next).copied().unwrap_or(Pane::Reader);
    }

    /// Hides a shown pane, or shows a hidden one and focuses it (so that it appears even
    /// where the terminal is too narrow for all panes).
    fn toggle_pane(&mut self, pane: Pane) {
        let shown = match pane {
            Pane::List => &mut self.panes.list,
            Pane::Actors => &mut self.panes.sidebar,
            Pane::Reader => return,
        };
        if *shown && !self.screen.is_shown(pane) {
            // Wanted but collapsed for lack of room: bring it in.
            self.focus = pane;
            return;
        }
        *shown = !*shown;
        if *shown {
            self.focus = pane;
        } else if self.focus == pane {
            self.focus = Pane::Reader;
        }
    }

    fn activate(&mut self) {
        match self.focus {
            Pane::List => {
                if let Some(article) = self.selected_article() {
                    self.open(article);
                    self.mark_read(article);
                    self.focus = Pane::Reader;
                }
            }
            Pane::Actors => {
                let selected = self.sidebar.selected_actor();
                if selected.is_some() && selected == self.filter {
                    self.set_filter(None);
                } else if selected.is_some() {
                    self.set_filter(selected);
                }
            }
            Pane::Reader => {}
        }
    }

    /// Shows `article` in the reader, where reading it stopped last time. Does not mark it
    /// read: the first article is shown on its own at startup.
    fn open(&mut self, article: usize) {
        if self.reader.article != Some(article) {
            self.reader.article = Some(article);
            self.reader.scroll = 0;
            self.reader.restore = self
                .store
                .get(article)
                .and_then(|a| self.reading.position(a.id()));
            self.reader.tracked = self.reader.restore;
            self.reader.mention = None;
            self.reader.to_first_hit = self.search.active.is_some();
            self.sidebar_stale = true;
            if self.sidebar.mode == SidebarMode::Article {
                self.sidebar.selected = None;
                self.sidebar.offset = 0;
            }
        }
    }

    /// Records a change to the reading state (to be saved) when it changes anything.
    fn change(&mut self, article: usize, field: Field) -> bool {
        let Some(id) = self.store.get(article).map(Article::id) else {
            return false;
        };
        let change = Change { article: id, field };
        let changed = self.reading.apply(change);
        if changed {
            self.changes.push(change);
        }
        changed
    }

    fn mark_read(&mut self, article: usize) {
        self.change(article, Field::Read(true));
    }

    /// `r` and `f`: the selected article in the list, else the open one.
    /// The effect that opens the target article's link, or a message why there is none.
    fn open_link(&mut self) -> Vec<Effect> {
        let Some(article) = self
            .target_article()
            .and_then(|index| self.store.get(index))
        else {
            self.say("No article to open".to_string(), false);
            return Vec::new();
        };
        let link = article
            .url()
            .map(|url| web_address(url).map(str::to_string));
        match link {
            Some(Some(url)) => {
                self.say(format!("opening {url}"), false);
                vec![Effect::OpenLink(url)]
            }
            Some(None) => {
                self.say("The article's link is not a web address".to_string(), true);
                Vec::new()
            }
            None => {
                self.say("This article has no link".to_string(), false);
                Vec::new()
            }
        }
    }

    /// The article a request about "the article" is for: the selected one in the list, else
    /// the open one.
    fn target_article(&self) -> Option<usize> {
        match self.focus {
            Pane::List => self.selected_article(),
            Pane::Reader | Pane::Actors => self.reader.article,
        }
    }

    fn toggle_flag(&mut self, starred: bool) {
        let Some(article) = self.target_article() else {
            self.say("No article to mark".to_string(), false);
            return;
        };
        let (field, text) = if starred {
            let on = !self.is_starred(article);
            (Field::Starred(on), if on { "starred" } else { "unstarred" })
        } else {
            let on = !self.is_read(article);
            (
                Field::Read(on),
                if on { "marked read" } else { "marked unread" },
            )
        };
        self.change(article, field);
        self.say(text.to_string(), false);
    }

    /// Adopts `state` as read from disk, keeping this session's changes not in it yet
    /// (those of batches after `through`, and those not handed out at all).
    fn adopt(&mut self, mut state: ReadingState, through: u64) {
        self.unconfirmed.retain(|_, (seq, _)| *seq > through);
        for (_, change) in self.unconfirmed.values() {
            state.apply(*change);
        }
        for change in &self.changes {
            state.apply(*change);
        }
        self.reading = state;
    }

    /// The state of earlier sessions, at startup: restores the open article's position.
    fn state_loaded(&mut self, state: ReadingState) {
        self.adopt(state, 0);
        if let Some(article) = self.reader.article
            && self.reader.scroll == 0
        {
            self.reader.restore = self
                .store
                .get(article)
                .and_then(|a| self.reading.position(a.id()));
            self.reader.tracked = self.reader.restore;
        }
        self.refresh_rows();
    }

    /// Recomputes the rows of an unread or starred view or of a search, keeping the selected
    /// article selected when it is still listed.
    fn refresh_rows(&mut self) {
        let selected = self.selected_article();
        if let Some(search) = &self.search.active {
            self.view_rows = search
                .matches
                .iter()
                .copied()
                .filter(|&i| self.is_in_view(i) && self.names_filter_actor(i))
                .collect();
        } else if self.view != ListView::All {
            let base = match self.filter {
                Some(key) => ArticleRows::Filtered(self.store.articles_with_actor(key)),
                None => ArticleRows::All(self.store.len()),
            };
            self.view_rows = base.indices().filter(|&i| self.is_in_view(i)).collect();
        } else {
            self.view_rows = Vec::new();
        }
        let rows = self.list_rows();
        self.list.selected = selected.and_then(|a| rows.position(a)).unwrap_or(0);
    }

    /// True when article `index` belongs to the list view (all, unread, starred).
    fn is_in_view(&self, index: usize) -> bool {
        match self.view {
            ListView::All => true,
            ListView::Unread => !self.is_read(index),
            ListView::Starred => self.is_starred(index),
        }
    }

    /// True when there is no actor filter or article `index` names its actor.
    fn names_filter_actor(&self, index: usize) -> bool {
        self.filter.is_none_or(|key| {
            self.store
                .actors_of(index)
                .iter()
                .any(|&(actor, _)| actor == key)
        })
    }

    /// Starts a search for `typed`, or drops the search when it is blank.
    fn submit_search(&mut self, typed: &str) {
        if typed.trim().is_empty() {
            self.set_search(None);
            return;
        }
        match Query::new(typed) {
            Some(query) => {
                self.search.remember(typed);
                self.set_search(Some(query));
            }
            None => self.say(
                "Nothing to search for: harakat and tatweel alone match everything".to_string(),
                true,
            ),
        }
    }

    /// Lists the articles that match `query` (found a slice per update, see
    /// [`SEARCH_SLICE_BYTES`]) and highlights its hits, or goes back to the list without one.
    fn set_search(&mut self, query: Option<Query>) {
        self.search.generation += 1;
        self.reader.mention = None;
        self.list.offset = 0;
        self.list.selected = 0;
        self.search.active = query.map(|query| ActiveSearch {
            query,
            matches: Vec::new(),
            scanned: 0,
            generation: self.search.generation,
            announced: false,
        });
        let selected = self.reader.article;
        self.refresh_rows();
        // Back to the whole list: the open article stays selected.
        if self.search.active.is_none() {
            let rows = self.list_rows();
            self.list.selected = selected.and_then(|a| rows.position(a)).unwrap_or(0);
            self.say("search cleared".to_string(), false);
        }
    }

    /// Scans the next slice of the store for the active search and lists what matches.
    fn advance_search(&mut self) {
        let Some(search) = &mut self.search.active else {
            return;
        };
        if !search.is_done(&self.store) {
            let new = search.scan(&self.store, SEARCH_SLICE_BYTES);
            let found: Vec<usize> = search.matches[new].to_vec();
            for index in found {
                if self.is_in_view(index) && self.names_filter_actor(index) {
                    self.view_rows.push(index);
                }
            }
        }
        let Some(search) = &mut self.search.active else {
            return;
        };
        if search.is_done(&self.store) && self.load.finished && !search.announced {
            search.announced = true;
            let search = self.search.active.as_ref().expect("checked above");
            let text = match search.matches.len() {
                0 => format!("no article has \u{2068}{}\u{2069}", search.query.text()),
                1 => format!("1 article has \u{2068}{}\u{2069}", search.query.text()),
                n => format!("{n} articles have \u{2068}{}\u{2069}", search.query.text()),
            };
            self.say(text, false);
        }
    }

    /// Where the reader is in the open article, when it is laid out; `None` at the top.
    fn reader_position(&self) -> Option<Position> {
        let document = self.reader.document.as_ref()?;
        if self.reader.laid_out != self.reader.article || self.reader.scroll == 0 {
            return None;
        }
        let block = document.lines.get(self.reader.scroll)?.block;
        let first = document.lines.iter().position(|l| l.block == block)?;
        Some(Position {
            paragraph: u32::try_from(block).unwrap_or(u32::MAX),
            line: u32::try_from(self.reader.scroll - first).unwrap_or(u32::MAX),
        })
    }

    /// Records the open article's position when it moved (scrolling, a mention jump…).
    fn track_position(&mut self) {
        let Some(article) = self.reader.article else {
            return;
        };
        if self.reader.restore.is_some() || self.reader.laid_out != Some(article) {
            return;
        }
        let position = self.reader_position();
        if self.reader.tracked != position {
            self.reader.tracked = position;
            self.change(article, Field::Position(position));
        }
    }

    /// Filters the list by `actor` (and highlights its mentions), keeping the selected
    /// article selected when it is still listed.
    fn set_filter(&mut self, actor: Option<ActorKey>) {
        if self.filter == actor {
            return;
        }
        let selected = self.selected_article();
        self.filter = actor;
        self.reader.mention = None;
        self.refresh_rows();
        let rows = self.list_rows();
        self.list.selected = selected.and_then(|a| rows.position(a)).unwrap_or(0);
        self.list.offset = 0;
        if let Some(key) = actor {
            let name = self.actor_names(key).display(key);
            let text = match self.list_rows().len() {
                1 => format!("1 article names {name}"),
                n => format!("{n} articles name {name}"),
            };
            self.say(text, false);
        }
    }

    /// `n`/`N`: to the next or previous hit of the search, or mention of the highlighted
    /// actor when there is no search.
    fn jump_to_mention(&mut self, forward: bool) {
        let searched = self
            .search
            .active
            .as_ref()
            .map(|search| search.query.text().to_string());
        if searched.is_none() && self.filter.is_none() {
            self.say(
                "Nothing is highlighted: search with /, or choose an actor in the actors pane \
                 with Enter"
                    .to_string(),
                false,
            );
            return;
        }
        let Some(document) = self.reader.document.clone() else {
            return;
        };
        let count = document.mentions.len();
        if count == 0 {
            let text = match (&searched, self.filter) {
                (Some(query), _) => format!("This article does not have \u{2068}{query}\u{2069}"),
                (None, Some(key)) => {
                    let name = self.actor_names(key).display(key);
                    format!("This article does not name {name}")
                }
                (None, None) => return,
            };
            self.say(text, false);
            return;
        }
        let height = self.body_height(Pane::Reader).max(1);
        let next = match (self.reader.mention, forward) {
            (Some(i), true) => (i + 1) % count,
            (Some(i), false) => (i + count - 1) % count,
            (None, true) => document
                .mentions
                .iter()
                .position(|m| m.line >= self.reader.scroll)
                .unwrap_or(0),
            (None, false) => document
                .mentions
                .iter()
                .rposition(|m| m.line < self.reader.scroll + height)
                .unwrap_or(count - 1),
        };
        let wrapped = matches!(self.reader.mention, Some(i) if (forward && next <= i) || (!forward && next >= i));
        self.reader.mention = Some(next);
        let line = document.mentions[next].line;
        if line < self.reader.scroll || line >= self.reader.scroll + height {
            let last = document.lines.len().saturating_sub(height);
            self.reader.scroll = line.saturating_sub(height / 3).min(last);
        }
        let noun = if searched.is_some() { "hit" } else { "mention" };
        let mut text = format!("{noun} {}/{count}", next + 1);
        if wrapped {
            text.push_str(if forward {
                " (from the top)"
            } else {
                " (from the end)"
            });
        }
        self.say(text, false);
    }

    fn cycle_direction(&mut self) {
        let Some(article) = self.open_article() else {
            return;
        };
        let id = article.id();
        let current = self
            .directions
            .get(&id)
            .copied()
            .unwrap_or(self.default_direction);
        let next = match current {
            BaseDirection::Auto => BaseDirection::Rtl,
            BaseDirection::Rtl => BaseDirection::Ltr,
            BaseDirection::Ltr => BaseDirection::Auto,
        };
        if next == self.default_direction {
            self.directions.remove(&id);
        } else {
            self.directions.insert(id, next);
        }
        self.reader.mention = None;
        let name = match next {
            BaseDirection::Auto => "auto (each paragraph by its first strong letter)",
            BaseDirection::Rtl => "right-to-left",
            BaseDirection::Ltr => "left-to-right",
        };
        self.say(format!("direction: {name}"), false);
    }

    fn articles_loaded(&mut self, articles: Vec<Article>) -> Vec<Effect> {
        let added = self.store.extend(articles).added;
        self.mentions.resize(self.store.len(), None);
        if self.view != ListView::All {
            self.refresh_rows();
        }
        if self.reader.article.is_none()
            && let Some(first) = self.list_rows().get(0)
        {
            self.open(first);
        }
        if self.sidebar.mode == SidebarMode::All {
            self.sidebar_stale = true;
        }
        if self.actor_status.unavailable.is_some() || added.is_empty() {
            return Vec::new();
        }
        self.actor_status.requested += added.len();
        self.actor_queue.push_back(added);
        self.next_actor_jobs()
    }

    /// Hands the actor finder the next articles waiting, keeping at most [`ACTOR_WINDOW`]
    /// in its hands: a job carries a copy of its article's text, so a 700 MB source queued
    /// at once would hold a second copy of it.
    fn next_actor_jobs(&mut self) -> Vec<Effect> {
        if self.actor_status.unavailable.is_some() {
            self.actor_queue.clear();
            return Vec::new();
        }
        let in_flight = self.actor_status.requested
            - self.actor_status.found
            - self
                .actor_queue
                .iter()
                .map(ExactSizeIterator::len)
                .sum::<usize>();
        let mut room = ACTOR_WINDOW.saturating_sub(in_flight);
        let mut jobs = Vec::new();
        while room > 0
            && let Some(waiting) = self.actor_queue.front_mut()
        {
            let Some(index) = waiting.next() else {
                self.actor_queue.pop_front();
                continue;
            };
            room -= 1;
            jobs.extend(self.actor_job(index, false));
        }
        if self.actor_queue.front().is_some_and(|r| r.is_empty()) {
            self.actor_queue.pop_front();
        }
        if jobs.is_empty() {
            Vec::new()
        } else {
            vec![Effect::FindActors(jobs)]
        }
    }

    /// A job for article `index` (none if there is no such article).
    fn actor_job(&self, index: usize, places: bool) -> Option<ActorJob> {
        let article = self.store.get(index)?;
        let paragraphs = std::iter::once(article.title())
            .chain(article.paragraphs().map(|p| p.text()))
            .map(str::to_string)
            .collect();
        Some(ActorJob {
            article: index,
            paragraphs,
            places,
        })
    }

    /// Asks for the open article's mention places when a filter wants them highlighted and
    /// only its counts are known (they came from the actor cache). Once per article.
    fn request_places(&mut self) -> Option<Effect> {
        let index = self.reader.article?;
        self.filter?;
        let mentions = self.mentions.get(index)?.as_ref()?;
        if mentions.is_placed() || self.placing == Some(index) {
            return None;
        }
        self.placing = Some(index);
        Some(Effect::FindActors(vec![self.actor_job(index, true)?]))
    }

    fn load_finished(&mut self, summary: &LoadSummary) {
        self.load.finished = true;
        if self.store.is_empty() {
            let text = if summary.warnings > 0 {
                "Nothing to read: every source was skipped (see the warnings above)"
            } else {
                "Nothing to read: the sources hold no articles"
            };
            self.say(text.to_string(), true);
        }
    }

    fn actors_found(&mut self, article: usize, actors: crate::actors::ArticleActors) {
        // A second answer for an article places mentions its first one only counted.
        let first_answer = self.mentions.get(article).is_some_and(Option::is_none);
        if first_answer {
            self.actor_status.found += 1;
        }
        let mentions = match ArticleMentions::from_matcher(actors, &mut self.store) {
            Ok(mentions) => mentions,
            Err(error) => {
                self.say(format!("actors of article {article}: {error}"), true);
                return;
            }
        };
        let before = self.store.actors_of(article).to_vec();
        if let Err(error) = self.store.set_actors(article, mentions.counts()) {
            self.say(format!("actors of article {article}: {error}"), true);
            return;
        }
        self.sidebar
            .actors_changed(article, &before, self.store.actors_of(article));
        if let Some(slot) = self.mentions.get_mut(article) {
            *slot = Some(mentions);
        }
        let listed_by_search = self
            .search
            .active
            .as_ref()
            .is_some_and(|search| search.matches.binary_search(&article).is_ok());
        if self.filter.is_some() && (listed_by_search || self.view != ListView::All) {
            self.refresh_rows();
        }
        if self.reader.article == Some(article) {
            if let Some(id) = self.store.get(article).map(Article::id) {
                self.reader.cache.forget_documents(id);
            }
            self.sidebar_stale = true;
        }
        if self.sidebar.mode == SidebarMode::All {
            self.sidebar_stale = true;
        }
    }

    /// Brings derived state up to date: the screen layout, list bounds, the open article's
    /// layout at the reader's width, the sidebar rows and scroll positions.
    fn sync(&mut self) {
        if !self.panes.is_wanted(self.focus) {
            self.focus = Pane::Reader;
        }
        self.screen = ScreenLayout::new(self.area, &self.panes, self.focus);
        self.advance_search();

        let rows = self.list_rows().len();
        self.list.selected = self.list.selected.min(rows.saturating_sub(1));
        let height = self.body_height(Pane::List);
        self.list.offset = keep_visible(self.list.selected, self.list.offset, height, rows);

        self.sync_reader();

        if self.sidebar_stale {
            let open = self
                .reader
                .article
                .map(|index| self.mentions.get(index).and_then(Option::as_ref));
            self.sidebar.rebuild(open, &self.store);
            self.sidebar_stale = false;
        }
        self.sidebar.refresh_co_occurring(&self.store);
        let height = self.body_height(Pane::Actors);
        self.sidebar.keep_selection_visible(height);

        if let Some(scroll) = self.help {
            let height = self.screen.help_rows(self.help_len);
            self.help = Some(scroll.min(self.help_len.saturating_sub(height)));
        }
    }

    fn sync_reader(&mut self) {
        let (Some(index), Some(area)) = (self.reader.article, self.screen.reader) else {
            return;
        };
        let Some(article) = self.store.get(index) else {
            return;
        };
        let key = DocumentKey {
            article: article.id(),
            width: area.body.width,
            options: self.layout_options(index),
            highlight: self.filter,
            search: self.search.active.as_ref().map(|search| search.generation),
        };
        let meta = self.meta_line(index);
        let query = self.search.active.as_ref().map(|search| &search.query);
        let hits = || {
            query.map_or_else(Vec::new, |query| {
                query
                    .hits(article)
                    .into_iter()
                    .map(|hit| MentionPlace::new(hit.block, hit.range))
                    .collect()
            })
        };
        let places: &[MentionPlace] = self
            .filter
            .and_then(|actor| {
                let mentions = self.mentions.get(index)?.as_ref()?;
                Some(mentions.places(mentions.get(actor)?))
            })
            .unwrap_or(&[]);
        let document = self
            .reader
            .cache
            .document(key, article, &meta, places, hits);
        let height = usize::from(area.body.height);
        if let Some(position) = self.reader.restore.take() {
            self.reader.scroll = scroll_of(&document, position);
        }
        self.reader.laid_out = Some(index);
        if std::mem::take(&mut self.reader.to_first_hit)
            && key.search.is_some()
            && let Some(first) = document.mentions.first()
        {
            self.reader.mention = Some(0);
            self.reader.scroll = first.line.saturating_sub(height / 3);
        }
        self.reader.scroll = self
            .reader
            .scroll
            .min(document.lines.len().saturating_sub(height));
        if self
            .reader
            .mention
            .is_some_and(|i| i >= document.mentions.len())
        {
            self.reader.mention = None;
        }
        self.reader.document = Some(document);
    }
}

/// Where the last grapheme cluster of `text` starts (a letter with its marks).
fn last_cluster_start(text: &str) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    text.grapheme_indices(true)
        .next_back()
        .map_or(0, |(start, _)| start)
}

/// The first line of `position` in `document`: the line that far into its block, or the
/// block's last line (at another width it may have fewer lines), or the end.
fn scroll_of(document: &Document, position: Position) -> usize {
    let block = position.paragraph as usize;
    let Some(first) = document.lines.iter().position(|l| l.block == block) else {
        return document.lines.len();
    };
    let end = document.lines[first..]
        .iter()
        .position(|l| l.block != block)
        .map_or(document.lines.len(), |n| first + n);
    (first + position.line as usize).min(end.saturating_sub(1))
}

/// The offset that keeps row `selected` among `height` rows shown, moving as little as
/// possible from `offset`.
fn keep_visible(selected: usize, offset: usize, height: usize, rows: usize) -> usize {
    let height = height.max(1);
    let offset = if selected < offset {
        selected
    } else if selected >= offset + height {
        selected + 1 - height
    } else {
        offset
    };
    offset.min(rows.saturating_sub(height))
}

/// `url` if it is an http or https address a browser may be given: no controls, no spaces,
/// and nothing a program could take for an option.
fn web_address(url: &str) -> Option<&str> {
    let url = url.trim();
    // A scheme, and a host after it.
    let scheme_ok = ["http://", "https://"].iter().any(|scheme| {
        url.len() > scheme.len()
            && url
                .get(..scheme.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(scheme))
    });
    let clean = !url.chars().any(|c| c.is_control() || c.is_whitespace());
    (scheme_ok && clean).then_some(url)
}

#[cfg(test)]
mod tests;
