//! Three mistakes, three errors, and no "`Validate` is not implemented" on top: the derive still
//! emits an impl.
use alibabacloud_runtime::Validate;

#[derive(Validate)]
struct Request {
    #[validate(required)]
    region_id: String,
    #[validate(length(min = 5, max = 1))]
    name: Option<String>,
    #[validate(pattern = "(")]
    project: Option<String>,
}

fn needs_validate<T: Validate>(_: &T) {}

fn main() {
    let request = Request { region_id: String::new(), name: None, project: None };
    needs_validate(&request);
    let _ = request.validate();
}
