//! What the client tests share: credentials, client configuration, and readers of what the
//! server received.

use std::time::Duration;

use alibabacloud_flowlog::runtime::test_util::{FakeResponse, FakeServer, ReceivedCall};
use alibabacloud_flowlog::runtime::{Config, ConfigBuilder, Credentials, RetryConfig};

pub const ACCESS_KEY_ID: &str = "LTAI-test-id";
pub const SECRET: &str = "test-secret-never-logged";

/// A configuration pointing at `endpoint`, with the test credentials, quick retries (3 attempts,
/// 5-20 ms backoff) and a seeded jitter.
pub fn config(endpoint: &str) -> ConfigBuilder {
    Config::builder()
        .region("cn-hangzhou")
        .credentials(Credentials::new(ACCESS_KEY_ID, SECRET))
        .endpoint(endpoint)
        .retry(
            RetryConfig::default()
                .with_max_attempts(3)
                .with_base_delay(Duration::from_millis(5))
                .with_max_delay(Duration::from_millis(20)),
        )
        .jitter_seed(7)
}

/// A scripted server answering every request with `body` (HTTP 200).
pub async fn answering(body: &'static str) -> FakeServer {
    FakeServer::start(SECRET, move |_, _| FakeResponse::json(200, body)).await.expect("the fake server starts")
}

/// The one request `server` received, after checking that its signature verified.
pub fn only_call(calls: &[ReceivedCall]) -> &ReceivedCall {
    assert_eq!(calls.len(), 1, "exactly one request: {calls:#?}");
    assert_signed(calls);
    &calls[0]
}

/// Every call's signature verified, with the test AccessKey, and every nonce is fresh.
pub fn assert_signed(calls: &[ReceivedCall]) {
    let mut nonces = std::collections::BTreeSet::new();
    for call in calls {
        let verified = call.verification.as_ref().expect("the signature verifies");
        assert_eq!(verified.access_key_id, ACCESS_KEY_ID);
        assert!(nonces.insert(call.header("x-acs-signature-nonce").expect("a nonce").to_owned()), "nonce reused");
    }
}

/// Asserts the route of an RPC call: `POST /`, the action and version headers.
pub fn assert_rpc(call: &ReceivedCall, action: &str, version: &str) {
    assert_eq!(call.method, "POST");
    assert_eq!(call.path, "/");
    assert_eq!(call.header("x-acs-action"), Some(action));
    assert_eq!(call.header("x-acs-version"), Some(version));
}

/// Owned pairs from string pairs, for comparing with what the server decoded.
pub fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

/// Asserts the exact query parameters (in the canonical order they were sent in) and the exact
/// form fields of a call.
pub fn assert_params(call: &ReceivedCall, query: &[(&str, &str)], form: &[(&str, &str)]) {
    assert_eq!(call.query_pairs(), pairs(query), "query string {}", call.query);
    assert_eq!(call.form_pairs(), pairs(form), "form body {}", String::from_utf8_lossy(&call.body));
    let content_type = call.header("content-type");
    if form.is_empty() {
        assert_eq!(call.body, b"");
        assert_eq!(content_type, None);
    } else {
        assert_eq!(content_type, Some("application/x-www-form-urlencoded"));
    }
}
