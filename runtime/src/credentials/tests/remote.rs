//! Providers that call a service, each against a loopback fake started by the test: STS
//! (every signed request verified, `AssumeRoleWithOIDC` anonymous), the instance metadata
//! service, a credentials URI, the CloudSSO portal; and every mode of the CLI file.

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use super::*;
use crate::sign::format_date;
use crate::test_util::{FakeResponse, FakeServer, ReceivedCall};

/// The secret of the AccessKey that signs `AssumeRole`; the fake STS hands out temporary
/// credentials with the same secret, so that it can verify calls signed with them too.
pub(crate) const STS_SECRET: &str = "sts-sEcReT-789";
pub(crate) const STS_TOKEN: &str = "sts-ToKeN-012";

pub(crate) fn text(status: u16, body: &str) -> FakeResponse {
    FakeResponse { status, headers: Vec::new(), body: body.to_owned(), delay: Duration::ZERO }
}

/// An `AssumeRole` / `AssumeRoleWithOIDC` answer.
pub(crate) fn sts_answer(id: &str, expiration: SystemTime) -> FakeResponse {
    let body = serde_json::json!({
        "RequestId": "STS-REQUEST",
        "AssumedRoleUser": { "Arn": "acs:ram::1:role/app/session", "AssumedRoleId": "1:session" },
        "Credentials": {
            "AccessKeyId": id,
            "AccessKeySecret": STS_SECRET,
            "SecurityToken": STS_TOKEN,
            "Expiration": format_date(expiration),
        }
    });
    FakeResponse::json(200, body.to_string())
}

/// The metadata service's answer for a role.
pub(crate) fn imds_answer(id: &str, expiration: SystemTime) -> FakeResponse {
    let body = serde_json::json!({
        "Code": "Success",
        "AccessKeyId": id,
        "AccessKeySecret": STS_SECRET,
        "SecurityToken": STS_TOKEN,
        "Expiration": format_date(expiration),
        "LastUpdated": format_date(t0()),
    });
    FakeResponse::json(200, body.to_string())
}

pub(crate) fn clock() -> (ManualClock, Arc<dyn Clock>) {
    let clock = ManualClock::new(t0());
    (clock.clone(), Arc::new(clock))
}

/// A fake instance metadata service: hardened mode (tokens) when `hardened`, otherwise the
/// token request fails with 404; `require_token` refuses GETs without a token.
pub(crate) struct Imds {
    pub(crate) hardened: bool,
    pub(crate) require_token: bool,
    pub(crate) fail_with_token: bool,
    pub(crate) tokens: Mutex<Vec<String>>,
    pub(crate) expiration: SystemTime,
}

impl Imds {
    pub(crate) fn new(hardened: bool, require_token: bool) -> Self {
        Imds {
            hardened,
            require_token,
            fail_with_token: false,
            tokens: Mutex::new(Vec::new()),
            expiration: t0() + Duration::from_secs(6 * 3600),
        }
    }

    pub(crate) async fn start(self: &Arc<Self>) -> FakeServer {
        let state = self.clone();
        FakeServer::start_plain(move |_, call| state.respond(call)).await.unwrap()
    }

    fn respond(&self, call: &ReceivedCall) -> FakeResponse {
        if call.method == "PUT" && call.path == "/latest/api/token" {
            assert_eq!(call.header("x-aliyun-ecs-metadata-token-ttl-seconds"), Some("21600"));
            if !self.hardened {
                return text(404, "not found");
            }
            let mut tokens = self.tokens.lock().unwrap();
            let token = format!("imds-token-{}", tokens.len() + 1);
            tokens.push(token.clone());
            return text(200, &token);
        }
        match call.header("x-aliyun-ecs-metadata-token") {
            Some(token) if !self.tokens.lock().unwrap().iter().any(|t| t == token) => return text(401, ""),
            Some(_) if self.fail_with_token => return text(500, ""),
            None if self.require_token => return text(403, ""),
            _ => {}
        }
        match call.path.as_str() {
            "/latest/meta-data/ram/security-credentials/" => text(200, "app-role\n"),
            "/latest/meta-data/ram/security-credentials/app-role" => imds_answer("STS.imds", self.expiration),
            _ => text(404, ""),
        }
    }
}

pub(crate) fn count(server: &FakeServer, method: &str, path: &str) -> usize {
    server.calls().iter().filter(|c| c.method == method && c.path == path).count()
}

fn assert_temporary(credentials: &Credentials, id: &str) {
    assert_eq!(credentials.access_key_id, id);
    assert_eq!(credentials.access_key_secret.expose_secret(), STS_SECRET);
    assert_eq!(credentials.security_token.as_ref().unwrap().expose_secret(), STS_TOKEN);
}

#[tokio::test]
async fn ram_role_arn_calls_assume_role_signed_with_the_source() {
    let (_, clock) = clock();
    let sts =
        FakeServer::start(STS_SECRET, |_, _| sts_answer("STS.role", t0() + Duration::from_secs(3600))).await.unwrap();
    let provider = RamRoleArnProvider::builder(Credentials::new("LTAIsource", STS_SECRET))
        .role_arn("acs:ram::1:role/app")
        .policy(r#"{"Statement":[]}"#)
        .external_id("ext-1")
        .sts(StsSettings::new().endpoint(sts.endpoint()))
        .env(env(&[]))
        .clock(clock)
        .build()
        .unwrap();
    let credentials = provider.provide_credentials().await.unwrap();
    assert_temporary(&credentials, "STS.role");
    assert_eq!(credentials.expiration, Some(t0() + Duration::from_secs(3600)));

    let calls = sts.calls();
    assert_eq!(calls.len(), 1);
    let call = &calls[0];
    assert_eq!(call.verification.as_ref().unwrap().access_key_id, "LTAIsource");
    assert_eq!((call.header("x-acs-action"), call.header("x-acs-version")), (Some("AssumeRole"), Some("2015-04-01")));
    assert_eq!(call.header("x-acs-date"), Some("2023-11-14T22:13:20Z"), "signed with the provider's clock");
    assert_eq!(call.param("RoleArn").as_deref(), Some("acs:ram::1:role/app"));
    assert_eq!(call.param("RoleSessionName").as_deref(), Some("credentials-rust-1700000000"));
    assert_eq!(call.param("DurationSeconds").as_deref(), Some("3600"));
    assert_eq!(call.param("Policy").as_deref(), Some(r#"{"Statement":[]}"#));
    assert_eq!(call.param("ExternalId").as_deref(), Some("ext-1"));
}

#[tokio::test]
async fn ram_role_arn_checks_its_settings_and_reports_sts_errors() {
    let (_, clock) = clock();
    let source = || Credentials::new("LTAIsource", STS_SECRET);
    let no_role = RamRoleArnProvider::builder(source()).env(env(&[])).build().unwrap_err();
    assert_eq!(no_role.to_string(), "ram role arn: no role ARN: set `role_arn` or ALIBABA_CLOUD_ROLE_ARN");
    let short = RamRoleArnProvider::builder(source()).role_arn("r").duration_seconds(600).build().unwrap_err();
    assert!(short.message().starts_with("session duration 600 s is too short"), "{short}");

    let sts = FakeServer::start(STS_SECRET, |_, _| {
        FakeResponse::error(400, "InvalidParameter.RoleArn", "The parameter RoleArn is wrongly formed.")
    })
    .await
    .unwrap();
    let provider = RamRoleArnProvider::builder(source())
        .sts(StsSettings::new().endpoint(sts.endpoint()))
        .env(env(&[(ENV_ROLE_ARN, "acs:ram::1:role/from-env"), (ENV_ROLE_SESSION_NAME, "from-env")]))
        .clock(clock)
        .build()
        .unwrap();
    let error = provider.provide_credentials().await.unwrap_err();
    assert_eq!(
        error.to_string(),
        "sts AssumeRole: service error: InvalidParameter.RoleArn (HTTP 400): The parameter RoleArn is wrongly \
         formed. [request id FAKE-REQUEST-ID]"
    );
    assert_eq!(sts.calls()[0].param("RoleSessionName").as_deref(), Some("from-env"));
    assert_eq!(provider.last_refresh_error(), Some(error));
}

#[tokio::test]
async fn oidc_role_is_anonymous_and_rereads_the_token_file() {
    let (manual, clock) = clock();
    let dir = TempDir::new("oidc");
    let token_file = dir.write("token", "oidc-token-1\n");
    let sts = FakeServer::start_allowing_anonymous(STS_SECRET, |index, _| {
        sts_answer(&format!("STS.oidc{index}"), t0() + Duration::from_secs(3600 * (index as u64 + 1)))
    })
    .await
    .unwrap();
    let vars = [
        (ENV_ROLE_ARN, "acs:ram::1:role/pod"),
        (ENV_OIDC_PROVIDER_ARN, "acs:ram::1:oidc-provider/ack"),
        (ENV_OIDC_TOKEN_FILE, token_file.to_str().unwrap()),
    ];
    assert!(OidcRoleProvider::is_configured(&env(&vars)));
    assert!(!OidcRoleProvider::is_configured(&env(&vars[..2])));
    let provider = OidcRoleProvider::builder()
        .env(env(&vars))
        .sts(StsSettings::new().endpoint(sts.endpoint()))
        .clock(clock)
        .build()
        .unwrap();
    assert_temporary(&provider.provide_credentials().await.unwrap(), "STS.oidc0");
    dir.write("token", "oidc-token-2");
    manual.advance(Duration::from_secs(46 * 60));
    assert_temporary(&provider.provide_credentials().await.unwrap(), "STS.oidc1");

    let calls = sts.calls();
    assert_eq!(calls.len(), 2);
    for (call, token) in calls.iter().zip(["oidc-token-1", "oidc-token-2"]) {
        assert_eq!(call.header("authorization"), None, "AssumeRoleWithOIDC is anonymous");
        assert_eq!(call.header("x-acs-action"), Some("AssumeRoleWithOIDC"));
        assert_eq!(call.param("OIDCToken").as_deref(), Some(token));
        assert_eq!(call.param("OIDCProviderArn").as_deref(), Some("acs:ram::1:oidc-provider/ack"));
        assert_eq!(call.param("RoleArn").as_deref(), Some("acs:ram::1:role/pod"));
        assert_eq!(call.param("DurationSeconds").as_deref(), Some("3600"));
    }
    assert_eq!(calls[0].param("RoleSessionName").as_deref(), Some("credentials-rust-1700000000"));

    std::fs::remove_file(&token_file).unwrap();
    manual.advance(Duration::from_secs(3 * 3600));
    let error = provider.provide_credentials().await.unwrap_err();
    assert_eq!(error.message(), format!("cannot read the OIDC token file {}: entity not found", token_file.display()));
}

fn ecs(server: &FakeServer, vars: &[(&str, &str)], clock: Arc<dyn Clock>) -> EcsRamRoleProvider {
    EcsRamRoleProvider::builder().endpoint(server.endpoint()).env(env(vars)).clock(clock).build().unwrap()
}

#[tokio::test]
async fn ecs_role_uses_tokens_first_and_keeps_them_until_they_expire() {
    let (manual, clock) = clock();
    let imds = Arc::new(Imds { expiration: t0() + Duration::from_secs(12 * 3600), ..Imds::new(true, true) });
    let server = imds.start().await;
    let provider = ecs(&server, &[], clock);
    assert_temporary(&provider.provide_credentials().await.unwrap(), "STS.imds");
    let role_list = "/latest/meta-data/ram/security-credentials/";
    let role = "/latest/meta-data/ram/security-credentials/app-role";
    assert_eq!(
        (count(&server, "PUT", "/latest/api/token"), count(&server, "GET", role_list), count(&server, "GET", role)),
        (1, 1, 1)
    );
    assert!(server
        .calls()
        .iter()
        .filter(|c| c.method == "GET")
        .all(|c| c.header("x-aliyun-ecs-metadata-token") == Some("imds-token-1")));

    // One hour later the official prefetch refreshes; the token is still good.
    manual.advance(Duration::from_secs(3601));
    provider.provide_credentials().await.unwrap();
    assert_eq!((count(&server, "PUT", "/latest/api/token"), count(&server, "GET", role)), (1, 2));
    // Past the token's six hours, a new token.
    manual.advance(Duration::from_secs(5 * 3600));
    provider.provide_credentials().await.unwrap();
    assert_eq!((count(&server, "PUT", "/latest/api/token"), count(&server, "GET", role)), (2, 3));
    // A token the service revoked (HTTP 401) is replaced once, without falling back.
    imds.tokens.lock().unwrap().clear();
    manual.advance(Duration::from_secs(3601));
    provider.provide_credentials().await.unwrap();
    assert_eq!(count(&server, "PUT", "/latest/api/token"), 3);
    assert!(server.calls().iter().all(|c| c.method == "PUT" || c.header("x-aliyun-ecs-metadata-token").is_some()));
    assert_eq!(provider.refreshes(), 4);
}

#[tokio::test]
async fn ecs_role_falls_back_to_the_normal_mode_unless_disabled() {
    let (_, clock) = clock();
    // No hardened mode on this instance: the token request fails, the GETs go without one.
    let plain = Arc::new(Imds::new(false, false));
    let server = plain.start().await;
    assert_temporary(
        &ecs(&server, &[(ENV_ECS_METADATA, "app-role")], clock.clone()).provide_credentials().await.unwrap(),
        "STS.imds",
    );
    assert_eq!(
        count(&server, "GET", "/latest/meta-data/ram/security-credentials/"),
        0,
        "the role name came from the variable"
    );
    assert!(server.calls().iter().all(|c| c.header("x-aliyun-ecs-metadata-token").is_none()));

    let error = ecs(&server, &[(ENV_IMDSV1_DISABLED, "true")], clock.clone()).provide_credentials().await.unwrap_err();
    assert_eq!(
        error.to_string(),
        "ecs metadata: cannot get a metadata token (HTTP 404) and the normal mode is disabled (ALIBABA_CLOUD_IMDSV1_DISABLED)"
    );

    // A GET that fails with a token is tried again without one (the Python tool's fallback).
    let flaky = Arc::new(Imds { fail_with_token: true, ..Imds::new(true, false) });
    let server = flaky.start().await;
    assert_temporary(&ecs(&server, &[], clock.clone()).provide_credentials().await.unwrap(), "STS.imds");
    let error = ecs(&server, &[(ENV_IMDSV1_DISABLED, "TRUE")], clock.clone()).provide_credentials().await.unwrap_err();
    assert_eq!(error.message(), "GET /latest/meta-data/ram/security-credentials/ failed in hardened mode: HTTP 500");

    let disabled = EcsRamRoleProvider::builder().env(env(&[(ENV_ECS_METADATA_DISABLED, "true")])).build().unwrap_err();
    assert_eq!(disabled.to_string(), "ecs metadata: disabled by ALIBABA_CLOUD_ECS_METADATA_DISABLED");
}

#[tokio::test]
async fn credentials_uri_answers_temporary_credentials() {
    let (_, clock) = clock();
    let server = FakeServer::start_plain(|index, call| {
        assert_eq!(
            (call.method.as_str(), call.path.as_str(), call.query.as_str()),
            ("GET", "/credentials", "ticket=t1")
        );
        match index {
            0 => imds_answer("STS.uri", t0() + Duration::from_secs(3600)),
            _ => text(503, &format!("{{\"AccessKeySecret\":\"{STS_SECRET}\"}}")),
        }
    })
    .await
    .unwrap();
    let uri = format!("{}/credentials?ticket=t1", server.endpoint());
    let provider =
        UriProvider::with_options(&uri, Duration::from_secs(5), Duration::from_secs(10), clock.clone()).unwrap();
    assert_temporary(&provider.provide_credentials().await.unwrap(), "STS.uri");
    let failing = UriProvider::with_options(&uri, Duration::from_secs(5), Duration::from_secs(10), clock).unwrap();
    let error = failing.provide_credentials().await.unwrap_err();
    assert_eq!(error.to_string(), format!("credentials uri: {}/credentials: answered HTTP 503", server.endpoint()));
    assert!(!error.to_string().contains("ticket"), "the query may hold a secret");
}

/// Every mode of the CLI file, each against its fake.
#[tokio::test]
async fn cli_profile_reads_every_mode() {
    let (_, clock) = clock();
    let sts = FakeServer::start_allowing_anonymous(STS_SECRET, |index, _| {
        sts_answer(&format!("STS.cli{index}"), t0() + Duration::from_secs(3600))
    })
    .await
    .unwrap();
    let imds = Arc::new(Imds::new(true, true));
    let metadata = imds.start().await;
    let sso = FakeServer::start_plain(|_, call| {
        assert_eq!((call.method.as_str(), call.path.as_str()), ("POST", "/cloud-credentials"));
        assert_eq!(call.header("authorization"), Some("Bearer sso-access-token"));
        let body: serde_json::Value = serde_json::from_slice(&call.body).unwrap();
        assert_eq!(body, serde_json::json!({ "AccountId": "1234", "AccessConfigurationId": "ac-1" }));
        let credential = serde_json::json!({ "CloudCredential": {
            "AccessKeyId": "STS.sso", "AccessKeySecret": STS_SECRET, "SecurityToken": STS_TOKEN,
            "Expiration": format_date(t0() + Duration::from_secs(3600)) } });
        FakeResponse::json(200, credential.to_string())
    })
    .await
    .unwrap();
    let dir = TempDir::new("cli-modes");
    let token_file = dir.write("oidc-token", "cli-oidc-token");
    let expire = (t0() + Duration::from_secs(600)).duration_since(UNIX_EPOCH).unwrap().as_secs();
    let config = serde_json::json!({ "current": "ak", "profiles": [
        { "name": "ak", "mode": "AK", "access_key_id": "LTAIcli", "access_key_secret": STS_SECRET },
        { "name": "role", "mode": "RamRoleArn", "access_key_id": "LTAIcli", "access_key_secret": STS_SECRET,
          "ram_role_arn": "acs:ram::1:role/cli", "ram_session_name": "cli-session", "expired_seconds": 1800,
          "sts_region": "cn-shanghai" },
        { "name": "chained", "mode": "ChainableRamRoleArn", "source_profile": "role",
          "ram_role_arn": "acs:ram::1:role/chained" },
        { "name": "ecs", "mode": "EcsRamRole", "ram_role_name": "app-role" },
        { "name": "oidc", "mode": "OIDC", "ram_role_arn": "acs:ram::1:role/oidc",
          "oidc_provider_arn": "acs:ram::1:oidc-provider/p", "oidc_token_file": token_file.to_str().unwrap() },
        { "name": "sso", "mode": "CloudSSO", "cloud_sso_sign_in_url": sso.endpoint(), "cloud_sso_account_id": "1234",
          "cloud_sso_access_config": "ac-1", "access_token": "sso-access-token", "cloud_sso_access_token_expire": expire },
        { "name": "sso-expired", "mode": "CloudSSO", "cloud_sso_sign_in_url": sso.endpoint(), "cloud_sso_account_id": "1234",
          "cloud_sso_access_config": "ac-1", "access_token": "sso-access-token", "cloud_sso_access_token_expire": 1 }
    ]});
    let path = dir.write("config.json", &config.to_string());
    let provider = |profile: &str| {
        let mut p = CliProfileProvider::with_settings(crate::credentials::chain::Settings {
            env: env(&[]),
            clock: clock.clone(),
            sts_endpoint: Some(sts.endpoint()),
            imds_endpoint: Some(metadata.endpoint()),
        })
        .with_path(&path);
        if !profile.is_empty() {
            p = p.with_profile(profile);
        }
        p
    };
    assert_eq!(provider("").provide_credentials().await.unwrap().access_key_id, "LTAIcli");
    assert_temporary(&provider("role").provide_credentials().await.unwrap(), "STS.cli0");
    // The chained role is signed with the credentials of its source profile's role.
    assert_temporary(&provider("chained").provide_credentials().await.unwrap(), "STS.cli2");
    assert_temporary(&provider("ecs").provide_credentials().await.unwrap(), "STS.imds");
    assert_temporary(&provider("oidc").provide_credentials().await.unwrap(), "STS.cli3");
    assert_temporary(&provider("sso").provide_credentials().await.unwrap(), "STS.sso");
    let expired = provider("sso-expired").provide_credentials().await.unwrap_err();
    assert_eq!(expired.message(), "the CloudSSO access token expired: sign in again with the aliyun CLI");

    let calls = sts.calls();
    assert_eq!(calls.len(), 4);
    assert_eq!(calls[0].verification.as_ref().unwrap().access_key_id, "LTAIcli");
    assert_eq!(calls[0].param("RoleSessionName").as_deref(), Some("cli-session"));
    assert_eq!(calls[0].param("DurationSeconds").as_deref(), Some("1800"));
    assert_eq!(calls[1].verification.as_ref().unwrap().access_key_id, "LTAIcli", "the source role, for the chain");
    assert_eq!(calls[2].verification.as_ref().unwrap().access_key_id, "STS.cli1", "signed with the source's role");
    assert_eq!(calls[2].header("x-acs-security-token"), Some(STS_TOKEN));
    assert_eq!(calls[2].param("RoleArn").as_deref(), Some("acs:ram::1:role/chained"));
    assert_eq!(calls[3].header("authorization"), None);
    assert_eq!(calls[3].param("OIDCToken").as_deref(), Some("cli-oidc-token"));
}
