//! The ECS instance RAM role.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use super::cache::{Clock, CredentialsCache, RefreshPolicy, SystemClock};
use super::http::{client, describe, temporary_credentials};
use super::{
    Credentials, CredentialsError, CredentialsFuture, Env, ProvideCredentials, ENV_ECS_METADATA,
    ENV_ECS_METADATA_DISABLED, ENV_IMDSV1_DISABLED,
};

/// The metadata service's address.
pub const DEFAULT_ENDPOINT: &str = "http://100.100.100.200";
const TOKEN_PATH: &str = "/latest/api/token";
const ROLE_PATH: &str = "/latest/meta-data/ram/security-credentials/";
const TOKEN_TTL_HEADER: &str = "X-aliyun-ecs-metadata-token-ttl-seconds";
const TOKEN_HEADER: &str = "X-aliyun-ecs-metadata-token";
const SOURCE: &str = "ecs metadata";

/// Why one metadata request failed.
enum Failure {
    Status(u16),
    Transport(String),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Status(status) => write!(f, "HTTP {status}"),
            Failure::Transport(e) => f.write_str(e),
        }
    }
}

struct Imds {
    http: reqwest::Client,
    endpoint: String,
    role_name: Option<String>,
    disable_v1: bool,
    token_ttl: Duration,
    clock: Arc<dyn Clock>,
    token: Mutex<Option<(String, SystemTime)>>,
}

impl fmt::Debug for Imds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InstanceMetadata")
            .field("endpoint", &self.endpoint)
            .field("role_name", &self.role_name)
            .field("disable_imds_v1", &self.disable_v1)
            .finish_non_exhaustive()
    }
}

impl Imds {
    async fn request(&self, method: reqwest::Method, path: &str, token: Option<&str>) -> Result<Vec<u8>, Failure> {
        let mut request = self.http.request(method.clone(), format!("{}{path}", self.endpoint));
        if method == reqwest::Method::PUT {
            request = request.header(TOKEN_TTL_HEADER, self.token_ttl.as_secs().to_string());
        }
        if let Some(token) = token {
            request = request.header(TOKEN_HEADER, token);
        }
        let response = request.send().await.map_err(|e| Failure::Transport(describe(&e)))?;
        let status = response.status().as_u16();
        let body = response.bytes().await.map_err(|e| Failure::Transport(describe(&e)))?;
        if status != 200 {
            return Err(Failure::Status(status));
        }
        Ok(body.to_vec())
    }

    fn forget_token(&self) {
        *self.token.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }

    /// A metadata token (cached until a minute before its TTL ends). `Ok(None)`: hardened mode
    /// failed and the normal mode is allowed.
    async fn token(&self) -> Result<Option<String>, CredentialsError> {
        let now = self.clock.now();
        if let Some((token, expires)) = &*self.token.lock().unwrap_or_else(|p| p.into_inner()) {
            if now + Duration::from_secs(60) < *expires {
                return Ok(Some(token.clone()));
            }
        }
        match self.request(reqwest::Method::PUT, TOKEN_PATH, None).await {
            Ok(body) => {
                let token = String::from_utf8_lossy(&body).trim().to_owned();
                *self.token.lock().unwrap_or_else(|p| p.into_inner()) = Some((token.clone(), now + self.token_ttl));
                Ok(Some(token))
            }
            Err(failure) if self.disable_v1 => Err(CredentialsError::new(
                SOURCE,
                format!(
                    "cannot get a metadata token ({failure}) and the normal mode is disabled ({ENV_IMDSV1_DISABLED})"
                ),
            )),
            Err(failure) => {
                tracing::debug!(error = %failure, "metadata token request failed; using the normal mode");
                Ok(None)
            }
        }
    }

    /// `GET path`, hardened first, then (when allowed) in normal mode.
    async fn get(&self, path: &str) -> Result<Vec<u8>, CredentialsError> {
        let hardened = match self.token().await? {
            None => None,
            Some(token) => match self.request(reqwest::Method::GET, path, Some(&token)).await {
                Ok(body) => return Ok(body),
                Err(Failure::Status(401)) => {
                    // The token expired or was revoked: one new token, one more try.
                    self.forget_token();
                    match self.token().await? {
                        Some(token) => match self.request(reqwest::Method::GET, path, Some(&token)).await {
                            Ok(body) => return Ok(body),
                            Err(failure) => Some(failure),
                        },
                        None => None,
                    }
                }
                Err(failure) => Some(failure),
            },
        };
        if let Some(failure) = &hardened {
            if self.disable_v1 {
                return Err(CredentialsError::new(SOURCE, format!("GET {path} failed in hardened mode: {failure}")));
            }
            tracing::debug!(error = %failure, path, "hardened metadata request failed; trying the normal mode");
        }
        self.request(reqwest::Method::GET, path, None)
            .await
            .map_err(|failure| CredentialsError::new(SOURCE, format!("GET {path} failed: {failure}")))
    }

    async fn fetch(&self) -> Result<Credentials, CredentialsError> {
        let role = match &self.role_name {
            Some(role) => role.clone(),
            None => {
                let body = self.get(ROLE_PATH).await?;
                let role = String::from_utf8_lossy(&body).trim().to_owned();
                if role.is_empty() {
                    return Err(CredentialsError::new(SOURCE, "the instance has no RAM role attached"));
                }
                role
            }
        };
        let body = self.get(&format!("{ROLE_PATH}{role}")).await?;
        temporary_credentials(&body)
            .map_err(|message| CredentialsError::new(SOURCE, format!("role `{role}`: {message}")))
    }
}

impl ProvideCredentials for Imds {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(self.fetch())
    }
}

/// The RAM role of the ECS instance the program runs on; see the
/// documentation below. Credentials are cached, prefetched an hour after they were
/// fetched and refreshed 15 minutes before they expire.
///
/// ```no_run
/// use alibabacloud_runtime::credentials::EcsRamRoleProvider;
///
/// let provider = EcsRamRoleProvider::builder().role_name("my-ecs-role").build()?;
/// # Ok::<(), alibabacloud_runtime::credentials::CredentialsError>(())
/// ```
///
/// The RAM role of an ECS instance (or an ECI container), from the instance metadata service.
///
/// As the official tools do, in hardened mode first (IMDSv2): `PUT /latest/api/token` with
/// `X-aliyun-ecs-metadata-token-ttl-seconds: 21600`, then every `GET` with
/// `X-aliyun-ecs-metadata-token`. If a step of the hardened path fails (the token request or a
/// later `GET`), the request is made again in normal mode (IMDSv1, no token), unless
/// `ALIBABA_CLOUD_IMDSV1_DISABLED=true` (or [`EcsRamRoleProviderBuilder::disable_imds_v1`]) makes
/// that an error. The role name comes from `ALIBABA_CLOUD_ECS_METADATA` or is asked for
/// (`GET /latest/meta-data/ram/security-credentials/`). Timeouts: 1 s to connect, 1 s to read.
///
/// Unlike the official tools, a metadata token is kept until shortly before its TTL ends (they
/// ask for one per request), and a token the service rejects (HTTP 401) is replaced once before
/// falling back.
#[derive(Debug)]
pub struct EcsRamRoleProvider {
    cache: CredentialsCache,
}

/// Builds an [`EcsRamRoleProvider`].
#[derive(Debug)]
pub struct EcsRamRoleProviderBuilder {
    role_name: Option<String>,
    disable_v1: Option<bool>,
    endpoint: String,
    connect_timeout: Duration,
    read_timeout: Duration,
    token_ttl: Duration,
    env: Env,
    clock: Arc<dyn Clock>,
}

impl EcsRamRoleProvider {
    /// A builder with the official defaults.
    pub fn builder() -> EcsRamRoleProviderBuilder {
        EcsRamRoleProviderBuilder {
            role_name: None,
            disable_v1: None,
            endpoint: DEFAULT_ENDPOINT.to_owned(),
            connect_timeout: Duration::from_secs(1),
            read_timeout: Duration::from_secs(1),
            token_ttl: Duration::from_secs(21600),
            env: Env::process(),
            clock: Arc::new(SystemClock),
        }
    }

    /// How many times the metadata service was asked for credentials.
    pub fn refreshes(&self) -> u64 {
        self.cache.refreshes()
    }
}

impl EcsRamRoleProviderBuilder {
    /// The instance's role name; default `ALIBABA_CLOUD_ECS_METADATA`, else asked for.
    pub fn role_name(mut self, name: impl Into<String>) -> Self {
        self.role_name = Some(name.into());
        self
    }

    /// `true`: a failure in hardened mode is an error, never a retry in normal mode; default
    /// `ALIBABA_CLOUD_IMDSV1_DISABLED`.
    pub fn disable_imds_v1(mut self, disable: bool) -> Self {
        self.disable_v1 = Some(disable);
        self
    }

    /// The metadata service's base URL (default `http://100.100.100.200`; a loopback fake in
    /// tests).
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = endpoint.into().trim_end_matches('/').to_owned();
        self
    }

    /// Time allowed to connect; default 1 s.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Longest wait for data; default 1 s.
    pub fn read_timeout(mut self, timeout: Duration) -> Self {
        self.read_timeout = timeout;
        self
    }

    /// The TTL asked for metadata tokens; default 6 hours.
    pub fn metadata_token_ttl(mut self, ttl: Duration) -> Self {
        self.token_ttl = ttl;
        self
    }

    /// Reads defaults from `env` instead of the process environment.
    pub fn env(mut self, env: Env) -> Self {
        self.env = env;
        self
    }

    /// The clock of the cache and of the metadata token.
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Builds the provider; an error when `ALIBABA_CLOUD_ECS_METADATA_DISABLED=true`.
    pub fn build(self) -> Result<EcsRamRoleProvider, CredentialsError> {
        if self.env.is_true(ENV_ECS_METADATA_DISABLED) {
            return Err(CredentialsError::new(SOURCE, format!("disabled by {ENV_ECS_METADATA_DISABLED}")));
        }
        let imds = Imds {
            http: client(self.connect_timeout, self.read_timeout, true)?,
            endpoint: self.endpoint,
            role_name: self.role_name.filter(|r| !r.is_empty()).or_else(|| self.env.get(ENV_ECS_METADATA)),
            disable_v1: self.disable_v1.unwrap_or_else(|| self.env.is_true(ENV_IMDSV1_DISABLED)),
            token_ttl: self.token_ttl,
            clock: self.clock.clone(),
            token: Mutex::new(None),
        };
        Ok(EcsRamRoleProvider {
            cache: CredentialsCache::new(imds)
                .with_policy(RefreshPolicy::instance_role())
                .with_shared_clock(self.clock),
        })
    }
}

impl ProvideCredentials for EcsRamRoleProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        self.cache.provide_credentials()
    }
}
