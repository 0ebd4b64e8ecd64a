use super::*;

/// One of each class of hostile character.
pub(crate) const HOSTILE: &[char] = &[
    '\u{0}',
    '\u{7}',
    '\u{b}',
    '\u{c}',
    '\r',
    '\u{1b}',
    '\u{7f}',
    '\u{85}',
    '\u{9b}',
    '\u{ad}',
    '\u{61c}',
    '\u{200b}',
    '\u{200d}',
    '\u{200e}',
    '\u{200f}',
    '\u{202a}',
    '\u{202c}',
    '\u{202e}',
    '\u{2028}',
    '\u{2029}',
    '\u{2060}',
    '\u{2066}',
    '\u{2069}',
    '\u{feff}',
    '\u{fff9}',
    '\u{ffff}',
    '\u{e0041}',
    '\u{10ffff}',
];

#[test]
fn every_class_is_hidden_and_ordinary_text_is_not() {
    for c in HOSTILE {
        assert!(is_hidden(*c), "U+{:04X}", *c as u32);
    }
    for c in ['a', ' ', 'é', '名', '😀', '「', '\u{3000}', '\u{fe0f}', '\u{e000}'] {
        assert!(!is_hidden(c), "U+{:04X}", c as u32);
    }
}

/// Renders `tokens` as prettyplease does, then checks the text lexically.
fn lexically_clean(tokens: proc_macro2::TokenStream) -> String {
    let text = crate::render::unparse(&syn::parse2(tokens).expect("parses"));
    let findings = lexical::check(&text);
    assert!(findings.is_empty(), "{findings:?}\n{text}");
    text
}

#[test]
fn doc_attributes_never_hold_a_hidden_character() {
    for c in HOSTILE {
        let meta = format!("a{c}b\n```\nfn x() {{}}{c}\n```\n`{c}` [x{c}](https://e.com/{c}) &#x202E;");
        let outer = attrs(&Doc::markdown(&meta));
        let inner = inner_attrs(&Doc::markdown(&meta));
        let text = lexically_clean(quote! { #inner #outer pub struct S; });
        assert!(text.contains(&marker(*c)) || *c == '\r', "{text}");
    }
}

#[test]
fn templates_take_only_inlines_and_are_clean() {
    let v = "x\u{202E}`y\n";
    let d = doc_fmt!("Calls {} ({} {}) on {}.", code(v), prose(v), cell("a|b"), name("r#type"));
    assert_eq!(d.as_str(), "Calls `` x{U+202E}`y  `` (x{U+202E}`y` a/b) on r#type.");
    lexically_clean({
        let a = attrs(&d);
        quote! { #a pub struct S; }
    });
}

#[test]
fn code_spans_show_the_text_exactly() {
    assert_eq!(code("a").to_string(), "`a`");
    assert_eq!(code("a`b").to_string(), "`` a`b ``");
    assert_eq!(code("``").to_string(), "``` `` ```");
    assert_eq!(code("a\tb\u{0}").to_string(), "`a b{U+0000}`");
    assert_eq!(code(&"x".repeat(130)).to_string(), format!("`{}…`", "x".repeat(120)));
}

#[test]
fn prose_on_one_line_cannot_open_a_code_block() {
    let p = prose("```\nfn main() {}\n```\n    indented");
    assert_eq!(p.to_string(), "```text fn main() {} ``` indented");
    assert!(!p.to_string().contains('\n'));
}

#[test]
fn first_sentence_never_cuts_code_spans_or_urls() {
    let d = Doc::markdown("Sets `a.b` now. More.");
    assert_eq!(d.first_sentence().to_string(), "Sets `a.b` now.");
    let d = Doc::markdown("See [docs](https://a.example/x) or https://b.example/y. More.");
    assert_eq!(d.first_sentence().to_string(), "See [docs](https://a.example/x) or <https://b.example/y>.");
    assert_eq!(Doc::markdown("名称。其他").first_sentence().to_string(), "名称。");
}

#[test]
fn identifiers_and_path_segments_are_total() {
    for (name, want) in [
        ("ecr_id", "ecr_id"),
        ("r#type", "r#type"),
        ("type", "r#type"),
        ("self", "self_"),
        ("r#self", "self_"),
        ("", "__"),
        ("_", "__"),
        ("1a", "_1a"),
        ("a-b\u{202E}", "a_b_"),
        ("名", "__"),
    ] {
        let id = ident(name);
        assert_eq!(id.to_string(), want, "{name:?}");
        syn::parse_str::<syn::Ident>(&id.to_string()).unwrap_or_else(|e| panic!("{name:?}: {e}"));
    }
    assert_eq!(path_segment("con"), "con_");
    assert_eq!(path_segment("type_"), "type_");
    assert_eq!(path_segment("a\u{0}/../b"), "a_____b");
}

#[test]
fn notes_are_one_visible_line() {
    assert_eq!(note("a\nb\u{202E}").to_string(), "\"a b{U+202E}\"");
}

/// Review aid, enforced: outside the text modules, no emitter writes a doc attribute, a string or
/// character literal, an identifier or a displayed attribute argument by itself.
#[test]
fn emitters_build_docs_literals_and_identifiers_only_through_the_text_modules() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/emit");
    let own = ["text.rs", "text_tests.rs", "lit.rs", "docs.rs"];
    let forbidden = [
        "#[doc",
        "#![doc",
        // An attribute written with spaces (`# [doc = ...]`); `[doc_fmt!(...)]` is fine.
        "[doc =",
        "[doc=",
        "[doc(",
        "deprecated = \"",
        "Ident::new",
        "format_ident!",
        "__template",
        "__arg",
        "docs::",
        "Literal::string",
        "Literal::character",
        "Literal::byte_string",
        "Literal::c_string",
        "parse::<Literal>",
        "parse::<proc_macro2::Literal>",
    ];
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.extension().is_none_or(|e| e != "rs") || own.contains(&name.as_str()) {
            continue;
        }
        let src = std::fs::read_to_string(&path).unwrap();
        for pat in forbidden {
            assert!(!src.contains(pat), "{name} uses `{pat}`: go through emit::text or emit::lit");
        }
        for (at, _) in src.match_indices("Literal::") {
            let ctor: String = src[at + 9..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            assert!(
                ctor.ends_with("_unsuffixed") || ctor.ends_with("_suffixed"),
                "{name} builds a literal with `Literal::{ctor}`: text goes through emit::lit::str"
            );
        }
        checked += 1;
    }
    assert!(checked >= 5, "the emitters were not found in {}", dir.display());
}
