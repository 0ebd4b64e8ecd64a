//! Short examples for the rustdoc of the items a user calls first: the product's module page and
//! `Client`, its paginators, each operation's error enum, and the crate's front page.
//!
//! Examples name the crate (`alibabacloud_flowlog::vpc::Client`), so they are emitted only when
//! the crate is known ([`EmitOptions::examples`](super::EmitOptions::examples)): not for code a
//! build script writes, which lives in a module of someone else's crate. Every piece taken from
//! the model goes in through [`super::text`]: names as identifiers, values as Rust string
//! literals ([`text::rust_str`]), so no metadata text can break out of an example.

use super::text::{self, doc_fmt, Doc};
use crate::model::{Operation, Product, Type, FALLBACK_VARIANT};

/// Setters for the required fields of `op`'s request, one per line (`\n    .region_id("...")`),
/// with the documented example value where there is one.
pub(crate) fn required_setters(p: &Product, op: &Operation) -> Doc {
    let mut setters = Doc::default();
    for f in op.request.fields.iter().filter(|f| f.required) {
        let setter = text::name(&f.setter.name);
        let line = match &f.ty {
            Type::String => {
                doc_fmt!("\n    .{}({})", setter, text::rust_str(f.example.as_deref().unwrap_or("example")))
            }
            Type::Enum(name) => {
                let first = p.value_set(name).and_then(|e| e.variants.first()).map(|v| v.value.as_str());
                doc_fmt!("\n    .{}({})", setter, text::rust_str(first.unwrap_or_default()))
            }
            Type::Integer(_) => {
                let value = f.example.as_deref().and_then(|e| e.parse::<i64>().ok()).unwrap_or(1);
                doc_fmt!("\n    .{}({})", setter, text::number(value))
            }
            Type::Float => doc_fmt!("\n    .{}(1.0)", setter),
            Type::Boolean => doc_fmt!("\n    .{}(true)", setter),
            _ => continue,
        };
        setters.push(&line);
    }
    setters
}

/// The operation a client example calls: the first that only reads (`Describe*`, `List*`,
/// `Get*`), else the first.
fn read_only(p: &Product) -> Option<&Operation> {
    let reads = |o: &&Operation| ["Describe", "List", "Get", "Query"].iter().any(|v| o.action.starts_with(v));
    p.operations.iter().find(reads).or(p.operations.first())
}

/// `# Example` for the product's `Client`: configure, make a fluent call.
pub fn client(krate: &str, p: &Product) -> Option<Doc> {
    let op = read_only(p)?;
    let (krate, m) = (text::name(krate), text::name(&p.module));
    let mut doc = doc_fmt!(
        "# Example\n\n```no_run\nuse {}::runtime::Config;\nuse {}::{}::Client;\n\n\
         # async fn run() -> Result<(), Box<dyn std::error::Error>> {{\n\
         // Region and credentials from the environment (ALIBABA_CLOUD_ACCESS_KEY_ID, ...).\n\
         let client = Client::new(Config::from_env().region(\"cn-hangzhou\").build()?);\n\
         let response = client\n    .{}()",
        krate,
        krate,
        m,
        text::name(&op.names.method)
    );
    doc.push(&required_setters(p, op));
    doc.push(&doc_fmt!("\n    .send()\n    .await?;\nprintln!(\"{{response:?}}\");\n# Ok(())\n# }}\n```"));
    Some(doc)
}

/// `# Example` for a `*_pages` method: every page, as a stream.
pub fn paginator(krate: &str, p: &Product, op: &Operation, method: &str) -> Doc {
    let (krate, m, req) = (text::name(krate), text::name(&p.module), text::name(&op.names.request));
    let mut doc = doc_fmt!(
        "# Example\n\n```no_run\nuse {}::runtime::Config;\nuse {}::{}::{{Client, {}}};\n\n\
         # async fn run() -> Result<(), Box<dyn std::error::Error>> {{\n\
         let client = Client::new(Config::from_env().region(\"cn-hangzhou\").build()?);\n\
         let request = {}::builder()",
        krate,
        krate,
        m,
        req,
        req
    );
    doc.push(&required_setters(p, op));
    doc.push(&doc_fmt!(
        "\n    .build()?;\nlet mut pages = std::pin::pin!(client.{}(request));\n\
         while let Some(page) = pages.next().await {{\n    println!(\"{{:?}}\", page?);\n}}\n# Ok(())\n# }}\n```",
        text::name(method)
    ));
    doc
}

/// `# Example` for an operation's error enum: how an error answer of the service becomes a
/// variant (a call returns it as `SdkError::Service`), and how to match it. It runs as a doctest.
pub fn error_enum(krate: &str, p: &Product, op: &Operation) -> Doc {
    let err = text::name(&op.names.error);
    let (krate, m) = (text::name(krate), text::name(&p.module));
    let (code, arm) = match op.errors.first() {
        Some(e) => match &e.template {
            Some((prefix, suffix)) => (
                text::rust_str(&format!("{prefix}Example{suffix}")),
                doc_fmt!(
                    "    {}::{} {{ value, error }} => println!(\"{{}} names {{value}}\", error.code()),\n",
                    err,
                    text::name(&e.variant)
                ),
            ),
            None => (
                text::rust_str(&e.code),
                doc_fmt!(
                    "    {}::{}(e) => println!(\"{{}}: {{}}\", e.code(), e.message()),\n",
                    err,
                    text::name(&e.variant)
                ),
            ),
        },
        None => (
            text::rust_str("Some.UndocumentedCode"),
            doc_fmt!(
                "    {}::{}(e) => println!(\"undocumented: {{}}\", e.code()),\n",
                err,
                text::name(FALLBACK_VARIANT)
            ),
        ),
    };
    let mut doc = doc_fmt!(
        "# Example\n\n```\nuse {}::runtime::{{OperationError, ServiceError}};\nuse {}::{}::{};\n\n\
         // What a call returns as `SdkError::Service(error)` when the service answers with this code.\n\
         let error = {}::from_service_error(ServiceError::new({}, \"the message\", 400));\nmatch &error {{\n",
        krate,
        krate,
        m,
        err,
        err,
        code
    );
    doc.push(&arm);
    doc.push(&doc_fmt!("    other => println!(\"another code: {{}}\", other.service_error().code()),\n}}\n```"));
    doc
}

/// `# Example` for a product module page and the crate's front page: a fluent call (every
/// violation reported at once before anything is sent), and a documented error matched.
pub fn call(krate: &str, p: &Product, op: &Operation) -> Doc {
    let (krate, m) = (text::name(krate), text::name(&p.module));
    let err = text::name(&op.names.error);
    let mut doc = doc_fmt!(
        "# Example\n\n```no_run\nuse {}::{}::{{Client, {}}};\nuse {}::runtime::{{Config, SdkError}};\n\n\
         # async fn run() -> Result<(), Box<dyn std::error::Error>> {{\n\
         // Credentials from the environment (ALIBABA_CLOUD_ACCESS_KEY_ID, ...), the CLI profile, ...\n\
         let client = Client::new(Config::from_env().region(\"cn-hangzhou\").build()?);\n\n\
         // `send` checks every documented constraint first and reports all violations at once.\n\
         let result = client\n    .{}()",
        krate,
        m,
        err,
        krate,
        text::name(&op.names.method)
    );
    doc.push(&required_setters(p, op));
    doc.push(&doc_fmt!(
        "\n    .send()\n    .await;\n\nmatch result {{\n    Ok(response) => println!(\"{{response:?}}\"),\n"
    ));
    if let Some(e) = op.errors.first() {
        let v = text::name(&e.variant);
        doc.push(&if e.template.is_some() {
            doc_fmt!("    Err(SdkError::Service({}::{} {{ value, .. }})) => eprintln!(\"the service names {{value}}\"),\n", err, v)
        } else {
            doc_fmt!(
                "    Err(SdkError::Service({}::{}(e))) => eprintln!(\"{{}} (request {{:?}})\", e.code(), e.request_id()),\n",
                err,
                v
            )
        });
    }
    doc.push(&doc_fmt!("    Err(e) => return Err(e.into()),\n}}\n# Ok(())\n# }}\n```"));
    doc
}
