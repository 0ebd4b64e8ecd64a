//! Structs (request, response, nested objects) and value-set enums.

use super::text::{self, doc_fmt, Doc};
use super::{field_type, ident, lit, rt, Validation};
use crate::model::{Bound, Constraints, Field, Number, Struct, Type, ValueSet};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// What a struct is for, which decides its derives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Sent: serialised and validated.
    Input,
    /// Received: deserialised.
    Output,
    /// Both (a nested type reached from request and response).
    Both,
}

/// A struct with its fields, serde and validation attributes.
pub fn struct_def(s: &Struct, role: Role, docs: TokenStream, validation: Validation) -> TokenStream {
    let name = ident(&s.name);
    let fields = s.fields.iter().map(|f| field_def(f, role, validation));
    let derives = match role {
        Role::Input => quote! { Debug, Clone, Default, PartialEq, Serialize, Validate },
        Role::Output => quote! { Debug, Clone, Default, PartialEq, Serialize, Deserialize },
        Role::Both => quote! { Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate },
    };
    let serde_default = if role == Role::Input {
        quote! {}
    } else {
        quote! { #[serde(default)] }
    };
    quote! {
        #docs
        #[derive(#derives)]
        #serde_default
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }
    }
}

fn field_def(f: &Field, role: Role, validation: Validation) -> TokenStream {
    let name = ident(&f.ident);
    let ty = field_type(&f.ty);
    let wire = lit::str(&f.wire);
    let docs = text::attrs(&field_doc(f, role != Role::Output));
    let skip = match &f.ty {
        Type::List(_) => "Vec::is_empty",
        Type::Map(_) => "std::collections::BTreeMap::is_empty",
        _ => "Option::is_none",
    };
    let skip = lit::str(skip);
    // Services send scalars as text or numbers regardless of the documented type: read leniently.
    let lenient = match &f.ty {
        Type::String => Some("alibabacloud_runtime::de::string"),
        Type::Integer(_) => Some("alibabacloud_runtime::de::integer"),
        Type::Float => Some("alibabacloud_runtime::de::float"),
        Type::Boolean => Some("alibabacloud_runtime::de::boolean"),
        _ => None,
    };
    let de = match lenient {
        Some(path) if role != Role::Input => {
            let path = lit::str(path);
            quote! { , deserialize_with = #path }
        }
        _ => quote! {},
    };
    let validate = if role == Role::Output {
        quote! {}
    } else {
        validate_attr(f, validation)
    };
    quote! {
        #docs
        #[serde(rename = #wire, skip_serializing_if = #skip #de)]
        #validate
        pub #name: #ty,
    }
}

/// The doc comment of a field: description, then required/default/example notes.
pub fn field_doc(f: &Field, input: bool) -> Doc {
    let mut tail = Doc::default();
    if f.deprecated {
        tail.push(&doc_fmt!("**Deprecated** in the API metadata. "));
    }
    if input && f.required {
        tail.push(&doc_fmt!("Required. "));
    }
    if let Some(d) = &f.default {
        tail.push(&doc_fmt!("Default: {}. ", text::code(d)));
    }
    if let Some(e) = f.example.as_ref().filter(|_| input) {
        tail.push(&doc_fmt!("Example: {}. ", text::code(e)));
    }
    tail.push(&doc_fmt!("Wire name: {}.", text::code(&f.wire)));
    let head = f.docs.description.as_deref().or(f.docs.title.as_deref()).unwrap_or_default();
    Doc::join([Doc::markdown(head), tail])
}

/// `#[validate(...)]` for a field, from its type and constraints.
fn validate_attr(f: &Field, validation: Validation) -> TokenStream {
    let wire = lit::str(&f.wire);
    let mut rules = vec![quote! { wire = #wire }];
    // `required` means `Some` or non-empty; a map has no such check (an empty map is sent as no
    // parameter, which the service then reports).
    if f.required && !matches!(f.ty, Type::Map(_)) {
        rules.push(quote! { required });
    }
    if validation == Validation::Strict {
        rules.extend(value_rules(&f.ty, &f.constraints));
    } else if matches!(f.ty, Type::Struct(_))
        || matches!(&f.ty, Type::List(inner) if matches!(**inner, Type::Struct(_)))
    {
        rules.push(quote! { nested });
    }
    quote! { #[validate(#(#rules),*)] }
}

/// Rules for a value of type `ty`: constraints, plus `known`/`nested` implied by the type.
fn value_rules(ty: &Type, c: &Constraints) -> Vec<TokenStream> {
    let mut rules = Vec::new();
    if c.secret {
        rules.push(quote! { secret });
    }
    // Text rules apply to free text; a value set (an enum) is constrained by its values alone.
    let text = matches!(ty, Type::String);
    if text && (c.min_length.is_some() || c.max_length.is_some()) {
        let args = pair("min", c.min_length, "max", c.max_length);
        rules.push(quote! { length(#(#args),*) });
    }
    if let Some(p) = c.pattern.as_ref().filter(|_| text) {
        let p = lit::str(p);
        rules.push(quote! { pattern = #p });
    }
    if !c.int_values.is_empty() {
        let values = c.int_values.iter().map(|v| Literal::i64_unsuffixed(*v));
        rules.push(quote! { one_of(#(#values),*) });
    }
    if c.minimum.is_some() || c.maximum.is_some() {
        let float = matches!(ty, Type::Float);
        let mut args = Vec::new();
        for (b, incl, excl) in [(c.minimum, "min", "exclusive_min"), (c.maximum, "max", "exclusive_max")] {
            if let Some(Bound { value, exclusive }) = b {
                let key = super::ident(if exclusive { excl } else { incl });
                let v = number(value, float);
                args.push(quote! { #key = #v });
            }
        }
        rules.push(quote! { range(#(#args),*) });
    }
    if text && !c.forbidden_prefixes.is_empty() {
        let v = c.forbidden_prefixes.iter().map(|s| lit::str(s));
        rules.push(quote! { not_starts_with(#(#v),*) });
    }
    if text && !c.forbidden_substrings.is_empty() {
        let v = c.forbidden_substrings.iter().map(|s| lit::str(s));
        rules.push(quote! { not_contains(#(#v),*) });
    }
    if c.min_items.is_some() || c.max_items.is_some() {
        let args = pair("min", c.min_items, "max", c.max_items);
        rules.push(quote! { items(#(#args),*) });
    }
    match ty {
        Type::Enum(_) => rules.push(quote! { known }),
        Type::Struct(_) => rules.push(quote! { nested }),
        Type::List(inner) => {
            let empty = Constraints::default();
            let item_c = c.items.as_deref().unwrap_or(&empty);
            match inner.as_ref() {
                Type::Struct(_) => rules.push(quote! { nested }),
                Type::List(_) | Type::Map(_) => {}
                other => {
                    let inner_rules = value_rules(other, item_c);
                    if !inner_rules.is_empty() {
                        rules.push(quote! { each(#(#inner_rules),*) });
                    }
                }
            }
        }
        _ => {}
    }
    rules
}

fn pair(a: &str, x: Option<u64>, b: &str, y: Option<u64>) -> Vec<TokenStream> {
    [(a, x), (b, y)]
        .into_iter()
        .filter_map(|(k, v)| {
            let k = super::ident(k);
            v.map(|v| {
                let v = Literal::u64_unsuffixed(v);
                quote! { #k = #v }
            })
        })
        .collect()
}

fn number(n: Number, float: bool) -> Literal {
    match (n, float) {
        (Number::Int(i), false) => Literal::i64_unsuffixed(i),
        (Number::Int(i), true) => Literal::f64_unsuffixed(i as f64),
        (Number::Float(f), _) => Literal::f64_unsuffixed(f),
    }
}

/// A value set: an enum with a catch-all `Unknown(String)` variant, written out in full (variants
/// and value mapping as plain Rust), with the trait impls from the runtime's `impl_string_enum!`.
pub fn enum_def(e: &ValueSet) -> TokenStream {
    let rt = rt();
    let name = ident(&e.name);
    let doc = Doc::join([
        Doc::markdown(e.docs.description.as_deref().unwrap_or_default()),
        doc_fmt!("Values this SDK version does not know arrive as the catch-all variant, so a new value from the service never breaks parsing."),
    ]);
    let docs = text::attrs(&doc);
    let unknown = ident(&e.unknown_variant);
    let variants = e.variants.iter().map(|v| {
        let vname = ident(&v.ident);
        let doc = match &v.doc {
            Some(d) => doc_fmt!("{}: {}", text::code(&v.value), text::prose(d)),
            None => doc_fmt!("{}", text::code(&v.value)),
        };
        let vdocs = text::attrs(&doc);
        quote! { #vdocs #vname, }
    });
    let values: Vec<_> = e.variants.iter().map(|v| lit::str(&v.value)).collect();
    let idents: Vec<_> = e.variants.iter().map(|v| ident(&v.ident)).collect();
    let unknown_doc = text::attrs(&doc_fmt!("A value this SDK version does not know, kept as the service sent it."));
    let from_doc = text::attrs(&doc_fmt!(
        "The variant of a documented value; `None` for any other value (which [`{}::from`] keeps in [`{}::{}`]).",
        text::name(&e.name),
        text::name(&e.name),
        text::name(&e.unknown_variant)
    ));
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            #unknown_doc
            #unknown(String),
        }

        impl #name {
            /// Every documented value, in the order the metadata lists them.
            pub const VALUES: &'static [&'static str] = &[#(#values),*];

            /// The value as it goes on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#idents => #values,)*
                    Self::#unknown(value) => value,
                }
            }

            #from_doc
            pub fn known_variant(value: &str) -> Option<Self> {
                match value {
                    #(#values => Some(Self::#idents),)*
                    _ => None,
                }
            }
        }

        #rt::impl_string_enum!(#name, #unknown);
    }
}
