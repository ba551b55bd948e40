//! Layout throughput: the five seeds laid out at width 80 (shaping on), in bytes per second,
//! plus the width-0 path `sahifa render --width 0` takes and a re-wrap of prepared paragraphs.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sahifa::text::{LayoutOptions, PreparedParagraph, layout};

const SEEDS: [&str; 5] = [
    include_str!("../seeds/000_3ed9818d08fa67ef.txt"),
    include_str!("../seeds/001_d658753dde14569f.txt"),
    include_str!("../seeds/002_da240b10efe9935a.txt"),
    include_str!("../seeds/003_bbd0f24a46bbe061.txt"),
    include_str!("../seeds/004_8a44721905b9b7bd.txt"),
];

fn paragraphs() -> Vec<&'static str> {
    SEEDS
        .iter()
        .flat_map(|s| s.lines())
        .filter(|l| !l.is_empty())
        .collect()
}

fn bench_layout(c: &mut Criterion) {
    let paragraphs = paragraphs();
    let bytes: usize = paragraphs.iter().map(|p| p.len()).sum();
    let options = LayoutOptions::default();
    let mut group = c.benchmark_group("layout");
    group.throughput(Throughput::Bytes(bytes as u64));
    for width in [80, 0] {
        group.bench_function(format!("seeds_width_{width}"), |b| {
            b.iter(|| {
                paragraphs
                    .iter()
                    .map(|p| layout(p, &[], width, &options).len())
                    .sum::<usize>()
            })
        });
    }
    let prepared: Vec<PreparedParagraph> = paragraphs
        .iter()
        .map(|p| PreparedParagraph::new(p, &options))
        .collect();
    group.bench_function("rewrap_prepared_width_80", |b| {
        b.iter(|| {
            prepared
                .iter()
                .map(|p| p.lines(80, &[]).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench_layout);
criterion_main!(benches);
