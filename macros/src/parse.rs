//! Phase 1, parse: `#[validate(...)]` attributes → [`RawRule`]s, kept close to the syntax and
//! to its spans. Each rule is parsed on its own, so one malformed rule does not hide the others;
//! a rule with an error is dropped (after the error is recorded) rather than guessed at.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{Attribute, Ident, Lit, LitStr, Token};

use crate::errors::Errors;

/// The rule names, the vocabulary of the attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Keyword {
    Wire,
    Required,
    Length,
    Range,
    OneOf,
    Known,
    Pattern,
    NotStartsWith,
    NotContains,
    Items,
    Each,
    Nested,
    Custom,
    Secret,
}

impl Keyword {
    const ALL: [Keyword; 14] = [
        Keyword::Wire,
        Keyword::Required,
        Keyword::Length,
        Keyword::Range,
        Keyword::OneOf,
        Keyword::Known,
        Keyword::Pattern,
        Keyword::NotStartsWith,
        Keyword::NotContains,
        Keyword::Items,
        Keyword::Each,
        Keyword::Nested,
        Keyword::Custom,
        Keyword::Secret,
    ];

    /// The name as written in the attribute.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Keyword::Wire => "wire",
            Keyword::Required => "required",
            Keyword::Length => "length",
            Keyword::Range => "range",
            Keyword::OneOf => "one_of",
            Keyword::Known => "known",
            Keyword::Pattern => "pattern",
            Keyword::NotStartsWith => "not_starts_with",
            Keyword::NotContains => "not_contains",
            Keyword::Items => "items",
            Keyword::Each => "each",
            Keyword::Nested => "nested",
            Keyword::Custom => "custom",
            Keyword::Secret => "secret",
        }
    }

    /// How the rule is written, for messages.
    fn usage(self) -> &'static str {
        match self {
            Keyword::Wire => "wire = \"WireName\"",
            Keyword::Required => "required",
            Keyword::Length => "length(min = N, max = N)",
            Keyword::Range => "range(min = X, max = X, exclusive_min = X, exclusive_max = X)",
            Keyword::OneOf => "one_of(\"a\", \"b\") or one_of(1, 5, 10)",
            Keyword::Known => "known",
            Keyword::Pattern => "pattern = \"^[a-z]+$\"",
            Keyword::NotStartsWith => "not_starts_with(\"http://\", \"https://\")",
            Keyword::NotContains => "not_contains(\"http://\")",
            Keyword::Items => "items(min = N, max = N)",
            Keyword::Each => "each(<rules>)",
            Keyword::Nested => "nested",
            Keyword::Custom => "custom = path::to::function",
            Keyword::Secret => "secret",
        }
    }

    /// The keys a `name(key = value, ...)` rule takes.
    fn keys(self) -> &'static [&'static str] {
        match self {
            Keyword::Length | Keyword::Items => &["min", "max"],
            Keyword::Range => &["min", "max", "exclusive_min", "exclusive_max"],
            _ => &[],
        }
    }
}

/// One rule as written.
pub(crate) struct RawRule {
    /// The rule's name, the span errors about the whole rule point at.
    pub(crate) name: Ident,
    pub(crate) keyword: Keyword,
    pub(crate) body: RawBody,
}

/// What follows a rule's name.
pub(crate) enum RawBody {
    /// `required`, `known`, `nested`, `secret`.
    Flag,
    /// `wire = "..."`, `pattern = "..."`.
    Str(LitStr),
    /// `custom = path`.
    Path(syn::Path),
    /// `length(...)`, `items(...)`, `range(...)`: `key = number` pairs, keys unique and known.
    Bounds(Vec<(Ident, Number)>),
    /// `one_of(...)`: literals.
    Literals(Vec<Number>, Vec<LitStr>),
    /// `not_starts_with(...)`, `not_contains(...)`: string literals.
    Strings(Vec<LitStr>),
    /// `each(...)`: the rules for every item.
    Rules(Vec<RawRule>),
}

/// A numeric literal with its sign: `5`, `-1`, `0.5`.
pub(crate) struct Number {
    pub(crate) minus: Option<Token![-]>,
    pub(crate) lit: Lit,
}

impl ToTokens for Number {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        self.minus.to_tokens(tokens);
        self.lit.to_tokens(tokens);
    }
}

/// The rules of the `#[validate(...)]` attributes among `attrs`, in the order written.
pub(crate) fn field_rules(attrs: &[Attribute], errors: &mut Errors) -> Vec<RawRule> {
    let mut rules = Vec::new();
    for tokens in validate_attrs(attrs, errors) {
        rules.extend(rules_in(tokens, errors));
    }
    rules
}

/// The `crate = "path"` of the container's `#[validate(...)]` attributes.
pub(crate) fn container_crate(attrs: &[Attribute], errors: &mut Errors) -> Option<syn::Path> {
    let mut krate: Option<syn::Path> = None;
    for tokens in validate_attrs(attrs, errors) {
        for segment in split_commas(tokens) {
            let parsed = (|input: ParseStream| {
                let name = input.call(Ident::parse_any)?;
                if name != "crate" {
                    let message = format!("unknown container attribute `{name}`; the struct takes only `crate = \"path\"` (rules go on fields)");
                    return Err(syn::Error::new(name.span(), message));
                }
                input.parse::<Token![=]>()?;
                let lit: LitStr = input.parse()?;
                let path = lit.parse::<syn::Path>().map_err(|_| syn::Error::new(lit.span(), "expected a path such as `::alibabacloud_runtime`"))?;
                Ok((name, path))
            })
            .parse2(segment);
            match parsed {
                Ok((name, _)) if krate.is_some() => errors.at(name.span(), "duplicate `crate` attribute"),
                Ok((_, path)) => krate = Some(path),
                Err(error) => errors.push(error),
            }
        }
    }
    krate
}

/// The token lists of the `#[validate(...)]` attributes.
fn validate_attrs(attrs: &[Attribute], errors: &mut Errors) -> Vec<TokenStream> {
    let mut lists = Vec::new();
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("validate")) {
        match attr.meta.require_list() {
            Ok(list) if matches!(list.delimiter, syn::MacroDelimiter::Paren(_)) => lists.push(list.tokens.clone()),
            Ok(list) => errors.spanned(&list.path, "expected `#[validate(...)]` with parentheses"),
            Err(_) => errors.spanned(attr, "expected `#[validate(...)]`, e.g. `#[validate(required)]`"),
        }
    }
    lists
}

/// Splits `a, b(c, d), e = f` at its top-level commas; empty pieces are dropped.
fn split_commas(tokens: TokenStream) -> Vec<TokenStream> {
    let mut pieces = Vec::new();
    let mut current = TokenStream::new();
    for tree in tokens {
        match &tree {
            TokenTree::Punct(punct) if punct.as_char() == ',' => {
                if !current.is_empty() {
                    pieces.push(std::mem::take(&mut current));
                }
            }
            _ => current.extend([tree]),
        }
    }
    if !current.is_empty() {
        pieces.push(current);
    }
    pieces
}

/// The rules of one comma-separated list, each parsed on its own.
fn rules_in(tokens: TokenStream, errors: &mut Errors) -> Vec<RawRule> {
    split_commas(tokens).into_iter().filter_map(|segment| rule(segment, errors)).collect()
}

/// One rule, or `None` after recording why it cannot be read.
fn rule(tokens: TokenStream, errors: &mut Errors) -> Option<RawRule> {
    let mut iter = tokens.clone().into_iter();
    let Some(TokenTree::Ident(name)) = iter.next() else {
        errors.spanned(tokens, "expected a validation rule such as `required` or `length(max = 128)`");
        return None;
    };
    let name = name.unraw();
    let Some(keyword) = Keyword::ALL.into_iter().find(|k| name == k.as_str()) else {
        let written = name.to_string();
        let message = if written == "crate" {
            "`crate = \"...\"` goes on the struct, not on a field".to_owned()
        } else if let Some(near) = Keyword::ALL
            .iter()
            .min_by_key(|k| edit_distance(&written, k.as_str()))
            .filter(|k| edit_distance(&written, k.as_str()) <= 2)
        {
            format!("unknown validation rule `{written}`; did you mean `{}`?", near.as_str())
        } else {
            let names: Vec<_> = Keyword::ALL.iter().map(|k| format!("`{}`", k.as_str())).collect();
            format!("unknown validation rule `{written}`; expected one of {}", names.join(", "))
        };
        errors.at(name.span(), message);
        return None;
    };
    let rest: TokenStream = iter.collect();
    let usage = keyword.usage();
    let body = match keyword {
        Keyword::Required | Keyword::Known | Keyword::Nested | Keyword::Secret => {
            if !rest.is_empty() {
                errors.spanned(rest, format!("`{name}` takes no arguments; write `{usage}`"));
                return None;
            }
            RawBody::Flag
        }
        Keyword::Wire | Keyword::Pattern => RawBody::Str(value(&name, rest, usage, errors, |input| input.parse())?),
        Keyword::Custom => RawBody::Path(value(&name, rest, usage, errors, |input| input.parse())?),
        Keyword::Length | Keyword::Items | Keyword::Range => {
            let inner = parenthesized(&name, rest, usage, errors)?;
            RawBody::Bounds(bounds(keyword, inner, errors)?)
        }
        Keyword::OneOf => {
            let inner = parenthesized(&name, rest, usage, errors)?;
            let (numbers, strings) = literals(inner, errors)?;
            RawBody::Literals(numbers, strings)
        }
        Keyword::NotStartsWith | Keyword::NotContains => {
            let inner = parenthesized(&name, rest, usage, errors)?;
            RawBody::Strings(strings(inner, errors)?)
        }
        Keyword::Each => {
            let inner = parenthesized(&name, rest, usage, errors)?;
            let before = errors.count();
            let rules = rules_in(inner, errors);
            if errors.count() > before {
                return None;
            }
            RawBody::Rules(rules)
        }
    };
    Some(RawRule { name, keyword, body })
}

/// The value of `name = value`, parsed with `parse`.
fn value<T>(
    name: &Ident,
    rest: TokenStream,
    usage: &str,
    errors: &mut Errors,
    parse: impl FnOnce(ParseStream) -> syn::Result<T>,
) -> Option<T> {
    let parsed = (|input: ParseStream| {
        if !input.peek(Token![=]) {
            return Err(syn::Error::new(name.span(), format!("expected `{usage}`")));
        }
        let eq: Token![=] = input.parse()?;
        if input.is_empty() {
            return Err(syn::Error::new(eq.span, format!("expected a value after `=`: `{usage}`")));
        }
        let value = parse(input).map_err(|error| syn::Error::new(error.span(), format!("expected `{usage}`")))?;
        if !input.is_empty() {
            return Err(input.error(format!("unexpected tokens after the value; expected `{usage}`")));
        }
        Ok(value)
    })
    .parse2(rest);
    parsed.map_err(|error| errors.push(error)).ok()
}

/// The tokens inside `name(...)`.
fn parenthesized(name: &Ident, rest: TokenStream, usage: &str, errors: &mut Errors) -> Option<TokenStream> {
    let mut iter = rest.clone().into_iter();
    match (iter.next(), iter.next()) {
        (Some(TokenTree::Group(group)), None) if group.delimiter() == Delimiter::Parenthesis => {
            if group.stream().is_empty() {
                errors.at(group.span(), format!("`{name}(...)` needs at least one argument: `{usage}`"));
                return None;
            }
            Some(group.stream())
        }
        (None, _) => {
            errors.at(name.span(), format!("expected `{usage}`"));
            None
        }
        _ => {
            errors.spanned(rest, format!("expected `{usage}`"));
            None
        }
    }
}

/// `key = number` pairs: every key known for the rule, none repeated.
fn bounds(keyword: Keyword, tokens: TokenStream, errors: &mut Errors) -> Option<Vec<(Ident, Number)>> {
    let keys = keyword.keys();
    let mut pairs: Vec<(Ident, Number)> = Vec::new();
    let mut ok = true;
    for segment in split_commas(tokens) {
        let parsed = (|input: ParseStream| {
            let key: Ident = input.parse()?;
            if !keys.iter().any(|k| key == k) {
                let expected: Vec<_> = keys.iter().map(|k| format!("`{k}`")).collect();
                let message =
                    format!("unknown key `{key}` in `{}(...)`; expected {}", keyword.as_str(), expected.join(" or "));
                return Err(syn::Error::new(key.span(), message));
            }
            if !input.peek(Token![=]) {
                return Err(syn::Error::new(key.span(), format!("expected `{key} = N`")));
            }
            let eq: Token![=] = input.parse()?;
            if input.is_empty() {
                return Err(syn::Error::new(eq.span, format!("expected a number after `{key} =`")));
            }
            let number = number(input)?;
            Ok((key, number))
        })
        .parse2(segment);
        match parsed {
            Ok((key, _)) if pairs.iter().any(|(k, _)| *k == key) => {
                errors.at(key.span(), format!("duplicate key `{key}` in `{}(...)`", keyword.as_str()));
                ok = false;
            }
            Ok(pair) => pairs.push(pair),
            Err(error) => {
                errors.push(error);
                ok = false;
            }
        }
    }
    ok.then_some(pairs)
}

/// An optionally negative integer or float literal.
fn number(input: ParseStream) -> syn::Result<Number> {
    let minus: Option<Token![-]> = input.parse()?;
    let lit: Lit = input.parse().map_err(|error| syn::Error::new(error.span(), "expected a number literal"))?;
    match lit {
        Lit::Int(_) | Lit::Float(_) => Ok(Number { minus, lit }),
        other => Err(syn::Error::new(other.span(), "expected a number literal")),
    }
}

/// The literals of `one_of(...)`: numbers or strings, not both.
fn literals(tokens: TokenStream, errors: &mut Errors) -> Option<(Vec<Number>, Vec<LitStr>)> {
    let mut numbers = Vec::new();
    let mut strings = Vec::new();
    let mut ok = true;
    for segment in split_commas(tokens) {
        let parsed = (|input: ParseStream| {
            if input.peek(LitStr) {
                Ok(Err(input.parse::<LitStr>()?))
            } else {
                number(input)
                    .map(Ok)
                    .map_err(|error| syn::Error::new(error.span(), "expected a string or integer literal"))
            }
        })
        .parse2(segment);
        match parsed {
            Ok(Ok(number)) if !strings.is_empty() => {
                errors.spanned(number, "`one_of(...)` mixes strings and numbers; use one kind");
                ok = false;
            }
            Ok(Err(string)) if !numbers.is_empty() => {
                errors.spanned(string, "`one_of(...)` mixes strings and numbers; use one kind");
                ok = false;
            }
            Ok(Ok(number)) => numbers.push(number),
            Ok(Err(string)) => strings.push(string),
            Err(error) => {
                errors.push(error);
                ok = false;
            }
        }
    }
    ok.then_some((numbers, strings))
}

/// String literals, for `not_starts_with(...)` and `not_contains(...)`.
fn strings(tokens: TokenStream, errors: &mut Errors) -> Option<Vec<LitStr>> {
    let mut strings = Vec::new();
    let mut ok = true;
    for segment in split_commas(tokens) {
        match syn::parse2::<LitStr>(segment) {
            Ok(string) => strings.push(string),
            Err(error) => {
                errors.push(syn::Error::new(error.span(), "expected a string literal"));
                ok = false;
            }
        }
    }
    ok.then_some(strings)
}

/// The Levenshtein distance between two short names, for "did you mean".
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::edit_distance;

    #[test]
    fn distance() {
        assert_eq!(edit_distance("lenght", "length"), 2);
        assert_eq!(edit_distance("requied", "required"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }
}
