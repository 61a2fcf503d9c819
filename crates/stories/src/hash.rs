//! Stable hashing.
//!
//! MinHash signatures and term hashes are persisted with the clusterer state
//! and compared across runs and machines, so they must not depend on the
//! standard library's (unspecified, version-dependent) hasher. These
//! functions are fixed forever: changing them invalidates saved state.

/// FNV-1a over the bytes, finished with the SplitMix64 mixer so that the
/// low and high bits are both well spread (MinHash uses both).
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(h)
}

/// The hash of a string.
pub fn hash_str(s: &str) -> u64 {
    hash_bytes(s.as_bytes())
}

/// SplitMix64 finaliser: a bijection on `u64` with good avalanche.
pub const fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Combine an ordered sequence of hashes into one (order matters).
pub fn combine(acc: u64, next: u64) -> u64 {
    mix(acc.rotate_left(23) ^ next.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_fixed() {
        // Persisted state depends on these values never changing.
        assert_eq!(hash_str(""), mix(0xcbf2_9ce4_8422_2325));
        assert_ne!(hash_str("دوما"), hash_str("دوم"));
        assert_ne!(combine(combine(0, 1), 2), combine(combine(0, 2), 1));
    }
}
