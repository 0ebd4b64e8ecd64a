//! OSS over loopback: V4 signatures checked by `FakeOss`, streamed object bodies, XML.

use std::sync::Arc;
use std::time::Duration;

use alibabacloud_runtime::body::Body;
use alibabacloud_runtime::test_util::oss::FakeOss;
use alibabacloud_runtime::{SdkError, ServiceError};
use tokio::time::timeout;

use crate::support::*;

const BUCKET: &str = "flowlog-archive";
const SIZE: usize = 8 << 20;
const FIRST: usize = 1 << 20;
/// Only a guard against a hang (a client that buffers a whole body would wait forever below):
/// nothing here measures speed.
const GUARD: Duration = Duration::from_secs(120);

fn payload(len: usize) -> Vec<u8> {
    (0..len).map(|i| ((i as u64).wrapping_mul(2_654_435_761) >> 13) as u8).collect()
}

async fn started() -> (FakeOss, alibabacloud_runtime::Client) {
    let fake = FakeOss::start(ACCESS_KEY_ID, SECRET, "cn-hangzhou").await.unwrap();
    fake.create_bucket(BUCKET);
    let client = client(&fake.endpoint(), SECRET);
    (fake, client)
}

fn put_request(key: &str) -> PutObjectRequest {
    PutObjectRequest { bucket: Some(BUCKET.into()), key: Some(key.into()), ..PutObjectRequest::default() }
}

/// The upload's producer yields the first MiB, then waits until the server has received it
/// before producing the rest: a client that read the whole stream before sending would never
/// finish. The download's server sends 2 MiB and then waits until the test, having read the first
/// MiB through the stream, opens the gate: a client that read the whole answer before handing
/// it over would never finish either.
#[tokio::test]
async fn an_8_mib_object_streams_up_and_down_without_whole_buffering() {
    let (fake, client) = started().await;
    let data = Arc::new(payload(SIZE));
    let stream = gated_upload(data.clone(), FIRST, fake.upload_progress());
    let key = "captures/2024/07/flows.bin";
    let mut request = put_request(key);
    request.meta.insert("source".into(), "flowlog".into());
    let upload = client.call_with_body::<_, Empty, ServiceError>(
        &PUT_OBJECT,
        &PUT_OBJECT_BINDING,
        &request,
        Body::from_stream(stream, Some(SIZE as u64)),
    );
    let put = timeout(GUARD, upload).await.expect("the upload did not wait for the whole stream").unwrap();
    assert_eq!(put.status, 200);
    let etag = put.headers.get("etag").unwrap().to_owned();
    assert_eq!(fake.object(BUCKET, key).as_deref(), Some(&*data));
    assert_eq!(fake.object_meta(BUCKET, key), Some(vec![("source".to_owned(), "flowlog".to_owned())]));
    let sent = fake.requests().pop().unwrap();
    assert_eq!(sent.path, "/captures/2024/07/flows.bin");
    assert_eq!(sent.header("content-length"), Some("8388608"));
    assert_eq!(sent.header("content-type"), Some("application/octet-stream"));
    assert_eq!(sent.header("x-oss-content-sha256"), Some("UNSIGNED-PAYLOAD"));
    assert!(sent
        .header("authorization")
        .unwrap()
        .starts_with(&format!("OSS4-HMAC-SHA256 Credential={ACCESS_KEY_ID}/")));

    let gate = fake.pause_downloads(2 << 20);
    let get = GetObjectRequest { bucket: Some(BUCKET.into()), key: Some(key.into()) };
    let download = client.call_streaming::<_, ServiceError>(&GET_OBJECT, &GET_OBJECT_BINDING, &get, None);
    let output = timeout(GUARD, download).await.expect("the answer was handed over before its whole body").unwrap();
    assert_eq!(output.headers.get("etag"), Some(etag.as_str()));
    assert_eq!(output.headers.parse::<usize>("content-length"), Some(SIZE));
    assert_eq!(output.headers.get("x-oss-meta-source"), Some("flowlog"));
    let mut stream = output.value;
    let mut received = Vec::with_capacity(SIZE);
    while received.len() < FIRST {
        let chunk = timeout(GUARD, stream.next_chunk()).await.expect("chunks arrive while the server waits");
        received.extend_from_slice(&chunk.expect("more body").unwrap());
    }
    assert!(received.len() <= 2 << 20, "the server has sent no more than 2 MiB yet");
    gate.open();
    while let Some(chunk) = timeout(GUARD, stream.next_chunk()).await.expect("the rest arrives") {
        received.extend_from_slice(&chunk.unwrap());
    }
    assert!(received == *data, "the object read back is the one written");
}

#[tokio::test]
async fn xml_bodies_create_buckets_and_list_objects() {
    let (fake, client) = started().await;
    let create = PutBucketRequest {
        bucket: Some("new-bucket".into()),
        body: Some(serde_json::json!({"CreateBucketConfiguration": {"StorageClass": "Standard"}})),
    };
    client.call::<_, Empty, ServiceError>(&PUT_BUCKET, &OSS_XML, &create).await.unwrap();
    let sent = fake.requests().pop().unwrap();
    assert_eq!(sent.header("host").map(|h| h.split('.').next().unwrap()), Some("new-bucket"));
    assert_eq!(sent.header("content-type"), Some("application/xml"));
    assert_eq!(
        String::from_utf8(sent.body.clone()).unwrap(),
        r#"<?xml version="1.0" encoding="UTF-8"?><CreateBucketConfiguration><StorageClass>Standard</StorageClass></CreateBucketConfiguration>"#
    );
    assert!(sent.header("content-md5").is_some_and(|md5| md5.len() == 24 && md5.ends_with("==")));
    let again = client.call::<_, Empty, ServiceError>(&PUT_BUCKET, &OSS_XML, &create).await.unwrap_err();
    assert_eq!(again.service_error().map(|e| (e.code.as_str(), e.http_status)), Some(("BucketAlreadyExists", 409)));

    for (key, size) in [("logs/a", 3), ("logs/b", 5), ("logs/c", 7), ("other", 1)] {
        let body = Body::from(vec![b'x'; size]);
        client
            .call_with_body::<_, Empty, ServiceError>(&PUT_OBJECT, &PUT_OBJECT_BINDING, &put_request(key), body)
            .await
            .unwrap();
    }
    let list = ListObjectsV2Request { bucket: Some(BUCKET.into()), prefix: Some("logs/".into()), max_keys: Some(2) };
    let output =
        client.call::<_, ListObjectsV2Response, ServiceError>(&LIST_OBJECTS_V2, &OSS_XML, &list).await.unwrap();
    let result = output.value.result.expect("a ListBucketResult");
    assert_eq!(result.name.as_deref(), Some(BUCKET));
    assert_eq!((result.key_count, result.is_truncated), (Some(2), Some(true)));
    let keys: Vec<_> = result.contents.iter().map(|c| (c.key.clone().unwrap(), c.size.unwrap())).collect();
    assert_eq!(keys, [("logs/a".to_owned(), 3), ("logs/b".to_owned(), 5)]);
    let sent = fake.requests().pop().unwrap();
    assert_eq!(sent.query_param("list-type").as_deref(), Some("2"));
    assert_eq!(sent.query_param("prefix").as_deref(), Some("logs/"));
}

#[tokio::test]
async fn oss_error_documents_are_read() {
    let (fake, client) = started().await;
    let get = GetObjectRequest { bucket: Some(BUCKET.into()), key: Some("missing".into()) };
    match client.call_streaming::<_, ServiceError>(&GET_OBJECT, &GET_OBJECT_BINDING, &get, None).await {
        Err(SdkError::Service(e)) => {
            assert_eq!((e.code.as_str(), e.http_status), ("NoSuchKey", 404));
            assert_eq!(e.message, "The specified key does not exist.");
            assert!(e.request_id.as_deref().is_some_and(|id| id.starts_with("fake-oss-")));
            assert!(e.body.contains("<EC>0000-00000000</EC>"));
        }
        other => panic!("expected NoSuchKey, got {other:?}"),
    }
    let mut once = put_request("kept");
    once.forbid_overwrite = Some(true);
    let body = || Body::from(b"v1".to_vec());
    client.call_with_body::<_, Empty, ServiceError>(&PUT_OBJECT, &PUT_OBJECT_BINDING, &once, body()).await.unwrap();
    let error = client
        .call_with_body::<_, Empty, ServiceError>(&PUT_OBJECT, &PUT_OBJECT_BINDING, &once, body())
        .await
        .unwrap_err();
    assert_eq!(error.service_error().map(|e| e.code.as_str()), Some("FileAlreadyExists"));
    let wrong = crate::support::client(&fake.endpoint(), "not-the-secret");
    let error =
        wrong.call_streaming::<_, ServiceError>(&GET_OBJECT, &GET_OBJECT_BINDING, &get, None).await.unwrap_err();
    assert_eq!(error.service_error().map(|e| (e.code.as_str(), e.http_status)), Some(("SignatureDoesNotMatch", 403)));
}
