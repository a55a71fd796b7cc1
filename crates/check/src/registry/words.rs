//! Finding a set of plain words in one pass over a text: every rule's trigger words at once.

// aHash, not SipHash: looked up at every hit in the bitmap.
use ahash::AHashMap as HashMap;

/// Finds a set of plain words in one pass over the characters of a text, each word carrying
/// a value (the rule it triggers, …).
///
/// This beats a regex alternation here: the regex crate trims a set of more than ten literals
/// to their first few bytes, and Japanese words share their first bytes, so its prefilter
/// would stop at almost every character. Instead, each step looks at the pair (previous
/// character, this character) in a bitmap of the words' first two characters (hashed, 8 KB,
/// so it stays in the L1 cache); only on a hit are the words starting with the previous
/// character compared. One-character words have a bitmap of their own.
pub(crate) struct WordSet<T> {
    /// Bits for hashed (first, second) character pairs of words of two or more characters.
    pairs: Vec<u64>,
    /// Bits for hashed characters that are one-character words.
    singles: Vec<u64>,
    /// Words by first character.
    words: HashMap<char, Vec<(String, T)>>,
}

fn bit(hash: usize) -> (usize, u64) {
    let h = hash & 0xFFFF;
    (h / 64, 1 << (h % 64))
}

fn pair_hash(a: char, b: char) -> usize {
    (((a as u32).wrapping_mul(0x9E37_79B1) ^ (b as u32)).wrapping_mul(0x85EB_CA6B) >> 16) as usize
}

impl<T> Default for WordSet<T> {
    fn default() -> Self {
        WordSet {
            pairs: vec![0; 1024],
            singles: vec![0; 1024],
            words: HashMap::new(),
        }
    }
}

impl<T: Copy> WordSet<T> {
    pub(crate) fn add(&mut self, word: &str, value: T) {
        let mut chars = word.chars();
        let Some(c) = chars.next() else { return };
        let (i, b) = match chars.next() {
            Some(d) => bit(pair_hash(c, d)),
            None => bit(c as usize),
        };
        if word.chars().count() == 1 {
            self.singles[i] |= b;
        } else {
            self.pairs[i] |= b;
        }
        let list = self.words.entry(c).or_default();
        list.push((word.to_string(), value));
        // Longest first.
        list.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    }

    /// Calls `found(byte offset, word length, value)` for every word in `text` (overlapping
    /// ones included), in text order.
    pub(crate) fn scan(&self, text: &str, mut found: impl FnMut(usize, usize, T)) {
        if self.words.is_empty() {
            return;
        }
        let mut emit = |at: usize, c: char, single: bool| {
            if let Some(list) = self.words.get(&c) {
                let rest = &text.as_bytes()[at..];
                for (word, value) in list {
                    let one = word.len() == c.len_utf8();
                    if one == single && rest.starts_with(word.as_bytes()) {
                        found(at, word.len(), *value);
                    }
                }
            }
        };
        let mut prev: Option<(usize, char)> = None;
        for (i, c) in text.char_indices() {
            if let Some((j, p)) = prev {
                let (w, b) = bit(pair_hash(p, c));
                if self.pairs[w] & b != 0 {
                    emit(j, p, false);
                }
            }
            let (w, b) = bit(c as usize);
            if self.singles[w] & b != 0 {
                emit(i, c, true);
            }
            prev = Some((i, c));
        }
    }
}
