//! The hostile cases of `hostile.rs`, all in one product, and every class of hostile character
//! (issue 16) on every path of a second product, generated into one real crate and built: the code
//! compiles with no warning under clippy `-D warnings`, documents every public item, and
//! `cargo test --doc` passes (no metadata text became a doctest that runs).

use codegen::check::check_file;
use codegen::emit::text::lexical;
use codegen::model::{NamedType, Product};
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

/// One character of each hostile class: controls, bidi controls, invisible format characters,
/// separators, noncharacters, and what ends comments and literals.
const CLASSES: &[&str] = &[
    "\u{0}",
    "\u{7}",
    "\t",
    "\r",
    "\r\n",
    "\u{b}",
    "\u{1b}",
    "\u{7f}",
    "\u{85}",
    "\u{9b}",
    "\u{ad}",
    "\u{61c}",
    "\u{200b}",
    "\u{200d}",
    "\u{200e}",
    "\u{200f}",
    "\u{202a}",
    "\u{202b}",
    "\u{202c}",
    "\u{202d}",
    "\u{202e}",
    "\u{2028}",
    "\u{2029}",
    "\u{2060}",
    "\u{2066}",
    "\u{2067}",
    "\u{2068}",
    "\u{2069}",
    "\u{feff}",
    "\u{fff9}",
    "\u{ffff}",
    "\u{e0041}",
    "*/",
    "/*",
    "\"#",
    "`",
    "&#x202E;",
];

/// Every class on every free-text path the checker lets through: titles, summaries, descriptions,
/// examples, defaults, enum values and titles, patterns, error messages and descriptions, property
/// names. (Fields with a shape are refused with these characters; `hostile.rs` checks that, and
/// [`with_hostile_shapes`] puts them into the model behind the checker's back.)
fn texts_product() -> Value {
    let mut params = Vec::new();
    let mut props = serde_json::Map::new();
    let mut errors = Vec::new();
    for (i, c) in CLASSES.iter().enumerate() {
        let t = |what: &str| format!("{what} {i} a{c}b");
        params.push(json!({"name": format!("P{i}"), "in": "query", "schema": {
            "type": "string", "title": t("title"), "description": t("description"), "example": t("example"),
            "default": t("default"), "enum": [t("value"), format!("plain{i}")], "enumValueTitles": {t("value"): t("value title")}
        }}));
        params.push(json!({"name": format!("Q{i}"), "in": "query", "schema": {
            "type": "string", "description": t("d"), "pattern": format!("^(a{}b)?$", regex::escape(c))
        }}));
        props.insert(format!("R{c}{i}"), json!({"type": "string", "description": t("property")}));
        errors.push(json!({"errorCode": format!("E.{i}"), "errorMessage": t("message"), "description": t("error")}));
    }
    let all: String = CLASSES.concat();
    json!({
        "info": {"style": "RPC", "product": "Texts", "version": "2024-01-01", "x-rust-module": "texts"},
        "apis": {"DoText": {
            "title": format!("title {all}"), "summary": format!("summary {all}"), "description": format!("description {all}"),
            "parameters": params,
            "responses": {"200": {"schema": {"type": "object", "properties": props}}},
            "errorCodes": {"400": errors}
        }},
        "endpoints": [{"regionId": "cn-hangzhou", "endpoint": "texts.cn-hangzhou.aliyuncs.com"}]
    })
}

/// The emitters are total on their own: product code, version, endpoints, regions, action, error
/// codes and parameter wire names get every class too, in the model, where no checker stands.
fn with_hostile_shapes(mut p: Product) -> Product {
    let all: String = CLASSES.concat();
    p.code = format!("Texts{all}");
    p.version = format!("2024-01-01{all}");
    p.endpoints = CLASSES.iter().enumerate().map(|(i, c)| (format!("r{i}{c}"), format!("h{i}{c}.example"))).collect();
    let op = &mut p.operations[0];
    op.action = format!("DoText{all}");
    for (i, e) in op.errors.iter_mut().enumerate() {
        e.code = format!("E.{i}{}", CLASSES[i % CLASSES.len()]);
    }
    for (i, (f, placement)) in op.request.fields.iter_mut().zip(&mut op.params).enumerate() {
        f.wire = format!("{}{}", f.wire, CLASSES[i / 2]);
        placement.name = f.wire.clone();
    }
    for shape in &mut p.shapes {
        if let NamedType::Enum(e) = &mut shape.def {
            e.docs.description = Some(format!("enum {all}"));
        }
    }
    p
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
    let doc = serde_json::to_vec_pretty(&texts_product()).unwrap();
    let (texts, diags) = check_file(Path::new("texts.json"), &doc);
    let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let products = [product.expect("accepted"), with_hostile_shapes(texts.expect("accepted"))];

    let dir = tempfile::tempdir().unwrap();
    let krate = dir.path().join("hostile");
    let runtime = workspace().join("runtime");
    let options = CrateOptions::for_products(
        &products,
        "hostile-sdk",
        RuntimeDependency::Path(runtime.to_string_lossy().into_owned()),
    );
    let mut files = crate_files(&products, &options).unwrap();
    for (path, text) in &files {
        if path.extension().is_some_and(|e| e == "rs") {
            assert_eq!(lexical::check(text), [], "{}", path.display());
        }
    }
    // Every class reached the generated code, as a marker in docs and an escape in literals.
    let op = &files[Path::new("src/texts/do_text.rs")];
    for c in ["{U+202E}", "{U+2066}", "{U+0000}", "{U+2028}", "{U+E0041}", "\\u{202e}", "\\u{2028}", "&amp;#x202E;"] {
        assert!(op.contains(c), "{c} missing from do_text.rs");
    }
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
