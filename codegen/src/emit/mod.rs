//! Emitters: the [`model`](crate::model) → token streams, one emitter per kind of output.
//!
//! Emitters only read the model; they never see JSON. Each returns a `TokenStream` for one file;
//! [`crate::render`] turns it into text.

pub mod binding;
pub mod docs;
pub mod error;
pub mod examples;
pub mod lit;
pub mod operation;
pub mod product;
pub mod text;
pub mod types;

pub use operation::{operation_file, operation_file_with, types_file};
pub use product::{crate_root, product_module, product_module_with};

/// Choices that change what is emitted (the build-script API exposes them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmitOptions {
    /// Which documented constraints request types check.
    pub validation: Validation,
    /// Whether to emit the per-product `Client` (and paginators); without it, only types.
    pub client: bool,
    /// The crate's name as code spells it (`alibabacloud_flowlog`), for the doc examples of the
    /// client, paginators and error enums; `None` leaves them out (code a build script writes
    /// lives in a module of another crate, which doc examples cannot name).
    pub examples: Option<String>,
}

impl Default for EmitOptions {
    fn default() -> Self {
        EmitOptions { validation: Validation::Strict, client: true, examples: None }
    }
}

/// How much of the documented constraints generated request types check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Validation {
    /// Every documented constraint.
    #[default]
    Strict,
    /// Only required fields: for services whose metadata lags behind what they accept.
    RequiredOnly,
}

use crate::model::{IntWidth, Type};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// The runtime crate as generated code names it.
pub(crate) fn rt() -> TokenStream {
    quote! { alibabacloud_runtime }
}

/// An identifier from a model name (`r#type` stays raw): [`text::ident`].
pub(crate) fn ident(name: &str) -> Ident {
    text::ident(name)
}

/// The Rust type of a value (without the `Option` of an optional field).
pub(crate) fn rust_type(ty: &Type) -> TokenStream {
    match ty {
        Type::String => quote! { String },
        Type::Integer(IntWidth::I32) => quote! { i32 },
        Type::Integer(IntWidth::I64) => quote! { i64 },
        Type::Float => quote! { f64 },
        Type::Boolean => quote! { bool },
        Type::List(inner) => {
            let inner = rust_type(inner);
            quote! { Vec<#inner> }
        }
        Type::Map(inner) => {
            let inner = rust_type(inner);
            quote! { std::collections::BTreeMap<String, #inner> }
        }
        Type::Struct(name) | Type::Enum(name) => {
            let name = ident(name);
            quote! { #name }
        }
        Type::Any => quote! { alibabacloud_runtime::json::Value },
        Type::Stream => quote! { alibabacloud_runtime::body::ByteStream },
    }
}

/// Whether a field of this type is a collection (unset = empty) rather than an `Option`.
pub(crate) fn is_collection(ty: &Type) -> bool {
    matches!(ty, Type::List(_) | Type::Map(_))
}

/// The declared type of a field: collections and byte streams as they are, everything else in an
/// `Option`.
pub(crate) fn field_type(ty: &Type) -> TokenStream {
    let inner = rust_type(ty);
    if is_collection(ty) || *ty == Type::Stream {
        inner
    } else {
        quote! { Option<#inner> }
    }
}
