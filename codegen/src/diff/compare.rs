//! Two [`ProductSurface`]s → the list of changes between them. Things are matched by wire name
//! (operations by action, members by wire name, values by spelling, errors by code), never by
//! position; an unmatched pair that differs only in letter case (or a plural of the same type) is
//! taken as a rename. Each change is classified where it is found ([`classify::change`]).

use super::classify::{self, Ctx};
use super::report::{Change, ChangeKind as K, Direction, Part};
use super::surface::*;
use std::collections::{BTreeMap, BTreeSet};

/// Changes found, split into API changes and documentation-only changes.
#[derive(Debug, Default)]
pub struct Found {
    /// Everything but documentation.
    pub changes: Vec<Change>,
    /// Documentation-only changes.
    pub docs: Vec<Change>,
}

impl Found {
    fn push(&mut self, op: Option<&str>, part: Part, path: &str, kind: K, ctx: &Ctx) {
        let c = classify::change(op, part, path, kind, ctx);
        if matches!(c.kind, K::Docs { .. }) {
            self.docs.push(c);
        } else {
            self.changes.push(c);
        }
    }

    fn docs(&mut self, op: Option<&str>, part: Part, path: &str, old: &Docs, new: &Docs) {
        let labels: BTreeSet<&&str> = old.keys().chain(new.keys()).collect();
        let texts: Vec<String> =
            labels.into_iter().filter(|l| old.get(**l) != new.get(**l)).map(|l| l.to_string()).collect();
        if texts.is_empty() {
            return;
        }
        // One change per place: a field and the type it introduces share their description.
        let same_place = |c: &&mut Change| c.operation.as_deref() == op && c.part == part && c.path == path;
        if let Some(existing) = self.docs.iter_mut().find(same_place) {
            if let K::Docs { texts: known } = &existing.kind {
                let mut all = known.clone();
                all.extend(texts);
                all.sort();
                all.dedup();
                *existing = classify::change(op, part, path, K::Docs { texts: all }, &Ctx::default());
            }
            return;
        }
        self.push(op, part, path, K::Docs { texts }, &Ctx::default());
    }
}

/// Every change from `old` to `new` (one product).
pub fn products(old: &ProductSurface, new: &ProductSurface) -> Found {
    let mut found = Found::default();
    let product_ctx = Ctx { owner: "Client".into(), ..Ctx::default() };
    if old.module != new.module {
        let kind = K::ModuleRenamed { from: old.module.clone(), to: new.module.clone() };
        found.push(None, Part::Product, "", kind, &product_ctx);
    }
    endpoints(old, new, &mut found);

    let (pairs, removed, added) = match_names(
        old.operations.keys().map(String::as_str).collect(),
        new.operations.keys().map(String::as_str).collect(),
        |_, _| false,
    );
    for action in removed {
        let op = &old.operations[action];
        let ctx = Ctx { rust: Some(op.rust.method.clone()), ..product_ctx.clone() };
        found.push(Some(action), Part::Operation, "", K::OperationRemoved, &ctx);
    }
    for action in added {
        let op = &new.operations[action];
        let ctx = Ctx { rust: Some(op.rust.method.clone()), ..product_ctx.clone() };
        found.push(Some(action), Part::Operation, "", K::OperationAdded, &ctx);
    }
    for (o, n) in pairs {
        operation(&old.operations[o], &new.operations[n], &mut found);
    }
    found
}

fn endpoints(old: &ProductSurface, new: &ProductSurface, found: &mut Found) {
    let ctx = Ctx::default();
    if old.endpoint_prefix != new.endpoint_prefix {
        let kind = K::EndpointPrefixChanged { from: old.endpoint_prefix.clone(), to: new.endpoint_prefix.clone() };
        found.push(None, Part::Product, "", kind, &ctx);
    }
    let regions: BTreeSet<&String> = old.endpoints.keys().chain(new.endpoints.keys()).collect();
    for region in regions {
        let kind = match (old.endpoints.get(region), new.endpoints.get(region)) {
            (Some(a), Some(b)) if a == b => continue,
            (Some(a), Some(b)) => K::EndpointChanged { from: a.clone(), to: b.clone() },
            (None, Some(b)) => K::EndpointAdded { host: b.clone(), before: old.default_host(region) },
            (Some(a), None) => K::EndpointRemoved { host: a.clone(), after: new.default_host(region) },
            (None, None) => continue,
        };
        found.push(None, Part::Product, region, kind, &ctx);
    }
}

/// Pairs names found on both sides, then renames among the rest (letter case only, or what
/// `similar` accepts); returns (pairs as (old, new)), removed, added), each sorted.
fn match_names<'a>(
    old: Vec<&'a str>,
    new: Vec<&'a str>,
    similar: impl Fn(&str, &str) -> bool,
) -> (Vec<(&'a str, &'a str)>, Vec<&'a str>, Vec<&'a str>) {
    let new_set: BTreeSet<&str> = new.iter().copied().collect();
    let old_set: BTreeSet<&str> = old.iter().copied().collect();
    let mut pairs: Vec<(&str, &str)> = old.iter().filter(|o| new_set.contains(*o)).map(|o| (*o, *o)).collect();
    let mut removed: Vec<&str> = old.iter().copied().filter(|o| !new_set.contains(o)).collect();
    let mut added: Vec<&str> = new.iter().copied().filter(|n| !old_set.contains(n)).collect();
    // A rename is taken only when it is the one candidate on both sides.
    for pass in 0..2 {
        let fits = |a: &str, b: &str| {
            if pass == 0 {
                a.eq_ignore_ascii_case(b)
            } else {
                similar(a, b)
            }
        };
        let mut renamed = Vec::new();
        for o in &removed {
            let candidates: Vec<&str> = added.iter().copied().filter(|n| fits(o, n)).collect();
            if let [n] = candidates.as_slice() {
                if removed.iter().filter(|x| fits(x, n)).count() == 1 {
                    renamed.push((*o, *n));
                }
            }
        }
        removed.retain(|o| !renamed.iter().any(|(r, _)| r == o));
        added.retain(|n| !renamed.iter().any(|(_, a)| a == n));
        pairs.extend(renamed);
    }
    pairs.sort();
    removed.sort();
    added.sort();
    (pairs, removed, added)
}

fn operation(old: &OperationSurface, new: &OperationSurface, found: &mut Found) {
    let op = Some(new.action.as_str());
    let client = Ctx { owner: "Client".into(), rust: Some(new.rust.method.clone()), ..Ctx::default() };
    let (a, b) = (&old.rust, &new.rust);
    let names = [
        ("module", &a.module, &b.module),
        ("client method", &a.method, &b.method),
        ("request type", &a.request, &b.request),
        ("builder type", &a.builder, &b.builder),
        ("response type", &a.response, &b.response),
        ("error type", &a.error, &b.error),
    ];
    if old.action != new.action {
        let renames: Vec<String> =
            names.iter().filter(|(_, x, y)| x != y).map(|(item, x, y)| format!("{item} `{x}` is now `{y}`")).collect();
        let kind = K::OperationRenamed { from: old.action.clone(), to: new.action.clone() };
        found.push(op, Part::Operation, "", kind, &Ctx { renames, ..client.clone() });
    } else {
        for (item, x, y) in names {
            if x != y {
                let kind = K::RustRenamed { item: item.into(), from: x.clone(), to: y.clone() };
                found.push(op, Part::Operation, "", kind, &client);
            }
        }
    }
    match (&a.paginator, &b.paginator) {
        (None, Some(m)) => found.push(op, Part::Operation, "", K::PaginatorAdded { method: m.clone() }, &client),
        (Some(m), None) => found.push(op, Part::Operation, "", K::PaginatorRemoved { method: m.clone() }, &client),
        (Some(x), Some(y)) if x != y => {
            let kind = K::RustRenamed { item: "paginator method".into(), from: x.clone(), to: y.clone() };
            found.push(op, Part::Operation, "", kind, &client);
        }
        _ => {}
    }
    if old.deprecated != new.deprecated {
        found.push(op, Part::Operation, "", K::OperationDeprecated { deprecated: new.deprecated }, &client);
    }
    if old.http != new.http {
        found.push(op, Part::Operation, "", K::HttpChanged { from: old.http.clone(), to: new.http.clone() }, &client);
    }
    if old.client_token != new.client_token {
        let kind = K::ClientTokenChanged { from: old.client_token.clone(), to: new.client_token.clone() };
        found.push(op, Part::Operation, "", kind, &client);
    }
    found.docs(op, Part::Operation, "", &old.docs, &new.docs);

    let request = Owner {
        part: Part::Request,
        rust: b.request.clone(),
        setters: Some(b.builder.clone()),
        non_exhaustive: new.non_exhaustive,
    };
    members(op, &request, "", &old.request, &new.request, found);

    let response =
        Owner { part: Part::Response, rust: b.response.clone(), setters: None, non_exhaustive: new.non_exhaustive };
    if !old.response.is_empty() && new.response.is_empty() {
        let fields = old.response.iter().map(|m| m.wire.clone()).collect();
        let ctx = Ctx { owner: b.response.clone(), ..Ctx::default() };
        found.push(op, Part::Response, "", K::ResponseEmptied { fields }, &ctx);
    } else {
        members(op, &response, "", &old.response, &new.response, found);
    }
    errors(op, &b.error, &old.errors, &new.errors, found);
}

fn errors(op: Option<&str>, owner: &str, old: &ErrorSet, new: &ErrorSet, found: &mut Found) {
    let ctx = Ctx { owner: owner.to_string(), non_exhaustive: new.non_exhaustive, ..Ctx::default() };
    if !old.codes.is_empty() && new.codes.is_empty() {
        let codes = old.codes.iter().map(|c| c.code.clone()).collect();
        found.push(op, Part::Errors, "", K::ErrorsEmptied { codes }, &ctx);
        return;
    }
    let old_by: BTreeMap<&str, &ErrorCode> = old.codes.iter().map(|c| (c.code.as_str(), c)).collect();
    let new_by: BTreeMap<&str, &ErrorCode> = new.codes.iter().map(|c| (c.code.as_str(), c)).collect();
    for (code, o) in &old_by {
        match new_by.get(code) {
            None => found.push(op, Part::Errors, code, K::ErrorRemoved { variant: o.variant.clone() }, &ctx),
            Some(n) => {
                if o.variant != n.variant {
                    let kind =
                        K::RustRenamed { item: "variant".into(), from: o.variant.clone(), to: n.variant.clone() };
                    found.push(op, Part::Errors, code, kind, &ctx);
                }
                found.docs(op, Part::Errors, code, &o.docs, &n.docs);
            }
        }
    }
    for (code, n) in &new_by {
        if !old_by.contains_key(code) {
            found.push(op, Part::Errors, code, K::ErrorAdded { variant: n.variant.clone() }, &ctx);
        }
    }
}

/// The type members belong to.
struct Owner {
    part: Part,
    /// Rust path of the type.
    rust: String,
    /// The type holding their setters (none on output types).
    setters: Option<String>,
    non_exhaustive: bool,
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}.{name}")
    }
}

/// Same wire type, and for structs the same field names: what a rename must keep.
fn same_shape(a: &Shape, b: &Shape) -> bool {
    let fields = |s: &Shape| -> Option<BTreeSet<String>> {
        let mut s = s;
        while let Shape::List { item, .. } = s {
            s = item;
        }
        match s {
            Shape::Struct(st) => Some(st.fields.iter().map(|f| f.wire.clone()).collect()),
            _ => None,
        }
    };
    a.wire_type() == b.wire_type() && fields(a) == fields(b)
}

/// A plural of the other name (`Tags` and `Tag`).
fn plural_of(a: &str, b: &str) -> bool {
    a.strip_suffix('s') == Some(b) || b.strip_suffix('s') == Some(a)
}

fn members(op: Option<&str>, owner: &Owner, prefix: &str, old: &[Member], new: &[Member], found: &mut Found) {
    let old_by: BTreeMap<&str, &Member> = old.iter().map(|m| (m.wire.as_str(), m)).collect();
    let new_by: BTreeMap<&str, &Member> = new.iter().map(|m| (m.wire.as_str(), m)).collect();
    let (pairs, removed, added) =
        match_names(old_by.keys().copied().collect(), new_by.keys().copied().collect(), |a, b| {
            plural_of(a, b) && same_shape(&old_by[a].shape, &new_by[b].shape)
        });
    let ctx_of = |m: &Member| Ctx {
        owner: owner.rust.clone(),
        setter_owner: owner.setters.clone(),
        rust: Some(m.rust.clone()),
        setters: if owner.setters.is_some() { m.setters.clone() } else { Vec::new() },
        checked: false,
        non_exhaustive: owner.non_exhaustive,
        renames: Vec::new(),
    };
    for wire in removed {
        let m = old_by[wire];
        let kind = K::MemberRemoved { wire_type: m.shape.wire_type() };
        found.push(op, owner.part, &join(prefix, wire), kind, &ctx_of(m));
    }
    for wire in added {
        let m = new_by[wire];
        let kind = K::MemberAdded { required: m.required, wire_type: m.shape.wire_type() };
        found.push(op, owner.part, &join(prefix, wire), kind, &ctx_of(m));
    }
    for (o, n) in pairs {
        member(op, owner, &join(prefix, n), old_by[o], new_by[n], found);
    }
}

fn member(op: Option<&str>, owner: &Owner, path: &str, old: &Member, new: &Member, found: &mut Found) {
    let ctx = Ctx {
        owner: owner.rust.clone(),
        setter_owner: owner.setters.clone(),
        rust: Some(new.rust.clone()),
        setters: if owner.setters.is_some() { new.setters.clone() } else { Vec::new() },
        checked: false,
        non_exhaustive: owner.non_exhaustive,
        renames: Vec::new(),
    };
    let part = owner.part;
    if old.wire != new.wire {
        let mut renames = Vec::new();
        if old.rust != new.rust {
            renames.push(format!("field `{}::{}` is now `{}`", owner.rust, old.rust, new.rust));
        }
        if owner.setters.is_some() && old.setters != new.setters {
            let list = |s: &[String]| s.iter().map(|x| format!("`{x}`")).collect::<Vec<_>>().join(", ");
            renames.push(format!("setters {} are now {}", list(&old.setters), list(&new.setters)));
        }
        let kind = K::MemberRenamed {
            from: old.wire.clone(),
            to: new.wire.clone(),
            case_only: old.wire.eq_ignore_ascii_case(&new.wire),
        };
        found.push(op, part, path, kind, &Ctx { renames, ..ctx.clone() });
    } else {
        if old.rust != new.rust {
            let kind = K::RustRenamed { item: "field".into(), from: old.rust.clone(), to: new.rust.clone() };
            found.push(op, part, path, kind, &ctx);
        }
        if owner.setters.is_some() && old.setters != new.setters {
            let kind =
                K::RustRenamed { item: "setters".into(), from: old.setters.join(", "), to: new.setters.join(", ") };
            found.push(op, part, path, kind, &ctx);
        }
    }
    if old.placement != new.placement {
        let show =
            |p: &Option<Placement>| p.map_or_else(|| "none".to_string(), |p| format!("{}, {}", p.location, p.style));
        let kind = K::PlacementChanged { from: show(&old.placement), to: show(&new.placement) };
        found.push(op, part, path, kind, &ctx);
    }
    if old.required != new.required {
        found.push(op, part, path, K::RequiredChanged { required: new.required }, &ctx);
    }
    if old.deprecated != new.deprecated {
        found.push(op, part, path, K::MemberDeprecated { deprecated: new.deprecated }, &ctx);
    }
    if old.secret != new.secret {
        found.push(op, part, path, K::SecretChanged { secret: new.secret }, &ctx);
    }
    found.docs(op, part, path, &old.docs, &new.docs);
    shape(op, owner, path, &old.shape, &new.shape, &ctx, found);
}

fn shape(op: Option<&str>, owner: &Owner, path: &str, old: &Shape, new: &Shape, ctx: &Ctx, found: &mut Found) {
    let part = owner.part;
    let checked = Ctx { checked: true, ..ctx.clone() };
    let at = At { op, part, path, ctx: &checked };
    match (old, new) {
        (Shape::Text(a), Shape::Text(b)) => at.text_rules(found, a, b),
        (Shape::Integer { bits: x, rules: a }, Shape::Integer { bits: y, rules: b }) if x == y => {
            at.number_rules(found, a, b)
        }
        (Shape::Float(a), Shape::Float(b)) => at.number_rules(found, a, b),
        (Shape::Boolean, Shape::Boolean) | (Shape::Json, Shape::Json) | (Shape::Bytes, Shape::Bytes) => {}
        (
            Shape::List { item: a, min_items: x0, max_items: x1 },
            Shape::List { item: b, min_items: y0, max_items: y1 },
        ) => {
            at.counts(found, "minItems", *x0, *y0, true);
            at.counts(found, "maxItems", *x1, *y1, false);
            shape(op, owner, &format!("{path}[]"), a, b, ctx, found);
        }
        (Shape::Map { value: a }, Shape::Map { value: b }) => {
            shape(op, owner, &format!("{path}{{}}"), a, b, ctx, found)
        }
        (Shape::Struct(a), Shape::Struct(b)) => {
            if a.rust != b.rust {
                let kind = K::RustRenamed { item: "type".into(), from: a.rust.clone(), to: b.rust.clone() };
                found.push(op, part, path, kind, ctx);
            }
            found.docs(op, part, path, &a.docs, &b.docs);
            let inner = Owner {
                part,
                rust: b.rust.clone(),
                setters: owner.setters.as_ref().map(|_| b.rust.clone()),
                non_exhaustive: b.non_exhaustive,
            };
            members(op, &inner, path, &a.fields, &b.fields, found);
        }
        (Shape::Enum(a), Shape::Enum(b)) => enums(op, part, path, a, b, ctx, found),
        _ => {
            let kind = K::TypeChanged {
                from: old.wire_type(),
                to: new.wire_type(),
                rust_from: old.rust_type(),
                rust_to: new.rust_type(),
            };
            found.push(op, part, path, kind, ctx);
        }
    }
}

fn enums(op: Option<&str>, part: Part, path: &str, a: &EnumShape, b: &EnumShape, ctx: &Ctx, found: &mut Found) {
    if a.rust != b.rust {
        let kind = K::RustRenamed { item: "type".into(), from: a.rust.clone(), to: b.rust.clone() };
        found.push(op, part, path, kind, ctx);
    }
    found.docs(op, part, path, &a.docs, &b.docs);
    let vctx = Ctx { owner: b.rust.clone(), checked: b.checked, non_exhaustive: b.non_exhaustive, ..Ctx::default() };
    let old_by: BTreeMap<&str, &EnumValue> = a.values.iter().map(|v| (v.wire.as_str(), v)).collect();
    let new_by: BTreeMap<&str, &EnumValue> = b.values.iter().map(|v| (v.wire.as_str(), v)).collect();
    for (wire, v) in &old_by {
        match new_by.get(wire) {
            None => {
                let kept = b.values.iter().any(|n| n.rust == v.rust);
                let kind =
                    K::ValueRemoved { value: wire.to_string(), variant: Some(v.rust.clone()), variant_kept: kept };
                found.push(op, part, path, kind, &vctx);
            }
            Some(n) => {
                if n.rust != v.rust {
                    let kind = K::RustRenamed { item: "variant".into(), from: v.rust.clone(), to: n.rust.clone() };
                    found.push(op, part, path, kind, &Ctx { owner: b.rust.clone(), ..Ctx::default() });
                }
                found.docs(op, part, &format!("{path}={wire}"), &v.docs, &n.docs);
            }
        }
    }
    for (wire, v) in &new_by {
        if !old_by.contains_key(wire) {
            found.push(op, part, path, K::ValueAdded { value: wire.to_string(), variant: Some(v.rust.clone()) }, &vctx);
        }
    }
}

/// Where constraint changes are found, and what classifies them.
struct At<'a> {
    op: Option<&'a str>,
    part: Part,
    path: &'a str,
    ctx: &'a Ctx,
}

impl At<'_> {
    fn constraint(
        &self,
        found: &mut Found,
        name: &str,
        from: Option<String>,
        to: Option<String>,
        direction: Direction,
    ) {
        let kind = K::ConstraintChanged { constraint: name.into(), from, to, direction };
        found.push(self.op, self.part, self.path, kind, self.ctx);
    }

    /// A count limit: `lower` limits (minLength, minItems) tighten upwards, upper ones downwards.
    fn counts(&self, found: &mut Found, name: &str, a: Option<u64>, b: Option<u64>, lower: bool) {
        let direction = match (a, b) {
            (x, y) if x == y => return,
            (None, Some(_)) => Direction::Tightened,
            (Some(_), None) => Direction::Loosened,
            (Some(x), Some(y)) if (y > x) == lower => Direction::Tightened,
            _ => Direction::Loosened,
        };
        self.constraint(found, name, a.map(|v| v.to_string()), b.map(|v| v.to_string()), direction);
    }

    fn text_rules(&self, found: &mut Found, a: &TextRules, b: &TextRules) {
        self.counts(found, "minLength", a.min_length, b.min_length, true);
        self.counts(found, "maxLength", a.max_length, b.max_length, false);
        if a.pattern != b.pattern {
            let direction = match (&a.pattern, &b.pattern) {
                (None, _) => Direction::Tightened,
                (_, None) => Direction::Loosened,
                _ => Direction::Changed,
            };
            self.constraint(found, "pattern", a.pattern.clone(), b.pattern.clone(), direction);
        }
        self.lists(found, "x-forbiddenPrefixes", &a.forbidden_prefixes, &b.forbidden_prefixes);
        self.lists(found, "x-forbiddenSubstrings", &a.forbidden_substrings, &b.forbidden_substrings);
    }

    /// A list of forbidden things: more entries refuse more.
    fn lists(&self, found: &mut Found, name: &str, a: &[String], b: &[String]) {
        let (x, y): (BTreeSet<&String>, BTreeSet<&String>) = (a.iter().collect(), b.iter().collect());
        if x == y {
            return;
        }
        let direction = if x.is_subset(&y) {
            Direction::Tightened
        } else if y.is_subset(&x) {
            Direction::Loosened
        } else {
            Direction::Changed
        };
        let show = |s: &BTreeSet<&String>| {
            (!s.is_empty()).then(|| s.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", "))
        };
        self.constraint(found, name, show(&x), show(&y), direction);
    }

    fn number_rules(&self, found: &mut Found, a: &NumberRules, b: &NumberRules) {
        for (name, x, y, lower) in [("minimum", a.minimum, b.minimum, true), ("maximum", a.maximum, b.maximum, false)] {
            let direction = match (x, y) {
                (None, None) => continue,
                (None, Some(_)) => Direction::Tightened,
                (Some(_), None) => Direction::Loosened,
                (Some(p), Some(q)) if p.value == q.value && p.exclusive == q.exclusive => continue,
                (Some(p), Some(q)) if p.value == q.value => {
                    if q.exclusive {
                        Direction::Tightened
                    } else {
                        Direction::Loosened
                    }
                }
                (Some(p), Some(q)) if (q.value > p.value) == lower => Direction::Tightened,
                _ => Direction::Loosened,
            };
            let show =
                |b: Option<Bound>| b.map(|b| format!("{}{}", b.value, if b.exclusive { " (exclusive)" } else { "" }));
            self.constraint(found, name, show(x), show(y), direction);
        }
        let show = |v: &[i64]| v.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
        match (a.values.is_empty(), b.values.is_empty()) {
            (true, true) => {}
            (true, false) => self.constraint(found, "enum", None, Some(show(&b.values)), Direction::Tightened),
            (false, true) => self.constraint(found, "enum", Some(show(&a.values)), None, Direction::Loosened),
            (false, false) => {
                for v in a.values.iter().filter(|v| !b.values.contains(v)) {
                    let kind = K::ValueRemoved { value: v.to_string(), variant: None, variant_kept: false };
                    found.push(self.op, self.part, self.path, kind, self.ctx);
                }
                for v in b.values.iter().filter(|v| !a.values.contains(v)) {
                    let kind = K::ValueAdded { value: v.to_string(), variant: None };
                    found.push(self.op, self.part, self.path, kind, self.ctx);
                }
            }
        }
    }
}
