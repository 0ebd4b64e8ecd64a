//! Phase 2, check: raw rules → the [`model`](crate::model), verifying that each rule fits its
//! field's type, that bounds are representable and ordered, that patterns compile, and that no
//! rule is given twice (reported at the second place). Every problem is recorded; nothing stops
//! at the first.

use std::collections::HashSet;

use syn::ext::IdentExt;
use syn::{Data, DeriveInput, Fields, Ident, Lit, LitStr};

use crate::errors::Errors;
use crate::model::{Bound, Container, Field, Level, RangeBounds, Rule};
use crate::parse::{self, Keyword, Number, RawBody, RawRule};
use crate::pattern;
use crate::shape::Shape;

/// The checked container. With errors recorded, the fields checked so far are still returned,
/// but the caller must not expand them.
pub(crate) fn container<'a>(input: &'a DeriveInput, errors: &mut Errors) -> Container<'a> {
    let krate =
        parse::container_crate(&input.attrs, errors).unwrap_or_else(|| syn::parse_quote!(::alibabacloud_runtime));
    let mut fields = Vec::new();
    let unsupported =
        |what: &str| format!("#[derive(Validate)] supports structs with named fields; `{}` is {what}", input.ident);
    match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(named) => fields.extend(named.named.iter().filter_map(|f| field(f, errors))),
            Fields::Unit => {}
            Fields::Unnamed(unnamed) => errors.spanned(unnamed, unsupported("a tuple struct")),
        },
        Data::Enum(data) => errors.at(data.enum_token.span, unsupported("an enum")),
        Data::Union(data) => errors.at(data.union_token.span, unsupported("a union")),
    }
    Container { ident: &input.ident, generics: &input.generics, krate, fields }
}

/// The checked field, or `None` when it has no rule.
fn field<'a>(field: &'a syn::Field, errors: &mut Errors) -> Option<Field<'a>> {
    let raw = parse::field_rules(&field.attrs, errors);
    let member = field.ident.as_ref()?;
    let rust_name = member.unraw().to_string();
    let mut wire_name = None;
    let mut secret = false;
    let mut rules = Vec::new();
    let mut seen = HashSet::new();
    for rule in raw {
        if !first_time(&mut seen, &rule, "for this field", errors) {
            continue;
        }
        match (&rule.keyword, &rule.body) {
            (Keyword::Wire, RawBody::Str(lit)) if lit.value().is_empty() => {
                errors.spanned(lit, "the wire name must not be empty")
            }
            (Keyword::Wire, RawBody::Str(lit)) => wire_name = Some(lit.value()),
            (Keyword::Secret, _) => secret = true,
            _ => rules.push(rule),
        }
    }
    let level = level(Shape::of(&field.ty), rules, "for this field", errors);
    if !level.required && level.rules.is_empty() {
        return None;
    }
    let wire_name = wire_name.unwrap_or_else(|| rust_name.clone());
    Some(Field { member, rust_name, wire_name, secret, level })
}

/// Records a duplicate at its second place; `true` the first time a rule is seen.
/// `place` completes "already given ...": `for this field`, `inside this each(...)`.
fn first_time(seen: &mut HashSet<Keyword>, rule: &RawRule, place: &str, errors: &mut Errors) -> bool {
    let first = seen.insert(rule.keyword);
    if !first {
        let name = rule.keyword.as_str();
        errors.at(rule.name.span(), format!("duplicate rule `{name}`: it is already given {place}"));
    }
    first
}

/// The rules of one value of shape `shape` (a field's, or a list item's inside `each(...)`).
fn level(shape: Shape, raw: Vec<RawRule>, place: &str, errors: &mut Errors) -> Level {
    let mut required = false;
    let mut rules = Vec::new();
    let mut seen = HashSet::new();
    let target = shape.peel_options().clone();
    for rule in raw {
        if !first_time(&mut seen, &rule, place, errors) {
            continue;
        }
        if rule.keyword == Keyword::Required {
            if matches!(shape, Shape::Option(_) | Shape::Vec(_)) {
                required = true;
            } else {
                let message = format!(
                    "`required` applies to `Option<T>` and `Vec<T>` values; this one is {}, which is always present",
                    shape.describe()
                );
                errors.at(rule.name.span(), message);
            }
            continue;
        }
        if matches!(rule.keyword, Keyword::Wire | Keyword::Secret) || !fits(rule.keyword, &target) {
            mismatch(&rule, &target, errors);
            continue;
        }
        if let Some(rule) = checked(rule, &target, errors) {
            rules.push(rule);
        }
    }
    Level { shape, required, rules }
}

/// Whether a rule applies to a value of shape `target` (`Option`s peeled).
fn fits(keyword: Keyword, target: &Shape) -> bool {
    match keyword {
        Keyword::Length | Keyword::Pattern | Keyword::NotStartsWith | Keyword::NotContains => *target == Shape::Str,
        Keyword::Range => matches!(target, Shape::Int(int) if !int.wide) || matches!(target, Shape::Float(_)),
        Keyword::OneOf => *target == Shape::Str || matches!(target, Shape::Int(int) if !int.wide),
        Keyword::Known => *target == Shape::Other,
        Keyword::Items | Keyword::Each => matches!(target, Shape::Vec(_)),
        Keyword::Nested => nestable(target),
        Keyword::Custom | Keyword::Required => true,
        Keyword::Wire | Keyword::Secret => false,
    }
}

fn nestable(target: &Shape) -> bool {
    match target {
        Shape::Other => true,
        Shape::Vec(item) => nestable(item.peel_options()),
        _ => false,
    }
}

/// Records that `rule` does not apply to `target`, with a hint when it would apply to the items.
fn mismatch(rule: &RawRule, target: &Shape, errors: &mut Errors) {
    let name = rule.keyword.as_str();
    let applies_to = match rule.keyword {
        Keyword::Length | Keyword::Pattern | Keyword::NotStartsWith | Keyword::NotContains => {
            "strings (`String`, `str`, `Box<str>`, `Cow<str>`, ...)"
        }
        Keyword::Range => "integers of up to 64 bits and floats",
        Keyword::OneOf => "strings and integers of up to 64 bits",
        Keyword::Known => "generated enums (types implementing `KnownValue`)",
        Keyword::Items | Keyword::Each => "`Vec<T>`",
        Keyword::Nested => "types implementing `Validate`, or `Vec`s of them",
        Keyword::Custom | Keyword::Required | Keyword::Wire | Keyword::Secret => "any value",
    };
    let mut message = format!("`{name}` applies to {applies_to}; this value is {}", target.describe());
    if let Shape::Vec(item) = target {
        if fits(rule.keyword, item.peel_options()) {
            let args = if matches!(rule.body, RawBody::Flag) { "" } else { "(...)" };
            message.push_str(&format!("; to check every item, write `each({name}{args})`"));
        }
    }
    let would_fit_a_known_type = [Shape::Str, Shape::Float("f64")].iter().any(|shape| fits(rule.keyword, shape));
    if *target == Shape::Other && would_fit_a_known_type {
        message.push_str(
            "; types are recognised by their path, so an alias of `String` or of a number is not seen through: \
             write the type itself",
        );
    }
    if rule.keyword == Keyword::Known && *target == Shape::Str {
        message.push_str("; for a plain string, use `one_of(...)`");
    }
    if matches!(rule.keyword, Keyword::Wire | Keyword::Secret) {
        message = format!("`{name}` applies to the whole field; put it outside `each(...)`");
    }
    errors.at(rule.name.span(), message);
}

/// The checked form of a rule known to fit `target`, or `None` after recording its errors.
fn checked(rule: RawRule, target: &Shape, errors: &mut Errors) -> Option<Rule> {
    let name = rule.keyword.as_str();
    match (rule.keyword, rule.body) {
        (Keyword::Length, RawBody::Bounds(pairs)) => {
            let (min, max) = counts(&rule.name, pairs, errors)?;
            Some(Rule::Length { min, max })
        }
        (Keyword::Items, RawBody::Bounds(pairs)) => {
            let (min, max) = counts(&rule.name, pairs, errors)?;
            Some(Rule::Items { min, max })
        }
        (Keyword::Range, RawBody::Bounds(pairs)) => range(&rule.name, pairs, target, errors).map(Rule::Range),
        (Keyword::OneOf, RawBody::Literals(numbers, strings)) => one_of(numbers, strings, target, errors),
        (Keyword::Known, _) => Some(Rule::Known(rule.name.span())),
        (Keyword::Nested, _) => Some(Rule::Nested(rule.name.span())),
        (Keyword::Custom, RawBody::Path(path)) => Some(Rule::Custom(path)),
        (Keyword::Pattern, RawBody::Str(lit)) => match pattern::check(&lit) {
            Ok(()) => Some(Rule::Pattern(lit)),
            Err(error) => {
                errors.push(error);
                None
            }
        },
        (Keyword::NotStartsWith, RawBody::Strings(strings)) => {
            Some(Rule::NotStartsWith(distinct_non_empty(name, "prefix", strings, errors)?))
        }
        (Keyword::NotContains, RawBody::Strings(strings)) => {
            Some(Rule::NotContains(distinct_non_empty(name, "substring", strings, errors)?))
        }
        (Keyword::Each, RawBody::Rules(inner)) => {
            let Shape::Vec(item) = target else { return None };
            let item_level = level((**item).clone(), inner, "inside this `each(...)`", errors);
            let useful = item_level.required || !item_level.rules.is_empty();
            useful.then(|| Rule::Each(Box::new(item_level)))
        }
        // The parser gives each keyword its body; wire and secret never reach here.
        _ => None,
    }
}

/// `min`/`max` of `length(...)` or `items(...)`: non-negative integers, `min <= max`.
fn counts(name: &Ident, pairs: Vec<(Ident, Number)>, errors: &mut Errors) -> Option<(Option<usize>, Option<usize>)> {
    let mut min = None;
    let mut max = None;
    let mut ok = true;
    for (key, number) in &pairs {
        let value = match (&number.minus, &number.lit) {
            (None, Lit::Int(lit)) => lit.base10_parse::<usize>().ok(),
            _ => None,
        };
        match value {
            Some(value) if key == "min" => min = Some((value, number)),
            Some(value) => max = Some((value, number)),
            None => {
                errors.spanned(number, format!("`{key}` must be a non-negative integer (a count of {})", unit(name)));
                ok = false;
            }
        }
    }
    if let (Some((min, _)), Some((max, max_lit))) = (min, max) {
        if min > max {
            errors.spanned(max_lit, format!("`max` ({max}) is less than `min` ({min})"));
            ok = false;
        }
    }
    (ok).then_some((min.map(|(v, _)| v), max.map(|(v, _)| v)))
}

fn unit(name: &Ident) -> &'static str {
    if name == "items" {
        "items"
    } else {
        "characters"
    }
}

/// The bounds of `range(...)`, as values of the field's numeric type, forming a non-empty range.
fn range(name: &Ident, pairs: Vec<(Ident, Number)>, target: &Shape, errors: &mut Errors) -> Option<RangeBounds> {
    let mut bounds = RangeBounds::default();
    let mut written: Vec<(&Ident, Bound, &Number)> = Vec::new();
    let mut ok = true;
    for (key, number) in &pairs {
        let Some(bound) = bound(number, target, errors) else {
            ok = false;
            continue;
        };
        let slot = match key.to_string().as_str() {
            "min" => &mut bounds.min,
            "max" => &mut bounds.max,
            "exclusive_min" => &mut bounds.exclusive_min,
            _ => &mut bounds.exclusive_max,
        };
        *slot = Some(bound);
        written.push((key, bound, number));
    }
    let find = |key: &str| written.iter().find(|(k, _, _)| *k == key);
    for (inclusive, exclusive) in [("min", "exclusive_min"), ("max", "exclusive_max")] {
        if let (Some(_), Some((key, _, _))) = (find(inclusive), find(exclusive)) {
            errors.at(key.span(), format!("`{inclusive}` and `{exclusive}` are both set; keep one"));
            ok = false;
        }
    }
    let lower = find("min").or_else(|| find("exclusive_min"));
    let upper = find("max").or_else(|| find("exclusive_max"));
    if let (Some((lower_key, lower, _)), Some((upper_key, upper, upper_number))) = (lower, upper) {
        let both_inclusive = *lower_key == "min" && *upper_key == "max";
        let empty = if both_inclusive { lower > upper } else { lower >= upper };
        if empty {
            let (lower, upper) = (show(*lower), show(*upper));
            let message = if both_inclusive {
                format!("empty range: `max` ({upper}) is less than `min` ({lower})")
            } else {
                let above = if *lower_key == "min" { "at least" } else { "greater than" };
                let below = if *upper_key == "max" { "at most" } else { "less than" };
                format!("empty range: no value is {above} {lower} and {below} {upper}")
            };
            errors.spanned(upper_number, message);
            ok = false;
        }
    }
    if pairs.is_empty() {
        errors.at(name.span(), "`range(...)` needs at least one bound");
        ok = false;
    }
    ok.then_some(bounds)
}

fn show(bound: Bound) -> String {
    match bound {
        Bound::Int(n) => n.to_string(),
        Bound::Float(x) => format!("{x:?}"),
    }
}

/// A numeric literal as a value of `target` (an integer or float type), or `None` after
/// recording why it cannot be one.
fn bound(number: &Number, target: &Shape, errors: &mut Errors) -> Option<Bound> {
    let negative = number.minus.is_some();
    match (target, &number.lit) {
        (Shape::Int(int), Lit::Int(lit)) => {
            let value = lit.base10_parse::<i128>().ok().map(|v| if negative { -v } else { v });
            match value {
                Some(value) if (int.min..=int.max).contains(&value) => Some(Bound::Int(value)),
                _ => {
                    let written = quote::quote!(#number).to_string().replace(' ', "");
                    let message = format!("`{written}` does not fit in `{}` ({}..={})", int.name, int.min, int.max);
                    errors.spanned(number, message);
                    None
                }
            }
        }
        (Shape::Int(int), _) => {
            errors.spanned(number, format!("expected an integer, as the value is `{}`", int.name));
            None
        }
        (Shape::Float(name), Lit::Int(_) | Lit::Float(_)) => {
            let digits = match &number.lit {
                Lit::Int(lit) => lit.base10_digits().parse::<f64>().ok(),
                Lit::Float(lit) => lit.base10_parse::<f64>().ok(),
                _ => None,
            };
            let limit = if *name == "f32" { f64::from(f32::MAX) } else { f64::MAX };
            match digits {
                Some(value) if value.is_finite() && value.abs() <= limit => {
                    Some(Bound::Float(if negative { -value } else { value }))
                }
                _ => {
                    let written = quote::quote!(#number).to_string().replace(' ', "");
                    errors.spanned(number, format!("`{written}` does not fit in `{name}`"));
                    None
                }
            }
        }
        _ => {
            errors.spanned(number, "expected a number");
            None
        }
    }
}

/// `one_of(...)` with literals of the field's kind, each once.
fn one_of(numbers: Vec<Number>, strings: Vec<LitStr>, target: &Shape, errors: &mut Errors) -> Option<Rule> {
    match target {
        Shape::Str => {
            if let Some(first) = numbers.first() {
                errors.spanned(first, "`one_of(...)` on a string takes string literals: `one_of(\"a\", \"b\")`");
                return None;
            }
            Some(Rule::OneOfStr(distinct("one_of", "value", strings, errors)?))
        }
        _ => {
            if let Some(first) = strings.first() {
                errors.spanned(
                    first,
                    format!("`one_of(...)` on {} takes integer literals: `one_of(1, 5, 10)`", target.describe()),
                );
                return None;
            }
            let mut values = Vec::new();
            let mut ok = true;
            for number in &numbers {
                match bound(number, target, errors) {
                    Some(Bound::Int(value)) if values.contains(&value) => {
                        errors.spanned(number, format!("duplicate value `{value}` in `one_of(...)`"));
                        ok = false;
                    }
                    Some(Bound::Int(value)) => values.push(value),
                    _ => ok = false,
                }
            }
            ok.then_some(Rule::OneOfInt(values))
        }
    }
}

/// The strings, each once (duplicates reported at their second place).
fn distinct(rule: &str, what: &str, strings: Vec<LitStr>, errors: &mut Errors) -> Option<Vec<LitStr>> {
    let mut seen = HashSet::new();
    let mut ok = true;
    for string in &strings {
        if !seen.insert(string.value()) {
            errors.spanned(string, format!("duplicate {what} {:?} in `{rule}(...)`", string.value()));
            ok = false;
        }
    }
    ok.then_some(strings)
}

/// Like [`distinct`], also refusing the empty string (which every string starts with and
/// contains).
fn distinct_non_empty(rule: &str, what: &str, strings: Vec<LitStr>, errors: &mut Errors) -> Option<Vec<LitStr>> {
    let mut ok = true;
    for string in strings.iter().filter(|s| s.value().is_empty()) {
        errors.spanned(string, format!("an empty {what} would reject every string"));
        ok = false;
    }
    let strings = distinct(rule, what, strings, errors)?;
    ok.then_some(strings)
}
