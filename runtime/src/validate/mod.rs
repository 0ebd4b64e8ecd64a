//! Field validation: the [`Validate`] trait, its rules and the report.
//!
//! Request types derive [`Validate`] and describe their constraints with
//! `#[validate(...)]` attributes on the fields. The derive only emits calls to the rule functions
//! in [`rules`] (one module per rule); everything that decides whether a value is valid lives
//! here, in plain functions that can be tested on their own.
//!
//! A validation walks the value depth-first, in declaration order, carrying a [`Path`] built on
//! the stack. Nothing is allocated while every check passes: the Rust and wire paths are rendered
//! only when a [`Violation`] is pushed onto the [`Report`].
//!
//! ```
//! use alibabacloud_runtime::validate::{Path, Report, Validate, ViolationKind, rules};
//!
//! struct Tag {
//!     key: Option<String>,
//! }
//!
//! impl Validate for Tag {
//!     fn validate_into(&self, path: &Path<'_>, report: &mut Report) {
//!         let path = path.field("key", "Key");
//!         if let Some(key) = &self.key {
//!             report.check(&path, rules::prefix::check(key, &["acs:", "aliyun"]));
//!         }
//!     }
//! }
//!
//! let report = Tag { key: Some("acs:x".into()) }.validate().unwrap_err();
//! assert_eq!(report.to_string(), r#"Key (key): must not start with "acs:" (found "acs:x")"#);
//! assert!(matches!(report.violations()[0].kind(), ViolationKind::ForbiddenPrefix { .. }));
//! ```

#![deny(missing_docs)]

mod kind;
mod path;
mod report;
pub mod rules;
mod value;

#[cfg(test)]
mod tests;

pub use kind::ViolationKind;
pub use path::{FieldAt, Location, Path};
pub use report::{Report, Violation};
pub use rules::known::KnownValue;
pub use value::{Number, Value};

/// A value whose fields carry constraints.
///
/// Usually derived with `#[derive(alibabacloud_runtime::Validate)]`; the derive documents the
/// attribute grammar. Implementing it by hand is fine too: push every violation found under
/// `path` onto `report`, in declaration order, and recurse into nested values with
/// [`Path::field`] and [`Path::index`].
pub trait Validate {
    /// Appends every violation found under `path` to `report`, in declaration order.
    fn validate_into(&self, path: &Path<'_>, report: &mut Report);

    /// Validates from the root: `Ok(())` when nothing is wrong, otherwise the full report.
    fn validate(&self) -> Result<(), Report> {
        let mut report = Report::new();
        self.validate_into(&Path::root(), &mut report);
        report.into_result()
    }
}

impl<T: Validate + ?Sized> Validate for &T {
    #[inline]
    fn validate_into(&self, path: &Path<'_>, report: &mut Report) {
        (**self).validate_into(path, report);
    }
}

impl<T: Validate + ?Sized> Validate for Box<T> {
    #[inline]
    fn validate_into(&self, path: &Path<'_>, report: &mut Report) {
        (**self).validate_into(path, report);
    }
}

/// `None` is valid; `Some(v)` validates `v` at the same path.
impl<T: Validate> Validate for Option<T> {
    #[inline]
    fn validate_into(&self, path: &Path<'_>, report: &mut Report) {
        if let Some(value) = self {
            value.validate_into(path, report);
        }
    }
}

/// Validates each element at `path[i]` (wire `Path.{i+1}`).
impl<T: Validate> Validate for [T] {
    #[inline]
    fn validate_into(&self, path: &Path<'_>, report: &mut Report) {
        for (index, item) in self.iter().enumerate() {
            item.validate_into(&path.index(index), report);
        }
    }
}

/// Validates each element at `path[i]` (wire `Path.{i+1}`).
impl<T: Validate> Validate for Vec<T> {
    #[inline]
    fn validate_into(&self, path: &Path<'_>, report: &mut Report) {
        self.as_slice().validate_into(path, report);
    }
}
