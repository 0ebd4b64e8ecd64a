//! The checked model: the generator's own description of an API, built from raw metadata by
//! [`crate::check`] and read by every emitter.
//!
//! Everything here is already validated: names are unique and valid Rust identifiers, constraints
//! are typed and consistent, `$ref`s are resolved. Emitters never look at raw JSON; the checker never
//! writes Rust. Collections are `Vec`s in a deterministic order (operations by name, fields and
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
    /// API style.
    pub style: ApiStyle,
    /// Rust module name (`vpc`, `ecr`): `info.x-rust-module`, else the snake-cased product code.
    pub module: String,
    /// Prefix of the default endpoint (`vpc` for `vpc.<region>.aliyuncs.com`).
    pub endpoint_prefix: String,
    /// Region → endpoint host, sorted by region.
    pub endpoints: Vec<(String, String)>,
    /// Operations, sorted by action name.
    pub operations: Vec<Operation>,
}

/// The API style of a product.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiStyle {
    /// `POST /` with the action in headers and parameters in query and form.
    Rpc,
    /// REST-like: path templates, path/header/body parameters, any method.
    Roa,
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
    /// The success response body.
    pub response: Struct,
    /// Every named type the operation needs besides request and response (nested objects and value
    /// sets), in the order they were first met.
    pub types: Vec<NamedType>,
    /// Documented error codes, in metadata order, one per distinct code.
    pub errors: Vec<ErrorCode>,
    /// Wire name of the idempotency parameter (`ClientToken`), when the operation has one.
    pub client_token: Option<String>,
    /// How to page through results, when the operation is a paged list.
    pub pagination: Option<Pagination>,
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
}

/// A struct: request, response or a nested object.
#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    /// Rust type name, unique within the operation module.
    pub name: String,
    /// Documentation.
    pub docs: Docs,
    /// Fields in metadata order.
    pub fields: Vec<Field>,
}

/// One field of a struct.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Wire name (`EcrId`).
    pub wire: String,
    /// Rust identifier (`ecr_id`), unique within the struct; `r#type` for keywords.
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
    /// Constraints on the value.
    pub constraints: Constraints,
}

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
    /// A named struct in the operation module (index into `Operation::types`).
    Struct(String),
    /// A named value set (enum) in the operation module.
    Enum(String),
    /// Anything: kept as JSON.
    Any,
}

/// Width of an integer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntWidth {
    /// `int32`
    I32,
    /// `int64` (also the default when no format is given)
    I64,
}

/// A named type other than request and response.
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
    /// Rust variant name.
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
    /// Host prefix.
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
