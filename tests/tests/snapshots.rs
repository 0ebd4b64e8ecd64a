//! Every generated file of the flow-log SDK as an insta snapshot, so that any change of the
//! generator or the metadata shows as a reviewable diff (`cargo insta review`), and a check that
//! the committed `generated/` crate is what the metadata gives.

use codegen::{crate_files, load, write, CrateOptions, RuntimeDependency};
use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ sits in the workspace").to_path_buf()
}

fn flowlog_files() -> write::Files {
    let loaded = load(&[workspace().join("metadata")]);
    let errors: Vec<String> = loaded.diagnostics.iter().filter(|d| d.is_error()).map(ToString::to_string).collect();
    assert!(errors.is_empty(), "metadata/ has errors:\n{}", errors.join("\n\n"));
    let options = CrateOptions::for_products(
        &loaded.products,
        "alibabacloud-flowlog",
        RuntimeDependency::Path("../runtime".into()),
    );
    crate_files(&loaded.products, &options).expect("the flow-log metadata renders")
}

#[test]
fn generated_files_match_their_snapshots() {
    let files = flowlog_files();
    let operations = files
        .keys()
        .filter(|p| p.components().count() == 3 && !p.ends_with("mod.rs") && !p.ends_with("types.rs"))
        .count();
    assert_eq!(operations, 20, "one file per operation");
    let shared: Vec<String> =
        files.keys().filter(|p| p.ends_with("types.rs")).map(|p| p.display().to_string()).collect();
    assert_eq!(shared, ["src/cbn/types.rs", "src/ecr/types.rs", "src/vpc/types.rs"], "one types module per product");
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| {
        for (path, text) in &files {
            insta::assert_snapshot!(snapshot_name(path), text);
        }
    });
}

fn snapshot_name(path: &Path) -> String {
    path.to_string_lossy().replace(['/', '\\'], "__").replace(".rs", "").replace(".toml", "_toml")
}

#[test]
fn every_committed_snapshot_belongs_to_a_generated_file() {
    let expected: std::collections::BTreeSet<String> =
        flowlog_files().keys().map(|p| format!("{}.snap", snapshot_name(p))).collect();
    let dir = workspace().join("tests/tests/snapshots");
    let unreferenced: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/tests/snapshots exists")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".snap") && !expected.contains(name))
        .collect();
    assert!(
        unreferenced.is_empty(),
        "snapshots of files the generator no longer writes (delete them): {unreferenced:?}"
    );
}

#[test]
fn committed_generated_crate_is_up_to_date() {
    let files = flowlog_files();
    let out = workspace().join("generated");
    let stale = write::check(&out, &files).expect("generated/ is readable");
    assert!(
        stale.is_fresh(),
        "generated/ is stale; run `cargo run -p codegen` and commit.\nchanged: {:?}\nmissing: {:?}\nextra: {:?}",
        stale.changed,
        stale.missing,
        stale.extra
    );
}

#[test]
fn generation_is_deterministic() {
    assert_eq!(flowlog_files(), flowlog_files());
}
