//! `one_of("a", "b")` / `one_of(1, 5, 10)`: allowed values.

use crate::validate::{Number, Value, ViolationKind};

/// `Ok` when `value` equals one of `allowed`, otherwise [`ViolationKind::OneOf`].
#[inline]
pub fn string(value: &str, allowed: &[&str]) -> Result<(), ViolationKind> {
    if allowed.contains(&value) {
        Ok(())
    } else {
        Err(string_violation(value, allowed))
    }
}

/// `Ok` when `value` equals one of `allowed`, otherwise [`ViolationKind::OneOf`].
#[inline]
pub fn number<T>(value: T, allowed: &[T]) -> Result<(), ViolationKind>
where
    T: Copy + PartialEq + Into<Number>,
{
    if allowed.contains(&value) {
        Ok(())
    } else {
        Err(number_violation(value, allowed))
    }
}

#[cold]
fn string_violation(value: &str, allowed: &[&str]) -> ViolationKind {
    ViolationKind::OneOf { allowed: allowed.iter().map(|&s| Value::from(s)).collect(), found: Some(Value::from(value)) }
}

#[cold]
fn number_violation<T: Copy + Into<Number>>(value: T, allowed: &[T]) -> ViolationKind {
    ViolationKind::OneOf {
        allowed: allowed.iter().map(|&n| Value::Number(n.into())).collect(),
        found: Some(Value::Number(value.into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings() {
        let allowed = ["All", "Allow", "Drop"];
        assert!(string("Allow", &allowed).is_ok());
        assert!(string("allow", &allowed).is_err(), "case matters");
        assert!(string("", &allowed).is_err());
        assert_eq!(
            string("Al", &allowed),
            Err(ViolationKind::OneOf {
                allowed: vec!["All".into(), "Allow".into(), "Drop".into()],
                found: Some("Al".into()),
            })
        );
    }

    #[test]
    fn numbers() {
        let allowed = [1i32, 5, 10];
        assert!(number(10, &allowed).is_ok());
        assert_eq!(
            number(3, &allowed),
            Err(ViolationKind::OneOf {
                allowed: vec![
                    Value::Number(Number::Int(1)),
                    Value::Number(Number::Int(5)),
                    Value::Number(Number::Int(10))
                ],
                found: Some(Value::Number(Number::Int(3))),
            })
        );
    }
}
