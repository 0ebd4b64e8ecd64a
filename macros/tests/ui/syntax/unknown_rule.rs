use alibabacloud_runtime::Validate;

#[derive(Validate)]
struct Request {
    #[validate(lenght(max = 128))]
    name: Option<String>,
    #[validate(crate = "::alibabacloud_runtime")]
    other: Option<String>,
    #[validate(maximum = 3)]
    third: Option<String>,
}

fn main() {}
