//! A fake OSS endpoint on `127.0.0.1` (feature `test-util`).
//!
//! It checks every request's V4 signature ([`crate::sign::oss::verify`]) against the bucket its
//! host names (`<bucket>.<endpoint>`), the AccessKey id and the scope's region, and keeps buckets
//! and objects in memory:
//!
//! - `PutBucket` (`PUT /`, optional XML `CreateBucketConfiguration`), `ListObjectsV2`
//!   (`GET /?list-type=2`, `prefix`, `max-keys`: an XML `ListBucketResult`);
//! - `PutObject` (`PUT /<key>`: the body read as it arrives, counted by [`FakeOss::upload_progress`];
//!   `x-oss-meta-*` kept; `x-oss-forbid-overwrite`), `GetObject` (`GET /<key>`: written in chunks,
//!   pausing at [`FakeOss::pause_downloads`] until the test opens the gate), `DeleteObject`.
//!
//! Errors are OSS's XML `<Error>` documents with `x-oss-request-id`: `SignatureDoesNotMatch`,
//! `InvalidAccessKeyId` (403), `NoSuchBucket`, `NoSuchKey` (404), `BucketAlreadyExists`,
//! `FileAlreadyExists` (409), `InvalidArgument` (400).

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use md5::Digest as _;
use quick_xml::escape::escape;

use super::http::{serve, Gate, HttpRequest, HttpResponse, Progress};
use crate::sign::{self, ReceivedRequest};

#[derive(Debug, Clone)]
struct Object {
    data: Arc<Vec<u8>>,
    content_type: String,
    meta: Vec<(String, String)>,
    etag: String,
}

#[derive(Debug, Default)]
struct State {
    buckets: BTreeMap<String, BTreeMap<String, Object>>,
    requests: Vec<HttpRequest>,
    download_pause: Option<(usize, Arc<Gate>)>,
}

/// A fake OSS endpoint; see the [module documentation](self). Stops when dropped.
#[derive(Debug)]
pub struct FakeOss {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
    progress: Arc<Progress>,
    task: tokio::task::JoinHandle<()>,
}

struct Config {
    access_key_id: String,
    secret: String,
    region: String,
    authority: String,
}

impl FakeOss {
    /// Starts the fake for `region`; requests must be signed by `access_key_id` with `secret`.
    pub async fn start(
        access_key_id: impl Into<String>,
        secret: impl Into<String>,
        region: impl Into<String>,
    ) -> std::io::Result<Self> {
        let state = Arc::new(Mutex::new(State::default()));
        let progress = Arc::new(Progress::default());
        let config = Arc::new(Mutex::new(Config {
            access_key_id: access_key_id.into(),
            secret: secret.into(),
            region: region.into(),
            authority: String::new(),
        }));
        let (shared, shared_config) = (state.clone(), config.clone());
        let handler = Arc::new(move |request: HttpRequest| {
            let config = shared_config.lock().unwrap_or_else(|p| p.into_inner());
            let response = answer(&shared, &config, request);
            Box::pin(async move { response }) as std::pin::Pin<Box<dyn std::future::Future<Output = _> + Send>>
        });
        let (addr, task) = serve(handler, progress.clone()).await?;
        config.lock().unwrap_or_else(|p| p.into_inner()).authority = addr.to_string();
        Ok(FakeOss { addr, state, progress, task })
    }

    /// The URL to configure as the client's endpoint: `http://127.0.0.1:<port>`.
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Creates a bucket.
    pub fn create_bucket(&self, bucket: &str) {
        self.lock().buckets.entry(bucket.to_owned()).or_default();
    }

    /// The bytes of an object, if it exists.
    pub fn object(&self, bucket: &str, key: &str) -> Option<Arc<Vec<u8>>> {
        self.lock().buckets.get(bucket)?.get(key).map(|o| o.data.clone())
    }

    /// The user metadata (`x-oss-meta-*`, prefix removed) of an object.
    pub fn object_meta(&self, bucket: &str, key: &str) -> Option<Vec<(String, String)>> {
        self.lock().buckets.get(bucket)?.get(key).map(|o| o.meta.clone())
    }

    /// The count of request body bytes received so far, over all requests.
    pub fn upload_progress(&self) -> Arc<Progress> {
        self.progress.clone()
    }

    /// Makes every later `GetObject` answer wait after `bytes` bytes of the body until the
    /// returned gate is opened.
    pub fn pause_downloads(&self, bytes: usize) -> Arc<Gate> {
        let gate = Gate::new();
        self.lock().download_pause = Some((bytes, gate.clone()));
        gate
    }

    /// Every request received so far (bodies over 64 KiB left out), in order.
    pub fn requests(&self) -> Vec<HttpRequest> {
        self.lock().requests.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Drop for FakeOss {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn error(status: u16, code: &str, message: &str, request_id: &str) -> HttpResponse {
    let body = format!(
        "{}<Error><Code>{code}</Code><Message>{}</Message><RequestId>{request_id}</RequestId>\
         <HostId>127.0.0.1</HostId><EC>0000-00000000</EC></Error>",
        crate::xml::DECLARATION,
        escape(message)
    );
    HttpResponse::new(status, "application/xml", body).with_header("x-oss-request-id", request_id)
}

fn answer(state: &Mutex<State>, config: &Config, request: HttpRequest) -> HttpResponse {
    let mut state = state.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let mut recorded = request.clone();
    if recorded.body.len() > 64 * 1024 {
        recorded.body.clear();
    }
    state.requests.push(recorded);
    let request_id = format!("fake-oss-{}", state.requests.len());
    let host = request.header("host").unwrap_or_default();
    let bucket = host.strip_suffix(&format!(".{}", config.authority)).map(str::to_owned);
    let received = ReceivedRequest {
        method: &request.method,
        path: &request.path,
        query: &request.query,
        headers: &request.headers,
        body: &request.body,
    };
    match sign::oss::verify(&received, bucket.as_deref(), &config.secret) {
        Ok(verified) if verified.access_key_id != config.access_key_id => {
            return error(403, "InvalidAccessKeyId", "The OSS Access Key Id you provided does not exist.", &request_id)
        }
        Ok(_) => {}
        Err(e) => return error(403, "SignatureDoesNotMatch", &e.to_string(), &request_id),
    }
    let authorization = request.header("authorization").and_then(|a| sign::oss::Authorization::parse(a).ok());
    if authorization.is_some_and(|a| a.region != config.region) {
        return error(400, "InvalidArgument", "the signature's region is not this endpoint's", &request_id);
    }
    let Some(bucket) = bucket else {
        return error(400, "InvalidArgument", "no bucket in the host name", &request_id);
    };
    let key = sign::percent_decode_path(request.path.trim_start_matches('/'));
    let response = if key.is_empty() {
        bucket_operation(&mut state, &bucket, &request, &request_id)
    } else {
        object_operation(&mut state, &bucket, &key, &request, &request_id)
    };
    match response {
        Ok(response) => response.with_header("x-oss-request-id", request_id),
        Err(error) => error,
    }
}

fn bucket_operation(
    state: &mut State,
    bucket: &str,
    request: &HttpRequest,
    request_id: &str,
) -> Result<HttpResponse, HttpResponse> {
    match request.method.as_str() {
        "PUT" => {
            if state.buckets.contains_key(bucket) {
                return Err(error(
                    409,
                    "BucketAlreadyExists",
                    "The requested bucket name is not available.",
                    request_id,
                ));
            }
            if !request.body.is_empty() {
                #[derive(serde::Deserialize)]
                struct Document {
                    #[serde(rename = "CreateBucketConfiguration")]
                    _configuration: serde_json::Value,
                }
                crate::xml::from_xml::<Document>(&request.body)
                    .map_err(|e| error(400, "MalformedXML", &e.to_string(), request_id))?;
            }
            state.buckets.insert(bucket.to_owned(), BTreeMap::new());
            Ok(HttpResponse::new(200, "application/xml", ""))
        }
        "GET" if request.query_param("list-type").as_deref() == Some("2") => {
            let objects = state
                .buckets
                .get(bucket)
                .ok_or_else(|| error(404, "NoSuchBucket", "The specified bucket does not exist.", request_id))?;
            let prefix = request.query_param("prefix").unwrap_or_default();
            let max_keys: usize = request.query_param("max-keys").and_then(|m| m.parse().ok()).unwrap_or(100);
            let matching: Vec<(&String, &Object)> = objects.iter().filter(|(k, _)| k.starts_with(&prefix)).collect();
            let mut xml = format!(
                "{}<ListBucketResult><Name>{}</Name><Prefix>{}</Prefix><MaxKeys>{max_keys}</MaxKeys><KeyCount>{}</KeyCount><IsTruncated>{}</IsTruncated>",
                crate::xml::DECLARATION,
                escape(bucket),
                escape(prefix.as_str()),
                matching.len().min(max_keys),
                matching.len() > max_keys
            );
            for (key, object) in matching.into_iter().take(max_keys) {
                xml.push_str(&format!(
                    "<Contents><Key>{}</Key><ETag>{}</ETag><Size>{}</Size><StorageClass>Standard</StorageClass></Contents>",
                    escape(key.as_str()),
                    escape(object.etag.as_str()),
                    object.data.len()
                ));
            }
            xml.push_str("</ListBucketResult>");
            Ok(HttpResponse::new(200, "application/xml", xml))
        }
        _ => Err(error(400, "InvalidArgument", "this fake does not serve that bucket operation", request_id)),
    }
}

fn object_operation(
    state: &mut State,
    bucket: &str,
    key: &str,
    request: &HttpRequest,
    request_id: &str,
) -> Result<HttpResponse, HttpResponse> {
    let pause = state.download_pause.clone();
    let objects = state
        .buckets
        .get_mut(bucket)
        .ok_or_else(|| error(404, "NoSuchBucket", "The specified bucket does not exist.", request_id))?;
    let no_such_key = || error(404, "NoSuchKey", "The specified key does not exist.", request_id);
    match request.method.as_str() {
        "PUT" => {
            if request.header("x-oss-forbid-overwrite") == Some("true") && objects.contains_key(key) {
                return Err(error(409, "FileAlreadyExists", "The object you specified already exists.", request_id));
            }
            let etag = format!("\"{}\"", hex::encode_upper(md5::Md5::digest(&request.body)));
            let meta = request
                .headers
                .iter()
                .filter_map(|(k, v)| k.strip_prefix("x-oss-meta-").map(|m| (m.to_owned(), v.clone())))
                .collect();
            let content_type = request.header("content-type").unwrap_or("application/octet-stream").to_owned();
            objects.insert(
                key.to_owned(),
                Object { data: Arc::new(request.body.clone()), content_type, meta, etag: etag.clone() },
            );
            Ok(HttpResponse::new(200, "application/xml", "").with_header("etag", etag))
        }
        "GET" => {
            let object = objects.get(key).ok_or_else(no_such_key)?;
            let mut response = HttpResponse::new(200, &object.content_type, object.data.as_slice())
                .with_header("etag", object.etag.clone());
            for (name, value) in &object.meta {
                response = response.with_header(format!("x-oss-meta-{name}"), value.clone());
            }
            response.pause = pause;
            Ok(response)
        }
        "DELETE" => {
            objects.remove(key);
            Ok(HttpResponse::new(204, "application/xml", ""))
        }
        _ => Err(error(400, "InvalidArgument", "this fake does not serve that object operation", request_id)),
    }
}
