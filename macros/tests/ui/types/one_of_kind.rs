use alibabacloud_runtime::Validate;

#[derive(Validate)]
struct Request {
    #[validate(one_of(1, 5, 10))]
    name: Option<String>,
    #[validate(one_of("1", "5"))]
    interval: Option<i32>,
    #[validate(one_of(1.5))]
    ratio: f64,
    #[validate(one_of(300))]
    small: u8,
}

fn main() {}
