//! The README's quick start, as a newcomer follows it: crates outside the workspace, written from
//! the README's own code blocks (only the path of the checkout, `../alibabacloud-sdk/`, is
//! replaced by this workspace's), built and run with cargo.
//!
//! They build in the nested target folder the other cargo-running tests share
//! (`<target>/tmp/nested-target`), offline, with the workspace's lock: the outer build fetched
//! every dependency already. Nothing calls the network: run without credentials, the programs
//! stop before sending anything, and print so.

use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ sits in the workspace").to_path_buf()
}

/// The fenced code blocks of the README section under `heading`, as (info string, text).
fn blocks(heading: &str) -> Vec<(String, String)> {
    let readme = std::fs::read_to_string(workspace().join("README.md")).expect("README.md");
    let start = readme.find(heading).unwrap_or_else(|| panic!("README has no `{heading}`"));
    let section = &readme[start + heading.len()..];
    let section = &section[..section.find("\n### ").or_else(|| section.find("\n## ")).unwrap_or(section.len())];
    let mut out = Vec::new();
    let mut lines = section.lines();
    while let Some(line) = lines.next() {
        if let Some(info) = line.strip_prefix("```") {
            let body: Vec<&str> = lines.by_ref().take_while(|l| !l.starts_with("```")).collect();
            out.push((info.to_string(), body.join("\n") + "\n"));
        }
    }
    out
}

/// The README's dependency lines with the checkout's path made this workspace's.
fn with_checkout(text: &str) -> String {
    let ws = workspace().display().to_string().replace('\\', "/");
    text.replace("../alibabacloud-sdk/", &format!("{ws}/"))
}

/// What `cargo new NAME` writes, with the README's `[dependencies]` (and more) after it.
fn new_crate(dir: &Path, name: &str, manifest_tail: &str) {
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n{}",
        with_checkout(manifest_tail)
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    std::fs::copy(workspace().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
}

/// `cargo build` of the crate in `dir`, then its program run with no credentials anywhere (no
/// `ALIBABA_CLOUD_*` variables, a home without `~/.aliyun`); its stdout, or a panic with
/// everything cargo and the program said.
fn build_and_run(dir: &Path, name: &str) -> String {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("nested-target");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let build = Command::new(cargo)
        .current_dir(dir)
        .args(["build", "-q", "--offline"])
        .arg("--target-dir")
        .arg(&target)
        .env("CARGO_TERM_COLOR", "never")
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        build.status.success(),
        "cargo build failed in {}:\n{}",
        dir.display(),
        String::from_utf8_lossy(&build.stderr)
    );
    let mut run = Command::new(target.join("debug").join(name));
    run.current_dir(dir).env("HOME", dir).env("USERPROFILE", dir);
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("ALIBABA_CLOUD_") {
            run.env_remove(key);
        }
    }
    let output = run.output().expect("the program runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(output.status.success(), "{name} failed:\n{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    stdout
}

#[test]
fn quick_start_1_the_prebuilt_sdk_builds_and_runs() {
    let blocks = blocks("### 1. Use the prebuilt flow-log SDK");
    let [(toml_info, manifest), (rust_info, main_rs)] = &blocks[..] else { panic!("two blocks: {blocks:?}") };
    assert_eq!((toml_info.as_str(), rust_info.as_str()), ("toml", "rust,ignore"));
    let dir = tempfile::tempdir().unwrap();
    let krate = dir.path().join("flowlog-demo");
    new_crate(&krate, "flowlog-demo", manifest);
    std::fs::write(krate.join("src/main.rs"), main_rs).unwrap();
    let stdout = build_and_run(&krate, "flowlog-demo");
    assert!(stdout.starts_with("no credentials yet: "), "{stdout}");
}

#[test]
fn quick_start_2_a_build_script_generates_and_the_crate_runs() {
    let blocks = blocks("### 2. Generate your own product from `build.rs`");
    let [(_, manifest), (_, build_rs), (_, main_rs)] = &blocks[..] else { panic!("three blocks: {blocks:?}") };
    let dir = tempfile::tempdir().unwrap();
    let krate = dir.path().join("vpc-demo");
    new_crate(&krate, "vpc-demo", manifest);
    std::fs::create_dir_all(krate.join("metadata")).unwrap();
    std::fs::copy(workspace().join("metadata/vpc_2016-04-28.json"), krate.join("metadata/vpc_2016-04-28.json"))
        .unwrap();
    std::fs::write(krate.join("build.rs"), build_rs).unwrap();
    std::fs::write(krate.join("src/main.rs"), main_rs).unwrap();
    let stdout = build_and_run(&krate, "vpc-demo");
    assert!(stdout.starts_with("the call failed: "), "{stdout}");
    assert!(stdout.contains("credentials"), "stopped for want of credentials, before sending: {stdout}");
}
