//! `codegen diff` and `--diff-against` as a user meets them: formats, exit statuses for CI,
//! matching products in folders, refused and unreadable files.

use std::path::Path;
use std::process::{Command, Output};

fn codegen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_codegen")).args(args).output().expect("the codegen binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn write(path: &Path, value: &serde_json::Value) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, serde_json::to_string_pretty(value).unwrap()).unwrap();
}

/// A product with one operation `CreateThing` and these parameters.
fn demo(product: &str, params: serde_json::Value) -> serde_json::Value {
    serde_json::json!({
        "info": {"style": "RPC", "product": product, "version": "2024-01-01"},
        "apis": {"CreateThing": {"parameters": params}}
    })
}

fn name_param(required: bool) -> serde_json::Value {
    serde_json::json!([{"name": "Name", "in": "query", "schema": {"type": "string", "required": required}}])
}

#[test]
fn diff_help_names_formats_flags_and_exit_statuses() {
    let out = codegen(&["diff", "--help"]);
    assert!(out.status.success());
    insta::assert_snapshot!("diff_help", text(&out.stdout));
}

#[test]
fn breaking_changes_exit_3_unless_allowed_and_additive_ones_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    let (old, breaking, additive) =
        (dir.path().join("old.json"), dir.path().join("breaking.json"), dir.path().join("additive.json"));
    write(&old, &demo("Demo", name_param(false)));
    write(&breaking, &demo("Demo", name_param(true)));
    write(&additive, &demo("Demo", serde_json::json!([])).clone());
    let mut more = demo("Demo", name_param(false));
    more["apis"]["CreateThing"]["parameters"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"name": "DryRun", "in": "query", "schema": {"type": "boolean"}}));
    write(&additive, &more);
    let (o, b, a) = (old.to_str().unwrap(), breaking.to_str().unwrap(), additive.to_str().unwrap());

    let out = codegen(&["diff", o, b, "--current-version", "0.3.1"]);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        text(&out.stdout),
        "Demo 2024-01-01: run-time-breaking: major bump (0.3.1 → 0.4.0)\n  operations 1 → 1: 0 added, 0 removed, 1 \
         changed\n  changes: 1 run-time-breaking\n\n  run-time-breaking:\n    - CreateThing: request `Name`: now required \
         — field `CreateThingRequest::name`, setter `CreateThingRequestBuilder::name`: `build()` now refuses a request \
         without it\n"
    );
    assert_eq!(
        text(&out.stderr),
        "error: the changes break callers (run-time-breaking); pass --allow-breaking to accept them\n"
    );
    assert_eq!(codegen(&["diff", o, b, "--allow-breaking"]).status.code(), Some(0));
    assert_eq!(codegen(&["diff", o, a]).status.code(), Some(0));

    let json = codegen(&["diff", o, b, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON on stdout");
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["verdict"]["impact"], "run-time-breaking");
    assert_eq!(v["products"][0]["changes"][0]["kind"], "required_changed");
    assert_eq!(v["products"][0]["changes"][0]["required"], true);
    let md = text(&codegen(&["diff", o, a, "--format", "markdown"]).stdout);
    assert!(md.starts_with("## API changes: additive: minor bump\n"), "{md}");
    assert!(md.contains("- `CreateThing`: request `DryRun`: added, optional boolean\n"), "{md}");
}

#[test]
fn folders_are_matched_by_product_and_version_not_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    write(&old.join("demo.json"), &demo("Demo", name_param(false)));
    write(&old.join("gone.json"), &demo("Gone", name_param(false)));
    write(&new.join("demo_renamed_file.json"), &demo("Demo", name_param(false)));
    write(&new.join("fresh.json"), &demo("Fresh", name_param(false)));
    let mut refused = demo("Shiny", name_param(false));
    refused["info"]["style"] = "SHINY".into();
    write(&old.join("shiny.json"), &refused);
    refused["info"]["style"] = "RPC".into();
    write(&new.join("shiny.json"), &refused);

    let out = codegen(&["diff", old.to_str().unwrap(), new.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(3), "a product is gone: {}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let products: Vec<(String, serde_json::Value)> = v["products"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["product"].as_str().unwrap().to_string(), p["status"].clone()))
        .collect();
    assert_eq!(
        products,
        [
            ("Demo".to_string(), serde_json::json!({"kind": "compared"})),
            ("Fresh".to_string(), serde_json::json!({"kind": "added"})),
            ("Gone".to_string(), serde_json::json!({"kind": "removed"})),
            (
                "Shiny".to_string(),
                serde_json::json!({"kind": "added", "old_refused": "API style `SHINY` is not supported"})
            ),
        ]
    );
}

#[test]
fn unreadable_and_duplicate_inputs_exit_2_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.json");
    write(&good, &demo("Demo", name_param(false)));
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\n  \"info\": {\"product\": \"Demo\",\n").unwrap();
    let out = codegen(&["diff", good.to_str().unwrap(), broken.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("error: the file is not valid JSON"), "{err}");
    assert!(err.contains("broken.json:3:"), "located: {err}");
    assert!(
        err.ends_with("error: the product and version of these files cannot be read, so they cannot be compared\n"),
        "{err}"
    );

    let twice = dir.path().join("twice");
    write(&twice.join("a.json"), &demo("Demo", name_param(false)));
    write(&twice.join("b.json"), &demo("Demo", name_param(true)));
    let out = codegen(&["diff", twice.to_str().unwrap(), good.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).starts_with("error: Demo 2024-01-01 is given twice on one side: "),
        "{}",
        text(&out.stderr)
    );

    let missing = dir.path().join("missing.json");
    let out = codegen(&["diff", missing.to_str().unwrap(), good.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).starts_with("error: cannot read "), "{}", text(&out.stderr));
}

#[test]
fn diff_against_prints_the_report_before_regenerating_with_the_crate_version() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new, out_dir) = (dir.path().join("old.json"), dir.path().join("new.json"), dir.path().join("sdk"));
    write(&old, &demo("Demo", name_param(false)));
    write(&new, &demo("Demo", name_param(true)));
    let (o, n, d) = (old.to_str().unwrap(), new.to_str().unwrap(), out_dir.to_str().unwrap());
    // First generation: no crate yet, so no current version.
    let first = codegen(&["--metadata", o, "--out", d]);
    assert!(first.status.success(), "{}", text(&first.stderr));
    let second = codegen(&["--metadata", n, "--out", d, "--diff-against", o]);
    assert!(second.status.success(), "regenerating is not gated: {}", text(&second.stderr));
    let stdout = text(&second.stdout);
    assert!(stdout.starts_with("Demo 2024-01-01: run-time-breaking: major bump (0.1.0 → 0.2.0)\n"), "{stdout}");
    assert!(stdout.contains("    - CreateThing: request `Name`: now required"), "{stdout}");
    assert!(stdout.ends_with(&format!("wrote {d} (1 product, 1 operation, 6 files)\n")), "{stdout}");
    let generated = std::fs::read_to_string(out_dir.join("src/demo/create_thing.rs")).unwrap();
    assert!(generated.contains("required"), "regenerated from the new metadata");
}
