//! Used nonces, each remembered until the timestamp of its request leaves the accepted window:
//! until then a replay would pass the timestamp check, so it is never forgotten earlier. The
//! number remembered is bounded; at the bound new requests are refused, not old nonces dropped.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet};

use aws_lc_rs::digest::{SHA256, digest};

/// Why a nonce is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NonceError {
    /// The nonce was used before and its request could still be accepted.
    Replayed,
    /// As many nonces as allowed are remembered and none has expired yet.
    Full {
        /// The bound.
        max: usize,
        /// When the first remembered nonce expires (epoch milliseconds; `i128::MAX`: never).
        next_expiry: i128,
    },
}

/// The remembered nonces. Each costs a fixed amount of memory whatever its length: it is kept
/// as 16 bytes of its SHA-256 (an accidental collision among a million nonces has a chance of
/// about 2^-88) with its expiry, in a set and a heap (about 100 bytes in all at most).
#[derive(Debug)]
pub(crate) struct NonceCache {
    max: usize,
    seen: HashSet<u128>,
    /// (expiry in epoch milliseconds, nonce), the first to expire on top.
    by_expiry: BinaryHeap<Reverse<(i128, u128)>>,
}

impl NonceCache {
    /// Remembers at most `max` nonces at once.
    pub(crate) fn new(max: usize) -> Self {
        NonceCache {
            max,
            seen: HashSet::new(),
            by_expiry: BinaryHeap::new(),
        }
    }

    /// Records `nonce`, to be remembered until `expiry` (epoch milliseconds; `i128::MAX` for
    /// ever). `now` is the clock in epoch milliseconds: nonces that expired before it are
    /// forgotten first, a few per call on average.
    pub(crate) fn use_nonce(
        &mut self,
        nonce: &str,
        expiry: i128,
        now: i128,
    ) -> Result<(), NonceError> {
        self.forget_expired(now);
        let key = key(nonce);
        if self.seen.contains(&key) {
            return Err(NonceError::Replayed);
        }
        if self.seen.len() >= self.max {
            let next_expiry = self
                .by_expiry
                .peek()
                .map_or(i128::MAX, |Reverse((expiry, _))| *expiry);
            return Err(NonceError::Full {
                max: self.max,
                next_expiry,
            });
        }
        self.seen.insert(key);
        self.by_expiry.push(Reverse((expiry, key)));
        Ok(())
    }

    /// How many nonces are remembered.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.seen.len()
    }

    fn forget_expired(&mut self, now: i128) {
        while let Some(Reverse((expiry, key))) = self.by_expiry.peek().copied() {
            if expiry >= now {
                break;
            }
            self.by_expiry.pop();
            self.seen.remove(&key);
        }
    }
}

/// The first 16 bytes of the nonce's SHA-256.
fn key(nonce: &str) -> u128 {
    let hash = digest(&SHA256, nonce.as_bytes());
    let mut first = [0u8; 16];
    first.copy_from_slice(hash.as_ref().get(..16).unwrap_or(&[0; 16]));
    u128::from_be_bytes(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonces_are_single_use_until_they_expire() {
        let mut cache = NonceCache::new(10);
        assert_eq!(cache.use_nonce("n", 100, 0), Ok(()));
        assert_eq!(cache.use_nonce("n", 200, 50), Err(NonceError::Replayed));
        assert_eq!(cache.use_nonce("m", 200, 50), Ok(()));
        // At its expiry the request could still be accepted: still remembered.
        assert_eq!(cache.use_nonce("n", 300, 100), Err(NonceError::Replayed));
        // Just after, its timestamp is out of the window: forgotten.
        assert_eq!(cache.use_nonce("n", 300, 101), Ok(()));
        assert_eq!(cache.len(), 2);
    }

    #[test]
    fn at_the_bound_new_nonces_are_refused_and_old_ones_kept() {
        let mut cache = NonceCache::new(3);
        for (i, nonce) in ["a", "b", "c"].into_iter().enumerate() {
            let expiry = 1000 + i128::try_from(i).unwrap();
            assert_eq!(cache.use_nonce(nonce, expiry, 0), Ok(()));
        }
        for _ in 0..100 {
            assert_eq!(
                cache.use_nonce("d", 5000, 10),
                Err(NonceError::Full {
                    max: 3,
                    next_expiry: 1000
                })
            );
        }
        // However many requests were refused, the oldest nonce is not forgotten early.
        assert_eq!(cache.use_nonce("a", 5000, 999), Err(NonceError::Replayed));
        // Once it expires, its room is free again.
        assert_eq!(cache.use_nonce("d", 5000, 1001), Ok(()));
        assert_eq!(
            cache.use_nonce("a", 5000, 1001),
            Err(NonceError::Full {
                max: 3,
                next_expiry: 1001
            })
        );
    }

    #[test]
    fn nonces_without_expiry_are_kept_for_ever() {
        let mut cache = NonceCache::new(2);
        assert_eq!(cache.use_nonce("a", i128::MAX, 0), Ok(()));
        assert_eq!(
            cache.use_nonce("a", i128::MAX, i128::MAX),
            Err(NonceError::Replayed)
        );
    }

    #[test]
    fn nonces_of_any_length_are_told_apart() {
        let mut cache = NonceCache::new(2);
        let long = "x".repeat(1 << 20);
        assert_eq!(cache.use_nonce(&long, 10, 0), Ok(()));
        assert_eq!(cache.use_nonce(&long, 10, 0), Err(NonceError::Replayed));
        assert_eq!(cache.use_nonce(&long[1..], 10, 0), Ok(()));
    }
}
