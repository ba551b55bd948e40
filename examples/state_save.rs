//! How long the reading state takes with many articles: `cargo run --release --example
//! state_save [ARTICLES]` (default 100,000) times a full load, a save of one change (lock,
//! re-read, merge, atomic write with fsync) and the file's size, in a temp dir.

use std::time::{Duration, Instant};

use sahifa::state::{Change, Field, Position, ReadingState, StateFile};
use sahifa::store::ArticleId;

fn main() {
    let articles: usize = std::env::args()
        .nth(1)
        .map_or(100_000, |n| n.parse().expect("a number of articles"));
    let dir = tempfile::tempdir().expect("a temp dir");
    let file = StateFile::in_dir(dir.path());

    // Every article read, one in five starred, one in three with a position.
    let mut state = ReadingState::new();
    for n in 0..articles {
        let article = ArticleId::from_key(&format!("https://news.example/{n}"));
        state.apply(Change {
            article,
            field: Field::Read(true),
        });
        if n % 5 == 0 {
            state.apply(Change {
                article,
                field: Field::Starred(true),
            });
        }
        if n % 3 == 0 {
            state.apply(Change {
                article,
                field: Field::Position(Some(Position {
                    paragraph: (n % 40) as u32,
                    line: (n % 3) as u32,
                })),
            });
        }
    }
    file.replace(&state).expect("the first write");
    let bytes = std::fs::metadata(file.path()).expect("the file").len();

    const RUNS: u32 = 10;
    let mut load = Duration::ZERO;
    let mut save = Duration::ZERO;
    for run in 0..RUNS {
        let start = Instant::now();
        let loaded = file.load().expect("load");
        load += start.elapsed();
        assert_eq!(loaded.state.len(), articles);

        let change = Change {
            article: ArticleId::from_key(&format!("https://news.example/{run}")),
            field: Field::Starred(run % 2 == 0),
        };
        let start = Instant::now();
        file.commit(&[change]).expect("save");
        save += start.elapsed();
    }
    println!(
        "{articles} articles, {:.1} MB: load {:.1} ms, save of one change (lock, re-read, \
         merge, write, fsync, rename) {:.1} ms, averaged over {RUNS} runs",
        bytes as f64 / 1e6,
        load.as_secs_f64() * 1e3 / f64::from(RUNS),
        save.as_secs_f64() * 1e3 / f64::from(RUNS),
    );
}
