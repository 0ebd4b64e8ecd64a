//! `not_starts_with("http://", "https://")`: forbidden prefixes.

use crate::validate::ViolationKind;

/// `Ok` when `value` starts with none of `forbidden`, otherwise [`ViolationKind::ForbiddenPrefix`]
/// naming the first prefix (in the order given) that matched.
#[inline]
pub fn check(value: &str, forbidden: &[&'static str]) -> Result<(), ViolationKind> {
    for prefix in forbidden {
        if value.as_bytes().starts_with(prefix.as_bytes()) {
            return Err(violation(value, prefix));
        }
    }
    Ok(())
}

#[cold]
fn violation(value: &str, prefix: &'static str) -> ViolationKind {
    ViolationKind::ForbiddenPrefix { prefix: prefix.into(), found: Some(value.to_owned()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FORBIDDEN: &[&str] = &["aliyun", "acs:"];

    #[test]
    fn boundaries() {
        assert!(check("FinanceDept", FORBIDDEN).is_ok());
        assert!(check("", FORBIDDEN).is_ok());
        assert!(check("acs", FORBIDDEN).is_ok(), "shorter than the prefix");
        assert!(check("xacs:", FORBIDDEN).is_ok(), "only at the start");
        assert!(check("ACS:x", FORBIDDEN).is_ok(), "case matters");
        assert_eq!(
            check("acs:x", FORBIDDEN),
            Err(ViolationKind::ForbiddenPrefix { prefix: "acs:".into(), found: Some("acs:x".into()) })
        );
        assert!(check("aliyun", FORBIDDEN).is_err(), "the prefix itself");
        assert!(check("流日志", &["流"]).is_err(), "multi-byte prefix");
    }
}
