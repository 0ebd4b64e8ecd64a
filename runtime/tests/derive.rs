//! `#[derive(Validate)]` end to end: a request shaped like CreateFlowLog, and every rule through
//! the derive, with the paths and the order of the report.

use alibabacloud_runtime::validate::{Number, Path, Value};
use alibabacloud_runtime::{KnownValue, Report, Validate, ViolationKind};

#[derive(Debug, Clone, PartialEq)]
enum TrafficType {
    All,
    Allow,
    Drop,
    Unknown(String),
}

impl KnownValue for TrafficType {
    fn is_known(&self) -> bool {
        !matches!(self, TrafficType::Unknown(_))
    }
    fn as_str(&self) -> &str {
        match self {
            TrafficType::All => "All",
            TrafficType::Allow => "Allow",
            TrafficType::Drop => "Drop",
            TrafficType::Unknown(other) => other,
        }
    }
    fn known_values() -> &'static [&'static str] {
        &["All", "Allow", "Drop"]
    }
}

#[derive(Debug, Clone, Default, Validate)]
struct Tag {
    #[validate(wire = "Key", length(min = 1, max = 128))]
    #[validate(not_starts_with("aliyun", "acs:"), not_contains("http://", "https://"))]
    key: Option<String>,
    #[validate(
        wire = "Value",
        length(max = 128),
        not_starts_with("aliyun", "acs:"),
        not_contains("http://", "https://")
    )]
    value: Option<String>,
}

#[derive(Debug, Clone, Default, Validate)]
struct CreateFlowLogRequest {
    #[validate(wire = "RegionId", required)]
    region_id: Option<String>,
    #[validate(wire = "FlowLogName", length(min = 1, max = 128), not_starts_with("http://", "https://"))]
    flow_log_name: Option<String>,
    #[validate(wire = "TrafficType", required, known)]
    traffic_type: Option<TrafficType>,
    #[validate(wire = "ProjectName", required, length(min = 3, max = 63))]
    #[validate(pattern = "^[a-z0-9][a-z0-9-]*[a-z0-9]$")]
    project_name: Option<String>,
    #[validate(wire = "AggregationInterval", one_of(1, 5, 10))]
    aggregation_interval: Option<i32>,
    #[validate(wire = "TrafficPath", items(max = 20), each(one_of("all", "internetGateway")))]
    traffic_path: Vec<String>,
    #[validate(wire = "Tag", items(max = 20), nested)]
    tag: Vec<Tag>,
}

fn tag(key: &str, value: &str) -> Tag {
    Tag { key: Some(key.into()), value: Some(value.into()) }
}

fn valid() -> CreateFlowLogRequest {
    CreateFlowLogRequest {
        region_id: Some("cn-hangzhou".into()),
        flow_log_name: Some("myFlowlog".into()),
        traffic_type: Some(TrafficType::All),
        project_name: Some("flow-log-project".into()),
        aggregation_interval: Some(10),
        traffic_path: vec!["all".into()],
        tag: vec![tag("FinanceDept", "FinanceJoshua"), tag("env", "prod"), tag("team", "")],
    }
}

/// `(wire path, rust path, rule)` of each violation, in order.
fn summary(report: &Report) -> Vec<(&str, &str, &'static str)> {
    report.violations().iter().map(|v| (v.wire_path(), v.rust_path(), v.kind().rule())).collect()
}

#[test]
fn a_valid_request_passes() {
    assert_eq!(valid().validate(), Ok(()));
    for traffic_type in [TrafficType::Allow, TrafficType::Drop] {
        let request = CreateFlowLogRequest { traffic_type: Some(traffic_type), ..valid() };
        assert_eq!(request.validate(), Ok(()));
    }
    let mut unset = valid();
    unset.flow_log_name = None;
    unset.aggregation_interval = None;
    unset.traffic_path.clear();
    unset.tag.clear();
    assert_eq!(unset.validate(), Ok(()), "unset optional fields are not checked");
}

#[test]
fn twenty_one_tags_break_items_max_twenty() {
    let mut request = valid();
    request.tag = vec![tag("k", "v"); 20];
    assert_eq!(request.validate(), Ok(()));
    request.tag.push(tag("k", "v"));
    let report = request.validate().unwrap_err();
    assert_eq!(summary(&report), [("Tag", "tag", "items")]);
    assert_eq!(report.violations()[0].kind(), &ViolationKind::Items { min: None, max: Some(20), found: 21 });
    assert_eq!(report.to_string(), "Tag (tag): must have at most 20 items (found 21)");
}

#[test]
fn a_third_tag_starting_with_acs_is_reported_at_tag_3_key() {
    let mut request = valid();
    request.tag[2].key = Some("acs:x".into());
    let report = request.validate().unwrap_err();
    let violation = &report.violations()[0];
    assert_eq!(report.len(), 1);
    assert_eq!(violation.wire_path(), "Tag.3.Key");
    assert_eq!(violation.rust_path(), "tag[2].key");
    assert_eq!(
        violation.kind(),
        &ViolationKind::ForbiddenPrefix { prefix: "acs:".into(), found: Some("acs:x".into()) }
    );
    assert_eq!(report.to_string(), r#"Tag.3.Key (tag[2].key): must not start with "acs:" (found "acs:x")"#);
}

#[test]
fn every_violation_is_reported_in_declaration_order_depth_first() {
    let request = CreateFlowLogRequest {
        region_id: None,
        flow_log_name: Some("https://x".into()),
        traffic_type: Some(TrafficType::Unknown("Some".into())),
        project_name: Some("-A".into()),
        aggregation_interval: Some(3),
        traffic_path: vec!["all".into(), "nat".into()],
        tag: vec![tag("ok", "ok"), Tag { key: Some(String::new()), value: Some("see http://x".into()) }],
    };
    let report = request.validate().unwrap_err();
    assert_eq!(
        summary(&report),
        [
            ("RegionId", "region_id", "required"),
            ("FlowLogName", "flow_log_name", "forbidden_prefix"),
            ("TrafficType", "traffic_type", "known"),
            ("ProjectName", "project_name", "length"),
            ("ProjectName", "project_name", "pattern"),
            ("AggregationInterval", "aggregation_interval", "one_of"),
            ("TrafficPath.2", "traffic_path[1]", "one_of"),
            ("Tag.2.Key", "tag[1].key", "length"),
            ("Tag.2.Value", "tag[1].value", "forbidden_substring"),
        ]
    );
    let expected = [
        "RegionId (region_id): is required",
        r#"FlowLogName (flow_log_name): must not start with "https://" (found "https://x")"#,
        r#"TrafficType (traffic_type): must be a known value: "All", "Allow", "Drop" (found "Some")"#,
        r#"ProjectName (project_name): must be 3 to 63 characters long (found 2)"#,
        r#"ProjectName (project_name): must match the pattern `^[a-z0-9][a-z0-9-]*[a-z0-9]$` (found "-A")"#,
        "AggregationInterval (aggregation_interval): must be one of 1, 5, 10 (found 3)",
        r#"TrafficPath.2 (traffic_path[1]): must be one of "all", "internetGateway" (found "nat")"#,
        "Tag.2.Key (tag[1].key): must be 1 to 128 characters long (found 0)",
        r#"Tag.2.Value (tag[1].value): must not contain "http://" (found "see http://x")"#,
    ];
    assert_eq!(report.to_string(), expected.join("\n"));
}

#[test]
fn lengths_count_characters() {
    let mut request = valid();
    request.flow_log_name = Some("流".repeat(128));
    assert_eq!(request.validate(), Ok(()), "128 Chinese characters (384 bytes) pass a 128 limit");
    request.flow_log_name = Some("流".repeat(129));
    let report = request.validate().unwrap_err();
    assert_eq!(report.violations()[0].kind(), &ViolationKind::Length { min: Some(1), max: Some(128), found: 129 });
}

#[test]
fn required_failing_skips_the_other_rules_of_the_field() {
    let mut request = valid();
    request.project_name = None;
    let report = request.validate().unwrap_err();
    assert_eq!(summary(&report), [("ProjectName", "project_name", "required")]);
}

#[test]
fn the_report_serializes_for_machines() {
    let mut request = valid();
    request.tag[2].key = Some("acs:x".into());
    request.tag.extend(vec![tag("k", "v"); 18]);
    let json = serde_json::to_value(request.validate().unwrap_err()).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "violations": [
                {"rust_path": "tag", "wire_path": "Tag", "rule": "items", "max": 20, "found": 21},
                {
                    "rust_path": "tag[2].key",
                    "wire_path": "Tag.3.Key",
                    "rule": "forbidden_prefix",
                    "prefix": "acs:",
                    "found": "acs:x"
                }
            ]
        })
    );
}

// --- Each rule through the derive -------------------------------------------------------------

fn even(value: &u32) -> Result<(), ViolationKind> {
    if value % 2 == 0 {
        Ok(())
    } else {
        Err(ViolationKind::custom("odd", "must be even"))
    }
}

fn no_spaces(value: &str) -> Result<(), ViolationKind> {
    if value.contains(' ') {
        Err(ViolationKind::custom("space", "must not contain spaces"))
    } else {
        Ok(())
    }
}

#[derive(Debug, Default, Validate)]
struct Everything {
    #[validate(range(min = 1, max = 65535))]
    port: u16,
    #[validate(range(exclusive_min = -1.5, exclusive_max = 0.5))]
    ratio: Option<f64>,
    #[validate(range(min = -10))]
    offset: Option<i64>,
    #[validate(custom = even)]
    count: u32,
    #[validate(custom = no_spaces, wire = "Name")]
    name: Option<String>,
    #[validate(secret, wire = "Password", length(min = 8), pattern = "^[!-~]+$")]
    password: Option<String>,
    #[validate(required, items(min = 1, max = 2), each(required, length(max = 3)))]
    slots: Vec<Option<String>>,
    #[validate(nested)]
    extra: Option<Tag>,
    #[validate(wire = "Type", one_of("a", "b"))]
    r#type: String,
    #[validate(each(nested))]
    more: Option<Vec<Option<Tag>>>,
    _unchecked: String,
}

fn everything() -> Everything {
    Everything {
        port: 443,
        ratio: Some(0.0),
        offset: Some(-10),
        count: 2,
        name: Some("n".into()),
        password: Some("correct-horse".into()),
        slots: vec![Some("abc".into())],
        extra: None,
        r#type: "a".into(),
        more: None,
        _unchecked: "anything at all".into(),
    }
}

#[test]
fn every_rule_passes_on_valid_values() {
    assert_eq!(everything().validate(), Ok(()));
}

#[test]
fn every_rule_reports_through_the_derive() {
    let value = Everything {
        port: 0,
        ratio: Some(0.5),
        offset: Some(-11),
        count: 3,
        name: Some("a b".into()),
        password: Some("short pw".into()),
        slots: vec![None, Some("abcd".into()), Some("x".into())],
        extra: Some(tag("acs:1", "v")),
        r#type: "c".into(),
        more: Some(vec![Some(tag("k", "v")), Some(tag("k", "https://")), None]),
        _unchecked: String::new(),
    };
    let report = value.validate().unwrap_err();
    assert_eq!(
        summary(&report),
        [
            ("port", "port", "range"),
            ("ratio", "ratio", "range"),
            ("offset", "offset", "range"),
            ("count", "count", "custom"),
            ("Name", "name", "custom"),
            ("Password", "password", "pattern"),
            ("slots", "slots", "items"),
            ("slots.1", "slots[0]", "required"),
            ("slots.2", "slots[1]", "length"),
            ("extra.Key", "extra.key", "forbidden_prefix"),
            ("Type", "type", "one_of"),
            ("more.2.Value", "more[1].value", "forbidden_substring"),
        ]
    );
    let lines: Vec<String> = report.violations().iter().map(ToString::to_string).collect();
    assert_eq!(lines[0], "port (port): must be at least 1 and at most 65535 (found 0)");
    assert_eq!(lines[1], "ratio (ratio): must be greater than -1.5 and less than 0.5 (found 0.5)");
    assert_eq!(lines[3], "count (count): must be even (odd)");
    assert_eq!(lines[5], "Password (password): must match the pattern `^[!-~]+$` (found <redacted>)");
    assert_eq!(lines[10], r#"Type (type): must be one of "a", "b" (found "c")"#);
    assert_eq!(
        report.violations()[2].kind(),
        &ViolationKind::Range {
            min: Some(Number::Int(-10)),
            max: None,
            exclusive_min: None,
            exclusive_max: None,
            found: Some(Number::Int(-11)),
        }
    );
    assert_eq!(report.violations()[5].kind(), &ViolationKind::Pattern { pattern: "^[!-~]+$".into(), found: None });
    assert!(!report.to_string().contains("short pw"), "a secret is never echoed");
}

#[test]
fn a_secret_is_redacted_in_every_rule() {
    let value = Everything { password: Some("abc".into()), ..everything() };
    let report = value.validate().unwrap_err();
    assert_eq!(
        report.to_string(),
        "Password (password): must be at least 8 characters long (found 3)",
        "counts are not the value, so they stay"
    );
    let json = serde_json::to_string(&report).unwrap();
    assert!(!json.contains("abc"), "{json}");
}

#[test]
fn required_on_an_empty_list() {
    let value = Everything { slots: Vec::new(), ..everything() };
    let report = value.validate().unwrap_err();
    assert_eq!(summary(&report), [("slots", "slots", "required")], "items(min) is not reported on top");
}

#[test]
fn validates_from_a_given_path() {
    let mut report = Report::new();
    let root = Path::root();
    let request = root.field("request", "Request");
    tag("aliyun-x", "v").validate_into(&request, &mut report);
    assert_eq!(summary(&report), [("Request.Key", "request.key", "forbidden_prefix")]);
}

#[derive(Validate)]
struct Generic<'a, T: Validate> {
    #[validate(length(max = 2))]
    name: &'a str,
    #[validate(nested)]
    inner: T,
}

#[derive(Validate)]
struct Unit;

#[derive(Validate)]
struct NoRules {
    _plain: String,
}

#[test]
fn generics_units_and_fields_without_rules() {
    let generic = Generic { name: "abc", inner: tag("acs:", "") };
    assert_eq!(
        summary(&generic.validate().unwrap_err()),
        [("name", "name", "length"), ("inner.Key", "inner.key", "forbidden_prefix")]
    );
    assert_eq!(Unit.validate(), Ok(()));
    assert_eq!(NoRules { _plain: String::new() }.validate(), Ok(()));
}

#[test]
fn one_of_numbers_serialize_as_numbers() {
    let mut request = valid();
    request.aggregation_interval = Some(2);
    let kind = request.validate().unwrap_err().into_iter().next().unwrap().into_parts().2;
    let one = Value::Number(Number::Int(1));
    assert!(matches!(&kind, ViolationKind::OneOf { allowed, .. } if allowed[0] == one));
    assert_eq!(
        serde_json::to_value(&kind).unwrap(),
        serde_json::json!({"rule": "one_of", "allowed": [1, 5, 10], "found": 2})
    );
}
