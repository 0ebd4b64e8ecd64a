//! How operations of every style travel: the protocol of a product ([`Protocol`]), the body
//! formats of an operation ([`BodyFormat`]), both written by generated code as a static
//! [`Binding`] next to the operation's [`crate::Operation`], and the pure request building they drive
//! ([`encode`], [`prepare`], [`sign_request`]).
//!
//! `docs/API-STYLES.md` records what the official SDKs do per style, with sources; this module
//! follows it:
//!
//! | protocol | products | host | signature | errors |
//! | --- | --- | --- | --- | --- |
//! | [`Protocol::Acs3`] | RPC, ROA, V3 (arms, cloudcontrol, ocr-api), FC | endpoint | ACS3-HMAC-SHA256 ([`crate::sign`]) | JSON |
//! | [`Protocol::Sls`] | Simple Log Service | `<project>.<endpoint>` | `LOG` ([`crate::sign::sls`]) | JSON `errorCode` |
//! | [`Protocol::Oss`] | OSS | `<bucket>.<endpoint>` | `OSS4-HMAC-SHA256` ([`crate::sign::oss`]) | XML `<Error>` |
//! | [`Protocol::Pds`] | PDS | endpoint | `acs` ROA 1.0 ([`crate::sign::roa`]) | JSON |
//!
//! The client side ([`crate::Client::call`] and friends) validates, [`encode`]s, [`prepare`]s,
//! signs each attempt with [`sign_request`] and parses the answer with [`decode_body`] or
//! [`Protocol::parse_error`].

mod request;

pub use request::{encode, encode_params, encode_value, prepare, sign_request, PreparedRequest, StyledRequest, Target};

use serde::de::DeserializeOwned;

use crate::error::{ResponseError, ServiceError};
use crate::service::Service;

/// How requests of a product are framed, signed and answered. Chosen per product: the official
/// SDKs pick the gateway by product (`Sls`, `Oss`, `pds`), whatever the metadata's style says (the
/// 2025 metadata marks SLS as `ROA`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Protocol {
    /// The shared client's `doRequest`: `x-acs-action`/`x-acs-version` headers, ACS3-HMAC-SHA256,
    /// JSON errors. RPC, ROA, and the V3 and FC styles.
    Acs3,
    /// Simple Log Service (gateway-sls): host `<project>.<endpoint>`, `x-log-*` headers, the `LOG`
    /// signature (HMAC-SHA256), errors `{"errorCode", "errorMessage"}` with `x-log-requestid`.
    Sls,
    /// OSS (gateway-oss): host `<bucket>.<endpoint>`, `OSS4-HMAC-SHA256` over an unsigned
    /// payload (bodies stream), XML bodies and `<Error>` documents.
    Oss,
    /// PDS (gateway-pds): ROA signature 1.0 (`acs <id>:<HMAC-SHA1>`), JSON, request id in
    /// `x-ca-request-id`. The `domain_id` host parameter is not sent, as in the official SDK: the
    /// domain is chosen by the endpoint (`<domain_id>.api.aliyunpds.com`).
    Pds,
}

impl Protocol {
    /// The host name to call for `region` when no endpoint is configured: the service's table entry
    /// when there is one, otherwise the protocol's regional pattern (`<prefix>.<region>.aliyuncs.com`,
    /// `<region>.log.aliyuncs.com`, `oss-<region>.aliyuncs.com`, `api.aliyunpds.com`).
    pub fn endpoint_for(self, service: &Service, region: &str) -> String {
        if let Some(host) = service.documented_endpoint(region) {
            return host.to_owned();
        }
        match self {
            Protocol::Acs3 => service.endpoint_for(region),
            Protocol::Sls => format!("{region}.log.aliyuncs.com"),
            Protocol::Oss => format!("oss-{region}.aliyuncs.com"),
            Protocol::Pds => "api.aliyunpds.com".to_owned(),
        }
    }

    /// Whether the signature covers the body's hash (so a streamed body must be read first):
    /// ACS3 (`x-acs-content-sha256`) and SLS (`content-md5`); not OSS (`UNSIGNED-PAYLOAD`) nor
    /// ROA 1.0.
    pub fn signs_payload(self) -> bool {
        matches!(self, Protocol::Acs3 | Protocol::Sls)
    }

    /// The response header that carries the request id.
    pub fn request_id_header(self) -> &'static str {
        match self {
            Protocol::Acs3 => "x-acs-request-id",
            Protocol::Sls => "x-log-requestid",
            Protocol::Oss => "x-oss-request-id",
            Protocol::Pds => "x-ca-request-id",
        }
    }

    /// Reads an error answer (4xx/5xx) the way the protocol's official gateway does. `header`
    /// looks up a response header by lowercase name.
    pub fn parse_error(self, http_status: u16, header: &dyn Fn(&str) -> Option<String>, body: &[u8]) -> ServiceError {
        let request_id = header(self.request_id_header());
        let mut error = match self {
            Protocol::Acs3 => ServiceError::parse(http_status, header("x-acs-retry-after").as_deref(), body),
            Protocol::Oss => crate::xml::oss_error(http_status, request_id.as_deref(), body),
            Protocol::Sls => sls_error(http_status, body),
            Protocol::Pds => ServiceError::parse(http_status, None, body),
        };
        if error.request_id.is_none() {
            error.request_id = request_id;
        }
        error
    }

    /// Whether an error of this protocol is worth retrying: [`ServiceError::is_retryable`], and for
    /// SLS its quota codes (`WriteQuotaExceed`, `ReadQuotaExceed`, `ShardWriteQuotaExceed`,
    /// `ShardReadQuotaExceed`), which SLS asks clients to retry after a while.
    pub fn is_retryable(self, error: &ServiceError) -> bool {
        error.is_retryable()
            || (self == Protocol::Sls
                && matches!(
                    error.code.as_str(),
                    "WriteQuotaExceed" | "ReadQuotaExceed" | "ShardWriteQuotaExceed" | "ShardReadQuotaExceed"
                ))
    }
}

/// Reads an SLS error body: `{"errorCode": "...", "errorMessage": "..."}` (gateway-sls
/// `modifyResponse`); a body without `errorCode` is read as the shared client's JSON errors.
fn sls_error(http_status: u16, body: &[u8]) -> ServiceError {
    #[derive(serde::Deserialize)]
    struct SlsError {
        #[serde(rename = "errorCode")]
        code: String,
        #[serde(rename = "errorMessage", default)]
        message: String,
        #[serde(rename = "accessDeniedDetail", default)]
        access_denied_detail: Option<serde_json::Value>,
    }
    match serde_json::from_slice::<SlsError>(body) {
        Ok(parsed) => {
            let mut error = ServiceError::new(parsed.code, parsed.message, http_status);
            error.access_denied_detail = parsed.access_denied_detail.filter(|v| !v.is_null());
            error.body = String::from_utf8_lossy(body).into_owned();
            error
        }
        Err(_) => ServiceError::parse(http_status, None, body),
    }
}

/// How a request or response body is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BodyFormat {
    /// No body (requests), or a body that is ignored (answers: the response type reads from `{}`).
    None,
    /// JSON (`application/json`). A request body that serializes to a string is sent as that
    /// text, as the official SDKs do (`Util.toJSONString` of a string is the string).
    Json,
    /// XML ([`crate::xml`]); requests also get `content-md5`.
    Xml,
    /// Text, as it is: the response type reads from a JSON string.
    Text,
    /// Raw bytes: a request body given as a [`crate::body::Body`] (streamed when the protocol
    /// allows), an answer read as a stream ([`crate::Client::call_streaming`]).
    Binary,
}

/// What an operation needs besides its [`crate::Operation`] to travel with a non-default
/// protocol or body: generated code writes one per operation, as a `static` next to `OPERATION`.
///
/// ```
/// use alibabacloud_runtime::binding::{Binding, BodyFormat, Protocol};
/// pub static BINDING: Binding = Binding::new(Protocol::Sls, BodyFormat::None, BodyFormat::Json);
/// assert_eq!(BINDING.protocol, Protocol::Sls);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Binding {
    /// The product's protocol.
    pub protocol: Protocol,
    /// How the body parameter (the one with [`crate::Location::JsonBody`], the metadata's
    /// `in: body`) is written; form parameters ([`crate::Location::Body`]) always make a form.
    pub request: BodyFormat,
    /// How the answer's body is read.
    pub response: BodyFormat,
}

impl Binding {
    /// The binding of RPC and ROA operations as [`crate::Client::invoke`] sends them.
    pub const ACS3_JSON: Binding = Binding::new(Protocol::Acs3, BodyFormat::Json, BodyFormat::Json);

    /// A binding; `const`, for a `static`.
    pub const fn new(protocol: Protocol, request: BodyFormat, response: BodyFormat) -> Self {
        Binding { protocol, request, response }
    }
}

/// Reads an answer body into `T` as `format` says: JSON (an empty body reads as `{}`), XML
/// (as the JSON of [`crate::xml::to_value`]), text (as a JSON string), or nothing (`{}`).
pub fn decode_body<T: DeserializeOwned>(format: BodyFormat, http_status: u16, body: &[u8]) -> Result<T, ResponseError> {
    let error = |source: serde_json::Error| ResponseError {
        http_status,
        body: String::from_utf8_lossy(body).into_owned(),
        source,
    };
    match format {
        BodyFormat::Json if !body.iter().all(u8::is_ascii_whitespace) => serde_json::from_slice(body).map_err(error),
        BodyFormat::Json | BodyFormat::None | BodyFormat::Binary => serde_json::from_str("{}").map_err(error),
        BodyFormat::Text => {
            serde_json::from_value(serde_json::Value::String(String::from_utf8_lossy(body).into_owned())).map_err(error)
        }
        BodyFormat::Xml if body.iter().all(u8::is_ascii_whitespace) => serde_json::from_str("{}").map_err(error),
        BodyFormat::Xml => {
            let value = crate::xml::to_value(body)
                .map_err(|e| error(<serde_json::Error as serde::de::Error>::custom(format!("XML: {e}"))))?;
            serde_json::from_value(value).map_err(error)
        }
    }
}

/// Reads a whole answer of a binding call into `T` ([`decode_body`] by the binding's response
/// format), keeping its status, headers and request id: what generated
/// `OperationRequest::read_styled` implementations call before picking the documented headers.
#[cfg(feature = "client")]
pub fn read_output<T: DeserializeOwned>(
    binding: &Binding,
    output: crate::Output<Vec<u8>>,
) -> Result<crate::Output<T>, ResponseError> {
    let format = if binding.response == BodyFormat::Binary { BodyFormat::None } else { binding.response };
    let value = decode_body(format, output.status, &output.value)?;
    Ok(output.map(|_| value))
}

#[cfg(test)]
mod tests;
