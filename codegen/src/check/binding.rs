//! Styles and protocols: which `info.style`s are generated, the protocol a product travels with
//! (chosen by product code, as the official SDKs choose their gateway), and per operation the
//! [`Binding`] the plain RPC/ROA call cannot do without: body formats, a binary request body, an
//! answer that is a list, text or bytes, documented response headers. `docs/API-STYLES.md` holds
//! the facts and their sources; `metadata/README.md` says what is accepted.

use super::text;
use crate::diag::{join, Sink};
use crate::model::*;
use serde_json::{Map, Value};

/// The style `info.style` names, or the refusal of a product whose style is not generated. A
/// product of an unknown style none of whose operations is signed with an AccessKey (AliGenie)
/// is refused for that reason, which is the one that matters to its users.
pub fn style(text: Option<&str>, apis: Option<&Map<String, Value>>, sink: &mut Sink<'_>) -> Option<ApiStyle> {
    Some(match text {
        Some("RPC") | None => ApiStyle::Rpc,
        Some("ROA") => ApiStyle::Roa,
        Some("V3") => ApiStyle::V3,
        Some("FC") => ApiStyle::Fc,
        Some("SLS") => ApiStyle::Sls,
        Some("OSS") => ApiStyle::Oss,
        Some("PDS") => ApiStyle::Pds,
        Some(other) => {
            match unsigned_schemes(apis) {
                Some(schemes) => sink.error(
                    "/info/style",
                    format!(
                        "no operation of this product is signed with an AccessKey: `security` names only {}",
                        schemes.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
                    ),
                    Some(format!(
                        "this SDK signs requests with an AccessKey (or an STS token); the `{other}` style authorises calls with tokens of its own platform, for which the metadata gives no parameter, so the product is refused as a whole"
                    )),
                ),
                None => sink.error(
                    "/info/style",
                    format!("API style `{other}` is not supported"),
                    Some("the generator supports the RPC, ROA, V3, FC, SLS, OSS and PDS styles of api-docs; this product has its own protocol and is refused as a whole".into()),
                ),
            }
            return None;
        }
    })
}

/// The security schemes of a product none of whose operations lists `AK`, sorted; `None` when
/// some operation lists it, one has no `security` at all, or there is no operation.
fn unsigned_schemes(apis: Option<&Map<String, Value>>) -> Option<Vec<String>> {
    let apis = apis.filter(|a| !a.is_empty())?;
    let mut schemes = std::collections::BTreeSet::new();
    for api in apis.values() {
        let list = api.get("security")?.as_array()?;
        for scheme in list.iter().filter_map(Value::as_object).flat_map(|s| s.keys()) {
            if scheme == "AK" {
                return None;
            }
            schemes.insert(scheme.clone());
        }
    }
    (!schemes.is_empty()).then(|| schemes.into_iter().collect())
}

/// The protocol of a product, by its code: the official SDKs route `Sls`, `Oss` and `pds` through
/// their own gateways whatever the style says, everything else through the shared client.
pub fn protocol(code: &str) -> Protocol {
    match code.to_ascii_lowercase().as_str() {
        "sls" => Protocol::Sls,
        "oss" => Protocol::Oss,
        "pds" => Protocol::Pds,
        _ => Protocol::Acs3,
    }
}

/// Whether a host parameter means anything for `protocol`: the host prefix of SLS and OSS. PDS's
/// `domain_id` is not sent by the official SDK (the endpoint names the domain), nor is fc-open's
/// deprecated `AccountID`; such parameters are left out of the request.
pub fn uses_host(protocol: Protocol) -> bool {
    matches!(protocol, Protocol::Sls | Protocol::Oss)
}

/// A body parameter (`in: body`) that is bytes: a `string` of format `binary` or `byte`
/// (`PutObject`, `InvokeFunction`, OCR images). It is passed to the client method as a `Body`.
pub fn binary_body(name: &str, p: &Value) -> Option<BinaryBody> {
    let schema = p.get("schema")?;
    let is_bytes = p.get("in").and_then(Value::as_str) == Some("body")
        && schema.get("type").and_then(Value::as_str) == Some("string")
        && matches!(schema.get("format").and_then(Value::as_str), Some("binary" | "byte"));
    is_bytes.then(|| BinaryBody {
        wire: name.to_string(),
        required: p.get("required").or_else(|| schema.get("required")).and_then(Value::as_bool).unwrap_or(false),
        docs: Docs { title: text(schema.get("title")), summary: None, description: text(schema.get("description")) },
    })
}

/// How a (non-binary) body parameter is written: XML for `style: xml` or an operation that
/// consumes XML only (OSS), text for a `string`, JSON otherwise.
pub fn request_format(api: &Map<String, Value>, p: &Value) -> BodyFormat {
    let style = p.get("style").and_then(Value::as_str);
    let consumes: Vec<&str> =
        api.get("consumes").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
    let ty = p.get("schema").and_then(|s| s.get("type")).and_then(Value::as_str);
    if style == Some("xml") || (consumes == ["application/xml"] && ty != Some("string")) {
        BodyFormat::Xml
    } else if ty == Some("string") {
        BodyFormat::Text
    } else {
        BodyFormat::Json
    }
}

/// What the success answer's schema says about its body.
pub enum Answer<'a> {
    /// No schema, or an object without properties: nothing to read.
    Nothing,
    /// An object (`properties`, possibly through `$ref`): the response type's fields.
    Object,
    /// A list, or text: the whole body is one value of this schema.
    Whole(&'a Value, BodyFormat),
    /// Bytes (`format: binary` or `byte`).
    Bytes,
}

/// Reads the success schema (already resolved through `$ref`).
pub fn answer(schema: Option<&Value>) -> Answer<'_> {
    let Some(schema) = schema else { return Answer::Nothing };
    let ty = schema.get("type").and_then(Value::as_str);
    let format = schema.get("format").and_then(Value::as_str);
    match ty {
        Some("string") if matches!(format, Some("binary" | "byte")) => Answer::Bytes,
        Some("string") => Answer::Whole(schema, BodyFormat::Text),
        Some("array") => Answer::Whole(schema, BodyFormat::Json),
        _ if schema.get("properties").and_then(Value::as_object).is_some_and(|p| !p.is_empty()) => Answer::Object,
        _ => Answer::Nothing,
    }
}

/// How an object answer is read: XML when the operation produces XML and not JSON (OSS).
pub fn object_format(api: &Map<String, Value>) -> BodyFormat {
    let produces: Vec<&str> =
        api.get("produces").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
    if produces.contains(&"application/xml") && !produces.contains(&"application/json") {
        BodyFormat::Xml
    } else {
        BodyFormat::Json
    }
}

/// Headers that describe the connection or the server software rather than the answer: not
/// exposed on responses even when documented (SLS documents `Connection` and `Server` on every
/// operation).
const TRANSPORT_HEADERS: &[&str] = &["connection", "keep-alive", "transfer-encoding", "server"];

/// The documented response headers of a success answer, as response fields (named with the body's
/// fields afterwards): scalars read from their header, `x-oss-meta-*` as a map of every header with
/// that prefix. Transport headers are skipped; a name that is not an HTTP header name is skipped
/// with a warning.
pub fn response_headers(headers: Option<&Value>, pointer: &str, sink: &mut Sink<'_>) -> Vec<Field> {
    let Some(headers) = headers.and_then(Value::as_object) else { return Vec::new() };
    let mut out: Vec<Field> = Vec::new();
    for (name, h) in headers {
        let hp = join(pointer, name);
        let lower = name.to_ascii_lowercase();
        if TRANSPORT_HEADERS.contains(&lower.as_str()) {
            continue;
        }
        let (prefix, token) = match name.strip_suffix('*') {
            Some(prefix) => (Some(prefix), prefix),
            None => (None, name.as_str()),
        };
        if token.is_empty() || !token.bytes().all(is_token_byte) {
            sink.warning(
                &hp,
                format!(
                    "{} is not an HTTP header name; this header is not exposed on the response",
                    crate::emit::lit::str(name)
                ),
                Some(
                    "header names are ASCII letters, digits and `-` (a hyphen lookalike such as U+2011 is not `-`)"
                        .into(),
                ),
            );
            continue;
        }
        if out.iter().any(|f| f.wire.eq_ignore_ascii_case(name)) {
            sink.warning(
                &hp,
                format!("header `{name}` is documented twice (header names ignore case); the first is used"),
                None,
            );
            continue;
        }
        let schema = h.get("schema").unwrap_or(&Value::Null);
        let ty =
            match (prefix, schema.get("type").and_then(Value::as_str), schema.get("format").and_then(Value::as_str)) {
                (Some(_), _, _) => Type::Map(Box::new(Type::String)),
                (None, Some("integer"), Some("int32")) => Type::Integer(IntWidth::I32),
                (None, Some("integer"), _) => Type::Integer(IntWidth::I64),
                (None, Some("number"), _) => Type::Float,
                (None, Some("boolean"), _) => Type::Boolean,
                _ => Type::String,
            };
        let origin = match prefix {
            Some(prefix) => Origin::HeaderPrefix(prefix.to_ascii_lowercase()),
            None => Origin::Header(lower),
        };
        out.push(header_field(name, ty, schema, origin));
    }
    out
}

fn header_field(name: &str, ty: Type, schema: &Value, origin: Origin) -> Field {
    let docs = Docs { title: text(schema.get("title")), summary: None, description: text(schema.get("description")) };
    Field::plain(name, ty, docs, origin)
}

/// The field holding a whole answer that is not an object (named with the others afterwards).
pub fn whole_body_field(ty: Type, docs: Docs) -> Field {
    Field::plain("body", ty, docs, Origin::WholeBody)
}

/// RFC 9110 `tchar`.
fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// The placeholders of a path template (`{name}` or `[name]`), before any `?`.
pub fn placeholders(path: &str) -> Vec<&str> {
    let template = path.split_once('?').map_or(path, |(t, _)| t);
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find(['{', '[']) {
        let close = if rest.as_bytes()[start] == b'{' { '}' } else { ']' };
        let Some(len) = rest[start + 1..].find(close) else { break };
        names.push(&rest[start + 1..start + 1 + len]);
        rest = &rest[start + len + 2..];
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::path::Path;

    #[test]
    fn protocols_follow_the_product_code() {
        assert_eq!(protocol("Sls"), Protocol::Sls);
        assert_eq!(protocol("Oss"), Protocol::Oss);
        assert_eq!(protocol("pds"), Protocol::Pds);
        assert_eq!(protocol("FC"), Protocol::Acs3);
        assert_eq!(protocol("Vpc"), Protocol::Acs3);
    }

    #[test]
    fn an_unknown_style_is_refused_for_its_signature_when_nothing_is_signed_with_an_access_key() {
        let run = |style: &str, apis: Value| {
            let mut sink = Sink::new(Path::new("x.json"), None);
            let got = super::style(Some(style), apis.as_object(), &mut sink);
            (got, sink.finish().into_iter().map(|d| d.message).collect::<Vec<_>>())
        };
        let spi =
            json!({"A": {"security": [{"AliGenie_Auth_SPI": []}]}, "B": {"security": [{"AliGenie_Auth_Token": []}]}});
        assert_eq!(
            run("AliGenie", spi),
            (
                None,
                vec!["no operation of this product is signed with an AccessKey: `security` names only `AliGenie_Auth_SPI`, `AliGenie_Auth_Token`".to_string()]
            )
        );
        let mixed = json!({"A": {"security": [{"AK": []}]}, "B": {"security": [{"X": []}]}});
        assert_eq!(run("Odd", mixed), (None, vec!["API style `Odd` is not supported".to_string()]));
        assert_eq!(run("Odd", json!({})), (None, vec!["API style `Odd` is not supported".to_string()]));
        assert_eq!(run("OSS", json!({})), (Some(ApiStyle::Oss), vec![]));
    }

    #[test]
    fn bodies_and_answers() {
        let put =
            json!({"name": "body", "in": "body", "schema": {"type": "string", "format": "binary", "required": true}});
        assert!(binary_body("body", &put).is_some_and(|b| b.required && b.wire == "body"));
        let text = json!({"in": "body", "schema": {"type": "string"}});
        assert!(binary_body("body", &text).is_none());
        let api = json!({"consumes": ["application/xml"]});
        let api = api.as_object().unwrap();
        assert_eq!(request_format(api, &json!({"in": "body", "schema": {"$ref": "#/x"}})), BodyFormat::Xml);
        assert_eq!(request_format(api, &text), BodyFormat::Text);
        assert_eq!(
            request_format(&Map::new(), &json!({"style": "json", "schema": {"type": "object"}})),
            BodyFormat::Json
        );
        assert!(matches!(answer(Some(&json!({"type": "string", "format": "binary"}))), Answer::Bytes));
        assert!(matches!(answer(Some(&json!({"type": "array", "items": {}}))), Answer::Whole(_, BodyFormat::Json)));
        assert!(matches!(answer(Some(&json!({"type": "object"}))), Answer::Nothing));
        assert!(matches!(answer(Some(&json!({"properties": {"A": {}}}))), Answer::Object));
        assert_eq!(object_format(json!({"produces": ["application/xml"]}).as_object().unwrap()), BodyFormat::Xml);
        assert_eq!(
            object_format(json!({"produces": ["application/json", "application/xml"]}).as_object().unwrap()),
            BodyFormat::Json
        );
    }

    #[test]
    fn response_headers_become_fields() {
        let headers = json!({
            "x-log-progress": {"schema": {"type": "string"}},
            "x-log-count": {"schema": {"type": "integer", "format": "int64"}},
            "Server": {"schema": {"type": "string"}},
            "x-oss-meta-*": {"style": "json", "schema": {"type": "object", "additionalProperties": {"type": "string"}}},
            "x\u{2011}oss\u{2011}tagging\u{2011}count": {"schema": {"type": "integer"}},
            "X-Log-Count": {"schema": {"type": "string"}}
        });
        let mut sink = Sink::new(Path::new("x.json"), None);
        let fields = response_headers(Some(&headers), "/h", &mut sink);
        let got: Vec<(&str, &Type, &Origin)> = fields.iter().map(|f| (f.wire.as_str(), &f.ty, &f.origin)).collect();
        assert_eq!(
            got,
            [
                ("x-log-progress", &Type::String, &Origin::Header("x-log-progress".into())),
                ("x-log-count", &Type::Integer(IntWidth::I64), &Origin::Header("x-log-count".into())),
                ("x-oss-meta-*", &Type::Map(Box::new(Type::String)), &Origin::HeaderPrefix("x-oss-meta-".into())),
            ]
        );
        let messages: Vec<String> = sink.finish().into_iter().map(|d| d.message).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].contains("is not an HTTP header name"), "{messages:?}");
        assert!(messages[1].contains("documented twice"), "{messages:?}");
    }

    #[test]
    fn placeholders_of_templates() {
        assert_eq!(placeholders("/logstores/{logstore}?type=log"), ["logstore"]);
        assert_eq!(placeholders("/a/[B]/{c}"), ["B", "c"]);
        assert_eq!(placeholders("/api/v1/providers/{provider}/resources/*"), ["provider"]);
        assert!(placeholders("/").is_empty());
    }
}
