//! Doc comments from metadata text, made safe.
//!
//! Metadata text is markdown written for a web page. In rustdoc it could become code (an indented
//! block or a fence is a doctest that runs), broken links (`[Name]` is an intra-doc link), stray
//! HTML (`<props="china">`) or bare-URL warnings. This module rewrites it so that none of that can
//! happen, while keeping what renders well: paragraphs, lists, emphasis, inline code, tables.
//! Emitters do not call it directly: [`super::text::Doc::markdown`] does.

use super::text;

/// Rewrites metadata markdown into text that rustdoc renders without running or resolving anything.
pub fn sanitise(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut in_fence = false;
    let mut blank_run = 0;
    let mut prev_kind = BlockKind::Text;
    let normalised = text.replace("\r\n", "\n").replace('\r', "\n");
    for raw in normalised.split('\n') {
        // Tabs become spaces; every other hidden character (NUL, bidi controls, separators, ...)
        // a visible marker.
        let line = text::visible_line(raw);
        let trimmed = line.trim();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            // Every fence becomes a `text` block: shown as code, never compiled or run.
            out.push_str(if in_fence { "```" } else { "```text" });
            out.push('\n');
            in_fence = !in_fence;
            blank_run = 0;
            continue;
        }
        if in_fence {
            out.push_str(line.trim_end());
            out.push('\n');
            continue;
        }
        if trimmed.is_empty() {
            prev_kind = BlockKind::Text;
            blank_run += 1;
            if blank_run == 1 && !out.is_empty() {
                out.push('\n');
            }
            continue;
        }
        // A list item or quote followed by plain text would make that text a lazy continuation
        // (rendered inside the item); markdown in metadata means a new paragraph there.
        let kind = block_kind(trimmed);
        if blank_run == 0 && prev_kind != BlockKind::Text && kind != prev_kind {
            out.push('\n');
        }
        prev_kind = kind;
        blank_run = 0;
        // No leading indentation: an indented block after a paragraph is a doctest.
        out.push_str(&inline(trimmed));
        out.push('\n');
    }
    if in_fence {
        out.push_str("```\n");
    }
    out.trim_end().to_string()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BlockKind {
    Text,
    ListItem,
    Quote,
}

fn block_kind(line: &str) -> BlockKind {
    let ordered = line
        .split_once(". ")
        .is_some_and(|(n, _)| !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit()));
    if line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ") || ordered {
        BlockKind::ListItem
    } else if line.starts_with('>') {
        BlockKind::Quote
    } else {
        BlockKind::Text
    }
}

/// Escapes one line of prose: links, brackets, HTML, bare URLs.
fn inline(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    let mut in_code = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            in_code = !in_code;
            out.push(c);
            i += 1;
            continue;
        }
        if in_code {
            out.push(c);
            i += 1;
            continue;
        }
        match c {
            '[' => {
                if let Some((text, url, next)) = markdown_link(&chars, i) {
                    if is_web_url(&url) {
                        out.push('[');
                        out.push_str(&escape_plain(&text));
                        out.push_str("](");
                        out.push_str(&url.replace(' ', "%20").replace(')', "%29"));
                        out.push(')');
                    } else {
                        out.push_str(&escape_plain(&text));
                    }
                    i = next;
                    continue;
                }
                out.push_str("\\[");
            }
            ']' => out.push_str("\\]"),
            '<' => out.push_str("&lt;"),
            '>' if i == 0 => out.push('>'),
            '>' => out.push_str("&gt;"),
            '\\' => out.push_str("\\\\"),
            // `&#x202E;` or `&rlm;` would render as the character itself.
            '&' if is_entity(&chars[i..]) => out.push_str("&amp;"),
            'h' if starts_with(&chars, i, "http://") || starts_with(&chars, i, "https://") => {
                let end = (i..chars.len())
                    .find(|&j| {
                        chars[j].is_whitespace()
                            || !chars[j].is_ascii()
                            || matches!(chars[j], '<' | '>' | '"' | '`' | ')' | '(' | '[' | ']')
                    })
                    .unwrap_or(chars.len());
                let url: String = chars[i..end].iter().collect();
                let url = url.trim_end_matches(['.', ',', ';', ':', '!', '?', '*']);
                out.push('<');
                out.push_str(url);
                out.push('>');
                i += url.chars().count();
                continue;
            }
            c => out.push(c),
        }
        i += 1;
    }
    if in_code {
        // An unclosed code span would swallow the next line; close it.
        out.push('`');
    }
    out
}

/// Whether `chars` starts with an HTML character reference: `&name;`, `&#123;`, `&#x7B;`.
fn is_entity(chars: &[char]) -> bool {
    let body: String = chars.iter().skip(1).take(32).take_while(|c| **c != ';').collect();
    if body.len() >= 32 || chars.get(body.chars().count() + 1) != Some(&';') {
        return false;
    }
    let numeric = body.strip_prefix('#').map(|n| {
        n.strip_prefix(['x', 'X'])
            .map_or_else(|| n.chars().all(|c| c.is_ascii_digit()), |h| h.chars().all(|c| c.is_ascii_hexdigit()))
    });
    match numeric {
        Some(ok) => ok && body.len() > 1,
        None => body.starts_with(|c: char| c.is_ascii_alphabetic()) && body.chars().all(|c| c.is_ascii_alphanumeric()),
    }
}

fn escape_plain(s: &str) -> String {
    s.replace('\\', "\\\\").replace('[', "\\[").replace(']', "\\]").replace('<', "&lt;").replace('>', "&gt;")
}

fn starts_with(chars: &[char], at: usize, pat: &str) -> bool {
    let mut p = pat.chars();
    chars[at..].iter().take(pat.len()).all(|c| p.next() == Some(*c)) && chars.len() - at >= pat.len()
}

fn is_web_url(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://")) && url.is_ascii() && !url.contains(char::is_whitespace)
}

/// `[text](url)` starting at `at`: (text, url, index after the closing parenthesis).
fn markdown_link(chars: &[char], at: usize) -> Option<(String, String, usize)> {
    let close = (at + 1..chars.len()).find(|&j| chars[j] == ']')?;
    if chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let end = (close + 2..chars.len()).find(|&j| chars[j] == ')')?;
    let text: String = chars[at + 1..close].iter().collect();
    let url: String = chars[close + 2..end].iter().collect();
    Some((text, url.trim().to_string(), end + 1))
}

#[cfg(test)]
mod tests {
    use super::sanitise;

    #[test]
    fn fences_never_become_doctests() {
        let s = sanitise("Example:\n```\nfn main() { panic!() }\n```\n```rust\nlet x = 1;");
        assert_eq!(s, "Example:\n```text\nfn main() { panic!() }\n```\n```text\nlet x = 1;\n```");
    }

    #[test]
    fn indentation_is_dropped() {
        assert_eq!(sanitise("para\n\n    code()\n\t- item"), "para\n\ncode()\n- item");
    }

    #[test]
    fn links_brackets_html_and_urls_are_made_safe() {
        assert_eq!(sanitise("Call [DescribeRegions](~~36063~~) now"), "Call DescribeRegions now");
        assert_eq!(sanitise("See [docs](https://a.example/x)."), "See [docs](https://a.example/x).");
        assert_eq!(sanitise("See [docs](https://a.example/x y)."), "See docs.");
        assert_eq!(
            sanitise("<props=\"china\">x</props> [Tag] a>b"),
            "&lt;props=\"china\"&gt;x&lt;/props&gt; \\[Tag\\] a&gt;b"
        );
        assert_eq!(sanitise("open https://example.com/a."), "open <https://example.com/a>.");
        assert_eq!(sanitise("`http://` and `[x]`"), "`http://` and `[x]`");
        assert_eq!(sanitise("> note"), "> note");
    }

    #[test]
    fn text_after_a_list_or_quote_starts_a_new_paragraph() {
        assert_eq!(sanitise("- a\n- b\nafter"), "- a\n- b\n\nafter");
        assert_eq!(sanitise("> note\nafter"), "> note\n\nafter");
        assert_eq!(sanitise("1. one\n2. two"), "1. one\n2. two");
    }

    #[test]
    fn line_ends_are_kept_and_hidden_characters_get_a_marker() {
        assert_eq!(sanitise("a\r\nb\rc\u{0}d */"), "a\nb\nc{U+0000}d */");
        assert_eq!(sanitise("x\u{202E}y\u{2028}z\tw"), "x{U+202E}y{U+2028}z w");
        assert_eq!(sanitise("`a\u{2066}`"), "`a{U+2066}`");
    }

    #[test]
    fn character_references_render_as_written() {
        assert_eq!(sanitise("&#x202E; &#8238; &rlm; A & B &amp"), "&amp;#x202E; &amp;#8238; &amp;rlm; A & B &amp");
    }

    #[test]
    fn unbalanced_code_spans_are_closed() {
        assert_eq!(sanitise("a `b\nc"), "a `b`\nc");
    }
}
