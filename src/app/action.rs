//! `Action`: everything that can change the app, as data. Keys become actions in the keymap;
//! the runner turns mouse, resize and background events into actions too.

use std::sync::Arc;

use crate::actors::{ArticleActors, Lexicon};
use crate::state::ReadingState;
use crate::store::{Article, LoadSummary, LoadWarning};

/// One input to [`App::update`](super::App::update).
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    // Moving in the focused pane (or in the help overlay when it is open).
    /// One line or one item down.
    Down,
    /// One line or one item up.
    Up,
    /// Half a page down.
    HalfPageDown,
    /// Half a page up.
    HalfPageUp,
    /// A page down.
    PageDown,
    /// A page up.
    PageUp,
    /// To the first line or item.
    Top,
    /// To the last line or item.
    Bottom,

    // Panes.
    /// Focus the next pane (list → reader → actors).
    FocusNext,
    /// Focus the previous pane.
    FocusPrevious,
    /// Show or hide the article list.
    ToggleList,
    /// Show or hide the actor sidebar.
    ToggleSidebar,
    /// Swap the sides of the list and the sidebar.
    ToggleMirrored,
    /// Show or hide the help overlay.
    ToggleHelp,
    /// Close the help overlay.
    CloseHelp,

    // Articles and actors.
    /// Enter: open the selected article (list) or filter by the selected actor (sidebar).
    Activate,
    /// Drop the actor filter and highlight.
    ClearFilter,
    /// Sidebar: actors of the open article ↔ every actor in the store.
    ToggleAllActors,
    /// Scroll to the next mention of the highlighted actor.
    NextMention,
    /// Scroll to the previous mention of the highlighted actor.
    PreviousMention,
    /// The open article's base direction: auto → rtl → ltr → auto.
    CycleDirection,
    /// Arabic shaping (presentation forms) on or off.
    ToggleShaping,

    // Search.
    /// Open the search prompt.
    StartSearch,
    /// A character typed into the search prompt.
    SearchInput(char),
    /// Text pasted into the search prompt (bracketed paste): whitespace runs, line breaks
    /// included, become one space; controls go.
    SearchPaste(String),
    /// Delete the prompt's last character (with its marks).
    SearchBackspace,
    /// Empty the prompt.
    SearchClearInput,
    /// Search for what the prompt holds (empty: drop the search).
    SubmitSearch,
    /// Close the prompt, leaving the search as it was.
    CancelSearch,
    /// Put the query searched before the one in the prompt into it (search history).
    SearchOlder,
    /// Put the query searched after the one in the prompt into it, or back what was typed.
    SearchNewer,
    /// The queries of earlier sessions (the search history file), oldest first.
    SearchHistoryLoaded(Vec<String>),

    /// Open the article's link in the browser (the selected one in the list, else the open
    /// one).
    OpenLink,

    // Reading state.
    /// Mark the article read or unread (the selected one in the list, else the open one).
    ToggleRead,
    /// Star or unstar the article (the selected one in the list, else the open one).
    ToggleStarred,
    /// The list shows all articles → only unread → only starred → all.
    CycleView,

    // The session.
    /// Leave sahifa.
    Quit,
    /// Stop sahifa and return to the shell (Ctrl-Z); `fg` brings it back.
    Suspend,

    // From the terminal.
    /// The terminal has this many columns and rows.
    Resize {
        /// Columns.
        width: u16,
        /// Rows.
        height: u16,
    },
    /// A mouse click at this cell.
    Click {
        /// Column, from 0.
        column: u16,
        /// Row, from 0.
        row: u16,
    },
    /// The mouse wheel turned over this cell: positive `lines` scroll down.
    Wheel {
        /// Column, from 0.
        column: u16,
        /// Row, from 0.
        row: u16,
        /// Lines to scroll; negative is up.
        lines: i16,
    },
    /// Something the user should know once (advice about the terminal, say).
    Notice(String),

    // From the background.
    /// The reading state saved by earlier sessions (read, starred, positions).
    StateLoaded(ReadingState),
    /// The reading state on disk after a save, with other processes' changes: it includes
    /// this app's `SaveState` batches up to `through`.
    StateSynced {
        /// The state on disk.
        state: ReadingState,
        /// The last batch it includes.
        through: u64,
    },
    /// The next articles from the loader, in order.
    ArticlesLoaded(Vec<Article>),
    /// A problem with one input (loading goes on).
    LoadWarning(LoadWarning),
    /// Files read so far, of those found.
    LoadProgress {
        /// Files read.
        done: usize,
        /// Files found.
        total: usize,
    },
    /// The loader is done.
    LoadFinished(LoadSummary),
    /// The actor lexicon is ready: names for the sidebar.
    LexiconReady(Arc<Lexicon>),
    /// The lexicon or the matcher could not be set up as asked (text for the person).
    ActorsUnavailable(String),
    /// The actors of article `article` (a store index), found by the matcher. The paragraphs
    /// given to the matcher were the title (0) and then the body paragraphs.
    ActorsFound {
        /// Store index of the article.
        article: usize,
        /// Its actors and their mentions.
        actors: ArticleActors,
    },
}

impl Action {
    /// True for actions a person asked for (keys, mouse), as opposed to the terminal or the
    /// background: a passing status message is cleared by the next one.
    pub fn is_from_user(&self) -> bool {
        !matches!(
            self,
            Action::Resize { .. }
                | Action::Notice(_)
                | Action::StateLoaded(_)
                | Action::StateSynced { .. }
                | Action::ArticlesLoaded(_)
                | Action::LoadWarning(_)
                | Action::LoadProgress { .. }
                | Action::LoadFinished(_)
                | Action::LexiconReady(_)
                | Action::ActorsUnavailable(_)
                | Action::ActorsFound { .. }
        )
    }
}
