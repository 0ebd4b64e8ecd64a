//! `codegen::diff` on small hand-made metadata pairs: one test per kind of change, with its exact
//! place, kind and impact; and the differences that must count as nothing.

use codegen::diff::{
    self, report::ImpactCounts, Bump, Change, ChangeKind, Direction, Impact, Options, Part, ProductDiff,
};
use serde_json::{json, Value};
use std::path::Path;

fn check(v: &Value) -> codegen::model::Product {
    let bytes = serde_json::to_vec_pretty(v).unwrap();
    let (product, diags) = codegen::check::check_file(Path::new("test.json"), &bytes);
    product.unwrap_or_else(|| panic!("metadata must check: {diags:?}"))
}

fn check_text(text: &str) -> codegen::model::Product {
    let (product, diags) = codegen::check::check_file(Path::new("test.json"), text.as_bytes());
    product.unwrap_or_else(|| panic!("metadata must check: {diags:?}"))
}

fn options() -> Options {
    Options { current_version: Some("1.2.3".parse().unwrap()), list_docs: true }
}

fn diff(old: &Value, new: &Value) -> ProductDiff {
    diff::diff_products(&check(old), &check(new), &options()).products.remove(0)
}

/// A product with the given operations.
fn product(apis: Value) -> Value {
    json!({
        "info": {"style": "RPC", "product": "Demo", "version": "2024-01-01"},
        "apis": apis,
        "endpoints": [{"regionId": "cn-hangzhou", "endpoint": "demo.cn-hangzhou.aliyuncs.com"}]
    })
}

/// A product with one operation `CreateThing` and these parameters and response fields.
fn thing(params: Value, response: Value) -> Value {
    product(json!({
        "CreateThing": {
            "parameters": params,
            "responses": {"200": {"schema": {"type": "object", "properties": response}}}
        }
    }))
}

fn param(name: &str, schema: Value) -> Value {
    json!({"name": name, "in": "query", "schema": schema})
}

fn string() -> Value {
    json!({"type": "string"})
}

/// The one change of a diff (documentation aside).
fn only(d: &ProductDiff) -> &Change {
    assert_eq!(d.changes.len(), 1, "expected one change, found {:#?}", d.changes);
    &d.changes[0]
}

fn summary(c: &Change) -> (Impact, Option<&str>, Part, &str) {
    (c.impact, c.operation.as_deref(), c.part, c.path.as_str())
}

#[test]
fn key_order_numbers_as_text_and_reworded_docs_are_no_api_change() {
    let old = r#"{
      "info": {"style": "RPC", "product": "Demo", "version": "2024-01-01"},
      "apis": {
        "CreateThing": {
          "summary": "Creates a thing.",
          "parameters": [
            {"name": "Name", "in": "query", "schema": {"type": "string", "description": "The name.", "maxLength": 128, "required": true, "example": "abc"}},
            {"name": "Size", "in": "query", "schema": {"type": "integer", "format": "int32", "minimum": "1", "maximum": "50", "enum": ["5", "10"], "default": "5"}},
            {"name": "Mode", "in": "query", "schema": {"type": "string", "enum": ["Fast", "Slow"], "description": "Mode."}}
          ],
          "responses": {"200": {"schema": {"type": "object", "properties": {
            "RequestId": {"type": "string", "description": "Request id."},
            "Count": {"type": "integer", "example": "3"}
          }}}},
          "errorCodes": {"400": [{"errorCode": "Bad.Name", "errorMessage": "The name is bad."}, {"errorCode": "Bad.Size", "errorMessage": "Too big."}]}
        },
        "DeleteThing": {"parameters": [{"name": "Id", "in": "query", "schema": {"type": "string", "required": true}}]}
      },
      "endpoints": [{"regionId": "cn-hangzhou", "endpoint": "demo.cn-hangzhou.aliyuncs.com"}, {"regionId": "cn-beijing", "endpoint": "demo.cn-beijing.aliyuncs.com"}]
    }"#;
    // Every key in another order, numbers as numbers, descriptions reworded, a field's example as a
    // number, parameters, properties, values, codes, operations and endpoints reordered.
    let new = r#"{
      "endpoints": [{"endpoint": "demo.cn-beijing.aliyuncs.com", "regionId": "cn-beijing"}, {"endpoint": "demo.cn-hangzhou.aliyuncs.com", "regionId": "cn-hangzhou"}],
      "apis": {
        "DeleteThing": {"parameters": [{"schema": {"required": true, "type": "string"}, "in": "query", "name": "Id"}]},
        "CreateThing": {
          "errorCodes": {"400": [{"errorMessage": "Way too big.", "errorCode": "Bad.Size"}, {"errorCode": "Bad.Name", "errorMessage": "The name is bad."}]},
          "responses": {"200": {"schema": {"properties": {
            "Count": {"example": 3, "type": "integer"},
            "RequestId": {"description": "The id of the request.", "type": "string"}
          }, "type": "object"}}},
          "parameters": [
            {"in": "query", "name": "Size", "schema": {"default": "5", "enum": [10, 5], "maximum": 50, "minimum": 1, "format": "int32", "type": "integer"}},
            {"name": "Mode", "in": "query", "schema": {"description": "How fast.", "enum": ["Slow", "Fast"], "type": "string"}},
            {"name": "Name", "in": "query", "schema": {"required": true, "maxLength": "128", "description": "The thing's name.", "type": "string", "example": "abc"}}
          ],
          "summary": "Creates one thing."
        }
      },
      "info": {"version": "2024-01-01", "product": "Demo", "style": "RPC"}
    }"#;
    let report = diff::diff_products(&check_text(old), &check_text(new), &options());
    let d = &report.products[0];
    assert_eq!(d.changes, Vec::<Change>::new());
    let docs: Vec<(Option<&str>, Part, &str, String)> =
        d.docs.iter().map(|c| (c.operation.as_deref(), c.part, c.path.as_str(), c.summary.clone())).collect();
    let texts = |t: &str| format!("documentation changed: {t}");
    assert_eq!(
        docs,
        [
            (Some("CreateThing"), Part::Operation, "", texts("summary")),
            (Some("CreateThing"), Part::Request, "Mode", texts("description")),
            (Some("CreateThing"), Part::Request, "Name", texts("description")),
            // `RequestId` is the runtime envelope's: its metadata description is not emitted.
            (Some("CreateThing"), Part::Errors, "Bad.Size", texts("message")),
        ]
    );
    assert_eq!(d.docs_changes, 4);
    assert_eq!(d.verdict.impact, Some(Impact::Compatible), "documentation alone is a patch");
    assert_eq!(d.verdict.bump, Bump::Patch);
    assert_eq!(d.verdict.next.as_deref(), Some("1.2.4"));
    assert_eq!(d.operations.changed, 0, "documentation does not make an operation changed");
}

#[test]
fn identical_files_report_no_change_and_keep_the_version() {
    let v = thing(json!([param("Name", string())]), json!({"Id": string()}));
    let d = diff(&v, &v);
    assert!(d.changes.is_empty() && d.docs_changes == 0);
    assert_eq!(d.verdict.impact, None);
    assert_eq!(d.verdict.bump, Bump::None);
    assert_eq!(d.verdict.next.as_deref(), Some("1.2.3"));
}

#[test]
fn operations_added_removed_and_renamed_by_letter_case() {
    let old = product(json!({
        "CreateThing": {"parameters": []},
        "UnTagResources": {"parameters": []},
        "OldOne": {"parameters": []}
    }));
    let new = product(json!({
        "CreateThing": {"parameters": []},
        "UntagResources": {"parameters": []},
        "NewOne": {"parameters": []}
    }));
    let d = diff(&old, &new);
    let found: Vec<_> = d.changes.iter().map(|c| (c.impact, c.operation.as_deref(), c.kind.clone())).collect();
    assert_eq!(
        found,
        [
            (Impact::CompileBreaking, Some("OldOne"), ChangeKind::OperationRemoved),
            (
                Impact::CompileBreaking,
                Some("UntagResources"),
                ChangeKind::OperationRenamed { from: "UnTagResources".into(), to: "UntagResources".into() }
            ),
            (Impact::Additive, Some("NewOne"), ChangeKind::OperationAdded),
        ]
    );
    let renamed = &d.changes[1].rust;
    assert!(renamed.contains("client method `un_tag_resources` is now `untag_resources`"), "{renamed}");
    assert!(renamed.contains("request type `UnTagResourcesRequest` is now `UntagResourcesRequest`"), "{renamed}");
    assert_eq!(d.changes[0].rust, "method `Client::old_one` and its request, response and error types are gone");
    assert_eq!(
        (d.operations.before, d.operations.after, d.operations.added, d.operations.removed, d.operations.changed),
        (3, 3, 1, 1, 1)
    );
    assert_eq!(d.verdict.next.as_deref(), Some("2.0.0"));
}

#[test]
fn a_new_optional_parameter_is_additive_and_a_new_required_one_breaks_at_run_time_only() {
    let old = thing(json!([param("Name", string())]), json!({}));
    let new = thing(
        json!([
            param("Name", string()),
            param("DryRun", json!({"type": "boolean"})),
            param("ZoneId", json!({"type": "string", "required": true}))
        ]),
        json!({}),
    );
    let d = diff(&old, &new);
    let found: Vec<_> = d.changes.iter().map(|c| (summary(c), c.kind.clone())).collect();
    assert_eq!(
        found,
        [
            (
                (Impact::RunTimeBreaking, Some("CreateThing"), Part::Request, "ZoneId"),
                ChangeKind::MemberAdded { required: true, wire_type: "string".into() }
            ),
            (
                (Impact::Additive, Some("CreateThing"), Part::Request, "DryRun"),
                ChangeKind::MemberAdded { required: false, wire_type: "boolean".into() }
            ),
        ]
    );
    assert_eq!(
        d.changes[0].rust,
        "new field `CreateThingRequest::zone_id`, setter `CreateThingRequestBuilder::zone_id`: `build()` refuses a \
         request without it; code still compiles (`#[non_exhaustive]` type, `Option` field)"
    );
    assert_eq!(d.verdict.bump, Bump::Major, "run-time-breaking is breaking");
}

#[test]
fn a_removed_parameter_breaks_compilation_naming_field_and_setters() {
    let old =
        thing(json!([param("Name", string()), param("Tag", json!({"type": "array", "items": string()}))]), json!({}));
    let new = thing(json!([param("Name", string())]), json!({}));
    let c = only(&diff(&old, &new)).clone();
    assert_eq!(summary(&c), (Impact::CompileBreaking, Some("CreateThing"), Part::Request, "Tag"));
    assert_eq!(c.kind, ChangeKind::MemberRemoved { wire_type: "array of string".into() });
    assert_eq!(
        c.rust,
        "field `CreateThingRequest::tag`, setter `CreateThingRequestBuilder::tag`, setter \
         `CreateThingRequestBuilder::set_tag` gone"
    );
}

#[test]
fn a_case_only_rename_keeping_rust_names_is_compatible_and_a_plural_rename_is_not() {
    let tags = |name: &str| {
        param(
            name,
            json!({"type": "array", "items": {"type": "object", "properties": {"Key": string(), "Value": string()}}}),
        )
    };
    let old = thing(json!([param("RegionId", string()), tags("Tags")]), json!({}));
    let new = thing(json!([param("regionId", string()), tags("Tag")]), json!({}));
    let d = diff(&old, &new);
    let found: Vec<_> = d.changes.iter().map(|c| (summary(c), c.kind.clone())).collect();
    assert_eq!(
        found,
        [
            (
                (Impact::CompileBreaking, Some("CreateThing"), Part::Request, "Tag"),
                ChangeKind::MemberRenamed { from: "Tags".into(), to: "Tag".into(), case_only: false }
            ),
            // The items of `Tags` and of `Tag` are both the type `Tag` (list items take the singular):
            // no type is renamed.
            (
                (Impact::Compatible, Some("CreateThing"), Part::Request, "regionId"),
                ChangeKind::MemberRenamed { from: "RegionId".into(), to: "regionId".into(), case_only: true }
            ),
        ]
    );
    assert_eq!(d.changes[1].rust, "the Rust names stay; only the name sent or read on the wire changes");
}

#[test]
fn required_and_optional_swap_impacts() {
    let old = thing(json!([param("A", json!({"type": "string", "required": true})), param("B", string())]), json!({}));
    let new = thing(json!([param("A", string()), param("B", json!({"type": "string", "required": true}))]), json!({}));
    let d = diff(&old, &new);
    let found: Vec<_> = d.changes.iter().map(|c| (summary(c), c.kind.clone())).collect();
    assert_eq!(
        found,
        [
            (
                (Impact::RunTimeBreaking, Some("CreateThing"), Part::Request, "B"),
                ChangeKind::RequiredChanged { required: true }
            ),
            (
                (Impact::Additive, Some("CreateThing"), Part::Request, "A"),
                ChangeKind::RequiredChanged { required: false }
            ),
        ]
    );
}

#[test]
fn required_is_nothing_on_maps_and_in_responses() {
    let map = |required: bool| json!({"type": "object", "additionalProperties": string(), "required": required});
    let old = thing(json!([param("Labels", map(false))]), json!({"Id": {"type": "string", "required": false}}));
    let new = thing(json!([param("Labels", map(true))]), json!({"Id": {"type": "string", "required": true}}));
    let d = diff(&old, &new);
    assert_eq!(d.changes, Vec::<Change>::new(), "no `required` rule is emitted for either");
}

#[test]
fn type_changes_break_compilation() {
    let old = thing(
        json!([
            param("Count", json!({"type": "integer", "format": "int32"})),
            param("Mode", string()),
            param("Size", string())
        ]),
        json!({"Total": string()}),
    );
    let new = thing(
        json!([
            param("Count", json!({"type": "integer", "format": "int64"})),
            param("Mode", json!({"type": "string", "enum": ["Fast", "Slow"]})),
            param("Size", json!({"type": "integer"}))
        ]),
        json!({"Total": {"type": "integer"}}),
    );
    let d = diff(&old, &new);
    let found: Vec<_> = d.changes.iter().map(|c| (c.impact, c.part, c.path.as_str(), c.kind.clone())).collect();
    let changed = |from: &str, to: &str, rf: &str, rt: &str| ChangeKind::TypeChanged {
        from: from.into(),
        to: to.into(),
        rust_from: rf.into(),
        rust_to: rt.into(),
    };
    assert_eq!(
        found,
        [
            (
                Impact::CompileBreaking,
                Part::Request,
                "Count",
                changed("integer (int32)", "integer (int64)", "i32", "i64")
            ),
            (Impact::CompileBreaking, Part::Request, "Mode", changed("string", "string value set", "String", "Mode")),
            (Impact::CompileBreaking, Part::Request, "Size", changed("string", "integer (int64)", "String", "i64")),
            (Impact::CompileBreaking, Part::Response, "Total", changed("string", "integer (int64)", "String", "i64")),
        ]
    );
    assert!(d.changes[1].rust.ends_with("(setter calls with text still compile; reading the field does not)"));
}

fn constraint(c: &Change) -> (Impact, &str, &str, Option<&str>, Option<&str>, Direction) {
    match &c.kind {
        ChangeKind::ConstraintChanged { constraint, from, to, direction } => {
            (c.impact, c.path.as_str(), constraint.as_str(), from.as_deref(), to.as_deref(), *direction)
        }
        other => panic!("not a constraint change: {other:?}"),
    }
}

#[test]
fn constraints_tightened_loosened_and_changed() {
    let old = thing(
        json!([
            param("Name", json!({"type": "string", "minLength": 1, "maxLength": 128, "pattern": "^[a-z]+$"})),
            param("Desc", json!({"type": "string", "x-forbiddenPrefixes": ["http://"]})),
            param("Size", json!({"type": "integer", "minimum": "1", "maximum": "100"})),
            param("Ratio", json!({"type": "number", "maximum": "1", "exclusiveMaximum": false})),
            param("Ids", json!({"type": "array", "items": {"type": "string", "maxLength": 10}, "maxItems": 20})),
            param("Code", json!({"type": "string", "pattern": "^a$"}))
        ]),
        json!({"Id": {"type": "string", "maxLength": 5}}),
    );
    let new = thing(
        json!([
            param("Name", json!({"type": "string", "minLength": 3, "maxLength": 256})),
            param("Desc", json!({"type": "string", "x-forbiddenPrefixes": ["http://", "https://"]})),
            param("Size", json!({"type": "integer", "minimum": 0, "maximum": 50})),
            param("Ratio", json!({"type": "number", "maximum": "1", "exclusiveMaximum": true})),
            param(
                "Ids",
                json!({"type": "array", "items": {"type": "string", "maxLength": 8}, "maxItems": 30, "minItems": 1})
            ),
            param("Code", json!({"type": "string", "pattern": "^b$"}))
        ]),
        // Response constraints are never enforced: no change.
        json!({"Id": {"type": "string", "maxLength": 1}}),
    );
    let d = diff(&old, &new);
    let mut found: Vec<_> = d.changes.iter().map(constraint).collect();
    found.sort_by_key(|c| (c.1, c.2));
    use Direction::*;
    use Impact::*;
    assert_eq!(
        found,
        [
            (RunTimeBreaking, "Code", "pattern", Some("^a$"), Some("^b$"), Changed),
            (RunTimeBreaking, "Desc", "x-forbiddenPrefixes", Some("http://"), Some("http://, https://"), Tightened),
            (Additive, "Ids", "maxItems", Some("20"), Some("30"), Loosened),
            (RunTimeBreaking, "Ids", "minItems", None, Some("1"), Tightened),
            (RunTimeBreaking, "Ids[]", "maxLength", Some("10"), Some("8"), Tightened),
            (Additive, "Name", "maxLength", Some("128"), Some("256"), Loosened),
            (RunTimeBreaking, "Name", "minLength", Some("1"), Some("3"), Tightened),
            (Additive, "Name", "pattern", Some("^[a-z]+$"), None, Loosened),
            (RunTimeBreaking, "Ratio", "maximum", Some("1"), Some("1 (exclusive)"), Tightened),
            (RunTimeBreaking, "Size", "maximum", Some("100"), Some("50"), Tightened),
            (Additive, "Size", "minimum", Some("1"), Some("0"), Loosened),
        ]
    );
}

#[test]
fn integer_value_sets_appear_grow_and_shrink() {
    let old = thing(
        json!([
            param("Interval", json!({"type": "integer", "enum": ["1", "5", "10"]})),
            param("Level", json!({"type": "integer"}))
        ]),
        json!({}),
    );
    let new = thing(
        json!([
            param("Interval", json!({"type": "integer", "enum": [5, 10, 60]})),
            param("Level", json!({"type": "integer", "enum": [1, 2]}))
        ]),
        json!({}),
    );
    let d = diff(&old, &new);
    let found: Vec<_> = d.changes.iter().map(|c| (c.impact, c.path.as_str(), c.kind.clone())).collect();
    assert_eq!(
        found,
        [
            (
                Impact::RunTimeBreaking,
                "Interval",
                ChangeKind::ValueRemoved { value: "1".into(), variant: None, variant_kept: false }
            ),
            (
                Impact::RunTimeBreaking,
                "Level",
                ChangeKind::ConstraintChanged {
                    constraint: "enum".into(),
                    from: None,
                    to: Some("1, 2".into()),
                    direction: Direction::Tightened
                }
            ),
            (Impact::Additive, "Interval", ChangeKind::ValueAdded { value: "60".into(), variant: None }),
        ]
    );
}

#[test]
fn string_value_sets_new_variants_are_additive_removed_ones_break() {
    let mode = |values: Value| param("Mode", json!({"type": "string", "enum": values}));
    let status = |values: Value| json!({"Status": {"type": "string", "enum": values}});
    let old = thing(json!([mode(json!(["Fast", "Slow", "VPC"]))]), status(json!(["Active", "Gone"])));
    let new = thing(json!([mode(json!(["Fast", "Vpc", "Turbo"]))]), status(json!(["Active", "Pending"])));
    let d = diff(&old, &new);
    let found: Vec<_> = d.changes.iter().map(|c| (c.impact, c.part, c.kind.clone())).collect();
    use ChangeKind::*;
    assert_eq!(
        found,
        [
            (
                Impact::CompileBreaking,
                Part::Request,
                ValueRemoved { value: "Slow".into(), variant: Some("Slow".into()), variant_kept: false }
            ),
            (
                Impact::CompileBreaking,
                Part::Response,
                ValueRemoved { value: "Gone".into(), variant: Some("Gone".into()), variant_kept: false }
            ),
            // "VPC" and "Vpc" share the variant `Vpc`: code naming it compiles, the old spelling
            // passed as text is refused.
            (
                Impact::RunTimeBreaking,
                Part::Request,
                ValueRemoved { value: "VPC".into(), variant: Some("Vpc".into()), variant_kept: true }
            ),
            (Impact::Additive, Part::Request, ValueAdded { value: "Turbo".into(), variant: Some("Turbo".into()) }),
            (Impact::Additive, Part::Request, ValueAdded { value: "Vpc".into(), variant: Some("Vpc".into()) }),
            (Impact::Additive, Part::Response, ValueAdded { value: "Pending".into(), variant: Some("Pending".into()) }),
        ]
    );
    assert_eq!(d.changes[1].rust, "variant `Status::Gone` is gone");
    assert!(d.changes[3].rust.starts_with("new variant `Mode::Turbo`; `match`es already have a wildcard arm"));
}

#[test]
fn a_new_variant_of_an_exhaustive_enum_breaks_compilation() {
    let kind = ChangeKind::ValueAdded { value: "Turbo".into(), variant: Some("Turbo".into()) };
    let exhaustive = diff::classify::Ctx { owner: "Mode".into(), non_exhaustive: false, ..Default::default() };
    let c = diff::classify::change(Some("CreateThing"), Part::Request, "Mode", kind.clone(), &exhaustive);
    assert_eq!(c.impact, Impact::CompileBreaking);
    assert_eq!(c.rust, "new variant `Mode::Turbo` of an exhaustive enum: `match`es break");
    let open = diff::classify::Ctx { non_exhaustive: true, ..exhaustive };
    assert_eq!(
        diff::classify::change(Some("CreateThing"), Part::Request, "Mode", kind, &open).impact,
        Impact::Additive
    );
    // The same for fields of a struct that is not #[non_exhaustive].
    let added = ChangeKind::MemberAdded { required: false, wire_type: "string".into() };
    let plain = diff::classify::Ctx { owner: "Tag".into(), rust: Some("key".into()), ..Default::default() };
    assert_eq!(diff::classify::change(None, Part::Request, "Tag[].Key", added, &plain).impact, Impact::CompileBreaking);
}

#[test]
fn error_codes_added_removed_and_all_gone() {
    let errors = |codes: &[&str]| -> Value {
        json!({"400": codes.iter().map(|c| json!({"errorCode": c, "errorMessage": "m"})).collect::<Vec<_>>()})
    };
    let op = |codes: &[&str]| json!({"parameters": [], "errorCodes": errors(codes)});
    let old = product(json!({"CreateThing": op(&["Bad.Name", "Bad.Size"]), "DeleteThing": op(&["Gone", "Locked"])}));
    let new = product(json!({"CreateThing": op(&["Bad.Name", "Quota.Exceeded"]), "DeleteThing": {"parameters": []}}));
    let d = diff(&old, &new);
    let found: Vec<_> = d.changes.iter().map(|c| (summary(c), c.kind.clone())).collect();
    assert_eq!(
        found,
        [
            (
                (Impact::CompileBreaking, Some("CreateThing"), Part::Errors, "Bad.Size"),
                ChangeKind::ErrorRemoved { variant: "BadSize".into() }
            ),
            (
                (Impact::CompileBreaking, Some("DeleteThing"), Part::Errors, ""),
                ChangeKind::ErrorsEmptied { codes: vec!["Gone".into(), "Locked".into()] }
            ),
            (
                (Impact::Additive, Some("CreateThing"), Part::Errors, "Quota.Exceeded"),
                ChangeKind::ErrorAdded { variant: "QuotaExceeded".into() }
            ),
        ]
    );
    assert_eq!(
        d.changes[2].rust,
        "new variant `CreateThingError::QuotaExceeded`; the code arrived as `CreateThingError::Unhandled` before, so \
         a match on it there stops matching"
    );
}

#[test]
fn response_fields_added_removed_retyped_and_all_gone() {
    let old = product(json!({
        "CreateThing": {"parameters": [], "responses": {"200": {"schema": {"type": "object", "properties": {
            "RequestId": string(), "Old": string(),
            "Item": {"type": "object", "properties": {"Id": string()}}
        }}}}},
        "DeleteThing": {"parameters": [], "responses": {"200": {"schema": {"type": "object", "properties": {"RequestId": string(), "Name": string()}}}}}
    }));
    let new = product(json!({
        "CreateThing": {"parameters": [], "responses": {"200": {"schema": {"type": "object", "properties": {
            "RequestId": string(), "New": {"type": "boolean"},
            "Item": {"type": "object", "properties": {"Id": string(), "Name": {"type": "string", "required": true}}}
        }}}}},
        "DeleteThing": {"parameters": []}
    }));
    let d = diff(&old, &new);
    let found: Vec<_> = d.changes.iter().map(|c| (summary(c), c.kind.clone())).collect();
    assert_eq!(
        found,
        [
            (
                (Impact::CompileBreaking, Some("CreateThing"), Part::Response, "Old"),
                ChangeKind::MemberRemoved { wire_type: "string".into() }
            ),
            (
                (Impact::CompileBreaking, Some("DeleteThing"), Part::Response, ""),
                // `RequestId` is in the envelope every response keeps: only `Name` goes.
                ChangeKind::ResponseEmptied { fields: vec!["Name".into()] }
            ),
            (
                (Impact::Additive, Some("CreateThing"), Part::Response, "Item.Name"),
                ChangeKind::MemberAdded { required: false, wire_type: "string".into() }
            ),
            (
                (Impact::Additive, Some("CreateThing"), Part::Response, "New"),
                ChangeKind::MemberAdded { required: false, wire_type: "boolean".into() }
            ),
        ]
    );
    assert_eq!(d.changes[0].rust, "field `CreateThingResponse::old` gone");
}

#[test]
fn a_required_field_added_in_a_nested_request_type_breaks_at_run_time() {
    let rules =
        |props: Value| param("Rules", json!({"type": "array", "items": {"type": "object", "properties": props}}));
    let old = thing(json!([rules(json!({"Action": string()}))]), json!({}));
    let new = thing(
        json!([rules(json!({"Action": string(), "IpVersion": {"type": "string", "required": true}}))]),
        json!({}),
    );
    let c = only(&diff(&old, &new)).clone();
    assert_eq!(summary(&c), (Impact::RunTimeBreaking, Some("CreateThing"), Part::Request, "Rules[].IpVersion"));
    assert!(c.rust.starts_with("new field and setter `Rule::ip_version`: `build()` refuses"), "{}", c.rust);
}

#[test]
fn moving_a_parameter_on_the_wire_is_compatible() {
    let old =
        thing(json!([{"name": "Tags", "in": "query", "schema": {"type": "array", "items": string()}}]), json!({}));
    let new = thing(
        json!([{"name": "Tags", "in": "formData", "style": "json", "schema": {"type": "array", "items": string()}}]),
        json!({}),
    );
    let c = only(&diff(&old, &new)).clone();
    assert_eq!(summary(&c), (Impact::Compatible, Some("CreateThing"), Part::Request, "Tags"));
    assert_eq!(c.kind, ChangeKind::PlacementChanged { from: "query, repeatList".into(), to: "form body, json".into() });
}

#[test]
fn endpoints_added_removed_and_changed() {
    let with = |endpoints: Value| {
        let mut p = product(json!({"CreateThing": {"parameters": []}}));
        p["endpoints"] = endpoints;
        p
    };
    let e = |r: &str, h: &str| json!({"regionId": r, "endpoint": h});
    let old = with(json!([
        e("cn-hangzhou", "demo.cn-hangzhou.aliyuncs.com"),
        e("cn-beijing", "demo.cn-beijing.aliyuncs.com"),
        e("cn-edge", "demo.aliyuncs.com"),
        e("cn-shanghai", "demo-sh.aliyuncs.com")
    ]));
    let new = with(json!([
        e("cn-hangzhou", "demo.cn-hangzhou.aliyuncs.com"),
        e("cn-shanghai", "demo.cn-shanghai.aliyuncs.com"),
        e("us-east-1", "demo.aliyuncs.com")
    ]));
    let d = diff(&old, &new);
    let found: Vec<_> = d.changes.iter().map(|c| (c.impact, c.path.as_str(), c.summary.as_str())).collect();
    assert_eq!(
        found,
        [
            (
                Impact::Compatible,
                "cn-beijing",
                "endpoint unlisted: `demo.cn-beijing.aliyuncs.com` (the default host, where calls still go)"
            ),
            (
                Impact::Compatible,
                "cn-edge",
                "endpoint removed: `demo.aliyuncs.com` (calls now go to `demo.cn-edge.aliyuncs.com`)"
            ),
            (Impact::Compatible, "cn-shanghai", "endpoint `demo-sh.aliyuncs.com` → `demo.cn-shanghai.aliyuncs.com`"),
            (
                Impact::Compatible,
                "us-east-1",
                "endpoint added: `demo.aliyuncs.com` (calls went to `demo.us-east-1.aliyuncs.com`)"
            ),
        ]
    );
    assert_eq!(d.verdict.next.as_deref(), Some("1.2.4"));
}

#[test]
fn deprecation_and_idempotency_changes() {
    let old = product(json!({"CreateThing": {"parameters": []}}));
    let new = product(json!({"CreateThing": {"deprecated": true, "parameters": [param("ClientToken", string())]}}));
    let d = diff(&old, &new);
    let found: Vec<_> = d.changes.iter().map(|c| (c.impact, c.part, c.kind.clone())).collect();
    assert_eq!(
        found,
        [
            (Impact::Additive, Part::Operation, ChangeKind::OperationDeprecated { deprecated: true }),
            (Impact::Additive, Part::Request, ChangeKind::MemberAdded { required: false, wire_type: "string".into() }),
            (
                Impact::Compatible,
                Part::Operation,
                ChangeKind::ClientTokenChanged { from: None, to: Some("ClientToken".into()) }
            ),
        ]
    );
}

#[test]
fn next_versions_follow_cargo_rules_for_0_x() {
    use diff::classify::next_version;
    let v = |s: &str| -> semver::Version { s.parse().unwrap() };
    let table = [
        ("1.2.3", Bump::Major, "2.0.0"),
        ("1.2.3", Bump::Minor, "1.3.0"),
        ("1.2.3", Bump::Patch, "1.2.4"),
        ("1.2.3", Bump::None, "1.2.3"),
        ("0.1.0", Bump::Major, "0.2.0"),
        ("0.1.0", Bump::Minor, "0.1.1"),
        ("0.1.7", Bump::Patch, "0.1.8"),
        ("0.0.3", Bump::Major, "0.0.4"),
        ("0.0.3", Bump::Minor, "0.0.4"),
        ("0.0.3", Bump::Patch, "0.0.4"),
        ("2.0.0-rc.1", Bump::Minor, "2.1.0"),
        ("2.0.0-rc.1", Bump::None, "2.0.0-rc.1"),
    ];
    for (current, bump, next) in table {
        assert_eq!(next_version(&v(current), bump), v(next), "{current} {bump:?}");
    }
}

#[test]
fn verdict_counts_every_change_and_documentation_as_compatible() {
    let old = thing(json!([param("A", json!({"type": "string", "description": "a"}))]), json!({}));
    let new =
        thing(json!([param("A", json!({"type": "string", "description": "b"})), param("B", string())]), json!({}));
    let d = diff(&old, &new);
    assert_eq!(
        d.verdict.counts,
        ImpactCounts { compile_breaking: 0, run_time_breaking: 0, additive: 1, compatible: 1 }
    );
    assert_eq!(
        (d.verdict.impact, d.verdict.bump, d.verdict.next.as_deref()),
        (Some(Impact::Additive), Bump::Minor, Some("1.3.0"))
    );
}

/// Every object's keys in reverse order, arrays reversed (but `methods`, whose first entry is the
/// HTTP method), constraint numbers as text and text as numbers, every description reworded.
fn cosmetic(v: &Value, key: &str) -> Value {
    const NUMBERS: &[&str] = &["maxLength", "minLength", "maxItems", "minItems", "maximum", "minimum"];
    match v {
        Value::Object(map) => Value::Object(map.iter().rev().map(|(k, x)| (k.clone(), cosmetic(x, k))).collect()),
        Value::Array(items) if key == "methods" => v.clone(),
        Value::Array(items) => Value::Array(items.iter().rev().map(|x| cosmetic(x, "")).collect()),
        Value::String(s) if matches!(key, "description" | "title" | "summary") => {
            Value::String(format!("{s} (reworded)"))
        }
        Value::String(s) if NUMBERS.contains(&key) => s.parse::<i64>().map_or_else(|_| v.clone(), Value::from),
        Value::Number(n) if NUMBERS.contains(&key) => Value::String(n.to_string()),
        _ => v.clone(),
    }
}

#[test]
fn the_workspace_metadata_made_cosmetically_different_has_no_api_change() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../metadata");
    for name in ["vpc_2016-04-28.json", "cbn_2017-09-12.json", "expressconnectrouter_2023-09-01.json"] {
        let original: Value = serde_json::from_slice(&std::fs::read(dir.join(name)).unwrap()).unwrap();
        let changed = cosmetic(&original, "");
        assert_ne!(serde_json::to_string(&original).unwrap(), serde_json::to_string(&changed).unwrap());
        let d = diff(&original, &changed);
        assert_eq!(d.changes, Vec::<Change>::new(), "{name}");
        assert!(d.docs_changes > 20, "{name}: reworded texts are counted ({})", d.docs_changes);
        assert_eq!(d.verdict.bump, Bump::Patch, "{name}");
    }
}
