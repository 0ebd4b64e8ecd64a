//! The report for people (text for a terminal, Markdown for a pull request) and for tools (JSON).
//!
//! Text and Markdown show the same thing: per product, a headline with the verdict, the counts,
//! then the changes tier by tier (compile-breaking first). The same change in three operations or
//! more (a parameter added everywhere, every response emptied) is one line naming the operations;
//! Rust details are shown for breaking changes (JSON always has them). Documentation-only changes
//! are counted, and listed only when asked.

mod markdown;
mod text;

pub use markdown::markdown;
pub use text::text;

use super::report::{Change, Impact, Part, ProductDiff, ProductStatus, Report, Verdict};

/// The report as pretty-printed JSON (schema in `docs/API_DIFF.md`), with a final newline.
pub fn json(report: &Report) -> String {
    let mut text = serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}

/// The same change in at least this many operations is shown once.
const GROUP_MIN: usize = 3;

/// One line of a tier: a change in one operation (or the product), or the same change in several.
#[derive(Debug)]
struct Line<'a> {
    /// Operations concerned (empty for a product-level change).
    operations: Vec<&'a str>,
    part: Part,
    path: &'a str,
    summary: &'a str,
    /// The Rust detail, when all the changes of the line share it.
    rust: Option<&'a str>,
}

impl Line<'_> {
    /// `request \`Tag[].Key\``, `errors \`Code\``, or nothing for an operation or the product.
    fn place(&self) -> String {
        match (self.part, self.path.is_empty()) {
            (Part::Operation | Part::Product, true) => String::new(),
            (part, true) => format!("{}: ", part.label()),
            (Part::Operation, false) => String::new(),
            (Part::Product, false) => format!("region `{}`: ", self.path),
            (Part::Errors, false) => format!("error `{}`: ", self.path),
            (part, false) => format!("{} `{}`: ", part.label(), self.path),
        }
    }

    fn grouped(&self) -> bool {
        self.operations.len() > 1
    }
}

/// The lines of one tier: product-level lines, then grouped lines (most operations first), then
/// single changes by operation.
fn lines(changes: &[Change], impact: Impact) -> Vec<Line<'_>> {
    use std::collections::BTreeMap;
    let mut groups: BTreeMap<(Part, &str, &str), Vec<&Change>> = BTreeMap::new();
    let mut product = Vec::new();
    for c in changes.iter().filter(|c| c.impact == impact) {
        match &c.operation {
            None => product.push(Line {
                operations: Vec::new(),
                part: c.part,
                path: &c.path,
                summary: &c.summary,
                rust: Some(&c.rust),
            }),
            Some(_) => groups.entry((c.part, c.path.as_str(), c.summary.as_str())).or_default().push(c),
        }
    }
    let mut grouped = Vec::new();
    let mut single = Vec::new();
    for ((part, path, summary), members) in groups {
        let mut ops: Vec<&str> = members.iter().filter_map(|c| c.operation.as_deref()).collect();
        ops.dedup();
        let rust = members.iter().all(|c| c.rust == members[0].rust).then_some(members[0].rust.as_str());
        if ops.len() >= GROUP_MIN {
            grouped.push(Line { operations: ops, part, path, summary, rust });
        } else {
            for c in members {
                single.push(Line {
                    operations: c.operation.as_deref().into_iter().collect(),
                    part,
                    path,
                    summary,
                    rust: Some(&c.rust),
                });
            }
        }
    }
    grouped.sort_by(|a, b| {
        b.operations.len().cmp(&a.operations.len()).then((a.part, a.path, a.summary).cmp(&(b.part, b.path, b.summary)))
    });
    single.sort_by(|a, b| (&a.operations, a.part, a.path, a.summary).cmp(&(&b.operations, b.part, b.path, b.summary)));
    product.into_iter().chain(grouped).chain(single).collect()
}

/// `compile-breaking: major bump (0.1.0 → 0.2.0)`, or `no change`.
fn verdict_text(v: &Verdict) -> String {
    let Some(impact) = v.impact else {
        return match &v.current {
            Some(c) => format!("no change (version {c} stays)"),
            None => "no change".into(),
        };
    };
    let bump = match v.bump {
        super::Bump::Major => "major",
        super::Bump::Minor => "minor",
        super::Bump::Patch => "patch",
        super::Bump::None => "no",
    };
    match (&v.current, &v.next) {
        (Some(c), Some(n)) => format!("{}: {bump} bump ({c} → {n})", impact.label()),
        _ => format!("{}: {bump} bump", impact.label()),
    }
}

/// `Vpc 2016-04-28` (`2016-04-28 → 2025-01-01` when two versions were compared).
fn title(p: &ProductDiff) -> String {
    match &p.old_version {
        Some(old) => format!("{} {old} → {}", p.product, p.version),
        None => format!("{} {}", p.product, p.version),
    }
}

/// What the status line says beyond counts, for one-sided and refused products.
fn status_note(p: &ProductDiff) -> Option<String> {
    match &p.status {
        ProductStatus::Compared => None,
        ProductStatus::Added { old_refused: None } => Some("new product".into()),
        ProductStatus::Added { old_refused: Some(r) } => {
            Some(format!("new in the generated crate: the generator refused the old file ({r})"))
        }
        ProductStatus::Removed { new_refused: None } => Some("product removed".into()),
        ProductStatus::Removed { new_refused: Some(r) } => {
            Some(format!("gone from the generated crate: the generator refuses the new file ({r})"))
        }
        ProductStatus::Refused { old, new } => Some(format!(
            "refused by the generator on both sides (old: {old}; new: {new}): nothing is generated either way"
        )),
    }
}

/// `381 → 394 operations: 13 added, 0 removed, 370 changed`.
fn operations_text(p: &ProductDiff) -> String {
    let o = &p.operations;
    format!("operations {} → {}: {} added, {} removed, {} changed", o.before, o.after, o.added, o.removed, o.changed)
}

/// `2 compile-breaking, 1 additive; 40 documentation changes`.
fn counts_text(p: &ProductDiff) -> String {
    let c = &p.verdict.counts;
    let mut parts: Vec<String> = Impact::ALL
        .iter()
        .map(|i| {
            let n = if *i == Impact::Compatible { c.get(*i) - p.docs_changes } else { c.get(*i) };
            (i, n)
        })
        .filter(|(_, n)| *n > 0)
        .map(|(i, n)| format!("{n} {}", i.label()))
        .collect();
    if parts.is_empty() {
        parts.push("no API change".into());
    }
    let mut text = format!("changes: {}", parts.join(", "));
    if p.docs_changes > 0 {
        text.push_str(&format!("; {} documentation-only", p.docs_changes));
    }
    text
}

/// Names joined with `, ` and wrapped at `width` columns, each line after the first indented.
fn wrap(names: &[&str], indent: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for (i, n) in names.iter().enumerate() {
        let piece = if i + 1 < names.len() { format!("{n},") } else { n.to_string() };
        if !line.is_empty() && line.len() + 1 + piece.len() > width {
            out.push_str(indent);
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&piece);
    }
    if !line.is_empty() {
        out.push_str(indent);
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// How a grouped line names its operations: `27 operations` and the names, or, when it hits most
/// of the operations on both sides, `every operation on both sides but 16` and the few it misses.
fn operation_list<'a>(line: &Line<'a>, common: &'a [String]) -> (String, Vec<&'a str>) {
    let n = line.operations.len();
    let all_common = line.operations.iter().all(|o| common.iter().any(|c| c == o));
    if all_common && n * 2 > common.len() {
        let missed: Vec<&str> = common.iter().map(String::as_str).filter(|c| !line.operations.contains(c)).collect();
        if missed.is_empty() {
            return (format!("every operation on both sides ({n})"), missed);
        }
        let but = if missed.len() == 1 { "this one".to_string() } else { format!("these {}", missed.len()) };
        return (format!("{n} operations: every operation on both sides but {but}"), missed);
    }
    (format!("{n} operations"), line.operations.clone())
}
