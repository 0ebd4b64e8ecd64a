//! Diagnostics: every problem found in metadata, located by file, JSON pointer and (where the source
//! text is at hand) line and column, rendered like a compiler diagnostic.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Generation goes on; the output is still produced.
    Warning,
    /// Generation stops before anything is written.
    Error,
}

/// One problem in the metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The metadata file.
    pub file: PathBuf,
    /// JSON pointer (RFC 6901) of the node that is wrong, e.g. `/apis/CreateFlowLog/parameters/3`.
    pub pointer: String,
    /// 1-based line and column of that node in the file, when it could be located.
    pub line_col: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// Whether this diagnostic stops generation.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}: {}", self.message)?;
        write!(f, "  --> {}", self.file.display())?;
        if let Some((line, col)) = self.line_col {
            write!(f, ":{line}:{col}")?;
        }
        writeln!(f)?;
        let pointer = if self.pointer.is_empty() { "/".into() } else { crate::emit::text::visible_line(&self.pointer) };
        write!(f, "   = at: {pointer}")?;
        if let Some(help) = &self.help {
            write!(f, "\n   = help: {help}")?;
        }
        Ok(())
    }
}

/// Collects diagnostics for one file; every check reports here instead of returning early.
#[derive(Debug)]
pub struct Sink<'a> {
    file: &'a Path,
    source: Option<&'a str>,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Sink<'a> {
    /// A sink for `file`, whose text (when given) is used to find lines and columns.
    pub fn new(file: &'a Path, source: Option<&'a str>) -> Self {
        Sink { file, source, diagnostics: Vec::new() }
    }

    /// Reports an error at `pointer`.
    pub fn error(&mut self, pointer: &str, message: impl Into<String>, help: impl Into<Option<String>>) {
        self.push(Severity::Error, pointer, message.into(), help.into());
    }

    /// Reports a warning at `pointer`.
    pub fn warning(&mut self, pointer: &str, message: impl Into<String>, help: impl Into<Option<String>>) {
        self.push(Severity::Warning, pointer, message.into(), help.into());
    }

    fn push(&mut self, severity: Severity, pointer: &str, message: String, help: Option<String>) {
        let line_col = self.source.and_then(|s| crate::locate::locate(s, pointer));
        // Messages quote metadata; a terminal must show them as they are, not act on them.
        let (message, help) = (visible(message), help.map(visible));
        self.diagnostics.push(Diagnostic {
            severity,
            file: self.file.to_path_buf(),
            pointer: pointer.to_string(),
            line_col,
            message,
            help,
        });
    }

    /// Whether any error (not warning) was reported so far.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The diagnostics, in the order they were reported.
    pub fn finish(self) -> Vec<Diagnostic> {
        self.diagnostics
    }
}

/// `s` with every hidden character but line breaks shown as a marker (`{U+202E}`).
fn visible(s: String) -> String {
    if !s.chars().any(|c| c != '\n' && crate::emit::text::is_hidden(c)) {
        return s;
    }
    s.split('\n').map(crate::emit::text::visible_line).collect::<Vec<_>>().join("\n")
}

/// Appends one reference token to a JSON pointer, escaping `~` and `/` (RFC 6901).
pub fn join(pointer: &str, token: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + token.len() + 1);
    out.push_str(pointer);
    out.push('/');
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_tokens_are_escaped() {
        assert_eq!(join("/apis", "a/b~c"), "/apis/a~1b~0c");
    }

    #[test]
    fn renders_like_a_compiler_diagnostic() {
        let src = "{\n  \"apis\": {\"X\": {\"parameters\": [1, 2]}}\n}";
        let mut sink = Sink::new(Path::new("metadata/x.json"), Some(src));
        sink.error("/apis/X/parameters/1", "parameter must be an object", Some("write {\"name\": ...}".to_string()));
        let d = sink.finish();
        assert_eq!(
            d[0].to_string(),
            "error: parameter must be an object\n  --> metadata/x.json:2:36\n   = at: /apis/X/parameters/1\n   = help: write {\"name\": ...}"
        );
    }
}
