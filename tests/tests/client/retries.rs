//! Retries through the generated clients: transient 5xx, throttling with `x-acs-retry-after`,
//! timeouts, and one ClientToken for every attempt of a call.

use std::time::{Duration, Instant};

use alibabacloud_flowlog::runtime::test_util::{FakeResponse, FakeServer, ReceivedCall};
use alibabacloud_flowlog::runtime::{RetryConfig, SdkError};
use alibabacloud_flowlog::{ecr, vpc};
use integration_tests::fake_flowlog::FakeFlowLogService;

use crate::support::{assert_signed, config, ACCESS_KEY_ID, SECRET};

fn status_request() -> vpc::GetFlowLogServiceStatusRequest {
    vpc::GetFlowLogServiceStatusRequest::builder()
        .region_id("cn-hangzhou")
        .client_token("status-token")
        .build()
        .unwrap()
}

#[tokio::test]
async fn server_errors_then_success() {
    let server = FakeServer::start(SECRET, |index, _| match index {
        0 => FakeResponse::error(503, "ServiceUnavailable", "The request has failed due to a temporary failure."),
        1 => FakeResponse::error(500, "InternalError", "The request processing has failed due to some unknown error."),
        _ => FakeResponse::json(200, r#"{"RequestId":"R-OK","Enabled":true}"#),
    })
    .await
    .unwrap();
    let client = vpc::Client::new(config(&server.endpoint()).build().unwrap());
    let response = client.send(status_request()).await.unwrap();
    assert_eq!(response.envelope.request_id.as_deref(), Some("R-OK"));
    assert_eq!(response.enabled, Some(true));
    let calls = server.calls();
    assert_eq!(calls.len(), 3);
    // Each attempt is signed afresh (new nonce, new signature) and carries the same parameters.
    assert_signed(&calls);
    let signatures: std::collections::BTreeSet<_> = calls.iter().map(|c| c.header("authorization").unwrap()).collect();
    assert_eq!(signatures.len(), 3);
    for call in &calls {
        assert_eq!(call.query, "ClientToken=status-token&RegionId=cn-hangzhou");
    }
}

#[tokio::test]
async fn server_errors_past_the_attempts_allowed_are_returned() {
    let server =
        FakeServer::start(SECRET, |_, _| FakeResponse::error(503, "ServiceUnavailable", "down")).await.unwrap();
    let client = vpc::Client::new(config(&server.endpoint()).build().unwrap());
    let error = client.send(status_request()).await.unwrap_err();
    let Some(vpc::GetFlowLogServiceStatusError::Unhandled(e)) = error.as_service() else { panic!("{error:?}") };
    assert_eq!((e.code(), e.http_status()), ("ServiceUnavailable", 503));
    assert!(error.is_retryable());
    assert_eq!(server.calls().len(), 3, "max_attempts = 3");
}

#[tokio::test]
async fn throttling_waits_as_long_as_x_acs_retry_after_says() {
    let server = FakeServer::start(SECRET, |index, _| match index {
        0 => FakeResponse::error(400, "Throttling.User", "Request was denied due to user flow control.")
            .with_header("x-acs-retry-after", "400"),
        _ => FakeResponse::json(200, r#"{"RequestId":"R-OK","Enabled":false}"#),
    })
    .await
    .unwrap();
    // Backoff alone would wait at most 5 ms before the first retry; the header asks for 400 ms,
    // within the 2 s the client allows between attempts.
    let retry = RetryConfig::default().with_base_delay(Duration::from_millis(5)).with_max_delay(Duration::from_secs(2));
    let client = vpc::Client::new(config(&server.endpoint()).retry(retry).build().unwrap());
    let started = Instant::now();
    let response = client.send(status_request()).await.unwrap();
    let elapsed = started.elapsed();
    assert_eq!(response.enabled, Some(false));
    assert!(elapsed >= Duration::from_millis(400), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
    assert_eq!(server.calls().len(), 2);
    assert_signed(&server.calls());
}

#[tokio::test]
async fn a_retry_after_beyond_max_delay_waits_only_max_delay() {
    // The service asks for an hour; the test configuration allows 20 ms between attempts.
    let server = FakeServer::start(SECRET, |index, _| match index {
        0 => FakeResponse::error(400, "Throttling.User", "slow down").with_header("x-acs-retry-after", "3600000"),
        _ => FakeResponse::json(200, r#"{"RequestId":"R-OK","Enabled":true}"#),
    })
    .await
    .unwrap();
    let client = vpc::Client::new(config(&server.endpoint()).build().unwrap());
    let started = Instant::now();
    client.send(status_request()).await.unwrap();
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
    assert_eq!(server.calls().len(), 2);
}

#[tokio::test]
async fn throttling_past_the_attempts_allowed_keeps_the_retry_after() {
    let server = FakeServer::start(SECRET, |_, _| {
        FakeResponse::error(429, "Throttling.Api", "too fast").with_header("x-acs-retry-after", "30")
    })
    .await
    .unwrap();
    let client = vpc::Client::new(config(&server.endpoint()).build().unwrap());
    let error = client.send(status_request()).await.unwrap_err();
    let e = error.service_error().unwrap();
    assert_eq!(e.code(), "Throttling.Api");
    assert_eq!(e.retry_after, Some(Duration::from_millis(30)));
    assert!(e.is_throttling());
    assert!(error.is_retryable());
    assert_eq!(server.calls().len(), 3);
}

#[tokio::test]
async fn a_slow_server_times_out() {
    let server = FakeServer::start(SECRET, |_, _| {
        FakeResponse::json(200, r#"{"RequestId":"R-LATE"}"#).with_delay(Duration::from_secs(3))
    })
    .await
    .unwrap();
    let client = vpc::Client::new(
        config(&server.endpoint())
            .read_timeout(Duration::from_millis(150))
            .retry(RetryConfig::default().with_max_attempts(2).with_base_delay(Duration::from_millis(1)))
            .build()
            .unwrap(),
    );
    let started = Instant::now();
    let error = client.send(status_request()).await.unwrap_err();
    let elapsed = started.elapsed();
    match &error {
        SdkError::Transport(e) => {
            assert!(e.is_timeout(), "{e:?}");
            assert_eq!(e.attempts(), 2);
        }
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert!(error.is_retryable());
    assert!(elapsed >= Duration::from_millis(300), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
    assert_eq!(server.calls().len(), 2);
}

fn create_without_token() -> ecr::CreateFlowLogRequest {
    ecr::CreateFlowLogRequest::builder()
        .ecr_id("ecr-0001")
        .instance_type("VBR")
        .instance_id("vbr-0001")
        .project_name("flowlog-project")
        .log_store_name("flowlog-logstore")
        .build()
        .unwrap()
}

fn form_token(call: &ReceivedCall) -> String {
    // ECR's ClientToken travels in the form body, where its metadata puts it.
    assert!(!call.query_pairs().iter().any(|(k, _)| k == "ClientToken"), "{}", call.query);
    call.form_pairs().into_iter().find(|(k, _)| k == "ClientToken").map(|(_, v)| v).expect("a ClientToken")
}

#[tokio::test]
async fn one_generated_client_token_for_every_attempt_of_a_call() {
    let server = FakeServer::start(SECRET, |index, _| match index {
        0 => FakeResponse::error(503, "ServiceUnavailable", "try again"),
        1 => FakeResponse::error(400, "Throttling.User", "slow down"),
        _ => FakeResponse::json(200, r#"{"RequestId":"R","FlowLogId":"flowlog-1"}"#),
    })
    .await
    .unwrap();
    let client = ecr::Client::new(config(&server.endpoint()).build().unwrap());
    let created = client.send(create_without_token()).await.unwrap();
    assert_eq!(created.flow_log_id.as_deref(), Some("flowlog-1"));
    let calls = server.calls();
    assert_eq!(calls.len(), 3);
    assert_signed(&calls);
    let tokens: Vec<String> = calls.iter().map(form_token).collect();
    assert_eq!(tokens[0], tokens[1]);
    assert_eq!(tokens[1], tokens[2]);
    // A version-4 UUID: 8-4-4-4-12 lowercase hex digits.
    let token = &tokens[0];
    let groups: Vec<usize> = token.split('-').map(str::len).collect();
    assert_eq!(groups, [8, 4, 4, 4, 12], "{token}");
    assert!(token.chars().all(|c| c == '-' || c.is_ascii_digit() || ('a'..='f').contains(&c)), "{token}");
    assert_eq!(&token[14..15], "4", "{token}");

    // The next call gets a token of its own.
    client.send(create_without_token()).await.unwrap();
    assert_ne!(form_token(&server.calls()[3]), *token);
}

#[tokio::test]
async fn a_lost_answer_retried_with_the_same_token_creates_once() {
    let fake = FakeFlowLogService::start(ACCESS_KEY_ID, SECRET).await.unwrap();
    // The service creates the flow log, but the answer is lost: the client sees a 503.
    fake.lose_next_answer("CreateFlowLog", FakeResponse::error(503, "ServiceUnavailable", "lost"));
    let client = ecr::Client::new(config(&fake.endpoint()).build().unwrap());
    let created = client.send(create_without_token()).await.unwrap();

    let flow_logs = fake.flow_logs();
    assert_eq!(flow_logs.len(), 1, "created once: {flow_logs:#?}");
    assert_eq!(created.flow_log_id.as_deref(), Some(flow_logs[0].flow_log_id.as_str()));
    assert_eq!(created.flow_log_id.as_deref(), Some("flowlog-ecr00001"));
    let calls = fake.calls();
    assert_eq!(calls.len(), 2);
    assert_eq!(form_token(&calls[0]), form_token(&calls[1]));

    // Without the token the same retry would have failed: the instance has a flow log now.
    let again = client.send(create_without_token()).await.unwrap_err();
    let Some(ecr::CreateFlowLogError::ResourceAlreadyExistFlowLogId(e)) = again.as_service() else {
        panic!("{again:?}")
    };
    assert_eq!(e.message(), "The specified resource of FlowLogId[flowlog-ecr00001] already exists.");
}
