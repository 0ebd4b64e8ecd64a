//! Pure request building for every protocol: [`encode`] a serialized request by its parameter
//! specs, [`prepare`] the HTTP request (host, path, query, headers, body), [`sign_request`] one
//! attempt. Nothing here reads the clock, a random source or the network.

use std::time::SystemTime;

use serde::Serialize;
use serde_json::Value;

use super::{Binding, BodyFormat, Protocol};
use crate::credentials::Credentials;
use crate::error::ConstructionError;
use crate::operation::{Location, Method, Operation};
use crate::sign::{self, oss, percent_encode, percent_encode_path, roa, sls};
use crate::wire::{self, EncodedRequest};

/// A request in wire form, before it has a host: what [`encode`] makes of the serialized request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct StyledRequest {
    /// Host parameters (`project`, `bucket`), by wire name.
    pub host: Vec<(String, String)>,
    /// Path parameters, by wire name, values not encoded.
    pub path: Vec<(String, String)>,
    /// Query parameters, not encoded, in the order produced.
    pub query: Vec<(String, String)>,
    /// Header parameters (`x-oss-meta-*` expanded into one header per member).
    pub headers: Vec<(String, String)>,
    /// Form fields (`application/x-www-form-urlencoded`), not encoded.
    pub form: Vec<(String, String)>,
    /// The body parameter written by the binding's request format, with its content type.
    pub body: Option<(Vec<u8>, &'static str)>,
    /// A body given as a stream, sent as it is read: its length, if known.
    pub stream: Option<Option<u64>>,
}

/// Encodes `request` for `op`: [`encode_value`] of its serialization.
pub fn encode<T: Serialize + ?Sized>(
    op: &Operation,
    binding: &Binding,
    request: &T,
) -> Result<StyledRequest, ConstructionError> {
    let value = serde_json::to_value(request)
        .map_err(|e| ConstructionError::new(format!("the request does not serialize: {e}")))?;
    encode_value(op, binding, value)
}

/// Encodes a generated request for `op`: `values[i]` is the value of `op.params[i]` (what a
/// generated [`crate::encode::Encode::encode_styled`] hands over), each written as
/// [`encode_value`] writes the same request serialized with serde.
pub fn encode_params(
    op: &Operation,
    binding: &Binding,
    values: &[&dyn crate::encode::WireValue],
) -> Result<StyledRequest, ConstructionError> {
    crate::encode::check_arity(op, values)?;
    let mut map = serde_json::Map::new();
    for (spec, value) in op.params.iter().zip(values) {
        if value.is_unset() {
            continue;
        }
        let json = crate::encode::to_json(*value);
        let parsed = serde_json::from_str(&json)
            .map_err(|e| ConstructionError::new(format!("parameter `{}` does not encode: {e}", spec.name)))?;
        map.insert(spec.name.to_owned(), parsed);
    }
    encode_value(op, binding, Value::Object(map))
}

/// Encodes a serialized request: each member goes where its [`crate::ParamSpec`] says, written by
/// its style (see [`crate::wire`]); a header parameter whose name ends in `*` (`x-oss-meta-*`)
/// takes an object and becomes one header per member (`x-oss-meta-<key>`); the body parameter
/// ([`Location::JsonBody`]) is written as `binding.request` says.
pub fn encode_value(op: &Operation, binding: &Binding, value: Value) -> Result<StyledRequest, ConstructionError> {
    let map = match value {
        Value::Object(map) => map,
        Value::Null => serde_json::Map::new(),
        _ => return Err(ConstructionError::new("the request must serialize to an object")),
    };
    if let Some(unknown) = map.keys().find(|k| op.param(k).is_none()) {
        return Err(ConstructionError::new(format!("`{unknown}` is not a parameter of {}", op.action)));
    }
    let mut out = StyledRequest::default();
    let mut scratch = EncodedRequest::default();
    for spec in op.params {
        let Some(value) = map.get(spec.name).filter(|v| !v.is_null()) else { continue };
        match spec.location {
            Location::Host | Location::Path => {
                let text = wire::scalar(value).ok_or_else(|| {
                    ConstructionError::new(format!(
                        "{:?} parameter `{}` must be a single value",
                        spec.location, spec.name
                    ))
                })?;
                let list = if spec.location == Location::Host { &mut out.host } else { &mut out.path };
                list.push((spec.name.to_owned(), text));
            }
            Location::Header if spec.name.ends_with('*') => {
                let prefix = spec.name.trim_end_matches('*');
                let Value::Object(members) = value else {
                    return Err(ConstructionError::new(format!("header parameter `{}` must be an object", spec.name)));
                };
                for (key, member) in members {
                    if let Some(text) = wire::scalar(member) {
                        out.headers.push((format!("{prefix}{key}"), text));
                    }
                }
            }
            Location::JsonBody => out.body = encode_body(binding, spec.name, value)?,
            _ => wire::encode_param(spec, value, &mut scratch)?,
        }
    }
    out.query = scratch.query;
    out.headers.extend(scratch.headers);
    out.form = scratch.form;
    if out.body.is_none() && !out.form.is_empty() {
        out.body = Some((scratch_form(&out.form).into_bytes(), "application/x-www-form-urlencoded"));
    }
    Ok(out)
}

fn scratch_form(form: &[(String, String)]) -> String {
    sign::canonical_query(form)
}

fn encode_body(
    binding: &Binding,
    name: &str,
    value: &Value,
) -> Result<Option<(Vec<u8>, &'static str)>, ConstructionError> {
    let json_type = match binding.protocol {
        Protocol::Sls => "application/json",
        _ => "application/json; charset=utf-8",
    };
    Ok(Some(match (binding.request, value) {
        (BodyFormat::Json | BodyFormat::Text, Value::String(text)) => (text.clone().into_bytes(), json_type),
        (BodyFormat::Json, value) => (value.to_string().into_bytes(), json_type),
        (BodyFormat::Text, value) => (wire::scalar(value).unwrap_or_else(|| value.to_string()).into_bytes(), json_type),
        (BodyFormat::Xml, value) => (crate::xml::to_xml(value)?.into_bytes(), "application/xml"),
        (BodyFormat::None | BodyFormat::Binary, _) => {
            return Err(ConstructionError::new(format!(
                "body parameter `{name}` has no request format (binary bodies are passed as a Body)"
            )))
        }
    }))
}

/// Where requests go: the configured endpoint, or the protocol's endpoint for the region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// `http` or `https`.
    pub scheme: String,
    /// `host` or `host:port`.
    pub authority: String,
    /// A path prefix, without a trailing `/` (usually empty).
    pub base_path: String,
}

impl Target {
    /// A target over HTTPS with no path prefix.
    pub fn https(authority: impl Into<String>) -> Self {
        Target { scheme: "https".into(), authority: authority.into(), base_path: String::new() }
    }

    /// Whether the host is an IP address or `localhost`, which cannot take a host prefix: the
    /// connection then goes to the endpoint and only the `host` header names the prefixed host.
    pub fn is_address(&self) -> bool {
        let host = match self.authority.rsplit_once(':') {
            Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) && !host.ends_with(':') => host,
            _ => self.authority.as_str(),
        };
        let bare = host.trim_start_matches('[').trim_end_matches(']');
        bare.eq_ignore_ascii_case("localhost") || bare.parse::<std::net::IpAddr>().is_ok()
    }
}

/// A request ready to sign and send.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PreparedRequest {
    /// The HTTP method.
    pub method: Method,
    /// `http` or `https`.
    pub scheme: String,
    /// Where to connect: `host[:port]`.
    pub authority: String,
    /// The `host` header: the authority, or `<prefix>.<authority>` with a host parameter.
    pub host: String,
    /// The host parameter's value (SLS project, OSS bucket), if any.
    pub host_prefix: Option<String>,
    /// The path as sent (percent-encoded), base path included.
    pub path: String,
    /// The path with its parameters filled in, not encoded, without the base path.
    pub raw_path: String,
    /// Query parameters, not encoded: the path template's fragment (`type=log`, `acl=`) and the
    /// query parameters.
    pub query: Vec<(String, String)>,
    /// Every header decided before signing, names lowercase except header parameters.
    pub headers: Vec<(String, String)>,
    /// The body bytes (empty without a body or when the body is streamed).
    pub body: Vec<u8>,
    /// Whether the body is a stream given separately.
    pub streamed: bool,
}

impl PreparedRequest {
    /// The URL: scheme, authority, path and the query encoded as the canonical query.
    pub fn url(&self) -> String {
        let mut url = format!("{}://{}{}", self.scheme, self.authority, self.path);
        if !self.query.is_empty() {
            url.push('?');
            url.push_str(&sign::canonical_query(&self.query));
        }
        url
    }

    /// The first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Builds the HTTP request of `op` from its encoded parameters, for `target`:
///
/// - host: `<host parameter>.<authority>` for SLS and OSS (connecting to the authority itself
///   when it is an address, see [`Target::is_address`]); host parameters are not sent otherwise;
/// - path: the template before `?`, with `{name}`/`[name]` filled with the percent-encoded values
///   (OSS object keys and ACS3 values keep their `/`); a path parameter that is no placeholder of the template
///   is the whole path (cloudcontrol's `requestPath`);
/// - query: the template's fragment after `?` (`type=log`, `acl`) and the query parameters (for
///   OSS a parameter wins over the fragment, elsewhere the fragment wins, as in the gateways);
/// - headers: the protocol's (`x-acs-action`/`x-acs-version`, `x-log-apiversion`/
///   `x-log-bodyrawsize`, `accept`), `content-type` (and for XML bodies `content-md5`), then the
///   header parameters, which replace a default of the same name.
pub fn prepare(
    op: &Operation,
    binding: &Binding,
    request: StyledRequest,
    target: &Target,
) -> Result<PreparedRequest, ConstructionError> {
    let protocol = binding.protocol;
    let (template, fragment) = op.path.split_once('?').unwrap_or((op.path, ""));
    // OSS object keys keep their `/` (gateway-oss `getEncodePath`); so do ACS3 values, whose path
    // is signed unencoded and must read back the same.
    let keep_slash = matches!(protocol, Protocol::Oss | Protocol::Acs3);
    let (encoded_path, raw_path) = fill_path(template, &request.path, keep_slash)?;

    let host_prefix = match protocol {
        Protocol::Sls | Protocol::Oss => request.host.first().map(|(_, v)| v.clone()).filter(|v| !v.is_empty()),
        Protocol::Acs3 | Protocol::Pds => None,
    };
    let host = match &host_prefix {
        Some(prefix) => format!("{prefix}.{}", target.authority),
        None => target.authority.clone(),
    };
    let authority = if host_prefix.is_some() && !target.is_address() { host.clone() } else { target.authority.clone() };

    let mut query: Vec<(String, String)> = Vec::new();
    for part in fragment.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = part.split_once('=').unwrap_or((part, ""));
        if protocol == Protocol::Oss && request.query.iter().any(|(q, _)| q == k) {
            continue;
        }
        query.push((k.to_owned(), v.to_owned()));
    }
    let fragment_keys: Vec<String> = query.iter().map(|(k, _)| k.clone()).collect();
    query.extend(request.query.into_iter().filter(|(k, _)| protocol == Protocol::Oss || !fragment_keys.contains(k)));

    let mut headers: Vec<(String, String)> = vec![("host".into(), host.clone())];
    let mut set = |name: &str, value: String| headers.push((name.to_owned(), value));
    match protocol {
        Protocol::Acs3 | Protocol::Pds => {
            set("x-acs-action", op.action.to_owned());
            set("x-acs-version", op.service.version.to_owned());
            set("accept", "application/json".into());
        }
        Protocol::Sls => {
            set("accept", "application/json".into());
            set("x-log-apiversion", sls::API_VERSION.into());
            let size = request.body.as_ref().map_or(0, |(bytes, _)| bytes.len());
            set("x-log-bodyrawsize", size.to_string());
        }
        Protocol::Oss => {}
    }
    let (body, streamed) = match (request.body, request.stream) {
        (_, Some(length)) => {
            set("content-type", "application/octet-stream".into());
            if let Some(length) = length {
                set("content-length", length.to_string());
            }
            (Vec::new(), true)
        }
        (Some((bytes, content_type)), None) => {
            set("content-type", content_type.into());
            if content_type == "application/xml" {
                set("content-md5", sign::base64(&md5_digest(&bytes)));
            }
            (bytes, false)
        }
        (None, None) => (Vec::new(), false),
    };
    for (name, value) in request.headers {
        headers.retain(|(k, _)| !k.eq_ignore_ascii_case(&name));
        headers.push((name, value));
    }
    Ok(PreparedRequest {
        method: op.method,
        scheme: target.scheme.clone(),
        authority,
        host,
        host_prefix,
        path: format!("{}{encoded_path}", target.base_path),
        raw_path,
        query,
        headers,
        body,
        streamed,
    })
}

fn md5_digest(bytes: &[u8]) -> [u8; 16] {
    use md5::Digest as _;
    md5::Md5::digest(bytes).into()
}

/// Fills the placeholders of `template` (`{name}` or `[name]`): the encoded path and the raw one.
fn fill_path(
    template: &str,
    params: &[(String, String)],
    keep_slash: bool,
) -> Result<(String, String), ConstructionError> {
    let placeholders = placeholders(template);
    // A parameter that is no placeholder is the whole path (cloudcontrol's `requestPath` against
    // `/api/v1/providers/{provider}/products/{product}/resources/*`).
    if let Some((name, whole)) = params.iter().find(|(k, _)| !placeholders.contains(&k.as_str())) {
        if params.len() > 1 {
            return Err(ConstructionError::new(format!("`{name}` is not a placeholder of the path `{template}`")));
        }
        let whole = if whole.starts_with('/') { whole.clone() } else { format!("/{whole}") };
        return Ok((percent_encode_path(&whole), whole));
    }
    let encode = |value: &str| if keep_slash { percent_encode_path(value) } else { percent_encode(value) };
    let (mut encoded, mut raw) = (String::new(), String::new());
    let mut rest = template;
    while let Some((start, name, end)) = next_placeholder(rest) {
        let value = params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .ok_or_else(|| ConstructionError::new(format!("path parameter `{name}` has no value")))?;
        encoded.push_str(&percent_encode_path(&rest[..start]));
        raw.push_str(&rest[..start]);
        encoded.push_str(&encode(value));
        raw.push_str(value);
        rest = &rest[end..];
    }
    encoded.push_str(&percent_encode_path(rest));
    raw.push_str(rest);
    Ok((encoded, raw))
}

/// The next `{name}` or `[name]` of `path`: its start, the name, and the index after it.
fn next_placeholder(path: &str) -> Option<(usize, &str, usize)> {
    let start = path.find(['{', '['])?;
    let close = if path.as_bytes()[start] == b'{' { '}' } else { ']' };
    let len = path[start + 1..].find(close)?;
    Some((start, &path[start + 1..start + 1 + len], start + len + 2))
}

fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some((_, name, end)) = next_placeholder(rest) {
        names.push(name);
        rest = &rest[end..];
    }
    names
}

/// The headers that sign one attempt of `request`, by the protocol's scheme: ACS3 (with `nonce`),
/// SLS `LOG` (HMAC-SHA256), OSS V4 (for `region`), ROA 1.0 (with `nonce`). A pure function.
pub fn sign_request(
    protocol: Protocol,
    request: &PreparedRequest,
    credentials: &Credentials,
    region: &str,
    date: SystemTime,
    nonce: &str,
) -> Vec<(&'static str, String)> {
    let method = request.method.as_str();
    match protocol {
        Protocol::Acs3 => {
            let path = sign::percent_decode_path(&request.path);
            let signable = sign::SignableRequest {
                method,
                path: &path,
                query: &request.query,
                headers: &request.headers,
                body: &request.body,
            };
            sign::sign(&signable, credentials, date, nonce).headers
        }
        Protocol::Sls => {
            let signable = sls::SignableRequest {
                method,
                path: &request.path,
                query: &request.query,
                headers: &request.headers,
                body: &request.body,
            };
            sls::sign(&signable, credentials, sls::SignatureMethod::HmacSha256, date).headers
        }
        Protocol::Oss => {
            let resource = oss::resource_path(request.host_prefix.as_deref(), &request.raw_path);
            let signable = oss::SignableRequest {
                method,
                resource_path: &resource,
                query: &request.query,
                headers: &request.headers,
                additional_headers: &[],
            };
            oss::sign(&signable, credentials, region, date).headers
        }
        Protocol::Pds => {
            let signable =
                roa::SignableRequest { method, path: &request.path, query: &request.query, headers: &request.headers };
            roa::sign(&signable, credentials, date, nonce).headers
        }
    }
}
