//! A workload on ECS or in an ACK pod calls the service with no AccessKey in its environment:
//! the default chain gets temporary credentials from the instance metadata service, or from STS
//! `AssumeRoleWithOIDC` with the pod's token, and the fake flow-log service verifies every
//! request's signature with the temporary secret and sees its security token.

use std::time::{Duration, SystemTime};

use alibabacloud_flowlog::ecr;
use alibabacloud_flowlog::runtime::credentials::{DefaultChain, Env};
use alibabacloud_flowlog::runtime::sign::format_date;
use alibabacloud_flowlog::runtime::test_util::{FakeResponse, FakeServer, ReceivedCall};
use alibabacloud_flowlog::runtime::Config;
use integration_tests::fake_flowlog::FakeFlowLogService;

const TEMPORARY_ID: &str = "STS.workload";
const TEMPORARY_SECRET: &str = "temporary-secret";
const TEMPORARY_TOKEN: &str = "temporary-security-token";

fn temporary(code: bool) -> String {
    let expiration = format_date(SystemTime::now() + Duration::from_secs(3600));
    let mut body = serde_json::json!({
        "AccessKeyId": TEMPORARY_ID, "AccessKeySecret": TEMPORARY_SECRET,
        "SecurityToken": TEMPORARY_TOKEN, "Expiration": expiration,
    });
    if code {
        body["Code"] = "Success".into();
    }
    body.to_string()
}

async fn create_flow_log(config: Config) -> ecr::CreateFlowLogResponse {
    let request = ecr::CreateFlowLogRequest::builder()
        .ecr_id("ecr-0001")
        .instance_type("VBR")
        .instance_id("vbr-0001")
        .project_name("flowlog-project")
        .log_store_name("flowlog-logstore")
        .build()
        .unwrap();
    ecr::Client::new(config).send(request).await.unwrap()
}

fn assert_signed_with_the_temporary_credentials(calls: &[ReceivedCall]) {
    assert!(!calls.is_empty());
    for call in calls {
        assert_eq!(call.verification.as_ref().unwrap().access_key_id, TEMPORARY_ID);
        assert_eq!(call.header("x-acs-security-token"), Some(TEMPORARY_TOKEN));
    }
}

#[tokio::test]
async fn on_ecs_the_instance_role_signs_the_calls() {
    let service = FakeFlowLogService::start(TEMPORARY_ID, TEMPORARY_SECRET).await.unwrap();
    let metadata = FakeServer::start_plain(|_, call| match (call.method.as_str(), call.path.as_str()) {
        ("PUT", "/latest/api/token") => {
            FakeResponse { status: 200, headers: vec![], body: "t".into(), delay: Duration::ZERO }
        }
        ("GET", "/latest/meta-data/ram/security-credentials/") => {
            FakeResponse { status: 200, headers: vec![], body: "workload-role".into(), delay: Duration::ZERO }
        }
        ("GET", "/latest/meta-data/ram/security-credentials/workload-role") => FakeResponse::json(200, temporary(true)),
        _ => FakeResponse::error(404, "NotFound", ""),
    })
    .await
    .unwrap();
    // No AccessKey anywhere: an empty environment and home folder.
    let home = std::env::temp_dir().join(format!("flowlog-ecs-home-{}", std::process::id()));
    let chain = DefaultChain::builder()
        .env(Env::from_vars([("HOME", home.to_str().unwrap())]))
        .imds_endpoint(metadata.endpoint())
        .build();
    let config =
        Config::builder().region("cn-hangzhou").endpoint(service.endpoint()).credentials(chain).build().unwrap();
    let created = create_flow_log(config).await;
    assert!(created.flow_log_id.is_some());
    assert_signed_with_the_temporary_credentials(&service.calls());
    assert!(metadata.calls().iter().all(|c| c.method == "PUT" || c.header("x-aliyun-ecs-metadata-token") == Some("t")));
}

#[tokio::test]
async fn in_an_ack_pod_the_oidc_token_is_exchanged_for_a_role() {
    let service = FakeFlowLogService::start(TEMPORARY_ID, TEMPORARY_SECRET).await.unwrap();
    // STS: AssumeRoleWithOIDC is anonymous; anything signed would have to verify.
    let sts = FakeServer::start_allowing_anonymous("no-source-secret", |_, call| {
        assert_eq!(call.header("x-acs-action"), Some("AssumeRoleWithOIDC"));
        assert_eq!(call.param("OIDCToken").as_deref(), Some("projected-service-account-token"));
        FakeResponse::json(200, format!("{{\"RequestId\":\"R\",\"Credentials\":{}}}", temporary(false)))
    })
    .await
    .unwrap();
    let dir = std::env::temp_dir().join(format!("flowlog-ack-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let token_file = dir.join("token");
    std::fs::write(&token_file, "projected-service-account-token").unwrap();
    let env = Env::from_vars([
        ("HOME", dir.to_str().unwrap()),
        ("ALIBABA_CLOUD_ROLE_ARN", "acs:ram::1:role/workload"),
        ("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "acs:ram::1:oidc-provider/ack-rrsa"),
        ("ALIBABA_CLOUD_OIDC_TOKEN_FILE", token_file.to_str().unwrap()),
        ("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true"),
    ]);
    let chain = DefaultChain::builder().env(env).sts_endpoint(sts.endpoint()).build();
    let config =
        Config::builder().region("cn-hangzhou").endpoint(service.endpoint()).credentials(chain).build().unwrap();
    create_flow_log(config).await;
    assert_signed_with_the_temporary_credentials(&service.calls());
    let exchanged = sts.calls();
    assert_eq!(exchanged.len(), 1);
    assert_eq!(exchanged[0].header("authorization"), None);
    let _ = std::fs::remove_dir_all(dir);
}
