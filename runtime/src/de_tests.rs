use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{json, Value};

use super::*;

#[derive(Deserialize, Debug, Default, PartialEq)]
struct Row {
    #[serde(default, deserialize_with = "super::string")]
    s: Option<String>,
    #[serde(default, deserialize_with = "super::integer")]
    i: Option<i32>,
    #[serde(default, deserialize_with = "super::integer")]
    u: Option<u64>,
    #[serde(default, deserialize_with = "super::float")]
    f: Option<f64>,
    #[serde(default, deserialize_with = "super::boolean")]
    b: Option<bool>,
}

fn row(json: &str) -> Result<Row, serde_json::Error> {
    serde_json::from_str(json)
}

#[test]
fn scalars_of_other_types_are_read() {
    assert_eq!(row("{}").unwrap(), Row::default());
    let r = row(r#"{"s": 12, "i": "-7", "u": 18446744073709551615, "f": "2.5", "b": "TRUE"}"#).unwrap();
    assert_eq!(r.s.as_deref(), Some("12"));
    assert_eq!(r.i, Some(-7));
    assert_eq!(r.u, Some(u64::MAX));
    assert_eq!(r.f, Some(2.5));
    assert_eq!(r.b, Some(true));
    let r = row(r#"{"s": false, "i": 3, "u": "", "f": 4, "b": 0}"#).unwrap();
    assert_eq!(r.s.as_deref(), Some("false"));
    assert_eq!((r.i, r.u, r.f, r.b), (Some(3), None, Some(4.0), Some(false)));
    let r = row(r#"{"s": null, "i": null, "s2": 1.5}"#).unwrap();
    assert_eq!((r.s, r.i), (None, None));
    assert_eq!(row(r#"{"s": 1.0}"#).unwrap().s.as_deref(), Some("1.0"));
}

#[test]
fn mismatches_that_cannot_be_read_fail() {
    assert!(row(r#"{"i": "abc"}"#).is_err());
    assert!(row(r#"{"i": 3000000000}"#).is_err());
    assert!(row(r#"{"i": 1.5}"#).is_err());
    assert!(row(r#"{"b": "yes"}"#).is_err());
    assert!(row(r#"{"s": [1]}"#).is_err());
    assert!(row(r#"{"f": true}"#).is_err());
}

#[derive(Debug, Default, PartialEq)]
struct Item {
    id: Option<String>,
    size: Option<i64>,
    tags: BTreeMap<String, String>,
}

impl Object for Item {
    fn field(&mut self, name: &str, value: Value) -> Result<bool, Error> {
        match name {
            "Id" => field(&mut self.id, value),
            "Size" => field(&mut self.size, value),
            "Tags" => field(&mut self.tags, value),
            _ => Ok(false),
        }
    }
}

#[derive(Debug, Default, PartialEq)]
struct Nested {
    rows: Vec<BTreeMap<String, String>>,
    grid: Vec<Vec<i32>>,
    groups: BTreeMap<String, Vec<Item>>,
}

impl Object for Nested {
    fn field(&mut self, name: &str, value: Value) -> Result<bool, Error> {
        match name {
            "Rows" => field(&mut self.rows, value),
            "Grid" => field(&mut self.grid, value),
            "Groups" => field(&mut self.groups, value),
            _ => Ok(false),
        }
    }
}

#[test]
fn lists_and_maps_nest() {
    let nested: Nested = from_value(json!({
        "Rows": [{"a": 1}, null, {}],
        "Grid": [[1, "2"], [], null],
        "Groups": {"g": [{"Id": "x"}], "h": null},
    }))
    .unwrap();
    assert_eq!(nested.rows, vec![[("a".to_owned(), "1".to_owned())].into(), BTreeMap::new()]);
    assert_eq!(nested.grid, vec![vec![1, 2], vec![]]);
    assert_eq!(nested.groups, [("g".to_owned(), vec![Item { id: Some("x".into()), ..Item::default() }])].into());
    let error = from_value::<Nested>(json!({"Grid": [[1], [2, "x"]]})).unwrap_err();
    assert_eq!(error.to_string(), r#"Grid[1][1]: expected an integer, found "x""#);
}

#[derive(Debug, Default, PartialEq)]
struct Page {
    total: Option<i32>,
    ratio: Option<f64>,
    ok: Option<bool>,
    items: Vec<Item>,
    first: Option<Item>,
    any: Option<Value>,
}

impl Object for Page {
    fn field(&mut self, name: &str, value: Value) -> Result<bool, Error> {
        match name {
            "Total" => field(&mut self.total, value),
            "Ratio" => field(&mut self.ratio, value),
            "Ok" => field(&mut self.ok, value),
            "Items" => field(&mut self.items, value),
            "First" => field(&mut self.first, value),
            "Any" => field(&mut self.any, value),
            _ => Ok(false),
        }
    }
}

crate::impl_deserialize!(Page);

#[test]
fn objects_are_read_member_by_member_with_unknown_members_ignored() {
    let body = br#"{"Total": "2", "Ratio": 1, "Ok": "False", "Undocumented": {"x": [1]},
        "Items": [{"Id": 7, "Size": "10", "Tags": {"a": 1, "b": null}}, null, {"Id": "i-2"}],
        "First": {"Id": true}, "Any": {"k": [1, "two"]}}"#;
    let page: Page = from_slice(body).unwrap();
    let expected = Page {
        total: Some(2),
        ratio: Some(1.0),
        ok: Some(false),
        items: vec![
            Item { id: Some("7".into()), size: Some(10), tags: [("a".to_owned(), "1".to_owned())].into() },
            Item { id: Some("i-2".into()), ..Item::default() },
        ],
        first: Some(Item { id: Some("true".into()), ..Item::default() }),
        any: Some(json!({"k": [1, "two"]})),
    };
    assert_eq!(page, expected);
    // serde's Deserialize goes the same way.
    assert_eq!(serde_json::from_slice::<Page>(body).unwrap(), expected);
    // A list of one as XML gives it (`crate::xml::to_value`): the element itself.
    let one: Page = from_value(json!({"Items": {"Id": "only"}})).unwrap();
    assert_eq!(one.items, [Item { id: Some("only".into()), ..Item::default() }]);
    assert_eq!(from_slice::<Page>(b"{}").unwrap(), Page::default());
    assert_eq!(from_slice::<Page>(b"null").unwrap(), Page::default());
    assert_eq!(
        from_slice::<Page>(br#"{"Total": "", "Ok": " ", "Items": null, "First": null}"#).unwrap(),
        Page::default()
    );
}

#[test]
fn a_member_that_cannot_be_read_fails_with_its_path() {
    let error = from_value::<Page>(json!({"Items": [{"Id": "a"}, {"Size": "big"}]})).unwrap_err();
    assert_eq!(error.path(), "Items[1].Size");
    assert_eq!(error.to_string(), r#"Items[1].Size: expected an integer, found "big""#);
    let error = from_value::<Page>(json!({"First": {"Tags": {"k": [1]}}})).unwrap_err();
    assert_eq!(error.to_string(), "First.Tags.k: expected a string, number or boolean, found an array");
    let error = from_value::<Page>(json!({"Items": {"Size": "big"}})).unwrap_err();
    assert_eq!(error.to_string(), r#"Items[0].Size: expected an integer, found "big""#);
    let error = from_value::<Page>(json!([1])).unwrap_err();
    assert_eq!(error.to_string(), "expected an object, found an array");
    let error = serde_json::from_str::<Page>(r#"{"Total": 1.5}"#).unwrap_err();
    assert_eq!(error.to_string(), "Total: expected an integer, found a fraction");
    assert!(from_slice::<Page>(b"{not json").is_err());
}
