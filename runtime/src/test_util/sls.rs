//! A fake Simple Log Service endpoint on `127.0.0.1` (feature `test-util`).
//!
//! It checks every request as SLS does: the `LOG` signature ([`crate::sign::sls::verify`], either
//! HMAC), the AccessKey id, `x-log-apiversion` and `x-log-bodyrawsize`; the project comes from the
//! host name (`<project>.<endpoint>`). It keeps logstores and their records in memory and answers:
//!
//! - `GetLogs` (`GET /logstores/{logstore}?type=log`): the records with `from <= __time__ < to`
//!   matching the query, ordered by time (newest first with `reverse=true`), paged by `offset`
//!   and `line` (at most 100), as a JSON array with `x-log-progress: Complete` and `x-log-count`.
//!   Queries: empty or `*` (everything), `key: value` terms joined with `and`, or a bare word
//!   matching any field's value; an analytic statement (`| SELECT ...`) is refused with
//!   `ParameterInvalid`, as this fake does not run SQL.
//! - `CreateLogStore` (`POST /logstores`, JSON body with `logstoreName`) and `GetLogStore`
//!   (`GET /logstores/{logstore}`).
//!
//! Errors have SLS's shape (`{"errorCode", "errorMessage"}`, `x-log-requestid`):
//! `SignatureNotMatch` and `Unauthorized` (401), `ProjectNotExist` and `LogStoreNotExist` (404),
//! `LogStoreAlreadyExist` (409), `ParameterInvalid` (400).

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use serde_json::{json, Map, Value};

use super::http::{serve, HttpRequest, HttpResponse, Progress};
use crate::sign::{self, ReceivedRequest};

/// One log record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogRecord {
    /// `__time__`: seconds since the epoch.
    pub time: u32,
    /// `__source__`: the host the record came from.
    pub source: String,
    /// The record's fields.
    pub fields: BTreeMap<String, String>,
}

impl LogRecord {
    /// A record at `time` from `source` with `fields`.
    pub fn new<'a>(time: u32, source: &str, fields: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        LogRecord {
            time,
            source: source.to_owned(),
            fields: fields.into_iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect(),
        }
    }

    fn to_json(&self) -> Value {
        let mut object = Map::new();
        object.insert("__time__".into(), Value::String(self.time.to_string()));
        object.insert("__source__".into(), Value::String(self.source.clone()));
        for (k, v) in &self.fields {
            object.insert(k.clone(), Value::String(v.clone()));
        }
        Value::Object(object)
    }
}

#[derive(Debug, Default)]
struct State {
    /// project → logstore → records.
    projects: BTreeMap<String, BTreeMap<String, Vec<LogRecord>>>,
    requests: Vec<HttpRequest>,
}

/// A fake SLS endpoint; see the [module documentation](self). Stops when dropped.
#[derive(Debug)]
pub struct FakeSls {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
    task: tokio::task::JoinHandle<()>,
}

impl FakeSls {
    /// Starts the fake; requests must be signed by `access_key_id` with `secret`.
    pub async fn start(access_key_id: impl Into<String>, secret: impl Into<String>) -> std::io::Result<Self> {
        let state = Arc::new(Mutex::new(State::default()));
        let (id, secret): (Arc<str>, Arc<str>) = (access_key_id.into().into(), secret.into().into());
        let shared = state.clone();
        let handler = Arc::new(move |request: HttpRequest| {
            let response = answer(&shared, &id, &secret, request);
            Box::pin(async move { response }) as std::pin::Pin<Box<dyn std::future::Future<Output = _> + Send>>
        });
        let (addr, task) = serve(handler, Arc::new(Progress::default())).await?;
        Ok(FakeSls { addr, state, task })
    }

    /// The URL to configure as the client's endpoint: `http://127.0.0.1:<port>`.
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Creates `project` (if needed), with no logstore.
    pub fn create_project(&self, project: &str) {
        self.lock().projects.entry(project.to_owned()).or_default();
    }

    /// Creates `project` (if needed) and an empty `logstore` in it.
    pub fn create_logstore(&self, project: &str, logstore: &str) {
        self.lock().projects.entry(project.to_owned()).or_default().entry(logstore.to_owned()).or_default();
    }

    /// Appends records to a logstore (created if needed), as a log shipper would.
    pub fn append(&self, project: &str, logstore: &str, records: impl IntoIterator<Item = LogRecord>) {
        let mut state = self.lock();
        let store = state.projects.entry(project.to_owned()).or_default().entry(logstore.to_owned()).or_default();
        store.extend(records);
    }

    /// Every request received so far (signed or not), in order.
    pub fn requests(&self) -> Vec<HttpRequest> {
        self.lock().requests.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Drop for FakeSls {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn error(status: u16, code: &str, message: &str, request_id: &str) -> HttpResponse {
    let body = json!({"errorCode": code, "errorMessage": message}).to_string();
    HttpResponse::new(status, "application/json", body).with_header("x-log-requestid", request_id)
}

fn answer(state: &Mutex<State>, access_key_id: &str, secret: &str, request: HttpRequest) -> HttpResponse {
    let mut state = state.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    state.requests.push(request.clone());
    let request_id = format!("fake-sls-{}", state.requests.len());
    let received = ReceivedRequest {
        method: &request.method,
        path: &request.path,
        query: &request.query,
        headers: &request.headers,
        body: &request.body,
    };
    match sign::sls::verify(&received, secret) {
        Ok(verified) if verified.access_key_id != access_key_id => {
            return error(401, "Unauthorized", "the AccessKey id is not known", &request_id)
        }
        Ok(_) => {}
        Err(e) => return error(401, "SignatureNotMatch", &e.to_string(), &request_id),
    }
    if request.header("x-log-bodyrawsize").is_none() {
        return error(400, "ParameterInvalid", "x-log-bodyrawsize is missing", &request_id);
    }
    let host = request.header("host").unwrap_or_default();
    let Some((project, _)) = host.split_once('.') else {
        return error(400, "ParameterInvalid", "no project in the host name", &request_id);
    };
    let Some(stores) = state.projects.get_mut(project) else {
        return error(404, "ProjectNotExist", &format!("Project {project} does not exist"), &request_id);
    };
    let segments: Vec<String> = request.path.split('/').skip(1).map(sign::percent_decode_path).collect();
    let response = match (request.method.as_str(), segments.as_slice()) {
        ("POST", [logstores]) if logstores == "logstores" => create_logstore(stores, &request.body, &request_id),
        ("GET", [logstores, name]) if logstores == "logstores" => match stores.get(name) {
            None => return error(404, "LogStoreNotExist", &format!("logstore {name} does not exist"), &request_id),
            Some(_) if request.query_param("type").as_deref() == Some("log") => {
                get_logs(&stores[name], &request, &request_id)
            }
            Some(_) => Ok(HttpResponse::new(
                200,
                "application/json",
                json!({"logstoreName": name, "ttl": 30, "shardCount": 2}).to_string(),
            )),
        },
        _ => Err(error(404, "ParameterInvalid", "this fake does not serve that operation", &request_id)),
    };
    match response {
        Ok(response) => response.with_header("x-log-requestid", request_id),
        Err(error) => error,
    }
}

fn create_logstore(
    stores: &mut BTreeMap<String, Vec<LogRecord>>,
    body: &[u8],
    request_id: &str,
) -> Result<HttpResponse, HttpResponse> {
    let name = serde_json::from_slice::<Value>(body)
        .ok()
        .and_then(|v| v.get("logstoreName").and_then(Value::as_str).map(str::to_owned))
        .ok_or_else(|| error(400, "ParameterInvalid", "the body has no logstoreName", request_id))?;
    if stores.contains_key(&name) {
        return Err(error(409, "LogStoreAlreadyExist", &format!("logstore {name} already exists"), request_id));
    }
    stores.insert(name, Vec::new());
    Ok(HttpResponse::new(200, "application/json", ""))
}

fn get_logs(records: &[LogRecord], request: &HttpRequest, request_id: &str) -> Result<HttpResponse, HttpResponse> {
    let number = |name: &str| -> Result<Option<i64>, HttpResponse> {
        match request.query_param(name) {
            None => Ok(None),
            Some(text) => text
                .parse()
                .map(Some)
                .map_err(|_| error(400, "ParameterInvalid", &format!("{name} must be an integer"), request_id)),
        }
    };
    let (Some(from), Some(to)) = (number("from")?, number("to")?) else {
        return Err(error(400, "ParameterInvalid", "from and to are required", request_id));
    };
    if from >= to {
        return Err(error(400, "ParameterInvalid", "from must be before to", request_id));
    }
    let line = number("line")?.unwrap_or(100);
    let offset = number("offset")?.unwrap_or(0);
    if !(0..=100).contains(&line) || offset < 0 {
        return Err(error(400, "ParameterInvalid", "line must be in 0..=100 and offset not negative", request_id));
    }
    let query = request.query_param("query").unwrap_or_default();
    let terms = parse_query(&query).ok_or_else(|| {
        error(400, "ParameterInvalid", "this fake runs search statements only, not analytics (`|`)", request_id)
    })?;
    let mut hits: Vec<&LogRecord> = records
        .iter()
        .filter(|r| (from..to).contains(&i64::from(r.time)) && terms.iter().all(|t| t.matches(r)))
        .collect();
    hits.sort_by_key(|r| r.time);
    if request.query_param("reverse").as_deref() == Some("true") {
        hits.reverse();
    }
    let page: Vec<Value> = hits.iter().skip(offset as usize).take(line as usize).map(|r| r.to_json()).collect();
    Ok(HttpResponse::new(200, "application/json", Value::Array(page.clone()).to_string())
        .with_header("x-log-progress", "Complete")
        .with_header("x-log-count", page.len().to_string())
        .with_header("x-log-processed-rows", hits.len().to_string()))
}

enum Term {
    Field(String, String),
    Word(String),
}

impl Term {
    fn matches(&self, record: &LogRecord) -> bool {
        match self {
            Term::Field(key, value) => record.fields.get(key).is_some_and(|v| v == value),
            Term::Word(word) => record.fields.values().any(|v| v.contains(word.as_str())),
        }
    }
}

/// `*`, `key: value`, words, joined by `and`; `None` for analytics.
fn parse_query(query: &str) -> Option<Vec<Term>> {
    if query.contains('|') {
        return None;
    }
    let mut terms = Vec::new();
    let lower = query.to_ascii_lowercase();
    let mut start = 0;
    let mut parts = Vec::new();
    for (i, _) in lower.match_indices(" and ") {
        parts.push(&query[start..i]);
        start = i + 5;
    }
    parts.push(&query[start..]);
    for part in parts.into_iter().map(str::trim).filter(|p| !p.is_empty() && *p != "*") {
        terms.push(match part.split_once(':') {
            Some((key, value)) => Term::Field(key.trim().to_owned(), value.trim().trim_matches('"').to_owned()),
            None => Term::Word(part.to_owned()),
        });
    }
    Some(terms)
}
