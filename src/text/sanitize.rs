//! Step 1 of the pipeline: make untrusted text safe to lay out and print.
//!
//! C0 and C1 controls and whole terminal escape sequences (CSI, OSC, DCS, SOS, PM, APC and
//! two-byte escapes, in their 7-bit and 8-bit forms) never come out. Tabs become spaces, and
//! characters that would end the paragraph inside it (line and paragraph separators, CR, LF,
//! VT, FF) become one space, so UAX #9 sees one paragraph. Bidi controls are kept: they are
//! text, and the reorder step removes them after they have done their work.
//!
//! Sequences are recognised by [`crate::escapes`], as the store's sanitiser recognises them
//! (CAN and SUB abort one; an ESC inside a string ends it and starts the next sequence). A
//! string sequence that nothing ends before the end of the text loses its introducer only:
//! its payload is shown, as text.

use std::borrow::Cow;

use crate::escapes::{State, Step, step};

/// How many spaces a tab becomes.
pub const TAB_WIDTH: usize = 4;

/// Sanitised text and, when anything changed, where each of its bytes came from.
#[derive(Debug, Clone)]
pub struct Sanitized<'a> {
    pub text: Cow<'a, str>,
    /// `origin[i]` is the byte offset in the input of sanitised byte `i`; one extra entry maps
    /// the end. Empty when the text came through unchanged (the identity map).
    origin: Vec<usize>,
}

impl Sanitized<'_> {
    /// The input byte offset that sanitised byte offset `i` (0..=len) came from.
    pub fn origin(&self, i: usize) -> usize {
        if self.origin.is_empty() {
            i
        } else {
            self.origin[i]
        }
    }
}

/// Is `c` a character that must never reach the terminal (C0, DEL or C1 control)?
pub fn is_terminal_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// What replaces a character that would break the paragraph: a space.
fn is_paragraph_breaking(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Sanitise one paragraph (see the module doc). Borrowed when nothing needed changing.
pub fn sanitize(input: &str) -> Sanitized<'_> {
    let needs_work = input
        .chars()
        .any(|c| is_terminal_control(c) || is_paragraph_breaking(c));
    if !needs_work {
        return Sanitized {
            text: Cow::Borrowed(input),
            origin: Vec::new(),
        };
    }
    let mut text = String::with_capacity(input.len());
    let mut origin = Vec::with_capacity(input.len() + 1);
    let push = |text: &mut String, origin: &mut Vec<usize>, c: char, from: usize| {
        text.push(c);
        origin.extend(std::iter::repeat_n(from, c.len_utf8()));
    };
    // Escape sequences are recognised as the store's sanitiser recognises them.
    let mut state = State::Text;
    let mut unterminated = Unterminated::default();
    let mut after_cr = false;
    for (i, c) in input.char_indices() {
        // CR LF ends one paragraph: one space.
        let crlf = after_cr && c == '\n';
        after_cr = false;
        loop {
            if state == State::Text {
                if c == '\t' {
                    for _ in 0..TAB_WIDTH {
                        push(&mut text, &mut origin, ' ', i);
                    }
                    break;
                }
                if is_paragraph_breaking(c) {
                    if !crlf {
                        push(&mut text, &mut origin, ' ', i);
                    }
                    after_cr = c == '\r';
                    break;
                }
            }
            match step(state, c) {
                Step::Keep => {
                    push(&mut text, &mut origin, c, i);
                    break;
                }
                // A string sequence that nothing ends before the end of the text is no
                // sequence: its introducer goes, its payload is shown (the store's
                // sanitiser, line by line, drops the rest of the line instead).
                Step::Drop(State::ControlString)
                    if !is_string(state) && !unterminated.string_ends(input, i + c.len_utf8()) =>
                {
                    state = State::Text;
                    break;
                }
                Step::Drop(next) => {
                    state = next;
                    break;
                }
                Step::Reprocess(next) => state = next,
            }
        }
    }
    origin.push(input.len());
    Sanitized {
        text: Cow::Owned(text),
        origin,
    }
}

fn is_string(state: State) -> bool {
    matches!(state, State::ControlString | State::ControlStringEscape)
}

/// Whether a string sequence whose payload starts at a byte offset ends before the text does,
/// remembering where the text has nothing left that ends one: a payload reads on only until
/// the first BEL, ST, CAN, SUB or ESC (what follows an ESC decides; ESC \ is ST), wherever it
/// started, so a text of many unterminated strings is read once, not once for each.
#[derive(Default)]
struct Unterminated {
    /// From this offset on, nothing ends a string.
    from: Option<usize>,
}

impl Unterminated {
    fn string_ends(&mut self, input: &str, payload: usize) -> bool {
        if self.from.is_some_and(|from| payload >= from) {
            return false;
        }
        let mut state = State::ControlString;
        for c in input[payload..].chars() {
            state = match step(state, c) {
                Step::Drop(next) | Step::Reprocess(next) => next,
                Step::Keep => State::Text,
            };
            if !is_string(state) {
                return true;
            }
        }
        self.from = Some(payload);
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(s: &str) -> String {
        sanitize(s).text.into_owned()
    }

    #[test]
    fn clean_text_is_borrowed() {
        let s = sanitize("مرحبا بالعالم");
        assert!(matches!(s.text, Cow::Borrowed(_)));
        assert_eq!(s.origin(4), 4);
    }

    #[test]
    fn csi_sequences_are_removed_whole() {
        assert_eq!(clean("a\u{1b}[31;1mred\u{1b}[0m b"), "ared b");
        assert_eq!(clean("x\u{9b}2Jy"), "xy");
        assert_eq!(clean("\u{1b}[?1049h"), "");
    }

    #[test]
    fn osc_sequences_are_removed_whole() {
        // OSC 52 clipboard write, terminated by BEL; OSC 8 link terminated by ST.
        assert_eq!(clean("a\u{1b}]52;c;ZXZpbA==\u{07}b"), "ab");
        assert_eq!(
            clean("\u{1b}]8;;http://x\u{1b}\\link\u{1b}]8;;\u{1b}\\"),
            "link"
        );
        assert_eq!(clean("a\u{9d}0;title\u{9c}b"), "ab");
    }

    #[test]
    fn unterminated_string_sequence_keeps_its_payload_visible() {
        assert_eq!(clean("a\u{1b}]0;never ends"), "a0;never ends");
        // A string is ended by the escape that starts the next one (as xterm does); only
        // the last, which nothing ends, is shown.
        assert_eq!(clean(&"\u{1b}]x".repeat(1_000)), "x");
        assert_eq!(clean("\u{1b}]a\u{1b}[1mb"), "b");
    }

    #[test]
    fn eight_bit_strings_and_aborted_sequences_are_removed() {
        // SOS, PM, APC in their C1 forms, up to ST.
        assert_eq!(clean("a\u{98}hidden\u{9c}b"), "ab");
        assert_eq!(clean("a\u{9e}pm\u{9c}b\u{9f}apc\u{1b}\\c"), "abc");
        // CAN and SUB abort a sequence.
        assert_eq!(clean("a\u{1b}[31\u{18}b"), "ab");
        assert_eq!(clean("a\u{1b}]0;t\u{1a}b"), "ab");
    }

    #[test]
    fn dcs_and_two_byte_escapes_are_removed() {
        assert_eq!(clean("a\u{1b}Pq#0\u{1b}\\b"), "ab");
        assert_eq!(clean("a\u{1b}cb"), "ab");
        assert_eq!(clean("a\u{1b}(Bb"), "ab");
        assert_eq!(clean("a\u{1b}"), "a");
    }

    #[test]
    fn controls_are_dropped_and_tabs_expand() {
        assert_eq!(clean("a\u{7}b\u{0}c\u{7f}d\u{85}e"), "abcd e");
        assert_eq!(clean("a\tb"), "a    b");
        assert_eq!(clean("a\r\nb\u{2029}c"), "a b c");
    }

    #[test]
    fn bidi_controls_are_kept() {
        assert_eq!(clean("\u{202e}abc\u{202c}\t"), "\u{202e}abc\u{202c}    ");
    }

    #[test]
    fn origin_maps_back_to_input_bytes() {
        let input = "ب\u{1b}[1mت\tث";
        let s = sanitize(input);
        assert_eq!(s.text, "بت    ث");
        let t = s.text.find('ت').unwrap();
        assert_eq!(&input[s.origin(t)..], "ت\tث");
        assert_eq!(s.origin(s.text.len()), input.len());
    }
}
