use alibabacloud_runtime::Validate;

#[derive(Validate)]
struct Request {
    #[validate(length(min = 5, max = 1))]
    a: String,
    #[validate(items(min = 3, max = 2))]
    b: Vec<String>,
    #[validate(length(min = -1))]
    c: String,
    #[validate(length(max = 1.5))]
    d: String,
}

fn main() {}
