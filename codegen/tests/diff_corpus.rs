//! `codegen diff` on the six real products published a year apart: the 2024 corpus against the
//! 2025 sample (`../shared/corpus/`, beside the repository). Each report is a snapshot, reviewed
//! line by line: no line may come from key order, numbers written as text or reworded
//! documentation, and every change of the request side must be there. The tests skip, with a
//! message, when the corpus is absent.

use codegen::diff::{self, render, Options, Report};
use std::path::{Path, PathBuf};

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    let found = dir.join("alibaba-api-docs-2024-07").is_dir() && dir.join("alibaba-api-docs-2025-sample").is_dir();
    if !found {
        eprintln!("skipped: {} is absent (the corpus sits beside the repository)", dir.display());
    }
    found.then_some(dir)
}

fn report(stem: &str) -> Option<Report> {
    let dir = corpus()?;
    let file = format!("{stem}.json");
    let old = dir.join("alibaba-api-docs-2024-07").join(&file);
    let new = dir.join("alibaba-api-docs-2025-sample").join(&file);
    let options = Options { current_version: Some("0.1.0".parse().unwrap()), list_docs: false };
    Some(diff::diff_paths(&[old], &[new], &options).expect("both editions read"))
}

fn text(stem: &str) -> Option<String> {
    report(stem).map(|r| render::text(&r, false))
}

#[test]
fn vpc() {
    if let Some(text) = text("vpc_2016-04-28") {
        insta::assert_snapshot!("vpc", text);
    }
}

#[test]
fn ecs() {
    if let Some(text) = text("ecs_2014-05-26") {
        insta::assert_snapshot!("ecs", text);
    }
}

#[test]
fn cbn() {
    if let Some(text) = text("cbn_2017-09-12") {
        insta::assert_snapshot!("cbn", text);
    }
}

#[test]
fn express_connect_router() {
    if let Some(text) = text("expressconnectrouter_2023-09-01") {
        insta::assert_snapshot!("expressconnectrouter", text);
    }
}

/// SLS is generated from both editions; the 2025 file documents no response at all (every
/// response field, header fields included, is gone) and marks the style `ROA` (the protocol is
/// still SLS's, chosen by product code).
#[test]
fn sls() {
    if let Some(text) = text("sls_2020-12-30") {
        insta::assert_snapshot!("sls", text);
    }
}

#[test]
fn sts_in_every_format() {
    let Some(report) = report("sts_2015-04-01") else { return };
    insta::assert_snapshot!("sts", render::text(&report, false));
    insta::assert_snapshot!("sts_markdown", render::markdown(&report, false));
    insta::assert_snapshot!("sts_json", render::json(&report));
}

#[test]
fn documentation_changes_are_counted_and_listed_on_request() {
    let Some(dir) = corpus() else { return };
    let file = "sts_2015-04-01.json";
    let old = dir.join("alibaba-api-docs-2024-07").join(file);
    let new = dir.join("alibaba-api-docs-2025-sample").join(file);
    let quiet = diff::diff_paths(std::slice::from_ref(&old), std::slice::from_ref(&new), &Options::default()).unwrap();
    let listed = diff::diff_paths(&[old], &[new], &Options { list_docs: true, ..Options::default() }).unwrap();
    let (q, l) = (&quiet.products[0], &listed.products[0]);
    assert_eq!(q.docs_changes, l.docs_changes);
    assert!(q.docs.is_empty());
    assert_eq!(l.docs.len(), l.docs_changes);
    assert_eq!(q.changes, l.changes);
    let text = render::text(&listed, true);
    assert!(text.contains("\n  documentation:\n"), "{text}");
    assert!(text.contains("- AssumeRole: request `RoleArn`: documentation changed: description, example\n"), "{text}");
}
