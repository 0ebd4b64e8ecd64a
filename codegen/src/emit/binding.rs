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

/// The `Encode` impl of a request with a binding: the plain encoding (which `OperationRequest`
/// asks for) and `alibabacloud_runtime::encode::Encode::encode_styled`, both from
/// the same values in the order of `OPERATION.params`.
pub fn encode_impl(op: &Operation) -> TokenStream {
    let rt = rt();
    let name = ident(&op.request.name);
    let allow = if op.request.fields.iter().any(|f| f.case_variant.as_ref().is_some_and(|v| v.deprecated)) {
        quote! { #[allow(deprecated)] }
    } else {
        quote! {}
    };
    let values: Vec<TokenStream> = op
        .request
        .fields
        .iter()
        .map(|f| {
            let field = ident(&f.ident);
            quote! { &self.#field }
        })
        .collect();
    quote! {
        #allow
        impl #rt::encode::Encode for #name {
            /// The value of each parameter of [`OPERATION`], in its order.
            fn encode(&self, op: &#rt::Operation) -> Result<#rt::wire::EncodedRequest, #rt::error::ConstructionError> {
                #rt::encode::encode(op, &[#(#values),*])
            }

            /// The same values, written as [`BINDING`] says.
            fn encode_styled(&self, op: &#rt::Operation, binding: &#rt::binding::Binding) -> Result<#rt::binding::StyledRequest, #rt::error::ConstructionError> {
                #rt::binding::encode_params(op, binding, &[#(#values),*])
            }
        }
    }
}

/// The sender of the operation's fluent builder: `alibabacloud_runtime::FluentBody` for an
/// operation with a binary request body, `Fluent` otherwise.
pub fn sender(op: &Operation) -> TokenStream {
    let rt = rt();
    if op.binding.as_ref().is_some_and(|b| b.body.is_some()) {
        quote! { #rt::FluentBody }
    } else {
        quote! { #rt::Fluent }
    }
}

/// The fluent half of the request builder of an operation with a binding: `customize`, `body`
/// (binary request bodies) and `send`, and the trait that lets a client send the request
/// (`OperationRequest` with the binding, or `StreamingRequest` for answers that stream).
pub fn fluent_impl(product: &Product, op: &Operation, binding: &Binding) -> TokenStream {
    let rt = rt();
    let request = ident(&op.names.request);
    let builder = ident(&op.names.builder);
    let (response, error) = (ident(&op.names.response), ident(&op.names.error));
    let sender = sender(op);
    let send_doc = text::attrs(&doc_fmt!(
        "Sends the {} request: checked against the documented constraints first (unless the client or the call is lenient: nothing is sent then), signed, retried as configured; a documented error code comes back as a [`{}`] variant.",
        text::code(&op.action),
        text::name(&op.names.error)
    ));
    let body = binding.body.as_ref().map(|b| {
        let head = b.docs.description.as_deref().or(b.docs.title.as_deref()).unwrap_or_default();
        let doc = Doc::join([
            Doc::markdown(head),
            doc_fmt!(
                "Sets the request body ({}): bytes are sent as they are and the call is retried like any other; a stream ([`{}::body::Body::from_reader`], [`{}::body::Body::from_stream`]) is sent as it is read{}, and the call is then attempted once.",
                text::code(&b.wire),
                text::name("alibabacloud_runtime"),
                text::name("alibabacloud_runtime"),
                text::prose(if product.protocol == Protocol::Oss {
                    ", never held whole"
                } else {
                    " (read whole first: the signature covers its hash)"
                })
            ),
        ]);
        let doc = text::attrs(&doc);
        quote! {
            #doc
            pub fn body(mut self, body: impl Into<#rt::body::Body>) -> Self {
                self.sender = self.sender.body(body.into());
                self
            }
        }
    });
    let streams = streams(op);
    let send = match (streams, binding.body.is_some()) {
        (true, true) => quote! { self.sender.send_streaming(&self.inner).await },
        (true, false) => quote! { self.sender.send_streaming(&self.inner, None).await },
        (false, _) => quote! { self.sender.send(&self.inner).await },
    };
    let answer = answer_type(op);
    let request_trait = if streams {
        quote! {
            impl #rt::StreamingRequest for #request {
                type Response = #response;
                type Error = #error;
                fn operation() -> &'static #rt::Operation {
                    &OPERATION
                }
                fn binding() -> &'static #rt::binding::Binding {
                    &BINDING
                }
                fn read_stream(output: #rt::Output<#rt::body::ByteStream>) -> #response {
                    #response::from_output(output)
                }
            }
        }
    } else {
        quote! {
            impl #rt::OperationRequest for #request {
                type Response = #response;
                type Error = #error;
                fn operation() -> &'static #rt::Operation {
                    &OPERATION
                }
                fn binding() -> Option<&'static #rt::binding::Binding> {
                    Some(&BINDING)
                }
                fn read_styled(output: #rt::Output<Vec<u8>>) -> Result<#response, #rt::error::ResponseError> {
                    #rt::binding::read_output::<#answer>(&BINDING, output).map(#response::from_output)
                }
            }
        }
    };
    quote! {
        impl #builder<#sender> {
            /// A fluent call through `client` with every field unset.
            pub(super) fn fluent(client: #rt::Client) -> Self {
                #builder { inner: #request::default(), sender: #sender::new(client) }
            }

            /// Changes this call's options (timeouts, retries, endpoint, validation, headers,
            /// `ClientToken` policy, credentials) without touching the client.
            pub fn customize(mut self, change: impl FnOnce(#rt::CallOptions) -> #rt::CallOptions) -> Self {
                self.sender = self.sender.customize(change);
                self
            }

            #body

            #send_doc
            pub async fn send(self) -> Result<#response, #rt::SdkError<#error>> {
                #send
            }
        }

        #request_trait
    }
}
