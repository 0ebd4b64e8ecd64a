//! Runtime for generated Alibaba Cloud SDKs.
//!
//! Generated crates stand on this crate: field validation ([`validate`]), wire encoding,
//! signature V3, credentials, transport, retries and service errors.
//!
//! What generated code calls (see `docs/ARCHITECTURE.md`, "Contract 2"):
//!
//! - [`Service`] and [`Operation`] (with [`ParamSpec`], [`Location`], [`Style`], [`Method`]):
//!   `static` descriptions of each product and operation;
//! - [`Client::invoke`]: validate, encode ([`encode::Encode`], into a [`wire::EncodedRequest`]),
//!   sign ([`sign`]), send with retries ([`RetryConfig`]), read the answer ([`de::Object`]);
//!   configured by [`Config`];
//! - [`OperationError`], [`ServiceError`], [`template_value`] and [`SdkError`] for errors;
//! - [`string_enum!`] for value-set enums, [`paginate`] for paginators.

#![deny(missing_docs)]

pub mod validate;

#[cfg(feature = "client")]
pub mod client;
pub mod credentials;
pub mod de;
pub mod encode;
pub mod enums;
pub mod envelope;
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

pub use alibabacloud_macros::Validate;
#[cfg(feature = "client")]
pub use client::{Client, Config, ConfigBuilder, ConfigError, ValidationMode};
pub use credentials::{Credentials, ProvideCredentials};
pub use envelope::Envelope;
pub use error::{template_value, OperationError, SdkError, ServiceError};
pub use operation::{Location, Method, Operation, ParamSpec, Style};
#[cfg(feature = "client")]
pub use retry::RetryConfig;
pub use service::Service;
pub use validate::{KnownValue, Path, Report, Validate, Violation, ViolationKind};

/// `serde_json`, for fields of generated types whose metadata type is `any` (`json::Value`).
pub use serde_json as json;
