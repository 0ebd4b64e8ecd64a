//! Rust names from wire names: sanitised, case-converted with heck, made unique within a scope.
//!
//! Rules (documented for users in `metadata/README.md`):
//! - characters other than ASCII letters and digits separate words; a non-ASCII letter becomes
//!   `u` and its hex code point, so `名称` stays distinct from `名字`;
//! - a name starting with a digit gets a prefix (`n_` for fields and modules, `V` for types and
//!   variants); an empty name becomes `field`/`Empty`;
//! - keywords become raw identifiers (`r#type`); `self`, `Self`, `crate`, `super` and `_`, which
//!   have no raw form, get a trailing `_`;
//! - type names that would shadow the prelude or the derives generated code uses (`Option`,
//!   `String`, `Result`, `Serialize`, ...) are treated as taken;
//! - names are given to a whole set of wire names at once ([`assign`]): when several wire names
//!   map to one Rust name (`Key` and `key`), the one that follows the product's letter-case
//!   convention gets the plain name and the others a suffix naming their spelling (`key_lowercase`),
//!   so no name depends on declaration order;
//! - within one scope, a name that is already taken gets the first free suffix `2`, `3`, ... (the
//!   last resort).

use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::BTreeSet;

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false", "fn", "for", "if",
    "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static", "struct", "trait",
    "true", "type", "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "gen", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield", "union",
];

const NO_RAW_FORM: &[&str] = &["self", "Self", "crate", "super", "_"];

/// Type names generated code uses unqualified; a generated type must not shadow them.
pub const RESERVED_TYPES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "Vec",
    "String",
    "Box",
    "Default",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "Iterator",
    "IntoIterator",
    "Extend",
    "ToString",
    "ToOwned",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "Hash",
    "Debug",
    "Display",
    "AsRef",
    "AsMut",
    "Into",
    "From",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Serialize",
    "Deserialize",
    "Validate",
    "Self",
    "HashMap",
    "BTreeMap",
    "Value",
    "Client",
    "OPERATION",
    "SERVICE",
    "Report",
    "ServiceError",
    "SdkError",
    "OperationError",
    "KnownValue",
    "Fmt",
    "Formatter",
    "FromStr",
];

/// Splits a wire name into ASCII words heck can case-convert.
fn sanitise(wire: &str) -> String {
    let mut out = String::with_capacity(wire.len());
    for c in wire.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if c.is_alphanumeric() {
            out.push_str(&format!("_u{:x}_", c as u32));
        } else {
            out.push('_');
        }
    }
    out
}

/// `snake_case` identifier for a field or module, keyword-safe.
pub fn snake(wire: &str) -> String {
    let mut s = sanitise(wire).to_snake_case();
    if s.is_empty() {
        s = "field".to_string();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert_str(0, "n_");
    }
    keyword_safe(s)
}

/// `UpperCamelCase` identifier for a type or variant, keyword-safe.
pub fn camel(wire: &str) -> String {
    let mut s = sanitise(wire).to_upper_camel_case();
    if s.is_empty() {
        s = "Empty".to_string();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'V');
    }
    keyword_safe(s)
}

/// A module (and file) name: like [`snake`], but never a raw identifier (`type` → `type_`, so the
/// file is `type_.rs`), never a name the crate root already uses (`runtime`, `std`, ...), and never
/// a file name Windows refuses (`con`, `nul`, ...).
pub fn module(wire: &str) -> String {
    let s = snake(wire);
    let s = match s.strip_prefix("r#") {
        Some(raw) => format!("{raw}_"),
        None => s,
    };
    if RESERVED_MODULES.contains(&s.as_str()) || is_windows_reserved(&s) {
        format!("{s}_api")
    } else {
        s
    }
}

/// Module names the generated crate root or the prelude already gives a meaning.
const RESERVED_MODULES: &[&str] = &["runtime", "std", "core", "alloc", "serde", "serde_json", "alibabacloud_runtime"];

/// Names Windows refuses as file names, whatever the extension.
const WINDOWS_RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2",
    "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Whether a file name (without extension) is one Windows refuses (`con`, `nul`, `lpt1`, ...).
pub fn is_windows_reserved(name: &str) -> bool {
    WINDOWS_RESERVED.contains(&name.to_ascii_lowercase().as_str())
}

/// Whether `s` is a Rust keyword (strict, reserved or weak) that needs the raw form.
pub fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

fn keyword_safe(s: String) -> String {
    if NO_RAW_FORM.contains(&s.as_str()) {
        format!("{s}_")
    } else if KEYWORDS.contains(&s.as_str()) {
        format!("r#{s}")
    } else {
        s
    }
}

/// The part of an identifier after any `r#`.
pub fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// A scope of names (a struct's fields, a module's types, an enum's variants).
#[derive(Debug, Default, Clone)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// A scope where `reserved` names are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Scope { taken: reserved.iter().map(|s| s.to_string()).collect() }
    }

    /// Whether `name` is taken.
    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(unraw(name))
    }

    /// Takes `base`, or `base2`, `base3`, ... (`base_2` for snake-case names). Returns the name taken.
    pub fn take(&mut self, base: &str) -> String {
        if self.taken.insert(unraw(base).to_string()) {
            return base.to_string();
        }
        let stem = unraw(base);
        let snake = stem.chars().next().is_some_and(|c| c.is_ascii_lowercase());
        let sep = if snake && !stem.ends_with('_') { "_" } else { "" };
        (2u32..)
            .map(|n| format!("{stem}{sep}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .expect("an unbounded range always yields a free name")
    }
}

/// The singular of a camel-case name's last word, for the items of a list (`Tags` → `Tag`,
/// `Policies` → `Policy`, `VSwitches` → `VSwitch`, `Statuses` → `Status`). Only regular English
/// plurals are recognised; anything else (`Data`, `Status`, `Address`) is kept as it is.
pub fn singular(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    let cut = |n: usize| name[..name.len() - n].to_string();
    if lower.len() > 4 && lower.ends_with("ies") {
        let y = if name.ends_with("IES") { "Y" } else { "y" };
        return format!("{}{y}", cut(3));
    }
    for tail in ["sses", "shes", "ches", "xes", "zes", "tuses"] {
        if lower.len() > tail.len() && lower.ends_with(tail) {
            return cut(2);
        }
    }
    for keep in ["ss", "us", "is", "os"] {
        if lower.ends_with(keep) {
            return name.to_string();
        }
    }
    if lower.len() > 1 && lower.ends_with('s') {
        return cut(1);
    }
    name.to_string()
}

/// The letter case most wire names of a product start with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Convention {
    /// `RegionId`: RPC parameters, and most response fields.
    #[default]
    Pascal,
    /// `regionId`: many ROA products.
    Camel,
}

impl Convention {
    /// Whether `wire` starts the way the convention says.
    fn follows(self, wire: &str) -> bool {
        match wire.chars().find(|c| c.is_alphabetic()) {
            Some(c) => c.is_uppercase() == (self == Convention::Pascal),
            None => true,
        }
    }

    /// The convention's spelling of a snake-case name (`region_id` → `RegionId` or `regionId`).
    fn spell(self, snake_name: &str) -> String {
        let camel = unraw(snake_name).trim_end_matches('_').to_upper_camel_case();
        match self {
            Convention::Pascal => camel,
            Convention::Camel => {
                let mut chars = camel.chars();
                chars.next().map(|c| c.to_ascii_lowercase().to_string() + chars.as_str()).unwrap_or_default()
            }
        }
    }
}

/// The case of Rust names [`assign`] makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// Fields and methods: [`snake`].
    Snake,
    /// Types and variants: [`camel`].
    Camel,
}

/// How a wire name is spelled, for the suffix of a name that lost its plain form to a sibling.
fn spelling(wire: &str) -> &'static str {
    let letters = || wire.chars().filter(|c| c.is_alphabetic());
    if wire.chars().any(|c| !c.is_alphanumeric()) {
        "separated"
    } else if letters().all(char::is_lowercase) {
        "lowercase"
    } else if letters().all(char::is_uppercase) {
        "uppercase"
    } else if letters().next().is_some_and(char::is_lowercase) {
        "camel_case"
    } else {
        "pascal_case"
    }
}

/// Rust names for a set of wire names, one each, unique among themselves and against `scope`
/// (which takes them), chosen from the whole set so that the order of `wires` changes nothing:
///
/// - a wire name whose Rust form is its own gets it;
/// - among wire names with the same Rust form (`Key`, `key`), the one that follows `convention`,
///   then the one spelled exactly as the convention spells that form, then the smallest in byte
///   order, gets it; each other gets the form plus its spelling (`key_lowercase`, `KeyUppercase`);
/// - a name still taken (reserved, or two spellings of one kind) gets a counter: the last resort.
///
/// Returns the names in the order of `wires`.
pub fn assign(wires: &[&str], case: Case, convention: Convention, scope: &mut Scope) -> Vec<String> {
    let form = |w: &str| match case {
        Case::Snake => snake(w),
        Case::Camel => camel(w),
    };
    let mut groups: std::collections::BTreeMap<String, Vec<usize>> = std::collections::BTreeMap::new();
    for (i, w) in wires.iter().enumerate() {
        groups.entry(form(w)).or_default().push(i);
    }
    let mut out = vec![String::new(); wires.len()];
    let mut losers = Vec::new();
    for (base, mut members) in groups {
        let canonical = match case {
            Case::Snake => convention.spell(&base),
            Case::Camel => unraw(&base).to_string(),
        };
        members.sort_by(|&a, &b| {
            let key = |i: usize| (!convention.follows(wires[i]), wires[i] != canonical, wires[i]);
            key(a).cmp(&key(b))
        });
        out[members[0]] = scope.take(&base);
        for &m in &members[1..] {
            losers.push((base.clone(), m));
        }
    }
    for (base, m) in losers {
        let suffix = spelling(wires[m]);
        let name = match case {
            Case::Snake => format!("{}_{suffix}", unraw(&base).trim_end_matches('_')),
            Case::Camel => format!("{}{}", unraw(&base).trim_end_matches('_'), suffix.to_upper_camel_case()),
        };
        out[m] = scope.take(&name);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_case_and_keeps_keywords_compiling() {
        assert_eq!(snake("EcrId"), "ecr_id");
        assert_eq!(snake("type"), "r#type");
        assert_eq!(snake("Self"), "self_");
        assert_eq!(snake("super"), "super_");
        assert_eq!(snake("3Times"), "n_3times");
        assert_eq!(snake(""), "field");
        assert_eq!(snake("Tag.N.Key"), "tag_n_key");
        assert_eq!(camel("IncorrectStatus.Ecr"), "IncorrectStatusEcr");
        assert_eq!(camel("INVALID_PARAMETER"), "InvalidParameter");
        assert_eq!(camel("1:4096"), "V14096");
        assert_eq!(camel("Self"), "Self_");
        assert_eq!(camel("  "), "Empty");
        assert_eq!(module("type"), "type_");
        assert_eq!(module("Runtime"), "runtime_api");
        assert_eq!(module("self"), "self_");
        assert_eq!(module("Con"), "con_api");
        assert_eq!(module("LPT1"), "lpt1_api");
    }

    #[test]
    fn non_ascii_letters_stay_distinct() {
        assert_ne!(snake("名称"), snake("名字"));
        assert_eq!(snake("名称"), "u540d_u79f0");
    }

    #[test]
    fn collisions_get_numbered() {
        let mut scope = Scope::default();
        assert_eq!(scope.take(&snake("RegionId")), "region_id");
        assert_eq!(scope.take(&snake("regionId")), "region_id_2");
        assert_eq!(scope.take(&snake("Region_Id")), "region_id_3");
        let mut types = Scope::with_reserved(RESERVED_TYPES);
        assert_eq!(types.take("Result"), "Result2");
        assert_eq!(types.take("Tag"), "Tag");
        let mut fields = Scope::default();
        assert_eq!(fields.take("r#type"), "r#type");
        assert_eq!(fields.take("r#type"), "type_2");
    }

    #[test]
    fn list_items_are_named_in_singular() {
        for (plural, one) in [
            ("Tags", "Tag"),
            ("Tag", "Tag"),
            ("Policies", "Policy"),
            ("VSwitches", "VSwitch"),
            ("IpAddresses", "IpAddress"),
            ("Statuses", "Status"),
            ("Status", "Status"),
            ("Prefixes", "Prefix"),
            ("Data", "Data"),
            ("VpcIds", "VpcId"),
            ("S", "S"),
        ] {
            assert_eq!(singular(plural), one, "{plural}");
        }
    }

    #[test]
    fn case_variants_get_the_same_names_in_any_order() {
        let names = |wires: &[&str]| {
            let mut scope = Scope::default();
            let got = assign(wires, Case::Snake, Convention::Pascal, &mut scope);
            wires.iter().map(|w| w.to_string()).zip(got).collect::<std::collections::BTreeMap<_, _>>()
        };
        let a = names(&["key", "Key", "Value", "value"]);
        let b = names(&["Key", "Value", "value", "key"]);
        assert_eq!(a, b);
        assert_eq!(a["Key"], "key");
        assert_eq!(a["key"], "key_lowercase");
        assert_eq!(a["Value"], "value");
        assert_eq!(a["value"], "value_lowercase");
    }

    #[test]
    fn camel_convention_prefers_camel_spellings() {
        let mut scope = Scope::default();
        let got =
            assign(&["RegionId", "regionId", "Region-Id", "region_id"], Case::Snake, Convention::Camel, &mut scope);
        assert_eq!(got, ["region_id_pascal_case", "region_id", "region_id_separated_2", "region_id_separated"]);
    }

    #[test]
    fn reserved_and_repeated_spellings_fall_back_to_counters() {
        let mut scope = Scope::with_reserved(&["Unhandled"]);
        assert_eq!(assign(&["Unhandled"], Case::Camel, Convention::Pascal, &mut scope), ["Unhandled2"]);
        let mut scope = Scope::default();
        // Two other Pascal spellings of one name: byte order decides, the second gets a counter.
        let got = assign(&["RegionID", "RegionId", "REGIONId"], Case::Snake, Convention::Pascal, &mut scope);
        assert_eq!(got, ["region_id_pascal_case_2", "region_id", "region_id_pascal_case"]);
    }
}
