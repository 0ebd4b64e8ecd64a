//! One API operation: its action, HTTP binding and how each parameter travels on the wire.

use crate::Service;

/// An API operation, written by generated code as a `static`.
///
/// ```
/// use alibabacloud_runtime::{Location, Method, Operation, ParamSpec, Service, Style};
///
/// static SERVICE: Service = Service {
///     product: "Vpc",
///     version: "2016-04-28",
///     endpoint_prefix: "vpc",
///     endpoints: &[],
/// };
///
/// pub static OPERATION: Operation = Operation {
///     service: &SERVICE,
///     action: "CreateFlowLog",
///     method: Method::Post,
///     path: "/",
///     client_token: None,
///     params: &[
///         ParamSpec::new("RegionId", Location::Query, Style::Simple),
///         ParamSpec::new("Tag", Location::Query, Style::RepeatList),
///     ],
/// };
///
/// assert_eq!(OPERATION.param("Tag").unwrap().style, Style::RepeatList);
/// ```
#[derive(Debug)]
pub struct Operation {
    /// The product and version the operation belongs to.
    pub service: &'static Service,
    /// The action name, sent as `x-acs-action` (`CreateFlowLog`).
    pub action: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The request path: `/` for RPC-style operations; ROA paths may hold `{Name}` or `[Name]`
    /// placeholders filled from [`Location::Path`] parameters.
    pub path: &'static str,
    /// The wire name of the idempotency parameter (`ClientToken`), if the operation has one. The
    /// client generates a value when the caller gives none and keeps it across retries.
    pub client_token: Option<&'static str>,
    /// Every request parameter, by wire name.
    pub params: &'static [ParamSpec],
}

impl Operation {
    /// The parameter with wire name `name`.
    pub fn param(&self, name: &str) -> Option<&'static ParamSpec> {
        self.params.iter().find(|p| p.name == name)
    }
}

/// How one request parameter is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParamSpec {
    /// The wire name, which is also the key the request serializes the field under.
    pub name: &'static str,
    /// Where the parameter goes.
    pub location: Location,
    /// How lists and objects are flattened.
    pub style: Style,
}

impl ParamSpec {
    /// A parameter spec; `const`, so it can stand in a `static` table.
    pub const fn new(name: &'static str, location: Location, style: Style) -> Self {
        ParamSpec { name, location, style }
    }
}

/// Where a parameter travels (the metadata's `in`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Location {
    /// The query string.
    Query,
    /// The form body (`application/x-www-form-urlencoded`; the metadata's `formData` / `body`).
    Body,
    /// A placeholder of the path.
    Path,
    /// A request header.
    Header,
    /// The whole request body, JSON-encoded (`application/json`; the metadata's `in: body` of
    /// ROA operations).
    JsonBody,
    /// A host prefix (the metadata's `in: host`): with the SLS and OSS bindings
    /// ([`crate::binding`]) the host becomes `<value>.<endpoint>`; [`crate::Client::invoke`] and
    /// the PDS binding do not send it.
    Host,
}

/// How a parameter's value is written (the metadata's `style`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Style {
    /// Scalars as text; lists joined with `,`.
    Simple,
    /// Lists and objects flattened into several parameters, 1-based: `Tag.1.Key`, `Tag.1.Value`.
    RepeatList,
    /// Same flattening as [`Style::RepeatList`] (the metadata uses it for objects).
    Flat,
    /// One parameter holding the JSON encoding of the value.
    Json,
    /// Lists joined with a space.
    SpaceDelimited,
    /// Lists joined with `|`.
    PipeDelimited,
}

/// An HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `DELETE`
    Delete,
    /// `PATCH`
    Patch,
    /// `HEAD`
    Head,
    /// `OPTIONS` (OSS `OptionObject`, a CORS preflight)
    Options,
}

impl Method {
    /// The method as written on the request line (`POST`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
            Method::Patch => "PATCH",
            Method::Head => "HEAD",
            Method::Options => "OPTIONS",
        }
    }
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static SERVICE: Service = Service { product: "Cbn", version: "2017-09-12", endpoint_prefix: "cbn", endpoints: &[] };

    static OP: Operation = Operation {
        service: &SERVICE,
        action: "CreateFlowlog",
        method: Method::Post,
        path: "/",
        client_token: Some("ClientToken"),
        params: &[
            ParamSpec::new("ClientToken", Location::Query, Style::Simple),
            ParamSpec { name: "Tag", location: Location::Body, style: Style::RepeatList },
        ],
    };

    #[test]
    fn statics_are_usable() {
        assert_eq!(OP.service.product, "Cbn");
        assert_eq!(OP.param("Tag").map(|p| p.location), Some(Location::Body));
        assert!(OP.param("Nope").is_none());
        assert_eq!(OP.method.to_string(), "POST");
    }
}
