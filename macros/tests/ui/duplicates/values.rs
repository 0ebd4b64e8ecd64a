use alibabacloud_runtime::Validate;

#[derive(Validate)]
#[validate(crate = "::alibabacloud_runtime")]
#[validate(crate = "::alibabacloud_runtime")]
struct Request {
    #[validate(length(max = 5, max = 6))]
    a: String,
    #[validate(one_of("x", "y", "x"))]
    b: String,
    #[validate(one_of(1, 2, 2))]
    c: i32,
    #[validate(not_starts_with("http://", "http://"))]
    d: String,
    #[validate(not_contains("a", "b", "a"))]
    e: String,
}

fn main() {}
