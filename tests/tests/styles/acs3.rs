//! ACS3 (V3) operations through the binding path: a raw binary body hashed into the signature
//! (fc `InvokeFunction`, ocr-api images) and a `ClientToken` added to the form; the runtime's
//! `FakeServer` recomputes every V3 signature.

use alibabacloud_runtime::binding::{Binding, BodyFormat, Protocol};
use alibabacloud_runtime::body::Body;
use alibabacloud_runtime::test_util::{FakeResponse, FakeServer};
use alibabacloud_runtime::{Location, Method, Operation, ParamSpec, Service, ServiceError, Style, Validate};
use serde::Serialize;

use crate::support::*;

static FC: Service = Service { product: "FC", version: "2023-03-30", endpoint_prefix: "fc", endpoints: &[] };

static INVOKE_FUNCTION: Operation = Operation {
    service: &FC,
    action: "InvokeFunction",
    method: Method::Post,
    path: "/2023-03-30/functions/{functionName}/invocations",
    client_token: None,
    params: &[
        ParamSpec::new("functionName", Location::Path, Style::Simple),
        ParamSpec::new("x-fc-invocation-type", Location::Header, Style::Simple),
    ],
};
static RAW_IN_RAW_OUT: Binding = Binding::new(Protocol::Acs3, BodyFormat::Binary, BodyFormat::Binary);

#[derive(Debug, Default, Serialize, Validate)]
struct InvokeFunctionRequest {
    #[serde(rename = "functionName", skip_serializing_if = "Option::is_none")]
    #[validate(wire = "functionName", required)]
    function_name: Option<String>,
    #[serde(rename = "x-fc-invocation-type", skip_serializing_if = "Option::is_none")]
    #[validate(wire = "x-fc-invocation-type")]
    invocation_type: Option<String>,
}

static CREATE_THING: Operation = Operation {
    service: &FC,
    action: "CreateThing",
    method: Method::Post,
    path: "/",
    client_token: Some("ClientToken"),
    params: &[
        ParamSpec::new("Name", Location::Body, Style::Simple),
        ParamSpec::new("ClientToken", Location::Body, Style::Simple),
    ],
};

static ACS3_FORM: Binding = Binding::ACS3_JSON;

#[derive(Debug, Default, Serialize, Validate)]
struct CreateThingRequest {
    #[serde(rename = "Name", skip_serializing_if = "Option::is_none")]
    #[validate(wire = "Name")]
    name: Option<String>,
}

#[tokio::test]
async fn a_binary_body_is_hashed_into_the_v3_signature_and_the_answer_streams() {
    let server = FakeServer::start(SECRET, |_, call| {
        assert_eq!(call.header("content-type"), Some("application/octet-stream"));
        FakeResponse::json(200, String::from_utf8_lossy(&call.body).to_uppercase())
    })
    .await
    .unwrap();
    let client = client(&server.endpoint(), SECRET);
    let request = InvokeFunctionRequest { function_name: Some("echo".into()), invocation_type: Some("Sync".into()) };
    let body = Body::from_reader(std::io::Cursor::new(b"hello function".to_vec()), None);
    let output = client
        .call_streaming::<_, ServiceError>(&INVOKE_FUNCTION, &RAW_IN_RAW_OUT, &request, Some(body))
        .await
        .unwrap();
    assert_eq!(output.value.collect_bytes().await.unwrap(), b"HELLO FUNCTION");
    let calls = server.calls();
    assert_eq!(calls.len(), 1);
    let call = &calls[0];
    assert!(call.verification.is_ok(), "{:?}", call.verification);
    assert_eq!(call.path, "/2023-03-30/functions/echo/invocations");
    assert_eq!(call.body, b"hello function");
    assert_eq!(call.header("x-fc-invocation-type"), Some("Sync"));
    assert_eq!(call.header("x-acs-action"), Some("InvokeFunction"));
}

#[tokio::test]
async fn a_client_token_joins_the_form_and_stays_across_retries() {
    let server = FakeServer::start(SECRET, |index, _| {
        if index == 0 {
            FakeResponse::error(503, "ServiceUnavailable", "try again")
        } else {
            FakeResponse::json(200, "{}")
        }
    })
    .await
    .unwrap();
    let client = client(&server.endpoint(), SECRET);
    let request = CreateThingRequest { name: Some("a b".into()) };
    let output = client.call::<_, Empty, ServiceError>(&CREATE_THING, &ACS3_FORM, &request).await.unwrap();
    assert_eq!(output.attempts, 2);
    let calls = server.calls();
    assert!(calls.iter().all(|c| c.verification.is_ok()));
    let tokens: Vec<_> = calls.iter().map(|c| c.form_pairs()).collect();
    assert_eq!(tokens[0], tokens[1], "the same form, token included, on both attempts");
    let token = tokens[0].iter().find(|(k, _)| k == "ClientToken").map(|(_, v)| v.clone()).unwrap();
    assert_eq!(token.len(), 36);
    assert!(tokens[0].contains(&("Name".to_owned(), "a b".to_owned())));
    assert_eq!(calls[0].header("content-type"), Some("application/x-www-form-urlencoded"));
}
