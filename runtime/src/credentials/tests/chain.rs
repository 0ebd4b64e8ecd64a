//! The default chain: each source present or absent, in the official order.

use std::time::Duration;

use super::remote::{clock, imds_answer, sts_answer, Imds, STS_SECRET};
use super::*;
use crate::test_util::FakeServer;

/// An address where nothing listens: connecting is refused at once (an instance that is not
/// on ECS, without waiting for the metadata service's timeout).
fn closed_port() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{address}")
}

#[tokio::test]
async fn each_source_in_the_official_order() {
    let (_, clock) = clock();
    let sts = FakeServer::start_allowing_anonymous(STS_SECRET, |_, _| {
        sts_answer("STS.oidc", t0() + Duration::from_secs(3600))
    })
    .await
    .unwrap();
    let imds = std::sync::Arc::new(Imds::new(true, true));
    let metadata = imds.start().await;
    let uri = FakeServer::start_plain(|_, _| imds_answer("STS.uri", t0() + Duration::from_secs(3600))).await.unwrap();
    let dir = TempDir::new("chain");
    let token_file = dir.write("oidc-token", "token");
    let cli_file = dir.write(
        ".aliyun/config.json",
        r#"{"current": "default", "profiles": [
        {"name": "default", "mode": "AK", "access_key_id": "LTAIcli", "access_key_secret": "s"}]}"#,
    );
    let ini_file = dir.write(
        ".alibabacloud/credentials.ini",
        "[default]\ntype = access_key\naccess_key_id = LTAIini\naccess_key_secret = s\n",
    );
    let uri_value = format!("{}/credentials", uri.endpoint());

    let mut vars: Vec<(&str, &str)> = vec![
        (ENV_ACCESS_KEY_ID, "LTAIenv"),
        (ENV_ACCESS_KEY_SECRET, "s"),
        (ENV_ROLE_ARN, "acs:ram::1:role/pod"),
        (ENV_OIDC_PROVIDER_ARN, "acs:ram::1:oidc-provider/ack"),
        (ENV_OIDC_TOKEN_FILE, token_file.to_str().unwrap()),
        (ENV_CREDENTIALS_URI, &uri_value),
    ];
    let chain = |vars: &[(&str, &str)], imds: &str| {
        DefaultChain::builder()
            .env(env(vars).with_home(dir.path()))
            .clock(clock.clone())
            .sts_endpoint(sts.endpoint())
            .imds_endpoint(imds)
            .build()
    };
    let all = ["environment", "oidc role", "cli profile", "credentials file", "ecs ram role", "credentials uri"];
    let winner = |chain: DefaultChain| async move {
        let credentials = chain.provide_credentials().await;
        (chain.last_source(), credentials.map(|c| c.access_key_id))
    };

    let full = chain(&vars, &metadata.endpoint());
    assert_eq!(full.sources(), all);
    assert_eq!(winner(full).await, (Some("environment"), Ok("LTAIenv".to_owned())));
    vars.drain(..2);
    assert_eq!(winner(chain(&vars, &metadata.endpoint())).await, (Some("oidc role"), Ok("STS.oidc".to_owned())));
    vars.retain(|(k, _)| ![ENV_ROLE_ARN, ENV_OIDC_PROVIDER_ARN, ENV_OIDC_TOKEN_FILE].contains(k));
    assert_eq!(winner(chain(&vars, &metadata.endpoint())).await, (Some("cli profile"), Ok("LTAIcli".to_owned())));
    std::fs::remove_file(&cli_file).unwrap();
    assert_eq!(winner(chain(&vars, &metadata.endpoint())).await, (Some("credentials file"), Ok("LTAIini".to_owned())));
    std::fs::remove_file(&ini_file).unwrap();
    assert_eq!(winner(chain(&vars, &metadata.endpoint())).await, (Some("ecs ram role"), Ok("STS.imds".to_owned())));
    let not_on_ecs = closed_port();
    assert_eq!(winner(chain(&vars, &not_on_ecs)).await, (Some("credentials uri"), Ok("STS.uri".to_owned())));

    // Nothing left: one error naming what each source said.
    vars.clear();
    let nothing = chain(&vars, &not_on_ecs);
    assert_eq!(nothing.sources(), ["environment", "cli profile", "credentials file", "ecs ram role"]);
    let error = nothing.provide_credentials().await.unwrap_err();
    assert_eq!(error.source_name(), "default chain");
    for part in [
        "no credentials found (environment: ALIBABA_CLOUD_ACCESS_KEY_ID is not set; cli profile ",
        "config.json: cannot read: entity not found; credentials file ",
        "ecs metadata: GET /latest/meta-data/ram/security-credentials/ failed: connection failed",
    ] {
        assert!(error.message().contains(part), "{part} not in {error}");
    }
}

#[tokio::test]
async fn switches_leave_sources_out_and_the_first_source_sticks() {
    let vars =
        [(ENV_CLI_PROFILE_DISABLED, "true"), (ENV_ECS_METADATA_DISABLED, "TRUE"), (ENV_ROLE_ARN, "acs:ram::1:role/x")];
    // OIDC needs all three variables; the switches remove the CLI file and the metadata service.
    assert_eq!(DefaultChain::builder().env(env(&vars)).build().sources(), ["environment", "credentials file"]);

    let dir = TempDir::new("chain-sticks");
    dir.write(
        ".alibabacloud/credentials.ini",
        "[default]\ntype = access_key\naccess_key_id = LTAIini\naccess_key_secret = s\n",
    );
    let chain = DefaultChain::builder().env(env(&vars).with_home(dir.path())).build();
    assert_eq!(chain.provide_credentials().await.unwrap().access_key_id, "LTAIini");
    // As in the official tools, the source that answered is used alone from then on.
    std::fs::remove_dir_all(dir.path().join(".alibabacloud")).unwrap();
    assert_eq!(chain.provide_credentials().await.unwrap().access_key_id, "LTAIini", "the file was read once");
    assert_eq!(chain.last_source(), Some("credentials file"));

    let invalid = DefaultChain::builder()
        .env(env(&[(ENV_CREDENTIALS_URI, "::not a url::"), (ENV_ECS_METADATA_DISABLED, "true")]))
        .build();
    let error = invalid.provide_credentials().await.unwrap_err();
    assert!(error.message().contains("credentials uri: not an http(s) URL"), "{error}");
}
