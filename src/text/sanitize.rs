//! Step 1 of the pipeline: make untrusted text safe to lay out and print.
//!
//! C0 and C1 controls and whole terminal escape sequences (CSI, OSC, DCS, SOS, PM, APC and
//! two-byte escapes, in their 7-bit and 8-bit forms) never come out. Tabs become spaces, and
//! characters that would end the paragraph inside it (line and paragraph separators, CR, LF,
//! VT, FF) become one space, so UAX #9 sees one paragraph. Bidi controls are kept: they are
//! text, and the reorder step removes them after they have done their work.

use std::borrow::Cow;

/// How many spaces a tab becomes.
pub const TAB_WIDTH: usize = 4;

const ESC: char = '\u{1b}';
const BEL: char = '\u{07}';
const C1_ST: char = '\u{9c}';

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
    let mut chars = input.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\t' {
            for _ in 0..TAB_WIDTH {
                push(&mut text, &mut origin, ' ', i);
            }
        } else if is_paragraph_breaking(c) {
            // A CR LF pair is one break, so one space.
            if c == '\r' && matches!(chars.peek(), Some((_, '\n'))) {
                chars.next();
            }
            push(&mut text, &mut origin, ' ', i);
        } else if c == ESC || c == '\u{9b}' || c == '\u{9d}' || c == '\u{90}' {
            skip_escape(c, &mut chars);
        } else if is_terminal_control(c) {
            // Dropped: nothing to show.
        } else {
            push(&mut text, &mut origin, c, i);
        }
    }
    origin.push(input.len());
    Sanitized {
        text: Cow::Owned(text),
        origin,
    }
}

type CharStream<'a> = std::iter::Peekable<std::str::CharIndices<'a>>;

/// Consume the rest of an escape sequence whose introducer `first` was just read.
///
/// A string sequence (OSC, DCS, SOS, PM, APC) that never terminates loses only its introducer:
/// its payload stays visible as text rather than swallowing the rest of the paragraph.
fn skip_escape(first: char, chars: &mut CharStream<'_>) {
    let kind = if first == ESC {
        match chars.peek().map(|&(_, c)| c) {
            Some('[') => {
                chars.next();
                Escape::Csi
            }
            Some(']') => {
                chars.next();
                Escape::String
            }
            Some('P' | 'X' | '^' | '_') => {
                chars.next();
                Escape::String
            }
            Some(' '..='/') => {
                // nF: intermediates then one final byte.
                while matches!(chars.peek(), Some((_, ' '..='/'))) {
                    chars.next();
                }
                if matches!(chars.peek(), Some((_, '0'..='~'))) {
                    chars.next();
                }
                return;
            }
            Some('0'..='~') => {
                chars.next();
                return;
            }
            _ => return,
        }
    } else if first == '\u{9b}' {
        Escape::Csi
    } else {
        Escape::String
    };
    match kind {
        Escape::Csi => {
            // Parameters and intermediates, then a final byte; stop at anything else.
            while let Some(&(_, c)) = chars.peek() {
                match c {
                    '0'..='?' | ' '..='/' => {
                        chars.next();
                    }
                    '@'..='~' => {
                        chars.next();
                        return;
                    }
                    _ => return,
                }
            }
        }
        Escape::String => {
            let mut probe = chars.clone();
            while let Some((_, c)) = probe.next() {
                let terminated = match c {
                    BEL | C1_ST => true,
                    ESC => matches!(probe.peek(), Some((_, '\\'))),
                    _ => false,
                };
                if terminated {
                    if c == ESC {
                        probe.next();
                    }
                    *chars = probe;
                    return;
                }
            }
        }
    }
}

enum Escape {
    Csi,
    String,
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
