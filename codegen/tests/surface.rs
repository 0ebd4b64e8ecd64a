//! The type surface of a product: shapes collected per product, deduplicated structurally, named
//! without regard to declaration order, placed in the module that emits them; the envelope; and
//! what the model decides for each field (rules, setters, case variants).

use codegen::check::check_file;
use codegen::model::{Home, NamedType, Naming, Product, Role, Rule, Shape, Type};
use codegen::{crate_files, CrateOptions, RuntimeDependency};
use serde_json::{json, Value};
use std::path::Path;

fn product(apis: Value) -> Value {
    json!({
        "info": {"style": "RPC", "product": "Shop", "version": "2024-01-01"},
        "apis": apis,
        "endpoints": []
    })
}

fn check(doc: &Value) -> Product {
    let (product, diags) = check_file(Path::new("shop.json"), serde_json::to_string(doc).unwrap().as_bytes());
    let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "unexpected errors: {errors:#?}");
    product.expect("a product")
}

fn files(p: &Product) -> codegen::write::Files {
    let options =
        CrateOptions::for_products(std::slice::from_ref(p), "shop", RuntimeDependency::Path("../runtime".into()));
    crate_files(std::slice::from_ref(p), &options).expect("renders")
}

fn tag_items(key_max: u64) -> Value {
    json!({"type": "array", "items": {"type": "object", "properties": {
        "Key": {"type": "string", "maxLength": key_max},
        "Value": {"type": "string"}
    }}})
}

fn param(name: &str, schema: Value) -> Value {
    json!({"name": name, "in": "query", "schema": schema})
}

fn ok(props: Value) -> Value {
    json!({"200": {"schema": {"type": "object", "properties": props}}})
}

fn shape<'a>(p: &'a Product, name: &str) -> &'a Shape {
    p.shape(name).unwrap_or_else(|| {
        panic!("no shape `{name}`; shapes: {:?}", p.shapes.iter().map(Shape::name).collect::<Vec<_>>())
    })
}

#[test]
fn identical_shapes_across_operations_are_one_shared_type() {
    let p = check(&product(json!({
        "CreateThing": {"parameters": [param("Tag", tag_items(128))]},
        "TagThing": {"parameters": [param("Tags", tag_items(128))]},
    })));
    // `Tag` items and `Tags` items (in singular) are the same shape: one type, shared.
    assert_eq!(p.shapes.len(), 1);
    let tag = shape(&p, "Tag");
    assert_eq!(tag.home, Home::Shared);
    assert_eq!(tag.operations, ["CreateThing", "TagThing"]);
    assert_eq!(tag.naming, Naming::Plain);
    for op in &p.operations {
        assert_eq!(op.request.fields[0].ty, Type::List(Box::new(Type::Struct("Tag".into()))));
    }
    let files = files(&p);
    let types = files.get(Path::new("src/shop/types.rs")).expect("a types module");
    assert_eq!(types.matches("pub struct Tag {").count(), 1);
    let root = &files[Path::new("src/shop/mod.rs")];
    assert!(root.contains("pub use types::Tag;"), "{root}");
    assert!(!files[Path::new("src/shop/create_thing.rs")].contains("pub struct Tag"));
}

#[test]
fn different_shapes_with_one_name_get_role_names() {
    let p = check(&product(json!({
        // Two operations send the 128-character tag: it is the most used input, so it is `Tag`.
        "CreateThing": {"parameters": [param("Tag", tag_items(128))]},
        "TagThing": {"parameters": [param("Tag", tag_items(128))]},
        // A third sends tags with another limit: named after its owner.
        "LabelThing": {"parameters": [param("Tag", tag_items(64))]},
        // A response lists things with their tags in Alibaba's wrapper form.
        "ListThings": {"responses": ok(json!({
            "Things": {"type": "object", "properties": {"Thing": {"type": "array", "items": {
                "type": "object", "properties": {
                    "Name": {"type": "string"},
                    "Tags": {"type": "object", "properties": {"Tag": {"type": "array", "items": {
                        "type": "object", "properties": {"Key": {"type": "string"}, "Value": {"type": "string"}}
                    }}}}
                }
            }}}}
        }))},
    })));
    let names: Vec<&str> = p.shapes.iter().map(Shape::name).collect();
    assert_eq!(names, ["LabelThingTag", "Tag", "Tags", "Thing", "ThingTag", "Things"]);
    assert_eq!(shape(&p, "Tag").operations, ["CreateThing", "TagThing"]);
    assert_eq!(shape(&p, "LabelThingTag").naming, Naming::Role { plain: "Tag".into() });
    assert_eq!(shape(&p, "LabelThingTag").home, Home::Operation("label_thing".into()));
    // The `Tags` wrapper holding the response's tags is skipped: they are a `Thing`'s tags.
    assert_eq!(shape(&p, "ThingTag").naming, Naming::Role { plain: "Tag".into() });
    assert_eq!(shape(&p, "Thing").home, Home::Operation("list_things".into()));
    let NamedType::Struct(thing_tag) = &shape(&p, "ThingTag").def else { panic!("a struct") };
    assert_eq!(thing_tag.role, Role::Output);
    // Root re-exports name every type, wherever it is emitted.
    let root = &files(&p)[Path::new("src/shop/mod.rs")];
    assert!(root.contains("LabelThingTag"), "{root}");
    assert!(root.contains("ThingTag"), "{root}");
}

#[test]
fn a_tie_gives_the_plain_name_to_none() {
    let p = check(&product(json!({
        "A": {"parameters": [param("Tag", tag_items(128))]},
        "B": {"parameters": [param("Tag", tag_items(64))]},
    })));
    let names: Vec<&str> = p.shapes.iter().map(Shape::name).collect();
    assert_eq!(names, ["ATag", "BTag"]);
}

#[test]
fn a_shape_sent_and_received_derives_both() {
    let thing = json!({"type": "object", "properties": {"Name": {"type": "string"}, "Size": {"type": "integer"}}});
    let p = check(&product(json!({
        "PutThing": {"parameters": [param("Thing", thing.clone())]},
        "GetThing": {"responses": ok(json!({"Thing": thing}))},
    })));
    let NamedType::Struct(s) = &shape(&p, "Thing").def else { panic!("a struct") };
    assert_eq!(s.role, Role::Both);
    let types = &files(&p)[Path::new("src/shop/types.rs")];
    // Checked (it is sent), written to the wire by its wire names, and read back by them.
    assert!(types.contains("#[derive(Debug, Clone, Default, PartialEq, Validate)]"), "{types}");
    assert!(types.contains("impl alibabacloud_runtime::encode::WireValue for Thing {"), "{types}");
    assert!(types.contains("visitor.object(&[(\"Name\", &self.name), (\"Size\", &self.size)]);"), "{types}");
    assert!(types.contains("impl alibabacloud_runtime::de::Object for Thing {"), "{types}");
    assert!(types.contains("\"Size\" => alibabacloud_runtime::de::field(&mut self.size, value),"), "{types}");
    // No rule on a field, no attribute.
    assert!(!types.contains("#[validate("), "{types}");
}

/// ECS `DescribeSnapshots` documents `Tag.N.key` "for compatibility" beside `Tag.N.Key`.
fn ecs_tag(lower_first: bool) -> Value {
    let lower = (
        "key",
        json!({"type": "string", "description": "资源的标签键。\n\n>为提高兼容性，建议您尽量使用Tag.N.Key参数。"}),
    );
    let upper = ("Key", json!({"type": "string", "description": "快照的标签键。"}));
    let lower_v = ("value", json!({"type": "string", "description": "为提高兼容性，建议您尽量使用Tag.N.Value参数。"}));
    let upper_v = ("Value", json!({"type": "string", "description": "快照的标签值。"}));
    let order = if lower_first { [lower, upper, upper_v, lower_v] } else { [upper, lower, lower_v, upper_v] };
    let props: serde_json::Map<String, Value> = order.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    product(json!({"DescribeSnapshots": {"parameters": [{
        "name": "Tag", "in": "query", "style": "repeatList",
        "schema": {"type": "array", "items": {"type": "object", "properties": props}}
    }]}}))
}

#[test]
fn case_variants_are_named_the_same_in_either_order() {
    let names = |lower_first: bool| {
        let p = check(&ecs_tag(lower_first));
        let NamedType::Struct(tag) = &shape(&p, "Tag").def else { panic!("a struct") };
        let mut fields: Vec<(String, String, Option<bool>)> = tag
            .fields
            .iter()
            .map(|f| (f.wire.clone(), f.ident.clone(), f.case_variant.as_ref().map(|v| v.deprecated)))
            .collect();
        fields.sort();
        fields
    };
    let first = names(true);
    assert_eq!(first, names(false));
    assert_eq!(
        first,
        [
            ("Key".to_string(), "key".to_string(), None),
            ("Value".into(), "value".into(), None),
            ("key".into(), "key_lowercase".into(), Some(true)),
            ("value".into(), "value_lowercase".into(), Some(true)),
        ]
    );
    let tag = &files(&check(&ecs_tag(true)))[Path::new("src/shop/describe_snapshots.rs")];
    assert!(
        tag.contains(
            "#[deprecated = \"the API prefers `Key` (field `key`) and keeps this spelling for compatibility\"]"
        ),
        "{tag}"
    );
}

#[test]
fn the_envelope_replaces_common_response_fields() {
    let p = check(&product(json!({"GetThing": {"responses": ok(json!({
        "RequestId": {"type": "string"},
        "Success": {"type": "string"},
        "Code": {"type": "object", "properties": {"Id": {"type": "string"}}},
        "Name": {"type": "string"}
    }))}})));
    let wires: Vec<&str> = p.operations[0].response.fields.iter().map(|f| f.wire.as_str()).collect();
    // `Code` here is an object, not the envelope's scalar: it keeps its own field.
    assert_eq!(wires, ["Code", "Name"]);
    let op = &files(&p)[Path::new("src/shop/get_thing.rs")];
    assert!(op.contains("pub envelope: alibabacloud_runtime::Envelope,"), "{op}");
    // Its own `Code` is read first; every other member is offered to the envelope.
    assert!(op.contains("\"Code\" => alibabacloud_runtime::de::field(&mut self.code, value),"), "{op}");
    assert!(op.contains("_ => alibabacloud_runtime::de::Object::field(&mut self.envelope, name, value),"), "{op}");
}

#[test]
fn the_model_decides_rules_and_setters() {
    let p = check(&product(json!({"PutThing": {"parameters": [
        {"name": "Name", "in": "query", "required": true, "schema": {"type": "string", "minLength": 3, "maxLength": 63}},
        {"name": "Labels", "in": "query", "required": true, "schema": {"type": "object", "additionalProperties": {"type": "string"}}},
        {"name": "Mode", "in": "query", "schema": {"type": "string", "enum": ["on", "off"], "maxLength": 3}},
        {"name": "Build", "in": "query", "schema": {"type": "string"}}
    ]}})));
    let fields = &p.operations[0].request.fields;
    assert_eq!(fields[0].rules, [Rule::Required, Rule::Length { min: Some(3), max: Some(63) }]);
    // A map is never checked for being set, and says why.
    assert_eq!(fields[1].rules, []);
    assert_eq!(fields[1].dropped[0].rule, "required");
    // A value set is limited by its values; its text rule is documented as unchecked.
    assert_eq!(fields[2].rules, [Rule::Known]);
    assert_eq!(fields[2].dropped[0].rule, "at most 3 characters");
    // `build` is the builder's own method.
    assert_eq!(fields[3].setter.name, "set_build");
    let op = &files(&p)[Path::new("src/shop/put_thing.rs")];
    assert!(op.contains("/// Checked by `build()`: required; 3 to 63 characters."), "{op}");
    assert!(op.contains("pub fn set_build(mut self, value: impl Into<String>) -> Self"), "{op}");
}

#[test]
fn filtering_operations_keeps_names_and_moves_shapes_home() {
    let mut p = check(&product(json!({
        "CreateThing": {"parameters": [param("Tag", tag_items(128))]},
        "TagThing": {"parameters": [param("Tag", tag_items(128))]},
        "LabelThing": {"parameters": [param("Tag", tag_items(64))]},
    })));
    p.retain_operations(|o| o.action == "LabelThing" || o.action == "TagThing");
    let names: Vec<&str> = p.shapes.iter().map(Shape::name).collect();
    // `Tag` keeps its name although `LabelThingTag` is now as used as it.
    assert_eq!(names, ["LabelThingTag", "Tag"]);
    assert_eq!(shape(&p, "Tag").operations, ["TagThing"]);
    assert_eq!(shape(&p, "Tag").home, Home::Operation("tag_thing".into()));
    p.retain_operations(|o| o.action == "TagThing");
    assert_eq!(p.shapes.iter().map(Shape::name).collect::<Vec<_>>(), ["Tag"]);
    assert!(!files(&p).contains_key(Path::new("src/shop/types.rs")), "nothing is shared any more");
}

#[test]
fn same_shape_under_another_name_stays_its_own_type() {
    let rules = json!({"type": "array", "items": {"type": "object", "properties": {"Port": {"type": "integer"}}}});
    let p = check(&product(json!({
        "CreateFilter": {"parameters": [param("IngressRules", rules.clone()), param("EgressRules", rules)]},
    })));
    // One shape, two names: each list's items read as what they are.
    let names: Vec<&str> = p.shapes.iter().map(Shape::name).collect();
    assert_eq!(names, ["EgressRule", "IngressRule"]);
    let tys: Vec<&Type> = p.operations[0].request.fields.iter().map(|f| &f.ty).collect();
    assert_eq!(
        tys,
        [
            &Type::List(Box::new(Type::Struct("IngressRule".into()))),
            &Type::List(Box::new(Type::Struct("EgressRule".into())))
        ]
    );
}

/// The generated `Encode` lists the request's fields in order, and the runtime pairs the i-th
/// value with `OPERATION.params[i]`: so the i-th field must carry the i-th parameter's wire name.
/// Checked on the project's metadata and, when it is there, on VPC and ECS of the corpus.
#[test]
fn every_request_field_sits_at_its_parameter() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(root.join("metadata"))
        .expect("metadata/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    let corpus = root.join("../shared/corpus/alibaba-api-docs-2024-07");
    for stem in ["vpc_2016-04-28", "ecs_2014-05-26"] {
        let path = corpus.join(format!("{stem}.json"));
        if path.is_file() {
            files.push(path);
        } else {
            eprintln!("skipped {stem}: {} is absent", path.display());
        }
    }
    let mut checked = 0;
    for path in files {
        let bytes = std::fs::read(&path).expect("readable");
        let (product, _) = check_file(&path, &bytes);
        for op in &product.expect("a product").operations {
            let params: Vec<&str> = op.params.iter().map(|p| p.name.as_str()).collect();
            let fields: Vec<&str> = op.request.fields.iter().map(|f| f.wire.as_str()).collect();
            assert_eq!(params, fields, "{} of {}", op.action, path.display());
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} operations checked");
}
