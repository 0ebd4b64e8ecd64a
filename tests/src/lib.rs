//! Integration tests of the workspace; see the files under `tests/tests/`.
//!
//! The library holds what the client tests and `examples/flowlog.rs` share: [`fake_flowlog`], a
//! stateful fake of the flow-log APIs on `127.0.0.1` that checks the signature of every request.

pub mod fake_flowlog;
