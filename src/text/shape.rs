//! Step 4: Arabic shaping for grid terminals — letters become their presentation forms
//! (Forms-B, and Forms-A for Persian and Urdu letters), lam + alef becomes one ligature cell.
//!
//! Joining follows the Unicode joining types (ArabicShaping.txt via `unicode-joining-type`):
//! marks are transparent, tatweel and ZWJ cause joining, and letters join only with neighbours
//! at the same embedding level (as FriBidi does), so an embedded run never joins across its
//! boundary. Marks stay after their base letter.
//!
//! Where we differ from FriBidi on purpose: lam + marks + alef (عاملًا) still forms the
//! ligature, with the marks after it. FriBidi ligates only when lam and alef are adjacent;
//! Arabic readers do not accept a broken lam-alef.

use std::sync::OnceLock;

use unicode_bidi::Level;
use unicode_joining_type::JoiningType;

use super::bidi_data::joining_type as get_joining_type;

use super::shape_table::FORMS;

const LAM: char = '\u{0644}';

/// One character of shaped text and the sanitised-text bytes it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CharSource {
    /// Byte offset of the character in the shaped text.
    pub at: usize,
    /// Byte range in the sanitised text (a ligature covers lam through alef).
    pub start: usize,
    pub end: usize,
}

/// Shaped text in logical order, with where each character came from.
#[derive(Debug, Clone)]
pub struct Shaped {
    pub text: String,
    pub sources: Vec<CharSource>,
}

/// The lam-alef ligature for `alef`: (isolated, final), if `alef` is one of the alefs.
fn lam_alef(alef: char) -> Option<(char, char)> {
    match alef {
        '\u{0622}' => Some(('\u{fef5}', '\u{fef6}')),
        '\u{0623}' => Some(('\u{fef7}', '\u{fef8}')),
        '\u{0625}' => Some(('\u{fef9}', '\u{fefa}')),
        '\u{0627}' => Some(('\u{fefb}', '\u{fefc}')),
        _ => None,
    }
}

#[derive(Clone, Copy)]
enum Form {
    Isolated = 0,
    Final = 1,
    Initial = 2,
    Medial = 3,
}

/// The four forms of a letter (isolated, final, initial, medial), `c` itself where Unicode
/// defines none.
fn forms_of(c: char) -> [char; 4] {
    let cp = c as u32;
    let Some(&(_, isolated, final_form, initial, medial)) = FORMS
        .binary_search_by_key(&cp, |row| row.0)
        .ok()
        .map(|i| &FORMS[i])
    else {
        return [c; 4];
    };
    [isolated, final_form, initial, medial]
        .map(|code| char::from_u32(code).filter(|_| code != 0).unwrap_or(c))
}

/// The presentation form of `c`, or `c` itself where Unicode defines none: by index for the
/// Arabic block (the forms worked out once), by binary search elsewhere.
fn presentation_form(c: char, form: Form) -> char {
    static ARABIC_BLOCK: OnceLock<Vec<[char; 4]>> = OnceLock::new();
    let cp = c as u32;
    let forms = if (0x0600..0x0700).contains(&cp) {
        ARABIC_BLOCK.get_or_init(|| {
            (0x0600..0x0700)
                .map(|cp| char::from_u32(cp).map_or(['\0'; 4], forms_of))
                .collect()
        })[(cp - 0x0600) as usize]
    } else {
        forms_of(c)
    };
    forms[form as usize]
}

fn joins_on_following_side(t: JoiningType) -> bool {
    matches!(
        t,
        JoiningType::DualJoining | JoiningType::LeftJoining | JoiningType::JoinCausing
    )
}

fn joins_on_preceding_side(t: JoiningType) -> bool {
    matches!(
        t,
        JoiningType::DualJoining | JoiningType::RightJoining | JoiningType::JoinCausing
    )
}

/// Does `text` contain anything shaping would change? (A fast path for Latin and Hebrew.)
fn has_joining_letters(text: &str) -> bool {
    text.chars().any(|c| {
        ('\u{0600}'..='\u{08ff}').contains(&c)
            && matches!(
                get_joining_type(c),
                JoiningType::DualJoining | JoiningType::RightJoining
            )
    })
}

/// Shape `text` (sanitised, logical order). `level_at(byte)` gives each character's
/// embedding level; letters join only with same-level neighbours.
pub fn shape(text: &str, level_at: impl Fn(usize) -> Level) -> Shaped {
    if !has_joining_letters(text) {
        return Shaped {
            text: text.to_owned(),
            sources: text
                .char_indices()
                .map(|(at, c)| CharSource {
                    at,
                    start: at,
                    end: at + c.len_utf8(),
                })
                .collect(),
        };
    }
    // Each character with its byte offset and joining type.
    let mut chars: Vec<(usize, char, JoiningType)> = Vec::with_capacity(text.len() / 2 + 1);
    chars.extend(
        text.char_indices()
            .map(|(at, c)| (at, c, get_joining_type(c))),
    );
    // The joining neighbour: the nearest character that is not transparent, if it is at the
    // same level.
    let same_level = |k: usize, i: usize| level_at(chars[k].0) == level_at(chars[i].0);
    let next_neighbour = |i: usize| -> Option<usize> {
        let k = i
            + 1
            + chars[i + 1..]
                .iter()
                .position(|&(_, _, t)| t != JoiningType::Transparent)?;
        same_level(k, i).then_some(k)
    };

    let mut out = String::with_capacity(text.len() + 8);
    let mut sources = Vec::with_capacity(chars.len());
    // The last character before `i` that is not transparent: the preceding neighbour.
    let mut last_solid: Option<usize> = None;
    let mut i = 0;
    while i < chars.len() {
        let (at, c, t) = chars[i];
        let joinable = matches!(t, JoiningType::DualJoining | JoiningType::RightJoining);
        if !joinable {
            sources.push(CharSource {
                at: out.len(),
                start: at,
                end: at + c.len_utf8(),
            });
            out.push(c);
            if t != JoiningType::Transparent {
                last_solid = Some(i);
            }
            i += 1;
            continue;
        }
        let prev = last_solid.filter(|&p| same_level(p, i));
        let joins_prev =
            joins_on_preceding_side(t) && prev.is_some_and(|p| joins_on_following_side(chars[p].2));
        let next = next_neighbour(i);

        if c == LAM
            && let Some(alef_index) = next
            && let Some((isolated, final_form)) = lam_alef(chars[alef_index].1)
            // Only marks may stand between them: they move after the ligature. A bidi
            // control or other invisible character there keeps the pair apart, as in FriBidi.
            && chars[i + 1..alef_index]
                .iter()
                .all(|&(_, between, _)| super::cluster::is_attaching_mark(between))
        {
            let ligature = if joins_prev { final_form } else { isolated };
            let (alef_at, alef, _) = chars[alef_index];
            sources.push(CharSource {
                at: out.len(),
                start: at,
                end: alef_at + alef.len_utf8(),
            });
            out.push(ligature);
            // Marks that sat between lam and alef follow the ligature.
            for &(mark_at, mark, _) in &chars[i + 1..alef_index] {
                sources.push(CharSource {
                    at: out.len(),
                    start: mark_at,
                    end: mark_at + mark.len_utf8(),
                });
                out.push(mark);
            }
            // The alef is what the next letter sees before it (the marks are transparent).
            last_solid = Some(alef_index);
            i = alef_index + 1;
            continue;
        }

        let joins_next =
            joins_on_following_side(t) && next.is_some_and(|n| joins_on_preceding_side(chars[n].2));
        let form = match (joins_prev, joins_next) {
            (true, true) => Form::Medial,
            (true, false) => Form::Final,
            (false, true) => Form::Initial,
            (false, false) => Form::Isolated,
        };
        sources.push(CharSource {
            at: out.len(),
            start: at,
            end: at + c.len_utf8(),
        });
        out.push(presentation_form(c, form));
        last_solid = Some(i);
        i += 1;
    }
    Shaped { text: out, sources }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shaped(s: &str) -> String {
        shape(s, |_| Level::rtl()).text
    }

    #[test]
    fn letters_take_their_positional_forms() {
        // ب ي ت: initial, medial, final.
        assert_eq!(shaped("بيت"), "\u{fe91}\u{fef4}\u{fe96}");
        assert_eq!(shaped("ب"), "\u{fe8f}");
        // د joins only to the preceding letter: the ر after it starts afresh.
        assert_eq!(shaped("بدر"), "\u{fe91}\u{feaa}\u{fead}");
    }

    #[test]
    fn marks_are_transparent_and_stay_after_their_letter() {
        assert_eq!(shaped("بَيْت"), "\u{fe91}\u{064e}\u{fef4}\u{0652}\u{fe96}");
    }

    #[test]
    fn lam_alef_is_one_ligature() {
        assert_eq!(shaped("لا"), "\u{fefb}");
        assert_eq!(shaped("سلام"), "\u{feb3}\u{fefc}\u{fee1}");
        assert_eq!(shaped("لأن"), "\u{fef7}\u{fee5}");
        assert_eq!(shaped("لإ"), "\u{fef9}");
        assert_eq!(shaped("لآ"), "\u{fef5}");
    }

    #[test]
    fn lam_mark_alef_still_ligates_with_the_mark_after() {
        // عاملًا: lam, tanwin fath, alef. FriBidi leaves lam and alef apart here; we do not.
        let s = shape("عملًا", |_| Level::rtl());
        assert_eq!(s.text, "\u{fecb}\u{fee4}\u{fefc}\u{064b}");
        let lig = s.sources[2];
        assert_eq!((lig.start, lig.end), ("عم".len(), "عملًا".len()));
    }

    #[test]
    fn an_invisible_character_between_lam_and_alef_prevents_the_ligature() {
        // RLM and WORD JOINER are transparent to joining, but cannot follow a ligature.
        assert_eq!(shaped("ل\u{200f}ا"), "\u{fedf}\u{200f}\u{fe8e}");
        assert_eq!(
            shaped("ل\u{2060}\u{064e}ا"),
            "\u{fedf}\u{2060}\u{064e}\u{fe8e}"
        );
    }

    #[test]
    fn zwj_and_tatweel_cause_joining() {
        assert_eq!(shaped("\u{200d}لا"), "\u{200d}\u{fefc}");
        assert_eq!(shaped("بـ"), "\u{fe91}ـ");
    }

    #[test]
    fn persian_and_urdu_letters_use_forms_a() {
        // پ گ ی: Persian peh, gaf, farsi yeh.
        assert_eq!(shaped("پگی"), "\u{fb58}\u{fb95}\u{fbfd}");
        assert_eq!(shaped("کی"), "\u{fb90}\u{fbfd}");
    }

    #[test]
    fn hebrew_and_latin_are_untouched() {
        assert_eq!(shaped("שלום abc"), "שלום abc");
    }

    #[test]
    fn no_joining_across_levels() {
        let text = "بب";
        let s = shape(text, |b| {
            if b == 0 {
                Level::rtl()
            } else {
                Level::new(3).unwrap()
            }
        });
        assert_eq!(s.text, "\u{fe8f}\u{fe8f}");
    }

    #[test]
    fn lone_marks_and_odd_input_do_not_panic() {
        assert_eq!(shaped("\u{064e}"), "\u{064e}");
        assert_eq!(shaped("ل\u{200d}"), "\u{fedf}\u{200d}");
        assert_eq!(shaped(""), "");
    }
}
