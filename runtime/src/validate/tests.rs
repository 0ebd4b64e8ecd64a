//! Paths, the report, its display and its JSON shape.

use serde_json::json;

use super::*;

#[test]
fn paths_render_rust_and_wire_forms() {
    let root = Path::root();
    assert!(root.is_root());
    assert_eq!((root.rust_path(), root.wire_path()), (String::new(), String::new()));
    let tag = root.field("tag", "Tag");
    let third = tag.index(2);
    let key = third.field("key", "Key");
    assert_eq!(key.rust_path(), "tag[2].key");
    assert_eq!(key.wire_path(), "Tag.3.Key");
    let list = root.index(0);
    let nested = list.index(9);
    assert_eq!((nested.rust_path(), nested.wire_path()), ("[0][9]".to_owned(), "1.10".to_owned()));
    let field = nested.field("a", "A");
    assert_eq!((field.rust_path(), field.wire_path()), ("[0][9].a".to_owned(), "1.10.A".to_owned()));
}

#[test]
fn violations_hold_both_paths() {
    let root = Path::root();
    let tag = root.field("tag", "Tag");
    let big = tag.index(1_234_567);
    let nine = big.index(9);
    let key = nine.field("key", "Key");
    let list = root.index(99);
    let cases: [(&Path<'_>, &str, &str); 5] = [
        (&root, "", ""),
        (&tag, "tag", "Tag"),
        (&big, "tag[1234567]", "Tag.1234568"),
        (&key, "tag[1234567][9].key", "Tag.1234568.10.Key"),
        (&list, "[99]", "100"),
    ];
    for (path, rust, wire) in cases {
        let (paths, split) = path.rust_and_wire_paths();
        assert_eq!((&paths[..split], &paths[split..]), (rust, wire));
        assert_eq!((path.rust_path(), path.wire_path()), (rust.to_owned(), wire.to_owned()));
        let violation = Violation::at(path, ViolationKind::Required);
        assert_eq!((violation.rust_path(), violation.wire_path()), (rust, wire));
        assert_eq!(violation.clone().into_parts(), (rust.to_owned(), wire.to_owned(), ViolationKind::Required));
        assert_eq!(violation, Violation::new(rust, wire, ViolationKind::Required));
    }
    let last = root.index(usize::MAX - 1);
    let (paths, split) = last.rust_and_wire_paths();
    assert_eq!((&paths[..split], &paths[split..]), (&*format!("[{}]", usize::MAX - 1), &*usize::MAX.to_string()));
    assert_eq!(
        format!("{:?}", Violation::new("tag", "Tag", ViolationKind::Required)),
        r#"Violation { rust_path: "tag", wire_path: "Tag", kind: Required }"#
    );
}

#[test]
fn deep_paths_render_too() {
    /// Calls `f` with `path` nested in `left` more indices, `left - 1` down to 0.
    fn nest(path: &Path<'_>, left: usize, f: &mut dyn FnMut(&Path<'_>)) {
        match left {
            0 => f(path),
            _ => nest(&path.index(left - 1), left - 1, f),
        }
    }
    let root = Path::root();
    let tag = root.field("tag", "Tag");
    for depth in [14, 15, 16, 20] {
        nest(&tag, depth, &mut |path| {
            let key = path.field("key", "Key");
            let rust: String = (0..depth).rev().map(|i| format!("[{i}]")).collect();
            let wire: String = (0..depth).rev().map(|i| format!(".{}", i + 1)).collect();
            let violation = Violation::at(&key, ViolationKind::Required);
            assert_eq!(violation.rust_path(), format!("tag{rust}.key"), "depth {depth}");
            assert_eq!(violation.wire_path(), format!("Tag{wire}.Key"), "depth {depth}");
        });
    }
}

#[test]
fn a_path_is_a_few_words_on_the_stack() {
    // A parent pointer and a segment holding two `&str`s.
    assert!(std::mem::size_of::<Path<'_>>() <= 6 * std::mem::size_of::<usize>());
}

fn sample() -> Report {
    let mut report = Report::new();
    let root = Path::root();
    let tag = root.field("tag", "Tag");
    report.check(&tag, Ok(()));
    report.check(&tag, Err(ViolationKind::Items { min: None, max: Some(20), found: 21 }));
    let key = tag.index(2);
    let key = key.field("key", "Key");
    report.push(&key, ViolationKind::ForbiddenPrefix { prefix: "acs:".into(), found: Some("acs:x".into()) });
    report.check_secret(
        &root.field("password", "Password"),
        Err(ViolationKind::Length { min: Some(8), max: None, found: 3 }),
    );
    report
}

#[test]
fn the_report_keeps_push_order() {
    let report = sample();
    assert_eq!(report.len(), 3);
    assert!(!report.is_empty());
    let paths: Vec<_> = report.into_iter().map(|v| v.into_parts().1).collect();
    assert_eq!(paths, ["Tag", "Tag.3.Key", "Password"]);
    assert_eq!(Report::new().into_result(), Ok(()));
    assert!(sample().into_result().is_err());
    assert_eq!((&sample()).into_iter().count(), 3);
}

#[test]
fn the_report_reads_one_line_per_violation() {
    assert_eq!(
        sample().to_string(),
        [
            "Tag (tag): must have at most 20 items (found 21)",
            r#"Tag.3.Key (tag[2].key): must not start with "acs:" (found "acs:x")"#,
            "Password (password): must be at least 8 characters long (found 3)",
        ]
        .join("\n")
    );
    assert_eq!(Report::new().to_string(), "no violations");
    let error: Box<dyn std::error::Error> = Box::new(sample());
    assert!(error.to_string().starts_with("Tag (tag)"));
}

#[test]
fn the_report_serializes_flat_violations() {
    assert_eq!(
        serde_json::to_value(sample()).unwrap(),
        json!({"violations": [
            {"rust_path": "tag", "wire_path": "Tag", "rule": "items", "max": 20, "found": 21},
            {"rust_path": "tag[2].key", "wire_path": "Tag.3.Key", "rule": "forbidden_prefix", "prefix": "acs:", "found": "acs:x"},
            {"rust_path": "password", "wire_path": "Password", "rule": "length", "min": 8, "found": 3},
        ]})
    );
}

#[test]
fn every_kind_serializes_with_its_rule_tag() {
    let kinds = [
        (ViolationKind::Required, json!({"rule": "required"})),
        (
            ViolationKind::Range {
                min: Some(Number::Int(-1)),
                max: None,
                exclusive_min: None,
                exclusive_max: Some(Number::Float(2.5)),
                found: Some(Number::UInt(3)),
            },
            json!({"rule": "range", "min": -1, "exclusive_max": 2.5, "found": 3}),
        ),
        (
            ViolationKind::OneOf { allowed: vec!["a".into(), Value::Number(Number::Int(1))], found: None },
            json!({"rule": "one_of", "allowed": ["a", 1], "found": null}),
        ),
        (
            ViolationKind::Known { allowed: vec!["VBR".into()], found: Some("X".into()) },
            json!({"rule": "known", "allowed": ["VBR"], "found": "X"}),
        ),
        (
            ViolationKind::Pattern { pattern: "^a$".into(), found: Some("b".into()) },
            json!({"rule": "pattern", "pattern": "^a$", "found": "b"}),
        ),
        (
            ViolationKind::ForbiddenSubstring { substring: "http://".into(), found: None },
            json!({"rule": "forbidden_substring", "substring": "http://", "found": null}),
        ),
        (
            ViolationKind::custom("odd", "must be even"),
            json!({"rule": "custom", "code": "odd", "message": "must be even"}),
        ),
    ];
    for (kind, expected) in kinds {
        assert_eq!(serde_json::to_value(&kind).unwrap(), expected);
        assert_eq!(kind.rule(), expected["rule"]);
    }
}

#[test]
fn redaction_removes_every_found_value() {
    let found = Some("hunter2".to_owned());
    let kinds = [
        ViolationKind::Range {
            min: None,
            max: None,
            exclusive_min: None,
            exclusive_max: None,
            found: Some(Number::Int(7)),
        },
        ViolationKind::OneOf { allowed: vec![], found: Some("hunter2".into()) },
        ViolationKind::Known { allowed: vec![], found: found.clone() },
        ViolationKind::Pattern { pattern: "^a$".into(), found: found.clone() },
        ViolationKind::ForbiddenPrefix { prefix: "h".into(), found: found.clone() },
        ViolationKind::ForbiddenSubstring { substring: "h".into(), found },
    ];
    for kind in kinds {
        let redacted = kind.clone().redacted();
        let (text, json) = (redacted.to_string(), serde_json::to_string(&redacted).unwrap());
        assert!(text.contains("<redacted>"), "{text}");
        assert!(!text.contains("hunter2") && !json.contains("hunter2") && !json.contains('7'), "{text} {json}");
        assert_eq!(redacted.rule(), kind.rule());
    }
    let counted = ViolationKind::Length { min: None, max: Some(1), found: 2 };
    assert_eq!(counted.clone().redacted(), counted, "counts are kept");
}

#[test]
fn kinds_read_well() {
    let cases = [
        (ViolationKind::Length { min: Some(1), max: Some(1), found: 2 }, "must be exactly 1 character long (found 2)"),
        (ViolationKind::Length { min: Some(1), max: None, found: 0 }, "must be at least 1 character long (found 0)"),
        (ViolationKind::Items { min: Some(1), max: Some(20), found: 0 }, "must have 1 to 20 items (found 0)"),
        (ViolationKind::Items { min: None, max: Some(1), found: 2 }, "must have at most 1 item (found 2)"),
        (
            ViolationKind::Range {
                min: None,
                max: None,
                exclusive_min: Some(Number::Float(0.0)),
                exclusive_max: None,
                found: None,
            },
            "must be greater than 0 (found <redacted>)",
        ),
        (
            ViolationKind::OneOf { allowed: vec![Value::Number(Number::UInt(1)), "1".into()], found: Some("2".into()) },
            r#"must be one of 1, "1" (found "2")"#,
        ),
        (ViolationKind::Known { allowed: vec![], found: None }, "must be a known value:  (found <redacted>)"),
        (
            ViolationKind::ForbiddenPrefix { prefix: "a\"b".into(), found: Some("a\"b\n".into()) },
            r#"must not start with "a\"b" (found "a\"b\n")"#,
        ),
    ];
    for (kind, expected) in cases {
        assert_eq!(kind.to_string(), expected);
    }
}

#[test]
fn long_found_values_and_lists_are_cut_in_display_only() {
    let long = "流".repeat(100);
    let kind = ViolationKind::Pattern { pattern: "^a$".into(), found: Some(long.clone()) };
    let text = kind.to_string();
    assert!(text.ends_with(&format!("(found \"{}...\" (100 characters))", "流".repeat(64))), "{text}");
    assert!(serde_json::to_string(&kind).unwrap().contains(&long), "the report itself keeps everything");
    let allowed: Vec<Value> = (0..30u32).map(|n| Value::Number(n.into())).collect();
    let text = ViolationKind::OneOf { allowed, found: Some(Value::Number(Number::UInt(99))) }.to_string();
    assert_eq!(text, "must be one of 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, ... (30 values) (found 99)");
}

#[test]
fn violations_at_the_root_still_read() {
    let mut report = Report::new();
    report.push(&Path::root(), ViolationKind::Required);
    report.push_violation(Violation::new("", "Wire", ViolationKind::Required));
    report.extend([Violation::new("rust", "", ViolationKind::Required)]);
    assert_eq!(report.to_string(), "<root>: is required\nWire: is required\n(rust): is required");
}

struct Even(u32);

impl Validate for Even {
    fn validate_into(&self, path: &Path<'_>, report: &mut Report) {
        report.check(
            path,
            rules::custom::check(if self.0 % 2 == 0 {
                Ok(())
            } else {
                Err(ViolationKind::custom("odd", "must be even"))
            }),
        );
    }
}

#[test]
fn containers_validate_their_items() {
    let items = vec![Even(2), Even(3), Even(5)];
    let report = items.validate().unwrap_err();
    let paths: Vec<_> = report.violations().iter().map(|v| (v.rust_path(), v.wire_path())).collect();
    assert_eq!(paths, [("[1]", "2"), ("[2]", "3")]);
    assert_eq!(Some(Even(3)).validate().unwrap_err().len(), 1);
    assert_eq!(None::<Even>.validate(), Ok(()));
    assert_eq!(Box::new(Even(1)).validate().unwrap_err().len(), 1);
    assert_eq!(<&Even as Validate>::validate(&&Even(4)), Ok(()));
}
