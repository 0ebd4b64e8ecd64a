//! Per field: which rules `build()` checks (and which documented constraints it cannot), and the
//! Rust names of a struct's fields and setters, chosen from all its wire names at once.

use crate::diag::Sink;
use crate::model::{CaseVariant, Constraints, DroppedRule, Field, Rule, Setter, Type};
use crate::names::{self, Case, Convention, Scope};
use std::collections::BTreeSet;

/// The rules of a sent value of type `ty`, and the documented constraints left unchecked (with
/// why). `values` are the documented values when `ty` is a value set; a text rule that one of them
/// breaks is contradictory metadata and is reported at `pointer`.
pub fn rules(
    ty: &Type,
    c: &Constraints,
    required: bool,
    values: Option<&[String]>,
    pointer: &str,
    sink: &mut Sink<'_>,
) -> (Vec<Rule>, Vec<DroppedRule>) {
    let mut rules = Vec::new();
    let mut dropped = Vec::new();
    if c.secret {
        rules.push(Rule::Secret);
    }
    if required {
        if matches!(ty, Type::Map(_)) {
            dropped.push(DroppedRule {
                rule: "required".into(),
                reason: "a map goes on the wire as one parameter per entry, so an empty map is simply not sent; the service reports it".into(),
            });
        } else {
            rules.push(Rule::Required);
        }
    }
    value_rules(ty, c, values, pointer, sink, &mut rules, &mut dropped);
    (rules, dropped)
}

/// Text rules: what limits free text.
fn text_rules(c: &Constraints) -> Vec<Rule> {
    let mut rules = Vec::new();
    if c.min_length.is_some() || c.max_length.is_some() {
        rules.push(Rule::Length { min: c.min_length, max: c.max_length });
    }
    if let Some(p) = &c.pattern {
        rules.push(Rule::Pattern(p.clone()));
    }
    if !c.forbidden_prefixes.is_empty() {
        rules.push(Rule::NotStartsWith(c.forbidden_prefixes.clone()));
    }
    if !c.forbidden_substrings.is_empty() {
        rules.push(Rule::NotContains(c.forbidden_substrings.clone()));
    }
    rules
}

fn value_rules(
    ty: &Type,
    c: &Constraints,
    values: Option<&[String]>,
    pointer: &str,
    sink: &mut Sink<'_>,
    rules: &mut Vec<Rule>,
    dropped: &mut Vec<DroppedRule>,
) {
    match ty {
        Type::String => rules.extend(text_rules(c)),
        Type::Enum(_) => {
            let text = text_rules(c);
            if !text.is_empty() {
                let broken: Vec<&String> =
                    values.unwrap_or_default().iter().filter(|v| !text.iter().all(|r| text_rule_holds(r, v))).collect();
                if let Some(first) = broken.first() {
                    sink.warning(
                        pointer,
                        format!(
                            "the documented value `{}` breaks the field's own length, pattern or prefix rules; they are not checked",
                            first.escape_debug()
                        ),
                        Some("correct the value set or the rule".into()),
                    );
                }
                for r in &text {
                    dropped.push(DroppedRule {
                        rule: r.describe(),
                        reason: if broken.is_empty() {
                            "every documented value satisfies it, and other values are refused as unknown".into()
                        } else {
                            "a documented value breaks it, so the metadata contradicts itself".into()
                        },
                    });
                }
            }
        }
        _ => {}
    }
    if !c.int_values.is_empty() {
        rules.push(Rule::OneOf(c.int_values.clone()));
    }
    if c.minimum.is_some() || c.maximum.is_some() {
        rules.push(Rule::Range { min: c.minimum, max: c.maximum, float: matches!(ty, Type::Float) });
    }
    if c.min_items.is_some() || c.max_items.is_some() {
        rules.push(Rule::Items { min: c.min_items, max: c.max_items });
    }
    match ty {
        Type::Enum(_) => rules.push(Rule::Known),
        Type::Struct(_) => rules.push(Rule::Nested),
        Type::List(inner) => {
            let empty = Constraints::default();
            let item_c = c.items.as_deref().unwrap_or(&empty);
            match inner.as_ref() {
                Type::Struct(_) => rules.push(Rule::Nested),
                Type::List(_) | Type::Map(_) => {
                    if !item_c.is_empty() {
                        dropped.push(DroppedRule {
                            rule: "constraints on the items of inner lists or maps".into(),
                            reason: "only one level of list items is checked".into(),
                        });
                    }
                }
                other => {
                    let mut inner_rules = Vec::new();
                    value_rules(other, item_c, values, pointer, sink, &mut inner_rules, dropped);
                    if !inner_rules.is_empty() {
                        rules.push(Rule::Each(inner_rules));
                    }
                }
            }
        }
        _ => {}
    }
}

/// Whether a documented value passes a text rule.
fn text_rule_holds(rule: &Rule, value: &str) -> bool {
    match rule {
        Rule::Length { min, max } => {
            let n = value.chars().count() as u64;
            min.map_or(true, |m| n >= m) && max.map_or(true, |m| n <= m)
        }
        Rule::Pattern(p) => regex::Regex::new(p).map(|r| r.is_match(value)).unwrap_or(true),
        Rule::NotStartsWith(list) => !list.iter().any(|p| value.starts_with(p.as_str())),
        Rule::NotContains(list) => !list.iter().any(|p| value.contains(p.as_str())),
        _ => true,
    }
}

/// Methods a setter must not take: the builder's own and those of derived traits (a setter with
/// such a name would be reached by method calls in derived code).
const TAKEN_METHODS: &[&str] = &[
    "build",
    "build_unchecked",
    "send",
    "customize",
    "clone",
    "clone_from",
    "fmt",
    "eq",
    "ne",
    "default",
    "validate",
    "validate_into",
    "serialize",
    "deserialize",
    "into",
    "from",
    "to_owned",
    "to_string",
    "as_ref",
    "hash",
    "type_id",
    "borrow",
    "borrow_mut",
    "try_into",
    "try_from",
];

/// Names the fields of one struct (idents from every wire name at once, so declaration order
/// changes nothing), marks case variants the API does not prefer, and names the setters.
pub fn name_fields(fields: &mut [Field], convention: Convention) {
    let wires: Vec<&str> = fields.iter().map(|f| f.wire.as_str()).collect();
    let idents = names::assign(&wires, Case::Snake, convention, &mut Scope::default());
    for (f, ident) in fields.iter_mut().zip(idents) {
        f.ident = ident;
    }
    mark_case_variants(fields);
    name_setters(fields);
}

/// A field whose ident is not the plain form of its wire name lost that form to a sibling with the
/// same name in another letter case: record which one the API prefers, and whether the description
/// says this spelling is kept for compatibility.
fn mark_case_variants(fields: &mut [Field]) {
    let plain: Vec<(String, String, String)> = fields
        .iter()
        .filter(|f| names::snake(&f.wire) == f.ident)
        .map(|f| (names::snake(&f.wire), f.wire.clone(), f.ident.clone()))
        .collect();
    for f in fields.iter_mut() {
        let base = names::snake(&f.wire);
        if base == f.ident {
            continue;
        }
        let Some((_, wire, ident)) = plain.iter().find(|(b, _, _)| *b == base) else { continue };
        let text = [f.docs.description.as_deref(), f.docs.title.as_deref()].into_iter().flatten().collect::<String>();
        f.case_variant = Some(CaseVariant {
            preferred_wire: wire.clone(),
            preferred_ident: ident.clone(),
            deprecated: recommends_other(&text, wire),
        });
    }
}

/// Whether a description points users to another spelling (`为提高兼容性，建议您尽量使用Tag.N.Key参数`:
/// "for compatibility, use Tag.N.Key").
fn recommends_other(text: &str, preferred: &str) -> bool {
    const WORDS: &[&str] =
        &["建议", "推荐", "兼容", "recommend", "compatib", "instead", "deprecated", "废弃", "prefer"];
    let lower = text.to_lowercase();
    let names_it = text.match_indices(preferred).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + preferred.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric()) && !after.is_some_and(|c| c.is_ascii_alphanumeric())
    });
    names_it && WORDS.iter().any(|w| lower.contains(w))
}

/// Setter names: the field's ident, or `set_<ident>` where the builder or a derived trait already
/// uses that name; lists and maps also get `set_<ident>` replacing every item or entry, when that
/// name is free.
fn name_setters(fields: &mut [Field]) {
    let idents: BTreeSet<String> = fields.iter().map(|f| names::unraw(&f.ident).to_string()).collect();
    let mut used: BTreeSet<String> = BTreeSet::new();
    for f in fields.iter_mut() {
        let plain = names::unraw(&f.ident).to_string();
        let name = if TAKEN_METHODS.contains(&plain.as_str()) { format!("set_{plain}") } else { f.ident.clone() };
        used.insert(names::unraw(&name).to_string());
        f.setter = Setter { name, set_all: None };
    }
    for f in fields.iter_mut().filter(|f| matches!(f.ty, Type::List(_) | Type::Map(_))) {
        let set_all = format!("set_{}", names::unraw(&f.ident));
        if !idents.contains(&set_all) && used.insert(set_all.clone()) {
            f.setter.set_all = Some(set_all);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Bound, Docs, Number};

    fn field(wire: &str, ty: Type, desc: Option<&str>) -> Field {
        let docs = Docs { description: desc.map(str::to_string), ..Docs::default() };
        Field::plain(wire, ty, docs, crate::model::Origin::Body)
    }

    #[test]
    fn compatibility_spellings_are_marked_whatever_the_order() {
        let lower = "资源的标签键。\n\n>为提高兼容性，建议您尽量使用Tag.N.Key参数。";
        for order in [["key", "Key"], ["Key", "key"]] {
            let mut fields: Vec<Field> = order
                .iter()
                .map(|w| field(w, Type::String, if *w == "key" { Some(lower) } else { Some("快照的标签键。") }))
                .collect();
            name_fields(&mut fields, Convention::Pascal);
            let by_wire = |w: &str| fields.iter().find(|f| f.wire == w).unwrap().clone();
            assert_eq!(by_wire("Key").ident, "key");
            assert_eq!(by_wire("Key").case_variant, None);
            assert_eq!(by_wire("key").ident, "key_lowercase");
            assert_eq!(
                by_wire("key").case_variant,
                Some(CaseVariant { preferred_wire: "Key".into(), preferred_ident: "key".into(), deprecated: true })
            );
        }
    }

    #[test]
    fn setters_avoid_builder_and_trait_methods() {
        let mut fields =
            vec![field("Build", Type::String, None), field("Tag", Type::List(Box::new(Type::String)), None)];
        fields.push(field("SetTag", Type::String, None));
        name_fields(&mut fields, Convention::Pascal);
        assert_eq!(fields[0].setter, Setter { name: "set_build".into(), set_all: None });
        // `set_tag` is a field of its own, so the list gets no replace-all setter.
        assert_eq!(fields[1].setter, Setter { name: "tag".into(), set_all: None });
        assert_eq!(fields[2].setter.name, "set_tag");
    }

    #[test]
    fn lists_and_maps_get_a_replace_all_setter() {
        let mut fields = vec![
            field("Tag", Type::List(Box::new(Type::String)), None),
            field("x-oss-meta-*", Type::Map(Box::new(Type::String)), None),
            field("Name", Type::String, None),
        ];
        name_fields(&mut fields, Convention::Pascal);
        assert_eq!(fields[0].setter, Setter { name: "tag".into(), set_all: Some("set_tag".into()) });
        assert_eq!(fields[1].setter, Setter { name: "x_oss_meta".into(), set_all: Some("set_x_oss_meta".into()) });
        assert_eq!(fields[2].setter, Setter { name: "name".into(), set_all: None });
    }

    #[test]
    fn rules_follow_the_type() {
        let mut sink_diags = Sink::new(std::path::Path::new("x.json"), None);
        let c = Constraints {
            max_length: Some(3),
            minimum: Some(Bound { value: Number::Int(1), exclusive: false }),
            ..Constraints::default()
        };
        let values = vec!["ON".to_string(), "OFF".to_string()];
        let (found, dropped) = rules(&Type::Enum("Switch".into()), &c, true, Some(&values), "/p", &mut sink_diags);
        assert_eq!(
            found,
            vec![
                Rule::Required,
                Rule::Range { min: Some(Bound { value: Number::Int(1), exclusive: false }), max: None, float: false },
                Rule::Known
            ]
        );
        assert_eq!(dropped.len(), 1);
        assert_eq!(dropped[0].rule, "at most 3 characters");
        assert!(sink_diags.finish().is_empty(), "both values fit: nothing contradicts");
        let mut sink = Sink::new(std::path::Path::new("x.json"), None);
        let (_, dropped) =
            rules(&Type::Map(Box::new(Type::String)), &Constraints::default(), true, None, "/p", &mut sink);
        assert_eq!(dropped[0].rule, "required");
    }

    #[test]
    fn a_value_breaking_its_own_rule_is_reported() {
        let mut sink = Sink::new(std::path::Path::new("x.json"), None);
        let c = Constraints { pattern: Some("^[a-z]+$".into()), ..Constraints::default() };
        let values = vec!["ok".to_string(), "NOT".to_string()];
        let (found, dropped) =
            rules(&Type::Enum("E".into()), &c, false, Some(&values), "/apis/A/parameters/0", &mut sink);
        assert_eq!(found, vec![Rule::Known]);
        assert_eq!(dropped[0].reason, "a documented value breaks it, so the metadata contradicts itself");
        let diags = sink.finish();
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].pointer, "/apis/A/parameters/0");
        assert!(diags[0].message.contains("`NOT`"), "{}", diags[0].message);
    }

    #[test]
    fn rules_in_words() {
        assert_eq!(Rule::Length { min: Some(3), max: Some(63) }.describe(), "3 to 63 characters");
        assert_eq!(Rule::OneOf(vec![60, 600]).describe(), "one of `60`, `600`");
        assert_eq!(
            Rule::NotStartsWith(vec!["http://".into(), "https://".into()]).describe(),
            "must not start with `http://`, `https://`"
        );
        let range = Rule::Range {
            min: Some(Bound { value: Number::Int(0), exclusive: true }),
            max: Some(Bound { value: Number::Float(1.5), exclusive: false }),
            float: true,
        };
        assert_eq!(range.describe(), "above 0 and at most 1.5");
        assert_eq!(
            Rule::Each(vec![Rule::Length { min: None, max: Some(8) }]).describe(),
            "each item: at most 8 characters"
        );
    }
}
