//! AccessKey credentials and where to find them.
//!
//! [`Credentials`] never prints its secret or token (`Debug` and `Display` redact them), and no
//! error of this module quotes one. Providers implement [`ProvideCredentials`]:
//!
//! - a [`Credentials`] value is its own static provider;
//! - [`EnvironmentProvider`] reads `ALIBABA_CLOUD_ACCESS_KEY_ID`,
//!   `ALIBABA_CLOUD_ACCESS_KEY_SECRET` and `ALIBABA_CLOUD_SECURITY_TOKEN`;
//! - [`ProfileFileProvider`] reads the `aliyun` CLI's `~/.aliyun/config.json` (modes `AK` and
//!   `StsToken`);
//! - [`DefaultChain`] tries the environment, then the profile file.

use std::fmt;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;

/// Environment variable holding the AccessKey id.
pub const ENV_ACCESS_KEY_ID: &str = "ALIBABA_CLOUD_ACCESS_KEY_ID";
/// Environment variable holding the AccessKey secret.
pub const ENV_ACCESS_KEY_SECRET: &str = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
/// Environment variable holding an STS security token.
pub const ENV_SECURITY_TOKEN: &str = "ALIBABA_CLOUD_SECURITY_TOKEN";
/// Environment variable naming the profile of the CLI file to use (instead of its `current`).
pub const ENV_PROFILE: &str = "ALIBABA_CLOUD_PROFILE";

/// A secret string: readable through [`Secret::expose_secret`], never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself; keep it out of logs.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"***\"")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

/// An AccessKey pair, with an STS security token for temporary credentials.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The AccessKey id (not secret: it is sent in clear in every `Authorization` header).
    pub access_key_id: String,
    /// The AccessKey secret.
    pub access_key_secret: Secret,
    /// The STS security token, for temporary credentials.
    pub security_token: Option<Secret>,
}

impl Credentials {
    /// A long-lived AccessKey pair.
    pub fn new(access_key_id: impl Into<String>, access_key_secret: impl Into<Secret>) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            access_key_secret: access_key_secret.into(),
            security_token: None,
        }
    }

    /// Adds an STS security token.
    pub fn with_security_token(mut self, token: impl Into<Secret>) -> Self {
        self.security_token = Some(token.into());
        self
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &self.access_key_secret)
            .field("security_token", &self.security_token)
            .finish()
    }
}

impl fmt::Display for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AccessKey {}", self.access_key_id)?;
        if self.security_token.is_some() {
            f.write_str(" (with STS token)")?;
        }
        Ok(())
    }
}

/// Why credentials could not be had. Names the source; never quotes a secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{source_name}: {message}")]
pub struct CredentialsError {
    source_name: String,
    message: String,
}

impl CredentialsError {
    /// An error of the source `source_name` (`environment`, `profile file <path>`, ...).
    pub fn new(source_name: impl Into<String>, message: impl Into<String>) -> Self {
        CredentialsError { source_name: source_name.into(), message: message.into() }
    }

    /// The source that failed.
    pub fn source_name(&self) -> &str {
        &self.source_name
    }

    /// What went wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// The future a provider returns.
pub type CredentialsFuture<'a> = Pin<Box<dyn Future<Output = Result<Credentials, CredentialsError>> + Send + 'a>>;

/// A source of credentials. Asynchronous, so that providers that call a service (STS, instance
/// metadata) fit the same trait.
pub trait ProvideCredentials: Send + Sync + fmt::Debug {
    /// Credentials for the next call.
    fn provide_credentials(&self) -> CredentialsFuture<'_>;
}

/// A fixed pair is its own provider.
impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        let credentials = self.clone();
        Box::pin(async move { Ok(credentials) })
    }
}

impl<P: ProvideCredentials + ?Sized> ProvideCredentials for Arc<P> {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        (**self).provide_credentials()
    }
}

type Lookup = Arc<dyn Fn(&str) -> Option<String> + Send + Sync>;

/// Reads `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET` and (optionally)
/// `ALIBABA_CLOUD_SECURITY_TOKEN` at each call.
#[derive(Clone)]
pub struct EnvironmentProvider {
    lookup: Lookup,
}

impl fmt::Debug for EnvironmentProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("EnvironmentProvider")
    }
}

impl Default for EnvironmentProvider {
    fn default() -> Self {
        Self::new()
    }
}

impl EnvironmentProvider {
    /// Reads the process environment.
    pub fn new() -> Self {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads variables through `lookup` instead of the process environment (for tests).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static) -> Self {
        EnvironmentProvider { lookup: Arc::new(lookup) }
    }

    /// The credentials the environment holds now.
    pub fn load(&self) -> Result<Credentials, CredentialsError> {
        let get = |name: &str| (self.lookup)(name).filter(|v| !v.trim().is_empty());
        let error = |message: String| CredentialsError::new("environment", message);
        let id = get(ENV_ACCESS_KEY_ID).ok_or_else(|| error(format!("{ENV_ACCESS_KEY_ID} is not set")))?;
        let secret = get(ENV_ACCESS_KEY_SECRET).ok_or_else(|| error(format!("{ENV_ACCESS_KEY_SECRET} is not set")))?;
        let credentials = Credentials::new(id, secret);
        Ok(match get(ENV_SECURITY_TOKEN) {
            Some(token) => credentials.with_security_token(token),
            None => credentials,
        })
    }
}

impl ProvideCredentials for EnvironmentProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        let result = self.load();
        Box::pin(async move { result })
    }
}

/// Reads the `aliyun` CLI's configuration file (`~/.aliyun/config.json`):
///
/// ```json
/// { "current": "default",
///   "profiles": [
///     { "name": "default", "mode": "AK", "access_key_id": "...", "access_key_secret": "..." },
///     { "name": "sts", "mode": "StsToken", "access_key_id": "...", "access_key_secret": "...",
///       "sts_token": "..." } ] }
/// ```
///
/// The profile used is, in order: the one named with [`ProfileFileProvider::with_profile`], the
/// one named by `ALIBABA_CLOUD_PROFILE`, the file's `current`. Modes other than `AK` and
/// `StsToken` (RAM roles, instance roles, OIDC) are reported as unsupported.
#[derive(Debug, Clone, Default)]
pub struct ProfileFileProvider {
    path: Option<PathBuf>,
    profile: Option<String>,
}

impl ProfileFileProvider {
    /// Reads `~/.aliyun/config.json`.
    pub fn new() -> Self {
        Self::default()
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

    /// The file read: the path given, or `~/.aliyun/config.json`.
    pub fn path(&self) -> Option<PathBuf> {
        self.path.clone().or_else(default_profile_path)
    }

    /// Reads the file and returns the chosen profile's credentials.
    pub fn load(&self) -> Result<Credentials, CredentialsError> {
        let path = self.path().ok_or_else(|| CredentialsError::new("profile file", "no home directory"))?;
        let text = std::fs::read_to_string(&path)
            .map_err(|e| CredentialsError::new(source_name(&path), format!("cannot read: {}", e.kind())))?;
        let wanted = self.profile.clone().or_else(|| std::env::var(ENV_PROFILE).ok().filter(|p| !p.is_empty()));
        parse_profile_file(&text, wanted.as_deref())
            .map_err(|message| CredentialsError::new(source_name(&path), message))
    }
}

impl ProvideCredentials for ProfileFileProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        let result = self.load();
        Box::pin(async move { result })
    }
}

fn source_name(path: &Path) -> String {
    format!("profile file {}", path.display())
}

fn default_profile_path() -> Option<PathBuf> {
    let home = std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var_os("USERPROFILE").filter(|h| !h.is_empty()))?;
    Some(PathBuf::from(home).join(".aliyun").join("config.json"))
}

/// Picks a profile out of the CLI file's text. Errors never quote the file's content: a JSON
/// syntax error gives only its line and column.
pub fn parse_profile_file(text: &str, profile: Option<&str>) -> Result<Credentials, String> {
    let root: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("not valid JSON (line {}, column {})", e.line(), e.column()))?;
    let name = match profile {
        Some(name) => name.to_owned(),
        None => match root.get("current").and_then(|c| c.as_str()) {
            Some(current) if !current.is_empty() => current.to_owned(),
            _ => "default".to_owned(),
        },
    };
    let profiles = root.get("profiles").and_then(|p| p.as_array()).ok_or("no `profiles` array")?;
    let entry = profiles
        .iter()
        .find(|p| p.get("name").and_then(|n| n.as_str()) == Some(name.as_str()))
        .ok_or_else(|| format!("no profile named `{name}`"))?;
    let field = |key: &str| -> Result<String, String> {
        match entry.get(key) {
            Some(serde_json::Value::String(s)) if !s.is_empty() => Ok(s.clone()),
            Some(serde_json::Value::String(_)) | None | Some(serde_json::Value::Null) => {
                Err(format!("profile `{name}` has no `{key}`"))
            }
            Some(_) => Err(format!("profile `{name}`: `{key}` is not a string")),
        }
    };
    let mode = entry.get("mode").and_then(|m| m.as_str()).unwrap_or("AK");
    match mode {
        "AK" => Ok(Credentials::new(field("access_key_id")?, field("access_key_secret")?)),
        "StsToken" => Ok(Credentials::new(field("access_key_id")?, field("access_key_secret")?)
            .with_security_token(field("sts_token")?)),
        other => {
            Err(format!("profile `{name}` has mode `{other}`, which this SDK does not support (use AK or StsToken)"))
        }
    }
}

/// Tries the environment, then the CLI profile file; the first that has credentials wins.
#[derive(Debug, Clone, Default)]
pub struct DefaultChain {
    environment: EnvironmentProvider,
    profile: ProfileFileProvider,
}

impl DefaultChain {
    /// The chain over the process environment and `~/.aliyun/config.json`.
    pub fn new() -> Self {
        Self::default()
    }

    /// The chain over the given providers (for tests).
    pub fn from_parts(environment: EnvironmentProvider, profile: ProfileFileProvider) -> Self {
        DefaultChain { environment, profile }
    }

    /// The first credentials found; otherwise an error naming what each source said.
    pub fn load(&self) -> Result<Credentials, CredentialsError> {
        let env_error = match self.environment.load() {
            Ok(credentials) => return Ok(credentials),
            Err(e) => e,
        };
        match self.profile.load() {
            Ok(credentials) => Ok(credentials),
            Err(file_error) => {
                Err(CredentialsError::new("default chain", format!("no credentials found ({env_error}; {file_error})")))
            }
        }
    }
}

impl ProvideCredentials for DefaultChain {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        let result = self.load();
        Box::pin(async move { result })
    }
}

#[cfg(test)]
#[path = "credentials_tests.rs"]
mod tests;
