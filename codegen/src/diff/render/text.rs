//! The report as plain text, for a terminal.

use super::{counts_text, lines, operation_list, operations_text, status_note, title, verdict_text, wrap, Line};
use crate::diff::report::{Impact, ProductDiff, Report};
use std::fmt::Write as _;

/// The report as text. `show_docs` lists documentation-only changes (when the report kept them).
pub fn text(report: &Report, show_docs: bool) -> String {
    let mut out = String::new();
    if report.products.len() != 1 {
        let _ = writeln!(out, "API diff of {} products: {}", report.products.len(), verdict_text(&report.verdict));
        for p in &report.products {
            let _ = writeln!(out, "  {:<40} {}", title(p), verdict_text(&p.verdict));
        }
        out.push('\n');
    }
    // With several products, the table above is enough for those without any change.
    let shown = report.products.iter().filter(|p| report.products.len() == 1 || p.verdict.impact.is_some());
    for (i, p) in shown.enumerate() {
        if i > 0 {
            out.push('\n');
        }
        product(&mut out, p, show_docs);
    }
    out
}

fn product(out: &mut String, p: &ProductDiff, show_docs: bool) {
    let _ = writeln!(out, "{}: {}", title(p), verdict_text(&p.verdict));
    if let Some(note) = status_note(p) {
        let _ = writeln!(out, "  {note}");
    }
    let _ = writeln!(out, "  {}", operations_text(p));
    let _ = write!(out, "  {}", counts_text(p));
    if p.docs_changes > 0 && (!show_docs || p.docs.is_empty()) {
        out.push_str(" (not listed; --docs lists them)");
    }
    out.push('\n');
    for impact in Impact::ALL {
        let tier = lines(&p.changes, impact);
        if tier.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n  {}:", impact.label());
        for line in &tier {
            write_line(out, line, impact.is_breaking(), &p.common);
        }
    }
    if show_docs && !p.docs.is_empty() {
        let _ = writeln!(out, "\n  documentation:");
        for line in &lines(&p.docs, Impact::Compatible) {
            write_line(out, line, false, &p.common);
        }
    }
}

fn write_line(out: &mut String, line: &Line<'_>, detail: bool, common: &[String]) {
    let rust = line.rust.filter(|_| detail).map(|r| format!(" — {r}")).unwrap_or_default();
    if line.grouped() {
        let (head, names) = operation_list(line, common);
        let colon = if names.is_empty() { "" } else { ":" };
        let _ = writeln!(out, "    - {}{}{rust} — {head}{colon}", line.place(), line.summary);
        out.push_str(&wrap(&names, "        ", 92));
    } else {
        let op = line.operations.first().map(|o| format!("{o}: ")).unwrap_or_default();
        let _ = writeln!(out, "    - {op}{}{}{rust}", line.place(), line.summary);
    }
}
