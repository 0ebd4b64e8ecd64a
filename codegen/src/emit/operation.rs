//! One file per operation: the operation's wire description, request and builder, response,
//! nested types, value sets and error enum.

use super::text::{self, doc_fmt, Doc};
use super::types;
use super::{error, field_type, ident, lit, rt, rust_type, EmitOptions};
use crate::model::*;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

/// The token stream of `<module>/<operation>.rs`, with default options.
pub fn operation_file(product: &Product, op: &Operation) -> TokenStream {
    operation_file_with(product, op, &EmitOptions::default())
}

/// The token stream of `<module>/<operation>.rs`.
pub fn operation_file_with(product: &Product, op: &Operation, options: &EmitOptions) -> TokenStream {
    let rt = rt();
    let module_doc = Doc::join([
        doc_fmt!("{} ({} {}).", text::code(&op.action), text::prose(&product.code), text::prose(&product.version)),
        Doc::markdown(op.docs.summary.as_deref().or(op.docs.title.as_deref()).unwrap_or_default()),
        Doc::markdown(op.docs.description.as_deref().unwrap_or_default()),
    ]);
    let module_docs = text::inner_attrs(&module_doc);
    let request_doc = doc_fmt!(
        "Parameters of the {} operation.\n\nBuild it with [`{}::builder`], which checks every constraint the API documents.",
        text::code(&op.action),
        text::name(&op.names.request)
    );
    let request = types::struct_def(&op.request, &request_doc, options.validation, false);
    let encode = match &op.binding {
        Some(_) => super::binding::encode_impl(op),
        None => types::encode_impl(&op.request),
    };
    let builder = builder(product, op, options);
    let response_doc = doc_fmt!("What a successful {} call returns.", text::code(&op.action));
    // A response holding the answer's byte stream is built by `from_output`, never parsed.
    let streams = super::binding::streams(op);
    let response = match streams {
        true => super::binding::streaming_response(op, &response_doc, options.validation),
        false => types::struct_def(&op.response, &response_doc, options.validation, true),
    };
    let read = if streams {
        quote! {}
    } else {
        types::wire_impls(&op.response, true)
    };
    let from_output = op.binding.as_ref().map(|_| super::binding::from_output(op));
    let own: Vec<&Shape> = product.own_shapes(&op.module).collect();
    let nested = own.iter().map(|shape| shape_def(shape, options));
    let mut structs: Vec<&Struct> = vec![&op.request, &op.response];
    structs.extend(own.iter().filter_map(|s| match &s.def {
        NamedType::Struct(s) => Some(s),
        NamedType::Enum(_) => None,
    }));
    let shared = shared_imports(product, &structs);
    let operation = operation_static(product, op);
    let binding = op.binding.as_ref().map(|b| super::binding::binding_static(product, op, b));
    let example = options.examples.as_deref().map(|krate| super::examples::error_enum(krate, product, op));
    let error = error::error_enum(op, example);
    quote! {
        #module_docs
        use #rt::Validate;
        #shared
        #operation
        #binding
        #request
        #encode
        #builder
        #response
        #read
        #from_output
        #(#nested)*
        #error
    }
}

/// The token stream of `<module>/types.rs`: the shapes several operations share, `None` when
/// there are none.
pub fn types_file(product: &Product, options: &EmitOptions) -> Option<TokenStream> {
    let shared: Vec<&Shape> = product.shared_shapes().collect();
    if shared.is_empty() {
        return None;
    }
    let doc = doc_fmt!(
        "Types that several operations of {} {} share. Each is also re-exported at the product's root.",
        text::prose(&product.code),
        text::prose(&product.version)
    );
    let doc = text::inner_attrs(&doc);
    let rt = rt();
    let any_input = shared.iter().any(|s| matches!(&s.def, NamedType::Struct(s) if s.role.is_input()));
    let validate_use = if any_input {
        quote! { use #rt::Validate; }
    } else {
        quote! {}
    };
    let defs = shared.iter().map(|s| shape_def(s, options));
    Some(quote! {
        #doc
        #validate_use
        #(#defs)*
    })
}

/// `use super::types::{...};` for the shared shapes that `structs` name in their fields.
fn shared_imports(product: &Product, structs: &[&Struct]) -> TokenStream {
    let mut names = BTreeSet::new();
    for s in structs {
        for f in &s.fields {
            let mut ty = &f.ty;
            while let Type::List(inner) | Type::Map(inner) = ty {
                ty = inner;
            }
            if let Type::Struct(name) | Type::Enum(name) = ty {
                if product.shape(name).is_some_and(|s| s.home == Home::Shared) {
                    names.insert(name.clone());
                }
            }
        }
    }
    if names.is_empty() {
        return quote! {};
    }
    let names = names.iter().map(|n| ident(n));
    quote! { use super::types::{#(#names),*}; }
}

/// One shape: a struct (with setters when users build it) or a value set.
fn shape_def(shape: &Shape, options: &EmitOptions) -> TokenStream {
    match &shape.def {
        NamedType::Struct(s) => {
            let mut doc = Doc::join([
                Doc::markdown(s.docs.title.as_deref().unwrap_or_default()),
                Doc::markdown(s.docs.description.as_deref().unwrap_or_default()),
            ]);
            if doc.is_empty() {
                doc = doc_fmt!("Part of {}.", text::list(shape.operations.iter().map(|o| text::code(o))));
            }
            let doc = Doc::join([doc, naming_note(shape)]);
            let def = types::struct_def(s, &doc, options.validation, false);
            let wire = types::wire_impls(s, false);
            let setters = if s.role.is_input() {
                nested_setters(s, options)
            } else {
                quote! {}
            };
            quote! { #def #wire #setters }
        }
        NamedType::Enum(e) => types::enum_def(e, naming_note(shape)),
    }
}

/// Why a shape does not carry its plain name, when it does not (empty otherwise).
fn naming_note(shape: &Shape) -> Doc {
    match &shape.naming {
        Naming::Plain => Doc::default(),
        Naming::Role { plain } | Naming::Counter { plain } => doc_fmt!(
            "Named {} rather than {}: another type of this product has that name.",
            text::code(shape.name()),
            text::code(plain)
        ),
    }
}

fn operation_static(product: &Product, op: &Operation) -> TokenStream {
    let rt = rt();
    let action = lit::str(&op.action);
    let path = lit::str(&op.path);
    let method = ident(match op.method {
        HttpMethod::Get => "Get",
        HttpMethod::Post => "Post",
        HttpMethod::Put => "Put",
        HttpMethod::Delete => "Delete",
        HttpMethod::Patch => "Patch",
        HttpMethod::Head => "Head",
        HttpMethod::Options => "Options",
    });
    let client_token = match &op.client_token {
        Some(t) => {
            let t = lit::str(t);
            quote! { Some(#t) }
        }
        None => quote! { None },
    };
    let params = op.params.iter().map(|p| {
        let name = lit::str(&p.name);
        let location = ident(match p.location {
            Location::Query => "Query",
            Location::Body => "Body",
            Location::RawBody => "JsonBody",
            Location::Path => "Path",
            Location::Header => "Header",
            Location::Host => "Host",
        });
        let style = ident(match p.style {
            Style::Simple => "Simple",
            Style::RepeatList => "RepeatList",
            Style::Flat => "Flat",
            Style::Json => "Json",
        });
        quote! { #rt::ParamSpec { name: #name, location: #rt::Location::#location, style: #rt::Style::#style } }
    });
    let doc = doc_fmt!(
        "How {} goes on the wire ({} {}).",
        text::code(&op.action),
        text::prose(&product.code),
        text::prose(&product.version)
    );
    let doc = text::attrs(&doc);
    quote! {
        #doc
        pub static OPERATION: #rt::Operation = #rt::Operation {
            service: &super::SERVICE,
            action: #action,
            method: #rt::Method::#method,
            path: #path,
            client_token: #client_token,
            params: &[#(#params),*],
        };
    }
}

/// The `set_<field>` setter of a list or a map, when the model named one: it replaces every item
/// (`noun`) at once, taking them as `arg`.
fn replace_all(
    f: &Field,
    target: &TokenStream,
    (arg, noun): (&str, &str),
    checks: &Doc,
    deprecated: &TokenStream,
) -> TokenStream {
    let Some(set_name) = &f.setter.set_all else { return quote! {} };
    let (set_ident, field, arg) = (ident(set_name), ident(&f.ident), ident(arg));
    let ty = field_type(&f.ty);
    let set_doc =
        Doc::join([doc_fmt!("Replaces every {} of {}.", text::prose(noun), text::code(&f.wire)), checks.clone()]);
    let set_doc = text::attrs(&set_doc);
    quote! {
        #set_doc
        #deprecated
        pub fn #set_ident(mut self, #arg: #ty) -> Self {
            #target.#field = #arg;
            self
        }
    }
}

/// Chained setters for `fields`, writing through `target` (`self.inner` in a builder, `self` in a
/// nested input type), with the names the model chose.
fn setters(fields: &[Field], target: TokenStream, options: &EmitOptions) -> Vec<TokenStream> {
    fields
        .iter()
        .map(|f| {
            let field = ident(&f.ident);
            let name = ident(&f.setter.name);
            let head = f.docs.description.as_deref().or(f.docs.title.as_deref()).unwrap_or_default();
            let summary = Doc::markdown(head).first_sentence();
            let checks = types::checks_doc(f, options.validation);
            let wire = text::code(&f.wire);
            let doc = Doc::join([doc_fmt!("Sets {}: {}", wire, summary), checks.clone()]);
            let doc = text::attrs(&doc);
            let deprecated = types::deprecated_setter_attrs(f);
            match &f.ty {
                Type::List(inner) => {
                    let item = setter_arg(inner);
                    let convert = conversion(inner, quote! { item });
                    let set_items = replace_all(f, &target, ("items", "item"), &checks, &deprecated);
                    let add_doc = Doc::join([doc_fmt!("Appends one item to {}: {}", wire, summary), checks.clone()]);
                    let add_doc = text::attrs(&add_doc);
                    quote! {
                        #add_doc
                        #deprecated
                        pub fn #name(mut self, item: #item) -> Self {
                            #target.#field.push(#convert);
                            self
                        }
                        #set_items
                    }
                }
                Type::Map(inner) => {
                    let value = setter_arg(inner);
                    let convert = conversion(inner, quote! { value });
                    let set_entries = replace_all(f, &target, ("entries", "entry"), &checks, &deprecated);
                    let insert_doc = Doc::join([
                        doc_fmt!("Sets one entry of {} (a key set twice keeps its last value): {}", wire, summary),
                        checks.clone(),
                    ]);
                    let insert_doc = text::attrs(&insert_doc);
                    quote! {
                        #insert_doc
                        #deprecated
                        pub fn #name(mut self, key: impl Into<String>, value: #value) -> Self {
                            #target.#field.insert(key.into(), #convert);
                            self
                        }
                        #set_entries
                    }
                }
                ty => {
                    let arg = setter_arg(ty);
                    let convert = conversion(ty, quote! { value });
                    quote! {
                        #doc
                        #deprecated
                        pub fn #name(mut self, value: #arg) -> Self {
                            #target.#field = Some(#convert);
                            self
                        }
                    }
                }
            }
        })
        .collect()
}

/// `impl Tag { setters }` for a nested type users build (`Tag::default().key("k").value("v")`).
fn nested_setters(s: &Struct, options: &EmitOptions) -> TokenStream {
    let name = ident(&s.name);
    let setters = setters(&s.fields, quote! { self }, options);
    quote! {
        impl #name {
            #(#setters)*
        }
    }
}

fn builder(product: &Product, op: &Operation, options: &EmitOptions) -> TokenStream {
    let rt = rt();
    let request = ident(&op.names.request);
    let builder = ident(&op.names.builder);
    let (response, error) = (ident(&op.names.response), ident(&op.names.error));
    let setters = setters(&op.request.fields, quote! { self.inner }, options);
    let builder_doc = text::attrs(&doc_fmt!(
        "Builder of [`{}`]: `build()` checks it and gives the request. A product client's `{}()` gives one whose sender is the client ([`{}::Fluent`]): `send()` then sends it.",
        text::name(&op.names.request),
        text::name(&op.names.method),
        text::name("alibabacloud_runtime")
    ));
    let start_doc = text::attrs(&doc_fmt!("A builder with every field unset: [`{}`].", text::name(&op.names.builder)));
    let fluent = if let Some(binding) = op.binding.as_ref().filter(|_| options.client) {
        super::binding::fluent_impl(product, op, binding)
    } else if options.client {
        let send_doc = text::attrs(&doc_fmt!(
            "Sends the {} request: checked against the documented constraints first (unless the client or the call is lenient: nothing is sent then), signed, retried as configured; a documented error code comes back as a [`{}`] variant.",
            text::code(&op.action),
            text::name(&op.names.error)
        ));
        quote! {
            impl #builder<#rt::Fluent> {
                /// A fluent call through `client` with every field unset.
                pub(super) fn fluent(client: #rt::Client) -> Self {
                    #builder { inner: #request::default(), sender: #rt::Fluent::new(client) }
                }

                /// Changes this call's options (timeouts, retries, endpoint, validation, headers,
                /// `ClientToken` policy, credentials) without touching the client.
                pub fn customize(mut self, change: impl FnOnce(#rt::CallOptions) -> #rt::CallOptions) -> Self {
                    self.sender = self.sender.customize(change);
                    self
                }

                #send_doc
                pub async fn send(self) -> Result<#response, #rt::SdkError<#error>> {
                    self.sender.send(&self.inner).await
                }
            }

            impl #rt::OperationRequest for #request {
                type Response = #response;
                type Error = #error;
                fn operation() -> &'static #rt::Operation {
                    &OPERATION
                }
            }
        }
    } else {
        quote! {}
    };
    quote! {
        impl #request {
            #start_doc
            pub fn builder() -> #builder {
                #builder::default()
            }
        }

        #builder_doc
        #[derive(Debug, Clone, Default)]
        pub struct #builder<S = ()> {
            inner: #request,
            sender: S,
        }

        impl<S> #builder<S> {
            #(#setters)*

            /// Checks every documented constraint and returns the request, or a report of every
            /// missing and invalid field (each with its wire path, such as `Tag.3.Key`).
            pub fn build(self) -> Result<#request, #rt::Report> {
                self.inner.validate()?;
                Ok(self.inner)
            }

            /// Returns the request without checking it: for values the service accepts but the
            /// metadata does not know yet. The service still checks them.
            pub fn build_unchecked(self) -> #request {
                self.inner
            }
        }

        #fluent
    }
}

/// `value.into()` where the setter takes `impl Into<_>`, else the value itself.
fn conversion(ty: &Type, value: TokenStream) -> TokenStream {
    match ty {
        Type::String | Type::Enum(_) => quote! { #value.into() },
        _ => value,
    }
}

/// The argument type of a setter: `impl Into<String>` for text and value sets.
fn setter_arg(ty: &Type) -> TokenStream {
    match ty {
        Type::String => quote! { impl Into<String> },
        Type::Enum(_) => {
            let t = rust_type(ty);
            quote! { impl Into<#t> }
        }
        other => rust_type(other),
    }
}
