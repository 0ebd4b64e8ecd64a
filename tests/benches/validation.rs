//! Validation of the generated `ecr::CreateFlowLogRequest` against the same constraints written
//! with `validator`, with `garde`, and by hand, on three requests:
//!
//! - (a) a valid request with 3 tags,
//! - (b) a valid request with 20 tags,
//! - (c) an invalid request with 5 violations.
//!
//! ```sh
//! cargo bench -p integration-tests --bench validation
//! ```
//!
//! Criterion prints its figures for each of the 12 measurements. After them the bench prints a
//! table of ratios (the generated request's time divided by each other's) from its own
//! interleaved pass, which times every implementation back to back in each round, so that the
//! ratios hold up on a machine whose load changes (see [`print_ratios`]). Nothing here asserts
//! on a time: the only assertions, made before anything is timed, check that the four
//! implementations agree on what is valid, on how many violations the invalid request has, and
//! (generated and hand-written) on their wire paths and rules.

use std::hint::black_box;
use std::time::{Duration, Instant};

use alibabacloud_flowlog::ecr::CreateFlowLogRequest;
use alibabacloud_flowlog::ecr::Tag;
use alibabacloud_flowlog::runtime::Validate as _;
use criterion::Criterion;

/// The four implementations, in the order of the table.
const IMPLS: [&str; 4] = ["generated", "validator", "garde", "hand-written"];

// --- The inputs --------------------------------------------------------------------------------

/// The same request in the three shapes: the generated type (also checked by hand), and the
/// mirrors for validator and garde.
struct Case {
    name: &'static str,
    generated: CreateFlowLogRequest,
    validator: with_validator::CreateFlowLog,
    garde: with_garde::CreateFlowLog,
    /// How many violations each implementation must find.
    violations: usize,
}

/// `(key, value)` of the tags of a case.
fn tags(n: usize) -> Vec<(String, String)> {
    let examples = [("TestKey", "TestValue"), ("FinanceDept", "FinanceJoshua"), ("env", "prod")];
    (0..n)
        .map(|i| match examples.get(i) {
            Some((key, value)) => (key.to_string(), value.to_string()),
            None => (format!("team-{i}"), format!("network-{i}")),
        })
        .collect()
}

/// The fields of one request, from which the three shapes are built.
struct Fields {
    flow_log_name: &'static str,
    interval: i32,
    project_name: &'static str,
    tags: Vec<(String, String)>,
}

fn case(name: &'static str, fields: Fields, violations: usize) -> Case {
    let Fields { flow_log_name, interval, project_name, tags } = fields;
    let mut builder = CreateFlowLogRequest::builder()
        .ecr_id("ecr-mezk2idmsd0vx2****")
        .client_token("02fb3da4-130e-11e9-8e44-00****")
        .flow_log_name(flow_log_name)
        .description("flow log of the VBR of the Hangzhou office")
        .instance_type("VBR")
        .instance_id("vbr-bp1eg3oiqwhiy4fi5mvj8")
        .interval(interval)
        .sampling_rate("1:4096")
        .project_name(project_name)
        .log_store_name("flowlog_logstore");
    for (key, value) in &tags {
        builder = builder.tag(Tag::default().key(key.as_str()).value(value.as_str()));
    }
    let generated = builder.build_unchecked();
    let text = |value: &Option<String>| value.clone();
    let validator = with_validator::CreateFlowLog {
        ecr_id: text(&generated.ecr_id),
        client_token: text(&generated.client_token),
        flow_log_name: text(&generated.flow_log_name),
        description: text(&generated.description),
        instance_type: generated.instance_type.as_ref().map(|t| t.as_str().to_owned()),
        instance_id: text(&generated.instance_id),
        interval: generated.interval,
        sampling_rate: generated.sampling_rate.as_ref().map(|r| r.as_str().to_owned()),
        project_name: text(&generated.project_name),
        log_store_name: text(&generated.log_store_name),
        tag: tags
            .iter()
            .map(|(key, value)| with_validator::Tag { key: Some(key.clone()), value: Some(value.clone()) })
            .collect(),
    };
    let garde = with_garde::CreateFlowLog {
        ecr_id: validator.ecr_id.clone(),
        client_token: validator.client_token.clone(),
        flow_log_name: validator.flow_log_name.clone(),
        description: validator.description.clone(),
        instance_type: validator.instance_type.clone(),
        instance_id: validator.instance_id.clone(),
        interval: validator.interval,
        sampling_rate: validator.sampling_rate.clone(),
        project_name: validator.project_name.clone(),
        log_store_name: validator.log_store_name.clone(),
        tag: tags
            .iter()
            .map(|(key, value)| with_garde::Tag { key: Some(key.clone()), value: Some(value.clone()) })
            .collect(),
    };
    Case { name, generated, validator, garde, violations }
}

fn cases() -> [Case; 3] {
    let valid = |tags| Fields { flow_log_name: "myFlowlog", interval: 600, project_name: "flowlog-project", tags };
    let mut invalid_tags = tags(4);
    invalid_tags[2].0 = "acs:env".into(); // Tag.3.Key starts with `acs:`
    invalid_tags[3].1 = "x".repeat(129); // Tag.4.Value is 129 characters long
    let invalid = Fields {
        flow_log_name: "https://flowlog", // starts with https://
        interval: 30,                     // neither 60 nor 600
        project_name: "Flowlog-Project",  // upper case
        tags: invalid_tags,
    };
    [
        case("(a) valid, 3 tags", valid(tags(3)), 0),
        case("(b) valid, 20 tags", valid(tags(20)), 0),
        case("(c) invalid, 5 violations", invalid, 5),
    ]
}

// --- The same constraints with validator -------------------------------------------------------

mod with_validator {
    use std::borrow::Cow;
    use std::sync::LazyLock;

    use regex::Regex;
    use validator::{Validate, ValidationError};

    static PROJECT_NAME: LazyLock<Regex> =
        LazyLock::new(|| Regex::new("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$").expect("valid regex"));
    static LOG_STORE_NAME: LazyLock<Regex> =
        LazyLock::new(|| Regex::new("^[a-z0-9][a-z0-9_-]{1,61}[a-z0-9]$").expect("valid regex"));

    fn error(code: &'static str) -> ValidationError {
        ValidationError::new(code)
    }

    fn ascii(value: &str) -> Result<(), ValidationError> {
        if value.is_ascii() {
            Ok(())
        } else {
            Err(error("ascii"))
        }
    }

    fn no_url_prefix(value: &str) -> Result<(), ValidationError> {
        for prefix in ["http://", "https://"] {
            if value.starts_with(prefix) {
                return Err(error("forbidden_prefix").with_message(Cow::Borrowed(prefix)));
            }
        }
        Ok(())
    }

    fn key_prefix(value: &str) -> Result<(), ValidationError> {
        for prefix in ["aliyun", "acs:"] {
            if value.starts_with(prefix) {
                return Err(error("forbidden_prefix").with_message(Cow::Borrowed(prefix)));
            }
        }
        Ok(())
    }

    fn value_prefix(value: &str) -> Result<(), ValidationError> {
        if value.starts_with("acs:") {
            return Err(error("forbidden_prefix"));
        }
        Ok(())
    }

    fn no_url(value: &str) -> Result<(), ValidationError> {
        for substring in ["http://", "https://"] {
            if value.contains(substring) {
                return Err(error("forbidden_substring").with_message(Cow::Borrowed(substring)));
            }
        }
        Ok(())
    }

    fn one_of_instance_type(value: &str) -> Result<(), ValidationError> {
        if value == "VBR" {
            Ok(())
        } else {
            Err(error("one_of"))
        }
    }

    fn one_of_interval(value: i32) -> Result<(), ValidationError> {
        if matches!(value, 60 | 600) {
            Ok(())
        } else {
            Err(error("one_of"))
        }
    }

    fn one_of_sampling_rate(value: &str) -> Result<(), ValidationError> {
        if matches!(value, "1:4096" | "1:2048" | "1:1024") {
            Ok(())
        } else {
            Err(error("one_of"))
        }
    }

    /// `Serialize`: validator quotes the list in the error of `length(max = 20)`.
    #[derive(Validate, serde::Serialize)]
    pub struct Tag {
        #[validate(length(min = 1, max = 128), custom(function = "key_prefix"), custom(function = "no_url"))]
        pub key: Option<String>,
        #[validate(length(max = 128), custom(function = "value_prefix"), custom(function = "no_url"))]
        pub value: Option<String>,
    }

    #[derive(Validate)]
    pub struct CreateFlowLog {
        #[validate(required)]
        pub ecr_id: Option<String>,
        #[validate(custom(function = "ascii"))]
        pub client_token: Option<String>,
        #[validate(length(max = 128), custom(function = "no_url_prefix"))]
        pub flow_log_name: Option<String>,
        #[validate(length(max = 256), custom(function = "no_url_prefix"))]
        pub description: Option<String>,
        #[validate(required, custom(function = "one_of_instance_type"))]
        pub instance_type: Option<String>,
        #[validate(required)]
        pub instance_id: Option<String>,
        #[validate(custom(function = "one_of_interval"))]
        pub interval: Option<i32>,
        #[validate(custom(function = "one_of_sampling_rate"))]
        pub sampling_rate: Option<String>,
        #[validate(required, length(min = 3, max = 63), regex(path = *PROJECT_NAME))]
        pub project_name: Option<String>,
        #[validate(required, length(min = 3, max = 63), regex(path = *LOG_STORE_NAME))]
        pub log_store_name: Option<String>,
        #[validate(length(max = 20), nested)]
        pub tag: Vec<Tag>,
    }

    /// Every violation, counting those inside the tags.
    pub fn count(errors: &validator::ValidationErrors) -> usize {
        errors
            .errors()
            .values()
            .map(|kind| match kind {
                validator::ValidationErrorsKind::Field(errors) => errors.len(),
                validator::ValidationErrorsKind::Struct(errors) => count(errors),
                validator::ValidationErrorsKind::List(items) => items.values().map(|errors| count(errors)).sum(),
            })
            .sum()
    }
}

// --- The same constraints with garde -----------------------------------------------------------

mod with_garde {
    use garde::{Error, Validate};

    fn no_url_prefix(value: &Option<String>, _: &()) -> garde::Result {
        match value {
            Some(value) if value.starts_with("http://") || value.starts_with("https://") => {
                Err(Error::new("must not start with http:// or https://"))
            }
            _ => Ok(()),
        }
    }

    fn key_prefix(value: &Option<String>, _: &()) -> garde::Result {
        match value {
            Some(value) if value.starts_with("aliyun") || value.starts_with("acs:") => {
                Err(Error::new("must not start with aliyun or acs:"))
            }
            _ => Ok(()),
        }
    }

    fn value_prefix(value: &Option<String>, _: &()) -> garde::Result {
        match value {
            Some(value) if value.starts_with("acs:") => Err(Error::new("must not start with acs:")),
            _ => Ok(()),
        }
    }

    fn no_url(value: &Option<String>, _: &()) -> garde::Result {
        match value {
            Some(value) if value.contains("http://") || value.contains("https://") => {
                Err(Error::new("must not contain http:// or https://"))
            }
            _ => Ok(()),
        }
    }

    fn one_of_instance_type(value: &Option<String>, _: &()) -> garde::Result {
        match value.as_deref() {
            None | Some("VBR") => Ok(()),
            Some(_) => Err(Error::new("must be VBR")),
        }
    }

    fn one_of_interval(value: &Option<i32>, _: &()) -> garde::Result {
        match value {
            None | Some(60 | 600) => Ok(()),
            Some(_) => Err(Error::new("must be 60 or 600")),
        }
    }

    fn one_of_sampling_rate(value: &Option<String>, _: &()) -> garde::Result {
        match value.as_deref() {
            None | Some("1:4096" | "1:2048" | "1:1024") => Ok(()),
            Some(_) => Err(Error::new("must be 1:4096, 1:2048 or 1:1024")),
        }
    }

    #[derive(Validate)]
    pub struct Tag {
        #[garde(length(chars, min = 1, max = 128), custom(key_prefix), custom(no_url))]
        pub key: Option<String>,
        #[garde(length(chars, max = 128), custom(value_prefix), custom(no_url))]
        pub value: Option<String>,
    }

    #[derive(Validate)]
    pub struct CreateFlowLog {
        #[garde(required)]
        pub ecr_id: Option<String>,
        #[garde(ascii)]
        pub client_token: Option<String>,
        #[garde(length(chars, max = 128), custom(no_url_prefix))]
        pub flow_log_name: Option<String>,
        #[garde(length(chars, max = 256), custom(no_url_prefix))]
        pub description: Option<String>,
        #[garde(required, custom(one_of_instance_type))]
        pub instance_type: Option<String>,
        #[garde(required)]
        pub instance_id: Option<String>,
        #[garde(custom(one_of_interval))]
        pub interval: Option<i32>,
        #[garde(custom(one_of_sampling_rate))]
        pub sampling_rate: Option<String>,
        #[garde(required, length(chars, min = 3, max = 63), pattern("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$"))]
        pub project_name: Option<String>,
        #[garde(required, length(chars, min = 3, max = 63), pattern("^[a-z0-9][a-z0-9_-]{1,61}[a-z0-9]$"))]
        pub log_store_name: Option<String>,
        #[garde(length(max = 20), dive)]
        pub tag: Vec<Tag>,
    }
}

// --- The same checks by hand -------------------------------------------------------------------

/// Plain functions over the generated type, written for speed but exact: lengths in characters
/// (decided from the byte length when it can, counted otherwise), name rules with byte loops,
/// and the wire path and rule of every violation, built only when one is found.
mod hand {
    use alibabacloud_flowlog::ecr::CreateFlowLogRequest;
    use alibabacloud_flowlog::ecr::{InstanceType, SamplingRate, Tag};

    /// One broken rule: where (the wire path) and which rule.
    #[derive(Debug)]
    pub struct Violation {
        pub path: String,
        pub rule: &'static str,
    }

    fn push(out: &mut Vec<Violation>, path: impl Into<String>, rule: &'static str) {
        out.push(Violation { path: path.into(), rule });
    }

    /// At most `max` characters; a string of at most `max` bytes is, whatever it holds.
    fn at_most(value: &str, max: usize) -> bool {
        value.len() <= max || value.chars().count() <= max
    }

    /// At least `min` characters; a string of at least `4 * min` bytes is.
    fn at_least(value: &str, min: usize) -> bool {
        value.len() >= 4 * min || value.chars().count() >= min
    }

    fn url_prefix(value: &str) -> bool {
        value.starts_with("http://") || value.starts_with("https://")
    }

    /// Contains `http://` or `https://`: one pass over the string for both.
    fn contains_url(value: &str) -> bool {
        let bytes = value.as_bytes();
        (0..bytes.len()).any(|i| {
            bytes[i] == b'h' && {
                let rest = &bytes[i..];
                rest.starts_with(b"http://") || rest.starts_with(b"https://")
            }
        })
    }

    /// `^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$`, with `_` allowed inside for Logstores.
    fn name_chars(value: &str, underscore: bool) -> bool {
        let alnum = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
        match value.as_bytes() {
            [first, middle @ .., last] if (1..=61).contains(&middle.len()) => {
                alnum(*first)
                    && alnum(*last)
                    && middle.iter().all(|&b| alnum(b) || b == b'-' || (underscore && b == b'_'))
            }
            _ => false,
        }
    }

    fn name(out: &mut Vec<Violation>, value: &Option<String>, wire: &'static str, underscore: bool) {
        match value {
            None => push(out, wire, "required"),
            Some(value) => {
                if !(at_least(value, 3) && at_most(value, 63)) {
                    push(out, wire, "length");
                }
                if !name_chars(value, underscore) {
                    push(out, wire, "pattern");
                }
            }
        }
    }

    fn tag(out: &mut Vec<Violation>, index: usize, tag: &Tag) {
        if let Some(key) = &tag.key {
            let path = || format!("Tag.{}.Key", index + 1);
            if key.is_empty() || !at_most(key, 128) {
                push(out, path(), "length");
            }
            if key.starts_with("aliyun") || key.starts_with("acs:") {
                push(out, path(), "forbidden_prefix");
            }
            if contains_url(key) {
                push(out, path(), "forbidden_substring");
            }
        }
        if let Some(value) = &tag.value {
            let path = || format!("Tag.{}.Value", index + 1);
            if !at_most(value, 128) {
                push(out, path(), "length");
            }
            if value.starts_with("acs:") {
                push(out, path(), "forbidden_prefix");
            }
            if contains_url(value) {
                push(out, path(), "forbidden_substring");
            }
        }
    }

    pub fn validate(request: &CreateFlowLogRequest) -> Result<(), Vec<Violation>> {
        let mut out = Vec::new();
        if request.ecr_id.is_none() {
            push(&mut out, "EcrId", "required");
        }
        if let Some(token) = &request.client_token {
            if !token.is_ascii() {
                push(&mut out, "ClientToken", "pattern");
            }
        }
        if let Some(name) = &request.flow_log_name {
            if !at_most(name, 128) {
                push(&mut out, "FlowLogName", "length");
            }
            if url_prefix(name) {
                push(&mut out, "FlowLogName", "forbidden_prefix");
            }
        }
        if let Some(description) = &request.description {
            if !at_most(description, 256) {
                push(&mut out, "Description", "length");
            }
            if url_prefix(description) {
                push(&mut out, "Description", "forbidden_prefix");
            }
        }
        match &request.instance_type {
            None => push(&mut out, "InstanceType", "required"),
            Some(InstanceType::Unknown(_)) => push(&mut out, "InstanceType", "known"),
            Some(_) => {}
        }
        if request.instance_id.is_none() {
            push(&mut out, "InstanceId", "required");
        }
        if let Some(interval) = request.interval {
            if !matches!(interval, 60 | 600) {
                push(&mut out, "Interval", "one_of");
            }
        }
        if let Some(SamplingRate::Unknown(_)) = &request.sampling_rate {
            push(&mut out, "SamplingRate", "known");
        }
        name(&mut out, &request.project_name, "ProjectName", false);
        name(&mut out, &request.log_store_name, "LogStoreName", true);
        if request.tag.len() > 20 {
            push(&mut out, "Tag", "items");
        }
        for (index, item) in request.tag.iter().enumerate() {
            tag(&mut out, index, item);
        }
        if out.is_empty() {
            Ok(())
        } else {
            Err(out)
        }
    }
}

// --- Measuring ---------------------------------------------------------------------------------

/// Each implementation's verdict on a case: how many violations it found.
fn verdicts(case: &Case) -> [usize; 4] {
    [
        case.generated.validate().map_or_else(|report| report.len(), |()| 0),
        validator::Validate::validate(&case.validator).map_or_else(|errors| with_validator::count(&errors), |()| 0),
        garde::Validate::validate(&case.garde).map_or_else(|report| report.iter().count(), |()| 0),
        hand::validate(&case.generated).map_or_else(|violations| violations.len(), |()| 0),
    ]
}

/// One implementation on one input, timed over a batch: the number of iterations in, the time
/// taken out. Boxed so that the four can sit in one list; the call through the box happens
/// once per batch, not per iteration.
type Timer<'a> = Box<dyn Fn(u64) -> Duration + 'a>;

fn timer<'a, T, R>(input: &'a T, validate: impl Fn(&T) -> R + 'a) -> Timer<'a> {
    Box::new(move |iterations| {
        let start = Instant::now();
        for _ in 0..iterations {
            black_box(validate(black_box(input)));
        }
        start.elapsed()
    })
}

/// The four implementations on a case, in the order of [`IMPLS`].
fn timers(case: &Case) -> [Timer<'_>; 4] {
    [
        timer(&case.generated, |request| request.validate()),
        timer(&case.validator, validator::Validate::validate),
        timer(&case.garde, garde::Validate::validate),
        timer(&case.generated, hand::validate),
    ]
}

/// Rounds of the interleaved pass, and how long one batch of one implementation lasts.
const ROUNDS: usize = 301;
const BATCH: Duration = Duration::from_micros(500);

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Ratios from an interleaved pass: each round times a batch of every implementation back to
/// back (in a rotating order), so that a change in the machine's load between criterion's
/// measurements (seconds apart) does not skew a ratio. Each figure is the median over the rounds.
fn print_ratios(cases: &[Case]) {
    println!();
    println!("CreateFlowLog validation, ns per request and generated / other (below 1.00: generated is faster)");
    println!("(interleaved pass: {ROUNDS} rounds of a {} µs batch of each implementation, medians)", BATCH.as_micros());
    println!();
    println!("| case | generated | validator | garde | hand-written | vs validator | vs garde | vs hand-written |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for case in cases {
        let timers = timers(case);
        let iterations = timers.each_ref().map(|time| {
            let mut iterations = 1;
            while time(iterations) < BATCH {
                iterations *= 2;
            }
            iterations
        });
        let mut nanos: [Vec<f64>; 4] = Default::default();
        for round in 0..ROUNDS {
            for offset in 0..IMPLS.len() {
                let i = (round + offset) % IMPLS.len();
                nanos[i].push(timers[i](iterations[i]).as_nanos() as f64 / iterations[i] as f64);
            }
        }
        let ratio = |other: usize| median(nanos[0].iter().zip(&nanos[other]).map(|(g, o)| g / o).collect());
        let times = nanos.clone().map(median);
        println!(
            "| {} | {:.0} | {:.0} | {:.0} | {:.0} | {:.2} | {:.2} | {:.2} |",
            case.name,
            times[0],
            times[1],
            times[2],
            times[3],
            ratio(1),
            ratio(2),
            ratio(3),
        );
    }
}

fn main() {
    let cases = cases();
    for case in &cases {
        let expected = [case.violations; 4];
        assert_eq!(verdicts(case), expected, "{}: the implementations disagree ({IMPLS:?})", case.name);
        let found = |result: Result<(), Vec<hand::Violation>>| -> Vec<(String, &str)> {
            result.err().unwrap_or_default().into_iter().map(|v| (v.path, v.rule)).collect()
        };
        let generated: Vec<(String, &str)> = case
            .generated
            .validate()
            .err()
            .map(|report| report.into_iter().map(|v| (v.wire_path().to_owned(), v.kind().rule())).collect())
            .unwrap_or_default();
        assert_eq!(found(hand::validate(&case.generated)), generated, "{}: the hand-written checks differ", case.name);
    }

    let mut criterion = Criterion::default().configure_from_args();
    for case in &cases {
        let mut group = criterion.benchmark_group(case.name);
        for (name, time) in IMPLS.iter().zip(timers(case)) {
            group.bench_function(*name, |b| b.iter_custom(&time));
        }
        group.finish();
    }
    criterion.final_summary();
    // `--profile-time` runs one benchmark under a profiler: leave the profile to it.
    if !std::env::args().any(|arg| arg == "--profile-time") {
        print_ratios(&cases);
    }
}
