//! `ResidueRules`: recognising scraping residue at the end of an article.
//!
//! Owns: the pattern language of `assets/residue.txt` (described in that file), the folding
//! used to match it, and the decision of which trailing paragraphs to drop. Imports std.
//! The built-in rules are compiled into the binary.

use std::collections::HashSet;
use std::fmt;
use std::sync::OnceLock;

/// The built-in patterns.
const BUILTIN: &str = include_str!("../../assets/residue.txt");

/// Paragraphs longer than this (in bytes) are never residue lines: patterns are short, and
/// skipping long paragraphs keeps the check cheap.
const MAX_LINE_BYTES: usize = 400;
/// A paragraph under a link-list heading longer than this (in code points) is body text, not
/// a link title, so the list is not residue.
const MAX_LINK_CHARS: usize = 200;
/// A link-list heading further than this from the end is not looked for.
const MAX_LIST_LEN: usize = 20;
/// Paragraphs longer than this (in bytes) are never link-list headings.
const MAX_HEADING_BYTES: usize = 120;

/// Patterns for trailing residue. See `assets/residue.txt` for the syntax.
#[derive(Debug, Clone, Default)]
pub struct ResidueRules {
    lines: PatternSet,
    headings: PatternSet,
}

#[derive(Debug, Clone, Default)]
struct PatternSet {
    exact: HashSet<String>,
    prefixes: Vec<String>,
}

impl PatternSet {
    fn matches(&self, folded: &str) -> bool {
        self.exact.contains(folded)
            || self.prefixes.iter().any(|p| {
                folded.starts_with(p.as_str())
                    && !folded[p.len()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
            })
    }

    fn len(&self) -> usize {
        self.exact.len() + self.prefixes.len()
    }
}

/// A line of a residue file that could not be understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResidueParseError {
    /// 1-based line number in the rules text.
    pub line: usize,
    /// What is wrong with it.
    pub kind: ResidueParseErrorKind,
}

/// What is wrong with a residue rule line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResidueParseErrorKind {
    /// A pattern before any `[line]` or `[heading]` section header.
    PatternOutsideSection,
    /// A section header other than `[line]` or `[heading]`.
    UnknownSection(String),
    /// A pattern that is empty once punctuation is ignored: it would match every
    /// punctuation-only paragraph (or, with `*`, every paragraph).
    EmptyPattern,
}

impl fmt::Display for ResidueParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "residue rules, line {}: ", self.line)?;
        match &self.kind {
            ResidueParseErrorKind::PatternOutsideSection => {
                f.write_str("a pattern before any [line] or [heading] header")
            }
            ResidueParseErrorKind::UnknownSection(name) => write!(
                f,
                "unknown section [{name}]; the sections are [line] and [heading]"
            ),
            ResidueParseErrorKind::EmptyPattern => f.write_str(
                "the pattern is empty once punctuation is ignored, so it would match too much",
            ),
        }
    }
}

impl std::error::Error for ResidueParseError {}

impl ResidueRules {
    /// The rules built into the binary (`assets/residue.txt`).
    pub fn builtin() -> &'static ResidueRules {
        static RULES: OnceLock<ResidueRules> = OnceLock::new();
        // A bad line in the built-in file is caught by a test; at run time it is skipped.
        RULES.get_or_init(|| Self::parse_lenient(BUILTIN).0)
    }

    /// Parses rules, failing on the first bad line.
    pub fn parse(text: &str) -> Result<ResidueRules, ResidueParseError> {
        let (rules, mut errors) = Self::parse_lenient(text);
        match errors.is_empty() {
            true => Ok(rules),
            false => Err(errors.swap_remove(0)),
        }
    }

    /// Parses rules, skipping bad lines and returning what was wrong with them.
    pub fn parse_lenient(text: &str) -> (ResidueRules, Vec<ResidueParseError>) {
        enum Section {
            None,
            Line,
            Heading,
        }
        let mut rules = ResidueRules::default();
        let mut errors = Vec::new();
        let mut section = Section::None;
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            let error = |kind| ResidueParseError { line: i + 1, kind };
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = match name.trim() {
                    "line" => Section::Line,
                    "heading" => Section::Heading,
                    other => {
                        errors.push(error(ResidueParseErrorKind::UnknownSection(
                            other.to_string(),
                        )));
                        Section::None
                    }
                };
                continue;
            }
            let set = match section {
                Section::Line => &mut rules.lines,
                Section::Heading => &mut rules.headings,
                Section::None => {
                    errors.push(error(ResidueParseErrorKind::PatternOutsideSection));
                    continue;
                }
            };
            let (body, is_prefix) = match line.strip_suffix('*') {
                Some(body) => (body, true),
                None => (line, false),
            };
            let folded = fold(body);
            if folded.is_empty() {
                errors.push(error(ResidueParseErrorKind::EmptyPattern));
            } else if is_prefix {
                set.prefixes.push(folded);
            } else {
                set.exact.insert(folded);
            }
        }
        (rules, errors)
    }

    /// The number of patterns (line and heading patterns together).
    pub fn len(&self) -> usize {
        self.lines.len() + self.headings.len()
    }

    /// True when there are no patterns.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// True when `paragraph` on its own is residue (matches a `[line]` pattern, or is only
    /// punctuation and symbols).
    pub fn is_residue_line(&self, paragraph: &str) -> bool {
        if paragraph.len() > MAX_LINE_BYTES {
            return false;
        }
        let folded = fold(paragraph);
        folded.is_empty() || self.lines.matches(&folded)
    }

    /// True when `paragraph` is the heading of a link list (a `[heading]` pattern).
    pub fn is_list_heading(&self, paragraph: &str) -> bool {
        paragraph.len() <= MAX_HEADING_BYTES && self.headings.matches(&fold(paragraph))
    }

    /// How many of `body`'s paragraphs to keep: trailing residue lines and trailing link
    /// lists under a heading are cut, repeatedly, from the end.
    pub fn body_len_without_residue(&self, body: &[&str]) -> usize {
        self.body_len_without_residue_by(body.len(), |i| body.get(i).copied().unwrap_or(""))
    }

    /// Like [`body_len_without_residue`](Self::body_len_without_residue), for a body of
    /// `len` paragraphs given by `paragraph(i)`, so callers need not collect them.
    pub fn body_len_without_residue_by<'a>(
        &self,
        len: usize,
        paragraph: impl Fn(usize) -> &'a str,
    ) -> usize {
        let mut end = len;
        loop {
            while end > 0 && self.is_residue_line(paragraph(end - 1)) {
                end -= 1;
            }
            match self.trailing_list_heading(end, &paragraph) {
                Some(heading) => end = heading,
                None => return end,
            }
        }
    }

    /// The index of a link-list heading followed only by short paragraphs up to `end`.
    fn trailing_list_heading<'a>(
        &self,
        end: usize,
        paragraph: &impl Fn(usize) -> &'a str,
    ) -> Option<usize> {
        let lowest = end.saturating_sub(MAX_LIST_LEN);
        for i in (lowest..end).rev() {
            let p = paragraph(i);
            if self.is_list_heading(p) {
                return Some(i);
            }
            if p.len() > MAX_LINK_CHARS && p.chars().count() > MAX_LINK_CHARS {
                return None;
            }
        }
        None
    }
}

/// Folds text for matching: lower case, Arabic diacritics, tatweel and invisible format
/// characters dropped, letter variants folded, space runs collapsed, and punctuation and
/// symbols trimmed from both ends.
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        let c = match c {
            '\u{64b}'..='\u{65f}' | '\u{670}' | '\u{640}' => continue,
            '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
                continue;
            }
            '\u{61c}' | '\u{feff}' => continue,
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' => 'ي',
            'ة' => 'ه',
            _ => c,
        };
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if ('\u{600}'..='\u{6ff}').contains(&c) {
            out.push(c); // Arabic has no case: skip the case tables
        } else {
            out.extend(c.to_lowercase());
        }
    }
    let trimmed = out.trim_matches(|c: char| c == ' ' || is_decoration(c));
    if trimmed.len() == out.len() {
        out
    } else {
        trimmed.to_string()
    }
}

/// Punctuation and symbols that decorate residue ("Share this:", "« اقرأ أيضا »").
fn is_decoration(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(
            c,
            '…' | '،'
                | '؛'
                | '؟'
                | '–'
                | '—'
                | '•'
                | '·'
                | '»'
                | '«'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '‹'
                | '›'
                | '→'
                | '←'
                | '▶'
                | '◀'
                | '►'
                | '◄'
                | '⬅'
                | '➡'
                | '▪'
                | '■'
                | '□'
                | '★'
                | '☆'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keep(body: &[&str]) -> usize {
        ResidueRules::builtin().body_len_without_residue(body)
    }

    #[test]
    fn builtin_rules_parse_cleanly() {
        let (rules, errors) = ResidueRules::parse_lenient(BUILTIN);
        assert_eq!(errors, vec![]);
        assert!(rules.len() > 50, "{}", rules.len());
    }

    #[test]
    fn the_seed_residue_is_recognised() {
        let rules = ResidueRules::builtin();
        assert!(rules.is_residue_line("شاركها."));
        assert!(rules.is_residue_line("Exit mobile version"));
        assert_eq!(keep(&["نص المقال.", "شاركها.", "Exit mobile version"]), 1);
    }

    #[test]
    fn folding_covers_case_punctuation_and_arabic_variants() {
        let rules = ResidueRules::builtin();
        assert!(rules.is_residue_line("SHARE THIS:"));
        assert!(rules.is_residue_line("  Share   this  "));
        assert!(rules.is_residue_line("Click to share on Twitter (Opens in new window)"));
        assert!(rules.is_list_heading("إقرأ أيضاً:"));
        assert!(rules.is_list_heading("« اقرأ أيضا »"));
        assert!(rules.is_residue_line("اقرأ أيضا: بوتين يتصل بترامب"));
        assert!(rules.is_residue_line("***"));
        assert!(rules.is_residue_line("—"));
        // Word boundary: a prefix pattern does not match inside a longer word.
        assert!(!rules.is_residue_line("Share-holders met on Monday to share their views"));
        assert!(!rules.is_residue_line("Copyrighted material was"));
        assert!(!rules.is_residue_line("قال بوتين إن روسيا لن تتراجع."));
        assert!(!rules.is_residue_line("2025"));
    }

    #[test]
    fn trailing_link_lists_are_cut_with_their_heading() {
        let body = [
            "الفقرة الأولى من المقال.",
            "الفقرة الأخيرة.",
            "Share this:",
            "اقرأ أيضاً",
            "بوتين يتصل بترامب",
            "زيلنسكي في الدنمارك",
            "Exit mobile version",
        ];
        assert_eq!(keep(&body), 2);
    }

    #[test]
    fn a_heading_followed_by_long_text_is_body() {
        let long = "ب".repeat(MAX_LINK_CHARS + 1);
        assert_eq!(keep(&["a", "Related", &long]), 3);
        // Residue only counts at the end.
        assert_eq!(keep(&["Share this:", "body text goes on here."]), 2);
    }

    #[test]
    fn real_body_text_is_kept() {
        for name in [
            "000_3ed9818d08fa67ef",
            "001_d658753dde14569f",
            "002_da240b10efe9935a",
            "004_8a44721905b9b7bd",
        ] {
            let path = format!("{}/seeds/{name}.txt", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(path).unwrap();
            let body: Vec<&str> = text
                .lines()
                .skip(1)
                .filter(|l| !l.trim().is_empty())
                .collect();
            assert_eq!(keep(&body), body.len(), "{name}");
        }
    }

    #[test]
    fn parse_errors_name_the_line() {
        let e = ResidueParseError {
            line: 1,
            kind: ResidueParseErrorKind::PatternOutsideSection,
        };
        assert_eq!(ResidueRules::parse("Share").unwrap_err(), e);
        let e = ResidueRules::parse("[line]\nok\n[footer]\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.to_string().contains("[footer]"), "{e}");
        let e = ResidueRules::parse("[line]\n---*\n").unwrap_err();
        assert_eq!(e.kind, ResidueParseErrorKind::EmptyPattern);
    }
}
