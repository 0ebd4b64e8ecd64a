//! Credentials from a URI.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use super::cache::{Clock, CredentialsCache, SystemClock};
use super::http::{client, describe, temporary_credentials};
use super::{Credentials, CredentialsError, CredentialsFuture, Env, ProvideCredentials, ENV_CREDENTIALS_URI};

const SOURCE: &str = "credentials uri";

struct Fetch {
    http: reqwest::Client,
    uri: reqwest::Url,
}

impl Fetch {
    /// The URI without its query (which may hold a token), for messages.
    fn shown(&self) -> String {
        let port = self.uri.port().map(|p| format!(":{p}")).unwrap_or_default();
        format!("{}://{}{port}{}", self.uri.scheme(), self.uri.host_str().unwrap_or_default(), self.uri.path())
    }

    async fn fetch(&self) -> Result<Credentials, CredentialsError> {
        let error = |message: String| CredentialsError::new(SOURCE, format!("{}: {message}", self.shown()));
        let response = self.http.get(self.uri.clone()).send().await.map_err(|e| error(describe(&e)))?;
        let status = response.status().as_u16();
        let body = response.bytes().await.map_err(|e| error(describe(&e)))?;
        if status != 200 {
            return Err(error(format!("answered HTTP {status}")));
        }
        temporary_credentials(&body).map_err(error)
    }
}

impl fmt::Debug for Fetch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CredentialsUri").field("uri", &self.shown()).finish()
    }
}

impl ProvideCredentials for Fetch {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(self.fetch())
    }
}

/// Temporary credentials from a URL. Cached and
/// refreshed 15 minutes before they expire.
///
/// ```
/// use alibabacloud_runtime::credentials::UriProvider;
///
/// let provider = UriProvider::new("http://127.0.0.1:8080/credentials").unwrap();
/// # let _ = provider;
/// assert!(UriProvider::new("not a url").is_err());
/// ```
///
/// Temporary credentials from a URL (`ALIBABA_CLOUD_CREDENTIALS_URI`): a `GET` answering the
/// metadata service's JSON (`Code`, `AccessKeyId`, `AccessKeySecret`, `SecurityToken`,
/// `Expiration`). Timeouts as in the official tools: 5 s to connect, 10 s to read.
#[derive(Debug)]
pub struct UriProvider {
    cache: CredentialsCache,
}

impl UriProvider {
    /// Fetches from `uri`, with the default timeouts and the system clock.
    pub fn new(uri: &str) -> Result<Self, CredentialsError> {
        Self::with_options(uri, Duration::from_secs(5), Duration::from_secs(10), Arc::new(SystemClock))
    }

    /// Fetches from `ALIBABA_CLOUD_CREDENTIALS_URI`; `None` when it is not set.
    pub fn from_env(env: &Env) -> Option<Result<Self, CredentialsError>> {
        env.get(ENV_CREDENTIALS_URI).map(|uri| Self::new(&uri))
    }

    /// Fetches from `uri` with these timeouts and this clock.
    pub fn with_options(
        uri: &str,
        connect_timeout: Duration,
        read_timeout: Duration,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, CredentialsError> {
        let parsed = reqwest::Url::parse(uri)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https"))
            .ok_or_else(|| CredentialsError::new(SOURCE, "not an http(s) URL"))?;
        let fetch = Fetch { http: client(connect_timeout, read_timeout, false)?, uri: parsed };
        Ok(UriProvider { cache: CredentialsCache::new(fetch).with_shared_clock(clock) })
    }

    /// How many times the URL was called.
    pub fn refreshes(&self) -> u64 {
        self.cache.refreshes()
    }
}

impl ProvideCredentials for UriProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        self.cache.provide_credentials()
    }
}
