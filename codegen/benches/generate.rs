//! Generation speed over the whole Alibaba Cloud corpus, against the floor for this work.
//!
//! `cargo bench -p alibabacloud-codegen --bench generate` (release profile, one process per phase so that each
//! phase has its own peak memory):
//!
//! - **full**: the whole pipeline per product, streamed one product at a time: read the file,
//!   check it into the model, emit every file's tokens, render them with prettyplease. Nothing is
//!   written to disk (the rendered text is dropped); the CLI's own timing, writes included, is in
//!   its summary.
//! - **floor**: what no generator can avoid: `serde_json::from_slice::<serde_json::Value>` of each
//!   file plus `prettyplease::unparse` of the very same emitted files. Checking and emitting happen
//!   outside the timed region; only the read, the JSON parse and the unparse are timed, and the
//!   step prettyplease needs first (token streams → `syn::File`) is timed apart, so the ratio is
//!   printed against both floors.
//! - **step by step**: the full pipeline with each step timed on its own.
//! - **largest**: the full pipeline on the largest product alone, to show that peak memory follows
//!   the largest product rather than the catalogue.
//!
//! The corpus is `../shared/corpus/alibaba-api-docs-2024-07` next to the workspace, or the folder
//! named by `CODEGEN_CORPUS`. Without it the bench says so and exits successfully.

use codegen::check::check_file;
use codegen::model::Product;
use codegen::{crate_files, emit, CrateOptions, RuntimeDependency};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const PHASE_VAR: &str = "CODEGEN_BENCH_PHASE";

fn corpus() -> PathBuf {
    std::env::var_os("CODEGEN_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/alibaba-api-docs-2024-07"))
}

fn corpus_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "json"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Peak resident memory of this process so far, in kB (`VmHWM`).
fn peak_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

fn options(p: &Product, stem: &str) -> CrateOptions {
    CrateOptions::for_products(
        std::slice::from_ref(p),
        &format!("alibabacloud-{}", stem.replace(['_', '.'], "-").to_ascii_lowercase()),
        RuntimeDependency::Path("../runtime".into()),
    )
}

fn stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

/// The result of one phase, printed by the child as one line for the parent.
struct Measured {
    seconds: f64,
    operations: usize,
    products: usize,
    peak_kb: u64,
    /// Floor only: seconds spent turning token streams into `syn::File`s (not in `seconds`).
    extra: f64,
    detail: String,
}

impl Measured {
    fn line(&self) -> String {
        format!(
            "RESULT {} {} {} {} {} {}",
            self.seconds, self.operations, self.products, self.peak_kb, self.extra, self.detail
        )
    }

    fn parse(line: &str) -> Option<Self> {
        let mut it = line.strip_prefix("RESULT ")?.splitn(6, ' ');
        Some(Measured {
            seconds: it.next()?.parse().ok()?,
            operations: it.next()?.parse().ok()?,
            products: it.next()?.parse().ok()?,
            peak_kb: it.next()?.parse().ok()?,
            extra: it.next()?.parse().ok()?,
            detail: it.next().unwrap_or("").to_string(),
        })
    }
}

/// Read → check → emit → render, one product at a time; nothing written.
fn full(files: &[PathBuf]) -> Measured {
    let (mut operations, mut products, mut bytes_out) = (0, 0, 0usize);
    let start = Instant::now();
    for path in files {
        let bytes = std::fs::read(path).expect("read metadata");
        let (product, _diags) = check_file(path, &bytes);
        drop(bytes);
        let Some(product) = product else { continue };
        let files = crate_files(std::slice::from_ref(&product), &options(&product, &stem(path))).expect("render");
        operations += product.operations.len();
        products += 1;
        bytes_out += files.values().map(String::len).sum::<usize>();
    }
    let seconds = start.elapsed().as_secs_f64();
    Measured {
        seconds,
        operations,
        products,
        peak_kb: peak_kb(),
        extra: 0.0,
        detail: format!("{} MB of Rust rendered", bytes_out / 1_000_000),
    }
}

/// Read + serde_json + prettyplease::unparse of the same emitted files; tokens → `syn::File` timed
/// apart; the rest is untimed.
fn floor(files: &[PathBuf]) -> Measured {
    let (mut operations, mut products) = (0, 0);
    let (mut read, mut json, mut unparse, mut syn_parse) =
        (Duration::ZERO, Duration::ZERO, Duration::ZERO, Duration::ZERO);
    for path in files {
        // Untimed: what the floor leaves out (checking, emitting).
        let bytes = std::fs::read(path).expect("read metadata");
        let (product, _diags) = check_file(path, &bytes);
        drop(bytes);
        let Some(product) = product else { continue };
        let products_slice = std::slice::from_ref(&product);
        let opts = options(&product, &stem(path));
        let info = emit::product::CrateInfo { name: &opts.name, description: &opts.description, client: true };
        let mut tokens = vec![emit::crate_root(products_slice, &info), emit::product_module(&product)];
        tokens.extend(product.operations.iter().map(|op| emit::operation_file(&product, op)));
        operations += product.operations.len();
        products += 1;
        drop(product);
        // Timed apart: prettyplease formats a `syn::File`, so token streams are parsed first.
        let t = Instant::now();
        let parsed: Vec<syn::File> = tokens.into_iter().map(|t| syn::parse2(t).expect("valid Rust")).collect();
        syn_parse += t.elapsed();

        // Timed: read and parse the JSON, unparse every file.
        let t = Instant::now();
        let bytes = std::fs::read(path).expect("read metadata");
        read += t.elapsed();
        let t = Instant::now();
        let value: serde_json::Value = serde_json::from_slice(&bytes).expect("valid JSON");
        json += t.elapsed();
        std::hint::black_box(&value);
        drop(value);
        let t = Instant::now();
        for f in &parsed {
            std::hint::black_box(prettyplease::unparse(f));
        }
        unparse += t.elapsed();
    }
    let seconds = (read + json + unparse).as_secs_f64();
    Measured {
        seconds,
        operations,
        products,
        peak_kb: peak_kb(),
        detail: format!(
            "read {:.2} s + serde_json {:.2} s + prettyplease {:.2} s; tokens->syn {:.2} s",
            read.as_secs_f64(),
            json.as_secs_f64(),
            unparse.as_secs_f64(),
            syn_parse.as_secs_f64()
        ),
        extra: syn_parse.as_secs_f64(),
    }
}

/// The full pipeline again, each step timed on its own: where the time over the floor goes.
fn breakdown(files: &[PathBuf]) -> Measured {
    let (mut operations, mut products) = (0, 0);
    let (mut check, mut emit_t, mut parse, mut unparse) =
        (Duration::ZERO, Duration::ZERO, Duration::ZERO, Duration::ZERO);
    for path in files {
        let t = Instant::now();
        let bytes = std::fs::read(path).expect("read metadata");
        let (product, _diags) = check_file(path, &bytes);
        drop(bytes);
        check += t.elapsed();
        let Some(product) = product else { continue };
        let t = Instant::now();
        let products_slice = std::slice::from_ref(&product);
        let opts = options(&product, &stem(path));
        let info = emit::product::CrateInfo { name: &opts.name, description: &opts.description, client: true };
        let mut tokens = vec![emit::crate_root(products_slice, &info), emit::product_module(&product)];
        tokens.extend(product.operations.iter().map(|op| emit::operation_file(&product, op)));
        emit_t += t.elapsed();
        let t = Instant::now();
        let parsed: Vec<syn::File> = tokens.into_iter().map(|t| syn::parse2(t).expect("valid Rust")).collect();
        parse += t.elapsed();
        let t = Instant::now();
        for f in &parsed {
            std::hint::black_box(prettyplease::unparse(f));
        }
        unparse += t.elapsed();
        operations += product.operations.len();
        products += 1;
    }
    let seconds = (check + emit_t + parse + unparse).as_secs_f64();
    Measured {
        seconds,
        operations,
        products,
        peak_kb: peak_kb(),
        extra: 0.0,
        detail: format!(
            "read+check {:.2} s + emit {:.2} s + tokens->syn {:.2} s + prettyplease {:.2} s",
            check.as_secs_f64(),
            emit_t.as_secs_f64(),
            parse.as_secs_f64(),
            unparse.as_secs_f64()
        ),
    }
}

fn child(phase: &str, files: &[PathBuf]) -> Measured {
    let exe = std::env::current_exe().expect("own path");
    let mut cmd = Command::new(exe);
    cmd.env(PHASE_VAR, phase).args(files);
    let out = cmd.output().expect("run the phase");
    let stdout = String::from_utf8_lossy(&out.stdout);
    stdout.lines().find_map(Measured::parse).unwrap_or_else(|| {
        panic!("phase {phase} printed no result: {}\n{}", stdout, String::from_utf8_lossy(&out.stderr))
    })
}

fn main() {
    if let Ok(phase) = std::env::var(PHASE_VAR) {
        let files: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
        let m = match phase.as_str() {
            "full" => full(&files),
            "floor" => floor(&files),
            "breakdown" => breakdown(&files),
            other => panic!("unknown phase {other}"),
        };
        println!("{}", m.line());
        return;
    }
    let dir = corpus();
    let files = corpus_files(&dir);
    if files.is_empty() {
        println!(
            "skipped: the corpus is absent ({} holds no .json file); set CODEGEN_CORPUS to a folder of api-docs",
            dir.display()
        );
        return;
    }
    if cfg!(debug_assertions) {
        println!("note: a debug build; run `cargo bench -p alibabacloud-codegen --bench generate` for release figures");
    }
    let size: u64 = files.iter().filter_map(|f| std::fs::metadata(f).ok()).map(|m| m.len()).sum();
    let largest = files.iter().max_by_key(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0)).unwrap().clone();
    println!("corpus: {} files, {:.1} MB", files.len(), size as f64 / 1e6);
    // Warm the page cache so that neither phase pays for the first read.
    for f in &files {
        let _ = std::fs::read(f);
    }

    // Each phase runs `CODEGEN_BENCH_RUNS` times (default 2), alternating; the fastest run counts,
    // which is the one least disturbed by anything else on the machine.
    let runs: usize = std::env::var("CODEGEN_BENCH_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(2).max(1);
    let fastest = |a: Measured, b: Measured| if b.seconds < a.seconds { b } else { a };
    let mut full_m = child("full", &files);
    let mut floor_m = child("floor", &files);
    for _ in 1..runs {
        full_m = fastest(full_m, child("full", &files));
        floor_m = fastest(floor_m, child("floor", &files));
    }
    let largest_m = child("full", std::slice::from_ref(&largest));
    let breakdown_m = child("breakdown", &files);
    println!("fastest of {runs} runs each (CODEGEN_BENCH_RUNS)");
    let row = |name: &str, m: &Measured| {
        println!(
            "| {name:<44} | {:>7.2} | {:>8} | {:>9.0} | {:>8.1} | {}",
            m.seconds,
            m.operations,
            m.operations as f64 / m.seconds,
            m.peak_kb as f64 / 1024.0,
            m.detail
        );
    };
    println!(
        "| {:<44} | {:>7} | {:>8} | {:>9} | {:>8} | detail",
        "phase (one process each)", "seconds", "ops", "ops/s", "peak MB"
    );
    println!("| {:-<44} | {:->7} | {:->8} | {:->9} | {:->8} | ---", "", "", "", "", "");
    row(&format!("full pipeline, {} products", full_m.products), &full_m);
    row("floor: serde_json + prettyplease", &floor_m);
    row(&format!("full pipeline, largest alone ({})", stem(&largest)), &largest_m);
    row("full pipeline, step by step", &breakdown_m);
    let with_syn = floor_m.seconds + floor_m.extra;
    println!(
        "ratio full/floor: {:.2}x against serde_json + prettyplease::unparse; {:.2}x when the floor also turns \
         the token streams into syn::File ({:.2} s), which prettyplease needs (goal: under 2x)",
        full_m.seconds / floor_m.seconds,
        full_m.seconds / with_syn,
        with_syn
    );
}
