//! The expansion, read as text: what the derive emits for a few fields.

use crate::{check, errors::Errors, expand};

/// The pretty-printed expansion of `input`, or the error messages.
fn expand_str(input: &str) -> Result<String, Vec<String>> {
    let input: syn::DeriveInput = syn::parse_str(input).unwrap();
    let mut errors = Errors::default();
    let container = check::container(&input, &mut errors);
    if !errors.is_empty() {
        let tokens = errors.to_compile_errors();
        let file: syn::File = syn::parse2(tokens).unwrap();
        return Err(file.items.iter().map(|item| quote::quote!(#item).to_string()).collect());
    }
    let file: syn::File = syn::parse2(expand::impl_validate(&container)).unwrap();
    Ok(prettyplease::unparse(&file))
}

#[test]
fn one_field_with_several_rules() {
    let expansion = expand_str(
        r#"
        struct Tag {
            #[validate(wire = "Key", length(max = 128), not_starts_with("aliyun", "acs:"))]
            key: Option<String>,
        }
        "#,
    )
    .unwrap();
    let expected = r#"#[automatically_derived]
impl ::alibabacloud_runtime::validate::Validate for Tag {
    #[inline]
    fn validate_into(
        &self,
        __path: &::alibabacloud_runtime::validate::Path<'_>,
        __report: &mut ::alibabacloud_runtime::validate::Report,
    ) {
        {
            let __at0 = __path.at_field("key", "Key");
            let __value0 = &self.key;
            if let ::core::option::Option::Some(__value1) = __value0 {
                __report
                    .check(
                        __at0,
                        ::alibabacloud_runtime::validate::rules::length::check(
                            __value1,
                            ::core::option::Option::None,
                            ::core::option::Option::Some(128usize),
                        ),
                    );
                __report
                    .check(
                        __at0,
                        ::alibabacloud_runtime::validate::rules::prefix::check(
                            __value1,
                            &["aliyun", "acs:"],
                        ),
                    );
            }
        }
    }
}
"#;
    assert_eq!(expansion, expected, "\n{expansion}");
}

#[test]
fn required_each_and_patterns() {
    let expansion = expand_str(
        r#"
        #[validate(crate = "rt")]
        struct Request {
            #[validate(required, each(pattern = "^[a-z]+$"))]
            names: Vec<String>,
            #[validate(secret, range(min = -1, exclusive_max = 2.5))]
            ratio: f32,
        }
        "#,
    )
    .unwrap();
    for expected in [
        "match rt::validate::rules::required::non_empty(__value0) {",
        "::core::result::Result::Err(__kind) => __report.push(__at0, __kind),",
        "::core::iter::Iterator::enumerate(",
        "let __list2 = __at0.path();",
        "let __path2 = __list2.index(__index2);",
        "static __PATTERN: ::std::sync::LazyLock<",
        "::std::sync::LazyLock::new(|| rt::validate::rules::pattern::Pattern::compile(",
        "rt::validate::rules::pattern::check(__value2, &__PATTERN)",
        ".check_secret(",
        "min: ::core::option::Option::Some(-1.0),",
        "exclusive_max: ::core::option::Option::Some(2.5),",
    ] {
        assert!(expansion.contains(expected), "missing {expected:?} in\n{expansion}");
    }
}

#[test]
fn all_errors_at_once() {
    let errors = expand_str(
        r#"
        struct Broken {
            #[validate(lenght(max = 1), length(min = 3, max = 2))]
            a: String,
            #[validate(required)]
            b: String,
            #[validate(pattern = "(?=x)", items(max = 1))]
            c: Option<String>,
        }
        "#,
    )
    .unwrap_err();
    assert_eq!(errors.len(), 5, "{errors:#?}");
}
