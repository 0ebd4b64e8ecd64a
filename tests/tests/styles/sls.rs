//! SLS over loopback: the `LOG` signature checked by `FakeSls` on every request.

use alibabacloud_runtime::test_util::sls::{FakeSls, LogRecord};
use alibabacloud_runtime::SdkError;

use crate::support::*;

const PROJECT: &str = "flowlog-project";
const LOGSTORE: &str = "flowlog-store";

/// 250 flow-log records, one a second from t0, every third one rejected traffic.
fn records(t0: u32) -> Vec<LogRecord> {
    (0..250)
        .map(|i| {
            let action = if i % 3 == 0 { "REJECT" } else { "ACCEPT" };
            let src = format!("10.0.0.{}", i % 250);
            LogRecord::new(t0 + i, "eni-1", [("srcaddr", src.as_str()), ("dstport", "443"), ("action", action)])
        })
        .collect()
}

fn query(from: i32, to: i32, query: &str, offset: i64) -> GetLogsRequest {
    GetLogsRequest {
        project: Some(PROJECT.into()),
        logstore: Some(LOGSTORE.into()),
        from: Some(from),
        to: Some(to),
        query: Some(query.into()),
        line: Some(100),
        offset: Some(offset),
        reverse: Some(false),
    }
}

#[tokio::test]
async fn get_logs_pages_through_the_records_of_a_time_range() {
    let fake = FakeSls::start(ACCESS_KEY_ID, SECRET).await.unwrap();
    let t0 = 1_700_000_000;
    fake.append(PROJECT, LOGSTORE, records(t0));
    let client = client(&fake.endpoint(), SECRET);

    // Accepted traffic in [t0 + 10, t0 + 240): 230 records, 154 of them ACCEPT, over two pages.
    let (from, to) = (t0 as i32 + 10, t0 as i32 + 240);
    let mut seen = Vec::new();
    let mut offset = 0;
    loop {
        let page = get_logs(&client, &query(from, to, "action: ACCEPT", offset)).await.unwrap();
        assert_eq!(page.progress.as_deref(), Some("Complete"));
        assert_eq!(page.count, Some(page.logs.len() as i64));
        assert!(page.request_id.as_deref().is_some_and(|id| id.starts_with("fake-sls-")));
        if page.logs.is_empty() {
            break;
        }
        offset += page.logs.len() as i64;
        seen.extend(page.logs);
    }
    assert_eq!(seen.len(), 154);
    assert!(seen.iter().all(|log| log["action"] == "ACCEPT" && log["__source__"] == "eni-1"));
    let times: Vec<u32> = seen.iter().map(|log| log["__time__"].parse().unwrap()).collect();
    assert_eq!(times.first(), Some(&(t0 + 10)));
    assert!(times.windows(2).all(|w| w[0] < w[1]), "ascending by time");
    assert!(times.iter().all(|t| (t0 + 10..t0 + 240).contains(t)));

    // What went on the wire: the project in the host, the path's `type=log` in the query, the
    // SLS headers, the generated SDK's signature method.
    let requests = fake.requests();
    assert_eq!(requests.len(), 3);
    let first = &requests[0];
    assert_eq!(first.method, "GET");
    assert_eq!(first.path, "/logstores/flowlog-store");
    assert_eq!(
        first.header("host"),
        Some(format!("{PROJECT}.{}", fake.endpoint().trim_start_matches("http://")).as_str())
    );
    assert_eq!(first.query_param("type").as_deref(), Some("log"));
    assert_eq!(first.query_param("query").as_deref(), Some("action: ACCEPT"));
    assert_eq!(first.query_param("reverse").as_deref(), Some("false"));
    assert_eq!(first.header("x-log-apiversion"), Some("0.6.0"));
    assert_eq!(first.header("x-log-bodyrawsize"), Some("0"));
    assert_eq!(first.header("x-log-signaturemethod"), Some("hmac-sha256"));
    assert!(first.header("authorization").is_some_and(|a| a.starts_with(&format!("LOG {ACCESS_KEY_ID}:"))));
}

#[tokio::test]
async fn reverse_and_word_queries() {
    let fake = FakeSls::start(ACCESS_KEY_ID, SECRET).await.unwrap();
    let t0 = 1_700_000_000;
    fake.append(PROJECT, LOGSTORE, records(t0));
    let client = client(&fake.endpoint(), SECRET);
    let mut request = query(t0 as i32, t0 as i32 + 250, "10.0.0.7", 0);
    request.reverse = Some(true);
    let page = get_logs(&client, &request).await.unwrap();
    let sources: Vec<&str> = page.logs.iter().map(|log| log["srcaddr"].as_str()).collect();
    // 10.0.0.7 and 10.0.0.70..=79 contain the word; newest first.
    assert_eq!(sources.len(), 11);
    assert_eq!(sources[0], "10.0.0.79");
    assert_eq!(sources[10], "10.0.0.7");
}

#[tokio::test]
async fn sls_error_bodies_become_the_operations_error_variants() {
    let fake = FakeSls::start(ACCESS_KEY_ID, SECRET).await.unwrap();
    fake.create_logstore(PROJECT, LOGSTORE);
    let client = client(&fake.endpoint(), SECRET);

    let mut missing = query(1, 2, "*", 0);
    missing.logstore = Some("no-such-store".into());
    match get_logs(&client, &missing).await {
        Err(SdkError::Service(GetLogsError::LogStoreNotExist(e))) => {
            assert_eq!(e.http_status, 404);
            assert_eq!(e.message, "logstore no-such-store does not exist");
            assert_eq!(e.request_id.as_deref(), Some("fake-sls-1"));
        }
        other => panic!("expected LogStoreNotExist, got {other:?}"),
    }
    match get_logs(&client, &query(1, 2, "* | SELECT count(*)", 0)).await {
        Err(SdkError::Service(GetLogsError::ParameterInvalid(e))) => assert_eq!(e.http_status, 400),
        other => panic!("expected ParameterInvalid, got {other:?}"),
    }
    let wrong = client_with_wrong_secret(&fake);
    match get_logs(&wrong, &query(1, 2, "*", 0)).await {
        Err(SdkError::Service(GetLogsError::Unhandled(e))) => {
            assert_eq!((e.code.as_str(), e.http_status), ("SignatureNotMatch", 401));
        }
        other => panic!("expected SignatureNotMatch, got {other:?}"),
    }
    // A request the validation refuses never reaches the wire.
    let requests_before = fake.requests().len();
    let mut invalid = query(1, 2, "*", 0);
    invalid.line = Some(1000);
    let report = get_logs(&client, &invalid).await.unwrap_err();
    assert_eq!(report.as_validation().map(|r| r.violations()[0].wire_path()), Some("line"));
    assert_eq!(fake.requests().len(), requests_before);
}

fn client_with_wrong_secret(fake: &FakeSls) -> alibabacloud_runtime::Client {
    client(&fake.endpoint(), "not-the-secret")
}

#[tokio::test]
async fn json_bodies_create_and_read_logstores() {
    let fake = FakeSls::start(ACCESS_KEY_ID, SECRET).await.unwrap();
    fake.create_logstore(PROJECT, "existing");
    let client = client(&fake.endpoint(), SECRET);
    let spec = LogStoreSpec { logstore_name: "created".into(), ttl: 30, shard_count: 2 };
    let create = CreateLogStoreRequest { project: Some(PROJECT.into()), body: Some(spec.clone()) };
    let output = client
        .call::<_, Empty, alibabacloud_runtime::ServiceError>(&CREATE_LOG_STORE, &SLS_JSON_IN, &create)
        .await
        .unwrap();
    assert_eq!(output.status, 200);
    let sent = fake.requests().pop().unwrap();
    assert_eq!(sent.header("content-type"), Some("application/json"));
    assert_eq!(sent.body, serde_json::to_vec(&spec).unwrap());
    assert_eq!(sent.header("x-log-bodyrawsize"), Some(sent.body.len().to_string().as_str()));
    assert!(sent
        .header("content-md5")
        .is_some_and(|md5| md5.len() == 32 && md5.chars().all(|c| !c.is_ascii_lowercase())));

    let get = GetLogStoreRequest { project: Some(PROJECT.into()), logstore: Some("created".into()) };
    let read = client
        .call::<_, LogStoreSpec, alibabacloud_runtime::ServiceError>(&GET_LOG_STORE, &SLS_JSON_OUT, &get)
        .await
        .unwrap();
    assert_eq!(read.value, spec);

    let again = client
        .call::<_, Empty, alibabacloud_runtime::ServiceError>(&CREATE_LOG_STORE, &SLS_JSON_IN, &create)
        .await
        .unwrap_err();
    let error = again.service_error().unwrap();
    assert_eq!((error.code.as_str(), error.http_status), ("LogStoreAlreadyExist", 409));
}
