//! Equality of short byte strings without a call into `memcmp`.
//!
//! The lexicons compare a candidate word with a listed one for almost every
//! token of every article, and the words are short (most under 16 bytes).
//! For such lengths the call into libc's `memcmp` costs more than the
//! comparison: profiles of the extraction showed it at several percent of
//! all CPU. Two overlapping unaligned loads from each side cover any length
//! from 4 to 16 bytes, so these compare in a few instructions; longer
//! strings fall back to the slice comparison.

/// Whether `a` and `b` hold the same bytes (exactly `a == b`).
#[inline]
pub fn same(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n >= 8 {
        // eight bytes at a time, then the last eight (overlapping the run
        // before: together they cover every byte)
        let mut i = 0;
        while i + 8 < n {
            if u64_at(a, i) != u64_at(b, i) {
                return false;
            }
            i += 8;
        }
        return u64_at(a, n - 8) == u64_at(b, n - 8);
    }
    if n >= 4 {
        return u32_at(a, 0) == u32_at(b, 0) && u32_at(a, n - 4) == u32_at(b, n - 4);
    }
    a == b
}

/// Whether `text` begins with `prefix` (exactly `text.starts_with(prefix)`).
#[inline]
pub fn starts_with(text: &[u8], prefix: &[u8]) -> bool {
    text.len() >= prefix.len() && same(&text[..prefix.len()], prefix)
}

/// Whether `text` ends with `suffix` (exactly `text.ends_with(suffix)`).
#[inline]
pub fn ends_with(text: &[u8], suffix: &[u8]) -> bool {
    text.len() >= suffix.len() && same(&text[text.len() - suffix.len()..], suffix)
}

/// The eight bytes of `b` from `at`, as a little-endian number (`b` must
/// hold them).
#[inline(always)]
pub fn u64_at(b: &[u8], at: usize) -> u64 {
    let mut x = [0; 8];
    x.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(x)
}

/// The four bytes of `b` from `at`, as a little-endian number (`b` must
/// hold them).
#[inline(always)]
pub fn u32_at(b: &[u8], at: usize) -> u32 {
    let mut x = [0; 4];
    x.copy_from_slice(&b[at..at + 4]);
    u32::from_le_bytes(x)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn every_length_and_every_differing_byte() {
        for n in 0..40usize {
            let a: Vec<u8> = (0..n as u8).collect();
            assert!(same(&a, &a.clone()));
            for i in 0..n {
                let mut b = a.clone();
                b[i] ^= 0x80;
                assert!(!same(&a, &b), "length {n}, byte {i}");
                assert!(!starts_with(&b, &a));
            }
            assert!(starts_with(&[a.as_slice(), b"xyz"].concat(), &a));
            assert!(!starts_with(&a[..n.saturating_sub(1)], &a) || n == 0);
        }
    }

    proptest! {
        #[test]
        fn agrees_with_the_slice_comparison(
            a in proptest::collection::vec(0u8..4, 0..48),
            b in proptest::collection::vec(0u8..4, 0..48),
        ) {
            prop_assert_eq!(same(&a, &b), a == b);
            prop_assert_eq!(starts_with(&a, &b), a.starts_with(&b));
        }

        /// Equal strings, and strings one byte apart, of every length.
        #[test]
        fn finds_a_single_differing_byte(
            a in proptest::collection::vec(any::<u8>(), 0..64),
            at in any::<proptest::sample::Index>(),
            flip in 0u8..=255,
            tail in proptest::collection::vec(any::<u8>(), 0..4),
        ) {
            let mut b = a.clone();
            if !b.is_empty() {
                let i = at.index(b.len());
                b[i] ^= flip;
            }
            prop_assert_eq!(same(&a, &b), a == b);
            let longer = [b.as_slice(), tail.as_slice()].concat();
            prop_assert_eq!(starts_with(&longer, &a), longer.starts_with(&a));
            let longer = [tail.as_slice(), b.as_slice()].concat();
            prop_assert_eq!(ends_with(&longer, &a), longer.ends_with(&a));
        }
    }
}
