//! A character class of twitter-text ([`super::tables`]) that answers for ASCII from a bit
//! mask and for the rest by binary search over its ranges.

/// A set of code points, given as sorted inclusive ranges.
pub(super) struct Class {
    /// Bit `c` is set when ASCII character `c` is in the class.
    ascii: u128,
    ranges: &'static [(u32, u32)],
}

impl Class {
    pub(super) const fn new(ranges: &'static [(u32, u32)]) -> Class {
        let mut ascii = 0u128;
        let mut i = 0;
        while i < ranges.len() {
            let (lo, hi) = ranges[i];
            let mut c = lo;
            while c <= hi && c < 128 {
                ascii |= 1 << c;
                c += 1;
            }
            i += 1;
        }
        Class { ascii, ranges }
    }

    pub(super) fn contains(&self, c: char) -> bool {
        let c = c as u32;
        if c < 128 {
            return self.ascii >> c & 1 == 1;
        }
        in_ranges(self.ranges, c)
    }
}

/// Whether `c` is in one of `ranges` (sorted, not overlapping).
pub(super) fn in_ranges(ranges: &[(u32, u32)], c: u32) -> bool {
    let i = ranges.partition_point(|&(_, hi)| hi < c);
    ranges.get(i).is_some_and(|&(lo, _)| lo <= c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_mask_and_ranges_agree() {
        static RANGES: &[(u32, u32)] = &[(0x20, 0x21), (0x7E, 0x80), (0x3000, 0x3000)];
        let class = Class::new(RANGES);
        for c in ['\u{20}', '\u{21}', '\u{7E}', '\u{7F}', '\u{80}', '\u{3000}'] {
            assert!(class.contains(c), "{c:?}");
        }
        for c in [
            '\u{1F}',
            '\u{22}',
            '\u{7D}',
            '\u{81}',
            '\u{2FFF}',
            '\u{3001}',
            '\u{10FFFF}',
        ] {
            assert!(!class.contains(c), "{c:?}");
        }
    }
}
