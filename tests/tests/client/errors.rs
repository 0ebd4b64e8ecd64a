//! Error answers through the generated error enums: documented codes, templated codes,
//! undocumented codes, bodies that are not JSON, and refused signatures.

use alibabacloud_flowlog::ecr::{self, CreateFlowLogError};
use alibabacloud_flowlog::runtime::test_util::{FakeResponse, FakeServer};
use alibabacloud_flowlog::runtime::{template_value, Credentials, OperationError, SdkError, ServiceError};
use alibabacloud_flowlog::{cbn, vpc};
use integration_tests::fake_flowlog::FakeFlowLogService;

use crate::support::{assert_signed, config, ACCESS_KEY_ID, SECRET};

fn ecr_create() -> ecr::CreateFlowLogRequest {
    ecr::CreateFlowLogRequest::builder()
        .ecr_id("ecr-0001")
        .instance_type("VBR")
        .instance_id("vbr-0001")
        .project_name("flowlog-project")
        .log_store_name("flowlog-logstore")
        .client_token("token-1")
        .build()
        .unwrap()
}

const DENIED_DETAIL: &str = r#"{"PolicyType":"AccountLevelIdentityBasedPolicy","AuthPrincipalOwnerId":"1234567890","AuthPrincipalType":"SubUser","AuthPrincipalDisplayName":"dev","NoPermissionType":"ImplicitDeny","AuthAction":"expressconnectrouter:CreateFlowLog","EncodedDiagnosticMessage":"AQEAAAAA"}"#;

#[tokio::test]
async fn a_documented_code_is_its_variant_and_keeps_everything() {
    let body = format!(
        concat!(
            r#"{{"RequestId":"R-DOC","HostId":"expressconnectrouter.cn-shanghai.aliyuncs.com","#,
            r#""Code":"IncorrectStatus.Ecr","Message":"Ecr Status does not allow current operation.","#,
            r#""Recommend":"https://api.aliyun.com/troubleshoot?q=IncorrectStatus.Ecr&product=ExpressConnectRouter","#,
            r#""AccessDeniedDetail":{}}}"#
        ),
        DENIED_DETAIL
    );
    let server = FakeServer::start(SECRET, move |_, _| FakeResponse::json(400, body.clone())).await.unwrap();
    let client = ecr::Client::new(config(&server.endpoint()).build().unwrap());

    // One step from the call's result to the documented variant.
    let e = match client.send(ecr_create()).await {
        Err(SdkError::Service(CreateFlowLogError::IncorrectStatusEcr(e))) => e,
        other => panic!("expected IncorrectStatus.Ecr, got {other:?}"),
    };
    assert_eq!(e.code(), "IncorrectStatus.Ecr");
    assert_eq!(e.message(), "Ecr Status does not allow current operation.");
    assert_eq!(e.http_status(), 400);
    assert_eq!(e.request_id(), Some("R-DOC"));
    assert_eq!(e.host_id.as_deref(), Some("expressconnectrouter.cn-shanghai.aliyuncs.com"));
    assert_eq!(
        e.recommend.as_deref(),
        Some("https://api.aliyun.com/troubleshoot?q=IncorrectStatus.Ecr&product=ExpressConnectRouter")
    );
    let detail: serde_json::Value = serde_json::from_str(DENIED_DETAIL).unwrap();
    assert_eq!(e.access_denied_detail.as_ref(), Some(&detail));
    assert_eq!(e.retry_after, None);
    assert_eq!(
        e.to_string(),
        "IncorrectStatus.Ecr (HTTP 400): Ecr Status does not allow current operation. [request id R-DOC]"
    );
    // A documented client error is not retried.
    assert_eq!(server.calls().len(), 1);
    assert_signed(&server.calls());
}

#[tokio::test]
async fn every_documented_code_of_an_operation_maps_to_its_variant() {
    let codes = [
        "IncorrectStatus.Ecr",
        "OperationDenied.ForceDeleting",
        "UnsupportedRegion",
        "ResourceAlreadyExist.FlowLogId",
        "InternalErrorTemp",
        "SomethingElse",
    ];
    let server = FakeServer::start(SECRET, move |index, _| FakeResponse::error(400, codes[index], "m")).await.unwrap();
    let client = ecr::Client::new(config(&server.endpoint()).build().unwrap());
    let mut seen = Vec::new();
    for code in codes {
        let error = client.send(ecr_create()).await.unwrap_err().into_service().unwrap();
        assert_eq!(error.service_error().code(), code);
        seen.push(match error {
            CreateFlowLogError::IncorrectStatusEcr(_) => "IncorrectStatusEcr",
            CreateFlowLogError::OperationDeniedForceDeleting(_) => "OperationDeniedForceDeleting",
            CreateFlowLogError::UnsupportedRegion(_) => "UnsupportedRegion",
            CreateFlowLogError::ResourceAlreadyExistFlowLogId(_) => "ResourceAlreadyExistFlowLogId",
            CreateFlowLogError::InternalErrorTemp(_) => "InternalErrorTemp",
            CreateFlowLogError::Unhandled(_) => "Unhandled",
            other => panic!("{other:?}"),
        });
    }
    assert_eq!(
        seen,
        [
            "IncorrectStatusEcr",
            "OperationDeniedForceDeleting",
            "UnsupportedRegion",
            "ResourceAlreadyExistFlowLogId",
            "InternalErrorTemp",
            "Unhandled"
        ]
    );
    assert_eq!(server.calls().len(), codes.len());
}

/// The flow-log metadata documents no templated code (`%s` in an error code) in any of the
/// three products, so no generated enum has a capturing variant. A templated code the service
/// sends lands in `Unhandled`, and `template_value` (what a generated capturing variant calls)
/// gets the value out of both shapes the service uses.
#[tokio::test]
async fn a_templated_code_is_captured_with_template_value() {
    let server = FakeServer::start(SECRET, |index, _| match index {
        // The code filled in.
        0 => FakeResponse::error(400, "MissingParam.EcrId", "The parameter EcrId is mandatory."),
        // The literal template, the value in DynamicCode / DynamicMessage.
        _ => FakeResponse::json(
            400,
            r#"{"RequestId":"R-T","Code":"MissingParam.%s","Message":"The parameter %s is mandatory.","DynamicCode":"EcrId","DynamicMessage":"EcrId"}"#,
        ),
    })
    .await
    .unwrap();
    let client = ecr::Client::new(config(&server.endpoint()).build().unwrap());
    for expected_code in ["MissingParam.EcrId", "MissingParam.%s"] {
        let e = match client.send(ecr_create()).await {
            Err(SdkError::Service(CreateFlowLogError::Unhandled(e))) => e,
            other => panic!("{other:?}"),
        };
        assert_eq!(e.code(), expected_code);
        assert_eq!(template_value(&e, "MissingParam.", ""), Some("EcrId"));
        assert_eq!(template_value(&e, "InvalidParam.", ""), None);
    }
    let literal = server.calls().len();
    assert_eq!(literal, 2);
}

#[tokio::test]
async fn an_undocumented_code_is_unhandled_and_loses_nothing() {
    let body = r#"{"RequestId":"R-UND","HostId":"vpc.aliyuncs.com","Code":"Forbidden.NotInThisState","Message":"not now","Recommend":"https://example.invalid/diagnose","DynamicMessage":"x"}"#;
    let server = FakeServer::start(SECRET, move |_, _| FakeResponse::json(409, body)).await.unwrap();
    let client = vpc::Client::new(config(&server.endpoint()).build().unwrap());
    let request = vpc::DeleteFlowLogRequest::builder().region_id("cn-hangzhou").flow_log_id("fl-1").build().unwrap();
    let error = client.send(request).await.unwrap_err();
    assert!(!error.is_retryable());
    let Some(vpc::DeleteFlowLogError::Unhandled(e)) = error.as_service() else { panic!("{error:?}") };
    assert_eq!(e.code(), "Forbidden.NotInThisState");
    assert_eq!(e.message(), "not now");
    assert_eq!(e.http_status(), 409);
    assert_eq!(e.request_id(), Some("R-UND"));
    assert_eq!(e.host_id.as_deref(), Some("vpc.aliyuncs.com"));
    assert_eq!(e.recommend.as_deref(), Some("https://example.invalid/diagnose"));
    assert_eq!(e.dynamic_message.as_deref(), Some("x"));
    assert_eq!(e.body, body);
    assert_eq!(server.calls().len(), 1);
}

#[tokio::test]
async fn a_body_that_is_not_json_still_gives_a_service_error() {
    let server = FakeServer::start(SECRET, |index, _| {
        let html = "<html><body>Bad Gateway</body></html>\n";
        let status = if index == 0 { 400 } else { 502 };
        FakeResponse {
            status,
            headers: vec![("content-type".into(), "text/html".into())],
            ..FakeResponse::json(0, html)
        }
    })
    .await
    .unwrap();
    let client = cbn::Client::new(config(&server.endpoint()).build().unwrap());
    let request = || {
        cbn::DeleteFlowlogRequest::builder()
            .region_id("cn-hangzhou")
            .cen_id("cen-1")
            .flow_log_id("flowlog-1")
            .build()
            .unwrap()
    };

    // A 4xx that is not JSON: not retried; the text is the message.
    let Err(SdkError::Service(cbn::DeleteFlowlogError::Unhandled(e))) = client.send(request()).await else {
        panic!("expected an unhandled error")
    };
    assert_eq!((e.code(), e.message(), e.http_status()), ("", "<html><body>Bad Gateway</body></html>", 400));
    assert_eq!(e.request_id(), None);
    assert_eq!(e.body, "<html><body>Bad Gateway</body></html>\n");
    assert_eq!(e.to_string(), "HTTP 400: <html><body>Bad Gateway</body></html>");
    assert_eq!(server.calls().len(), 1);

    // A 502 that is not JSON: retried (attempts 2 and 3), then given up.
    let error = client.send(request()).await.unwrap_err();
    assert_eq!(error.service_error().map(ServiceError::http_status), Some(502));
    assert!(error.is_retryable());
    assert_eq!(server.calls().len(), 4);
    assert_signed(&server.calls());
}

#[tokio::test]
async fn a_success_body_that_is_not_json_is_a_response_error() {
    let server = FakeServer::start(SECRET, |_, _| FakeResponse::json(200, "{\"RequestId\": ")).await.unwrap();
    let client = vpc::Client::new(config(&server.endpoint()).build().unwrap());
    let request = vpc::GetFlowLogServiceStatusRequest::builder().region_id("cn-hangzhou").build().unwrap();
    match client.send(request).await {
        Err(SdkError::Response(e)) => {
            assert_eq!(e.http_status, 200);
            assert_eq!(e.body, "{\"RequestId\": ");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn the_server_refuses_a_wrong_signature_and_an_unknown_access_key() {
    let fake = FakeFlowLogService::start(ACCESS_KEY_ID, SECRET).await.unwrap();
    let request = || vpc::GetFlowLogServiceStatusRequest::builder().region_id("cn-hangzhou").build().unwrap();

    let wrong_secret = vpc::Client::new(
        config(&fake.endpoint()).credentials(Credentials::new(ACCESS_KEY_ID, "not-the-secret")).build().unwrap(),
    );
    let e = wrong_secret.send(request()).await.unwrap_err();
    assert_eq!(e.service_error().map(ServiceError::code), Some("SignatureDoesNotMatch"));
    assert!(fake.calls()[0].verification.is_err());

    let unknown_id = vpc::Client::new(
        config(&fake.endpoint()).credentials(Credentials::new("LTAI-someone-else", SECRET)).build().unwrap(),
    );
    let e = unknown_id.send(request()).await.unwrap_err();
    let e = e.service_error().unwrap();
    assert_eq!((e.code(), e.http_status()), ("InvalidAccessKeyId.NotFound", 404));

    let right = vpc::Client::new(config(&fake.endpoint()).build().unwrap());
    let status = right.send(request()).await.unwrap();
    assert_eq!(status.enabled, Some(false));
    // The FakeServer refused the bad signature itself; the fake service counted two requests.
    assert_eq!(status.envelope.request_id.as_deref(), Some("fake-request-2"));
    assert_eq!(fake.calls().len(), 3);
}
