//! The reading-state file with several processes: writers at once lose nothing, and a writer
//! killed (SIGKILL) at any moment leaves a complete state. The processes are the real binary's
//! hidden `state-stress` command, with XDG_STATE_HOME and HOME in a temp dir.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sahifa::cli::state_stress::{churn_round, stress_id};
use sahifa::state::{ReadingState, StateFile};

fn stress(home: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sahifa"));
    command
        .arg("state-stress")
        .args(args)
        .env("XDG_STATE_HOME", home.join("state"))
        .env("HOME", home)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

fn state_file(home: &Path) -> StateFile {
    StateFile::in_dir(home.join("state").join("sahifa"))
}

#[test]
fn writers_at_once_lose_nothing() {
    let home = tempfile::tempdir().unwrap();
    const COUNT: usize = 150;
    let count = COUNT.to_string();
    // Two processes change different fields of the same articles, two others their own.
    let runs = [
        ("shared", "read"),
        ("shared", "star"),
        ("mine", "read"),
        ("yours", "star"),
    ];
    let children: Vec<Child> = runs
        .iter()
        .map(|(prefix, field)| {
            stress(
                home.path(),
                &[
                    "mark", "--prefix", prefix, "--count", &count, "--field", field,
                ],
            )
            .spawn()
            .unwrap()
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(String::from_utf8_lossy(&output.stdout), "done\n");
    }
    let loaded = state_file(home.path()).load().unwrap();
    assert_eq!(loaded.notice, None);
    let state = loaded.state;
    for n in 0..COUNT {
        let shared = state.get(stress_id("shared", n));
        assert!(shared.read && shared.starred, "shared {n}: {shared:?}");
        assert!(state.is_read(stress_id("mine", n)), "mine {n}");
        assert!(state.is_starred(stress_id("yours", n)), "yours {n}");
    }
    assert_eq!(state.len(), 3 * COUNT);
}

/// A small pseudo-random sequence (the kill moments), seeded from the clock and printed so
/// that a failure can be replayed.
struct Moments(u64);

impl Moments {
    fn next_millis(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % below
    }
}

/// The complete state after round `round` of the churn.
fn churn_state(entries: usize, round: u32) -> ReadingState {
    let mut state = ReadingState::new();
    for change in churn_round(entries, round) {
        state.apply(change);
    }
    state
}

#[cfg(unix)]
#[test]
fn a_writer_killed_at_any_moment_leaves_a_complete_state() {
    let home = tempfile::tempdir().unwrap();
    const ENTRIES: usize = 5_000;
    const KILLS: usize = 40;
    let entries = ENTRIES.to_string();
    let file = state_file(home.path());
    let seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    println!("kill moments seed {seed}");
    let mut moments = Moments(seed);
    let mut last_round = 0;
    let mut torn_writes = 0;
    for kill in 0..KILLS {
        let mut child = stress(home.path(), &["churn", "--count", &entries])
            .spawn()
            .unwrap();
        if kill == 0 {
            // Let the first writer finish one round, so that later kills have a file to spoil.
            while !file.path().exists() {
                assert!(child.try_wait().unwrap().is_none(), "the writer stopped");
                thread::sleep(Duration::from_millis(5));
            }
        }
        thread::sleep(Duration::from_millis(moments.next_millis(400)));
        // SIGKILL: no destructor, no flush.
        child.kill().unwrap();
        child.wait().unwrap();
        let stray = std::fs::read_dir(file.dir()).unwrap().flatten().any(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("state.json.tmp-")
        });
        torn_writes += usize::from(stray);

        let loaded = file.load().unwrap();
        assert_eq!(loaded.notice, None, "kill {kill}: the file must parse");
        let round = loaded
            .state
            .position(stress_id("churn", 0))
            .expect("a churn entry")
            .paragraph;
        assert!(
            round >= last_round,
            "kill {kill}: went back to round {round}"
        );
        assert_eq!(
            loaded.state,
            churn_state(ENTRIES, round),
            "kill {kill}: not the complete state of round {round}"
        );
        last_round = round;
    }
    println!("{KILLS} kills, {last_round} rounds saved, {torn_writes} kills left a torn write");
    assert!(last_round > 0);
}
