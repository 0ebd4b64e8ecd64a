//! The lexical checker (`codegen::emit::text::lexical`) agrees with rustc: every class of hostile
//! character, in every context a generated file can put it (comments, doc comments, string, raw,
//! byte and character literals, code), goes through the real `rustc`, and the checker refuses
//! exactly what rustc refuses. Skips with a message when `rustc` cannot be run.

use codegen::emit::text::{is_hidden, lexical};
use std::process::Command;

/// One character of each class: C0 and C1 controls, DEL, bidi embeddings, overrides, isolates and
/// marks, zero-width and other format characters, separators, noncharacters, and ordinary text.
const CHARS: &[(&str, char)] = &[
    ("NUL", '\u{0}'),
    ("BEL", '\u{7}'),
    ("TAB", '\t'),
    ("VT", '\u{b}'),
    ("FF", '\u{c}'),
    ("CR", '\r'),
    ("ESC", '\u{1b}'),
    ("DEL", '\u{7f}'),
    ("NEL", '\u{85}'),
    ("CSI", '\u{9b}'),
    ("SHY", '\u{ad}'),
    ("ALM", '\u{61c}'),
    ("ZWSP", '\u{200b}'),
    ("ZWJ", '\u{200d}'),
    ("LRM", '\u{200e}'),
    ("RLM", '\u{200f}'),
    ("LRE", '\u{202a}'),
    ("RLE", '\u{202b}'),
    ("PDF", '\u{202c}'),
    ("LRO", '\u{202d}'),
    ("RLO", '\u{202e}'),
    ("LS", '\u{2028}'),
    ("PS", '\u{2029}'),
    ("WJ", '\u{2060}'),
    ("LRI", '\u{2066}'),
    ("RLI", '\u{2067}'),
    ("FSI", '\u{2068}'),
    ("PDI", '\u{2069}'),
    ("BOM", '\u{feff}'),
    ("IAA", '\u{fff9}'),
    ("NONCHAR", '\u{ffff}'),
    ("TAG", '\u{e0041}'),
    ("LETTER", 'é'),
    ("CJK", '名'),
];

/// Where the character goes: `@` is replaced by it.
const CONTEXTS: &[(&str, &str)] = &[
    ("line comment", "pub fn f() {}\n// a@b\n"),
    ("outer doc comment", "/// a@b\npub fn f() {}\n"),
    ("inner doc comment", "//! a@b\npub fn f() {}\n"),
    ("block comment", "pub fn f() {}\n/* a@b */\n"),
    ("block doc comment", "/** a@b */\npub fn f() {}\n"),
    ("string literal", "pub fn f() -> &'static str { \"a@b\" }\n"),
    ("raw string literal", "pub fn f() -> &'static str { r#\"a@b\"# }\n"),
    ("byte string literal", "pub fn f() -> &'static [u8] { b\"a@b\" }\n"),
    ("char literal", "pub fn f() -> char { '@' }\n"),
    ("code", "pub fn f() { let _x@ = 1; }\n"),
];

/// Whether rustc accepts `src` as a library (metadata only: lexing, parsing, lints, type check).
fn rustc_accepts(rustc: &str, dir: &std::path::Path, name: &str, src: &str) -> bool {
    let file = dir.join(format!("{name}.rs"));
    std::fs::write(&file, src).unwrap();
    let out = Command::new(rustc)
        .args(["--edition", "2021", "--crate-type", "lib", "--crate-name", "case", "--emit"])
        .arg(format!("metadata={}", dir.join(format!("{name}.rmeta")).display()))
        .arg(&file)
        .output()
        .expect("rustc runs");
    if std::env::var_os("LEXICAL_DEBUG").is_some() && !out.status.success() {
        eprintln!("{name}: {}", String::from_utf8_lossy(&out.stderr));
    }
    out.status.success()
}

#[test]
fn the_checker_refuses_exactly_what_rustc_refuses() {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    if Command::new(&rustc).arg("--version").output().is_err() {
        eprintln!("skipped: `{rustc}` cannot be run");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(String, String)> = CONTEXTS
        .iter()
        .flat_map(|(ctx, template)| {
            CHARS.iter().map(move |(name, c)| (format!("{name} in {ctx}"), template.replace('@', &c.to_string())))
        })
        .collect();
    // Two threads: the machine has two cores, and each rustc run is short.
    let verdicts: Vec<bool> = std::thread::scope(|s| {
        let halves: Vec<_> = cases
            .chunks(cases.len().div_ceil(2))
            .enumerate()
            .map(|(h, chunk)| {
                let (rustc, dir) = (&rustc, dir.path());
                s.spawn(move || {
                    chunk
                        .iter()
                        .enumerate()
                        .map(|(i, (_, src))| rustc_accepts(rustc, dir, &format!("c{h}_{i}"), src))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        halves.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    let mut disagreements = Vec::new();
    let mut refused = 0;
    for ((label, src), rustc_ok) in cases.iter().zip(&verdicts) {
        let findings = lexical::refused_by_rustc(src);
        if findings.is_empty() != *rustc_ok {
            disagreements.push(format!("{label}: rustc accepts = {rustc_ok}, checker findings = {findings:?}"));
        }
        refused += usize::from(!rustc_ok);
    }
    assert!(disagreements.is_empty(), "the checker and rustc disagree:\n{}", disagreements.join("\n"));
    // The table is not trivial: rustc refuses many cases and accepts many.
    assert!(refused > 100 && refused < cases.len() - 60, "{refused} of {} refused", cases.len());
}

#[test]
fn the_generators_policy_is_stricter_than_rustc_and_covers_every_hidden_class() {
    for (name, c) in CHARS {
        for (ctx, template) in CONTEXTS {
            let src = template.replace('@', &c.to_string());
            let findings = lexical::check(&src);
            // Every hidden character is a finding wherever it is (a tab only as structure is fine).
            if is_hidden(*c) && *c != '\t' {
                assert!(!findings.is_empty(), "{name} in {ctx} passes the policy");
            }
            if !is_hidden(*c) && !ctx.starts_with("byte") && *ctx != "code" {
                assert_eq!(findings, [], "{name} in {ctx}");
            }
        }
    }
}
