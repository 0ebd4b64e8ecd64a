//! Wire encoding: a serialized request becomes query parameters, form fields, headers and a
//! path, as each parameter's [`ParamSpec`] says.
//!
//! Generated requests encode themselves through [`crate::encode`] (no JSON detour), into the
//! [`EncodedRequest`] defined here. [`encode`] is the same encoding for any type that implements
//! `Serialize` with its fields renamed to their wire names and unset fields skipped: it turns it
//! into a JSON object with `serde_json::to_value`, then writes each member by its parameter's
//! [`Style`] (and it is the reference the typed encoder is tested against):
//!
//! | style | list `["a", "b"]` | object `{"Key": "k"}` | list of objects |
//! | --- | --- | --- | --- |
//! | `RepeatList`, `Flat` | `N.1=a`, `N.2=b` | `N.Key=k` | `N.1.Key=k` |
//! | `Simple` | `N=a,b` | `N.Key=k` | `N={"Key":"k"}` per item, comma-joined |
//! | `Json` | `N=["a","b"]` | `N={"Key":"k"}` | `N=[{"Key":"k"}]` |
//! | `SpaceDelimited` / `PipeDelimited` | `N=a b` / `N=a\|b` | as `Simple` | as `Simple` |
//!
//! Scalars are written as the official SDKs write them: strings as they are, booleans `true` /
//! `false`, integers in decimal, floats as Python's `str` does (`1.0`, `1e-05`, `1e+16`). Empty
//! strings and `0` are sent; `null` (an unset value) is left out, also inside lists.
//!
//! The flattening mirrors the official SDKs' `query` helper (Python's `_object_handler`, Go's
//! `flatRepeatedList`) and `array_to_string_with_specified_style` for `simple` and `json`.

use serde::Serialize;
use serde_json::Value;

use crate::error::ConstructionError;
use crate::operation::{Location, Operation, ParamSpec, Style};
use crate::sign::percent_encode;

/// A request in wire form: what [`crate::Client`]'s non-generic `send` takes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EncodedRequest {
    /// The path, with `{Name}` / `[Name]` placeholders filled in (still unencoded).
    pub path: String,
    /// Query parameters, unencoded, in the order produced (signing sorts them).
    pub query: Vec<(String, String)>,
    /// Form fields, unencoded; empty when there is no body.
    pub form: Vec<(String, String)>,
    /// Extra request headers.
    pub headers: Vec<(String, String)>,
    /// A JSON body (ROA `in: body` parameters); when set, it is sent instead of the form.
    pub json_body: Option<String>,
}

impl EncodedRequest {
    /// Whether a parameter named `name` is present in any location.
    pub fn has_param(&self, name: &str) -> bool {
        [&self.query, &self.form, &self.headers].iter().any(|list| list.iter().any(|(k, _)| k == name))
    }

    /// Adds a scalar parameter at `location` (path placeholders are filled in place).
    pub fn push(&mut self, location: Location, name: &str, value: String) {
        match location {
            Location::Query => self.query.push((name.to_owned(), value)),
            Location::Body => self.form.push((name.to_owned(), value)),
            Location::Header => self.headers.push((name.to_owned(), value)),
            Location::JsonBody => self.json_body = Some(value),
            Location::Host => {}
            Location::Path => {
                let encoded = percent_encode(&value);
                for placeholder in [format!("{{{name}}}"), format!("[{name}]")] {
                    self.path = self.path.replace(&placeholder, &encoded);
                }
            }
        }
    }

    /// The body and its content type: the JSON body when there is one, else the form (empty when
    /// there are no form fields).
    pub fn body(&self) -> (Vec<u8>, Option<&'static str>) {
        match &self.json_body {
            Some(json) => (json.clone().into_bytes(), Some("application/json")),
            None if self.form.is_empty() => (Vec::new(), None),
            None => (self.form_body().into_bytes(), Some("application/x-www-form-urlencoded")),
        }
    }

    /// The form body: fields sorted by name, percent-encoded like the canonical query
    /// (`application/x-www-form-urlencoded`). Empty when there are no form fields.
    pub fn form_body(&self) -> String {
        if self.form.is_empty() {
            String::new()
        } else {
            crate::sign::canonical_query(&self.form)
        }
    }
}

/// Encodes `request` for `op`. Fails when the request does not serialize to a JSON object, or
/// has a member that no [`ParamSpec`] of the operation names (a generator bug, caught early).
pub fn encode<T: Serialize + ?Sized>(op: &Operation, request: &T) -> Result<EncodedRequest, ConstructionError> {
    let value = serde_json::to_value(request)
        .map_err(|e| ConstructionError::new(format!("the request does not serialize: {e}")))?;
    encode_value(op, value)
}

/// [`encode`] for an already serialized request.
pub fn encode_value(op: &Operation, value: Value) -> Result<EncodedRequest, ConstructionError> {
    let map = match value {
        Value::Object(map) => map,
        Value::Null => serde_json::Map::new(),
        other => {
            return Err(ConstructionError::new(format!(
                "the request must serialize to an object, not {}",
                kind(&other)
            )))
        }
    };
    if let Some(unknown) = map.keys().find(|k| op.param(k).is_none()) {
        return Err(ConstructionError::new(format!("`{unknown}` is not a parameter of {}", op.action)));
    }
    let mut out = EncodedRequest { path: op.path.to_owned(), ..EncodedRequest::default() };
    for spec in op.params {
        if let Some(value) = map.get(spec.name) {
            encode_param(spec, value, &mut out)?;
        }
    }
    Ok(out)
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

/// Writes one parameter's value into `out` by its style.
pub fn encode_param(spec: &ParamSpec, value: &Value, out: &mut EncodedRequest) -> Result<(), ConstructionError> {
    if spec.location == Location::JsonBody {
        match value {
            Value::Null => {}
            // Text is sent as it is (`Util.toJSONString` of a string is the string).
            Value::String(text) => out.json_body = Some(text.clone()),
            other => out.json_body = Some(other.to_string()),
        }
        return Ok(());
    }
    let mut pairs = Vec::new();
    match (spec.style, value) {
        (_, Value::Null) => {}
        (Style::Json, Value::String(s)) => pairs.push((spec.name.to_owned(), s.clone())),
        (Style::Json, v) => pairs.push((spec.name.to_owned(), v.to_string())),
        (Style::Simple | Style::SpaceDelimited | Style::PipeDelimited, Value::Array(items)) => {
            let separator = match spec.style {
                Style::SpaceDelimited => " ",
                Style::PipeDelimited => "|",
                _ => ",",
            };
            let joined: Vec<String> =
                items.iter().filter(|v| !v.is_null()).map(|v| scalar(v).unwrap_or_else(|| v.to_string())).collect();
            pairs.push((spec.name.to_owned(), joined.join(separator)));
        }
        _ => flatten(spec.name.to_owned(), value, &mut pairs),
    }
    if spec.location == Location::Path && pairs.len() > 1 {
        return Err(ConstructionError::new(format!("path parameter `{}` must be a single value", spec.name)));
    }
    for (name, value) in pairs {
        out.push(spec.location, &name, value);
    }
    Ok(())
}

/// Flattens `value` under `prefix`: lists as `prefix.1`, `prefix.2` (1-based), objects as
/// `prefix.Key`, scalars as one pair; `null` is left out.
pub fn flatten(prefix: String, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Null => {}
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                flatten(format!("{prefix}.{}", i + 1), item, out);
            }
        }
        Value::Object(members) => {
            for (key, item) in members {
                flatten(format!("{prefix}.{key}"), item, out);
            }
        }
        scalar_value => {
            if let Some(text) = scalar(scalar_value) {
                out.push((prefix, text));
            }
        }
    }
}

/// A scalar as the official SDKs write it; `None` for `null`, lists and objects.
pub fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::Bool(b) => Some(if *b { "true" } else { "false" }.to_owned()),
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(if let Some(i) = n.as_i64() {
            i.to_string()
        } else if let Some(u) = n.as_u64() {
            u.to_string()
        } else {
            python_float(n.as_f64().unwrap_or(f64::NAN))
        }),
        Value::Null | Value::Array(_) | Value::Object(_) => None,
    }
}

/// Formats a float as Python's `str` (= `repr`) does: the shortest digits that read back the
/// same, in fixed notation when the decimal exponent is in `-4..16` (always with a fractional
/// part: `1.0`), in scientific notation otherwise (`1e-05`, `1.5e+16`).
pub fn python_float(value: f64) -> String {
    if value.is_nan() {
        return "nan".to_owned();
    }
    if value.is_infinite() {
        return if value > 0.0 { "inf" } else { "-inf" }.to_owned();
    }
    let sign = if value.is_sign_negative() { "-" } else { "" };
    if value == 0.0 {
        return format!("{sign}0.0");
    }
    // Rust's `{:e}` gives the shortest round-trip digits too: "1.2345e3", "1e-5".
    let sci = format!("{:e}", value.abs());
    let (mantissa, exponent) = sci.split_once('e').expect("`{:e}` has an exponent");
    let exponent: i32 = exponent.parse().expect("`{:e}` has an integer exponent");
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    // value = 0.DIGITS × 10^point
    let point = exponent + 1;
    let body = if (-3..=16).contains(&point) {
        let n = digits.len() as i32;
        if point <= 0 {
            format!("0.{}{digits}", "0".repeat((-point) as usize))
        } else if point >= n {
            format!("{digits}{}.0", "0".repeat((point - n) as usize))
        } else {
            let (int, frac) = digits.split_at(point as usize);
            format!("{int}.{frac}")
        }
    } else {
        let (first, rest) = digits.split_at(1);
        let dot = if rest.is_empty() { String::new() } else { format!(".{rest}") };
        let exp_sign = if exponent < 0 { '-' } else { '+' };
        format!("{first}{dot}e{exp_sign}{:02}", exponent.abs())
    };
    format!("{sign}{body}")
}

#[cfg(test)]
#[path = "wire_tests.rs"]
mod tests;
