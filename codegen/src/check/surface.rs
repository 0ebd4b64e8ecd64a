//! The type surface of a product: every nested object and value set met while checking its
//! operations, deduplicated structurally, named once for the whole product, and placed in the
//! module that emits it.
//!
//! While operations are checked, each object or value set is recorded as a raw shape with a
//! provisional name (`#12`, never a Rust identifier) and where it was met. [`Collector::finish`]
//! then:
//!
//! 1. merges raw shapes that are the same type under the same plain name: same fields (wire name,
//!    type, required, deprecated, constraints; order and documentation do not matter), or the same
//!    set of values. The plain name is the name the metadata gives it (a property, a `$ref`, a list
//!    in singular): `IngressRules` and `EgressRules` of one shape stay two types, so that each
//!    reads as what it is;
//! 2. names each distinct shape: when several distinct shapes want one plain name, the one users
//!    write (reachable from a request) used by the most operations gets it; a tie gives it to
//!    none. The others are named after their owner and field (`FlowLogTag`: the `Tag` items of a
//!    `FlowLog`'s `Tags` wrapper): the owner's plain name first, its final name if that is taken,
//!    and only a name still taken gets a counter;
//! 3. puts a shape used by several operations in the product's `types` module, any other in its
//!    operation's module;
//! 4. rewrites every provisional name into the final one.

use crate::model::*;
use crate::names::{self, Scope};
use std::collections::{BTreeMap, BTreeSet};

/// Which struct holds a field that holds a shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// The request or response of the operation.
    Root,
    /// Another raw shape.
    Shape(usize),
}

/// Where a raw shape was met.
#[derive(Debug, Clone)]
pub struct Site {
    /// The operation.
    pub action: String,
    /// Whether it was met under the request (else under the response).
    pub input: bool,
    /// The struct holding the field.
    pub owner: Owner,
    /// The plain name the metadata gives it (camel case: `$ref` name, property name, or list name
    /// in singular for list items).
    pub hint: String,
}

struct Raw {
    def: NamedType,
    site: Site,
}

/// Raw shapes of one product, in the order they were met.
#[derive(Default)]
pub struct Collector {
    raw: Vec<Raw>,
}

/// The provisional name of raw shape `id`.
fn provisional(id: usize) -> String {
    format!("#{id}")
}

fn provisional_id(name: &str) -> Option<usize> {
    name.strip_prefix('#')?.parse().ok()
}

impl Collector {
    /// Reserves a struct (fields come later, so that shapes keep the order they were met in);
    /// returns its provisional name.
    pub fn reserve_struct(&mut self, site: Site, docs: Docs) -> (usize, String) {
        let id = self.raw.len();
        let name = provisional(id);
        let role = if site.input { Role::Input } else { Role::Output };
        self.raw
            .push(Raw { def: NamedType::Struct(Struct { name: name.clone(), docs, role, fields: Vec::new() }), site });
        (id, name)
    }

    /// Sets the fields of a reserved struct.
    pub fn set_fields(&mut self, id: usize, fields: Vec<Field>) {
        if let NamedType::Struct(s) = &mut self.raw[id].def {
            s.fields = fields;
        }
    }

    /// Records a value set; returns its provisional name.
    pub fn add_enum(&mut self, site: Site, docs: Docs, variants: Vec<EnumVariant>) -> String {
        let id = self.raw.len();
        let name = provisional(id);
        let values: Vec<&str> = variants.iter().map(|v| v.value.as_str()).collect();
        let mut scope = Scope::default();
        let idents = names::assign(&values, names::Case::Camel, names::Convention::Pascal, &mut scope);
        let variants: Vec<EnumVariant> =
            variants.into_iter().zip(idents).map(|(v, ident)| EnumVariant { ident, ..v }).collect();
        let unknown_variant = scope.take("Unknown");
        self.raw
            .push(Raw { def: NamedType::Enum(ValueSet { name: name.clone(), docs, variants, unknown_variant }), site });
        name
    }

    /// The documented values of a value set (by provisional name), for checks of its field.
    pub fn values(&self, name: &str) -> Option<Vec<String>> {
        match &self.raw.get(provisional_id(name)?)?.def {
            NamedType::Enum(e) => Some(e.variants.iter().map(|v| v.value.clone()).collect()),
            NamedType::Struct(_) => None,
        }
    }

    /// Whether raw shape `id` is a wrapper: a struct whose one field is a list (`Tags: {Tag: [...]}`).
    fn is_wrapper(&self, id: usize) -> bool {
        matches!(&self.raw[id].def, NamedType::Struct(s) if matches!(s.fields.as_slice(), [f] if matches!(f.ty, Type::List(_))))
    }

    /// Merges, names and places the shapes, and rewrites provisional names in `operations`.
    /// `taken` holds the names already used in the product (operation types, reserved names).
    pub fn finish(self, operations: &mut [Operation], mut taken: Scope) -> Vec<Shape> {
        let n = self.raw.len();
        // 1. Classes of equal shapes, children first (a child is always met after its owner).
        let mut class_of = vec![usize::MAX; n];
        let mut keys: BTreeMap<String, usize> = BTreeMap::new();
        let mut members: Vec<Vec<usize>> = Vec::new();
        for id in (0..n).rev() {
            let key = format!("{} {}", self.raw[id].site.hint, self.key(id, &class_of));
            let next = members.len();
            let class = *keys.entry(key).or_insert(next);
            if class == next {
                members.push(Vec::new());
            }
            members[class].push(id);
            class_of[id] = class;
        }
        for m in &mut members {
            m.sort_unstable();
        }
        // Classes in the order their first member was met.
        let mut order: Vec<usize> = (0..members.len()).collect();
        order.sort_by_key(|&c| members[c][0]);

        // 2. Names.
        let hint_of = |c: usize| -> String { self.raw[members[c][0]].site.hint.clone() };
        let actions =
            |c: usize| -> BTreeSet<&str> { members[c].iter().map(|&id| self.raw[id].site.action.as_str()).collect() };
        let is_input = |c: usize| members[c].iter().any(|&id| self.raw[id].site.input);
        let mut by_hint: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for &c in &order {
            by_hint.entry(hint_of(c)).or_default().push(c);
        }
        let mut name_of: Vec<Option<(String, Naming)>> = vec![None; members.len()];
        let mut losers: Vec<usize> = Vec::new();
        for (hint, classes) in &by_hint {
            let winner = if let [only] = classes.as_slice() {
                Some(*only)
            } else {
                let inputs: Vec<usize> = classes.iter().copied().filter(|&c| is_input(c)).collect();
                let pool = if inputs.is_empty() { classes.clone() } else { inputs };
                let uses = |c: usize| actions(c).len();
                let best = pool.iter().map(|&c| uses(c)).max().unwrap_or(0);
                match pool.iter().filter(|&&c| uses(c) == best).collect::<Vec<_>>().as_slice() {
                    [only] => Some(**only),
                    _ => None,
                }
            };
            for &c in classes {
                if Some(c) == winner && !taken.is_taken(hint) {
                    name_of[c] = Some((taken.take(hint), Naming::Plain));
                } else {
                    losers.push(c);
                }
            }
        }
        losers.sort_by_key(|&c| members[c][0]);
        for c in losers {
            let plain = hint_of(c);
            let first = members[c][0];
            let site = &self.raw[first].site;
            let mut owner = site.owner;
            while let Owner::Shape(o) = owner {
                if !self.is_wrapper(o) {
                    break;
                }
                owner = self.raw[o].site.owner;
            }
            let owner_names = match owner {
                Owner::Root => {
                    let action = names::unraw(&names::camel(&site.action)).trim_end_matches('_').to_string();
                    vec![action]
                }
                Owner::Shape(o) => {
                    let plain = self.raw[o].site.hint.clone();
                    let last = name_of[class_of[o]].as_ref().map(|(n, _)| n.clone()).unwrap_or_default();
                    vec![plain, last]
                }
            };
            let roles: Vec<String> = owner_names.iter().map(|o| format!("{o}{}", site.hint)).collect();
            let (name, naming) = match roles.iter().find(|r| !taken.is_taken(r)) {
                Some(role) => (taken.take(role), Naming::Role { plain }),
                None => (taken.take(&roles[0]), Naming::Counter { plain }),
            };
            name_of[c] = Some((name, naming));
        }

        // 3 and 4. One shape per class, with final names everywhere.
        let final_name = |provisional_name: &str| -> Option<String> {
            let id = provisional_id(provisional_name)?;
            name_of[class_of[id]].as_ref().map(|(n, _)| n.clone())
        };
        for op in operations.iter_mut() {
            rename_fields(&mut op.request.fields, &final_name);
            rename_fields(&mut op.response.fields, &final_name);
        }
        let mut shapes: Vec<Shape> = order
            .iter()
            .map(|&c| {
                let first = members[c][0];
                let (name, naming) = name_of[c].clone().expect("every class is named");
                let used_by: Vec<String> = actions(c).into_iter().map(str::to_string).collect();
                let input = is_input(c);
                let output = members[c].iter().any(|&id| !self.raw[id].site.input);
                let home = match used_by.as_slice() {
                    [only] => Home::Operation(
                        operations.iter().find(|o| &o.action == only).map(|o| o.module.clone()).unwrap_or_default(),
                    ),
                    _ => Home::Shared,
                };
                let mut def = self.raw[first].def.clone();
                match &mut def {
                    NamedType::Struct(s) => {
                        s.name = name;
                        s.role = match (input, output) {
                            (true, true) => Role::Both,
                            (true, false) => Role::Input,
                            _ => Role::Output,
                        };
                        rename_fields(&mut s.fields, &final_name);
                    }
                    NamedType::Enum(e) => e.name = name,
                }
                Shape { def, home, operations: used_by, naming }
            })
            .collect();
        shapes.sort_by(|a, b| a.name().cmp(b.name()));
        shapes
    }

    /// What makes two raw shapes the same type; children's classes must be known.
    fn key(&self, id: usize, class_of: &[usize]) -> String {
        match &self.raw[id].def {
            NamedType::Enum(e) => {
                let mut values: Vec<&str> = e.variants.iter().map(|v| v.value.as_str()).collect();
                values.sort_unstable();
                format!("enum {values:?}")
            }
            NamedType::Struct(s) => {
                let mut fields: Vec<String> = s
                    .fields
                    .iter()
                    .map(|f| {
                        format!(
                            "{:?}:{}:{}:{}:{:?}",
                            f.wire,
                            type_key(&f.ty, class_of),
                            f.required,
                            f.deprecated,
                            f.constraints
                        )
                    })
                    .collect();
                fields.sort_unstable();
                format!("struct {}", fields.join(","))
            }
        }
    }
}

/// A type with provisional names replaced by class numbers.
fn type_key(ty: &Type, class_of: &[usize]) -> String {
    match ty {
        Type::Struct(n) | Type::Enum(n) => {
            format!("@{}", provisional_id(n).map_or(usize::MAX, |id| class_of[id]))
        }
        Type::List(inner) => format!("[{}]", type_key(inner, class_of)),
        Type::Map(inner) => format!("{{{}}}", type_key(inner, class_of)),
        other => format!("{other:?}"),
    }
}

fn rename_fields(fields: &mut [Field], final_name: &dyn Fn(&str) -> Option<String>) {
    for f in fields {
        rename_type(&mut f.ty, final_name);
    }
}

fn rename_type(ty: &mut Type, final_name: &dyn Fn(&str) -> Option<String>) {
    match ty {
        Type::Struct(n) | Type::Enum(n) => {
            if let Some(name) = final_name(n) {
                *n = name;
            }
        }
        Type::List(inner) | Type::Map(inner) => rename_type(inner, final_name),
        _ => {}
    }
}
