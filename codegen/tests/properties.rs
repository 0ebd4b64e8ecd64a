//! Bounded property tests over the whole pipeline (run in CI): for arbitrary metadata-shaped JSON
//! and arbitrary bytes, checking never panics, and whatever is accepted renders to files that
//! parse as Rust and pass rustc's lexical rules and the hidden-character policy
//! (`codegen::emit::text::lexical`). The unbounded, coverage-guided version is the fuzz target in
//! `fuzz/`, with the same invariant.

use codegen::check::check_file;
use codegen::emit::text::lexical;
use codegen::{crate_files, CrateOptions, RuntimeDependency};
use proptest::prelude::*;
use serde_json::{json, Map, Value};
use std::path::Path;

/// Names that are hard on a generator, mixed with random ones.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[A-Za-z][A-Za-z0-9]{0,10}",
        1 => "[A-Za-z0-9_.\\- ]{0,8}",
        1 => prop::sample::select(vec![
            "type", "self", "Self", "crate", "super", "Unknown", "Unhandled", "build", "clone", "Result",
            "Option", "名称", "", " ", "1st", "a.b", "a-b", "RegionId", "regionId", "Region_Id", "validate",
        ])
        .prop_map(str::to_string),
    ]
}

fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        (-5i64..300).prop_map(Value::from),
        (-5i64..300).prop_map(|n| Value::from(n.to_string())),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
        prop::sample::select(vec!["NaN", "inf", "", "1e400", "99999999999999999999999", "x"]).prop_map(Value::from),
    ]
}

fn constraints() -> impl Strategy<Value = Map<String, Value>> {
    let key = prop::sample::select(vec![
        "maxLength",
        "minLength",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "maxItems",
        "minItems",
        "default",
        "example",
        "format",
    ]);
    let entry = (key, number()).prop_map(|(k, v)| (k.to_string(), v));
    let pattern = prop::sample::select(vec!["^[a-z]+$", "(", "^(?!x).*$", "", "a{2,1}", "\\d+", "[[:alpha:]]"])
        .prop_map(|p| ("pattern".to_string(), Value::from(p)));
    let enumeration = prop::collection::vec(prop_oneof![name().prop_map(Value::from), number()], 0..5)
        .prop_map(|v| ("enum".to_string(), Value::Array(v)));
    let forbidden =
        prop::collection::vec(name(), 0..3).prop_map(|v| ("x-forbiddenPrefixes".to_string(), Value::from(v)));
    prop::collection::vec(prop_oneof![4 => entry, 1 => pattern, 1 => enumeration, 1 => forbidden], 0..5)
        .prop_map(|entries| entries.into_iter().collect())
}

fn schema() -> impl Strategy<Value = Value> {
    let leaf = (
        prop::sample::select(vec!["string", "integer", "number", "boolean", "any", "bogus"]),
        constraints(),
        any::<bool>(),
        prop::option::of("[ -~\\n名]{0,40}"),
    )
        .prop_map(|(ty, mut c, required, description)| {
            c.insert("type".into(), Value::from(ty));
            c.insert("required".into(), Value::from(required));
            if let Some(d) = description {
                c.insert("description".into(), Value::from(d));
            }
            Value::Object(c)
        });
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            (inner.clone(), constraints()).prop_map(|(items, mut c)| {
                c.insert("type".into(), json!("array"));
                c.insert("items".into(), items);
                Value::Object(c)
            }),
            prop::collection::vec((name(), inner.clone()), 0..4).prop_map(|props| {
                let props: Map<String, Value> = props.into_iter().collect();
                json!({"type": "object", "properties": props})
            }),
            inner.prop_map(|v| json!({"type": "object", "additionalProperties": v})),
            Just(json!({"$ref": "#/components/schemas/Shared"})),
            Just(json!({"$ref": "#/components/schemas/Missing"})),
        ]
    })
}

fn parameter() -> impl Strategy<Value = Value> {
    (
        name(),
        prop::sample::select(vec!["query", "formData", "body", "path", "header", "host", "cookie"]),
        prop::option::of(prop::sample::select(vec!["repeatList", "flat", "json", "simple", "xml", "weird"])),
        schema(),
    )
        .prop_map(|(name, location, style, schema)| {
            let mut p = json!({"name": name, "in": location, "schema": schema});
            if let Some(s) = style {
                p["style"] = Value::from(s);
            }
            p
        })
}

fn errors() -> impl Strategy<Value = Value> {
    prop::collection::vec(
        (
            prop::sample::select(vec!["400", "403", "404", "500", "2014", "abc"]),
            name(),
            prop::option::of("[ -~]{0,20}"),
        ),
        0..6,
    )
    .prop_map(|entries| {
        let mut map = Map::new();
        for (status, code, message) in entries {
            let list = map.entry(status.to_string()).or_insert_with(|| json!([]));
            list.as_array_mut().unwrap().push(json!({"errorCode": code, "errorMessage": message}));
        }
        Value::Object(map)
    })
}

fn document() -> impl Strategy<Value = Value> {
    let api = (prop::collection::vec(parameter(), 0..6), prop::option::of(schema()), errors(), any::<bool>()).prop_map(
        |(params, response, errors, deprecated)| {
            let mut api =
                json!({"methods": ["post"], "parameters": params, "errorCodes": errors, "deprecated": deprecated});
            if let Some(r) = response {
                api["responses"] = json!({"200": {"schema": r}});
            }
            api
        },
    );
    (prop::collection::vec((name(), api), 1..4), schema(), prop::sample::select(vec!["RPC", "ROA", "V3"])).prop_map(
        |(apis, shared, style)| {
            let apis: Map<String, Value> = apis.into_iter().collect();
            json!({
                "info": {"style": style, "product": "Prop", "version": "2024-01-01"},
                "components": {"schemas": {"Shared": shared}},
                "apis": apis,
                "endpoints": [{"regionId": "cn-hangzhou", "endpoint": "prop.cn-hangzhou.aliyuncs.com"}]
            })
        },
    )
}

/// The property: no panic; an accepted product renders, and every file parses.
fn pipeline(bytes: &[u8]) -> Result<(), TestCaseError> {
    let (product, diags) = check_file(Path::new("prop.json"), bytes);
    for d in &diags {
        prop_assert!(!d.message.is_empty());
    }
    let Some(product) = product else {
        prop_assert!(diags.iter().any(|d| d.is_error()), "no product, but no error either");
        return Ok(());
    };
    let products = [product];
    let options = CrateOptions::for_products(&products, "prop", RuntimeDependency::Path("../runtime".into()));
    let files = crate_files(&products, &options).map_err(|e| TestCaseError::fail(format!("render failed: {e}")))?;
    for (path, text) in &files {
        if path.extension().is_some_and(|e| e == "rs") {
            if let Err(e) = syn::parse_file(text) {
                return Err(TestCaseError::fail(format!("{} does not parse: {e}", path.display())));
            }
            let findings = lexical::check(text);
            prop_assert!(findings.is_empty(), "{}: {:?}", path.display(), findings);
        }
    }
    Ok(())
}

/// Text with characters of every hostile class (issue 16) among ordinary ones.
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => "[a-zA-Z0-9 .\\-]{0,6}",
        1 => prop::sample::select(vec!["名称", "`", "*/", "/*", "\"", "\\", "```", "[x]", "<b>", "&#x202E;", "&rlm;", "%s", "\r\n"])
            .prop_map(str::to_string),
        3 => prop::sample::select(vec![
            '\u{0}', '\u{7}', '\t', '\n', '\r', '\u{b}', '\u{1b}', '\u{7f}', '\u{85}', '\u{ad}', '\u{61c}', '\u{200b}',
            '\u{200d}', '\u{200e}', '\u{200f}', '\u{202a}', '\u{202c}', '\u{202e}', '\u{2028}', '\u{2029}', '\u{2060}',
            '\u{2066}', '\u{2069}', '\u{feff}', '\u{fff9}', '\u{ffff}', '\u{e0041}',
        ])
        .prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..5).prop_map(|p| p.concat())
}

/// A small product with hostile text on every path: product, version, titles, summaries,
/// descriptions, examples, enum values and titles, patterns, error codes and messages, endpoints
/// and regions, parameter and property names.
fn hostile_document() -> impl Strategy<Value = Value> {
    let texts = prop::collection::vec(hostile_text(), 16);
    let plain = prop::collection::vec(prop::bool::weighted(0.7), 16);
    (texts, plain).prop_map(|(t, plain)| {
        // Each field is hostile or ordinary at random, so accepted products are common too.
        let f = |i: usize, ordinary: &str| if plain[i] { ordinary.to_string() } else { t[i].clone() };
        json!({
            "info": {"style": "RPC", "product": f(0, "Prop"), "version": f(1, "2024-01-01")},
            "apis": {"DoThing": {
                "title": t[2], "summary": t[3], "description": t[4],
                "parameters": [
                    {"name": f(5, "Mode"), "in": "query", "schema": {"type": "string", "description": t[6], "example": t[7],
                        "enum": [f(8, "a"), "b"], "enumValueTitles": {"b": t[9]}}},
                    {"name": "Name", "in": "query", "schema": {"type": "string", "pattern": format!("^{}$", regex_syntax_escape(&t[10])), "title": t[4]}},
                    {"name": "Tag", "in": "query", "schema": {"type": "array", "items": {"type": "object", "properties": {f(11, "Key"): {"type": "string", "description": t[3]}}}}}
                ],
                "responses": {"200": {"schema": {"type": "object", "properties": {f(12, "RequestId"): {"type": "string", "description": t[2]}}}}},
                "errorCodes": {"400": [{"errorCode": f(13, "Bad.Thing"), "errorMessage": t[14], "description": t[6]}]}
            }},
            "endpoints": [{"regionId": f(15, "cn-hangzhou"), "endpoint": format!("{}.aliyuncs.com", f(15, "prop"))}]
        })
    })
}

/// `s` as a regex matching itself literally.
fn regex_syntax_escape(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_punctuation() { format!("\\{c}") } else { c.to_string() }).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn metadata_shaped_json_never_panics_and_renders_valid_rust(doc in document()) {
        pipeline(serde_json::to_string(&doc).unwrap().as_bytes())?;
    }

    #[test]
    fn hostile_text_on_every_path_is_refused_or_gives_lexically_sound_rust(doc in hostile_document()) {
        pipeline(serde_json::to_string(&doc).unwrap().as_bytes())?;
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        pipeline(&bytes)?;
    }

    #[test]
    fn mangled_real_metadata_never_panics(cut in 0usize..100_000, byte in any::<u8>()) {
        let text = include_str!("../../metadata/cbn_2017-09-12.json").as_bytes();
        let mut bytes = text.to_vec();
        let at = cut % bytes.len();
        bytes[at] = byte;
        pipeline(&bytes)?;
        pipeline(&text[..at])?;
    }
}
