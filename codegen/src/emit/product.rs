//! Per product: `<module>/mod.rs` (service description, client, re-exports); per crate: `lib.rs`.

use super::text::{self, doc_fmt, Doc};
use super::{ident, lit, rt, EmitOptions};
use crate::model::*;
use proc_macro2::TokenStream;
use quote::quote;

/// The token stream of `<module>/mod.rs`, with default options and no example.
pub fn product_module(p: &Product) -> TokenStream {
    product_module_with(p, &EmitOptions::default())
}

/// The token stream of `<module>/mod.rs`. When the crate is known (`options.examples`), its docs
/// end with a compiled example.
pub fn product_module_with(p: &Product, options: &EmitOptions) -> TokenStream {
    let rt = rt();
    let mut doc = doc_fmt!(
        "{} {}: typed, validated operations, generated from the API metadata.\n\n| Operation | Summary |\n| --- | --- |\n",
        text::prose(&p.code),
        text::prose(&p.version)
    );
    for op in &p.operations {
        let summary = op.docs.summary.as_deref().or(op.docs.title.as_deref()).unwrap_or_default();
        doc.push(&doc_fmt!(
            "| [{}]({}) | {} |\n",
            text::code(&op.action),
            text::name(&op.names.request),
            text::cell(summary)
        ));
    }
    doc.push(&doc_fmt!(
        "\nEvery request, response, error and shared type is re-exported here, so `use` needs only this \
         module's path. Call the operations through [`Client`]; the service is described by [`SERVICE`]."
    ));
    let krate = options.examples.as_deref().filter(|_| options.client);
    let doc = Doc::join([doc, krate.and_then(|k| pick_example(k, std::slice::from_ref(p))).unwrap_or_default()]);
    let module_docs = text::inner_attrs(&doc);
    let shared: Vec<&str> = p.shared_shapes().map(Shape::name).collect();
    let types_mod = if shared.is_empty() {
        quote! {}
    } else {
        let names = shared.iter().map(|n| ident(n));
        quote! {
            pub mod types;
            pub use types::{#(#names),*};
        }
    };
    let mods = p.operations.iter().map(|op| ident(&op.module));
    let reexports = p.operations.iter().map(|op| {
        let m = ident(&op.module);
        let mut names = vec![&op.names.request, &op.names.builder, &op.names.response, &op.names.error];
        let own: Vec<String> = p.own_shapes(&op.module).map(|s| s.name().to_string()).collect();
        names.extend(own.iter());
        let names = names.into_iter().map(|n| ident(n));
        quote! { pub use #m::{#(#names),*}; }
    });
    let (product, version, prefix) = (lit::str(&p.code), lit::str(&p.version), lit::str(&p.endpoint_prefix));
    let endpoints = p.endpoints.iter().map(|(r, h)| {
        let (r, h) = (lit::str(r), lit::str(h));
        quote! { (#r, #h) }
    });
    let service_doc = doc_fmt!(
        "{} {}: product code, API version and endpoints by region ({} elsewhere).",
        text::prose(&p.code),
        text::prose(&p.version),
        text::code(&p.default_host("<region>"))
    );
    let service_doc = text::attrs(&service_doc);
    let client_doc = doc_fmt!(
        "A client for {} {}: one async method per operation.\n\nCheap to clone: clones share one connection pool and configuration.",
        text::prose(&p.code),
        text::prose(&p.version)
    );
    let example = options.examples.as_deref().and_then(|krate| super::examples::client(krate, p));
    let client_doc = text::attrs(&Doc::join([client_doc, example.unwrap_or_default()]));
    let methods = p.operations.iter().map(|op| client_method(p, op, options));
    let client = if options.client {
        quote! {
            #client_doc
            #[derive(Debug, Clone)]
            pub struct Client {
                inner: #rt::Client,
            }

            impl Client {
                /// A client with this configuration (region, credentials, endpoint, retries, timeouts).
                pub fn new(config: #rt::Config) -> Self {
                    Client { inner: #rt::Client::new(config) }
                }

                /// A client on top of an existing runtime client, sharing its connections.
                pub fn from_runtime(inner: #rt::Client) -> Self {
                    Client { inner }
                }

                /// The runtime client underneath.
                pub fn runtime(&self) -> &#rt::Client {
                    &self.inner
                }

                /// Sends a request built beforehand (`…Request::builder()…build()?`) with the
                /// client's configuration: validated unless the client is lenient, signed, retried
                /// as configured.
                pub async fn send<R: #rt::OperationRequest>(&self, request: R) -> Result<R::Response, #rt::SdkError<R::Error>> {
                    self.inner.execute(&request, &#rt::CallOptions::default()).await
                }

                /// [`Client::send`] with this call's options (timeouts, retries, endpoint,
                /// validation, headers, `ClientToken` policy, credentials).
                pub async fn send_with<R: #rt::OperationRequest>(
                    &self,
                    request: R,
                    options: #rt::CallOptions,
                ) -> Result<R::Response, #rt::SdkError<R::Error>> {
                    self.inner.execute(&request, &options).await
                }

                #(#methods)*
            }
        }
    } else {
        quote! {}
    };
    quote! {
        #module_docs
        #types_mod
        #(pub mod #mods;)*

        #(#reexports)*

        #service_doc
        pub static SERVICE: #rt::Service = #rt::Service {
            product: #product,
            version: #version,
            endpoint_prefix: #prefix,
            endpoints: &[#(#endpoints),*],
        };

        #client
    }
}

fn client_method(p: &Product, op: &Operation, options: &EmitOptions) -> TokenStream {
    let m = ident(&op.module);
    let method = ident(&op.names.method);
    let summary = op.docs.summary.as_deref().or(op.docs.title.as_deref()).unwrap_or_default();
    let doc = Doc::join([
        Doc::markdown(summary),
        doc_fmt!(
            "Starts a {} call ({} {}): set its fields, then `.send().await` (`.customize(..)` changes this call's options). The request is checked against the documented constraints first (unless the client is lenient); a documented error code comes back as a [`{}`] variant. A request built beforehand goes through [`Client::send`].",
            text::code(&op.action),
            text::prose(&p.code),
            text::prose(&p.version),
            text::name(&op.names.error)
        ),
    ]);
    let docs = text::attrs(&doc);
    let deprecated = deprecated_attr(op);
    let builder = ident(&op.names.builder);
    let sender = super::binding::sender(op);
    let call = quote! {
        #docs
        #deprecated
        pub fn #method(&self) -> #m::#builder<#sender> {
            #m::#builder::fluent(self.inner.clone())
        }
    };
    let pages =
        op.pagination.as_ref().zip(op.names.paginator.as_ref()).map(|(pg, name)| paginator(p, op, pg, name, options));
    quote! { #call #pages }
}

fn paginator(p: &Product, op: &Operation, pg: &Pagination, name: &str, options: &EmitOptions) -> TokenStream {
    let rt = rt();
    let m = ident(&op.module);
    let method = ident(name);
    let (req, resp, err) = (ident(&op.names.request), ident(&op.names.response), ident(&op.names.error));
    let doc = doc_fmt!(
        "Every page of {}, as a stream: each item is one response; the stream ends after the last page or the first error.",
        text::code(&op.action)
    );
    let example = options.examples.as_deref().map(|krate| super::examples::paginator(krate, p, op, name));
    let doc = text::attrs(&Doc::join([doc, example.unwrap_or_default()]));
    let deprecated = deprecated_attr(op);
    // An operation with a binding goes through `execute`, which dispatches on it.
    let fetch = match &op.binding {
        Some(_) => quote! { client.inner.execute(&request, &#rt::CallOptions::default()).await },
        None => quote! { client.inner.invoke(&#m::OPERATION, &request).await },
    };
    let body = match pg {
        Pagination::Token { request_token, response_token } => {
            let (rq, rs) = (ident(request_token), ident(response_token));
            quote! {
                #rt::paginate::token_pages(request, move |request: #m::#req| {
                    let client = client.clone();
                    async move { #fetch }
                }, |request: &mut #m::#req, token: String| request.#rq = Some(token), |response: &#m::#resp| response.#rs.clone())
            }
        }
        Pagination::PageNumber { page_number, page_size, counters } => {
            let (pn, ps) = (ident(page_number), ident(page_size));
            let total = counter(&counters.total_count);
            let number = counters.page_number.as_ref().map_or_else(|| quote! { None }, counter);
            let size = counters.page_size.as_ref().map_or_else(|| quote! { None }, counter);
            let items = match counters.items.as_deref() {
                Some([list]) => {
                    let list = ident(list);
                    quote! { Some(response.#list.len()) }
                }
                Some([wrapper, list]) => {
                    let (wrapper, list) = (ident(wrapper), ident(list));
                    quote! { Some(response.#wrapper.as_ref().map_or(0, |w| w.#list.len())) }
                }
                _ => quote! { None },
            };
            quote! {
                #rt::paginate::numbered_pages(
                    request,
                    move |request: #m::#req| {
                        let client = client.clone();
                        async move { #fetch }
                    },
                    |request: &#m::#req| (request.#pn.map(i64::from), request.#ps.map(i64::from)),
                    |request: &mut #m::#req, page: i64| request.#pn = page.try_into().ok(),
                    |response: &#m::#resp| #rt::paginate::PageCounters {
                        page_number: #number,
                        page_size: #size,
                        total_count: #total,
                        items: #items,
                    },
                )
            }
        }
    };
    quote! {
        #doc
        #deprecated
        pub fn #method(&self, request: #m::#req) -> #rt::paginate::Pages<#m::#resp, #rt::SdkError<#m::#err>> {
            let client = self.clone();
            #rt::paginate::Pages::new(#body)
        }
    }
}

/// `#[deprecated]` for an operation the metadata marks deprecated.
fn deprecated_attr(op: &Operation) -> TokenStream {
    if op.deprecated {
        let note = text::note("marked deprecated in the API metadata");
        quote! { #[deprecated = #note] }
    } else {
        quote! {}
    }
}

/// A response counter as `Option<i64>`, whether the service sends it as a number or as text.
fn counter((field, ty): &(String, Type)) -> TokenStream {
    let f = ident(field);
    match ty {
        Type::String => quote! { response.#f.as_deref().and_then(|v| v.trim().parse::<i64>().ok()) },
        Type::Integer(IntWidth::I64) => quote! { response.#f },
        _ => quote! { response.#f.map(i64::from) },
    }
}

/// Options for the crate around the generated modules.
#[derive(Debug, Clone)]
pub struct CrateInfo<'a> {
    /// Package name of the generated crate (`alibabacloud-flowlog`).
    pub name: &'a str,
    /// Crate description for its front page.
    pub description: &'a str,
    /// Whether the crate has clients (the front page's example calls one).
    pub client: bool,
}

/// The token stream of `lib.rs`: crate docs with an example, and one module per product.
pub fn crate_root(products: &[Product], info: &CrateInfo<'_>) -> TokenStream {
    let krate = info.name.replace('-', "_");
    let mut doc = doc_fmt!(
        "{}\n\n| Module | Product | Version | Operations |\n| --- | --- | --- | --- |\n",
        text::prose(info.description)
    );
    for p in products {
        doc.push(&doc_fmt!(
            "| [`{}`] | {} | {} | {} |\n",
            text::name(&p.module),
            text::cell(&p.code),
            text::cell(&p.version),
            text::number(p.operations.len() as u64)
        ));
    }
    let example = if info.client { pick_example(&krate, products) } else { None };
    let front = text::inner_attrs(&Doc::join([doc, example.unwrap_or_default()]));
    // Module docs are the inner docs of each `mod.rs` (outer docs here would resolve its links
    // from the crate root).
    let mods = products.iter().map(|p| ident(&p.module));
    quote! {
        #front
        #![forbid(unsafe_code)]
        #(pub mod #mods;)*

        pub use alibabacloud_runtime as runtime;
    }
}

/// An example for the first `Create...` operation of `products` (or the first operation).
fn pick_example(krate: &str, products: &[Product]) -> Option<Doc> {
    let pick = |create: bool| {
        products.iter().find_map(|p| {
            p.operations
                .iter()
                .find(|op| !create || op.action.starts_with("Create"))
                .map(|op| super::examples::call(krate, p, op))
        })
    };
    pick(true).or_else(|| pick(false))
}
