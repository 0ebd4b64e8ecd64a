use alibabacloud_runtime::Validate;

#[derive(Validate)]
enum Choice {
    A,
}

#[derive(Validate)]
struct Tuple(#[validate(required)] Option<String>);

#[derive(Validate)]
union Bits {
    a: u32,
}

fn main() {}
