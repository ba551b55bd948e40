//! Language hints: which language codes are written right to left.
//!
//! Owns: the one list of right-to-left languages, used by the catalog (an article's
//! direction) and the reader (the direction of paragraphs with no strong letter). Imports
//! nothing.

/// True for codes of languages written right to left: Arabic, Persian, Urdu, Hebrew (also
/// its old code `iw`), Pashto, Sindhi, Uyghur, Yiddish, Dhivehi, Sorani Kurdish and Syriac,
/// with or without a region (`ar-EG`, `ps_AF`), in any case. A script subtag wins over the
/// language: `ku-Arab` and `uz-Arab` are right to left, `ug-Latn` is not.
pub fn is_rtl_language(code: &str) -> bool {
    let mut parts = code.trim().split(['-', '_']);
    let primary = parts.next().unwrap_or("").to_ascii_lowercase();
    for subtag in parts {
        if subtag.len() == 4 {
            match subtag.to_ascii_lowercase().as_str() {
                "arab" | "hebr" | "thaa" | "syrc" | "nkoo" | "adlm" | "rohg" => return true,
                "latn" | "cyrl" => return false,
                _ => {}
            }
        }
    }
    matches!(
        primary.as_str(),
        "ar" | "fa" | "ur" | "he" | "iw" | "ps" | "sd" | "ug" | "yi" | "dv" | "ckb" | "syr"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn right_to_left_codes() {
        for code in [
            "ar", "AR", "ar-EG", "fa", "fa-IR", "ur", "ur_PK", "he", "iw", "ps", "sd", "ug", "yi",
            "dv", "ckb", "syr", "ku-Arab", " ar ",
        ] {
            assert!(is_rtl_language(code), "{code}");
        }
        for code in [
            "en",
            "en-US",
            "fr",
            "tr",
            "",
            "ku",
            "uz-Arab-x",
            "ug-Latn",
            "arn",
            "hel",
        ] {
            let expected = code == "uz-Arab-x";
            assert_eq!(is_rtl_language(code), expected, "{code}");
        }
    }
}
