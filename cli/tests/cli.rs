//! The CLI as a user meets it: help text, exit codes, located errors, `--check`.

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
fn help_lists_every_flag_and_the_exit_codes() {
    let out = codegen(&["--help"]);
    assert!(out.status.success());
    insta::assert_snapshot!("help", text(&out.stdout));
}

#[test]
fn malformed_metadata_exits_2_naming_file_and_pointer() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
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
    )
    .unwrap();
    let out_dir = dir.path().join("out");
    let out = codegen(&["--metadata", bad.to_str().unwrap(), "--out", out_dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("error: `maxLength` must be a non-negative integer, found \"many\""), "{err}");
    assert!(err.contains("bad.json:6:"), "line of the first problem: {err}");
    assert!(err.contains("= at: /apis/CreateThing/parameters/0/schema/maxLength"), "{err}");
    assert!(err.contains("= at: /apis/CreateThing/parameters/1/schema/minimum"), "every problem is reported: {err}");
    assert!(err.contains("2 problem(s) in the metadata; nothing was written"), "{err}");
    assert!(!out_dir.exists(), "nothing is written on error");
}

#[test]
fn invalid_json_is_located_by_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("truncated.json");
    std::fs::write(&bad, "{\n  \"info\": {\"style\": \"RPC\",\n").unwrap();
    let out = codegen(&["--metadata", bad.to_str().unwrap(), "--out", dir.path().join("o").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("truncated.json:3:"), "{err}");
    assert!(err.contains("not valid JSON"), "{err}");
}

#[test]
fn check_reports_stale_files_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let meta = dir.path().join("metadata");
    std::fs::create_dir(&meta).unwrap();
    let source = workspace().join("metadata/cbn_2017-09-12.json");
    std::fs::copy(&source, meta.join("cbn_2017-09-12.json")).unwrap();
    let out_dir = dir.path().join("gen");
    let (m, o) = (meta.to_str().unwrap(), out_dir.to_str().unwrap());

    assert_eq!(codegen(&["--metadata", m, "--out", o, "--quiet"]).status.code(), Some(0));
    assert_eq!(codegen(&["--metadata", m, "--out", o, "--check"]).status.code(), Some(0));

    // Editing a description makes exactly the file of that operation stale.
    let json = std::fs::read_to_string(meta.join("cbn_2017-09-12.json")).unwrap();
    let edited = json.replacen("\"description\": \"", "\"description\": \"Edited. ", 1);
    assert_ne!(json, edited);
    std::fs::write(meta.join("cbn_2017-09-12.json"), edited).unwrap();
    let before = std::fs::read_dir(out_dir.join("src/cbn")).unwrap().count();
    let out = codegen(&["--metadata", m, "--out", o, "--check"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("stale: "), "{stdout}");
    assert!(stdout.lines().all(|l| l.starts_with("stale: ") && l.ends_with(".rs")), "{stdout}");
    assert_eq!(std::fs::read_dir(out_dir.join("src/cbn")).unwrap().count(), before, "--check writes nothing");
}

#[test]
fn unknown_flags_are_usage_errors() {
    assert_eq!(codegen(&["--no-such-flag"]).status.code(), Some(2));
}
