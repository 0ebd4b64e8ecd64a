//! Tracing of the generated clients: one span per call, one event per attempt, and no secret in
//! anything a subscriber sees (span and event fields, and the formatted log lines).
//!
//! A binary of its own, so that the subscriber installed here (for the whole process) sees only
//! this test's calls.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::{Arc, Mutex};

use alibabacloud_flowlog::ecr;
use alibabacloud_flowlog::runtime::test_util::{FakeResponse, FakeServer};
use alibabacloud_flowlog::runtime::{Config, Credentials, RetryConfig, SdkError};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id};
use tracing::{Event, Subscriber};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::Layer;

const ACCESS_KEY_ID: &str = "LTAI-tracing-id";
const SECRET: &str = "tracing-secret-Zq8Wv3";
const SECURITY_TOKEN: &str = "sts-token-Kd72Lm";

type Fields = BTreeMap<String, String>;

#[derive(Default)]
struct FieldVisitor(Fields);

impl Visit for FieldVisitor {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
}

/// An event: its target, the name of the span it happened in, its fields.
type SeenEvent = (String, Option<String>, Fields);

/// What the layer saw: spans (name, fields) and events.
#[derive(Default)]
struct Seen {
    spans: Vec<(String, Fields)>,
    events: Vec<SeenEvent>,
}

#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<Seen>>);

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Recorder {
    fn on_new_span(&self, attrs: &Attributes<'_>, _id: &Id, _ctx: Context<'_, S>) {
        let mut visitor = FieldVisitor::default();
        attrs.record(&mut visitor);
        self.0.lock().unwrap().spans.push((attrs.metadata().name().to_owned(), visitor.0));
    }

    fn on_event(&self, event: &Event<'_>, ctx: Context<'_, S>) {
        let mut visitor = FieldVisitor::default();
        event.record(&mut visitor);
        let span = ctx.event_span(event).map(|s| s.name().to_owned());
        self.0.lock().unwrap().events.push((event.metadata().target().to_owned(), span, visitor.0));
    }
}

/// The formatted output of a `fmt` layer.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn fields(list: &[(&str, &str)]) -> Fields {
    list.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

#[tokio::test]
async fn a_span_per_call_an_event_per_attempt_and_no_secrets() {
    let recorder = Recorder::default();
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::registry().with(recorder.clone()).with(
        tracing_subscriber::fmt::layer().with_ansi(false).with_writer(move || writer.clone()).with_span_events(
            tracing_subscriber::fmt::format::FmtSpan::NEW | tracing_subscriber::fmt::format::FmtSpan::CLOSE,
        ),
    );
    tracing::subscriber::set_global_default(subscriber).expect("the only subscriber of this binary");

    let server = FakeServer::start(SECRET, |index, _| match index {
        0 => FakeResponse::error(503, "ServiceUnavailable", "try again"),
        1 => FakeResponse::json(200, r#"{"RequestId":"R-OK","FlowLogId":"flowlog-1"}"#),
        _ => FakeResponse::error(400, "UnsupportedRegion", "Feature not supported in specified region."),
    })
    .await
    .unwrap();
    let config = Config::builder()
        .region("cn-hangzhou")
        .credentials(Credentials::new(ACCESS_KEY_ID, SECRET).with_security_token(SECURITY_TOKEN))
        .endpoint(server.endpoint())
        .retry(RetryConfig::default().with_base_delay(std::time::Duration::from_millis(1)).with_jitter(false))
        .build()
        .unwrap();
    let client = ecr::Client::new(config);
    let request = || {
        ecr::CreateFlowLogRequest::builder()
            .ecr_id("ecr-0001")
            .instance_type("VBR")
            .instance_id("vbr-0001")
            .project_name("flowlog-project")
            .log_store_name("flowlog-logstore")
            .build()
            .unwrap()
    };
    // Call 1: 503, then success. Call 2: a documented error.
    client.send(request()).await.unwrap();
    let error = client.send(request()).await.unwrap_err();
    assert!(matches!(error, SdkError::Service(ecr::CreateFlowLogError::UnsupportedRegion(_))), "{error:?}");
    assert_eq!(server.calls().len(), 3);
    assert_eq!(server.calls()[0].header("x-acs-security-token"), Some(SECURITY_TOKEN));

    let seen = recorder.0.lock().unwrap();
    let call_spans: Vec<&Fields> =
        seen.spans.iter().filter(|(name, _)| name == "alibabacloud.call").map(|(_, f)| f).collect();
    let span_fields =
        fields(&[("action", "CreateFlowLog"), ("product", "ExpressConnectRouter"), ("region", "cn-hangzhou")]);
    assert_eq!(call_spans, [&span_fields, &span_fields], "one span per call");

    // The runtime's own events (the HTTP stack underneath logs its own, inside the span too).
    let attempts: Vec<&Fields> = seen
        .events
        .iter()
        .filter(|(target, _, _)| target.starts_with("alibabacloud_runtime"))
        .inspect(|(_, span, _)| assert_eq!(span.as_deref(), Some("alibabacloud.call")))
        .map(|(_, _, f)| f)
        .collect();
    assert_eq!(attempts.len(), 3, "one event per attempt: {attempts:#?}");
    assert_eq!(attempts[0]["message"], "attempt failed; retrying");
    assert_eq!((attempts[0]["attempt"].as_str(), attempts[0]["status"].as_str()), ("1", "503"));
    assert_eq!(attempts[0]["code"], "ServiceUnavailable");
    assert_eq!(attempts[0]["request_id"], "FAKE-REQUEST-ID");
    assert_eq!(attempts[1]["message"], "attempt succeeded");
    assert_eq!((attempts[1]["attempt"].as_str(), attempts[1]["status"].as_str()), ("2", "200"));
    assert_eq!(attempts[2]["message"], "attempt failed");
    assert_eq!((attempts[2]["attempt"].as_str(), attempts[2]["code"].as_str()), ("1", "UnsupportedRegion"));

    let output = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(output.contains("CreateFlowLog"), "the action is logged:\n{output}");
    assert!(output.contains("alibabacloud.call"), "{output}");
    let everything = format!("{output}\n{:?}\n{:?}", seen.spans, seen.events);
    for secret in [SECRET, SECURITY_TOKEN] {
        assert!(!everything.contains(secret), "a secret was logged:\n{everything}");
    }
    // Nor anything derived from the key: the signature sent with the first attempt.
    let authorization = server.calls()[0].header("authorization").unwrap().to_owned();
    let signature = authorization.rsplit("Signature=").next().unwrap();
    assert!(!everything.contains(signature), "{everything}");
}
