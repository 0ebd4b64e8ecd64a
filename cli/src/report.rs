//! Metadata warnings on stderr: grouped by kind (ECS declares `RegionId` twice in 97 operations:
//! one group), and a summary line that says how to see more or fewer.

use crate::args::WarningMode;
use codegen::diag::{group, Diagnostic};
use std::collections::BTreeSet;
use std::io::Write;

/// Prints the warnings of `diagnostics` (errors are printed by the caller) as `mode` says.
pub fn warnings(out: &mut impl Write, diagnostics: &[Diagnostic], mode: WarningMode) {
    let warnings: Vec<Diagnostic> = diagnostics.iter().filter(|d| !d.is_error()).cloned().collect();
    if warnings.is_empty() || mode == WarningMode::None {
        return;
    }
    let groups = group(&warnings);
    match mode {
        WarningMode::Grouped => {
            for g in &groups {
                let _ = writeln!(out, "{g}\n");
            }
        }
        WarningMode::All => {
            for d in &warnings {
                let _ = writeln!(out, "{d}\n");
            }
        }
        WarningMode::Summary | WarningMode::None => {}
    }
    let _ = writeln!(out, "{}", summary(&warnings, groups.len(), mode));
}

/// `warning: 102 metadata warnings of 9 kinds in 1 file (-W all shows every one, -W none hides them)`.
fn summary(warnings: &[Diagnostic], kinds: usize, mode: WarningMode) -> String {
    let files: BTreeSet<_> = warnings.iter().map(|d| &d.file).collect();
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let hint = match mode {
        WarningMode::All => "-W grouped shows one per kind, -W none hides them",
        _ => "-W all shows every one, -W none hides them",
    };
    format!(
        "warning: {} of {} in {} ({hint})",
        plural(warnings.len(), "metadata warning", "metadata warnings"),
        plural(kinds, "kind", "kinds"),
        plural(files.len(), "file", "files"),
    )
}
