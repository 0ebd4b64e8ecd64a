//! Per-call options, fresh signatures on every retry, retry conditions, XML errors through the
//! client, and one-line error chains.

use std::time::{Duration, UNIX_EPOCH};

use super::*;
use crate::call::{CallOptions, ClientTokenPolicy, OperationRequest};
use crate::credentials::ManualClock;
use crate::retry::RetryConfig;

async fn create_with(client: &Client, options: &CallOptions) -> Result<CreateFlowLogResponse, SdkError<ServiceError>> {
    client.invoke_with(&CREATE, &request(), options).await
}

#[tokio::test]
async fn every_retry_is_signed_afresh_with_a_new_date_and_nonce() {
    let clock = ManualClock::new(UNIX_EPOCH + Duration::from_secs(1_700_000_000));
    let ticking = clock.clone();
    // Each answer moves the clock a second, as the wait between attempts would.
    let server = FakeServer::start(SECRET, move |index, _| {
        ticking.advance(Duration::from_secs(1));
        match index {
            0 | 1 => FakeResponse::error(503, "ServiceUnavailable", "try again"),
            _ => FakeResponse::json(200, SUCCESS),
        }
    })
    .await
    .unwrap();
    let client = Client::new(config(&server).clock(clock).build().unwrap());
    create(&client).await.unwrap();
    let calls = server.calls();
    assert_all_verified(&calls);
    let dates: Vec<_> = calls.iter().map(|c| c.header("x-acs-date").unwrap()).collect();
    assert_eq!(dates, ["2023-11-14T22:13:20Z", "2023-11-14T22:13:21Z", "2023-11-14T22:13:22Z"]);
    let nonces: std::collections::BTreeSet<_> = calls.iter().map(|c| c.header("x-acs-signature-nonce")).collect();
    assert_eq!(nonces.len(), 3, "a new nonce per attempt");
    let signatures: std::collections::BTreeSet<_> = calls.iter().map(|c| c.header("authorization")).collect();
    assert_eq!(signatures.len(), 3, "a new signature per attempt");
    // The idempotency token, by contrast, is the same on every attempt.
    let tokens: std::collections::BTreeSet<_> = calls.iter().map(|c| c.param("ClientToken")).collect();
    assert_eq!(tokens.len(), 1);
}

#[tokio::test]
async fn fixed_delays_and_retry_conditions_by_code() {
    let server = FakeServer::start(SECRET, |index, _| match index {
        0 | 1 => FakeResponse::error(400, "OperationConflict", "another operation is running"),
        2 => FakeResponse::json(200, SUCCESS),
        _ => FakeResponse::error(503, "ServiceUnavailable", "down").with_header("x-acs-trace", "t-1"),
    })
    .await
    .unwrap();
    let retry = RetryConfig::fixed(Duration::from_millis(2)).retry_on_codes(["OperationConflict"]);
    let client = Client::new(config(&server).retry(retry).build().unwrap());
    create(&client).await.unwrap();
    assert_eq!(server.calls().len(), 3, "OperationConflict was retried twice");

    // 503 is retried up to the three attempts allowed; the error says how many were made.
    let error = create(&client).await.unwrap_err();
    let service = error.service_error().unwrap();
    assert_eq!((service.code(), service.attempts()), ("ServiceUnavailable", 3));
    assert_eq!(service.header("X-Acs-Trace"), Some("t-1"));
    assert_eq!(
        error.to_string(),
        "service error: ServiceUnavailable (HTTP 503): down [request id FAKE-REQUEST-ID] after 3 attempts"
    );
    // never_retry_codes wins over the built-in rules.
    let once = CallOptions::new().retry(RetryConfig::default().never_retry_codes(["Service*"]));
    assert_eq!(create_with(&client, &once).await.unwrap_err().service_error().unwrap().attempts(), 1);
    assert_eq!(server.calls().len(), 7);
}

#[tokio::test]
async fn call_options_override_the_config_for_one_call() {
    let server =
        FakeServer::start(SECRET, |_, _| FakeResponse::error(503, "ServiceUnavailable", "down")).await.unwrap();
    let other = FakeServer::start(SECRET, |_, _| FakeResponse::json(200, SUCCESS)).await.unwrap();
    let client = client(&server);

    // Retries: one attempt only.
    let no_retry = CallOptions::new().retry(RetryConfig::disabled());
    assert!(create_with(&client, &no_retry).await.is_err());
    assert_eq!(server.calls().len(), 1);

    // Endpoint, extra header (signed), ClientToken policy, credentials.
    let options = CallOptions::new()
        .endpoint(other.endpoint())
        .header("x-acs-resourcegroupid", "rg-123")
        .client_token(ClientTokenPolicy::fixed("order-42"))
        .credentials(Credentials::new("other-id", SECRET));
    create_with(&client, &options).await.unwrap();
    let call = &other.calls()[0];
    assert_eq!(call.verification.as_ref().unwrap().access_key_id, "other-id");
    assert!(call.verification.as_ref().unwrap().signed_headers.iter().any(|h| h == "x-acs-resourcegroupid"));
    assert_eq!(call.header("x-acs-resourcegroupid"), Some("rg-123"));
    assert_eq!(call.param("ClientToken").as_deref(), Some("order-42"));
    assert_eq!(call.header("host"), Some(other.addr().to_string().as_str()));

    let omit = CallOptions::new().endpoint(other.endpoint()).client_token(ClientTokenPolicy::Omit);
    create_with(&client, &omit).await.unwrap();
    assert_eq!(other.calls()[1].param("ClientToken"), None);

    // Validation: a strict client, a lenient call.
    let invalid = CreateFlowLogRequest { region_id: None, ..request() };
    let lenient = CallOptions::new().endpoint(other.endpoint()).validation(ValidationMode::Lenient);
    let sent: Result<CreateFlowLogResponse, SdkError<ServiceError>> =
        client.invoke_with(&CREATE, &invalid, &lenient).await;
    sent.unwrap();
    let refused: Result<CreateFlowLogResponse, SdkError<ServiceError>> = client.invoke(&CREATE, &invalid).await;
    assert!(refused.unwrap_err().as_validation().is_some());
    assert_eq!(other.calls().len(), 3);

    // A header the client writes itself cannot be replaced; nothing is sent.
    let reserved = CallOptions::new().endpoint(other.endpoint()).header("X-Acs-Action", "DeleteEverything");
    let error = create_with(&client, &reserved).await.unwrap_err();
    assert_eq!(
        error.to_string(),
        "cannot build the request: the header `X-Acs-Action` is set by the client and cannot be overridden"
    );
    let bad_endpoint = CallOptions::new().endpoint("ftp://nowhere");
    assert!(matches!(create_with(&client, &bad_endpoint).await.unwrap_err(), SdkError::Construction(_)));
    assert_eq!((server.calls().len(), other.calls().len()), (1, 3));
}

#[tokio::test]
async fn attempt_and_operation_timeouts() {
    let server = FakeServer::start(SECRET, |_, _| FakeResponse::json(200, SUCCESS).with_delay(Duration::from_secs(5)))
        .await
        .unwrap();
    let client = client(&server);
    let attempt = CallOptions::new().attempt_timeout(Duration::from_millis(50)).retry(RetryConfig::disabled());
    match create_with(&client, &attempt).await.unwrap_err() {
        SdkError::Transport(e) => assert_eq!((e.is_timeout(), e.attempts()), (true, 1)),
        other => panic!("{other:?}"),
    }
    let operation = CallOptions::new()
        .attempt_timeout(Duration::from_millis(40))
        .operation_timeout(Duration::from_millis(150))
        .retry(RetryConfig::fixed(Duration::from_millis(1)).with_max_attempts(1000));
    let error = create_with(&client, &operation).await.unwrap_err();
    match &error {
        SdkError::Transport(e) => assert!(e.is_timeout() && e.attempts() >= 1, "{e:?}"),
        other => panic!("{other:?}"),
    }
    assert!(error.to_string().contains(": the operation timeout of 150ms elapsed"), "{error}");
}

#[tokio::test]
async fn xml_error_answers_become_typed_service_errors() {
    let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><RequestId>R-XML</RequestId><HostId>vpc.aliyuncs.com</HostId>\
               <Code>Forbidden.RAM</Code><Message>User not authorized to operate on the specified resource.</Message>\
               <Recommend><![CDATA[https://api.aliyun.com/troubleshoot?q=Forbidden.RAM]]></Recommend></Error>";
    let server = FakeServer::start(SECRET, move |_, _| FakeResponse {
        status: 403,
        headers: vec![("content-type".into(), "text/xml;charset=utf-8".into())],
        body: xml.into(),
        delay: Duration::ZERO,
    })
    .await
    .unwrap();
    let error = create(&client(&server)).await.unwrap_err();
    let service = error.service_error().unwrap();
    assert_eq!(service.code(), "Forbidden.RAM");
    assert_eq!(service.request_id(), Some("R-XML"));
    assert_eq!(service.recommend.as_deref(), Some("https://api.aliyun.com/troubleshoot?q=Forbidden.RAM"));
    assert_eq!(service.header("content-type"), Some("text/xml;charset=utf-8"));
    assert_eq!(service.attempts(), 1);
    assert_eq!(
        error.to_string(),
        "service error: Forbidden.RAM (HTTP 403): User not authorized to operate on the specified resource. [request id R-XML]"
    );
}

#[tokio::test]
async fn a_transport_error_displays_its_cause_on_one_line_without_the_url() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let client = Client::new(
        Config::builder()
            .region("cn-hangzhou")
            .credentials(Credentials::new("id", "s"))
            .endpoint(format!("http://127.0.0.1:{port}"))
            .retry(RetryConfig::fixed(Duration::from_millis(1)).with_max_attempts(2))
            .build()
            .unwrap(),
    );
    let text = create(&client).await.unwrap_err().to_string();
    assert!(text.starts_with("transport error: connection failed after 2 attempt(s): "), "{text}");
    assert!(text.len() > "transport error: connection failed after 2 attempt(s): ".len() + 5, "{text}");
    assert!(!text.contains('\n') && !text.contains("RegionId"), "{text}");
}

#[tokio::test]
async fn anonymous_calls_are_sent_unsigned() {
    let server = FakeServer::start_allowing_anonymous(SECRET, |_, _| FakeResponse::json(200, SUCCESS)).await.unwrap();
    let client = Client::new(config(&server).anonymous().build().unwrap());
    create(&client).await.unwrap();
    let call = &server.calls()[0];
    assert_eq!(call.header("authorization"), None);
    assert!(call.header("x-acs-date").is_some() && call.header("x-acs-signature-nonce").is_some());
    assert_eq!(call.header("x-acs-content-sha256"), Some(crate::sign::hex_sha256(&call.body).as_str()));
}

impl OperationRequest for CreateFlowLogRequest {
    type Response = CreateFlowLogResponse;
    type Error = ServiceError;
    fn operation() -> &'static Operation {
        &CREATE
    }
}

#[tokio::test]
async fn execute_sends_any_request_that_names_its_operation() {
    let server = FakeServer::start(SECRET, |_, _| FakeResponse::json(200, SUCCESS)).await.unwrap();
    let client = client(&server);
    let response =
        client.execute(&request(), &CallOptions::new().header("x-acs-resourcegroupid", "rg-1")).await.unwrap();
    assert_eq!(response.flow_log_id.as_deref(), Some("fl-123"));
    let call = &server.calls()[0];
    assert_eq!(call.header("x-acs-action"), Some("CreateFlowLog"));
    assert_eq!(call.header("x-acs-resourcegroupid"), Some("rg-1"));
    // Validation as for invoke: a strict client refuses the invalid request before sending.
    let invalid = CreateFlowLogRequest { region_id: None, ..request() };
    assert!(client.execute(&invalid, &CallOptions::new()).await.unwrap_err().as_validation().is_some());
    assert_eq!(server.calls().len(), 1);
}
