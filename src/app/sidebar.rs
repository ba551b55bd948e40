//! `SidebarState`: what the actor sidebar lists (the open article's actors, or every actor in
//! the store), which row is selected, and the actors the selected one appears with.

use ratatui::layout::Rect;
use rustc_hash::FxHashMap as HashMap;

use crate::store::{ActorKey, CoOccurrence, Store};

use super::mentions::ArticleMentions;

/// Most co-occurring actors shown under the list.
pub const CO_OCCURRING_SHOWN: usize = 5;
/// The co-occurrence box is shown only when the sidebar has this many rows.
const CO_OCCURRING_FROM_HEIGHT: u16 = 12;
/// Articles of the selected actor counted per update for its co-occurring actors: counting
/// all of a frequent actor's at once took ~100 ms at 100,000 articles, far over a key's
/// 4 ms budget (a slice of 4096 still took 3.5 ms); the runner updates again at once until
/// the count is done, taking keys between slices.
const CO_COUNT_SLICE: usize = 1024;

/// Which actors the sidebar lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SidebarMode {
    /// The actors of the open article, with mention counts.
    Article,
    /// Every actor in the store, with article counts.
    All,
}

/// A line of the sidebar that is not an actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SidebarNote {
    /// No article is open.
    NoArticle,
    /// The matcher has not answered for this article yet.
    Finding,
    /// The article names nobody the matcher knows.
    NoActors,
    /// No article has actors (yet).
    NoActorsAnywhere,
}

/// One row of the sidebar's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SidebarRow {
    /// "Unconfirmed": the names below were proposed from cues, not found in the lexicon.
    UnconfirmedHeading,
    /// An actor: `count` is mentions in the article, or articles in the store.
    Actor {
        /// The actor.
        key: ActorKey,
        /// Mentions (article mode) or articles (all mode).
        count: usize,
    },
    /// Something to say instead of actors.
    Note(SidebarNote),
}

/// The sidebar's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SidebarState {
    /// What is listed.
    pub mode: SidebarMode,
    /// The rows, top to bottom.
    pub rows: Vec<SidebarRow>,
    /// The selected row (always an actor row), if there is one.
    pub selected: Option<usize>,
    /// The first row shown.
    pub offset: usize,
    /// The actors appearing in articles with the selected one, most shared articles first.
    pub co_occurring: Vec<CoOccurrence>,
    /// The actor `co_occurring` was computed for.
    co_occurring_for: Option<ActorKey>,
    /// In how many articles each actor appears with `co_occurring_for`: counted from the
    /// store a slice at a time when the selection changes, and kept up to date article by
    /// article (counting again walked every article of the actor).
    co_counts: HashMap<ActorKey, u32>,
    /// While counting: the store index of the next article to count (those before it are
    /// in `co_counts`). `None` once every article is counted.
    co_counting_from: Option<u32>,
    /// Rows of co-occurring actors shown before the count began: the box keeps that
    /// height while counting, so the list above it does not jump at each move.
    co_rows_before: usize,
    /// False when `co_counts` changed since `co_occurring` was ranked.
    co_occurring_fresh: bool,
    /// The rows of every actor, and the store's actors generation they were made for:
    /// ranking tens of thousands of actors took most of a key's budget at 100,000 articles.
    all_rows: Option<(u64, Vec<SidebarRow>)>,
}

impl Default for SidebarState {
    fn default() -> Self {
        SidebarState {
            mode: SidebarMode::Article,
            rows: vec![SidebarRow::Note(SidebarNote::NoArticle)],
            selected: None,
            offset: 0,
            co_occurring: Vec::new(),
            co_occurring_for: None,
            co_counts: HashMap::default(),
            co_counting_from: None,
            co_rows_before: 0,
            co_occurring_fresh: false,
            all_rows: None,
        }
    }
}

impl SidebarState {
    /// The selected actor.
    pub fn selected_actor(&self) -> Option<ActorKey> {
        match self.rows.get(self.selected?) {
            Some(SidebarRow::Actor { key, .. }) => Some(*key),
            _ => None,
        }
    }

    /// The actor on row `row`.
    pub fn actor_at(&self, row: usize) -> Option<ActorKey> {
        match self.rows.get(row) {
            Some(SidebarRow::Actor { key, .. }) => Some(*key),
            _ => None,
        }
    }

    /// Rebuilds the rows for the open article's `mentions` (`None`: not found yet), or for
    /// the whole store, keeping the selected actor selected when it is still listed.
    pub fn rebuild(&mut self, open: Option<Option<&ArticleMentions>>, store: &Store) {
        let keep = self.selected_actor();
        self.rows = match self.mode {
            SidebarMode::Article => match open {
                None => vec![SidebarRow::Note(SidebarNote::NoArticle)],
                Some(None) => vec![SidebarRow::Note(SidebarNote::Finding)],
                Some(Some(mentions)) => article_rows(mentions),
            },
            SidebarMode::All => {
                let generation = store.actors_generation();
                match &self.all_rows {
                    Some((made_for, rows)) if *made_for == generation => rows.clone(),
                    _ => {
                        let rows = all_rows(store);
                        self.all_rows = Some((generation, rows.clone()));
                        rows
                    }
                }
            }
        };
        self.selected = keep
            .and_then(|key| {
                self.rows
                    .iter()
                    .position(|row| matches!(row, SidebarRow::Actor { key: k, .. } if *k == key))
            })
            .or_else(|| self.first_actor_row());
        self.co_occurring_fresh = false;
    }

    /// The actors of article `article` went from `before` to `after` (each sorted by key,
    /// as the store keeps them): the co-occurrence counts follow (an article the count has
    /// not reached yet is counted as it is when it is reached).
    pub fn actors_changed(
        &mut self,
        article: usize,
        before: &[(ActorKey, u32)],
        after: &[(ActorKey, u32)],
    ) {
        let Some(key) = self.co_occurring_for else {
            return;
        };
        if self
            .co_counting_from
            .is_some_and(|next| article >= next as usize)
        {
            return;
        }
        let names = |actors: &[(ActorKey, u32)]| {
            actors
                .binary_search_by_key(&key, |&(actor, _)| actor)
                .is_ok()
        };
        if names(before) {
            for &(other, _) in before.iter().filter(|&&(other, _)| other != key) {
                if let Some(count) = self.co_counts.get_mut(&other) {
                    *count -= 1;
                    if *count == 0 {
                        self.co_counts.remove(&other);
                    }
                }
            }
            self.co_occurring_fresh = false;
        }
        if names(after) {
            for &(other, _) in after.iter().filter(|&&(other, _)| other != key) {
                *self.co_counts.entry(other).or_insert(0) += 1;
            }
            self.co_occurring_fresh = false;
        }
    }

    /// Rows the co-occurrence box holds: the actors shown, or while counting as many as
    /// were shown before (for [`split_body`]).
    pub fn co_rows(&self) -> usize {
        if self.is_counting() {
            self.co_rows_before
        } else {
            self.co_occurring.len()
        }
    }

    /// True while the co-occurring actors of the selected one are being counted: updates
    /// are needed to finish (see [`refresh_co_occurring`](Self::refresh_co_occurring)).
    pub fn is_counting(&self) -> bool {
        self.co_counting_from.is_some()
    }

    /// Starts counting the co-occurring actors if the selection changed, counts one slice
    /// of articles, and ranks them once every article is counted and the counts changed.
    pub fn refresh_co_occurring(&mut self, store: &Store) {
        let selected = self.selected_actor();
        if selected != self.co_occurring_for {
            self.co_occurring_for = selected;
            self.co_counts.clear();
            if !self.is_counting() {
                self.co_rows_before = self.co_occurring.len();
            }
            self.co_occurring.clear();
            self.co_counting_from = selected.map(|_| 0);
        }
        if let (Some(key), Some(from)) = (self.co_occurring_for, self.co_counting_from) {
            let articles = store.articles_with_actor(key);
            let start = articles.partition_point(|posting| posting.article < from);
            let end = articles.len().min(start + CO_COUNT_SLICE);
            for posting in &articles[start..end] {
                for &(other, _) in store.actors_of(posting.article_index()) {
                    if other != key {
                        *self.co_counts.entry(other).or_insert(0) += 1;
                    }
                }
            }
            self.co_counting_from = articles.get(end).map(|posting| posting.article);
            self.co_occurring_fresh = false;
        }
        if self.co_occurring_fresh || self.is_counting() {
            return;
        }
        // Most shared articles first, ties by key (as the store ranks them).
        let rank = |a: &CoOccurrence, b: &CoOccurrence| {
            b.articles.cmp(&a.articles).then(a.actor.cmp(&b.actor))
        };
        let mut all: Vec<CoOccurrence> = self
            .co_counts
            .iter()
            .map(|(&actor, &articles)| CoOccurrence { actor, articles })
            .collect();
        if all.len() > CO_OCCURRING_SHOWN {
            all.select_nth_unstable_by(CO_OCCURRING_SHOWN, rank);
            all.truncate(CO_OCCURRING_SHOWN);
        }
        all.sort_unstable_by(rank);
        self.co_occurring = all;
        self.co_occurring_fresh = true;
    }

    /// Moves the selection `steps` actor rows down (negative: up), stopping at the ends.
    pub fn move_selection(&mut self, steps: isize) {
        let actor_rows: Vec<usize> = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, row)| matches!(row, SidebarRow::Actor { .. }))
            .map(|(i, _)| i)
            .collect();
        let Some(last) = actor_rows.len().checked_sub(1) else {
            self.selected = None;
            return;
        };
        let current = self
            .selected
            .and_then(|s| actor_rows.iter().position(|&r| r == s))
            .unwrap_or(0);
        let target = current.saturating_add_signed(steps).min(last);
        self.selected = actor_rows.get(target).copied();
    }

    /// Moves the selection to the first or the last actor.
    pub fn select_end(&mut self, last: bool) {
        self.move_selection(if last { isize::MAX } else { isize::MIN });
    }

    /// Scrolls so the selected row is among `height` rows shown.
    pub fn keep_selection_visible(&mut self, height: usize) {
        let max_offset = self.rows.len().saturating_sub(height.max(1));
        if let Some(selected) = self.selected {
            if selected < self.offset {
                self.offset = selected;
            } else if height > 0 && selected >= self.offset + height {
                self.offset = selected + 1 - height;
            }
            // Show the heading above the first unconfirmed actor with it.
            if selected == self.offset
                && selected > 0
                && self.rows.get(selected - 1) == Some(&SidebarRow::UnconfirmedHeading)
            {
                self.offset = selected - 1;
            }
        }
        self.offset = self.offset.min(max_offset);
    }

    fn first_actor_row(&self) -> Option<usize> {
        self.rows
            .iter()
            .position(|row| matches!(row, SidebarRow::Actor { .. }))
    }
}

/// The sidebar's body split into the actor list and, below it, the co-occurrence box (a
/// heading and up to [`CO_OCCURRING_SHOWN`] rows) when there is room and something to show.
pub fn split_body(body: Rect, co_occurring: usize) -> (Rect, Rect) {
    if co_occurring == 0 || body.height < CO_OCCURRING_FROM_HEIGHT {
        return (body, Rect { height: 0, ..body });
    }
    let rows = co_occurring.min(CO_OCCURRING_SHOWN) as u16 + 2; // a rule and a heading
    let list = Rect {
        height: body.height - rows,
        ..body
    };
    let co = Rect {
        y: list.bottom(),
        height: rows,
        ..body
    };
    (list, co)
}

fn article_rows(mentions: &ArticleMentions) -> Vec<SidebarRow> {
    if mentions.actors.is_empty() {
        return vec![SidebarRow::Note(SidebarNote::NoActors)];
    }
    let mut rows = Vec::with_capacity(mentions.actors.len() + 1);
    let mut heading_done = false;
    for actor in &mentions.actors {
        if !actor.confirmed && !heading_done {
            rows.push(SidebarRow::UnconfirmedHeading);
            heading_done = true;
        }
        rows.push(SidebarRow::Actor {
            key: actor.key,
            count: actor.count(),
        });
    }
    rows
}

fn all_rows(store: &Store) -> Vec<SidebarRow> {
    let mut actors = store.actors();
    if actors.is_empty() {
        return vec![SidebarRow::Note(SidebarNote::NoActorsAnywhere)];
    }
    // Confirmed first, then most articles first, ties in key order (keys are unique).
    actors.sort_unstable_by_key(|&(key, articles)| {
        (
            matches!(key, ActorKey::Proposed(_)),
            std::cmp::Reverse(articles),
            key,
        )
    });
    let mut rows = Vec::with_capacity(actors.len() + 1);
    let mut heading_done = false;
    for (key, count) in actors {
        if matches!(key, ActorKey::Proposed(_)) && !heading_done {
            rows.push(SidebarRow::UnconfirmedHeading);
            heading_done = true;
        }
        rows.push(SidebarRow::Actor { key, count });
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::mentions::MentionPlace;

    /// A store of `count` articles without actors.
    fn store_of(count: usize) -> Store {
        use crate::store::{ArticleBuilder, SourceRef};
        let mut store = Store::new();
        for i in 0..count {
            let mut builder = ArticleBuilder::new(SourceRef::Stdin);
            builder.push_line(1, &format!("article {i}"));
            store.insert(builder.build().expect("an article"));
        }
        store
    }

    fn actor(n: u32, confirmed: bool, count: usize) -> (ActorKey, bool, Vec<MentionPlace>) {
        let places = (0..count).map(|i| MentionPlace::new(1, i..i + 1)).collect();
        (ActorKey::Lexicon(n), confirmed, places)
    }

    #[test]
    fn unconfirmed_actors_come_under_a_heading_and_headings_are_never_selected() {
        let mentions =
            ArticleMentions::new([actor(0, true, 3), actor(1, true, 1), actor(2, false, 2)]);
        let mut state = SidebarState::default();
        state.rebuild(Some(Some(&mentions)), &Store::new());
        assert_eq!(state.rows.len(), 4);
        assert_eq!(state.rows[2], SidebarRow::UnconfirmedHeading);
        assert_eq!(state.selected, Some(0));
        state.move_selection(1);
        state.move_selection(1);
        assert_eq!(state.selected, Some(3), "skips the heading");
        state.move_selection(5);
        assert_eq!(state.selected, Some(3));
        state.select_end(false);
        assert_eq!(state.selected, Some(0));
    }

    #[test]
    fn the_selected_actor_survives_a_rebuild() {
        let mut mentions = ArticleMentions::new([actor(0, true, 3), actor(1, true, 1)]);
        let mut state = SidebarState::default();
        state.rebuild(Some(Some(&mentions)), &Store::new());
        state.move_selection(1);
        mentions.actors.swap(0, 1);
        state.rebuild(Some(Some(&mentions)), &Store::new());
        assert_eq!(state.selected_actor(), Some(ActorKey::Lexicon(1)));
        assert_eq!(state.selected, Some(0));
    }

    #[test]
    fn the_body_keeps_room_for_co_occurrences_only_when_tall_enough() {
        let body = Rect::new(0, 0, 30, 20);
        let (list, co) = split_body(body, 3);
        assert_eq!((list.height, co.height, co.y), (15, 5, 15));
        assert_eq!(split_body(body, 0).1.height, 0);
        assert_eq!(split_body(Rect::new(0, 0, 30, 8), 3).1.height, 0);
    }

    /// Kept up to date article by article, the co-occurring actors are what counting them
    /// again from the store gives, through articles answered, answered again with other
    /// actors, and emptied, and a change of selection.
    #[test]
    fn co_occurrences_kept_up_to_date_equal_a_fresh_count() {
        let mut store = store_of(40);
        let key = ActorKey::Lexicon;
        let mentions = ArticleMentions::new([actor(0, true, 1), actor(1, true, 1)]);
        let mut state = SidebarState::default();
        state.rebuild(Some(Some(&mentions)), &store);
        let mut selected = key(0);
        assert_eq!(state.selected_actor(), Some(selected));
        state.refresh_co_occurring(&store);
        // A fixed pseudo-random walk: article i gets actors from a small pool, often
        // including the selected one; some articles are answered again or emptied.
        let mut seed = 0x2545_f491_u32;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed
        };
        for step in 0..400 {
            let article = (next() % 40) as usize;
            let actors: Vec<(ActorKey, u32)> = (0..next() % 6)
                .map(|_| (key(next() % 9), 1 + next() % 3))
                .collect();
            let before = store.actors_of(article).to_vec();
            store.set_actors(article, actors).expect("set");
            state.actors_changed(article, &before, store.actors_of(article));
            if step == 200 {
                state.move_selection(1);
                selected = key(1);
                assert_eq!(state.selected_actor(), Some(selected));
            }
            state.refresh_co_occurring(&store);
            let mut fresh = store.co_occurrences(selected);
            fresh.truncate(CO_OCCURRING_SHOWN);
            assert_eq!(state.co_occurring, fresh, "step {step}");
        }
    }

    /// A frequent actor's co-occurring actors are counted a slice per update, none shown
    /// until the count is done; articles changed meanwhile, before and past the slices
    /// counted, come out as a fresh count would have them.
    #[test]
    fn co_occurrences_are_counted_a_slice_at_a_time() {
        let total = 3 * CO_COUNT_SLICE + 100;
        let mut store = store_of(total);
        let key = ActorKey::Lexicon;
        for article in 0..total {
            // Actor 1 in every other article: more than a slice of its own.
            let other = if article % 2 == 0 {
                key(1)
            } else {
                key(2 + (article % 7) as u32)
            };
            store
                .set_actors(article, vec![(key(0), 1), (other, 1)])
                .expect("set");
        }
        let mentions = ArticleMentions::new([actor(0, true, 1), actor(1, true, 1)]);
        let mut state = SidebarState::default();
        state.rebuild(Some(Some(&mentions)), &store);
        let mut updates = 0;
        loop {
            state.refresh_co_occurring(&store);
            updates += 1;
            if !state.is_counting() {
                break;
            }
            assert!(state.co_occurring.is_empty(), "nothing shown mid-count");
            // One article already counted and one not yet change their actors.
            for article in [0, total - 1 - updates] {
                let before = store.actors_of(article).to_vec();
                let after = vec![(key(0), 1), (key(8 + updates as u32), 1)];
                store.set_actors(article, after).expect("set");
                state.actors_changed(article, &before, store.actors_of(article));
            }
        }
        assert_eq!(updates, 4, "three full slices and a last one");
        let mut fresh = store.co_occurrences(key(0));
        fresh.truncate(CO_OCCURRING_SHOWN);
        assert_eq!(state.co_occurring, fresh);
        // Another selection: while it is counted, the box keeps the rows it had.
        let shown = state.co_rows();
        assert_eq!(shown, CO_OCCURRING_SHOWN);
        state.move_selection(1);
        state.refresh_co_occurring(&store);
        assert!(
            state.is_counting(),
            "actor 1 has more than a slice of articles"
        );
        assert_eq!(state.co_rows(), shown);
        while state.is_counting() {
            state.refresh_co_occurring(&store);
        }
        assert_eq!(
            state.co_rows(),
            store.co_occurrences(key(1)).len().min(shown)
        );
    }

    /// The rows of every actor are made again only when the store's actors changed.
    #[test]
    fn every_actors_rows_follow_the_store() {
        let mut store = store_of(3);
        let (putin, trump) = (ActorKey::Lexicon(1), ActorKey::Lexicon(2));
        store.set_actors(0, vec![(putin, 1)]).expect("set");
        let mut state = SidebarState {
            mode: SidebarMode::All,
            ..SidebarState::default()
        };
        let row = |key, count| SidebarRow::Actor { key, count };
        state.rebuild(None, &store);
        assert_eq!(state.rows, [row(putin, 1)]);
        state.rebuild(None, &store);
        assert_eq!(state.rows, [row(putin, 1)], "the same rows again");
        store.set_actors(1, vec![(trump, 2)]).expect("set");
        store.set_actors(2, vec![(trump, 1)]).expect("set");
        state.rebuild(None, &store);
        assert_eq!(state.rows, [row(trump, 2), row(putin, 1)]);
    }
}
