use alibabacloud_runtime::Validate;

#[derive(Validate)]
struct Request {
    #[validate(length(max = 5), length(max = 6))]
    a: String,
    #[validate(required)]
    #[validate(wire = "B", required, wire = "Bee")]
    b: Option<String>,
    #[validate(secret, secret)]
    c: String,
    #[validate(each(length(max = 1)), each(length(max = 2)))]
    d: Vec<String>,
}

fn main() {}
