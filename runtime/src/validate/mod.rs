//! Field validation: the `Validate` trait, its rules and the report.
