//! Compile-fail cases of `#[derive(Validate)]`, one folder per kind of mistake, each with the
//! compiler's output committed next to it (`.stderr`). Regenerate after a deliberate change with
//! `TRYBUILD=overwrite cargo test -p alibabacloud-macros --test compile_fail`, then review the diff.
//!
//! The suite lives in this package rather than in `tests/` because trybuild builds every
//! dev-dependency of the package it runs in for its cases: here that is only the runtime.

#[test]
fn derive_validate_ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    for category in ["syntax", "types", "bounds", "pattern", "duplicates", "unsupported"] {
        cases.compile_fail(format!("tests/ui/{category}/*.rs"));
    }
}
