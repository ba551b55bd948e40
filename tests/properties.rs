//! Properties of the layout that must hold for any text and any width ≥ 1, including hostile
//! text: controls, escape sequences, bidi overrides that never close, deep isolates, lone
//! marks, ZWJ before lam-alef.

use proptest::prelude::*;
use sahifa::text::paragraph::{
    resolve_levels_by_unicode_bidi, rtl_levels_with_numbers, uniform_levels,
};
use sahifa::text::sanitize::sanitize;
use sahifa::text::{
    BaseDirection, Direction, LayoutOptions, VisualLine, cluster, layout, push_unwrapped,
};

/// Pieces real and hostile text is made of.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "ب", "ت", "ل", "ا", "أ", "إ", "آ", "ى", "ة", "ي", "ن", "م", "ع", "ه", "و", "د", "ر",
            "پ", "گ", "ی", "ک", "ש", "ל", "ו", "ם",
        ]).prop_map(str::to_owned),
        2 => prop::sample::select(vec!["\u{064e}", "\u{064b}", "\u{0651}", "\u{0652}", "\u{0670}", "\u{0644}\u{200f}\u{064e}\u{0627}", "\u{0644}\u{2060}\u{0651}\u{0627}", "\u{0644}\u{070f}\u{0627}", "\u{0644}\u{fff9}\u{0627}", "\u{0644}\u{13430}\u{0627}"])
            .prop_map(str::to_owned),
        2 => "[a-zA-Z]{1,6}",
        2 => "[0-9]{1,4}",
        1 => prop::sample::select(vec!["١٢", "٣", "۴۵"]).prop_map(str::to_owned),
        4 => prop::sample::select(vec![" ", " ", "  ", "\t"]).prop_map(str::to_owned),
        2 => prop::sample::select(vec!["(", ")", "[", "]", "«", "»", "“", "”", ".", "،", "-", "/", "!", "%"])
            .prop_map(str::to_owned),
        1 => prop::sample::select(vec![
            "\u{202a}", "\u{202b}", "\u{202c}", "\u{202d}", "\u{202e}", "\u{2066}", "\u{2067}",
            "\u{2068}", "\u{2069}", "\u{200e}", "\u{200f}", "\u{061c}", "\u{200d}", "\u{200c}",
            "\u{feff}", "\u{ad}", "ـ",
        ]).prop_map(str::to_owned),
        1 => prop::sample::select(vec![
            "\u{1b}[31m", "\u{1b}]52;c;eA==\u{7}", "\u{9b}2J", "\u{7}", "\u{0}", "\u{85}", "\r\n",
            "\u{1b}", "\u{2029}", "\u{2028}",
        ]).prop_map(str::to_owned),
        1 => prop::sample::select(vec!["中", "😀", "👩‍👩‍👧", "🇸🇦", "é", "e\u{301}"]).prop_map(str::to_owned),
    ]
}

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..60).prop_map(|p| p.concat())
}

/// Characters of the classes `uniform_levels` accepts in a right-to-left paragraph (R, AL,
/// NSM, WS, ON, CS, ES, ET), numbers (EN, AN, which `rtl_levels_with_numbers` takes too) and
/// a few neither accepts (L, BN, isolates).
const RTL_UNIFORM: &[&str] = &[
    "ب", "ل", "ا", "ש", "\u{064e}", "\u{0651}", " ", "(", ")", "[", "]", "«", "»", "“", "”", ".",
    ",", "،", ":", "-", "+", "/", "%", "#", "$", "!", "\u{a0}", "\u{2009}", "a", "1", "١",
    "\u{200d}", "\u{2067}", "2", "0", "٢", "۴", "\u{066b}", "\u{066c}", "\u{0660}", "\u{2030}",
    "\u{00b0}", "\u{20ac}", "\u{0609}", "\u{060c}",
];
/// The same for left-to-right paragraphs (L, EN and the neutrals), with R, AL, AN now and then.
const LTR_UNIFORM: &[&str] = &[
    "a", "Z", "é", "1", "9", "\u{0301}", " ", "(", ")", "[", "]", "«", "»", ".", ",", ":", "-",
    "+", "/", "%", "#", "$", "!", "\u{a0}", "ب", "ש", "١", "\u{202b}",
];

fn uniform_paragraph(alphabet: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(alphabet), 0..40).prop_map(|p| p.concat())
}

fn options() -> impl Strategy<Value = LayoutOptions> {
    (
        prop::sample::select(vec![
            BaseDirection::Auto,
            BaseDirection::Rtl,
            BaseDirection::Ltr,
        ]),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(direction, rtl_neutral, shaping)| LayoutOptions {
            direction,
            neutral: if rtl_neutral {
                Direction::Rtl
            } else {
                Direction::Ltr
            },
            shaping,
        })
}

fn is_whitespace_cell(line: &VisualLine, index: usize) -> bool {
    line.cell_text(index).chars().all(char::is_whitespace)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn layout_invariants(text in paragraph(), width in 1usize..50, options in options()) {
        let lines = layout(&text, &[], width, &options);
        prop_assert!(!lines.is_empty());
        for line in &lines {
            // No line wider than the width, unless one cluster alone is wider.
            prop_assert!(line.width <= width || line.cells.len() == 1,
                "width {} > {width}: {:?}", line.width, line.text);
            // The width is measured on the final visual cells.
            let measured: usize = (0..line.cells.len()).map(|i| cluster::width(line.cell_text(i))).sum();
            prop_assert_eq!(line.width, measured);
            // No control character or bidi control comes out.
            for c in line.text.chars() {
                prop_assert!(!c.is_control(), "control {:?} in {:?}", c, line.text);
                prop_assert!(!cluster::is_removed_after_reorder(c), "bidi control {:?}", c);
            }
            // No line starts with a mark (a mark must have a base in its cell).
            if let Some(first) = line.text.chars().next() {
                prop_assert!(unicode_width::UnicodeWidthChar::width(first) != Some(0)
                    || first.is_whitespace(), "line starts with {:?}", first);
            }
            // Every cell shows something.
            for i in 0..line.cells.len() {
                prop_assert!(!line.cell_text(i).is_empty());
            }
        }

        // The clusters of the lines are the paragraph's clusters minus consumed whitespace.
        let whole = &layout(&text, &[], 0, &options)[0];
        let mut all: Vec<_> = (0..whole.cells.len()).map(|i| (whole.cells[i].logical.clone(), is_whitespace_cell(whole, i))).collect();
        all.sort_by_key(|(r, _)| (r.start, r.end));
        let mut wrapped: Vec<_> = lines.iter().flat_map(|l| l.cells.iter().map(|c| c.logical.clone())).collect();
        wrapped.sort_by_key(|r| (r.start, r.end));
        let mut kept = wrapped.iter().peekable();
        for (range, whitespace) in &all {
            if kept.peek() == Some(&range) {
                kept.next();
            } else {
                prop_assert!(*whitespace, "non-whitespace cluster {:?} lost in wrapping", range);
            }
        }
        prop_assert!(kept.next().is_none(), "wrapping invented clusters");

        // No logical byte is shown by two cells, and each line covers its own cells.
        for pair in wrapped.windows(2) {
            prop_assert!(pair[0].end <= pair[1].start, "cells overlap: {:?}", pair);
        }
        for line in &lines {
            for cell in &line.cells {
                prop_assert!(line.logical.start <= cell.logical.start && cell.logical.end <= line.logical.end,
                    "cell {:?} outside line {:?}", cell.logical, line.logical);
            }
        }

        // Lines are in logical order.
        for pair in lines.windows(2) {
            prop_assert!(pair[0].logical.end <= pair[1].logical.start);
        }
    }

    #[test]
    fn rewrapping_at_the_measured_width_gives_the_same_lines(text in paragraph(), width in 1usize..50, options in options()) {
        let lines = layout(&text, &[], width, &options);
        let widest = lines.iter().map(|l| l.width).max().unwrap_or(0).max(1);
        // A cluster wider than the line makes a line wider than the width: not comparable.
        prop_assume!(widest <= width);
        let again = layout(&text, &[], widest, &options);
        let texts = |ls: &[VisualLine]| ls.iter().map(|l| l.text.clone()).collect::<Vec<_>>();
        prop_assert_eq!(texts(&lines), texts(&again));
    }

    #[test]
    fn uniform_levels_are_what_unicode_bidi_resolves(
        text in prop_oneof![paragraph(), uniform_paragraph(RTL_UNIFORM), uniform_paragraph(LTR_UNIFORM)],
        rtl in any::<bool>(),
    ) {
        let text = sanitize(&text).text.into_owned();
        let base = if rtl { Direction::Rtl } else { Direction::Ltr };
        let full = resolve_levels_by_unicode_bidi(&text, base);
        if let Some(uniform) = uniform_levels(&text, base) {
            prop_assert_eq!(&uniform.levels, &full.levels);
            prop_assert_eq!(&uniform.classes, &full.classes);
        }
        if let Some(numbers) = rtl_levels_with_numbers(&text).filter(|_| rtl) {
            prop_assert_eq!(&numbers.levels, &full.levels, "{:?}", text);
            prop_assert_eq!(&numbers.classes, &full.classes);
        }
    }

    #[test]
    fn the_unwrapped_text_is_the_one_line_of_width_zero(text in paragraph(), options in options()) {
        let lines = layout(&text, &[], 0, &options);
        prop_assert_eq!(lines.len(), 1);
        let mut unwrapped = String::from("kept");
        push_unwrapped(&text, &options, &mut unwrapped);
        prop_assert_eq!(unwrapped, format!("kept{}", lines[0].text));
    }
}

#[test]
fn hostile_paragraphs_do_not_panic() {
    let deep_isolates = "\u{2067}".repeat(200) + "abc" + &"\u{2069}".repeat(200);
    let deep_embeddings = "\u{202b}\u{202a}".repeat(100) + "abc جد";
    let unclosed_override = "\u{202e}abc جد 123 (x)";
    let lone_marks = "\u{064e}\u{064b}\u{0651} \u{0652}";
    let zwj_lam_alef = "\u{200d}لا\u{200d}لأ ب\u{200d} ل\u{200f}\u{064e}ا ل\u{2060}ا";
    let huge = "كلمة عربية وword ".repeat(1 << 16); // about 1.2 MB
    for text in [
        deep_isolates.as_str(),
        &deep_embeddings,
        unclosed_override,
        lone_marks,
        zwj_lam_alef,
        &huge,
    ] {
        for width in [0, 1, 7, 80] {
            for shaping in [true, false] {
                let options = LayoutOptions {
                    shaping,
                    ..LayoutOptions::default()
                };
                let lines = layout(text, &[], width, &options);
                assert!(!lines.is_empty());
            }
        }
    }
}

#[test]
fn an_override_that_never_closes_reverses_to_the_end() {
    let lines = layout("\u{202e}abc", &[], 0, &LayoutOptions::default());
    assert_eq!(lines[0].text, "cba");
}
