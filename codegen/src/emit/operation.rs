//! One file per operation: the operation's wire description, request and builder, response,
//! nested types, value sets and error enum.

use super::text::{self, doc_fmt, Doc};
use super::types::{self, Role};
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

    let (input, output) = reachable(op);
    let role = |name: &str| match (input.contains(name), output.contains(name)) {
        (true, true) => Role::Both,
        (true, false) => Role::Input,
        _ => Role::Output,
    };
    let request_doc = Doc::join([
        Doc::markdown(op.request.docs.summary.as_deref().unwrap_or_default()),
        doc_fmt!(
            "Build it with [`{}::builder`], which checks every constraint the API documents.",
            text::name(&op.names.request)
        ),
    ]);
    let request = types::struct_def(&op.request, Role::Input, text::attrs(&request_doc), options.validation);
    let builder = builder(op);
    let response = types::struct_def(
        &op.response,
        Role::Output,
        text::attrs(&Doc::markdown(op.response.docs.summary.as_deref().unwrap_or_default())),
        options.validation,
    );
    let nested = op.types.iter().map(|t| match t {
        NamedType::Struct(s) => {
            let doc = Doc::join([
                Doc::markdown(s.docs.title.as_deref().unwrap_or_default()),
                Doc::markdown(s.docs.description.as_deref().unwrap_or_default()),
            ]);
            let doc = if doc.is_empty() { doc_fmt!("Part of {}.", text::code(&op.action)) } else { doc };
            let def = types::struct_def(s, role(&s.name), text::attrs(&doc), options.validation);
            let setters = if role(&s.name) == Role::Output {
                quote! {}
            } else {
                nested_setters(s)
            };
            quote! { #def #setters }
        }
        NamedType::Enum(e) => types::enum_def(e),
    });
    let operation = operation_static(product, op);
    let error = error::error_enum(op);
    quote! {
        #module_docs
        use serde::{Deserialize, Serialize};
        use #rt::Validate;
        #operation
        #request
        #builder
        #response
        #(#nested)*
        #error
    }
}

/// Struct names reachable from the request and from the response.
fn reachable(op: &Operation) -> (BTreeSet<String>, BTreeSet<String>) {
    fn walk(fields: &[Field], op: &Operation, out: &mut BTreeSet<String>) {
        for f in fields {
            let mut ty = &f.ty;
            while let Type::List(inner) | Type::Map(inner) = ty {
                ty = inner;
            }
            if let Type::Struct(name) | Type::Enum(name) = ty {
                if out.insert(name.clone()) {
                    if let Some(NamedType::Struct(s)) =
                        op.types.iter().find(|t| matches!(t, NamedType::Struct(s) if &s.name == name))
                    {
                        walk(&s.fields, op, out);
                    }
                }
            }
        }
    }
    let (mut input, mut output) = (BTreeSet::new(), BTreeSet::new());
    walk(&op.request.fields, op, &mut input);
    walk(&op.response.fields, op, &mut output);
    (input, output)
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

/// Chained setters for `fields`, writing through `target` (`self.inner` in a builder, `self` in a
/// nested input type). A setter whose name a derived trait method already uses gets a `set_` prefix,
/// so method calls in derived code never reach it.
fn setters(fields: &[Field], target: TokenStream) -> Vec<TokenStream> {
    const TRAIT_METHODS: &[&str] = &[
        "clone",
        "clone_from",
        "fmt",
        "eq",
        "ne",
        "default",
        "validate",
        "validate_into",
        "serialize",
        "deserialize",
        "into",
        "from",
        "to_owned",
        "to_string",
        "as_ref",
        "hash",
        "type_id",
        "borrow",
        "borrow_mut",
        "try_into",
        "try_from",
    ];
    let taken: BTreeSet<&str> = fields.iter().map(|f| crate::names::unraw(&f.ident)).collect();
    let mut used: BTreeSet<String> = BTreeSet::new();
    fields
        .iter()
        .map(|f| {
            let field = ident(&f.ident);
            let plain = crate::names::unraw(&f.ident);
            let method_name = if TRAIT_METHODS.contains(&plain) { format!("set_{plain}") } else { f.ident.clone() };
            used.insert(crate::names::unraw(&method_name).to_string());
            let name = ident(&method_name);
            let summary = types::field_doc(f, true).first_sentence();
            let doc = text::attrs(&doc_fmt!("Sets {}: {}", text::code(&f.wire), summary));
            match &f.ty {
                Type::List(inner) => {
                    let item = setter_arg(inner);
                    let convert = conversion(inner, quote! { item });
                    let set_name = format!("set_{plain}");
                    let set_items = if taken.contains(set_name.as_str()) || !used.insert(set_name.clone()) {
                        quote! {}
                    } else {
                        let set_ident = ident(&set_name);
                        let ty = field_type(&f.ty);
                        let set_doc = text::attrs(&doc_fmt!("Replaces every item of {}.", text::code(&f.wire)));
                        quote! {
                            #set_doc
                            pub fn #set_ident(mut self, items: #ty) -> Self {
                                #target.#field = items;
                                self
                            }
                        }
                    };
                    let add_doc = text::attrs(&doc_fmt!("Appends one item to {}: {}", text::code(&f.wire), summary));
                    quote! {
                        #add_doc
                        pub fn #name(mut self, item: #item) -> Self {
                            #target.#field.push(#convert);
                            self
                        }
                        #set_items
                    }
                }
                Type::Map(_) => {
                    let ty = field_type(&f.ty);
                    quote! {
                        #doc
                        pub fn #name(mut self, value: #ty) -> Self {
                            #target.#field = value;
                            self
                        }
                    }
                }
                ty => {
                    let arg = setter_arg(ty);
                    let convert = conversion(ty, quote! { value });
                    quote! {
                        #doc
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
fn nested_setters(s: &Struct) -> TokenStream {
    let name = ident(&s.name);
    let setters = setters(&s.fields, quote! { self });
    quote! {
        impl #name {
            #(#setters)*
        }
    }
}

fn builder(op: &Operation) -> TokenStream {
    let rt = rt();
    let request = ident(&op.names.request);
    let builder = ident(&op.names.builder);
    let setters = setters(&op.request.fields, quote! { self.inner });
    let builder_doc = text::attrs(&doc_fmt!("Builder of [`{}`].", text::name(&op.names.request)));
    let start_doc = text::attrs(&doc_fmt!("A builder with every field unset: [`{}`].", text::name(&op.names.builder)));
    quote! {
        impl #request {
            #start_doc
            pub fn builder() -> #builder {
                #builder::default()
            }
        }

        #builder_doc
        #[derive(Debug, Clone, Default)]
        pub struct #builder {
            inner: #request,
        }

        impl #builder {
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
