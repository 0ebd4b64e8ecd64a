//! The one way from metadata text to Rust source.
//!
//! Every string that comes from metadata reaches generated code through a function of this module,
//! chosen by what the string becomes:
//!
//! | kind | function | what happens to hostile characters |
//! | --- | --- | --- |
//! | doc text (markdown) | [`Doc::markdown`], [`prose`], [`cell`], [`code`], then [`attrs`] / [`inner_attrs`] | replaced by a visible marker `{U+202E}` |
//! | doc text the generator writes around metadata values | the `doc_fmt!` macro, whose arguments can only be [`Inline`]s | as above |
//! | string literal (a value that must stay exact: wire names, codes, patterns) | [`crate::emit::lit::str`] | escaped (`\u{202e}`): the value is kept, the source shows the escape |
//! | attribute argument a reader sees (`#[deprecated = "..."]`) | [`note`] | replaced by a marker, one line |
//! | identifier | [`ident`] | anything outside `[A-Za-z0-9_]` becomes `_`; never a panic |
//! | path segment (module and file names) | [`path_segment`] | as identifiers, and never a name Windows reserves (`con`, `nul`, ...) |
//!
//! "Hostile" is [`is_hidden`]: control characters, the bidirectional controls rustc denies
//! (`text_direction_codepoint_in_comment` and `_in_literal`, the "Trojan Source" class), the other
//! invisible format characters (zero-width spaces and joiners, marks, tags), line and paragraph
//! separators, and noncharacters. Line ends are structure: `\r\n` and a bare `\r` become `\n` in
//! doc text, and split doc lines; a tab becomes a space.
//!
//! Whatever goes in, each function's output is accepted by rustc and rustdoc and shows every
//! character it holds: [`lexical`] states rustc's lexical rules as a checker (tested against rustc
//! itself; the property tests and the fuzz target run it), and [`crate::render`] runs its fast part
//! ([`lexical::first_hidden`]) over every generated file as a last guard.

pub mod lexical;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;
use std::fmt;

/// Whether `c` must never be written raw into generated source: it is invisible, reorders the
/// text around it, or is refused by rustc in some context.
///
/// - every control character (general category Cc: C0, DEL, C1), tab and line feed included
///   (callers that keep those as structure handle them first);
/// - every format character (Cf, Unicode 15.1): the bidirectional embeddings, overrides, isolates
///   and marks (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), zero-width spaces and
///   joiners, the byte-order mark, soft hyphen, invisible operators, interlinear annotations, tags;
/// - the line and paragraph separators U+2028 and U+2029 (Zl, Zp);
/// - noncharacters (U+FDD0–U+FDEF and the last two code points of every plane).
pub fn is_hidden(c: char) -> bool {
    let u = c as u32;
    c.is_control()
        || matches!(
            u,
            0x00AD
                | 0x0600..=0x0605
                | 0x061C
                | 0x06DD
                | 0x070F
                | 0x0890..=0x0891
                | 0x08E2
                | 0x180E
                | 0x200B..=0x200F
                | 0x2028..=0x202E
                | 0x2060..=0x2064
                | 0x2066..=0x206F
                | 0xFDD0..=0xFDEF
                | 0xFEFF
                | 0xFFF9..=0xFFFB
                | 0x110BD
                | 0x110CD
                | 0x13430..=0x1343F
                | 0x1BCA0..=0x1BCA3
                | 0x1D173..=0x1D17A
                | 0xE0001
                | 0xE0020..=0xE007F
        )
        || u & 0xFFFE == 0xFFFE
}

/// The visible marker that stands for a hidden character in text a reader sees: `{U+202E}`.
pub fn marker(c: char) -> String {
    format!("{{U+{:04X}}}", c as u32)
}

/// One line of display text: tabs become spaces, line breaks and every other hidden character a
/// [`marker`]. Borrowed when nothing changes (the common case).
pub fn visible_line(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(is_hidden) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '\t' => out.push(' '),
            c if is_hidden(c) => out.push_str(&marker(c)),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Doc text that is safe to write: markdown that rustdoc renders as written (no doctest, link,
/// HTML or entity from metadata), with no character rustc refuses or a reader cannot see.
///
/// Only this module makes one: from metadata markdown ([`Doc::markdown`]), or from a template of
/// the generator's own through `doc_fmt!`, whose arguments are [`Inline`]s.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Doc(String);

impl Doc {
    /// Metadata markdown, made safe by [`crate::emit::docs::sanitise`].
    pub fn markdown(text: &str) -> Doc {
        Doc(crate::emit::docs::sanitise(text))
    }

    /// Blocks separated by blank lines; empty blocks, and blocks the text already holds, are
    /// skipped.
    pub fn join(blocks: impl IntoIterator<Item = Doc>) -> Doc {
        let mut out = String::new();
        for b in blocks {
            let b = b.0.trim();
            if b.is_empty() || out.contains(b) {
                continue;
            }
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(b);
        }
        Doc(out)
    }

    /// Appends `other` as it is (no separator).
    pub fn push(&mut self, other: &Doc) {
        self.0.push_str(&other.0);
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether there is no text.
    pub fn is_empty(&self) -> bool {
        self.0.trim().is_empty()
    }

    /// The first sentence (up to `.` or `。`) of the first line. A full stop inside a code span, an
    /// autolink (`<https://a.b>`) or a link target (`](https://a.b)`) ends nothing, so the cut
    /// never leaves half a URL behind (rustdoc would warn about a bare URL).
    pub fn first_sentence(&self) -> Inline {
        let line = self.0.lines().next().unwrap_or_default();
        let (mut code, mut angle, mut target) = (false, false, false);
        let mut prev = ' ';
        let mut cut = None;
        for (i, c) in line.char_indices() {
            match c {
                '`' => code = !code,
                '<' if !code => angle = true,
                '>' if !code => angle = false,
                '(' if !code && prev == ']' => target = true,
                ')' if !code => target = false,
                '.' | '。' if !code && !angle && !target => {
                    cut = Some(i + c.len_utf8());
                    break;
                }
                _ => {}
            }
            prev = c;
        }
        Inline(cut.map_or(line, |i| &line[..i]).to_string())
    }

    /// For `doc_fmt!` only: a template of the generator's, filled with
    /// [`Inline`]s. Every line still goes through [`visible_line`].
    #[doc(hidden)]
    pub fn __template(text: String) -> Doc {
        Doc(text.split('\n').map(visible_line).collect::<Vec<_>>().join("\n"))
    }
}

/// A piece of doc text to put inside a line of a `doc_fmt!` template: one
/// line, safe in any markdown context but a table cell (use [`cell`] there).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inline(String);

impl Inline {
    /// Type check for `doc_fmt!`: its arguments must be `Inline`s.
    #[doc(hidden)]
    pub fn __arg(&self) -> &Inline {
        self
    }
}

impl fmt::Display for Inline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Doc text from a template of the generator's own (a string literal, `format!` syntax) whose
/// arguments are [`Inline`]s, so every metadata value in it went through this module.
macro_rules! doc_fmt {
    ($template:literal $(, $arg:expr)* $(,)?) => {
        $crate::emit::text::Doc::__template(format!($template $(, $crate::emit::text::Inline::__arg(&$arg))*))
    };
}
pub(crate) use doc_fmt;

/// Metadata text shown as code: an inline code span holding exactly the text (on one line, hidden
/// characters as markers, cut after 120 characters with `…`). Backticks in the text get a longer
/// fence instead of being changed.
pub fn code(text: &str) -> Inline {
    let mut t = String::with_capacity(text.len());
    for c in text.chars().take(120) {
        match c {
            '\n' | '\r' | '\t' => t.push(' '),
            c if is_hidden(c) => t.push_str(&marker(c)),
            c => t.push(c),
        }
    }
    if text.chars().nth(120).is_some() {
        t.push('…');
    }
    let longest = t.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    if longest == 0 {
        return Inline(format!("`{t}`"));
    }
    let fence = "`".repeat(longest + 1);
    Inline(format!("{fence} {t} {fence}"))
}

/// Metadata markdown on one line: [`Doc::markdown`] with its lines joined by spaces. A single line
/// cannot open a code block, so it is safe anywhere in a template line.
pub fn prose(text: &str) -> Inline {
    let doc = Doc::markdown(text);
    Inline(doc.0.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" "))
}

/// The first line of metadata markdown, for a markdown table cell (`|` would end the cell).
pub fn cell(text: &str) -> Inline {
    let doc = Doc::markdown(text.lines().next().unwrap_or_default());
    Inline(doc.0.lines().next().unwrap_or_default().replace('|', "/"))
}

/// Several inlines separated by `, `.
pub fn list(items: impl IntoIterator<Item = Inline>) -> Inline {
    Inline(items.into_iter().map(|i| i.0).collect::<Vec<_>>().join(", "))
}

/// A Rust name (type, module, method), for intra-doc links and code spans: always an identifier.
pub fn name(rust_name: &str) -> Inline {
    Inline(ident(rust_name).to_string())
}

/// A number.
pub fn number(n: impl Into<i128>) -> Inline {
    Inline(n.into().to_string())
}

/// A Rust string literal holding exactly `s` (for code in a doc example): see
/// [`crate::emit::lit::str`].
pub fn rust_str(s: &str) -> Inline {
    Inline(crate::emit::lit::str(s).to_string())
}

/// `#[doc = "..."]` attributes, one per line of `doc`; nothing for empty text.
pub fn attrs(doc: &Doc) -> TokenStream {
    let lits = line_literals(doc);
    quote! { #( #[doc = #lits] )* }
}

/// `#![doc = "..."]` attributes (module or crate docs), one per line of `doc`.
pub fn inner_attrs(doc: &Doc) -> TokenStream {
    let lits = line_literals(doc);
    quote! { #( #![doc = #lits] )* }
}

/// One string literal per line, with the space that `///` puts after the slashes. prettyplease
/// writes each as a `///` line, so the value is the comment's text: [`visible_line`] once more
/// makes sure no line holds a character rustc refuses in a doc comment (a bare CR, a bidi control).
fn line_literals(doc: &Doc) -> Vec<Literal> {
    if doc.is_empty() {
        return Vec::new();
    }
    doc.0
        .trim_end()
        .split('\n')
        .map(|l| {
            let l = visible_line(l);
            crate::emit::lit::str(&if l.is_empty() { String::new() } else { format!(" {l}") })
        })
        .collect()
}

/// A string literal for an attribute argument that a reader sees (a deprecation note): one line,
/// hidden characters as markers.
pub fn note(text: &str) -> Literal {
    let one_line = text.replace(['\r', '\n'], " ");
    crate::emit::lit::str(&visible_line(&one_line))
}

const KEYWORDS_NO_RAW: &[&str] = &["self", "Self", "crate", "super", "_"];

/// An identifier. Model names are identifiers already (`r#type` stays raw); for anything else
/// (never from a checked model) the result is still one: characters outside `[A-Za-z0-9_]` become
/// `_`, a leading digit or an empty name gets `_`, and names with no raw form get a trailing `_`.
pub fn ident(name: &str) -> Ident {
    let (raw, bare) = match name.strip_prefix("r#") {
        Some(rest) => (true, rest),
        None => (false, name),
    };
    let mut s: String = bare.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).collect();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    if s == "_" || KEYWORDS_NO_RAW.contains(&s.as_str()) {
        s.push('_');
        return Ident::new(&s, Span::call_site());
    }
    if raw || crate::names::is_keyword(&s) {
        Ident::new_raw(&s, Span::call_site())
    } else {
        Ident::new(&s, Span::call_site())
    }
}

/// A module's folder or file name (without `.rs`): the identifier [`ident`] gives, without `r#`,
/// and never a name Windows reserves (`con` → `con_`). Model module names are
/// such names already, and come out unchanged.
pub fn path_segment(module: &str) -> String {
    let id = ident(module).to_string();
    let mut s = id.trim_start_matches("r#").to_string();
    if crate::names::is_windows_reserved(&s) {
        s.push('_');
    }
    s
}

#[cfg(test)]
#[path = "text_tests.rs"]
mod tests;
