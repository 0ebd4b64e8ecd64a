//! The generic client: configuration, and one call = validate, encode, sign, send, retry, parse.
//!
//! Generated clients hold a [`Client`] and call [`Client::invoke`] once per operation method.
//! `invoke` is a thin generic shell; the work is done by the non-generic [`Client::send`], so each
//! operation adds little machine code.

use std::fmt;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tracing::Instrument;

use crate::call::{CallOptions, ClientTokenPolicy, OperationRequest, RESERVED_HEADERS};
use crate::credentials::{Clock, Credentials, CredentialsError, DefaultChain, ProvideCredentials, SystemClock};
use crate::de;
use crate::encode::Encode;
use crate::error::{
    ConstructionError, OperationError, ResponseError, SdkError, ServiceError, TransportError, TransportErrorKind,
};
use crate::operation::{Location, Operation};
use crate::retry::RetryConfig;
use crate::sign::{self, SignableRequest};
use crate::validate::Validate;
use crate::wire::EncodedRequest;

mod styled;
pub use styled::{Headers, Output, StyledBody};

/// Whether requests are validated before they are sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ValidationMode {
    /// Validate every request; a violation fails the call with [`SdkError::Validation`] and
    /// nothing is sent.
    #[default]
    Strict,
    /// Send requests as they are and let the service judge them.
    Lenient,
}

/// Why a [`Config`] or [`Client`] could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// No region was given.
    #[error("no region was configured")]
    MissingRegion,
    /// The endpoint override is not a usable URL.
    #[error("invalid endpoint `{endpoint}`: {reason}")]
    InvalidEndpoint {
        /// The endpoint given.
        endpoint: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The HTTP client could not be built.
    #[error("cannot build the HTTP client: {0}")]
    Http(String),
}

/// Where requests go when the endpoint is overridden.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Endpoint {
    scheme: String,
    /// `host` or `host:port`, as sent in the `host` header.
    authority: String,
    /// A path prefix, without a trailing `/` (usually empty).
    base_path: String,
    loopback: bool,
}

impl Endpoint {
    fn parse(endpoint: &str) -> Result<Self, ConfigError> {
        let invalid =
            |reason: &str| ConfigError::InvalidEndpoint { endpoint: endpoint.to_owned(), reason: reason.to_owned() };
        let with_scheme = if endpoint.contains("://") { endpoint.to_owned() } else { format!("https://{endpoint}") };
        let url = reqwest::Url::parse(&with_scheme).map_err(|e| invalid(&e.to_string()))?;
        if url.scheme() != "http" && url.scheme() != "https" {
            return Err(invalid("the scheme must be http or https"));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(invalid("an endpoint has no query or fragment"));
        }
        let host = url.host_str().ok_or_else(|| invalid("no host"))?;
        let authority = match url.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_owned(),
        };
        let bare = host.trim_start_matches('[').trim_end_matches(']');
        let loopback =
            bare.eq_ignore_ascii_case("localhost") || bare.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback());
        Ok(Endpoint {
            scheme: url.scheme().to_owned(),
            authority,
            base_path: url.path().trim_end_matches('/').to_owned(),
            loopback,
        })
    }
}

/// Environment variable read by [`Config::from_env`] for the region.
pub const ENV_REGION: &str = "ALIBABA_CLOUD_REGION_ID";

/// Client configuration; see [`Config::builder`].
///
/// ```
/// use alibabacloud_runtime::Config;
///
/// // Credentials from the environment, then the aliyun CLI's profile file, at each call.
/// let config = Config::from_env().region("cn-hangzhou").build().unwrap();
/// assert_eq!(config.region(), "cn-hangzhou");
/// ```
#[derive(Clone)]
pub struct Config {
    region: String,
    /// `None`: requests are sent unsigned (anonymous operations such as `AssumeRoleWithOIDC`).
    credentials: Option<Arc<dyn ProvideCredentials>>,
    endpoint: Option<Endpoint>,
    connect_timeout: Duration,
    read_timeout: Duration,
    retry: RetryConfig,
    validation: ValidationMode,
    user_agent: String,
    jitter_seed: Option<u64>,
    clock: Arc<dyn Clock>,
    http: reqwest::Client,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("region", &self.region)
            .field("credentials", &self.credentials)
            .field("endpoint", &self.endpoint)
            .field("connect_timeout", &self.connect_timeout)
            .field("read_timeout", &self.read_timeout)
            .field("retry", &self.retry)
            .field("validation", &self.validation)
            .field("user_agent", &self.user_agent)
            .finish()
    }
}

impl Config {
    /// A builder; only the region is required.
    ///
    /// ```
    /// use std::time::Duration;
    /// use alibabacloud_runtime::{Config, Credentials, RetryConfig, ValidationMode};
    ///
    /// let config = Config::builder()
    ///     .region("cn-hangzhou")
    ///     .credentials(Credentials::new("id", "secret"))
    ///     .endpoint("http://127.0.0.1:8080")
    ///     .connect_timeout(Duration::from_secs(2))
    ///     .read_timeout(Duration::from_secs(10))
    ///     .retry(RetryConfig::default().with_max_attempts(4))
    ///     .validation(ValidationMode::Strict)
    ///     .user_agent("my-app/1.0")
    ///     .build()
    ///     .unwrap();
    /// assert_eq!(config.region(), "cn-hangzhou");
    /// ```
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// A builder set up from the environment: the region from `ALIBABA_CLOUD_REGION_ID` when
    /// it is set, credentials from the [`DefaultChain`] (environment, OIDC role, `aliyun` CLI
    /// file, INI file, ECS instance role, credentials URI). Every setting can still be changed.
    pub fn from_env() -> ConfigBuilder {
        let builder = ConfigBuilder::default().credentials(DefaultChain::new());
        match std::env::var(ENV_REGION) {
            Ok(region) if !region.trim().is_empty() => builder.region(region),
            _ => builder,
        }
    }

    /// The region calls go to.
    pub fn region(&self) -> &str {
        &self.region
    }

    /// The retry settings.
    pub fn retry(&self) -> &RetryConfig {
        &self.retry
    }

    /// The validation mode.
    pub fn validation(&self) -> ValidationMode {
        self.validation
    }

    /// The `user-agent` sent.
    pub fn user_agent(&self) -> &str {
        &self.user_agent
    }

    /// The connect timeout.
    pub fn connect_timeout(&self) -> Duration {
        self.connect_timeout
    }

    /// The read timeout (longest wait for data once connected).
    pub fn read_timeout(&self) -> Duration {
        self.read_timeout
    }
}

/// Builds a [`Config`].
#[derive(Default)]
pub struct ConfigBuilder {
    region: Option<String>,
    credentials: Option<Arc<dyn ProvideCredentials>>,
    anonymous: bool,
    clock: Option<Arc<dyn Clock>>,
    endpoint: Option<String>,
    connect_timeout: Option<Duration>,
    read_timeout: Option<Duration>,
    retry: Option<RetryConfig>,
    validation: ValidationMode,
    user_agent: Option<String>,
    jitter_seed: Option<u64>,
}

impl fmt::Debug for ConfigBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConfigBuilder")
            .field("region", &self.region)
            .field("endpoint", &self.endpoint)
            .finish_non_exhaustive()
    }
}

impl ConfigBuilder {
    /// The region (`cn-hangzhou`); required.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// The credentials provider (a [`crate::Credentials`] value works); default
    /// [`DefaultChain`].
    pub fn credentials(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.credentials = Some(Arc::new(provider));
        self
    }

    /// A shared credentials provider.
    pub fn credentials_provider(mut self, provider: Arc<dyn ProvideCredentials>) -> Self {
        self.credentials = Some(provider);
        self
    }

    /// Sends requests unsigned, with no credentials: for operations the service answers
    /// anonymously (STS `AssumeRoleWithOIDC`, where the OIDC token is the proof).
    pub fn anonymous(mut self) -> Self {
        self.anonymous = true;
        self
    }

    /// The clock that dates signed requests (default: the system clock; a
    /// [`ManualClock`](crate::credentials::ManualClock) in tests).
    pub fn clock(self, clock: impl Clock + 'static) -> Self {
        self.clock_shared(Arc::new(clock))
    }

    /// A shared clock.
    pub fn clock_shared(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = Some(clock);
        self
    }

    /// Sends every call to this URL instead of the product endpoint: `https://host`,
    /// `http://127.0.0.1:8080`, or a bare host (HTTPS).
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = Some(endpoint.into());
        self
    }

    /// Time allowed to establish a connection; default 5 s.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// Longest wait for data once connected; default 10 s.
    pub fn read_timeout(mut self, timeout: Duration) -> Self {
        self.read_timeout = Some(timeout);
        self
    }

    /// Retry settings; default [`RetryConfig::default`].
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.retry = Some(retry);
        self
    }

    /// Validation mode; default [`ValidationMode::Strict`].
    pub fn validation(mut self, mode: ValidationMode) -> Self {
        self.validation = mode;
        self
    }

    /// The `user-agent` header; default `alibabacloud-rust-sdk/<version> (<os>; <arch>)`.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Seeds the jitter's random source, for reproducible delays in tests.
    pub fn jitter_seed(mut self, seed: u64) -> Self {
        self.jitter_seed = Some(seed);
        self
    }

    /// Checks the settings and builds the configuration, HTTP client included.
    pub fn build(self) -> Result<Config, ConfigError> {
        let region = self.region.filter(|r| !r.trim().is_empty()).ok_or(ConfigError::MissingRegion)?;
        let endpoint = self.endpoint.as_deref().map(Endpoint::parse).transpose()?;
        let connect_timeout = self.connect_timeout.unwrap_or(Duration::from_secs(5));
        let read_timeout = self.read_timeout.unwrap_or(Duration::from_secs(10));
        let mut http = reqwest::Client::builder()
            .connect_timeout(connect_timeout)
            .read_timeout(read_timeout)
            .redirect(reqwest::redirect::Policy::none());
        if endpoint.as_ref().is_some_and(|e| e.loopback) {
            http = http.no_proxy();
        }
        let http = http.build().map_err(|e| ConfigError::Http(e.to_string()))?;
        Ok(Config {
            region,
            credentials: if self.anonymous {
                None
            } else {
                Some(self.credentials.unwrap_or_else(|| Arc::new(DefaultChain::new())))
            },
            endpoint,
            connect_timeout,
            read_timeout,
            retry: self.retry.unwrap_or_default(),
            validation: self.validation,
            user_agent: self.user_agent.unwrap_or_else(|| {
                format!(
                    "alibabacloud-rust-sdk/{} ({}; {})",
                    env!("CARGO_PKG_VERSION"),
                    std::env::consts::OS,
                    std::env::consts::ARCH
                )
            }),
            jitter_seed: self.jitter_seed,
            clock: self.clock.unwrap_or_else(|| Arc::new(SystemClock)),
            http,
        })
    }
}

/// A successful answer (2xx), before its body is parsed.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct RawResponse {
    /// The HTTP status.
    pub status: u16,
    /// The body.
    pub body: Vec<u8>,
    /// How many attempts the call took.
    pub attempts: u32,
}

/// Why [`Client::send`] failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum RawFailure {
    /// No credentials.
    Credentials(CredentialsError),
    /// The request could not be built.
    Construction(ConstructionError),
    /// Transport failure, after the retries allowed.
    Transport(TransportError),
    /// An error answer, after the retries allowed.
    Service(Box<ServiceError>),
}

impl RawFailure {
    /// Converts into the call's error, classifying a service error with `E`.
    pub fn into_sdk_error<E: OperationError>(self) -> SdkError<E> {
        match self {
            RawFailure::Credentials(e) => SdkError::Credentials(e),
            RawFailure::Construction(e) => SdkError::Construction(e),
            RawFailure::Transport(e) => SdkError::Transport(e),
            RawFailure::Service(e) => SdkError::Service(E::from_service_error(*e)),
        }
    }
}

/// Parses a success body ([`de::from_slice`]); an empty body reads as `{}`.
pub fn parse_response<Resp: de::Object>(raw: &RawResponse) -> Result<Resp, ResponseError> {
    let body: &[u8] = if raw.body.iter().all(u8::is_ascii_whitespace) { b"{}" } else { &raw.body };
    de::from_slice(body).map_err(|source| ResponseError {
        http_status: raw.status,
        body: String::from_utf8_lossy(&raw.body).into_owned(),
        source,
    })
}

struct Inner {
    config: Config,
    rng: Mutex<fastrand::Rng>,
}

/// The generic client. Cheap to clone: clones share the connection pool.
///
/// Generated crates wrap it in a `Client` per product with one method per operation; build that
/// one the same way (`alibabacloud_flowlog::vpc::Client::new(config)`).
///
/// ```
/// use alibabacloud_runtime::{Client, Config, Credentials};
///
/// let config = Config::builder().region("cn-hangzhou").credentials(Credentials::new("id", "secret")).build().unwrap();
/// let client = Client::new(config);
/// assert_eq!(client.config().region(), "cn-hangzhou");
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client").field("config", &self.inner.config).finish_non_exhaustive()
    }
}

impl Client {
    /// A client over `config` (cheap: the HTTP client was built with the configuration).
    pub fn new(config: Config) -> Self {
        let rng = match config.jitter_seed {
            Some(seed) => fastrand::Rng::with_seed(seed),
            None => fastrand::Rng::new(),
        };
        Client { inner: Arc::new(Inner { config, rng: Mutex::new(rng) }) }
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// Calls `op` with `request`: validates it (unless lenient), encodes it ([`Encode`]), sends
    /// it with retries, and parses the answer into `Resp` ([`de::Object`]) or the error into `E`.
    pub async fn invoke<Req, Resp, E>(&self, op: &'static Operation, request: &Req) -> Result<Resp, SdkError<E>>
    where
        Req: Encode + Validate + ?Sized,
        Resp: de::Object,
        E: OperationError,
    {
        self.invoke_with(op, request, &CallOptions::default()).await
    }

    /// [`Client::invoke`] with per-call overrides (timeouts, retries, endpoint, validation,
    /// headers, `ClientToken` policy, credentials); what `options` leaves unset comes from the
    /// [`Config`].
    pub async fn invoke_with<Req, Resp, E>(
        &self,
        op: &'static Operation,
        request: &Req,
        options: &CallOptions,
    ) -> Result<Resp, SdkError<E>>
    where
        Req: Encode + Validate + ?Sized,
        Resp: de::Object,
        E: OperationError,
    {
        if options.validation.unwrap_or(self.inner.config.validation) == ValidationMode::Strict {
            request.validate().map_err(SdkError::Validation)?;
        }
        let encoded = request.encode(op).map_err(SdkError::Construction)?;
        let raw = self.send_with(op, encoded, options).await.map_err(RawFailure::into_sdk_error)?;
        parse_response(&raw).map_err(SdkError::Response)
    }

    /// Sends any request whose type names its operation ([`OperationRequest`], implemented by
    /// generated requests), with per-call options: [`Client::invoke_with`] without naming the
    /// operation, response and error.
    pub async fn execute<R: OperationRequest>(
        &self,
        request: &R,
        options: &CallOptions,
    ) -> Result<R::Response, SdkError<R::Error>> {
        match R::binding() {
            None => self.invoke_with(R::operation(), request, options).await,
            Some(binding) => self.execute_styled(request, binding, None, options).await,
        }
    }

    /// Sends an encoded request with the configuration's settings; see [`Client::send_with`].
    pub async fn send(&self, op: &'static Operation, request: EncodedRequest) -> Result<RawResponse, RawFailure> {
        self.send_with(op, request, &CallOptions::default()).await
    }

    /// Sends an encoded request: fills in the `ClientToken` if the operation has one and the
    /// caller gave none (the same value on every attempt), signs each attempt afresh (new date
    /// and nonce, credentials asked again so a refreshed token is used), and retries what the
    /// retry policy allows (throttling, transient service errors, connect and timeout failures)
    /// with backoff, up to the attempts allowed. `options` overrides the configuration for this
    /// call.
    pub async fn send_with(
        &self,
        op: &'static Operation,
        request: EncodedRequest,
        options: &CallOptions,
    ) -> Result<RawResponse, RawFailure> {
        let attempts = AtomicU32::new(0);
        self.traced_call(op, options, &attempts, self.attempts(op, request, options, &attempts)).await
    }

    /// Runs the attempts of one call (`call`, which counts them in `attempts`) in the call's
    /// tracing span, bounded by the operation timeout of `options` if any: past it, a timeout
    /// error that says how many attempts were made.
    async fn traced_call<T>(
        &self,
        op: &'static Operation,
        options: &CallOptions,
        attempts: &AtomicU32,
        call: impl std::future::Future<Output = Result<T, RawFailure>>,
    ) -> Result<T, RawFailure> {
        let span = tracing::info_span!(
            "alibabacloud.call",
            product = op.service.product,
            action = op.action,
            region = %self.inner.config.region,
        );
        let call = call.instrument(span);
        match options.operation_timeout {
            None => call.await,
            Some(limit) => tokio::time::timeout(limit, call).await.unwrap_or_else(|_| {
                let message = format!("the operation timeout of {limit:?} elapsed");
                Err(RawFailure::Transport(TransportError::new(
                    TransportErrorKind::Timeout,
                    attempts.load(Ordering::Relaxed),
                    std::io::Error::new(std::io::ErrorKind::TimedOut, message),
                )))
            }),
        }
    }

    async fn attempts(
        &self,
        op: &'static Operation,
        mut request: EncodedRequest,
        options: &CallOptions,
        attempts: &AtomicU32,
    ) -> Result<RawResponse, RawFailure> {
        let config = &self.inner.config;
        let retry = options.retry.as_ref().unwrap_or(&config.retry);
        let endpoint = match &options.endpoint {
            Some(e) => {
                Some(Endpoint::parse(e).map_err(|e| RawFailure::Construction(ConstructionError::new(e.to_string())))?)
            }
            None => config.endpoint.clone(),
        };
        if let Some((name, _)) =
            options.headers.iter().find(|(name, _)| RESERVED_HEADERS.iter().any(|r| name.eq_ignore_ascii_case(r)))
        {
            return Err(RawFailure::Construction(ConstructionError::new(format!(
                "the header `{name}` is set by the client and cannot be overridden"
            ))));
        }
        if let Some(name) = op.client_token {
            if !request.has_param(name) {
                if let Some(token) = options.client_token.as_ref().unwrap_or(&ClientTokenPolicy::Generate).token() {
                    let location = op.param(name).map_or(Location::Query, |p| p.location);
                    request.push(location, name, token);
                }
            }
        }
        let target = self.target(op, &request, endpoint.as_ref());
        let (body, content_type) = request.body();
        let mut headers = vec![
            ("host".to_owned(), target.authority.clone()),
            ("x-acs-action".to_owned(), op.action.to_owned()),
            ("x-acs-version".to_owned(), op.service.version.to_owned()),
        ];
        if let Some(content_type) = content_type {
            headers.push(("content-type".to_owned(), content_type.to_owned()));
        }
        headers.extend(request.headers.iter().cloned());
        headers.extend(options.headers.iter().map(|(k, v)| (k.to_ascii_lowercase(), v.clone())));
        let url = target.url(&request.query);
        let provider = options.credentials.as_ref().or(config.credentials.as_ref());

        loop {
            let attempt = attempts.fetch_add(1, Ordering::Relaxed) + 1;
            let credentials = match provider {
                Some(p) => Some(p.provide_credentials().await.map_err(RawFailure::Credentials)?),
                None => None,
            };
            let signed = self.sign(op, &target, &request.query, &headers, &body, credentials.as_ref());
            let mut http_request =
                self.build_request(op, &url, &headers, &signed, &body).map_err(RawFailure::Construction)?;
            if let Some(limit) = options.attempt_timeout {
                *http_request.timeout_mut() = Some(limit);
            }
            let outcome = match config.http.execute(http_request).await {
                Ok(response) => {
                    let status = response.status().as_u16();
                    let response_headers: Vec<(String, String)> = response
                        .headers()
                        .iter()
                        .map(|(k, v)| (k.as_str().to_owned(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
                        .collect();
                    response.bytes().await.map(|b| (status, response_headers, Vec::from(b)))
                }
                Err(e) => Err(e),
            };
            match outcome {
                Ok((status, _, body)) if (200..300).contains(&status) => {
                    tracing::debug!(attempt, status, "attempt succeeded");
                    return Ok(RawResponse { status, body, attempts: attempt });
                }
                Ok((status, response_headers, body)) => {
                    let mut error = ServiceError::from_response(status, &response_headers, &body);
                    error.attempts = attempt;
                    if retry.should_retry(&error) && attempt < retry.max_attempts {
                        let delay = self.delay(retry, attempt, error.retry_after);
                        tracing::debug!(
                            attempt,
                            status,
                            code = %error.code,
                            request_id = error.request_id.as_deref().unwrap_or(""),
                            retry_delay_ms = delay.as_millis() as u64,
                            "attempt failed; retrying"
                        );
                        tokio::time::sleep(delay).await;
                        continue;
                    }
                    tracing::debug!(
                        attempt,
                        status,
                        code = %error.code,
                        request_id = error.request_id.as_deref().unwrap_or(""),
                        "attempt failed"
                    );
                    return Err(RawFailure::Service(Box::new(error)));
                }
                Err(e) => {
                    let kind = if e.is_timeout() {
                        TransportErrorKind::Timeout
                    } else if e.is_connect() {
                        TransportErrorKind::Connect
                    } else {
                        TransportErrorKind::Other
                    };
                    let retryable = kind != TransportErrorKind::Other || e.is_request();
                    if retryable && attempt < retry.max_attempts {
                        let delay = self.delay(retry, attempt, None);
                        tracing::debug!(
                            attempt,
                            error = %kind,
                            retry_delay_ms = delay.as_millis() as u64,
                            "attempt failed; retrying"
                        );
                        tokio::time::sleep(delay).await;
                        continue;
                    }
                    tracing::debug!(attempt, error = %kind, "attempt failed");
                    // The URL is left out: its query string may hold a token (AssumeRoleWithOIDC).
                    return Err(RawFailure::Transport(TransportError::new(kind, attempt, e.without_url())));
                }
            }
        }
    }

    /// The headers that authenticate one attempt: a V3 signature, or for an anonymous call the
    /// date, nonce and content hash alone. A new date and nonce every time.
    fn sign(
        &self,
        op: &Operation,
        target: &Target,
        query: &[(String, String)],
        headers: &[(String, String)],
        body: &[u8],
        credentials: Option<&Credentials>,
    ) -> Vec<(&'static str, String)> {
        let nonce = uuid::Uuid::new_v4().simple().to_string();
        let date = self.inner.config.clock.now();
        match credentials {
            Some(credentials) => {
                let request = SignableRequest { method: op.method.as_str(), path: &target.path, query, headers, body };
                sign::sign(&request, credentials, date, &nonce).headers
            }
            None => vec![
                ("x-acs-date", sign::format_date(date)),
                ("x-acs-signature-nonce", nonce),
                ("x-acs-content-sha256", sign::hex_sha256(body)),
            ],
        }
    }

    fn delay(&self, retry: &RetryConfig, attempt: u32, retry_after: Option<Duration>) -> Duration {
        let sample = self.inner.rng.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).f64();
        retry.delay(attempt, retry_after, sample)
    }

    fn target(&self, op: &Operation, request: &EncodedRequest, endpoint: Option<&Endpoint>) -> Target {
        let config = &self.inner.config;
        let (scheme, authority, base_path) = match endpoint {
            Some(e) => (e.scheme.clone(), e.authority.clone(), e.base_path.clone()),
            None => ("https".to_owned(), op.service.endpoint_for(&config.region), String::new()),
        };
        Target { scheme, authority, path: format!("{base_path}{}", request.path) }
    }

    /// A request without its body: the method, the URL, the headers decided before signing, the
    /// ones the signer added, and the client's `user-agent` (every protocol sends it this way).
    fn request_head(
        &self,
        method: &str,
        url: &str,
        headers: &[(String, String)],
        signed: &[(&'static str, String)],
    ) -> Result<reqwest::Request, ConstructionError> {
        let method =
            reqwest::Method::from_bytes(method.as_bytes()).map_err(|e| ConstructionError::new(e.to_string()))?;
        let url = reqwest::Url::parse(url).map_err(|e| ConstructionError::new(format!("invalid URL: {e}")))?;
        let mut request = reqwest::Request::new(method, url);
        let map = request.headers_mut();
        let all = headers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .chain(signed.iter().map(|(k, v)| (*k, v.as_str())))
            .chain(std::iter::once(("user-agent", self.inner.config.user_agent.as_str())));
        for (name, value) in all {
            let name = reqwest::header::HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| ConstructionError::new(format!("invalid header name `{name}`")))?;
            let value = reqwest::header::HeaderValue::from_bytes(value.as_bytes())
                .map_err(|_| ConstructionError::new(format!("invalid value for header `{name}`")))?;
            map.append(name, value);
        }
        Ok(request)
    }

    fn build_request(
        &self,
        op: &Operation,
        url: &str,
        headers: &[(String, String)],
        signed: &[(&'static str, String)],
        body: &[u8],
    ) -> Result<reqwest::Request, ConstructionError> {
        let mut request = self.request_head(op.method.as_str(), url, headers, signed)?;
        if !body.is_empty() {
            *request.body_mut() = Some(body.to_vec().into());
        }
        Ok(request)
    }
}

struct Target {
    scheme: String,
    authority: String,
    /// The unencoded path, base path included.
    path: String,
}

impl Target {
    fn url(&self, query: &[(String, String)]) -> String {
        // Path parameters were percent-encoded when they were filled in.
        let mut url = format!("{}://{}{}", self.scheme, self.authority, sign::normalize_path(&self.path));
        if !query.is_empty() {
            url.push('?');
            url.push_str(&sign::canonical_query(query));
        }
        url
    }
}

#[cfg(test)]
#[path = "client_tests.rs"]
mod tests;
