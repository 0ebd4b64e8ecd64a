//! Generates what the tests need besides the flow-log SDK:
//!
//! - the metadata fixtures of `fixtures/` (ECS's `Tag.N.key`/`Tag.N.Key` case variants, declared in
//!   both orders), with `codegen::Builder`;
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
