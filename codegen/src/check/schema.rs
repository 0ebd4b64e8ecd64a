//! Schemas → types and constraints.

use super::fields;
use super::surface::{Collector, Owner, Site};
use super::text;
use crate::diag::{join, Sink};
use crate::model::*;
use crate::names::{self, Convention};
use serde_json::{Map, Value};

/// Nesting deeper than this is refused (a located error), so hostile input cannot exhaust the stack.
pub const MAX_DEPTH: usize = 48;

/// What every schema check needs to know about the file.
pub struct Ctx<'a> {
    /// `components.schemas`, the targets of `$ref`.
    pub components: Option<&'a Map<String, Value>>,
    /// API style of the product.
    pub style: ApiStyle,
    /// The product's protocol.
    pub protocol: Protocol,
    /// The letter case most wire names of the product follow.
    pub convention: Convention,
}

/// Where a walk is: which operation, and request or response side.
pub struct Side<'s> {
    /// The operation.
    pub action: &'s str,
    /// Request (`true`) or response.
    pub input: bool,
}

/// Where we are while walking a schema.
struct Walk<'a, 'w, 's> {
    ctx: &'w Ctx<'a>,
    shapes: &'w mut Collector,
    side: &'w Side<'w>,
    sink: &'w mut Sink<'s>,
    refs: Vec<String>,
}

/// Checks one request parameter.
pub fn check_param<'a>(
    name: &str,
    p: &'a Value,
    pointer: &str,
    ctx: &Ctx<'a>,
    shapes: &mut Collector,
    side: &Side<'_>,
    sink: &mut Sink<'_>,
) -> Option<(Field, ParamPlacement)> {
    let location = match p.get("in").and_then(Value::as_str) {
        Some("query") | None => Location::Query,
        Some("formData") => Location::Body,
        Some("body") => Location::RawBody,
        Some("path") => Location::Path,
        Some("header") => Location::Header,
        Some("host") => Location::Host,
        Some(other) => {
            sink.error(
                &join(pointer, "in"),
                format!("unknown parameter location `{other}`"),
                Some("use query, formData, body, path, header or host".into()),
            );
            return None;
        }
    };
    let Some(schema) = p.get("schema") else {
        sink.error(
            &join(pointer, "schema"),
            format!("parameter `{name}` has no `schema`"),
            Some("add `\"schema\": {\"type\": \"string\"}` (or the right type)".into()),
        );
        return None;
    };
    let sp = join(pointer, "schema");
    let mut walk = Walk { ctx, shapes, side, sink, refs: Vec::new() };
    let required = p.get("required").and_then(Value::as_bool).unwrap_or(false);
    let mut field = walk.field(name, schema, &sp, Owner::Root, required, 0)?;
    // A value the wire carries as text, typed by a reference to a missing schema: text.
    let text_location = matches!(location, Location::Query | Location::Header | Location::Path | Location::Host);
    if text_location && field.ty == Type::Any && schema.get("$ref").is_some() && resolved(schema, ctx).is_none() {
        field.ty = Type::String;
    }
    let style = match p.get("style").and_then(Value::as_str) {
        None => match field.ty {
            Type::List(_) | Type::Struct(_) | Type::Map(_) => Style::RepeatList,
            _ => Style::Simple,
        },
        Some("simple") => Style::Simple,
        Some("repeatList") => Style::RepeatList,
        Some("flat") => Style::Flat,
        Some("json") => Style::Json,
        // An XML body: the binding writes it (`check::binding::request_format`).
        Some("xml") if location == Location::RawBody => Style::Json,
        Some("xml") => {
            walk.sink.warning(
                &join(pointer, "style"),
                "style `xml` is not supported; the value is sent JSON-encoded",
                None,
            );
            Style::Json
        }
        Some(other) => {
            walk.sink.error(
                &join(pointer, "style"),
                format!("unknown parameter style `{other}`"),
                Some("use simple, repeatList, flat or json".into()),
            );
            return None;
        }
    };
    Some((field, ParamPlacement { name: name.to_string(), location, style }))
}

/// Checks the success response schema; returns the response's fields.
pub fn check_response_schema<'a>(
    schema: &'a Value,
    pointer: &str,
    ctx: &Ctx<'a>,
    shapes: &mut Collector,
    side: &Side<'_>,
    sink: &mut Sink<'_>,
) -> Vec<Field> {
    let mut walk = Walk { ctx, shapes, side, sink, refs: Vec::new() };
    let Some((schema, pointer)) = walk.resolve(schema, pointer) else { return Vec::new() };
    match schema.get("properties") {
        Some(Value::Object(props)) => walk.fields(props, &join(&pointer, "properties"), Owner::Root, 1),
        Some(_) => {
            walk.sink.error(&join(&pointer, "properties"), "`properties` must be an object", None);
            Vec::new()
        }
        None => {
            if schema.get("type").and_then(Value::as_str).is_some_and(|t| t != "object") {
                walk.sink.warning(&pointer, "the response body is not an object; the generated response type has no fields and the body is not parsed into it", None);
            }
            Vec::new()
        }
    }
}

/// The type of a whole answer that is not an object (a list, text), with the shapes it reaches;
/// `hint` names an item shape the metadata leaves unnamed.
pub fn check_body_type<'a>(
    hint: &str,
    schema: &'a Value,
    pointer: &str,
    ctx: &Ctx<'a>,
    shapes: &mut Collector,
    side: &Side<'_>,
    sink: &mut Sink<'_>,
) -> Option<Type> {
    let mut walk = Walk { ctx, shapes, side, sink, refs: Vec::new() };
    walk.type_of(hint, schema, pointer, Owner::Root, 1).map(|(ty, _)| ty)
}

/// Follows `$ref`s of a schema to the schema they name (the schema itself without one); `None`
/// when a reference is broken or cyclic (reported when the schema is checked).
pub fn resolved<'a>(schema: &'a Value, ctx: &Ctx<'a>) -> Option<&'a Value> {
    let mut current = schema;
    for _ in 0..MAX_DEPTH {
        let Some(r) = current.get("$ref") else { return Some(current) };
        let name = r.as_str()?.strip_prefix("#/components/schemas/")?;
        current = ctx.components?.get(name)?;
    }
    None
}

impl<'a> Walk<'a, '_, '_> {
    /// Follows a `$ref` (if any) to the schema it names.
    fn resolve(&mut self, schema: &'a Value, pointer: &str) -> Option<(&'a Value, String)> {
        let Some(r) = schema.get("$ref") else {
            return Some((schema, pointer.to_string()));
        };
        let rp = join(pointer, "$ref");
        let Some(r) = r.as_str() else {
            self.sink.error(&rp, "`$ref` must be a string", None);
            return None;
        };
        let Some(name) = r.strip_prefix("#/components/schemas/") else {
            self.sink.error(
                &rp,
                format!("unsupported reference `{r}`"),
                Some("only references of the form `#/components/schemas/<Name>` are supported".into()),
            );
            return None;
        };
        match self.ctx.components.and_then(|c| c.get(name)) {
            Some(_) if self.refs.iter().any(|x| x == name) => {
                self.sink.warning(&rp, format!("reference `{r}` is cyclic; this value is kept as untyped JSON"), None);
                None
            }
            Some(target) => Some((target, join("/components/schemas", name))),
            // The published OSS file references 78 schemas it does not hold: the value is still
            // sent and read, untyped (see `check_param` for values sent as text).
            None => {
                self.sink.warning(
                    &rp,
                    format!("reference `{r}` names no schema in `components.schemas`; this value is kept as untyped JSON (as text in a query, header, path or host)"),
                    Some("add the schema under `components.schemas` or fix the name".into()),
                );
                None
            }
        }
    }

    /// The fields of an object (named once all are known, see [`fields::name_fields`]).
    fn fields(&mut self, props: &'a Map<String, Value>, pointer: &str, owner: Owner, depth: usize) -> Vec<Field> {
        let mut out = Vec::new();
        for (name, schema) in props {
            if name.trim().is_empty() {
                self.sink.warning(&join(pointer, name), "a property with an empty name is skipped", None);
                continue;
            }
            if let Some(f) = self.field(name, schema, &join(pointer, name), owner, false, depth) {
                out.push(f);
            }
        }
        fields::name_fields(&mut out, self.ctx.convention);
        out
    }

    /// One field: its type, constraints, docs and (on the request side) the rules `build()`
    /// checks. Its Rust names are given with its siblings'.
    fn field(
        &mut self,
        wire: &str,
        schema: &'a Value,
        pointer: &str,
        owner: Owner,
        required: bool,
        depth: usize,
    ) -> Option<Field> {
        if !schema.is_object() {
            self.sink.error(pointer, format!("the schema of `{wire}` must be a JSON object"), None);
            return None;
        }
        let (ty, mut constraints) = self.type_of(&names::camel(wire), schema, pointer, owner, depth)?;
        let docs =
            Docs { title: text(schema.get("title")), summary: None, description: text(schema.get("description")) };
        let mut required = required || schema.get("required").and_then(Value::as_bool).unwrap_or(false);
        let (rules, dropped) = if self.side.input {
            let values = item_enum(&ty).and_then(|e| self.shapes.values(e));
            fields::rules(&ty, &constraints, required, values.as_deref(), pointer, self.sink)
        } else {
            // What the service sends is read as it comes: nothing is checked.
            constraints = Constraints::default();
            required = false;
            (Vec::new(), Vec::new())
        };
        Some(Field {
            wire: wire.to_string(),
            ident: String::new(),
            ty,
            required,
            docs,
            example: scalar_text(schema.get("example")),
            default: scalar_text(schema.get("default")),
            deprecated: schema.get("deprecated").and_then(Value::as_bool).unwrap_or(false),
            constraints,
            rules,
            dropped,
            setter: Setter { name: String::new(), set_all: None },
            case_variant: None,
            origin: Origin::Body,
        })
    }

    fn site(&self, owner: Owner, hint: &str) -> Site {
        Site { action: self.side.action.to_string(), input: self.side.input, owner, hint: hint.to_string() }
    }

    /// The type of a schema and the constraints it states. `hint` is the camel-case name a shape
    /// made of it would take.
    fn type_of(
        &mut self,
        hint: &str,
        schema: &'a Value,
        pointer: &str,
        owner: Owner,
        depth: usize,
    ) -> Option<(Type, Constraints)> {
        if depth > MAX_DEPTH {
            self.sink.error(
                pointer,
                format!("schemas are nested more than {MAX_DEPTH} levels deep"),
                Some("flatten the schema; no real API nests this deep".into()),
            );
            return None;
        }
        let is_ref = schema
            .get("$ref")
            .and_then(Value::as_str)
            .map(|r| r.trim_start_matches("#/components/schemas/").to_string());
        let Some((schema, pointer)) = self.resolve(schema, pointer) else {
            return Some((Type::Any, Constraints::default()));
        };
        if let Some(name) = &is_ref {
            self.refs.push(name.clone());
        }
        let ref_hint = is_ref.as_deref().map(names::camel);
        let hint = ref_hint.as_deref().unwrap_or(hint);
        let result = self.type_of_resolved(hint, schema, &pointer, owner, depth);
        if is_ref.is_some() {
            self.refs.pop();
        }
        result
    }

    fn type_of_resolved(
        &mut self,
        hint: &str,
        schema: &'a Value,
        pointer: &str,
        owner: Owner,
        depth: usize,
    ) -> Option<(Type, Constraints)> {
        let ty_name = match schema.get("type") {
            None => {
                if schema.get("properties").is_some() {
                    "object"
                } else if schema.get("items").is_some() {
                    "array"
                } else {
                    "any"
                }
            }
            Some(Value::String(s)) => s.as_str(),
            Some(_) => {
                self.sink.error(&join(pointer, "type"), "`type` must be a string", None);
                return None;
            }
        };
        let mut c = super::constraints::parse(schema, pointer, ty_name, self.sink);
        let ty = match ty_name {
            "string" => {
                let values = super::constraints::string_enum(schema, pointer, self.sink);
                if values.is_empty() {
                    Type::String
                } else {
                    let docs = Docs { title: None, summary: None, description: text(schema.get("description")) };
                    let titles = schema.get("enumValueTitles").and_then(Value::as_object);
                    let variants = values
                        .into_iter()
                        .map(|v| EnumVariant {
                            ident: String::new(),
                            doc: titles.and_then(|t| t.get(&v)).and_then(Value::as_str).map(str::to_string),
                            value: v,
                        })
                        .collect();
                    let site = self.site(owner, hint);
                    Type::Enum(self.shapes.add_enum(site, docs, variants))
                }
            }
            "integer" => match schema.get("format").and_then(Value::as_str) {
                Some("int32") => Type::Integer(IntWidth::I32),
                _ => Type::Integer(IntWidth::I64),
            },
            "number" => Type::Float,
            "boolean" => Type::Boolean,
            "any" => Type::Any,
            "array" => {
                let Some(items) = schema.get("items") else {
                    self.sink.warning(pointer, "an array without `items`; its items are kept as untyped JSON", None);
                    return Some((Type::List(Box::new(Type::Any)), c));
                };
                let item_hint = names::singular(hint);
                let (item_ty, item_c) = self.type_of(&item_hint, items, &join(pointer, "items"), owner, depth + 1)?;
                if !item_c.is_empty() {
                    c.items = Some(Box::new(item_c));
                }
                Type::List(Box::new(item_ty))
            }
            "object" => match (schema.get("properties"), schema.get("additionalProperties")) {
                (Some(Value::Object(props)), _) if !props.is_empty() => {
                    let docs = Docs {
                        title: text(schema.get("title")),
                        summary: None,
                        description: text(schema.get("description")),
                    };
                    // Reserved before its fields, so that an owner is always met before what it holds.
                    let site = self.site(owner, hint);
                    let (id, name) = self.shapes.reserve_struct(site, docs);
                    let fields = self.fields(props, &join(pointer, "properties"), Owner::Shape(id), depth + 1);
                    self.shapes.set_fields(id, fields);
                    Type::Struct(name)
                }
                (_, Some(extra @ Value::Object(_))) => {
                    let item_hint = names::singular(hint);
                    let (v, _) =
                        self.type_of(&item_hint, extra, &join(pointer, "additionalProperties"), owner, depth + 1)?;
                    Type::Map(Box::new(v))
                }
                _ => Type::Any,
            },
            other => {
                self.sink.error(
                    &join(pointer, "type"),
                    format!("unknown type `{other}`"),
                    Some("use string, integer, number, boolean, array, object or any".into()),
                );
                return None;
            }
        };
        Some((ty, c))
    }
}

/// The value set a field holds, directly or as list items.
fn item_enum(ty: &Type) -> Option<&str> {
    match ty {
        Type::Enum(name) => Some(name),
        Type::List(inner) => item_enum(inner),
        _ => None,
    }
}

fn scalar_text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}
