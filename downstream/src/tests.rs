//! The crate's code against the generated operations: request building and validation, and
//! [`ensure_flow_log`] against a fake endpoint on 127.0.0.1 (no network).

use super::*;
use alibabacloud_runtime::test_util::{FakeResponse, FakeServer};
use alibabacloud_runtime::{Config, Credentials, RetryConfig};

fn target() -> FlowLogTarget {
    FlowLogTarget {
        region: "cn-hangzhou".into(),
        vswitch_id: "vsw-bp1x".into(),
        project: "flowlog-project".into(),
        logstore: "flowlog-store".into(),
    }
}

#[test]
fn create_request_sets_every_field_it_should() {
    let request = create_request(&target()).expect("a valid target");
    assert_eq!(request.region_id.as_deref(), Some("cn-hangzhou"));
    assert_eq!(request.resource_type, Some(ResourceType::VSwitch));
    assert_eq!(request.resource_id.as_deref(), Some("vsw-bp1x"));
    assert_eq!(request.traffic_type, Some(TrafficType::All));
    assert_eq!(request.project_name.as_deref(), Some("flowlog-project"));
    assert_eq!(request.log_store_name.as_deref(), Some("flowlog-store"));
    assert_eq!(request.flow_log_name.as_deref(), Some("flowlog-vsw-bp1x"));
    assert_eq!(request.aggregation_interval, Some(10));
    assert!(request.tag.is_empty());
}

#[test]
fn create_request_reports_every_violation_with_its_wire_path() {
    let bad = FlowLogTarget { project: "No".into(), logstore: "UPPER_case".into(), ..target() };
    let report = create_request(&bad).expect_err("the project and logstore break the documented limits");
    let found: Vec<(&str, &str, &str)> =
        report.violations().iter().map(|v| (v.wire_path(), v.rust_path(), v.kind().rule())).collect();
    assert_eq!(
        found,
        [
            ("ProjectName", "project_name", "length"),
            ("ProjectName", "project_name", "pattern"),
            ("LogStoreName", "log_store_name", "pattern"),
        ],
        "{report}"
    );
}

fn client(endpoint: String) -> Client {
    Client::new(
        Config::builder()
            .region("cn-hangzhou")
            .credentials(Credentials::new("test-id", "test-secret"))
            .endpoint(endpoint)
            .retry(RetryConfig::disabled())
            .build()
            .expect("a complete configuration"),
    )
}

#[tokio::test]
async fn ensure_creates_a_flow_log() {
    let server = FakeServer::start("test-secret", |_, call| {
        assert_eq!(call.header("x-acs-action"), Some("CreateFlowLog"));
        assert_eq!(call.param("ResourceType").as_deref(), Some("VSwitch"));
        assert_eq!(call.param("AggregationInterval").as_deref(), Some("10"));
        FakeResponse::json(200, r#"{"RequestId":"r-1","Success":"true","FlowLogId":"fl-new"}"#)
    })
    .await
    .expect("listens on 127.0.0.1");
    let ensured = ensure_flow_log(&client(server.endpoint()), &target()).await.expect("created");
    assert_eq!(ensured, Ensured::Created("fl-new".into()));
    assert_eq!(server.calls().len(), 1);
}

#[tokio::test]
async fn ensure_finds_the_existing_flow_log() {
    let server = FakeServer::start("test-secret", |index, call| match index {
        0 => FakeResponse::error(
            400,
            "InvalidResourceId.NotFound",
            "This resourceId already has flowlog instance existed.",
        ),
        _ => {
            assert_eq!(call.header("x-acs-action"), Some("DescribeFlowLogs"));
            assert_eq!(call.param("ResourceId").as_deref(), Some("vsw-bp1x"));
            FakeResponse::json(
                200,
                r#"{"RequestId":"r-2","TotalCount":"2","FlowLogs":{"FlowLog":[
                    {"FlowLogId":"fl-other","ResourceId":"vsw-other"},
                    {"FlowLogId":"fl-old","ResourceId":"vsw-bp1x"}]}}"#,
            )
        }
    })
    .await
    .expect("listens on 127.0.0.1");
    let ensured = ensure_flow_log(&client(server.endpoint()), &target()).await.expect("found");
    assert_eq!(ensured, Ensured::Existing("fl-old".into()));
    assert_eq!(server.calls().len(), 2);
}

#[tokio::test]
async fn ensure_names_the_missing_logstore() {
    let server = FakeServer::start("test-secret", |_, _| {
        FakeResponse::error(400, "ProjectOrLogstoreNotExist", "The specified project or logstore does not exist.")
    })
    .await
    .expect("listens on 127.0.0.1");
    let error = ensure_flow_log(&client(server.endpoint()), &target()).await.expect_err("no logstore");
    let Error::MissingLogstore { project, logstore, request_id } = error else { panic!("{error:?}") };
    assert_eq!((project.as_str(), logstore.as_str()), ("flowlog-project", "flowlog-store"));
    assert_eq!(request_id.as_deref(), Some("FAKE-REQUEST-ID"));
}

#[tokio::test]
async fn ensure_keeps_undocumented_errors_whole() {
    let server = FakeServer::start("test-secret", |_, _| FakeResponse::error(403, "Forbidden.RAM", "no permission"))
        .await
        .expect("listens on 127.0.0.1");
    let error = ensure_flow_log(&client(server.endpoint()), &target()).await.expect_err("forbidden");
    let Error::Create(SdkError::Service(CreateFlowLogError::Unhandled(e))) = &error else { panic!("{error:?}") };
    assert_eq!((e.code(), e.message(), e.http_status()), ("Forbidden.RAM", "no permission", 403));
}

#[tokio::test]
async fn an_invalid_target_sends_nothing() {
    let server = FakeServer::start("test-secret", |_, _| FakeResponse::json(200, "{}")).await.expect("listens");
    let bad = FlowLogTarget { logstore: "http".into(), project: "-project".into(), ..target() };
    let error = ensure_flow_log(&client(server.endpoint()), &bad).await.expect_err("invalid");
    let Error::Invalid(report) = &error else { panic!("{error:?}") };
    let paths: Vec<&str> = report.violations().iter().map(|v| v.wire_path()).collect();
    assert_eq!(paths, ["ProjectName"], "{report}");
    assert!(server.calls().is_empty());
}
