//! Full-text search of articles: a query, and where it occurs in an article's title and
//! paragraphs. Knows nothing of the UI.
//!
//! Text is searched in logical order and through the matcher's normalisation (see
//! [`crate::actors::NormalizedText`]): harakat, tatweel and invisible marks do not count, the
//! alef forms, alef maqsura, taa marbuta and the Persian letters are folded, Latin is matched
//! without case and any run of whitespace is one space. So «احمد» finds «أَحْمَد», and «Trump»
//! finds «TRUMP». A query matches anywhere inside a word (a proclitic or a suffix does not
//! hide it). Imports `store` and `actors`.

use std::ops::Range;

use crate::actors::{NormalizedText, normalize};
use crate::store::{Article, Store};

/// Below this many bytes of text per core, [`Query::matching`] searches on one thread: a
/// thread costs tens of microseconds to start, about what 16 KiB take to search.
const PARALLEL_SHARE_BYTES: usize = 256 * 1024;

/// What a person asked to find, as typed and as matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    typed: String,
    normalized: String,
}

/// One occurrence of a query: its block (0 = title, `i + 1` = body paragraph `i`) and its
/// byte range in that block's text as stored (marks on its last letter included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// 0 for the title, `i + 1` for body paragraph `i`.
    pub block: usize,
    /// Bytes of the block's text.
    pub range: Range<usize>,
}

impl Query {
    /// The query for `typed`; `None` when nothing is left to match once it is normalised
    /// (blank, or only marks).
    pub fn new(typed: &str) -> Option<Query> {
        let normalized = normalize(typed);
        if normalized.is_empty() {
            return None;
        }
        Some(Query {
            typed: typed.trim().to_string(),
            normalized,
        })
    }

    /// The query as typed (trimmed), to show.
    pub fn text(&self) -> &str {
        &self.typed
    }

    /// The query as matched.
    pub fn normalized(&self) -> &str {
        &self.normalized
    }

    /// True when the query occurs in the article's title or any of its paragraphs.
    pub fn matches(&self, article: &Article) -> bool {
        blocks(article).any(|text| self.occurs_in(text))
    }

    /// The indices in `range` of the store's articles that have the query, ascending. The
    /// range is cut into one share of about equal bytes per core, each searched on a thread
    /// of its own (a small range on this one): the answer is the same either way.
    pub fn matching(&self, store: &Store, range: Range<usize>) -> Vec<usize> {
        let end = range.end.min(store.len());
        let articles: Vec<(usize, &Article)> = (range.start..end)
            .filter_map(|index| Some((index, store.get(index)?)))
            .collect();
        let bytes: usize = articles.iter().map(|(_, article)| article.text_len()).sum();
        let workers = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(bytes / PARALLEL_SHARE_BYTES)
            .max(1);
        let search = |share: &[(usize, &Article)]| -> Vec<usize> {
            share
                .iter()
                .filter(|(_, article)| self.matches(article))
                .map(|(index, _)| *index)
                .collect()
        };
        if workers == 1 {
            return search(&articles);
        }
        // Cut where the running byte count passes each share's end.
        let mut shares = Vec::with_capacity(workers);
        let (mut start, mut seen) = (0, 0);
        for (position, (_, article)) in articles.iter().enumerate() {
            seen += article.text_len();
            if seen * workers >= bytes * (shares.len() + 1) && shares.len() + 1 < workers {
                shares.push(&articles[start..=position]);
                start = position + 1;
            }
        }
        shares.push(&articles[start..]);
        std::thread::scope(|scope| {
            let handles: Vec<_> = shares
                .iter()
                .map(|share| scope.spawn(|| search(share)))
                .collect();
            handles
                .into_iter()
                .flat_map(|handle| {
                    handle
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect()
        })
    }

    /// True when the query occurs in `text`.
    pub fn occurs_in(&self, text: &str) -> bool {
        NormalizedText::new(text)
            .as_str()
            .contains(self.normalized.as_str())
    }

    /// Every occurrence in the article, in reading order (non-overlapping within a block).
    pub fn hits(&self, article: &Article) -> Vec<Hit> {
        let mut hits = Vec::new();
        for (block, text) in blocks(article).enumerate() {
            let normalized = NormalizedText::new(text);
            for (start, found) in normalized.as_str().match_indices(self.normalized.as_str()) {
                let range = normalized.original_range(start..start + found.len());
                if !range.is_empty() {
                    hits.push(Hit { block, range });
                }
            }
        }
        hits
    }
}

/// The title, then each paragraph's text.
fn blocks(article: &Article) -> impl Iterator<Item = &str> {
    std::iter::once(article.title()).chain(article.paragraphs().map(|p| p.text()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{ArticleBuilder, SourceRef};

    fn article(title: &str, paragraphs: &[&str]) -> Article {
        let mut builder = ArticleBuilder::new(SourceRef::Stdin);
        builder.push_line(1, title);
        for (index, paragraph) in paragraphs.iter().enumerate() {
            builder.push_line(index + 2, paragraph);
        }
        builder.build().expect("an article with a title")
    }

    fn hit_texts(query: &str, article: &Article) -> Vec<(usize, String)> {
        let query = Query::new(query).expect("a query");
        let texts: Vec<&str> = blocks(article).collect();
        query
            .hits(article)
            .into_iter()
            .map(|hit| (hit.block, texts[hit.block][hit.range].to_string()))
            .collect()
    }

    #[test]
    fn blank_queries_and_queries_of_marks_alone_are_none() {
        assert_eq!(Query::new(""), None);
        assert_eq!(Query::new("   \t"), None);
        assert_eq!(Query::new("\u{064E}\u{0651}ـ"), None);
        assert_eq!(
            Query::new("  ترامب ").map(|q| q.text().to_string()),
            Some("ترامب".into())
        );
    }

    #[test]
    fn harakat_hamza_forms_and_latin_case_do_not_count() {
        let article = article(
            "وصل أَحْمَد إلى القاهرة",
            &["قال الرئيس TRUMP إن المدرسة مغلقة", "لا شيء هنا"],
        );
        assert_eq!(hit_texts("احمد", &article), [(0, "أَحْمَد".to_string())]);
        assert_eq!(hit_texts("Trump", &article), [(1, "TRUMP".to_string())]);
        assert_eq!(hit_texts("مدرسه", &article), [(1, "مدرسة".to_string())]);
        assert_eq!(hit_texts("الى", &article), [(0, "إلى".to_string())]);
        assert!(Query::new("أحمد").unwrap().matches(&article));
        assert!(!Query::new("بوتين").unwrap().matches(&article));
    }

    #[test]
    fn the_marks_of_a_hits_last_letter_stay_in_its_range() {
        let article = article("عنوان", &["كَتَبَ الوَلَدُ"]);
        assert_eq!(hit_texts("ولد", &article), [(1, "وَلَدُ".to_string())]);
    }

    #[test]
    fn every_occurrence_is_found_in_reading_order_and_inside_words() {
        let article = article("روسيا", &["قالت روسيا وروسيا", "الروسية"]);
        let found = hit_texts("روسي", &article);
        assert_eq!(
            found.iter().map(|(block, _)| *block).collect::<Vec<_>>(),
            [0, 1, 1, 2]
        );
        assert!(found.iter().all(|(_, text)| text == "روسي"), "{found:?}");
    }

    #[test]
    fn whitespace_runs_in_the_text_or_the_query_are_one_space() {
        let article = article("t", &["دونالد   ترامب"]);
        assert_eq!(
            hit_texts("دونالد   ترامب", &article),
            [(1, "دونالد   ترامب".to_string())]
        );
    }

    #[test]
    fn matching_on_every_core_finds_what_one_article_at_a_time_finds() {
        // Articles of 2–60 KB, so that a range is cut into shares of unequal article counts.
        let mut store = Store::new();
        for i in 0..120 {
            let filler = "نص عادي عن الأسواق ".repeat(60 + (i * 37) % 1_500);
            let found = if i % 7 == 0 || i == 1 || i == 119 {
                "وقال أَحْمَد"
            } else {
                "لا شيء"
            };
            store.insert(article(&format!("مقال {i}"), &[&filler, found]));
        }
        let bytes: usize = store.iter().map(Article::text_len).sum();
        assert!(
            bytes > 4 * PARALLEL_SHARE_BYTES,
            "{bytes} bytes: shared out"
        );
        // Some articles, and every article (an article searched twice or not at all shows).
        for (typed, total) in [("احمد", 19), ("مقال", 120)] {
            let query = Query::new(typed).expect("a query");
            let one_at_a_time = |range: Range<usize>| -> Vec<usize> {
                range
                    .filter(|&index| query.matches(store.get(index).expect("in the store")))
                    .collect()
            };
            for range in [0..120, 1..119, 0..1, 50..50, 110..200] {
                assert_eq!(
                    query.matching(&store, range.clone()),
                    one_at_a_time(range.start..range.end.min(120)),
                    "{typed} in {range:?}"
                );
            }
            assert_eq!(query.matching(&store, 0..120).len(), total);
        }
    }
}
