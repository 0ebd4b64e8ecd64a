//! Runtime for generated Alibaba Cloud SDKs.
//!
//! Generated crates stand on this crate: field validation ([`validate`]), wire encoding,
//! signature V3, credentials, transport, retries and service errors.

pub mod validate;

pub use alibabacloud_macros::Validate;
pub use validate::{KnownValue, Path, Report, Validate, Violation, ViolationKind};
