//! Per-call overrides: [`CallOptions`], taken by [`crate::Client::invoke_with`] and
//! [`crate::Client::send_with`], change one call without building a second client.
//!
//! Generated fluent calls (`client.op().field(..).customize(|o| o.attempt_timeout(..)).send()`)
//! hand their options to `invoke_with`; today's per-operation methods call `invoke`, which is
//! `invoke_with` with [`CallOptions::default`] (everything from the [`crate::Config`]).

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::client::ValidationMode;
use crate::credentials::ProvideCredentials;
use crate::error::OperationError;
use crate::operation::Operation;
use crate::retry::RetryConfig;
use crate::validate::Validate;

/// How the client fills in an operation's idempotency parameter (`ClientToken`) when the
/// request has none. The same value is sent on every attempt of a call, so a retried create
/// creates once. A value set on the request always wins.
#[derive(Clone, Default)]
pub enum ClientTokenPolicy {
    /// A random UUID v4 per call (the default).
    #[default]
    Generate,
    /// Send none: the service treats the call as not idempotent.
    Omit,
    /// The value this function gives, once per call (say, derived from the caller's own
    /// request id, so that a call repeated after a crash is recognised by the service).
    With(Arc<dyn Fn() -> String + Send + Sync>),
}

impl ClientTokenPolicy {
    /// Always this token.
    ///
    /// ```
    /// use alibabacloud_runtime::ClientTokenPolicy;
    ///
    /// let policy = ClientTokenPolicy::fixed("order-42");
    /// assert_eq!(policy.token().as_deref(), Some("order-42"));
    /// assert_eq!(ClientTokenPolicy::Omit.token(), None);
    /// ```
    pub fn fixed(token: impl Into<String>) -> Self {
        let token: String = token.into();
        ClientTokenPolicy::With(Arc::new(move || token.clone()))
    }

    /// The token to send for one call, if any.
    pub fn token(&self) -> Option<String> {
        match self {
            ClientTokenPolicy::Generate => Some(uuid::Uuid::new_v4().to_string()),
            ClientTokenPolicy::Omit => None,
            ClientTokenPolicy::With(make) => Some(make()),
        }
    }
}

impl fmt::Debug for ClientTokenPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ClientTokenPolicy::Generate => "Generate",
            ClientTokenPolicy::Omit => "Omit",
            ClientTokenPolicy::With(_) => "With(..)",
        })
    }
}

/// Overrides for one call; unset fields keep the client's [`crate::Config`].
///
/// ```
/// use std::time::Duration;
/// use alibabacloud_runtime::{CallOptions, ClientTokenPolicy, RetryConfig, ValidationMode};
///
/// let options = CallOptions::new()
///     .attempt_timeout(Duration::from_secs(3))      // each attempt
///     .operation_timeout(Duration::from_secs(20))   // the whole call, retries included
///     .retry(RetryConfig::fixed(Duration::from_millis(500)).with_max_attempts(5))
///     .endpoint("https://vpc-vpc.cn-hangzhou.aliyuncs.com")
///     .validation(ValidationMode::Lenient)
///     .header("x-acs-resourcegroupid", "rg-123")
///     .client_token(ClientTokenPolicy::fixed("order-42"));
/// # let _ = options;
/// ```
#[derive(Clone, Default)]
#[non_exhaustive]
pub struct CallOptions {
    /// Retry settings for this call.
    pub retry: Option<RetryConfig>,
    /// Longest time for one attempt (connect, send, wait, read).
    pub attempt_timeout: Option<Duration>,
    /// Longest time for the whole call, retries and their delays included.
    pub operation_timeout: Option<Duration>,
    /// Endpoint for this call (same forms as [`crate::ConfigBuilder::endpoint`]).
    pub endpoint: Option<String>,
    /// Whether this call validates its request.
    pub validation: Option<ValidationMode>,
    /// Extra headers (`x-acs-*` ones are signed); names the client sets itself are refused.
    pub headers: Vec<(String, String)>,
    /// How a missing `ClientToken` is filled in.
    pub client_token: Option<ClientTokenPolicy>,
    /// Credentials for this call.
    pub credentials: Option<Arc<dyn ProvideCredentials>>,
}

impl fmt::Debug for CallOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CallOptions")
            .field("retry", &self.retry)
            .field("attempt_timeout", &self.attempt_timeout)
            .field("operation_timeout", &self.operation_timeout)
            .field("endpoint", &self.endpoint)
            .field("validation", &self.validation)
            .field("headers", &self.headers.iter().map(|(name, _)| name).collect::<Vec<_>>())
            .field("client_token", &self.client_token)
            .field("credentials", &self.credentials)
            .finish()
    }
}

impl CallOptions {
    /// No override.
    pub fn new() -> Self {
        Self::default()
    }

    /// Retry settings for this call.
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.retry = Some(retry);
        self
    }

    /// Longest time for one attempt.
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = Some(timeout);
        self
    }

    /// Longest time for the whole call, retries included.
    pub fn operation_timeout(mut self, timeout: Duration) -> Self {
        self.operation_timeout = Some(timeout);
        self
    }

    /// Sends this call to `endpoint`.
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = Some(endpoint.into());
        self
    }

    /// Validates this call's request (or not).
    pub fn validation(mut self, mode: ValidationMode) -> Self {
        self.validation = Some(mode);
        self
    }

    /// Adds a header.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// How a missing `ClientToken` is filled in.
    pub fn client_token(mut self, policy: ClientTokenPolicy) -> Self {
        self.client_token = Some(policy);
        self
    }

    /// Signs this call with these credentials.
    pub fn credentials(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.credentials = Some(Arc::new(provider));
        self
    }
}

/// A request type tied to its operation, response and error, so that one generic method can
/// send any request ([`crate::Client::execute`]). Generated code implements it for each
/// operation's request; fluent builders and a product client's `send(request)` then need no
/// per-operation glue beyond `build()`.
///
/// ```
/// use alibabacloud_runtime::{Location, Method, Operation, OperationRequest, ParamSpec, Service, ServiceError, Style};
///
/// static SERVICE: Service = Service { product: "Vpc", version: "2016-04-28", endpoint_prefix: "vpc", endpoints: &[] };
/// static OPERATION: Operation = Operation {
///     service: &SERVICE,
///     action: "DescribeRegions",
///     method: Method::Post,
///     path: "/",
///     client_token: None,
///     params: &[ParamSpec::new("RegionId", Location::Query, Style::Simple)],
/// };
///
/// #[derive(alibabacloud_runtime::Validate)]
/// struct DescribeRegionsRequest {
///     region_id: Option<String>,
/// }
///
/// impl alibabacloud_runtime::encode::Encode for DescribeRegionsRequest {
///     fn encode(&self, op: &Operation) -> Result<alibabacloud_runtime::wire::EncodedRequest, alibabacloud_runtime::error::ConstructionError> {
///         alibabacloud_runtime::encode::encode(op, &[&self.region_id])
///     }
/// }
///
/// #[derive(Default)]
/// struct DescribeRegionsResponse {}
///
/// impl alibabacloud_runtime::de::Object for DescribeRegionsResponse {
///     fn field(&mut self, _name: &str, _value: alibabacloud_runtime::json::Value) -> Result<bool, alibabacloud_runtime::de::Error> {
///         Ok(false)
///     }
/// }
///
/// impl OperationRequest for DescribeRegionsRequest {
///     type Response = DescribeRegionsResponse;
///     type Error = ServiceError;
///     fn operation() -> &'static Operation {
///         &OPERATION
///     }
/// }
/// // client.execute(&request, &CallOptions::default()).await
/// ```
pub trait OperationRequest: crate::encode::Encode + Validate + Send + Sync {
    /// What the operation answers.
    type Response: crate::de::Object;
    /// The operation's error enum.
    type Error: OperationError;
    /// The operation (the generated `OPERATION` static).
    fn operation() -> &'static Operation;

    /// The operation's binding (the generated `BINDING` static) when it does not travel as plain
    /// RPC/ROA JSON (SLS, OSS, PDS; raw, XML or text bodies; answers that are lists, text or
    /// carry documented headers): [`crate::Client::execute`] then encodes the request with
    /// [`crate::encode::Encode::encode_styled`], sends it with
    /// [`crate::Client::send_styled_with`] and reads the answer with
    /// [`OperationRequest::read_styled`]. `None` (the plain call) unless generated otherwise.
    fn binding() -> Option<&'static crate::binding::Binding> {
        None
    }

    /// Reads the answer of a call sent with [`OperationRequest::binding`]: generated for those
    /// operations (the body as the binding's response format says, the documented headers, the
    /// request id from the protocol's header). The default reads the body as a JSON object.
    fn read_styled(output: crate::Output<Vec<u8>>) -> Result<Self::Response, crate::error::ResponseError> {
        let raw = crate::client::RawResponse { status: output.status, body: output.value, attempts: output.attempts };
        crate::client::parse_response(&raw)
    }
}

/// A request whose answer is a byte stream (OSS `GetObject`, FC `InvokeFunction`): generated for
/// those operations instead of [`OperationRequest`], whose responses are read whole.
/// [`crate::Client::execute_streaming`] sends it; the response holds the stream and the documented
/// headers.
pub trait StreamingRequest: crate::encode::Encode + Validate + Send + Sync {
    /// The response: the stream and the headers.
    type Response;
    /// The operation's error enum.
    type Error: OperationError;
    /// The operation (the generated `OPERATION` static).
    fn operation() -> &'static Operation;
    /// The operation's binding (the generated `BINDING` static).
    fn binding() -> &'static crate::binding::Binding;
    /// The response from the answer.
    fn read_stream(output: crate::Output<crate::body::ByteStream>) -> Self::Response;
}

/// Headers the client writes itself; a [`CallOptions::header`] cannot replace them.
pub(crate) const RESERVED_HEADERS: &[&str] = &[
    "host",
    "authorization",
    "content-type",
    "content-length",
    "user-agent",
    "x-acs-action",
    "x-acs-version",
    "x-acs-date",
    "x-acs-signature-nonce",
    "x-acs-content-sha256",
    "x-acs-security-token",
];

/// What a fluent call carries besides its request: the client that sends it and this call's
/// [`CallOptions`]. Generated request builders take it as their sender
/// (`CreateFlowLogRequestBuilder<Fluent>`, which the product client's `create_flow_log()` returns),
/// and their `send()` hands the built request to [`Fluent::send`].
///
/// ```no_run
/// use alibabacloud_runtime::{CallOptions, Client, Config, Fluent, OperationRequest};
///
/// async fn send<R: OperationRequest>(client: &Client, request: &R) -> Result<R::Response, alibabacloud_runtime::SdkError<R::Error>> {
///     Fluent::new(client.clone())
///         .customize(|options| options.attempt_timeout(std::time::Duration::from_secs(3)))
///         .send(request)
///         .await
/// }
/// ```
#[cfg(feature = "client")]
#[derive(Debug, Clone)]
pub struct Fluent {
    client: crate::Client,
    options: CallOptions,
}

#[cfg(feature = "client")]
impl Fluent {
    /// A call through `client`, with the client's configuration.
    pub fn new(client: crate::Client) -> Self {
        Fluent { client, options: CallOptions::default() }
    }

    /// Changes this call's options (timeouts, retries, endpoint, validation, headers,
    /// `ClientToken` policy, credentials); what they leave unset comes from the client.
    pub fn customize(mut self, change: impl FnOnce(CallOptions) -> CallOptions) -> Self {
        self.options = change(self.options);
        self
    }

    /// This call's options.
    pub fn options(&self) -> &CallOptions {
        &self.options
    }

    /// Sends `request`: validated unless the options or the client say lenient, then encoded,
    /// signed, sent with retries and parsed ([`crate::Client::execute`]).
    pub async fn send<R: OperationRequest>(self, request: &R) -> Result<R::Response, crate::SdkError<R::Error>> {
        self.client.execute(request, &self.options).await
    }

    /// [`Fluent::send`] with a request body given apart ([`crate::Client::execute_with_body`]).
    pub async fn send_with_body<R: OperationRequest>(
        self,
        request: &R,
        body: Option<crate::body::Body>,
    ) -> Result<R::Response, crate::SdkError<R::Error>> {
        self.client.execute_with_body(request, body, &self.options).await
    }

    /// Sends a request whose answer streams ([`crate::Client::execute_streaming`]).
    pub async fn send_streaming<R: StreamingRequest>(
        self,
        request: &R,
        body: Option<crate::body::Body>,
    ) -> Result<R::Response, crate::SdkError<R::Error>> {
        self.client.execute_streaming(request, body, &self.options).await
    }
}

/// A fluent call that also carries a request body given as bytes or a stream (OSS `PutObject`,
/// FC `InvokeFunction`, OCR images): the sender of the request builders of those operations,
/// which a product client's method returns. Not `Clone`: a stream is sent once.
#[cfg(feature = "client")]
#[derive(Debug)]
pub struct FluentBody {
    fluent: Fluent,
    body: Option<crate::body::Body>,
}

#[cfg(feature = "client")]
impl FluentBody {
    /// A call through `client`, with the client's configuration and no body yet.
    pub fn new(client: crate::Client) -> Self {
        FluentBody { fluent: Fluent::new(client), body: None }
    }

    /// Changes this call's options ([`Fluent::customize`]).
    pub fn customize(mut self, change: impl FnOnce(CallOptions) -> CallOptions) -> Self {
        self.fluent = self.fluent.customize(change);
        self
    }

    /// The request body.
    pub fn body(mut self, body: crate::body::Body) -> Self {
        self.body = Some(body);
        self
    }

    /// This call's options.
    pub fn options(&self) -> &CallOptions {
        self.fluent.options()
    }

    /// Sends `request` with the body ([`Fluent::send_with_body`]).
    pub async fn send<R: OperationRequest>(self, request: &R) -> Result<R::Response, crate::SdkError<R::Error>> {
        self.fluent.send_with_body(request, self.body).await
    }

    /// Sends `request` with the body, the answer streaming ([`Fluent::send_streaming`]).
    pub async fn send_streaming<R: StreamingRequest>(
        self,
        request: &R,
    ) -> Result<R::Response, crate::SdkError<R::Error>> {
        self.fluent.send_streaming(request, self.body).await
    }
}
