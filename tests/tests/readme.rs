//! Every ```` ```rust ```` block of the workspace README, compiled (see `build.rs`): a snippet
//! that no longer matches the SDK fails this crate's build, so the README cannot drift.

include!(concat!(env!("OUT_DIR"), "/readme.rs"));

#[test]
fn the_readme_has_compiled_snippets() {
    let readme = include_str!("../../README.md");
    let compiled = readme.lines().filter(|l| l.trim() == "```rust" || l.trim().starts_with("```rust,no_run")).count();
    assert!(compiled >= 5, "the README's Rust snippets are compiled, not ignored ({compiled} found)");
}
