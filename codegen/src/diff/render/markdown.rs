//! The report as Markdown, for a pull request description.

use super::{counts_text, lines, operation_list, operations_text, status_note, title, verdict_text, Line};
use crate::diff::report::{Impact, ProductDiff, Report};
use std::fmt::Write as _;

/// Lists of operations longer than this go in a collapsed `<details>` block.
const INLINE_OPERATIONS: usize = 12;

/// The report as Markdown. `show_docs` lists documentation-only changes (when the report kept them).
pub fn markdown(report: &Report, show_docs: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## API changes: {}\n", verdict_text(&report.verdict));
    out.push_str("| product | verdict | operations | changes |\n| --- | --- | --- | --- |\n");
    for p in &report.products {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            escape(&title(p)),
            escape(&verdict_text(&p.verdict)),
            escape(operations_text(p).trim_start_matches("operations ")),
            escape(counts_text(p).trim_start_matches("changes: "))
        );
    }
    for p in report.products.iter().filter(|p| p.verdict.impact.is_some()) {
        product(&mut out, p, show_docs);
    }
    out
}

fn product(out: &mut String, p: &ProductDiff, show_docs: bool) {
    let _ = writeln!(out, "\n### {}: {}\n", escape(&title(p)), escape(&verdict_text(&p.verdict)));
    if let Some(note) = status_note(p) {
        let _ = writeln!(out, "{}\n", escape(&note));
    }
    let mut counts = escape(&counts_text(p));
    if p.docs_changes > 0 && (!show_docs || p.docs.is_empty()) {
        counts.push_str(" (not listed)");
    }
    let _ = writeln!(out, "{}; {counts}.", escape(&operations_text(p)));
    for impact in Impact::ALL {
        let tier = lines(&p.changes, impact);
        if tier.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n**{}**\n", impact.label());
        for line in &tier {
            write_line(out, line, impact.is_breaking(), &p.common);
        }
    }
    if show_docs && !p.docs.is_empty() {
        out.push_str("\n**documentation**\n\n");
        for line in &lines(&p.docs, Impact::Compatible) {
            write_line(out, line, false, &p.common);
        }
    }
}

fn write_line(out: &mut String, line: &Line<'_>, detail: bool, common: &[String]) {
    let rust = line.rust.filter(|_| detail).map(|r| format!(" — {}", escape(r))).unwrap_or_default();
    let text = format!("{}{}", escape(&line.place()), escape(line.summary));
    if !line.grouped() {
        let op = line.operations.first().map(|o| format!("`{}`: ", tick(o))).unwrap_or_default();
        let _ = writeln!(out, "- {op}{text}{rust}");
        return;
    }
    let (head, names) = operation_list(line, common);
    let names: Vec<String> = names.iter().map(|o| format!("`{}`", tick(o))).collect();
    if names.is_empty() {
        let _ = writeln!(out, "- {text}{rust} — {head}");
    } else if names.len() <= INLINE_OPERATIONS {
        let _ = writeln!(out, "- {text}{rust} — {head}: {}", names.join(", "));
    } else {
        let _ = writeln!(
            out,
            "- {text}{rust} — {head}\n  <details><summary>which</summary>\n\n  {}\n  </details>",
            names.join(", ")
        );
    }
}

/// Text safe in Markdown outside code spans: code spans (`...`) are kept, and in the rest the
/// characters Markdown or HTML would act on are escaped.
fn escape(text: &str) -> String {
    let mut out = String::new();
    for (i, piece) in text.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        if i % 2 == 1 {
            out.push_str(&piece.replace('|', "\\|"));
            continue;
        }
        for c in piece.chars() {
            match c {
                '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' => {
                    out.push('\\');
                    out.push(c);
                }
                _ => out.push(c),
            }
        }
    }
    out
}

/// A name inside a code span: a backtick would end it.
fn tick(name: &str) -> String {
    name.replace('`', "'")
}
