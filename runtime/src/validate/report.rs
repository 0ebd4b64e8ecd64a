//! The validation report: every violation found, in a stable order.

use std::fmt::{self, Display, Formatter};

use serde::Serialize;

use super::kind::ViolationKind;
use super::path::Path;

/// One broken rule: where (both paths) and what ([`ViolationKind`]).
///
/// Serialized flat: `{"rust_path":"tag[2].key","wire_path":"Tag.3.Key","rule":"forbidden_prefix",
/// "prefix":"acs:","found":"acs:x"}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Violation {
    rust_path: String,
    wire_path: String,
    #[serde(flatten)]
    kind: ViolationKind,
}

impl Violation {
    /// A violation at an already rendered location.
    pub fn new(rust_path: impl Into<String>, wire_path: impl Into<String>, kind: ViolationKind) -> Self {
        Violation { rust_path: rust_path.into(), wire_path: wire_path.into(), kind }
    }

    /// A violation at `path`, rendering both of its forms.
    pub fn at(path: &Path<'_>, kind: ViolationKind) -> Self {
        Violation { rust_path: path.rust_path(), wire_path: path.wire_path(), kind }
    }

    /// Where the value is, in Rust terms: `tag[2].key` (0-based indices; empty for the root).
    pub fn rust_path(&self) -> &str {
        &self.rust_path
    }

    /// Where the value is, as the API names it: `Tag.3.Key` (1-based indices; empty for the root).
    pub fn wire_path(&self) -> &str {
        &self.wire_path
    }

    /// What was wrong.
    pub fn kind(&self) -> &ViolationKind {
        &self.kind
    }

    /// Takes the violation apart into its Rust path, wire path and kind.
    pub fn into_parts(self) -> (String, String, ViolationKind) {
        (self.rust_path, self.wire_path, self.kind)
    }
}

/// `Tag.3.Key (tag[2].key): must not start with "acs:" (found "acs:x")`.
impl Display for Violation {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match (self.wire_path.is_empty(), self.rust_path.is_empty()) {
            (true, true) => f.write_str("<root>")?,
            (false, true) => f.write_str(&self.wire_path)?,
            (true, false) => write!(f, "({})", self.rust_path)?,
            (false, false) => write!(f, "{} ({})", self.wire_path, self.rust_path)?,
        }
        write!(f, ": {}", self.kind)
    }
}

/// Every violation found by a validation, in the order found: fields in declaration order,
/// nested values depth-first, list elements by index.
///
/// Displays one line per violation; serializes as `{"violations":[...]}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    violations: Vec<Violation>,
}

impl Report {
    /// An empty report. Does not allocate.
    pub const fn new() -> Self {
        Report { violations: Vec::new() }
    }

    /// Records a violation at `path`, rendering the path now.
    #[cold]
    #[inline(never)]
    pub fn push(&mut self, path: &Path<'_>, kind: ViolationKind) {
        self.violations.push(Violation::at(path, kind));
    }

    /// Records the violation if `result` is one; the expansion of `#[derive(Validate)]` calls
    /// this with the result of a rule function.
    #[inline]
    pub fn check(&mut self, path: &Path<'_>, result: Result<(), ViolationKind>) {
        if let Err(kind) = result {
            self.push(path, kind);
        }
    }

    /// Like [`Report::check`], with the found value removed ([`ViolationKind::redacted`]), for
    /// fields marked `secret`.
    #[inline]
    pub fn check_secret(&mut self, path: &Path<'_>, result: Result<(), ViolationKind>) {
        if let Err(kind) = result {
            self.push(path, kind.redacted());
        }
    }

    /// Appends an already built violation.
    pub fn push_violation(&mut self, violation: Violation) {
        self.violations.push(violation);
    }

    /// The violations, in the order found.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.violations.is_empty()
    }

    /// How many violations were found.
    pub fn len(&self) -> usize {
        self.violations.len()
    }

    /// `Ok(())` when empty, otherwise `Err(self)`.
    pub fn into_result(self) -> Result<(), Report> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
}

/// One line per violation, no trailing newline.
impl Display for Report {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if self.violations.is_empty() {
            return f.write_str("no violations");
        }
        for (i, violation) in self.violations.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            violation.fmt(f)?;
        }
        Ok(())
    }
}

impl std::error::Error for Report {}

impl IntoIterator for Report {
    type Item = Violation;
    type IntoIter = std::vec::IntoIter<Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.violations.into_iter()
    }
}

impl<'a> IntoIterator for &'a Report {
    type Item = &'a Violation;
    type IntoIter = std::slice::Iter<'a, Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.violations.iter()
    }
}

impl Extend<Violation> for Report {
    fn extend<I: IntoIterator<Item = Violation>>(&mut self, iter: I) {
        self.violations.extend(iter);
    }
}
