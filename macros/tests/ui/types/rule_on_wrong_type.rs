use alibabacloud_runtime::Validate;

#[derive(Validate)]
struct Request {
    #[validate(length(max = 5))]
    a: Option<u32>,
    #[validate(range(min = 1))]
    b: String,
    #[validate(required)]
    c: String,
    #[validate(items(max = 2))]
    d: Option<String>,
    #[validate(each(length(max = 2)))]
    e: String,
    #[validate(pattern = "^a$")]
    f: bool,
    #[validate(nested)]
    g: Option<String>,
    #[validate(known)]
    h: String,
    #[validate(range(max = 1))]
    i: u128,
}

fn main() {}
