//! The error enum of an operation: a variant per documented code, one per templated code that
//! captures its value, and a fallback that keeps everything.

use super::text::{self, doc_fmt, Doc};
use super::{ident, lit, rt};
use crate::model::{ErrorCode, Operation, FALLBACK_VARIANT};
use proc_macro2::TokenStream;
use quote::quote;

/// The `<Action>Error` enum and its `OperationError` impl; `example` ends its doc.
pub fn error_enum(op: &Operation, example: Option<Doc>) -> TokenStream {
    let rt = rt();
    let name = ident(&op.names.error);
    let fallback = ident(FALLBACK_VARIANT);
    let variants = op.errors.iter().map(|e| {
        let v = ident(&e.variant);
        let docs = text::attrs(&variant_doc(e));
        if e.template.is_some() {
            quote! {
                #docs
                #v {
                    /// The value the service put in place of `%s`.
                    value: String,
                    /// Everything the service said.
                    error: #rt::ServiceError,
                },
            }
        } else {
            quote! { #docs #v(#rt::ServiceError), }
        }
    });
    let exact: Vec<&ErrorCode> = op.errors.iter().filter(|e| e.template.is_none()).collect();
    let exact_arms = exact.iter().map(|e| {
        let code = lit::str(&e.code);
        let v = ident(&e.variant);
        quote! { #code => Self::#v(error), }
    });
    let template_checks = op.errors.iter().filter_map(|e| {
        let (prefix, suffix) = e.template.as_ref()?;
        let v = ident(&e.variant);
        let (prefix, suffix) = (lit::str(prefix), lit::str(suffix));
        Some(quote! {
            if let Some(value) = #rt::template_value(&error, #prefix, #suffix) {
                let value = value.to_string();
                return Self::#v { value, error };
            }
        })
    });
    let tuple_variants: Vec<_> = exact.iter().map(|e| ident(&e.variant)).collect();
    let struct_variants: Vec<_> =
        op.errors.iter().filter(|e| e.template.is_some()).map(|e| ident(&e.variant)).collect();
    let doc = doc_fmt!(
        "Errors of {}: one variant per documented error code, and [`{}::{}`] for any other.",
        text::code(&op.action),
        text::name(&op.names.error),
        text::name(FALLBACK_VARIANT)
    );
    let doc = text::attrs(&Doc::join([doc, example.unwrap_or_default()]));
    let fallback_doc = doc_fmt!("A code this operation does not document. Nothing is lost: the code, message, HTTP status and request id are all kept.");
    let fallback_doc = text::attrs(&fallback_doc);
    let service_error_body = if tuple_variants.is_empty() && struct_variants.is_empty() {
        quote! { match self { Self::#fallback(error) => error } }
    } else {
        let tuple = if tuple_variants.is_empty() {
            quote! {}
        } else {
            quote! { #(Self::#tuple_variants(error))|* => error, }
        };
        let structs = if struct_variants.is_empty() {
            quote! {}
        } else {
            quote! { #(Self::#struct_variants { error, .. })|* => error, }
        };
        quote! {
            match self {
                #tuple
                #structs
                Self::#fallback(error) => error,
            }
        }
    };
    let match_body = if exact.is_empty() {
        quote! {
            #(#template_checks)*
            Self::#fallback(error)
        }
    } else {
        quote! {
            match error.code() {
                #(#exact_arms)*
                _ => {
                    #(#template_checks)*
                    Self::#fallback(error)
                }
            }
        }
    };
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            #fallback_doc
            #fallback(#rt::ServiceError),
        }

        impl #rt::OperationError for #name {
            fn from_service_error(error: #rt::ServiceError) -> Self {
                #match_body
            }

            fn service_error(&self) -> &#rt::ServiceError {
                #service_error_body
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(#rt::OperationError::service_error(self), f)
            }
        }

        impl std::error::Error for #name {}
    }
}

fn variant_doc(e: &ErrorCode) -> Doc {
    let statuses = text::list(e.statuses.iter().map(|s| text::number(*s)));
    let head = match &e.message {
        Some(m) => doc_fmt!("{} (HTTP {}): {}", text::code(&e.code), statuses, text::prose(m)),
        None => doc_fmt!("{} (HTTP {})", text::code(&e.code), statuses),
    };
    Doc::join([head, Doc::markdown(e.description.as_deref().unwrap_or_default())])
}
