//! The plain-text loader: one article per file, one paragraph per line.
//!
//! Owns: the plain-text format (first non-blank line the title, not repeated as a paragraph;
//! each later non-blank line a paragraph; lines trimmed; blank lines ignored; UTF-8, with or
//! without a byte order mark, or UTF-16 with one; CRLF accepted), binary sniffing, and the
//! per-file warnings. Imports std, memchr and simdutf8, and the store's own types.

use super::super::article_builder::ArticleBuilder;
use super::super::residue::ResidueRules;
use super::super::source_ref::SourceRef;
use super::load_warning::{BinaryEvidence, LoadWarning, WarningKind};
use super::loaded::Loaded;

/// Lines longer than this are kept with a warning.
pub const HUGE_LINE_BYTES: usize = 1024 * 1024;
/// How much of a file is looked at to tell text from binary.
const SNIFF_BYTES: usize = 8 * 1024;
/// A file whose first 8 KiB is more than this percentage control characters and invalid
/// UTF-8 is binary.
const MAX_NON_TEXT_PERCENT: usize = 30;

/// Reads `bytes` (a whole file) as one plain-text article from `source`.
pub fn parse_plain_text(source: SourceRef, bytes: &[u8]) -> Loaded {
    let mut loaded = Loaded {
        bytes: bytes.len() as u64,
        ..Loaded::default()
    };
    if bytes.is_empty() {
        loaded
            .warnings
            .push(LoadWarning::new(source, WarningKind::Empty));
        return loaded;
    }
    if let Some(text) = decode_utf16_with_bom(bytes) {
        let mut loaded = parse_plain_text(source, text.as_bytes());
        loaded.bytes = bytes.len() as u64;
        return loaded;
    }
    // Whole-file validation first: it is the common case, and simdutf8 does it at memory
    // speed (std's validator is the bottleneck on Arabic text, several times slower).
    let valid = simdutf8::basic::from_utf8(bytes).ok();
    if let Some(evidence) = sniff_binary(bytes, valid.is_some()) {
        loaded
            .warnings
            .push(LoadWarning::new(source, WarningKind::Binary(evidence)));
        return loaded;
    }
    let bom = "\u{feff}";
    let valid = valid.map(|text| text.strip_prefix(bom).unwrap_or(text));
    let bytes = bytes.strip_prefix(bom.as_bytes()).unwrap_or(bytes);

    let lines = count_newlines(bytes) + 1;
    let mut builder = ArticleBuilder::with_capacity(source, bytes.len(), lines);
    let mut huge = Vec::new();
    let mut push = |builder: &mut ArticleBuilder, number: usize, line: &str| {
        if line.len() > HUGE_LINE_BYTES {
            huge.push((number, line.len()));
        }
        builder.push_line(number, line.strip_suffix('\r').unwrap_or(line));
    };
    let mut invalid_lines = 0;
    let mut first_invalid = 0;
    match valid {
        Some(text) => {
            // memchr's SIMD search; std's `split('\n')` was 5% of loading time.
            let mut start = 0;
            let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
            for (i, end) in ends.enumerate() {
                push(&mut builder, i + 1, text.get(start..end).unwrap_or(""));
                start = end + 1;
            }
        }
        None => {
            let mut start = 0;
            let ends = memchr::memchr_iter(b'\n', bytes).chain([bytes.len()]);
            for (i, end) in ends.enumerate() {
                let raw = bytes.get(start..end).unwrap_or(b"");
                start = end + 1;
                match std::str::from_utf8(raw) {
                    Ok(line) => push(&mut builder, i + 1, line),
                    Err(_) => {
                        if invalid_lines == 0 {
                            first_invalid = i + 1;
                        }
                        invalid_lines += 1;
                        push(&mut builder, i + 1, &String::from_utf8_lossy(raw));
                    }
                }
            }
        }
    }
    if invalid_lines > 0 {
        loaded.warnings.push(LoadWarning::at_line(
            builder.source().clone(),
            first_invalid,
            WarningKind::InvalidUtf8 {
                lines: invalid_lines,
            },
        ));
    }
    for (line, bytes) in huge {
        loaded.warnings.push(LoadWarning::at_line(
            builder.source().clone(),
            line,
            WarningKind::HugeLine { bytes },
        ));
    }

    builder.strip_residue(ResidueRules::builtin());
    match builder.build() {
        Ok(article) => loaded.articles.push(article),
        Err(source) => loaded
            .warnings
            .push(LoadWarning::new(source, WarningKind::Blank)),
    }
    loaded
}

/// UTF-16 text with a byte order mark (what Windows editors call "Unicode"), decoded; `None`
/// for anything else. Unpaired surrogates and an odd last byte become U+FFFD. Without the
/// check such files would be called binary (they are full of NUL bytes).
fn decode_utf16_with_bom(bytes: &[u8]) -> Option<String> {
    let (body, little_endian) = match bytes {
        [0xff, 0xfe, rest @ ..] => (rest, true),
        [0xfe, 0xff, rest @ ..] => (rest, false),
        _ => return None,
    };
    let units: Vec<u16> = body
        .chunks_exact(2)
        .map(|pair| {
            let pair = [pair[0], pair[1]];
            if little_endian {
                u16::from_le_bytes(pair)
            } else {
                u16::from_be_bytes(pair)
            }
        })
        .collect();
    let mut text = String::from_utf16_lossy(&units);
    if body.len() % 2 == 1 {
        text.push('\u{fffd}');
    }
    Some(text)
}

/// The number of line feeds, to size the paragraph table exactly. Counted in chunks with
/// 8-bit counters so it vectorises 16 or 32 bytes a step (a plain `filter().count()` widens
/// every byte to 64 bits and was a tenth of all loading time).
fn count_newlines(bytes: &[u8]) -> usize {
    bytes
        .chunks(255)
        .map(|chunk| {
            let n = chunk
                .iter()
                .fold(0u8, |n, &b| n.wrapping_add(u8::from(b == b'\n')));
            usize::from(n)
        })
        .sum()
}

/// Evidence that `bytes` is not text, from its first 8 KiB: a NUL byte, or mostly control
/// characters (other than tab, line feed, form feed, carriage return and escape) and invalid
/// UTF-8. `valid_utf8` says the whole of `bytes` is valid UTF-8 (then only C0 controls and
/// DEL are counted, on the bytes, without decoding).
pub(super) fn sniff_binary(bytes: &[u8], valid_utf8: bool) -> Option<BinaryEvidence> {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    // One pass, in chunks small enough for 8-bit counters, so it vectorises: this touches
    // most of every small file.
    let (mut controls, mut chars, mut nul) = (0usize, 0usize, false);
    for chunk in head.chunks(128) {
        let (mut c, mut n, mut z) = (0u8, 0u8, 0u8);
        for &b in chunk {
            let allowed = (b == b'\t') | (b == b'\n') | (b == 0x0c) | (b == b'\r') | (b == 0x1b);
            c += u8::from(((b < 0x20) & !allowed) | (b == 0x7f));
            // Every code point has exactly one byte that is not a continuation byte.
            n += u8::from((b & 0xc0) != 0x80);
            z |= u8::from(b == 0);
        }
        controls += usize::from(c);
        chars += usize::from(n);
        nul |= z != 0;
    }
    if nul {
        let offset = head.iter().position(|&b| b == 0).unwrap_or(0);
        return Some(BinaryEvidence::NulByte { offset });
    }
    if valid_utf8 {
        return non_text_evidence(controls, chars);
    }
    let mut chars = 0usize;
    let mut non_text = 0usize;
    let mut rest = head;
    loop {
        let (valid, error) = match std::str::from_utf8(rest) {
            Ok(s) => (s, None),
            Err(e) => (
                std::str::from_utf8(&rest[..e.valid_up_to()]).unwrap_or(""),
                Some(e),
            ),
        };
        for c in valid.chars() {
            chars += 1;
            let control = c.is_control() && !matches!(c, '\t' | '\n' | '\x0c' | '\r' | '\x1b');
            non_text += usize::from(control);
        }
        let Some(error) = error else { break };
        // `None`: a character cut by the 8 KiB boundary, which is not evidence.
        let Some(bad) = error.error_len() else { break };
        chars += 1;
        non_text += 1;
        rest = &rest[error.valid_up_to() + bad..];
    }
    non_text_evidence(non_text, chars)
}

fn non_text_evidence(non_text: usize, chars: usize) -> Option<BinaryEvidence> {
    let percent = non_text * 100 / chars.max(1);
    (percent > MAX_NON_TEXT_PERCENT).then(|| BinaryEvidence::MostlyNonText {
        percent: u8::try_from(percent).unwrap_or(100),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn src() -> SourceRef {
        SourceRef::File(PathBuf::from("t.txt"))
    }

    fn parse(bytes: &[u8]) -> Loaded {
        parse_plain_text(src(), bytes)
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_text() {
        let text = "عنوان\r\nفقرة أولى\r\n";
        let mut le = vec![0xff, 0xfe];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let mut be = vec![0xfe, 0xff];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        for bytes in [le, be] {
            let l = parse(&bytes);
            assert!(l.warnings.is_empty(), "{:?}", l.warnings);
            assert_eq!(l.bytes, bytes.len() as u64);
            let a = &l.articles[0];
            assert_eq!(a.title(), "عنوان");
            assert_eq!(a.paragraph(0).unwrap().text(), "فقرة أولى");
        }
        // Without a byte order mark it is not guessed at.
        let bare: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert!(parse(&bare).articles.is_empty());
    }

    #[test]
    fn newlines_are_counted_exactly() {
        for len in [0, 1, 254, 255, 256, 1000] {
            let bytes: Vec<u8> = (0..len)
                .map(|i| if i % 3 == 0 { b'\n' } else { b'a' })
                .collect();
            let expected = bytes.iter().filter(|&&b| b == b'\n').count();
            assert_eq!(count_newlines(&bytes), expected, "{len}");
        }
    }

    #[test]
    fn title_then_paragraphs_trimmed_blank_lines_skipped() {
        let l = parse("\u{feff}  العنوان \r\n\r\n فقرة أولى\r\n\tفقرة ثانية \n\n".as_bytes());
        assert!(l.warnings.is_empty(), "{:?}", l.warnings);
        let a = &l.articles[0];
        assert_eq!(a.title(), "العنوان");
        let p: Vec<_> = a.paragraphs().map(|p| (p.text(), p.line())).collect();
        assert_eq!(p, vec![("فقرة أولى", 3), ("فقرة ثانية", 4)]);
        assert_eq!(a.paragraph(1).unwrap().source_column(0), 1);
    }

    #[test]
    fn empty_blank_and_binary_files_are_skipped_with_a_reason() {
        let kind = |b: &[u8]| {
            let l = parse(b);
            assert!(l.articles.is_empty());
            assert_eq!(l.warnings.len(), 1);
            l.warnings[0].kind.clone()
        };
        assert_eq!(kind(b""), WarningKind::Empty);
        assert_eq!(kind(b"  \n\t\n \r\n"), WarningKind::Blank);
        assert_eq!(kind(b"\x1b[0m\n\x07"), WarningKind::Blank);
        assert_eq!(
            kind(b"PNG\x00\x01"),
            WarningKind::Binary(BinaryEvidence::NulByte { offset: 3 })
        );
        let noise: Vec<u8> = (0..4096u32)
            .map(|i| (i * 7 % 256) as u8)
            .filter(|&b| b != 0)
            .collect();
        assert!(matches!(
            kind(&noise),
            WarningKind::Binary(BinaryEvidence::MostlyNonText { .. })
        ));
    }

    #[test]
    fn a_nul_after_the_first_8_kib_is_not_binary() {
        let mut bytes = b"title\n".to_vec();
        bytes.extend(std::iter::repeat_n(b'a', SNIFF_BYTES));
        bytes.extend(b"\n\x00tail");
        let l = parse(&bytes);
        assert_eq!(l.articles.len(), 1);
        assert_eq!(l.articles[0].paragraph(1).unwrap().text(), "tail");
    }

    #[test]
    fn invalid_utf8_is_decoded_lossily_with_one_warning() {
        let l = parse(b"title\nok\nbad \xff here\nalso \xc3 bad");
        assert_eq!(l.articles.len(), 1);
        let texts: Vec<_> = l.articles[0].paragraphs().map(|p| p.text()).collect();
        assert_eq!(texts, vec!["ok", "bad \u{fffd} here", "also \u{fffd} bad"]);
        assert_eq!(
            l.warnings,
            vec![LoadWarning::at_line(
                src(),
                3,
                WarningKind::InvalidUtf8 { lines: 2 }
            )]
        );
    }

    #[test]
    fn huge_lines_are_kept_with_a_warning() {
        let mut bytes = b"title\n".to_vec();
        bytes.extend(std::iter::repeat_n(b'x', HUGE_LINE_BYTES + 1));
        let l = parse(&bytes);
        assert_eq!(
            l.articles[0].paragraph(0).unwrap().text().len(),
            HUGE_LINE_BYTES + 1
        );
        assert_eq!(
            l.warnings,
            vec![LoadWarning::at_line(
                src(),
                2,
                WarningKind::HugeLine {
                    bytes: HUGE_LINE_BYTES + 1
                }
            )]
        );
    }

    #[test]
    fn trailing_residue_is_dropped() {
        let l = parse("عنوان\nنص.\n\nشاركها.\nExit mobile version\n".as_bytes());
        let a = &l.articles[0];
        assert_eq!(
            a.paragraphs().map(|p| p.text()).collect::<Vec<_>>(),
            ["نص."]
        );
    }

    #[test]
    fn escape_sequences_never_reach_the_store() {
        let l = parse(b"\x1b]0;pwned\x07Title\nbody \x1b]52;c;Y3VybA==\x07text\x9b\n");
        let a = &l.articles[0];
        assert_eq!(a.title(), "Title");
        assert_eq!(a.paragraph(0).unwrap().text(), "body text\u{fffd}");
    }
}
