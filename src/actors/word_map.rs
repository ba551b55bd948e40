//! A hash map keyed by words that answers "no" for most words without hashing them.
//! Imports std and rustc-hash.
//!
//! The matcher and the proposer look up every word start of every article (and its forms
//! without proclitics) in maps of a few thousand words, and almost every lookup misses. A
//! 64 Kibit filter indexed by a cheap mix of a word's length and its first and last bytes
//! settles most misses from the L1 cache, before the map hashes and compares the word.

use std::borrow::Borrow;

use rustc_hash::FxHashMap as HashMap;

/// Bits in the filter: 2^16, 8 KiB.
const FILTER_BITS: usize = 1 << 16;

/// A map from words to `V`, with a filter in front of it.
#[derive(Clone, Debug)]
pub(crate) struct WordMap<V> {
    map: HashMap<Box<str>, V>,
    filter: Box<[u64]>,
}

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        WordMap {
            map: HashMap::default(),
            filter: vec![0; FILTER_BITS / 64].into_boxed_slice(),
        }
    }
}

impl<V> WordMap<V> {
    /// The value of `word`, inserting `V::default()` first if it has none.
    pub fn entry(&mut self, word: &str) -> &mut V
    where
        V: Default,
    {
        let bit = filter_bit(word);
        self.filter[bit / 64] |= 1 << (bit % 64);
        if !self.map.contains_key(word) {
            self.map.insert(word.into(), V::default());
        }
        self.map.get_mut(word).expect("just inserted")
    }

    /// Inlined: most calls end at the filter, without the map lookup's call and register
    /// saves (a quarter of this function's cost when it was one piece).
    #[inline(always)]
    pub fn get(&self, word: &str) -> Option<&V> {
        let bit = filter_bit(word);
        if self.filter[bit / 64] & (1 << (bit % 64)) == 0 {
            return None;
        }
        self.get_past_filter(word)
    }

    #[inline(never)]
    fn get_past_filter(&self, word: &str) -> Option<&V> {
        self.map.get(word)
    }

    pub fn contains_key(&self, word: &str) -> bool {
        self.get(word).is_some()
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.map.values_mut()
    }
}

impl<K: Borrow<str>> FromIterator<K> for WordMap<()> {
    fn from_iter<I: IntoIterator<Item = K>>(words: I) -> Self {
        let mut map = WordMap::default();
        for word in words {
            map.entry(word.borrow());
        }
        map
    }
}

/// The filter bit of a word: its length and four bytes from each end, mixed.
#[inline(always)]
pub(crate) fn filter_bit(word: &str) -> usize {
    let bytes = word.as_bytes();
    let length = bytes.len();
    let (head, tail) = match (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
        (Some(head), Some(tail)) => (u32::from_le_bytes(*head), u32::from_le_bytes(*tail)),
        _ => {
            let mut padded = [0u8; 4];
            padded[..length].copy_from_slice(bytes);
            let both = u32::from_le_bytes(padded);
            (both, both)
        }
    };
    let mixed = (u64::from(head) << 32 | u64::from(tail)) ^ (length as u64) << 59;
    (mixed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - 16)) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_inserted_word_is_found_and_others_are_not() {
        let words = ["بوتين", "الولايات", "g7", "a", "", "ترامب", "روسيا"];
        let mut map: WordMap<Vec<usize>> = WordMap::default();
        for (index, word) in words.iter().enumerate() {
            map.entry(word).push(index);
        }
        for (index, word) in words.iter().enumerate() {
            assert_eq!(map.get(word), Some(&vec![index]), "{word}");
        }
        for other in ["بوتينه", "وبوتين", "g70", "b", "روسي"] {
            assert_eq!(map.get(other), None, "{other}");
        }
    }

    #[test]
    fn the_filter_turns_most_other_words_away() {
        let known: WordMap<()> = (0..3000).map(|n| format!("كلمة{n}")).collect();
        let turned_away = (0..10_000)
            .map(|n| format!("word{n}x"))
            .filter(|word| {
                let bit = filter_bit(word);
                known.filter[bit / 64] & (1 << (bit % 64)) == 0
            })
            .count();
        assert!(
            turned_away > 8_500,
            "only {turned_away} of 10,000 turned away"
        );
    }
}
