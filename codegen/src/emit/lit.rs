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
            c if c.is_control() || is_invisible(c) => {
                let _ = write!(src, "\\u{{{:x}}}", c as u32);
            }
            c => src.push(c),
        }
    }
    src.push('"');
    src.parse().unwrap_or_else(|_| Literal::string(s))
}

/// Characters that render as nothing or reorder text (bidi controls, zero-width): escaped so that a
/// reviewer sees them.
fn is_invisible(c: char) -> bool {
    matches!(c as u32, 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2069 | 0xFEFF)
}

#[cfg(test)]
mod tests {
    #[test]
    fn same_value_as_the_slow_path() {
        for s in ["plain", "流日志名称", "quote \" back \\ nl\n tab\t nul\0", "bidi \u{202E} x"] {
            let lit = super::str(s).to_string();
            let parsed: syn::LitStr = syn::parse_str(&lit).unwrap();
            assert_eq!(parsed.value(), s);
        }
        assert_eq!(super::str("名").to_string(), "\"名\"");
    }
}
