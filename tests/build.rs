//! Generates what the tests need besides the flow-log SDK:
//!
//! - the metadata fixtures of `fixtures/` (ECS's `Tag.N.key`/`Tag.N.Key` case variants, declared in
//!   both orders), with `codegen::Builder`;
//! - `styles/sls.rs` and `styles/oss.rs`: the SLS and OSS operations the flowlog example and the
//!   style tests call, from Alibaba's published files (unchanged copies in `metadata/`, so that
//!   they build without the corpus);
//! - `corpus/*.rs`: operations of the other styles (FC, V3, PDS) from the corpus beside the
//!   repository, when it is there (`cfg(styles_corpus)`; the tests that need them say they
//!   skipped otherwise);
//! - `readme.rs`: every ```` ```rust ```` block of the workspace README and of `docs/*.md` as the
//!   body of an async function, so that `tests/readme.rs` compiles them and the documentation
//!   cannot drift from the code.
//!   A block runs after the lines of an HTML comment `<!-- prelude: ... -->` placed right before it
//!   (invisible on the rendered page: the bindings a fragment assumes). Blocks marked
//!   ```` ```rust,ignore ```` are not compiled.

use std::fmt::Write;
use std::path::Path;

fn main() {
    codegen::Builder::new()
        .metadata("fixtures/ecs_tags_lower_first.json")
        .metadata("fixtures/ecs_tags_lower_second.json")
        .run();
    let out = Path::new(&std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).to_path_buf();
    let styles = codegen::Builder::new()
        .metadata("metadata/sls_2020-12-30.json")
        .metadata("metadata/oss_2019-05-17.json")
        .operations(SLS_OPERATIONS.iter().chain(OSS_OPERATIONS).copied())
        .out_dir(out.join("styles"));
    generate_quietly(styles);
    println!("cargo::rustc-check-cfg=cfg(styles_corpus)");
    // Beside the repository, as the other corpus tests expect it (a path that does not exist
    // would rerun this script at every build, so it is watched only when it is there).
    let corpus = Path::new("../../shared/corpus/alibaba-api-docs-2024-07");
    let files: Vec<_> = CORPUS_FILES.iter().map(|f| corpus.join(f)).collect();
    if files.iter().all(|f| f.is_file()) {
        let mut builder =
            codegen::Builder::new().operations(CORPUS_OPERATIONS.iter().copied()).out_dir(out.join("corpus"));
        for file in files {
            builder = builder.metadata(file);
        }
        generate_quietly(builder);
        println!("cargo:rustc-cfg=styles_corpus");
    }

    let mut pages = vec![Path::new("../README.md").to_path_buf()];
    println!("cargo:rerun-if-changed=../docs");
    let mut docs: Vec<_> = std::fs::read_dir("../docs")
        .expect("the workspace has docs/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    pages.extend(docs);
    let mut out = String::new();
    for page in &pages {
        println!("cargo:rerun-if-changed={}", page.display());
        let text = std::fs::read_to_string(page).unwrap_or_else(|e| panic!("{}: {e}", page.display()));
        let name = page.file_stem().map(|s| s.to_string_lossy().to_lowercase()).unwrap_or_default();
        out.push_str(&blocks(&text, &page.display().to_string(), &name.replace('-', "_")));
    }
    let file = Path::new(&std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("readme.rs");
    std::fs::write(file, out).expect("OUT_DIR is writable");
}

/// Generates without `cargo:warning` lines: the published files' warnings are known (the OSS
/// file references schemas it does not hold, see `metadata/README.md`) and would show on every
/// build of the tests. An error still stops the build.
fn generate_quietly(builder: codegen::Builder) {
    if let Err(e) = builder.generate() {
        eprintln!("{e}");
        std::process::exit(1);
    }
}

/// The SLS operations generated into `styles/sls.rs`: what the flowlog example calls, and one of
/// each request body format for the tests.
const SLS_OPERATIONS: &[&str] =
    &["GetLogs", "CreateLogStore", "GetLogStore", "ListProject", "PutProjectPolicy", "GetScheduledSQL"];

/// The OSS operations generated into `styles/oss.rs`.
const OSS_OPERATIONS: &[&str] =
    &["PutBucket", "ListObjectsV2", "PutObject", "GetObject", "HeadObject", "DeleteObject", "PutBucketPolicy"];

/// Corpus files of the other styles, and the operations taken from them.
const CORPUS_FILES: &[&str] = &[
    "fc_2023-03-30.json",
    "ocr-api_2021-07-07.json",
    "arms_2019-08-08.json",
    "cloudcontrol_2022-08-30.json",
    "pds_2022-03-01.json",
];
const CORPUS_OPERATIONS: &[&str] =
    &["InvokeFunction", "GetFunction", "RecognizeAllText", "GetTraceAppConfig", "GetResources", "GetDrive"];

/// A page's compiled blocks as functions `<page>_line_<N>` (N: the line of the opening fence).
fn blocks(text: &str, page: &str, name: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < lines.len() {
        let info = lines[i].trim_start().strip_prefix("```").map(str::trim);
        let compiled = info.is_some_and(|info| {
            let mut words = info.split(',').map(str::trim);
            words.next() == Some("rust") && !words.any(|w| w == "ignore")
        });
        if !compiled {
            i += 1;
            continue;
        }
        let fence = i;
        let end = (fence + 1..lines.len())
            .find(|&j| lines[j].trim_start().starts_with("```"))
            .unwrap_or_else(|| panic!("{page}:{}: a ```rust block is never closed", fence + 1));
        let prelude = prelude(&lines[..fence]);
        let _ = writeln!(out, "/// {page}, the block at line {}.", fence + 1);
        let _ = writeln!(out, "#[allow(unused, unreachable_code, clippy::all)]");
        let _ = writeln!(out, "async fn {name}_line_{}() -> Result<(), Box<dyn std::error::Error>> {{", fence + 1);
        for line in prelude.iter().chain(&lines[fence + 1..end]) {
            let _ = writeln!(out, "    {line}");
        }
        let _ = writeln!(out, "    Ok(())\n}}\n");
        i = end + 1;
    }
    out
}

/// The lines of a `<!-- prelude: ... -->` comment ending on the last non-blank line of `before`.
fn prelude<'a>(before: &[&'a str]) -> Vec<&'a str> {
    let Some(last) = before.iter().rposition(|l| !l.trim().is_empty()) else { return Vec::new() };
    if !before[last].trim_end().ends_with("-->") {
        return Vec::new();
    }
    let Some(start) = before[..=last].iter().rposition(|l| l.trim_start().starts_with("<!--")) else {
        return Vec::new();
    };
    let Some(first) = before[start].trim_start().strip_prefix("<!-- prelude:") else { return Vec::new() };
    let mut lines = vec![first];
    lines.extend(&before[start + 1..=last]);
    let closing = lines.len() - 1;
    lines[closing] = lines[closing].trim_end().strip_suffix("-->").unwrap_or(lines[closing]);
    lines
}
