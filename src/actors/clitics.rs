//! Arabic proclitics written before a name, and the marks that may stand between a detached
//! clitic and its name. All inputs are normalised text. Imports only std.

/// Conjunctions that may open a proclitic sequence (و ف), as UTF-8.
const CONJUNCTIONS: [[u8; 2]; 2] = [[0xD9, 0x88], [0xD9, 0x81]];
/// Prepositions that may follow the conjunction (ب ل ك), as UTF-8.
const PREPOSITIONS: [[u8; 2]; 3] = [[0xD8, 0xA8], [0xD9, 0x84], [0xD9, 0x83]];

/// True when `prefix` is a whole, non-empty proclitic sequence: an optional conjunction (و ف)
/// then an optional preposition (ب ل ك), as in و، ب، وب، فل، وك.
pub(crate) fn is_proclitic_sequence(prefix: &str) -> bool {
    // Called at every word start by the matcher and the proposer: all five letters are two
    // bytes, so compare bytes (decoding characters was 6% of `sahifa list`'s instructions).
    match prefix.as_bytes() {
        [a, b] => CONJUNCTIONS.contains(&[*a, *b]) || PREPOSITIONS.contains(&[*a, *b]),
        [a, b, c, d] => CONJUNCTIONS.contains(&[*a, *b]) && PREPOSITIONS.contains(&[*c, *d]),
        _ => false,
    }
}

/// Every proclitic sequence [`is_proclitic_sequence`] accepts: the five single letters, then
/// each conjunction with each preposition.
pub(crate) fn proclitic_sequences() -> impl Iterator<Item = String> {
    let letter = |bytes: [u8; 2]| String::from_utf8(bytes.to_vec()).expect("UTF-8 letters");
    let singles = CONJUNCTIONS.into_iter().chain(PREPOSITIONS).map(letter);
    let doubles = CONJUNCTIONS.into_iter().flat_map(move |conjunction| {
        PREPOSITIONS
            .into_iter()
            .map(move |preposition| letter(conjunction) + &letter(preposition))
    });
    singles.chain(doubles)
}

/// True when `prefix` is the preposition ل, optionally after و or ف: the prefix that fuses with
/// a name's article (ل + الولايات → للولايات).
pub(crate) fn is_lam_fusion_prefix(prefix: &str) -> bool {
    matches!(prefix, "ل" | "ول" | "فل")
}

/// Quotation marks that may sit between a clitic and a quoted name (لـ«الناتو», ل"الناتو").
pub(crate) fn is_quotation_mark(character: char) -> bool {
    matches!(
        character,
        '"' | '\'' | '«' | '»' | '“' | '”' | '„' | '‘' | '’' | '‹' | '›'
    )
}

/// The fused form of a name that starts with the article ال, as written after the preposition
/// ل: the article's alef drops (الولايات → لولايات, read after ل as للولايات), and before a
/// name that itself starts with ل the article's lam drops too (اللاذقية → لاذقية, للاذقية).
pub(crate) fn lam_fused_form(normalized_name: &str) -> Option<&str> {
    let after_article = normalized_name.strip_prefix("ال")?;
    if after_article.is_empty() {
        return None;
    }
    if after_article.starts_with('ل') {
        Some(after_article)
    } else {
        normalized_name.strip_prefix('ا')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_tables_spell_the_proclitic_letters() {
        let spelled = |table: &[[u8; 2]]| -> Vec<String> {
            table
                .iter()
                .map(|bytes| String::from_utf8(bytes.to_vec()).expect("UTF-8"))
                .collect()
        };
        assert_eq!(spelled(&CONJUNCTIONS), ["و", "ف"]);
        assert_eq!(spelled(&PREPOSITIONS), ["ب", "ل", "ك"]);
    }

    #[test]
    fn single_proclitics_are_sequences() {
        for prefix in ["و", "ف", "ب", "ل", "ك"] {
            assert!(is_proclitic_sequence(prefix), "{prefix}");
        }
    }

    #[test]
    fn conjunction_then_preposition_is_a_sequence() {
        for prefix in ["وب", "ول", "وك", "فب", "فل", "فك"] {
            assert!(is_proclitic_sequence(prefix), "{prefix}");
        }
    }

    #[test]
    fn the_listed_sequences_are_exactly_those_accepted() {
        let listed: Vec<String> = proclitic_sequences().collect();
        assert_eq!(listed.len(), 11);
        let arabic = || ('\u{0621}'..='\u{064A}').map(String::from);
        let accepted: Vec<String> = arabic()
            .chain(arabic().flat_map(|first| arabic().map(move |second| first.clone() + &second)))
            .filter(|prefix| is_proclitic_sequence(prefix))
            .collect();
        let mut sorted = listed.clone();
        sorted.sort();
        let mut accepted_sorted = accepted;
        accepted_sorted.sort();
        assert_eq!(sorted, accepted_sorted);
    }

    #[test]
    fn other_prefixes_are_not_sequences() {
        for prefix in [
            "", "ال", "بو", "لو", "وو", "وف", "بل", "لل", "وبل", "س", "ا",
        ] {
            assert!(!is_proclitic_sequence(prefix), "{prefix}");
        }
    }

    #[test]
    fn lam_fusion_prefix_is_lam_with_an_optional_conjunction() {
        for prefix in ["ل", "ول", "فل"] {
            assert!(is_lam_fusion_prefix(prefix), "{prefix}");
        }
        for prefix in ["", "و", "ب", "لل", "بل"] {
            assert!(!is_lam_fusion_prefix(prefix), "{prefix}");
        }
    }

    #[test]
    fn lam_fused_form_drops_the_article_alef() {
        assert_eq!(lam_fused_form("الولايات المتحده"), Some("لولايات المتحده"));
        assert_eq!(lam_fused_form("الكرملين"), Some("لكرملين"));
    }

    #[test]
    fn lam_fused_form_drops_the_whole_article_before_a_lam() {
        assert_eq!(lam_fused_form("اللاذقيه"), Some("لاذقيه"));
    }

    #[test]
    fn names_without_the_article_have_no_fused_form() {
        assert_eq!(lam_fused_form("روسيا"), None);
        assert_eq!(lam_fused_form("ال"), None);
    }

    #[test]
    fn quotation_marks_of_both_scripts_are_recognised() {
        for mark in ['"', '«', '»', '“', '”'] {
            assert!(is_quotation_mark(mark));
        }
        assert!(!is_quotation_mark('-'));
    }
}
