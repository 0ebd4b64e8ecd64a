//! Every ```` ```rust ```` block of the workspace README and of `docs/*.md`, compiled (see
//! `build.rs`): a snippet that no longer matches the SDK fails this crate's build, so the
//! documentation cannot drift. (The README's quick starts are whole crates: `quickstart.rs` builds
//! and runs them.)

include!(concat!(env!("OUT_DIR"), "/readme.rs"));

#[test]
fn the_user_documentation_has_compiled_snippets() {
    let compiled = |page: &str| page.lines().filter(|l| l.trim() == "```rust").count();
    assert!(compiled(include_str!("../../docs/CLIENT.md")) >= 5, "docs/CLIENT.md's snippets are compiled");
    assert!(compiled(include_str!("../../docs/VALIDATION.md")) >= 1, "docs/VALIDATION.md's snippet is compiled");
}
