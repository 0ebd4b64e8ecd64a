//! Phase 3, expand: the [`model`](crate::model) → the `Validate` impl.
//!
//! The expansion decides nothing: it binds the field's value, walks into `Option`s and lists,
//! and hands each value to a rule function of the runtime, whose result goes to
//! `Report::check`. Every local it introduces is created here with a mixed-site span and passed
//! down explicitly, so no fragment relies on a name bound elsewhere, and none can clash with
//! the user's paths (`custom = ...`).

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;
use syn::{Ident, LitStr};

use crate::model::{Bound, Container, Field, Level, Rule};
use crate::shape::Shape;

/// The names and settings shared by one field's expansion.
struct Ctx<'a> {
    /// Path of the runtime crate.
    krate: &'a syn::Path,
    /// The `&mut Report` parameter.
    report: &'a Ident,
    /// The field is `secret`: results go to `Report::check_secret`.
    secret: bool,
}

/// The `impl Validate` for a checked container.
pub(crate) fn impl_validate(container: &Container<'_>) -> TokenStream {
    let path = local("__path");
    let report = local("__report");
    let body = container.fields.iter().map(|field| {
        let ctx = Ctx { krate: &container.krate, report: &report, secret: field.secret };
        expand_field(&ctx, field, &path)
    });
    impl_with_body(container, &path, &report, quote!(#(#body)*))
}

/// An `impl Validate` that checks nothing, emitted next to the errors so that one mistake does
/// not also produce "`Validate` is not implemented" wherever the type is used.
pub(crate) fn fallback_impl(container: &Container<'_>) -> TokenStream {
    impl_with_body(container, &local("__path"), &local("__report"), TokenStream::new())
}

fn impl_with_body(container: &Container<'_>, path: &Ident, report: &Ident, body: TokenStream) -> TokenStream {
    let Container { ident, generics, krate, .. } = container;
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::validate::Validate for #ident #ty_generics #where_clause {
            // Inlined into the parent's check when nested, as in a list of tags: each item's
            // checks then run without a call of their own.
            #[inline]
            fn validate_into(
                &self,
                #path: &#krate::validate::Path<'_>,
                #report: &mut #krate::validate::Report,
            ) {
                #body
            }
        }
    }
}

/// An identifier for a local of the expansion, hygienic against the user's names.
fn local(name: &str) -> Ident {
    Ident::new(name, Span::mixed_site())
}

/// `{ let at = parent.at_field("name", "Wire"); let value = &self.name; <checks> }`.
///
/// The field's location is a `FieldAt`: its path is built only when a violation is pushed, or
/// when a nested value or a list's items need it as their parent.
fn expand_field(ctx: &Ctx<'_>, field: &Field<'_>, parent: &Ident) -> TokenStream {
    let at = local("__at0");
    let value = local("__value0");
    let member = field.member;
    let rust_name = LitStr::new(&field.rust_name, Span::call_site());
    let wire_name = LitStr::new(&field.wire_name, Span::call_site());
    let checks = expand_level(ctx, &field.level, &value, &Loc::Field(at.clone()), 0);
    quote! {
        {
            let #at = #parent.at_field(#rust_name, #wire_name);
            let #value = &self.#member;
            #checks
        }
    }
}

/// Where the checks of a level report: a field's `FieldAt`, or a list item's built `Path`.
enum Loc {
    Field(Ident),
    Path(Ident),
}

impl Loc {
    /// The location as `Report::check` and `Report::push` take it.
    fn arg(&self) -> TokenStream {
        match self {
            Loc::Field(at) => quote!(#at),
            Loc::Path(path) => quote!(&#path),
        }
    }

    /// An expression of the built `Path`, for nested values and list items.
    fn path(&self) -> TokenStream {
        match self {
            Loc::Field(at) => quote!(#at.path()),
            Loc::Path(path) => quote!(#path),
        }
    }
}

/// The checks of one level on `value` (a reference to a value of `level.shape`) at `loc`.
fn expand_level(ctx: &Ctx<'_>, level: &Level, value: &Ident, loc: &Loc, depth: usize) -> TokenStream {
    if !level.required {
        return expand_rules(ctx, &level.rules, &level.shape, value, loc, depth);
    }
    let Ctx { krate, report, .. } = ctx;
    let inner = local(&format!("__value{}", depth + 1));
    let kind = local("__kind");
    let (function, inner_shape) = match &level.shape {
        Shape::Option(inner_shape) => (quote!(some), &**inner_shape),
        shape => (quote!(non_empty), shape),
    };
    let rules = expand_rules(ctx, &level.rules, inner_shape, &inner, loc, depth + 1);
    let at = loc.arg();
    quote! {
        match #krate::validate::rules::required::#function(#value) {
            ::core::result::Result::Ok(#inner) => { #rules }
            ::core::result::Result::Err(#kind) => #report.push(#at, #kind),
        }
    }
}

/// The rules on `value`, inside `if let Some(..)` for every `Option` layer of `shape`.
fn expand_rules(ctx: &Ctx<'_>, rules: &[Rule], shape: &Shape, value: &Ident, loc: &Loc, depth: usize) -> TokenStream {
    if rules.is_empty() {
        return TokenStream::new();
    }
    if let Shape::Option(inner_shape) = shape {
        let inner = local(&format!("__value{}", depth + 1));
        let body = expand_rules(ctx, rules, inner_shape, &inner, loc, depth + 1);
        return quote! {
            if let ::core::option::Option::Some(#inner) = #value { #body }
        };
    }
    rules.iter().map(|rule| expand_rule(ctx, rule, value, loc, depth)).collect()
}

/// One rule on `value` at `loc`.
fn expand_rule(ctx: &Ctx<'_>, rule: &Rule, value: &Ident, loc: &Loc, depth: usize) -> TokenStream {
    let Ctx { krate, report, secret } = ctx;
    let rules = quote!(#krate::validate::rules);
    let check = if *secret { quote!(check_secret) } else { quote!(check) };
    let at = loc.arg();
    let report_result = |result: TokenStream| quote!(#report.#check(#at, #result););
    match rule {
        Rule::Length { min, max } => {
            let (min, max) = (option(min), option(max));
            report_result(quote!(#rules::length::check(#value, #min, #max)))
        }
        Rule::Range(bounds) => {
            let [min, max, exclusive_min, exclusive_max] =
                [bounds.min, bounds.max, bounds.exclusive_min, bounds.exclusive_max]
                    .map(|bound| option(&bound.map(number)));
            report_result(quote! {
                #rules::range::check(*#value, &#rules::range::Bounds {
                    min: #min,
                    max: #max,
                    exclusive_min: #exclusive_min,
                    exclusive_max: #exclusive_max,
                })
            })
        }
        Rule::OneOfStr(allowed) => report_result(quote!(#rules::one_of::string(#value, &[#(#allowed),*]))),
        Rule::OneOfInt(allowed) => {
            let allowed = allowed.iter().map(|&n| number(Bound::Int(n)));
            report_result(quote!(#rules::one_of::number(*#value, &[#(#allowed),*])))
        }
        Rule::Known(span) => {
            let rules = respan(rules, *span);
            report_result(quote_spanned!(*span=> #rules::known::check(#value)))
        }
        Rule::Pattern(source) => {
            let compiled = local("__PATTERN");
            let check = report_result(quote!(#rules::pattern::check(#value, &#compiled)));
            quote! {
                {
                    static #compiled: ::std::sync::LazyLock<#rules::pattern::Pattern> =
                        ::std::sync::LazyLock::new(|| #rules::pattern::Pattern::compile(#source));
                    #check
                }
            }
        }
        Rule::NotStartsWith(prefixes) => report_result(quote!(#rules::prefix::check(#value, &[#(#prefixes),*]))),
        Rule::NotContains(substrings) => report_result(quote!(#rules::substring::check(#value, &[#(#substrings),*]))),
        Rule::Items { min, max } => {
            let (min, max) = (option(min), option(max));
            report_result(quote!(#rules::items::check(#value, #min, #max)))
        }
        Rule::Each(level) => {
            let list = local(&format!("__list{}", depth + 1));
            let index = local(&format!("__index{}", depth + 1));
            let item = local(&format!("__value{}", depth + 1));
            let item_path = local(&format!("__path{}", depth + 1));
            let list_path = loc.path();
            let checks = expand_level(ctx, level, &item, &Loc::Path(item_path.clone()), depth + 1);
            quote! {
                let #list = #list_path;
                for (#index, #item) in ::core::iter::Iterator::enumerate(::core::iter::IntoIterator::into_iter(#value)) {
                    let #item_path = #list.index(#index);
                    #checks
                }
            }
        }
        Rule::Nested(span) => {
            let krate = respan(krate.to_token_stream(), *span);
            let path = loc.path();
            quote_spanned!(*span=> #krate::validate::Validate::validate_into(#value, &#path, #report);)
        }
        Rule::Custom(function) => {
            let rules = respan(rules, function.span());
            report_result(quote_spanned!(function.span()=> #rules::custom::check(#function(#value))))
        }
    }
}

/// `tokens` with every span set to `span`, so that the compiler's errors about a call (a missing
/// trait impl, a wrong signature) point at the attribute that asked for it. Only for paths: the
/// expansion's locals keep their own spans.
fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut tree| {
            if let proc_macro2::TokenTree::Group(group) = &tree {
                let mut respanned = proc_macro2::Group::new(group.delimiter(), respan(group.stream(), span));
                respanned.set_span(span);
                tree = respanned.into();
            } else {
                tree.set_span(span);
            }
            tree
        })
        .collect()
}

/// `::core::option::Option::Some(x)` or `::core::option::Option::None`.
fn option<T: ToTokens>(value: &Option<T>) -> TokenStream {
    match value {
        Some(value) => quote!(::core::option::Option::Some(#value)),
        None => quote!(::core::option::Option::None),
    }
}

/// An unsuffixed literal, so that its type is inferred from the field's.
fn number(bound: Bound) -> TokenStream {
    match bound {
        Bound::Int(n) if n < 0 => {
            let magnitude = proc_macro2::Literal::u128_unsuffixed(n.unsigned_abs());
            quote!(-#magnitude)
        }
        Bound::Int(n) => proc_macro2::Literal::u128_unsuffixed(n.unsigned_abs()).into_token_stream(),
        // `-0.0` matches too (float patterns compare with `==`), and becomes `0.0`.
        Bound::Float(0.0) => proc_macro2::Literal::f64_unsuffixed(0.0).into_token_stream(),
        Bound::Float(x) if x < 0.0 => {
            let magnitude = proc_macro2::Literal::f64_unsuffixed(-x);
            quote!(-#magnitude)
        }
        Bound::Float(x) => proc_macro2::Literal::f64_unsuffixed(x).into_token_stream(),
    }
}
