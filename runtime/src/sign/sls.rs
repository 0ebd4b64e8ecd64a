//! Simple Log Service's request signature 1: `Authorization: LOG <AccessKeyId>:<signature>`.
//!
//! As gateway-sls (`getSignature`, `buildCanonicalizedHeaders`, `buildCanonicalizedResource`)
//! and Alibaba Cloud's page "Simple Log Service: Request signatures" give it:
//!
//! ```text
//! string to sign = VERB "\n" CONTENT-MD5 "\n" CONTENT-TYPE "\n" DATE "\n"
//!                  { lowercase-name ":" value "\n" }   for every x-log-* and x-acs-* header, sorted
//!                  path [ "?" key "=" value { "&" key "=" value } ]   keys sorted, values as they are
//! signature      = base64(HMAC(secret, string to sign))   HMAC-SHA256 or HMAC-SHA1, as
//!                  x-log-signaturemethod says
//! ```
//!
//! `CONTENT-MD5` is the uppercase hex MD5 of the body (empty without a body), `DATE` the `date`
//! header (RFC 1123, GMT). The generated SDKs (through gateway-sls) sign with `hmac-sha256`; the
//! reference page and the hand-written Go SDK with `hmac-sha1`. Both are implemented; the service
//! reads the method from the `x-log-signaturemethod` header.

use std::fmt;
use std::time::SystemTime;

use md5::{Digest, Md5};

use super::common::{self, check_signature, header_lines, key_and_signature, with_added};
use super::{base64, format_http_date, hmac_sha1, hmac_sha256, parse_pairs, ReceivedRequest, Verified, VerifyError};
use crate::credentials::Credentials;

/// The `x-log-apiversion` every request carries.
pub const API_VERSION: &str = "0.6.0";

/// The HMAC of the signature, named by the `x-log-signaturemethod` header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SignatureMethod {
    /// `hmac-sha1`: the reference page's and the hand-written SDKs' method.
    HmacSha1,
    /// `hmac-sha256`: the generated SDKs' method (gateway-sls).
    #[default]
    HmacSha256,
}

impl SignatureMethod {
    /// The header value: `hmac-sha1` or `hmac-sha256`.
    pub const fn as_str(self) -> &'static str {
        match self {
            SignatureMethod::HmacSha1 => "hmac-sha1",
            SignatureMethod::HmacSha256 => "hmac-sha256",
        }
    }

    /// Reads a header value (case-insensitive).
    pub fn parse(value: &str) -> Option<Self> {
        let value = value.trim();
        if value.eq_ignore_ascii_case("hmac-sha1") {
            Some(SignatureMethod::HmacSha1)
        } else if value.eq_ignore_ascii_case("hmac-sha256") {
            Some(SignatureMethod::HmacSha256)
        } else {
            None
        }
    }
}

/// The uppercase hex MD5 of `body` (the `content-md5` value); empty for an empty body.
pub fn content_md5(body: &[u8]) -> String {
    if body.is_empty() {
        String::new()
    } else {
        hex::encode_upper(Md5::digest(body))
    }
}

/// The canonical resource: `path`, then, when there is a query, `?` and the pairs sorted by key
/// (then value), `key=value` joined with `&`, nothing encoded.
pub fn canonical_resource<K: AsRef<str>, V: AsRef<str>>(path: &str, query: &[(K, V)]) -> String {
    common::canonical_resource(path, query, false)
}

/// Whether a header takes part in the string to sign: its lowercase name contains `x-log-` or
/// `x-acs-` (gateway-sls tests `contains`, not a prefix).
pub fn is_signed_header(lowercase_name: &str) -> bool {
    lowercase_name.contains("x-log-") || lowercase_name.contains("x-acs-")
}

/// The canonical headers: `name:value\n` for every signed header, names lowercase and sorted,
/// values trimmed.
pub fn canonical_headers<K: AsRef<str>, V: AsRef<str>>(headers: &[(K, V)]) -> String {
    header_lines(headers, is_signed_header)
}

/// The string to sign, from its parts (see the [module documentation](self)).
pub fn string_to_sign<K: AsRef<str>, V: AsRef<str>, Q: AsRef<str>, W: AsRef<str>>(
    method: &str,
    content_md5: &str,
    content_type: &str,
    date: &str,
    headers: &[(K, V)],
    path: &str,
    query: &[(Q, W)],
) -> String {
    format!(
        "{method}\n{content_md5}\n{content_type}\n{date}\n{}{}",
        canonical_headers(headers),
        canonical_resource(path, query)
    )
}

/// `base64(HMAC(secret, string_to_sign))` with the HMAC of `method`.
pub fn signature(method: SignatureMethod, secret: &str, string_to_sign: &str) -> String {
    match method {
        SignatureMethod::HmacSha1 => base64(&hmac_sha1(secret.as_bytes(), string_to_sign.as_bytes())),
        SignatureMethod::HmacSha256 => base64(&hmac_sha256(secret.as_bytes(), string_to_sign.as_bytes())),
    }
}

/// The parts of an outgoing request that the signature covers.
#[derive(Debug, Clone, Copy)]
pub struct SignableRequest<'a> {
    /// The HTTP method (`GET`).
    pub method: &'a str,
    /// The path exactly as sent (percent-encoded), without the query: `/logstores/app_log`.
    pub path: &'a str,
    /// Query parameters, decoded, in any order.
    pub query: &'a [(String, String)],
    /// The headers already decided: `host`, `x-log-apiversion`, `x-log-bodyrawsize`, `accept`,
    /// `content-type` with a body. [`sign`] adds `date`, `content-md5`, `x-log-signaturemethod`,
    /// `x-acs-security-token` and `authorization` itself (an entry of the same name here is
    /// replaced).
    pub headers: &'a [(String, String)],
    /// The exact body bytes.
    pub body: &'a [u8],
}

/// What [`sign`] produced.
#[derive(Clone)]
pub struct Signature {
    /// The headers to add, lowercase: `date`, `content-md5` (with a body),
    /// `x-log-signaturemethod`, `x-acs-security-token` (with a token), `authorization`.
    pub headers: Vec<(&'static str, String)>,
    /// The string that was signed.
    pub string_to_sign: String,
    /// The base64 signature.
    pub signature: String,
}

impl Signature {
    /// The value of one of the added headers.
    pub fn header(&self, name: &str) -> Option<&str> {
        common::added_header(&self.headers, name)
    }
}

impl fmt::Debug for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let texts = [("string_to_sign", self.string_to_sign.as_str())];
        common::debug_signature(f, "x-acs-security-token", &self.headers, &texts, &self.signature)
    }
}

const ADDED_HEADERS: [&str; 5] =
    ["date", "content-md5", "x-log-signaturemethod", "x-acs-security-token", "authorization"];

/// Signs a request: a pure function of its inputs (the date is given, not read).
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use alibabacloud_runtime::sign::sls::{self, SignatureMethod};
/// use alibabacloud_runtime::Credentials;
///
/// let headers = vec![("x-log-apiversion".to_owned(), "0.6.0".to_owned()), ("x-log-bodyrawsize".to_owned(), "0".to_owned())];
/// let request = sls::SignableRequest { method: "GET", path: "/logstores", query: &[], headers: &headers, body: b"" };
/// let date = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
/// let signed = sls::sign(&request, &Credentials::new("id", "secret"), SignatureMethod::HmacSha256, date);
/// assert!(signed.header("authorization").unwrap().starts_with("LOG id:"));
/// assert_eq!(signed.header("date"), Some("Tue, 14 Nov 2023 22:13:20 GMT"));
/// ```
pub fn sign(
    request: &SignableRequest<'_>,
    credentials: &Credentials,
    method: SignatureMethod,
    date: SystemTime,
) -> Signature {
    let md5 = content_md5(request.body);
    let mut added: Vec<(&'static str, String)> =
        vec![("date", format_http_date(date)), ("x-log-signaturemethod", method.as_str().to_owned())];
    if !md5.is_empty() {
        added.push(("content-md5", md5.clone()));
    }
    if let Some(token) = &credentials.security_token {
        added.push(("x-acs-security-token", token.expose_secret().to_owned()));
    }
    let all = with_added(request.headers, &ADDED_HEADERS, &added);
    let content_type = all.iter().find(|(k, _)| k.eq_ignore_ascii_case("content-type")).map_or("", |(_, v)| *v);
    let string_to_sign =
        string_to_sign(request.method, &md5, content_type, &added[0].1, &all, request.path, request.query);
    let signature = signature(method, credentials.access_key_secret.expose_secret(), &string_to_sign);
    added.push(("authorization", format!("LOG {}:{signature}", credentials.access_key_id)));
    Signature { headers: added, string_to_sign, signature }
}

/// Checks a received request's `LOG` signature against `secret`, the way the service would: the
/// `Authorization` header parses, `date` and `x-log-apiversion` are there, `content-md5` matches
/// a non-empty body, and the signature recomputed over the request (with the method its
/// `x-log-signaturemethod` names, `hmac-sha1` when absent) matches.
pub fn verify(request: &ReceivedRequest<'_>, secret: &str) -> Result<Verified, VerifyError> {
    let (access_key_id, provided) = key_and_signature(request, "LOG")?;
    request.require(["date", "x-log-apiversion"])?;
    let method = match request.header("x-log-signaturemethod") {
        None => SignatureMethod::HmacSha1,
        Some(name) => SignatureMethod::parse(name).ok_or_else(|| VerifyError::UnsupportedAlgorithm(name.to_owned()))?,
    };
    let declared_md5 = request.header("content-md5").unwrap_or_default();
    if !request.body.is_empty() {
        let actual = content_md5(request.body);
        if declared_md5 != actual {
            return Err(VerifyError::ContentHashMismatch { declared: declared_md5.to_owned(), actual });
        }
    }
    let string_to_sign = string_to_sign(
        request.method,
        declared_md5,
        request.header("content-type").unwrap_or_default(),
        request.header("date").unwrap_or_default(),
        request.headers,
        request.path,
        &parse_pairs(request.query),
    );
    check_signature(signature(method, secret, &string_to_sign), provided, string_to_sign)?;
    let signed_headers =
        request.headers.iter().map(|(k, _)| k.to_ascii_lowercase()).filter(|k| is_signed_header(k)).collect();
    Ok(Verified { access_key_id: access_key_id.to_owned(), signed_headers })
}

#[cfg(test)]
#[path = "sls_tests.rs"]
mod tests;
