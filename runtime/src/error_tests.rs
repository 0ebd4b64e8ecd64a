use std::error::Error as _;

use super::*;

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
    assert_eq!(error.to_string(), "service error");
    assert_eq!(error.source().unwrap().to_string(), "Throttling (HTTP 400): slow down");

    let timeout: SdkError<ServiceError> =
        SdkError::Transport(TransportError::new(TransportErrorKind::Timeout, 3, "deadline"));
    assert!(timeout.is_retryable());
    assert!(timeout.as_service().is_none());
    assert_eq!(timeout.source().unwrap().to_string(), "timed out after 3 attempt(s)");

    let construction: SdkError<ServiceError> = SdkError::Construction(ConstructionError::new("bad"));
    assert!(!construction.is_retryable());
    assert_eq!(construction.source().unwrap().to_string(), "cannot build the request: bad");
}
