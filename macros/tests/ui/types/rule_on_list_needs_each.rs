use alibabacloud_runtime::Validate;

#[derive(Validate)]
struct Request {
    #[validate(length(max = 128))]
    names: Vec<String>,
    #[validate(not_contains("http://"))]
    urls: Option<Vec<String>>,
    #[validate(each(range(min = 1)))]
    ports: Vec<String>,
}

fn main() {}
