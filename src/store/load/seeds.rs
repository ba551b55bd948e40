//! The seed articles: five Arabic news articles built into the binary, shown when the reader
//! is given no source.
//!
//! Owns: the embedded copies of `seeds/*.txt` (the binary never needs those files at run
//! time). Imports std and the store's own types.

use super::super::source_ref::SourceRef;
use super::loaded::Loaded;
use super::plain_text::parse_plain_text;

/// The seeds, by name (their file stem), in file-name order.
pub const SEEDS: [(&str, &[u8]); 5] = [
    (
        "000_3ed9818d08fa67ef",
        include_bytes!("../../../seeds/000_3ed9818d08fa67ef.txt"),
    ),
    (
        "001_d658753dde14569f",
        include_bytes!("../../../seeds/001_d658753dde14569f.txt"),
    ),
    (
        "002_da240b10efe9935a",
        include_bytes!("../../../seeds/002_da240b10efe9935a.txt"),
    ),
    (
        "003_bbd0f24a46bbe061",
        include_bytes!("../../../seeds/003_bbd0f24a46bbe061.txt"),
    ),
    (
        "004_8a44721905b9b7bd",
        include_bytes!("../../../seeds/004_8a44721905b9b7bd.txt"),
    ),
];

/// The language of every seed.
const SEED_LANGUAGE: &str = "ar";

/// Loads seed `index` (0-based, see [`SEEDS`]); nothing for an index past the end.
pub fn load_seed(index: usize) -> Loaded {
    let Some(&(name, bytes)) = SEEDS.get(index) else {
        return Loaded::default();
    };
    let mut loaded = parse_plain_text(SourceRef::Seed(name), bytes);
    for article in &mut loaded.articles {
        article.meta.language = Some(SEED_LANGUAGE.to_string());
    }
    loaded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_seed_loads_cleanly() {
        for (i, (name, _)) in SEEDS.iter().enumerate() {
            let loaded = load_seed(i);
            assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
            assert_eq!(loaded.articles.len(), 1);
            let a = &loaded.articles[0];
            assert!(a.paragraph_count() >= 10, "{}", a.paragraph_count());
            assert_eq!(a.language(), Some("ar"));
            assert_eq!(a.source().to_string(), format!("seed:{name}"));
        }
        assert!(load_seed(SEEDS.len()).articles.is_empty());
    }

    #[test]
    fn seed_003_loses_its_share_residue() {
        let a = &load_seed(3).articles[0];
        let last = a.paragraphs().last().unwrap();
        assert!(
            last.text().starts_with("“نحن لا نضع الظروف"),
            "{}",
            last.text()
        );
        assert_eq!(last.line(), 37);
    }

    #[test]
    fn seeds_keep_their_last_paragraph() {
        let last = |i: usize| {
            let a = &load_seed(i).articles[0];
            a.paragraphs().last().unwrap().text().to_string()
        };
        assert_eq!(
            last(0),
            "وقال إن 53000 جندي روسي كانوا متورطين في عملية سومي."
        );
        assert!(last(4).starts_with("في ذلك الوقت"));
    }

    #[test]
    fn titles_are_first_lines_and_not_repeated() {
        let a = &load_seed(1).articles[0];
        assert!(a.title().starts_with("يقول الرئيس الروسي"));
        assert_ne!(a.paragraph(0).unwrap().text(), a.title());
        assert_eq!(a.paragraph(0).unwrap().line(), 2);
    }
}
