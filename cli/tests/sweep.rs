//! `--crate-per-product`: every product into a crate of its own, refused products listed with
//! their reason, and (with the real corpus next to the workspace) a sample of products of every
//! style and size generated and checked by `cargo check` with no error and no warning.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn codegen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_codegen")).args(args).output().expect("the codegen binary runs")
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn refused_products_are_listed_and_the_others_generated() {
    let dir = tempfile::tempdir().unwrap();
    let meta = dir.path().join("metadata");
    std::fs::create_dir(&meta).unwrap();
    std::fs::copy(workspace().join("metadata/cbn_2017-09-12.json"), meta.join("cbn_2017-09-12.json")).unwrap();
    std::fs::write(
        meta.join("odd_1.0.json"),
        r#"{"info": {"style": "Odd", "product": "Odd", "version": "1.0"}, "apis": {}}"#,
    )
    .unwrap();
    let out = dir.path().join("out");
    let (m, o) = (meta.to_str().unwrap(), out.to_str().unwrap());

    let run = codegen(&["--crate-per-product", "--metadata", m, "--out", o]);
    assert_eq!(run.status.code(), Some(2), "a refused product makes the exit status 2");
    let (stdout, stderr) = (text(&run.stdout), text(&run.stderr));
    assert!(stderr.contains("error: API style `Odd` is not supported"), "the reason is printed: {stderr}");
    assert!(stderr.contains("odd_1.0.json"), "the file is named: {stderr}");
    assert!(stderr.contains("[1/2] cbn_2017-09-12: "), "plain progress lines off a terminal: {stderr}");
    assert!(stdout.contains("| generated         |          1 |"), "{stdout}");
    assert!(stdout.contains("| refused           |          1 |"), "{stdout}");
    assert!(stdout.contains("refused:\n  odd_1.0         API style `Odd` is not supported\n"), "{stdout}");

    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("members = [\n    \"cbn_2017-09-12\",\n]"), "only generated crates: {manifest}");
    let krate = std::fs::read_to_string(out.join("cbn_2017-09-12/Cargo.toml")).unwrap();
    assert!(krate.contains("name = \"alibabacloud-cbn-2017-09-12\""), "{krate}");
    let runtime = krate.lines().find(|l| l.starts_with("alibabacloud-runtime")).unwrap();
    let rel = runtime.split('"').nth(1).unwrap();
    assert!(out.join("cbn_2017-09-12").join(rel).join("Cargo.toml").is_file(), "the runtime path resolves: {rel}");
    assert!(!out.join("odd_1.0").exists(), "nothing is written for a refused product");

    // Up to date: --check finds nothing stale (the refusal still sets the status).
    let again = codegen(&["--crate-per-product", "--check", "--quiet", "--metadata", m, "--out", o]);
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(text(&again.stdout), "", "nothing is stale");
    assert!(text(&again.stderr).contains("refused: odd_1.0: API style `Odd` is not supported"));
}

/// The sample: products of every style and size the corpus has (RPC, ROA, V3, FC, SLS, OSS, PDS),
/// and the refused one (AliGenie: no operation is signed with an AccessKey).
const SAMPLE: &[&str] = &[
    "vpc_2016-04-28",           // RPC, 381 operations
    "ecs_2014-05-26",           // RPC, 347 operations
    "imm_2020-09-30",           // RPC, 100 operations, `$ref` into components.schemas
    "alidns_2015-01-09",        // RPC, mid-sized
    "adcp_2022-01-01",          // RPC, `$ref` components
    "vcs_2020-05-15",           // RPC, 3 operations, `$ref` components
    "acm_2020-02-06",           // ROA, 17 operations
    "rocketmq_2022-08-01",      // ROA, path templates, GET/PUT/DELETE
    "pai-dlc_2020-12-03",       // ROA, `$ref` components
    "es-serverless_2022-08-22", // ROA, no operation at all
    "sls_2020-12-30",           // SLS: project in the host, JSON bodies, answers in headers
    "oss_2019-05-17",           // OSS: bucket in the host, XML bodies, streamed objects, OSS V4 signature
    "fc_2023-03-30",            // FC: ROA paths under /2023-03-30, binary invocation bodies
    "cloudcontrol_2022-08-30",  // V3: whole-path parameters, header and body fields
    "ocr-api_2021-07-07",       // V3 without paths: sent as RPC-like `/` requests, binary bodies
    "pds_2022-03-01",           // PDS: its own gateway, the endpoint names the domain
];

/// Refused styles, with the reason expected.
const REFUSED: &[(&str, &str)] =
    &[("aligenie_iap_1.0", "`security` names only `AliGenie_Auth_SPI`, `AliGenie_Auth_Token`")];

#[test]
fn a_sample_of_the_corpus_compiles_without_warnings() {
    let corpus = workspace().join("../shared/corpus/alibaba-api-docs-2024-07");
    if !corpus.is_dir() {
        println!(
            "skipped: the Alibaba Cloud corpus is absent ({} does not exist); this test needs the shared folder next to the workspace",
            corpus.display()
        );
        return;
    }
    let meta = tempfile::tempdir().unwrap();
    for stem in SAMPLE.iter().chain(REFUSED.iter().map(|(s, _)| s)) {
        let file = format!("{stem}.json");
        std::fs::copy(corpus.join(&file), meta.path().join(&file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    }
    // A fixed folder under target/, so that a second run only checks what changed.
    let sweep = workspace().join("target/sweep");
    let out = sweep.join("crates");
    let run =
        codegen(&["--crate-per-product", "--metadata", meta.path().to_str().unwrap(), "--out", out.to_str().unwrap()]);
    let (stdout, stderr) = (text(&run.stdout), text(&run.stderr));
    assert_eq!(run.status.code(), Some(2), "refused products set the status\n{stdout}\n{stderr}");
    for (stem, reason) in REFUSED {
        assert!(stdout.lines().any(|l| l.trim_start().starts_with(stem) && l.ends_with(reason)), "{stem}: {stdout}");
    }
    assert!(stdout.contains(&format!("| generated         | {:>10} |", SAMPLE.len())), "{stdout}\n{stderr}");
    for stem in SAMPLE {
        assert!(out.join(stem).join("src/lib.rs").is_file(), "{stem} was generated");
    }

    // The same dependency versions as the workspace.
    std::fs::copy(workspace().join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let check = Command::new(cargo)
        .args(["check", "--workspace", "--keep-going", "--message-format", "short"])
        .current_dir(&out)
        .env("CARGO_TARGET_DIR", sweep.join("target"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let log = text(&check.stderr);
    // Diagnostics only (`path:line:col: warning: ...`, `error: ...`), not `Compiling thiserror`.
    let problems: Vec<&str> = log
        .lines()
        .filter(|l| {
            ["warning", "error"].iter().any(|k| l.starts_with(k) || l.contains(&format!(": {k}")))
                && !l.contains(") generated ")
        })
        .collect();
    for stem in SAMPLE {
        let mine: Vec<&&str> = problems.iter().filter(|l| l.starts_with(&format!("{stem}/"))).collect();
        assert!(mine.is_empty(), "{stem}: {} problems, first ones:\n{}", mine.len(), first_lines(&mine));
    }
    assert!(check.status.success() && problems.is_empty(), "cargo check failed:\n{log}");
}

fn first_lines(lines: &[&&str]) -> String {
    lines.iter().take(20).map(|l| format!("  {l}\n")).collect()
}
