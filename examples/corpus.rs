//! Writes a deterministic corpus of realistic articles (see `sahifa::corpus`) into a folder.
//!
//! ```text
//! cargo run --release --example corpus -- DIR COUNT [SEED]
//! ```
//!
//! `DIR` must not exist yet (nothing is overwritten). Articles go into sub-folders of a
//! thousand files. 100,000 articles make about 700 MB.

use std::error::Error;
use std::path::PathBuf;
use std::time::Instant;

use sahifa::corpus::Corpus;

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: corpus DIR COUNT [SEED]";
    let dir = PathBuf::from(args.next().ok_or(usage)?);
    let count: usize = args.next().ok_or(usage)?.parse()?;
    let seed: u64 = args.next().map_or(Ok(1), |s| s.parse())?;
    if dir.exists() {
        return Err(format!("{} exists; choose a new folder", dir.display()).into());
    }
    let started = Instant::now();
    let bytes = Corpus::new(seed).write_dir(&dir, count)?;
    eprintln!(
        "wrote {count} articles, {:.1} MB, seed {seed}, into {} in {:.2?}",
        bytes as f64 / 1e6,
        dir.display(),
        started.elapsed()
    );
    Ok(())
}
