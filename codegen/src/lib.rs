//! codegen library.
