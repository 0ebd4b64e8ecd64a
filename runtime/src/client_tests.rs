//! `Client::invoke` over HTTP, against the signature-checking fake server on 127.0.0.1.

use std::time::Instant;

use super::*;
use crate::credentials::Credentials;
use crate::encode::{Visitor, WireValue};
use crate::operation::{Method, ParamSpec, Style};
use crate::test_util::{FakeResponse, FakeServer, ReceivedCall};
use crate::validate::{Path, Report, ViolationKind};
use crate::Service;

const SECRET: &str = "test-secret";

static SERVICE: Service = Service { product: "Vpc", version: "2016-04-28", endpoint_prefix: "vpc", endpoints: &[] };

static CREATE: Operation = Operation {
    service: &SERVICE,
    action: "CreateFlowLog",
    method: Method::Post,
    path: "/",
    client_token: Some("ClientToken"),
    params: &[
        ParamSpec::new("RegionId", Location::Query, Style::Simple),
        ParamSpec::new("Description", Location::Body, Style::Simple),
        ParamSpec::new("Tag", Location::Query, Style::RepeatList),
        ParamSpec::new("ClientToken", Location::Query, Style::Simple),
    ],
};

/// Shaped like generated code: the wire names of a nested object's fields, and the request's
/// values in the order of its operation's parameters.
#[derive(Debug, Clone, Default)]
struct Tag {
    key: Option<String>,
    value: Option<String>,
}

impl WireValue for Tag {
    fn visit(&self, visitor: &mut dyn Visitor) {
        visitor.object(&[("Key", &self.key), ("Value", &self.value)]);
    }
}

#[derive(Debug, Clone, Default)]
struct CreateFlowLogRequest {
    region_id: Option<String>,
    description: Option<String>,
    tag: Vec<Tag>,
    client_token: Option<String>,
}

impl Encode for CreateFlowLogRequest {
    fn encode(&self, op: &Operation) -> Result<EncodedRequest, ConstructionError> {
        crate::encode::encode(op, &[&self.region_id, &self.description, &self.tag, &self.client_token])
    }
}

impl Validate for CreateFlowLogRequest {
    fn validate_into(&self, path: &Path<'_>, report: &mut Report) {
        if self.region_id.is_none() {
            report.push(&path.field("region_id", "RegionId"), ViolationKind::Required);
        }
    }
}

#[derive(Debug, Default, PartialEq)]
struct CreateFlowLogResponse {
    request_id: Option<String>,
    flow_log_id: Option<String>,
}

impl de::Object for CreateFlowLogResponse {
    fn field(&mut self, name: &str, value: serde_json::Value) -> Result<bool, de::Error> {
        match name {
            "RequestId" => de::field(&mut self.request_id, value),
            "FlowLogId" => de::field(&mut self.flow_log_id, value),
            _ => Ok(false),
        }
    }
}

fn request() -> CreateFlowLogRequest {
    CreateFlowLogRequest {
        region_id: Some("cn-hangzhou".into()),
        description: Some("flow log * 1".into()),
        tag: (1..=10).map(|i| Tag { key: Some(format!("k{i}")), value: Some(format!("v{i}")) }).collect(),
        client_token: None,
    }
}

fn config(server: &FakeServer) -> ConfigBuilder {
    Config::builder()
        .region("cn-hangzhou")
        .credentials(Credentials::new("test-id", SECRET))
        .endpoint(server.endpoint())
        .retry(
            RetryConfig::default()
                .with_max_attempts(3)
                .with_base_delay(Duration::from_millis(5))
                .with_max_delay(Duration::from_millis(20)),
        )
        .jitter_seed(1)
}

fn client(server: &FakeServer) -> Client {
    Client::new(config(server).build().unwrap())
}

const SUCCESS: &str = r#"{"RequestId":"R-1","FlowLogId":"fl-123"}"#;

fn assert_all_verified(calls: &[ReceivedCall]) {
    for call in calls {
        let verified = call.verification.as_ref().expect("signature verifies");
        assert_eq!(verified.access_key_id, "test-id");
    }
}

async fn create(client: &Client) -> Result<CreateFlowLogResponse, SdkError<ServiceError>> {
    client.invoke(&CREATE, &request()).await
}

#[tokio::test]
async fn success_is_signed_and_parsed() {
    let server = FakeServer::start(SECRET, |_, _| FakeResponse::json(200, SUCCESS)).await.unwrap();
    let client = client(&server);
    let response = create(&client).await.unwrap();
    assert_eq!(response, CreateFlowLogResponse { request_id: Some("R-1".into()), flow_log_id: Some("fl-123".into()) });
    let calls = server.calls();
    assert_eq!(calls.len(), 1);
    assert_all_verified(&calls);
    let call = &calls[0];
    assert_eq!(call.method, "POST");
    assert_eq!(call.path, "/");
    assert_eq!(call.header("x-acs-action"), Some("CreateFlowLog"));
    assert_eq!(call.header("x-acs-version"), Some("2016-04-28"));
    assert_eq!(call.header("host"), Some(server.addr().to_string().as_str()));
    assert_eq!(call.header("content-type"), Some("application/x-www-form-urlencoded"));
    assert!(call.header("user-agent").unwrap().starts_with("alibabacloud-rust-sdk/"));
    assert_eq!(call.header("x-acs-security-token"), None);
    let date = call.header("x-acs-date").unwrap();
    assert_eq!(date.len(), 20, "{date}");
    assert!(date.ends_with('Z') && date.as_bytes()[10] == b'T', "{date}");
    assert_eq!(call.param("RegionId").as_deref(), Some("cn-hangzhou"));
    assert_eq!(call.param("Tag.10.Value").as_deref(), Some("v10"));
    assert_eq!(call.form_pairs(), [("Description".to_owned(), "flow log * 1".to_owned())]);
    assert_eq!(String::from_utf8_lossy(&call.body), "Description=flow%20log%20%2A%201");
    // The query string is sent in canonical order: Tag.10 before Tag.2.
    let tag10 = call.query.find("Tag.10.Key").unwrap();
    let tag2 = call.query.find("Tag.2.Key").unwrap();
    assert!(tag10 < tag2, "{}", call.query);
}

/// An ROA operation whose path holds a parameter.
static GET_CLUSTER: Operation = Operation {
    service: &SERVICE,
    action: "DescribeClusterDetail",
    method: Method::Get,
    path: "/clusters/{ClusterId}/detail",
    client_token: None,
    params: &[ParamSpec::new("ClusterId", Location::Path, Style::Simple)],
};

#[derive(Debug, Default)]
struct GetClusterRequest {
    cluster_id: Option<String>,
}

impl Encode for GetClusterRequest {
    fn encode(&self, op: &Operation) -> Result<EncodedRequest, ConstructionError> {
        crate::encode::encode(op, &[&self.cluster_id])
    }
}

impl Validate for GetClusterRequest {
    fn validate_into(&self, _path: &Path<'_>, _report: &mut Report) {}
}

#[tokio::test]
async fn a_path_parameter_is_encoded_once_and_signed_as_sent() {
    let server = FakeServer::start(SECRET, |_, _| FakeResponse::json(200, SUCCESS)).await.unwrap();
    let client = client(&server);
    let request = GetClusterRequest { cluster_id: Some("c 1/ü%".into()) };
    let _: CreateFlowLogResponse = client.invoke::<_, _, ServiceError>(&GET_CLUSTER, &request).await.unwrap();
    let calls = server.calls();
    assert_all_verified(&calls);
    assert_eq!(calls[0].method, "GET");
    // Space, slash, non-ASCII and `%` of the value are escaped once; the template's slashes stay.
    assert_eq!(calls[0].path, "/clusters/c%201%2F%C3%BC%25/detail");
}

#[tokio::test]
async fn server_error_then_success_is_retried_with_a_fresh_signature() {
    let server = FakeServer::start(SECRET, |index, _| match index {
        0 => FakeResponse::error(503, "ServiceUnavailable", "try again"),
        _ => FakeResponse::json(200, SUCCESS),
    })
    .await
    .unwrap();
    let response = create(&client(&server)).await.unwrap();
    assert_eq!(response.flow_log_id.as_deref(), Some("fl-123"));
    let calls = server.calls();
    assert_eq!(calls.len(), 2);
    assert_all_verified(&calls);
    assert_ne!(
        calls[0].header("x-acs-signature-nonce"),
        calls[1].header("x-acs-signature-nonce"),
        "a fresh nonce per attempt"
    );
}

#[tokio::test]
async fn throttling_waits_for_retry_after() {
    let server = FakeServer::start(SECRET, |index, _| match index {
        0 => FakeResponse::error(400, "Throttling.User", "Request was denied due to user flow control.")
            .with_header("x-acs-retry-after", "300"),
        _ => FakeResponse::json(200, SUCCESS),
    })
    .await
    .unwrap();
    // Backoff alone would wait at most 5 ms before the first retry; the header asks for 300 ms,
    // within the 1 s the client allows between attempts.
    let retry = RetryConfig::default().with_base_delay(Duration::from_millis(5)).with_max_delay(Duration::from_secs(1));
    let client = Client::new(config(&server).retry(retry).build().unwrap());
    let started = Instant::now();
    create(&client).await.unwrap();
    let elapsed = started.elapsed();
    assert!(elapsed >= Duration::from_millis(300), "{elapsed:?}");
    assert_eq!(server.calls().len(), 2);
    assert_all_verified(&server.calls());
}

#[tokio::test]
async fn a_retry_after_longer_than_max_delay_is_capped() {
    // The service asks for an hour; the client waits at most max_delay (20 ms here).
    let server = FakeServer::start(SECRET, |index, _| match index {
        0 => FakeResponse::error(503, "ServiceUnavailable", "later").with_header("x-acs-retry-after", "3600000"),
        _ => FakeResponse::json(200, SUCCESS),
    })
    .await
    .unwrap();
    let started = Instant::now();
    create(&client(&server)).await.unwrap();
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
    assert_eq!(server.calls().len(), 2);
}

#[tokio::test]
async fn client_token_is_generated_once_and_kept_across_retries() {
    let server = FakeServer::start(SECRET, |index, _| match index {
        0 | 1 => FakeResponse::error(500, "InternalError", "oops"),
        _ => FakeResponse::json(200, SUCCESS),
    })
    .await
    .unwrap();
    create(&client(&server)).await.unwrap();
    let calls = server.calls();
    assert_eq!(calls.len(), 3);
    assert_all_verified(&calls);
    let tokens: Vec<String> = calls.iter().map(|c| c.param("ClientToken").unwrap()).collect();
    assert!(tokens.iter().all(|t| *t == tokens[0]), "{tokens:?}");
    assert!(uuid::Uuid::parse_str(&tokens[0]).is_ok(), "{}", tokens[0]);

    // A token the caller gives is sent as it is.
    let server = FakeServer::start(SECRET, |_, _| FakeResponse::json(200, SUCCESS)).await.unwrap();
    let mut given = request();
    given.client_token = Some("my-token".into());
    let _: CreateFlowLogResponse = client(&server).invoke::<_, _, ServiceError>(&CREATE, &given).await.unwrap();
    assert_eq!(server.calls()[0].param("ClientToken").as_deref(), Some("my-token"));
}

#[tokio::test]
async fn a_slow_server_times_out_after_the_allowed_attempts() {
    let server = FakeServer::start(SECRET, |_, _| FakeResponse::json(200, SUCCESS).with_delay(Duration::from_secs(3)))
        .await
        .unwrap();
    let client = Client::new(
        config(&server)
            .read_timeout(Duration::from_millis(200))
            .retry(RetryConfig::default().with_max_attempts(2).with_base_delay(Duration::from_millis(1)))
            .build()
            .unwrap(),
    );
    let started = Instant::now();
    let error = create(&client).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
    match &error {
        SdkError::Transport(transport) => {
            assert!(transport.is_timeout(), "{transport:?}");
            assert_eq!(transport.attempts(), 2);
        }
        other => panic!("{other:?}"),
    }
    assert!(error.is_retryable());
    assert_eq!(server.calls().len(), 2);
}

#[tokio::test]
async fn retries_stop_at_max_attempts_and_the_error_is_typed() {
    let server = FakeServer::start(SECRET, |_, _| FakeResponse::error(400, "Throttling", "slow down")).await.unwrap();
    let error = create(&client(&server)).await.unwrap_err();
    let service = error.as_service().expect("a service error");
    assert_eq!(service.code(), "Throttling");
    assert_eq!(service.request_id(), Some("FAKE-REQUEST-ID"));
    assert!(error.is_retryable());
    assert_eq!(server.calls().len(), 3);
}

#[tokio::test]
async fn documented_errors_are_not_retried() {
    let server = FakeServer::start(SECRET, |_, _| {
        FakeResponse::error(400, "InvalidParameter", "bad").with_header("x-acs-retry-after", "0")
    })
    .await
    .unwrap();
    let error = create(&client(&server)).await.unwrap_err();
    assert_eq!(error.service_error().unwrap().code, "InvalidParameter");
    assert!(!error.is_retryable());
    assert_eq!(server.calls().len(), 1);
}

#[tokio::test]
async fn strict_validation_sends_nothing_and_lenient_sends_anyway() {
    let server = FakeServer::start(SECRET, |_, _| FakeResponse::json(200, SUCCESS)).await.unwrap();
    let invalid = CreateFlowLogRequest::default();
    let error = client(&server).invoke::<_, CreateFlowLogResponse, ServiceError>(&CREATE, &invalid).await.unwrap_err();
    let report = error.as_validation().expect("a validation error");
    assert_eq!(report.violations()[0].wire_path(), "RegionId");
    assert!(server.calls().is_empty());

    let lenient = Client::new(config(&server).validation(ValidationMode::Lenient).build().unwrap());
    lenient.invoke::<_, CreateFlowLogResponse, ServiceError>(&CREATE, &invalid).await.unwrap();
    assert_eq!(server.calls().len(), 1);
    assert_eq!(server.calls()[0].body, b"", "no form body without form fields");
    assert_eq!(server.calls()[0].header("content-type"), None);
}

#[tokio::test]
async fn unparseable_success_body_is_a_response_error() {
    let server = FakeServer::start(SECRET, |index, _| match index {
        0 => FakeResponse::json(200, "not json"),
        _ => FakeResponse::json(200, "   "),
    })
    .await
    .unwrap();
    let client = client(&server);
    match create(&client).await.unwrap_err() {
        SdkError::Response(e) => {
            assert_eq!(e.http_status, 200);
            assert_eq!(e.body, "not json");
        }
        other => panic!("{other:?}"),
    }
    // An empty body reads as `{}`.
    let empty = create(&client).await.unwrap();
    assert_eq!(empty.request_id, None);
}

#[tokio::test]
async fn security_token_is_sent_signed() {
    let server = FakeServer::start(SECRET, |_, _| FakeResponse::json(200, SUCCESS)).await.unwrap();
    let client = Client::new(
        config(&server)
            .credentials(Credentials::new("test-id", SECRET).with_security_token("sts-token"))
            .build()
            .unwrap(),
    );
    create(&client).await.unwrap();
    let call = &server.calls()[0];
    assert_eq!(call.header("x-acs-security-token"), Some("sts-token"));
    assert!(call.verification.as_ref().unwrap().signed_headers.contains(&"x-acs-security-token".to_owned()));
}

#[tokio::test]
async fn refused_connections_are_connect_errors() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let client = Client::new(
        Config::builder()
            .region("cn-hangzhou")
            .credentials(Credentials::new("id", "s"))
            .endpoint(format!("http://127.0.0.1:{port}"))
            .retry(RetryConfig::default().with_max_attempts(2).with_base_delay(Duration::from_millis(1)))
            .build()
            .unwrap(),
    );
    match create(&client).await.unwrap_err() {
        SdkError::Transport(e) => {
            assert!(e.is_connect(), "{e:?}");
            assert_eq!(e.attempts(), 2);
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn missing_credentials_fail_before_sending() {
    #[derive(Debug)]
    struct NoCredentials;
    impl ProvideCredentials for NoCredentials {
        fn provide_credentials(&self) -> crate::credentials::CredentialsFuture<'_> {
            Box::pin(async { Err(CredentialsError::new("test", "none here")) })
        }
    }
    let server = FakeServer::start(SECRET, |_, _| FakeResponse::json(200, SUCCESS)).await.unwrap();
    let client = Client::new(config(&server).credentials(NoCredentials).build().unwrap());
    match create(&client).await.unwrap_err() {
        SdkError::Credentials(e) => assert_eq!(e.to_string(), "test: none here"),
        other => panic!("{other:?}"),
    }
    assert!(server.calls().is_empty());
}

#[test]
fn endpoints_parse() {
    let e = Endpoint::parse("http://127.0.0.1:8080").unwrap();
    assert_eq!(
        (e.scheme.as_str(), e.authority.as_str(), e.base_path.as_str(), e.loopback),
        ("http", "127.0.0.1:8080", "", true)
    );
    let e = Endpoint::parse("vpc.cn-hangzhou.aliyuncs.com").unwrap();
    assert_eq!((e.scheme.as_str(), e.authority.as_str(), e.loopback), ("https", "vpc.cn-hangzhou.aliyuncs.com", false));
    let e = Endpoint::parse("https://proxy.example:8443/base/").unwrap();
    assert_eq!((e.authority.as_str(), e.base_path.as_str()), ("proxy.example:8443", "/base"));
    assert!(Endpoint::parse("http://[::1]:9000").unwrap().loopback);
    assert!(Endpoint::parse("https://localhost").unwrap().loopback);
    assert!(matches!(Endpoint::parse("ftp://x"), Err(ConfigError::InvalidEndpoint { .. })));
    assert!(matches!(Endpoint::parse("http://x/?a=1"), Err(ConfigError::InvalidEndpoint { .. })));
}

#[test]
fn config_requires_a_region_and_never_prints_secrets() {
    assert_eq!(Config::builder().build().unwrap_err(), ConfigError::MissingRegion);
    let config = Config::builder()
        .region("cn-hangzhou")
        .credentials(Credentials::new("id", "very-secret").with_security_token("tok-secret"))
        .build()
        .unwrap();
    let debug = format!("{config:?} {:?}", Client::new(config.clone()));
    assert!(!debug.contains("very-secret") && !debug.contains("tok-secret"), "{debug}");
    assert_eq!(config.validation(), ValidationMode::Strict);
    assert_eq!(config.retry().max_attempts, 3);
    assert!(config.user_agent().starts_with("alibabacloud-rust-sdk/"));
}

#[test]
fn default_endpoint_comes_from_the_service() {
    let client =
        Client::new(Config::builder().region("cn-shanghai").credentials(Credentials::new("id", "s")).build().unwrap());
    let target = client.target(&CREATE, &EncodedRequest { path: "/".into(), ..EncodedRequest::default() }, None);
    assert_eq!(target.url(&[("A".into(), "b c".into())]), "https://vpc.cn-shanghai.aliyuncs.com/?A=b%20c");
}

#[path = "call_tests.rs"]
mod call_tests;
