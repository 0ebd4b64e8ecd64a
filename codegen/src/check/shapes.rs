//! Fields with a fixed shape are checked, not sanitised.
//!
//! Product codes, API versions, action names, region ids, endpoints, error codes and parameter
//! names go on the wire or into names as they are, so the generator never rewrites them: a value
//! outside its documented shape is a located error, or a warning where real products bend the
//! rule (measured over the 289 products of the July 2024 api-docs; the figures and each choice are
//! in `metadata/README.md`, "Fields with a fixed shape"). Values in messages are shown as Rust
//! string literals, so a hidden character in them is visible (`"2016-04-28\r"`).

use crate::diag::Sink;
use crate::emit::text::is_hidden;

/// A value as a message shows it: quoted, with every hidden character escaped.
fn show(value: &str) -> String {
    crate::emit::lit::str(value).to_string()
}

/// `info.product`: `[A-Za-z][A-Za-z0-9-]*` (`Vpc`, `R-kvstore`). Anything else is an error: the
/// code is sent with every request and names the product in docs.
pub fn product(code: &str, sink: &mut Sink<'_>) {
    let ok = code.starts_with(|c: char| c.is_ascii_alphabetic())
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if !ok && !code.trim().is_empty() {
        sink.error(
            "/info/product",
            format!("`info.product` is {}, which is not a product code", show(code)),
            Some("a product code is ASCII letters, digits and `-`, starting with a letter, e.g. \"Vpc\"".into()),
        );
    }
}

/// `info.version`: `YYYY-MM-DD` (`2016-04-28`). A token of ASCII letters, digits, `.`, `_` and `-`
/// is a warning (three AliGenie products use `ip_1.0`); anything else is an error: the version is
/// sent in the `x-acs-version` header.
pub fn version(version: &str, sink: &mut Sink<'_>) {
    if version.trim().is_empty() || is_date(version) {
        return;
    }
    let token = version.starts_with(|c: char| c.is_ascii_alphanumeric())
        && version.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    let message = format!("`info.version` is {}, which is not an API version of the form YYYY-MM-DD", show(version));
    if token {
        sink.warning(
            "/info/version",
            message,
            Some("most products date their API versions, e.g. \"2016-04-28\"; this one is used as it is".into()),
        );
    } else {
        sink.error(
            "/info/version",
            message,
            Some("write the version the service expects in `x-acs-version`, e.g. \"2016-04-28\": ASCII letters, digits, `.`, `_`, `-`, no spaces or control characters".into()),
        );
    }
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() })
        && (1..=12).contains(&s[5..7].parse::<u8>().unwrap_or(0))
        && (1..=31).contains(&s[8..10].parse::<u8>().unwrap_or(0))
}

/// An action name (a key of `apis`): `[A-Za-z][A-Za-z0-9]*` (`CreateFlowLog`; all 18,892 actions
/// of the corpus). ASCII letters, digits, `_`, `.` and `-` otherwise are a warning; anything else
/// (spaces, control or non-ASCII characters) an error: the action is sent in `x-acs-action`.
pub fn action(action: &str, pointer: &str, sink: &mut Sink<'_>) {
    let canonical =
        action.starts_with(|c: char| c.is_ascii_alphabetic()) && action.chars().all(|c| c.is_ascii_alphanumeric());
    if canonical || action.trim().is_empty() {
        return;
    }
    let token = action.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
    let message = format!("the action name {} is not of the form `CreateFlowLog`", show(action));
    if token {
        sink.warning(pointer, message, Some("actions are ASCII letters and digits, starting with a letter".into()));
    } else {
        sink.error(
            pointer,
            message,
            Some("name the operation exactly as the service's action (ASCII letters and digits); it is sent in the `x-acs-action` header".into()),
        );
    }
}

/// A region id: `[a-z0-9]+(-[a-z0-9]+)*` (`cn-hangzhou`, `rus-west-1-pop`; all 5,099 of the
/// corpus). Anything else is an error: users pass region ids and the endpoint table is keyed by
/// them.
pub fn region(region: &str, pointer: &str, sink: &mut Sink<'_>) -> bool {
    let ok = !region.is_empty()
        && region
            .split('-')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()));
    if !ok {
        sink.error(
            pointer,
            format!("the region id {} is not of the form `cn-hangzhou`", show(region)),
            Some("a region id is lowercase ASCII letters and digits in parts joined by `-`".into()),
        );
    }
    ok
}

/// An endpoint: a host name (labels of ASCII letters, digits and `-`, 1 to 63 characters, not
/// starting or ending with `-`; 253 characters at most). Whitespace around it is a warning and is
/// removed (four products of the corpus end endpoints with a tab); anything else is an error.
pub fn endpoint(host: &str, pointer: &str, sink: &mut Sink<'_>) -> bool {
    let trimmed = host.trim_matches(|c: char| c.is_ascii_whitespace());
    let ok = is_host(trimmed);
    if ok && trimmed != host {
        sink.warning(
            pointer,
            format!("the endpoint {} has whitespace around it; it is used without", show(host)),
            Some("remove the whitespace".into()),
        );
    } else if !ok {
        sink.error(
            pointer,
            format!("the endpoint {} is not a host name", show(host)),
            Some("write a bare host such as `vpc.cn-hangzhou.aliyuncs.com`: no scheme, port, path or spaces".into()),
        );
    }
    ok
}

/// Whether `h` is a host name (RFC 1123 labels).
pub fn is_host(h: &str) -> bool {
    !h.is_empty()
        && h.len() <= 253
        && h.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

/// An error code: visible ASCII, no whitespace (`IncorrectStatus.Ecr`, `MissingParam.%s`). The
/// corpus bends this (whitespace around or inside codes, `Throttli∂ngException`): a warning, the
/// code is kept as the service may send it. A hidden character other than a tab (a line break,
/// NUL, a bidi control, a zero-width space) is an error: no real code has one.
pub fn error_code(code: &str, pointer: &str, sink: &mut Sink<'_>) {
    if code.trim().is_empty() || code.chars().all(|c| c.is_ascii_graphic()) {
        return;
    }
    if code.chars().any(|c| is_hidden(c) && c != '\t') {
        sink.error(
            pointer,
            format!("the error code {} holds a control or invisible character", show(code)),
            Some("write the code exactly as the service sends it in `Code`".into()),
        );
    } else {
        let what = if code.trim() != code {
            "has whitespace around it (removed)"
        } else {
            "is not visible ASCII without spaces"
        };
        sink.warning(pointer, format!("the error code {} {what}", show(code)), None);
    }
}

/// A parameter name: `[A-Za-z_][A-Za-z0-9_.-]*` (`RegionId`, `Tag.1.Key`; all but three of the
/// 84,285 of the corpus), or such a name ending in `-*`, a map of headers (OSS's `x-oss-meta-*`,
/// the other three). Other names are a warning (they are sent as they are, and get a Rust name of
/// their own); a hidden character (a tab, a line break, NUL, a bidi control, a zero-width space)
/// is an error, since the name could not be seen as it is sent.
pub fn parameter_name(name: &str, pointer: &str, sink: &mut Sink<'_>) {
    let stem = name.strip_suffix("-*").map_or(name, |s| s.trim_end_matches('-'));
    let canonical = stem.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && stem.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
    if canonical || name.trim().is_empty() {
        return;
    }
    if name.chars().any(is_hidden) {
        sink.error(
            pointer,
            format!("the parameter name {} holds a control or invisible character", show(name)),
            Some("write the wire name exactly as the service expects it".into()),
        );
    } else {
        sink.warning(
            pointer,
            format!("the parameter name {} is not of the form `RegionId`", show(name)),
            Some(
                "parameter names are usually ASCII letters, digits, `_`, `.` and `-`; this one is sent as it is".into(),
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Diagnostic, Severity};
    use std::path::Path;

    fn run(f: impl FnOnce(&mut Sink<'_>)) -> Vec<(Severity, String)> {
        let mut sink = Sink::new(Path::new("x.json"), None);
        f(&mut sink);
        sink.finish().into_iter().map(|d: Diagnostic| (d.severity, d.message)).collect()
    }

    #[test]
    fn versions() {
        assert_eq!(run(|s| version("2016-04-28", s)), []);
        assert_eq!(run(|s| version("ip_1.0", s))[0].0, Severity::Warning);
        let e = run(|s| version("2016-04-28\r", s));
        assert_eq!(
            e,
            [(
                Severity::Error,
                "`info.version` is \"2016-04-28\\r\", which is not an API version of the form YYYY-MM-DD".into()
            )]
        );
        assert_eq!(run(|s| version("2016-13-28", s))[0].0, Severity::Warning);
    }

    #[test]
    fn products_regions_endpoints() {
        assert_eq!(run(|s| product("R-kvstore", s)), []);
        assert_eq!(run(|s| product("Vpc\u{202E}", s))[0].0, Severity::Error);
        assert_eq!(run(|s| product("Vpc ", s))[0].0, Severity::Error);
        assert_eq!(run(|s| assert!(region("rus-west-1-pop", "/e", s))), []);
        assert_eq!(run(|s| assert!(!region("cn-hangzhou\t", "/e", s)))[0].0, Severity::Error);
        assert_eq!(run(|s| assert!(endpoint("tds.aliyuncs.com\t", "/e", s)))[0].0, Severity::Warning);
        assert_eq!(run(|s| assert!(!endpoint("a..b", "/e", s)))[0].0, Severity::Error);
        assert_eq!(run(|s| assert!(!endpoint("https://a.b", "/e", s)))[0].0, Severity::Error);
        assert_eq!(run(|s| assert!(!endpoint("-a.b", "/e", s)))[0].0, Severity::Error);
    }

    #[test]
    fn codes_actions_parameters() {
        assert_eq!(run(|s| error_code("MissingParam.%s", "/e", s)), []);
        assert_eq!(run(|s| error_code("Cannot find task", "/e", s))[0].0, Severity::Warning);
        assert_eq!(run(|s| error_code("400\tX", "/e", s))[0].0, Severity::Warning);
        assert_eq!(run(|s| error_code("Bad\u{202E}", "/e", s))[0].0, Severity::Error);
        assert_eq!(run(|s| action("CreateFlowLog", "/a", s)), []);
        assert_eq!(run(|s| action("Delete_Flow_Log", "/a", s))[0].0, Severity::Warning);
        assert_eq!(run(|s| action("Delete Flow", "/a", s))[0].0, Severity::Error);
        assert_eq!(run(|s| parameter_name("Tag.1.Key", "/p", s)), []);
        assert_eq!(run(|s| parameter_name("x-oss-meta-*", "/p", s)), []);
        assert_eq!(run(|s| parameter_name("x-oss-*-meta", "/p", s))[0].0, Severity::Warning);
        assert_eq!(run(|s| parameter_name("*", "/p", s))[0].0, Severity::Warning);
        assert_eq!(run(|s| parameter_name("名称", "/p", s))[0].0, Severity::Warning);
        assert_eq!(run(|s| parameter_name("with space", "/p", s))[0].0, Severity::Warning);
        assert_eq!(run(|s| parameter_name("a\u{200B}", "/p", s))[0].0, Severity::Error);
        assert_eq!(run(|s| parameter_name("a\tb", "/p", s))[0].0, Severity::Error);
    }
}
