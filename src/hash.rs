//! A fast, non-cryptographic hash for fingerprints and hash tables keyed by short text.

/// A fast, non-cryptographic hasher (the Fx mix used by rustc): for fingerprints that
/// compare a build with the previous one in the same process, and for hash tables of
/// words. Not for anything an attacker could aim collisions at across processes.
#[derive(Default)]
pub(crate) struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let mut b = [0u8; 8];
            b.copy_from_slice(w);
            self.write_u64(u64::from_le_bytes(b));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.write_u64(u64::from_le_bytes(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
    fn finish(&self) -> u64 {
        // A multiply leaves its best-mixed bits at the top, and hash tables pick buckets
        // with the bottom ones: unrotated, words sharing their first letters ("nguyen",
        // "nghe", "ngay") crowded into the same few buckets.
        self.0.rotate_left(26)
    }
}

#[cfg(test)]
mod tests {
    use super::FastHasher;
    use std::hash::{Hash, Hasher};

    fn hash(s: &str) -> u64 {
        let mut h = FastHasher::default();
        s.hash(&mut h);
        h.finish()
    }

    #[test]
    fn differs_for_small_edits_and_is_stable() {
        assert_eq!(hash("Nguyễn Văn Đức"), hash("Nguyễn Văn Đức"));
        assert_ne!(hash("Nguyễn Văn Đức"), hash("Nguyễn Văn Đực"));
        assert_ne!(hash("abcdefgh"), hash("abcdefgh\0"));
        assert_ne!(hash(""), hash("a"));
    }

    #[test]
    fn words_with_a_common_beginning_spread_over_buckets() {
        // Hash tables pick a bucket by the low bits. Folded Vietnamese syllables share
        // their first letters ("nguyen", "nghe", "ngay"); they must still spread out.
        let initials = [
            "ng", "nh", "th", "tr", "ch", "kh", "ph", "gi", "qu", "b", "d", "h", "l", "m", "t", "v",
        ];
        let rhymes = [
            "a", "an", "ang", "anh", "ao", "ai", "uyen", "uong", "oi", "ong", "ien", "uc", "at",
            "ay", "uy", "ew",
        ];
        let words: Vec<String> = initials
            .iter()
            .flat_map(|i| rhymes.iter().map(move |r| format!("{i}{r}")))
            .collect();
        let buckets: std::collections::HashSet<u64> =
            words.iter().map(|w| hash(w) & 4095).collect();
        // 256 words in 4,096 buckets: about 248 distinct when the bits are well mixed.
        assert!(
            buckets.len() > 235,
            "{} buckets for {} words",
            buckets.len(),
            words.len()
        );
    }
}
