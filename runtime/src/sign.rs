//! Signature V3 (`ACS3-HMAC-SHA256`), the official SDKs' default, as pure functions.
//!
//! [`sign`] takes the request parts, the credentials, the date and the nonce, and returns the
//! headers to add; nothing here reads the clock or a random source, so every step is testable.
//! [`verify`] does the server's side: it recomputes the signature of a received request, for test
//! servers that want to check every request a client sends.
//!
//! The steps, as Alibaba Cloud's reference page "Request syntax and signature method V3" gives
//! them:
//!
//! 1. canonical request = method, canonical URI, canonical query, canonical headers, signed
//!    header list and the hex SHA-256 of the body, joined by `\n` (the canonical headers end with
//!    their own `\n`, so an empty line follows them);
//! 2. string to sign = `ACS3-HMAC-SHA256`, `\n`, hex SHA-256 of the canonical request;
//! 3. signature = hex HMAC-SHA256 of the string to sign, keyed with the AccessKey secret;
//! 4. `Authorization: ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<a;b>,Signature=<hex>`.
//!
//! The other schemes of the catalogue live in submodules, with the same shape (a pure `sign`, a
//! server-side `verify`): [`sls`] (Simple Log Service's `LOG` signature), [`oss`] (OSS
//! `OSS4-HMAC-SHA256`) and [`roa`] (ROA signature 1.0, `acs <id>:<sig>`, used by PDS).
//! `docs/API-STYLES.md` says which product uses which, with sources.

mod common;
pub mod oss;
pub mod roa;
pub mod sls;

use std::fmt;
use std::time::SystemTime;

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use crate::credentials::Credentials;

/// The algorithm name, first word of the `Authorization` header and of the string to sign.
pub const ALGORITHM: &str = "ACS3-HMAC-SHA256";

/// Percent-encodes `s` the way the canonical query wants it: every byte but `A-Z a-z 0-9 - _ .
/// ~` becomes `%XX` with uppercase hex (so a space is `%20` and `*` is `%2A`).
///
/// ```
/// use alibabacloud_runtime::sign::percent_encode;
/// assert_eq!(percent_encode("a b*c~/é"), "a%20b%2Ac~%2F%C3%A9");
/// ```
pub fn percent_encode(s: &str) -> String {
    encode_with(s, |_| false)
}

/// Percent-encodes a path, keeping `/` as is (the canonical URI).
pub fn percent_encode_path(path: &str) -> String {
    encode_with(path, |b| b == b'/')
}

/// A request path whose parameters are already percent-encoded (`/clusters/a%2Fb`), made safe to
/// send and to sign: bytes other than unreserved ones, `/` and `%` are encoded, escapes already
/// there are kept. Encoding twice (`%2F` → `%252F`) would send another path than the one asked.
pub fn normalize_path(path: &str) -> String {
    encode_with(path, |b| b == b'/' || b == b'%')
}

fn encode_with(s: &str, also_keep: impl Fn(u8) -> bool) -> String {
    let mut out = String::with_capacity(s.len());
    encode_into(&mut out, s, also_keep);
    out
}

/// Whether `b` is kept as is by [`percent_encode`].
fn unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~')
}

/// Appends `s` to `out`, percent-encoded.
fn encode_into(out: &mut String, s: &str, also_keep: impl Fn(u8) -> bool) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut start = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if unreserved(b) || also_keep(b) {
            continue;
        }
        // Bytes kept as they are are ASCII, so `start..i` lies on character boundaries whenever
        // it is not empty (an escaped multi-byte character is escaped byte by byte).
        if start < i {
            out.push_str(&s[start..i]);
        }
        out.push('%');
        out.push(HEX[usize::from(b >> 4)] as char);
        out.push(HEX[usize::from(b & 0x0f)] as char);
        start = i + 1;
    }
    out.push_str(&s[start..]);
}

/// `s` percent-encoded, borrowed when nothing needs encoding (names and most values).
fn encoded(s: &str) -> std::borrow::Cow<'_, str> {
    if s.bytes().all(unreserved) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(percent_encode(s))
    }
}

/// Decodes `%XX` escapes (and `+` as a space, as form and query decoders do). Malformed escapes
/// are kept as they are; bytes that are not UTF-8 become U+FFFD.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex_value(bytes[i + 1]), hex_value(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h << 4 | l);
                    i += 3;
                }
                _ => {
                    out.push(b'%');
                    i += 1;
                }
            },
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// The canonical query: names and values percent-encoded, pairs sorted by name in plain byte
/// order (so `Tag.10` comes before `Tag.2`), then by value, joined as `k=v&k=v`. An empty value
/// gives `k=`.
pub fn canonical_query<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    encoded_query(pairs, false)
}

/// Names and values percent-encoded, pairs sorted by name then value, joined as `k=v&k=v`; an
/// empty value gives `k=`, or `k` alone when `bare_empty` (OSS V4).
fn encoded_query<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)], bare_empty: bool) -> String {
    let mut encoded: Vec<(std::borrow::Cow<'_, str>, std::borrow::Cow<'_, str>)> =
        pairs.iter().map(|(k, v)| (encoded(k.as_ref()), encoded(v.as_ref()))).collect();
    encoded.sort_unstable();
    let mut out = String::with_capacity(encoded.iter().map(|(k, v)| k.len() + v.len() + 2).sum());
    for (k, v) in &encoded {
        if !out.is_empty() {
            out.push('&');
        }
        out.push_str(k);
        if !(bare_empty && v.is_empty()) {
            out.push('=');
            out.push_str(v);
        }
    }
    out
}

/// Whether a header takes part in the signature: `host`, `content-type` and every `x-acs-*`.
pub fn is_signed_header(lowercase_name: &str) -> bool {
    lowercase_name == "host" || lowercase_name == "content-type" || lowercase_name.starts_with("x-acs-")
}

/// Canonical headers and the signed header list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CanonicalHeaders {
    /// `name:value\n` per signed header, names lowercase and sorted, values trimmed (repeated
    /// headers joined with `,` in sorted order).
    pub canonical: String,
    /// The lowercase names joined with `;` (`host;x-acs-action;...`).
    pub signed: String,
}

/// Builds the canonical headers from every header for which `include` is true (given the
/// lowercase name).
pub fn canonical_headers_where<K: AsRef<str>, V: AsRef<str>>(
    headers: &[(K, V)],
    include: impl Fn(&str) -> bool,
) -> CanonicalHeaders {
    let mut entries = common::lowercase_entries(headers, include);
    // Sorted by name, then value: a repeated header's values are joined in sorted order.
    entries.sort_unstable();
    common::joined_entries(&entries)
}

/// Builds the canonical headers from the headers that must be signed ([`is_signed_header`]).
pub fn canonical_headers<K: AsRef<str>, V: AsRef<str>>(headers: &[(K, V)]) -> CanonicalHeaders {
    canonical_headers_where(headers, is_signed_header)
}

/// Lowercase hex SHA-256 of `bytes` (the `x-acs-content-sha256` value for a body).
pub fn hex_sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Joins the parts of a canonical request.
pub fn canonical_request(
    method: &str,
    canonical_uri: &str,
    canonical_query: &str,
    headers: &CanonicalHeaders,
    hashed_payload: &str,
) -> String {
    let parts = [method, canonical_uri, canonical_query, &headers.canonical, &headers.signed, hashed_payload];
    let mut out = String::with_capacity(parts.iter().map(|p| p.len() + 1).sum());
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(part);
    }
    out
}

/// `ACS3-HMAC-SHA256\n` followed by the hex SHA-256 of the canonical request.
pub fn string_to_sign(canonical_request: &str) -> String {
    let mut out = String::with_capacity(ALGORITHM.len() + 65);
    out.push_str(ALGORITHM);
    out.push('\n');
    out.push_str(&hex_sha256(canonical_request.as_bytes()));
    out
}

/// Lowercase hex HMAC-SHA256 of `string_to_sign`, keyed with `secret`.
pub fn signature(secret: &str, string_to_sign: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC accepts keys of any size");
    mac.update(string_to_sign.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// Formats `date` as `x-acs-date` wants it: `YYYY-MM-DDTHH:MM:SSZ`, UTC.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use alibabacloud_runtime::sign::format_date;
/// let date = UNIX_EPOCH + Duration::from_secs(1_698_315_752);
/// assert_eq!(format_date(date), "2023-10-26T10:22:32Z");
/// ```
pub fn format_date(date: SystemTime) -> String {
    let utc = time::OffsetDateTime::from(date);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        utc.year(),
        u8::from(utc.month()),
        utc.day(),
        utc.hour(),
        utc.minute(),
        utc.second()
    )
}

/// Formats `date` as the HTTP `Date` header wants it (RFC 1123, GMT):
/// `Mon, 03 Jan 2010 08:33:47 GMT`.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use alibabacloud_runtime::sign::format_http_date;
/// let date = UNIX_EPOCH + Duration::from_secs(1_262_507_627);
/// assert_eq!(format_http_date(date), "Sun, 03 Jan 2010 08:33:47 GMT");
/// ```
pub fn format_http_date(date: SystemTime) -> String {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let utc = time::OffsetDateTime::from(date);
    format!(
        "{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT",
        DAYS[usize::from(utc.weekday().number_days_from_monday())],
        utc.day(),
        MONTHS[usize::from(u8::from(utc.month()) - 1)],
        utc.year(),
        utc.hour(),
        utc.minute(),
        utc.second()
    )
}

/// Formats `date` as the V4 schemes' timestamp: `YYYYMMDDTHHMMSSZ`, UTC (`x-oss-date`).
pub fn format_compact_date(date: SystemTime) -> String {
    format_date(date).replace(['-', ':'], "")
}

/// Standard base64 (with padding) of `bytes`.
pub(crate) fn base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// HMAC-SHA256 of `message` keyed with `key`.
pub(crate) fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC accepts keys of any size");
    mac.update(message);
    mac.finalize().into_bytes().into()
}

/// HMAC-SHA1 of `message` keyed with `key`.
pub(crate) fn hmac_sha1(key: &[u8], message: &[u8]) -> [u8; 20] {
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(key).expect("HMAC accepts keys of any size");
    mac.update(message);
    mac.finalize().into_bytes().into()
}

/// Decodes the `%XX` escapes of a path (a `+` stays a `+`, unlike in a query). Malformed escapes
/// are kept as they are; bytes that are not UTF-8 become U+FFFD.
pub fn percent_decode_path(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex_value(bytes[i + 1]), hex_value(bytes[i + 2])) {
                out.push(h << 4 | l);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The parts of an outgoing request that the signature covers.
#[derive(Debug, Clone, Copy)]
pub struct SignableRequest<'a> {
    /// The HTTP method (`POST`).
    pub method: &'a str,
    /// The path, not yet percent-encoded (`/`).
    pub path: &'a str,
    /// Query parameters, not yet percent-encoded, in any order.
    pub query: &'a [(String, String)],
    /// The headers already decided: at least `host`, `x-acs-action`, `x-acs-version`, and
    /// `content-type` when there is a body. [`sign`] adds the date, nonce, content hash and
    /// security token itself (an entry of the same name here is replaced).
    pub headers: &'a [(String, String)],
    /// The exact body bytes.
    pub body: &'a [u8],
}

/// What [`sign`] produced: the headers to send, and the intermediate strings for diagnostics.
#[derive(Clone)]
pub struct Signature {
    /// The headers to add to the request, lowercase: `x-acs-date`, `x-acs-signature-nonce`,
    /// `x-acs-content-sha256`, `x-acs-security-token` (with a token), and `authorization`.
    pub headers: Vec<(&'static str, String)>,
    /// The canonical request that was hashed.
    pub canonical_request: String,
    /// The string that was signed.
    pub string_to_sign: String,
    /// The hex signature.
    pub signature: String,
}

impl fmt::Debug for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let texts = [("canonical_request", self.canonical_request.as_str()), ("string_to_sign", &self.string_to_sign)];
        common::debug_signature(f, "x-acs-security-token", &self.headers, &texts, &self.signature)
    }
}

impl Signature {
    /// The value of one of the added headers.
    pub fn header(&self, name: &str) -> Option<&str> {
        common::added_header(&self.headers, name)
    }
}

const ADDED_HEADERS: [&str; 5] =
    ["x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256", "x-acs-security-token", "authorization"];

/// Signs a request: a pure function of its inputs.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use alibabacloud_runtime::{sign, Credentials};
///
/// let headers = vec![
///     ("host".to_owned(), "vpc.cn-hangzhou.aliyuncs.com".to_owned()),
///     ("x-acs-action".to_owned(), "DescribeFlowLogs".to_owned()),
///     ("x-acs-version".to_owned(), "2016-04-28".to_owned()),
/// ];
/// let query = vec![("RegionId".to_owned(), "cn-hangzhou".to_owned())];
/// let request = sign::SignableRequest { method: "POST", path: "/", query: &query, headers: &headers, body: b"" };
/// let credentials = Credentials::new("id", "secret");
/// let date = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
/// let signed = sign::sign(&request, &credentials, date, "nonce-1");
/// assert!(signed.header("authorization").unwrap().starts_with("ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host;"));
/// ```
pub fn sign(request: &SignableRequest<'_>, credentials: &Credentials, date: SystemTime, nonce: &str) -> Signature {
    let hashed_payload = hex_sha256(request.body);
    let mut added: Vec<(&'static str, String)> = Vec::with_capacity(ADDED_HEADERS.len());
    added.extend([
        ("x-acs-date", format_date(date)),
        ("x-acs-signature-nonce", nonce.to_owned()),
        ("x-acs-content-sha256", hashed_payload.clone()),
    ]);
    if let Some(token) = &credentials.security_token {
        added.push(("x-acs-security-token", token.expose_secret().to_owned()));
    }
    let headers = canonical_headers(&common::with_added(request.headers, &ADDED_HEADERS, &added));
    let canonical_request = canonical_request(
        request.method,
        &normalize_path(request.path),
        &canonical_query(request.query),
        &headers,
        &hashed_payload,
    );
    let string_to_sign = string_to_sign(&canonical_request);
    let signature = signature(credentials.access_key_secret.expose_secret(), &string_to_sign);
    added.push((
        "authorization",
        format!(
            "{ALGORITHM} Credential={},SignedHeaders={},Signature={signature}",
            credentials.access_key_id, headers.signed
        ),
    ));
    Signature { headers: added, canonical_request, string_to_sign, signature }
}

/// A request as a server received it, for [`verify`].
#[derive(Debug, Clone, Copy)]
pub struct ReceivedRequest<'a> {
    /// The HTTP method.
    pub method: &'a str,
    /// The path as it appeared on the request line, without the query (still percent-encoded).
    pub path: &'a str,
    /// The raw query string, without the `?` (still percent-encoded).
    pub query: &'a str,
    /// Every header received, names in any case.
    pub headers: &'a [(String, String)],
    /// The body bytes.
    pub body: &'a [u8],
}

impl ReceivedRequest<'_> {
    /// The first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The query parameters, decoded, in the order received.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        parse_pairs(self.query)
    }

    /// `Ok` when every header of `names` was received, else the first one missing.
    fn require<'n>(&self, names: impl IntoIterator<Item = &'n str>) -> Result<(), VerifyError> {
        match names.into_iter().find(|name| self.header(name).is_none()) {
            Some(missing) => Err(VerifyError::MissingHeader(missing.to_owned())),
            None => Ok(()),
        }
    }
}

/// Splits `a=1&b=2` into decoded pairs (a missing `=` gives an empty value).
pub fn parse_pairs(raw: &str) -> Vec<(String, String)> {
    raw.split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

/// The parsed `Authorization` header of a V3-signed request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authorization {
    /// The AccessKey id (`Credential=`).
    pub access_key_id: String,
    /// The signed header names, lowercase, in the order given.
    pub signed_headers: Vec<String>,
    /// The hex signature.
    pub signature: String,
}

impl Authorization {
    /// Parses `ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<a;b>,Signature=<hex>`.
    pub fn parse(value: &str) -> Result<Self, VerifyError> {
        let malformed = || VerifyError::MalformedAuthorization(value.to_owned());
        let (mut id, mut signed, mut sig) = (None, None, None);
        for (k, v) in common::authorization_params(value, ALGORITHM)? {
            match k {
                "Credential" => id = Some(v.to_owned()),
                "SignedHeaders" => signed = Some(v.to_owned()),
                "Signature" => sig = Some(v.to_owned()),
                _ => return Err(malformed()),
            }
        }
        match (id, signed, sig) {
            (Some(access_key_id), Some(signed), Some(signature)) => Ok(Authorization {
                access_key_id,
                signed_headers: signed.split(';').map(str::to_owned).collect(),
                signature,
            }),
            _ => Err(malformed()),
        }
    }
}

/// What [`verify`] found in a request whose signature is right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The AccessKey id that signed the request.
    pub access_key_id: String,
    /// The signed header names.
    pub signed_headers: Vec<String>,
}

/// Why a received request's signature was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// No `Authorization` header.
    #[error("no Authorization header")]
    MissingAuthorization,
    /// The `Authorization` header does not have the V3 form.
    #[error("malformed Authorization header: {0}")]
    MalformedAuthorization(String),
    /// Another algorithm than `ACS3-HMAC-SHA256`.
    #[error("unsupported signature algorithm {0}")]
    UnsupportedAlgorithm(String),
    /// A header that must be signed (`host`, `x-acs-*`) was sent but not listed as signed.
    #[error("header {0} is present but not signed")]
    UnsignedHeader(String),
    /// A header listed as signed (or required: `host`, `x-acs-date`, ...) was not sent.
    #[error("header {0} is missing")]
    MissingHeader(String),
    /// `x-acs-content-sha256` is not the hash of the body.
    #[error("x-acs-content-sha256 is {declared} but the body hashes to {actual}")]
    ContentHashMismatch {
        /// The header value.
        declared: String,
        /// The hash of the body received.
        actual: String,
    },
    /// The signature differs from the one recomputed from the request.
    #[error("signature mismatch; the server-side canonical request was:\n{canonical_request}")]
    SignatureMismatch {
        /// The signature the server computed.
        expected: String,
        /// The canonical request the server computed.
        canonical_request: String,
    },
}

/// Recomputes the canonical request and signature of a received request over the headers named
/// in `signed_headers` (lowercase), as the service does.
pub fn recompute_signature(request: &ReceivedRequest<'_>, signed_headers: &[String], secret: &str) -> (String, String) {
    let headers = canonical_headers_where(request.headers, |name| signed_headers.iter().any(|s| s == name));
    let hashed_payload =
        request.header("x-acs-content-sha256").map(str::to_owned).unwrap_or_else(|| hex_sha256(request.body));
    let canonical_request = canonical_request(
        request.method,
        &normalize_path(request.path),
        &canonical_query(&request.query_pairs()),
        &headers,
        &hashed_payload,
    );
    let signature = signature(secret, &string_to_sign(&canonical_request));
    (canonical_request, signature)
}

/// Checks a received request's V3 signature against `secret`, the way the service would: the
/// `Authorization` header parses, `host` and every `x-acs-*` header sent are signed, the
/// required headers are there, the content hash matches the body, and the signature matches.
pub fn verify(request: &ReceivedRequest<'_>, secret: &str) -> Result<Verified, VerifyError> {
    let authorization =
        Authorization::parse(request.header("authorization").ok_or(VerifyError::MissingAuthorization)?)?;
    request.require([
        "host",
        "x-acs-action",
        "x-acs-version",
        "x-acs-date",
        "x-acs-signature-nonce",
        "x-acs-content-sha256",
    ])?;
    request.require(authorization.signed_headers.iter().map(String::as_str))?;
    for (name, _) in request.headers {
        let lower = name.to_ascii_lowercase();
        if (lower == "host" || lower.starts_with("x-acs-")) && !authorization.signed_headers.contains(&lower) {
            return Err(VerifyError::UnsignedHeader(lower));
        }
    }
    let actual = hex_sha256(request.body);
    let declared = request.header("x-acs-content-sha256").unwrap_or_default();
    if declared != actual {
        return Err(VerifyError::ContentHashMismatch { declared: declared.to_owned(), actual });
    }
    let (canonical_request, expected) = recompute_signature(request, &authorization.signed_headers, secret);
    common::check_signature(expected, &authorization.signature, canonical_request)?;
    Ok(Verified { access_key_id: authorization.access_key_id, signed_headers: authorization.signed_headers })
}

pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
#[path = "sign_tests.rs"]
mod tests;
