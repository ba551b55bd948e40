//! `ScreenLayout`: where each pane goes for a terminal size. Pure geometry, shared by the
//! views (to draw) and by the app (page sizes, the reader's wrap width, mouse hit tests), so
//! both always agree.

use ratatui::layout::{Position, Rect};

use super::pane::{Pane, PaneSettings};

/// Below this many columns only a short message is shown.
pub const MIN_WIDTH: u16 = 30;
/// Below this many rows only a short message is shown.
pub const MIN_HEIGHT: u16 = 8;
/// From this width on, three panes fit side by side.
const THREE_PANES: u16 = 100;
/// From this width on, two panes fit; below it, only the focused pane is shown.
const TWO_PANES: u16 = 64;
/// The widest the help overlay gets.
pub const HELP_MAX_WIDTH: u16 = 80;
/// The reader gets a column of margin on each side from this inner width on…
const READER_MARGIN_FROM: u16 = 40;
/// …and the list and the sidebar from this one.
const SIDE_MARGIN_FROM: u16 = 20;

/// One pane's rectangles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaneArea {
    /// The whole pane, border included.
    pub outer: Rect,
    /// A header row inside the border (the list's count and filter); zero height if none.
    pub header: Rect,
    /// Where the items or lines go.
    pub body: Rect,
}

impl PaneArea {
    fn new(pane: Pane, outer: Rect) -> PaneArea {
        let inner = Rect {
            x: outer.x.saturating_add(1),
            y: outer.y.saturating_add(1),
            width: outer.width.saturating_sub(2),
            height: outer.height.saturating_sub(2),
        };
        // A column of margin inside the border on each side, where there is room for it.
        let margin = |from: u16| u16::from(inner.width >= from);
        let padded = |margin: u16| Rect {
            x: inner.x + margin,
            width: inner.width - 2 * margin,
            ..inner
        };
        match pane {
            Pane::List => {
                let inner = padded(margin(SIDE_MARGIN_FROM));
                PaneArea {
                    outer,
                    header: Rect {
                        height: inner.height.min(1),
                        ..inner
                    },
                    body: Rect {
                        y: inner.y.saturating_add(1),
                        height: inner.height.saturating_sub(1),
                        ..inner
                    },
                }
            }
            Pane::Reader => {
                let body = padded(margin(READER_MARGIN_FROM));
                PaneArea {
                    outer,
                    header: Rect { height: 0, ..body },
                    body,
                }
            }
            Pane::Actors => {
                let body = padded(margin(SIDE_MARGIN_FROM));
                PaneArea {
                    outer,
                    header: Rect { height: 0, ..body },
                    body,
                }
            }
        }
    }
}

/// The screen for one terminal size and set of pane choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScreenLayout {
    /// The whole terminal.
    pub area: Rect,
    /// True below [`MIN_WIDTH`] × [`MIN_HEIGHT`]: nothing but a message fits.
    pub too_small: bool,
    /// The article list, when shown.
    pub list: Option<PaneArea>,
    /// The reading view, when shown.
    pub reader: Option<PaneArea>,
    /// The actor sidebar, when shown.
    pub sidebar: Option<PaneArea>,
    /// The status bar (the last row).
    pub status: Rect,
}

impl ScreenLayout {
    /// Lays out `area`: panes the person wants, as many as fit (the sidebar collapses first,
    /// then the list; the focused pane is always shown), then the status bar.
    pub fn new(area: Rect, settings: &PaneSettings, focus: Pane) -> ScreenLayout {
        let empty = ScreenLayout {
            area,
            too_small: true,
            list: None,
            reader: None,
            sidebar: None,
            status: Rect::default(),
        };
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return empty;
        }
        let main = Rect {
            height: area.height - 1,
            ..area
        };
        let status = Rect {
            y: area.bottom() - 1,
            height: 1,
            ..area
        };
        let shown = shown_panes(area.width, settings, focus);
        let widths = pane_widths(main.width, &shown);
        let mut ordered: Vec<(Pane, u16)> = shown.iter().copied().zip(widths).collect();
        if settings.mirrored {
            ordered.reverse();
        }
        let mut layout = ScreenLayout {
            too_small: false,
            status,
            ..empty
        };
        let mut x = main.x;
        for (pane, width) in ordered {
            let outer = Rect { x, width, ..main };
            x += width;
            let pane_area = Some(PaneArea::new(pane, outer));
            match pane {
                Pane::List => layout.list = pane_area,
                Pane::Reader => layout.reader = pane_area,
                Pane::Actors => layout.sidebar = pane_area,
            }
        }
        layout
    }

    /// The area of `pane`, if it is shown.
    pub fn pane(&self, pane: Pane) -> Option<&PaneArea> {
        match pane {
            Pane::List => self.list.as_ref(),
            Pane::Reader => self.reader.as_ref(),
            Pane::Actors => self.sidebar.as_ref(),
        }
    }

    /// True when `pane` is on screen.
    pub fn is_shown(&self, pane: Pane) -> bool {
        self.pane(pane).is_some()
    }

    /// Where the help overlay goes when it has `lines` lines: centred above the status bar,
    /// at most [`HELP_MAX_WIDTH`] wide, border included.
    pub fn help_area(&self, lines: usize) -> Rect {
        let main = Rect {
            height: self.area.height.saturating_sub(1),
            ..self.area
        };
        let width = main.width.saturating_sub(4).min(HELP_MAX_WIDTH);
        let height = main
            .height
            .saturating_sub(2)
            .min(u16::try_from(lines.saturating_add(2)).unwrap_or(u16::MAX));
        Rect {
            x: main.x + main.width.saturating_sub(width) / 2,
            y: main.y + main.height.saturating_sub(height) / 2,
            width,
            height,
        }
    }

    /// How many help lines show at once.
    pub fn help_rows(&self, lines: usize) -> usize {
        usize::from(self.help_area(lines).height.saturating_sub(2))
    }

    /// The pane under a cell, if any.
    pub fn pane_at(&self, column: u16, row: u16) -> Option<Pane> {
        let position = Position::new(column, row);
        Pane::ORDER.into_iter().find(|&pane| {
            self.pane(pane)
                .is_some_and(|area| area.outer.contains(position))
        })
    }
}

/// The panes shown, in list-reader-actors order.
fn shown_panes(width: u16, settings: &PaneSettings, focus: Pane) -> Vec<Pane> {
    let wanted: Vec<Pane> = Pane::ORDER
        .into_iter()
        .filter(|&pane| settings.is_wanted(pane) || pane == focus)
        .collect();
    let capacity = if width >= THREE_PANES {
        3
    } else if width >= TWO_PANES {
        2
    } else {
        1
    };
    if wanted.len() <= capacity {
        return wanted;
    }
    if capacity == 1 {
        return vec![focus];
    }
    // Two of three: the reader and the focused side pane, else the list.
    let side = if focus == Pane::Reader {
        Pane::List
    } else {
        focus
    };
    Pane::ORDER
        .into_iter()
        .filter(|&pane| pane == Pane::Reader || pane == side)
        .collect()
}

/// Widths of `shown` panes (in list-reader-actors order) in `width` columns.
fn pane_widths(width: u16, shown: &[Pane]) -> Vec<u16> {
    let has = |pane| shown.contains(&pane);
    let list = match (has(Pane::List), shown.len()) {
        (false, _) | (true, 1) => 0,
        (true, 2) => (width * 35 / 100).clamp(24, 56),
        (true, _) => (width / 4).clamp(24, 44),
    };
    let sidebar = match (has(Pane::Actors), shown.len()) {
        (false, _) | (true, 1) => 0,
        (true, 2) => (width * 3 / 10).clamp(24, 40),
        (true, _) => (width * 22 / 100).clamp(24, 40),
    };
    shown
        .iter()
        .map(|pane| match (pane, shown.len()) {
            (_, 1) => width,
            (Pane::List, _) => list,
            (Pane::Actors, _) => sidebar,
            (Pane::Reader, _) => width - list - sidebar,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(width: u16, height: u16, settings: PaneSettings, focus: Pane) -> ScreenLayout {
        ScreenLayout::new(Rect::new(0, 0, width, height), &settings, focus)
    }

    fn shown(layout: &ScreenLayout) -> Vec<Pane> {
        let mut panes: Vec<(u16, Pane)> = Pane::ORDER
            .into_iter()
            .filter_map(|pane| layout.pane(pane).map(|area| (area.outer.x, pane)))
            .collect();
        panes.sort_by_key(|&(x, _)| x);
        panes.into_iter().map(|(_, pane)| pane).collect()
    }

    #[test]
    fn wide_terminals_show_three_panes_that_fill_the_width() {
        let l = layout(120, 40, PaneSettings::default(), Pane::List);
        assert_eq!(shown(&l), [Pane::List, Pane::Reader, Pane::Actors]);
        let total: u16 = Pane::ORDER
            .iter()
            .filter_map(|&p| l.pane(p))
            .map(|a| a.outer.width)
            .sum();
        assert_eq!(total, 120);
        assert_eq!(l.status, Rect::new(0, 39, 120, 1));
        let list = l.list.unwrap();
        assert_eq!(list.header.y, 1);
        assert_eq!(list.body.y, 2);
    }

    #[test]
    fn the_sidebar_collapses_first_then_the_list() {
        let medium = layout(80, 24, PaneSettings::default(), Pane::List);
        assert_eq!(shown(&medium), [Pane::List, Pane::Reader]);
        let narrow = layout(60, 20, PaneSettings::default(), Pane::List);
        assert_eq!(shown(&narrow), [Pane::List]);
        assert_eq!(narrow.list.unwrap().outer.width, 60);
    }

    #[test]
    fn the_focused_pane_is_always_shown() {
        let medium = layout(80, 24, PaneSettings::default(), Pane::Actors);
        assert_eq!(shown(&medium), [Pane::Reader, Pane::Actors]);
        let narrow = layout(60, 20, PaneSettings::default(), Pane::Reader);
        assert_eq!(shown(&narrow), [Pane::Reader]);
    }

    #[test]
    fn mirrored_puts_the_list_on_the_right() {
        let settings = PaneSettings {
            mirrored: true,
            ..PaneSettings::default()
        };
        let l = layout(120, 40, settings, Pane::List);
        assert_eq!(shown(&l), [Pane::Actors, Pane::Reader, Pane::List]);
        assert_eq!(l.list.unwrap().outer.right(), 120);
    }

    #[test]
    fn below_the_minimum_nothing_is_laid_out() {
        for (w, h) in [(29, 40), (120, 7), (10, 3)] {
            let l = layout(w, h, PaneSettings::default(), Pane::List);
            assert!(l.too_small, "{w}x{h}");
            assert_eq!(l.pane_at(0, 0), None);
        }
        assert!(!layout(30, 8, PaneSettings::default(), Pane::List).too_small);
    }

    #[test]
    fn hit_tests_find_the_pane_under_the_pointer() {
        let l = layout(120, 40, PaneSettings::default(), Pane::List);
        assert_eq!(l.pane_at(0, 5), Some(Pane::List));
        assert_eq!(l.pane_at(60, 5), Some(Pane::Reader));
        assert_eq!(l.pane_at(119, 5), Some(Pane::Actors));
        assert_eq!(l.pane_at(60, 39), None);
    }
}
