//! The hostile cases of `hostile.rs`, all in one product, generated into a real crate and built:
//! the code compiles with no warning under clippy `-D warnings`, documents every public item, and
//! `cargo test --doc` passes (no metadata text became a doctest that runs).

use codegen::check::check_file;
use codegen::{crate_files, write, CrateOptions, RuntimeDependency};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn param(name: &str, schema: Value) -> Value {
    json!({"name": name, "in": "query", "schema": schema})
}

fn hostile_product() -> Value {
    let nasty = "*/ \"quoted\" \u{0} \r\n<props=\"china\">x</props>\n```\nfn main() { std::process::exit(1) }\n```\n    indented_code();\n[Link] and [text](~~123~~) https://example.com/a_b.\n- item\ncontinued";
    let string = |extra: Value| {
        let mut s = json!({"type": "string", "description": nasty});
        s.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        s
    };
    let mut params: Vec<Value> = [
        "type",
        "self",
        "Self",
        "crate",
        "super",
        "async",
        "build",
        "clone",
        "validate",
        "RegionId",
        "regionId",
        "Region_Id",
        "名称",
        "-",
        "3rd",
        "a.b",
    ]
    .iter()
    .map(|n| param(n, string(json!({}))))
    .collect();
    params.push(param("Mode", string(json!({"enum": ["a-b", "a_b", "", " ", "Unknown", "1:4096", "Self"]}))));
    params.push(param("Count", json!({"type": "integer", "format": "int32", "minimum": "-5", "maximum": "99999999999999999999", "enum": [1, 5]})));
    params.push(param("Ratio", json!({"type": "number", "exclusiveMinimum": true, "minimum": "0", "maximum": 1.5})));
    params.push(param("Name", string(json!({"maxLength": -1, "minLength": 1, "pattern": "^(?!x)[a-z]+$", "x-forbiddenPrefixes": ["acs:"], "x-secret": true}))));
    params.push(json!({"name": "Tag", "in": "query", "style": "repeatList", "schema": {"type": "array", "maxItems": 20, "items": {"type": "object", "properties": {
        "Key": {"type": "string", "maxLength": 128}, "clone": {"type": "string"}, "Value": {"type": "string"}
    }}}}));
    params.push(json!({"name": "Ids", "in": "query", "style": "simple", "schema": {"type": "array", "items": {"type": "string", "enum": ["x", "y"]}}}));
    params.push(json!({"name": "Filter", "in": "formData", "style": "json", "schema": {"type": "object", "additionalProperties": {"type": "integer"}}}));
    params.push(param("Tree", json!({"$ref": "#/components/schemas/Node"})));
    params.push(param("PageNumber", json!({"type": "integer", "format": "int32"})));
    params.push(param("PageSize", json!({"type": "integer", "format": "int32"})));
    params.push(param("Anything", json!({"type": "any"})));
    // Found in the catalogue: a required map, and a value set that also states text rules.
    params
        .push(param("Labels", json!({"type": "object", "required": true, "additionalProperties": {"type": "string"}})));
    params.push(param("Level", json!({"type": "string", "enum": ["a", "b"], "minLength": 1, "pattern": "^[a-z]$"})));
    json!({
        "info": {"style": "RPC", "product": "Hostile", "version": "2024-01-01", "x-rust-module": "hostile"},
        "components": {"schemas": {"Node": {"type": "object", "description": nasty, "properties": {
            "Name": {"type": "string"}, "Child": {"$ref": "#/components/schemas/Node"}
        }}}},
        "apis": {
            "self": {"summary": nasty, "description": nasty, "parameters": params, "responses": {"200": {"schema": {"type": "object", "properties": {
                "TotalCount": {"type": "string"}, "PageNumber": {"type": "string"}, "PageSize": {"type": "integer"},
                "Tag": {"type": "array", "items": {"type": "object", "properties": {"Key": {"type": "string"}}}},
                "Result": {"type": "object", "properties": {"Self": {"type": "boolean", "description": nasty}}},
                "Mode": {"type": "string", "enum": ["a-b", "a_b"]}
            }}}},
            "errorCodes": {
                "400": [{"errorCode": "Bad.Thing", "errorMessage": nasty}, {"errorCode": ""}, {"errorCode": "BadThing"}, {"errorCode": "Unhandled"}, {"errorCode": "MissingParam.%s"}],
                "404": [{"errorCode": "Bad.Thing"}],
                "2014": [{"errorCode": "Odd.Status"}]
            }},
            "Self": {"deprecated": true},
            "DeleteFlowlog": {}, "DeleteFlowLog": {},
            "type": {"parameters": [param("NextToken", json!({"type": "string"}))], "responses": {"200": {"schema": {"type": "object", "properties": {"NextToken": {"type": "string"}}}}}}
        },
        "endpoints": [{"regionId": "cn-hangzhou", "endpoint": "hostile.cn-hangzhou.aliyuncs.com\t"}]
    })
}

fn cargo(dir: &Path, target: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

#[test]
fn hostile_metadata_generates_a_crate_that_builds_lints_and_documents_cleanly() {
    let doc = serde_json::to_vec_pretty(&hostile_product()).unwrap();
    let (product, diags) = check_file(Path::new("hostile.json"), &doc);
    let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let products = [product.expect("accepted")];

    let dir = tempfile::tempdir().unwrap();
    let krate = dir.path().join("hostile");
    let runtime = workspace().join("runtime");
    let options = CrateOptions::for_products(
        &products,
        "hostile-sdk",
        RuntimeDependency::Path(runtime.to_string_lossy().into_owned()),
    );
    let mut files = crate_files(&products, &options).unwrap();
    // A standalone crate: not a member of any workspace above the temporary folder.
    let manifest = files.get_mut(Path::new("Cargo.toml")).unwrap();
    manifest.push_str("\n[workspace]\n");
    write::write_atomic(&krate, &files).unwrap();

    // Shared with the other tests that run cargo (`tests/tests/build_rs.rs`): dependencies compile once.
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("nested-target");
    let (ok, log) =
        cargo(&krate, &target, &["clippy", "--all-targets", "--quiet", "--", "-D", "warnings", "-D", "missing_docs"]);
    assert!(ok, "the hostile crate must build without warnings:\n{log}");
    let (ok, log) = cargo(&krate, &target, &["test", "--doc", "--quiet"]);
    assert!(ok, "doc tests of the hostile crate:\n{log}");
    let (ok, log) = cargo(&krate, &target, &["doc", "--no-deps", "--quiet"]);
    assert!(ok && !log.contains("warning"), "rustdoc of the hostile crate:\n{log}");
}
