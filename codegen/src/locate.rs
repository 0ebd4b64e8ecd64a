//! Finds where a JSON pointer lands in the source text, for diagnostics with line and column, and
//! finds duplicate object keys (which `serde_json` silently collapses).
//!
//! Only ever run on text that `serde_json` has already accepted, so the scanner can be simple; on
//! anything unexpected it gives up and returns `None` rather than guessing.

use crate::diag::join;

/// 1-based line and column (in characters) of the value at `pointer` in `source`.
pub fn locate(source: &str, pointer: &str) -> Option<(usize, usize)> {
    let offset = scan(source, pointer, None).found?;
    Some(line_col(source, offset))
}

/// JSON pointers of every object key that appears again in its object (the second occurrence;
/// the pointer of the first is the same).
pub fn duplicate_keys(source: &str) -> Vec<String> {
    // No pointer starts with NUL, so the scan walks the whole document.
    scan(source, "\u{0}", Some(Vec::new())).dups.unwrap_or_default()
}

/// Scans the document from its start (after a byte-order mark) looking for `target`.
fn scan<'a>(source: &'a str, target: &'a str, dups: Option<Vec<String>>) -> Scanner<'a> {
    let mut scanner = Scanner { src: source.as_bytes(), pos: 0, target, found: None, dups };
    scanner.skip_bom_ws();
    scanner.value(String::new());
    scanner
}

/// What `serde_json` found wrong (saying so when the text ends too early), without the position it appends (`at line 3 column 0`: its
/// columns count bytes, and from 0 at the end of the text), and the position as
/// [`json_error_position`] gives it.
pub fn json_error(source: &str, error: &serde_json::Error) -> (String, (usize, usize)) {
    let text = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    let mut what = text.strip_suffix(&suffix).unwrap_or(&text).to_string();
    if error.is_eof() {
        what = format!("it ends before the JSON does ({what}); the file was probably truncated");
    }
    (what, json_error_position(source, error.line(), error.column()))
}

/// The 1-based line and column, in characters, of a position `serde_json` reports as a line and
/// a column of bytes (a column of 0, right after a newline at the end of the text, is column 1).
pub fn json_error_position(source: &str, line: usize, byte_column: usize) -> (usize, usize) {
    let text = source.split('\n').nth(line.saturating_sub(1)).unwrap_or("");
    let mut end = byte_column.min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    (line.max(1), text[..end].chars().count().max(1))
}

fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let before = &source[..offset.min(source.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

struct Scanner<'a> {
    src: &'a [u8],
    pos: usize,
    target: &'a str,
    found: Option<usize>,
    dups: Option<Vec<String>>,
}

impl Scanner<'_> {
    fn done(&self) -> bool {
        self.found.is_some() || self.pos >= self.src.len()
    }

    fn skip_bom_ws(&mut self) {
        if self.src.starts_with(&[0xEF, 0xBB, 0xBF]) {
            self.pos = 3;
        }
        self.ws();
    }

    fn ws(&mut self) {
        while self.pos < self.src.len() && matches!(self.src[self.pos], b' ' | b'\t' | b'\n' | b'\r') {
            self.pos += 1;
        }
    }

    /// Scans one value whose pointer is `path`.
    fn value(&mut self, path: String) {
        self.ws();
        if self.done() {
            return;
        }
        if path == self.target {
            self.found = Some(self.pos);
            return;
        }
        match self.src[self.pos] {
            b'{' => self.object(path),
            b'[' => self.array(path),
            b'"' => self.skip_string(),
            _ => self.skip_scalar(),
        }
    }

    /// Whether the value at `path` may hold the target (always, when duplicate keys are sought).
    fn leads_to_target(&self, path: &str) -> bool {
        self.dups.is_some()
            || (self.target.starts_with(path)
                && (self.target.len() == path.len() || self.target.as_bytes()[path.len()] == b'/'))
    }

    /// Skips one value without building pointers or decoding strings.
    fn skip_value(&mut self) {
        self.ws();
        if self.pos >= self.src.len() {
            return;
        }
        match self.src[self.pos] {
            b'{' | b'[' => {
                let mut depth = 0usize;
                while self.pos < self.src.len() {
                    match self.src[self.pos] {
                        b'"' => {
                            self.skip_string();
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                self.pos += 1;
                                return;
                            }
                        }
                        _ => {}
                    }
                    self.pos += 1;
                }
            }
            b'"' => self.skip_string(),
            _ => self.skip_scalar(),
        }
    }

    fn skip_scalar(&mut self) {
        while self.pos < self.src.len()
            && !matches!(self.src[self.pos], b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
        {
            self.pos += 1;
        }
    }

    /// Skips a string literal (the scanner stands on its opening quote).
    fn skip_string(&mut self) {
        self.pos += 1;
        while self.pos < self.src.len() {
            match self.src[self.pos] {
                b'\\' => self.pos += 2,
                b'"' => {
                    self.pos += 1;
                    return;
                }
                _ => self.pos += 1,
            }
        }
    }

    fn object(&mut self, path: String) {
        self.pos += 1;
        let mut seen: Vec<String> = Vec::new();
        loop {
            self.ws();
            if self.done() {
                return;
            }
            match self.src[self.pos] {
                b'}' => {
                    self.pos += 1;
                    return;
                }
                b',' => {
                    self.pos += 1;
                    continue;
                }
                b'"' => {}
                _ => {
                    self.pos = self.src.len();
                    return;
                }
            }
            let key_start = self.pos;
            let Some(key) = self.string() else {
                return;
            };
            let child = join(&path, &key);
            if child == self.target {
                // Point at the key: that is where a reader looks for a member.
                self.found = Some(key_start);
                return;
            }
            if let Some(dups) = &mut self.dups {
                if seen.contains(&key) {
                    dups.push(child.clone());
                } else {
                    seen.push(key);
                }
            }
            self.ws();
            if self.pos < self.src.len() && self.src[self.pos] == b':' {
                self.pos += 1;
            }
            if self.leads_to_target(&child) {
                self.value(child);
            } else {
                self.skip_value();
            }
        }
    }

    fn array(&mut self, path: String) {
        self.pos += 1;
        let mut index = 0usize;
        loop {
            self.ws();
            if self.done() {
                return;
            }
            match self.src[self.pos] {
                b']' => {
                    self.pos += 1;
                    return;
                }
                b',' => {
                    self.pos += 1;
                    index += 1;
                    continue;
                }
                _ => {
                    let child = join(&path, &index.to_string());
                    if self.leads_to_target(&child) {
                        self.value(child);
                    } else {
                        self.skip_value();
                    }
                }
            }
        }
    }

    /// Scans a string literal and returns its decoded text.
    fn string(&mut self) -> Option<String> {
        let start = self.pos;
        self.pos += 1;
        while self.pos < self.src.len() {
            match self.src[self.pos] {
                b'\\' => self.pos += 2,
                b'"' => {
                    self.pos += 1;
                    let raw = std::str::from_utf8(&self.src[start..self.pos]).ok()?;
                    if !raw.contains('\\') {
                        return Some(raw[1..raw.len() - 1].to_string());
                    }
                    return serde_json::from_str(raw).ok();
                }
                _ => self.pos += 1,
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = "{\n  \"a\": [10, {\"b/c\": \"x\"}],\n  \"d\": {\"e\": 1, \"e\": 2}\n}";

    #[test]
    fn finds_array_elements_and_escaped_keys() {
        assert_eq!(locate(SRC, "/a/1"), Some((2, 13)));
        assert_eq!(locate(SRC, "/a/1/b~1c"), Some((2, 14)));
        assert_eq!(locate(SRC, ""), Some((1, 1)));
        assert_eq!(locate(SRC, "/zzz"), None);
    }

    #[test]
    fn json_errors_are_placed_in_characters_from_1() {
        let source = "{\n  \"描述\": x\n";
        let e = serde_json::from_str::<serde_json::Value>(source).unwrap_err();
        assert_eq!((e.line(), e.column()), (2, 13), "serde_json counts bytes");
        assert_eq!(json_error_position(source, e.line(), e.column()), (2, 9));
        let cut = "{\n  \"a\": 1,\n";
        let e = serde_json::from_str::<serde_json::Value>(cut).unwrap_err();
        assert_eq!((e.line(), e.column()), (3, 0));
        assert_eq!(json_error_position(cut, e.line(), e.column()), (3, 1));
        let (what, position) = json_error(cut, &e);
        assert_eq!(what, "it ends before the JSON does (EOF while parsing a value); the file was probably truncated");
        assert_eq!(position, (3, 1));
    }

    #[test]
    fn counts_columns_in_characters() {
        let src = "{\"名称\": 1, \"x\": 2}";
        assert_eq!(locate(src, "/x"), Some((1, 11)));
    }

    #[test]
    fn finds_values_after_skipped_siblings() {
        let src = r#"{"s": "a\\\"}[{", "n": [1, {"x": [true, null]}, "]"], "t": {"u": -1.5e3, "v": "w"}}"#;
        assert_eq!(locate(src, "/t/v"), Some((1, 74)));
        assert_eq!(locate(src, "/n/2"), Some((1, 49)));
        assert_eq!(locate(src, "/n/1/x/1"), Some((1, 41)));
    }

    #[test]
    fn reports_duplicate_keys() {
        assert_eq!(duplicate_keys(SRC), vec!["/d/e".to_string()]);
    }
}
