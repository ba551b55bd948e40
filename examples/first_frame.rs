//! How long the reader takes to show its first frame, and its first articles, on a source of
//! any size: runs the release binary in a pseudo-terminal (200×60), answers its cursor query
//! as a terminal would, reads the screen with `vt100`, and quits with `q`.
//!
//! ```text
//! cargo build --release && cargo run --release --example first_frame -- [RUNS] SOURCE...
//! ```
//!
//! Prints each run and the medians. Timing lives here, never in a test.

use std::io::{Read, Write};
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const COLS: u16 = 200;
const ROWS: u16 = 60;
const CURSOR_QUERY: &[u8] = b"\x1b[6n";

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let runs = match args.first().and_then(|a| a.parse::<usize>().ok()) {
        Some(runs) => {
            args.remove(0);
            runs
        }
        None => 5,
    };
    let binary = std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.join("sahifa")))
        .filter(|path| path.exists())
        .expect("target/release/sahifa: run `cargo build --release` first");
    let mut frames = Vec::new();
    let mut articles = Vec::new();
    for run in 0..runs {
        let (frame, first) = measure(&binary, &args);
        println!("run {run}: first frame {frame:.1?}, first article listed {first:.1?}");
        frames.push(frame);
        articles.push(first);
    }
    frames.sort();
    articles.sort();
    println!(
        "median of {runs}: first frame {:.1?}, first article listed {:.1?}",
        frames[runs / 2],
        articles[runs / 2]
    );
}

/// One start: time to the first frame (the pane borders drawn) and to the first article row.
fn measure(binary: &std::path::Path, args: &[String]) -> (Duration, Duration) {
    let home = tempfile::tempdir().expect("a temporary home");
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    let mut command = CommandBuilder::new(binary);
    command.args(args);
    command.env("TERM", "xterm-256color");
    command.env("HOME", home.path());
    command.env("XDG_CONFIG_HOME", home.path().join("config"));
    command.env("XDG_STATE_HOME", home.path().join("state"));
    let started = Instant::now();
    let mut child = pair.slave.spawn_command(command).expect("sahifa starts");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("pty reader");
    let mut writer = pair.master.take_writer().expect("pty writer");
    let (sender, output) = channel();
    std::thread::spawn(move || {
        let mut buffer = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buffer) {
            if n == 0 || sender.send(buffer[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut parser = vt100::Parser::new(
        std::num::NonZero::new(ROWS).expect("rows"),
        std::num::NonZero::new(COLS).expect("columns"),
        0,
    );
    let mut raw: Vec<u8> = Vec::new();
    let mut frame = None;
    let mut first = None;
    let deadline = started + Duration::from_secs(60);
    while first.is_none() && Instant::now() < deadline {
        let bytes = match output.recv_timeout(Duration::from_secs(1)) {
            Ok(bytes) => bytes,
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => break,
        };
        let from = raw.len().saturating_sub(CURSOR_QUERY.len() - 1);
        raw.extend_from_slice(&bytes);
        let queries = raw[from..]
            .windows(CURSOR_QUERY.len())
            .filter(|w| *w == CURSOR_QUERY)
            .count();
        parser.process(&bytes);
        for _ in 0..queries {
            let (row, col) = parser.screen().cursor_position();
            let _ = writer.write_all(format!("\x1b[{};{}R", row + 1, col + 1).as_bytes());
        }
        let screen = parser.screen().contents();
        if frame.is_none() && screen.contains("Articles") && screen.contains("Reader") {
            frame = Some(started.elapsed());
        }
        // The header counts articles: "1 article", "2 articles", … once one is in.
        if frame.is_some() && screen.lines().any(has_article_count) {
            first = Some(started.elapsed());
        }
    }
    let _ = writer.write_all(b"q");
    let _ = writer.flush();
    let _ = child.wait();
    (
        frame.expect("a first frame within 60 s"),
        first.expect("an article within 60 s"),
    )
}

fn has_article_count(line: &str) -> bool {
    line.split_whitespace()
        .collect::<Vec<_>>()
        .windows(2)
        .any(|w| w[0].parse::<u64>().is_ok_and(|n| n > 0) && w[1].starts_with("article"))
}
