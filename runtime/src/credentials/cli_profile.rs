//! The `aliyun` CLI's configuration file.

use std::fmt;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use serde_json::{Map, Value};

use super::chain::Settings;
use super::cloud_sso::CloudSsoProvider;
use super::sts::{OidcRoleProvider, RamRoleArnProvider};
use super::{
    Credentials, CredentialsError, CredentialsFuture, Env, ProvideCredentials, Secret, ENV_CLI_PROFILE_DISABLED,
    ENV_CONFIG_FILE, ENV_PROFILE,
};

/// Reads the `aliyun` CLI's configuration file.
///
/// ```no_run
/// use alibabacloud_runtime::credentials::CliProfileProvider;
///
/// let provider = CliProfileProvider::new().with_profile("dev"); // ~/.aliyun/config.json
/// # let _ = provider;
/// ```
///
/// The `aliyun` CLI's configuration file (`~/.aliyun/config.json`), in every mode the official
/// tools read except two:
///
/// | mode | credentials |
/// | --- | --- |
/// | `AK` | `access_key_id`, `access_key_secret` |
/// | `StsToken` | the same, with `sts_token` |
/// | `RamRoleArn` | STS `AssumeRole` of `ram_role_arn` signed with the profile's AccessKey (`ram_session_name`, `expired_seconds`, `policy`, `external_id`, `sts_region`, `enable_vpc`) |
/// | `ChainableRamRoleArn` | the same, signed with the credentials of `source_profile` (any mode) |
/// | `EcsRamRole` | the instance's RAM role `ram_role_name` (asked for when empty) |
/// | `OIDC` | STS `AssumeRoleWithOIDC` (`ram_role_arn`, `oidc_provider_arn`, `oidc_token_file`, ...) |
/// | `CloudSSO` | the CloudSSO portal (`cloud_sso_sign_in_url`, `cloud_sso_account_id`, `cloud_sso_access_config`, `access_token`, `cloud_sso_access_token_expire`) |
/// | `OAuth`, `External` | refused with an error saying why: both make the official tools rewrite the CLI's file (rotated OAuth tokens, cached process output), which this SDK does not do; `External` also runs a command. Use the CLI to export credentials (`aliyun configure export`) or another mode |
///
/// The file is `ALIBABA_CLOUD_CONFIG_FILE` if set, else `~/.aliyun/config.json`; the profile is
/// the one named in code, else `ALIBABA_CLOUD_PROFILE`, else the file's `current`.
/// `ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true` takes the file out of the default chain. The file
/// is read once, at the first call; the provider it describes is kept.
pub struct CliProfileProvider {
    path: Option<PathBuf>,
    profile: Option<String>,
    settings: Settings,
    inner: Mutex<Option<Arc<dyn ProvideCredentials>>>,
}

/// The former name of [`CliProfileProvider`].
pub type ProfileFileProvider = CliProfileProvider;

impl fmt::Debug for CliProfileProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CliProfileProvider").field("path", &self.path()).field("profile", &self.profile).finish()
    }
}

impl Default for CliProfileProvider {
    fn default() -> Self {
        Self::with_settings(Settings::default())
    }
}

impl CliProfileProvider {
    /// Reads the file of the process environment (`ALIBABA_CLOUD_CONFIG_FILE` or
    /// `~/.aliyun/config.json`).
    pub fn new() -> Self {
        Self::default()
    }

    pub(crate) fn with_settings(settings: Settings) -> Self {
        CliProfileProvider { path: None, profile: None, settings, inner: Mutex::new(None) }
    }

    /// Reads the file at `path` instead.
    pub fn with_path(mut self, path: impl Into<PathBuf>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// Uses the profile `name`, whatever the file's `current` says.
    pub fn with_profile(mut self, name: impl Into<String>) -> Self {
        self.profile = Some(name.into());
        self
    }

    /// Reads variables and the home folder from `env`.
    pub fn with_env(mut self, env: Env) -> Self {
        self.settings.env = env;
        self
    }

    /// Calls STS (modes `RamRoleArn`, `ChainableRamRoleArn`, `OIDC`) at this endpoint.
    pub fn with_sts_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.settings.sts_endpoint = Some(endpoint.into());
        self
    }

    /// Calls the instance metadata service (mode `EcsRamRole`) at this base URL.
    pub fn with_imds_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.settings.imds_endpoint = Some(endpoint.into());
        self
    }

    /// Whether the default chain leaves the CLI file out (`ALIBABA_CLOUD_CLI_PROFILE_DISABLED`).
    pub fn is_disabled(env: &Env) -> bool {
        env.is_true(ENV_CLI_PROFILE_DISABLED)
    }

    /// The file read: the path given, else `ALIBABA_CLOUD_CONFIG_FILE`, else
    /// `~/.aliyun/config.json`.
    pub fn path(&self) -> Option<PathBuf> {
        let env = &self.settings.env;
        self.path
            .clone()
            .or_else(|| env.get(ENV_CONFIG_FILE).map(PathBuf::from))
            .or_else(|| env.home().map(|home| home.join(".aliyun").join("config.json")))
    }

    fn source_name(&self) -> String {
        match self.path() {
            Some(path) => format!("cli profile {}", path.display()),
            None => "cli profile".to_owned(),
        }
    }

    /// The provider the chosen profile describes (built at the first call).
    fn resolve(&self) -> Result<Arc<dyn ProvideCredentials>, CredentialsError> {
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(provider) = &*inner {
            return Ok(provider.clone());
        }
        let error = |message: String| CredentialsError::new(self.source_name(), message);
        let path = self.path().ok_or_else(|| error("no home folder to find ~/.aliyun/config.json in".into()))?;
        let text = std::fs::read_to_string(&path).map_err(|e| error(format!("cannot read: {}", e.kind())))?;
        let wanted = self.profile.clone().filter(|p| !p.is_empty()).or_else(|| self.settings.env.get(ENV_PROFILE));
        let provider = provider_for(&text, wanted.as_deref(), &self.settings).map_err(error)?;
        *inner = Some(provider.clone());
        Ok(provider)
    }
}

impl ProvideCredentials for CliProfileProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(async move { self.resolve()?.provide_credentials().await })
    }
}

/// The provider the profile `wanted` (else the file's `current`) of a CLI file describes.
/// Errors never quote the file's content: a JSON syntax error gives only its line and column.
pub(crate) fn provider_for(
    text: &str,
    wanted: Option<&str>,
    settings: &Settings,
) -> Result<Arc<dyn ProvideCredentials>, String> {
    let root: Value =
        serde_json::from_str(text).map_err(|e| format!("not valid JSON (line {}, column {})", e.line(), e.column()))?;
    let name = match wanted {
        Some(name) => name.to_owned(),
        None => match root.get("current").and_then(Value::as_str) {
            Some(current) if !current.is_empty() => current.to_owned(),
            _ => return Err("no profile named: the file has no `current`, and ALIBABA_CLOUD_PROFILE is not set".into()),
        },
    };
    let profiles = root.get("profiles").and_then(Value::as_array).ok_or("no `profiles` array")?;
    Profiles { profiles, settings }.provider(&name, &mut Vec::new())
}

struct Profiles<'a> {
    profiles: &'a [Value],
    settings: &'a Settings,
}

/// One profile's fields, read leniently where the CLI writes numbers and booleans.
struct Fields<'a> {
    name: &'a str,
    map: &'a Map<String, Value>,
}

impl Fields<'_> {
    fn optional(&self, key: &str) -> Result<Option<String>, String> {
        match self.map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.is_empty() => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(format!("profile `{}`: `{key}` is not a string", self.name)),
        }
    }

    fn required(&self, key: &str) -> Result<String, String> {
        self.optional(key)?.ok_or_else(|| format!("profile `{}` has no `{key}`", self.name))
    }

    fn number(&self, key: &str) -> Result<Option<u64>, String> {
        match self.map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) => {
                n.as_u64().map(Some).ok_or_else(|| format!("profile `{}`: `{key}` is negative", self.name))
            }
            Some(Value::String(s)) if s.is_empty() => Ok(None),
            Some(Value::String(s)) => {
                s.parse().map(Some).map_err(|_| format!("profile `{}`: `{key}` is not a number", self.name))
            }
            Some(_) => Err(format!("profile `{}`: `{key}` is not a number", self.name)),
        }
    }

    fn flag(&self, key: &str) -> Option<bool> {
        match self.map.get(key) {
            Some(Value::Bool(b)) => Some(*b),
            Some(Value::String(s)) => Some(s.eq_ignore_ascii_case("true")),
            _ => None,
        }
    }

    fn access_key(&self) -> Result<Credentials, String> {
        Ok(Credentials::new(self.required("access_key_id")?, self.required("access_key_secret")?))
    }
}

impl Profiles<'_> {
    fn provider(&self, name: &str, seen: &mut Vec<String>) -> Result<Arc<dyn ProvideCredentials>, String> {
        if seen.iter().any(|s| s == name) {
            return Err(format!("profiles {} refer to each other through `source_profile`", seen.join(" → ")));
        }
        seen.push(name.to_owned());
        let map = self
            .profiles
            .iter()
            .filter_map(Value::as_object)
            .find(|p| p.get("name").and_then(Value::as_str) == Some(name))
            .ok_or_else(|| format!("no profile named `{name}`"))?;
        let p = Fields { name, map };
        let mode = p.optional("mode")?.unwrap_or_else(|| "AK".to_owned());
        let settings = self.settings;
        let sts = || settings.sts(p.optional("sts_region").ok().flatten(), p.flag("enable_vpc"));
        let role = |source: Arc<dyn ProvideCredentials>| -> Result<Arc<dyn ProvideCredentials>, String> {
            let mut builder = RamRoleArnProvider::builder_shared(source)
                .role_arn(p.required("ram_role_arn")?)
                .sts(sts())
                .env(settings.env.clone())
                .clock(settings.clock.clone());
            if let Some(session) = p.optional("ram_session_name")? {
                builder = builder.role_session_name(session);
            }
            if let Some(seconds) = p.number("expired_seconds")?.filter(|s| *s > 0) {
                builder = builder.duration_seconds(seconds);
            }
            if let Some(policy) = p.optional("policy")? {
                builder = builder.policy(policy);
            }
            if let Some(external_id) = p.optional("external_id")? {
                builder = builder.external_id(external_id);
            }
            Ok(Arc::new(builder.build().map_err(|e| e.message().to_owned())?))
        };
        match mode.as_str() {
            "AK" => Ok(Arc::new(p.access_key()?)),
            "StsToken" => Ok(Arc::new(p.access_key()?.with_security_token(p.required("sts_token")?))),
            "RamRoleArn" => role(Arc::new(p.access_key()?)),
            "ChainableRamRoleArn" => {
                let source = p.required("source_profile")?;
                let source = self.provider(&source, seen)?;
                role(source)
            }
            "EcsRamRole" => {
                let mut builder = settings.ecs();
                if let Some(role_name) = p.optional("ram_role_name")? {
                    builder = builder.role_name(role_name);
                }
                Ok(Arc::new(builder.build().map_err(|e| e.message().to_owned())?))
            }
            "OIDC" => {
                let mut builder = OidcRoleProvider::builder()
                    .role_arn(p.required("ram_role_arn")?)
                    .oidc_provider_arn(p.required("oidc_provider_arn")?)
                    .oidc_token_file(p.required("oidc_token_file")?)
                    .sts(sts())
                    .env(settings.env.clone())
                    .clock(settings.clock.clone());
                // The CLI writes `ram_session_name`; the Python tool also reads `role_session_name`.
                if let Some(session) = p.optional("ram_session_name")?.or(p.optional("role_session_name")?) {
                    builder = builder.role_session_name(session);
                }
                if let Some(seconds) = p.number("expired_seconds")?.filter(|s| *s > 0) {
                    builder = builder.duration_seconds(seconds);
                }
                if let Some(policy) = p.optional("policy")? {
                    builder = builder.policy(policy);
                }
                Ok(Arc::new(builder.build().map_err(|e| e.message().to_owned())?))
            }
            "CloudSSO" => {
                let provider = CloudSsoProvider::new(
                    &p.required("cloud_sso_sign_in_url")?,
                    &p.required("cloud_sso_account_id")?,
                    &p.required("cloud_sso_access_config")?,
                    Secret::new(p.required("access_token")?),
                    p.number("cloud_sso_access_token_expire")?.unwrap_or(0),
                    settings.clock.clone(),
                )
                .map_err(|e| e.message().to_owned())?;
                Ok(Arc::new(provider))
            }
            "OAuth" | "External" => Err(format!(
                "profile `{name}` has mode `{mode}`, which this SDK does not support: the official tools rewrite the \
                 CLI's config file for it ({}), which this SDK never does; use another mode, or export credentials \
                 with the CLI",
                if mode == "OAuth" { "rotated OAuth tokens" } else { "the output of `process_command`" }
            )),
            other => Err(format!(
                "profile `{name}` has mode `{other}`, which is unknown (supported: AK, StsToken, RamRoleArn, \
                 ChainableRamRoleArn, EcsRamRole, OIDC, CloudSSO)"
            )),
        }
    }
}
