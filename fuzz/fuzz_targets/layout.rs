//! Fuzz the whole bidi layout pipeline (`sahifa::text::layout`) and `sanitize`.
//!
//! Input: two header bytes, then the paragraph (decoded with `String::from_utf8_lossy`).
//! - byte 0: width = byte % 121 (0 = no wrapping);
//! - byte 1: bits 0–1 base direction (0 auto, 1 rtl, 2 ltr, 3 auto), bit 2 neutral direction
//!   (0 ltr, 1 rtl), bit 3 shaping off, bits 4–7 shape the two style spans.
//!
//! The style spans are arbitrary byte ranges of the text, clamped to its length: the layout only
//! compares them, never slices with them, so they need not fall on char boundaries (and may
//! even be empty or reversed).
//!
//! Every invariant has a name. `SAHIFA_FUZZ_ALLOW=name,name` turns the named ones off, so a
//! long run can go on looking for other bugs while a known one is open (see README.md); the
//! files in `fuzz/regressions/` replay with every invariant on.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use sahifa::text::cluster;
use sahifa::text::sanitize::sanitize;
use sahifa::text::{BaseDirection, Direction, LayoutOptions, StyleSpan, layout};
use unicode_width::UnicodeWidthChar;

/// Invariants turned off by `SAHIFA_FUZZ_ALLOW`.
fn allowed(name: &str) -> bool {
    static ALLOW: OnceLock<Vec<String>> = OnceLock::new();
    ALLOW
        .get_or_init(|| {
            std::env::var("SAHIFA_FUZZ_ALLOW")
                .unwrap_or_default()
                .split(',')
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .iter()
        .any(|a| a == name)
}

/// `check!(name, condition, message...)`: assert the named invariant unless it is allowed.
macro_rules! check {
    ($name:literal, $cond:expr, $($msg:tt)+) => {
        if !$cond && !allowed($name) {
            panic!("invariant `{}` broken: {}", $name, format_args!($($msg)+));
        }
    };
}

fuzz_target!(|data: &[u8]| {
    let (b0, b1, rest) = match data {
        [b0, b1, rest @ ..] => (*b0, *b1, rest),
        [b0] => (*b0, 0, &[][..]),
        [] => (0, 0, &[][..]),
    };
    let width = usize::from(b0) % 121;
    let direction = match b1 & 0b11 {
        1 => BaseDirection::Rtl,
        2 => BaseDirection::Ltr,
        _ => BaseDirection::Auto,
    };
    let neutral = if b1 & 0b100 != 0 {
        Direction::Rtl
    } else {
        Direction::Ltr
    };
    let shaping = b1 & 0b1000 == 0;
    let options = LayoutOptions {
        direction,
        neutral,
        shaping,
    };
    let text = String::from_utf8_lossy(rest);
    let len = text.len();

    // Two spans from the header and the length: anywhere in 0..=len, possibly off char
    // boundaries, empty, reversed (bit 7) or overlapping.
    let at = |k: usize| {
        if len == 0 {
            0
        } else {
            (k * 2_654_435_761) % (len + 1)
        }
    };
    let (a, b) = (at(usize::from(b0) + 1), at(usize::from(b1 >> 4) + 7));
    let (c, d) = (at(usize::from(b0 ^ b1) + 3), at(usize::from(b1) * 31 + 11));
    let first = if b1 & 0x80 != 0 {
        b.max(a)..a.min(b)
    } else {
        a.min(b)..a.max(b)
    };
    let spans = [
        StyleSpan {
            range: first,
            style: 1,
        },
        StyleSpan {
            range: c.min(d)..c.max(d).min(len),
            style: 2,
        },
    ];

    // Sanitize: no control character survives (each is removed or becomes a space), and the
    // origin map is monotonic and ends at the input's end.
    let sanitized = sanitize(&text);
    for c in sanitized.text.chars() {
        check!("sanitize-no-control", !c.is_control(), "{c:?} came through");
    }
    let mut previous = 0;
    for i in 0..=sanitized.text.len() {
        let origin = sanitized.origin(i);
        check!(
            "sanitize-origin",
            origin >= previous && origin <= len,
            "origin({i}) = {origin} after {previous}, input length {len}"
        );
        previous = origin;
    }
    check!(
        "sanitize-origin",
        sanitized.origin(sanitized.text.len()) == len,
        "the end maps to {}, not {len}",
        sanitized.origin(sanitized.text.len())
    );

    let lines = layout(&text, &spans, width, &options);
    check!("some-line", !lines.is_empty(), "no line");
    if width == 0 {
        check!(
            "width-0-one-line",
            lines.len() == 1,
            "{} lines",
            lines.len()
        );
    }
    for (n, line) in lines.iter().enumerate() {
        // No line wider than the width, unless one cluster alone is wider.
        check!(
            "fits-width",
            width == 0 || line.width <= width || line.cells.len() == 1,
            "line {n}: width {} > {width} with {} cells: {:?}",
            line.width,
            line.cells.len(),
            line.text
        );
        // The width is measured on the final visual cells.
        let measured: usize = (0..line.cells.len())
            .map(|i| cluster::width(line.cell_text(i)))
            .sum();
        check!(
            "width-measured",
            line.width == measured,
            "line {n}: width {} but its cells measure {measured}: {:?}",
            line.width,
            line.text
        );
        // No control character or bidi control comes out.
        for c in line.text.chars() {
            check!(
                "no-control",
                !c.is_control(),
                "line {n}: control {c:?} in {:?}",
                line.text
            );
            check!(
                "no-bidi-control",
                !cluster::is_removed_after_reorder(c),
                "line {n}: bidi control {c:?} in {:?}",
                line.text
            );
        }
        // No line starts with a bare mark.
        if let Some(first) = line.text.chars().next() {
            check!(
                "no-leading-mark",
                first.width() != Some(0) || first.is_whitespace(),
                "line {n} starts with {first:?}: {:?}",
                line.text
            );
        }
        // Every cell shows something, and points back inside the caller's text and the line.
        for (i, cell) in line.cells.iter().enumerate() {
            check!(
                "cell-not-empty",
                !line.cell_text(i).is_empty(),
                "line {n}: cell {i} is empty"
            );
            check!(
                "cell-in-text",
                cell.logical.start <= cell.logical.end && cell.logical.end <= len,
                "line {n}: cell {i} logical {:?} outside 0..{len}",
                cell.logical
            );
            check!(
                "line-covers-cells",
                line.logical.start <= cell.logical.start && cell.logical.end <= line.logical.end,
                "line {n}: cell {i} {:?} logical {:?} outside the line's {:?} (line {:?})",
                line.cell_text(i),
                cell.logical,
                line.logical,
                line.text
            );
        }
    }
    // Lines are in logical order: by their ranges, and by the cells they show.
    for (n, pair) in lines.windows(2).enumerate() {
        check!(
            "lines-in-order",
            pair[0].logical.end <= pair[1].logical.start,
            "lines {n} and {}: logical {:?} then {:?}",
            n + 1,
            pair[0].logical,
            pair[1].logical
        );
    }
    let cell_span = |line: &sahifa::text::VisualLine| {
        let start = line.cells.iter().map(|c| c.logical.start).min();
        let end = line.cells.iter().map(|c| c.logical.end).max();
        start.zip(end)
    };
    let spans_by_line: Vec<_> = lines.iter().filter_map(cell_span).collect();
    for (n, pair) in spans_by_line.windows(2).enumerate() {
        check!(
            "cells-in-order",
            pair[0].1 <= pair[1].0,
            "non-empty lines {n} and {}: cells cover {:?} then {:?}",
            n + 1,
            pair[0],
            pair[1]
        );
    }
});
