//! The CLI as a user meets it: help text, exit codes, every message a newcomer reads (snapshots,
//! with the temporary folder written as `[TMP]`), and the flags it shares with the Builder.

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

/// A temporary folder, and its path replaced by `[TMP]` in what the CLI prints.
struct Scratch(tempfile::TempDir);

impl Scratch {
    fn new() -> Self {
        Scratch(tempfile::tempdir().unwrap())
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.0.path().join(rel)
    }

    fn arg(&self, rel: &str) -> String {
        self.path(rel).to_str().unwrap().to_string()
    }

    fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> String {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        self.arg(rel)
    }

    fn redact(&self, s: &str) -> String {
        s.replace(self.0.path().to_str().unwrap(), "[TMP]")
    }

    /// Runs the CLI; the exit code, stdout and stderr as one text for a snapshot.
    fn run(&self, args: &[&str]) -> String {
        let out = codegen(args);
        let code = out.status.code().map_or("none".to_string(), |c| c.to_string());
        self.redact(&format!("exit: {code}\n--- stdout\n{}--- stderr\n{}", text(&out.stdout), text(&out.stderr)))
    }
}

/// A product whose every operation declares `RegionId` twice (the same warning many times, as
/// ECS has it), and one other warning.
fn repeated_warnings(minified: bool) -> String {
    let ops: Vec<String> =
        ["CreateThing", "DeleteThing", "DescribeThings", "ModifyThing", "StartThing", "StopThing", "TagThing"]
            .iter()
            .map(|op| {
                format!(
                    r#""{op}": {{"parameters": [
        {{"name": "RegionId", "in": "query", "schema": {{"type": "string", "required": true}}}},
        {{"name": "RegionId", "in": "query", "schema": {{"type": "string", "required": true}}}}
      ]}}"#
                )
            })
            .collect();
    let json = format!(
        r#"{{
  "info": {{"style": "RPC", "product": "Demo", "version": "2024-01-01", "title": "{pad}"}},
  "apis": {{
    {},
    "UntagThing": {{"parameters": [{{"name": "Keys", "in": "query", "schema": {{"type": "array", "items": {{"type": "string", "enum": []}}}}}}]}}
  }}
}}"#,
        ops.join(",\n    "),
        pad = if minified { "x".repeat(300) } else { String::new() },
    );
    if minified {
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        serde_json::to_string(&value).unwrap()
    } else {
        json
    }
}

#[test]
fn help_lists_every_flag_and_the_exit_codes() {
    let out = codegen(&["--help"]);
    assert!(out.status.success());
    insta::assert_snapshot!("help", text(&out.stdout));
}

#[test]
fn malformed_metadata_exits_2_naming_file_and_pointer() {
    let s = Scratch::new();
    let bad = s.write(
        "bad.json",
        r#"{
  "info": {"style": "RPC", "product": "Demo", "version": "2024-01-01"},
  "apis": {
    "CreateThing": {
      "parameters": [
        {"name": "Name", "in": "query", "schema": {"type": "string", "maxLength": "many"}},
        {"name": "Size", "in": "query", "schema": {"type": "integer", "minimum": "10", "maximum": "1"}}
      ]
    }
  }
}"#,
    );
    insta::assert_snapshot!("malformed", s.run(&["--metadata", &bad, "--out", &s.arg("out")]));
    assert!(!s.path("out").exists(), "nothing is written on error");
}

#[test]
fn invalid_json_is_located_with_1_based_columns() {
    let s = Scratch::new();
    let cut = s.write("truncated.json", "{\n  \"info\": {\"style\": \"RPC\",\n");
    insta::assert_snapshot!("truncated_json", s.run(&["--metadata", &cut, "--out", &s.arg("o")]));
}

#[test]
fn a_file_cut_inside_a_utf8_character_says_it_was_probably_truncated() {
    let s = Scratch::new();
    let mut bytes = "{\"info\": {\"title\": \"流日志".as_bytes().to_vec();
    bytes.truncate(bytes.len() - 1);
    let cut = s.write("cut.json", bytes);
    insta::assert_snapshot!("truncated_utf8", s.run(&["--metadata", &cut, "--out", &s.arg("o")]));
}

#[test]
fn a_missing_file_is_an_io_error_with_its_path() {
    let s = Scratch::new();
    insta::assert_snapshot!("missing_file", s.run(&["--metadata", &s.arg("nowhere.json"), "--out", &s.arg("o")]));
}

#[test]
fn warnings_are_grouped_counted_and_summarised() {
    let s = Scratch::new();
    let m = s.write("demo.json", repeated_warnings(false));
    let o = s.arg("out");
    insta::assert_snapshot!("warnings_grouped", s.run(&["--metadata", &m, "--out", &o]));
    insta::assert_snapshot!("warnings_summary", s.run(&["--metadata", &m, "--out", &o, "-W", "summary"]));
    insta::assert_snapshot!("warnings_quiet", s.run(&["--metadata", &m, "--out", &o, "--quiet"]));
    let all = s.run(&["--metadata", &m, "--out", &o, "--warnings", "all"]);
    assert_eq!(all.matches("warning: parameter `RegionId` is declared twice").count(), 7, "{all}");
    assert!(all.contains("warning: 8 metadata warnings of 2 kinds in 1 file (-W grouped shows"), "{all}");
    let none = s.run(&["--metadata", &m, "--out", &o, "-W", "none"]);
    assert!(!none.contains("warning"), "{none}");
}

#[test]
fn positions_in_a_minified_file_show_the_json_pointer_first() {
    let s = Scratch::new();
    let m = s.write("demo.min.json", repeated_warnings(true));
    insta::assert_snapshot!("warnings_minified", s.run(&["--metadata", &m, "--out", &s.arg("out")]));
}

#[test]
fn unknown_operations_get_a_did_you_mean() {
    let s = Scratch::new();
    let m = workspace().join("metadata/vpc_2016-04-28.json");
    let m = m.to_str().unwrap();
    insta::assert_snapshot!(
        "unknown_operation",
        s.run(&["--metadata", m, "--out", &s.arg("o"), "--operation", "DescribeFlowLog,CreateFlowlog,Frobnicate"])
    );
    assert!(!s.path("o").exists());
}

#[test]
fn check_names_the_command_that_regenerates_this_output() {
    let s = Scratch::new();
    let source = workspace().join("metadata/cbn_2017-09-12.json");
    let m = s.write("metadata/cbn_2017-09-12.json", std::fs::read(source).unwrap());
    let o = s.arg("gen");
    let flags = ["--metadata", &m, "--out", &o, "--operation", "CreateFlowlog", "--lenient"];
    let with = |extra: &[&'static str]| -> Vec<&str> { flags.iter().copied().chain(extra.iter().copied()).collect() };

    insta::assert_snapshot!("check_missing_dir", s.run(&with(&["--check"])));
    assert!(!s.path("gen").exists(), "--check writes nothing");
    assert_eq!(codegen(&with(&["--quiet"])).status.code(), Some(0));
    assert_eq!(codegen(&with(&["--check"])).status.code(), Some(0));

    // Editing a description makes exactly the file of that operation stale.
    let json = std::fs::read_to_string(&m).unwrap();
    let edited = json.replacen("\"description\": \"", "\"description\": \"Edited. ", 1);
    assert_ne!(json, edited);
    std::fs::write(&m, edited).unwrap();
    insta::assert_snapshot!("check_stale", s.run(&with(&["--check"])));
}

#[test]
fn the_flags_of_the_builder_shape_the_crate() {
    let s = Scratch::new();
    let m = workspace().join("metadata/vpc_2016-04-28.json");
    let m = m.to_str().unwrap();
    let o = s.arg("vpc-sdk");
    let run = codegen(&[
        "--metadata",
        m,
        "--out",
        &o,
        "--operation",
        "CreateFlowLog",
        "--operation",
        "DescribeFlowLogs",
        "--module",
        "flowlogs",
        "--lenient",
        "--no-client",
        "--runtime-version",
        "0.1",
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert_eq!(text(&run.stdout), format!("wrote {o} (1 product, 2 operations, 8 files)\n"));
    let manifest = std::fs::read_to_string(s.path("vpc-sdk/Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"alibabacloud-vpc\"\n"), "the name comes from the product: {manifest}");
    assert!(manifest.contains("alibabacloud-runtime = \"0.1\"\n"), "{manifest}");
    let mut files: Vec<String> = std::fs::read_dir(s.path("vpc-sdk/src/flowlogs"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    // `types.rs`: `Tag`, `ResourceType` and `TrafficType` are used by both operations.
    assert_eq!(files, ["create_flow_log.rs", "describe_flow_logs.rs", "mod.rs", "types.rs"]);
    let module = std::fs::read_to_string(s.path("vpc-sdk/src/flowlogs/mod.rs")).unwrap();
    assert!(!module.contains("pub struct Client"), "--no-client: types only");
    let create = std::fs::read_to_string(s.path("vpc-sdk/src/flowlogs/create_flow_log.rs")).unwrap();
    assert!(create.contains("#[validate(wire = \"ResourceType\", required)]"), "required fields are still checked");
    assert!(!create.contains("length(max"), "--lenient: no other constraint");

    let git = s.arg("git-sdk");
    let run = codegen(&[
        "--metadata",
        m,
        "--out",
        &git,
        "--runtime-git",
        "https://example.invalid/sdk.git",
        "--runtime-rev",
        "abc123",
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let manifest = std::fs::read_to_string(s.path("git-sdk/Cargo.toml")).unwrap();
    assert!(
        manifest.contains("alibabacloud-runtime = { git = \"https://example.invalid/sdk.git\", rev = \"abc123\" }\n"),
        "{manifest}"
    );

    let local = s.arg("nested/path-sdk");
    let runtime = workspace().join("runtime");
    let run = codegen(&["--metadata", m, "--out", &local, "--runtime-path", runtime.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let manifest = std::fs::read_to_string(s.path("nested/path-sdk/Cargo.toml")).unwrap();
    let line = manifest.lines().find(|l| l.starts_with("alibabacloud-runtime")).unwrap();
    let rel = line.split('"').nth(1).unwrap();
    assert!(rel.starts_with("../"), "written relative to the crate: {line}");
    assert!(s.path("nested/path-sdk").join(rel).join("Cargo.toml").is_file(), "{rel} resolves");
}

#[test]
fn module_with_several_products_and_bad_names_are_usage_errors() {
    let s = Scratch::new();
    let m = workspace().join("metadata");
    let run = s.run(&["--metadata", m.to_str().unwrap(), "--out", &s.arg("o"), "--module", "flowlogs"]);
    assert!(run.starts_with("exit: 2\n"), "{run}");
    assert!(run.contains("error: a module name names one product, but 3 products are generated"), "{run}");
    let one = workspace().join("metadata/cbn_2017-09-12.json");
    let run = s.run(&["--metadata", one.to_str().unwrap(), "--out", &s.arg("o"), "--module", "FlowLogs"]);
    assert!(run.contains("error: `FlowLogs` is not a usable module name; try `flow_logs`"), "{run}");
}

#[test]
fn unknown_flags_are_usage_errors() {
    assert_eq!(codegen(&["--no-such-flag"]).status.code(), Some(2));
    assert_eq!(codegen(&["--runtime-version", "1", "--runtime-git", "x"]).status.code(), Some(2), "one runtime source");
}
