//! The semver verdict of `codegen diff`, checked by compiling: a small user crate written against
//! the code generated from the 2024 metadata is built against the code generated from the 2025
//! metadata (real VPC and ExpressConnectRouter updates, only the operations involved), and run
//! against both.
//!
//! - every change the report calls compile-breaking and that the crate uses makes exactly the
//!   build error expected on exactly the line that uses it (`// breaks: E0609` markers), and
//!   nothing else fails to build;
//! - the changes it calls additive (a new optional parameter, a new variant of a
//!   `#[non_exhaustive]` enum, a parameter no longer required) leave the crate building, and the
//!   loosened one lets `build()` accept a request it refused;
//! - the change it calls run-time-breaking (a new required field in a nested request type) builds,
//!   and `build()` then refuses the request it accepted.
//!
//! The crate lives in `<target>/tmp/diff_semver/` and builds in the nested target folder the other
//! tests that run cargo share. Skipped, with a message, when `../shared/corpus` is absent.

use codegen::diff::{self, ChangeKind, Impact, Options, Part};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ sits in the workspace").to_path_buf()
}

fn corpus() -> Option<PathBuf> {
    let dir = workspace().join("../shared/corpus");
    let found = dir.join("alibaba-api-docs-2024-07").is_dir() && dir.join("alibaba-api-docs-2025-sample").is_dir();
    if !found {
        eprintln!("skipped: {} is absent (the corpus sits beside the repository)", dir.display());
    }
    found.then_some(dir)
}

const VPC_OPERATIONS: [&str; 4] =
    ["CreateFailoverTestJob", "CreateFlowLog", "CreateTrafficMirrorFilter", "DescribeFlowLogs"];

/// The crate's `src/lib.rs`: the generated code of one side, chosen by the `new` feature.
const LIB_RS: &str = r#"//! Code written against the SDK generated from the 2024 metadata.
#![allow(dead_code, unused_variables)]

#[cfg(not(feature = "new"))]
pub mod vpc {
    include!("generated/old/vpc.rs");
}
#[cfg(feature = "new")]
pub mod vpc {
    include!("generated/new/vpc.rs");
}
#[cfg(not(feature = "new"))]
pub mod ecr {
    include!("generated/old/ecr.rs");
}
#[cfg(feature = "new")]
pub mod ecr {
    include!("generated/new/ecr.rs");
}

pub mod additive;
#[cfg(feature = "breaking")]
pub mod breaking;
"#;

/// Uses of what the additive and run-time-breaking changes touch: must build on both sides.
const ADDITIVE_RS: &str = r#"use crate::vpc;
use crate::vpc::ResourceType;

/// CreateFlowLog gains `IpVersion`; `ProjectName` and `LogStoreName` become optional.
pub fn flow_log(with_project: bool) -> Result<vpc::CreateFlowLogRequest, String> {
    let mut b = vpc::CreateFlowLogRequest::builder()
        .region_id("cn-hangzhou")
        .resource_type("NetworkInterface")
        .resource_id("eni-1")
        .traffic_type("All")
        .flow_log_name("logs")
        .description("flow logs")
        .aggregation_interval(10)
        .traffic_path("all")
        .resource_group_id("rg-1")
        .tag(vpc::Tag::default().key("team").value("net"));
    if with_project {
        b = b.project_name("project").log_store_name("store");
    }
    b.build().map_err(|r| r.to_string())
}

/// CreateFailoverTestJob's `ResourceType` gains two values (new variants).
pub fn failover_kind(t: &ResourceType) -> u8 {
    match t {
        ResourceType::Physicalconnection => 1,
        _ => 0,
    }
}

pub fn failover() -> Result<vpc::CreateFailoverTestJobRequest, String> {
    vpc::CreateFailoverTestJobRequest::builder()
        .region_id("cn-hangzhou")
        .resource_type(ResourceType::Physicalconnection)
        .job_type("StartNow")
        .resource_id("pc-1")
        .job_duration(60)
        .build()
        .map_err(|r| r.to_string())
}

/// CreateTrafficMirrorFilter's rules gain a required `IpVersion`.
pub fn mirror_filter() -> Result<vpc::CreateTrafficMirrorFilterRequest, String> {
    vpc::CreateTrafficMirrorFilterRequest::builder()
        .region_id("cn-hangzhou")
        .egress_rules(
            vpc::EgressRule::default()
                .action("accept")
                .protocol("TCP")
                .priority(1)
                .destination_cidr_block("10.0.0.0/8")
                .destination_port_range("80/80"),
        )
        .build()
        .map_err(|r| r.to_string())
}

/// What `build()` says for each request, one line each.
pub fn report() -> Vec<String> {
    let show = |name: &str, r: Result<(), String>| match r {
        Ok(()) => format!("{name}: ok"),
        Err(e) => format!("{name}: refused: {}", e.trim().replace('\n', " | ")),
    };
    vec![
        show("flow_log without project", flow_log(false).map(drop)),
        show("flow_log", flow_log(true).map(drop)),
        show("failover", failover().map(drop)),
        show("mirror_filter", mirror_filter().map(drop)),
    ]
}
"#;

/// Uses of what the compile-breaking changes remove: each marked line must fail, with that code.
const BREAKING_RS: &str = r#"use crate::{ecr, vpc};

pub fn flow_log_id(r: &vpc::CreateFlowLogResponse) -> Option<&str> {
    r.flow_log_id.as_deref() // breaks: E0609
}

pub fn is_missing_project(e: &vpc::CreateFlowLogError) -> bool {
    matches!(e, vpc::CreateFlowLogError::ProjectOrLogstoreNotExist(_)) // breaks: E0599
}

pub fn pages(client: &vpc::Client, request: vpc::DescribeFlowLogsRequest) {
    let _ = client.describe_flow_logs_pages(request); // breaks: E0599
}

pub fn untag() -> ecr::UnTagResourcesRequestBuilder { // breaks: E0412|E0425
    ecr::UnTagResourcesRequest::builder() // breaks: E0433
}

pub fn router(b: ecr::CreateExpressConnectRouterRequestBuilder) -> ecr::CreateExpressConnectRouterRequestBuilder {
    b.tags(Default::default()) // breaks: E0599
}
"#;

const MAIN_RS: &str = r#"fn main() {
    for line in diff_semver_user::additive::report() {
        println!("{line}");
    }
}
"#;

/// Writes `text` unless the file already holds it (an unchanged file keeps its mtime).
fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::create_dir_all(path.parent().expect("a file in a folder")).expect("creates the folder");
        std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}

fn toml_path(path: &Path) -> String {
    format!("\"{}\"", path.display().to_string().replace('\\', "\\\\").replace('"', "\\\""))
}

/// Generates `operations` of `metadata` as `<dir>/<module>.rs`.
fn generate(metadata: &Path, operations: &[&str], module: &str, dir: &Path) {
    codegen::Builder::new()
        .metadata(metadata)
        .operations(operations.iter().copied())
        .module(module)
        .out_dir(dir)
        .generate()
        .unwrap_or_else(|e| panic!("{}: {e}", metadata.display()));
}

/// The user crate, with both sides' generated code.
fn user_crate(corpus: &Path) -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("diff_semver");
    let src = root.join("src");
    for (side, edition) in [("old", "alibaba-api-docs-2024-07"), ("new", "alibaba-api-docs-2025-sample")] {
        let dir = src.join("generated").join(side);
        generate(&corpus.join(edition).join("vpc_2016-04-28.json"), &VPC_OPERATIONS, "vpc", &dir);
        let untag = if side == "old" { "UnTagResources" } else { "UntagResources" };
        let ecr = corpus.join(edition).join("expressconnectrouter_2023-09-01.json");
        generate(&ecr, &["CreateExpressConnectRouter", untag], "ecr", &dir);
    }
    let manifest = format!(
        "[package]\nname = \"diff-semver-user\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
         [features]\nnew = []\nbreaking = []\n\n\
         [dependencies]\nalibabacloud-runtime = {{ path = {} }}\nserde = {{ version = \"1\", features = [\"derive\"] }}\n\n\
         # A workspace of its own.\n[workspace]\n",
        toml_path(&workspace().join("runtime")),
    );
    write_if_changed(&root.join("Cargo.toml"), &manifest);
    std::fs::copy(workspace().join("Cargo.lock"), root.join("Cargo.lock")).expect("copies Cargo.lock");
    write_if_changed(&src.join("lib.rs"), LIB_RS);
    write_if_changed(&src.join("additive.rs"), ADDITIVE_RS);
    write_if_changed(&src.join("breaking.rs"), BREAKING_RS);
    write_if_changed(&src.join("main.rs"), MAIN_RS);
    root
}

fn cargo(dir: &Path, command: &str, features: &str) -> std::process::Output {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    Command::new(cargo)
        .current_dir(dir)
        .args([command, "--offline", "--quiet", "--message-format", "json", "--features", features])
        .arg("--target-dir")
        .arg(Path::new(env!("CARGO_TARGET_TMPDIR")).join("nested-target"))
        .env("CARGO_TERM_COLOR", "never")
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .expect("cargo runs")
}

/// The errors of a build: (file name, line, code).
fn errors(output: &std::process::Output) -> BTreeSet<(String, usize, String)> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|m| m["reason"] == "compiler-message" && m["message"]["level"] == "error")
        .filter_map(|m| {
            let span = m["message"]["spans"].as_array()?.iter().find(|s| s["is_primary"] == true)?.clone();
            let file = Path::new(span["file_name"].as_str()?).file_name()?.to_string_lossy().into_owned();
            let code = m["message"]["code"]["code"].as_str().unwrap_or("none").to_string();
            Some((file, span["line_start"].as_u64()? as usize, code))
        })
        .collect()
}

/// The lines marked `// breaks: CODE` in `breaking.rs`, with the codes rustc may give there
/// (`E0412|E0425`: versions of rustc differ on the code of a missing type).
fn expected_breaks() -> Vec<(usize, Vec<String>)> {
    BREAKING_RS
        .lines()
        .enumerate()
        .filter_map(|(i, l)| {
            let codes = l.split("// breaks: ").nth(1)?;
            Some((i + 1, codes.trim().split('|').map(str::to_string).collect()))
        })
        .collect()
}

/// Whether the errors are exactly one per marked line, each with one of its codes.
fn matches_breaks(errors: &BTreeSet<(String, usize, String)>) -> bool {
    let expected = expected_breaks();
    errors.len() == expected.len()
        && expected.iter().all(|(line, codes)| {
            errors.iter().any(|(file, l, code)| file == "breaking.rs" && l == line && codes.contains(code))
        })
}

/// Lines the program printed.
fn run_lines(dir: &Path, features: &str) -> Vec<String> {
    let out = cargo(dir, "run", features);
    assert!(out.status.success(), "cargo run --features {features}:\n{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).lines().filter(|l| !l.starts_with('{')).map(str::to_string).collect()
}

/// The impact the report gives the change of `operation` at `part`/`path` with this kind.
fn impact_of(
    report: &diff::Report,
    operation: &str,
    part: Part,
    path: &str,
    kind: impl Fn(&ChangeKind) -> bool,
) -> Impact {
    let found: Vec<_> = report
        .products
        .iter()
        .flat_map(|p| &p.changes)
        .filter(|c| c.operation.as_deref() == Some(operation) && c.part == part && c.path == path && kind(&c.kind))
        .collect();
    assert_eq!(found.len(), 1, "one change of {operation} {part:?} {path}: {found:#?}");
    found[0].impact
}

#[test]
fn the_verdicts_hold_when_user_code_is_built_and_run_against_the_new_sdk() {
    let Some(corpus) = corpus() else { return };
    let file = |edition: &str, name: &str| corpus.join(edition).join(name);
    let report_of = |name: &str| {
        diff::diff_paths(
            &[file("alibaba-api-docs-2024-07", name)],
            &[file("alibaba-api-docs-2025-sample", name)],
            &Options::default(),
        )
        .expect("both editions read")
    };
    let vpc = report_of("vpc_2016-04-28.json");
    let ecr = report_of("expressconnectrouter_2023-09-01.json");

    // What the report says about the changes the crate uses.
    use ChangeKind as K;
    let any = |_: &K| true;
    assert_eq!(
        impact_of(&vpc, "CreateFlowLog", Part::Request, "IpVersion", |k| matches!(k, K::MemberAdded { .. })),
        Impact::Additive
    );
    assert_eq!(impact_of(&vpc, "CreateFlowLog", Part::Request, "ProjectName", any), Impact::Additive);
    assert_eq!(
        impact_of(
            &vpc,
            "CreateFailoverTestJob",
            Part::Request,
            "ResourceType",
            |k| matches!(k, K::ValueAdded { value, .. } if value == "BGPPEER")
        ),
        Impact::Additive
    );
    assert_eq!(
        impact_of(&vpc, "CreateTrafficMirrorFilter", Part::Request, "EgressRules[].IpVersion", any),
        Impact::RunTimeBreaking
    );
    assert_eq!(impact_of(&vpc, "CreateFlowLog", Part::Response, "", any), Impact::CompileBreaking);
    assert_eq!(impact_of(&vpc, "CreateFlowLog", Part::Errors, "", any), Impact::CompileBreaking);
    assert_eq!(
        impact_of(&vpc, "DescribeFlowLogs", Part::Operation, "", |k| matches!(k, K::PaginatorRemoved { .. })),
        Impact::CompileBreaking
    );
    assert_eq!(
        impact_of(&ecr, "UntagResources", Part::Operation, "", |k| matches!(k, K::OperationRenamed { .. })),
        Impact::CompileBreaking
    );
    assert_eq!(
        impact_of(&ecr, "CreateExpressConnectRouter", Part::Request, "Tag", |k| matches!(k, K::MemberRenamed { .. })),
        Impact::CompileBreaking
    );
    // The items of `Tags` (2024) and `Tag` (2025) are both the type `Tag`: no type is renamed, so the
    // user crate's `ecr::Tag` compiles against both.
    let tag_items = ecr.products.iter().flat_map(|p| &p.changes).filter(|c| c.path == "Tag[]").count();
    assert_eq!(tag_items, 0);

    let dir = user_crate(&corpus);
    // The crate is valid code for the old SDK, breaking uses included.
    let old = cargo(&dir, "build", "breaking");
    assert!(old.status.success(), "against the old SDK: {:?}\n{}", errors(&old), String::from_utf8_lossy(&old.stderr));
    // Against the new SDK, each compile-breaking use fails as expected, and nothing else does.
    let broken = cargo(&dir, "build", "new,breaking");
    assert!(!broken.status.success());
    let found = errors(&broken);
    assert!(
        matches_breaks(&found),
        "expected {:?}, found {found:?}\n{}",
        expected_breaks(),
        String::from_utf8_lossy(&broken.stderr)
    );
    // Without them, the crate builds against the new SDK: the additive and run-time-breaking
    // changes do not break compilation.
    let new = cargo(&dir, "build", "new");
    assert!(new.status.success(), "against the new SDK: {:?}", errors(&new));

    // At run time: the loosened requirement accepts, the new required field refuses.
    assert_eq!(
        run_lines(&dir, "breaking"),
        [
            "flow_log without project: refused: ProjectName (project_name): is required | LogStoreName (log_store_name): is required",
            "flow_log: ok",
            "failover: ok",
            "mirror_filter: ok",
        ]
    );
    assert_eq!(
        run_lines(&dir, "new"),
        [
            "flow_log without project: ok",
            "flow_log: ok",
            "failover: ok",
            "mirror_filter: refused: EgressRules.1.IpVersion (egress_rules[0].ip_version): is required",
        ]
    );
}
