//! ROA signature 1.0: `Authorization: acs <AccessKeyId>:<base64(HMAC-SHA1)>`, the default of
//! gateway-pds (PDS) and the classic ROA scheme of `alibabacloud-openapi-util`
//! (`get_string_to_sign`, `get_roasignature`).
//!
//! ```text
//! string to sign = VERB "\n" ACCEPT "\n" CONTENT-MD5 "\n" CONTENT-TYPE "\n" DATE "\n"
//!                  { name ":" value "\n" }          every x-acs-* header, lowercase, sorted
//!                  path [ "?" key [ "=" value ] { "&" ... } ]   keys sorted, values as they are,
//!                                                               an empty value gives the key alone
//! ```
//!
//! The signed requests carry `x-acs-signature-method: HMAC-SHA1`, `x-acs-signature-version: 1.0`
//! and a fresh `x-acs-signature-nonce`.

use std::fmt;
use std::time::SystemTime;

use super::common::{self, check_signature, header_lines, key_and_signature, with_added};
use super::{base64, format_http_date, hmac_sha1, parse_pairs, ReceivedRequest, Verified, VerifyError};
use crate::credentials::Credentials;

/// The canonical resource: `path`, then `?` and the pairs sorted by key (then value), `key=value`
/// or `key` alone for an empty value, joined with `&`, nothing encoded.
pub fn canonical_resource<K: AsRef<str>, V: AsRef<str>>(path: &str, query: &[(K, V)]) -> String {
    common::canonical_resource(path, query, true)
}

/// The canonical headers: `name:value\n` for every `x-acs-*` header, lowercase, sorted, trimmed.
pub fn canonical_headers<K: AsRef<str>, V: AsRef<str>>(headers: &[(K, V)]) -> String {
    header_lines(headers, |name| name.starts_with("x-acs-"))
}

fn header<'a, K: AsRef<str>, V: AsRef<str>>(headers: &'a [(K, V)], name: &str) -> &'a str {
    headers.iter().find(|(k, _)| k.as_ref().trim().eq_ignore_ascii_case(name)).map_or("", |(_, v)| v.as_ref())
}

/// The string to sign of a request (see the [module documentation](self)).
pub fn string_to_sign<K: AsRef<str>, V: AsRef<str>, Q: AsRef<str>, W: AsRef<str>>(
    method: &str,
    headers: &[(K, V)],
    path: &str,
    query: &[(Q, W)],
) -> String {
    format!(
        "{method}\n{}\n{}\n{}\n{}\n{}{}",
        header(headers, "accept"),
        header(headers, "content-md5"),
        header(headers, "content-type"),
        header(headers, "date"),
        canonical_headers(headers),
        canonical_resource(path, query)
    )
}

/// `base64(HMAC-SHA1(secret, string_to_sign))`.
pub fn signature(secret: &str, string_to_sign: &str) -> String {
    base64(&hmac_sha1(secret.as_bytes(), string_to_sign.as_bytes()))
}

/// The parts of an outgoing request that the signature covers.
#[derive(Debug, Clone, Copy)]
pub struct SignableRequest<'a> {
    /// The HTTP method.
    pub method: &'a str,
    /// The path as sent, without the query.
    pub path: &'a str,
    /// Query parameters, decoded, in any order.
    pub query: &'a [(String, String)],
    /// The headers already decided: `host`, `accept`, `x-acs-action`, `x-acs-version`,
    /// `content-type`. [`sign`] adds `date`, `x-acs-signature-nonce`, `x-acs-signature-method`,
    /// `x-acs-signature-version`, `x-acs-security-token` and `authorization` (an entry of the same
    /// name here is replaced).
    pub headers: &'a [(String, String)],
}

/// What [`sign`] produced.
#[derive(Clone)]
pub struct Signature {
    /// The headers to add, lowercase.
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

const ADDED_HEADERS: [&str; 6] = [
    "date",
    "x-acs-signature-nonce",
    "x-acs-signature-method",
    "x-acs-signature-version",
    "x-acs-security-token",
    "authorization",
];

/// Signs a request: a pure function of its inputs.
pub fn sign(request: &SignableRequest<'_>, credentials: &Credentials, date: SystemTime, nonce: &str) -> Signature {
    let mut added: Vec<(&'static str, String)> = vec![
        ("date", format_http_date(date)),
        ("x-acs-signature-nonce", nonce.to_owned()),
        ("x-acs-signature-method", "HMAC-SHA1".to_owned()),
        ("x-acs-signature-version", "1.0".to_owned()),
    ];
    if let Some(token) = &credentials.security_token {
        added.push(("x-acs-security-token", token.expose_secret().to_owned()));
    }
    let all = with_added(request.headers, &ADDED_HEADERS, &added);
    let string_to_sign = string_to_sign(request.method, &all, request.path, request.query);
    let signature = signature(credentials.access_key_secret.expose_secret(), &string_to_sign);
    added.push(("authorization", format!("acs {}:{signature}", credentials.access_key_id)));
    Signature { headers: added, string_to_sign, signature }
}

/// Checks a received request's `acs` signature against `secret`.
pub fn verify(request: &ReceivedRequest<'_>, secret: &str) -> Result<Verified, VerifyError> {
    let (access_key_id, provided) = key_and_signature(request, "acs")?;
    request.require(["date"])?;
    let string_to_sign = string_to_sign(request.method, request.headers, request.path, &parse_pairs(request.query));
    check_signature(signature(secret, &string_to_sign), provided, string_to_sign)?;
    let signed_headers =
        request.headers.iter().map(|(k, _)| k.to_ascii_lowercase()).filter(|k| k.starts_with("x-acs-")).collect();
    Ok(Verified { access_key_id: access_key_id.to_owned(), signed_headers })
}

#[cfg(test)]
#[path = "roa_tests.rs"]
mod tests;
