//! API diff: what changes in the generated Rust API between two editions of the metadata, and
//! whether it breaks users.
//!
//! ```text
//! OLD files ──check──▶ model ──extract──▶ surface ─┐
//!                                                  ├─compare + classify──▶ Report ──render──▶ text / Markdown / JSON
//! NEW files ──check──▶ model ──extract──▶ surface ─┘
//! ```
//!
//! - [`load`]: reads files and folders and checks each file with the generator's own checker, so the
//!   diff sees exactly what generation would (a file the generator refuses counts as absent);
//! - [`extract`]: the one adapter from the checked model to the diff's [`surface`] types, which
//!   keep what a user of the generated crate meets and drop everything cosmetic (key order,
//!   `"5"` against `5`, documentation is set apart);
//! - [`compare`]: matches operations, members, values and error codes by wire name (renames that
//!   only change letter case are recognised) and lists the changes;
//! - [`classify`]: the impact of each change on the generated Rust API (compile-breaking,
//!   run-time-breaking, additive, compatible), the verdict and the next version;
//! - [`render`]: text for a terminal, Markdown for a pull request, JSON for tools.
//!
//! ```no_run
//! use std::path::PathBuf;
//! let report = codegen::diff::diff_paths(
//!     &[PathBuf::from("old/vpc_2016-04-28.json")],
//!     &[PathBuf::from("metadata/vpc_2016-04-28.json")],
//!     &codegen::diff::Options { current_version: "0.1.0".parse().ok(), list_docs: false },
//! )?;
//! print!("{}", codegen::diff::render::text(&report, false));
//! if report.is_breaking() {
//!     std::process::exit(3);
//! }
//! # Ok::<(), codegen::diff::DiffError>(())
//! ```

pub mod classify;
pub mod compare;
pub mod extract;
pub mod load;
pub mod render;
pub mod report;
pub mod surface;

pub use load::DiffError;
pub use report::{Bump, Change, ChangeKind, Direction, Impact, Part, ProductDiff, ProductStatus, Report, Verdict};

use crate::model::Product;
use load::{Content, Entry};
use report::{ImpactCounts, OperationCounts};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use surface::ProductSurface;

/// Choices for a diff.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The version of the crate generated from the old side: the verdict then names the next one.
    pub current_version: Option<semver::Version>,
    /// Keep documentation-only changes in the report (they are always counted).
    pub list_docs: bool,
}

/// Compares two sides, each metadata files or folders of them. Products are matched by product
/// code and version; when each side is one file, the two files are compared whatever they say.
pub fn diff_paths(old: &[PathBuf], new: &[PathBuf], options: &Options) -> Result<Report, DiffError> {
    let old_heads = load::heads(old)?;
    let new_heads = load::heads(new)?;
    let single =
        |inputs: &[PathBuf], heads: &[load::Head]| inputs.len() == 1 && inputs[0].is_file() && heads.len() == 1;
    let pairs: Vec<(Option<load::Head>, Option<load::Head>)> = if single(old, &old_heads) && single(new, &new_heads) {
        vec![(old_heads.into_iter().next(), new_heads.into_iter().next())]
    } else {
        let mut by_key: BTreeMap<(String, String), (Option<load::Head>, Option<load::Head>)> = BTreeMap::new();
        for h in old_heads {
            let key = h.key();
            by_key.entry(key).or_default().0 = Some(h);
        }
        for h in new_heads {
            let key = h.key();
            by_key.entry(key).or_default().1 = Some(h);
        }
        by_key.into_values().collect()
    };
    // One pair at a time: checked, compared, dropped.
    let mut products = Vec::with_capacity(pairs.len());
    for (o, n) in &pairs {
        let o = o.as_ref().map(load::Head::load).transpose()?;
        let n = n.as_ref().map(load::Head::load).transpose()?;
        products.push(product_diff(o.as_ref(), n.as_ref(), options));
    }
    Ok(assemble(products, options))
}

/// Compares two checked products (the library call when both are already loaded).
pub fn diff_products(old: &Product, new: &Product, options: &Options) -> Report {
    let old = extract::surface(old);
    let new = extract::surface(new);
    assemble(vec![compare_surfaces(&old, &new, options)], options)
}

/// The report over product diffs: sorted by product and version, with the overall verdict.
fn assemble(mut products: Vec<ProductDiff>, options: &Options) -> Report {
    products.sort_by(|a, b| {
        (a.product.to_ascii_lowercase(), &a.version).cmp(&(b.product.to_ascii_lowercase(), &b.version))
    });
    let mut counts = ImpactCounts::default();
    let mut worst: Option<Impact> = None;
    for p in &products {
        counts.merge(&p.verdict.counts);
        if let Some(i) = p.verdict.impact {
            worst = Some(worst.map_or(i, |w| w.min(i)));
        }
    }
    let verdict = classify::finish(worst, counts, options.current_version.as_ref());
    Report { schema_version: report::SCHEMA_VERSION, verdict, products }
}

fn surface_of(e: Option<&Entry>) -> Option<&ProductSurface> {
    match e.map(|e| &e.content) {
        Some(Content::Surface(s)) => Some(s.as_ref()),
        _ => None,
    }
}

fn product_diff(old: Option<&Entry>, new: Option<&Entry>, options: &Options) -> ProductDiff {
    let refused = |e: Option<&Entry>| match e.map(|e| &e.content) {
        Some(Content::Refused(r)) => Some(r.clone()),
        _ => None,
    };
    let (product, version) = new.or(old).map(|e| (e.product.clone(), e.version.clone())).unwrap_or_default();
    match (surface_of(old), surface_of(new)) {
        (Some(a), Some(b)) => {
            let mut d = compare_surfaces(a, b, options);
            d.product = product;
            d.version = version;
            d.old_version = old.map(|e| e.version.clone()).filter(|v| *v != d.version);
            d
        }
        (None, Some(b)) => one_sided(b, ProductStatus::Added { old_refused: refused(old) }, options),
        (Some(a), None) => one_sided(a, ProductStatus::Removed { new_refused: refused(new) }, options),
        (None, None) => {
            let reason = |e: Option<&Entry>| refused(e).unwrap_or_else(|| "no file".into());
            ProductDiff {
                product,
                version,
                old_version: None,
                status: ProductStatus::Refused { old: reason(old), new: reason(new) },
                operations: OperationCounts::default(),
                changes: Vec::new(),
                docs_changes: 0,
                docs: Vec::new(),
                verdict: classify::verdict([], 0, options.current_version.as_ref()),
                common: Vec::new(),
            }
        }
    }
}

/// A product on one side only: every operation added (or removed).
fn one_sided(s: &ProductSurface, status: ProductStatus, options: &Options) -> ProductDiff {
    let added = matches!(status, ProductStatus::Added { .. });
    let n = s.operations.len();
    let ctx = classify::Ctx { owner: s.module.clone(), ..Default::default() };
    let kind =
        if added { ChangeKind::ProductAdded { operations: n } } else { ChangeKind::ProductRemoved { operations: n } };
    let mut changes = vec![classify::change(None, Part::Product, "", kind, &ctx)];
    for op in s.operations.values() {
        let ctx = classify::Ctx { owner: "Client".into(), rust: Some(op.rust.method.clone()), ..Default::default() };
        let kind = if added { ChangeKind::OperationAdded } else { ChangeKind::OperationRemoved };
        changes.push(classify::change(Some(&op.action), Part::Operation, "", kind, &ctx));
    }
    let operations = if added {
        OperationCounts { after: n, added: n, ..Default::default() }
    } else {
        OperationCounts { before: n, removed: n, ..Default::default() }
    };
    let verdict = classify::verdict(&changes, 0, options.current_version.as_ref());
    ProductDiff {
        product: s.code.clone(),
        version: s.version.clone(),
        old_version: None,
        status,
        operations,
        changes,
        docs_changes: 0,
        docs: Vec::new(),
        verdict,
        common: Vec::new(),
    }
}

/// Compares two API surfaces.
pub fn compare_surfaces(old: &ProductSurface, new: &ProductSurface, options: &Options) -> ProductDiff {
    let mut found = compare::products(old, new);
    let key = |c: &Change| (c.impact, c.operation.clone(), c.part, c.path.clone(), c.summary.clone());
    found.changes.sort_by_key(key);
    found.docs.sort_by_key(key);
    let added = found.changes.iter().filter(|c| matches!(c.kind, ChangeKind::OperationAdded)).count();
    let removed = found.changes.iter().filter(|c| matches!(c.kind, ChangeKind::OperationRemoved)).count();
    let changed: BTreeSet<&str> = found
        .changes
        .iter()
        .filter(|c| !matches!(c.kind, ChangeKind::OperationAdded | ChangeKind::OperationRemoved))
        .filter_map(|c| c.operation.as_deref())
        .collect();
    let verdict = classify::verdict(&found.changes, found.docs.len(), options.current_version.as_ref());
    let new_ops: BTreeSet<&str> = found
        .changes
        .iter()
        .filter(|c| matches!(c.kind, ChangeKind::OperationAdded))
        .filter_map(|c| c.operation.as_deref())
        .collect();
    let common = new.operations.keys().filter(|a| !new_ops.contains(a.as_str())).cloned().collect();
    ProductDiff {
        product: new.code.clone(),
        version: new.version.clone(),
        old_version: Some(old.version.clone()).filter(|v| *v != new.version),
        status: ProductStatus::Compared,
        operations: OperationCounts {
            before: old.operations.len(),
            after: new.operations.len(),
            added,
            removed,
            changed: changed.len(),
        },
        docs_changes: found.docs.len(),
        docs: if options.list_docs { found.docs } else { Vec::new() },
        changes: found.changes,
        verdict,
        common,
    }
}
