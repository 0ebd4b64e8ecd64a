//! String literals for generated code.
//!
//! `proc_macro2::Literal::string` escapes every non-ASCII character through a slow path, which costs
//! about a fifth of generation time on Chinese descriptions. Here only what must be escaped in a
//! Rust string literal is escaped (`\`, `"`, control characters); the result is the same literal.

use proc_macro2::Literal;
use std::fmt::Write;

/// A string literal holding exactly `s`.
pub fn str(s: &str) -> Literal {
    let mut src = String::with_capacity(s.len() + 2);
    src.push('"');
    for c in s.chars() {
        match c {
            '"' => src.push_str("\\\""),
            '\\' => src.push_str("\\\\"),
            '\n' => src.push_str("\\n"),
            '\r' => src.push_str("\\r"),
            '\t' => src.push_str("\\t"),
            c if super::text::is_hidden(c) => {
                let _ = write!(src, "\\u{{{:x}}}", c as u32);
            }
            c => src.push(c),
        }
    }
    src.push('"');
    src.parse().unwrap_or_else(|_| Literal::string(s))
}

#[cfg(test)]
mod tests {
    #[test]
    fn same_value_as_the_slow_path() {
        for s in [
            "plain",
            "流日志名称",
            "quote \" back \\ nl\n tab\t nul\0",
            "bidi \u{202E} x \u{2066}\u{2069} \u{200E}\u{061C} \u{2028}\u{2029} \u{85} \u{FEFF} \u{E0041} \u{FFFF}",
        ] {
            let lit = super::str(s).to_string();
            assert!(crate::emit::text::lexical::check(&format!("const A: &str = {lit};")).is_empty(), "{lit}");
            let parsed: syn::LitStr = syn::parse_str(&lit).unwrap();
            assert_eq!(parsed.value(), s);
        }
        assert_eq!(super::str("名").to_string(), "\"名\"");
    }
}
