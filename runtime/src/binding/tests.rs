//! Request building for representative operations of each protocol, written by hand as the
//! static descriptions the generator emits (paths, parameters and locations as in the 2024
//! metadata; the runtime's own tests cannot depend on generated code).

use std::time::{Duration, UNIX_EPOCH};

use serde_json::json;

use super::*;
use crate::credentials::Credentials;
use crate::operation::{Location, Method, Operation, ParamSpec, Style};
use crate::sign::{self, ReceivedRequest};

static SLS: Service = Service {
    product: "Sls",
    version: "2020-12-30",
    endpoint_prefix: "sls",
    endpoints: &[("cn-hangzhou", "cn-hangzhou.log.aliyuncs.com")],
};
static OSS: Service = Service { product: "Oss", version: "2019-05-17", endpoint_prefix: "oss", endpoints: &[] };
static PDS: Service = Service { product: "pds", version: "2022-03-01", endpoint_prefix: "pds", endpoints: &[] };
static FC: Service = Service {
    product: "FC",
    version: "2023-03-30",
    endpoint_prefix: "fc",
    endpoints: &[("cn-hangzhou", "fcv3.cn-hangzhou.aliyuncs.com")],
};
static CLOUDCONTROL: Service =
    Service { product: "cloudcontrol", version: "2022-08-30", endpoint_prefix: "cloudcontrol", endpoints: &[] };

const fn param(name: &'static str, location: Location) -> ParamSpec {
    ParamSpec::new(name, location, Style::Simple)
}

static GET_LOGS: Operation = Operation {
    service: &SLS,
    action: "GetLogs",
    method: Method::Get,
    path: "/logstores/{logstore}?type=log",
    client_token: None,
    params: &[
        param("project", Location::Host),
        param("logstore", Location::Path),
        param("from", Location::Query),
        param("to", Location::Query),
        param("query", Location::Query),
        param("line", Location::Query),
        param("reverse", Location::Query),
    ],
};
static GET_LOGS_BINDING: Binding = Binding::new(Protocol::Sls, BodyFormat::None, BodyFormat::Json);

static CREATE_LOG_STORE: Operation = Operation {
    service: &SLS,
    action: "CreateLogStore",
    method: Method::Post,
    path: "/logstores",
    client_token: None,
    params: &[param("project", Location::Host), ParamSpec::new("body", Location::JsonBody, Style::Json)],
};
static SLS_JSON: Binding = Binding::new(Protocol::Sls, BodyFormat::Json, BodyFormat::None);

static PUT_BUCKET: Operation = Operation {
    service: &OSS,
    action: "PutBucket",
    method: Method::Put,
    path: "/",
    client_token: None,
    params: &[param("bucket", Location::Host), param("x-oss-acl", Location::Header), param("body", Location::JsonBody)],
};
static OSS_XML: Binding = Binding::new(Protocol::Oss, BodyFormat::Xml, BodyFormat::Xml);

static GET_OBJECT: Operation = Operation {
    service: &OSS,
    action: "GetObject",
    method: Method::Get,
    path: "/{key}",
    client_token: None,
    params: &[
        param("bucket", Location::Host),
        param("key", Location::Path),
        param("response-content-type", Location::Query),
        param("Range", Location::Header),
    ],
};
static OSS_BINARY_ANSWER: Binding = Binding::new(Protocol::Oss, BodyFormat::None, BodyFormat::Binary);

static PUT_OBJECT: Operation = Operation {
    service: &OSS,
    action: "PutObject",
    method: Method::Put,
    path: "/{key}",
    client_token: None,
    params: &[
        param("bucket", Location::Host),
        param("key", Location::Path),
        param("x-oss-meta-*", Location::Header),
        param("x-oss-forbid-overwrite", Location::Header),
    ],
};
static OSS_UPLOAD: Binding = Binding::new(Protocol::Oss, BodyFormat::Binary, BodyFormat::None);

static LIST_OBJECTS_V2: Operation = Operation {
    service: &OSS,
    action: "ListObjectsV2",
    method: Method::Get,
    path: "/?list-type=2",
    client_token: None,
    params: &[param("bucket", Location::Host), param("prefix", Location::Query), param("max-keys", Location::Query)],
};

static GET_DRIVE: Operation = Operation {
    service: &PDS,
    action: "GetDrive",
    method: Method::Post,
    path: "/v2/drive/get",
    client_token: None,
    params: &[param("domain_id", Location::Host), ParamSpec::new("body", Location::JsonBody, Style::Json)],
};
static PDS_JSON: Binding = Binding::new(Protocol::Pds, BodyFormat::Json, BodyFormat::Json);

static INVOKE_FUNCTION: Operation = Operation {
    service: &FC,
    action: "InvokeFunction",
    method: Method::Post,
    path: "/2023-03-30/functions/{functionName}/invocations",
    client_token: None,
    params: &[
        param("functionName", Location::Path),
        param("qualifier", Location::Query),
        param("x-fc-invocation-type", Location::Header),
    ],
};
static ACS3_BINARY: Binding = Binding::new(Protocol::Acs3, BodyFormat::Binary, BodyFormat::Binary);

static GET_RESOURCES: Operation = Operation {
    service: &CLOUDCONTROL,
    action: "GetResources",
    method: Method::Get,
    path: "/api/v1/providers/{provider}/products/{product}/resources/*",
    client_token: None,
    params: &[
        param("requestPath", Location::Path),
        param("regionId", Location::Query),
        ParamSpec::new("filter", Location::Query, Style::Json),
    ],
};

fn prepared(op: &Operation, binding: &Binding, request: serde_json::Value, target: &Target) -> PreparedRequest {
    prepare(op, binding, request::encode_value(op, binding, request).unwrap(), target).unwrap()
}

fn sls_target() -> Target {
    Target::https(Protocol::Sls.endpoint_for(&SLS, "cn-hangzhou"))
}

fn headers_of(prepared: &PreparedRequest, signed: &[(&'static str, String)]) -> Vec<(String, String)> {
    let mut all = prepared.headers.clone();
    all.extend(signed.iter().map(|(k, v)| ((*k).to_owned(), v.clone())));
    all
}

fn raw_query(prepared: &PreparedRequest) -> String {
    sign::canonical_query(&prepared.query)
}

#[test]
fn sls_get_logs_puts_the_project_in_the_host_and_the_fragment_in_the_query() {
    let request = json!({
        "project": "ali-test-project", "logstore": "flow-log", "from": 1_627_268_185, "to": 1_627_269_085,
        "query": "srcaddr: 10.0.0.1", "line": 100, "reverse": false,
    });
    let prepared = prepared(&GET_LOGS, &GET_LOGS_BINDING, request, &sls_target());
    assert_eq!(prepared.url(), "https://ali-test-project.cn-hangzhou.log.aliyuncs.com/logstores/flow-log?from=1627268185&line=100&query=srcaddr%3A%2010.0.0.1&reverse=false&to=1627269085&type=log");
    assert_eq!(prepared.host, "ali-test-project.cn-hangzhou.log.aliyuncs.com");
    assert_eq!(prepared.authority, prepared.host);
    assert_eq!(
        prepared.headers,
        [
            ("host".to_owned(), "ali-test-project.cn-hangzhou.log.aliyuncs.com".to_owned()),
            ("accept".into(), "application/json".into()),
            ("x-log-apiversion".into(), "0.6.0".into()),
            ("x-log-bodyrawsize".into(), "0".into()),
        ]
    );
    assert!(prepared.body.is_empty());

    let credentials = Credentials::new("id", "secret");
    let date = UNIX_EPOCH + Duration::from_secs(1_661_256_723);
    let signed = sign_request(Protocol::Sls, &prepared, &credentials, "cn-hangzhou", date, "unused");
    let expected = sign::sls::sign(
        &sign::sls::SignableRequest {
            method: "GET",
            path: "/logstores/flow-log",
            query: &prepared.query,
            headers: &prepared.headers,
            body: b"",
        },
        &credentials,
        sign::sls::SignatureMethod::HmacSha256,
        date,
    );
    assert_eq!(signed, expected.headers);
    assert!(expected.string_to_sign.ends_with(
        "\n/logstores/flow-log?from=1627268185&line=100&query=srcaddr: 10.0.0.1&reverse=false&to=1627269085&type=log"
    ));
    let headers = headers_of(&prepared, &signed);
    let query = raw_query(&prepared);
    let received = ReceivedRequest { method: "GET", path: &prepared.path, query: &query, headers: &headers, body: b"" };
    assert_eq!(sign::sls::verify(&received, "secret").map(|v| v.access_key_id), Ok("id".to_owned()));
}

#[test]
fn sls_json_body_is_sent_with_its_size_and_md5() {
    let request = json!({"project": "p", "body": {"logstoreName": "flow-log", "ttl": 30, "shardCount": 2}});
    let prepared = prepared(&CREATE_LOG_STORE, &SLS_JSON, request, &sls_target());
    let body = br#"{"logstoreName":"flow-log","ttl":30,"shardCount":2}"#;
    assert_eq!(prepared.body, body);
    assert_eq!(prepared.header("content-type"), Some("application/json"));
    assert_eq!(prepared.header("x-log-bodyrawsize"), Some(body.len().to_string().as_str()));
    let signed = sign_request(Protocol::Sls, &prepared, &Credentials::new("id", "s"), "cn-hangzhou", UNIX_EPOCH, "");
    let md5 = signed.iter().find(|(k, _)| *k == "content-md5").map(|(_, v)| v.as_str());
    assert_eq!(md5, Some(sign::sls::content_md5(body).as_str()));
}

#[test]
fn oss_put_bucket_sends_xml_with_content_md5() {
    let request = json!({
        "bucket": "examplebucket", "x-oss-acl": "private",
        "body": {"CreateBucketConfiguration": {"StorageClass": "Standard"}},
    });
    let target = Target::https(Protocol::Oss.endpoint_for(&OSS, "cn-hangzhou"));
    let prepared = prepared(&PUT_BUCKET, &OSS_XML, request, &target);
    assert_eq!(prepared.url(), "https://examplebucket.oss-cn-hangzhou.aliyuncs.com/");
    let xml = format!(
        "{}<CreateBucketConfiguration><StorageClass>Standard</StorageClass></CreateBucketConfiguration>",
        crate::xml::DECLARATION
    );
    assert_eq!(String::from_utf8(prepared.body.clone()).unwrap(), xml);
    assert_eq!(prepared.header("content-type"), Some("application/xml"));
    assert_eq!(prepared.header("content-md5"), Some(sign::base64(&md5::Md5::digest(xml.as_bytes())).as_str()));
    assert_eq!(prepared.header("x-oss-acl"), Some("private"));

    let date = UNIX_EPOCH + Duration::from_secs(1_702_743_657);
    let signed = sign_request(Protocol::Oss, &prepared, &Credentials::new("ak", "sk"), "cn-hangzhou", date, "");
    let headers = headers_of(&prepared, &signed);
    let received = ReceivedRequest { method: "PUT", path: "/", query: "", headers: &headers, body: &prepared.body };
    let verified = sign::oss::verify(&received, Some("examplebucket"), "sk").unwrap();
    assert_eq!(
        verified.signed_headers,
        ["content-md5", "content-type", "x-oss-acl", "x-oss-content-sha256", "x-oss-date"]
    );
}

use md5::Digest as _;

#[test]
fn oss_get_object_keeps_the_slashes_of_the_key() {
    let request = json!({
        "bucket": "b", "key": "dir/a b+c.txt", "response-content-type": "text/plain", "Range": "bytes=0-9",
    });
    let prepared = prepared(&GET_OBJECT, &OSS_BINARY_ANSWER, request, &Target::https("oss-cn-hangzhou.aliyuncs.com"));
    assert_eq!(
        prepared.url(),
        "https://b.oss-cn-hangzhou.aliyuncs.com/dir/a%20b%2Bc.txt?response-content-type=text%2Fplain"
    );
    assert_eq!(prepared.raw_path, "/dir/a b+c.txt");
    assert_eq!(prepared.header("Range"), Some("bytes=0-9"));
    let signed = sign_request(Protocol::Oss, &prepared, &Credentials::new("ak", "sk"), "cn-hangzhou", UNIX_EPOCH, "");
    let headers = headers_of(&prepared, &signed);
    let query = raw_query(&prepared);
    let received = ReceivedRequest { method: "GET", path: &prepared.path, query: &query, headers: &headers, body: b"" };
    assert!(sign::oss::verify(&received, Some("b"), "sk").is_ok());
}

#[test]
fn oss_put_object_expands_user_metadata_and_streams() {
    let request = json!({
        "bucket": "b", "key": "big.bin", "x-oss-meta-*": {"owner": "me", "n": 1}, "x-oss-forbid-overwrite": true,
    });
    let mut styled = request::encode_value(&PUT_OBJECT, &OSS_UPLOAD, request).unwrap();
    styled.stream = Some(Some(8 << 20));
    let prepared = prepare(&PUT_OBJECT, &OSS_UPLOAD, styled, &Target::https("oss-cn-hangzhou.aliyuncs.com")).unwrap();
    assert!(prepared.streamed);
    assert!(prepared.body.is_empty());
    assert_eq!(prepared.header("content-type"), Some("application/octet-stream"));
    assert_eq!(prepared.header("content-length"), Some("8388608"));
    assert_eq!(prepared.header("x-oss-meta-owner"), Some("me"));
    assert_eq!(prepared.header("x-oss-meta-n"), Some("1"));
    assert_eq!(prepared.header("x-oss-forbid-overwrite"), Some("true"));
    let signed = sign_request(Protocol::Oss, &prepared, &Credentials::new("ak", "sk"), "cn-hangzhou", UNIX_EPOCH, "");
    assert!(signed.iter().any(|(k, v)| *k == "x-oss-content-sha256" && v == "UNSIGNED-PAYLOAD"));
}

#[test]
fn oss_path_fragment_yields_to_a_parameter() {
    let request = json!({"bucket": "b", "prefix": "logs/", "max-keys": 100});
    let prepared = prepared(&LIST_OBJECTS_V2, &OSS_XML, request, &Target::https("oss-cn-hangzhou.aliyuncs.com"));
    assert_eq!(prepared.url(), "https://b.oss-cn-hangzhou.aliyuncs.com/?list-type=2&max-keys=100&prefix=logs%2F");
    assert_eq!(sign::oss::canonical_query(&prepared.query), "list-type=2&max-keys=100&prefix=logs%2F");
}

#[test]
fn loopback_endpoints_keep_the_address_and_send_the_virtual_host() {
    let target = Target { scheme: "http".into(), authority: "127.0.0.1:8080".into(), base_path: String::new() };
    assert!(target.is_address());
    assert!(Target::https("[::1]:443").is_address());
    assert!(Target::https("localhost").is_address());
    assert!(!Target::https("cn-hangzhou.log.aliyuncs.com").is_address());
    let request = json!({"project": "p", "logstore": "s", "from": 1, "to": 2});
    let prepared = prepared(&GET_LOGS, &GET_LOGS_BINDING, request, &target);
    assert_eq!(prepared.authority, "127.0.0.1:8080");
    assert_eq!(prepared.host, "p.127.0.0.1:8080");
    assert!(prepared.url().starts_with("http://127.0.0.1:8080/logstores/s?"));
}

#[test]
fn pds_ignores_the_domain_host_parameter_and_signs_roa() {
    let request = json!({"domain_id": "bj1", "body": {"drive_id": "1"}});
    let target = Target::https("bj1.api.aliyunpds.com");
    let prepared = prepared(&GET_DRIVE, &PDS_JSON, request, &target);
    assert_eq!(prepared.url(), "https://bj1.api.aliyunpds.com/v2/drive/get");
    assert_eq!(prepared.body, br#"{"drive_id":"1"}"#);
    assert_eq!(prepared.header("content-type"), Some("application/json; charset=utf-8"));
    assert_eq!(prepared.header("x-acs-action"), Some("GetDrive"));
    let signed = sign_request(Protocol::Pds, &prepared, &Credentials::new("id", "s"), "", UNIX_EPOCH, "nonce");
    let headers = headers_of(&prepared, &signed);
    let received = ReceivedRequest { method: "POST", path: "/v2/drive/get", query: "", headers: &headers, body: b"" };
    assert!(sign::roa::verify(&received, "s").is_ok());
    assert_eq!(Protocol::Pds.endpoint_for(&PDS, "cn-hangzhou"), "api.aliyunpds.com");
}

#[test]
fn acs3_binary_body_is_hashed_into_the_v3_signature() {
    let request = json!({"functionName": "my fn", "qualifier": "LATEST", "x-fc-invocation-type": "Sync"});
    let mut styled = request::encode_value(&INVOKE_FUNCTION, &ACS3_BINARY, request).unwrap();
    styled.body = Some((b"payload".to_vec(), "application/octet-stream"));
    let target = Target::https(Protocol::Acs3.endpoint_for(&FC, "cn-hangzhou"));
    let prepared = prepare(&INVOKE_FUNCTION, &ACS3_BINARY, styled, &target).unwrap();
    assert_eq!(
        prepared.url(),
        "https://fcv3.cn-hangzhou.aliyuncs.com/2023-03-30/functions/my%20fn/invocations?qualifier=LATEST"
    );
    assert_eq!(prepared.header("x-fc-invocation-type"), Some("Sync"));
    let signed = sign_request(Protocol::Acs3, &prepared, &Credentials::new("id", "s"), "", UNIX_EPOCH, "n");
    let hash = signed.iter().find(|(k, _)| *k == "x-acs-content-sha256").map(|(_, v)| v.clone());
    assert_eq!(hash, Some(sign::hex_sha256(b"payload")));
    let headers = headers_of(&prepared, &signed);
    let query = raw_query(&prepared);
    let received =
        ReceivedRequest { method: "POST", path: &prepared.path, query: &query, headers: &headers, body: b"payload" };
    assert!(sign::verify(&received, "s").is_ok());
}

#[test]
fn a_path_parameter_outside_the_template_is_the_whole_path() {
    let request = json!({
        "requestPath": "/api/v1/providers/Aliyun/products/VPC/resources/VPC", "regionId": "cn-hangzhou",
        "filter": {"VpcName": "a"},
    });
    let binding = Binding::ACS3_JSON;
    let prepared = prepared(&GET_RESOURCES, &binding, request, &Target::https("cloudcontrol.aliyuncs.com"));
    assert_eq!(prepared.path, "/api/v1/providers/Aliyun/products/VPC/resources/VPC");
    assert_eq!(
        prepared.query,
        [("regionId".to_owned(), "cn-hangzhou".to_owned()), ("filter".into(), r#"{"VpcName":"a"}"#.into())]
    );
}

#[test]
fn construction_errors_are_clear() {
    let missing = request::encode_value(&GET_LOGS, &GET_LOGS_BINDING, json!({"project": "p"})).unwrap();
    let error = prepare(&GET_LOGS, &GET_LOGS_BINDING, missing, &sls_target()).unwrap_err();
    assert_eq!(error.message(), "path parameter `logstore` has no value");
    let unknown = request::encode_value(&GET_LOGS, &GET_LOGS_BINDING, json!({"nope": 1})).unwrap_err();
    assert_eq!(unknown.message(), "`nope` is not a parameter of GetLogs");
    let meta = request::encode_value(&PUT_OBJECT, &OSS_UPLOAD, json!({"x-oss-meta-*": "flat"})).unwrap_err();
    assert_eq!(meta.message(), "header parameter `x-oss-meta-*` must be an object");
    let binary = request::encode_value(&CREATE_LOG_STORE, &OSS_UPLOAD, json!({"body": {}})).unwrap_err();
    assert_eq!(binary.message(), "body parameter `body` has no request format (binary bodies are passed as a Body)");
}

#[test]
fn errors_are_read_the_way_each_gateway_reads_them() {
    let headers = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).to_owned())
    };
    let sls = Protocol::Sls.parse_error(
        404,
        &headers(&[("x-log-requestid", "sls-1")]),
        br#"{"errorCode":"LogStoreNotExist","errorMessage":"logstore flow-log does not exist"}"#,
    );
    assert_eq!(
        (sls.code.as_str(), sls.message.as_str(), sls.request_id.as_deref()),
        ("LogStoreNotExist", "logstore flow-log does not exist", Some("sls-1"))
    );
    let quota = Protocol::Sls.parse_error(403, &headers(&[]), br#"{"errorCode":"ReadQuotaExceed","errorMessage":"x"}"#);
    assert!(Protocol::Sls.is_retryable(&quota));
    assert!(!Protocol::Acs3.is_retryable(&quota));
    let oss = Protocol::Oss.parse_error(
        404,
        &headers(&[("x-oss-request-id", "oss-1")]),
        b"<Error><Code>NoSuchBucket</Code><Message>gone</Message></Error>",
    );
    assert_eq!((oss.code.as_str(), oss.request_id.as_deref()), ("NoSuchBucket", Some("oss-1")));
    let pds = Protocol::Pds.parse_error(
        400,
        &headers(&[("x-ca-request-id", "pds-1")]),
        br#"{"code":"InvalidParameter","message":"m"}"#,
    );
    assert_eq!((pds.code.as_str(), pds.request_id.as_deref()), ("InvalidParameter", Some("pds-1")));
    let acs3 = Protocol::Acs3.parse_error(503, &headers(&[("x-acs-retry-after", "1500")]), br#"{"Code":"Throttling"}"#);
    assert_eq!(acs3.retry_after, Some(Duration::from_millis(1500)));
}

#[test]
fn endpoints_follow_each_protocol() {
    assert_eq!(Protocol::Sls.endpoint_for(&SLS, "cn-hangzhou"), "cn-hangzhou.log.aliyuncs.com");
    assert_eq!(Protocol::Sls.endpoint_for(&SLS, "eu-west-1"), "eu-west-1.log.aliyuncs.com");
    assert_eq!(Protocol::Oss.endpoint_for(&OSS, "eu-west-1"), "oss-eu-west-1.aliyuncs.com");
    assert_eq!(Protocol::Acs3.endpoint_for(&FC, "cn-hangzhou"), "fcv3.cn-hangzhou.aliyuncs.com");
    assert_eq!(Protocol::Acs3.endpoint_for(&FC, "eu-west-1"), "fc.eu-west-1.aliyuncs.com");
}

#[test]
fn bodies_decode_by_format() {
    #[derive(serde::Deserialize, Debug, PartialEq, Default)]
    #[serde(default)]
    struct Empty {}
    assert_eq!(decode_body::<Vec<serde_json::Value>>(BodyFormat::Json, 200, br#"[{"a":"1"}]"#).unwrap().len(), 1);
    assert_eq!(decode_body::<Empty>(BodyFormat::Json, 200, b"  ").unwrap(), Empty {});
    assert_eq!(decode_body::<Empty>(BodyFormat::None, 204, b"ignored").unwrap(), Empty {});
    assert_eq!(decode_body::<String>(BodyFormat::Text, 200, br#"{"Version":"1"}"#).unwrap(), r#"{"Version":"1"}"#);
    let xml = decode_body::<serde_json::Value>(BodyFormat::Xml, 200, b"<a><b>x</b><b>y</b></a>").unwrap();
    assert_eq!(xml, serde_json::json!({"a": {"b": ["x", "y"]}}));
    let error = decode_body::<Empty>(BodyFormat::Xml, 200, b"<a><b>x</a>").unwrap_err();
    assert_eq!(error.http_status, 200);
    assert!(error.source.to_string().starts_with("XML: "), "{}", error.source);
    let error = decode_body::<Vec<u32>>(BodyFormat::Xml, 200, b"<a><b>x</b></a>").unwrap_err();
    assert_eq!(error.source.to_string(), "invalid type: map, expected a sequence");
}
