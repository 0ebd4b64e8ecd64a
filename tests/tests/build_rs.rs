//! The generator from a build script, through real `cargo build`s of the `downstream/` crate and of
//! copies of it.
//!
//! Every build uses one target folder of its own (`<target>/tmp/nested-target`, shared with the
//! other tests that run cargo, so dependencies compile once), so it never waits for the lock of
//! the outer build and stays incremental from one run of the tests to the next. The copies live in `<target>/tmp/build_rs/<case>/` (same place on every run, for the same
//! reason): `metadata/vpc_2016-04-28.json` copied from the workspace (never the workspace's own
//! file), and `downstream/` with the crate's `build.rs` and `src/` and a manifest whose path
//! dependencies point at the workspace's crates by absolute path.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ sits in the workspace").to_path_buf()
}

fn scratch() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("build_rs")
}

/// What one `cargo build` said.
struct Build {
    success: bool,
    /// Cargo's JSON messages (stdout of `--message-format json-render-diagnostics`).
    messages: Vec<serde_json::Value>,
    /// Cargo's status lines and the build script's output on failure (`-v`).
    stderr: String,
}

impl Build {
    /// Whether `package`'s build script ran in this build (`-v` prints `Running` with its path).
    fn ran_build_script(&self, package: &str) -> bool {
        let dir = format!("{package}-");
        self.stderr.lines().any(|l| {
            let l = l.trim_start();
            l.starts_with("Running `") && l.contains("build-script-build") && l.contains(&dir)
        })
    }

    /// Whether cargo found `package` up to date (`-v` prints `Fresh <package> v...`).
    fn fresh(&self, package: &str) -> bool {
        let prefix = format!("Fresh {package} v");
        self.stderr.lines().any(|l| l.trim_start().starts_with(&prefix))
    }

    /// The `OUT_DIR` of `package`'s build script (cargo reports it for fresh scripts too).
    fn out_dir(&self, package: &str) -> PathBuf {
        self.messages
            .iter()
            .find(|m| {
                m["reason"] == "build-script-executed"
                    && m["package_id"].as_str().is_some_and(|id| is_package(id, package))
            })
            .and_then(|m| m["out_dir"].as_str())
            .map(PathBuf::from)
            .unwrap_or_else(|| panic!("no build-script-executed message for {package}:\n{}", self.stderr))
    }

    /// Warnings rustc gave while compiling `package`.
    fn rustc_warnings(&self, package: &str) -> Vec<String> {
        self.messages
            .iter()
            .filter(|m| m["reason"] == "compiler-message" && m["target"]["name"] == package.replace('-', "_"))
            .filter_map(|m| m["message"]["rendered"].as_str().map(str::to_owned))
            .collect()
    }
}

/// Whether a package id of cargo's JSON messages names `package`: `path+file:///x/dir#name@0.1.0`,
/// `path+file:///x/name#0.1.0`, or the older `name 0.1.0 (path+file:///x/dir)`.
fn is_package(id: &str, package: &str) -> bool {
    id.contains(&format!("#{package}@"))
        || id.contains(&format!("/{package}#"))
        || id.starts_with(&format!("{package} "))
}

/// `cargo build -v` of the crate in `dir` (its own workspace or a member of ours), offline: the
/// outer build has fetched every dependency already.
fn cargo_build(dir: &Path, package: &str) -> Build {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(dir)
        .args(["build", "-v", "--offline", "--message-format", "json-render-diagnostics", "-p", package])
        .arg("--target-dir")
        .arg(Path::new(env!("CARGO_TARGET_TMPDIR")).join("nested-target"))
        .env("CARGO_TERM_COLOR", "never")
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    Build {
        success: output.status.success(),
        messages: stdout.lines().filter_map(|l| serde_json::from_str(l).ok()).collect(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Writes `text` unless the file already holds it (so an unchanged copy keeps its mtime).
fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::create_dir_all(path.parent().expect("a file in a folder")).expect("creates the folder");
        std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn modified(path: &Path) -> SystemTime {
    std::fs::metadata(path).and_then(|m| m.modified()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A TOML string holding `path`.
fn toml_path(path: &Path) -> String {
    format!("\"{}\"", path.display().to_string().replace('\\', "\\\\").replace('"', "\\\""))
}

/// The workspace's metadata for VPC, as JSON.
fn vpc_metadata() -> serde_json::Value {
    serde_json::from_str(&read(&workspace().join("metadata/vpc_2016-04-28.json"))).expect("valid JSON")
}

/// A copy of `downstream/` named `package` under `<scratch>/<package>/`, with `metadata` as its
/// VPC metadata and, when given, another `build.rs` and `src/lib.rs`. Returns the crate's folder.
fn copy_downstream(
    package: &str,
    metadata: &serde_json::Value,
    build_rs: Option<&str>,
    lib_rs: Option<&str>,
) -> PathBuf {
    let root = scratch().join(package);
    let ws = workspace();
    let krate = root.join("downstream");
    write_if_changed(
        &root.join("metadata/vpc_2016-04-28.json"),
        &serde_json::to_string_pretty(metadata).expect("serialises"),
    );
    let manifest = format!(
        "[package]\nname = \"{package}\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\nalibabacloud-runtime = {{ path = {} }}\n\n\
         [build-dependencies]\nalibabacloud-codegen = {{ path = {} }}\n\n\
         # A workspace of its own, not a member of the one it sits in.\n[workspace]\n",
        toml_path(&ws.join("runtime")),
        toml_path(&ws.join("codegen")),
    );
    write_if_changed(&krate.join("Cargo.toml"), &manifest);
    // The workspace's lock: the same versions, nothing to resolve or fetch (cargo then drops what
    // the copy does not use, which changes no fingerprint).
    std::fs::copy(ws.join("Cargo.lock"), krate.join("Cargo.lock")).expect("copies Cargo.lock");
    let original = ws.join("downstream");
    write_if_changed(
        &krate.join("build.rs"),
        &build_rs.map_or_else(|| read(&original.join("build.rs")), str::to_owned),
    );
    match lib_rs {
        Some(text) => write_if_changed(&krate.join("src/lib.rs"), text),
        None => {
            for file in ["lib.rs", "tests.rs"] {
                write_if_changed(&krate.join("src").join(file), &read(&original.join("src").join(file)));
            }
        }
    }
    krate
}

/// Builds run one at a time: they share a target folder, and timings stay readable.
fn serial() -> std::sync::MutexGuard<'static, ()> {
    static LOCK: OnceLock<std::sync::Mutex<()>> = OnceLock::new();
    LOCK.get_or_init(Default::default).lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The `pub mod` lines at the top level of a generated file.
/// The client's methods that start a fluent call (`pub fn delete_flow_log(&self) ->
/// delete_flow_log::DeleteFlowLogRequestBuilder<alibabacloud_runtime::Fluent>`, over several lines).
fn fluent_starters(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    (0..lines.len())
        .filter_map(|i| {
            let name = lines[i].trim().strip_prefix("pub fn ")?.split('(').next()?;
            let signature: String = lines[i..(i + 4).min(lines.len())].concat();
            let signature = signature.split('{').next().unwrap_or_default();
            (signature.contains("&self") && signature.contains("<alibabacloud_runtime::Fluent>"))
                .then(|| name.to_string())
        })
        .collect()
}

fn top_level_modules(text: &str) -> Vec<&str> {
    text.lines().filter(|l| l.starts_with("pub mod ")).collect()
}

#[test]
fn the_workspace_crate_builds_and_a_second_build_is_a_no_op() {
    let _serial = serial();
    let first = cargo_build(&workspace(), "flowlog-downstream");
    assert!(first.success, "{}", first.stderr);
    assert_eq!(first.rustc_warnings("flowlog-downstream"), Vec::<String>::new());
    let out = first.out_dir("flowlog-downstream");
    let text = read(&out.join("vpc.rs"));
    // `Tag`, `ResourceType` and `TrafficType` are used by both operations: one shared `types` module.
    assert_eq!(
        top_level_modules(&text),
        ["pub mod types {", "pub mod create_flow_log {", "pub mod describe_flow_logs {"]
    );

    let second = cargo_build(&workspace(), "flowlog-downstream");
    assert!(second.success, "{}", second.stderr);
    assert!(!second.ran_build_script("flowlog-downstream"), "the generator ran again:\n{}", second.stderr);
    assert!(second.fresh("flowlog-downstream"), "{}", second.stderr);
}

#[test]
fn changed_metadata_regenerates_and_unchanged_metadata_does_not() {
    let _serial = serial();
    let package = "downstream-regenerate";
    let original = vpc_metadata();
    let krate = copy_downstream(package, &original, None, None);
    let metadata = krate.parent().unwrap().join("metadata/vpc_2016-04-28.json");

    let first = cargo_build(&krate, package);
    assert!(first.success, "{}", first.stderr);
    let generated = first.out_dir(package).join("vpc.rs");
    let limits = |text: &str| (text.matches("length(min = 1, max = 128)").count(), text.matches("max = 100").count());
    let (limits_of_128, none) = limits(&read(&generated));
    assert!(limits_of_128 > 0 && none == 0, "FlowLogName's documented limit is 128");

    // Nothing changed: cargo does not even start the build script.
    let second = cargo_build(&krate, package);
    assert!(second.success, "{}", second.stderr);
    assert!(!second.ran_build_script(package), "{}", second.stderr);
    assert!(second.fresh(package), "{}", second.stderr);

    // Touched but equal: the build script runs, and the builder's stamp keeps the file as it is.
    let written = modified(&generated);
    let file = std::fs::File::options().write(true).open(&metadata).expect("opens the copy");
    file.set_modified(SystemTime::now() + Duration::from_secs(2)).expect("sets the mtime");
    drop(file);
    let touched = cargo_build(&krate, package);
    assert!(touched.success, "{}", touched.stderr);
    assert!(touched.ran_build_script(package), "rerun-if-changed names the metadata:\n{}", touched.stderr);
    assert_eq!(modified(&generated), written, "same inputs: the generated file is not rewritten");
    assert!(!touched.fresh(package), "cargo recompiles a crate whose build script ran:\n{}", touched.stderr);

    // Changed: regenerated, and the new limit is in the code.
    let mut changed = original.clone();
    *changed.pointer_mut("/apis/CreateFlowLog/parameters/1/schema/maxLength").expect("FlowLogName's maxLength") =
        serde_json::json!(100);
    copy_downstream(package, &changed, None, None);
    let third = cargo_build(&krate, package);
    assert!(third.success, "{}", third.stderr);
    assert!(third.ran_build_script(package), "{}", third.stderr);
    assert_eq!(limits(&read(&generated)), (limits_of_128 - 1, 1), "FlowLogName's new limit");

    // Back to the original for the next run of this test (which then starts with a regeneration).
    copy_downstream(package, &original, None, None);
}

#[test]
fn a_crate_filtered_to_one_operation_compiles_only_that_operation() {
    let _serial = serial();
    let package = "downstream-one-operation";
    let build_rs =
        "fn main() {\n    codegen::Builder::new()\n        .metadata(\"../metadata/vpc_2016-04-28.json\")\n        \
                    .operations([\"DeleteFlowLog\"])\n        .module(\"flowlogs\")\n        .run();\n}\n";
    let lib_rs = "//! One operation.\n\n/// DeleteFlowLog only.\npub mod flowlogs {\n    \
                  include!(concat!(env!(\"OUT_DIR\"), \"/flowlogs.rs\"));\n}\n\n\
                  /// A request deleting `id` in `region`.\npub fn delete(region: &str, id: &str) -> flowlogs::DeleteFlowLogRequest {\n    \
                  flowlogs::DeleteFlowLogRequest::builder().region_id(region).flow_log_id(id).build().expect(\"valid\")\n}\n";
    let krate = copy_downstream(package, &vpc_metadata(), Some(build_rs), Some(lib_rs));
    let build = cargo_build(&krate, package);
    assert!(build.success, "{}", build.stderr);
    assert_eq!(build.rustc_warnings(package), Vec::<String>::new());
    let out = build.out_dir(package);
    let text = read(&out.join("flowlogs.rs"));
    assert_eq!(top_level_modules(&text), ["pub mod delete_flow_log {"]);
    assert_eq!(fluent_starters(&text), ["delete_flow_log"], "the client starts one operation");
    for other in ["CreateFlowLog", "DescribeFlowLogs", "ActiveFlowLog", "ModifyFlowLogAttribute"] {
        assert!(!text.contains(&format!("{other}Request")), "{other} is not generated");
        assert!(!text.contains(&format!("action: \"{other}\"")), "{other} is not generated");
    }
    assert!(text.contains("action: \"DeleteFlowLog\""));
    let mut files: Vec<String> = std::fs::read_dir(&out)
        .expect("OUT_DIR is readable")
        .map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, [".codegen-stamp", "flowlogs.rs"]);
}

#[test]
fn broken_metadata_fails_the_build_with_a_located_diagnostic() {
    let _serial = serial();
    let package = "downstream-broken";
    let mut broken = vpc_metadata();
    *broken.pointer_mut("/apis/CreateFlowLog/parameters/6/schema/maxLength").expect("ProjectName's maxLength") =
        serde_json::json!("many");
    let krate = copy_downstream(package, &broken, None, None);
    let metadata = krate.parent().unwrap().join("metadata/vpc_2016-04-28.json");
    let build = cargo_build(&krate, package);
    assert!(!build.success, "broken metadata must fail the build");
    let stderr = &build.stderr;
    let (line, col) = locate(&read(&metadata), "\"maxLength\": \"many\"");
    let diagnostic = format!(
        "error: `maxLength` must be a non-negative integer, found \"many\"\n  --> {}:{line}:{col}\n   \
         = at: /apis/CreateFlowLog/parameters/6/schema/maxLength\n   = help: write a whole number such as 128\n",
        metadata.display()
    );
    // Cargo shows the build script's stderr indented by two spaces.
    let indented: String = diagnostic.lines().map(|l| format!("  {l}\n")).collect();
    assert!(stderr.contains(&indented), "expected\n{indented}\nin\n{stderr}");
    assert!(stderr.contains("\n  error: 1 problem(s) in the metadata; nothing was generated\n"), "{stderr}");
    assert!(!stderr.contains("panicked at") && !stderr.contains("RUST_BACKTRACE"), "{stderr}");
    assert!(!stderr.contains("note: every problem above"), "the error is in a selected operation: {stderr}");

    // An error in an operation the crate does not select fails the build too, and says so.
    let mut elsewhere = vpc_metadata();
    elsewhere["apis"]["DeleteFlowLog"]["parameters"][0]["schema"]["maxLength"] = serde_json::json!("many");
    copy_downstream(package, &elsewhere, None, None);
    let build = cargo_build(&krate, package);
    assert!(!build.success, "a metadata error outside the selected operations still fails the build");
    assert!(build.stderr.contains("= at: /apis/DeleteFlowLog/parameters/0/schema/maxLength"), "{}", build.stderr);
    assert!(
        build.stderr.contains(&format!("  {}\n", codegen::OUTSIDE_SELECTION_NOTE)),
        "the build says the problem is outside the selection:\n{}",
        build.stderr
    );
}

/// 1-based line and column of the only occurrence of `needle`.
fn locate(text: &str, needle: &str) -> (usize, usize) {
    let mut found = text.lines().enumerate().filter_map(|(i, l)| l.find(needle).map(|c| (i + 1, c + 1)));
    let first = found.next().unwrap_or_else(|| panic!("{needle} is not in the file"));
    assert_eq!(found.next(), None, "{needle} occurs more than once");
    first
}
