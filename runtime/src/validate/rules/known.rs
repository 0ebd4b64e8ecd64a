//! `known`: the value of a generated enum must not be its `Unknown(_)` variant.

use crate::validate::ViolationKind;

/// An enum for a documented value set, with a fallback variant for values the service may add.
///
/// Generated enums implement it; `#[validate(known)]` rejects the fallback variant so that a
/// request only sends values the API documents.
pub trait KnownValue {
    /// Whether the value is one of the documented ones (not the fallback variant).
    fn is_known(&self) -> bool;
    /// The value as sent on the wire.
    fn as_str(&self) -> &str;
    /// Every documented value, in the documented order.
    fn known_values() -> &'static [&'static str]
    where
        Self: Sized;
}

/// `Ok` when the value is known, otherwise [`ViolationKind::Known`].
#[inline]
pub fn check<T: KnownValue>(value: &T) -> Result<(), ViolationKind> {
    if value.is_known() {
        Ok(())
    } else {
        Err(violation(value))
    }
}

#[cold]
fn violation<T: KnownValue>(value: &T) -> ViolationKind {
    ViolationKind::Known {
        allowed: T::known_values().iter().map(|&s| s.to_owned()).collect(),
        found: Some(value.as_str().to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    enum Traffic {
        All,
        Unknown(String),
    }

    impl KnownValue for Traffic {
        fn is_known(&self) -> bool {
            !matches!(self, Traffic::Unknown(_))
        }
        fn as_str(&self) -> &str {
            match self {
                Traffic::All => "All",
                Traffic::Unknown(s) => s,
            }
        }
        fn known_values() -> &'static [&'static str] {
            &["All"]
        }
    }

    #[test]
    fn rejects_unknown() {
        assert!(check(&Traffic::All).is_ok());
        assert_eq!(
            check(&Traffic::Unknown("Some".into())),
            Err(ViolationKind::Known { allowed: vec!["All".into()], found: Some("Some".into()) })
        );
    }
}
