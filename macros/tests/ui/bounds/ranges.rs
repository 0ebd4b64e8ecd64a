use alibabacloud_runtime::Validate;

#[derive(Validate)]
struct Request {
    #[validate(range(min = 10, max = 1))]
    a: i32,
    #[validate(range(exclusive_min = 1, exclusive_max = 1))]
    b: i32,
    #[validate(range(min = 0, exclusive_min = 0))]
    c: i32,
    #[validate(range(min = 256))]
    d: u8,
    #[validate(range(min = -1))]
    e: u32,
    #[validate(range(max = 0.5))]
    f: i64,
    #[validate(range(max = 1e39))]
    g: f32,
    #[validate(range(max = "10"))]
    h: i32,
}

fn main() {}
