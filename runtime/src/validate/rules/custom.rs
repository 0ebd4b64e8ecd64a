//! `custom = path::to::func`: a check written by hand.
//!
//! The function receives a reference to the value (the inner value for `Option` fields, which are
//! checked only when `Some`) and returns `Result<(), E>` where `E: Into<ViolationKind>`, usually
//! `ViolationKind` itself built with [`ViolationKind::custom`]. It is called directly, so deref
//! coercion applies: a function taking `&str` works on a `String` field.
//!
//! ```
//! use alibabacloud_runtime::validate::ViolationKind;
//!
//! fn even(value: &u32) -> Result<(), ViolationKind> {
//!     if value % 2 == 0 {
//!         Ok(())
//!     } else {
//!         Err(ViolationKind::custom("odd", "must be even"))
//!     }
//! }
//! # assert!(even(&3).is_err());
//! ```

use crate::validate::ViolationKind;

/// Converts the result of a custom function into the form the report takes.
#[inline]
pub fn check<E: Into<ViolationKind>>(result: Result<(), E>) -> Result<(), ViolationKind> {
    result.map_err(Into::into)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Odd;

    impl From<Odd> for ViolationKind {
        fn from(_: Odd) -> Self {
            ViolationKind::custom("odd", "must be even")
        }
    }

    #[test]
    fn converts_errors() {
        assert_eq!(check::<Odd>(Ok(())), Ok(()));
        assert_eq!(check(Err(Odd)), Err(ViolationKind::custom("odd", "must be even")));
        let kind = ViolationKind::Required;
        assert_eq!(check(Err(kind.clone())), Err(kind));
    }
}
