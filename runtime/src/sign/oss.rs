//! OSS signature V4 (`OSS4-HMAC-SHA256`), the default of gateway-oss and of the OSS v2 SDKs.
//!
//! As gateway-oss (`getSignatureV4`), the OSS Go SDK v2 (`oss/signer/v4.go`) and Alibaba Cloud's
//! page "OSS: Include a V4 signature in the Authorization header" give it:
//!
//! 1. canonical request = method, canonical URI (`/<bucket>/<key>` percent-encoded with `/`
//!    kept), canonical query (keys and values percent-encoded, sorted by key, `key` alone when the
//!    value is empty), canonical headers (`x-oss-*`, `content-type`, `content-md5` and the
//!    additional headers, lowercase, sorted, `name:value\n` each), the additional header names
//!    joined with `;`, and `UNSIGNED-PAYLOAD`, joined by `\n`;
//! 2. string to sign = `OSS4-HMAC-SHA256`, the `x-oss-date` (`YYYYMMDDTHHMMSSZ`), the scope
//!    `<YYYYMMDD>/<region>/oss/aliyun_v4_request` and the hex SHA-256 of the canonical request;
//! 3. signing key = HMAC-SHA256 chain from `aliyun_v4<secret>` over the date, the region, `oss`
//!    and `aliyun_v4_request`; signature = hex HMAC-SHA256 of the string to sign;
//! 4. `Authorization: OSS4-HMAC-SHA256 Credential=<id>/<scope>[,AdditionalHeaders=<a;b>],Signature=<hex>`.
//!
//! The payload is never hashed (`x-oss-content-sha256: UNSIGNED-PAYLOAD`), which is what lets an
//! object body be streamed.

use std::fmt;
use std::time::SystemTime;

use super::common::{self, joined_entries, lowercase_entries, with_added};
use super::{
    constant_time_eq, encoded_query, format_compact_date, format_http_date, hex_sha256, hmac_sha256, parse_pairs,
    percent_decode_path, percent_encode_path, ReceivedRequest, Verified, VerifyError,
};
use crate::credentials::Credentials;

/// The algorithm name.
pub const ALGORITHM: &str = "OSS4-HMAC-SHA256";
/// The `x-oss-content-sha256` value: the payload is not part of the signature.
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";
/// The product name of the scope.
pub const PRODUCT: &str = "oss";

/// Whether a header is always signed: `x-oss-*`, `content-type`, `content-md5`.
pub fn is_default_signed_header(lowercase_name: &str) -> bool {
    lowercase_name.starts_with("x-oss-") || lowercase_name == "content-type" || lowercase_name == "content-md5"
}

/// The canonical URI of an unencoded resource path (`/bucket/dir/a b.txt` gives
/// `/bucket/dir/a%20b.txt`).
pub fn canonical_uri(resource_path: &str) -> String {
    percent_encode_path(resource_path)
}

/// The resource path of a request: `/<bucket>/<key>`, `/<bucket>/` without a key, `/` without a
/// bucket (the key without its leading `/`).
pub fn resource_path(bucket: Option<&str>, key: &str) -> String {
    let key = key.trim_start_matches('/');
    match bucket.filter(|b| !b.is_empty()) {
        Some(bucket) => format!("/{bucket}/{key}"),
        None => format!("/{key}"),
    }
}

/// The canonical query of decoded pairs: each name and value percent-encoded, sorted by the
/// encoded name (then value), `name=value`, or `name` alone when the value is empty.
pub fn canonical_query<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    encoded_query(pairs, true)
}

/// The additional headers actually signed: the requested names, lowercase, that are present and
/// not signed anyway, sorted and deduplicated (Go v2 `getCommonAdditionalHeaders`).
pub fn additional_headers<K: AsRef<str>, V: AsRef<str>>(headers: &[(K, V)], requested: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = requested
        .iter()
        .map(|name| name.trim().to_ascii_lowercase())
        .filter(|name| !is_default_signed_header(name))
        .filter(|name| headers.iter().any(|(k, _)| k.as_ref().trim().eq_ignore_ascii_case(name)))
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// The canonical headers: the default signed headers and `additional`, names lowercase and
/// sorted, values trimmed (repeated headers joined with `,` in the order given), `name:value\n`
/// each.
pub fn canonical_headers<K: AsRef<str>, V: AsRef<str>>(headers: &[(K, V)], additional: &[String]) -> String {
    let mut entries = lowercase_entries(headers, |k| is_default_signed_header(k) || additional.iter().any(|a| a == k));
    // Sorted by name only (a stable sort): a repeated header's values are joined in the order given.
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    joined_entries(&entries).canonical
}

/// The scope: `<YYYYMMDD>/<region>/<product>/aliyun_v4_request`.
pub fn scope(date: &str, region: &str, product: &str) -> String {
    format!("{date}/{region}/{product}/aliyun_v4_request")
}

/// The signing key: HMAC-SHA256 chain from `aliyun_v4<secret>` over `date` (`YYYYMMDD`),
/// `region`, `product` and `aliyun_v4_request`.
pub fn signing_key(secret: &str, date: &str, region: &str, product: &str) -> [u8; 32] {
    let k = hmac_sha256(format!("aliyun_v4{secret}").as_bytes(), date.as_bytes());
    let k = hmac_sha256(&k, region.as_bytes());
    let k = hmac_sha256(&k, product.as_bytes());
    hmac_sha256(&k, b"aliyun_v4_request")
}

/// The string to sign: algorithm, timestamp, scope and hex SHA-256 of the canonical request.
pub fn string_to_sign(datetime: &str, scope: &str, canonical_request: &str) -> String {
    format!("{ALGORITHM}\n{datetime}\n{scope}\n{}", hex_sha256(canonical_request.as_bytes()))
}

/// The parts of an outgoing request that the signature covers.
#[derive(Debug, Clone, Copy)]
pub struct SignableRequest<'a> {
    /// The HTTP method.
    pub method: &'a str,
    /// The unencoded resource path: `/<bucket>/<key>` (see [`resource_path`]).
    pub resource_path: &'a str,
    /// Query parameters, decoded, in any order (sub-resources such as `acl` with an empty value).
    pub query: &'a [(String, String)],
    /// The headers already decided (`host`, `content-type`, `content-md5`, `x-oss-*`
    /// parameters). [`sign`] adds `x-oss-date`, `date`, `x-oss-content-sha256`,
    /// `x-oss-security-token` and `authorization` (an entry of the same name here is replaced).
    pub headers: &'a [(String, String)],
    /// Other headers to sign (`AdditionalHeaders`); names absent from `headers` are skipped.
    pub additional_headers: &'a [&'a str],
}

/// What [`sign`] produced.
#[derive(Clone)]
pub struct Signature {
    /// The headers to add, lowercase: `x-oss-date`, `date`, `x-oss-content-sha256`,
    /// `x-oss-security-token` (with a token), `authorization`.
    pub headers: Vec<(&'static str, String)>,
    /// The canonical request that was hashed.
    pub canonical_request: String,
    /// The string that was signed.
    pub string_to_sign: String,
    /// The hex signature.
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
        let texts = [("canonical_request", self.canonical_request.as_str()), ("string_to_sign", &self.string_to_sign)];
        common::debug_signature(f, "x-oss-security-token", &self.headers, &texts, &self.signature)
    }
}

const ADDED_HEADERS: [&str; 5] =
    ["x-oss-date", "date", "x-oss-content-sha256", "x-oss-security-token", "authorization"];

/// Signs a request for `region`: a pure function of its inputs.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use alibabacloud_runtime::sign::oss;
/// use alibabacloud_runtime::Credentials;
///
/// let headers = vec![("host".to_owned(), "bucket.oss-cn-hangzhou.aliyuncs.com".to_owned())];
/// let request = oss::SignableRequest {
///     method: "GET", resource_path: "/bucket/a.txt", query: &[], headers: &headers, additional_headers: &[],
/// };
/// let date = UNIX_EPOCH + Duration::from_secs(1_702_743_657);
/// let signed = oss::sign(&request, &Credentials::new("ak", "sk"), "cn-hangzhou", date);
/// assert!(signed.header("authorization").unwrap()
///     .starts_with("OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,Signature="));
/// assert_eq!(signed.header("x-oss-date"), Some("20231216T162057Z"));
/// ```
pub fn sign(request: &SignableRequest<'_>, credentials: &Credentials, region: &str, date: SystemTime) -> Signature {
    let datetime = format_compact_date(date);
    let mut added: Vec<(&'static str, String)> = vec![
        ("x-oss-date", datetime.clone()),
        ("date", format_http_date(date)),
        ("x-oss-content-sha256", UNSIGNED_PAYLOAD.to_owned()),
    ];
    if let Some(token) = &credentials.security_token {
        added.push(("x-oss-security-token", token.expose_secret().to_owned()));
    }
    let all = with_added(request.headers, &ADDED_HEADERS, &added);
    let additional = additional_headers(&all, request.additional_headers);
    let canonical_request = format!(
        "{}\n{}\n{}\n{}\n{}\n{UNSIGNED_PAYLOAD}",
        request.method,
        canonical_uri(request.resource_path),
        canonical_query(request.query),
        canonical_headers(&all, &additional),
        additional.join(";")
    );
    let day = &datetime[..8];
    let scope = scope(day, region, PRODUCT);
    let string_to_sign = string_to_sign(&datetime, &scope, &canonical_request);
    let key = signing_key(credentials.access_key_secret.expose_secret(), day, region, PRODUCT);
    let signature = hex::encode(hmac_sha256(&key, string_to_sign.as_bytes()));
    let mut authorization = format!("{ALGORITHM} Credential={}/{scope}", credentials.access_key_id);
    if !additional.is_empty() {
        authorization.push_str(",AdditionalHeaders=");
        authorization.push_str(&additional.join(";"));
    }
    authorization.push_str(",Signature=");
    authorization.push_str(&signature);
    added.push(("authorization", authorization));
    Signature { headers: added, canonical_request, string_to_sign, signature }
}

/// The parsed `Authorization` header of a V4-signed request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authorization {
    /// The AccessKey id.
    pub access_key_id: String,
    /// The scope's date (`YYYYMMDD`).
    pub date: String,
    /// The scope's region.
    pub region: String,
    /// The scope's product (`oss`).
    pub product: String,
    /// The additional headers signed.
    pub additional_headers: Vec<String>,
    /// The hex signature.
    pub signature: String,
}

impl Authorization {
    /// Parses `OSS4-HMAC-SHA256 Credential=<id>/<date>/<region>/<product>/aliyun_v4_request,
    /// [AdditionalHeaders=<a;b>,]Signature=<hex>` (spaces after the commas allowed).
    pub fn parse(value: &str) -> Result<Self, VerifyError> {
        let malformed = || VerifyError::MalformedAuthorization(value.to_owned());
        let (mut credential, mut additional, mut signature) = (None, Vec::new(), None);
        for (k, v) in common::authorization_params(value, ALGORITHM)? {
            match k {
                "Credential" => credential = Some(v),
                "AdditionalHeaders" => additional = v.split(';').map(str::to_owned).collect(),
                "Signature" => signature = Some(v.to_owned()),
                _ => return Err(malformed()),
            }
        }
        let parts: Vec<&str> = credential.ok_or_else(malformed)?.split('/').collect();
        match (parts.as_slice(), signature) {
            ([id, date, region, product, "aliyun_v4_request"], Some(signature)) => Ok(Authorization {
                access_key_id: (*id).to_owned(),
                date: (*date).to_owned(),
                region: (*region).to_owned(),
                product: (*product).to_owned(),
                additional_headers: additional,
                signature,
            }),
            _ => Err(malformed()),
        }
    }
}

/// Checks a received request's V4 signature against `secret`, as OSS does. `bucket` is the bucket
/// the host names (`None` for service-level requests); the resource path is rebuilt from it and the
/// request path. Required: `x-oss-date` within the scope's day, `x-oss-content-sha256`.
pub fn verify(request: &ReceivedRequest<'_>, bucket: Option<&str>, secret: &str) -> Result<Verified, VerifyError> {
    let authorization =
        Authorization::parse(request.header("authorization").ok_or(VerifyError::MissingAuthorization)?)?;
    request.require(["x-oss-date", "x-oss-content-sha256"])?;
    request.require(authorization.additional_headers.iter().map(String::as_str))?;
    let datetime = request.header("x-oss-date").unwrap_or_default();
    let resource = resource_path(bucket, &percent_decode_path(request.path));
    let canonical_request = format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        request.method,
        canonical_uri(&resource),
        canonical_query(&parse_pairs(request.query)),
        canonical_headers(request.headers, &authorization.additional_headers),
        authorization.additional_headers.join(";"),
        request.header("x-oss-content-sha256").unwrap_or(UNSIGNED_PAYLOAD)
    );
    let scope = scope(&authorization.date, &authorization.region, &authorization.product);
    let key = signing_key(secret, &authorization.date, &authorization.region, &authorization.product);
    let expected = hex::encode(hmac_sha256(&key, string_to_sign(datetime, &scope, &canonical_request).as_bytes()));
    if !datetime.starts_with(&authorization.date)
        || !constant_time_eq(expected.as_bytes(), authorization.signature.as_bytes())
    {
        return Err(VerifyError::SignatureMismatch { expected, canonical_request });
    }
    let mut signed_headers: Vec<String> = request
        .headers
        .iter()
        .map(|(k, _)| k.to_ascii_lowercase())
        .filter(|k| is_default_signed_header(k))
        .chain(authorization.additional_headers.iter().cloned())
        .collect();
    signed_headers.sort_unstable();
    signed_headers.dedup();
    Ok(Verified { access_key_id: authorization.access_key_id, signed_headers })
}

#[cfg(test)]
#[path = "oss_tests.rs"]
mod tests;
