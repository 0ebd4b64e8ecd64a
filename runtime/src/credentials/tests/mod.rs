//! Credentials: the types, the environment, the CLI and INI files. Providers that call a
//! service are tested against loopback fakes in `remote.rs`, the cache in `cache.rs`, the
//! default chain in `chain.rs`.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::*;

mod cache;
mod chain;
mod remote;

pub(super) const SECRET: &str = "sEcReT-value-123";
pub(super) const TOKEN: &str = "ToKeN-value-456";

/// The time every test starts at: 2023-11-14T22:13:20Z.
pub(super) fn t0() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_700_000_000)
}

/// A folder of its own under the system's temporary folder, removed when dropped.
pub(super) struct TempDir(PathBuf);

impl TempDir {
    pub(super) fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("alibabacloud-credentials-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    pub(super) fn path(&self) -> &Path {
        &self.0
    }

    /// Writes `contents` at `relative` (creating folders) and returns the file's path.
    pub(super) fn write(&self, relative: &str, contents: &str) -> PathBuf {
        let path = self.0.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub(super) fn env(vars: &[(&str, &str)]) -> Env {
    Env::from_vars(vars.iter().map(|(k, v)| (*k, *v)))
}

const CONFIG: &str = r#"{
  "current": "main",
  "profiles": [
    { "name": "main", "mode": "AK", "access_key_id": "LTAIkey", "access_key_secret": "sEcReT-value-123", "region_id": "cn-hangzhou" },
    { "name": "sts", "mode": "StsToken", "access_key_id": "STS.key", "access_key_secret": "sEcReT-value-123", "sts_token": "ToKeN-value-456" },
    { "name": "broken", "mode": "AK", "access_key_id": "a", "access_key_secret": 42 },
    { "name": "oauth", "mode": "OAuth", "oauth_refresh_token": "sEcReT-value-123" },
    { "name": "external", "mode": "External", "process_command": "print-credentials" },
    { "name": "odd", "mode": "Telepathy" },
    { "name": "loop-a", "mode": "ChainableRamRoleArn", "source_profile": "loop-b", "ram_role_arn": "acs:ram::1:role/a" },
    { "name": "loop-b", "mode": "ChainableRamRoleArn", "source_profile": "loop-a", "ram_role_arn": "acs:ram::1:role/b" }
  ]
}"#;

async fn cli(dir: &TempDir, env_vars: &[(&str, &str)], profile: Option<&str>) -> Result<Credentials, CredentialsError> {
    let mut provider = CliProfileProvider::new().with_env(env(env_vars).with_home(dir.path()));
    if let Some(profile) = profile {
        provider = provider.with_profile(profile);
    }
    provider.provide_credentials().await
}

#[test]
fn debug_and_display_never_print_secrets() {
    let credentials = Credentials::new("LTAIkey", SECRET).with_security_token(TOKEN).with_expiration(t0());
    for text in [format!("{credentials:?}"), format!("{credentials:#?}"), credentials.to_string()] {
        assert!(text.contains("LTAIkey"), "{text}");
        assert!(!text.contains(SECRET), "{text}");
        assert!(!text.contains(TOKEN), "{text}");
    }
    assert_eq!(credentials.to_string(), "AccessKey LTAIkey (with STS token)");
    assert_eq!(credentials.access_key_secret.expose_secret(), SECRET);
    assert_eq!(credentials.expiration(), Some(t0()));
    let env = env(&[(ENV_ACCESS_KEY_SECRET, SECRET)]);
    assert_eq!(format!("{env:?}"), "Env(1 variables)");
}

#[test]
fn environment_provider_reads_the_three_variables() {
    let read = |vars: &[(&str, &str)]| EnvironmentProvider::from_env(env(vars)).load();
    let credentials =
        read(&[(ENV_ACCESS_KEY_ID, "LTAIkey"), (ENV_ACCESS_KEY_SECRET, SECRET), (ENV_SECURITY_TOKEN, TOKEN)]).unwrap();
    assert_eq!(credentials.access_key_id, "LTAIkey");
    assert_eq!(credentials.security_token.unwrap().expose_secret(), TOKEN);
    assert!(read(&[(ENV_ACCESS_KEY_ID, "LTAIkey"), (ENV_ACCESS_KEY_SECRET, SECRET)]).unwrap().security_token.is_none());
    // Empty counts as unset, as in the official tools.
    let error = read(&[(ENV_ACCESS_KEY_ID, ""), (ENV_ACCESS_KEY_SECRET, SECRET)]).unwrap_err();
    assert_eq!(error.to_string(), "environment: ALIBABA_CLOUD_ACCESS_KEY_ID is not set");
    let error = read(&[(ENV_ACCESS_KEY_ID, "LTAIkey")]).unwrap_err();
    assert_eq!(error.to_string(), "environment: ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set");
}

#[tokio::test]
async fn cli_profile_picks_the_named_then_the_environment_then_current() {
    let dir = TempDir::new("cli-pick");
    dir.write(".aliyun/config.json", CONFIG);
    let main = cli(&dir, &[], None).await.unwrap();
    assert_eq!((main.access_key_id.as_str(), main.security_token.is_none()), ("LTAIkey", true));
    let sts = cli(&dir, &[(ENV_PROFILE, "sts")], None).await.unwrap();
    assert_eq!(sts.security_token.unwrap().expose_secret(), TOKEN);
    let named = cli(&dir, &[(ENV_PROFILE, "sts")], Some("main")).await.unwrap();
    assert_eq!(named.access_key_id, "LTAIkey");

    // ALIBABA_CLOUD_CONFIG_FILE moves the file.
    let elsewhere = dir.write("elsewhere/cli.json", &CONFIG.replace("LTAIkey", "LTAImoved"));
    let moved = cli(&dir, &[(ENV_CONFIG_FILE, elsewhere.to_str().unwrap())], None).await.unwrap();
    assert_eq!(moved.access_key_id, "LTAImoved");
}

#[tokio::test]
async fn cli_profile_errors_name_the_problem_never_a_secret() {
    let dir = TempDir::new("cli-errors");
    let path = dir.write(".aliyun/config.json", CONFIG);
    let error = |profile: &'static str| {
        let dir = &dir;
        async move { cli(dir, &[], Some(profile)).await.unwrap_err() }
    };
    let shown = format!("cli profile {}", path.display());
    let broken = error("broken").await;
    assert_eq!(broken.to_string(), format!("{shown}: profile `broken`: `access_key_secret` is not a string"));
    let missing = error("nope").await;
    assert_eq!(missing.message(), "no profile named `nope`");
    let oauth = error("oauth").await;
    assert!(
        oauth.message().starts_with("profile `oauth` has mode `OAuth`, which this SDK does not support"),
        "{oauth}"
    );
    assert!(error("external").await.message().contains("mode `External`, which this SDK does not support"));
    assert_eq!(
        error("odd").await.message(),
        "profile `odd` has mode `Telepathy`, which is unknown (supported: AK, StsToken, RamRoleArn, \
         ChainableRamRoleArn, EcsRamRole, OIDC, CloudSSO)"
    );
    assert_eq!(
        error("loop-a").await.message(),
        "profiles loop-a → loop-b refer to each other through `source_profile`"
    );
    for e in [broken, missing, oauth] {
        assert!(!e.to_string().contains(SECRET), "{e}");
    }

    dir.write(".aliyun/config.json", &format!("{{\"profiles\": [{{\"access_key_secret\": \"{SECRET}\" oops"));
    let invalid = cli(&dir, &[], None).await.unwrap_err();
    assert_eq!(invalid.message(), "not valid JSON (line 1, column 56)");
    dir.write(".aliyun/config.json", r#"{"profiles": []}"#);
    let no_current = cli(&dir, &[], None).await.unwrap_err();
    assert!(no_current.message().starts_with("no profile named: the file has no `current`"), "{no_current}");
    std::fs::remove_file(&path).unwrap();
    let absent = cli(&dir, &[], None).await.unwrap_err();
    assert_eq!(absent.message(), "cannot read: entity not found");
    assert!(CliProfileProvider::is_disabled(&env(&[(ENV_CLI_PROFILE_DISABLED, "True")])));
}

const INI: &str = "\
[default]
type = access_key            # a comment, as in the Python tool
access_key_id = LTAIini
access_key_secret = sEcReT-value-123

[project]
enable = true
type = access_key
access_key_id = LTAIproject
access_key_secret = sEcReT-value-123

[off]
enable = false
type = access_key
access_key_id = LTAIoff
access_key_secret = x

[rsa]
type = rsa_key_pair
public_key_id = x

[role]
type = ram_role_arn
access_key_id = LTAIini
";

#[tokio::test]
async fn credentials_file_reads_the_section_of_the_profile() {
    let dir = TempDir::new("ini");
    dir.write(".alibabacloud/credentials", INI);
    let read = |vars: &'static [(&'static str, &'static str)]| {
        let home = dir.path().to_path_buf();
        async move { CredentialsFileProvider::new().with_env(env(vars).with_home(home)).provide_credentials().await }
    };
    assert_eq!(read(&[]).await.unwrap().access_key_id, "LTAIini");
    assert_eq!(read(&[(ENV_PROFILE, "project")]).await.unwrap().access_key_id, "LTAIproject");
    assert_eq!(
        read(&[(ENV_PROFILE, "off")]).await.unwrap_err().message(),
        "section [off] is disabled (`enable = false`)"
    );
    assert!(read(&[(ENV_PROFILE, "rsa")])
        .await
        .unwrap_err()
        .message()
        .contains("`rsa_key_pair`, which this SDK does not support"));
    assert_eq!(
        read(&[(ENV_PROFILE, "role")]).await.unwrap_err().message(),
        "section [role] has no `access_key_secret`"
    );
    assert_eq!(read(&[(ENV_PROFILE, "nope")]).await.unwrap_err().message(), "no section [nope]");

    // credentials.ini (Python, Java) wins over credentials (Go); the variable over both.
    dir.write(".alibabacloud/credentials.ini", &INI.replace("LTAIini", "LTAIdotini"));
    assert_eq!(read(&[]).await.unwrap().access_key_id, "LTAIdotini");
    let custom = dir.write("custom.ini", &INI.replace("LTAIini", "LTAIcustom"));
    let from_variable = CredentialsFileProvider::new()
        .with_env(env(&[(ENV_CREDENTIALS_FILE, custom.to_str().unwrap())]).with_home(dir.path()))
        .provide_credentials()
        .await
        .unwrap();
    assert_eq!(from_variable.access_key_id, "LTAIcustom");
}

#[tokio::test]
async fn providers_are_usable_as_trait_objects() {
    let provider: Arc<dyn ProvideCredentials> = Arc::new(Credentials::new("id", SECRET));
    let credentials = provider.provide_credentials().await.unwrap();
    assert_eq!(credentials.access_key_id, "id");
}
