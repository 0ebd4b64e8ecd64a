//! rustc's lexical rules for the characters of a source file, as a checker.
//!
//! `syn::parse_file` accepts files that rustc refuses: a bidirectional control in a comment or a
//! literal (the deny-by-default lints `text_direction_codepoint_in_comment` and
//! `text_direction_codepoint_in_literal`), a bare carriage return in a doc comment or a literal.
//! [`check`] lexes a file the way rustc does (comments with their nesting and doc forms, string,
//! raw string, byte and C string literals with their escapes, character literals and lifetimes)
//! and reports:
//!
//! - what rustc refuses ([`Finding::refused_by_rustc`]): bidi controls anywhere, a bare CR in a doc
//!   comment or a literal, a non-ASCII character in a byte literal, a bad escape, an unterminated
//!   comment or literal, a character that starts no token;
//! - what the generator's own policy refuses on top ([`Rule::Hidden`]): any other character of
//!   [`super::is_hidden`] written raw, anywhere (rustc accepts a zero-width space in a comment; a
//!   reader does not see it).
//!
//! `codegen/tests/lexical_rustc.rs` feeds every character class in every context through `rustc`
//! and shows that [`Finding::refused_by_rustc`] agrees with it.

use super::is_hidden;

/// Where in the file a character is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Outside comments and literals.
    Code,
    /// `//` or `/* */`.
    Comment,
    /// `///`, `//!`, `/** */`, `/*! */`.
    DocComment,
    /// `"..."` or `c"..."`.
    Str,
    /// `r"..."`, `r#"..."#`, `cr"..."`.
    RawStr,
    /// `b"..."`, `br"..."`, `b'.'`.
    Bytes,
    /// `'.'`.
    Char,
}

/// Which rule a character breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// A bidirectional control (U+202A–U+202E, U+2066–U+2069): rustc denies it in comments and
    /// literals, and it starts no token elsewhere.
    Bidi,
    /// A carriage return not followed by a line feed, in a doc comment or a literal.
    BareCr,
    /// A non-ASCII character in a byte literal.
    NonAsciiInBytes,
    /// A raw tab, line feed or carriage return in a character literal.
    UnescapedInChar,
    /// An escape rustc does not know, or a value out of range.
    BadEscape,
    /// A comment or literal that does not end.
    Unterminated,
    /// A character that starts no token (outside comments and literals).
    UnknownToken,
    /// The generator's policy, stricter than rustc: a hidden character written raw.
    Hidden,
}

/// One character that breaks a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Finding {
    /// Byte offset in the file.
    pub offset: usize,
    /// 1-based line.
    pub line: usize,
    /// The character.
    pub ch: char,
    /// Where it is.
    pub context: Context,
    /// What is wrong.
    pub rule: Rule,
}

impl Finding {
    /// Whether rustc refuses the file for this (every rule but [`Rule::Hidden`]).
    pub fn refused_by_rustc(&self) -> bool {
        self.rule != Rule::Hidden
    }
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: U+{:04X} in {:?}: {:?}", self.line, self.ch as u32, self.context, self.rule)
    }
}

const BIDI: [char; 9] =
    ['\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}'];

/// Whether rustc treats `c` as whitespace between tokens (Unicode Pattern_White_Space).
fn is_rustc_whitespace(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{85}' | '\u{200E}' | '\u{200F}' | '\u{2028}' | '\u{2029}'
    )
}

/// Every finding of `src`, in file order.
pub fn check(src: &str) -> Vec<Finding> {
    let mut lx = Lexer { src, pos: 0, out: Vec::new() };
    lx.run();
    lx.out.sort_by_key(|f| f.offset);
    lx.out
}

/// Whether rustc would refuse `src` for a lexical reason (the findings that say so).
pub fn refused_by_rustc(src: &str) -> Vec<Finding> {
    check(src).into_iter().filter(Finding::refused_by_rustc).collect()
}

/// The byte offset of the first hidden character of `src` other than a line feed, if any: the
/// cheap part of [`check`] (every character rustc refuses in a comment or a literal is hidden), fast
/// enough to run over every generated file.
pub fn first_hidden(src: &str) -> Option<usize> {
    let bytes = src.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if (b < 0x20 && b != b'\n') || b == 0x7F {
                return Some(i);
            }
            i += 1;
        } else {
            let c = src[i..].chars().next().unwrap_or('\0');
            if is_hidden(c) {
                return Some(i);
            }
            i += c.len_utf8();
        }
    }
    None
}

struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    out: Vec<Finding>,
}

impl Lexer<'_> {
    fn peek(&self, ahead: usize) -> Option<char> {
        self.src[self.pos..].chars().nth(ahead)
    }

    fn rest(&self) -> &str {
        &self.src[self.pos..]
    }

    fn report(&mut self, offset: usize, ch: char, context: Context, rule: Rule) {
        let line = self.src[..offset].matches('\n').count() + 1;
        self.out.push(Finding { offset, line, ch, context, rule });
    }

    /// Checks every character of `start..end` as content of `context`.
    fn content(&mut self, start: usize, end: usize, context: Context) {
        let text = &self.src[start..end];
        for (i, c) in text.char_indices() {
            let at = start + i;
            let crlf = c == '\r' && self.src[at + 1..].starts_with('\n');
            let rule = if BIDI.contains(&c) {
                Some(Rule::Bidi)
            } else if c == '\r' && !crlf && context != Context::Comment && context != Context::Code {
                Some(Rule::BareCr)
            } else if context == Context::Bytes && !c.is_ascii() {
                Some(Rule::NonAsciiInBytes)
            } else if is_hidden(c) && !matches!(c, '\n' | '\t') && !crlf {
                Some(Rule::Hidden)
            } else {
                None
            };
            if let Some(rule) = rule {
                self.report(at, c, context, rule);
            }
        }
    }

    fn run(&mut self) {
        while let Some(c) = self.peek(0) {
            let rest = self.rest();
            if rest.starts_with("//") {
                self.line_comment();
            } else if rest.starts_with("/*") {
                self.block_comment();
            } else if c == '"' {
                self.quoted(Context::Str, '"');
            } else if c == '\'' {
                self.quote_or_lifetime();
            } else if c == '_' || unicode_ident::is_xid_start(c) {
                self.word();
            } else if is_rustc_whitespace(c) {
                let crlf = c == '\r' && self.peek(1) == Some('\n');
                if c != '\n' && c != '\t' && c != ' ' && !crlf {
                    self.report(self.pos, c, Context::Code, Rule::Hidden);
                }
                self.pos += c.len_utf8();
            } else if c.is_ascii_graphic() {
                self.pos += 1;
            } else {
                let rule = if BIDI.contains(&c) { Rule::Bidi } else { Rule::UnknownToken };
                self.report(self.pos, c, Context::Code, rule);
                self.pos += c.len_utf8();
            }
        }
    }

    fn line_comment(&mut self) {
        let rest = self.rest();
        let doc = (rest.starts_with("///") && !rest.starts_with("////")) || rest.starts_with("//!");
        let end = rest.find('\n').map_or(self.src.len(), |i| self.pos + i);
        let context = if doc { Context::DocComment } else { Context::Comment };
        self.content(self.pos + 2, end, context);
        self.pos = end;
    }

    fn block_comment(&mut self) {
        let rest = self.rest();
        let doc = (rest.starts_with("/**") && !rest.starts_with("/***") && !rest.starts_with("/**/"))
            || rest.starts_with("/*!");
        let context = if doc { Context::DocComment } else { Context::Comment };
        let start = self.pos;
        let bytes = self.src.as_bytes();
        let mut i = self.pos + 2;
        let mut depth = 1;
        while i + 1 < bytes.len() && depth > 0 {
            match (bytes[i], bytes[i + 1]) {
                (b'/', b'*') => {
                    depth += 1;
                    i += 2;
                }
                (b'*', b'/') => {
                    depth -= 1;
                    i += 2;
                }
                _ => i += 1,
            }
        }
        if depth > 0 {
            self.report(start, '/', context, Rule::Unterminated);
            i = bytes.len();
        }
        self.content(start + 2, i.saturating_sub(2).max(start + 2), context);
        self.pos = i;
    }

    /// A literal starting at `self.pos` with `open` (`"` or `'`), escapes allowed.
    fn quoted(&mut self, context: Context, open: char) -> bool {
        let start = self.pos;
        let body = start + 1;
        let mut chars = self.src[body..].char_indices();
        let mut end = None;
        while let Some((i, c)) = chars.next() {
            if c == open {
                end = Some(body + i);
                break;
            }
            if c == '\\' {
                let esc_at = body + i;
                if !self.escape(&mut chars, context, open == '\'') {
                    let ch = self.src[esc_at + 1..].chars().next().unwrap_or('\\');
                    self.report(esc_at, ch, context, Rule::BadEscape);
                }
            }
        }
        match end {
            Some(e) => {
                self.content(body, e, context);
                self.pos = e + 1;
                true
            }
            None => {
                self.report(start, open, context, Rule::Unterminated);
                self.content(body, self.src.len(), context);
                self.pos = self.src.len();
                false
            }
        }
    }

    /// Consumes one escape after `\`; whether rustc accepts it.
    fn escape(&self, chars: &mut std::str::CharIndices<'_>, context: Context, in_char: bool) -> bool {
        let bytes = context == Context::Bytes;
        match chars.next().map(|(_, c)| c) {
            Some('n' | 'r' | 't' | '\\' | '0' | '\'' | '"') => true,
            Some('\n') => !in_char,
            Some('x') => {
                let hex: String = chars.clone().take(2).map(|(_, c)| c).collect();
                chars.nth(1);
                hex.len() == 2
                    && hex.chars().all(|c| c.is_ascii_hexdigit())
                    && u8::from_str_radix(&hex, 16).is_ok_and(|v| bytes || v <= 0x7F)
            }
            Some('u') if !bytes => {
                if chars.next().map(|(_, c)| c) != Some('{') {
                    return false;
                }
                let mut digits = String::new();
                for (_, c) in chars.by_ref() {
                    match c {
                        '}' => {
                            let ok = !digits.is_empty() && digits.len() <= 6;
                            return ok && u32::from_str_radix(&digits, 16).ok().and_then(char::from_u32).is_some();
                        }
                        '_' => {}
                        c if c.is_ascii_hexdigit() => digits.push(c),
                        _ => return false,
                    }
                }
                false
            }
            _ => false,
        }
    }

    fn quote_or_lifetime(&mut self) {
        let second = self.peek(1);
        let third = self.peek(2);
        match (second, third) {
            (Some('\\'), _) => {
                self.quoted(Context::Char, '\'');
            }
            (Some(c), Some('\'')) => {
                let at = self.pos + 1;
                if matches!(c, '\n' | '\r' | '\t') {
                    self.report(at, c, Context::Char, Rule::UnescapedInChar);
                }
                self.content(at, at + c.len_utf8(), Context::Char);
                self.pos = at + c.len_utf8() + 1;
            }
            (Some(c), _) if c == '_' || unicode_ident::is_xid_start(c) => {
                self.pos += 1;
                self.word();
            }
            _ => {
                self.report(self.pos, '\'', Context::Char, Rule::Unterminated);
                self.pos += 1;
            }
        }
    }

    /// An identifier or keyword, or the prefix of a byte, C or raw string.
    fn word(&mut self) {
        let start = self.pos;
        let len: usize =
            self.rest().chars().take_while(|&c| unicode_ident::is_xid_continue(c)).map(char::len_utf8).sum();
        let word = &self.src[start..start + len];
        self.pos = start + len;
        // rustc takes U+200C and U+200D inside identifiers (XID_Continue); a reader cannot see them.
        self.content(start, start + len, Context::Code);
        let next = self.peek(0);
        match (word, next) {
            ("b" | "c", Some('"')) => {
                self.quoted(if word == "b" { Context::Bytes } else { Context::Str }, '"');
            }
            ("b", Some('\'')) => {
                self.quoted(Context::Bytes, '\'');
            }
            ("r" | "br" | "cr", Some('"' | '#')) => {
                let hashes = self.rest().chars().take_while(|&c| c == '#').count();
                if self.rest()[hashes..].starts_with('"') {
                    self.raw(if word == "br" { Context::Bytes } else { Context::RawStr }, hashes);
                }
                // Otherwise a raw identifier (`r#type`): the loop lexes `#` and the word.
            }
            _ => {}
        }
    }

    fn raw(&mut self, context: Context, hashes: usize) {
        let start = self.pos;
        let body = start + hashes + 1;
        let close = format!("\"{}", "#".repeat(hashes));
        match self.src[body..].find(&close) {
            Some(i) => {
                self.content(body, body + i, context);
                self.pos = body + i + close.len();
            }
            None => {
                self.report(start, '"', context, Rule::Unterminated);
                self.content(body, self.src.len(), context);
                self.pos = self.src.len();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(src: &str) -> Vec<(Context, Rule)> {
        check(src).into_iter().map(|f| (f.context, f.rule)).collect()
    }

    #[test]
    fn clean_code_has_no_finding() {
        let src = "//! Crate.\n/// Doc `x`.\n#[doc = \"a\\u{202e}b\\r\\n\"]\nfn f<'a>(x: &'a str) -> char {\n    let _ = (r#\"raw \" quote\"#, b'\\x7f', br\"b\", c\"c\", '\\'', '\"', \"名\", r#type);\n    /* outer /* nested */ still */\n    'x'\n}\n";
        assert_eq!(check(src), []);
    }

    #[test]
    fn what_rustc_refuses_is_found_in_its_context() {
        assert_eq!(rules("// a\u{202E}b\n"), [(Context::Comment, Rule::Bidi)]);
        assert_eq!(rules("/// a\rb\n"), [(Context::DocComment, Rule::BareCr)]);
        assert_eq!(rules("// a\rb\n"), [(Context::Comment, Rule::Hidden)]);
        assert_eq!(rules("/// a\r\nb"), []);
        assert_eq!(rules("const A: &str = \"a\rb\";"), [(Context::Str, Rule::BareCr)]);
        assert_eq!(rules("const A: &[u8] = b\"é\";"), [(Context::Bytes, Rule::NonAsciiInBytes)]);
        assert_eq!(rules("const A: &str = \"\\q\";"), [(Context::Str, Rule::BadEscape)]);
        assert_eq!(rules("const A: char = '\\u{d800}';"), [(Context::Char, Rule::BadEscape)]);
        assert_eq!(rules("const A: &str = \"open"), [(Context::Str, Rule::Unterminated)]);
        assert_eq!(rules("/* a /* b */"), [(Context::Comment, Rule::Unterminated)]);
        assert_eq!(rules("fn f() { \u{0} }"), [(Context::Code, Rule::UnknownToken)]);
        assert_eq!(rules("fn f() {\u{2028}}"), [(Context::Code, Rule::Hidden)]);
        assert_eq!(rules("/* \u{200B} */"), [(Context::Comment, Rule::Hidden)]);
        assert!(check("/** \u{2066} */").iter().all(Finding::refused_by_rustc));
        assert_eq!(first_hidden("a\nb\tc"), Some(3));
        assert_eq!(first_hidden("名\u{202E}"), Some(3));
        assert_eq!(first_hidden("名\n"), None);
    }
}
