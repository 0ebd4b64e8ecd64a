//! The checked model: what the expansion needs, with every rule known to fit its field's type.
//! Built by [`crate::check`], read by [`crate::expand`]; nothing here can be malformed.

use proc_macro2::Span;
use syn::{Generics, Ident, LitStr};

use crate::shape::Shape;

/// The struct deriving `Validate`.
pub(crate) struct Container<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) generics: &'a Generics,
    /// The path of the runtime crate (`::alibabacloud_runtime` unless `crate = "..."`).
    pub(crate) krate: syn::Path,
    /// The fields that have rules, in declaration order.
    pub(crate) fields: Vec<Field<'a>>,
}

/// A field with at least one rule.
pub(crate) struct Field<'a> {
    /// The field's identifier, to read it from `self`.
    pub(crate) member: &'a Ident,
    /// The Rust name in reports (raw identifiers unprefixed: `type`, not `r#type`).
    pub(crate) rust_name: String,
    /// The wire name in reports (`wire = "..."`, else the Rust name).
    pub(crate) wire_name: String,
    /// Never echo the value in the report.
    pub(crate) secret: bool,
    /// The rules on the field's value.
    pub(crate) level: Level,
}

/// The rules that apply to one value: a field, or the items of a list (`each(...)`).
pub(crate) struct Level {
    /// The value's type.
    pub(crate) shape: Shape,
    /// `required`: the outer `Option` must be `Some` / the `Vec` non-empty. Checked first; when
    /// it fails, the other rules of the level do not run.
    pub(crate) required: bool,
    /// The other rules, in the order written. They apply inside any `Option`s, when `Some`.
    pub(crate) rules: Vec<Rule>,
}

/// One rule, with its arguments checked against the value's type.
pub(crate) enum Rule {
    /// `length(...)`: on a string.
    Length { min: Option<usize>, max: Option<usize> },
    /// `range(...)`: on a number, bounds representable in its type.
    Range(RangeBounds),
    /// `one_of("a", ...)`: on a string.
    OneOfStr(Vec<LitStr>),
    /// `one_of(1, ...)`: on an integer, each value representable in its type.
    OneOfInt(Vec<i128>),
    /// `known`: on a `KnownValue` type; the span is the keyword's, for trait errors.
    Known(Span),
    /// `pattern = "..."`: on a string; the regex is valid for the `regex` crate.
    Pattern(LitStr),
    /// `not_starts_with(...)`: on a string; non-empty prefixes.
    NotStartsWith(Vec<LitStr>),
    /// `not_contains(...)`: on a string; non-empty substrings.
    NotContains(Vec<LitStr>),
    /// `items(...)`: on a `Vec`.
    Items { min: Option<usize>, max: Option<usize> },
    /// `each(...)`: on a `Vec`; the level of its items.
    Each(Box<Level>),
    /// `nested`: on a `Validate` type or a `Vec` of them; the span is the keyword's.
    Nested(Span),
    /// `custom = path`: the function to call.
    Custom(syn::Path),
}

/// The bounds of a `range(...)`, each a literal of the field's numeric type.
#[derive(Default)]
pub(crate) struct RangeBounds {
    pub(crate) min: Option<Bound>,
    pub(crate) max: Option<Bound>,
    pub(crate) exclusive_min: Option<Bound>,
    pub(crate) exclusive_max: Option<Bound>,
}

/// A numeric bound, typed after the field.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub(crate) enum Bound {
    Int(i128),
    Float(f64),
}
