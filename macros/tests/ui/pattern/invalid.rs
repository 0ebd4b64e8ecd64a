use alibabacloud_runtime::Validate;

#[derive(Validate)]
struct Request {
    #[validate(pattern = "^[a-z")]
    a: String,
    #[validate(pattern = "^(?=a)b$")]
    b: String,
    #[validate(pattern = "(a)\\1")]
    c: String,
    #[validate(pattern = "\\p{NotAClass}")]
    d: String,
    #[validate(pattern = "x{2,1}")]
    e: String,
}

fn main() {}
