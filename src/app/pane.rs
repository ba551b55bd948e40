//! `Pane` and `PaneSettings`: the three panes and which of them the person wants to see.

/// One of the three panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    /// The article list.
    List,
    /// The reading view.
    Reader,
    /// The actor sidebar.
    Actors,
}

impl Pane {
    /// Focus order for Tab.
    pub const ORDER: [Pane; 3] = [Pane::List, Pane::Reader, Pane::Actors];

    /// A name for people (help, status bar).
    pub fn name(self) -> &'static str {
        match self {
            Pane::List => "articles",
            Pane::Reader => "reader",
            Pane::Actors => "actors",
        }
    }
}

/// Which panes are wanted and on which side: the person's choices. Whether a pane fits is
/// [`ScreenLayout`](super::ScreenLayout)'s business.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaneSettings {
    /// Show the article list.
    pub list: bool,
    /// Show the actor sidebar.
    pub sidebar: bool,
    /// List on the right, sidebar on the left (the natural order for right-to-left readers).
    pub mirrored: bool,
}

impl Default for PaneSettings {
    fn default() -> Self {
        PaneSettings {
            list: true,
            sidebar: true,
            mirrored: false,
        }
    }
}

impl PaneSettings {
    /// True when the person has not hidden `pane` (the reader is never hidden).
    pub fn is_wanted(&self, pane: Pane) -> bool {
        match pane {
            Pane::List => self.list,
            Pane::Reader => true,
            Pane::Actors => self.sidebar,
        }
    }
}
