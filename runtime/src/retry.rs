//! Retry policy: how many attempts, and how long to wait between them.
//!
//! The wait before retry `n` (1-based) is exponential backoff with full jitter: a uniform draw in
//! `[0, min(max_delay, base_delay × 2^(n-1))]`, or the upper bound itself without jitter. When
//! the service asked for a delay (`x-acs-retry-after`), that delay is used instead, up to
//! `max_delay`: an answer can never make a call sleep longer than the client allows.

use std::time::Duration;

/// Retry settings of a [`crate::Client`].
///
/// ```
/// use std::time::Duration;
/// use alibabacloud_runtime::RetryConfig;
///
/// let retry = RetryConfig::default()
///     .with_max_attempts(5)
///     .with_base_delay(Duration::from_millis(50))
///     .with_max_delay(Duration::from_secs(2));
/// assert_eq!(retry.max_attempts, 5);
/// // Without jitter, the third retry waits base × 4.
/// assert_eq!(retry.with_jitter(false).backoff(3, 0.0), Duration::from_millis(200));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryConfig {
    /// Attempts in all, the first included (1 disables retries).
    pub max_attempts: u32,
    /// The backoff bound before the first retry.
    pub base_delay: Duration,
    /// The longest wait between two attempts: the largest backoff bound, and the cap on a delay
    /// the service asks for.
    pub max_delay: Duration,
    /// Whether to draw the delay uniformly below the bound (full jitter).
    pub jitter: bool,
}

impl Default for RetryConfig {
    /// 3 attempts, 100 ms base, 20 s cap, full jitter.
    fn default() -> Self {
        RetryConfig {
            max_attempts: 3,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(20),
            jitter: true,
        }
    }
}

impl RetryConfig {
    /// No retries: one attempt.
    pub fn disabled() -> Self {
        RetryConfig::default().with_max_attempts(1)
    }

    /// Sets the number of attempts (at least 1).
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// Sets the backoff bound of the first retry.
    pub fn with_base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// Sets the largest backoff bound.
    pub fn with_max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// Turns full jitter on or off.
    pub fn with_jitter(mut self, jitter: bool) -> Self {
        self.jitter = jitter;
        self
    }

    /// The upper bound of the wait before retry `retry` (1-based):
    /// `min(max_delay, base_delay × 2^(retry-1))`.
    pub fn backoff_bound(&self, retry: u32) -> Duration {
        let factor = 2u32.saturating_pow(retry.saturating_sub(1));
        self.base_delay.checked_mul(factor).unwrap_or(Duration::MAX).min(self.max_delay)
    }

    /// The wait before retry `retry` (1-based), given `sample`, a uniform draw in `[0, 1)`
    /// (ignored without jitter). Pure, so the bounds are testable with any random source.
    pub fn backoff(&self, retry: u32, sample: f64) -> Duration {
        let bound = self.backoff_bound(retry);
        if self.jitter {
            bound.mul_f64(sample.clamp(0.0, 1.0))
        } else {
            bound
        }
    }

    /// The wait before retry `retry`: the service's `retry_after` when it gave one (at most
    /// `max_delay`), otherwise [`RetryConfig::backoff`].
    pub fn delay(&self, retry: u32, retry_after: Option<Duration>, sample: f64) -> Duration {
        match retry_after {
            Some(asked) => asked.min(self.max_delay),
            None => self.backoff(retry, sample),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_double_then_cap() {
        let retry = RetryConfig::default()
            .with_base_delay(Duration::from_millis(100))
            .with_max_delay(Duration::from_millis(1000));
        let bounds: Vec<u128> = (1..=6).map(|n| retry.backoff_bound(n).as_millis()).collect();
        assert_eq!(bounds, [100, 200, 400, 800, 1000, 1000]);
        assert_eq!(retry.backoff_bound(200), Duration::from_millis(1000));
        assert_eq!(retry.backoff_bound(0), Duration::from_millis(100));
    }

    #[test]
    fn full_jitter_stays_within_bounds_with_a_seeded_rng() {
        let retry = RetryConfig::default()
            .with_base_delay(Duration::from_millis(50))
            .with_max_delay(Duration::from_millis(300));
        let mut rng = fastrand::Rng::with_seed(7);
        let mut seen_small = false;
        let mut seen_large = false;
        for _ in 0..1000 {
            for n in 1..=5 {
                let delay = retry.backoff(n, rng.f64());
                let bound = retry.backoff_bound(n);
                assert!(delay <= bound, "{delay:?} > {bound:?}");
                seen_small |= delay < bound / 4;
                seen_large |= delay > bound * 3 / 4;
            }
        }
        assert!(seen_small && seen_large, "the draws spread over the range");
        // The same seed gives the same delays.
        let draw = |seed| {
            let mut rng = fastrand::Rng::with_seed(seed);
            (1..=4).map(|n| retry.backoff(n, rng.f64())).collect::<Vec<_>>()
        };
        assert_eq!(draw(42), draw(42));
        // Out-of-range samples are clamped.
        assert_eq!(retry.backoff(1, 7.0), Duration::from_millis(50));
        assert_eq!(retry.backoff(1, -1.0), Duration::ZERO);
    }

    #[test]
    fn retry_after_wins_and_attempts_are_at_least_one() {
        let retry = RetryConfig::default();
        assert_eq!(retry.delay(1, Some(Duration::from_millis(1500)), 0.5), Duration::from_millis(1500));
        assert_eq!(retry.with_jitter(false).delay(2, None, 0.5), Duration::from_millis(200));
        assert_eq!(RetryConfig::default().with_max_attempts(0).max_attempts, 1);
        // A delay asked for is capped at max_delay: an hour-long `x-acs-retry-after` cannot
        // hang a call.
        let capped = RetryConfig::default().with_max_delay(Duration::from_secs(2));
        assert_eq!(capped.delay(1, Some(Duration::from_secs(3600)), 0.5), Duration::from_secs(2));
        assert_eq!(capped.delay(1, Some(Duration::from_millis(1500)), 0.5), Duration::from_millis(1500));
        assert_eq!(RetryConfig::disabled().max_attempts, 1);
    }
}
