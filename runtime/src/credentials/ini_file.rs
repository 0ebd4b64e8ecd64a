//! The INI credentials file.

use std::fmt;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use super::chain::Settings;
use super::sts::{OidcRoleProvider, RamRoleArnProvider};
use super::{
    Credentials, CredentialsError, CredentialsFuture, Env, ProvideCredentials, ENV_CREDENTIALS_FILE, ENV_PROFILE,
};

/// Reads the INI credentials file.
///
/// The INI credentials file of the official tools:
///
/// ```ini
/// [default]
/// type = access_key                  # or ecs_ram_role, ram_role_arn, oidc_role_arn
/// access_key_id = LTAI...
/// access_key_secret = ...
///
/// [project]
/// type = ram_role_arn
/// access_key_id = LTAI...
/// access_key_secret = ...
/// role_arn = acs:ram::123456789012****:role/project
/// role_session_name = deploy         # optional
/// policy = {...}                     # optional
/// region_id = cn-hangzhou            # optional: the STS region
/// ```
///
/// The file is `ALIBABA_CLOUD_CREDENTIALS_FILE` if set, else `~/.alibabacloud/credentials.ini`
/// (Python, Java), else `~/.alibabacloud/credentials` (Go); the section is
/// `ALIBABA_CLOUD_PROFILE`, else `default`. A section with `enable = false` is skipped (the Java
/// tool reads only sections with `enable = true`; Go and Python ignore the key). Text after `#`
/// in a value is a comment, as in the Python tool. `oidc_role_arn` reads `role_arn`,
/// `oidc_provider_arn`, `oidc_token_file_path`, `role_session_name`, `policy`; `ecs_ram_role`
/// reads `role_name`. `rsa_key_pair` (deprecated, Japan site only) is refused.
pub struct CredentialsFileProvider {
    path: Option<PathBuf>,
    profile: Option<String>,
    settings: Settings,
    inner: Mutex<Option<Arc<dyn ProvideCredentials>>>,
}

impl fmt::Debug for CredentialsFileProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CredentialsFileProvider").field("path", &self.path()).field("profile", &self.profile).finish()
    }
}

impl Default for CredentialsFileProvider {
    fn default() -> Self {
        Self::with_settings(Settings::default())
    }
}

impl CredentialsFileProvider {
    /// Reads the file of the process environment.
    pub fn new() -> Self {
        Self::default()
    }

    pub(crate) fn with_settings(settings: Settings) -> Self {
        CredentialsFileProvider { path: None, profile: None, settings, inner: Mutex::new(None) }
    }

    /// Reads the file at `path` instead.
    pub fn with_path(mut self, path: impl Into<PathBuf>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// Uses the section `name` (instead of `ALIBABA_CLOUD_PROFILE` or `default`).
    pub fn with_profile(mut self, name: impl Into<String>) -> Self {
        self.profile = Some(name.into());
        self
    }

    /// Reads variables and the home folder from `env`.
    pub fn with_env(mut self, env: Env) -> Self {
        self.settings.env = env;
        self
    }

    /// Calls STS (types `ram_role_arn`, `oidc_role_arn`) at this endpoint.
    pub fn with_sts_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.settings.sts_endpoint = Some(endpoint.into());
        self
    }

    /// Calls the instance metadata service (type `ecs_ram_role`) at this base URL.
    pub fn with_imds_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.settings.imds_endpoint = Some(endpoint.into());
        self
    }

    /// The file read: the path given, else `ALIBABA_CLOUD_CREDENTIALS_FILE`, else
    /// `~/.alibabacloud/credentials.ini` when it exists, else `~/.alibabacloud/credentials`.
    pub fn path(&self) -> Option<PathBuf> {
        let env = &self.settings.env;
        self.path.clone().or_else(|| env.get(ENV_CREDENTIALS_FILE).map(PathBuf::from)).or_else(|| {
            let folder = env.home()?.join(".alibabacloud");
            let ini = folder.join("credentials.ini");
            Some(if ini.is_file() { ini } else { folder.join("credentials") })
        })
    }

    fn resolve(&self) -> Result<Arc<dyn ProvideCredentials>, CredentialsError> {
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(provider) = &*inner {
            return Ok(provider.clone());
        }
        let path = self.path();
        let source = match &path {
            Some(path) => format!("credentials file {}", path.display()),
            None => "credentials file".to_owned(),
        };
        let error = |message: String| CredentialsError::new(source.clone(), message);
        let path = path.ok_or_else(|| error("no home folder to find ~/.alibabacloud/credentials.ini in".into()))?;
        let text = std::fs::read_to_string(&path).map_err(|e| error(format!("cannot read: {}", e.kind())))?;
        let section = self
            .profile
            .clone()
            .filter(|p| !p.is_empty())
            .or_else(|| self.settings.env.get(ENV_PROFILE))
            .unwrap_or_else(|| "default".to_owned());
        let provider = provider_for(&text, &section, &self.settings).map_err(error)?;
        *inner = Some(provider.clone());
        Ok(provider)
    }
}

impl ProvideCredentials for CredentialsFileProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(async move { self.resolve()?.provide_credentials().await })
    }
}

fn message(error: CredentialsError) -> String {
    error.message().to_owned()
}

/// The `key = value` pairs of `[section]` in INI text, `None` when there is no such section.
///
/// The grammar the credentials file uses (and the official tools' INI readers accept): blank
/// lines and lines starting with `;` or `#` are ignored; `[name]` starts a section; `key = value`
/// or `key: value`, both trimmed, sets a key (the first setting of a key wins); a section named
/// twice continues. Anything else is an error naming the line, never quoting it (it may hold a
/// secret). Hand-written: the INI crates on crates.io bring a second `hashbrown` into every
/// user's build for these few rules.
fn ini_section(text: &str, section: &str) -> Result<Option<Vec<(String, String)>>, String> {
    let mut current: Option<&str> = None;
    let mut found: Option<Vec<(String, String)>> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with(';') || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[') {
            let name = name.strip_suffix(']').ok_or_else(|| format!("not a valid INI file (line {})", i + 1))?;
            current = Some(name.trim());
            if current == Some(section) && found.is_none() {
                found = Some(Vec::new());
            }
            continue;
        }
        let (key, value) = line
            .split_once(['=', ':'])
            .filter(|(k, _)| !k.trim().is_empty())
            .ok_or_else(|| format!("not a valid INI file (line {})", i + 1))?;
        if current == Some(section) {
            let pairs = found.get_or_insert_with(Vec::new);
            let key = key.trim();
            if !pairs.iter().any(|(k, _)| k == key) {
                pairs.push((key.to_owned(), value.trim().to_owned()));
            }
        }
    }
    Ok(found)
}

/// The provider a section of the INI text describes. Errors never quote a value.
pub(crate) fn provider_for(
    text: &str,
    section: &str,
    settings: &Settings,
) -> Result<Arc<dyn ProvideCredentials>, String> {
    let properties = ini_section(text, section)?.ok_or_else(|| format!("no section [{section}]"))?;
    let get = |key: &str| -> Option<String> {
        let value = properties.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())?;
        let value = value.split('#').next().unwrap_or_default().trim();
        (!value.is_empty()).then(|| value.to_owned())
    };
    let required = |key: &str| get(key).ok_or_else(|| format!("section [{section}] has no `{key}`"));
    if get("enable").is_some_and(|v| v.eq_ignore_ascii_case("false")) {
        return Err(format!("section [{section}] is disabled (`enable = false`)"));
    }
    let kind = required("type")?;
    let sts = || settings.sts(get("region_id"), None);
    match kind.as_str() {
        "access_key" => Ok(Arc::new(Credentials::new(required("access_key_id")?, required("access_key_secret")?))),
        "ram_role_arn" => {
            let source = Credentials::new(required("access_key_id")?, required("access_key_secret")?);
            let mut builder = RamRoleArnProvider::builder(source)
                .role_arn(required("role_arn")?)
                .sts(sts())
                .env(settings.env.clone())
                .clock(settings.clock.clone());
            if let Some(name) = get("role_session_name") {
                builder = builder.role_session_name(name);
            }
            if let Some(policy) = get("policy") {
                builder = builder.policy(policy);
            }
            Ok(Arc::new(builder.build().map_err(message)?))
        }
        "oidc_role_arn" => {
            let mut builder = OidcRoleProvider::builder()
                .role_arn(required("role_arn")?)
                .oidc_provider_arn(required("oidc_provider_arn")?)
                .sts(sts())
                .env(settings.env.clone())
                .clock(settings.clock.clone());
            if let Some(file) = get("oidc_token_file_path") {
                builder = builder.oidc_token_file(file);
            }
            if let Some(name) = get("role_session_name") {
                builder = builder.role_session_name(name);
            }
            if let Some(policy) = get("policy") {
                builder = builder.policy(policy);
            }
            Ok(Arc::new(builder.build().map_err(message)?))
        }
        "ecs_ram_role" => {
            let mut builder = settings.ecs();
            if let Some(role) = get("role_name") {
                builder = builder.role_name(role);
            }
            Ok(Arc::new(builder.build().map_err(message)?))
        }
        "rsa_key_pair" => Err(format!(
            "section [{section}] has type `rsa_key_pair`, which this SDK does not support (deprecated, Japan site \
             only): use a RAM user's AccessKey or a role"
        )),
        other => Err(format!(
            "section [{section}] has type `{other}`, which is unknown (supported: access_key, ram_role_arn, \
             oidc_role_arn, ecs_ram_role)"
        )),
    }
}

#[cfg(test)]
mod ini_tests {
    use super::ini_section;

    fn pairs(v: &[(&str, &str)]) -> Option<Vec<(String, String)>> {
        Some(v.iter().map(|(k, val)| (k.to_string(), val.to_string())).collect())
    }

    #[test]
    fn sections_keys_and_comments() {
        let text = "; comment\n# another\n[default]\ntype = access_key\naccess_key_id=id # note\n\n\
                    [client1]\n  type : ram_role_arn  \nrole_arn = acs:ram::1:role/x\n[default]\ntype = ignored\nextra = 1\n";
        assert_eq!(
            ini_section(text, "default").unwrap(),
            pairs(&[("type", "access_key"), ("access_key_id", "id # note"), ("extra", "1")])
        );
        assert_eq!(
            ini_section(text, "client1").unwrap(),
            pairs(&[("type", "ram_role_arn"), ("role_arn", "acs:ram::1:role/x")])
        );
        assert_eq!(ini_section(text, "missing").unwrap(), None);
    }

    #[test]
    fn a_broken_line_is_named_not_quoted() {
        let err = ini_section("[default]\naccess_key_secret\n", "default").unwrap_err();
        assert_eq!(err, "not a valid INI file (line 2)");
        assert_eq!(ini_section("[default\n", "default").unwrap_err(), "not a valid INI file (line 1)");
        assert_eq!(ini_section("= value\n", "default").unwrap_err(), "not a valid INI file (line 1)");
    }
}
