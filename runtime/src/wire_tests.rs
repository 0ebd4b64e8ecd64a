use serde_json::json;

use super::*;
use crate::operation::Method;
use crate::Service;

static SERVICE: Service = Service { product: "Vpc", version: "2016-04-28", endpoint_prefix: "vpc", endpoints: &[] };

static OP: Operation = Operation {
    service: &SERVICE,
    action: "CreateFlowLog",
    method: Method::Post,
    path: "/",
    client_token: Some("ClientToken"),
    params: &[
        ParamSpec::new("RegionId", Location::Query, Style::Simple),
        ParamSpec::new("Description", Location::Body, Style::Simple),
        ParamSpec::new("AggregationInterval", Location::Query, Style::Simple),
        ParamSpec::new("DryRun", Location::Query, Style::Simple),
        ParamSpec::new("SamplingRate", Location::Query, Style::Simple),
        ParamSpec::new("Tag", Location::Query, Style::RepeatList),
        ParamSpec::new("TrafficType", Location::Query, Style::Flat),
        ParamSpec::new("ResourceIds", Location::Query, Style::Simple),
        ParamSpec::new("Filter", Location::Body, Style::Json),
        ParamSpec::new("ClientToken", Location::Query, Style::Simple),
        ParamSpec::new("x-acs-extra", Location::Header, Style::Simple),
    ],
};

#[derive(serde::Serialize, Default)]
struct Tag {
    #[serde(rename = "Key", skip_serializing_if = "Option::is_none")]
    key: Option<String>,
    #[serde(rename = "Value", skip_serializing_if = "Option::is_none")]
    value: Option<String>,
}

/// Shaped like a generated request: wire renames, unset fields skipped.
#[derive(serde::Serialize, Default)]
struct CreateFlowLogRequest {
    #[serde(rename = "RegionId", skip_serializing_if = "Option::is_none")]
    region_id: Option<String>,
    #[serde(rename = "Description", skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(rename = "AggregationInterval", skip_serializing_if = "Option::is_none")]
    aggregation_interval: Option<i64>,
    #[serde(rename = "DryRun", skip_serializing_if = "Option::is_none")]
    dry_run: Option<bool>,
    #[serde(rename = "SamplingRate", skip_serializing_if = "Option::is_none")]
    sampling_rate: Option<f64>,
    #[serde(rename = "Tag", skip_serializing_if = "Vec::is_empty")]
    tag: Vec<Tag>,
    #[serde(rename = "ResourceIds", skip_serializing_if = "Vec::is_empty")]
    resource_ids: Vec<String>,
}

fn get<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

#[test]
fn generated_request_shape_encodes() {
    let request = CreateFlowLogRequest {
        region_id: Some("cn-hangzhou".into()),
        description: Some(String::new()),
        aggregation_interval: Some(0),
        dry_run: Some(false),
        sampling_rate: Some(0.5),
        tag: (1..=11).map(|i| Tag { key: Some(format!("k{i}")), value: (i != 3).then(|| format!("v {i}")) }).collect(),
        resource_ids: vec!["vbr-1".into(), "vbr-2".into()],
    };
    let encoded = encode(&OP, &request).unwrap();
    assert_eq!(get(&encoded.query, "RegionId"), Some("cn-hangzhou"));
    assert_eq!(get(&encoded.form, "Description"), Some(""), "empty strings are sent");
    assert_eq!(get(&encoded.query, "AggregationInterval"), Some("0"), "0 is sent");
    assert_eq!(get(&encoded.query, "DryRun"), Some("false"));
    assert_eq!(get(&encoded.query, "SamplingRate"), Some("0.5"));
    assert_eq!(get(&encoded.query, "Tag.1.Key"), Some("k1"));
    assert_eq!(get(&encoded.query, "Tag.1.Value"), Some("v 1"));
    assert_eq!(get(&encoded.query, "Tag.3.Key"), Some("k3"));
    assert_eq!(get(&encoded.query, "Tag.3.Value"), None, "unset is left out");
    assert_eq!(get(&encoded.query, "Tag.11.Value"), Some("v 11"));
    assert_eq!(get(&encoded.query, "ResourceIds"), Some("vbr-1,vbr-2"));
    assert_eq!(get(&encoded.query, "ClientToken"), None);
    assert!(encoded.headers.is_empty());

    // Byte order: Tag.10 and Tag.11 sort before Tag.2 in the canonical query.
    let canonical = crate::sign::canonical_query(&encoded.query);
    let position = |needle: &str| canonical.find(needle).unwrap();
    assert!(position("Tag.1.Key=") < position("Tag.10.Key="));
    assert!(position("Tag.10.Key=") < position("Tag.11.Key="));
    assert!(position("Tag.11.Key=") < position("Tag.2.Key="));
    assert!(canonical.contains("Tag.1.Value=v%201"));
    assert_eq!(encoded.form_body(), "Description=");
}

#[test]
fn unset_request_encodes_to_nothing() {
    let encoded = encode(&OP, &CreateFlowLogRequest::default()).unwrap();
    assert_eq!(encoded.path, "/");
    assert!(encoded.query.is_empty() && encoded.form.is_empty() && encoded.headers.is_empty());
    assert_eq!(encoded.form_body(), "");
}

fn encode_json(value: serde_json::Value) -> EncodedRequest {
    encode_value(&OP, value).unwrap()
}

#[test]
fn repeat_list_and_flat_styles() {
    let encoded = encode_json(json!({
        "Tag": [{"Key": "a", "Value": "1"}, {"Key": "b"}],
        "TrafficType": {"Inner": ["x", "y"], "Name": "n", "Skip": null},
    }));
    assert_eq!(
        encoded.query,
        vec![
            ("Tag.1.Key".to_owned(), "a".to_owned()),
            ("Tag.1.Value".to_owned(), "1".to_owned()),
            ("Tag.2.Key".to_owned(), "b".to_owned()),
            ("TrafficType.Inner.1".to_owned(), "x".to_owned()),
            ("TrafficType.Inner.2".to_owned(), "y".to_owned()),
            ("TrafficType.Name".to_owned(), "n".to_owned()),
        ]
    );
    // A plain list in repeatList style.
    let list = encode_json(json!({"Tag": ["a", null, "c"]}));
    assert_eq!(list.query, vec![("Tag.1".to_owned(), "a".to_owned()), ("Tag.3".to_owned(), "c".to_owned())]);
}

#[test]
fn json_style_sends_one_encoded_value() {
    let encoded = encode_json(json!({"Filter": [{"Key": "a b", "N": 1}], "Description": "d"}));
    assert_eq!(get(&encoded.form, "Filter"), Some(r#"[{"Key":"a b","N":1}]"#));
    assert_eq!(encoded.form_body(), "Description=d&Filter=%5B%7B%22Key%22%3A%22a%20b%22%2C%22N%22%3A1%7D%5D");
    // A string in json style is sent as it is (the SDKs' toJSONString returns strings as is).
    let string = encode_json(json!({"Filter": "{\"already\":\"json\"}"}));
    assert_eq!(get(&string.form, "Filter"), Some(r#"{"already":"json"}"#));
}

#[test]
fn simple_style_joins_lists_and_renders_scalars() {
    let encoded = encode_json(json!({
        "ResourceIds": ["a", 1, true, 2.5, {"K": "v"}],
        "DryRun": true,
        "AggregationInterval": -3,
        "SamplingRate": 1.0,
        "x-acs-extra": "h",
    }));
    assert_eq!(get(&encoded.query, "ResourceIds"), Some(r#"a,1,true,2.5,{"K":"v"}"#));
    assert_eq!(get(&encoded.query, "DryRun"), Some("true"));
    assert_eq!(get(&encoded.query, "AggregationInterval"), Some("-3"));
    assert_eq!(get(&encoded.query, "SamplingRate"), Some("1.0"));
    assert_eq!(get(&encoded.headers, "x-acs-extra"), Some("h"));
}

#[test]
fn unknown_members_and_non_objects_are_refused() {
    let error = encode_value(&OP, json!({"Nope": 1})).unwrap_err();
    assert!(error.message().contains("`Nope`"), "{error}");
    let error = encode_value(&OP, json!([1])).unwrap_err();
    assert!(error.message().contains("an array"), "{error}");
    assert!(encode_value(&OP, serde_json::Value::Null).is_ok());
}

#[test]
fn path_parameters_fill_placeholders() {
    static ROA: Operation = Operation {
        service: &SERVICE,
        action: "GetThing",
        method: Method::Get,
        path: "/things/{ThingId}/parts/[PartId]",
        client_token: None,
        params: &[
            ParamSpec::new("ThingId", Location::Path, Style::Simple),
            ParamSpec::new("PartId", Location::Path, Style::Simple),
        ],
    };
    let encoded = encode_value(&ROA, json!({"ThingId": "a/b c", "PartId": 7})).unwrap();
    assert_eq!(encoded.path, "/things/a%2Fb%20c/parts/7");
}

#[test]
fn floats_render_like_python_str() {
    let cases: &[(f64, &str)] = &[
        (1.0, "1.0"),
        (0.5, "0.5"),
        (0.1, "0.1"),
        (-2.25, "-2.25"),
        (123456.789, "123456.789"),
        (1e15, "1000000000000000.0"),
        (1e16, "1e+16"),
        (1.5e16, "1.5e+16"),
        (0.0001, "0.0001"),
        (0.00001, "1e-05"),
        (1.25e-7, "1.25e-07"),
        (1e100, "1e+100"),
        (0.0, "0.0"),
        (-0.0, "-0.0"),
        (1.0 / 3.0, "0.3333333333333333"),
        (f64::NAN, "nan"),
        (f64::INFINITY, "inf"),
    ];
    for (value, expected) in cases {
        assert_eq!(python_float(*value), *expected, "{value:e}");
    }
}

#[test]
fn a_body_parameter_becomes_the_json_body_and_host_parameters_are_not_sent() {
    static ROA: Operation = Operation {
        service: &SERVICE,
        action: "CreateCluster",
        method: Method::Post,
        path: "/clusters/{ClusterId}",
        client_token: None,
        params: &[
            ParamSpec::new("ClusterId", Location::Path, Style::Simple),
            ParamSpec::new("body", Location::JsonBody, Style::Simple),
            ParamSpec::new("Bucket", Location::Host, Style::Simple),
        ],
    };
    let out = encode_value(&ROA, json!({"ClusterId": "c 1", "body": {"Name": "n", "Size": 3}, "Bucket": "b"})).unwrap();
    assert_eq!(out.path, "/clusters/c%201");
    assert_eq!(out.json_body.as_deref(), Some(r#"{"Name":"n","Size":3}"#));
    assert!(out.query.is_empty() && out.form.is_empty() && out.headers.is_empty());
    assert_eq!(out.body(), (br#"{"Name":"n","Size":3}"#.to_vec(), Some("application/json")));
    let form_only = encode_value(&OP, json!({"Description": "a b"})).unwrap();
    assert_eq!(form_only.body(), (b"Description=a%20b".to_vec(), Some("application/x-www-form-urlencoded")));
    assert_eq!(EncodedRequest::default().body(), (Vec::new(), None));
}
