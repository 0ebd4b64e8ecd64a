//! `not_contains("http://")`: forbidden substrings.

use crate::validate::ViolationKind;

/// Above this many bytes, the standard library's searcher (vectorised for short needles) beats a
/// byte loop, even with one search per needle.
const SHORT: usize = 64;

/// `Ok` when `value` contains none of `forbidden`, otherwise
/// [`ViolationKind::ForbiddenSubstring`] naming the first substring (in the order given) found.
#[inline]
pub fn check(value: &str, forbidden: &[&'static str]) -> Result<(), ViolationKind> {
    if contains_any(value, forbidden) {
        Err(violation(value, forbidden))
    } else {
        Ok(())
    }
}

/// Whether `haystack` contains any of `needles`.
///
/// Request fields are short, so short values are scanned once for all needles, comparing further
/// only where a needle could start. The forbidden substrings of a field usually share their first
/// byte (`http://`, `https://`): the scan then looks for that one byte, and since the needles are
/// constants of the derive's expansion, deciding that folds away once inlined. Long values use the
/// standard library's searcher, once per needle.
#[inline]
fn contains_any(haystack: &str, needles: &[&str]) -> bool {
    if haystack.len() > SHORT {
        return contains_any_long(haystack, needles);
    }
    match common_first_byte(needles) {
        Some(first) => scan_from(haystack.as_bytes(), needles, |byte| byte == first),
        None => contains_any_mixed(haystack.as_bytes(), needles),
    }
}

/// The first byte of every needle, when they all start with the same one (and none is empty).
#[inline]
fn common_first_byte(needles: &[&str]) -> Option<u8> {
    let (head, rest) = needles.split_first()?;
    let first = *head.as_bytes().first()?;
    rest.iter().all(|needle| needle.as_bytes().first() == Some(&first)).then_some(first)
}

/// Whether a needle occurs at a position whose byte passes `may_start`. Only positions where
/// the shortest needle still fits are looked at: a value shorter than every needle is not
/// scanned at all.
#[inline]
fn scan_from(haystack: &[u8], needles: &[&str], may_start: impl Fn(u8) -> bool) -> bool {
    let Some(shortest) = needles.iter().map(|needle| needle.len()).min() else {
        return false;
    };
    if shortest == 0 {
        // The empty needle is everywhere.
        return true;
    }
    let Some(last_start) = haystack.len().checked_sub(shortest) else {
        return false;
    };
    (0..=last_start).any(|i| {
        may_start(haystack[i]) && {
            let rest = &haystack[i..];
            needles.iter().any(|needle| rest.starts_with(needle.as_bytes()))
        }
    })
}

/// Needles starting with different bytes, or an empty one.
#[inline(never)]
fn contains_any_mixed(haystack: &[u8], needles: &[&str]) -> bool {
    let mut firsts = [0u128; 2];
    for needle in needles {
        match needle.as_bytes().first() {
            Some(&first) => firsts[usize::from(first >> 7)] |= 1 << (first & 127),
            // The empty needle is everywhere.
            None => return true,
        }
    }
    scan_from(haystack, needles, |byte| (firsts[usize::from(byte >> 7)] >> (byte & 127)) & 1 == 1)
}

#[inline(never)]
fn contains_any_long(haystack: &str, needles: &[&str]) -> bool {
    needles.iter().any(|needle| haystack.contains(needle))
}

#[cold]
#[inline(never)]
fn violation(value: &str, forbidden: &[&'static str]) -> ViolationKind {
    let substring = forbidden.iter().find(|substring| value.contains(**substring)).copied().unwrap_or_default();
    ViolationKind::ForbiddenSubstring { substring: substring.into(), found: Some(value.to_owned()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FORBIDDEN: &[&str] = &["http://", "https://"];

    #[test]
    fn boundaries() {
        assert!(check("", FORBIDDEN).is_ok());
        assert!(check("http:/", FORBIDDEN).is_ok());
        assert!(check("http:", FORBIDDEN).is_ok(), "shorter than the needle");
        assert!(check("HTTP://x", FORBIDDEN).is_ok(), "case matters");
        assert!(check("http://", FORBIDDEN).is_err(), "exactly the needle");
        assert!(check("see http://x", FORBIDDEN).is_err(), "in the middle");
        assert!(check("at the end https://", FORBIDDEN).is_err());
        assert_eq!(
            check("a https://b", FORBIDDEN),
            Err(ViolationKind::ForbiddenSubstring { substring: "https://".into(), found: Some("a https://b".into()) })
        );
        assert!(check("流日志http://", FORBIDDEN).is_err(), "after multi-byte text");
        assert!(check("日志", &["志"]).is_err());
        assert!(check("日志", &["忘"]).is_ok(), "same lead byte, other character");
    }

    #[test]
    fn long_values_use_the_same_semantics() {
        let long = "x".repeat(200);
        assert!(check(&long, FORBIDDEN).is_ok());
        assert!(check(&format!("{long}http://"), FORBIDDEN).is_err());
        assert!(check(&format!("http://{long}"), FORBIDDEN).is_err());
    }

    #[test]
    fn scan_agrees_with_std() {
        let hay = ["", "a", "ab", "aab", "abab", "baab", "流a流", "aaaaaaab", "日志", "\u{ff}"];
        let needles = ["a", "ab", "aab", "b", "流", "a流", "abab", "志", "忘", "\u{ff}"];
        for h in hay {
            for n in needles {
                assert_eq!(contains_any(h, &[n]), h.contains(n), "{h:?} {n:?}");
                for m in needles {
                    assert_eq!(contains_any(h, &[n, m]), h.contains(n) || h.contains(m), "{h:?} {n:?} {m:?}");
                }
            }
        }
        assert!(contains_any("abc", &[""]), "the empty needle is everywhere");
        assert!(contains_any("", &["x", ""]));
        assert!(!contains_any("abc", &[]), "no needle, nothing found");
    }

    #[test]
    fn names_the_first_substring_in_the_order_given() {
        assert_eq!(
            check("https://a http://b", FORBIDDEN),
            Err(ViolationKind::ForbiddenSubstring {
                substring: "http://".into(),
                found: Some("https://a http://b".into())
            }),
            "http:// is listed first, though https:// occurs first"
        );
        let long = format!("{}https://", "x".repeat(100));
        assert_eq!(
            check(&long, &["ftp://", "https://"]),
            Err(ViolationKind::ForbiddenSubstring { substring: "https://".into(), found: Some(long.clone()) })
        );
    }
}
