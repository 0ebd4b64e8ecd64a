use std::error::Error as _;

use super::*;
use crate::validate::Path;

/// What a generated error enum looks like.
#[derive(Debug)]
enum CreateFlowLogError {
    QuotaExceeded(ServiceError),
    MissingParam { value: String, error: ServiceError },
    Unhandled(ServiceError),
}

impl fmt::Display for CreateFlowLogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.service_error(), f)
    }
}

impl std::error::Error for CreateFlowLogError {}

impl OperationError for CreateFlowLogError {
    fn from_service_error(error: ServiceError) -> Self {
        if error.code == "QuotaExceeded.FlowLog" {
            return Self::QuotaExceeded(error);
        }
        if let Some(value) = template_value(&error, "MissingParam.", "") {
            return Self::MissingParam { value: value.to_owned(), error };
        }
        Self::Unhandled(error)
    }

    fn service_error(&self) -> &ServiceError {
        match self {
            Self::QuotaExceeded(e) | Self::Unhandled(e) => e,
            Self::MissingParam { error, .. } => error,
        }
    }
}

#[test]
fn documented_code_parses_with_every_field() {
    let body = br#"{
        "RequestId": "6D4DC6E3-1C3F-5A7F-A8B4-9B0E4A3C2F11",
        "HostId": "vpc.cn-hangzhou.aliyuncs.com",
        "Code": "QuotaExceeded.FlowLog",
        "Message": "The quota of flow logs is exceeded.",
        "Recommend": "https://api.aliyun.com/troubleshoot?q=QuotaExceeded.FlowLog",
        "AccessDeniedDetail": {"PolicyType": "AccountLevelIdentityBasedPolicy", "NoPermissionType": "ImplicitDeny"}
    }"#;
    let error = ServiceError::parse(400, None, body);
    assert_eq!(error.code, "QuotaExceeded.FlowLog");
    assert_eq!(error.message, "The quota of flow logs is exceeded.");
    assert_eq!(error.http_status, 400);
    assert_eq!(error.request_id.as_deref(), Some("6D4DC6E3-1C3F-5A7F-A8B4-9B0E4A3C2F11"));
    assert_eq!(error.host_id.as_deref(), Some("vpc.cn-hangzhou.aliyuncs.com"));
    assert!(error.recommend.as_deref().unwrap().contains("troubleshoot"));
    assert_eq!(error.access_denied_detail.as_ref().unwrap()["NoPermissionType"], "ImplicitDeny");
    assert_eq!(error.retry_after, None);
    assert!(!error.is_retryable());
    assert!(error.body.contains("QuotaExceeded.FlowLog"));
    assert_eq!(
        error.to_string(),
        "QuotaExceeded.FlowLog (HTTP 400): The quota of flow logs is exceeded. \
         [request id 6D4DC6E3-1C3F-5A7F-A8B4-9B0E4A3C2F11]"
    );

    let typed = CreateFlowLogError::from_service_error(error);
    assert!(matches!(typed, CreateFlowLogError::QuotaExceeded(_)));
    assert!(!typed.is_retryable());
}

#[test]
fn templated_code_captures_the_parameter() {
    let filled = ServiceError::parse(
        400,
        None,
        br#"{"Code":"MissingParam.EcrId","Message":"The parameter EcrId is mandatory.","RequestId":"r1"}"#,
    );
    match CreateFlowLogError::from_service_error(filled) {
        CreateFlowLogError::MissingParam { value, error } => {
            assert_eq!(value, "EcrId");
            assert_eq!(error.request_id.as_deref(), Some("r1"));
        }
        other => panic!("{other:?}"),
    }

    let literal = ServiceError::parse(
        400,
        None,
        br#"{"Code":"MissingParam.%s","Message":"The parameter %s is mandatory.","DynamicCode":"EcrId","DynamicMessage":"The parameter EcrId is mandatory."}"#,
    );
    assert_eq!(literal.dynamic_code.as_deref(), Some("EcrId"));
    assert_eq!(literal.dynamic_message.as_deref(), Some("The parameter EcrId is mandatory."));
    match CreateFlowLogError::from_service_error(literal) {
        CreateFlowLogError::MissingParam { value, .. } => assert_eq!(value, "EcrId"),
        other => panic!("{other:?}"),
    }

    // DynamicCode holding the whole filled-in code.
    let mut whole = ServiceError::new("IncorrectStatus.%s.Ecr", "", 400);
    whole.dynamic_code = Some("IncorrectStatus.Creating.Ecr".into());
    assert_eq!(template_value(&whole, "IncorrectStatus.", ".Ecr"), Some("Creating"));
    // A literal template without DynamicCode has no value.
    let bare = ServiceError::new("MissingParam.%s", "", 400);
    assert_eq!(template_value(&bare, "MissingParam.", ""), None);
    // The prefix alone is not a match.
    let empty = ServiceError::new("MissingParam.", "", 400);
    assert_eq!(template_value(&empty, "MissingParam.", ""), None);

    let other = ServiceError::parse(400, None, br#"{"Code":"Forbidden.RAM"}"#);
    assert!(matches!(CreateFlowLogError::from_service_error(other), CreateFlowLogError::Unhandled(_)));
}

#[test]
fn non_json_body_keeps_status_and_text() {
    let error = ServiceError::parse(502, None, b"<html>Bad Gateway</html>\n");
    assert_eq!(error.code, "");
    assert_eq!(error.http_status, 502);
    assert_eq!(error.message, "<html>Bad Gateway</html>");
    assert_eq!(error.body, "<html>Bad Gateway</html>\n");
    assert!(error.is_retryable());
    assert!(!error.is_throttling());
    assert_eq!(error.to_string(), "HTTP 502: <html>Bad Gateway</html>");

    let array = ServiceError::parse(400, None, b"[1,2]");
    assert_eq!(array.code, "");
    assert_eq!(array.message, "[1,2]");
    let empty = ServiceError::parse(404, None, b"");
    assert_eq!(empty.to_string(), "HTTP 404");
}

#[test]
fn retry_after_and_throttling() {
    let throttled = ServiceError::parse(
        400,
        Some("1500"),
        br#"{"Code":"Throttling.User","Message":"Request was denied due to user flow control."}"#,
    );
    assert_eq!(throttled.retry_after, Some(Duration::from_millis(1500)));
    assert!(throttled.is_throttling());
    assert!(throttled.is_retryable());

    for (header, expected) in [("0", None), ("-5", None), ("soon", None), (" 20 ", Some(Duration::from_millis(20)))] {
        assert_eq!(ServiceError::parse(400, Some(header), b"{}").retry_after, expected, "{header}");
    }
    // A positive retry-after alone means throttling.
    assert!(ServiceError::parse(400, Some("10"), b"{}").is_throttling());

    for code in ["Throttling", "Throttling.Api", "Throttling.User"] {
        let error = ServiceError::new(code, "", 400);
        assert!(error.is_throttling() && error.is_retryable(), "{code}");
    }
    assert!(ServiceError::new("ServiceUnavailable", "", 503).is_retryable());
    assert!(ServiceError::new("", "", 429).is_throttling());
    assert!(ServiceError::new("InternalError", "", 500).is_retryable());
    assert!(!ServiceError::new("", "", 501).is_retryable());
    assert!(!ServiceError::new("InvalidParameter", "", 400).is_retryable());
}

#[test]
fn sdk_error_exposes_sources_and_helpers() {
    let error: SdkError<CreateFlowLogError> =
        SdkError::Service(CreateFlowLogError::from_service_error(ServiceError::new("Throttling", "slow down", 400)));
    assert!(error.is_retryable());
    assert_eq!(error.service_error().unwrap().code, "Throttling");
    // One line, down to the cause: never just "service error".
    assert_eq!(error.to_string(), "service error: Throttling (HTTP 400): slow down");
    assert_eq!(error.source().unwrap().to_string(), "Throttling (HTTP 400): slow down");

    let timeout: SdkError<ServiceError> =
        SdkError::Transport(TransportError::new(TransportErrorKind::Timeout, 3, "deadline"));
    assert!(timeout.is_retryable());
    assert!(timeout.as_service().is_none());
    assert_eq!(timeout.source().unwrap().to_string(), "timed out after 3 attempt(s)");
    assert_eq!(timeout.to_string(), "transport error: timed out after 3 attempt(s): deadline");

    let construction: SdkError<ServiceError> = SdkError::Construction(ConstructionError::new("bad"));
    assert!(!construction.is_retryable());
    assert_eq!(construction.source().unwrap().to_string(), "cannot build the request: bad");
    assert_eq!(construction.to_string(), "cannot build the request: bad");

    let mut report = Report::default();
    report.push(&Path::root().field("ecr_id", "EcrId"), crate::validate::ViolationKind::Required);
    report.push(&Path::root().field("tag", "Tag"), crate::validate::ViolationKind::Required);
    let invalid: SdkError<ServiceError> = SdkError::Validation(report);
    assert_eq!(invalid.to_string().lines().count(), 1, "{invalid}");
    assert!(invalid.to_string().starts_with("the request is not valid: EcrId (ecr_id): "), "{invalid}");

    let mut counted = ServiceError::new("Throttling.User", "slow down", 400);
    counted.attempts = 3;
    assert_eq!(counted.to_string(), "Throttling.User (HTTP 400): slow down after 3 attempts");
}

#[test]
fn xml_error_bodies_are_parsed_like_json_ones() {
    let body = br#"<?xml version="1.0" encoding="UTF-8"?>
<Error>
  <RequestId>7F7D1D8D-6E6D-4C4E-8C43</RequestId>
  <HostId>vpc.cn-hangzhou.aliyuncs.com</HostId>
  <Code>InvalidParameter</Code>
  <Message>The parameter FlowLogName is invalid.</Message>
  <Recommend><![CDATA[https://api.aliyun.com/troubleshoot?q=InvalidParameter]]></Recommend>
</Error>"#;
    let headers = [
        ("Content-Type".to_owned(), "text/xml;charset=UTF-8".to_owned()),
        ("x-acs-retry-after".to_owned(), "1500".to_owned()),
    ];
    let error = ServiceError::from_response(400, &headers, body);
    assert_eq!(error.code(), "InvalidParameter");
    assert_eq!(error.message(), "The parameter FlowLogName is invalid.");
    assert_eq!(error.request_id(), Some("7F7D1D8D-6E6D-4C4E-8C43"));
    assert_eq!(error.host_id.as_deref(), Some("vpc.cn-hangzhou.aliyuncs.com"));
    assert_eq!(error.recommend.as_deref(), Some("https://api.aliyun.com/troubleshoot?q=InvalidParameter"));
    assert_eq!(error.retry_after, Some(std::time::Duration::from_millis(1500)));
    assert_eq!(error.header("content-type"), Some("text/xml;charset=UTF-8"));
    assert_eq!(error.body, String::from_utf8_lossy(body));
    // Without the content type, an XML body is still recognised; JSON and text as before.
    assert_eq!(ServiceError::parse(400, None, body).code(), "InvalidParameter");
    let json = ServiceError::from_response(400, &[], br#"{"Code":"Forbidden","Message":"no"}"#);
    assert_eq!((json.code(), json.message()), ("Forbidden", "no"));
    let html =
        ServiceError::from_response(502, &[("content-type".into(), "text/html".into())], b"<html>Bad Gateway</html>");
    assert_eq!((html.code(), html.message()), ("", "<html>Bad Gateway</html>"));
    let broken_xml =
        ServiceError::from_response(500, &[("content-type".into(), "application/xml".into())], b"<Error><Code>X");
    assert_eq!((broken_xml.code(), broken_xml.message()), ("", "<Error><Code>X"));
}
