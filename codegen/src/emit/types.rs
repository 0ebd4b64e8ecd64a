//! Structs (request, response, nested objects) and value-set enums.
//!
//! The model decides what a struct is for ([`Role`]) and which rules each field carries; this
//! module only writes them down: derives from the role, one `#[validate(...)]` rule per model
//! rule, and documentation that says in words what `build()` checks.

use super::text::{self, doc_fmt, Doc};
use super::{field_type, ident, lit, rt, Validation};
use crate::model::{Bound, Field, Number, Origin, Role, Rule, Struct, Type, ValueSet};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// A struct with its fields, serde and validation attributes. A response struct (`envelope`)
/// also exposes the common response fields as one flattened runtime type.
pub fn struct_def(s: &Struct, docs: &Doc, validation: Validation, envelope: bool) -> TokenStream {
    let docs = text::attrs(docs);
    let name = ident(&s.name);
    let fields = s.fields.iter().map(|f| field_def(f, s.role, validation));
    let derives = match s.role {
        Role::Input => quote! { Debug, Clone, Default, PartialEq, Serialize, Validate },
        Role::Output => quote! { Debug, Clone, Default, PartialEq, Serialize, Deserialize },
        Role::Both => quote! { Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate },
    };
    let serde_default = if s.role.is_output() {
        quote! { #[serde(default)] }
    } else {
        quote! {}
    };
    let envelope = if envelope {
        let rt = rt();
        quote! {
            /// The fields every response may carry (`RequestId`, `Code`, `Message`, ...), the same
            /// type for every operation.
            #[serde(flatten)]
            pub envelope: #rt::Envelope,
        }
    } else {
        quote! {}
    };
    quote! {
        #docs
        #[derive(#derives)]
        #serde_default
        #[non_exhaustive]
        pub struct #name {
            #envelope
            #(#fields)*
        }
    }
}

/// The rules of `f` that `validation` keeps.
pub fn kept_rules(f: &Field, validation: Validation) -> impl Iterator<Item = &Rule> {
    f.rules.iter().filter(move |r| validation == Validation::Strict || r.kept_when_lenient())
}

fn field_def(f: &Field, role: Role, validation: Validation) -> TokenStream {
    let name = ident(&f.ident);
    let ty = field_type(&f.ty);
    let wire = lit::str(&f.wire);
    // A response field read from a header or the whole body is filled by `from_output`.
    let from_body = f.origin == Origin::Body;
    let docs = if from_body {
        text::attrs(&field_doc(f, role.is_input(), validation))
    } else {
        text::attrs(&super::binding::field_doc(f, validation))
    };
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
        _ if !from_body => quote! { , skip_deserializing },
        Some(path) if role.is_output() => {
            let path = lit::str(path);
            quote! { , deserialize_with = #path }
        }
        _ => quote! {},
    };
    let validate = if role.is_input() {
        let rules = kept_rules(f, validation).map(rule_tokens);
        quote! { #[validate(wire = #wire #(, #rules)*)] }
    } else {
        quote! {}
    };
    let deprecated = deprecated_attr(f);
    quote! {
        #docs
        #deprecated
        #[serde(rename = #wire, skip_serializing_if = #skip #de)]
        #validate
        pub #name: #ty,
    }
}

/// `#[deprecated]` for a spelling the API keeps only for compatibility.
pub fn deprecated_attr(f: &Field) -> TokenStream {
    match &f.case_variant {
        Some(v) if v.deprecated => {
            let note = text::note(&format!(
                "the API prefers `{}` (field `{}`) and keeps this spelling for compatibility",
                v.preferred_wire,
                crate::names::unraw(&v.preferred_ident)
            ));
            quote! { #[deprecated = #note] }
        }
        _ => quote! {},
    }
}

/// For a method that sets a deprecated field: deprecated itself, and silent about its own use of
/// the field.
pub fn deprecated_setter_attrs(f: &Field) -> TokenStream {
    let deprecated = deprecated_attr(f);
    if deprecated.is_empty() {
        deprecated
    } else {
        quote! { #deprecated #[allow(deprecated)] }
    }
}

/// The doc comment of a field: description, then what `build()` checks in words, then notes
/// (deprecation, the preferred spelling, default, example) and the wire name.
pub fn field_doc(f: &Field, input: bool, validation: Validation) -> Doc {
    let mut tail = Doc::default();
    if f.deprecated {
        tail.push(&doc_fmt!("**Deprecated** in the API metadata. "));
    }
    if let Some(v) = &f.case_variant {
        tail.push(&doc_fmt!(
            "The API also documents {} (field {}) and prefers it",
            text::code(&v.preferred_wire),
            text::code(crate::names::unraw(&v.preferred_ident))
        ));
        tail.push(&if v.deprecated { doc_fmt!("; this spelling is kept for compatibility. ") } else { doc_fmt!(". ") });
    }
    if let Some(d) = &f.default {
        tail.push(&doc_fmt!("Default: {}. ", text::code(d)));
    }
    if let Some(e) = f.example.as_ref().filter(|_| input) {
        tail.push(&doc_fmt!("Example: {}. ", text::code(e)));
    }
    tail.push(&doc_fmt!("Wire name: {}.", text::code(&f.wire)));
    let head = f.docs.description.as_deref().or(f.docs.title.as_deref()).unwrap_or_default();
    let checks = if input { checks_doc(f, validation) } else { Doc::default() };
    Doc::join([Doc::markdown(head), checks, tail])
}

/// What `build()` checks on a field, in words (`Checked by build(): required; 3 to 63
/// characters.`), and what it documents but does not check.
pub fn checks_doc(f: &Field, validation: Validation) -> Doc {
    let words: Vec<String> = kept_rules(f, validation)
        .filter(|r| !matches!(r, Rule::Nested | Rule::Secret))
        .map(Rule::describe)
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = Doc::default();
    if !words.is_empty() {
        out.push(&doc_fmt!("Checked by `build()`: {}.", text::prose(&words.join("; "))));
    }
    for d in &f.dropped {
        if !out.is_empty() {
            out.push(&doc_fmt!(" "));
        }
        out.push(&doc_fmt!("Documented, not checked: {} ({}).", text::prose(&d.rule), text::prose(&d.reason)));
    }
    out
}

/// One rule as the derive spells it.
fn rule_tokens(rule: &Rule) -> TokenStream {
    match rule {
        Rule::Secret => quote! { secret },
        Rule::Required => quote! { required },
        Rule::Length { min, max } => {
            let args = pair("min", *min, "max", *max);
            quote! { length(#(#args),*) }
        }
        Rule::Pattern(p) => {
            let p = lit::str(p);
            quote! { pattern = #p }
        }
        Rule::OneOf(values) => {
            let values = values.iter().map(|v| Literal::i64_unsuffixed(*v));
            quote! { one_of(#(#values),*) }
        }
        Rule::Range { min, max, float } => {
            let mut args = Vec::new();
            for (b, incl, excl) in [(min, "min", "exclusive_min"), (max, "max", "exclusive_max")] {
                if let Some(Bound { value, exclusive }) = b {
                    let key = super::ident(if *exclusive { excl } else { incl });
                    let v = number(*value, *float);
                    args.push(quote! { #key = #v });
                }
            }
            quote! { range(#(#args),*) }
        }
        Rule::NotStartsWith(list) => {
            let v = list.iter().map(|s| lit::str(s));
            quote! { not_starts_with(#(#v),*) }
        }
        Rule::NotContains(list) => {
            let v = list.iter().map(|s| lit::str(s));
            quote! { not_contains(#(#v),*) }
        }
        Rule::Items { min, max } => {
            let args = pair("min", *min, "max", *max);
            quote! { items(#(#args),*) }
        }
        Rule::Known => quote! { known },
        Rule::Nested => quote! { nested },
        Rule::Each(inner) => {
            let inner = inner.iter().map(rule_tokens);
            quote! { each(#(#inner),*) }
        }
    }
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
pub fn enum_def(e: &ValueSet, note: Doc) -> TokenStream {
    let rt = rt();
    let name = ident(&e.name);
    let doc = Doc::join([
        Doc::markdown(e.docs.description.as_deref().unwrap_or_default()),
        note,
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
    let (enum_name, unknown_name) = (text::name(&e.name), text::name(&e.unknown_variant));
    let from_doc = text::attrs(&doc_fmt!(
        "The variant of a documented value; `None` for any other value (which [`{}::from`] keeps in [`{}::{}`]).",
        enum_name,
        enum_name,
        unknown_name
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
