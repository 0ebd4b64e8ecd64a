use alibabacloud_runtime::Validate;

#[derive(Validate)]
#[validate(crate = "not a path", rename_all = "PascalCase")]
struct Request {
    #[validate]
    a: Option<String>,
    #[validate = "required"]
    b: Option<String>,
    #[validate[required]]
    c: Option<String>,
}

fn main() {}
