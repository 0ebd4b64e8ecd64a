//! Hostile metadata: every case gives code that parses (and, in `hostile_compile`, compiles) or a
//! located error. Never a panic. The choice for each case is documented in `metadata/README.md`.

use codegen::check::check_file;
use codegen::model::{NamedType, Product, Type};
use codegen::{crate_files, CrateOptions, Diagnostic, RuntimeDependency};
use serde_json::{json, Value};
use std::path::Path;

/// A one-operation product around `parameters`, `responses` and `errorCodes`.
fn product(api: Value) -> Value {
    json!({
        "version": "1.0",
        "info": {"style": "RPC", "product": "Hostile", "version": "2024-01-01"},
        "components": {"schemas": {}},
        "apis": {"DoThing": api},
        "endpoints": []
    })
}

fn param(name: &str, schema: Value) -> Value {
    json!({"name": name, "in": "query", "schema": schema})
}

fn run(doc: &Value) -> (Option<Product>, Vec<Diagnostic>) {
    run_bytes(serde_json::to_string_pretty(doc).unwrap().as_bytes())
}

fn run_bytes(bytes: &[u8]) -> (Option<Product>, Vec<Diagnostic>) {
    check_file(Path::new("hostile.json"), bytes)
}

/// Checks, renders, and parses every file with syn: the code path of a real run.
fn renders(doc: &Value) -> Product {
    let (product, diags) = run(doc);
    let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "unexpected errors: {errors:#?}");
    let product = product.expect("a product");
    let options = CrateOptions::for_products(
        std::slice::from_ref(&product),
        "hostile",
        RuntimeDependency::Path("../runtime".into()),
    );
    let files = crate_files(std::slice::from_ref(&product), &options).expect("renders");
    for (path, text) in &files {
        if path.extension().is_some_and(|e| e == "rs") {
            syn::parse_file(text).unwrap_or_else(|e| panic!("{} does not parse: {e}\n{text}", path.display()));
        }
    }
    product
}

/// The single error of a run, which must sit at `pointer`.
fn error_at(doc: &Value, pointer: &str) -> Diagnostic {
    let (product, diags) = run(doc);
    assert!(product.is_none(), "an error means no product");
    let errors: Vec<_> = diags.into_iter().filter(|d| d.is_error()).collect();
    assert!(errors.iter().any(|d| d.pointer == pointer), "no error at {pointer}: {errors:#?}");
    errors.into_iter().find(|d| d.pointer == pointer).unwrap()
}

fn field_idents(p: &Product) -> Vec<String> {
    p.operations[0].request.fields.iter().map(|f| f.ident.clone()).collect()
}

#[test]
fn keywords_become_raw_or_suffixed_identifiers() {
    let params: Vec<Value> = ["type", "self", "Self", "crate", "super", "async", "r#x", "_"]
        .iter()
        .map(|n| param(n, json!({"type": "string"})))
        .collect();
    let p = renders(&product(json!({"parameters": params})));
    // `Self` follows the PascalCase convention, so it keeps the plain form; `self` names its spelling.
    assert_eq!(field_idents(&p), ["r#type", "self_lowercase", "self_", "crate_", "super_", "r#async", "r_x", "field"]);
}

#[test]
fn operations_named_like_keywords_still_compile() {
    let mut doc = product(json!({}));
    doc["apis"] = json!({"self": {}, "Self": {}, "type": {}, "crate": {}, "Runtime": {}});
    let p = renders(&doc);
    let modules: Vec<&str> = p.operations.iter().map(|o| o.module.as_str()).collect();
    assert_eq!(modules, ["runtime_api", "self_", "crate_", "self_2", "type_"]);
    let requests: Vec<&str> = p.operations.iter().map(|o| o.names.request.as_str()).collect();
    assert_eq!(requests, ["RuntimeRequest", "SelfRequest", "CrateRequest", "SelfRequest2", "TypeRequest"]);
}

#[test]
fn names_colliding_after_case_conversion_name_their_spelling() {
    let wires = ["RegionId", "regionId", "Region_Id", "region-id"];
    let expected = ["region_id", "region_id_camel_case", "region_id_separated", "region_id_separated_2"];
    // Every order of declaration gives every wire name the same Rust name.
    for order in [[0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2]] {
        let params: Vec<Value> = order.iter().map(|&i| param(wires[i], json!({"type": "string"}))).collect();
        let p = renders(&product(json!({"parameters": params})));
        let got: Vec<(String, String)> =
            p.operations[0].request.fields.iter().map(|f| (f.wire.clone(), f.ident.clone())).collect();
        let want: Vec<(String, String)> =
            order.iter().map(|&i| (wires[i].to_string(), expected[i].to_string())).collect();
        assert_eq!(got, want, "declared in order {order:?}");
    }

    let mut doc = product(json!({}));
    doc["apis"] = json!({"DeleteFlowlog": {}, "DeleteFlowLog": {}, "Delete_Flow_Log": {}});
    let p = renders(&doc);
    let methods: Vec<&str> = p.operations.iter().map(|o| o.names.method.as_str()).collect();
    // Operations are taken in byte order of their action names: `DeleteFlowLog`, `DeleteFlowlog`,
    // `Delete_Flow_Log`.
    assert_eq!(methods, ["delete_flow_log", "delete_flowlog", "delete_flow_log_2"]);
}

#[test]
fn odd_characters_in_names() {
    let params: Vec<Value> = ["3Times", "Tag.N.Key", "with space", "名称", "名字", "a-b", "-"]
        .iter()
        .map(|n| param(n, json!({"type": "string"})))
        .collect();
    let p = renders(&product(json!({"parameters": params})));
    assert_eq!(field_idents(&p), ["n_3times", "tag_n_key", "with_space", "u540d_u79f0", "u540d_u5b57", "a_b", "field"]);
    // An empty parameter name has nothing to send: a located error.
    let d = error_at(
        &product(json!({"parameters": [param(" ", json!({"type": "string"}))]})),
        "/apis/DoThing/parameters/0/name",
    );
    assert!(d.message.contains("empty"));
    // An empty property name is skipped with a warning.
    let obj = json!({"type": "object", "properties": {"": {"type": "string"}, "A": {"type": "string"}}});
    let p = renders(&product(json!({"parameters": [param("O", obj)]})));
    let NamedType::Struct(s) = &p.shapes[0].def else { panic!("a struct") };
    assert_eq!(s.fields.len(), 1);
}

#[test]
fn value_sets_that_collide_are_empty_blank_or_mixed() {
    let schema = json!({"type": "string", "enum": ["a-b", "a_b", "A B", "", " ", "Unknown", 1, true, "1:4096"]});
    let p = renders(&product(json!({"parameters": [param("Mode", schema)]})));
    let NamedType::Enum(e) = &p.shapes[0].def else { panic!("an enum") };
    let idents: Vec<&str> = e.variants.iter().map(|v| v.ident.as_str()).collect();
    assert_eq!(
        idents,
        ["ABSeparated", "ABSeparated2", "AB", "Empty", "EmptySeparated", "Unknown", "V1", "True", "V14096"]
    );
    assert_eq!(e.unknown_variant, "Unknown2", "the catch-all never takes a documented value's name");

    let (product_, diags) =
        run(&product(json!({"parameters": [param("Mode", json!({"type": "string", "enum": []}))]})));
    assert!(diags.iter().any(|d| d.pointer == "/apis/DoThing/parameters/0/schema/enum" && !d.is_error()));
    assert_eq!(product_.unwrap().operations[0].request.fields[0].ty, Type::String, "an empty enum is free text");
}

#[test]
fn error_codes_twice_empty_or_differing_in_dots() {
    let p = renders(&product(json!({"errorCodes": {
        "400": [{"errorCode": "Bad.Thing"}, {"errorCode": ""}, {"errorCode": "BadThing"}, {"errorCode": "Unhandled"}],
        "404": [{"errorCode": "Bad.Thing"}, {"errorCode": "Missing.%s"}]
    }})));
    let errors = &p.operations[0].errors;
    let pairs: Vec<(&str, &str, Vec<u16>)> =
        errors.iter().map(|e| (e.code.as_str(), e.variant.as_str(), e.statuses.clone())).collect();
    assert_eq!(
        pairs,
        [
            ("Bad.Thing", "BadThing", vec![400, 404]),
            ("BadThing", "BadThing2", vec![400]),
            ("Unhandled", "Unhandled2", vec![400]),
            ("Missing.%s", "Missing", vec![404]),
        ]
    );
}

#[test]
fn hostile_descriptions_stay_comments() {
    let nasty = "*/ \"quoted\" \u{0} \r\n<script>alert(1)</script>\n```\nfn main() { std::process::exit(1) }\n```\n    indented();\n[link]\n";
    let long = "x".repeat(20_000);
    let doc = product(json!({
        "summary": nasty,
        "description": long,
        "parameters": [param("A", json!({"type": "string", "description": nasty}))]
    }));
    renders(&doc);
}

#[test]
fn nonsense_constraints_are_located_errors() {
    let cases = [
        (json!({"type": "string", "minLength": 5, "maxLength": 2}), "minLength"),
        (json!({"type": "integer", "minimum": "10", "maximum": "1"}), "minimum"),
        (json!({"type": "string", "pattern": "("}), "pattern"),
        (json!({"type": "integer", "maximum": "NaN"}), "maximum"),
        (json!({"type": "array", "items": {"type": "string"}, "minItems": 3, "maxItems": 1}), "minItems"),
        (json!({"type": "string", "maxLength": "many"}), "maxLength"),
    ];
    for (schema, key) in cases {
        let d = error_at(
            &product(json!({"parameters": [param("P", schema)]})),
            &format!("/apis/DoThing/parameters/0/schema/{key}"),
        );
        assert!(d.help.is_some() || !d.message.is_empty());
    }
}

#[test]
fn constraints_the_engine_cannot_check_are_warnings() {
    for schema in [
        json!({"type": "string", "pattern": "^(?!abc).*$"}),
        json!({"type": "string", "maxLength": -1}),
        json!({"type": "integer", "maximum": "99999999999999999999999"}),
        json!({"type": "integer", "enum": [1, "two"]}),
    ] {
        let p = renders(&product(json!({"parameters": [param("P", schema.clone())]})));
        let c = &p.operations[0].request.fields[0].constraints;
        assert!(
            c.pattern.is_none() && c.max_length.is_none() && c.maximum.is_none() && c.int_values.is_empty(),
            "{schema}"
        );
    }
}

/// A reference to a schema the file does not hold (the published OSS file has 78) is a warning:
/// the value is text where the wire carries text, untyped JSON elsewhere.
#[test]
fn missing_and_cyclic_refs() {
    let nope = json!({"$ref": "#/components/schemas/Nope"});
    let mut body = param("B", json!({"type": "object", "properties": {"Inner": nope.clone()}}));
    body["in"] = json!("body");
    let mut doc = product(json!({"parameters": [param("P", nope.clone()), body]}));
    let (_, diags) = run(&doc);
    let at: Vec<&str> = diags.iter().map(|d| d.pointer.as_str()).collect();
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:#?}");
    assert_eq!(
        at,
        ["/apis/DoThing/parameters/0/schema/$ref", "/apis/DoThing/parameters/1/schema/properties/Inner/$ref"]
    );
    assert!(diags[0].message.contains("names no schema in `components.schemas`; this value is kept as untyped JSON"));
    let p = renders(&doc);
    assert_eq!(p.operations[0].request.fields[0].ty, Type::String, "a query value is text");
    let NamedType::Struct(b) = &p.shapes[0].def else { panic!("a struct") };
    assert_eq!(b.fields[0].ty, Type::Any, "inside a body: untyped JSON");

    doc["components"]["schemas"] = json!({
        "Node": {"type": "object", "properties": {"Name": {"type": "string"}, "Child": {"$ref": "#/components/schemas/Node"}}}
    });
    doc["apis"]["DoThing"]["parameters"] = json!([param("P", json!({"$ref": "#/components/schemas/Node"}))]);
    let p = renders(&doc);
    let NamedType::Struct(node) = &p.shapes[0].def else { panic!("a struct") };
    assert_eq!(node.fields[1].ty, Type::Any, "the cycle is cut as untyped JSON");
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    let mut schema = json!({"type": "string"});
    for _ in 0..60 {
        schema = json!({"type": "object", "properties": {"N": schema}});
    }
    let (product_, diags) = run(&product(json!({"parameters": [param("P", schema)]})));
    assert!(product_.is_none());
    assert!(diags.iter().any(|d| d.is_error() && d.message.contains("nested more than")), "{diags:#?}");

    let mut deep = String::new();
    for _ in 0..10_000 {
        deep.push('[');
    }
    let (product_, diags) = run_bytes(deep.as_bytes());
    assert!(product_.is_none());
    assert!(diags[0].message.contains("not valid JSON"), "{diags:#?}");
}

#[test]
fn broken_files() {
    let cases: [(&[u8], &str); 6] = [
        (b"", "the file is empty"),
        (b"\xEF\xBB\xBF  ", "the file is empty"),
        (b"{\"info\": \xFF}", "not valid UTF-8"),
        (b"{\"info\": {", "not valid JSON"),
        (b"{\"info\": {\"style\": NaN}}", "not valid JSON"),
        (b"[1, 2]", "top level must be a JSON object"),
    ];
    for (bytes, message) in cases {
        let (product_, diags) = run_bytes(bytes);
        assert!(product_.is_none());
        assert!(diags.iter().any(|d| d.is_error() && d.message.contains(message)), "{message}: {diags:#?}");
    }
    // A BOM before valid JSON is accepted.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(serde_json::to_vec(&product(json!({}))).unwrap());
    assert!(run_bytes(&bom).0.is_some());
    // Duplicate keys are an error at the second one.
    let dup = br#"{"info": {"style": "RPC", "product": "A", "product": "B", "version": "1"}, "apis": {}}"#;
    let (product_, diags) = run_bytes(dup);
    assert!(product_.is_none());
    assert!(diags.iter().any(|d| d.pointer == "/info/product" && d.message.contains("twice")), "{diags:#?}");
}

#[test]
fn huge_operations_and_products() {
    let params: Vec<Value> =
        (0..3000).map(|i| param(&format!("P{i}"), json!({"type": "string", "maxLength": 10}))).collect();
    let p = renders(&product(json!({"parameters": params})));
    assert_eq!(p.operations[0].request.fields.len(), 3000);

    let mut doc = product(json!({}));
    let apis: serde_json::Map<String, Value> = (0..3000).map(|i| (format!("Op{i}"), json!({}))).collect();
    doc["apis"] = Value::Object(apis);
    let (p, diags) = run(&doc);
    assert!(diags.is_empty());
    assert_eq!(p.unwrap().operations.len(), 3000);
}

/// Issue 16: every class of hidden character in every field with a shape is refused at that field's
/// pointer, with the value shown escaped; a tab inside an error code is only a warning (real
/// products have one).
#[test]
fn fields_with_a_shape_refuse_hidden_characters_at_their_pointer() {
    let classes = [
        '\u{0}',
        '\t',
        '\r',
        '\n',
        '\u{1b}',
        '\u{7f}',
        '\u{85}',
        '\u{ad}',
        '\u{61c}',
        '\u{200b}',
        '\u{200e}',
        '\u{202a}',
        '\u{202e}',
        '\u{2028}',
        '\u{2029}',
        '\u{2066}',
        '\u{2069}',
        '\u{feff}',
        '\u{ffff}',
        '\u{e0041}',
    ];
    type Set = fn(&mut Value, &str);
    let paths: [(&str, Set, &str); 7] = [
        ("product", |d, v| d["info"]["product"] = json!(v), "/info/product"),
        ("version", |d, v| d["info"]["version"] = json!(v), "/info/version"),
        ("action", |d, v| d["apis"] = json!({ v: {} }), "/apis/{}"),
        ("region", |d, v| d["endpoints"] = json!([{"regionId": v, "endpoint": "a.example"}]), "/endpoints/0/regionId"),
        ("endpoint", |d, v| d["endpoints"] = json!([{"regionId": "cn-x", "endpoint": v}]), "/endpoints/0/endpoint"),
        (
            "error code",
            |d, v| d["apis"]["DoThing"]["errorCodes"] = json!({"400": [{"errorCode": v}]}),
            "/apis/DoThing/errorCodes/400/0/errorCode",
        ),
        (
            "parameter name",
            |d, v| d["apis"]["DoThing"]["parameters"] = json!([param(v, json!({"type": "string"}))]),
            "/apis/DoThing/parameters/0/name",
        ),
    ];
    for c in classes {
        for (what, set, pointer) in paths {
            let value = format!("Ab{c}c");
            let mut doc = product(json!({}));
            set(&mut doc, &value);
            let pointer = pointer.replace("{}", &value);
            let (p, diags) = run(&doc);
            let d = diags
                .iter()
                .find(|d| d.pointer == pointer)
                .unwrap_or_else(|| panic!("{what} with U+{:04X}: nothing at {pointer}: {diags:#?}", c as u32));
            let warning_only = c == '\t' && what == "error code";
            assert_eq!(d.is_error(), !warning_only, "{what} with U+{:04X}: {d}", c as u32);
            assert_eq!(p.is_some(), warning_only, "{what} with U+{:04X}", c as u32);
            // The message shows the value as a Rust literal: the hidden character is an escape.
            let shown = codegen::emit::lit::str(&value).to_string();
            assert!(d.message.contains(&shown), "{what}: {} lacks {shown}", d.message);
            assert!(!d.message.contains(c), "{what}: the message holds U+{:04X}", c as u32);
            let rendered = d.to_string();
            assert!(c == '\n' || !rendered.contains(c), "{what}: the rendered diagnostic holds U+{:04X}", c as u32);
            assert_eq!(rendered.lines().count(), 3 + usize::from(d.help.is_some()), "{rendered}");
        }
    }
}
