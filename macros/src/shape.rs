//! What the derive knows of a field's type, recognised by matching `syn::Type` paths (never by
//! comparing token strings).

use syn::{GenericArgument, PathArguments, Type};

/// The shape of a type, as far as the rules care.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Shape {
    /// `Option<T>`.
    Option(Box<Shape>),
    /// `Vec<T>`.
    Vec(Box<Shape>),
    /// A string: `String`, `str`, `&str`, `Box<str>`, `Rc<str>`, `Arc<str>`, `Cow<str>`.
    Str,
    /// An integer primitive.
    Int(IntType),
    /// `f32` or `f64`.
    Float(&'static str),
    /// `bool`.
    Bool,
    /// Anything else: a type of the user's, such as a generated enum or a nested struct.
    Other,
}

/// An integer primitive and the values it holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct IntType {
    /// The type's name, for messages.
    pub(crate) name: &'static str,
    /// Smallest value.
    pub(crate) min: i128,
    /// Largest value (`u64::MAX` fits an `i128`).
    pub(crate) max: i128,
    /// Wider than 64 bits: the report's numbers cannot hold it.
    pub(crate) wide: bool,
}

const INTEGERS: &[IntType] = &[
    int("i8", i8::MIN as i128, i8::MAX as i128),
    int("i16", i16::MIN as i128, i16::MAX as i128),
    int("i32", i32::MIN as i128, i32::MAX as i128),
    int("i64", i64::MIN as i128, i64::MAX as i128),
    int("isize", i64::MIN as i128, i64::MAX as i128),
    int("u8", 0, u8::MAX as i128),
    int("u16", 0, u16::MAX as i128),
    int("u32", 0, u32::MAX as i128),
    int("u64", 0, u64::MAX as i128),
    int("usize", 0, u64::MAX as i128),
    IntType { name: "i128", min: i128::MIN, max: i128::MAX, wide: true },
    IntType { name: "u128", min: 0, max: i128::MAX, wide: true },
];

const fn int(name: &'static str, min: i128, max: i128) -> IntType {
    IntType { name, min, max, wide: false }
}

impl Shape {
    /// The shape of `ty`.
    pub(crate) fn of(ty: &Type) -> Shape {
        match ty {
            Type::Group(group) => Shape::of(&group.elem),
            Type::Paren(paren) => Shape::of(&paren.elem),
            Type::Reference(reference) if is_str(&reference.elem) => Shape::Str,
            Type::Path(type_path) if type_path.qself.is_none() => Shape::of_path(&type_path.path),
            _ => Shape::Other,
        }
    }

    fn of_path(path: &syn::Path) -> Shape {
        if let Some(inner) = generic_of(path, &[&["std", "option"], &["core", "option"]], "Option") {
            return Shape::Option(Box::new(Shape::of(inner)));
        }
        if let Some(inner) = generic_of(path, &[&["std", "vec"], &["alloc", "vec"]], "Vec") {
            return Shape::Vec(Box::new(Shape::of(inner)));
        }
        if plain(path, &[&["std", "string"], &["alloc", "string"]], "String") || plain(path, PRIMITIVE, "str") {
            return Shape::Str;
        }
        let str_pointers: [(&[&[&str]], &str); 4] = [
            (&[&["std", "boxed"], &["alloc", "boxed"]], "Box"),
            (&[&["std", "rc"], &["alloc", "rc"]], "Rc"),
            (&[&["std", "sync"], &["alloc", "sync"]], "Arc"),
            (&[&["std", "borrow"], &["alloc", "borrow"]], "Cow"),
        ];
        for (modules, name) in str_pointers {
            if generic_of(path, modules, name).is_some_and(is_str) {
                return Shape::Str;
            }
        }
        if let Some(int) = INTEGERS.iter().find(|int| plain(path, PRIMITIVE, int.name)) {
            return Shape::Int(*int);
        }
        for float in ["f32", "f64"] {
            if plain(path, PRIMITIVE, float) {
                return Shape::Float(float);
            }
        }
        if plain(path, PRIMITIVE, "bool") {
            return Shape::Bool;
        }
        Shape::Other
    }

    /// The shape under any number of `Option`s (rules on an `Option` field apply to the value
    /// inside, when there is one).
    pub(crate) fn peel_options(&self) -> &Shape {
        match self {
            Shape::Option(inner) => inner.peel_options(),
            other => other,
        }
    }

    /// How a message names the shape.
    pub(crate) fn describe(&self) -> String {
        match self {
            Shape::Option(inner) => format!("an `Option` of {}", inner.describe()),
            Shape::Vec(_) => "a `Vec`".to_owned(),
            Shape::Str => "a string".to_owned(),
            Shape::Int(int) => format!("`{}`", int.name),
            Shape::Float(name) => format!("`{name}`"),
            Shape::Bool => "`bool`".to_owned(),
            Shape::Other => "a type the derive does not recognise".to_owned(),
        }
    }
}

/// Modules under which primitive types may be named (`core::primitive::u8`).
const PRIMITIVE: &[&[&str]] = &[&["std", "primitive"], &["core", "primitive"]];

/// Whether `path` is `name` alone, or `name` under one of `modules`, without generic arguments.
fn plain(path: &syn::Path, modules: &[&[&str]], name: &str) -> bool {
    named(path, modules, name) && path.segments.iter().all(|s| s.arguments.is_none())
}

/// The single type argument of `name<T>` (or `module::name<T>`), lifetimes skipped.
fn generic_of<'a>(path: &'a syn::Path, modules: &[&[&str]], name: &str) -> Option<&'a Type> {
    if !named(path, modules, name) {
        return None;
    }
    let last = path.segments.last()?;
    if path.segments.iter().rev().skip(1).any(|s| !s.arguments.is_none()) {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    let mut types = args.args.iter().filter_map(|arg| match arg {
        GenericArgument::Type(ty) => Some(ty),
        _ => None,
    });
    match (types.next(), types.next()) {
        (Some(ty), None) => Some(ty),
        _ => None,
    }
}

/// Whether the segments of `path` are `name` or `module.. :: name` for one of `modules`.
fn named(path: &syn::Path, modules: &[&[&str]], name: &str) -> bool {
    let idents: Vec<_> = path.segments.iter().map(|s| &s.ident).collect();
    match idents.split_last() {
        Some((last, [])) => path.leading_colon.is_none() && *last == name,
        Some((last, init)) => {
            *last == name
                && modules
                    .iter()
                    .any(|module| module.len() == init.len() && init.iter().zip(module.iter()).all(|(i, m)| *i == m))
        }
        None => false,
    }
}

fn is_str(ty: &Type) -> bool {
    matches!(ty, Type::Path(p) if p.qself.is_none() && plain(&p.path, PRIMITIVE, "str"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(ty: &str) -> Shape {
        Shape::of(&syn::parse_str(ty).unwrap())
    }

    #[test]
    fn recognises_paths() {
        assert_eq!(shape("Option<String>"), Shape::Option(Box::new(Shape::Str)));
        assert_eq!(shape("::std::option::Option<alloc::string::String>"), Shape::Option(Box::new(Shape::Str)));
        assert_eq!(
            shape("Vec<Option<u16>>"),
            Shape::Vec(Box::new(Shape::Option(Box::new(Shape::of(&syn::parse_quote!(u16))))))
        );
        assert_eq!(shape("&'a str"), Shape::Str);
        assert_eq!(shape("Box<str>"), Shape::Str);
        assert_eq!(shape("std::borrow::Cow<'static, str>"), Shape::Str);
        assert_eq!(shape("core::primitive::f32"), Shape::Float("f32"));
        assert!(matches!(shape("u128"), Shape::Int(IntType { wide: true, .. })));
        assert_eq!(shape("bool"), Shape::Bool);
    }

    #[test]
    fn does_not_guess() {
        assert_eq!(shape("my::Option<String>"), Shape::Other);
        assert_eq!(shape("::String"), Shape::Other);
        assert_eq!(shape("Box<String>"), Shape::Other);
        assert_eq!(shape("Vec<u8, A>"), Shape::Other);
        assert_eq!(shape("TrafficType"), Shape::Other);
        assert_eq!(shape("&u16"), Shape::Other);
        assert_eq!(shape("<T as Trait>::Output"), Shape::Other);
    }
}
