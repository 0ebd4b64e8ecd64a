//! `codegen diff OLD NEW` and `--diff-against OLD`: the command-line side of [`codegen::diff`].

use codegen::diff::{self, render, Options};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit status when breaking changes are found and not allowed.
pub const BREAKING: u8 = 3;

/// Compares two editions of the metadata and reports what changes in the generated Rust API.
#[derive(Debug, clap::Args)]
#[command(after_help = "Products are matched by product code and version; two files are compared whatever they say.\n\
                  Exit status: 0 no breaking change (or --allow-breaking), 3 breaking changes \
                  (compile-breaking or run-time-breaking), 2 unreadable input or bad usage.")]
pub struct DiffArgs {
    /// The old metadata: a file, or a folder of `.json` files
    #[arg(value_name = "OLD")]
    old: PathBuf,
    /// The new metadata: a file, or a folder of `.json` files
    #[arg(value_name = "NEW")]
    new: PathBuf,
    /// Report format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Version of the crate generated from OLD; the verdict then names the next version (Cargo's
    /// rules, 0.x included)
    #[arg(long, value_name = "VERSION")]
    current_version: Option<semver::Version>,
    /// List documentation-only changes too (they are always counted)
    #[arg(long)]
    docs: bool,
    /// Exit 0 even when changes break callers
    #[arg(long)]
    allow_breaking: bool,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// Plain text, for a terminal
    Text,
    /// Markdown, for a pull request description
    Markdown,
    /// JSON, for tools (schema in docs/API_DIFF.md)
    Json,
}

/// Runs `codegen diff`.
pub fn run(args: &DiffArgs) -> ExitCode {
    let options = Options { current_version: args.current_version.clone(), list_docs: args.docs };
    let report = match diff::diff_paths(std::slice::from_ref(&args.old), std::slice::from_ref(&args.new), &options) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let text = match args.format {
        Format::Text => render::text(&report, args.docs),
        Format::Markdown => render::markdown(&report, args.docs),
        Format::Json => render::json(&report),
    };
    print!("{text}");
    if report.is_breaking() && !args.allow_breaking {
        eprintln!(
            "error: the changes break callers ({}); pass --allow-breaking to accept them",
            report.verdict.impact.map_or("", |i| i.label())
        );
        return ExitCode::from(BREAKING);
    }
    ExitCode::SUCCESS
}

/// `--diff-against OLD`: prints the report from `old` to the metadata being generated, with the
/// version of the crate in `out` as the current one. Returns whether it could be made.
pub fn against(old: &Path, inputs: &[PathBuf], out: &Path) -> bool {
    let options = Options { current_version: crate_version(out), list_docs: false };
    match diff::diff_paths(&[old.to_path_buf()], inputs, &options) {
        Ok(report) => {
            print!("{}", render::text(&report, false));
            true
        }
        Err(e) => {
            eprintln!("{e}");
            false
        }
    }
}

/// The `version` of the `[package]` of `<out>/Cargo.toml`, when there is one.
fn crate_version(out: &Path) -> Option<semver::Version> {
    let text = std::fs::read_to_string(out.join("Cargo.toml")).ok()?;
    let mut in_package = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_package = line == "[package]";
        } else if in_package {
            if let Some(v) = line.strip_prefix("version").map(str::trim_start).and_then(|l| l.strip_prefix('=')) {
                return v.trim().trim_matches('"').parse().ok();
            }
        }
    }
    None
}
