//! `App::update` without a terminal: actions in, state and effects out.

use std::sync::Arc;

use super::*;
use crate::actors::Matcher;
use crate::state::{Change, Field};
use crate::store::load::load_seed;
use crate::store::{ArticleBuilder, SourceRef};
use crate::text::Alignment;

const HELP_LEN: usize = 60;

fn seeds() -> Vec<Article> {
    (0..5).flat_map(|i| load_seed(i).articles).collect()
}

/// Runs what the runner would run for `FindActors`, synchronously.
fn find_actors(app: &mut App, effects: Vec<Effect>, lexicon: &Lexicon) {
    let matcher = Matcher::new(lexicon);
    run_actor_jobs(app, effects, &matcher);
}

/// The reader after loading the seeds and finding their actors.
fn app_with(articles: Vec<Article>, width: u16, height: u16) -> App {
    let lexicon = Lexicon::built_in().expect("the built-in lexicon loads");
    let mut app = App::new(width, height, HELP_LEN);
    app.update(Action::LexiconReady(Arc::new(lexicon.clone())));
    let effects = app.update(Action::ArticlesLoaded(articles));
    find_actors(&mut app, effects, &lexicon);
    app.update(Action::LoadFinished(LoadSummary::default()));
    app
}

fn seeded(width: u16, height: u16) -> App {
    app_with(seeds(), width, height)
}

fn english_article() -> Article {
    let mut builder = ArticleBuilder::new(SourceRef::Seed("english"));
    builder.push_line(1, "Talks resume in Istanbul");
    for (i, line) in [
        "Vladimir Putin said on Saturday that Moscow was ready for a new round of talks.",
        "Donald Trump called the conversation with Putin long and very productive.",
        "Ukraine said it would wait for the details before answering.",
    ]
    .iter()
    .enumerate()
    {
        builder.push_line(i + 2, line);
    }
    builder.language("en");
    builder.build().expect("an article with a title")
}

/// An actor named in some articles but not all, with its article count.
fn selective_actor(app: &App) -> (ActorKey, usize) {
    app.store()
        .actors()
        .into_iter()
        .filter(|&(key, n)| matches!(key, ActorKey::Lexicon(_)) && n > 0 && n < app.store().len())
        .max_by_key(|&(_, n)| n)
        .expect("some actor is in some seeds but not all")
}

/// An article and an actor it names most often.
fn busy_actor(app: &App) -> (usize, ActorKey) {
    (0..app.store().len())
        .flat_map(|article| {
            app.mentions(article)
                .into_iter()
                .flat_map(|m| &m.actors)
                .map(move |actor| (actor.count(), article, actor.key))
        })
        .max_by_key(|&(count, article, _)| (count, std::cmp::Reverse(article)))
        .map(|(_, article, key)| (article, key))
        .expect("the seeds name actors")
}

/// Opens the first article naming a [`selective_actor`] and filters by that actor from the
/// sidebar: (actor, articles naming it, the open article, the filter's effects).
fn filter_by_selective_actor(app: &mut App) -> (ActorKey, usize, usize, Vec<Effect>) {
    let (actor, articles) = selective_actor(app);
    let first = app.store().articles_with_actor(actor)[0].article_index();
    for _ in 0..first {
        app.update(Action::Down);
    }
    app.update(Action::Activate);
    select_actor_in_sidebar(app, actor);
    let effects = app.update(Action::Activate);
    (actor, articles, first, effects)
}

fn select_actor_in_sidebar(app: &mut App, key: ActorKey) {
    while app.focus() != Pane::Actors {
        app.update(Action::FocusNext);
    }
    app.update(Action::Top);
    for _ in 0..app.sidebar().rows.len() {
        if app.sidebar().selected_actor() == Some(key) {
            return;
        }
        app.update(Action::Down);
    }
    panic!("{key:?} is not in the sidebar");
}

#[test]
fn loading_opens_the_first_article_and_asks_for_its_actors() {
    let mut app = App::new(120, 40, HELP_LEN);
    assert!(app.open_article().is_none());
    let effects = app.update(Action::ArticlesLoaded(seeds()));
    let [Effect::FindActors(jobs)] = effects.as_slice() else {
        panic!("one FindActors effect, got {effects:?}");
    };
    assert_eq!(jobs.len(), 5);
    assert_eq!(jobs[0].article, 0);
    assert_eq!(jobs[0].paragraphs[0], app.store().get(0).unwrap().title());
    assert_eq!(
        jobs[0].paragraphs.len(),
        app.store().get(0).unwrap().paragraph_count() + 1
    );
    assert_eq!(app.reader().article, Some(0));
    assert!(
        !app.is_read(0),
        "shown at startup, not opened by the person"
    );
    assert!(!app.is_read(1));
    assert_eq!(app.actor_status().requested, 5);
    assert!(app.mentions(0).is_none());
}

#[test]
fn the_list_moves_within_its_rows_and_enter_opens() {
    let mut app = seeded(120, 40);
    assert_eq!(app.focus(), Pane::List);
    app.update(Action::Up);
    assert_eq!(app.list().selected, 0);
    app.update(Action::Down);
    app.update(Action::Down);
    assert_eq!(app.list().selected, 2);
    app.update(Action::Bottom);
    assert_eq!(app.list().selected, 4);
    app.update(Action::PageDown);
    assert_eq!(app.list().selected, 4);
    app.update(Action::Top);
    app.update(Action::Down);
    assert_eq!(app.reader().article, Some(0), "moving does not open");
    app.update(Action::Activate);
    assert_eq!(app.reader().article, Some(1));
    assert!(app.is_read(1));
    assert_eq!(app.focus(), Pane::Reader);
}

#[test]
fn the_reader_scrolls_by_line_half_page_page_and_to_the_ends() {
    let mut app = seeded(120, 40);
    app.update(Action::FocusNext);
    assert_eq!(app.focus(), Pane::Reader);
    let height = usize::from(app.screen().reader.unwrap().body.height);
    let lines = app.reader().document.as_ref().unwrap().lines.len();
    assert!(lines > height, "the seed is longer than the pane");
    app.update(Action::Down);
    assert_eq!(app.reader().scroll, 1);
    app.update(Action::Up);
    app.update(Action::Up);
    assert_eq!(app.reader().scroll, 0);
    app.update(Action::HalfPageDown);
    assert_eq!(app.reader().scroll, height / 2);
    app.update(Action::HalfPageUp);
    app.update(Action::PageDown);
    assert_eq!(app.reader().scroll, height - 1, "a page keeps one line");
    app.update(Action::Bottom);
    assert_eq!(app.reader().scroll, lines - height);
    app.update(Action::Down);
    assert_eq!(app.reader().scroll, lines - height, "never past the end");
    app.update(Action::Top);
    assert_eq!(app.reader().scroll, 0);
}

#[test]
fn layouts_follow_the_pane_width_and_right_align_arabic() {
    let mut app = seeded(120, 40);
    let width = usize::from(app.screen().reader.unwrap().body.width);
    let document = app.reader().document.clone().unwrap();
    assert!(document.lines.iter().all(|l| l.visual.width <= width));
    let body = document
        .lines
        .iter()
        .find(|l| l.kind == LineKind::Body)
        .unwrap();
    assert_eq!(body.visual.alignment, Alignment::Right);
    app.update(Action::Resize {
        width: 80,
        height: 30,
    });
    let narrower = usize::from(app.screen().reader.unwrap().body.width);
    assert!(narrower < width);
    let document = app.reader().document.clone().unwrap();
    assert!(document.lines.iter().all(|l| l.visual.width <= narrower));
}

#[test]
fn filtering_by_an_actor_shrinks_the_list_and_highlights_its_mentions() {
    let mut app = seeded(120, 40);
    let (actor, articles, first, _) = filter_by_selective_actor(&mut app);
    assert_eq!(app.filter(), Some(actor));
    let rows = app.list_rows();
    assert_eq!(rows.len(), articles);
    assert!(rows.len() < app.store().len());
    for row in 0..rows.len() {
        let article = rows.get(row).unwrap();
        assert!(app.mentions(article).unwrap().get(actor).is_some());
    }
    assert_eq!(app.selected_article(), Some(first), "selection kept");
    assert!(app.message().unwrap().text.contains("articles name"));
    let document = app.reader().document.clone().unwrap();
    let expected = app.mentions(first).unwrap().get(actor).unwrap().count();
    assert_eq!(document.mentions.len(), expected);
    let highlighted = document
        .lines
        .iter()
        .flat_map(|l| &l.visual.cells)
        .filter(|c| c.style == STYLE_MENTION)
        .count();
    assert!(highlighted > 0);

    // Enter on the same actor again, or Esc, clears.
    app.update(Action::Activate);
    assert_eq!(app.filter(), None);
    app.update(Action::Activate);
    app.update(Action::ClearFilter);
    assert_eq!(app.filter(), None);
    assert_eq!(app.list_rows().len(), 5);
    assert!(app.reader().document.as_ref().unwrap().mentions.is_empty());
}

/// Answers from the actor cache count but do not place: filtering works at once, and the
/// open article is searched again, once, to highlight its mentions.
#[test]
fn counted_answers_filter_at_once_and_the_open_article_is_placed_on_demand() {
    let lexicon = Lexicon::built_in().expect("the built-in lexicon loads");
    let matcher = Matcher::new(&lexicon);
    let placed = seeded(120, 40);
    let mut app = App::new(120, 40, HELP_LEN);
    app.update(Action::LexiconReady(Arc::new(lexicon.clone())));
    let effects = app.update(Action::ArticlesLoaded(seeds()));
    // Answer every job as the cache would: counts, no places.
    let jobs: Vec<ActorJob> = effects
        .into_iter()
        .flat_map(|effect| match effect {
            Effect::FindActors(jobs) => jobs,
            _ => Vec::new(),
        })
        .collect();
    assert_eq!(jobs.len(), 5);
    assert!(jobs.iter().all(|job| !job.places));
    for job in &jobs {
        let texts: Vec<&str> = job.paragraphs.iter().map(String::as_str).collect();
        let effects = app.update(Action::ActorsFound {
            article: job.article,
            actors: matcher.find_counts(&texts),
        });
        assert!(effects.is_empty(), "{effects:?}");
    }
    assert_eq!(app.actor_status().found, 5);
    for article in 0..5 {
        let counted = app.mentions(article).unwrap();
        assert!(!counted.is_placed());
        assert_eq!(counted.counts(), placed.mentions(article).unwrap().counts());
    }

    let (actor, articles, first, effects) = filter_by_selective_actor(&mut app);
    assert_eq!(app.list_rows().len(), articles);
    // Nothing to highlight yet; one job asks for the open article's places.
    assert!(app.reader().document.as_ref().unwrap().mentions.is_empty());
    let [Effect::FindActors(jobs)] = effects.as_slice() else {
        panic!("one places job expected: {effects:?}");
    };
    assert_eq!(jobs.len(), 1);
    assert_eq!((jobs[0].article, jobs[0].places), (first, true));
    assert!(app.expects_actors(), "the runner must keep listening");
    // Asked once, not on every update.
    assert!(app.update(Action::Down).is_empty());
    app.update(Action::Up);
    let effects = app.update(jobs[0].run(&matcher));
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(
        app.actor_status().found,
        5,
        "a second answer is not counted"
    );
    assert!(app.mentions(first).unwrap().is_placed());
    assert!(!app.expects_actors());
    let expected = app.mentions(first).unwrap().get(actor).unwrap().count();
    assert_eq!(
        app.reader().document.as_ref().unwrap().mentions.len(),
        expected
    );
}

#[test]
fn n_and_shift_n_walk_the_mentions_and_wrap() {
    let mut app = seeded(120, 20);
    let (first, actor) = busy_actor(&app);
    for _ in 0..first {
        app.update(Action::Down);
    }
    app.update(Action::Activate);
    app.update(Action::NextMention);
    assert!(
        app.message()
            .unwrap()
            .text
            .contains("Nothing is highlighted")
    );
    select_actor_in_sidebar(&mut app, actor);
    app.update(Action::Activate);
    let document = app.reader().document.clone().unwrap();
    let count = document.mentions.len();
    assert!(count >= 3, "the busiest actor is named more than twice");
    let height = usize::from(app.screen().reader.unwrap().body.height);
    for i in 0..count {
        app.update(Action::NextMention);
        assert_eq!(app.reader().mention, Some(i));
        let line = document.mentions[i].line;
        let scroll = app.reader().scroll;
        assert!(
            scroll <= line && line < scroll + height,
            "mention {i} is shown"
        );
    }
    app.update(Action::NextMention);
    assert_eq!(app.reader().mention, Some(0));
    assert!(app.message().unwrap().text.contains("from the top"));
    app.update(Action::PreviousMention);
    assert_eq!(app.reader().mention, Some(count - 1));
}

#[test]
fn direction_cycles_per_article_and_shaping_toggles() {
    let mut app = seeded(120, 40);
    let options = |app: &App| app.layout_options(0);
    assert_eq!(options(&app).direction, BaseDirection::Auto);
    assert_eq!(options(&app).neutral, Direction::Rtl, "the seeds say ar");
    app.update(Action::CycleDirection);
    assert_eq!(options(&app).direction, BaseDirection::Rtl);
    app.update(Action::CycleDirection);
    assert_eq!(options(&app).direction, BaseDirection::Ltr);
    let document = app.reader().document.clone().unwrap();
    assert!(
        document
            .lines
            .iter()
            .filter(|l| l.kind == LineKind::Body)
            .all(|l| l.visual.alignment == Alignment::Left)
    );
    assert_eq!(app.layout_options(1).direction, BaseDirection::Auto);
    app.update(Action::CycleDirection);
    assert_eq!(options(&app).direction, BaseDirection::Auto);

    let shaped = app.reader().document.clone().unwrap();
    app.update(Action::ToggleShaping);
    assert!(!app.shaping());
    assert!(app.message().unwrap().text.contains("unjoined"));
    let unshaped = app.reader().document.clone().unwrap();
    let has_forms = |d: &Document| {
        d.lines.iter().any(|l| {
            l.visual
                .text
                .chars()
                .any(|c| ('\u{fe70}'..='\u{feff}').contains(&c))
        })
    };
    assert!(has_forms(&shaped));
    assert!(!has_forms(&unshaped));
}

#[test]
fn an_english_article_reads_left_to_right() {
    let mut articles = seeds();
    articles.insert(0, english_article());
    let app = app_with(articles, 120, 40);
    assert_eq!(
        app.open_article().unwrap().title(),
        "Talks resume in Istanbul"
    );
    assert_eq!(app.layout_options(0).neutral, Direction::Ltr);
    let document = app.reader().document.clone().unwrap();
    assert!(
        document
            .lines
            .iter()
            .all(|l| l.visual.alignment == Alignment::Left)
    );
    assert!(app.mentions(0).is_some_and(|m| !m.actors.is_empty()));
}

#[test]
fn narrow_terminals_collapse_panes_and_keys_bring_them_back() {
    let mut app = seeded(60, 20);
    assert!(app.screen().is_shown(Pane::List));
    assert!(!app.screen().is_shown(Pane::Reader));
    app.update(Action::FocusNext);
    assert!(app.screen().is_shown(Pane::Reader));
    assert!(!app.screen().is_shown(Pane::List));
    app.update(Action::ToggleSidebar);
    assert_eq!(app.focus(), Pane::Actors, "] shows the collapsed sidebar");
    assert!(app.screen().is_shown(Pane::Actors));
    app.update(Action::ToggleList);
    assert_eq!(app.focus(), Pane::List);
    app.update(Action::ToggleList);
    assert!(!app.panes().list, "hidden on request");
    assert_eq!(app.focus(), Pane::Reader);
    app.update(Action::FocusNext);
    app.update(Action::FocusNext);
    assert_eq!(app.focus(), Pane::Reader, "Tab skips the hidden list");
    app.update(Action::Resize {
        width: 20,
        height: 5,
    });
    assert!(app.screen().too_small);
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    assert!(!app.screen().too_small);
    assert!(!app.screen().is_shown(Pane::List));
    app.update(Action::ToggleMirrored);
    assert!(app.panes().mirrored);
}

#[test]
fn clicks_select_and_the_wheel_scrolls_the_pane_under_the_pointer() {
    let mut app = seeded(120, 40);
    let list = app.screen().list.unwrap();
    app.update(Action::Click {
        column: list.body.x + 3,
        row: list.body.y + 2,
    });
    assert_eq!(app.list().selected, 2);
    assert_eq!(app.reader().article, Some(2));
    let reader = app.screen().reader.unwrap();
    app.update(Action::Wheel {
        column: reader.body.x,
        row: reader.body.y,
        lines: 3,
    });
    assert_eq!(app.reader().scroll, 3);
    assert_eq!(app.focus(), Pane::List, "the wheel does not move focus");
    let sidebar = app.screen().sidebar.unwrap();
    let row = app
        .sidebar()
        .rows
        .iter()
        .position(|r| matches!(r, SidebarRow::Actor { .. }))
        .unwrap();
    let key = app.sidebar().actor_at(row).unwrap();
    app.update(Action::Click {
        column: sidebar.body.x + 4,
        row: sidebar.body.y + row as u16,
    });
    assert_eq!(app.focus(), Pane::Actors);
    assert_eq!(app.filter(), Some(key), "clicking an actor filters");
}

#[test]
fn the_sidebar_lists_all_actors_and_co_occurrences() {
    let mut app = seeded(120, 40);
    while app.focus() != Pane::Actors {
        app.update(Action::FocusNext);
    }
    let in_article = app.sidebar().rows.len();
    app.update(Action::ToggleAllActors);
    assert_eq!(app.sidebar().mode, SidebarMode::All);
    let all = app
        .sidebar()
        .rows
        .iter()
        .filter(|r| matches!(r, SidebarRow::Actor { .. }))
        .count();
    assert_eq!(all, app.store().actors().len());
    assert!(app.sidebar().rows.len() >= in_article);
    let SidebarRow::Actor { key, count } = app.sidebar().rows[0] else {
        panic!("an actor first")
    };
    assert_eq!(count, app.store().articles_with_actor(key).len());
    // The actor selected in the article's list stays selected.
    let key = app.sidebar().selected_actor().unwrap();
    assert!(!app.sidebar().co_occurring.is_empty());
    assert_eq!(
        app.sidebar().co_occurring,
        app.store()
            .co_occurrences(key)
            .into_iter()
            .take(CO_OCCURRING_SHOWN)
            .collect::<Vec<_>>()
    );
    // Unconfirmed names sit under their heading, after every confirmed one.
    let heading = app
        .sidebar()
        .rows
        .iter()
        .position(|r| *r == SidebarRow::UnconfirmedHeading);
    if let Some(heading) = heading {
        assert!(app.sidebar().rows[heading + 1..].iter().all(|r| matches!(
            r,
            SidebarRow::Actor {
                key: ActorKey::Proposed(_),
                ..
            }
        )));
    }
}

#[test]
fn help_takes_the_keys_while_open() {
    let mut app = seeded(120, 20);
    app.update(Action::ToggleHelp);
    assert_eq!(app.help(), Some(0));
    app.update(Action::Down);
    assert_eq!(app.help(), Some(1));
    assert_eq!(app.list().selected, 0, "the list did not move");
    app.update(Action::FocusNext);
    assert_eq!(app.focus(), Pane::List);
    app.update(Action::Bottom);
    let rows = app.screen().help_rows(HELP_LEN);
    assert_eq!(app.help(), Some(HELP_LEN - rows));
    app.update(Action::CloseHelp);
    assert_eq!(app.help(), None);
    assert_eq!(app.update(Action::Quit), vec![Effect::Quit]);
    assert_eq!(app.update(Action::Suspend), vec![Effect::Suspend]);
}

#[test]
fn messages_last_until_the_next_key() {
    let mut app = seeded(120, 40);
    app.update(Action::Notice("turn the terminal's bidi off".to_string()));
    app.update(Action::LoadProgress { done: 1, total: 2 });
    assert!(app.message().is_some(), "background news keeps it");
    app.update(Action::Down);
    assert!(app.message().is_none());
}

#[test]
fn actors_unavailable_stops_asking_for_them() {
    let mut app = App::new(120, 40, HELP_LEN);
    app.update(Action::ActorsUnavailable("no lexicon".to_string()));
    let effects = app.update(Action::ArticlesLoaded(seeds()));
    assert!(effects.is_empty());
    assert_eq!(app.message().unwrap().text, "no lexicon");
}

// ----- reading state -----

/// The changes of every `SaveState` effect, in order; the other effects.
fn saved(effects: Vec<Effect>) -> (Vec<crate::state::Change>, Vec<Effect>) {
    let mut changes = Vec::new();
    let mut rest = Vec::new();
    for effect in effects {
        match effect {
            Effect::SaveState { changes: more, .. } => changes.extend(more),
            other => rest.push(other),
        }
    }
    (changes, rest)
}

fn id_of(app: &App, index: usize) -> ArticleId {
    app.store().get(index).unwrap().id()
}

#[test]
fn opening_marks_read_and_the_change_is_saved() {
    let mut app = seeded(120, 40);
    app.update(Action::Down);
    let (changes, _) = saved(app.update(Action::Activate));
    assert_eq!(
        changes,
        [Change {
            article: id_of(&app, 1),
            field: Field::Read(true)
        }]
    );
    assert!(app.is_read(1));
    assert!(app.reading_state().is_read(id_of(&app, 1)));
    // Opening it again changes nothing, so nothing is saved.
    app.update(Action::FocusPrevious);
    let (changes, _) = saved(app.update(Action::Activate));
    assert!(changes.is_empty(), "{changes:?}");
}

#[test]
fn r_and_f_toggle_the_selected_article_in_the_list_and_the_open_one_elsewhere() {
    let mut app = seeded(120, 40);
    app.update(Action::Down);
    app.update(Action::Down);
    let (changes, _) = saved(app.update(Action::ToggleRead));
    assert_eq!(changes[0].field, Field::Read(true));
    assert!(app.is_read(2) && !app.is_read(0));
    assert_eq!(app.message().unwrap().text, "marked read");
    app.update(Action::ToggleRead);
    assert!(!app.is_read(2));
    assert_eq!(app.message().unwrap().text, "marked unread");
    let (changes, _) = saved(app.update(Action::ToggleStarred));
    assert_eq!(
        changes,
        [Change {
            article: id_of(&app, 2),
            field: Field::Starred(true)
        }]
    );
    assert!(app.is_starred(2));
    // In the reader, the open article (0, shown at startup).
    app.update(Action::FocusNext);
    assert_eq!(app.focus(), Pane::Reader);
    app.update(Action::ToggleStarred);
    assert!(app.is_starred(0) && app.is_starred(2));
    app.update(Action::ToggleStarred);
    assert!(!app.is_starred(0));
    assert_eq!(app.message().unwrap().text, "unstarred");
}

#[test]
fn the_list_cycles_all_unread_starred_and_keeps_a_just_read_article() {
    let mut app = seeded(120, 40);
    app.update(Action::Down);
    app.update(Action::ToggleStarred);
    app.update(Action::Down);
    app.update(Action::Activate); // 2 read
    app.update(Action::FocusPrevious);
    app.update(Action::CycleView);
    assert_eq!(app.view(), ListView::Unread);
    let rows: Vec<usize> = app.list_rows().indices().collect();
    assert_eq!(rows, [0, 1, 3, 4]);
    assert_eq!(app.message().unwrap().text, "showing unread articles only");
    // Reading one from the unread list leaves it there until the view changes.
    app.update(Action::Top);
    app.update(Action::Activate);
    assert!(app.is_read(0));
    assert_eq!(app.list_rows().len(), 4);
    app.update(Action::FocusPrevious);
    app.update(Action::CycleView);
    assert_eq!(app.view(), ListView::Starred);
    let rows: Vec<usize> = app.list_rows().indices().collect();
    assert_eq!(rows, [1]);
    assert_eq!(app.selected_article(), Some(1));
    app.update(Action::CycleView);
    assert_eq!(app.view(), ListView::All);
    assert_eq!(app.list_rows().len(), 5);
    app.update(Action::CycleView);
    let rows: Vec<usize> = app.list_rows().indices().collect();
    assert_eq!(rows, [1, 3, 4], "0 and 2 were read");
}

#[test]
fn the_unread_view_combines_with_an_actor_filter() {
    let mut app = seeded(120, 40);
    let (actor, count) = selective_actor(&app);
    let naming: Vec<usize> = app
        .store()
        .articles_with_actor(actor)
        .iter()
        .map(|p| p.article_index())
        .collect();
    assert_eq!(naming.len(), count);
    let first = naming[0];
    while app.list().selected != first {
        app.update(Action::Down);
    }
    app.update(Action::ToggleRead);
    app.update(Action::CycleView);
    select_actor_in_sidebar(&mut app, actor);
    app.update(Action::Activate);
    assert_eq!(app.filter(), Some(actor));
    let rows: Vec<usize> = app.list_rows().indices().collect();
    assert_eq!(rows, naming[1..]);
    app.update(Action::ClearFilter);
    assert_eq!(app.list_rows().len(), 4);
}

#[test]
fn reopening_an_article_restores_its_paragraph_even_at_another_width() {
    let mut app = seeded(120, 40);
    app.update(Action::FocusNext);
    for _ in 0..12 {
        app.update(Action::Down);
    }
    let document = app.reader().document.clone().unwrap();
    let block = document.lines[app.reader().scroll].block;
    assert!(block > 0);
    // Quitting saves the position first.
    let effects = app.update(Action::Quit);
    assert!(matches!(effects.last(), Some(Effect::Quit)), "{effects:?}");
    let mut state = app.reading_state().clone();
    assert_eq!(
        state.position(id_of(&app, 0)).map(|p| p.paragraph as usize),
        Some(block)
    );
    // The next session, narrower: the same paragraph is at the top.
    for width in [120, 90] {
        let mut next = App::new(width, 40, HELP_LEN);
        next.update(Action::StateLoaded(state.clone()));
        next.update(Action::ArticlesLoaded(seeds()));
        let document = next.reader().document.clone().unwrap();
        let top = &document.lines[next.reader().scroll];
        assert_eq!(top.block, block, "width {width}");
        if width == 120 {
            assert_eq!(next.reader().scroll, app.reader().scroll);
        }
    }
    // A second article keeps its own position; going back to the first restores it.
    let mut next = App::new(120, 40, HELP_LEN);
    next.update(Action::StateLoaded(state.clone()));
    next.update(Action::ArticlesLoaded(seeds()));
    next.update(Action::Down);
    next.update(Action::Activate);
    assert_eq!(next.reader().scroll, 0);
    next.update(Action::PageDown);
    let second = next.reader().scroll;
    let (changes, _) = saved(next.update(Action::Down));
    for change in changes {
        state.apply(change);
    }
    next.update(Action::FocusPrevious);
    next.update(Action::Top);
    next.update(Action::Activate);
    assert_eq!(next.reader().scroll, app.reader().scroll);
    next.update(Action::FocusPrevious);
    next.update(Action::Down);
    next.update(Action::Activate);
    assert_eq!(next.reader().scroll, second + 1);
}

#[test]
fn a_resize_keeps_the_paragraph_at_the_top() {
    let mut app = seeded(120, 40);
    app.update(Action::FocusNext);
    for _ in 0..15 {
        app.update(Action::Down);
    }
    let document = app.reader().document.clone().unwrap();
    let block = document.lines[app.reader().scroll].block;
    app.update(Action::Resize {
        width: 70,
        height: 40,
    });
    let document = app.reader().document.clone().unwrap();
    assert_eq!(document.lines[app.reader().scroll].block, block);
}

#[test]
fn changes_made_before_the_state_arrives_are_kept() {
    let mut app = seeded(120, 40);
    app.update(Action::ToggleStarred);
    let mut earlier = crate::state::ReadingState::new();
    earlier.apply(Change {
        article: id_of(&app, 3),
        field: Field::Read(true),
    });
    let effects = app.update(Action::StateLoaded(earlier));
    assert!(app.is_read(3));
    assert!(app.is_starred(0));
    assert!(
        saved(effects).0.is_empty(),
        "loaded state is not saved back"
    );
}

#[test]
fn a_saved_state_brings_other_processes_marks_and_keeps_newer_changes_here() {
    let mut app = seeded(120, 40);
    let first = app.update(Action::ToggleStarred); // batch 1: 0 starred
    let [Effect::SaveState { seq: 1, .. }] = first.as_slice() else {
        panic!("{first:?}")
    };
    app.update(Action::Down);
    app.update(Action::ToggleRead); // batch 2: 1 read
    // The writer saved batch 1 only; another process had marked 4 read meanwhile.
    let mut on_disk = crate::state::ReadingState::new();
    on_disk.apply(Change {
        article: id_of(&app, 0),
        field: Field::Starred(true),
    });
    on_disk.apply(Change {
        article: id_of(&app, 4),
        field: Field::Read(true),
    });
    let effects = app.update(Action::StateSynced {
        state: on_disk.clone(),
        through: 1,
    });
    assert!(effects.is_empty(), "adopting saves nothing: {effects:?}");
    assert!(app.is_starred(0));
    assert!(app.is_read(1), "batch 2 is not on disk yet: kept");
    assert!(app.is_read(4), "the other process's mark");
    // Once batch 2 is saved, the disk is the truth: another process unstarring 0 shows.
    let mut later = on_disk;
    later.apply(Change {
        article: id_of(&app, 1),
        field: Field::Read(true),
    });
    later.apply(Change {
        article: id_of(&app, 0),
        field: Field::Starred(false),
    });
    app.update(Action::StateSynced {
        state: later,
        through: 2,
    });
    assert!(!app.is_starred(0));
    assert!(app.is_read(1) && app.is_read(4));
}

#[test]
fn another_process_moving_the_open_articles_position_is_not_fought_over() {
    let mut app = seeded(120, 40);
    app.update(Action::FocusNext);
    for _ in 0..5 {
        app.update(Action::Down);
    }
    let mut on_disk = app.reading_state().clone();
    on_disk.apply(Change {
        article: id_of(&app, 0),
        field: Field::Position(Some(crate::state::Position {
            paragraph: 9,
            line: 0,
        })),
    });
    let effects = app.update(Action::StateSynced {
        state: on_disk,
        through: u64::MAX,
    });
    assert!(effects.is_empty(), "no save back: {effects:?}");
    assert_eq!(app.reader().scroll, 5, "the view does not jump either");
    // Moving here records this process's position again.
    let (changes, _) = saved(app.update(Action::Down));
    assert!(matches!(
        changes.as_slice(),
        [Change {
            field: Field::Position(Some(_)),
            ..
        }]
    ));
}

#[test]
fn feed_articles_show_their_metadata_in_isolates_and_take_their_language_direction() {
    let mut builder = ArticleBuilder::new(SourceRef::Url("https://ar.example/rss".to_string()));
    builder.push_line(1, "123");
    builder.push_line(2, "456 789");
    builder
        .feed("أخبار")
        .author("مراسل")
        .published("2025-07-03T09:30:00+00:00")
        .language("ar-EG");
    let app = app_with(vec![builder.build().unwrap()], 120, 40);
    let parts: Vec<String> = app
        .meta_line(0)
        .split(" · ")
        .map(|part| part.to_string())
        .collect();
    assert_eq!(
        parts,
        [
            "\u{2068}https://ar.example/rss\u{2069}",
            "\u{2068}أخبار\u{2069}",
            "\u{2068}مراسل\u{2069}",
            "\u{2068}2025-07-03T09:30:00+00:00\u{2069}",
            "\u{2068}ar-EG\u{2069}",
            "\u{2068}1 paragraph\u{2069}",
        ]
    );
    // Digits only: the language makes the paragraph right to left.
    assert_eq!(app.layout_options(0).neutral, Direction::Rtl);
}

#[test]
fn actor_jobs_go_out_a_window_at_a_time_and_all_get_asked() {
    let lexicon = Lexicon::built_in().expect("the built-in lexicon loads");
    let matcher = Matcher::new(&lexicon);
    let mut app = App::new(120, 40, HELP_LEN);
    app.update(Action::LexiconReady(Arc::new(lexicon)));
    let count = ACTOR_WINDOW * 2 + 7;
    let articles: Vec<Article> = (0..count)
        .map(|i| {
            let mut builder = ArticleBuilder::new(SourceRef::Seed("many"));
            builder.push_line(1, &format!("العنوان رقم {i}"));
            builder.push_line(2, &format!("قال بوتين في اليوم {i}"));
            builder.build().unwrap()
        })
        .collect();
    let mut pending: Vec<ActorJob> = Vec::new();
    for effect in app.update(Action::ArticlesLoaded(articles)) {
        if let Effect::FindActors(jobs) = effect {
            pending.extend(jobs);
        }
    }
    assert_eq!(pending.len(), ACTOR_WINDOW, "no more than a window at once");
    assert_eq!(app.actor_status().requested, count);
    let mut asked = Vec::new();
    while let Some(job) = pending.pop() {
        asked.push(job.article);
        for effect in app.update(job.run(&matcher)) {
            if let Effect::FindActors(jobs) = effect {
                pending.extend(jobs);
            }
        }
        assert!(pending.len() <= ACTOR_WINDOW);
    }
    asked.sort_unstable();
    assert_eq!(
        asked,
        (0..count).collect::<Vec<_>>(),
        "each article asked once"
    );
    assert_eq!(app.actor_status().found, count);
}

#[test]
fn a_feed_articles_links_follow_its_text_as_a_numbered_list() {
    let mut builder = ArticleBuilder::new(SourceRef::Url("https://ar.example/rss".to_string()));
    builder.push_line(1, "عنوان");
    builder.push_line(2, "انظر التقرير [1] والبيان [2].");
    builder
        .link("https://ar.example/report")
        .link("https://ar.example/statement?id=2");
    let app = app_with(vec![builder.build().unwrap()], 120, 40);
    let document = app.reader().document.clone().unwrap();
    let texts: Vec<&str> = document
        .lines
        .iter()
        .map(|line| line.visual.text.as_str())
        .collect();
    let n = texts.len();
    assert_eq!(
        texts[n - 2..],
        [
            "[1] https://ar.example/report",
            "[2] https://ar.example/statement?id=2"
        ]
    );
    assert_eq!(texts[n - 3], "", "a blank line before the links");
    assert!(document.lines[n - 1].kind == LineKind::Meta);
    assert_eq!(document.lines[n - 1].visual.alignment, Alignment::Left);
}

/// An article from `url` with a title and paragraphs, one per line.
fn article_at(url: &str, title: &str, paragraphs: &[&str]) -> Article {
    let mut builder = ArticleBuilder::new(SourceRef::Url(url.to_string()));
    builder.push_line(1, title);
    for (i, paragraph) in paragraphs.iter().enumerate() {
        builder.push_line(i + 2, paragraph);
    }
    builder.build().expect("an article with a title")
}

/// Types `text` into an open search prompt and submits it, then lets the scan finish.
fn search_for(app: &mut App, text: &str) -> usize {
    app.update(Action::StartSearch);
    for character in text.chars() {
        app.update(Action::SearchInput(character));
    }
    app.update(Action::SubmitSearch);
    let mut updates = 0;
    while app.is_counting() {
        app.update_all([]);
        updates += 1;
        assert!(updates < 10_000, "the search ends");
    }
    updates
}

fn search_articles() -> Vec<Article> {
    vec![
        article_at(
            "https://a.example/1",
            "أخبار اليوم",
            &["قال أَحْمَد إن الوفد وصل"],
        ),
        article_at("https://a.example/2", "رياضة", &["لا ذكر له هنا"]),
        article_at(
            "https://a.example/3",
            "احمد في القاهرة",
            &["التقى احمد بالوزير", "ثم عاد أحمد إلى بيته"],
        ),
    ]
}

#[test]
fn a_search_lists_the_matching_articles_and_n_walks_their_hits() {
    let mut app = app_with(search_articles(), 120, 40);
    app.update(Action::StartSearch);
    assert_eq!(app.search_prompt(), Some(""));
    search_for(&mut app, "احمد");
    assert_eq!(app.search_prompt(), None);
    assert_eq!(app.list_rows().indices().collect::<Vec<_>>(), [0, 2]);
    assert!(
        app.message().unwrap().text.contains("2 articles have"),
        "{:?}",
        app.message()
    );

    app.update(Action::Down);
    app.update(Action::Activate);
    assert_eq!(app.reader().article, Some(2));
    let document = app.reader().document.clone().unwrap();
    let hits: Vec<usize> = document.mentions.iter().map(|m| m.place.block()).collect();
    assert_eq!(
        hits,
        [0, 1, 2],
        "one hit in the title and one in each paragraph"
    );
    let styled = |style| {
        document
            .lines
            .iter()
            .flat_map(|line| &line.visual.cells)
            .filter(|cell| cell.style == style)
            .count()
    };
    assert!(
        styled(STYLE_SEARCH) >= 3 * 4,
        "the hits' letters carry the search style"
    );
    assert_eq!(
        app.reader().mention,
        Some(0),
        "opened from a search, an article starts at its first hit"
    );
    app.update(Action::NextMention);
    assert_eq!(app.reader().mention, Some(1));
    assert_eq!(app.message().unwrap().text, "hit 2/3");

    // Esc steps back: the search goes, the open article stays selected.
    app.update(Action::ClearFilter);
    assert!(app.active_search().is_none());
    assert_eq!(app.list_rows().len(), 3);
    assert_eq!(app.selected_article(), Some(2));
    let document = app.reader().document.clone().unwrap();
    assert!(document.mentions.is_empty());
}

#[test]
fn the_prompt_edits_by_letter_and_cancel_or_blank_keep_or_drop_the_search() {
    let mut app = app_with(search_articles(), 120, 40);
    app.update(Action::StartSearch);
    for character in ['ب', '\u{064F}', 'ت'] {
        app.update(Action::SearchInput(character));
    }
    app.update(Action::SearchBackspace);
    assert_eq!(app.search_prompt(), Some("بُ"));
    app.update(Action::SearchBackspace);
    assert_eq!(
        app.search_prompt(),
        Some(""),
        "a letter goes with its damma"
    );
    app.update(Action::SearchBackspace);
    assert_eq!(app.search_prompt(), Some(""));
    app.update(Action::SearchInput('\u{1b}'));
    assert_eq!(
        app.search_prompt(),
        Some(""),
        "control characters are not typed"
    );
    app.update(Action::CancelSearch);
    assert_eq!(app.search_prompt(), None);
    assert!(app.active_search().is_none());

    search_for(&mut app, "القاهره");
    assert_eq!(app.list_rows().indices().collect::<Vec<_>>(), [2]);
    // A prompt opened and cancelled leaves the search as it was.
    app.update(Action::StartSearch);
    app.update(Action::SearchInput('x'));
    app.update(Action::CancelSearch);
    assert_eq!(app.active_search().unwrap().query.text(), "القاهره");
    // Harakat alone search for nothing: said, and the search stays.
    search_for(&mut app, "\u{064E}\u{0651}");
    assert!(app.message().unwrap().is_warning);
    assert_eq!(app.list_rows().len(), 1);
    // A blank query drops the search.
    search_for(&mut app, "  ");
    assert!(app.active_search().is_none());
    assert_eq!(app.list_rows().len(), 3);
}

#[test]
fn up_and_down_in_the_prompt_walk_the_queries_searched_before() {
    let mut app = app_with(search_articles(), 120, 40);
    for query in ["القاهره", "ترامب", "  القاهره "] {
        search_for(&mut app, query);
    }
    // Marks alone and blanks search nothing and are not remembered.
    search_for(&mut app, "\u{064E}");
    search_for(&mut app, "  ");
    app.update(Action::StartSearch);
    app.update(Action::SearchInput('ب'));
    let mut prompts = Vec::new();
    for step in [
        Action::SearchOlder,
        Action::SearchOlder,
        Action::SearchOlder,
        Action::SearchNewer,
        Action::SearchNewer,
        Action::SearchNewer,
    ] {
        app.update(step);
        prompts.push(app.search_prompt().unwrap().to_string());
    }
    // Each query once, the latest use last; the oldest stays; past the newest, what was typed.
    assert_eq!(prompts, ["القاهره", "ترامب", "ترامب", "القاهره", "ب", "ب"]);

    // An entry that is edited is what is typed from then on.
    app.update(Action::SearchOlder);
    app.update(Action::SearchInput('x'));
    app.update(Action::SearchNewer);
    assert_eq!(app.search_prompt(), Some("القاهرهx"));
    // A prompt opened again starts empty, and Enter on an entry searches for it.
    app.update(Action::CancelSearch);
    app.update(Action::StartSearch);
    assert_eq!(app.search_prompt(), Some(""));
    app.update(Action::SearchNewer);
    assert_eq!(
        app.search_prompt(),
        Some(""),
        "nothing newer than the prompt"
    );
    app.update(Action::SearchOlder);
    app.update(Action::SearchOlder);
    app.update(Action::SubmitSearch);
    assert_eq!(app.active_search().unwrap().query.text(), "ترامب");
}

#[test]
fn o_opens_the_link_of_the_selected_or_open_article_if_it_is_a_web_address() {
    let linked = |title: &str, url: Option<&str>| {
        let mut builder = ArticleBuilder::new(SourceRef::Stdin);
        builder.push_line(1, title);
        builder.push_line(2, "نص");
        if let Some(url) = url {
            builder.url(url);
        }
        builder.build().expect("an article")
    };
    let mut app = app_with(
        vec![
            linked("أ", Some("https://example.com/ar/1")),
            linked("ب", None),
            linked("ج", Some("javascript:alert(1)")),
        ],
        120,
        40,
    );
    assert_eq!(
        app.update(Action::OpenLink),
        vec![Effect::OpenLink("https://example.com/ar/1".to_string())]
    );
    assert!(app.message().unwrap().text.contains("opening"));
    app.update(Action::Down);
    assert_eq!(app.update(Action::OpenLink), vec![]);
    assert_eq!(app.message().unwrap().text, "This article has no link");
    app.update(Action::Down);
    assert_eq!(app.update(Action::OpenLink), vec![]);
    assert!(app.message().unwrap().is_warning);
    // In the reader, the open article's link: the first one is still open.
    app.update(Action::FocusNext);
    assert_eq!(
        app.update(Action::OpenLink),
        vec![Effect::OpenLink("https://example.com/ar/1".to_string())]
    );
}

#[test]
fn only_plain_web_addresses_go_to_a_browser() {
    for good in [
        "https://example.com/a?b=1&c=%20",
        "HTTP://X.example",
        " https://x.y/ ",
    ] {
        assert!(super::web_address(good).is_some(), "{good}");
    }
    for bad in [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "-new-tab",
        "https://",
        "https://a b",
        "https://a\u{1b}]52;c;x\u{7}",
        "ftp://x",
    ] {
        assert_eq!(super::web_address(bad), None, "{bad}");
    }
}

#[test]
fn earlier_sessions_queries_come_first_and_only_this_sessions_go_out() {
    let mut app = app_with(search_articles(), 120, 40);
    app.update(Action::SearchHistoryLoaded(vec![
        "old".to_string(),
        "ترامب".to_string(),
    ]));
    app.update(Action::StartSearch);
    for character in "ترامب".chars() {
        app.update(Action::SearchInput(character));
    }
    let effects = app.update(Action::SubmitSearch);
    assert!(
        effects.contains(&Effect::RememberSearches(vec!["ترامب".to_string()])),
        "{effects:?}"
    );
    // No new query, no effect.
    assert!(
        !app.update(Action::FocusNext)
            .iter()
            .any(|effect| matches!(effect, Effect::RememberSearches(_)))
    );
    app.update(Action::StartSearch);
    app.update(Action::SearchOlder);
    assert_eq!(app.search_prompt(), Some("ترامب"));
    app.update(Action::SearchOlder);
    assert_eq!(app.search_prompt(), Some("old"));
}

#[test]
fn a_paste_into_the_prompt_is_one_line_without_controls() {
    let mut app = app_with(search_articles(), 120, 40);
    // Outside the prompt a paste types nothing.
    app.update(Action::SearchPaste("ترامب".to_string()));
    assert_eq!(app.search_prompt(), None);
    app.update(Action::StartSearch);
    app.update(Action::SearchPaste(
        " \n دونالد\r\n\tترامب\u{1b}[31m q\n".to_string(),
    ));
    assert_eq!(app.search_prompt(), Some("دونالد ترامب[31m q "));
    app.update(Action::SearchClearInput);
    app.update(Action::SearchPaste(
        "ب".repeat(2 * search::PROMPT_MAX_CHARS),
    ));
    app.update(Action::SearchInput('x'));
    assert_eq!(
        app.search_prompt().map(|prompt| prompt.chars().count()),
        Some(search::PROMPT_MAX_CHARS)
    );
}

#[test]
fn a_search_scans_a_slice_per_update_and_takes_articles_loaded_later() {
    // 12 articles of about 200 KB: more than two slices of text.
    let filler = "كلام عادي عن الطقس والأسواق ".repeat(4_000);
    let articles: Vec<Article> = (0..12)
        .map(|i| {
            let last = if i % 4 == 1 {
                "ذكر المرصد هنا"
            } else {
                "لا شيء"
            };
            article_at(
                &format!("https://b.example/{i}"),
                &format!("مقال {i}"),
                &[&filler, last],
            )
        })
        .collect();
    let bytes: usize = articles.iter().map(Article::text_len).sum();
    assert!(bytes > 2 * SEARCH_SLICE_BYTES);
    let mut app = App::new(120, 40, HELP_LEN);
    app.update(Action::ArticlesLoaded(articles));
    let updates = search_for(&mut app, "المرصد");
    // The update that submitted scanned the first slice.
    assert!(updates >= 1, "{updates} more updates: the scan is sliced");
    assert_eq!(app.list_rows().indices().collect::<Vec<_>>(), [1, 5, 9]);
    assert!(
        app.message().is_none(),
        "no total is said while loading goes on"
    );

    app.update(Action::ArticlesLoaded(vec![article_at(
        "https://b.example/late",
        "خبر متأخر",
        &["المرصد يقول"],
    )]));
    // Articles that arrive are scanned too (this one in the update that brought it).
    while app.is_counting() {
        app.update_all([]);
    }
    app.update(Action::LoadFinished(LoadSummary::default()));
    assert_eq!(app.list_rows().indices().collect::<Vec<_>>(), [1, 5, 9, 12]);
    assert!(app.message().unwrap().text.contains("4 articles have"));
}

#[test]
fn an_article_opened_from_a_search_starts_at_its_first_hit() {
    let filler = "جملة عادية لا شيء فيها سوى الكلام عن الطقس والأسواق والطرق.";
    let mut paragraphs = vec![filler; 60];
    paragraphs[50] = "وهنا ذكر المرصد أخيرا.";
    let articles = vec![
        article_at("https://c.example/1", "قصير", &["لا شيء"]),
        article_at("https://c.example/2", "طويل", &paragraphs),
    ];
    let mut app = app_with(articles, 120, 20);
    search_for(&mut app, "المرصد");
    assert_eq!(app.list_rows().indices().collect::<Vec<_>>(), [1]);
    app.update(Action::Activate);
    assert_eq!(app.reader().article, Some(1));
    let document = app.reader().document.clone().unwrap();
    let line = document.mentions[0].line;
    let scroll = app.reader().scroll;
    let height = usize::from(app.screen().reader.unwrap().body.height);
    assert!(
        scroll > 0 && scroll <= line && line < scroll + height,
        "{scroll} {line}"
    );
    assert_eq!(app.reader().mention, Some(0));
}
