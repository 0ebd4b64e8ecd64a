//! Hand-written static descriptions of SLS and OSS operations, their request, response and error
//! types (serde types, for the runtime's `Client::call` family), and the client configuration and
//! upload stream the tests share.

use std::time::Duration;

use alibabacloud_runtime::binding::{Binding, BodyFormat, Protocol};
use alibabacloud_runtime::{
    Client, Config, Credentials, Location, Method, Operation, OperationError, ParamSpec, RetryConfig, Service,
    ServiceError, Style, Validate,
};
use serde::{Deserialize, Serialize};

pub const ACCESS_KEY_ID: &str = "LTAI-styles-id";
pub const SECRET: &str = "styles-secret";

/// The configuration for `endpoint` with the test credentials and quick retries.
pub fn config(endpoint: &str, secret: &str) -> Config {
    Config::builder()
        .region("cn-hangzhou")
        .credentials(Credentials::new(ACCESS_KEY_ID, secret))
        .endpoint(endpoint)
        .retry(RetryConfig::default().with_max_attempts(2).with_base_delay(Duration::from_millis(5)))
        .read_timeout(Duration::from_secs(60))
        .build()
        .expect("the configuration is valid")
}

/// A runtime client with [`config`].
pub fn client(endpoint: &str, secret: &str) -> Client {
    Client::new(config(endpoint, secret))
}

/// `data` as a stream of chunks that yields the first `first` bytes, then waits until `progress`
/// (the server's count of bytes received) has reached them before producing the rest: a client
/// that read the whole stream before sending would never finish.
pub fn gated_upload(
    data: std::sync::Arc<Vec<u8>>,
    first: usize,
    progress: std::sync::Arc<alibabacloud_runtime::test_util::http::Progress>,
) -> impl futures_util::Stream<Item = Result<alibabacloud_runtime::body::Bytes, std::io::Error>> + Send + 'static {
    let size = data.len();
    futures_util::stream::unfold(0usize, move |sent| {
        let (source, progress) = (data.clone(), progress.clone());
        async move {
            if sent == size {
                return None;
            }
            if sent == first {
                progress.reached(first as u64).await;
            }
            let end = if sent < first { first } else { (sent + 256 * 1024).min(size) };
            Some((Ok(alibabacloud_runtime::body::Bytes::copy_from_slice(&source[sent..end])), end))
        }
    })
}

const fn param(name: &'static str, location: Location) -> ParamSpec {
    ParamSpec::new(name, location, Style::Simple)
}

pub static SLS: Service = Service {
    product: "Sls",
    version: "2020-12-30",
    endpoint_prefix: "sls",
    endpoints: &[("cn-hangzhou", "cn-hangzhou.log.aliyuncs.com")],
};

pub static GET_LOGS: Operation = Operation {
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
        param("topic", Location::Query),
        param("line", Location::Query),
        param("offset", Location::Query),
        param("reverse", Location::Query),
        param("powerSql", Location::Query),
    ],
};
pub static GET_LOGS_BINDING: Binding = Binding::new(Protocol::Sls, BodyFormat::None, BodyFormat::Json);

/// GetLogs' request, as the generator writes requests.
#[derive(Debug, Clone, Default, Serialize, Validate)]
pub struct GetLogsRequest {
    #[serde(rename = "project", skip_serializing_if = "Option::is_none")]
    #[validate(wire = "project", required)]
    pub project: Option<String>,
    #[serde(rename = "logstore", skip_serializing_if = "Option::is_none")]
    #[validate(wire = "logstore", required)]
    pub logstore: Option<String>,
    #[serde(rename = "from", skip_serializing_if = "Option::is_none")]
    #[validate(wire = "from", required)]
    pub from: Option<i32>,
    #[serde(rename = "to", skip_serializing_if = "Option::is_none")]
    #[validate(wire = "to", required)]
    pub to: Option<i32>,
    #[serde(rename = "query", skip_serializing_if = "Option::is_none")]
    #[validate(wire = "query")]
    pub query: Option<String>,
    #[serde(rename = "line", skip_serializing_if = "Option::is_none")]
    #[validate(wire = "line", range(min = 0, max = 100))]
    pub line: Option<i64>,
    #[serde(rename = "offset", skip_serializing_if = "Option::is_none")]
    #[validate(wire = "offset")]
    pub offset: Option<i64>,
    #[serde(rename = "reverse", skip_serializing_if = "Option::is_none")]
    #[validate(wire = "reverse")]
    pub reverse: Option<bool>,
}

/// GetLogs' answer: the records (a top-level JSON array), and what its headers say.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GetLogsResponse {
    pub logs: Vec<std::collections::BTreeMap<String, String>>,
    pub progress: Option<String>,
    pub count: Option<i64>,
    pub request_id: Option<String>,
}

/// GetLogs' errors, as the generator writes error enums.
#[derive(Debug)]
pub enum GetLogsError {
    LogStoreNotExist(ServiceError),
    ParameterInvalid(ServiceError),
    Unhandled(ServiceError),
}

impl std::fmt::Display for GetLogsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.service_error().fmt(f)
    }
}

impl std::error::Error for GetLogsError {}

impl OperationError for GetLogsError {
    fn from_service_error(error: ServiceError) -> Self {
        match error.code() {
            "LogStoreNotExist" => Self::LogStoreNotExist(error),
            "ParameterInvalid" => Self::ParameterInvalid(error),
            _ => Self::Unhandled(error),
        }
    }

    fn service_error(&self) -> &ServiceError {
        match self {
            Self::LogStoreNotExist(e) | Self::ParameterInvalid(e) | Self::Unhandled(e) => e,
        }
    }
}

/// What a generated `get_logs` method does with the runtime.
pub async fn get_logs(
    client: &Client,
    request: &GetLogsRequest,
) -> Result<GetLogsResponse, alibabacloud_runtime::SdkError<GetLogsError>> {
    let output = client
        .call::<_, Vec<std::collections::BTreeMap<String, String>>, GetLogsError>(&GET_LOGS, &GET_LOGS_BINDING, request)
        .await?;
    Ok(GetLogsResponse {
        progress: output.headers.get("x-log-progress").map(str::to_owned),
        count: output.headers.parse("x-log-count"),
        request_id: output.request_id,
        logs: output.value,
    })
}

pub static CREATE_LOG_STORE: Operation = Operation {
    service: &SLS,
    action: "CreateLogStore",
    method: Method::Post,
    path: "/logstores",
    client_token: None,
    params: &[param("project", Location::Host), ParamSpec::new("body", Location::JsonBody, Style::Json)],
};
pub static SLS_JSON_IN: Binding = Binding::new(Protocol::Sls, BodyFormat::Json, BodyFormat::None);

#[derive(Debug, Clone, Default, Serialize, Validate)]
pub struct CreateLogStoreRequest {
    #[serde(rename = "project", skip_serializing_if = "Option::is_none")]
    #[validate(wire = "project", required)]
    pub project: Option<String>,
    #[serde(rename = "body", skip_serializing_if = "Option::is_none")]
    #[validate(wire = "body")]
    pub body: Option<LogStoreSpec>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LogStoreSpec {
    #[serde(rename = "logstoreName")]
    pub logstore_name: String,
    #[serde(rename = "ttl")]
    pub ttl: i32,
    #[serde(rename = "shardCount")]
    pub shard_count: i32,
}

pub static GET_LOG_STORE: Operation = Operation {
    service: &SLS,
    action: "GetLogStore",
    method: Method::Get,
    path: "/logstores/{logstore}",
    client_token: None,
    params: &[param("project", Location::Host), param("logstore", Location::Path)],
};
pub static SLS_JSON_OUT: Binding = Binding::new(Protocol::Sls, BodyFormat::None, BodyFormat::Json);

#[derive(Debug, Clone, Default, Serialize, Validate)]
pub struct GetLogStoreRequest {
    #[serde(rename = "project", skip_serializing_if = "Option::is_none")]
    #[validate(wire = "project", required)]
    pub project: Option<String>,
    #[serde(rename = "logstore", skip_serializing_if = "Option::is_none")]
    #[validate(wire = "logstore", required)]
    pub logstore: Option<String>,
}

pub static OSS: Service = Service { product: "Oss", version: "2019-05-17", endpoint_prefix: "oss", endpoints: &[] };

pub static PUT_OBJECT: Operation = Operation {
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
pub static PUT_OBJECT_BINDING: Binding = Binding::new(Protocol::Oss, BodyFormat::Binary, BodyFormat::None);

#[derive(Debug, Clone, Default, Serialize, Validate)]
pub struct PutObjectRequest {
    #[serde(rename = "bucket", skip_serializing_if = "Option::is_none")]
    #[validate(wire = "bucket", required)]
    pub bucket: Option<String>,
    #[serde(rename = "key", skip_serializing_if = "Option::is_none")]
    #[validate(wire = "key", required)]
    pub key: Option<String>,
    #[serde(rename = "x-oss-meta-*", skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    #[validate(wire = "x-oss-meta-*")]
    pub meta: std::collections::BTreeMap<String, String>,
    #[serde(rename = "x-oss-forbid-overwrite", skip_serializing_if = "Option::is_none")]
    #[validate(wire = "x-oss-forbid-overwrite")]
    pub forbid_overwrite: Option<bool>,
}

/// PutObject's answer is empty; what matters is in the headers.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Empty {}

pub static GET_OBJECT: Operation = Operation {
    service: &OSS,
    action: "GetObject",
    method: Method::Get,
    path: "/{key}",
    client_token: None,
    params: &[param("bucket", Location::Host), param("key", Location::Path), param("Range", Location::Header)],
};
pub static GET_OBJECT_BINDING: Binding = Binding::new(Protocol::Oss, BodyFormat::None, BodyFormat::Binary);

#[derive(Debug, Clone, Default, Serialize, Validate)]
pub struct GetObjectRequest {
    #[serde(rename = "bucket", skip_serializing_if = "Option::is_none")]
    #[validate(wire = "bucket", required)]
    pub bucket: Option<String>,
    #[serde(rename = "key", skip_serializing_if = "Option::is_none")]
    #[validate(wire = "key", required)]
    pub key: Option<String>,
}

pub static PUT_BUCKET: Operation = Operation {
    service: &OSS,
    action: "PutBucket",
    method: Method::Put,
    path: "/",
    client_token: None,
    params: &[param("bucket", Location::Host), param("body", Location::JsonBody)],
};
pub static OSS_XML: Binding = Binding::new(Protocol::Oss, BodyFormat::Xml, BodyFormat::Xml);

#[derive(Debug, Clone, Default, Serialize, Validate)]
pub struct PutBucketRequest {
    #[serde(rename = "bucket", skip_serializing_if = "Option::is_none")]
    #[validate(wire = "bucket", required)]
    pub bucket: Option<String>,
    #[serde(rename = "body", skip_serializing_if = "Option::is_none")]
    #[validate(wire = "body")]
    pub body: Option<serde_json::Value>,
}

pub static LIST_OBJECTS_V2: Operation = Operation {
    service: &OSS,
    action: "ListObjectsV2",
    method: Method::Get,
    path: "/?list-type=2",
    client_token: None,
    params: &[param("bucket", Location::Host), param("prefix", Location::Query), param("max-keys", Location::Query)],
};

#[derive(Debug, Clone, Default, Serialize, Validate)]
pub struct ListObjectsV2Request {
    #[serde(rename = "bucket", skip_serializing_if = "Option::is_none")]
    #[validate(wire = "bucket", required)]
    pub bucket: Option<String>,
    #[serde(rename = "prefix", skip_serializing_if = "Option::is_none")]
    #[validate(wire = "prefix")]
    pub prefix: Option<String>,
    #[serde(rename = "max-keys", skip_serializing_if = "Option::is_none")]
    #[validate(wire = "max-keys")]
    pub max_keys: Option<i64>,
}

/// ListObjectsV2's answer, keyed by the root element as the metadata's response schema is.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct ListObjectsV2Response {
    #[serde(rename = "ListBucketResult")]
    pub result: Option<ListBucketResult>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct ListBucketResult {
    #[serde(rename = "Name", deserialize_with = "alibabacloud_runtime::de::string")]
    pub name: Option<String>,
    #[serde(rename = "KeyCount", deserialize_with = "alibabacloud_runtime::de::integer")]
    pub key_count: Option<i64>,
    #[serde(rename = "IsTruncated", deserialize_with = "alibabacloud_runtime::de::boolean")]
    pub is_truncated: Option<bool>,
    #[serde(rename = "Contents")]
    pub contents: Vec<ObjectSummary>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct ObjectSummary {
    #[serde(rename = "Key", deserialize_with = "alibabacloud_runtime::de::string")]
    pub key: Option<String>,
    #[serde(rename = "Size", deserialize_with = "alibabacloud_runtime::de::integer")]
    pub size: Option<i64>,
}
