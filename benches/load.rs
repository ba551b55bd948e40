//! Load + index throughput on a folder of generated articles (`sahifa::corpus`, seed 1):
//! reading, sanitising and storing them (`load`), and the same followed by actor extraction
//! into the catalog's indexes, as `sahifa list` does (`load_and_find`). Both use every core.
//!
//! `SAHIFA_BENCH_ARTICLES=N` changes the corpus size (default 2,000, about 14 MB). The
//! whole-process figure for 100,000 articles comes from `sahifa list` itself (see README).

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sahifa::actors::Lexicon;
use sahifa::catalog::{Catalog, Detail};
use sahifa::corpus::Corpus;
use sahifa::store::{Source, Store, load_all};

fn article_count() -> usize {
    std::env::var("SAHIFA_BENCH_ARTICLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2_000)
}

fn load(dir: &Path) -> Vec<sahifa::store::Article> {
    let (articles, warnings) = load_all(&[Source::Path(dir.to_path_buf())]);
    assert!(warnings.is_empty(), "{warnings:?}");
    articles
}

fn load_and_index(criterion: &mut Criterion) {
    let count = article_count();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let bytes = Corpus::new(1)
        .write_dir(dir.path(), count)
        .expect("corpus written");
    let lexicon = Lexicon::built_in().expect("built-in lexicon");

    let mut group = criterion.benchmark_group(format!("load_{count}_articles"));
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(10);
    group.bench_function("load", |b| {
        b.iter(|| {
            let mut store = Store::new();
            store.extend(load(dir.path()));
            black_box(store.len())
        })
    });
    group.bench_function("load_and_find", |b| {
        b.iter(|| {
            let mut catalog = Catalog::with_detail(lexicon.clone(), Detail::Counts);
            catalog.add(load(dir.path()));
            black_box(catalog.store().len())
        })
    });
    group.finish();
}

criterion_group!(benches, load_and_index);
criterion_main!(benches);
