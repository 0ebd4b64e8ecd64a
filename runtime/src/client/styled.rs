//! Calls of every protocol ([`crate::binding`]): SLS, OSS, PDS, and ACS3 operations with raw,
//! XML or streamed bodies and answers whose headers matter.
//!
//! The generic shells ([`Client::call`], [`Client::call_with_body`], [`Client::call_streaming`])
//! validate, encode and parse; the work is done once, non-generically, by [`Client::send_styled`].

use std::sync::atomic::{AtomicU32, Ordering};

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{Client, RawFailure, ValidationMode};
use crate::binding::{self, Binding, BodyFormat, PreparedRequest, StyledRequest, Target};
use crate::body::{Body, ByteStream};
use crate::call::{CallOptions, ClientTokenPolicy, OperationRequest, StreamingRequest, RESERVED_HEADERS};
use crate::credentials::CredentialsError;
use crate::encode::Encode;
use crate::error::{ConstructionError, OperationError, SdkError, ServiceError, TransportError, TransportErrorKind};
use crate::operation::{Location, Operation};
use crate::sign;

const FORM: &str = "application/x-www-form-urlencoded";
/// Header prefixes the protocols' signers write (`x-log-date`, `x-oss-date`, ...) or sign with a
/// meaning of their own (`x-log-bodyrawsize`): a per-call header cannot set them.
const STYLED_RESERVED: &[&str] = &[
    "x-log-apiversion",
    "x-log-bodyrawsize",
    "x-log-signaturemethod",
    "x-log-date",
    "x-log-content-sha256",
    "x-oss-date",
    "x-oss-content-sha256",
    "x-oss-security-token",
    "date",
    "content-md5",
];
use crate::validate::Validate;

/// Response headers, names lowercase, in the order received.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Headers(Vec<(String, String)>);

impl Headers {
    /// Headers from `(name, value)` pairs (names are lowercased).
    pub fn new(pairs: impl IntoIterator<Item = (String, String)>) -> Self {
        Headers(pairs.into_iter().map(|(k, v)| (k.to_ascii_lowercase(), v)).collect())
    }

    /// The first value of `name` (case-insensitive).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The first value of `name`, parsed; `None` when absent or unreadable.
    pub fn parse<T: std::str::FromStr>(&self, name: &str) -> Option<T> {
        self.get(name).and_then(|v| v.trim().parse().ok())
    }

    /// The headers whose name starts with `prefix`, the prefix removed (`x-oss-meta-` gives the
    /// user metadata).
    pub fn with_prefix<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        self.0.iter().filter_map(move |(k, v)| k.strip_prefix(prefix).map(|rest| (rest, v.as_str())))
    }

    /// Every header.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

/// A successful answer: the value read from the body, and what came with it.
#[derive(Debug)]
#[non_exhaustive]
pub struct Output<T> {
    /// The body, read as the binding's response format says (or the stream itself).
    pub value: T,
    /// The HTTP status (2xx).
    pub status: u16,
    /// The response headers (SLS `x-log-progress`, OSS `ETag`, ...).
    pub headers: Headers,
    /// The request id, from the protocol's header.
    pub request_id: Option<String>,
    /// How many attempts the call took.
    pub attempts: u32,
}

impl<T> Output<T> {
    /// The same output with another value (`map(|v| v.len())`).
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Output<U> {
        Output {
            value: f(self.value),
            status: self.status,
            headers: self.headers,
            request_id: self.request_id,
            attempts: self.attempts,
        }
    }
}

/// A successful answer before its body is read.
#[derive(Debug)]
pub enum StyledBody {
    /// The body, read.
    Bytes(Vec<u8>),
    /// The body, still arriving.
    Stream(ByteStream),
}

impl Client {
    /// Calls `op` as `binding` says: validates `request` (unless lenient), encodes it, sends it
    /// with retries, and reads the answer's body into `Resp` (JSON, XML, text or nothing).
    pub async fn call<Req, Resp, E>(
        &self,
        op: &'static Operation,
        binding: &'static Binding,
        request: &Req,
    ) -> Result<Output<Resp>, SdkError<E>>
    where
        Req: Serialize + Validate + ?Sized,
        Resp: DeserializeOwned,
        E: OperationError,
    {
        let encoded = self.validate_and_encode(op, binding, request)?;
        let output = self.send_styled(op, binding, encoded, None, false).await.map_err(RawFailure::into_sdk_error)?;
        read_output(binding, output)
    }

    /// [`Client::call`] with a request body given as a [`Body`] (the metadata's binary body:
    /// `PutObject`, `InvokeFunction`, OCR images), streamed when the protocol allows.
    pub async fn call_with_body<Req, Resp, E>(
        &self,
        op: &'static Operation,
        binding: &'static Binding,
        request: &Req,
        body: Body,
    ) -> Result<Output<Resp>, SdkError<E>>
    where
        Req: Serialize + Validate + ?Sized,
        Resp: DeserializeOwned,
        E: OperationError,
    {
        let encoded = self.validate_and_encode(op, binding, request)?;
        let output =
            self.send_styled(op, binding, encoded, Some(body), false).await.map_err(RawFailure::into_sdk_error)?;
        read_output(binding, output)
    }

    /// Calls `op` and leaves the answer's body as a stream (`GetObject`, `InvokeFunction`); an
    /// error answer is still read and classified.
    pub async fn call_streaming<Req, E>(
        &self,
        op: &'static Operation,
        binding: &'static Binding,
        request: &Req,
        body: Option<Body>,
    ) -> Result<Output<ByteStream>, SdkError<E>>
    where
        Req: Serialize + Validate + ?Sized,
        E: OperationError,
    {
        let encoded = self.validate_and_encode(op, binding, request)?;
        let output = self.send_styled(op, binding, encoded, body, true).await.map_err(RawFailure::into_sdk_error)?;
        Ok(output.map(|body| match body {
            StyledBody::Stream(stream) => stream,
            StyledBody::Bytes(_) => unreachable!("send_styled streams when asked to"),
        }))
    }

    fn validate_and_encode<Req, E>(
        &self,
        op: &Operation,
        binding: &Binding,
        request: &Req,
    ) -> Result<StyledRequest, SdkError<E>>
    where
        Req: Serialize + Validate + ?Sized,
    {
        if self.inner.config.validation == ValidationMode::Strict {
            request.validate().map_err(SdkError::Validation)?;
        }
        binding::encode(op, binding, request).map_err(SdkError::Construction)
    }

    /// [`Client::execute`] with a request body given apart, as bytes or a stream (the
    /// metadata's binary body: `PutObject`, `InvokeFunction`, OCR images): for operations with a
    /// binding. Without a body it is [`Client::execute`].
    pub async fn execute_with_body<R: OperationRequest>(
        &self,
        request: &R,
        body: Option<Body>,
        options: &CallOptions,
    ) -> Result<R::Response, SdkError<R::Error>> {
        match (R::binding(), body) {
            (Some(binding), body) => self.execute_styled(request, binding, body, options).await,
            (None, None) => self.execute(request, options).await,
            (None, Some(_)) => Err(SdkError::Construction(ConstructionError::new(format!(
                "{} takes no request body apart from its parameters",
                R::operation().action
            )))),
        }
    }

    /// Sends a request whose answer is a byte stream ([`StreamingRequest`]): validated (unless
    /// lenient), encoded, signed and sent like [`Client::execute`]; a successful answer's body is
    /// handed over as it arrives, an error answer is read and classified.
    pub async fn execute_streaming<R: StreamingRequest>(
        &self,
        request: &R,
        body: Option<Body>,
        options: &CallOptions,
    ) -> Result<R::Response, SdkError<R::Error>> {
        let (op, binding) = (R::operation(), R::binding());
        let encoded = self.check_and_encode(request, op, binding, options)?;
        let output = self
            .send_styled_with(op, binding, encoded, body, true, options)
            .await
            .map_err(RawFailure::into_sdk_error)?;
        Ok(R::read_stream(output.map(|body| match body {
            StyledBody::Stream(stream) => stream,
            StyledBody::Bytes(_) => unreachable!("send_styled_with streams when asked to"),
        })))
    }

    /// [`Client::execute`] of a request with a binding.
    pub(crate) async fn execute_styled<R: OperationRequest>(
        &self,
        request: &R,
        binding: &'static Binding,
        body: Option<Body>,
        options: &CallOptions,
    ) -> Result<R::Response, SdkError<R::Error>> {
        let op = R::operation();
        let encoded = self.check_and_encode(request, op, binding, options)?;
        let output = self
            .send_styled_with(op, binding, encoded, body, false, options)
            .await
            .map_err(RawFailure::into_sdk_error)?;
        let output = output.map(|body| match body {
            StyledBody::Bytes(bytes) => bytes,
            StyledBody::Stream(_) => Vec::new(),
        });
        R::read_styled(output).map_err(SdkError::Response)
    }

    fn check_and_encode<R: Encode + Validate + ?Sized, E>(
        &self,
        request: &R,
        op: &Operation,
        binding: &Binding,
        options: &CallOptions,
    ) -> Result<StyledRequest, SdkError<E>> {
        if options.validation.unwrap_or(self.inner.config.validation) == ValidationMode::Strict {
            request.validate().map_err(SdkError::Validation)?;
        }
        request.encode_styled(op, binding).map_err(SdkError::Construction)
    }

    /// Where calls of `binding`'s protocol go: the configured endpoint, or the protocol's endpoint
    /// for the region.
    pub fn target_of(&self, op: &Operation, binding: &Binding) -> Target {
        let config = &self.inner.config;
        match &config.endpoint {
            Some(e) => {
                Target { scheme: e.scheme.clone(), authority: e.authority.clone(), base_path: e.base_path.clone() }
            }
            None => Target::https(binding.protocol.endpoint_for(op.service, &config.region)),
        }
    }

    /// Sends an encoded request with the configuration's settings; see
    /// [`Client::send_styled_with`].
    pub async fn send_styled(
        &self,
        op: &'static Operation,
        binding: &'static Binding,
        request: StyledRequest,
        body: Option<Body>,
        stream_answer: bool,
    ) -> Result<Output<StyledBody>, RawFailure> {
        self.send_styled_with(op, binding, request, body, stream_answer, &CallOptions::default()).await
    }

    /// Sends an encoded request (non-generic): fills in the `ClientToken`, prepares the request
    /// ([`binding::prepare`]), signs each attempt afresh ([`binding::sign_request`]), and retries
    /// retryable errors while the body can be sent again. With `stream_answer`, a successful
    /// answer's body is left as a stream. `options` overrides the configuration for this call
    /// (retries, timeouts, endpoint, extra headers, `ClientToken` policy, credentials), as for
    /// [`Client::send_with`].
    pub async fn send_styled_with(
        &self,
        op: &'static Operation,
        binding: &'static Binding,
        request: StyledRequest,
        body: Option<Body>,
        stream_answer: bool,
        options: &CallOptions,
    ) -> Result<Output<StyledBody>, RawFailure> {
        let attempts = AtomicU32::new(0);
        let call = self.styled_attempts(op, binding, request, body, stream_answer, options, &attempts);
        self.traced_call(op, options, &attempts, call).await
    }

    #[allow(clippy::too_many_arguments)]
    async fn styled_attempts(
        &self,
        op: &'static Operation,
        binding: &'static Binding,
        mut request: StyledRequest,
        body: Option<Body>,
        stream_answer: bool,
        options: &CallOptions,
        attempts: &AtomicU32,
    ) -> Result<Output<StyledBody>, RawFailure> {
        let config = &self.inner.config;
        let retry = options.retry.as_ref().unwrap_or(&config.retry);
        // These protocols always sign: an anonymous configuration cannot call them.
        let provider = options.credentials.as_ref().or(config.credentials.as_ref()).ok_or_else(|| {
            RawFailure::Credentials(CredentialsError::new(
                "configuration",
                format!("{:?} requests are signed; this client is configured without credentials", binding.protocol),
            ))
        })?;
        let target = match &options.endpoint {
            Some(e) => {
                let e = super::Endpoint::parse(e)
                    .map_err(|e| RawFailure::Construction(ConstructionError::new(e.to_string())))?;
                Target { scheme: e.scheme, authority: e.authority, base_path: e.base_path }
            }
            None => self.target_of(op, binding),
        };
        if let Some((name, _)) = options.headers.iter().find(|(name, _)| {
            let lower = name.to_ascii_lowercase();
            RESERVED_HEADERS.contains(&lower.as_str()) || STYLED_RESERVED.iter().any(|p| lower.starts_with(p))
        }) {
            return Err(RawFailure::Construction(ConstructionError::new(format!(
                "the header `{name}` is set by the client and cannot be overridden"
            ))));
        }
        request.headers.extend(options.headers.iter().map(|(k, v)| (k.to_ascii_lowercase(), v.clone())));
        if let Some(name) = op.client_token {
            let present = request.query.iter().chain(&request.headers).chain(&request.form).any(|(k, _)| k == name);
            let policy = options.client_token.as_ref().unwrap_or(&ClientTokenPolicy::Generate);
            if let Some(token) = policy.token().filter(|_| !present) {
                let token = (name.to_owned(), token);
                match op.param(name).map(|p| p.location) {
                    Some(Location::Header) => request.headers.push(token),
                    Some(Location::Body) if request.body.as_ref().map_or(true, |(_, t)| *t == FORM) => {
                        request.form.push(token);
                        request.body = Some((sign::canonical_query(&request.form).into_bytes(), FORM));
                    }
                    _ => request.query.push(token),
                }
            }
        }
        let mut body = match body {
            Some(body) if binding.protocol.signs_payload() || body.is_replayable() => {
                let bytes = body.into_bytes().await.map_err(|e| {
                    RawFailure::Construction(ConstructionError::new(format!("cannot read the request body: {e}")))
                })?;
                request.body = Some((bytes.to_vec(), "application/octet-stream"));
                None
            }
            Some(body) => {
                request.stream = Some(body.length());
                Some(body)
            }
            None => None,
        };
        {
            let prepared = binding::prepare(op, binding, request, &target).map_err(RawFailure::Construction)?;
            loop {
                let attempt = attempts.fetch_add(1, Ordering::Relaxed) + 1;
                // Asked at every attempt, so that a refreshed token signs the retry.
                let credentials = provider.provide_credentials().await.map_err(RawFailure::Credentials)?;
                let nonce = uuid::Uuid::new_v4().simple().to_string();
                let signed = binding::sign_request(
                    binding.protocol,
                    &prepared,
                    &credentials,
                    &config.region,
                    config.clock.now(),
                    &nonce,
                );
                let mut http_request =
                    self.build_styled(&prepared, &signed, &mut body).map_err(RawFailure::Construction)?;
                if let Some(limit) = options.attempt_timeout {
                    *http_request.timeout_mut() = Some(limit);
                }
                let replayable = !prepared.streamed;
                let failure = match config.http.execute(http_request).await {
                    Ok(response) => {
                        let status = response.status().as_u16();
                        let headers =
                            Headers::new(response.headers().iter().map(|(k, v)| {
                                (k.as_str().to_owned(), String::from_utf8_lossy(v.as_bytes()).into_owned())
                            }));
                        let request_id = headers.get(binding.protocol.request_id_header()).map(str::to_owned);
                        if (200..300).contains(&status) {
                            tracing::debug!(attempt, status, "attempt succeeded");
                            let value = if stream_answer {
                                StyledBody::Stream(ByteStream::new(response, attempt))
                            } else {
                                let bytes = response.bytes().await.map_err(|e| {
                                    RawFailure::Transport(TransportError::new(transport_kind(&e), attempt, e))
                                })?;
                                StyledBody::Bytes(bytes.to_vec())
                            };
                            return Ok(Output { value, status, headers, request_id, attempts: attempt });
                        }
                        let bytes = response.bytes().await.map(|b| b.to_vec()).unwrap_or_default();
                        let lookup = |name: &str| headers.get(name).map(str::to_owned);
                        let mut error = binding.protocol.parse_error(status, &lookup, &bytes);
                        error.headers = headers.0.clone();
                        error.attempts = attempt;
                        Failure::Service(Box::new(error))
                    }
                    Err(e) => Failure::Transport(e),
                };
                match failure {
                    Failure::Service(error) => {
                        let policy = retry;
                        let retry = replayable
                            && (policy.should_retry(&error) || binding.protocol.is_retryable(&error))
                            && !policy.never_retries(&error);
                        if retry && attempt < policy.max_attempts {
                            let delay = self.delay(policy, attempt, error.retry_after);
                            tracing::debug!(
                                attempt,
                                status = error.http_status,
                                code = %error.code,
                                retry_delay_ms = delay.as_millis() as u64,
                                "attempt failed; retrying"
                            );
                            tokio::time::sleep(delay).await;
                            continue;
                        }
                        tracing::debug!(attempt, status = error.http_status, code = %error.code, "attempt failed");
                        return Err(RawFailure::Service(error));
                    }
                    Failure::Transport(e) => {
                        let kind = transport_kind(&e);
                        let retryable = replayable && (kind != TransportErrorKind::Other || e.is_request());
                        if retryable && attempt < retry.max_attempts {
                            let delay = self.delay(retry, attempt, None);
                            tracing::debug!(attempt, error = %kind, retry_delay_ms = delay.as_millis() as u64, "attempt failed; retrying");
                            tokio::time::sleep(delay).await;
                            continue;
                        }
                        tracing::debug!(attempt, error = %kind, "attempt failed");
                        return Err(RawFailure::Transport(TransportError::new(kind, attempt, e.without_url())));
                    }
                }
            }
        }
    }

    fn build_styled(
        &self,
        prepared: &PreparedRequest,
        signed: &[(&'static str, String)],
        body: &mut Option<Body>,
    ) -> Result<reqwest::Request, ConstructionError> {
        let mut request = self.request_head(prepared.method.as_str(), &prepared.url(), &prepared.headers, signed)?;
        if prepared.streamed {
            match Body::take_for_attempt(body) {
                Some(stream) => *request.body_mut() = Some(stream),
                None => return Err(ConstructionError::new("a streamed body cannot be sent twice")),
            }
        } else if !prepared.body.is_empty() {
            *request.body_mut() = Some(prepared.body.clone().into());
        }
        Ok(request)
    }
}

fn transport_kind(e: &reqwest::Error) -> TransportErrorKind {
    if e.is_timeout() {
        TransportErrorKind::Timeout
    } else if e.is_connect() {
        TransportErrorKind::Connect
    } else {
        TransportErrorKind::Other
    }
}

fn read_output<Resp: DeserializeOwned, E>(
    binding: &Binding,
    output: Output<StyledBody>,
) -> Result<Output<Resp>, SdkError<E>> {
    let bytes = match &output.value {
        StyledBody::Bytes(bytes) => bytes.as_slice(),
        StyledBody::Stream(_) => &[],
    };
    let format = if binding.response == BodyFormat::Binary { BodyFormat::None } else { binding.response };
    let value = binding::decode_body(format, output.status, bytes).map_err(SdkError::Response)?;
    Ok(output.map(|_| value))
}

/// Why one attempt failed.
enum Failure {
    Service(Box<ServiceError>),
    Transport(reqwest::Error),
}
