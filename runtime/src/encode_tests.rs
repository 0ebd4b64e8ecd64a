//! The typed encoder against the serde one (`wire::encode`, whose own tests pin the wire format):
//! the same request, declared once with serde attributes and once as generated code declares it,
//! must give identical parameters in every location and style.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::json;

use super::*;
use crate::operation::Method;
use crate::Service;

static SERVICE: Service = Service { product: "Vpc", version: "2016-04-28", endpoint_prefix: "vpc", endpoints: &[] };

/// Every style in every location that takes several parameters, plus path, host and headers.
static OP: Operation = Operation {
    service: &SERVICE,
    action: "Everything",
    method: Method::Post,
    path: "/things/{Id}",
    client_token: None,
    params: &[
        ParamSpec::new("Id", Location::Path, Style::Simple),
        ParamSpec::new("Name", Location::Query, Style::Simple),
        ParamSpec::new("Count", Location::Body, Style::Simple),
        ParamSpec::new("Ratio", Location::Query, Style::Simple),
        ParamSpec::new("DryRun", Location::Body, Style::Simple),
        ParamSpec::new("Tag", Location::Query, Style::RepeatList),
        ParamSpec::new("Filter", Location::Body, Style::Flat),
        ParamSpec::new("Ids", Location::Query, Style::Simple),
        ParamSpec::new("Spaced", Location::Query, Style::SpaceDelimited),
        ParamSpec::new("Piped", Location::Body, Style::PipeDelimited),
        ParamSpec::new("JsonTags", Location::Body, Style::Json),
        ParamSpec::new("JsonText", Location::Query, Style::Json),
        ParamSpec::new("Labels", Location::Query, Style::RepeatList),
        ParamSpec::new("Extra", Location::Query, Style::Json),
        ParamSpec::new("Loose", Location::Body, Style::Flat),
        ParamSpec::new("Nested", Location::Query, Style::RepeatList),
        ParamSpec::new("SimpleObjects", Location::Query, Style::Simple),
        ParamSpec::new("x-acs-extra", Location::Header, Style::Simple),
        ParamSpec::new("Bucket", Location::Host, Style::Simple),
    ],
};

#[derive(Serialize, Default, Clone)]
struct Tag {
    #[serde(rename = "Key", skip_serializing_if = "Option::is_none")]
    key: Option<String>,
    #[serde(rename = "Value", skip_serializing_if = "Option::is_none")]
    value: Option<String>,
    #[serde(rename = "Weight", skip_serializing_if = "Option::is_none")]
    weight: Option<f64>,
    #[serde(rename = "Parts", skip_serializing_if = "Vec::is_empty")]
    parts: Vec<i32>,
}

impl WireValue for Tag {
    fn visit(&self, visitor: &mut dyn Visitor) {
        visitor.object(&[("Key", &self.key), ("Value", &self.value), ("Weight", &self.weight), ("Parts", &self.parts)]);
    }
}

#[derive(Serialize, Default, Clone)]
struct Outer {
    #[serde(rename = "Tags", skip_serializing_if = "Vec::is_empty")]
    tags: Vec<Tag>,
    #[serde(rename = "Inner", skip_serializing_if = "Option::is_none")]
    inner: Option<Tag>,
    #[serde(rename = "Grid", skip_serializing_if = "Vec::is_empty")]
    grid: Vec<Vec<String>>,
}

impl WireValue for Outer {
    fn visit(&self, visitor: &mut dyn Visitor) {
        visitor.object(&[("Tags", &self.tags), ("Inner", &self.inner), ("Grid", &self.grid)]);
    }
}

/// Shaped like a generated request, with serde attributes for the old encoder.
#[derive(Serialize, Default, Clone)]
struct Request {
    #[serde(rename = "Id", skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(rename = "Name", skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(rename = "Count", skip_serializing_if = "Option::is_none")]
    count: Option<i64>,
    #[serde(rename = "Ratio", skip_serializing_if = "Option::is_none")]
    ratio: Option<f64>,
    #[serde(rename = "DryRun", skip_serializing_if = "Option::is_none")]
    dry_run: Option<bool>,
    #[serde(rename = "Tag", skip_serializing_if = "Vec::is_empty")]
    tag: Vec<Tag>,
    #[serde(rename = "Filter", skip_serializing_if = "Option::is_none")]
    filter: Option<Outer>,
    #[serde(rename = "Ids", skip_serializing_if = "Vec::is_empty")]
    ids: Vec<String>,
    #[serde(rename = "Spaced", skip_serializing_if = "Vec::is_empty")]
    spaced: Vec<i32>,
    #[serde(rename = "Piped", skip_serializing_if = "Vec::is_empty")]
    piped: Vec<f64>,
    #[serde(rename = "JsonTags", skip_serializing_if = "Vec::is_empty")]
    json_tags: Vec<Tag>,
    #[serde(rename = "JsonText", skip_serializing_if = "Option::is_none")]
    json_text: Option<String>,
    #[serde(rename = "Labels", skip_serializing_if = "BTreeMap::is_empty")]
    labels: BTreeMap<String, String>,
    #[serde(rename = "Extra", skip_serializing_if = "Option::is_none")]
    extra: Option<serde_json::Value>,
    #[serde(rename = "Loose", skip_serializing_if = "Option::is_none")]
    loose: Option<serde_json::Value>,
    #[serde(rename = "Nested", skip_serializing_if = "Vec::is_empty")]
    nested: Vec<Outer>,
    #[serde(rename = "SimpleObjects", skip_serializing_if = "Vec::is_empty")]
    simple_objects: Vec<Tag>,
    #[serde(rename = "x-acs-extra", skip_serializing_if = "Option::is_none")]
    header: Option<String>,
    #[serde(rename = "Bucket", skip_serializing_if = "Option::is_none")]
    bucket: Option<String>,
}

impl Encode for Request {
    fn encode(&self, op: &Operation) -> Result<EncodedRequest, ConstructionError> {
        encode(
            op,
            &[
                &self.id,
                &self.name,
                &self.count,
                &self.ratio,
                &self.dry_run,
                &self.tag,
                &self.filter,
                &self.ids,
                &self.spaced,
                &self.piped,
                &self.json_tags,
                &self.json_text,
                &self.labels,
                &self.extra,
                &self.loose,
                &self.nested,
                &self.simple_objects,
                &self.header,
                &self.bucket,
            ],
        )
    }
}

fn tag(i: i32) -> Tag {
    Tag {
        key: Some(format!("k{i} \"quoted\"\n\t\u{1}é")),
        value: (i % 3 != 0).then(|| format!("v {i}")),
        weight: match i % 4 {
            0 => None,
            1 => Some(0.5),
            2 => Some(f64::NAN),
            _ => Some(1e16),
        },
        parts: (0..i % 3).collect(),
    }
}

fn full() -> Request {
    Request {
        id: Some("a/b c".into()),
        name: Some(String::new()),
        count: Some(0),
        ratio: Some(1.0),
        dry_run: Some(false),
        tag: (1..=12).map(tag).collect(),
        filter: Some(Outer {
            tags: vec![tag(1), Tag::default(), tag(2)],
            inner: Some(tag(5)),
            grid: vec![vec!["x".into(), "y".into()], vec![], vec!["z".into()]],
        }),
        ids: vec!["vbr-1".into(), "".into(), "vbr,2".into()],
        spaced: vec![1, -2, 3],
        piped: vec![0.1, f64::INFINITY, 2.0, 1e-5],
        json_tags: vec![tag(1), tag(2), Tag::default()],
        json_text: Some(r#"{"already":"json"}"#.into()),
        labels: [("b", "2"), ("a", "1"), ("c d", "")].into_iter().map(|(k, v)| (k.into(), v.into())).collect(),
        extra: Some(json!({"z": [1, null, {"y": "w"}], "a": 1.5, "s": "t"})),
        loose: Some(json!({"z": [1, null, "two"], "a": {"b": true}})),
        nested: vec![Outer { tags: vec![tag(7)], inner: None, grid: vec![vec!["g".into()]] }, Outer::default()],
        simple_objects: vec![tag(1), Tag::default()],
        header: Some("h".into()),
        bucket: Some("b".into()),
    }
}

/// The typed encoder gives exactly what the serde one gives.
fn same(request: &Request) -> EncodedRequest {
    let old = crate::wire::encode(&OP, request).expect("serde encoding");
    let new = request.encode(&OP).expect("typed encoding");
    assert_eq!(new, old);
    new
}

#[test]
fn every_style_and_location_matches_the_serde_encoder() {
    let out = same(&full());
    // Spot checks that the comparison covers what it should.
    assert_eq!(out.path, "/things/a%2Fb%20c");
    assert!(out.query.iter().any(|(k, v)| k == "Tag.12.Key" && v.starts_with("k12")));
    assert!(out.form.iter().any(|(k, v)| k == "JsonTags" && v.starts_with(r#"[{"Key":"k1 \"quoted\"\n\t\u0001é""#)));
    assert!(out.query.iter().any(|(k, v)| k == "JsonText" && v == r#"{"already":"json"}"#));
    assert!(out.query.iter().any(|(k, v)| k == "Labels.c d" && v.is_empty()));
    assert!(out.form.iter().any(|(k, v)| k == "Piped" && v == "0.1|2.0|1e-05"));
    assert!(out.headers.iter().any(|(k, v)| k == "x-acs-extra" && v == "h"));
    assert_eq!(out.json_body, None);
}

#[test]
fn unset_and_partly_set_requests_match_the_serde_encoder() {
    let out = same(&Request::default());
    assert!(out.query.is_empty() && out.form.is_empty() && out.headers.is_empty());
    assert_eq!(out.path, "/things/{Id}");
    let full = full();
    // Each parameter alone.
    let alone: Vec<Request> = vec![
        Request { id: full.id.clone(), ..Request::default() },
        Request { ratio: Some(f64::NAN), ..Request::default() },
        Request { ratio: Some(-0.0), ..Request::default() },
        Request { tag: vec![Tag::default()], ..Request::default() },
        Request { filter: Some(Outer::default()), ..Request::default() },
        Request { json_tags: vec![Tag::default()], ..Request::default() },
        Request { extra: Some(serde_json::Value::Null), ..Request::default() },
        Request { extra: Some(json!("plain")), ..Request::default() },
        Request { extra: Some(json!(["a", 1])), ..Request::default() },
        Request { loose: Some(json!("s")), ..Request::default() },
        Request { loose: Some(json!(null)), ..Request::default() },
        Request { simple_objects: vec![Tag::default()], ..Request::default() },
        Request { spaced: vec![7], ..Request::default() },
        Request { piped: vec![f64::NAN], ..Request::default() },
        Request { json_text: Some("null".into()), ..Request::default() },
    ];
    for request in &alone {
        same(request);
    }
}

#[test]
fn simple_style_json_values_match_the_serde_encoder() {
    static SIMPLE: Operation = Operation {
        service: &SERVICE,
        action: "Simple",
        method: Method::Get,
        path: "/",
        client_token: None,
        params: &[ParamSpec::new("Any", Location::Query, Style::Simple)],
    };
    #[derive(Serialize)]
    struct AnyRequest {
        #[serde(rename = "Any", skip_serializing_if = "Option::is_none")]
        any: Option<serde_json::Value>,
    }
    for any in [json!(["a", null, 1, 2.5, true, {"K": "v"}, [1]]), json!({"K": ["a", "b"]}), json!(3), json!(null)] {
        let request = AnyRequest { any: Some(any) };
        let old = crate::wire::encode(&SIMPLE, &request).unwrap();
        let new = encode(&SIMPLE, &[&request.any]).unwrap();
        assert_eq!(new, old);
    }
}

#[test]
fn a_json_body_and_path_rules_match_the_serde_encoder() {
    static ROA: Operation = Operation {
        service: &SERVICE,
        action: "CreateCluster",
        method: Method::Post,
        path: "/clusters/{ClusterId}",
        client_token: None,
        params: &[
            ParamSpec::new("ClusterId", Location::Path, Style::Simple),
            ParamSpec::new("body", Location::JsonBody, Style::Simple),
        ],
    };
    #[derive(Serialize)]
    struct Roa {
        #[serde(rename = "ClusterId", skip_serializing_if = "Vec::is_empty")]
        cluster_id: Vec<String>,
        #[serde(rename = "body", skip_serializing_if = "Option::is_none")]
        body: Option<Outer>,
    }
    let cases = [
        Roa { cluster_id: vec!["c 1".into()], body: Some(Outer { tags: vec![tag(1)], ..Outer::default() }) },
        Roa { cluster_id: vec![], body: Some(Outer::default()) },
        Roa { cluster_id: vec![], body: None },
    ];
    for request in &cases {
        let old = crate::wire::encode(&ROA, request).unwrap();
        let new = encode(&ROA, &[&request.cluster_id, &request.body]).unwrap();
        assert_eq!(new, old);
    }
    assert_eq!(
        encode(&ROA, &[&Vec::<String>::new(), &Some(Outer::default())]).unwrap().json_body.as_deref(),
        Some("{}")
    );
    // A list in simple style joins into one placeholder value; flattened into two, it is refused.
    let two = Roa { cluster_id: vec!["a".into(), "b".into()], body: None };
    assert_eq!(encode(&ROA, &[&two.cluster_id, &two.body]).unwrap(), crate::wire::encode(&ROA, &two).unwrap());
    static FLAT: Operation = Operation {
        service: &SERVICE,
        action: "Flat",
        method: Method::Get,
        path: "/{ClusterId}",
        client_token: None,
        params: &[ParamSpec::new("ClusterId", Location::Path, Style::RepeatList)],
    };
    let old = crate::wire::encode(&FLAT, &json!({"ClusterId": ["a", "b"]})).unwrap_err();
    let new = encode(&FLAT, &[&two.cluster_id]).unwrap_err();
    assert_eq!(new.message(), old.message());
    assert_eq!(new.message(), "path parameter `ClusterId` must be a single value");
}

#[test]
fn a_value_count_that_does_not_match_the_operation_is_refused() {
    let error = encode(&OP, &[&Some("x".to_owned())]).unwrap_err();
    assert_eq!(error.message(), "Everything takes 19 parameters, the request gave 1");
}

#[test]
fn json_strings_are_escaped_as_serde_json_escapes_them() {
    let mut all: String = (0u8..0x80).map(char::from).collect();
    all.push_str("é€😀\u{2028}");
    assert_eq!(to_json(&all), serde_json::to_string(&all).unwrap());
    let floats = vec![0.1, 1.0, 1e16, 1e-7, -2.5, f64::NAN];
    assert_eq!(to_json(&floats), serde_json::to_string(&floats).unwrap());
    let ints: Vec<i64> = vec![i64::MIN, -1, 0, i64::MAX];
    assert_eq!(to_json(&ints), serde_json::to_string(&ints).unwrap());
    assert_eq!(to_json(&tag(1)), serde_json::to_string(&tag(1)).unwrap());
}
