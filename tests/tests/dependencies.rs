//! What a user of the generated code compiles: `downstream/` (a crate whose build script runs the
//! generator, and which calls the runtime) has one version of each crate but for known doubles of
//! third-party crates, and its build script compiles none of the CLI's dependencies.
//!
//! `cargo tree` reads the lock file and the manifests only (`--offline`): nothing is built.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ sits in the workspace").to_path_buf()
}

/// Every package of `downstream`'s graph along `edges`, as name → versions.
fn graph(edges: &str) -> BTreeMap<String, BTreeSet<String>> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = Command::new(cargo)
        .current_dir(workspace())
        .args(["tree", "--offline", "--locked", "-p", "flowlog-downstream", "-e", edges])
        .args(["--prefix", "none", "--format", "{p}"])
        .env("CARGO_TERM_COLOR", "never")
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "cargo tree failed:\n{}", String::from_utf8_lossy(&out.stderr));
    let mut packages: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for line in stdout.lines() {
        let mut words = line.split_whitespace();
        if let (Some(name), Some(version)) = (words.next(), words.next()) {
            packages.entry(name.to_string()).or_default().insert(version.to_string());
        }
    }
    assert!(packages.contains_key("alibabacloud-runtime"), "{stdout}");
    packages
}

/// Doubles that third-party crates cause and the project cannot remove: reqwest 0.12 is on
/// base64 0.22 while hyper-util is on 0.23; ring (rustls's crypto, under reqwest) is on getrandom
/// 0.2 while every current uuid is on 0.4.
const THIRD_PARTY_DOUBLES: [&str; 2] = ["base64", "getrandom"];

#[test]
fn a_downstream_crate_compiles_one_version_of_each_crate() {
    let packages = graph("normal,build,dev");
    assert_eq!(packages.get("syn").map(BTreeSet::len), Some(1), "one syn: {:?}", packages.get("syn"));
    let doubles: Vec<String> = packages
        .iter()
        .filter(|(name, versions)| versions.len() > 1 && !THIRD_PARTY_DOUBLES.contains(&name.as_str()))
        .map(|(name, versions)| format!("{name} {versions:?}"))
        .collect();
    assert_eq!(doubles, Vec::<String>::new(), "crates compiled in two versions");
}

#[test]
fn a_build_script_compiles_no_cli_dependency() {
    let packages = graph("normal,build");
    assert!(packages.contains_key("alibabacloud-codegen"), "the build script uses the generator");
    for cli_only in ["clap", "indicatif", "console"] {
        assert!(!packages.contains_key(cli_only), "{cli_only} is compiled for a build script");
    }
}
