//! `errorCodes` → the documented error codes of an operation.

use super::text;
use crate::diag::{join, Sink};
use crate::model::{ErrorCode, FALLBACK_VARIANT};
use crate::names::{self, Scope};
use serde_json::Value;

/// Checks `errorCodes` (`{"400": [{"errorCode", "errorMessage", "description"}]}`); returns the codes
/// (one per distinct code, statuses merged), named so that none takes the fallback's name.
pub fn check_errors(value: Option<&Value>, pointer: &str, sink: &mut Sink<'_>) -> Vec<ErrorCode> {
    let mut codes: Vec<ErrorCode> = Vec::new();
    if let Some(value) = value {
        match value.as_object() {
            None => sink.error(pointer, "`errorCodes` must be an object keyed by HTTP status", None),
            Some(map) => {
                for (status, list) in map {
                    let sp = join(pointer, status);
                    let status_code = status.trim().parse::<u16>().ok().filter(|s| (100..=599).contains(s));
                    if status_code.is_none() {
                        sink.warning(
                            &sp,
                            format!("`{status}` is not an HTTP status; its codes are kept without a status"),
                            Some("key error codes by a status such as \"400\"".into()),
                        );
                    }
                    let Some(list) = list.as_array() else {
                        sink.error(&sp, "error codes must be an array", None);
                        continue;
                    };
                    for (i, e) in list.iter().enumerate() {
                        let ep = join(&sp, &i.to_string());
                        let code = e.get("errorCode").and_then(Value::as_str).unwrap_or("");
                        super::shapes::error_code(code, &join(&ep, "errorCode"), sink);
                        let code = code.trim();
                        if code.is_empty() {
                            sink.warning(
                                &join(&ep, "errorCode"),
                                "an error code is missing or empty; the entry is ignored",
                                None,
                            );
                            continue;
                        }
                        if let Some(existing) = codes.iter_mut().find(|c| c.code == code) {
                            if let Some(s) = status_code.filter(|s| !existing.statuses.contains(s)) {
                                existing.statuses.push(s);
                                existing.statuses.sort_unstable();
                            }
                            continue;
                        }
                        let template = code.find("%s").map(|start| {
                            let end = code.rfind("%s").unwrap_or(start) + 2;
                            (code[..start].to_string(), code[end..].to_string())
                        });
                        codes.push(ErrorCode {
                            code: code.to_string(),
                            variant: String::new(),
                            statuses: status_code.into_iter().collect(),
                            message: text(e.get("errorMessage")),
                            description: text(e.get("description")),
                            template,
                        });
                    }
                }
            }
        }
    }
    let mut scope = Scope::with_reserved(&[FALLBACK_VARIANT]);
    for c in &mut codes {
        c.variant = scope.take(&names::camel(&c.code.replace("%s", "")));
    }
    codes
}
