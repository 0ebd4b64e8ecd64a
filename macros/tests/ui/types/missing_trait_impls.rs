//! Errors the compiler finds, pointed at the rule that needs them.
use alibabacloud_runtime::Validate;

struct NotValidate;

enum NotKnown {
    A,
}

fn wrong_signature(_: &u32) -> bool {
    true
}

#[derive(Validate)]
struct Request {
    #[validate(nested)]
    inner: NotValidate,
    #[validate(known)]
    kind: Option<NotKnown>,
    #[validate(custom = wrong_signature)]
    count: u32,
}

fn main() {
    let _ = NotKnown::A;
}
