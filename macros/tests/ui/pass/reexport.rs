//! The trait and the derive share the name `Validate`, as serde's do: one import brings both.
use alibabacloud_runtime::Validate;

#[derive(Validate)]
struct Tag {
    #[validate(wire = "Key", length(max = 128), not_starts_with("acs:"))]
    key: Option<String>,
}

#[derive(alibabacloud_runtime::Validate)]
#[validate(crate = "::alibabacloud_runtime")]
struct Request {
    #[validate(wire = "Tag", items(max = 20), nested)]
    tag: Vec<Tag>,
}

fn main() {
    let request = Request { tag: vec![Tag { key: Some("acs:x".into()) }] };
    let report = request.validate().unwrap_err();
    assert_eq!(report.violations()[0].wire_path(), "Tag.1.Key");
}
