//! Step 5: line breaking in logical order, by cell width, at UAX #14 break opportunities
//! (found by `unicode-linebreak`). A grapheme cluster is never split; a word is broken inside
//! only when it alone is wider than the line. Whitespace where a line ends is consumed.

use std::ops::Range;

/// What the wrapper needs to know of one grapheme cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WrapUnit {
    pub width: usize,
    /// Whitespace hangs at the end of a line and is consumed there.
    pub is_whitespace: bool,
    /// UAX #14 allows a line to start at this cluster.
    pub break_before: bool,
}

/// Break `units` into lines no wider than `width` (a cluster wider than the line stands
/// alone). Returns each line's range of unit indices, without the whitespace consumed at its
/// end. `width == 0` means no wrapping: one line, nothing consumed.
pub fn wrap(units: &[WrapUnit], width: usize) -> Vec<Range<usize>> {
    if width == 0 {
        return std::iter::once(0..units.len()).collect();
    }
    let mut lines = Vec::new();
    let mut start = 0;
    while start < units.len() {
        let end = line_end(units, start, width);
        let mut shown_end = end;
        while shown_end > start && units[shown_end - 1].is_whitespace {
            shown_end -= 1;
        }
        lines.push(start..shown_end);
        start = end;
    }
    if lines.is_empty() {
        lines.extend(std::iter::once(0..0));
    }
    lines
}

/// Where the line that starts at `start` ends (exclusive), trailing whitespace included.
fn line_end(units: &[WrapUnit], start: usize, width: usize) -> usize {
    let mut used = 0;
    let mut last_break = None;
    for (i, unit) in units.iter().enumerate().skip(start) {
        if i > start && unit.break_before {
            last_break = Some(i);
        }
        if unit.is_whitespace {
            // Whitespace hangs: it only counts once something visible follows it.
            used += unit.width;
            continue;
        }
        if used + unit.width > width && i > start {
            // Prefer the last opportunity; else break the word before this cluster.
            return last_break.unwrap_or(i);
        }
        used += unit.width;
    }
    units.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Units for a string of single-width characters; breaks are allowed after spaces.
    fn units(s: &str) -> Vec<WrapUnit> {
        let chars: Vec<char> = s.chars().collect();
        chars
            .iter()
            .enumerate()
            .map(|(i, &c)| WrapUnit {
                width: if c == '#' { 2 } else { 1 },
                is_whitespace: c == ' ',
                break_before: i > 0 && chars[i - 1] == ' ' && c != ' ',
            })
            .collect()
    }

    fn lines(s: &str, width: usize) -> Vec<String> {
        let chars: Vec<char> = s.chars().collect();
        wrap(&units(s), width)
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect()
    }

    #[test]
    fn breaks_at_spaces_and_consumes_them() {
        assert_eq!(lines("aa bb cc", 5), ["aa bb", "cc"]);
        assert_eq!(lines("aa bb cc", 4), ["aa", "bb", "cc"]);
        assert_eq!(lines("aa   bb", 2), ["aa", "bb"]);
    }

    #[test]
    fn whitespace_may_hang_past_the_edge() {
        assert_eq!(lines("aaaa bb", 4), ["aaaa", "bb"]);
    }

    #[test]
    fn a_word_wider_than_the_line_is_broken() {
        assert_eq!(lines("abcdefg hi", 3), ["abc", "def", "g", "hi"]);
    }

    #[test]
    fn a_wide_cluster_wider_than_the_line_stands_alone() {
        assert_eq!(lines("a#b", 1), ["a", "#", "b"]);
    }

    #[test]
    fn width_zero_is_one_line() {
        assert_eq!(lines("aa bb ", 0), ["aa bb "]);
        assert_eq!(wrap(&[], 0), vec![std::ops::Range { start: 0, end: 0 }]);
        assert_eq!(wrap(&[], 10).len(), 1);
    }
}
