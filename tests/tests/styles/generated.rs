//! The same protocols through the code the generator emits from Alibaba's files (`tests/build.rs`
//! generates `integration_tests::sls` and `integration_tests::oss`; FC and the V3 products come
//! from the corpus beside the repository when it is there): fluent calls, typed answers read
//! from bodies and headers, error enums.

use std::sync::Arc;
use std::time::Duration;

use alibabacloud_flowlog::ecr;
use alibabacloud_runtime::body::{Body, Bytes};
use alibabacloud_runtime::test_util::oss::FakeOss;
use alibabacloud_runtime::test_util::sls::FakeSls;
use alibabacloud_runtime::{Config, SdkError};
use integration_tests::fake_flowlog::FakeFlowLogService;
use integration_tests::{oss, sls};
use tokio::time::timeout;

use crate::support::{gated_upload, ACCESS_KEY_ID, SECRET};

const PROJECT: &str = "flowlog-project";
const LOGSTORE: &str = "flowlog-logstore";
const ECR_ID: &str = "ecr-mezk2idmsd0vx2demo";
/// Only a guard against a hang: nothing here measures speed.
const GUARD: Duration = Duration::from_secs(120);

fn config(endpoint: &str) -> Config {
    crate::support::config(endpoint, SECRET)
}

/// Every record of a `GetLogs` query, page after page of `line` records.
async fn all_logs(
    logs: &sls::Client,
    (from, to): (i32, i32),
    query: &str,
    line: i64,
) -> Vec<serde_json::Map<String, serde_json::Value>> {
    let (mut offset, mut all) = (0, Vec::new());
    loop {
        let page = logs
            .get_logs()
            .project(PROJECT)
            .logstore(LOGSTORE)
            .set_from(from)
            .to(to)
            .query(query)
            .line(line)
            .offset(offset)
            .send()
            .await
            .unwrap();
        assert_eq!(page.x_log_progress.as_deref(), Some("Complete"));
        assert_eq!(page.x_log_count, Some(page.body.len() as i64), "the count header matches the body");
        let n = page.body.len();
        all.extend(page.body.into_iter().map(|record| record.as_object().cloned().expect("a record is an object")));
        if n < line as usize {
            return all;
        }
        offset += line;
    }
}

/// The flow of issue 13: a flow log created with the generated ECR client delivers what it
/// captures to SLS, and the generated SLS client reads it back by time range and query.
#[tokio::test]
async fn a_flow_logs_records_are_read_back_through_the_generated_sls_client() {
    let sls_fake = Arc::new(FakeSls::start(ACCESS_KEY_ID, SECRET).await.unwrap());
    sls_fake.create_project(PROJECT);
    let logs = sls::Client::new(config(&sls_fake.endpoint()));
    logs.create_log_store()
        .project(PROJECT)
        .body(sls::CreateLogStoreBody::default().logstore_name(LOGSTORE).ttl(30).shard_count(2))
        .send()
        .await
        .unwrap();
    let created = sls_fake.requests().pop().unwrap();
    assert_eq!((created.method.as_str(), created.path.as_str()), ("POST", "/logstores"));
    assert_eq!(created.header("host").and_then(|h| h.split('.').next()), Some(PROJECT), "the project is in the host");
    let body: serde_json::Value = serde_json::from_slice(&created.body).unwrap();
    assert_eq!(body, serde_json::json!({"logstoreName": LOGSTORE, "ttl": 30, "shardCount": 2}));

    let flow_logs = FakeFlowLogService::start(ACCESS_KEY_ID, SECRET).await.unwrap();
    flow_logs.deliver_to(sls_fake.clone());
    let ecr_client = ecr::Client::new(config(&flow_logs.endpoint()));
    let created = ecr_client
        .create_flow_log()
        .ecr_id(ECR_ID)
        .instance_id("vbr-bp1demo")
        .instance_type("VBR")
        .flow_log_name("demo")
        .interval(60)
        .project_name(PROJECT)
        .log_store_name(LOGSTORE)
        .send()
        .await
        .unwrap();
    let flow_log_id = created.flow_log_id.unwrap();

    // Two one-minute windows while the flow log is active: 4 flows each.
    let t0 = 1_700_000_040;
    assert_eq!(flow_logs.capture(t0) + flow_logs.capture(t0 + 60), 8);
    // Deactivated, it delivers nothing.
    ecr_client.deactivate_flow_log().ecr_id(ECR_ID).flow_log_id(&flow_log_id).send().await.unwrap();
    assert_eq!(flow_logs.capture(t0 + 120), 0);

    let window = (t0 as i32, t0 as i32 + 180);
    let tcp = all_logs(&logs, window, "protocol: 6", 4).await;
    assert_eq!(tcp.len(), 6, "3 TCP flows in each of 2 windows");
    let first = &tcp[0];
    let field = |name: &str| first[name].as_str().unwrap().to_owned();
    assert_eq!(field("__time__"), t0.to_string());
    assert_eq!(
        (field("srcaddr"), field("srcport"), field("dstaddr"), field("dstport")),
        ("10.0.1.15".into(), "51234".into(), "192.168.10.8".into(), "443".into())
    );
    assert_eq!((field("packets"), field("bytes")), ("120".into(), "98304".into()));
    assert_eq!((field("ecr-id"), field("vbr-id")), (ECR_ID.into(), "vbr-bp1demo".into()));
    assert_eq!((field("start"), field("end")), (t0.to_string(), (t0 + 59).to_string()));
    assert!(tcp.iter().all(|r| r["protocol"] == "6"));
    // A narrower range: the second window only; every flow of it.
    let second = all_logs(&logs, (t0 as i32 + 60, t0 as i32 + 120), "*", 100).await;
    assert_eq!(second.len(), 4);
    assert!(second.iter().all(|r| r["__time__"] == (t0 + 60).to_string().as_str()));

    let sent = sls_fake.requests().pop().unwrap();
    assert_eq!((sent.method.as_str(), sent.path.as_str()), ("GET", &*format!("/logstores/{LOGSTORE}")));
    assert_eq!(sent.query_param("type").as_deref(), Some("log"), "the path's own query fragment");
    assert_eq!(sent.query_param("from"), Some((t0 + 60).to_string()));
    assert!(sent.header("authorization").is_some_and(|a| a.starts_with(&format!("LOG {ACCESS_KEY_ID}:"))));
}

#[tokio::test]
async fn generated_sls_errors_and_validation() {
    let fake = FakeSls::start(ACCESS_KEY_ID, SECRET).await.unwrap();
    fake.create_logstore(PROJECT, LOGSTORE);
    let logs = sls::Client::new(config(&fake.endpoint()));
    let get = |store: &str| logs.get_logs().project(PROJECT).logstore(store).set_from(1).to(2);
    match get("no-such-store").send().await {
        Err(SdkError::Service(sls::GetLogsError::Unhandled(e))) => {
            assert_eq!((e.code.as_str(), e.http_status), ("LogStoreNotExist", 404));
            assert_eq!(e.message, "logstore no-such-store does not exist");
            assert_eq!(e.request_id.as_deref(), Some("fake-sls-1"));
        }
        other => panic!("expected LogStoreNotExist, got {other:?}"),
    }
    // `line` is documented as at most 100: refused before anything is sent.
    let sent_before = fake.requests().len();
    let error = get(LOGSTORE).line(1000).send().await.unwrap_err();
    assert_eq!(error.as_validation().map(|r| r.violations()[0].wire_path()), Some("line"));
    assert_eq!(fake.requests().len(), sent_before);
    // `from` is required: the builder says so by its wire name.
    let report = sls::GetLogsRequest::builder().project(PROJECT).logstore(LOGSTORE).to(2).build().unwrap_err();
    assert_eq!(report.violations()[0].wire_path(), "from");
}

fn payload(len: usize) -> Vec<u8> {
    (0..len).map(|i| ((i as u64).wrapping_mul(2_654_435_761) >> 13) as u8).collect()
}

/// A multi-megabyte object up and down through the generated `PutObject`/`GetObject`: streamed
/// both ways (the producer waits until the server has the first MiB; the server waits until the
/// test has read the first MiB), metadata headers in, typed headers out.
#[tokio::test]
async fn generated_oss_streams_an_object_both_ways() {
    const SIZE: usize = 6 << 20;
    const FIRST: usize = 1 << 20;
    let fake = FakeOss::start(ACCESS_KEY_ID, SECRET, "cn-hangzhou").await.unwrap();
    fake.create_bucket("flowlog-archive");
    let client = oss::Client::new(config(&fake.endpoint()));
    let data = Arc::new(payload(SIZE));
    let stream = gated_upload(data.clone(), FIRST, fake.upload_progress());
    let key = "captures/2024/07/flows.bin";
    let upload = client
        .put_object()
        .bucket("flowlog-archive")
        .key(key)
        .x_oss_meta("source", "flowlog")
        .x_oss_forbid_overwrite(true)
        .body(Body::from_stream(stream, Some(SIZE as u64)))
        .send();
    let put = timeout(GUARD, upload).await.expect("the upload did not wait for the whole stream").unwrap();
    assert!(put.envelope.request_id.as_deref().is_some_and(|id| id.starts_with("fake-oss-")));
    assert_eq!(fake.object("flowlog-archive", key).as_deref(), Some(&*data));
    assert_eq!(fake.object_meta("flowlog-archive", key), Some(vec![("source".to_owned(), "flowlog".to_owned())]));
    let sent = fake.requests().pop().unwrap();
    assert_eq!((sent.method.as_str(), sent.path.as_str()), ("PUT", "/captures/2024/07/flows.bin"));
    assert_eq!(sent.header("host").and_then(|h| h.split('.').next()), Some("flowlog-archive"));
    assert_eq!(sent.header("x-oss-forbid-overwrite"), Some("true"));
    assert_eq!(sent.header("x-oss-content-sha256"), Some("UNSIGNED-PAYLOAD"));

    let gate = fake.pause_downloads(2 << 20);
    let download = client.get_object().bucket("flowlog-archive").key(key).send();
    let mut got = timeout(GUARD, download).await.expect("the answer was handed over before its whole body").unwrap();
    assert_eq!(got.content_length, Some(SIZE as i64));
    assert_eq!(got.x_oss_meta.get("source").map(String::as_str), Some("flowlog"));
    assert!(got.e_tag.as_deref().is_some_and(|etag| etag.starts_with('"')), "{:?}", got.e_tag);
    let mut received = Vec::with_capacity(SIZE);
    while received.len() < FIRST {
        let chunk = timeout(GUARD, got.body.next_chunk()).await.expect("chunks arrive while the server waits");
        received.extend_from_slice(&chunk.expect("more body").unwrap());
    }
    assert!(received.len() <= 2 << 20, "the server has sent no more than 2 MiB yet");
    gate.open();
    while let Some(chunk) = timeout(GUARD, got.body.next_chunk()).await.expect("the rest arrives") {
        received.extend_from_slice(&chunk.unwrap());
    }
    assert!(received == *data, "the object read back is the one written");

    // Written once only: `x-oss-forbid-overwrite` makes the second put an OSS error document.
    let again = client
        .put_object()
        .bucket("flowlog-archive")
        .key(key)
        .x_oss_forbid_overwrite(true)
        .body(Bytes::from_static(b"v2"))
        .send()
        .await
        .unwrap_err();
    match again {
        SdkError::Service(oss::PutObjectError::Unhandled(e)) => {
            assert_eq!((e.code.as_str(), e.http_status), ("FileAlreadyExists", 409));
        }
        other => panic!("expected FileAlreadyExists, got {other:?}"),
    }
    match client.get_object().bucket("flowlog-archive").key("missing").send().await {
        Err(SdkError::Service(oss::GetObjectError::Unhandled(e))) => {
            assert_eq!((e.code.as_str(), e.http_status), ("NoSuchKey", 404));
            assert_eq!(e.message, "The specified key does not exist.");
        }
        other => panic!("expected NoSuchKey, got {:?}", other.map(|_| ())),
    }
}

/// XML both ways through generated types: `PutBucket`'s configuration and `ListObjectsV2`'s
/// result.
#[tokio::test]
async fn generated_oss_xml_bodies() {
    let fake = FakeOss::start(ACCESS_KEY_ID, SECRET, "cn-hangzhou").await.unwrap();
    let client = oss::Client::new(config(&fake.endpoint()));
    client
        .put_bucket()
        .bucket("flowlog-archive")
        // The published file references a `CreateBucketConfiguration` schema it does not hold, so
        // the generator types it as JSON (a warning at generation): written as XML all the same.
        .body(
            oss::PutBucketBody::default().create_bucket_configuration(serde_json::json!({"StorageClass": "Standard"})),
        )
        .send()
        .await
        .unwrap();
    let sent = fake.requests().pop().unwrap();
    assert_eq!(sent.header("content-type"), Some("application/xml"));
    assert_eq!(
        String::from_utf8(sent.body).unwrap(),
        r#"<?xml version="1.0" encoding="UTF-8"?><CreateBucketConfiguration><StorageClass>Standard</StorageClass></CreateBucketConfiguration>"#
    );
    for (key, size) in [("logs/a", 3), ("logs/b", 5), ("logs/c", 7), ("other", 1)] {
        client.put_object().bucket("flowlog-archive").key(key).body(vec![b'x'; size]).send().await.unwrap();
    }
    let page = client.list_objects_v2().bucket("flowlog-archive").prefix("logs/").max_keys(2).send().await.unwrap();
    let result = page.list_bucket_result.expect("a ListBucketResult");
    assert_eq!(result.name.as_deref(), Some("flowlog-archive"));
    assert_eq!((result.key_count, result.is_truncated), (Some(2), Some(true)));
    // `ObjectSummary` is another schema the file references without holding: JSON values.
    let keys: Vec<_> = result.contents.iter().map(|c| (c["Key"].clone(), c["Size"].clone())).collect();
    assert_eq!(keys, [("logs/a".into(), "3".into()), ("logs/b".into(), "5".into())]);
    let sent = fake.requests().pop().unwrap();
    assert_eq!(sent.query_param("list-type").as_deref(), Some("2"));
}

/// FC and the V3 products, from the corpus beside the repository: the shared ACS3 client with
/// paths, binary bodies and whole-path parameters. The fake checks every V3 signature.
#[cfg(styles_corpus)]
mod corpus {
    use alibabacloud_runtime::body::Bytes;
    use alibabacloud_runtime::test_util::{FakeResponse, FakeServer};
    use integration_tests::corpus::{cloudcontrol, fc, ocr_api};

    use super::{config, SECRET};

    #[tokio::test]
    async fn fc_invocations_send_and_stream_bytes() {
        let fake = FakeServer::start(SECRET, |_, call| {
            let mut echo = b"echo:".to_vec();
            echo.extend_from_slice(&call.body);
            FakeResponse::json(200, String::from_utf8(echo).unwrap())
                .with_header("content-type", "application/octet-stream")
        })
        .await
        .unwrap();
        let client = fc::Client::new(config(&fake.endpoint()));
        let mut answer = client
            .invoke_function()
            .function_name("flowlog-digest")
            .qualifier("LATEST")
            .x_fc_invocation_type("Sync")
            .body(Bytes::from_static(b"\x00\x01payload"))
            .send()
            .await
            .unwrap();
        let mut body = Vec::new();
        while let Some(chunk) = answer.body.next_chunk().await {
            body.extend_from_slice(&chunk.unwrap());
        }
        assert_eq!(body, b"echo:\x00\x01payload");
        let call = &fake.calls()[0];
        assert!(call.verification.is_ok(), "{:?}", call.verification);
        assert_eq!(
            (call.method.as_str(), call.path.as_str()),
            ("POST", "/2023-03-30/functions/flowlog-digest/invocations")
        );
        assert_eq!(call.query, "qualifier=LATEST");
        assert_eq!(call.header("x-fc-invocation-type"), Some("Sync"));
        assert_eq!(call.body, b"\x00\x01payload");
    }

    #[tokio::test]
    async fn cloud_control_takes_the_whole_path_and_v3_without_a_path_posts_to_the_root() {
        let fake = FakeServer::start(SECRET, |_, call| {
            if call.path.starts_with("/api/v1/") {
                FakeResponse::json(200, r#"{"requestId":"cc-1","totalCount":1,"resources":[{"resourceId":"vpc-1"}]}"#)
            } else {
                FakeResponse::json(200, r#"{"RequestId":"ocr-1","Data":{"Width":640,"Height":480}}"#)
            }
        })
        .await
        .unwrap();
        let client = cloudcontrol::Client::new(config(&fake.endpoint()));
        let page = client
            .get_resources()
            .request_path("/api/v1/providers/Aliyun/products/VPC/resources/VPC")
            .region_id("cn-hangzhou")
            .max_results(10)
            .send()
            .await
            .unwrap();
        assert_eq!((page.request_id.as_deref(), page.total_count), (Some("cc-1"), Some(1)));
        assert_eq!(page.resources.len(), 1);
        let call = &fake.calls()[0];
        assert!(call.verification.is_ok(), "{:?}", call.verification);
        assert_eq!(
            (call.method.as_str(), call.path.as_str()),
            ("GET", "/api/v1/providers/Aliyun/products/VPC/resources/VPC")
        );
        assert_eq!(
            call.query_pairs(),
            [("maxResults".to_owned(), "10".to_owned()), ("regionId".to_owned(), "cn-hangzhou".to_owned())]
        );

        // ocr-api lists `get` before `post`; an image body goes out with POST to `/`.
        let ocr = ocr_api::Client::new(config(&fake.endpoint()));
        let answer = ocr
            .recognize_all_text()
            .r#type("Advanced")
            .body(Bytes::from_static(b"\x89PNG fake image"))
            .send()
            .await
            .unwrap();
        assert_eq!(answer.envelope.request_id.as_deref(), Some("ocr-1"));
        let call = &fake.calls()[1];
        assert!(call.verification.is_ok(), "{:?}", call.verification);
        assert_eq!((call.method.as_str(), call.path.as_str()), ("POST", "/"));
        assert_eq!(call.header("x-acs-action"), Some("RecognizeAllText"));
        assert_eq!(call.param("Type").as_deref(), Some("Advanced"));
        assert_eq!(call.body, b"\x89PNG fake image");
    }
}

#[cfg(not(styles_corpus))]
#[test]
fn corpus_styles_skipped() {
    println!(
        "skipped: FC and V3 through generated code need the Alibaba Cloud corpus beside the repository (../shared/corpus/alibaba-api-docs-2024-07)"
    );
}
