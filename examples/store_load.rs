//! Measures the store's loaders on a synthetic corpus built from the seed paragraphs.
//!
//! ```text
//! cargo run --release --example store_load -- DIR FILES [RUNS] [WORKERS]
//! ```
//!
//! Writes FILES plain-text articles (about 7 KB each, Arabic, in 100 sub-folders) under DIR
//! if DIR does not exist yet, then loads DIR RUNS times with WORKERS threads (0: one per core)
//! and prints the throughput of each run, the median, and the store's memory against the
//! corpus size. Run it with a warm page cache (the first run warms it).

use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use sahifa::store::load::{FetchOptions, SEEDS};
use sahifa::store::{LoadEvent, Source, Store, load_sources_parallel};

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: store_load DIR FILES [RUNS] [WORKERS]";
    let dir = PathBuf::from(args.next().ok_or(usage)?);
    let files: usize = args.next().ok_or(usage)?.parse()?;
    let runs: usize = args.next().map_or(Ok(5), |s| s.parse())?;
    let workers: usize = args.next().map_or(Ok(0), |s| s.parse())?;

    if !dir.exists() {
        let started = Instant::now();
        let bytes = generate(&dir, files)?;
        eprintln!(
            "wrote {files} files, {:.1} MB, in {:.2?}",
            bytes as f64 / 1e6,
            started.elapsed()
        );
    }

    let mut times = Vec::new();
    let mut last = None;
    for run in 0..runs {
        drop(last.take()); // one store in memory at a time
        let (elapsed, first, store, bytes) = load(&dir, workers);
        println!(
            "run {run}: {} articles, {:.1} MB in {:.3?} = {:.0} MB/s (first batch after {:.1?})",
            store.len(),
            bytes as f64 / 1e6,
            elapsed,
            bytes as f64 / 1e6 / elapsed.as_secs_f64(),
            first,
        );
        times.push(elapsed);
        last = Some((store, bytes));
    }
    times.sort();
    if let (Some(median), Some((store, bytes))) = (times.get(times.len() / 2), last) {
        let text: usize = store.iter().map(|a| a.text_len()).sum();
        let heap = store.heap_bytes();
        println!(
            "median {:.3?} = {:.0} MB/s; corpus {:.1} MB, stored text {:.1} MB, store heap {:.1} MB = {:.2}x corpus; peak RSS {}",
            median,
            bytes as f64 / 1e6 / median.as_secs_f64(),
            bytes as f64 / 1e6,
            text as f64 / 1e6,
            heap as f64 / 1e6,
            heap as f64 / bytes as f64,
            peak_rss().unwrap_or_else(|| "unknown".to_string()),
        );
    }
    Ok(())
}

/// Loads `dir` into a store the way the reader would: events drained on this thread while
/// the loader runs on another. Returns total time, time to the first batch, the store and the
/// bytes read.
fn load(dir: &Path, workers: usize) -> (Duration, Duration, Store, u64) {
    let started = Instant::now();
    let (tx, rx) = mpsc::channel();
    let sources = vec![Source::Path(dir.to_path_buf())];
    let loader = std::thread::spawn(move || {
        load_sources_parallel(&sources, workers, &FetchOptions::default(), tx)
    });
    let mut store = Store::new();
    let mut first = None;
    for event in rx {
        if let LoadEvent::Batch(batch) = event {
            first.get_or_insert_with(|| started.elapsed());
            store.extend(batch);
        }
    }
    let summary = loader.join().unwrap_or_default();
    (
        started.elapsed(),
        first.unwrap_or_default(),
        store,
        summary.bytes,
    )
}

/// Writes `files` articles made of seed paragraphs, varied so every article is distinct.
fn generate(dir: &Path, files: usize) -> Result<u64, Box<dyn Error>> {
    let paragraphs: Vec<String> = SEEDS
        .iter()
        .flat_map(|(_, bytes)| {
            String::from_utf8_lossy(bytes)
                .into_owned()
                .lines()
                .skip(1)
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter(|l| !l.trim().is_empty() && l.len() > 60)
        .collect();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        // xorshift64*: deterministic, no dependency.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_f491_4f6c_dd1d)
    };
    let mut total = 0u64;
    for i in 0..files {
        let sub = dir.join(format!("{:02}", i % 100));
        fs::create_dir_all(&sub)?;
        let headline: String = paragraphs[i % paragraphs.len()].chars().take(40).collect();
        let mut text = format!("مقال تجريبي رقم {i}: {headline}\n");
        let target = 3_000 + (next() % 8_000) as usize;
        while text.len() < target {
            let p = &paragraphs[(next() as usize) % paragraphs.len()];
            text.push_str(p);
            text.push('\n');
            if next() % 4 == 0 {
                text.push('\n');
            }
        }
        text.push_str(&format!("رقم المقال {i}.\nشاركها.\nExit mobile version\n"));
        fs::write(sub.join(format!("{i:06}.txt")), &text)?;
        total += text.len() as u64;
    }
    Ok(total)
}

fn peak_rss() -> Option<String> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    Some(line.trim_start_matches("VmHWM:").trim().to_string())
}
