//! `codegen`: generates typed, validated Rust SDKs from Alibaba Cloud api-docs metadata.
//!
//! The pipeline, one module per arrow:
//!
//! ```text
//! metadata/*.json ──check──▶ model ──emit──▶ TokenStreams ──render──▶ text ──write──▶ files
//! ```
//!
//! - [`check`]: decodes and parses a file (kept lossless as `serde_json::Value`), then checks it
//!   into the [`model`], reporting every problem as a located [`Diagnostic`].
//! - [`emit`]: one emitter per kind of output (operation file, product module, crate root).
//! - [`render`]: prettyplease, with the `@generated` header.
//! - [`write`](mod@write): atomic replacement of the output tree, or a staleness report.
//! - [`diff`]: what changes in the generated API between two editions of the metadata, and
//!   whether it breaks users (text, Markdown and JSON reports, a semver verdict).
//!
//! Three ways to use it: the CLI (`cargo run -p codegen`), a build script ([`Builder`]), and the
//! snapshot tests of the workspace.

#![deny(missing_docs)]

mod builder;
pub mod check;
pub mod diag;
pub mod diff;
pub mod embedded;
pub mod emit;
pub mod locate;
pub mod model;
pub mod names;
pub mod render;
pub mod write;

mod generate;

pub use builder::{inline_product, BuildError, Builder, Generated};
pub use diag::{Diagnostic, Severity};
pub use emit::{EmitOptions, Validation};
pub use generate::{
    closest, crate_files, default_crate_name, errors_outside, load, module_clashes, relative_path, rename_module,
    select_operations, CrateOptions, InputError, Loaded, RuntimeDependency, OUTSIDE_SELECTION_NOTE,
};
