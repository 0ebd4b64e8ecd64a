//! Types are recognised by their paths: an alias of `String` is not a string to the derive.
use alibabacloud_runtime::Validate;

type Name = String;

#[derive(Validate)]
struct Request {
    #[validate(length(max = 5))]
    name: Name,
}

fn main() {}
