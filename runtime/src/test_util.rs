//! A fake service endpoint on `127.0.0.1`, for tests of clients (feature `test-util`).
//!
//! [`FakeServer`] accepts HTTP/1.1 requests, checks every request's V3 signature with
//! [`crate::sign::verify`] (a request whose signature is wrong gets the service's
//! `SignatureDoesNotMatch` answer, as the real service would), records it, and answers what
//! the test's closure says. It listens on loopback only and stops when dropped.
//!
//! The protocols that are not ACS3 have fakes of their own: [`sls::FakeSls`] (the `LOG`
//! signature, logstores and `GetLogs`) and [`oss::FakeOss`] (V4, buckets, streamed objects).
//!
//! ```
//! use alibabacloud_runtime::test_util::{FakeResponse, FakeServer};
//!
//! # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
//! let server = FakeServer::start("secret", |_index, call| {
//!     assert_eq!(call.header("x-acs-action"), Some("DescribeFlowLogs"));
//!     FakeResponse::json(200, r#"{"RequestId":"r-1"}"#)
//! })
//! .await
//! .unwrap();
//! let endpoint = server.endpoint(); // http://127.0.0.1:<port>
//! # let _ = endpoint;
//! # });
//! ```

pub mod http;
pub mod oss;
pub mod sls;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};

use crate::sign::{self, ReceivedRequest, Verified, VerifyError};

/// One request the fake server received.
#[derive(Debug, Clone)]
pub struct ReceivedCall {
    /// The HTTP method.
    pub method: String,
    /// The path, as on the request line (percent-encoded).
    pub path: String,
    /// The raw query string, without `?`.
    pub query: String,
    /// Every header, names lowercase.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
    /// The outcome of the signature check.
    pub verification: Result<Verified, VerifyError>,
}

impl ReceivedCall {
    /// The first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The decoded query parameters.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        sign::parse_pairs(&self.query)
    }

    /// The decoded form fields of the body.
    pub fn form_pairs(&self) -> Vec<(String, String)> {
        sign::parse_pairs(&String::from_utf8_lossy(&self.body))
    }

    /// A parameter by name, from the query or else the form body.
    pub fn param(&self, name: &str) -> Option<String> {
        self.query_pairs().into_iter().chain(self.form_pairs()).find(|(k, _)| k == name).map(|(_, v)| v)
    }
}

/// What the fake server answers.
#[derive(Debug, Clone)]
pub struct FakeResponse {
    /// The HTTP status.
    pub status: u16,
    /// Extra headers.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: String,
    /// How long to wait before answering (to provoke timeouts).
    pub delay: Duration,
}

impl FakeResponse {
    /// A JSON answer.
    pub fn json(status: u16, body: impl Into<String>) -> Self {
        FakeResponse {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.into(),
            delay: Duration::ZERO,
        }
    }

    /// An error answer as the service writes it.
    pub fn error(status: u16, code: &str, message: &str) -> Self {
        Self::json(
            status,
            serde_json::json!({
                "RequestId": "FAKE-REQUEST-ID",
                "HostId": "127.0.0.1",
                "Code": code,
                "Message": message,
            })
            .to_string(),
        )
    }

    /// Adds a header.
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Waits `delay` before answering.
    pub fn with_delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}

type Respond = dyn Fn(usize, &ReceivedCall) -> FakeResponse + Send + Sync;

/// Which requests the fake server lets through to the test's closure.
#[derive(Debug, Clone)]
enum Admission {
    /// Only requests signed with this secret.
    Signed(Arc<str>),
    /// Requests signed with this secret, and requests with no `authorization` at all
    /// (anonymous operations such as `AssumeRoleWithOIDC`).
    SignedOrAnonymous(Arc<str>),
    /// Everything: a plain HTTP endpoint (instance metadata, credentials URI).
    Any,
}

/// A fake endpoint on `127.0.0.1`; see the [module documentation](self).
#[derive(Debug)]
pub struct FakeServer {
    addr: SocketAddr,
    calls: Arc<Mutex<Vec<ReceivedCall>>>,
    task: tokio::task::JoinHandle<()>,
}

impl FakeServer {
    /// Starts listening on an ephemeral port of `127.0.0.1`. Each request is verified against
    /// `secret`; `respond` gets the request's index (0-based, counting every request) and the
    /// request, and says what to answer.
    pub async fn start(
        secret: impl Into<String>,
        respond: impl Fn(usize, &ReceivedCall) -> FakeResponse + Send + Sync + 'static,
    ) -> std::io::Result<FakeServer> {
        Self::start_with(Admission::Signed(secret.into().into()), respond).await
    }

    /// Like [`FakeServer::start`], but a request without an `authorization` header also gets
    /// through (its `verification` is `Err(VerifyError::MissingAuthorization)`); a request with
    /// a wrong signature is still refused. For services with anonymous operations (STS).
    pub async fn start_allowing_anonymous(
        secret: impl Into<String>,
        respond: impl Fn(usize, &ReceivedCall) -> FakeResponse + Send + Sync + 'static,
    ) -> std::io::Result<FakeServer> {
        Self::start_with(Admission::SignedOrAnonymous(secret.into().into()), respond).await
    }

    /// A plain HTTP endpoint that checks no signature (the instance metadata service, a
    /// credentials URI); `verification` is then the outcome against an empty secret.
    pub async fn start_plain(
        respond: impl Fn(usize, &ReceivedCall) -> FakeResponse + Send + Sync + 'static,
    ) -> std::io::Result<FakeServer> {
        Self::start_with(Admission::Any, respond).await
    }

    async fn start_with(
        admission: Admission,
        respond: impl Fn(usize, &ReceivedCall) -> FakeResponse + Send + Sync + 'static,
    ) -> std::io::Result<FakeServer> {
        let listener = TcpListener::bind((std::net::Ipv4Addr::LOCALHOST, 0)).await?;
        let addr = listener.local_addr()?;
        let calls = Arc::new(Mutex::new(Vec::new()));
        let respond: Arc<Respond> = Arc::new(respond);
        let recorded = calls.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (admission, respond, recorded) = (admission.clone(), respond.clone(), recorded.clone());
                tokio::spawn(async move {
                    let _ = serve(stream, &admission, &*respond, &recorded).await;
                });
            }
        });
        Ok(FakeServer { addr, calls, task })
    }

    /// The URL to configure as the client's endpoint: `http://127.0.0.1:<port>`.
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The address listened on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Every request received so far, in order.
    pub fn calls(&self) -> Vec<ReceivedCall> {
        self.calls.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clone()
    }
}

impl Drop for FakeServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn serve(
    mut stream: TcpStream,
    admission: &Admission,
    respond: &Respond,
    calls: &Mutex<Vec<ReceivedCall>>,
) -> std::io::Result<()> {
    let secret = match admission {
        Admission::Signed(secret) | Admission::SignedOrAnonymous(secret) => secret,
        Admission::Any => "",
    };
    let Some(call) = read_request(&mut stream, secret).await? else {
        return Ok(());
    };
    let index = {
        let mut calls = calls.lock().unwrap_or_else(|p| p.into_inner());
        calls.push(call.clone());
        calls.len() - 1
    };
    let refusal = match (admission, &call.verification) {
        (Admission::Any, _) | (_, Ok(_)) => None,
        (Admission::SignedOrAnonymous(_), Err(_)) if call.header("authorization").is_none() => None,
        (_, Err(e)) => Some(e.to_string()),
    };
    let response = match refusal {
        None => respond(index, &call),
        Some(e) => FakeResponse::error(400, "SignatureDoesNotMatch", &e),
    };
    if !response.delay.is_zero() {
        tokio::time::sleep(response.delay).await;
    }
    let mut head = format!(
        "HTTP/1.1 {} {}\r\ncontent-length: {}\r\nconnection: close\r\n",
        response.status,
        reason(response.status),
        response.body.len()
    );
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(response.body.as_bytes()).await?;
    stream.shutdown().await
}

/// One request, read by the protocol fakes' reader ([`http`]), and its V3 signature checked.
async fn read_request(stream: &mut TcpStream, secret: &str) -> std::io::Result<Option<ReceivedCall>> {
    let Some(request) = http::read_request(stream, &http::Progress::default()).await? else {
        return Ok(None);
    };
    let http::HttpRequest { method, path, query, headers, body } = request;
    let received = ReceivedRequest { method: &method, path: &path, query: &query, headers: &headers, body: &body };
    let verification = sign::verify(&received, secret);
    Ok(Some(ReceivedCall { method, path, query, headers, body, verification }))
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}
