//! Mention precision and recall of the built-in lexicon and matcher on the five seed articles,
//! against the hand-checked gold in tests/fixtures/seed_mentions.tsv (rules in
//! seed_mentions.md). Prints the figures and every miss and false positive.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use sahifa::actors::{Lexicon, Matcher};

const MIN_PRECISION: f64 = 0.97;
const MIN_RECALL: f64 = 0.95;

/// A mention as the gold identifies it: file, 1-based line, code-point column, actor id.
type Key = (String, usize, usize, String);

#[test]
fn seed_mentions_meet_precision_and_recall_targets() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let gold_path = root.join("tests/fixtures/seed_mentions.tsv");
    if !root.join("assets/actors/seeds.json").is_file() || !gold_path.is_file() {
        eprintln!("skipped: the seed lexicon or the gold mentions are not in this checkout");
        return;
    }
    let gold_text = fs::read_to_string(&gold_path).expect("read gold mentions");
    let mut gold: BTreeSet<Key> = BTreeSet::new();
    let mut gold_texts = Vec::new();
    for (row, line) in gold_text.lines().enumerate().skip(1) {
        let fields: Vec<&str> = line.split('\t').collect();
        let [file, line_number, column, text, actor] = fields[..] else {
            panic!("gold row {} has {} fields", row + 1, fields.len());
        };
        let key = (
            file.to_owned(),
            line_number.parse().expect("line number"),
            column.parse().expect("column"),
            actor.to_owned(),
        );
        gold_texts.push((key.clone(), text.to_owned()));
        gold.insert(key);
    }

    let lexicon = Lexicon::built_in().expect("built-in lexicon");
    let matcher = Matcher::new(&lexicon);
    let mut predicted: BTreeSet<Key> = BTreeSet::new();
    let mut predicted_texts = Vec::new();
    let mut seed_files: Vec<_> = fs::read_dir(root.join("seeds"))
        .expect("seeds directory")
        .map(|entry| entry.expect("seed entry").path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "txt"))
        .collect();
    seed_files.sort();
    for path in &seed_files {
        let file = path
            .file_name()
            .and_then(|name| name.to_str())
            .expect("seed file name")
            .to_owned();
        let content = fs::read_to_string(path).expect("read seed");
        let (line_numbers, paragraphs): (Vec<usize>, Vec<&str>) = content
            .lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .map(|(index, line)| (index + 1, line))
            .unzip();
        let actors = matcher.find(&paragraphs);
        for mention in actors.confirmed_mentions() {
            let paragraph = paragraphs[mention.paragraph];
            let key = (
                file.clone(),
                line_numbers[mention.paragraph],
                paragraph[..mention.range.start].chars().count(),
                mention.actor.id(&lexicon),
            );
            predicted_texts.push((key.clone(), mention.text.clone()));
            predicted.insert(key);
        }
        let proposed: Vec<String> = actors
            .proposed
            .iter()
            .map(|group| format!("{}×{}", group.actor.id(&lexicon), group.count))
            .collect();
        println!(
            "{file}: proposed (unconfirmed, not scored): {}",
            proposed.join(", ")
        );
    }

    let correct = predicted.intersection(&gold).count();
    let precision = correct as f64 / predicted.len().max(1) as f64;
    let recall = correct as f64 / gold.len().max(1) as f64;
    println!(
        "mentions: gold {}, predicted {}, correct {correct}; precision {precision:.4}, recall {recall:.4}",
        gold.len(),
        predicted.len()
    );
    for (key, text) in &gold_texts {
        if !predicted.contains(key) {
            println!("MISS  {} {}:{} {text} = {}", key.0, key.1, key.2, key.3);
        }
    }
    for (key, text) in &predicted_texts {
        if !gold.contains(key) {
            println!("FALSE {} {}:{} {text} = {}", key.0, key.1, key.2, key.3);
        }
    }
    assert!(
        precision >= MIN_PRECISION && recall >= MIN_RECALL,
        "precision {precision:.4} (need {MIN_PRECISION}), recall {recall:.4} (need {MIN_RECALL})"
    );
}
