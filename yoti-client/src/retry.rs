//! Retries of GET requests: bounded exponential backoff with full jitter. POST requests are never
//! retried, so a share session is never created twice.

use std::time::Duration;

/// How GET requests are retried on connection errors and 5xx answers.
///
/// ```
/// use std::time::Duration;
/// use yoti_client::RetryPolicy;
///
/// let policy = RetryPolicy::default();
/// assert_eq!(policy.max_retries, 3);
/// assert!(policy.delay(10, u64::MAX) <= policy.max_delay);
/// assert_eq!(RetryPolicy::none().max_retries, 0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// How many times a GET is retried after the first attempt.
    pub max_retries: u32,
    /// The backoff before the first retry; doubled for each further one.
    pub base_delay: Duration,
    /// The largest backoff.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(2),
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }

    /// The wait before retry number `retry` (0 for the first), given a random number: uniformly
    /// between zero and the capped exponential backoff ("full jitter"), so that many clients that
    /// failed together do not retry together.
    pub fn delay(&self, retry: u32, random: u64) -> Duration {
        let cap = self
            .base_delay
            .saturating_mul(1u32.checked_shl(retry).unwrap_or(u32::MAX))
            .min(self.max_delay);
        let cap_micros = u64::try_from(cap.as_micros()).unwrap_or(u64::MAX);
        Duration::from_micros(random % cap_micros.saturating_add(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        let policy = RetryPolicy::default();
        assert_eq!(
            policy.delay(0, u64::MAX - 1),
            Duration::from_micros((u64::MAX - 1) % 100_001)
        );
        assert!(policy.delay(0, u64::MAX) <= Duration::from_millis(100));
        assert!(policy.delay(1, 199_999) > Duration::from_millis(100));
        assert!(policy.delay(1, u64::MAX) <= Duration::from_millis(200));
        assert!(policy.delay(40, u64::MAX) <= Duration::from_secs(2));
        assert_eq!(policy.delay(3, 0), Duration::ZERO);
    }
}
