//! The reading state in memory and on disk (single process; the multi-process and killed-
//! writer tests are in tests/state_file.rs).

use std::fs;
use std::time::Duration;

use super::*;

fn id(n: u32) -> ArticleId {
    ArticleId::from_key(&format!("https://example.org/{n}"))
}

fn change(n: u32, field: Field) -> Change {
    Change {
        article: id(n),
        field,
    }
}

fn aside_files(dir: &std::path::Path, kind: &str) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(&format!("state.json.{kind}-")))
        .collect();
    names.sort();
    names
}

#[test]
fn changes_apply_per_field_and_defaults_are_not_kept() {
    let mut state = ReadingState::new();
    assert!(state.apply(change(1, Field::Read(true))));
    assert!(!state.apply(change(1, Field::Read(true))));
    assert!(state.apply(change(1, Field::Starred(true))));
    let at = Position {
        paragraph: 3,
        line: 2,
    };
    assert!(state.apply(change(1, Field::Position(Some(at)))));
    assert_eq!(
        state.get(id(1)),
        Entry {
            read: true,
            starred: true,
            position: Some(at)
        }
    );
    state.apply(change(1, Field::Read(false)));
    state.apply(change(1, Field::Starred(false)));
    assert_eq!(state.len(), 1);
    state.apply(change(1, Field::Position(None)));
    assert!(state.is_empty(), "an all-default entry is dropped");
    assert!(!state.is_read(id(2)));
}

#[test]
fn round_trip_through_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = StateFile::in_dir(dir.path().join("sahifa"));
    assert_eq!(file.load().unwrap(), Loaded::default(), "no file: empty");
    assert!(!file.dir().exists(), "loading creates nothing");
    let changes: Vec<Change> = (0..50)
        .flat_map(|n| {
            [
                change(n, Field::Read(n % 2 == 0)),
                change(n, Field::Starred(n % 3 == 0)),
                change(
                    n,
                    Field::Position((n % 5 == 0).then_some(Position {
                        paragraph: n,
                        line: n % 4,
                    })),
                ),
            ]
        })
        .collect();
    let committed = file.commit(&changes).unwrap();
    assert_eq!(committed.notice, None);
    let mut expected = ReadingState::new();
    for c in &changes {
        expected.apply(*c);
    }
    assert_eq!(committed.state, expected);
    let loaded = file.load().unwrap();
    assert_eq!(loaded.notice, None);
    assert_eq!(loaded.state, expected);
    assert!(expected.is_starred(id(3)) && !expected.is_read(id(3)));

    let text = fs::read_to_string(file.path()).unwrap();
    assert!(text.starts_with("{\"version\":1,\"articles\":{"), "{text}");
    let leftovers: Vec<_> = fs::read_dir(file.dir())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        2,
        "state.json and state.lock: {leftovers:?}"
    );
}

#[test]
fn a_commit_rereads_the_file_and_keeps_other_writers_changes() {
    let dir = tempfile::tempdir().unwrap();
    // Two handles on one directory stand for two processes: each commits only its changes.
    let first = StateFile::in_dir(dir.path());
    let second = StateFile::in_dir(dir.path());
    first
        .commit(&[change(1, Field::Read(true)), change(2, Field::Read(true))])
        .unwrap();
    second
        .commit(&[
            change(1, Field::Starred(true)),
            change(3, Field::Read(true)),
        ])
        .unwrap();
    // The same field of the same article: the change saved last wins.
    first.commit(&[change(3, Field::Read(false))]).unwrap();
    let state = first.load().unwrap().state;
    assert_eq!(
        state.get(id(1)),
        Entry {
            read: true,
            starred: true,
            position: None
        }
    );
    assert!(state.is_read(id(2)));
    assert!(!state.is_read(id(3)));
}

#[test]
fn a_corrupt_file_is_moved_aside_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let file = StateFile::in_dir(dir.path());
    for (n, garbage) in [
        &b"{\"version\":1,\"articles\":{\"3ed9818d08fa67ef\":{\"read\":tr"[..],
        b"\x00\xff not json",
        b"{\"version\":1,\"articles\":{\"not-an-id\":{}}}",
        b"[]",
        b"",
    ]
    .into_iter()
    .enumerate()
    {
        fs::write(file.path(), garbage).unwrap();
        let loaded = file.load().unwrap();
        assert_eq!(loaded.state, ReadingState::new(), "{n}");
        let notice = loaded.notice.expect("a message");
        assert!(
            notice.starts_with("moved the unreadable reading state to ")
                && notice.contains("; starting afresh ("),
            "{notice}"
        );
        assert!(!file.path().exists(), "moved, not left in place");
        let aside = aside_files(dir.path(), "corrupt");
        assert_eq!(aside.len(), n + 1, "{aside:?}");
        assert!(notice.contains(aside.last().unwrap()), "{notice}");
        assert_eq!(
            fs::read(dir.path().join(aside.last().unwrap())).unwrap(),
            garbage,
            "kept as it was"
        );
    }
    // The next save starts from the fresh state.
    file.commit(&[change(1, Field::Read(true))]).unwrap();
    assert_eq!(file.load().unwrap().state.len(), 1);
}

#[test]
fn a_file_from_a_newer_version_is_moved_aside_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let file = StateFile::in_dir(dir.path());
    let newer = br#"{"version":2,"articles":{},"tags":{"x":[1]}}"#;
    fs::write(file.path(), newer).unwrap();
    // A commit meets it first (another process may have written it since startup).
    let committed = file.commit(&[change(7, Field::Starred(true))]).unwrap();
    let notice = committed.notice.expect("a message");
    assert!(
        notice.starts_with("moved the reading state of a newer sahifa to ")
            && notice.ends_with("; starting afresh (format 2; this one reads 1)"),
        "{notice}"
    );
    let aside = aside_files(dir.path(), "newer");
    assert_eq!(aside.len(), 1);
    assert_eq!(fs::read(dir.path().join(&aside[0])).unwrap(), newer);
    let state = file.load().unwrap().state;
    assert!(state.is_starred(id(7)));
    assert_eq!(state.len(), 1);
}

#[test]
fn stray_temporary_files_of_killed_writers_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    let file = StateFile::in_dir(dir.path());
    fs::write(dir.path().join("state.json.tmp-99999"), b"{\"vers").unwrap();
    file.commit(&[change(1, Field::Read(true))]).unwrap();
    assert!(!dir.path().join("state.json.tmp-99999").exists());
}

#[test]
fn the_location_follows_xdg() {
    let env = crate::test_support::fake_env;
    let file = StateFile::from_env(env(&[("XDG_STATE_HOME", "/s"), ("HOME", "/h")])).unwrap();
    assert_eq!(file.path(), std::path::Path::new("/s/sahifa/state.json"));
    let file = StateFile::from_env(env(&[("XDG_STATE_HOME", "rel"), ("HOME", "/h")])).unwrap();
    assert_eq!(
        file.path(),
        std::path::Path::new("/h/.local/state/sahifa/state.json")
    );
    let file = StateFile::from_env(env(&[("XDG_STATE_HOME", ""), ("HOME", "/h")])).unwrap();
    assert_eq!(file.dir(), std::path::Path::new("/h/.local/state/sahifa"));
    assert!(StateFile::from_env(env(&[])).is_err());
}

/// Times no test will reach: the writer saves only when finished.
fn patient() -> WriterTiming {
    let hour = Duration::from_secs(3600);
    WriterTiming {
        quiet: hour,
        max_wait: hour,
        poll: hour,
    }
}

#[test]
fn the_writer_saves_what_is_pending_when_finished() {
    let dir = tempfile::tempdir().unwrap();
    let file = StateFile::in_dir(dir.path());
    let (writer, reports) = StateWriter::spawn(file.clone(), patient()).unwrap();
    writer.send(1, vec![change(1, Field::Read(true))]);
    writer.send(
        2,
        vec![
            change(2, Field::Starred(true)),
            change(1, Field::Starred(true)),
        ],
    );
    assert_eq!(writer.finish(), None);
    let report = reports.recv().unwrap();
    assert_eq!(report.changes, 3);
    assert_eq!(report.articles, 2);
    assert!(!report.failed);
    let (saved, through) = report.saved.expect("the state saved");
    assert_eq!(through, 2);
    assert_eq!(saved, file.load().unwrap().state);
    let state = file.load().unwrap().state;
    assert!(state.is_read(id(1)) && state.is_starred(id(1)) && state.is_starred(id(2)));
}

#[test]
fn the_writer_saves_after_a_quiet_moment() {
    let dir = tempfile::tempdir().unwrap();
    let file = StateFile::in_dir(dir.path());
    let timing = WriterTiming {
        quiet: Duration::ZERO,
        ..patient()
    };
    let (writer, reports) = StateWriter::spawn(file.clone(), timing).unwrap();
    writer.send(1, vec![change(1, Field::Read(true))]);
    // Waits for the report (no timing assumed: the save happens whenever the thread runs).
    let report = reports.recv().unwrap();
    assert_eq!(report.changes, 1);
    assert!(file.load().unwrap().state.is_read(id(1)));
    drop(writer);
}

#[test]
fn a_failed_save_is_reported_and_kept_for_later() {
    let dir = tempfile::tempdir().unwrap();
    // A file where the directory should be: every save fails.
    let blocked = dir.path().join("blocked");
    fs::write(&blocked, b"").unwrap();
    let file = StateFile::in_dir(&blocked);
    let (writer, reports) = StateWriter::spawn(file, patient()).unwrap();
    writer.send(1, vec![change(1, Field::Read(true))]);
    let message = writer.finish().expect("the failure");
    assert!(
        message.starts_with("could not save the reading state in"),
        "{message}"
    );
    assert!(reports.recv().unwrap().failed);
}

#[test]
fn a_lock_held_too_long_is_an_error_not_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    let file = StateFile::in_dir(dir.path());
    let holder = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.path().join("state.lock"))
        .unwrap();
    holder.lock().unwrap();
    let error = file.commit(&[change(1, Field::Read(true))]).unwrap_err();
    assert_eq!(error.kind(), std::io::ErrorKind::WouldBlock);
    assert!(
        error.to_string().starts_with("another sahifa has held"),
        "{error}"
    );
    holder.unlock().unwrap();
    file.commit(&[change(1, Field::Read(true))]).unwrap();
    assert!(file.load().unwrap().state.is_read(id(1)));
}

#[test]
fn the_writer_reports_another_processs_save() {
    let dir = tempfile::tempdir().unwrap();
    let file = StateFile::in_dir(dir.path());
    let timing = WriterTiming {
        poll: Duration::ZERO,
        ..patient()
    };
    let (writer, reports) = StateWriter::spawn(file.clone(), timing).unwrap();
    // Another process (another handle) saves; the writer notices without being sent anything.
    StateFile::in_dir(dir.path())
        .commit(&[change(5, Field::Starred(true))])
        .unwrap();
    let report = reports.recv().unwrap();
    let (state, through) = report.saved.expect("the other state");
    assert!(state.is_starred(id(5)));
    assert_eq!(through, 0, "no batch of its own saved yet");
    assert_eq!(report.changes, 0);
    drop(writer);
}
