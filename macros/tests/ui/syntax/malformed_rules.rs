use alibabacloud_runtime::Validate;

#[derive(Validate)]
struct Request {
    #[validate(length = 5)]
    a: String,
    #[validate(length(max))]
    b: String,
    #[validate(length(mx = 5))]
    c: String,
    #[validate(required = true)]
    d: Option<String>,
    #[validate(wire("Name"))]
    e: String,
    #[validate(pattern = 5)]
    f: String,
    #[validate(items())]
    g: Vec<String>,
    #[validate(length(max = MAX))]
    h: String,
    #[validate(not_starts_with(http))]
    i: String,
    #[validate(custom)]
    j: String,
    #[validate(one_of("a", 1))]
    k: String,
    #[validate(wire = )]
    l: String,
    #[validate(length(max = ))]
    m: String,
}

fn main() {}
