//! XML bodies, as OSS uses them: request bodies written from the serialized request ([`to_xml`]),
//! answers read into the generated response types with serde ([`from_xml`], quick-xml), and OSS's
//! `<Error>` document ([`oss_error`]).
//!
//! The shapes follow the official SDKs (gateway-oss `OSS_Util.to_xml` / `parse_xml`): each
//! top-level member of the body is a root element, an object's members are child elements, a list
//! is the same element repeated, booleans are `true`/`false`. An answer's root element is a field
//! of the response type (`ListBucketResult` of `ListObjectsV2`), as in the metadata's response
//! schemas, and whether a child is a list comes from the response type, so a list of one element
//! still reads as a list.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

use crate::error::{ConstructionError, ServiceError};
use crate::wire;

/// The XML declaration written first.
pub const DECLARATION: &str = r#"<?xml version="1.0" encoding="UTF-8"?>"#;

/// Writes a serialized request body as XML: each member of the top-level object becomes a root
/// element (the metadata gives one, such as `CreateBucketConfiguration`). `null` members are left
/// out. Fails when `value` is not an object or a member name is not an XML name.
///
/// ```
/// use alibabacloud_runtime::xml::to_xml;
/// let body = serde_json::json!({"Delete": {"Quiet": true, "Object": [{"Key": "a"}, {"Key": "b&<"}]}});
/// assert_eq!(
///     to_xml(&body).unwrap(),
///     r#"<?xml version="1.0" encoding="UTF-8"?><Delete><Quiet>true</Quiet><Object><Key>a</Key></Object><Object><Key>b&amp;&lt;</Key></Object></Delete>"#
/// );
/// ```
pub fn to_xml(value: &Value) -> Result<String, ConstructionError> {
    let Value::Object(members) = value else {
        return Err(ConstructionError::new("an XML body must serialize to an object whose members are root elements"));
    };
    let mut out = String::from(DECLARATION);
    for (name, value) in members {
        write_element(name, value, &mut out)?;
    }
    Ok(out)
}

fn write_element(name: &str, value: &Value, out: &mut String) -> Result<(), ConstructionError> {
    if !is_xml_name(name) {
        return Err(ConstructionError::new(format!("`{name}` is not an XML element name")));
    }
    match value {
        Value::Null => {}
        Value::Array(items) => {
            for item in items {
                write_element(name, item, out)?;
            }
        }
        Value::Object(members) => {
            out.push('<');
            out.push_str(name);
            out.push('>');
            for (child, value) in members {
                write_element(child, value, out)?;
            }
            out.push_str("</");
            out.push_str(name);
            out.push('>');
        }
        scalar => {
            let text = wire::scalar(scalar).unwrap_or_default();
            out.push('<');
            out.push_str(name);
            out.push('>');
            out.push_str(&quick_xml::escape::escape(text.as_str()));
            out.push_str("</");
            out.push_str(name);
            out.push('>');
        }
    }
    Ok(())
}

/// Whether `name` can be an element name: a letter or `_` first, then letters, digits, `-`, `_`,
/// `.` (ASCII; the names come from the metadata).
fn is_xml_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Reads an XML answer into `T`, whose fields are the document's root elements (as the metadata's
/// response schemas name them: `{"ListBucketResult": {...}}`). An empty body reads as an empty
/// document.
///
/// ```
/// #[derive(serde::Deserialize, Debug, Default)]
/// struct Contents { #[serde(rename = "Key")] key: String }
/// #[derive(serde::Deserialize, Debug, Default)]
/// struct Result { #[serde(rename = "Name")] name: String, #[serde(rename = "Contents", default)] contents: Vec<Contents> }
/// #[derive(serde::Deserialize, Debug)]
/// struct Response { #[serde(rename = "ListBucketResult")] result: Result }
///
/// let body = br#"<?xml version="1.0" encoding="UTF-8"?>
/// <ListBucketResult><Name>b</Name><Contents><Key>k</Key></Contents></ListBucketResult>"#;
/// let response: Response = alibabacloud_runtime::xml::from_xml(body).unwrap();
/// assert_eq!(response.result.name, "b");
/// assert_eq!(response.result.contents.len(), 1); // one element, still a list
/// ```
pub fn from_xml<T: DeserializeOwned>(body: &[u8]) -> Result<T, quick_xml::DeError> {
    let text = String::from_utf8_lossy(body);
    let document = strip_prolog(&text);
    let mut wrapped = String::with_capacity(document.len() + 7);
    wrapped.push_str("<r>");
    wrapped.push_str(document);
    wrapped.push_str("</r>");
    quick_xml::de::from_str(&wrapped)
}

/// The document without its byte-order mark, XML declaration, comments and doctype before the
/// root element.
fn strip_prolog(text: &str) -> &str {
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    loop {
        let end = if rest.starts_with("<?") {
            rest.find("?>").map(|i| i + 2)
        } else if rest.starts_with("<!--") {
            rest.find("-->").map(|i| i + 3)
        } else if rest.starts_with("<!") {
            rest.find('>').map(|i| i + 1)
        } else {
            None
        };
        match end {
            Some(end) => rest = rest[end..].trim_start(),
            None => return rest,
        }
    }
}

/// Reads an XML document into JSON, with no schema: the root element is the one member of the
/// result (`{"ListBucketResult": {...}}`); an element with child elements is an object of them,
/// a child name met several times an array in document order; an element with text only is its
/// text (entities and character references resolved, CDATA kept); an empty element (or one of
/// whitespace only) is `null`.
/// Attributes, comments and processing instructions are left out. A list that arrives with one
/// element is an object here; the readers of generated types ([`crate::de`]) take it as a list
/// of one.
///
/// ```
/// let value = alibabacloud_runtime::xml::to_value(
///     br#"<?xml version="1.0"?><R><Name>a &amp; b</Name><Item><K>1</K></Item><Item><K>2</K></Item><Empty/></R>"#,
/// )
/// .unwrap();
/// assert_eq!(value, serde_json::json!({"R": {"Name": "a & b", "Item": [{"K": "1"}, {"K": "2"}], "Empty": null}}));
/// ```
pub fn to_value(body: &[u8]) -> Result<Value, quick_xml::Error> {
    use quick_xml::events::Event;

    /// An element being read: its name, its children so far, its text so far.
    struct Open {
        name: String,
        children: serde_json::Map<String, Value>,
        text: String,
    }

    fn close(open: Open) -> Value {
        if !open.children.is_empty() {
            Value::Object(open.children)
        } else if open.text.trim().is_empty() {
            // Empty, or the indentation of a container with no child.
            Value::Null
        } else {
            Value::String(open.text)
        }
    }

    fn add(parent: &mut serde_json::Map<String, Value>, name: String, value: Value) {
        match parent.get_mut(&name) {
            None => {
                parent.insert(name, value);
            }
            Some(Value::Array(items)) => items.push(value),
            Some(first) => {
                let first = std::mem::take(first);
                parent.insert(name, Value::Array(vec![first, value]));
            }
        }
    }

    let text = String::from_utf8_lossy(body);
    let mut reader = quick_xml::Reader::from_str(&text);
    let mut stack: Vec<Open> = Vec::new();
    let mut root = serde_json::Map::new();
    loop {
        match reader.read_event()? {
            Event::Start(start) => {
                let name = String::from_utf8_lossy(start.name().as_ref()).into_owned();
                stack.push(Open { name, children: serde_json::Map::new(), text: String::new() });
            }
            Event::Empty(start) => {
                let name = String::from_utf8_lossy(start.name().as_ref()).into_owned();
                match stack.last_mut() {
                    Some(parent) => add(&mut parent.children, name, Value::Null),
                    None => add(&mut root, name, Value::Null),
                }
            }
            Event::End(_) => {
                let Some(open) = stack.pop() else { continue };
                let name = open.name.clone();
                let value = close(open);
                match stack.last_mut() {
                    Some(parent) => add(&mut parent.children, name, value),
                    None => add(&mut root, name, value),
                }
            }
            Event::Text(t) => {
                if let Some(open) = stack.last_mut() {
                    open.text.push_str(&t.xml10_content().map_err(quick_xml::Error::Encoding)?);
                }
            }
            Event::CData(t) => {
                if let Some(open) = stack.last_mut() {
                    open.text.push_str(&String::from_utf8_lossy(&t.into_inner()));
                }
            }
            Event::GeneralRef(r) => {
                if let Some(open) = stack.last_mut() {
                    match r.resolve_char_ref()? {
                        Some(c) => open.text.push(c),
                        None => {
                            let name = r.decode().map_err(quick_xml::Error::Encoding)?;
                            match quick_xml::escape::resolve_predefined_entity(&name) {
                                Some(resolved) => open.text.push_str(resolved),
                                None => {
                                    open.text.push('&');
                                    open.text.push_str(&name);
                                    open.text.push(';');
                                }
                            }
                        }
                    }
                }
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    Ok(Value::Object(root))
}

/// OSS's error document.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ErrorBody {
    #[serde(rename = "Code")]
    code: Option<String>,
    #[serde(rename = "Message")]
    message: Option<String>,
    #[serde(rename = "RequestId")]
    request_id: Option<String>,
    #[serde(rename = "HostId")]
    host_id: Option<String>,
    #[serde(rename = "RecommendDoc")]
    recommend_doc: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ErrorDocument {
    #[serde(rename = "Error")]
    error: Option<ErrorBody>,
}

/// Reads an OSS error answer, as gateway-oss does: the `<Error>` document's `Code`, `Message`,
/// `RequestId`, `HostId` and `RecommendDoc` (the `EC` stays in the raw body); without a body (a
/// `HEAD`), the code is the HTTP status and the request id the `x-oss-request-id` header. Any
/// other body still gives an error with the status and the text as message.
///
/// ```
/// let body = br#"<?xml version="1.0" encoding="UTF-8"?>
/// <Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>
/// <RequestId>5C3D9175B6FC201293AD****</RequestId><HostId>b.oss-cn-hangzhou.aliyuncs.com</HostId>
/// <EC>0026-00000001</EC><RecommendDoc>https://api.aliyun.com/troubleshoot?q=0026-00000001</RecommendDoc></Error>"#;
/// let error = alibabacloud_runtime::xml::oss_error(404, None, body);
/// assert_eq!(error.code, "NoSuchKey");
/// assert_eq!(error.request_id.as_deref(), Some("5C3D9175B6FC201293AD****"));
/// assert_eq!(error.recommend.as_deref(), Some("https://api.aliyun.com/troubleshoot?q=0026-00000001"));
/// ```
pub fn oss_error(http_status: u16, request_id_header: Option<&str>, body: &[u8]) -> ServiceError {
    let text = String::from_utf8_lossy(body).into_owned();
    let mut error = ServiceError::new("", "", http_status);
    if text.trim().is_empty() {
        error.code = http_status.to_string();
    } else {
        match from_xml::<ErrorDocument>(body) {
            Ok(ErrorDocument { error: Some(doc) }) => {
                error.code = doc.code.unwrap_or_default();
                error.message = doc.message.unwrap_or_default();
                error.request_id = doc.request_id;
                error.host_id = doc.host_id;
                error.recommend = doc.recommend_doc;
            }
            _ => error.message = text.trim().to_owned(),
        }
    }
    if error.request_id.is_none() {
        error.request_id = request_id_header.map(str::to_owned);
    }
    error.body = text;
    error
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_the_official_shapes() {
        let body = serde_json::json!({"CreateBucketConfiguration": {"StorageClass": "IA", "Count": 3, "Ratio": 0.5, "Gone": null}});
        assert_eq!(
            to_xml(&body).unwrap(),
            format!("{DECLARATION}<CreateBucketConfiguration><StorageClass>IA</StorageClass><Count>3</Count><Ratio>0.5</Ratio></CreateBucketConfiguration>")
        );
        assert!(to_xml(&serde_json::json!("text")).is_err());
        let bad = to_xml(&serde_json::json!({"a b": 1})).unwrap_err();
        assert_eq!(bad.message(), "`a b` is not an XML element name");
    }

    #[derive(Debug, Default, Deserialize, PartialEq)]
    #[serde(default)]
    struct Owner {
        #[serde(rename = "ID")]
        id: Option<String>,
    }

    #[derive(Debug, Default, Deserialize, PartialEq)]
    #[serde(default)]
    struct Bucket {
        #[serde(rename = "Name")]
        name: Option<String>,
        #[serde(rename = "CreationDate")]
        creation_date: Option<String>,
    }

    #[derive(Debug, Default, Deserialize, PartialEq)]
    #[serde(default)]
    struct Buckets {
        #[serde(rename = "Bucket")]
        bucket: Vec<Bucket>,
    }

    #[derive(Debug, Default, Deserialize, PartialEq)]
    #[serde(default)]
    struct ListAllMyBucketsResult {
        #[serde(rename = "Owner")]
        owner: Option<Owner>,
        #[serde(rename = "Buckets")]
        buckets: Option<Buckets>,
        #[serde(rename = "MaxKeys", deserialize_with = "crate::de::integer")]
        max_keys: Option<i64>,
        #[serde(rename = "IsTruncated", deserialize_with = "crate::de::boolean")]
        is_truncated: Option<bool>,
    }

    #[derive(Debug, Default, Deserialize, PartialEq)]
    #[serde(default)]
    struct ListBucketsResponse {
        #[serde(rename = "ListAllMyBucketsResult")]
        result: Option<ListAllMyBucketsResult>,
    }

    #[test]
    fn reads_answers_through_the_lenient_deserializers() {
        let body = br#"<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment -->
<ListAllMyBucketsResult>
  <Owner><ID>512</ID></Owner>
  <MaxKeys>10</MaxKeys>
  <IsTruncated>false</IsTruncated>
  <Buckets>
    <Bucket><Name>a</Name><CreationDate>2014-02-17T18:12:43.000Z</CreationDate></Bucket>
    <Bucket><Name>b &amp; c</Name></Bucket>
  </Buckets>
</ListAllMyBucketsResult>"#;
        let response: ListBucketsResponse = from_xml(body).unwrap();
        let result = response.result.unwrap();
        assert_eq!(result.owner, Some(Owner { id: Some("512".into()) }));
        assert_eq!(result.max_keys, Some(10));
        assert_eq!(result.is_truncated, Some(false));
        let names: Vec<_> = result.buckets.unwrap().bucket.into_iter().map(|b| b.name.unwrap()).collect();
        assert_eq!(names, ["a", "b & c"]);
        let empty: ListBucketsResponse = from_xml(b"").unwrap();
        assert_eq!(empty, ListBucketsResponse::default());
        assert!(from_xml::<ListBucketsResponse>(
            b"<ListAllMyBucketsResult><MaxKeys>x</MaxKeys></ListAllMyBucketsResult>"
        )
        .is_err());
    }

    #[test]
    fn reads_errors_with_and_without_a_body() {
        let error = oss_error(403, Some("hdr-id"), b"<Error><Code>AccessDenied</Code><Message>no</Message></Error>");
        assert_eq!((error.code.as_str(), error.message.as_str()), ("AccessDenied", "no"));
        assert_eq!(error.request_id.as_deref(), Some("hdr-id"));
        let head = oss_error(404, Some("req-1"), b"");
        assert_eq!((head.code.as_str(), head.request_id.as_deref()), ("404", Some("req-1")));
        let other = oss_error(502, None, b"Bad Gateway");
        assert_eq!((other.code.as_str(), other.message.as_str()), ("", "Bad Gateway"));
    }
}
