//! Retry policy: how many attempts, which errors, and how long to wait between them.
//!
//! The wait before retry `n` (1-based) is, with [`Backoff::Exponential`] (the default),
//! exponential backoff with full jitter: a uniform draw in `[0, min(max_delay, base_delay ×
//! 2^(n-1))]`, or the upper bound itself without jitter; with [`Backoff::Fixed`], `base_delay`
//! every time. When the service asked for a delay (`x-acs-retry-after`), that delay is used
//! instead, up to `max_delay`: an answer can never make a call sleep longer than the client
//! allows.
//!
//! Which service errors are retried: throttling and transient server errors
//! ([`ServiceError::is_retryable`]), plus the codes of [`RetryConfig::retry_on_codes`], minus
//! those of [`RetryConfig::never_retry_codes`].

use std::time::Duration;

use crate::error::ServiceError;

/// How the wait between attempts grows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Backoff {
    /// `base_delay × 2^(n-1)`, capped at `max_delay` (with full jitter if enabled).
    #[default]
    Exponential,
    /// `base_delay` before every retry (with full jitter if enabled).
    Fixed,
}

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
/// assert_eq!(retry.clone().with_jitter(false).backoff(3, 0.0), Duration::from_millis(200));
///
/// // A fixed half-second between attempts, and one more code worth retrying.
/// let fixed = RetryConfig::fixed(Duration::from_millis(500)).retry_on_codes(["OperationConflict"]);
/// assert_eq!(fixed.backoff(4, 0.3), Duration::from_millis(500));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// How the wait grows.
    pub backoff: Backoff,
    /// Error codes retried besides the built-in ones (`Code` exactly, or a prefix ending in `*`:
    /// `OperationConflict`, `IncorrectStatus.*`).
    pub retry_codes: Vec<String>,
    /// Error codes never retried, even when they would be otherwise (same syntax).
    pub never_retry_codes: Vec<String>,
}

impl Default for RetryConfig {
    /// 3 attempts, 100 ms base, 20 s cap, full jitter.
    fn default() -> Self {
        RetryConfig {
            max_attempts: 3,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(20),
            jitter: true,
            backoff: Backoff::Exponential,
            retry_codes: Vec::new(),
            never_retry_codes: Vec::new(),
        }
    }
}

fn matches(patterns: &[String], code: &str) -> bool {
    patterns.iter().any(|p| match p.strip_suffix('*') {
        Some(prefix) => code.starts_with(prefix),
        None => p == code,
    })
}

impl RetryConfig {
    /// No retries: one attempt.
    pub fn disabled() -> Self {
        RetryConfig::default().with_max_attempts(1)
    }

    /// The same `delay` before every retry, without jitter (3 attempts; change with
    /// [`RetryConfig::with_max_attempts`]).
    pub fn fixed(delay: Duration) -> Self {
        RetryConfig {
            base_delay: delay,
            max_delay: delay.max(RetryConfig::default().max_delay),
            jitter: false,
            backoff: Backoff::Fixed,
            ..RetryConfig::default()
        }
    }

    /// Sets how the wait grows.
    pub fn with_backoff(mut self, backoff: Backoff) -> Self {
        self.backoff = backoff;
        self
    }

    /// Also retries these error codes (exact, or a prefix ending in `*`).
    pub fn retry_on_codes<I, S>(mut self, codes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.retry_codes.extend(codes.into_iter().map(Into::into));
        self
    }

    /// Never retries these error codes (exact, or a prefix ending in `*`).
    pub fn never_retry_codes<I, S>(mut self, codes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.never_retry_codes.extend(codes.into_iter().map(Into::into));
        self
    }

    /// Whether the policy excludes this error's code from retries (`never_retry_codes`).
    pub fn never_retries(&self, error: &ServiceError) -> bool {
        matches(&self.never_retry_codes, &error.code)
    }

    /// Whether this service error is worth another attempt under this policy.
    pub fn should_retry(&self, error: &ServiceError) -> bool {
        if matches(&self.never_retry_codes, &error.code) {
            return false;
        }
        matches(&self.retry_codes, &error.code) || error.is_retryable()
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
    /// `min(max_delay, base_delay × 2^(retry-1))`, or `min(max_delay, base_delay)` with
    /// [`Backoff::Fixed`].
    pub fn backoff_bound(&self, retry: u32) -> Duration {
        if self.backoff == Backoff::Fixed {
            return self.base_delay.min(self.max_delay);
        }
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
        assert_eq!(retry.clone().with_jitter(false).delay(2, None, 0.5), Duration::from_millis(200));
        assert_eq!(RetryConfig::default().with_max_attempts(0).max_attempts, 1);
        // A delay asked for is capped at max_delay: an hour-long `x-acs-retry-after` cannot
        // hang a call.
        let capped = RetryConfig::default().with_max_delay(Duration::from_secs(2));
        assert_eq!(capped.delay(1, Some(Duration::from_secs(3600)), 0.5), Duration::from_secs(2));
        assert_eq!(capped.delay(1, Some(Duration::from_millis(1500)), 0.5), Duration::from_millis(1500));
        assert_eq!(RetryConfig::disabled().max_attempts, 1);
    }

    #[test]
    fn fixed_backoff_waits_the_same_every_time() {
        let fixed = RetryConfig::fixed(Duration::from_millis(250));
        let delays: Vec<u128> = (1..=5).map(|n| fixed.backoff(n, 0.9).as_millis()).collect();
        assert_eq!(delays, [250, 250, 250, 250, 250]);
        // With jitter, draws stay below the fixed bound.
        assert_eq!(fixed.clone().with_jitter(true).backoff(3, 0.5), Duration::from_millis(125));
        // A service's retry-after still wins, capped by max_delay.
        assert_eq!(fixed.delay(1, Some(Duration::from_secs(2)), 0.5), Duration::from_secs(2));
        assert_eq!(RetryConfig::fixed(Duration::from_secs(60)).max_delay, Duration::from_secs(60));
    }

    #[test]
    fn retry_conditions_by_code() {
        let policy = RetryConfig::default()
            .retry_on_codes(["OperationConflict", "IncorrectStatus.*"])
            .never_retry_codes(["Throttling.User"]);
        let error = |code: &str, status| ServiceError::new(code, "", status);
        assert!(policy.should_retry(&error("OperationConflict", 400)));
        assert!(policy.should_retry(&error("IncorrectStatus.Vbr", 400)));
        assert!(!policy.should_retry(&error("IncorrectStatus", 400)), "the prefix ends at the dot");
        assert!(!policy.should_retry(&error("Throttling.User", 400)), "never wins over the built-in rule");
        assert!(policy.should_retry(&error("Throttling.Api", 400)));
        assert!(policy.should_retry(&error("", 503)));
        assert!(!policy.should_retry(&error("InvalidParameter", 400)));
        assert!(!RetryConfig::default().should_retry(&error("OperationConflict", 400)));
    }
}
