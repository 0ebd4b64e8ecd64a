//! Constraint keywords → typed [`Constraints`], checked for sense (min ≤ max, valid regex, ...).

use crate::diag::{join, Sink};
use crate::model::{Bound, Constraints, Number};
use serde_json::Value;

/// Parses the constraints stated on one schema of type `ty` (`string`, `integer`, ...).
pub fn parse(schema: &Value, pointer: &str, ty: &str, sink: &mut Sink<'_>) -> Constraints {
    let mut c = Constraints::default();
    let at = |key: &str| join(pointer, key);
    let is_string = ty == "string";
    let is_number = ty == "integer" || ty == "number";
    let is_array = ty == "array";

    for (key, slot) in [("minLength", 0usize), ("maxLength", 1)] {
        if let Some(v) = schema.get(key) {
            match count(v) {
                Some(n) if is_string => {
                    if slot == 0 {
                        c.min_length = Some(n)
                    } else {
                        c.max_length = Some(n)
                    }
                }
                Some(_) => {
                    sink.warning(&at(key), format!("`{key}` applies to strings only; ignored on a `{ty}`"), None)
                }
                None if is_negative(v) => sink.warning(&at(key), format!("`{key}` is negative ({v}); ignored"), None),
                None => sink.error(
                    &at(key),
                    format!("`{key}` must be a non-negative integer, found {v}"),
                    Some("write a whole number such as 128".into()),
                ),
            }
        }
    }
    if let (Some(min), Some(max)) = (c.min_length, c.max_length) {
        if min > max {
            sink.error(
                &at("minLength"),
                format!("`minLength` {min} is above `maxLength` {max}: no value can pass"),
                Some("swap or correct the two limits".into()),
            );
        }
    }

    for (key, slot) in [("minItems", 0usize), ("maxItems", 1)] {
        if let Some(v) = schema.get(key) {
            match count(v) {
                Some(n) if is_array => {
                    if slot == 0 {
                        c.min_items = Some(n)
                    } else {
                        c.max_items = Some(n)
                    }
                }
                Some(_) => sink.warning(&at(key), format!("`{key}` applies to arrays only; ignored on a `{ty}`"), None),
                None if is_negative(v) => sink.warning(&at(key), format!("`{key}` is negative ({v}); ignored"), None),
                None => sink.error(
                    &at(key),
                    format!("`{key}` must be a non-negative integer, found {v}"),
                    Some("write a whole number such as 20".into()),
                ),
            }
        }
    }
    if let (Some(min), Some(max)) = (c.min_items, c.max_items) {
        if min > max {
            sink.error(
                &at("minItems"),
                format!("`minItems` {min} is above `maxItems` {max}: no list can pass"),
                Some("swap or correct the two limits".into()),
            );
        }
    }

    if let Some(v) = schema.get("pattern") {
        match v.as_str() {
            Some("") => {}
            Some(p) if is_string => match check_regex(p) {
                Ok(()) => c.pattern = Some(p.to_string()),
                Err(e) if e.contains("look-around") || e.contains("backreference") => sink.warning(
                    &at("pattern"),
                    format!("`pattern` needs a backtracking regex engine ({e}); it is not checked client-side"),
                    Some("rewrite it without look-around and back-references to have it checked".into()),
                ),
                Err(e) => sink.error(
                    &at("pattern"),
                    format!("`pattern` is not a valid regular expression: {e}"),
                    Some("the `regex` crate's syntax applies".into()),
                ),
            },
            Some(_) => {
                sink.warning(&at("pattern"), format!("`pattern` applies to strings only; ignored on a `{ty}`"), None)
            }
            None => sink.error(&at("pattern"), "`pattern` must be a string", None),
        }
    }

    let int = ty == "integer";
    let int_range = match schema.get("format").and_then(Value::as_str) {
        Some("int32") if int => (i32::MIN as i64, i32::MAX as i64),
        _ => (i64::MIN, i64::MAX),
    };
    for (key, ex_key, is_min) in [("minimum", "exclusiveMinimum", true), ("maximum", "exclusiveMaximum", false)] {
        let mut bound = None;
        if let Some(v) = schema.get(key) {
            match number(v) {
                Some(n) if is_number => bound = Some(Bound { value: n, exclusive: false }),
                Some(_) => {
                    sink.warning(&at(key), format!("`{key}` applies to numbers only; ignored on a `{ty}`"), None)
                }
                None => sink.error(
                    &at(key),
                    format!("`{key}` must be a finite number, found {v}"),
                    Some("write a number such as 1 or \"1\"".into()),
                ),
            }
        }
        match schema.get(ex_key) {
            None | Some(Value::Null) => {}
            Some(Value::Bool(ex)) => {
                if let Some(b) = &mut bound {
                    b.exclusive = *ex;
                }
            }
            Some(v) => match number(v) {
                Some(n) if is_number => {
                    let tighter = match bound {
                        None => true,
                        Some(b) => (as_f64(n) >= as_f64(b.value)) == is_min,
                    };
                    if tighter {
                        bound = Some(Bound { value: n, exclusive: true });
                    }
                }
                Some(_) => {
                    sink.warning(&at(ex_key), format!("`{ex_key}` applies to numbers only; ignored on a `{ty}`"), None)
                }
                None => sink.error(&at(ex_key), format!("`{ex_key}` must be a boolean or a number, found {v}"), None),
            },
        }
        // Bounds outside what the Rust type can hold say nothing; integer fields get integer bounds.
        let bound = bound.and_then(|b| if int { fit_int(b, is_min, int_range) } else { Some(b) });
        if is_min {
            c.minimum = bound;
        } else {
            c.maximum = bound;
        }
    }
    if let (Some(min), Some(max)) = (c.minimum, c.maximum) {
        let (lo, hi) = (as_f64(min.value), as_f64(max.value));
        if lo > hi || (lo == hi && (min.exclusive || max.exclusive)) {
            sink.error(
                &at("minimum"),
                format!("the range {lo}..{hi} is empty: no value can pass"),
                Some("correct `minimum`/`maximum` (and their exclusive flags)".into()),
            );
        }
    }

    if int {
        if let Some(values) = schema.get("enum") {
            match values.as_array() {
                Some(list) if list.is_empty() => sink.warning(&at("enum"), "`enum` is empty; ignored", None),
                Some(list) => {
                    for (i, v) in list.iter().enumerate() {
                        match number(v) {
                            Some(Number::Int(n)) if !c.int_values.contains(&n) => c.int_values.push(n),
                            Some(Number::Int(_)) => sink.warning(
                                &join(&at("enum"), &i.to_string()),
                                format!("value {v} is listed twice"),
                                None,
                            ),
                            _ => {
                                sink.warning(
                                    &join(&at("enum"), &i.to_string()),
                                    format!("value {v} is not an integer, but the schema's type is `integer`; the value set is not checked"),
                                    Some("list integers only, or change the type".into()),
                                );
                                c.int_values.clear();
                                break;
                            }
                        }
                    }
                }
                None => sink.error(&at("enum"), "`enum` must be an array", None),
            }
        }
    }

    for (key, list) in
        [("x-forbiddenPrefixes", &mut c.forbidden_prefixes), ("x-forbiddenSubstrings", &mut c.forbidden_substrings)]
    {
        if let Some(v) = schema.get(key) {
            match v.as_array() {
                Some(items) if is_string => {
                    for (i, item) in items.iter().enumerate() {
                        match item.as_str() {
                            Some(s) if !s.is_empty() => list.push(s.to_string()),
                            _ => sink.error(
                                &join(&at(key), &i.to_string()),
                                format!("`{key}` must hold non-empty strings"),
                                None,
                            ),
                        }
                    }
                }
                Some(_) => {
                    sink.warning(&at(key), format!("`{key}` applies to strings only; ignored on a `{ty}`"), None)
                }
                None => sink.error(
                    &at(key),
                    format!("`{key}` must be an array of strings"),
                    Some("write e.g. [\"http://\", \"https://\"]".into()),
                ),
            }
        }
    }
    match schema.get("x-secret") {
        None => {}
        Some(Value::Bool(b)) => c.secret = *b,
        Some(_) => sink.error(&at("x-secret"), "`x-secret` must be a boolean", None),
    }
    c
}

/// The documented values of a string schema (`enum`), without duplicates, in metadata order.
pub fn string_enum(schema: &Value, pointer: &str, sink: &mut Sink<'_>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let Some(v) = schema.get("enum") else { return out };
    let p = join(pointer, "enum");
    let Some(list) = v.as_array() else {
        sink.error(&p, "`enum` must be an array", None);
        return out;
    };
    if list.is_empty() {
        sink.warning(&p, "`enum` is empty; the value is treated as free text", None);
    }
    for (i, item) in list.iter().enumerate() {
        let value = match item {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            other => {
                sink.error(&join(&p, &i.to_string()), format!("enum value {other} is not a scalar"), None);
                continue;
            }
        };
        if out.contains(&value) {
            sink.warning(&join(&p, &i.to_string()), format!("enum value `{value}` is listed twice"), None);
        } else {
            out.push(value);
        }
    }
    out
}

fn check_regex(p: &str) -> Result<(), String> {
    regex::RegexBuilder::new(p).size_limit(1 << 20).build().map(|_| ()).map_err(|e| {
        let text = e.to_string();
        // The regex crate's message is multi-line with a caret diagram; keep its last line.
        text.lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or(&text)
            .trim()
            .trim_start_matches("error: ")
            .to_string()
    })
}

fn is_negative(v: &Value) -> bool {
    matches!(number(v), Some(Number::Int(i)) if i < 0) || matches!(number(v), Some(Number::Float(f)) if f < 0.0)
}

fn count(v: &Value) -> Option<u64> {
    match v {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A finite number, exact for integers (given as a JSON number or as text, as the corpus does).
fn number(v: &Value) -> Option<Number> {
    let text = match v {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.trim().to_string(),
        _ => return None,
    };
    if let Ok(i) = text.parse::<i64>() {
        return Some(Number::Int(i));
    }
    text.parse::<f64>().ok().filter(|f| f.is_finite()).map(Number::Float)
}

fn as_f64(n: Number) -> f64 {
    match n {
        Number::Int(i) => i as f64,
        Number::Float(f) => f,
    }
}

/// An integer bound that an integer of `range` can be compared with, or `None` when it excludes
/// nothing.
fn fit_int(b: Bound, is_min: bool, (lo, hi): (i64, i64)) -> Option<Bound> {
    let f = as_f64(b.value);
    // Normalise to an inclusive integer bound.
    let inclusive: f64 = match (is_min, b.exclusive) {
        (true, false) => f.ceil(),
        (true, true) => f.floor() + 1.0,
        (false, false) => f.floor(),
        (false, true) => f.ceil() - 1.0,
    };
    if is_min && inclusive <= lo as f64 || !is_min && inclusive >= hi as f64 {
        return None;
    }
    let v = match b.value {
        Number::Int(i) if !b.exclusive => i,
        _ => inclusive.clamp(lo as f64, hi as f64) as i64,
    };
    Some(Bound { value: Number::Int(v), exclusive: false })
}
