//! Coverage-guided fuzzing of the whole pipeline: bytes → check → model → emit → render.
//! Invariants: no panic, no hang; a refused product has at least one error; an accepted product
//! renders, and every Rust file it gives both parses (syn) and passes rustc's lexical rules plus the
//! generator's hidden-character policy (`codegen::emit::text::lexical::check`: syn accepts a bidi
//! control or a bare CR in a comment; rustc does not).

#![no_main]

use codegen::check::check_file;
use codegen::emit::text::lexical;
use codegen::{crate_files, CrateOptions, RuntimeDependency};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|bytes: &[u8]| {
    let (product, diags) = check_file(Path::new("fuzz.json"), bytes);
    let Some(product) = product else {
        assert!(diags.iter().any(|d| d.is_error()), "refused without an error");
        return;
    };
    let products = [product];
    let options = CrateOptions::for_products(&products, "fuzz", RuntimeDependency::Path("../runtime".into()));
    let files = crate_files(&products, &options).expect("an accepted product renders");
    for (path, text) in &files {
        if path.extension().is_some_and(|e| e == "rs") {
            if let Err(e) = syn::parse_file(text) {
                panic!("{} does not parse: {e}", path.display());
            }
            let findings = lexical::check(text);
            assert!(findings.is_empty(), "{}: {findings:?}", path.display());
        }
    }
});
