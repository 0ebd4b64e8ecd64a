//! The validation report: every violation found, in a stable order.

use std::fmt::{self, Display, Formatter};

use serde::{Serialize, Serializer};

use super::kind::ViolationKind;
use super::path::{Location, Path};

/// One broken rule: where (both paths) and what ([`ViolationKind`]).
///
/// Serialized flat: `{"rust_path":"tag[2].key","wire_path":"Tag.3.Key","rule":"forbidden_prefix",
/// "prefix":"acs:","found":"acs:x"}`.
#[derive(Clone)]
pub struct Violation {
    paths: Paths,
    kind: ViolationKind,
}

/// Both paths of a violation.
#[derive(Clone)]
enum Paths {
    /// A field of the root (or the root): its names, as written in the code.
    Static { rust: &'static str, wire: &'static str },
    /// The Rust path followed by the wire path in one allocation, and where the wire path starts.
    Rendered { text: String, split: usize },
}

impl Violation {
    /// A violation at an already rendered location.
    pub fn new(rust_path: impl Into<String>, wire_path: impl Into<String>, kind: ViolationKind) -> Self {
        let mut text = rust_path.into();
        let split = text.len();
        text.push_str(&wire_path.into());
        Violation { paths: Paths::Rendered { text, split }, kind }
    }

    /// A violation at `path`, rendering both of its forms (a field of the root needs none).
    pub fn at(path: &Path<'_>, kind: ViolationKind) -> Self {
        let paths = match path.static_names() {
            Some((rust, wire)) => Paths::Static { rust, wire },
            None => {
                let (text, split) = path.rust_and_wire_paths();
                Paths::Rendered { text, split }
            }
        };
        Violation { paths, kind }
    }

    /// Where the value is, in Rust terms: `tag[2].key` (0-based indices; empty for the root).
    pub fn rust_path(&self) -> &str {
        match &self.paths {
            Paths::Static { rust, .. } => rust,
            Paths::Rendered { text, split } => &text[..*split],
        }
    }

    /// Where the value is, as the API names it: `Tag.3.Key` (1-based indices; empty for the root).
    pub fn wire_path(&self) -> &str {
        match &self.paths {
            Paths::Static { wire, .. } => wire,
            Paths::Rendered { text, split } => &text[*split..],
        }
    }

    /// What was wrong.
    pub fn kind(&self) -> &ViolationKind {
        &self.kind
    }

    /// Takes the violation apart into its Rust path, wire path and kind.
    pub fn into_parts(self) -> (String, String, ViolationKind) {
        match self.paths {
            Paths::Static { rust, wire } => (rust.to_owned(), wire.to_owned(), self.kind),
            Paths::Rendered { mut text, split } => {
                let wire = text.split_off(split);
                (text, wire, self.kind)
            }
        }
    }
}

/// Equal when both paths and the kind are: how the paths are stored does not matter.
impl PartialEq for Violation {
    fn eq(&self, other: &Self) -> bool {
        self.rust_path() == other.rust_path() && self.wire_path() == other.wire_path() && self.kind == other.kind
    }
}

impl fmt::Debug for Violation {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.debug_struct("Violation")
            .field("rust_path", &self.rust_path())
            .field("wire_path", &self.wire_path())
            .field("kind", &self.kind)
            .finish()
    }
}

impl Serialize for Violation {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Flat<'a> {
            rust_path: &'a str,
            wire_path: &'a str,
            #[serde(flatten)]
            kind: &'a ViolationKind,
        }
        Flat { rust_path: self.rust_path(), wire_path: self.wire_path(), kind: &self.kind }.serialize(serializer)
    }
}

/// `Tag.3.Key (tag[2].key): must not start with "acs:" (found "acs:x")`.
impl Display for Violation {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let (rust_path, wire_path) = (self.rust_path(), self.wire_path());
        match (wire_path.is_empty(), rust_path.is_empty()) {
            (true, true) => f.write_str("<root>")?,
            (false, true) => f.write_str(wire_path)?,
            (true, false) => write!(f, "({rust_path})")?,
            (false, false) => write!(f, "{wire_path} ({rust_path})")?,
        }
        write!(f, ": {}", self.kind)
    }
}

/// How many violations the first push makes room for.
const FIRST_CAPACITY: usize = 8;

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

    /// Records a violation at `at` (a `&Path` or a [`FieldAt`](super::FieldAt)), rendering the
    /// path now.
    #[cold]
    #[inline(never)]
    pub fn push(&mut self, at: impl Location, kind: ViolationKind) {
        if self.violations.capacity() == 0 {
            // A report that is not empty usually holds several: skip the first regrowths.
            self.violations.reserve(FIRST_CAPACITY);
        }
        let violation = at.with_path(|path| Violation::at(path, kind));
        self.violations.push(violation);
    }

    /// Records the violation if `result` is one; the expansion of `#[derive(Validate)]` calls
    /// this with the result of a rule function.
    #[inline]
    pub fn check(&mut self, at: impl Location, result: Result<(), ViolationKind>) {
        if let Err(kind) = result {
            self.push(at, kind);
        }
    }

    /// Like [`Report::check`], with the found value removed ([`ViolationKind::redacted`]), for
    /// fields marked `secret`.
    #[inline]
    pub fn check_secret(&mut self, at: impl Location, result: Result<(), ViolationKind>) {
        if let Err(kind) = result {
            self.push(at, kind.redacted());
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
