//! Short examples for the rustdoc of the items a user calls first: the product's `Client`, its
//! paginators and each operation's error enum.
//!
//! Examples name the crate (`alibabacloud_flowlog::vpc::Client`), so they are emitted only when
//! the crate is known ([`EmitOptions::examples`](super::EmitOptions::examples)): not for code a
//! build script writes, which lives in a module of someone else's crate. Values come from the
//! model through `{:?}` (Rust string literals), so no metadata text can break out of an example.

use crate::model::{Operation, Product, Type};

/// Setters for the required fields of `op`'s request, one per line (`\n    .region_id("...")`),
/// with the documented example value where there is one.
pub(crate) fn required_setters(p: &Product, op: &Operation) -> String {
    let mut setters = String::new();
    for f in op.request.fields.iter().filter(|f| f.required) {
        let value = match &f.ty {
            Type::String => format!("{:?}", f.example.clone().unwrap_or_else(|| "example".into())),
            Type::Enum(name) => {
                let first = p.value_set(name).and_then(|e| e.variants.first()).map(|v| v.value.clone());
                format!("{:?}", first.unwrap_or_default())
            }
            Type::Integer(_) => f.example.as_deref().and_then(|e| e.parse::<i64>().ok()).unwrap_or(1).to_string(),
            Type::Float => "1.0".into(),
            Type::Boolean => "true".into(),
            _ => continue,
        };
        setters.push_str(&format!("\n    .{}({value})", f.setter.name));
    }
    setters
}

/// The operation a client example calls: the first that only reads (`Describe*`, `List*`,
/// `Get*`), else the first.
fn read_only(p: &Product) -> Option<&Operation> {
    let reads = |o: &&Operation| ["Describe", "List", "Get", "Query"].iter().any(|v| o.action.starts_with(v));
    p.operations.iter().find(reads).or(p.operations.first())
}

/// `# Example` for the product's `Client`: configure, build a request, call.
pub fn client(krate: &str, p: &Product) -> Option<String> {
    let op = read_only(p)?;
    Some(format!(
        "# Example\n\n```no_run\nuse {krate}::runtime::Config;\nuse {krate}::{m}::{{Client, {req}}};\n\n\
         # async fn run() -> Result<(), Box<dyn std::error::Error>> {{\n\
         // Region and credentials from the environment (ALIBABA_CLOUD_ACCESS_KEY_ID, ...).\n\
         let client = Client::new(Config::from_env().region(\"cn-hangzhou\").build()?);\n\
         let request = {req}::builder(){setters}\n    .build()?;\n\
         let response = client.{method}(request).await?;\nprintln!(\"{{response:?}}\");\n# Ok(())\n# }}\n```",
        m = p.module,
        req = op.names.request,
        method = op.names.method,
        setters = required_setters(p, op),
    ))
}

/// `# Example` for a `*_pages` method: every page, as a stream.
pub fn paginator(krate: &str, p: &Product, op: &Operation, method: &str) -> String {
    format!(
        "# Example\n\n```no_run\nuse {krate}::runtime::{{paginate::StreamExt as _, Config}};\nuse {krate}::{m}::{{Client, {req}}};\n\n\
         # async fn run() -> Result<(), Box<dyn std::error::Error>> {{\n\
         let client = Client::new(Config::from_env().region(\"cn-hangzhou\").build()?);\n\
         let request = {req}::builder(){setters}\n    .build()?;\n\
         let mut pages = std::pin::pin!(client.{method}(request));\n\
         while let Some(page) = pages.next().await {{\n    println!(\"{{:?}}\", page?);\n}}\n# Ok(())\n# }}\n```",
        m = p.module,
        req = op.names.request,
        setters = required_setters(p, op),
    )
}

/// `# Example` for an operation's error enum: how an error answer of the service becomes a
/// variant (a call returns it as `SdkError::Service`), and how to match it. It runs as a doctest.
pub fn error_enum(krate: &str, p: &Product, op: &Operation) -> String {
    let err = &op.names.error;
    let (code, pattern, print) = match op.errors.first() {
        Some(e) => match &e.template {
            Some((prefix, suffix)) => (
                format!("{prefix}Example{suffix}"),
                format!("{err}::{} {{ value, error }}", e.variant),
                "println!(\"{} names {value}\", error.code())",
            ),
            None => (e.code.clone(), format!("{err}::{}(e)", e.variant), "println!(\"{}: {}\", e.code(), e.message())"),
        },
        None => (
            "Some.UndocumentedCode".to_string(),
            format!("{err}::{}(e)", crate::model::FALLBACK_VARIANT),
            "println!(\"undocumented: {}\", e.code())",
        ),
    };
    format!(
        "# Example\n\n```\nuse {krate}::runtime::{{OperationError, ServiceError}};\nuse {krate}::{m}::{err};\n\n\
         // What a call returns as `SdkError::Service(error)` when the service answers with this code.\n\
         let error = {err}::from_service_error(ServiceError::new({code:?}, \"the message\", 400));\n\
         match &error {{\n    {pattern} => {print},\n    \
         other => println!(\"another code: {{}}\", other.service_error().code()),\n}}\n```",
        m = p.module,
    )
}
