//! `length(min = N, max = N)`: the length of a string, in characters.
//!
//! Counting characters walks the whole string, so the rule first decides from the byte length
//! where it can: a character takes 1 to 4 bytes, so `chars <= bytes <= 4 * chars`. A string
//! whose byte length is within `max` is within it in characters too, and one of at least
//! `4 * min` bytes has at least `min` characters. Only the remaining cases count.

use crate::validate::ViolationKind;

/// `Ok` when `min <= chars <= max` (each bound optional), otherwise [`ViolationKind::Length`]
/// with the character count found.
#[inline]
pub fn check(value: &str, min: Option<usize>, max: Option<usize>) -> Result<(), ViolationKind> {
    let bytes = value.len();
    let max_ok = match max {
        Some(max) => bytes <= max,
        None => true,
    };
    let min_ok = match min {
        // `chars >= 1` is exactly `bytes >= 1`.
        Some(min) if min <= 1 => bytes >= min,
        Some(min) => bytes / 4 >= min,
        None => true,
    };
    if max_ok && min_ok {
        Ok(())
    } else {
        counted(value, min, max)
    }
}

/// The exact check, for strings the byte length could not decide.
#[inline(never)]
fn counted(value: &str, min: Option<usize>, max: Option<usize>) -> Result<(), ViolationKind> {
    let found = value.chars().count();
    if min.is_some_and(|min| found < min) || max.is_some_and(|max| found > max) {
        Err(ViolationKind::Length { min, max, found })
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(value: &str, min: Option<usize>, max: Option<usize>) -> Option<usize> {
        match check(value, min, max) {
            Ok(()) => None,
            Err(ViolationKind::Length { found, .. }) => Some(found),
            Err(other) => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn max_boundary() {
        let max = Some(128);
        assert_eq!(found(&"a".repeat(128), None, max), None);
        assert_eq!(found(&"a".repeat(129), None, max), Some(129));
        assert_eq!(found("", None, max), None);
    }

    #[test]
    fn counts_characters_not_bytes() {
        let max = Some(128);
        assert_eq!(found(&"流".repeat(128), None, max), None, "384 bytes, 128 characters");
        assert_eq!(found(&"流".repeat(129), None, max), Some(129));
        assert_eq!(found(&"😀".repeat(128), None, max), None, "4-byte characters");
        assert_eq!(found(&"é".repeat(64), Some(64), Some(64)), None);
    }

    #[test]
    fn min_boundary() {
        assert_eq!(found("", Some(1), Some(128)), Some(0));
        assert_eq!(found("a", Some(1), Some(128)), None);
        assert_eq!(found("ab", Some(3), Some(63)), Some(2));
        assert_eq!(found("abc", Some(3), Some(63)), None);
        assert_eq!(found("流流", Some(3), None), Some(2), "6 bytes, 2 characters");
        assert_eq!(found("流流流", Some(3), None), None);
        assert_eq!(found("", Some(0), None), None);
        assert_eq!(found("", None, None), None);
    }

    #[test]
    fn reports_the_bounds() {
        assert_eq!(
            check("abcd", Some(1), Some(3)),
            Err(ViolationKind::Length { min: Some(1), max: Some(3), found: 4 })
        );
    }
}
