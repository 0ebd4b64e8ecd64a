//! Structs (request, response, nested objects) and value-set enums.
//!
//! The model decides what a struct is for ([`Role`]) and which rules each field carries; this
//! module only writes them down: derives from the role, one `#[validate(...)]` rule per model
//! rule, and documentation that says in words what `build()` checks.

use super::text::{self, doc_fmt, Doc};
use super::{field_type, ident, lit, rt, Validation};
use crate::model::{Bound, Field, Number, Origin, Role, Rule, Struct, ValueSet};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// A struct with its fields and validation attributes. A response struct (`envelope`) also
/// exposes the common response fields as one runtime type. How the struct goes on the wire and
/// is read back is [`wire_impls`].
pub fn struct_def(s: &Struct, docs: &Doc, validation: Validation, envelope: bool) -> TokenStream {
    let docs = text::attrs(docs);
    let name = ident(&s.name);
    let fields = s.fields.iter().map(|f| field_def(f, s.role, validation));
    let derives = match s.role {
        Role::Input | Role::Both => quote! { Debug, Clone, Default, PartialEq, Validate },
        Role::Output => quote! { Debug, Clone, Default, PartialEq },
    };
    let envelope = if envelope {
        let rt = rt();
        quote! {
            /// The fields every response may carry (`RequestId`, `Code`, `Message`, ...), the same
            /// type for every operation.
            pub envelope: #rt::Envelope,
        }
    } else {
        quote! {}
    };
    quote! {
        #docs
        #[derive(#derives)]
        #[non_exhaustive]
        pub struct #name {
            #envelope
            #(#fields)*
        }
    }
}

/// The wire impls of a struct: a nested object that is sent lists its fields with their wire
/// names (`WireValue`); a received one reads each member into the field of that wire name
/// (`de::Object`, and serde's `Deserialize` through it). `envelope`: the unmatched members go
/// to the response's `envelope`.
pub fn wire_impls(s: &Struct, envelope: bool) -> TokenStream {
    let rt = rt();
    let name = ident(&s.name);
    let allow = allow_deprecated(s);
    let mut out = TokenStream::new();
    if s.role.is_input() {
        let fields = s.fields.iter().map(|f| {
            let wire = lit::str(&f.wire);
            let field = ident(&f.ident);
            quote! { (#wire, &self.#field) }
        });
        out.extend(quote! {
            #allow
            impl #rt::encode::WireValue for #name {
                fn visit(&self, visitor: &mut dyn #rt::encode::Visitor) {
                    visitor.object(&[#(#fields),*]);
                }
            }
        });
    }
    if s.role.is_output() {
        // Fields read from headers or the whole body are filled by `from_output`.
        let arms = s.fields.iter().filter(|f| f.origin == Origin::Body).map(|f| {
            let wire = lit::str(&f.wire);
            let field = ident(&f.ident);
            quote! { #wire => #rt::de::field(&mut self.#field, value), }
        });
        let rest = if envelope {
            quote! { #rt::de::Object::field(&mut self.envelope, name, value) }
        } else {
            quote! { Ok(false) }
        };
        let from_body = s.fields.iter().any(|f| f.origin == Origin::Body);
        let body = if !from_body {
            rest
        } else {
            quote! {
                match name {
                    #(#arms)*
                    _ => #rest,
                }
            }
        };
        // A struct with no field and no envelope reads nothing.
        let (name_arg, value_arg) = if !from_body && !envelope {
            (quote! { _name }, quote! { _value })
        } else {
            (quote! { name }, quote! { value })
        };
        out.extend(quote! {
            #allow
            impl #rt::de::Object for #name {
                fn field(&mut self, #name_arg: &str, #value_arg: #rt::json::Value) -> Result<bool, #rt::de::Error> {
                    #body
                }
            }
            #rt::impl_deserialize!(#name);
        });
    }
    out
}

/// The request's encoder: the value of each parameter of its operation, in the order of
/// `OPERATION.params` (the model keeps `params` in the order of the request's fields).
pub fn encode_impl(request: &Struct) -> TokenStream {
    let rt = rt();
    let name = ident(&request.name);
    let allow = allow_deprecated(request);
    let values = request.fields.iter().map(|f| {
        let field = ident(&f.ident);
        quote! { &self.#field }
    });
    quote! {
        #allow
        impl #rt::encode::Encode for #name {
            /// The value of each parameter of [`OPERATION`], in its order.
            fn encode(&self, op: &#rt::Operation) -> Result<#rt::wire::EncodedRequest, #rt::error::ConstructionError> {
                #rt::encode::encode(op, &[#(#values),*])
            }
        }
    }
}

/// `#[allow(deprecated)]` for an impl that reads a field kept only for compatibility.
fn allow_deprecated(s: &Struct) -> TokenStream {
    if s.fields.iter().any(|f| f.case_variant.as_ref().is_some_and(|v| v.deprecated)) {
        quote! { #[allow(deprecated)] }
    } else {
        quote! {}
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
    let docs = match f.origin {
        Origin::Body => text::attrs(&field_doc(f, role.is_input(), validation)),
        _ => text::attrs(&super::binding::field_doc(f, validation)),
    };
    let rules: Vec<TokenStream> =
        if role.is_input() { kept_rules(f, validation).map(rule_tokens).collect() } else { Vec::new() };
    // The wire name is the report's name for the field: only needed where a rule can fail.
    let validate = if rules.is_empty() {
        quote! {}
    } else {
        quote! { #[validate(wire = #wire #(, #rules)*)] }
    };
    let deprecated = deprecated_attr(f);
    quote! {
        #docs
        #deprecated
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
