//! Typed wire encoding: a request written straight into its parameters, with no JSON detour.
//!
//! A generated request implements [`Encode`]: it hands the value of each parameter of its
//! operation to [`encode`], in the order of the operation's [`ParamSpec`]s, so that every wire
//! name is written once in generated code (in the `ParamSpec`). Nested objects implement
//! [`WireValue`] by listing their fields with their wire names:
//!
//! ```
//! use alibabacloud_runtime::encode::{Visitor, WireValue};
//!
//! struct Tag {
//!     key: Option<String>,
//!     value: Option<String>,
//! }
//!
//! impl WireValue for Tag {
//!     fn visit(&self, visitor: &mut dyn Visitor) {
//!         visitor.object(&[("Key", &self.key), ("Value", &self.value)]);
//!     }
//! }
//!
//! let tag = Tag { key: Some("env".into()), value: None };
//! assert_eq!(alibabacloud_runtime::encode::to_json(&tag), r#"{"Key":"env"}"#);
//! ```
//!
//! [`encode`] writes each value by its parameter's [`Style`], byte for byte as
//! [`wire::encode`] writes the same request serialized with serde (the
//! table there says how each style flattens lists and objects): unset values (`None`, empty
//! lists and maps) are left out, and `null` inside lists too. Values are visited through
//! `&dyn` references, so the encoder is compiled once, not once per request type.

use serde_json::Value;

use crate::error::ConstructionError;
use crate::operation::{Location, Operation, ParamSpec, Style};
use crate::wire::{self, python_float, EncodedRequest};

/// A value as the wire sees it: a scalar, a list, an object with wire names, a map or JSON.
///
/// Implemented here for `String`, `bool`, `i32`, `i64`, `f64`, `Option<T>`, `Vec<T>`,
/// `BTreeMap<String, T>` and `serde_json::Value`; generated code implements it for nested
/// objects (a call of [`Visitor::object`]) and `impl_string_enum!` for value sets.
pub trait WireValue {
    /// Hands the value to `visitor`, as exactly one call.
    fn visit(&self, visitor: &mut dyn Visitor);

    /// Whether the value is unset (`None`, an empty list or map): an unset parameter is not
    /// sent, an unset field is left out of its object.
    fn is_unset(&self) -> bool {
        false
    }
}

/// Receives one value from [`WireValue::visit`].
pub trait Visitor {
    /// `null`: an unset value inside a list, or a float that is not finite.
    fn null(&mut self);
    /// Text (also a value-set enum, as its wire string).
    fn str(&mut self, value: &str);
    /// A boolean.
    fn bool(&mut self, value: bool);
    /// An integer.
    fn int(&mut self, value: i64);
    /// A finite float.
    fn float(&mut self, value: f64);
    /// A list, item by item.
    fn list(&mut self, items: &mut dyn Iterator<Item = &dyn WireValue>);
    /// An object: its fields with their wire names, in declaration order (unset ones included;
    /// the visitor leaves them out).
    fn object(&mut self, fields: &[(&str, &dyn WireValue)]);
    /// A map with text keys, in key order.
    fn map(&mut self, entries: &mut dyn Iterator<Item = (&str, &dyn WireValue)>);
    /// Free-form JSON (a field whose metadata type is `any`).
    fn json(&mut self, value: &Value);
}

/// A request that encodes itself: generated for every request type.
pub trait Encode {
    /// Encodes the request for `op`, normally by one call of [`encode`] with the value of each
    /// parameter of `op`.
    fn encode(&self, op: &Operation) -> Result<EncodedRequest, ConstructionError>;

    /// Encodes the request for an operation with a [`Binding`](crate::binding::Binding) (host
    /// parameters, header maps, XML, text or JSON bodies): generated for the requests of such
    /// operations, as one call of [`crate::binding::encode_params`]. The default refuses: the
    /// operation has no binding.
    fn encode_styled(
        &self,
        op: &Operation,
        _binding: &crate::binding::Binding,
    ) -> Result<crate::binding::StyledRequest, ConstructionError> {
        Err(ConstructionError::new(format!(
            "{} is sent without a binding; its request cannot encode for one",
            op.action
        )))
    }
}

/// Encodes the parameters of `op`: `values[i]` is the value of `op.params[i]`.
///
/// Fails when the lengths differ (a generator bug, caught early) or when a path parameter would
/// take more than one value.
pub fn encode(op: &Operation, values: &[&dyn WireValue]) -> Result<EncodedRequest, ConstructionError> {
    check_arity(op, values)?;
    // Most parameters are one pair: room for all of them in either list saves regrowing.
    let mut out = EncodedRequest {
        path: op.path.to_owned(),
        query: Vec::with_capacity(op.params.len()),
        form: Vec::with_capacity(op.params.len()),
        ..EncodedRequest::default()
    };
    for (spec, value) in op.params.iter().zip(values) {
        if !value.is_unset() {
            encode_param(spec, *value, &mut out)?;
        }
    }
    Ok(out)
}

/// Writes one parameter's value into `out` by its location and style.
pub fn encode_param(
    spec: &ParamSpec,
    value: &dyn WireValue,
    out: &mut EncodedRequest,
) -> Result<(), ConstructionError> {
    if spec.location == Location::JsonBody {
        // A body that is text (an ROA `string` body: eas `CreateService`) is sent as it is, as
        // the official SDKs' `Util.toJSONString` of a string does.
        let mut json = JsonWriter::new(true);
        value.visit(&mut json);
        if !json.top_null {
            out.json_body = Some(json.out);
        }
        return Ok(());
    }
    // Query, form and header parameters go straight into their list; path parameters (one
    // value) and host parameters (not sent) through `EncodedRequest::push`.
    let direct = match spec.location {
        Location::Query => Some(&mut out.query),
        Location::Body => Some(&mut out.form),
        Location::Header => Some(&mut out.headers),
        _ => None,
    };
    let mut staged = Vec::new();
    let pairs = match direct {
        Some(list) => list,
        None => &mut staged,
    };
    let before = pairs.len();
    match spec.style {
        Style::Json => {
            let mut json = JsonWriter::new(true);
            value.visit(&mut json);
            if !json.top_null {
                pairs.push((spec.name.to_owned(), json.out));
            }
        }
        Style::Simple | Style::SpaceDelimited | Style::PipeDelimited => {
            let separator = match spec.style {
                Style::SpaceDelimited => " ",
                Style::PipeDelimited => "|",
                _ => ",",
            };
            value.visit(&mut Joined { name: spec.name, separator, out: pairs });
        }
        _ => value.visit(&mut Flatten::new(spec.name, pairs)),
    }
    if spec.location == Location::Path && pairs.len() - before > 1 {
        return Err(ConstructionError::new(format!("path parameter `{}` must be a single value", spec.name)));
    }
    for (name, value) in staged {
        out.push(spec.location, &name, value);
    }
    Ok(())
}

/// The JSON text of a value, as `serde_json` writes the same value serialized with serde
/// (unset fields left out).
pub fn to_json(value: &dyn WireValue) -> String {
    let mut json = JsonWriter::new(false);
    value.visit(&mut json);
    json.out
}

/// Flattens under `prefix`: lists as `prefix.1`, `prefix.2`, objects and maps as `prefix.Key`,
/// scalars as one pair; `null` is left out.
struct Flatten<'a> {
    prefix: String,
    out: &'a mut Vec<(String, String)>,
}

impl<'a> Flatten<'a> {
    fn new(name: &str, out: &'a mut Vec<(String, String)>) -> Self {
        let mut prefix = String::with_capacity(name.len() + 24);
        prefix.push_str(name);
        Flatten { prefix, out }
    }

    fn push(&mut self, value: String) {
        self.out.push((self.prefix.clone(), value));
    }

    /// Visits `value` with `.segment` appended to the prefix.
    fn nested(&mut self, segment: &str, value: &dyn WireValue) {
        let len = self.prefix.len();
        self.prefix.push('.');
        self.prefix.push_str(segment);
        value.visit(self);
        self.prefix.truncate(len);
    }

    /// Visits list item `index` (0-based) as `prefix.<index + 1>`.
    fn item(&mut self, index: usize, value: &dyn WireValue) {
        let mut digits = [0u8; 20];
        let mut n = index + 1;
        let mut at = digits.len();
        while n > 0 {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
        }
        self.nested(std::str::from_utf8(&digits[at..]).unwrap_or_default(), value);
    }
}

impl Visitor for Flatten<'_> {
    fn null(&mut self) {}
    fn str(&mut self, value: &str) {
        self.push(value.to_owned());
    }
    fn bool(&mut self, value: bool) {
        self.push(bool_text(value).to_owned());
    }
    fn int(&mut self, value: i64) {
        self.push(value.to_string());
    }
    fn float(&mut self, value: f64) {
        self.push(python_float(value));
    }
    fn list(&mut self, items: &mut dyn Iterator<Item = &dyn WireValue>) {
        for (i, item) in items.enumerate() {
            self.item(i, item);
        }
    }
    fn object(&mut self, fields: &[(&str, &dyn WireValue)]) {
        for (name, value) in fields {
            if !value.is_unset() {
                self.nested(name, *value);
            }
        }
    }
    fn map(&mut self, entries: &mut dyn Iterator<Item = (&str, &dyn WireValue)>) {
        for (key, value) in entries {
            self.nested(key, value);
        }
    }
    fn json(&mut self, value: &Value) {
        wire::flatten(self.prefix.clone(), value, self.out);
    }
}

/// `simple`, `spaceDelimited` and `pipeDelimited`: a list becomes one parameter, its items as
/// text joined by the separator (`null` items left out, objects and lists as JSON); anything
/// else is flattened.
struct Joined<'a> {
    name: &'static str,
    separator: &'static str,
    out: &'a mut Vec<(String, String)>,
}

impl Joined<'_> {
    fn flatten(&mut self, value: &dyn WireValue) {
        value.visit(&mut Flatten::new(self.name, self.out));
    }
}

impl Visitor for Joined<'_> {
    fn null(&mut self) {}
    fn str(&mut self, value: &str) {
        self.out.push((self.name.to_owned(), value.to_owned()));
    }
    fn bool(&mut self, value: bool) {
        self.out.push((self.name.to_owned(), bool_text(value).to_owned()));
    }
    fn int(&mut self, value: i64) {
        self.out.push((self.name.to_owned(), value.to_string()));
    }
    fn float(&mut self, value: f64) {
        self.out.push((self.name.to_owned(), python_float(value)));
    }
    fn list(&mut self, items: &mut dyn Iterator<Item = &dyn WireValue>) {
        let mut joined = String::new();
        let mut first = true;
        for item in items {
            let mut text = ItemText(None);
            item.visit(&mut text);
            if let Some(text) = text.0 {
                if !first {
                    joined.push_str(self.separator);
                }
                joined.push_str(&text);
                first = false;
            }
        }
        self.out.push((self.name.to_owned(), joined));
    }
    fn object(&mut self, fields: &[(&str, &dyn WireValue)]) {
        Flatten::new(self.name, self.out).object(fields);
    }
    fn map(&mut self, entries: &mut dyn Iterator<Item = (&str, &dyn WireValue)>) {
        Flatten::new(self.name, self.out).map(entries);
    }
    fn json(&mut self, value: &Value) {
        match value {
            Value::Array(items) => {
                let joined: Vec<String> = items
                    .iter()
                    .filter(|v| !v.is_null())
                    .map(|v| wire::scalar(v).unwrap_or_else(|| v.to_string()))
                    .collect();
                self.out.push((self.name.to_owned(), joined.join(self.separator)));
            }
            other => self.flatten(other),
        }
    }
}

/// One item of a joined list: scalars as text, lists and objects as JSON, `None` for `null`.
struct ItemText(Option<String>);

impl Visitor for ItemText {
    fn null(&mut self) {}
    fn str(&mut self, value: &str) {
        self.0 = Some(value.to_owned());
    }
    fn bool(&mut self, value: bool) {
        self.0 = Some(bool_text(value).to_owned());
    }
    fn int(&mut self, value: i64) {
        self.0 = Some(value.to_string());
    }
    fn float(&mut self, value: f64) {
        self.0 = Some(python_float(value));
    }
    fn list(&mut self, items: &mut dyn Iterator<Item = &dyn WireValue>) {
        let mut json = JsonWriter::new(false);
        json.list(items);
        self.0 = Some(json.out);
    }
    fn object(&mut self, fields: &[(&str, &dyn WireValue)]) {
        let mut json = JsonWriter::new(false);
        json.object(fields);
        self.0 = Some(json.out);
    }
    fn map(&mut self, entries: &mut dyn Iterator<Item = (&str, &dyn WireValue)>) {
        let mut json = JsonWriter::new(false);
        json.map(entries);
        self.0 = Some(json.out);
    }
    fn json(&mut self, value: &Value) {
        if !value.is_null() {
            self.0 = Some(wire::scalar(value).unwrap_or_else(|| value.to_string()));
        }
    }
}

/// Compact JSON, as `serde_json` writes it. With `raw_top_string`, a top-level string is written
/// as it is, unquoted (the `json` style: the SDKs send a string as they got it).
struct JsonWriter {
    out: String,
    depth: usize,
    raw_top_string: bool,
    /// The top-level value was `null`.
    top_null: bool,
}

impl JsonWriter {
    fn new(raw_top_string: bool) -> Self {
        JsonWriter { out: String::new(), depth: 0, raw_top_string, top_null: false }
    }

    /// A JSON string, escaped as `serde_json` escapes it: `"`, `\\` and control characters
    /// (short forms where JSON has them, else `\u00XX` in lowercase hex); nothing else.
    fn quoted(&mut self, text: &str) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        self.out.reserve(text.len() + 2);
        self.out.push('"');
        let mut start = 0;
        for (i, byte) in text.bytes().enumerate() {
            let escape: &str = match byte {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0x08 => "\\b",
                0x0c => "\\f",
                0x00..=0x1f => "",
                _ => continue,
            };
            self.out.push_str(&text[start..i]);
            if escape.is_empty() {
                self.out.push_str("\\u00");
                self.out.push(char::from(HEX[usize::from(byte >> 4)]));
                self.out.push(char::from(HEX[usize::from(byte & 0xf)]));
            } else {
                self.out.push_str(escape);
            }
            start = i + 1;
        }
        self.out.push_str(&text[start..]);
        self.out.push('"');
    }

    fn value(&mut self, value: &dyn WireValue) {
        self.depth += 1;
        value.visit(self);
        self.depth -= 1;
    }
}

impl Visitor for JsonWriter {
    fn null(&mut self) {
        self.top_null |= self.depth == 0;
        self.out.push_str("null");
    }
    fn str(&mut self, value: &str) {
        if self.raw_top_string && self.depth == 0 {
            self.out.push_str(value);
        } else {
            self.quoted(value);
        }
    }
    fn bool(&mut self, value: bool) {
        self.out.push_str(bool_text(value));
    }
    fn int(&mut self, value: i64) {
        use std::fmt::Write;
        let _ = write!(self.out, "{value}");
    }
    fn float(&mut self, value: f64) {
        // As `Value::to_string` writes a float (serde_json's shortest round-trip digits).
        self.out.push_str(&serde_json::Number::from_f64(value).map_or_else(|| "null".to_owned(), |n| n.to_string()));
    }
    fn list(&mut self, items: &mut dyn Iterator<Item = &dyn WireValue>) {
        self.out.push('[');
        for (i, item) in items.enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.value(item);
        }
        self.out.push(']');
    }
    fn object(&mut self, fields: &[(&str, &dyn WireValue)]) {
        self.out.push('{');
        let mut first = true;
        for (name, value) in fields.iter().filter(|(_, v)| !v.is_unset()) {
            if !first {
                self.out.push(',');
            }
            first = false;
            self.quoted(name);
            self.out.push(':');
            self.value(*value);
        }
        self.out.push('}');
    }
    fn map(&mut self, entries: &mut dyn Iterator<Item = (&str, &dyn WireValue)>) {
        self.out.push('{');
        for (i, (key, value)) in entries.enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.quoted(key);
            self.out.push(':');
            self.value(value);
        }
        self.out.push('}');
    }
    fn json(&mut self, value: &Value) {
        match value {
            Value::Null => self.null(),
            Value::String(s) => self.str(s),
            other => self.out.push_str(&other.to_string()),
        }
    }
}

fn bool_text(value: bool) -> &'static str {
    if value {
        "true"
    } else {
        "false"
    }
}

impl WireValue for String {
    fn visit(&self, visitor: &mut dyn Visitor) {
        visitor.str(self);
    }
}

impl WireValue for str {
    fn visit(&self, visitor: &mut dyn Visitor) {
        visitor.str(self);
    }
}

impl WireValue for bool {
    fn visit(&self, visitor: &mut dyn Visitor) {
        visitor.bool(*self);
    }
}

impl WireValue for i32 {
    fn visit(&self, visitor: &mut dyn Visitor) {
        visitor.int(i64::from(*self));
    }
}

impl WireValue for i64 {
    fn visit(&self, visitor: &mut dyn Visitor) {
        visitor.int(*self);
    }
}

impl WireValue for f64 {
    fn visit(&self, visitor: &mut dyn Visitor) {
        // serde_json turns a float that is not finite into `null`.
        if self.is_finite() {
            visitor.float(*self);
        } else {
            visitor.null();
        }
    }
}

impl WireValue for Value {
    fn visit(&self, visitor: &mut dyn Visitor) {
        visitor.json(self);
    }
}

impl<T: WireValue> WireValue for Option<T> {
    fn visit(&self, visitor: &mut dyn Visitor) {
        match self {
            Some(value) => value.visit(visitor),
            None => visitor.null(),
        }
    }
    fn is_unset(&self) -> bool {
        self.is_none()
    }
}

impl<T: WireValue> WireValue for Vec<T> {
    fn visit(&self, visitor: &mut dyn Visitor) {
        visitor.list(&mut self.iter().map(|item| item as &dyn WireValue));
    }
    fn is_unset(&self) -> bool {
        self.is_empty()
    }
}

impl<T: WireValue> WireValue for std::collections::BTreeMap<String, T> {
    fn visit(&self, visitor: &mut dyn Visitor) {
        visitor.map(&mut self.iter().map(|(k, v)| (k.as_str(), v as &dyn WireValue)));
    }
    fn is_unset(&self) -> bool {
        self.is_empty()
    }
}

impl<T: WireValue + ?Sized> WireValue for &T {
    fn visit(&self, visitor: &mut dyn Visitor) {
        (**self).visit(visitor);
    }
    fn is_unset(&self) -> bool {
        (**self).is_unset()
    }
}

/// That a request gives one value per parameter of `op` (generated code always does; anything
/// else is a generator bug, reported rather than sent wrong).
pub(crate) fn check_arity(op: &Operation, values: &[&dyn WireValue]) -> Result<(), ConstructionError> {
    if values.len() == op.params.len() {
        return Ok(());
    }
    Err(ConstructionError::new(format!(
        "{} takes {} parameters, the request gave {}",
        op.action,
        op.params.len(),
        values.len()
    )))
}

#[cfg(test)]
#[path = "encode_tests.rs"]
mod tests;
