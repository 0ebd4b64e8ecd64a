//! What went wrong: one variant per rule, with the limit and what was found.

use std::borrow::Cow;
use std::fmt::{self, Display, Formatter};

use serde::Serialize;

use super::value::{Number, Value};

/// How many characters of a found value `Display` quotes before cutting it short.
const FOUND_CHARS_SHOWN: usize = 64;
/// How many allowed values `Display` lists before summarising the rest.
const ALLOWED_SHOWN: usize = 12;

/// The rule a value broke, with the rule's limits and what was found.
///
/// `found` is `None` when the field is marked `secret`: the report then never echoes the value
/// (it prints `<redacted>`). Counts (lengths, item counts) are not redacted.
///
/// Serialized with a `rule` tag in snake case, unset bounds left out, e.g.
/// `{"rule":"length","max":128,"found":129}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ViolationKind {
    /// The value is missing: `None`, or an empty list.
    Required,
    /// The string's length in characters (not bytes) is outside the bounds.
    Length {
        /// Fewest characters allowed.
        #[serde(skip_serializing_if = "Option::is_none")]
        min: Option<usize>,
        /// Most characters allowed.
        #[serde(skip_serializing_if = "Option::is_none")]
        max: Option<usize>,
        /// The length found, in characters.
        found: usize,
    },
    /// The number is outside the bounds (NaN is outside every bound).
    Range {
        /// Smallest value allowed (inclusive).
        #[serde(skip_serializing_if = "Option::is_none")]
        min: Option<Number>,
        /// Largest value allowed (inclusive).
        #[serde(skip_serializing_if = "Option::is_none")]
        max: Option<Number>,
        /// The value must be greater than this.
        #[serde(skip_serializing_if = "Option::is_none")]
        exclusive_min: Option<Number>,
        /// The value must be less than this.
        #[serde(skip_serializing_if = "Option::is_none")]
        exclusive_max: Option<Number>,
        /// The value found; `None` when redacted.
        found: Option<Number>,
    },
    /// The value is not in the list given by `one_of(...)`.
    OneOf {
        /// The allowed values, in the order written.
        allowed: Vec<Value>,
        /// The value found; `None` when redacted.
        found: Option<Value>,
    },
    /// The value is the `Unknown(_)` variant of a generated enum.
    Known {
        /// The values the enum knows.
        allowed: Vec<String>,
        /// The value found; `None` when redacted.
        found: Option<String>,
    },
    /// The string does not match the regular expression.
    Pattern {
        /// The regular expression, as written.
        pattern: Cow<'static, str>,
        /// The string found; `None` when redacted.
        found: Option<String>,
    },
    /// The string starts with a forbidden prefix.
    ForbiddenPrefix {
        /// The first forbidden prefix that matched.
        prefix: Cow<'static, str>,
        /// The string found; `None` when redacted.
        found: Option<String>,
    },
    /// The string contains a forbidden substring.
    ForbiddenSubstring {
        /// The first forbidden substring that matched.
        substring: Cow<'static, str>,
        /// The string found; `None` when redacted.
        found: Option<String>,
    },
    /// The list has too few or too many items.
    Items {
        /// Fewest items allowed.
        #[serde(skip_serializing_if = "Option::is_none")]
        min: Option<usize>,
        /// Most items allowed.
        #[serde(skip_serializing_if = "Option::is_none")]
        max: Option<usize>,
        /// The number of items found.
        found: usize,
    },
    /// A `custom = path` function refused the value.
    Custom {
        /// A short, stable, machine-readable code chosen by the function (`invalid_cidr`).
        code: String,
        /// A message for people, completing "`Field`: ..." (`must be a CIDR block`).
        message: String,
    },
}

impl ViolationKind {
    /// A [`ViolationKind::Custom`], for `custom = path` functions.
    pub fn custom(code: impl Into<String>, message: impl Into<String>) -> Self {
        ViolationKind::Custom { code: code.into(), message: message.into() }
    }

    /// The same violation with the found value removed (for `secret` fields).
    #[must_use]
    pub fn redacted(mut self) -> Self {
        match &mut self {
            ViolationKind::Range { found, .. } => *found = None,
            ViolationKind::OneOf { found, .. } => *found = None,
            ViolationKind::Known { found, .. }
            | ViolationKind::Pattern { found, .. }
            | ViolationKind::ForbiddenPrefix { found, .. }
            | ViolationKind::ForbiddenSubstring { found, .. } => *found = None,
            ViolationKind::Required
            | ViolationKind::Length { .. }
            | ViolationKind::Items { .. }
            | ViolationKind::Custom { .. } => {}
        }
        self
    }

    /// The rule's name as the attribute spells it and as serialized: `"length"`, `"one_of"`,
    /// `"forbidden_prefix"`, ...
    pub fn rule(&self) -> &'static str {
        match self {
            ViolationKind::Required => "required",
            ViolationKind::Length { .. } => "length",
            ViolationKind::Range { .. } => "range",
            ViolationKind::OneOf { .. } => "one_of",
            ViolationKind::Known { .. } => "known",
            ViolationKind::Pattern { .. } => "pattern",
            ViolationKind::ForbiddenPrefix { .. } => "forbidden_prefix",
            ViolationKind::ForbiddenSubstring { .. } => "forbidden_substring",
            ViolationKind::Items { .. } => "items",
            ViolationKind::Custom { .. } => "custom",
        }
    }
}

/// Reads as the end of a sentence that starts with the field: `must not start with "acs:" (found
/// "acs:x")`. Long found values are cut at 64 characters.
impl Display for ViolationKind {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            ViolationKind::Required => f.write_str("is required"),
            ViolationKind::Length { min, max, found } => {
                f.write_str("must be ")?;
                count_bounds(f, *min, *max, "character")?;
                write!(f, " long (found {found})")
            }
            ViolationKind::Range { min, max, exclusive_min, exclusive_max, found } => {
                f.write_str("must be ")?;
                let bounds = [
                    ("at least", min),
                    ("greater than", exclusive_min),
                    ("at most", max),
                    ("less than", exclusive_max),
                ];
                let mut first = true;
                for (words, bound) in bounds {
                    if let Some(bound) = bound {
                        let and = if first { "" } else { " and " };
                        write!(f, "{and}{words} {bound}")?;
                        first = false;
                    }
                }
                if first {
                    f.write_str("in range")?;
                }
                f.write_str(" (found ")?;
                match found {
                    Some(found) => write!(f, "{found})"),
                    None => f.write_str("<redacted>)"),
                }
            }
            ViolationKind::OneOf { allowed, found } => {
                f.write_str("must be one of ")?;
                list(f, allowed.iter())?;
                f.write_str(" (found ")?;
                match found {
                    Some(Value::String(s)) => FoundStr(Some(s)).fmt(f)?,
                    Some(found) => found.fmt(f)?,
                    None => f.write_str("<redacted>")?,
                }
                f.write_str(")")
            }
            ViolationKind::Known { allowed, found } => {
                f.write_str("must be a known value: ")?;
                list(f, allowed.iter().map(|s| Quoted(s)))?;
                write!(f, " (found {})", FoundStr(found.as_deref()))
            }
            ViolationKind::Pattern { pattern, found } => {
                let found = FoundStr(found.as_deref());
                write!(f, "must match the pattern `{pattern}` (found {found})")
            }
            ViolationKind::ForbiddenPrefix { prefix, found } => {
                let found = FoundStr(found.as_deref());
                write!(f, "must not start with {prefix:?} (found {found})")
            }
            ViolationKind::ForbiddenSubstring { substring, found } => {
                let found = FoundStr(found.as_deref());
                write!(f, "must not contain {substring:?} (found {found})")
            }
            ViolationKind::Items { min, max, found } => {
                f.write_str("must have ")?;
                count_bounds(f, *min, *max, "item")?;
                write!(f, " (found {found})")
            }
            ViolationKind::Custom { code, message } => write!(f, "{message} ({code})"),
        }
    }
}

/// `at most 128 characters`, `1 to 20 items`, `exactly 4 characters`, `at least 1 item`.
fn count_bounds(f: &mut Formatter<'_>, min: Option<usize>, max: Option<usize>, unit: &str) -> fmt::Result {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    match (min, max) {
        (Some(min), Some(max)) if min == max => write!(f, "exactly {max} {unit}{}", plural(max)),
        (Some(min), Some(max)) => write!(f, "{min} to {max} {unit}s"),
        (Some(min), None) => write!(f, "at least {min} {unit}{}", plural(min)),
        (None, Some(max)) => write!(f, "at most {max} {unit}{}", plural(max)),
        (None, None) => write!(f, "of a valid size in {unit}s"),
    }
}

/// `"a", "b", "c"`, or the first values and `... (40 values)` for long lists.
fn list<T: Display>(f: &mut Formatter<'_>, items: impl ExactSizeIterator<Item = T>) -> fmt::Result {
    let total = items.len();
    for (i, item) in items.enumerate() {
        if i == ALLOWED_SHOWN {
            return write!(f, ", ... ({total} values)");
        }
        if i > 0 {
            f.write_str(", ")?;
        }
        item.fmt(f)?;
    }
    Ok(())
}

/// A string in double quotes, escaped as Rust's `Debug` does.
struct Quoted<'a>(&'a str);

impl Display for Quoted<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

/// A found string: quoted, cut after [`FOUND_CHARS_SHOWN`] characters, or `<redacted>`.
struct FoundStr<'a>(Option<&'a str>);

impl Display for FoundStr<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let Some(found) = self.0 else {
            return f.write_str("<redacted>");
        };
        match found.char_indices().nth(FOUND_CHARS_SHOWN) {
            None => write!(f, "{found:?}"),
            Some((cut, _)) => {
                let total = found.chars().count();
                let shown = format!("{:?}", &found[..cut]);
                // Keep the closing quote off: the value goes on.
                write!(f, "{}...\" ({total} characters)", &shown[..shown.len() - 1])
            }
        }
    }
}
