//! `required`: an `Option` must be `Some`, a list must not be empty.
//!
//! Both functions hand back the value when it is present, so that the other rules of the field
//! run on it, and only then.

use super::items::Collection;
use crate::validate::ViolationKind;

/// `Ok(&inner)` when `value` is `Some`, otherwise [`ViolationKind::Required`].
#[inline]
pub fn some<T>(value: &Option<T>) -> Result<&T, ViolationKind> {
    // Not `ok_or(ViolationKind::Required)`: that builds the error on the valid path too, and
    // its drop glue (a call) stays there after inlining.
    match value {
        Some(value) => Ok(value),
        None => Err(ViolationKind::Required),
    }
}

/// `Ok(value)` when the list has at least one item, otherwise [`ViolationKind::Required`].
#[inline]
pub fn non_empty<C: Collection + ?Sized>(value: &C) -> Result<&C, ViolationKind> {
    if value.item_count() == 0 {
        Err(ViolationKind::Required)
    } else {
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn some_passes_the_inner_value_through() {
        assert_eq!(some(&Some(3)), Ok(&3));
        assert_eq!(some::<u8>(&None), Err(ViolationKind::Required));
        assert_eq!(some(&Some(String::new())), Ok(&String::new()), "Some(\"\") is present");
    }

    #[test]
    fn non_empty_needs_one_item() {
        assert_eq!(non_empty(&vec![1]), Ok(&vec![1]));
        assert_eq!(non_empty(&Vec::<u8>::new()), Err(ViolationKind::Required));
        assert_eq!(non_empty(&[0u8][..0]), Err(ViolationKind::Required));
    }
}
