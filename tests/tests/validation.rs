//! The generated `ecr::CreateFlowLogRequest` end to end: every constraint the API reference states
//! for ExpressConnectRouter `CreateFlowLog`, checked through `builder() ... build()`, at its
//! boundaries (max, max + 1, min - 1, empty, multi-byte), with the exact violations, paths and
//! order of the report, its `Display` text and its JSON.

use alibabacloud_flowlog::ecr::{CreateFlowLogRequest, CreateFlowLogRequestBuilder};
use alibabacloud_flowlog::ecr::{InstanceType, SamplingRate, Tag};
use alibabacloud_flowlog::runtime::validate::{Number, Value};
use alibabacloud_flowlog::runtime::{Report, Validate, ViolationKind};

const PROJECT_PATTERN: &str = "^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$";
const LOGSTORE_PATTERN: &str = "^[a-z0-9][a-z0-9_-]{1,61}[a-z0-9]$";
const ASCII_PATTERN: &str = r"^[\x00-\x7F]*$";

/// A builder with the five required parameters set to the reference's examples.
fn valid() -> CreateFlowLogRequestBuilder {
    CreateFlowLogRequest::builder()
        .ecr_id("ecr-mezk2idmsd0vx2****")
        .instance_type("VBR")
        .instance_id("vbr-xxx")
        .project_name("flowlog-project")
        .log_store_name("flowlog-logstore")
}

fn tag(key: &str, value: &str) -> Tag {
    Tag::default().key(key).value(value)
}

/// One expected violation: `(wire path, Rust path, kind)`.
type Found = (String, String, ViolationKind);

fn at(wire: &str, rust: &str, kind: ViolationKind) -> Found {
    (wire.to_owned(), rust.to_owned(), kind)
}

/// What `build()` reports, as `(wire path, Rust path, kind)` in order; empty when it builds.
fn violations(builder: CreateFlowLogRequestBuilder) -> Vec<Found> {
    match builder.build() {
        Ok(_) => Vec::new(),
        Err(report) => report
            .into_iter()
            .map(|violation| {
                let (rust, wire, kind) = violation.into_parts();
                (wire, rust, kind)
            })
            .collect(),
    }
}

fn report(builder: CreateFlowLogRequestBuilder) -> Report {
    builder.build().expect_err("the request should be refused")
}

fn length(min: Option<usize>, max: Option<usize>, found: usize) -> ViolationKind {
    ViolationKind::Length { min, max, found }
}

fn prefix(prefix: &'static str, found: &str) -> ViolationKind {
    ViolationKind::ForbiddenPrefix { prefix: prefix.into(), found: Some(found.into()) }
}

fn substring(substring: &'static str, found: &str) -> ViolationKind {
    ViolationKind::ForbiddenSubstring { substring: substring.into(), found: Some(found.into()) }
}

fn pattern(pattern: &'static str, found: &str) -> ViolationKind {
    ViolationKind::Pattern { pattern: pattern.into(), found: Some(found.into()) }
}

fn known(allowed: &[&str], found: &str) -> ViolationKind {
    ViolationKind::Known { allowed: allowed.iter().map(|&s| s.to_owned()).collect(), found: Some(found.into()) }
}

fn interval(found: i32) -> ViolationKind {
    let int = |n: i64| Value::Number(Number::Int(n));
    ViolationKind::OneOf { allowed: vec![int(60), int(600)], found: Some(int(found.into())) }
}

// --- The whole request -------------------------------------------------------------------------

#[test]
fn the_required_parameters_build() {
    let request = valid().build().expect("the five required parameters are enough");
    assert_eq!(request, valid().build_unchecked(), "build() hands back the same request");
    assert_eq!(request.ecr_id.as_deref(), Some("ecr-mezk2idmsd0vx2****"));
    assert_eq!(request.instance_type, Some(InstanceType::Vbr));
    assert_eq!(request.tag, Vec::<Tag>::new());
}

#[test]
fn every_parameter_set_to_the_reference_examples_builds() {
    let request = valid()
        .dry_run(false)
        .client_token("02fb3da4-130e-11e9-8e44-00****")
        .flow_log_name("myFlowlog")
        .description("myFlowlog")
        .interval(60)
        .sampling_rate("1:4096")
        .tag(tag("TestKey", "TestValue"))
        .tag(tag("FinanceDept", "FinanceJoshua"))
        .tag(tag("env", ""))
        .resource_group_id("rg-aek2aq7f4va****")
        .target_sls_region_id("cn-hangzhou")
        .build()
        .expect("the reference's examples are valid");
    assert_eq!(request.sampling_rate, Some(SamplingRate::V14096));
    assert_eq!(request.interval, Some(60));
    assert_eq!(request.tag.len(), 3);
}

#[test]
fn all_required_parameters_missing_are_reported_at_once() {
    let report = report(CreateFlowLogRequest::builder());
    let found: Vec<(&str, &str, &ViolationKind)> =
        report.violations().iter().map(|v| (v.wire_path(), v.rust_path(), v.kind())).collect();
    assert_eq!(
        found,
        [
            ("EcrId", "ecr_id", &ViolationKind::Required),
            ("InstanceType", "instance_type", &ViolationKind::Required),
            ("InstanceId", "instance_id", &ViolationKind::Required),
            ("ProjectName", "project_name", &ViolationKind::Required),
            ("LogStoreName", "log_store_name", &ViolationKind::Required),
        ]
    );
    assert_eq!(
        report.to_string(),
        "EcrId (ecr_id): is required\n\
         InstanceType (instance_type): is required\n\
         InstanceId (instance_id): is required\n\
         ProjectName (project_name): is required\n\
         LogStoreName (log_store_name): is required"
    );
}

#[test]
fn each_required_parameter_alone() {
    for (wire, rust) in [
        ("EcrId", "ecr_id"),
        ("InstanceType", "instance_type"),
        ("InstanceId", "instance_id"),
        ("ProjectName", "project_name"),
        ("LogStoreName", "log_store_name"),
    ] {
        let mut request = valid().build_unchecked();
        match rust {
            "ecr_id" => request.ecr_id = None,
            "instance_type" => request.instance_type = None,
            "instance_id" => request.instance_id = None,
            "project_name" => request.project_name = None,
            _ => request.log_store_name = None,
        }
        let report = request.validate().expect_err(wire);
        assert_eq!(report.len(), 1, "{wire}");
        assert_eq!(report.violations()[0].wire_path(), wire);
        assert_eq!(report.violations()[0].rust_path(), rust);
        assert_eq!(report.violations()[0].kind(), &ViolationKind::Required);
    }
    // Present but empty is present: `required` only asks for a value, the API states no minimum.
    assert_eq!(violations(valid().ecr_id("").instance_id("")), []);
}

#[test]
fn violations_come_in_declaration_order_depth_first() {
    let builder = CreateFlowLogRequest::builder()
        .client_token("jeton-éphémère")
        .flow_log_name(format!("http://{}", "a".repeat(122)))
        .description("https://example.com")
        .instance_type("VPC")
        .instance_id("vbr-xxx")
        .interval(300)
        .sampling_rate("1:512")
        .project_name("Flowlog")
        .log_store_name("fl")
        .set_tag(vec![tag("ok", "ok"); 21])
        .tag(tag("acs:x", "acs:y"));
    assert_eq!(
        violations(builder),
        [
            at("EcrId", "ecr_id", ViolationKind::Required),
            at("ClientToken", "client_token", pattern(ASCII_PATTERN, "jeton-éphémère")),
            at("FlowLogName", "flow_log_name", length(None, Some(128), 129)),
            at("FlowLogName", "flow_log_name", prefix("http://", &format!("http://{}", "a".repeat(122)))),
            at("Description", "description", prefix("https://", "https://example.com")),
            at("InstanceType", "instance_type", known(&["VBR"], "VPC")),
            at("Interval", "interval", interval(300)),
            at("SamplingRate", "sampling_rate", known(&["1:4096", "1:2048", "1:1024"], "1:512")),
            at("ProjectName", "project_name", pattern(PROJECT_PATTERN, "Flowlog")),
            at("LogStoreName", "log_store_name", length(Some(3), Some(63), 2)),
            at("LogStoreName", "log_store_name", pattern(LOGSTORE_PATTERN, "fl")),
            at("Tag", "tag", ViolationKind::Items { min: None, max: Some(20), found: 22 }),
            at("Tag.22.Key", "tag[21].key", prefix("acs:", "acs:x")),
            at("Tag.22.Value", "tag[21].value", prefix("acs:", "acs:y")),
        ]
    );
}

// --- FlowLogName and Description: length in characters, no URL prefix -------------------------

#[test]
fn flow_log_name_is_at_most_128_characters() {
    let name = |n: usize| valid().flow_log_name("a".repeat(n));
    assert_eq!(violations(name(128)), []);
    assert_eq!(violations(name(129)), [at("FlowLogName", "flow_log_name", length(None, Some(128), 129))]);
    assert_eq!(violations(name(0)), [], "the name can be empty");
    assert_eq!(violations(name(1)), []);
}

#[test]
fn flow_log_name_counts_characters_not_bytes() {
    let chinese = |n: usize| valid().flow_log_name("流".repeat(n));
    assert_eq!(violations(chinese(128)), [], "128 Chinese characters are 384 bytes");
    assert_eq!(violations(chinese(129)), [at("FlowLogName", "flow_log_name", length(None, Some(128), 129))]);
    assert_eq!(violations(valid().flow_log_name("😀".repeat(128))), [], "4-byte characters");
    let mixed = format!("{}{}", "a".repeat(127), "流");
    assert_eq!(violations(valid().flow_log_name(mixed)), [], "128 characters, 130 bytes");
    let mixed = format!("{}{}", "a".repeat(128), "é");
    assert_eq!(
        violations(valid().flow_log_name(mixed)),
        [at("FlowLogName", "flow_log_name", length(None, Some(128), 129))]
    );
}

#[test]
fn flow_log_name_must_not_start_with_a_url_scheme() {
    assert_eq!(
        violations(valid().flow_log_name("http://flowlog")),
        [at("FlowLogName", "flow_log_name", prefix("http://", "http://flowlog"))]
    );
    assert_eq!(
        violations(valid().flow_log_name("https://flowlog")),
        [at("FlowLogName", "flow_log_name", prefix("https://", "https://flowlog"))]
    );
    assert_eq!(
        violations(valid().flow_log_name("http://")),
        [at("FlowLogName", "flow_log_name", prefix("http://", "http://"))],
        "the prefix alone"
    );
    for allowed in ["http:/", "https:", "my http://flowlog", "httpflowlog", "流http://"] {
        assert_eq!(violations(valid().flow_log_name(allowed)), [], "{allowed:?}");
    }
}

#[test]
fn description_is_at_most_256_characters() {
    let description = |s: String| valid().description(s);
    assert_eq!(violations(description("d".repeat(256))), []);
    assert_eq!(
        violations(description("d".repeat(257))),
        [at("Description", "description", length(None, Some(256), 257))]
    );
    assert_eq!(violations(description("流".repeat(256))), [], "768 bytes");
    assert_eq!(
        violations(description("流".repeat(257))),
        [at("Description", "description", length(None, Some(256), 257))]
    );
    assert_eq!(violations(description(String::new())), []);
}

#[test]
fn description_must_not_start_with_a_url_scheme() {
    assert_eq!(
        violations(valid().description("http://d")),
        [at("Description", "description", prefix("http://", "http://d"))]
    );
    assert_eq!(
        violations(valid().description("https://d")),
        [at("Description", "description", prefix("https://", "https://d"))]
    );
    assert_eq!(violations(valid().description("see https://d")), [], "only the start is checked");
    let long = format!("https://{}", "d".repeat(249));
    assert_eq!(
        violations(valid().description(long.clone())),
        [
            at("Description", "description", length(None, Some(256), 257)),
            at("Description", "description", prefix("https://", &long)),
        ],
        "both rules of a field are reported, in the order written"
    );
}

// --- InstanceType, Interval, SamplingRate: value sets ------------------------------------------

#[test]
fn instance_type_is_only_vbr() {
    assert_eq!(violations(valid().instance_type(InstanceType::Vbr)), []);
    assert_eq!(violations(valid().instance_type("VBR")), []);
    for other in ["vbr", "VPC", "", " VBR"] {
        assert_eq!(
            violations(valid().instance_type(other)),
            [at("InstanceType", "instance_type", known(&["VBR"], other))],
            "{other:?}"
        );
    }
}

#[test]
fn an_unknown_instance_type_passes_build_unchecked() {
    let request = valid().instance_type("TR").build_unchecked();
    assert_eq!(request.instance_type, Some(InstanceType::Unknown("TR".into())));
    assert_eq!(
        request.validate().expect_err("still invalid when checked").to_string(),
        r#"InstanceType (instance_type): must be a known value: "VBR" (found "TR")"#
    );
    assert_eq!(
        valid().project_name("").interval(1).build_unchecked().project_name.as_deref(),
        Some(""),
        "build_unchecked() checks nothing at all"
    );
}

#[test]
fn interval_is_60_or_600() {
    assert_eq!(violations(valid().interval(60)), []);
    assert_eq!(violations(valid().interval(600)), []);
    for other in [0, 59, 61, 599, 601, -60, i32::MAX] {
        assert_eq!(violations(valid().interval(other)), [at("Interval", "interval", interval(other))], "{other}");
    }
    assert_eq!(report(valid().interval(59)).to_string(), "Interval (interval): must be one of 60, 600 (found 59)");
}

#[test]
fn sampling_rate_is_one_of_three_ratios() {
    let allowed = ["1:4096", "1:2048", "1:1024"];
    for rate in allowed {
        assert_eq!(violations(valid().sampling_rate(rate)), [], "{rate}");
    }
    for rate in [SamplingRate::V14096, SamplingRate::V12048, SamplingRate::V11024] {
        assert_eq!(violations(valid().sampling_rate(rate)), []);
    }
    for other in ["1:512", "1:8192", "1:4096 ", "", "4096"] {
        assert_eq!(
            violations(valid().sampling_rate(other)),
            [at("SamplingRate", "sampling_rate", known(&allowed, other))],
            "{other:?}"
        );
    }
}

// --- ProjectName and LogStoreName: naming rules ------------------------------------------------

#[test]
fn project_name_is_3_to_63_characters() {
    let name = |n: usize| "p".repeat(n);
    assert_eq!(violations(valid().project_name(name(3))), []);
    assert_eq!(violations(valid().project_name(name(63))), []);
    assert_eq!(
        violations(valid().project_name(name(2))),
        [
            at("ProjectName", "project_name", length(Some(3), Some(63), 2)),
            at("ProjectName", "project_name", pattern(PROJECT_PATTERN, "pp")),
        ]
    );
    assert_eq!(
        violations(valid().project_name(name(64))),
        [
            at("ProjectName", "project_name", length(Some(3), Some(63), 64)),
            at("ProjectName", "project_name", pattern(PROJECT_PATTERN, &name(64))),
        ]
    );
    assert_eq!(
        violations(valid().project_name("")),
        [
            at("ProjectName", "project_name", length(Some(3), Some(63), 0)),
            at("ProjectName", "project_name", pattern(PROJECT_PATTERN, "")),
        ],
        "empty is present but too short"
    );
}

#[test]
fn project_name_is_lowercase_digits_and_hyphens_starting_and_ending_alphanumeric() {
    for good in ["flowlog-project", "abc", "123", "a-b", "a--b", "0-project-9"] {
        assert_eq!(violations(valid().project_name(good)), [], "{good:?}");
    }
    for bad in ["Flowlog", "flow_log", "-flowlog", "flowlog-", "flow log", "flow.log", "flowlog项目", "流日志"] {
        assert_eq!(
            violations(valid().project_name(bad)),
            [at("ProjectName", "project_name", pattern(PROJECT_PATTERN, bad))],
            "{bad:?}"
        );
    }
}

#[test]
fn log_store_name_allows_underscores_inside() {
    for good in ["flowlog-logstore", "flow_log", "a_b", "a-_b", "abc", "0_9", &"l".repeat(63)] {
        assert_eq!(violations(valid().log_store_name(good)), [], "{good:?}");
    }
    for bad in ["_flowlog", "flowlog_", "-flowlog", "flowlog-", "LogStore", "log store", "日志库"] {
        assert_eq!(
            violations(valid().log_store_name(bad)),
            [at("LogStoreName", "log_store_name", pattern(LOGSTORE_PATTERN, bad))],
            "{bad:?}"
        );
    }
    assert_eq!(
        violations(valid().log_store_name("ab")),
        [
            at("LogStoreName", "log_store_name", length(Some(3), Some(63), 2)),
            at("LogStoreName", "log_store_name", pattern(LOGSTORE_PATTERN, "ab")),
        ]
    );
    let long = "l".repeat(64);
    assert_eq!(
        violations(valid().log_store_name(long.clone())),
        [
            at("LogStoreName", "log_store_name", length(Some(3), Some(63), 64)),
            at("LogStoreName", "log_store_name", pattern(LOGSTORE_PATTERN, &long)),
        ]
    );
}

// --- ClientToken: ASCII only --------------------------------------------------------------------

#[test]
fn client_token_is_ascii_only() {
    for good in ["02fb3da4-130e-11e9-8e44-00****", "", " ~!\t", "\u{0}", "\u{7f}"] {
        assert_eq!(violations(valid().client_token(good)), [], "{good:?}");
    }
    for bad in ["é", "token-令牌", "\u{80}", "tok😀en"] {
        assert_eq!(
            violations(valid().client_token(bad)),
            [at("ClientToken", "client_token", pattern(ASCII_PATTERN, bad))],
            "{bad:?}"
        );
    }
}

// --- Tag: at most 20, keys and values -----------------------------------------------------------

#[test]
fn at_most_20_tags() {
    let tags = |n: usize| valid().set_tag((0..n).map(|i| tag(&format!("k{i}"), "v")).collect());
    assert_eq!(violations(tags(0)), []);
    assert_eq!(violations(tags(20)), []);
    assert_eq!(violations(tags(21)), [at("Tag", "tag", ViolationKind::Items { min: None, max: Some(20), found: 21 })]);
    assert_eq!(report(tags(21)).to_string(), "Tag (tag): must have at most 20 items (found 21)");
}

#[test]
fn a_third_tag_whose_key_starts_with_acs_is_tag_3_key() {
    let report = report(valid().tag(tag("k1", "v1")).tag(tag("k2", "v2")).tag(tag("acs:env", "prod")));
    assert_eq!(report.len(), 1);
    let violation = &report.violations()[0];
    assert_eq!(violation.wire_path(), "Tag.3.Key");
    assert_eq!(violation.rust_path(), "tag[2].key");
    assert_eq!(violation.kind(), &prefix("acs:", "acs:env"));
    assert_eq!(report.to_string(), r#"Tag.3.Key (tag[2].key): must not start with "acs:" (found "acs:env")"#);
}

#[test]
fn tag_key_is_1_to_128_characters_when_given() {
    let key = |k: String| valid().tag(tag(&k, "v"));
    assert_eq!(violations(key("k".to_owned())), []);
    assert_eq!(violations(key("k".repeat(128))), []);
    assert_eq!(violations(key("k".repeat(129))), [at("Tag.1.Key", "tag[0].key", length(Some(1), Some(128), 129))]);
    assert_eq!(violations(key(String::new())), [at("Tag.1.Key", "tag[0].key", length(Some(1), Some(128), 0))]);
    assert_eq!(violations(key("键".repeat(128))), []);
    assert_eq!(violations(key("键".repeat(129))), [at("Tag.1.Key", "tag[0].key", length(Some(1), Some(128), 129))]);
    assert_eq!(violations(valid().tag(Tag::default().value("v"))), [], "the key is optional");
    assert_eq!(violations(valid().tag(Tag::default())), [], "so is the value");
}

#[test]
fn tag_key_must_not_start_with_aliyun_or_acs() {
    for (key, forbidden) in [("aliyun", "aliyun"), ("aliyunEnv", "aliyun"), ("acs:", "acs:"), ("acs:env", "acs:")] {
        assert_eq!(violations(valid().tag(tag(key, "v"))), [at("Tag.1.Key", "tag[0].key", prefix(forbidden, key))]);
    }
    for allowed in ["aliyu", "acs", "acsenv", "my-aliyun", "env:acs:"] {
        assert_eq!(violations(valid().tag(tag(allowed, "v"))), [], "{allowed:?}");
    }
}

#[test]
fn tag_key_must_not_contain_a_url() {
    assert_eq!(
        violations(valid().tag(tag("see http://x", "v"))),
        [at("Tag.1.Key", "tag[0].key", substring("http://", "see http://x"))]
    );
    assert_eq!(
        violations(valid().tag(tag("https://", "v"))),
        [at("Tag.1.Key", "tag[0].key", substring("https://", "https://"))]
    );
    assert_eq!(violations(valid().tag(tag("http:/x", "v"))), []);
}

#[test]
fn tag_value_is_at_most_128_characters_and_may_be_empty() {
    let value = |v: String| valid().tag(tag("k", &v));
    assert_eq!(violations(value(String::new())), []);
    assert_eq!(violations(value("v".repeat(128))), []);
    assert_eq!(violations(value("v".repeat(129))), [at("Tag.1.Value", "tag[0].value", length(None, Some(128), 129))]);
    assert_eq!(violations(value("值".repeat(128))), []);
    assert_eq!(violations(value("值".repeat(129))), [at("Tag.1.Value", "tag[0].value", length(None, Some(128), 129))]);
}

#[test]
fn tag_value_must_not_start_with_acs_nor_contain_a_url() {
    assert_eq!(
        violations(valid().tag(tag("k", "acs:prod"))),
        [at("Tag.1.Value", "tag[0].value", prefix("acs:", "acs:prod"))]
    );
    assert_eq!(violations(valid().tag(tag("k", "aliyun"))), [], "aliyun is forbidden for keys only");
    assert_eq!(
        violations(valid().tag(tag("k", "at http://x"))),
        [at("Tag.1.Value", "tag[0].value", substring("http://", "at http://x"))]
    );
}

#[test]
fn every_tag_is_checked_with_its_own_index() {
    let tags = vec![tag("", "v"), tag("ok", "ok"), tag("aliyun", "acs:"), tag("ok", "https://x")];
    assert_eq!(
        violations(valid().set_tag(tags)),
        [
            at("Tag.1.Key", "tag[0].key", length(Some(1), Some(128), 0)),
            at("Tag.3.Key", "tag[2].key", prefix("aliyun", "aliyun")),
            at("Tag.3.Value", "tag[2].value", prefix("acs:", "acs:")),
            at("Tag.4.Value", "tag[3].value", substring("https://", "https://x")),
        ]
    );
}

// --- The report for people and for machines ----------------------------------------------------

/// The invalid request of the benchmark: five violations in five fields.
fn five_violations() -> CreateFlowLogRequestBuilder {
    valid()
        .flow_log_name("https://flowlog")
        .interval(30)
        .project_name("Flowlog-Project")
        .tag(tag("TestKey", "TestValue"))
        .tag(tag("team", "network"))
        .tag(tag("acs:env", "prod"))
        .tag(tag("owner", &"x".repeat(129)))
}

#[test]
fn the_report_displays_one_line_per_violation() {
    assert_eq!(
        report(five_violations()).to_string(),
        format!(
            "FlowLogName (flow_log_name): must not start with \"https://\" (found \"https://flowlog\")\n\
             Interval (interval): must be one of 60, 600 (found 30)\n\
             ProjectName (project_name): must match the pattern `{PROJECT_PATTERN}` (found \"Flowlog-Project\")\n\
             Tag.3.Key (tag[2].key): must not start with \"acs:\" (found \"acs:env\")\n\
             Tag.4.Value (tag[3].value): must be at most 128 characters long (found 129)"
        )
    );
}

#[test]
fn the_report_serializes_to_json() {
    let json = serde_json::to_value(report(five_violations())).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "violations": [
                {
                    "rust_path": "flow_log_name",
                    "wire_path": "FlowLogName",
                    "rule": "forbidden_prefix",
                    "prefix": "https://",
                    "found": "https://flowlog"
                },
                {"rust_path": "interval", "wire_path": "Interval", "rule": "one_of", "allowed": [60, 600], "found": 30},
                {
                    "rust_path": "project_name",
                    "wire_path": "ProjectName",
                    "rule": "pattern",
                    "pattern": "^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$",
                    "found": "Flowlog-Project"
                },
                {
                    "rust_path": "tag[2].key",
                    "wire_path": "Tag.3.Key",
                    "rule": "forbidden_prefix",
                    "prefix": "acs:",
                    "found": "acs:env"
                },
                {"rust_path": "tag[3].value", "wire_path": "Tag.4.Value", "rule": "length", "max": 128, "found": 129}
            ]
        })
    );
}
