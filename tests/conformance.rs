//! Unicode's own bidi conformance files, run through *our* pipeline steps: P2/P3
//! (`first_strong_direction`), levels (unicode-bidi), L1 (`reset_trailing_whitespace`) and L2
//! (`visual_order`). The files are Unicode 15.0's `BidiCharacterTest.txt` and `BidiTest.txt`
//! (Debian's `unicode-data`), gzipped in tests/data/ so the tests need nothing installed.
//!
//! The conformance files test per-character order (no L3), so units here are characters; the
//! terminal layout runs the same functions on grapheme clusters.

use std::io::{BufRead, BufReader};

use flate2::read::GzDecoder;
use sahifa::text::paragraph::{Direction, first_strong_direction, resolve_levels};
use sahifa::text::reorder::{reset_trailing_whitespace, visual_order};
use unicode_bidi::{BidiClass, Level};

fn lines(name: &str) -> impl Iterator<Item = String> {
    let path = format!("{}/tests/data/{name}.gz", env!("CARGO_MANIFEST_DIR"));
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    BufReader::new(GzDecoder::new(file))
        .lines()
        .map(|l| l.expect("readable conformance file"))
}

/// X9 removes these: they get no level and no place in the visual order.
fn is_removed_by_x9(class: BidiClass) -> bool {
    use BidiClass::*;
    matches!(class, RLE | LRE | RLO | LRO | PDF | BN)
}

/// Our levels after L1 (None where X9 removed the character) and our visual order.
fn run(text: &str, base: Direction) -> (Vec<Option<u8>>, Vec<usize>) {
    let resolved = resolve_levels(text, base);
    let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    let classes: Vec<BidiClass> = starts.iter().map(|&i| resolved.classes[i]).collect();
    let mut levels: Vec<Level> = starts.iter().map(|&i| resolved.levels[i]).collect();
    let paragraph = if base.is_rtl() {
        Level::rtl()
    } else {
        Level::ltr()
    };
    reset_trailing_whitespace(&classes, &mut levels, paragraph);
    let shown: Vec<Option<u8>> = classes
        .iter()
        .zip(&levels)
        .map(|(&c, l)| (!is_removed_by_x9(c)).then_some(l.number()))
        .collect();
    let order = visual_order(&levels)
        .into_iter()
        .filter(|&i| !is_removed_by_x9(classes[i]))
        .collect();
    (shown, order)
}

fn parse_levels(field: &str) -> Vec<Option<u8>> {
    field.split_whitespace().map(|l| l.parse().ok()).collect()
}

fn parse_order(field: &str) -> Vec<usize> {
    field
        .split_whitespace()
        .map(|i| i.parse().expect("index"))
        .collect()
}

#[test]
fn bidi_character_test() {
    let (mut passed, mut failed) = (0usize, Vec::new());
    for (number, line) in lines("BidiCharacterTest.txt").enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split(';').collect();
        let text: String = fields[0]
            .split_whitespace()
            .map(|h| char::from_u32(u32::from_str_radix(h, 16).expect("hex")).expect("char"))
            .collect();
        let base = match fields[1] {
            "0" => Direction::Ltr,
            "1" => Direction::Rtl,
            _ => first_strong_direction(&text).unwrap_or(Direction::Ltr),
        };
        let expected_paragraph = if fields[2] == "1" {
            Direction::Rtl
        } else {
            Direction::Ltr
        };
        let (levels, order) = run(&text, base);
        if base == expected_paragraph
            && levels == parse_levels(fields[3])
            && order == parse_order(fields[4])
        {
            passed += 1;
        } else {
            failed.push(number + 1);
        }
    }
    println!(
        "BidiCharacterTest.txt: {passed} passed, {} failed",
        failed.len()
    );
    assert_eq!(passed, 91_707, "every case of Unicode 15.0 is run");
    assert!(
        failed.is_empty(),
        "failing lines: {:?}",
        &failed[..failed.len().min(20)]
    );
}

/// A character of each bidi class, to turn BidiTest.txt's class sequences into text.
fn sample(class: &str) -> char {
    match class {
        "L" => 'a',
        "R" => '\u{05d0}',
        "AL" => '\u{0627}',
        "EN" => '1',
        "ES" => '+',
        "ET" => '$',
        "AN" => '\u{0661}',
        "CS" => ',',
        "NSM" => '\u{0300}',
        "BN" => '\u{00ad}',
        "B" => '\u{2029}',
        "S" => '\t',
        "WS" => ' ',
        "ON" => '!',
        "LRE" => '\u{202a}',
        "LRO" => '\u{202d}',
        "RLE" => '\u{202b}',
        "RLO" => '\u{202e}',
        "PDF" => '\u{202c}',
        "LRI" => '\u{2066}',
        "RLI" => '\u{2067}',
        "FSI" => '\u{2068}',
        "PDI" => '\u{2069}',
        other => panic!("unknown bidi class {other}"),
    }
}

#[test]
fn bidi_test() {
    let (mut passed, mut failed) = (0usize, Vec::new());
    let mut levels = Vec::new();
    let mut order = Vec::new();
    for (number, line) in lines("BidiTest.txt").enumerate() {
        if let Some(rest) = line.strip_prefix("@Levels:") {
            levels = parse_levels(rest);
            continue;
        }
        if let Some(rest) = line.strip_prefix("@Reorder:") {
            order = parse_order(rest);
            continue;
        }
        if line.is_empty() || line.starts_with('#') || line.starts_with('@') {
            continue;
        }
        let (classes, bitset) = line.split_once(';').expect("classes;bitset");
        let text: String = classes.split_whitespace().map(sample).collect();
        let bitset: u8 = bitset.trim().parse().expect("bitset");
        for (bit, base) in [
            (1, first_strong_direction(&text).unwrap_or(Direction::Ltr)),
            (2, Direction::Ltr),
            (4, Direction::Rtl),
        ] {
            if bitset & bit == 0 {
                continue;
            }
            if run(&text, base) == (levels.clone(), order.clone()) {
                passed += 1;
            } else {
                failed.push((number + 1, bit));
            }
        }
    }
    println!("BidiTest.txt: {passed} passed, {} failed", failed.len());
    assert_eq!(passed, 770_241, "every case of Unicode 15.0 is run");
    assert!(
        failed.is_empty(),
        "failing (line, bit): {:?}",
        &failed[..failed.len().min(20)]
    );
}
