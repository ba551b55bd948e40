//! The mentions `sahifa actors --json` reports for the seeds (through the store: titles,
//! residue stripping, source lines and code-point columns) against the hand-checked gold
//! annotation in tests/fixtures/seed_mentions.tsv.

use std::collections::BTreeSet;

use sahifa::actors::Lexicon;
use sahifa::catalog::Catalog;
use sahifa::store::{SourceRef, load_all};

#[test]
fn catalog_mentions_match_the_gold() {
    let gold_text = include_str!("fixtures/seed_mentions.tsv");
    let gold: BTreeSet<(String, usize, usize, String)> = gold_text
        .lines()
        .skip(1)
        .map(|row| {
            let f: Vec<&str> = row.split('\t').collect();
            (
                f[0].trim_end_matches(".txt").to_string(),
                f[1].parse().expect("line"),
                f[2].parse().expect("column"),
                f[4].to_string(),
            )
        })
        .collect();

    let mut catalog = Catalog::new(Lexicon::built_in().expect("lexicon"));
    let (articles, _) = load_all(&[]);
    catalog.add(articles);
    let mut found = BTreeSet::new();
    for (index, article) in catalog.store().iter().enumerate() {
        let SourceRef::Seed(name) = article.source() else {
            panic!("seeds only")
        };
        for group in &catalog.actors_of(index).confirmed {
            for mention in &group.mentions {
                let at = catalog.position(index, mention).expect("position");
                found.insert((
                    name.trim_end_matches(".txt").to_string(),
                    at.line,
                    at.column,
                    group.actor.id(catalog.lexicon()),
                ));
            }
        }
    }
    let correct = found.intersection(&gold).count();
    let precision = correct as f64 / found.len() as f64;
    let recall = correct as f64 / gold.len() as f64;
    println!(
        "catalog mentions: gold {}, found {}, correct {correct}; P {precision:.4} R {recall:.4}",
        gold.len(),
        found.len()
    );
    for miss in gold.difference(&found) {
        println!("  missed: {miss:?}");
    }
    for extra in found.difference(&gold) {
        println!("  extra:  {extra:?}");
    }
    assert!(precision >= 0.97 && recall >= 0.95);
}
