//! `items(min = N, max = N)`: the number of items of a list.

use std::collections::VecDeque;

use crate::validate::ViolationKind;

/// A list whose items can be counted: `Vec<T>`, `[T]`, `VecDeque<T>`.
pub trait Collection {
    /// The number of items.
    fn item_count(&self) -> usize;
}

impl<T> Collection for [T] {
    #[inline]
    fn item_count(&self) -> usize {
        self.len()
    }
}

impl<T> Collection for Vec<T> {
    #[inline]
    fn item_count(&self) -> usize {
        self.len()
    }
}

impl<T> Collection for VecDeque<T> {
    #[inline]
    fn item_count(&self) -> usize {
        self.len()
    }
}

/// `Ok` when `min <= count <= max` (each bound optional), otherwise [`ViolationKind::Items`].
#[inline]
pub fn check<C: Collection + ?Sized>(value: &C, min: Option<usize>, max: Option<usize>) -> Result<(), ViolationKind> {
    let found = value.item_count();
    if min.is_some_and(|min| found < min) || max.is_some_and(|max| found > max) {
        Err(ViolationKind::Items { min, max, found })
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries() {
        let max = Some(20);
        assert!(check(&vec![0; 20], None, max).is_ok());
        assert_eq!(check(&vec![0; 21], None, max), Err(ViolationKind::Items { min: None, max, found: 21 }));
        assert!(check(&Vec::<u8>::new(), None, max).is_ok(), "empty passes without min");
        assert!(check(&vec![0; 2], Some(2), None).is_ok());
        assert_eq!(
            check(&vec![0; 1], Some(2), Some(3)),
            Err(ViolationKind::Items { min: Some(2), max: Some(3), found: 1 })
        );
        assert!(check(&[1, 2][..], Some(2), Some(2)).is_ok());
        assert!(check(&VecDeque::from([1, 2, 3]), Some(2), Some(2)).is_err());
    }
}
