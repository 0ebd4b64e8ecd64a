//! Checks a `pattern = "..."` at compile time, with the parser the runtime's `regex` uses.

use regex_syntax::ast::{self, ErrorKind};
use syn::LitStr;

/// `Ok` when the pattern compiles for the `regex` crate, otherwise an error spanned on the literal
/// saying what is wrong and where.
pub(crate) fn check(lit: &LitStr) -> syn::Result<()> {
    let source = lit.value();
    let ast = ast::parse::Parser::new().parse(&source).map_err(|error| {
        let message = match error.kind() {
            ErrorKind::UnsupportedLookAround => {
                "look-around (`(?=`, `(?!`, `(?<=`, `(?<!`) is not supported: patterns run on the \
                 linear-time `regex` engine"
                    .to_owned()
            }
            ErrorKind::UnsupportedBackreference => {
                "back-references (`\\1`) are not supported: patterns run on the linear-time `regex` \
                 engine"
                    .to_owned()
            }
            kind => kind.to_string(),
        };
        syn::Error::new(lit.span(), describe(&source, &message, error.span()))
    })?;
    regex_syntax::hir::translate::Translator::new()
        .translate(&source, &ast)
        .map_err(|error| syn::Error::new(lit.span(), describe(&source, &error.kind().to_string(), error.span())))?;
    Ok(())
}

/// `invalid pattern at `<fragment>` (character 3): <message>`.
fn describe(source: &str, message: &str, span: &ast::Span) -> String {
    let (start, end) = (span.start.offset, span.end.offset);
    let position = source.get(..start).map_or(0, |before| before.chars().count()) + 1;
    match source.get(start..end).filter(|fragment| !fragment.is_empty()) {
        Some(fragment) => format!("invalid pattern at `{fragment}` (character {position}): {message}"),
        None => format!("invalid pattern at character {position}: {message}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(pattern: &str) -> String {
        let lit = LitStr::new(pattern, proc_macro2::Span::call_site());
        check(&lit).unwrap_err().to_string()
    }

    #[test]
    fn accepts_what_regex_accepts() {
        for pattern in ["^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", r"^\d+$", r"^\p{Han}+$", "(?i)abc", ""] {
            assert!(check(&LitStr::new(pattern, proc_macro2::Span::call_site())).is_ok(), "{pattern}");
        }
    }

    #[test]
    fn explains_what_it_refuses() {
        assert!(error("^(?=a)").contains("look-around"), "{}", error("^(?=a)"));
        assert!(error(r"(a)\1").contains("back-references"), "{}", error(r"(a)\1"));
        assert!(error("[a-").contains("invalid pattern"));
        assert!(error(r"\p{Nope}").contains("Unicode"), "{}", error(r"\p{Nope}"));
    }
}
