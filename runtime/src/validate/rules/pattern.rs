//! `pattern = "^[a-z]+$"`: the string must match a regular expression.
//!
//! Patterns run on the linear-time [`regex`] engine; the derive refuses, at compile time, syntax
//! that engine lacks (look-around, back-references). The derive emits one
//! `static LazyLock<Pattern>` per field, so each pattern is compiled once, on first use.
//!
//! Most patterns in API metadata are anchored runs of ASCII character classes
//! (`^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$`). [`Pattern`] recognises that shape when it compiles and
//! then matches with a byte loop over class bitmaps, giving the same answers as the regex without
//! its per-call overhead; every other pattern uses the regex.

mod bytes;

use std::borrow::Cow;

use regex::Regex;

use crate::validate::ViolationKind;

/// A compiled pattern: the source as written and its matcher.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// Borrowed when compiled from a literal ([`Pattern::compile`]), so that reports quote it
    /// without copying.
    source: Cow<'static, str>,
    matcher: Matcher,
}

#[derive(Debug, Clone)]
enum Matcher {
    /// An anchored run of ASCII classes, matched byte by byte.
    Bytes(bytes::ByteProgram),
    Regex(Regex),
}

impl Pattern {
    /// Compiles `source` with the syntax of the [`regex`] crate.
    ///
    /// # Errors
    /// When `source` is not a valid pattern for [`regex::Regex`].
    pub fn new(source: &str) -> Result<Self, regex::Error> {
        Pattern::build(Cow::Owned(source.to_owned()))
    }

    fn build(source: Cow<'static, str>) -> Result<Self, regex::Error> {
        let matcher = match bytes::ByteProgram::compile(&source) {
            Some(program) => Matcher::Bytes(program),
            None => Matcher::Regex(Regex::new(&source)?),
        };
        Ok(Pattern { source, matcher })
    }

    /// Compiles a pattern the derive has already checked.
    ///
    /// # Panics
    /// When `source` is not a valid pattern; `#[derive(Validate)]` rejects those at compile time.
    pub fn compile(source: &'static str) -> Self {
        match Pattern::build(Cow::Borrowed(source)) {
            Ok(pattern) => pattern,
            Err(error) => panic!("invalid validation pattern {source:?}: {error}"),
        }
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Whether `value` matches (anywhere, unless the pattern is anchored, as with
    /// [`Regex::is_match`]).
    #[inline]
    pub fn is_match(&self, value: &str) -> bool {
        match &self.matcher {
            Matcher::Bytes(program) => program.is_match(value.as_bytes()),
            Matcher::Regex(regex) => regex.is_match(value),
        }
    }

    /// Whether the byte-loop matcher is in use (for tests and benchmarks).
    #[doc(hidden)]
    pub fn uses_byte_program(&self) -> bool {
        matches!(self.matcher, Matcher::Bytes(_))
    }
}

/// `Ok` when `value` matches `pattern`, otherwise [`ViolationKind::Pattern`].
#[inline]
pub fn check(value: &str, pattern: &Pattern) -> Result<(), ViolationKind> {
    if pattern.is_match(value) {
        Ok(())
    } else {
        Err(violation(value, pattern))
    }
}

#[cold]
fn violation(value: &str, pattern: &Pattern) -> ViolationKind {
    ViolationKind::Pattern { pattern: pattern.source.clone(), found: Some(value.to_owned()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_and_reports() {
        let pattern = Pattern::compile("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$");
        assert!(pattern.uses_byte_program());
        assert!(check("flow-log-1", &pattern).is_ok());
        assert_eq!(
            check("-bad", &pattern),
            Err(ViolationKind::Pattern {
                pattern: "^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$".into(),
                found: Some("-bad".into()),
            })
        );
    }

    #[test]
    fn falls_back_to_the_regex() {
        let pattern = Pattern::compile(r"^\d+(\.\d+)?$");
        assert!(!pattern.uses_byte_program());
        assert!(check("12.5", &pattern).is_ok());
        assert!(check("١٢", &pattern).is_ok(), r"\d is Unicode-aware in the regex crate");
        assert!(check("12.", &pattern).is_err());
        let unanchored = Pattern::compile("[0-9]");
        assert!(!unanchored.uses_byte_program());
        assert!(unanchored.is_match("a1b"));
    }

    #[test]
    fn rejects_invalid_patterns() {
        assert!(Pattern::new("(").is_err());
        assert!(Pattern::new("(?=a)").is_err(), "look-around is not supported by regex");
    }
}
