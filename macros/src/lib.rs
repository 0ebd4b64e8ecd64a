//! `#[derive(Validate)]` for the request types of generated Alibaba Cloud SDKs.
//!
//! Use it through the runtime, which re-exports it next to the trait of the same name:
//! `#[derive(alibabacloud_runtime::Validate)]`. The derive works in three phases, each its own
//! module: parse the attributes into raw rules, check them against the field
//! types into the model, and expand the model into calls to the runtime's
//! rule functions (`alibabacloud_runtime::validate::rules`). It holds no validation logic of its
//! own. Every mistake in the attributes is reported at once, each on its own token, and an
//! (empty) impl is still emitted so that one mistake does not cascade.
//!
//! # Attributes
//!
//! On a struct with named fields (or a unit struct), any number of `#[validate(...)]`
//! attributes per field, each with comma-separated rules:
//!
//! | rule | applies to | meaning |
//! | --- | --- | --- |
//! | `wire = "EcrId"` | any field | the field's wire name in reports (default: the Rust name) |
//! | `required` | `Option<T>`, `Vec<T>` | must be `Some` / non-empty; other rules run only if so |
//! | `length(min = N, max = N)` | strings | length in characters |
//! | `range(min = X, max = X, exclusive_min = X, exclusive_max = X)` | integers (≤ 64 bits), floats | bounds, literals of the field's type |
//! | `one_of("a", "b")` / `one_of(1, 5, 10)` | strings / integers | allowed values |
//! | `known` | types implementing `KnownValue` | rejects the `Unknown(_)` variant |
//! | `pattern = "^[a-z]+$"` | strings | a `regex` pattern, checked at compile time, compiled once |
//! | `not_starts_with("http://", ...)` | strings | forbidden prefixes |
//! | `not_contains("http://", ...)` | strings | forbidden substrings |
//! | `items(min = N, max = N)` | `Vec<T>` | item count |
//! | `each(<rules>)` | `Vec<T>` | the rules for every item, at `field[i]` / `Field.{i+1}` |
//! | `nested` | `Validate` types, `Vec`s of them | validate inside, the path extended |
//! | `custom = path::to::func` | any | `fn(&T) -> Result<(), E>` with `E: Into<ViolationKind>` |
//! | `secret` | any field | the report never quotes the value |
//!
//! Rules on an `Option<T>` apply to the value inside, when there is one. Types are recognised
//! by their paths (`Option`, `Vec`, `String`, `str`, `Box<str>`, `Cow<str>`, integer and float
//! primitives), so a type alias hides what it stands for.
//!
//! On the struct, `#[validate(crate = "path")]` names the runtime crate (default
//! `::alibabacloud_runtime`).
//!
//! ```ignore
//! #[derive(alibabacloud_runtime::Validate)]
//! struct CreateFlowLogRequest {
//!     #[validate(wire = "FlowLogName", length(min = 1, max = 128), not_starts_with("http://", "https://"))]
//!     flow_log_name: Option<String>,
//!     #[validate(wire = "Tag", items(max = 20), nested)]
//!     tag: Vec<Tag>,
//! }
//! ```

#![deny(missing_docs)]

mod check;
mod errors;
mod expand;
mod model;
mod parse;
mod pattern;
mod shape;
#[cfg(test)]
mod tests;

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

/// Derives `alibabacloud_runtime::validate::Validate` from `#[validate(...)]` field attributes;
/// see the crate documentation for the grammar.
#[proc_macro_derive(Validate, attributes(validate))]
pub fn derive_validate(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    let mut errors = errors::Errors::default();
    let container = check::container(&input, &mut errors);
    let output = if errors.is_empty() {
        expand::impl_validate(&container)
    } else {
        let mut output = errors.to_compile_errors();
        output.extend(expand::fallback_impl(&container));
        output
    };
    output.into()
}
