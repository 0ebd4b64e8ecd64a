//! `cargo run -p codegen`: regenerates the SDK from metadata. See `--help`.

mod args;
mod diff_cmd;
mod report;
mod sweep;

use args::{Cli, WarningMode};
use clap::Parser;
use codegen::{crate_files, load, write, CrateOptions, Diagnostic};
use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The workspace this binary was built in: its `metadata/`, `generated/` and `runtime/` are the
/// defaults.
fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(args::Command::Diff(args)) = &cli.command {
        return diff_cmd::run(args);
    }
    let root = workspace();
    let inputs = if cli.metadata.is_empty() { vec![root.join("metadata")] } else { cli.metadata.clone() };
    let out = cli.out.clone().unwrap_or_else(|| root.join("generated"));
    let runtime = |dir: &Path| cli.runtime_dependency(dir, &root.join("runtime"));
    if cli.crate_per_product {
        return crate_per_product(&cli, &inputs, &out, &runtime);
    }
    let mut stderr = std::io::stderr().lock();
    let warnings = if cli.quiet { WarningMode::None } else { cli.warnings };

    let mut loaded = load(&inputs);
    for e in &loaded.input_errors {
        let _ = writeln!(stderr, "{e}");
    }
    if !loaded.input_errors.is_empty() {
        return ExitCode::from(2);
    }
    let clashes = codegen::module_clashes(&loaded.products);
    loaded.diagnostics.extend(clashes);
    let wanted: Option<BTreeSet<String>> =
        (!cli.operations.is_empty()).then(|| cli.operations.iter().cloned().collect());
    if loaded.has_errors() {
        let errors: Vec<&Diagnostic> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
        for d in &errors {
            let _ = writeln!(stderr, "{d}\n");
        }
        report::warnings(&mut stderr, &loaded.diagnostics, warnings);
        if wanted.as_ref().is_some_and(|w| codegen::errors_outside(&loaded.diagnostics, w)) {
            let _ = writeln!(stderr, "{}", codegen::OUTSIDE_SELECTION_NOTE);
        }
        let _ = writeln!(stderr, "error: {} problem(s) in the metadata; nothing was written", errors.len());
        return ExitCode::from(2);
    }

    let mut products = loaded.products;
    let mut diagnostics = loaded.diagnostics;
    let selected = match &wanted {
        Some(w) => codegen::select_operations(&mut products, &mut diagnostics, w),
        None => Ok(()),
    };
    // Named after the product (before `--module` renames its module).
    let default_name = codegen::default_crate_name(&products);
    let renamed = selected.and_then(|()| match &cli.module {
        Some(m) => codegen::rename_module(&mut products, m),
        None => Ok(()),
    });
    if let Err(msg) = renamed {
        for line in msg.lines() {
            let _ = writeln!(stderr, "error: {line}");
        }
        return ExitCode::from(2);
    }
    report::warnings(&mut stderr, &diagnostics, warnings);

    let name = cli.crate_name.clone().unwrap_or_else(|| {
        if cli.metadata.is_empty() {
            "alibabacloud-flowlog".to_string()
        } else {
            default_name
        }
    });
    let mut options = CrateOptions::for_products(&products, &name, runtime(&out));
    options.emit = cli.emit_options();
    let files = match crate_files(&products, &options) {
        Ok(f) => f,
        Err(e) => {
            let _ = writeln!(stderr, "error: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(old) = &cli.diff_against {
        if !diff_cmd::against(old, &inputs, &out) {
            return ExitCode::from(2);
        }
    }
    // With no --metadata/--out: the modules the workspace generates into its own crates (the
    // runtime's STS client) too.
    let embedded = cli.metadata.is_empty() && cli.out.is_none();
    if cli.check {
        if embedded {
            if let Some(code) = check_embedded(&root, cli.quiet) {
                return code;
            }
        }
        return check(&cli, &out, &files, &mut stderr);
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
                let ops: usize = products.iter().map(|p| p.operations.len()).sum();
                let verb = if wrote { "wrote" } else { "unchanged:" };
                let n = products.len();
                let products = if n == 1 { "1 product".to_string() } else { format!("{n} products") };
                let operations = if ops == 1 { "1 operation".to_string() } else { format!("{ops} operations") };
                println!("{verb} {} ({products}, {operations}, {} files)", out.display(), files.len());
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

/// `--check`: compares, writes nothing; names the command that regenerates this output.
fn check(cli: &Cli, out: &Path, files: &write::Files, stderr: &mut impl std::io::Write) -> ExitCode {
    let command = cli.regenerate_command();
    if !out.exists() {
        let _ = writeln!(stderr, "error: {} does not exist; run `{command}` to generate it", out.display());
        return ExitCode::from(1);
    }
    match write::check(out, files) {
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
            let _ = writeln!(stderr, "error: {} is out of date; run `{command}` to regenerate it", out.display());
            ExitCode::from(1)
        }
        Err(e) => {
            let _ = writeln!(stderr, "error: cannot read {}: {e}", out.display());
            ExitCode::from(2)
        }
    }
}

fn crate_per_product(
    cli: &Cli,
    inputs: &[PathBuf],
    out: &Path,
    runtime: &dyn Fn(&Path) -> codegen::RuntimeDependency,
) -> ExitCode {
    let report = sweep::run(&sweep::Sweep {
        inputs,
        out,
        runtime,
        emit: cli.emit_options(),
        check: cli.check,
        quiet: cli.quiet,
    });
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
        eprintln!("error: {} is out of date; run `{}` to regenerate it", out.display(), cli.regenerate_command());
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
