//! Actor extraction throughput: the five seed articles repeated to about 1 MB, each article
//! through `Matcher::find` (normalise, look up forms, resolve, propose), and about 1 MB of
//! generated articles through `Matcher::find_counts` (what a cold `sahifa list` runs on every
//! article), reported in bytes/s.

use std::fs;
use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sahifa::actors::{Lexicon, Matcher};
use sahifa::corpus::Corpus;

const TARGET_BYTES: usize = 1 << 20;

/// The seeds as articles (one paragraph per non-blank line).
fn seed_articles() -> Vec<String> {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut paths: Vec<_> = fs::read_dir(&seeds)
        .expect("seeds directory")
        .map(|entry| entry.expect("seed entry").path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| fs::read_to_string(path).expect("read seed"))
        .collect()
}

fn extraction(criterion: &mut Criterion) {
    let lexicon = Lexicon::built_in().expect("built-in lexicon");
    let matcher = Matcher::new(&lexicon);
    let seeds = seed_articles();
    let mut articles: Vec<Vec<&str>> = Vec::new();
    let mut total_bytes = 0;
    while total_bytes < TARGET_BYTES {
        for seed in &seeds {
            let paragraphs: Vec<&str> = seed
                .lines()
                .filter(|line| !line.trim().is_empty())
                .collect();
            total_bytes += paragraphs
                .iter()
                .map(|paragraph| paragraph.len())
                .sum::<usize>();
            articles.push(paragraphs);
        }
    }

    let mut group = criterion.benchmark_group("actors");
    group.throughput(Throughput::Bytes(total_bytes as u64));
    group.sample_size(20);
    group.bench_function("find_seeds_1mb", |bencher| {
        bencher.iter(|| {
            for article in &articles {
                black_box(matcher.find(black_box(article)));
            }
        })
    });

    // Generated articles (seed 1, as `examples/corpus` writes them), one paragraph a line.
    let corpus = Corpus::new(1);
    let mut generated: Vec<String> = Vec::new();
    let mut generated_bytes = 0;
    while generated_bytes < TARGET_BYTES {
        let article = corpus.article(generated.len());
        generated_bytes += article.len();
        generated.push(article);
    }
    let generated: Vec<Vec<&str>> = generated
        .iter()
        .map(|article| {
            article
                .lines()
                .filter(|line| !line.trim().is_empty())
                .collect()
        })
        .collect();
    group.throughput(Throughput::Bytes(generated_bytes as u64));
    group.bench_function("find_counts_generated_1mb", |bencher| {
        bencher.iter(|| {
            for article in &generated {
                black_box(matcher.find_counts(black_box(article)));
            }
        })
    });
    group.finish();

    // Start-up cost, paid once per lexicon.
    criterion.bench_function("actors_build_matcher", |bencher| {
        bencher.iter(|| Matcher::new(black_box(&lexicon)))
    });
}

criterion_group!(benches, extraction);
criterion_main!(benches);
