//! Fluent calls (`client.op().field(..).customize(..).send()`), `Client::send` for requests built
//! beforehand, and per-call options, against a signature-checking fake.

use std::time::Duration;

use alibabacloud_flowlog::ecr::{self, Client, Tag};
use alibabacloud_flowlog::runtime::test_util::{FakeResponse, FakeServer};
use alibabacloud_flowlog::runtime::{CallOptions, ClientTokenPolicy, RetryConfig, SdkError, ValidationMode};

use crate::support::{answering, assert_params, assert_rpc, assert_signed, config, only_call, SECRET};

const CREATED: &str = r#"{"RequestId":"R-1","FlowLogId":"flowlog-fluent"}"#;

#[tokio::test]
async fn a_fluent_call_sends_exactly_what_the_builder_would() {
    let server = answering(CREATED).await;
    let client = Client::new(config(&server.endpoint()).build().unwrap());
    let created = client
        .create_flow_log()
        .ecr_id("ecr-fluent")
        .instance_type("VBR")
        .instance_id("vbr-fluent")
        .project_name("flowlog-project")
        .log_store_name("flowlog-logstore")
        .client_token("token-1")
        .tag(Tag::default().key("env").value("test"))
        .send()
        .await
        .unwrap();
    assert_eq!(created.flow_log_id.as_deref(), Some("flowlog-fluent"));
    assert_eq!(created.envelope.request_id.as_deref(), Some("R-1"));

    // The same request built beforehand and sent with `Client::send` goes out identically.
    let request = ecr::CreateFlowLogRequest::builder()
        .ecr_id("ecr-fluent")
        .instance_type("VBR")
        .instance_id("vbr-fluent")
        .project_name("flowlog-project")
        .log_store_name("flowlog-logstore")
        .client_token("token-1")
        .tag(Tag::default().key("env").value("test"))
        .build()
        .unwrap();
    client.send(request).await.unwrap();

    let calls = server.calls();
    assert_eq!(calls.len(), 2);
    assert_signed(&calls);
    for call in &calls {
        assert_rpc(call, "CreateFlowLog", "2023-09-01");
        assert_params(
            call,
            &[
                ("InstanceId", "vbr-fluent"),
                ("InstanceType", "VBR"),
                ("LogStoreName", "flowlog-logstore"),
                ("ProjectName", "flowlog-project"),
                ("Tag.1.Key", "env"),
                ("Tag.1.Value", "test"),
            ],
            &[("ClientToken", "token-1"), ("EcrId", "ecr-fluent")],
        );
    }
}

#[tokio::test]
async fn a_fluent_call_is_validated_like_build_and_sends_nothing_when_invalid() {
    let server = answering(CREATED).await;
    let client = Client::new(config(&server.endpoint()).build().unwrap());
    let error = client.create_flow_log().ecr_id("ecr-1").interval(30).send().await.unwrap_err();
    let SdkError::Validation(report) = error else { panic!("a validation error: {error:?}") };
    let paths: Vec<&str> = report.violations().iter().map(|v| v.wire_path()).collect();
    assert_eq!(paths, ["InstanceType", "InstanceId", "Interval", "ProjectName", "LogStoreName"]);
    assert!(server.calls().is_empty(), "nothing was sent");

    // Lenient for this call only: the service judges it.
    client
        .create_flow_log()
        .ecr_id("ecr-1")
        .interval(30)
        .customize(|options| options.validation(ValidationMode::Lenient))
        .send()
        .await
        .unwrap();
    let calls = server.calls();
    let call = only_call(&calls);
    assert_params(
        call,
        &[("Interval", "30")],
        &[("ClientToken", &call.param("ClientToken").unwrap()), ("EcrId", "ecr-1")],
    );
}

#[tokio::test]
async fn options_change_one_call_and_not_the_client() {
    let server = answering(CREATED).await;
    let client = Client::new(config(&server.endpoint()).build().unwrap());
    let send = |options: Option<CallOptions>| {
        let call = client.delete_flowlog().ecr_id("ecr-1").flow_log_id("flowlog-1");
        match options {
            Some(options) => call.customize(move |_| options),
            None => call,
        }
        .send()
    };
    send(Some(CallOptions::new().header("x-acs-resourcegroupid", "rg-1").client_token(ClientTokenPolicy::Omit)))
        .await
        .unwrap();
    send(None).await.unwrap();
    let calls = server.calls();
    assert_eq!(calls.len(), 2);
    assert_signed(&calls);
    // The header is sent, and signed, on the customized call only.
    assert_eq!(calls[0].header("x-acs-resourcegroupid"), Some("rg-1"));
    let signed = calls[0].header("authorization").unwrap();
    assert!(signed.contains("x-acs-resourcegroupid"), "{signed}");
    assert_eq!(calls[1].header("x-acs-resourcegroupid"), None);
    // DeleteFlowlog has a ClientToken: omitted on the first call, generated on the second.
    assert_eq!(calls[0].param("ClientToken"), None);
    assert_eq!(calls[1].param("ClientToken").map(|t| t.len()), Some(36));
}

#[tokio::test]
async fn retry_settings_of_one_call() {
    let server =
        FakeServer::start(SECRET, |_, _| FakeResponse::error(503, "ServiceUnavailable", "try later")).await.unwrap();
    let client = Client::new(config(&server.endpoint()).build().unwrap());
    let error = client
        .describe_flow_logs()
        .ecr_id("ecr-1")
        .customize(|options| options.retry(RetryConfig::disabled()).attempt_timeout(Duration::from_secs(5)))
        .send()
        .await
        .unwrap_err();
    assert_eq!(error.service_error().map(|e| e.attempts), Some(1));
    assert_eq!(server.calls().len(), 1, "no retry for this call");

    // The client's own setting (3 attempts) holds for the next call, through `send_with` too.
    let request = ecr::DescribeFlowLogsRequest::builder().ecr_id("ecr-1").build().unwrap();
    let error = client.send_with(request, CallOptions::new()).await.unwrap_err();
    assert_eq!(error.service_error().map(|e| e.attempts), Some(3));
    assert_eq!(server.calls().len(), 4);
}
