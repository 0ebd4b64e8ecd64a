//! What each change means for the generated Rust API: its impact, a one-line summary, and the Rust
//! items concerned. Also the verdict over many changes and the next version number.
//!
//! The rules follow from how the generated crate is built (see `docs/API_DIFF.md`):
//! - request, response and nested structs are `#[non_exhaustive]` with `Option`/`Vec` fields and
//!   `Default`: adding a field never breaks code, removing one or changing its type does;
//! - `required` is not in the types: `build()` checks it at run time, so a new required field (or
//!   one that becomes required) compiles and then fails in `build()`;
//! - value sets and error enums are `#[non_exhaustive]`: a new variant breaks no `match`, a removed
//!   one breaks code naming it;
//! - every other checked rule (lengths, ranges, patterns, item counts, value sets) is checked by
//!   `build()`: tightening one refuses values that passed, loosening one accepts more.

use super::report::{Bump, Change, ChangeKind, Direction, Impact, Part, Verdict};

/// What the walk knows about the Rust items around a change.
#[derive(Debug, Clone, Default)]
pub struct Ctx {
    /// The Rust type the member belongs to (`CreateFlowLogRequest`, `create_flow_log::Tag`, the
    /// error enum), or `Client` for operation-level changes.
    pub owner: String,
    /// The type holding the member's setters (the builder, or a nested input type itself).
    pub setter_owner: Option<String>,
    /// The member's Rust name (field, variant, method).
    pub rust: Option<String>,
    /// The member's setters.
    pub setters: Vec<String>,
    /// Whether `build()` validates the value.
    pub checked: bool,
    /// Whether the type concerned is `#[non_exhaustive]`.
    pub non_exhaustive: bool,
    /// Rust names that change with a rename (`UnTagResourcesRequest → UntagResourcesRequest`).
    pub renames: Vec<String>,
}

/// A complete change from its place, kind and context.
pub fn change(operation: Option<&str>, part: Part, path: &str, kind: ChangeKind, ctx: &Ctx) -> Change {
    let (impact, rust) = impact(part, &kind, ctx);
    Change {
        impact,
        operation: operation.map(str::to_string),
        part,
        path: path.to_string(),
        summary: summary(&kind),
        kind,
        rust,
    }
}

fn code(s: &str) -> String {
    format!("`{s}`")
}

fn field_items(ctx: &Ctx) -> String {
    let Some(field) = &ctx.rust else { return String::new() };
    let setters: &[String] = if ctx.setter_owner.is_some() { &ctx.setters } else { &[] };
    if ctx.setter_owner.as_deref() == Some(ctx.owner.as_str()) && setters == std::slice::from_ref(field) {
        return format!("field and setter `{}::{field}`", ctx.owner);
    }
    let mut items = vec![format!("field `{}::{field}`", ctx.owner)];
    if let Some(owner) = &ctx.setter_owner {
        for s in setters {
            items.push(format!("setter `{owner}::{s}`"));
        }
    }
    items.join(", ")
}

/// Impact and Rust consequence of one change.
fn impact(part: Part, kind: &ChangeKind, ctx: &Ctx) -> (Impact, String) {
    use ChangeKind as K;
    use Impact::*;
    let output = part == Part::Response;
    match kind {
        K::ProductAdded { .. } => (Additive, format!("new module {}", code(&ctx.owner))),
        K::ProductRemoved { .. } => (CompileBreaking, format!("module {} is gone", code(&ctx.owner))),
        K::ModuleRenamed { from, to } => (CompileBreaking, format!("module `{from}` is now `{to}`")),
        K::OperationAdded => (Additive, format!("new method `Client::{}` and its types", ctx.rust.as_deref().unwrap_or(""))),
        K::OperationRemoved => (
            CompileBreaking,
            format!("method `Client::{}` and its request, response and error types are gone", ctx.rust.as_deref().unwrap_or("")),
        ),
        K::OperationRenamed { .. } if ctx.renames.is_empty() => {
            (Compatible, "the Rust names stay; only the action sent on the wire changes".into())
        }
        K::OperationRenamed { .. } => (CompileBreaking, ctx.renames.join(", ")),
        K::OperationDeprecated { deprecated: true } => (
            Additive,
            format!("`Client::{}` gets `#[deprecated]`: a warning where it is called", ctx.rust.as_deref().unwrap_or("")),
        ),
        K::OperationDeprecated { deprecated: false } => (Compatible, "the `#[deprecated]` attribute is gone".into()),
        K::HttpChanged { .. } => (Compatible, "the request is sent differently; the Rust API is the same".into()),
        K::ClientTokenChanged { to: Some(t), .. } => {
            (Compatible, format!("the client fills `{t}` with a fresh token when unset, the same on every retry"))
        }
        K::ClientTokenChanged { to: None, .. } => (Compatible, "the client no longer fills an idempotency token".into()),
        K::PaginatorAdded { method } => (Additive, format!("new method `Client::{method}`")),
        K::PaginatorRemoved { method } => (CompileBreaking, format!("method `Client::{method}` is gone")),
        K::RustRenamed { item, from, to } if item == "setters" => {
            let old: Vec<&str> = from.split(", ").filter(|s| !s.is_empty()).collect();
            let new: Vec<&str> = to.split(", ").collect();
            let gone: Vec<String> = old.iter().filter(|s| !new.contains(s)).map(|s| code(s)).collect();
            let owner = ctx.setter_owner.as_deref().unwrap_or(&ctx.owner);
            if gone.is_empty() {
                (Additive, format!("new setter(s) on `{owner}`"))
            } else {
                (CompileBreaking, format!("setter(s) {} of `{owner}` are gone", gone.join(", ")))
            }
        }
        K::RustRenamed { item, from, to } => (CompileBreaking, format!("{item} `{from}` is now `{to}`")),
        K::MemberAdded { required: true, .. } if ctx.non_exhaustive => (
            RunTimeBreaking,
            format!(
                "new {}: `build()` refuses a request without it; code still compiles (`#[non_exhaustive]` type, `Option` field)",
                field_items(ctx)
            ),
        ),
        K::MemberAdded { .. } if ctx.non_exhaustive || output => (Additive, format!("new {}", field_items(ctx))),
        K::MemberAdded { .. } => {
            (CompileBreaking, format!("new field of `{}`, which is not `#[non_exhaustive]`: struct literals break", ctx.owner))
        }
        K::MemberRemoved { .. } => (CompileBreaking, format!("{} gone", field_items(ctx))),
        K::MemberRenamed { .. } if ctx.renames.is_empty() => {
            (Compatible, "the Rust names stay; only the name sent or read on the wire changes".into())
        }
        K::MemberRenamed { .. } => (CompileBreaking, ctx.renames.join(", ")),
        K::RequiredChanged { required: true } => (
            RunTimeBreaking,
            format!("{}: `build()` now refuses a request without it", field_items(ctx)),
        ),
        K::RequiredChanged { required: false } => (Additive, "`build()` no longer requires it".into()),
        K::TypeChanged { rust_from, rust_to, to, .. } => {
            let mut text = format!("{} is `{rust_from}`, now `{rust_to}`", field_items(ctx));
            if to == "string value set" && rust_from == "String" && !output {
                text.push_str(" (setter calls with text still compile; reading the field does not)");
            }
            (CompileBreaking, text)
        }
        K::PlacementChanged { .. } => (Compatible, "the value goes elsewhere on the wire; the Rust API is the same".into()),
        K::ConstraintChanged { direction: Direction::Loosened, .. } => {
            (Additive, "`build()` accepts values it refused before".into())
        }
        K::ConstraintChanged { direction: Direction::Tightened, .. } => {
            (RunTimeBreaking, "`build()` refuses values it accepted before".into())
        }
        K::ConstraintChanged { direction: Direction::Changed, .. } => {
            (RunTimeBreaking, "`build()` may refuse values it accepted before".into())
        }
        K::ValueAdded { variant: Some(v), .. } if ctx.non_exhaustive => {
            let mut text = format!("new variant `{}::{v}`; `match`es already have a wildcard arm (`#[non_exhaustive]`)", ctx.owner);
            if ctx.checked {
                text.push_str("; `build()` accepts the value");
            }
            (Additive, text)
        }
        K::ValueAdded { variant: Some(v), .. } => {
            (CompileBreaking, format!("new variant `{}::{v}` of an exhaustive enum: `match`es break", ctx.owner))
        }
        K::ValueAdded { variant: None, .. } => (Additive, "`build()` accepts the value".into()),
        K::ValueRemoved { variant: Some(v), variant_kept: false, .. } => {
            (CompileBreaking, format!("variant `{}::{v}` is gone", ctx.owner))
        }
        K::ValueRemoved { .. } if ctx.checked => (RunTimeBreaking, "`build()` refuses the value".into()),
        K::ValueRemoved { .. } => (Compatible, format!("the value now arrives as `{}`'s catch-all variant", ctx.owner)),
        K::MemberDeprecated { .. } => (Compatible, "a note in the field's documentation".into()),
        K::SecretChanged { secret } => (
            Compatible,
            if *secret { "validation reports no longer quote the value" } else { "validation reports quote the value" }.into(),
        ),
        K::ErrorAdded { variant } if ctx.non_exhaustive => (
            Additive,
            format!(
                "new variant `{}::{variant}`; the code arrived as `{}::Unhandled` before, so a match on it there stops matching",
                ctx.owner, ctx.owner
            ),
        ),
        K::ErrorAdded { variant } => {
            (CompileBreaking, format!("new variant `{}::{variant}` of an exhaustive enum: `match`es break", ctx.owner))
        }
        K::ErrorRemoved { variant } => (
            CompileBreaking,
            format!("variant `{}::{variant}` is gone; the code now arrives as `{}::Unhandled`", ctx.owner, ctx.owner),
        ),
        K::ResponseEmptied { fields } => {
            (CompileBreaking, format!("every field of `{}` is gone ({})", ctx.owner, fields.len()))
        }
        K::ErrorsEmptied { codes } => (
            CompileBreaking,
            format!("every documented variant of `{}` is gone ({}); codes arrive as `Unhandled`", ctx.owner, codes.len()),
        ),
        K::EndpointAdded { .. } | K::EndpointRemoved { .. } | K::EndpointChanged { .. } | K::EndpointPrefixChanged { .. } => {
            (Compatible, "where calls go; the Rust API is the same".into())
        }
        K::Docs { .. } => (Compatible, "documentation only".into()),
    }
}

fn opt(v: &Option<String>) -> String {
    v.as_deref().map_or_else(|| "none".to_string(), code)
}

/// What changed, without naming the operation (the same change in several operations reads the same).
fn summary(kind: &ChangeKind) -> String {
    use ChangeKind as K;
    match kind {
        K::ProductAdded { operations } => format!("product added ({operations} operations)"),
        K::ProductRemoved { operations } => format!("product removed ({operations} operations)"),
        K::ModuleRenamed { from, to } => format!("Rust module `{from}` → `{to}`"),
        K::OperationAdded => "operation added".into(),
        K::OperationRemoved => "operation removed".into(),
        K::OperationRenamed { from, to } => format!("operation renamed `{from}` → `{to}`"),
        K::OperationDeprecated { deprecated } => {
            if *deprecated { "marked deprecated" } else { "no longer deprecated" }.into()
        }
        K::HttpChanged { from, to } => format!("HTTP `{from}` → `{to}`"),
        K::ClientTokenChanged { from, to } => format!("idempotency token {} → {}", opt(from), opt(to)),
        K::PaginatorAdded { .. } => "paginator added".into(),
        K::PaginatorRemoved { .. } => "paginator removed (the response no longer has what paging needs)".into(),
        K::RustRenamed { item, from, to } => format!("Rust {item} `{from}` → `{to}`"),
        K::MemberAdded { required, wire_type } => {
            format!("added, {} {wire_type}", if *required { "required" } else { "optional" })
        }
        K::MemberRemoved { wire_type } => format!("removed ({wire_type})"),
        K::MemberRenamed { from, case_only, .. } => {
            format!("renamed from `{from}`{}", if *case_only { " (letter case only)" } else { "" })
        }
        K::RequiredChanged { required } => if *required { "now required" } else { "now optional" }.into(),
        K::TypeChanged { from, to, .. } => format!("type {from} → {to}"),
        K::PlacementChanged { from, to } => format!("moved on the wire: {from} → {to}"),
        K::ConstraintChanged { constraint, from, to, direction } => {
            let dir = match direction {
                Direction::Tightened => "tightened",
                Direction::Loosened => "loosened",
                Direction::Changed => "changed",
            };
            format!("`{constraint}` {} → {} ({dir})", opt(from), opt(to))
        }
        K::ValueAdded { value, .. } => format!("value `{value}` added"),
        K::ValueRemoved { value, .. } => format!("value `{value}` removed"),
        K::MemberDeprecated { deprecated } => {
            if *deprecated { "marked deprecated" } else { "no longer deprecated" }.into()
        }
        K::SecretChanged { secret } => if *secret { "marked secret" } else { "no longer secret" }.into(),
        K::ErrorAdded { .. } => "error code added".into(),
        K::ErrorRemoved { .. } => "error code removed".into(),
        K::ResponseEmptied { .. } => "every field removed (the new metadata documents no response body)".into(),
        K::ErrorsEmptied { .. } => "every error code removed (the new metadata documents none)".into(),
        K::EndpointAdded { host, before } if host == before => {
            format!("endpoint listed: `{host}` (the default host, where calls went already)")
        }
        K::EndpointAdded { host, before } => format!("endpoint added: `{host}` (calls went to `{before}`)"),
        K::EndpointRemoved { host, after } if host == after => {
            format!("endpoint unlisted: `{host}` (the default host, where calls still go)")
        }
        K::EndpointRemoved { host, after } => format!("endpoint removed: `{host}` (calls now go to `{after}`)"),
        K::EndpointChanged { from, to } => format!("endpoint `{from}` → `{to}`"),
        K::EndpointPrefixChanged { from, to } => format!("default host prefix `{from}` → `{to}`"),
        K::Docs { texts } => format!("documentation changed: {}", texts.join(", ")),
    }
}

/// The verdict over changes: the most severe impact, the bump it calls for and, given the current
/// version, the next one.
pub fn verdict<'a>(
    changes: impl IntoIterator<Item = &'a Change>,
    docs_changes: usize,
    current: Option<&semver::Version>,
) -> Verdict {
    let mut counts = super::report::ImpactCounts::default();
    let mut worst: Option<Impact> = None;
    for c in changes {
        counts.add(c.impact);
        worst = Some(worst.map_or(c.impact, |w| w.min(c.impact)));
    }
    counts.compatible += docs_changes;
    if docs_changes > 0 && worst.is_none() {
        worst = Some(Impact::Compatible);
    }
    finish(worst, counts, current)
}

/// A verdict from its counts.
pub fn finish(
    worst: Option<Impact>,
    counts: super::report::ImpactCounts,
    current: Option<&semver::Version>,
) -> Verdict {
    let bump = bump_for(worst);
    Verdict {
        impact: worst,
        bump,
        counts,
        current: current.map(ToString::to_string),
        next: current.map(|v| next_version(v, bump).to_string()),
    }
}

/// The bump an impact calls for.
pub fn bump_for(impact: Option<Impact>) -> Bump {
    match impact {
        None => Bump::None,
        Some(Impact::CompileBreaking | Impact::RunTimeBreaking) => Bump::Major,
        Some(Impact::Additive) => Bump::Minor,
        Some(Impact::Compatible) => Bump::Patch,
    }
}

/// The next version after `current` for `bump`, with Cargo's rules: in `0.y.z` (y > 0) the minor
/// number is the breaking one and additions bump the patch; in `0.0.z` every change is breaking and
/// bumps z. Pre-release and build metadata are dropped (the bump applies to the release numbers).
pub fn next_version(current: &semver::Version, bump: Bump) -> semver::Version {
    if bump == Bump::None {
        return current.clone();
    }
    let (ma, mi, pa) = (current.major, current.minor, current.patch);
    let (ma, mi, pa) = match (bump, ma, mi) {
        (Bump::None, ..) => (ma, mi, pa),
        (_, 0, 0) => (0, 0, pa + 1),
        (Bump::Major, 0, _) => (0, mi + 1, 0),
        (Bump::Minor | Bump::Patch, 0, _) => (0, mi, pa + 1),
        (Bump::Major, ..) => (ma + 1, 0, 0),
        (Bump::Minor, ..) => (ma, mi + 1, 0),
        (Bump::Patch, ..) => (ma, mi, pa + 1),
    };
    semver::Version::new(ma, mi, pa)
}
