//! The rules, one module each. Each is a small pure function that returns `Ok` or the
//! [`ViolationKind`](super::ViolationKind) describing what is wrong; the derive's expansion calls
//! them and hands the result to [`Report::check`](super::Report::check).
//!
//! They are written for the valid case: no allocation, no formatting, no char counting unless a
//! byte-level shortcut cannot decide. Building the violation happens in separate cold functions.

pub mod custom;
pub mod items;
pub mod known;
pub mod length;
pub mod one_of;
pub mod pattern;
pub mod prefix;
pub mod range;
pub mod required;
pub mod substring;

pub use items::Collection;
