//! Check: raw metadata (JSON, kept lossless as `serde_json::Value` with key order preserved) →
//! the [`model`](crate::model). Every problem is reported to a [`Sink`] with its JSON pointer, and
//! checking goes on after an error so that one run shows them all.

mod binding;
mod constraints;
mod errors;
mod fields;
mod schema;
mod shapes;
mod surface;

use crate::diag::{join, Diagnostic, Sink};
use crate::model::*;
use crate::names::{self, Scope};
use serde_json::Value;
use std::path::Path;

/// Decodes, parses and checks one metadata file. Returns the product when no error was found, and
/// every diagnostic (errors and warnings) either way.
pub fn check_file(path: &Path, bytes: &[u8]) -> (Option<Product>, Vec<Diagnostic>) {
    let mut sink = Sink::new(path, None);
    let text = match decode(bytes, &mut sink) {
        Some(text) => text,
        None => return (None, sink.finish()),
    };
    let mut sink = Sink::new(path, Some(text));
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let mut diags = sink.finish();
            let (what, position) = crate::locate::json_error(text, &e);
            diags.push(Diagnostic {
                severity: crate::diag::Severity::Error,
                file: path.to_path_buf(),
                pointer: String::new(),
                line_col: Some(position),
                message: format!("the file is not valid JSON: {what}"),
                help: Some("fix the JSON syntax at the line and column shown (api-docs files are plain JSON: no comments, no trailing commas, no NaN)".into()),
            });
            return (None, diags);
        }
    };
    for dup in crate::locate::duplicate_keys(text) {
        sink.error(
            &dup,
            "this key appears twice in the same object",
            Some("remove one of the two entries; JSON readers disagree on which one wins".into()),
        );
    }
    let product = check_product(&value, path, &mut sink);
    let ok = !sink.has_errors();
    (product.filter(|_| ok), sink.finish())
}

/// Bytes → text: UTF-8 only, a leading BOM is skipped, an empty file is an error.
fn decode<'a>(bytes: &'a [u8], sink: &mut Sink<'_>) -> Option<&'a str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) if text.trim().is_empty() => {
            sink.error(
                "",
                "the file is empty",
                Some("an api-docs file is one JSON object with `info` and `apis`".into()),
            );
            None
        }
        Ok(text) => Some(text),
        Err(e) if e.error_len().is_none() => {
            sink.error(
                "",
                format!(
                    "the file ends in the middle of a UTF-8 character (at byte {}): it was probably truncated",
                    e.valid_up_to()
                ),
                Some("download or copy the file again".into()),
            );
            None
        }
        Err(e) => {
            sink.error(
                "",
                format!("the file is not valid UTF-8 (invalid byte at offset {})", e.valid_up_to()),
                Some("save the file as UTF-8".into()),
            );
            None
        }
    }
}

fn check_product(root: &Value, path: &Path, sink: &mut Sink<'_>) -> Option<Product> {
    let Some(obj) = root.as_object() else {
        sink.error(
            "",
            "the top level must be a JSON object",
            Some("an api-docs file is one JSON object with `info` and `apis`".into()),
        );
        return None;
    };
    let info = obj.get("info").and_then(Value::as_object);
    if info.is_none() {
        sink.error(
            "/info",
            "missing `info` object",
            Some("add `\"info\": {\"style\": \"RPC\", \"product\": \"...\", \"version\": \"YYYY-MM-DD\"}`".into()),
        );
    }
    let get_info = |key: &str| info.and_then(|i| i.get(key)).and_then(Value::as_str).map(str::to_string);
    let code = get_info("product").unwrap_or_default();
    let version = get_info("version").unwrap_or_default();
    if info.is_some() && code.trim().is_empty() {
        sink.error(
            "/info/product",
            "missing or empty product code",
            Some("set `info.product` to the product code, e.g. \"Vpc\"".into()),
        );
    }
    if info.is_some() && version.trim().is_empty() {
        sink.error(
            "/info/version",
            "missing or empty API version",
            Some("set `info.version`, e.g. \"2016-04-28\"".into()),
        );
    }
    shapes::product(&code, sink);
    shapes::version(&version, sink);
    let style = binding::style(get_info("style").as_deref(), obj.get("apis").and_then(Value::as_object), sink)?;
    let protocol = binding::protocol(&code);
    let module = match get_info("x-rust-module") {
        Some(m) if is_snake_ident(&m) && names::module(&m) == m => m,
        Some(m) => {
            sink.error(
                "/info/x-rust-module",
                format!("`{m}` is not a valid Rust module name"),
                Some("use lowercase ASCII letters, digits and `_`, starting with a letter".into()),
            );
            names::module(&code)
        }
        None => names::module(&code),
    };
    let endpoints = check_endpoints(obj.get("endpoints"), sink);
    let components = obj.get("components").and_then(|c| c.get("schemas")).and_then(Value::as_object);

    let mut operations = Vec::new();
    let mut shapes = Vec::new();
    match obj.get("apis") {
        Some(Value::Object(apis)) => {
            // `types` holds the product's shared shapes.
            let mut modules = Scope::with_reserved(&["types"]);
            let mut types = Scope::with_reserved(names::RESERVED_TYPES);
            // The client's own methods.
            let mut methods =
                Scope::with_reserved(&["new", "from_runtime", "runtime", "send", "send_with", "clone", "fmt"]);
            let mut collector = surface::Collector::default();
            let mut sorted: Vec<(&String, &Value)> = apis.iter().collect();
            sorted.sort_by(|a, b| a.0.cmp(b.0));
            let ctx = schema::Ctx { components, style, protocol, convention: convention(style, apis) };
            for (action, api) in sorted {
                let pointer = join("/apis", action);
                let mut scopes = Scopes { modules: &mut modules, types: &mut types, methods: &mut methods };
                if let Some(op) = check_operation(action, api, &pointer, &ctx, &mut scopes, &mut collector, sink) {
                    operations.push(op);
                }
            }
            shapes = collector.finish(&mut operations, types);
            for op in &mut operations {
                // A binary body is read once: such a request cannot be sent page after page.
                if op.binding.as_ref().is_some_and(|b| b.body.is_some()) {
                    continue;
                }
                op.pagination = detect_pagination(&op.request, &op.response, &shapes);
                if op.pagination.is_some() {
                    op.names.paginator = Some(methods.take(&format!("{}_pages", names::unraw(&op.names.method))));
                }
            }
        }
        Some(_) => sink.error("/apis", "`apis` must be an object keyed by action name", None),
        None => sink.error("/apis", "missing `apis` object", Some("add `\"apis\": {\"<Action>\": {...}}`".into())),
    }
    let endpoint_prefix = match protocol {
        Protocol::Acs3 => endpoint_prefix(&endpoints, &code),
        _ => code.to_ascii_lowercase(),
    };
    Some(Product {
        source: path.to_path_buf(),
        code,
        version,
        style,
        protocol,
        module,
        endpoint_prefix,
        endpoints,
        shapes,
        operations,
    })
}

/// The letter case a product's parameter names follow: PascalCase for RPC; for ROA, the case most
/// parameter names start with (camelCase on a tie).
fn convention(style: ApiStyle, apis: &serde_json::Map<String, Value>) -> names::Convention {
    if style == ApiStyle::Rpc {
        return names::Convention::Pascal;
    }
    let (mut upper, mut lower) = (0usize, 0usize);
    for api in apis.values() {
        for p in api.get("parameters").and_then(Value::as_array).into_iter().flatten() {
            match p.get("name").and_then(Value::as_str).and_then(|n| n.chars().find(|c| c.is_alphabetic())) {
                Some(c) if c.is_uppercase() => upper += 1,
                Some(_) => lower += 1,
                None => {}
            }
        }
    }
    if upper > lower {
        names::Convention::Pascal
    } else {
        names::Convention::Camel
    }
}

/// The product-wide name scopes an operation takes its names from.
struct Scopes<'s> {
    modules: &'s mut Scope,
    types: &'s mut Scope,
    methods: &'s mut Scope,
}

fn is_snake_ident(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && names::snake(s) == s
}

/// The endpoint prefix: the first label most endpoints share (`vpc` of `vpc.cn-hangzhou...`), or
/// the lower-cased product code.
fn endpoint_prefix(endpoints: &[(String, String)], code: &str) -> String {
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for (_, host) in endpoints {
        if let Some(label) = host.split('.').next() {
            *counts.entry(label).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(label, _)| label.to_string())
        .unwrap_or_else(|| code.to_ascii_lowercase())
}

fn check_endpoints(value: Option<&Value>, sink: &mut Sink<'_>) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let Some(value) = value else { return out };
    let Some(list) = value.as_array() else {
        sink.error("/endpoints", "`endpoints` must be an array of {regionId, endpoint}", None);
        return out;
    };
    for (i, e) in list.iter().enumerate() {
        let pointer = join("/endpoints", &i.to_string());
        let (region, host) = (e.get("regionId").and_then(Value::as_str), e.get("endpoint").and_then(Value::as_str));
        match (region, host) {
            (Some(r), Some(h))
                if shapes::region(r, &join(&pointer, "regionId"), sink)
                    & shapes::endpoint(h, &join(&pointer, "endpoint"), sink) =>
            {
                let h = h.trim();
                if let Some(prev) = out.iter().find(|(pr, _)| pr == r) {
                    if prev.1 != h {
                        sink.warning(
                            &pointer,
                            format!(
                                "region `{r}` is listed twice with different endpoints; the first (`{}`) is used",
                                prev.1
                            ),
                            None,
                        );
                    }
                } else {
                    out.push((r.to_string(), h.to_string()));
                }
            }
            (Some(_), Some(_)) => {} // reported by the shape checks
            _ => sink.error(&pointer, "an endpoint needs string `regionId` and `endpoint`", None),
        }
    }
    out.sort();
    out
}

fn check_operation<'a>(
    action: &str,
    api: &'a Value,
    pointer: &str,
    ctx: &schema::Ctx<'a>,
    scopes: &mut Scopes<'_>,
    shapes: &mut surface::Collector,
    sink: &mut Sink<'_>,
) -> Option<Operation> {
    let Some(api) = api.as_object() else {
        sink.error(pointer, "an operation must be a JSON object", None);
        return None;
    };
    if action.trim().is_empty() {
        sink.error(
            pointer,
            "an operation name is empty",
            Some("name the operation after its action, e.g. `CreateFlowLog`".into()),
        );
        return None;
    }
    shapes::action(action, pointer, sink);
    let camel = names::camel(action);
    // `Self_` alone is a fine type name, but `Self_Request` is not upper camel case.
    let stem = names::unraw(&camel).trim_end_matches('_').to_string();
    let names = OperationNames {
        request: scopes.types.take(&format!("{stem}Request")),
        builder: scopes.types.take(&format!("{stem}RequestBuilder")),
        response: scopes.types.take(&format!("{stem}Response")),
        error: scopes.types.take(&format!("{stem}Error")),
        method: scopes.methods.take(&names::snake(action)),
        paginator: None,
    };
    let module = scopes.modules.take(&names::module(action));
    let docs = Docs {
        title: text(api.get("title")),
        summary: text(api.get("summary")),
        description: text(api.get("description")),
    };
    let method = match preferred_method(api) {
        None => HttpMethod::Post,
        Some(m) => match m.to_ascii_lowercase().as_str() {
            "get" => HttpMethod::Get,
            "post" => HttpMethod::Post,
            "put" => HttpMethod::Put,
            "delete" => HttpMethod::Delete,
            "patch" => HttpMethod::Patch,
            "head" => HttpMethod::Head,
            "options" => HttpMethod::Options,
            other => {
                sink.error(
                    &join(pointer, "methods"),
                    format!("unknown HTTP method `{other}`"),
                    Some("use get, post, put, delete, patch, head or options".into()),
                );
                HttpMethod::Post
            }
        },
    };
    let path = match (ctx.style, api.get("path").and_then(Value::as_str)) {
        (ApiStyle::Rpc, _) => "/".to_string(),
        (_, Some(p)) if p.starts_with('/') => p.to_string(),
        (ApiStyle::Roa, _) => {
            sink.error(&join(pointer, "path"), "an ROA operation needs a `path` starting with `/`", None);
            "/".to_string()
        }
        // V3 operations without a path (arms, ocr-api) are sent as RPC ones: `/`.
        (_, None) => "/".to_string(),
        (_, Some(_)) => {
            sink.error(&join(pointer, "path"), "a `path` must start with `/`", None);
            "/".to_string()
        }
    };

    let mut request_fields = Vec::new();
    let mut params = Vec::new();
    let request_side = schema::Side { action, input: true };
    let params_ptr = join(pointer, "parameters");
    let mut seen: Vec<(String, String, &Value)> = Vec::new();
    let mut body = Body::default();
    match api.get("parameters") {
        None => {}
        Some(Value::Array(list)) => {
            for (i, p) in list.iter().enumerate() {
                let pp = join(&params_ptr, &i.to_string());
                let Some(name) = p.get("name").and_then(Value::as_str) else {
                    sink.error(&pp, "a parameter needs a string `name`", None);
                    continue;
                };
                if name.trim().is_empty() {
                    sink.error(
                        &join(&pp, "name"),
                        "a parameter name is empty: nothing could be sent for it",
                        Some("give the parameter its wire name".into()),
                    );
                    continue;
                }
                shapes::parameter_name(name, &join(&pp, "name"), sink);
                if let Some((_, first, prev)) = seen.iter().find(|(n, _, _)| n == name) {
                    if *prev == p {
                        sink.warning(&pp, format!("parameter `{name}` is declared twice, identically (first at {first}); the copy is ignored"), None);
                    } else {
                        sink.warning(
                            &pp,
                            format!(
                                "parameter `{name}` is declared twice with different definitions; the first (at {first}) is used"
                            ),
                            Some("keep one definition per parameter name".into()),
                        );
                    }
                    continue;
                }
                seen.push((name.to_string(), pp.clone(), p));
                if let Some(binary) = binding::binary_body(name, p) {
                    body.binary = Some(binary);
                    continue;
                }
                if let Some((field, placement)) = schema::check_param(name, p, &pp, ctx, shapes, &request_side, sink) {
                    match placement.location {
                        Location::Host if !binding::uses_host(ctx.protocol) => continue,
                        Location::RawBody => body.format = binding::request_format(api, p),
                        Location::Header if name.ends_with('*') && matches!(field.ty, Type::Map(_)) => {
                            body.header_map = true
                        }
                        _ if name.ends_with('*') => sink.warning(
                            &pp,
                            format!("`{name}` reads as a map of headers, but it is not a header parameter whose schema is a map; it is sent as one parameter of that name"),
                            Some("a map of headers is `in: header` with an `object` schema of `additionalProperties`".into()),
                        ),
                        _ => {}
                    }
                    request_fields.push(field);
                    params.push(placement);
                }
            }
        }
        Some(_) => sink.error(&params_ptr, "`parameters` must be an array", None),
    }
    fields::name_fields(&mut request_fields, ctx.convention);
    let response_side = schema::Side { action, input: false };
    let answer = check_response(api, &join(pointer, "responses"), ctx, shapes, &response_side, sink);
    let placeholders = binding::placeholders(&path);
    let whole_path = params.iter().any(|p| p.location == Location::Path && !placeholders.contains(&p.name.as_str()));
    let binding = (ctx.protocol != Protocol::Acs3
        || body.binary.is_some()
        || body.header_map
        || whole_path
        || answer.format != BodyFormat::Json
        || answer.whole.is_some()
        || !answer.headers.is_empty())
    .then(|| Binding {
        request: if body.binary.is_some() { BodyFormat::Binary } else { body.format },
        response: answer.format,
        body: body.binary,
    });
    let mut response_fields = answer.fields;
    response_fields.retain(|f| !is_envelope(f));
    if binding.is_some() {
        response_fields.extend(answer.whole);
        response_fields.extend(answer.headers);
    }
    fields::name_fields(&mut response_fields, ctx.convention);
    let errors = errors::check_errors(api.get("errorCodes"), &join(pointer, "errorCodes"), sink);

    let request = Struct {
        name: names.request.clone(),
        // The emitters say what a request and a response are.
        docs: Docs::default(),
        role: Role::Input,
        fields: request_fields,
    };
    let response =
        Struct { name: names.response.clone(), docs: Docs::default(), role: Role::Output, fields: response_fields };
    let client_token =
        request.fields.iter().find(|f| f.wire == "ClientToken" && f.ty == Type::String).map(|f| f.wire.clone());
    Some(Operation {
        action: action.to_string(),
        module,
        names,
        docs,
        deprecated: api.get("deprecated").and_then(Value::as_bool).unwrap_or(false),
        method,
        path,
        request,
        params,
        response,
        errors,
        client_token,
        // Decided once the product's shapes are known.
        pagination: None,
        binding,
    })
}

/// The method of `methods` the request goes out with: the first listed, but POST when it is listed
/// and a parameter travels in the body (`in: body` or `formData`), as the official SDKs send
/// them: 72 ocr-api operations list `get` first and take an image as their body, a GET with a body
/// that proxies may drop.
fn preferred_method(api: &serde_json::Map<String, Value>) -> Option<&str> {
    let methods: Vec<&str> = api.get("methods").and_then(Value::as_array)?.iter().filter_map(Value::as_str).collect();
    let has_body = api
        .get("parameters")
        .and_then(Value::as_array)
        .is_some_and(|ps| ps.iter().any(|p| matches!(p.get("in").and_then(Value::as_str), Some("body" | "formData"))));
    let post = methods.iter().copied().find(|m| m.eq_ignore_ascii_case("post"));
    match post {
        Some(post) if has_body => Some(post),
        _ => methods.first().copied(),
    }
}

/// What an operation's parameters say about its request body.
struct Body {
    /// How the body parameter is written.
    format: BodyFormat,
    /// A binary body, left out of the request type.
    binary: Option<BinaryBody>,
    /// Whether a header parameter is a map (`x-oss-meta-*`).
    header_map: bool,
}

impl Default for Body {
    fn default() -> Self {
        Body { format: BodyFormat::None, binary: None, header_map: false }
    }
}

/// What the success answer is made of.
struct Answer {
    /// How its body is read.
    format: BodyFormat,
    /// The body's fields (an object answer).
    fields: Vec<Field>,
    /// The field holding the whole body, when it is not an object.
    whole: Option<Field>,
    /// Fields read from documented headers.
    headers: Vec<Field>,
}

/// Whether a response field is one of the common envelope's: one of its names, and a scalar (the
/// envelope reads any scalar; an object or a value set keeps its own field).
fn is_envelope(f: &Field) -> bool {
    ENVELOPE_FIELDS.contains(&f.wire.as_str())
        && matches!(f.ty, Type::String | Type::Integer(_) | Type::Float | Type::Boolean)
}

/// The success answer: its schema's fields, or for a protocol other than plain ACS3 JSON (or an
/// answer that is no object) what the binding reads: the whole body, the documented headers.
fn check_response<'a>(
    api: &'a serde_json::Map<String, Value>,
    pointer: &str,
    ctx: &schema::Ctx<'a>,
    shapes: &mut surface::Collector,
    side: &schema::Side<'_>,
    sink: &mut Sink<'_>,
) -> Answer {
    let mut answer = Answer { format: BodyFormat::Json, fields: Vec::new(), whole: None, headers: Vec::new() };
    let Some(responses) = api.get("responses").and_then(Value::as_object) else { return answer };
    let Some((status, resp)) = responses.iter().find(|(s, _)| s.starts_with('2')).or_else(|| responses.iter().next())
    else {
        return answer;
    };
    let sp = join(pointer, status);
    answer.headers = binding::response_headers(resp.get("headers"), &join(&sp, "headers"), sink);
    let rp = join(&sp, "schema");
    let schema = resp.get("schema");
    match binding::answer(schema.and_then(|s| schema::resolved(s, ctx))) {
        binding::Answer::Nothing => {
            answer.format = if ctx.protocol == Protocol::Acs3 { BodyFormat::Json } else { BodyFormat::None }
        }
        binding::Answer::Object => answer.format = binding::object_format(api),
        binding::Answer::Bytes => {
            answer.format = BodyFormat::Binary;
            let docs = Docs { title: None, summary: None, description: None };
            answer.whole = Some(binding::whole_body_field(Type::Stream, docs));
            return answer;
        }
        binding::Answer::Whole(whole, format) => {
            answer.format = format;
            let hint = format!("{}Item", names::camel(side.action));
            if let Some(ty) = schema::check_body_type(&hint, whole, &rp, ctx, shapes, side, sink) {
                let docs = Docs {
                    title: text(whole.get("title")),
                    summary: None,
                    description: text(whole.get("description")),
                };
                answer.whole = Some(binding::whole_body_field(ty, docs));
            }
            return answer;
        }
    }
    if let Some(schema) = schema {
        answer.fields = schema::check_response_schema(schema, &rp, ctx, shapes, side, sink);
    }
    answer
}

fn detect_pagination(request: &Struct, response: &Struct, shapes: &[Shape]) -> Option<Pagination> {
    let req = |wire: &str| request.fields.iter().find(|f| f.wire == wire);
    let resp = |wire: &str| response.fields.iter().find(|f| f.wire == wire);
    if let (Some(rt), Some(nt)) = (req("NextToken"), resp("NextToken")) {
        if rt.ty == Type::String && nt.ty == Type::String {
            return Some(Pagination::Token { request_token: rt.ident.clone(), response_token: nt.ident.clone() });
        }
    }
    let counter = |wire: &str| {
        resp(wire).filter(|f| matches!(f.ty, Type::Integer(_) | Type::String)).map(|f| (f.ident.clone(), f.ty.clone()))
    };
    if let (Some(pn), Some(ps), Some(total_count)) = (req("PageNumber"), req("PageSize"), counter("TotalCount")) {
        if matches!(pn.ty, Type::Integer(_)) && matches!(ps.ty, Type::Integer(_)) {
            return Some(Pagination::PageNumber {
                page_number: pn.ident.clone(),
                page_size: ps.ident.clone(),
                counters: PageCounters {
                    total_count,
                    page_number: counter("PageNumber"),
                    page_size: counter("PageSize"),
                    items: items_path(response, shapes),
                },
            });
        }
    }
    None
}

/// The one list of a paged response: a top-level list field, or the one list field of the one
/// top-level object field that holds a list (Alibaba wraps lists: `FlowLogs: {FlowLog: [...]}`).
fn items_path(response: &Struct, shapes: &[Shape]) -> Option<Vec<String>> {
    let lists: Vec<&Field> = response.fields.iter().filter(|f| matches!(f.ty, Type::List(_))).collect();
    if let [only] = lists.as_slice() {
        return Some(vec![only.ident.clone()]);
    }
    if !lists.is_empty() {
        return None;
    }
    let wrapped: Vec<Vec<String>> = response
        .fields
        .iter()
        .filter_map(|f| {
            let Type::Struct(name) = &f.ty else { return None };
            let inner = shapes.iter().find_map(|t| match &t.def {
                NamedType::Struct(s) if &s.name == name => Some(s),
                _ => None,
            })?;
            let inner_lists: Vec<&Field> = inner.fields.iter().filter(|g| matches!(g.ty, Type::List(_))).collect();
            match inner_lists.as_slice() {
                [only] => Some(vec![f.ident.clone(), only.ident.clone()]),
                _ => None,
            }
        })
        .collect();
    match wrapped.as_slice() {
        [only] => Some(only.clone()),
        _ => None,
    }
}

/// A non-blank string, trimmed.
pub(crate) fn text(v: Option<&Value>) -> Option<String> {
    v.and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}
