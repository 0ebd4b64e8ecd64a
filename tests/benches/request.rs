//! The CPU cost of one request before it leaves: the generated `ecr::CreateFlowLogRequest` (3 tags)
//! validated, encoded ([`Encode`], generated) and signed (signature V3) by the runtime, against a
//! hand-written floor that writes the same parameters and signs them with the same crates (sha2,
//! hmac, hex), knowing every name, location and header in advance.
//!
//! ```sh
//! cargo bench -p integration-tests --bench request
//! ```
//!
//! Before anything is timed, the bench asserts that both produce the same body bytes and the same
//! `Authorization` header (so the same canonical request). Criterion prints its figures for the
//! whole path of each, and for the generated path's steps; then an interleaved pass (both
//! implementations timed back to back in every round, medians) prints the ratio, which holds up
//! on a machine whose load changes. Nothing here asserts on a time.

use std::hint::black_box;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use alibabacloud_flowlog::ecr::{create_flow_log, CreateFlowLogRequest, Tag};
use alibabacloud_flowlog::runtime::encode::Encode;
use alibabacloud_flowlog::runtime::sign::{self, SignableRequest};
use alibabacloud_flowlog::runtime::{Credentials, Validate as _};
use criterion::Criterion;

const HOST: &str = "expressconnectrouter.cn-shanghai.aliyuncs.com";
const NONCE: &str = "3156853299f313e23d1673dc12e1703d";

fn date() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_700_000_000)
}

fn request() -> CreateFlowLogRequest {
    CreateFlowLogRequest::builder()
        .ecr_id("ecr-mezk2idmsd0vx2****")
        .client_token("02fb3da4-130e-11e9-8e44-00****")
        .flow_log_name("myFlowlog")
        .description("flow log of the VBR")
        .instance_type("VBR")
        .instance_id("vbr-xxx")
        .interval(60)
        .sampling_rate("1:4096")
        .project_name("flowlog-project")
        .log_store_name("flowlog-logstore")
        .tag(Tag::default().key("TestKey").value("TestValue"))
        .tag(Tag::default().key("FinanceDept").value("FinanceJoshua"))
        .tag(Tag::default().key("env").value("prod"))
        .build()
        .expect("a valid request")
}

/// What both implementations produce: the body and the `Authorization` header.
type Signed = (Vec<u8>, String);

/// The generated path, step by step as the client takes it.
mod generated {
    use super::*;

    pub fn validate(request: &CreateFlowLogRequest) {
        request.validate().expect("valid");
    }

    pub fn encode(request: &CreateFlowLogRequest) -> alibabacloud_flowlog::runtime::wire::EncodedRequest {
        request.encode(&create_flow_log::OPERATION).expect("encodes")
    }

    pub fn sign(encoded: &alibabacloud_flowlog::runtime::wire::EncodedRequest, credentials: &Credentials) -> Signed {
        let op = &create_flow_log::OPERATION;
        let (body, content_type) = encoded.body();
        let mut headers = vec![
            ("host".to_owned(), HOST.to_owned()),
            ("x-acs-action".to_owned(), op.action.to_owned()),
            ("x-acs-version".to_owned(), op.service.version.to_owned()),
        ];
        if let Some(content_type) = content_type {
            headers.push(("content-type".to_owned(), content_type.to_owned()));
        }
        headers.extend(encoded.headers.iter().cloned());
        let request = SignableRequest {
            method: op.method.as_str(),
            path: &encoded.path,
            query: &encoded.query,
            headers: &headers,
            body: &body,
        };
        let signed = sign::sign(&request, credentials, date(), NONCE);
        let authorization = signed.header("authorization").expect("signed").to_owned();
        (body, authorization)
    }

    pub fn all(request: &CreateFlowLogRequest, credentials: &Credentials) -> Signed {
        validate(request);
        sign(&encode(request), credentials)
    }
}

/// The floor: the same request written by hand, with every name, location and header known in
/// advance (no tables, no visitors, no header sorting), hashed and signed with the same crates.
mod floor {
    use hmac::{Hmac, Mac};
    use sha2::{Digest, Sha256};

    use super::*;

    fn encode_into(out: &mut String, text: &str) {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        for &b in text.as_bytes() {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
                out.push(char::from(b));
            } else {
                out.push('%');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 15)]));
            }
        }
    }

    /// `k=v&k=v`, percent-encoded, sorted by name then value.
    fn join(mut pairs: Vec<(String, String)>) -> String {
        pairs.sort();
        let mut out = String::with_capacity(256);
        for (i, (k, v)) in pairs.iter().enumerate() {
            if i > 0 {
                out.push('&');
            }
            encode_into(&mut out, k);
            out.push('=');
            encode_into(&mut out, v);
        }
        out
    }

    pub fn all(r: &CreateFlowLogRequest, credentials: &Credentials) -> Signed {
        let mut query: Vec<(String, String)> = Vec::with_capacity(16);
        let mut form: Vec<(String, String)> = Vec::with_capacity(8);
        let put = |list: &mut Vec<(String, String)>, name: &str, value: Option<&str>| {
            if let Some(value) = value {
                list.push((name.to_owned(), value.to_owned()));
            }
        };
        put(&mut form, "EcrId", r.ecr_id.as_deref());
        put(&mut form, "DryRun", r.dry_run.map(|b| if b { "true" } else { "false" }));
        put(&mut form, "ClientToken", r.client_token.as_deref());
        put(&mut form, "FlowLogName", r.flow_log_name.as_deref());
        put(&mut query, "Description", r.description.as_deref());
        put(&mut query, "InstanceType", r.instance_type.as_ref().map(|t| t.as_str()));
        put(&mut query, "InstanceId", r.instance_id.as_deref());
        if let Some(interval) = r.interval {
            query.push(("Interval".to_owned(), interval.to_string()));
        }
        put(&mut query, "SamplingRate", r.sampling_rate.as_ref().map(|s| s.as_str()));
        put(&mut query, "ProjectName", r.project_name.as_deref());
        put(&mut query, "LogStoreName", r.log_store_name.as_deref());
        for (i, tag) in r.tag.iter().enumerate() {
            put(&mut query, &format!("Tag.{}.Key", i + 1), tag.key.as_deref());
            put(&mut query, &format!("Tag.{}.Value", i + 1), tag.value.as_deref());
        }
        put(&mut form, "ResourceGroupId", r.resource_group_id.as_deref());
        put(&mut query, "TargetSlsRegionId", r.target_sls_region_id.as_deref());

        let body = join(form).into_bytes();
        let query = join(query);
        let hashed_body = hex::encode(Sha256::digest(&body));
        let date = sign::format_date(date());
        // Signed headers, already in sorted order.
        let signed_headers =
            "content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version";
        let mut canonical = String::with_capacity(512 + query.len());
        canonical.push_str("POST\n/\n");
        canonical.push_str(&query);
        canonical.push_str("\ncontent-type:application/x-www-form-urlencoded\nhost:");
        canonical.push_str(HOST);
        canonical.push_str("\nx-acs-action:CreateFlowLog\nx-acs-content-sha256:");
        canonical.push_str(&hashed_body);
        canonical.push_str("\nx-acs-date:");
        canonical.push_str(&date);
        canonical.push_str("\nx-acs-signature-nonce:");
        canonical.push_str(NONCE);
        canonical.push_str("\nx-acs-version:2023-09-01\n\n");
        canonical.push_str(signed_headers);
        canonical.push('\n');
        canonical.push_str(&hashed_body);
        let to_sign = format!("ACS3-HMAC-SHA256\n{}", hex::encode(Sha256::digest(canonical.as_bytes())));
        let mut mac = Hmac::<Sha256>::new_from_slice(credentials.access_key_secret.expose_secret().as_bytes())
            .expect("any key size");
        mac.update(to_sign.as_bytes());
        let signature = hex::encode(mac.finalize().into_bytes());
        let authorization = format!(
            "ACS3-HMAC-SHA256 Credential={},SignedHeaders={signed_headers},Signature={signature}",
            credentials.access_key_id
        );
        (body, authorization)
    }
}

/// Times `iterations` runs of `f`.
fn time(iterations: u64, mut f: impl FnMut()) -> Duration {
    let start = Instant::now();
    for _ in 0..iterations {
        f();
    }
    start.elapsed()
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Rounds of the interleaved pass, and the length of each timed batch.
const ROUNDS: usize = 301;
const BATCH: Duration = Duration::from_micros(500);

/// Both implementations back to back in every round (alternating which goes first); the medians
/// of their times and of the per-round ratio.
fn print_ratio(request: &CreateFlowLogRequest, credentials: &Credentials) {
    let timers: [&dyn Fn(u64) -> Duration; 2] =
        [&|n| time(n, || drop(black_box(generated::all(black_box(request), credentials)))), &|n| {
            time(n, || drop(black_box(floor::all(black_box(request), credentials))))
        }];
    let iterations = timers.map(|timer| {
        let mut n = 1;
        while timer(n) < BATCH {
            n *= 2;
        }
        n
    });
    let mut nanos: [Vec<f64>; 2] = Default::default();
    for round in 0..ROUNDS {
        for offset in 0..2 {
            let i = (round + offset) % 2;
            nanos[i].push(timers[i](iterations[i]).as_nanos() as f64 / iterations[i] as f64);
        }
    }
    let ratio = median(nanos[0].iter().zip(&nanos[1]).map(|(g, f)| g / f).collect());
    let [generated, floor] = nanos.map(median);
    println!();
    println!("CreateFlowLog (3 tags): validate + encode + sign, µs per request");
    println!("(interleaved pass: {ROUNDS} rounds of a {} µs batch of each, medians)", BATCH.as_micros());
    println!();
    println!("| generated (µs) | hand-written floor (µs) | generated / floor |");
    println!("| ---: | ---: | ---: |");
    println!("| {:.2} | {:.2} | {:.2} |", generated / 1000.0, floor / 1000.0, ratio);
}

fn main() {
    let request = request();
    let credentials = Credentials::new("LTAI5tExampleAccessKeyId", "ExampleAccessKeySecretForTheBench");
    let (generated_body, generated_authorization) = generated::all(&request, &credentials);
    let (floor_body, floor_authorization) = floor::all(&request, &credentials);
    assert_eq!(
        String::from_utf8_lossy(&generated_body),
        String::from_utf8_lossy(&floor_body),
        "the floor writes another body"
    );
    assert_eq!(generated_authorization, floor_authorization, "the floor signs another canonical request");

    let mut criterion = Criterion::default().configure_from_args();
    let mut group = criterion.benchmark_group("CreateFlowLog, 3 tags");
    group.bench_function("generated: validate + encode + sign", |b| {
        b.iter(|| generated::all(black_box(&request), &credentials))
    });
    group.bench_function("hand-written floor: encode + sign", |b| {
        b.iter(|| floor::all(black_box(&request), &credentials))
    });
    group.bench_function("generated: validate", |b| b.iter(|| generated::validate(black_box(&request))));
    group.bench_function("generated: encode", |b| b.iter(|| generated::encode(black_box(&request))));
    let encoded = generated::encode(&request);
    group.bench_function("generated: sign", |b| b.iter(|| generated::sign(black_box(&encoded), &credentials)));
    group.finish();
    criterion.final_summary();
    print_ratio(&request, &credentials);
}
