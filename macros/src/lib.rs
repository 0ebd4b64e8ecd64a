//! `#[derive(Validate)]`.
