//! The API surface the diff compares: what a user of the generated crate meets of one product,
//! normalised so that nothing cosmetic is left in it.
//!
//! These types are the diff's own, built from the checked [`model`](crate::model) by
//! [`extract`](super::extract) alone. Everything is keyed by wire name (operations by action,
//! members by wire name, values by their wire spelling, errors by code), so the order the metadata
//! lists things in never matters; numbers are already typed (`"5"` and `5` are one bound);
//! documentation is kept apart from everything else ([`Docs`]) so that it is counted, never
//! mistaken for an API change. The Rust names the generator gives each item sit next to the wire
//! names: the semver verdict is about them.

use std::collections::BTreeMap;

/// One product at one API version, as the generated crate exposes it.
#[derive(Debug, Clone, PartialEq)]
pub struct ProductSurface {
    /// Product code (`Vpc`).
    pub code: String,
    /// API version (`2016-04-28`).
    pub version: String,
    /// Rust module of the product (`vpc`).
    pub module: String,
    /// First label of the default host (`vpc` for `vpc.<region>.aliyuncs.com`).
    pub endpoint_prefix: String,
    /// The default host with `<region>` for the region (`vpc.<region>.aliyuncs.com`,
    /// `<region>.log.aliyuncs.com`).
    pub host_pattern: String,
    /// Region → host.
    pub endpoints: BTreeMap<String, String>,
    /// Operations by action.
    pub operations: BTreeMap<String, OperationSurface>,
}

impl ProductSurface {
    /// The host a region without an entry of its own is called at.
    pub fn default_host(&self, region: &str) -> String {
        self.host_pattern.replace("<region>", region)
    }
}

/// One operation.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationSurface {
    /// The action as the service spells it.
    pub action: String,
    /// Rust names of what the operation generates.
    pub rust: OperationNames,
    /// Whether the client method is `#[deprecated]`.
    pub deprecated: bool,
    /// Whether the request and response types are `#[non_exhaustive]` (adding a field then breaks
    /// no code).
    pub non_exhaustive: bool,
    /// HTTP method and path (`POST /`).
    pub http: String,
    /// Wire name of the idempotency parameter the client fills in when unset.
    pub client_token: Option<String>,
    /// Title, summary, description.
    pub docs: Docs,
    /// Request parameters, in metadata order (compared by wire name).
    pub request: Vec<Member>,
    /// Fields of the success response, in metadata order (compared by wire name).
    pub response: Vec<Member>,
    /// The error enum.
    pub errors: ErrorSet,
}

/// Rust names of an operation's items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationNames {
    /// Module of the operation (`create_flow_log`).
    pub module: String,
    /// Request type.
    pub request: String,
    /// Builder type of the request.
    pub builder: String,
    /// Response type.
    pub response: String,
    /// Error enum.
    pub error: String,
    /// Client method.
    pub method: String,
    /// Client method returning a stream of pages, for paged lists.
    pub paginator: Option<String>,
}

/// Labelled documentation texts (`description`, `example`, ...): compared label by label, and only
/// ever counted as documentation changes.
pub type Docs = BTreeMap<&'static str, String>;

/// A request parameter, a response field, or a field of a nested type.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// Wire name.
    pub wire: String,
    /// Rust field name.
    pub rust: String,
    /// Setter methods that write it (`tag` and `set_tag` for a list); none on output types.
    pub setters: Vec<String>,
    /// Where a top-level request parameter goes on the wire.
    pub placement: Option<Placement>,
    /// Whether `build()` refuses the request without it (the `required` rule is emitted and checked).
    pub required: bool,
    /// Whether the metadata marks it deprecated (a note in its documentation).
    pub deprecated: bool,
    /// Whether validation reports never quote its value.
    pub secret: bool,
    /// Documentation.
    pub docs: Docs,
    /// Its type and the rules checked on its value.
    pub shape: Shape,
}

/// Location and style of a request parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    /// `query`, `body` (form), `json body`, `path`, `header`, `host`.
    pub location: &'static str,
    /// `simple`, `repeatList`, `flat`, `json`.
    pub style: &'static str,
}

/// The type of a value with the rules the generated code checks on it. Rules are present only where
/// the generated code enforces them (request side, strict validation); a response value carries
/// none, since responses are never rejected.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// Text.
    Text(TextRules),
    /// Integer of `bits` (32 or 64) bits.
    Integer {
        /// 32 or 64.
        bits: u8,
        /// Checked bounds and allowed values.
        rules: NumberRules,
    },
    /// Floating-point number.
    Float(NumberRules),
    /// `bool`.
    Boolean,
    /// Untyped JSON.
    Json,
    /// The byte stream of a binary answer.
    Bytes,
    /// A list.
    List {
        /// The item.
        item: Box<Shape>,
        /// Checked minimum item count.
        min_items: Option<u64>,
        /// Checked maximum item count.
        max_items: Option<u64>,
    },
    /// A map with string keys.
    Map {
        /// The value.
        value: Box<Shape>,
    },
    /// A named struct.
    Struct(StructShape),
    /// A named value set.
    Enum(EnumShape),
}

/// Checked rules on text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextRules {
    /// Minimum length in characters.
    pub min_length: Option<u64>,
    /// Maximum length in characters.
    pub max_length: Option<u64>,
    /// Regular expression the value must match.
    pub pattern: Option<String>,
    /// Prefixes the value must not start with.
    pub forbidden_prefixes: Vec<String>,
    /// Substrings the value must not contain.
    pub forbidden_substrings: Vec<String>,
}

/// Checked rules on a number.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NumberRules {
    /// Lower bound.
    pub minimum: Option<Bound>,
    /// Upper bound.
    pub maximum: Option<Bound>,
    /// Allowed values (integers only; empty: any).
    pub values: Vec<i64>,
}

/// A numeric bound.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bound {
    /// The limit.
    pub value: f64,
    /// Whether the limit itself is excluded.
    pub exclusive: bool,
}

/// A named struct (a nested object).
#[derive(Debug, Clone, PartialEq)]
pub struct StructShape {
    /// Rust path of the type, from the product module (`create_flow_log::Tag`).
    pub rust: String,
    /// Whether it is `#[non_exhaustive]` (adding a field then breaks no code).
    pub non_exhaustive: bool,
    /// Documentation.
    pub docs: Docs,
    /// Fields.
    pub fields: Vec<Member>,
}

/// A named value set (an enum with a catch-all variant).
#[derive(Debug, Clone, PartialEq)]
pub struct EnumShape {
    /// Rust path of the type, from the product module.
    pub rust: String,
    /// Whether it is `#[non_exhaustive]` (adding a variant then breaks no `match`).
    pub non_exhaustive: bool,
    /// Whether the generated code rejects values outside the set (`known`, request side).
    pub checked: bool,
    /// Documentation.
    pub docs: Docs,
    /// Documented values.
    pub values: Vec<EnumValue>,
}

/// One documented value.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    /// The value on the wire.
    pub wire: String,
    /// Its variant.
    pub rust: String,
    /// Documentation.
    pub docs: Docs,
}

/// An operation's error enum.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorSet {
    /// Whether it is `#[non_exhaustive]`.
    pub non_exhaustive: bool,
    /// Variant that receives undocumented codes.
    pub fallback: String,
    /// Documented codes.
    pub codes: Vec<ErrorCode>,
}

/// One documented error code.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorCode {
    /// The code (`IncorrectStatus.Ecr`).
    pub code: String,
    /// Its variant.
    pub variant: String,
    /// Documentation (message, description, statuses).
    pub docs: Docs,
}

impl Shape {
    /// The Rust type of a value of this shape, as a user writes it.
    pub fn rust_type(&self) -> String {
        match self {
            Shape::Text(_) => "String".into(),
            Shape::Integer { bits, .. } => format!("i{bits}"),
            Shape::Float(_) => "f64".into(),
            Shape::Boolean => "bool".into(),
            Shape::Json => "json::Value".into(),
            Shape::Bytes => "ByteStream".into(),
            Shape::List { item, .. } => format!("Vec<{}>", item.rust_type()),
            Shape::Map { value } => format!("BTreeMap<String, {}>", value.rust_type()),
            Shape::Struct(s) => last_segment(&s.rust).into(),
            Shape::Enum(e) => last_segment(&e.rust).into(),
        }
    }

    /// A short wire-level description (`string`, `integer (int32)`, `array of object`, ...).
    pub fn wire_type(&self) -> String {
        match self {
            Shape::Text(_) => "string".into(),
            Shape::Integer { bits, .. } => format!("integer (int{bits})"),
            Shape::Float(_) => "number".into(),
            Shape::Boolean => "boolean".into(),
            Shape::Json => "any".into(),
            Shape::Bytes => "string (binary)".into(),
            Shape::List { item, .. } => format!("array of {}", item.wire_type()),
            Shape::Map { value } => format!("map of {}", value.wire_type()),
            Shape::Struct(_) => "object".into(),
            Shape::Enum(_) => "string value set".into(),
        }
    }
}

/// `Tag` of `create_flow_log::Tag`.
pub fn last_segment(path: &str) -> &str {
    path.rsplit("::").next().unwrap_or(path)
}
