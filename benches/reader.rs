//! Every key of the reader, update + redraw, with 100,000 articles at 200×60 (issue 6: each
//! must stay under 4 ms), one round of a search in progress (a slice of the store), and a
//! whole search pass on every core and on one. The articles come from `sahifa::corpus` (seed 1), their actors are
//! found once before measuring, as the runner's actor worker would; each measurement is one
//! `App::update` and one full `Terminal::draw` of the screen into ratatui's `TestBackend`.
//!
//! `SAHIFA_BENCH_ARTICLES=N` changes the corpus size (setup takes ~1 min at 100,000).

use std::hint::black_box;
use std::sync::Arc;
use std::thread;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sahifa::actors::{Lexicon, Matcher};
use sahifa::app::{Action, ActorJob, App, Effect, ListView, Pane, SidebarMode};
use sahifa::corpus::Corpus;
use sahifa::keymap::Keymap;
use sahifa::search::Query;
use sahifa::store::load::parse_plain_text;
use sahifa::store::{LoadSummary, SourceRef};
use sahifa::ui::{Screen, Theme, help_lines};

const WIDTH: u16 = 200;
const HEIGHT: u16 = 60;

fn article_count() -> usize {
    std::env::var("SAHIFA_BENCH_ARTICLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000)
}

/// The reader after loading `count` corpus articles in the runner's batch size and finding
/// their actors on every core.
fn loaded_app(count: usize) -> App {
    let lexicon = Lexicon::built_in().expect("built-in lexicon");
    let matcher = Matcher::new(&lexicon);
    let keymap = Keymap::default();
    let mut app = App::new(WIDTH, HEIGHT, help_lines(&keymap).len());
    app.update(Action::LexiconReady(Arc::new(lexicon)));
    let corpus = Corpus::new(1);
    let mut effects = Vec::new();
    for start in (0..count).step_by(512) {
        let batch = (start..(start + 512).min(count))
            .flat_map(|i| {
                let text = corpus.article(i);
                let source = SourceRef::File(format!("corpus/{i:07}.txt").into());
                parse_plain_text(source, text.as_bytes()).articles
            })
            .collect();
        effects.extend(app.update(Action::ArticlesLoaded(batch)));
    }
    // The app hands out a window of jobs at a time; answers bring the next ones.
    let workers = thread::available_parallelism().map_or(1, |n| n.get());
    loop {
        let jobs: Vec<ActorJob> = effects
            .drain(..)
            .flat_map(|effect| match effect {
                Effect::FindActors(jobs) => jobs,
                _ => Vec::new(),
            })
            .collect();
        if jobs.is_empty() {
            break;
        }
        let chunk = jobs.len().div_ceil(workers).max(1);
        let found: Vec<Action> = thread::scope(|scope| {
            let handles: Vec<_> = jobs
                .chunks(chunk)
                .map(|part| {
                    let matcher = &matcher;
                    scope.spawn(move || part.iter().map(|job| job.run(matcher)).collect::<Vec<_>>())
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|handle| handle.join().expect("finder"))
                .collect()
        });
        effects = app.update_all(found);
    }
    assert_eq!(
        app.actor_status().found,
        count,
        "every article's actors found"
    );
    app.update(Action::LoadFinished(LoadSummary::default()));
    app
}

struct Bench {
    app: App,
    terminal: Terminal<TestBackend>,
    keymap: Keymap,
    theme: Theme,
}

impl Bench {
    /// One key: update, then redraw the whole screen.
    fn key(&mut self, action: Action) {
        black_box(self.app.update(action));
        self.draw();
    }

    fn draw(&mut self) {
        let screen = Screen {
            app: &self.app,
            keymap: &self.keymap,
            theme: &self.theme,
        };
        self.terminal
            .draw(|frame| frame.render_widget(&screen, frame.area()))
            .expect("drawing into memory");
    }

    /// Benchmarks `first` and `then` as alternate keys (down and back up: the selection
    /// or view stays where it was).
    fn alternating(
        &mut self,
        group: &mut criterion::BenchmarkGroup<criterion::measurement::WallTime>,
        name: &str,
        first: Action,
        then: Action,
    ) {
        let mut second = false;
        group.bench_function(name, |b| {
            b.iter(|| {
                self.key(if second { then.clone() } else { first.clone() });
                second = !second;
            })
        });
    }

    fn focus(&mut self, pane: Pane) {
        for _ in 0..4 {
            if self.app.focus() == pane {
                return;
            }
            self.app.update(Action::FocusNext);
        }
    }
}

fn keys(criterion: &mut Criterion) {
    let count = article_count();
    let mut bench = Bench {
        app: loaded_app(count),
        terminal: Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test terminal"),
        keymap: Keymap::default(),
        theme: Theme::basic(),
    };
    assert_eq!(bench.app.store().len(), count, "every article loaded");
    bench.draw();

    let mut group = criterion.benchmark_group(format!("key_{count}_articles_{WIDTH}x{HEIGHT}"));
    group.sample_size(50);

    // Moving in the list: down and back up, so the selection stays mid-list.
    bench.focus(Pane::List);
    for _ in 0..count / 2 {
        bench.app.update(Action::Down);
    }
    bench.alternating(&mut group, "list_move", Action::Down, Action::Up);
    bench.alternating(&mut group, "list_page", Action::PageDown, Action::PageUp);
    // Opening: each time a different article, laid out for the first time.
    group.bench_function("open_article", |b| {
        b.iter(|| {
            bench.app.update(Action::Down);
            bench.key(Action::Activate);
        })
    });
    bench.focus(Pane::List);
    bench.key(Action::Activate);
    group.bench_function("switch_pane", |b| b.iter(|| bench.key(Action::FocusNext)));

    bench.focus(Pane::Reader);
    bench.alternating(&mut group, "reader_scroll", Action::Down, Action::Up);
    group.bench_function("toggle_direction", |b| {
        b.iter(|| bench.key(Action::CycleDirection))
    });

    bench.focus(Pane::Actors);
    bench.app.update(Action::Top);
    let actor = bench.app.sidebar().selected_actor();
    assert!(actor.is_some(), "the open article names an actor");
    // Moving in the sidebar between the open article's first two actors: each selection
    // shows the actors it appears with.
    bench.alternating(&mut group, "sidebar_move", Action::Down, Action::Up);
    // The sidebar between the open article's actors and every actor in the store.
    group.bench_function("sidebar_all_actors_toggle", |b| {
        b.iter(|| bench.key(Action::ToggleAllActors))
    });
    // The list between all, unread and starred articles.
    group.bench_function("cycle_view", |b| b.iter(|| bench.key(Action::CycleView)));
    // Back to every article and the open article's actors, whatever the runs left.
    while bench.app.view() != ListView::All {
        bench.app.update(Action::CycleView);
    }
    if bench.app.sidebar().mode != SidebarMode::Article {
        bench.app.update(Action::ToggleAllActors);
    }
    // Filtering by the open article's most-mentioned actor, and clearing it, alternately.
    bench.app.update(Action::Top);
    bench.alternating(
        &mut group,
        "filter_by_actor_and_clear",
        Action::Activate,
        Action::ClearFilter,
    );
    bench.app.update(Action::ClearFilter);

    // Typing into the search prompt: a letter and its deletion, alternately.
    bench.app.update(Action::StartSearch);
    bench.alternating(
        &mut group,
        "search_type_letter",
        Action::SearchInput('ب'),
        Action::SearchBackspace,
    );
    bench.app.update(Action::CancelSearch);
    // A search in progress: each round scans one slice of the store and redraws, as the
    // runner does between keys. A finished search is started again (once per pass over the
    // store, with the store's size in slices in between).
    let search = |app: &mut App| {
        app.update(Action::StartSearch);
        for letter in "كورسك".chars() {
            app.update(Action::SearchInput(letter));
        }
        app.update(Action::SubmitSearch);
    };
    search(&mut bench.app);
    group.bench_function("search_slice", |b| {
        b.iter(|| {
            if !bench.app.is_counting() {
                search(&mut bench.app);
            }
            black_box(bench.app.update_all([]));
            bench.draw();
        })
    });
    group.finish();

    // A whole pass of a search over the store: on every core (as the reader's slices and
    // `sahifa list --search` run it) and one article at a time, for the ratio.
    let store = bench.app.store();
    let query = Query::new("كورسك").expect("a query");
    let mut group = criterion.benchmark_group("search");
    group.sample_size(10);
    group.bench_function("whole_store_every_core", |b| {
        b.iter(|| black_box(query.matching(store, 0..store.len())))
    });
    group.bench_function("whole_store_one_core", |b| {
        b.iter(|| {
            black_box(
                store
                    .iter()
                    .enumerate()
                    .filter(|(_, article)| query.matches(article))
                    .count(),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, keys);
criterion_main!(benches);
