//! Errors: what the service answered ([`ServiceError`]), the per-operation error contract
//! ([`OperationError`], [`template_value`]) and everything a call can fail with ([`SdkError`]).

use std::fmt;
use std::time::Duration;

use crate::credentials::CredentialsError;
use crate::validate::Report;

/// An error answer of the service, with everything the body and headers said.
///
/// ```
/// use alibabacloud_runtime::ServiceError;
///
/// let body = br#"{"Code": "Throttling.User", "Message": "Request was denied due to user flow control.", "RequestId": "A1B2"}"#;
/// let error = ServiceError::parse(400, None, body);
/// assert_eq!(error.code(), "Throttling.User");
/// assert_eq!(error.request_id.as_deref(), Some("A1B2"));
/// assert!(error.is_retryable(), "throttling is worth retrying later");
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ServiceError {
    /// The error code (`Throttling.User`, `MissingParam.EcrId`); empty when the body had none.
    pub code: String,
    /// The error message.
    pub message: String,
    /// The HTTP status.
    pub http_status: u16,
    /// The request id, to quote to support.
    pub request_id: Option<String>,
    /// The host that answered.
    pub host_id: Option<String>,
    /// A diagnosis link.
    pub recommend: Option<String>,
    /// For permission errors: which policy denied what (kept as the JSON the service sent).
    pub access_denied_detail: Option<serde_json::Value>,
    /// For templated codes (`MissingParam.%s`): the code filled in, or the value of the `%s`.
    pub dynamic_code: Option<String>,
    /// The message filled in, for templated messages.
    pub dynamic_message: Option<String>,
    /// How long the service asked to wait before retrying (a positive `x-acs-retry-after`, in
    /// milliseconds).
    pub retry_after: Option<Duration>,
    /// The raw body, as received (lossily decoded as UTF-8).
    pub body: String,
    /// The response headers (names lowercase), in the order received.
    pub headers: Vec<(String, String)>,
    /// How many attempts the call made (0 when the error was not built by a client).
    pub attempts: u32,
}

/// Codes that mean "too many requests": retry after a while.
const THROTTLING_CODES: &[&str] = &[
    "Throttling",
    "Throttling.User",
    "Throttling.Api",
    "Throttling.System",
    "Throttling.Concurrency",
    "RequestThrottled",
];

/// Codes of transient server-side failures.
const TRANSIENT_CODES: &[&str] = &["ServiceUnavailable", "InternalError", "UnknownError"];

impl ServiceError {
    /// A service error with a code, a message and a status; the other fields empty.
    pub fn new(code: impl Into<String>, message: impl Into<String>, http_status: u16) -> Self {
        ServiceError {
            code: code.into(),
            message: message.into(),
            http_status,
            request_id: None,
            host_id: None,
            recommend: None,
            access_denied_detail: None,
            dynamic_code: None,
            dynamic_message: None,
            retry_after: None,
            body: String::new(),
            headers: Vec::new(),
            attempts: 0,
        }
    }

    /// Parses an error answer with its headers: the body as JSON, or as XML when the
    /// `content-type` says so (`text/xml`, `application/xml`); `x-acs-retry-after` gives
    /// [`ServiceError::retry_after`]. The headers are kept.
    ///
    /// ```
    /// use alibabacloud_runtime::ServiceError;
    ///
    /// let body = br#"<?xml version="1.0" encoding="UTF-8"?>
    /// <Error><RequestId>R-1</RequestId><HostId>vpc.aliyuncs.com</HostId>
    /// <Code>Forbidden.RAM</Code><Message>User not authorized</Message>
    /// <Recommend><![CDATA[https://api.aliyun.com/troubleshoot?q=Forbidden.RAM]]></Recommend></Error>"#;
    /// let headers = [("content-type".to_owned(), "text/xml;charset=utf-8".to_owned())];
    /// let error = ServiceError::from_response(403, &headers, body);
    /// assert_eq!(error.code(), "Forbidden.RAM");
    /// assert_eq!(error.request_id(), Some("R-1"));
    /// assert_eq!(error.header("Content-Type"), Some("text/xml;charset=utf-8"));
    /// ```
    pub fn from_response(http_status: u16, headers: &[(String, String)], body: &[u8]) -> Self {
        let header = |name: &str| headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str());
        let xml = header("content-type").is_some_and(|t| t.to_ascii_lowercase().contains("xml"));
        let mut error = if xml {
            Self::parse_xml(http_status, body).unwrap_or_else(|| Self::parse(http_status, None, body))
        } else {
            Self::parse(http_status, None, body)
        };
        error.retry_after = header("x-acs-retry-after").and_then(parse_retry_after);
        error.headers = headers.iter().map(|(k, v)| (k.to_ascii_lowercase(), v.clone())).collect();
        error
    }

    /// An XML error body (`<Error><Code>…</Code>…</Error>`), if the body is one.
    fn parse_xml(http_status: u16, body: &[u8]) -> Option<Self> {
        #[derive(serde::Deserialize)]
        #[serde(rename_all = "PascalCase")]
        struct XmlError {
            code: Option<String>,
            message: Option<String>,
            request_id: Option<String>,
            host_id: Option<String>,
            recommend: Option<String>,
            dynamic_code: Option<String>,
            dynamic_message: Option<String>,
        }
        let text = String::from_utf8_lossy(body).into_owned();
        let parsed: XmlError = quick_xml::de::from_str(&text).ok()?;
        if parsed.code.is_none() && parsed.message.is_none() {
            return None;
        }
        let trim = |v: Option<String>| v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
        let mut error = ServiceError::new(
            trim(parsed.code).unwrap_or_default(),
            trim(parsed.message).unwrap_or_default(),
            http_status,
        );
        error.request_id = trim(parsed.request_id);
        error.host_id = trim(parsed.host_id);
        error.recommend = trim(parsed.recommend);
        error.dynamic_code = trim(parsed.dynamic_code);
        error.dynamic_message = trim(parsed.dynamic_message);
        error.body = text;
        Some(error)
    }

    /// The first response header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// How many attempts the call made before giving up with this error.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Parses an error answer. A JSON body gives the code, message and the rest (keys
    /// `Code`/`code`, `Message`/`message`, `RequestId`/`requestId`, `HostId`, `Recommend`,
    /// `AccessDeniedDetail`, `DynamicCode`, `DynamicMessage`); an XML `<Error>` body gives the
    /// same elements; any other body still gives an error with the status and the body text as
    /// message. `retry_after_header` is the
    /// `x-acs-retry-after` header, in milliseconds; only a positive number counts.
    pub fn parse(http_status: u16, retry_after_header: Option<&str>, body: &[u8]) -> Self {
        let text = String::from_utf8_lossy(body).into_owned();
        let mut error = ServiceError::new("", "", http_status);
        error.retry_after = retry_after_header.and_then(parse_retry_after);
        match serde_json::from_slice::<serde_json::Value>(body) {
            Ok(serde_json::Value::Object(map)) => {
                let get = |keys: &[&str]| {
                    keys.iter().find_map(|k| match map.get(*k) {
                        Some(serde_json::Value::String(s)) => Some(s.clone()),
                        Some(v @ serde_json::Value::Number(_)) => Some(v.to_string()),
                        _ => None,
                    })
                };
                error.code = get(&["Code", "code"]).unwrap_or_default();
                error.message = get(&["Message", "message"]).unwrap_or_default();
                error.request_id = get(&["RequestId", "requestId"]);
                error.host_id = get(&["HostId", "hostId"]);
                error.recommend = get(&["Recommend", "recommend"]);
                error.dynamic_code = get(&["DynamicCode"]);
                error.dynamic_message = get(&["DynamicMessage"]);
                error.access_denied_detail = map.get("AccessDeniedDetail").filter(|v| !v.is_null()).cloned();
            }
            _ => match Self::parse_xml(http_status, body).filter(|_| text.trim_start().starts_with('<')) {
                Some(mut xml) => {
                    xml.retry_after = error.retry_after;
                    return xml;
                }
                None => error.message = text.trim().to_owned(),
            },
        }
        error.body = text;
        error
    }

    /// The error code (empty when the body had none).
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The error message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The HTTP status.
    pub fn http_status(&self) -> u16 {
        self.http_status
    }

    /// The request id, if the service sent one.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// Whether the service is shedding load: a throttling code, HTTP 429, or a retry-after
    /// header.
    pub fn is_throttling(&self) -> bool {
        THROTTLING_CODES.contains(&self.code.as_str())
            || self.code.starts_with("Throttling.")
            || self.http_status == 429
            || self.retry_after.is_some()
    }

    /// Whether sending the same request again may succeed: throttling, or a transient
    /// server-side failure (HTTP 5xx other than 501, `ServiceUnavailable`, `InternalError`).
    pub fn is_retryable(&self) -> bool {
        self.is_throttling()
            || (self.http_status >= 500 && self.http_status != 501)
            || TRANSIENT_CODES.contains(&self.code.as_str())
    }
}

fn parse_retry_after(value: &str) -> Option<Duration> {
    let millis: f64 = value.trim().parse().ok()?;
    (millis.is_finite() && millis > 0.0).then(|| Duration::from_secs_f64(millis / 1000.0))
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.code.is_empty() {
            write!(f, "HTTP {}", self.http_status)?;
        } else {
            write!(f, "{} (HTTP {})", self.code, self.http_status)?;
        }
        if !self.message.is_empty() {
            write!(f, ": {}", self.message)?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " [request id {id}]")?;
        }
        if self.attempts > 1 {
            write!(f, " after {} attempts", self.attempts)?;
        }
        Ok(())
    }
}

impl std::error::Error for ServiceError {}

/// The error type of one operation: generated code implements it for each operation's error
/// enum (one variant per documented code, one per templated code, a fallback that keeps the
/// [`ServiceError`]).
pub trait OperationError: Sized + std::error::Error + Send + Sync + 'static {
    /// Classifies an error answer into the operation's variants.
    fn from_service_error(error: ServiceError) -> Self;

    /// The service error inside, whatever the variant.
    fn service_error(&self) -> &ServiceError;

    /// Whether sending the same request again may succeed.
    fn is_retryable(&self) -> bool {
        self.service_error().is_retryable()
    }
}

/// The untyped fallback: an operation without an error enum can use [`ServiceError`] itself.
impl OperationError for ServiceError {
    fn from_service_error(error: ServiceError) -> Self {
        error
    }

    fn service_error(&self) -> &ServiceError {
        self
    }
}

/// Matches a templated code `<prefix>%s<suffix>` (say `MissingParam.%s`: prefix
/// `MissingParam.`, suffix empty) against a received error, returning the value of the `%s`.
///
/// Two shapes are recognised: a filled-in code (`MissingParam.EcrId` gives `EcrId`), and the
/// literal template (`MissingParam.%s`) with the value in `DynamicCode` (either the value itself
/// or the whole filled-in code).
///
/// ```
/// use alibabacloud_runtime::{template_value, ServiceError};
///
/// let filled = ServiceError::new("MissingParam.EcrId", "EcrId is mandatory", 400);
/// assert_eq!(template_value(&filled, "MissingParam.", ""), Some("EcrId"));
///
/// let mut literal = ServiceError::new("MissingParam.%s", "%s is mandatory", 400);
/// literal.dynamic_code = Some("EcrId".into());
/// assert_eq!(template_value(&literal, "MissingParam.", ""), Some("EcrId"));
///
/// let other = ServiceError::new("Throttling.User", "", 400);
/// assert_eq!(template_value(&other, "MissingParam.", ""), None);
/// ```
pub fn template_value<'a>(error: &'a ServiceError, prefix: &str, suffix: &str) -> Option<&'a str> {
    let code = error.code.as_str();
    let inner = code.strip_prefix(prefix)?.strip_suffix(suffix)?;
    if inner.is_empty() {
        return None;
    }
    if inner != "%s" {
        return Some(inner);
    }
    let dynamic = error.dynamic_code.as_deref().filter(|d| !d.is_empty())?;
    match dynamic.strip_prefix(prefix).and_then(|d| d.strip_suffix(suffix)) {
        Some(value) if !value.is_empty() => Some(value),
        _ => Some(dynamic),
    }
}

/// A failure to send or receive, before any answer of the service could be read.
#[derive(Debug, thiserror::Error)]
#[error("{kind} after {attempts} attempt(s)")]
pub struct TransportError {
    kind: TransportErrorKind,
    attempts: u32,
    #[source]
    source: Box<dyn std::error::Error + Send + Sync>,
}

/// What kind of transport failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The connection could not be established.
    Connect,
    /// The connect or read timeout expired.
    Timeout,
    /// Anything else (connection reset, malformed HTTP, ...).
    Other,
}

impl fmt::Display for TransportErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TransportErrorKind::Connect => "connection failed",
            TransportErrorKind::Timeout => "timed out",
            TransportErrorKind::Other => "transport failed",
        })
    }
}

impl TransportError {
    /// A transport error of `kind`, after `attempts` attempts, caused by `source`.
    pub fn new(
        kind: TransportErrorKind,
        attempts: u32,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        TransportError { kind, attempts, source: source.into() }
    }

    /// What kind of failure.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// Whether a timeout expired.
    pub fn is_timeout(&self) -> bool {
        self.kind == TransportErrorKind::Timeout
    }

    /// Whether the connection could not be established.
    pub fn is_connect(&self) -> bool {
        self.kind == TransportErrorKind::Connect
    }

    /// How many attempts were made.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
}

/// A success status whose body could not be read as the response type.
#[derive(Debug, thiserror::Error)]
#[error("HTTP {http_status}: cannot read the response body: {source}")]
pub struct ResponseError {
    /// The HTTP status (2xx).
    pub http_status: u16,
    /// The raw body (lossily decoded as UTF-8).
    pub body: String,
    /// The JSON error.
    #[source]
    pub source: serde_json::Error,
}

/// The request could not be built: it does not serialize as the operation expects, or the
/// endpoint or a header value is not valid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot build the request: {message}")]
pub struct ConstructionError {
    message: String,
}

impl ConstructionError {
    /// An error saying `message`.
    pub fn new(message: impl Into<String>) -> Self {
        ConstructionError { message: message.into() }
    }

    /// What was wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// Everything a call can fail with. `E` is the operation's error type.
///
/// ```
/// use alibabacloud_runtime::{SdkError, ServiceError};
///
/// fn explain(result: Result<(), SdkError<ServiceError>>) -> String {
///     match result {
///         Ok(()) => "done".into(),
///         Err(SdkError::Validation(report)) => format!("invalid request, nothing sent:\n{report}"),
///         Err(SdkError::Service(e)) => format!("the service said {}: {}", e.code(), e.message()),
///         Err(e) if e.is_retryable() => format!("try again later: {e}"),
///         Err(e) => format!("failed: {e}"),
///     }
/// }
/// let answer = ServiceError::new("Forbidden.RAM", "not allowed", 403);
/// assert_eq!(explain(Err(SdkError::Service(answer))), "the service said Forbidden.RAM: not allowed");
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum SdkError<E> {
    /// The request broke a documented constraint; nothing was sent.
    Validation(Report),
    /// No credentials could be had; nothing was sent.
    Credentials(CredentialsError),
    /// Sending or receiving failed (after the retries allowed).
    Transport(TransportError),
    /// The service answered with an error (after the retries allowed).
    Service(E),
    /// The service answered with success, but the body could not be read.
    Response(ResponseError),
    /// The request could not be built; nothing was sent.
    Construction(ConstructionError),
}

impl<E> SdkError<E> {
    /// The operation error, if the service answered with one.
    pub fn as_service(&self) -> Option<&E> {
        match self {
            SdkError::Service(e) => Some(e),
            _ => None,
        }
    }

    /// The operation error, if the service answered with one.
    pub fn into_service(self) -> Option<E> {
        match self {
            SdkError::Service(e) => Some(e),
            _ => None,
        }
    }

    /// The validation report, if the request was refused before sending.
    pub fn as_validation(&self) -> Option<&Report> {
        match self {
            SdkError::Validation(r) => Some(r),
            _ => None,
        }
    }
}

impl<E: OperationError> SdkError<E> {
    /// The service error, if the service answered with one.
    pub fn service_error(&self) -> Option<&ServiceError> {
        self.as_service().map(OperationError::service_error)
    }

    /// Whether the same call may succeed later: a retryable service error, or a connect or
    /// timeout failure. (The client already retried these up to its limit.)
    pub fn is_retryable(&self) -> bool {
        match self {
            SdkError::Service(e) => e.is_retryable(),
            SdkError::Transport(t) => t.kind != TransportErrorKind::Other,
            _ => false,
        }
    }
}

/// One line: what failed and why, down to the innermost cause (`transport error: timed out after
/// 3 attempt(s): operation timed out`), so `println!("{e}")` tells the whole story. For other
/// errors, [`DisplayErrorContext`] does the same.
impl<E: fmt::Display> fmt::Display for SdkError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SdkError::Validation(report) => {
                let lines: Vec<String> = report.to_string().lines().map(str::to_owned).collect();
                write!(f, "the request is not valid: {}", lines.join("; "))
            }
            SdkError::Credentials(e) => write!(f, "no credentials: {}", DisplayErrorContext(e)),
            SdkError::Transport(e) => write!(f, "transport error: {}", DisplayErrorContext(e)),
            SdkError::Service(e) => write!(f, "service error: {e}"),
            SdkError::Response(e) => write!(f, "unreadable response: {}", DisplayErrorContext(e)),
            SdkError::Construction(e) => write!(f, "{}", DisplayErrorContext(e)),
        }
    }
}

/// Displays an error and every `source()` below it on one line, separated by `: `, leaving out
/// a cause whose text the line already holds (as the AWS SDK's `DisplayErrorContext`).
///
/// ```
/// use alibabacloud_runtime::DisplayErrorContext;
///
/// #[derive(Debug)]
/// struct Outer(std::io::Error);
/// impl std::fmt::Display for Outer {
///     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
///         f.write_str("cannot load the profile")
///     }
/// }
/// impl std::error::Error for Outer {
///     fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
///         Some(&self.0)
///     }
/// }
/// let error = Outer(std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"));
/// assert_eq!(DisplayErrorContext(&error).to_string(), "cannot load the profile: no such file");
/// ```
pub struct DisplayErrorContext<E>(pub E);

impl<E: std::error::Error> fmt::Display for DisplayErrorContext<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut line = self.0.to_string();
        let mut source = self.0.source();
        while let Some(cause) = source {
            let text = cause.to_string();
            if !text.is_empty() && !line.contains(&text) {
                line.push_str(": ");
                line.push_str(&text);
            }
            source = cause.source();
        }
        f.write_str(&line)
    }
}

impl<E: std::error::Error> fmt::Debug for DisplayErrorContext<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self}")
    }
}

impl<E: std::error::Error + 'static> std::error::Error for SdkError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(match self {
            SdkError::Validation(e) => e,
            SdkError::Credentials(e) => e,
            SdkError::Transport(e) => e,
            SdkError::Service(e) => e,
            SdkError::Response(e) => e,
            SdkError::Construction(e) => e,
        })
    }
}

#[cfg(test)]
#[path = "error_tests.rs"]
mod tests;
