//! Classes of characters of the Basic Multilingual Plane as tables, made once from a
//! predicate or a classifying function. Japanese text switches between the ranges a class
//! is written with every few characters, which makes range tests mispredict; a look-up in a
//! table does not. Characters beyond the BMP get `None`: ask the function itself.

/// A class of BMP characters as a bitmap (8 KB, so it stays in the L1 cache).
pub struct BmpSet(Box<[u64; 1024]>);

impl BmpSet {
    /// The BMP characters for which `class` holds.
    pub fn of(class: impl Fn(char) -> bool) -> BmpSet {
        let mut bits = Box::new([0u64; 1024]);
        for c in (0..0x10000)
            .filter_map(char::from_u32)
            .filter(|&c| class(c))
        {
            bits[c as usize / 64] |= 1 << (c as usize % 64);
        }
        BmpSet(bits)
    }

    /// Whether `c` is in the class; `None` outside the BMP (ask the predicate).
    #[inline]
    pub fn get(&self, c: char) -> Option<bool> {
        let u = c as usize;
        let word = self.0.get(u / 64)?;
        Some(word & (1 << (u % 64)) != 0)
    }
}

/// A value for every BMP character (a `u8` makes a 64 KB table): several classes of a
/// character packed in one look-up.
pub struct BmpTable<T>(Box<[T]>);

impl<T: Copy> BmpTable<T> {
    /// `of(c)` for every BMP character; the surrogates, which are no characters, get
    /// `of('\0')`.
    pub fn of(of: impl Fn(char) -> T) -> BmpTable<T> {
        BmpTable(
            (0..0x10000u32)
                .map(|u| of(char::from_u32(u).unwrap_or('\0')))
                .collect(),
        )
    }

    /// The value for `c`; `None` outside the BMP (ask the function).
    #[inline]
    pub fn get(&self, c: char) -> Option<T> {
        self.0.get(c as usize).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::japanese::{is_japanese_letter, is_punctuation};

    #[test]
    fn a_bmp_set_holds_what_its_predicate_holds() {
        let set = BmpSet::of(is_punctuation);
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let expected = ((c as u32) < 0x10000).then(|| is_punctuation(c));
            assert_eq!(set.get(c), expected, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn a_bmp_table_holds_what_its_function_gives() {
        let class = |c: char| u8::from(is_japanese_letter(c)) | u8::from(c.is_whitespace()) << 1;
        let table = BmpTable::of(class);
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let expected = ((c as u32) < 0x10000).then(|| class(c));
            assert_eq!(table.get(c), expected, "U+{:04X}", c as u32);
        }
    }
}
