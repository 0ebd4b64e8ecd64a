//! The checked model: the generator's own description of an API, built from raw metadata by
//! [`crate::check`] and read by every emitter.
//!
//! Everything here is already decided: names are unique, valid Rust identifiers chosen without
//! regard to declaration order; named types are collected per product and deduplicated
//! structurally ([`Product::shapes`]); each field carries the rules `build()` checks
//! ([`Field::rules`]), the rules dropped and why, and its setter names; each struct says what it is
//! for ([`Role`]). Emitters translate this into Rust and decide nothing about metadata semantics.
//! Collections are `Vec`s in a deterministic order (operations by name, shapes by name, fields and
//! errors in metadata order), so output never depends on hashing.

use std::path::PathBuf;

/// One product at one API version (one metadata file), e.g. VPC 2016-04-28.
#[derive(Debug, Clone, PartialEq)]
pub struct Product {
    /// The metadata file it came from.
    pub source: PathBuf,
    /// Product code as the service spells it (`Vpc`, `ExpressConnectRouter`).
    pub code: String,
    /// API version (`2016-04-28`).
    pub version: String,
    /// API style (`info.style`).
    pub style: ApiStyle,
    /// How requests are framed and signed: chosen per product, not per style (see
    /// [`Protocol`]).
    pub protocol: Protocol,
    /// Rust module name (`vpc`, `ecr`): `info.x-rust-module`, else the snake-cased product code.
    pub module: String,
    /// Prefix of the default endpoint (`vpc` for `vpc.<region>.aliyuncs.com`); for the SLS, OSS
    /// and PDS protocols, whose hosts have other forms ([`Product::default_host`]), the lowercase
    /// product code.
    pub endpoint_prefix: String,
    /// Region → endpoint host, sorted by region.
    pub endpoints: Vec<(String, String)>,
    /// Named types (nested objects and value sets) of every operation, deduplicated structurally
    /// (same fields, wire names, types and constraints), sorted by name. Names are unique across the
    /// product, operation type names included, so every type can be re-exported at its root.
    pub shapes: Vec<Shape>,
    /// Operations, sorted by action name.
    pub operations: Vec<Operation>,
}

impl Product {
    /// The host a region without an endpoint of its own is called at, as the runtime's protocol
    /// chooses it (`vpc.<region>.aliyuncs.com`, SLS `<region>.log.aliyuncs.com`, OSS
    /// `oss-<region>.aliyuncs.com`, PDS `api.aliyunpds.com`).
    pub fn default_host(&self, region: &str) -> String {
        match self.protocol {
            Protocol::Acs3 => format!("{}.{region}.aliyuncs.com", self.endpoint_prefix),
            Protocol::Sls => format!("{region}.log.aliyuncs.com"),
            Protocol::Oss => format!("oss-{region}.aliyuncs.com"),
            Protocol::Pds => "api.aliyunpds.com".to_string(),
        }
    }

    /// The shape named `name`.
    pub fn shape(&self, name: &str) -> Option<&Shape> {
        self.shapes.binary_search_by(|s| s.name().cmp(name)).ok().map(|i| &self.shapes[i])
    }

    /// The value set named `name`.
    pub fn value_set(&self, name: &str) -> Option<&ValueSet> {
        match self.shape(name).map(|s| &s.def) {
            Some(NamedType::Enum(e)) => Some(e),
            _ => None,
        }
    }

    /// The struct named `name` (a shape; request and response structs live on their operation).
    pub fn shape_struct(&self, name: &str) -> Option<&Struct> {
        match self.shape(name).map(|s| &s.def) {
            Some(NamedType::Struct(s)) => Some(s),
            _ => None,
        }
    }

    /// Shapes used by several operations, emitted once in the product's `types` module.
    pub fn shared_shapes(&self) -> impl Iterator<Item = &Shape> {
        self.shapes.iter().filter(|s| s.home == Home::Shared)
    }

    /// Keeps the operations `keep` accepts, and the shapes they use. Names stay as the whole product
    /// gave them (so code written against the full SDK compiles against a filtered one); a shape
    /// now used by one kept operation moves into that operation's module.
    pub fn retain_operations(&mut self, mut keep: impl FnMut(&Operation) -> bool) {
        self.operations.retain(|o| keep(o));
        let modules: std::collections::BTreeMap<&str, &str> =
            self.operations.iter().map(|o| (o.action.as_str(), o.module.as_str())).collect();
        self.shapes.retain_mut(|shape| {
            shape.operations.retain(|a| modules.contains_key(a.as_str()));
            shape.home = match shape.operations.as_slice() {
                [only] => Home::Operation(modules[only.as_str()].to_string()),
                _ => Home::Shared,
            };
            !shape.operations.is_empty()
        });
    }

    /// Shapes only the operation in module `module` uses, emitted in that module.
    pub fn own_shapes<'a>(&'a self, module: &'a str) -> impl Iterator<Item = &'a Shape> + 'a {
        self.shapes.iter().filter(move |s| matches!(&s.home, Home::Operation(m) if m == module))
    }
}

/// A named type of a product: a nested object or a value set, with where it is emitted and who
/// uses it.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// The type.
    pub def: NamedType,
    /// The module it is emitted in.
    pub home: Home,
    /// Actions whose request or response reaches it, sorted.
    pub operations: Vec<String>,
    /// How its name was chosen.
    pub naming: Naming,
}

impl Shape {
    /// The Rust type name.
    pub fn name(&self) -> &str {
        match &self.def {
            NamedType::Struct(s) => &s.name,
            NamedType::Enum(e) => &e.name,
        }
    }
}

/// Where a shape is emitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Home {
    /// The product's `types` module: the shape is used by several operations.
    Shared,
    /// The module of the one operation that uses it.
    Operation(String),
}

/// How a shape's name was chosen (documented on the type, so that users see why a name is long).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Naming {
    /// The name the metadata gives it (the property, list or `$ref` name): no other shape of the
    /// product wants it, or this shape won it (see `metadata/README.md`, "Names").
    Plain,
    /// Another shape of the product has the plain name: named after its owner and field.
    Role {
        /// The plain name it would have had.
        plain: String,
    },
    /// Even the role name was taken: the role name with a counter (the documented last resort).
    Counter {
        /// The plain name it would have had.
        plain: String,
    },
}

/// The API style of a product (`info.style`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiStyle {
    /// `POST /` with the action in headers and parameters in query and form.
    Rpc,
    /// REST-like: path templates, path/header/body parameters, any method.
    Roa,
    /// `V3` (arms, ocr-api, cloudcontrol): RPC-like operations without a `path`, or ROA-like ones
    /// with one.
    V3,
    /// `FC` (Function Compute): ROA-like, with binary invocation bodies.
    Fc,
    /// `SLS` (Simple Log Service).
    Sls,
    /// `OSS` (Object Storage Service).
    Oss,
    /// `PDS` (Drive and Photo Service).
    Pds,
}

impl ApiStyle {
    /// The style as `info.style` spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            ApiStyle::Rpc => "RPC",
            ApiStyle::Roa => "ROA",
            ApiStyle::V3 => "V3",
            ApiStyle::Fc => "FC",
            ApiStyle::Sls => "SLS",
            ApiStyle::Oss => "OSS",
            ApiStyle::Pds => "PDS",
        }
    }
}

/// How requests of a product are framed, signed and answered, as the official SDKs do it
/// (`docs/API-STYLES.md`). Chosen by product code, not by style: the 2025 metadata marks SLS as
/// `ROA` while the SDK still goes through SLS's own gateway.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// The shared client (`x-acs-action`, ACS3-HMAC-SHA256, JSON errors): RPC, ROA, V3, FC.
    Acs3,
    /// Simple Log Service (`Sls`): `<project>.<endpoint>`, the `LOG` signature, SLS errors.
    Sls,
    /// OSS (`Oss`): `<bucket>.<endpoint>`, `OSS4-HMAC-SHA256`, XML bodies and errors.
    Oss,
    /// PDS (`pds`): ROA signature 1.0.
    Pds,
}

/// One API operation (an action).
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The action as the service spells it (`DeleteFlowlog`).
    pub action: String,
    /// Rust module of the operation (`delete_flowlog`), unique within the product.
    pub module: String,
    /// Type names derived from the action: `<Action>Request` and so on.
    pub names: OperationNames,
    /// Title, summary and description.
    pub docs: Docs,
    /// Whether the operation is deprecated.
    pub deprecated: bool,
    /// HTTP method (the first in `methods`).
    pub method: HttpMethod,
    /// Path template (`/` for RPC).
    pub path: String,
    /// The request type: one field per parameter, in metadata order.
    pub request: Struct,
    /// Where and how each request field goes on the wire; same order as `request.fields`.
    pub params: Vec<ParamPlacement>,
    /// The success response body, without the fields of the common envelope (`RequestId`, `Code`,
    /// ...: see [`ENVELOPE_FIELDS`]), which every response exposes as one runtime type.
    pub response: Struct,
    /// Documented error codes, in metadata order, one per distinct code.
    pub errors: Vec<ErrorCode>,
    /// Wire name of the idempotency parameter (`ClientToken`), when the operation has one.
    pub client_token: Option<String>,
    /// How to page through results, when the operation is a paged list.
    pub pagination: Option<Pagination>,
    /// How the operation travels when the plain RPC/ROA call (`Client::invoke`: form, query and
    /// JSON, a JSON object back) cannot carry it: every operation of the SLS, OSS and PDS
    /// protocols, and ACS3 operations with a binary body, a binary, text or list answer,
    /// documented response headers, a header map or a whole-path parameter. `None` otherwise.
    pub binding: Option<Binding>,
}

/// What an operation needs besides its parameters to travel with its product's protocol: the
/// generator emits it as the operation's `BINDING` static, and the client method calls
/// `Client::call` (or `call_with_body`, `call_streaming`) with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    /// How the body parameter is written.
    pub request: BodyFormat,
    /// How the answer's body is read.
    pub response: BodyFormat,
    /// The binary request body (`PutObject`, `InvokeFunction`, OCR images): not a field of the
    /// request type; the client method takes it as a `Body` argument.
    pub body: Option<BinaryBody>,
}

/// A request body passed as bytes or a stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BinaryBody {
    /// The parameter's wire name (`body`).
    pub wire: String,
    /// Whether the metadata marks it required.
    pub required: bool,
    /// Documentation.
    pub docs: Docs,
}

/// How a request or response body is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyFormat {
    /// No body (requests), or a body that is not read (answers).
    None,
    /// JSON.
    Json,
    /// XML (OSS): the members of the body object are root elements.
    Xml,
    /// Text as it is.
    Text,
    /// Bytes: a `Body` for requests, a byte stream for answers.
    Binary,
}

/// Where a response field is read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A member of the body (every field of requests and nested types).
    Body,
    /// The whole body, when it is not an object: a list (SLS `GetLogs`), text, or the byte stream
    /// of a binary answer ([`Type::Stream`]).
    WholeBody,
    /// A documented response header, by name (`x-log-progress`, `ETag`).
    Header(String),
    /// Every response header with this prefix, the prefix removed (`x-oss-meta-`): a map.
    HeaderPrefix(String),
}

/// Rust names of an operation's types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationNames {
    /// `CreateFlowLogRequest`.
    pub request: String,
    /// `CreateFlowLogRequestBuilder`.
    pub builder: String,
    /// `CreateFlowLogResponse`.
    pub response: String,
    /// `CreateFlowLogError`.
    pub error: String,
    /// The client method (`create_flow_log`).
    pub method: String,
    /// The client method returning a stream of pages (`describe_flow_logs_pages`), for paged lists.
    pub paginator: Option<String>,
}

/// Documentation text taken from metadata (raw markdown; the emitter makes it safe).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Docs {
    /// Short title.
    pub title: Option<String>,
    /// One-line summary.
    pub summary: Option<String>,
    /// Longer description.
    pub description: Option<String>,
}

/// HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HttpMethod {
    /// GET
    Get,
    /// POST
    Post,
    /// PUT
    Put,
    /// DELETE
    Delete,
    /// PATCH
    Patch,
    /// HEAD
    Head,
    /// OPTIONS
    Options,
}

/// A struct: request, response or a nested object.
#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    /// Rust type name, unique within the product.
    pub name: String,
    /// Documentation.
    pub docs: Docs,
    /// What it is for: sent, received or both (which decides its derives and whether its fields
    /// are checked).
    pub role: Role,
    /// Fields in metadata order.
    pub fields: Vec<Field>,
}

/// What a struct is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// Sent: serialised, checked by `build()`, built with setters.
    Input,
    /// Received: deserialised, read leniently, never checked.
    Output,
    /// Both: a shape reached from a request and from a response.
    Both,
}

impl Role {
    /// Whether values of this struct are sent (serialised and checked).
    pub fn is_input(self) -> bool {
        self != Role::Output
    }

    /// Whether values of this struct are received (deserialised).
    pub fn is_output(self) -> bool {
        self != Role::Input
    }
}

/// One field of a struct.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Wire name (`EcrId`).
    pub wire: String,
    /// Rust identifier (`ecr_id`), unique within the struct; `r#type` for keywords. Chosen from
    /// every wire name of the struct at once, so that it never depends on declaration order.
    pub ident: String,
    /// Value type.
    pub ty: Type,
    /// Whether the metadata marks it required.
    pub required: bool,
    /// Documentation.
    pub docs: Docs,
    /// Example value from the metadata.
    pub example: Option<String>,
    /// Default value from the metadata, as text.
    pub default: Option<String>,
    /// Whether the metadata marks it deprecated.
    pub deprecated: bool,
    /// Constraints on the value, as documented.
    pub constraints: Constraints,
    /// What `build()` checks, in attribute order; empty on structs that are only received.
    pub rules: Vec<Rule>,
    /// Documented constraints that are not checked, and why.
    pub dropped: Vec<DroppedRule>,
    /// Setter names (on builders and on the nested types users build).
    pub setter: Setter,
    /// Set when another field of the struct has the same wire name but for letter case, and the API
    /// prefers that one.
    pub case_variant: Option<CaseVariant>,
    /// Where a response field is read from (always [`Origin::Body`] but for the top-level fields
    /// of a response with a [`Binding`]).
    pub origin: Origin,
}

impl Field {
    /// A field with only a wire name, a type, documentation and an origin: not required, no
    /// constraint, no rule; its ident and setter are named with its siblings afterwards.
    pub fn plain(wire: &str, ty: Type, docs: Docs, origin: Origin) -> Field {
        Field {
            wire: wire.to_string(),
            ident: String::new(),
            ty,
            required: false,
            docs,
            example: None,
            default: None,
            deprecated: false,
            constraints: Constraints::default(),
            rules: Vec::new(),
            dropped: Vec::new(),
            setter: Setter { name: String::new(), set_all: None },
            case_variant: None,
            origin,
        }
    }
}

/// A field whose wire name differs only by letter case from a sibling the API prefers (ECS
/// documents `Tag.N.key` "for compatibility" beside `Tag.N.Key`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseVariant {
    /// The preferred sibling's wire name.
    pub preferred_wire: String,
    /// The preferred sibling's Rust identifier.
    pub preferred_ident: String,
    /// Whether the description says this spelling is kept for compatibility only (emitted as
    /// `#[deprecated]`).
    pub deprecated: bool,
}

/// The methods that set a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setter {
    /// The setter (`ecr_id`), or for lists the method appending one item (`tag`). A name that a
    /// derived trait or the builder already uses gets a `set_` prefix.
    pub name: String,
    /// For lists, the method replacing every item (`set_tag`), when that name is free.
    pub set_all: Option<String>,
}

/// A check `build()` makes on a field, decided by the checker from the type and the constraints.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// Never echo the value in a report.
    Secret,
    /// Must be set (`Some`, or a non-empty list).
    Required,
    /// Length in characters.
    Length {
        /// Fewest characters.
        min: Option<u64>,
        /// Most characters.
        max: Option<u64>,
    },
    /// Must match an anchored regular expression.
    Pattern(String),
    /// One of these integers.
    OneOf(Vec<i64>),
    /// Numeric bounds.
    Range {
        /// Lower bound.
        min: Option<Bound>,
        /// Upper bound.
        max: Option<Bound>,
        /// Whether the value is a float (bounds are written as float literals).
        float: bool,
    },
    /// Must not start with any of these.
    NotStartsWith(Vec<String>),
    /// Must not contain any of these.
    NotContains(Vec<String>),
    /// Number of items of a list.
    Items {
        /// Fewest items.
        min: Option<u64>,
        /// Most items.
        max: Option<u64>,
    },
    /// A value-set field must hold a documented value, not the catch-all.
    Known,
    /// Check inside a nested struct (or each nested struct of a list).
    Nested,
    /// Apply these rules to each item of a list.
    Each(Vec<Rule>),
}

impl Rule {
    /// Whether lenient validation (`Validation::RequiredOnly`) keeps this rule: only what finds
    /// missing required fields, at any depth (and `Secret`, which only hides values).
    pub fn kept_when_lenient(&self) -> bool {
        matches!(self, Rule::Secret | Rule::Required | Rule::Nested)
    }

    /// A rule in words, for documentation (`3 to 63 characters`, `must match \`^[a-z]+$\``).
    pub fn describe(&self) -> String {
        let span = |min: Option<u64>, max: Option<u64>, unit: &str| match (min, max) {
            (Some(a), Some(b)) if a == b => format!("exactly {a} {unit}"),
            (Some(a), Some(b)) => format!("{a} to {b} {unit}"),
            (Some(a), None) => format!("at least {a} {unit}"),
            (None, Some(b)) => format!("at most {b} {unit}"),
            (None, None) => String::new(),
        };
        let list = |items: &[String]| items.iter().map(|s| format!("`{}`", code(s))).collect::<Vec<_>>().join(", ");
        match self {
            Rule::Secret => "never shown in error reports".into(),
            Rule::Required => "required".into(),
            Rule::Length { min, max } => span(*min, *max, "characters"),
            Rule::Pattern(p) => format!("must match `{}`", code(p)),
            Rule::OneOf(values) => {
                let v: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
                format!("one of {}", v.join(", "))
            }
            Rule::Range { min, max, .. } => {
                let lo = min.map(|b| format!("{} {}", if b.exclusive { "above" } else { "at least" }, bound_text(&b)));
                let hi = max.map(|b| format!("{} {}", if b.exclusive { "below" } else { "at most" }, bound_text(&b)));
                match (lo, hi) {
                    (Some(a), Some(b)) => format!("{a} and {b}"),
                    (Some(a), None) | (None, Some(a)) => a,
                    (None, None) => String::new(),
                }
            }
            Rule::NotStartsWith(p) => format!("must not start with {}", list(p)),
            Rule::NotContains(p) => format!("must not contain {}", list(p)),
            Rule::Items { min, max } => span(*min, *max, "items"),
            Rule::Known => "a documented value".into(),
            Rule::Nested => "checked inside".into(),
            Rule::Each(inner) => {
                let words: Vec<String> = inner.iter().map(Rule::describe).filter(|w| !w.is_empty()).collect();
                format!("each item: {}", words.join(", "))
            }
        }
    }
}

/// A bound for words: `10`, `1.5`.
fn bound_text(b: &Bound) -> String {
    match b.value {
        Number::Int(i) => i.to_string(),
        Number::Float(f) => f.to_string(),
    }
}

/// Text for an inline code span: backticks and line breaks would end it.
fn code(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect::<String>().replace('`', "'")
}

/// A documented constraint that `build()` does not check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DroppedRule {
    /// The constraint, in words (`required`, `at most 64 characters`).
    pub rule: String,
    /// Why it is not checked.
    pub reason: String,
}

/// Wire names of the fields every Alibaba Cloud response may carry besides its own data. Responses
/// expose them as one runtime type (`alibabacloud_runtime::Envelope`, which reads any scalar
/// leniently); a response field with one of these names and a scalar type is left out of the
/// response struct, one of another type (an object, a value set) keeps its own field.
pub const ENVELOPE_FIELDS: &[&str] = &[
    "RequestId",
    "Code",
    "Message",
    "HttpStatusCode",
    "Success",
    "DynamicCode",
    "DynamicMessage",
    "AccessDeniedDetail",
];

/// The type of a value.
#[derive(Debug, Clone, PartialEq)]
pub enum Type {
    /// Text.
    String,
    /// Integer of 32 or 64 bits.
    Integer(IntWidth),
    /// Floating point number.
    Float,
    /// `true` or `false`.
    Boolean,
    /// A list.
    List(Box<Type>),
    /// A map with string keys.
    Map(Box<Type>),
    /// A struct shape of the product (its name in [`Product::shapes`]).
    Struct(String),
    /// A value-set shape of the product (its name in [`Product::shapes`]).
    Enum(String),
    /// Anything: kept as JSON.
    Any,
    /// The byte stream of a binary answer (only as the [`Origin::WholeBody`] field of a
    /// response).
    Stream,
}

/// Width of an integer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntWidth {
    /// `int32`
    I32,
    /// `int64` (also the default when no format is given)
    I64,
}

/// A named type other than request and response: the definition of a [`Shape`].
#[derive(Debug, Clone, PartialEq)]
pub enum NamedType {
    /// A nested object.
    Struct(Struct),
    /// A documented set of string values.
    Enum(ValueSet),
}

/// A documented set of string values, emitted as an enum with an `Unknown(String)` variant.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueSet {
    /// Rust type name.
    pub name: String,
    /// Documentation.
    pub docs: Docs,
    /// Variants in metadata order.
    pub variants: Vec<EnumVariant>,
    /// Name of the catch-all variant (`Unknown` unless a value took that name).
    pub unknown_variant: String,
}

/// One documented value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumVariant {
    /// Rust variant name, chosen from every value of the set at once (never by declaration order).
    pub ident: String,
    /// The value on the wire.
    pub value: String,
    /// Documentation (`enumValueTitles`).
    pub doc: Option<String>,
}

/// Constraints on one value, typed. Empty when the metadata states none.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    /// Minimum length in characters.
    pub min_length: Option<u64>,
    /// Maximum length in characters.
    pub max_length: Option<u64>,
    /// Anchored regular expression (checked to compile, linear-time).
    pub pattern: Option<String>,
    /// Allowed integer values (string value sets become [`Type::Enum`] instead).
    pub int_values: Vec<i64>,
    /// Lower bound.
    pub minimum: Option<Bound>,
    /// Upper bound.
    pub maximum: Option<Bound>,
    /// Minimum number of items.
    pub min_items: Option<u64>,
    /// Maximum number of items.
    pub max_items: Option<u64>,
    /// Prefixes the value must not start with.
    pub forbidden_prefixes: Vec<String>,
    /// Substrings the value must not contain.
    pub forbidden_substrings: Vec<String>,
    /// Never echo the value.
    pub secret: bool,
    /// Constraints on each item of a list.
    pub items: Option<Box<Constraints>>,
}

impl Constraints {
    /// Whether no constraint is set.
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }
}

/// A numeric bound.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bound {
    /// The limit.
    pub value: Number,
    /// Whether the limit itself is excluded.
    pub exclusive: bool,
}

/// A number from metadata, kept exact for integers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// An integer.
    Int(i64),
    /// A non-integer.
    Float(f64),
}

/// Where a request parameter goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamPlacement {
    /// Wire name.
    pub name: String,
    /// Location.
    pub location: Location,
    /// Serialization style.
    pub style: Style,
}

/// Parameter location (`in`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// Query string.
    Query,
    /// Form body (`formData`).
    Body,
    /// The whole request body (ROA `body`).
    RawBody,
    /// Path template segment.
    Path,
    /// HTTP header.
    Header,
    /// Host prefix (SLS `project`, OSS `bucket`): the host becomes `<value>.<endpoint>`.
    Host,
}

/// How a list or object is flattened (`style`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Scalars as text, lists comma-joined.
    Simple,
    /// `Tag.1.Key`.
    RepeatList,
    /// `Tag.1.Key` for lists, `Obj.Key` for objects.
    Flat,
    /// One JSON-encoded value.
    Json,
}

/// The variant of an error enum for codes the operation does not document. Documented codes
/// never take this name (a code `Unhandled` becomes `Unhandled2`).
pub const FALLBACK_VARIANT: &str = "Unhandled";

/// A documented error code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorCode {
    /// The code (`IncorrectStatus.Ecr`, `MissingParam.%s`).
    pub code: String,
    /// Variant name (`IncorrectStatusEcr`), unique within the error enum.
    pub variant: String,
    /// HTTP statuses it is documented under, ascending.
    pub statuses: Vec<u16>,
    /// Documented message.
    pub message: Option<String>,
    /// Documented description.
    pub description: Option<String>,
    /// For templated codes, the text before and after `%s`.
    pub template: Option<(String, String)>,
}

/// Response fields that say where a page stands.
#[derive(Debug, Clone, PartialEq)]
pub struct PageCounters {
    /// `TotalCount`.
    pub total_count: (String, Type),
    /// `PageNumber`, when present.
    pub page_number: Option<(String, Type)>,
    /// `PageSize`, when present.
    pub page_size: Option<(String, Type)>,
    /// Where the page's items are: a top-level list field (`[items]`), or a list inside a wrapper
    /// object (`[wrapper, items]`, as in `FlowLogs.FlowLog`); `None` when there is no single list.
    pub items: Option<Vec<String>>,
}

/// How a list operation pages.
#[derive(Debug, Clone, PartialEq)]
pub enum Pagination {
    /// `NextToken` in, `NextToken` out.
    Token {
        /// Request field ident carrying the token.
        request_token: String,
        /// Response field ident carrying the next token.
        response_token: String,
    },
    /// `PageNumber` and `PageSize` in, `TotalCount` out.
    PageNumber {
        /// Request field ident of the page number.
        page_number: String,
        /// Request field ident of the page size.
        page_size: String,
        /// Response counters: `TotalCount` always, `PageNumber` and `PageSize` when the response
        /// has them (ident and type, since services send them as numbers or as text).
        counters: PageCounters,
    },
}
