//! Caching and refreshing temporary credentials.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use super::{Credentials, CredentialsError, CredentialsFuture, ProvideCredentials};

/// The time source of credential caches (and of request signing): the system clock, or a
/// [`ManualClock`] in tests.
pub trait Clock: Send + Sync + fmt::Debug {
    /// The current time.
    fn now(&self) -> SystemTime;
}

/// The system clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

/// A clock that moves only when told to; clones share the same time.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use alibabacloud_runtime::credentials::{Clock, ManualClock};
///
/// let clock = ManualClock::new(UNIX_EPOCH + Duration::from_secs(1_700_000_000));
/// clock.advance(Duration::from_secs(60));
/// assert_eq!(clock.now(), UNIX_EPOCH + Duration::from_secs(1_700_000_060));
/// ```
#[derive(Debug, Clone)]
pub struct ManualClock(Arc<Mutex<SystemTime>>);

impl ManualClock {
    /// A clock showing `now`.
    pub fn new(now: SystemTime) -> Self {
        ManualClock(Arc::new(Mutex::new(now)))
    }

    /// Sets the time.
    pub fn set(&self, now: SystemTime) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = now;
    }

    /// Moves the time forward.
    pub fn advance(&self, by: Duration) {
        let mut now = self.0.lock().unwrap_or_else(|p| p.into_inner());
        *now += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> SystemTime {
        *self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// When cached credentials are refreshed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RefreshPolicy {
    /// Credentials are refreshed this long before they expire (official tools: 15 min). When
    /// they live shorter than that, they are refreshed halfway through their life instead.
    pub stale_margin: Duration,
    /// If set, a refresh is started this long after a fetch even though the credentials are not
    /// stale yet, without making other callers wait (official tools: 1 hour for ECS roles).
    pub prefetch_after: Option<Duration>,
}

impl Default for RefreshPolicy {
    /// 15 minutes of margin, no prefetch: the official tools' STS and credentials-URI policy.
    fn default() -> Self {
        RefreshPolicy { stale_margin: Duration::from_secs(15 * 60), prefetch_after: None }
    }
}

impl RefreshPolicy {
    /// The official tools' policy for ECS instance roles: 15 minutes of margin, prefetch after
    /// one hour.
    pub fn instance_role() -> Self {
        RefreshPolicy { prefetch_after: Some(Duration::from_secs(3600)), ..RefreshPolicy::default() }
    }
}

/// The first backoff after a failed refresh; it doubles with each consecutive failure.
const FAILURE_BACKOFF: Duration = Duration::from_secs(10);
/// The longest backoff after failed refreshes.
const MAX_FAILURE_BACKOFF: Duration = Duration::from_secs(300);

#[derive(Debug, Default)]
struct State {
    cached: Option<Credentials>,
    stale_at: Option<SystemTime>,
    prefetch_at: Option<SystemTime>,
    /// Incremented by every refresh, successful or not.
    generation: u64,
    failures: u32,
    retry_not_before: Option<SystemTime>,
    last_error: Option<CredentialsError>,
    refreshes: u64,
}

enum Decision {
    Fresh(Credentials),
    Prefetch(Credentials),
    Refresh,
}

impl State {
    fn valid(&self, now: SystemTime) -> Option<&Credentials> {
        self.cached.as_ref().filter(|c| c.expiration.map_or(true, |e| now < e))
    }

    fn decide(&self, now: SystemTime) -> Decision {
        let Some(cached) = self.valid(now) else { return Decision::Refresh };
        let backing_off = self.retry_not_before.is_some_and(|t| now < t);
        if self.stale_at.is_some_and(|s| now >= s) {
            return if backing_off { Decision::Fresh(cached.clone()) } else { Decision::Refresh };
        }
        if self.prefetch_at.is_some_and(|p| now >= p) && !backing_off {
            return Decision::Prefetch(cached.clone());
        }
        Decision::Fresh(cached.clone())
    }

    /// What a caller that waited for someone else's refresh gets.
    fn outcome(&self, now: SystemTime) -> Result<Credentials, CredentialsError> {
        match (self.valid(now), &self.last_error) {
            (Some(c), _) => Ok(c.clone()),
            (None, Some(e)) => Err(e.clone()),
            (None, None) => Err(CredentialsError::new("credentials cache", "the cached credentials expired")),
        }
    }
}

/// Caches the credentials of another provider and refreshes them before they expire; see the
/// documentation below.
///
/// The temporary-credential providers of this crate already cache; wrap your own provider when
/// it returns credentials with an [`expiration`](Credentials::expiration).
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use alibabacloud_runtime::credentials::{CredentialsCache, ManualClock, ProvideCredentials, RefreshPolicy};
/// use alibabacloud_runtime::Credentials;
///
/// let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
/// let clock = ManualClock::new(now);
/// let temporary = Credentials::new("STS.id", "secret")
///     .with_security_token("token")
///     .with_expiration(now + Duration::from_secs(3600));
/// let cache = CredentialsCache::new(temporary)
///     .with_policy(RefreshPolicy::default())
///     .with_clock(clock.clone());
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// cache.provide_credentials().await.unwrap();
/// clock.advance(Duration::from_secs(50 * 60)); // within 15 minutes of expiry: refresh
/// cache.provide_credentials().await.unwrap();
/// assert_eq!(cache.refreshes(), 2);
/// # });
/// ```
///
/// Caching and refreshing temporary credentials, with a clock tests can drive.
///
/// [`CredentialsCache`] wraps a provider whose credentials expire (STS, the instance metadata
/// service, a credentials URI) and follows the official Java and Python tools' cache
/// (`RefreshCachedSupplier`):
///
/// - credentials are *stale* 15 minutes before they expire: the next call refreshes them;
/// - an ECS instance role's credentials are also *prefetched* one hour after they were fetched:
///   one caller refreshes while the others keep using the cached value;
/// - concurrent callers never refresh twice: one refreshes, the others wait for its outcome;
/// - a failed refresh keeps the old credentials while they are still valid (the failure is
///   logged as a `tracing` warning and kept in [`CredentialsCache::last_refresh_error`]), and
///   the next attempt waits a backoff (10 s, doubling, at most 5 min) so a broken endpoint is
///   not hammered; credentials past their expiration are never returned.
pub struct CredentialsCache {
    source: Arc<dyn ProvideCredentials>,
    clock: Arc<dyn Clock>,
    policy: RefreshPolicy,
    state: Mutex<State>,
    refresh: tokio::sync::Mutex<()>,
}

impl fmt::Debug for CredentialsCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CredentialsCache")
            .field("source", &self.source)
            .field("policy", &self.policy)
            .finish_non_exhaustive()
    }
}

impl CredentialsCache {
    /// Caches what `source` provides, with the [default policy](RefreshPolicy::default) and the
    /// system clock.
    pub fn new(source: impl ProvideCredentials + 'static) -> Self {
        Self::from_arc(Arc::new(source))
    }

    /// Caches a shared provider.
    pub fn from_arc(source: Arc<dyn ProvideCredentials>) -> Self {
        CredentialsCache {
            source,
            clock: Arc::new(SystemClock),
            policy: RefreshPolicy::default(),
            state: Mutex::new(State::default()),
            refresh: tokio::sync::Mutex::new(()),
        }
    }

    /// Sets the refresh policy.
    pub fn with_policy(mut self, policy: RefreshPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// Sets the clock (a [`ManualClock`] in tests).
    pub fn with_clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// Sets a shared clock.
    pub fn with_shared_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// How many times the source was asked for credentials (successfully or not).
    pub fn refreshes(&self) -> u64 {
        self.lock().refreshes
    }

    /// The error of the last refresh, if it failed (cleared by a successful one).
    pub fn last_refresh_error(&self) -> Option<CredentialsError> {
        self.lock().last_error.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Cached credentials, refreshed first if they are stale.
    pub async fn get(&self) -> Result<Credentials, CredentialsError> {
        let now = self.clock.now();
        let (observed, decision) = {
            let state = self.lock();
            (state.generation, state.decide(now))
        };
        match decision {
            Decision::Fresh(credentials) => return Ok(credentials),
            Decision::Prefetch(credentials) => {
                // One caller refreshes; the others go on with the still-fresh value.
                return match self.refresh.try_lock() {
                    Ok(_guard) if self.lock().generation == observed => self.refresh_now().await,
                    _ => Ok(credentials),
                };
            }
            Decision::Refresh => {}
        }
        let _guard = self.refresh.lock().await;
        {
            let state = self.lock();
            if state.generation != observed {
                // Someone else refreshed while this caller waited: share the outcome.
                return state.outcome(self.clock.now());
            }
        }
        self.refresh_now().await
    }

    /// Calls the source; the caller holds the refresh lock.
    async fn refresh_now(&self) -> Result<Credentials, CredentialsError> {
        let result = self.source.provide_credentials().await;
        let now = self.clock.now();
        let mut state = self.lock();
        state.generation += 1;
        state.refreshes += 1;
        match result {
            Ok(credentials) => {
                if credentials.expiration.is_some_and(|e| e <= now) {
                    let error = CredentialsError::new("credentials cache", "the source returned expired credentials");
                    return Err(self.failed(&mut state, now, error));
                }
                state.stale_at = credentials.expiration.map(|expiration| {
                    let margin_start = expiration.checked_sub(self.policy.stale_margin).unwrap_or(now);
                    if margin_start > now {
                        margin_start
                    } else {
                        // Shorter-lived than the margin: refresh halfway through.
                        now + expiration.duration_since(now).unwrap_or_default() / 2
                    }
                });
                state.prefetch_at = self.policy.prefetch_after.map(|after| now + after);
                state.failures = 0;
                state.retry_not_before = None;
                state.last_error = None;
                state.cached = Some(credentials.clone());
                Ok(credentials)
            }
            Err(error) => Err(self.failed(&mut state, now, error)),
        }
        .or_else(|error| state.valid(now).cloned().ok_or(error))
    }

    fn failed(&self, state: &mut State, now: SystemTime, error: CredentialsError) -> CredentialsError {
        state.failures = state.failures.saturating_add(1);
        let backoff = FAILURE_BACKOFF
            .checked_mul(2u32.saturating_pow(state.failures - 1))
            .unwrap_or(MAX_FAILURE_BACKOFF)
            .min(MAX_FAILURE_BACKOFF);
        state.retry_not_before = Some(now + backoff);
        state.last_error = Some(error.clone());
        let keeping = state.valid(now).is_some();
        tracing::warn!(
            source = error.source_name(),
            error = %error.message(),
            consecutive_failures = state.failures,
            retry_after_s = backoff.as_secs(),
            keeping_cached = keeping,
            "credentials refresh failed"
        );
        error
    }
}

impl ProvideCredentials for CredentialsCache {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(self.get())
    }
}
