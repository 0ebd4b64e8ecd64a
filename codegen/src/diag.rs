//! Diagnostics: every problem found in metadata, located by file, JSON pointer and (where the source
//! text is at hand) line and column, rendered like a compiler diagnostic.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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

/// Past this column a position is not something to count to: the JSON pointer comes first, the
/// line and column after it (a minified api-docs file is one line of megabytes).
pub const LONG_LINE_COLUMN: usize = 200;

impl Diagnostic {
    /// What kind of problem this is: the message with every JSON pointer in it left out, so that
    /// the same problem in many operations (a parameter declared twice, say) forms one group.
    pub fn kind(&self) -> String {
        let mut out = String::with_capacity(self.message.len());
        let mut rest = self.message.as_str();
        while let Some(i) = rest.find(" /") {
            out.push_str(&rest[..i + 1]);
            let after = &rest[i + 1..];
            let end = after.find([' ', ')', ';', ',']).unwrap_or(after.len());
            out.push('…');
            rest = &after[end..];
        }
        out.push_str(rest);
        out
    }

    /// The position as one line: `file:line:col`, or `file at /pointer (line L, column C)` when the
    /// column is past [`LONG_LINE_COLUMN`]. Columns count characters from 1.
    pub fn position(&self) -> String {
        let file = self.file.display();
        match self.line_col {
            Some((line, col)) if col > LONG_LINE_COLUMN => {
                format!("{file} at {} (line {line}, column {col})", self.pointer_text())
            }
            Some((line, col)) => format!("{file}:{line}:{col}"),
            None => file.to_string(),
        }
    }

    /// The JSON pointer, or `(the whole file)` for the empty pointer.
    fn pointer_text(&self) -> std::borrow::Cow<'_, str> {
        if self.pointer.is_empty() {
            "(the whole file)".into()
        } else {
            crate::emit::text::visible_line(&self.pointer)
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}: {}", self.message)?;
        write!(f, "  --> {}", self.position())?;
        let pointer_first = self.line_col.is_some_and(|(_, col)| col > LONG_LINE_COLUMN);
        if !self.pointer.is_empty() && !pointer_first {
            write!(f, "\n   = at: {}", crate::emit::text::visible_line(&self.pointer))?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n   = help: {help}")?;
        }
        Ok(())
    }
}

/// Diagnostics of one [`kind`](Diagnostic::kind) in one file, shown as the first of them and a
/// count: `ECS` has 97 parameters `RegionId` declared twice, one group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group<'a> {
    /// The first diagnostic of the group, in report order.
    pub first: &'a Diagnostic,
    /// Every diagnostic of the group, the first included.
    pub all: Vec<&'a Diagnostic>,
}

/// Groups diagnostics by file, severity and [`kind`](Diagnostic::kind), in the order each group
/// first appears.
pub fn group(diagnostics: &[Diagnostic]) -> Vec<Group<'_>> {
    let mut groups: Vec<Group<'_>> = Vec::new();
    let mut index: std::collections::HashMap<(&Path, Severity, String), usize> = std::collections::HashMap::new();
    for d in diagnostics {
        let key = (d.file.as_path(), d.severity, d.kind());
        match index.get(&key) {
            Some(&i) => groups[i].all.push(d),
            None => {
                index.insert(key, groups.len());
                groups.push(Group { first: d, all: vec![d] });
            }
        }
    }
    groups
}

impl fmt::Display for Group<'_> {
    /// The first diagnostic, then a note counting the others and naming the operations they are in
    /// (five at most).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.first)?;
        let more = self.all.len() - 1;
        if more == 0 {
            return Ok(());
        }
        let mut operations: Vec<&str> = Vec::new();
        for d in &self.all[1..] {
            let op = d.pointer.strip_prefix("/apis/").map(|r| r.split('/').next().unwrap_or(r));
            if let Some(op) = op.filter(|op| !operations.contains(op)) {
                operations.push(op);
            }
        }
        let like = if more == 1 { "1 more like it" } else { &format!("{more} more like it") };
        write!(f, "\n   = note: {like}")?;
        if !operations.is_empty() {
            let shown: Vec<&str> = operations.iter().take(5).copied().collect();
            let rest = operations.len() - shown.len();
            write!(f, ", in {}", shown.join(", "))?;
            if rest > 0 {
                write!(f, " and {rest} other operation{}", if rest == 1 { "" } else { "s" })?;
            }
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

    fn warning(pointer: &str, message: &str, line_col: Option<(usize, usize)>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            file: PathBuf::from("ecs.json"),
            pointer: pointer.into(),
            line_col,
            message: message.into(),
            help: None,
        }
    }

    #[test]
    fn a_far_column_puts_the_pointer_first() {
        let d = warning("/apis/A/parameters/1", "parameter `RegionId` is declared twice", Some((1, 1_648_498)));
        assert_eq!(
            d.to_string(),
            "warning: parameter `RegionId` is declared twice\n  --> ecs.json at /apis/A/parameters/1 (line 1, column 1648498)"
        );
        let near = warning("/apis/A", "m", Some((3, 200)));
        assert_eq!(near.to_string(), "warning: m\n  --> ecs.json:3:200\n   = at: /apis/A");
        let whole = warning("", "the file is empty", None);
        assert_eq!(
            whole.to_string(),
            "warning: the file is empty\n  --> ecs.json",
            "no pointer line for the whole file"
        );
    }

    #[test]
    fn the_same_problem_in_many_operations_is_one_group() {
        let twice = |op: &str| {
            warning(
                &format!("/apis/{op}/parameters/1"),
                &format!("parameter `RegionId` is declared twice, identically (first at /apis/{op}/parameters/0); the copy is ignored"),
                None,
            )
        };
        let mut diags: Vec<Diagnostic> = ["A", "B", "C", "D", "E", "F", "G"].into_iter().map(twice).collect();
        diags.insert(
            1,
            warning(
                "/apis/A/parameters/2",
                "parameter `Name` is declared twice, identically (first at /apis/A/parameters/0); the copy is ignored",
                None,
            ),
        );
        let groups = group(&diags);
        assert_eq!(groups.iter().map(|g| g.all.len()).collect::<Vec<_>>(), [7, 1]);
        assert_eq!(
            groups[0].first.kind(),
            "parameter `RegionId` is declared twice, identically (first at …); the copy is ignored"
        );
        assert_eq!(
            groups[0].to_string(),
            "warning: parameter `RegionId` is declared twice, identically (first at /apis/A/parameters/0); the copy is ignored\n  \
             --> ecs.json\n   = at: /apis/A/parameters/1\n   = note: 6 more like it, in B, C, D, E, F and 1 other operation"
        );
        assert_eq!(groups[1].to_string().lines().count(), 3, "a group of one is the diagnostic alone");
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
