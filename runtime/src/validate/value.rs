//! The values a report quotes: numbers for ranges, strings or numbers for allowed-value lists.

use std::fmt;

use serde::{Serialize, Serializer};

/// A number quoted by a report: a bound of a `range` rule or the value that broke it.
///
/// Serialized as a plain JSON number; displayed as Rust prints it (`1.5`, `-3`, `65535`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// A signed integer (`i8` to `i64`, `isize`).
    Int(i64),
    /// An unsigned integer (`u8` to `u64`, `usize`).
    UInt(u64),
    /// A floating-point number (`f32`, `f64`).
    Float(f64),
}

macro_rules! number_from {
    ($variant:ident as $wide:ty: $($t:ty),*) => {$(
        impl From<$t> for Number {
            #[inline]
            fn from(value: $t) -> Self {
                Number::$variant(value as $wide)
            }
        }
    )*};
}

number_from!(Int as i64: i8, i16, i32, i64, isize);
number_from!(UInt as u64: u8, u16, u32, u64, usize);
number_from!(Float as f64: f32, f64);

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Number::Int(n) => n.fmt(f),
            Number::UInt(n) => n.fmt(f),
            Number::Float(n) => n.fmt(f),
        }
    }
}

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            Number::Int(n) => serializer.serialize_i64(n),
            Number::UInt(n) => serializer.serialize_u64(n),
            Number::Float(n) => serializer.serialize_f64(n),
        }
    }
}

/// A scalar quoted by a report: an allowed value of a `one_of` rule or the value found.
///
/// Serialized as a plain JSON string or number; displayed with strings quoted (`"VBR"`) and
/// numbers bare (`10`), so a reader can tell `"1"` from `1`.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A string value.
    String(String),
    /// A numeric value.
    Number(Number),
}

impl From<&str> for Value {
    fn from(value: &str) -> Self {
        Value::String(value.to_owned())
    }
}

impl From<String> for Value {
    fn from(value: String) -> Self {
        Value::String(value)
    }
}

impl From<Number> for Value {
    fn from(value: Number) -> Self {
        Value::Number(value)
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::String(s) => write!(f, "{s:?}"),
            Value::Number(n) => n.fmt(f),
        }
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::String(s) => serializer.serialize_str(s),
            Value::Number(n) => n.serialize(serializer),
        }
    }
}
