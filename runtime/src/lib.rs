//! Runtime for generated Alibaba Cloud SDKs.
//!
//! Generated crates stand on this crate: field validation ([`validate`]), wire encoding,
//! signature V3, credentials, transport, retries and service errors.
//!
//! What generated code calls (see `docs/ARCHITECTURE.md`, "Contract 2"):
//!
//! - [`Service`] and [`Operation`] (with [`ParamSpec`], [`Location`], [`Style`], [`Method`]):
//!   `static` descriptions of each product and operation;
//! - [`Client::invoke`]: validate, encode ([`wire`]), sign ([`sign`]), send with retries
//!   ([`RetryConfig`]), parse; configured by [`Config`];
//! - [`OperationError`], [`ServiceError`], [`template_value`] and [`SdkError`] for errors;
//! - [`string_enum!`] for value-set enums, [`paginate`] for paginators;
//! - for the SLS, OSS and PDS protocols and for raw, XML or streamed bodies: a static
//!   [`binding::Binding`] per operation and [`Client::call`], [`Client::call_with_body`],
//!   [`Client::call_streaming`] ([`body::Body`], [`body::ByteStream`], [`Output`]).

#![deny(missing_docs)]

pub mod validate;

pub mod binding;
#[cfg(feature = "client")]
pub mod body;
#[cfg(feature = "client")]
pub mod client;
pub mod credentials;
pub mod de;
pub mod enums;
pub mod error;
pub mod operation;
#[cfg(feature = "client")]
pub mod paginate;
#[cfg(feature = "client")]
pub mod retry;
pub mod service;
pub mod sign;
#[cfg(all(feature = "client", any(test, feature = "test-util")))]
pub mod test_util;
pub mod wire;
pub mod xml;

pub use alibabacloud_macros::Validate;
#[cfg(feature = "client")]
pub use client::{Client, Config, ConfigBuilder, ConfigError, Headers, Output, ValidationMode};
pub use credentials::{Credentials, ProvideCredentials};
pub use error::{template_value, OperationError, SdkError, ServiceError};
pub use operation::{Location, Method, Operation, ParamSpec, Style};
#[cfg(feature = "client")]
pub use retry::RetryConfig;
pub use service::Service;
pub use validate::{KnownValue, Path, Report, Validate, Violation, ViolationKind};

/// `serde_json`, for fields of generated types whose metadata type is `any` (`json::Value`).
pub use serde_json as json;
