//! Sanitising untrusted article text, one source line at a time.
//!
//! Owns: what may reach the store (and so, later, the terminal) from a source line, and the
//! column mapping back to that line. Imports std, memchr and `escapes` (the recogniser of
//! terminal sequences, shared with the layout's sanitiser).
//!
//! What is removed:
//! - C0 controls (U+0000–U+001F) except tab, and DEL (U+007F);
//! - C1 controls (U+0080–U+009F);
//! - whole escape sequences: CSI (`ESC [` or U+009B, parameters, intermediates, final byte),
//!   OSC (`ESC ]` or U+009D … BEL or ST, e.g. OSC 52 clipboard writes and OSC 8 links, whose
//!   visible text is kept), DCS/SOS/PM/APC strings (`ESC P`, `ESC X`, `ESC ^`, `ESC _` or their
//!   C1 forms … ST), `ESC` + intermediates + final (e.g. `ESC ( B`), and a lone `ESC x`;
//! - leading and trailing whitespace of the line.
//!
//! A tab becomes a single space rather than being removed or expanded: it separates words in
//! real text (so removing it would glue them), a terminal would expand it to a width that
//! depends on the cell it lands in (which the layout layer cannot know), and a one-for-one
//! replacement keeps columns unchanged.
//!
//! Kept on purpose: bidi controls (LRM, RLM, ALM, embeddings, overrides, isolates) are text;
//! the layout layer decides what to do with them.
//!
//! Sanitising works per line: a string sequence (OSC, DCS …) left open at the end of a line
//! swallows the rest of that line only. That is safe because nothing the sanitiser emits can
//! start or continue a sequence.
//!
//! Columns are code-point indices, 0-based, in the line as decoded (for a line that was not
//! valid UTF-8, each U+FFFD counts as one code point).

use crate::escapes::{State, Step, step};

/// One removal point in a sanitised paragraph: from code point `at` of the paragraph on, the
/// source line had `removed` more code points before it than the paragraph has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnShift {
    /// Code-point index in the sanitised text.
    pub at: u32,
    /// Total number of source code points removed before `at`.
    pub removed: u32,
}

/// A sanitised line and the mapping back to its source columns.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sanitized {
    /// The text: no controls, no escape sequences, trimmed.
    pub text: String,
    /// Where code points were removed (sorted by `at`).
    pub shifts: Vec<ColumnShift>,
}

impl Sanitized {
    /// The 0-based code-point column in the source line of code point `char_index` of `text`.
    /// An index at or past the end maps just past the last kept code point.
    pub fn source_column(&self, char_index: usize) -> usize {
        map_column(&self.shifts, char_index)
    }
}

/// Sanitises one source line (without its line terminator). See the module doc for the rules.
pub fn sanitize_line(line: &str) -> Sanitized {
    let mut out = Sanitized::default();
    sanitize_line_into(line, &mut out.text, &mut out.shifts);
    out
}

/// Maps a code-point index in sanitised text back to the source column, given its shifts.
pub(crate) fn map_column(shifts: &[ColumnShift], char_index: usize) -> usize {
    let k = shifts.partition_point(|s| (s.at as usize) <= char_index);
    match k.checked_sub(1).and_then(|i| shifts.get(i)) {
        Some(shift) => char_index + shift.removed as usize,
        None => char_index,
    }
}

/// True when `line` contains something the sanitiser removes other than edge whitespace: a C0
/// control or DEL (branch-free over the bytes, so it vectorises), or a C1 control (0xC2 then
/// 0x80–0x9F). Arabic news is full of « » and no-break spaces, which are 0xC2 too: treating
/// every 0xC2 as a hit sent most of its lines down the slow path.
fn needs_full_pass(line: &str) -> bool {
    let bytes = line.as_bytes();
    let c0 = bytes
        .iter()
        .fold(false, |acc, &b| acc | (b < 0x20) | (b == 0x7f));
    c0 || memchr::memchr_iter(0xC2, bytes)
        .any(|at| bytes.get(at + 1).is_some_and(|&next| next <= 0x9F))
}

/// Appends the sanitised form of `line` to `out`, and its removal points (relative to the
/// start of what was appended) to `shifts`.
pub(crate) fn sanitize_line_into(line: &str, out: &mut String, shifts: &mut Vec<ColumnShift>) {
    if !needs_full_pass(line) {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            return;
        }
        let start = line.len() - line.trim_start().len();
        let leading = line[..start].chars().count();
        if leading > 0 {
            shifts.push(ColumnShift {
                at: 0,
                removed: to_u32(leading),
            });
        }
        out.push_str(trimmed);
        return;
    }

    let base = out.len();
    let first_shift = shifts.len();
    let mut state = State::Text;
    // Code points emitted to `out` so far (`consumed`, below, counts those read from `line`).
    let mut emitted: usize = 0;
    // Byte length of `out` and emitted count just after the last non-whitespace code point.
    let mut kept_len = base;
    let mut kept_chars: usize = 0;
    let mut last_removed: usize = 0;

    for (consumed, c) in line.chars().enumerate() {
        let mut c = c;
        // A code point that ends a sequence without belonging to it is looked at again as
        // text (at most once: as text it never loops back).
        loop {
            match step(state, c) {
                Step::Drop(next) => {
                    state = next;
                    break;
                }
                Step::Reprocess(next) => {
                    state = next;
                }
                Step::Keep => {
                    if c == '\t' {
                        c = ' ';
                    }
                    if emitted == 0 && c.is_whitespace() {
                        break; // leading whitespace: a removal
                    }
                    let removed = consumed - emitted;
                    if removed != last_removed {
                        shifts.push(ColumnShift {
                            at: to_u32(emitted),
                            removed: to_u32(removed),
                        });
                        last_removed = removed;
                    }
                    out.push(c);
                    emitted += 1;
                    if !c.is_whitespace() {
                        kept_len = out.len();
                        kept_chars = emitted;
                    }
                    break;
                }
            }
        }
    }

    // Trailing whitespace: cut it, and any removal points that only it used.
    out.truncate(kept_len);
    let kept_shifts = shifts[first_shift..].partition_point(|s| (s.at as usize) < kept_chars);
    shifts.truncate(first_shift + kept_shifts);
}

/// Lines are capped far below 4 GiB by the loaders; saturate rather than wrap if not.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_controls_need_the_full_pass() {
        for line in ["«الناتو»\u{a0}قال", "plain", "\u{bb}", "ق\u{ad}ال"] {
            assert!(!needs_full_pass(line), "{line:?}");
        }
        for line in [
            "a\tb",
            "a\u{85}b",
            "\u{9b}31m",
            "a\u{1b}[0m",
            "a\u{7f}",
            "\u{80}",
        ] {
            assert!(needs_full_pass(line), "{line:?}");
        }
    }

    fn clean(s: &str) -> String {
        sanitize_line(s).text
    }

    /// Checks that every kept code point maps back to the same code point in the source.
    fn assert_mapping_exact(source: &str) {
        let s = sanitize_line(source);
        let src: Vec<char> = source.chars().collect();
        for (i, c) in s.text.chars().enumerate() {
            let col = s.source_column(i);
            let expected = if c == ' ' && src[col] == '\t' {
                '\t'
            } else {
                c
            };
            assert_eq!(src[col], expected, "char {i} of {:?} in {source:?}", s.text);
        }
    }

    #[test]
    fn plain_text_is_untouched_apart_from_trimming() {
        assert_eq!(clean("  مرحبا بالعالم  "), "مرحبا بالعالم");
        assert_eq!(clean("hello"), "hello");
        assert_eq!(clean("   "), "");
        assert_eq!(clean(""), "");
    }

    #[test]
    fn c0_controls_and_del_are_removed_tab_becomes_space() {
        assert_eq!(clean("a\u{0}b\u{7}c\u{8}d\u{7f}e"), "abcde");
        assert_eq!(clean("a\tb"), "a b");
        assert_eq!(clean("\ta\t"), "a");
        assert_eq!(clean("a\r"), "a");
        assert_eq!(clean("a\u{c}b\u{b}c"), "abc");
        assert_mapping_exact("a\u{0}b\u{7}c\u{8}d\u{7f}e\tf");
    }

    #[test]
    fn c1_controls_are_removed() {
        assert_eq!(clean("a\u{80}b\u{85}c\u{9c}d"), "abcd");
        // Latin-1 letters (lead byte 0xC2/0xC3) are not controls.
        assert_eq!(clean("©é\u{a0}x"), "©é\u{a0}x");
    }

    #[test]
    fn csi_sequences_are_removed_whole() {
        assert_eq!(clean("\u{1b}[31mred\u{1b}[0m"), "red");
        assert_eq!(clean("a\u{1b}[2Jb"), "ab");
        assert_eq!(clean("a\u{1b}[?1049hb"), "ab");
        assert_eq!(clean("a\u{1b}[38;2;255;0;0mb"), "ab");
        // The C1 form.
        assert_eq!(clean("a\u{9b}31mb"), "ab");
        // Unterminated at end of line.
        assert_eq!(clean("a\u{1b}[31"), "a");
        // Broken by a non-ASCII code point: the sequence ends, the code point stays.
        assert_eq!(clean("a\u{1b}[3بb"), "aبb");
        assert_mapping_exact("x\u{1b}[31mred\u{1b}[0m y");
    }

    #[test]
    fn osc_sequences_are_removed_whole() {
        // OSC 52 clipboard write, terminated by BEL and by ST.
        assert_eq!(clean("a\u{1b}]52;c;ZXZpbA==\u{7}b"), "ab");
        assert_eq!(clean("a\u{1b}]52;c;ZXZpbA==\u{1b}\\b"), "ab");
        // OSC 8 hyperlink: the visible text stays.
        assert_eq!(
            clean("\u{1b}]8;;https://evil.example\u{1b}\\click\u{1b}]8;;\u{1b}\\ here"),
            "click here"
        );
        // Window title, C1 form, C1 ST.
        assert_eq!(clean("a\u{9d}0;title\u{9c}b"), "ab");
        // Unterminated: swallows the rest of the line.
        assert_eq!(clean("a\u{1b}]0;title b c"), "a");
        assert_mapping_exact("\u{1b}]8;;u\u{1b}\\click\u{1b}]8;;\u{1b}\\ here");
    }

    #[test]
    fn dcs_sos_pm_apc_strings_are_removed_whole() {
        assert_eq!(clean("a\u{1b}P1$r0m\u{1b}\\b"), "ab");
        assert_eq!(clean("a\u{1b}Xsos\u{1b}\\b"), "ab");
        assert_eq!(clean("a\u{1b}^pm\u{1b}\\b"), "ab");
        assert_eq!(clean("a\u{1b}_apc\u{1b}\\b"), "ab");
        assert_eq!(clean("a\u{90}dcs\u{9c}b"), "ab");
        // ESC inside a string that is not ST starts a new escape.
        assert_eq!(clean("a\u{1b}Pxx\u{1b}[31mb"), "ab");
    }

    #[test]
    fn lone_and_short_escapes_are_removed() {
        assert_eq!(clean("a\u{1b}cb"), "ab"); // RIS, full reset
        assert_eq!(clean("a\u{1b}7b\u{1b}8c"), "abc");
        assert_eq!(clean("a\u{1b}(Bb"), "ab"); // charset designation
        assert_eq!(clean("a\u{1b}#8b"), "ab");
        assert_eq!(clean("a\u{1b}"), "a");
        assert_eq!(clean("a\u{1b}\u{1b}[1mb"), "ab");
        // ESC before non-ASCII: only the ESC goes.
        assert_eq!(clean("a\u{1b}بb"), "aبb");
    }

    #[test]
    fn bidi_controls_are_kept() {
        let s = "\u{200f}قال\u{200e} \u{2067}ABC\u{2069} \u{202b}x\u{202c} \u{61c}";
        assert_eq!(clean(s), s);
    }

    #[test]
    fn lossy_replacement_characters_are_kept_as_text() {
        let decoded = String::from_utf8_lossy(b"ab\xffcd\xe2\x82");
        assert_eq!(clean(&decoded), "ab\u{fffd}cd\u{fffd}");
    }

    #[test]
    fn column_mapping_accounts_for_every_removal() {
        let source = "  \u{1b}[1mبوتين\u{1b}[0m قال\u{7}: \u{1b}]8;;x\u{7}ترامب\u{1b}]8;;\u{7}  ";
        let s = sanitize_line(source);
        assert_eq!(s.text, "بوتين قال: ترامب");
        let src: Vec<char> = source.chars().collect();
        let col = s.source_column(11); // the first letter of ترامب
        assert_eq!(src[col], 'ت');
        assert_eq!(src[s.source_column(0)], 'ب');
        assert_mapping_exact(source);
        // Past the end: just after the last kept code point.
        let end = s.text.chars().count();
        assert_eq!(s.source_column(end), s.source_column(end - 1) + 1);
    }

    #[test]
    fn no_shifts_for_clean_lines() {
        assert!(sanitize_line("clean line").shifts.is_empty());
        assert_eq!(
            sanitize_line("  x").shifts,
            vec![ColumnShift { at: 0, removed: 2 }]
        );
        // Trailing removals leave no shift behind.
        assert!(sanitize_line("x\u{1b}[0m  ").shifts.is_empty());
    }

    #[test]
    fn nothing_dangerous_survives_any_input() {
        // A small exhaustive-ish sweep over two-code-point tails after ESC and C1 introducers.
        let probes = [
            '\u{1b}', '\u{9b}', '\u{9d}', '\u{90}', '[', ']', 'P', '\\', 'a', 'ب',
        ];
        for a in probes {
            for b in probes {
                for c in probes {
                    let s = format!("x{a}{b}{c}y");
                    let out = clean(&s);
                    assert!(!out.chars().any(|ch| ch.is_control()), "{s:?} gave {out:?}");
                    assert_mapping_exact(&s);
                }
            }
        }
    }
}
