//! `not_contains("http://")`: forbidden substrings.

use crate::validate::ViolationKind;

/// Below this many bytes, a direct scan beats setting up `str::contains`'s searcher.
const SHORT: usize = 64;

/// `Ok` when `value` contains none of `forbidden`, otherwise
/// [`ViolationKind::ForbiddenSubstring`] naming the first substring (in the order given) found.
#[inline]
pub fn check(value: &str, forbidden: &[&str]) -> Result<(), ViolationKind> {
    for substring in forbidden {
        if contains(value, substring) {
            return Err(violation(value, substring));
        }
    }
    Ok(())
}

/// Substring search. Request fields are short, so a scan for the needle's first byte followed by
/// a comparison is cheaper than building a two-way searcher per call; long values use the
/// standard library's.
fn contains(haystack: &str, needle: &str) -> bool {
    if haystack.len() > SHORT {
        return haystack.contains(needle);
    }
    let (haystack, needle) = (haystack.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    let Some(last_start) = haystack.len().checked_sub(needle.len()) else {
        return false;
    };
    (0..=last_start).any(|i| haystack[i] == first && &haystack[i + 1..i + needle.len()] == rest)
}

#[cold]
fn violation(value: &str, substring: &str) -> ViolationKind {
    ViolationKind::ForbiddenSubstring { substring: substring.to_owned(), found: Some(value.to_owned()) }
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
        let hay = ["", "a", "ab", "aab", "abab", "baab", "流a流", "aaaaaaab"];
        let needles = ["a", "ab", "aab", "b", "流", "a流", "abab"];
        for h in hay {
            for n in needles {
                assert_eq!(contains(h, n), h.contains(n), "{h:?} {n:?}");
            }
        }
        assert!(contains("abc", ""), "the empty needle is everywhere");
    }
}
