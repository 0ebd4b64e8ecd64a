//! Validation before sending: a request that breaks the documented constraints never reaches the
//! server; a lenient client sends it and lets the service judge.

use alibabacloud_flowlog::ecr::{self, Tag};
use alibabacloud_flowlog::runtime::{template_value, SdkError, ValidationMode};
use integration_tests::fake_flowlog::FakeFlowLogService;

use crate::support::{config, ACCESS_KEY_ID, SECRET};

fn invalid() -> ecr::CreateFlowLogRequestBuilder {
    // No EcrId (required), a project name the pattern refuses, an interval outside {60, 600},
    // a tag key with a forbidden prefix.
    ecr::CreateFlowLogRequest::builder()
        .instance_type("VBR")
        .instance_id("vbr-0001")
        .project_name("Flowlog_Project")
        .log_store_name("flowlog-logstore")
        .interval(61)
        .tag(Tag::default().key("ok").value("v"))
        .tag(Tag::default().key("aliyun:reserved").value("v"))
}

#[tokio::test]
async fn an_invalid_request_never_reaches_the_server_and_lenient_mode_sends_it() {
    let fake = FakeFlowLogService::start(ACCESS_KEY_ID, SECRET).await.unwrap();

    // The builder reports every violation at once, by wire path.
    let report = invalid().build().unwrap_err();
    let paths: Vec<&str> = report.violations().iter().map(|v| v.wire_path()).collect();
    assert_eq!(paths, ["EcrId", "Interval", "ProjectName", "Tag.2.Key"]);

    // The strict client (the default) refuses the unchecked request before sending anything.
    let strict = ecr::Client::new(config(&fake.endpoint()).build().unwrap());
    match strict.send(invalid().build_unchecked()).await {
        Err(SdkError::Validation(report)) => {
            let paths: Vec<&str> = report.violations().iter().map(|v| v.wire_path()).collect();
            assert_eq!(paths, ["EcrId", "Interval", "ProjectName", "Tag.2.Key"]);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(fake.calls().len(), 0, "the server saw no request");

    // The lenient client sends it; the service answers with its templated code.
    let lenient = ecr::Client::new(config(&fake.endpoint()).validation(ValidationMode::Lenient).build().unwrap());
    let e = match lenient.send(invalid().build_unchecked()).await {
        Err(SdkError::Service(ecr::CreateFlowLogError::Unhandled(e))) => e,
        other => panic!("{other:?}"),
    };
    assert_eq!(e.code(), "MissingParam.%s");
    assert_eq!(e.dynamic_code.as_deref(), Some("EcrId"));
    assert_eq!(template_value(&e, "MissingParam.", ""), Some("EcrId"));
    let calls = fake.calls();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].param("ProjectName").as_deref(), Some("Flowlog_Project"));
    assert_eq!(calls[0].param("Interval").as_deref(), Some("61"));
    assert_eq!(calls[0].param("Tag.2.Key").as_deref(), Some("aliyun:reserved"));
    assert_eq!(calls[0].param("EcrId"), None);
    assert!(fake.flow_logs().is_empty());
}
