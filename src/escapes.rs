//! Terminal control sequences in untrusted text: the recogniser both sanitisers run, the
//! store's on every source line (`store::sanitize`) and the layout's on every text it lays
//! out (`text::sanitize`), so that what one removes the other removes too.
//!
//! Owns: which code points start, continue and end a sequence as a terminal (xterm) parses
//! them: `ESC` and its intermediates and final byte, CSI (`ESC [` or U+009B), and the string
//! sequences OSC, DCS, SOS, PM and APC (7-bit or C1 introducer) up to BEL or ST; CAN and SUB
//! abort any sequence. C0, DEL and C1 controls outside a sequence are dropped; tab is kept
//! for the caller to turn into spaces. Imports nothing.

const ESC: char = '\u{1b}';
const BEL: char = '\u{07}';
const CAN: char = '\u{18}';
const SUB: char = '\u{1a}';
const C1_ST: char = '\u{9c}';

/// Where the escape-sequence recogniser is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum State {
    /// Plain text.
    Text,
    /// Just after ESC.
    Escape,
    /// `ESC` followed by intermediate bytes (0x20–0x2F), waiting for a final byte.
    EscapeIntermediate,
    /// Inside a control sequence (CSI), waiting for a final byte (0x40–0x7E).
    Csi,
    /// Inside a control string (OSC, DCS, SOS, PM, APC), waiting for BEL or ST.
    ControlString,
    /// Inside a control string, just after an ESC (an ST if a backslash follows).
    ControlStringEscape,
}

/// What to do with one code point.
pub(crate) enum Step {
    /// Emit it (as text).
    Keep,
    /// Remove it, and continue in this state.
    Drop(State),
    /// It ends the current sequence without belonging to it: look at it again in this state.
    Reprocess(State),
}

/// What to do with `c`, met in `state`.
pub(crate) fn step(state: State, c: char) -> Step {
    match state {
        State::Text => text_step(c),
        State::Escape => match c {
            '[' => Step::Drop(State::Csi),
            ']' | 'P' | 'X' | '^' | '_' => Step::Drop(State::ControlString),
            '\u{20}'..='\u{2f}' => Step::Drop(State::EscapeIntermediate),
            '\u{30}'..='\u{7e}' => Step::Drop(State::Text),
            ESC => Step::Drop(State::Escape),
            CAN | SUB => Step::Drop(State::Text),
            _ => Step::Reprocess(State::Text),
        },
        State::EscapeIntermediate => match c {
            '\u{20}'..='\u{2f}' => Step::Drop(State::EscapeIntermediate),
            '\u{30}'..='\u{7e}' => Step::Drop(State::Text),
            CAN | SUB => Step::Drop(State::Text),
            _ => Step::Reprocess(State::Text),
        },
        State::Csi => match c {
            '\u{20}'..='\u{3f}' => Step::Drop(State::Csi),
            '\u{40}'..='\u{7e}' => Step::Drop(State::Text),
            CAN | SUB => Step::Drop(State::Text),
            _ => Step::Reprocess(State::Text),
        },
        State::ControlString => match c {
            BEL | C1_ST | CAN | SUB => Step::Drop(State::Text),
            ESC => Step::Drop(State::ControlStringEscape),
            _ => Step::Drop(State::ControlString),
        },
        State::ControlStringEscape => match c {
            '\\' => Step::Drop(State::Text),
            // Any other ESC x aborts the string and starts a new escape (as xterm does).
            _ => Step::Reprocess(State::Escape),
        },
    }
}

fn text_step(c: char) -> Step {
    match c {
        '\t' => Step::Keep,
        ESC => Step::Drop(State::Escape),
        '\u{9b}' => Step::Drop(State::Csi),
        '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => Step::Drop(State::ControlString),
        '\u{00}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => Step::Drop(State::Text),
        _ => Step::Keep,
    }
}

#[cfg(test)]
mod tests {
    use crate::store::sanitize_line;
    use crate::text::sanitize::sanitize;

    /// Every string of up to `len` characters of `alphabet`.
    fn strings(alphabet: &[char], len: usize) -> Vec<String> {
        let mut all = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..len {
            last = last
                .iter()
                .flat_map(|s| alphabet.iter().map(move |&c| format!("{s}{c}")))
                .collect();
            all.extend(last.iter().cloned());
        }
        all
    }

    /// The store's sanitiser and the layout's remove the same sequences. They differ on
    /// purpose in whitespace (the store trims lines, the layout turns tabs into four spaces)
    /// and in a string sequence still open at the end (the store drops the rest of the line,
    /// the layout keeps it as text), so the texts here have no whitespace and end in BEL,
    /// which ends any string.
    #[test]
    fn both_sanitisers_remove_the_same_sequences() {
        let alphabet = [
            '\u{1b}', '[', ']', 'P', '\\', '\u{07}', '\u{9c}', '\u{9b}', '\u{98}', '\u{18}', 'ب',
            '0', ';', 'm',
        ];
        let mut compared = 0;
        for text in strings(&alphabet, 4) {
            let text = format!("{text}\u{07}");
            let store = sanitize_line(&text).text;
            let layout = sanitize(&text).text.into_owned();
            assert_eq!(store, layout, "{text:?}");
            compared += 1;
        }
        assert!(compared > 40_000);
    }
}
