//! `cargo run -p codegen`: regenerates the SDK from metadata. See `--help`.

mod sweep;

use clap::Parser;
use codegen::{crate_files, load, write, CrateOptions, RuntimeDependency};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Generates a typed, validated Rust SDK from Alibaba Cloud api-docs metadata.
///
/// With no arguments, regenerates the workspace's `generated/` crate from `metadata/`, and the
/// runtime's STS client (`runtime/src/sts.rs`) from `runtime/metadata/`.
#[derive(Debug, Parser)]
#[command(
    name = "codegen",
    version,
    after_help = "Exit status: 0 success, 1 stale output under --check, 2 bad metadata or bad usage.\n\
                  With --crate-per-product: 2 when any product was refused (the others are still \
                  generated; each refused product is listed with its reason)."
)]
struct Cli {
    /// A metadata file, or a folder of `.json` metadata files (repeatable) [default: the workspace's metadata/]
    #[arg(long = "metadata", value_name = "FILE_OR_DIR")]
    metadata: Vec<PathBuf>,
    /// The crate folder to write [default: the workspace's generated/]
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Write nothing; exit 1 and list each stale file when the output differs from what the metadata gives
    #[arg(long)]
    check: bool,
    /// Package name of the generated crate
    #[arg(long, value_name = "NAME", default_value = "alibabacloud-flowlog", conflicts_with = "crate_per_product")]
    crate_name: String,
    /// Generate each metadata file into a crate of its own, `<out>/<file stem>/` (package
    /// `alibabacloud-<stem>`), one product at a time, and write `<out>/Cargo.toml`, a workspace of
    /// every crate generated. Products with metadata errors are refused; the others are still generated
    #[arg(long, requires = "out")]
    crate_per_product: bool,
    /// Print nothing but errors
    #[arg(long, short)]
    quiet: bool,
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = workspace();
    let inputs = if cli.metadata.is_empty() { vec![root.join("metadata")] } else { cli.metadata.clone() };
    let out = cli.out.clone().unwrap_or_else(|| root.join("generated"));
    if cli.crate_per_product {
        return crate_per_product(&cli, &inputs, &out, &root.join("runtime"));
    }

    let mut loaded = load(&inputs);
    let clashes = codegen::module_clashes(&loaded.products);
    loaded.diagnostics.extend(clashes);
    let mut stderr = std::io::stderr().lock();
    for d in &loaded.diagnostics {
        if d.is_error() || !cli.quiet {
            let _ = writeln!(stderr, "{d}\n");
        }
    }
    let errors = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
    if errors > 0 {
        let _ = writeln!(stderr, "error: {errors} problem(s) in the metadata; nothing was written");
        return ExitCode::from(2);
    }

    let options = CrateOptions::for_products(
        &loaded.products,
        &cli.crate_name,
        RuntimeDependency::Path(codegen::relative_path(&out, &root.join("runtime"))),
    );
    let files = match crate_files(&loaded.products, &options) {
        Ok(f) => f,
        Err(e) => {
            let _ = writeln!(stderr, "error: {e}");
            return ExitCode::from(2);
        }
    };
    // With no --metadata/--out: the runtime's own generated modules (its STS client) too.
    let embedded = cli.metadata.is_empty() && cli.out.is_none();
    if cli.check {
        if embedded {
            if let Some(code) = check_embedded(&root, cli.quiet) {
                return code;
            }
        }
        return match write::check(&out, &files) {
            Ok(s) if s.is_fresh() => {
                if !cli.quiet {
                    println!("{} is up to date ({} files)", out.display(), files.len());
                }
                ExitCode::SUCCESS
            }
            Ok(s) => {
                for (label, list) in [("stale", &s.changed), ("missing", &s.missing), ("extra", &s.extra)] {
                    for f in list {
                        println!("{label}: {}", out.join(f).display());
                    }
                }
                let _ = writeln!(
                    stderr,
                    "error: {} is out of date; run `cargo run -p codegen` to regenerate",
                    out.display()
                );
                ExitCode::from(1)
            }
            Err(e) => {
                let _ = writeln!(stderr, "error: cannot read {}: {e}", out.display());
                ExitCode::from(2)
            }
        };
    }
    if embedded {
        match codegen::embedded::write(&root) {
            Ok(written) if !cli.quiet => written.iter().for_each(|p| println!("wrote {}", p.display())),
            Ok(_) => {}
            Err(errors) => {
                errors.iter().for_each(|e| eprintln!("error: {e}"));
                return ExitCode::from(2);
            }
        }
    }
    match write::write_atomic(&out, &files) {
        Ok(wrote) => {
            if !cli.quiet {
                let ops: usize = loaded.products.iter().map(|p| p.operations.len()).sum();
                let verb = if wrote { "wrote" } else { "unchanged:" };
                println!(
                    "{verb} {} ({} products, {ops} operations, {} files)",
                    out.display(),
                    loaded.products.len(),
                    files.len()
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            let _ = writeln!(stderr, "error: cannot write {}: {e} (the previous output is untouched)", out.display());
            ExitCode::from(2)
        }
    }
}

/// `--check` of the embedded modules ([`codegen::embedded`]): `None` when they are fresh,
/// otherwise the exit code (1 stale, 2 bad metadata).
fn check_embedded(root: &Path, quiet: bool) -> Option<ExitCode> {
    match codegen::embedded::stale(root) {
        Ok(stale) if stale.is_empty() => {
            if !quiet {
                println!("{} embedded module(s) are up to date", codegen::embedded::EMBEDDED.len());
            }
            None
        }
        Ok(stale) => {
            stale.iter().for_each(|p| println!("stale: {}", p.display()));
            eprintln!("error: generated modules are out of date; run `cargo run -p codegen` to regenerate");
            Some(ExitCode::from(1))
        }
        Err(errors) => {
            errors.iter().for_each(|e| eprintln!("error: {e}"));
            Some(ExitCode::from(2))
        }
    }
}

fn crate_per_product(cli: &Cli, inputs: &[PathBuf], out: &Path, runtime: &Path) -> ExitCode {
    let report = sweep::run(&sweep::Sweep { inputs, out, runtime, check: cli.check, quiet: cli.quiet });
    for failure in &report.failures {
        eprintln!("error: {failure}");
    }
    if !cli.quiet {
        sweep::print_summary(&report, out);
    } else {
        for e in &report.entries {
            if let sweep::Outcome::Refused { reason, .. } = &e.outcome {
                eprintln!("refused: {}: {reason}", e.stem);
            }
        }
    }
    if report.refused() > 0 || !report.failures.is_empty() {
        ExitCode::from(2)
    } else if cli.check && report.stale() {
        eprintln!("error: {} is out of date; rerun with --crate-per-product to regenerate", out.display());
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
