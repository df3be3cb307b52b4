//! Ids as keys of the groupings of a large input.
//!
//! Grouping a national data set compares and hashes a client or implementation id for
//! every record. Ids are short (a few to a few dozen bytes); comparing them with a call to
//! `memcmp` costs more than the comparison itself, so [`Text`] compares eight bytes at a
//! time in line. Its hash is that of the `str`.

use std::hash::{Hash, Hasher};

/// An id's text, as a key of a map or a grouping.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Text<'a>(pub(crate) &'a str);

impl PartialEq for Text<'_> {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (self.0.as_bytes(), other.0.as_bytes());
        if a.len() != b.len() {
            return false;
        }
        let (mut a8, mut b8) = (a.chunks_exact(8), b.chunks_exact(8));
        let word = |chunk: &[u8]| u64::from_ne_bytes(chunk.try_into().unwrap_or_default());
        (&mut a8).zip(&mut b8).all(|(x, y)| word(x) == word(y))
            && a8
                .remainder()
                .iter()
                .zip(b8.remainder())
                .all(|(x, y)| x == y)
    }
}

impl Eq for Text<'_> {}

impl PartialOrd for Text<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Text<'_> {
    /// The order of the bytes (that of the `str`s), eight bytes at a time in line (as
    /// big-endian words, which order like their bytes).
    #[inline]
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let (a, b) = (self.0.as_bytes(), other.0.as_bytes());
        let (mut a8, mut b8) = (a.chunks_exact(8), b.chunks_exact(8));
        let word = |chunk: &[u8]| u64::from_be_bytes(chunk.try_into().unwrap_or_default());
        for (x, y) in (&mut a8).zip(&mut b8) {
            let (x, y) = (word(x), word(y));
            if x != y {
                return x.cmp(&y);
            }
        }
        // The rest: at most seven bytes of the shorter, byte by byte, then the lengths.
        let done = a.len().min(b.len()) / 8 * 8;
        for (x, y) in a[done..].iter().zip(&b[done..]) {
            if x != y {
                return x.cmp(y);
            }
        }
        a.len().cmp(&b.len())
    }
}

impl Hash for Text<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn text_equality_is_string_equality(a in "[a-c]{0,40}", b in "[a-c]{0,40}") {
            prop_assert_eq!(Text(&a) == Text(&b), a == b);
            prop_assert_eq!(Text(&a).cmp(&Text(&b)), a.cmp(&b));
        }

        /// Equal texts are equal whatever their length, and a text differing in any one
        /// byte is not (random pairs are rarely of one length).
        #[test]
        fn one_byte_makes_texts_differ(a in "[a-c]{1,40}", at in any::<prop::sample::Index>()) {
            let copy = a.clone();
            prop_assert!(Text(&a) == Text(&copy));
            let mut bytes = a.clone().into_bytes();
            let i = at.index(bytes.len());
            bytes[i] = b'd';
            let other = String::from_utf8(bytes).expect("ASCII");
            prop_assert!(Text(&a) != Text(&other));
            prop_assert!(Text(&other) != Text(&a));
        }
    }
}
