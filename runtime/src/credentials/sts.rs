//! Roles through STS: [`RamRoleArnProvider`] (`AssumeRole`, signed with another provider's
//! credentials) and [`OidcRoleProvider`] (`AssumeRoleWithOIDC`, anonymous: the OIDC token is
//! the proof), both called through the generated [`crate::sts`] client.
//!
//! Defaults are the official tools': session name `credentials-<language>-<unix time>` (here
//! `credentials-rust-…`) unless `ALIBABA_CLOUD_ROLE_SESSION_NAME` says otherwise, 3600 s
//! sessions (at least 900), the endpoint `sts.aliyuncs.com` (`sts.<region>.aliyuncs.com` with
//! `ALIBABA_CLOUD_STS_REGION`, `sts-vpc.<region>…` with `ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED=true`),
//! 5 s to connect and 10 s to read.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use super::cache::{Clock, CredentialsCache, RefreshPolicy, SystemClock};
use super::http::parse_time;
use super::{
    Credentials, CredentialsError, CredentialsFuture, Env, ProvideCredentials, ENV_OIDC_PROVIDER_ARN,
    ENV_OIDC_TOKEN_FILE, ENV_ROLE_ARN, ENV_ROLE_SESSION_NAME, ENV_STS_REGION, ENV_VPC_ENDPOINT_ENABLED,
};
use crate::client::{Config, ConfigBuilder};
use crate::error::{OperationError, SdkError};

/// The default session length, in seconds.
pub const DEFAULT_DURATION_SECONDS: u64 = 3600;
/// The shortest session STS grants, in seconds.
pub const MIN_DURATION_SECONDS: u64 = 900;

/// Where and how to call STS.
///
/// ```
/// use std::time::Duration;
/// use alibabacloud_runtime::credentials::StsSettings;
///
/// let sts = StsSettings::new().region("cn-hangzhou").vpc(true).connect_timeout(Duration::from_secs(2));
/// # let _ = sts;
/// let local = StsSettings::new().endpoint("http://127.0.0.1:8080"); // a fake, in tests
/// # let _ = local;
/// ```
#[derive(Debug, Clone, Default)]
pub struct StsSettings {
    endpoint: Option<String>,
    region: Option<String>,
    vpc: Option<bool>,
    connect_timeout: Option<Duration>,
    read_timeout: Option<Duration>,
}

impl StsSettings {
    /// The defaults (endpoint from the environment, else `sts.aliyuncs.com`).
    pub fn new() -> Self {
        Self::default()
    }

    /// Calls this endpoint (a URL or a host), whatever the region says.
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = Some(endpoint.into());
        self
    }

    /// Calls `sts.<region>.aliyuncs.com` (default: `ALIBABA_CLOUD_STS_REGION`).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Calls the VPC endpoint `sts-vpc.<region>.aliyuncs.com` (default:
    /// `ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED`).
    pub fn vpc(mut self, vpc: bool) -> Self {
        self.vpc = Some(vpc);
        self
    }

    /// Time allowed to connect; default 5 s.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// Longest wait for data; default 10 s.
    pub fn read_timeout(mut self, timeout: Duration) -> Self {
        self.read_timeout = Some(timeout);
        self
    }

    /// The endpoint called, as the official tools choose it.
    pub fn resolve_endpoint(&self, env: &Env) -> String {
        if let Some(endpoint) = self.endpoint.clone().filter(|e| !e.is_empty()) {
            return endpoint;
        }
        let vpc = self.vpc.unwrap_or_else(|| env.is_true(ENV_VPC_ENDPOINT_ENABLED));
        let prefix = if vpc { "sts-vpc" } else { "sts" };
        match self.region.clone().filter(|r| !r.is_empty()).or_else(|| env.get(ENV_STS_REGION)) {
            Some(region) => format!("{prefix}.{region}.aliyuncs.com"),
            None => "sts.aliyuncs.com".to_owned(),
        }
    }

    fn config(&self, env: &Env, clock: &Arc<dyn Clock>) -> ConfigBuilder {
        let region = self.region.clone().filter(|r| !r.is_empty()).or_else(|| env.get(ENV_STS_REGION));
        Config::builder()
            // STS answers in every region; the region only names the call in traces.
            .region(region.unwrap_or_else(|| "cn-hangzhou".to_owned()))
            .endpoint(self.resolve_endpoint(env))
            .connect_timeout(self.connect_timeout.unwrap_or(Duration::from_secs(5)))
            .read_timeout(self.read_timeout.unwrap_or(Duration::from_secs(10)))
            .clock_shared(clock.clone())
    }
}

fn default_session_name(env: &Env, clock: &dyn Clock) -> String {
    env.get(ENV_ROLE_SESSION_NAME).unwrap_or_else(|| {
        let seconds = clock.now().duration_since(UNIX_EPOCH).unwrap_or_default().as_secs();
        format!("credentials-rust-{seconds}")
    })
}

fn check_duration(source: &str, seconds: u64) -> Result<u64, CredentialsError> {
    if seconds < MIN_DURATION_SECONDS {
        return Err(CredentialsError::new(
            source,
            format!(
                "session duration {seconds} s is too short: STS grants {MIN_DURATION_SECONDS} s to the role's maximum"
            ),
        ));
    }
    Ok(seconds)
}

/// An STS failure in one line, without quoting a body (which could hold credentials).
fn sts_error<E: OperationError>(action: &str, error: SdkError<E>) -> CredentialsError {
    let message = match &error {
        SdkError::Response(r) => {
            format!("STS answered HTTP {} with a body that is not a {action} response", r.http_status)
        }
        other => other.to_string(),
    };
    CredentialsError::new(format!("sts {action}"), message)
}

fn required(value: Option<String>, action: &str, name: &str) -> Result<String, CredentialsError> {
    value.filter(|v| !v.is_empty()).ok_or_else(|| {
        CredentialsError::new(format!("sts {action}"), format!("the answer has no `Credentials.{name}`"))
    })
}

// The only place that names generated STS types: regenerate, then adjust these two functions.

async fn assume_role(client: &crate::sts::Client, role: &RoleRequest) -> Result<Credentials, CredentialsError> {
    use crate::sts::AssumeRoleRequest;
    let mut builder = AssumeRoleRequest::builder()
        .role_arn(role.role_arn.clone())
        .role_session_name(role.session_name.clone())
        .duration_seconds(role.duration_seconds as i64);
    if let Some(policy) = &role.policy {
        builder = builder.policy(policy.clone());
    }
    if let Some(external_id) = &role.external_id {
        builder = builder.external_id(external_id.clone());
    }
    let request = builder.build().map_err(|report| CredentialsError::new("sts AssumeRole", report.to_string()))?;
    let response = client.send(request).await.map_err(|e| sts_error("AssumeRole", e))?;
    let c = response.credentials.unwrap_or_default();
    temporary("AssumeRole", c.access_key_id, c.access_key_secret, c.security_token, c.expiration)
}

async fn assume_role_with_oidc(
    client: &crate::sts::Client,
    role: &RoleRequest,
    provider_arn: &str,
    token: String,
) -> Result<Credentials, CredentialsError> {
    use crate::sts::AssumeRoleWithOidcRequest;
    let mut builder = AssumeRoleWithOidcRequest::builder()
        .role_arn(role.role_arn.clone())
        .oidc_provider_arn(provider_arn.to_owned())
        .oidc_token(token)
        .role_session_name(role.session_name.clone())
        .duration_seconds(role.duration_seconds as i64);
    if let Some(policy) = &role.policy {
        builder = builder.policy(policy.clone());
    }
    let request =
        builder.build().map_err(|report| CredentialsError::new("sts AssumeRoleWithOIDC", report.to_string()))?;
    let response = client.send(request).await.map_err(|e| sts_error("AssumeRoleWithOIDC", e))?;
    let c = response.credentials.unwrap_or_default();
    temporary("AssumeRoleWithOIDC", c.access_key_id, c.access_key_secret, c.security_token, c.expiration)
}

fn temporary(
    action: &str,
    id: Option<String>,
    secret: Option<String>,
    token: Option<String>,
    expiration: Option<String>,
) -> Result<Credentials, CredentialsError> {
    let expiration = parse_time(&required(expiration, action, "Expiration")?)
        .map_err(|message| CredentialsError::new(format!("sts {action}"), message))?;
    Ok(Credentials::new(required(id, action, "AccessKeyId")?, required(secret, action, "AccessKeySecret")?)
        .with_security_token(required(token, action, "SecurityToken")?)
        .with_expiration(expiration))
}

/// What both role providers ask STS for.
#[derive(Debug, Clone)]
struct RoleRequest {
    role_arn: String,
    session_name: String,
    duration_seconds: u64,
    policy: Option<String>,
    external_id: Option<String>,
}

struct AssumeRoleSource {
    client: crate::sts::Client,
    role: RoleRequest,
}

impl fmt::Debug for AssumeRoleSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AssumeRole").field("role", &self.role).finish_non_exhaustive()
    }
}

impl ProvideCredentials for AssumeRoleSource {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(assume_role(&self.client, &self.role))
    }
}

/// Assumes a RAM role with STS `AssumeRole`, signing with the credentials of another provider
/// (an AccessKey, the environment, another role: any [`ProvideCredentials`]). The temporary
/// credentials are cached and refreshed 15 minutes before they expire.
///
/// ```no_run
/// use alibabacloud_runtime::credentials::{EnvironmentProvider, RamRoleArnProvider};
///
/// let provider = RamRoleArnProvider::builder(EnvironmentProvider::new())
///     .role_arn("acs:ram::123456789012****:role/adminrole")
///     .role_session_name("deploy")
///     .build()?;
/// # Ok::<(), alibabacloud_runtime::credentials::CredentialsError>(())
/// ```
#[derive(Debug)]
pub struct RamRoleArnProvider {
    cache: CredentialsCache,
}

/// Builds a [`RamRoleArnProvider`].
#[derive(Debug)]
pub struct RamRoleArnProviderBuilder {
    source: Arc<dyn ProvideCredentials>,
    role_arn: Option<String>,
    session_name: Option<String>,
    duration_seconds: Option<u64>,
    policy: Option<String>,
    external_id: Option<String>,
    sts: StsSettings,
    env: Env,
    clock: Arc<dyn Clock>,
}

impl RamRoleArnProvider {
    /// A builder; `source` signs the `AssumeRole` calls.
    pub fn builder(source: impl ProvideCredentials + 'static) -> RamRoleArnProviderBuilder {
        Self::builder_shared(Arc::new(source))
    }

    /// A builder over a shared source provider.
    pub fn builder_shared(source: Arc<dyn ProvideCredentials>) -> RamRoleArnProviderBuilder {
        RamRoleArnProviderBuilder {
            source,
            role_arn: None,
            session_name: None,
            duration_seconds: None,
            policy: None,
            external_id: None,
            sts: StsSettings::default(),
            env: Env::process(),
            clock: Arc::new(SystemClock),
        }
    }

    /// How many times STS was called.
    pub fn refreshes(&self) -> u64 {
        self.cache.refreshes()
    }

    /// The error of the last refresh, if it failed.
    pub fn last_refresh_error(&self) -> Option<CredentialsError> {
        self.cache.last_refresh_error()
    }
}

impl RamRoleArnProviderBuilder {
    /// The role to assume (`acs:ram::<account>:role/<name>`); default `ALIBABA_CLOUD_ROLE_ARN`.
    pub fn role_arn(mut self, arn: impl Into<String>) -> Self {
        self.role_arn = Some(arn.into());
        self
    }

    /// The session name, seen in audit logs; default `ALIBABA_CLOUD_ROLE_SESSION_NAME`, else
    /// `credentials-rust-<unix time>`.
    pub fn role_session_name(mut self, name: impl Into<String>) -> Self {
        self.session_name = Some(name.into());
        self
    }

    /// Session length in seconds (900 to the role's maximum); default 3600.
    pub fn duration_seconds(mut self, seconds: u64) -> Self {
        self.duration_seconds = Some(seconds);
        self
    }

    /// A policy narrowing the role's permissions (JSON).
    pub fn policy(mut self, policy: impl Into<String>) -> Self {
        self.policy = Some(policy.into());
        self
    }

    /// The external id the role's trust policy asks for.
    pub fn external_id(mut self, external_id: impl Into<String>) -> Self {
        self.external_id = Some(external_id.into());
        self
    }

    /// Where and how to call STS.
    pub fn sts(mut self, sts: StsSettings) -> Self {
        self.sts = sts;
        self
    }

    /// Reads defaults from `env` instead of the process environment.
    pub fn env(mut self, env: Env) -> Self {
        self.env = env;
        self
    }

    /// The clock of the cache and of request signing.
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Checks the settings and builds the provider (no call is made yet).
    pub fn build(self) -> Result<RamRoleArnProvider, CredentialsError> {
        let source_name = "ram role arn";
        let role_arn =
            self.role_arn.filter(|a| !a.is_empty()).or_else(|| self.env.get(ENV_ROLE_ARN)).ok_or_else(|| {
                CredentialsError::new(source_name, format!("no role ARN: set `role_arn` or {ENV_ROLE_ARN}"))
            })?;
        let role = RoleRequest {
            role_arn,
            session_name: self
                .session_name
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| default_session_name(&self.env, &*self.clock)),
            duration_seconds: check_duration(source_name, self.duration_seconds.unwrap_or(DEFAULT_DURATION_SECONDS))?,
            policy: self.policy.filter(|p| !p.is_empty()),
            external_id: self.external_id.filter(|e| !e.is_empty()),
        };
        let config = self
            .sts
            .config(&self.env, &self.clock)
            .credentials_provider(self.source)
            .build()
            .map_err(|e| CredentialsError::new(source_name, e.to_string()))?;
        let source = AssumeRoleSource { client: crate::sts::Client::new(config), role };
        Ok(RamRoleArnProvider { cache: CredentialsCache::new(source).with_shared_clock(self.clock) })
    }
}

impl ProvideCredentials for RamRoleArnProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        self.cache.provide_credentials()
    }
}

struct OidcSource {
    client: crate::sts::Client,
    role: RoleRequest,
    provider_arn: String,
    token_file: PathBuf,
}

impl fmt::Debug for OidcSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AssumeRoleWithOIDC")
            .field("role", &self.role)
            .field("provider_arn", &self.provider_arn)
            .field("token_file", &self.token_file)
            .finish_non_exhaustive()
    }
}

impl ProvideCredentials for OidcSource {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(async move {
            // Read at each refresh: the kubelet rotates the projected token.
            let token = std::fs::read_to_string(&self.token_file).map_err(|e| {
                CredentialsError::new(
                    "oidc role",
                    format!("cannot read the OIDC token file {}: {}", self.token_file.display(), e.kind()),
                )
            })?;
            assume_role_with_oidc(&self.client, &self.role, &self.provider_arn, token.trim().to_owned()).await
        })
    }
}

/// Assumes a RAM role with STS `AssumeRoleWithOIDC` and an OIDC token read from a file: the
/// ACK RRSA way (the pod gets `ALIBABA_CLOUD_ROLE_ARN`, `ALIBABA_CLOUD_OIDC_PROVIDER_ARN` and
/// `ALIBABA_CLOUD_OIDC_TOKEN_FILE`). The call is anonymous: no AccessKey is needed. The token
/// file is read at each refresh; the credentials are cached and refreshed 15 minutes before
/// they expire.
///
/// ```no_run
/// use alibabacloud_runtime::credentials::{Env, OidcRoleProvider};
///
/// // From the three environment variables, as the default chain does:
/// let from_env = OidcRoleProvider::builder().env(Env::process()).build()?;
/// // Or explicitly:
/// let explicit = OidcRoleProvider::builder()
///     .role_arn("acs:ram::123456789012****:role/app")
///     .oidc_provider_arn("acs:ram::123456789012****:oidc-provider/ack-rrsa")
///     .oidc_token_file("/var/run/secrets/tokens/oidc-token")
///     .build()?;
/// # Ok::<(), alibabacloud_runtime::credentials::CredentialsError>(())
/// ```
#[derive(Debug)]
pub struct OidcRoleProvider {
    cache: CredentialsCache,
}

/// Builds an [`OidcRoleProvider`].
#[derive(Debug)]
pub struct OidcRoleProviderBuilder {
    role_arn: Option<String>,
    provider_arn: Option<String>,
    token_file: Option<PathBuf>,
    session_name: Option<String>,
    duration_seconds: Option<u64>,
    policy: Option<String>,
    sts: StsSettings,
    env: Env,
    clock: Arc<dyn Clock>,
}

impl OidcRoleProvider {
    /// A builder; unset values come from the environment.
    pub fn builder() -> OidcRoleProviderBuilder {
        OidcRoleProviderBuilder {
            role_arn: None,
            provider_arn: None,
            token_file: None,
            session_name: None,
            duration_seconds: None,
            policy: None,
            sts: StsSettings::default(),
            env: Env::process(),
            clock: Arc::new(SystemClock),
        }
    }

    /// Whether `env` sets the three variables the default chain needs to use this provider.
    pub fn is_configured(env: &Env) -> bool {
        [ENV_ROLE_ARN, ENV_OIDC_PROVIDER_ARN, ENV_OIDC_TOKEN_FILE].iter().all(|name| env.get(name).is_some())
    }

    /// How many times STS was called.
    pub fn refreshes(&self) -> u64 {
        self.cache.refreshes()
    }
}

impl OidcRoleProviderBuilder {
    /// The role to assume; default `ALIBABA_CLOUD_ROLE_ARN`.
    pub fn role_arn(mut self, arn: impl Into<String>) -> Self {
        self.role_arn = Some(arn.into());
        self
    }

    /// The OIDC identity provider; default `ALIBABA_CLOUD_OIDC_PROVIDER_ARN`.
    pub fn oidc_provider_arn(mut self, arn: impl Into<String>) -> Self {
        self.provider_arn = Some(arn.into());
        self
    }

    /// The file holding the OIDC token; default `ALIBABA_CLOUD_OIDC_TOKEN_FILE`.
    pub fn oidc_token_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.token_file = Some(path.into());
        self
    }

    /// The session name; default `ALIBABA_CLOUD_ROLE_SESSION_NAME`, else
    /// `credentials-rust-<unix time>`.
    pub fn role_session_name(mut self, name: impl Into<String>) -> Self {
        self.session_name = Some(name.into());
        self
    }

    /// Session length in seconds (at least 900); default 3600.
    pub fn duration_seconds(mut self, seconds: u64) -> Self {
        self.duration_seconds = Some(seconds);
        self
    }

    /// A policy narrowing the role's permissions (JSON).
    pub fn policy(mut self, policy: impl Into<String>) -> Self {
        self.policy = Some(policy.into());
        self
    }

    /// Where and how to call STS.
    pub fn sts(mut self, sts: StsSettings) -> Self {
        self.sts = sts;
        self
    }

    /// Reads defaults from `env` instead of the process environment.
    pub fn env(mut self, env: Env) -> Self {
        self.env = env;
        self
    }

    /// The clock of the cache.
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Checks the settings and builds the provider (the token file is read at the first call).
    pub fn build(self) -> Result<OidcRoleProvider, CredentialsError> {
        let source_name = "oidc role";
        let missing = |what: &str, variable: &str| {
            CredentialsError::new(source_name, format!("no {what}: set it in code or with {variable}"))
        };
        let env = &self.env;
        let role_arn = self
            .role_arn
            .filter(|a| !a.is_empty())
            .or_else(|| env.get(ENV_ROLE_ARN))
            .ok_or_else(|| missing("role ARN", ENV_ROLE_ARN))?;
        let provider_arn = self
            .provider_arn
            .filter(|a| !a.is_empty())
            .or_else(|| env.get(ENV_OIDC_PROVIDER_ARN))
            .ok_or_else(|| missing("OIDC provider ARN", ENV_OIDC_PROVIDER_ARN))?;
        let token_file = self
            .token_file
            .filter(|p| !p.as_os_str().is_empty())
            .or_else(|| env.get(ENV_OIDC_TOKEN_FILE).map(PathBuf::from))
            .ok_or_else(|| missing("OIDC token file", ENV_OIDC_TOKEN_FILE))?;
        let role = RoleRequest {
            role_arn,
            session_name: self
                .session_name
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| default_session_name(env, &*self.clock)),
            duration_seconds: check_duration(source_name, self.duration_seconds.unwrap_or(DEFAULT_DURATION_SECONDS))?,
            policy: self.policy.filter(|p| !p.is_empty()),
            external_id: None,
        };
        let config = self
            .sts
            .config(env, &self.clock)
            .anonymous()
            .build()
            .map_err(|e| CredentialsError::new(source_name, e.to_string()))?;
        let source = OidcSource { client: crate::sts::Client::new(config), role, provider_arn, token_file };
        Ok(OidcRoleProvider {
            cache: CredentialsCache::new(source).with_policy(RefreshPolicy::default()).with_shared_clock(self.clock),
        })
    }
}

impl ProvideCredentials for OidcRoleProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        self.cache.provide_credentials()
    }
}
