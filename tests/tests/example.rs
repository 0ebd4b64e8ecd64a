//! The flowlog example runs to its end: create → describe → modify → capture → delete against the
//! fake flow-log service, then the captured records read back through the generated SLS client.
//! It is built by `cargo build --example flowlog` in the nested target folder the other
//! cargo-running tests share (`<target>/tmp/nested-target`), offline: the outer build has fetched
//! every dependency, and a binary the outer `cargo test` left behind could be stale.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Builds the example and returns its path.
fn example() -> PathBuf {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("nested-target");
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ sits in the workspace");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let build = Command::new(cargo)
        .current_dir(workspace)
        .args(["build", "-q", "--offline", "-p", "integration-tests", "--example", "flowlog"])
        .arg("--target-dir")
        .arg(&target)
        .env("CARGO_TERM_COLOR", "never")
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(build.status.success(), "cargo build failed:\n{}", String::from_utf8_lossy(&build.stderr));
    target.join("debug").join("examples").join(format!("flowlog{}", std::env::consts::EXE_SUFFIX))
}

#[test]
fn the_flowlog_example_ends_by_reading_the_captured_records_from_sls() {
    let out = Command::new(example())
        .env_remove("ALIBABA_CLOUD_ACCESS_KEY_ID")
        .env_remove("ALIBABA_CLOUD_ACCESS_KEY_SECRET")
        .output()
        .expect("the example runs");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{stdout}\n{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines.iter().any(|l| l.starts_with("created   flowlog-")), "{stdout}");
    assert!(lines.iter().any(|l| l.contains("12 records delivered to flowlog-project/flowlog-logstore")), "{stdout}");
    assert!(lines.contains(&"6 signed requests sent; the fake verified 6 signatures"), "{stdout}");
    // 3 windows × 3 TCP flows, read 4 a page: pages of 4, 4 and 1.
    assert_eq!(lines.iter().filter(|l| l.starts_with("flow      ")).count(), 9, "{stdout}");
    assert_eq!(lines.iter().filter(|l| l.starts_with("page      ")).count(), 3, "{stdout}");
    assert_eq!(
        lines.last(),
        Some(&"read      9 TCP flow records of ecr-mezk2idmsd0vx2demo back from flowlog-project/flowlog-logstore"),
        "{stdout}"
    );
}
