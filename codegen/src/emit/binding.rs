//! Operations with a [`Binding`] (SLS, OSS, PDS, and ACS3 operations with raw bodies, list or text
//! answers, or documented response headers): the `BINDING` static, response types that read the
//! whole body, the headers or a byte stream, and the runtime call a client method makes.
//!
//! The model decided everything (which operations have a binding, body formats, which response
//! field comes from where: [`Origin`]); this module writes it down per `docs/ARCHITECTURE.md`,
//! contract 2b.

use super::text::{self, doc_fmt, Doc};
use super::{field_type, ident, lit, rt, rust_type, types, Validation};
use crate::model::*;
use proc_macro2::TokenStream;
use quote::quote;

/// `pub static BINDING: Binding = Binding::new(Protocol::Sls, BodyFormat::None, BodyFormat::Json);`
pub fn binding_static(product: &Product, op: &Operation, binding: &Binding) -> TokenStream {
    let rt = rt();
    let protocol = ident(match product.protocol {
        Protocol::Acs3 => "Acs3",
        Protocol::Sls => "Sls",
        Protocol::Oss => "Oss",
        Protocol::Pds => "Pds",
    });
    let (request, response) = (format(binding.request), format(binding.response));
    let doc = doc_fmt!(
        "How {} is framed for its protocol ({} {}): the request body is {}, the answer {}.",
        text::code(&op.action),
        text::prose(&product.code),
        text::prose(&product.version),
        text::prose(words(binding.request)),
        text::prose(words(binding.response))
    );
    let doc = text::attrs(&doc);
    quote! {
        #doc
        pub static BINDING: #rt::binding::Binding = #rt::binding::Binding::new(
            #rt::binding::Protocol::#protocol,
            #rt::binding::BodyFormat::#request,
            #rt::binding::BodyFormat::#response,
        );
    }
}

fn format(f: BodyFormat) -> proc_macro2::Ident {
    ident(match f {
        BodyFormat::None => "None",
        BodyFormat::Json => "Json",
        BodyFormat::Xml => "Xml",
        BodyFormat::Text => "Text",
        BodyFormat::Binary => "Binary",
    })
}

fn words(f: BodyFormat) -> &'static str {
    match f {
        BodyFormat::None => "empty",
        BodyFormat::Json => "JSON",
        BodyFormat::Xml => "XML",
        BodyFormat::Text => "text",
        BodyFormat::Binary => "bytes",
    }
}

/// Whether the response holds the answer's byte stream (and so is neither `Clone` nor serde).
pub fn streams(op: &Operation) -> bool {
    op.response.fields.iter().any(|f| f.ty == Type::Stream)
}

/// The type the runtime reads the answer's body into (the `T` of `Output<T>`): the response itself
/// for objects (and bodies that are not read), the whole body's type, or the byte stream.
pub fn answer_type(op: &Operation) -> TokenStream {
    match op.response.fields.iter().find(|f| f.origin == Origin::WholeBody) {
        Some(f) => rust_type(&f.ty),
        None => {
            let resp = ident(&op.names.response);
            quote! { #resp }
        }
    }
}

/// The response type of an operation whose answer is a byte stream: `Debug` only, the stream as
/// `body`, the documented headers beside it.
pub fn streaming_response(op: &Operation, docs: &Doc, validation: Validation) -> TokenStream {
    let rt = rt();
    let docs = text::attrs(docs);
    let name = ident(&op.names.response);
    let fields = op.response.fields.iter().map(|f| {
        let doc = text::attrs(&field_doc(f, validation));
        let (name, ty) = (ident(&f.ident), field_type(&f.ty));
        quote! { #doc pub #name: #ty, }
    });
    quote! {
        #docs
        #[derive(Debug)]
        #[non_exhaustive]
        pub struct #name {
            /// The fields every response may carry; the request id comes from the protocol's
            /// response header.
            pub envelope: #rt::Envelope,
            #(#fields)*
        }
    }
}

/// The documentation of a response field, saying where it is read from.
pub fn field_doc(f: &Field, validation: Validation) -> Doc {
    let from = match &f.origin {
        Origin::Body => return types::field_doc(f, false, validation),
        Origin::WholeBody if f.ty == Type::Stream => {
            doc_fmt!("The answer's body, as it arrives: read it chunk by chunk, nothing is held whole.")
        }
        Origin::WholeBody => doc_fmt!("The answer's whole body."),
        Origin::Header(name) => doc_fmt!("Read from the {} response header.", text::code(name)),
        Origin::HeaderPrefix(prefix) => {
            doc_fmt!("Every response header whose name starts with {}, by the rest of its name.", text::code(prefix))
        }
    };
    let head = f.docs.description.as_deref().or(f.docs.title.as_deref()).unwrap_or_default();
    Doc::join([Doc::markdown(head), from])
}

/// `impl Response { pub fn from_output(output) -> Self }`: the response from what the runtime
/// read, the documented headers and the request id included.
pub fn from_output(op: &Operation) -> TokenStream {
    let rt = rt();
    let name = ident(&op.names.response);
    let answer = answer_type(op);
    let headers: Vec<TokenStream> = op
        .response
        .fields
        .iter()
        .filter_map(|f| {
            let field = ident(&f.ident);
            let value = match &f.origin {
                Origin::Header(header) => {
                    let header = lit::str(header);
                    match f.ty {
                        Type::String => quote! { output.headers.get(#header).map(str::to_owned) },
                        _ => quote! { output.headers.parse(#header) },
                    }
                }
                Origin::HeaderPrefix(prefix) => {
                    let prefix = lit::str(prefix);
                    quote! { output.headers.with_prefix(#prefix).map(|(k, v)| (k.to_owned(), v.to_owned())).collect() }
                }
                Origin::Body | Origin::WholeBody => return None,
            };
            Some(quote! { #field: #value, })
        })
        .collect();
    let whole = op.response.fields.iter().find(|f| f.origin == Origin::WholeBody);
    let body = match whole {
        Some(f) if f.ty == Type::Stream => {
            let field = ident(&f.ident);
            quote! {
                let mut envelope = #rt::Envelope::default();
                envelope.request_id = output.request_id;
                #name { envelope, #(#headers)* #field: output.value }
            }
        }
        Some(f) => {
            let field = ident(&f.ident);
            let value = if crate::emit::is_collection(&f.ty) {
                quote! { output.value }
            } else {
                quote! { Some(output.value) }
            };
            quote! {
                let mut response = #name { #(#headers)* #field: #value, ..#name::default() };
                response.envelope.request_id = output.request_id;
                response
            }
        }
        None => quote! {
            let request_id = output.request_id;
            let mut response = #name { #(#headers)* ..output.value };
            if response.envelope.request_id.is_none() {
                response.envelope.request_id = request_id;
            }
            response
        },
    };
    let doc = doc_fmt!(
        "The response from an answer as [`alibabacloud_runtime::Client::call`] gives it: the body, the documented response headers and the request id (from the protocol's response header when the body has none). Generated client methods call it; it is public for calls made with the runtime client directly."
    );
    let doc = text::attrs(&doc);
    quote! {
        impl #name {
            #doc
            pub fn from_output(output: #rt::Output<#answer>) -> Self {
                #body
            }
        }
    }
}

/// The runtime call of a client method, an expression of type `Result<Response, SdkError<Error>>`
/// given `client` (an expression for the runtime client), `request` and, for a binary body,
/// `body` (`Option<Body>`). `m` is the path of the operation's module.
pub fn call(op: &Operation, binding: &Binding, client: &TokenStream, m: &TokenStream) -> TokenStream {
    let (resp, err) = (ident(&op.names.response), ident(&op.names.error));
    // Names of shapes resolve where client methods live: the product module re-exports them.
    let answer = match op.response.fields.iter().find(|f| f.origin == Origin::WholeBody) {
        Some(f) => rust_type(&f.ty),
        None => quote! { #m::#resp },
    };
    let call = match (binding.body.is_some(), streams(op)) {
        (true, true) => {
            quote! { #client.call_streaming::<_, #m::#err>(&#m::OPERATION, &#m::BINDING, &request, body).await }
        }
        (false, true) => {
            quote! { #client.call_streaming::<_, #m::#err>(&#m::OPERATION, &#m::BINDING, &request, None).await }
        }
        (true, false) => quote! {
            match body {
                Some(body) => #client.call_with_body::<_, #answer, #m::#err>(&#m::OPERATION, &#m::BINDING, &request, body).await,
                None => #client.call::<_, #answer, #m::#err>(&#m::OPERATION, &#m::BINDING, &request).await,
            }
        },
        (false, false) => {
            quote! { #client.call::<_, #answer, #m::#err>(&#m::OPERATION, &#m::BINDING, &request).await }
        }
    };
    quote! { (#call).map(#m::#resp::from_output) }
}

/// The client method of an operation with a binding: the request, and a `body: Option<Body>` when
/// the operation takes a binary body.
pub fn client_method(p: &Product, op: &Operation, binding: &Binding) -> TokenStream {
    let rt = rt();
    let m = ident(&op.module);
    let m = quote! { #m };
    let method = ident(&op.names.method);
    let (req, resp, err) = (ident(&op.names.request), ident(&op.names.response), ident(&op.names.error));
    let summary = op.docs.summary.as_deref().or(op.docs.title.as_deref()).unwrap_or_default();
    let body_doc = match &binding.body {
        Some(b) => doc_fmt!(
            "The request body ({}) is `body`: bytes are sent as they are and retried like any call; a stream is sent as it is read{}, and the call is then attempted once.",
            text::code(&b.wire),
            text::prose(if p.protocol == Protocol::Oss { ", never held whole" } else { " (read whole first: the signature covers its hash)" })
        ),
        None => Doc::default(),
    };
    let doc = Doc::join([
        Doc::markdown(summary),
        doc_fmt!(
            "Calls {} ({} {}). The request is checked against the documented constraints first (unless the client is lenient); a documented error code comes back as a [`{}`] variant.",
            text::code(&op.action),
            text::prose(&p.code),
            text::prose(&p.version),
            text::name(&op.names.error)
        ),
        body_doc,
    ]);
    let docs = text::attrs(&doc);
    let deprecated = deprecated(op);
    let body_arg = binding.body.as_ref().map(|_| quote! { , body: Option<#rt::body::Body> });
    let call = call(op, binding, &quote! { self.inner }, &m);
    quote! {
        #docs
        #deprecated
        pub async fn #method(&self, request: #m::#req #body_arg) -> Result<#m::#resp, #rt::SdkError<#m::#err>> {
            #call
        }
    }
}

fn deprecated(op: &Operation) -> TokenStream {
    if op.deprecated {
        let note = text::note("marked deprecated in the API metadata");
        quote! { #[deprecated = #note] }
    } else {
        quote! {}
    }
}
