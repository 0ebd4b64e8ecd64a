//! The default chain: the official tools' sources, in their order (see the
//! [`credentials`](super) module).

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::cache::{Clock, SystemClock};
use super::cli_profile::CliProfileProvider;
use super::ecs::{EcsRamRoleProvider, EcsRamRoleProviderBuilder};
use super::ini_file::CredentialsFileProvider;
use super::sts::{OidcRoleProvider, StsSettings};
use super::uri::UriProvider;
use super::{Credentials, CredentialsError, CredentialsFuture, Env, EnvironmentProvider, ProvideCredentials};
use super::{ENV_CREDENTIALS_URI, ENV_ECS_METADATA_DISABLED, ENV_VPC_ENDPOINT_ENABLED};

/// What every provider built by the chain (or by a profile file) shares: where variables come
/// from, the clock, and the endpoints tests point at fakes.
#[derive(Clone, Debug)]
pub(crate) struct Settings {
    pub(crate) env: Env,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) sts_endpoint: Option<String>,
    pub(crate) imds_endpoint: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { env: Env::process(), clock: Arc::new(SystemClock), sts_endpoint: None, imds_endpoint: None }
    }
}

impl Settings {
    /// STS settings for a region and VPC switch (unset: from the environment).
    pub(crate) fn sts(&self, region: Option<String>, vpc: Option<bool>) -> StsSettings {
        let mut sts = StsSettings::new();
        if let Some(region) = region {
            sts = sts.region(region);
        }
        if let Some(vpc) =
            vpc.or_else(|| self.env.get(ENV_VPC_ENDPOINT_ENABLED).map(|v| v.eq_ignore_ascii_case("true")))
        {
            sts = sts.vpc(vpc);
        }
        if let Some(endpoint) = &self.sts_endpoint {
            sts = sts.endpoint(endpoint.clone());
        }
        sts
    }

    /// An instance-role builder with these settings.
    pub(crate) fn ecs(&self) -> EcsRamRoleProviderBuilder {
        let builder = EcsRamRoleProvider::builder().env(self.env.clone()).clock(self.clock.clone());
        match &self.imds_endpoint {
            Some(endpoint) => builder.endpoint(endpoint.clone()),
            None => builder,
        }
    }
}

/// The official tools' default chain; the first source that gives credentials wins, and (as
/// in the official tools) is then used alone for the following calls.
///
/// Sources, in order: the environment; the OIDC role (when `ALIBABA_CLOUD_ROLE_ARN`,
/// `ALIBABA_CLOUD_OIDC_PROVIDER_ARN` and `ALIBABA_CLOUD_OIDC_TOKEN_FILE` are set); the `aliyun`
/// CLI file (unless `ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true`); the INI credentials file; the ECS
/// instance role (unless `ALIBABA_CLOUD_ECS_METADATA_DISABLED=true`); the credentials URI (when
/// `ALIBABA_CLOUD_CREDENTIALS_URI` is set).
///
/// ```
/// use alibabacloud_runtime::credentials::{DefaultChain, Env};
///
/// let env = Env::from_vars([
///     ("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true"),
///     ("ALIBABA_CLOUD_CREDENTIALS_URI", "http://127.0.0.1:9/credentials"),
/// ]);
/// let chain = DefaultChain::builder().env(env).build();
/// assert_eq!(chain.sources(), ["environment", "cli profile", "credentials file", "credentials uri"]);
/// ```
pub struct DefaultChain {
    providers: Vec<(&'static str, Arc<dyn ProvideCredentials>)>,
    /// Sources that are configured but could not be set up (an invalid URI, ...).
    setup_errors: Vec<CredentialsError>,
    reuse_last: bool,
    last: Mutex<Option<usize>>,
}

impl fmt::Debug for DefaultChain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DefaultChain").field("sources", &self.sources()).finish_non_exhaustive()
    }
}

impl Default for DefaultChain {
    fn default() -> Self {
        DefaultChain::builder().build()
    }
}

/// Builds a [`DefaultChain`]; every setting has the official default.
#[derive(Debug, Default)]
pub struct DefaultChainBuilder {
    settings: Settings,
    keep_trying: bool,
}

impl DefaultChainBuilder {
    /// Reads variables and the home folder from `env` instead of the process's.
    pub fn env(mut self, env: Env) -> Self {
        self.settings.env = env;
        self
    }

    /// The clock of the caches (a [`ManualClock`](super::ManualClock) in tests).
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.settings.clock = clock;
        self
    }

    /// Calls STS at this endpoint (OIDC and role profiles).
    pub fn sts_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.settings.sts_endpoint = Some(endpoint.into());
        self
    }

    /// Calls the instance metadata service at this base URL (default `http://100.100.100.200`).
    pub fn imds_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.settings.imds_endpoint = Some(endpoint.into());
        self
    }

    /// `true`: walk the whole chain at every call instead of sticking to the source that
    /// answered first (the official default, `false`).
    pub fn keep_trying(mut self, keep_trying: bool) -> Self {
        self.keep_trying = keep_trying;
        self
    }

    /// The chain, with the sources the environment enables.
    pub fn build(self) -> DefaultChain {
        let settings = self.settings;
        let env = &settings.env;
        let mut providers: Vec<(&'static str, Arc<dyn ProvideCredentials>)> = Vec::new();
        let mut setup_errors = Vec::new();
        providers.push(("environment", Arc::new(EnvironmentProvider::from_env(env.clone()))));
        if OidcRoleProvider::is_configured(env) {
            let oidc = OidcRoleProvider::builder()
                .env(env.clone())
                .clock(settings.clock.clone())
                .sts(settings.sts(None, None))
                .build();
            match oidc {
                Ok(provider) => providers.push(("oidc role", Arc::new(provider))),
                Err(e) => setup_errors.push(e),
            }
        }
        if !CliProfileProvider::is_disabled(env) {
            providers.push(("cli profile", Arc::new(CliProfileProvider::with_settings(settings.clone()))));
        }
        providers.push(("credentials file", Arc::new(CredentialsFileProvider::with_settings(settings.clone()))));
        if !env.is_true(ENV_ECS_METADATA_DISABLED) {
            match settings.ecs().build() {
                Ok(provider) => providers.push(("ecs ram role", Arc::new(provider))),
                Err(e) => setup_errors.push(e),
            }
        }
        if let Some(uri) = env.get(ENV_CREDENTIALS_URI) {
            let timeouts = (Duration::from_secs(5), Duration::from_secs(10));
            match UriProvider::with_options(&uri, timeouts.0, timeouts.1, settings.clock.clone()) {
                Ok(provider) => providers.push(("credentials uri", Arc::new(provider))),
                Err(e) => setup_errors.push(e),
            }
        }
        DefaultChain { providers, setup_errors, reuse_last: !self.keep_trying, last: Mutex::new(None) }
    }
}

impl DefaultChain {
    /// The chain over the process environment.
    pub fn new() -> Self {
        Self::default()
    }

    /// A builder, for another environment, clock or endpoints.
    pub fn builder() -> DefaultChainBuilder {
        DefaultChainBuilder::default()
    }

    /// The names of the sources the chain tries, in order.
    pub fn sources(&self) -> Vec<&'static str> {
        self.providers.iter().map(|(name, _)| *name).collect()
    }

    /// The source that gave the last credentials, if any.
    pub fn last_source(&self) -> Option<&'static str> {
        let last = *self.last.lock().unwrap_or_else(|p| p.into_inner());
        last.map(|i| self.providers[i].0)
    }

    /// The first credentials found; otherwise an error naming what each source said.
    pub async fn load(&self) -> Result<Credentials, CredentialsError> {
        let last = *self.last.lock().unwrap_or_else(|p| p.into_inner());
        if let (true, Some(index)) = (self.reuse_last, last) {
            return self.providers[index].1.provide_credentials().await;
        }
        let mut errors: Vec<String> = self.setup_errors.iter().map(ToString::to_string).collect();
        for (index, (_, provider)) in self.providers.iter().enumerate() {
            match provider.provide_credentials().await {
                Ok(credentials) => {
                    *self.last.lock().unwrap_or_else(|p| p.into_inner()) = Some(index);
                    return Ok(credentials);
                }
                Err(e) => errors.push(e.to_string()),
            }
        }
        Err(CredentialsError::new("default chain", format!("no credentials found ({})", errors.join("; "))))
    }
}

impl ProvideCredentials for DefaultChain {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(self.load())
    }
}
