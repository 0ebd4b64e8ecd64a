//! Compile-fail cases of `#[derive(Validate)]`, one folder per kind of mistake, each with the
//! compiler's output committed next to it (`.stderr`). Regenerate after a deliberate change with
//! `TRYBUILD=overwrite cargo test -p integration-tests --test compile_fail`, then review the diff.

#[test]
fn derive_validate_ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    for category in ["syntax", "types", "bounds", "pattern", "duplicates", "unsupported"] {
        cases.compile_fail(format!("tests/ui/{category}/*.rs"));
    }
}
