//! `range(min = X, max = X, exclusive_min = X, exclusive_max = X)`: numeric bounds.

use std::cmp::Ordering;

use crate::validate::{Number, ViolationKind};

/// The bounds of a `range` rule; every bound is optional.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds<T> {
    /// Smallest value allowed (inclusive).
    pub min: Option<T>,
    /// Largest value allowed (inclusive).
    pub max: Option<T>,
    /// The value must be greater than this.
    pub exclusive_min: Option<T>,
    /// The value must be less than this.
    pub exclusive_max: Option<T>,
}

/// No bound at all (`T` need not implement `Default`).
impl<T> Default for Bounds<T> {
    fn default() -> Self {
        Bounds { min: None, max: None, exclusive_min: None, exclusive_max: None }
    }
}

/// `Ok` when `value` is within every bound set, otherwise [`ViolationKind::Range`]. A NaN is
/// outside every bound.
#[inline]
pub fn check<T>(value: T, bounds: &Bounds<T>) -> Result<(), ViolationKind>
where
    T: Copy + PartialOrd + Into<Number>,
{
    let within = |bound: Option<T>, accept: fn(Ordering) -> bool| match bound {
        Some(bound) => value.partial_cmp(&bound).is_some_and(accept),
        None => true,
    };
    if within(bounds.min, Ordering::is_ge)
        && within(bounds.max, Ordering::is_le)
        && within(bounds.exclusive_min, Ordering::is_gt)
        && within(bounds.exclusive_max, Ordering::is_lt)
    {
        Ok(())
    } else {
        Err(violation(value, bounds))
    }
}

#[cold]
fn violation<T: Copy + Into<Number>>(value: T, bounds: &Bounds<T>) -> ViolationKind {
    ViolationKind::Range {
        min: bounds.min.map(Into::into),
        max: bounds.max.map(Into::into),
        exclusive_min: bounds.exclusive_min.map(Into::into),
        exclusive_max: bounds.exclusive_max.map(Into::into),
        found: Some(value.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inclusive<T>(min: T, max: T) -> Bounds<T> {
        Bounds { min: Some(min), max: Some(max), ..Bounds::default() }
    }

    #[test]
    fn inclusive_boundaries() {
        let ports = inclusive(1u16, 65535);
        assert!(check(1u16, &ports).is_ok());
        assert!(check(65535u16, &ports).is_ok());
        assert_eq!(
            check(0u16, &ports),
            Err(ViolationKind::Range {
                min: Some(Number::UInt(1)),
                max: Some(Number::UInt(65535)),
                exclusive_min: None,
                exclusive_max: None,
                found: Some(Number::UInt(0)),
            })
        );
        let signed = inclusive(-10i32, 10);
        assert!(check(-10, &signed).is_ok());
        assert!(check(-11, &signed).is_err());
        assert!(check(11, &signed).is_err());
    }

    #[test]
    fn exclusive_boundaries() {
        let open = Bounds { exclusive_min: Some(0.0), exclusive_max: Some(1.0), ..Bounds::default() };
        assert!(check(0.5f64, &open).is_ok());
        assert!(check(0.0f64, &open).is_err());
        assert!(check(1.0f64, &open).is_err());
        assert!(check(f64::MIN_POSITIVE, &open).is_ok());
    }

    #[test]
    fn nan_is_out_of_any_bound() {
        assert!(check(f32::NAN, &Bounds { min: Some(0.0), ..Bounds::default() }).is_err());
        assert!(check(f32::NAN, &Bounds { exclusive_max: Some(0.0), ..Bounds::default() }).is_err());
        assert!(check(f32::NAN, &Bounds::default()).is_ok(), "no bound, nothing to break");
    }

    #[test]
    fn reports_floats_and_signed() {
        let Err(ViolationKind::Range { found, .. }) = check(-3i64, &inclusive(0, 5)) else {
            panic!("expected a range violation")
        };
        assert_eq!(found, Some(Number::Int(-3)));
        let Err(ViolationKind::Range { max, .. }) = check(2.5f32, &inclusive(0.0, 1.5)) else {
            panic!("expected a range violation")
        };
        assert_eq!(max, Some(Number::Float(1.5)));
    }
}
