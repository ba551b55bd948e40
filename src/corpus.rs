//! A deterministic generator of realistic news articles, for benchmarks and scale tests.
//!
//! Owns: making `N` distinct articles from a seed number — Arabic prose built from the
//! vocabulary of the embedded seed articles, with varied lengths (a few lines to long
//! features), harakat on some words, actors drawn from the whole built-in lexicon (in Arabic,
//! and in Latin script inside English passages), Western and Arabic-Indic numbers, dates,
//! percentages, quotes and brackets, and about one article in ten mostly in English. The same
//! seed always gives the same articles, byte for byte, on every machine.
//!
//! Imports std and the store's seeds and the actors' lexicon (for names); nothing of the UI.
//! Used by `examples/corpus.rs` (writes a folder) and by the benchmarks (in memory).

use std::fs;
use std::io;
use std::path::Path;

use crate::actors::Lexicon;
use crate::store::load::SEEDS;

/// Articles per sub-folder when writing a corpus to disk.
const FILES_PER_FOLDER: usize = 1_000;

/// Harakat put on words now and then: fatha, damma, kasra, sukun, shadda, tanwin fath.
const HARAKAT: [char; 6] = [
    '\u{064E}', '\u{064F}', '\u{0650}', '\u{0652}', '\u{0651}', '\u{064B}',
];

/// English filler for the Latin passages.
const ENGLISH: &[&str] = &[
    "said",
    "on",
    "Monday",
    "Tuesday",
    "that",
    "the",
    "talks",
    "would",
    "continue",
    "in",
    "a",
    "statement",
    "officials",
    "told",
    "reporters",
    "after",
    "meeting",
    "with",
    "government",
    "ceasefire",
    "agreement",
    "was",
    "not",
    "expected",
    "before",
    "next",
    "week",
    "according",
    "to",
    "sources",
    "familiar",
    "the",
    "matter",
    "and",
    "security",
    "council",
    "vote",
    "aid",
    "convoy",
    "border",
    "crossing",
    "prices",
    "rose",
    "percent",
    "year",
    "election",
    "minister",
];

/// Arabic connectives that open sentences, so the prose reads like news.
const OPENERS: &[&str] = &[
    "وقال",
    "وأضاف",
    "وأكد",
    "وأشار",
    "من جهته،",
    "في المقابل،",
    "وبحسب",
    "وفي وقت سابق،",
    "ونقلت وكالة",
    "وأعلن",
    "ويأتي ذلك",
    "وكان",
];

/// Splits a SplitMix64 stream into the choices the generator makes.
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and the same everywhere.
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        ((self.next() >> 11) % n as u64) as usize
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    /// An index in `0..n` skewed towards small values (frequent words first), roughly Zipf.
    fn skewed(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((u * u * u) * n as f64) as usize % n.max(1)
    }
}

/// The generator: vocabulary and names, read once; articles are then made by number.
#[derive(Debug, Clone)]
pub struct Corpus {
    seed: u64,
    /// Arabic words from the seeds, most frequent first.
    words: Vec<String>,
    /// Arabic names of lexicon actors.
    arabic_names: Vec<String>,
    /// English names of lexicon actors.
    latin_names: Vec<String>,
}

impl Corpus {
    /// A generator whose articles depend only on `seed`.
    pub fn new(seed: u64) -> Corpus {
        let lexicon = Lexicon::built_in().unwrap_or_else(|_| Lexicon::empty());
        let arabic_names = lexicon
            .actors()
            .iter()
            .filter_map(|a| a.name.ar.clone())
            .collect();
        let latin_names = lexicon
            .actors()
            .iter()
            .filter_map(|a| a.name.en.clone())
            .collect();
        Corpus {
            seed,
            words: seed_vocabulary(),
            arabic_names,
            latin_names,
        }
    }

    /// Article number `index`: a title line, then one paragraph per line, as a plain-text
    /// source file would hold it.
    pub fn article(&self, index: usize) -> String {
        let mut rng = Rng(self.seed ^ (index as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
        rng.next();
        let english = rng.chance(10);
        // Lengths: most articles are news items of 4–15 paragraphs; some are long features.
        let paragraphs = match rng.below(10) {
            0 => 1 + rng.below(3),
            1..=7 => 4 + rng.below(12),
            _ => 15 + rng.below(20),
        };
        let mut text = String::with_capacity(paragraphs * 420);
        if english {
            {
                let n = 6 + rng.below(8);
                self.english_sentence(&mut rng, &mut text, n)
            };
        } else {
            {
                let n = 5 + rng.below(9);
                self.arabic_sentence(&mut rng, &mut text, n)
            };
        }
        text.push('\n');
        for _ in 0..paragraphs {
            let sentences = 1 + rng.below(3);
            for s in 0..sentences {
                if s > 0 {
                    text.push(' ');
                }
                if english != rng.chance(8) {
                    {
                        let n = 12 + rng.below(25);
                        self.english_sentence(&mut rng, &mut text, n)
                    };
                } else {
                    {
                        let n = 12 + rng.below(30);
                        self.arabic_sentence(&mut rng, &mut text, n)
                    };
                }
            }
            text.push('\n');
        }
        text
    }

    /// Writes articles `0..count` under `dir`, in sub-folders of a thousand files, and
    /// returns the bytes written.
    pub fn write_dir(&self, dir: &Path, count: usize) -> io::Result<u64> {
        let mut total = 0;
        for index in 0..count {
            let folder = dir.join(format!("{:03}", index / FILES_PER_FOLDER));
            if index % FILES_PER_FOLDER == 0 {
                fs::create_dir_all(&folder)?;
            }
            let text = self.article(index);
            fs::write(folder.join(format!("{index:07}.txt")), &text)?;
            total += text.len() as u64;
        }
        Ok(total)
    }

    fn arabic_sentence(&self, rng: &mut Rng, out: &mut String, words: usize) {
        if rng.chance(40) {
            out.push_str(OPENERS[rng.below(OPENERS.len())]);
            out.push(' ');
        }
        for w in 0..words {
            if w > 0 {
                out.push(' ');
            }
            match rng.below(100) {
                0..=8 if !self.arabic_names.is_empty() => {
                    out.push_str(&self.arabic_names[rng.below(self.arabic_names.len())]);
                }
                9 if !self.latin_names.is_empty() => {
                    // A Latin name in brackets after an Arabic word, as agencies write them.
                    out.push('(');
                    out.push_str(&self.latin_names[rng.below(self.latin_names.len())]);
                    out.push(')');
                }
                10 | 11 => push_number(rng, out),
                12 => {
                    out.push('«');
                    self.push_word(rng, out);
                    out.push(' ');
                    self.push_word(rng, out);
                    out.push('»');
                }
                _ => self.push_word(rng, out),
            }
        }
        out.push_str(if rng.chance(10) { "؟" } else { "." });
    }

    fn english_sentence(&self, rng: &mut Rng, out: &mut String, words: usize) {
        for w in 0..words {
            if w > 0 {
                out.push(' ');
            }
            match rng.below(100) {
                0..=7 if !self.latin_names.is_empty() => {
                    out.push_str(&self.latin_names[rng.below(self.latin_names.len())]);
                }
                8 if !self.arabic_names.is_empty() => {
                    out.push_str(&self.arabic_names[rng.below(self.arabic_names.len())]);
                }
                9 => push_number(rng, out),
                _ => out.push_str(ENGLISH[rng.skewed(ENGLISH.len())]),
            }
        }
        out.push('.');
    }

    fn push_word(&self, rng: &mut Rng, out: &mut String) {
        let Some(word) = self.words.get(rng.skewed(self.words.len())) else {
            out.push_str("خبر");
            return;
        };
        if !rng.chance(8) {
            out.push_str(word);
            return;
        }
        // Harakat on a few letters, as in quotations and careful copy.
        for c in word.chars() {
            out.push(c);
            if ('\u{0621}'..='\u{064A}').contains(&c) && rng.chance(35) {
                out.push(HARAKAT[rng.below(HARAKAT.len())]);
            }
        }
    }
}

/// A number as news writes them: counts, years, dates, percentages, in Western or
/// Arabic-Indic digits.
fn push_number(rng: &mut Rng, out: &mut String) {
    let text = match rng.below(5) {
        0 => format!("{}", 1 + rng.below(999)),
        1 => format!("{}", 1990 + rng.below(37)),
        2 => format!(
            "{}/{}/{}",
            1 + rng.below(28),
            1 + rng.below(12),
            2000 + rng.below(27)
        ),
        3 => format!("{}%", rng.below(100)),
        _ => format!("{}.{}", rng.below(1000), rng.below(10)),
    };
    if rng.chance(30) {
        // Arabic-Indic digits.
        out.extend(text.chars().map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32(0x0660 + d).unwrap_or(c),
            None => c,
        }));
    } else {
        out.push_str(&text);
    }
}

/// The Arabic words of the seed articles, most frequent first (ties by first appearance, so
/// the order is deterministic).
fn seed_vocabulary() -> Vec<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    let mut index = std::collections::HashMap::new();
    for (_, bytes) in SEEDS {
        let text = String::from_utf8_lossy(bytes);
        for raw in text.split_whitespace() {
            let word: String = raw
                .chars()
                .filter(|c| ('\u{0621}'..='\u{064A}').contains(c))
                .collect();
            if word.chars().count() < 2 {
                continue;
            }
            let slot = *index.entry(word.clone()).or_insert_with(|| {
                counts.push((word, 0));
                counts.len() - 1
            });
            counts[slot].1 += 1;
        }
    }
    counts.sort_by_key(|(_, count)| std::cmp::Reverse(*count)); // stable: ties keep first appearance
    counts.into_iter().map(|(word, _)| word).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_articles_other_seed_other_articles() {
        let a = Corpus::new(7);
        let b = Corpus::new(7);
        let c = Corpus::new(8);
        for i in [0, 1, 99, 12_345] {
            assert_eq!(a.article(i), b.article(i));
            assert_ne!(a.article(i), c.article(i));
        }
    }

    #[test]
    fn articles_are_varied_and_realistic() {
        let corpus = Corpus::new(1);
        let articles: Vec<String> = (0..500).map(|i| corpus.article(i)).collect();
        let distinct: std::collections::HashSet<&String> = articles.iter().collect();
        assert_eq!(distinct.len(), 500, "no two articles alike");
        let lengths: Vec<usize> = articles.iter().map(String::len).collect();
        let (min, max) = (lengths.iter().min().unwrap(), lengths.iter().max().unwrap());
        assert!(*max > 10 * *min, "lengths vary: {min}..{max}");
        let mean = lengths.iter().sum::<usize>() / lengths.len();
        assert!((3_000..12_000).contains(&mean), "mean {mean} bytes");
        let all: String = articles.concat();
        assert!(all.chars().any(|c| HARAKAT.contains(&c)), "harakat");
        assert!(all.chars().any(|c| ('\u{0660}'..='\u{0669}').contains(&c)));
        assert!(all.contains("Vladimir Putin") || all.contains("Antonio Guterres"));
        let english = articles
            .iter()
            .filter(|a| a.lines().next().is_some_and(|t| t.is_ascii()))
            .count();
        assert!(
            (20..100).contains(&english),
            "{english} English titles of 500"
        );
        assert!(articles.iter().all(|a| !a.contains('\u{1b}')));
    }

    #[test]
    fn many_different_actors_are_named() {
        let corpus = Corpus::new(3);
        let text: String = (0..300).map(|i| corpus.article(i)).collect();
        let named = corpus
            .arabic_names
            .iter()
            .filter(|name| text.contains(name.as_str()))
            .count();
        assert!(
            named > 500,
            "{named} distinct Arabic actor names in 300 articles"
        );
    }

    #[test]
    fn writes_a_folder_that_loads() {
        let dir = tempfile::tempdir().unwrap();
        let bytes = Corpus::new(5).write_dir(dir.path(), 1_200).unwrap();
        let (articles, warnings) =
            crate::store::load_all(&[crate::store::Source::Path(dir.path().to_path_buf())]);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(articles.len(), 1_200);
        let text: usize = articles.iter().map(|a| a.text_len()).sum();
        assert!(text as u64 <= bytes && text as u64 > bytes * 9 / 10);
    }
}
