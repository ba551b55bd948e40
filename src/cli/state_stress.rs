//! `sahifa state-stress` (hidden): drives the reading-state file from a separate process so
//! that tests can run several writers at once and kill one in the middle of a write. Not for
//! people; it writes to the XDG state dir like the reader does.

use std::io::{self, Write};

use crate::state::{Change, Field, Position, StateFile};
use crate::store::ArticleId;

/// The article id of entry `n` of a run named `prefix`.
pub fn stress_id(prefix: &str, n: usize) -> ArticleId {
    ArticleId::from_key(&format!("stress:{prefix}:{n}"))
}

/// The changes of round `round` of `churn`: every one of `entries` articles read, every other
/// one starred, positioned at paragraph `round`. After a complete save of round `r` the file
/// holds exactly these entries, all at paragraph `r`.
pub fn churn_round(entries: usize, round: u32) -> Vec<Change> {
    (0..entries)
        .flat_map(|n| {
            let article = stress_id("churn", n);
            [
                Change {
                    article,
                    field: Field::Read(true),
                },
                Change {
                    article,
                    field: Field::Starred(n % 2 == 0),
                },
                Change {
                    article,
                    field: Field::Position(Some(Position {
                        paragraph: round,
                        line: (n % 7) as u32,
                    })),
                },
            ]
        })
        .collect()
}

/// `churn`: saves round after round of [`churn_round`] until killed, starting after the round
/// already in the file. `mark`: sets `field` (read or star) on `count` articles of `prefix`,
/// one save per article.
pub fn run(mode: &str, prefix: &str, count: usize, field: &str) -> Result<(), String> {
    let file = StateFile::from_process_env()?;
    let fail = |error: io::Error| format!("sahifa: {}: {error}", file.path().display());
    match mode {
        "churn" => {
            let mut round = file
                .load()
                .map_err(fail)?
                .state
                .position(stress_id("churn", 0))
                .map_or(0, |p| p.paragraph);
            loop {
                round += 1;
                file.commit(&churn_round(count, round)).map_err(fail)?;
            }
        }
        "mark" => {
            for n in 0..count {
                let field = match field {
                    "read" => Field::Read(true),
                    "star" => Field::Starred(true),
                    other => return Err(format!("sahifa: unknown field {other:?}")),
                };
                file.commit(&[Change {
                    article: stress_id(prefix, n),
                    field,
                }])
                .map_err(fail)?;
            }
            let mut out = io::stdout().lock();
            writeln!(out, "done").map_err(|e| e.to_string())
        }
        other => Err(format!("sahifa: unknown mode {other:?} (churn, mark)")),
    }
}
