//! Reading responses: the body parsed once into JSON, then each member handed to the field of
//! that wire name, leniently.
//!
//! The metadata's scalar types do not always match what the service sends: a `string` field
//! may arrive as `true` or `42`, a count as `"42"`. Fields accept any scalar that reads as their
//! type, so that a response is not lost over such a mismatch; `null` (and, for numbers and
//! booleans, an empty string) reads as unset. What cannot mean the field's type (`"abc"` for a
//! count, an object for a string) fails the response with the path of the member.
//!
//! Generated response types implement [`Object`]: one `match` from wire names to fields, each
//! read by [`field`]. The reading functions are not generic over a deserializer, so each type
//! costs the compiler one small function, and the body is never buffered twice.
//!
//! ```
//! use alibabacloud_runtime::de::{self, Object};
//! use alibabacloud_runtime::json::Value;
//!
//! #[derive(Default)]
//! struct Response {
//!     success: Option<String>,
//!     total_count: Option<i32>,
//!     enabled: Option<bool>,
//!     ids: Vec<String>,
//! }
//!
//! impl Object for Response {
//!     fn field(&mut self, name: &str, value: Value) -> Result<bool, de::Error> {
//!         match name {
//!             "Success" => de::field(&mut self.success, value),
//!             "TotalCount" => de::field(&mut self.total_count, value),
//!             "Enabled" => de::field(&mut self.enabled, value),
//!             "Ids" => de::field(&mut self.ids, value),
//!             _ => Ok(false),
//!         }
//!     }
//! }
//!
//! let r: Response =
//!     de::from_slice(br#"{"Success": true, "TotalCount": "42", "Enabled": "false", "Ids": ["a", 1]}"#).unwrap();
//! assert_eq!(r.success.as_deref(), Some("true"));
//! assert_eq!(r.total_count, Some(42));
//! assert_eq!(r.enabled, Some(false));
//! assert_eq!(r.ids, ["a", "1"]);
//! ```

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{Deserialize, Deserializer, Error as _};
use serde_json::Value;

/// Why a response could not be read: where (`FlowLogs.FlowLog[2].Interval`) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    path: String,
    message: String,
}

impl Error {
    /// An error at the value being read (its path is added on the way out).
    pub fn new(message: impl Into<String>) -> Self {
        Error { path: String::new(), message: message.into() }
    }

    /// The path of the member that could not be read (empty for the top level).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What was wrong.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The same error, one level further out: under member `name` or at list index `i`.
    fn under(mut self, segment: Segment<'_>) -> Self {
        let outer = match segment {
            Segment::Member(name) => name.to_owned(),
            Segment::Index(i) => format!("[{i}]"),
        };
        let joiner = if self.path.is_empty() || self.path.starts_with('[') { "" } else { "." };
        self.path = format!("{outer}{joiner}{}", self.path);
        self
    }
}

enum Segment<'a> {
    Member(&'a str),
    Index(usize),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for Error {}

/// An object read member by member: generated for response types and the shapes they hold.
pub trait Object: Default {
    /// Reads the member `name` into its field; `Ok(false)` when no field has that wire name
    /// (the member is ignored).
    fn field(&mut self, name: &str, value: Value) -> Result<bool, Error>;
}

/// A value read leniently from JSON: scalars, value-set enums, objects, JSON itself.
pub trait FromJson: Sized {
    /// The value, or `None` when `value` means unset (`null`; an empty string for numbers and
    /// booleans).
    fn from_json(value: Value) -> Result<Option<Self>, Error>;
}

/// A field of a response type: `Option<T>`, `Vec<T>` or `BTreeMap<String, T>` of a [`FromJson`].
pub trait Field {
    /// Replaces the field with `value`.
    fn read(&mut self, value: Value) -> Result<(), Error>;
}

/// Reads `value` into `field` (for [`Object::field`]); always `Ok(true)` on success.
pub fn field<F: Field>(field: &mut F, value: Value) -> Result<bool, Error> {
    field.read(value).map(|()| true)
}

/// Reads an object from a parsed JSON value; `null` reads as the default.
pub fn from_value<T: Object>(value: Value) -> Result<T, Error> {
    let mut out = T::default();
    match value {
        Value::Object(members) => {
            for (name, member) in members {
                out.field(&name, member).map_err(|e| e.under(Segment::Member(&name)))?;
            }
        }
        Value::Null => {}
        other => return Err(Error::new(format!("expected an object, found {}", kind(&other)))),
    }
    Ok(out)
}

/// Parses a response body and reads it as `T`.
pub fn from_slice<T: Object>(body: &[u8]) -> Result<T, serde_json::Error> {
    let value: Value = serde_json::from_slice(body)?;
    from_value(value).map_err(serde_json::Error::custom)
}

/// `Deserialize` for an [`Object`], through a JSON value: what `impl_deserialize!` expands to.
pub fn deserialize<'de, D: Deserializer<'de>, T: Object>(deserializer: D) -> Result<T, D::Error> {
    from_value(Value::deserialize(deserializer)?).map_err(D::Error::custom)
}

/// Implements serde's `Deserialize` for a type implementing [`Object`], so that
/// `serde_json::from_str::<Response>` reads it the same lenient way the client does.
#[macro_export]
macro_rules! impl_deserialize {
    ($name:ty) => {
        impl<'de> $crate::enums::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
            where
                D: $crate::enums::__private::serde::Deserializer<'de>,
            {
                $crate::de::deserialize(deserializer)
            }
        }
    };
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl<T: Object> FromJson for T {
    fn from_json(value: Value) -> Result<Option<Self>, Error> {
        match value {
            Value::Null => Ok(None),
            Value::Object(_) => from_value(value).map(Some),
            other => Err(Error::new(format!("expected an object, found {}", kind(&other)))),
        }
    }
}

impl<T: FromJson> Field for Option<T> {
    fn read(&mut self, value: Value) -> Result<(), Error> {
        *self = T::from_json(value)?;
        Ok(())
    }
}

impl<T: FromJson> Field for Vec<T> {
    fn read(&mut self, value: Value) -> Result<(), Error> {
        self.clear();
        match value {
            Value::Null => Ok(()),
            Value::Array(items) => {
                self.reserve(items.len());
                for (i, item) in items.into_iter().enumerate() {
                    if let Some(item) = T::from_json(item).map_err(|e| e.under(Segment::Index(i)))? {
                        self.push(item);
                    }
                }
                Ok(())
            }
            // XML has no lists: a list of one element arrives as that element.
            one => {
                if let Some(item) = T::from_json(one).map_err(|e| e.under(Segment::Index(0)))? {
                    self.push(item);
                }
                Ok(())
            }
        }
    }
}

impl<T: FromJson> Field for BTreeMap<String, T> {
    fn read(&mut self, value: Value) -> Result<(), Error> {
        self.clear();
        match value {
            Value::Null => Ok(()),
            Value::Object(members) => {
                for (key, member) in members {
                    if let Some(item) = T::from_json(member).map_err(|e| e.under(Segment::Member(&key)))? {
                        self.insert(key, item);
                    }
                }
                Ok(())
            }
            other => Err(Error::new(format!("expected an object, found {}", kind(&other)))),
        }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    /// A list inside a list or a map (`null` is unset).
    fn from_json(value: Value) -> Result<Option<Self>, Error> {
        if value.is_null() {
            return Ok(None);
        }
        let mut out = Vec::new();
        out.read(value)?;
        Ok(Some(out))
    }
}

impl<T: FromJson> FromJson for BTreeMap<String, T> {
    /// A map inside a list or a map (`null` is unset).
    fn from_json(value: Value) -> Result<Option<Self>, Error> {
        if value.is_null() {
            return Ok(None);
        }
        let mut out = BTreeMap::new();
        out.read(value)?;
        Ok(Some(out))
    }
}

impl FromJson for Value {
    fn from_json(value: Value) -> Result<Option<Self>, Error> {
        Ok((!value.is_null()).then_some(value))
    }
}

impl FromJson for String {
    /// Text; numbers and booleans are written as text (`42`, `true`, `1.5`).
    fn from_json(value: Value) -> Result<Option<Self>, Error> {
        match xml_text(value) {
            Value::Null => Ok(None),
            Value::String(s) => Ok(Some(s)),
            Value::Bool(b) => Ok(Some(b.to_string())),
            Value::Number(n) => Ok(Some(number_text(&n))),
            other => Err(Error::new(format!("expected a string, number or boolean, found {}", kind(&other)))),
        }
    }
}

/// A number as text: integers in decimal, fractions as Python's `str` writes them.
fn number_text(n: &serde_json::Number) -> String {
    if let Some(i) = n.as_i64() {
        i.to_string()
    } else if let Some(u) = n.as_u64() {
        u.to_string()
    } else {
        crate::wire::python_float(n.as_f64().unwrap_or(f64::NAN))
    }
}

/// A scalar as XML gives it: quick-xml hands a text-only element over as the map
/// `{"$text": "..."}` (or `$value`), an empty element as an empty map (unset). JSON values pass
/// through unchanged.
fn xml_text(value: Value) -> Value {
    match value {
        Value::Object(members) if members.is_empty() => Value::Null,
        Value::Object(mut members)
            if members.len() == 1 && (members.contains_key("$text") || members.contains_key("$value")) =>
        {
            members.remove("$text").or_else(|| members.remove("$value")).unwrap_or(Value::Null)
        }
        other => other,
    }
}

/// Text that means unset for a number or boolean field.
fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

fn read_integer<T: TryFrom<i64> + TryFrom<u64>>(value: Value) -> Result<Option<T>, Error> {
    let out_of_range = || Error::new("integer out of range");
    match xml_text(value) {
        Value::Null => Ok(None),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                T::try_from(i).map(Some).map_err(|_| out_of_range())
            } else if let Some(u) = n.as_u64() {
                T::try_from(u).map(Some).map_err(|_| out_of_range())
            } else {
                Err(Error::new("expected an integer, found a fraction"))
            }
        }
        Value::String(s) if blank(&s) => Ok(None),
        Value::String(s) => {
            let t = s.trim();
            if let Ok(i) = t.parse::<i64>() {
                T::try_from(i).map(Some).map_err(|_| out_of_range())
            } else if let Ok(u) = t.parse::<u64>() {
                T::try_from(u).map(Some).map_err(|_| out_of_range())
            } else {
                Err(Error::new(format!("expected an integer, found {s:?}")))
            }
        }
        other => Err(Error::new(format!("expected an integer, found {}", kind(&other)))),
    }
}

impl FromJson for i32 {
    /// An integer; text holding an integer is read too.
    fn from_json(value: Value) -> Result<Option<Self>, Error> {
        read_integer(value)
    }
}

impl FromJson for i64 {
    /// An integer; text holding an integer is read too.
    fn from_json(value: Value) -> Result<Option<Self>, Error> {
        read_integer(value)
    }
}

impl FromJson for f64 {
    /// A number; text holding a number is read too.
    fn from_json(value: Value) -> Result<Option<Self>, Error> {
        match xml_text(value) {
            Value::Null => Ok(None),
            Value::Number(n) => Ok(n.as_f64()),
            Value::String(s) if blank(&s) => Ok(None),
            Value::String(s) => {
                s.trim().parse().map(Some).map_err(|_| Error::new(format!("expected a number, found {s:?}")))
            }
            other => Err(Error::new(format!("expected a number, found {}", kind(&other)))),
        }
    }
}

impl FromJson for bool {
    /// A boolean; `"true"` / `"false"` (any case) and the numbers 1 / 0 are read too.
    fn from_json(value: Value) -> Result<Option<Self>, Error> {
        match &xml_text(value) {
            Value::Null => Ok(None),
            Value::Bool(b) => Ok(Some(*b)),
            Value::Number(n) if n.as_u64() == Some(1) => Ok(Some(true)),
            Value::Number(n) if n.as_u64() == Some(0) => Ok(Some(false)),
            Value::String(s) if blank(s) => Ok(None),
            Value::String(s) if s.trim().eq_ignore_ascii_case("true") => Ok(Some(true)),
            Value::String(s) if s.trim().eq_ignore_ascii_case("false") => Ok(Some(false)),
            _ => Err(Error::new("expected a boolean")),
        }
    }
}

/// A value-set enum from any scalar, as text (for `impl_string_enum!`).
pub fn string_enum<T: From<String>>(value: Value) -> Result<Option<T>, Error> {
    String::from_json(value).map(|text| text.map(T::from))
}

/// `#[serde(deserialize_with = "alibabacloud_runtime::de::string")]`: a lenient `Option<String>`,
/// read as [`FromJson`] reads it.
pub fn string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    String::from_json(Value::deserialize(deserializer)?).map_err(D::Error::custom)
}

/// `deserialize_with` for a lenient integer of any width.
pub fn integer<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<i64> + TryFrom<u64>,
{
    read_integer(Value::deserialize(deserializer)?).map_err(D::Error::custom)
}

/// `deserialize_with` for a lenient float.
pub fn float<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    f64::from_json(Value::deserialize(deserializer)?).map_err(D::Error::custom)
}

/// `deserialize_with` for a lenient boolean.
pub fn boolean<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
    bool::from_json(Value::deserialize(deserializer)?).map_err(D::Error::custom)
}

#[cfg(test)]
#[path = "de_tests.rs"]
mod tests;
