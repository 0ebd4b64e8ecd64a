//! The one adapter from the checked [`model`](crate::model) to the diff's [`surface`](super::surface).
//!
//! This is the only file of the diff that reads the model. The model decides which rules the
//! generated code checks ([`Field::rules`]: request side only; the verdict assumes strict
//! validation), the setter names ([`Field::setter`]) and the names of the product's shared types
//! (re-exported at the product's root, the path users write); this file adds what the emitters
//! make of the rest: every generated struct and enum is `#[non_exhaustive]`, and the constraints
//! the rules come from.

use super::surface::{self as s, Docs};
use crate::model::{self as m, Constraints, Field, NamedType, Operation, Product, Rule, Type};

/// Deeper than this, a value is taken as untyped (the checker refuses deeper schemas anyway).
const MAX_DEPTH: usize = 64;

/// The API surface of a checked product.
pub fn surface(product: &Product) -> s::ProductSurface {
    s::ProductSurface {
        code: product.code.clone(),
        version: product.version.clone(),
        module: product.module.clone(),
        endpoint_prefix: product.endpoint_prefix.clone(),
        host_pattern: product.default_host("<region>"),
        endpoints: product.endpoints.iter().cloned().collect(),
        operations: product.operations.iter().map(|op| (op.action.clone(), operation(product, op))).collect(),
    }
}

fn operation(product: &Product, op: &Operation) -> s::OperationSurface {
    let method = match op.method {
        m::HttpMethod::Get => "GET",
        m::HttpMethod::Post => "POST",
        m::HttpMethod::Put => "PUT",
        m::HttpMethod::Delete => "DELETE",
        m::HttpMethod::Patch => "PATCH",
        m::HttpMethod::Head => "HEAD",
        m::HttpMethod::Options => "OPTIONS",
    };
    let walk = Walk { product };
    let request = op
        .request
        .fields
        .iter()
        .map(|f| {
            let placement = op.params.iter().find(|p| p.name == f.wire).map(placement);
            let mut member = walk.member(f, Side::Input { checked: true }, 0);
            member.placement = placement;
            member
        })
        .collect();
    let response = op.response.fields.iter().map(|f| walk.member(f, Side::Output, 0)).collect();
    s::OperationSurface {
        action: op.action.clone(),
        rust: s::OperationNames {
            module: op.module.clone(),
            request: op.names.request.clone(),
            builder: op.names.builder.clone(),
            response: op.names.response.clone(),
            error: op.names.error.clone(),
            method: op.names.method.clone(),
            paginator: op.names.paginator.clone(),
        },
        deprecated: op.deprecated,
        // `emit::types::struct_def` marks every struct `#[non_exhaustive]`.
        non_exhaustive: true,
        http: format!("{method} {}", op.path),
        client_token: op.client_token.clone(),
        docs: docs(&op.docs),
        request,
        response,
        errors: s::ErrorSet {
            // `emit::error` marks every error enum `#[non_exhaustive]`.
            non_exhaustive: true,
            fallback: m::FALLBACK_VARIANT.to_string(),
            codes: op.errors.iter().map(error_code).collect(),
        },
    }
}

fn placement(p: &m::ParamPlacement) -> s::Placement {
    s::Placement {
        location: match p.location {
            m::Location::Query => "query",
            m::Location::Body => "form body",
            m::Location::RawBody => "json body",
            m::Location::Path => "path",
            m::Location::Header => "header",
            m::Location::Host => "host",
        },
        style: match p.style {
            m::Style::Simple => "simple",
            m::Style::RepeatList => "repeatList",
            m::Style::Flat => "flat",
            m::Style::Json => "json",
        },
    }
}

fn error_code(e: &m::ErrorCode) -> s::ErrorCode {
    let mut d = Docs::new();
    put(&mut d, "message", e.message.as_deref());
    put(&mut d, "description", e.description.as_deref());
    if !e.statuses.is_empty() {
        let statuses: Vec<String> = e.statuses.iter().map(u16::to_string).collect();
        d.insert("HTTP status", statuses.join(", "));
    }
    s::ErrorCode { code: e.code.clone(), variant: e.variant.clone(), docs: d }
}

fn docs(d: &m::Docs) -> Docs {
    let mut out = Docs::new();
    put(&mut out, "title", d.title.as_deref());
    put(&mut out, "summary", d.summary.as_deref());
    put(&mut out, "description", d.description.as_deref());
    out
}

fn put(docs: &mut Docs, label: &'static str, text: Option<&str>) {
    if let Some(t) = text {
        docs.insert(label, t.to_string());
    }
}

/// Which side of the API a value is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    /// Sent: setters exist; `checked` says whether the derive validates it (strict mode).
    Input { checked: bool },
    /// Received: read only, never validated.
    Output,
}

struct Walk<'a> {
    product: &'a Product,
}

impl Walk<'_> {
    fn member(&self, f: &Field, side: Side, depth: usize) -> s::Member {
        let checked = matches!(side, Side::Input { checked: true });
        let mut d = docs(&f.docs);
        put(&mut d, "example", f.example.as_deref().filter(|_| side != Side::Output));
        put(&mut d, "default", f.default.as_deref());
        let setters = match side {
            Side::Input { .. } => std::iter::once(f.setter.name.clone()).chain(f.setter.set_all.clone()).collect(),
            Side::Output => Vec::new(),
        };
        s::Member {
            wire: f.wire.clone(),
            rust: f.ident.clone(),
            setters,
            placement: None,
            required: checked && f.rules.contains(&Rule::Required),
            deprecated: f.deprecated || f.case_variant.as_ref().is_some_and(|v| v.deprecated),
            secret: checked && f.rules.contains(&Rule::Secret),
            docs: d,
            shape: self.shape(&f.ty, &f.constraints, side, depth),
        }
    }

    /// The shape of a value, with the rules `emit::types::value_rules` emits for it.
    fn shape(&self, ty: &Type, c: &Constraints, side: Side, depth: usize) -> s::Shape {
        if depth > MAX_DEPTH {
            return s::Shape::Json;
        }
        let checked = matches!(side, Side::Input { checked: true });
        let empty = Constraints::default();
        let c = if checked { c } else { &empty };
        let numbers = |c: &Constraints| s::NumberRules {
            minimum: c.minimum.map(bound),
            maximum: c.maximum.map(bound),
            values: c.int_values.clone(),
        };
        match ty {
            Type::String => s::Shape::Text(s::TextRules {
                min_length: c.min_length,
                max_length: c.max_length,
                pattern: c.pattern.clone(),
                forbidden_prefixes: c.forbidden_prefixes.clone(),
                forbidden_substrings: c.forbidden_substrings.clone(),
            }),
            Type::Integer(w) => s::Shape::Integer {
                bits: match w {
                    m::IntWidth::I32 => 32,
                    m::IntWidth::I64 => 64,
                },
                rules: numbers(c),
            },
            Type::Float => s::Shape::Float(numbers(c)),
            Type::Boolean => s::Shape::Boolean,
            Type::Any => s::Shape::Json,
            Type::Stream => s::Shape::Bytes,
            Type::List(inner) => {
                // Items are checked through `each(...)` or `nested`, but not inside a list of lists
                // or of maps.
                let inner_side = match (side, inner.as_ref()) {
                    (Side::Input { .. }, Type::List(_) | Type::Map(_)) => Side::Input { checked: false },
                    (other, _) => other,
                };
                let item_c = c.items.as_deref().unwrap_or(&empty);
                s::Shape::List {
                    item: Box::new(self.shape(inner, item_c, inner_side, depth + 1)),
                    min_items: c.min_items,
                    max_items: c.max_items,
                }
            }
            // A map has no rules at all, on itself or on its values.
            Type::Map(inner) => {
                let inner_side = match side {
                    Side::Input { .. } => Side::Input { checked: false },
                    Side::Output => Side::Output,
                };
                s::Shape::Map { value: Box::new(self.shape(inner, &empty, inner_side, depth + 1)) }
            }
            Type::Struct(name) => match self.named(name) {
                Some(NamedType::Struct(st)) => {
                    let fields = st.fields.iter().map(|f| self.member(f, side, depth + 1)).collect();
                    s::Shape::Struct(s::StructShape {
                        rust: self.path(name),
                        non_exhaustive: true,
                        docs: docs(&st.docs),
                        fields,
                    })
                }
                _ => s::Shape::Json,
            },
            Type::Enum(name) => match self.named(name) {
                Some(NamedType::Enum(e)) => s::Shape::Enum(s::EnumShape {
                    rust: self.path(name),
                    non_exhaustive: true,
                    checked,
                    docs: docs(&e.docs),
                    values: e
                        .variants
                        .iter()
                        .map(|v| {
                            let mut d = Docs::new();
                            put(&mut d, "title", v.doc.as_deref());
                            s::EnumValue { wire: v.value.clone(), rust: v.ident.clone(), docs: d }
                        })
                        .collect(),
                }),
                _ => s::Shape::Text(s::TextRules::default()),
            },
        }
    }

    fn named(&self, name: &str) -> Option<&NamedType> {
        self.product.shape(name).map(|shape| &shape.def)
    }

    /// Every shape is re-exported at the product's root, the path users write.
    fn path(&self, name: &str) -> String {
        name.to_string()
    }
}

fn bound(b: m::Bound) -> s::Bound {
    let value = match b.value {
        m::Number::Int(i) => i as f64,
        m::Number::Float(f) => f,
    };
    s::Bound { value, exclusive: b.exclusive }
}
