use alibabacloud_runtime::Validate;

#[derive(Validate)]
struct Request {
    #[validate(each(wire = "Item", secret))]
    a: Vec<String>,
    #[validate(wire = "")]
    b: String,
    #[validate(not_starts_with(""), not_contains("x", ""))]
    c: String,
    #[validate(each(required))]
    d: Vec<String>,
}

fn main() {}
