//! Lenient deserializers for response fields, for `#[serde(deserialize_with = "...")]`.
//!
//! The metadata's scalar types do not always match what the service sends: a `string` field
//! may arrive as `true` or `42`, a count as `"42"`. These helpers accept any scalar that reads
//! as the field's type, so that a response is not lost over such a mismatch. `null` reads as
//! `None`; use them together with `#[serde(default)]` so that an absent field is `None` too.
//! They read XML answers as well ([`crate::xml::from_xml`]): an element's text is its value, an
//! empty element is `None`.
//!
//! ```
//! #[derive(serde::Deserialize)]
//! struct Response {
//!     #[serde(rename = "Success", default, deserialize_with = "alibabacloud_runtime::de::string")]
//!     success: Option<String>,
//!     #[serde(rename = "TotalCount", default, deserialize_with = "alibabacloud_runtime::de::integer")]
//!     total_count: Option<i32>,
//!     #[serde(rename = "Enabled", default, deserialize_with = "alibabacloud_runtime::de::boolean")]
//!     enabled: Option<bool>,
//! }
//!
//! let r: Response =
//!     serde_json::from_str(r#"{"Success": true, "TotalCount": "42", "Enabled": "false"}"#).unwrap();
//! assert_eq!(r.success.as_deref(), Some("true"));
//! assert_eq!(r.total_count, Some(42));
//! assert_eq!(r.enabled, Some(false));
//! ```

use std::fmt;

use serde::de::{Deserializer, Error, MapAccess, Visitor};

/// Any scalar: a JSON scalar, or an XML element's text (quick-xml hands a text-only element over
/// as the map `{"$text": "..."}`, an empty element as an empty map, which reads as `None`).
enum Scalar {
    Bool(bool),
    Signed(i64),
    Unsigned(u64),
    Float(f64),
    Text(String),
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Option<Scalar>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string, number or boolean")
    }

    fn visit_bool<E: Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Some(Scalar::Bool(v)))
    }

    fn visit_i64<E: Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(Scalar::Signed(v)))
    }

    fn visit_u64<E: Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(Scalar::Unsigned(v)))
    }

    fn visit_f64<E: Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Some(Scalar::Float(v)))
    }

    fn visit_str<E: Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(Scalar::Text(v.to_owned())))
    }

    fn visit_string<E: Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(Scalar::Text(v)))
    }

    fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(ScalarVisitor)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut text = None;
        while let Some(key) = map.next_key::<String>()? {
            if key != "$text" && key != "$value" {
                return Err(A::Error::custom("expected a string, number or boolean"));
            }
            text = map.next_value::<Option<String>>()?;
        }
        Ok(text.map(Scalar::Text))
    }
}

fn scalar<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Scalar>, D::Error> {
    deserializer.deserialize_option(ScalarVisitor).map_err(|_| D::Error::custom("expected a string, number or boolean"))
}

/// A string; numbers and booleans are written as text (`42`, `true`).
pub fn string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(scalar(deserializer)?.map(|value| match value {
        Scalar::Bool(b) => b.to_string(),
        Scalar::Signed(i) => i.to_string(),
        Scalar::Unsigned(u) => u.to_string(),
        Scalar::Float(f) => crate::wire::python_float(f),
        Scalar::Text(s) => s,
    }))
}

/// An integer of any width; a string holding an integer is read too, an empty string is `None`.
pub fn integer<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<i64> + TryFrom<u64>,
{
    let out_of_range = || D::Error::custom("integer out of range");
    match scalar(deserializer)? {
        None => Ok(None),
        Some(Scalar::Signed(i)) => T::try_from(i).map(Some).map_err(|_| out_of_range()),
        Some(Scalar::Unsigned(u)) => T::try_from(u).map(Some).map_err(|_| out_of_range()),
        Some(Scalar::Text(s)) if s.trim().is_empty() => Ok(None),
        Some(Scalar::Text(s)) => {
            let s = s.trim();
            if let Ok(i) = s.parse::<i64>() {
                T::try_from(i).map(Some).map_err(|_| out_of_range())
            } else if let Ok(u) = s.parse::<u64>() {
                T::try_from(u).map(Some).map_err(|_| out_of_range())
            } else {
                Err(D::Error::custom(format!("expected an integer, found {s:?}")))
            }
        }
        Some(Scalar::Float(_)) => Err(D::Error::custom("expected an integer, found a fraction")),
        Some(Scalar::Bool(_)) => Err(D::Error::custom("expected an integer, found a boolean")),
    }
}

/// A float; integers and strings holding a number are read too, an empty string is `None`.
pub fn float<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    match scalar(deserializer)? {
        None => Ok(None),
        Some(Scalar::Float(f)) => Ok(Some(f)),
        Some(Scalar::Signed(i)) => Ok(Some(i as f64)),
        Some(Scalar::Unsigned(u)) => Ok(Some(u as f64)),
        Some(Scalar::Text(s)) if s.trim().is_empty() => Ok(None),
        Some(Scalar::Text(s)) => {
            s.trim().parse().map(Some).map_err(|_| D::Error::custom(format!("expected a number, found {s:?}")))
        }
        Some(Scalar::Bool(_)) => Err(D::Error::custom("expected a number, found a boolean")),
    }
}

/// A boolean; the strings `true` / `false` (any case) and the numbers 1 / 0 are read too, an
/// empty string is `None`.
pub fn boolean<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
    match scalar(deserializer)? {
        None => Ok(None),
        Some(Scalar::Bool(b)) => Ok(Some(b)),
        Some(Scalar::Signed(1) | Scalar::Unsigned(1)) => Ok(Some(true)),
        Some(Scalar::Signed(0) | Scalar::Unsigned(0)) => Ok(Some(false)),
        Some(Scalar::Text(s)) if s.trim().is_empty() => Ok(None),
        Some(Scalar::Text(s)) if s.trim().eq_ignore_ascii_case("true") => Ok(Some(true)),
        Some(Scalar::Text(s)) if s.trim().eq_ignore_ascii_case("false") => Ok(Some(false)),
        Some(_) => Err(D::Error::custom("expected a boolean")),
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Deserialize, Debug, Default, PartialEq)]
    struct Row {
        #[serde(default, deserialize_with = "super::string")]
        s: Option<String>,
        #[serde(default, deserialize_with = "super::integer")]
        i: Option<i32>,
        #[serde(default, deserialize_with = "super::integer")]
        u: Option<u64>,
        #[serde(default, deserialize_with = "super::float")]
        f: Option<f64>,
        #[serde(default, deserialize_with = "super::boolean")]
        b: Option<bool>,
    }

    fn row(json: &str) -> Result<Row, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn scalars_of_other_types_are_read() {
        assert_eq!(row("{}").unwrap(), Row::default());
        let r = row(r#"{"s": 12, "i": "-7", "u": 18446744073709551615, "f": "2.5", "b": "TRUE"}"#).unwrap();
        assert_eq!(r.s.as_deref(), Some("12"));
        assert_eq!(r.i, Some(-7));
        assert_eq!(r.u, Some(u64::MAX));
        assert_eq!(r.f, Some(2.5));
        assert_eq!(r.b, Some(true));
        let r = row(r#"{"s": false, "i": 3, "u": "", "f": 4, "b": 0}"#).unwrap();
        assert_eq!(r.s.as_deref(), Some("false"));
        assert_eq!((r.i, r.u, r.f, r.b), (Some(3), None, Some(4.0), Some(false)));
        let r = row(r#"{"s": null, "i": null, "s2": 1.5}"#).unwrap();
        assert_eq!((r.s, r.i), (None, None));
        assert_eq!(row(r#"{"s": 1.0}"#).unwrap().s.as_deref(), Some("1.0"));
    }

    #[test]
    fn mismatches_that_cannot_be_read_fail() {
        assert!(row(r#"{"i": "abc"}"#).is_err());
        assert!(row(r#"{"i": 3000000000}"#).is_err());
        assert!(row(r#"{"i": 1.5}"#).is_err());
        assert!(row(r#"{"b": "yes"}"#).is_err());
        assert!(row(r#"{"s": [1]}"#).is_err());
        assert!(row(r#"{"f": true}"#).is_err());
        assert!(row(r#"{"s": {"k": "v"}}"#).is_err());
    }

    #[test]
    fn xml_elements_are_read_by_their_text() {
        let r: Row = quick_xml::de::from_str("<r><s>12</s><i> -7 </i><u></u><f>2.5</f><b>true</b></r>").unwrap();
        assert_eq!(r, Row { s: Some("12".into()), i: Some(-7), u: None, f: Some(2.5), b: Some(true) });
        assert!(quick_xml::de::from_str::<Row>("<r><i><x>1</x></i></r>").is_err());
    }
}
