//! Every seed paragraph laid out by sahifa equals GNU FriBidi's visual lines (golden files
//! made by tests/golden/regenerate.sh), shaping on and off, at width 0 and wrapped at 24, 40
//! and 80 cells.
//!
//! Wrapped lines are compared without the whitespace at their ends: FriBidi keeps the spaces a
//! line ends with (L1 moves them to the paragraph's end), sahifa consumes them at the break.
//!
//! One difference is on purpose: lam + mark(s) + alef. FriBidi forms the lam-alef ligature
//! only when lam and alef are adjacent; sahifa ligates across the marks and keeps the marks
//! after the ligature, because readers do not accept a broken lam-alef. The test rewrites
//! FriBidi's unligated pair into our form, counts every such place, and requires the rest to
//! be identical.

use std::path::Path;

use sahifa::text::{LayoutOptions, layout, push_unwrapped};

const SEEDS: [&str; 5] = [
    "000_3ed9818d08fa67ef",
    "001_d658753dde14569f",
    "002_da240b10efe9935a",
    "003_bbd0f24a46bbe061",
    "004_8a44721905b9b7bd",
];

fn is_mark(c: char) -> bool {
    ('\u{064b}'..='\u{065f}').contains(&c) || c == '\u{0670}'
}

/// FriBidi's visual "alef, lam, marks" (alef final form, then lam initial or medial followed by
/// its marks) rewritten as sahifa's "lam-alef ligature, marks". Returns how many it rewrote.
fn ligate_across_marks(line: &str) -> (String, usize) {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut rewritten = 0;
    let mut i = 0;
    while i < chars.len() {
        // Final forms of alef madda, hamza above, hamza below, plain → (isolated, final) ligature.
        let ligature = match chars[i] {
            '\u{fe82}' => Some(('\u{fef5}', '\u{fef6}')),
            '\u{fe84}' => Some(('\u{fef7}', '\u{fef8}')),
            '\u{fe88}' => Some(('\u{fef9}', '\u{fefa}')),
            '\u{fe8e}' => Some(('\u{fefb}', '\u{fefc}')),
            _ => None,
        };
        let lam = chars.get(i + 1).copied();
        let marks = chars[(i + 2).min(chars.len())..]
            .iter()
            .take_while(|&&c| is_mark(c))
            .count();
        if let (Some((isolated, final_form)), Some(lam @ ('\u{fedf}' | '\u{fee0}'))) =
            (ligature, lam)
            && marks > 0
        {
            out.push(if lam == '\u{fedf}' {
                isolated
            } else {
                final_form
            });
            out.extend(&chars[i + 2..i + 2 + marks]);
            rewritten += 1;
            i += 2 + marks;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    (out, rewritten)
}

fn ours(seed_text: &str, width: usize, shaping: bool) -> Vec<String> {
    let options = LayoutOptions {
        shaping,
        ..LayoutOptions::default()
    };
    let mut lines = Vec::new();
    for paragraph in seed_text.lines() {
        if paragraph.is_empty() {
            lines.push(String::new());
            continue;
        }
        lines.extend(
            layout(paragraph, &[], width, &options)
                .into_iter()
                .map(|l| l.text),
        );
    }
    lines
}

/// `sahifa render --width 0` prints `push_unwrapped`'s text: it must be the width-0 layout's.
#[test]
fn unwrapped_text_matches_the_width_zero_layout_on_the_seeds() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut compared = 0;
    for seed in SEEDS {
        let text = std::fs::read_to_string(root.join(format!("seeds/{seed}.txt"))).expect("seed");
        for shaping in [true, false] {
            let options = LayoutOptions {
                shaping,
                ..LayoutOptions::default()
            };
            for paragraph in text.lines() {
                let mut unwrapped = String::new();
                push_unwrapped(paragraph, &options, &mut unwrapped);
                let lines = layout(paragraph, &[], 0, &options);
                assert_eq!(lines.len(), 1);
                assert_eq!(unwrapped, lines[0].text, "{seed}: {paragraph}");
                compared += 1;
            }
        }
    }
    assert!(compared > 100);
}

#[test]
fn seeds_match_fribidi() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut compared = 0;
    let mut ligature_choices = 0;
    let mut failures = Vec::new();
    for seed in SEEDS {
        let text = std::fs::read_to_string(root.join(format!("seeds/{seed}.txt"))).expect("seed");
        for shaping in [true, false] {
            for width in [0, 24, 40, 80] {
                let name = format!(
                    "{seed}.shape-{}.w{width}.txt",
                    if shaping { "on" } else { "off" }
                );
                let golden = std::fs::read_to_string(root.join("tests/golden").join(&name))
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
                let expected: Vec<&str> = golden.lines().collect();
                let actual = ours(&text, width, shaping);
                assert_eq!(actual.len(), expected.len(), "{name}: number of lines");
                for (n, (got, want)) in actual.iter().zip(&expected).enumerate() {
                    let (want, rewritten) = if shaping {
                        ligate_across_marks(want)
                    } else {
                        (want.to_string(), 0)
                    };
                    ligature_choices += rewritten;
                    let (got, want) = if width == 0 {
                        (got.as_str(), want.as_str())
                    } else {
                        (got.trim_matches(' '), want.trim_matches(' '))
                    };
                    compared += 1;
                    if got != want {
                        failures.push(format!(
                            "{name}:{}\n  ours:    {got}\n  fribidi: {want}",
                            n + 1
                        ));
                    }
                }
            }
        }
    }
    println!(
        "golden: {compared} visual lines compared, {} differ; {ligature_choices} lam+mark+alef ligatures differ from FriBidi on purpose",
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        ligature_choices > 0,
        "the seeds do contain lam + mark + alef"
    );
}

#[test]
fn the_ligature_rewrite_only_touches_lam_mark_alef() {
    assert_eq!(
        ligate_across_marks("\u{fe8e}\u{fee0}\u{064b}\u{fee3}"),
        ("\u{fefc}\u{064b}\u{fee3}".to_string(), 1)
    );
    assert_eq!(
        ligate_across_marks("\u{fe8e}\u{fee0}\u{fee3}"),
        ("\u{fe8e}\u{fee0}\u{fee3}".to_string(), 0)
    );
}
