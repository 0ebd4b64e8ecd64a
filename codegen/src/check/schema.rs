//! Schemas → types and constraints.

use super::text;
use crate::diag::{join, Sink};
use crate::model::*;
use crate::names::{self, Scope};
use serde_json::{Map, Value};

/// Nesting deeper than this is refused (a located error), so hostile input cannot exhaust the stack.
pub const MAX_DEPTH: usize = 48;

/// What every schema check needs to know about the file.
pub struct Ctx<'a> {
    /// `components.schemas`, the targets of `$ref`.
    pub components: Option<&'a Map<String, Value>>,
    /// API style of the product.
    pub style: ApiStyle,
}

/// The named types of one operation, with their scope of names.
pub struct TypeSet {
    scope: Scope,
    types: Vec<NamedType>,
}

impl TypeSet {
    /// A set whose scope already holds the operation's own type names.
    pub fn new(op: &OperationNames) -> Self {
        let mut scope = Scope::with_reserved(names::RESERVED_TYPES);
        for n in [&op.request, &op.builder, &op.response, &op.error] {
            scope.take(n);
        }
        TypeSet { scope, types: Vec::new() }
    }

    /// The named types, in the order they were first met.
    pub fn finish(self) -> Vec<NamedType> {
        self.types
    }

    fn add_enum(&mut self, hint: &str, docs: Docs, variants: Vec<EnumVariant>) -> String {
        let base = names::camel(hint);
        let same = self.types.iter().find_map(|t| match t {
            NamedType::Enum(e) if e.variants == variants && (e.name == base || e.name.starts_with(&base)) => {
                Some(e.name.clone())
            }
            _ => None,
        });
        if let Some(name) = same {
            return name;
        }
        let name = self.scope.take(&base);
        let mut variant_scope = Scope::default();
        let variants: Vec<EnumVariant> = variants
            .into_iter()
            .map(|mut v| {
                v.ident = variant_scope.take(&v.ident);
                v
            })
            .collect();
        let unknown_variant = variant_scope.take("Unknown");
        self.types.push(NamedType::Enum(ValueSet { name: name.clone(), docs, variants, unknown_variant }));
        name
    }
}

/// Where we are while walking a schema.
struct Walk<'a, 'w, 's> {
    ctx: &'w Ctx<'a>,
    types: &'w mut TypeSet,
    sink: &'w mut Sink<'s>,
    refs: Vec<String>,
}

/// Checks one request parameter.
pub fn check_param<'a>(
    name: &str,
    p: &'a Value,
    pointer: &str,
    ctx: &Ctx<'a>,
    types: &mut TypeSet,
    fields: &mut Scope,
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
    let mut walk = Walk { ctx, types, sink, refs: Vec::new() };
    let field = walk.field(name, schema, &sp, fields, 0)?;
    let style = match p.get("style").and_then(Value::as_str) {
        None => match field.ty {
            Type::List(_) | Type::Struct(_) | Type::Map(_) => Style::RepeatList,
            _ => Style::Simple,
        },
        Some("simple") => Style::Simple,
        Some("repeatList") => Style::RepeatList,
        Some("flat") => Style::Flat,
        Some("json") => Style::Json,
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
    let required = field.required || p.get("required").and_then(Value::as_bool).unwrap_or(false);
    Some((Field { required, ..field }, ParamPlacement { name: name.to_string(), location, style }))
}

/// Checks the success response schema; returns the response's fields.
pub fn check_response_schema<'a>(
    schema: &'a Value,
    pointer: &str,
    ctx: &Ctx<'a>,
    types: &mut TypeSet,
    sink: &mut Sink<'_>,
) -> Vec<Field> {
    let mut walk = Walk { ctx, types, sink, refs: Vec::new() };
    let Some((schema, pointer)) = walk.resolve(schema, pointer) else { return Vec::new() };
    match schema.get("properties") {
        Some(Value::Object(props)) => walk.fields(props, &join(&pointer, "properties"), 1),
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
            None => {
                self.sink.error(
                    &rp,
                    format!("reference `{r}` names no schema in `components.schemas`"),
                    Some("add the schema under `components.schemas` or fix the name".into()),
                );
                None
            }
        }
    }

    fn fields(&mut self, props: &'a Map<String, Value>, pointer: &str, depth: usize) -> Vec<Field> {
        let mut scope = Scope::default();
        let mut out = Vec::new();
        for (name, schema) in props {
            if name.trim().is_empty() {
                self.sink.warning(&join(pointer, name), "a property with an empty name is skipped", None);
                continue;
            }
            if let Some(f) = self.field(name, schema, &join(pointer, name), &mut scope, depth) {
                out.push(f);
            }
        }
        out
    }

    /// One field: its type, constraints and docs.
    fn field(
        &mut self,
        wire: &str,
        schema: &'a Value,
        pointer: &str,
        scope: &mut Scope,
        depth: usize,
    ) -> Option<Field> {
        if !schema.is_object() {
            self.sink.error(pointer, format!("the schema of `{wire}` must be a JSON object"), None);
            return None;
        }
        let (ty, constraints) = self.type_of(wire, schema, pointer, depth)?;
        let ident = scope.take(&names::snake(wire));
        let docs =
            Docs { title: text(schema.get("title")), summary: None, description: text(schema.get("description")) };
        Some(Field {
            wire: wire.to_string(),
            ident,
            ty,
            required: schema.get("required").and_then(Value::as_bool).unwrap_or(false),
            docs,
            example: scalar_text(schema.get("example")),
            default: scalar_text(schema.get("default")),
            deprecated: schema.get("deprecated").and_then(Value::as_bool).unwrap_or(false),
            constraints,
        })
    }

    /// The type of a schema and the constraints it states.
    fn type_of(&mut self, hint: &str, schema: &'a Value, pointer: &str, depth: usize) -> Option<(Type, Constraints)> {
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
        let hint = is_ref.as_deref().unwrap_or(hint);
        let result = self.type_of_resolved(hint, schema, &pointer, depth);
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
                            ident: names::camel(&v),
                            doc: titles.and_then(|t| t.get(&v)).and_then(Value::as_str).map(str::to_string),
                            value: v,
                        })
                        .collect();
                    Type::Enum(self.types.add_enum(hint, docs, variants))
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
                let (item_ty, item_c) = self.type_of(hint, items, &join(pointer, "items"), depth + 1)?;
                if !item_c.is_empty() {
                    c.items = Some(Box::new(item_c));
                }
                Type::List(Box::new(item_ty))
            }
            "object" => match (schema.get("properties"), schema.get("additionalProperties")) {
                (Some(Value::Object(props)), _) if !props.is_empty() => {
                    let name = self.types.scope.take(&names::camel(hint));
                    // Reserve the slot now so that types keep the order they were first met in.
                    let slot = self.types.types.len();
                    self.types.types.push(NamedType::Struct(Struct {
                        name: name.clone(),
                        docs: Docs::default(),
                        fields: Vec::new(),
                    }));
                    let fields = self.fields(props, &join(pointer, "properties"), depth + 1);
                    let docs = Docs {
                        title: text(schema.get("title")),
                        summary: None,
                        description: text(schema.get("description")),
                    };
                    self.types.types[slot] = NamedType::Struct(Struct { name: name.clone(), docs, fields });
                    Type::Struct(name)
                }
                (_, Some(extra @ Value::Object(_))) => {
                    let (v, _) = self.type_of(hint, extra, &join(pointer, "additionalProperties"), depth + 1)?;
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

fn scalar_text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}
