use std::collections::HashMap;

use super::*;

const SECRET: &str = "sEcReT-value-123";
const TOKEN: &str = "ToKeN-value-456";

fn temp_file(name: &str, contents: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("alibabacloud-runtime-test-{}-{}", std::process::id(), name));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("config.json");
    std::fs::write(&path, contents).unwrap();
    path
}

fn env(vars: &[(&str, &str)]) -> EnvironmentProvider {
    let map: HashMap<String, String> = vars.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
    EnvironmentProvider::from_lookup(move |name| map.get(name).cloned())
}

const CONFIG: &str = r#"{
  "current": "main",
  "profiles": [
    { "name": "main", "mode": "AK", "access_key_id": "LTAIkey", "access_key_secret": "sEcReT-value-123", "region_id": "cn-hangzhou" },
    { "name": "sts", "mode": "StsToken", "access_key_id": "STS.key", "access_key_secret": "sEcReT-value-123", "sts_token": "ToKeN-value-456" },
    { "name": "role", "mode": "RamRoleArn", "access_key_id": "a", "access_key_secret": "b" },
    { "name": "broken", "mode": "AK", "access_key_id": "a", "access_key_secret": 42 }
  ]
}"#;

#[test]
fn debug_and_display_never_print_secrets() {
    let credentials = Credentials::new("LTAIkey", SECRET).with_security_token(TOKEN);
    for text in [format!("{credentials:?}"), format!("{credentials:#?}"), credentials.to_string()] {
        assert!(text.contains("LTAIkey"), "{text}");
        assert!(!text.contains(SECRET), "{text}");
        assert!(!text.contains(TOKEN), "{text}");
    }
    assert_eq!(credentials.to_string(), "AccessKey LTAIkey (with STS token)");
    assert_eq!(credentials.access_key_secret.expose_secret(), SECRET);
}

#[test]
fn environment_provider_reads_the_three_variables() {
    let credentials =
        env(&[(ENV_ACCESS_KEY_ID, "LTAIkey"), (ENV_ACCESS_KEY_SECRET, SECRET), (ENV_SECURITY_TOKEN, TOKEN)])
            .load()
            .unwrap();
    assert_eq!(credentials.access_key_id, "LTAIkey");
    assert_eq!(credentials.security_token.unwrap().expose_secret(), TOKEN);

    let without_token = env(&[(ENV_ACCESS_KEY_ID, "LTAIkey"), (ENV_ACCESS_KEY_SECRET, SECRET)]).load().unwrap();
    assert!(without_token.security_token.is_none());

    let error = env(&[(ENV_ACCESS_KEY_SECRET, SECRET)]).load().unwrap_err();
    assert_eq!(error.source_name(), "environment");
    assert!(error.to_string().contains(ENV_ACCESS_KEY_ID));
    assert!(!error.to_string().contains(SECRET));
}

#[test]
fn profile_file_uses_current_or_the_named_profile() {
    let path = temp_file("profiles", CONFIG);
    let main = ProfileFileProvider::new().with_path(&path).with_profile("main").load().unwrap();
    assert_eq!(main.access_key_id, "LTAIkey");
    assert_eq!(main.access_key_secret.expose_secret(), SECRET);
    assert!(main.security_token.is_none());

    let sts = ProfileFileProvider::new().with_path(&path).with_profile("sts").load().unwrap();
    assert_eq!(sts.security_token.unwrap().expose_secret(), TOKEN);

    // Without a name (and without ALIBABA_CLOUD_PROFILE), `current` decides.
    let current = parse_profile_file(CONFIG, None).unwrap();
    assert_eq!(current.access_key_id, "LTAIkey");
    let _ = std::fs::remove_file(path);
}

#[test]
fn profile_file_errors_name_the_source_not_the_secret() {
    let path = temp_file("errors", CONFIG);
    let provider = ProfileFileProvider::new().with_path(&path);
    let unsupported = provider.clone().with_profile("role").load().unwrap_err();
    assert!(unsupported.source_name().starts_with("profile file "));
    assert!(unsupported.message().contains("RamRoleArn"));
    let broken = provider.clone().with_profile("broken").load().unwrap_err();
    assert!(broken.message().contains("not a string"), "{broken}");
    let missing = provider.with_profile("nope").load().unwrap_err();
    assert!(missing.message().contains("no profile named `nope`"));

    let invalid = format!("{{\"profiles\": [{{\"access_key_secret\": \"{SECRET}\" oops");
    let error = parse_profile_file(&invalid, None).unwrap_err();
    assert!(error.contains("not valid JSON"), "{error}");
    assert!(!error.contains(SECRET));

    let absent = ProfileFileProvider::new().with_path(path.with_file_name("absent.json")).load().unwrap_err();
    assert!(absent.message().contains("cannot read"), "{absent}");
    for error in [unsupported, broken, absent] {
        assert!(!error.to_string().contains(SECRET));
    }
    let _ = std::fs::remove_file(path);
}

#[test]
fn default_chain_prefers_the_environment_then_the_file() {
    let path = temp_file("chain", CONFIG);
    let file = ProfileFileProvider::new().with_path(&path).with_profile("sts");
    let from_env =
        DefaultChain::from_parts(env(&[(ENV_ACCESS_KEY_ID, "FromEnv"), (ENV_ACCESS_KEY_SECRET, "x")]), file.clone())
            .load()
            .unwrap();
    assert_eq!(from_env.access_key_id, "FromEnv");

    let from_file = DefaultChain::from_parts(env(&[]), file).load().unwrap();
    assert_eq!(from_file.access_key_id, "STS.key");

    let nothing =
        DefaultChain::from_parts(env(&[]), ProfileFileProvider::new().with_path(path.with_file_name("absent.json")))
            .load()
            .unwrap_err();
    assert!(nothing.message().contains("environment"), "{nothing}");
    assert!(nothing.message().contains("profile file"), "{nothing}");
    let _ = std::fs::remove_file(path);
}

#[tokio::test]
async fn providers_are_usable_as_trait_objects() {
    let provider: Arc<dyn ProvideCredentials> = Arc::new(Credentials::new("id", SECRET));
    let credentials = provider.provide_credentials().await.unwrap();
    assert_eq!(credentials.access_key_id, "id");
}
